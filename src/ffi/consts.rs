//! Every `VOSIA_*` constant of the C API but the status codes (`status.rs`) in one place.
//!
//! The standard-field numbers are those of [`crate::stdfields::StdField`]; `tests/header.rs`
//! checks every `VOSIA_FIELD_*` of the header against the library's own `vosia_field_*`
//! answers, so the two lists cannot drift.

/// SIA 1.0 (POS/SIZE queries, results described by `VOX:` UCDs).
pub const VOSIA_SIA1: i32 = 1;
/// SIA 2.0 (DALI parameters, ObsCore results).
pub const VOSIA_SIA2: i32 = 2;

/// Attributes, the keys of the keyed getters (vosia_results_get_column_attr,
/// vosia_service_get_param_attr, vosia_service_get_column_attr, vosia_service_get_attr,
/// vosia_service_get_capability_attr, vosia_field_get_attr). Each getter says which it knows;
/// one it knows but the object did not set is VOSIA_NULL_VALUE, one it never knows
/// VOSIA_E_INVALID_ARG.
///
/// The `name` attribute (of a FIELD, PARAM or standard field; without `INPUT:` for a
/// service parameter).
pub const VOSIA_ATTR_NAME: i32 = 1;
/// The `ID` attribute of a FIELD.
pub const VOSIA_ATTR_ID: i32 = 2;
/// The `ucd` attribute.
pub const VOSIA_ATTR_UCD: i32 = 3;
/// The `utype` attribute.
pub const VOSIA_ATTR_UTYPE: i32 = 4;
/// The `unit` attribute as written (of a standard field: the fixed unit vosia returns).
pub const VOSIA_ATTR_UNIT: i32 = 5;
/// The `xtype` attribute (e.g. `timestamp`, `interval`, `circle`).
pub const VOSIA_ATTR_XTYPE: i32 = 6;
/// The `arraysize` attribute as written (e.g. `*`, `2`, `3x*`).
pub const VOSIA_ATTR_ARRAYSIZE: i32 = 7;
/// The `DESCRIPTION` element's text (of a service: its top-level description).
pub const VOSIA_ATTR_DESCRIPTION: i32 = 8;
/// The `datatype` attribute in the standard spelling (`double`, `char`, ...).
pub const VOSIA_ATTR_DATATYPE: i32 = 9;
/// The `value` attribute of a PARAM (a service parameter's default).
pub const VOSIA_ATTR_VALUE: i32 = 10;
/// `VALUES/MIN/@value` of a PARAM.
pub const VOSIA_ATTR_MIN: i32 = 11;
/// `VALUES/MAX/@value` of a PARAM.
pub const VOSIA_ATTR_MAX: i32 = 12;
/// A URL: a service's base URL, a capability's access URL.
pub const VOSIA_ATTR_URL: i32 = 13;
/// The `standardID` of a VOSI capability or a service descriptor.
pub const VOSIA_ATTR_STANDARD_ID: i32 = 14;
/// The `ref` attribute of a service descriptor's input: the ID of the results column its
/// value comes from.
pub const VOSIA_ATTR_REF: i32 = 15;
/// A registry hit's IVOA identifier (`ivo://...`, lower case).
pub const VOSIA_ATTR_IVOID: i32 = 16;
/// A registry hit's title.
pub const VOSIA_ATTR_TITLE: i32 = 17;
/// A registry hit's short name.
pub const VOSIA_ATTR_SHORT_NAME: i32 = 18;
/// A registry hit's wavebands: IVOA messenger terms, lower case, `#`-separated.
pub const VOSIA_ATTR_WAVEBAND: i32 = 19;

/// How a standard field is read (vosia_field_kind): VOSIA_KIND_TEXT with get_std_str.
pub const VOSIA_KIND_TEXT: i32 = 1;
/// One number in the field's fixed unit: get_std_double.
pub const VOSIA_KIND_NUMBER: i32 = 2;
/// An array of numbers in the field's fixed unit: get_std_double_array.
pub const VOSIA_KIND_ARRAY: i32 = 3;

/// The SIA 2.0 interval parameters of vosia_query_add_interval (`NAME=lo hi`).
///
/// BAND: wavelength in metres.
pub const VOSIA_PARAM_BAND: i32 = 1;
/// TIME: MJD (days).
pub const VOSIA_PARAM_TIME: i32 = 2;
/// FOV: field of view, degrees.
pub const VOSIA_PARAM_FOV: i32 = 3;
/// SPATRES: spatial resolution, arcseconds.
pub const VOSIA_PARAM_SPATRES: i32 = 4;
/// EXPTIME: exposure time, seconds.
pub const VOSIA_PARAM_EXPTIME: i32 = 5;
/// TIMERES: time resolution, seconds.
pub const VOSIA_PARAM_TIMERES: i32 = 6;
/// SPECRP: spectral resolving power (no unit).
pub const VOSIA_PARAM_SPECRP: i32 = 7;
/// The SIA 2.0 text parameters of vosia_query_add_text (repeatable, OR-ed).
///
/// ID: `obs_publisher_did`.
pub const VOSIA_PARAM_ID: i32 = 20;
/// COLLECTION: `obs_collection`.
pub const VOSIA_PARAM_COLLECTION: i32 = 21;
/// FACILITY: `facility_name`.
pub const VOSIA_PARAM_FACILITY: i32 = 22;
/// INSTRUMENT: `instrument_name`.
pub const VOSIA_PARAM_INSTRUMENT: i32 = 23;
/// DPTYPE: `dataproduct_type` (`image`, `cube`).
pub const VOSIA_PARAM_DPTYPE: i32 = 24;
/// TARGET: `target_name`.
pub const VOSIA_PARAM_TARGET: i32 = 25;
/// POL: a polarization state (`I`, `Q`, `U`, `V`, `RR`, ... `POLA`); checked.
pub const VOSIA_PARAM_POL: i32 = 26;

/// VOTable datatypes, as vosia_results_column_datatype gives them.
///
/// `boolean`: read with get_int64 (0/1); get_text gives "true"/"false".
pub const VOSIA_TYPE_BOOLEAN: i32 = 1;
/// `bit`: read with get_int64 (0/1), or get_double_array for bit arrays.
pub const VOSIA_TYPE_BIT: i32 = 2;
/// `unsignedByte`: read with get_int64.
pub const VOSIA_TYPE_UNSIGNED_BYTE: i32 = 3;
/// `short`: read with get_int64.
pub const VOSIA_TYPE_SHORT: i32 = 4;
/// `int`: read with get_int64.
pub const VOSIA_TYPE_INT: i32 = 5;
/// `long`: read with get_int64.
pub const VOSIA_TYPE_LONG: i32 = 6;
/// `char` (also a FIELD without datatype): read with get_str.
pub const VOSIA_TYPE_CHAR: i32 = 7;
/// `unicodeChar`: read with get_str (UTF-8).
pub const VOSIA_TYPE_UNICODE_CHAR: i32 = 8;
/// `float`: read with get_double (held at single precision).
pub const VOSIA_TYPE_FLOAT: i32 = 9;
/// `double`: read with get_double.
pub const VOSIA_TYPE_DOUBLE: i32 = 10;
/// `floatComplex`: read with get_double_array (real, imaginary pairs).
pub const VOSIA_TYPE_FLOAT_COMPLEX: i32 = 11;
/// `doubleComplex`: read with get_double_array (real, imaginary pairs).
pub const VOSIA_TYPE_DOUBLE_COMPLEX: i32 = 12;

/// Standard fields (vosia_results_std_column, vosia_results_get_std_double and the other
/// get_std_* getters, vosia_field_get_attr): one vocabulary
/// over SIA 1.0 UCDs and SIA 2.0 ObsCore columns. Numbers come back in fixed units: degrees
/// (RA, DEC, SCALE, REF_VALUE, CD_MATRIX, S_FOV, S_RESOLUTION), MJD (MJD_OBS, T_MIN, T_MAX),
/// seconds (T_EXPTIME, ACREF_TTL), metres (EM_REF, EM_MIN, EM_MAX), bytes (FILESIZE).
///
/// The URL to download the dataset from (SIA 1 `VOX:Image_AccessReference`, SIA 2 `access_url`).
pub const VOSIA_FIELD_ACCESS_URL: i32 = 0;
/// MIME type of the dataset.
pub const VOSIA_FIELD_FORMAT: i32 = 1;
/// SIA 1 image title; SIA 2 `obs_title`, else `obs_id`.
pub const VOSIA_FIELD_TITLE: i32 = 2;
/// Right ascension of the image centre, degrees.
pub const VOSIA_FIELD_RA: i32 = 3;
/// Declination of the image centre, degrees.
pub const VOSIA_FIELD_DEC: i32 = 4;
/// Instrument name (SIA 2: `instrument_name`).
pub const VOSIA_FIELD_INSTRUMENT: i32 = 5;
/// SIA 1 `VOX:Image_MJDateObs`; SIA 2 the mid-point of `t_min` and `t_max`.
pub const VOSIA_FIELD_MJD_OBS: i32 = 6;
/// Number of image axes (SIA 1 only).
pub const VOSIA_FIELD_NAXES: i32 = 7;
/// Pixels per axis (an array; SIA 2: `s_xel1`, `s_xel2`). Read with `get_std_double_array`.
pub const VOSIA_FIELD_NAXIS: i32 = 8;
/// Pixel scale per axis, degrees per pixel (SIA 2: `s_pixel_scale`, converted from arcsec).
pub const VOSIA_FIELD_SCALE: i32 = 9;
/// Coordinate reference frame, e.g. "ICRS" (SIA 1 only).
pub const VOSIA_FIELD_COORD_FRAME: i32 = 10;
/// Equinox of the coordinate frame (SIA 1 only).
pub const VOSIA_FIELD_COORD_EQUINOX: i32 = 11;
/// WCS projection code, e.g. "TAN" (SIA 1 only).
pub const VOSIA_FIELD_PROJECTION: i32 = 12;
/// WCS reference pixel per axis (SIA 1 only).
pub const VOSIA_FIELD_REF_PIXEL: i32 = 13;
/// WCS reference value per axis, degrees (SIA 1 only).
pub const VOSIA_FIELD_REF_VALUE: i32 = 14;
/// WCS CD matrix, degrees per pixel (SIA 1 only).
pub const VOSIA_FIELD_CD_MATRIX: i32 = 15;
/// Bandpass name, e.g. "V" (SIA 1 only).
pub const VOSIA_FIELD_BANDPASS_ID: i32 = 16;
/// Unit of the SIA 1 bandpass values as the service wrote it (the numbers are converted to metres).
pub const VOSIA_FIELD_BANDPASS_UNIT: i32 = 17;
/// Reference wavelength (SIA 2: mid-point of `em_min` and `em_max`).
pub const VOSIA_FIELD_EM_REF: i32 = 18;
/// Shortest wavelength of the bandpass, metres (SIA 1 band limits in Hz or eV are converted, and swap).
pub const VOSIA_FIELD_EM_MIN: i32 = 19;
/// Longest wavelength of the bandpass, metres.
pub const VOSIA_FIELD_EM_MAX: i32 = 20;
/// SIA 1 pixel flags (C, F, X, Z, V).
pub const VOSIA_FIELD_PIXFLAGS: i32 = 21;
/// How long the access URL stays valid, seconds (SIA 1).
pub const VOSIA_FIELD_ACREF_TTL: i32 = 22;
/// Dataset size in bytes (SIA 2 `access_estsize` is in kilobytes and is converted).
pub const VOSIA_FIELD_FILESIZE: i32 = 23;
/// `obs_collection` (SIA 2).
pub const VOSIA_FIELD_COLLECTION: i32 = 24;
/// `dataproduct_type`, e.g. "image" (SIA 2).
pub const VOSIA_FIELD_DATAPRODUCT_TYPE: i32 = 25;
/// `calib_level`, 0 to 4 (SIA 2).
pub const VOSIA_FIELD_CALIB_LEVEL: i32 = 26;
/// `obs_id` (SIA 2).
pub const VOSIA_FIELD_OBS_ID: i32 = 27;
/// `obs_publisher_did`, the dataset identifier for SIA 2 ID= and DataLink (SIA 2).
pub const VOSIA_FIELD_PUBLISHER_DID: i32 = 28;
/// `target_name` (SIA 2).
pub const VOSIA_FIELD_TARGET: i32 = 29;
/// `s_fov`, field of view diameter, degrees (SIA 2).
pub const VOSIA_FIELD_S_FOV: i32 = 30;
/// `s_region`, the footprint as written (STC-S or DALI polygon) (SIA 2).
pub const VOSIA_FIELD_S_REGION: i32 = 31;
/// `s_resolution`, spatial resolution, degrees (converted from arcsec) (SIA 2).
pub const VOSIA_FIELD_S_RESOLUTION: i32 = 32;
/// `t_min`, start of the exposure, MJD (SIA 2).
pub const VOSIA_FIELD_T_MIN: i32 = 33;
/// `t_max`, end of the exposure, MJD (SIA 2).
pub const VOSIA_FIELD_T_MAX: i32 = 34;
/// `t_exptime`, exposure time, seconds (SIA 2).
pub const VOSIA_FIELD_T_EXPTIME: i32 = 35;
/// `em_res_power`, spectral resolving power (SIA 2).
pub const VOSIA_FIELD_EM_RES_POWER: i32 = 36;
/// `pol_states`, e.g. "/I/Q/U/" (SIA 2).
pub const VOSIA_FIELD_POL_STATES: i32 = 37;
/// `facility_name` (SIA 2).
pub const VOSIA_FIELD_FACILITY: i32 = 38;
/// One more than the largest `VOSIA_FIELD_*` value.
pub const VOSIA_FIELD_COUNT: i32 = 39;

/// The constraints of vosia_registry_query_add; a hit meets all of them. The service type:
/// "sia" (SIA 1.0) or "sia2" (SIA 2.0), as pyvo names them; none given means both.
pub const VOSIA_REGISTRY_SERVICE_TYPE: i32 = 1;
/// A word the title or description holds (a whole word, any case), or one of the subjects
/// (as part of it); every keyword added must match.
pub const VOSIA_REGISTRY_KEYWORD: i32 = 2;
/// An IVOA messenger term (optical, infrared, radio, x-ray, ...); a hit covers one of those
/// added.
pub const VOSIA_REGISTRY_WAVEBAND: i32 = 3;
/// An IVOA identifier (`ivo://...`); a hit is one of those added.
pub const VOSIA_REGISTRY_IVOID: i32 = 4;

/// What vosia_samp_send asks its recipients to load: a FITS image (`image.load.fits`).
pub const VOSIA_SAMP_IMAGE: i32 = 1;
/// A VOTable, such as a saved response (`table.load.votable`).
pub const VOSIA_SAMP_TABLE: i32 = 2;
