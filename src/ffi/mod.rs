//! The C ABI: thin `extern "C"` functions that guard, check, convert and call the core. No
//! protocol rule and no model of its own lives here; every decision is the core's.
//!
//! Conventions (stated once here, and in `include/vosia.h`):
//! - every body runs in a panic guard (`catch_unwind`); a panic becomes `VOSIA_E_PANIC`;
//! - out-parameters are written only when `VOSIA_OK` is returned;
//! - strings in are NUL-terminated UTF-8, copied before the call returns; strings out are
//!   borrowed from the handle they came from (or static), never freed by the caller;
//! - handles carry a magic number checked on entry (`VOSIA_E_BAD_HANDLE`).
//!
//! The header lists the files in this order: version and status, constants, standard
//! fields, service, query, results.

#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

// The order of the header (cbindgen follows the module order): keep it, not alphabetical
// (rustfmt.toml: reorder_modules = false).
pub mod version;
pub mod status;
pub mod consts;
pub mod fields;
pub mod service;
pub mod query;
pub mod results;
pub mod descriptors;
pub mod download;
pub mod batch;
pub mod registry;
pub mod samp;
pub(crate) mod guard;
pub(crate) mod handle;
pub(crate) mod strings;

use status::{Failure, FfiResult, VOSIA_E_INVALID_ARG};

use crate::SiaVersion;
use crate::attrs::Attr;
use crate::error::Error;
use crate::stdfields::StdField;

/// `VOSIA_SIA1`/`VOSIA_SIA2` as a version.
fn version_arg(sia_version: i32) -> FfiResult<SiaVersion> {
    SiaVersion::from_number(sia_version).ok_or_else(|| {
        Error::invalid(format!(
            "sia_version {sia_version} is not VOSIA_SIA1 (1) or VOSIA_SIA2 (2)"
        ))
        .into()
    })
}

/// A 0-based index from C; negative is a Range error.
fn index_arg(value: i64, what: &str) -> FfiResult<usize> {
    usize::try_from(value).map_err(|_| Error::range(format!("{what} {value} is negative")).into())
}

/// A `VOSIA_FIELD_*` value.
fn field_arg(field: i32) -> FfiResult<StdField> {
    StdField::from_number(field).ok_or_else(|| {
        Error::range(format!(
            "field {field} is not a VOSIA_FIELD_* value (0 to {})",
            StdField::ALL.len() - 1
        ))
        .into()
    })
}

/// A `VOSIA_ATTR_*` value as a core attribute, if it is one (URL and STANDARD_ID are not:
/// the getters that know them handle them first).
fn core_attr(attr: i32) -> Option<Attr> {
    use consts::*;
    Some(match attr {
        VOSIA_ATTR_NAME => Attr::Name,
        VOSIA_ATTR_ID => Attr::Id,
        VOSIA_ATTR_UCD => Attr::Ucd,
        VOSIA_ATTR_UTYPE => Attr::Utype,
        VOSIA_ATTR_UNIT => Attr::Unit,
        VOSIA_ATTR_XTYPE => Attr::Xtype,
        VOSIA_ATTR_ARRAYSIZE => Attr::ArraySize,
        VOSIA_ATTR_DESCRIPTION => Attr::Description,
        VOSIA_ATTR_DATATYPE => Attr::Datatype,
        VOSIA_ATTR_VALUE => Attr::Value,
        VOSIA_ATTR_MIN => Attr::Min,
        VOSIA_ATTR_MAX => Attr::Max,
        VOSIA_ATTR_REF => Attr::Ref,
        _ => return None,
    })
}

/// `attr` as one of the attributes `allowed` of `what`, else `VOSIA_E_INVALID_ARG` naming
/// the ones it has.
fn attr_of(attr: i32, allowed: &[Attr], what: &str) -> FfiResult<Attr> {
    core_attr(attr)
        .filter(|a| allowed.contains(a))
        .ok_or_else(|| {
            let names: Vec<String> = allowed
                .iter()
                .map(|a| format!("{a:?}").to_ascii_uppercase())
                .collect();
            attr_unknown(attr, what, &names.join(", "))
        })
}

/// The failure for an attribute key `what` does not have.
fn attr_unknown(attr: i32, what: &str, known: &str) -> Failure {
    Failure::new(
        VOSIA_E_INVALID_ARG,
        format!("{what} has no attribute {attr}; its VOSIA_ATTR_* keys are {known}"),
    )
}
