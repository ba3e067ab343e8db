"""Registry search and TAP through the Python package, against pyvo's ``registry.search``
for the same constraints on the DaCHS harness's RegTAP tables (VOSIA_TEST_DACHS). With
VOSIA_C_EXAMPLES (the folder of the built C examples, as ctest sets it), the C example
``find_services`` is held to the same answers, so the C API is compared with pyvo too.

pyvo's waveband constraint checks the term against the IVOA messenger vocabulary, which it
would download; the test gives it the vocabulary's terms instead (astropy never goes online
here).
"""
import os
import subprocess

import pytest

import vosia

try:
    from astropy.utils.data import conf as _data_conf
    _data_conf.allow_internet = False
    import pyvo
    import pyvo.utils.vocabularies as _vocabularies
    from pyvo import registry as pyvo_registry
    from pyvo.registry import rtcons
except ImportError:  # pragma: no cover - the ctest skips without pyvo
    pyvo = None

DACHS = os.environ.get("VOSIA_TEST_DACHS", "").rstrip("/")
EXAMPLES = os.environ.get("VOSIA_C_EXAMPLES", "")
live = pytest.mark.skipif(not DACHS or pyvo is None, reason="VOSIA_TEST_DACHS or pyvo missing")

# Each constraint as pyvo's registry.search keywords; vosia's search restricts to SIA
# services, so pyvo is given servicetype sia and sia2 when the case names none.
CASES = [
    dict(servicetype="sia"),
    dict(servicetype="sia2"),
    dict(keywords=["direct-imaging"]),
    dict(keywords=["DataLink"], servicetype="sia2"),
    dict(keywords=["images", "SIAP"]),
    dict(waveband="optical"),
    dict(waveband="radio"),
    dict(ivoid="ivo://siatest.local/siatest/q/sia2"),
    dict(keywords=["test"], waveband="optical", servicetype="sia"),
]


@pytest.fixture(autouse=True)
def _offline_vocabulary(monkeypatch):
    if pyvo is None:
        return
    terms = {t: {} for t in ("radio", "millimeter", "infrared", "optical", "uv", "euv",
                             "x-ray", "gamma-ray", "photon", "neutrino",
                             "gravitational-wave", "particle")}
    monkeypatch.setattr(_vocabularies, "get_vocabulary",
                        lambda name, force_update=False: {"terms": terms})


def pyvo_ivoids(case):
    pyvo_registry.choose_RegTAP_service(f"{DACHS}/tap")
    keys = dict(case)
    types = keys.pop("servicetype", None)
    constraints = [rtcons.Servicetype(types) if types else rtcons.Servicetype("sia", "sia2")]
    return sorted({r.ivoid for r in pyvo_registry.search(*constraints, **keys)})


def vosia_ivoids(case):
    hits = vosia.registry.search(registry=f"{DACHS}/tap", **case)
    return sorted({h.ivoid for h in hits})


def c_ivoids(case):
    args = [os.path.join(EXAMPLES, "find_services"), f"{DACHS}/tap"]
    args += [case["servicetype"]] if "servicetype" in case else []
    args += [f"keyword={w}" for w in case.get("keywords", [])]
    args += [f"waveband={case['waveband']}"] if "waveband" in case else []
    args += [f"ivoid={case['ivoid']}"] if "ivoid" in case else []
    out = subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout
    return sorted({line.split("\t")[0] for line in out.splitlines() if line})


@live
@pytest.mark.parametrize("case", CASES, ids=lambda c: ",".join(f"{k}={v}" for k, v in c.items()))
def test_the_same_services_as_pyvo(case):
    expected = pyvo_ivoids(case)
    assert vosia_ivoids(case) == expected
    if EXAMPLES:
        assert c_ivoids(case) == expected


@live
def test_a_hit_is_ready_to_search():
    hits = vosia.registry.search(registry=f"{DACHS}/tap", servicetype="sia")
    assert [h.sia_version for h in hits] == [vosia.SIA1]
    hit = hits[0]
    assert hit.short_name == "siatest sia1" and hit.waveband == ("optical",)
    assert hit.standard_id == "ivo://ivoa.net/std/sia"
    results = hit.service(timeout=30).search(pos=(10.68, 41.27), size=1.0)
    assert len(results) > 0


@live
def test_the_registry_comes_from_ivoa_registry_as_in_pyvo(monkeypatch):
    monkeypatch.setenv("IVOA_REGISTRY", f"{DACHS}/tap")
    assert {h.ivoid for h in vosia.registry.search(servicetype="sia")} == {
        "ivo://siatest.local/siatest/q/i"}


@live
def test_adql_through_tap_with_maxrec():
    res = vosia.tap_query(f"{DACHS}/tap", "SELECT ivoid FROM rr.resource", maxrec=2)
    assert len(res) == 2 and res.overflow
    with pytest.raises(vosia.ServiceError, match="nosuch"):
        vosia.tap_query(f"{DACHS}/tap", "SELECT nosuch FROM rr.resource")


def test_bad_constraints_are_refused_before_any_request():
    with pytest.raises(vosia.InvalidArgError, match="optical"):
        vosia.registry.search(registry="http://127.0.0.1:9/tap", waveband="visible")
    with pytest.raises(vosia.InvalidArgError, match="sia2"):
        vosia.registry.search(registry="http://127.0.0.1:9/tap", servicetype="ssa")
    with pytest.raises(vosia.ConnectError):
        vosia.registry.search(registry="http://127.0.0.1:9/tap", keywords="x")
