"""Search an SIA service around a position and save every image into a folder: in parallel,
complete files only, resumed when cut short, nothing fetched twice, DataLink access URLs
followed to the dataset; with --cutout R, a circle of radius R cut out of each (SODA).

    python download.py [-2] URL RA DEC SIZE DIR [--cutout R]
    python download.py -2 http://127.0.0.1:8080/siatest/q/sia2dl/siap2.xml? 10.68 41.27 0.2 images
"""
import argparse
import os
import sys

import vosia


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-2", dest="sia2", action="store_true", help="SIA 2.0 (default 1.0)")
    p.add_argument("url")
    p.add_argument("ra", type=float)
    p.add_argument("dec", type=float)
    p.add_argument("size", type=float, help="degrees (SIA 2.0: the circle's diameter)")
    p.add_argument("dir")
    p.add_argument("--cutout", type=float, metavar="R", help="cut a circle of radius R (deg)")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    svc = vosia.Service(a.url, vosia.SIA2 if a.sia2 else vosia.SIA1)
    if a.sia2:
        res = svc.search(pos=(a.ra, a.dec, a.size / 2))
    else:
        res = svc.search(pos=(a.ra, a.dec), size=a.size)
    if a.cutout:
        outcomes = res.cutout(a.dir, circle=(a.ra, a.dec, a.cutout), strict=False)
    else:
        outcomes = res.download(a.dir, strict=False)
    for o in outcomes:
        print(o.path + (" (already there)" if o.how == "cached" else "") if o.ok
              else f"failed: {o.error}")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
