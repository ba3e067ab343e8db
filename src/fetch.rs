//! Fetch and read: the step between the transport (`http`, bytes) and the readers (VOTable
//! results, small documents). The rules that need both live here, once: an error VOTable in a
//! non-2xx body wins as the service's own message (as pyvo does), and "try these candidate
//! URLs in turn" keeps the most telling failure.

use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use crate::SiaVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{self, Answer, Post, Refusal, Settings};
use crate::results::{Results, RowsSink};
use crate::votable::read_document;

/// One query's request: GET `url`, or POST the form `form` to it; the answer read as SIA
/// results of `version`; with `save`, the exact bytes of the body also written to that file
/// as they are read (see [`crate::query::Query::execute_saving`]).
pub(crate) struct Request<'a> {
    pub url: &'a str,
    pub form: Option<&'a str>,
    pub version: SiaVersion,
    pub save: Option<&'a Path>,
}

/// How a response body is read: whole into results, or handed on in batches of rows.
pub(crate) enum Reading<'a> {
    Whole,
    InBatches {
        batch_rows: usize,
        sink: RowsSink<'a>,
    },
}

impl Reading<'_> {
    /// Reads `body` as results of `version` within `budget`, whole on `threads` threads (the
    /// body then read into memory first) or in batches.
    fn read<R: BufRead>(
        &mut self,
        mut body: R,
        version: SiaVersion,
        budget: u64,
        threads: usize,
    ) -> Result<Results> {
        match self {
            Reading::Whole if threads > 1 => {
                let mut data = Vec::new();
                body.read_to_end(&mut data).map_err(|e| {
                    Error::new(ErrorKind::Io, format!("reading the response failed: {e}"))
                })?;
                Results::from_bytes_on_threads(&data, version, budget, threads)
            }
            Reading::Whole => Results::from_reader_within(body, version, budget),
            Reading::InBatches { batch_rows, sink } => {
                Results::read_in_batches(body, version, budget, *batch_rows, &mut **sink)
            }
        }
    }
}

/// Sends `request` and reads the answer as `reading` says, streaming.
pub(crate) fn results(
    agent: &ureq::Agent,
    settings: &Settings,
    request: Request<'_>,
    mut reading: Reading<'_>,
) -> Result<Results> {
    let Request {
        url,
        form,
        version,
        save,
    } = request;
    match http::get(
        agent,
        settings,
        url,
        form.map(Post::form),
        settings.max_response_bytes,
    )? {
        Answer::Body(mut body) => {
            let (budget, threads) = (settings.memory_budget, settings.reader_threads);
            let Some(path) = save else {
                let parsed = reading.read(body.reader(), version, budget, threads);
                return body.finish(parsed);
            };
            let part = crate::download::part_path_of(path);
            let io_error = |what: &str, e: io::Error| {
                Error::new(ErrorKind::Io, format!("{what} {}: {e}", part.display()))
            };
            let file = File::create(&part).map_err(|e| io_error("creating", e))?;
            let mut tee = Tee {
                inner: body.reader(),
                out: io::BufWriter::new(file),
                failed: None,
            };
            let mut parsed = reading.read(&mut tee, version, budget, threads);
            // What follows the document belongs to the response too.
            if parsed.is_ok()
                && let Err(e) = io::copy(&mut tee.inner, &mut tee.out)
            {
                parsed = Err(Error::format(format!(
                    "reading the rest of the response: {e}"
                )));
            }
            let written = match (tee.failed.take(), tee.out.into_inner()) {
                (None, Ok(file)) => file.sync_all().map_err(|e| io_error("flushing", e)),
                (Some(e), _) => Err(io_error("writing", e)),
                (None, Err(e)) => Err(io_error("writing", e.into_error())),
            };
            let outcome = body.finish(parsed).and_then(|r| written.map(|_| r));
            match outcome {
                Ok(results) => {
                    std::fs::rename(&part, path).map_err(|e| {
                        Error::new(
                            ErrorKind::Io,
                            format!("renaming the saved response to {}: {e}", path.display()),
                        )
                    })?;
                    Ok(results)
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&part);
                    Err(e)
                }
            }
        }
        Answer::Refused(refusal) => Err(refused(refusal)),
    }
}

/// A reader that writes every byte its reader consumes to `out`: the exact bytes, read
/// once, never held whole. The first write failure is kept (consume cannot return it).
struct Tee<'a, R: BufRead, W: Write> {
    inner: &'a mut R,
    out: W,
    failed: Option<io::Error>,
}

impl<R: BufRead, W: Write> Read for Tee<'_, R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead, W: Write> BufRead for Tee<'_, R, W> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 && self.failed.is_none() {
            // The bytes consumed are still the start of the inner buffer.
            let written = match self.inner.fill_buf() {
                Ok(buf) => self.out.write_all(&buf[..amt.min(buf.len())]),
                Err(e) => Err(e),
            };
            if let Err(e) = written {
                self.failed = Some(e);
            }
        }
        self.inner.consume(amt);
    }
}

/// GETs a small XML document (VOSI, a service self-description) whole, within
/// [`http::document_limit`].
pub(crate) fn document(agent: &ureq::Agent, settings: &Settings, url: &str) -> Result<Vec<u8>> {
    document_with(agent, settings, url, None)
}

/// As [`document`], POSTing `post` when given (a DataLink call with many IDs, XML-RPC).
pub(crate) fn document_with(
    agent: &ureq::Agent,
    settings: &Settings,
    url: &str,
    post: Option<Post<'_>>,
) -> Result<Vec<u8>> {
    match http::get(agent, settings, url, post, http::document_limit(settings))? {
        Answer::Body(mut body) => {
            let mut bytes = Vec::new();
            let read = body
                .reader()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::format(format!("reading {url}: {e}")));
            body.finish(read.map(|_| bytes))
        }
        Answer::Refused(refusal) => Err(refused(refusal)),
    }
}

/// The error for a non-2xx answer: the service's QUERY_STATUS=ERROR text when the body is an
/// error VOTable, else the Http error with the status line and the start of the body.
pub(crate) fn refused(refusal: Refusal) -> Error {
    let looks_like_votable = String::from_utf8_lossy(&refusal.body).contains("VOTABLE");
    if looks_like_votable
        && let Ok(doc) = read_document(refusal.body.as_slice())
        && let Some(err) = doc.service_error()
    {
        return refusal.service_error(err.message());
    }
    refusal.into_error()
}

/// Tries `fetch` on each candidate URL in turn and returns the first success. When all fail,
/// the error names every URL tried, and its kind is the most telling one met: a service's
/// own error or a malformed document over an HTTP refusal (a 404 at a guessed URL says little)
/// over a transport failure (`Connect`, `Timeout`, `Tls`), which stays what it was when every
/// candidate failed that way.
pub(crate) fn first_ok<T>(
    what: &str,
    candidates: &[String],
    mut fetch: impl FnMut(&str) -> Result<T>,
) -> Result<T> {
    let mut tried = Vec::new();
    let mut best: Option<ErrorKind> = None;
    for url in candidates {
        match fetch(url) {
            Ok(found) => return Ok(found),
            Err(e) => {
                if best.is_none_or(|b| rank(e.kind()) > rank(b)) {
                    best = Some(e.kind());
                }
                tried.push(format!("{url}: {}", e.message()));
            }
        }
    }
    Err(Error::new(
        best.unwrap_or(ErrorKind::InvalidArg),
        format!("no {what} found; tried {}", tried.join("; ")),
    ))
}

fn rank(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Service | ErrorKind::Format | ErrorKind::Cancelled => 3,
        ErrorKind::Http | ErrorKind::TooLarge => 2,
        ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Tls => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(kind: ErrorKind) -> impl FnMut(&str) -> Result<()> {
        move |url| Err(Error::new(kind, format!("{url} failed")))
    }

    #[test]
    fn all_refused_stays_a_connect_error_naming_every_url() {
        let urls = ["http://a/x".to_string(), "http://b/x".to_string()];
        let err = first_ok("VOSI capabilities", &urls, fail(ErrorKind::Connect)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Connect);
        assert!(err.message().contains("http://a/x") && err.message().contains("http://b/x"));
    }

    #[test]
    fn the_most_telling_failure_wins_and_a_success_ends_the_search() {
        let urls = ["1".to_string(), "2".to_string(), "3".to_string()];
        let kinds = [ErrorKind::Timeout, ErrorKind::Http, ErrorKind::Connect];
        let mut i = 0;
        let err = first_ok("x", &urls, |_| -> Result<()> {
            i += 1;
            Err(Error::new(kinds[i - 1], "no"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Http);
        let mut calls = 0;
        let found = first_ok("x", &urls, |u| {
            calls += 1;
            if u == "2" {
                Ok(u.to_string())
            } else {
                Err(Error::invalid("no"))
            }
        });
        assert_eq!((found.unwrap().as_str(), calls), ("2", 2));
    }
}
