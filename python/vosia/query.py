"""Query: the parameters of one SIA request against a Service."""
from __future__ import annotations

import math
from ctypes import byref, c_char_p, c_double, c_void_p
from typing import Optional

from ._util import Handle, dec, enc, fspath, get_str
from .capi import SIA1, QueryParam, Status, lib
from .errors import check, error_for
from .results import Results, read_in_batches

__all__ = ["Query"]

_INTERVALS = {"band": QueryParam.BAND, "time": QueryParam.TIME, "fov": QueryParam.FOV,
              "spatres": QueryParam.SPATRES, "exptime": QueryParam.EXPTIME,
              "timeres": QueryParam.TIMERES, "specrp": QueryParam.SPECRP}
_TEXTS = {"id": QueryParam.ID, "collection": QueryParam.COLLECTION,
          "facility": QueryParam.FACILITY, "instrument": QueryParam.INSTRUMENT,
          "dptype": QueryParam.DPTYPE, "target": QueryParam.TARGET, "pol": QueryParam.POL}
# The astropy unit each interval parameter is sent in (for Quantity values).
_INTERVAL_UNITS = {QueryParam.BAND: "m", QueryParam.FOV: "deg", QueryParam.SPATRES: "arcsec",
                   QueryParam.EXPTIME: "s", QueryParam.TIMERES: "s"}


class Query(Handle):
    """A query against `service`; `constraints` as Service.search takes them. The setters
    return the query, so calls chain::

        q = vosia.Query(svc).set_pos(10.68, 41.27).set_size(0.2).set_maxrec(100)
        print(q.url)
        results = q.execute()

    One thread at a time (clone() gives another thread its own). The query keeps its
    service alive.
    """

    _kind = "Query"

    def __init__(self, service, _handle: int | None = None, **constraints):
        if _handle is None:
            h = c_void_p()
            check(lib.vosia_query_new(service._h, byref(h)))
            _handle = h.value
        self._own(_handle, lib.vosia_query_free)
        #: The Service this query goes to.
        self.service = service
        self._version = service.version
        if constraints:
            self._apply(constraints)

    def clone(self) -> "Query":
        """An independent copy (parameters, service, last error), e.g. for another thread."""
        h = c_void_p()
        check(lib.vosia_query_clone(self._h, byref(h)))
        return Query(self.service, _handle=h.value)

    def __repr__(self) -> str:
        return "<vosia.Query (closed)>" if self.closed else f"<vosia.Query {self.url!r}>"

    # ------------------------------------------------------------------ SIA 1.0
    def set_pos(self, ra: float, dec: float) -> "Query":
        """SIA 1.0 POS=ra,dec (ICRS degrees)."""
        check(lib.vosia_query_set_pos(self._h, float(ra), float(dec)))
        return self

    def set_size(self, ra: float, dec: float | None = None) -> "Query":
        """SIA 1.0 SIZE in degrees along RA and Dec (one value: both)."""
        check(lib.vosia_query_set_size(self._h, float(ra), float(ra if dec is None else dec)))
        return self

    def set_intersect(self, intersect: str) -> "Query":
        """SIA 1.0 INTERSECT: COVERS, ENCLOSED, OVERLAPS or CENTER (any case)."""
        check(lib.vosia_query_set_intersect(self._h, enc(intersect, "intersect")))
        return self

    def set_verb(self, verb: int) -> "Query":
        """SIA 1.0 VERB, 0 to 3."""
        check(lib.vosia_query_set_verb(self._h, int(verb)))
        return self

    # ------------------------------------------------------------------ both
    def set_format(self, format: str) -> "Query":
        """FORMAT, replacing earlier values (SIA 1.0: a comma-separated list)."""
        check(lib.vosia_query_set_format(self._h, enc(format, "format")))
        return self

    def add_format(self, format: str) -> "Query":
        """One more FORMAT (SIA 1.0: appended to the list; SIA 2.0: repeated, OR-ed)."""
        check(lib.vosia_query_add_format(self._h, enc(format, "format")))
        return self

    def set_maxrec(self, maxrec: int) -> "Query":
        """MAXREC, the most records to return (0: the metadata only)."""
        check(lib.vosia_query_set_maxrec(self._h, int(maxrec)))
        return self

    def set_responseformat(self, format: str) -> "Query":
        """RESPONSEFORMAT (e.g. "votable")."""
        check(lib.vosia_query_set_responseformat(self._h, enc(format, "format")))
        return self

    # ------------------------------------------------------------------ SIA 2.0
    def add_circle(self, ra: float, dec: float, radius: float) -> "Query":
        """SIA 2.0 POS=CIRCLE ra dec radius (ICRS degrees); several POS are OR-ed."""
        check(lib.vosia_query_add_circle(self._h, float(ra), float(dec), float(radius)))
        return self

    def add_range(self, ra1: float, ra2: float, dec1: float, dec2: float) -> "Query":
        """SIA 2.0 POS=RANGE (degrees; +-inf for an open end; ra1 > ra2 wraps through 0)."""
        check(lib.vosia_query_add_range(self._h, float(ra1), float(ra2), float(dec1),
                                        float(dec2)))
        return self

    def add_polygon(self, vertices) -> "Query":
        """SIA 2.0 POS=POLYGON from at least 3 vertices: [(ra, dec), ...] or a flat
        [ra1, dec1, ra2, dec2, ...] (degrees)."""
        flat = _flatten_vertices(vertices)
        pairs = (c_double * len(flat))(*flat)
        check(lib.vosia_query_add_polygon(self._h, pairs, len(flat) // 2))
        return self

    def add_interval(self, param, lo: float | None, hi: float | None) -> "Query":
        """SIA 2.0 interval `param` (QueryParam.BAND ... SPECRP, or its name: "band",
        "time", "fov", "spatres", "exptime", "timeres", "specrp") from `lo` to `hi`, in the
        units vosia.h gives (None for an open end). Several intervals are OR-ed."""
        p = _param(param, _INTERVALS, "interval")
        check(lib.vosia_query_add_interval(self._h, p, _bound(lo, p, -math.inf),
                                           _bound(hi, p, math.inf)))
        return self

    def add_text(self, param, value: str) -> "Query":
        """SIA 2.0 text `param` (QueryParam.ID ... POL, or its name: "id", "collection",
        "facility", "instrument", "dptype", "target", "pol"); several values are OR-ed."""
        check(lib.vosia_query_add_text(self._h, _param(param, _TEXTS, "text"),
                                       enc(value, "value")))
        return self

    def add_calib(self, level: int) -> "Query":
        """SIA 2.0 CALIB level (0 to 4); several are OR-ed."""
        check(lib.vosia_query_add_calib(self._h, int(level)))
        return self

    # ------------------------------------------------------------------ any parameter
    def set_param(self, name: str, value) -> "Query":
        """Parameter `name` (upper-cased on the wire) = `value` (sent as str(value)),
        replacing its earlier values."""
        check(lib.vosia_query_set_param(self._h, enc(name, "name"), enc(_text(value))))
        return self

    def add_param(self, name: str, value) -> "Query":
        """One more value of parameter `name` (a repeated key)."""
        check(lib.vosia_query_add_param(self._h, enc(name, "name"), enc(_text(value))))
        return self

    def remove_param(self, name: str) -> "Query":
        """Removes every value of parameter `name` (any case), however it was set."""
        check(lib.vosia_query_remove_param(self._h, enc(name, "name")))
        return self

    @property
    def url(self) -> str:
        """Exactly the URL execute() will GET."""
        return get_str(lib.vosia_query_url, self._h)

    @property
    def error(self) -> str:
        """The detail of the last execute() failure ("" after a success or before any)."""
        return get_str(lib.vosia_query_error, self._h) or ""

    def execute(self, save=None) -> Results:
        """Sends the query and reads the whole response. Raises the VosiaError subclass of
        the failure (ConnectError, TimeoutExpiredError, HTTPError, ServiceError,
        FormatError, CancelledError, ...) with the query's error text, or what the
        service's progress callable raised. An OVERFLOW answer is a success
        (Results.overflow tells). With `save` (a path), the exact bytes of the response are
        written there as they are read (kept only when the whole response was read)."""
        h = c_void_p()
        if save is None:
            st = self.service._run(lib.vosia_query_execute, self._h, byref(h))
        else:
            st = self.service._run(lib.vosia_query_execute_saving, self._h, fspath(save),
                                   byref(h))
        if st != Status.OK:
            out = c_char_p()
            detail = dec(out.value) if lib.vosia_query_error(self._h, byref(out)) == 0 else None
            raise error_for(st, detail or dec(lib.vosia_last_error()))
        results = Results(h.value, self._version)
        results.service = self.service  # the transport its downloads use
        return results

    def execute_in_batches(self, on_rows, batch_rows: int = 10000) -> Results:
        """Sends the query without keeping the rows of the response: `on_rows(batch,
        first_row)` is called with each batch of up to `batch_rows` rows as it is parsed (a
        Results valid only during the call), so memory does not grow with the row count. A
        true return value stops the read (CancelledError), as does an exception, which is
        re-raised. Returns the rest of the response: its columns with no rows, its INFOs and
        overflow flag. Failures raise as execute() does."""
        def call(fn, out):
            st = self.service._run(lib.vosia_query_execute_in_batches, self._h,
                                   int(batch_rows), fn, None, out)
            if st != Status.OK and st != Status.E_CANCELLED:
                err = c_char_p()
                if lib.vosia_query_error(self._h, byref(err)) == 0 and err.value:
                    raise error_for(st, dec(err.value))
            return st

        rest = read_in_batches(call, on_rows, self._version)
        rest.service = self.service
        return rest

    # ------------------------------------------------------------------ keywords
    def _apply(self, constraints: dict) -> None:
        sia1 = self._version == SIA1
        for key, value in constraints.items():
            if value is None:
                continue
            name = key.lower()
            if name == "pos":
                if sia1:
                    self.set_pos(*_position(value))
                else:
                    for shape in _shapes(value):
                        self._add_shape(shape)
            elif name == "size" and sia1:
                if _is_pair(value):
                    self.set_size(_deg(value[0]), _deg(value[1]))
                else:
                    self.set_size(_deg(value))
            elif name == "intersect" and sia1:
                self.set_intersect(value)
            elif name in ("verb", "verbosity") and sia1:
                self.set_verb(value)
            elif name == "format":
                values = _many(value)
                self.set_format(values[0])
                for v in values[1:]:
                    self.add_format(v)
            elif name == "maxrec":
                self.set_maxrec(value)
            elif name == "responseformat":
                self.set_responseformat(value)
            elif name in _INTERVALS and not sia1:
                for lo, hi in _intervals(value):
                    self.add_interval(_INTERVALS[name], lo, hi)
            elif name in _TEXTS and not sia1:
                for v in _many(value):
                    self.add_text(_TEXTS[name], v)
            elif name == "calib" and not sia1:
                for v in _many(value):
                    self.add_calib(v)
            else:
                values = _many(value)
                self.set_param(key, values[0])
                for v in values[1:]:
                    self.add_param(key, v)

    def _add_shape(self, shape) -> None:
        if all(_is_number(x) for x in shape):
            if len(shape) == 3:
                return self.add_circle(*(_deg(x) for x in shape))
            if len(shape) == 4:
                return self.add_range(*(_deg(x, math.inf) for x in shape))
        self.add_polygon(shape)


# ------------------------------------------------------------------------- helpers
def _is_number(x) -> bool:
    return isinstance(x, (int, float)) or hasattr(x, "to_value") or \
        type(x).__name__.startswith(("float", "int"))


def _is_pair(value) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 2


def _many(value) -> list:
    values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
    if not values:
        raise ValueError("an empty list of values")
    return values


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _deg(x, default: Optional[float] = None) -> float:
    """Degrees from a number or an astropy Quantity (None: `default`)."""
    if x is None and default is not None:
        return default
    if hasattr(x, "to_value"):
        return float(x.to_value("deg"))
    return float(x)


def _position(value):
    """(ra, dec) in degrees from a pair or an astropy SkyCoord."""
    if hasattr(value, "icrs"):
        icrs = value.icrs
        return float(icrs.ra.deg), float(icrs.dec.deg)
    ra, dec = value
    return _deg(ra), _deg(dec)


def _shapes(value) -> list:
    """SIA 2.0 pos= as a list of shapes (each a flat tuple of numbers, or vertex pairs)."""
    if hasattr(value, "icrs"):
        raise TypeError("an SIA 2.0 pos needs a radius: pos=(ra, dec, radius)")
    value = list(value)
    if all(_is_number(x) for x in value):
        return [value]                   # one circle, range or flat polygon
    if all(_is_pair(x) and all(_is_number(y) for y in x) for x in value):
        return [value]                   # one polygon as (ra, dec) vertices
    return [list(shape) for shape in value]  # several shapes


def _flatten_vertices(vertices) -> list:
    vertices = list(vertices)
    if all(_is_pair(v) for v in vertices):
        flat = [_deg(c) for v in vertices for c in v]
    else:
        flat = [_deg(c) for c in vertices]
    if len(flat) % 2:
        raise ValueError("a polygon needs (ra, dec) pairs: an even number of coordinates")
    return flat


def _intervals(value) -> list:
    """[(lo, hi), ...] from (lo, hi), a list of them, or one value (lo = hi)."""
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and not any(isinstance(x, (list, tuple)) for x in value):
            return [tuple(value)]
        return [tuple(v) if isinstance(v, (list, tuple)) else (v, v) for v in value]
    return [(value, value)]


def _param(param, names: dict, what: str) -> int:
    if isinstance(param, str):
        try:
            return names[param.lower()]
        except KeyError:
            raise ValueError(f"not an SIA 2.0 {what} parameter: {param!r} "
                             f"(one of {', '.join(names)})") from None
    return int(param)


def _bound(x, param: int, default: float) -> float:
    """An interval end as vosia wants it: None is open; Quantity / Time are converted."""
    if x is None:
        return default
    if hasattr(x, "mjd") and param == QueryParam.TIME:
        return float(x.mjd)
    if hasattr(x, "to_value"):
        unit = _INTERVAL_UNITS.get(param)
        if param == QueryParam.BAND:
            from astropy import units as u

            return float(x.to_value(unit, equivalencies=u.spectral()))
        if unit is not None:
            return float(x.to_value(unit))
        return float(x.to_value())
    return float(x)
