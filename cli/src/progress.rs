//! What a download shows while it runs: on a terminal, a bar per file and one overall; else
//! one line per file as it ends (on stderr, so that stdout holds only the files' paths).

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use indicatif::{HumanBytes, MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use vosia::download::{FileEvent, FileProgress, How};

use crate::session::Session;

/// The per-file report function for `files` files, and the display it draws on.
pub struct Display {
    bars: Option<Bars>,
}

struct Bars {
    multi: MultiProgress,
    overall: ProgressBar,
}

impl Display {
    /// A display for a batch of `files` files, as the session wants it.
    pub fn new(session: &Session, files: usize) -> (Display, Option<FileProgress>) {
        let cancel = session.cancel_flag();
        if session.quiet {
            let quiet = FileProgress(Arc::new(move |_: &FileEvent| {
                !cancel.load(Ordering::SeqCst)
            }));
            return (Display { bars: None }, Some(quiet));
        }
        if !session.bars() {
            let report = FileProgress(Arc::new(move |event: &FileEvent| {
                if let FileEvent::Done { url, outcome, .. } = event {
                    eprintln!("{}", line(url, outcome));
                }
                !cancel.load(Ordering::SeqCst)
            }));
            return (Display { bars: None }, Some(report));
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let overall = multi.add(ProgressBar::new(files as u64));
        overall.set_style(
            ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} files  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        overall.set_prefix("total");
        let file_style =
            ProgressStyle::with_template("{prefix:>8} [{bar:30}] {bytes}/{total_bytes}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        let state = Arc::new(Mutex::new(BarState::default()));
        let (m, o) = (multi.clone(), overall.clone());
        let report = FileProgress(Arc::new(move |event: &FileEvent| {
            let Ok(mut st) = state.lock() else {
                return !cancel.load(Ordering::SeqCst);
            };
            match event {
                FileEvent::Progress {
                    index,
                    name,
                    read,
                    expected,
                } => {
                    let bar = st.files.entry(*index).or_insert_with(|| {
                        let bar = m.insert_before(&o, ProgressBar::new(expected.unwrap_or(0)));
                        bar.set_style(file_style.clone());
                        bar.set_message(name.to_string());
                        bar
                    });
                    if let Some(len) = expected {
                        bar.set_length(*len);
                    }
                    bar.set_position(*read);
                    st.bytes.insert(*index, *read);
                }
                FileEvent::Done {
                    index,
                    url,
                    outcome,
                    ..
                } => {
                    if let Some(bar) = st.files.remove(index) {
                        bar.finish_and_clear();
                    }
                    // A failed file's bytes are not kept: they no longer count.
                    match outcome {
                        Ok(saved) => st.bytes.insert(*index, saved.bytes),
                        Err(_) => st.bytes.remove(index),
                    };
                    let _ = m.println(line(url, outcome));
                    o.inc(1);
                }
            }
            o.set_message(HumanBytes(st.bytes.values().sum()).to_string());
            !cancel.load(Ordering::SeqCst)
        }));
        (
            Display {
                bars: Some(Bars { multi, overall }),
            },
            Some(report),
        )
    }

    /// Takes the bars off the terminal (before the summary is printed).
    pub fn finish(self) {
        if let Some(b) = self.bars {
            b.overall.finish_and_clear();
            let _ = b.multi.clear();
        }
    }
}

/// The bars of the files under way and the bytes of every file so far, by batch index.
#[derive(Default)]
struct BarState {
    files: HashMap<usize, ProgressBar>,
    bytes: HashMap<usize, u64>,
}

/// One line about a file that ended.
fn line(url: &str, outcome: &Result<vosia::download::Saved, vosia::Error>) -> String {
    match outcome {
        Ok(saved) => {
            let how = match saved.how {
                How::Fetched => "fetched",
                How::Resumed => "resumed",
                How::Cached => "in place",
            };
            format!(
                "{how:>8} {} ({})",
                saved.path.display(),
                HumanBytes(saved.bytes)
            )
        }
        Err(e) => format!("  failed {url}: {}", e.message()),
    }
}
