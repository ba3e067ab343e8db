//! The query builder: a random sequence of setter calls (each value from the input) never
//! panics, and whatever the setters accepted goes on the wire so that decoding the query
//! string gives back exactly the stored pairs (no `&`, `=` or byte lost or smuggled).
#![no_main]

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use vosia::SiaVersion;
use vosia::params::{Intersect, IntervalParam, Params, TextParam};

/// Reads numbers and strings off the fuzz input.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn f64(&mut self) -> Option<f64> {
        // Half the time a plain number (so that valid calls happen), else any bit pattern.
        let tag = self.byte()?;
        if self.0.len() < 8 {
            return None;
        }
        let (bytes, rest) = self.0.split_at(8);
        self.0 = rest;
        let bits = u64::from_le_bytes(bytes.try_into().unwrap());
        Some(if tag & 1 == 0 {
            (bits % 720_000) as f64 / 1000.0 - 360.0
        } else {
            f64::from_bits(bits)
        })
    }
    fn text(&mut self) -> Option<String> {
        let len = usize::from(self.byte()? % 24).min(self.0.len());
        let (bytes, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(String::from_utf8_lossy(bytes).into_owned())
    }
}

fn step(p: &mut Params, input: &mut Input) -> Option<()> {
    const INTERVALS: [IntervalParam; 7] = [
        IntervalParam::Band,
        IntervalParam::Time,
        IntervalParam::Fov,
        IntervalParam::SpatRes,
        IntervalParam::ExpTime,
        IntervalParam::TimeRes,
        IntervalParam::SpecRp,
    ];
    const TEXTS: [TextParam; 6] = [
        TextParam::Id,
        TextParam::Collection,
        TextParam::Facility,
        TextParam::Instrument,
        TextParam::DpType,
        TextParam::Target,
    ];
    let _ = match input.byte()? % 16 {
        0 => p.set(&input.text()?, &input.text()?),
        1 => p.add(&input.text()?, &input.text()?),
        2 => {
            p.remove(&input.text()?);
            Ok(())
        }
        3 => p.set_format(&input.text()?),
        4 => p.add_format(&input.text()?),
        5 => p.set_maxrec(i64::from(input.byte()?) - 10),
        6 => p.set_responseformat(&input.text()?),
        7 => p.set_pos(input.f64()?, input.f64()?),
        8 => p.set_size(input.f64()?, input.f64()?),
        9 => Intersect::parse(&input.text()?).and_then(|i| p.set_intersect(i)),
        10 => p.set_verb(i64::from(input.byte()?) - 2),
        11 => p.add_circle(input.f64()?, input.f64()?, input.f64()?),
        12 => p.add_range(input.f64()?, input.f64()?, input.f64()?, input.f64()?),
        13 => {
            let n = usize::from(input.byte()? % 6);
            let mut vertices = Vec::new();
            for _ in 0..n {
                vertices.push((input.f64()?, input.f64()?));
            }
            p.add_polygon(&vertices)
        }
        14 => {
            let which = INTERVALS[usize::from(input.byte()?) % INTERVALS.len()];
            p.add_interval(which, input.f64()?, input.f64()?)
        }
        _ => match input.byte()? % 3 {
            0 => p.add_text(
                TEXTS[usize::from(input.byte()?) % TEXTS.len()],
                &input.text()?,
            ),
            1 => p.add_pol(&input.text()?),
            _ => p.add_calib(i64::from(input.byte()?) - 2),
        },
    };
    Some(())
}

fn decode(s: &str) -> String {
    percent_decode_str(s)
        .decode_utf8()
        .expect("UTF-8 on the wire")
        .into_owned()
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let version = if first & 1 == 0 {
        SiaVersion::V1
    } else {
        SiaVersion::V2
    };
    let mut p = Params::new(version);
    let mut input = Input(rest);
    while step(&mut p, &mut input).is_some() {}
    let wire = p.query_string();
    let decoded: Vec<(String, String)> = if wire.is_empty() {
        Vec::new()
    } else {
        wire.split('&')
            .map(|pair| {
                let (name, value) = pair.split_once('=').expect("name=value");
                (decode(name), decode(value))
            })
            .collect()
    };
    assert_eq!(decoded, p.pairs(), "the wire form is not the stored pairs");
    let _ = p.url("http://127.0.0.1/sia?");
});
