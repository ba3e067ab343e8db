//! The parallel reader: a TABLEDATA held in memory, or in a file whose parts each thread
//! reads itself, read on several threads gives the results of the single-threaded read,
//! every cell, every null and every warning, for clean documents (read in parts) and for
//! documents with what the fast path must leave to one thread (comments and CDATA holding
//! `<TR>` where a cut would fall, short rows, unreadable cells, a stray `</TD>`).

mod common;

use common::cells;
use std::path::Path;

use vosia::votable::read_document_on_threads;
use vosia::{Results, SiaVersion};

/// Reads `doc` on 1 thread and on `threads`, from memory and from a file; asserts all are
/// the same and returns how many threads the parallel reads used, from memory and from the
/// file (they may differ: the memory one cuts by the first `TABLEDATA>`, the file one by
/// the file's length, and a cut that lands in a comment sends that read to one thread).
fn same_on_threads(name: &str, doc: &[u8], threads: usize) -> [usize; 2] {
    let one = Results::from_bytes(doc, SiaVersion::V1).unwrap();
    let path = std::env::temp_dir().join(format!(
        "vosia-parallel-{}-{}-{threads}.xml",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        std::process::id()
    ));
    std::fs::write(&path, doc).unwrap();
    let from_memory = Results::from_bytes_on_threads(doc, SiaVersion::V1, 0, threads).unwrap();
    let from_file = Results::from_path_on_threads(&path, SiaVersion::V1, 0, threads).unwrap();
    for (many, source) in [(&from_memory, "memory"), (&from_file, "a file")] {
        let what = format!("{name} from {source} on {threads} threads");
        assert_eq!(many.row_count(), one.row_count(), "{what}");
        assert_eq!(cells(many), cells(&one), "{what}");
        assert_eq!(
            many.warnings().collect::<Vec<_>>(),
            one.warnings().collect::<Vec<_>>(),
            "{what}"
        );
        assert_eq!(many.overflow(), one.overflow(), "{what}");
    }
    let in_memory = read_document_on_threads(doc, 0, threads)
        .unwrap()
        .read_threads;
    let in_file = threads_from_file(&path, threads);
    std::fs::remove_file(&path).unwrap();
    [in_memory, in_file]
}

/// The threads a read of the file at `path` used.
#[cfg(unix)]
fn threads_from_file(path: &Path, threads: usize) -> usize {
    let file = std::fs::File::open(path).unwrap();
    vosia::votable::read_file_on_threads(&file, 0, threads)
        .unwrap()
        .read_threads
}

/// Elsewhere a file is read into memory first (no positioned reads).
#[cfg(not(unix))]
fn threads_from_file(path: &Path, threads: usize) -> usize {
    read_document_on_threads(&std::fs::read(path).unwrap(), 0, threads)
        .unwrap()
        .read_threads
}

/// A TABLEDATA table of `rows` rows of every shape: int, double, text with entities, a
/// double array, a long with nulls; each row also calls `extra(i)` for what to append.
fn table(rows: usize, extra: impl Fn(usize) -> String) -> Vec<u8> {
    let mut doc = String::from(
        r#"<?xml version="1.0"?><VOTABLE><RESOURCE type="results"><TABLE>
<FIELD name="i" datatype="int"/><FIELD name="x" datatype="double"/>
<FIELD name="t" datatype="char" arraysize="*"/><FIELD name="a" datatype="double" arraysize="*"/>
<FIELD name="n" datatype="long"><VALUES null="-1"/></FIELD><DATA><TABLEDATA>
"#,
    );
    for i in 0..rows {
        let n = if i % 13 == 0 {
            -1
        } else {
            i as i64 * 1_000_003
        };
        doc.push_str(&format!(
            "<TR><TD>{i}</TD><TD>{}</TD><TD>r&amp;{i} &lt;ok&gt;</TD><TD>{} {}</TD><TD>{n}</TD></TR>\n",
            i as f64 / 7.0,
            i as f64 * 0.5,
            -(i as f64),
        ));
        doc.push_str(&extra(i));
    }
    doc.push_str(
        r#"</TABLEDATA></DATA></TABLE><INFO name="QUERY_STATUS" value="OVERFLOW"/></RESOURCE></VOTABLE>"#,
    );
    doc.into_bytes()
}

#[test]
fn a_clean_table_is_read_in_parts_with_the_same_cells() {
    let doc = table(40_000, |_| String::new());
    assert!(doc.len() > 2 << 20, "large enough to be cut");
    for threads in [2, 3, 8] {
        let used = same_on_threads("clean", &doc, threads);
        assert_eq!(used, [threads; 2], "read in {threads} parts");
    }
    assert_eq!(same_on_threads("clean", &doc, 1), [1; 2]);
}

#[test]
fn a_byte_order_mark_does_not_shift_where_the_parts_are_read() {
    // quick-xml does not count the mark in its positions; a file read must still skip
    // exactly the TABLEDATA, or `</DATA>` after it would be cut.
    let mut doc = vec![0xEF, 0xBB, 0xBF];
    doc.extend(table(40_000, |_| String::new()));
    assert_eq!(same_on_threads("a byte-order mark", &doc, 2), [2; 2]);
}

#[test]
fn a_small_table_stays_on_one_thread() {
    let doc = table(100, |_| String::new());
    assert_eq!(same_on_threads("small", &doc, 4), [1; 2]);
}

#[test]
fn rows_hidden_in_comments_and_cdata_never_split_a_table_wrongly() {
    // Every row is followed by a comment and a CDATA cell holding "<TR>": wherever a cut
    // lands, the text there may look like a row start.
    let doc = table(30_000, |i| {
        format!(
            "<!-- <TR><TD>{i}</TD></TR> --><TR><TD>{i}</TD><TD>1</TD><TD><![CDATA[<TR> x]]></TD><TD>1</TD><TD>2</TD></TR>\n"
        )
    });
    for threads in [2, 5] {
        same_on_threads("comments and CDATA", &doc, threads);
    }
}

#[test]
fn what_one_thread_warns_about_is_read_on_one_thread() {
    let short = table(30_000, |i| {
        if i == 20_000 {
            "<TR><TD>1</TD></TR>\n".to_string()
        } else {
            String::new()
        }
    });
    assert_eq!(same_on_threads("a short row", &short, 2), [1; 2]);
    let unreadable = table(30_000, |i| {
        if i == 25_000 {
            "<TR><TD>x</TD><TD>y</TD><TD/><TD/><TD/></TR>\n".to_string()
        } else {
            String::new()
        }
    });
    assert_eq!(
        same_on_threads("an unreadable cell", &unreadable, 2),
        [1; 2]
    );
    let stray = table(30_000, |i| {
        if i == 22_000 {
            "<TR><TD>1</TD><x/></TD><TD>2</TD><TD>t</TD><TD>3</TD><TD>4</TD></TR>\n".to_string()
        } else {
            String::new()
        }
    });
    assert_eq!(same_on_threads("a stray </TD>", &stray, 2), [1; 2]);
}

#[test]
fn the_benchmark_file_reads_the_same_on_two_threads() {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_sia1.py");
    if !generator.exists() {
        eprintln!("skipped: ../shared/bench/gen_sia1.py is not beside the project");
        return;
    }
    let out = std::env::temp_dir().join(format!("vosia-parallel-{}.xml", std::process::id()));
    let status = std::process::Command::new("python3")
        .arg(&generator)
        .arg("20000")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let one = Results::from_path(&out, SiaVersion::V1).unwrap();
    let two = Results::from_path_on_threads(&out, SiaVersion::V1, 0, 2).unwrap();
    let _ = std::fs::remove_file(&out);
    assert_eq!(two.row_count(), 20_000);
    assert_eq!(cells(&two), cells(&one));
}
