//! `vosia_results_*`: read a parsed response. Every function here only reads, so any number
//! of threads may call them on the same results at once; strings returned are owned by the
//! results and stay valid until `vosia_results_free`.

use std::ffi::{CStr, c_char};
use std::path::Path;
use std::ptr;

use super::guard::{guard, guard_status, guard_value, not_null, write_out};
use super::handle::{self, HandleKind};
use super::status::{VOSIA_E_BUFFER_SIZE, VOSIA_NULL_VALUE, VOSIA_OK, vosia_status};
use super::strings::{copy_out, str_arg};
use crate::SiaVersion;
use crate::error::{Error, Result};
use crate::results::{ColumnAttr, Numbers, Results};
use crate::stdfields::StdField;
use crate::votable::Datatype;

/// Opaque handle to an immutable, fully parsed response. Create it with
/// `vosia_results_parse`, `vosia_results_parse_file` or `vosia_query_execute`; free it with
/// `vosia_results_free`. Any number of threads may read one at the same time.
pub struct vosia_results {
    _private: [u8; 0],
}

impl HandleKind for Results {
    const MAGIC: u64 = 0x766f_7369_6172_6573; // "vosiares"
    const NAME: &'static str = "vosia_results";
}

/// VOTable datatypes, as returned by `vosia_results_column_datatype`.
///
/// `boolean`: read with get_int64 (0/1); get_text gives "true"/"false".
pub const VOSIA_TYPE_BOOLEAN: i32 = 1;
/// `bit`: read with get_int64 (0/1), or get_double_array for bit arrays.
pub const VOSIA_TYPE_BIT: i32 = 2;
/// `unsignedByte`: read with get_int64.
pub const VOSIA_TYPE_UNSIGNED_BYTE: i32 = 3;
/// `short`: read with get_int64.
pub const VOSIA_TYPE_SHORT: i32 = 4;
/// `int`: read with get_int64.
pub const VOSIA_TYPE_INT: i32 = 5;
/// `long`: read with get_int64.
pub const VOSIA_TYPE_LONG: i32 = 6;
/// `char` (also a FIELD without datatype): read with get_str.
pub const VOSIA_TYPE_CHAR: i32 = 7;
/// `unicodeChar`: read with get_str (UTF-8).
pub const VOSIA_TYPE_UNICODE_CHAR: i32 = 8;
/// `float`: read with get_double (held at single precision).
pub const VOSIA_TYPE_FLOAT: i32 = 9;
/// `double`: read with get_double.
pub const VOSIA_TYPE_DOUBLE: i32 = 10;
/// `floatComplex`: read with get_double_array (real, imaginary pairs).
pub const VOSIA_TYPE_FLOAT_COMPLEX: i32 = 11;
/// `doubleComplex`: read with get_double_array (real, imaginary pairs).
pub const VOSIA_TYPE_DOUBLE_COMPLEX: i32 = 12;

/// Standard fields (`vosia_results_std_column`, `vosia_results_get_std_*`): one vocabulary
/// over SIA 1.0 UCDs and SIA 2.0 ObsCore columns. Numbers come back in fixed units: degrees
/// (RA, DEC, SCALE, REF_VALUE, CD_MATRIX, S_FOV, S_RESOLUTION), MJD (MJD_OBS, T_MIN, T_MAX),
/// seconds (T_EXPTIME, ACREF_TTL), metres (EM_REF, EM_MIN, EM_MAX), bytes (FILESIZE).
///
/// The URL to download the dataset from (SIA 1 `VOX:Image_AccessReference`, SIA 2 `access_url`).
pub const VOSIA_FIELD_ACCESS_URL: i32 = 0;
/// MIME type of the dataset.
pub const VOSIA_FIELD_FORMAT: i32 = 1;
/// SIA 1 image title; SIA 2 `obs_title`, else `obs_id`.
pub const VOSIA_FIELD_TITLE: i32 = 2;
/// Right ascension of the image centre, degrees.
pub const VOSIA_FIELD_RA: i32 = 3;
/// Declination of the image centre, degrees.
pub const VOSIA_FIELD_DEC: i32 = 4;
/// Instrument name (SIA 2: `instrument_name`).
pub const VOSIA_FIELD_INSTRUMENT: i32 = 5;
/// SIA 1 `VOX:Image_MJDateObs`; SIA 2 the mid-point of `t_min` and `t_max`.
pub const VOSIA_FIELD_MJD_OBS: i32 = 6;
/// Number of image axes (SIA 1 only).
pub const VOSIA_FIELD_NAXES: i32 = 7;
/// Pixels per axis (an array; SIA 2: `s_xel1`, `s_xel2`). Read with `get_std_double_array`.
pub const VOSIA_FIELD_NAXIS: i32 = 8;
/// Pixel scale per axis, degrees per pixel (SIA 2: `s_pixel_scale`, converted from arcsec).
pub const VOSIA_FIELD_SCALE: i32 = 9;
/// Coordinate reference frame, e.g. "ICRS" (SIA 1 only).
pub const VOSIA_FIELD_COORD_FRAME: i32 = 10;
/// Equinox of the coordinate frame (SIA 1 only).
pub const VOSIA_FIELD_COORD_EQUINOX: i32 = 11;
/// WCS projection code, e.g. "TAN" (SIA 1 only).
pub const VOSIA_FIELD_PROJECTION: i32 = 12;
/// WCS reference pixel per axis (SIA 1 only).
pub const VOSIA_FIELD_REF_PIXEL: i32 = 13;
/// WCS reference value per axis, degrees (SIA 1 only).
pub const VOSIA_FIELD_REF_VALUE: i32 = 14;
/// WCS CD matrix, degrees per pixel (SIA 1 only).
pub const VOSIA_FIELD_CD_MATRIX: i32 = 15;
/// Bandpass name, e.g. "V" (SIA 1 only).
pub const VOSIA_FIELD_BANDPASS_ID: i32 = 16;
/// Unit of the SIA 1 bandpass values as the service wrote it (the numbers are converted to metres).
pub const VOSIA_FIELD_BANDPASS_UNIT: i32 = 17;
/// Reference wavelength (SIA 2: mid-point of `em_min` and `em_max`).
pub const VOSIA_FIELD_EM_REF: i32 = 18;
/// Shortest wavelength of the bandpass, metres (SIA 1 band limits in Hz or eV are converted, and swap).
pub const VOSIA_FIELD_EM_MIN: i32 = 19;
/// Longest wavelength of the bandpass, metres.
pub const VOSIA_FIELD_EM_MAX: i32 = 20;
/// SIA 1 pixel flags (C, F, X, Z, V).
pub const VOSIA_FIELD_PIXFLAGS: i32 = 21;
/// How long the access URL stays valid, seconds (SIA 1).
pub const VOSIA_FIELD_ACREF_TTL: i32 = 22;
/// Dataset size in bytes (SIA 2 `access_estsize` is in kilobytes and is converted).
pub const VOSIA_FIELD_FILESIZE: i32 = 23;
/// `obs_collection` (SIA 2).
pub const VOSIA_FIELD_COLLECTION: i32 = 24;
/// `dataproduct_type`, e.g. "image" (SIA 2).
pub const VOSIA_FIELD_DATAPRODUCT_TYPE: i32 = 25;
/// `calib_level`, 0 to 4 (SIA 2).
pub const VOSIA_FIELD_CALIB_LEVEL: i32 = 26;
/// `obs_id` (SIA 2).
pub const VOSIA_FIELD_OBS_ID: i32 = 27;
/// `obs_publisher_did`, the dataset identifier for SIA 2 ID= and DataLink (SIA 2).
pub const VOSIA_FIELD_PUBLISHER_DID: i32 = 28;
/// `target_name` (SIA 2).
pub const VOSIA_FIELD_TARGET: i32 = 29;
/// `s_fov`, field of view diameter, degrees (SIA 2).
pub const VOSIA_FIELD_S_FOV: i32 = 30;
/// `s_region`, the footprint as written (STC-S or DALI polygon) (SIA 2).
pub const VOSIA_FIELD_S_REGION: i32 = 31;
/// `s_resolution`, spatial resolution, degrees (converted from arcsec) (SIA 2).
pub const VOSIA_FIELD_S_RESOLUTION: i32 = 32;
/// `t_min`, start of the exposure, MJD (SIA 2).
pub const VOSIA_FIELD_T_MIN: i32 = 33;
/// `t_max`, end of the exposure, MJD (SIA 2).
pub const VOSIA_FIELD_T_MAX: i32 = 34;
/// `t_exptime`, exposure time, seconds (SIA 2).
pub const VOSIA_FIELD_T_EXPTIME: i32 = 35;
/// `em_res_power`, spectral resolving power (SIA 2).
pub const VOSIA_FIELD_EM_RES_POWER: i32 = 36;
/// `pol_states`, e.g. "/I/Q/U/" (SIA 2).
pub const VOSIA_FIELD_POL_STATES: i32 = 37;
/// `facility_name` (SIA 2).
pub const VOSIA_FIELD_FACILITY: i32 = 38;
/// One more than the largest `VOSIA_FIELD_*` value.
pub const VOSIA_FIELD_COUNT: i32 = 39;

// ---------------------------------------------------------------- helpers

unsafe fn results<'a>(r: *const vosia_results) -> Result<&'a Results> {
    // SAFETY: the C contract: NULL or a handle we gave out.
    unsafe { handle::borrow::<Results, _>(r) }
}

fn version_arg(sia_version: i32) -> Result<SiaVersion> {
    SiaVersion::from_number(sia_version).ok_or_else(|| {
        Error::invalid(format!(
            "sia_version {sia_version} is not VOSIA_SIA1 (1) or VOSIA_SIA2 (2)"
        ))
    })
}

fn index(value: i64, what: &str) -> Result<usize> {
    usize::try_from(value).map_err(|_| Error::range(format!("{what} {value} is negative")))
}

fn field_arg(field: i32) -> Result<StdField> {
    StdField::from_number(field).ok_or_else(|| {
        Error::range(format!(
            "field {field} is not a VOSIA_FIELD_* value (0 to {})",
            VOSIA_FIELD_COUNT - 1
        ))
    })
}

/// Writes an optional value: `VOSIA_OK` with it, `VOSIA_NULL_VALUE` without touching `out`.
unsafe fn write_optional<T>(out: *mut T, value: Option<T>) -> vosia_status {
    match value {
        // SAFETY: `out` was checked non-NULL by the caller.
        Some(v) => unsafe { write_out(out, v) },
        None => VOSIA_NULL_VALUE,
    }
}

fn str_ptr(value: Option<&CStr>) -> *const c_char {
    value.map_or(ptr::null(), CStr::as_ptr)
}

/// The shared body of the `copy_*` twins: NULL `len` and `buf` with `cap` 0 are allowed.
unsafe fn copy_optional(
    value: Option<&CStr>,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    match value {
        Some(text) => {
            let text = text.to_str().unwrap_or("");
            // SAFETY: buffer contract passed through from the caller.
            let status = unsafe { copy_out(text, buf, cap, len) };
            if status == VOSIA_E_BUFFER_SIZE {
                super::status::set_last_error(&format!(
                    "buffer of {cap} bytes is too small for {} bytes plus the NUL; *len holds the length",
                    text.len()
                ));
            }
            status
        }
        None => VOSIA_NULL_VALUE,
    }
}

fn column_text(r: *const vosia_results, col: i32, attr: ColumnAttr) -> *const c_char {
    guard_value(ptr::null(), || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let c = index(i64::from(col), "column")?;
        res.column_attr(c, attr)
            .map(CStr::as_ptr)
            .ok_or_else(|| Error::range(format!("column {col} is out of range")))
    })
}

unsafe fn copy_column_text(
    r: *const vosia_results,
    col: i32,
    attr: ColumnAttr,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let c = index(i64::from(col), "column")?;
        let text = res
            .column_attr(c, attr)
            .ok_or_else(|| Error::range(format!("column {col} is out of range")))?;
        // SAFETY: buffer contract passed through; a column attribute is never null (may be "").
        Ok(unsafe { copy_optional(Some(text), buf, cap, len) })
    })
}

// ---------------------------------------------------------------- create, free

/// Parses a VOTable response held in memory.
///
/// @param data        (not NULL) the document's bytes; read during the call only.
/// @param len         number of bytes at `data`.
/// @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
/// @param out         (out, not NULL) receives the new results, owned by the caller, who
///                    frees it with vosia_results_free; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_SERVICE (QUERY_STATUS=ERROR, the service's text in
///         vosia_last_error), VOSIA_E_FORMAT (not a VOTable or malformed; the byte offset is
///         in vosia_last_error), VOSIA_E_NO_TABLE, VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse(
    data: *const c_char,
    len: usize,
    sia_version: i32,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        not_null(data, "data")?;
        not_null(out, "out")?;
        let version = version_arg(sia_version)?;
        // SAFETY: the caller promises `len` readable bytes at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
        let parsed = Results::from_bytes(bytes, version)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, handle::into_raw(parsed)) })
    })
}

/// Parses a VOTable response from a file, streaming it (the file is never held whole).
///
/// @param path        (not NULL) UTF-8 file name.
/// @param sia_version VOSIA_SIA1 or VOSIA_SIA2.
/// @param out         (out, not NULL) receives the new results; written only on VOSIA_OK.
/// @return As vosia_results_parse, plus VOSIA_E_IO when the file cannot be read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse_file(
    path: *const c_char,
    sia_version: i32,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: NUL-terminated by contract.
        let path = unsafe { str_arg(path, "path") }?;
        not_null(out, "out")?;
        let version = version_arg(sia_version)?;
        let parsed = Results::from_path(Path::new(path), version)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, handle::into_raw(parsed)) })
    })
}

/// Frees results and every string borrowed from them. NULL is ignored; so is a pointer that
/// is not a live results handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_free(r: *mut vosia_results) {
    // SAFETY: handle contract; `free` checks the magic first.
    guard((), || unsafe { handle::free::<Results, _>(r) })
}

// ---------------------------------------------------------------- shape

/// Number of rows (records), or -1 if `r` is not a valid results handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_row_count(r: *const vosia_results) -> i64 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i64::try_from(unsafe { results(r) }?.row_count()).unwrap_or(i64::MAX))
    })
}

/// Number of columns (FIELDs of the results table), or -1 if `r` is not a valid handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_count(r: *const vosia_results) -> i32 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i32::try_from(unsafe { results(r) }?.column_count()).unwrap_or(i32::MAX))
    })
}

/// 1 if the service reported QUERY_STATUS=OVERFLOW (more records matched than were
/// returned: raise MAXREC or narrow the query), 0 if not, -1 if `r` is not a valid handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_overflow(r: *const vosia_results) -> i32 {
    // SAFETY: handle contract.
    guard_value(-1, || Ok(i32::from(unsafe { results(r) }?.overflow())))
}

/// The value of the last INFO element named `name` (case-insensitive) at the top level, in
/// the results RESOURCE or in its table (its text content when it has no value attribute).
///
/// @return A string owned by `r`, valid until vosia_results_free; NULL if there is no such
///         INFO or an argument is invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_info(
    r: *const vosia_results,
    name: *const c_char,
) -> *const c_char {
    guard_value(ptr::null(), || {
        // SAFETY: handle and string contracts.
        let res = unsafe { results(r) }?;
        let name = unsafe { str_arg(name, "name") }?;
        Ok(str_ptr(res.info(name)))
    })
}

/// Copies the value of INFO `name` into `buf` (see vosia_results_info): at most `cap-1`
/// bytes plus a NUL; `*len` (if not NULL) receives the full length.
///
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no such INFO, nothing written); VOSIA_E_BUFFER_SIZE
///         (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_info(
    r: *const vosia_results,
    name: *const c_char,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle, string and buffer contracts.
        let res = unsafe { results(r) }?;
        let name = unsafe { str_arg(name, "name") }?;
        Ok(unsafe { copy_optional(res.info(name), buf, cap, len) })
    })
}

/// Number of repairs made while reading (cells that could not be read and were kept as
/// null, short rows), or -1 if `r` is not a valid handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_warning_count(r: *const vosia_results) -> i64 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i64::try_from(unsafe { results(r) }?.warning_count()).unwrap_or(i64::MAX))
    })
}

/// The text of repair `i` (0-based; the first 100 are kept).
///
/// @return A string owned by `r`; NULL when `i` is out of range or `r` is invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_warning(r: *const vosia_results, i: i64) -> *const c_char {
    guard_value(ptr::null(), || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let i = index(i, "warning")?;
        res.warning_c_str(i)
            .map(CStr::as_ptr)
            .ok_or_else(|| Error::range(format!("warning {i} is out of range")))
    })
}

// ---------------------------------------------------------------- columns

/// The column's `name` attribute (its ID when it has no name).
///
/// @param col 0-based column index.
/// @return A string owned by `r`, valid until vosia_results_free ("" when absent); NULL if
///         `col` is out of range or `r` is invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_name(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Name)
}

/// The column's `ID` attribute; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_id(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Id)
}

/// The column's `ucd` attribute; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_ucd(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Ucd)
}

/// The column's `utype` attribute; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_utype(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Utype)
}

/// The column's `unit` attribute; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_unit(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Unit)
}

/// The column's `xtype` attribute; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_xtype(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Xtype)
}

/// The column's `arraysize` attribute as written ("" for a scalar); as
/// vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_arraysize(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::ArraySize)
}

/// The column's DESCRIPTION text; as vosia_results_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_description(
    r: *const vosia_results,
    col: i32,
) -> *const c_char {
    column_text(r, col, ColumnAttr::Description)
}

/// Copies the column's name into `buf`: at most `cap-1` bytes plus a NUL; `*len` (if not
/// NULL) receives the full length.
///
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_name(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Name, buf, cap, len) }
}

/// Copies the column's ID; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_id(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Id, buf, cap, len) }
}

/// Copies the column's UCD; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_ucd(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Ucd, buf, cap, len) }
}

/// Copies the column's utype; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_utype(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Utype, buf, cap, len) }
}

/// Copies the column's unit; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_unit(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Unit, buf, cap, len) }
}

/// Copies the column's xtype; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_xtype(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Xtype, buf, cap, len) }
}

/// Copies the column's arraysize; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_arraysize(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::ArraySize, buf, cap, len) }
}

/// Copies the column's description; as vosia_results_copy_column_name.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_description(
    r: *const vosia_results,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { copy_column_text(r, col, ColumnAttr::Description, buf, cap, len) }
}

/// The column's VOTable datatype as a `VOSIA_TYPE_*` value (a FIELD without datatype reads
/// as VOSIA_TYPE_CHAR), or -1 if `col` is out of range or `r` is invalid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_datatype(r: *const vosia_results, col: i32) -> i32 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let c = index(i64::from(col), "column")?;
        res.field(c)
            .map(|f| datatype_code(f.datatype))
            .ok_or_else(|| Error::range(format!("column {col} is out of range")))
    })
}

fn datatype_code(d: Datatype) -> i32 {
    match d {
        Datatype::Boolean => VOSIA_TYPE_BOOLEAN,
        Datatype::Bit => VOSIA_TYPE_BIT,
        Datatype::UnsignedByte => VOSIA_TYPE_UNSIGNED_BYTE,
        Datatype::Short => VOSIA_TYPE_SHORT,
        Datatype::Int => VOSIA_TYPE_INT,
        Datatype::Long => VOSIA_TYPE_LONG,
        Datatype::Char => VOSIA_TYPE_CHAR,
        Datatype::UnicodeChar => VOSIA_TYPE_UNICODE_CHAR,
        Datatype::Float => VOSIA_TYPE_FLOAT,
        Datatype::Double => VOSIA_TYPE_DOUBLE,
        Datatype::FloatComplex => VOSIA_TYPE_FLOAT_COMPLEX,
        Datatype::DoubleComplex => VOSIA_TYPE_DOUBLE_COMPLEX,
    }
}

fn lookup(
    r: *const vosia_results,
    key: *const c_char,
    find: fn(&Results, &str) -> Option<usize>,
) -> i32 {
    guard_value(-1, || {
        // SAFETY: handle and string contracts.
        let res = unsafe { results(r) }?;
        let key = unsafe { str_arg(key, "name") }?;
        Ok(find(res, key).map_or(-1, |c| i32::try_from(c).unwrap_or(-1)))
    })
}

/// The index of the column whose name, else ID, equals `name_or_id` (exact case first, then
/// case-insensitively), or -1 if none (or on invalid arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_index(
    r: *const vosia_results,
    name_or_id: *const c_char,
) -> i32 {
    lookup(r, name_or_id, Results::column_index)
}

/// The index of the first column whose UCD contains every atom of `ucd` (atoms are
/// `;`-separated, compared case-insensitively: "pos.eq.ra" finds "pos.eq.ra;meta.main"),
/// or -1 if none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_by_ucd(
    r: *const vosia_results,
    ucd: *const c_char,
) -> i32 {
    lookup(r, ucd, Results::column_by_ucd)
}

/// The column holding standard field `field` (`VOSIA_FIELD_*`): found by SIA 1.0 UCD or
/// SIA 2.0 ObsCore name. -1 when the result has no such column, when the field is computed
/// from two columns (SIA 2.0 MJD_OBS, EM_REF, NAXIS: use the get_std_* functions), or on
/// invalid arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_std_column(r: *const vosia_results, field: i32) -> i32 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let column = res.std_column(field_arg(field)?);
        Ok(column.map_or(-1, |c| i32::try_from(c).unwrap_or(-1)))
    })
}

// ---------------------------------------------------------------- cells

/// 1 if the cell is null (VOTable null value, empty cell, NaN, BINARY2 null flag), 0 if
/// not, -1 on invalid arguments (out-of-range row or column, bad handle).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_is_null(r: *const vosia_results, row: i64, col: i32) -> i32 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let null = res.is_null(index(row, "row")?, index(i64::from(col), "column")?)?;
        Ok(i32::from(null))
    })
}

/// Reads a numeric cell as a double (integers widen; text is not converted).
///
/// @param row, col 0-based.
/// @param out      (out, not NULL) written only when VOSIA_OK is returned.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (null cell; out untouched); VOSIA_E_TYPE (a text or
///         array column: use get_str/get_text or get_double_array); VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_double(
    r: *const vosia_results,
    row: i64,
    col: i32,
    out: *mut f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.double(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Reads an integer cell (booleans read as 0/1; reals are not converted).
///
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_TYPE (a real, text or array column);
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE. `out` is written only on VOSIA_OK.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_int64(
    r: *const vosia_results,
    row: i64,
    col: i32,
    out: *mut i64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.int64(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Borrows a text cell (char or unicodeChar column) as NUL-terminated UTF-8.
///
/// @param out (out, not NULL) receives a string owned by `r`, valid until
///            vosia_results_free; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (null or empty cell); VOSIA_E_TYPE (a numeric column:
///         use get_text); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_str(
    r: *const vosia_results,
    row: i64,
    col: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.c_str(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies a text cell into `buf`: at most `cap-1` bytes (cut at a character boundary) plus
/// a NUL; `*len` (if not NULL) receives the full length in bytes.
///
/// @return VOSIA_OK; VOSIA_NULL_VALUE (nothing written); VOSIA_E_BUFFER_SIZE (truncated);
///         VOSIA_E_TYPE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_str(
    r: *const vosia_results,
    row: i64,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let v = res.c_str(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}

/// Borrows any cell as text: text as it is, numbers in shortest round-trip form, arrays
/// space-separated, booleans "true"/"false". The first call on a numeric column renders
/// that column once.
///
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_text(
    r: *const vosia_results,
    row: i64,
    col: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.text(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies any cell as text (see vosia_results_get_text) into `buf`; as vosia_results_copy_str.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_text(
    r: *const vosia_results,
    row: i64,
    col: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let v = res.text(index(row, "row")?, index(i64::from(col), "column")?)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}

fn copy_numbers(nums: Numbers<'_>, buf: *mut f64, cap: usize) {
    for i in 0..nums.len().min(cap) {
        // SAFETY: `buf` holds `cap` doubles by contract; i < cap.
        unsafe { buf.add(i).write(nums.get(i).unwrap_or(f64::NAN)) };
    }
}

/// Copies the numbers of a cell (an array, or a scalar as one element) into `buf` as
/// doubles; NaN marks null elements.
///
/// @param buf (out) room for `cap` doubles; may be NULL when `cap` is 0 (a size query).
/// @param n   (out, not NULL) receives the number of elements in the cell, which may exceed
///            `cap`.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (null cell; nothing written); VOSIA_E_BUFFER_SIZE
///         (`cap` < *n; the first `cap` were written); VOSIA_E_TYPE (a text column);
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_double_array(
    r: *const vosia_results,
    row: i64,
    col: i32,
    buf: *mut f64,
    cap: usize,
    n: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(n, "n")?;
        if cap > 0 {
            not_null(buf, "buf")?;
        }
        let Some(nums) = res.numbers(index(row, "row")?, index(i64::from(col), "column")?)? else {
            return Ok(VOSIA_NULL_VALUE);
        };
        copy_numbers(nums, buf, cap);
        // SAFETY: checked non-NULL.
        unsafe { n.write(nums.len()) };
        Ok(if nums.len() > cap {
            VOSIA_E_BUFFER_SIZE
        } else {
            VOSIA_OK
        })
    })
}

// ---------------------------------------------------------------- standard fields

/// Reads standard field `field` (`VOSIA_FIELD_*`) of a row as a number in its fixed unit
/// (degrees, MJD, seconds, metres, bytes). Tolerant: numbers held in text columns are
/// parsed, units are converted, SIA 2.0 MJD_OBS is the mid-point of t_min and t_max.
///
/// @return VOSIA_OK; VOSIA_NULL_VALUE (null cell, or the result has no such field; out
///         untouched); VOSIA_E_TYPE (the cell is text that is not a number, or an array:
///         use get_std_double_array); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_std_double(
    r: *const vosia_results,
    row: i64,
    field: i32,
    out: *mut f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.std_double(index(row, "row")?, field_arg(field)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Reads standard field `field` of a row as numbers in its fixed unit (NAXIS, SCALE,
/// REF_PIXEL, REF_VALUE, CD_MATRIX; a scalar field gives one element). Text cells such as
/// "2048,4096" are parsed.
///
/// @param buf (out) room for `cap` doubles; may be NULL when `cap` is 0.
/// @param n   (out, not NULL) receives the number of values, which may exceed `cap`.
/// @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (the first `cap` were written);
///         VOSIA_E_TYPE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_std_double_array(
    r: *const vosia_results,
    row: i64,
    field: i32,
    buf: *mut f64,
    cap: usize,
    n: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(n, "n")?;
        if cap > 0 {
            not_null(buf, "buf")?;
        }
        // SAFETY: `buf` holds `cap` doubles by contract (checked non-NULL when cap > 0).
        let out: &mut [f64] = if cap == 0 {
            &mut []
        } else {
            unsafe { std::slice::from_raw_parts_mut(buf, cap) }
        };
        let Some(count) = res.std_numbers(index(row, "row")?, field_arg(field)?, out)? else {
            return Ok(VOSIA_NULL_VALUE);
        };
        // SAFETY: checked non-NULL.
        unsafe { n.write(count) };
        Ok(if count > cap {
            VOSIA_E_BUFFER_SIZE
        } else {
            VOSIA_OK
        })
    })
}

/// Borrows standard field `field` of a row as text (text cells as they are; numeric cells
/// rendered, unconverted).
///
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (null, or no such field); VOSIA_E_TYPE (a field
///         computed from two columns); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_std_str(
    r: *const vosia_results,
    row: i64,
    field: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let v = res.std_text(index(row, "row")?, field_arg(field)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies standard field `field` of a row as text into `buf`; as vosia_results_copy_str.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_std_str(
    r: *const vosia_results,
    row: i64,
    field: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let v = res.std_text(index(row, "row")?, field_arg(field)?)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}
