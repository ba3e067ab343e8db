//! Handles: a boxed value behind a magic number, handed to C as an opaque pointer.
//!
//! The magic catches a pointer of the wrong kind (an IDL integer, a Julia `Ptr{Cvoid}` to
//! something else) and a handle already freed, as far as reading freed memory can tell;
//! it cannot catch every use-after-free.

use super::status::{Failure, FfiResult, VOSIA_E_BAD_HANDLE, VOSIA_E_NULL_ARG};

/// A value that can live behind a C handle, with the magic number of its kind.
pub(crate) trait HandleKind: Sized {
    const MAGIC: u64;
    const NAME: &'static str;
}

#[repr(C)]
struct Handle<T> {
    magic: u64,
    value: T,
}

/// Moves `value` to the heap and returns the pointer C will hold.
pub(crate) fn into_raw<T: HandleKind, C>(value: T) -> *mut C {
    Box::into_raw(Box::new(Handle {
        magic: T::MAGIC,
        value,
    }))
    .cast()
}

fn check<T: HandleKind>(ptr: *const Handle<T>) -> FfiResult<()> {
    if ptr.is_null() {
        return Err(Failure::new(
            VOSIA_E_NULL_ARG,
            format!("the {} handle is NULL", T::NAME),
        ));
    }
    // SAFETY: non-NULL; the C contract says it points to a handle we gave out. Reading the
    // first word of a wrong pointer is the best-effort check the API documents.
    let magic = unsafe { std::ptr::addr_of!((*ptr).magic).read() };
    if magic != T::MAGIC {
        return Err(Failure::new(
            VOSIA_E_BAD_HANDLE,
            format!(
                "not a live {} handle (wrong kind of pointer, or already freed)",
                T::NAME
            ),
        ));
    }
    Ok(())
}

/// Borrows the value behind a handle for the duration of the call.
///
/// # Safety
/// `ptr` must be NULL or a pointer obtained from [`into_raw`] for `T`, not yet freed.
pub(crate) unsafe fn borrow<'a, T: HandleKind, C>(ptr: *const C) -> FfiResult<&'a T> {
    let ptr = ptr.cast::<Handle<T>>();
    check(ptr)?;
    // SAFETY: checked above.
    Ok(unsafe { &(*ptr).value })
}

/// Mutably borrows the value behind a handle for the duration of the call.
///
/// # Safety
/// As [`borrow`], and no other reference to the handle may be live (one thread at a time).
pub(crate) unsafe fn borrow_mut<'a, T: HandleKind, C>(ptr: *mut C) -> FfiResult<&'a mut T> {
    let ptr = ptr.cast::<Handle<T>>();
    check(ptr.cast_const())?;
    // SAFETY: checked above; exclusivity is the caller's contract.
    Ok(unsafe { &mut (*ptr).value })
}

/// Frees a handle: clears its magic and drops its value. NULL and foreign pointers are ignored.
///
/// # Safety
/// As [`borrow_mut`]; the pointer must not be used afterwards.
pub(crate) unsafe fn free<T: HandleKind, C>(ptr: *mut C) {
    let ptr = ptr.cast::<Handle<T>>();
    if check(ptr.cast_const()).is_err() {
        return;
    }
    // SAFETY: a live handle of ours; we take back the Box we leaked in `into_raw`.
    unsafe {
        (*ptr).magic = 0;
        drop(Box::from_raw(ptr));
    }
}
