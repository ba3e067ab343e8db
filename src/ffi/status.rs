//! Status codes, their static texts, and the per-thread last-error detail.

use std::cell::RefCell;
use std::ffi::{CString, c_char};

use crate::error::{Error, ErrorKind};
use std::cell::Cell;

/// A status returned by every fallible vosia function: 0 is success. Numbers are never reused.
#[allow(non_camel_case_types)]
pub type vosia_status = i32;

/// Success.
pub const VOSIA_OK: vosia_status = 0;
/// Not an error: the value asked for is absent (a null cell: VOTable null, NaN, empty; an
/// attribute the object does not set; a lookup that found nothing); nothing was written.
pub const VOSIA_NULL_VALUE: vosia_status = 1;
/// A required pointer argument was NULL.
pub const VOSIA_E_NULL_ARG: vosia_status = 10;
/// An argument's value is not allowed (|dec| > 90, NaN, empty, not UTF-8, ...).
pub const VOSIA_E_INVALID_ARG: vosia_status = 11;
/// The pointer is not a live handle of the expected kind.
pub const VOSIA_E_BAD_HANDLE: vosia_status = 12;
/// The parameter is not defined for this SIA version.
pub const VOSIA_E_UNSUPPORTED: vosia_status = 13;
/// A row, column or field index is out of range.
pub const VOSIA_E_RANGE: vosia_status = 14;
/// The cell cannot be read as the type asked for.
pub const VOSIA_E_TYPE: vosia_status = 15;
/// The caller's buffer was too small; the output was truncated (`*len` holds the full size).
pub const VOSIA_E_BUFFER_SIZE: vosia_status = 16;
/// The server could not be reached.
pub const VOSIA_E_CONNECT: vosia_status = 30;
/// A timeout expired.
pub const VOSIA_E_TIMEOUT: vosia_status = 31;
/// TLS handshake or certificate failure.
pub const VOSIA_E_TLS: vosia_status = 32;
/// The server answered with a non-2xx HTTP status.
pub const VOSIA_E_HTTP: vosia_status = 33;
/// The response was larger than the configured limit.
pub const VOSIA_E_TOO_LARGE: vosia_status = 34;
/// A download ended before the whole file arrived; the bytes that came are kept (under a
/// temporary name) and the next attempt resumes from them.
pub const VOSIA_E_PARTIAL: vosia_status = 35;
/// Downloaded bytes differ from the length or checksum the server announced; they are not
/// kept.
pub const VOSIA_E_CHECKSUM: vosia_status = 36;
/// A local file could not be read or written.
pub const VOSIA_E_IO: vosia_status = 40;
/// The service reported QUERY_STATUS=ERROR; the detail is the service's own text.
pub const VOSIA_E_SERVICE: vosia_status = 50;
/// Not a VOTable, or malformed beyond repair; the detail names the byte offset.
pub const VOSIA_E_FORMAT: vosia_status = 51;
/// A VOTable without a results table.
pub const VOSIA_E_NO_TABLE: vosia_status = 52;
/// The operation was cancelled by the caller.
pub const VOSIA_E_CANCELLED: vosia_status = 60;
/// A bug in vosia, caught at the boundary (a Rust panic). Please report it.
pub const VOSIA_E_PANIC: vosia_status = 90;
/// A bug in vosia: an internal invariant did not hold. Please report it.
pub const VOSIA_E_INTERNAL: vosia_status = 99;

/// The status code of a core error kind (1:1).
fn status_of(kind: ErrorKind) -> vosia_status {
    match kind {
        ErrorKind::InvalidArg => VOSIA_E_INVALID_ARG,
        ErrorKind::Unsupported => VOSIA_E_UNSUPPORTED,
        ErrorKind::Range => VOSIA_E_RANGE,
        ErrorKind::Type => VOSIA_E_TYPE,
        ErrorKind::Connect => VOSIA_E_CONNECT,
        ErrorKind::Timeout => VOSIA_E_TIMEOUT,
        ErrorKind::Tls => VOSIA_E_TLS,
        ErrorKind::Http => VOSIA_E_HTTP,
        ErrorKind::TooLarge => VOSIA_E_TOO_LARGE,
        ErrorKind::Partial => VOSIA_E_PARTIAL,
        ErrorKind::Checksum => VOSIA_E_CHECKSUM,
        ErrorKind::Io => VOSIA_E_IO,
        ErrorKind::Service => VOSIA_E_SERVICE,
        ErrorKind::Format => VOSIA_E_FORMAT,
        ErrorKind::NoTable => VOSIA_E_NO_TABLE,
        ErrorKind::Cancelled => VOSIA_E_CANCELLED,
        ErrorKind::Internal => VOSIA_E_INTERNAL,
    }
}

/// A failure at the C boundary: a status and the detail for `vosia_last_error`. Core errors
/// convert into it; the boundary adds the failures only C can make (NULL argument, wrong
/// handle, short buffer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) status: vosia_status,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(status: vosia_status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// `VOSIA_E_NULL_ARG` naming the argument.
    pub(crate) fn null_arg(what: &str) -> Failure {
        Failure::new(VOSIA_E_NULL_ARG, format!("argument `{what}` is NULL"))
    }
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        Failure {
            status: status_of(err.kind()),
            message: err.message().to_string(),
        }
    }
}

/// What every boundary body returns.
pub(crate) type FfiResult<T> = std::result::Result<T, Failure>;

/// The static text of a status, NUL-terminated.
pub(crate) fn status_text(status: vosia_status) -> &'static [u8] {
    match status {
        VOSIA_OK => b"success\0",
        VOSIA_NULL_VALUE => b"the value is null\0",
        VOSIA_E_NULL_ARG => b"a required argument was NULL\0",
        VOSIA_E_INVALID_ARG => b"invalid argument\0",
        VOSIA_E_BAD_HANDLE => b"not a live vosia handle of the expected kind\0",
        VOSIA_E_UNSUPPORTED => b"parameter not defined for this SIA version\0",
        VOSIA_E_RANGE => b"index out of range\0",
        VOSIA_E_TYPE => b"the value cannot be read as the type asked for\0",
        VOSIA_E_BUFFER_SIZE => b"buffer too small; output truncated\0",
        VOSIA_E_CONNECT => b"could not connect to the service\0",
        VOSIA_E_TIMEOUT => b"timed out\0",
        VOSIA_E_TLS => b"TLS error\0",
        VOSIA_E_HTTP => b"HTTP error status\0",
        VOSIA_E_TOO_LARGE => b"response larger than the configured limit\0",
        VOSIA_E_PARTIAL => b"the download ended early; it resumes on the next try\0",
        VOSIA_E_CHECKSUM => b"the downloaded data does not match its length or checksum\0",
        VOSIA_E_IO => b"local file could not be read or written\0",
        VOSIA_E_SERVICE => b"the service reported an error\0",
        VOSIA_E_FORMAT => b"not a VOTable, or malformed\0",
        VOSIA_E_NO_TABLE => b"VOTable response has no results table\0",
        VOSIA_E_CANCELLED => b"cancelled\0",
        VOSIA_E_PANIC => b"internal error (panic caught at the C boundary); please report it\0",
        VOSIA_E_INTERNAL => b"internal error; please report it\0",
        _ => b"unknown status\0",
    }
}

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
    static LAST_STATUS: Cell<vosia_status> = const { Cell::new(VOSIA_OK) };
}

/// Records `failure` as this thread's last error and returns its status code.
pub(crate) fn record(failure: &Failure) -> vosia_status {
    set_last_error(failure.status, &failure.message);
    failure.status
}

/// Replaces this thread's last status and its detail text.
pub(crate) fn set_last_error(status: vosia_status, message: &str) {
    let _ = LAST_STATUS.try_with(|slot| slot.set(status));
    let text = super::strings::c_string(message);
    // During thread teardown (a C++ thread_local destructor calling vosia) the slot may be
    // gone already: then the detail is dropped rather than the process aborted.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = text;
        }
    });
}

/// Pointer to this thread's last-error text; valid until the next failing vosia call on
/// this thread.
pub(crate) fn last_error_ptr() -> *const c_char {
    LAST_ERROR
        .try_with(|slot| slot.borrow().as_ptr())
        .unwrap_or(c"".as_ptr())
}

/// The static text of a status code (`VOSIA_OK`, `VOSIA_E_*`).
///
/// @param status a status code, VOSIA_OK or a VOSIA_E_* value (any other number is allowed).
/// @return A NUL-terminated string with static lifetime; never NULL ("unknown status" for
///         a number vosia does not define). Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn vosia_strerror(status: vosia_status) -> *const c_char {
    status_text(status).as_ptr().cast()
}

/// The detail of the last failure of a vosia call on the calling thread: what failed and,
/// where possible, what to do about it.
///
/// @return A NUL-terminated string owned by vosia, valid on this thread until the next
///         failing vosia call on it; "" when nothing has failed yet. Never NULL. Calls that
///         succeed leave it unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn vosia_last_error() -> *const c_char {
    super::guard::guard(c"".as_ptr(), last_error_ptr)
}

/// The status of the last failure of a vosia call on the calling thread (the pair of
/// vosia_last_error, as SQLite's errcode is of errmsg): what a function that returns a value
/// rather than a status (vosia_results_row_count, vosia_results_is_null, ...) failed with.
///
/// @return A VOSIA_E_* code (or VOSIA_E_BUFFER_SIZE after a truncating copy); VOSIA_OK when
///         nothing has failed on this thread yet. Calls that succeed leave it unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn vosia_last_status() -> vosia_status {
    super::guard::guard(VOSIA_E_PANIC, || {
        LAST_STATUS.try_with(Cell::get).unwrap_or(VOSIA_OK)
    })
}

/// Copies vosia_last_error() into `buf`: at most `cap-1` bytes plus a NUL; `*len` (if not
/// NULL) receives the full length. Does not change the last error.
///
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK, or VOSIA_E_BUFFER_SIZE when the text was truncated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_copy_last_error(
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    super::guard::guard(VOSIA_E_PANIC, || {
        let copy = |text: &str| {
            // SAFETY: buffer contract passed through from the caller.
            unsafe { super::strings::copy_out(text, buf, cap, len) }
        };
        LAST_ERROR
            .try_with(|slot| copy(slot.borrow().to_str().unwrap_or("")))
            .unwrap_or_else(|_| copy(""))
    })
}
