//! The VOTable reader on any bytes, from memory, as both SIA versions: results or an error,
//! never a panic, and never more than its memory budget (64 MiB here; libFuzzer's -rss_limit_mb
//! catches a breach).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vosia::{Results, SiaVersion};

const BUDGET: u64 = 64 << 20;

fuzz_target!(|data: &[u8]| {
    for version in [SiaVersion::V1, SiaVersion::V2] {
        if let Ok(r) = Results::from_reader_within(data, version, BUDGET) {
            // Every cell and standard field is readable once parsed.
            for row in 0..r.row_count().min(64) {
                for col in 0..r.column_count().min(64) {
                    let _ = r.text(row, col).unwrap();
                    let _ = r.is_null(row, col).unwrap();
                }
            }
        }
    }
});
