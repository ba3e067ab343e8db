"""Handing images and tables to desktop tools (Aladin, DS9, TOPCAT) through a SAMP hub::

    with vosia.samp.Client("my pipeline") as samp:
        samp.send("image.fits", name="M31 V")            # image.load.fits to all
        samp.send(results_file, table=True, recipient="topcat")

The hub is found as SAMP 1.3's Standard Profile says: ``SAMP_HUB`` (``std-lockurl:file:...``),
else ``~/.samp``.
"""
from __future__ import annotations

import os
from ctypes import byref, c_size_t, c_void_p
from typing import Optional

from ._util import Handle, enc
from .capi import SampLoad, lib
from .errors import check

__all__ = ["Client"]


class Client(Handle):
    """A client registered with the session's SAMP hub under `name`; unregistered by
    close(), by ``with``, or when the object goes. Thread-safe."""

    _kind = "samp.Client"

    def __init__(self, name: str = "vosia"):
        h = c_void_p()
        check(lib.vosia_samp_connect(enc(name, "name"), byref(h)))
        self._own(h.value, lib.vosia_samp_free)

    def send(self, file_or_url, name: Optional[str] = None, recipient: Optional[str] = None,
             *, table: bool = False) -> int:
        """Sends image.load.fits (table.load.votable with `table`) of `file_or_url` (a URL,
        or a local file sent as its file:// URL) to every subscribed client, or to the one
        whose SAMP name or id is `recipient`; `name` is what they show. Returns how many
        clients it went to."""
        reached = c_size_t()
        what = SampLoad.TABLE if table else SampLoad.IMAGE
        check(lib.vosia_samp_send(self._h, int(what), enc(os.fspath(file_or_url), "file_or_url"),
                                  None if name is None else enc(name, "name"),
                                  None if recipient is None else enc(recipient, "recipient"),
                                  byref(reached)))
        return reached.value
