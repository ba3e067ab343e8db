"""pyvo's way to save every image of a saved SIA 1.0 response: a cachedataset() loop, one
file after the other (bench/downloads.sh). Only 127.0.0.1 is contacted.

    python pyvo_downloads.py RESPONSE.xml DIR
"""
import sys

from astropy.utils.data import conf

conf.allow_internet = False

from astropy.io.votable import parse  # noqa: E402
from pyvo.dal.sia import SIAResults  # noqa: E402

results = SIAResults(parse(sys.argv[1]))
for record in results:
    record.cachedataset(dir=sys.argv[2])
