#!/usr/bin/env bash
# The `vosia` command against the local DaCHS archive: every subcommand, each output format
# read back (CSV, VOTable and JSON by astropy/python, CSV and VOTable by STILTS where it is
# installed), the SIA version found out by itself, downloads that a rerun does not repeat.
#
#   bash tests/cli/live.sh VOSIA_BINARY SIA_SEARCH_EXAMPLE     (ctest: cli_live)
# Needs VOSIA_TEST_DACHS (else exits 77: skipped) and VOSIA_PYTHON (a python with astropy).
# No -e: a failing command must show up as a FAILED check, not end the script silently.
set -uo pipefail

vosia=$1
example=$2
[ -n "${VOSIA_TEST_DACHS:-}" ] || { echo "VOSIA_TEST_DACHS is not set: skipped"; exit 77; }
base=$VOSIA_TEST_DACHS
sia1="$base/siatest/q/i/siap.xml?"
sia2="$base/siatest/q/sia2/siap2.xml?"
sia2dl="$base/siatest/q/sia2dl/siap2.xml?"
python=${VOSIA_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
astropy() {
    "$python" - "$@" <<'PY'
import json, sys
from astropy.utils.data import conf
conf.allow_internet = False
kind, path, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
if kind == "csv":
    from astropy.io import ascii
    t = ascii.read(path, format="csv")
    urls = list(t["accref"])
elif kind == "votable":
    from astropy.io.votable import parse_single_table
    t = parse_single_table(path).to_table()
    urls = list(t["accref"])
else:
    doc = json.load(open(path))
    urls = [r["accref"] for r in doc["rows"]]
assert len(urls) == want, (kind, len(urls))
print("\n".join(sorted(str(u) for u in urls)))
PY
}

# --- search: the Done-means command, the same five images as the C example
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 --format csv >"$work/m31.csv" 2>"$work/err"
check "search --format csv exits 0 and writes nothing on stderr" test ! -s "$work/err"
"$example" "$sia1" 10.68 41.27 0.2 | grep -o 'http://[^ ]*getproduct[^ ]*' | sort >"$work/c.urls"
check "the C example finds five images" test "$(wc -l <"$work/c.urls")" -eq 5
if astropy csv "$work/m31.csv" 5 >"$work/csv.urls"; then
    check "astropy reads the CSV: the same five images as the C example" cmp -s "$work/csv.urls" "$work/c.urls"
else
    bad "astropy reads the CSV"
fi
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 --format votable -o "$work/m31.xml"
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 --format votable >"$work/m31-stdout.xml"
# DaCHS names each answer's TABLE afresh; the rest is the same bytes.
same_answer() { cmp -s <(sed 's/<TABLE name="[^"]*"/<TABLE/' "$1") <(sed 's/<TABLE name="[^"]*"/<TABLE/' "$2"); }
check "--format votable to stdout and to -o give the same document" same_answer "$work/m31.xml" "$work/m31-stdout.xml"
if astropy votable "$work/m31.xml" 5 >"$work/xml.urls"; then
    check "astropy reads the VOTable: the same five images" cmp -s "$work/xml.urls" "$work/c.urls"
else
    bad "astropy reads the VOTable"
fi
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 --format json >"$work/m31.json"
if astropy json "$work/m31.json" 5 >"$work/json.urls"; then
    check "the JSON has the same five images" cmp -s "$work/json.urls" "$work/c.urls"
else
    bad "python reads the JSON"
fi
if command -v stilts >/dev/null; then
    check "STILTS reads the CSV: 5 rows" bash -c "stilts tpipe in='$work/m31.csv' ifmt=csv omode=count | grep -q 'rows: 5'"
    check "STILTS reads the VOTable: 5 rows" bash -c "stilts tpipe in='$work/m31.xml' ifmt=votable omode=count | grep -q 'rows: 5'"
else
    echo "stilts not installed: the STILTS read-back is not checked"
fi
"$vosia" search "$sia1" --pos 00:42:43.2,+41:16:12 --size 0.2 -f csv >"$work/sexa.csv"
check "a sexagesimal --pos finds the same records" cmp -s "$work/sexa.csv" "$work/m31.csv"
"$vosia" -v search "$sia1" --pos 10.68,41.27 --size 0.2 -f csv >"$work/v.csv" 2>"$work/v.err"
check "-v puts the exact URL on stderr, not in the data" bash -c "grep -qF 'GET ${sia1}POS=10.68,41.27&SIZE=0.2' '$work/v.err' && cmp -s '$work/v.csv' '$work/m31.csv'"

# --- the SIA version, found out or checked
"$vosia" -v search "$sia2" --circle 10.68,41.27,0.1 -f csv -c obs_publisher_did >"$work/s2.csv" 2>"$work/s2.err"
check "an SIA 2.0 URL is found to be SIA 2.0 from its capabilities" grep -q 'speaks SIA 2.0 (from its VOSI capabilities)' "$work/s2.err"
check "an SIA 2.0 search by circle finds four images" test "$(($(wc -l <"$work/s2.csv") - 1))" -eq 4
"$vosia" search "$sia2" --pos 10.68,41.27 --size 0.2 2>"$work/e1"; s1=$?
"$vosia" search "$sia1" --sia2 --circle 10.68,41.27,0.1 2>"$work/e2"; s2=$?
"$vosia" search "$sia1" --pos 10.68,41.27 --size 0.2 NOSUCH=1 -f csv >/dev/null 2>"$work/e3"; s3=$?
check "an SIA 1.0 option on an SIA 2.0 service: exit 2 and the --circle to use" bash -c "[ $s1 = 2 ] && grep -q 'search it with --circle 10.68,41.27,0.1' '$work/e1'"
check "an SIA 1.0 URL used as SIA 2.0 says so (exit $s2)" bash -c "[ $s2 != 0 ] && grep -q 'is an SIA 1.0 service: drop --sia2' '$work/e2'"
check "a parameter the service does not list is a warning (exit $s3)" bash -c "[ $s3 = 0 ] && grep -q 'warning: NOSUCH is not a parameter' '$work/e3'"

# --- describe
"$vosia" describe "$sia2" >"$work/describe.txt"
check "describe lists parameters, columns, capabilities, availability" bash -c \
    "grep -q '^Available:    yes' '$work/describe.txt' && grep -q '^Parameters (' '$work/describe.txt' &&
     grep -q '^BAND ' '$work/describe.txt' && grep -q 'obs_publisher_did' '$work/describe.txt' &&
     grep -q 'ivo://ivoa.net/std/SIA#query-2.0' '$work/describe.txt'"

# --- download (DataLink access URLs are followed to the FITS files), rerun, saved response
"$vosia" download "$sia2dl" --circle 10.68,41.27,0.1 --dir "$work/dl" >"$work/dl.out" 2>"$work/dl.err"
check "download of the sia2dl service lists four files" test "$(wc -l <"$work/dl.out")" -eq 4
check "every file is FITS, none is DataLink XML" bash -c \
    "while read -r f; do [ \"\$(head -c 6 \"\$f\")\" = SIMPLE ] || exit 1; done <'$work/dl.out'"
check "one line per file on stderr when it is not a terminal" test "$(grep -c '^ *fetched ' "$work/dl.err")" -eq 4
"$vosia" download "$sia2dl" --circle 10.68,41.27,0.1 --dir "$work/dl" >"$work/dl2.out" 2>"$work/dl2.err"
check "a rerun fetches nothing (every file in place)" bash -c \
    "[ \$(grep -c 'in place ' '$work/dl2.err') = 4 ] && ! grep -q fetched '$work/dl2.err' && cmp -s '$work/dl.out' '$work/dl2.out'"
check "no partial files left" bash -c "! ls '$work/dl' | grep -q '\.part$'"
"$vosia" search "$sia2dl" --circle 10.68,41.27,0.1 -f votable -o "$work/dl.xml"
"$vosia" download --votable "$work/dl.xml" --dir "$work/dl3" -q >"$work/dl3.out"
check "download --votable of a saved response gives the same files" bash -c \
    "[ \$(wc -l <'$work/dl3.out') = 4 ] && for f in '$work'/dl/*.fits; do cmp -s \"\$f\" '$work/dl3/'\"\$(basename \"\$f\")\" || exit 1; done"

# --- cutout (SODA) and datalink
"$vosia" cutout "$sia2dl" --circle 10.8787,41.3094,0.005 --dir "$work/cut" -q >"$work/cut.out"
check "cutout writes FITS cutouts" bash -c \
    "[ -s '$work/cut.out' ] && while read -r f; do case \"\$f\" in *_cutout_*.fits) ;; *) exit 1;; esac; [ \"\$(head -c 6 \"\$f\")\" = SIMPLE ] || exit 1; done <'$work/cut.out'"
id='ivo://siatest.local/~?siatest/data/siatest_001_M31_V.fits'
"$vosia" datalink --service "$base/siatest/q/dl/dlmeta" "$id" -f csv -c ID,semantics,access_url >"$work/links.csv"
check "datalink by ID lists #this with the dataset URL" grep -q "^$id,#this,$base/getproduct/siatest/data/siatest_001_M31_V.fits" "$work/links.csv"
"$vosia" datalink "$base/siatest/q/dl/dlmeta?ID=ivo://siatest.local/~%3Fsiatest/data/siatest_001_M31_V.fits" -f tsv -c semantics >"$work/links.tsv"
check "datalink of a document URL lists #this, #proc, #preview" bash -c \
    "grep -qx '#this' '$work/links.tsv' && grep -qx '#proc' '$work/links.tsv' && grep -qx '#preview' '$work/links.tsv'"

# --- registry (RegTAP tables of the harness's TAP service) and send (SAMP, astropy's hub)
"$vosia" registry --registry "$base/tap" --servicetype sia2 >"$work/reg.tsv"
check "registry --servicetype sia2 lists the three SIA 2.0 services" test \
    "$(tail -n +2 "$work/reg.tsv" | cut -f1 | sort | tr '\n' ' ')" = \
    "ivo://siatest.local/__system__/siap2/sitewide ivo://siatest.local/siatest/q/sia2 ivo://siatest.local/siatest/q/sia2dl "
IVOA_REGISTRY="$base/tap" "$vosia" registry DataLink -f json >"$work/reg.json"
check "registry KEYWORD from IVOA_REGISTRY, as JSON: q/sia2dl, SIA 2.0" "$python" -c "
import json, sys
hits = json.load(open(sys.argv[1]))
assert [(h['ivoid'], h['sia']) for h in hits] == [('ivo://siatest.local/siatest/q/sia2dl', 2)], hits" "$work/reg.json"
s4=0
"$vosia" registry --registry "$base/tap" --covers 10,41,0 >/dev/null 2>"$work/reg.err" || s4=$?
check "registry --covers on a registry without coverage: status 8, says what to do" bash -c \
    "[ $s4 -eq 8 ] && grep -q 'without a position' '$work/reg.err'"
printf 'SIMPLE  =                    T' >"$work/sent.fits"
check "send reaches a SAMP client through a real hub with the file's URL and name" "$python" - "$vosia" "$work/sent.fits" <<'PY'
import os, pathlib, queue, subprocess, sys, tempfile
from astropy.utils.data import conf
conf.allow_internet = False
from astropy.samp import SAMPHubServer, SAMPIntegratedClient
vosia, path = sys.argv[1], sys.argv[2]
lock = os.path.join(tempfile.mkdtemp(), "lock")
hub = SAMPHubServer(web_profile=False, lockfile=lock, addr="127.0.0.1")
hub.start(wait=False)
got = queue.Queue()
client = SAMPIntegratedClient(name="receiver", addr="127.0.0.1")
client.connect(hub=hub)
def received(private_key, sender_id, mtype, params, extra):
    got.put(params)
client.bind_receive_notification("image.load.fits", received)
try:
    env = dict(os.environ, SAMP_HUB="std-lockurl:" + pathlib.Path(lock).as_uri())
    out = subprocess.run([vosia, "send", path, "--name", "cli image", "--to", "receiver"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    params = got.get(timeout=10)
    assert params["url"] == pathlib.Path(os.path.realpath(path)).as_uri(), params
    assert params["name"] == "cli image", params
finally:
    client.disconnect()
    hub.stop()
PY

echo "cli_live: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
