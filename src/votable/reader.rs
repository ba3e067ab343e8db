//! The streaming VOTable reader: one pass of XML events over any `BufRead`, decoding the
//! results table straight into typed columns and noting the INFOs that carry the query status.

use std::io::BufRead;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::binary::{BLOCK as BINARY_BLOCK, BinaryDecoder};
use super::budget::{Budget, DEFAULT_MEMORY_BUDGET};
use super::cells::{CellOutcome, CellPlan, Scratch, push_cell};
use super::columns::Column;
use super::descriptors::{Collector, ServiceDescriptor};
use super::parallel;
use super::streamed::{BatchSink, Batches};
use super::tabledata::{RowSink, read_tabledata};
use super::token_limit::{MAX_TOKEN, TokenLimit};
use super::types::{ArraySize, Datatype, Field};
use crate::error::{Error, ErrorKind, Result};

/// Deeper nesting than this is not a VOTable anyone writes; refuse it before it costs memory.
const MAX_DEPTH: usize = 128;
/// Most FIELDs a table may declare.
const MAX_FIELDS: usize = 65_536;
/// Longest text kept for one cell, INFO or DESCRIPTION.
pub(super) const MAX_TEXT: usize = 64 << 20;
/// Warnings kept (the count goes on).
const MAX_WARNINGS: usize = 100;

/// Where an INFO stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Root,
    Resource(usize),
    Table(usize),
}

/// An INFO element: `name`, `value` attribute and text content (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    pub name: String,
    pub value: String,
    pub text: String,
    pub scope: Scope,
}

/// The results table: its FIELDs and its cells, column by column.
#[derive(Debug, Clone)]
pub struct Table {
    pub fields: Vec<Field>,
    pub columns: Vec<Column>,
    pub rows: usize,
}

/// What one pass over a VOTable found.
#[derive(Debug, Clone)]
pub struct Document {
    /// The results table: the first TABLE of the first `type="results"` RESOURCE, else the
    /// first TABLE of the document.
    pub table: Option<Table>,
    /// The INFOs that belong to the results: those at the top level, in the results
    /// RESOURCE and in its table, in document order.
    pub infos: Vec<Info>,
    /// The QUERY_STATUS that applies: the last one in the results RESOURCE (before, after or
    /// inside its table), else the last one at the top level.
    pub status: Option<Info>,
    /// The text of an INFO or PARAM named "Error" anywhere, for services that report errors so.
    pub error_text: Option<String>,
    /// Cells that could not be read (stored as null) and other repairs, for diagnostics.
    pub warnings: Vec<String>,
    pub warning_count: usize,
    /// The service descriptors (`RESOURCE type="meta" utype="adhoc:service"`), in order.
    pub descriptors: Vec<ServiceDescriptor>,
    /// The threads the results table's TABLEDATA was read on: 1, or more when read on
    /// several (see [`read_document_on_threads`]).
    pub read_threads: usize,
}

/// The elements whose nesting matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elem {
    Resource(usize),
    Table(usize),
    Field,
    Info,
    Description,
    /// TABLEDATA of the table being decoded: read by `tabledata`, never seen here open.
    TableData,
    Binary,
    Other,
}

#[derive(Debug)]
struct ResourceInfo {
    is_results: bool,
    first_table: Option<usize>,
}

struct Decoding {
    table: usize,
    fields: Vec<Field>,
    columns: Vec<Column>,
    plans: Vec<CellPlan>,
    /// Rows in `columns` (for a streamed read: since the last batch handed on).
    rows: usize,
    /// Rows handed on before those in `columns` (streamed reads), for messages.
    first_row: usize,
    column: usize,
    /// A TR is open: cells go to row `rows`.
    row_open: bool,
    binary: Option<BinaryDecoder>,
}

struct State<'a> {
    stack: Vec<Elem>,
    resources: Vec<ResourceInfo>,
    /// The resource each table stands in (None: directly under VOTABLE).
    table_resource: Vec<Option<usize>>,
    decoding: Option<Decoding>,
    chosen: Option<(usize, Table)>,
    scratch: Scratch,
    text: String,
    /// `text` reached [`MAX_TEXT`] and the rest was dropped: the cell is stored as null.
    text_cut: bool,
    budget: Budget,
    info: Option<Info>,
    infos: Vec<Info>,
    error_text: Option<String>,
    warnings: Vec<String>,
    warning_count: usize,
    descriptors: Collector,
    /// A streamed read: where the rows go, batch by batch.
    batches: Option<Batches<'a>>,
    /// Threads a TABLEDATA held in memory, or in `file`, may be read on (1: this one only).
    threads: usize,
    /// The file the document is read from, when the parallel reader may read parts of it
    /// itself.
    file: Option<FileInput<'a>>,
    /// Threads the results table was read on.
    read_threads: usize,
}

/// A file a document is read from by a `FileCursor`, for the parallel reader.
#[derive(Clone, Copy)]
#[cfg_attr(not(unix), allow(dead_code))]
struct FileInput<'a> {
    file: &'a std::fs::File,
    /// The file's length when the read began.
    len: u64,
    /// The file offset of the document's byte 0 (3 after a UTF-8 byte-order mark, which the
    /// cursor skips: byte offsets in the document are then file offsets minus this).
    base: u64,
}

/// A VOTable's root element is VOTABLE (any namespace prefix, any case); an HTML page or
/// another document is a Format error, not a VOTable without a table.
fn check_root(e: &BytesStart) -> Result<()> {
    let name = local(e);
    if name.eq_ignore_ascii_case("VOTABLE") {
        return Ok(());
    }
    Err(Error::format(format!(
        "not a VOTable: the document's root element is <{name}> (at byte 0)"
    )))
}

impl Document {
    /// A document of nothing but `table` (a streamed batch of rows).
    pub fn of_rows(table: Table) -> Document {
        Document {
            table: Some(table),
            infos: Vec::new(),
            status: None,
            error_text: None,
            warnings: Vec::new(),
            warning_count: 0,
            descriptors: Vec::new(),
            read_threads: 1,
        }
    }

    /// The service's error, when QUERY_STATUS=ERROR applies (the one QUERY_STATUS rule, see
    /// [`Document::status`]): kind `Service`, with the service's own text.
    pub fn service_error(&self) -> Option<Error> {
        let status = self
            .status
            .as_ref()
            .filter(|s| s.value.eq_ignore_ascii_case("ERROR"))?;
        let text = if !status.text.is_empty() {
            status.text.clone()
        } else if let Some(text) = &self.error_text {
            text.clone()
        } else {
            "the service reported QUERY_STATUS=ERROR without a message".to_string()
        };
        Some(Error::new(ErrorKind::Service, text))
    }
}

/// Reads a whole VOTable document from `input`, streaming.
///
/// Errors are `Format` with the byte offset where reading stopped; a document that is well
/// formed but has no table is not an error here (see [`Document::table`]).
pub fn read_document<R: BufRead>(input: R) -> Result<Document> {
    read_document_within(input, DEFAULT_MEMORY_BUDGET)
}

/// [`read_document`], keeping at most `budget` bytes of what it reads (0: no limit): a
/// document that needs more is refused (`TooLarge`) before the memory is taken.
pub fn read_document_within<R: BufRead>(input: R, budget: u64) -> Result<Document> {
    read_document_as(input, budget, None)
}

/// [`read_document_within`] of a document held in memory, reading a large TABLEDATA on up
/// to `threads` threads; the document read is the same, cell for cell and warning for
/// warning, as on one thread. Each thread keeps at most its share of `budget`. BINARY,
/// BINARY2 and documents in an encoding other than UTF-8 are read on the calling thread.
pub fn read_document_on_threads(data: &[u8], budget: u64, threads: usize) -> Result<Document> {
    // The XML declaration is looked at on a copy of the slice, so the whole document stays
    // one slice for the reader (a TABLEDATA is cut into parts only when it is all there).
    let head = read_head(&mut &data[..]).unwrap_or_default();
    if threads < 2 || needs_transcoding(&head) {
        return read_document_as(data, budget, None);
    }
    read_events(data, budget, None, threads, None)
}

/// [`read_document_on_threads`] of a file: each thread reads its part of a large TABLEDATA
/// from the file itself (positioned reads through a buffer of its own), so memory holds the
/// table and one buffer per thread, never the whole file. The file's own offset is neither
/// used nor moved. A document in an encoding other than UTF-8 is read on one thread.
#[cfg(unix)]
pub fn read_file_on_threads(file: &std::fs::File, budget: u64, threads: usize) -> Result<Document> {
    use super::positioned::FileCursor;
    let len = file
        .metadata()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read the file: {e}")))?
        .len();
    let head = read_head(&mut FileCursor::new(file, 0)).unwrap_or_default();
    if threads < 2 || needs_transcoding(&head) {
        return read_document_as(FileCursor::new(file, 0), budget, None);
    }
    // quick-xml does not count a byte-order mark in its positions; without one, the
    // document's offsets are the file's.
    let base = if head.starts_with(UTF8_BOM) { 3 } else { 0 };
    let file = FileInput { file, len, base };
    read_events(
        FileCursor::new(file.file, base),
        budget,
        None,
        threads,
        Some(file),
    )
}

/// Reads a VOTable, handing its results table to `sink` in batches of `batch_rows` rows (at
/// least 1) as they are decoded, so that memory does not grow with the row count; `budget`
/// (0: no limit) bounds what one batch and the rest of the document keep. The batches come
/// in order; the first row of each is its index in the whole table. The [`Document`]
/// returned has everything but the rows: its table has the FIELDs and no rows.
///
/// A table that is handed on is the one [`Document::table`] names, with one exception
/// found only after rows have gone: a `type="results"` RESOURCE after another table whose
/// rows were streamed is a Format error. An error of the sink stops the read and is
/// returned.
pub fn read_document_in_batches<R: BufRead>(
    input: R,
    budget: u64,
    batch_rows: usize,
    sink: BatchSink<'_>,
) -> Result<Document> {
    read_document_as(input, budget, Some(Batches::new(batch_rows, sink)))
}

fn read_document_as<R: BufRead>(
    mut input: R,
    budget: u64,
    batches: Option<Batches<'_>>,
) -> Result<Document> {
    // The encoding is decided from the XML declaration, which a pipe or a slow socket may
    // hand over a few bytes at a time: gather it whole first.
    let head = read_head(&mut input).map_err(|e| {
        Error::new(
            crate::ErrorKind::Io,
            format!("reading the response failed: {e}"),
        )
    })?;
    let transcode = needs_transcoding(&head);
    let declared = declared_encoding(&head);
    let input = std::io::Read::chain(std::io::Cursor::new(head), input);
    if transcode {
        // To UTF-8 as it streams; a byte-order mark wins over the declaration, and a byte
        // the encoding has no character for becomes U+FFFD where it stands.
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(declared)
            .bom_override(true)
            .build(input);
        read_events(
            std::io::BufReader::with_capacity(1 << 16, decoded),
            budget,
            batches,
            1,
            None,
        )
    } else {
        read_events(input, budget, batches, 1, None)
    }
}

/// Bytes read before deciding the encoding: enough for any XML declaration.
const HEAD_BYTES: usize = 512;

/// The start of `input`, taken out of it: through the end of the XML declaration (`?>`), or
/// as soon as the bytes (five at least) cannot start one, or [`HEAD_BYTES`], or the end of
/// the input.
fn read_head<R: BufRead>(input: &mut R) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(head);
        }
        let take = chunk.len().min(HEAD_BYTES - head.len());
        head.extend_from_slice(&chunk[..take]);
        input.consume(take);
        let bare = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        let may_be_declaration = bare.starts_with(b"<?xml") || b"<?xml".starts_with(bare);
        let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
        let declaration_done = bare.windows(2).any(|w| w == b"?>");
        // Five bytes tell a byte-order mark (two or three) from the start of a declaration.
        let undeclared = head.len() >= 5 && !(may_be_declaration || utf16);
        if head.len() >= HEAD_BYTES || declaration_done || undeclared {
            return Ok(head);
        }
    }
}

/// `file`: the file `input` reads (from `base`), when the parallel reader may read parts of
/// it itself.
fn read_events<'a, R: BufRead>(
    input: R,
    budget: u64,
    batches: Option<Batches<'a>>,
    threads: usize,
    file: Option<FileInput<'a>>,
) -> Result<Document> {
    let mut reader = Reader::from_reader(TokenLimit::new(input));
    let config = reader.config_mut();
    // End names are not checked by quick-xml: TABLEDATA is read past it (see
    // `tabledata`), so it never sees </TABLEDATA>. Our own element stack still
    // catches a document cut short.
    config.check_end_names = false;
    config.expand_empty_elements = false;
    let mut state = State {
        stack: Vec::new(),
        resources: Vec::new(),
        table_resource: Vec::new(),
        decoding: None,
        chosen: None,
        scratch: Scratch::default(),
        text: String::new(),
        text_cut: false,
        budget: Budget::new(budget),
        info: None,
        infos: Vec::new(),
        error_text: None,
        warnings: Vec::new(),
        warning_count: 0,
        descriptors: Collector::default(),
        batches,
        threads,
        file,
        read_threads: 1,
    };
    let mut buf = Vec::with_capacity(4096);
    let mut saw_root = false;
    loop {
        buf.clear();
        if buf.capacity() > 1 << 20 {
            buf = Vec::with_capacity(4096); // after a long tag: give the memory back
        }
        reader.get_mut().arm();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(_) if reader.get_ref().overrun() => {
                return Err(Error::format(format!(
                    "a tag, comment or text runs past {} MB without ending, at byte {}",
                    MAX_TOKEN >> 20,
                    reader.buffer_position()
                )));
            }
            Err(e) => {
                return Err(Error::format(format!(
                    "malformed XML at byte {}: {e}",
                    reader.error_position()
                )));
            }
        };
        let at = reader.buffer_position();
        let step = match event {
            Event::Start(e) => {
                if !saw_root {
                    check_root(&e)?;
                }
                saw_root = true;
                let _ = state.descriptors.open(&e);
                let elem = state.open(&e, false)?;
                state.stack.push(elem);
                if state.stack.len() > MAX_DEPTH {
                    return Err(Error::format(format!(
                        "elements nested deeper than {MAX_DEPTH} at byte {at}"
                    )));
                }
                if local(&e) == "STREAM" {
                    reader.get_mut().disarm();
                    let decoded = elem == Elem::Binary;
                    state.read_stream(&mut reader, decoded)?;
                }
                if elem == Elem::TableData {
                    reader.get_mut().disarm();
                    let at = reader.buffer_position();
                    let mut stream = reader.stream();
                    if !state.read_tabledata_in_parallel(&mut stream, at)? {
                        read_tabledata(&mut stream, at, &mut state)?;
                    }
                    state.stack.pop();
                }
                Ok(())
            }
            Event::Empty(e) => {
                if !saw_root {
                    check_root(&e)?;
                }
                saw_root = true;
                if state.descriptors.open(&e) {
                    state.descriptors.close();
                }
                let elem = state.open(&e, true)?;
                state.close(elem, true)
            }
            Event::End(_) => match state.stack.pop() {
                Some(elem) if state.descriptors.active() => {
                    state.descriptors.close();
                    state.close(elem, false)
                }
                Some(elem) => state.close(elem, false),
                None => Ok(()),
            },
            Event::Text(t) if !saw_root && !t.trim_ascii().is_empty() => {
                let start: String = AsRef::<str>::as_ref(&t).chars().take(40).collect();
                return Err(Error::format(format!(
                    "not a VOTable: the response starts with text, not an XML element: \"{}\" \
                     (at byte 0)",
                    start.escape_debug()
                )));
            }
            Event::Text(t) => {
                state.push_text(&t);
                Ok(())
            }
            Event::CData(t) => {
                state.push_text(&t);
                Ok(())
            }
            Event::GeneralRef(r) => {
                state.push_reference(&r);
                Ok(())
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions and DOCTYPEs carry nothing we
            // use; a DOCTYPE's entities are never expanded and nothing external is fetched.
            _ => Ok(()),
        };
        step.map_err(|e| Error::new(e.kind(), format!("{} (at byte {at})", e.message())))?;
    }
    if !saw_root {
        return Err(Error::format(
            "empty document: no XML element found (at byte 0)",
        ));
    }
    if !state.stack.is_empty() {
        return Err(Error::format(format!(
            "the document ends inside an open element at byte {}: the response was cut short",
            reader.buffer_position()
        )));
    }
    Ok(state.finish())
}

/// UTF-8's byte-order mark, which a document may start with.
const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// True when the document is not UTF-8: a UTF-16 byte-order mark, or an XML declaration
/// naming another encoding (old IRSA and 2MASS services declare ISO-8859-1).
fn needs_transcoding(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || declared_encoding(head).is_some_and(|e| e != encoding_rs::UTF_8)
}

/// The encoding named in the XML declaration at the start of `head`, if any and known.
fn declared_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")? + 8;
    let rest = &decl[at..];
    let open = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    let quote = rest[open];
    let value = &rest[open + 1..];
    let close = value.iter().position(|&b| b == quote)?;
    encoding_rs::Encoding::for_label(&value[..close])
}

/// The bytes the decoding reader has not decoded yet are still in its inner reader.
pub(super) fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let name = e.name().into_inner();
    match name.rfind(':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// The attributes we read, by local name (namespace prefixes ignored), entities resolved.
fn attributes(e: &BytesStart<'_>) -> impl Iterator<Item = (String, String)> {
    let mut all = e.attributes();
    all.with_checks(false);
    all.filter_map(|a| {
        let a = a.ok()?;
        let key = a.key.local_name().into_inner().to_string();
        let value = match a.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(_) => a.value.into_owned(),
        };
        Some((key, value))
    })
}

pub(super) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    attributes(e).find(|(k, _)| k == name).map(|(_, v)| v)
}

impl State<'_> {
    fn warn(&mut self, message: impl FnOnce() -> String) {
        self.warning_count += 1;
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(message());
        }
    }

    fn scope(&self) -> Scope {
        for elem in self.stack.iter().rev() {
            match *elem {
                Elem::Table(t) => return Scope::Table(t),
                Elem::Resource(r) => return Scope::Resource(r),
                _ => {}
            }
        }
        Scope::Root
    }

    fn decoding_here(&self) -> bool {
        match (
            &self.decoding,
            self.stack.iter().rev().find_map(|e| match e {
                Elem::Table(t) => Some(*t),
                _ => None,
            }),
        ) {
            (Some(d), Some(t)) => d.table == t,
            _ => false,
        }
    }

    /// Handles an opening (or empty) element; returns what was opened.
    fn open(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<Elem> {
        let name = local(e);
        let parent = self.stack.last().copied();
        Ok(match name {
            "RESOURCE" => {
                let is_results = attribute(e, "type").is_some_and(|t| t.trim() == "results");
                self.resources.push(ResourceInfo {
                    is_results,
                    first_table: None,
                });
                Elem::Resource(self.resources.len() - 1)
            }
            "TABLE" => {
                let t = self.table_resource.len();
                let resource = self.stack.iter().rev().find_map(|e| match e {
                    Elem::Resource(r) => Some(*r),
                    _ => None,
                });
                self.table_resource.push(resource);
                let first_in_resource = match resource {
                    Some(r) => {
                        let info = &mut self.resources[r];
                        let first = info.first_table.is_none();
                        if first {
                            info.first_table = Some(t);
                        }
                        first
                    }
                    None => true,
                };
                let here_is_results = resource.is_some_and(|r| self.resources[r].is_results);
                let chosen_is_results = self
                    .chosen
                    .as_ref()
                    .and_then(|(c, _)| self.table_resource[*c])
                    .is_some_and(|r| self.resources[r].is_results);
                let decode = self.decoding.is_none()
                    && (self.chosen.is_none()
                        || (here_is_results && first_in_resource && !chosen_is_results));
                if decode && self.batches.as_ref().is_some_and(|b| b.handed() > 0) {
                    return Err(Error::format(
                        "the results table comes after another table whose rows were already \
                         handed on: read this document whole, not in batches",
                    ));
                }
                if decode && !empty {
                    self.decoding = Some(Decoding {
                        table: t,
                        fields: Vec::new(),
                        columns: Vec::new(),
                        plans: Vec::new(),
                        rows: 0,
                        first_row: 0,
                        column: 0,
                        row_open: false,
                        binary: None,
                    });
                }
                Elem::Table(t)
            }
            "FIELD" if matches!(parent, Some(Elem::Table(_))) && self.decoding_here() => {
                let field = parse_field(e)?;
                if let Some(d) = &mut self.decoding {
                    if !d.columns.is_empty() {
                        return Err(Error::format("a FIELD after the table's DATA"));
                    }
                    if d.fields.len() >= MAX_FIELDS {
                        return Err(Error::format(format!("more than {MAX_FIELDS} FIELDs")));
                    }
                    self.budget.charge(field.heap_size())?;
                    d.fields.push(field);
                }
                Elem::Field
            }
            "VALUES" if parent == Some(Elem::Field) => {
                if let (Some(null), Some(d)) = (attribute(e, "null"), &mut self.decoding)
                    && let Some(field) = d.fields.last_mut()
                {
                    field.null = Some(null);
                }
                Elem::Other
            }
            "DESCRIPTION" if parent == Some(Elem::Field) => {
                self.text.clear();
                self.text_cut = false;
                Elem::Description
            }
            "INFO" => {
                let mut info = Info {
                    name: String::new(),
                    value: String::new(),
                    text: String::new(),
                    scope: self.scope(),
                };
                for (k, v) in attributes(e) {
                    match k.as_str() {
                        "name" => info.name = v.trim().to_string(),
                        "value" => info.value = v.trim().to_string(),
                        _ => {}
                    }
                }
                self.text.clear();
                self.text_cut = false;
                self.info = Some(info);
                Elem::Info
            }
            "PARAM" => {
                if let Some(name) = attribute(e, "name")
                    && name.trim().eq_ignore_ascii_case("error")
                {
                    let value = attribute(e, "value").unwrap_or_default();
                    self.error_text.get_or_insert(value.trim().to_string());
                }
                Elem::Other
            }
            "DATA" if self.decoding_here() => {
                if let Some(d) = &mut self.decoding
                    && d.columns.is_empty()
                {
                    if d.fields.is_empty() {
                        return Err(Error::format("a TABLE with DATA but no FIELD"));
                    }
                    // Each column's storage and reading plan, before any cell.
                    let per_column = size_of::<Column>() + size_of::<CellPlan>() + 64;
                    self.budget.charge(d.fields.len() * per_column)?;
                    d.columns = d.fields.iter().map(|f| Column::new(f.shape())).collect();
                    d.plans = d.fields.iter().map(CellPlan::new).collect();
                    if let Some(batches) = &mut self.batches {
                        batches.start(&self.budget);
                    }
                }
                Elem::Other
            }
            "TABLEDATA" if self.decoding_here() => Elem::TableData,
            "BINARY" | "BINARY2" if self.decoding_here() => {
                if let Some(d) = &mut self.decoding {
                    let mut decoder = BinaryDecoder::new(&d.fields, name == "BINARY2");
                    if let Some(batches) = &self.batches {
                        decoder.set_row_cap(batches.batch_rows());
                    }
                    d.binary = Some(decoder);
                }
                Elem::Binary
            }
            "STREAM" if parent == Some(Elem::Binary) => {
                if attribute(e, "href").is_some() {
                    return Err(Error::format(
                        "the table's STREAM refers to external data (href); vosia reads only \
                         inline data",
                    ));
                }
                if let Some(enc) = attribute(e, "encoding")
                    && !enc.trim().eq_ignore_ascii_case("base64")
                {
                    return Err(Error::format(format!(
                        "STREAM encoding \"{enc}\" is not supported (only base64)"
                    )));
                }
                Elem::Binary
            }
            "FITS" if self.decoding_here() => {
                return Err(Error::format(
                    "the results table is serialized as FITS, which vosia does not read; ask the \
                     service for RESPONSEFORMAT=votable (TABLEDATA, BINARY or BINARY2)",
                ));
            }
            _ => Elem::Other,
        })
    }

    /// Handles the end of an element (or the end of an empty one).
    fn close(&mut self, elem: Elem, _empty: bool) -> Result<()> {
        match elem {
            Elem::Info => {
                if let Some(mut info) = self.info.take() {
                    info.text = self.text.trim().to_string();
                    self.text.clear();
                    self.budget
                        .charge(info.name.len() + info.value.len() + info.text.len())?;
                    if self.text_cut {
                        let name = info.name.clone();
                        self.warn(|| format!("INFO {name}: text cut at {} MiB", MAX_TEXT >> 20));
                    }
                    if info.name.eq_ignore_ascii_case("error") && self.error_text.is_none() {
                        let text = if info.text.is_empty() {
                            &info.value
                        } else {
                            &info.text
                        };
                        self.error_text = Some(text.clone());
                    }
                    self.infos.push(info);
                }
            }
            Elem::Description => {
                if let Some(field) = self.decoding.as_mut().and_then(|d| d.fields.last_mut()) {
                    field.description = self.text.trim().to_string();
                    self.budget.charge(field.description.len())?;
                }
                self.text.clear();
            }
            Elem::Binary => {
                if let Some(d) = &mut self.decoding
                    && let Some(binary) = &mut d.binary
                {
                    binary.end_base64(&mut d.columns, &mut self.budget)?;
                }
                self.hand_over_binary_rows()?;
                if let Some(d) = &mut self.decoding
                    && let Some(mut binary) = d.binary.take()
                {
                    binary.finish(&mut d.columns, &mut self.budget)?;
                    d.rows = d.columns.first().map_or(0, Column::rows);
                }
            }
            Elem::Table(t) if self.decoding.as_ref().is_some_and(|d| d.table == t) => {
                self.end_row()?;
                if let (Some(batches), Some(d)) = (&mut self.batches, &mut self.decoding) {
                    let rows = d.columns.first().map_or(0, Column::rows);
                    batches.hand_over(&d.fields, &mut d.columns, rows, &mut self.budget)?;
                }
                if let Some(d) = self.decoding.take() {
                    let mut columns = d.columns;
                    // A table without DATA still has its columns: zero rows.
                    if columns.is_empty() {
                        columns = d.fields.iter().map(|f| Column::new(f.shape())).collect();
                    }
                    for c in &mut columns {
                        c.finish();
                    }
                    let rows = columns.first().map_or(0, Column::rows);
                    self.chosen = Some((
                        t,
                        Table {
                            fields: d.fields,
                            columns,
                            rows,
                        },
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<()> {
        let Some(d) = &mut self.decoding else {
            return Ok(());
        };
        if !d.row_open {
            let row = d.first_row + d.rows;
            self.warn(|| format!("a TD outside any TR after row {row}; ignored"));
            return Ok(());
        }
        let col = d.column;
        d.column += 1;
        if col >= d.columns.len() {
            // More cells than FIELDs: the extra ones have no column to go to.
            return Ok(());
        }
        if std::mem::take(&mut self.text_cut) {
            d.columns[col].make_room(&mut self.budget, 0)?;
            d.columns[col].push_null();
            let (row, name) = (d.first_row + d.rows, d.fields[col].name.clone());
            self.warn(|| {
                format!(
                    "row {row}, column {name}: the cell is longer than {} MiB; kept as null",
                    MAX_TEXT >> 20
                )
            });
            self.text.clear();
            return Ok(());
        }
        let text = std::mem::take(&mut self.text);
        let stored = self.store_cell(col, &text);
        self.text = text;
        self.text.clear();
        stored
    }

    /// Stores `text` as the cell of column `col` of the open row.
    fn store_cell(&mut self, col: usize, text: &str) -> Result<()> {
        let Some(d) = &mut self.decoding else {
            return Ok(());
        };
        let outcome = push_cell(
            &mut d.columns[col],
            &d.plans[col],
            text,
            &mut self.scratch,
            &mut self.budget,
        )?;
        if outcome == CellOutcome::Unreadable {
            let (row, name) = (d.first_row + d.rows, d.fields[col].name.clone());
            let text: String = text.chars().take(40).collect();
            self.warn(|| format!("row {row}, column {name}: cannot read \"{text}\"; kept as null"));
        }
        Ok(())
    }

    fn start_row(&mut self) -> Result<()> {
        if self.decoding.as_ref().is_some_and(|d| d.row_open) {
            // A TR inside a TR: the first one ends here.
            self.end_row()?;
        }
        if let Some(d) = &mut self.decoding {
            d.column = 0;
            d.row_open = true;
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        let Some(d) = &mut self.decoding else {
            return Ok(());
        };
        if d.columns.is_empty() || !d.row_open {
            return Ok(());
        }
        d.row_open = false;
        let short = d.column < d.columns.len();
        for col in d.column..d.columns.len() {
            // Each missing cell costs a null: charged one by one, so that rows of no cells
            // under thousands of FIELDs stop at the budget, not at the allocator.
            d.columns[col].make_room(&mut self.budget, 0)?;
            d.columns[col].push_null();
        }
        let row = d.first_row + d.rows;
        d.rows += 1;
        if let Some(batches) = &mut self.batches
            && batches.due(d.rows)
        {
            batches.hand_over(&d.fields, &mut d.columns, d.rows, &mut self.budget)?;
            d.first_row += d.rows;
            d.rows = 0;
        }
        if short {
            self.warn(|| format!("row {row} has fewer cells than FIELDs; the rest are null"));
        }
        Ok(())
    }

    /// Reads the TABLEDATA at the start of `input` (byte `at` of the document) on several
    /// threads when that is allowed, the input holds it in memory or reads a file the parts
    /// can read themselves, and it is large (see `parallel`); false when it must be read on
    /// this thread instead, with nothing consumed.
    fn read_tabledata_in_parallel<B: BufRead>(&mut self, input: &mut B, at: u64) -> Result<bool> {
        if self.threads < 2 || self.batches.is_some() {
            return Ok(false);
        }
        let Some(d) = &mut self.decoding else {
            return Ok(false);
        };
        if d.rows > 0 || d.columns.is_empty() {
            return Ok(false);
        }
        let remaining = self.budget.remaining();
        let decoded = match self.file {
            // `input` is a `FileCursor` at file offset `base + at`: consuming past its
            // buffer skips the file.
            #[cfg(unix)]
            Some(FileInput { file, len, base }) => {
                let source = super::positioned::FileSource {
                    file,
                    start: base + at,
                    len,
                };
                parallel::read(&source, at, &d.fields, &d.plans, self.threads, remaining)
            }
            _ => {
                let data = input
                    .fill_buf()
                    .map_err(|e| Error::format(format!("reading TABLEDATA failed: {e}")))?;
                if data.len() < parallel::MIN_PARALLEL_BYTES {
                    return Ok(false);
                }
                parallel::read(data, at, &d.fields, &d.plans, self.threads, remaining)
            }
        };
        let Some(decoded) = decoded else {
            return Ok(false);
        };
        self.budget.charge(decoded.kept as usize)?;
        d.columns = decoded.columns;
        d.rows = decoded.rows;
        self.read_threads = decoded.parts;
        let mut left = decoded.consumed;
        while left > 0 {
            let step = usize::try_from(left).unwrap_or(usize::MAX);
            input.consume(step);
            left -= step as u64;
        }
        Ok(true)
    }

    /// A streamed read: hands on every batch the BINARY decoder has filled, letting it go on
    /// with the rows it held back.
    fn hand_over_binary_rows(&mut self) -> Result<()> {
        let (Some(batches), Some(d)) = (&mut self.batches, &mut self.decoding) else {
            return Ok(());
        };
        let Some(decoder) = &mut d.binary else {
            return Ok(());
        };
        loop {
            let rows = d.columns.first().map_or(0, Column::rows);
            if !batches.due(rows) {
                return Ok(());
            }
            batches.hand_over(&d.fields, &mut d.columns, rows, &mut self.budget)?;
            d.first_row += rows;
            decoder.resume(&mut d.columns, &mut self.budget)?;
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.descriptors.wants_text() {
            self.descriptors.push_text(text);
            return;
        }
        if !self.collecting() {
            return;
        }
        if self.text.len() + text.len() > MAX_TEXT {
            self.text_cut = true;
            return;
        }
        self.text.push_str(text);
    }

    fn push_reference(&mut self, r: &BytesRef<'_>) {
        if !self.collecting() && !self.descriptors.wants_text() {
            return;
        }
        let mut text = String::new();
        match r.resolve_char_ref() {
            Ok(Some(c)) => text.push(c),
            _ => match &**r {
                "amp" => text.push('&'),
                "lt" => text.push('<'),
                "gt" => text.push('>'),
                "apos" => text.push('\''),
                "quot" => text.push('"'),
                // Entities from a DOCTYPE are never expanded: keep the reference as written.
                other => {
                    text.push('&');
                    text.push_str(other);
                    text.push(';');
                }
            },
        }
        self.push_text(&text);
    }

    fn collecting(&self) -> bool {
        matches!(self.stack.last(), Some(Elem::Info | Elem::Description))
    }

    /// Reads the base64 text of a STREAM straight from the input, up to the next `<`,
    /// feeding the binary decoder as the bytes arrive; the stream of a table not decoded is
    /// skipped the same way, never held.
    fn read_stream<R: BufRead>(&mut self, reader: &mut Reader<R>, decoded: bool) -> Result<()> {
        let mut stream = reader.stream();
        loop {
            let chunk = stream
                .fill_buf()
                .map_err(|e| Error::format(format!("reading the BINARY stream failed: {e}")))?;
            if chunk.is_empty() {
                return Ok(()); // end of input: reported as an unclosed element by the caller
            }
            let (take, done) = match memchr::memchr(b'<', chunk) {
                Some(n) => (n, true),
                None => (chunk.len(), false),
            };
            // A block at a time, so that a streamed read hands rows on before the next
            // block is decoded, however large the chunk (a document in memory is one chunk).
            if decoded {
                for text in chunk[..take].chunks(BINARY_BLOCK) {
                    if let Some(d) = &mut self.decoding
                        && let Some(decoder) = &mut d.binary
                    {
                        decoder.feed(text, &mut d.columns, &mut self.budget)?;
                        self.hand_over_binary_rows()?;
                    }
                }
            }
            stream.consume(take);
            if done {
                return Ok(());
            }
        }
    }

    fn finish(self) -> Document {
        let mut table_index = None;
        let table = self.chosen.map(|(t, table)| {
            table_index = Some(t);
            table
        });
        // The results resource: the chosen table's, else the first typed "results", else the first.
        let results_resource = table_index
            .and_then(|t| self.table_resource[t])
            .or_else(|| self.resources.iter().position(|r| r.is_results))
            .or(if self.resources.is_empty() {
                None
            } else {
                Some(0)
            });
        let first_table = results_resource.and_then(|r| self.resources[r].first_table);
        let belongs = |scope: Scope| match scope {
            Scope::Root => true,
            Scope::Resource(r) => Some(r) == results_resource,
            Scope::Table(t) => Some(t) == first_table || Some(t) == table_index,
        };
        let infos: Vec<Info> = self
            .infos
            .into_iter()
            .filter(|i| belongs(i.scope))
            .collect();
        let last_status = |wanted: &dyn Fn(Scope) -> bool| {
            infos
                .iter()
                .rev()
                .find(|i| i.name.eq_ignore_ascii_case("QUERY_STATUS") && wanted(i.scope))
                .cloned()
        };
        // The last QUERY_STATUS in the results RESOURCE (before, after or inside its table)
        // wins; only without one there does a top-level one count.
        let status =
            last_status(&|s| s != Scope::Root).or_else(|| last_status(&|s| s == Scope::Root));
        Document {
            table,
            infos,
            status,
            error_text: self.error_text,
            warnings: self.warnings,
            warning_count: self.warning_count,
            descriptors: self.descriptors.finish(),
            read_threads: self.read_threads,
        }
    }
}

impl RowSink for State<'_> {
    fn start_row(&mut self) -> Result<()> {
        State::start_row(self)
    }
    fn end_row(&mut self) -> Result<()> {
        State::end_row(self)
    }
    fn start_cell(&mut self) {
        self.text.clear();
        self.text_cut = false;
    }
    fn cell_text(&mut self, text: &str) {
        if self.text.len() + text.len() <= MAX_TEXT {
            self.text.push_str(text);
        } else {
            self.text_cut = true;
        }
    }
    fn end_cell(&mut self) -> Result<()> {
        State::end_cell(self)
    }
    fn stray_cell_end(&mut self) {
        if let Some(d) = &self.decoding {
            let (row, column) = (d.first_row + d.rows, d.column);
            self.warn(|| format!("row {row}: a </TD> after cell {column} closes no TD; ignored"));
        }
    }
    fn whole_cell(&mut self, text: &str) -> Result<()> {
        // The common cell, stored without a copy into `self.text` first.
        let open = self.decoding.as_mut().filter(|d| d.row_open);
        match open {
            Some(d) if d.column < d.columns.len() && text.len() <= MAX_TEXT => {
                let col = d.column;
                d.column += 1;
                self.store_cell(col, text)
            }
            _ => {
                self.start_cell();
                self.cell_text(text);
                State::end_cell(self)
            }
        }
    }
}

fn parse_field(e: &BytesStart<'_>) -> Result<Field> {
    let mut field = Field {
        name: String::new(),
        id: String::new(),
        ucd: String::new(),
        utype: String::new(),
        unit: String::new(),
        xtype: String::new(),
        arraysize_text: String::new(),
        datatype: Datatype::Char,
        datatype_missing: true,
        arraysize: ArraySize::Scalar,
        null: None,
        description: String::new(),
    };
    for (k, v) in attributes(e) {
        match k.as_str() {
            "name" => field.name = v,
            "ID" => field.id = v,
            "ucd" => field.ucd = v.trim().to_string(),
            "utype" => field.utype = v.trim().to_string(),
            "unit" => field.unit = v.trim().to_string(),
            "xtype" => field.xtype = v.trim().to_string(),
            "datatype" => {
                if let Some(d) = Datatype::parse(&v) {
                    field.datatype = d;
                    field.datatype_missing = false;
                }
            }
            "arraysize" => field.arraysize_text = v.trim().to_string(),
            _ => {}
        }
    }
    if field.name.is_empty() {
        field.name = field.id.clone();
    }
    field.arraysize = match ArraySize::parse(&field.arraysize_text) {
        Some(a) => a,
        None => {
            return Err(Error::format(format!(
                "FIELD {} has an unreadable arraysize \"{}\"",
                field.name, field.arraysize_text
            )));
        }
    };
    // Text: a missing arraysize formally means one character, but archives that omit it
    // (or the datatype) mean a string; one character is never what a TABLEDATA cell holds.
    // BINARY layouts are honoured as declared (see the binary decoder).
    Ok(field)
}
