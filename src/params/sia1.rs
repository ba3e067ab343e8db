//! SIA 1.0 parameters: POS, SIZE, INTERSECT, VERB and the FORMAT vocabulary.

use super::{Params, check_dec, check_ra, finite};
use crate::error::{Error, Result};
use crate::numfmt::format_f64;

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

/// SIA 1.0 FORMAT: reserved words upper-cased, the `GRAPHIC-` prefix upper-cased with its
/// suffix kept, anything else (MIME types) untouched.
pub(super) fn normalise_sia1_format(token: &str) -> String {
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

impl Params {
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
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::SiaVersion;

    fn v1() -> Params {
        Params::new(SiaVersion::V1)
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
}
