//! Service self-description: SIA 1.0 `FORMAT=METADATA` and SIA 2.0 `MAXREC=0` documents,
//! VOSI capabilities and availability.
//!
//! These documents are small, so they are parsed whole with roxmltree (the streaming VOTable
//! reader is for results). Element names are matched by local name, so any namespace (or none)
//! is accepted. Parsing is pure: no I/O here; `service` fetches and caches.

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{Error, ErrorKind, Result};

/// One input parameter a service declares (a `PARAM` named `INPUT:x`, or one of an SIA
/// service descriptor's `inputParams`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParamInfo {
    /// Name without the `INPUT:` prefix, as the service spells it.
    pub name: String,
    pub datatype: String,
    pub arraysize: String,
    pub unit: String,
    pub ucd: String,
    pub utype: String,
    pub xtype: String,
    /// The default value (`value` attribute), often empty.
    pub value: String,
    pub description: String,
    /// Allowed values (`VALUES/OPTION/@value`), in document order.
    pub options: Vec<String>,
    /// `VALUES/MIN/@value`, empty when absent.
    pub min: String,
    /// `VALUES/MAX/@value`, empty when absent.
    pub max: String,
}

/// One output column a service declares (a `FIELD` of its results table).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnInfo {
    pub name: String,
    pub id: String,
    pub datatype: String,
    pub arraysize: String,
    pub unit: String,
    pub ucd: String,
    pub utype: String,
    pub xtype: String,
    pub description: String,
}

/// A service's self-description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// The document's top-level `DESCRIPTION`, trimmed (empty when absent).
    pub description: String,
    pub params: Vec<ParamInfo>,
    pub columns: Vec<ColumnInfo>,
}

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

/// The SIA 2.0 query standardID (compared case-insensitively).
pub const SIA2_QUERY_ID: &str = "ivo://ivoa.net/std/SIA#query-2.0";
const BASIC_AA: &str = "ivo://ivoa.net/sso#BasicAA";

/// Parses a small XML document whole (DTDs allowed, never fetched or expanded beyond
/// roxmltree's limits); errors name the document.
fn doc<'a>(text: &'a str, what: &str) -> Result<Document<'a>> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| Error::format(format!("the {what} document is not well-formed XML: {e}")))
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

fn attr(node: &Node, name: &str) -> String {
    node.attributes()
        .find(|a| a.name().eq_ignore_ascii_case(name))
        .map(|a| a.value().to_string())
        .unwrap_or_default()
}

fn child_text(node: &Node, name: &str) -> String {
    node.children()
        .find(|c| is(c, name))
        .map(|c| text_of(&c))
        .unwrap_or_default()
}

fn text_of(node: &Node) -> String {
    let raw: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    raw.trim().to_string()
}

fn param_info(node: &Node, name: &str) -> ParamInfo {
    let mut info = ParamInfo {
        name: name.to_string(),
        datatype: attr(node, "datatype"),
        arraysize: attr(node, "arraysize"),
        unit: attr(node, "unit"),
        ucd: attr(node, "ucd"),
        utype: attr(node, "utype"),
        xtype: attr(node, "xtype"),
        value: attr(node, "value"),
        description: child_text(node, "DESCRIPTION"),
        ..ParamInfo::default()
    };
    if let Some(values) = node.children().find(|c| is(c, "VALUES")) {
        info.options = values
            .descendants()
            .filter(|n| is(n, "OPTION"))
            .map(|n| attr(&n, "value"))
            .collect();
        info.min = values
            .children()
            .find(|c| is(c, "MIN"))
            .map(|n| attr(&n, "value"))
            .unwrap_or_default();
        info.max = values
            .children()
            .find(|c| is(c, "MAX"))
            .map(|n| attr(&n, "value"))
            .unwrap_or_default();
    }
    info
}

fn check_status(root: &Node) -> Result<()> {
    let status = root
        .descendants()
        .rfind(|n| is(n, "INFO") && attr(n, "name").eq_ignore_ascii_case("QUERY_STATUS"));
    if let Some(info) = status
        && attr(&info, "value").eq_ignore_ascii_case("ERROR")
    {
        let text = text_of(&info);
        let message = if text.is_empty() {
            "the service reported QUERY_STATUS=ERROR without a message".to_string()
        } else {
            text
        };
        return Err(Error::new(ErrorKind::Service, message));
    }
    Ok(())
}

/// Parses a `FORMAT=METADATA` or `MAXREC=0` answer: `INPUT:` PARAMs (or, failing those, the
/// `inputParams` of an SIA service descriptor) and the FIELDs of the first table.
/// QUERY_STATUS=ERROR is a Service error with the service's text.
pub fn parse_metadata(bytes: &[u8]) -> Result<Metadata> {
    let text = String::from_utf8_lossy(bytes);
    let document = doc(&text, "service metadata")?;
    let root = document.root_element();
    if !is(&root, "VOTABLE") {
        return Err(Error::format(format!(
            "the service metadata is not a VOTable (root element <{}>)",
            root.tag_name().name()
        )));
    }
    check_status(&root)?;
    let mut meta = Metadata {
        description: child_text(&root, "DESCRIPTION"),
        ..Metadata::default()
    };
    for node in root.descendants().filter(|n| is(n, "PARAM")) {
        let name = attr(&node, "name");
        if let Some(head) = name.get(..6)
            && head.eq_ignore_ascii_case("INPUT:")
        {
            meta.params.push(param_info(&node, &name[6..]));
        }
    }
    if meta.params.is_empty() {
        for resource in root.descendants().filter(|n| {
            is(n, "RESOURCE")
                && attr(n, "utype").eq_ignore_ascii_case("adhoc:service")
                && n.children().any(|p| {
                    is(&p, "PARAM")
                        && attr(&p, "name").eq_ignore_ascii_case("standardID")
                        && attr(&p, "value")
                            .to_ascii_lowercase()
                            .starts_with("ivo://ivoa.net/std/sia")
                })
        }) {
            for group in resource
                .children()
                .filter(|g| is(g, "GROUP") && attr(g, "name") == "inputParams")
            {
                for p in group.children().filter(|p| is(p, "PARAM")) {
                    meta.params.push(param_info(&p, &attr(&p, "name")));
                }
            }
        }
    }
    let results = root
        .descendants()
        .find(|n| is(n, "RESOURCE") && attr(n, "type").eq_ignore_ascii_case("results"))
        .and_then(|r| r.descendants().find(|t| is(t, "TABLE")))
        .or_else(|| root.descendants().find(|t| is(t, "TABLE")));
    if let Some(table) = results {
        for field in table.children().filter(|f| is(f, "FIELD")) {
            meta.columns.push(ColumnInfo {
                name: attr(&field, "name"),
                id: attr(&field, "ID"),
                datatype: attr(&field, "datatype"),
                arraysize: attr(&field, "arraysize"),
                unit: attr(&field, "unit"),
                ucd: attr(&field, "ucd"),
                utype: attr(&field, "utype"),
                xtype: attr(&field, "xtype"),
                description: child_text(&field, "DESCRIPTION"),
            });
        }
    }
    Ok(meta)
}

/// Parses a VOSI capabilities document.
pub fn parse_capabilities(bytes: &[u8]) -> Result<Vec<Capability>> {
    let text = String::from_utf8_lossy(bytes);
    let document = doc(&text, "VOSI capabilities")?;
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
        caps.push(Capability {
            standard_id,
            interfaces,
        });
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
        .filter(|c| {
            c.standard_id
                .as_deref()
                .is_some_and(|id| id.eq_ignore_ascii_case(SIA2_QUERY_ID))
        })
        .flat_map(|c| c.interfaces.iter())
        .filter(|i| {
            !(i.security_methods.len() == 1 && i.security_methods[0].eq_ignore_ascii_case(BASIC_AA))
        })
        .find_map(|i| i.access_urls.first().cloned())
}

fn strip_query(url: &str) -> &str {
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
    let document = doc(&text, "VOSI availability")?;
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
    fn metadata_input_params_and_fields() {
        let doc = r#"<?xml version='1.0'?><VOTABLE xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
<DESCRIPTION> Test images </DESCRIPTION><RESOURCE type="meta"><INFO name="QUERY_STATUS" value="OK"/>
<PARAM arraysize="*" datatype="char" name="INPUT:POS" ucd="pos.eq" unit="deg" value=""><DESCRIPTION>ICRS Position</DESCRIPTION></PARAM>
<PARAM datatype="char" name="INPUT:INTERSECT" value="OVERLAPS"><VALUES><OPTION name="a" value="OVERLAPS"/><OPTION value="COVERS"/></VALUES></PARAM>
<PARAM datatype="int" name="INPUT:MAXREC" value="10000"><VALUES><MIN value="0"/><MAX value="1000000"/></VALUES></PARAM>
<PARAM datatype="char" name="other" value="x"/>
<TABLE><FIELD ID="a1" name="accref" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"><DESCRIPTION>URL</DESCRIPTION></FIELD>
<FIELD name="centerAlpha" datatype="double" unit="deg" ucd="POS_EQ_RA_MAIN"/></TABLE></RESOURCE></VOTABLE>"#;
        let m = parse_metadata(doc.as_bytes()).unwrap();
        assert_eq!(m.description, "Test images");
        assert_eq!(m.params.len(), 3);
        assert_eq!(m.params[0].name, "POS");
        assert_eq!(m.params[0].unit, "deg");
        assert_eq!(m.params[0].description, "ICRS Position");
        assert_eq!(m.params[1].options, ["OVERLAPS", "COVERS"]);
        assert_eq!(m.params[1].value, "OVERLAPS");
        assert_eq!(
            (m.params[2].min.as_str(), m.params[2].max.as_str()),
            ("0", "1000000")
        );
        assert_eq!(m.columns.len(), 2);
        assert_eq!(m.columns[0].id, "a1");
        assert_eq!(m.columns[1].ucd, "POS_EQ_RA_MAIN");

        let err = parse_metadata(
            br#"<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="ERROR">UsageFault: bad</INFO></RESOURCE></VOTABLE>"#,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Service);
        assert_eq!(err.message(), "UsageFault: bad");
    }

    #[test]
    fn metadata_from_service_descriptor() {
        let doc = r#"<VOTABLE><RESOURCE type="results"><TABLE><FIELD name="obs_id" datatype="char"/></TABLE></RESOURCE>
<RESOURCE type="meta" utype="adhoc:service"><PARAM name="standardID" datatype="char" value="ivo://ivoa.net/std/SIA#query-2.0"/>
<GROUP name="inputParams"><PARAM name="COLLECTION" datatype="char" value=""><VALUES><OPTION value="A"/><OPTION value="B"/></VALUES></PARAM></GROUP></RESOURCE>
<RESOURCE type="meta" utype="adhoc:service"><PARAM name="standardID" datatype="char" value="ivo://ivoa.net/std/DataLink#links-1.0"/>
<GROUP name="inputParams"><PARAM name="ID" datatype="char" value=""/></GROUP></RESOURCE></VOTABLE>"#;
        let m = parse_metadata(doc.as_bytes()).unwrap();
        assert_eq!(m.params.len(), 1);
        assert_eq!(m.params[0].name, "COLLECTION");
        assert_eq!(m.params[0].options, ["A", "B"]);
        assert_eq!(m.columns[0].name, "obs_id");
    }

    #[test]
    fn availability() {
        let doc = r#"<avail:availability xmlns:avail="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
<avail:available>true</avail:available><avail:upSince>2024-01-01T00:00:00Z</avail:upSince><avail:note>fine</avail:note></avail:availability>"#;
        let a = parse_availability(doc.as_bytes()).unwrap();
        assert!(a.available);
        assert_eq!(a.up_since, "2024-01-01T00:00:00Z");
        assert_eq!(a.notes, ["fine"]);
        assert!(parse_availability(b"<x/>").is_err());
    }
}
