//! One file: fetched into `NAME.part` in the target folder, resumed from it with `Range` when
//! the server allows, checked against the length and checksums announced, flushed to disk,
//! then renamed to `NAME`. So a file under its final name is always complete: a later call
//! finds it and fetches nothing (pyvo's `cachedataset`, made safe).

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::http::{self, Fetched, Raw, Settings};

use super::names;
use super::verify::{Expected, Hashes};

/// How a file came to be in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Fetched whole.
    Fetched,
    /// A partial file from an earlier try was continued.
    Resumed,
    /// It was there already, complete: nothing was fetched.
    Cached,
}

/// A file in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    pub how: How,
}

/// What one GET ended with.
pub(crate) enum Ended {
    Saved(Saved),
    /// The body was a DataLink document (when asked to look): its bytes, to follow.
    DataLink(Vec<u8>),
}

/// Per-call choices.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Choices {
    /// Name the file as the server's `Content-Disposition` says, when it does.
    pub server_name: bool,
    /// Fetch again even when a complete file is there.
    pub refresh: bool,
    /// Hand back a DataLink document instead of saving it.
    pub catch_datalink: bool,
}

/// The part file of `name`.
fn part_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.part"))
}

/// The part file of `path` (the same folder, `.part` added).
pub fn part_path_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("{what} {}: {e}", path.display()))
}

/// Downloads `url` to `dir/name` (`name` already safe).
pub(crate) fn fetch_file(
    agent: &ureq::Agent,
    settings: &Settings,
    url: &str,
    dir: &Path,
    name: &str,
    choices: Choices,
) -> Result<Ended> {
    let target = dir.join(name);
    if !choices.refresh
        && !choices.server_name
        && let Ok(meta) = fs::metadata(&target)
        && meta.is_file()
    {
        return Ok(Ended::Saved(Saved {
            path: target,
            bytes: meta.len(),
            how: How::Cached,
        }));
    }
    let part = part_path(dir, name);
    let offset = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    attempt(agent, settings, url, dir, name, &part, offset, choices)
}

#[allow(clippy::too_many_arguments)]
fn attempt(
    agent: &ureq::Agent,
    settings: &Settings,
    url: &str,
    dir: &Path,
    name: &str,
    part: &Path,
    offset: u64,
    choices: Choices,
) -> Result<Ended> {
    let range = [("Range", format!("bytes={offset}-"))];
    let extra: &[(&str, String)] = if offset > 0 { &range } else { &[] };
    let mut raw = match http::download(agent, settings, url, extra)? {
        Fetched::Raw(raw) => raw,
        // The part file is not a prefix of what the server has now: start over.
        Fetched::Refused(refusal) if offset > 0 && refusal.status == 416 => {
            let _ = fs::remove_file(part);
            return attempt(agent, settings, url, dir, name, part, 0, choices);
        }
        Fetched::Refused(refusal) => return Err(fetch::refused(refusal)),
    };
    if raw.status == 204 {
        return Err(Error::new(
            ErrorKind::Http,
            format!("HTTP 204 No Content from {url}: the server sent no data"),
        ));
    }
    if choices.catch_datalink
        && raw
            .header("content-type")
            .is_some_and(crate::datalink::is_datalink_type)
    {
        let mut doc = Vec::new();
        let limit = http::document_limit(settings);
        let read = (&mut *raw).take(limit).read_to_end(&mut doc);
        if let Some(f) = raw.take_failure() {
            return Err(f);
        }
        read.map_err(|e| Error::format(format!("reading the DataLink document {url}: {e}")))?;
        return Ok(Ended::DataLink(doc));
    }
    // Where this body starts in the file, and the file's whole length if known.
    let (start, total) = match raw.status {
        206 => {
            let (start, total) = content_range(raw.header("content-range")).ok_or_else(|| {
                Error::format(format!(
                    "{url} answered 206 Partial Content without a readable Content-Range ({:?})",
                    raw.header("content-range")
                ))
            })?;
            if start != offset {
                let _ = fs::remove_file(part);
                return Err(Error::new(
                    ErrorKind::Partial,
                    format!(
                        "{url} sent bytes from {start} when asked for {offset}; the partial \
                         file was dropped and the next try starts over"
                    ),
                ));
            }
            (
                start,
                total.or_else(|| raw.content_length().map(|n| n + start)),
            )
        }
        _ => (0, raw.content_length()),
    };
    if settings.max_download_bytes > 0
        && let Some(total) = total
        && total > settings.max_download_bytes
    {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "{url} is {total} bytes, more than the download limit of {} bytes",
                settings.max_download_bytes
            ),
        ));
    }
    let expected = Expected::from_headers(
        raw.header("digest"),
        raw.header("repr-digest"),
        raw.header("content-md5"),
    );
    let mut hashes = Hashes::for_expected(&expected);
    // Told before the file is touched: a cancel here leaves the folder as it was.
    raw.report_start(start)?;
    let mut file = if start > 0 {
        if hashes.wants_whole() {
            hash_file(part, &mut hashes)?;
        }
        OpenOptions::new()
            .append(true)
            .open(part)
            .map_err(|e| io_error("opening", part, e))?
    } else {
        File::create(part).map_err(|e| io_error("creating", part, e))?
    };
    let written = match copy_body(&mut raw, &mut file, &mut hashes, part) {
        Ok(n) => start + n,
        Err(e) => {
            let _ = file.sync_all();
            if matches!(e.kind(), ErrorKind::Cancelled | ErrorKind::TooLarge) {
                let _ = fs::remove_file(part);
            }
            return Err(e);
        }
    };
    if let Some(total) = total
        && written != total
    {
        let short = written < total;
        if !short {
            let _ = fs::remove_file(part);
        }
        return Err(Error::new(
            if short {
                ErrorKind::Partial
            } else {
                ErrorKind::Checksum
            },
            format!(
                "{url}: {written} bytes arrived where the server announced {total}{}",
                if short {
                    "; the next try resumes"
                } else {
                    "; the bytes were not kept"
                }
            ),
        ));
    }
    if let Err(why) = hashes.check(&expected) {
        let _ = fs::remove_file(part);
        return Err(Error::new(
            ErrorKind::Checksum,
            format!("{url}: {why}; the bytes were not kept"),
        ));
    }
    file.sync_all().map_err(|e| io_error("flushing", part, e))?;
    drop(file);
    let final_name = if choices.server_name {
        raw.header("content-disposition")
            .and_then(names::content_disposition_name)
            .map(|n| names::safe_file_name(&n))
            .unwrap_or_else(|| name.to_string())
    } else {
        name.to_string()
    };
    let path = dir.join(&final_name);
    fs::rename(part, &path).map_err(|e| io_error("renaming the finished download to", &path, e))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(Ended::Saved(Saved {
        path,
        bytes: written,
        how: if start > 0 {
            How::Resumed
        } else {
            How::Fetched
        },
    }))
}

/// Copies the body into the part file, hashing as it goes; the transport's own error (cut,
/// deadline, cancel, limit) wins over the read error it caused.
fn copy_body(raw: &mut Raw, file: &mut File, hashes: &mut Hashes, part: &Path) -> Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut n = 0u64;
    loop {
        let got = match raw.read(&mut buf) {
            Ok(0) => return Ok(n),
            Ok(got) => got,
            Err(e) => {
                return Err(raw.take_failure().unwrap_or_else(|| {
                    Error::new(
                        ErrorKind::Partial,
                        format!("the download was cut short: {e}"),
                    )
                }));
            }
        };
        hashes.update_body(&buf[..got]);
        file.write_all(&buf[..got])
            .map_err(|e| io_error("writing", part, e))?;
        n += got as u64;
    }
}

fn hash_file(path: &Path, hashes: &mut Hashes) -> Result<()> {
    let mut f = File::open(path).map_err(|e| io_error("reading", path, e))?;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => hashes.update_earlier(&buf[..n]),
            Err(e) => return Err(io_error("reading", path, e)),
        }
    }
}

/// `bytes START-END/TOTAL` (RFC 9110 §14.4): the start, and the total when it is a number.
fn content_range(header: Option<&str>) -> Option<(u64, Option<u64>)> {
    let rest = header?.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    let start: u64 = start.trim().parse().ok()?;
    let end: u64 = end.trim().parse().ok()?;
    if end < start {
        return None;
    }
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    Some((start, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges() {
        assert_eq!(
            content_range(Some("bytes 100-199/200")),
            Some((100, Some(200)))
        );
        assert_eq!(content_range(Some("bytes 0-9/*")), Some((0, None)));
        assert_eq!(content_range(Some("bytes */200")), None);
        assert_eq!(content_range(Some("bytes 9-0/10")), None);
        assert_eq!(content_range(None), None);
    }
}
