"""pyvo's way to get the DataLink links of every row of a saved SIA 2.0 response:
iter_datalinks(); prints how many #this links came back (bench/datalink.sh), and with
--time the seconds spent in iter_datalinks itself (imports aside). Only 127.0.0.1.

    python pyvo_datalink.py RESPONSE.xml [--time]
"""
import sys
import time

from astropy.utils.data import conf

conf.allow_internet = False

from astropy.io.votable import parse  # noqa: E402
from pyvo.dal.sia2 import SIA2Results  # noqa: E402

results = SIA2Results(parse(sys.argv[1]))
t0 = time.perf_counter()
n = sum(sum(1 for link in dl if link.semantics == "#this") for dl in results.iter_datalinks())
t = time.perf_counter() - t0
print(f"{t:.4f}" if "--time" in sys.argv else n)
