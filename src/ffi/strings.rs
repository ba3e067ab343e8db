//! Strings at the boundary: NUL-terminated UTF-8 in, borrowed or copied out.

use std::ffi::{CStr, CString, c_char};

use super::status::{VOSIA_E_BUFFER_SIZE, VOSIA_OK, vosia_status};
use crate::error::{Error, ErrorKind};

/// A NUL-terminated copy of `text` for C to borrow (an interior NUL becomes a space).
pub(crate) fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

/// Reads a NUL-terminated UTF-8 argument named `what`.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid for the call.
pub(crate) unsafe fn str_arg<'a>(ptr: *const c_char, what: &str) -> Result<&'a str, Error> {
    if ptr.is_null() {
        return Err(Error::new(
            ErrorKind::NullArg,
            format!("argument `{what}` is NULL"),
        ));
    }
    // SAFETY: non-NULL and NUL-terminated by the C contract.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes
        .to_str()
        .map_err(|e| Error::invalid(format!("argument `{what}` is not valid UTF-8 ({e})")))
}

/// Copies `text` into the caller's buffer (`cap` bytes, including the NUL): at most `cap-1`
/// bytes, cut at a character boundary, plus a NUL. `*len`, if not NULL, receives the full
/// length. Returns `VOSIA_E_BUFFER_SIZE` when the text was truncated.
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
        return VOSIA_E_BUFFER_SIZE; // not even the NUL fits: a size query
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
        VOSIA_E_BUFFER_SIZE
    } else {
        VOSIA_OK
    }
}
