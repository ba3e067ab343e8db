//! Nothing the reader is fed makes it panic: every corpus file cut at many points, and
//! random and mutated bytes, give either results or an error.

use std::path::Path;

use vosia::{Results, SiaVersion};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn feed(bytes: &[u8], what: &str) {
    for version in [SiaVersion::V1, SiaVersion::V2] {
        let outcome = std::panic::catch_unwind(|| Results::from_bytes(bytes, version));
        assert!(outcome.is_ok(), "panic on {what}");
        if let Ok(Ok(r)) = outcome {
            // Reading every cell of whatever came out must not panic either.
            for row in 0..r.row_count().min(50) {
                for col in 0..r.column_count() {
                    let _ = r.text(row, col);
                }
                for f in vosia::stdfields::StdField::ALL {
                    let _ = r.std_double(row, f);
                    let _ = r.std_numbers(row, f, &mut [0.0; 4]);
                }
            }
        }
    }
}

fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(manifest) = std::fs::read_to_string(dir.join("MANIFEST.tsv")) else {
        eprintln!("skipped: ../shared/corpus is not beside the project");
        return Vec::new();
    };
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|p| !p.is_empty())
        .map(|p| dir.join(p))
        .collect()
}

#[test]
fn corpus_files_cut_at_many_points() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for path in corpus_files() {
        let bytes = std::fs::read(&path).unwrap();
        let mut cuts: Vec<usize> = (0..60).map(|_| rng.below(bytes.len() + 1)).collect();
        cuts.extend([0, 1, bytes.len() / 2, bytes.len().saturating_sub(1)]);
        for cut in cuts {
            feed(&bytes[..cut], &format!("{} cut at {cut}", path.display()));
        }
    }
}

#[test]
fn corpus_files_with_bytes_flipped() {
    let mut rng = Rng(42);
    for path in corpus_files() {
        let original = std::fs::read(&path).unwrap();
        for round in 0..20 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            feed(&bytes, &format!("{} mutation {round}", path.display()));
        }
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(7);
    for round in 0..300 {
        let len = rng.below(2000);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if round % 2 == 0 {
            // Markup-shaped noise reaches deeper into the reader than plain noise.
            let pieces: [&[u8]; 12] = [
                b"<VOTABLE>",
                b"<RESOURCE type=\"results\">",
                b"<TABLE>",
                b"<FIELD name=\"a\" datatype=\"int\" arraysize=\"*\"/>",
                b"<DATA>",
                b"<TABLEDATA>",
                b"<TR>",
                b"<TD>",
                b"</TD>",
                b"<BINARY2><STREAM encoding=\"base64\">",
                b"</STREAM>",
                b"&amp;",
            ];
            bytes.clear();
            for _ in 0..rng.below(60) {
                bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
                if rng.below(3) == 0 {
                    bytes.push(rng.next() as u8);
                }
            }
        }
        feed(&bytes, &format!("random round {round}"));
    }
}
