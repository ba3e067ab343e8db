//! SIA 2.0 parameters: POS shapes (CIRCLE, RANGE, POLYGON), the intervals (BAND, TIME, ...),
//! the text parameters (ID, COLLECTION, ...), POL and CALIB.

use super::{Params, check_dec, check_ra, check_text, finite};
use crate::error::{Error, Result};
use crate::numfmt::format_f64;

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

impl Params {
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
    use super::super::*;
    use crate::SiaVersion;

    fn v2() -> Params {
        Params::new(SiaVersion::V2)
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
}
