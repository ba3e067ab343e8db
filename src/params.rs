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

/// SIA 1.0 INTERSECT: how an image must relate to the region of interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intersect {
    /// The image covers the whole region.
    Covers,
    /// The region encloses the whole image.
    Enclosed,
    /// The image and the region overlap (the SIA 1.0 default).
    Overlaps,
    /// The region's centre lies on the image.
    Center,
}

impl Intersect {
    /// The wire value (`COVERS`, `ENCLOSED`, `OVERLAPS`, `CENTER`).
    pub fn as_str(self) -> &'static str {
        match self {
            Intersect::Covers => "COVERS",
            Intersect::Enclosed => "ENCLOSED",
            Intersect::Overlaps => "OVERLAPS",
            Intersect::Center => "CENTER",
        }
    }

    /// Parses a wire value, ignoring case.
    pub fn parse(text: &str) -> Result<Intersect> {
        let all = [
            Intersect::Covers,
            Intersect::Enclosed,
            Intersect::Overlaps,
            Intersect::Center,
        ];
        all.into_iter()
            .find(|i| i.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "INTERSECT must be COVERS, ENCLOSED, OVERLAPS or CENTER (got {text:?})"
                ))
            })
    }
}

/// The SIA 2.0 interval parameters (`NAME=lo hi`, either end may be open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalParam {
    /// BAND: wavelength in metres.
    Band,
    /// TIME: MJD (days).
    Time,
    /// FOV: field of view in degrees.
    Fov,
    /// SPATRES: spatial resolution in arcseconds.
    SpatRes,
    /// EXPTIME: exposure time in seconds.
    ExpTime,
    /// TIMERES: time resolution in seconds.
    TimeRes,
    /// SPECRP: spectral resolving power (λ/Δλ, no unit).
    SpecRp,
}

impl IntervalParam {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            IntervalParam::Band => "BAND",
            IntervalParam::Time => "TIME",
            IntervalParam::Fov => "FOV",
            IntervalParam::SpatRes => "SPATRES",
            IntervalParam::ExpTime => "EXPTIME",
            IntervalParam::TimeRes => "TIMERES",
            IntervalParam::SpecRp => "SPECRP",
        }
    }
}

/// The SIA 2.0 string parameters (repeatable, OR-ed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextParam {
    /// ID: `obs_publisher_did`.
    Id,
    /// COLLECTION: `obs_collection`.
    Collection,
    /// FACILITY: `facility_name`.
    Facility,
    /// INSTRUMENT: `instrument_name`.
    Instrument,
    /// DPTYPE: `dataproduct_type` (`image`, `cube`).
    DpType,
    /// TARGET: `target_name`.
    Target,
}

impl TextParam {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            TextParam::Id => "ID",
            TextParam::Collection => "COLLECTION",
            TextParam::Facility => "FACILITY",
            TextParam::Instrument => "INSTRUMENT",
            TextParam::DpType => "DPTYPE",
            TextParam::Target => "TARGET",
        }
    }
}

/// The polarization states ObsCore defines (SIA 2.0 POL).
pub const POL_STATES: [&str; 14] = [
    "I", "Q", "U", "V", "RR", "LL", "RL", "LR", "XX", "YY", "XY", "YX", "POLI", "POLA",
];

/// An SIA 2.0 POS shape, in ICRS degrees.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `CIRCLE ra dec radius`.
    Circle { ra: f64, dec: f64, radius: f64 },
    /// `RANGE ra1 ra2 dec1 dec2`; `ra1 > ra2` means through RA 0 and is sent as two ranges.
    Range {
        ra1: f64,
        ra2: f64,
        dec1: f64,
        dec2: f64,
    },
    /// `POLYGON ra1 dec1 ra2 dec2 ...`, at least three vertices.
    Polygon(Vec<(f64, f64)>),
}

/// The parameters of one query: ordered `(NAME, value)` pairs in wire order, for one SIA version.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    version: SiaVersion,
    pairs: Vec<(String, String)>,
}

fn finite(what: &str, x: f64) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{what} must be a finite number (got {})",
            format_f64(x)
        )))
    }
}

fn check_ra(what: &str, ra: f64) -> Result<()> {
    finite(what, ra)?;
    if !(0.0..=360.0).contains(&ra) {
        return Err(Error::invalid(format!(
            "{what} must be between 0 and 360 degrees (got {}); reduce it modulo 360",
            format_f64(ra)
        )));
    }
    Ok(())
}

fn check_dec(what: &str, dec: f64) -> Result<()> {
    finite(what, dec)?;
    if !(-90.0..=90.0).contains(&dec) {
        return Err(Error::invalid(format!(
            "{what} must be between -90 and +90 degrees (got {})",
            format_f64(dec)
        )));
    }
    Ok(())
}

/// An interval end may be ±Inf but not NaN; `lo <= hi`; no end may be infinite the wrong way.
fn check_interval(what: &str, lo: f64, hi: f64) -> Result<()> {
    if lo.is_nan() || hi.is_nan() {
        return Err(Error::invalid(format!(
            "{what}: an interval end is NaN; use -Inf or +Inf for an open end"
        )));
    }
    if lo == f64::INFINITY || hi == f64::NEG_INFINITY {
        return Err(Error::invalid(format!(
            "{what}: the lower end cannot be +Inf nor the upper end -Inf (got {} {})",
            format_f64(lo),
            format_f64(hi)
        )));
    }
    if lo > hi {
        return Err(Error::invalid(format!(
            "{what}: the interval is backwards ({} > {}); give the lower end first",
            format_f64(lo),
            format_f64(hi)
        )));
    }
    Ok(())
}

fn check_text(what: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(format!("{what} must not be empty")));
    }
    Ok(())
}

/// SIA 1.0 FORMAT: reserved words upper-cased, the `GRAPHIC-` prefix upper-cased with its
/// suffix kept, anything else (MIME types) untouched.
fn normalise_sia1_format(token: &str) -> String {
    let token = token.trim();
    for word in ["ALL", "METADATA", "GRAPHIC", "GRAPHIC-ALL"] {
        if token.eq_ignore_ascii_case(word) {
            return word.to_string();
        }
    }
    let prefix = "GRAPHIC-";
    match token.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => {
            format!("{prefix}{}", &token[prefix.len()..])
        }
        _ => token.to_string(),
    }
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

    /// SIA 1.0 `POS=ra,dec` (ICRS degrees). Replaces any earlier POS.
    pub fn set_pos(&mut self, ra: f64, dec: f64) -> Result<()> {
        self.need_v1("POS=ra,dec")?;
        check_ra("POS RA", ra)?;
        check_dec("POS Dec", dec)?;
        self.replace("POS", format!("{},{}", format_f64(ra), format_f64(dec)));
        Ok(())
    }

    /// SIA 1.0 `SIZE` in degrees: one value when both are equal, else `SIZE=ra,dec`.
    /// 0 is allowed (images that contain the position).
    pub fn set_size(&mut self, size_ra: f64, size_dec: f64) -> Result<()> {
        self.need_v1("SIZE")?;
        for (what, x) in [("SIZE (RA)", size_ra), ("SIZE (Dec)", size_dec)] {
            finite(what, x)?;
            if x < 0.0 {
                return Err(Error::invalid(format!(
                    "{what} must not be negative (got {}); use 0 for images that contain the position",
                    format_f64(x)
                )));
            }
            if x > 360.0 {
                return Err(Error::invalid(format!(
                    "{what} must be at most 360 degrees (got {})",
                    format_f64(x)
                )));
            }
        }
        let value = if size_ra == size_dec {
            format_f64(size_ra)
        } else {
            format!("{},{}", format_f64(size_ra), format_f64(size_dec))
        };
        self.replace("SIZE", value);
        Ok(())
    }

    /// SIA 1.0 `INTERSECT`.
    pub fn set_intersect(&mut self, intersect: Intersect) -> Result<()> {
        self.need_v1("INTERSECT")?;
        self.replace("INTERSECT", intersect.as_str().to_string());
        Ok(())
    }

    /// SIA 1.0 `VERB` (0 to 3: how many columns the service returns).
    pub fn set_verb(&mut self, verb: i64) -> Result<()> {
        self.need_v1("VERB")?;
        if !(0..=3).contains(&verb) {
            return Err(Error::invalid(format!(
                "VERB must be 0, 1, 2 or 3 (got {verb})"
            )));
        }
        self.replace("VERB", verb.to_string());
        Ok(())
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

    /// SIA 2.0 `POS`, one more shape (OR-ed with the others). A RANGE through RA 0
    /// (`ra1 > ra2`) is sent as two RANGEs, `ra1..360` and `0..ra2`.
    pub fn add_shape(&mut self, shape: &Shape) -> Result<()> {
        self.need_v2("POS (CIRCLE, RANGE, POLYGON)")?;
        let values = shape_values(shape)?;
        for v in values {
            self.push("POS", v);
        }
        Ok(())
    }

    /// SIA 2.0 `POS=CIRCLE ra dec radius` (degrees).
    pub fn add_circle(&mut self, ra: f64, dec: f64, radius: f64) -> Result<()> {
        self.add_shape(&Shape::Circle { ra, dec, radius })
    }

    /// SIA 2.0 `POS=RANGE ra1 ra2 dec1 dec2` (degrees; ends may be ±Inf).
    pub fn add_range(&mut self, ra1: f64, ra2: f64, dec1: f64, dec2: f64) -> Result<()> {
        self.add_shape(&Shape::Range {
            ra1,
            ra2,
            dec1,
            dec2,
        })
    }

    /// SIA 2.0 `POS=POLYGON ra1 dec1 ...` (degrees, at least three vertices).
    pub fn add_polygon(&mut self, vertices: &[(f64, f64)]) -> Result<()> {
        self.add_shape(&Shape::Polygon(vertices.to_vec()))
    }

    /// SIA 2.0 interval parameter, one more interval (OR-ed). `lo` may be -Inf, `hi` +Inf.
    pub fn add_interval(&mut self, param: IntervalParam, lo: f64, hi: f64) -> Result<()> {
        self.need_v2(param.name())?;
        check_interval(param.name(), lo, hi)?;
        if matches!(
            param,
            IntervalParam::Band
                | IntervalParam::Fov
                | IntervalParam::SpatRes
                | IntervalParam::ExpTime
                | IntervalParam::TimeRes
                | IntervalParam::SpecRp
        ) && lo < 0.0
            && lo.is_finite()
        {
            return Err(Error::invalid(format!(
                "{}: the lower end must not be negative (got {}); use -Inf for an open end",
                param.name(),
                format_f64(lo)
            )));
        }
        self.push(
            param.name(),
            format!("{} {}", format_f64(lo), format_f64(hi)),
        );
        Ok(())
    }

    /// SIA 2.0 string parameter (ID, COLLECTION, ...), one more value (OR-ed).
    pub fn add_text(&mut self, param: TextParam, value: &str) -> Result<()> {
        self.need_v2(param.name())?;
        check_text(param.name(), value)?;
        self.push(param.name(), value.to_string());
        Ok(())
    }

    /// SIA 2.0 `POL`, one more state (upper-cased; one of [`POL_STATES`]).
    pub fn add_pol(&mut self, state: &str) -> Result<()> {
        self.need_v2("POL")?;
        let upper = state.trim().to_ascii_uppercase();
        if !POL_STATES.contains(&upper.as_str()) {
            return Err(Error::invalid(format!(
                "POL must be one of {} (got {state:?})",
                POL_STATES.join(" ")
            )));
        }
        self.push("POL", upper);
        Ok(())
    }

    /// SIA 2.0 `CALIB`, one more calibration level (0 to 4).
    pub fn add_calib(&mut self, level: i64) -> Result<()> {
        self.need_v2("CALIB")?;
        if !(0..=4).contains(&level) {
            return Err(Error::invalid(format!(
                "CALIB must be a calibration level from 0 to 4 (got {level})"
            )));
        }
        self.push("CALIB", level.to_string());
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

fn shape_values(shape: &Shape) -> Result<Vec<String>> {
    match shape {
        Shape::Circle { ra, dec, radius } => {
            check_ra("CIRCLE RA", *ra)?;
            check_dec("CIRCLE Dec", *dec)?;
            finite("CIRCLE radius", *radius)?;
            if !(0.0..=180.0).contains(radius) {
                return Err(Error::invalid(format!(
                    "CIRCLE radius must be between 0 and 180 degrees (got {})",
                    format_f64(*radius)
                )));
            }
            Ok(vec![format!(
                "CIRCLE {} {} {}",
                format_f64(*ra),
                format_f64(*dec),
                format_f64(*radius)
            )])
        }
        Shape::Range {
            ra1,
            ra2,
            dec1,
            dec2,
        } => {
            for (what, x) in [("RANGE RA1", *ra1), ("RANGE RA2", *ra2)] {
                if x.is_nan() {
                    return Err(Error::invalid(format!(
                        "{what} is NaN; use -Inf or +Inf for an open end"
                    )));
                }
                if x.is_finite() {
                    check_ra(what, x)?;
                }
            }
            for (what, x) in [("RANGE Dec1", *dec1), ("RANGE Dec2", *dec2)] {
                if x.is_finite() {
                    check_dec(what, x)?;
                }
            }
            check_interval("RANGE Dec", *dec1, *dec2)?;
            let decs = format!("{} {}", format_f64(*dec1), format_f64(*dec2));
            if ra1.is_finite() && ra2.is_finite() && ra1 > ra2 {
                // Through RA 0: two ranges OR-ed, as DALI RANGE requires min <= max.
                return Ok(vec![
                    format!("RANGE {} 360 {decs}", format_f64(*ra1)),
                    format!("RANGE 0 {} {decs}", format_f64(*ra2)),
                ]);
            }
            check_interval("RANGE RA", *ra1, *ra2)?;
            Ok(vec![format!(
                "RANGE {} {} {decs}",
                format_f64(*ra1),
                format_f64(*ra2)
            )])
        }
        Shape::Polygon(vertices) => {
            if vertices.len() < 3 {
                return Err(Error::invalid(format!(
                    "a POLYGON needs at least 3 vertices (got {})",
                    vertices.len()
                )));
            }
            let mut text = String::from("POLYGON");
            for (i, (ra, dec)) in vertices.iter().enumerate() {
                check_ra(&format!("POLYGON vertex {} RA", i + 1), *ra)?;
                check_dec(&format!("POLYGON vertex {} Dec", i + 1), *dec)?;
                text.push(' ');
                text.push_str(&format_f64(*ra));
                text.push(' ');
                text.push_str(&format_f64(*dec));
            }
            Ok(vec![text])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1() -> Params {
        Params::new(SiaVersion::V1)
    }
    fn v2() -> Params {
        Params::new(SiaVersion::V2)
    }

    #[test]
    fn sia1_pos_size_full_precision() {
        let mut p = v1();
        p.set_pos(10.123456789012344, -20.987654321).unwrap();
        p.set_size(0.16666666666666666, 0.16666666666666666)
            .unwrap();
        assert_eq!(
            p.query_string(),
            "POS=10.123456789012344,-20.987654321&SIZE=0.16666666666666666"
        );
        p.set_size(0.2, 0.1).unwrap();
        p.set_size(0.0, 0.0).unwrap();
        assert_eq!(p.values("SIZE"), ["0"]);
        p.set_size(0.2, 0.1).unwrap();
        assert!(p.query_string().ends_with("SIZE=0.2,0.1"));
        p.set_pos(0.0, 90.0).unwrap();
        assert!(p.query_string().starts_with("POS=0,90&"));
    }

    #[test]
    fn sia1_format_reserved_words() {
        let mut p = v1();
        for (given, sent) in [
            ("image", "image"),
            ("all", "ALL"),
            ("Graphic-png", "GRAPHIC-png"),
            ("graphic-all", "GRAPHIC-ALL"),
            ("metadata", "METADATA"),
            ("graphic", "GRAPHIC"),
            ("Unsupported", "Unsupported"),
            ("image/fits", "image/fits"),
        ] {
            p.set_format(given).unwrap();
            assert_eq!(p.values("FORMAT"), [sent], "{given}");
        }
        p.set_format("image/fits, graphic").unwrap();
        p.add_format("all").unwrap();
        assert_eq!(p.query_string(), "FORMAT=image/fits,GRAPHIC,ALL");
        p.set_format("application/x-votable+xml;content=datalink")
            .unwrap();
        assert_eq!(
            p.query_string(),
            "FORMAT=application/x-votable%2Bxml%3Bcontent%3Ddatalink"
        );
    }

    #[test]
    fn sia1_intersect_verb_maxrec() {
        let mut p = v1();
        p.set_intersect(Intersect::parse("covers").unwrap())
            .unwrap();
        p.set_verb(3).unwrap();
        p.set_maxrec(10).unwrap();
        p.set_intersect(Intersect::Center).unwrap();
        assert_eq!(p.query_string(), "INTERSECT=CENTER&VERB=3&MAXREC=10");
        assert_eq!(p.set_verb(4).unwrap_err().kind(), ErrorKind::InvalidArg);
        assert!(Intersect::parse("inside").is_err());
    }

    #[test]
    fn sia1_validation() {
        let mut p = v1();
        assert_eq!(
            p.set_pos(10.0, 91.0).unwrap_err().kind(),
            ErrorKind::InvalidArg
        );
        assert_eq!(
            p.set_pos(f64::NAN, 1.0).unwrap_err().kind(),
            ErrorKind::InvalidArg
        );
        assert_eq!(
            p.set_pos(-1.0, 1.0).unwrap_err().kind(),
            ErrorKind::InvalidArg
        );
        let err = p.set_size(-1.0, -1.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArg);
        assert!(err.message().contains("negative"));
        assert!(p.set_maxrec(-1).is_err());
        assert!(p.pairs().is_empty(), "nothing stored on error");
        let err = p.add_circle(1.0, 2.0, 3.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert!(err.message().contains("SIA 1.0"));
        assert_eq!(
            p.add_interval(IntervalParam::Band, 1.0, 2.0)
                .unwrap_err()
                .kind(),
            ErrorKind::Unsupported
        );
        assert_eq!(
            p.add_text(TextParam::Collection, "x").unwrap_err().kind(),
            ErrorKind::Unsupported
        );
    }

    #[test]
    fn sia2_shapes() {
        let mut p = v2();
        p.add_circle(10.0, 20.0, 0.5).unwrap();
        p.add_range(1.0, 2.0, 3.0, 4.0).unwrap();
        p.add_polygon(&[(1.0, 1.0), (2.0, 2.0), (3.0, 1.0)])
            .unwrap();
        assert_eq!(
            p.query_string(),
            "POS=CIRCLE%2010%2020%200.5&POS=RANGE%201%202%203%204&POS=POLYGON%201%201%202%202%203%201"
        );
        let mut p = v2();
        p.add_circle(10.123456789, -20.987654321, 1.0 / 3600.0)
            .unwrap();
        assert_eq!(
            p.values("POS"),
            ["CIRCLE 10.123456789 -20.987654321 0.0002777777777777778"]
        );
    }

    #[test]
    fn sia2_range_through_zero_is_split() {
        let mut p = v2();
        p.add_range(359.5, 0.5, -1.0, 1.0).unwrap();
        assert_eq!(
            p.values("POS"),
            ["RANGE 359.5 360 -1 1", "RANGE 0 0.5 -1 1"]
        );
        let mut p = v2();
        p.add_range(0.0, 360.0, 89.0, f64::INFINITY).unwrap();
        assert_eq!(p.values("POS"), ["RANGE 0 360 89 +Inf"]);
        assert!(p.add_range(1.0, 2.0, 5.0, 4.0).is_err());
        assert!(p.add_range(1.0, 2.0, -95.0, 4.0).is_err());
        assert!(p.add_range(f64::NAN, 2.0, 1.0, 4.0).is_err());
    }

    #[test]
    fn sia2_shape_validation() {
        let mut p = v2();
        let err = p.add_polygon(&[(1.0, 1.0), (2.0, 2.0)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArg);
        assert!(err.message().contains("3 vertices"));
        assert!(p.add_polygon(&[]).is_err());
        assert!(p.add_circle(10.0, 95.0, 1.0).is_err());
        assert!(p.add_circle(10.0, 5.0, -1.0).is_err());
        assert!(p.add_circle(10.0, 5.0, f64::NAN).is_err());
        assert!(
            p.add_polygon(&[(1.0, 1.0), (2.0, 92.0), (3.0, 1.0)])
                .is_err()
        );
        assert!(p.pairs().is_empty());
        let err = p.set_pos(1.0, 2.0).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
        assert!(err.message().contains("SIA 2.0"));
        assert_eq!(
            p.set_size(1.0, 1.0).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
        assert_eq!(
            p.set_intersect(Intersect::Covers).unwrap_err().kind(),
            ErrorKind::Unsupported
        );
        assert_eq!(p.set_verb(1).unwrap_err().kind(), ErrorKind::Unsupported);
    }

    #[test]
    fn sia2_intervals() {
        let mut p = v2();
        p.add_interval(IntervalParam::Band, 5e-7, 6.000000000000001e-7)
            .unwrap();
        p.add_interval(IntervalParam::Time, 58849.0, 58850.5)
            .unwrap();
        p.add_interval(IntervalParam::ExpTime, 10.0, f64::INFINITY)
            .unwrap();
        p.add_interval(IntervalParam::Time, f64::NEG_INFINITY, 59000.0)
            .unwrap();
        p.add_interval(IntervalParam::Fov, 0.016666666666666666, 1.0)
            .unwrap();
        p.add_interval(IntervalParam::SpatRes, 0.1, 1.0).unwrap();
        p.add_interval(IntervalParam::TimeRes, 1.0, 2.0).unwrap();
        p.add_interval(IntervalParam::SpecRp, 1000.0, 2000.0)
            .unwrap();
        assert_eq!(
            p.query_string(),
            "BAND=5e-7%206.000000000000001e-7&TIME=58849%2058850.5&EXPTIME=10%20%2BInf\
             &TIME=-Inf%2059000&FOV=0.016666666666666666%201&SPATRES=0.1%201&TIMERES=1%202\
             &SPECRP=1000%202000"
        );
        assert!(p.add_interval(IntervalParam::Band, 2.0, 1.0).is_err());
        assert!(p.add_interval(IntervalParam::Band, f64::NAN, 1.0).is_err());
        assert!(
            p.add_interval(IntervalParam::Band, f64::INFINITY, f64::INFINITY)
                .is_err()
        );
        assert!(p.add_interval(IntervalParam::ExpTime, -1.0, 1.0).is_err());
    }

    #[test]
    fn sia2_text_pol_calib_format_maxrec() {
        let mut p = v2();
        p.add_text(TextParam::Id, "ivo://siatest.local/~?siatest/data/x.fits")
            .unwrap();
        p.add_text(TextParam::Collection, "ABC").unwrap();
        p.add_text(TextParam::Collection, "EFG").unwrap();
        p.add_text(TextParam::Facility, "SIATEST-1m").unwrap();
        p.add_text(TextParam::Instrument, "FAKECAM A").unwrap();
        p.add_text(TextParam::DpType, "image").unwrap();
        p.add_text(TextParam::Target, "M31").unwrap();
        p.add_pol("i").unwrap();
        p.add_pol("Q").unwrap();
        p.add_calib(2).unwrap();
        p.add_format("application/fits").unwrap();
        p.add_format("image/fits").unwrap();
        p.set_maxrec(1000).unwrap();
        p.set_responseformat("votabletd").unwrap();
        assert_eq!(
            p.query_string(),
            "ID=ivo://siatest.local/~%3Fsiatest/data/x.fits&COLLECTION=ABC&COLLECTION=EFG\
             &FACILITY=SIATEST-1m&INSTRUMENT=FAKECAM%20A&DPTYPE=image&TARGET=M31&POL=I&POL=Q\
             &CALIB=2&FORMAT=application/fits&FORMAT=image/fits&MAXREC=1000\
             &RESPONSEFORMAT=votabletd"
        );
        assert!(p.add_pol("XYZ").is_err());
        assert!(p.add_calib(5).is_err());
        assert!(p.add_text(TextParam::Target, "  ").is_err());
        p.set_format("image/fits").unwrap();
        assert_eq!(p.values("format"), ["image/fits"]);
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
