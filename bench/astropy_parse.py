#!/usr/bin/env python3
"""parse_bench's counterpart in astropy (run by bench/run.sh).

usage: astropy_parse.py RESPONSE.xml

astropy.io.votable.parse() of the file, then the access URL, RA, Dec, title and NAXIS of every
row, found by their SIA 1.0 UCDs, summed into the same checksum line parse_bench prints.
Downloads are switched off: astropy must not fetch anything while it is being timed.
"""
import sys

from astropy.utils.data import conf

conf.allow_internet = False

import numpy as np  # noqa: E402
from astropy.io.votable import parse  # noqa: E402


def main():
    table = parse(sys.argv[1], verify="ignore").get_first_table()
    by_ucd = {(f.ucd or "").lower(): f.ID or f.name for f in table.fields}
    arr = table.array
    url = arr[by_ucd["vox:image_accessreference"]]
    title = arr[by_ucd["vox:image_title"]]
    ra = arr[by_ucd["pos_eq_ra_main"]]
    dec = arr[by_ucd["pos_eq_dec_main"]]
    naxis = arr[by_ucd["vox:image_naxis"]]
    text_bytes = 0
    radec_sum = 0.0
    naxis_sum = 0
    nulls = 0
    for i in range(len(arr)):
        for col in (url, title):
            if np.ma.is_masked(col[i]):
                nulls += 1
            else:
                text_bytes += len(str(col[i]).encode("utf-8"))
        for col in (ra, dec):
            if np.ma.is_masked(col[i]):
                nulls += 1
            else:
                radec_sum += float(col[i])
        v = naxis[i]
        if np.ma.is_masked(v) and np.ma.getmaskarray(v).all():
            nulls += 1
        else:
            naxis_sum += int(np.ma.filled(v, 0).sum())
    print(f"rows={len(arr)} text_bytes={text_bytes} radec_sum={radec_sum:.6f} "
          f"naxis_sum={naxis_sum} nulls={nulls}")


if __name__ == "__main__":
    main()
