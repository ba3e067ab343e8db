//! TABLEDATA read straight from the input: a small scanner for the one part of a VOTable
//! that is nearly all of its bytes (`<TR><TD>…</TD></TR>` repeated), several times faster
//! than a general XML event loop. It knows rows, cells, comments, CDATA, processing
//! instructions and entity references; anything else inside TABLEDATA is skipped.
//! Entities are resolved with quick-xml's own escape functions.

use std::io::BufRead;

use quick_xml::escape::{resolve_predefined_entity, unescape};

use super::token_limit::MAX_TOKEN;
use crate::error::{Error, Result};

/// The longest entity reference waited for (`&#x10FFFF;` and the named ones are shorter).
const MAX_REFERENCE: usize = 32;

/// What the scanner reports, in document order; an error (a memory budget) stops the scan.
pub(crate) trait RowSink {
    fn start_row(&mut self) -> Result<()>;
    fn end_row(&mut self) -> Result<()>;
    fn start_cell(&mut self);
    /// A piece of the current cell's text, entities resolved (called zero or more times).
    fn cell_text(&mut self, text: &str);
    fn end_cell(&mut self) -> Result<()>;
    /// A `</TD>` with no TD open: ignored, and the sink may say so.
    fn stray_cell_end(&mut self);
    /// A whole cell in one piece, entities resolved: what `start_cell`, `cell_text(text)`,
    /// `end_cell` report, without gathering the text first (the common cell).
    fn whole_cell(&mut self, text: &str) -> Result<()> {
        self.start_cell();
        self.cell_text(text);
        self.end_cell()
    }
}

/// The element names that matter inside TABLEDATA, with any namespace prefix removed.
enum Tag<'a> {
    Open(&'a [u8]),
    Close(&'a [u8]),
    Empty(&'a [u8]),
}

/// Reads from `input` (positioned just after `<TABLEDATA>`) through the matching
/// `</TABLEDATA>`, reporting rows and cells to `sink`. `offset` is the input's byte offset,
/// for error messages; returns the number of bytes consumed.
pub(crate) fn read_tabledata<R: BufRead>(
    input: &mut R,
    offset: u64,
    sink: &mut impl RowSink,
) -> Result<u64> {
    read_until(input, offset, sink, Until::EndTag)
}

/// Reads all of `input`, a part of a TABLEDATA that ends just before a `<TR` (see
/// `parallel`): the bytes read, when the part ends between rows with nothing left open;
/// else an error (the cut was inside a comment, CDATA or cell, or the part holds
/// `</TABLEDATA>`).
pub(crate) fn read_part<R: BufRead>(
    input: &mut R,
    offset: u64,
    sink: &mut impl RowSink,
) -> Result<u64> {
    read_until(input, offset, sink, Until::EndOfPart)
}

/// Where [`read_until`] stops.
#[derive(Clone, Copy, PartialEq)]
enum Until {
    /// At `</TABLEDATA>`; the input ending first is a document cut short.
    EndTag,
    /// At the end of the input, which must fall between rows.
    EndOfPart,
}

fn read_until<R: BufRead>(
    input: &mut R,
    offset: u64,
    sink: &mut impl RowSink,
    until: Until,
) -> Result<u64> {
    let mut carry: Vec<u8> = Vec::new();
    let mut consumed: u64 = 0;
    let mut in_cell = false;
    loop {
        let chunk = input
            .fill_buf()
            .map_err(|e| Error::format(format!("reading TABLEDATA failed: {e}")))?;
        if chunk.is_empty() {
            if until == Until::EndOfPart && carry.is_empty() && !in_cell {
                return Ok(consumed);
            }
            return Err(Error::format(format!(
                "the document ends inside TABLEDATA at byte {}: the response was cut short",
                offset + consumed
            )));
        }
        let n = chunk.len();
        let done = if carry.is_empty() {
            let (used, done) = scan(chunk, &mut in_cell, sink, offset + consumed)?;
            carry.extend_from_slice(&chunk[used..]);
            done
        } else {
            let base = offset + consumed - carry.len() as u64;
            carry.extend_from_slice(chunk);
            let (used, done) = scan(&carry, &mut in_cell, sink, base)?;
            carry.drain(..used);
            done
        };
        if done {
            if until == Until::EndOfPart {
                return Err(Error::format("a part of TABLEDATA holds its end"));
            }
            // What follows </TABLEDATA> is left in the input for the XML reader.
            let keep = n.saturating_sub(carry.len());
            input.consume(keep);
            return Ok(consumed + keep as u64);
        }
        input.consume(n);
        consumed += n as u64;
    }
}

/// A `</TD>`: the end of the open cell, or a stray one, reported as such (storing it as a
/// cell would store the text of whichever cell came before).
fn close_cell(in_cell: &mut bool, sink: &mut impl RowSink) -> Result<()> {
    if std::mem::take(in_cell) {
        sink.end_cell()
    } else {
        sink.stray_cell_end();
        Ok(())
    }
}

/// Scans complete tokens of `data`; returns the bytes used and whether `</TABLEDATA>` ended
/// the scan. An incomplete token at the end is left for the next call.
fn scan(
    data: &[u8],
    in_cell: &mut bool,
    sink: &mut impl RowSink,
    offset: u64,
) -> Result<(usize, bool)> {
    let text = Checked::new(data);
    let mut pos = 0;
    while pos < data.len() {
        let Some(lt) = memchr_lt(&data[pos..]) else {
            if !*in_cell {
                // Blanks between rows and cells: nothing to keep.
                return Ok((data.len(), false));
            }
            // A long cell: pass on what is complete (not a partial entity or character).
            let seg = &data[pos..];
            let mut cut = seg.len();
            // Hold back a trailing '&' only while it can still become an entity reference.
            if let Some(amp) = seg.iter().rposition(|&b| b == b'&')
                && seg.len() - amp <= MAX_REFERENCE
                && !seg[amp..].contains(&b';')
            {
                cut = amp;
            }
            if let Err(e) = std::str::from_utf8(&seg[..cut])
                && e.error_len().is_none()
            {
                cut = e.valid_up_to();
            }
            if cut > 0 {
                emit_text(text.str(pos..pos + cut, offset)?, sink);
            }
            return Ok((pos + cut, false));
        };
        if lt > 0 {
            if *in_cell {
                emit_text(text.str(pos..pos + lt, offset)?, sink);
            }
            pos += lt;
        }
        // data[pos] == b'<'
        let rest = &data[pos..];
        // The tags nearly every byte of TABLEDATA is in, without a namespace or attributes.
        // Each does what the general path below does for the same tag.
        if rest.starts_with(b"<TD>") {
            pos += 4;
            // The common cell: plain text through `</TD>`, all of it in `data`.
            if let Some(n) = memchr::memchr2(b'<', b'&', &data[pos..])
                && data[pos + n..].starts_with(b"</TD>")
            {
                sink.whole_cell(text.str(pos..pos + n, offset)?)?;
                *in_cell = false;
                pos += n + 5;
            } else {
                sink.start_cell();
                *in_cell = true;
            }
            continue;
        }
        if rest.starts_with(b"</TD>") {
            pos += 5;
            close_cell(in_cell, sink)?;
            continue;
        }
        if rest.starts_with(b"<TR>") {
            pos += 4;
            sink.start_row()?;
            continue;
        }
        if rest.starts_with(b"</TR>") {
            pos += 5;
            sink.end_row()?;
            continue;
        }
        if rest.len() < 2 {
            return Ok((pos, false));
        }
        // Every token is held whole, so none may be longer than MAX_TOKEN, complete or
        // not: the same bytes get the same answer however the input is chunked.
        let at = offset + pos as u64;
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(end) => pos += bounded(end + 3, at)?,
                None => return bounded(rest.len(), at).map(|_| (pos, false)),
            }
            continue;
        }
        if rest.starts_with(b"<![CDATA[") {
            match find(rest, b"]]>") {
                Some(end) => {
                    if *in_cell {
                        sink.cell_text(text.str(pos + 9..pos + end, offset)?);
                    }
                    pos += bounded(end + 3, at)?;
                }
                None => return bounded(rest.len(), at).map(|_| (pos, false)),
            }
            continue;
        }
        if rest.starts_with(b"<!") && rest.len() < 9 && b"<![CDATA[".starts_with(rest) {
            return Ok((pos, false));
        }
        if rest[1] == b'?' {
            match find(rest, b"?>") {
                Some(end) => pos += bounded(end + 2, at)?,
                None => return bounded(rest.len(), at).map(|_| (pos, false)),
            }
            continue;
        }
        let Some(end) = tag_end(rest) else {
            return bounded(rest.len(), at).map(|_| (pos, false));
        };
        let tag = parse_tag(&rest[..=end]);
        pos += bounded(end + 1, at)?;
        match tag {
            Tag::Open(b"TR") => sink.start_row()?,
            Tag::Close(b"TR") => sink.end_row()?,
            Tag::Open(b"TD") => {
                sink.start_cell();
                *in_cell = true;
            }
            Tag::Close(b"TD") => close_cell(in_cell, sink)?,
            Tag::Empty(b"TD") => {
                sink.start_cell();
                sink.end_cell()?;
            }
            Tag::Empty(b"TR") => {
                sink.start_row()?;
                sink.end_row()?;
            }
            Tag::Close(b"TABLEDATA") => return Ok((pos, true)),
            Tag::Close(name) if *in_cell => {
                return Err(Error::format(format!(
                    "</{}> inside a TD at byte {}",
                    String::from_utf8_lossy(name),
                    offset + pos as u64
                )));
            }
            _ => {}
        }
    }
    Ok((pos, false))
}

/// `len`, the length of a token (tag, comment, CDATA section, processing instruction) at byte
/// `at`, when it is at most [`MAX_TOKEN`]; else the error that says so.
fn bounded(len: usize, at: u64) -> Result<usize> {
    if len > MAX_TOKEN {
        return Err(Error::format(format!(
            "a tag, comment or CDATA section in TABLEDATA runs past {} MB without ending, at \
             byte {at}",
            MAX_TOKEN >> 20
        )));
    }
    Ok(len)
}

fn memchr_lt(data: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', data)
}

fn find(data: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(data, needle)
}

/// The index of the `>` closing the tag at the start of `data`, skipping quoted values.
fn tag_end(data: &[u8]) -> Option<usize> {
    let mut at = 1;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', &data[at..])?;
        if data[i] == b'>' {
            return Some(i);
        }
        let close = memchr::memchr(data[i], &data[i + 1..])?;
        at = i + 1 + close + 1;
    }
}

fn parse_tag(tag: &[u8]) -> Tag<'_> {
    let closing = tag.get(1) == Some(&b'/');
    let empty = !closing && tag.len() >= 3 && tag[tag.len() - 2] == b'/';
    let body = &tag[if closing { 2 } else { 1 }..];
    let name_end = body
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(body.len());
    let name = &body[..name_end];
    let name = match name.iter().rposition(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    };
    if closing {
        Tag::Close(name)
    } else if empty {
        Tag::Empty(name)
    } else {
        Tag::Open(name)
    }
}

/// `data` with the part of it that is valid UTF-8 checked once, so that each cell's text is
/// not checked again (cells cut at ASCII bytes are slices of it).
struct Checked<'a> {
    data: &'a [u8],
    valid: &'a str,
}

impl<'a> Checked<'a> {
    fn new(data: &'a [u8]) -> Checked<'a> {
        let valid = match std::str::from_utf8(data) {
            Ok(s) => s,
            // Up to the first invalid (or incomplete) byte: valid by that very check.
            Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap_or_default(),
        };
        Checked { data, valid }
    }

    /// The text of `range`; `offset` is `data`'s byte offset in the input, for the error.
    fn str(&self, range: std::ops::Range<usize>, offset: u64) -> Result<&'a str> {
        if let Some(s) = self.valid.get(range.clone()) {
            return Ok(s);
        }
        let at = offset + range.start as u64;
        std::str::from_utf8(&self.data[range]).map_err(|e| {
            Error::format(format!(
                "invalid UTF-8 at byte {} (declare the document's encoding if it is not UTF-8)",
                at + e.valid_up_to() as u64
            ))
        })
    }
}

/// Cell text: entities resolved (the five XML ones and character references; others are
/// kept as written, never expanded).
fn emit_text(text: &str, sink: &mut impl RowSink) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        sink.cell_text(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semi) = after.find(';') else {
            sink.cell_text(after);
            return;
        };
        let reference = &after[..=semi];
        if let Some(resolved) = resolve_predefined_entity(&reference[1..semi]) {
            sink.cell_text(resolved);
            rest = &after[semi + 1..];
            continue;
        }
        match unescape(reference) {
            Ok(resolved) => sink.cell_text(&resolved),
            // An entity from a DOCTYPE (never expanded) or a malformed one: kept as written.
            Err(_) => sink.cell_text(reference),
        }
        rest = &after[semi + 1..];
    }
    sink.cell_text(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        rows: Vec<Vec<String>>,
        cell: Option<String>,
    }

    impl RowSink for Collect {
        fn start_row(&mut self) -> Result<()> {
            self.rows.push(Vec::new());
            Ok(())
        }
        fn end_row(&mut self) -> Result<()> {
            Ok(())
        }
        fn start_cell(&mut self) {
            self.cell = Some(String::new());
        }
        fn cell_text(&mut self, text: &str) {
            self.cell.as_mut().unwrap().push_str(text);
        }
        fn end_cell(&mut self) -> Result<()> {
            let c = self.cell.take().unwrap();
            self.rows.last_mut().unwrap().push(c);
            Ok(())
        }
        fn stray_cell_end(&mut self) {
            self.rows.last_mut().unwrap().push("(stray </TD>)".into());
        }
    }

    fn run(doc: &str, chunk: usize) -> (Vec<Vec<String>>, String) {
        let mut input = std::io::BufReader::with_capacity(chunk, doc.as_bytes());
        let mut sink = Collect::default();
        let used = read_tabledata(&mut input, 0, &mut sink).unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut input, &mut rest).unwrap();
        assert_eq!(used as usize + rest.len(), doc.len());
        (sink.rows, rest)
    }

    #[test]
    fn a_stray_end_of_cell_is_reported_not_stored_at_every_chunk_size() {
        // Found by fuzzing: a `</TD>` with no TD open stored whichever cell's text the
        // sink held last, which depended on how the input was chunked.
        let doc = "<TR><TD>1</TD><TD>2</TD><x>0.5</TD><TD>3</TD></TR></TABLEDATA>";
        for chunk in [1, 2, 3, 5, 7, 16, 4096] {
            let (rows, _) = run(doc, chunk);
            assert_eq!(rows, [["1", "2", "(stray </TD>)", "3"]], "chunk {chunk}");
        }
    }

    #[test]
    fn rows_cells_entities_comments_and_cdata_at_every_chunk_size() {
        let doc = "\n<TR><TD>a &amp; b</TD><TD/><!-- c --><TD><![CDATA[<x>]]></TD></TR>\
                   <ns0:TR><ns0:TD>&#233;&unknown;</ns0:TD></ns0:TR></TABLEDATA></DATA>";
        for chunk in [1, 2, 3, 5, 7, 16, 4096] {
            let (rows, rest) = run(doc, chunk);
            assert_eq!(
                rows,
                vec![vec!["a & b", "", "<x>"], vec!["é&unknown;"]],
                "chunk {chunk}"
            );
            assert_eq!(rest, "</DATA>", "chunk {chunk}");
        }
    }

    #[test]
    fn cut_short_is_an_error() {
        let mut input = std::io::BufReader::new("<TR><TD>1</TD>".as_bytes());
        let err = read_tabledata(&mut input, 100, &mut Collect::default()).unwrap_err();
        assert!(err.message().contains("cut short"), "{}", err.message());
    }
}
