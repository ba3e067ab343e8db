//! Results: one parsed SIA response, immutable and columnar.
//!
//! Parsing is the only allocation-heavy step. Afterwards every cell getter is O(1) and
//! allocates nothing, with two exceptions: `text` on a numeric column renders that whole
//! column once, on first use, and keeps it; and a number written in a text cell with a Fortran
//! `D` exponent (`1.5D3`) is copied once to be parsed. A `Results` is `Send + Sync`: any number of threads may read it at once,
//! and strings borrowed from it live as long as it does.

use std::ffi::CStr;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::OnceLock;

use crate::SiaVersion;
use crate::attrs::{Attr, Attributes};
use crate::error::{Error, ErrorKind, Result};
use std::fmt::Write;

use crate::numfmt::{push_f32, push_f64};
use crate::stdfields::{self, Source};
use crate::votable::columns::TextCells;
use crate::votable::{
    Cells, Column, DEFAULT_MEMORY_BUDGET, Datatype, Document, Field, Info, ServiceDescriptor,
    Table, read_document_in_batches, read_document_on_threads, read_document_within,
};

/// What receives a streamed read's rows (see [`Results::read_in_batches`]): one batch, as
/// results of its own to keep or drop (the table's columns, up to `batch_rows` rows, no
/// INFOs), and the index of its first row in the whole table. An error stops the read and is
/// what the read returns.
pub type RowsSink<'a> = &'a mut dyn FnMut(Results, u64) -> Result<()>;

/// The numbers of one array cell, as stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Numbers<'a> {
    Integers(&'a [i64]),
    Reals(&'a [f64]),
}

impl Numbers<'_> {
    pub fn len(&self) -> usize {
        match self {
            Numbers::Integers(v) => v.len(),
            Numbers::Reals(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<f64> {
        match self {
            Numbers::Integers(v) => v.get(i).map(|&x| x as f64),
            Numbers::Reals(v) => v.get(i).copied(),
        }
    }
}

struct ColumnMeta {
    field: Field,
    /// The FIELD's attributes, NUL-terminated for C.
    attrs: Attributes,
}

struct InfoEntry {
    name: String,
    value: Box<CStr>,
}

mod matching;
mod standard;

/// A fully parsed SIA response.
pub struct Results {
    version: SiaVersion,
    columns: Vec<ColumnMeta>,
    cells: Vec<Column>,
    rows: usize,
    infos: Vec<InfoEntry>,
    status: Option<Info>,
    std: Vec<Source>,
    /// Numeric columns rendered as text, on first `text()` of that column.
    rendered: Vec<OnceLock<TextCells>>,
    /// Unit conversions of the standard fields, found on first use.
    conversions: standard::Conversions,
    /// Repairs made while reading, NUL-terminated for C.
    warnings: Vec<Box<CStr>>,
    warning_count: usize,
    descriptors: Vec<ServiceDescriptor>,
}

/// A thread count as asked (0: one per core, as the system tells), at least 1.
pub(crate) fn thread_count(threads: usize) -> usize {
    match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("cannot open {}: {e}", path.display()),
        )
    })
}

fn c_text(s: &str) -> Box<CStr> {
    let cut = s.split('\0').next().unwrap_or("");
    std::ffi::CString::new(cut)
        .unwrap_or_default()
        .into_boxed_c_str()
}

impl Results {
    /// Parses a VOTable from any buffered reader (a file, an HTTP body), streaming.
    ///
    /// `QUERY_STATUS=ERROR` is an error of kind `Service` carrying the service's own text;
    /// `OVERFLOW` is not an error (see [`Results::overflow`]). A VOTable without a table is
    /// `NoTable` (or `Service`, when it carries an INFO or PARAM named "Error"); anything
    /// unreadable is `Format`, with the byte offset.
    ///
    /// What the reader keeps is bounded by [`DEFAULT_MEMORY_BUDGET`]; see
    /// [`Results::from_reader_within`].
    pub fn from_reader<R: BufRead>(reader: R, version: SiaVersion) -> Result<Results> {
        Results::from_reader_within(reader, version, DEFAULT_MEMORY_BUDGET)
    }

    /// [`Results::from_reader`] keeping at most `budget` bytes (0: no limit): a table that
    /// would need more is refused with kind `TooLarge` before the memory is taken.
    pub fn from_reader_within<R: BufRead>(
        reader: R,
        version: SiaVersion,
        budget: u64,
    ) -> Result<Results> {
        Results::from_document(read_document_within(reader, budget)?, version)
    }

    /// Reads a VOTable from `reader` without keeping its rows: they are handed to `sink` in
    /// batches of `batch_rows` rows (at least 1), in order, as they are parsed, so that
    /// memory does not grow with the row count; `budget` (0: no limit) bounds one batch and
    /// the rest of the document.
    ///
    /// Returns what the response says besides its rows: results with the table's columns,
    /// no rows, and the INFOs, QUERY_STATUS (overflow), warnings and service descriptors of
    /// the whole document. The errors are those of [`Results::from_reader_within`]; a
    /// QUERY_STATUS=ERROR that comes after the rows (rare) is found only at the end, after
    /// the batches were handed on.
    pub fn read_in_batches<R: BufRead>(
        reader: R,
        version: SiaVersion,
        budget: u64,
        batch_rows: usize,
        sink: RowsSink<'_>,
    ) -> Result<Results> {
        let mut hand_on = |table: Table, first_row: u64| {
            let batch = Results::from_document(Document::of_rows(table), version)?;
            sink(batch, first_row)
        };
        let doc = read_document_in_batches(reader, budget, batch_rows, &mut hand_on)?;
        Results::from_document(doc, version)
    }

    /// [`Results::read_in_batches`] of a file.
    pub fn read_file_in_batches(
        path: &Path,
        version: SiaVersion,
        budget: u64,
        batch_rows: usize,
        sink: RowsSink<'_>,
    ) -> Result<Results> {
        let file = open(path)?;
        Results::read_in_batches(
            BufReader::with_capacity(1 << 16, file),
            version,
            budget,
            batch_rows,
            sink,
        )
    }

    /// [`Results::from_reader_within`] of a document held in memory, reading a large
    /// TABLEDATA on up to `threads` threads (0: one per core): the same results, cell for
    /// cell and warning for warning, as on one thread.
    pub fn from_bytes_on_threads(
        data: &[u8],
        version: SiaVersion,
        budget: u64,
        threads: usize,
    ) -> Result<Results> {
        let doc = read_document_on_threads(data, budget, thread_count(threads))?;
        Results::from_document(doc, version)
    }

    /// [`Results::from_path_within`] on up to `threads` threads (0: one per core): the
    /// TABLEDATA of a file of more than 1 MiB is parsed in parts, each thread reading its
    /// own part from the file (see [`crate::votable::read_file_on_threads`]), with the same
    /// results as on one thread. Memory holds the table and a 64 KiB buffer per thread.
    pub fn from_path_on_threads(
        path: &Path,
        version: SiaVersion,
        budget: u64,
        threads: usize,
    ) -> Result<Results> {
        let threads = thread_count(threads);
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() > 1 << 20);
        if threads < 2 || !large {
            return Results::from_path_within(path, version, budget);
        }
        #[cfg(unix)]
        {
            let file = open(path)?;
            let doc = crate::votable::read_file_on_threads(&file, budget, threads)?;
            Results::from_document(doc, version)
        }
        #[cfg(not(unix))]
        {
            let data = std::fs::read(path).map_err(|e| {
                Error::new(
                    ErrorKind::Io,
                    format!("cannot read {}: {e}", path.display()),
                )
            })?;
            Results::from_bytes_on_threads(&data, version, budget, threads)
        }
    }

    /// Parses a VOTable held in memory.
    pub fn from_bytes(data: &[u8], version: SiaVersion) -> Result<Results> {
        Results::from_reader(data, version)
    }

    /// Parses a VOTable file, streaming it.
    pub fn from_path(path: &Path, version: SiaVersion) -> Result<Results> {
        Results::from_path_within(path, version, DEFAULT_MEMORY_BUDGET)
    }

    /// [`Results::from_path`] within a memory budget (see [`Results::from_reader_within`]).
    pub fn from_path_within(path: &Path, version: SiaVersion, budget: u64) -> Result<Results> {
        let file = open(path)?;
        Results::from_reader_within(BufReader::with_capacity(1 << 16, file), version, budget)
    }

    /// Applies the QUERY_STATUS rules to what the reader found.
    pub fn from_document(doc: Document, version: SiaVersion) -> Result<Results> {
        if let Some(err) = doc.service_error() {
            return Err(err);
        }
        let Some(table) = doc.table else {
            return Err(match doc.error_text {
                Some(text) => Error::new(ErrorKind::Service, text),
                None => Error::new(
                    ErrorKind::NoTable,
                    "the VOTable has no results table (no TABLE in any RESOURCE)",
                ),
            });
        };
        if table.fields.is_empty() {
            return Err(Error::format("the results TABLE declares no FIELD"));
        }
        if table.columns.iter().any(|c| c.rows() != table.rows) {
            return Err(Error::new(
                ErrorKind::Internal,
                "the reader produced columns of different lengths; please report this document",
            ));
        }
        let std = stdfields::resolve(version, &table.fields);
        let mut warnings = doc.warnings;
        let mut warning_count = doc.warning_count;
        for note in stdfields::unconvertible_units(version, &table.fields, &std) {
            warning_count += 1;
            warnings.push(note);
        }
        let columns = table
            .fields
            .into_iter()
            .map(|field| {
                let attrs = Attributes::of_field(&field);
                ColumnMeta { field, attrs }
            })
            .collect::<Vec<_>>();
        let rendered = columns.iter().map(|_| OnceLock::new()).collect();
        let conversions = standard::Conversions::new(columns.len());
        let infos = doc
            .infos
            .iter()
            .map(|i| InfoEntry {
                name: i.name.clone(),
                value: c_text(if i.value.is_empty() {
                    &i.text
                } else {
                    &i.value
                }),
            })
            .collect();
        let mut results = Results {
            version,
            columns,
            cells: table.columns,
            rows: table.rows,
            infos,
            status: doc.status,
            std,
            rendered,
            conversions,
            warnings: warnings.iter().map(|w| c_text(w)).collect(),
            warning_count,
            descriptors: doc.descriptors,
        };
        for note in results.unconvertible_row_units() {
            results.warning_count += 1;
            results.warnings.push(c_text(&note));
        }
        Ok(results)
    }

    /// The service descriptors of the response (DataLink, SODA, ...), in document order.
    pub fn descriptors(&self) -> &[ServiceDescriptor] {
        &self.descriptors
    }

    pub fn version(&self) -> SiaVersion {
        self.version
    }

    pub fn row_count(&self) -> usize {
        self.rows
    }

    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// True when the service said QUERY_STATUS=OVERFLOW: more records matched than it returned.
    pub fn overflow(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.value.eq_ignore_ascii_case("OVERFLOW"))
    }

    /// The QUERY_STATUS INFO that applied (`None`: absent, which means OK).
    pub fn query_status(&self) -> Option<&Info> {
        self.status.as_ref()
    }

    /// The value of the last INFO named `name` (case-insensitive) at the top level, in the
    /// results RESOURCE or in its table; its text content when it has no `value`.
    pub fn info(&self, name: &str) -> Option<&CStr> {
        self.infos
            .iter()
            .rev()
            .find(|i| i.name.eq_ignore_ascii_case(name.trim()))
            .map(|i| &*i.value)
    }

    /// Repair `i` as a NUL-terminated string, for C.
    pub fn warning_c_str(&self, i: usize) -> Option<&CStr> {
        self.warnings.get(i).map(|w| &**w)
    }

    /// Cells that could not be read (kept as null) and other repairs, first 100.
    pub fn warnings(&self) -> impl Iterator<Item = &str> {
        self.warnings.iter().map(|w| w.to_str().unwrap_or(""))
    }

    pub fn warning_count(&self) -> usize {
        self.warning_count
    }

    pub fn field(&self, col: usize) -> Option<&Field> {
        self.columns.get(col).map(|c| &c.field)
    }

    /// A column attribute as a NUL-terminated string; `None` when the FIELD did not set it
    /// (an empty attribute counts as unset). A `Range` error for a column out of range.
    pub fn column_attr(&self, col: usize, attr: Attr) -> Result<Option<&CStr>> {
        let meta = self.columns.get(col).ok_or_else(|| {
            Error::range(format!(
                "column {col} is out of range (the result has {} columns)",
                self.columns.len()
            ))
        })?;
        Ok(meta.attrs.c_str(attr))
    }

    /// The column whose name, else ID, equals `name_or_id`; exact case first, then any case.
    pub fn column_index(&self, name_or_id: &str) -> Option<usize> {
        let want = name_or_id.trim();
        let find = |eq: &dyn Fn(&str) -> bool| {
            self.columns
                .iter()
                .position(|c| eq(&c.field.name))
                .or_else(|| self.columns.iter().position(|c| eq(&c.field.id)))
        };
        find(&|s| s == want).or_else(|| find(&|s| s.eq_ignore_ascii_case(want)))
    }

    /// The column best matching `ucd`, compared word by word (words are `;`-separated,
    /// case-insensitive), as pyvo's `fieldname_with_ucd` accepts any shared word: first a
    /// column holding every word of `ucd`, else one whose main (first) word is `ucd`'s main
    /// word, else the first sharing any word. `"pos.eq.ra"` finds `"pos.eq.ra;meta.main"`.
    pub fn column_by_ucd(&self, ucd: &str) -> Option<usize> {
        let wanted: Vec<&str> = atoms(ucd).collect();
        let main = *wanted.first()?;
        let has = |c: &ColumnMeta, w: &str| atoms(&c.field.ucd).any(|a| a.eq_ignore_ascii_case(w));
        let every = |c: &ColumnMeta| wanted.iter().all(|w| has(c, w));
        let same_main = |c: &ColumnMeta| {
            atoms(&c.field.ucd)
                .next()
                .is_some_and(|a| a.eq_ignore_ascii_case(main))
        };
        let any = |c: &ColumnMeta| wanted.iter().any(|w| has(c, w));
        [&every as &dyn Fn(&ColumnMeta) -> bool, &same_main, &any]
            .iter()
            .find_map(|test| self.columns.iter().position(test))
    }

    /// The first column whose utype equals `utype` (case-insensitive; a namespace prefix
    /// such as `obscore:` on either side may be left out).
    pub fn column_by_utype(&self, utype: &str) -> Option<usize> {
        let bare = |u: &str| -> String {
            let u = u.trim();
            u.rsplit_once(':')
                .map_or(u, |(_, rest)| rest)
                .to_ascii_lowercase()
        };
        let want = utype.trim();
        if want.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .position(|c| c.field.utype.trim().eq_ignore_ascii_case(want))
            .or_else(|| {
                let want = bare(want);
                self.columns
                    .iter()
                    .position(|c| bare(&c.field.utype) == want)
            })
    }

    fn check(&self, row: usize, col: usize) -> Result<&Column> {
        if row >= self.rows {
            return Err(Error::range(format!(
                "row {row} is out of range (the result has {} rows)",
                self.rows
            )));
        }
        self.cells.get(col).ok_or_else(|| {
            Error::range(format!(
                "column {col} is out of range (the result has {} columns)",
                self.columns.len()
            ))
        })
    }

    fn type_error(&self, col: usize, asked: &str, hint: &str) -> Error {
        let f = &self.columns[col].field;
        let size = if f.arraysize_text.is_empty() {
            String::new()
        } else {
            format!("[{}]", f.arraysize_text)
        };
        Error::type_mismatch(format!(
            "column {col} ({}) holds {}{size}, not {asked}; {hint}",
            f.name,
            f.datatype.name()
        ))
    }

    /// Reads the numeric column `col` from row `first` into `values` (one row per element;
    /// integers widen, a null cell is NaN), and null flags (1/0) into `nulls` when it is not
    /// empty. A `Type` error, with nothing written, for a text or array column.
    pub fn double_column(
        &self,
        col: usize,
        first: usize,
        values: &mut [f64],
        nulls: &mut [i32],
    ) -> Result<()> {
        self.read_column(col, first, values, nulls, f64::NAN, |row| {
            self.double(row, col)
        })
    }

    /// As [`Results::double_column`] for an integer or boolean column; a null cell is 0.
    pub fn int64_column(
        &self,
        col: usize,
        first: usize,
        values: &mut [i64],
        nulls: &mut [i32],
    ) -> Result<()> {
        self.read_column(col, first, values, nulls, 0, |row| self.int64(row, col))
    }

    fn read_column<T: Copy>(
        &self,
        col: usize,
        first: usize,
        values: &mut [T],
        nulls: &mut [i32],
        fill: T,
        read: impl Fn(usize) -> Result<Option<T>>,
    ) -> Result<()> {
        let end = first.saturating_add(values.len());
        if end > self.rows {
            return Err(Error::range(format!(
                "rows {first}..{end} run past the end of the result ({} rows)",
                self.rows
            )));
        }
        if col >= self.columns.len() {
            return Err(Error::range(format!(
                "column {col} is out of range (the result has {} columns)",
                self.columns.len()
            )));
        }
        if values.is_empty() {
            return Ok(());
        }
        read(first)?; // a type error before anything is written
        for (i, slot) in values.iter_mut().enumerate() {
            let v = read(first + i)?;
            *slot = v.unwrap_or(fill);
            if let Some(flag) = nulls.get_mut(i) {
                *flag = i32::from(v.is_none());
            }
        }
        Ok(())
    }

    pub fn is_null(&self, row: usize, col: usize) -> Result<bool> {
        Ok(self.check(row, col)?.is_null(row))
    }

    /// A number; integers widen. `Ok(None)` for a null cell.
    pub fn double(&self, row: usize, col: usize) -> Result<Option<f64>> {
        let column = self.check(row, col)?;
        let value = match &column.cells {
            Cells::Real(v) => v[row],
            Cells::Integer(v) => v[row] as f64,
            Cells::Text(_) => {
                return Err(self.type_error(col, "a number", "read it with get_str or get_text"));
            }
            _ => return Err(self.type_error(col, "a scalar", "read it with get_double_array")),
        };
        Ok((!column.is_null(row)).then_some(value))
    }

    /// An integer (booleans are 0/1). Reals are not converted. `Ok(None)` for a null cell.
    pub fn int64(&self, row: usize, col: usize) -> Result<Option<i64>> {
        let column = self.check(row, col)?;
        let value = match &column.cells {
            Cells::Integer(v) => v[row],
            Cells::Real(_) => {
                return Err(self.type_error(col, "an integer", "read it with get_double"));
            }
            Cells::Text(_) => {
                return Err(self.type_error(col, "an integer", "read it with get_str or get_text"));
            }
            _ => return Err(self.type_error(col, "a scalar", "read it with get_double_array")),
        };
        Ok((!column.is_null(row)).then_some(value))
    }

    /// A text cell as a NUL-terminated string borrowed from the results. Empty text is null.
    pub fn c_str(&self, row: usize, col: usize) -> Result<Option<&CStr>> {
        let column = self.check(row, col)?;
        match &column.cells {
            Cells::Text(t) if column.is_null(row) => {
                let _ = t;
                Ok(None)
            }
            Cells::Text(t) => Ok(Some(cell_c_str(t, row))),
            _ => Err(self.type_error(col, "text", "read it with get_text to have it rendered")),
        }
    }

    /// As [`Results::c_str`], as `&str`.
    pub fn str(&self, row: usize, col: usize) -> Result<Option<&str>> {
        Ok(self.c_str(row, col)?.map(|c| {
            // SAFETY: text cells hold only whole UTF-8 strings.
            unsafe { std::str::from_utf8_unchecked(c.to_bytes()) }
        }))
    }

    /// The numbers of a cell: an array, or a scalar as one element. `Ok(None)` for null.
    pub fn numbers(&self, row: usize, col: usize) -> Result<Option<Numbers<'_>>> {
        let column = self.check(row, col)?;
        if column.is_null(row) {
            return Ok(None);
        }
        Ok(Some(match &column.cells {
            Cells::IntegerArray(a) => Numbers::Integers(a.get(row)),
            Cells::RealArray(a) => Numbers::Reals(a.get(row)),
            Cells::Integer(v) => Numbers::Integers(std::slice::from_ref(&v[row])),
            Cells::Real(v) => Numbers::Reals(std::slice::from_ref(&v[row])),
            Cells::Text(_) => {
                return Err(self.type_error(col, "numbers", "read it with get_str or get_text"));
            }
        }))
    }

    /// Any cell as text: text as it is; numbers in shortest round-trip form; arrays
    /// space-separated; booleans `true`/`false`. `Ok(None)` for null.
    pub fn text(&self, row: usize, col: usize) -> Result<Option<&CStr>> {
        let column = self.check(row, col)?;
        if column.is_null(row) {
            return Ok(None);
        }
        let cells = match &column.cells {
            Cells::Text(t) => t,
            _ => self.rendered[col].get_or_init(|| render(column, &self.columns[col].field)),
        };
        Ok(Some(cell_c_str(cells, row)))
    }
}

fn atoms(ucd: &str) -> impl Iterator<Item = &str> {
    ucd.split(';').map(str::trim).filter(|a| !a.is_empty())
}

fn cell_c_str(cells: &TextCells, row: usize) -> &CStr {
    // SAFETY: every text cell is stored followed by a NUL and contains none.
    unsafe { CStr::from_ptr(cells.as_c_ptr(row)) }
}

/// Renders a whole numeric column as text, once.
fn render(column: &Column, field: &Field) -> TextCells {
    let mut out = TextCells::default();
    let mut text = String::new();
    let push_real = |text: &mut String, v: f64| match field.datatype {
        Datatype::Float | Datatype::FloatComplex => push_f32(text, v as f32),
        _ => push_f64(text, v),
    };
    let push_integer = |text: &mut String, v: i64| match field.datatype {
        Datatype::Boolean => text.push_str(if v != 0 { "true" } else { "false" }),
        _ => {
            let _ = write!(text, "{v}");
        }
    };
    for row in 0..column.rows() {
        text.clear();
        if !column.is_null(row) {
            match &column.cells {
                Cells::Integer(v) => push_integer(&mut text, v[row]),
                Cells::Real(v) => push_real(&mut text, v[row]),
                Cells::IntegerArray(a) => {
                    for (i, &v) in a.get(row).iter().enumerate() {
                        if i > 0 {
                            text.push(' ');
                        }
                        push_integer(&mut text, v);
                    }
                }
                Cells::RealArray(a) => {
                    for (i, &v) in a.get(row).iter().enumerate() {
                        if i > 0 {
                            text.push(' ');
                        }
                        push_real(&mut text, v);
                    }
                }
                Cells::Text(t) => text.push_str(t.get(row)),
            }
        }
        out.push(&text);
    }
    out
}
