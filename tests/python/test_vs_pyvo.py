"""vosia (through its Python package, python/vosia) against pyvo, on the same responses.

Offline: each saved SIA 1.0 and SIA 2.0 response (tests/data and the shared corpus) is read by
pyvo (astropy.io.votable.parse wrapped in pyvo.dal.sia.SIAResults / sia2.SIA2Results) and by
vosia; both must see the same records with the same standard fields: access URL, format,
title, position, observation date, NAXIS, scale, file size, instrument, band limits, and for
SIA 2.0 the ObsCore fields. Live (VOSIA_TEST_DACHS set): the same SIA 1.0 and 2.0 queries of the
local DaCHS, built by pyvo and sent by both, give the same records.

astropy never touches the network here (allow_internet off, no IERS download).
Run by ctest as python_vs_pyvo (with test_package.py), against the build tree:
    PYTHONPATH=python VOSIA_LIB=build/lib/libvosia.so pytest tests/python
and by tests/python/pip_install.sh against the package pip installs from the repository.
"""
import math
import os
import re
import warnings

import pytest

pyvo = pytest.importorskip("pyvo")
from astropy.utils import iers  # noqa: E402
from astropy.utils.data import conf as data_conf  # noqa: E402

data_conf.allow_internet = False
iers.conf.auto_download = False

from astropy.io.votable import parse as parse_votable  # noqa: E402
from pyvo.dal.sia import SIAResults  # noqa: E402
from pyvo.dal.sia2 import SIA2Results  # noqa: E402

import vosia  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

DATA = os.environ.get("VOSIA_TEST_DATA", os.path.join(ROOT, "tests", "data"))
CORPUS = os.environ.get("VOSIA_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
DACHS = os.environ.get("VOSIA_TEST_DACHS", "")

SIA1_FILES = [
    "data:sia1_three.xml",
    "pyvo/sia1-dataset.xml",
    "pyvo-history/gavo-bgds-siap1.xml",
    "pyvo-history/gavo-rosat-siap1.xml",
    "pyvo-history/neat-sia.xml",
    "usvao/GalexSiapVotable.xml",
    "voclient/skyview-sia_m51.xml",
]
SIA2_FILES = [
    "pyvo/sia2-dataset.xml",
    "pyvo-history/gavo-sitewide-siap2-band-time.xml",
    "pyvo-history/gavo-sitewide-siap2-pos-band.xml",
    "pyvo/tap-obscore-image.xml",
    "cds-votable-rust/astron-obscore.vot",
]


def path_of(name):
    if name.startswith("data:"):
        return os.path.join(DATA, name[5:])
    return os.path.join(CORPUS, name)


def pyvo_table(path, results_class):
    if not os.path.exists(path):
        pytest.skip(f"{path} is not here (no shared corpus)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return results_class(parse_votable(path))
        except ValueError as e:
            # e.g. usvao/GalexSiapVotable.xml: an int column holding "16407,12000"
            version = vosia.SIA2 if results_class is SIA2Results else vosia.SIA1
            with vosia.Results.parse_file(path, version) as vr:
                assert len(vr) > 0
                pytest.skip(f"astropy cannot read {path} ({e}); vosia reads {len(vr)} rows")


def value(thing):
    """A pyvo attribute as a plain value: Quantity -> number, Time -> MJD, masked -> None."""
    if thing is None:
        return None
    if hasattr(thing, "mjd"):
        return float(thing.mjd)
    if hasattr(thing, "value") and hasattr(thing, "unit"):
        thing = thing.value
    if hasattr(thing, "mask") and bool(getattr(thing, "mask", False) is True):
        return None
    try:
        import numpy as np

        if isinstance(thing, np.ma.core.MaskedConstant):
            return None
        if isinstance(thing, np.ndarray):
            return [float(x) for x in thing.ravel()]
        if isinstance(thing, (np.floating, float)):
            return None if math.isnan(thing) else float(thing)
        if isinstance(thing, (np.integer, int)):
            return int(thing)
        if isinstance(thing, (np.str_, str, bytes)):
            s = thing.decode() if isinstance(thing, bytes) else str(thing)
            return s if s != "" else None
    except ImportError:
        pass
    return thing


def attr(record, name):
    """pyvo's accessor, None when it has no value (some raise on a missing column)."""
    try:
        return value(getattr(record, name))
    except (AttributeError, TypeError, KeyError, ValueError):
        return None


def masked(pv, i, column):
    """Whether astropy masks cell (i, column): pyvo's record accessors drop the mask and give
    the raw value instead (the VALUES null sentinel, or 0), where vosia gives a null."""
    if column is None:
        return False
    try:
        mask = pv.resultstable.array[column].mask[i]
    except (KeyError, AttributeError, ValueError, IndexError):
        return False
    import numpy as np

    return bool(np.all(mask))


def sia1_column(pv, ucd):
    try:
        return pv.fieldname_with_ucd(ucd)
    except (AttributeError, KeyError):
        return None


def expect(pv, i, rec, name, column):
    """pyvo's value of accessor `name`, None when astropy masks the cell behind it."""
    return None if masked(pv, i, column) else attr(rec, name)


def same(a, b, what, rel=1e-9, scale=1.0):
    if isinstance(a, list) or isinstance(b, list):
        a = a if isinstance(a, list) else ([a] if a is not None else None)
        b = b if isinstance(b, list) else ([b] if b is not None else None)
        if a is None or b is None:
            assert a == b, what
            return
        assert len(a) == len(b), f"{what}: {a} vs {b}"
        for x, y in zip(a, b):
            same(x, y, what, rel, scale)
        return
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) and math.isnan(b):
            return
        assert b * scale == pytest.approx(a, rel=rel, abs=1e-12), f"{what}: pyvo {a}, vosia {b}"
        return
    assert a == b, f"{what}: pyvo {a!r}, vosia {b!r}"


def compare_sia1(pv, vr, label):
    assert len(pv) == len(vr), f"{label}: row counts"
    col = {ucd: sia1_column(pv, ucd) for ucd in SIA1_UCDS.values()}
    for i, (rec, row) in enumerate(zip(pv, vr)):
        where = f"{label} row {i}"
        for accessor, field in SIA1_SAME:
            want = expect(pv, i, rec, accessor, col[SIA1_UCDS[accessor]])
            rel = 1e-6 if accessor == "scale" else 1e-9  # float columns
            same(want, row.std(field), f"{where} {field}", rel=rel)
        pos = None
        try:
            pos = rec.pos
        except (AttributeError, TypeError, ValueError):
            pass
        if pos is not None:
            same(float(pos.ra.deg), row.std("ra"), f"{where} RA")
            same(float(pos.dec.deg), row.std("dec"), f"{where} Dec")


# pyvo SIARecord accessor -> (its UCD, vosia's standard field)
SIA1_UCDS = {
    "acref": "VOX:Image_AccessReference",
    "format": "VOX:Image_Format",
    "title": "VOX:Image_Title",
    "dateobs": "VOX:Image_MJDateObs",
    "filesize": "VOX:Image_FileSize",
    "instr": "INST_ID",
    "naxes": "VOX:Image_Naxes",
    "naxis": "VOX:Image_Naxis",
    "scale": "VOX:Image_Scale",
    "bandpass_id": "VOX:BandPass_ID",
    "bandpass_lolimit": "VOX:BandPass_LoLimit",
    "bandpass_hilimit": "VOX:BandPass_HiLimit",
    "coord_frame": "VOX:STC_CoordRefFrame",
    "coord_projection": "VOX:WCS_CoordProjection",
}
SIA1_SAME = [
    ("acref", "access_url"),
    ("format", "format"),
    ("title", "title"),
    ("dateobs", "mjd_obs"),
    ("filesize", "filesize"),
    ("instr", "instrument"),
    ("naxes", "naxes"),
    ("naxis", "naxis"),
    ("scale", "scale"),
    ("bandpass_id", "bandpass_id"),
    ("bandpass_lolimit", "em_min"),
    ("bandpass_hilimit", "em_max"),
    ("coord_frame", "coord_frame"),
    ("coord_projection", "projection"),
]


def compare_sia2(pv, vr, label):
    assert len(pv) == len(vr), f"{label}: row counts"
    for i, (rec, row) in enumerate(zip(pv, vr)):
        where = f"{label} row {i}"
        same(attr(rec, "access_url"), row.std("access_url"), f"{where} access URL")
        same(attr(rec, "access_format"), row.std("format"), f"{where} format")
        title = attr(rec, "obs_title") or attr(rec, "obs_id")
        same(title, row.std("title"), f"{where} title")
        same(attr(rec, "s_ra"), row.std("ra"), f"{where} RA")
        same(attr(rec, "s_dec"), row.std("dec"), f"{where} Dec")
        t_min, t_max = attr(rec, "t_min"), attr(rec, "t_max")
        same(t_min, row.std("t_min"), f"{where} t_min")
        same(t_max, row.std("t_max"), f"{where} t_max")
        if t_min is not None and t_max is not None:
            same((t_min + t_max) / 2, row.std("mjd_obs"), f"{where} MJD mid-point")
        xel = [attr(rec, "s_xel1"), attr(rec, "s_xel2")]
        if None not in xel:
            same([float(x) for x in xel], row.std("naxis"), f"{where} NAXIS")
        # ObsCore access_estsize is in kilobytes; both give bytes (1 kB = 1000 bytes).
        same(expect(pv, i, rec, "access_estsize", "access_estsize"), row.std("filesize"),
             f"{where} size")
        for ours, theirs in [
            ("collection", "obs_collection"),
            ("instrument", "instrument_name"),
            ("facility", "facility_name"),
            ("obs_id", "obs_id"),
            ("publisher_did", "obs_publisher_did"),
            ("target", "target_name"),
            ("dataproduct_type", "dataproduct_type"),
            ("s_region", "s_region"),
            ("pol_states", "pol_states"),
        ]:
            same(expect(pv, i, rec, theirs, theirs), row.std(ours), f"{where} {ours}")
        same(attr(rec, "calib_level"), row.std("calib_level"), f"{where} calib_level")
        same(attr(rec, "s_fov"), row.std("s_fov"), f"{where} s_fov")
        same(attr(rec, "t_exptime"), row.std("t_exptime"), f"{where} t_exptime")
        same(attr(rec, "em_min"), row.std("em_min"), f"{where} em_min")
        same(attr(rec, "em_max"), row.std("em_max"), f"{where} em_max")
        # pyvo gives s_resolution in arcsec; vosia in degrees.
        same(attr(rec, "s_resolution"), row.std("s_resolution"), f"{where} s_resolution",
             scale=3600.0)


@pytest.mark.parametrize("name", SIA1_FILES)
def test_sia1_file(name):
    path = path_of(name)
    pv = pyvo_table(path, SIAResults)
    with vosia.Results.parse_file(path, vosia.SIA1) as vr:
        compare_sia1(pv, vr, name)


@pytest.mark.parametrize("name", SIA2_FILES)
def test_sia2_file(name):
    path = path_of(name)
    pv = pyvo_table(path, SIA2Results)
    with vosia.Results.parse_file(path, vosia.SIA2) as vr:
        compare_sia2(pv, vr, name)


def test_wrapper_basics():
    """The package itself: nulls, errors, the query URL."""
    with vosia.Results.parse_file(os.path.join(DATA, "sia1_three.xml")) as r:
        assert len(r) == 3
        assert r[2].std("mjd_obs") is None
        assert r[0].std("naxis") == [2048.0, 4096.0]
        assert r.info("QUERY_STATUS") == "OK"
        assert r[0].text("exptime") == "300.5"
    with pytest.raises(vosia.VosiaError) as err:
        vosia.Results.parse_file(os.path.join(DATA, "sia1_error.xml"))
    assert err.value.status == 50 and "Illegal POS value" in str(err.value)
    assert isinstance(err.value, vosia.ServiceError)
    q = vosia.Query(vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1))
    q.set_pos(10.5, 41.25).set_size(0.2)
    assert "POS=10.5,41.25" in q.url and "SIZE=0.2" in q.url
    with pytest.raises(vosia.VosiaError) as err:
        q.set_pos(1, 95)
    assert err.value.status == 11
    assert isinstance(err.value, vosia.InvalidArgError)


def run_both(pyvo_query, service_url, version):
    """Sends pyvo's query with pyvo and, parameter for parameter, with vosia."""
    pv = pyvo_query.execute()
    vq = vosia.Query(vosia.Service(service_url, version, timeout=60))
    for key, val in pyvo_query.items():
        values = val if isinstance(val, (list, tuple)) else [val]
        for v in values:
            vq.add_param(key, v)
    return pv, vq.execute()


@pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")
def test_live_sia1():
    url = DACHS + "/siatest/q/i/siap.xml"
    query = pyvo.dal.sia.SIAQuery(url, pos=(10.6847, 41.269), size=0.3)
    pv, vr = run_both(query, url + "?", vosia.SIA1)
    assert len(vr) > 0
    compare_sia1(pv, vr, "DaCHS SIA 1.0")


@pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")
def test_live_sia2():
    url = DACHS + "/siatest/q/sia2/siap2.xml"
    query = pyvo.dal.sia2.SIA2Query(url, pos=(83.8221, -5.3911, 0.2))
    pv, vr = run_both(query, url + "?", vosia.SIA2)
    assert len(vr) > 0
    compare_sia2(pv, vr, "DaCHS SIA 2.0")


def header_defines():
    with open(os.path.join(ROOT, "include", "vosia.h"), encoding="utf-8") as f:
        return {k: int(v) for k, v in
                re.findall(r"^#define (VOSIA_\w+) (-?\d+)\s*$", f.read(), re.M)}


def test_constants_match_the_header():
    """The package's restated constants are vosia.h's, every one of each family (as the
    Fortran test checks its own); the standard fields, read from the library, are the
    header's VOSIA_FIELD_*."""
    defines = header_defines()
    fields = {k[len("VOSIA_FIELD_"):].lower(): v for k, v in defines.items()
              if k.startswith("VOSIA_FIELD_") and k != "VOSIA_FIELD_COUNT"}
    assert {name: f.index for name, f in vosia.FIELDS.items()} == fields
    assert len(vosia.FIELDS) == defines["VOSIA_FIELD_COUNT"]
    assert (vosia.SIA1, vosia.SIA2) == (defines["VOSIA_SIA1"], defines["VOSIA_SIA2"])
    statuses = {k[len("VOSIA_"):]: v for k, v in defines.items()
                if k in ("VOSIA_OK", "VOSIA_NULL_VALUE") or k.startswith("VOSIA_E_")}
    assert {s.name: s.value for s in vosia.Status} == statuses
    for enum, prefix in [(vosia.Attr, "VOSIA_ATTR_"), (vosia.Kind, "VOSIA_KIND_"),
                         (vosia.QueryParam, "VOSIA_PARAM_"), (vosia.Datatype, "VOSIA_TYPE_")]:
        header = {k[len(prefix):]: v for k, v in defines.items() if k.startswith(prefix)}
        assert {e.name: e.value for e in enum} == header, prefix
    downloads = {k[len("VOSIA_DOWNLOAD_"):]: v for k, v in defines.items()
                 if k.startswith("VOSIA_DOWNLOAD_")}
    assert {**{e.name: e.value for e in vosia.DownloadFlag},
            **{e.name: e.value for e in vosia.DownloadHow}} == downloads
    assert vosia.capi.ABI_VERSION == (defines["VOSIA_VERSION_MAJOR"],
                                      defines["VOSIA_VERSION_MINOR"])
