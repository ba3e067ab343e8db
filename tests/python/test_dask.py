"""examples/python/dask_search.py on a real dask.distributed LocalCluster of 2 worker
processes: the image lists of 100 positions equal a serial vosia run, position by position.
Skipped without dask.distributed or VOSIA_TEST_DACHS."""
import os
import sys

import pytest

import vosia

DACHS = os.environ.get("VOSIA_TEST_DACHS", "")
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                        "python")


@pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")
def test_a_dask_cluster_finds_what_a_serial_run_finds():
    distributed = pytest.importorskip("dask.distributed")
    sys.path.insert(0, EXAMPLES)
    import dask_search

    url = DACHS.rstrip("/") + "/siatest/q/i/siap.xml?"
    everywhere = dask_search.positions(100)
    svc = vosia.Service(url, vosia.SIA1)
    serial = [[row.access_url for row in vosia.Query(svc, pos=p, size=0.2).execute()]
              for p in everywhere]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_cluster = dask_search.search_on_cluster(client, url, everywhere)
        workers = len(client.scheduler_info()["workers"])
    assert workers == 2
    assert on_cluster == serial
    assert sum(map(len, serial)) > 100
