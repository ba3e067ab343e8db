//! The XML-RPC of the SAMP Standard Profile: method calls written, responses read. SAMP
//! values are only strings, lists and maps (SAMP 1.3 §3.2), so those are all this knows;
//! an `<int>` or `<boolean>` a hub may still send is read as its text.

use quick_xml::escape::escape;

use crate::error::{Error, Result};

/// A SAMP value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    List(Vec<Value>),
    /// Members in the order given.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// A string value.
    pub fn str(text: &str) -> Value {
        Value::Str(text.to_string())
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn write(&self, out: &mut String) {
        out.push_str("<value>");
        match self {
            Value::Str(s) => {
                out.push_str("<string>");
                out.push_str(&escape(s.as_str()));
                out.push_str("</string>");
            }
            Value::List(items) => {
                out.push_str("<array><data>");
                for item in items {
                    item.write(out);
                }
                out.push_str("</data></array>");
            }
            Value::Map(members) => {
                out.push_str("<struct>");
                for (name, value) in members {
                    out.push_str("<member><name>");
                    out.push_str(&escape(name.as_str()));
                    out.push_str("</name>");
                    value.write(out);
                    out.push_str("</member>");
                }
                out.push_str("</struct>");
            }
        }
        out.push_str("</value>");
    }
}

/// The XML of a call of `method` with `params`.
pub fn method_call(method: &str, params: &[Value]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<methodCall><methodName>");
    out.push_str(&escape(method));
    out.push_str("</methodName><params>");
    for p in params {
        out.push_str("<param>");
        p.write(&mut out);
        out.push_str("</param>");
    }
    out.push_str("</params></methodCall>\n");
    out
}

/// The value a `methodResponse` returns (an empty string when it returns none), or its fault
/// as an error naming `method`.
pub fn response(method: &str, xml: &[u8]) -> Result<Value> {
    let bad = |what: &str| Error::format(format!("the SAMP hub's answer to {method} {what}"));
    let text = std::str::from_utf8(xml).map_err(|_| bad("is not UTF-8"))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| bad(&format!("is not XML: {e}")))?;
    let root = doc.root_element();
    if root.tag_name().name() != "methodResponse" {
        return Err(bad("is not an XML-RPC methodResponse"));
    }
    if let Some(fault) = child(root, "fault") {
        let value = child(fault, "value").map(read_value).transpose()?;
        let message = value
            .as_ref()
            .and_then(|v| v.get("faultString"))
            .and_then(Value::as_str)
            .unwrap_or("no faultString");
        return Err(Error::new(
            crate::ErrorKind::Service,
            format!("the SAMP hub refused {method}: {message}"),
        ));
    }
    let value = child(root, "params")
        .and_then(|p| child(p, "param"))
        .and_then(|p| child(p, "value"));
    match value {
        Some(v) => read_value(v),
        None => Ok(Value::Str(String::new())),
    }
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn read_value(value: roxmltree::Node) -> Result<Value> {
    let Some(typed) = value.children().find(|c| c.is_element()) else {
        // No type element: a string (XML-RPC's default).
        return Ok(Value::Str(value.text().unwrap_or("").to_string()));
    };
    Ok(match typed.tag_name().name() {
        "array" => {
            let data = child(typed, "data");
            let items = data
                .into_iter()
                .flat_map(|d| d.children())
                .filter(|c| c.is_element() && c.tag_name().name() == "value")
                .map(read_value)
                .collect::<Result<Vec<_>>>()?;
            Value::List(items)
        }
        "struct" => {
            let mut members = Vec::new();
            for member in typed
                .children()
                .filter(|c| c.is_element() && c.tag_name().name() == "member")
            {
                let name = child(member, "name").and_then(|n| n.text()).unwrap_or("");
                let value = match child(member, "value") {
                    Some(v) => read_value(v)?,
                    None => Value::Str(String::new()),
                };
                members.push((name.to_string(), value));
            }
            Value::Map(members)
        }
        _ => Value::Str(typed.text().unwrap_or("").to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_escapes_its_strings_and_nests_maps_and_lists() {
        let call = method_call(
            "samp.hub.notifyAll",
            &[
                Value::str("k&<"),
                Value::Map(vec![("a".into(), Value::List(vec![Value::str("x")]))]),
            ],
        );
        assert!(call.contains("<methodName>samp.hub.notifyAll</methodName>"));
        assert!(call.contains("<string>k&amp;&lt;</string>"));
        assert!(call.contains(
            "<struct><member><name>a</name><value><array><data><value><string>x</string>\
             </value></data></array></value></member></struct>"
        ));
        let back = response(
            "m",
            format!(
                "<methodResponse><params><param>{}</param></params></methodResponse>",
                &call[call.find("<value><struct>").unwrap()
                    ..call.find("</param></params>").unwrap()]
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(back.get("a"), Some(&Value::List(vec![Value::str("x")])));
    }

    #[test]
    fn untyped_values_are_strings_and_faults_are_errors() {
        let ok = response(
            "m",
            b"<methodResponse><params><param><value>plain</value></param></params></methodResponse>",
        )
        .unwrap();
        assert_eq!(ok, Value::str("plain"));
        let fault = b"<methodResponse><fault><value><struct>\
            <member><name>faultCode</name><value><int>1</int></value></member>\
            <member><name>faultString</name><value><string>bad key</string></value></member>\
            </struct></value></fault></methodResponse>";
        let err = response("samp.hub.notify", fault).unwrap_err();
        assert!(err.message().contains("samp.hub.notify") && err.message().contains("bad key"));
        assert!(response("m", b"<html/>").is_err());
    }
}
