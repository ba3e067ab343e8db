//! VOSI: a service's capabilities and availability documents, and where to find them.
//!
//! These documents are small, so they are parsed whole with roxmltree. Element names are
//! matched by local name, so any namespace (or none) is accepted. Parsing is pure: no I/O
//! here; `service` fetches and caches.

use std::ffi::{CStr, CString};

use crate::SiaVersion;
use crate::error::{Error, Result};
use crate::xml::{attr, is, small_document, text_of};

/// One `interface` of a VOSI capability.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interface {
    /// `xsi:type` without its prefix (e.g. `ParamHTTP`), empty when absent.
    pub kind: String,
    pub role: String,
    pub access_urls: Vec<String>,
    /// The `securityMethod` standardIDs; an empty string is an anonymous method.
    pub security_methods: Vec<String>,
}

/// One VOSI `capability`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Capability {
    /// `standardID`; `None` when the capability has none (such capabilities are skipped when
    /// looking for a protocol endpoint).
    pub standard_id: Option<String>,
    pub interfaces: Vec<Interface>,
    /// [`Capability::standard_id`] and [`Capability::access_url`], NUL-terminated for C.
    c_standard_id: Option<CString>,
    c_access_url: Option<CString>,
}

impl Capability {
    /// A capability with its NUL-terminated texts worked out.
    pub fn new(standard_id: Option<String>, interfaces: Vec<Interface>) -> Capability {
        let mut cap = Capability {
            standard_id,
            interfaces,
            ..Capability::default()
        };
        let c = |s: &str| CString::new(s.replace('\0', " ")).ok();
        cap.c_standard_id = cap.standard_id.as_deref().and_then(c);
        cap.c_access_url = cap.access_url().and_then(c);
        cap
    }

    /// [`Capability::standard_id`], NUL-terminated.
    pub fn c_standard_id(&self) -> Option<&CStr> {
        self.c_standard_id.as_deref()
    }

    /// [`Capability::access_url`], NUL-terminated.
    pub fn c_access_url(&self) -> Option<&CStr> {
        self.c_access_url.as_deref()
    }

    /// The capability's endpoint: the first access URL of its first interface that is not
    /// BasicAA-only (else of any interface); `None` when it lists none.
    pub fn access_url(&self) -> Option<&str> {
        let anonymous = |i: &&Interface| {
            !(i.security_methods.len() == 1 && i.security_methods[0].eq_ignore_ascii_case(BASIC_AA))
        };
        self.interfaces
            .iter()
            .filter(anonymous)
            .chain(self.interfaces.iter())
            .find_map(|i| i.access_urls.first())
            .map(String::as_str)
    }

    /// Whether this is the capability of `standard_id` (compared case-insensitively).
    pub fn is(&self, standard_id: &str) -> bool {
        self.standard_id
            .as_deref()
            .is_some_and(|id| id.eq_ignore_ascii_case(standard_id))
    }
}

/// A VOSI availability document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Availability {
    pub available: bool,
    pub up_since: String,
    pub down_at: String,
    pub back_at: String,
    pub notes: Vec<String>,
}

impl Availability {
    /// What a person should read about it: the first note, else when it is back (`backAt`)
    /// or going down (`downAt`); `None` when the document says nothing more.
    pub fn note(&self) -> Option<&str> {
        self.notes
            .iter()
            .map(String::as_str)
            .chain([self.back_at.as_str(), self.down_at.as_str()])
            .find(|t| !t.is_empty())
    }
}

/// The SIA 2.0 query standardID (compared case-insensitively).
pub const SIA2_QUERY_ID: &str = "ivo://ivoa.net/std/SIA#query-2.0";
/// The SIA 1.0 standardID (registries also write it with `#query-1.0`).
pub const SIA1_ID: &str = "ivo://ivoa.net/std/SIA";
const BASIC_AA: &str = "ivo://ivoa.net/sso#BasicAA";

/// Parses a VOSI capabilities document.
pub fn parse_capabilities(bytes: &[u8]) -> Result<Vec<Capability>> {
    let text = String::from_utf8_lossy(bytes);
    let document = small_document(&text, "VOSI capabilities")?;
    let root = document.root_element();
    let mut caps = Vec::new();
    for cap in root.descendants().filter(|n| is(n, "capability")) {
        let standard_id = cap
            .attributes()
            .find(|a| a.name().eq_ignore_ascii_case("standardID"))
            .map(|a| a.value().trim().to_string())
            .filter(|s| !s.is_empty());
        let interfaces = cap
            .children()
            .filter(|i| is(i, "interface"))
            .map(|i| {
                let kind = attr(&i, "type");
                let kind = kind.rsplit(':').next().unwrap_or_default().to_string();
                Interface {
                    kind,
                    role: attr(&i, "role"),
                    access_urls: i
                        .children()
                        .filter(|u| is(u, "accessURL"))
                        .map(|u| text_of(&u))
                        .filter(|u| !u.is_empty())
                        .collect(),
                    security_methods: i
                        .children()
                        .filter(|m| is(m, "securityMethod"))
                        .map(|m| attr(&m, "standardID").trim().to_string())
                        .collect(),
                }
            })
            .collect();
        caps.push(Capability::new(standard_id, interfaces));
    }
    if caps.is_empty() && !is(&root, "capabilities") {
        return Err(Error::format(format!(
            "not a VOSI capabilities document (root element <{}>)",
            root.tag_name().name()
        )));
    }
    Ok(caps)
}

/// The SIA 2.0 query endpoint: the first access URL of the first interface of a capability
/// with standardID `ivo://ivoa.net/std/SIA#query-2.0` (case-insensitive) that is not
/// BasicAA-only. Capabilities without a standardID are skipped.
pub fn find_sia2_endpoint(caps: &[Capability]) -> Option<String> {
    caps.iter()
        .filter(|c| c.is(SIA2_QUERY_ID))
        .flat_map(|c| c.interfaces.iter())
        .filter(|i| {
            !(i.security_methods.len() == 1 && i.security_methods[0].eq_ignore_ascii_case(BASIC_AA))
        })
        .find_map(|i| i.access_urls.first().cloned())
}

/// The SIA version of `caps`'s capability `c`, when it is an SIA query capability.
fn sia_version_of(c: &Capability) -> Option<SiaVersion> {
    if c.is(SIA2_QUERY_ID) {
        Some(SiaVersion::V2)
    } else if c.is(SIA1_ID) || c.is(&format!("{SIA1_ID}#query-1.0")) {
        Some(SiaVersion::V1)
    } else {
        None
    }
}

/// The version of the SIA endpoint `url` is, when `caps` lists it: a capability with an
/// access URL of the same path (scheme, host, port, query string and trailing `/` aside, as a
/// service behind a proxy or reached as localhost lists itself under another name).
pub fn sia_version_listed(caps: &[Capability], url: &str) -> Option<SiaVersion> {
    let wanted = endpoint_path(url);
    caps.iter().find_map(|c| {
        let version = sia_version_of(c)?;
        let listed = c
            .interfaces
            .iter()
            .flat_map(|i| &i.access_urls)
            .any(|u| endpoint_path(u) == wanted);
        listed.then_some(version)
    })
}

/// The endpoint to use for a URL that is not one itself (a registry's service base URL):
/// the SIA 2.0 query endpoint ([`find_sia2_endpoint`]), else the SIA 1.0 one.
pub fn preferred_sia_endpoint(caps: &[Capability]) -> Option<(SiaVersion, String)> {
    if let Some(url) = find_sia2_endpoint(caps) {
        return Some((SiaVersion::V2, url));
    }
    caps.iter()
        .filter(|c| sia_version_of(c) == Some(SiaVersion::V1))
        .find_map(|c| c.access_url())
        .map(|u| (SiaVersion::V1, u.to_string()))
}

/// The path of `url`: after the host, without query string, fragment and trailing `/`.
fn endpoint_path(url: &str) -> &str {
    let bare = strip_query(url.trim());
    let after_scheme = bare.find("://").map_or(0, |i| i + 3);
    bare[after_scheme..]
        .find('/')
        .map_or("", |slash| &bare[after_scheme + slash..])
}

/// `url` without query string, fragment and trailing `/`.
pub(crate) fn strip_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].trim_end_matches('/')
}

/// Where a capabilities document may be, given a URL a registry handed out: the URL itself
/// when it ends in `/capabilities`; else `<url>/capabilities` (query string dropped), then the
/// sibling `.../capabilities` (the last path segment replaced), as pyvo tries them.
pub fn capabilities_urls(url: &str) -> Vec<String> {
    let base = strip_query(url);
    if base.to_ascii_lowercase().ends_with("/capabilities") {
        return vec![base.to_string()];
    }
    let mut out = vec![format!("{base}/capabilities")];
    for s in sibling(base, "capabilities") {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// A VOSI endpoint `leaf` next to a query endpoint: the sibling first (DaCHS-style
/// `.../siap2.xml` → `.../capabilities`), then `<url>/leaf`.
pub fn sibling_urls(url: &str, leaf: &str) -> Vec<String> {
    let base = strip_query(url);
    let mut out = sibling(base, leaf);
    let child = format!("{base}/{leaf}");
    if !out.contains(&child) {
        out.push(child);
    }
    out
}

fn sibling(base: &str, leaf: &str) -> Vec<String> {
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    match base[after_scheme..].rfind('/') {
        Some(slash) => vec![format!("{}/{leaf}", &base[..after_scheme + slash])],
        None => Vec::new(),
    }
}

/// Parses a VOSI availability document.
pub fn parse_availability(bytes: &[u8]) -> Result<Availability> {
    let text = String::from_utf8_lossy(bytes);
    let document = small_document(&text, "VOSI availability")?;
    let root = document.root_element();
    let available = root
        .descendants()
        .find(|n| is(n, "available"))
        .ok_or_else(|| {
            Error::format("the VOSI availability document has no <available> element")
        })?;
    let value = text_of(&available);
    let up = |name: &str| {
        root.descendants()
            .find(|n| is(n, name))
            .map(|n| text_of(&n))
            .unwrap_or_default()
    };
    Ok(Availability {
        available: value.eq_ignore_ascii_case("true") || value == "1",
        up_since: up("upSince"),
        down_at: up("downAt"),
        back_at: up("backAt"),
        notes: root
            .descendants()
            .filter(|n| is(n, "note"))
            .map(|n| text_of(&n))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAPS: &str = r#"<?xml version="1.0"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">
  <capability><interface xsi:type="vs:ParamHTTP"><accessURL>https://example.com/nostd</accessURL></interface></capability>
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities"><interface xsi:type="vs:ParamHTTP"><accessURL>https://example.com/sia/capabilities</accessURL></interface></capability>
  <capability standardID="ivo://ivoa.net/std/sia#QUERY-2.0">
    <interface xsi:type="vs:ParamHTTP" role="std"><accessURL use="base">https://example.com/sia/auth-v2query</accessURL>
      <securityMethod standardID="ivo://ivoa.net/sso#BasicAA"/></interface>
    <interface xsi:type="vs:ParamHTTP" role="std"><accessURL use="base">https://example.com/sia/v2query</accessURL>
      <securityMethod standardID="ivo://ivoa.net/sso#cookie"/></interface>
  </capability>
</vosi:capabilities>"#;

    #[test]
    fn sia2_endpoint_skips_no_standard_id_and_basic_aa() {
        let caps = parse_capabilities(CAPS.as_bytes()).unwrap();
        assert_eq!(caps.len(), 3);
        assert_eq!(caps[0].standard_id, None);
        assert_eq!(caps[2].interfaces[0].kind, "ParamHTTP");
        assert_eq!(
            find_sia2_endpoint(&caps).as_deref(),
            Some("https://example.com/sia/v2query")
        );
        let anonymous_in_list = CAPS.replace(
            r#"<securityMethod standardID="ivo://ivoa.net/sso#BasicAA"/>"#,
            r#"<securityMethod standardID="ivo://ivoa.net/sso#BasicAA"/><securityMethod/>"#,
        );
        let caps = parse_capabilities(anonymous_in_list.as_bytes()).unwrap();
        assert_eq!(
            find_sia2_endpoint(&caps).as_deref(),
            Some("https://example.com/sia/auth-v2query")
        );
        assert!(parse_capabilities(b"<html/>").is_err());
        assert!(parse_capabilities(b"<capabilities><x>").is_err());
    }

    #[test]
    fn capability_url_candidates() {
        assert_eq!(
            capabilities_urls("https://example.com/sia/myquery?param=1"),
            [
                "https://example.com/sia/myquery/capabilities",
                "https://example.com/sia/capabilities"
            ]
        );
        assert_eq!(
            capabilities_urls("http://h/x/capabilities"),
            ["http://h/x/capabilities"]
        );
        assert_eq!(
            sibling_urls(
                "http://127.0.0.1:8080/siatest/q/sia2/siap2.xml?",
                "availability"
            ),
            [
                "http://127.0.0.1:8080/siatest/q/sia2/availability",
                "http://127.0.0.1:8080/siatest/q/sia2/siap2.xml/availability"
            ]
        );
    }

    #[test]
    fn availability() {
        let doc = r#"<avail:availability xmlns:avail="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
<avail:available>true</avail:available><avail:upSince>2024-01-01T00:00:00Z</avail:upSince><avail:note>fine</avail:note></avail:availability>"#;
        let a = parse_availability(doc.as_bytes()).unwrap();
        assert!(a.available);
        assert_eq!(a.up_since, "2024-01-01T00:00:00Z");
        assert_eq!(a.notes, ["fine"]);
        assert_eq!(a.note(), Some("fine"));
        let down = Availability {
            back_at: "2030-01-01T00:00:00Z".into(),
            ..Availability::default()
        };
        assert_eq!(down.note(), Some("2030-01-01T00:00:00Z"));
        assert_eq!(Availability::default().note(), None);
        assert!(parse_availability(b"<x/>").is_err());
    }
}
