//! Streamed reads: the rows handed on batch by batch are, cell for cell, the rows of the
//! whole read, for every corpus table, for TABLEDATA, BINARY and BINARY2 at any batch size,
//! and an error of the receiver stops the read.

mod common;

use common::cells;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use vosia::{Error, ErrorKind, Results, SiaVersion};

/// Reads `doc` in batches of `batch_rows`: the cells of all batches in order, the number of
/// batches, and the results of the rest of the document.
fn streamed(
    doc: &[u8],
    version: SiaVersion,
    batch_rows: usize,
) -> (Vec<Vec<Option<String>>>, usize, Results) {
    let mut rows = Vec::new();
    let mut batches = 0;
    let mut sink = |batch: Results, first_row: u64| {
        assert_eq!(first_row as usize, rows.len(), "batches come in order");
        assert!(batch.row_count() >= 1 && batch.row_count() <= batch_rows);
        rows.extend(cells(&batch));
        batches += 1;
        Ok(())
    };
    let rest = Results::read_in_batches(doc, version, 0, batch_rows, &mut sink)
        .unwrap_or_else(|e| panic!("{:?}: {}", e.kind(), e.message()));
    (rows, batches, rest)
}

fn assert_same_as_whole(name: &str, doc: &[u8], version: SiaVersion, batch_rows: usize) {
    let whole = Results::from_bytes(doc, version).unwrap();
    let (rows, batches, rest) = streamed(doc, version, batch_rows);
    assert_eq!(rows, cells(&whole), "{name}, batches of {batch_rows}");
    assert_eq!(batches, whole.row_count().div_ceil(batch_rows), "{name}");
    assert_eq!(rest.row_count(), 0, "{name}: the rest holds no rows");
    assert_eq!(rest.column_count(), whole.column_count(), "{name}");
    assert_eq!(rest.overflow(), whole.overflow(), "{name}");
    assert_eq!(rest.query_status(), whole.query_status(), "{name}");
    for col in 0..whole.column_count() {
        assert_eq!(rest.field(col), whole.field(col), "{name}, column {col}");
    }
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("MANIFEST.tsv").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus is not beside the project");
        None
    }
}

#[test]
fn every_corpus_table_streams_to_the_cells_of_the_whole_read() {
    let Some(dir) = corpus() else { return };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut checked = 0;
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[6] == "error" {
            continue;
        }
        let version = if cols[5] == "sia2" {
            SiaVersion::V2
        } else {
            SiaVersion::V1
        };
        let doc = std::fs::read(dir.join(cols[0])).unwrap();
        for batch_rows in [1, 7, 1000] {
            assert_same_as_whole(cols[0], &doc, version, batch_rows);
        }
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} corpus tables found");
}

/// A BINARY or BINARY2 table of `rows` rows: an int, a double (NaN every 5th row), a
/// variable-length string (empty, so null, every 7th) and a fixed int[2] array.
fn binary_table(binary2: bool, rows: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for i in 0..rows {
        if binary2 {
            bytes.push(if i % 11 == 0 { 0b0100_0000 } else { 0 }); // 11th rows: double null
        }
        bytes.extend_from_slice(&(i as i32).to_be_bytes());
        let x = if i % 5 == 0 { f64::NAN } else { i as f64 / 3.0 };
        bytes.extend_from_slice(&x.to_be_bytes());
        let text = if i % 7 == 0 {
            String::new()
        } else {
            format!("row {i}")
        };
        bytes.extend_from_slice(&(text.len() as u32).to_be_bytes());
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(&(i as i32 * 2).to_be_bytes());
        bytes.extend_from_slice(&(-(i as i32)).to_be_bytes());
    }
    let tag = if binary2 { "BINARY2" } else { "BINARY" };
    format!(
        r#"<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OVERFLOW"/><TABLE>
<FIELD name="i" datatype="int"/><FIELD name="x" datatype="double"/>
<FIELD name="s" datatype="char" arraysize="*"/><FIELD name="a" datatype="int" arraysize="2"/>
<DATA><{tag}><STREAM encoding="base64">{}</STREAM></{tag}></DATA></TABLE></RESOURCE></VOTABLE>"#,
        STANDARD.encode(bytes)
    )
    .into_bytes()
}

fn tabledata_table(rows: usize) -> Vec<u8> {
    let mut doc = String::from(
        r#"<VOTABLE><RESOURCE type="results"><TABLE><FIELD name="i" datatype="int"/>
<FIELD name="s" datatype="char" arraysize="*"/><FIELD name="bad" datatype="double"/><DATA><TABLEDATA>"#,
    );
    for i in 0..rows {
        // Every 4th row is short (its last cells null), every 9th has an unreadable double.
        let last = if i % 9 == 0 {
            "<TD>x</TD>"
        } else {
            "<TD>1.5</TD>"
        };
        if i % 4 == 0 {
            doc.push_str(&format!("<TR><TD>{i}</TD></TR>"));
        } else {
            doc.push_str(&format!("<TR><TD>{i}</TD><TD>a&amp;{i}</TD>{last}</TR>"));
        }
    }
    doc.push_str(
        r#"</TABLEDATA></DATA></TABLE><INFO name="QUERY_STATUS" value="OVERFLOW"/></RESOURCE></VOTABLE>"#,
    );
    doc.into_bytes()
}

#[test]
fn binary_and_binary2_stream_to_the_whole_read_at_any_batch_size() {
    // 20 000 rows: more than one 64 KiB block of base64, so batches end inside blocks.
    for binary2 in [false, true] {
        let doc = binary_table(binary2, 20_000);
        for batch_rows in [1, 3, 64, 4096, 20_000, 1 << 20] {
            assert_same_as_whole(
                &format!("binary2={binary2}"),
                &doc,
                SiaVersion::V1,
                batch_rows,
            );
        }
    }
}

#[test]
fn tabledata_streams_to_the_whole_read_at_any_batch_size() {
    let doc = tabledata_table(5_000);
    for batch_rows in [1, 2, 999, 5_000, 5_001] {
        assert_same_as_whole("tabledata", &doc, SiaVersion::V1, batch_rows);
    }
    let (_, _, rest) = streamed(&doc, SiaVersion::V1, 100);
    assert!(
        rest.overflow(),
        "a QUERY_STATUS after the table is in the rest"
    );
}

#[test]
fn warnings_name_rows_of_the_whole_table() {
    let doc = tabledata_table(300);
    let whole = Results::from_bytes(&doc, SiaVersion::V1).unwrap();
    let (_, _, rest) = streamed(&doc, SiaVersion::V1, 50);
    assert!(
        rest.warnings().any(|w| w.contains("row 297,")),
        "a row of the 6th batch"
    );
    assert_eq!(rest.warning_count(), whole.warning_count());
    assert_eq!(
        rest.warnings().collect::<Vec<_>>(),
        whole.warnings().collect::<Vec<_>>()
    );
}

#[test]
fn an_empty_table_hands_on_nothing_and_keeps_its_columns() {
    let doc = tabledata_table(0);
    let (rows, batches, rest) = streamed(&doc, SiaVersion::V1, 10);
    assert!(rows.is_empty());
    assert_eq!(batches, 0);
    assert_eq!(rest.column_count(), 3);
}

#[test]
fn an_error_of_the_receiver_stops_the_read_and_is_returned() {
    let doc = binary_table(true, 20_000);
    let mut calls = 0;
    let mut sink = |_: Results, _: u64| {
        calls += 1;
        if calls == 2 {
            return Err(Error::new(ErrorKind::Cancelled, "enough"));
        }
        Ok(())
    };
    let err = Results::read_in_batches(&doc[..], SiaVersion::V1, 0, 100, &mut sink)
        .err()
        .expect("the read stops");
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert!(err.message().contains("enough"), "{}", err.message());
    assert_eq!(calls, 2, "no batch after the one that said stop");
}

#[test]
fn a_service_error_hands_on_no_rows() {
    let doc = br#"<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">bad POS</INFO>
<TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA/></DATA></TABLE></RESOURCE></VOTABLE>"#;
    let mut calls = 0;
    let mut sink = |_: Results, _: u64| {
        calls += 1;
        Ok(())
    };
    let err = Results::read_in_batches(&doc[..], SiaVersion::V1, 0, 10, &mut sink)
        .err()
        .expect("an error");
    assert_eq!(err.kind(), ErrorKind::Service);
    assert!(err.message().contains("bad POS"));
    assert_eq!(calls, 0);
}

#[test]
fn a_results_table_after_a_streamed_table_is_refused() {
    let doc = br#"<VOTABLE><RESOURCE><TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA>
<TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE><RESOURCE type="results"><TABLE>
<FIELD name="b" datatype="int"/><DATA><TABLEDATA><TR><TD>2</TD></TR></TABLEDATA></DATA></TABLE>
</RESOURCE></VOTABLE>"#;
    let whole = Results::from_bytes(doc, SiaVersion::V1).unwrap();
    assert_eq!(
        whole.field(0).unwrap().name,
        "b",
        "the whole read picks the results table"
    );
    let mut sink = |_: Results, _: u64| Ok(());
    let err = Results::read_in_batches(&doc[..], SiaVersion::V1, 0, 1, &mut sink)
        .err()
        .expect("refused");
    assert_eq!(err.kind(), ErrorKind::Format);
    assert!(err.message().contains("whole"), "{}", err.message());
}

#[test]
fn the_memory_budget_bounds_one_batch_not_the_table() {
    // 20 000 rows of about 40 decoded bytes: 800 KB whole, a few KB a batch.
    let doc = binary_table(false, 20_000);
    let budget = 256 << 10;
    let whole = Results::from_reader_within(&doc[..], SiaVersion::V1, budget);
    assert_eq!(whole.err().map(|e| e.kind()), Some(ErrorKind::TooLarge));
    let mut rows = 0;
    let mut sink = |b: Results, _: u64| {
        rows += b.row_count();
        Ok(())
    };
    Results::read_in_batches(&doc[..], SiaVersion::V1, budget, 500, &mut sink).unwrap();
    assert_eq!(rows, 20_000);
}
