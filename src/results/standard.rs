//! The standard fields of a result: values found by SIA 1.0 UCD or SIA 2.0 ObsCore name,
//! read tolerantly (numbers in text cells, units converted, SIA 2.0 values computed from two
//! columns) and returned in fixed units. No allocation, except as `Results` says for `D`
//! exponents.

use std::ffi::CStr;
use std::sync::OnceLock;

use super::{Numbers, Results};
use crate::SiaVersion;
use crate::error::{Error, Result};
use crate::stdfields::{self, Conversion, Quantity, Source, StdField};
use crate::votable::Cells;

/// The most `VOX:BandPass_Unit` values a result names in warnings; the rest are counted.
const MAX_UNIT_WARNINGS: usize = 8;

/// The unit conversions of one result, each found once (finding one reads the unit tables,
/// far more than a cell costs): by column and quantity for a column's own unit, and by field
/// for a field's default unit (a column without one). Per-row units (SIA 1.0
/// `VOX:BandPass_Unit`) are not kept.
pub(super) struct Conversions {
    by_column: Vec<[OnceLock<Option<Conversion>>; Quantity::COUNT]>,
    by_default: [OnceLock<Option<Conversion>>; StdField::ALL.len()],
}

impl Conversions {
    pub(super) fn new(columns: usize) -> Conversions {
        Conversions {
            by_column: (0..columns).map(|_| Default::default()).collect(),
            by_default: std::array::from_fn(|_| OnceLock::new()),
        }
    }
}

impl Results {
    /// Where a standard field comes from in this result: its column, or `None` when absent
    /// or computed from two columns (SIA 2.0 MJD_OBS, EM_REF, NAXIS).
    pub fn std_column(&self, field: StdField) -> Option<usize> {
        match self.std[field as usize] {
            Source::Column(c) => Some(c),
            _ => None,
        }
    }

    /// Whether this result holds standard field `field` (in one column or computed from two).
    pub fn has_std(&self, field: StdField) -> bool {
        self.std[field as usize] != Source::Missing
    }

    /// How values of `field` read from column `col` convert to the field's fixed unit: by the
    /// column's unit (for SIA 1 band limits, the row's `VOX:BandPass_Unit` cell), else the
    /// field's default. `None` for a unit vosia cannot convert: the value is then null, never
    /// a number in the wrong unit.
    fn std_conversion(&self, field: StdField, col: usize, row: usize) -> Option<Conversion> {
        let quantity = field.quantity();
        if quantity == Quantity::Wavelength
            && self.version == SiaVersion::V1
            && let Some(c) = self.std_column(StdField::BandpassUnit)
            && let Ok(Some(u)) = self.str(row, c)
            && !u.trim().is_empty()
        {
            return stdfields::conversion(quantity, u);
        }
        let unit = self.columns[col].field.unit.as_str();
        // A blank unit (`unit=" "`) is no unit, as it always was.
        if unit.trim().is_empty() {
            return *self.conversions.by_default[field as usize].get_or_init(|| {
                stdfields::conversion(quantity, stdfields::default_unit(self.version, field))
            });
        }
        *self.conversions.by_column[col][quantity as usize]
            .get_or_init(|| stdfields::conversion(quantity, unit))
    }

    /// A warning for each unit that SIA 1.0 rows name in their `VOX:BandPass_Unit` cell and
    /// that vosia cannot convert to metres: the band limits of those rows are null (see
    /// `std_conversion`). At most [`MAX_UNIT_WARNINGS`] units are named.
    pub(super) fn unconvertible_row_units(&self) -> Vec<String> {
        let reads_band = StdField::ALL
            .iter()
            .any(|&f| f.quantity() == Quantity::Wavelength && self.has_std(f));
        let Some(c) = self.std_column(StdField::BandpassUnit) else {
            return Vec::new();
        };
        if self.version != SiaVersion::V1 || !reads_band {
            return Vec::new();
        }
        let mut known: Vec<&str> = Vec::new();
        let mut unknown: Vec<(&str, usize)> = Vec::new();
        for row in 0..self.rows {
            let Ok(Some(unit)) = self.str(row, c) else {
                continue;
            };
            let unit = unit.trim();
            if unit.is_empty() || known.contains(&unit) {
                continue;
            }
            if let Some((_, rows)) = unknown.iter_mut().find(|(u, _)| *u == unit) {
                *rows += 1;
            } else if stdfields::conversion(Quantity::Wavelength, unit).is_some() {
                known.push(unit);
            } else {
                unknown.push((unit, 1));
            }
        }
        let column = &self.columns[c].field.name;
        let mut notes: Vec<String> = unknown
            .iter()
            .take(MAX_UNIT_WARNINGS)
            .map(|(unit, rows)| {
                format!(
                    "column {column} (VOX:BandPass_Unit) gives the unit \"{unit}\" in {rows} \
                     row(s), which vosia cannot convert to m: the band limits of those rows \
                     are null"
                )
            })
            .collect();
        if unknown.len() > MAX_UNIT_WARNINGS {
            notes.push(format!(
                "column {column} (VOX:BandPass_Unit) gives {} more units vosia cannot convert",
                unknown.len() - MAX_UNIT_WARNINGS
            ));
        }
        notes
    }

    /// A number read tolerantly: numeric cells, or numbers written in text cells.
    fn number_at(&self, row: usize, col: usize) -> Result<Option<f64>> {
        let column = self.check(row, col)?;
        if column.is_null(row) {
            return Ok(None);
        }
        match &column.cells {
            Cells::Text(t) => {
                let s = t.get(row).trim();
                match crate::votable::parse_real(s) {
                    Some(v) if v.is_nan() => Ok(None),
                    Some(v) => Ok(Some(v)),
                    None if s.eq_ignore_ascii_case("null") => Ok(None),
                    None => Err(Error::type_mismatch(format!(
                        "column {col} ({}) holds \"{s}\", which is not a number",
                        self.columns[col].field.name
                    ))),
                }
            }
            _ => match self.numbers(row, col)? {
                Some(n) if n.len() == 1 => Ok(n.get(0)),
                Some(_) => {
                    Err(self.type_error(col, "a scalar", "read it with get_std_double_array"))
                }
                None => Ok(None),
            },
        }
    }

    /// A standard field as a number in its fixed unit (see [`crate::stdfields`]).
    /// `Ok(None)` when the cell is null or the result has no such field.
    pub fn std_double(&self, row: usize, field: StdField) -> Result<Option<f64>> {
        if row >= self.rows {
            return Err(Error::range(format!(
                "row {row} is out of range (the result has {} rows)",
                self.rows
            )));
        }
        let (col, value) = match self.std[field as usize] {
            Source::Missing => return Ok(None),
            Source::Column(c) => (c, self.number_at(row, c)?),
            Source::Midpoint(a, b) => {
                let (x, y) = (self.number_at(row, a)?, self.number_at(row, b)?);
                // Null if either column's unit is unknown, whichever cell is present.
                let (Some(ca), Some(cb)) = (
                    self.std_conversion(field, a, row),
                    self.std_conversion(field, b, row),
                ) else {
                    return Ok(None);
                };
                return Ok(match (x, y) {
                    (Some(x), Some(y)) if ca.same_as(cb) => Some(ca.apply((x + y) / 2.0)),
                    // Two different units: each converted, then the mid-point.
                    (Some(x), Some(y)) => Some((ca.apply(x) + cb.apply(y)) / 2.0),
                    (Some(x), None) => Some(ca.apply(x)),
                    (None, Some(y)) => Some(cb.apply(y)),
                    (None, None) => None,
                });
            }
            Source::Pair(..) => {
                return Err(Error::type_mismatch(format!(
                    "{field:?} has two values here; read it with get_std_double_array"
                )));
            }
        };
        let Some(v) = value else { return Ok(None) };
        let Some(conversion) = self.std_conversion(field, col, row) else {
            return Ok(None);
        };
        // SIA 1 band limits given as frequencies or energies swap: the low frequency limit is
        // the long-wavelength one.
        if let (Conversion::Reciprocal(_), StdField::EmMin | StdField::EmMax) = (conversion, field)
        {
            let other = if field == StdField::EmMin {
                StdField::EmMax
            } else {
                StdField::EmMin
            };
            if let Source::Column(oc) = self.std[other as usize] {
                let ov = self.number_at(row, oc)?;
                let other = self.std_conversion(field, oc, row);
                return Ok(ov.zip(other).map(|(ov, c)| c.apply(ov)));
            }
        }
        Ok(Some(conversion.apply(v)))
    }

    /// A standard field's numbers (NAXIS, SCALE, REF_PIXEL, CD_MATRIX, ...), converted to its
    /// fixed unit, written into `out`; returns how many there are (which may exceed
    /// `out.len()`). Text cells holding `"2048,4096"` are read too. `Ok(None)` for null/absent.
    pub fn std_numbers(
        &self,
        row: usize,
        field: StdField,
        out: &mut [f64],
    ) -> Result<Option<usize>> {
        if row >= self.rows {
            return Err(Error::range(format!(
                "row {row} is out of range (the result has {} rows)",
                self.rows
            )));
        }
        let mut put = |i: usize, v: f64, n: &mut usize| {
            if let Some(slot) = out.get_mut(i) {
                *slot = v;
            }
            *n = (*n).max(i + 1);
        };
        let mut n = 0;
        match self.std[field as usize] {
            Source::Missing => return Ok(None),
            Source::Pair(a, b) | Source::Midpoint(a, b) if field == StdField::Naxis => {
                match (self.number_at(row, a)?, self.number_at(row, b)?) {
                    (Some(x), Some(y)) => {
                        put(0, x, &mut n);
                        put(1, y, &mut n);
                    }
                    _ => return Ok(None),
                }
            }
            Source::Pair(..) | Source::Midpoint(..) => {
                return Ok(self.std_double(row, field)?.map(|v| {
                    put(0, v, &mut n);
                    n
                }));
            }
            Source::Column(c) => {
                let column = self.check(row, c)?;
                if column.is_null(row) {
                    return Ok(None);
                }
                match &column.cells {
                    Cells::Text(t) => {
                        let s = t.get(row);
                        let items = || {
                            s.trim_matches(|ch: char| "{}[]() \t\r\n".contains(ch))
                                .split(|ch: char| ch.is_whitespace() || ch == ',')
                                .filter(|x| !x.is_empty())
                                .map(crate::votable::parse_real)
                        };
                        // Every item must be a number before anything is written to `out`.
                        if items().any(|v| v.is_none()) {
                            return Err(Error::type_mismatch(format!(
                                "column {c} ({}) holds \"{s}\", which is not a list of numbers",
                                self.columns[c].field.name
                            )));
                        }
                        let Some(conversion) = self.std_conversion(field, c, row) else {
                            return Ok(None);
                        };
                        for (i, v) in items().flatten().enumerate() {
                            put(i, conversion.apply(v), &mut n);
                        }
                    }
                    _ => {
                        let nums = self.numbers(row, c)?.unwrap_or(Numbers::Reals(&[]));
                        let Some(conversion) = self.std_conversion(field, c, row) else {
                            return Ok(None);
                        };
                        for i in 0..nums.len() {
                            let v = nums.get(i).unwrap_or(f64::NAN);
                            put(i, conversion.apply(v), &mut n);
                        }
                    }
                }
            }
        }
        Ok(Some(n))
    }

    /// A standard field as text: text cells as they are, numbers rendered (unconverted).
    pub fn std_text(&self, row: usize, field: StdField) -> Result<Option<&CStr>> {
        if row >= self.rows {
            return Err(Error::range(format!(
                "row {row} is out of range (the result has {} rows)",
                self.rows
            )));
        }
        match self.std[field as usize] {
            Source::Column(c) => self.text(row, c),
            Source::Missing => Ok(None),
            _ => Err(Error::type_mismatch(format!(
                "{field:?} is computed from two columns here; read it with get_std_double"
            ))),
        }
    }
}
