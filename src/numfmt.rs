//! Numbers as text: shortest round-trip form, never rounded, the same on the wire and in
//! rendered cells.

use std::fmt::Write;

/// Formats `x` in the shortest form that parses back to the same `f64`: plain decimals for
/// ordinary magnitudes (`10.6847`, `2`), exponent form for very small or large ones
/// (`5e-7`, `1.5e20`); infinities as DALI writes them (`+Inf`, `-Inf`), and `NaN`.
pub fn format_f64(x: f64) -> String {
    let mut out = String::new();
    push_f64(&mut out, x);
    out
}

/// As [`format_f64`], for a value held as `f32` (so `0.1f32` renders as `0.1`).
pub fn format_f32(x: f32) -> String {
    let mut out = String::new();
    push_f32(&mut out, x);
    out
}

/// [`format_f64`] appended to `out`, allocating only if `out` must grow.
pub fn push_f64(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "+Inf" } else { "-Inf" });
    } else if x == 0.0 || (1e-5..1e16).contains(&x.abs()) {
        let _ = write!(out, "{x}");
    } else {
        let _ = write!(out, "{x:e}");
    }
}

/// [`format_f32`] appended to `out`.
pub fn push_f32(out: &mut String, x: f32) {
    if x.is_nan() || x.is_infinite() {
        push_f64(out, f64::from(x));
    } else if x == 0.0 || (1e-5..1e16).contains(&x.abs()) {
        let _ = write!(out, "{x}");
    } else {
        let _ = write!(out, "{x:e}");
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
