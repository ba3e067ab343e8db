//! `vosia_service_*`: an SIA service handle (base URL, version, transport settings,
//! connection pool, cached self-description and capabilities).
//!
//! The handle holds an `Arc<Service>`: every query made from it holds a clone, so handles may
//! be freed in any order. Strings are lent straight from the service's own (NUL-terminated)
//! data, which lives as long as the service. Safe to use from any number of threads at once:
//! settings sit behind a lock inside the service, and the caches are written once.

use std::ffi::{CStr, c_char, c_void};
use std::sync::Arc;

use super::consts::{VOSIA_ATTR_DESCRIPTION, VOSIA_ATTR_STANDARD_ID, VOSIA_ATTR_URL};
use super::guard::{guard, guard_status, not_null, write_optional, write_out};
use super::handle::{HandleKind, borrow, free, into_raw};
use super::status::{FfiResult, VOSIA_OK, vosia_status};
use super::strings;
use super::strings::{copy_out, str_arg};
use super::{attr_of, attr_unknown, version_arg};
use crate::attrs::{Attr, Attributes};
use crate::describe::{Metadata, ParamInfo};
use crate::download::{FileEvent, FileProgress};
use crate::error::Error;
use crate::http::Progress;
use crate::service::{Service, settings_with_timeout};
use crate::vosi::Capability;

/// Opaque handle to an SIA service (`vosia_service_*`). Thread-safe once configured.
pub struct vosia_service {
    _private: [u8; 0],
}

/// The value behind a `vosia_service` handle.
pub(crate) struct ServiceHandle {
    pub(crate) service: Arc<Service>,
}

impl HandleKind for ServiceHandle {
    const MAGIC: u64 = 0x766f_7369_6173_7663; // "vosiasvc"
    const NAME: &'static str = "vosia_service";
}

/// A progress function: told the bytes of a response body read so far (`done`) and the
/// bytes expected (`total`, -1 when the server did not say, e.g. for a compressed body).
/// Return 0 to go on; any other value cancels the transfer at once, and the call reading it
/// fails with VOSIA_E_CANCELLED. `user` is the pointer given to vosia_service_set_progress.
pub type vosia_progress_fn =
    Option<unsafe extern "C" fn(done: i64, total: i64, user: *mut c_void) -> i32>;

/// The caller's `user` pointer, moved to whichever thread reads a body. The caller promised
/// (in vosia.h) that its function may be called from any thread that uses the service.
#[derive(Clone, Copy)]
struct UserData(*mut c_void);
// SAFETY: see above: the pointer is only handed back to the caller's own function.
unsafe impl Send for UserData {}
// SAFETY: as for Send.
unsafe impl Sync for UserData {}

/// Borrows the service behind a handle.
///
/// # Safety
/// `s` must be NULL or a live `vosia_service` handle.
pub(crate) unsafe fn service_ref<'a>(s: *const vosia_service) -> FfiResult<&'a Arc<Service>> {
    Ok(&unsafe { borrow::<ServiceHandle, _>(s) }?.service)
}

pub(crate) unsafe fn new_handle(service: Service, out: *mut *mut vosia_service) -> vosia_status {
    let handle = into_raw::<ServiceHandle, vosia_service>(ServiceHandle {
        service: Arc::new(service),
    });
    // SAFETY: the caller checked `out`.
    unsafe { write_out(out, handle) }
}

/// A size limit from C: bytes >= 0, 0 meaning none.
pub(crate) fn byte_limit(bytes: i64, what: &str) -> FfiResult<u64> {
    u64::try_from(bytes)
        .map_err(|_| Error::invalid(format!("the {what} must be >= 0 bytes, got {bytes}")).into())
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The `i`-th of `n` things, or a Range error naming them.
fn nth(i: i32, n: usize, what: &str) -> FfiResult<usize> {
    usize::try_from(i)
        .ok()
        .filter(|&i| i < n)
        .ok_or_else(|| Error::range(format!("{what} {i} is out of range (0..{n})")).into())
}

fn metadata(service: &Service) -> FfiResult<&Metadata> {
    service.cached_metadata().ok_or_else(|| {
        Error::invalid(
            "the service metadata has not been fetched; call vosia_service_fetch_metadata first",
        )
        .into()
    })
}

fn capabilities(service: &Service) -> FfiResult<&[Capability]> {
    service.cached_capabilities().ok_or_else(|| {
        Error::invalid(
            "the capabilities have not been fetched; call vosia_service_fetch_capabilities first",
        )
        .into()
    })
}

/// Runs a getter of a borrowed, possibly absent string: the handle, then `out`, then the
/// rest is checked (the order of every getter).
unsafe fn get_text<'a>(
    s: *const vosia_service,
    out: *mut *const c_char,
    body: impl FnOnce(&'a Arc<Service>) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| service_ref(s), out, body) }
}

/// Runs the `copy_*` twin of a getter.
unsafe fn copy_text<'a>(
    s: *const vosia_service,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
    body: impl FnOnce(&'a Arc<Service>) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| service_ref(s), buf, cap, len, body) }
}

// ------------------------------------------------------------------- create, free

/// Creates a service for the SIA query endpoint `base_url` speaking `sia_version`
/// (VOSIA_SIA1 or VOSIA_SIA2). The URL is copied and kept as given, including a query
/// string of its own (`...?COLLECTION=x&`). No request is made.
///
/// Defaults: whole-request timeout 120 s, connect timeout 10 s, response limit 1 GiB,
/// 3 retries on HTTP 429/503 within 30 s of waiting, proxies from the environment, TLS with
/// the system certificate store, `User-Agent: vosia/<version>`, connections kept alive for
/// every host but this machine (see vosia_service_set_keepalive), no progress function.
///
/// @param base_url (not NULL) the service's query endpoint, an http or https URL (UTF-8).
/// @param sia_version VOSIA_SIA1 or VOSIA_SIA2: the protocol the service speaks.
/// @param out (out, not NULL) receives the new handle; free it with vosia_service_free.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (not an http(s) URL, bad UTF-8, unknown version),
///         VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_new(
    base_url: *const c_char,
    sia_version: i32,
    out: *mut *mut vosia_service,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        // SAFETY: string contract.
        let url = unsafe { str_arg(base_url, "base_url") }?;
        let service = Service::new(url, version_arg(sia_version)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { new_handle(service, out) })
    })
}

/// Finds the SIA 2.0 query endpoint from a VOSI capabilities URL or a service base URL (as
/// registries hand them out) and creates an SIA 2.0 service for it. Makes one or two HTTP
/// requests: the URL itself if it ends in `/capabilities`, else `<url>/capabilities` (query
/// string dropped), then the sibling `.../capabilities`. Picks the first interface of the
/// `ivo://ivoa.net/std/SIA#query-2.0` capability that is not BasicAA-only. The capabilities
/// found stay cached on the new service.
///
/// @param url (not NULL) a VOSI capabilities URL or a service base URL, http or https (UTF-8).
/// @param timeout_seconds bounds each request and becomes the new service's timeout; 0 means
///                        the default 120 s.
/// @param out (out, not NULL) receives the new handle (free with vosia_service_free).
/// @return VOSIA_OK; the transport errors (VOSIA_E_CONNECT when no candidate URL could be
///         reached, VOSIA_E_TIMEOUT, VOSIA_E_TLS, VOSIA_E_HTTP, ...), VOSIA_E_FORMAT (not a
///         capabilities document), VOSIA_E_INVALID_ARG (no SIA 2.0 capability; a negative,
///         NaN or infinite timeout), VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_discover(
    url: *const c_char,
    timeout_seconds: f64,
    out: *mut *mut vosia_service,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        // SAFETY: string contract.
        let url = unsafe { str_arg(url, "url") }?;
        let service = Service::discover(url, settings_with_timeout(timeout_seconds)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { new_handle(service, out) })
    })
}

/// Frees a service handle. Queries made from it stay valid (they share the service).
/// NULL does nothing. Strings borrowed from this handle become invalid.
///
/// @param s the service to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_free(s: *mut vosia_service) {
    // SAFETY: handle contract; `free` checks the magic first.
    guard((), || unsafe { free::<ServiceHandle, _>(s) })
}

// ------------------------------------------------------------------- settings

/// Sets the whole-request timeout in seconds (> 0): connecting, sending, waiting, reading the
/// body and retries together. Applies to requests started afterwards, from any query.
///
/// @param s (not NULL) the service.
/// @param seconds the time in seconds, finite and > 0.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for 0, negative, NaN or infinite values (or over
///         1e9 s); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_timeout(
    s: *mut vosia_service,
    seconds: f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        unsafe { service_ref(s) }?.set_timeout(seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the connect timeout in seconds (> 0): establishing one TCP (and TLS) connection,
/// host name resolution included.
///
/// @param s (not NULL) the service.
/// @param seconds the time in seconds, finite and > 0.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG as vosia_service_set_timeout; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_connect_timeout(
    s: *mut vosia_service,
    seconds: f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        unsafe { service_ref(s) }?.set_connect_timeout(seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the largest response body accepted, in bytes after decompression; 0 means no limit.
/// A larger response fails with VOSIA_E_TOO_LARGE while streaming (it is never held whole).
///
/// @param s (not NULL) the service.
/// @param bytes the largest response body accepted in bytes, >= 0 (0: no limit).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_max_response_bytes(
    s: *mut vosia_service,
    bytes: i64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        service.set_max_response_bytes(byte_limit(bytes, "response limit")?)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the most bytes a parsed response may keep in memory (its cells, FIELDs, INFOs); 0
/// means no limit. Default 2 GiB. A response that would need more fails with
/// VOSIA_E_TOO_LARGE before the memory is taken, whatever its size on the wire: rows of no
/// cells under thousands of FIELDs, or BINARY2 `short`s that become eight-byte numbers.
///
/// @param s (not NULL) the service.
/// @param bytes the most bytes a parsed response may keep, >= 0 (0: no limit).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_memory_budget(
    s: *mut vosia_service,
    bytes: i64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        service.set_memory_budget(byte_limit(bytes, "memory budget")?)?;
        Ok(VOSIA_OK)
    })
}

/// Sets how many threads read a large response's TABLEDATA: 1 (the default) reads it on
/// the calling thread as it arrives; more (0: one per core) first reads a body of over
/// 1 MiB into memory, then parses it in parts on that many threads, joined before the call
/// returns. The results are the same, cell for cell and warning for warning; memory then
/// also holds the body while it is parsed.
///
/// @param s       (not NULL) the service.
/// @param threads 0 to 256.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG outside 0..256; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_reader_threads(
    s: *mut vosia_service,
    threads: i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        service.set_reader_threads(reader_threads_arg(threads)?)?;
        Ok(VOSIA_OK)
    })
}

/// A reader thread count from C: 0 (one per core) to 256.
pub(crate) fn reader_threads_arg(threads: i32) -> FfiResult<usize> {
    match usize::try_from(threads) {
        Ok(n) if n <= 256 => Ok(n),
        _ => Err(Error::invalid(format!(
            "reader threads {threads}: give 0 (one per core) to 256"
        ))
        .into()),
    }
}

/// Sets when a query is POSTed instead of sent as a GET: a query whose URL would be longer
/// than `url_bytes` is sent as an `application/x-www-form-urlencoded` POST of the same
/// parameters to the base URL (DALI allows both; servers refuse long URLs, and DaCHS closes
/// the connection on one of 21 KB). 0 POSTs every query; INT64_MAX never does. Default 4096.
/// vosia_query_url still gives the GET form. A long GET the server closes unanswered is
/// VOSIA_E_HTTP with a message saying so, never VOSIA_E_CONNECT.
///
/// @param s (not NULL) the service.
/// @param url_bytes the longest URL sent as a GET, in bytes (>= 0).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_post_above(
    s: *mut vosia_service,
    url_bytes: i64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        service.set_post_above(byte_limit(url_bytes, "POST threshold")?)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the retry policy for HTTP 429 (Too Many Requests) and 503 (Service Unavailable):
/// at most `max_retries` further attempts (0 disables retries), sleeping at most
/// `max_wait_seconds` in total. A `Retry-After` header is honoured (seconds or HTTP-date); if
/// it asks for more than is left, vosia gives up at once. Without it the waits are 0.5 s, 1 s,
/// 2 s, ... All of it stays within the whole-request timeout.
///
/// @param s (not NULL) the service.
/// @param max_retries the most further attempts (>= 0; 0 disables retries).
/// @param max_wait_seconds the most seconds slept between attempts in total (>= 0).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for negative values, NaN or infinity;
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_retries(
    s: *mut vosia_service,
    max_retries: i32,
    max_wait_seconds: f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let n = u32::try_from(max_retries)
            .map_err(|_| Error::invalid(format!("max_retries must be >= 0, got {max_retries}")))?;
        service.set_retries(n, max_wait_seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Chooses whether requests reuse kept-alive connections: `on` = 1 keeps connections open
/// between requests of this service; 0 sends `Connection: close`, so every request opens a
/// new connection. The default: kept alive, except for plain http to this machine
/// (localhost, 127.0.0.0/8, ::1). Archives are tens of milliseconds away, where a new
/// connection costs a round trip (and for https a TLS handshake): 50 ms away, 10 queries took
/// 0.51 s kept alive and 1.01 s with a connection each. On loopback a connection costs
/// nothing, while on a kept-alive one a server that writes headers and body separately with
/// Nagle's algorithm on (DaCHS, the most common SIA server) meets the client's delayed ACK and
/// each response stalls ~40 ms: against DaCHS on 127.0.0.1, 50 small queries took 2.0 s kept
/// alive and 0.6 s with a connection each (curl behaves the same).
///
/// @param s (not NULL) the service.
/// @param on 1 to keep connections alive, 0 for one connection per request.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a value other than 0 or 1; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_keepalive(
    s: *mut vosia_service,
    on: i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        if on != 0 && on != 1 {
            return Err(Error::invalid(format!("keepalive must be 0 or 1, got {on}")).into());
        }
        service.set_keepalive(on == 1)?;
        Ok(VOSIA_OK)
    })
}

/// Adds a header sent with every request of this service (e.g. `Authorization`, `Cookie`).
/// Both strings are copied. Adding the same name twice sends it twice. A redirect to another
/// origin (scheme, host or port) is followed without these headers, as curl does, so that a
/// credential never reaches a host it was not meant for; redirects within the origin keep them,
/// and so do redirects to an origin given to vosia_service_trust_redirects_to.
///
/// @param s (not NULL) the service.
/// @param name (not NULL) the header name, an HTTP token (UTF-8).
/// @param value (not NULL) the header value, without line breaks (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a name or value HTTP does not allow (spaces in
///         the name, line breaks in the value); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_add_header(
    s: *mut vosia_service,
    name: *const c_char,
    value: *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let name = unsafe { str_arg(name, "name") }?;
        let value = unsafe { str_arg(value, "value") }?;
        service.add_header(name, value)?;
        Ok(VOSIA_OK)
    })
}

/// Lets a redirect to `origin` carry the headers of vosia_service_add_header, as a redirect
/// within the origin asked for does (curl's `--location-trusted`, for one origin): for an
/// archive that sends its files from a data host of its own. Redirects to any other origin
/// still get none. Trusting the same origin twice is trusting it once.
///
/// @param s (not NULL) the service.
/// @param origin (not NULL) `scheme://host[:port]`, e.g. `https://data.archive.org`: http or
///        https, nothing after the host and port but an optional "/", no user or password.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for anything but an origin (the message says what to
///         give); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_trust_redirects_to(
    s: *mut vosia_service,
    origin: *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let origin = unsafe { str_arg(origin, "origin") }?;
        service.trust_redirects_to(origin)?;
        Ok(VOSIA_OK)
    })
}

/// Trusts, for `https`, only the CA certificates of the PEM file at `path` instead of the
/// system's store (as curl's `--cacert`): for a service whose CA is its own. The file is read
/// now; a client certificate set before is kept. Set it before using the service from several
/// threads.
///
/// @param s (not NULL) the service.
/// @param path (not NULL) UTF-8 file name of one or more PEM certificates.
/// @return VOSIA_OK; VOSIA_E_IO when the file cannot be read; VOSIA_E_INVALID_ARG when it is
///         not PEM or holds no certificate; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE. An
///         untrusted server certificate makes requests fail with VOSIA_E_TLS, whose message
///         says why.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_ca_file(
    s: *mut vosia_service,
    path: *const c_char,
) -> vosia_status {
    // SAFETY: the caller's contract, passed on.
    unsafe { set_tls_file(s, path, Service::set_ca_file) }
}

/// A TLS setter taking a file name: the handle and the path checked, then `set`.
unsafe fn set_tls_file(
    s: *mut vosia_service,
    path: *const c_char,
    set: fn(&Service, &std::path::Path) -> crate::Result<()>,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let path = unsafe { str_arg(path, "path") }?;
        set(service, std::path::Path::new(path))?;
        Ok(VOSIA_OK)
    })
}

/// Presents a client certificate to `https` servers that ask for one: the PEM file at `path`
/// holds the certificate, then its chain, and its private key (unencrypted), in one file, as
/// CADC's proxy certificates are. The file is read now; a CA file set before is kept.
///
/// @param s (not NULL) the service.
/// @param path (not NULL) UTF-8 file name.
/// @return VOSIA_OK; VOSIA_E_IO when the file cannot be read; VOSIA_E_INVALID_ARG when it
///         lacks the certificate or the key; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_client_cert(
    s: *mut vosia_service,
    path: *const c_char,
) -> vosia_status {
    // SAFETY: the caller's contract, passed on.
    unsafe { set_tls_file(s, path, Service::set_client_cert) }
}

/// Sets the progress function of this service (NULL `progress`: none, the default). It is
/// called for every response body the service reads (query results, metadata, VOSI
/// documents): once when the headers have arrived (done = 0), then after every chunk read,
/// on the thread that made the call, which it blocks; so with several threads using the
/// service it may run on several threads at once. A non-zero return cancels that transfer
/// at once: the call fails with VOSIA_E_CANCELLED. It is not called while connecting or
/// waiting for the first byte (the timeouts bound those). It must not call vosia functions
/// on this service's queries from inside.
///
/// @param s (not NULL) the service.
/// @param progress (may be NULL) the function told (bytes done, bytes expected or -1, `user`);
///                 a non-zero return cancels.
/// @param user handed back to `progress` unchanged; may be NULL.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_progress(
    s: *mut vosia_service,
    progress: vosia_progress_fn,
    user: *mut c_void,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let user = UserData(user);
        let progress = progress.map(|f| {
            Progress(Arc::new(move |done: u64, total: Option<u64>| {
                let user = user;
                let done = i64::try_from(done).unwrap_or(i64::MAX);
                let total = total.map_or(-1, |t| i64::try_from(t).unwrap_or(i64::MAX));
                // SAFETY: the caller's function, called as its contract in vosia.h says.
                unsafe { f(done, total, user.0) == 0 }
            })
                as Arc<dyn Fn(u64, Option<u64>) -> bool + Send + Sync>)
        });
        service.set_progress(progress)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the file progress function of this service (NULL `progress`: none, the default),
/// for the calls that save many files (vosia_service_download_rows, _cutout_rows,
/// _download_url): after each file of a call ends (saved, found complete in place, or
/// failed) it is told the files ended so far (`done`) and the files of the call (`total`),
/// from the download threads, one call at a time. A non-zero return stops the transfers
/// still running and the files not begun (VOSIA_E_CANCELLED for them; only complete files
/// are left). The bytes of the same transfers go to vosia_service_set_progress's function.
///
/// @param s        (not NULL) the service.
/// @param progress the function, called with (files ended, files of the call, `user`);
///                 NULL removes it.
/// @param user     handed back to `progress` unchanged; may be NULL.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_file_progress(
    s: *mut vosia_service,
    progress: vosia_progress_fn,
    user: *mut c_void,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let user = UserData(user);
        let report = progress.map(|f| {
            FileProgress(Arc::new(move |event: &FileEvent| {
                let user = user;
                let FileEvent::Done { finished, of, .. } = *event else {
                    return true; // bytes: the progress function's
                };
                let done = i64::try_from(finished).unwrap_or(i64::MAX);
                let total = i64::try_from(of).unwrap_or(i64::MAX);
                // SAFETY: the caller's function, called as its contract in vosia.h says.
                unsafe { f(done, total, user.0) == 0 }
            })
                as Arc<dyn Fn(&FileEvent) -> bool + Send + Sync>)
        });
        service.set_file_progress(report)?;
        Ok(VOSIA_OK)
    })
}

// ------------------------------------------------------------------- what it is

/// Attribute `attr` of the service: VOSIA_ATTR_URL, the base URL as given (or as
/// discovered); VOSIA_ATTR_DESCRIPTION, the description of its metadata (needs a successful
/// vosia_service_fetch_metadata first, else VOSIA_E_INVALID_ARG).
///
/// @param s (not NULL) the service.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by the service, valid until it is
///            freed; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no description); VOSIA_E_INVALID_ARG,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_attr(
    s: *const vosia_service,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: handle contract.
    unsafe { get_text(s, out, |service| service_attr(service, attr)) }
}

/// Copies attribute `attr` of the service (see vosia_service_get_attr) into `buf` (copy_*
/// convention).
///
/// @param s (not NULL) the service.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_INVALID_ARG,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_attr(
    s: *const vosia_service,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: handle and buffer contracts.
    unsafe { copy_text(s, buf, cap, len, |service| service_attr(service, attr)) }
}

fn service_attr(service: &Service, attr: i32) -> FfiResult<Option<&CStr>> {
    match attr {
        VOSIA_ATTR_URL => Ok(Some(service.c_base_url())),
        VOSIA_ATTR_DESCRIPTION => Ok(metadata(service)?.description()),
        _ => Err(attr_unknown(attr, "a service", "URL, DESCRIPTION")),
    }
}

/// The SIA version of the service.
///
/// @param s (not NULL) the service.
/// @param out (out, not NULL) receives VOSIA_SIA1 or VOSIA_SIA2; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_version(
    s: *const vosia_service,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(out, "out")?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, service.version().number()) })
    })
}

// ------------------------------------------------------------------- self-description

/// Fetches the service's self-description once and caches it: SIA 1.0 `FORMAT=METADATA`,
/// SIA 2.0 `MAXREC=0`. Afterwards the parameter and column getters below work. Blocks for
/// one HTTP request (none once cached); a failure is not cached. Thread-safe like every
/// service call: two threads may fetch at once (either answer is kept).
///
/// @param s (not NULL) the service.
/// @return VOSIA_OK; the transport errors, VOSIA_E_SERVICE (the service's own error text),
///         VOSIA_E_FORMAT, VOSIA_E_CANCELLED; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_fetch_metadata(s: *mut vosia_service) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        unsafe { service_ref(s) }?.metadata()?;
        Ok(VOSIA_OK)
    })
}

/// How many input parameters the service declares (after vosia_service_fetch_metadata).
///
/// @param s (not NULL) the service.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (metadata not fetched), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_count(
    s: *const vosia_service,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(out, "out")?;
        let meta = metadata(service)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, count(meta.params.len())) })
    })
}

/// Finds the input parameter named `name` (case-insensitive; an `INPUT:` prefix is ignored).
///
/// @param s (not NULL) the service.
/// @param name (not NULL) the parameter name, NUL-terminated UTF-8.
/// @param out (out, not NULL) receives its 0-based index; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the service declares no such parameter);
///         VOSIA_E_INVALID_ARG (metadata not fetched, not UTF-8), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_index(
    s: *const vosia_service,
    name: *const c_char,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let name = unsafe { str_arg(name, "name") }?;
        not_null(out, "out")?;
        let meta = metadata(service)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, meta.param_index(name).map(count)) })
    })
}

/// Input parameter `i`, borrowed for as long as the C caller keeps the handle.
fn param_attrs(service: &Service, i: i32) -> FfiResult<&ParamInfo> {
    let meta = metadata(service)?;
    Ok(&meta.params[nth(i, meta.params.len(), "parameter")?])
}

fn attrs_text<'a>(
    attrs: &'a Attributes,
    attr: i32,
    allowed: &[Attr],
    what: &str,
) -> FfiResult<Option<&'a CStr>> {
    Ok(attrs.c_str(attr_of(attr, allowed, what)?))
}

/// Attribute `attr` of input parameter `i` (0-based, after vosia_service_fetch_metadata):
/// VOSIA_ATTR_NAME (without `INPUT:`, spelt as the service does), _ID, _UCD, _UTYPE, _UNIT,
/// _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE, _VALUE (the default), _MIN, _MAX.
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the input parameter, below vosia_service_param_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by the service; written only on
///            VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the parameter does not set it); VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG (another attribute; metadata not fetched), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_param_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: handle contract.
    unsafe {
        get_text(s, out, |service| {
            attrs_text(
                &param_attrs(service, i)?.attrs,
                attr,
                Attr::PARAM,
                "a service parameter",
            )
        })
    }
}

/// Copies attribute `attr` of input parameter `i` (see vosia_service_get_param_attr) into
/// `buf` (copy_* convention).
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the input parameter, below vosia_service_param_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: handle and buffer contracts.
    unsafe {
        copy_text(s, buf, cap, len, |service| {
            attrs_text(
                &param_attrs(service, i)?.attrs,
                attr,
                Attr::PARAM,
                "a service parameter",
            )
        })
    }
}

/// How many allowed values (`VALUES/OPTION`) input parameter `i` lists; 0 when it is free.
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the input parameter, below vosia_service_param_count.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG (metadata not fetched),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_option_count(
    s: *const vosia_service,
    i: i32,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(out, "out")?;
        let param = param_attrs(service, i)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, count(param.option_count())) })
    })
}

fn option(service: &Service, i: i32, k: i32) -> FfiResult<Option<&CStr>> {
    let param = param_attrs(service, i)?;
    Ok(param.option(nth(k, param.option_count(), "option")?))
}

/// Allowed value `k` (0-based) of input parameter `i`, in document order.
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the input parameter, below vosia_service_param_count.
/// @param k 0-based index of the allowed value, below vosia_service_param_option_count.
/// @param out (out, not NULL) receives a string owned by the service; written only on
///            VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_param_option(
    s: *const vosia_service,
    i: i32,
    k: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(s, out, |service| option(service, i, k)) }
}

/// Copies allowed value `k` of input parameter `i` into `buf` (copy_* convention).
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the input parameter, below vosia_service_param_count.
/// @param k 0-based index of the allowed value, below vosia_service_param_option_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_option(
    s: *const vosia_service,
    i: i32,
    k: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { copy_text(s, buf, cap, len, |service| option(service, i, k)) }
}

/// How many output columns (FIELDs of its results table) the service declares (after
/// vosia_service_fetch_metadata).
///
/// @param s (not NULL) the service.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (metadata not fetched), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_count(
    s: *const vosia_service,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(out, "out")?;
        let meta = metadata(service)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, count(meta.columns.len())) })
    })
}

fn column_text(service: &Service, i: i32, attr: i32) -> FfiResult<Option<&CStr>> {
    let meta = metadata(service)?;
    let column = &meta.columns[nth(i, meta.columns.len(), "column")?];
    attrs_text(&column.attrs, attr, Attr::FIELD, "a service column")
}

/// Attribute `attr` of output column `i` (0-based), as its FIELD declares it: the keys of
/// vosia_results_get_column_attr.
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the output column, below vosia_service_column_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by the service; written only on
///            VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (not set); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_column_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(s, out, |service| column_text(service, i, attr)) }
}

/// Copies attribute `attr` of output column `i` into `buf` (copy_* convention).
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the output column, below vosia_service_column_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { copy_text(s, buf, cap, len, |service| column_text(service, i, attr)) }
}

// ------------------------------------------------------------------- VOSI

/// Asks the service's VOSI availability endpoint (the sibling `availability`, then
/// `<base>/availability`) whether it is up. Not cached: every call makes a request.
///
/// @param s (not NULL) the service.
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @param available (out, not NULL) receives 1 (available) or 0.
/// @param note      (out, may be NULL with `cap` 0) receives what the document adds: its
///                  first note, else its backAt or downAt time, else "" (copy_* convention;
///                  `*len`, if not NULL, gets the full length).
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (the note was cut, or `note` is NULL with `cap` 0
///         and there is a note: `*available` and `*len` are still written); the transport
///         errors (VOSIA_E_CONNECT when no candidate URL could be reached), VOSIA_E_FORMAT,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_check_availability(
    s: *const vosia_service,
    available: *mut i32,
    note: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(available, "available")?;
        let answer = service.availability()?;
        // SAFETY: checked non-NULL; the buffer contract passed through.
        unsafe { write_out(available, i32::from(answer.available)) };
        let text = answer.note().unwrap_or("");
        if text.is_empty() && note.is_null() {
            if !len.is_null() {
                // SAFETY: checked non-NULL.
                unsafe { len.write(0) };
            }
            return Ok(VOSIA_OK);
        }
        Ok(unsafe { copy_out(text, note, cap, len) })
    })
}

/// Fetches the service's VOSI capabilities once (the sibling `capabilities`, then
/// `<base>/capabilities`) and caches them.
///
/// @param s (not NULL) the service.
/// @param count_out (out, not NULL) receives how many capabilities there are; written only on
///              VOSIA_OK.
/// @return VOSIA_OK; the transport errors (VOSIA_E_CONNECT when no candidate URL could be
///         reached), VOSIA_E_FORMAT, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_fetch_capabilities(
    s: *mut vosia_service,
    count_out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        not_null(count_out, "count")?;
        let caps = service.capabilities()?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(count_out, count(caps.len())) })
    })
}

fn capability_text(service: &Service, i: i32, attr: i32) -> FfiResult<Option<&CStr>> {
    let caps = capabilities(service)?;
    let cap = &caps[nth(i, caps.len(), "capability")?];
    match attr {
        VOSIA_ATTR_STANDARD_ID => Ok(cap.c_standard_id()),
        VOSIA_ATTR_URL => Ok(cap.c_access_url()),
        _ => Err(attr_unknown(attr, "a capability", "STANDARD_ID, URL")),
    }
}

/// Attribute `attr` of capability `i` (0-based, after vosia_service_fetch_capabilities):
/// VOSIA_ATTR_STANDARD_ID, its standardID; VOSIA_ATTR_URL, its endpoint (the first access
/// URL of its first interface that is not BasicAA-only, else of any interface).
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the capability, in document order.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by the service; written only on
///            VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the capability has none); VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG (another attribute; capabilities not fetched),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_get_capability_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(s, out, |service| capability_text(service, i, attr)) }
}

/// Copies attribute `attr` of capability `i` into `buf` (copy_* convention).
///
/// @param s (not NULL) the service.
/// @param i 0-based index of the capability, in document order.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_capability_attr(
    s: *const vosia_service,
    i: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe {
        copy_text(s, buf, cap, len, |service| {
            capability_text(service, i, attr)
        })
    }
}
