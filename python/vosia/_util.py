"""Helpers shared by the modules of the package (not part of its API)."""
from __future__ import annotations

import os
import weakref
from ctypes import byref, c_char_p

from .capi import Status
from .errors import check

_numpy_module = False  # not looked for yet


def numpy():
    """numpy, imported on first use; None when it is not installed."""
    global _numpy_module
    if _numpy_module is False:
        try:
            import numpy as np
        except ImportError:
            np = None
        _numpy_module = np
    return _numpy_module


def enc(value, what: str = "argument") -> bytes:
    """A str (or bytes, or path) argument as the UTF-8 bytes C wants."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError(f"{what} must be a str, not {type(value).__name__}")


def dec(raw: bytes | None) -> str | None:
    return None if raw is None else raw.decode("utf-8", "replace")


def get_str(fn, *args) -> str | None:
    """Calls a vosia getter ``fn(*args, const char **out)``: the string, None for
    VOSIA_NULL_VALUE, or the exception of its status."""
    out = c_char_p()
    if check(fn(*args, byref(out))) == Status.NULL_VALUE:
        return None
    return dec(out.value)


class Handle:
    """Owner of one C handle: freed by close(), by ``with``, or when the object goes."""

    _kind = "handle"
    _ptr = None

    def _own(self, ptr: int, free) -> None:
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, free, ptr)

    @property
    def _h(self) -> int:
        if self._ptr is None:
            raise ValueError(f"operation on a closed vosia {self._kind}")
        return self._ptr

    @property
    def closed(self) -> bool:
        """True once close() has freed the handle."""
        return self._ptr is None

    def close(self) -> None:
        """Frees the C handle now (idempotent); further use raises ValueError."""
        if self._ptr is not None:
            self._finalizer()
            self._ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def fspath(path) -> bytes:
    return os.fsencode(os.fspath(path))
