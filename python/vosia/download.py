"""Downloads: the datasets of result rows, or any URL, saved into a folder.

Each file is written to ``NAME.part`` in the folder, checked against the length and
checksums the server announces, flushed, and only then renamed to ``NAME``: a file under its
final name is always complete, so a later call finds it and fetches nothing (pyvo's
``cachedataset``, made safe), and a call cut short resumes its ``.part`` with an HTTP Range
request. Names are pyvo's (the title with whitespace as ``_``, the extension of the MIME
type, ``-1``, ``-2`` for a name taken) and can never leave the folder. A row whose access URL
is a DataLink document is followed to its ``#this`` link, so the dataset is saved.
"""
from __future__ import annotations

import os
from ctypes import byref, c_char_p, c_int32, c_int64, c_void_p
from dataclasses import dataclass
from typing import Optional

from ._util import dec, enc, fspath, get_str
from .capi import DownloadFlag as _Flag, DownloadHow as _How, Status, lib
from .errors import VosiaError, check, error_for

__all__ = ["Downloaded", "download_url", "download_rows", "cutout_rows"]


@dataclass(frozen=True)
class Downloaded:
    """The outcome of one file: its path (None when it failed), size in bytes, how it came
    (``"fetched"``, ``"resumed"``, ``"cached"``), and the error (None on success)."""

    path: Optional[str]
    bytes: int
    how: Optional[str]
    error: Optional[VosiaError]

    @property
    def ok(self) -> bool:
        return self.error is None


_HOW = {_How.FETCHED: "fetched", _How.RESUMED: "resumed", _How.CACHED: "cached"}


def _flags(server_name: bool, refresh: bool, keep_datalink: bool) -> int:
    return ((_Flag.SERVER_NAME if server_name else 0) | (_Flag.REFRESH if refresh else 0)
            | (_Flag.KEEP_DATALINK if keep_datalink else 0))


def _outcomes(status: int, handle: c_void_p, strict: bool) -> list:
    """The entries of a vosia_downloads handle (freed here); with `strict`, the first
    failure is raised, its exception carrying every outcome in ``.downloads``."""
    if handle.value is None:
        check(status)  # an argument error: nothing was attempted
    first_error = dec(lib.vosia_last_error()) if status != Status.OK else None
    out = []
    try:
        for i in range(lib.vosia_downloads_count(handle)):
            st = c_int32()
            check(lib.vosia_downloads_status(handle, i, byref(st)))
            if st.value == Status.OK:
                size, how = c_int64(), c_int32()
                check(lib.vosia_downloads_file(handle, i, byref(size), byref(how)))
                out.append(Downloaded(get_str(lib.vosia_downloads_get_path, handle, i),
                                      size.value, _HOW.get(how.value), None))
            else:
                text = get_str(lib.vosia_downloads_get_error, handle, i)
                out.append(Downloaded(None, 0, None, error_for(st.value, text)))
    finally:
        lib.vosia_downloads_free(handle)
    if strict and status != Status.OK:
        err = error_for(status, first_error)
        err.downloads = out
        raise err
    return out


def download_url(service, url: str, dir=".", name: Optional[str] = None, *,
                 server_name: bool = False, refresh: bool = False,
                 keep_datalink: bool = False) -> Downloaded:
    """Saves `url` into `dir` (which must exist) with `service`'s transport settings, as
    `name` (made safe) or the URL's last path segment. Raises the failure (PartialError: the
    next call resumes; ChecksumError; HTTPError; ...)."""
    h = c_void_p()
    st = service._run(lib.vosia_service_download_url, service._h, enc(url, "url"),
                      fspath(dir), None if name is None else enc(name, "name"),
                      _flags(server_name, refresh, keep_datalink), byref(h))
    return _outcomes(st, h, True)[0]


def download_rows(service, results, dir=".", first: int = 0, count: Optional[int] = None, *,
                  server_name: bool = False, refresh: bool = False,
                  keep_datalink: bool = False, strict: bool = True) -> list:
    """Saves the datasets of rows ``first .. first+count`` of `results` into `dir`, in
    parallel (Service.set_download_jobs), and returns one Downloaded per row. With
    `strict` (the default) the first failure is raised after all were tried, its exception
    carrying every outcome in ``.downloads``; else failures are only in the outcomes."""
    if count is None:
        count = len(results) - first
    os.fspath(dir)  # a TypeError here rather than a confusing one from ctypes
    h = c_void_p()
    st = service._run_collecting(lib.vosia_service_download_rows, service._h, results._h,
                                 first, count, fspath(dir),
                                 _flags(server_name, refresh, keep_datalink), byref(h))
    return _outcomes(st, h, strict)


def _soda_value(value) -> str:
    """A SODA parameter value as the service reads it: numbers space-separated in their
    shortest round-trip form, text as it is."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    return " ".join(_soda_value(v) for v in value)


def cutout_rows(service, results, dir=".", first: int = 0, count: Optional[int] = None, *,
                params: dict, refresh: bool = False, strict: bool = True) -> list:
    """Cuts the SODA region `params` ({"CIRCLE": (ra, dec, r)}, "POLYGON", "POS", "BAND",
    "TIME", "POL" or any other name) out of the datasets of rows ``first .. first+count``
    into `dir`; one Downloaded per row, as download_rows. A region that misses an image is
    an HTTPError for that row that says so."""
    if count is None:
        count = len(results) - first
    pairs = [(str(k).upper(), _soda_value(v)) for k, v in params.items() if v is not None]
    names = (c_char_p * max(len(pairs), 1))(*[enc(k, "name") for k, _ in pairs])
    values = (c_char_p * max(len(pairs), 1))(*[enc(v, "value") for _, v in pairs])
    h = c_void_p()
    st = service._run_collecting(lib.vosia_service_cutout_rows, service._h, results._h, first,
                                 count, names, values, len(pairs), fspath(dir),
                                 _flags(False, refresh, False), byref(h))
    return _outcomes(st, h, strict)
