//! An SIA service: base URL, protocol version, transport settings, one HTTP agent.
//!
//! A [`Service`] is `Send + Sync` and meant to be shared through an `Arc`: every [`Query`]
//! made from it holds a clone, so the two may be dropped in any order. All queries of one
//! service use the same ureq agent, its connection pool (see [`Settings::keepalive`] for when
//! a connection is kept alive).
//! Settings may be changed at any time (they sit behind a lock); a change applies to requests
//! started afterwards. The service self-description (SIA 1.0 `FORMAT=METADATA`, SIA 2.0
//! `MAXREC=0`) and the VOSI capabilities are fetched on first use and cached; a failed fetch is
//! not cached.
//!
//! [`Query`]: crate::query::Query

use std::ffi::{CStr, CString};
use std::path::Path;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::time::Duration;

use crate::SiaVersion;
use crate::describe::{self, Metadata};
use crate::download;
use crate::error::{Error, Result};
use crate::fetch;
use crate::http::{self, Settings};
use crate::params::Params;
use crate::vosi::{self, Availability, Capability};

/// A remote SIA 1.0 or 2.0 query endpoint.
pub struct Service {
    /// The base URL as given, NUL-terminated so that C can borrow it.
    base_url: CString,
    version: SiaVersion,
    agent: ureq::Agent,
    settings: RwLock<Settings>,
    /// Set once, on first successful fetch; no lock is held while fetching, so readers of the
    /// cache never wait on the network (two first fetches may race; either result is kept).
    metadata: OnceLock<Arc<Metadata>>,
    capabilities: OnceLock<Arc<Vec<Capability>>>,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("base_url", &self.base_url)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// A URL that passed [`check_base_url`], NUL-terminated (it holds no NUL: a URL cannot).
fn c_url(url: &str) -> CString {
    CString::new(url).unwrap_or_default()
}

/// An http(s) URL without NUL or fragment that parses, else an InvalidArg error.
pub(crate) fn check_base_url(url: &str) -> Result<()> {
    if url.contains('\0') {
        return Err(Error::invalid(
            "the service URL must not contain a NUL byte",
        ));
    }
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(Error::invalid(format!(
            "the service URL must start with http:// or https:// (got {url:?})"
        )));
    }
    if url.contains('#') {
        return Err(Error::invalid(format!(
            "the service URL must not carry a fragment (#...): {url:?}"
        )));
    }
    url.parse::<ureq::http::Uri>()
        .map_err(|e| Error::invalid(format!("the service URL {url:?} is not a valid URL: {e}")))?;
    Ok(())
}

fn lock_err<T>(_: PoisonError<T>) -> Error {
    Error::new(
        crate::ErrorKind::Internal,
        "a service lock was poisoned by an earlier panic",
    )
}

impl Service {
    /// A service at `base_url` (kept as given, including any query string of its own) speaking
    /// `version`, with default settings (see [`Settings`]). No request is made.
    pub fn new(base_url: &str, version: SiaVersion) -> Result<Service> {
        check_base_url(base_url)?;
        Ok(Service {
            base_url: c_url(base_url.trim()),
            version,
            agent: http::new_agent(),
            settings: RwLock::new(Settings::default()),
            metadata: OnceLock::new(),
            capabilities: OnceLock::new(),
        })
    }

    /// Finds the SIA 2.0 query endpoint from a VOSI capabilities URL or a service base URL,
    /// as registries hand them out, and makes a service for it. Tries the URL itself when it
    /// ends in `capabilities`, else `<url>/capabilities` (query string dropped), then the sibling
    /// `.../capabilities`. The capabilities found are cached on the new service.
    pub fn discover(url: &str, settings: Settings) -> Result<Service> {
        check_base_url(url)?;
        let agent = http::new_agent();
        let candidates = vosi::capabilities_urls(url);
        let (found_at, caps) = fetch::first_ok("VOSI capabilities document", &candidates, |u| {
            let body = fetch::document(&agent, &settings, u)?;
            Ok((u.to_string(), vosi::parse_capabilities(&body)?))
        })?;
        let endpoint = vosi::find_sia2_endpoint(&caps).ok_or_else(|| {
            Error::invalid(format!(
                "{found_at} lists no SIA 2.0 query capability \
                 (standardID ivo://ivoa.net/std/SIA#query-2.0) with an anonymous \
                 interface; this URL does not seem to be an SIA 2.0 service"
            ))
        })?;
        check_base_url(&endpoint)?;
        Ok(Service {
            base_url: c_url(&endpoint),
            version: SiaVersion::V2,
            agent,
            settings: RwLock::new(settings),
            metadata: OnceLock::new(),
            capabilities: OnceLock::from(Arc::new(caps)),
        })
    }

    /// A service at `url` speaking the SIA version it offers, as a user who does not know
    /// it would find out. When its VOSI capabilities (tried as [`Service::discover`] tries
    /// them) list `url` as an SIA endpoint, that says the version. Otherwise the service at
    /// `url` is asked to describe itself (`FORMAT=METADATA&MAXREC=0`, which SIA 1.0 and 2.0
    /// services both answer without running a search): an input `SIZE` means SIA 1.0;
    /// `BAND`, `TIME`, `CALIB`, `DPTYPE` or `COLLECTION` mean 2.0. Only when that fails too and
    /// the capabilities list an SIA endpoint elsewhere (`url` was a service's base URL) is that
    /// endpoint used: the SIA 2.0 one, else 1.0. A network failure is returned as it is.
    pub fn detect(url: &str, settings: Settings) -> Result<Service> {
        check_base_url(url)?;
        let agent = http::new_agent();
        let candidates = vosi::capabilities_urls(url);
        let found = fetch::first_ok("VOSI capabilities document", &candidates, |u| {
            vosi::parse_capabilities(&fetch::document(&agent, &settings, u)?)
        });
        let given = url.trim().to_string();
        let (version, base, caps) = match found {
            Err(e) if is_network(e.kind()) => return Err(e),
            Err(no_caps) => {
                let why = format!("it has no VOSI capabilities ({})", no_caps.message());
                let version = version_by_trial(&agent, &settings, url, &why)?;
                (version, given, None)
            }
            Ok(caps) => match vosi::sia_version_listed(&caps, url) {
                Some(version) => (version, given, Some(caps)),
                None => {
                    let unlisted =
                        format!("its VOSI capabilities do not list {url} as an SIA endpoint");
                    match version_by_trial(&agent, &settings, url, &unlisted) {
                        Ok(version) => (version, given, Some(caps)),
                        Err(e) if is_network(e.kind()) => return Err(e),
                        Err(e) => {
                            let (version, endpoint) =
                                vosi::preferred_sia_endpoint(&caps).ok_or(e)?;
                            (version, endpoint, Some(caps))
                        }
                    }
                }
            },
        };
        check_base_url(&base)?;
        Ok(Service {
            base_url: c_url(&base),
            version,
            agent,
            settings: RwLock::new(settings),
            metadata: OnceLock::new(),
            capabilities: caps.map_or_else(OnceLock::new, |c| OnceLock::from(Arc::new(c))),
        })
    }

    /// The base URL, as given.
    pub fn base_url(&self) -> &str {
        self.base_url.to_str().unwrap_or("")
    }

    /// The base URL, NUL-terminated.
    pub fn c_base_url(&self) -> &CStr {
        &self.base_url
    }

    /// The SIA version this service speaks.
    pub fn version(&self) -> SiaVersion {
        self.version
    }

    /// The HTTP agent (connection pool) of this service, for the other protocols sent
    /// through it (TAP, see [`crate::tap`]).
    pub(crate) fn agent(&self) -> &ureq::Agent {
        &self.agent
    }

    /// Sends the query `params` with this service's agent and `settings` (the service's
    /// own, or a batch's) and reads the answer as SIA results of this service's version, as
    /// `reading` says: a GET of the URL, or a POST of the same parameters to the base URL
    /// when the URL is longer than [`Settings::post_above`]. With `save`, the response's
    /// bytes are also written there (see [`crate::query::Query::execute_saving`]).
    pub(crate) fn fetch_results(
        &self,
        params: &Params,
        settings: &Settings,
        save: Option<&Path>,
        reading: fetch::Reading<'_>,
    ) -> Result<crate::Results> {
        let url = params.url(self.base_url());
        let (url, form) = if url.len() as u64 > settings.post_above {
            (self.base_url().to_string(), Some(params.query_string()))
        } else {
            (url, None)
        };
        let request = fetch::Request {
            url: &url,
            form: form.as_deref(),
            version: self.version,
            save,
        };
        fetch::results(&self.agent, settings, request, reading)
    }

    /// Queries whose GET URL would be longer than `bytes` are POSTed (0: every query).
    pub fn set_post_above(&self, bytes: u64) -> Result<()> {
        self.update(|s| s.post_above = bytes)
    }

    /// A snapshot of the current settings.
    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<()> {
        let mut guard = self.settings.write().map_err(lock_err)?;
        change(&mut guard);
        Ok(())
    }

    /// The whole-request timeout (connect, send, wait, body, retries), in seconds (> 0).
    pub fn set_timeout(&self, seconds: f64) -> Result<()> {
        let d = positive_duration("timeout", seconds)?;
        self.update(|s| s.timeout = d)
    }

    /// The timeout for establishing a connection (TCP and TLS), in seconds (> 0).
    pub fn set_connect_timeout(&self, seconds: f64) -> Result<()> {
        let d = positive_duration("connect timeout", seconds)?;
        self.update(|s| s.connect_timeout = d)
    }

    /// The largest response body accepted, in bytes after decompression; 0 means no limit.
    pub fn set_max_response_bytes(&self, bytes: u64) -> Result<()> {
        self.update(|s| s.max_response_bytes = bytes)
    }

    /// Trusts only the CA certificates of the PEM file at `path` for `https` (instead of the
    /// system store), as curl's `--cacert`: for a service with a CA of its own.
    pub fn set_ca_file(&self, path: &Path) -> Result<()> {
        let change = crate::tls::TlsFile::ca_file(path)?;
        self.update(|s| s.tls = Some(change.onto(s.tls.as_ref())))
    }

    /// Presents the client certificate of the PEM file at `path` (certificate, chain, key)
    /// to `https` servers that ask for one.
    pub fn set_client_cert(&self, path: &Path) -> Result<()> {
        let change = crate::tls::TlsFile::client_cert(path)?;
        self.update(|s| s.tls = Some(change.onto(s.tls.as_ref())))
    }

    /// The most bytes a parsed response may keep in memory; 0 means no limit (see
    /// [`Settings::memory_budget`]).
    pub fn set_memory_budget(&self, bytes: u64) -> Result<()> {
        self.update(|s| s.memory_budget = bytes)
    }

    /// Reads large TABLEDATA responses on `threads` threads (0: one per core; 1, the
    /// default: the calling thread only); see [`Settings::reader_threads`].
    pub fn set_reader_threads(&self, threads: usize) -> Result<()> {
        let threads = crate::results::thread_count(threads);
        self.update(|s| s.reader_threads = threads)
    }

    /// Retries on HTTP 429/503: at most `max_retries` more attempts, sleeping at most
    /// `max_wait_seconds` in total (honouring `Retry-After`, else backing off 0.5 s, 1 s, 2 s...).
    pub fn set_retries(&self, max_retries: u32, max_wait_seconds: f64) -> Result<()> {
        if !(max_wait_seconds.is_finite() && max_wait_seconds >= 0.0) {
            return Err(Error::invalid(format!(
                "the retry wait must be a finite number of seconds >= 0 (got {max_wait_seconds})"
            )));
        }
        // Capped, as Duration::from_secs_f64 panics on huge values; a wait past the
        // whole-request timeout cannot happen anyway.
        let wait = Duration::from_secs_f64(max_wait_seconds.min(1e9));
        self.update(|s| {
            s.max_retries = max_retries;
            s.max_retry_wait = wait;
        })
    }

    /// The largest dataset a download accepts, in bytes; 0 (the default) means no limit.
    pub fn set_max_download_bytes(&self, bytes: u64) -> Result<()> {
        self.update(|s| s.max_download_bytes = bytes)
    }

    /// The whole time one download may take, in seconds (> 0; default 3600).
    pub fn set_download_timeout(&self, seconds: f64) -> Result<()> {
        let d = positive_duration("download timeout", seconds)?;
        self.update(|s| s.download_timeout = d)
    }

    /// How many downloads of a batch run at once: 1 to 64 (default 4).
    pub fn set_download_jobs(&self, jobs: u32) -> Result<()> {
        if !(1..=64).contains(&jobs) {
            return Err(Error::invalid(format!(
                "the number of parallel downloads must be 1 to 64 (got {jobs})"
            )));
        }
        self.update(|s| s.download_jobs = jobs)
    }

    /// Downloads `item` into `dir` with this service's agent and settings; see
    /// [`crate::download`].
    pub fn download(
        &self,
        item: &download::Item,
        dir: &Path,
        options: download::Options,
    ) -> Result<download::Saved> {
        download::download(&self.agent, &self.settings(), item, dir, options)
    }

    /// Downloads the datasets of `rows` of `results` into `dir`; see
    /// [`download::download_rows`].
    pub fn download_rows(
        &self,
        results: &crate::Results,
        rows: std::ops::Range<usize>,
        dir: &Path,
        options: download::Options,
    ) -> Vec<Result<download::Saved>> {
        download::download_rows(&self.agent, &self.settings(), results, rows, dir, options)
    }

    /// Cuts `params` (SODA `CIRCLE`, `POLYGON`, `POS`, `BAND`, `TIME`, `POL`, ...) out of the
    /// datasets of `rows` of `results` into `dir`; see [`crate::soda`].
    pub fn cutout_rows(
        &self,
        results: &crate::Results,
        rows: std::ops::Range<usize>,
        params: &[(String, String)],
        dir: &Path,
        options: download::Options,
    ) -> Vec<Result<download::Saved>> {
        crate::soda::cutout_rows(
            &self.agent,
            &self.settings(),
            results,
            rows,
            params,
            dir,
            options,
        )
    }

    /// The DataLink links of `rows` of `results` in one request; see
    /// [`crate::datalink::links_of_rows`].
    pub fn datalink_rows(
        &self,
        results: &crate::Results,
        rows: std::ops::Range<usize>,
    ) -> Result<crate::Results> {
        crate::datalink::links_of_rows(&self.agent, &self.settings(), results, rows)
    }

    /// Downloads every item into `dir`, in parallel; one outcome per item, in order.
    pub fn download_all(
        &self,
        items: &[download::Item],
        dir: &Path,
        options: download::Options,
    ) -> Vec<Result<download::Saved>> {
        download::download_all(&self.agent, &self.settings(), items, dir, options)
    }

    /// Keep connections alive between requests, or open one per request (by default kept
    /// alive except for plain http to this machine, see [`Settings::keepalive`]).
    pub fn set_keepalive(&self, on: bool) -> Result<()> {
        self.update(|s| s.keepalive = Some(on))
    }

    /// The function told about each file of a download batch; see
    /// [`Settings::file_progress`].
    pub fn set_file_progress(&self, report: Option<download::FileProgress>) -> Result<()> {
        self.update(|s| s.file_progress = report)
    }

    /// The progress function told about every response body this service reads (`None`:
    /// no reports); see [`http::Progress`].
    pub fn set_progress(&self, progress: Option<http::Progress>) -> Result<()> {
        self.update(|s| s.progress = progress)
    }

    /// Adds a header sent with every request (e.g. `Authorization`, `Cookie`).
    pub fn add_header(&self, name: &str, value: &str) -> Result<()> {
        ureq::http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid(format!("{name:?} is not a valid HTTP header name")))?;
        ureq::http::HeaderValue::from_str(value).map_err(|_| {
            Error::invalid(format!(
                "the value for header {name:?} is not a valid HTTP header value"
            ))
        })?;
        let (name, value) = (name.to_string(), value.to_string());
        self.update(|s| s.headers.push((name, value)))
    }

    /// Lets a redirect to `origin` (`scheme://host[:port]`) carry the headers of
    /// [`Service::add_header`], as it does within the origin asked for: for an archive whose
    /// data host is its own (curl's `--location-trusted`, for one origin). Other origins still
    /// get none.
    pub fn trust_redirects_to(&self, origin: &str) -> Result<()> {
        let origin = crate::redirect::origin_of(origin)?;
        self.update(|s| {
            if !s.trusted_origins.contains(&origin) {
                s.trusted_origins.push(origin)
            }
        })
    }

    /// The service's self-description: its input parameters and output columns, from
    /// `FORMAT=METADATA` (SIA 1.0) or `MAXREC=0` (SIA 2.0). Fetched once, then cached.
    pub fn metadata(&self) -> Result<Arc<Metadata>> {
        if let Some(m) = self.metadata.get() {
            return Ok(Arc::clone(m));
        }
        let mut params = Params::new(self.version);
        match self.version {
            SiaVersion::V1 => params.set_format("METADATA")?,
            SiaVersion::V2 => params.set_maxrec(0)?,
        }
        let url = params.url(self.base_url());
        let body = fetch::document(&self.agent, &self.settings(), &url)?;
        let meta = Arc::new(describe::parse_metadata(&body)?);
        Ok(Arc::clone(self.metadata.get_or_init(|| meta)))
    }

    /// The metadata if it has been fetched already (no request is made); it lives as long
    /// as the service.
    pub fn cached_metadata(&self) -> Option<&Metadata> {
        self.metadata.get().map(|m| &**m)
    }

    /// The VOSI capabilities of this service (the sibling `capabilities` endpoint, or
    /// `<base>/capabilities`). Fetched once, then cached.
    pub fn capabilities(&self) -> Result<Arc<Vec<Capability>>> {
        if let Some(c) = self.capabilities.get() {
            return Ok(Arc::clone(c));
        }
        let settings = self.settings();
        let candidates = vosi::sibling_urls(self.base_url(), "capabilities");
        let caps = fetch::first_ok("VOSI capabilities", &candidates, |u| {
            vosi::parse_capabilities(&fetch::document(&self.agent, &settings, u)?)
        })?;
        Ok(Arc::clone(self.capabilities.get_or_init(|| Arc::new(caps))))
    }

    /// The capabilities if they have been fetched already (no request is made); they live
    /// as long as the service.
    pub fn cached_capabilities(&self) -> Option<&[Capability]> {
        self.capabilities.get().map(|c| c.as_slice())
    }

    /// The VOSI availability of this service, asked afresh on every call (not cached).
    pub fn availability(&self) -> Result<Availability> {
        let settings = self.settings();
        let candidates = vosi::sibling_urls(self.base_url(), "availability");
        fetch::first_ok("VOSI availability", &candidates, |u| {
            vosi::parse_availability(&fetch::document(&self.agent, &settings, u)?)
        })
    }
}

fn is_network(kind: crate::ErrorKind) -> bool {
    use crate::ErrorKind::{Connect, Timeout, Tls};
    matches!(kind, Connect | Timeout | Tls)
}

/// The SIA version of a service without VOSI capabilities, from its self-description.
fn version_by_trial(
    agent: &ureq::Agent,
    settings: &Settings,
    url: &str,
    why_not_caps: &str,
) -> Result<SiaVersion> {
    let trial = crate::params::join_url(url.trim(), "FORMAT=METADATA&MAXREC=0");
    let cannot_tell = |why: String| {
        Error::invalid(format!(
            "cannot tell which SIA version {url} speaks: {why_not_caps}, and {why}; \
             name the version"
        ))
    };
    let meta = fetch::document(agent, settings, &trial)
        .and_then(|body| describe::parse_metadata(&body))
        .map_err(|e| match e.kind() {
            k if is_network(k) => e,
            _ => cannot_tell(format!(
                "its self-description could not be read ({})",
                e.message()
            )),
        })?;
    let has = |name: &str| meta.param_index(name).is_some();
    if has("SIZE") {
        Ok(SiaVersion::V1)
    } else if ["BAND", "TIME", "CALIB", "DPTYPE", "COLLECTION"]
        .iter()
        .any(|n| has(n))
    {
        Ok(SiaVersion::V2)
    } else {
        Err(cannot_tell("its self-description lists neither SIZE (SIA 1.0) nor BAND, TIME, CALIB, DPTYPE or COLLECTION (SIA 2.0)".into()))
    }
}

/// Settings with a whole-request timeout of `seconds`: 0 keeps the default (120 s); other
/// values as [`Service::set_timeout`] takes them.
pub fn settings_with_timeout(seconds: f64) -> Result<Settings> {
    let mut settings = Settings::default();
    if seconds != 0.0 {
        settings.timeout = positive_duration("timeout", seconds)?;
    }
    Ok(settings)
}

fn positive_duration(what: &str, seconds: f64) -> Result<Duration> {
    // Below 1e9 s (31 years), so that Duration::from_secs_f64 can never panic.
    if !(seconds.is_finite() && seconds > 0.0 && seconds < 1e9) {
        return Err(Error::invalid(format!(
            "the {what} must be a positive, finite number of seconds (got {seconds})"
        )));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_checked() {
        assert!(Service::new("ftp://x/sia", SiaVersion::V1).is_err());
        assert!(Service::new("http://x/sia#frag", SiaVersion::V1).is_err());
        assert!(Service::new("http://x y/sia", SiaVersion::V1).is_err());
        let s = Service::new("http://127.0.0.1:1/sia?COLLECTION=x&", SiaVersion::V2).unwrap();
        assert_eq!(s.base_url(), "http://127.0.0.1:1/sia?COLLECTION=x&");
        assert!(s.set_timeout(0.0).is_err());
        assert!(s.set_timeout(f64::NAN).is_err());
        s.set_timeout(2.5).unwrap();
        assert_eq!(s.settings().timeout, Duration::from_millis(2500));
        assert!(s.add_header("Bad Name", "x").is_err());
        assert!(s.add_header("X-Token", "a\nb").is_err());
        s.add_header("X-Token", "abc").unwrap();
        assert_eq!(s.settings().headers.len(), 1);
    }

    #[test]
    fn service_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Service>();
    }
}
