"""Results: an immutable, fully parsed SIA response, read by row or by whole column.

    r = vosia.parse_file("response.xml", vosia.SIA1)
    len(r)                 # rows
    r["access_url"]        # a whole column: numpy array (list without numpy)
    r.to_table()           # astropy Table with the FIELDs' units
    for row in r:          # Rows
        row.getdataurl(), row["title"], row.ra, row.std("mjd_obs")

Names. ``r[name]`` and ``row[name]`` take a column's name or ID (as
vosia_results_column_index finds it: exact case first, then any case), else a standard field
name (vosia.FIELDS: "access_url", "ra", "mjd_obs", ...); ``column()`` only ever means a
column, ``std()`` only a standard field. Where both exist the column wins, as in pyvo: in
SIA 2.0 ``r["s_resolution"]`` is the ObsCore column in arcsec, ``r.std("s_resolution")``
vosia's standard field in degrees.

Values. A row gives plain Python values: str, float, int, bool, complex, a list of floats
for an array cell, None for a null. A column gives, with numpy: float64 with NaN for nulls
(real columns and number fields), a masked int64 or bool array (integer and boolean
columns), an object array of str or None (text), an object array of float64 arrays or None
(array cells); without numpy, a list of the row values. Standard fields come in their fixed
units (FIELDS[name].unit); columns as the service wrote them (ColumnInfo.unit).
"""
from __future__ import annotations

from collections.abc import Mapping
from ctypes import (POINTER, byref, c_char_p, c_double, c_int32, c_int64, c_size_t,
                    c_void_p)
from typing import Iterator, Optional

from . import _util
from ._util import Handle, enc, get_str
from .capi import ROWS_FN, SIA1, SIA2, Attr, Datatype, Kind, Status, lib
from .errors import check, last_error
from .fields import Field, field as _field
from .metadata import ColumnInfo

__all__ = ["Results", "Row", "parse", "parse_file"]

# How a column is read (from its datatype and arraysize).
_TEXT, _FLOAT, _INT, _BOOL, _COMPLEX, _ARRAY, _COMPLEX_ARRAY = range(7)
_INTEGERS = {Datatype.BIT, Datatype.UNSIGNED_BYTE, Datatype.SHORT, Datatype.INT,
             Datatype.LONG}


def _count(value: int) -> int:
    """A count from a value-returning function (-1 on failure)."""
    if value < 0:
        raise last_error()
    return value


class Results(Handle):
    """A parsed response (immutable; any number of threads may read it at once).

    Make one with :func:`vosia.parse`, :func:`vosia.parse_file` or Query.execute(). The C
    handle is freed by close(), by ``with``, or when the object is collected; Rows keep
    their Results alive.
    """

    _kind = "Results"

    def __init__(self, _handle: int, version: int, _owner=None):
        # A handle borrowed from `_owner` (a batch) is freed with it; this object keeps the
        # owner alive instead of freeing the handle.
        self._own(_handle, lib.vosia_results_free if _owner is None else lambda _p: _owner)
        #: The SIA version the response was read as (SIA1 or SIA2).
        self.version = version
        self._nrows = _count(lib.vosia_results_row_count(_handle))
        self._ncols = _count(lib.vosia_results_column_count(_handle))
        self._infos: Optional[tuple] = None
        self._readers: dict = {}
        #: The Service whose query made these results (None for a parsed file): the
        #: transport download() uses.
        self.service = None

    # ------------------------------------------------------------------ making one
    @classmethod
    def parse(cls, data, version: int = SIA1, *, memory_budget: int | None = None) -> "Results":
        """Parses a VOTable document held in memory (bytes, or str as UTF-8), keeping at most
        `memory_budget` bytes of it (default 2 GiB; 0: no limit; TooLargeError beyond)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        data = bytes(data)
        h = c_void_p()
        if memory_budget is None:
            check(lib.vosia_results_parse(data, len(data), version, byref(h)))
        else:
            check(lib.vosia_results_parse_within(data, len(data), version, int(memory_budget),
                                                 byref(h)))
        return cls(h.value, version)

    @classmethod
    def parse_file(cls, path, version: int = SIA1, *, memory_budget: int | None = None,
                   threads: int = 1) -> "Results":
        """Parses a VOTable file, streaming it (a FileError, also an OSError, if it cannot
        be read); `memory_budget` as for parse. With `threads` other than 1 (0: one per
        core), the TABLEDATA of a file over 1 MiB is parsed in parts on that many threads,
        each reading its part from the file, with the same results."""
        h = c_void_p()
        path = _util.fspath(path)
        if threads != 1:
            budget = 0 if memory_budget is None else int(memory_budget)
            check(lib.vosia_results_parse_file_on_threads(path, version, budget, int(threads),
                                                          byref(h)))
        elif memory_budget is None:
            check(lib.vosia_results_parse_file(path, version, byref(h)))
        else:
            check(lib.vosia_results_parse_file_within(path, version, int(memory_budget),
                                                      byref(h)))
        return cls(h.value, version)

    @property
    def descriptors(self) -> tuple:
        """The service descriptors of the response (vosia.metadata.Descriptor): the DataLink
        and SODA services it describes, with their inputs."""
        from .metadata import Descriptor, DescriptorInput

        h, n = self._h, c_int32()
        check(lib.vosia_results_descriptor_count(h, byref(n)))
        out = []
        for i in range(n.value):
            k = c_int32()
            check(lib.vosia_results_descriptor_input_count(h, i, byref(k)))
            inputs = []
            for j in range(k.value):
                def get(attr, i=i, j=j):
                    return get_str(lib.vosia_results_get_descriptor_input_attr, h, i, j, attr)
                m = c_int32()
                check(lib.vosia_results_descriptor_input_option_count(h, i, j, byref(m)))
                options = tuple(get_str(lib.vosia_results_get_descriptor_input_option, h, i, j, o)
                                for o in range(m.value))
                inputs.append(DescriptorInput._read(
                    get, options=options, value=get(Attr.VALUE), min=get(Attr.MIN),
                    max=get(Attr.MAX), ref=get(Attr.REF)))
            out.append(Descriptor(
                *(get_str(lib.vosia_results_get_descriptor_attr, h, i, a)
                  for a in (Attr.ID, Attr.NAME, Attr.STANDARD_ID, Attr.URL)),
                inputs=tuple(inputs)))
        return tuple(out)

    # ------------------------------------------------------------------ downloads
    def download(self, dir=".", rows=None, *, service=None, **options) -> list:
        """Saves the datasets of the rows (all, or a ``range``/``slice`` of them) into the
        folder `dir`, in parallel, under pyvo's names; one vosia.download.Downloaded per
        row. A complete file already there is not fetched again; a download cut short
        resumes; DataLink access URLs are followed to the dataset. Raises the first failure
        after trying every row (its ``.downloads`` holds all outcomes) unless
        ``strict=False``. Keywords: ``server_name``, ``refresh``, ``keep_datalink``. The
        transport is `service`, else the one whose query made these results, else a plain
        one with the default settings."""
        from .download import download_rows
        from .service import Service

        service = service or self.service or Service("http://localhost/", self.version)
        first, count = 0, len(self)
        if rows is not None:
            picked = range(len(self))[rows] if isinstance(rows, slice) else rows
            if not isinstance(picked, range) or picked.step != 1:
                raise TypeError("rows must be a slice or a range with step 1")
            first, count = picked.start, len(picked)
        return download_rows(service, self, dir, first, count, **options)

    def datalinks(self, rows=None, *, service=None) -> "Results":
        """The DataLink links of the rows (all, or a range/slice; at most 500) in one request
        to the DataLink service the response describes, as Results with the DataLink columns
        (ID, access_url, service_def, error_message, semantics, content_type, ...); its
        ``overflow`` tells when the service stopped early. UnsupportedError when the response
        describes no DataLink service."""
        from .service import Service

        service = service or self.service or Service("http://localhost/", self.version)
        first, count = 0, len(self)
        if rows is not None:
            picked = range(len(self))[rows] if isinstance(rows, slice) else rows
            if not isinstance(picked, range) or picked.step != 1:
                raise TypeError("rows must be a slice or a range with step 1")
            first, count = picked.start, len(picked)
        h = c_void_p()
        check(service._run(lib.vosia_service_datalink_rows, service._h, self._h, first, count,
                           byref(h)))
        links = Results(h.value, SIA2)
        links.service = service
        return links

    def cutout(self, dir=".", rows=None, *, circle=None, polygon=None, pos=None, band=None,
               time=None, pol=None, params=None, service=None, refresh=False,
               strict=True) -> list:
        """Cuts the same region out of the rows' datasets with SODA into `dir` (pyvo's
        ``processed()``, saved): ``circle=(ra, dec, radius)``, ``polygon=(ra1, dec1, ...)``,
        ``pos=`` (a SODA POS string), ``band=(lo, hi)`` (m), ``time=(lo, hi)`` (MJD),
        ``pol=``, any other in ``params``. One vosia.download.Downloaded per row; a region
        that misses an image fails that row with an HTTPError saying so."""
        from .download import cutout_rows
        from .service import Service

        wanted = {"CIRCLE": circle, "POLYGON": polygon, "POS": pos, "BAND": band,
                  "TIME": time, "POL": pol, **(params or {})}
        service = service or self.service or Service("http://localhost/", self.version)
        first, count = 0, len(self)
        if rows is not None:
            picked = range(len(self))[rows] if isinstance(rows, slice) else rows
            if not isinstance(picked, range) or picked.step != 1:
                raise TypeError("rows must be a slice or a range with step 1")
            first, count = picked.start, len(picked)
        return cutout_rows(service, self, dir, first, count, params=wanted, refresh=refresh,
                           strict=strict)

    def circles_met(self, row: int, circles) -> Optional[list]:
        """Which of `circles` ((ra, dec, radius) in degrees, as a many-circle SIA 2.0 query
        was given them) the image of row `row` meets: the indices of those met, by its
        s_region (else its position and s_fov). None when the row has no footprint."""
        flat = [float(v) for c in circles for v in c]
        n = len(flat) // 3
        arr = (c_double * max(len(flat), 1))(*flat)
        met = (c_int32 * max(n, 1))()
        st = check(lib.vosia_results_circles_met(self._h, int(row), arr, n, met))
        if st == Status.NULL_VALUE:
            return None
        return [i for i in range(n) if met[i]]

    # -------------------------------------------------------------------- sequence
    def __len__(self) -> int:
        return self._nrows

    def __iter__(self) -> Iterator["Row"]:
        for i in range(self._nrows):
            yield Row(self, i)

    def __getitem__(self, key):
        """``r[i]``: Row i (negative counts from the end); ``r[name]``: a whole column or
        standard field (see the module's Names); ``r[name, i]``: one value, as
        ``r[i][name]``."""
        if isinstance(key, str):
            return self._named_column(key)
        if isinstance(key, tuple) and len(key) == 2:
            name, i = key
            return self.getrecord(i)[name]
        if isinstance(key, slice):
            raise TypeError("Results cannot be sliced; iterate, or index rows one by one")
        return self.getrecord(key)

    def getrecord(self, index: int) -> "Row":
        """Row `index` (pyvo's name for ``r[index]``)."""
        index = _index(index)
        n = self._nrows
        if not -n <= index < n:
            raise IndexError(f"row {index} of a result with {n} rows")
        return Row(self, index % n if n else index)

    def __repr__(self) -> str:
        if self.closed:
            return "<vosia.Results (closed)>"
        version = {SIA1: "SIA 1.0", SIA2: "SIA 2.0"}.get(self.version, str(self.version))
        return f"<vosia.Results {version}: {self._nrows} rows, {self._ncols} columns>"

    # -------------------------------------------------------------------- metadata
    @property
    def overflow(self) -> bool:
        """True when the service reported QUERY_STATUS=OVERFLOW (more records matched than
        it returned: raise MAXREC or narrow the query)."""
        return _count(lib.vosia_results_overflow(self._h)) == 1

    def info(self, name: str) -> Optional[str]:
        """The value of the last INFO named `name` (any case), None if there is none."""
        return get_str(lib.vosia_results_info, self._h, enc(name, "name"))

    @property
    def query_status(self) -> Optional[str]:
        """The value of INFO QUERY_STATUS ("OK", "OVERFLOW", ...), None without one."""
        return self.info("QUERY_STATUS")

    @property
    def warning_count(self) -> int:
        """How many repairs the reader made (unreadable cells kept as null, misplaced
        elements)."""
        return _count(lib.vosia_results_warning_count(self._h))

    @property
    def warnings(self) -> list:
        """The first 100 repairs as text, naming row, column and byte offset."""
        n = min(100, self.warning_count)
        return [get_str(lib.vosia_results_warning, self._h, i) for i in range(n)]

    @property
    def columns(self) -> tuple:
        """Every column's FIELD (ColumnInfo), in order."""
        if self._infos is None:
            h = self._h
            self._infos = tuple(
                ColumnInfo._read(lambda a, c=c: get_str(lib.vosia_results_get_column_attr,
                                                        h, c, a))
                for c in range(self._ncols))
        return self._infos

    @property
    def fieldnames(self) -> tuple:
        """The columns' names, in order (pyvo's fieldnames)."""
        return tuple(info.name for info in self.columns)

    def fielddesc(self, name) -> ColumnInfo:
        """The ColumnInfo of column `name` (name or ID) or index; KeyError if none."""
        return self.columns[self._column(name)]

    def column_index(self, name: str) -> Optional[int]:
        """The index of the column named (else with ID) `name`, None if there is none."""
        return self._lookup(lib.vosia_results_column_index, enc(name, "name"))

    def fieldname_with_ucd(self, ucd: str) -> Optional[str]:
        """The name of the column best matching `ucd` word by word, as pyvo's
        fieldname_with_ucd ("pos.eq.ra" finds "pos.eq.ra;meta.main"); None if none."""
        col = self._lookup(lib.vosia_results_column_by_ucd, enc(ucd, "ucd"))
        return None if col is None else self.columns[col].name

    def fieldname_with_utype(self, utype: str) -> Optional[str]:
        """The name of the first column with `utype` (any case, namespace prefix optional),
        None if none."""
        col = self._lookup(lib.vosia_results_column_by_utype, enc(utype, "utype"))
        return None if col is None else self.columns[col].name

    def std_column_index(self, name) -> Optional[int]:
        """The column holding standard field `name`; None if the result has none, or the
        field is computed from two columns (SIA 2.0 mjd_obs, em_ref, naxis)."""
        return self._lookup(lib.vosia_results_std_column, _field(name).index)

    def has_field(self, name) -> bool:
        """Whether these results give standard field `name` (from a column of its own or
        computed from two)."""
        f = _field(name)
        if self.std_column_index(f) is not None:
            return True
        # Computed fields (SIA 2.0 mjd_obs, em_ref, naxis): present if any row has one.
        return any(self._std_cell(i, f) is not None for i in range(self._nrows))

    def _lookup(self, fn, key) -> Optional[int]:
        out = c_int32()
        if check(fn(self._h, key, byref(out))) == Status.NULL_VALUE:
            return None
        return out.value

    def _column(self, key) -> int:
        """A column index from a name, ID or index; KeyError / IndexError otherwise."""
        if isinstance(key, str):
            col = self.column_index(key)
            if col is None:
                raise KeyError(f"no column named {key!r} (columns: {', '.join(map(str, self.fieldnames))})")
            return col
        col = _index(key)
        if not -self._ncols <= col < self._ncols:
            raise IndexError(f"column {col} of a result with {self._ncols} columns")
        return col % self._ncols

    # ------------------------------------------------------------------- columns
    def _named_column(self, name: str):
        col = self.column_index(name)
        if col is not None:
            return self.column(col)
        try:
            f = _field(name)
        except KeyError:
            f = None
        if f is not None:
            values = self.std(f)
            if values is not None:
                return values
            raise KeyError(f"these results have neither a column nor the standard field {name!r}")
        raise KeyError(f"no column or standard field named {name!r}")

    def column(self, key):
        """Column `key` (name, ID or index) as a whole, typed by its datatype (see the
        module's Values)."""
        col = self._column(key)
        reader = self._reader(col)
        n, h, np = self._nrows, self._h, _util.numpy()
        if reader == _FLOAT:
            if np is not None:
                values = np.empty(n, dtype=np.float64)
                check(lib.vosia_results_get_double_column(
                    h, col, 0, n, _ptr(values, c_double), None))
                return values
            values, nulls = (c_double * n)(), (c_int32 * n)()
            check(lib.vosia_results_get_double_column(h, col, 0, n, values, nulls))
            return [None if z else v for v, z in zip(values, nulls)]
        if reader in (_INT, _BOOL):
            if np is not None:
                values = np.empty(n, dtype=np.int64)
                nulls = np.empty(n, dtype=np.int32)
                check(lib.vosia_results_get_int64_column(
                    h, col, 0, n, _ptr(values, c_int64), _ptr(nulls, c_int32)))
                if reader == _BOOL:
                    values = values.astype(bool)
                return np.ma.MaskedArray(values, mask=nulls.astype(bool))
            values, nulls = (c_int64 * n)(), (c_int32 * n)()
            check(lib.vosia_results_get_int64_column(h, col, 0, n, values, nulls))
            cast = bool if reader == _BOOL else int
            return [None if z else cast(v) for v, z in zip(values, nulls)]
        if reader == _TEXT:
            return _texts(lib.vosia_results_get_text_column, h, col, n)
        cells = [self._cell(i, col, reader) for i in range(n)]
        if np is None:
            return cells
        if reader == _COMPLEX:
            return np.array([complex("nan+nanj") if c is None else c for c in cells],
                            dtype=np.complex128)
        return _objects(np, [None if c is None else np.asarray(c) for c in cells])

    getcolumn = column  # pyvo's name

    def text(self, key):
        """Column `key` rendered as text (vosia_results_get_text: numbers in shortest
        round-trip form, arrays space-separated): object array of str or None, or a list."""
        return _texts(lib.vosia_results_get_text_column, self._h, self._column(key),
                      self._nrows)

    def std(self, name):
        """Standard field `name` for every row, in the field's fixed unit: float64 with NaN
        for nulls (number fields), object array of str or None (text fields), object array
        of float64 arrays or None (array fields); lists without numpy. None when these
        results do not have the field."""
        f = _field(name)
        n, h, np = self._nrows, self._h, _util.numpy()
        if f.kind == Kind.TEXT:
            return _texts(lib.vosia_results_get_std_text_column, h, f.index, n)
        if f.kind == Kind.NUMBER:
            if np is not None:
                values = np.empty(n, dtype=np.float64)
                st = check(lib.vosia_results_get_std_double_column(
                    h, f.index, 0, n, _ptr(values, c_double), None))
                return None if st == Status.NULL_VALUE else values
            values, nulls = (c_double * n)(), (c_int32 * n)()
            st = check(lib.vosia_results_get_std_double_column(h, f.index, 0, n, values, nulls))
            if st == Status.NULL_VALUE:
                return None
            return [None if z else v for v, z in zip(values, nulls)]
        cells = [self._std_cell(i, f) for i in range(n)]
        if all(c is None for c in cells) and n and self.std_column_index(f) is None:
            return None
        if np is None:
            return cells
        return _objects(np, [None if c is None else np.asarray(c) for c in cells])

    # --------------------------------------------------------------------- cells
    def _reader(self, col: int) -> int:
        reader = self._readers.get(col)
        if reader is None:
            out = c_int32()
            check(lib.vosia_results_column_datatype(self._h, col, byref(out)))
            dt = out.value
            size = get_str(lib.vosia_results_get_column_attr, self._h, col, Attr.ARRAYSIZE)
            scalar = size is None or size.strip() == "1"
            if dt in (Datatype.CHAR, Datatype.UNICODE_CHAR):
                reader = _TEXT
            elif dt in (Datatype.FLOAT_COMPLEX, Datatype.DOUBLE_COMPLEX):
                reader = _COMPLEX if scalar else _COMPLEX_ARRAY
            elif not scalar:
                reader = _ARRAY
            elif dt in (Datatype.FLOAT, Datatype.DOUBLE):
                reader = _FLOAT
            elif dt == Datatype.BOOLEAN:
                reader = _BOOL
            elif dt in _INTEGERS:
                reader = _INT
            else:  # a datatype newer than this package: read what the cell holds
                reader = _ARRAY
            self._readers[col] = reader
        return reader

    def _cell(self, row: int, col: int, reader: Optional[int] = None):
        """Cell (row, col) as a plain Python value, None when null."""
        h = self._h
        if reader is None:
            reader = self._reader(col)
        if reader == _TEXT:
            return get_str(lib.vosia_results_get_str, h, row, col)
        if reader == _FLOAT:
            out = c_double()
            if check(lib.vosia_results_get_double(h, row, col, byref(out))) == Status.NULL_VALUE:
                return None
            return out.value
        if reader in (_INT, _BOOL):
            out = c_int64()
            if check(lib.vosia_results_get_int64(h, row, col, byref(out))) == Status.NULL_VALUE:
                return None
            return bool(out.value) if reader == _BOOL else out.value
        values = _doubles(lib.vosia_results_get_double_array, h, row, col)
        if values is None or reader == _ARRAY:
            return values
        pairs = [complex(values[k], values[k + 1]) for k in range(0, len(values) - 1, 2)]
        if reader == _COMPLEX:
            return pairs[0] if pairs else None
        return pairs

    def _cell_text(self, row: int, col: int) -> Optional[str]:
        return get_str(lib.vosia_results_get_text, self._h, row, col)

    def _is_null(self, row: int, col: int) -> bool:
        return _count(lib.vosia_results_is_null(self._h, row, col)) == 1

    def _std_cell(self, row: int, f: Field):
        h = self._h
        if f.kind == Kind.TEXT:
            return get_str(lib.vosia_results_get_std_str, h, row, f.index)
        if f.kind == Kind.NUMBER:
            out = c_double()
            st = check(lib.vosia_results_get_std_double(h, row, f.index, byref(out)))
            return None if st == Status.NULL_VALUE else out.value
        return _doubles(lib.vosia_results_get_std_double_array, h, row, f.index)

    # -------------------------------------------------------------------- astropy
    def to_table(self):
        """The results as an astropy Table: one column per FIELD, named as the FIELD (a
        repeated name gets a ``_2``, ``_3`` suffix), with its unit, description and
        ucd/utype/ID/xtype in the column's meta; nulls masked. Table.meta holds
        QUERY_STATUS and overflow. Raises ImportError without astropy."""
        try:
            from astropy import units as u
            from astropy.table import MaskedColumn, Table
        except ImportError as e:
            raise ImportError("Results.to_table() needs astropy (pip install astropy)") from e
        import numpy as np

        columns, seen = [], set()
        for col, info in enumerate(self.columns):
            name = info.name or info.id or f"col{col}"
            base, k = name, 1
            while name in seen:
                k += 1
                name = f"{base}_{k}"
            seen.add(name)
            data, mask = self._table_data(np, col, info)
            meta = {key: getattr(info, key) for key in ("ucd", "utype", "id", "xtype")
                    if getattr(info, key) is not None}
            columns.append(MaskedColumn(data, name=name, mask=mask, unit=_unit(u, info.unit),
                                        description=info.description, meta=meta))
        table = Table(columns, masked=True, copy=False)
        status = self.query_status
        if status is not None:
            table.meta["QUERY_STATUS"] = status
        table.meta["overflow"] = self.overflow
        return table

    def _table_data(self, np, col: int, info: ColumnInfo):
        """(data, mask) of column `col` for an astropy MaskedColumn."""
        reader, n = self._reader(col), self._nrows
        if reader == _FLOAT:
            values, nulls = np.empty(n, dtype=np.float64), np.empty(n, dtype=np.int32)
            check(lib.vosia_results_get_double_column(
                self._h, col, 0, n, _ptr(values, c_double), _ptr(nulls, c_int32)))
            if info.datatype == "float":
                values = values.astype(np.float32)
            return values, nulls.astype(bool)
        if reader in (_INT, _BOOL, _TEXT):
            values = self.column(col)
            if reader == _TEXT:
                mask = np.array([v is None for v in values], dtype=bool)
                return np.array(["" if v is None else v for v in values], dtype=str), mask
            if reader == _BOOL:
                return values.data, values.mask
            return values.data.astype(_INT_DTYPES.get(info.datatype, np.int64)), values.mask
        cells = self.column(col)
        mask = np.array([c is None for c in cells], dtype=bool) if reader != _COMPLEX \
            else np.isnan(cells.real)
        if reader == _COMPLEX:
            return cells, mask
        lengths = {len(c) for c in cells if c is not None}
        fixed = info.arraysize is not None and "*" not in info.arraysize
        if fixed and len(lengths) == 1:
            width = lengths.pop()
            dtype = np.complex128 if reader == _COMPLEX_ARRAY else np.float64
            data = np.zeros((n, width), dtype=dtype)
            for i, c in enumerate(cells):
                if c is not None:
                    data[i] = c
            return data, np.repeat(mask[:, None], width, axis=1)
        return cells, mask


_INT_DTYPES = {"unsignedByte": "uint8", "short": "int16", "int": "int32", "long": "int64",
               "bit": "uint8"}


class Row(Mapping):
    """Row `index` of a Results: a mapping from column names to plain Python values (None
    for nulls), which also takes standard field names (see the module's Names).

    Attributes: ``row.ra``, ``row.title``, ... resolve like ``row["ra"]`` (a column of
    that name, else the standard field); pyvo's SIARecord names (acref, instr, dateobs,
    coord_projection, coord_refpixel, coord_refvalue, cdmatrix, bandpass_refvalue,
    bandpass_lolimit, bandpass_hilimit) always mean vosia's standard fields, in their fixed
    units (dateobs: MJD; bandpass_*: metres).
    """

    __slots__ = ("_results", "index")

    def __init__(self, results: Results, index: int):
        self._results = results
        #: The 0-based row number.
        self.index = index

    # Mapping over the columns' names.
    def __getitem__(self, key: str):
        if not isinstance(key, str):
            raise KeyError(key)
        r = self._results
        col = r.column_index(key)
        if col is not None:
            return r._cell(self.index, col)
        try:
            f = _field(key)
        except KeyError:
            raise KeyError(f"no column or standard field named {key!r}") from None
        return r._std_cell(self.index, f)

    def __iter__(self):
        return iter(self._results.fieldnames)

    def __len__(self) -> int:
        return self._results._ncols

    def __repr__(self) -> str:
        return f"<vosia.Row {self.index} of {len(self._results)}>"

    def __getattr__(self, name: str):
        alias = _SIA1_ALIASES.get(name)
        if alias is not None:
            return self.std(alias)
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"Row has no attribute, column or standard field {name!r}") from None

    @property
    def results(self) -> Results:
        """The Results this row belongs to."""
        return self._results

    def value(self, key):
        """Cell `key` (column name, ID or index) as a plain Python value, None if null."""
        r = self._results
        return r._cell(self.index, r._column(key))

    def text(self, key) -> Optional[str]:
        """Cell `key` (column name, ID or index) as text (vosia_results_get_text), None if
        null."""
        r = self._results
        return r._cell_text(self.index, r._column(key))

    def is_null(self, key) -> bool:
        """Whether cell `key` (column name, ID or index) is null."""
        r = self._results
        return r._is_null(self.index, r._column(key))

    def std(self, name):
        """Standard field `name` of this row in its fixed unit: str, float, list of floats,
        or None (null, or the results lack the field)."""
        return self._results._std_cell(self.index, _field(name))

    def cachedataset(self, dir=".", **options):
        """pyvo's cachedataset, made safe: saves this row's dataset into `dir` under pyvo's
        name (fetching nothing when the complete file is there) and returns its
        vosia.download.Downloaded; raises the failure."""
        return self._results.download(dir, range(self.index, self.index + 1),
                                      **options)[0]

    def getdataurl(self) -> Optional[str]:
        """The URL to download the dataset from (standard field access_url), as pyvo's."""
        return self.std("access_url")

    def getdataformat(self) -> Optional[str]:
        """The dataset's MIME type (standard field format), as pyvo's."""
        return self.std("format")


_SIA1_ALIASES = {
    "acref": "access_url", "instr": "instrument", "dateobs": "mjd_obs",
    "coord_projection": "projection", "coord_refpixel": "ref_pixel",
    "coord_refvalue": "ref_value", "cdmatrix": "cd_matrix", "bandpass_refvalue": "em_ref",
    "bandpass_lolimit": "em_min", "bandpass_hilimit": "em_max",
}


def parse(data, version: int = SIA1, *, memory_budget: int | None = None) -> Results:
    """Parses a VOTable document held in memory (bytes or str) as an SIA `version` response
    (see Results.parse for `memory_budget`)."""
    return Results.parse(data, version, memory_budget=memory_budget)


def parse_file(path, version: int = SIA1, *, memory_budget: int | None = None,
               threads: int = 1) -> Results:
    """Parses a VOTable file as an SIA `version` response (see Results.parse_file)."""
    return Results.parse_file(path, version, memory_budget=memory_budget, threads=threads)


def parse_file_in_batches(path, on_rows, version: int = SIA1, *, batch_rows: int = 10000,
                          memory_budget: int | None = None) -> Results:
    """Reads a VOTable file without keeping its rows: `on_rows(batch, first_row)` is called
    with each batch of up to `batch_rows` rows (a Results, valid only during the call: take
    what you need, e.g. ``batch["ra"]``) as the file is parsed, so memory does not grow with
    the row count. A true return value stops the read (CancelledError), and so does an
    exception, which is re-raised. Returns the rest of the document: its columns with no
    rows, its INFOs, overflow flag and warnings. ``/dev/stdin`` reads a pipe."""
    budget = 0 if memory_budget is None else int(memory_budget)
    return read_in_batches(
        lambda fn, out: lib.vosia_results_parse_file_in_batches(
            _util.fspath(path), version, budget, int(batch_rows), fn, None, out),
        on_rows, version)


def read_in_batches(call, on_rows, version: int) -> Results:
    """Runs `call(rows_fn, out)`, a vosia_*_in_batches call, handing each batch to
    `on_rows(batch, first_row)` as a borrowed Results closed after the call; returns the rest
    of the document, or raises what failed (what `on_rows` raised first)."""
    if not callable(on_rows):
        raise TypeError(f"on_rows must be callable, not {type(on_rows).__name__}")
    raised = []

    def trampoline(handle, first_row, _user):
        batch = Results(handle, version, _owner=trampoline)
        try:
            return 1 if on_rows(batch, first_row) else 0
        except BaseException as e:  # noqa: B902 - re-raised below, once the read has stopped
            raised.append(e)
            return 1
        finally:
            batch.close()  # the handle goes when this call returns

    c_fn = ROWS_FN(trampoline)
    h = c_void_p()
    st = call(c_fn, byref(h))
    if raised:
        raise raised[0]
    if st != Status.OK:
        raise last_error()
    return Results(h.value, version)


# ------------------------------------------------------------------------- helpers
def _index(i) -> int:
    try:
        return i.__index__()
    except AttributeError:
        raise TypeError(f"an index must be an integer, not {type(i).__name__}") from None


def _ptr(array, ctype):
    return array.ctypes.data_as(POINTER(ctype))


def _texts(fn, h, col: int, n: int):
    """A text column from vosia_results_get_text_column or _get_std_text_column; None for
    a standard field the results lack."""
    values = (c_char_p * n)()
    if check(fn(h, col, 0, n, values)) == Status.NULL_VALUE:
        return None
    texts = [None if v is None else v.decode("utf-8", "replace") for v in values]
    np = _util.numpy()
    return texts if np is None else _objects(np, texts)


def _objects(np, items):
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _doubles(fn, h, row: int, key: int) -> Optional[list]:
    """The numbers of a cell from vosia_results_get_double_array or _get_std_double_array
    (size probe, then the copy); None for a null."""
    n = c_size_t(0)
    st = fn(h, row, key, None, 0, byref(n))
    if st == Status.NULL_VALUE:
        return None
    if st not in (Status.OK, Status.E_BUFFER_SIZE):
        check(st)
    buf = (c_double * n.value)()
    check(fn(h, row, key, buf, n.value, byref(n)))
    return list(buf)


def _unit(u, text: Optional[str]):
    if not text:
        return None
    for fmt in ("vounit", "cds", None):
        try:
            return u.Unit(text, format=fmt) if fmt else u.Unit(text, parse_strict="silent")
        except ValueError:
            continue
    return None
