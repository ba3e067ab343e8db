//! (being written) Immutable, columnar results of one SIA response.
use std::io::BufRead;

use crate::SiaVersion;
use crate::error::{Error, Result};

/// A fully parsed response. Immutable; `Sync`, so any number of threads may read it.
pub struct Results {
    rows: usize,
    overflow: bool,
}

impl Results {
    /// Parses a VOTable from any buffered reader (a file, an HTTP body), streaming.
    pub fn from_reader<R: BufRead>(_reader: R, _version: SiaVersion) -> Result<Results> {
        Err(Error::format("reader not yet written"))
    }
    pub fn row_count(&self) -> usize {
        self.rows
    }
    pub fn overflow(&self) -> bool {
        self.overflow
    }
}
