//! A service's self-description: the answer to SIA 1.0 `FORMAT=METADATA` or SIA 2.0
//! `MAXREC=0`, i.e. its input parameters and its output columns.
//!
//! The document goes through the streaming VOTable reader first, so the QUERY_STATUS rule and
//! the model of a FIELD are the ones results use; its PARAMs (`INPUT:x`, or an SIA service
//! descriptor's `inputParams`) are then read with roxmltree, as the document is small.
//! Parsing is pure: `service` fetches and caches.

use std::ffi::{CStr, CString};
use std::io::Cursor;

use roxmltree::Node;

use crate::attrs::{Attr, Attributes};
use crate::error::{Error, Result};
use crate::votable::read_document;
use crate::xml::{attr, child_text, is, small_document};

/// One input parameter a service declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParamInfo {
    /// Its attributes; the name is without the `INPUT:` prefix, as the service spells it.
    pub attrs: Attributes,
    /// Allowed values (`VALUES/OPTION/@value`), in document order, NUL-terminated for C.
    options: Vec<Box<CStr>>,
}

impl ParamInfo {
    /// The name, without `INPUT:`.
    pub fn name(&self) -> &str {
        self.attrs.text(Attr::Name)
    }

    /// The allowed values, in document order.
    pub fn options(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|o| o.to_str().unwrap_or(""))
    }

    /// Allowed value `i`, NUL-terminated.
    pub fn option(&self, i: usize) -> Option<&CStr> {
        self.options.get(i).map(|o| &**o)
    }

    pub fn option_count(&self) -> usize {
        self.options.len()
    }
}

/// One output column a service declares (a FIELD of its results table).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnInfo {
    pub attrs: Attributes,
}

impl ColumnInfo {
    pub fn name(&self) -> &str {
        self.attrs.text(Attr::Name)
    }
}

/// A service's self-description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// The document's top-level `DESCRIPTION`, trimmed; `None` when absent or empty.
    description: Option<Box<CStr>>,
    pub params: Vec<ParamInfo>,
    pub columns: Vec<ColumnInfo>,
}

impl Metadata {
    /// The description, NUL-terminated.
    pub fn description(&self) -> Option<&CStr> {
        self.description.as_deref()
    }

    /// The index of the input parameter named `name` (case-insensitive; an `INPUT:` prefix
    /// is ignored).
    pub fn param_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let name = match name.get(..6) {
            Some(head) if head.eq_ignore_ascii_case("INPUT:") => &name[6..],
            _ => name,
        };
        self.params
            .iter()
            .position(|p| p.name().eq_ignore_ascii_case(name))
    }
}

fn param_info(node: &Node, name: &str) -> ParamInfo {
    let mut info = ParamInfo::default();
    info.attrs.set(Attr::Name, name);
    for (a, key) in [
        (Attr::Id, "ID"),
        (Attr::Datatype, "datatype"),
        (Attr::ArraySize, "arraysize"),
        (Attr::Unit, "unit"),
        (Attr::Ucd, "ucd"),
        (Attr::Utype, "utype"),
        (Attr::Xtype, "xtype"),
        (Attr::Value, "value"),
    ] {
        info.attrs.set(a, &attr(node, key));
    }
    info.attrs
        .set(Attr::Description, &child_text(node, "DESCRIPTION"));
    if let Some(values) = node.children().find(|c| is(c, "VALUES")) {
        info.options = values
            .descendants()
            .filter(|n| is(n, "OPTION"))
            .map(|n| c_text(&attr(&n, "value")))
            .collect();
        for (a, key) in [(Attr::Min, "MIN"), (Attr::Max, "MAX")] {
            if let Some(limit) = values.children().find(|c| is(c, key)) {
                info.attrs.set(a, &attr(&limit, "value"));
            }
        }
    }
    info
}

fn c_text(s: &str) -> Box<CStr> {
    CString::new(s.split('\0').next().unwrap_or(""))
        .unwrap_or_default()
        .into_boxed_c_str()
}

/// Parses a `FORMAT=METADATA` or `MAXREC=0` answer: `INPUT:` PARAMs (or, failing those, the
/// `inputParams` of an SIA service descriptor) and the FIELDs of the results table.
/// QUERY_STATUS=ERROR is a Service error with the service's text.
pub fn parse_metadata(bytes: &[u8]) -> Result<Metadata> {
    let votable = read_document(Cursor::new(bytes))?;
    if let Some(err) = votable.service_error() {
        return Err(err);
    }
    let text = String::from_utf8_lossy(bytes);
    let document = small_document(&text, "service metadata")?;
    let root = document.root_element();
    if !is(&root, "VOTABLE") {
        return Err(Error::format(format!(
            "the service metadata is not a VOTable (root element <{}>)",
            root.tag_name().name()
        )));
    }
    let description = child_text(&root, "DESCRIPTION");
    let mut meta = Metadata {
        description: (!description.is_empty()).then(|| c_text(&description)),
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
        for resource in root.descendants().filter(|n| is_sia_descriptor(n)) {
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
    if let Some(table) = &votable.table {
        meta.columns = table
            .fields
            .iter()
            .map(|f| ColumnInfo {
                attrs: Attributes::of_field(f),
            })
            .collect();
    }
    Ok(meta)
}

/// An SIA service descriptor: `RESOURCE utype="adhoc:service"` with an SIA standardID.
fn is_sia_descriptor(n: &Node) -> bool {
    is(n, "RESOURCE")
        && attr(n, "utype").eq_ignore_ascii_case("adhoc:service")
        && n.children().any(|p| {
            is(&p, "PARAM")
                && attr(&p, "name").eq_ignore_ascii_case("standardID")
                && attr(&p, "value")
                    .to_ascii_lowercase()
                    .starts_with("ivo://ivoa.net/std/sia")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

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
        assert_eq!(m.description().unwrap().to_str().unwrap(), "Test images");
        assert_eq!(m.params.len(), 3);
        assert_eq!(m.params[0].name(), "POS");
        assert_eq!(m.params[0].attrs.get(Attr::Unit), Some("deg"));
        assert_eq!(
            m.params[0].attrs.get(Attr::Value),
            None,
            "an empty value is unset"
        );
        assert_eq!(
            m.params[0].attrs.get(Attr::Description),
            Some("ICRS Position")
        );
        assert_eq!(
            m.params[1].options().collect::<Vec<_>>(),
            ["OVERLAPS", "COVERS"]
        );
        assert_eq!(m.params[1].attrs.get(Attr::Value), Some("OVERLAPS"));
        assert_eq!(
            (
                m.params[2].attrs.get(Attr::Min),
                m.params[2].attrs.get(Attr::Max)
            ),
            (Some("0"), Some("1000000"))
        );
        assert_eq!(m.param_index("input:maxrec"), Some(2));
        assert_eq!(m.param_index("BAND"), None);
        assert_eq!(m.columns.len(), 2);
        assert_eq!(m.columns[0].attrs.get(Attr::Id), Some("a1"));
        assert_eq!(m.columns[0].attrs.get(Attr::Description), Some("URL"));
        assert_eq!(m.columns[1].attrs.get(Attr::Ucd), Some("POS_EQ_RA_MAIN"));
        assert_eq!(m.columns[1].attrs.get(Attr::Datatype), Some("double"));

        let err = parse_metadata(
            br#"<VOTABLE><RESOURCE><INFO name="QUERY_STATUS" value="ERROR">UsageFault: bad</INFO></RESOURCE></VOTABLE>"#,
        )
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Service);
        assert_eq!(err.message(), "UsageFault: bad");
    }

    #[test]
    fn a_top_level_status_counts_only_without_one_in_the_results() {
        // The rule results use: the results RESOURCE's QUERY_STATUS wins over the root's.
        let doc = br#"<VOTABLE><INFO name="QUERY_STATUS" value="ERROR">stale</INFO>
<RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE><FIELD name="a" datatype="int"/></TABLE></RESOURCE></VOTABLE>"#;
        assert_eq!(parse_metadata(doc).unwrap().columns[0].name(), "a");
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
        assert_eq!(m.params[0].name(), "COLLECTION");
        assert_eq!(m.params[0].options().collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!(m.columns[0].name(), "obs_id");
        assert_eq!(m.description(), None);
    }
}
