//! The one error type of the core: a kind and a message meant for a person.
//!
//! The kinds are what the core itself can fail with; the C layer maps each onto one
//! `VOSIA_E_*` status and adds its own (NULL argument, bad handle, short buffer, panic).

/// What went wrong, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A value was out of its domain (|dec| > 90, NaN, empty, not UTF-8, ...).
    InvalidArg,
    /// The parameter is not defined for this SIA version.
    Unsupported,
    /// A row or column index out of range.
    Range,
    /// The cell cannot be read as the type asked for.
    Type,
    /// The server could not be reached.
    Connect,
    /// A deadline passed.
    Timeout,
    /// TLS handshake or certificate failure.
    Tls,
    /// The server answered with a non-2xx status.
    Http,
    /// The response was larger than the configured limit.
    TooLarge,
    /// A download ended before the whole body arrived; what came is kept for resuming.
    Partial,
    /// Downloaded bytes differ from the length or checksum the server announced.
    Checksum,
    /// A local file could not be read or written.
    Io,
    /// The service reported QUERY_STATUS=ERROR; the message is its own text.
    Service,
    /// Not a VOTable, or malformed beyond repair.
    Format,
    /// A VOTable without a results table.
    NoTable,
    /// The caller's progress function asked to stop.
    Cancelled,
    /// A bug: an internal invariant did not hold.
    Internal,
}

/// An error with its kind and a message saying what happened and, where possible, what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shorthands for the kinds the core raises most.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArg, message)
    }
    pub fn format(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Format, message)
    }
    pub fn range(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Range, message)
    }
    pub fn type_mismatch(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Type, message)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
