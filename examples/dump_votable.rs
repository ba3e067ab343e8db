//! Prints a VOTable as vosia reads it, as JSON lines, for comparison with other readers
//! (tests/astropy_compare.py).
//!
//! Usage: `cargo run --release --example dump_votable -- FILE [1|2]` (SIA version, default 1).
//!
//! Line 1: `{"rows": N, "warning_count": N, "warnings": [TEXT...], "columns": [{"name", "id",
//! "datatype", "datatype_missing", "arraysize", "shape"}...]}` (warnings: the reader's repairs).
//! Then one JSON array per row, one element per column: `null`, a number (integers and
//! booleans as integers, reals in shortest round-trip form), a string, or an array of
//! numbers with NaN elements as `null`. A document the reader rejects prints one line
//! `{"error": KIND, "message": TEXT}` instead (exit status 0: the rejection is the output).

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};
use vosia::results::Numbers;
use vosia::votable::Shape;
use vosia::{Results, SiaVersion};

fn real(x: f64) -> Value {
    // serde_json turns a non-finite float into null; infinities would be lost that way.
    if x.is_nan() {
        Value::Null
    } else if x.is_infinite() {
        Value::String(if x > 0.0 { "Infinity" } else { "-Infinity" }.into())
    } else {
        json!(x)
    }
}

fn cell(r: &Results, row: usize, col: usize, shape: Shape) -> vosia::Result<Value> {
    if r.is_null(row, col)? {
        return Ok(Value::Null);
    }
    Ok(match shape {
        Shape::Text => r.str(row, col)?.map_or(Value::Null, |s| json!(s)),
        Shape::Integer => r.int64(row, col)?.map_or(Value::Null, |v| json!(v)),
        Shape::Real => r.double(row, col)?.map_or(Value::Null, real),
        Shape::IntegerArray | Shape::RealArray => match r.numbers(row, col)? {
            None => Value::Null,
            Some(Numbers::Integers(v)) => json!(v),
            Some(Numbers::Reals(v)) => Value::Array(v.iter().map(|&x| real(x)).collect()),
        },
    })
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        eprintln!("usage: dump_votable FILE [1|2]");
        return ExitCode::from(2);
    };
    let version = match args.next().as_ref().and_then(|a| a.to_str()) {
        None | Some("1") => SiaVersion::V1,
        Some("2") => SiaVersion::V2,
        Some(other) => {
            eprintln!("unknown SIA version {other:?}: use 1 or 2");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let results = match Results::from_path(&path, version) {
        Ok(r) => r,
        Err(e) => {
            let line = json!({"error": format!("{:?}", e.kind()), "message": e.message()});
            writeln!(out, "{line}").and_then(|()| out.flush()).ok();
            return ExitCode::SUCCESS;
        }
    };
    let fields: Vec<_> = (0..results.column_count())
        .map(|c| results.field(c).expect("column in range"))
        .collect();
    let header = json!({
        "rows": results.row_count(),
        "warning_count": results.warning_count(),
        "warnings": results.warnings().collect::<Vec<_>>(),
        "columns": fields.iter().map(|f| json!({
            "name": f.name,
            "id": f.id,
            "datatype": f.datatype.name(),
            "datatype_missing": f.datatype_missing,
            "arraysize": f.arraysize_text,
            "shape": format!("{:?}", f.shape()),
        })).collect::<Vec<_>>(),
    });
    let shapes: Vec<Shape> = fields.iter().map(|f| f.shape()).collect();
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "{header}")?;
        for row in 0..results.row_count() {
            let cells = shapes
                .iter()
                .enumerate()
                .map(|(col, &shape)| cell(&results, row, col, shape))
                .collect::<vosia::Result<Vec<_>>>()
                .map_err(|e| std::io::Error::other(format!("row {row}: {}", e.message())))?;
            writeln!(out, "{}", Value::Array(cells))?;
        }
        out.flush()
    };
    match write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump_votable: {e}");
            ExitCode::FAILURE
        }
    }
}
