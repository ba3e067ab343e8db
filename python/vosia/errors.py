"""Exceptions: one class per vosia status, all under VosiaError.

Every failing call raises the subclass named after its status, carrying the status
(``.status``, a :class:`vosia.capi.Status`) and vosia's own detail as the message: the
query's error for a failed execute (vosia_query_error), else the thread's last error
(vosia_last_error). Where a built-in exception means the same, the class derives from it
too, so ``except TimeoutError`` or ``except ValueError`` catch what they should::

    try:
        results = service.search(pos=(10.68, 41.27), size=0.2)
    except vosia.TimeoutExpiredError:   # also a TimeoutError
        ...
    except vosia.ServiceError as e:     # QUERY_STATUS=ERROR: e is the service's own text
        ...
    except vosia.VosiaError as e:       # anything else vosia reports
        print(e.status.name, e)
"""
from __future__ import annotations

from .capi import Status, lib

__all__ = [
    "VosiaError", "NullArgError", "InvalidArgError", "BadHandleError", "UnsupportedError",
    "RangeError", "TypeMismatchError", "BufferSizeError", "ConnectError",
    "TimeoutExpiredError", "TLSError", "HTTPError", "TooLargeError", "PartialError",
    "ChecksumError", "FileError",
    "ServiceError", "FormatError", "NoTableError", "CancelledError", "PanicError",
    "InternalError", "error_for",
]


class VosiaError(Exception):
    """A failed vosia call. ``.status`` is the vosia_status (a Status where vosia defines
    it); ``str(e)`` vosia's detail, else the status's static text (vosia_strerror)."""

    #: The status this class stands for (the base class: whatever status it was made with).
    status: int = Status.E_INTERNAL

    def __init__(self, message: str | None = None, status: int | None = None):
        if status is not None:
            try:
                status = Status(status)
            except ValueError:
                pass
            self.status = status
        if not message:
            message = lib.vosia_strerror(self.status).decode("utf-8", "replace")
        super().__init__(message)

    def __reduce__(self):
        return (_rebuild, (type(self), str(self), int(self.status)))

    @property
    def status_text(self) -> str:
        """vosia_strerror(status): the static text of the status."""
        return lib.vosia_strerror(self.status).decode("utf-8", "replace")


def _rebuild(cls, message, status):
    return cls(message, status)


class NullArgError(VosiaError, ValueError):
    """VOSIA_E_NULL_ARG: a required argument was missing."""

    status = Status.E_NULL_ARG


class InvalidArgError(VosiaError, ValueError):
    """VOSIA_E_INVALID_ARG: an argument's value is not allowed (|dec| > 90, NaN, empty, ...)."""

    status = Status.E_INVALID_ARG


class BadHandleError(VosiaError):
    """VOSIA_E_BAD_HANDLE: not a live handle of the expected kind."""

    status = Status.E_BAD_HANDLE


class UnsupportedError(VosiaError):
    """VOSIA_E_UNSUPPORTED: the parameter is not defined for this SIA version."""

    status = Status.E_UNSUPPORTED


class RangeError(VosiaError, IndexError):
    """VOSIA_E_RANGE: a row, column or field index is out of range."""

    status = Status.E_RANGE


class TypeMismatchError(VosiaError, TypeError):
    """VOSIA_E_TYPE: the value cannot be read as the type asked for."""

    status = Status.E_TYPE


class BufferSizeError(VosiaError):
    """VOSIA_E_BUFFER_SIZE: a copy was truncated (the package sizes its buffers itself, so
    this reaches you only from vosia.capi calls of your own)."""

    status = Status.E_BUFFER_SIZE


class ConnectError(VosiaError, ConnectionError):
    """VOSIA_E_CONNECT: the server could not be reached."""

    status = Status.E_CONNECT


class TimeoutExpiredError(VosiaError, TimeoutError):
    """VOSIA_E_TIMEOUT: the whole-request or the connect timeout expired."""

    status = Status.E_TIMEOUT


class TLSError(VosiaError, ConnectionError):
    """VOSIA_E_TLS: TLS handshake or certificate failure."""

    status = Status.E_TLS


class HTTPError(VosiaError):
    """VOSIA_E_HTTP: the server answered with a non-2xx HTTP status."""

    status = Status.E_HTTP


class TooLargeError(VosiaError):
    """VOSIA_E_TOO_LARGE: the response was larger than the service's limit."""

    status = Status.E_TOO_LARGE


class PartialError(VosiaError):
    """VOSIA_E_PARTIAL: a download ended before the whole file arrived; what came is kept
    (as NAME.part) and the next download of it resumes."""

    status = Status.E_PARTIAL


class ChecksumError(VosiaError):
    """VOSIA_E_CHECKSUM: downloaded bytes differ from the length or checksum the server
    announced; they were not kept."""

    status = Status.E_CHECKSUM


class FileError(VosiaError, OSError):
    """VOSIA_E_IO: a local file could not be read or written."""

    status = Status.E_IO


class ServiceError(VosiaError):
    """VOSIA_E_SERVICE: the service reported QUERY_STATUS=ERROR; the message is its text."""

    status = Status.E_SERVICE


class FormatError(VosiaError, ValueError):
    """VOSIA_E_FORMAT: not a VOTable, or malformed beyond repair (the message names the
    byte offset, or for an HTTP answer its content type and first bytes)."""

    status = Status.E_FORMAT


class NoTableError(VosiaError):
    """VOSIA_E_NO_TABLE: a VOTable without a results table."""

    status = Status.E_NO_TABLE


class CancelledError(VosiaError):
    """VOSIA_E_CANCELLED: the service's progress function asked to stop."""

    status = Status.E_CANCELLED


class PanicError(VosiaError):
    """VOSIA_E_PANIC: a bug in vosia, caught at the C boundary. Please report it."""

    status = Status.E_PANIC


class InternalError(VosiaError):
    """VOSIA_E_INTERNAL: a bug in vosia (an internal invariant did not hold)."""

    status = Status.E_INTERNAL


_BY_STATUS = {
    cls.status: cls
    for cls in (NullArgError, InvalidArgError, BadHandleError, UnsupportedError, RangeError,
                TypeMismatchError, BufferSizeError, ConnectError, TimeoutExpiredError,
                TLSError, HTTPError, TooLargeError, PartialError, ChecksumError, FileError, ServiceError, FormatError,
                NoTableError, CancelledError, PanicError, InternalError)
}


def error_for(status: int, message: str | None = None) -> VosiaError:
    """The exception for `status` (its subclass; VosiaError for a status vosia does not
    define) with `message`."""
    cls = _BY_STATUS.get(status)
    if cls is None:
        return VosiaError(message, status)
    return cls(message)


def _decode(raw) -> str | None:
    return raw.decode("utf-8", "replace") if raw else None


def last_error() -> VosiaError:
    """The exception for this thread's last failure (vosia_last_status, vosia_last_error)."""
    return error_for(lib.vosia_last_status(), _decode(lib.vosia_last_error()))


def check(status: int) -> int:
    """Raises the exception for `status` unless it is OK or NULL_VALUE; returns it."""
    if status != Status.OK and status != Status.NULL_VALUE:
        raise error_for(status, _decode(lib.vosia_last_error()))
    return status
