"""Reads in batches through the Python package (vosia.parse_file_in_batches,
Query.execute_in_batches): the batches are, in order, the rows of the whole read; a batch is
closed once its call returns; a true return or an exception stops the read; a named pipe is
read as it is written. Live (VOSIA_TEST_DACHS set): a query in batches gives the access URLs
of its whole execute.
"""
import os
import subprocess
import sys

import pytest

import vosia

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("VOSIA_TEST_DATA", os.path.join(ROOT, "tests", "data"))
THREE = os.path.join(DATA, "sia1_three.xml")
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_sia1.py")
DACHS = os.environ.get("VOSIA_TEST_DACHS", "")


def collect(read, **kwargs):
    """Runs `read(on_rows, ...)`; returns the batches' (first_row, access URLs) and the rest."""
    seen = []

    def on_rows(batch, first_row):
        seen.append((first_row, list(batch.std("access_url"))))

    rest = read(on_rows, **kwargs)
    return seen, rest


def test_batches_are_the_rows_of_the_whole_read_in_order():
    whole = vosia.parse_file(THREE)
    seen, rest = collect(lambda f, **k: vosia.parse_file_in_batches(THREE, f, **k),
                         batch_rows=2)
    assert [first for first, _ in seen] == [0, 2]
    assert [len(urls) for _, urls in seen] == [2, 1]
    assert sum((urls for _, urls in seen), []) == list(whole.std("access_url"))
    assert len(rest) == 0
    assert rest.fieldnames == whole.fieldnames


def test_a_batch_is_closed_once_its_call_returns():
    kept = []
    vosia.parse_file_in_batches(THREE, lambda batch, first: kept.append(batch), batch_rows=1)
    assert len(kept) == 3 and all(b.closed for b in kept)
    with pytest.raises(ValueError, match="closed"):
        len(kept[0].text("acref"))


def test_a_true_return_cancels_and_an_exception_comes_out():
    calls = []
    with pytest.raises(vosia.CancelledError, match="rows function"):
        vosia.parse_file_in_batches(THREE, lambda b, first: calls.append(first) or True,
                                    batch_rows=1)
    assert calls == [0]

    def boom(batch, first):
        raise KeyError("from on_rows")

    with pytest.raises(KeyError, match="from on_rows"):
        vosia.parse_file_in_batches(THREE, boom, batch_rows=1)
    with pytest.raises(vosia.InvalidArgError, match="batch_rows"):
        vosia.parse_file_in_batches(THREE, lambda b, f: None, batch_rows=0)
    with pytest.raises(TypeError, match="callable"):
        vosia.parse_file_in_batches(THREE, None)
    with pytest.raises(vosia.ServiceError):
        vosia.parse_file_in_batches(os.path.join(DATA, "sia1_error.xml"), lambda b, f: None)


@pytest.mark.skipif(not os.path.exists(GEN), reason="../shared/bench/gen_sia1.py not there")
def test_a_named_pipe_is_read_as_it_is_written(tmp_path):
    fifo = tmp_path / "response.xml"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, GEN, "50000", str(fifo)])
    rows, sizes = 0, 0
    try:
        def on_rows(batch, first_row):
            nonlocal rows, sizes
            assert first_row == rows
            rows += len(batch)
            sizes += int(sum(batch.std("filesize")))

        rest = vosia.parse_file_in_batches(fifo, on_rows, batch_rows=4096)
    finally:
        assert writer.wait(timeout=120) == 0
    assert rows == 50000 and sizes > 0
    assert len(rest) == 0


@pytest.mark.skipif(not DACHS, reason="VOSIA_TEST_DACHS not set")
def test_a_query_in_batches_gives_the_rows_of_its_execute():
    svc = vosia.Service(DACHS + "/siatest/q/i/siap.xml?", vosia.SIA1)
    q = vosia.Query(svc, pos=(10.68, 41.27), size=3.0)
    whole = q.execute()
    assert len(whole) > 5
    seen, rest = collect(q.execute_in_batches, batch_rows=5)
    assert [first for first, _ in seen] == list(range(0, len(whole), 5))
    assert sum((urls for _, urls in seen), []) == list(whole.std("access_url"))
    assert rest.overflow == whole.overflow
    with pytest.raises(vosia.CancelledError):
        q.execute_in_batches(lambda b, f: True, batch_rows=5)


def test_a_file_parsed_on_threads_gives_the_same_rows(tmp_path):
    whole = vosia.parse_file(THREE)
    again = vosia.parse_file(THREE, threads=2)
    assert list(again.std("access_url")) == list(whole.std("access_url"))
    with pytest.raises(vosia.InvalidArgError, match="threads"):
        vosia.parse_file(THREE, threads=300)
    vosia.Service("http://127.0.0.1:9/sia?", vosia.SIA1).set_reader_threads(0)
