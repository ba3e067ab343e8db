//! The small documents read whole (VOSI capabilities and availability, the FORMAT=METADATA
//! self-description): a value or an error, never a panic or an expansion.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vosia::vosi::parse_capabilities(data);
    let _ = vosia::vosi::parse_availability(data);
    let _ = vosia::describe::parse_metadata(data);
});
