//! Service descriptors (DataLink 1.1 §4): the `RESOURCE type="meta" utype="adhoc:service"`
//! blocks of a response that say how to call a related service (DataLink, SODA): its
//! `standardID`, `accessURL`, and the input parameters in `GROUP name="inputParams"`, whose
//! value is fixed or taken (`ref=`) from a column of the results.
//!
//! Collected by the streaming reader as it passes: it hands every element inside such a
//! resource (and the resource itself) to a `Collector`, which keeps its own stack.

use std::ffi::{CStr, CString};

use quick_xml::events::BytesStart;

use super::reader::{attribute, local};
use crate::attrs::{Attr, Attributes};

/// One service descriptor, as the response wrote it. Its texts are NUL-terminated, so that
/// C can borrow them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceDescriptor {
    /// The RESOURCE's `ID` (what a DataLink `service_def` names) and `name`.
    id: Option<Box<CStr>>,
    name: Option<Box<CStr>>,
    /// PARAM `standardID`, e.g. `ivo://ivoa.net/std/DataLink#links-1.1`, `...SODA#sync-1.0`.
    standard_id: Option<Box<CStr>>,
    /// PARAM `accessURL`: where to send the call.
    access_url: Option<Box<CStr>>,
    /// PARAM `resourceIdentifier`, when given.
    resource_identifier: Option<Box<CStr>>,
    /// The input parameters, in document order.
    pub inputs: Vec<InputParam>,
}

/// An input parameter of a service descriptor: the PARAM's attributes (`Attr::INPUT`:
/// name, value, `ref`, unit, ... MIN and MAX of its VALUES) and its OPTIONs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputParam {
    pub attrs: Attributes,
    options: Vec<Box<CStr>>,
}

fn c_text(s: &str) -> Option<Box<CStr>> {
    let cut = s.split('\0').next().unwrap_or("").trim();
    (!cut.is_empty()).then(|| CString::new(cut).unwrap_or_default().into_boxed_c_str())
}

fn text(c: &Option<Box<CStr>>) -> Option<&str> {
    c.as_deref().and_then(|c| c.to_str().ok())
}

impl InputParam {
    pub fn name(&self) -> &str {
        self.attrs.text(Attr::Name)
    }

    /// The fixed value; "" when the caller (or `reference`) supplies it.
    pub fn value(&self) -> &str {
        self.attrs.text(Attr::Value)
    }

    /// `ref=`: the ID (or name) of the results column each row's value comes from.
    pub fn reference(&self) -> Option<&str> {
        self.attrs.get(Attr::Ref)
    }

    /// The OPTION values, in document order.
    pub fn options(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|o| o.to_str().unwrap_or(""))
    }

    pub fn c_option(&self, k: usize) -> Option<&CStr> {
        self.options.get(k).map(|o| &**o)
    }

    pub fn option_count(&self) -> usize {
        self.options.len()
    }
}

impl ServiceDescriptor {
    pub fn id(&self) -> Option<&str> {
        text(&self.id)
    }
    pub fn name(&self) -> Option<&str> {
        text(&self.name)
    }
    pub fn standard_id(&self) -> Option<&str> {
        text(&self.standard_id)
    }
    pub fn access_url(&self) -> Option<&str> {
        text(&self.access_url)
    }
    pub fn resource_identifier(&self) -> Option<&str> {
        text(&self.resource_identifier)
    }
    /// The same, NUL-terminated, for C.
    pub fn c_id(&self) -> Option<&CStr> {
        self.id.as_deref()
    }
    pub fn c_name(&self) -> Option<&CStr> {
        self.name.as_deref()
    }
    pub fn c_standard_id(&self) -> Option<&CStr> {
        self.standard_id.as_deref()
    }
    pub fn c_access_url(&self) -> Option<&CStr> {
        self.access_url.as_deref()
    }

    /// Whether its standardID is `ivo://ivoa.net/std/<standard>` (any version, any case),
    /// e.g. `is("DataLink")`, `is("SODA")`.
    pub fn is(&self, standard: &str) -> bool {
        self.standard_id().is_some_and(|s| {
            let s = s.to_ascii_lowercase();
            let want = format!("ivo://ivoa.net/std/{}", standard.to_ascii_lowercase());
            s == want || s.starts_with(&format!("{want}#"))
        })
    }

    /// The input parameter named `name` (case-insensitive).
    pub fn input(&self, name: &str) -> Option<&InputParam> {
        self.inputs
            .iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Descriptor,
    /// A GROUP; `true` for `name="inputParams"`.
    Group(bool),
    /// A PARAM: directly in the descriptor (metadata) or an input.
    Param {
        input: bool,
    },
    Values,
    Description,
    Other,
}

/// The collector: the descriptors found so far and where in one it is.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    found: Vec<ServiceDescriptor>,
    stack: Vec<Frame>,
    text: String,
}

/// Text kept of one DESCRIPTION, at most.
const MAX_DESCRIPTION: usize = 64 * 1024;
/// Descriptors and inputs kept, at most (a response has a handful).
const MAX_DESCRIPTORS: usize = 256;
const MAX_INPUTS: usize = 1024;

impl Collector {
    /// Whether the reader is inside a descriptor (every element's end must then come here).
    pub(crate) fn active(&self) -> bool {
        !self.stack.is_empty()
    }

    /// Whether text now belongs to a descriptor's DESCRIPTION.
    pub(crate) fn wants_text(&self) -> bool {
        self.stack.last() == Some(&Frame::Description)
    }

    pub(crate) fn push_text(&mut self, text: &str) {
        if self.text.len() + text.len() <= MAX_DESCRIPTION {
            self.text.push_str(text);
        }
    }

    /// An element opens (every element comes here); returns whether it is one of a
    /// descriptor's (then its end must come to [`Collector::close`]).
    pub(crate) fn open(&mut self, e: &BytesStart<'_>) -> bool {
        let name = local(e);
        let frame = match (self.stack.last().copied(), name) {
            (None, "RESOURCE") => {
                let meta = attribute(e, "type").is_some_and(|t| t.trim() == "meta");
                let service = attribute(e, "utype")
                    .is_some_and(|u| u.trim().eq_ignore_ascii_case("adhoc:service"));
                if !(meta && service) || self.found.len() >= MAX_DESCRIPTORS {
                    return false;
                }
                self.found.push(ServiceDescriptor {
                    id: attribute(e, "ID").and_then(|v| c_text(&v)),
                    name: attribute(e, "name").and_then(|v| c_text(&v)),
                    ..ServiceDescriptor::default()
                });
                Frame::Descriptor
            }
            (None, _) => return false,
            (Some(Frame::Descriptor), "GROUP") => {
                Frame::Group(attribute(e, "name").is_some_and(|n| n.trim() == "inputParams"))
            }
            (Some(Frame::Descriptor), "PARAM") => {
                self.meta_param(e);
                Frame::Param { input: false }
            }
            (Some(Frame::Group(true)), "PARAM") => {
                self.input_param(e);
                Frame::Param { input: true }
            }
            (Some(Frame::Param { input: true }), "VALUES") => Frame::Values,
            (Some(Frame::Param { input: true }), "DESCRIPTION") => {
                self.text.clear();
                Frame::Description
            }
            (Some(Frame::Values), "MIN" | "MAX" | "OPTION") => {
                if let Some(p) = self.last_input() {
                    let value = attribute(e, "value").unwrap_or_default();
                    match name {
                        "MIN" => p.attrs.set(Attr::Min, &value),
                        "MAX" => p.attrs.set(Attr::Max, &value),
                        _ if p.options.len() < MAX_INPUTS => {
                            p.options.push(c_text(&value).unwrap_or_default())
                        }
                        _ => {}
                    }
                }
                Frame::Other
            }
            _ => Frame::Other,
        };
        self.stack.push(frame);
        true
    }

    /// An element of a descriptor closes.
    pub(crate) fn close(&mut self) {
        if self.stack.pop() == Some(Frame::Description) {
            let text = self.text.trim().to_string();
            if let Some(p) = self.last_input() {
                p.attrs.set(Attr::Description, &text);
            }
            self.text.clear();
        }
    }

    pub(crate) fn finish(self) -> Vec<ServiceDescriptor> {
        self.found
    }

    fn last_input(&mut self) -> Option<&mut InputParam> {
        self.found.last_mut()?.inputs.last_mut()
    }

    fn meta_param(&mut self, e: &BytesStart<'_>) {
        let Some(d) = self.found.last_mut() else {
            return;
        };
        let value = attribute(e, "value").and_then(|v| c_text(&v));
        match attribute(e, "name").unwrap_or_default().trim() {
            "standardID" => d.standard_id = value,
            "accessURL" => d.access_url = value,
            "resourceIdentifier" => d.resource_identifier = value,
            _ => {}
        }
    }

    fn input_param(&mut self, e: &BytesStart<'_>) {
        let Some(d) = self.found.last_mut() else {
            return;
        };
        if d.inputs.len() >= MAX_INPUTS {
            return;
        }
        let mut attrs = Attributes::default();
        for (a, key) in [
            (Attr::Name, "name"),
            (Attr::Id, "ID"),
            (Attr::Datatype, "datatype"),
            (Attr::ArraySize, "arraysize"),
            (Attr::Ucd, "ucd"),
            (Attr::Utype, "utype"),
            (Attr::Unit, "unit"),
            (Attr::Xtype, "xtype"),
            (Attr::Value, "value"),
            (Attr::Ref, "ref"),
        ] {
            attrs.set(a, attribute(e, key).unwrap_or_default().trim());
        }
        d.inputs.push(InputParam {
            attrs,
            options: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::attrs::Attr;
    use crate::votable::read_document;

    // As DaCHS's sia2dl writes it (after the results), plus a SODA descriptor with ranges,
    // options and a description, as DataLink documents carry them.
    const DOC: &str = r#"<VOTABLE><RESOURCE type="results"><TABLE>
<FIELD name="obs_publisher_did" ID="obs_publisher_did" datatype="char" arraysize="*"/>
<DATA><TABLEDATA><TR><TD>ivo://x/a</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE>
<RESOURCE name="links" type="meta" utype="adhoc:service"><DESCRIPTION>DataLink</DESCRIPTION>
<GROUP name="inputParams"><PARAM arraysize="*" datatype="char" name="ID" ref="obs_publisher_did" ucd="meta.id;meta.main" value=""/></GROUP>
<PARAM arraysize="*" datatype="char" name="standardID" value="ivo://ivoa.net/std/DataLink#links-1.0"/>
<PARAM arraysize="*" datatype="char" name="accessURL" value="http://h/dl/dlmeta"/></RESOURCE>
<RESOURCE ID="proc_svc" type="meta" utype="adhoc:service">
<PARAM name="standardID" datatype="char" arraysize="*" value="ivo://ivoa.net/std/SODA#sync-1.0"/>
<PARAM name="accessURL" datatype="char" arraysize="*" value="http://h/dl/dlget"/>
<GROUP name="inputParams">
<PARAM name="ID" datatype="char" arraysize="*" value="ivo://x/a"/>
<PARAM name="CIRCLE" datatype="double" arraysize="3" unit="deg" xtype="circle" value="">
<DESCRIPTION>A circle &amp; its radius</DESCRIPTION><VALUES><MIN value="10 41 0"/><MAX value="11 42 0.5"/></VALUES></PARAM>
<PARAM name="POL" datatype="char" arraysize="*" value=""><VALUES><OPTION value="I"/><OPTION value="Q"/></VALUES></PARAM>
</GROUP></RESOURCE>
<RESOURCE type="meta"><PARAM name="accessURL" value="http://not/a/descriptor"/></RESOURCE>
</VOTABLE>"#;

    #[test]
    fn descriptors_are_read_in_passing() {
        let doc = read_document(DOC.as_bytes()).unwrap();
        assert_eq!(doc.table.as_ref().unwrap().rows, 1);
        let d = &doc.descriptors;
        assert_eq!(d.len(), 2);
        assert!(d[0].is("DataLink") && !d[0].is("SODA"));
        assert_eq!(d[0].name(), Some("links"));
        assert_eq!(d[0].access_url(), Some("http://h/dl/dlmeta"));
        let id = d[0].input("id").unwrap();
        assert_eq!(
            (id.reference(), id.value()),
            (Some("obs_publisher_did"), "")
        );
        // value="" is no value: absent, not "".
        assert_eq!(id.attrs.get(Attr::Value), None);
        assert!(d[1].is("SODA"));
        assert_eq!(d[1].id(), Some("proc_svc"));
        assert_eq!(d[1].inputs.len(), 3);
        let circle = d[1].input("CIRCLE").unwrap();
        assert_eq!(
            circle.attrs.get(Attr::Description),
            Some("A circle & its radius")
        );
        assert_eq!(
            (circle.attrs.get(Attr::Min), circle.attrs.get(Attr::Max)),
            (Some("10 41 0"), Some("11 42 0.5"))
        );
        assert_eq!(
            (circle.attrs.get(Attr::Unit), circle.attrs.get(Attr::Xtype)),
            (Some("deg"), Some("circle"))
        );
        let pol = d[1].input("POL").unwrap();
        assert_eq!(pol.options().collect::<Vec<_>>(), ["I", "Q"]);
        assert_eq!(pol.option_count(), 2);
        assert_eq!(d[1].input("ID").unwrap().value(), "ivo://x/a");
    }
}
