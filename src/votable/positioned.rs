//! A file read from any position by any thread, without moving a shared file offset: the
//! parallel reader's parts of a file, and the document reader's own cursor, which skips
//! past what the parts read.
//!
//! Positioned reads are Unix's `pread`; elsewhere a file is read on one thread.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::FileExt;

use super::parallel::Source;

/// Bytes each reader buffers.
const BUFFER: usize = 64 << 10;

/// Reads `file` sequentially, for one thread. Unlike other readers, it may
/// be told to consume more than it has buffered: it then skips the file ahead (the bytes
/// the parallel reader's parts have read).
pub(crate) struct FileCursor<'a> {
    file: &'a File,
    /// The file offset of the byte after the buffer.
    next: u64,
    buf: Box<[u8]>,
    head: usize,
    filled: usize,
}

impl<'a> FileCursor<'a> {
    /// A cursor at file offset `start`.
    pub(crate) fn new(file: &'a File, start: u64) -> FileCursor<'a> {
        FileCursor {
            file,
            next: start,
            buf: vec![0; BUFFER].into_boxed_slice(),
            head: 0,
            filled: 0,
        }
    }
}

impl Read for FileCursor<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        super::token_limit::read_through_buffer(self, buf)
    }
}

impl BufRead for FileCursor<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head == self.filled {
            self.filled = self.file.read_at(&mut self.buf, self.next)?;
            self.head = 0;
            self.next += self.filled as u64;
        }
        Ok(&self.buf[self.head..self.filled])
    }

    /// Past the buffer: skips the file ahead by the rest.
    fn consume(&mut self, amt: usize) {
        let buffered = self.filled - self.head;
        if amt <= buffered {
            self.head += amt;
        } else {
            self.next += (amt - buffered) as u64;
            self.head = self.filled;
        }
    }
}

/// A reader of `file` from `from` to `to` (`None`: its end), for one thread.
struct Range<'a> {
    file: &'a File,
    pos: u64,
    to: Option<u64>,
}

impl Read for Range<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = self
            .to
            .map_or(buf.len() as u64, |to| to.saturating_sub(self.pos));
        let len = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        if len == 0 {
            return Ok(0);
        }
        let n = self.file.read_at(&mut buf[..len], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// The rest of a file from `start` (just after `<TABLEDATA>`), as the parallel reader's
/// [`Source`]. The file is shared read-only; each reader keeps its own position.
pub(crate) struct FileSource<'a> {
    pub file: &'a File,
    /// The file offset of the TABLEDATA's content.
    pub start: u64,
    /// The file's length when the read began.
    pub len: u64,
}

impl Source for FileSource<'_> {
    fn len(&self) -> u64 {
        self.len.saturating_sub(self.start)
    }

    /// The whole rest of the file: a search for `</TABLEDATA>` would read it all first.
    fn estimated_end(&self) -> u64 {
        Source::len(self)
    }

    fn window(&self, from: u64, len: usize) -> io::Result<Cow<'_, [u8]>> {
        let pos = self.start + from;
        let mut buf = Vec::with_capacity(len);
        Range {
            file: self.file,
            pos,
            to: Some(pos + len as u64),
        }
        .read_to_end(&mut buf)?;
        Ok(Cow::Owned(buf))
    }

    fn reader(&self, from: u64, to: Option<u64>) -> Box<dyn BufRead + '_> {
        let range = Range {
            file: self.file,
            pos: self.start + from,
            to: to.map(|t| self.start + t),
        };
        Box::new(BufReader::with_capacity(BUFFER, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(name: &str, content: &[u8]) -> (File, std::path::PathBuf) {
        let path =
            std::env::temp_dir().join(format!("vosia-positioned-{name}-{}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        (File::open(&path).unwrap(), path)
    }

    #[test]
    fn ranges_and_windows_read_what_the_file_holds_there() {
        let content: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let (file, path) = file_of("ranges", &content);
        let source = FileSource {
            file: &file,
            start: 10,
            len: content.len() as u64,
        };
        let mut part = Vec::new();
        source
            .reader(5, Some(200_005))
            .read_to_end(&mut part)
            .unwrap();
        assert!(part == content[15..200_015]);
        let mut rest = Vec::new();
        source.reader(299_980, None).read_to_end(&mut rest).unwrap();
        assert!(rest == content[299_990..]);
        assert!(*source.window(100, 50).unwrap() == content[110..160]);
        assert_eq!(
            source.window(299_985, 50).unwrap().len(),
            5,
            "short at the end"
        );
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_cursor_told_to_consume_past_its_buffer_skips_ahead() {
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (file, path) = file_of("cursor", &content);
        let mut cursor = FileCursor::new(&file, 0);
        let mut two = [0; 2];
        cursor.read_exact(&mut two).unwrap();
        assert_eq!(two, content[..2]);
        cursor.consume(150_000 - 2);
        let mut rest = Vec::new();
        cursor.read_to_end(&mut rest).unwrap();
        assert!(rest == content[150_000..]);
        std::fs::remove_file(path).unwrap();
    }
}
