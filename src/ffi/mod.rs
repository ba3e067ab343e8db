//! The C ABI: thin `extern "C"` functions that guard, check, convert and call the core.
//!
//! Conventions (stated once here, and in `include/vosia.h`):
//! - every body runs in a panic guard (`catch_unwind`); a panic becomes `VOSIA_E_PANIC`;
//! - out-parameters are written only when `VOSIA_OK` is returned;
//! - strings in are NUL-terminated UTF-8, copied before the call returns; strings out are
//!   borrowed from the handle they came from (or static), never freed by the caller;
//! - handles carry a magic number checked on entry (`VOSIA_E_BAD_HANDLE`).

#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

pub(crate) mod guard;
pub(crate) mod handle;
pub mod query;
pub mod results;
pub mod service;
pub mod status;
pub(crate) mod strings;
pub mod version;
