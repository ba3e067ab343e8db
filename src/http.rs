//! The HTTP transport: ureq 3, blocking, no async runtime. (ureq resolves host names on a
//! helper thread of its own, bounded by the connect timeout; see `vosia.h`, Threads.)
//!
//! One [`ureq::Agent`] per service is its connection pool (TCP_NODELAY is on, so small
//! requests are not held back by Nagle's algorithm); whether a connection is kept alive
//! between requests follows [`Settings::keepalive`]. Every request has a whole-request
//! deadline (connect, send, wait, body, retries included) and a connect timeout; redirects are
//! followed by vosia (see `redirect`: the caller's headers stay on the origin); gzip is accepted; proxies come from the environment (`HTTP_PROXY`, `HTTPS_PROXY`,
//! `ALL_PROXY`, `NO_PROXY`); TLS trusts the system's certificate store; the `User-Agent` is
//! `vosia/<version>`. HTTP 429 and 503 are retried with backoff, honouring `Retry-After`,
//! bounded in count and in total waiting time.
//!
//! Transport knows bytes, not VOTables: `get` hands a non-2xx answer back as a `Refusal`
//! and a 2xx one as a `Body`, a reader that is never buffered whole, enforces the size
//! limit, reports progress and remembers transport failures, so that one (deadline, size
//! limit, connection cut, cancel) wins over the parse error it causes (`Body::finish`).

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::time::{Duration, Instant, SystemTime};

use ureq::http::{Response, StatusCode};

use crate::error::{Error, ErrorKind, Result};

/// Transport settings of a service. All durations are wall-clock time.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Whole request, including connecting, retries and reading the body. Default 120 s.
    pub timeout: Duration,
    /// Establishing one connection (TCP and TLS). Default 10 s.
    pub connect_timeout: Duration,
    /// Largest accepted body in bytes, after decompression; 0 means no limit. Default 1 GiB.
    pub max_response_bytes: u64,
    /// Most bytes a parsed response may keep in memory (its cells, FIELDs, INFOs); 0 means
    /// no limit. Default [`crate::votable::DEFAULT_MEMORY_BUDGET`] (2 GiB).
    pub memory_budget: u64,
    /// Threads a large TABLEDATA response is read on (see
    /// [`crate::votable::read_document_on_threads`]); above 1 the body is read whole into
    /// memory first. Default 1.
    pub reader_threads: usize,
    /// Retries after HTTP 429 or 503. Default 3.
    pub max_retries: u32,
    /// Total time spent sleeping between retries. Default 30 s.
    pub max_retry_wait: Duration,
    /// Extra headers sent with every request, in order.
    pub headers: Vec<(String, String)>,
    /// Origins (`scheme://host[:port]`, as `crate::redirect::origin_of` writes them) that a
    /// redirect may take `headers` to besides the origin asked for. Default none.
    pub trusted_origins: Vec<String>,
    /// Pacing shared with other requests (a batch's): every attempt waits for its host's turn,
    /// and a 429/503 `Retry-After` pauses the whole host. `None` (the default): none.
    pub pacing: Option<std::sync::Arc<crate::pacing::HostPacing>>,
    /// Reuse kept-alive connections between requests: `Some(true)` always, `Some(false)` never
    /// (each request sends `Connection: close`), `None` (the default): kept alive, except for
    /// plain `http` to this machine (`localhost`, 127.0.0.0/8, `::1`). Archives are 20-200 ms
    /// away, where a new connection costs a round trip (and for https a TLS handshake): 50 ms
    /// away, 10 queries took 0.51 s kept alive and 1.01 s with a connection each, and 200
    /// positions against DaCHS 4.27 s against 6.82 s. On loopback a connection costs nothing,
    /// while on a kept-alive one a server that writes headers and body separately with
    /// Nagle's algorithm on (DaCHS, the most common SIA server) meets the client's delayed ACK
    /// and each response stalls about 40 ms: 50 queries took 2.0 s kept alive and 0.6 s
    /// without.
    pub keepalive: Option<bool>,
    /// Told the bytes of a response body read so far and the bytes expected; its `false`
    /// cancels the transfer. `None` (the default): no reports.
    pub progress: Option<Progress>,
    /// Told about each file of a download batch (its bytes, then how it ended), for a display
    /// per file; its `false` cancels the batch as [`Settings::progress`]'s does. `None` (the
    /// default): no reports.
    pub file_progress: Option<crate::download::FileProgress>,
    /// Largest dataset a download accepts, in bytes; 0 (the default) means no limit. Separate
    /// from `max_response_bytes`, which bounds VOTables held in memory.
    pub max_download_bytes: u64,
    /// Whole time for one download (connect, wait, body, retries), which a large file needs
    /// more of than a query. Default 1 hour.
    pub download_timeout: Duration,
    /// A CA bundle trusted instead of the system store, and a client certificate (see
    /// [`crate::tls::Tls`]). `None` (the default): the system store, no client certificate.
    pub tls: Option<crate::tls::Tls>,
    /// How many downloads of a batch run at once. Default 4.
    pub download_jobs: u32,
    /// A query whose GET URL would be longer than this many bytes is sent as a POST of the
    /// same parameters (DALI allows both; servers refuse long URLs); 0 POSTs every query.
    /// Default 4096.
    pub post_above: u64,
}

/// A progress function: `(bytes read so far, bytes expected if known) -> keep going?`.
/// Called on the thread that reads the body, once when the headers have arrived and after
/// every chunk of the body; it must not block for long.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(u64, Option<u64>) -> bool + Send + Sync>);

impl Progress {
    fn call(&self, read: u64, expected: Option<u64>) -> bool {
        (self.0)(read, expected)
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress(..)")
    }
}

impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Settings {
    /// Whether a request to `url` reuses kept-alive connections (see [`Settings::keepalive`]).
    pub fn keeps_alive(&self, url: &str) -> bool {
        self.keepalive
            .unwrap_or_else(|| is_https(url) || !is_loopback(url))
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            max_response_bytes: 1 << 30,
            memory_budget: crate::votable::DEFAULT_MEMORY_BUDGET,
            reader_threads: 1,
            max_retries: 3,
            max_retry_wait: Duration::from_secs(30),
            headers: Vec::new(),
            trusted_origins: Vec::new(),
            pacing: None,
            keepalive: None,
            progress: None,
            file_progress: None,
            max_download_bytes: 0,
            download_timeout: Duration::from_secs(3600),
            download_jobs: 4,
            tls: None,
            post_above: 4096,
        }
    }
}

/// Bytes of an error body kept for the message, and read at most from it.
const ERROR_BODY_READ: u64 = 64 * 1024;
const ERROR_SNIPPET_CHARS: usize = 300;
/// Bytes looked at before parsing, to recognise HTML and other non-VOTable answers.
const PEEK_BYTES: usize = 512;
/// After a successful parse, at most this much trailing body is drained so the connection can
/// go back to the pool.
const DRAIN_BYTES: u64 = 1 << 20;
/// VOSI and metadata documents are small; never hold more than this of one in memory.
const DOCUMENT_LIMIT: u64 = 32 << 20;

/// The HTTP client the download and DataLink functions take (ureq's).
pub type Agent = ureq::Agent;

/// A new agent: the connection pool of one service, for the functions that take one (e.g.
/// [`crate::download::download_rows`] of a saved response). Timeouts are set per request.
pub fn new_agent() -> Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let config = Agent::config_builder()
        .http_status_as_error(false)
        .user_agent(format!("vosia/{}", crate::VERSION))
        .tls_config(tls)
        // Redirects are followed by `send` (see `redirect`), which decides what goes along.
        .max_redirects(0)
        .max_redirects_will_error(false)
        .no_delay(true)
        .timeout_global(Some(Settings::default().timeout))
        .build();
    // Every name resolved on the caller's thread, within the deadline (see `resolver`).
    Agent::with_parts(
        config,
        ureq::unversioned::transport::DefaultConnector::default(),
        crate::resolver::CallerThread::default(),
    )
}

/// One HTTP exchange after retries: the final response and what it took.
struct Exchange {
    response: Response<ureq::Body>,
    retries: u32,
    note: String,
}

fn remaining(deadline: Instant, url: &str, total: Duration) -> Result<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Error::new(
            ErrorKind::Timeout,
            format!(
                "no complete answer from {url} within the {} s timeout",
                secs(total)
            ),
        ));
    }
    Ok(left)
}

fn secs(d: Duration) -> String {
    crate::numfmt::format_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

/// A request body: its content type and text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Post<'a> {
    pub content_type: &'static str,
    pub body: &'a str,
}

impl Post<'_> {
    /// An `application/x-www-form-urlencoded` form (DALI queries, TAP, DataLink).
    pub(crate) fn form(body: &str) -> Post<'_> {
        Post {
            content_type: "application/x-www-form-urlencoded",
            body,
        }
    }
}

/// Sends a GET (or, with `post`, a POST of that body)
/// with the service's headers and `extra` ones, retrying 429/503 within the bounds of
/// `settings`; `total` bounds the whole exchange, body included.
fn send(
    agent: &Agent,
    settings: &Settings,
    url: &str,
    post: Option<Post<'_>>,
    extra: &[(&str, String)],
    total: Duration,
) -> Result<Exchange> {
    let deadline = Instant::now() + total;
    let mut target = url.to_string();
    let mut post = post;
    for _ in 0..=crate::redirect::MAX_REDIRECTS {
        let left = remaining(deadline, url, total)?;
        // The caller's headers go to the origin asked for, and to those the caller trusts.
        let callers = crate::redirect::may_carry_headers(url, &target, &settings.trusted_origins);
        let exchange = send_retrying(agent, settings, &target, post, extra, left, callers)?;
        let Some(next) = crate::redirect::next(&exchange.response, &target)? else {
            return Ok(exchange);
        };
        let mut body = exchange.response.into_body();
        let _ = io::copy(&mut body.as_reader().take(ERROR_BODY_READ), &mut io::sink());
        if next.as_get {
            post = None;
        }
        target = next.url;
    }
    Err(crate::redirect::too_many(url, &target))
}

/// One request with its retries after 429 and 503; `callers`: send the service's headers.
fn send_retrying(
    agent: &Agent,
    settings: &Settings,
    url: &str,
    post: Option<Post<'_>>,
    extra: &[(&str, String)],
    total: Duration,
    callers: bool,
) -> Result<Exchange> {
    let deadline = Instant::now() + total;
    let mut retries = 0;
    let mut waited = Duration::ZERO;
    loop {
        if let Some(pacing) = &settings.pacing {
            pacing.wait_turn(url, deadline)?;
        }
        let left = remaining(deadline, url, total)?;
        let sent = match post {
            None => prepare(agent.get(url), settings, url, extra, left, callers).call(),
            Some(post) => prepare(agent.post(url), settings, url, extra, left, callers)
                .header("Content-Type", post.content_type)
                .send(post.body),
        };
        let response = sent.map_err(|e| {
            if post.is_none() && url.len() > LONG_URL && closed_unanswered(&e) {
                long_url_refused(url, settings)
            } else {
                map_ureq(e, url, settings, "requesting")
            }
        })?;
        let status = response.status();
        if status != StatusCode::TOO_MANY_REQUESTS && status != StatusCode::SERVICE_UNAVAILABLE {
            return Ok(Exchange {
                response,
                retries,
                note: String::new(),
            });
        }
        let wait = retry_after(&response).unwrap_or_else(|| backoff(retries));
        let budget = settings
            .max_retry_wait
            .saturating_sub(waited)
            .min(deadline.saturating_duration_since(Instant::now()));
        let note = if retries >= settings.max_retries {
            format!(" (gave up after {retries} retries)")
        } else if wait > budget {
            format!(
                " (the server asked to wait {} s, more than the {} s left to wait; gave up after {retries} retries)",
                secs(wait),
                secs(budget)
            )
        } else {
            String::new()
        };
        if !note.is_empty() {
            return Ok(Exchange {
                response,
                retries,
                note,
            });
        }
        // Read the (small) error body so the connection can be reused.
        let mut body = response.into_body();
        let _ = io::copy(&mut body.as_reader().take(ERROR_BODY_READ), &mut io::sink());
        match &settings.pacing {
            // The next attempt waits for the host's turn, as every other request to it does.
            Some(pacing) => pacing.pause(url, wait),
            None => std::thread::sleep(wait),
        }
        waited += wait;
        retries += 1;
    }
}

/// A request with the timeouts left, the service's headers (when `callers`), `extra` ones
/// and the connection choice.
fn prepare<B>(
    request: ureq::RequestBuilder<B>,
    settings: &Settings,
    url: &str,
    extra: &[(&str, String)],
    left: Duration,
    callers: bool,
) -> ureq::RequestBuilder<B> {
    let mut request = request
        .config()
        .timeout_global(Some(left))
        .timeout_connect(Some(settings.connect_timeout.min(left)))
        .build();
    if let Some(tls) = &settings.tls {
        request = request.config().tls_config(tls.config().clone()).build();
    }
    for (name, value) in settings.headers.iter().filter(|_| callers) {
        request = request.header(name.as_str(), value.as_str());
    }
    for (name, value) in extra {
        request = request.header(*name, value.as_str());
    }
    if !settings.keeps_alive(url) {
        request = request.header("Connection", "close");
    }
    request
}

/// A GET URL longer than this that the server closes the connection on was most likely
/// refused for its length (DaCHS answers a 21 KB URL with an empty reply).
const LONG_URL: usize = 4096;

/// The connection closed (or was reset) after the request, without an answer.
fn closed_unanswered(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => matches!(
            io.kind(),
            io::ErrorKind::UnexpectedEof
                | io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
        ),
        ureq::Error::Protocol(_) => true,
        _ => false,
    }
}

fn long_url_refused(url: &str, settings: &Settings) -> Error {
    Error::new(
        ErrorKind::Http,
        format!(
            "the server closed the connection without answering a GET of {} bytes ({}...): \
             servers often refuse URLs that long; vosia POSTs a query whose URL is over {} \
             bytes (vosia_service_set_post_above)",
            url.len(),
            url.chars().take(80).collect::<String>(),
            settings.post_above
        ),
    )
}

fn backoff(retries: u32) -> Duration {
    Duration::from_millis(500u64.saturating_mul(1 << retries.min(10)))
}

/// `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
fn retry_after(response: &Response<ureq::Body>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn map_ureq(e: ureq::Error, url: &str, settings: &Settings, doing: &str) -> Error {
    use ureq::Error as U;
    let (kind, what) = match &e {
        U::Timeout(t) => {
            let budget = match t {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => settings.connect_timeout,
                _ => settings.timeout,
            };
            return Error::new(
                ErrorKind::Timeout,
                format!(
                    "timed out {doing} {url} ({t} timeout of {} s passed); \
                     raise the service timeout if the service is just slow",
                    secs(budget)
                ),
            );
        }
        U::HostNotFound => (ErrorKind::Connect, "host not found".to_string()),
        U::ConnectionFailed | U::ConnectProxyFailed(_) | U::InvalidProxyUrl => {
            (ErrorKind::Connect, e.to_string())
        }
        U::Io(io) => match io.kind() {
            io::ErrorKind::ConnectionRefused => (
                ErrorKind::Connect,
                "connection refused (is the service running, is the port right?)".to_string(),
            ),
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => (
                ErrorKind::Timeout,
                format!("timed out ({io}); timeout {} s", secs(settings.timeout)),
            ),
            // rustls hands its failures (a corrupt record, an alert) to ureq as InvalidData;
            // a plain TCP socket never reports that kind.
            io::ErrorKind::InvalidData if is_https(url) => (ErrorKind::Tls, io.to_string()),
            _ if looks_like_tls(&io.to_string()) => (ErrorKind::Tls, io.to_string()),
            _ => (ErrorKind::Connect, io.to_string()),
        },
        U::Tls(_) | U::Rustls(_) | U::Pem(_) | U::TlsRequired => (ErrorKind::Tls, e.to_string()),
        U::BodyExceedsLimit(n) => (
            ErrorKind::TooLarge,
            format!("the response is larger than the limit of {n} bytes"),
        ),
        U::TooManyRedirects | U::RedirectFailed => (ErrorKind::Http, e.to_string()),
        U::BadUri(_) | U::Http(_) => (ErrorKind::InvalidArg, e.to_string()),
        U::Decompress(..) => (ErrorKind::Format, e.to_string()),
        _ => (ErrorKind::Http, e.to_string()),
    };
    let what = if kind == ErrorKind::Tls {
        with_tls_hint(what)
    } else {
        what
    };
    Error::new(kind, format!("{doing} {url} failed: {what}"))
}

/// A TLS failure with what to do about the common ones.
fn with_tls_hint(what: String) -> String {
    let lower = what.to_ascii_lowercase();
    let hint = if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        "the server's certificate is not signed by a CA vosia trusts; if the service has a CA \
         of its own, trust it with vosia_service_set_ca_file"
    } else if lower.contains("certificaterequired") || lower.contains("certificate required") {
        "the server asks for a client certificate: give one with vosia_service_set_client_cert"
    } else if lower.contains("notvalidforname") || lower.contains("not valid for name") {
        "the server's certificate is for another host name"
    } else if lower.contains("expired") {
        "the server's certificate has expired (or this machine's clock is wrong)"
    } else {
        return what;
    };
    format!("{what} ({hint})")
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// Whether `url`'s host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.');
            name.eq_ignore_ascii_case("localhost")
                || name.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn looks_like_tls(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["certificate", "tls", "handshake", "x509"]
        .iter()
        .any(|w| t.contains(w))
}

/// The body reader handed to the parser: counts bytes, enforces the limit, and remembers the
/// first transport failure so it can win over the parse error it causes.
struct Guarded<R> {
    inner: R,
    read: u64,
    /// Bytes of the file before this body (a resumed download); counted in the progress
    /// reports and the size limit.
    offset: u64,
    /// The length the server announced, if any.
    expected: Option<u64>,
    limit: u64,
    failure: Option<Error>,
    url: String,
    timeout: Duration,
    progress: Option<Progress>,
    /// What a body that ends before its announced length is: Format for a document (it is
    /// unreadable), Partial for a download (what arrived is kept for resuming).
    cut_short: ErrorKind,
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(f) = &self.failure {
            return Err(io::Error::other(f.message().to_string()));
        }
        match self.inner.read(buf) {
            Ok(n) => {
                self.read += n as u64;
                if n > 0
                    && let Err(cancelled) = self.report()
                {
                    let io = io::Error::other(cancelled.message().to_string());
                    self.failure = Some(cancelled);
                    return Err(io);
                }
                if self.limit > 0 && self.offset + self.read > self.limit {
                    let err = Error::new(
                        ErrorKind::TooLarge,
                        format!(
                            "the response from {} is larger than the limit of {} bytes; \
                             raise the limit or narrow the query (MAXREC, a smaller region)",
                            self.url, self.limit
                        ),
                    );
                    let io = io::Error::other(err.message().to_string());
                    self.failure = Some(err);
                    return Err(io);
                }
                Ok(n)
            }
            Err(e) => {
                let err = self.body_error(e);
                let io = io::Error::other(err.message().to_string());
                self.failure = Some(err);
                Err(io)
            }
        }
    }
}

impl<R> Guarded<R> {
    /// Refuses at once a document whose announced length (`Content-Length`) is over the
    /// limit, instead of reading up to it first (downloads check their total themselves).
    fn refuse_announced_excess(&self) -> Result<()> {
        match self.expected {
            Some(n) if self.limit > 0 && self.offset.saturating_add(n) > self.limit => {
                Err(Error::new(
                    ErrorKind::TooLarge,
                    format!(
                        "the response from {} announces {} bytes (Content-Length), over the \
                         limit of {} bytes; raise the limit or narrow the query (MAXREC, a \
                         smaller region)",
                        self.url,
                        self.offset.saturating_add(n),
                        self.limit
                    ),
                ))
            }
            _ => Ok(()),
        }
    }

    /// Tells the progress function how far the body is; its request to stop is a Cancelled
    /// error.
    fn report(&self) -> Result<()> {
        match &self.progress {
            Some(progress)
                if !progress.call(
                    self.offset + self.read,
                    self.expected.map(|e| e + self.offset),
                ) =>
            {
                Err(Error::new(
                    ErrorKind::Cancelled,
                    format!(
                        "cancelled by the progress function after {} bytes of the response from {}",
                        self.read, self.url
                    ),
                ))
            }
            _ => Ok(()),
        }
    }

    fn body_error(&self, e: io::Error) -> Error {
        let after = format!(
            "after {} bytes of the response from {}",
            self.read, self.url
        );
        match ureq::Error::from(e) {
            ureq::Error::Timeout(t) => Error::new(
                ErrorKind::Timeout,
                format!(
                    "timed out reading the body {after} ({t} timeout of {} s passed)",
                    secs(self.timeout)
                ),
            ),
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                ) =>
            {
                Error::new(
                    ErrorKind::Timeout,
                    format!("timed out reading the body {after}: {io}"),
                )
            }
            ureq::Error::BodyExceedsLimit(n) => Error::new(
                ErrorKind::TooLarge,
                format!("the response is larger than the limit of {n} bytes"),
            ),
            ureq::Error::Decompress(what, io) => Error::format(format!(
                "the {what} compressed body is corrupt {after}: {io}"
            )),
            other => Error::new(
                self.cut_short,
                format!(
                    "the response was cut short {after}: {other} (the connection closed before \
                     the end of the body)"
                ),
            ),
        }
    }
}

fn content_type(response: &Response<ureq::Body>) -> String {
    response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("(none)")
        .to_string()
}

fn status_line(status: StatusCode) -> String {
    format!(
        "HTTP {} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    )
    .trim_end()
    .to_string()
}

/// The start of a body as one readable line: tags of HTML dropped, whitespace collapsed,
/// cut at [`ERROR_SNIPPET_CHARS`].
fn snippet(body: &[u8], html: bool) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut in_tag = false;
    let mut in_skip = false; // inside <script> or <style>
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    while i < chars.len() {
        let (pos, c) = chars[i];
        if html && c == '<' {
            in_tag = true;
            let rest = &lower[pos..];
            if rest.starts_with("<script") || rest.starts_with("<style") {
                in_skip = true;
            } else if rest.starts_with("</script") || rest.starts_with("</style") {
                in_skip = false;
            }
        } else if html && c == '>' && in_tag {
            in_tag = false;
            out.push(' ');
        } else if !in_tag && !in_skip {
            out.push(c);
        }
        i += 1;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // An HTML page's text has its entities decoded (`isn&#39;t`, `&lt;POS&gt;`, `&nbsp;`).
    let collapsed = if html {
        quick_xml::escape::unescape_with(&collapsed, |entity| {
            quick_xml::escape::resolve_predefined_entity(entity)
                .or((entity == "nbsp").then_some(" "))
        })
        .map_or(collapsed.clone(), |text| text.into_owned())
    } else {
        collapsed
    };
    let mut cut: String = collapsed.chars().take(ERROR_SNIPPET_CHARS).collect();
    if collapsed.chars().count() > ERROR_SNIPPET_CHARS {
        cut.push_str(" ...");
    }
    cut
}

fn is_html(content_type: &str, head: &[u8]) -> bool {
    if content_type.to_ascii_lowercase().contains("html") {
        return true;
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<html") || t.starts_with("<!doctype html")
}

fn is_xml_start(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// A non-2xx answer: its status line and the start of its body, for the caller to look into
/// (an error VOTable in it wins, see `fetch`) before turning it into an Http error.
pub(crate) struct Refusal {
    /// The HTTP status code.
    pub(crate) status: u16,
    line: String,
    url: String,
    content_type: String,
    /// The first [`ERROR_BODY_READ`] bytes of the body.
    pub(crate) body: Vec<u8>,
    retries: String,
}

impl Refusal {
    fn read(exchange: Exchange, url: &str) -> Refusal {
        let status = exchange.response.status();
        let content_type = content_type(&exchange.response);
        let mut body = Vec::new();
        let _ = exchange
            .response
            .into_body()
            .as_reader()
            .take(ERROR_BODY_READ)
            .read_to_end(&mut body);
        let retries = if exchange.retries > 0 && exchange.note.is_empty() {
            format!(" after {} retries", exchange.retries)
        } else {
            exchange.note
        };
        Refusal {
            status: status.as_u16(),
            line: status_line(status),
            url: url.to_string(),
            content_type,
            body,
            retries,
        }
    }

    /// `message` (the service's own words) with the status line and URL after it.
    pub(crate) fn service_error(&self, message: &str) -> Error {
        Error::new(
            ErrorKind::Service,
            format!("{message} ({} from {})", self.line, self.url),
        )
    }

    /// The Http error: the status line, the URL and the start of the body as one line.
    pub(crate) fn into_error(self) -> Error {
        let text = snippet(&self.body, is_html(&self.content_type, &self.body));
        let mut body_part = if text.is_empty() {
            "(empty body)".to_string()
        } else {
            text
        };
        if self.status == 414 {
            body_part.push_str(&format!(
                " (the URL is {} bytes: lower vosia_service_set_post_above to POST such queries)",
                self.url.len()
            ));
        }
        Error::new(
            ErrorKind::Http,
            format!(
                "{} from {}{}: {body_part}",
                self.line, self.url, self.retries
            ),
        )
    }
}

/// A 2xx answer whose body starts like XML: a buffered reader over it that enforces the size
/// limit, reports progress and remembers the first transport failure.
pub(crate) struct Body {
    reader: BufReader<io::Chain<Cursor<Vec<u8>>, Guarded<ureq::BodyReader<'static>>>>,
    url: String,
    content_type: String,
}

impl Body {
    /// The body as a buffered reader, for the parser.
    pub(crate) fn reader(&mut self) -> &mut impl BufRead {
        &mut self.reader
    }

    /// Ends the read: a transport failure (limit, deadline, cut connection, cancel) that
    /// caused `outcome`'s error wins over it; a Format error names the URL and content type.
    /// After a success, what follows the document is drained (at most 1 MiB) so that the
    /// connection can go back to the pool.
    pub(crate) fn finish<T>(mut self, outcome: Result<T>) -> Result<T> {
        if outcome.is_ok() {
            let _ = io::copy(&mut (&mut self.reader).take(DRAIN_BYTES), &mut io::sink());
        }
        let failure = self.reader.get_mut().get_mut().1.failure.take();
        match (outcome, failure) {
            (Err(_), Some(f)) => Err(f),
            (Err(e), None) if e.kind() == ErrorKind::Format => Err(Error::format(format!(
                "{} (response from {}, Content-Type {})",
                e.message(),
                self.url,
                self.content_type
            ))),
            (outcome, _) => outcome,
        }
    }
}

/// What a GET came back with, after retries.
pub(crate) enum Answer {
    /// Boxed: it holds the read buffer's bookkeeping, a refusal only a few strings.
    Body(Box<Body>),
    Refused(Refusal),
}

/// GETs `url` (or POSTs `post` to it). A transport failure is an error; a non-2xx
/// answer is [`Answer::Refused`]; a 2xx answer that is empty, HTML or does not start like
/// XML is a Format error that names its content type and first bytes; anything else is a
/// [`Body`] to read.
pub(crate) fn get(
    agent: &Agent,
    settings: &Settings,
    url: &str,
    post: Option<Post<'_>>,
    limit: u64,
) -> Result<Answer> {
    let exchange = send(agent, settings, url, post, &[], settings.timeout)?;
    if !exchange.response.status().is_success() {
        return Ok(Answer::Refused(Refusal::read(exchange, url)));
    }
    let ctype = content_type(&exchange.response);
    let expected = expected_length(&exchange.response);
    let status = exchange.response.status();
    let mut guarded = Guarded {
        inner: exchange.response.into_body().into_reader(),
        read: 0,
        offset: 0,
        expected,
        limit,
        failure: None,
        url: url.to_string(),
        timeout: settings.timeout,
        progress: settings.progress.clone(),
        cut_short: ErrorKind::Format,
    };
    guarded.refuse_announced_excess()?;
    guarded.report()?;
    // Peek at the start to recognise HTML or other non-XML answers at 200.
    let mut head = Vec::with_capacity(PEEK_BYTES);
    let peeked = (&mut guarded)
        .take(PEEK_BYTES as u64)
        .read_to_end(&mut head);
    if let Some(f) = guarded.failure.take() {
        return Err(f);
    }
    peeked.map_err(|e| Error::format(format!("reading the response from {url}: {e}")))?;
    if head.is_empty() {
        return Err(Error::format(format!(
            "the service at {url} answered {} with an empty body (Content-Type {ctype}); \
             expected a VOTable",
            status_line(status)
        )));
    }
    if is_html(&ctype, &head) || !is_xml_start(&head) {
        return Err(Error::format(format!(
            "the service at {url} answered with Content-Type {ctype}, not XML; it starts: {}",
            snippet(&head, false)
        )));
    }
    Ok(Answer::Body(Box::new(Body {
        reader: BufReader::with_capacity(64 * 1024, Cursor::new(head).chain(guarded)),
        url: url.to_string(),
        content_type: ctype,
    })))
}

/// A 2xx answer to a download: its status and headers, and its body as raw bytes through the
/// same guard as a document's (size limit, progress and cancel, transport failures kept).
pub(crate) struct Raw {
    pub(crate) status: u16,
    headers: ureq::http::HeaderMap,
    body: Guarded<ureq::BodyReader<'static>>,
}

impl Raw {
    /// A response header as text, if present and readable.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok().map(str::trim)
    }

    /// The body length the server announced (`Content-Length`).
    pub(crate) fn content_length(&self) -> Option<u64> {
        self.body.expected
    }

    /// The first transport failure met while reading (limit, deadline, cut, cancel): the
    /// error to report instead of the `io::Error` the read returned.
    pub(crate) fn take_failure(&mut self) -> Option<Error> {
        self.body.failure.take()
    }

    /// Tells the progress function `done` bytes out of `total` of the whole file (a resumed
    /// download starts past 0), before the first body byte.
    pub(crate) fn report_start(&mut self, offset: u64) -> Result<()> {
        self.body.offset = offset;
        self.body.report()
    }
}

impl Read for Raw {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.body.read(buf)
    }
}

/// What a download GET came back with.
pub(crate) enum Fetched {
    Raw(Box<Raw>),
    Refused(Refusal),
}

/// GETs `url` for a download: `extra` headers (e.g. `Range`), no content coding (byte ranges
/// and lengths must be those of the file), `settings.download_timeout` for the whole transfer,
/// `settings.max_download_bytes` for its size.
pub(crate) fn download(
    agent: &Agent,
    settings: &Settings,
    url: &str,
    extra: &[(&str, String)],
) -> Result<Fetched> {
    let mut headers = vec![("Accept-Encoding", "identity".to_string())];
    headers.extend(extra.iter().cloned());
    let exchange = send(
        agent,
        settings,
        url,
        None,
        &headers,
        settings.download_timeout,
    )?;
    if !exchange.response.status().is_success() {
        return Ok(Fetched::Refused(Refusal::read(exchange, url)));
    }
    let status = exchange.response.status().as_u16();
    let expected = expected_length(&exchange.response);
    let (parts, body) = exchange.response.into_parts();
    Ok(Fetched::Raw(Box::new(Raw {
        status,
        headers: parts.headers,
        body: Guarded {
            inner: body.into_reader(),
            read: 0,
            offset: 0,
            expected,
            limit: settings.max_download_bytes,
            failure: None,
            url: url.to_string(),
            timeout: settings.download_timeout,
            progress: settings.progress.clone(),
            cut_short: ErrorKind::Partial,
        },
    })))
}

/// The body length the server announced, when it is the length vosia will read (not for a
/// compressed body, which ureq inflates).
fn expected_length(response: &Response<ureq::Body>) -> Option<u64> {
    if response.headers().contains_key("content-encoding") {
        return None;
    }
    response
        .headers()
        .get("content-length")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The largest small document (VOSI, service self-description) read whole: the service's
/// limit, and never more than 32 MiB.
pub(crate) fn document_limit(settings: &Settings) -> u64 {
    match settings.max_response_bytes {
        0 => DOCUMENT_LIMIT,
        n => n.min(DOCUMENT_LIMIT),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn keepalive_is_on_except_plain_http_on_loopback_unless_set() {
        let mut s = Settings::default();
        assert!(s.keeps_alive("https://archive.example/sia?"));
        assert!(s.keeps_alive("HTTPS://archive.example/sia?"));
        assert!(s.keeps_alive("http://archive.example/sia?"));
        assert!(s.keeps_alive("http://10.0.0.7:8080/sia?"));
        assert!(s.keeps_alive("https://127.0.0.1:8443/sia?"));
        assert!(!s.keeps_alive("http://127.0.0.1:8080/siatest/q/i/siap.xml?"));
        assert!(!s.keeps_alive("http://127.1.2.3/sia?"));
        assert!(!s.keeps_alive("http://LocalHost:8080/sia?"));
        assert!(!s.keeps_alive("http://[::1]:8080/sia?"));
        s.keepalive = Some(true);
        assert!(s.keeps_alive("http://127.0.0.1:8080/"));
        s.keepalive = Some(false);
        assert!(!s.keeps_alive("https://archive.example/"));
    }

    use super::*;

    #[test]
    fn html_detection_and_snippets() {
        assert!(is_html("text/html; charset=utf-8", b"<x/>"));
        assert!(is_html("text/xml", b"  <!DOCTYPE html><html>"));
        assert!(!is_html("text/xml", b"<?xml version='1.0'?><VOTABLE>"));
        assert!(is_xml_start(b"\xef\xbb\xbf <?xml"));
        assert!(!is_xml_start(b"{\"a\": 1}"));
        assert_eq!(
            snippet(
                b"<html><head><style>p{}</style><title>Oops</title></head><body><h1>Not  Found</h1>\n<p>nothing here</p></body></html>",
                true
            ),
            "Oops Not Found nothing here"
        );
        let long = vec![b'x'; 1000];
        assert!(snippet(&long, false).ends_with(" ..."));
    }

    #[test]
    fn backoff_grows_and_is_bounded() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert!(backoff(40) <= Duration::from_millis(500 * 1024));
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_line(StatusCode::NOT_FOUND), "HTTP 404 Not Found");
        assert_eq!(
            status_line(StatusCode::from_u16(599).unwrap_or(StatusCode::OK)),
            "HTTP 599"
        );
    }
}
