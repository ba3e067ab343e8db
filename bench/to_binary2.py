#!/usr/bin/env python3
"""Re-serializes a VOTable as BINARY2 with astropy's writer (bench/run.sh's BINARY2 file).

usage: to_binary2.py IN.xml OUT.xml

The same table, FIELDs and values, written with tabledata_format="binary2"; downloads are
switched off.
"""
import sys

from astropy.utils.data import conf

conf.allow_internet = False

from astropy.io.votable import parse  # noqa: E402

votable = parse(sys.argv[1], verify="ignore")
votable.to_xml(sys.argv[2], tabledata_format="binary2")
