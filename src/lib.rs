//! vosia: a client for the IVOA Simple Image Access protocol (SIA 1.0 and 2.0).
//!
//! The core is plain Rust, usable on its own: [`results::Results`] reads a VOTable response
//! (TABLEDATA, BINARY, BINARY2) from any [`std::io::BufRead`] into immutable typed columns,
//! and [`stdfields`] maps SIA 1.0 UCDs and SIA 2.0 ObsCore names onto one vocabulary in fixed
//! units; [`service::Service`] and [`query::Query`] send SIA queries over HTTP. The C ABI
//! lives in [`ffi`] and only calls into the core; the core never imports it.

pub mod attrs;
pub mod batch;
pub mod datalink;
pub mod describe;
pub mod download;
pub mod error;
pub mod footprint;
mod fetch;
pub mod http;
pub mod numfmt;
pub mod pacing;
pub mod params;
pub mod query;
mod redirect;
pub mod registry;
mod resolver;
pub mod results;
pub mod service;
mod sia;
pub mod soda;
pub mod samp;
pub mod stdfields;
pub mod tap;
pub mod tls;
pub mod vosi;
pub mod votable;
mod xml;

pub mod ffi;

pub use error::{Error, ErrorKind, Result};
pub use results::{Results, RowsSink};
pub use sia::SiaVersion;

/// The crate version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
