//! Writing records: the column selection (`--columns`) and the formats (`--format`) other
//! than `votable`, which is the service's own bytes (see `search`).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use vosia::Results;
use vosia::numfmt::format_f64;
use vosia::stdfields::{FieldKind, StdField};
use vosia::votable::{Datatype, Shape};

use crate::cli::Format;
use crate::exit::Failure;

/// The standard fields `--columns std` shows, in order.
pub const STD_COLUMNS: [StdField; 8] = [
    StdField::Title,
    StdField::Ra,
    StdField::Dec,
    StdField::Instrument,
    StdField::MjdObs,
    StdField::Format,
    StdField::Filesize,
    StdField::AccessUrl,
];

/// One output column: a column of the response, or a standard field (in its fixed unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Column(usize),
    Std(StdField),
}

/// A cell, typed for JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Text(String),
    Integer(i64),
    Real(f64),
    Bool(bool),
    Numbers(Vec<f64>),
}

impl Cell {
    /// As text for table, CSV and TSV: numbers in shortest round-trip form, arrays
    /// space-separated, null empty.
    pub fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Integer(i) => i.to_string(),
            Cell::Real(x) if x.is_nan() => String::new(),
            Cell::Real(x) => format_f64(*x),
            Cell::Bool(b) => b.to_string(),
            Cell::Numbers(v) => v
                .iter()
                .map(|x| format_f64(*x))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    fn json(&self) -> serde_json::Value {
        use serde_json::Value;
        let number = |x: f64| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number);
        match self {
            Cell::Null => Value::Null,
            Cell::Text(t) => Value::String(t.clone()),
            Cell::Integer(i) => Value::from(*i),
            Cell::Real(x) => number(*x),
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Numbers(v) => Value::Array(v.iter().map(|x| number(*x)).collect()),
        }
    }
}

/// The columns `spec` names: `std`, `all`, or a comma-separated list of column names, IDs or
/// standard field names.
pub fn select(results: &Results, spec: &str) -> Result<Vec<Col>, Failure> {
    match spec.trim() {
        "std" => Ok(STD_COLUMNS.iter().map(|f| Col::Std(*f)).collect()),
        "all" => Ok((0..results.column_count()).map(Col::Column).collect()),
        list => list
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|name| {
                results
                    .column_index(name)
                    .map(Col::Column)
                    .or_else(|| StdField::by_name(name).map(Col::Std))
                    .ok_or_else(|| {
                        let names: Vec<&str> = (0..results.column_count())
                            .filter_map(|c| results.field(c).map(|f| f.name.as_str()))
                            .collect();
                        Failure::usage(format!(
                            "--columns: the response has no column {name:?} (it has: {}; or use \
                             std, all, or a standard field such as title, ra, access_url)",
                            names.join(", ")
                        ))
                    })
            })
            .collect(),
    }
}

/// `names` with repeats made distinct (`x`, `x_2`, `x_3`), so no JSON key hides another.
fn unique(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let mut candidate = name.clone();
        let mut n = 1;
        while out.contains(&candidate) {
            n += 1;
            candidate = format!("{name}_{n}");
        }
        out.push(candidate);
    }
    out
}

/// The header of a column.
pub fn name(results: &Results, col: Col) -> String {
    match col {
        Col::Column(c) => results.field(c).map(|f| f.name.clone()).unwrap_or_default(),
        Col::Std(f) => f.name().to_string(),
    }
}

/// The unit of a column (a standard field's fixed unit).
fn unit(results: &Results, col: Col) -> String {
    match col {
        Col::Column(c) => results.field(c).map(|f| f.unit.clone()).unwrap_or_default(),
        Col::Std(f) => f.unit().to_string(),
    }
}

/// Cell `row` of `col`.
pub fn cell(results: &Results, col: Col, row: usize) -> Result<Cell, Failure> {
    Ok(match col {
        Col::Std(field) => match field.kind() {
            FieldKind::Text => text_cell(results.std_text(row, field)?),
            FieldKind::Number => results
                .std_double(row, field)?
                .map_or(Cell::Null, Cell::Real),
            FieldKind::Array => {
                let mut buf = [0.0; 64];
                match results.std_numbers(row, field, &mut buf)? {
                    None => Cell::Null,
                    Some(n) => Cell::Numbers(buf[..n.min(buf.len())].to_vec()),
                }
            }
        },
        Col::Column(c) => {
            let Some(field) = results.field(c) else {
                return Ok(Cell::Null);
            };
            if results.is_null(row, c)? {
                return Ok(Cell::Null);
            }
            match field.shape() {
                Shape::Text => text_cell(results.c_str(row, c)?),
                Shape::Integer if field.datatype == Datatype::Boolean => results
                    .int64(row, c)?
                    .map_or(Cell::Null, |i| Cell::Bool(i != 0)),
                Shape::Integer => results.int64(row, c)?.map_or(Cell::Null, Cell::Integer),
                Shape::Real => results.double(row, c)?.map_or(Cell::Null, Cell::Real),
                Shape::IntegerArray | Shape::RealArray => match results.numbers(row, c)? {
                    None => Cell::Null,
                    Some(n) => Cell::Numbers((0..n.len()).filter_map(|i| n.get(i)).collect()),
                },
            }
        }
    })
}

fn text_cell(text: Option<&std::ffi::CStr>) -> Cell {
    text.map_or(Cell::Null, |t| Cell::Text(t.to_string_lossy().into_owned()))
}

/// The format when none is given: a table for a person at a terminal, TSV for a program.
pub fn default_format(given: Option<Format>, file: Option<&Path>) -> Format {
    given.unwrap_or(if file.is_none() && io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Tsv
    })
}

/// The default `--columns`: the standard fields in a table, everything elsewhere.
pub fn default_columns(format: Format) -> &'static str {
    if format == Format::Table {
        "std"
    } else {
        "all"
    }
}

/// Writes the rows of `tables` (their `spec` columns, looked up in each by name) as `format`
/// to `file`, replaced only once complete, or to stdout.
pub fn write_to(
    tables: &[Results],
    spec: &str,
    format: Format,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let Some(path) = file else {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        write(tables, spec, format, &mut out)?;
        return Ok(out.flush()?);
    };
    let part = part_path(path);
    let written = (|| {
        let mut out = io::BufWriter::new(std::fs::File::create(&part)?);
        write(tables, spec, format, &mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&part, path)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written.map_err(|f: Failure| Failure::new(f.exit, format!("{}: {}", path.display(), f.message)))
}

/// `FILE.part`, beside `FILE`.
pub fn part_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

/// Writes `spec`'s columns of every row of `tables` to `out` as `format` (not `votable`).
fn write(
    tables: &[Results],
    spec: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let Some(first) = tables.first() else {
        return Ok(());
    };
    let cols = select(first, spec)?;
    let raw: Vec<String> = cols.iter().map(|c| name(first, *c)).collect();
    let names = unique(raw.clone());
    let mut rows = Vec::new();
    for (t, results) in tables.iter().enumerate() {
        // The same columns by name in the other tables (DataLink answers of several calls).
        let here: Vec<Option<Col>> = cols
            .iter()
            .zip(&raw)
            .map(|(c, n)| match c {
                Col::Column(_) if t > 0 => results.column_index(n).map(Col::Column),
                _ => Some(*c),
            })
            .collect();
        for row in 0..results.row_count() {
            let cells = here
                .iter()
                .map(|c| c.map_or(Ok(Cell::Null), |c| cell(results, c, row)))
                .collect::<Result<Vec<Cell>, Failure>>()?;
            rows.push(cells);
        }
    }
    match format {
        Format::Table => table(&names, &rows, out)?,
        Format::Csv | Format::Tsv => delimited(&names, &rows, format == Format::Tsv, out)?,
        Format::Json => {
            let columns: Vec<serde_json::Value> = cols
                .iter()
                .zip(&names)
                .map(|(c, n)| serde_json::json!({"name": n, "unit": unit(first, *c)}))
                .collect();
            let records: Vec<serde_json::Value> = rows
                .iter()
                .map(|row| {
                    serde_json::Value::Object(
                        names
                            .iter()
                            .cloned()
                            .zip(row.iter().map(Cell::json))
                            .collect(),
                    )
                })
                .collect();
            let doc = serde_json::json!({
                "columns": columns,
                "overflow": tables.iter().any(Results::overflow),
                "rows": records,
            });
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Votable => unreachable!("the votable format is the response as it came"),
    }
    Ok(())
}

/// Aligned columns, a header line and a rule; null is `-`.
pub fn table(names: &[String], rows: &[Vec<Cell>], out: &mut dyn Write) -> io::Result<()> {
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Null => "-".to_string(),
                    c => c.text().replace(['\t', '\n', '\r'], " "),
                })
                .collect()
        })
        .collect();
    let width = |i: usize| {
        texts
            .iter()
            .map(|r| r[i].chars().count())
            .chain([names[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..names.len()).map(width).collect();
    let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                writeln!(out, "{cell}")?;
            } else {
                write!(out, "{cell:<w$}  ", w = widths[i])?;
            }
        }
        Ok(())
    };
    line(names, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for r in &texts {
        line(r, out)?;
    }
    Ok(())
}

/// CSV (RFC 4180 quoting) or TSV (tabs and newlines inside a value become spaces, as TSV
/// has no quoting); null is an empty field.
fn delimited(
    names: &[String],
    rows: &[Vec<Cell>],
    tabs: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if tabs {
        let clean = |s: String| s.replace(['\t', '\n', '\r'], " ");
        writeln!(
            out,
            "{}",
            names
                .iter()
                .cloned()
                .map(clean)
                .collect::<Vec<_>>()
                .join("\t")
        )?;
        for r in rows {
            let line: Vec<String> = r.iter().map(|c| clean(c.text())).collect();
            writeln!(out, "{}", line.join("\t"))?;
        }
        return Ok(());
    }
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| Failure::from(io::Error::other(e.to_string()));
    w.write_record(names).map_err(csv_err)?;
    for r in rows {
        w.write_record(r.iter().map(Cell::text)).map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_column_names_become_distinct() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            unique(names(&["ra", "dec", "ra", "ra", "ra_2"])),
            names(&["ra", "dec", "ra_2", "ra_3", "ra_2_2"])
        );
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(Cell::Real(0.1).text(), "0.1");
        assert_eq!(Cell::Real(f64::NAN).text(), "");
        assert_eq!(Cell::Numbers(vec![1.0, 2.5]).text(), "1 2.5");
        assert_eq!(Cell::Null.json(), serde_json::Value::Null);
        assert_eq!(Cell::Real(f64::INFINITY).json(), serde_json::Value::Null);
    }
}
