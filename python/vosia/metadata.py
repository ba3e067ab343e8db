"""Descriptions of columns, parameters and capabilities, as plain immutable values."""
from __future__ import annotations

from dataclasses import dataclass, field as _dc_field
from typing import Callable, Optional, Tuple

from .capi import Attr

__all__ = ["ColumnInfo", "Param", "Capability", "Availability", "Descriptor", "DescriptorInput"]

_COLUMN_ATTRS = (
    ("name", Attr.NAME), ("id", Attr.ID), ("ucd", Attr.UCD), ("utype", Attr.UTYPE),
    ("unit", Attr.UNIT), ("xtype", Attr.XTYPE), ("arraysize", Attr.ARRAYSIZE),
    ("description", Attr.DESCRIPTION), ("datatype", Attr.DATATYPE),
)


@dataclass(frozen=True)
class ColumnInfo:
    """A FIELD as the VOTable declares it (None for an attribute it does not set):
    ``name``, ``id``, ``ucd``, ``utype``, ``unit`` (as written), ``xtype``, ``arraysize``,
    ``description`` and ``datatype`` (the standard spelling: "double", "char", ...)."""

    name: Optional[str]
    id: Optional[str] = None
    ucd: Optional[str] = None
    utype: Optional[str] = None
    unit: Optional[str] = None
    xtype: Optional[str] = None
    arraysize: Optional[str] = None
    description: Optional[str] = None
    datatype: Optional[str] = None

    @classmethod
    def _read(cls, get: Callable[[int], Optional[str]], **more) -> "ColumnInfo":
        return cls(**{key: get(attr) for key, attr in _COLUMN_ATTRS}, **more)


@dataclass(frozen=True)
class Param(ColumnInfo):
    """An input parameter a service declares (its metadata PARAM ``INPUT:name``, name given
    without the prefix): the attributes of ColumnInfo plus ``value`` (the default), ``min``,
    ``max`` (VALUES/MIN, VALUES/MAX) and ``options`` (the allowed values, VALUES/OPTION, in
    document order; empty when the parameter is free)."""

    value: Optional[str] = None
    min: Optional[str] = None
    max: Optional[str] = None
    options: Tuple[str, ...] = _dc_field(default=())


@dataclass(frozen=True)
class Capability:
    """A VOSI capability: its ``standard_id`` and endpoint ``url`` (None if it has none)."""

    standard_id: Optional[str]
    url: Optional[str]


@dataclass(frozen=True)
class Availability:
    """A VOSI availability answer: ``available`` and ``note`` (its first note, else its
    backAt or downAt time, else "")."""

    available: bool
    note: str

    def __bool__(self) -> bool:
        return self.available


@dataclass(frozen=True)
class DescriptorInput(Param):
    """An input of a service descriptor: a Param plus ``ref``, the ID of the results column
    each row's value comes from (None for a fixed or free input)."""

    ref: Optional[str] = None


@dataclass(frozen=True)
class Descriptor:
    """A service descriptor of a response (DataLink 1.1 §4, RESOURCE type="meta"
    utype="adhoc:service"): its ``id``, ``name``, ``standard_id`` (e.g.
    ivo://ivoa.net/std/SODA#sync-1.0), ``url`` (accessURL) and ``inputs``."""

    id: Optional[str]
    name: Optional[str]
    standard_id: Optional[str]
    url: Optional[str]
    inputs: Tuple[DescriptorInput, ...] = ()
