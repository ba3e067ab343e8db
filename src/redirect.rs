//! Redirects, followed by vosia rather than by ureq, to decide what goes along: the caller's
//! headers (credentials such as `Authorization`, `Cookie`, `X-Api-Key`) are sent only to the
//! origin (scheme, host, port) the request was made to, as curl does, and to the origins the
//! caller names as trusted; a redirect elsewhere gets vosia's own headers only. Only `http`
//! and `https` targets are followed.

use ureq::http::{Response, StatusCode};
use url::Url;

use crate::error::{Error, ErrorKind, Result};

/// Redirects followed at most for one request.
pub(crate) const MAX_REDIRECTS: u32 = 10;

/// Where a redirect sends the request next.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Next {
    pub(crate) url: String,
    /// A POST becomes a GET (303, and 301/302 as every client does); 307/308 keep it.
    pub(crate) as_get: bool,
}

/// The redirect `response` (to a request for `from`) asks for, if it is one with a
/// `Location`; an error for a target that is not `http`/`https` or cannot be read.
pub(crate) fn next<B>(response: &Response<B>, from: &str) -> Result<Option<Next>> {
    let status = response.status();
    let as_get = match status {
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER => true,
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT => false,
        _ => return Ok(None),
    };
    let Some(location) = response.headers().get("location") else {
        return Ok(None); // a 3xx without a target is an answer like any other
    };
    let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
    let target = Url::parse(from).and_then(|base| base.join(location.trim()));
    let target = target.map_err(|e| {
        Error::new(
            ErrorKind::Http,
            format!("{from} redirected ({status}) to \"{location}\", which is not a URL: {e}"),
        )
    })?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(Error::new(
            ErrorKind::Http,
            format!(
                "{from} redirected ({status}) to {target}; vosia follows redirects to http and \
                 https URLs only"
            ),
        ));
    }
    Ok(Some(Next {
        url: target.into(),
        as_get,
    }))
}

/// Whether `a` and `b` have the same origin: scheme, host and port (the default port
/// counting as written).
pub(crate) fn same_origin(a: &str, b: &str) -> bool {
    match (Url::parse(a), Url::parse(b)) {
        (Ok(a), Ok(b)) => a.origin() == b.origin(),
        _ => false,
    }
}

/// Whether a request for `asked` that was redirected to `target` may carry the caller's
/// headers there: `target` has the same origin, or one of `trusted` (see [`origin_of`]).
pub(crate) fn may_carry_headers(asked: &str, target: &str, trusted: &[String]) -> bool {
    same_origin(asked, target)
        || Url::parse(target).is_ok_and(|t| {
            trusted
                .iter()
                .any(|o| *o == t.origin().ascii_serialization())
        })
}

/// The origin `text` names, written `scheme://host[:port]` (the port only when it is not the
/// scheme's default): an `http` or `https` URL with nothing after the host and port but an
/// optional `/`, and no user name or password.
pub(crate) fn origin_of(text: &str) -> Result<String> {
    let refuse = |why: &str| {
        Error::invalid(format!(
            "{text:?} is not an origin ({why}); give scheme, host and port only, such as \
             https://data.archive.org or http://127.0.0.1:8080"
        ))
    };
    let url = Url::parse(text.trim()).map_err(|e| refuse(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("not http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(refuse("no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("it has a user name or password"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(refuse("it has a path, query or fragment"));
    }
    Ok(url.origin().ascii_serialization())
}

/// The error after [`MAX_REDIRECTS`] redirects.
pub(crate) fn too_many(from: &str, last: &str) -> Error {
    Error::new(
        ErrorKind::Http,
        format!(
            "{from} redirected more than {MAX_REDIRECTS} times (the last to {last}): a redirect \
             loop?"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(status: u16, location: &str) -> Response<()> {
        Response::builder()
            .status(status)
            .header("Location", location)
            .body(())
            .unwrap()
    }

    #[test]
    fn locations_resolve_against_the_request() {
        let from = "http://a.org:8080/sia/q?POS=1,2";
        let n = next(&redirect(302, "/other?x=1"), from).unwrap().unwrap();
        assert_eq!(n.url, "http://a.org:8080/other?x=1");
        assert!(n.as_get);
        let n = next(&redirect(307, "https://b.org/x"), from)
            .unwrap()
            .unwrap();
        assert_eq!((n.url.as_str(), n.as_get), ("https://b.org/x", false));
        assert_eq!(next(&redirect(200, "/x"), from).unwrap(), None);
    }

    #[test]
    fn only_http_and_https_are_followed() {
        let e = next(&redirect(302, "file:///etc/passwd"), "http://a.org/").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Http);
        assert!(e.message().contains("http and https URLs only"), "{e}");
    }

    #[test]
    fn origins() {
        assert!(same_origin("http://a.org/x", "http://a.org:80/y?z"));
        assert!(!same_origin("http://a.org/x", "https://a.org/x"));
        assert!(!same_origin("http://a.org:8080/", "http://a.org:8081/"));
        assert!(!same_origin("http://a.org/", "http://b.a.org/"));
    }

    #[test]
    fn an_origin_is_scheme_host_and_port_only() {
        assert_eq!(
            origin_of("https://Data.Archive.org").unwrap(),
            "https://data.archive.org"
        );
        assert_eq!(origin_of("http://a.org:80/").unwrap(), "http://a.org");
        assert_eq!(
            origin_of("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for wrong in [
            "a.org",
            "ftp://a.org",
            "https://a.org/data",
            "https://u:p@a.org",
            "http://a.org/?x",
        ] {
            let e = origin_of(wrong).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArg, "{wrong}");
            assert!(e.to_string().contains("scheme, host and port only"), "{e}");
        }
    }

    #[test]
    fn headers_go_to_the_origin_asked_and_to_trusted_ones_only() {
        let trusted = [origin_of("https://files.a.org").unwrap()];
        assert!(may_carry_headers(
            "https://a.org/q",
            "https://a.org/r",
            &trusted
        ));
        assert!(may_carry_headers(
            "https://a.org/q",
            "https://files.a.org/f",
            &trusted
        ));
        assert!(!may_carry_headers(
            "https://a.org/q",
            "http://files.a.org/f",
            &trusted
        ));
        assert!(!may_carry_headers(
            "https://a.org/q",
            "https://files.a.org:8443/f",
            &trusted
        ));
        assert!(!may_carry_headers(
            "https://a.org/q",
            "https://b.org/f",
            &trusted
        ));
    }
}
