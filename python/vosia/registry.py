"""Finding SIA services in the VO registry (RegTAP over TAP), and ADQL on any TAP service.

``search`` takes pyvo's ``registry.search`` keywords (``servicetype``, ``keywords``,
``waveband``, ``ivoid``) plus ``pos``, and returns one :class:`Hit` per SIA interface::

    for hit in vosia.registry.search(keywords=["imaging"], servicetype="sia2"):
        print(hit.ivoid, hit.access_url)
        results = hit.service().search(pos=(10.68, 41.27), size=0.2)

The registry is the ``registry`` argument (a TAP root URL, or a Service made for one), else
the ``IVOA_REGISTRY`` environment variable (as pyvo reads it), else GAVO's
``http://reg.g-vo.org/tap``, pyvo's default. ESA's ``https://registry.euro-vo.org/regtap/tap``
and STScI's ``https://vao.stsci.edu/RegTAP/TapService.aspx`` are the other public ones.
"""
from __future__ import annotations

import os
from ctypes import byref, c_int32, c_void_p
from dataclasses import dataclass
from typing import Iterable, Optional, Union

from ._util import enc, get_str
from .capi import SIA2, Attr, RegistryConstraint as _C, lib
from .errors import check
from .results import Results
from .service import Service

__all__ = ["Hit", "search", "tap_query", "DEFAULT_REGISTRY"]

#: The registry used when none is given and IVOA_REGISTRY is not set (pyvo's default).
DEFAULT_REGISTRY = "http://reg.g-vo.org/tap"


@dataclass(frozen=True)
class Hit:
    """One SIA interface of a resource the registry found."""

    ivoid: str
    short_name: Optional[str]
    res_title: Optional[str]
    res_description: Optional[str]
    #: IVOA messenger terms, lower case (RegTAP's ``#``-joined list, split).
    waveband: tuple
    standard_id: str
    access_url: str
    #: vosia.SIA1 or vosia.SIA2.
    sia_version: int

    def service(self, **settings) -> Service:
        """A Service for this hit (its access URL and SIA version); `settings` as
        Service()'s."""
        return Service(self.access_url, self.sia_version, **settings)


def _registry(registry) -> Service:
    if isinstance(registry, Service):
        return registry
    url = registry or os.environ.get("IVOA_REGISTRY") or DEFAULT_REGISTRY
    return Service(url, SIA2)


def _words(value) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def tap_query(tap: Union[str, Service], adql: str, maxrec: Optional[int] = None,
              version: int = SIA2) -> Results:
    """Runs `adql` on the TAP service rooted at `tap` (a URL, or a Service made for it, whose
    transport settings apply), synchronously, and reads the answer as results of `version`
    (an ``ivoa.obscore`` query read as SIA2 has the standard fields of an SIA 2.0 search).
    `maxrec` caps the rows; a cut answer has ``overflow`` set."""
    service = tap if isinstance(tap, Service) else Service(tap, version)
    h = c_void_p()
    check(service._run(lib.vosia_tap_query, service._h, enc(adql, "adql"),
                       -1 if maxrec is None else int(maxrec), byref(h)))
    results = Results(h.value, service.version)
    results.service = service
    return results


def search(servicetype=None, keywords: Union[str, Iterable[str], None] = None,
           waveband: Union[str, Iterable[str], None] = None,
           ivoid: Union[str, Iterable[str], None] = None, pos=None, *,
           registry: Union[str, Service, None] = None) -> list:
    """The SIA services of the registry that meet every constraint given: `servicetype`
    ("sia", "sia2", or several; default both), every one of `keywords` (in the title or
    description as a word, or in a subject), any of `waveband` (messenger terms: "optical",
    "infrared", ...), any of `ivoid`, and `pos` = (ra, dec) or (ra, dec, radius) in degrees
    inside the declared coverage (needs a registry with RegTAP 1.2 coverage). Returns a
    list of :class:`Hit`, ordered by ivoid."""
    reg = _registry(registry)
    q = c_void_p()
    check(lib.vosia_registry_query_new(byref(q)))
    hits = c_void_p()
    try:
        for kind, values in ((_C.SERVICE_TYPE, _words(servicetype)), (_C.KEYWORD, _words(keywords)),
                             (_C.WAVEBAND, _words(waveband)), (_C.IVOID, _words(ivoid))):
            for value in values:
                check(lib.vosia_registry_query_add(q, int(kind), enc(value)))
        if pos is not None:
            ra, dec, *rest = pos
            check(lib.vosia_registry_query_set_position(q, float(ra), float(dec),
                                                        float(rest[0]) if rest else 0.0))
        check(reg._run(lib.vosia_registry_search, reg._h, q, byref(hits)))
    finally:
        lib.vosia_registry_query_free(q)
    try:
        return [_hit(hits, i) for i in range(lib.vosia_registry_hits_count(hits))]
    finally:
        lib.vosia_registry_hits_free(hits)


def _hit(hits: c_void_p, i: int) -> Hit:
    def attr(a):
        return get_str(lib.vosia_registry_hits_get_attr, hits, i, int(a))

    version = c_int32()
    check(lib.vosia_registry_hits_version(hits, i, byref(version)))
    bands = attr(Attr.WAVEBAND)
    return Hit(ivoid=attr(Attr.IVOID), short_name=attr(Attr.SHORT_NAME),
               res_title=attr(Attr.TITLE), res_description=attr(Attr.DESCRIPTION),
               waveband=tuple(b for b in (bands or "").split("#") if b),
               standard_id=attr(Attr.STANDARD_ID), access_url=attr(Attr.URL),
               sia_version=version.value)
