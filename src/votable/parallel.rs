//! TABLEDATA read on several threads: a document held in memory, or a file, is cut between
//! rows into one part per thread, each part is decoded into columns of its own by the same
//! cell code as the single-threaded reader, and the columns are joined in order. A file's
//! parts are read by each thread through a buffer of its own, so the file is never held in
//! memory whole.
//!
//! It is an optimistic fast path. A cut is taken only at a `<TR` whose part before it scans
//! to its end with nothing left open (so not inside a comment, CDATA or cell), and anything
//! the single-threaded reader would note or refuse (a short row, an unreadable cell, a cut
//! cell, a TD outside a TR, the memory budget, an error) makes it give up: the caller then
//! reads the TABLEDATA on one thread. So the result is always the single-threaded one, cell
//! for cell and warning for warning.

use std::borrow::Cow;
use std::io::BufRead;

use super::budget::Budget;
use super::cells::{CellOutcome, CellPlan, Scratch, push_cell};
use super::columns::Column;
use super::reader::MAX_TEXT;
use super::tabledata::{RowSink, read_part, read_tabledata};
use super::types::Field;
use crate::error::Result;

/// TABLEDATA shorter than this is read on one thread: the threads would cost more.
pub(crate) const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// How far past an even share a cut looks for a row start before giving up on that cut.
const MAX_ROW_SEARCH: u64 = 1 << 20;

/// The rows of a TABLEDATA read on several threads.
pub(crate) struct Decoded {
    /// Bytes of the input used, through `</TABLEDATA>`.
    pub consumed: u64,
    pub columns: Vec<Column>,
    pub rows: usize,
    /// Bytes the parts charged to their budgets: what the columns hold.
    pub kept: u64,
    /// Parts (threads) it was read in.
    pub parts: usize,
}

/// The rest of a document from just after `<TABLEDATA>`, readable from any position by any
/// thread. Positions are byte offsets from the start of the TABLEDATA's content.
pub(crate) trait Source: Sync {
    /// Bytes from the start to the end of the document.
    fn len(&self) -> u64;
    /// About where the TABLEDATA ends (at most [`Source::len`]): the parts share this.
    fn estimated_end(&self) -> u64;
    /// Up to `len` bytes from `from` (fewer only at the end).
    fn window(&self, from: u64, len: usize) -> std::io::Result<Cow<'_, [u8]>>;
    /// A reader of `from..to` (`None`: to the end).
    fn reader(&self, from: u64, to: Option<u64>) -> Box<dyn BufRead + '_>;
}

/// A document held in memory.
impl Source for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn estimated_end(&self) -> u64 {
        memchr::memmem::find(self, b"TABLEDATA>").unwrap_or(<[u8]>::len(self)) as u64
    }

    fn window(&self, from: u64, len: usize) -> std::io::Result<Cow<'_, [u8]>> {
        let from = (from as usize).min(<[u8]>::len(self));
        let to = from.saturating_add(len).min(<[u8]>::len(self));
        Ok(Cow::Borrowed(&self[from..to]))
    }

    fn reader(&self, from: u64, to: Option<u64>) -> Box<dyn BufRead + '_> {
        let to = to.map_or(<[u8]>::len(self), |t| t as usize);
        Box::new(&self[from as usize..to])
    }
}

/// Reads the TABLEDATA at the start of `source` on up to `threads` threads, each keeping at
/// most `budget` bytes; `offset` is the source's position in the document, for messages.
/// `None`: not worth it, or something a single-threaded read must handle (see the module).
pub(crate) fn read(
    source: &(impl Source + ?Sized),
    offset: u64,
    fields: &[Field],
    plans: &[CellPlan],
    threads: usize,
    budget: u64,
) -> Option<Decoded> {
    let cuts = cuts(source, threads);
    if cuts.len() < 2 {
        return None;
    }
    let per_part = budget / cuts.len() as u64;
    let count = cuts.len();
    let parts: Vec<Option<(Part, u64)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = cuts
            .iter()
            .enumerate()
            .map(|(k, &start)| {
                let end = cuts.get(k + 1).copied();
                scope.spawn(move || {
                    let mut part = Part::new(fields, plans, per_part);
                    let mut input = source.reader(start, end);
                    let at = offset + start;
                    let used = match end {
                        None => read_tabledata(&mut input, at, &mut part).ok()?,
                        // All of it: a file cut short while it is read ends a part early.
                        Some(end) => read_part(&mut input, at, &mut part)
                            .ok()
                            .filter(|&used| used == end - start)?,
                    };
                    part.end_row().ok()?;
                    (!part.noted).then_some((part, start + used))
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .collect()
    });
    let mut parts = parts.into_iter();
    let (first, mut consumed) = parts.next()??;
    let mut kept = first.budget.used();
    let mut columns = first.columns;
    let mut rows = first.rows;
    for part in parts {
        let (part, used) = part?;
        kept += part.budget.used();
        for (c, more) in columns.iter_mut().zip(part.columns) {
            c.append(more).ok()?;
        }
        rows += part.rows;
        consumed = used;
    }
    Some(Decoded {
        consumed,
        columns,
        rows,
        kept,
        parts: count,
    })
}

/// Where the parts start: 0, then for each further thread the first `<TR` at or after an
/// even share of the TABLEDATA's estimated length.
fn cuts(source: &(impl Source + ?Sized), threads: usize) -> Vec<u64> {
    let end = source.estimated_end();
    if threads < 2 || end < MIN_PARALLEL_BYTES as u64 {
        return vec![0];
    }
    let mut cuts = vec![0];
    for k in 1..threads as u64 {
        let from = end / threads as u64 * k;
        let Some(at) = next_row(source, from, end) else {
            break;
        };
        if at > *cuts.last().unwrap_or(&0) {
            cuts.push(at);
        }
    }
    cuts
}

/// The first `<TR` followed by `>`, `/` or a blank in `from..end`, looked for no further
/// than [`MAX_ROW_SEARCH`] bytes.
fn next_row(source: &(impl Source + ?Sized), from: u64, end: u64) -> Option<u64> {
    const WINDOW: usize = 64 << 10;
    let limit = end.min(from.saturating_add(MAX_ROW_SEARCH));
    let mut at = from;
    while at < limit {
        // One byte more than the next window starts, so a `<TR` and the byte after it
        // are seen whole in one window.
        let window = source.window(at, WINDOW + 3).ok()?;
        let mut i = 0;
        while let Some(hit) = memchr::memmem::find(&window[i..], b"<TR") {
            let tr = i + hit;
            if at + tr as u64 >= limit {
                return None;
            }
            match window.get(tr + 3) {
                Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n') => return Some(at + tr as u64),
                None => break,
                Some(_) => i = tr + 3,
            }
        }
        if window.len() <= WINDOW {
            return None; // the end of the document
        }
        at += WINDOW as u64;
    }
    None
}

/// The rows of one part, as the single-threaded reader would store them; `noted` is set by
/// anything it would warn about.
struct Part<'a> {
    plans: &'a [CellPlan],
    columns: Vec<Column>,
    rows: usize,
    column: usize,
    row_open: bool,
    text: String,
    text_cut: bool,
    scratch: Scratch,
    budget: Budget,
    noted: bool,
}

impl<'a> Part<'a> {
    fn new(fields: &[Field], plans: &'a [CellPlan], budget: u64) -> Part<'a> {
        Part {
            plans,
            columns: fields.iter().map(|f| Column::new(f.shape())).collect(),
            rows: 0,
            column: 0,
            row_open: false,
            text: String::new(),
            text_cut: false,
            scratch: Scratch::default(),
            budget: Budget::new(budget.max(1)),
            noted: false,
        }
    }
}

impl RowSink for Part<'_> {
    fn start_row(&mut self) -> Result<()> {
        if self.row_open {
            self.end_row()?;
        }
        self.column = 0;
        self.row_open = true;
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        if !self.row_open {
            return Ok(());
        }
        self.row_open = false;
        if self.column < self.columns.len() {
            self.noted = true; // a short row: the single-threaded reader warns
        }
        self.rows += 1;
        Ok(())
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
        if !self.row_open || self.text_cut {
            self.noted = true;
            return Ok(());
        }
        let text = std::mem::take(&mut self.text);
        let stored = self.store_cell(&text);
        self.text = text;
        stored
    }

    fn stray_cell_end(&mut self) {
        self.noted = true; // the single-threaded reader warns
    }

    fn whole_cell(&mut self, text: &str) -> Result<()> {
        if !self.row_open || text.len() > MAX_TEXT {
            self.noted = true;
            return Ok(());
        }
        self.store_cell(text)
    }
}

impl Part<'_> {
    /// Stores `text` as the next cell of the open row.
    fn store_cell(&mut self, text: &str) -> Result<()> {
        let col = self.column;
        self.column += 1;
        let (Some(column), Some(plan)) = (self.columns.get_mut(col), self.plans.get(col)) else {
            return Ok(()); // more cells than FIELDs: dropped, as the single-threaded reader does
        };
        let outcome = push_cell(column, plan, text, &mut self.scratch, &mut self.budget)?;
        if outcome == CellOutcome::Unreadable {
            self.noted = true;
        }
        Ok(())
    }
}
