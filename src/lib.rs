//! vosia: a client for the IVOA Simple Image Access protocol (SIA 1.0 and 2.0).
//!
//! The core is plain Rust, usable on its own: [`results::Results`] reads a VOTable response
//! (TABLEDATA, BINARY, BINARY2) from any [`std::io::BufRead`] into immutable typed columns,
//! and [`stdfields`] maps SIA 1.0 UCDs and SIA 2.0 ObsCore names onto one vocabulary in fixed
//! units. The C ABI lives in [`ffi`] and only calls into the core; the core never imports it.

pub mod attrs;
pub mod describe;
pub mod error;
mod fetch;
pub mod http;
pub mod numfmt;
pub mod params;
pub mod query;
pub mod results;
pub mod service;
pub mod stdfields;
pub mod vosi;
pub mod votable;
mod xml;

pub mod ffi;

pub use error::{Error, ErrorKind, Result};
pub use results::Results;

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

    pub fn number(self) -> i32 {
        match self {
            SiaVersion::V1 => 1,
            SiaVersion::V2 => 2,
        }
    }
}

/// The crate version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
