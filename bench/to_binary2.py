#!/usr/bin/env python3
"""Re-serializes a TABLEDATA VOTable as BINARY2 (bench/run.sh's BINARY2 file).

usage: to_binary2.py IN.xml OUT.xml

The same FIELDs and values, each row written as BINARY2 (VOTable 1.4 §5.5): its null flags,
then every cell big-endian, variable-length ones after a 4-byte count. Our own writer, so
that the file does not depend on the readers it compares: astropy 8's BINARY2 writer output
could be read back neither by astropy itself (0 rows) nor by vosia (a cell count past the
stream) for this table. Handles what gen_sia1.py writes: char, int, long, double, scalars
and 1-D arrays, fixed or "*". Characters outside ASCII become "?" (astropy reads char cells
as ASCII).
"""
import base64
import html
import re
import struct
import sys

CODES = {"int": ">i", "long": ">q", "double": ">d", "float": ">f", "short": ">h"}


def main():
    src, out = sys.argv[1], sys.argv[2]
    text = open(src, encoding="utf-8").read()
    text = text.encode("ascii", "replace").decode("ascii")
    head, rest = text.split("<TABLEDATA>", 1)
    body, tail = rest.split("</TABLEDATA>", 1)
    fields = [dict(re.findall(r'(\w+)="([^"]*)"', f)) for f in re.findall(r"<FIELD\b[^>]*>", head)]
    flag_bytes = (len(fields) + 7) // 8
    rows = []
    for tr in re.finditer(r"<TR>(.*?)</TR>", body, re.S):
        cells = [html.unescape(c) for c in re.findall(r"<TD>(.*?)</TD>", tr.group(1), re.S)]
        flags = bytearray(flag_bytes)
        parts = []
        for k, (field, cell) in enumerate(zip(fields, cells)):
            kind, size = field.get("datatype"), field.get("arraysize")
            if cell == "":
                flags[k // 8] |= 0x80 >> (k % 8)
            if kind == "char":
                data = cell.encode("ascii")
                if size is None:
                    parts.append(data[:1].ljust(1, b"\0"))
                elif size.endswith("*"):
                    parts.append(struct.pack(">I", len(data)) + data)
                else:
                    parts.append(data[: int(size)].ljust(int(size), b"\0"))
                continue
            code = CODES[kind]
            values = cell.split()
            if size is None:
                number = (float if kind in ("double", "float") else int)(values[0]) if values else 0
                parts.append(struct.pack(code, number))
                continue
            cast = float if kind in ("double", "float") else int
            packed = b"".join(struct.pack(code, cast(v)) for v in values)
            parts.append(struct.pack(">I", len(values)) + packed if size.endswith("*") else packed)
        rows.append(bytes(flags) + b"".join(parts))
    stream = base64.encodebytes(b"".join(rows)).decode("ascii")
    with open(out, "w", encoding="ascii") as f:
        f.write(head)
        f.write('<BINARY2><STREAM encoding="base64">\n')
        f.write(stream)
        f.write("</STREAM></BINARY2>")
        f.write(tail)


if __name__ == "__main__":
    main()
