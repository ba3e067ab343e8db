//! `vosia_results_*descriptor*`: the service descriptors of a response (DataLink 1.1 §4,
//! `RESOURCE type="meta" utype="adhoc:service"`): what DataLink and SODA services it offers,
//! where, and with which inputs. Strings are lent from the results handle.

use std::ffi::{CStr, c_char};

use super::consts::{VOSIA_ATTR_ID, VOSIA_ATTR_NAME, VOSIA_ATTR_STANDARD_ID, VOSIA_ATTR_URL};
use super::guard::{guard_status, not_null, write_out};
use super::results::{results, vosia_results};
use super::status::{FfiResult, vosia_status};
use super::strings;
use super::{attr_of, attr_unknown};
use crate::Results;
use crate::attrs::Attr;
use crate::error::Error;
use crate::votable::{InputParam, ServiceDescriptor};

fn nth<'a, T>(items: &'a [T], i: i32, what: &str) -> FfiResult<&'a T> {
    usize::try_from(i)
        .ok()
        .and_then(|i| items.get(i))
        .ok_or_else(|| {
            Error::range(format!(
                "{what} {i} is out of range (there are {})",
                items.len()
            ))
            .into()
        })
}

fn descriptor(r: &Results, i: i32) -> FfiResult<&ServiceDescriptor> {
    nth(r.descriptors(), i, "descriptor")
}

fn input(r: &Results, i: i32, k: i32) -> FfiResult<&InputParam> {
    nth(&descriptor(r, i)?.inputs, k, "input")
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

unsafe fn write_count(
    r: *const vosia_results,
    out: *mut i32,
    n: impl FnOnce(&Results) -> FfiResult<usize>,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let n = n(res)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, count(n)) })
    })
}

unsafe fn get_text<'a>(
    r: *const vosia_results,
    out: *mut *const c_char,
    body: impl FnOnce(&'a Results) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| results(r), out, body) }
}

/// Runs the `copy_*` twin of a getter.
unsafe fn copy_text<'a>(
    r: *const vosia_results,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
    body: impl FnOnce(&'a Results) -> FfiResult<Option<&'a CStr>>,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| results(r), buf, cap, len, body) }
}

fn descriptor_text(r: &Results, i: i32, attr: i32) -> FfiResult<Option<&CStr>> {
    let d = descriptor(r, i)?;
    match attr {
        VOSIA_ATTR_ID => Ok(d.c_id()),
        VOSIA_ATTR_NAME => Ok(d.c_name()),
        VOSIA_ATTR_STANDARD_ID => Ok(d.c_standard_id()),
        VOSIA_ATTR_URL => Ok(d.c_access_url()),
        _ => Err(attr_unknown(
            attr,
            "a service descriptor",
            "ID, NAME, STANDARD_ID, URL",
        )),
    }
}

fn input_text(r: &Results, i: i32, k: i32, attr: i32) -> FfiResult<Option<&CStr>> {
    let p = input(r, i, k)?;
    let attr = attr_of(attr, Attr::INPUT, "a descriptor input")?;
    Ok(p.attrs.c_str(attr))
}

fn option_text(r: &Results, i: i32, k: i32, o: i32) -> FfiResult<Option<&CStr>> {
    let p = input(r, i, k)?;
    let text = usize::try_from(o).ok().and_then(|o| p.c_option(o));
    Ok(Some(text.ok_or_else(|| {
        Error::range(format!(
            "option {o} is out of range (there are {})",
            p.option_count()
        ))
    })?))
}

/// How many service descriptors the response has (`RESOURCE type="meta"
/// utype="adhoc:service"`: DataLink, SODA and other services it describes).
///
/// @param r (not NULL) the results.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_descriptor_count(
    r: *const vosia_results,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { write_count(r, out, |res| Ok(res.descriptors().len())) }
}

/// Attribute `attr` of service descriptor `i` (0-based): VOSIA_ATTR_ID (the RESOURCE's ID,
/// what a DataLink `service_def` names), VOSIA_ATTR_NAME, VOSIA_ATTR_STANDARD_ID (e.g.
/// `ivo://ivoa.net/std/SODA#sync-1.0`), VOSIA_ATTR_URL (its accessURL).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (not given); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG
///         (another attribute), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_descriptor_attr(
    r: *const vosia_results,
    i: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(r, out, |res| descriptor_text(res, i, attr)) }
}

/// Copies attribute `attr` of service descriptor `i` into `buf` (copy_* convention).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_descriptor_attr(
    r: *const vosia_results,
    i: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { copy_text(r, buf, cap, len, |res| descriptor_text(res, i, attr)) }
}

/// How many input parameters service descriptor `i` declares (its `GROUP
/// name="inputParams"`).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_descriptor_input_count(
    r: *const vosia_results,
    i: i32,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { write_count(r, out, |res| Ok(descriptor(res, i)?.inputs.len())) }
}

/// Attribute `attr` of input `k` of service descriptor `i`: VOSIA_ATTR_NAME, _ID, _UCD,
/// _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE, _VALUE (a fixed value), _MIN,
/// _MAX (its VALUES), _REF (the ID of the results column each row's value comes from).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param k 0-based index of the input, below vosia_results_descriptor_input_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (not set); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_descriptor_input_attr(
    r: *const vosia_results,
    i: i32,
    k: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(r, out, |res| input_text(res, i, k, attr)) }
}

/// Copies attribute `attr` of input `k` of service descriptor `i` into `buf` (copy_*
/// convention).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param k 0-based index of the input, below vosia_results_descriptor_input_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_descriptor_input_attr(
    r: *const vosia_results,
    i: i32,
    k: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { copy_text(r, buf, cap, len, |res| input_text(res, i, k, attr)) }
}

/// How many allowed values (VALUES/OPTION) input `k` of service descriptor `i` lists.
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param k 0-based index of the input, below vosia_results_descriptor_input_count.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_descriptor_input_option_count(
    r: *const vosia_results,
    i: i32,
    k: i32,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { write_count(r, out, |res| Ok(input(res, i, k)?.option_count())) }
}

/// Allowed value `o` of input `k` of service descriptor `i`.
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param k 0-based index of the input, below vosia_results_descriptor_input_count.
/// @param o 0-based index of the allowed value, below
///          vosia_results_descriptor_input_option_count.
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_descriptor_input_option(
    r: *const vosia_results,
    i: i32,
    k: i32,
    o: i32,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { get_text(r, out, |res| option_text(res, i, k, o)) }
}

/// Copies allowed value `o` of input `k` of service descriptor `i` into `buf` (copy_*
/// convention).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
/// @param k 0-based index of the input, below vosia_results_descriptor_input_count.
/// @param o 0-based index of the allowed value, below
///          vosia_results_descriptor_input_option_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_descriptor_input_option(
    r: *const vosia_results,
    i: i32,
    k: i32,
    o: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: passed through.
    unsafe { copy_text(r, buf, cap, len, |res| option_text(res, i, k, o)) }
}
