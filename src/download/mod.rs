//! Downloads: the datasets of result rows, or any URL, into a folder.
//!
//! Every file is written to `NAME.part` in the target folder and renamed to `NAME` only once
//! it is complete and checked (`transfer`), so that a file under its final name is always
//! whole: a later call finds it and fetches nothing, and a call that was interrupted resumes
//! its `.part` with an HTTP `Range` request (or starts over when the server does not allow
//! ranges). Names follow pyvo's and can never leave the folder (`names`). A row whose
//! access URL is a DataLink document (SIA 2.0 services of CADC, CASDA, Rubin, DaCHS's
//! `sia2dl`) is followed to its `#this` link, so the dataset is saved, not the XML.
//!
//! Many rows are fetched by a bounded pool of scoped threads ([`Settings::download_jobs`],
//! default 4), all joined before the call returns. The service's progress function then sees
//! the bytes of all files together, one call at a time; its `false` stops every transfer.

mod names;
mod transfer;
mod verify;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub use names::{basename_for, extension_for, safe_base, safe_file_name};
pub use transfer::{How, Saved, part_path_of};

use crate::datalink::{self, Links};
use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::http::{Progress, Settings};
use crate::results::Results;
use crate::stdfields::StdField;
use transfer::{Choices, Ended};

/// Choices for a download call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Name files as the server's `Content-Disposition` says, when it does (made safe). Such
    /// a name is known only once the server answers, so a complete file is not found before
    /// fetching.
    pub server_name: bool,
    /// Fetch again even when a complete file is in place.
    pub refresh: bool,
    /// Follow DataLink documents to their `#this` link (the default); `false` saves them.
    pub follow_datalink: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            server_name: false,
            refresh: false,
            follow_datalink: true,
        }
    }
}

/// A report about one file of a download batch (see [`Settings::file_progress`]). `index`
/// is the file's place in the batch (the item's, in [`download_all`]), the same in every
/// report about it.
#[derive(Debug)]
pub enum FileEvent<'a> {
    /// `read` bytes so far of the file that will be named `name`; `expected` when the server
    /// said how many there are.
    Progress {
        index: usize,
        name: &'a str,
        read: u64,
        expected: Option<u64>,
    },
    /// The download of `url` ended: saved, found complete in place, or failed; it is the
    /// `finished`-th of the batch's `of` files to end.
    Done {
        index: usize,
        url: &'a str,
        outcome: &'a Result<Saved>,
        finished: usize,
        of: usize,
    },
}

/// A per-file report function: `(event) -> keep going?`. Called on the download threads, one
/// call at a time per batch (under the batch's lock); it must not block for long. Its `false`
/// stops every transfer of the batch (the files not yet begun are not fetched).
#[derive(Clone)]
pub struct FileProgress(pub Arc<dyn Fn(&FileEvent) -> bool + Send + Sync>);

impl std::fmt::Debug for FileProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileProgress(..)")
    }
}

impl PartialEq for FileProgress {
    fn eq(&self, other: &FileProgress) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One thing to download: its URL and what names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub url: String,
    /// The record's title (the file's base name); `None` names it after the URL.
    pub title: Option<String>,
    /// The record's MIME type (the extension).
    pub format: Option<String>,
    /// A file name of the caller's, used (made safe) instead of the derived one.
    pub name: Option<String>,
}

impl Item {
    /// Row `row` of `results`: its access URL, title and format (standard fields).
    pub fn from_row(results: &Results, row: usize) -> Result<Item> {
        let text = |f: StdField| -> Result<Option<String>> {
            Ok(results
                .std_text(row, f)?
                .and_then(|s| s.to_str().ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()))
        };
        let url = text(StdField::AccessUrl)?.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArg,
                format!("row {row} has no access URL to download"),
            )
        })?;
        Ok(Item {
            url,
            title: text(StdField::Title)?,
            format: text(StdField::Format)?,
            name: None,
        })
    }

    /// The file name: pyvo's (title and MIME type) for a record, else the URL's last path
    /// segment; always safe.
    fn file_name(&self, namer: &mut names::Namer) -> String {
        if let Some(name) = &self.name {
            let safe = names::safe_file_name(name);
            return match safe.rsplit_once('.') {
                Some((base, ext)) => namer.name(base, ext),
                None => namer.name(&safe, names::extension_for(self.format.as_deref())),
            };
        }
        let extension = names::extension_for(self.format.as_deref());
        if self.title.is_some() {
            let base = names::safe_base(&names::basename_for(self.title.as_deref()), extension);
            return namer.name(&base, extension);
        }
        let last = url_file_name(&self.url);
        let name = names::safe_file_name(&last);
        match name.rsplit_once('.') {
            Some((base, ext)) if !last.is_empty() => namer.name(base, ext),
            _ if !last.is_empty() => namer.name(&name, extension),
            _ => namer.name("dataset", extension),
        }
    }
}

/// The last segment of a URL's path, percent-decoded ("" when there is none).
fn url_file_name(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or("");
    let path = no_query.split_once("://").map_or(no_query, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let last = path.rsplit('/').next().unwrap_or("");
    percent_encoding::percent_decode_str(last)
        .decode_utf8_lossy()
        .into_owned()
}

/// Downloads one item into `dir` (which must exist). See the module documentation.
pub fn download(
    agent: &ureq::Agent,
    settings: &Settings,
    item: &Item,
    dir: &Path,
    options: Options,
) -> Result<Saved> {
    download_all(agent, settings, std::slice::from_ref(item), dir, options)
        .pop()
        .unwrap_or_else(|| Err(Error::new(ErrorKind::Internal, "no download outcome")))
}

/// Downloads every item into `dir`, [`Settings::download_jobs`] at a time; one outcome per
/// item, in order. Names are given in item order, so a rerun maps each item to the same file.
pub fn download_all(
    agent: &ureq::Agent,
    settings: &Settings,
    items: &[Item],
    dir: &Path,
    options: Options,
) -> Vec<Result<Saved>> {
    if let Err(e) = check_dir(dir) {
        return items.iter().map(|_| Err(e.clone())).collect();
    }
    let cancelled = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(Tally::new(items.len())));
    let jobs = (settings.download_jobs.max(1) as usize).min(items.len().max(1));

    // First the DataLink documents (their #this link decides the URL and the extension),
    // then the names, in item order, then the files.
    let resolved: Vec<Result<Item>> = run_pool(jobs, items.len(), &cancelled, |i| {
        let item = &items[i];
        let is_link = item
            .format
            .as_deref()
            .is_some_and(datalink::is_datalink_type);
        if !(options.follow_datalink && is_link) {
            return Ok(item.clone());
        }
        let quiet = Settings {
            progress: None,
            ..settings.clone()
        };
        follow(agent, &quiet, item, None)
    });
    let mut namer = names::Namer::default();
    let named: Vec<Result<(Item, String)>> = resolved
        .into_iter()
        .map(|r| {
            r.map(|item| {
                let name = item.file_name(&mut namer);
                (item, name)
            })
        })
        .collect();
    let finished = AtomicUsize::new(0);
    run_pool(jobs, items.len(), &cancelled, |i| {
        let outcome = fetch_named(
            agent, settings, &named[i], dir, options, &tally, &cancelled, i,
        );
        if let Some(report) = &settings.file_progress
            && let Ok(_one_at_a_time) = tally.lock()
        {
            let go_on = (report.0)(&FileEvent::Done {
                index: i,
                url: &items[i].url,
                outcome: &outcome,
                finished: finished.fetch_add(1, Ordering::SeqCst) + 1,
                of: items.len(),
            });
            if !go_on {
                cancelled.store(true, Ordering::SeqCst);
            }
        }
        outcome
    })
}

/// Item `i` of a batch, resolved and named: fetched into `dir` (a DataLink document the
/// server sent unannounced is followed), with the batch's progress reports.
#[allow(clippy::too_many_arguments)]
fn fetch_named(
    agent: &ureq::Agent,
    settings: &Settings,
    named: &Result<(Item, String)>,
    dir: &Path,
    options: Options,
    tally: &Arc<Mutex<Tally>>,
    cancelled: &Arc<AtomicBool>,
    i: usize,
) -> Result<Saved> {
    let (item, name) = named.as_ref().map_err(Clone::clone)?;
    let settings = with_tally(settings, tally, cancelled, i, name);
    let choices = Choices {
        server_name: options.server_name,
        refresh: options.refresh,
        catch_datalink: options.follow_datalink,
    };
    let saved = match transfer::fetch_file(agent, &settings, &item.url, dir, name, choices)? {
        Ended::Saved(saved) => saved,
        // The format did not say so, but the server sent a DataLink document.
        Ended::DataLink(doc) => {
            let this = follow(agent, &settings, item, Some(&doc))?;
            let (base, _) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
            let name = format!("{base}.{}", names::extension_for(this.format.as_deref()));
            let choices = Choices {
                catch_datalink: false,
                ..choices
            };
            match transfer::fetch_file(agent, &settings, &this.url, dir, &name, choices)? {
                Ended::Saved(saved) => saved,
                Ended::DataLink(_) => unreachable!("catch_datalink is off"),
            }
        }
    };
    if let Ok(mut t) = tally.lock() {
        t.finish(i, saved.bytes);
    }
    Ok(saved)
}

/// Downloads the datasets of `rows` of `results` into `dir`: [`download_all`] of their
/// [`Item`]s, one outcome per row (a row without access URL is an error of its own). When the
/// response describes its DataLink service (a descriptor whose ID input refers to a column,
/// as the `sia2dl` pattern has it), the `#this` links of all DataLink rows are asked for in
/// one or two requests instead of one per row.
pub fn download_rows(
    agent: &ureq::Agent,
    settings: &Settings,
    results: &Results,
    rows: std::ops::Range<usize>,
    dir: &Path,
    options: Options,
) -> Vec<Result<Saved>> {
    let mut items: Vec<Result<Item>> = rows
        .clone()
        .map(|row| Item::from_row(results, row))
        .collect();
    if options.follow_datalink
        && let Some((descriptor, id_column)) = datalink::id_descriptor(results)
    {
        let is_link = |item: &Result<Item>| {
            item.as_ref()
                .is_ok_and(|i| i.format.as_deref().is_some_and(datalink::is_datalink_type))
        };
        let id_of = |row: usize| {
            results
                .text(row, id_column)
                .ok()
                .flatten()
                .and_then(|c| c.to_str().ok())
                .map(str::to_string)
        };
        let wanted: Vec<String> = rows
            .clone()
            .zip(&items)
            .filter(|(_, item)| is_link(item))
            .filter_map(|(row, _)| id_of(row))
            .collect();
        let quiet = Settings {
            progress: None,
            ..settings.clone()
        };
        // A failure of the whole call leaves each row to its own access URL.
        if let Ok(links) = datalink::this_links(agent, &quiet, descriptor, &wanted) {
            for (row, item) in rows.clone().zip(items.iter_mut()) {
                if !is_link(item) {
                    continue;
                }
                let Some(link) = id_of(row).and_then(|id| links.get(&id)) else {
                    continue;
                };
                *item = match (link, item.as_ref()) {
                    (Ok(link), Ok(record)) => Ok(Item {
                        url: link.access_url.clone().unwrap_or_default(),
                        title: record.title.clone(),
                        format: link.content_type.clone(),
                        name: record.name.clone(),
                    }),
                    (Err(e), _) => Err(e.clone()),
                    (_, Err(e)) => Err(e.clone()),
                };
            }
        }
    }
    let wanted: Vec<Item> = items
        .iter()
        .filter_map(|i| i.as_ref().ok().cloned())
        .collect();
    let mut saved = download_all(agent, settings, &wanted, dir, options).into_iter();
    items
        .into_iter()
        .map(|item| match item {
            Ok(_) => saved.next().unwrap_or_else(|| {
                Err(Error::new(
                    ErrorKind::Internal,
                    "a download outcome is missing",
                ))
            }),
            Err(e) => Err(e),
        })
        .collect()
}

fn check_dir(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::new(
            ErrorKind::Io,
            format!("{} is not a folder", dir.display()),
        )),
        Err(e) => Err(Error::new(
            ErrorKind::Io,
            format!(
                "the download folder {} cannot be used: {e} (create it first)",
                dir.display()
            ),
        )),
    }
}

/// The `#this` link of `item`'s DataLink document (fetched, or `doc` when already read), as
/// the item to download: its URL, the record's title, the link's content type.
fn follow(
    agent: &ureq::Agent,
    settings: &Settings,
    item: &Item,
    doc: Option<&[u8]>,
) -> Result<Item> {
    let fetched;
    let bytes = match doc {
        Some(d) => d,
        None => {
            fetched = fetch::document(agent, settings, &item.url)?;
            &fetched
        }
    };
    let links = Links::from_bytes(bytes).map_err(|e| {
        Error::new(
            e.kind(),
            format!(
                "reading the DataLink document {}: {}",
                item.url,
                e.message()
            ),
        )
    })?;
    let this = links.this(None)?;
    Ok(Item {
        url: this.access_url.clone().unwrap_or_default(),
        title: item.title.clone(),
        format: this.content_type.clone().or_else(|| item.format.clone()),
        name: item.name.clone(),
    })
}

/// Runs `work(i)` for i in 0..n on at most `jobs` scoped threads (all joined on return);
/// after a cancel, items not started fail as Cancelled.
fn run_pool<T: Send>(
    jobs: usize,
    n: usize,
    cancelled: &AtomicBool,
    work: impl Fn(usize) -> Result<T> + Sync,
) -> Vec<Result<T>> {
    let slots: Vec<Mutex<Option<Result<T>>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let worker = || {
        loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            if i >= n {
                break;
            }
            let outcome = if cancelled.load(Ordering::SeqCst) {
                Err(Error::new(
                    ErrorKind::Cancelled,
                    "cancelled by the progress function before this download started",
                ))
            } else {
                work(i)
            };
            if outcome
                .as_ref()
                .is_err_and(|e| e.kind() == ErrorKind::Cancelled)
            {
                cancelled.store(true, Ordering::SeqCst);
            }
            if let Ok(mut slot) = slots[i].lock() {
                *slot = Some(outcome);
            }
        }
    };
    std::thread::scope(|scope| {
        // Threads beyond the first are a speed-up only: if the system refuses one, the
        // others (and this thread) do the work.
        for _ in 1..jobs {
            let _ = std::thread::Builder::new()
                .name("vosia-download".into())
                .spawn_scoped(scope, worker);
        }
        worker();
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(Error::new(
                    ErrorKind::Internal,
                    "a download slot was left empty",
                ))
            })
        })
        .collect()
}

/// Bytes of every file of a batch, for one progress report over all of them.
struct Tally {
    done: Vec<u64>,
    expected: Vec<Option<u64>>,
    started: Vec<bool>,
}

impl Tally {
    fn new(n: usize) -> Tally {
        Tally {
            done: vec![0; n],
            expected: vec![None; n],
            started: vec![false; n],
        }
    }

    fn update(&mut self, i: usize, done: u64, expected: Option<u64>) -> (u64, Option<u64>) {
        self.done[i] = done;
        self.expected[i] = expected;
        self.started[i] = true;
        self.sums()
    }

    fn finish(&mut self, i: usize, bytes: u64) {
        self.done[i] = bytes;
        self.expected[i] = Some(bytes);
        self.started[i] = true;
    }

    /// Bytes so far, and the total of the sizes known so far when every file started has one.
    fn sums(&self) -> (u64, Option<u64>) {
        let done = self.done.iter().sum();
        let known = self
            .started
            .iter()
            .zip(&self.expected)
            .filter(|(s, _)| **s)
            .try_fold(0u64, |acc, (_, e)| e.map(|e| acc + e));
        (done, known)
    }
}

/// `settings` with its progress functions (if any) fed the batch's totals and item `i`'s own
/// bytes (the file `name`), one call at a time (under the tally's lock); a `false`, or a
/// cancel elsewhere in the batch, stops item `i`.
fn with_tally(
    settings: &Settings,
    tally: &Arc<Mutex<Tally>>,
    cancelled: &Arc<AtomicBool>,
    i: usize,
    name: &str,
) -> Settings {
    if settings.progress.is_none() && settings.file_progress.is_none() {
        return settings.clone();
    }
    let (user, per_file) = (settings.progress.clone(), settings.file_progress.clone());
    let tally = Arc::clone(tally);
    let cancelled = Arc::clone(cancelled);
    let name = name.to_string();
    let progress = Progress(Arc::new(move |read, expected| {
        if cancelled.load(Ordering::SeqCst) {
            return false;
        }
        let Ok(mut t) = tally.lock() else {
            return false;
        };
        let (done, total) = t.update(i, read, expected);
        let mut go_on = user.as_ref().is_none_or(|user| (user.0)(done, total));
        if let Some(per_file) = &per_file {
            go_on &= (per_file.0)(&FileEvent::Progress {
                index: i,
                name: &name,
                read,
                expected,
            });
        }
        if !go_on {
            cancelled.store(true, Ordering::SeqCst);
        }
        go_on
    }));
    Settings {
        progress: Some(progress),
        ..settings.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_urls_and_records() {
        let mut namer = names::Namer::default();
        let url = |u: &str| Item {
            url: u.to_string(),
            ..Item::default()
        };
        assert_eq!(
            url("http://h/d/a%20b.fits?x=1").file_name(&mut namer),
            "a b.fits"
        );
        assert_eq!(url("http://h/dl/get?ID=x").file_name(&mut namer), "get.dat");
        assert_eq!(url("http://h/").file_name(&mut namer), "dataset.dat");
        assert_eq!(
            url("http://h/../..%2Fetc").file_name(&mut namer),
            "__etc.dat"
        );
        let rec = Item {
            url: "http://h/x".into(),
            title: Some("M31 V".into()),
            format: Some("image/fits".into()),
            name: None,
        };
        let named = Item {
            name: Some("../my file.fits".into()),
            ..rec.clone()
        };
        assert_eq!(named.file_name(&mut namer), "__my file.fits");
        assert_eq!(rec.file_name(&mut namer), "M31_V.fits");
        assert_eq!(rec.file_name(&mut namer), "M31_V-1.fits");
    }

    #[test]
    fn the_tally_adds_up_known_sizes() {
        let mut t = Tally::new(3);
        assert_eq!(t.update(0, 10, Some(100)), (10, Some(100)));
        assert_eq!(t.update(1, 5, Some(50)), (15, Some(150)));
        assert_eq!(t.update(2, 1, None), (16, None));
        t.finish(2, 7);
        assert_eq!(t.sums(), (22, Some(157)));
    }
}
