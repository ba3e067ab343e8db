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

impl Quantity {
    /// How many kinds there are (`Size` is the last).
    pub(crate) const COUNT: usize = Quantity::Size as usize + 1;
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

/// A warning for each column whose declared unit vosia cannot convert to the fixed unit of
/// the standard fields read from it (those fields are null). SIA 1.0 band limits whose unit
/// comes from each row's `VOX:BandPass_Unit` are left to the rows.
pub(crate) fn unconvertible_units(
    version: SiaVersion,
    fields: &[Field],
    sources: &[Source],
) -> Vec<String> {
    let unit_per_row = version == SiaVersion::V1
        && sources.get(StdField::BandpassUnit as usize) != Some(&Source::Missing);
    let mut notes = Vec::new();
    for (c, column) in fields.iter().enumerate() {
        let unit = column.unit.trim();
        if unit.is_empty() {
            continue;
        }
        let mut nulled = StdField::ALL.iter().zip(sources).filter(|&(f, source)| {
            let reads_c = match *source {
                Source::Column(x) => x == c,
                Source::Midpoint(a, b) => a == c || b == c,
                _ => false,
            };
            let per_row = unit_per_row && f.quantity() == Quantity::Wavelength;
            reads_c && !per_row && conversion(f.quantity(), unit).is_none()
        });
        let Some((first, _)) = nulled.next() else {
            continue;
        };
        let mut names = first.name().to_string();
        let mut more = false;
        for (f, _) in nulled {
            names.push_str(", ");
            names.push_str(f.name());
            more = true;
        }
        let (fields_are, null) = if more {
            ("standard fields", "are null")
        } else {
            ("standard field", "is null")
        };
        notes.push(format!(
            "column {} has unit \"{unit}\", which vosia cannot convert to {}: {fields_are} \
             {names} {null}",
            column.name,
            first.unit(),
        ));
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

/// Speed of light (m/s), and h·c in eV·m and J·m: frequencies and energies as band limits.
const C: f64 = 299_792_458.0;
const HC_EV_M: f64 = 1.239_841_984e-6;
const HC_J_M: f64 = 6.626_070_15e-34 * C;
/// The Julian year (VOUnits `a`, `yr`) in seconds.
const YEAR_S: f64 = 365.25 * 86400.0;

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

    /// The conversion of a unit `factor` times this one (`10-10m` is 1e-10 times `m`).
    fn times(self, factor: f64) -> Conversion {
        match self {
            Conversion::Scale(k) => Conversion::Scale(k * factor),
            Conversion::Reciprocal(k) => Conversion::Reciprocal(k / factor),
        }
    }

    /// The same conversion, up to rounding (one unit reached by two spellings).
    pub(crate) fn same_as(self, other: Conversion) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
        match (self, other) {
            (Conversion::Scale(a), Conversion::Scale(b))
            | (Conversion::Reciprocal(a), Conversion::Reciprocal(b)) => close(a, b),
            _ => false,
        }
    }
}

/// Which prefixes a unit takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefixes {
    /// None: a word (`degrees`, `hertz`) or a VOUnit that takes none (`deg`, `min`, `Angstrom`).
    No,
    /// The SI prefixes, from `y` to `Y`.
    Si,
    /// Sizes: the SI multiples (`k` and up) and the binary prefixes (`Ki`, `Mi`, ...). No
    /// submultiples: nobody means millibytes, so `mbyte` and `mb` are unambiguous (megabytes).
    Bytes,
}

/// The units vosia converts, per quantity: VOUnits symbols and the words archives write
/// (SIA 1.0's `meters`, `hertz`; `degrees`). Spellings are matched case-sensitively first,
/// as VOUnits says; see [`lookup`] for when case is ignored.
const UNITS: &[(Quantity, &[&str], Prefixes, Conversion)] = {
    use Conversion::{Reciprocal, Scale};
    use Prefixes::{Bytes, No, Si};
    use Quantity::*;
    const RAD_DEG: f64 = 180.0 / std::f64::consts::PI;
    &[
        (Angle, &["deg", "degree", "degrees"], No, Scale(1.0)),
        (
            Angle,
            &["arcmin", "arcm", "arcminute", "arcminutes"],
            No,
            Scale(1.0 / 60.0),
        ),
        (Angle, &["arcsec"], Si, Scale(1.0 / 3600.0)),
        (
            Angle,
            &["arcs", "arcsecond", "arcseconds"],
            No,
            Scale(1.0 / 3600.0),
        ),
        (Angle, &["mas"], No, Scale(1.0 / 3_600_000.0)),
        (Angle, &["rad"], Si, Scale(RAD_DEG)),
        (Angle, &["radian", "radians"], No, Scale(RAD_DEG)),
        (Wavelength, &["m"], Si, Scale(1.0)),
        (
            Wavelength,
            &["meter", "meters", "metre", "metres"],
            No,
            Scale(1.0),
        ),
        (Wavelength, &["micron", "microns"], No, Scale(1e-6)),
        // `Angstrom` is VOUnits; `AA` is CDS; `A` and `angstrom` are what older archives write
        // (never an ampere or a year as a wavelength). U+00C5 and U+212B are both `Å`.
        (
            Wavelength,
            &[
                "Angstrom",
                "angstrom",
                "angstroms",
                "AA",
                "A",
                "\u{c5}",
                "\u{212b}",
            ],
            No,
            Scale(1e-10),
        ),
        (Wavelength, &["Hz"], Si, Reciprocal(C)),
        (Wavelength, &["hertz"], No, Reciprocal(C)),
        (Wavelength, &["eV"], Si, Reciprocal(HC_EV_M)),
        (Wavelength, &["J"], Si, Reciprocal(HC_J_M)),
        (Wavelength, &["erg"], Si, Reciprocal(HC_J_M * 1e7)),
        (Epoch, &["d", "day", "days", "mjd"], No, Scale(1.0)),
        (Duration, &["s"], Si, Scale(1.0)),
        (Duration, &["sec", "second", "seconds"], No, Scale(1.0)),
        (Duration, &["min", "minute", "minutes"], No, Scale(60.0)),
        (Duration, &["h", "hr", "hour", "hours"], No, Scale(3600.0)),
        (Duration, &["d", "day", "days"], No, Scale(86400.0)),
        (Duration, &["a", "yr"], Si, Scale(YEAR_S)),
        (Duration, &["year", "years"], No, Scale(YEAR_S)),
        (Size, &["byte", "B"], Bytes, Scale(1.0)),
        (Size, &["bytes"], No, Scale(1.0)),
        // ObsCore's access_estsize is in kbyte; pyvo (astropy units) takes 1 kbyte = 1000 bytes.
        (Size, &["kilobyte", "kilobytes"], No, Scale(1e3)),
        (Size, &["megabyte", "megabytes"], No, Scale(1e6)),
        (Size, &["gigabyte", "gigabytes"], No, Scale(1e9)),
    ]
};

/// SI prefixes (VOUnits 1.0), multiples first, with `µ` (U+00B5) and `μ` (U+03BC) for `u`.
const SI_PREFIXES: &[(&str, f64)] = &[
    ("da", 1e1),
    ("h", 1e2),
    ("k", 1e3),
    ("M", 1e6),
    ("G", 1e9),
    ("T", 1e12),
    ("P", 1e15),
    ("E", 1e18),
    ("Z", 1e21),
    ("Y", 1e24),
    ("d", 1e-1),
    ("c", 1e-2),
    ("m", 1e-3),
    ("u", 1e-6),
    ("\u{b5}", 1e-6),
    ("\u{3bc}", 1e-6),
    ("n", 1e-9),
    ("p", 1e-12),
    ("f", 1e-15),
    ("a", 1e-18),
    ("z", 1e-21),
    ("y", 1e-24),
];

/// How many of [`SI_PREFIXES`] are multiples (they come first): the SI prefixes sizes take.
const SI_MULTIPLES: usize = 10;

/// The binary prefixes sizes take besides the SI multiples (VOUnits 1.0).
const BINARY_PREFIXES: &[(&str, f64)] = {
    const K: f64 = 1024.0;
    &[
        ("Ki", K),
        ("Mi", K * K),
        ("Gi", K * K * K),
        ("Ti", K * K * K * K),
        ("Pi", K * K * K * K * K),
        ("Ei", K * K * K * K * K * K),
        ("Zi", K * K * K * K * K * K * K),
        ("Yi", K * K * K * K * K * K * K * K),
    ]
};

/// The conversion of `unit` to the fixed unit of `quantity`, or `None` when vosia cannot
/// convert it (then the standard getters give null, never a number in the wrong unit).
/// `unit` is read as a VOUnit: an optional scale factor (`10-10m`, `10+3Hz`, `10**-3 s`,
/// `1e-10m`, `1.5m`), then one unit with an optional prefix (`nm`, `MHz`, `mHz`, `keV`).
/// Angles ignore a `/pix` suffix. `""` is no unit: callers substitute [`default_unit`].
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
    let known = lookup(quantity, symbol, true).or_else(|| lookup(quantity, symbol, false))?;
    Some(known.times(factor))
}

/// `symbol` as one unit of `quantity`, maybe prefixed. `None` when nothing matches, or when
/// two readings disagree.
///
/// Case: VOUnits are case-sensitive, and so is the first look (`exact_case`): `mHz` is
/// millihertz, `MHz` megahertz, `Mm` megametres. Only when that finds nothing is case
/// ignored, and then a spelling is taken only if every reading of it gives the same value:
/// `DEG`, `Deg`, `HERTZ`, `hz`, `KM`, `kev`, `GHZ`, `KB` (no other prefix or unit differs
/// from them by case) convert as they always did, while `MHZ`, `mhz`, `MEV`, `MM` and `MS`
/// (milli or mega?) give `None`.
fn lookup(quantity: Quantity, symbol: &str, exact_case: bool) -> Option<Conversion> {
    let same = |a: &str, b: &str| {
        if exact_case {
            a == b
        } else {
            a.eq_ignore_ascii_case(b)
        }
    };
    let mut found: Option<Conversion> = None;
    let mut ambiguous = false;
    let mut reading = |c: Conversion| match found {
        None => found = Some(c),
        Some(f) => ambiguous |= !f.same_as(c),
    };
    for &(_, names, prefixes, conv) in UNITS.iter().filter(|u| u.0 == quantity) {
        let prefixes: &[&[(&str, f64)]] = match prefixes {
            Prefixes::No => &[],
            Prefixes::Si => &[SI_PREFIXES],
            Prefixes::Bytes => &[&SI_PREFIXES[..SI_MULTIPLES], BINARY_PREFIXES],
        };
        for name in names {
            if same(symbol, name) {
                reading(conv);
            }
            for &(prefix, scale) in prefixes.iter().copied().flatten() {
                let (Some(head), Some(tail)) =
                    (symbol.get(..prefix.len()), symbol.get(prefix.len()..))
                else {
                    continue;
                };
                if same(head, prefix) && same(tail, name) {
                    reading(conv.times(scale));
                }
            }
        }
    }
    if ambiguous { None } else { found }
}

/// A VOUnit's leading scale factor and the rest: `10-10m` is (1e-10, "m"), `1.5e3 Hz` is
/// (1500, "Hz"), `m` is (1, "m"). `None` for a factor that is not a positive number or
/// has no unit after it.
fn split_factor(u: &str) -> Option<(f64, &str)> {
    let (factor, rest) = if let Some(p) = u.strip_prefix("10**").or_else(|| u.strip_prefix("10^")) {
        // FITS, OGIP: 10**-3, 10^3, 10**(-3).
        power_of_ten(p)?
    } else if let Some(p) = u.strip_prefix("10").filter(|p| p.starts_with(['+', '-'])) {
        // CDS: 10+3, 10-10.
        power_of_ten(p)?
    } else {
        // A decimal number: 1.5, 1e-10, .5 (`e` without digits after it is a unit: `10eV`).
        let end = decimal_len(u);
        if end == 0 {
            return Some((1.0, u));
        }
        (u[..end].parse().ok()?, &u[end..])
    };
    let rest = rest.trim_start();
    (factor.is_finite() && factor > 0.0 && !rest.is_empty()).then_some((factor, rest))
}

/// `10` to the signed integer power that starts `s` (`-10`, `+3`, `3`, `(-3)`), and the rest.
fn power_of_ten(s: &str) -> Option<(f64, &str)> {
    let (open, s) = match s.strip_prefix('(') {
        Some(inner) => (true, inner),
        None => (false, s),
    };
    let sign = usize::from(s.starts_with(['+', '-']));
    let end = sign + s[sign..].bytes().take_while(u8::is_ascii_digit).count();
    let exponent: i32 = s[..end].parse().ok()?;
    let rest = if open {
        s[end..].strip_prefix(')')?
    } else {
        &s[end..]
    };
    Some((10f64.powi(exponent), rest))
}

/// The length of the decimal number that starts `u`, 0 if none.
fn decimal_len(u: &str) -> usize {
    let b = u.as_bytes();
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = digits(0);
    if b.get(end) == Some(&b'.') {
        end = digits(end + 1);
    }
    if end > 0 && matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exponent_end = digits(end + 1 + sign);
        if exponent_end > end + 1 + sign {
            end = exponent_end;
        }
    }
    end
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

    /// `value` in `unit`, in the fixed unit of `quantity`.
    fn of(quantity: Quantity, unit: &str, value: f64) -> Option<f64> {
        conversion(quantity, unit).map(|c| c.apply(value))
    }

    #[track_caller]
    fn assert_close(got: Option<f64>, want: f64, unit: &str) {
        let ok = got.is_some_and(|g| (g - want).abs() <= 1e-9 * want.abs());
        assert!(ok, "{unit}: got {got:?}, want {want}");
    }

    #[test]
    fn prefixes_are_case_sensitive() {
        let w = |u| of(Quantity::Wavelength, u, 1.0);
        // A wavelength from a frequency: c / (1 mHz) is 1e9 times c / (1 MHz).
        assert_close(w("MHz"), C / 1e6, "MHz");
        assert_close(w("mHz"), C / 1e-3, "mHz");
        assert_close(w("THz"), C / 1e12, "THz");
        assert_close(w("kHz"), C / 1e3, "kHz");
        assert_close(w("Hz"), C, "Hz");
        assert_close(w("km"), 1e3, "km");
        assert_close(w("mm"), 1e-3, "mm");
        assert_close(w("Mm"), 1e6, "Mm");
        assert_close(w("cm"), 1e-2, "cm");
        assert_close(w("dam"), 10.0, "dam");
        assert_close(w("nm"), 1e-9, "nm");
        assert_close(w("um"), 1e-6, "um");
        assert_close(w("\u{b5}m"), 1e-6, "µm (micro sign)");
        assert_close(w("\u{3bc}m"), 1e-6, "μm (Greek mu)");
        assert_close(w("pm"), 1e-12, "pm");
        let t = |u| of(Quantity::Duration, u, 1.0);
        assert_close(t("ms"), 1e-3, "ms");
        assert_close(t("Ms"), 1e6, "Ms");
    }

    #[test]
    fn scale_factors_before_the_unit() {
        let w = |u| of(Quantity::Wavelength, u, 1.0);
        assert_close(w("10-10m"), 1e-10, "10-10m");
        assert_close(w("1e-10m"), 1e-10, "1e-10m");
        assert_close(w("1E-10 m"), 1e-10, "1E-10 m");
        assert_close(w("10+3Hz"), C / 1e3, "10+3Hz");
        assert_close(w("1.5m"), 1.5, "1.5m");
        assert_close(w("0.1nm"), 1e-10, "0.1nm");
        assert_close(w("10**-10 m"), 1e-10, "10**-10 m");
        assert_close(w("10**(-10)m"), 1e-10, "10**(-10)m");
        assert_close(w("10^3 Hz"), C / 1e3, "10^3 Hz");
        assert_close(w("100m"), 100.0, "100m");
        // `e` then a letter is the unit, not an exponent.
        assert_close(w("10eV"), HC_EV_M / 10.0, "10eV");
        for bad in ["10-10", "1e-10", "-5m", "0m", "10**m", "10**(3m", "1e400m"] {
            assert_eq!(conversion(Quantity::Wavelength, bad), None, "{bad}");
        }
    }

    #[test]
    fn sia1_words_and_energies() {
        let w = |u| of(Quantity::Wavelength, u, 1.0);
        assert_close(w("hertz"), C, "hertz");
        assert_close(w("meters"), 1.0, "meters");
        assert_close(w("meter"), 1.0, "meter");
        assert_close(w("metres"), 1.0, "metres");
        assert_close(w("micron"), 1e-6, "micron");
        for a in ["Angstrom", "angstrom", "AA", "A", "\u{c5}"] {
            assert_close(w(a), 1e-10, a);
        }
        assert_close(w("eV"), HC_EV_M, "eV");
        assert_close(w("keV"), HC_EV_M / 1e3, "keV");
        assert_close(w("MeV"), HC_EV_M / 1e6, "MeV");
        assert_close(w("meV"), HC_EV_M / 1e-3, "meV");
        assert_close(w("J"), HC_J_M, "J");
        assert_close(w("erg"), HC_J_M * 1e7, "erg");
        // 1 keV is 1.602176634e-16 J: the two routes agree.
        assert_close(w("1.602176634e-16J"), HC_EV_M / 1e3, "J as keV");
    }

    #[test]
    fn angles_times_and_sizes() {
        let a = |u| of(Quantity::Angle, u, 3600.0);
        assert_close(a("arcsec"), 1.0, "arcsec");
        assert_close(a("arcseconds"), 1.0, "arcseconds");
        assert_close(a("mas"), 1e-3, "mas");
        assert_close(a("marcsec"), 1e-3, "marcsec");
        assert_close(a("arcmin"), 60.0, "arcmin");
        assert_close(a("deg"), 3600.0, "deg");
        assert_close(a("deg/pix"), 3600.0, "deg/pix");
        assert_close(a("arcsec/pixel"), 1.0, "arcsec/pixel");
        assert_close(a("mrad"), 3600.0 * 180e-3 / std::f64::consts::PI, "mrad");
        let t = |u| of(Quantity::Duration, u, 1.0);
        assert_close(t("s"), 1.0, "s");
        assert_close(t("sec"), 1.0, "sec");
        assert_close(t("min"), 60.0, "min");
        assert_close(t("h"), 3600.0, "h");
        assert_close(t("hour"), 3600.0, "hour");
        assert_close(t("d"), 86400.0, "d");
        assert_close(t("yr"), 31_557_600.0, "yr");
        assert_close(t("a"), 31_557_600.0, "a");
        assert_close(t("Myr"), 31_557_600e6, "Myr");
        assert_close(of(Quantity::Epoch, "d", 1.0), 1.0, "d (MJD)");
        assert_eq!(conversion(Quantity::Epoch, "yr"), None, "a year is no MJD");
        let b = |u| of(Quantity::Size, u, 1.0);
        assert_close(b("byte"), 1.0, "byte");
        assert_close(b("kbyte"), 1e3, "kbyte");
        assert_close(b("kB"), 1e3, "kB");
        assert_close(b("MB"), 1e6, "MB");
        assert_close(b("Mbyte"), 1e6, "Mbyte");
        assert_close(b("KiB"), 1024.0, "KiB");
        assert_close(b("Mibyte"), 1024.0 * 1024.0, "Mibyte");
    }

    #[test]
    fn case_is_ignored_only_where_it_cannot_change_the_value() {
        let w = |u| of(Quantity::Wavelength, u, 1.0);
        let a = |u| of(Quantity::Angle, u, 1.0);
        // One reading whatever the case: taken.
        for deg in ["DEG", "Deg", "Degrees", "DEGREES"] {
            assert_close(a(deg), 1.0, deg);
        }
        assert_close(a("ARCSEC"), 1.0 / 3600.0, "ARCSEC");
        assert_close(w("METERS"), 1.0, "METERS");
        assert_close(w("Hertz"), C, "Hertz");
        assert_close(w("hz"), C, "hz");
        assert_close(w("HZ"), C, "HZ");
        assert_close(w("GHZ"), C / 1e9, "GHZ");
        assert_close(w("khz"), C / 1e3, "khz");
        assert_close(w("KHz"), C / 1e3, "KHz");
        assert_close(w("kev"), HC_EV_M / 1e3, "kev");
        assert_close(w("KeV"), HC_EV_M / 1e3, "KeV");
        assert_close(w("ev"), HC_EV_M, "ev");
        assert_close(w("KM"), 1e3, "KM");
        assert_close(w("NM"), 1e-9, "NM");
        assert_close(of(Quantity::Duration, "SEC", 1.0), 1.0, "SEC");
        let b = |u| of(Quantity::Size, u, 1.0);
        assert_close(b("KB"), 1e3, "KB");
        assert_close(b("kb"), 1e3, "kb");
        assert_close(b("mbyte"), 1e6, "mbyte (no millibytes)");
        assert_close(b("mB"), 1e6, "mB (no millibytes)");
        assert_close(b("kibyte"), 1024.0, "kibyte");
        // Milli or mega, pico or peta: no number rather than a wrong one.
        for two_readings in ["MHZ", "mhz", "MEV", "mev", "MM", "PM", "mM"] {
            assert_eq!(
                conversion(Quantity::Wavelength, two_readings),
                None,
                "{two_readings}"
            );
        }
        assert_eq!(conversion(Quantity::Duration, "MS"), None, "MS");
        assert_eq!(conversion(Quantity::Angle, "MRAD"), None, "MRAD");
    }

    #[test]
    fn unknown_units_are_none() {
        for unknown in [
            "furlong", "xHz", "Hzm", "m2", "m-1", "mag", "pix", "---", "kg",
        ] {
            assert_eq!(conversion(Quantity::Wavelength, unknown), None, "{unknown}");
        }
        for unknown in ["furlong", "hourangle", "mdeg", "pix", "/pix"] {
            assert_eq!(conversion(Quantity::Angle, unknown), None, "{unknown}");
        }
        assert_eq!(conversion(Quantity::Duration, "furlong"), None);
        // A plain number has no unit to convert.
        assert_eq!(
            conversion(Quantity::Plain, "furlong"),
            Some(Conversion::Scale(1.0))
        );
    }

    #[test]
    fn an_empty_unit_takes_the_fields_default() {
        // `conversion` sees no unit as unknown; the getters substitute `default_unit` first.
        for q in [Quantity::Angle, Quantity::Wavelength, Quantity::Epoch] {
            assert_eq!(conversion(q, ""), None);
            assert_eq!(conversion(q, "  "), None);
        }
        let default = |v, f: StdField| of(f.quantity(), default_unit(v, f), 1.0);
        assert_close(default(SiaVersion::V1, StdField::Ra), 1.0, "V1 ra: deg");
        assert_close(
            default(SiaVersion::V1, StdField::EmMin),
            1.0,
            "V1 em_min: m",
        );
        assert_close(
            default(SiaVersion::V2, StdField::SResolution),
            1.0 / 3600.0,
            "arcsec",
        );
        assert_close(default(SiaVersion::V2, StdField::Filesize), 1e3, "kbyte");
        assert_close(default(SiaVersion::V2, StdField::TExptime), 1.0, "s");
        assert_close(default(SiaVersion::V2, StdField::TMin), 1.0, "d");
    }

    /// A SIA 2 result with these `(name, unit, value)` columns, one row.
    fn sia2(columns: &[(&str, &str, &str)]) -> crate::Results {
        let fields: String = columns
            .iter()
            .map(|(n, u, _)| format!(r#"<FIELD name="{n}" datatype="double" unit="{u}"/>"#))
            .collect();
        let cells: String = columns
            .iter()
            .map(|(_, _, v)| format!("<TD>{v}</TD>"))
            .collect();
        let doc = format!(
            "<VOTABLE><RESOURCE type=\"results\"><TABLE>{fields}<DATA><TABLEDATA><TR>{cells}\
             </TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
        );
        crate::Results::from_bytes(doc.as_bytes(), SiaVersion::V2).unwrap()
    }

    #[test]
    fn an_unknown_unit_gives_null_and_a_warning_never_a_number_in_metres() {
        let r = sia2(&[
            ("em_min", "furlong", "2"),
            ("em_max", "nm", "500"),
            ("s_fov", "DEG", "0.5"),
            ("s_resolution", " ", "0.2"),
            ("t_exptime", "", "30"),
        ]);
        assert_eq!(r.std_double(0, StdField::EmMin).unwrap(), None);
        assert_close(
            r.std_double(0, StdField::EmMax).unwrap(),
            5e-7,
            "em_max in nm",
        );
        // em_ref, the mid-point of em_min and em_max, is null with em_min.
        assert_eq!(r.std_double(0, StdField::EmRef).unwrap(), None);
        assert_close(
            r.std_double(0, StdField::SFov).unwrap(),
            0.5,
            "s_fov in DEG",
        );
        // A blank unit is no unit: the default (arcsec for s_resolution).
        assert_close(
            r.std_double(0, StdField::SResolution).unwrap(),
            0.2 / 3600.0,
            "blank",
        );
        assert_close(
            r.std_double(0, StdField::TExptime).unwrap(),
            30.0,
            "t_exptime",
        );
        let warnings: Vec<&str> = r.warnings().collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("\"furlong\""), "{}", warnings[0]);
        assert!(
            warnings[0].contains("em_ref, em_min are null"),
            "{}",
            warnings[0]
        );
        assert_eq!(r.warning_count(), 1);
    }

    #[test]
    fn a_row_band_unit_vosia_cannot_convert_is_null_and_a_warning_per_unit() {
        let rows: String = [
            ("meters", "5e-7"),
            ("furlong", "2"),
            ("furlong", "3"),
            ("pc", "1"),
        ]
        .iter()
        .map(|(u, v)| format!("<TR><TD>{u}</TD><TD>{v}</TD></TR>"))
        .collect();
        let doc = format!(
            "<VOTABLE><RESOURCE type=\"results\"><TABLE>\
             <FIELD name=\"unit\" ucd=\"VOX:BandPass_Unit\" datatype=\"char\" arraysize=\"*\"/>\
             <FIELD name=\"lo\" ucd=\"VOX:BandPass_LoLimit\" datatype=\"double\"/>\
             <DATA><TABLEDATA>{rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
        );
        let r = crate::Results::from_bytes(doc.as_bytes(), SiaVersion::V1).unwrap();
        assert_close(r.std_double(0, StdField::EmMin).unwrap(), 5e-7, "meters");
        assert_eq!(r.std_double(1, StdField::EmMin).unwrap(), None);
        let warnings: Vec<&str> = r.warnings().collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("\"furlong\" in 2 row(s)"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].contains("\"pc\" in 1 row(s)"),
            "{}",
            warnings[1]
        );
        assert_eq!(r.warning_count(), 2);
    }

    #[test]
    fn band_limits_in_millihertz_are_not_megahertz() {
        // Frequencies swap: the low frequency limit is the long-wavelength one.
        let r = sia2(&[("em_min", "mHz", "1"), ("em_max", "mHz", "2")]);
        assert_close(
            r.std_double(0, StdField::EmMin).unwrap(),
            C / 2e-3,
            "em_min",
        );
        assert_close(
            r.std_double(0, StdField::EmMax).unwrap(),
            C / 1e-3,
            "em_max",
        );
        assert_close(
            r.std_double(0, StdField::EmRef).unwrap(),
            C / 1.5e-3,
            "em_ref",
        );
        assert_eq!(r.warning_count(), 0);
    }
}
