//! VOTable field descriptions: datatypes, array sizes, and the FIELD metadata kept per column.

/// The twelve VOTable primitive datatypes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Datatype {
    Boolean,
    Bit,
    UnsignedByte,
    Short,
    Int,
    Long,
    Char,
    UnicodeChar,
    Float,
    Double,
    FloatComplex,
    DoubleComplex,
}

impl Datatype {
    /// Parses a `datatype` attribute (case-insensitive, surrounding blanks ignored).
    pub fn parse(text: &str) -> Option<Datatype> {
        let t = text.trim();
        let all = [
            ("boolean", Datatype::Boolean),
            ("bit", Datatype::Bit),
            ("unsignedByte", Datatype::UnsignedByte),
            ("short", Datatype::Short),
            ("int", Datatype::Int),
            ("long", Datatype::Long),
            ("char", Datatype::Char),
            ("unicodeChar", Datatype::UnicodeChar),
            ("float", Datatype::Float),
            ("double", Datatype::Double),
            ("floatComplex", Datatype::FloatComplex),
            ("doubleComplex", Datatype::DoubleComplex),
        ];
        all.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(t))
            .map(|&(_, d)| d)
    }

    /// The name as the VOTable standard spells it.
    pub fn name(self) -> &'static str {
        match self {
            Datatype::Boolean => "boolean",
            Datatype::Bit => "bit",
            Datatype::UnsignedByte => "unsignedByte",
            Datatype::Short => "short",
            Datatype::Int => "int",
            Datatype::Long => "long",
            Datatype::Char => "char",
            Datatype::UnicodeChar => "unicodeChar",
            Datatype::Float => "float",
            Datatype::Double => "double",
            Datatype::FloatComplex => "floatComplex",
            Datatype::DoubleComplex => "doubleComplex",
        }
    }

    /// Bytes one element takes in BINARY/BINARY2 (bits are packed: see the binary decoder).
    pub fn binary_size(self) -> usize {
        match self {
            Datatype::Boolean | Datatype::Bit | Datatype::UnsignedByte | Datatype::Char => 1,
            Datatype::Short | Datatype::UnicodeChar => 2,
            Datatype::Int | Datatype::Float => 4,
            Datatype::Long | Datatype::Double | Datatype::FloatComplex => 8,
            Datatype::DoubleComplex => 16,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Datatype::Char | Datatype::UnicodeChar)
    }

    pub fn is_integer(self) -> bool {
        matches!(
            self,
            Datatype::Boolean
                | Datatype::Bit
                | Datatype::UnsignedByte
                | Datatype::Short
                | Datatype::Int
                | Datatype::Long
        )
    }

    pub fn is_complex(self) -> bool {
        matches!(self, Datatype::FloatComplex | Datatype::DoubleComplex)
    }
}

/// How many elements a cell holds, from the `arraysize` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArraySize {
    /// No arraysize (or "1"): one element.
    Scalar,
    /// A fixed number of elements (the product of all dimensions, e.g. "2x3" is 6).
    Fixed(usize),
    /// A variable number, a multiple of `unit` (the product of the fixed leading dimensions;
    /// 1 for "*" or "10*"). BINARY cells carry a 4-byte element count.
    Variable { unit: usize },
}

impl ArraySize {
    /// Parses an `arraysize` attribute; empty or absent is scalar. `None` if unreadable.
    pub fn parse(text: &str) -> Option<ArraySize> {
        let t = text.trim();
        if t.is_empty() || t == "1" {
            return Some(ArraySize::Scalar);
        }
        let dims: Vec<&str> = t.split('x').map(str::trim).collect();
        let (last, leading) = dims.split_last()?;
        let mut unit: usize = 1;
        for d in leading {
            let n: usize = d.parse().ok()?;
            unit = unit.checked_mul(n)?;
        }
        if let Some(max) = last.strip_suffix('*') {
            if !max.is_empty() {
                max.trim().parse::<usize>().ok()?;
            }
            Some(ArraySize::Variable { unit })
        } else {
            let n: usize = last.parse().ok()?;
            Some(ArraySize::Fixed(unit.checked_mul(n)?))
        }
    }
}

/// One FIELD of the results table, as declared. Strings are empty when the attribute is absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub id: String,
    pub ucd: String,
    pub utype: String,
    pub unit: String,
    pub xtype: String,
    /// The `arraysize` attribute as written ("" when absent).
    pub arraysize_text: String,
    pub datatype: Datatype,
    /// True when the FIELD had no (or an unknown) `datatype`; read as char.
    pub datatype_missing: bool,
    pub arraysize: ArraySize,
    /// The `VALUES null="..."` sentinel, if any.
    pub null: Option<String>,
    pub description: String,
}

impl Field {
    /// The bytes this field takes: itself and its texts (for the reader's memory budget).
    pub(crate) fn heap_size(&self) -> usize {
        let texts = [
            &self.name,
            &self.id,
            &self.ucd,
            &self.utype,
            &self.unit,
            &self.xtype,
            &self.arraysize_text,
            &self.description,
        ];
        size_of::<Field>()
            + texts.iter().map(|t| t.len()).sum::<usize>()
            + self.null.as_ref().map_or(0, String::len)
    }

    /// How the cells of this field are stored once read.
    pub fn shape(&self) -> Shape {
        if self.datatype.is_text() {
            return Shape::Text;
        }
        let array = self.datatype.is_complex() || self.arraysize != ArraySize::Scalar;
        match (self.datatype.is_integer(), array) {
            (true, false) => Shape::Integer,
            (false, false) => Shape::Real,
            (true, true) => Shape::IntegerArray,
            (false, true) => Shape::RealArray,
        }
    }

    /// Elements in one fixed-size cell as the arraysize counts them (a complex value is one
    /// element), or `None` if variable.
    pub fn fixed_count(&self) -> Option<usize> {
        match self.arraysize {
            ArraySize::Scalar => Some(1),
            ArraySize::Fixed(n) => Some(n),
            ArraySize::Variable { .. } => None,
        }
    }
}

/// The storage shape of a column: what typed getters can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Integer,
    Real,
    Text,
    IntegerArray,
    RealArray,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arraysizes() {
        assert_eq!(ArraySize::parse(""), Some(ArraySize::Scalar));
        assert_eq!(ArraySize::parse("1"), Some(ArraySize::Scalar));
        assert_eq!(ArraySize::parse("*"), Some(ArraySize::Variable { unit: 1 }));
        assert_eq!(
            ArraySize::parse("10*"),
            Some(ArraySize::Variable { unit: 1 })
        );
        assert_eq!(ArraySize::parse("2x3"), Some(ArraySize::Fixed(6)));
        assert_eq!(
            ArraySize::parse("2x*"),
            Some(ArraySize::Variable { unit: 2 })
        );
        assert_eq!(ArraySize::parse(" 12 "), Some(ArraySize::Fixed(12)));
        assert_eq!(ArraySize::parse("x"), None);
        assert_eq!(ArraySize::parse("-3"), None);
    }

    #[test]
    fn datatypes() {
        assert_eq!(Datatype::parse("double"), Some(Datatype::Double));
        assert_eq!(
            Datatype::parse("UnsignedByte"),
            Some(Datatype::UnsignedByte)
        );
        assert_eq!(Datatype::parse("string"), None);
    }
}
