//! `vosia_service_*`: an SIA service handle (base URL, version, transport settings, connection
//! pool, cached self-description).
//!
//! The handle holds an `Arc<Service>` (every query made from it holds a clone, so handles may
//! be freed in any order) plus NUL-terminated copies of the strings C borrows from it. It is
//! safe to use from any number of threads at once: settings sit behind a lock inside the
//! service, and the cached metadata is written once.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::{Arc, OnceLock};

use super::guard::{guard, guard_status, guard_value, not_null, write_out};
use super::handle::{HandleKind, borrow, free, into_raw};
use super::status::{VOSIA_OK, vosia_status};
use super::strings::{c_string, copy_out, str_arg};
use crate::SiaVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::http::Settings;
use crate::service::Service;
use crate::vosi::Metadata;

/// SIA 1.0 (POS/SIZE queries, results described by `VOX:` UCDs).
pub const VOSIA_SIA1: i32 = 1;
/// SIA 2.0 (DALI parameters, ObsCore results).
pub const VOSIA_SIA2: i32 = 2;

/// Opaque handle to an SIA service (`vosia_service_*`). Thread-safe once configured.
pub struct vosia_service {
    _private: [u8; 0],
}

/// The value behind a `vosia_service` handle.
pub(crate) struct ServiceHandle {
    pub(crate) service: Arc<Service>,
    base_url: CString,
    meta: OnceLock<CMeta>,
}

impl HandleKind for ServiceHandle {
    const MAGIC: u64 = 0x766f_7369_6173_7663; // "vosiasvc"
    const NAME: &'static str = "vosia_service";
}

/// NUL-terminated copies of one input parameter's strings.
struct CParam {
    name: CString,
    datatype: CString,
    arraysize: CString,
    unit: CString,
    ucd: CString,
    xtype: CString,
    value: CString,
    description: CString,
    min: CString,
    max: CString,
    options: Vec<CString>,
}

/// NUL-terminated copies of one output column's strings.
struct CColumn {
    name: CString,
    datatype: CString,
    unit: CString,
    ucd: CString,
    utype: CString,
    xtype: CString,
    description: CString,
}

struct CMeta {
    description: CString,
    params: Vec<CParam>,
    columns: Vec<CColumn>,
}

impl CMeta {
    fn from(meta: &Metadata) -> CMeta {
        CMeta {
            description: c_string(&meta.description),
            params: meta
                .params
                .iter()
                .map(|p| CParam {
                    name: c_string(&p.name),
                    datatype: c_string(&p.datatype),
                    arraysize: c_string(&p.arraysize),
                    unit: c_string(&p.unit),
                    ucd: c_string(&p.ucd),
                    xtype: c_string(&p.xtype),
                    value: c_string(&p.value),
                    description: c_string(&p.description),
                    min: c_string(&p.min),
                    max: c_string(&p.max),
                    options: p.options.iter().map(|o| c_string(o)).collect(),
                })
                .collect(),
            columns: meta
                .columns
                .iter()
                .map(|c| CColumn {
                    name: c_string(&c.name),
                    datatype: c_string(&c.datatype),
                    unit: c_string(&c.unit),
                    ucd: c_string(&c.ucd),
                    utype: c_string(&c.utype),
                    xtype: c_string(&c.xtype),
                    description: c_string(&c.description),
                })
                .collect(),
        }
    }
}

impl ServiceHandle {
    fn new(service: Service) -> ServiceHandle {
        let base_url = c_string(service.base_url());
        ServiceHandle {
            service: Arc::new(service),
            base_url,
            meta: OnceLock::new(),
        }
    }

    fn meta(&self) -> Result<&CMeta> {
        if let Some(m) = self.meta.get() {
            return Ok(m);
        }
        match self.service.cached_metadata() {
            Some(m) => Ok(self.meta.get_or_init(|| CMeta::from(&m))),
            None => Err(Error::invalid(
                "the service metadata has not been fetched; call vosia_service_fetch_metadata first",
            )),
        }
    }
}

/// Borrows the service behind a handle.
///
/// # Safety
/// `s` must be NULL or a live `vosia_service` handle.
pub(crate) unsafe fn service_ref<'a>(s: *const vosia_service) -> Result<&'a ServiceHandle> {
    unsafe { borrow::<ServiceHandle, _>(s) }
}

fn index(i: i32, n: usize, what: &str) -> Result<usize> {
    usize::try_from(i)
        .ok()
        .filter(|&i| i < n)
        .ok_or_else(|| Error::range(format!("{what} index {i} is out of range (0..{n})")))
}

/// Runs a getter returning a borrowed string; NULL (with the last error set) on failure.
fn get_str<'a>(body: impl FnOnce() -> Result<&'a CString>) -> *const c_char {
    guard_value(ptr::null(), || body().map(|s| s.as_ptr()))
}

/// Runs a `copy_*` twin: copies the borrowed string into the caller's buffer.
unsafe fn copy_str<'a>(
    body: impl FnOnce() -> Result<&'a CString>,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        let s = body()?;
        let text = s.to_str().unwrap_or_default();
        Ok(unsafe { copy_out(text, buf, cap, len) })
    })
}

/// Runs a count getter; -1 (with the last error set) on failure.
fn get_count(body: impl FnOnce() -> Result<usize>) -> i32 {
    guard_value(-1, || body().map(|n| i32::try_from(n).unwrap_or(i32::MAX)))
}

/// Creates a service for the SIA query endpoint `base_url` speaking `sia_version`
/// (`VOSIA_SIA1` or `VOSIA_SIA2`). The URL is copied and kept as given, including a query
/// string of its own (`...?COLLECTION=x&`). No request is made.
///
/// Defaults: whole-request timeout 120 s, connect timeout 10 s, response limit 1 GiB,
/// 3 retries on HTTP 429/503 within 30 s of waiting, proxies from the environment, TLS with
/// the system certificate store, `User-Agent: vosia/<version>`, connections kept alive for
/// https and one per request for http (see `vosia_service_set_keepalive`).
///
/// On success writes a new handle to `*out`; free it with `vosia_service_free`.
/// Returns `VOSIA_E_NULL_ARG`, `VOSIA_E_INVALID_ARG` (not an http(s) URL, bad UTF-8, unknown
/// version).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_new(
    base_url: *const c_char,
    sia_version: i32,
    out: *mut *mut vosia_service,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let url = unsafe { str_arg(base_url, "base_url") }?;
        let version = SiaVersion::from_number(sia_version).ok_or_else(|| {
            Error::invalid(format!(
                "sia_version must be VOSIA_SIA1 (1) or VOSIA_SIA2 (2), got {sia_version}"
            ))
        })?;
        let service = Service::new(url, version)?;
        let handle = into_raw::<ServiceHandle, vosia_service>(ServiceHandle::new(service));
        Ok(unsafe { write_out(out, handle) })
    })
}

/// Finds the SIA 2.0 query endpoint from a VOSI capabilities URL or a service base URL (as
/// registries hand them out) and creates an SIA 2.0 service for it. Makes one or two HTTP
/// requests: the URL itself if it ends in `/capabilities`, else `<url>/capabilities` (query
/// string dropped), then the sibling `.../capabilities`. Picks the first interface of the
/// `ivo://ivoa.net/std/SIA#query-2.0` capability that is not BasicAA-only.
///
/// `timeout_seconds` bounds each request (<= 0: the default 120 s) and becomes the new
/// service's timeout. On success writes a new handle to `*out` (free with
/// `vosia_service_free`). Returns the transport errors (`VOSIA_E_CONNECT`, `VOSIA_E_TIMEOUT`,
/// `VOSIA_E_HTTP`, ...), `VOSIA_E_FORMAT` (not a capabilities document) or
/// `VOSIA_E_INVALID_ARG` (no SIA 2.0 capability).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_discover(
    url: *const c_char,
    timeout_seconds: f64,
    out: *mut *mut vosia_service,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let url = unsafe { str_arg(url, "url") }?;
        let mut settings = Settings::default();
        if timeout_seconds > 0.0 && timeout_seconds.is_finite() {
            settings.timeout = std::time::Duration::from_secs_f64(timeout_seconds.min(1e9));
        }
        let service = Service::discover(url, settings)?;
        let handle = into_raw::<ServiceHandle, vosia_service>(ServiceHandle::new(service));
        Ok(unsafe { write_out(out, handle) })
    })
}

/// Frees a service handle. Queries made from it stay valid (they share the service).
/// `NULL` does nothing. Strings borrowed from this handle become invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_free(s: *mut vosia_service) {
    guard((), || unsafe { free::<ServiceHandle, _>(s) })
}

/// Sets the whole-request timeout in seconds (> 0): connecting, sending, waiting, reading the
/// body and retries together. Applies to requests started afterwards, from any query.
/// Returns `VOSIA_E_INVALID_ARG` for 0, negative, NaN or infinite values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_timeout(
    s: *mut vosia_service,
    seconds: f64,
) -> vosia_status {
    guard_status(|| {
        unsafe { service_ref(s) }?.service.set_timeout(seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the connect timeout in seconds (> 0): establishing one TCP (and TLS) connection.
/// Returns `VOSIA_E_INVALID_ARG` for 0, negative, NaN or infinite values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_connect_timeout(
    s: *mut vosia_service,
    seconds: f64,
) -> vosia_status {
    guard_status(|| {
        unsafe { service_ref(s) }?
            .service
            .set_connect_timeout(seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the largest response body accepted, in bytes after decompression; 0 means no limit.
/// A larger response fails with `VOSIA_E_TOO_LARGE` while streaming (it is never held whole).
/// Returns `VOSIA_E_INVALID_ARG` for a negative value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_max_response_bytes(
    s: *mut vosia_service,
    bytes: i64,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        let bytes = u64::try_from(bytes).map_err(|_| {
            Error::invalid(format!(
                "the response limit must be >= 0 bytes (0: none), got {bytes}"
            ))
        })?;
        handle.service.set_max_response_bytes(bytes)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the retry policy for HTTP 429 (Too Many Requests) and 503 (Service Unavailable):
/// at most `max_retries` further attempts (0 disables retries), sleeping at most
/// `max_wait_seconds` in total. A `Retry-After` header is honoured (seconds or HTTP-date); if
/// it asks for more than is left, vosia gives up at once. Without it the waits are 0.5 s, 1 s,
/// 2 s, ... All of it stays within the whole-request timeout.
/// Returns `VOSIA_E_INVALID_ARG` for negative values or NaN.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_retries(
    s: *mut vosia_service,
    max_retries: i32,
    max_wait_seconds: f64,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        let n = u32::try_from(max_retries)
            .map_err(|_| Error::invalid(format!("max_retries must be >= 0, got {max_retries}")))?;
        handle.service.set_retries(n, max_wait_seconds)?;
        Ok(VOSIA_OK)
    })
}

/// Chooses whether requests reuse kept-alive connections: `on` = 1 keeps connections open
/// between queries of this service; 0 sends `Connection: close`, so every request opens a new
/// connection. The default depends on the scheme: kept alive for https (a new connection
/// costs a TLS handshake), one connection per request for plain http. Plain-HTTP connections
/// are cheap, while on a kept-alive one a server that writes headers and body separately with
/// Nagle's algorithm on (DaCHS, the most common SIA server) meets the client's delayed ACK and
/// each response stalls ~40 ms: against DaCHS on 127.0.0.1, 50 small queries took 2.0 s kept
/// alive and 0.6 s with a connection each (curl behaves the same). Over a network with a long
/// round trip, keeping plain-HTTP connections alive may pay: set 1. Returns
/// `VOSIA_E_INVALID_ARG` for a value other than 0 or 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_keepalive(
    s: *mut vosia_service,
    on: i32,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        if on != 0 && on != 1 {
            return Err(Error::invalid(format!(
                "keepalive must be 0 or 1, got {on}"
            )));
        }
        handle.service.set_keepalive(on == 1)?;
        Ok(VOSIA_OK)
    })
}

/// Adds a header sent with every request of this service (e.g. `Authorization`, `Cookie`).
/// Both strings are copied. Adding the same name twice sends it twice.
/// Returns `VOSIA_E_INVALID_ARG` for a name or value HTTP does not allow (spaces in the name,
/// line breaks in the value).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_add_header(
    s: *mut vosia_service,
    name: *const c_char,
    value: *const c_char,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        let name = unsafe { str_arg(name, "name") }?;
        let value = unsafe { str_arg(value, "value") }?;
        handle.service.add_header(name, value)?;
        Ok(VOSIA_OK)
    })
}

/// The service's base URL as given (or as discovered). Borrowed: valid until the handle is
/// freed. NULL if `s` is not a live service handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_base_url(s: *const vosia_service) -> *const c_char {
    get_str(|| Ok(&unsafe { service_ref(s) }?.base_url))
}

/// Copies the base URL into `buf` (see the copy_* convention in the header).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_base_url(
    s: *const vosia_service,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&service_ref(s)?.base_url), buf, cap, len) }
}

/// The SIA version of the service: `VOSIA_SIA1` or `VOSIA_SIA2`; -1 if `s` is not a live
/// service handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_version(s: *const vosia_service) -> i32 {
    get_count(|| Ok(unsafe { service_ref(s) }?.service.version().number() as usize))
}

/// Fetches the service's self-description once and caches it: SIA 1.0 `FORMAT=METADATA`,
/// SIA 2.0 `MAXREC=0`. Afterwards the `vosia_service_param_*` and `vosia_service_column_*`
/// getters work. Blocks for one HTTP request (none once cached); a failure is not cached.
/// Returns the transport errors, `VOSIA_E_SERVICE` (the service's own error text) or
/// `VOSIA_E_FORMAT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_fetch_metadata(s: *const vosia_service) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        let meta = handle.service.metadata()?;
        handle.meta.get_or_init(|| CMeta::from(&meta));
        Ok(VOSIA_OK)
    })
}

/// The service's description from its metadata (may be empty). Borrowed until the handle is
/// freed. NULL, with the last error set, before `vosia_service_fetch_metadata` succeeded.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_description(s: *const vosia_service) -> *const c_char {
    get_str(|| Ok(&unsafe { service_ref(s) }?.meta()?.description))
}

/// Copies the service description into `buf` (see the copy_* convention).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_description(
    s: *const vosia_service,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&service_ref(s)?.meta()?.description), buf, cap, len) }
}

/// How many input parameters the service declares; -1 (last error set) before
/// `vosia_service_fetch_metadata` succeeded or for a bad handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_count(s: *const vosia_service) -> i32 {
    get_count(|| Ok(unsafe { service_ref(s) }?.meta()?.params.len()))
}

/// The index of the input parameter named `name` (case-insensitive, without `INPUT:`), or -1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_index(
    s: *const vosia_service,
    name: *const c_char,
) -> i32 {
    guard_value(-1, || {
        let meta = unsafe { service_ref(s) }?.meta()?;
        let name = unsafe { str_arg(name, "name") }?;
        Ok(meta
            .params
            .iter()
            .position(|p| p.name.to_str().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
            .map_or(-1, |i| i32::try_from(i).unwrap_or(-1)))
    })
}

fn param<'a>(s: *const vosia_service, i: i32) -> Result<&'a CParam> {
    let meta = unsafe { service_ref(s) }?.meta()?;
    Ok(&meta.params[index(i, meta.params.len(), "parameter")?])
}

fn column<'a>(s: *const vosia_service, i: i32) -> Result<&'a CColumn> {
    let meta = unsafe { service_ref(s) }?.meta()?;
    Ok(&meta.columns[index(i, meta.columns.len(), "column")?])
}

/// Name of input parameter `i` (0-based), without the `INPUT:` prefix, spelt as the service
/// does. Borrowed until the handle is freed; NULL (last error set) on a bad index or before
/// `vosia_service_fetch_metadata`. The other `vosia_service_param_*` string getters follow the
/// same rules and give "" for an attribute the service did not set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_name(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.name))
}

/// VOTable datatype of input parameter `i` (`char`, `double`, ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_datatype(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.datatype))
}

/// VOTable arraysize of input parameter `i` (`*`, `2`, ... or "").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_arraysize(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.arraysize))
}

/// Unit of input parameter `i` (e.g. `deg`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_unit(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.unit))
}

/// UCD of input parameter `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_ucd(s: *const vosia_service, i: i32) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.ucd))
}

/// xtype of input parameter `i` (e.g. `interval`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_xtype(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.xtype))
}

/// Default value of input parameter `i` (its `value` attribute, often "").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_value(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.value))
}

/// Description of input parameter `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_description(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.description))
}

/// Smallest allowed value of input parameter `i` (`VALUES/MIN`), "" when none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_min(s: *const vosia_service, i: i32) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.min))
}

/// Largest allowed value of input parameter `i` (`VALUES/MAX`), "" when none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_max(s: *const vosia_service, i: i32) -> *const c_char {
    get_str(|| Ok(&param(s, i)?.max))
}

/// How many allowed values (`VALUES/OPTION`) input parameter `i` lists; 0 when it lists none,
/// -1 (last error set) on a bad index or before `vosia_service_fetch_metadata`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_option_count(s: *const vosia_service, i: i32) -> i32 {
    get_count(|| Ok(param(s, i)?.options.len()))
}

/// Allowed value `j` of input parameter `i` (e.g. `COVERS` for SIA 1.0 INTERSECT, a
/// collection name for SIA 2.0 COLLECTION). Borrowed until the handle is freed; NULL on a bad
/// index.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_param_option(
    s: *const vosia_service,
    i: i32,
    j: i32,
) -> *const c_char {
    get_str(|| {
        let p = param(s, i)?;
        Ok(&p.options[index(j, p.options.len(), "option")?])
    })
}

/// How many output columns the service declares; -1 (last error set) before
/// `vosia_service_fetch_metadata` succeeded or for a bad handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_count(s: *const vosia_service) -> i32 {
    get_count(|| Ok(unsafe { service_ref(s) }?.meta()?.columns.len()))
}

/// Name of output column `i` (0-based). Borrowed until the handle is freed; NULL (last error
/// set) on a bad index or before `vosia_service_fetch_metadata`. The other
/// `vosia_service_column_*` string getters follow the same rules ("" when not set).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_name(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.name))
}

/// VOTable datatype of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_datatype(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.datatype))
}

/// Unit of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_unit(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.unit))
}

/// UCD of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_ucd(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.ucd))
}

/// utype of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_utype(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.utype))
}

/// xtype of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_xtype(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.xtype))
}

/// Description of output column `i`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_column_description(
    s: *const vosia_service,
    i: i32,
) -> *const c_char {
    get_str(|| Ok(&column(s, i)?.description))
}

/// Copies the name of input parameter `i` into `buf` (see the copy_* convention).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_name(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.name), buf, cap, len) }
}

/// Copies the datatype of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_datatype(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.datatype), buf, cap, len) }
}

/// Copies the arraysize of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_arraysize(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.arraysize), buf, cap, len) }
}

/// Copies the unit of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_unit(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.unit), buf, cap, len) }
}

/// Copies the UCD of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_ucd(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.ucd), buf, cap, len) }
}

/// Copies the xtype of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_xtype(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.xtype), buf, cap, len) }
}

/// Copies the default value of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_value(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.value), buf, cap, len) }
}

/// Copies the description of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_description(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.description), buf, cap, len) }
}

/// Copies the smallest allowed value of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_min(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.min), buf, cap, len) }
}

/// Copies the largest allowed value of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_max(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&param(s, i)?.max), buf, cap, len) }
}

/// Copies allowed value `j` of input parameter `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_param_option(
    s: *const vosia_service,
    i: i32,
    j: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe {
        copy_str(
            || {
                let p = param(s, i)?;
                Ok(&p.options[index(j, p.options.len(), "option")?])
            },
            buf,
            cap,
            len,
        )
    }
}

/// Copies the name of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_name(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.name), buf, cap, len) }
}

/// Copies the datatype of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_datatype(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.datatype), buf, cap, len) }
}

/// Copies the unit of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_unit(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.unit), buf, cap, len) }
}

/// Copies the UCD of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_ucd(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.ucd), buf, cap, len) }
}

/// Copies the utype of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_utype(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.utype), buf, cap, len) }
}

/// Copies the xtype of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_xtype(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.xtype), buf, cap, len) }
}

/// Copies the description of output column `i` into `buf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_column_description(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    unsafe { copy_str(|| Ok(&column(s, i)?.description), buf, cap, len) }
}

/// Asks the service's VOSI availability endpoint (the sibling `availability`, then
/// `<base>/availability`) whether it is up. Not cached: every call makes a request.
/// On success writes 1 (available) or 0 to `*available` and copies the first note (or the
/// `backAt`/`downAt` time, or "") into `note` (copy_* convention; `note` may be NULL with
/// `cap` 0). Returns the transport errors or `VOSIA_E_FORMAT`; `VOSIA_E_BUFFER_SIZE` when the
/// note was cut (`*available` is still written).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_check_availability(
    s: *const vosia_service,
    available: *mut i32,
    note: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        not_null(available, "available")?;
        let a = handle.service.availability()?;
        unsafe { write_out(available, i32::from(a.available)) };
        let text = a
            .notes
            .first()
            .cloned()
            .or_else(|| (!a.back_at.is_empty()).then(|| a.back_at.clone()))
            .or_else(|| (!a.down_at.is_empty()).then(|| a.down_at.clone()))
            .unwrap_or_default();
        if note.is_null() && cap == 0 {
            if !len.is_null() {
                unsafe { len.write(text.len()) };
            }
            return Ok(VOSIA_OK);
        }
        Ok(unsafe { copy_out(&text, note, cap, len) })
    })
}

/// Fetches the service's VOSI capabilities once (sibling `capabilities`, then
/// `<base>/capabilities`) and caches them; returns how many capabilities there are through
/// `*count`. Afterwards `vosia_service_capability_standard_id` and
/// `vosia_service_capability_access_url` read them. Returns the transport errors or
/// `VOSIA_E_FORMAT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_fetch_capabilities(
    s: *const vosia_service,
    count: *mut i32,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { service_ref(s) }?;
        not_null(count, "count")?;
        let caps = handle.service.capabilities()?;
        Ok(unsafe { write_out(count, i32::try_from(caps.len()).unwrap_or(i32::MAX)) })
    })
}

/// Copies the standardID of capability `i` into `buf` ("" when it has none). Requires a
/// successful `vosia_service_fetch_capabilities` (else `VOSIA_E_INVALID_ARG`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_capability_standard_id(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        let caps = cached_caps(s)?;
        let c = &caps[index(i, caps.len(), "capability")?];
        Ok(unsafe { copy_out(c.standard_id.as_deref().unwrap_or(""), buf, cap, len) })
    })
}

/// Copies the first access URL of capability `i` into `buf` ("" when it has none). Requires a
/// successful `vosia_service_fetch_capabilities` (else `VOSIA_E_INVALID_ARG`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_copy_capability_access_url(
    s: *const vosia_service,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        let caps = cached_caps(s)?;
        let c = &caps[index(i, caps.len(), "capability")?];
        let url = c
            .interfaces
            .iter()
            .find_map(|f| f.access_urls.first())
            .map(String::as_str)
            .unwrap_or("");
        Ok(unsafe { copy_out(url, buf, cap, len) })
    })
}

fn cached_caps(s: *const vosia_service) -> Result<Arc<Vec<crate::vosi::Capability>>> {
    let handle = unsafe { service_ref(s) }?;
    handle.service.cached_capabilities().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArg,
            "the capabilities have not been fetched; call vosia_service_fetch_capabilities first",
        )
    })
}
