//! `vosia_batch_*`: many queries run at once by the core's `batch`, and the outcome of each
//! (status, results or error text) kept in a `vosia_batch` handle.

use std::ffi::{CStr, CString, c_char, c_void};
use std::sync::Arc;
use std::time::Duration;

use super::guard::{guard_status, guard_value, not_null, write_out};
use super::handle::{HandleKind, borrow, free, into_raw};
use super::index_arg;
use super::query::{QueryHandle, vosia_query};
use super::results::vosia_results;
use super::service::vosia_progress_fn;
use super::status::{Failure, FfiResult, VOSIA_NULL_VALUE, VOSIA_OK, vosia_status};
use super::strings::{self, c_string};
use crate::batch::{BatchOptions, execute_all};
use crate::error::{Error, Result};
use crate::results::Results;

/// Opaque handle to the outcome of vosia_batch_execute: one item per query, in input order.
/// Immutable; any number of threads may read it. Free with vosia_batch_free.
pub struct vosia_batch {
    _private: [u8; 0],
}

/// One query's outcome: its results handle (owned by the batch), or its failure.
struct Item {
    status: vosia_status,
    results: *mut vosia_results,
    error: CString,
}

struct Batch {
    items: Vec<Item>,
}

impl HandleKind for Batch {
    const MAGIC: u64 = 0x766f_7369_6162_6174; // "vosiabat"
    const NAME: &'static str = "vosia_batch";
}

impl Drop for Batch {
    fn drop(&mut self) {
        for item in &self.items {
            // SAFETY: made by into_raw below, freed only here.
            unsafe { free::<Results, _>(item.results) };
        }
    }
}

fn item(outcome: Result<Results>) -> Item {
    match outcome {
        Ok(results) => Item {
            status: VOSIA_OK,
            results: into_raw::<Results, vosia_results>(results),
            error: CString::default(),
        },
        Err(e) => {
            let failure = Failure::from(e);
            Item {
                status: failure.status,
                results: std::ptr::null_mut(),
                error: c_string(&failure.message),
            }
        }
    }
}

/// The caller's `user` pointer, handed to its progress function on the batch's threads
/// (vosia.h: the function may be called from any of them, one call at a time).
#[derive(Clone, Copy)]
struct UserData(*mut c_void);
// SAFETY: only handed back to the caller's own function, as its contract allows.
unsafe impl Send for UserData {}
// SAFETY: as for Send.
unsafe impl Sync for UserData {}

/// Runs the `count` queries `queries[0 .. count]` at once, each with its own service's
/// settings, and writes their outcomes, in the same order, to a new batch handle. At most
/// `jobs` run at a time in all (threads started for this call and all joined before it
/// returns), at most `per_host` at a time against one host (the scheme, host and port of
/// the query's service URL), and request starts to one host are at least `min_interval`
/// seconds apart (retries included). A 429 or 503 with Retry-After pauses every request of
/// the batch to that host, not only the one that got it. The queries are only read: the
/// same handle may appear more than once, and none may be changed or freed during the call.
///
/// @param count the number of queries, >= 0.
/// @param user handed to `progress` unchanged; may be NULL.
/// @param queries (in, not NULL unless count is 0) `count` query handles.
/// @param jobs 1 to 64, or 0 for the default 8.
/// @param per_host at least 1, or 0 for the default 4 (an archive is not flattened).
/// @param min_interval seconds, finite and >= 0 (0: no spacing).
/// @param progress (may be NULL) called with (queries finished, count, `user`) after each
///        query ends, from the batch's threads, one call at a time; a non-zero return cancels:
///        the queries not started fail with VOSIA_E_CANCELLED, the running ones at their
///        next read.
/// @param out (out, not NULL) receives the batch handle whenever the queries were run (also
///        when some failed); free it with vosia_batch_free.
/// @return VOSIA_OK (every query succeeded); else the status of the first failed item, with
///         vosia_last_error saying how many failed; or, with `*out` not written,
///         VOSIA_E_INVALID_ARG (count < 0, an option out of range), VOSIA_E_NULL_ARG,
///         VOSIA_E_BAD_HANDLE (naming the first bad query).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn vosia_batch_execute(
    queries: *const *const vosia_query,
    count: i64,
    jobs: i32,
    per_host: i32,
    min_interval: f64,
    progress: vosia_progress_fn,
    user: *mut c_void,
    out: *mut *mut vosia_batch,
) -> vosia_status {
    guard_status(|| {
        not_null(out, "out")?;
        let n = usize::try_from(count)
            .map_err(|_| Error::invalid(format!("count must be >= 0, got {count}")))?;
        if n > 0 {
            not_null(queries, "queries")?;
        }
        let defaults = BatchOptions::default();
        let positive = |v: i32, what: &str, default: usize| -> FfiResult<usize> {
            match v {
                0 => Ok(default),
                v => usize::try_from(v)
                    .map_err(|_| Error::invalid(format!("{what} must be >= 0, got {v}")).into()),
            }
        };
        if !(min_interval.is_finite() && min_interval >= 0.0) {
            return Err(Error::invalid(format!(
                "min_interval must be a finite number of seconds >= 0, got {min_interval}"
            ))
            .into());
        }
        let user = UserData(user);
        let options = BatchOptions {
            jobs: positive(jobs, "jobs", defaults.jobs)?,
            per_host: positive(per_host, "per_host", defaults.per_host)?,
            min_interval: Duration::from_secs_f64(min_interval.min(86_400.0)),
            progress: progress.map(|f| {
                Arc::new(move |done: usize, total: usize| {
                    let user = user;
                    let (done, total) = (done as i64, total as i64);
                    // SAFETY: the caller's function, called as its contract above says.
                    unsafe { f(done, total, user.0) == 0 }
                }) as crate::batch::BatchProgress
            }),
        };
        let mut refs = Vec::with_capacity(n);
        for i in 0..n {
            // SAFETY: `queries` holds `count` pointers (checked non-NULL above).
            let q = unsafe { *queries.add(i) };
            let handle = unsafe { borrow::<QueryHandle, _>(q) }
                .map_err(|f| Failure::new(f.status, format!("queries[{i}]: {}", f.message)))?;
            refs.push(handle.query());
        }
        let outcomes = execute_all(&refs, &options)?;
        let items: Vec<Item> = outcomes.into_iter().map(item).collect();
        let failed: Vec<(usize, &Item)> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.status != VOSIA_OK)
            .collect();
        let first = failed.first().map(|(i, it)| {
            Failure::new(
                it.status,
                format!(
                    "{} of {} queries failed; the first, item {i}: {}",
                    failed.len(),
                    items.len(),
                    it.error.to_string_lossy()
                ),
            )
        });
        let handle = into_raw::<Batch, vosia_batch>(Batch { items });
        // SAFETY: checked non-NULL above.
        unsafe { write_out(out, handle) };
        match first {
            Some(failure) => Err(failure),
            None => Ok(VOSIA_OK),
        }
    })
}

/// Frees a batch handle and every results handle it holds. NULL does nothing.
///
/// @param b the batch to free; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_free(b: *mut vosia_batch) {
    // SAFETY: the C contract: NULL or a handle we gave out, not used afterwards.
    super::guard::guard((), || unsafe { free::<Batch, _>(b) })
}

unsafe fn batch<'a>(b: *const vosia_batch) -> FfiResult<&'a Batch> {
    // SAFETY: the C contract: NULL or a handle we gave out.
    unsafe { borrow::<Batch, _>(b) }
}

fn nth(b: &Batch, i: i64) -> FfiResult<&Item> {
    let i = index_arg(i, "item")?;
    b.items.get(i).ok_or_else(|| {
        Error::range(format!("item {i} is past the {} queries", b.items.len())).into()
    })
}

/// How many items a batch holds (one per query given); -1 if `b` is not a live handle
/// (vosia_last_status says why).
///
/// @param b (not NULL) the batch.
/// @return the number of items, or -1 on failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_count(b: *const vosia_batch) -> i64 {
    guard_value(-1, || {
        // SAFETY: handle contract.
        let b = unsafe { batch(b) }?;
        Ok(i64::try_from(b.items.len()).unwrap_or(i64::MAX))
    })
}

/// The outcome of item `i` (0-based, the i-th query given): VOSIA_OK, or its failure.
///
/// @param b (not NULL) the batch.
/// @param i 0-based item (the i-th query given), below vosia_batch_count.
/// @param out (out, not NULL) receives the status; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_status(
    b: *const vosia_batch,
    i: i64,
    out: *mut vosia_status,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let b = unsafe { batch(b) }?;
        not_null(out, "out")?;
        let item = nth(b, i)?;
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, item.status) })
    })
}

/// The results of item `i`, read with every vosia_results_* function.
///
/// @param b (not NULL) the batch.
/// @param i 0-based item (the i-th query given), below vosia_batch_count.
/// @param out (out, not NULL) receives a results handle owned by `b`, valid until `b` is
///        freed (do not free it); written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the query failed: see vosia_batch_get_error);
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_get_results(
    b: *const vosia_batch,
    i: i64,
    out: *mut *const vosia_results,
) -> vosia_status {
    guard_status(|| {
        // SAFETY: handle contract.
        let b = unsafe { batch(b) }?;
        not_null(out, "out")?;
        let item = nth(b, i)?;
        if item.status != VOSIA_OK {
            return Ok(VOSIA_NULL_VALUE);
        }
        // SAFETY: checked non-NULL.
        Ok(unsafe { write_out(out, item.results.cast_const()) })
    })
}

fn error_text(b: &Batch, i: i64) -> FfiResult<Option<&CStr>> {
    let item = nth(b, i)?;
    Ok((item.status != VOSIA_OK).then_some(item.error.as_c_str()))
}

/// What went wrong with item `i`, as vosia_last_error would have said it.
///
/// @param b (not NULL) the batch.
/// @param i 0-based item (the i-th query given), below vosia_batch_count.
/// @param out (out, not NULL) receives a string owned by `b`; written only on VOSIA_OK.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the query succeeded); VOSIA_E_RANGE,
///         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_get_error(
    b: *const vosia_batch,
    i: i64,
    out: *mut *const c_char,
) -> vosia_status {
    // SAFETY: the handle contract, passed through.
    unsafe { strings::lend_text(|| batch(b), out, |h| error_text(h, i)) }
}

/// Copies what went wrong with item `i` into `buf` (copy_* convention).
///
/// @param b (not NULL) the batch.
/// @param i 0-based item (the i-th query given), below vosia_batch_count.
/// @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
/// @param cap the size of `buf` in bytes, its NUL included.
/// @param len (out, may be NULL) receives the full length in bytes, without the NUL.
/// @return VOSIA_OK; VOSIA_NULL_VALUE (the query succeeded); VOSIA_E_BUFFER_SIZE;
///         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vosia_batch_copy_error(
    b: *const vosia_batch,
    i: i64,
    buf: *mut c_char,
    cap: usize,
    len: *mut usize,
) -> vosia_status {
    // SAFETY: the handle and buffer contracts, passed through.
    unsafe { strings::copy_text(|| batch(b), buf, cap, len, |h| error_text(h, i)) }
}
