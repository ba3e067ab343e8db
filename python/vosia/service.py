"""Service: an SIA query endpoint with its transport settings, metadata and capabilities."""
from __future__ import annotations

import threading
from ctypes import byref, c_int32, c_size_t, c_void_p, create_string_buffer
from typing import Callable, Optional

from . import _util
from ._util import Handle, enc, get_str
from .capi import PROGRESS_FN, SIA1, SIA2, Attr, Status, lib
from .errors import check
from .metadata import Availability, Capability, ColumnInfo, Param

__all__ = ["Service", "discover"]

#: A progress callable: progress(done, total) with the bytes of the response body read so
#: far and expected (None when the server did not say); a true return value cancels.
ProgressFn = Callable[[int, Optional[int]], object]

_PARAM_ATTRS = (("value", Attr.VALUE), ("min", Attr.MIN), ("max", Attr.MAX))


class Service(Handle):
    """An SIA service at `url` speaking `version` (SIA1 or SIA2). No request is made until
    it is asked something. Thread-safe once configured: queries on several threads may
    share it.

    Keyword settings (each also a method, which returns the service so calls chain):
    ``timeout`` (whole request, seconds; default 120), ``connect_timeout`` (default 10),
    ``max_response_bytes`` (0: no limit; default 1 GiB), ``memory_budget`` (most bytes a
    parsed response keeps; 0: no limit; default 2 GiB), ``retries`` (on HTTP 429/503: a
    count, or (count, max_wait_seconds); default (3, 30)), ``keepalive`` (reuse
    connections; default: yes, but for plain http to this machine), ``headers`` (a mapping
    or (name, value) pairs sent with every request), ``progress`` (see set_progress).

        svc = vosia.Service("http://127.0.0.1:8080/siatest/q/i/siap.xml?", vosia.SIA1,
                            timeout=30)
        for row in svc.search(pos=(10.68, 41.27), size=0.2):
            print(row.getdataurl())
    """

    _kind = "Service"

    def __init__(self, url: str, version: int = SIA1, *, timeout: float | None = None,
                 connect_timeout: float | None = None, max_response_bytes: int | None = None,
                 memory_budget: int | None = None, retries=None, keepalive: bool | None = None, headers=None,
                 progress: ProgressFn | None = None, _handle: int | None = None):
        if _handle is None:
            h = c_void_p()
            check(lib.vosia_service_new(enc(url, "url"), int(version), byref(h)))
            _handle = h.value
        self._own(_handle, lib.vosia_service_free)
        # Every progress trampoline ever installed stays alive as long as this object (and
        # so as long as any Query of it): a request already running may still call one.
        self._trampolines = []
        self._pending = threading.local()
        # (lock, list or None): while a batch of downloads runs, what the progress callable
        # raised on the download threads.
        self._collected = [threading.Lock(), None]
        self._params: Optional[tuple] = None
        self._columns: Optional[tuple] = None
        self._capabilities: Optional[tuple] = None
        if timeout is not None:
            self.set_timeout(timeout)
        if connect_timeout is not None:
            self.set_connect_timeout(connect_timeout)
        if max_response_bytes is not None:
            self.set_max_response_bytes(max_response_bytes)
        if memory_budget is not None:
            self.set_memory_budget(memory_budget)
        if retries is not None:
            if isinstance(retries, (tuple, list)):
                self.set_retries(*retries)
            else:
                self.set_retries(retries)
        if keepalive is not None:
            self.set_keepalive(keepalive)
        if headers is not None:
            items = headers.items() if hasattr(headers, "items") else headers
            for name, value in items:
                self.add_header(name, value)
        if progress is not None:
            self.set_progress(progress)

    @classmethod
    def discover(cls, url: str, timeout: float | None = None, **settings) -> "Service":
        """The SIA 2.0 service found from a VOSI capabilities URL or a service's base URL
        (one or two requests, each bounded by `timeout` seconds, which also becomes the
        service's timeout; None: the default 120 s). The capabilities found stay cached.
        `settings` are those of Service()."""
        h = c_void_p()
        check(lib.vosia_service_discover(enc(url, "url"), 0.0 if timeout is None
                                         else float(timeout), byref(h)))
        return cls(None, SIA2, _handle=h.value, **settings)

    def __repr__(self) -> str:
        if self.closed:
            return "<vosia.Service (closed)>"
        version = {SIA1: "SIA 1.0", SIA2: "SIA 2.0"}.get(self.version, str(self.version))
        return f"<vosia.Service {version} {self.url!r}>"

    # ------------------------------------------------------------------ settings
    def set_timeout(self, seconds: float) -> "Service":
        """Whole-request timeout (> 0 s): connecting, sending, waiting, reading, retries."""
        check(lib.vosia_service_set_timeout(self._h, float(seconds)))
        return self

    def set_connect_timeout(self, seconds: float) -> "Service":
        """Timeout (> 0 s) for one TCP (and TLS) connection, name resolution included."""
        check(lib.vosia_service_set_connect_timeout(self._h, float(seconds)))
        return self

    def set_max_response_bytes(self, limit: int) -> "Service":
        """Largest response body accepted (after decompression), 0 for no limit; a larger
        one fails with TooLargeError while streaming."""
        check(lib.vosia_service_set_max_response_bytes(self._h, int(limit)))
        return self

    def set_memory_budget(self, limit: int) -> "Service":
        """Most bytes a parsed response may keep in memory (default 2 GiB), 0 for no limit;
        a response that would need more fails with TooLargeError before taking it."""
        check(lib.vosia_service_set_memory_budget(self._h, int(limit)))
        return self

    def set_reader_threads(self, threads: int) -> "Service":
        """Reads large TABLEDATA responses on `threads` threads (0: one per core; 1, the
        default: the calling thread only); the body is then read into memory first. The
        results are the same as on one thread."""
        check(lib.vosia_service_set_reader_threads(self._h, int(threads)))
        return self

    def set_ca_file(self, path) -> "Service":
        """Trusts only the CA certificates of this PEM file for https (instead of the system
        store), as curl's --cacert."""
        check(lib.vosia_service_set_ca_file(self._h, _util.fspath(path)))
        return self

    def set_client_cert(self, path) -> "Service":
        """Presents the client certificate of this PEM file (certificate, chain, key) to
        https servers that ask for one."""
        check(lib.vosia_service_set_client_cert(self._h, _util.fspath(path)))
        return self

    def set_post_above(self, url_bytes: int) -> "Service":
        """Queries whose GET URL would be longer than `url_bytes` are POSTed with the same
        parameters (0: every query; default 4096)."""
        check(lib.vosia_service_set_post_above(self._h, int(url_bytes)))
        return self

    def set_retries(self, max_retries: int, max_wait: float = 30.0) -> "Service":
        """Retries on HTTP 429 and 503: at most `max_retries` more attempts, sleeping at
        most `max_wait` seconds in all (Retry-After honoured); 0 disables them."""
        check(lib.vosia_service_set_retries(self._h, int(max_retries), float(max_wait)))
        return self

    def set_keepalive(self, on: bool) -> "Service":
        """Keep connections alive between requests (True) or open one per request (False).
        The default: kept alive, except plain http to this machine (localhost), where a
        connection costs nothing and DaCHS's kept-alive replies stall ~40 ms each."""
        check(lib.vosia_service_set_keepalive(self._h, 1 if on else 0))
        return self

    def add_header(self, name: str, value: str) -> "Service":
        """A header sent with every request (e.g. Authorization); adding a name twice sends
        it twice."""
        check(lib.vosia_service_add_header(self._h, enc(name, "name"), enc(value, "value")))
        return self

    def trust_redirects_to(self, origin: str) -> "Service":
        """Lets a redirect to `origin` ("scheme://host[:port]") carry the headers of
        add_header, as within the origin asked for; redirects elsewhere get none."""
        check(lib.vosia_service_trust_redirects_to(self._h, enc(origin, "origin")))
        return self

    def set_progress(self, progress: ProgressFn | None) -> "Service":
        """Calls ``progress(done, total)`` as every response body of this service is read
        (query results, metadata, VOSI documents): once when the headers have arrived
        (done = 0), then after every chunk, on the thread making the call; `total` is the
        expected size, None when the server did not give one. A true return value cancels
        the transfer: the call raises CancelledError. An exception raised inside
        `progress` (KeyboardInterrupt included) cancels it too, and the call then raises
        that exception. None removes the callable. It must not use this service's queries.
        """
        return self._install(lib.vosia_service_set_progress, progress,
                             lambda done, total: (done, None if total < 0 else total))

    def set_file_progress(self, progress: ProgressFn | None) -> "Service":
        """Calls ``progress(done, total)`` after each file of a call that saves many
        (Results.download, cutout, download_url) ends: `done` files ended so far (saved,
        found in place or failed) of the call's `total`, from the download threads, one
        call at a time. A true return value, or an exception (then raised by the call),
        stops the transfers still running; only complete files are left. None removes it.
        The bytes of those transfers go to set_progress's callable."""
        return self._install(lib.vosia_service_set_file_progress, progress,
                             lambda done, total: (done, total))

    def _install(self, setter, progress, args) -> "Service":
        """Installs `progress` through `setter` (vosia_service_set_progress or _set_file_
        progress), called with args(done, total); None removes it. What it raises is kept
        for the call on this thread and, for calls whose reports come from threads of their
        own (downloads), for that call too."""
        if progress is None:
            check(setter(self._h, PROGRESS_FN(), None))  # NULL: none
            return self
        if not callable(progress):
            raise TypeError(f"progress must be callable, not {type(progress).__name__}")
        pending, shared = self._pending, self._collected

        def trampoline(done, total, _user):
            try:
                return 1 if progress(*args(done, total)) else 0
            except BaseException as e:  # noqa: B902 - handed back to the caller
                pending.error = e
                with shared[0]:
                    if shared[1] is not None:
                        shared[1].append(e)
                return 1

        c_fn = PROGRESS_FN(trampoline)
        self._trampolines.append(c_fn)
        check(setter(self._h, c_fn, None))
        return self

    def _run(self, fn, *args) -> int:
        """Calls `fn(*args)`, a call that may read a response body, and re-raises what the
        progress callable raised in it; returns the status."""
        self._pending.error = None
        try:
            return fn(*args)
        finally:
            error, self._pending.error = self._pending.error, None
            if error is not None:
                raise error

    def _run_collecting(self, fn, *args) -> int:
        """As _run, for a call whose progress reports come from threads of its own (a batch
        of downloads): the first exception the progress callable raised is re-raised."""
        with self._collected[0]:
            self._collected[1] = []
        try:
            return self._run(fn, *args)
        finally:
            with self._collected[0]:
                raised, self._collected[1] = self._collected[1], None
            if raised:
                raise raised[0]

    # ------------------------------------------------------------------ downloads
    def set_download_jobs(self, jobs: int) -> "Service":
        """How many downloads of a batch run at once (1 to 64; default 4)."""
        check(lib.vosia_service_set_download_jobs(self._h, int(jobs)))
        return self

    def set_max_download_bytes(self, limit: int) -> "Service":
        """The largest file a download accepts, in bytes (0: no limit, the default)."""
        check(lib.vosia_service_set_max_download_bytes(self._h, int(limit)))
        return self

    def set_download_timeout(self, seconds: float) -> "Service":
        """The whole time one file's download may take (default 3600 s)."""
        check(lib.vosia_service_set_download_timeout(self._h, float(seconds)))
        return self

    def download(self, url: str, dir=".", name=None, **flags):
        """Saves `url` into the folder `dir`; see vosia.download.download_url."""
        from .download import download_url

        return download_url(self, url, dir, name, **flags)

    # ------------------------------------------------------------------ properties
    @property
    def url(self) -> str:
        """The base URL, as given or as discovered."""
        return get_str(lib.vosia_service_get_attr, self._h, Attr.URL)

    @property
    def version(self) -> int:
        """SIA1 or SIA2."""
        out = c_int32()
        check(lib.vosia_service_get_version(self._h, byref(out)))
        return out.value

    # ------------------------------------------------------------------ metadata
    def fetch_metadata(self) -> "Service":
        """Fetches the service's self-description (SIA 1.0 FORMAT=METADATA, SIA 2.0
        MAXREC=0) once; params, columns and description call it when needed. A failure
        raises and is not cached."""
        check(self._run(lib.vosia_service_fetch_metadata, self._h))
        return self

    @property
    def description(self) -> Optional[str]:
        """The description of the service's metadata (None if it has none)."""
        self.fetch_metadata()
        return get_str(lib.vosia_service_get_attr, self._h, Attr.DESCRIPTION)

    @property
    def params(self) -> tuple:
        """The input parameters the service declares (Param), in document order."""
        if self._params is None:
            self.fetch_metadata()
            h, n = self._h, c_int32()
            check(lib.vosia_service_param_count(h, byref(n)))
            params = []
            for i in range(n.value):
                def get(attr, i=i):
                    return get_str(lib.vosia_service_get_param_attr, h, i, attr)
                k = c_int32()
                check(lib.vosia_service_param_option_count(h, i, byref(k)))
                options = tuple(get_str(lib.vosia_service_get_param_option, h, i, j)
                                for j in range(k.value))
                params.append(Param._read(get, options=options,
                                          **{key: get(a) for key, a in _PARAM_ATTRS}))
            self._params = tuple(params)
        return self._params

    def param(self, name: str) -> Optional[Param]:
        """The input parameter named `name` (any case; an INPUT: prefix is ignored), None
        if the service declares none."""
        params = self.params
        out = c_int32()
        if check(lib.vosia_service_param_index(self._h, enc(name, "name"), byref(out))) \
                == Status.NULL_VALUE:
            return None
        return params[out.value]

    @property
    def columns(self) -> tuple:
        """The output columns (FIELDs of the results table) the service declares
        (ColumnInfo)."""
        if self._columns is None:
            self.fetch_metadata()
            h, n = self._h, c_int32()
            check(lib.vosia_service_column_count(h, byref(n)))
            self._columns = tuple(
                ColumnInfo._read(lambda a, i=i: get_str(lib.vosia_service_get_column_attr,
                                                        h, i, a))
                for i in range(n.value))
        return self._columns

    @property
    def capabilities(self) -> tuple:
        """The service's VOSI capabilities (Capability), fetched once (the sibling
        ``capabilities``, then ``<base>/capabilities``)."""
        if self._capabilities is None:
            h, n = self._h, c_int32()
            check(self._run(lib.vosia_service_fetch_capabilities, h, byref(n)))
            self._capabilities = tuple(
                Capability(get_str(lib.vosia_service_get_capability_attr, h, i,
                                   Attr.STANDARD_ID),
                           get_str(lib.vosia_service_get_capability_attr, h, i, Attr.URL))
                for i in range(n.value))
        return self._capabilities

    def check_availability(self) -> Availability:
        """Asks the VOSI availability endpoint (not cached: a request every call)."""
        available, length = c_int32(), c_size_t(0)
        cap = 4096
        while True:
            note = create_string_buffer(cap)
            st = self._run(lib.vosia_service_check_availability, self._h, byref(available),
                           note, cap, byref(length))
            if st != Status.E_BUFFER_SIZE or length.value < cap:
                break
            cap = length.value + 1  # a note longer than 4 KiB: ask again, with room for it
        if st != Status.E_BUFFER_SIZE:
            check(st)
        return Availability(available.value == 1, note.value.decode("utf-8", "replace"))

    @property
    def available(self) -> bool:
        """Whether the VOSI availability endpoint says the service is up (a request)."""
        return self.check_availability().available

    # ------------------------------------------------------------------ queries
    def create_query(self, **constraints):
        """A Query against this service, with `constraints` applied (see search())."""
        from .query import Query

        return Query(self, **constraints)

    def search(self, **constraints):
        """Sends a query and returns its Results. Keywords, by SIA parameter in lower case:

        SIA 1.0: ``pos=(ra, dec)`` (degrees, or an astropy SkyCoord), ``size=`` (degrees:
        one value, or (ra, dec); astropy Quantity welcome), ``intersect=``, ``verb=`` (or
        pyvo's ``verbosity=``), ``format=`` (one or a list).
        SIA 2.0: ``pos=`` a circle (ra, dec, radius), a range (ra1, ra2, dec1, dec2), a
        polygon (ra1, dec1, ra2, dec2, ...) or [(ra, dec), ...], or a list of such shapes;
        intervals ``band=`` (m), ``time=`` (MJD or astropy Time), ``fov=`` (deg),
        ``spatres=`` (arcsec), ``exptime=``, ``timeres=`` (s), ``specrp=``, each (lo, hi)
        or a list of them (None for an open end); text ``id=``, ``collection=``,
        ``facility=``, ``instrument=``, ``dptype=``, ``target=``, ``pol=`` (a str or a
        list); ``calib=`` (0-4, or a list); ``format=``.
        Both: ``maxrec=``, ``responseformat=``. Any other keyword is sent as a parameter of
        that name as given (a list: repeated). ``save=PATH`` writes the exact response there
        as it is read (Query.execute).
        """
        save = constraints.pop("save", None)
        return self.create_query(**constraints).execute(save=save)


def discover(url: str, timeout: float | None = None, **settings) -> Service:
    """Service.discover(url, timeout, **settings): the SIA 2.0 service of a VOSI
    capabilities URL or base URL."""
    return Service.discover(url, timeout, **settings)
