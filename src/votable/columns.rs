//! Typed column storage: one vector per column, NUL-terminated text in a per-column arena,
//! and a null bitmap. Built once while reading; read-only afterwards, so every getter is O(1)
//! and allocation-free.

use std::ffi::c_char;

use super::budget::Budget;
use super::types::Shape;
use crate::error::{Error, ErrorKind, Result};

/// Bytes `v` allocates anew to take `extra` more items: none while they fit its capacity,
/// else what the standard library's doubling adds.
fn growth<T>(v: &Vec<T>, extra: usize) -> usize {
    let needed = v.len().saturating_add(extra);
    if needed <= v.capacity() {
        return 0;
    }
    let new_capacity = needed.max(v.capacity().saturating_mul(2)).max(4);
    (new_capacity - v.capacity()).saturating_mul(size_of::<T>())
}

/// Variable-length cells (text, arrays) laid end to end: cell `i` ends at `ends[i]`.
#[derive(Debug, Default, Clone)]
pub struct Packed<T> {
    values: Vec<T>,
    ends: Vec<usize>,
}

impl<T: Copy> Packed<T> {
    fn range(&self, row: usize, gap: usize) -> std::ops::Range<usize> {
        let start = if row == 0 {
            0
        } else {
            self.ends[row - 1] + gap
        };
        start..self.ends[row]
    }
}

/// Text cells: UTF-8 bytes, each cell followed by a NUL so C can borrow it in place.
#[derive(Debug, Default, Clone)]
pub struct TextCells(Packed<u8>);

impl TextCells {
    pub fn push(&mut self, text: &str) {
        // An interior NUL cannot be handed to C as one string: cut there, as C would.
        let bytes = text.as_bytes();
        let bytes = match bytes.iter().position(|&b| b == 0) {
            Some(n) => &bytes[..n],
            None => bytes,
        };
        self.0.values.extend_from_slice(bytes);
        self.0.ends.push(self.0.values.len());
        self.0.values.push(0);
    }

    pub fn get(&self, row: usize) -> &str {
        let range = self.0.range(row, 1);
        // SAFETY: only whole `&str`s (cut at a NUL, which is a char boundary) were pushed.
        unsafe { std::str::from_utf8_unchecked(&self.0.values[range]) }
    }

    /// The cell as a NUL-terminated C string, valid while `self` lives.
    pub fn as_c_ptr(&self, row: usize) -> *const c_char {
        let range = self.0.range(row, 1);
        self.0.values[range.start..].as_ptr().cast()
    }

    pub fn len(&self) -> usize {
        self.0.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.ends.is_empty()
    }

    fn shrink(&mut self) {
        self.0.values.shrink_to_fit();
        self.0.ends.shrink_to_fit();
    }
}

/// Arrays of one element type, packed.
#[derive(Debug, Default, Clone)]
pub struct ArrayCells<T>(Packed<T>);

impl<T: Copy> ArrayCells<T> {
    pub fn push(&mut self, items: &[T]) {
        self.0.values.extend_from_slice(items);
        self.0.ends.push(self.0.values.len());
    }

    pub fn get(&self, row: usize) -> &[T] {
        &self.0.values[self.0.range(row, 0)]
    }

    fn shrink(&mut self) {
        self.0.values.shrink_to_fit();
        self.0.ends.shrink_to_fit();
    }
}

/// The cells of one column, in the shape its FIELD declares.
#[derive(Debug, Clone)]
pub enum Cells {
    Integer(Vec<i64>),
    Real(Vec<f64>),
    Text(TextCells),
    IntegerArray(ArrayCells<i64>),
    RealArray(ArrayCells<f64>),
}

/// One column: cells plus a null bitmap (bit set = null).
#[derive(Debug, Clone)]
pub struct Column {
    pub cells: Cells,
    nulls: Vec<u64>,
    rows: usize,
}

impl Column {
    pub fn new(shape: Shape) -> Column {
        let cells = match shape {
            Shape::Integer => Cells::Integer(Vec::new()),
            Shape::Real => Cells::Real(Vec::new()),
            Shape::Text => Cells::Text(TextCells::default()),
            Shape::IntegerArray => Cells::IntegerArray(ArrayCells::default()),
            Shape::RealArray => Cells::RealArray(ArrayCells::default()),
        };
        Column {
            cells,
            nulls: Vec::new(),
            rows: 0,
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The bytes one more cell of `items` text bytes or array items (0 for a number or a
    /// null) makes this column allocate: the growth of each vector that must grow. Charged
    /// to the reader's `Budget` before the push, so the budget
    /// counts what is allocated, spare capacity included, not only what is used.
    pub fn cost(&self, items: usize) -> usize {
        let bitmap = if self.rows.is_multiple_of(64) {
            growth(&self.nulls, 1)
        } else {
            0
        };
        bitmap
            + match &self.cells {
                Cells::Integer(v) => growth(v, 1),
                Cells::Real(v) => growth(v, 1),
                Cells::Text(t) => growth(&t.0.ends, 1) + growth(&t.0.values, items + 1),
                Cells::IntegerArray(a) => growth(&a.0.ends, 1) + growth(&a.0.values, items),
                Cells::RealArray(a) => growth(&a.0.ends, 1) + growth(&a.0.values, items),
            }
    }

    /// Makes room for one more cell of `items` (see [`Column::cost`]): charges `budget` what
    /// the vectors will grow by, then reserves it fallibly, so that neither a budget nor an
    /// allocator that says no ends the process. After it the push allocates nothing.
    #[inline]
    pub(crate) fn make_room(&mut self, budget: &mut Budget, items: usize) -> Result<()> {
        if self.fits(items) {
            return Ok(()); // nearly always: the vectors grow by doubling
        }
        self.grow(budget, items)
    }

    /// Whether one more cell of `items` fits in the capacity already there.
    #[inline]
    fn fits(&self, items: usize) -> bool {
        fn room<T>(v: &Vec<T>, extra: usize) -> bool {
            v.capacity() - v.len() >= extra
        }
        (!self.rows.is_multiple_of(64) || room(&self.nulls, 1))
            && match &self.cells {
                Cells::Integer(v) => room(v, 1),
                Cells::Real(v) => room(v, 1),
                Cells::Text(t) => room(&t.0.ends, 1) && room(&t.0.values, items.saturating_add(1)),
                Cells::IntegerArray(a) => room(&a.0.ends, 1) && room(&a.0.values, items),
                Cells::RealArray(a) => room(&a.0.ends, 1) && room(&a.0.values, items),
            }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, budget: &mut Budget, items: usize) -> Result<()> {
        let bytes = self.cost(items);
        budget.charge(bytes)?;
        let reserved = (|| {
            if self.rows.is_multiple_of(64) {
                self.nulls.try_reserve(1)?;
            }
            match &mut self.cells {
                Cells::Integer(v) => v.try_reserve(1),
                Cells::Real(v) => v.try_reserve(1),
                Cells::Text(t) => {
                    t.0.ends.try_reserve(1)?;
                    t.0.values.try_reserve(items.saturating_add(1))
                }
                Cells::IntegerArray(a) => {
                    a.0.ends.try_reserve(1)?;
                    a.0.values.try_reserve(items)
                }
                Cells::RealArray(a) => {
                    a.0.ends.try_reserve(1)?;
                    a.0.values.try_reserve(items)
                }
            }
        })();
        reserved.map_err(|_| {
            Error::new(
                ErrorKind::TooLarge,
                format!(
                    "out of memory: {bytes} more bytes for the table could not be allocated, \
                     below the memory budget; lower the budget to what this machine has free"
                ),
            )
        })
    }

    pub fn is_null(&self, row: usize) -> bool {
        self.nulls
            .get(row / 64)
            .is_some_and(|word| word & (1 << (row % 64)) != 0)
    }

    fn mark(&mut self, null: bool) {
        let row = self.rows;
        if row / 64 >= self.nulls.len() {
            self.nulls.push(0);
        }
        if null {
            self.nulls[row / 64] |= 1 << (row % 64);
        }
        self.rows += 1;
    }

    /// Appends a null cell (a placeholder value under a set null bit).
    pub fn push_null(&mut self) {
        match &mut self.cells {
            Cells::Integer(v) => v.push(0),
            Cells::Real(v) => v.push(f64::NAN),
            Cells::Text(t) => t.push(""),
            Cells::IntegerArray(a) => a.push(&[]),
            Cells::RealArray(a) => a.push(&[]),
        }
        self.mark(true);
    }

    pub fn push_integer(&mut self, value: i64) {
        match &mut self.cells {
            Cells::Integer(v) => v.push(value),
            Cells::Real(v) => v.push(value as f64),
            Cells::IntegerArray(a) => a.push(&[value]),
            Cells::RealArray(a) => a.push(&[value as f64]),
            Cells::Text(t) => t.push(&value.to_string()),
        }
        self.mark(false);
    }

    pub fn push_real(&mut self, value: f64) {
        if value.is_nan() {
            return self.push_null();
        }
        match &mut self.cells {
            Cells::Real(v) => v.push(value),
            Cells::RealArray(a) => a.push(&[value]),
            // Only reached for malformed input; the reader never routes reals here.
            Cells::Integer(v) => v.push(value as i64),
            Cells::IntegerArray(a) => a.push(&[value as i64]),
            Cells::Text(t) => t.push(&crate::numfmt::format_f64(value)),
        }
        self.mark(false);
    }

    /// Appends a text cell; empty text is null.
    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return self.push_null();
        }
        match &mut self.cells {
            Cells::Text(t) => t.push(text),
            _ => return self.push_null(),
        }
        self.mark(false);
    }

    pub fn push_integer_array(&mut self, items: &[i64]) {
        match &mut self.cells {
            Cells::IntegerArray(a) => a.push(items),
            _ => return self.push_null(),
        }
        self.mark(false);
    }

    pub fn push_real_array(&mut self, items: &[f64]) {
        match &mut self.cells {
            Cells::RealArray(a) => a.push(items),
            _ => return self.push_null(),
        }
        self.mark(false);
    }

    /// Appends the cells of `other`, a column of the same shape read from the rows that
    /// follow (a part of the table read on another thread). A shape that differs is an
    /// Internal error, and nothing is appended.
    pub(crate) fn append(&mut self, other: Column) -> Result<()> {
        fn packed<T: Copy>(to: &mut Packed<T>, from: Packed<T>) {
            let base = to.values.len();
            to.values.extend_from_slice(&from.values);
            to.ends.extend(from.ends.iter().map(|e| e + base));
        }
        match (&mut self.cells, other.cells) {
            (Cells::Integer(a), Cells::Integer(b)) => a.extend_from_slice(&b),
            (Cells::Real(a), Cells::Real(b)) => a.extend_from_slice(&b),
            (Cells::Text(a), Cells::Text(b)) => packed(&mut a.0, b.0),
            (Cells::IntegerArray(a), Cells::IntegerArray(b)) => packed(&mut a.0, b.0),
            (Cells::RealArray(a), Cells::RealArray(b)) => packed(&mut a.0, b.0),
            _ => {
                return Err(Error::new(
                    ErrorKind::Internal,
                    "columns of different shapes cannot be joined; please report this document",
                ));
            }
        }
        if self.rows.is_multiple_of(64) {
            self.nulls.truncate(self.rows / 64);
            self.nulls.extend_from_slice(&other.nulls);
            self.rows += other.rows;
        } else {
            for row in 0..other.rows {
                let null = other.nulls[row / 64] & (1 << (row % 64)) != 0;
                self.mark(null);
            }
        }
        Ok(())
    }

    /// Releases spare capacity once the column is complete.
    pub fn finish(&mut self) {
        match &mut self.cells {
            Cells::Integer(v) => v.shrink_to_fit(),
            Cells::Real(v) => v.shrink_to_fit(),
            Cells::Text(t) => t.shrink(),
            Cells::IntegerArray(a) => a.shrink(),
            Cells::RealArray(a) => a.shrink(),
        }
        self.nulls.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_nul_terminated_in_place() {
        let mut col = Column::new(Shape::Text);
        col.push_text("abc");
        col.push_text("");
        col.push_text("é");
        let Cells::Text(t) = &col.cells else { panic!() };
        assert_eq!(t.get(0), "abc");
        assert!(col.is_null(1));
        assert_eq!(t.get(2), "é");
        let c = unsafe { std::ffi::CStr::from_ptr(t.as_c_ptr(2)) };
        assert_eq!(c.to_str().unwrap(), "é");
        assert!(!col.is_null(0) && !col.is_null(2));
    }

    #[test]
    fn appended_columns_read_as_one() {
        for split in [0, 1, 63, 64, 65, 130, 200] {
            let mut whole = Column::new(Shape::Text);
            let mut head = Column::new(Shape::Text);
            let mut tail = Column::new(Shape::Text);
            for i in 0..200 {
                let text = if i % 7 == 0 {
                    String::new()
                } else {
                    format!("c{i}")
                };
                whole.push_text(&text);
                if i < split {
                    head.push_text(&text)
                } else {
                    tail.push_text(&text)
                }
            }
            head.append(tail).unwrap();
            assert_eq!(head.rows(), 200);
            let (Cells::Text(a), Cells::Text(b)) = (&head.cells, &whole.cells) else {
                panic!()
            };
            for i in 0..200 {
                assert_eq!(head.is_null(i), whole.is_null(i), "split {split}, row {i}");
                assert_eq!(a.get(i), b.get(i), "split {split}, row {i}");
            }
        }
        let mut reals = Column::new(Shape::Real);
        reals.push_real(1.5);
        assert!(reals.append(Column::new(Shape::Integer)).is_err());
    }

    #[test]
    fn null_bitmap_spans_words() {
        let mut col = Column::new(Shape::Real);
        for i in 0..200 {
            if i % 67 == 0 {
                col.push_null()
            } else {
                col.push_real(i as f64)
            }
        }
        assert_eq!(col.rows(), 200);
        assert!(col.is_null(0) && col.is_null(67) && col.is_null(134));
        assert!(!col.is_null(66) && !col.is_null(199) && !col.is_null(500));
    }
}
