//! The peak resident memory of the process while the reader meets each attack of issue 10
//! stays under its memory budget plus a small constant. One test in its own binary, so that
//! nothing else runs in the process while its peak (Linux `VmHWM`, reset through
//! `/proc/self/clear_refs`) is measured; run with `--nocapture` for the figures.

use std::io::{BufReader, Read};

use vosia::{ErrorKind, Results, SiaVersion};

const MIB: u64 = 1 << 20;

fn status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(key)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Runs `attack` and returns how far the peak resident size rose above the size before, in
/// bytes, with what the attack returned.
fn peak_rise<T>(attack: impl FnOnce() -> T) -> (u64, T) {
    std::fs::write("/proc/self/clear_refs", "5").expect("Linux resets the peak RSS");
    let before = status_kib("VmRSS:");
    let out = attack();
    let peak = status_kib("VmHWM:");
    (peak.saturating_sub(before) * 1024, out)
}

/// A document generated as it is read: `head`, then `filler` repeated `count` times, then
/// `tail`; it is never in memory whole, so what the process holds is the reader's doing.
struct Generated {
    parts: Vec<(Vec<u8>, u64)>,
    at: usize,
    offset: usize,
    left: u64,
}

impl Generated {
    fn new(head: &str, filler: &str, count: u64, tail: &str) -> BufReader<Generated> {
        let parts = vec![
            (head.as_bytes().to_vec(), 1),
            (filler.as_bytes().to_vec(), count),
            (tail.as_bytes().to_vec(), 1),
        ];
        let left = parts[0].1;
        BufReader::with_capacity(
            1 << 16,
            Generated {
                parts,
                at: 0,
                offset: 0,
                left,
            },
        )
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && self.at < self.parts.len() {
            let (bytes, _) = &self.parts[self.at];
            let take = (bytes.len() - self.offset).min(buf.len() - n);
            buf[n..n + take].copy_from_slice(&bytes[self.offset..self.offset + take]);
            n += take;
            self.offset += take;
            if self.offset == bytes.len() {
                self.offset = 0;
                self.left -= 1;
                if self.left == 0 {
                    self.at += 1;
                    self.left = self.parts.get(self.at).map_or(0, |p| p.1);
                }
            }
        }
        Ok(n)
    }
}

#[test]
fn peak_memory_stays_within_the_budget_under_every_attack() {
    let budget = 256 * MIB;
    let slack = 48 * MIB;

    // 1. Rows of no cells under 2 000 FIELDs: 1 MB of `<TR/>` that once meant 3.2 GB.
    let fields: String = (0..2000)
        .map(|i| format!(r#"<FIELD name="c{i}" datatype="double"/>"#))
        .collect();
    let head = format!("<VOTABLE><RESOURCE><TABLE>{fields}<DATA><TABLEDATA>");
    let tail = "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
    let (rise, result) = peak_rise(|| {
        Results::from_reader_within(
            Generated::new(&head, "<TR/>", 200_000, tail),
            SiaVersion::V1,
            budget,
        )
    });
    let e = result.err().expect("refused");
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    eprintln!(
        "rows x columns, 1 MB input, budget 256 MiB: peak rose {} MiB",
        rise / MIB
    );
    assert!(rise <= budget + slack, "rose {} MiB", rise / MIB);

    // 2. A small document declaring a 1 MB entity, referenced 1 000 times.
    let entity = "e".repeat(1 << 20);
    let refs = "&big;".repeat(1000);
    let doc = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE VOTABLE [<!ENTITY big \"{entity}\">]>\
         <VOTABLE><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/>\
         <PARAM name=\"INPUT:POS\" datatype=\"char\" arraysize=\"*\" value=\"{refs}\"/>\
         </RESOURCE></VOTABLE>"
    );
    let (rise, result) = peak_rise(|| vosia::describe::parse_metadata(doc.as_bytes()));
    assert_eq!(result.expect_err("refused").kind(), ErrorKind::Format);
    eprintln!(
        "entity expansion, 1 MB document: peak rose {} MiB",
        rise / MIB
    );
    assert!(rise <= 16 * MIB, "rose {} MiB", rise / MIB);

    // 3. A 300 MB comment, and the zeros of /dev/zero: never gathered past 16 MB.
    let (rise, result) = peak_rise(|| {
        Results::from_reader_within(
            Generated::new("<VOTABLE><!--", &"x".repeat(4096), 75_000, "--></VOTABLE>"),
            SiaVersion::V1,
            budget,
        )
    });
    assert!(
        result
            .err()
            .expect("refused")
            .message()
            .contains("runs past 16 MB")
    );
    eprintln!("300 MB comment: peak rose {} MiB", rise / MIB);
    assert!(rise <= 40 * MIB, "rose {} MiB", rise / MIB);
    let (rise, result) = peak_rise(|| {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        Results::from_reader_within(BufReader::new(zero), SiaVersion::V1, budget)
    });
    assert_eq!(result.err().expect("refused").kind(), ErrorKind::Format);
    eprintln!("/dev/zero: peak rose {} MiB", rise / MIB);
    assert!(rise <= 40 * MIB, "rose {} MiB", rise / MIB);
}
