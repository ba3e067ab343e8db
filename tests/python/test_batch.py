"""The batch call through the Python package (vosia.execute_all).

Offline: a refused host gives one ConnectError outcome per query, in order; strict raises
the first with every outcome attached. Live (VOSIA_TEST_DACHS set): 30 SIA 1.0 positions
run at once give, position by position, the access URLs pyvo's sequential loop gives; the
Results stay readable after the batch is gone; a progress callable can cancel, and one
that raises has its exception come out of execute_all.
"""
import gc
import os

import pytest

import vosia

DACHS = os.environ.get("VOSIA_TEST_DACHS", "")
live = pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")

POSITIONS = [(10.5 + 0.012 * i, 41.15 + 0.006 * i) for i in range(30)]


def queries(service, positions):
    return [vosia.Query(service, pos=pos, size=0.2) for pos in positions]


def test_refused_queries_fail_one_by_one_in_order():
    svc = vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1).set_connect_timeout(2)
    qs = queries(svc, POSITIONS[:5])
    outcomes = vosia.execute_all(qs, jobs=3, per_host=2)
    assert [o.index for o in outcomes] == list(range(5))
    assert all(isinstance(o.error, vosia.ConnectError) and o.results is None
               for o in outcomes)
    with pytest.raises(vosia.ConnectError, match="5 of 5 queries failed") as info:
        vosia.execute_all(qs, strict=True)
    assert len(info.value.outcomes) == 5
    with pytest.raises(vosia.InvalidArgError, match="jobs"):
        vosia.execute_all(qs, jobs=65)
    assert vosia.execute_all([]) == []


@live
def test_thirty_positions_at_once_match_pyvo_one_by_one():
    pyvo = pytest.importorskip("pyvo")
    url = DACHS.rstrip("/") + "/siatest/q/i/siap.xml"
    svc = vosia.Service(url + "?", vosia.SIA1)
    outcomes = vosia.execute_all(queries(svc, POSITIONS))
    pyvo_service = pyvo.dal.SIAService(url)
    for outcome, pos in zip(outcomes, POSITIONS):
        assert outcome.ok, outcome.error
        theirs = [str(r.acref) for r in pyvo_service.search(pos=pos, size=0.2)]
        assert [row.access_url for row in outcome.results] == theirs
    kept = outcomes[3].results
    del outcomes
    gc.collect()
    assert len(kept) > 0 and kept[0].access_url.startswith("http")


@live
def test_progress_cancels_and_its_exception_comes_out():
    svc = vosia.Service(DACHS.rstrip("/") + "/siatest/q/i/siap.xml?", vosia.SIA1)
    qs = queries(svc, POSITIONS)
    seen = []
    outcomes = vosia.execute_all(qs, jobs=2, per_host=2,
                                 progress=lambda done, total: seen.append(done) or done >= 4)
    assert seen == [1, 2, 3, 4]
    cancelled = [o for o in outcomes if isinstance(o.error, vosia.CancelledError)]
    assert 4 <= len(outcomes) - len(cancelled) <= 6

    def boom(done, total):
        raise KeyError("stop here")

    with pytest.raises(KeyError, match="stop here"):
        vosia.execute_all(qs, jobs=2, progress=boom)


def test_each_row_says_which_circles_it_met():
    doc = ('<VOTABLE><RESOURCE type="results"><TABLE>'
           '<FIELD name="s_ra" datatype="double"/><FIELD name="s_dec" datatype="double"/>'
           '<FIELD name="s_region" datatype="char" arraysize="*"/><DATA><TABLEDATA>'
           '<TR><TD>10</TD><TD>41</TD>'
           '<TD>POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1</TD></TR>'
           '<TR><TD/><TD/><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>')
    r = vosia.parse(doc, vosia.SIA2)
    circles = [(10.0, 41.15, 0.06), (10.0, 41.15, 0.04), (10.0, 41.0, 0.001)]
    assert r.circles_met(0, circles) == [0, 2]
    assert r.circles_met(1, circles) is None
    with pytest.raises(vosia.InvalidArgError, match="not a circle"):
        r.circles_met(0, [(10.0, 41.0, -1.0)])
