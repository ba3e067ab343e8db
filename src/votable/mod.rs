//! The VOTable reader: streams a VOTable (TABLEDATA, BINARY, BINARY2) from any `BufRead`
//! into typed columns, tolerating the quirks of real archives.

mod streamed;
mod binary;
mod budget;
mod cells;
mod parallel;
#[cfg(unix)]
mod positioned;
pub mod columns;
pub mod descriptors;
mod reader;
mod tabledata;
mod token_limit;
pub mod types;

pub use budget::DEFAULT_MEMORY_BUDGET;
pub(crate) use cells::parse_real;
pub use columns::{Cells, Column};
pub use descriptors::{InputParam, ServiceDescriptor};
#[cfg(unix)]
pub use reader::read_file_on_threads;
pub use reader::{
    Document, Info, Scope, Table, read_document, read_document_in_batches,
    read_document_on_threads, read_document_within,
};
pub use streamed::BatchSink;
pub use types::{ArraySize, Datatype, Field, Shape};
