//! Streamed reading: the results table handed on in batches of rows as they are decoded,
//! so that what a read holds does not grow with the row count.

use super::budget::Budget;
use super::columns::Column;
use super::reader::Table;
use super::types::Field;
use crate::error::Result;

/// What receives the batches: a table of up to `batch_rows` rows (every FIELD, the rows
/// decoded since the last batch) and the index of its first row in the whole table. An
/// error stops the read and is what the read returns.
pub type BatchSink<'a> = &'a mut dyn FnMut(Table, u64) -> Result<()>;

/// A streamed read in progress.
pub(crate) struct Batches<'a> {
    batch_rows: usize,
    sink: BatchSink<'a>,
    /// Rows handed on so far.
    handed: u64,
    /// The budget's use before the current batch's cells: given back after each batch.
    mark: u64,
}

impl<'a> Batches<'a> {
    /// Batches of `batch_rows` rows (at least 1) to `sink`.
    pub(crate) fn new(batch_rows: usize, sink: BatchSink<'a>) -> Batches<'a> {
        Batches {
            batch_rows: batch_rows.max(1),
            sink,
            handed: 0,
            mark: 0,
        }
    }

    pub(crate) fn batch_rows(&self) -> usize {
        self.batch_rows
    }

    /// Rows handed on so far.
    pub(crate) fn handed(&self) -> u64 {
        self.handed
    }

    /// The table's columns are about to be filled: what the budget holds now stays.
    pub(crate) fn start(&mut self, budget: &Budget) {
        self.mark = budget.used();
    }

    /// True when `rows` decoded rows make a batch.
    pub(crate) fn due(&self, rows: usize) -> bool {
        rows >= self.batch_rows
    }

    /// Hands the `rows` rows in `columns` on (nothing when there are none) and leaves
    /// `columns` empty, the budget as it was before them.
    pub(crate) fn hand_over(
        &mut self,
        fields: &[Field],
        columns: &mut [Column],
        rows: usize,
        budget: &mut Budget,
    ) -> Result<()> {
        if rows == 0 {
            return Ok(());
        }
        // Not shrunk to fit: the batch lives only as long as the sink looks at it.
        let taken: Vec<Column> = columns
            .iter_mut()
            .zip(fields)
            .map(|(c, f)| std::mem::replace(c, Column::new(f.shape())))
            .collect();
        let first = self.handed;
        self.handed += rows as u64;
        budget.release_to(self.mark);
        (self.sink)(
            Table {
                fields: fields.to_vec(),
                columns: taken,
                rows,
            },
            first,
        )
    }
}
