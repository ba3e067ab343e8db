//! `vosia_results_*`: parse a response, then read it. The readers only read, so any number of
//! threads may call them on the same results at once; strings returned are owned by the
//! results and stay valid until `vosia_results_free`.

use std::ffi::{CStr, c_char, c_void};
use std::path::Path;

use super::consts::*;
use super::guard::{guard, guard_status, guard_value, not_null, write_optional, write_out};
use super::handle::{self, HandleKind};
use super::query::{batch_rows_arg, rows_sink, vosia_rows_fn};
use super::service::{byte_limit, reader_threads_arg};
use super::status::{
    Failure, FfiResult, VOSIA_E_BUFFER_SIZE, VOSIA_NULL_VALUE, VOSIA_OK, vosia_status,
};
use super::strings::{copy_optional, str_arg};
use super::{attr_of, field_arg, index_arg, version_arg};
use crate::attrs::Attr;
use crate::results::{Numbers, Results};
use crate::votable::Datatype;

/// Opaque handle to an immutable, fully parsed response. Create it with
/// vosia_results_parse, vosia_results_parse_file or vosia_query_execute; free it with
/// vosia_results_free. Any number of threads may read one at the same time.
pub struct vosia_results {
    _private: [u8; 0],
}

impl HandleKind for Results {
    const MAGIC: u64 = 0x766f_7369_6172_6573; // "vosiares"
    const NAME: &'static str = "vosia_results";
}

pub(crate) unsafe fn results<'a>(r: *const vosia_results) -> FfiResult<&'a Results> {
    // SAFETY: the C contract: NULL or a handle we gave out.
    unsafe { handle::borrow::<Results, _>(r) }
}

fn column_attr(attr: i32) -> FfiResult<Attr> {
    attr_of(attr, Attr::FIELD, "a results column")
}

fn cell(row: i64, col: i32) -> FfiResult<(usize, usize)> {
    Ok((index_arg(row, "row")?, index_arg(i64::from(col), "column")?))
}

/// Writes a found column index, or `VOSIA_NULL_VALUE` for none.
unsafe fn write_index(out: *mut i32, found: Option<usize>) -> vosia_status {
    // SAFETY: `out` checked non-NULL by the caller.
    unsafe { write_optional(out, found.map(|c| i32::try_from(c).unwrap_or(i32::MAX))) }
}

// ---------------------------------------------------------------- create, free

/// The budget of vosia_results_parse and _parse_file, as the C API's int64_t.
const DEFAULT_BUDGET: i64 = crate::votable::DEFAULT_MEMORY_BUDGET as i64;

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
    // SAFETY: the caller's contract, passed on.
    unsafe { vosia_results_parse_within(data, len, sia_version, DEFAULT_BUDGET, out) }
}

/// vosia_results_parse keeping at most `memory_budget` bytes of the table in memory (its
/// cells, FIELDs and INFOs); vosia_results_parse uses 2 GiB. A document that would need more
/// is refused before the memory is taken.
///
/// @param data (not NULL) the document's bytes; read during the call only.
/// @param len number of bytes at `data`.
/// @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
/// @param out (out, not NULL) receives the new results (free with vosia_results_free); written
///            only on VOSIA_OK.
/// @param memory_budget bytes, > 0; 0 means no limit.
/// @return As vosia_results_parse, plus VOSIA_E_TOO_LARGE over the budget and
///         VOSIA_E_INVALID_ARG for a negative budget.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse_within(
    data: *const c_char,
    len: usize,
    sia_version: i32,
    memory_budget: i64,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        not_null(data, "data")?;
        not_null(out, "out")?;
        let version = version_arg(sia_version)?;
        let budget = byte_limit(memory_budget, "memory budget")?;
        // SAFETY: the caller promises `len` readable bytes at `data`.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
        let parsed = Results::from_reader_within(bytes, version, budget)?;
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
    // SAFETY: the caller's contract, passed on.
    unsafe { vosia_results_parse_file_within(path, sia_version, DEFAULT_BUDGET, out) }
}

/// vosia_results_parse_file within a memory budget, as vosia_results_parse_within.
///
/// @param path (not NULL) UTF-8 file name.
/// @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
/// @param out (out, not NULL) receives the new results (free with vosia_results_free); written
///            only on VOSIA_OK.
/// @param memory_budget bytes, > 0; 0 means no limit.
/// @return As vosia_results_parse_file, plus VOSIA_E_TOO_LARGE over the budget and
///         VOSIA_E_INVALID_ARG for a negative budget.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse_file_within(
    path: *const c_char,
    sia_version: i32,
    memory_budget: i64,
    out: *mut *mut vosia_results,
) -> vosia_status {
    // SAFETY: the caller's contract, passed on.
    unsafe { vosia_results_parse_file_on_threads(path, sia_version, memory_budget, 1, out) }
}

/// vosia_results_parse_file_within on up to `threads` threads (0: one per core): the
/// TABLEDATA of a file of more than 1 MiB is parsed in parts, one per thread, each thread
/// reading its part from the file through a 64 KiB buffer of its own (the file is never
/// held in memory whole), all joined before the call returns. The results are those of
/// vosia_results_parse_file_within, cell for cell and warning for warning. BINARY and
/// BINARY2 tables, and files in an encoding other than UTF-8, are read on one thread.
///
/// @param path          (not NULL) UTF-8 file name.
/// @param sia_version   VOSIA_SIA1 or VOSIA_SIA2.
/// @param memory_budget bytes, > 0; 0 means no limit (each thread keeps its share).
/// @param threads       0 to 256; 1 is vosia_results_parse_file_within.
/// @param out           (out, not NULL) receives the new results; written only on VOSIA_OK.
/// @return As vosia_results_parse_file_within; VOSIA_E_INVALID_ARG for `threads` outside
///         0..256.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse_file_on_threads(
    path: *const c_char,
    sia_version: i32,
    memory_budget: i64,
    threads: i32,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: NUL-terminated by contract.
        let path = unsafe { str_arg(path, "path") }?;
        not_null(out, "out")?;
        let version = version_arg(sia_version)?;
        let budget = byte_limit(memory_budget, "memory budget")?;
        let threads = reader_threads_arg(threads)?;
        let parsed = Results::from_path_on_threads(Path::new(path), version, budget, threads)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, handle::into_raw(parsed)) })
    })
}

/// Reads a VOTable file without keeping its rows: they are handed to `on_rows` in batches of
/// `batch_rows` rows as the file is parsed, and dropped after each call, so that memory does
/// not grow with the row count (see vosia_query_execute_in_batches, which does the same for
/// a query's response). The memory budget (`memory_budget`, as in
/// vosia_results_parse_within) bounds one batch and the rest of the document. A path such as
/// `/dev/stdin` or a named pipe reads a stream as it is written.
///
/// @param path          (not NULL) UTF-8 file name.
/// @param sia_version   VOSIA_SIA1 or VOSIA_SIA2.
/// @param memory_budget bytes, > 0; 0 means no limit.
/// @param batch_rows    rows per batch, >= 1 (the last batch may hold fewer).
/// @param on_rows       (not NULL) called with each batch, on this thread; see vosia_rows_fn.
/// @param user          handed back to `on_rows` unchanged; may be NULL.
/// @param out           (out, not NULL) receives the rest of the document: the table's
///                      columns and no rows, its INFOs, overflow flag and warnings; written
///                      only on VOSIA_OK.
/// @return As vosia_results_parse_file_within; VOSIA_E_CANCELLED when `on_rows` returned
///         non-zero; VOSIA_E_INVALID_ARG for `batch_rows` < 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_parse_file_in_batches(
    path: *const c_char,
    sia_version: i32,
    memory_budget: i64,
    batch_rows: i64,
    on_rows: vosia_rows_fn,
    user: *mut c_void,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: NUL-terminated by contract.
        let path = unsafe { str_arg(path, "path") }?;
        let on_rows = on_rows.ok_or_else(|| Failure::null_arg("on_rows"))?;
        not_null(out, "out")?;
        let version = version_arg(sia_version)?;
        let budget = byte_limit(memory_budget, "memory budget")?;
        let batch_rows = batch_rows_arg(batch_rows)?;
        let mut sink = rows_sink(on_rows, user);
        let rest =
            Results::read_file_in_batches(Path::new(path), version, budget, batch_rows, &mut sink)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, handle::into_raw(rest)) })
    })
}

/// Frees results and every string borrowed from them. NULL is ignored; so is a pointer that
/// is not a live results handle.
///
/// @param r the results to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_free(r: *mut vosia_results) {
    // SAFETY: handle contract; `free` checks the magic first.
    guard((), || unsafe { handle::free::<Results, _>(r) })
}

// ---------------------------------------------------------------- shape

/// Number of rows (records); -1 if `r` is not a live results handle (vosia_last_status
/// says which failure).
///
/// @param r (not NULL) the results.
/// @return the number of rows, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_row_count(r: *const vosia_results) -> i64 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i64::try_from(unsafe { results(r) }?.row_count()).unwrap_or(i64::MAX))
    })
}

/// Number of columns (the FIELDs of the results table); -1 if `r` is not a live handle.
///
/// @param r (not NULL) the results.
/// @return the number of columns, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_count(r: *const vosia_results) -> i32 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i32::try_from(unsafe { results(r) }?.column_count()).unwrap_or(i32::MAX))
    })
}

/// 1 if the service reported QUERY_STATUS=OVERFLOW (more records matched than were
/// returned: raise MAXREC or narrow the query), 0 if not, -1 if `r` is not a live handle.
///
/// @param r (not NULL) the results.
/// @return 1 (overflow), 0 (not), or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_overflow(r: *const vosia_results) -> i32 {
    // SAFETY: handle contract.
    guard_value(-1, || Ok(i32::from(unsafe { results(r) }?.overflow())))
}

/// The value of the last INFO element named `name` (case-insensitive) at the top level, in
/// the results RESOURCE or in its table (its text content when it has no value attribute).
///
/// @param r (not NULL) the results.
/// @param name (not NULL) the INFO name (UTF-8).
/// @param out (out, not NULL) receives a string owned by `r`, valid until
///            vosia_results_free; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no such INFO); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_info(
    r: *const vosia_results,
    name: *const c_char,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let res = unsafe { results(r) }?;
        let name = unsafe { str_arg(name, "name") }?;
        not_null(out, "out")?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, res.info(name).map(CStr::as_ptr)) })
    })
}

/// Copies the value of INFO `name` (see vosia_results_info) into `buf`: at most `cap-1`
/// bytes plus a NUL; `*len` (if not NULL) receives the full length.
///
/// @param r (not NULL) the results.
/// @param name (not NULL) the INFO name (UTF-8).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
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

/// How many repairs the reader made (cells it could not read, kept as null; elements out of
/// place); the first 100 are readable with vosia_results_warning. -1 if `r` is not a live
/// handle.
///
/// @param r (not NULL) the results.
/// @return the number of repairs, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_warning_count(r: *const vosia_results) -> i64 {
    // SAFETY: handle contract.
    guard_value(-1, || {
        Ok(i64::try_from(unsafe { results(r) }?.warning_count()).unwrap_or(i64::MAX))
    })
}

/// Repair `i` (0-based, i < min(100, vosia_results_warning_count)) as text, naming the row,
/// column and byte offset.
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the repair.
/// @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE (no such warning), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_warning(
    r: *const vosia_results,
    i: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let text = warning(res, i)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, text.as_ptr()) })
    })
}

/// Copies repair `i` (see vosia_results_warning) into `buf` (copy_* convention).
///
/// @param r (not NULL) the results.
/// @param i 0-based index of the repair.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_warning(
    r: *const vosia_results,
    i: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        Ok(unsafe { copy_optional(Some(warning(res, i)?), buf, cap, len) })
    })
}

fn warning(res: &Results, i: i32) -> FfiResult<&CStr> {
    usize::try_from(i)
        .ok()
        .and_then(|i| res.warning_c_str(i))
        .ok_or_else(|| {
            crate::Error::range(format!(
                "warning {i} is out of range ({} kept of {})",
                res.warnings().count(),
                res.warning_count()
            ))
            .into()
        })
}

// ---------------------------------------------------------------- columns

/// Attribute `attr` of column `col` (0-based) as its FIELD declares it: VOSIA_ATTR_NAME,
/// _ID, _UCD, _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION or _DATATYPE.
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param out (out, not NULL) receives a string owned by `r`, valid until
///            vosia_results_free; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the FIELD does not set it, or sets it empty);
///         VOSIA_E_INVALID_ARG (an attribute columns do not have), VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_column_attr(
    r: *const vosia_results,
    col: i32,
    attr: i32,
    out: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let text = res.column_attr(index_arg(i64::from(col), "column")?, column_attr(attr)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, text.map(CStr::as_ptr)) })
    })
}

/// Copies attribute `attr` of column `col` (see vosia_results_get_column_attr) into `buf`
/// (copy_* convention).
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
///             is VOSIA_E_INVALID_ARG).
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (not set; nothing written); VOSIA_E_BUFFER_SIZE
///         (truncated); VOSIA_E_INVALID_ARG, VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_copy_column_attr(
    r: *const vosia_results,
    col: i32,
    attr: i32,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let text = res.column_attr(index_arg(i64::from(col), "column")?, column_attr(attr)?)?;
        Ok(unsafe { copy_optional(text, buf, cap, len) })
    })
}

/// The VOTable datatype of column `col` as a VOSIA_TYPE_* value (a FIELD without datatype
/// reads as VOSIA_TYPE_CHAR).
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param out (out, not NULL) written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_datatype(
    r: *const vosia_results,
    col: i32,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let field = res
            .field(index_arg(i64::from(col), "column")?)
            .ok_or_else(|| {
                crate::Error::range(format!(
                    "column {col} is out of range (the result has {} columns)",
                    res.column_count()
                ))
            })?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, datatype_code(field.datatype)) })
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

unsafe fn lookup(
    r: *const vosia_results,
    key: *const c_char,
    what: &str,
    out: *mut i32,
    find: fn(&Results, &str) -> Option<usize>,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let res = unsafe { results(r) }?;
        let key = unsafe { str_arg(key, what) }?;
        not_null(out, "out")?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_index(out, find(res, key)) })
    })
}

/// Finds the column whose name, else ID, equals `name_or_id` (exact case first, then
/// case-insensitively).
///
/// @param r (not NULL) the results.
/// @param name_or_id (not NULL) the name or ID to find (UTF-8).
/// @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
///         VOSIA_E_INVALID_ARG (not UTF-8), VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_index(
    r: *const vosia_results,
    name_or_id: *const c_char,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { lookup(r, name_or_id, "name_or_id", out, Results::column_index) }
}

/// Finds the column best matching `ucd`, word by word (words are `;`-separated and compared
/// case-insensitively; any shared word matches, as in pyvo's fieldname_with_ucd): first a
/// column holding every word of `ucd`, else one whose main (first) word is the main word of
/// `ucd`, else the first sharing any word. "pos.eq.ra" finds "pos.eq.ra;meta.main".
///
/// @param r (not NULL) the results.
/// @param ucd (not NULL) the UCD to match (UTF-8).
/// @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
///         VOSIA_E_INVALID_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_by_ucd(
    r: *const vosia_results,
    ucd: *const c_char,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { lookup(r, ucd, "ucd", out, Results::column_by_ucd) }
}

/// Finds the first column whose utype equals `utype` (case-insensitive; a namespace prefix
/// such as "obscore:" may be left out on either side).
///
/// @param r (not NULL) the results.
/// @param utype (not NULL) the utype to find (UTF-8).
/// @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
///         VOSIA_E_INVALID_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_column_by_utype(
    r: *const vosia_results,
    utype: *const c_char,
    out: *mut i32,
) -> vosia_status {
    // SAFETY: contracts passed through.
    unsafe { lookup(r, utype, "utype", out, Results::column_by_utype) }
}

/// Finds the column holding standard field `field` (VOSIA_FIELD_*), by SIA 1.0 UCD or SIA 2.0
/// ObsCore name.
///
/// @param r (not NULL) the results.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such column, or the field is
///         computed from two columns: SIA 2.0 MJD_OBS, EM_REF, NAXIS; read those with the
///         get_std_* functions); VOSIA_E_RANGE (not a VOSIA_FIELD_*), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_std_column(
    r: *const vosia_results,
    field: i32,
    out: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let field = field_arg(field)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_index(out, res.std_column(field)) })
    })
}

// ---------------------------------------------------------------- cells

/// 1 if the cell is null (VOTable null value, empty cell, NaN, BINARY2 null flag), 0 if
/// not, -1 on invalid arguments (out-of-range row or column, bad handle; vosia_last_status
/// says which).
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @return 1 (null), 0 (not null), or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_is_null(r: *const vosia_results, row: i64, col: i32) -> i32 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let (row, col) = cell(row, col)?;
        Ok(i32::from(res.is_null(row, col)?))
    })
}

/// Reads a numeric cell as a double (integers widen; text is not converted).
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @param out (out, not NULL) written only when VOSIA_OK is returned.
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
        let (row, col) = cell(row, col)?;
        let v = res.double(row, col)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Reads an integer cell (booleans read as 0/1; reals are not converted).
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @param out (out, not NULL) receives the value; written only on VOSIA_OK.
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
        let (row, col) = cell(row, col)?;
        let v = res.int64(row, col)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Borrows a text cell (char or unicodeChar column) as NUL-terminated UTF-8.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
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
        let (row, col) = cell(row, col)?;
        let v = res.c_str(row, col)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies a text cell into `buf`: at most `cap-1` bytes (cut at a character boundary) plus
/// a NUL; `*len` (if not NULL) receives the full length in bytes.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
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
        let (row, col) = cell(row, col)?;
        let v = res.c_str(row, col)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}

/// Borrows any cell as text: text as it is, numbers in shortest round-trip form, arrays
/// space-separated, booleans "true"/"false". The first call on a numeric column renders
/// that column once.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
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
        let (row, col) = cell(row, col)?;
        let v = res.text(row, col)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies any cell as text (see vosia_results_get_text) into `buf`; as vosia_results_copy_str.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return as vosia_results_copy_str.
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
        let (row, col) = cell(row, col)?;
        let v = res.text(row, col)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}

/// `buf[..cap]` as a slice (empty when `cap` is 0; `buf` must then not be required).
unsafe fn out_slice<'a, T>(buf: *mut T, cap: usize, what: &str) -> FfiResult<&'a mut [T]> {
    if cap == 0 {
        return Ok(&mut []);
    }
    not_null(buf, what)?;
    // SAFETY: the caller promises `cap` writable elements at `buf`.
    Ok(unsafe { std::slice::from_raw_parts_mut(buf, cap) })
}

/// Writes an element count and says whether it fitted.
unsafe fn write_count(n: *mut usize, count: usize, cap: usize) -> vosia_status {
    // SAFETY: checked non-NULL by the caller.
    unsafe { n.write(count) };
    if count > cap {
        VOSIA_E_BUFFER_SIZE
    } else {
        VOSIA_OK
    }
}

/// Copies the numbers of a cell (an array, or a scalar as one element) into `buf` as
/// doubles; NaN marks null elements.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param col 0-based column, below vosia_results_column_count.
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param buf (out) room for `cap` doubles; may be NULL when `cap` is 0 (a size probe).
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
        let out = unsafe { out_slice(buf, cap, "buf") }?;
        let (row, col) = cell(row, col)?;
        let Some(nums) = res.numbers(row, col)? else {
            return Ok(VOSIA_NULL_VALUE);
        };
        copy_numbers(nums, out);
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_count(n, nums.len(), cap) })
    })
}

fn copy_numbers(nums: Numbers<'_>, out: &mut [f64]) {
    for (i, slot) in out.iter_mut().enumerate().take(nums.len()) {
        *slot = nums.get(i).unwrap_or(f64::NAN);
    }
}

// ---------------------------------------------------------------- whole columns

/// The rows `first_row .. first_row + n_rows` of a column, checked against the result.
pub(crate) fn row_range(
    res: &Results,
    first_row: i64,
    n_rows: i64,
) -> FfiResult<std::ops::Range<usize>> {
    let first = index_arg(first_row, "first_row")?;
    let n = index_arg(n_rows, "n_rows")?;
    match first.checked_add(n) {
        Some(end) if end <= res.row_count() => Ok(first..end),
        _ => Err(crate::Error::range(format!(
            "rows {first_row} + {n_rows} run past the end of the result ({} rows)",
            res.row_count()
        ))
        .into()),
    }
}

/// Writes one value of a whole-column read: the value (or `fill` for a null) into
/// `values[i]`, and 1/0 into `nulls[i]` when the caller wants the mask.
fn put<T: Copy>(values: &mut [T], nulls: &mut [i32], i: usize, v: Option<T>, fill: T) {
    values[i] = v.unwrap_or(fill);
    if let Some(slot) = nulls.get_mut(i) {
        *slot = i32::from(v.is_none());
    }
}

/// Copies rows `first_row .. first_row + n_rows` of a numeric column into `values` as
/// doubles (integers widen), the way IDL, Fortran, numpy and Julia want a column: one call.
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param values (out, not NULL unless n_rows is 0) room for `n_rows` doubles; a null cell
///               is written as NaN.
/// @param nulls  (out, may be NULL) room for `n_rows` flags: 1 where the cell is null, else 0.
/// @return VOSIA_OK (everything written); VOSIA_E_TYPE (a text or array column: nothing
///         written); VOSIA_E_RANGE (a column or row range outside the result),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_double_column(
    r: *const vosia_results,
    col: i32,
    first_row: i64,
    n_rows: i64,
    values: *mut f64,
    nulls: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let col = index_arg(i64::from(col), "column")?;
        let rows = row_range(res, first_row, n_rows)?;
        let values = unsafe { out_slice(values, rows.len(), "values") }?;
        let nulls = unsafe { nullable_slice(nulls, rows.len()) };
        res.double_column(col, rows.start, values, nulls)?;
        Ok(VOSIA_OK)
    })
}

/// Copies rows `first_row .. first_row + n_rows` of an integer (or boolean) column into
/// `values`; as vosia_results_get_double_column, with a null cell written as 0 (use `nulls`).
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param values (out, not NULL unless n_rows is 0) room for `n_rows` integers; a null cell is
///               written as 0.
/// @param nulls (out, may be NULL) room for `n_rows` flags: 1 where the cell is null, else 0.
/// @return VOSIA_OK; VOSIA_E_TYPE (a real, text or array column: nothing written);
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_int64_column(
    r: *const vosia_results,
    col: i32,
    first_row: i64,
    n_rows: i64,
    values: *mut i64,
    nulls: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let col = index_arg(i64::from(col), "column")?;
        let rows = row_range(res, first_row, n_rows)?;
        let values = unsafe { out_slice(values, rows.len(), "values") }?;
        let nulls = unsafe { nullable_slice(nulls, rows.len()) };
        res.int64_column(col, rows.start, values, nulls)?;
        Ok(VOSIA_OK)
    })
}

/// Borrows rows `first_row .. first_row + n_rows` of any column as text (see
/// vosia_results_get_text): `values[i]` points to a string owned by `r`, valid until
/// vosia_results_free, or is NULL for a null cell.
///
/// @param r (not NULL) the results.
/// @param col 0-based column, below vosia_results_column_count.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param values (out, not NULL unless n_rows is 0) room for `n_rows` pointers.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_text_column(
    r: *const vosia_results,
    col: i32,
    first_row: i64,
    n_rows: i64,
    values: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let col = index_arg(i64::from(col), "column")?;
        let rows = row_range(res, first_row, n_rows)?;
        let values = unsafe { out_slice(values, rows.len(), "values") }?;
        for (slot, row) in values.iter_mut().zip(rows) {
            *slot = res.text(row, col)?.map_or(std::ptr::null(), CStr::as_ptr);
        }
        Ok(VOSIA_OK)
    })
}

/// Copies rows `first_row .. first_row + n_rows` of standard field `field` (a
/// VOSIA_KIND_NUMBER field) into `values` in the field's fixed unit, read as
/// vosia_results_get_std_double reads one row; a null (or unreadable) value is NaN.
///
/// @param r (not NULL) the results.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param values (out, not NULL unless n_rows is 0) room for `n_rows` doubles.
/// @param nulls (out, may be NULL) room for `n_rows` flags: 1 where the value is null.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such field: nothing written);
///         VOSIA_E_TYPE (a text or array field, or a cell that is text but not a number:
///         nothing is promised about `values`); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_std_double_column(
    r: *const vosia_results,
    field: i32,
    first_row: i64,
    n_rows: i64,
    values: *mut f64,
    nulls: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let field = field_arg(field)?;
        let rows = row_range(res, first_row, n_rows)?;
        let values = unsafe { out_slice(values, rows.len(), "values") }?;
        let nulls = unsafe { nullable_slice(nulls, rows.len()) };
        if !res.has_std(field) {
            return Ok(VOSIA_NULL_VALUE);
        }
        for (i, row) in rows.enumerate() {
            put(values, nulls, i, res.std_double(row, field)?, f64::NAN);
        }
        Ok(VOSIA_OK)
    })
}

/// Borrows rows `first_row .. first_row + n_rows` of standard field `field` as text (see
/// vosia_results_get_std_str): `values[i]` is owned by `r`, or NULL for a null value.
///
/// @param r (not NULL) the results.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param values (out, not NULL unless n_rows is 0) room for `n_rows` string pointers.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such field: nothing written);
///         VOSIA_E_TYPE (a field computed from two columns); VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_get_std_text_column(
    r: *const vosia_results,
    field: i32,
    first_row: i64,
    n_rows: i64,
    values: *mut *const c_char,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and buffer contracts.
        let res = unsafe { results(r) }?;
        let field = field_arg(field)?;
        let rows = row_range(res, first_row, n_rows)?;
        let values = unsafe { out_slice(values, rows.len(), "values") }?;
        if !res.has_std(field) {
            return Ok(VOSIA_NULL_VALUE);
        }
        for (slot, row) in values.iter_mut().zip(rows) {
            *slot = res
                .std_text(row, field)?
                .map_or(std::ptr::null(), CStr::as_ptr);
        }
        Ok(VOSIA_OK)
    })
}

/// `nulls[..n]`, or an empty slice when the caller passed NULL (no mask wanted).
unsafe fn nullable_slice<'a>(nulls: *mut i32, n: usize) -> &'a mut [i32] {
    if nulls.is_null() || n == 0 {
        return &mut [];
    }
    // SAFETY: the caller promises `n` writable flags at a non-NULL `nulls`.
    unsafe { std::slice::from_raw_parts_mut(nulls, n) }
}

// ---------------------------------------------------------------- standard fields

/// Reads standard field `field` (VOSIA_FIELD_*) of a row as a number in its fixed unit
/// (degrees, MJD, seconds, metres, bytes). Tolerant: numbers held in text columns are
/// parsed, units are converted, SIA 2.0 MJD_OBS is the mid-point of t_min and t_max.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param out (out, not NULL) receives the value; written only on VOSIA_OK.
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
        let v = res.std_double(index_arg(row, "row")?, field_arg(field)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v) })
    })
}

/// Reads standard field `field` of a row as numbers in its fixed unit (NAXIS, SCALE,
/// REF_PIXEL, REF_VALUE, CD_MATRIX; a scalar field gives one element). Text cells such as
/// "2048,4096" are parsed.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param cap the size of `buf` in bytes, its NUL included.
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
        let out = unsafe { out_slice(buf, cap, "buf") }?;
        let Some(count) = res.std_numbers(index_arg(row, "row")?, field_arg(field)?, out)? else {
            return Ok(VOSIA_NULL_VALUE);
        };
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_count(n, count, cap) })
    })
}

/// Borrows standard field `field` of a row as text (text cells as they are; numeric cells
/// rendered, unconverted).
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param field the standard field, a VOSIA_FIELD_* value.
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
        let v = res.std_text(index_arg(row, "row")?, field_arg(field)?)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_optional(out, v.map(CStr::as_ptr)) })
    })
}

/// Copies standard field `field` of a row as text into `buf`; as vosia_results_copy_str.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param field the standard field, a VOSIA_FIELD_* value.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return as vosia_results_copy_str.
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
        let v = res.std_text(index_arg(row, "row")?, field_arg(field)?)?;
        // SAFETY: buffer contract passed through.
        Ok(unsafe { copy_optional(v, buf, cap, len) })
    })
}

/// Which of `n_circles` search circles the image of row `row` meets: for an SIA 2.0 query
/// of many circles, whose answer does not say which circle an image matched. `circles` holds
/// `3 * n_circles` doubles, (ra, dec, radius) in ICRS degrees, as given to
/// vosia_query_add_circle. The image is its `s_region` (STC-S POLYGON, CIRCLE or POSITION,
/// or a DALI polygon; great-circle edges; exact on the sphere), else its position (standard
/// fields ra and dec) with half its `s_fov` as radius.
///
/// @param r (not NULL) the results.
/// @param row 0-based row, below vosia_results_row_count.
/// @param circles (in, not NULL unless n_circles is 0) `3 * n_circles` doubles: ra, dec, radius
///                of each circle.
/// @param n_circles the number of circles, >= 0.
/// @param met (out, not NULL unless n_circles is 0) receives `n_circles` values, 1 for a
///        circle met and 0 for one missed; written on VOSIA_OK, all 0 on VOSIA_NULL_VALUE.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the row has no footprint: no s_region vosia reads and
///         no position); VOSIA_E_RANGE; VOSIA_E_INVALID_ARG (n_circles < 0, a radius < 0 or a
///         value that is not finite); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_results_circles_met(
    r: *const vosia_results,
    row: i64,
    circles: *const f64,
    n_circles: i32,
    met: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let res = unsafe { results(r) }?;
        let n = usize::try_from(n_circles).map_err(|_| {
            crate::error::Error::invalid(format!("n_circles must be >= 0, got {n_circles}"))
        })?;
        if n > 0 {
            not_null(circles, "circles")?;
            not_null(met, "met")?;
        }
        let row = index_arg(row, "row")?;
        let flat: &[f64] = if n == 0 {
            &[]
        } else {
            // SAFETY: non-NULL; the caller promises 3 * n_circles readable doubles.
            unsafe { std::slice::from_raw_parts(circles, n * 3) }
        };
        let mut wanted = Vec::with_capacity(n);
        for (i, c) in flat.chunks_exact(3).enumerate() {
            if !c.iter().all(|v| v.is_finite()) || c[2] < 0.0 || c[1].abs() > 90.0 {
                return Err(crate::error::Error::invalid(format!(
                    "circle {i} ({}, {}, {}) is not a circle: finite degrees, |dec| <= 90 and \
                     radius >= 0 are needed",
                    c[0], c[1], c[2]
                ))
                .into());
            }
            wanted.push(crate::footprint::Circle {
                ra: c[0],
                dec: c[1],
                radius: c[2],
            });
        }
        let found = res.circles_met(row, &wanted)?;
        // SAFETY: non-NULL when n > 0; the caller promises n writable int32_t.
        let out = if n == 0 {
            &mut [][..]
        } else {
            unsafe { std::slice::from_raw_parts_mut(met, n) }
        };
        match found {
            Some(flags) => {
                for (slot, hit) in out.iter_mut().zip(flags) {
                    *slot = i32::from(hit);
                }
                Ok(VOSIA_OK)
            }
            None => {
                out.fill(0);
                Ok(VOSIA_NULL_VALUE)
            }
        }
    })
}
