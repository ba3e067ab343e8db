//! Many queries at once: N queries (many positions, positions × services) run on a bounded
//! number of threads, with at most so many at once against one host, requests to a host
//! spaced and paused together when it says `Retry-After`, progress after each query and a
//! cancel that stops the rest. Every thread is joined before [`execute_all`] returns.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};
use crate::http::Progress;
use crate::pacing::{HostPacing, origin_key};
use crate::query::Query;
use crate::results::Results;

/// Told `(done, total)` queries after each one ends, from the batch's threads, one call at a
/// time; returning false cancels the queries not yet finished.
pub type BatchProgress = Arc<dyn Fn(usize, usize) -> bool + Send + Sync>;

/// How a batch runs. `Default`: 8 at once, 4 per host, no spacing, no progress.
#[derive(Clone)]
pub struct BatchOptions {
    /// Queries running at once in all (threads started), 1 to [`MAX_JOBS`].
    pub jobs: usize,
    /// Queries running at once against one host (the origin of the query's URL), at least 1.
    pub per_host: usize,
    /// The least time between two request starts to one host (retries included); ZERO: none.
    pub min_interval: Duration,
    pub progress: Option<BatchProgress>,
}

/// The most threads a batch starts.
pub const MAX_JOBS: usize = 64;

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            jobs: 8,
            per_host: 4,
            min_interval: Duration::ZERO,
            progress: None,
        }
    }
}

impl BatchOptions {
    /// The options checked: an error naming the first value out of range.
    pub fn check(&self) -> Result<()> {
        if !(1..=MAX_JOBS).contains(&self.jobs) {
            return Err(Error::invalid(format!(
                "jobs must be 1 to {MAX_JOBS}, got {}",
                self.jobs
            )));
        }
        if self.per_host == 0 {
            return Err(Error::invalid("per_host must be at least 1"));
        }
        Ok(())
    }
}

/// What the threads share: the queries not started, how many run per host, the cancel flag.
struct Board {
    pending: VecDeque<usize>,
    running: HashMap<String, usize>,
    done: usize,
}

/// Runs every query and returns their outcomes in input order (item `i` is `queries[i]`'s).
/// A query not started when the batch was cancelled is `ErrorKind::Cancelled`; one running
/// then stops at its next read with the same error. Each query uses its service's settings,
/// with the batch's pacing added. Blocks the caller; starts at most `options.jobs` threads
/// and joins them all before returning.
pub fn execute_all(queries: &[&Query], options: &BatchOptions) -> Result<Vec<Result<Results>>> {
    options.check()?;
    let hosts: Vec<String> = queries
        .iter()
        .map(|q| origin_key(q.service().base_url()))
        .collect();
    let pacing = Arc::new(HostPacing::new(options.min_interval));
    let cancelled = Arc::new(AtomicBool::new(false));
    let board = Mutex::new(Board {
        pending: (0..queries.len()).collect(),
        running: HashMap::new(),
        done: 0,
    });
    let turn = Condvar::new();
    let report = Mutex::new(());
    let outcomes: Vec<Mutex<Option<Result<Results>>>> =
        queries.iter().map(|_| Mutex::new(None)).collect();

    let settings_of = |query: &Query| {
        let mut settings = query.service().settings();
        settings.pacing = Some(pacing.clone());
        let stop = cancelled.clone();
        let own = settings.progress.take();
        settings.progress = Some(Progress(Arc::new(move |read, expected| {
            !stop.load(Ordering::Relaxed) && own.as_ref().is_none_or(|p| (p.0)(read, expected))
        })));
        settings
    };
    let next = || -> Option<usize> {
        let mut b = board.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if cancelled.load(Ordering::Relaxed) || b.pending.is_empty() {
                return None;
            }
            let free = |b: &Board, i: usize| {
                b.running.get(&hosts[i]).copied().unwrap_or(0) < options.per_host
            };
            if let Some(at) = b.pending.iter().position(|&i| free(&b, i)) {
                let i = b.pending.remove(at).expect("a position found in pending");
                *b.running.entry(hosts[i].clone()).or_insert(0) += 1;
                return Some(i);
            }
            b = turn.wait(b).unwrap_or_else(|e| e.into_inner());
        }
    };
    let finished = |i: usize| {
        // Counted and reported under one lock, so the reports come one at a time and in order.
        let _one_at_a_time = report.lock().unwrap_or_else(|e| e.into_inner());
        let done = {
            let mut b = board.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = b.running.get_mut(&hosts[i]) {
                *n -= 1;
            }
            b.done += 1;
            b.done
        };
        turn.notify_all();
        if let Some(progress) = &options.progress
            && !cancelled.load(Ordering::Relaxed)
            && !progress(done, queries.len())
        {
            cancelled.store(true, Ordering::Relaxed);
            turn.notify_all();
        }
    };

    std::thread::scope(|scope| {
        for _ in 0..options.jobs.min(queries.len()) {
            scope.spawn(|| {
                while let Some(i) = next() {
                    let outcome = queries[i].execute_with(&settings_of(queries[i]));
                    *outcomes[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
                    finished(i);
                }
            });
        }
    });

    Ok(outcomes
        .into_iter()
        .map(|slot| {
            let outcome = slot.into_inner().unwrap_or_else(|e| e.into_inner());
            outcome.unwrap_or_else(|| {
                Err(Error::new(
                    ErrorKind::Cancelled,
                    "the batch was cancelled before this query started",
                ))
            })
        })
        .collect())
}
