"""vosia_ctypes: a small Python wrapper of the vosia C library (libvosia.so) through ctypes.

It is an example of calling vosia from Python without compiling anything, and the harness of
tests/python/test_vs_pyvo.py, which checks vosia against pyvo on the same responses.

    from vosia_ctypes import Service, Query, Results, SIA1, SIA2

    svc = Service("http://127.0.0.1:8080/siatest/q/i/siap.xml?", SIA1)
    res = Query(svc).set_pos(10.68, 41.27).set_size(0.2).execute()
    for row in res:
        print(row.std("access_url"), row.std("ra"), row.std("dec"), row.std("mjd_obs"))

The library is found through $VOSIA_LIB (a path to libvosia.so), else the CMake build tree
(build/lib next to this repository's examples/), else the system's loader (find_library).
Handles are freed by finalizers (or close()/with); strings are decoded as UTF-8; null cells
come back as None; every failure raises VosiaError(status, message).
"""
import ctypes
import ctypes.util
import os
import weakref
from ctypes import POINTER, byref, c_char_p, c_double, c_int32, c_int64, c_size_t, c_void_p

SIA1 = 1
SIA2 = 2

OK = 0
NULL_VALUE = 1
E_BUFFER_SIZE = 16

# VOSIA_FIELD_* of vosia.h, by lower-case name.
FIELDS = {
    name: code
    for code, name in enumerate(
        "access_url format title ra dec instrument mjd_obs naxes naxis scale coord_frame "
        "coord_equinox projection ref_pixel ref_value cd_matrix bandpass_id bandpass_unit "
        "em_ref em_min em_max pixflags acref_ttl filesize collection dataproduct_type "
        "calib_level obs_id publisher_did target s_fov s_region s_resolution t_min t_max "
        "t_exptime em_res_power pol_states facility".split()
    )
}
# Fields read as text; the others are numbers (arrays for ARRAY_FIELDS).
TEXT_FIELDS = {
    "access_url", "format", "title", "instrument", "coord_frame", "projection", "bandpass_id",
    "bandpass_unit", "pixflags", "collection", "dataproduct_type", "obs_id", "publisher_did",
    "target", "s_region", "pol_states", "facility",
}
ARRAY_FIELDS = {"naxis", "scale", "ref_pixel", "ref_value", "cd_matrix"}


def _load():
    path = os.environ.get("VOSIA_LIB")
    if not path:
        here = os.path.dirname(os.path.abspath(__file__))
        candidate = os.path.join(here, "..", "..", "build", "lib", "libvosia.so")
        path = candidate if os.path.exists(candidate) else ctypes.util.find_library("vosia")
    if not path:
        raise OSError("libvosia not found: set VOSIA_LIB to the path of libvosia.so")
    return ctypes.CDLL(path)


_lib = _load()


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_P = c_void_p
_PP = POINTER(c_void_p)
_S = c_int32  # vosia_status
_strerror = _fn("vosia_strerror", c_char_p, c_int32)
_last_error = _fn("vosia_last_error", c_char_p)
_version = _fn("vosia_version", c_char_p)
_service_new = _fn("vosia_service_new", _S, c_char_p, c_int32, _PP)
_service_free = _fn("vosia_service_free", None, _P)
_service_set_timeout = _fn("vosia_service_set_timeout", _S, _P, c_double)
_service_set_keepalive = _fn("vosia_service_set_keepalive", _S, _P, c_int32)
_query_new = _fn("vosia_query_new", _S, _P, _PP)
_query_clone = _fn("vosia_query_clone", _S, _P, _PP)
_query_free = _fn("vosia_query_free", None, _P)
_query_set_pos = _fn("vosia_query_set_pos", _S, _P, c_double, c_double)
_query_set_size = _fn("vosia_query_set_size", _S, _P, c_double, c_double)
_query_add_circle = _fn("vosia_query_add_circle", _S, _P, c_double, c_double, c_double)
_query_set_maxrec = _fn("vosia_query_set_maxrec", _S, _P, c_int64)
_query_set_param = _fn("vosia_query_set_param", _S, _P, c_char_p, c_char_p)
_query_add_param = _fn("vosia_query_add_param", _S, _P, c_char_p, c_char_p)
_query_url = _fn("vosia_query_url", c_char_p, _P)
_query_execute = _fn("vosia_query_execute", _S, _P, _PP)
_query_error = _fn("vosia_query_error", c_char_p, _P)
_results_parse = _fn("vosia_results_parse", _S, c_char_p, c_size_t, c_int32, _PP)
_results_parse_file = _fn("vosia_results_parse_file", _S, c_char_p, c_int32, _PP)
_results_free = _fn("vosia_results_free", None, _P)
_row_count = _fn("vosia_results_row_count", c_int64, _P)
_column_count = _fn("vosia_results_column_count", c_int32, _P)
_overflow = _fn("vosia_results_overflow", c_int32, _P)
_info = _fn("vosia_results_info", c_char_p, _P, c_char_p)
_column_name = _fn("vosia_results_column_name", c_char_p, _P, c_int32)
_column_index = _fn("vosia_results_column_index", c_int32, _P, c_char_p)
_std_column = _fn("vosia_results_std_column", c_int32, _P, c_int32)
_get_text = _fn("vosia_results_get_text", _S, _P, c_int64, c_int32, POINTER(c_char_p))
_get_std_str = _fn("vosia_results_get_std_str", _S, _P, c_int64, c_int32, POINTER(c_char_p))
_get_std_double = _fn("vosia_results_get_std_double", _S, _P, c_int64, c_int32, POINTER(c_double))
_get_std_double_array = _fn("vosia_results_get_std_double_array", _S, _P, c_int64, c_int32,
                            POINTER(c_double), c_size_t, POINTER(c_size_t))


class VosiaError(Exception):
    """A failed vosia call: .status (VOSIA_E_*), .status_text and the message."""

    def __init__(self, status, message=None):
        self.status = status
        self.status_text = _strerror(status).decode()
        super().__init__(message or self.status_text)


def _check(status, detail=None):
    if status != OK:
        if detail is None:
            detail = _last_error()
        raise VosiaError(status, detail.decode("utf-8", "replace") if detail else None)


def _enc(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


def version():
    """The version of the library loaded."""
    return _version().decode()


class _Handle:
    _free = None

    def _own(self, ptr):
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, type(self)._free, ptr)

    def close(self):
        """Frees the handle now (the finalizer would otherwise)."""
        self._finalizer()
        self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Service(_Handle):
    """An SIA service: Service(base_url, SIA1 or SIA2)."""

    _free = _service_free

    def __init__(self, base_url, sia_version=SIA1, timeout=None):
        h = c_void_p()
        _check(_service_new(_enc(base_url), sia_version, byref(h)))
        self._own(h.value)
        if timeout is not None:
            _check(_service_set_timeout(self._ptr, timeout))

    def set_keepalive(self, on):
        """Keep connections alive between queries, or open one per request; the default
        follows the scheme (kept alive for https)."""
        _check(_service_set_keepalive(self._ptr, 1 if on else 0))
        return self


class Query(_Handle):
    """A query against a Service; the setters return the query so they chain."""

    _free = _query_free

    def __init__(self, service=None, _ptr=None):
        if _ptr is None:
            h = c_void_p()
            _check(_query_new(service._ptr, byref(h)))
            _ptr = h.value
        self._own(_ptr)

    def clone(self):
        h = c_void_p()
        _check(_query_clone(self._ptr, byref(h)))
        return Query(_ptr=h.value)

    def set_pos(self, ra, dec):
        _check(_query_set_pos(self._ptr, ra, dec))
        return self

    def set_size(self, ra_size, dec_size=None):
        _check(_query_set_size(self._ptr, ra_size, ra_size if dec_size is None else dec_size))
        return self

    def add_circle(self, ra, dec, radius):
        _check(_query_add_circle(self._ptr, ra, dec, radius))
        return self

    def set_maxrec(self, n):
        _check(_query_set_maxrec(self._ptr, n))
        return self

    def set_param(self, name, value):
        _check(_query_set_param(self._ptr, _enc(name), _enc(str(value))))
        return self

    def add_param(self, name, value):
        _check(_query_add_param(self._ptr, _enc(name), _enc(str(value))))
        return self

    @property
    def url(self):
        u = _query_url(self._ptr)
        if u is None:
            _check(12)
        return u.decode()

    def execute(self):
        """Sends the query; raises VosiaError with the query's error text on failure."""
        h = c_void_p()
        st = _query_execute(self._ptr, byref(h))
        _check(st, _query_error(self._ptr))
        return Results(_ptr=h.value)


class Row:
    """Row i of a Results: std(name), text(column)."""

    __slots__ = ("_res", "index")

    def __init__(self, res, index):
        self._res = res
        self.index = index

    def std(self, field):
        return self._res.std(self.index, field)

    def text(self, column):
        return self._res.text(self.index, column)

    def __getitem__(self, field):
        return self._res.std(self.index, field)


class Results(_Handle):
    """A parsed response: Results.parse_file(path, SIA1), len(), iteration over Rows."""

    _free = _results_free

    def __init__(self, _ptr):
        self._own(_ptr)

    @classmethod
    def parse(cls, data, sia_version=SIA1):
        data = _enc(data)
        h = c_void_p()
        _check(_results_parse(data, len(data), sia_version, byref(h)))
        return cls(_ptr=h.value)

    @classmethod
    def parse_file(cls, path, sia_version=SIA1):
        h = c_void_p()
        _check(_results_parse_file(_enc(os.fspath(path)), sia_version, byref(h)))
        return cls(_ptr=h.value)

    def __len__(self):
        return _row_count(self._ptr)

    def __getitem__(self, i):
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return Row(self, i % len(self))

    def __iter__(self):
        for i in range(len(self)):
            yield Row(self, i)

    @property
    def overflow(self):
        return _overflow(self._ptr) == 1

    @property
    def columns(self):
        return [_column_name(self._ptr, c).decode() for c in range(_column_count(self._ptr))]

    def info(self, name):
        v = _info(self._ptr, _enc(name))
        return None if v is None else v.decode()

    def std_column(self, field):
        c = _std_column(self._ptr, FIELDS[field] if isinstance(field, str) else field)
        return None if c < 0 else c

    def text(self, row, column):
        """Any cell as text (None when null); column is an index or a name."""
        if isinstance(column, str):
            col = _column_index(self._ptr, _enc(column))
            if col < 0:
                raise KeyError(column)
            column = col
        out = c_char_p()
        st = _get_text(self._ptr, row, column, byref(out))
        if st == NULL_VALUE:
            return None
        _check(st)
        return out.value.decode()

    def std(self, row, field):
        """Standard field `field` (a name of FIELDS): str, float, list of floats, or None."""
        code = FIELDS[field]
        if field in TEXT_FIELDS:
            out = c_char_p()
            st = _get_std_str(self._ptr, row, code, byref(out))
            if st == NULL_VALUE:
                return None
            _check(st)
            return out.value.decode()
        if field in ARRAY_FIELDS:
            n = c_size_t(0)
            st = _get_std_double_array(self._ptr, row, code, None, 0, byref(n))
            if st == NULL_VALUE:
                return None
            if st not in (OK, E_BUFFER_SIZE):
                _check(st)
            buf = (c_double * max(n.value, 1))()
            _check(_get_std_double_array(self._ptr, row, code, buf, n.value, byref(n)))
            return list(buf[: n.value])
        out = c_double()
        st = _get_std_double(self._ptr, row, code, byref(out))
        if st == NULL_VALUE:
            return None
        _check(st)
        return out.value
