//! Bounded memory under hostile input (issue 10): whatever a document is made of, the reader
//! keeps at most its memory budget and holds at most one 16 MB token for quick-xml. Each test
//! builds the attack that once took gigabytes from a small input.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use vosia::{ErrorKind, Results, SiaVersion};

fn within(doc: &[u8], budget: u64) -> vosia::Result<Results> {
    Results::from_reader_within(doc, SiaVersion::V1, budget)
}

fn chunked(doc: &[u8], chunk: usize) -> vosia::Result<Results> {
    Results::from_reader(
        std::io::BufReader::with_capacity(chunk, doc),
        SiaVersion::V1,
    )
}

/// `fields` double FIELDs, then `rows` rows of no cells (`<TR/>`, five bytes each).
fn empty_rows(fields: usize, rows: usize) -> Vec<u8> {
    let mut doc = String::from("<VOTABLE><RESOURCE><TABLE>");
    for i in 0..fields {
        doc += &format!(r#"<FIELD name="c{i}" datatype="double"/>"#);
    }
    doc += "<DATA><TABLEDATA>";
    doc += &"<TR/>".repeat(rows);
    doc += "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
    doc.into_bytes()
}

#[test]
fn rows_of_no_cells_under_many_fields_stop_at_the_budget() {
    // 100 000 empty rows under 1 000 FIELDs: 530 KB that would be 800 MB of nulls.
    let doc = empty_rows(1000, 100_000);
    let started = std::time::Instant::now();
    let e = within(&doc, 64 << 20).err().expect("refused");
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert!(e.message().contains("memory budget of 64 MiB"), "{e}");
    assert!(e.message().contains("MAXREC"), "says what to do: {e}");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    // The same table, fewer rows, fits; 0 is no limit.
    let small = empty_rows(1000, 100);
    assert_eq!(within(&small, 64 << 20).unwrap().row_count(), 100);
    assert_eq!(within(&small, 0).unwrap().row_count(), 100);
}

#[test]
fn binary2_is_charged_what_it_decodes_to_not_its_size_on_the_wire() {
    // 200 `short` columns: 400 bytes of a row (plus 25 of null flags) become 1 600 or more.
    let fields: String = (0..200)
        .map(|i| format!(r#"<FIELD name="s{i}" datatype="short"/>"#))
        .collect();
    let rows = 20_000;
    let row_bytes = 25 + 200 * 2;
    let stream = STANDARD.encode(vec![0u8; rows * row_bytes]);
    let doc = format!(
        "<VOTABLE><RESOURCE><TABLE>{fields}<DATA><BINARY2><STREAM encoding=\"base64\">{stream}\
         </STREAM></BINARY2></DATA></TABLE></RESOURCE></VOTABLE>"
    );
    // 11 MB on the wire, 32 MB decoded (up to twice that allocated while vectors double).
    assert!(doc.len() < 12 << 20);
    let e = within(doc.as_bytes(), 24 << 20).err().expect("refused");
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert_eq!(within(doc.as_bytes(), 96 << 20).unwrap().row_count(), rows);
}

#[test]
fn a_comment_or_text_of_any_length_is_never_held_past_16_mb() {
    let cell = r#"<FIELD name="t" datatype="char" arraysize="*"/>"#;
    let table = format!(
        "<RESOURCE><TABLE>{cell}<DATA><TABLEDATA><TR><TD>a</TD></TR></TABLEDATA></DATA>\
         </TABLE></RESOURCE></VOTABLE>"
    );
    let huge = "x".repeat(20 << 20);
    for doc in [
        format!("<VOTABLE><!--{huge}-->{table}"),
        format!("<!--{huge}--><VOTABLE>{table}"),
        format!("<VOTABLE><DESCRIPTION>{huge}</DESCRIPTION>{table}"),
        format!("<VOTABLE><INFO name=\"x\" value=\"{huge}\"/>{table}"),
    ] {
        let whole = within(doc.as_bytes(), 0).err().expect("refused");
        assert!(whole.message().contains("runs past 16 MB"), "{whole}");
        let e = chunked(doc.as_bytes(), 4096).err().expect("refused");
        assert_eq!(e.message(), whole.message(), "same answer read in chunks");
    }
    // Zeros (as from /dev/zero) are not a document, and are not gathered without end.
    let zeros = vec![0u8; 20 << 20];
    assert_eq!(within(&zeros, 0).err().unwrap().kind(), ErrorKind::Format);
}

#[test]
fn the_stream_of_a_table_not_read_is_skipped_not_held() {
    // A first, non-results table with a 24 MB BINARY stream, then the results table.
    let stream = STANDARD.encode(vec![7u8; 18 << 20]);
    let doc = format!(
        "<VOTABLE><RESOURCE type=\"meta\"><TABLE><FIELD name=\"b\" datatype=\"unsignedByte\"/>\
         <DATA><BINARY><STREAM encoding=\"base64\">{stream}</STREAM></BINARY></DATA></TABLE>\
         </RESOURCE><RESOURCE type=\"results\"><TABLE><FIELD name=\"t\" datatype=\"char\" \
         arraysize=\"*\"/><DATA><TABLEDATA><TR><TD>kept</TD></TR></TABLEDATA></DATA></TABLE>\
         </RESOURCE></VOTABLE>"
    );
    let r = within(doc.as_bytes(), 0).unwrap();
    assert_eq!(r.str(0, 0).unwrap(), Some("kept"));
}

#[test]
fn a_cell_over_64_mib_is_null_with_a_warning_never_silently_cut() {
    // Text pieces of 1 MiB between entity references: no token is long, the cell is.
    let piece = format!("{}&amp;", "y".repeat(1 << 20));
    let doc = format!(
        "<VOTABLE><RESOURCE><TABLE><FIELD name=\"t\" datatype=\"char\" arraysize=\"*\"/>\
         <DATA><TABLEDATA><TR><TD>{}</TD></TR><TR><TD>short</TD></TR></TABLEDATA></DATA>\
         </TABLE></RESOURCE></VOTABLE>",
        piece.repeat(65)
    );
    let r = within(doc.as_bytes(), 0).unwrap();
    assert_eq!(r.row_count(), 2);
    assert_eq!(r.str(0, 0).unwrap(), None, "not a cut string");
    assert_eq!(r.str(1, 0).unwrap(), Some("short"));
    assert!(
        r.warnings()
            .any(|w| w.contains("row 0, column t") && w.contains("longer than 64 MiB")),
        "{:?}",
        r.warnings().collect::<Vec<_>>()
    );
}

#[test]
fn text_that_is_not_xml_is_said_to_be_so() {
    let e = within(b"hello", 0).err().unwrap();
    assert_eq!(e.kind(), ErrorKind::Format);
    assert!(
        e.message().contains("starts with text") && e.message().contains("hello"),
        "{e}"
    );
}

#[test]
fn a_small_document_of_millions_of_elements_is_refused_not_built() {
    // 8 MB of empty elements would be a DOM of several hundred MB.
    let doc = format!("<capabilities>{}</capabilities>", "<a/>".repeat(2 << 20));
    let e = vosia::vosi::parse_capabilities(doc.as_bytes()).expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
    assert!(e.message().contains("nodes"), "{e}");
}
