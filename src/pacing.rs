//! Pacing per host, shared by the requests of a batch: the least time between two request
//! starts to one origin, and a host-wide pause when one of them is told to wait
//! (`Retry-After` on 429 or 503), so that the other requests to that host wait too instead
//! of being refused in turn.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

/// The next start allowed per origin. Thread-safe; shared through an `Arc` in
/// [`crate::http::Settings::pacing`].
#[derive(Debug, Default)]
pub struct HostPacing {
    min_interval: Duration,
    hosts: Mutex<HashMap<String, Host>>,
}

/// When one origin may be asked next.
#[derive(Debug, Default)]
struct Host {
    /// The last start plus the least interval.
    next_start: Option<Instant>,
    /// The end of the pause the host asked for.
    paused_until: Option<Instant>,
}

/// Compared by identity (settings are equal when they share one pacing).
impl PartialEq for HostPacing {
    fn eq(&self, other: &HostPacing) -> bool {
        std::ptr::eq(self, other)
    }
}

impl HostPacing {
    /// Pacing with at least `min_interval` between two request starts to one origin (ZERO:
    /// only the pauses servers ask for).
    pub fn new(min_interval: Duration) -> HostPacing {
        HostPacing {
            min_interval,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Blocks until a request to `url`'s origin may start, and takes that start. A turn is
    /// taken only when it has come (not booked ahead), so a pause set meanwhile holds every
    /// waiter. An error (timeout) when the turn would come after `deadline`.
    pub(crate) fn wait_turn(&self, url: &str, deadline: Instant) -> Result<()> {
        let origin = origin_key(url);
        loop {
            let start = {
                let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                let host = hosts.entry(origin.clone()).or_default();
                let start = [host.next_start, host.paused_until]
                    .into_iter()
                    .flatten()
                    .fold(now, Instant::max);
                if start <= now {
                    host.next_start = Some(now + self.min_interval);
                    return Ok(());
                }
                start
            };
            if start > deadline {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "{url}: the host's next turn comes {:.1} s from now, past this \
                         request's timeout",
                        start
                            .saturating_duration_since(Instant::now())
                            .as_secs_f64()
                    ),
                ));
            }
            std::thread::sleep(start.saturating_duration_since(Instant::now()));
        }
    }

    /// No request to `url`'s origin starts before `wait` from now (the server's Retry-After).
    pub(crate) fn pause(&self, url: &str, wait: Duration) {
        let until = Instant::now() + wait;
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        let host = hosts.entry(origin_key(url)).or_default();
        host.paused_until = Some(host.paused_until.map_or(until, |at| at.max(until)));
    }
}

/// `scheme://host[:port]` of `url`, the unit that pacing and per-host limits count in; the
/// URL itself when it has none.
pub(crate) fn origin_key(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| url.to_string(), |u| u.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_to_one_host_are_spaced_and_other_hosts_are_not() {
        let pacing = HostPacing::new(Duration::from_millis(100));
        let started = Instant::now();
        let far = started + Duration::from_secs(5);
        for _ in 0..3 {
            pacing.wait_turn("http://a.org/x", far).unwrap();
        }
        pacing.wait_turn("http://b.org:8080/y", far).unwrap();
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(200), "{took:?}");
        assert!(took < Duration::from_millis(290), "{took:?}");
    }

    #[test]
    fn a_pause_holds_the_whole_host_and_a_turn_past_the_deadline_is_a_timeout() {
        let pacing = HostPacing::default();
        pacing.pause("http://a.org/x", Duration::from_secs(30));
        let soon = Instant::now() + Duration::from_secs(1);
        let e = pacing.wait_turn("http://a.org/other", soon).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
        pacing.wait_turn("https://a.org/x", soon).unwrap(); // another origin
    }
}
