//! `vosia_query_*`: the parameters of one SIA request, its exact URL, and execution.
//!
//! A query handle must not be used by two threads at once; it may move between threads, and
//! `vosia_query_clone` makes an independent copy for another thread. It holds a reference to
//! its service, so the service handle may be freed first.
//!
//! Setters validate before storing: on any error the query is unchanged. SIA 2.0-only setters
//! on an SIA 1.0 service (and the reverse) return `VOSIA_E_UNSUPPORTED` and say what to use.

use std::ffi::{CString, c_char, c_void};
use std::sync::Arc;

use super::consts::*;
use super::guard::{guard, guard_status, not_null, write_out};
use super::handle::{HandleKind, borrow, borrow_mut, free, into_raw};
use super::results::vosia_results;
use super::service::{service_ref, vosia_service};
use super::status::{
    Failure, FfiResult, VOSIA_E_BAD_HANDLE, VOSIA_E_NULL_ARG, VOSIA_E_PANIC, VOSIA_OK, vosia_status,
};
use super::strings::{c_string, copy_out, str_arg};
use crate::error::{Error, ErrorKind};
use crate::params::{Intersect, IntervalParam, Params, TextParam};
use crate::query::Query;
use crate::results::Results;

/// Opaque handle to a query (`vosia_query_*`). One thread at a time.
pub struct vosia_query {
    _private: [u8; 0],
}

/// The value behind a `vosia_query` handle: the query and the strings C borrows from it.
#[derive(Clone)]
pub(crate) struct QueryHandle {
    query: Query,
    /// The URL last handed out by `vosia_query_url`, kept until the parameters change.
    url: Option<CString>,
    error: CString,
}

impl HandleKind for QueryHandle {
    const MAGIC: u64 = 0x766f_7369_6171_7279; // "vosiaqry"
    const NAME: &'static str = "vosia_query";
}

impl QueryHandle {
    /// The query behind the handle.
    pub(crate) fn query(&self) -> &Query {
        &self.query
    }
}

/// Runs `change` on the parameters of the query behind `q`.
fn with_params(
    q: *mut vosia_query,
    change: impl FnOnce(&mut Params) -> FfiResult<()>,
) -> vosia_status {
    guard_status(|| {
        let handle = unsafe { borrow_mut::<QueryHandle, _>(q) }?;
        change(handle.query.params_mut())?;
        handle.url = None;
        Ok(VOSIA_OK)
    })
}

/// Creates an empty query against service `s`. The query keeps the service alive: `s` may be
/// freed before the query. On success writes a new handle to `*out`; free it with
/// `vosia_query_free`.
///
/// @param s (not NULL) the service.
/// @param out (out, not NULL) receives the new query; free it with vosia_query_free.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_new(
    s: *const vosia_service,
    out: *mut *mut vosia_query,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let service = Arc::clone(unsafe { service_ref(s) }?);
        let handle = QueryHandle {
            query: Query::new(service),
            url: None,
            error: CString::default(),
        };
        Ok(unsafe { write_out(out, into_raw::<QueryHandle, vosia_query>(handle)) })
    })
}

/// Copies query `q` (parameters, service, last error) into a new, independent handle, e.g.
/// for use on another thread. On success writes it to `*out` (free with `vosia_query_free`).
///
/// @param q (not NULL) the query.
/// @param out (out, not NULL) receives the copy; free it with vosia_query_free.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_clone(
    q: *const vosia_query,
    out: *mut *mut vosia_query,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let handle = unsafe { borrow::<QueryHandle, _>(q) }?.clone();
        Ok(unsafe { write_out(out, into_raw::<QueryHandle, vosia_query>(handle)) })
    })
}

/// Frees a query handle. `NULL` does nothing. Strings borrowed from it become invalid;
/// results it produced stay valid.
///
/// @param q the query to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_free(q: *mut vosia_query) {
    guard((), || unsafe { free::<QueryHandle, _>(q) })
}

/// SIA 1.0: sets `POS=ra,dec` (ICRS degrees, RA 0..360, Dec -90..+90), replacing any earlier
/// POS. Sent in shortest round-trip form, never rounded.
///
/// @param q (not NULL) the query.
/// @param ra_deg right ascension, ICRS degrees, 0 to 360.
/// @param dec_deg declination, ICRS degrees, -90 to +90.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (out of range, NaN), VOSIA_E_UNSUPPORTED (SIA 2.0
///         service: use vosia_query_add_circle); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_pos(
    q: *mut vosia_query,
    ra_deg: f64,
    dec_deg: f64,
) -> vosia_status {
    with_params(q, |p| Ok(p.set_pos(ra_deg, dec_deg)?))
}

/// SIA 1.0: sets `SIZE` in degrees along RA and Dec (>= 0; 0 finds images that contain the
/// position). Equal sizes are sent as one value (`SIZE=0.2`), else `SIZE=ra,dec`.
///
/// @param q (not NULL) the query.
/// @param ra_deg the size along RA, degrees, 0 to 360.
/// @param dec_deg the size along Dec, degrees, 0 to 360.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (negative, NaN, > 360), VOSIA_E_UNSUPPORTED (SIA 2.0
///         service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_size(
    q: *mut vosia_query,
    ra_deg: f64,
    dec_deg: f64,
) -> vosia_status {
    with_params(q, |p| Ok(p.set_size(ra_deg, dec_deg)?))
}

/// SIA 1.0: sets `INTERSECT` to `COVERS`, `ENCLOSED`, `OVERLAPS` or `CENTER` (any case).
///
/// @param q (not NULL) the query.
/// @param intersect (not NULL) `COVERS`, `ENCLOSED`, `OVERLAPS` or `CENTER`, any case.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (another word), VOSIA_E_UNSUPPORTED (SIA 2.0 service);
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_intersect(
    q: *mut vosia_query,
    intersect: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        let text = unsafe { str_arg(intersect, "intersect") }?;
        Ok(p.set_intersect(Intersect::parse(text)?)?)
    })
}

/// SIA 1.0: sets `VERB` (0 to 3; how many columns the service returns).
///
/// @param q (not NULL) the query.
/// @param verb 0 to 3.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 2.0 service);
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_verb(q: *mut vosia_query, verb: i32) -> vosia_status {
    with_params(q, |p| Ok(p.set_verb(i64::from(verb))?))
}

/// Sets `FORMAT`, replacing earlier values. SIA 1.0: a comma-separated list; the reserved words
/// `ALL`, `METADATA`, `GRAPHIC`, `GRAPHIC-ALL` and the `GRAPHIC-` prefix are upper-cased, MIME
/// types are sent as given. SIA 2.0: one MIME type (`access_format`).
///
/// @param q (not NULL) the query.
/// @param format (not NULL) the FORMAT value, not empty (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_format(
    q: *mut vosia_query,
    format: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        Ok(p.set_format(unsafe { str_arg(format, "format") }?)?)
    })
}

/// Adds one more `FORMAT`: SIA 1.0 appends it to the comma-separated list, SIA 2.0 sends a
/// repeated FORMAT (OR-ed).
///
/// @param q (not NULL) the query.
/// @param format (not NULL) one more FORMAT value, not empty (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_format(
    q: *mut vosia_query,
    format: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        Ok(p.add_format(unsafe { str_arg(format, "format") }?)?)
    })
}

/// Sets `MAXREC`, the most records to return (>= 0; 0 asks for the metadata only). Both
/// versions. A truncated answer is not an error: `vosia_results_overflow` tells.
///
/// @param q (not NULL) the query.
/// @param maxrec the most records to return, >= 0.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (negative); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_maxrec(q: *mut vosia_query, maxrec: i64) -> vosia_status {
    with_params(q, |p| Ok(p.set_maxrec(maxrec)?))
}

/// Sets `RESPONSEFORMAT` (e.g. `votable`, or `votabletd` for TABLEDATA on DaCHS), replacing
/// earlier values. Both versions.
///
/// @param q (not NULL) the query.
/// @param format (not NULL) the RESPONSEFORMAT value, not empty (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_responseformat(
    q: *mut vosia_query,
    format: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        Ok(p.set_responseformat(unsafe { str_arg(format, "format") }?)?)
    })
}

/// SIA 2.0: adds `POS=CIRCLE ra dec radius` (ICRS degrees; radius 0..180). Several POS values
/// are OR-ed.
///
/// @param q (not NULL) the query.
/// @param ra right ascension of the centre, ICRS degrees.
/// @param dec declination of the centre, ICRS degrees.
/// @param radius the radius, degrees, 0 to 180.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service: use
///         vosia_query_set_pos and vosia_query_set_size); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_circle(
    q: *mut vosia_query,
    ra: f64,
    dec: f64,
    radius: f64,
) -> vosia_status {
    with_params(q, |p| Ok(p.add_circle(ra, dec, radius)?))
}

/// SIA 2.0: adds `POS=RANGE ra1 ra2 dec1 dec2` (ICRS degrees; any end may be -INFINITY or
/// INFINITY for an open range). `ra1 > ra2` means a range through RA 0: it is sent as two
/// RANGEs (`ra1..360` and `0..ra2`), OR-ed.
///
/// @param q (not NULL) the query.
/// @param ra1 the lower RA end, ICRS degrees (or -INFINITY).
/// @param ra2 the upper RA end, ICRS degrees (or INFINITY).
/// @param dec1 the lower Dec end, ICRS degrees (or -INFINITY).
/// @param dec2 the upper Dec end, ICRS degrees (or INFINITY).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (Dec out of range, dec1 > dec2, NaN),
///         VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_range(
    q: *mut vosia_query,
    ra1: f64,
    ra2: f64,
    dec1: f64,
    dec2: f64,
) -> vosia_status {
    with_params(q, |p| Ok(p.add_range(ra1, ra2, dec1, dec2)?))
}

/// SIA 2.0: adds `POS=POLYGON ...` from `n_vertices` (ra, dec) pairs in ICRS degrees:
/// `radec_pairs` holds `2 * n_vertices` doubles, read before the call returns. At least 3
/// vertices.
///
/// @param q (not NULL) the query.
/// @param radec_pairs (not NULL) `2 * n_vertices` doubles, ra and dec of each vertex in turn.
/// @param n_vertices the number of vertices, at least 3.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service);
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_polygon(
    q: *mut vosia_query,
    radec_pairs: *const f64,
    n_vertices: usize,
) -> vosia_status {
    with_params(q, |p| {
        let flat: &[f64] = if n_vertices == 0 {
            &[]
        } else {
            not_null(radec_pairs, "radec_pairs")?;
            let count = n_vertices
                .checked_mul(2)
                .ok_or_else(|| Error::invalid("n_vertices is too large"))?;
            // SAFETY: non-NULL; the caller promises 2 * n_vertices readable doubles.
            unsafe { std::slice::from_raw_parts(radec_pairs, count) }
        };
        let vertices: Vec<(f64, f64)> = flat.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        Ok(p.add_polygon(&vertices)?)
    })
}

/// SIA 2.0: adds an interval `param` (VOSIA_PARAM_BAND, _TIME, _FOV, _SPATRES, _EXPTIME,
/// _TIMERES or _SPECRP; units as each says) from `lo` to `hi`; `lo` may be -INFINITY and `hi`
/// INFINITY for an open end. Several intervals of one parameter are OR-ed.
///
/// @param q (not NULL) the query.
/// @param param the interval parameter: VOSIA_PARAM_BAND, _TIME, _FOV, _SPATRES, _EXPTIME,
///              _TIMERES or _SPECRP.
/// @param lo the lower end (or -INFINITY).
/// @param hi the upper end (or INFINITY), >= `lo`.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (NaN, `lo > hi`, not an interval parameter);
///         VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_interval(
    q: *mut vosia_query,
    param: i32,
    lo: f64,
    hi: f64,
) -> vosia_status {
    with_params(q, |p| {
        let param = match param {
            VOSIA_PARAM_BAND => IntervalParam::Band,
            VOSIA_PARAM_TIME => IntervalParam::Time,
            VOSIA_PARAM_FOV => IntervalParam::Fov,
            VOSIA_PARAM_SPATRES => IntervalParam::SpatRes,
            VOSIA_PARAM_EXPTIME => IntervalParam::ExpTime,
            VOSIA_PARAM_TIMERES => IntervalParam::TimeRes,
            VOSIA_PARAM_SPECRP => IntervalParam::SpecRp,
            _ => {
                return Err(Error::invalid(format!(
                    "{param} is not an interval parameter (VOSIA_PARAM_BAND, _TIME, _FOV, \
                     _SPATRES, _EXPTIME, _TIMERES, _SPECRP)"
                ))
                .into());
            }
        };
        Ok(p.add_interval(param, lo, hi)?)
    })
}

/// SIA 2.0: adds a value of text parameter `param`: VOSIA_PARAM_ID (`obs_publisher_did`),
/// _COLLECTION, _FACILITY, _INSTRUMENT, _DPTYPE (`image` or `cube`), _TARGET, or _POL (one of
/// I Q U V RR LL RL LR XX YY XY YX POLI POLA, any case). Several values are OR-ed; the value
/// is copied and sent as given (percent-encoded).
///
/// @param q (not NULL) the query.
/// @param param the text parameter: VOSIA_PARAM_ID, _COLLECTION, _FACILITY, _INSTRUMENT,
///              _DPTYPE, _TARGET or _POL.
/// @param value (not NULL) the value, not empty, NUL-terminated UTF-8.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty value, an unknown POL state, not a text
///         parameter, not UTF-8); VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_text(
    q: *mut vosia_query,
    param: i32,
    value: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        // SAFETY: string contract.
        let value = unsafe { str_arg(value, "value") }?;
        let param = match param {
            VOSIA_PARAM_ID => TextParam::Id,
            VOSIA_PARAM_COLLECTION => TextParam::Collection,
            VOSIA_PARAM_FACILITY => TextParam::Facility,
            VOSIA_PARAM_INSTRUMENT => TextParam::Instrument,
            VOSIA_PARAM_DPTYPE => TextParam::DpType,
            VOSIA_PARAM_TARGET => TextParam::Target,
            VOSIA_PARAM_POL => return Ok(p.add_pol(value)?),
            _ => {
                return Err(Error::invalid(format!(
                    "{param} is not a text parameter (VOSIA_PARAM_ID, _COLLECTION, _FACILITY, \
                     _INSTRUMENT, _DPTYPE, _TARGET, _POL)"
                ))
                .into());
            }
        };
        Ok(p.add_text(param, value)?)
    })
}

/// SIA 2.0: adds a `CALIB` calibration level (0 to 4).
///
/// @param q (not NULL) the query.
/// @param level the calibration level, 0 to 4.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service);
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_calib(q: *mut vosia_query, level: i32) -> vosia_status {
    with_params(q, |p| Ok(p.add_calib(i64::from(level))?))
}

/// Sets any parameter by name (upper-cased on the wire), replacing its earlier values; the
/// value is sent as given, percent-encoded. For parameters vosia has no setter for (e.g.
/// DaCHS' `object`, SIA 1.0 image-generation parameters).
///
/// @param q (not NULL) the query.
/// @param name (not NULL) the parameter name, not empty (UTF-8).
/// @param value (not NULL) the value, sent as given (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty name, not UTF-8); VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_set_param(
    q: *mut vosia_query,
    name: *const c_char,
    value: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        let name = unsafe { str_arg(name, "name") }?;
        Ok(p.set(name, unsafe { str_arg(value, "value") }?)?)
    })
}

/// Adds one more value for a parameter by name (sent as a repeated key; SIA 2.0 ORs them).
///
/// @param q (not NULL) the query.
/// @param name (not NULL) the parameter name, not empty (UTF-8).
/// @param value (not NULL) the value, sent as given (UTF-8).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty name, not UTF-8); VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_add_param(
    q: *mut vosia_query,
    name: *const c_char,
    value: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        let name = unsafe { str_arg(name, "name") }?;
        Ok(p.add(name, unsafe { str_arg(value, "value") }?)?)
    })
}

/// Removes every value of a parameter (name compared case-insensitively), whether it was set
/// by a typed setter or by name. Removing an absent parameter is not an error.
///
/// @param q (not NULL) the query.
/// @param name (not NULL) the parameter name (UTF-8).
/// @return VOSIA_OK (also when the parameter was absent); VOSIA_E_INVALID_ARG (not UTF-8),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_remove_param(
    q: *mut vosia_query,
    name: *const c_char,
) -> vosia_status {
    with_params(q, |p| {
        p.remove(unsafe { str_arg(name, "name") }?);
        Ok(())
    })
}

/// Exactly the URL vosia_query_execute will GET (base URL plus the percent-encoded
/// parameters).
///
/// @param q (not NULL) the query.
/// @param out (out, not NULL) receives a string owned by the query, valid until the query
///            next changes or is freed; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_url(
    q: *mut vosia_query,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let handle = unsafe { borrow_mut::<QueryHandle, _>(q) }?;
        not_null(out, "out")?;
        let query = &handle.query;
        let url = handle.url.get_or_insert_with(|| c_string(&query.url()));
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, url.as_ptr()) })
    })
}

/// Copies the URL vosia_query_execute will GET into `buf` (copy_* convention).
///
/// @param q (not NULL) the query.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_copy_url(
    q: *const vosia_query,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let handle = unsafe { borrow::<QueryHandle, _>(q) }?;
        Ok(unsafe { copy_out(&handle.query.url(), buf, cap, len) })
    })
}

/// Sends the query and reads the whole response, streaming it into a results handle. Blocks
/// the calling thread only, for at most the service's timeout (retries included). On success
/// writes a new results handle to `*out` (free with vosia_results_free; it does not depend on
/// the query or service). A response with QUERY_STATUS=OVERFLOW is a success
/// (vosia_results_overflow tells).
///
/// @param q (not NULL) the query.
/// @param out (out, not NULL) receives the new results; written only on VOSIA_OK.
/// @return VOSIA_OK, or (detail in vosia_query_error and vosia_last_error):
/// VOSIA_E_CONNECT (refused, host not found), VOSIA_E_TIMEOUT, VOSIA_E_TLS,
/// VOSIA_E_HTTP (non-2xx: the status line and the start of the body; after the retries for
/// 429/503), VOSIA_E_TOO_LARGE, VOSIA_E_SERVICE (QUERY_STATUS=ERROR: the service's own
/// text), VOSIA_E_FORMAT (HTML or another non-VOTable answer: its content type and first
/// bytes; a body cut short), VOSIA_E_NO_TABLE, VOSIA_E_CANCELLED (the service's progress
/// function asked to stop), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_execute(
    q: *mut vosia_query,
    out: *mut *mut vosia_results,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { execute(q, None, out) }
}

/// As vosia_query_execute, and the exact bytes of the response are written to the file
/// `path` while they are parsed (no second request; the response is never held whole): to
/// `path` with `.part` added, renamed to `path` once the whole response has been read and
/// parsed, removed on any failure. So a saved response can be read again with
/// vosia_results_parse_file, given to another tool, or kept as provenance.
///
/// @param q (not NULL) the query.
/// @param path (not NULL) the file to write the response to, UTF-8.
/// @param out (out, not NULL) receives the new results; written only on VOSIA_OK.
/// @return as vosia_query_execute; also VOSIA_E_IO (the file could not be written: the
///         results are then not handed out either).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_execute_saving(
    q: *mut vosia_query,
    path: *const c_char,
    out: *mut *mut vosia_results,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { execute(q, Some(path), out) }
}

/// A rows function, for a read in batches (vosia_query_execute_in_batches,
/// vosia_results_parse_file_in_batches): handed each batch of rows as soon as it is parsed.
/// `rows` is a results handle with the table's columns and up to `batch_rows` rows, borrowed
/// for this call only: read it with any vosia_results_ getter (whole columns at once with
/// vosia_results_get_double_column and its kin), never free it, and keep neither it nor a
/// string borrowed from it after returning. `first_row` is the index (0-based) of its first
/// row in the whole table. Return 0 to go on; any other value stops the read at once, and
/// the call fails with VOSIA_E_CANCELLED. Called on the calling thread, in row order.
pub type vosia_rows_fn = Option<
    unsafe extern "C" fn(rows: *const vosia_results, first_row: i64, user: *mut c_void) -> i32,
>;

/// The rows function `f` as the core's receiver of batches: each batch behind a results
/// handle for the length of the call, freed after it.
pub(crate) fn rows_sink(
    f: unsafe extern "C" fn(*const vosia_results, i64, *mut c_void) -> i32,
    user: *mut c_void,
) -> impl FnMut(Results, u64) -> crate::Result<()> {
    move |batch, first_row| {
        let rows: *mut vosia_results = into_raw(batch);
        let first_row = i64::try_from(first_row).unwrap_or(i64::MAX);
        // SAFETY: the caller's function, called as vosia.h says; the handle is live.
        let said = unsafe { f(rows, first_row, user) };
        // SAFETY: our own handle; the contract forbids the callee to free or keep it.
        unsafe { free::<Results, _>(rows) };
        if said != 0 {
            return Err(Error::new(
                ErrorKind::Cancelled,
                format!("the rows function returned {said}: the read was stopped"),
            ));
        }
        Ok(())
    }
}

/// The batch size of a read in batches: at least one row.
pub(crate) fn batch_rows_arg(batch_rows: i64) -> FfiResult<usize> {
    match usize::try_from(batch_rows) {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Error::invalid(format!(
            "batch_rows {batch_rows}: a batch holds at least 1 row"
        ))
        .into()),
    }
}

/// As vosia_query_execute, but the rows are not kept: they are handed to `on_rows` in
/// batches of `batch_rows` rows as the response is parsed, and dropped after each call, so
/// that memory does not grow with the row count (a response of millions of rows reads in a
/// few MB). The service's response size limit still applies; its memory budget bounds one
/// batch. On success `*out` receives the rest of the response: results with the table's
/// columns and no rows, the INFOs and overflow flag of the whole response, and its warnings
/// (free with vosia_results_free). A QUERY_STATUS=ERROR found after rows were handed on (rare:
/// services put it before the table) fails the call after those calls.
///
/// @param q          (not NULL) the query.
/// @param batch_rows rows per batch, >= 1 (the last batch may hold fewer).
/// @param on_rows    (not NULL) called with each batch, on this thread; see vosia_rows_fn.
/// @param user       handed back to `on_rows` unchanged; may be NULL.
/// @param out        (out, not NULL) receives the rest of the response; written only on
///                   VOSIA_OK.
/// @return as vosia_query_execute; VOSIA_E_CANCELLED when `on_rows` returned non-zero (or the
///         service's progress function asked to stop); VOSIA_E_INVALID_ARG for
///         `batch_rows` < 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_execute_in_batches(
    q: *mut vosia_query,
    batch_rows: i64,
    on_rows: vosia_rows_fn,
    user: *mut c_void,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let handle = unsafe { borrow_mut::<QueryHandle, _>(q) }?;
        let on_rows = on_rows.ok_or_else(|| Failure::null_arg("on_rows"))?;
        not_null(out, "out")?;
        let batch_rows = batch_rows_arg(batch_rows)?;
        let mut sink = rows_sink(on_rows, user);
        let outcome = handle.query.execute_in_batches(batch_rows, &mut sink);
        handle.error = c_string(outcome.as_ref().err().map_or("", |e| e.message()));
        let rest = outcome?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<Results, vosia_results>(rest)) })
    })
}

/// The one body of the two execute calls.
unsafe fn execute(
    q: *mut vosia_query,
    path: Option<*const c_char>,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let handle = unsafe { borrow_mut::<QueryHandle, _>(q) }?;
        let path = match path {
            // SAFETY: string contract.
            Some(p) => Some(std::path::PathBuf::from(unsafe { str_arg(p, "path") }?)),
            None => None,
        };
        not_null(out, "out")?;
        let outcome = match &path {
            Some(p) => handle.query.execute_saving(p),
            None => handle.query.execute(),
        };
        handle.error = c_string(outcome.as_ref().err().map_or("", |e| e.message()));
        let results = outcome?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<Results, vosia_results>(results)) })
    })
}

/// The detail of this query's last vosia_query_execute failure ("" after a success or
/// before any execute). Reading it never changes vosia_last_error.
///
/// @param q (not NULL) the query.
/// @param out (out, not NULL) receives a string owned by the query, valid until it is next
///            executed or freed; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE (neither recorded as this
///         thread's last error).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_error(
    q: *const vosia_query,
    out: *mut *const c_char,
) -> vosia_status {
    guard(VOSIA_E_PANIC, || {
        // SAFETY: handle contract.
        let Ok(handle) = (unsafe { borrow::<QueryHandle, _>(q) }) else {
            return if q.is_null() {
                VOSIA_E_NULL_ARG
            } else {
                VOSIA_E_BAD_HANDLE
            };
        };
        if out.is_null() {
            return VOSIA_E_NULL_ARG;
        }
        // SAFETY: checked non-NULL.
        unsafe { write_out(out, handle.error.as_ptr()) }
    })
}

/// Copies this query's last execute error into `buf` (copy_* convention).
///
/// @param q (not NULL) the query.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_query_copy_error(
    q: *const vosia_query,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let handle = unsafe { borrow::<QueryHandle, _>(q) }?;
        Ok(unsafe { copy_out(handle.error.to_str().unwrap_or(""), buf, cap, len) })
    })
}
