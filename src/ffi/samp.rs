//! `vosia_samp_*`: images and tables handed to desktop tools through a SAMP hub. The
//! protocol is the core's (`samp`).

use std::ffi::c_char;

use super::consts::{VOSIA_SAMP_IMAGE, VOSIA_SAMP_TABLE};
use super::guard::{guard_status, not_null, write_out};
use super::handle::{HandleKind, borrow, free, into_raw};
use super::status::{VOSIA_OK, vosia_status};
use super::strings::{optional_str_arg, str_arg};
use crate::error::Error;
use crate::samp::{Client, Load};

/// Opaque handle to a client registered with a SAMP hub. Any number of threads may send
/// through it at once. Free with vosia_samp_free, which unregisters it.
pub struct vosia_samp {
    _private: [u8; 0],
}

impl HandleKind for Client {
    const MAGIC: u64 = 0x766f_7369_7361_6d70; // "vosisamp"
    const NAME: &'static str = "vosia_samp";
}

/// Finds the SAMP hub of this session (the `SAMP_HUB` environment variable,
/// `std-lockurl:file://...`, else the lockfile `~/.samp`), registers with it and declares the
/// client's name, as SAMP 1.3's Standard Profile says. Each call to the hub is bounded by
/// 30 s.
///
/// @param name (not NULL) the name other clients see (`samp.name`), UTF-8.
/// @param out (out, not NULL) receives the new handle; free it with vosia_samp_free.
/// @return VOSIA_OK; VOSIA_E_CONNECT (no hub: no lockfile, or nothing listening),
///         VOSIA_E_SERVICE (the hub refused), VOSIA_E_FORMAT (a bad lockfile or answer),
///         VOSIA_E_TIMEOUT, VOSIA_E_INVALID_ARG (empty name, bad SAMP_HUB), VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_samp_connect(
    name: *const c_char,
    out: *mut *mut vosia_samp,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: string contract.
        let name = unsafe { str_arg(name, "name") }?;
        not_null(out, "out")?;
        let client = Client::register(name)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<Client, vosia_samp>(client)) })
    })
}

/// Unregisters from the hub (a failure to reach it is ignored) and frees the handle. NULL
/// does nothing.
///
/// @param s the SAMP client to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_samp_free(s: *mut vosia_samp) {
    // SAFETY: the handle contract.
    unsafe { free::<Client, _>(s) }
}

/// Sends a notification to load `file_or_url`: `image.load.fits` (VOSIA_SAMP_IMAGE) or
/// `table.load.votable` (VOSIA_SAMP_TABLE), to every client subscribed to it or to one. A
/// local file is sent as its absolute `file://` URL; it must exist. Nothing waits for the
/// recipients to load it.
///
/// @param s (not NULL) the SAMP client.
/// @param what VOSIA_SAMP_IMAGE or VOSIA_SAMP_TABLE.
/// @param file_or_url (not NULL) an http(s), ftp or file URL, or a local path (UTF-8).
/// @param name (may be NULL) the name recipients show for it; NULL: none.
/// @param recipient (may be NULL) the id or `samp.name` (any case) of the one client to send
///                  to; NULL: all subscribed.
/// @param reached (out, may be NULL) receives how many clients it was sent to; written only
///                on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (unknown `what`, no such recipient: the message lists
///         those registered), VOSIA_E_IO (no such file), VOSIA_E_SERVICE (the hub refused),
///         the transport errors, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_samp_send(
    s: *const vosia_samp,
    what: i32,
    file_or_url: *const c_char,
    name: *const c_char,
    recipient: *const c_char,
    reached: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let client = unsafe { borrow::<Client, _>(s) }?;
        let file_or_url = unsafe { str_arg(file_or_url, "file_or_url") }?;
        let name = unsafe { optional_str_arg(name, "name") }?;
        let recipient = unsafe { optional_str_arg(recipient, "recipient") }?;
        let load = match what {
            VOSIA_SAMP_IMAGE => Load::Image,
            VOSIA_SAMP_TABLE => Load::Table,
            other => {
                return Err(Error::invalid(format!(
                    "what {other} is not VOSIA_SAMP_IMAGE (1) or VOSIA_SAMP_TABLE (2)"
                ))
                .into());
            }
        };
        let ids = client.send(load, file_or_url, name, recipient)?;
        if !reached.is_null() {
            // SAFETY: checked non-NULL.
            unsafe { write_out(reached, ids.len()) };
        }
        Ok(VOSIA_OK)
    })
}
