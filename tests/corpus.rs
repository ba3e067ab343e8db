//! Every response of the shared corpus (`../shared/corpus`, real archives' output) read by
//! the reader: row counts match the MANIFEST, error documents are service errors with the
//! service's own text, and the assertions of pyvo's own SIA tests (PEER_TESTS.md) hold.
//! Skipped, saying so, when `../shared` is not beside the project.

use std::path::{Path, PathBuf};

use vosia::stdfields::StdField;
use vosia::{ErrorKind, Results, SiaVersion};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("MANIFEST.tsv").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus is not beside the project");
        None
    }
}

struct Entry {
    path: String,
    protocol: String,
    kind: String,
    rows: usize,
}

fn manifest(dir: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Entry {
                path: cols[0].to_string(),
                protocol: cols[5].to_string(),
                kind: cols[6].to_string(),
                rows: cols[8].parse().unwrap(),
            }
        })
        .collect()
}

fn version_of(protocol: &str) -> SiaVersion {
    if protocol == "sia2" {
        SiaVersion::V2
    } else {
        SiaVersion::V1
    }
}

fn parse(dir: &Path, name: &str, version: SiaVersion) -> Results {
    Results::from_path(&dir.join(name), version)
        .unwrap_or_else(|e| panic!("{name}: {:?}: {}", e.kind(), e.message()))
}

#[test]
fn every_table_parses_with_the_manifest_row_count() {
    let Some(dir) = corpus() else { return };
    let mut checked = 0;
    for entry in manifest(&dir).iter().filter(|e| e.kind != "error") {
        let results = parse(&dir, &entry.path, version_of(&entry.protocol));
        assert_eq!(results.row_count(), entry.rows, "{}", entry.path);
        assert!(results.column_count() > 0, "{}", entry.path);
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} corpus tables found");
}

#[test]
fn every_error_document_is_a_service_error_with_its_text() {
    let Some(dir) = corpus() else { return };
    let expected = [
        (
            "pyvo-history/error2-sia.xml",
            "SiaUsageException: failed to parse POS",
        ),
        ("astropy/irsa-nph-error.xml", ""),
        ("astroquery/mast-conesearch_error1.xml", ""),
        ("astroquery/ned-error.xml", "No note found."),
        ("astroquery/vizier-no_server_error.xml", ""),
        ("pyvo-history/error2-cs.xml", ""),
        ("pyvo-history/error4-cs.xml", ""),
    ];
    let errors: Vec<Entry> = manifest(&dir)
        .into_iter()
        .filter(|e| e.kind == "error")
        .collect();
    assert_eq!(errors.len(), expected.len());
    for entry in errors {
        let err = match Results::from_path(&dir.join(&entry.path), SiaVersion::V1) {
            Ok(_) => panic!("{} parsed as a result", entry.path),
            Err(e) => e,
        };
        assert_eq!(
            err.kind(),
            ErrorKind::Service,
            "{}: {}",
            entry.path,
            err.message()
        );
        assert!(
            !err.message().trim().is_empty(),
            "{}: empty message",
            entry.path
        );
        let want = expected.iter().find(|(p, _)| *p == entry.path).unwrap().1;
        assert!(
            err.message().contains(want),
            "{}: {}",
            entry.path,
            err.message()
        );
    }
}

#[test]
fn pyvo_sia1_dataset_assertions() {
    let Some(dir) = corpus() else { return };
    let r = parse(&dir, "pyvo/sia1-dataset.xml", SiaVersion::V1);
    assert_eq!(r.row_count(), 2);
    let acref = r.std_column(StdField::AccessUrl).unwrap();
    assert_eq!(
        r.field(acref).unwrap().name,
        "accref",
        "the decoy first column must not win"
    );
    assert_eq!(
        r.std_text(0, StdField::AccessUrl)
            .unwrap()
            .unwrap()
            .to_str()
            .unwrap(),
        "http://example.com/querydata/image.fits"
    );
    assert_eq!(r.std_double(0, StdField::Filesize).unwrap(), Some(153280.0));
    assert_eq!(
        r.std_double(0, StdField::MjdObs).unwrap(),
        Some(18885.9416782409)
    );
    assert_eq!(
        r.std_double(1, StdField::MjdObs).unwrap(),
        None,
        "row 1's empty MJD is null"
    );
    assert_eq!(
        r.std_double(0, StdField::Ra).unwrap(),
        Some(288.95078924817)
    );
    assert_eq!(
        r.std_double(0, StdField::Dec).unwrap(),
        Some(15.0322239971381)
    );
    assert_eq!(
        r.std_text(0, StdField::Title)
            .unwrap()
            .unwrap()
            .to_str()
            .unwrap(),
        "Test Observation"
    );
    let mut scale = [0.0; 4];
    assert_eq!(
        r.std_numbers(0, StdField::Scale, &mut scale).unwrap(),
        Some(2)
    );
    assert_eq!(scale[0], f64::from(0.000403806f32));
    assert!(!r.overflow());
}

#[test]
fn pyvo_sia2_dataset_assertions() {
    let Some(dir) = corpus() else { return };
    let r = parse(&dir, "pyvo/sia2-dataset.xml", SiaVersion::V2);
    assert_eq!(r.row_count(), 1);
    let s = |f| {
        r.std_text(0, f)
            .unwrap()
            .map(|c| c.to_str().unwrap().to_string())
    };
    assert_eq!(s(StdField::Collection).as_deref(), Some("TEST"));
    assert_eq!(s(StdField::ObsId).as_deref(), Some("TEST-DATASET"));
    assert_eq!(s(StdField::Instrument).as_deref(), Some("TEST-INSTR"));
    assert_eq!(s(StdField::Facility).as_deref(), Some("TEST-1.6m"));
    // Two QUERY_STATUS=OK INFOs: still OK, no overflow.
    assert!(!r.overflow());
    assert_eq!(r.query_status().unwrap().value, "OK");
}

#[test]
fn gavo_bgds_binary_first_row() {
    let Some(dir) = corpus() else { return };
    let r = parse(&dir, "pyvo-history/gavo-bgds-siap1.xml", SiaVersion::V1);
    assert_eq!(r.row_count(), 243);
    let text = |f| {
        r.std_text(0, f)
            .unwrap()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        text(StdField::Instrument),
        "Robotic Bochum Twin Telescope (RoBoTT)"
    );
    assert!(text(StdField::Title).starts_with("BGDS GDS_0744-2958 SDSS i"));
    let mut naxis = [0.0; 2];
    assert_eq!(
        r.std_numbers(0, StdField::Naxis, &mut naxis).unwrap(),
        Some(2)
    );
    assert_eq!(naxis, [10800.0, 10800.0]);
    let dec = r.std_double(0, StdField::Dec).unwrap().unwrap();
    assert!((dec + 29.0).abs() < 2.0);
}

#[test]
fn overflow_after_the_table_is_seen() {
    let Some(dir) = corpus() else { return };
    let r = parse(&dir, "astropy/vizier_b2_votable.xml", SiaVersion::V1);
    assert_eq!(r.row_count(), 20);
    assert!(
        r.overflow(),
        "QUERY_STATUS=OVERFLOW after the TABLE must be seen"
    );
    let lsst = parse(&dir, "lsst-sia/self-description.xml", SiaVersion::V2);
    assert!(lsst.overflow());
    assert_eq!(lsst.row_count(), 0);
}
