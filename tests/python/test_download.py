"""Downloads through the Python package, against pyvo where pyvo does the same thing.

Offline: a refused connection raises ConnectError after trying every row, with the outcome
of each in ``.downloads``; a folder that is missing is a FileError. Live (VOSIA_TEST_DACHS
set): the same SIA 1.0 search saved by pyvo's ``cachedataset`` loop and by
``Results.download`` gives the same file names and the same bytes; the SIA 2.0 service whose
access URLs are DataLink documents gives the FITS files (pyvo's loop saves the XML);
``Row.cachedataset`` fetches nothing the second time; a progress callable that raises stops
the batch and its exception comes out of download().
"""
import os
import shutil
import tempfile

import pytest

import vosia

DACHS = os.environ.get("VOSIA_TEST_DACHS", "")
FILES = os.environ.get("VOSIA_TEST_DATA_FILES", "/var/gavo/inputs/siatest/data")
live = pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")

THREE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                     "sia1_three.xml")


@pytest.fixture
def folder():
    path = tempfile.mkdtemp(prefix="vosia-py-dl-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def test_a_refused_batch_raises_after_trying_every_row(folder):
    res = vosia.parse_file(THREE, vosia.SIA1)
    svc = vosia.Service("http://127.0.0.1:9/", vosia.SIA1).set_retries(0)
    # The saved response points at example.org; any host outside 127.0.0.1 is off limits
    # here, so the transport is one that can reach nothing.
    svc.add_header("X-Test", "1").set_connect_timeout(2)
    svc.trust_redirects_to("http://127.0.0.1:9")
    with pytest.raises(vosia.InvalidArgError, match="scheme, host and port only"):
        svc.trust_redirects_to("http://127.0.0.1:9/files")
    outcomes = res.download(folder, service=svc, strict=False, rows=range(0, 0))
    assert outcomes == []
    with pytest.raises(vosia.FileError, match="create it first"):
        svc.download("http://127.0.0.1:9/x.fits", os.path.join(folder, "missing"))
    with pytest.raises(vosia.ConnectError) as info:
        svc.download("http://127.0.0.1:9/x.fits", folder)
    assert len(info.value.downloads) == 1 and not info.value.downloads[0].ok
    assert os.listdir(folder) == []
    with pytest.raises(TypeError):
        res.download(folder, rows=range(0, 3, 2))
    with pytest.raises(vosia.InvalidArgError):
        svc.set_download_jobs(0)


@live
def test_sia1_names_and_bytes_equal_pyvos_cachedataset(folder):
    pyvo = pytest.importorskip("pyvo")
    url = DACHS + "/siatest/q/i/siap.xml"
    mine, theirs = os.path.join(folder, "vosia"), os.path.join(folder, "pyvo")
    os.mkdir(mine)
    os.mkdir(theirs)
    for record in pyvo.dal.sia.search(url, pos=(10.6847, 41.269), size=0.3):
        record.cachedataset(dir=theirs)
    res = vosia.Service(url + "?", vosia.SIA1).search(pos=(10.6847, 41.269), size=0.3)
    outcomes = res.download(mine)
    assert len(outcomes) == len(res) > 5
    assert all(o.how == "fetched" for o in outcomes)
    assert sorted(os.listdir(mine)) == sorted(os.listdir(theirs))
    for name in os.listdir(mine):
        assert read(os.path.join(mine, name)) == read(os.path.join(theirs, name)), name
    # pyvo's cachedataset, made safe: the second time nothing is fetched.
    again = res[0].cachedataset(mine)
    assert again.how == "cached" and again.path == outcomes[0].path


@live
def test_sia2_datalink_rows_give_the_fits_files(folder):
    svc = vosia.Service(DACHS + "/siatest/q/sia2dl/siap2.xml?", vosia.SIA2)
    res = svc.search(pos=(10.6847, 41.269, 0.2))
    assert "datalink" in res[0].std("format")
    for row, outcome in zip(res, res.download(folder)):
        assert outcome.path.endswith(".fits")
        name = row.std("publisher_did").split("/")[-1]
        assert read(outcome.path) == read(os.path.join(FILES, name))


@live
def test_file_progress_counts_the_files_and_can_stop_them(folder):
    svc = vosia.Service(DACHS + "/siatest/q/sia2dl/siap2.xml?", vosia.SIA2)
    res = svc.search(pos=(10.6847, 41.269, 0.2))
    seen = []
    svc.set_file_progress(lambda done, total: seen.append((done, total)))
    res.download(folder)
    n = len(res)
    assert seen == [(k, n) for k in range(1, n + 1)]
    svc.set_file_progress(lambda done, total: True).set_download_jobs(1)
    os.makedirs(os.path.join(folder, "stopped"))
    with pytest.raises(vosia.CancelledError):
        res.download(os.path.join(folder, "stopped"))
    svc.set_file_progress(None)
    assert len(os.listdir(os.path.join(folder, "stopped"))) == 1


@live
def test_an_exception_in_progress_stops_the_batch_and_comes_out(folder):
    svc = vosia.Service(DACHS + "/siatest/q/i/siap.xml?", vosia.SIA1)
    res = svc.search(pos=(10.6847, 41.269), size=0.3)

    class Stop(Exception):
        pass

    def progress(done, total):
        if done > 0:
            raise Stop("enough")

    svc.set_progress(progress)
    with pytest.raises(Stop):
        res.download(folder)
    svc.set_progress(None)
    leftovers = [n for n in os.listdir(folder) if n.endswith(".part")]
    assert leftovers == []


@live
def test_six_hundred_circles_are_posted():
    svc = vosia.Service(DACHS + "/siatest/q/sia2/siap2.xml?", vosia.SIA2)
    circles = [(10.6847 + (i % 30) * 0.004, 41.269 + (i // 30) * 0.002, 0.01)
               for i in range(600)]
    assert len(svc.search(pos=circles)) > 0
    svc.set_post_above(2 ** 62)
    with pytest.raises(vosia.HTTPError, match="set_post_above"):
        svc.search(pos=circles)


@live
def test_cutouts_equal_pyvos_processed(folder):
    pyvo = pytest.importorskip("pyvo")
    from pyvo.dal.sia2 import SIA2Query

    ra, dec = 10.878948, 41.309434
    url = DACHS + "/siatest/q/sia2dl/siap2.xml"
    theirs = {rec["obs_publisher_did"]: rec.processed(circle=(ra, dec, 0.005)).read()
              for rec in SIA2Query(url, pos=(ra, dec, 0.2)).execute()}
    res = vosia.Service(url + "?", vosia.SIA2).search(pos=(ra, dec, 0.2))
    outcomes = res.cutout(folder, circle=(ra, dec, 0.005), strict=False)
    assert len(outcomes) == len(theirs) == len(res)
    for row, outcome in zip(res, outcomes):
        data = theirs[row.std("publisher_did")]
        if data:
            assert outcome.ok and read(outcome.path) == data
        else:
            # pyvo hands back 0 bytes for HTTP 204; vosia says what happened.
            assert isinstance(outcome.error, vosia.HTTPError)
            assert "does not overlap" in str(outcome.error)
    assert any(o.ok for o in outcomes)


@live
def test_the_raw_response_is_saved_while_parsed(folder):
    svc = vosia.Service(DACHS + "/siatest/q/i/siap.xml?", vosia.SIA1)
    path = os.path.join(folder, "response.xml")
    res = svc.search(pos=(10.6847, 41.269), size=0.3, save=path)
    assert len(vosia.parse_file(path, vosia.SIA1)) == len(res) > 0
    with pytest.raises(vosia.FileError):
        svc.search(pos=(10.6847, 41.269), size=0.3, save=os.path.join(folder, "no", "x.xml"))


def test_descriptors_are_read():
    doc = (
        '<VOTABLE><RESOURCE type="results"><TABLE><FIELD name="did" ID="did" datatype="char"'
        ' arraysize="*"/><DATA><TABLEDATA><TR><TD>ivo://x/a</TD></TR></TABLEDATA></DATA>'
        '</TABLE></RESOURCE><RESOURCE ID="soda" type="meta" utype="adhoc:service">'
        '<PARAM name="standardID" datatype="char" arraysize="*"'
        ' value="ivo://ivoa.net/std/SODA#sync-1.0"/><PARAM name="accessURL" datatype="char"'
        ' arraysize="*" value="http://h/dlget"/><GROUP name="inputParams"><PARAM name="ID"'
        ' datatype="char" arraysize="*" ref="did" value=""/><PARAM name="POL" datatype="char"'
        ' arraysize="*" value=""><VALUES><OPTION value="I"/><OPTION value="Q"/></VALUES>'
        '</PARAM></GROUP></RESOURCE></VOTABLE>')
    (d,) = vosia.parse(doc, vosia.SIA2).descriptors
    assert (d.id, d.name, d.standard_id, d.url) == (
        "soda", None, "ivo://ivoa.net/std/SODA#sync-1.0", "http://h/dlget")
    assert [(p.name, p.ref, p.value) for p in d.inputs] == [("ID", "did", None),
                                                             ("POL", None, None)]
    assert d.inputs[1].options == ("I", "Q")


@live
def test_the_sia2dl_response_describes_its_datalink_service():
    res = vosia.Service(DACHS + "/siatest/q/sia2dl/siap2.xml?", vosia.SIA2).search(
        pos=(10.6847, 41.269, 0.1))
    (d,) = res.descriptors
    assert d.standard_id.startswith("ivo://ivoa.net/std/DataLink")
    assert [p.ref for p in d.inputs if p.name == "ID"] == ["obs_publisher_did"]


@live
def test_datalinks_of_all_rows_in_one_call():
    svc = vosia.Service(DACHS + "/siatest/q/sia2dl/siap2.xml?", vosia.SIA2)
    res = svc.search(pos=(10.6847, 41.269, 0.2))
    links = res.datalinks()
    this = [r["access_url"] for r in links if r["semantics"] == "#this"]
    assert len(this) == len(res) and all(u.endswith(".fits") for u in this)
    plain = vosia.Service(DACHS + "/siatest/q/i/siap.xml?", vosia.SIA1)
    with pytest.raises(vosia.UnsupportedError):
        plain.search(pos=(10.68, 41.27), size=0.2).datalinks()
