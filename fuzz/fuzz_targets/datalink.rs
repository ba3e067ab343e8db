//! The DataLink links reader: a links table or an error, never a panic; every link found is
//! usable (its service descriptor, the #this lookup).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(links) = vosia::datalink::Links::from_bytes(data) {
        for link in &links.links {
            let _ = links.service_of(link);
        }
        let _ = links.this(None);
    }
});
