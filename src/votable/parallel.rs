//! TABLEDATA read on several threads: a document held in memory is cut between rows into
//! one part per thread, each part is decoded into columns of its own by the same cell code
//! as the single-threaded reader, and the columns are joined in order.
//!
//! It is an optimistic fast path. A cut is taken only at a `<TR` whose part before it scans
//! to its end with nothing left open (so not inside a comment, CDATA or cell), and anything
//! the single-threaded reader would note or refuse (a short row, an unreadable cell, a cut
//! cell, a TD outside a TR, the memory budget, an error) makes it give up: the caller then
//! reads the TABLEDATA on one thread. So the result is always the single-threaded one, cell
//! for cell and warning for warning.

use super::budget::Budget;
use super::cells::{CellOutcome, CellPlan, Scratch, push_cell};
use super::columns::Column;
use super::reader::MAX_TEXT;
use super::tabledata::{RowSink, read_tabledata, scan_part};
use super::types::Field;
use crate::error::Result;

/// TABLEDATA shorter than this is read on one thread: the threads would cost more.
pub(crate) const MIN_PARALLEL_BYTES: usize = 1 << 20;

/// The rows of a TABLEDATA read on several threads.
pub(crate) struct Decoded {
    /// Bytes of the input used, through `</TABLEDATA>`.
    pub consumed: usize,
    pub columns: Vec<Column>,
    pub rows: usize,
    /// Bytes the parts charged to their budgets: what the columns hold.
    pub kept: u64,
    /// Parts (threads) it was read in.
    pub parts: usize,
}

/// Reads the TABLEDATA at the start of `data` (just after `<TABLEDATA>`; `data` holds the
/// rest of the document) on up to `threads` threads, each keeping at most `budget` bytes.
/// `None`: not worth it, or something a single-threaded read must handle (see the module).
pub(crate) fn read(
    data: &[u8],
    offset: u64,
    fields: &[Field],
    plans: &[CellPlan],
    threads: usize,
    budget: u64,
) -> Option<Decoded> {
    let cuts = cuts(data, threads);
    if cuts.len() < 2 {
        return None;
    }
    let per_part = budget / cuts.len() as u64;
    let count = cuts.len();
    let parts: Vec<Option<(Part, usize)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = cuts
            .iter()
            .enumerate()
            .map(|(k, &start)| {
                let last = k + 1 == cuts.len();
                let end = if last { data.len() } else { cuts[k + 1] };
                let at = offset + start as u64;
                scope.spawn(move || {
                    let mut part = Part::new(fields, plans, per_part);
                    let used = if last {
                        let mut rest = &data[start..end];
                        read_tabledata(&mut rest, at, &mut part).ok()? as usize
                    } else {
                        scan_part(&data[start..end], at, &mut part).ok()?
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
/// even share of the TABLEDATA's length (estimated by the first `TABLEDATA>` found).
fn cuts(data: &[u8], threads: usize) -> Vec<usize> {
    let end = memchr::memmem::find(data, b"TABLEDATA>").unwrap_or(data.len());
    if threads < 2 || end < MIN_PARALLEL_BYTES {
        return vec![0];
    }
    let mut cuts = vec![0];
    for k in 1..threads {
        let from = end / threads * k;
        let Some(at) = next_row(data, from, end) else {
            break;
        };
        if at > *cuts.last().unwrap_or(&0) {
            cuts.push(at);
        }
    }
    cuts
}

/// The first `<TR` followed by `>`, `/` or a blank in `data[from..end]`.
fn next_row(data: &[u8], mut from: usize, end: usize) -> Option<usize> {
    while from < end {
        let at = from + memchr::memmem::find(&data[from..end], b"<TR")?;
        if matches!(
            data.get(at + 3),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
        ) {
            return Some(at);
        }
        from = at + 3;
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
