//! `vosia download` and `vosia cutout`: the records of a search (or of a saved response)
//! fetched into a folder with the library's downloads (atomic, resumable, verified,
//! DataLink-following, never outside the folder). Paths of the files in place go to stdout,
//! one per line, in record order; progress and failures to stderr.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use vosia::download::{self, Options, Saved};
use vosia::http::{Agent, Settings};
use vosia::service::Service;
use vosia::stdfields::StdField;
use vosia::{ErrorKind, Results, SiaVersion};

use crate::cli::{CutoutCommand, DownloadCommand, FilesArgs, Naming, QueryArgs};
use crate::exit::{Exit, Failure, Outcome};
use crate::progress::Display;
use crate::search;
use crate::session::Session;
use crate::values::Size;

/// Where the records come from: a service searched now, or a saved response.
enum Source {
    Service(Arc<Service>),
    Saved(Box<Settings>),
}

pub fn download(session: &Session, cmd: &DownloadCommand) -> Outcome {
    let (source, results) = records(
        session,
        cmd.url.as_deref(),
        cmd.votable.as_deref(),
        &cmd.query,
        |s| search::query(s, &cmd.query),
    )?;
    let options = Options {
        server_name: cmd.name == Naming::Server,
        refresh: cmd.files.refresh,
        follow_datalink: !cmd.no_datalink,
    };
    fetch(
        session,
        &source,
        &results,
        &cmd.files,
        |settings, agent, dir, rows| match &source {
            Source::Service(s) => s.download_rows(&results, rows, dir, options),
            Source::Saved(_) => {
                download::download_rows(agent, settings, &results, rows, dir, options)
            }
        },
    )
}

pub fn cutout(session: &Session, cmd: &CutoutCommand) -> Outcome {
    let c = cmd.circle;
    let base = QueryArgs {
        version: cmd.version.clone(),
        maxrec: cmd.maxrec,
        extra: cmd.extra.clone(),
        ..QueryArgs::default()
    };
    // The search looks for the images the region falls on, in the service's own terms.
    let (source, results) = records(
        session,
        cmd.url.as_deref(),
        cmd.votable.as_deref(),
        &base,
        |s| {
            let mut q = base.clone();
            match s.version() {
                SiaVersion::V1 => {
                    q.pos = Some(c.center);
                    q.size = Some(Size {
                        ra: c.radius * 2.0,
                        dec: c.radius * 2.0,
                    });
                }
                SiaVersion::V2 => q.circle = vec![c],
            }
            search::query(s, &q)
        },
    )?;
    let fmt = vosia::numfmt::format_f64;
    let region = vec![(
        "CIRCLE".to_string(),
        format!(
            "{} {} {}",
            fmt(c.center.ra),
            fmt(c.center.dec),
            fmt(c.radius)
        ),
    )];
    let options = Options {
        refresh: cmd.files.refresh,
        ..Options::default()
    };
    fetch(
        session,
        &source,
        &results,
        &cmd.files,
        |settings, agent, dir, rows| match &source {
            Source::Service(s) => s.cutout_rows(&results, rows, &region, dir, options),
            Source::Saved(_) => {
                vosia::soda::cutout_rows(agent, settings, &results, rows, &region, dir, options)
            }
        },
    )
}

/// The records: searched at `url`, or read from the saved response `votable`.
fn records(
    session: &Session,
    url: Option<&str>,
    votable: Option<&Path>,
    query_args: &QueryArgs,
    make_query: impl FnOnce(&Arc<Service>) -> Result<vosia::query::Query, Failure>,
) -> Result<(Source, Results), Failure> {
    if let Some(path) = votable {
        if let Some(option) = search::first_query_option(query_args) {
            return Err(Failure::usage(format!(
                "{option} does not apply to --votable, whose records are already chosen; \
                 drop it, or search a service URL instead"
            )));
        }
        let results = read_saved(path)?;
        return Ok((Source::Saved(Box::new(search::settings(session))), results));
    }
    let url = url.ok_or_else(|| Failure::usage("give a service URL or --votable FILE"))?;
    let service = search::open(session, url, &query_args.version)?;
    let query = make_query(&service)?;
    search::check_extras(session, &service, &query_args.extra);
    let results = search::run(session, &query, &query_args.version, None)?;
    if results.overflow() {
        session.warn("the service stopped at its record limit; more records match (--maxrec)");
    }
    Ok((Source::Service(service), results))
}

/// A saved response, read as SIA 2.0 (ObsCore names) when it has an `access_url` that way,
/// else as SIA 1.0 (UCDs).
fn read_saved(path: &Path) -> Result<Results, Failure> {
    let read = |v| {
        Results::from_path(path, v).map_err(|e| {
            let mut f = Failure::from(e);
            f.message = format!("{}: {}", path.display(), f.message);
            f
        })
    };
    let as_v2 = read(SiaVersion::V2)?;
    if as_v2.has_std(StdField::AccessUrl) {
        return Ok(as_v2);
    }
    read(SiaVersion::V1)
}

/// Runs `work` over every record into `files.dir` with the progress display, prints the
/// paths, and works out the exit status.
fn fetch(
    session: &Session,
    source: &Source,
    results: &Results,
    files: &FilesArgs,
    work: impl FnOnce(
        &Settings,
        &Agent,
        &Path,
        std::ops::Range<usize>,
    ) -> Vec<Result<Saved, vosia::Error>>,
) -> Outcome {
    let n = results.row_count();
    if n == 0 {
        session.warn("the search found no records: nothing to download");
        return Ok(Exit::Ok);
    }
    std::fs::create_dir_all(&files.dir).map_err(|e| {
        Failure::new(
            Exit::LocalFile,
            format!("cannot create the folder {}: {e}", files.dir.display()),
        )
    })?;
    let (display, report) = Display::new(session, n);
    let agent = vosia::http::new_agent();
    let settings = match source {
        Source::Service(s) => {
            s.set_download_jobs(files.jobs)?;
            s.set_file_progress(report)?;
            s.settings()
        }
        Source::Saved(base) => Settings {
            download_jobs: files.jobs,
            file_progress: report,
            ..(**base).clone()
        },
    };
    let outcomes = work(&settings, &agent, &files.dir, 0..n);
    display.finish();
    report_outcomes(session, results, &outcomes)
}

/// Prints the paths in place on stdout and the failures on stderr; the exit status.
fn report_outcomes(
    session: &Session,
    results: &Results,
    outcomes: &[Result<Saved, vosia::Error>],
) -> Outcome {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed: Vec<&vosia::Error> = Vec::new();
    for (row, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Ok(saved) => writeln!(out, "{}", saved.path.display())?,
            Err(e) => {
                failed.push(e);
                if e.kind() != ErrorKind::Cancelled {
                    let title = results
                        .std_text(row, StdField::Title)
                        .ok()
                        .flatten()
                        .map(|t| format!(" ({})", t.to_string_lossy()))
                        .unwrap_or_default();
                    eprintln!("vosia: record {}{title}: {}", row + 1, e.message());
                }
            }
        }
    }
    out.flush()?;
    let done = outcomes.len() - failed.len();
    if session.cancelled() || failed.iter().any(|e| e.kind() == ErrorKind::Cancelled) {
        eprintln!(
            "vosia: interrupted: {} complete kept, partial ones removed",
            plural(done, "file")
        );
        return Ok(Exit::Cancelled);
    }
    if failed.is_empty() {
        if !session.quiet {
            eprintln!("vosia: {} in place", plural(done, "file"));
        }
        return Ok(Exit::Ok);
    }
    eprintln!(
        "vosia: {} of {} failed{}",
        failed.len(),
        plural(outcomes.len(), "file"),
        if done > 0 {
            "; the complete ones are in place (a rerun fetches only the rest)"
        } else {
            ""
        }
    );
    // Every file failed the same way: that class says more than "partial".
    let first = Exit::of(failed[0].kind());
    if done == 0 && failed.iter().all(|e| Exit::of(e.kind()) == first) {
        return Ok(first);
    }
    Ok(Exit::Partial)
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
