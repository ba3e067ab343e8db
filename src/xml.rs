//! Small XML documents (VOSI, service self-descriptions) read whole with roxmltree, matched
//! by local name so that any namespace (or none) is accepted.

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{Error, Result};

/// The most nodes (elements, texts, comments) a small document may have; the
/// largest real ones (a self-description of a few thousand columns) have tens of thousands.
const MAX_NODES: u32 = 1 << 20;

/// Parses a small XML document whole; errors name the document. A DOCTYPE is allowed (old
/// services send one; its external DTD is never fetched) but not one that declares entities:
/// roxmltree would expand them, and a 1 MB entity referenced a thousand times is a gigabyte.
pub(crate) fn small_document<'a>(text: &'a str, what: &str) -> Result<Document<'a>> {
    if declares_entities(text) {
        return Err(Error::format(format!(
            "the {what} document declares entities in its DOCTYPE, which vosia does not expand \
             (a way to make a small document use unbounded memory)"
        )));
    }
    let options = ParsingOptions {
        allow_dtd: true,
        // A DOM takes tens of bytes per node: 32 MiB of `<a/>` would be half a gigabyte.
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| Error::format(format!("the {what} document is not well-formed XML: {e}")))
}

/// Whether the prolog of `text` (before its root element) has a DOCTYPE declaring an entity.
fn declares_entities(text: &str) -> bool {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::DocType(doctype)) => {
                return AsRef::<str>::as_ref(&doctype).contains("<!ENTITY");
            }
            Ok(Event::Start(_) | Event::Empty(_) | Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
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
