//! `vosia_field_*`: the standard fields, enumerable from C (name, kind, unit, number by
//! name), so that bindings read the list from the library instead of restating it.

use std::ffi::{CStr, c_char};

use super::consts::{
    VOSIA_ATTR_NAME, VOSIA_ATTR_UNIT, VOSIA_KIND_ARRAY, VOSIA_KIND_NUMBER, VOSIA_KIND_TEXT,
};
use super::guard::{guard, guard_status, not_null, write_optional, write_out};
use super::status::{FfiResult, vosia_status};
use super::strings::{copy_optional, str_arg};
use super::{attr_unknown, field_arg};
use crate::stdfields::{FieldKind, StdField};

fn c_text(field: StdField, attr: i32) -> FfiResult<Option<&'static CStr>> {
    let text = match attr {
        VOSIA_ATTR_NAME => field.c_name(),
        VOSIA_ATTR_UNIT => field.c_unit(),
        _ => return Err(attr_unknown(attr, "a standard field", "NAME, UNIT")),
    };
    Ok((!text.is_empty()).then_some(text))
}

/// The number of standard fields: VOSIA_FIELD_* values run from 0 to this minus 1 (the
/// VOSIA_FIELD_COUNT of the library loaded, which a newer library may raise).
///
/// @return the number of standard fields (never fails).
#[unsafe(no_mangle)]
pub extern "C" fn vosia_field_count() -> i32 {
    guard(0, || i32::try_from(StdField::ALL.len()).unwrap_or(i32::MAX))
}

/// Attribute `attr` of standard field `field`: VOSIA_ATTR_NAME, the lower-case name
/// bindings use ("access_url"; VOSIA_FIELD_ACCESS_URL in upper case), or VOSIA_ATTR_UNIT,
/// the fixed unit the get_std_* getters return ("deg", "m", "d" for MJD days, "s", "byte").
///
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a static string; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (a field without unit: text, counts, pixels);
///         VOSIA_E_RANGE (not a VOSIA_FIELD_*), VOSIA_E_INVALID_ARG (another attribute),
///         VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_field_get_attr(
    field: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let text = c_text(field_arg(field)?, attr)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, text.map(CStr::as_ptr)) })
    })
}

/// Copies attribute `attr` of standard field `field` (see vosia_field_get_attr) into `buf`
/// (copy_* convention).
///
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_RANGE,
///         VOSIA_E_INVALID_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_field_copy_attr(
    field: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        let text = c_text(field_arg(field)?, attr)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(text, buf, cap, len) })
    })
}

/// How standard field `field` is read: VOSIA_KIND_TEXT (get_std_str), VOSIA_KIND_NUMBER
/// (get_std_double) or VOSIA_KIND_ARRAY (get_std_double_array).
///
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_field_kind(field: i32, out: *mut i32) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let kind = match field_arg(field)?.kind() {
            FieldKind::Text => VOSIA_KIND_TEXT,
            FieldKind::Number => VOSIA_KIND_NUMBER,
            FieldKind::Array => VOSIA_KIND_ARRAY,
        };
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, kind) })
    })
}

/// The standard field named `name` (as vosia_field_get_attr gives it, case-insensitive).
///
/// @param name (not NULL) the field's name, NUL-terminated UTF-8.
/// @param out (out, not NULL) receives the VOSIA_FIELD_* value; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no field has that name); VOSIA_E_NULL_ARG,
///         VOSIA_E_INVALID_ARG (not UTF-8).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_field_by_name(name: *const c_char, out: *mut i32) -> vosia_status {
    guard_status(|| {
        // SAFETY: string contract.
        let name = unsafe { str_arg(name, "name") }?;
        not_null(out, "out")?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, StdField::by_name(name).map(StdField::number)) })
    })
}
