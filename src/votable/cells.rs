//! Cell text to typed values: TABLEDATA cells, and numbers written in text columns (read by
//! the standard fields). Tolerant of what real archives write (surrounding blanks, `null`,
//! `NaN`, arrays with commas or braces, numbers in exponent or hexadecimal form).

use super::budget::Budget;
use super::columns::Column;
use super::types::{ArraySize, Datatype, Field, Shape};
use crate::error::Result;

/// How to read the cells of one field, worked out once per table.
#[derive(Debug, Clone)]
pub(crate) struct CellPlan {
    datatype: Datatype,
    shape: Shape,
    null_integer: Option<i64>,
    null_real: Option<f64>,
    /// Bits written as one string of digits ("0110") when the field is a bit array.
    bit_array: bool,
}

impl CellPlan {
    pub(crate) fn new(field: &Field) -> CellPlan {
        let null = field.null.as_deref().map(str::trim);
        CellPlan {
            datatype: field.datatype,
            shape: field.shape(),
            null_integer: null.and_then(parse_integer),
            null_real: null.and_then(parse_real).map(|v| match field.datatype {
                Datatype::Float | Datatype::FloatComplex => f64::from(v as f32),
                _ => v,
            }),
            bit_array: field.datatype == Datatype::Bit && field.arraysize != ArraySize::Scalar,
        }
    }

    /// Values of `float` columns are held at single precision, as BINARY holds them, so a
    /// value reads the same whatever the serialization.
    fn precision(&self, v: f64) -> f64 {
        match self.datatype {
            Datatype::Float | Datatype::FloatComplex => f64::from(v as f32),
            _ => v,
        }
    }

    pub(crate) fn null_integer(&self) -> Option<i64> {
        self.null_integer
    }

    pub(crate) fn null_real(&self) -> Option<f64> {
        self.null_real
    }
}

/// Scratch space reused across cells so reading a row allocates nothing.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    integers: Vec<i64>,
    reals: Vec<f64>,
}

/// Outcome of reading one cell: stored, or stored as null because it could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CellOutcome {
    Read,
    Unreadable,
}

/// Reads `text` (the cell's content with entities resolved) into `column`, charging what it
/// stores to `budget` first.
pub(crate) fn push_cell(
    column: &mut Column,
    plan: &CellPlan,
    text: &str,
    scratch: &mut Scratch,
    budget: &mut Budget,
) -> Result<CellOutcome> {
    if plan.shape == Shape::Text {
        column.make_room(budget, text.len())?;
        column.push_text(text);
        return Ok(CellOutcome::Read);
    }
    // The value (or the end of an array) and its null bit; array items are charged below,
    // as what they add beyond this.
    column.make_room(budget, 0)?;
    let t = trim(text);
    if t.is_empty() || is_null_word(t) {
        column.push_null();
        return Ok(CellOutcome::Read);
    }
    match plan.shape {
        Shape::Integer => match read_integer(plan.datatype, t) {
            Some(v) if Some(v) != plan.null_integer => column.push_integer(v),
            Some(_) => column.push_null(),
            None => return Ok(unreadable(column)),
        },
        Shape::Real => match parse_real(t).map(|v| plan.precision(v)) {
            Some(v) if Some(v) != plan.null_real => column.push_real(v),
            Some(_) => column.push_null(),
            None => return Ok(unreadable(column)),
        },
        Shape::IntegerArray => {
            let bits = plan.bit_array && !t.contains(is_separator);
            scratch.make_room(budget, if bits { t.len() } else { most_items(t) })?;
            if bits {
                for c in t.chars() {
                    match c {
                        '0' => scratch.integers.push(0),
                        '1' => scratch.integers.push(1),
                        _ => return Ok(unreadable(column)),
                    }
                }
            } else {
                for item in array_items(t) {
                    match read_integer(plan.datatype, item) {
                        Some(v) => scratch.integers.push(v),
                        None => return Ok(unreadable(column)),
                    }
                }
            }
            column.make_room(budget, scratch.integers.len())?;
            column.push_integer_array(&scratch.integers);
        }
        Shape::RealArray => {
            scratch.make_room(budget, most_items(t))?;
            for item in array_items(t) {
                match parse_real(item).map(|v| plan.precision(v)) {
                    Some(v) if Some(v) == plan.null_real => scratch.reals.push(f64::NAN),
                    Some(v) => scratch.reals.push(v),
                    None if is_null_word(item) => scratch.reals.push(f64::NAN),
                    None => return Ok(unreadable(column)),
                }
            }
            if scratch.reals.is_empty() {
                column.push_null();
            } else {
                column.make_room(budget, scratch.reals.len())?;
                column.push_real_array(&scratch.reals);
            }
        }
        Shape::Text => unreachable!("text cells are stored above"),
    }
    Ok(CellOutcome::Read)
}

/// The most items an array cell's text can hold: one per two bytes ("1,2,3"), plus one.
fn most_items(t: &str) -> usize {
    t.len() / 2 + 1
}

impl Scratch {
    /// Clears the scratch arrays for a cell of up to `items` items, after checking that they
    /// and the column's copy of them fit in the budget; gives back a large buffer's memory.
    fn make_room(&mut self, budget: &Budget, items: usize) -> Result<()> {
        budget.check(items.saturating_mul(2 * size_of::<f64>()))?;
        const KEPT: usize = 1 << 17;
        if self.integers.capacity() > KEPT {
            self.integers = Vec::new();
        }
        if self.reals.capacity() > KEPT {
            self.reals = Vec::new();
        }
        self.integers.clear();
        self.reals.clear();
        Ok(())
    }
}

fn unreadable(column: &mut Column) -> CellOutcome {
    column.push_null();
    CellOutcome::Unreadable
}

/// Words some archives write for a missing value.
fn is_null_word(t: &str) -> bool {
    t.eq_ignore_ascii_case("null") || t.eq_ignore_ascii_case("nan") || t == "--"
}

/// The items of an array cell: separated by blanks or commas, optionally wrapped in
/// braces, brackets or parentheses (`{18911,14701}`, PostgreSQL style).
fn array_items(t: &str) -> ArrayItems<'_> {
    let brace = |b: &u8| matches!(b, b'{' | b'}' | b'[' | b']' | b'(' | b')');
    let bytes = t.as_bytes();
    let start = bytes.iter().position(|b| !brace(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !brace(b))
        .map_or(start, |i| i + 1);
    let rest = &t[start..end];
    ArrayItems {
        rest,
        ascii: rest.is_ascii(),
    }
}

/// The items of [`array_items`]; byte by byte when the cell is ASCII, as nearly all are.
struct ArrayItems<'a> {
    rest: &'a str,
    ascii: bool,
}

impl<'a> Iterator for ArrayItems<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = if self.ascii {
            self.rest.bytes().position(|b| !is_ascii_separator(b))
        } else {
            self.rest.find(|c| !is_separator(c))
        };
        let Some(start) = start else {
            self.rest = "";
            return None;
        };
        let rest = &self.rest[start..];
        let len = if self.ascii {
            rest.bytes().position(is_ascii_separator)
        } else {
            rest.find(is_separator)
        };
        let (item, after) = rest.split_at(len.unwrap_or(rest.len()));
        self.rest = after;
        Some(item)
    }
}

/// What separates array items: a blank (as `char::is_whitespace` has it) or a comma.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == ','
}

/// [`is_separator`] for an ASCII byte.
fn is_ascii_separator(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b',')
}

/// `t` without surrounding blanks (`str::trim`), at no cost when it has none.
fn trim(t: &str) -> &str {
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => t,
        _ => t.trim(),
    }
}

fn read_integer(datatype: Datatype, t: &str) -> Option<i64> {
    match datatype {
        Datatype::Boolean => parse_boolean(t),
        _ => parse_integer(t),
    }
}

/// `T`, `true`, `1` → 1; `F`, `false`, `0` → 0; anything else (`?`) → unreadable (null).
pub(crate) fn parse_boolean(t: &str) -> Option<i64> {
    match t {
        "T" | "t" | "1" => Some(1),
        "F" | "f" | "0" => Some(0),
        _ if t.eq_ignore_ascii_case("true") => Some(1),
        _ if t.eq_ignore_ascii_case("false") => Some(0),
        _ => None,
    }
}

/// Decimal or `0x` hexadecimal integers; also integral reals such as `2.0` or `1e3`.
pub(crate) fn parse_integer(t: &str) -> Option<i64> {
    let t = trim(t);
    if let Ok(v) = t.parse::<i64>() {
        return Some(v);
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        let v = u64::from_str_radix(hex, 16).ok()? as i64;
        return Some(if negative { v.wrapping_neg() } else { v });
    }
    let real = parse_real(t)?;
    (real.fract() == 0.0 && real.abs() < 9.2e18).then_some(real as i64)
}

/// Reals as Rust parses them (which includes `NaN`, `inf`, `+Inf`, `-Infinity`), plus
/// Fortran's `D` exponent.
pub(crate) fn parse_real(t: &str) -> Option<f64> {
    let t = trim(t);
    if let Ok(v) = t.parse::<f64>() {
        return Some(v);
    }
    if t.contains(['D', 'd'])
        && !t.contains(|c: char| c.is_ascii_alphabetic() && c != 'D' && c != 'd')
    {
        return t.replace(['D', 'd'], "e").parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::votable::columns::Cells;

    fn field(datatype: Datatype, arraysize: &str, null: Option<&str>) -> Field {
        Field {
            name: "f".into(),
            id: String::new(),
            ucd: String::new(),
            utype: String::new(),
            unit: String::new(),
            xtype: String::new(),
            arraysize_text: arraysize.into(),
            datatype,
            datatype_missing: false,
            arraysize: ArraySize::parse(arraysize).unwrap(),
            null: null.map(String::from),
            description: String::new(),
        }
    }

    fn read(f: &Field, cells: &[&str]) -> Column {
        let plan = CellPlan::new(f);
        let mut col = Column::new(f.shape());
        let mut scratch = Scratch::default();
        for c in cells {
            push_cell(&mut col, &plan, c, &mut scratch, &mut Budget::new(0)).unwrap();
        }
        col
    }

    #[test]
    fn integers_with_sentinel_blanks_and_words() {
        let col = read(
            &field(Datatype::Long, "", Some("-1")),
            &[" 153280 ", "-1", "", "null", "0x1F", "2.0", "abc"],
        );
        let Cells::Integer(v) = &col.cells else {
            panic!()
        };
        assert_eq!(v[0], 153280);
        assert!(col.is_null(1) && col.is_null(2) && col.is_null(3));
        assert_eq!(v[4], 31);
        assert_eq!(v[5], 2);
        assert!(col.is_null(6));
    }

    #[test]
    fn reals_nan_and_exponents() {
        let col = read(
            &field(Datatype::Double, "", None),
            &["\t2.023611144e+02 ", "NaN", "+Inf", "1.5D-3"],
        );
        let Cells::Real(v) = &col.cells else { panic!() };
        assert_eq!(v[0], 202.3611144);
        assert!(col.is_null(1));
        assert_eq!(v[2], f64::INFINITY);
        assert_eq!(v[3], 1.5e-3);
    }

    #[test]
    fn arrays_with_commas_and_braces() {
        let col = read(
            &field(Datatype::Int, "*", None),
            &[
                "2048 4096",
                "{18911,14701}",
                "16407,12000",
                "",
                "[1,\u{a0}2 ,,3\u{2003}]",
            ],
        );
        let Cells::IntegerArray(a) = &col.cells else {
            panic!()
        };
        assert_eq!(a.get(0), &[2048, 4096]);
        assert_eq!(a.get(1), &[18911, 14701]);
        assert_eq!(a.get(2), &[16407, 12000]);
        assert!(col.is_null(3));
        assert_eq!(a.get(4), &[1, 2, 3], "Unicode blanks separate items too");
    }

    #[test]
    fn booleans_and_bits() {
        let col = read(
            &field(Datatype::Boolean, "", None),
            &["T", "false", "?", "1"],
        );
        let Cells::Integer(v) = &col.cells else {
            panic!()
        };
        assert_eq!((v[0], v[1], v[3]), (1, 0, 1));
        assert!(col.is_null(2));
        let bits = read(&field(Datatype::Bit, "4", None), &["0110", "1 0 0 1"]);
        let Cells::IntegerArray(a) = &bits.cells else {
            panic!()
        };
        assert_eq!(a.get(0), &[0, 1, 1, 0]);
        assert_eq!(a.get(1), &[1, 0, 0, 1]);
    }
}
