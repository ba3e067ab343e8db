//! Numbers as text: shortest round-trip form, never rounded, the same on the wire and in
//! rendered cells.

/// Formats `x` in the shortest form that parses back to the same `f64`: plain decimals for
/// ordinary magnitudes (`10.6847`, `2`), exponent form for very small or large ones
/// (`5e-7`, `1.5e20`); infinities as DALI writes them (`+Inf`, `-Inf`), and `NaN`.
pub fn format_f64(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let magnitude = x.abs();
    if magnitude == 0.0 || (1e-5..1e16).contains(&magnitude) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// As [`format_f64`], for a value held as `f32` (so `0.1f32` renders as `0.1`).
pub fn format_f32(x: f32) -> String {
    if x.is_nan() || x.is_infinite() {
        return format_f64(f64::from(x));
    }
    let magnitude = x.abs();
    if magnitude == 0.0 || (1e-5..1e16).contains(&magnitude) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_round_trip() {
        assert_eq!(format_f64(10.123456789), "10.123456789");
        assert_eq!(format_f64(2.0), "2");
        assert_eq!(format_f64(-0.5), "-0.5");
        assert_eq!(format_f64(5e-7), "5e-7");
        assert_eq!(format_f64(1.5e20), "1.5e20");
        assert_eq!(format_f64(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_f64(f64::INFINITY), "+Inf");
        assert_eq!(format_f64(f64::NEG_INFINITY), "-Inf");
        assert_eq!(format_f32(0.1), "0.1");
        for x in [1e-300, 123456.789e10, -7.25e-6, 0.0166, 359.99999999999994] {
            assert_eq!(format_f64(x).parse::<f64>().unwrap(), x);
        }
    }
}
