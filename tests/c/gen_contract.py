#!/usr/bin/env python3
"""Writes a C test of the NULL and bad-handle contract for every function vosia.h declares.

    python3 gen_contract.py include/vosia.h out.c

The header is walked, not a hand list, so a new function is covered the moment it is
declared. For each function and each of its pointer parameters:

- a required pointer passed NULL (every other argument valid or harmless) gives
  VOSIA_E_NULL_ARG: as the status, or -1 with vosia_last_status() == VOSIA_E_NULL_ARG for the
  functions that return a value, or nothing at all for the _free functions;
- a handle parameter given a live handle of another kind gives VOSIA_E_BAD_HANDLE the same
  way (and a _free given one leaves it alive);
- a pointer the header allows to be NULL (buffers with their size, length outputs, masks,
  the progress function and its user pointer) may be NULL without a crash.

The rule this pins, stated in vosia.h: handles are checked first, then required pointers,
then values, so these hold whatever the other arguments are.
"""
import re
import sys

# Pointer parameters the API lets the caller pass as NULL (checked only for "no crash").
MAY_BE_NULL = {"buf", "len", "nulls", "user", "note", "values", "radec_pairs", "progress",
               "name", "bytes", "how", "names", "queries", "circles", "met"}
HANDLES = {"vosia_service": "svc", "vosia_query": "qry", "vosia_results": "res",
           "vosia_downloads": "dls", "vosia_batch": "bat", "vosia_registry_query": "rgq",
           "vosia_registry_hits": None, "vosia_samp": None}
# A live handle of another kind, for each handle type.
WRONG = {"vosia_service": "res", "vosia_query": "svc", "vosia_results": "qry",
         "vosia_downloads": "res", "vosia_batch": "dls", "vosia_registry_query": "svc",
         "vosia_registry_hits": "rgq", "vosia_samp": "svc"}
# Handle kinds with no live instance offline (registry hits need a registry, a SAMP client a
# hub): a function taking one is checked for that handle NULL and of the wrong kind only;
# tests/c/test_registry.c checks the rest of its arguments live.
# Function-pointer types: the progress function may be NULL; a rows function is required.
FUNCTIONS = {"vosia_progress_fn": "NULL", "vosia_rows_fn": "contract_rows"}
# Out-parameters through which a call that succeeds hands out a handle, and its free.
HANDS_OUT = {"vosia_downloads**": "vosia_downloads_free", "vosia_batch**": "vosia_batch_free"}


def prototypes(header):
    text = open(header, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = []
    for m in re.finditer(
        r"^(?:VOSIA_DEPRECATED\([^)]*\)\s*)?([A-Za-z_][\w \*]*?)\b(vosia_\w+)\((.*?)\);",
        text,
        flags=re.M,
    ):
        ret, name, args = m.group(1).strip(), m.group(2), m.group(3).strip()
        params = []
        if args and args != "void":
            for a in args.split(","):
                a = a.strip()
                pm = re.match(r"(.*?)(\w+)$", a)
                params.append((pm.group(1).strip(), pm.group(2)))
        out.append((ret, name, params))
    return out


def handle_type(ctype):
    for h in HANDLES:
        if re.search(rf"\b{h}\s*\*$", ctype) and "**" not in ctype:
            return h
    return None


def valid_arg(ctype, pname):
    """A valid or harmless argument of this type."""
    h = handle_type(ctype)
    if h:
        return f"({ctype}){HANDLES[h] or WRONG[h]}"
    if ctype in FUNCTIONS:
        return FUNCTIONS[ctype]
    if "*" in ctype:
        if ctype.replace(" ", "") in ("constchar*",):
            return '"x"'
        return f"({ctype})(void *)scratch"
    if ctype == "double":
        return "0.5"
    if ctype == "size_t":
        return "0"
    return "0"


def call(ret, name, params, args):
    joined = ", ".join(args)
    if ret == "void":
        return f"{name}({joined});"
    if ret == "vosia_status":
        return f"rc = {name}({joined});"
    if "*" in ret:
        return f"(void){name}({joined});"
    return f"rc = (int64_t){name}({joined});"


def expect(ret, name, status):
    if ret == "void":
        return ""
    if ret == "vosia_status":
        return f'    EXPECT(rc == {status}, "{name}", rc);\n'
    if "*" in ret:
        return ""
    return (
        f'    EXPECT(rc == -1 && vosia_last_status() == {status}, "{name}", '
        f"vosia_last_status());\n"
    )


def main():
    header, out = sys.argv[1], sys.argv[2]
    cases = []
    covered = 0
    for ret, name, params in prototypes(header):
        covered += 1
        no_live = any(HANDLES.get(handle_type(t), "") is None for t, _ in params)
        for i, (ctype, pname) in enumerate(params):
            if "*" not in ctype and ctype not in FUNCTIONS:
                continue
            if no_live and HANDLES.get(handle_type(ctype), "") is not None:
                continue
            args = [valid_arg(t, p) for t, p in params]
            h = handle_type(ctype)
            if h:
                args_null = list(args)
                args_null[i] = "NULL"
                cases.append(
                    f"    /* {name}: `{pname}` NULL */\n    {call(ret, name, params, args_null)}\n"
                    + expect(ret, name, "VOSIA_E_NULL_ARG")
                )
                args_wrong = list(args)
                args_wrong[i] = f"({ctype}){WRONG[h]}"
                cases.append(
                    f"    /* {name}: `{pname}` of the wrong kind */\n"
                    f"    {call(ret, name, params, args_wrong)}\n"
                    + expect(ret, name, "VOSIA_E_BAD_HANDLE")
                )
            elif pname in MAY_BE_NULL or ctype == "vosia_progress_fn":
                args_null = list(args)
                args_null[i] = "NULL"
                # A call that may succeed here and hand out a handle: free it.
                frees = [(t, HANDS_OUT[t.replace(" ", "")]) for t, _ in params
                         if t.replace(" ", "") in HANDS_OUT]
                before = "    memset(scratch_store, 0, sizeof scratch_store);\n" if frees else ""
                after = "".join(f"    {free}(*({t})scratch);\n" for t, free in frees)
                cases.append(
                    f"    /* {name}: `{pname}` may be NULL */\n{before}"
                    f"    {call(ret, name, params, args_null)}\n"
                    f"    (void)rc;\n{after}"
                )
            else:
                args_null = list(args)
                args_null[i] = "NULL"
                cases.append(
                    f"    /* {name}: `{pname}` NULL */\n    {call(ret, name, params, args_null)}\n"
                    + expect(ret, name, "VOSIA_E_NULL_ARG")
                )
    with open(out, "w", encoding="utf-8") as f:
        f.write(
            f"""/* Generated by tests/c/gen_contract.py from vosia.h: do not edit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vosia.h"

static int failures = 0;

/* A rows function that stops a read at its first batch. */
static int32_t contract_rows(const vosia_results *rows, int64_t first_row, void *user) {{
    (void)rows;
    (void)first_row;
    (void)user;
    return 1;
}}
#define EXPECT(cond, fn, got) \\
    do {{ if (!(cond)) {{ fprintf(stderr, "%s:%d: %s: got %lld (%s)\\n", __FILE__, __LINE__, fn, \\
        (long long)(got), vosia_last_error()); failures++; }} }} while (0)

int main(void) {{
    /* Room for any out-parameter or small buffer the calls below are given. */
    static double scratch_store[4096];
    void *scratch = scratch_store;
    int64_t rc = 0;
    static const char doc[] =
        "<VOTABLE><RESOURCE type=\\"results\\"><TABLE><FIELD name=\\"a\\" datatype=\\"int\\"/>"
        "<DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
    vosia_service *svc = NULL;
    vosia_query *qry = NULL;
    vosia_results *res = NULL;
    vosia_downloads *dls = NULL;
    vosia_batch *bat = NULL;
    vosia_registry_query *rgq = NULL;
    /* A download into a folder that is not there fails, and still gives its outcome. */
    if (vosia_service_new("http://127.0.0.1:9/sia?", VOSIA_SIA1, &svc) != VOSIA_OK ||
        vosia_query_new(svc, &qry) != VOSIA_OK ||
        vosia_results_parse(doc, sizeof doc - 1, VOSIA_SIA1, &res) != VOSIA_OK ||
        vosia_service_download_url(svc, "http://127.0.0.1:9/x", "/nonexistent/vosia", NULL, 0,
                                   &dls) != VOSIA_E_IO ||
        vosia_batch_execute(NULL, 0, 0, 0, 0.0, NULL, NULL, &bat) != VOSIA_OK ||
        vosia_registry_query_new(&rgq) != VOSIA_OK) {{
        fprintf(stderr, "setup failed: %s\\n", vosia_last_error());
        return 1;
    }}

{''.join(cases)}
    /* The wrong-kind frees above left every handle alive. */
    EXPECT(vosia_results_row_count(res) == 1, "vosia_results_row_count after frees", 0);
    vosia_registry_query_free(rgq);
    vosia_batch_free(bat);
    vosia_downloads_free(dls);
    vosia_results_free(res);
    vosia_query_free(qry);
    vosia_service_free(svc);
    printf("%d functions, %d cases: %d passed, %d failed\\n", {covered}, {len(cases)},
           {len(cases)} - failures, failures);
    return failures ? 1 : 0;
}}
"""
        )


if __name__ == "__main__":
    main()
