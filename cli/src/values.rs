//! Parsers for the values of the command line: positions (decimal degrees or sexagesimal),
//! shapes, intervals and times. Each returns a message that says what to write instead; clap
//! prints it as `error: invalid value ... : MESSAGE` and exits with the usage status.

/// A position, ICRS degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pos {
    pub ra: f64,
    pub dec: f64,
}

/// `RA,DEC,RADIUS`, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub center: Pos,
    pub radius: f64,
}

/// `RA1,RA2,DEC1,DEC2`, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub ra: (f64, f64),
    pub dec: (f64, f64),
}

/// Vertices, degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon(pub Vec<(f64, f64)>);

/// `LO/HI` (either end may be empty: open), or one value for both ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// SIA 1.0 `SIZE`: one size for both axes, or RA and Dec sizes, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub ra: f64,
    pub dec: f64,
}

fn number(text: &str, what: &str) -> Result<f64, String> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("{what} {t:?} is not a number")),
    }
}

/// Degrees, hours or such in sexagesimal (`12:30:00.5`, `12 30 00.5`, `12h30m00.5s`,
/// `-41d16m09s`) as one number of the first unit; `None` when `text` is not sexagesimal.
fn sexagesimal(text: &str) -> Option<Result<f64, String>> {
    let t = text.trim();
    let has_marks = t.contains(':') || t.contains(' ') || t.contains(['h', 'd', 'm', 's', '°']);
    if !has_marks {
        return None;
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let parts: Vec<&str> = body
        .split([':', ' ', 'h', 'd', 'm', 's', '°', '\'', '"'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 3 {
        return Some(Err(format!(
            "{t:?} is neither decimal degrees nor sexagesimal (like 00:42:44.3 or +41:16:09)"
        )));
    }
    let mut value = 0.0;
    for (i, part) in parts.iter().enumerate() {
        let x = match part.parse::<f64>() {
            Ok(x) if x.is_finite() && x >= 0.0 => x,
            _ => return Some(Err(format!("{t:?}: {part:?} is not a number"))),
        };
        if i > 0 && x >= 60.0 {
            return Some(Err(format!(
                "{t:?}: minutes and seconds must be below 60 (got {part})"
            )));
        }
        value += x / 60f64.powi(i as i32);
    }
    Some(Ok(if negative { -value } else { value }))
}

/// Right ascension: decimal degrees, or sexagesimal hours (`00:42:44.3`, `0h42m44.3s`), or
/// sexagesimal degrees when marked so (`10d41m04.5s`).
pub fn ra(text: &str) -> Result<f64, String> {
    let in_degrees = text.contains(['d', '°']);
    let ra = match sexagesimal(text) {
        Some(value) if in_degrees => value?,
        Some(hours) => hours? * 15.0,
        None => number(text, "RA")?,
    };
    if !(0.0..=360.0).contains(&ra) {
        return Err(format!(
            "RA {} is out of range: give 0 to 360 degrees (or 0 to 24 hours as HH:MM:SS)",
            text.trim()
        ));
    }
    Ok(ra)
}

/// Declination: decimal or sexagesimal degrees (`+41:16:09`, `41d16m09s`).
pub fn dec(text: &str) -> Result<f64, String> {
    let dec = match sexagesimal(text) {
        Some(degrees) => degrees?,
        None => number(text, "Dec")?,
    };
    if !(-90.0..=90.0).contains(&dec) {
        return Err(format!(
            "Dec {} is out of range: give -90 to +90 degrees",
            text.trim()
        ));
    }
    Ok(dec)
}

fn split<'a>(text: &'a str, n: usize, form: &str) -> Result<Vec<&'a str>, String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    if parts.len() != n {
        return Err(format!(
            "expected {form} ({n} values separated by commas), got {text:?}"
        ));
    }
    Ok(parts)
}

fn non_negative(text: &str, what: &str) -> Result<f64, String> {
    let x = number(text, what)?;
    if x < 0.0 {
        return Err(format!("{what} must not be negative (got {})", text.trim()));
    }
    Ok(x)
}

/// `RA,DEC`.
pub fn pos(text: &str) -> Result<Pos, String> {
    let p = split(text, 2, "RA,DEC")?;
    Ok(Pos {
        ra: ra(p[0])?,
        dec: dec(p[1])?,
    })
}

/// `DEG` or `RA_DEG,DEC_DEG`.
pub fn size(text: &str) -> Result<Size, String> {
    let parts: Vec<&str> = text.split(',').collect();
    match parts.as_slice() {
        [one] => {
            let s = non_negative(one, "SIZE")?;
            Ok(Size { ra: s, dec: s })
        }
        [ra, dec] => Ok(Size {
            ra: non_negative(ra, "SIZE (RA)")?,
            dec: non_negative(dec, "SIZE (Dec)")?,
        }),
        _ => Err(format!("expected DEG or DEG,DEG, got {text:?}")),
    }
}

/// `RA,DEC,RADIUS`.
pub fn circle(text: &str) -> Result<Circle, String> {
    let p = split(text, 3, "RA,DEC,RADIUS")?;
    Ok(Circle {
        center: Pos {
            ra: ra(p[0])?,
            dec: dec(p[1])?,
        },
        radius: non_negative(p[2], "the radius")?,
    })
}

/// `RA1,RA2,DEC1,DEC2`.
pub fn range(text: &str) -> Result<Range, String> {
    let p = split(text, 4, "RA1,RA2,DEC1,DEC2")?;
    Ok(Range {
        ra: (ra(p[0])?, ra(p[1])?),
        dec: (dec(p[2])?, dec(p[3])?),
    })
}

/// `RA1,DEC1,RA2,DEC2,RA3,DEC3[,...]`.
pub fn polygon(text: &str) -> Result<Polygon, String> {
    let p: Vec<&str> = text.split(',').map(str::trim).collect();
    if p.len() < 6 || !p.len().is_multiple_of(2) {
        return Err(format!(
            "expected RA1,DEC1,RA2,DEC2,RA3,DEC3[,...] (at least three vertices), got {text:?}"
        ));
    }
    p.chunks(2)
        .map(|v| Ok((ra(v[0])?, dec(v[1])?)))
        .collect::<Result<_, String>>()
        .map(Polygon)
}

/// `LO/HI` of numbers, either end may be empty.
pub fn interval(text: &str) -> Result<Interval, String> {
    interval_of(text, |t| number(t, "the interval end"))
}

/// `LO/HI` of times: ISO 8601 (`2021-03-01`, `2021-03-01T12:00:00`) or MJD (`59274.5`),
/// either end may be empty; one time alone is the interval of that instant.
pub fn time_interval(text: &str) -> Result<Interval, String> {
    interval_of(text, mjd)
}

fn interval_of(text: &str, end: impl Fn(&str) -> Result<f64, String>) -> Result<Interval, String> {
    let Some((lo, hi)) = text.split_once('/') else {
        let x = end(text)?;
        return Ok(Interval { lo: x, hi: x });
    };
    let open = |t: &str, inf: f64| {
        if t.trim().is_empty() { Ok(inf) } else { end(t) }
    };
    let (lo, hi) = (open(lo, f64::NEG_INFINITY)?, open(hi, f64::INFINITY)?);
    if lo > hi {
        return Err(format!("{text:?} is backwards: give the lower end first"));
    }
    Ok(Interval { lo, hi })
}

/// A time as MJD: a number is taken as MJD already; else ISO 8601, UTC.
pub fn mjd(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if let Ok(x) = t.parse::<f64>() {
        return if x.is_finite() {
            Ok(x)
        } else {
            Err(format!("{t:?} is not a time"))
        };
    }
    let iso = t.strip_suffix('Z').unwrap_or(t);
    let when = chrono::NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(iso, "%Y-%m-%d %H:%M:%S%.f"))
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(iso, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_err(|_| {
            format!("{t:?} is not a time: give ISO 8601 (2021-03-01 or 2021-03-01T12:00:00) or MJD")
        })?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1858, 11, 17)
        .expect("the MJD epoch is a valid date")
        .and_time(chrono::NaiveTime::MIN);
    let since = when - epoch;
    let seconds = since.num_seconds() as f64 + f64::from(since.subsec_nanos()) * 1e-9;
    Ok(seconds / 86_400.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_degrees_and_sexagesimal() {
        assert_eq!(
            pos("10.68,41.27").unwrap(),
            Pos {
                ra: 10.68,
                dec: 41.27
            }
        );
        let m31 = pos("00:42:44.3,+41:16:09").unwrap();
        assert!((m31.ra - 10.684_583).abs() < 1e-5, "{}", m31.ra);
        assert!((m31.dec - 41.269_167).abs() < 1e-5, "{}", m31.dec);
        let marked = pos("0h42m44.3s,41d16m09s").unwrap();
        assert!((marked.ra - m31.ra).abs() < 1e-9 && (marked.dec - m31.dec).abs() < 1e-9);
        assert!((dec("-00:30:00").unwrap() + 0.5).abs() < 1e-12);
        assert!((ra("10d30m").unwrap() - 10.5).abs() < 1e-12);
    }

    #[test]
    fn bad_positions_say_what_is_wrong() {
        assert!(pos("abc,1").unwrap_err().contains("not a number"));
        assert!(pos("10,95").unwrap_err().contains("out of range"));
        assert!(pos("400,0").unwrap_err().contains("out of range"));
        assert!(pos("10").unwrap_err().contains("RA,DEC"));
        assert!(dec("10:75:00").unwrap_err().contains("below 60"));
    }

    #[test]
    fn shapes() {
        let c = circle("10.68,41.27,0.1").unwrap();
        assert_eq!(c.radius, 0.1);
        assert!(circle("10,41,-1").unwrap_err().contains("negative"));
        assert_eq!(range("10,11,40,41").unwrap().dec, (40.0, 41.0));
        assert_eq!(polygon("10,40,11,40,11,41").unwrap().0.len(), 3);
        assert!(polygon("10,40,11,40").is_err());
        assert_eq!(size("0.2").unwrap(), Size { ra: 0.2, dec: 0.2 });
        assert_eq!(size("0.2,0.1").unwrap(), Size { ra: 0.2, dec: 0.1 });
    }

    #[test]
    fn intervals_and_times() {
        assert_eq!(
            interval("5e-7/6e-7").unwrap(),
            Interval { lo: 5e-7, hi: 6e-7 }
        );
        assert_eq!(interval("5e-7/").unwrap().hi, f64::INFINITY);
        assert_eq!(interval("/6e-7").unwrap().lo, f64::NEG_INFINITY);
        assert!(interval("6/5").unwrap_err().contains("backwards"));
        assert_eq!(mjd("1858-11-17").unwrap(), 0.0);
        assert_eq!(mjd("2000-01-01T12:00:00Z").unwrap(), 51544.5);
        assert_eq!(mjd("59274.25").unwrap(), 59274.25);
        assert!(mjd("yesterday").unwrap_err().contains("ISO 8601"));
        let t = time_interval("2021-03-01/2021-03-02").unwrap();
        assert_eq!((t.lo, t.hi), (59274.0, 59275.0));
    }
}
