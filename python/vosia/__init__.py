"""vosia: an IVOA Simple Image Access (SIA 1.0 and 2.0) client.

Python over vosia's C library (libvosia, carried inside the wheel) through ctypes::

    import vosia

    svc = vosia.Service("http://127.0.0.1:8080/siatest/q/i/siap.xml?", vosia.SIA1)
    results = svc.search(pos=(10.68, 41.27), size=0.2)
    print(len(results), results["access_url"])       # a column (numpy when installed)
    table = results.to_table()                        # astropy Table, with units
    for row in results:
        print(row.getdataurl(), row.ra, row.dec, row.std("mjd_obs"))

    saved = vosia.parse_file("response.xml", vosia.SIA2)
    vosia.parse_file_in_batches("huge.xml", lambda batch, first: print(len(batch)))

Service (transport settings, metadata, capabilities, availability, progress/cancel), Query
(every SIA parameter), Results and Row (records and columns; standard fields in fixed units,
vosia.FIELDS; Results.download and Row.cachedataset save the datasets, resumable and
checked); vosia.registry.search finds SIA services in the VO registry, vosia.tap_query
runs ADQL, vosia.samp.Client hands images to desktop tools; failures raise a VosiaError subclass named after the status (ConnectError,
TimeoutExpiredError, ServiceError, FormatError, ...). vosia.capi is the raw C API.
"""
from .capi import (SIA1, SIA2, Attr, Datatype, DownloadFlag, DownloadHow, Kind, QueryParam,
                   RegistryConstraint, SampLoad, Status)
from .errors import (BadHandleError, BufferSizeError, CancelledError, ChecksumError,
                     ConnectError, FileError, FormatError, HTTPError, InternalError,
                     InvalidArgError, NoTableError, NullArgError, PanicError, PartialError,
                     RangeError, ServiceError, TimeoutExpiredError, TLSError, TooLargeError,
                     TypeMismatchError, UnsupportedError, VosiaError)
from .fields import FIELDS, Field, field
from .metadata import Availability, Capability, ColumnInfo, Param
from .query import Query
from .results import Results, Row, parse, parse_file, parse_file_in_batches
from .service import Service, discover
from .download import Downloaded
from .batch import Outcome, execute_all
from . import capi, registry, samp
from .registry import tap_query

__version__ = "0.2.0"

__all__ = [
    "SIA1", "SIA2", "Service", "Query", "Results", "Row", "parse", "parse_file",
    "parse_file_in_batches", "discover",
    "FIELDS", "Field", "field", "ColumnInfo", "Param", "Capability", "Availability",
    "Status", "Attr", "Kind", "QueryParam", "Datatype", "DownloadFlag", "DownloadHow", "Downloaded",
    "Outcome", "execute_all", "registry", "samp", "tap_query", "RegistryConstraint", "SampLoad",
    "library_version", "capi",
    "VosiaError", "NullArgError", "InvalidArgError", "BadHandleError", "UnsupportedError",
    "RangeError", "TypeMismatchError", "BufferSizeError", "ConnectError",
    "TimeoutExpiredError", "TLSError", "HTTPError", "TooLargeError", "PartialError",
    "ChecksumError", "FileError",
    "ServiceError", "FormatError", "NoTableError", "CancelledError", "PanicError",
    "InternalError",
]


def library_version() -> str:
    """The version of the libvosia loaded (vosia_version), e.g. "0.2.0"."""
    return capi.lib.vosia_version().decode()
