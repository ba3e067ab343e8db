//! A bound on what quick-xml holds for one event: it gathers a whole tag, comment, CDATA
//! section or text run in memory before handing it over, so a comment of a gigabyte (or the
//! zeros of `/dev/zero`) would all be held. This reader in front of it refuses to go on once
//! one event has taken [`MAX_TOKEN`] bytes; the TABLEDATA scanner has the same bound, so the
//! same bytes get the same answer wherever they stand.

use std::io::{self, BufRead, Read};

/// The most bytes one XML token (tag, comment, CDATA, text run) may take.
pub(crate) const MAX_TOKEN: usize = 16 << 20;

/// Passes reads through, counting what is consumed since [`TokenLimit::arm`].
pub(super) struct TokenLimit<R> {
    inner: R,
    armed: bool,
    taken: usize,
    overrun: bool,
}

impl<R: BufRead> TokenLimit<R> {
    pub(super) fn new(inner: R) -> Self {
        TokenLimit {
            inner,
            armed: false,
            taken: 0,
            overrun: false,
        }
    }

    /// Starts counting one event's bytes.
    pub(super) fn arm(&mut self) {
        self.armed = true;
        self.taken = 0;
    }

    /// Stops counting: the caller reads a stream (base64, TABLEDATA) with bounds of its own.
    pub(super) fn disarm(&mut self) {
        self.armed = false;
    }

    /// True once an event ran past [`MAX_TOKEN`] (the read error that followed is ours).
    pub(super) fn overrun(&self) -> bool {
        self.overrun
    }
}

impl<R: BufRead> Read for TokenLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_through_buffer(self, buf)
    }
}

/// `Read::read` of a reader that is a `BufRead` first: what `fill_buf` has, as far as
/// `buf` holds it.
pub(super) fn read_through_buffer(input: &mut impl BufRead, buf: &mut [u8]) -> io::Result<usize> {
    let available = input.fill_buf()?;
    let n = available.len().min(buf.len());
    buf[..n].copy_from_slice(&available[..n]);
    input.consume(n);
    Ok(n)
}

impl<R: BufRead> BufRead for TokenLimit<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if !self.armed {
            return self.inner.fill_buf();
        }
        if self.taken > MAX_TOKEN {
            self.overrun = true;
            return Err(io::Error::other("one XML token is too long"));
        }
        // Never more than the rest of the allowance at once, so that a token is stopped
        // at the same byte whether the input comes whole (a slice) or in chunks.
        let room = MAX_TOKEN + 1 - self.taken;
        let available = self.inner.fill_buf()?;
        Ok(&available[..available.len().min(room)])
    }

    fn consume(&mut self, n: usize) {
        self.taken = self.taken.saturating_add(n);
        self.inner.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_only_while_armed() {
        let data = vec![b'x'; MAX_TOKEN + 10];
        let mut r = TokenLimit::new(data.as_slice());
        r.arm();
        r.consume(MAX_TOKEN + 1);
        assert!(r.fill_buf().is_err() && r.overrun());
        r.disarm();
        assert_eq!(r.fill_buf().unwrap().len(), 9);
    }
}
