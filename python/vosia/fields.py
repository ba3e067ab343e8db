"""The standard fields: one vocabulary over SIA 1.0 UCDs and SIA 2.0 ObsCore columns.

Read from the library at import (vosia_field_count, vosia_field_get_attr, vosia_field_kind),
so a newer library's fields appear without a change here::

    >>> vosia.FIELDS["ra"]
    Field(index=3, name='ra', unit='deg', kind=<Kind.NUMBER: 2>)

Numbers come back in the field's fixed unit (``unit``: "deg", "d" for MJD days, "m", "s",
"byte"; None for text, counts and pixels).
"""
from __future__ import annotations

from ctypes import byref, c_char_p, c_int32
from typing import NamedTuple, Optional

from .capi import Attr, Kind, Status, lib
from .errors import check

__all__ = ["Field", "FIELDS", "field"]


class Field(NamedTuple):
    """A standard field: its VOSIA_FIELD_* number, lower-case name, fixed unit, kind."""

    index: int
    name: str
    unit: Optional[str]
    kind: Kind


def _attr(index: int, attr: int) -> str | None:
    out = c_char_p()
    if check(lib.vosia_field_get_attr(index, attr, byref(out))) == Status.NULL_VALUE:
        return None
    return out.value.decode("utf-8")


def _read() -> dict[str, Field]:
    fields = {}
    for i in range(lib.vosia_field_count()):
        kind = c_int32()
        check(lib.vosia_field_kind(i, byref(kind)))
        f = Field(i, _attr(i, Attr.NAME), _attr(i, Attr.UNIT), Kind(kind.value))
        fields[f.name] = f
    return fields


#: Every standard field by name, in VOSIA_FIELD_* order.
FIELDS: dict[str, Field] = _read()
_BY_INDEX = {f.index: f for f in FIELDS.values()}


def field(which: str | int | Field) -> Field:
    """The Field named `which` (as vosia_field_by_name finds it: any case), or with that
    VOSIA_FIELD_* number; KeyError if there is none."""
    if isinstance(which, Field):
        return which
    if isinstance(which, str):
        out = c_int32()
        try:
            found = check(lib.vosia_field_by_name(which.encode("utf-8"), byref(out)))
        except UnicodeEncodeError:
            found = Status.NULL_VALUE
        if found == Status.NULL_VALUE:
            raise KeyError(f"no standard field named {which!r}")
        return _BY_INDEX[out.value]
    if isinstance(which, int) and not isinstance(which, bool):
        try:
            return _BY_INDEX[which]
        except KeyError:
            raise KeyError(f"no standard field number {which}") from None
    raise TypeError(f"a standard field is a name or a number, not {type(which).__name__}")
