//! (being written)
use super::handle::HandleKind;
use crate::results::Results;

/// Opaque handle to an immutable, fully parsed response (`vosia_results_*`).
pub struct vosia_results {
    _private: [u8; 0],
}

impl HandleKind for Results {
    const MAGIC: u64 = 0x766f_7369_6172_6573; // "vosiares"
    const NAME: &'static str = "vosia_results";
}
