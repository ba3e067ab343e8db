//! The library's version at run time (the header's `VOSIA_VERSION_*` macros give it at
//! compile time; a test checks both against Cargo.toml).

use std::ffi::c_char;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of the vosia library loaded at run time, e.g. "0.2.0".
///
/// @return A static NUL-terminated string; never NULL. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn vosia_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// The version of the vosia library loaded at run time as one number,
/// `(MAJOR << 16) | (MINOR << 8) | PATCH`; compare with `VOSIA_VERSION_NUMBER` from the
/// header to detect a header/library mismatch. Thread-safe.
///
/// @return (MAJOR << 16) | (MINOR << 8) | PATCH of the library loaded.
#[unsafe(no_mangle)]
pub extern "C" fn vosia_version_number() -> i32 {
    let part = |s: &str| s.parse::<i32>().unwrap_or(0);
    (part(env!("CARGO_PKG_VERSION_MAJOR")) << 16)
        | (part(env!("CARGO_PKG_VERSION_MINOR")) << 8)
        | part(env!("CARGO_PKG_VERSION_PATCH"))
}
