"""The Python package's own surface: the C prototypes against vosia.h, where the library
comes from, columns against cells, to_table, the exceptions, rows and pyvo's habits, the
query keywords, and the service's transport settings, progress/cancel, metadata,
capabilities, availability and discovery.

Offline parts use tests/data, the shared corpus and a small HTTP server on 127.0.0.1 started
here; live parts (VOSIA_TEST_DACHS set) use the local DaCHS. astropy never touches the
network (allow_internet off). Run as test_vs_pyvo.py says.
"""
import ctypes
import ctypes.util
import math
import os
import pickle
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import vosia
from vosia import capi

try:
    from astropy.utils.data import conf as _data_conf

    _data_conf.allow_internet = False
except ImportError:
    pass

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("VOSIA_TEST_DATA", os.path.join(ROOT, "tests", "data"))
CORPUS = os.environ.get("VOSIA_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
DACHS = os.environ.get("VOSIA_TEST_DACHS", "")
THREE = os.path.join(DATA, "sia1_three.xml")
live = pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")
SIA1_URL = DACHS + "/siatest/q/i/siap.xml?"
SIA2_URL = DACHS + "/siatest/q/sia2/siap2.xml?"

np = pytest.importorskip("numpy")


# ------------------------------------------------------------------ the C API binding
_C_TYPES = {
    "int32_t": ctypes.c_int32, "int64_t": ctypes.c_int64, "double": ctypes.c_double,
    "size_t": ctypes.c_size_t, "vosia_status": ctypes.c_int32, "void": None,
    "vosia_progress_fn": capi.PROGRESS_FN,
    "vosia_rows_fn": capi.ROWS_FN,
}
_HANDLES = ("vosia_service", "vosia_query", "vosia_results", "vosia_downloads", "vosia_batch",
            "vosia_registry_query", "vosia_registry_hits", "vosia_samp")


def _ctype(decl):
    """The ctypes type vosia.capi must use for C type `decl` (a parameter without name)."""
    decl = decl.replace("const ", "").strip()
    stars = decl.count("*")
    base = decl.replace("*", "").strip()
    if base in _HANDLES:
        return {1: ctypes.c_void_p, 2: ctypes.POINTER(ctypes.c_void_p)}[stars]
    if base == "char":
        return {1: ctypes.c_char_p, 2: ctypes.POINTER(ctypes.c_char_p)}[stars]
    if base == "void" and stars == 1:
        return ctypes.c_void_p
    t = _C_TYPES[base]
    return ctypes.POINTER(t) if stars == 1 else t


def header_prototypes():
    with open(os.path.join(ROOT, "include", "vosia.h"), encoding="utf-8") as f:
        text = f.read()
    protos = {}
    for ret, name, params in re.findall(r"^([a-z][\w ]*?\**)\s*(vosia_\w+)\((.*?)\);", text,
                                        re.M):
        args = []
        if params.strip() != "void":
            for p in params.split(","):
                p = p.strip()
                args.append(_ctype(re.sub(r"\b\w+$", "", p)))  # drop the parameter's name
        protos[name] = (_ctype(ret), *args)
    return protos


def test_every_function_of_the_header_is_bound_as_declared():
    header = header_prototypes()
    assert len(header) > 90
    assert set(capi.PROTOTYPES) == set(header)
    for name, (restype, *argtypes) in header.items():
        assert capi.PROTOTYPES[name] == (restype, *argtypes), name
        fn = getattr(capi.lib, name)
        assert fn.restype == restype and list(fn.argtypes) == argtypes, name


def test_the_library_is_the_one_asked_for_or_the_bundled_one():
    env = os.environ.get("VOSIA_LIB")
    if env:
        assert capi.library_path == env
    else:  # an installed package: its own copy, inside it
        package = os.path.dirname(os.path.abspath(vosia.__file__))
        assert os.path.dirname(os.path.abspath(capi.library_path)) == package
        assert os.path.basename(capi.library_path).startswith("_libvosia.")


def test_versions_agree():
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as f:
        cargo = re.search(r'^version = "([^"]+)"', f.read(), re.M).group(1)
    assert vosia.library_version() == cargo == vosia.__version__


def test_a_library_of_another_abi_is_refused(tmp_path):
    # A library without vosia_version_number (here: libc) is not libvosia.
    libc = ctypes.util.find_library("c")
    if not libc:
        pytest.skip("no libc to load")
    out = _python("import vosia", env={"VOSIA_LIB": libc})
    assert out.returncode != 0 and "is not libvosia" in out.stderr
    out = _python("import vosia", env={"VOSIA_LIB": str(tmp_path / "nope.so")})
    assert out.returncode != 0 and "cannot load libvosia from VOSIA_LIB" in out.stderr


def _python(code, env=None, block=()):
    """Runs `code` in a new interpreter with this one's sys.path, `block`ed modules made
    unimportable."""
    prelude = ""
    if block:
        prelude = (
            "import sys, importlib.abc\n"
            "class _Block(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path, target=None):\n"
            f"        if name.split('.')[0] in {tuple(block)!r}:\n"
            "            raise ImportError('blocked: ' + name)\n"
            "sys.meta_path.insert(0, _Block())\n")
    full_env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", prelude + code], env=full_env,
                          capture_output=True, text=True, timeout=120)


# ------------------------------------------------------------------ standard fields
def test_fields_come_from_the_library():
    f = vosia.FIELDS
    assert list(f)[:5] == ["access_url", "format", "title", "ra", "dec"]
    assert f["ra"] == vosia.Field(3, "ra", "deg", vosia.Kind.NUMBER)
    assert (f["mjd_obs"].unit, f["filesize"].unit, f["em_min"].unit) == ("d", "byte", "m")
    assert f["naxis"].kind == vosia.Kind.ARRAY and f["naxis"].unit is None
    assert f["title"].kind == vosia.Kind.TEXT
    assert vosia.field("ACCESS_URL") is f["access_url"]
    assert vosia.field(4).name == "dec"
    with pytest.raises(KeyError):
        vosia.field("no_such_field")
    with pytest.raises(KeyError):
        vosia.field(len(f))


# ------------------------------------------------------------------ columns and cells
SIA1_FILES = ["data:sia1_three.xml", "data:sia1_overflow.xml", "pyvo/sia1-dataset.xml",
              "pyvo-history/gavo-bgds-siap1.xml", "pyvo-history/neat-sia.xml",
              "usvao/GalexSiapVotable.xml", "voclient/skyview-sia_m51.xml"]
SIA2_FILES = ["pyvo/sia2-dataset.xml", "pyvo-history/gavo-sitewide-siap2-band-time.xml",
              "pyvo/tap-obscore-image.xml", "cds-votable-rust/astron-obscore.vot"]


def _open(name, version):
    path = os.path.join(DATA, name[5:]) if name.startswith("data:") else \
        os.path.join(CORPUS, name)
    if not os.path.exists(path):
        pytest.skip(f"{path} is not here (no shared corpus)")
    return vosia.parse_file(path, version)


def _same_value(column_value, cell, where):
    """A column's element against the row's cell: NaN or masked where the cell is None."""
    if cell is None:
        if isinstance(column_value, float) or isinstance(column_value, np.floating):
            assert math.isnan(column_value), where
        else:
            assert column_value is None or column_value is np.ma.masked, where
        return
    if isinstance(cell, list):
        assert isinstance(column_value, np.ndarray) and column_value.dtype == np.float64
        np.testing.assert_array_equal(column_value, np.array(cell), err_msg=where)
        return
    assert column_value == cell, where
    assert type(column_value.item() if hasattr(column_value, "item") else column_value) \
        is type(cell), where


@pytest.mark.parametrize("name,version", [(n, vosia.SIA1) for n in SIA1_FILES]
                         + [(n, vosia.SIA2) for n in SIA2_FILES])
def test_columns_equal_their_cells(name, version):
    """Every column (read whole) and every standard field (read whole) against the same
    values read cell by cell."""
    with _open(name, version) as r:
        assert len(r) > 0
        for c, info in enumerate(r.columns):
            column = r.column(c)
            assert len(column) == len(r)
            texts = r.text(c)
            for i, row in enumerate(r):
                where = f"{name} row {i} column {info.name}"
                _same_value(column[i], row.value(c), where)
                assert texts[i] == row.text(c), where
                assert (texts[i] is None) == row.is_null(c), where
        for field in vosia.FIELDS.values():
            cells = []
            for row in r:
                try:
                    cells.append(row.std(field.name))
                except vosia.TypeMismatchError as e:  # text that is not a number
                    cells.append(e)
            if any(isinstance(c, Exception) for c in cells):
                # The whole column fails as its cells do (e.g. GALEX's dates in words).
                with pytest.raises(vosia.TypeMismatchError):
                    r.std(field.name)
                continue
            values = r.std(field.name)
            if values is None:
                assert not r.has_field(field.name)
                assert all(c is None for c in cells), f"{name} {field.name}"
                continue
            for i, cell in enumerate(cells):
                _same_value(values[i], cell, f"{name} row {i} field {field.name}")


def test_column_types():
    with vosia.parse_file(THREE) as r:
        ra = r["ra"]
        assert ra.dtype == np.float64 and ra[0] == 10.6847083
        assert math.isnan(r["mjd_obs"][2]) and r[2]["mjd_obs"] is None
        size = r["filesize"]  # long, VALUES null="-1"
        assert isinstance(size, np.ma.MaskedArray) and size.dtype == np.int64
        assert list(size.mask) == [False, False, True] and size[1] == 2097152
        inst = r["instrument"]
        assert inst.dtype == object and list(inst) == ["WFC", "WFC", None]
        naxis = r.column("naxis")
        assert naxis.dtype == object and list(naxis[0]) == [2048.0, 4096.0]
        assert r["acref"][0] == r["access_url"][0] == r[0].getdataurl()
        assert list(r.text("exptime")) == ["300.5", None, "60"]
        # A column and the standard field of the same name may differ: raw wins in r[...].
        assert list(r["naxes"]) == [2, 2, 2] and list(r.std("naxes")) == [2.0, 2.0, 2.0]
        assert r.std("t_min") is None  # an SIA 1.0 result has no t_min
        with pytest.raises(KeyError, match="neither a column nor the standard field"):
            r["t_min"]
        with pytest.raises(KeyError, match="no column or standard field"):
            r["nope"]
        with pytest.raises(KeyError):
            r.column("access_url")  # column() is raw only
        assert r.getcolumn("Title")[0] == "M31 & M32, V band"  # by ID
        assert r["title", 1] == "M51, R band"


def test_columns_without_numpy():
    out = _python(
        "import vosia\n"
        f"r = vosia.parse_file({THREE!r})\n"
        "print(r['filesize']); print(r['mjd_obs']); print(r['instrument'])\n"
        "print(r.std('naxis')); print(r.std('ra')[1])\n"
        "try:\n    r.to_table()\nexcept ImportError as e:\n    print('ImportError:', e)\n",
        block=("numpy", "astropy"))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[:5] == ["[153280, 2097152, None]", "[58000.5, 58001.25, None]",
                         "['WFC', 'WFC', None]",
                         "[[2048.0, 4096.0], [1024.0, 1024.0], [512.0, 512.0]]", "202.4696"]
    assert lines[5] == "ImportError: Results.to_table() needs astropy (pip install astropy)"


# ------------------------------------------------------------------ astropy
TYPED = """<?xml version="1.0"?>
<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/><TABLE>
<FIELD name="url" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>
<FIELD name="flag" datatype="boolean"/>
<FIELD name="n" datatype="short"><VALUES null="-9"/></FIELD>
<FIELD name="x" datatype="float" unit="mag"><DESCRIPTION>a float</DESCRIPTION></FIELD>
<FIELD name="pix" datatype="int" arraysize="2" unit="pix"/>
<FIELD name="z" datatype="doubleComplex"/>
<FIELD name="x" ID="x2" datatype="double" unit="deg/pix" ucd="pos.eq.ra" utype="obscore:Char.x"/>
<DATA><TABLEDATA>
<TR><TD>http://a/1</TD><TD>T</TD><TD>3</TD><TD>1.5</TD><TD>10 20</TD><TD>1 2</TD><TD>0.25</TD></TR>
<TR><TD>http://a/2</TD><TD>F</TD><TD>-9</TD><TD></TD><TD></TD><TD></TD><TD></TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"""


def test_typed_columns_and_cells():
    r = vosia.parse(TYPED)
    assert list(r["flag"]) == [True, False] and r["flag"].dtype == bool
    assert r[0]["flag"] is True and r[1]["n"] is None and r[0]["n"] == 3
    assert r[0]["z"] == complex(1, 2) and r[1]["z"] is None
    assert r["z"].dtype == np.complex128 and math.isnan(r["z"][1].real)
    assert r[0]["pix"] == [10.0, 20.0]
    assert r.fieldname_with_ucd("pos.eq.ra") == "x"
    assert r.column_index("x2") == 6 and r.column_index("nope") is None
    assert r.fieldname_with_utype("char.x") == "x"
    assert r.fielddesc("x2").unit == "deg/pix"


def test_to_table():
    pytest.importorskip("astropy")
    from astropy import units as u

    t = vosia.parse(TYPED).to_table()
    assert t.colnames == ["url", "flag", "n", "x", "pix", "z", "x_2"]
    assert t.meta == {"QUERY_STATUS": "OK", "overflow": False}
    assert t["x"].unit == u.mag and t["x"].dtype == np.float32
    assert t["x"].description == "a float" and list(t["x"].mask) == [False, True]
    assert t["x_2"].unit == u.deg / u.pix and t["x_2"].meta["ucd"] == "pos.eq.ra"
    assert t["x_2"].meta["id"] == "x2"
    assert t["n"].dtype == np.int16 and list(t["n"].mask) == [False, True]
    assert t["pix"].shape == (2, 2) and list(t["pix"][0]) == [10, 20]
    assert t["pix"].unit == u.pix and t["pix"].mask[1].all()
    assert t["url"][1] == "http://a/2" and t["flag"][0]
    t3 = vosia.parse_file(THREE).to_table()
    assert t3["ra"].unit == u.deg and t3["mjd_obs"].unit == u.day
    assert t3["filesize"].unit == u.byte and t3["filesize"].mask[2]
    assert t3["instrument"].mask[2] and t3["title"][0] == "M31 & M32, V band"


@pytest.mark.parametrize("name", ["pyvo/sia2-dataset.xml", "pyvo-history/gavo-bgds-siap1.xml"])
def test_to_table_agrees_with_astropy(name):
    """Names, units and values of to_table() against astropy's own reading of the file."""
    votable = pytest.importorskip("astropy.io.votable")
    import warnings

    path = os.path.join(CORPUS, name)
    if not os.path.exists(path):
        pytest.skip(f"{path} is not here (no shared corpus)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = votable.parse_single_table(path).to_table(use_names_over_ids=True)
    ours = vosia.parse_file(path, vosia.SIA2 if "sia2" in name else vosia.SIA1).to_table()
    assert ours.colnames == theirs.colnames
    for c in ours.colnames:
        assert ours[c].unit == theirs[c].unit, c
        a, b = ours[c], theirs[c]
        if a.dtype.kind == "f" and a.ndim == 1:
            ok = ~(np.ma.getmaskarray(a) | np.ma.getmaskarray(b))
            np.testing.assert_allclose(np.asarray(a)[ok], np.asarray(b)[ok], rtol=1e-6,
                                       err_msg=c)
        elif a.dtype.kind in "iU" and a.ndim == 1:
            for i in range(len(a)):
                if not (np.ma.getmaskarray(a)[i] or np.ma.getmaskarray(b)[i]):
                    x = b[i].decode() if isinstance(b[i], bytes) else b[i]
                    assert a[i] == x, (c, i)


# ------------------------------------------------------------------ rows, pyvo's habits
def test_rows_and_pyvo_habits():
    r = vosia.parse_file(THREE)
    assert len(r) == 3 and [row.index for row in r] == [0, 1, 2]
    assert r[-1].index == 2 and r.getrecord(1).index == 1
    with pytest.raises(IndexError):
        r[3]
    with pytest.raises(TypeError):
        r[0:2]
    row = r[0]
    assert list(row) == list(r.fieldnames) and len(row) == 12
    assert dict(row)["acref"] == "http://example.org/data/img1.fits?band=V&size=full"
    assert row["title"] == "M31 & M32, V band" and row.title == row["title"]
    assert "access_url" in row and "nope" not in row
    # pyvo's SIARecord names: standard fields, in vosia's units.
    assert row.acref == row.getdataurl() == row.std("access_url")
    assert row.dateobs == 58000.5 and row.instr == "WFC" and row.naxis == [2048.0, 4096.0]
    assert row.getdataformat() == "image/fits"
    assert r[2].dateobs is None and r[2].instr is None
    with pytest.raises(AttributeError):
        row.no_such_thing
    assert r.query_status == "OK" and not r.overflow and r.warning_count == 0
    assert r.warnings == [] and r.info("SERVICE_PROTOCOL") == "1.0" and r.info("x") is None
    assert repr(r) == "<vosia.Results SIA 1.0: 3 rows, 12 columns>"
    over = vosia.parse_file(os.path.join(DATA, "sia1_overflow.xml"))
    assert over.overflow and over.query_status == "OVERFLOW"


def test_sia2_row_names():
    with _open("pyvo/sia2-dataset.xml", vosia.SIA2) as r:
        row = r[0]
        assert row.s_ra == row["s_ra"] == row.ra  # ObsCore column and standard field
        assert row.access_url == row.getdataurl()
        if r.column_index("s_resolution") is not None and row.s_resolution is not None:
            # The column wins by name (arcsec, as pyvo); std() is vosia's field (degrees).
            assert row.std("s_resolution") * 3600 == pytest.approx(row.s_resolution)


def test_closed_handles_refuse():
    r = vosia.parse_file(THREE)
    row = r[0]
    with r:
        pass
    assert r.closed and repr(r) == "<vosia.Results (closed)>"
    with pytest.raises(ValueError, match="closed vosia Results"):
        r.overflow
    with pytest.raises(ValueError, match="closed"):
        row.std("title")
    r.close()  # twice is fine


# ------------------------------------------------------------------ exceptions
def test_every_status_has_its_exception():
    classes = {}
    for status in vosia.Status:
        if status in (vosia.Status.OK, vosia.Status.NULL_VALUE):
            continue
        e = vosia.errors.error_for(status, "detail")
        assert type(e) is not vosia.VosiaError and isinstance(e, vosia.VosiaError)
        assert e.status == status and str(e) == "detail"
        assert e.status_text == vosia.capi.lib.vosia_strerror(status).decode()
        assert type(e).__name__.endswith("Error")
        classes[type(e)] = status
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is type(e) and again.status == status and str(again) == "detail"
    assert len(classes) == len(vosia.Status) - 2
    odd = vosia.errors.error_for(77)
    assert type(odd) is vosia.VosiaError and odd.status == 77 and str(odd) == "unknown status"
    assert issubclass(vosia.TimeoutExpiredError, TimeoutError)
    assert issubclass(vosia.ConnectError, ConnectionError)
    assert issubclass(vosia.InvalidArgError, ValueError)
    assert issubclass(vosia.FileError, OSError)


def test_exceptions_from_the_library(tmp_path):
    with pytest.raises(vosia.ServiceError, match="Illegal POS value") as e:
        vosia.parse_file(os.path.join(DATA, "sia1_error.xml"))
    assert e.value.status == vosia.Status.E_SERVICE
    with pytest.raises(vosia.FormatError, match="at byte 0") as e:
        vosia.parse(b"this is not XML")
    assert e.value.status == 51 and isinstance(e.value, ValueError)
    with pytest.raises(vosia.FormatError, match="no FIELD"):
        vosia.parse("<VOTABLE><RESOURCE><TABLE><DATA><TABLEDATA><TR><TD>1</TD></TR>")
    with pytest.raises(vosia.NoTableError):
        vosia.parse('<VOTABLE version="1.3"><RESOURCE type="results"/></VOTABLE>')
    with pytest.raises(vosia.FileError) as e:
        vosia.parse_file(tmp_path / "missing.xml")
    assert "missing.xml" in str(e.value) and isinstance(e.value, OSError)
    with pytest.raises(vosia.InvalidArgError):
        vosia.Service("ftp://example.org/sia", vosia.SIA1)
    svc1 = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1)
    with pytest.raises(vosia.UnsupportedError):
        svc1.create_query().add_circle(1, 2, 3)
    with pytest.raises(vosia.InvalidArgError):
        svc1.set_timeout(-1)
    three = vosia.parse_file(THREE)
    with pytest.raises(vosia.RangeError, match="row"):  # raw capi calls: errors.check
        vosia.errors.check(capi.lib.vosia_results_get_text(
            three._h, 9, 0, ctypes.byref(ctypes.c_char_p())))
    with pytest.raises(vosia.RangeError):
        vosia.errors.check(capi.lib.vosia_field_kind(99, ctypes.byref(ctypes.c_int32())))
    with pytest.raises(vosia.RangeError):  # a value-returning function: last_error()
        assert capi.lib.vosia_results_is_null(three._h, 0, 99) == -1
        raise vosia.errors.last_error()
    with pytest.raises(TypeError):
        svc1.create_query().set_intersect(None)


def test_memory_budget():
    """A response that would keep more than the budget is refused before taking it."""
    empty_rows = ("<VOTABLE><RESOURCE><TABLE>"
                  + "".join(f'<FIELD name="c{i}" datatype="double"/>' for i in range(1000))
                  + "<DATA><TABLEDATA>" + "<TR/>" * 20000
                  + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>")
    with pytest.raises(vosia.TooLargeError, match="memory budget of 8 MiB"):
        vosia.parse(empty_rows, memory_budget=8 << 20)
    with pytest.raises(vosia.TooLargeError):
        vosia.parse_file(THREE, memory_budget=1000)
    assert len(vosia.parse_file(THREE, memory_budget=0)) == 3
    with pytest.raises(vosia.InvalidArgError):
        vosia.parse(empty_rows, memory_budget=-1)
    svc = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1, memory_budget=1 << 20)
    with pytest.raises(vosia.InvalidArgError):
        svc.set_memory_budget(-1)
    with pytest.raises(vosia.FileError):
        svc.set_ca_file("/no/such/ca.pem")
    with pytest.raises(vosia.InvalidArgError, match="no PEM certificate"):
        svc.set_ca_file(THREE)
    with pytest.raises(vosia.InvalidArgError):
        svc.set_client_cert(THREE)


def test_connect_error_names_the_failure():
    q = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1, timeout=10).create_query(
        pos=(1, 2), size=0.1)
    with pytest.raises(vosia.ConnectError) as e:
        q.execute()
    assert "127.0.0.1:9" in str(e.value) and q.error == str(e.value)
    assert isinstance(e.value, ConnectionError)


# ------------------------------------------------------------------ query keywords
def test_query_keywords_build_the_url():
    s1 = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1)
    q = s1.create_query(pos=(10.5, 41.25), size=(0.1, 0.2), intersect="covers", verbosity=3,
                        format=["image/fits", "GRAPHIC"], maxrec=5, object="M 31")
    assert q.url == ("http://127.0.0.1:9/sia?POS=10.5,41.25&SIZE=0.1,0.2&INTERSECT=COVERS"
                     "&VERB=3&FORMAT=image/fits,GRAPHIC&MAXREC=5&OBJECT=M%2031")
    q.remove_param("object").set_param("band", 2)
    assert q.url.endswith("MAXREC=5&BAND=2")
    assert q.clone().url == q.url
    s2 = vosia.Service("http://127.0.0.1:9/sia2?", vosia.SIA2)
    q = s2.create_query(pos=[(1, 2, 3), (10, 20, 30, 40)], band=(1e-7, None),
                        time=[(50000, 50001), (60000, 60001)], collection=["a", "b"],
                        calib=2, dptype="image", maxrec=0)
    assert q.url == ("http://127.0.0.1:9/sia2?POS=CIRCLE%201%202%203"
                     "&POS=RANGE%2010%2020%2030%2040&BAND=1e-7%20%2BInf"
                     "&TIME=50000%2050001&TIME=60000%2060001&COLLECTION=a&COLLECTION=b"
                     "&CALIB=2&DPTYPE=image&MAXREC=0")
    poly = s2.create_query(pos=[(1, 2), (3, 4), (5, 6)]).url
    assert poly == s2.create_query(pos=(1, 2, 3, 4, 5, 6)).url
    assert "POS=POLYGON%201%202%203%204%205%206" in poly
    assert "FOV=-Inf%202" in s2.create_query().add_interval("fov", None, 2).url
    with pytest.raises(ValueError, match="not an SIA 2.0 interval parameter"):
        s2.create_query().add_interval("size", 1, 2)
    with pytest.raises(vosia.InvalidArgError):
        s2.create_query(pol="NOPE")


def test_query_keywords_take_astropy_values():
    pytest.importorskip("astropy")
    from astropy import units as u
    from astropy.coordinates import SkyCoord

    s1 = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1)
    q = s1.create_query(pos=SkyCoord(10.5 * u.deg, 41.25 * u.deg), size=30 * u.arcmin)
    assert "POS=10.5,41.25&SIZE=0.5" in q.url
    s2 = vosia.Service("http://127.0.0.1:9/sia2?", vosia.SIA2)
    q = s2.create_query(pos=(1 * u.deg, 2 * u.deg, 60 * u.arcmin),
                        band=(1 * u.um, 299792458 * u.Hz), exptime=(1 * u.min, None))
    assert q.url == ("http://127.0.0.1:9/sia2?POS=CIRCLE%201%202%201&BAND=1e-6%201"
                     "&EXPTIME=60%20%2BInf")


# ------------------------------------------------------------------ a local HTTP server
def _big_votable(rows):
    head = ('<?xml version="1.0"?><VOTABLE version="1.3"><RESOURCE type="results">'
            '<INFO name="QUERY_STATUS" value="OK"/><TABLE>'
            '<FIELD name="acref" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>'
            '<FIELD name="ra" datatype="double" ucd="POS_EQ_RA_MAIN"/><DATA><TABLEDATA>')
    body = "".join(f"<TR><TD>http://a/{i}.fits</TD><TD>{i * 0.001}</TD></TR>"
                   for i in range(rows))
    return (head + body + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, code, body, ctype="text/xml"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if code == 503:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        srv = self.server
        srv.requests.append((self.path, self.headers))  # names: any case
        path = self.path.split("?")[0]
        if path == "/three":
            with open(THREE, "rb") as f:
                self._send(200, f.read())
        elif path == "/big":
            self._send(200, srv.big)
        elif path == "/error":
            with open(os.path.join(DATA, "sia1_error.xml"), "rb") as f:
                self._send(200, f.read())
        elif path == "/html":
            self._send(200, b"<html><body>Maintenance</body></html>", "text/html")
        elif path == "/busy":  # 503 twice, then the answer
            srv.busy += 1
            if srv.busy <= 2:
                self._send(503, b"busy", "text/plain")
            else:
                with open(THREE, "rb") as f:
                    self._send(200, f.read())
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"")
        else:
            self._send(404, b"no such page", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that cancels (progress, size limit, timeout) hangs up mid-answer: not an
        # error of the server, and socketserver must not print it. Others fail the tests.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            self.errors.append(repr(error))


@pytest.fixture(scope="module")
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.requests, srv.busy, srv.big, srv.errors = [], 0, _big_votable(20000), []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.shutdown()
    srv.server_close()
    assert srv.errors == []


def _search(url, **settings):
    return vosia.Service(url + "?", vosia.SIA1, **settings).search(pos=(1, 2), size=0.1)


def test_transport_errors(server):
    with pytest.raises(vosia.HTTPError, match="404"):
        _search(server.url + "/nope")
    with pytest.raises(vosia.ServiceError, match="Illegal POS value"):
        _search(server.url + "/error")
    with pytest.raises(vosia.FormatError, match="text/html"):
        _search(server.url + "/html")
    with pytest.raises(vosia.TooLargeError):
        _search(server.url + "/big", max_response_bytes=1000)
    t0 = time.monotonic()
    with pytest.raises(vosia.TimeoutExpiredError) as e:
        _search(server.url + "/slow", timeout=0.5)
    assert time.monotonic() - t0 < 2.5 and isinstance(e.value, TimeoutError)


def test_retries_and_headers(server):
    server.busy = 0
    with pytest.raises(vosia.HTTPError, match="503"):
        _search(server.url + "/busy", retries=0)
    server.busy = 0
    assert len(_search(server.url + "/busy", retries=(3, 5.0))) == 3
    server.requests.clear()
    _search(server.url + "/three", headers={"X-Vosia-Test": "yes"}, keepalive=False)
    _search(server.url + "/three", headers=[("X-Vosia-Test", "again")], keepalive=True)
    (_, closed), (_, kept) = server.requests
    assert closed["X-Vosia-Test"] == "yes" and closed.get("Connection") == "close"
    assert kept["X-Vosia-Test"] == "again" and kept.get("Connection") != "close"
    assert closed["User-Agent"].startswith("vosia/")


def test_progress_reports_the_whole_body(server):
    calls = []
    r = _search(server.url + "/big", progress=lambda done, total: calls.append((done, total)))
    assert len(r) == 20000
    assert calls[0] == (0, len(server.big)) and calls[-1] == (len(server.big),) * 2
    assert len(calls) > 2 and all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))


def test_progress_cancels(server):
    svc = vosia.Service(server.url + "/big?", vosia.SIA1)
    seen = []

    def stop_halfway(done, total):
        seen.append(done)
        return done > total // 2

    svc.set_progress(stop_halfway)
    with pytest.raises(vosia.CancelledError):
        svc.search(pos=(1, 2), size=0.1)
    assert seen[-1] > len(server.big) // 2 and seen[-1] < len(server.big)

    def boom(done, total):
        if done > 0:
            raise ZeroDivisionError("from the progress function")

    svc.set_progress(boom)
    with pytest.raises(ZeroDivisionError, match="from the progress function"):
        svc.search(pos=(1, 2), size=0.1)
    svc.set_progress(lambda d, t: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        svc.search(pos=(1, 2), size=0.1)
    svc.set_progress(None)  # the service goes on working
    assert len(svc.search(pos=(1, 2), size=0.1)) == 20000
    with pytest.raises(TypeError):
        svc.set_progress(42)


def test_progress_errors_stay_on_their_thread(server):
    """An exception in one thread's progress call is raised in that thread only."""
    svc = vosia.Service(server.url + "/big?", vosia.SIA1)
    boom_thread = []

    def progress(done, total):
        if threading.current_thread().name == "boom" and done > 0:
            boom_thread.append(done)
            raise RuntimeError("boom")

    svc.set_progress(progress)
    outcome = {}

    def run():
        try:
            outcome[threading.current_thread().name] = len(svc.search(pos=(1, 2), size=0.1))
        except BaseException as e:  # noqa: B902
            outcome[threading.current_thread().name] = repr(e)

    threads = [threading.Thread(target=run, name=n) for n in ("boom", "calm")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert outcome == {"boom": "RuntimeError('boom')", "calm": 20000}


# ------------------------------------------------------------------ live: DaCHS
@live
def test_live_progress_cancel():
    svc = vosia.Service(SIA1_URL, vosia.SIA1, timeout=60)
    calls = []
    svc.set_progress(lambda done, total: calls.append((done, total)) or True)
    with pytest.raises(vosia.CancelledError, match="cancelled"):
        svc.search(pos=(10.6847, 41.269), size=0.3)
    assert calls == [calls[0]] and calls[0][0] == 0
    svc.set_progress(lambda done, total: 1 / 0 if done else None)
    with pytest.raises(ZeroDivisionError):
        svc.search(pos=(10.6847, 41.269), size=0.3)
    svc.set_progress(lambda done, total: calls.append((done, total)))
    calls.clear()
    r = svc.search(pos=(10.6847, 41.269), size=0.3)
    assert len(r) > 0 and calls[0][0] == 0 and calls[-1][0] > 0


@live
def test_live_metadata_sia1():
    svc = vosia.Service(SIA1_URL, vosia.SIA1, timeout=60)
    assert "synthetic FITS images" in svc.description
    pos = svc.param("pos")
    assert (pos.name, pos.ucd, pos.unit, pos.datatype) == ("POS", "pos.eq", "deg", "char")
    assert "RA,DEC" in pos.description
    intersect = svc.param("INPUT:intersect")
    assert intersect.value == "OVERLAPS"
    assert set(intersect.options) == {"OVERLAPS", "COVERS", "ENCLOSED", "CENTER"}
    assert svc.param("no_such_param") is None
    assert svc.params[0] is pos
    access = [c for c in svc.columns if c.ucd == "VOX:Image_AccessReference"]
    assert len(access) == 1 and access[0].datatype == "char"
    # The declared columns are those a query returns.
    r = svc.search(pos=(10.6847, 41.269), size=0.3, verb=3)
    assert {c.name for c in svc.columns} >= set(r.fieldnames) - {""}


@live
def test_live_metadata_sia2_capabilities_availability_discover():
    svc = vosia.discover(DACHS + "/siatest/q/sia2", timeout=60)
    assert svc.url == SIA2_URL and svc.version == vosia.SIA2
    caps = {c.standard_id: c.url for c in svc.capabilities}
    assert caps["ivo://ivoa.net/std/SIA#query-2.0"] == SIA2_URL
    assert caps["ivo://ivoa.net/std/VOSI#availability"].endswith("/sia2/availability")
    availability = svc.check_availability()
    assert availability.available and availability and svc.available
    band = svc.param("BAND")
    assert (band.xtype, band.arraysize, band.datatype) == ("interval", "2", "double")
    names = {c.name for c in svc.columns}
    assert {"access_url", "obs_publisher_did", "s_ra", "s_dec"} <= names
    r = svc.search(pos=(83.8221, -5.3911, 0.2), maxrec=5)
    assert 0 < len(r) <= 5
    assert all(url.startswith(DACHS) for url in r["access_url"])
    with pytest.raises(vosia.VosiaError):
        vosia.discover(DACHS + "/siatest/q/no_such_service", timeout=10)
    with pytest.raises(vosia.InvalidArgError):
        vosia.discover(DACHS + "/siatest/q/sia2", timeout=-1)


@live
def test_live_columns_match_rows():
    svc = vosia.Service(SIA2_URL, vosia.SIA2, timeout=60)
    r = svc.search(pos=(83.8221, -5.3911, 0.2))
    ra = r["s_ra"]
    assert ra.dtype == np.float64 and list(ra) == [row.s_ra for row in r]
    assert list(r.std("mjd_obs")) == pytest.approx([row.std("mjd_obs") for row in r])


def test_post_above_is_checked_and_chains():
    svc = vosia.Service("http://127.0.0.1:9/sia2?", vosia.SIA2)
    assert svc.set_post_above(0) is svc
    with pytest.raises(vosia.InvalidArgError):
        svc.set_post_above(-1)
