//! The VOTable reader: streams a VOTable (TABLEDATA, BINARY, BINARY2) from any `BufRead`
//! into typed columns, tolerating the quirks of real archives.

pub mod binary;
pub mod columns;
pub mod reader;
pub mod tabledata;
mod tabledata_stream;
pub mod types;

pub use columns::{Cells, Column};
pub use reader::{Document, Info, Scope, Table, read_document};
pub use types::{ArraySize, Datatype, Field, Shape};
