"""The C API of libvosia as ctypes sees it: the library, every function of vosia.h with its
prototype, and the constants of vosia.h.

This is the layer the rest of the package is written on; use it directly only for what the
Pythonic classes do not cover. Each function is ``lib.<name>`` with ``argtypes`` and
``restype`` set from vosia.h: handles are ``c_void_p``, strings in are ``bytes`` (UTF-8),
borrowed strings out arrive through ``POINTER(c_char_p)``.

Which library is loaded:

1. the file named by the environment variable ``VOSIA_LIB``, if it is set and not empty
   (for a build tree: ``VOSIA_LIB=build/lib/libvosia.so``);
2. else the libvosia built into this package by its wheel (``vosia/_libvosia.*``);
3. else a libvosia the system's loader knows (``ctypes.util.find_library("vosia")``).

It must be a 0.2 library (the ABI of a 0.x release holds within its minor version); any other
is refused with an ImportError that names it.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import enum
import glob
import os
from ctypes import POINTER, c_char_p, c_double, c_int32, c_int64, c_size_t, c_void_p

__all__ = [
    "lib", "library_path", "PROGRESS_FN", "ROWS_FN", "ABI_VERSION",
    "Status", "Attr", "Kind", "QueryParam", "Datatype", "DownloadFlag", "DownloadHow", "SIA1", "SIA2",
    "RegistryConstraint", "SampLoad",
]

#: The (major, minor) of the C ABI this package is written for.
ABI_VERSION = (0, 2)

#: SIA 1.0 (VOSIA_SIA1).
SIA1 = 1
#: SIA 2.0 (VOSIA_SIA2).
SIA2 = 2


class Status(enum.IntEnum):
    """vosia_status values (VOSIA_OK, VOSIA_NULL_VALUE, VOSIA_E_*)."""

    OK = 0
    NULL_VALUE = 1
    E_NULL_ARG = 10
    E_INVALID_ARG = 11
    E_BAD_HANDLE = 12
    E_UNSUPPORTED = 13
    E_RANGE = 14
    E_TYPE = 15
    E_BUFFER_SIZE = 16
    E_CONNECT = 30
    E_TIMEOUT = 31
    E_TLS = 32
    E_HTTP = 33
    E_TOO_LARGE = 34
    E_PARTIAL = 35
    E_CHECKSUM = 36
    E_IO = 40
    E_SERVICE = 50
    E_FORMAT = 51
    E_NO_TABLE = 52
    E_CANCELLED = 60
    E_PANIC = 90
    E_INTERNAL = 99


class Attr(enum.IntEnum):
    """VOSIA_ATTR_*: the keys of the keyed attribute getters."""

    NAME = 1
    ID = 2
    UCD = 3
    UTYPE = 4
    UNIT = 5
    XTYPE = 6
    ARRAYSIZE = 7
    DESCRIPTION = 8
    DATATYPE = 9
    VALUE = 10
    MIN = 11
    MAX = 12
    URL = 13
    STANDARD_ID = 14
    REF = 15
    IVOID = 16
    TITLE = 17
    SHORT_NAME = 18
    WAVEBAND = 19


class RegistryConstraint(enum.IntEnum):
    """VOSIA_REGISTRY_*: the constraints of vosia_registry_query_add."""

    SERVICE_TYPE = 1
    KEYWORD = 2
    WAVEBAND = 3
    IVOID = 4


class SampLoad(enum.IntEnum):
    """VOSIA_SAMP_IMAGE, VOSIA_SAMP_TABLE: what vosia_samp_send asks recipients to load."""

    IMAGE = 1
    TABLE = 2


class Kind(enum.IntEnum):
    """VOSIA_KIND_*: how a standard field is read."""

    TEXT = 1
    NUMBER = 2
    ARRAY = 3


class QueryParam(enum.IntEnum):
    """VOSIA_PARAM_*: the SIA 2.0 interval and text parameters."""

    BAND = 1
    TIME = 2
    FOV = 3
    SPATRES = 4
    EXPTIME = 5
    TIMERES = 6
    SPECRP = 7
    ID = 20
    COLLECTION = 21
    FACILITY = 22
    INSTRUMENT = 23
    DPTYPE = 24
    TARGET = 25
    POL = 26


class Datatype(enum.IntEnum):
    """VOSIA_TYPE_*: VOTable datatypes as vosia_results_column_datatype gives them."""

    BOOLEAN = 1
    BIT = 2
    UNSIGNED_BYTE = 3
    SHORT = 4
    INT = 5
    LONG = 6
    CHAR = 7
    UNICODE_CHAR = 8
    FLOAT = 9
    DOUBLE = 10
    FLOAT_COMPLEX = 11
    DOUBLE_COMPLEX = 12


class DownloadFlag(enum.IntFlag):
    """VOSIA_DOWNLOAD_SERVER_NAME, _REFRESH, _KEEP_DATALINK: the flags of the download
    calls."""

    SERVER_NAME = 1
    REFRESH = 2
    KEEP_DATALINK = 4


class DownloadHow(enum.IntEnum):
    """VOSIA_DOWNLOAD_FETCHED, _RESUMED, _CACHED: how a downloaded file came to be in place."""

    FETCHED = 1
    RESUMED = 2
    CACHED = 3


#: typedef int32_t (*vosia_progress_fn)(int64_t done, int64_t total, void *user);
PROGRESS_FN = ctypes.CFUNCTYPE(c_int32, c_int64, c_int64, c_void_p)
#: typedef int32_t (*vosia_rows_fn)(const vosia_results *rows, int64_t first_row, void *user);
ROWS_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, c_int64, c_void_p)

# Shorthands for the prototypes below.
_H = c_void_p               # any handle pointer (const or not)
_HP = POINTER(c_void_p)     # vosia_xxx **out
_S = c_int32                # vosia_status
_I32, _I64, _D, _Z = c_int32, c_int64, c_double, c_size_t
_STR = c_char_p             # const char * in; char *buf out
_STRP = POINTER(c_char_p)   # const char **out
_I32P, _I64P, _DP, _ZP = POINTER(c_int32), POINTER(c_int64), POINTER(c_double), POINTER(c_size_t)

# name: (restype, *argtypes), in the order of vosia.h. tests/python/test_package.py checks
# this table against the header's declarations, both ways.
PROTOTYPES = {
    "vosia_version": (_STR,),
    "vosia_version_number": (_I32,),
    "vosia_strerror": (_STR, _S),
    "vosia_last_error": (_STR,),
    "vosia_last_status": (_S,),
    "vosia_copy_last_error": (_S, _STR, _Z, _ZP),
    "vosia_field_count": (_I32,),
    "vosia_field_get_attr": (_S, _I32, _I32, _STRP),
    "vosia_field_copy_attr": (_S, _I32, _I32, _STR, _Z, _ZP),
    "vosia_field_kind": (_S, _I32, _I32P),
    "vosia_field_by_name": (_S, _STR, _I32P),
    "vosia_service_new": (_S, _STR, _I32, _HP),
    "vosia_service_discover": (_S, _STR, _D, _HP),
    "vosia_service_free": (None, _H),
    "vosia_service_set_timeout": (_S, _H, _D),
    "vosia_service_set_connect_timeout": (_S, _H, _D),
    "vosia_service_set_max_response_bytes": (_S, _H, _I64),
    "vosia_service_set_memory_budget": (_S, _H, _I64),
    "vosia_service_set_reader_threads": (_S, _H, _I32),
    "vosia_service_set_ca_file": (_S, _H, _STR),
    "vosia_service_set_client_cert": (_S, _H, _STR),
    "vosia_service_set_post_above": (_S, _H, _I64),
    "vosia_service_set_retries": (_S, _H, _I32, _D),
    "vosia_service_set_keepalive": (_S, _H, _I32),
    "vosia_service_add_header": (_S, _H, _STR, _STR),
    "vosia_service_trust_redirects_to": (_S, _H, _STR),
    "vosia_service_set_progress": (_S, _H, PROGRESS_FN, c_void_p),
    "vosia_service_set_file_progress": (_S, _H, PROGRESS_FN, c_void_p),
    "vosia_service_get_attr": (_S, _H, _I32, _STRP),
    "vosia_service_copy_attr": (_S, _H, _I32, _STR, _Z, _ZP),
    "vosia_service_get_version": (_S, _H, _I32P),
    "vosia_service_fetch_metadata": (_S, _H),
    "vosia_service_param_count": (_S, _H, _I32P),
    "vosia_service_param_index": (_S, _H, _STR, _I32P),
    "vosia_service_get_param_attr": (_S, _H, _I32, _I32, _STRP),
    "vosia_service_copy_param_attr": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_service_param_option_count": (_S, _H, _I32, _I32P),
    "vosia_service_get_param_option": (_S, _H, _I32, _I32, _STRP),
    "vosia_service_copy_param_option": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_service_column_count": (_S, _H, _I32P),
    "vosia_service_get_column_attr": (_S, _H, _I32, _I32, _STRP),
    "vosia_service_copy_column_attr": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_service_check_availability": (_S, _H, _I32P, _STR, _Z, _ZP),
    "vosia_service_fetch_capabilities": (_S, _H, _I32P),
    "vosia_service_get_capability_attr": (_S, _H, _I32, _I32, _STRP),
    "vosia_service_copy_capability_attr": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_query_new": (_S, _H, _HP),
    "vosia_query_clone": (_S, _H, _HP),
    "vosia_query_free": (None, _H),
    "vosia_query_set_pos": (_S, _H, _D, _D),
    "vosia_query_set_size": (_S, _H, _D, _D),
    "vosia_query_set_intersect": (_S, _H, _STR),
    "vosia_query_set_verb": (_S, _H, _I32),
    "vosia_query_set_format": (_S, _H, _STR),
    "vosia_query_add_format": (_S, _H, _STR),
    "vosia_query_set_maxrec": (_S, _H, _I64),
    "vosia_query_set_responseformat": (_S, _H, _STR),
    "vosia_query_add_circle": (_S, _H, _D, _D, _D),
    "vosia_query_add_range": (_S, _H, _D, _D, _D, _D),
    "vosia_query_add_polygon": (_S, _H, _DP, _Z),
    "vosia_query_add_interval": (_S, _H, _I32, _D, _D),
    "vosia_query_add_text": (_S, _H, _I32, _STR),
    "vosia_query_add_calib": (_S, _H, _I32),
    "vosia_query_set_param": (_S, _H, _STR, _STR),
    "vosia_query_add_param": (_S, _H, _STR, _STR),
    "vosia_query_remove_param": (_S, _H, _STR),
    "vosia_query_url": (_S, _H, _STRP),
    "vosia_query_copy_url": (_S, _H, _STR, _Z, _ZP),
    "vosia_query_execute": (_S, _H, _HP),
    "vosia_query_execute_saving": (_S, _H, _STR, _HP),
    "vosia_query_execute_in_batches": (_S, _H, _I64, ROWS_FN, c_void_p, _HP),
    "vosia_query_error": (_S, _H, _STRP),
    "vosia_query_copy_error": (_S, _H, _STR, _Z, _ZP),
    "vosia_results_parse": (_S, _STR, _Z, _I32, _HP),
    "vosia_results_parse_file": (_S, _STR, _I32, _HP),
    "vosia_results_parse_within": (_S, _STR, _Z, _I32, _I64, _HP),
    "vosia_results_parse_file_within": (_S, _STR, _I32, _I64, _HP),
    "vosia_results_parse_file_on_threads": (_S, _STR, _I32, _I64, _I32, _HP),
    "vosia_results_parse_file_in_batches": (_S, _STR, _I32, _I64, _I64, ROWS_FN, c_void_p, _HP),
    "vosia_results_free": (None, _H),
    "vosia_results_row_count": (_I64, _H),
    "vosia_results_column_count": (_I32, _H),
    "vosia_results_overflow": (_I32, _H),
    "vosia_results_info": (_S, _H, _STR, _STRP),
    "vosia_results_copy_info": (_S, _H, _STR, _STR, _Z, _ZP),
    "vosia_results_warning_count": (_I64, _H),
    "vosia_results_warning": (_S, _H, _I32, _STRP),
    "vosia_results_copy_warning": (_S, _H, _I32, _STR, _Z, _ZP),
    "vosia_results_get_column_attr": (_S, _H, _I32, _I32, _STRP),
    "vosia_results_copy_column_attr": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_results_column_datatype": (_S, _H, _I32, _I32P),
    "vosia_results_column_index": (_S, _H, _STR, _I32P),
    "vosia_results_column_by_ucd": (_S, _H, _STR, _I32P),
    "vosia_results_column_by_utype": (_S, _H, _STR, _I32P),
    "vosia_results_std_column": (_S, _H, _I32, _I32P),
    "vosia_results_is_null": (_I32, _H, _I64, _I32),
    "vosia_results_get_double": (_S, _H, _I64, _I32, _DP),
    "vosia_results_get_int64": (_S, _H, _I64, _I32, _I64P),
    "vosia_results_get_str": (_S, _H, _I64, _I32, _STRP),
    "vosia_results_copy_str": (_S, _H, _I64, _I32, _STR, _Z, _ZP),
    "vosia_results_get_text": (_S, _H, _I64, _I32, _STRP),
    "vosia_results_copy_text": (_S, _H, _I64, _I32, _STR, _Z, _ZP),
    "vosia_results_get_double_array": (_S, _H, _I64, _I32, _DP, _Z, _ZP),
    "vosia_results_get_double_column": (_S, _H, _I32, _I64, _I64, _DP, _I32P),
    "vosia_results_get_int64_column": (_S, _H, _I32, _I64, _I64, _I64P, _I32P),
    "vosia_results_get_text_column": (_S, _H, _I32, _I64, _I64, _STRP),
    "vosia_results_get_std_double_column": (_S, _H, _I32, _I64, _I64, _DP, _I32P),
    "vosia_results_get_std_text_column": (_S, _H, _I32, _I64, _I64, _STRP),
    "vosia_results_get_std_double": (_S, _H, _I64, _I32, _DP),
    "vosia_results_get_std_double_array": (_S, _H, _I64, _I32, _DP, _Z, _ZP),
    "vosia_results_get_std_str": (_S, _H, _I64, _I32, _STRP),
    "vosia_results_copy_std_str": (_S, _H, _I64, _I32, _STR, _Z, _ZP),
    "vosia_results_descriptor_count": (_S, _H, _I32P),
    "vosia_results_get_descriptor_attr": (_S, _H, _I32, _I32, _STRP),
    "vosia_results_copy_descriptor_attr": (_S, _H, _I32, _I32, _STR, _Z, _ZP),
    "vosia_results_descriptor_input_count": (_S, _H, _I32, _I32P),
    "vosia_results_get_descriptor_input_attr": (_S, _H, _I32, _I32, _I32, _STRP),
    "vosia_results_copy_descriptor_input_attr": (_S, _H, _I32, _I32, _I32, _STR, _Z, _ZP),
    "vosia_results_descriptor_input_option_count": (_S, _H, _I32, _I32, _I32P),
    "vosia_results_get_descriptor_input_option": (_S, _H, _I32, _I32, _I32, _STRP),
    "vosia_results_copy_descriptor_input_option": (_S, _H, _I32, _I32, _I32, _STR, _Z, _ZP),
    "vosia_service_download_url": (_S, _H, _STR, _STR, _STR, _I32, _HP),
    "vosia_service_download_rows": (_S, _H, _H, _I64, _I64, _STR, _I32, _HP),
    "vosia_service_datalink_rows": (_S, _H, _H, _I64, _I64, _HP),
    "vosia_service_cutout_rows": (_S, _H, _H, _I64, _I64, _STRP, _STRP, _Z, _STR, _I32, _HP),
    "vosia_downloads_free": (None, _H),
    "vosia_downloads_count": (_I64, _H),
    "vosia_downloads_status": (_S, _H, _I64, _I32P),
    "vosia_downloads_get_path": (_S, _H, _I64, _STRP),
    "vosia_downloads_copy_path": (_S, _H, _I64, _STR, _Z, _ZP),
    "vosia_downloads_get_error": (_S, _H, _I64, _STRP),
    "vosia_downloads_copy_error": (_S, _H, _I64, _STR, _Z, _ZP),
    "vosia_downloads_file": (_S, _H, _I64, _I64P, _I32P),
    "vosia_service_set_download_jobs": (_S, _H, _I32),
    "vosia_service_set_max_download_bytes": (_S, _H, _I64),
    "vosia_service_set_download_timeout": (_S, _H, _D),
    "vosia_results_circles_met": (_S, _H, _I64, POINTER(c_double), _I32, _I32P),
    "vosia_batch_execute": (_S, POINTER(c_void_p), _I64, _I32, _I32, _D, PROGRESS_FN, c_void_p,
                            _HP),
    "vosia_batch_free": (None, _H),
    "vosia_batch_count": (_I64, _H),
    "vosia_batch_status": (_S, _H, _I64, _I32P),
    "vosia_batch_get_results": (_S, _H, _I64, _HP),
    "vosia_batch_get_error": (_S, _H, _I64, _STRP),
    "vosia_batch_copy_error": (_S, _H, _I64, _STR, _Z, _ZP),
    "vosia_tap_query": (_S, _H, _STR, _I64, _HP),
    "vosia_registry_query_new": (_S, _HP),
    "vosia_registry_query_free": (None, _H),
    "vosia_registry_query_add": (_S, _H, _I32, _STR),
    "vosia_registry_query_set_position": (_S, _H, _D, _D, _D),
    "vosia_registry_search": (_S, _H, _H, _HP),
    "vosia_registry_hits_free": (None, _H),
    "vosia_registry_hits_count": (_I64, _H),
    "vosia_registry_hits_get_attr": (_S, _H, _I64, _I32, _STRP),
    "vosia_registry_hits_copy_attr": (_S, _H, _I64, _I32, _STR, _Z, _ZP),
    "vosia_registry_hits_version": (_S, _H, _I64, _I32P),
    "vosia_registry_hits_service": (_S, _H, _I64, _HP),
    "vosia_samp_connect": (_S, _STR, _HP),
    "vosia_samp_free": (None, _H),
    "vosia_samp_send": (_S, _H, _I32, _STR, _STR, _STR, _ZP),
}


def _bundled():
    """The library the wheel put into this package, if any."""
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "_libvosia.*"))):
        if path.endswith((".so", ".pyd", ".dylib", ".dll")):
            return path
    return None


def _find():
    """(path, where it came from) of the library to load."""
    env = os.environ.get("VOSIA_LIB", "")
    if env:
        return env, "VOSIA_LIB"
    path = _bundled()
    if path:
        return path, "the vosia package"
    path = ctypes.util.find_library("vosia")
    if path:
        return path, "the system's library path"
    raise ImportError(
        "vosia: no libvosia found: this vosia package carries none (it was not installed "
        "from a wheel), and the system's loader knows none; install the package with pip, "
        "or set VOSIA_LIB to the path of libvosia.so")


def _load():
    path, origin = _find()
    try:
        handle = ctypes.CDLL(path)
    except OSError as e:
        raise ImportError(f"vosia: cannot load libvosia from {origin} ({path}): {e}") from e
    try:
        number = handle.vosia_version_number
    except AttributeError:
        raise ImportError(f"vosia: {path} (from {origin}) is not libvosia") from None
    number.restype, number.argtypes = c_int32, []
    found = number()
    major, minor, patch = (found >> 16) & 0xFF, (found >> 8) & 0xFF, found & 0xFF
    if (major, minor) != ABI_VERSION:
        raise ImportError(
            f"vosia: {path} (from {origin}) is libvosia {major}.{minor}.{patch}; this "
            f"package needs {ABI_VERSION[0]}.{ABI_VERSION[1]}.x")
    for name, (restype, *argtypes) in PROTOTYPES.items():
        try:
            fn = getattr(handle, name)
        except AttributeError:
            raise ImportError(f"vosia: {path} (from {origin}) lacks {name}") from None
        fn.restype = restype
        fn.argtypes = argtypes
    return handle, path


#: The loaded libvosia (a ctypes.CDLL) with every prototype set.
#: library_path: the file it was loaded from.
lib, library_path = _load()
