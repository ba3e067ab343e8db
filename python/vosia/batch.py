"""Many queries at once (vosia_batch_execute): positions, or positions x services, run on a
bounded number of threads, at most so many at once per host, paced per host, each outcome
kept in input order. The GIL is released while the batch runs."""
from __future__ import annotations

import threading
from ctypes import byref, c_int32, c_void_p
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ._util import dec, get_str
from .capi import PROGRESS_FN, Status, lib
from .errors import VosiaError, check, error_for
from .results import Results

__all__ = ["Outcome", "execute_all"]


@dataclass(frozen=True)
class Outcome:
    """What one query of a batch gave: its Results, or the error it failed with."""

    index: int
    results: Optional[Results]
    error: Optional[VosiaError]

    @property
    def ok(self) -> bool:
        return self.error is None


class _Batch:
    """Owner of a vosia_batch handle: freed when it and every Results borrowed from it go."""

    def __init__(self, ptr: int):
        self.ptr = ptr

    def __del__(self):
        lib.vosia_batch_free(self.ptr)


def execute_all(queries: Sequence, *, jobs: int = 0, per_host: int = 0,
                min_interval: float = 0.0,
                progress: Optional[Callable[[int, int], object]] = None,
                strict: bool = False) -> list:
    """Runs every Query of `queries` at once and returns one Outcome per query, in order.

    At most `jobs` run at a time (1 to 64; 0: 8), at most `per_host` against one host (0:
    4), and request starts to one host are `min_interval` seconds apart; a host's 429/503
    Retry-After holds all of its requests. ``progress(done, total)`` is called after each
    query ends, from the batch's threads one call at a time; a true return value, or an
    exception (raised again here), cancels the rest (CancelledError outcomes). With
    `strict`, the first failure is raised after all ran, carrying the outcomes in
    ``.outcomes``. The queries must not be changed while the batch runs."""
    queries = list(queries)
    handles = (c_void_p * max(len(queries), 1))(*[q._h for q in queries])
    raised: list = []
    lock = threading.Lock()

    def trampoline(done, total, _user):
        try:
            return 1 if progress(done, total) else 0
        except BaseException as e:  # noqa: B902 - raised again below
            with lock:
                raised.append(e)
            return 1

    c_fn = PROGRESS_FN(trampoline) if progress is not None else PROGRESS_FN()
    h = c_void_p()
    status = lib.vosia_batch_execute(handles, len(queries), int(jobs), int(per_host),
                                     float(min_interval), c_fn, None, byref(h))
    if h.value is None:
        check(status)  # an argument error: nothing ran
    first_error = error_for(status, dec(lib.vosia_last_error())) if status != Status.OK else None
    owner = _Batch(h.value)
    outcomes = []
    for i, query in enumerate(queries):
        st = c_int32()
        check(lib.vosia_batch_status(owner.ptr, i, byref(st)))
        if st.value == Status.OK:
            r = c_void_p()
            check(lib.vosia_batch_get_results(owner.ptr, i, byref(r)))
            results = Results(r.value, query._version, _owner=owner)
            results.service = query.service
            outcomes.append(Outcome(i, results, None))
        else:
            text = get_str(lib.vosia_batch_get_error, owner.ptr, i)
            outcomes.append(Outcome(i, None, error_for(st.value, text)))
    if raised:
        raise raised[0]
    if strict and first_error is not None:
        first_error.outcomes = outcomes
        raise first_error
    return outcomes

