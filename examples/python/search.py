#!/usr/bin/env python3
"""search: search an SIA 1.0 or 2.0 service by position with the vosia package, or read a
saved response, and print the images found (title, RA, Dec, MJD, format, access URL).

    python search.py [-2] URL RA DEC SIZE    e.g. python search.py http://127.0.0.1:8080/siatest/q/i/siap.xml? 10.68 41.27 0.2
    python search.py [-2] -f RESPONSE.xml
    python search.py ... --table             the whole result as an astropy Table instead

SIA 1.0 sends POS=RA,DEC&SIZE=SIZE; with -2 (SIA 2.0) POS=CIRCLE RA DEC SIZE/2. A null
prints "-". Errors print vosia's message and exit with status 1. Needs the package
(pip install ./python from the repository), or PYTHONPATH=python and VOSIA_LIB set to a
built libvosia.so.
"""
import sys

import vosia


USAGE = "usage: search.py [-2] URL RA DEC SIZE | search.py [-2] -f FILE  [--table]"


def show(results, as_table):
    print(f"{len(results)} images" + (" (overflow: more matched)" if results.overflow else ""))
    if as_table:
        print(results.to_table())
        return

    def num(x, fmt, width):
        return "-".rjust(width) if x is None else format(x, fmt)

    for row in results:
        print(f"{row.std('title') or '-':30.30} {num(row.std('ra'), '10.5f', 10)} "
              f"{num(row.std('dec'), '+10.5f', 10)} {num(row.std('mjd_obs'), '11.4f', 11)} "
              f"{row.std('format') or '-':12.12} {row.getdataurl() or '-'}")


def main(argv):
    # Plain argument handling, as the C++ example's: "-2" and negative Dec values would
    # confuse argparse.
    as_table = "--table" in argv
    argv = [a for a in argv if a != "--table"]
    version = vosia.SIA1
    if argv[:1] == ["-2"]:
        version, argv = vosia.SIA2, argv[1:]
    try:
        if len(argv) == 2 and argv[0] == "-f":
            show(vosia.parse_file(argv[1], version), as_table)
            return 0
        if len(argv) != 4:
            print(USAGE, file=sys.stderr)
            return 2
        url, (ra, dec, size) = argv[0], map(float, argv[1:])
        svc = vosia.Service(url, version, timeout=60)
        if version == vosia.SIA1:
            query = svc.create_query(pos=(ra, dec), size=size)
        else:
            query = svc.create_query(pos=(ra, dec, size / 2))
        print(f"GET {query.url}")
        show(query.execute(), as_table)
    except vosia.VosiaError as e:
        print(f"search: {e} ({e.status_text})", file=sys.stderr)
        return 1
    except (ImportError, ValueError) as e:  # --table without astropy; RA "x"
        print(f"search: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
