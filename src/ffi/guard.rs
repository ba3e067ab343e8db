//! The panic guard every `extern "C"` body runs in, and the out-parameter helper.
//!
//! A panic never crosses the boundary: it becomes `VOSIA_E_PANIC` (or the documented fallback
//! value) with the panic message as this thread's last error. vosia never prints, so the
//! default panic hook is silenced for panics raised inside a guard; other panics of the host
//! program still reach its own hook.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::status::{
    Failure, FfiResult, VOSIA_E_PANIC, VOSIA_OK, record, set_last_error, vosia_status,
};

thread_local! {
    static INSIDE_GUARD: Cell<u32> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

fn install_quiet_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if INSIDE_GUARD.try_with(|depth| depth.get()).unwrap_or(0) == 0 {
                previous(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!(
        "internal error in vosia (a panic was caught at the C boundary): {what}; please report it"
    )
}

/// Runs `body`; a panic becomes `fallback` with the panic recorded as the last error.
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    install_quiet_hook();
    // `try_with`: during thread teardown the counter may be gone; the guard still guards.
    let _ = INSIDE_GUARD.try_with(|depth| depth.set(depth.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(body));
    let _ = INSIDE_GUARD.try_with(|depth| depth.set(depth.get().saturating_sub(1)));
    match outcome {
        Ok(value) => value,
        Err(payload) => {
            set_last_error(VOSIA_E_PANIC, &panic_message(payload.as_ref()));
            fallback
        }
    }
}

/// Runs a fallible `body` and turns its outcome into a status (recording any error).
pub(crate) fn guard_status(body: impl FnOnce() -> FfiResult<vosia_status>) -> vosia_status {
    guard(VOSIA_E_PANIC, || match body() {
        Ok(status) => status,
        Err(err) => record(&err),
    })
}

/// Runs a getter that returns a value rather than a status (a count, an index, a pointer):
/// an error is recorded as this thread's last error and `fallback` returned.
pub(crate) fn guard_value<T: Copy>(fallback: T, body: impl FnOnce() -> FfiResult<T>) -> T {
    guard(fallback, || {
        body().unwrap_or_else(|err| {
            record(&err);
            fallback
        })
    })
}

/// Writes `value` through `out`, which the caller has already checked is not NULL.
///
/// # Safety
/// `out` must be valid for writes of `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) -> vosia_status {
    // SAFETY: the caller checked `out` for NULL and the C contract says it is writable.
    unsafe { out.write(value) };
    VOSIA_OK
}

/// `VOSIA_E_NULL_ARG` naming `what` when `ptr` is NULL.
pub(crate) fn not_null<T>(ptr: *const T, what: &str) -> FfiResult<()> {
    if ptr.is_null() {
        Err(Failure::null_arg(what))
    } else {
        Ok(())
    }
}

/// Writes `Some(value)` through `out` (`VOSIA_OK`); `None` is `VOSIA_NULL_VALUE` with `out`
/// untouched.
///
/// # Safety
/// As [`write_out`].
pub(crate) unsafe fn write_optional<T>(out: *mut T, value: Option<T>) -> vosia_status {
    match value {
        // SAFETY: passed through from the caller.
        Some(v) => unsafe { write_out(out, v) },
        None => super::status::VOSIA_NULL_VALUE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::status::{VOSIA_E_INVALID_ARG, last_error_ptr};

    fn last_error() -> String {
        // SAFETY: the thread-local text is NUL-terminated and lives until the next failure.
        unsafe { std::ffi::CStr::from_ptr(last_error_ptr()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn a_panic_becomes_vosia_e_panic_with_its_message() {
        let status = guard_status(|| panic!("deliberate test panic"));
        assert_eq!(status, VOSIA_E_PANIC);
        assert!(
            last_error().contains("deliberate test panic"),
            "{}",
            last_error()
        );
        assert_eq!(guard(-1, || -> i32 { panic!("again") }), -1);
    }

    #[test]
    fn errors_become_their_status_and_last_error() {
        let status =
            guard_status(|| Err(crate::Error::invalid("dec 91 is outside -90..90").into()));
        assert_eq!(status, VOSIA_E_INVALID_ARG);
        assert_eq!(last_error(), "dec 91 is outside -90..90");
        // A success leaves the last error alone.
        assert_eq!(guard_status(|| Ok(VOSIA_OK)), VOSIA_OK);
        assert_eq!(last_error(), "dec 91 is outside -90..90");
    }
}
