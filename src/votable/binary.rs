//! BINARY and BINARY2 streams: base64 text in, typed cells out, row by row as the bytes
//! arrive, so a stream is never held whole.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use super::budget::Budget;
use super::cells::CellPlan;
use super::columns::Column;
use super::types::{Datatype, Field, Shape};
use crate::error::{Error, Result};

/// Lenient base64: padding optional, trailing bits ignored (archives differ).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Base64 characters decoded at a time (a multiple of four).
pub(crate) const BLOCK: usize = 1 << 16;

/// A variable-length cell claiming more elements than this is treated as corrupt.
const MAX_ELEMENTS: usize = 1 << 28;

#[derive(Debug, Clone)]
struct FieldLayout {
    datatype: Datatype,
    shape: Shape,
    /// Elements per cell when fixed (complex values count once here).
    fixed: Option<usize>,
    plan: CellPlan,
}

/// Decodes one BINARY or BINARY2 stream into columns.
pub(crate) struct BinaryDecoder {
    layouts: Vec<FieldLayout>,
    binary2: bool,
    /// Base64 characters not yet decoded (fewer than four, or a partial chunk).
    b64: Vec<u8>,
    /// Decoded bytes not yet consumed by whole rows.
    bytes: Vec<u8>,
    /// Rows the columns may hold before decoding pauses (the rest waits in `bytes`): a
    /// streamed read's batch size, else unlimited.
    row_cap: usize,
    scratch: Scratch,
}

/// A cell's items on their way into a column, reused from cell to cell.
#[derive(Default)]
struct Scratch {
    integers: Vec<i64>,
    reals: Vec<f64>,
    text: String,
}

impl BinaryDecoder {
    pub(crate) fn new(fields: &[Field], binary2: bool) -> BinaryDecoder {
        let layouts = fields
            .iter()
            .map(|f| FieldLayout {
                datatype: f.datatype,
                shape: f.shape(),
                fixed: f.fixed_count(),
                plan: CellPlan::new(f),
            })
            .collect();
        BinaryDecoder {
            layouts,
            binary2,
            b64: Vec::new(),
            bytes: Vec::new(),
            row_cap: usize::MAX,
            scratch: Scratch::default(),
        }
    }

    /// Rows the columns may hold before decoding pauses (see [`BinaryDecoder::resume`]).
    pub(crate) fn set_row_cap(&mut self, rows: usize) {
        self.row_cap = rows.max(1);
    }

    /// Stores the complete rows already decoded but held back by the row cap, up to the cap.
    pub(crate) fn resume(&mut self, columns: &mut [Column], budget: &mut Budget) -> Result<()> {
        self.take_rows(columns, budget)
    }

    /// Feeds base64 text (whitespace allowed); decodes and stores every complete row (up to
    /// the row cap), charging what it keeps to `budget`.
    pub(crate) fn feed(
        &mut self,
        text: &[u8],
        columns: &mut [Column],
        budget: &mut Budget,
    ) -> Result<()> {
        // Decoded in blocks of BLOCK base64 characters, each followed by its rows, so that
        // where an error is found (bad base64, a corrupt row) does not depend on how the
        // text arrived: read whole or in chunks, the same bytes give the same answer.
        for &b in text {
            if b.is_ascii_whitespace() {
                continue;
            }
            self.b64.push(b);
            if self.b64.len() == BLOCK {
                self.decode_block(columns, budget)?;
            }
        }
        Ok(())
    }

    /// Decodes the pending base64 and stores the rows it completes. A row waiting for its
    /// end is held whole, so it must fit in the budget.
    fn decode_block(&mut self, columns: &mut [Column], budget: &mut Budget) -> Result<()> {
        BASE64
            .decode_vec(&self.b64, &mut self.bytes)
            .map_err(|e| Error::format(format!("BINARY stream is not valid base64: {e}")))?;
        self.b64.clear();
        self.take_rows(columns, budget)?;
        budget.check(self.bytes.len())
    }

    /// Ends the stream: the last partial base64 group and any incomplete row are errors.
    /// Under a row cap, first [`BinaryDecoder::end_base64`], then hand full columns on and
    /// [`BinaryDecoder::resume`] until they are no longer full.
    pub(crate) fn finish(&mut self, columns: &mut [Column], budget: &mut Budget) -> Result<()> {
        self.end_base64(columns, budget)?;
        if !self.bytes.is_empty() {
            return Err(Error::format(format!(
                "BINARY stream ends inside a row ({} bytes left over): the response was cut short",
                self.bytes.len()
            )));
        }
        Ok(())
    }

    /// Decodes the last base64 characters of the stream (a final partial block).
    pub(crate) fn end_base64(&mut self, columns: &mut [Column], budget: &mut Budget) -> Result<()> {
        if !self.b64.is_empty() {
            self.decode_block(columns, budget)?;
        }
        Ok(())
    }

    fn take_rows(&mut self, columns: &mut [Column], budget: &mut Budget) -> Result<()> {
        let mut start = 0;
        let mut room = self
            .row_cap
            .saturating_sub(columns.first().map_or(0, Column::rows));
        while room > 0
            && let Some(len) = self.row_len(&self.bytes[start..])?
        {
            room -= 1;
            let row = std::mem::take(&mut self.bytes);
            let result = self.decode_row(&row[start..start + len], columns, budget);
            self.bytes = row;
            result?;
            start += len;
        }
        self.bytes.drain(..start);
        Ok(())
    }

    fn null_flag_bytes(&self) -> usize {
        if self.binary2 {
            self.layouts.len().div_ceil(8)
        } else {
            0
        }
    }

    /// The byte length of the row starting at `data[0]`, or `None` if it is not all there.
    fn row_len(&self, data: &[u8]) -> Result<Option<usize>> {
        let mut pos = self.null_flag_bytes();
        if data.len() < pos || (data.is_empty() && !self.layouts.is_empty()) {
            return Ok(None);
        }
        for layout in &self.layouts {
            let count = match layout.fixed {
                Some(n) if n > MAX_ELEMENTS => {
                    return Err(Error::format(format!(
                        "a FIELD's arraysize asks for {n} elements in every BINARY row, more than \
                         a cell can hold ({MAX_ELEMENTS}): the table is corrupt"
                    )));
                }
                Some(n) => n,
                None => {
                    let Some(prefix) = data.get(pos..pos + 4) else {
                        return Ok(None);
                    };
                    pos += 4;
                    let n =
                        u32::from_be_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]) as usize;
                    if n > MAX_ELEMENTS {
                        return Err(Error::format(format!(
                            "BINARY cell claims {n} elements: the stream is corrupt"
                        )));
                    }
                    n
                }
            };
            // At most 2^28 elements of 16 bytes per cell, but many cells: never wrap.
            pos = pos
                .checked_add(cell_bytes(layout.datatype, count))
                .ok_or_else(|| {
                    Error::format("the FIELDs' arraysizes make a BINARY row longer than memory")
                })?;
            if pos > data.len() {
                return Ok(None);
            }
        }
        if pos == 0 {
            return Err(Error::format(
                "BINARY rows of zero bytes (every FIELD has arraysize 0): the row count is unknowable",
            ));
        }
        Ok(Some(pos))
    }

    fn decode_row(
        &mut self,
        row: &[u8],
        columns: &mut [Column],
        budget: &mut Budget,
    ) -> Result<()> {
        let flags = self.null_flag_bytes();
        let mut pos = flags;
        for (i, (layout, column)) in self.layouts.iter().zip(columns.iter_mut()).enumerate() {
            let count = match layout.fixed {
                Some(n) => n,
                None => {
                    let n =
                        u32::from_be_bytes([row[pos], row[pos + 1], row[pos + 2], row[pos + 3]]);
                    pos += 4;
                    n as usize
                }
            };
            let size = cell_bytes(layout.datatype, count);
            let cell = &row[pos..pos + size];
            pos += size;
            let flagged_null = flags > 0 && row[i / 8] & (0x80 >> (i % 8)) != 0;
            // The value or end offset and null bit now; text and array items below.
            column.make_room(budget, 0)?;
            if flagged_null {
                column.push_null();
                continue;
            }
            decode_cell(layout, count, cell, column, &mut self.scratch, budget)?;
        }
        Ok(())
    }
}

/// Bytes taken by `count` elements (bits are packed eight to a byte).
fn cell_bytes(datatype: Datatype, count: usize) -> usize {
    match datatype {
        Datatype::Bit => count.div_ceil(8),
        d => count.saturating_mul(d.binary_size()),
    }
}

fn decode_cell(
    layout: &FieldLayout,
    count: usize,
    cell: &[u8],
    column: &mut Column,
    scratch: &mut Scratch,
    budget: &mut Budget,
) -> Result<()> {
    let Scratch {
        integers,
        reals,
        text,
    } = scratch;
    // Array items go to a scratch vector, then to the column: both must fit. The cell's
    // value or end offset was charged by the caller; this is what the items add to it.
    let make_room = |column: &mut Column, budget: &mut Budget, parts: usize| {
        let items = count.saturating_mul(parts);
        budget.check(items.saturating_mul(2 * size_of::<f64>()))?;
        column.make_room(budget, items)
    };
    match layout.shape {
        Shape::Text => {
            if text.capacity() > 1 << 17 {
                *text = String::new();
            }
            text.clear();
            match layout.datatype {
                Datatype::UnicodeChar => {
                    let units = cell
                        .chunks_exact(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]))
                        .take_while(|&u| u != 0);
                    text.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
                }
                _ => {
                    let end = cell.iter().position(|&b| b == 0).unwrap_or(cell.len());
                    push_bytes_as_text(&cell[..end], text);
                }
            }
            column.make_room(budget, text.len())?;
            column.push_text(text);
        }
        Shape::Integer => match read_integer(layout.datatype, cell, 0) {
            Some(v) if Some(v) != layout.plan.null_integer() => column.push_integer(v),
            _ => column.push_null(),
        },
        Shape::Real => {
            let v = read_real(layout.datatype, cell, 0);
            if Some(v) == layout.plan.null_real() {
                column.push_null()
            } else {
                column.push_real(v)
            }
        }
        Shape::IntegerArray => {
            make_room(column, budget, 1)?;
            shrink_if_large(integers);
            integers.clear();
            if layout.datatype == Datatype::Bit {
                integers.extend((0..count).map(|k| i64::from(cell[k / 8] >> (7 - k % 8) & 1)));
            } else {
                let size = layout.datatype.binary_size();
                for k in 0..count {
                    // An unreadable boolean ('?') has no integer form: 0 keeps the array shape.
                    integers.push(read_integer(layout.datatype, cell, k * size).unwrap_or(0));
                }
            }
            if integers.is_empty() {
                column.push_null()
            } else {
                column.push_integer_array(integers)
            }
        }
        Shape::RealArray => {
            let (part, parts) = match layout.datatype {
                Datatype::FloatComplex => (4, 2),
                Datatype::DoubleComplex => (8, 2),
                d => (d.binary_size(), 1),
            };
            make_room(column, budget, parts)?;
            shrink_if_large(reals);
            reals.clear();
            let part_type = if part == 4 {
                Datatype::Float
            } else {
                Datatype::Double
            };
            for k in 0..count * parts {
                let v = read_real(part_type, cell, k * part);
                reals.push(if Some(v) == layout.plan.null_real() {
                    f64::NAN
                } else {
                    v
                });
            }
            if reals.is_empty() {
                column.push_null()
            } else {
                column.push_real_array(reals)
            }
        }
    }
    Ok(())
}

/// Gives back a scratch vector's memory after a large cell.
fn shrink_if_large<T>(v: &mut Vec<T>) {
    if v.capacity() > 1 << 17 {
        *v = Vec::new();
    }
}

/// Char bytes as text: UTF-8 when valid (DaCHS sends UTF-8), else one char per byte (Latin-1).
fn push_bytes_as_text(bytes: &[u8], text: &mut String) {
    match std::str::from_utf8(bytes) {
        Ok(s) => text.push_str(s),
        Err(_) => text.extend(bytes.iter().map(|&b| char::from(b))),
    }
}

fn read_integer(datatype: Datatype, cell: &[u8], at: usize) -> Option<i64> {
    let b = &cell[at..];
    Some(match datatype {
        Datatype::Boolean => match b[0] {
            b'T' | b't' | b'1' => 1,
            b'F' | b'f' | b'0' => 0,
            _ => return None,
        },
        Datatype::Bit => i64::from(b[0] >> 7),
        Datatype::UnsignedByte => i64::from(b[0]),
        Datatype::Short => i64::from(i16::from_be_bytes([b[0], b[1]])),
        Datatype::Int => i64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])),
        Datatype::Long => i64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        _ => return None,
    })
}

fn read_real(datatype: Datatype, cell: &[u8], at: usize) -> f64 {
    let b = &cell[at..];
    match datatype {
        Datatype::Float => f64::from(f32::from_be_bytes([b[0], b[1], b[2], b[3]])),
        _ => f64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}
