//! Strings at the boundary: NUL-terminated UTF-8 in, borrowed or copied out.

use std::ffi::{CStr, CString, c_char};

use super::guard::{guard_status, not_null, write_optional};
use super::status::{Failure, FfiResult, VOSIA_E_BUFFER_SIZE, VOSIA_OK, vosia_status};

/// A NUL-terminated copy of `text` for C to borrow (an interior NUL becomes a space).
pub(crate) fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

/// Reads a NUL-terminated UTF-8 argument named `what`.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for the call.
pub(crate) unsafe fn str_arg<'a>(ptr: *const c_char, what: &str) -> FfiResult<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null_arg(what));
    }
    // SAFETY: non-NULL and NUL-terminated by the C contract.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map_err(|e| {
        Failure::from(crate::Error::invalid(format!(
            "argument `{what}` is not valid UTF-8 ({e})"
        )))
    })
}

/// As [`str_arg`] for an argument that may be NULL: `None` then.
///
/// # Safety
/// As [`str_arg`].
pub(crate) unsafe fn optional_str_arg<'a>(
    ptr: *const c_char,
    what: &str,
) -> FfiResult<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: passed through.
    unsafe { str_arg(ptr, what) }.map(Some)
}

/// Copies `text` into the caller's buffer (`cap` bytes, including the NUL): at most `cap-1`
/// bytes, cut at a character boundary, plus a NUL. `*len`, if not NULL, receives the full
/// length. Returns `VOSIA_E_BUFFER_SIZE` when the text was truncated, or when `buf` is NULL
/// or `cap` 0 (a size probe: only `*len` is written), and then records it as the last error:
/// the one rule for every `copy_*` function.
///
/// # Safety
/// `buf` must be NULL (with `cap` 0) or valid for `cap` bytes; `len` NULL or writable.
pub(crate) unsafe fn copy_out(
    text: &str,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    if !len.is_null() {
        // SAFETY: checked non-NULL; writable by contract.
        unsafe { len.write(text.len()) };
    }
    if buf.is_null() || cap == 0 {
        return short_buffer(cap, text.len()); // not even the NUL fits: a size probe
    }
    let mut n = text.len().min(cap - 1);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: `buf` holds `cap` > n bytes by contract.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
        buf.add(n).write(0);
    }
    if n < text.len() {
        short_buffer(cap, text.len())
    } else {
        VOSIA_OK
    }
}

/// Copies an optional text: `None` is `VOSIA_NULL_VALUE` with nothing written.
///
/// # Safety
/// As [`copy_out`].
pub(crate) unsafe fn copy_optional(
    text: Option<&CStr>,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    match text {
        // SAFETY: passed through from the caller.
        Some(t) => unsafe { copy_out(t.to_str().unwrap_or(""), buf, cap, len) },
        None => super::status::VOSIA_NULL_VALUE,
    }
}

fn short_buffer(cap: usize, needed: usize) -> vosia_status {
    super::status::set_last_error(
        VOSIA_E_BUFFER_SIZE,
        &format!(
            "a buffer of {cap} bytes is too small for {needed} bytes plus the NUL; \
             *len holds the length"
        ),
    );
    VOSIA_E_BUFFER_SIZE
}

/// The whole body of a getter that lends a string from a handle: borrows the handle
/// (`handle`), checks `out`, and lends what `body` finds (`None`: `VOSIA_NULL_VALUE`).
///
/// # Safety
/// `out` must be NULL or writable.
pub(crate) unsafe fn lend_text<'a, T: 'a>(
    handle: impl FnOnce() -> FfiResult<&'a T>,
    out: *mut *const c_char,
    body: impl FnOnce(&'a T) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    guard_status(|| {
        let h = handle()?;
        not_null(out, "out")?;
        let text = body(h)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, text.map(CStr::as_ptr)) })
    })
}

/// The `copy_*` twin of [`lend_text`].
///
/// # Safety
/// As [`copy_out`].
pub(crate) unsafe fn copy_text<'a, T: 'a>(
    handle: impl FnOnce() -> FfiResult<&'a T>,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
    body: impl FnOnce(&'a T) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    guard_status(|| {
        let h = handle()?;
        // SAFETY: the buffer contract, passed through.
        Ok(unsafe { copy_optional(body(h)?, buf, cap, len) })
    })
}
