//! The exit codes scripts can rely on, and the failure that carries one.

use std::fmt;

use vosia::ErrorKind;

/// Why the command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done (also when the search found nothing, unless `--fail-empty`).
    Ok = 0,
    /// The search found no records and `--fail-empty` was given.
    Empty = 1,
    /// A bad option or value: the command line must change.
    Usage = 2,
    /// A local file or folder could not be read or written.
    LocalFile = 3,
    /// The server could not be reached (name lookup, refused, unreachable).
    Connect = 4,
    /// A deadline passed (`--timeout`).
    Timeout = 5,
    /// The TLS handshake or the server's certificate failed.
    Tls = 6,
    /// The server answered with an HTTP error status.
    Http = 7,
    /// The service reported an error of its own (QUERY_STATUS=ERROR).
    Service = 8,
    /// The response could not be read: not a VOTable, malformed, or over the size limit.
    Response = 9,
    /// Some downloads failed or did not verify; the complete files are in place. (When all
    /// failed the same way, that failure's own status is used.)
    Partial = 10,
    /// A bug in vosia.
    Internal = 70,
    /// Interrupted (Ctrl-C): only complete files are left.
    Cancelled = 130,
}

/// The table of codes, for `--help` and the man page.
pub const TABLE: &str = "\
Exit status:
  0    success (also when nothing was found, unless --fail-empty)
  1    nothing found, with --fail-empty
  2    usage: a bad option or value
  3    a local file or folder could not be read or written
  4    could not connect (name lookup, refused, unreachable)
  5    timed out (--timeout)
  6    TLS handshake or certificate failure
  7    the server answered with an HTTP error status
  8    the service reported an error (QUERY_STATUS=ERROR)
  9    unreadable response (not a VOTable, malformed, too large)
  10   some downloads (or DataLink targets) failed or did not verify; the complete
       files are kept; when every file failed the same way, that failure's status
  70   internal error: a bug in vosia (a panic too); please report it
  130  interrupted (Ctrl-C); only complete files are left";

impl Exit {
    /// The class of a library error.
    pub fn of(kind: ErrorKind) -> Exit {
        match kind {
            ErrorKind::InvalidArg | ErrorKind::Unsupported | ErrorKind::Range | ErrorKind::Type => {
                Exit::Usage
            }
            ErrorKind::Connect => Exit::Connect,
            ErrorKind::Timeout => Exit::Timeout,
            ErrorKind::Tls => Exit::Tls,
            ErrorKind::Http => Exit::Http,
            ErrorKind::Service => Exit::Service,
            ErrorKind::Format | ErrorKind::NoTable | ErrorKind::TooLarge => Exit::Response,
            ErrorKind::Partial | ErrorKind::Checksum => Exit::Partial,
            ErrorKind::Io => Exit::LocalFile,
            ErrorKind::Cancelled => Exit::Cancelled,
            ErrorKind::Internal => Exit::Internal,
        }
    }
}

/// A failure: the exit code and the one-line message printed as `vosia: MESSAGE`.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<vosia::Error> for Failure {
    fn from(e: vosia::Error) -> Failure {
        Failure::new(Exit::of(e.kind()), e.message())
    }
}

impl From<std::io::Error> for Failure {
    /// A local file error; a closed stdout (`vosia search ... | head`) ends the command
    /// quietly with success, as the reader has what it wanted.
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure::new(Exit::Ok, "");
        }
        Failure::new(Exit::LocalFile, e.to_string())
    }
}

/// What a command returns.
pub type Outcome = Result<Exit, Failure>;
