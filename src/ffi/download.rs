//! `vosia_service_download_*` and `vosia_downloads_*`: datasets saved into a folder, and the
//! outcome of each (status, path, size, how it came), kept in a `vosia_downloads` handle.
//! Every decision (names, resume, checks, DataLink, threads) is the core's (`download`).

use std::ffi::{CStr, CString, c_char};
use std::path::Path;

use super::guard::{guard_status, guard_value, not_null, write_out};
use super::handle::{HandleKind, borrow, free, into_raw};
use super::index_arg;
use super::results::{results, row_range, vosia_results};
use super::service::{service_ref, vosia_service};
use super::status::{
    Failure, FfiResult, VOSIA_E_INVALID_ARG, VOSIA_NULL_VALUE, VOSIA_OK, vosia_status,
};
use super::strings::{self, c_string, str_arg};
use crate::download::{How, Item, Options, Saved};
use crate::error::{Error, Result};

/// Flags of the download calls (OR them): name each file as the server's
/// `Content-Disposition` says, when it does (made safe; such a name is known only once the
/// server answers, so a complete file is not looked for before fetching).
pub const VOSIA_DOWNLOAD_SERVER_NAME: i32 = 1;
/// Fetch again even when a complete file is in place.
pub const VOSIA_DOWNLOAD_REFRESH: i32 = 2;
/// Save DataLink documents as they are instead of following them to their `#this` link.
pub const VOSIA_DOWNLOAD_KEEP_DATALINK: i32 = 4;

/// How a downloaded file came to be in place (vosia_downloads_file): fetched whole.
pub const VOSIA_DOWNLOAD_FETCHED: i32 = 1;
/// A partial file of an earlier try was continued (HTTP Range).
pub const VOSIA_DOWNLOAD_RESUMED: i32 = 2;
/// A complete file was already there: nothing was fetched.
pub const VOSIA_DOWNLOAD_CACHED: i32 = 3;

const ALL_FLAGS: i32 =
    VOSIA_DOWNLOAD_SERVER_NAME | VOSIA_DOWNLOAD_REFRESH | VOSIA_DOWNLOAD_KEEP_DATALINK;

/// Opaque handle to the outcome of a download call: one entry per file asked for, in order.
/// Immutable; any number of threads may read it. Free with vosia_downloads_free.
pub struct vosia_downloads {
    _private: [u8; 0],
}

struct Entry {
    status: vosia_status,
    /// The file's path (success), or the failure's message.
    text: CString,
    bytes: u64,
    how: i32,
}

struct Downloads {
    entries: Vec<Entry>,
}

impl HandleKind for Downloads {
    const MAGIC: u64 = 0x766f_7369_6164_6c73; // "vosiadls"
    const NAME: &'static str = "vosia_downloads";
}

fn options(flags: i32) -> FfiResult<Options> {
    if flags & !ALL_FLAGS != 0 {
        return Err(Error::invalid(format!(
            "flags {flags} hold bits that are no VOSIA_DOWNLOAD_* flag"
        ))
        .into());
    }
    Ok(Options {
        server_name: flags & VOSIA_DOWNLOAD_SERVER_NAME != 0,
        refresh: flags & VOSIA_DOWNLOAD_REFRESH != 0,
        follow_datalink: flags & VOSIA_DOWNLOAD_KEEP_DATALINK == 0,
    })
}

fn entry(outcome: Result<Saved>) -> Entry {
    match outcome {
        Ok(saved) => Entry {
            status: VOSIA_OK,
            text: c_string(&saved.path.to_string_lossy()),
            bytes: saved.bytes,
            how: match saved.how {
                How::Fetched => VOSIA_DOWNLOAD_FETCHED,
                How::Resumed => VOSIA_DOWNLOAD_RESUMED,
                How::Cached => VOSIA_DOWNLOAD_CACHED,
            },
        },
        Err(e) => {
            let failure = Failure::from(e);
            Entry {
                status: failure.status,
                text: c_string(&failure.message),
                bytes: 0,
                how: 0,
            }
        }
    }
}

/// Hands the outcomes to C: `*out` is written whenever downloads were attempted; the status
/// is that of the first failed entry (its message, with the count, the last error), else OK.
unsafe fn finish(
    outcomes: Vec<Result<Saved>>,
    out: *mut *mut vosia_downloads,
) -> FfiResult<vosia_status> {
    let entries: Vec<Entry> = outcomes.into_iter().map(entry).collect();
    let failed: Vec<(usize, &Entry)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status != VOSIA_OK)
        .collect();
    let first = failed.first().map(|(i, e)| {
        Failure::new(
            e.status,
            format!(
                "{} of {} downloads failed; the first, entry {i}: {}",
                failed.len(),
                entries.len(),
                e.text.to_string_lossy()
            ),
        )
    });
    let handle = into_raw::<Downloads, vosia_downloads>(Downloads { entries });
    // SAFETY: the caller checked `out`.
    unsafe { write_out(out, handle) };
    match first {
        Some(failure) => Err(failure),
        None => Ok(VOSIA_OK),
    }
}

/// Downloads `url` into the folder `dir` (which must exist), as described in the header's
/// Downloads paragraph. `name` is the file name to use (made safe: it cannot leave `dir`), or
/// NULL for the URL's last path segment (`dataset` and the extension of the MIME type when it
/// has none).
///
/// @param s (not NULL) the service.
/// @param url (not NULL) the dataset's http or https URL (UTF-8).
/// @param dir (not NULL) the folder to save into, which must exist (UTF-8).
/// @param name (may be NULL) the file name to use, made safe; NULL: from the URL.
/// @param flags VOSIA_DOWNLOAD_* flags, or 0.
/// @param out (out, not NULL) receives a vosia_downloads handle with one entry, written
///            whenever the download was attempted (also when it failed); free it with
///            vosia_downloads_free.
/// @return VOSIA_OK; the entry's failure: the transport errors, VOSIA_E_HTTP (also for HTTP
///         204), VOSIA_E_PARTIAL (cut short: the next call resumes), VOSIA_E_CHECKSUM,
///         VOSIA_E_TOO_LARGE (over the download limit), VOSIA_E_IO (the folder or the file),
///         VOSIA_E_SERVICE (a DataLink error row), VOSIA_E_CANCELLED; or, with `*out` not
///         written, VOSIA_E_INVALID_ARG (not an http(s) URL, an unknown flag, bad UTF-8),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_download_url(
    s: *const vosia_service,
    url: *const c_char,
    dir: *const c_char,
    name: *const c_char,
    flags: i32,
    out: *mut *mut vosia_downloads,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let url = unsafe { str_arg(url, "url") }?;
        let dir = unsafe { str_arg(dir, "dir") }?;
        let name = unsafe { strings::optional_str_arg(name, "name") }?;
        not_null(out, "out")?;
        let options = options(flags)?;
        crate::service::check_base_url(url)?;
        let item = Item {
            url: url.to_string(),
            name: name.map(str::to_string),
            ..Item::default()
        };
        let outcome = service.download(&item, Path::new(dir), options);
        // SAFETY: `out` checked above.
        unsafe { finish(vec![outcome], out) }
    })
}

/// Downloads the datasets of rows `first_row .. first_row + n_rows` of `r` (their
/// VOSIA_FIELD_ACCESS_URL) into the folder `dir` (which must exist), in parallel
/// (vosia_service_set_download_jobs), with `s`'s transport settings. Files are named as pyvo
/// names them: the row's title (VOSIA_FIELD_TITLE) with whitespace as `_`, `.` and the
/// extension of its MIME type (VOSIA_FIELD_FORMAT), `-1`, `-2`, ... for a name taken by an
/// earlier row of the call; see the header's Downloads paragraph.
///
/// @param s (not NULL) the service.
/// @param r (not NULL) the results whose rows are fetched.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param dir (not NULL) the folder to save into, which must exist (UTF-8).
/// @param flags VOSIA_DOWNLOAD_* flags, or 0.
/// @param out (out, not NULL) receives a vosia_downloads handle with one entry per row, in
///            row order, written whenever the downloads were attempted (also when some
///            failed); free it with vosia_downloads_free.
/// @return VOSIA_OK (every row saved); else the status of the first failed entry (as
///         vosia_service_download_url; a row without access URL is VOSIA_E_INVALID_ARG),
///         with vosia_last_error saying how many failed; or, with `*out` not written,
///         VOSIA_E_RANGE (rows outside the result), VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_download_rows(
    s: *const vosia_service,
    r: *const vosia_results,
    first_row: i64,
    n_rows: i64,
    dir: *const c_char,
    flags: i32,
    out: *mut *mut vosia_downloads,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle and string contracts.
        let service = unsafe { service_ref(s) }?;
        let res = unsafe { results(r) }?;
        let dir = unsafe { str_arg(dir, "dir") }?;
        not_null(out, "out")?;
        let options = options(flags)?;
        let rows = row_range(res, first_row, n_rows)?;
        let outcomes = service.download_rows(res, rows, Path::new(dir), options);
        // SAFETY: `out` checked above.
        unsafe { finish(outcomes, out) }
    })
}

/// Cuts the same region out of the datasets of rows `first_row .. first_row + n_rows` of `r`
/// with SODA (sync) into the folder `dir`, in parallel, with `s`'s transport settings; each
/// cutout is saved as a download is (atomic, checked, never outside `dir`). The `n_params`
/// parameters `names[i]=values[i]` (SODA `CIRCLE` "ra dec radius", `POLYGON`, `POS`, `BAND`,
/// `TIME`, `POL`, or any other the service takes; values as the service reads them, vosia
/// encodes them) go with those the service descriptor fixes. The SODA service of a row is
/// the one a descriptor of the response describes, else the `#proc`/`#cutout` link of its
/// DataLink document (all rows' documents in one request when the response describes its
/// DataLink service). Files are named `<title>_cutout_<8 hex digits of the parameters>.fits`,
/// so a rerun with the same parameters fetches nothing.
///
/// @param s (not NULL) the service.
/// @param r (not NULL) the results whose rows are fetched.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param n_params the number of parameters in `names` and `values`, >= 0.
/// @param dir (not NULL) the folder to save into, which must exist (UTF-8).
/// @param names (in, not NULL unless n_params is 0) `n_params` parameter names,
///        NUL-terminated UTF-8, none empty.
/// @param values (in, not NULL unless n_params is 0) `n_params` values, NUL-terminated UTF-8,
///        `values[i]` going with `names[i]`.
/// @param flags VOSIA_DOWNLOAD_REFRESH, or 0.
/// @param out (out, not NULL) receives a vosia_downloads handle with one entry per row, as
///            vosia_service_download_rows.
/// @return VOSIA_OK; else the first failed entry's status: VOSIA_E_HTTP (HTTP 204: the region
///         misses that image; the service's own refusal), VOSIA_E_UNSUPPORTED (no SODA service
///         is described for that row), the download failures; or, with `*out` not written,
///         VOSIA_E_RANGE, VOSIA_E_INVALID_ARG (an empty name, bad UTF-8, an unknown flag),
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_cutout_rows(
    s: *const vosia_service,
    r: *const vosia_results,
    first_row: i64,
    n_rows: i64,
    names: *const *const c_char,
    values: *const *const c_char,
    n_params: usize,
    dir: *const c_char,
    flags: i32,
    out: *mut *mut vosia_downloads,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle, array and string contracts.
        let service = unsafe { service_ref(s) }?;
        let res = unsafe { results(r) }?;
        if n_params > 0 {
            not_null(names, "names")?;
            not_null(values, "values")?;
        }
        let dir = unsafe { str_arg(dir, "dir") }?;
        not_null(out, "out")?;
        let mut params = Vec::with_capacity(n_params);
        for i in 0..n_params {
            // SAFETY: the caller promises `n_params` pointers in each array.
            let (name, value) = unsafe { (*names.add(i), *values.add(i)) };
            let name = unsafe { str_arg(name, "names[i]") }?;
            let value = unsafe { str_arg(value, "values[i]") }?;
            if name.trim().is_empty() {
                return Err(Error::invalid(format!("names[{i}] is empty")).into());
            }
            params.push((name.trim().to_string(), value.to_string()));
        }
        if flags & !VOSIA_DOWNLOAD_REFRESH != 0 {
            return Err(Error::invalid(format!(
                "flags {flags}: a cutout takes VOSIA_DOWNLOAD_REFRESH or 0"
            ))
            .into());
        }
        let options = options(flags)?;
        let rows = row_range(res, first_row, n_rows)?;
        let outcomes = service.cutout_rows(res, rows, &params, Path::new(dir), options);
        // SAFETY: `out` checked above.
        unsafe { finish(outcomes, out) }
    })
}

/// The DataLink links of rows `first_row .. first_row + n_rows` of `r` (at most 500), in one
/// request: their IDs (the column the response's DataLink service descriptor refers to,
/// e.g. obs_publisher_did) sent to that service, the answer read into a new results handle
/// with the DataLink columns (`ID`, `access_url`, `service_def`, `error_message`,
/// `semantics`, `content_type`, `content_length`, ...; read them with
/// vosia_results_column_index and the cell getters) and its own service descriptors (the SODA
/// services its `#proc` rows name). An ID the service does not know is a row with an
/// `error_message`. vosia_results_overflow says when the service stopped early: ask again for
/// the IDs it left out.
///
/// @param s (not NULL) the service.
/// @param r (not NULL) the results whose rows are fetched.
/// @param first_row 0-based first row of the range.
/// @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
/// @param out (out, not NULL) receives the new handle (free with vosia_results_free);
///            written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_UNSUPPORTED (the response describes no DataLink service),
///         VOSIA_E_INVALID_ARG (more than 500 rows), the transport errors, VOSIA_E_FORMAT,
///         VOSIA_E_SERVICE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_datalink_rows(
    s: *const vosia_service,
    r: *const vosia_results,
    first_row: i64,
    n_rows: i64,
    out: *mut *mut vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let res = unsafe { results(r) }?;
        not_null(out, "out")?;
        let rows = row_range(res, first_row, n_rows)?;
        let links = service.datalink_rows(res, rows)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, into_raw::<crate::Results, vosia_results>(links)) })
    })
}

/// Frees a downloads handle (the files stay). NULL does nothing. Strings borrowed from it
/// become invalid.
///
/// @param d the downloads handle to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_free(d: *mut vosia_downloads) {
    // SAFETY: the C contract: NULL or a handle we gave out, not used afterwards.
    super::guard::guard((), || unsafe { free::<Downloads, _>(d) })
}

unsafe fn downloads<'a>(d: *const vosia_downloads) -> FfiResult<&'a Downloads> {
    // SAFETY: the C contract: NULL or a handle we gave out.
    unsafe { borrow::<Downloads, _>(d) }
}

fn nth(d: &Downloads, i: i64) -> FfiResult<&Entry> {
    let i = index_arg(i, "entry")?;
    d.entries.get(i).ok_or_else(|| {
        Error::range(format!(
            "entry {i} is past the {} downloads",
            d.entries.len()
        ))
        .into()
    })
}

/// Entry `i`'s path (`of_success`) or error text, or `None` when the entry is the other kind.
fn entry_text(d: &Downloads, i: i64, of_success: bool) -> FfiResult<Option<&CStr>> {
    let entry = nth(d, i)?;
    Ok(((entry.status == VOSIA_OK) == of_success).then_some(entry.text.as_c_str()))
}

/// How many entries a downloads handle holds (one per file asked for); -1 if `d` is not a
/// live handle (vosia_last_status says why).
///
/// @param d (not NULL) the downloads handle.
/// @return the number of entries, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_count(d: *const vosia_downloads) -> i64 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let d = unsafe { downloads(d) }?;
        Ok(i64::try_from(d.entries.len()).unwrap_or(i64::MAX))
    })
}

/// The outcome of entry `i` (0-based): VOSIA_OK when its file is in place, else its failure.
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param out (out, not NULL) receives the status; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_status(
    d: *const vosia_downloads,
    i: i64,
    out: *mut vosia_status,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let d = unsafe { downloads(d) }?;
        not_null(out, "out")?;
        let entry = nth(d, i)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, entry.status) })
    })
}

/// The path of entry `i`'s file (the folder joined with its name).
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param out (out, not NULL) receives a string owned by `d`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed: see vosia_downloads_get_error);
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_get_path(
    d: *const vosia_downloads,
    i: i64,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| downloads(d), out, |h| entry_text(h, i, true)) }
}

/// Copies the path of entry `i`'s file into `buf` (copy_* convention).
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed); VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_copy_path(
    d: *const vosia_downloads,
    i: i64,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| downloads(d), buf, cap, len, |h| entry_text(h, i, true)) }
}

/// What went wrong with entry `i`, as vosia_last_error would say it.
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param out (out, not NULL) receives a string owned by `d`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the entry succeeded); VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_get_error(
    d: *const vosia_downloads,
    i: i64,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| downloads(d), out, |h| entry_text(h, i, false)) }
}

/// Copies what went wrong with entry `i` into `buf` (copy_* convention).
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the entry succeeded); VOSIA_E_BUFFER_SIZE;
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_copy_error(
    d: *const vosia_downloads,
    i: i64,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| downloads(d), buf, cap, len, |h| entry_text(h, i, false)) }
}

/// The size in bytes of entry `i`'s file, and how it came (VOSIA_DOWNLOAD_FETCHED,
/// _RESUMED, _CACHED).
///
/// @param d (not NULL) the downloads handle.
/// @param i 0-based entry, below vosia_downloads_count.
/// @param bytes (out, may be NULL) receives the size; @param how (out, may be NULL) the way;
///        both written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_downloads_file(
    d: *const vosia_downloads,
    i: i64,
    bytes: *mut i64,
    how: *mut i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let entry = nth(unsafe { downloads(d) }?, i)?;
        if entry.status != VOSIA_OK {
            return Ok(VOSIA_NULL_VALUE);
        }
        if !bytes.is_null() {
            // SAFETY: non-NULL, writable by contract.
            unsafe { bytes.write(i64::try_from(entry.bytes).unwrap_or(i64::MAX)) };
        }
        if !how.is_null() {
            // SAFETY: as above.
            unsafe { how.write(entry.how) };
        }
        Ok(VOSIA_OK)
    })
}

/// Sets how many downloads of one vosia_service_download_rows call run at once: 1 to 64
/// (default 4). Threads are started per call and all joined before it returns.
///
/// @param s (not NULL) the service.
/// @param jobs how many downloads run at once, 1 to 64.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_download_jobs(
    s: *mut vosia_service,
    jobs: i32,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let jobs = u32::try_from(jobs).map_err(|_| {
            Failure::new(
                VOSIA_E_INVALID_ARG,
                format!("jobs must be 1 to 64, got {jobs}"),
            )
        })?;
        service.set_download_jobs(jobs)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the largest file a download accepts, in bytes; 0 (the default) means no limit. It is
/// separate from vosia_service_set_max_response_bytes (VOTables held in memory): a file over
/// it fails with VOSIA_E_TOO_LARGE, at once when the server announces its size.
///
/// @param s (not NULL) the service.
/// @param bytes the largest file accepted in bytes, >= 0 (0: no limit).
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_max_download_bytes(
    s: *mut vosia_service,
    bytes: i64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let service = unsafe { service_ref(s) }?;
        let bytes = u64::try_from(bytes).map_err(|_| {
            Error::invalid(format!(
                "the download limit must be >= 0 bytes (0: none), got {bytes}"
            ))
        })?;
        service.set_max_download_bytes(bytes)?;
        Ok(VOSIA_OK)
    })
}

/// Sets the whole time one file's download may take, in seconds (> 0; default 3600):
/// connecting, waiting, the body and retries. The service timeout (vosia_service_set_timeout)
/// bounds queries and documents, this one datasets, which may be large.
///
/// @param s (not NULL) the service.
/// @param seconds the time in seconds, finite and > 0.
/// @return VOSIA_OK; VOSIA_E_INVALID_ARG as vosia_service_set_timeout; VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_service_set_download_timeout(
    s: *mut vosia_service,
    seconds: f64,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        unsafe { service_ref(s) }?.set_download_timeout(seconds)?;
        Ok(VOSIA_OK)
    })
}
