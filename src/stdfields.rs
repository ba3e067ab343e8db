//! The standard fields: one vocabulary over SIA 1.0 UCDs and SIA 2.0 ObsCore column names,
//! resolved once per result, with values converted to fixed units.
//!
//! Units returned by the standard getters, whatever the version or the column's own unit:
//! angles in degrees (positions, scales, field of view, resolution), times as MJD (days),
//! durations in seconds, wavelengths in metres, sizes in bytes.

use std::ffi::CStr;

use crate::SiaVersion;
use crate::votable::Field;

/// A standard field. The numbers are the C constants `VOSIA_FIELD_*` and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum StdField {
    AccessUrl = 0,
    Format = 1,
    Title = 2,
    Ra = 3,
    Dec = 4,
    Instrument = 5,
    MjdObs = 6,
    Naxes = 7,
    Naxis = 8,
    Scale = 9,
    CoordFrame = 10,
    CoordEquinox = 11,
    Projection = 12,
    RefPixel = 13,
    RefValue = 14,
    CdMatrix = 15,
    BandpassId = 16,
    BandpassUnit = 17,
    EmRef = 18,
    EmMin = 19,
    EmMax = 20,
    Pixflags = 21,
    AcrefTtl = 22,
    Filesize = 23,
    Collection = 24,
    DataproductType = 25,
    CalibLevel = 26,
    ObsId = 27,
    PublisherDid = 28,
    Target = 29,
    SFov = 30,
    SRegion = 31,
    SResolution = 32,
    TMin = 33,
    TMax = 34,
    TExptime = 35,
    EmResPower = 36,
    PolStates = 37,
    Facility = 38,
}

impl StdField {
    /// Every field, in number order.
    pub const ALL: [StdField; 39] = [
        StdField::AccessUrl,
        StdField::Format,
        StdField::Title,
        StdField::Ra,
        StdField::Dec,
        StdField::Instrument,
        StdField::MjdObs,
        StdField::Naxes,
        StdField::Naxis,
        StdField::Scale,
        StdField::CoordFrame,
        StdField::CoordEquinox,
        StdField::Projection,
        StdField::RefPixel,
        StdField::RefValue,
        StdField::CdMatrix,
        StdField::BandpassId,
        StdField::BandpassUnit,
        StdField::EmRef,
        StdField::EmMin,
        StdField::EmMax,
        StdField::Pixflags,
        StdField::AcrefTtl,
        StdField::Filesize,
        StdField::Collection,
        StdField::DataproductType,
        StdField::CalibLevel,
        StdField::ObsId,
        StdField::PublisherDid,
        StdField::Target,
        StdField::SFov,
        StdField::SRegion,
        StdField::SResolution,
        StdField::TMin,
        StdField::TMax,
        StdField::TExptime,
        StdField::EmResPower,
        StdField::PolStates,
        StdField::Facility,
    ];

    pub fn from_number(n: i32) -> Option<StdField> {
        usize::try_from(n)
            .ok()
            .and_then(|i| StdField::ALL.get(i).copied())
    }

    pub fn number(self) -> i32 {
        self as i32
    }

    /// The field's name in lower case, as bindings spell it (`"access_url"`, `"mjd_obs"`):
    /// the C constant `VOSIA_FIELD_<NAME>` in upper case.
    pub fn name(self) -> &'static str {
        self.c_name().to_str().unwrap_or("")
    }

    /// [`StdField::name`], NUL-terminated.
    pub fn c_name(self) -> &'static CStr {
        FIELD_NAMES[self as usize]
    }

    /// The field named `name` (case-insensitive, as [`StdField::name`] spells it).
    pub fn by_name(name: &str) -> Option<StdField> {
        let name = name.trim();
        FIELD_NAMES
            .iter()
            .position(|n| n.to_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .map(|i| StdField::ALL[i])
    }

    /// How the field is read: as text, one number, or an array of numbers.
    pub fn kind(self) -> FieldKind {
        use StdField::*;
        match self {
            AccessUrl | Format | Title | Instrument | CoordFrame | Projection | BandpassId
            | BandpassUnit | Pixflags | Collection | DataproductType | ObsId | PublisherDid
            | Target | SRegion | PolStates | Facility => FieldKind::Text,
            Naxis | Scale | RefPixel | RefValue | CdMatrix => FieldKind::Array,
            _ => FieldKind::Number,
        }
    }

    /// The fixed unit the standard getters return this field's numbers in: `"deg"`, `"m"`,
    /// `"d"` (MJD, days), `"s"`, `"byte"`, or `""` (a plain number, or text).
    pub fn unit(self) -> &'static str {
        self.c_unit().to_str().unwrap_or("")
    }

    /// [`StdField::unit`], NUL-terminated.
    pub fn c_unit(self) -> &'static CStr {
        match self.quantity() {
            Quantity::Angle => c"deg",
            Quantity::Wavelength => c"m",
            Quantity::Epoch => c"d",
            Quantity::Duration => c"s",
            Quantity::Size => c"byte",
            Quantity::Plain => c"",
        }
    }

    /// SIA 1.0 UCDs for this field, the standard spelling first, then the variants real
    /// archives use (compared case-insensitively).
    fn sia1_ucds(self) -> &'static [&'static str] {
        match self {
            StdField::AccessUrl => &["VOX:Image_AccessReference"],
            StdField::Format => &["VOX:Image_Format"],
            StdField::Title => &["VOX:Image_Title"],
            StdField::Ra => &["POS_EQ_RA_MAIN", "pos.eq.ra;meta.main"],
            StdField::Dec => &["POS_EQ_DEC_MAIN", "pos.eq.dec;meta.main"],
            StdField::Instrument => &["INST_ID", "VOX:INST_ID", "meta.id;instr", "instr"],
            StdField::MjdObs => &["VOX:Image_MJDateObs"],
            StdField::Naxes => &["VOX:Image_Naxes"],
            StdField::Naxis => &["VOX:Image_Naxis"],
            StdField::Scale => &["VOX:Image_Scale"],
            StdField::CoordFrame => &["VOX:STC_CoordRefFrame"],
            StdField::CoordEquinox => &["VOX:STC_CoordEquinox"],
            StdField::Projection => &["VOX:WCS_CoordProjection", "VOX:STC_CoordProjection"],
            StdField::RefPixel => &["VOX:WCS_CoordRefPixel"],
            StdField::RefValue => &["VOX:WCS_CoordRefValue"],
            StdField::CdMatrix => &["VOX:WCS_CDMatrix"],
            StdField::BandpassId => &["VOX:BandPass_ID"],
            StdField::BandpassUnit => &["VOX:BandPass_Unit"],
            StdField::EmRef => &["VOX:BandPass_RefValue"],
            StdField::EmMin => &["VOX:BandPass_LoLimit"],
            StdField::EmMax => &["VOX:BandPass_HiLimit"],
            StdField::Pixflags => &["VOX:Image_PixFlags", "VOX:Image_PixFlag"],
            StdField::AcrefTtl => &["VOX:Image_AccessRefTTL"],
            StdField::Filesize => &["VOX:Image_FileSize"],
            _ => &[],
        }
    }

    /// SIA 2.0 (ObsCore) column names for this field, preferred first.
    fn sia2_names(self) -> &'static [&'static str] {
        match self {
            StdField::AccessUrl => &["access_url"],
            StdField::Format => &["access_format"],
            StdField::Title => &["obs_title", "obs_id"],
            StdField::Ra => &["s_ra"],
            StdField::Dec => &["s_dec"],
            StdField::Instrument => &["instrument_name"],
            StdField::Scale => &["s_pixel_scale"],
            StdField::EmMin => &["em_min"],
            StdField::EmMax => &["em_max"],
            StdField::Filesize => &["access_estsize"],
            StdField::Collection => &["obs_collection"],
            StdField::DataproductType => &["dataproduct_type"],
            StdField::CalibLevel => &["calib_level"],
            StdField::ObsId => &["obs_id"],
            StdField::PublisherDid => &["obs_publisher_did"],
            StdField::Target => &["target_name"],
            StdField::SFov => &["s_fov"],
            StdField::SRegion => &["s_region"],
            StdField::SResolution => &["s_resolution"],
            StdField::TMin => &["t_min"],
            StdField::TMax => &["t_max"],
            StdField::TExptime => &["t_exptime"],
            StdField::EmResPower => &["em_res_power"],
            StdField::PolStates => &["pol_states"],
            StdField::Facility => &["facility_name"],
            _ => &[],
        }
    }

    /// The quantity a field's numbers measure, which decides the unit conversion.
    pub(crate) fn quantity(self) -> Quantity {
        match self {
            StdField::Ra
            | StdField::Dec
            | StdField::Scale
            | StdField::RefValue
            | StdField::CdMatrix
            | StdField::SFov
            | StdField::SResolution => Quantity::Angle,
            StdField::EmRef | StdField::EmMin | StdField::EmMax => Quantity::Wavelength,
            StdField::MjdObs | StdField::TMin | StdField::TMax => Quantity::Epoch,
            StdField::TExptime | StdField::AcrefTtl => Quantity::Duration,
            StdField::Filesize => Quantity::Size,
            _ => Quantity::Plain,
        }
    }
}

/// How a standard field is read (see [`StdField::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Text (`get_std_str`).
    Text,
    /// One number in the field's fixed unit (`get_std_double`).
    Number,
    /// An array of numbers, one per image axis or matrix element (`get_std_double_array`).
    Array,
}

/// [`StdField::name`] of each field, in number order.
const FIELD_NAMES: [&CStr; 39] = [
    c"access_url",
    c"format",
    c"title",
    c"ra",
    c"dec",
    c"instrument",
    c"mjd_obs",
    c"naxes",
    c"naxis",
    c"scale",
    c"coord_frame",
    c"coord_equinox",
    c"projection",
    c"ref_pixel",
    c"ref_value",
    c"cd_matrix",
    c"bandpass_id",
    c"bandpass_unit",
    c"em_ref",
    c"em_min",
    c"em_max",
    c"pixflags",
    c"acref_ttl",
    c"filesize",
    c"collection",
    c"dataproduct_type",
    c"calib_level",
    c"obs_id",
    c"publisher_did",
    c"target",
    c"s_fov",
    c"s_region",
    c"s_resolution",
    c"t_min",
    c"t_max",
    c"t_exptime",
    c"em_res_power",
    c"pol_states",
    c"facility",
];

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quantity {
    Plain,
    Angle,
    Wavelength,
    Epoch,
    Duration,
    Size,
}

/// How a field's value is obtained from the columns of one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Not in this result.
    Missing,
    /// One column.
    Column(usize),
    /// The mid-point of two columns (SIA 2.0 MJD_OBS from t_min/t_max, EM_REF from em_min/em_max).
    Midpoint(usize, usize),
    /// Two scalar columns read as a pair (SIA 2.0 NAXIS from s_xel1/s_xel2).
    Pair(usize, usize),
}

fn by_ucd(fields: &[Field], ucds: &[&str]) -> Option<usize> {
    ucds.iter().find_map(|wanted| {
        fields
            .iter()
            .position(|f| f.ucd.trim().eq_ignore_ascii_case(wanted))
    })
}

fn by_name(fields: &[Field], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|wanted| {
        fields
            .iter()
            .position(|f| f.name.trim().eq_ignore_ascii_case(wanted))
    })
}

/// Works out where each standard field comes from in a result with these FIELDs.
pub(crate) fn resolve(version: SiaVersion, fields: &[Field]) -> Vec<Source> {
    StdField::ALL
        .iter()
        .map(|&f| {
            let single = match version {
                SiaVersion::V1 => by_ucd(fields, f.sia1_ucds()),
                SiaVersion::V2 => by_name(fields, f.sia2_names()),
            };
            if let Some(c) = single {
                return Source::Column(c);
            }
            if version == SiaVersion::V2 {
                let pair = |a, b| Some((by_name(fields, &[a])?, by_name(fields, &[b])?));
                match f {
                    StdField::MjdObs => {
                        if let Some((a, b)) = pair("t_min", "t_max") {
                            return Source::Midpoint(a, b);
                        }
                    }
                    StdField::EmRef => {
                        if let Some((a, b)) = pair("em_min", "em_max") {
                            return Source::Midpoint(a, b);
                        }
                    }
                    StdField::Naxis => {
                        if let Some((a, b)) = pair("s_xel1", "s_xel2") {
                            return Source::Pair(a, b);
                        }
                    }
                    _ => {}
                }
            }
            Source::Missing
        })
        .collect()
}

/// A warning for each standard field whose column declares a unit vosia cannot convert to
/// the field's fixed unit (its standard getters give null). SIA 1.0 band limits, whose unit
/// may come from each row's `VOX:BandPass_Unit`, are left to the rows.
pub(crate) fn unconvertible_units(
    version: SiaVersion,
    fields: &[Field],
    sources: &[Source],
) -> Vec<String> {
    let mut notes = Vec::new();
    for (field, source) in StdField::ALL.iter().zip(sources) {
        let quantity = field.quantity();
        let columns = match *source {
            Source::Column(c) => vec![c],
            Source::Midpoint(a, b) => vec![a, b],
            _ => continue,
        };
        let per_row = quantity == Quantity::Wavelength && version == SiaVersion::V1;
        for c in columns {
            let unit = fields[c].unit.as_str();
            if unit.is_empty() || per_row || conversion(quantity, unit).is_some() {
                continue;
            }
            notes.push(format!(
                "column {} has unit \"{unit}\", which vosia cannot convert to {}: its standard \
                 field {} is null",
                fields[c].name,
                field.unit(),
                field.name()
            ));
        }
    }
    notes
}

/// The default unit of a quantity when the column declares none, per SIA version and field.
pub(crate) fn default_unit(version: SiaVersion, field: StdField) -> &'static str {
    match (version, field) {
        (SiaVersion::V2, StdField::SResolution | StdField::Scale) => "arcsec",
        (SiaVersion::V2, StdField::Filesize) => "kbyte",
        (_, f) => match f.quantity() {
            Quantity::Angle => "deg",
            Quantity::Wavelength => "m",
            Quantity::Epoch => "d",
            Quantity::Duration => "s",
            Quantity::Size => "byte",
            Quantity::Plain => "",
        },
    }
}

/// Speed of light (m/s) and h·c (eV·m), for frequencies and energies given as band limits.
const C: f64 = 299_792_458.0;
const HC_EV_M: f64 = 1.239_841_984e-6;

/// How a value in `unit` converts to the fixed unit of `quantity`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Conversion {
    /// Multiply by the factor.
    Scale(f64),
    /// Wavelength from a frequency or energy: `k / value` (this also swaps min and max).
    Reciprocal(f64),
}

impl Conversion {
    pub(crate) fn apply(self, v: f64) -> f64 {
        match self {
            Conversion::Scale(k) => v * k,
            Conversion::Reciprocal(k) => k / v,
        }
    }
}

impl Conversion {
    /// The conversion of a unit `factor` times this one (`10-10m` is 1e-10 times `m`).
    fn times(self, factor: f64) -> Conversion {
        match self {
            Conversion::Scale(k) => Conversion::Scale(k * factor),
            Conversion::Reciprocal(k) => Conversion::Reciprocal(k / factor),
        }
    }
}

/// Unit words archives write, compared case-insensitively (`DEG`, `Degrees`, SIA 1.0's
/// `meters` and `hertz`): whole words only, never a prefix with a symbol, so no `mHz` can pass
/// for `MHz` here.
const WORDS: &[(Quantity, &[&str], Conversion)] = {
    use Conversion::{Reciprocal, Scale};
    use Quantity::*;
    &[
        (Angle, &["deg", "degree", "degrees"], Scale(1.0)),
        (Angle, &["arcsec", "arcs"], Scale(1.0 / 3600.0)),
        (Angle, &["arcmin", "arcm"], Scale(1.0 / 60.0)),
        (
            Angle,
            &["rad", "radian", "radians"],
            Scale(180.0 / std::f64::consts::PI),
        ),
        (
            Wavelength,
            &["meter", "meters", "metre", "metres"],
            Scale(1.0),
        ),
        (Wavelength, &["micron", "microns"], Scale(1e-6)),
        (
            Wavelength,
            &["angstrom", "angstroms", "0.1nm"],
            Scale(1e-10),
        ),
        (Wavelength, &["hertz"], Reciprocal(C)),
        (Epoch, &["day", "days", "mjd"], Scale(1.0)),
        (Duration, &["sec", "second", "seconds"], Scale(1.0)),
        (Duration, &["hr", "hour", "hours"], Scale(3600.0)),
        (Duration, &["day", "days"], Scale(86400.0)),
        (Size, &["byte", "bytes"], Scale(1.0)),
        // ObsCore's access_estsize is in kbyte; pyvo (astropy units) takes 1 kbyte = 1000 bytes.
        (Size, &["kbyte", "kilobyte", "kilobytes"], Scale(1e3)),
        (Size, &["mbyte", "megabyte", "megabytes"], Scale(1e6)),
        (Size, &["gbyte", "gigabyte", "gigabytes"], Scale(1e9)),
    ]
};

/// VOUnit symbols, case-sensitive, and whether they take SI prefixes.
const SYMBOLS: &[(Quantity, &str, bool, Conversion)] = {
    use Conversion::{Reciprocal, Scale};
    use Quantity::*;
    &[
        (Angle, "deg", false, Scale(1.0)),
        (Angle, "arcmin", false, Scale(1.0 / 60.0)),
        (Angle, "arcsec", true, Scale(1.0 / 3600.0)),
        (Angle, "mas", false, Scale(1.0 / 3_600_000.0)),
        (Angle, "rad", true, Scale(180.0 / std::f64::consts::PI)),
        (Wavelength, "m", true, Scale(1.0)),
        (Wavelength, "Angstrom", false, Scale(1e-10)),
        (Wavelength, "\u{c5}", false, Scale(1e-10)),
        (Wavelength, "Hz", true, Reciprocal(C)),
        (Wavelength, "eV", true, Reciprocal(HC_EV_M)),
        (Epoch, "d", false, Scale(1.0)),
        (Duration, "s", true, Scale(1.0)),
        (Duration, "min", false, Scale(60.0)),
        (Duration, "h", false, Scale(3600.0)),
        (Duration, "d", false, Scale(86400.0)),
        (Size, "byte", true, Scale(1.0)),
        (Size, "B", true, Scale(1.0)),
    ]
};

/// SI prefixes (VOUnits 1.0), longest first so that `da` is tried before `d`.
const PREFIXES: &[(&str, i32)] = &[
    ("da", 1),
    ("Y", 24),
    ("Z", 21),
    ("E", 18),
    ("P", 15),
    ("T", 12),
    ("G", 9),
    ("M", 6),
    ("k", 3),
    ("h", 2),
    ("d", -1),
    ("c", -2),
    ("m", -3),
    ("u", -6),
    ("\u{b5}", -6),
    ("n", -9),
    ("p", -12),
    ("f", -15),
    ("a", -18),
    ("z", -21),
    ("y", -24),
];

/// The conversion of `unit` to the fixed unit of `quantity`, or `None` when vosia cannot
/// convert it (then the standard getters give null, never a number in the wrong unit).
/// Units are read as VOUnits: a scale factor first (`10-10m`, `1e-10m`, `10+3Hz`), then a
/// case-sensitive symbol with an optional SI prefix (`nm`, `MHz`, `mHz`, `keV`), or one of
/// the words archives write (`meters`, `hertz`, `DEG`). Angles ignore a "/pix" suffix.
/// Allocates nothing: the standard getters call it per cell.
pub(crate) fn conversion(quantity: Quantity, unit: &str) -> Option<Conversion> {
    if quantity == Quantity::Plain {
        return Some(Conversion::Scale(1.0));
    }
    let mut u = unit.trim();
    if quantity == Quantity::Angle {
        u = u.split('/').next().unwrap_or("").trim();
    }
    let (factor, symbol) = split_factor(u)?;
    let known = WORDS
        .iter()
        .find(|(q, names, _)| {
            *q == quantity && names.iter().any(|n| n.eq_ignore_ascii_case(symbol))
        })
        .map(|&(_, _, conv)| conv)
        .or_else(|| prefixed_symbol(quantity, symbol))?;
    Some(known.times(factor))
}

/// A VOUnit's leading scale factor and the rest: `10-10m` is (1e-10, "m"), `1.5e3Hz` is
/// (1500, "Hz"), `m` is (1, "m"). `None` for a factor that is not a number.
fn split_factor(u: &str) -> Option<(f64, &str)> {
    let digits = u
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '+' | '-' | 'e' | 'E')))
        .unwrap_or(u.len());
    // An `e` that starts the unit (`eV`) is not an exponent.
    let mut end = digits;
    while end > 0 && matches!(u.as_bytes()[end - 1], b'e' | b'E' | b'+' | b'-') {
        end -= 1;
    }
    let (number, rest) = u.split_at(end);
    if number.is_empty() {
        return Some((1.0, u));
    }
    let factor = match number.split_once(['+', '-']) {
        // FITS/VOUnits "10+3", "10-10": a power of ten.
        Some(("10", _)) if !number.contains(['e', 'E']) => {
            let exp: i32 = number[2..].trim_start_matches('+').parse().ok()?;
            10f64.powi(exp)
        }
        _ => number.parse().ok()?,
    };
    (factor.is_finite() && factor > 0.0 && !rest.is_empty()).then_some((factor, rest.trim()))
}

/// `symbol` as a VOUnit symbol of `quantity`, with an SI prefix where it takes one.
fn prefixed_symbol(quantity: Quantity, symbol: &str) -> Option<Conversion> {
    let exact = SYMBOLS
        .iter()
        .find(|&&(q, s, _, _)| q == quantity && s == symbol)
        .map(|&(_, _, _, conv)| conv);
    exact.or_else(|| {
        PREFIXES.iter().find_map(|&(prefix, exp)| {
            let base = symbol.strip_prefix(prefix)?;
            SYMBOLS
                .iter()
                .find(|&&(q, s, prefixed, _)| q == quantity && prefixed && s == base)
                .map(|&(_, _, _, conv)| conv.times(10f64.powi(exp)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable() {
        for (i, f) in StdField::ALL.iter().enumerate() {
            assert_eq!(f.number() as usize, i);
            assert_eq!(StdField::from_number(i as i32), Some(*f));
        }
        assert_eq!(StdField::from_number(-1), None);
        assert_eq!(StdField::from_number(39), None);
    }

    #[test]
    fn unit_conversions() {
        let c = |q, u| conversion(q, u).unwrap().apply(1.0);
        assert_eq!(c(Quantity::Angle, "arcsec"), 1.0 / 3600.0);
        assert_eq!(c(Quantity::Angle, "deg/pix"), 1.0);
        assert_eq!(c(Quantity::Wavelength, "Angstrom"), 1e-10);
        assert_eq!(c(Quantity::Wavelength, "meters"), 1.0);
        assert!(
            (conversion(Quantity::Wavelength, "GHz").unwrap().apply(2.0) - 0.1498962290).abs()
                < 1e-9
        );
        assert_eq!(c(Quantity::Size, "kbyte"), 1000.0);
        assert_eq!(conversion(Quantity::Angle, "furlong"), None);
    }

    #[test]
    fn units_are_read_as_vounits() {
        let wavelength_of_1 = |u| conversion(Quantity::Wavelength, u).map(|c| c.apply(1.0));
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| ((a - b) / b).abs() < 1e-9);
        // Case matters for prefixes: milli-, mega-.
        assert!(close(wavelength_of_1("MHz"), C / 1e6));
        assert!(close(wavelength_of_1("mHz"), C / 1e-3));
        assert!(close(wavelength_of_1("THz"), C / 1e12));
        assert!(close(wavelength_of_1("km"), 1e3));
        assert!(close(wavelength_of_1("mm"), 1e-3));
        assert!(close(wavelength_of_1("Mm"), 1e6));
        assert!(close(wavelength_of_1("nm"), 1e-9));
        assert!(close(wavelength_of_1("um"), 1e-6));
        assert!(close(wavelength_of_1("10-10m"), 1e-10));
        assert!(close(wavelength_of_1("1e-10m"), 1e-10));
        assert!(close(wavelength_of_1("10+3Hz"), C / 1e3));
        assert!(close(wavelength_of_1("keV"), HC_EV_M / 1e3));
        assert!(close(wavelength_of_1("eV"), HC_EV_M));
        // The SIA 1.0 words, any case.
        assert!(close(wavelength_of_1("hertz"), C));
        assert!(close(wavelength_of_1("meters"), 1.0));
        assert!(close(wavelength_of_1("Angstrom"), 1e-10));
        let angle = |u| conversion(Quantity::Angle, u).map(|c| c.apply(3600.0));
        assert!(close(angle("arcsec"), 1.0));
        assert!(close(angle("mas"), 1e-3));
        assert!(close(angle("DEG"), 3600.0));
        assert!(close(angle("deg/pix"), 3600.0));
        // Unknown: None, never a number labelled metres.
        for unknown in ["furlong", "10-10", "kev", "xHz", "", "hz"] {
            assert_eq!(conversion(Quantity::Wavelength, unknown), None, "{unknown}");
        }
    }
}
