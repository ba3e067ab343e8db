//! Typed SIA query parameters and their exact wire form.
//!
//! [`Params`] is the ordered list of `NAME=value` pairs a query sends, built through typed,
//! validating setters (or by name). What [`Params::query_string`] returns is exactly what goes
//! on the wire:
//!
//! - numbers in shortest round-trip form ([`crate::numfmt::format_f64`]): never rounded,
//!   `+Inf`/`-Inf` for open interval ends;
//! - parameter names upper-cased; SIA 1.0 FORMAT reserved words (`ALL`, `METADATA`, `GRAPHIC`,
//!   `GRAPHIC-ALL` and the `GRAPHIC-` prefix) upper-cased, other values untouched;
//! - SIA 2.0 repeated parameters as repeated keys (their values are OR-ed by the service);
//! - RFC 3986 percent-encoding: only unreserved characters and `, / : @` stay as they are, so a
//!   space is `%20`, `+` is `%2B`, `;` is `%3B` (servers that split at `;` or read `+` as a space
//!   get what was meant).
//!
//! Validation happens before anything is stored: a bad value leaves the parameters unchanged.
//! A `Params` is a plain value (`Send + Sync`, `Clone`); it does no I/O.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::SiaVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::numfmt::format_f64;

/// Characters percent-encoded in a query name or value: everything but RFC 3986 unreserved
/// characters and the delimiters `, / : @`, which are unambiguous inside a query value and keep
/// URLs readable (`POS=10.68,41.27`, `ID=ivo://...`). `percent-encoding` (servo's crate, already
/// in ureq's dependency tree) does the UTF-8 work.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b',')
    .remove(b'/')
    .remove(b':')
    .remove(b'@');

/// Percent-encodes one query name or value as vosia sends it.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

mod sia1;
mod sia2;

pub use sia1::Intersect;
use sia1::normalise_sia1_format;
pub use sia2::{IntervalParam, POL_STATES, Shape, TextParam};

/// The parameters of one query: ordered `(NAME, value)` pairs in wire order, for one SIA version.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    version: SiaVersion,
    pairs: Vec<(String, String)>,
}

pub(crate) fn finite(what: &str, x: f64) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{what} must be a finite number (got {})",
            format_f64(x)
        )))
    }
}

pub(crate) fn check_ra(what: &str, ra: f64) -> Result<()> {
    finite(what, ra)?;
    if !(0.0..=360.0).contains(&ra) {
        return Err(Error::invalid(format!(
            "{what} must be between 0 and 360 degrees (got {}); reduce it modulo 360",
            format_f64(ra)
        )));
    }
    Ok(())
}

pub(crate) fn check_dec(what: &str, dec: f64) -> Result<()> {
    finite(what, dec)?;
    if !(-90.0..=90.0).contains(&dec) {
        return Err(Error::invalid(format!(
            "{what} must be between -90 and +90 degrees (got {})",
            format_f64(dec)
        )));
    }
    Ok(())
}

pub(super) fn check_text(what: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(format!("{what} must not be empty")));
    }
    Ok(())
}

fn version_name(v: SiaVersion) -> &'static str {
    match v {
        SiaVersion::V1 => "SIA 1.0",
        SiaVersion::V2 => "SIA 2.0",
    }
}

impl Params {
    /// Empty parameters for a service of `version`.
    pub fn new(version: SiaVersion) -> Params {
        Params {
            version,
            pairs: Vec::new(),
        }
    }

    /// The SIA version these parameters are checked against.
    pub fn version(&self) -> SiaVersion {
        self.version
    }

    /// The `(NAME, value)` pairs in wire order, values not yet percent-encoded.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// All values of `name` (case-insensitive), in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        let name = name.trim();
        self.pairs
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn need(&self, version: SiaVersion, what: &str, instead: &str) -> Result<()> {
        if self.version == version {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "{what} is an {} parameter, but this service was created as {}; {instead}",
                version_name(version),
                version_name(self.version)
            ),
        ))
    }

    fn need_v1(&self, what: &str) -> Result<()> {
        self.need(
            SiaVersion::V1,
            what,
            "for SIA 2.0 use a POS shape (circle, range, polygon) and the SIA 2.0 parameters, \
             or create the service as SIA 1.0",
        )
    }

    fn need_v2(&self, what: &str) -> Result<()> {
        self.need(
            SiaVersion::V2,
            what,
            "for SIA 1.0 use POS=ra,dec with SIZE (or set the parameter by name if this service \
             accepts it), or create the service as SIA 2.0",
        )
    }

    fn clean_name(name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("a parameter name must not be empty"));
        }
        Ok(name.to_ascii_uppercase())
    }

    /// Replaces every value of `name` by `value`, keeping the position of the first one.
    fn replace(&mut self, name: &str, value: String) {
        match self.pairs.iter().position(|(n, _)| n == name) {
            Some(first) => {
                self.pairs[first].1 = value;
                let mut index = 0;
                self.pairs.retain(|(n, _)| {
                    let keep = index <= first || n != name;
                    index += 1;
                    keep
                });
            }
            None => self.pairs.push((name.to_string(), value)),
        }
    }

    fn push(&mut self, name: &str, value: String) {
        self.pairs.push((name.to_string(), value));
    }

    /// Sets any parameter by name (upper-cased), replacing earlier values. The value is sent as
    /// given (percent-encoded); no other check is made.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let name = Self::clean_name(name)?;
        self.replace(&name, value.to_string());
        Ok(())
    }

    /// Adds one more value for `name` (upper-cased), sent as a repeated key.
    pub fn add(&mut self, name: &str, value: &str) -> Result<()> {
        let name = Self::clean_name(name)?;
        self.push(&name, value.to_string());
        Ok(())
    }

    /// Removes every value of `name` (case-insensitive); returns how many were removed.
    pub fn remove(&mut self, name: &str) -> usize {
        let before = self.pairs.len();
        let name = name.trim();
        self.pairs.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        before - self.pairs.len()
    }

    /// FORMAT, replacing earlier values. SIA 1.0: a comma-separated list whose reserved words
    /// are upper-cased; SIA 2.0: one value (a MIME type), sent as given.
    pub fn set_format(&mut self, format: &str) -> Result<()> {
        let value = self.format_value(format)?;
        self.replace("FORMAT", value);
        Ok(())
    }

    /// FORMAT, one more value. SIA 1.0 appends to the comma-separated list; SIA 2.0 sends a
    /// repeated FORMAT (OR-ed).
    pub fn add_format(&mut self, format: &str) -> Result<()> {
        let value = self.format_value(format)?;
        match self.version {
            SiaVersion::V1 => {
                let joined = match self.values("FORMAT").first() {
                    Some(old) if !old.is_empty() => format!("{old},{value}"),
                    _ => value,
                };
                self.replace("FORMAT", joined);
            }
            SiaVersion::V2 => self.push("FORMAT", value),
        }
        Ok(())
    }

    fn format_value(&self, format: &str) -> Result<String> {
        check_text("FORMAT", format)?;
        Ok(match self.version {
            SiaVersion::V1 => format
                .split(',')
                .map(normalise_sia1_format)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(","),
            SiaVersion::V2 => format.to_string(),
        })
    }

    /// `MAXREC`: at most this many records (0: only the metadata). Both versions.
    pub fn set_maxrec(&mut self, maxrec: i64) -> Result<()> {
        if maxrec < 0 {
            return Err(Error::invalid(format!(
                "MAXREC must not be negative (got {maxrec}); 0 asks for the metadata only"
            )));
        }
        self.replace("MAXREC", maxrec.to_string());
        Ok(())
    }

    /// `RESPONSEFORMAT` (e.g. `votable`, `votabletd`), replacing earlier values. Both versions.
    pub fn set_responseformat(&mut self, format: &str) -> Result<()> {
        check_text("RESPONSEFORMAT", format)?;
        self.replace("RESPONSEFORMAT", format.to_string());
        Ok(())
    }

    /// The percent-encoded query string, without a leading `?`.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.pairs {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(&encode_component(name));
            out.push('=');
            out.push_str(&encode_component(value));
        }
        out
    }

    /// The full request URL: `base` (kept as given, including a query string of its own such as
    /// `...?COLLECTION=x&`) joined with [`Params::query_string`].
    pub fn url(&self, base: &str) -> String {
        join_url(base, &self.query_string())
    }
}

/// Joins a base URL and a query string: a base without `?` gets one, a base that already
/// carries a query string gets `&` unless it ends with `?` or `&`.
pub fn join_url(base: &str, query: &str) -> String {
    if query.is_empty() {
        return base.to_string();
    }
    let mut url = base.to_string();
    if !url.contains('?') {
        url.push('?');
    } else if !url.ends_with('?') && !url.ends_with('&') {
        url.push('&');
    }
    url.push_str(query);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v2() -> Params {
        Params::new(SiaVersion::V2)
    }

    #[test]
    fn by_name_upper_cased_set_add_remove() {
        let mut p = v2();
        p.set("custom_param", "23").unwrap();
        p.add("Custom_Param", "-Inf 0").unwrap();
        p.add("x", "a+b;c d&e=f%").unwrap();
        assert_eq!(
            p.query_string(),
            "CUSTOM_PARAM=23&CUSTOM_PARAM=-Inf%200&X=a%2Bb%3Bc%20d%26e%3Df%25"
        );
        p.set("custom_param", "1").unwrap();
        assert_eq!(
            p.query_string(),
            "CUSTOM_PARAM=1&X=a%2Bb%3Bc%20d%26e%3Df%25"
        );
        assert_eq!(p.remove("x"), 1);
        assert_eq!(p.remove("nothing"), 0);
        assert!(p.set(" ", "1").is_err());
        assert_eq!(p.query_string(), "CUSTOM_PARAM=1");
        p.set("naïve", "é").unwrap();
        assert!(p.query_string().ends_with("&NA%C3%AFVE=%C3%A9"));
    }

    #[test]
    fn url_keeps_base_query_string() {
        let mut p = v2();
        p.add_circle(1.0, 2.0, 3.0).unwrap();
        let q = "POS=CIRCLE%201%202%203";
        assert_eq!(p.url("http://h/sia2"), format!("http://h/sia2?{q}"));
        assert_eq!(p.url("http://h/sia2?"), format!("http://h/sia2?{q}"));
        assert_eq!(
            p.url("http://h/sia2?COLLECTION=x&"),
            format!("http://h/sia2?COLLECTION=x&{q}")
        );
        assert_eq!(
            p.url("http://h/sia2?COLLECTION=x"),
            format!("http://h/sia2?COLLECTION=x&{q}")
        );
        assert_eq!(v2().url("http://h/sia2?"), "http://h/sia2?");
    }
}
