//! The attributes of a VOTable FIELD or PARAM, kept NUL-terminated so that C can borrow them.
//!
//! One model for every described thing: a results column, a service's output column and a
//! service's input parameter all hold an [`Attributes`]. An attribute that was absent or
//! empty in the document is `None`.

use std::ffi::{CStr, CString};

use crate::votable::Field;

/// An attribute of a FIELD or PARAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attr {
    Name,
    Id,
    Ucd,
    Utype,
    Unit,
    Xtype,
    /// `arraysize` as written (`*`, `2`, `3x*`).
    ArraySize,
    /// The `DESCRIPTION` child's text.
    Description,
    /// `datatype` as written in the document (for results: the standard spelling).
    Datatype,
    /// A PARAM's `value`.
    Value,
    /// `VALUES/MIN/@value` of a PARAM.
    Min,
    /// `VALUES/MAX/@value` of a PARAM.
    Max,
    /// `ref`: the ID of the element a PARAM takes its value from (a service descriptor's
    /// input referring to a results column).
    Ref,
}

const COUNT: usize = 13;

impl Attr {
    /// The attributes a FIELD has.
    pub const FIELD: &'static [Attr] = Attr::INPUT.split_at(9).0;
    /// The attributes a PARAM has (a FIELD's, plus its value and limits).
    pub const PARAM: &'static [Attr] = Attr::INPUT.split_at(Attr::INPUT.len() - 1).0;
    /// The inputs of a service descriptor: a PARAM's attributes and its `ref`. In this order
    /// (FIELD and PARAM are its first 9 and 12): a FIELD's, a PARAM's own, then `ref`.
    pub const INPUT: &'static [Attr] = &[
        Attr::Name,
        Attr::Id,
        Attr::Ucd,
        Attr::Utype,
        Attr::Unit,
        Attr::Xtype,
        Attr::ArraySize,
        Attr::Description,
        Attr::Datatype,
        Attr::Value,
        Attr::Min,
        Attr::Max,
        Attr::Ref,
    ];
}

/// A set of attributes; absent ones are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    texts: [Option<Box<CStr>>; COUNT],
}

impl Attributes {
    /// The attributes of a FIELD as the reader parsed it (its datatype in the standard
    /// spelling; absent when the FIELD had none).
    pub fn of_field(field: &Field) -> Attributes {
        let mut attrs = Attributes::default();
        let datatype = if field.datatype_missing {
            ""
        } else {
            field.datatype.name()
        };
        for (attr, value) in [
            (Attr::Name, field.name.as_str()),
            (Attr::Id, &field.id),
            (Attr::Ucd, &field.ucd),
            (Attr::Utype, &field.utype),
            (Attr::Unit, &field.unit),
            (Attr::Xtype, &field.xtype),
            (Attr::ArraySize, &field.arraysize_text),
            (Attr::Description, &field.description),
            (Attr::Datatype, datatype),
        ] {
            attrs.set(attr, value);
        }
        attrs
    }

    /// Sets `attr` to `value`; an empty value clears it. Text after an interior NUL (which XML
    /// cannot carry) is dropped.
    pub fn set(&mut self, attr: Attr, value: &str) {
        let cut = value.split('\0').next().unwrap_or("");
        self.texts[attr as usize] =
            (!cut.is_empty()).then(|| CString::new(cut).unwrap_or_default().into_boxed_c_str());
    }

    /// The attribute as text, `None` when absent or empty.
    pub fn get(&self, attr: Attr) -> Option<&str> {
        self.c_str(attr).map(|c| c.to_str().unwrap_or(""))
    }

    /// The attribute as text, `""` when absent.
    pub fn text(&self, attr: Attr) -> &str {
        self.get(attr).unwrap_or("")
    }

    /// The attribute NUL-terminated, for C to borrow.
    pub fn c_str(&self, attr: Attr) -> Option<&CStr> {
        self.texts[attr as usize].as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_absent_are_none_and_nul_cuts() {
        let mut a = Attributes::default();
        assert_eq!(a.get(Attr::Ucd), None);
        a.set(Attr::Ucd, "pos.eq.ra");
        a.set(Attr::Unit, "");
        a.set(Attr::Name, "a\0b");
        assert_eq!(a.get(Attr::Ucd), Some("pos.eq.ra"));
        assert_eq!(a.get(Attr::Unit), None);
        assert_eq!(a.text(Attr::Name), "a");
        assert_eq!(a.c_str(Attr::Ucd).unwrap().to_bytes(), b"pos.eq.ra");
    }
}
