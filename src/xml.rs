//! Small XML documents (VOSI, service self-descriptions) read whole with roxmltree, matched
//! by local name so that any namespace (or none) is accepted.

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{Error, Result};

/// Parses a small XML document whole (DTDs allowed, never fetched or expanded beyond
/// roxmltree's limits); errors name the document.
pub(crate) fn small_document<'a>(text: &'a str, what: &str) -> Result<Document<'a>> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| Error::format(format!("the {what} document is not well-formed XML: {e}")))
}

pub(crate) fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

pub(crate) fn attr(node: &Node, name: &str) -> String {
    node.attributes()
        .find(|a| a.name().eq_ignore_ascii_case(name))
        .map(|a| a.value().to_string())
        .unwrap_or_default()
}

pub(crate) fn child_text(node: &Node, name: &str) -> String {
    node.children()
        .find(|c| is(c, name))
        .map(|c| text_of(&c))
        .unwrap_or_default()
}

pub(crate) fn text_of(node: &Node) -> String {
    let raw: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    raw.trim().to_string()
}
