#!/usr/bin/env python3
"""Every file of the shared corpus read by astropy.io.votable and by vosia; every cell compared.

Usage: astropy_compare.py --dump PATH/TO/dump_votable [--corpus DIR] [-v]

vosia's side comes from examples/dump_votable.rs (one JSON line of column metadata, then one
JSON array per row). astropy reads the same table vosia reads: the first TABLE of the first
RESOURCE with type="results", else the first TABLE of the document (src/votable/reader.rs,
the "TABLE" arm of `open`). Per file:

  * tables: same row count, same column count, same column names and datatypes, and every cell
    equal: integers exactly, doubles exactly, float32 columns after rounding both sides to
    float32, strings exactly, arrays element by element; astropy's masked or NaN values are
    vosia's null.
  * error documents (MANIFEST kind "error"): vosia reports a Service error with a message, and
    astropy finds no table either.
  * files astropy refuses to read (ASTROPY_REFUSES below, each checked to really be refused):
    vosia reads them with the MANIFEST's row count; their cells are not compared.
  * columns astropy cannot convert (ASTROPY_SKIPS_COLUMNS, each checked to still be needed):
    astropy reads the file without them, every other cell is compared, and vosia's cells there
    are checked against what the entry says.

Two comparison rules apply everywhere, by vosia's documented design (counted; printed with -v):
  * EMPTY_TEXT: astropy's empty string in a text column is vosia's null ("empty text is null",
    Results::c_str).
  * NULL_ARRAY: astropy's empty or all-masked array is vosia's null array cell.

Every other difference must be listed in KNOWN_DIFFERENCES (file, column, rule, reason); an
entry that no longer matches any cell is itself a failure, so the list cannot rot.

Prints "N passed, N failed" (a file passes when every check on it holds) and exits non-zero
on any failure. Internet downloads are off in astropy.
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET

from astropy.utils.data import conf

conf.allow_internet = False

import numpy as np  # noqa: E402
from astropy.io.votable import parse  # noqa: E402


# ---------------------------------------------------------------------------------------------
# Known deliberate differences. Each (file, column name) pair names a rule; a cell that differs
# is accepted only if the rule for its file and column says so, and each entry must accept at
# least one cell (else the script fails: the difference is gone, remove the entry).
# ---------------------------------------------------------------------------------------------


def _truncated_to_one_char(a, v):
    """astropy: a char FIELD without arraysize holds one character (VOTable 1.4 sec. 2.2;
    astropy warns W47) and keeps only the first; vosia keeps the whole string, since archives
    that omit arraysize mean a string (src/votable/reader.rs, parse_field)."""
    return isinstance(a, str) and isinstance(v, str) and len(v) > 1 and a == v[:1]


def _empty_integer_is_zero(a, v):
    """An empty TD in an integer column without VALUES null: VOTable 1.3 made it null; before
    1.3 it was illegal, and astropy (for a VOTable < 1.3 document) warns W49 and reads 0,
    unmasked. vosia reads null whatever the version: a service that wrote nothing did not
    mean 0."""
    return a == 0 and not isinstance(a, bool) and v is None


RULES = {
    "truncated-char": _truncated_to_one_char,
    "empty-integer-zero": _empty_integer_is_zero,
}

# (file, column name) -> (rule, reason). Every cell that differs must be accepted by the rule
# of its (file, column); every entry must accept at least one cell.
KNOWN_DIFFERENCES = {
    ("usvao/CADC_CFHT.91.xml", "position_naxis"): (
        "truncated-char",
        "FIELD with no datatype and no arraysize holding \"{18911,14701}\": astropy reads "
        "\"{\", vosia the whole text",
    ),
    ("usvao/CADC_CFHT.91.xml", "position_scale"): (
        "truncated-char",
        "same, \"{5.17e-05,5.17e-05}\": astropy reads \"{\", vosia the whole text",
    ),
    ("astropy/gemini.xml", "content_length"): (
        "empty-integer-zero",
        "VOTable 1.2, long column without VALUES null, <TD /> in rows 1-3: astropy 0, vosia null",
    ),
}

# Columns astropy cannot convert, so that parse() raises on the whole file: file -> {column
# name: (reason, what vosia must hold there instead)}. astropy then reads the file without
# those columns (parse(columns=...)) and every other cell is compared. Each entry is checked
# to be needed: astropy must still raise when the column is included.
# (astropy's invalid="mask" is no way out: on usvao/2MASS_QL.29.xml it masks scntr, then
# takes every later cell of the row from the next TD -- scntr gets date's 980527, date gets
# hem's "n", ... -- an astropy bug.)
ASTROPY_SKIPS_COLUMNS = {
    "usvao/2MASS_QL.29.xml": {
        "scntr": (
            'int column whose every TD is the literal text "null": astropy raises '
            "ValueError (int('null')); vosia reads null, as IRSA means",
            lambda cells: all(v is None for v in cells),
        ),
    },
}

# Files astropy cannot read at all (parse(verify="ignore") raises before any cell): file ->
# reason. Each is checked to really be refused, and vosia must read it with the MANIFEST's
# row count; its cells are not compared.
ASTROPY_REFUSES = {
    "usvao/GalexSiapVotable.xml": 'PARAM datatype="int" value="16407,12000": astropy int() fails',
    "usvao/m101-dss.xml": 'FIELD arraysize="" (empty): astropy indexes arraysize[-1], IndexError',
}


# ---------------------------------------------------------------------------------------------


def local(tag):
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def chosen_table_path(path):
    """Where the table vosia reads sits, in astropy's terms: (resource index path, table
    index), or None when the document has no TABLE vosia would read.

    vosia decodes the first TABLE of the document, and switches to a later TABLE that is the
    first TABLE of a RESOURCE whose type attribute is exactly "results" (surrounding blanks
    ignored) unless the table it holds is already such a one. astropy's Resource.type defaults
    to "results" when the attribute is absent, so the raw attribute is read here with
    ElementTree."""
    root = ET.parse(path).getroot()
    tables = []  # (resource path, index in resource, resource is results)

    def walk(elem, res_path, is_results):
        n_tables = n_resources = 0
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            name = local(child.tag)
            if name == "RESOURCE":
                kind = (child.get("type") or "").strip()
                walk(child, (res_path or ()) + (n_resources,), kind == "results")
                n_resources += 1
            elif name == "TABLE" and res_path is not None:
                tables.append((res_path, n_tables, is_results))
                n_tables += 1
            elif name == "TABLE":
                tables.append((None, None, False))  # outside any RESOURCE: astropy skips it

    walk(root, None, False)
    if not tables:
        return None
    for res_path, k, is_results in tables:
        if is_results and k == 0:
            return res_path, k
    return tables[0][0], tables[0][1]


def astropy_parse(path, columns=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse(path, verify="ignore", columns=columns)


def astropy_table(path, columns=None):
    """The astropy table at vosia's choice, or None when there is none; only `columns`
    (field indices) when given."""
    votable = astropy_parse(path, columns)
    where = chosen_table_path(path)
    if where is None:
        return votable, None
    res_path, k = where
    if res_path is None:
        raise RuntimeError("vosia's table stands outside any RESOURCE, where astropy does not look")
    resource = votable.resources[res_path[0]]
    for i in res_path[1:]:
        resource = resource.resources[i]
    return votable, resource.tables[k]


def py_scalar(x, masked):
    """One astropy element as None, int, float, str or complex."""
    if masked:
        return None
    if isinstance(x, (bytes, np.bytes_)):
        return x.decode("utf-8")
    if isinstance(x, (str, np.str_)):
        return str(x)
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (np.integer, int)):
        return int(x)
    if isinstance(x, (np.complexfloating, complex)):
        return complex(x)
    if isinstance(x, (np.floating, float)):
        return None if math.isnan(x) else float(x)
    raise TypeError(f"unexpected astropy element {x!r} ({type(x).__name__})")


def as_list(value, mask):
    """An astropy array cell (fixed: ndarray + mask array; variable: a masked array or ndarray
    in an object cell) as a flat Python list, complex values as [re, im] pairs."""
    data = np.ma.getdata(value)
    m = np.ma.getmaskarray(value) if np.ma.isMaskedArray(value) else np.zeros(np.shape(data), bool)
    if mask is not None and np.ndim(mask) > 0:
        m = m | np.asarray(mask, bool)
    out = []
    for x, xm in zip(np.ravel(data), np.ravel(m)):
        item = py_scalar(x, bool(xm))
        if isinstance(item, complex):
            out += [item.real, item.imag]
        elif item is None and np.iscomplexobj(data):
            out += [None, None]
        else:
            out.append(item)
    return out


def astropy_cell(col, mask_col, i):
    """Cell i of an astropy column: None, a scalar, or a list (arrays)."""
    value = col[i]
    mask = mask_col[i] if mask_col is not None else False
    if col.dtype.kind == "O":
        if np.ndim(mask) == 0 and bool(mask):
            return None
        if value is None:
            return None
        if isinstance(value, (str, bytes, np.str_, np.bytes_)):
            return py_scalar(value, False)
        return as_list(value, None)
    if np.ndim(value) > 0 or col.ndim > 1:
        return as_list(value, mask)
    item = py_scalar(value, bool(mask))
    if isinstance(item, complex):
        return [item.real, item.imag]
    return item


def vosia_number(x):
    if x == "Infinity":
        return math.inf
    if x == "-Infinity":
        return -math.inf
    return x


def same_number(a, v, float32):
    if a is None or v is None:
        return a is None and v is None
    if isinstance(v, str):
        v = vosia_number(v)
    if isinstance(v, str) or isinstance(a, str):
        return False
    if float32:
        return bool(np.float32(a) == np.float32(v))
    if isinstance(a, int) != isinstance(v, int):
        return False  # an integer on one side, a real on the other: the columns disagree
    return a == v


def same_cell(a, v, datatype):
    """Plain agreement (no known difference), or the name of the general rule that applies."""
    float32 = datatype in ("float", "floatComplex")
    if isinstance(a, list) or isinstance(v, list):
        if v is None and isinstance(a, list) and all(x is None for x in a):
            return "NULL_ARRAY"
        if not (isinstance(a, list) and isinstance(v, list)) or len(a) != len(v):
            return False
        return all(same_number(x, y, float32) for x, y in zip(a, v))
    if isinstance(a, str) or (isinstance(v, str) and datatype in ("char", "unicodeChar")):
        if a == v:
            return True
        if a == "" and v is None:
            return "EMPTY_TEXT"
        return False
    return same_number(a, v, float32)


def run_dump(dump, path, protocol):
    version = "2" if protocol == "sia2" else "1"
    proc = subprocess.run([dump, path, version], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"dump_votable exited {proc.returncode}: {proc.stderr.strip()}")
    lines = proc.stdout.splitlines()
    if not lines:
        raise RuntimeError("dump_votable printed nothing")
    head = json.loads(lines[0])
    rows = [json.loads(line) for line in lines[1:]]
    return head, rows


class FileCheck:
    def __init__(self, name):
        self.name = name
        self.problems = []

    def fail(self, message):
        self.problems.append(message)


def short(x, n=90):
    r = repr(x)
    return r if len(r) <= n else r[: n - 3] + "..."


def compare_table(check, table, head, rows, used, rule_counts, skipped):
    """Compares every cell; `skipped` are vosia column indices astropy was told not to read."""
    fields = table.fields
    columns = [(j, c) for j, c in enumerate(head["columns"]) if j not in skipped]
    arr = table.array
    n_rows = len(arr)
    if head["rows"] != n_rows or len(rows) != n_rows:
        check.fail(f"rows: astropy {n_rows}, vosia {head['rows']} ({len(rows)} printed)")
    if len(columns) != len(fields):
        check.fail(f"columns: astropy {len(fields)}, vosia {len(columns)}")
        return
    names = arr.dtype.names
    for k, (f, (j, c)) in enumerate(zip(fields, columns)):
        a_name = f.name if f.name is not None else f.ID
        if a_name != c["name"]:
            check.fail(f"column {j}: name astropy {a_name!r}, vosia {c['name']!r}")
        a_type = f.datatype or "char"
        if a_type != c["datatype"]:
            check.fail(f"column {j} ({c['name']}): datatype astropy {a_type!r}, vosia {c['datatype']!r}")
    data = np.ma.getdata(arr)
    mask = np.ma.getmaskarray(arr) if np.ma.isMaskedArray(arr) else None
    for k, (j, c) in enumerate(columns):
        col = data[names[k]]
        mask_col = mask[names[k]] if mask is not None else None
        known = KNOWN_DIFFERENCES.get((check.name, c["name"]))
        for i in range(min(n_rows, len(rows))):
            a = astropy_cell(col, mask_col, i)
            v = rows[i][j] if j < len(rows[i]) else "<missing>"
            same = same_cell(a, v, c["datatype"])
            if same is True:
                continue
            if same:
                rule_counts[same] = rule_counts.get(same, 0) + 1
                continue
            if known is not None and RULES[known[0]](a, v):
                used[(check.name, c["name"])] = used.get((check.name, c["name"]), 0) + 1
                continue
            check.fail(
                f"row {i}, column {j} ({c['name']}, {c['datatype']}[{c['arraysize']}]): "
                f"astropy {short(a)}, vosia {short(v)}"
            )


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", required=True, help="the dump_votable example binary")
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    corpus = os.path.normpath(args.corpus)
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        print(f"skipped: no corpus at {corpus}")
        return 0
    with open(manifest, newline="", encoding="utf-8") as fh:
        entries = list(csv.DictReader(fh, delimiter="\t"))

    used = {}
    rule_counts = {}
    refused = []
    vosia_warnings = {}
    passed = failed = 0
    listed = {e["path"] for e in entries}
    for e in entries:
        name = e["path"]
        path = os.path.join(corpus, name)
        check = FileCheck(name)
        try:
            head, rows = run_dump(args.dump, path, e["protocol"])
        except Exception as exc:  # noqa: BLE001 - reported as this file's failure
            check.fail(f"vosia: {exc}")
            head, rows = None, None
        skips = ASTROPY_SKIPS_COLUMNS.get(name, {})
        skipped = set()
        if skips and head is not None and "columns" in head:
            by_name = {c["name"]: j for j, c in enumerate(head["columns"])}
            for column, (_, holds) in skips.items():
                if column not in by_name:
                    check.fail(f"ASTROPY_SKIPS_COLUMNS: vosia has no column {column!r}")
                    continue
                skipped.add(by_name[column])
                if not holds([r[by_name[column]] for r in rows]):
                    check.fail(f"column {column} (not read by astropy): vosia's cells are not as expected")
            try:
                astropy_parse(path)
                check.fail("ASTROPY_SKIPS_COLUMNS is stale: astropy reads every column now; remove the entry")
            except Exception:  # noqa: BLE001 - the refusal the entry describes
                pass
        try:
            keep = None
            if skipped:
                keep = [j for j in range(len(head["columns"])) if j not in skipped]
            votable, table = astropy_table(path, keep)
            astropy_error = None
        except Exception as exc:  # noqa: BLE001 - astropy refusing is recorded, not fatal
            votable, table, astropy_error = None, None, f"{type(exc).__name__}: {exc}"

        if head is not None and head.get("warnings"):
            vosia_warnings[name] = head["warnings"]
        if head is not None and "error" in head:
            vosia_error = head
        else:
            vosia_error = None

        if e["kind"] == "error":
            if vosia_error is None:
                check.fail("vosia read an error document as a table" if head else "vosia gave nothing")
            elif vosia_error["error"] != "Service" or not vosia_error["message"].strip():
                check.fail(f"vosia: {vosia_error['error']} error {vosia_error['message']!r}, not a Service error with text")
            if astropy_error is None and table is not None:
                check.fail("astropy found a table in an error document")
        elif astropy_error is not None:
            refused.append((name, astropy_error))
            if name not in ASTROPY_REFUSES:
                check.fail(f"astropy refuses it, and ASTROPY_REFUSES does not say so: {astropy_error}")
            if vosia_error is not None:
                check.fail(f"vosia refuses it too: {vosia_error['error']}: {vosia_error['message']}")
            elif head is not None and head["rows"] != int(e["rows"]):
                check.fail(f"vosia read {head['rows']} rows, the MANIFEST says {e['rows']}")
        else:
            if name in ASTROPY_REFUSES:
                check.fail("listed in ASTROPY_REFUSES but astropy reads it now: compare it, remove the entry")
            if vosia_error is not None:
                check.fail(f"vosia refuses it ({vosia_error['error']}: {vosia_error['message']}), astropy reads it")
            elif table is None:
                check.fail("astropy finds no table where vosia reads one")
            elif head is not None:
                compare_table(check, table, head, rows, used, rule_counts, skipped)

        if check.problems:
            failed += 1
            print(f"FAIL {name}")
            for p in check.problems[:40]:
                print(f"    {p}")
            if len(check.problems) > 40:
                print(f"    ... and {len(check.problems) - 40} more")
        else:
            passed += 1
            if args.verbose:
                print(f"ok   {name}")

    # The lists must not rot: every known difference must still occur.
    for key, (rule, reason) in KNOWN_DIFFERENCES.items():
        if key[0] not in listed:
            print(f"FAIL known difference {key}: no such corpus file")
            failed += 1
        elif used.get(key, 0) == 0:
            print(f"FAIL known difference {key} ({rule}) no longer occurs: remove it")
            failed += 1
        elif args.verbose:
            print(f"known difference {key[0]} {key[1]}: {rule}, {used[key]} cells")
    if args.verbose:
        for name, columns in ASTROPY_SKIPS_COLUMNS.items():
            for column, (reason, _) in columns.items():
                print(f"not read by astropy: {name} {column}: {reason}")
    for name in list(ASTROPY_REFUSES) + list(ASTROPY_SKIPS_COLUMNS):
        if name not in listed:
            print(f"FAIL ASTROPY_REFUSES names {name}, which is not in the corpus")
            failed += 1
    for name, why in refused:
        print(f"astropy refuses {name} (vosia reads it; cells not compared): {why[:160]}")
        if args.verbose and name in vosia_warnings:
            for w in vosia_warnings[name]:
                print(f"    vosia repair: {w}")
    if args.verbose:
        for rule, n in sorted(rule_counts.items()):
            print(f"rule {rule}: {n} cells")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
