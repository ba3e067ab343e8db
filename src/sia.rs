//! The SIA protocol versions.

/// The SIA protocol version a service speaks or a response follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiaVersion {
    /// SIA 1.0: POS/SIZE queries, results described by `VOX:` UCDs.
    V1,
    /// SIA 2.0: DALI parameters, results in ObsCore columns.
    V2,
}

impl SiaVersion {
    /// The version for the C constants `VOSIA_SIA1` (1) and `VOSIA_SIA2` (2).
    pub fn from_number(n: i32) -> Option<SiaVersion> {
        match n {
            1 => Some(SiaVersion::V1),
            2 => Some(SiaVersion::V2),
            _ => None,
        }
    }

    /// The C constant of this version (`VOSIA_SIA1`, `VOSIA_SIA2`).
    pub fn number(self) -> i32 {
        match self {
            SiaVersion::V1 => 1,
            SiaVersion::V2 => 2,
        }
    }
}
