//! Differential: the same bytes read whole and handed over in chunks of random sizes (a pipe,
//! a slow socket) give the same answer, cell for cell, or the same error. The first 8 bytes
//! seed the chunk sizes; the rest is the document.
#![no_main]

use std::io::{BufRead, Read};

use libfuzzer_sys::fuzz_target;
use vosia::{Results, SiaVersion};

/// Hands `data` over in chunks of 1 to 64 bytes chosen by a xorshift generator.
struct Chunks<'a> {
    data: &'a [u8],
    at: usize,
    rng: u64,
    end: usize,
}

impl Chunks<'_> {
    fn next_len(&mut self) -> usize {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        1 + (self.rng % 64) as usize
    }
}

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let chunk = self.fill_buf()?;
        let n = chunk.len().min(buf.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Chunks<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.end <= self.at {
            let len = self.next_len();
            self.end = (self.at + len).min(self.data.len());
        }
        Ok(&self.data[self.at..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
    }
}

/// Everything a caller can read from results, as one comparable text.
fn summary(r: &Results) -> String {
    let mut out = format!(
        "{}x{} overflow={} warnings={}\n",
        r.row_count(),
        r.column_count(),
        r.overflow(),
        r.warning_count()
    );
    for row in 0..r.row_count() {
        for col in 0..r.column_count() {
            let cell = r.text(row, col).unwrap();
            out += &format!("{:?}|", cell.map(|c| c.to_bytes()));
        }
        out.push('\n');
    }
    out
}

fuzz_target!(|input: &[u8]| {
    if input.len() < 8 {
        return;
    }
    let (seed, data) = input.split_at(8);
    let seed = u64::from_le_bytes(seed.try_into().unwrap()) | 1;
    let whole = Results::from_bytes(data, SiaVersion::V2);
    let chunks = Chunks {
        data,
        at: 0,
        rng: seed,
        end: 0,
    };
    let chunked = Results::from_reader(chunks, SiaVersion::V2);
    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => assert_eq!(summary(a), summary(b), "cells differ"),
        (Err(a), Err(b)) => assert_eq!(a, b, "errors differ"),
        (a, b) => panic!(
            "whole: {:?}, chunked: {:?}",
            a.as_ref().map(|_| "results"),
            b.as_ref().map(|_| "results")
        ),
    }
});
