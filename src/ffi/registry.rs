//! `vosia_tap_query` and `vosia_registry_*`: ADQL on a TAP service, and SIA services found in
//! a RegTAP registry. The ADQL and the reading of the answer are the core's (`tap`,
//! `registry`).

use std::ffi::{CStr, c_char};

use super::consts::{
    VOSIA_ATTR_DESCRIPTION, VOSIA_ATTR_IVOID, VOSIA_ATTR_SHORT_NAME, VOSIA_ATTR_STANDARD_ID,
    VOSIA_ATTR_TITLE, VOSIA_ATTR_URL, VOSIA_ATTR_WAVEBAND, VOSIA_REGISTRY_IVOID,
    VOSIA_REGISTRY_KEYWORD, VOSIA_REGISTRY_SERVICE_TYPE, VOSIA_REGISTRY_WAVEBAND,
};
use super::guard::{guard_status, guard_value, not_null, write_out};
use super::handle::{HandleKind, borrow, borrow_mut, free, into_raw};
use super::index_arg;
use super::results::vosia_results;
use super::service::{new_handle, service_ref, vosia_service};
use super::status::{FfiResult, VOSIA_E_INVALID_ARG, VOSIA_OK, vosia_status};
use super::strings::{self, str_arg};
use crate::error::Error;
use crate::registry::{self, Hit, RegistryQuery};
use crate::tap::{self, TapQuery};

/// Runs the ADQL query `adql` on the TAP service whose root URL (`.../tap`) `tap` was made
/// for, synchronously (a POST to `<root>/sync`, `LANG=ADQL`), through `tap`'s transport
/// settings, and reads the answer as results of `tap`'s SIA version (an `ivoa.obscore`
/// query read as VOSIA_SIA2 has the standard fields of an SIA 2.0 search).
///
/// @param tap (not NULL) a service made for the TAP service's root URL.
/// @param adql (not NULL) the ADQL query (UTF-8).
/// @param maxrec at most this many rows (`MAXREC`); negative: the service's default. A cut
///               answer says so through vosia_results_overflow.
/// @param out (out, not NULL) receives the results (free with vosia_results_free); written
///            only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_SERVICE (the TAP service's own error, such as an ADQL mistake),
///         the transport errors, VOSIA_E_FORMAT, VOSIA_E_INVALID_ARG (empty ADQL),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_tap_query(
    tap: *const vosia_service,
    adql: *const c_char,
    maxrec: i64,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(tap) }?;
        let adql = unsafe { str_arg(adql, "adql") }?;
        not_null(out, "out")?;
        let mut query = TapQuery::new(adql)?;
        query.maxrec = u64::try_from(maxrec).ok();
        let results = tap::run(service, &query)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<crate::Results, vosia_results>(results)) })
    })
}

/// Opaque handle to the constraints of a registry search (`vosia_registry_query_*`). One
/// thread at a time.
pub struct vosia_registry_query {
    _private: [u8; 0],
}

impl HandleKind for RegistryQuery {
    const MAGIC: u64 = 0x766f_7369_7267_7179; // "vosirgqy"
    const NAME: &'static str = "vosia_registry_query";
}

/// Opaque handle to the SIA services a registry search found, one entry per SIA interface.
/// Immutable; any number of threads may read it. Free with vosia_registry_hits_free.
pub struct vosia_registry_hits {
    _private: [u8; 0],
}

struct Hits(Vec<Hit>);

impl HandleKind for Hits {
    const MAGIC: u64 = 0x766f_7369_7268_6974; // "vosirhit"
    const NAME: &'static str = "vosia_registry_hits";
}

/// Creates registry search constraints that ask for every SIA 1.0 and 2.0 service; narrow
/// them with vosia_registry_query_add and vosia_registry_query_set_position.
///
/// @param out (out, not NULL) receives the new handle; free it with
///            vosia_registry_query_free.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_query_new(
    out: *mut *mut vosia_registry_query,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let handle = into_raw::<RegistryQuery, vosia_registry_query>(RegistryQuery::new());
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, handle) })
    })
}

/// Frees registry search constraints. NULL does nothing.
///
/// @param q the constraints to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_query_free(q: *mut vosia_registry_query) {
    // SAFETY: the handle contract.
    unsafe { free::<RegistryQuery, _>(q) }
}

/// Adds a constraint (see VOSIA_REGISTRY_SERVICE_TYPE and the constants after it for what
/// each means and how several of one kind combine).
///
/// @param q (not NULL) the constraints.
/// @param constraint a VOSIA_REGISTRY_* constant.
/// @param value (not NULL) its value (UTF-8): "sia" or "sia2", a keyword, a messenger term,
///              an ivoid.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (unknown constraint, empty value, unknown service
///         type or waveband, an ivoid not starting with ivo://), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_query_add(
    q: *mut vosia_registry_query,
    constraint: i32,
    value: *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let query = unsafe { borrow_mut::<RegistryQuery, _>(q) }?;
        let value = unsafe { str_arg(value, "value") }?;
        match constraint {
            VOSIA_REGISTRY_SERVICE_TYPE => query.add_service_type(value),
            VOSIA_REGISTRY_KEYWORD => query.add_keyword(value),
            VOSIA_REGISTRY_WAVEBAND => query.add_waveband(value),
            VOSIA_REGISTRY_IVOID => query.add_ivoid(value),
            other => Err(Error::invalid(format!(
                "constraint {other} is not a VOSIA_REGISTRY_* value (1 to 4)"
            ))),
        }?;
        Ok(VOSIA_OK)
    })
}

/// Asks for services whose declared coverage contains the circle of `radius_deg` around
/// (`ra_deg`, `dec_deg`), ICRS degrees (radius 0: the point). Replaces an earlier position.
/// The registry must have RegTAP 1.2 coverage (`rr.stc_spatial`) and MOC in its ADQL, as
/// GAVO's has; on one without, the search fails with VOSIA_E_SERVICE saying so.
///
/// @param q (not NULL) the constraints.
/// @param ra_deg right ascension, 0 to 360 degrees.
/// @param dec_deg declination, -90 to 90 degrees.
/// @param radius_deg radius, 0 to 180 degrees.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (out of range, NaN), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_query_set_position(
    q: *mut vosia_registry_query,
    ra_deg: f64,
    dec_deg: f64,
    radius_deg: f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let query = unsafe { borrow_mut::<RegistryQuery, _>(q) }?;
        query.set_position(ra_deg, dec_deg, radius_deg)?;
        Ok(VOSIA_OK)
    })
}

/// Finds the SIA services meeting `q` in the RegTAP registry whose TAP root URL `registry`
/// was made for (any SIA version; e.g. `http://reg.g-vo.org/tap`, GAVO's), through
/// `registry`'s transport settings. One hit per SIA interface (`vs:paramhttp`), ordered by
/// ivoid.
///
/// @param registry (not NULL) a service made for the registry's TAP root URL.
/// @param q (not NULL) the constraints.
/// @param out (out, not NULL) receives the hits (free with vosia_registry_hits_free); written
///            only on VOSIA_OK, also when nothing matched.
/// @return VOSIA_OK; VOSIA_E_SERVICE (the registry's own error), the transport errors,
///         VOSIA_E_FORMAT (not a RegTAP answer), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_search(
    registry: *const vosia_service,
    q: *const vosia_registry_query,
    out: *mut *mut vosia_registry_hits,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contracts.
        let service = unsafe { service_ref(registry) }?;
        let query = unsafe { borrow::<RegistryQuery, _>(q) }?;
        not_null(out, "out")?;
        let hits = Hits(registry::search(service, query)?);
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<Hits, vosia_registry_hits>(hits)) })
    })
}

/// Frees registry hits. NULL does nothing. Strings borrowed from it become invalid.
///
/// @param h the hits to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_free(h: *mut vosia_registry_hits) {
    // SAFETY: the handle contract.
    unsafe { free::<Hits, _>(h) }
}

unsafe fn hits<'a>(h: *const vosia_registry_hits) -> FfiResult<&'a Hits> {
    // SAFETY: the C contract: NULL or a handle we gave out.
    unsafe { borrow::<Hits, _>(h) }
}

fn nth(h: &Hits, i: i64) -> FfiResult<&Hit> {
    let i = index_arg(i, "hit")?;
    h.0.get(i).ok_or_else(|| {
        Error::range(format!("hit {i} is past the {} registry hits", h.0.len())).into()
    })
}

fn hit_attr(h: &Hits, i: i64, attr: i32) -> FfiResult<Option<&CStr>> {
    let hit = nth(h, i)?;
    let text = match attr {
        VOSIA_ATTR_IVOID => &hit.ivoid,
        VOSIA_ATTR_TITLE => &hit.title,
        VOSIA_ATTR_SHORT_NAME => &hit.short_name,
        VOSIA_ATTR_DESCRIPTION => &hit.description,
        VOSIA_ATTR_WAVEBAND => &hit.waveband,
        VOSIA_ATTR_STANDARD_ID => &hit.standard_id,
        VOSIA_ATTR_URL => &hit.access_url,
        other => {
            return Err(super::status::Failure::new(
                VOSIA_E_INVALID_ARG,
                format!(
                    "attribute {other} is not one a registry hit has (VOSIA_ATTR_IVOID, TITLE, \
                     SHORT_NAME, DESCRIPTION, WAVEBAND, STANDARD_ID, URL)"
                ),
            ));
        }
    };
    Ok((!text.is_empty()).then_some(text.as_c_str()))
}

/// How many hits there are; -1 if `h` is not a live handle (vosia_last_status says why).
///
/// @param h (not NULL) the hits.
/// @return the number of hits, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_count(h: *const vosia_registry_hits) -> i64 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let h = unsafe { hits(h) }?;
        Ok(i64::try_from(h.0.len()).unwrap_or(i64::MAX))
    })
}

/// Attribute `attr` of hit `i`: VOSIA_ATTR_IVOID, VOSIA_ATTR_TITLE, VOSIA_ATTR_SHORT_NAME,
/// VOSIA_ATTR_DESCRIPTION, VOSIA_ATTR_WAVEBAND, VOSIA_ATTR_STANDARD_ID (the capability's),
/// VOSIA_ATTR_URL (the access URL: what vosia_service_new takes).
///
/// @param h (not NULL) the hits.
/// @param i 0-based hit, below vosia_registry_hits_count.
/// @param attr the VOSIA_ATTR_* key (one a hit does not have is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by `h`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the record leaves it empty); VOSIA_E_INVALID_ARG,
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_get_attr(
    h: *const vosia_registry_hits,
    i: i64,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| hits(h), out, |h| hit_attr(h, i, attr)) }
}

/// Copies attribute `attr` of hit `i` (see vosia_registry_hits_get_attr) into `buf` (copy_*
/// convention).
///
/// @param h (not NULL) the hits.
/// @param i 0-based hit, below vosia_registry_hits_count.
/// @param attr the VOSIA_ATTR_* key.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_INVALID_ARG,
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_copy_attr(
    h: *const vosia_registry_hits,
    i: i64,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| hits(h), buf, cap, len, |h| hit_attr(h, i, attr)) }
}

/// The SIA version of hit `i`: VOSIA_SIA1 or VOSIA_SIA2.
///
/// @param h (not NULL) the hits.
/// @param i 0-based hit, below vosia_registry_hits_count.
/// @param out (out, not NULL) receives the version; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_version(
    h: *const vosia_registry_hits,
    i: i64,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let h = unsafe { hits(h) }?;
        not_null(out, "out")?;
        let hit = nth(h, i)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, hit.version.number()) })
    })
}

/// Creates a service for hit `i`: its access URL and SIA version, with default settings (as
/// vosia_service_new does; no request is made).
///
/// @param h (not NULL) the hits.
/// @param i 0-based hit, below vosia_registry_hits_count.
/// @param out (out, not NULL) receives the new service; free it with vosia_service_free.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG (the record's access URL is not an http(s) URL),
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_registry_hits_service(
    h: *const vosia_registry_hits,
    i: i64,
    out: *mut *mut vosia_service,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let h = unsafe { hits(h) }?;
        not_null(out, "out")?;
        let service = nth(h, i)?.service()?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { new_handle(service, out) })
    })
}
