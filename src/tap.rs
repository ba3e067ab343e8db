//! A TAP 1.1 synchronous query: ADQL POSTed to `<tap root>/sync`, the answer read by vosia's
//! reader with the transport of the [`Service`] it is sent through (timeouts, retries,
//! size limit, memory budget, headers, TLS).
//!
//! A TAP service is addressed by a [`Service`] made for its root URL (`.../tap`); the answer
//! is read with that service's SIA version's vocabulary of standard fields, so an ObsCore
//! query read as SIA 2.0 gives its rows the standard fields of an SIA 2.0 search.

use crate::error::{Error, Result};
use crate::fetch::{self, Reading, Request};
use crate::params::encode_component;
use crate::results::Results;
use crate::service::Service;

/// One synchronous ADQL query.
#[derive(Debug, Clone, PartialEq)]
pub struct TapQuery {
    /// The ADQL text.
    pub adql: String,
    /// At most this many rows (`MAXREC`); `None` leaves the service's default limit, and a
    /// cut answer says so through [`Results::overflow`].
    pub maxrec: Option<u64>,
}

impl TapQuery {
    /// A query of `adql`, without `MAXREC`. The text must not be empty.
    pub fn new(adql: &str) -> Result<TapQuery> {
        if adql.trim().is_empty() {
            return Err(Error::invalid("the ADQL query is empty"));
        }
        Ok(TapQuery {
            adql: adql.to_string(),
            maxrec: None,
        })
    }

    /// The form POSTed: `REQUEST=doQuery&LANG=ADQL&QUERY=...[&MAXREC=n]`, percent-encoded.
    pub fn form(&self) -> String {
        let mut form = format!(
            "REQUEST=doQuery&LANG=ADQL&QUERY={}",
            encode_component(&self.adql)
        );
        if let Some(n) = self.maxrec {
            form.push_str(&format!("&MAXREC={n}"));
        }
        form
    }
}

/// The synchronous endpoint of the TAP service rooted at `root`: `root/sync`, any query string
/// of the root dropped (TAP takes its parameters from the form).
pub fn sync_url(root: &str) -> String {
    let root = root.split('?').next().unwrap_or(root);
    format!("{}/sync", root.trim_end_matches('/'))
}

/// Runs `query` on the TAP service at `tap`'s base URL and reads the answer. A TAP error
/// document (QUERY_STATUS=ERROR, at any HTTP status) is a Service error with the service's
/// own message.
pub fn run(tap: &Service, query: &TapQuery) -> Result<Results> {
    let url = sync_url(tap.base_url());
    let form = query.form();
    let request = Request {
        url: &url,
        form: Some(&form),
        version: tap.version(),
        save: None,
    };
    fetch::results(tap.agent(), &tap.settings(), request, Reading::Whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sync_endpoint_hangs_under_the_root() {
        assert_eq!(sync_url("http://h/tap"), "http://h/tap/sync");
        assert_eq!(sync_url("http://h/tap/"), "http://h/tap/sync");
        assert_eq!(sync_url("http://h/tap?x=1"), "http://h/tap/sync");
    }

    #[test]
    fn the_form_carries_the_adql_encoded_and_maxrec_when_set() {
        let mut q = TapQuery::new("SELECT a FROM t WHERE b = 'x y'").unwrap();
        assert_eq!(
            q.form(),
            "REQUEST=doQuery&LANG=ADQL&QUERY=SELECT%20a%20FROM%20t%20WHERE%20b%20%3D%20%27x%20y%27"
        );
        q.maxrec = Some(10);
        assert!(q.form().ends_with("&MAXREC=10"));
        assert!(TapQuery::new("  ").is_err());
    }
}
