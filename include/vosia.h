/*
 * vosia.h: the C API of vosia, a client for the IVOA Simple Image Access protocol
 * (SIA 1.0 and SIA 2.0). vosia sends SIA queries, reads the VOTable responses (TABLEDATA,
 * BINARY, BINARY2) into immutable typed columns, and maps SIA 1.0 UCDs and SIA 2.0 ObsCore
 * columns onto one set of standard fields (VOSIA_FIELD_*) in fixed units. The library is
 * written in Rust; this header is all a C, C++ or Fortran program needs. It is the contract
 * of vosia 0.2; where it differs from the project's design notes (API.md), this wins.
 *
 * Handles. vosia_service (base URL, SIA version, transport settings, connection pool, cached
 * metadata and capabilities), vosia_query (parameters; its last execute error) and
 * vosia_results (an immutable, fully parsed response). Constructors return a status and write
 * *out only on success; handles may be freed in any order; vosia_*_free(NULL) does nothing.
 * A NULL handle gives VOSIA_E_NULL_ARG, a pointer to the wrong kind of handle (or one freed)
 * VOSIA_E_BAD_HANDLE, as far as a magic number can tell.
 *
 * Threads. vosia needs no init or cleanup call. A vosia_service (once configured) and a
 * vosia_results may be used by any number of threads at the same time. A vosia_query must
 * not be used by two threads at once; it may move between threads (vosia_query_clone makes
 * one for another thread). Strings from a handle stay valid until that handle is freed (a
 * query's URL: until the query changes). Error detail is per thread (vosia_last_error,
 * vosia_last_status). Calls that make requests block only their caller and run on it,
 * name lookup included: an IP literal or localhost is used as it is; a host name is looked
 * up in /etc/hosts, then by DNS as /etc/resolv.conf says (search list, ndots, servers,
 * timeout, attempts, TCP for long answers), stopping at the connect timeout. nsswitch sources
 * other than files and dns (mDNS, LDAP, NIS) are not consulted. vosia_service_download_rows runs its downloads on up to
 * vosia_service_set_download_jobs threads of its own, and vosia_batch_execute its queries on
 * up to `jobs` threads, all joined before the call returns. No other thread is started and no
 * signal handler installed.
 * Global state: the first call into vosia installs, once per process, a panic hook that keeps
 * panics inside vosia quiet (vosia never prints) and hands every other panic to the hook that
 * was there before; nothing else is global.
 *
 * Status. Fallible functions return a vosia_status: VOSIA_OK (0) on success,
 * VOSIA_NULL_VALUE (1) when the value asked for is absent (a null cell, an attribute a FIELD
 * does not set, a lookup that found nothing; not an error; nothing written), VOSIA_E_*
 * otherwise. Out-parameters are written only when VOSIA_OK is returned (the array and
 * copy_* functions also on VOSIA_E_BUFFER_SIZE, as each says). The few functions that return a
 * value instead (counts, vosia_results_is_null, vosia_results_overflow) return -1 on failure;
 * vosia_last_status() then says which. vosia_strerror(status) gives a static text,
 * vosia_last_error() the detail of the last failure on this thread.
 *
 * Getters. One keyed getter per kind of described thing, with a VOSIA_ATTR_* key: columns of a
 * result (vosia_results_get_column_attr), a service's parameters and columns
 * (vosia_service_get_param_attr, vosia_service_get_column_attr), the service itself and its
 * capabilities (vosia_service_get_attr, vosia_service_get_capability_attr), the standard
 * fields (vosia_field_get_attr). A key the getter does not know is VOSIA_E_INVALID_ARG.
 * Whole columns come in one call (vosia_results_get_double_column and its kin): nulls in an
 * optional mask, and as NaN in double columns (0 in int64 columns: there only the mask tells).
 *
 * Strings. In: NUL-terminated UTF-8, copied before the call returns (invalid UTF-8 is
 * VOSIA_E_INVALID_ARG). Out: NUL-terminated UTF-8, borrowed, never freed by the caller:
 * static, or owned by the handle they came from. Every getter of a string borrowed from a
 * handle has a copy_* twin that copies into your buffer (at most cap-1 bytes plus a NUL,
 * cut at a character boundary), always sets *len (if not NULL) to the full length, and
 * returns VOSIA_E_BUFFER_SIZE when it had to truncate or when buf is NULL with cap 0 (a size
 * probe). Static strings (vosia_strerror, vosia_version, field names) need no twin.
 *
 * Const. A function taking a const handle changes nothing the caller can observe; the
 * functions that fetch and cache (vosia_service_fetch_metadata, _fetch_capabilities) take a
 * non-const one, and are as thread-safe as every other service call; so does vosia_query_url,
 * which keeps the URL it returns in the query (vosia_query_copy_url, which does not, is const).
 *
 * Downloads. vosia_service_download_url and vosia_service_download_rows save datasets into a
 * folder: each file is written to NAME.part there, checked against the length and checksums
 * the server announces (Content-Length, Digest, Repr-Digest, Content-MD5), flushed and only
 * then renamed to NAME, so a file under its final name is always complete: a later call finds
 * it and fetches nothing, and a call cut short resumes its NAME.part with an HTTP Range
 * request (or starts over where the server takes no ranges). Names follow pyvo's and never
 * leave the folder. A row whose access URL is a DataLink document is followed to its #this
 * link, so the dataset is saved, not the XML. The outcome of each file is in a
 * vosia_downloads handle.
 *
 * Callbacks: two kinds, each returning non-zero to stop (VOSIA_E_CANCELLED).
 * - Progress (vosia_progress_fn). vosia_service_set_progress installs one: told the bytes of
 *   each response body read so far and expected, it cancels the transfer with a non-zero
 *   return. During vosia_service_download_rows it is told the bytes of all files together,
 *   from the download threads, one call at a time, and its non-zero return stops every
 *   transfer (their .part files are removed); vosia_batch_execute takes one for queries done.
 * - Rows (vosia_rows_fn), for answers larger than memory. vosia_query_execute_in_batches and
 *   vosia_results_parse_file_in_batches hand the rows to it in batches as they are parsed,
 *   on the calling thread, and keep none: a response of millions of rows is read in a few
 *   MB. (API.md allowed only the progress kind; 0.2 adds this one, for issue 11.)
 *
 * Finding services and handing images on. vosia_registry_search asks a RegTAP registry
 * (through a vosia_service made for its TAP root URL, e.g. GAVO's http://reg.g-vo.org/tap)
 * for the SIA services meeting a vosia_registry_query, as pyvo's registry.search does; each
 * hit gives its ivoid, names, access URL and SIA version, and vosia_registry_hits_service
 * makes the service. vosia_tap_query runs any ADQL synchronously on a TAP service the same
 * way. vosia_samp_connect registers with the desktop's SAMP hub (SAMP_HUB, else ~/.samp) and
 * vosia_samp_send hands a FITS image or VOTable to Aladin, DS9 or TOPCAT.
 *
 * Rows and columns are 0-based (1-based only in the Fortran module). Types at the boundary:
 * int32_t, int64_t, double, size_t, pointers; no varargs, no long, no bool, no structs by
 * value. The library never prints, never exits and never aborts: a panic inside it becomes
 * VOSIA_E_PANIC.
 *
 * Example: print the access URL of every image in a saved SIA 1.0 response.
 *
 *     vosia_results *res;
 *     if (vosia_results_parse_file("response.xml", VOSIA_SIA1, &res) != VOSIA_OK) {
 *         fprintf(stderr, "vosia: %s\n", vosia_last_error());
 *         return 1;
 *     }
 *     for (int64_t i = 0; i < vosia_results_row_count(res); i++) {
 *         const char *url;
 *         if (vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, &url) == VOSIA_OK)
 *             puts(url);
 *     }
 *     vosia_results_free(res);
 *
 * Build with: cc app.c $(pkg-config --cflags --libs vosia), or in CMake
 * find_package(vosia 0.2) and target_link_libraries(app vosia::vosia).
 */

#ifndef VOSIA_H
#define VOSIA_H

/* Generated by cbindgen from src/ffi (see cbindgen.toml). Do not edit. */

#include <stddef.h>
#include <stdint.h>

/** Major version of this header (from Cargo.toml). */
#define VOSIA_VERSION_MAJOR 0
/** Minor version of this header. While the major version is 0, a new minor version may
 * change the ABI (the shared library's soname is libvosia.so.0.MINOR). */
#define VOSIA_VERSION_MINOR 2
/** Patch version of this header. */
#define VOSIA_VERSION_PATCH 0
/** The version of this header as a string, "MAJOR.MINOR.PATCH". */
#define VOSIA_VERSION_STRING "0.2.0"
/** The version of this header as one number, (MAJOR << 16) | (MINOR << 8) | PATCH;
 * compare with vosia_version_number() for the library actually loaded. */
#define VOSIA_VERSION_NUMBER ((VOSIA_VERSION_MAJOR << 16) | (VOSIA_VERSION_MINOR << 8) | VOSIA_VERSION_PATCH)
/** True when this header is version x.y.z or newer. */
#define VOSIA_AT_LEAST_VERSION(x, y, z) (VOSIA_VERSION_NUMBER >= (((x) << 16) | ((y) << 8) | (z)))

/** Marks a function that will go away; the compiler warns with the reason where it can. */
#if defined(__GNUC__) || defined(__clang__)
#define VOSIA_DEPRECATED(why) __attribute__((deprecated(why)))
#else
#define VOSIA_DEPRECATED(why)
#endif

/**
 * SIA 1.0 (POS/SIZE queries, results described by `VOX:` UCDs).
 */
#define VOSIA_SIA1 1

/**
 * SIA 2.0 (DALI parameters, ObsCore results).
 */
#define VOSIA_SIA2 2

/**
 * Attributes, the keys of the keyed getters (vosia_results_get_column_attr,
 * vosia_service_get_param_attr, vosia_service_get_column_attr, vosia_service_get_attr,
 * vosia_service_get_capability_attr, vosia_field_get_attr). Each getter says which it knows;
 * one it knows but the object did not set is VOSIA_NULL_VALUE, one it never knows
 * VOSIA_E_INVALID_ARG.
 *
 * The `name` attribute (of a FIELD, PARAM or standard field; without `INPUT:` for a
 * service parameter).
 */
#define VOSIA_ATTR_NAME 1

/**
 * The `ID` attribute of a FIELD.
 */
#define VOSIA_ATTR_ID 2

/**
 * The `ucd` attribute.
 */
#define VOSIA_ATTR_UCD 3

/**
 * The `utype` attribute.
 */
#define VOSIA_ATTR_UTYPE 4

/**
 * The `unit` attribute as written (of a standard field: the fixed unit vosia returns).
 */
#define VOSIA_ATTR_UNIT 5

/**
 * The `xtype` attribute (e.g. `timestamp`, `interval`, `circle`).
 */
#define VOSIA_ATTR_XTYPE 6

/**
 * The `arraysize` attribute as written (e.g. `*`, `2`, `3x*`).
 */
#define VOSIA_ATTR_ARRAYSIZE 7

/**
 * The `DESCRIPTION` element's text (of a service: its top-level description).
 */
#define VOSIA_ATTR_DESCRIPTION 8

/**
 * The `datatype` attribute in the standard spelling (`double`, `char`, ...).
 */
#define VOSIA_ATTR_DATATYPE 9

/**
 * The `value` attribute of a PARAM (a service parameter's default).
 */
#define VOSIA_ATTR_VALUE 10

/**
 * `VALUES/MIN/@value` of a PARAM.
 */
#define VOSIA_ATTR_MIN 11

/**
 * `VALUES/MAX/@value` of a PARAM.
 */
#define VOSIA_ATTR_MAX 12

/**
 * A URL: a service's base URL, a capability's access URL.
 */
#define VOSIA_ATTR_URL 13

/**
 * The `standardID` of a VOSI capability or a service descriptor.
 */
#define VOSIA_ATTR_STANDARD_ID 14

/**
 * The `ref` attribute of a service descriptor's input: the ID of the results column its
 * value comes from.
 */
#define VOSIA_ATTR_REF 15

/**
 * A registry hit's IVOA identifier (`ivo://...`, lower case).
 */
#define VOSIA_ATTR_IVOID 16

/**
 * A registry hit's title.
 */
#define VOSIA_ATTR_TITLE 17

/**
 * A registry hit's short name.
 */
#define VOSIA_ATTR_SHORT_NAME 18

/**
 * A registry hit's wavebands: IVOA messenger terms, lower case, `#`-separated.
 */
#define VOSIA_ATTR_WAVEBAND 19

/**
 * How a standard field is read (vosia_field_kind): VOSIA_KIND_TEXT with get_std_str.
 */
#define VOSIA_KIND_TEXT 1

/**
 * One number in the field's fixed unit: get_std_double.
 */
#define VOSIA_KIND_NUMBER 2

/**
 * An array of numbers in the field's fixed unit: get_std_double_array.
 */
#define VOSIA_KIND_ARRAY 3

/**
 * The SIA 2.0 interval parameters of vosia_query_add_interval (`NAME=lo hi`).
 *
 * BAND: wavelength in metres.
 */
#define VOSIA_PARAM_BAND 1

/**
 * TIME: MJD (days).
 */
#define VOSIA_PARAM_TIME 2

/**
 * FOV: field of view, degrees.
 */
#define VOSIA_PARAM_FOV 3

/**
 * SPATRES: spatial resolution, arcseconds.
 */
#define VOSIA_PARAM_SPATRES 4

/**
 * EXPTIME: exposure time, seconds.
 */
#define VOSIA_PARAM_EXPTIME 5

/**
 * TIMERES: time resolution, seconds.
 */
#define VOSIA_PARAM_TIMERES 6

/**
 * SPECRP: spectral resolving power (no unit).
 */
#define VOSIA_PARAM_SPECRP 7

/**
 * The SIA 2.0 text parameters of vosia_query_add_text (repeatable, OR-ed).
 *
 * ID: `obs_publisher_did`.
 */
#define VOSIA_PARAM_ID 20

/**
 * COLLECTION: `obs_collection`.
 */
#define VOSIA_PARAM_COLLECTION 21

/**
 * FACILITY: `facility_name`.
 */
#define VOSIA_PARAM_FACILITY 22

/**
 * INSTRUMENT: `instrument_name`.
 */
#define VOSIA_PARAM_INSTRUMENT 23

/**
 * DPTYPE: `dataproduct_type` (`image`, `cube`).
 */
#define VOSIA_PARAM_DPTYPE 24

/**
 * TARGET: `target_name`.
 */
#define VOSIA_PARAM_TARGET 25

/**
 * POL: a polarization state (`I`, `Q`, `U`, `V`, `RR`, ... `POLA`); checked.
 */
#define VOSIA_PARAM_POL 26

/**
 * VOTable datatypes, as vosia_results_column_datatype gives them.
 *
 * `boolean`: read with get_int64 (0/1); get_text gives "true"/"false".
 */
#define VOSIA_TYPE_BOOLEAN 1

/**
 * `bit`: read with get_int64 (0/1), or get_double_array for bit arrays.
 */
#define VOSIA_TYPE_BIT 2

/**
 * `unsignedByte`: read with get_int64.
 */
#define VOSIA_TYPE_UNSIGNED_BYTE 3

/**
 * `short`: read with get_int64.
 */
#define VOSIA_TYPE_SHORT 4

/**
 * `int`: read with get_int64.
 */
#define VOSIA_TYPE_INT 5

/**
 * `long`: read with get_int64.
 */
#define VOSIA_TYPE_LONG 6

/**
 * `char` (also a FIELD without datatype): read with get_str.
 */
#define VOSIA_TYPE_CHAR 7

/**
 * `unicodeChar`: read with get_str (UTF-8).
 */
#define VOSIA_TYPE_UNICODE_CHAR 8

/**
 * `float`: read with get_double (held at single precision).
 */
#define VOSIA_TYPE_FLOAT 9

/**
 * `double`: read with get_double.
 */
#define VOSIA_TYPE_DOUBLE 10

/**
 * `floatComplex`: read with get_double_array (real, imaginary pairs).
 */
#define VOSIA_TYPE_FLOAT_COMPLEX 11

/**
 * `doubleComplex`: read with get_double_array (real, imaginary pairs).
 */
#define VOSIA_TYPE_DOUBLE_COMPLEX 12

/**
 * Standard fields (vosia_results_std_column, vosia_results_get_std_double and the other
 * get_std_* getters, vosia_field_get_attr): one vocabulary
 * over SIA 1.0 UCDs and SIA 2.0 ObsCore columns. Numbers come back in fixed units: degrees
 * (RA, DEC, SCALE, REF_VALUE, CD_MATRIX, S_FOV, S_RESOLUTION), MJD (MJD_OBS, T_MIN, T_MAX),
 * seconds (T_EXPTIME, ACREF_TTL), metres (EM_REF, EM_MIN, EM_MAX), bytes (FILESIZE).
 *
 * The URL to download the dataset from (SIA 1 `VOX:Image_AccessReference`, SIA 2 `access_url`).
 */
#define VOSIA_FIELD_ACCESS_URL 0

/**
 * MIME type of the dataset.
 */
#define VOSIA_FIELD_FORMAT 1

/**
 * SIA 1 image title; SIA 2 `obs_title`, else `obs_id`.
 */
#define VOSIA_FIELD_TITLE 2

/**
 * Right ascension of the image centre, degrees.
 */
#define VOSIA_FIELD_RA 3

/**
 * Declination of the image centre, degrees.
 */
#define VOSIA_FIELD_DEC 4

/**
 * Instrument name (SIA 2: `instrument_name`).
 */
#define VOSIA_FIELD_INSTRUMENT 5

/**
 * SIA 1 `VOX:Image_MJDateObs`; SIA 2 the mid-point of `t_min` and `t_max`.
 */
#define VOSIA_FIELD_MJD_OBS 6

/**
 * Number of image axes (SIA 1 only).
 */
#define VOSIA_FIELD_NAXES 7

/**
 * Pixels per axis (an array; SIA 2: `s_xel1`, `s_xel2`). Read with `get_std_double_array`.
 */
#define VOSIA_FIELD_NAXIS 8

/**
 * Pixel scale per axis, degrees per pixel (SIA 2: `s_pixel_scale`, converted from arcsec).
 */
#define VOSIA_FIELD_SCALE 9

/**
 * Coordinate reference frame, e.g. "ICRS" (SIA 1 only).
 */
#define VOSIA_FIELD_COORD_FRAME 10

/**
 * Equinox of the coordinate frame (SIA 1 only).
 */
#define VOSIA_FIELD_COORD_EQUINOX 11

/**
 * WCS projection code, e.g. "TAN" (SIA 1 only).
 */
#define VOSIA_FIELD_PROJECTION 12

/**
 * WCS reference pixel per axis (SIA 1 only).
 */
#define VOSIA_FIELD_REF_PIXEL 13

/**
 * WCS reference value per axis, degrees (SIA 1 only).
 */
#define VOSIA_FIELD_REF_VALUE 14

/**
 * WCS CD matrix, degrees per pixel (SIA 1 only).
 */
#define VOSIA_FIELD_CD_MATRIX 15

/**
 * Bandpass name, e.g. "V" (SIA 1 only).
 */
#define VOSIA_FIELD_BANDPASS_ID 16

/**
 * Unit of the SIA 1 bandpass values as the service wrote it (the numbers are converted to metres).
 */
#define VOSIA_FIELD_BANDPASS_UNIT 17

/**
 * Reference wavelength (SIA 2: mid-point of `em_min` and `em_max`).
 */
#define VOSIA_FIELD_EM_REF 18

/**
 * Shortest wavelength of the bandpass, metres (SIA 1 band limits in Hz or eV are converted, and swap).
 */
#define VOSIA_FIELD_EM_MIN 19

/**
 * Longest wavelength of the bandpass, metres.
 */
#define VOSIA_FIELD_EM_MAX 20

/**
 * SIA 1 pixel flags (C, F, X, Z, V).
 */
#define VOSIA_FIELD_PIXFLAGS 21

/**
 * How long the access URL stays valid, seconds (SIA 1).
 */
#define VOSIA_FIELD_ACREF_TTL 22

/**
 * Dataset size in bytes (SIA 2 `access_estsize` is in kilobytes and is converted).
 */
#define VOSIA_FIELD_FILESIZE 23

/**
 * `obs_collection` (SIA 2).
 */
#define VOSIA_FIELD_COLLECTION 24

/**
 * `dataproduct_type`, e.g. "image" (SIA 2).
 */
#define VOSIA_FIELD_DATAPRODUCT_TYPE 25

/**
 * `calib_level`, 0 to 4 (SIA 2).
 */
#define VOSIA_FIELD_CALIB_LEVEL 26

/**
 * `obs_id` (SIA 2).
 */
#define VOSIA_FIELD_OBS_ID 27

/**
 * `obs_publisher_did`, the dataset identifier for SIA 2 ID= and DataLink (SIA 2).
 */
#define VOSIA_FIELD_PUBLISHER_DID 28

/**
 * `target_name` (SIA 2).
 */
#define VOSIA_FIELD_TARGET 29

/**
 * `s_fov`, field of view diameter, degrees (SIA 2).
 */
#define VOSIA_FIELD_S_FOV 30

/**
 * `s_region`, the footprint as written (STC-S or DALI polygon) (SIA 2).
 */
#define VOSIA_FIELD_S_REGION 31

/**
 * `s_resolution`, spatial resolution, degrees (converted from arcsec) (SIA 2).
 */
#define VOSIA_FIELD_S_RESOLUTION 32

/**
 * `t_min`, start of the exposure, MJD (SIA 2).
 */
#define VOSIA_FIELD_T_MIN 33

/**
 * `t_max`, end of the exposure, MJD (SIA 2).
 */
#define VOSIA_FIELD_T_MAX 34

/**
 * `t_exptime`, exposure time, seconds (SIA 2).
 */
#define VOSIA_FIELD_T_EXPTIME 35

/**
 * `em_res_power`, spectral resolving power (SIA 2).
 */
#define VOSIA_FIELD_EM_RES_POWER 36

/**
 * `pol_states`, e.g. "/I/Q/U/" (SIA 2).
 */
#define VOSIA_FIELD_POL_STATES 37

/**
 * `facility_name` (SIA 2).
 */
#define VOSIA_FIELD_FACILITY 38

/**
 * One more than the largest `VOSIA_FIELD_*` value.
 */
#define VOSIA_FIELD_COUNT 39

/**
 * The constraints of vosia_registry_query_add; a hit meets all of them. The service type:
 * "sia" (SIA 1.0) or "sia2" (SIA 2.0), as pyvo names them; none given means both.
 */
#define VOSIA_REGISTRY_SERVICE_TYPE 1

/**
 * A word the title or description holds (a whole word, any case), or one of the subjects
 * (as part of it); every keyword added must match.
 */
#define VOSIA_REGISTRY_KEYWORD 2

/**
 * An IVOA messenger term (optical, infrared, radio, x-ray, ...); a hit covers one of those
 * added.
 */
#define VOSIA_REGISTRY_WAVEBAND 3

/**
 * An IVOA identifier (`ivo://...`); a hit is one of those added.
 */
#define VOSIA_REGISTRY_IVOID 4

/**
 * What vosia_samp_send asks its recipients to load: a FITS image (`image.load.fits`).
 */
#define VOSIA_SAMP_IMAGE 1

/**
 * A VOTable, such as a saved response (`table.load.votable`).
 */
#define VOSIA_SAMP_TABLE 2

/**
 * Flags of the download calls (OR them): name each file as the server's
 * `Content-Disposition` says, when it does (made safe; such a name is known only once the
 * server answers, so a complete file is not looked for before fetching).
 */
#define VOSIA_DOWNLOAD_SERVER_NAME 1

/**
 * Fetch again even when a complete file is in place.
 */
#define VOSIA_DOWNLOAD_REFRESH 2

/**
 * Save DataLink documents as they are instead of following them to their `#this` link.
 */
#define VOSIA_DOWNLOAD_KEEP_DATALINK 4

/**
 * How a downloaded file came to be in place (vosia_downloads_file): fetched whole.
 */
#define VOSIA_DOWNLOAD_FETCHED 1

/**
 * A partial file of an earlier try was continued (HTTP Range).
 */
#define VOSIA_DOWNLOAD_RESUMED 2

/**
 * A complete file was already there: nothing was fetched.
 */
#define VOSIA_DOWNLOAD_CACHED 3

/**
 * Opaque handle to the outcome of vosia_batch_execute: one item per query, in input order.
 * Immutable; any number of threads may read it. Free with vosia_batch_free.
 */
typedef struct vosia_batch vosia_batch;

/**
 * Opaque handle to the outcome of a download call: one entry per file asked for, in order.
 * Immutable; any number of threads may read it. Free with vosia_downloads_free.
 */
typedef struct vosia_downloads vosia_downloads;

/**
 * Opaque handle to a query (`vosia_query_*`). One thread at a time.
 */
typedef struct vosia_query vosia_query;

/**
 * Opaque handle to the SIA services a registry search found, one entry per SIA interface.
 * Immutable; any number of threads may read it. Free with vosia_registry_hits_free.
 */
typedef struct vosia_registry_hits vosia_registry_hits;

/**
 * Opaque handle to the constraints of a registry search (`vosia_registry_query_*`). One
 * thread at a time.
 */
typedef struct vosia_registry_query vosia_registry_query;

/**
 * Opaque handle to an immutable, fully parsed response. Create it with
 * vosia_results_parse, vosia_results_parse_file or vosia_query_execute; free it with
 * vosia_results_free. Any number of threads may read one at the same time.
 */
typedef struct vosia_results vosia_results;

/**
 * Opaque handle to a client registered with a SAMP hub. Any number of threads may send
 * through it at once. Free with vosia_samp_free, which unregisters it.
 */
typedef struct vosia_samp vosia_samp;

/**
 * Opaque handle to an SIA service (`vosia_service_*`). Thread-safe once configured.
 */
typedef struct vosia_service vosia_service;

/**
 * A status returned by every fallible vosia function: 0 is success. Numbers are never reused.
 */
typedef int32_t vosia_status;

/**
 * A progress function: told the bytes of a response body read so far (`done`) and the
 * bytes expected (`total`, -1 when the server did not say, e.g. for a compressed body).
 * Return 0 to go on; any other value cancels the transfer at once, and the call reading it
 * fails with VOSIA_E_CANCELLED. `user` is the pointer given to vosia_service_set_progress.
 */
typedef int32_t (*vosia_progress_fn)(int64_t done, int64_t total, void *user);

/**
 * A rows function, for a read in batches (vosia_query_execute_in_batches,
 * vosia_results_parse_file_in_batches): handed each batch of rows as soon as it is parsed.
 * `rows` is a results handle with the table's columns and up to `batch_rows` rows, borrowed
 * for this call only: read it with any vosia_results_ getter (whole columns at once with
 * vosia_results_get_double_column and its kin), never free it, and keep neither it nor a
 * string borrowed from it after returning. `first_row` is the index (0-based) of its first
 * row in the whole table. Return 0 to go on; any other value stops the read at once, and
 * the call fails with VOSIA_E_CANCELLED. Called on the calling thread, in row order.
 */
typedef int32_t (*vosia_rows_fn)(const vosia_results *rows, int64_t first_row, void *user);



/**
 * Success.
 */
#define VOSIA_OK 0

/**
 * Not an error: the value asked for is absent (a null cell: VOTable null, NaN, empty; an
 * attribute the object does not set; a lookup that found nothing); nothing was written.
 */
#define VOSIA_NULL_VALUE 1

/**
 * A required pointer argument was NULL.
 */
#define VOSIA_E_NULL_ARG 10

/**
 * An argument's value is not allowed (|dec| > 90, NaN, empty, not UTF-8, ...).
 */
#define VOSIA_E_INVALID_ARG 11

/**
 * The pointer is not a live handle of the expected kind.
 */
#define VOSIA_E_BAD_HANDLE 12

/**
 * The parameter is not defined for this SIA version.
 */
#define VOSIA_E_UNSUPPORTED 13

/**
 * A row, column or field index is out of range.
 */
#define VOSIA_E_RANGE 14

/**
 * The cell cannot be read as the type asked for.
 */
#define VOSIA_E_TYPE 15

/**
 * The caller's buffer was too small; the output was truncated (`*len` holds the full size).
 */
#define VOSIA_E_BUFFER_SIZE 16

/**
 * The server could not be reached.
 */
#define VOSIA_E_CONNECT 30

/**
 * A timeout expired.
 */
#define VOSIA_E_TIMEOUT 31

/**
 * TLS handshake or certificate failure.
 */
#define VOSIA_E_TLS 32

/**
 * The server answered with a non-2xx HTTP status.
 */
#define VOSIA_E_HTTP 33

/**
 * The response was larger than the configured limit.
 */
#define VOSIA_E_TOO_LARGE 34

/**
 * A download ended before the whole file arrived; the bytes that came are kept (under a
 * temporary name) and the next attempt resumes from them.
 */
#define VOSIA_E_PARTIAL 35

/**
 * Downloaded bytes differ from the length or checksum the server announced; they are not
 * kept.
 */
#define VOSIA_E_CHECKSUM 36

/**
 * A local file could not be read or written.
 */
#define VOSIA_E_IO 40

/**
 * The service reported QUERY_STATUS=ERROR; the detail is the service's own text.
 */
#define VOSIA_E_SERVICE 50

/**
 * Not a VOTable, or malformed beyond repair; the detail names the byte offset.
 */
#define VOSIA_E_FORMAT 51

/**
 * A VOTable without a results table.
 */
#define VOSIA_E_NO_TABLE 52

/**
 * The operation was cancelled by the caller.
 */
#define VOSIA_E_CANCELLED 60

/**
 * A bug in vosia, caught at the boundary (a Rust panic). Please report it.
 */
#define VOSIA_E_PANIC 90

/**
 * A bug in vosia: an internal invariant did not hold. Please report it.
 */
#define VOSIA_E_INTERNAL 99

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * The version of the vosia library loaded at run time, e.g. "0.2.0".
 *
 * @return A static NUL-terminated string; never NULL. Thread-safe.
 */
const char *vosia_version(void);

/**
 * The version of the vosia library loaded at run time as one number,
 * `(MAJOR << 16) | (MINOR << 8) | PATCH`; compare with `VOSIA_VERSION_NUMBER` from the
 * header to detect a header/library mismatch. Thread-safe.
 *
 * @return (MAJOR << 16) | (MINOR << 8) | PATCH of the library loaded.
 */
int32_t vosia_version_number(void);

/**
 * The static text of a status code (`VOSIA_OK`, `VOSIA_E_*`).
 *
 * @param status a status code, VOSIA_OK or a VOSIA_E_* value (any other number is allowed).
 * @return A NUL-terminated string with static lifetime; never NULL ("unknown status" for
 *         a number vosia does not define). Thread-safe.
 */
const char *vosia_strerror(vosia_status status);

/**
 * The detail of the last failure of a vosia call on the calling thread: what failed and,
 * where possible, what to do about it.
 *
 * @return A NUL-terminated string owned by vosia, valid on this thread until the next
 *         failing vosia call on it; "" when nothing has failed yet. Never NULL. Calls that
 *         succeed leave it unchanged.
 */
const char *vosia_last_error(void);

/**
 * The status of the last failure of a vosia call on the calling thread (the pair of
 * vosia_last_error, as SQLite's errcode is of errmsg): what a function that returns a value
 * rather than a status (vosia_results_row_count, vosia_results_is_null, ...) failed with.
 *
 * @return A VOSIA_E_* code (or VOSIA_E_BUFFER_SIZE after a truncating copy); VOSIA_OK when
 *         nothing has failed on this thread yet. Calls that succeed leave it unchanged.
 */
vosia_status vosia_last_status(void);

/**
 * Copies vosia_last_error() into `buf`: at most `cap-1` bytes plus a NUL; `*len` (if not
 * NULL) receives the full length. Does not change the last error.
 *
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK, or VOSIA_E_BUFFER_SIZE when the text was truncated.
 */
vosia_status vosia_copy_last_error(char *buf, size_t cap, size_t *len);

/**
 * The number of standard fields: VOSIA_FIELD_* values run from 0 to this minus 1 (the
 * VOSIA_FIELD_COUNT of the library loaded, which a newer library may raise).
 *
 * @return the number of standard fields (never fails).
 */
int32_t vosia_field_count(void);

/**
 * Attribute `attr` of standard field `field`: VOSIA_ATTR_NAME, the lower-case name
 * bindings use ("access_url"; VOSIA_FIELD_ACCESS_URL in upper case), or VOSIA_ATTR_UNIT,
 * the fixed unit the get_std_* getters return ("deg", "m", "d" for MJD days, "s", "byte").
 *
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a static string; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (a field without unit: text, counts, pixels);
 *         VOSIA_E_RANGE (not a VOSIA_FIELD_*), VOSIA_E_INVALID_ARG (another attribute),
 *         VOSIA_E_NULL_ARG.
 */
vosia_status vosia_field_get_attr(int32_t field, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of standard field `field` (see vosia_field_get_attr) into `buf`
 * (copy_* convention).
 *
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG.
 */
vosia_status vosia_field_copy_attr(int32_t field, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * How standard field `field` is read: VOSIA_KIND_TEXT (get_std_str), VOSIA_KIND_NUMBER
 * (get_std_double) or VOSIA_KIND_ARRAY (get_std_double_array).
 *
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG.
 */
vosia_status vosia_field_kind(int32_t field, int32_t *out);

/**
 * The standard field named `name` (as vosia_field_get_attr gives it, case-insensitive).
 *
 * @param name (not NULL) the field's name, NUL-terminated UTF-8.
 * @param out (out, not NULL) receives the VOSIA_FIELD_* value; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no field has that name); VOSIA_E_NULL_ARG,
 *         VOSIA_E_INVALID_ARG (not UTF-8).
 */
vosia_status vosia_field_by_name(const char *name, int32_t *out);

/**
 * Creates a service for the SIA query endpoint `base_url` speaking `sia_version`
 * (VOSIA_SIA1 or VOSIA_SIA2). The URL is copied and kept as given, including a query
 * string of its own (`...?COLLECTION=x&`). No request is made.
 *
 * Defaults: whole-request timeout 120 s, connect timeout 10 s, response limit 1 GiB,
 * 3 retries on HTTP 429/503 within 30 s of waiting, proxies from the environment, TLS with
 * the system certificate store, `User-Agent: vosia/<version>`, connections kept alive for
 * every host but this machine (see vosia_service_set_keepalive), no progress function.
 *
 * @param base_url (not NULL) the service's query endpoint, an http or https URL (UTF-8).
 * @param sia_version VOSIA_SIA1 or VOSIA_SIA2: the protocol the service speaks.
 * @param out (out, not NULL) receives the new handle; free it with vosia_service_free.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (not an http(s) URL, bad UTF-8, unknown version),
 *         VOSIA_E_NULL_ARG.
 */
vosia_status vosia_service_new(const char *base_url, int32_t sia_version, vosia_service **out);

/**
 * Finds the SIA 2.0 query endpoint from a VOSI capabilities URL or a service base URL (as
 * registries hand them out) and creates an SIA 2.0 service for it. Makes one or two HTTP
 * requests: the URL itself if it ends in `/capabilities`, else `<url>/capabilities` (query
 * string dropped), then the sibling `.../capabilities`. Picks the first interface of the
 * `ivo://ivoa.net/std/SIA#query-2.0` capability that is not BasicAA-only. The capabilities
 * found stay cached on the new service.
 *
 * @param url (not NULL) a VOSI capabilities URL or a service base URL, http or https (UTF-8).
 * @param timeout_seconds bounds each request and becomes the new service's timeout; 0 means
 *                        the default 120 s.
 * @param out (out, not NULL) receives the new handle (free with vosia_service_free).
 * @return VOSIA_OK; the transport errors (VOSIA_E_CONNECT when no candidate URL could be
 *         reached, VOSIA_E_TIMEOUT, VOSIA_E_TLS, VOSIA_E_HTTP, ...), VOSIA_E_FORMAT (not a
 *         capabilities document), VOSIA_E_INVALID_ARG (no SIA 2.0 capability; a negative,
 *         NaN or infinite timeout), VOSIA_E_NULL_ARG.
 */
vosia_status vosia_service_discover(const char *url, double timeout_seconds, vosia_service **out);

/**
 * Frees a service handle. Queries made from it stay valid (they share the service).
 * NULL does nothing. Strings borrowed from this handle become invalid.
 *
 * @param s the service to free; NULL does nothing.
 */
void vosia_service_free(vosia_service *s);

/**
 * Sets the whole-request timeout in seconds (> 0): connecting, sending, waiting, reading the
 * body and retries together. Applies to requests started afterwards, from any query.
 *
 * @param s (not NULL) the service.
 * @param seconds the time in seconds, finite and > 0.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for 0, negative, NaN or infinite values (or over
 *         1e9 s); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_timeout(vosia_service *s, double seconds);

/**
 * Sets the connect timeout in seconds (> 0): establishing one TCP (and TLS) connection,
 * host name resolution included.
 *
 * @param s (not NULL) the service.
 * @param seconds the time in seconds, finite and > 0.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG as vosia_service_set_timeout; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_connect_timeout(vosia_service *s, double seconds);

/**
 * Sets the largest response body accepted, in bytes after decompression; 0 means no limit.
 * A larger response fails with VOSIA_E_TOO_LARGE while streaming (it is never held whole).
 *
 * @param s (not NULL) the service.
 * @param bytes the largest response body accepted in bytes, >= 0 (0: no limit).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_max_response_bytes(vosia_service *s, int64_t bytes);

/**
 * Sets the most bytes a parsed response may keep in memory (its cells, FIELDs, INFOs); 0
 * means no limit. Default 2 GiB. A response that would need more fails with
 * VOSIA_E_TOO_LARGE before the memory is taken, whatever its size on the wire: rows of no
 * cells under thousands of FIELDs, or BINARY2 `short`s that become eight-byte numbers.
 *
 * @param s (not NULL) the service.
 * @param bytes the most bytes a parsed response may keep, >= 0 (0: no limit).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_memory_budget(vosia_service *s, int64_t bytes);

/**
 * Sets how many threads read a large response's TABLEDATA: 1 (the default) reads it on
 * the calling thread as it arrives; more (0: one per core) first reads a body of over
 * 1 MiB into memory, then parses it in parts on that many threads, joined before the call
 * returns. The results are the same, cell for cell and warning for warning; memory then
 * also holds the body while it is parsed.
 *
 * @param s       (not NULL) the service.
 * @param threads 0 to 256.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG outside 0..256; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_reader_threads(vosia_service *s, int32_t threads);

/**
 * Sets when a query is POSTed instead of sent as a GET: a query whose URL would be longer
 * than `url_bytes` is sent as an `application/x-www-form-urlencoded` POST of the same
 * parameters to the base URL (DALI allows both; servers refuse long URLs, and DaCHS closes
 * the connection on one of 21 KB). 0 POSTs every query; INT64_MAX never does. Default 4096.
 * vosia_query_url still gives the GET form. A long GET the server closes unanswered is
 * VOSIA_E_HTTP with a message saying so, never VOSIA_E_CONNECT.
 *
 * @param s (not NULL) the service.
 * @param url_bytes the longest URL sent as a GET, in bytes (>= 0).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_post_above(vosia_service *s, int64_t url_bytes);

/**
 * Sets the retry policy for HTTP 429 (Too Many Requests) and 503 (Service Unavailable):
 * at most `max_retries` further attempts (0 disables retries), sleeping at most
 * `max_wait_seconds` in total. A `Retry-After` header is honoured (seconds or HTTP-date); if
 * it asks for more than is left, vosia gives up at once. Without it the waits are 0.5 s, 1 s,
 * 2 s, ... All of it stays within the whole-request timeout.
 *
 * @param s (not NULL) the service.
 * @param max_retries the most further attempts (>= 0; 0 disables retries).
 * @param max_wait_seconds the most seconds slept between attempts in total (>= 0).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for negative values, NaN or infinity;
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_retries(vosia_service *s, int32_t max_retries, double max_wait_seconds);

/**
 * Chooses whether requests reuse kept-alive connections: `on` = 1 keeps connections open
 * between requests of this service; 0 sends `Connection: close`, so every request opens a
 * new connection. The default: kept alive, except for plain http to this machine
 * (localhost, 127.0.0.0/8, ::1). Archives are tens of milliseconds away, where a new
 * connection costs a round trip (and for https a TLS handshake): 50 ms away, 10 queries took
 * 0.51 s kept alive and 1.01 s with a connection each. On loopback a connection costs
 * nothing, while on a kept-alive one a server that writes headers and body separately with
 * Nagle's algorithm on (DaCHS, the most common SIA server) meets the client's delayed ACK and
 * each response stalls ~40 ms: against DaCHS on 127.0.0.1, 50 small queries took 2.0 s kept
 * alive and 0.6 s with a connection each (curl behaves the same).
 *
 * @param s (not NULL) the service.
 * @param on 1 to keep connections alive, 0 for one connection per request.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a value other than 0 or 1; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_keepalive(vosia_service *s, int32_t on);

/**
 * Adds a header sent with every request of this service (e.g. `Authorization`, `Cookie`).
 * Both strings are copied. Adding the same name twice sends it twice. A redirect to another
 * origin (scheme, host or port) is followed without these headers, as curl does, so that a
 * credential never reaches a host it was not meant for; redirects within the origin keep them,
 * and so do redirects to an origin given to vosia_service_trust_redirects_to.
 *
 * @param s (not NULL) the service.
 * @param name (not NULL) the header name, an HTTP token (UTF-8).
 * @param value (not NULL) the header value, without line breaks (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a name or value HTTP does not allow (spaces in
 *         the name, line breaks in the value); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_add_header(vosia_service *s, const char *name, const char *value);

/**
 * Lets a redirect to `origin` carry the headers of vosia_service_add_header, as a redirect
 * within the origin asked for does (curl's `--location-trusted`, for one origin): for an
 * archive that sends its files from a data host of its own. Redirects to any other origin
 * still get none. Trusting the same origin twice is trusting it once.
 *
 * @param s (not NULL) the service.
 * @param origin (not NULL) `scheme://host[:port]`, e.g. `https://data.archive.org`: http or
 *        https, nothing after the host and port but an optional "/", no user or password.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for anything but an origin (the message says what to
 *         give); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_trust_redirects_to(vosia_service *s, const char *origin);

/**
 * Trusts, for `https`, only the CA certificates of the PEM file at `path` instead of the
 * system's store (as curl's `--cacert`): for a service whose CA is its own. The file is read
 * now; a client certificate set before is kept. Set it before using the service from several
 * threads.
 *
 * @param s (not NULL) the service.
 * @param path (not NULL) UTF-8 file name of one or more PEM certificates.
 * @return VOSIA_OK; VOSIA_E_IO when the file cannot be read; VOSIA_E_INVALID_ARG when it is
 *         not PEM or holds no certificate; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE. An
 *         untrusted server certificate makes requests fail with VOSIA_E_TLS, whose message
 *         says why.
 */
vosia_status vosia_service_set_ca_file(vosia_service *s, const char *path);

/**
 * Presents a client certificate to `https` servers that ask for one: the PEM file at `path`
 * holds the certificate, then its chain, and its private key (unencrypted), in one file, as
 * CADC's proxy certificates are. The file is read now; a CA file set before is kept.
 *
 * @param s (not NULL) the service.
 * @param path (not NULL) UTF-8 file name.
 * @return VOSIA_OK; VOSIA_E_IO when the file cannot be read; VOSIA_E_INVALID_ARG when it
 *         lacks the certificate or the key; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_client_cert(vosia_service *s, const char *path);

/**
 * Sets the progress function of this service (NULL `progress`: none, the default). It is
 * called for every response body the service reads (query results, metadata, VOSI
 * documents): once when the headers have arrived (done = 0), then after every chunk read,
 * on the thread that made the call, which it blocks; so with several threads using the
 * service it may run on several threads at once. A non-zero return cancels that transfer
 * at once: the call fails with VOSIA_E_CANCELLED. It is not called while connecting or
 * waiting for the first byte (the timeouts bound those). It must not call vosia functions
 * on this service's queries from inside.
 *
 * @param s (not NULL) the service.
 * @param progress (may be NULL) the function told (bytes done, bytes expected or -1, `user`);
 *                 a non-zero return cancels.
 * @param user handed back to `progress` unchanged; may be NULL.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_progress(vosia_service *s, vosia_progress_fn progress, void *user);

/**
 * Sets the file progress function of this service (NULL `progress`: none, the default),
 * for the calls that save many files (vosia_service_download_rows, _cutout_rows,
 * _download_url): after each file of a call ends (saved, found complete in place, or
 * failed) it is told the files ended so far (`done`) and the files of the call (`total`),
 * from the download threads, one call at a time. A non-zero return stops the transfers
 * still running and the files not begun (VOSIA_E_CANCELLED for them; only complete files
 * are left). The bytes of the same transfers go to vosia_service_set_progress's function.
 *
 * @param s        (not NULL) the service.
 * @param progress the function, called with (files ended, files of the call, `user`);
 *                 NULL removes it.
 * @param user     handed back to `progress` unchanged; may be NULL.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_file_progress(vosia_service *s, vosia_progress_fn progress, void *user);

/**
 * Attribute `attr` of the service: VOSIA_ATTR_URL, the base URL as given (or as
 * discovered); VOSIA_ATTR_DESCRIPTION, the description of its metadata (needs a successful
 * vosia_service_fetch_metadata first, else VOSIA_E_INVALID_ARG).
 *
 * @param s (not NULL) the service.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by the service, valid until it is
 *            freed; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no description); VOSIA_E_INVALID_ARG,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_attr(const vosia_service *s, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of the service (see vosia_service_get_attr) into `buf` (copy_*
 * convention).
 *
 * @param s (not NULL) the service.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_INVALID_ARG,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_copy_attr(const vosia_service *s, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * The SIA version of the service.
 *
 * @param s (not NULL) the service.
 * @param out (out, not NULL) receives VOSIA_SIA1 or VOSIA_SIA2; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_version(const vosia_service *s, int32_t *out);

/**
 * Fetches the service's self-description once and caches it: SIA 1.0 `FORMAT=METADATA`,
 * SIA 2.0 `MAXREC=0`. Afterwards the parameter and column getters below work. Blocks for
 * one HTTP request (none once cached); a failure is not cached. Thread-safe like every
 * service call: two threads may fetch at once (either answer is kept).
 *
 * @param s (not NULL) the service.
 * @return VOSIA_OK; the transport errors, VOSIA_E_SERVICE (the service's own error text),
 *         VOSIA_E_FORMAT, VOSIA_E_CANCELLED; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_fetch_metadata(vosia_service *s);

/**
 * How many input parameters the service declares (after vosia_service_fetch_metadata).
 *
 * @param s (not NULL) the service.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (metadata not fetched), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_param_count(const vosia_service *s, int32_t *out);

/**
 * Finds the input parameter named `name` (case-insensitive; an `INPUT:` prefix is ignored).
 *
 * @param s (not NULL) the service.
 * @param name (not NULL) the parameter name, NUL-terminated UTF-8.
 * @param out (out, not NULL) receives its 0-based index; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the service declares no such parameter);
 *         VOSIA_E_INVALID_ARG (metadata not fetched, not UTF-8), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_param_index(const vosia_service *s, const char *name, int32_t *out);

/**
 * Attribute `attr` of input parameter `i` (0-based, after vosia_service_fetch_metadata):
 * VOSIA_ATTR_NAME (without `INPUT:`, spelt as the service does), _ID, _UCD, _UTYPE, _UNIT,
 * _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE, _VALUE (the default), _MIN, _MAX.
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the input parameter, below vosia_service_param_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by the service; written only on
 *            VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the parameter does not set it); VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG (another attribute; metadata not fetched), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_param_attr(const vosia_service *s, int32_t i, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of input parameter `i` (see vosia_service_get_param_attr) into
 * `buf` (copy_* convention).
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the input parameter, below vosia_service_param_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_copy_param_attr(const vosia_service *s, int32_t i, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * How many allowed values (`VALUES/OPTION`) input parameter `i` lists; 0 when it is free.
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the input parameter, below vosia_service_param_count.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG (metadata not fetched),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_param_option_count(const vosia_service *s, int32_t i, int32_t *out);

/**
 * Allowed value `k` (0-based) of input parameter `i`, in document order.
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the input parameter, below vosia_service_param_count.
 * @param k 0-based index of the allowed value, below vosia_service_param_option_count.
 * @param out (out, not NULL) receives a string owned by the service; written only on
 *            VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_param_option(const vosia_service *s, int32_t i, int32_t k, const char **out);

/**
 * Copies allowed value `k` of input parameter `i` into `buf` (copy_* convention).
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the input parameter, below vosia_service_param_count.
 * @param k 0-based index of the allowed value, below vosia_service_param_option_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_copy_param_option(const vosia_service *s, int32_t i, int32_t k, char *buf, size_t cap, size_t *len);

/**
 * How many output columns (FIELDs of its results table) the service declares (after
 * vosia_service_fetch_metadata).
 *
 * @param s (not NULL) the service.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (metadata not fetched), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_column_count(const vosia_service *s, int32_t *out);

/**
 * Attribute `attr` of output column `i` (0-based), as its FIELD declares it: the keys of
 * vosia_results_get_column_attr.
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the output column, below vosia_service_column_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by the service; written only on
 *            VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (not set); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_column_attr(const vosia_service *s, int32_t i, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of output column `i` into `buf` (copy_* convention).
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the output column, below vosia_service_column_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_copy_column_attr(const vosia_service *s, int32_t i, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * Asks the service's VOSI availability endpoint (the sibling `availability`, then
 * `<base>/availability`) whether it is up. Not cached: every call makes a request.
 *
 * @param s (not NULL) the service.
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @param available (out, not NULL) receives 1 (available) or 0.
 * @param note      (out, may be NULL with `cap` 0) receives what the document adds: its
 *                  first note, else its backAt or downAt time, else "" (copy_* convention;
 *                  `*len`, if not NULL, gets the full length).
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (the note was cut, or `note` is NULL with `cap` 0
 *         and there is a note: `*available` and `*len` are still written); the transport
 *         errors (VOSIA_E_CONNECT when no candidate URL could be reached), VOSIA_E_FORMAT,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_check_availability(const vosia_service *s, int32_t *available, char *note, size_t cap, size_t *len);

/**
 * Fetches the service's VOSI capabilities once (the sibling `capabilities`, then
 * `<base>/capabilities`) and caches them.
 *
 * @param s (not NULL) the service.
 * @param count_out (out, not NULL) receives how many capabilities there are; written only on
 *              VOSIA_OK.
 * @return VOSIA_OK; the transport errors (VOSIA_E_CONNECT when no candidate URL could be
 *         reached), VOSIA_E_FORMAT, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_fetch_capabilities(vosia_service *s, int32_t *count_out);

/**
 * Attribute `attr` of capability `i` (0-based, after vosia_service_fetch_capabilities):
 * VOSIA_ATTR_STANDARD_ID, its standardID; VOSIA_ATTR_URL, its endpoint (the first access
 * URL of its first interface that is not BasicAA-only, else of any interface).
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the capability, in document order.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by the service; written only on
 *            VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the capability has none); VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG (another attribute; capabilities not fetched),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_get_capability_attr(const vosia_service *s, int32_t i, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of capability `i` into `buf` (copy_* convention).
 *
 * @param s (not NULL) the service.
 * @param i 0-based index of the capability, in document order.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_copy_capability_attr(const vosia_service *s, int32_t i, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * Creates an empty query against service `s`. The query keeps the service alive: `s` may be
 * freed before the query. On success writes a new handle to `*out`; free it with
 * `vosia_query_free`.
 *
 * @param s (not NULL) the service.
 * @param out (out, not NULL) receives the new query; free it with vosia_query_free.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_new(const vosia_service *s, vosia_query **out);

/**
 * Copies query `q` (parameters, service, last error) into a new, independent handle, e.g.
 * for use on another thread. On success writes it to `*out` (free with `vosia_query_free`).
 *
 * @param q (not NULL) the query.
 * @param out (out, not NULL) receives the copy; free it with vosia_query_free.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_clone(const vosia_query *q, vosia_query **out);

/**
 * Frees a query handle. `NULL` does nothing. Strings borrowed from it become invalid;
 * results it produced stay valid.
 *
 * @param q the query to free; NULL does nothing.
 */
void vosia_query_free(vosia_query *q);

/**
 * SIA 1.0: sets `POS=ra,dec` (ICRS degrees, RA 0..360, Dec -90..+90), replacing any earlier
 * POS. Sent in shortest round-trip form, never rounded.
 *
 * @param q (not NULL) the query.
 * @param ra_deg right ascension, ICRS degrees, 0 to 360.
 * @param dec_deg declination, ICRS degrees, -90 to +90.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (out of range, NaN), VOSIA_E_UNSUPPORTED (SIA 2.0
 *         service: use vosia_query_add_circle); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_pos(vosia_query *q, double ra_deg, double dec_deg);

/**
 * SIA 1.0: sets `SIZE` in degrees along RA and Dec (>= 0; 0 finds images that contain the
 * position). Equal sizes are sent as one value (`SIZE=0.2`), else `SIZE=ra,dec`.
 *
 * @param q (not NULL) the query.
 * @param ra_deg the size along RA, degrees, 0 to 360.
 * @param dec_deg the size along Dec, degrees, 0 to 360.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (negative, NaN, > 360), VOSIA_E_UNSUPPORTED (SIA 2.0
 *         service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_size(vosia_query *q, double ra_deg, double dec_deg);

/**
 * SIA 1.0: sets `INTERSECT` to `COVERS`, `ENCLOSED`, `OVERLAPS` or `CENTER` (any case).
 *
 * @param q (not NULL) the query.
 * @param intersect (not NULL) `COVERS`, `ENCLOSED`, `OVERLAPS` or `CENTER`, any case.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (another word), VOSIA_E_UNSUPPORTED (SIA 2.0 service);
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_intersect(vosia_query *q, const char *intersect);

/**
 * SIA 1.0: sets `VERB` (0 to 3; how many columns the service returns).
 *
 * @param q (not NULL) the query.
 * @param verb 0 to 3.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 2.0 service);
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_verb(vosia_query *q, int32_t verb);

/**
 * Sets `FORMAT`, replacing earlier values. SIA 1.0: a comma-separated list; the reserved words
 * `ALL`, `METADATA`, `GRAPHIC`, `GRAPHIC-ALL` and the `GRAPHIC-` prefix are upper-cased, MIME
 * types are sent as given. SIA 2.0: one MIME type (`access_format`).
 *
 * @param q (not NULL) the query.
 * @param format (not NULL) the FORMAT value, not empty (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_format(vosia_query *q, const char *format);

/**
 * Adds one more `FORMAT`: SIA 1.0 appends it to the comma-separated list, SIA 2.0 sends a
 * repeated FORMAT (OR-ed).
 *
 * @param q (not NULL) the query.
 * @param format (not NULL) one more FORMAT value, not empty (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_format(vosia_query *q, const char *format);

/**
 * Sets `MAXREC`, the most records to return (>= 0; 0 asks for the metadata only). Both
 * versions. A truncated answer is not an error: `vosia_results_overflow` tells.
 *
 * @param q (not NULL) the query.
 * @param maxrec the most records to return, >= 0.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (negative); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_maxrec(vosia_query *q, int64_t maxrec);

/**
 * Sets `RESPONSEFORMAT` (e.g. `votable`, or `votabletd` for TABLEDATA on DaCHS), replacing
 * earlier values. Both versions.
 *
 * @param q (not NULL) the query.
 * @param format (not NULL) the RESPONSEFORMAT value, not empty (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_responseformat(vosia_query *q, const char *format);

/**
 * SIA 2.0: adds `POS=CIRCLE ra dec radius` (ICRS degrees; radius 0..180). Several POS values
 * are OR-ed.
 *
 * @param q (not NULL) the query.
 * @param ra right ascension of the centre, ICRS degrees.
 * @param dec declination of the centre, ICRS degrees.
 * @param radius the radius, degrees, 0 to 180.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service: use
 *         vosia_query_set_pos and vosia_query_set_size); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_circle(vosia_query *q, double ra, double dec, double radius);

/**
 * SIA 2.0: adds `POS=RANGE ra1 ra2 dec1 dec2` (ICRS degrees; any end may be -INFINITY or
 * INFINITY for an open range). `ra1 > ra2` means a range through RA 0: it is sent as two
 * RANGEs (`ra1..360` and `0..ra2`), OR-ed.
 *
 * @param q (not NULL) the query.
 * @param ra1 the lower RA end, ICRS degrees (or -INFINITY).
 * @param ra2 the upper RA end, ICRS degrees (or INFINITY).
 * @param dec1 the lower Dec end, ICRS degrees (or -INFINITY).
 * @param dec2 the upper Dec end, ICRS degrees (or INFINITY).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (Dec out of range, dec1 > dec2, NaN),
 *         VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_range(vosia_query *q, double ra1, double ra2, double dec1, double dec2);

/**
 * SIA 2.0: adds `POS=POLYGON ...` from `n_vertices` (ra, dec) pairs in ICRS degrees:
 * `radec_pairs` holds `2 * n_vertices` doubles, read before the call returns. At least 3
 * vertices.
 *
 * @param q (not NULL) the query.
 * @param radec_pairs (not NULL) `2 * n_vertices` doubles, ra and dec of each vertex in turn.
 * @param n_vertices the number of vertices, at least 3.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service);
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_polygon(vosia_query *q, const double *radec_pairs, size_t n_vertices);

/**
 * SIA 2.0: adds an interval `param` (VOSIA_PARAM_BAND, _TIME, _FOV, _SPATRES, _EXPTIME,
 * _TIMERES or _SPECRP; units as each says) from `lo` to `hi`; `lo` may be -INFINITY and `hi`
 * INFINITY for an open end. Several intervals of one parameter are OR-ed.
 *
 * @param q (not NULL) the query.
 * @param param the interval parameter: VOSIA_PARAM_BAND, _TIME, _FOV, _SPATRES, _EXPTIME,
 *              _TIMERES or _SPECRP.
 * @param lo the lower end (or -INFINITY).
 * @param hi the upper end (or INFINITY), >= `lo`.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (NaN, `lo > hi`, not an interval parameter);
 *         VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_interval(vosia_query *q, int32_t param, double lo, double hi);

/**
 * SIA 2.0: adds a value of text parameter `param`: VOSIA_PARAM_ID (`obs_publisher_did`),
 * _COLLECTION, _FACILITY, _INSTRUMENT, _DPTYPE (`image` or `cube`), _TARGET, or _POL (one of
 * I Q U V RR LL RL LR XX YY XY YX POLI POLA, any case). Several values are OR-ed; the value
 * is copied and sent as given (percent-encoded).
 *
 * @param q (not NULL) the query.
 * @param param the text parameter: VOSIA_PARAM_ID, _COLLECTION, _FACILITY, _INSTRUMENT,
 *              _DPTYPE, _TARGET or _POL.
 * @param value (not NULL) the value, not empty, NUL-terminated UTF-8.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty value, an unknown POL state, not a text
 *         parameter, not UTF-8); VOSIA_E_UNSUPPORTED (SIA 1.0 service); VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_text(vosia_query *q, int32_t param, const char *value);

/**
 * SIA 2.0: adds a `CALIB` calibration level (0 to 4).
 *
 * @param q (not NULL) the query.
 * @param level the calibration level, 0 to 4.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG, VOSIA_E_UNSUPPORTED (SIA 1.0 service);
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_calib(vosia_query *q, int32_t level);

/**
 * Sets any parameter by name (upper-cased on the wire), replacing its earlier values; the
 * value is sent as given, percent-encoded. For parameters vosia has no setter for (e.g.
 * DaCHS' `object`, SIA 1.0 image-generation parameters).
 *
 * @param q (not NULL) the query.
 * @param name (not NULL) the parameter name, not empty (UTF-8).
 * @param value (not NULL) the value, sent as given (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty name, not UTF-8); VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_set_param(vosia_query *q, const char *name, const char *value);

/**
 * Adds one more value for a parameter by name (sent as a repeated key; SIA 2.0 ORs them).
 *
 * @param q (not NULL) the query.
 * @param name (not NULL) the parameter name, not empty (UTF-8).
 * @param value (not NULL) the value, sent as given (UTF-8).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (empty name, not UTF-8); VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_add_param(vosia_query *q, const char *name, const char *value);

/**
 * Removes every value of a parameter (name compared case-insensitively), whether it was set
 * by a typed setter or by name. Removing an absent parameter is not an error.
 *
 * @param q (not NULL) the query.
 * @param name (not NULL) the parameter name (UTF-8).
 * @return VOSIA_OK (also when the parameter was absent); VOSIA_E_INVALID_ARG (not UTF-8),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_remove_param(vosia_query *q, const char *name);

/**
 * Exactly the URL vosia_query_execute will GET (base URL plus the percent-encoded
 * parameters).
 *
 * @param q (not NULL) the query.
 * @param out (out, not NULL) receives a string owned by the query, valid until the query
 *            next changes or is freed; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_url(vosia_query *q, const char **out);

/**
 * Copies the URL vosia_query_execute will GET into `buf` (copy_* convention).
 *
 * @param q (not NULL) the query.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_copy_url(const vosia_query *q, char *buf, size_t cap, size_t *len);

/**
 * Sends the query and reads the whole response, streaming it into a results handle. Blocks
 * the calling thread only, for at most the service's timeout (retries included). On success
 * writes a new results handle to `*out` (free with vosia_results_free; it does not depend on
 * the query or service). A response with QUERY_STATUS=OVERFLOW is a success
 * (vosia_results_overflow tells).
 *
 * @param q (not NULL) the query.
 * @param out (out, not NULL) receives the new results; written only on VOSIA_OK.
 * @return VOSIA_OK, or (detail in vosia_query_error and vosia_last_error):
 * VOSIA_E_CONNECT (refused, host not found), VOSIA_E_TIMEOUT, VOSIA_E_TLS,
 * VOSIA_E_HTTP (non-2xx: the status line and the start of the body; after the retries for
 * 429/503), VOSIA_E_TOO_LARGE, VOSIA_E_SERVICE (QUERY_STATUS=ERROR: the service's own
 * text), VOSIA_E_FORMAT (HTML or another non-VOTable answer: its content type and first
 * bytes; a body cut short), VOSIA_E_NO_TABLE, VOSIA_E_CANCELLED (the service's progress
 * function asked to stop), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_execute(vosia_query *q, vosia_results **out);

/**
 * As vosia_query_execute, and the exact bytes of the response are written to the file
 * `path` while they are parsed (no second request; the response is never held whole): to
 * `path` with `.part` added, renamed to `path` once the whole response has been read and
 * parsed, removed on any failure. So a saved response can be read again with
 * vosia_results_parse_file, given to another tool, or kept as provenance.
 *
 * @param q (not NULL) the query.
 * @param path (not NULL) the file to write the response to, UTF-8.
 * @param out (out, not NULL) receives the new results; written only on VOSIA_OK.
 * @return as vosia_query_execute; also VOSIA_E_IO (the file could not be written: the
 *         results are then not handed out either).
 */
vosia_status vosia_query_execute_saving(vosia_query *q, const char *path, vosia_results **out);

/**
 * As vosia_query_execute, but the rows are not kept: they are handed to `on_rows` in
 * batches of `batch_rows` rows as the response is parsed, and dropped after each call, so
 * that memory does not grow with the row count (a response of millions of rows reads in a
 * few MB). The service's response size limit still applies; its memory budget bounds one
 * batch. On success `*out` receives the rest of the response: results with the table's
 * columns and no rows, the INFOs and overflow flag of the whole response, and its warnings
 * (free with vosia_results_free). A QUERY_STATUS=ERROR found after rows were handed on (rare:
 * services put it before the table) fails the call after those calls.
 *
 * @param q          (not NULL) the query.
 * @param batch_rows rows per batch, >= 1 (the last batch may hold fewer).
 * @param on_rows    (not NULL) called with each batch, on this thread; see vosia_rows_fn.
 * @param user       handed back to `on_rows` unchanged; may be NULL.
 * @param out        (out, not NULL) receives the rest of the response; written only on
 *                   VOSIA_OK.
 * @return as vosia_query_execute; VOSIA_E_CANCELLED when `on_rows` returned non-zero (or the
 *         service's progress function asked to stop); VOSIA_E_INVALID_ARG for
 *         `batch_rows` < 1.
 */
vosia_status vosia_query_execute_in_batches(vosia_query *q, int64_t batch_rows, vosia_rows_fn on_rows, void *user, vosia_results **out);

/**
 * The detail of this query's last vosia_query_execute failure ("" after a success or
 * before any execute). Reading it never changes vosia_last_error.
 *
 * @param q (not NULL) the query.
 * @param out (out, not NULL) receives a string owned by the query, valid until it is next
 *            executed or freed; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE (neither recorded as this
 *         thread's last error).
 */
vosia_status vosia_query_error(const vosia_query *q, const char **out);

/**
 * Copies this query's last execute error into `buf` (copy_* convention).
 *
 * @param q (not NULL) the query.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_query_copy_error(const vosia_query *q, char *buf, size_t cap, size_t *len);

/**
 * Parses a VOTable response held in memory.
 *
 * @param data        (not NULL) the document's bytes; read during the call only.
 * @param len         number of bytes at `data`.
 * @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
 * @param out         (out, not NULL) receives the new results, owned by the caller, who
 *                    frees it with vosia_results_free; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_SERVICE (QUERY_STATUS=ERROR, the service's text in
 *         vosia_last_error), VOSIA_E_FORMAT (not a VOTable or malformed; the byte offset is
 *         in vosia_last_error), VOSIA_E_NO_TABLE, VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG.
 */
vosia_status vosia_results_parse(const char *data, size_t len, int32_t sia_version, vosia_results **out);

/**
 * vosia_results_parse keeping at most `memory_budget` bytes of the table in memory (its
 * cells, FIELDs and INFOs); vosia_results_parse uses 2 GiB. A document that would need more
 * is refused before the memory is taken.
 *
 * @param data (not NULL) the document's bytes; read during the call only.
 * @param len number of bytes at `data`.
 * @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
 * @param out (out, not NULL) receives the new results (free with vosia_results_free); written
 *            only on VOSIA_OK.
 * @param memory_budget bytes, > 0; 0 means no limit.
 * @return As vosia_results_parse, plus VOSIA_E_TOO_LARGE over the budget and
 *         VOSIA_E_INVALID_ARG for a negative budget.
 */
vosia_status vosia_results_parse_within(const char *data, size_t len, int32_t sia_version, int64_t memory_budget, vosia_results **out);

/**
 * Parses a VOTable response from a file, streaming it (the file is never held whole).
 *
 * @param path        (not NULL) UTF-8 file name.
 * @param sia_version VOSIA_SIA1 or VOSIA_SIA2.
 * @param out         (out, not NULL) receives the new results; written only on VOSIA_OK.
 * @return As vosia_results_parse, plus VOSIA_E_IO when the file cannot be read.
 */
vosia_status vosia_results_parse_file(const char *path, int32_t sia_version, vosia_results **out);

/**
 * vosia_results_parse_file within a memory budget, as vosia_results_parse_within.
 *
 * @param path (not NULL) UTF-8 file name.
 * @param sia_version VOSIA_SIA1 or VOSIA_SIA2: which standard fields to look for.
 * @param out (out, not NULL) receives the new results (free with vosia_results_free); written
 *            only on VOSIA_OK.
 * @param memory_budget bytes, > 0; 0 means no limit.
 * @return As vosia_results_parse_file, plus VOSIA_E_TOO_LARGE over the budget and
 *         VOSIA_E_INVALID_ARG for a negative budget.
 */
vosia_status vosia_results_parse_file_within(const char *path, int32_t sia_version, int64_t memory_budget, vosia_results **out);

/**
 * vosia_results_parse_file_within on up to `threads` threads (0: one per core): the
 * TABLEDATA of a file of more than 1 MiB is parsed in parts, one per thread, each thread
 * reading its part from the file through a 64 KiB buffer of its own (the file is never
 * held in memory whole), all joined before the call returns. The results are those of
 * vosia_results_parse_file_within, cell for cell and warning for warning. BINARY and
 * BINARY2 tables, and files in an encoding other than UTF-8, are read on one thread.
 *
 * @param path          (not NULL) UTF-8 file name.
 * @param sia_version   VOSIA_SIA1 or VOSIA_SIA2.
 * @param memory_budget bytes, > 0; 0 means no limit (each thread keeps its share).
 * @param threads       0 to 256; 1 is vosia_results_parse_file_within.
 * @param out           (out, not NULL) receives the new results; written only on VOSIA_OK.
 * @return As vosia_results_parse_file_within; VOSIA_E_INVALID_ARG for `threads` outside
 *         0..256.
 */
vosia_status vosia_results_parse_file_on_threads(const char *path, int32_t sia_version, int64_t memory_budget, int32_t threads, vosia_results **out);

/**
 * Reads a VOTable file without keeping its rows: they are handed to `on_rows` in batches of
 * `batch_rows` rows as the file is parsed, and dropped after each call, so that memory does
 * not grow with the row count (see vosia_query_execute_in_batches, which does the same for
 * a query's response). The memory budget (`memory_budget`, as in
 * vosia_results_parse_within) bounds one batch and the rest of the document. A path such as
 * `/dev/stdin` or a named pipe reads a stream as it is written.
 *
 * @param path          (not NULL) UTF-8 file name.
 * @param sia_version   VOSIA_SIA1 or VOSIA_SIA2.
 * @param memory_budget bytes, > 0; 0 means no limit.
 * @param batch_rows    rows per batch, >= 1 (the last batch may hold fewer).
 * @param on_rows       (not NULL) called with each batch, on this thread; see vosia_rows_fn.
 * @param user          handed back to `on_rows` unchanged; may be NULL.
 * @param out           (out, not NULL) receives the rest of the document: the table's
 *                      columns and no rows, its INFOs, overflow flag and warnings; written
 *                      only on VOSIA_OK.
 * @return As vosia_results_parse_file_within; VOSIA_E_CANCELLED when `on_rows` returned
 *         non-zero; VOSIA_E_INVALID_ARG for `batch_rows` < 1.
 */
vosia_status vosia_results_parse_file_in_batches(const char *path, int32_t sia_version, int64_t memory_budget, int64_t batch_rows, vosia_rows_fn on_rows, void *user, vosia_results **out);

/**
 * Frees results and every string borrowed from them. NULL is ignored; so is a pointer that
 * is not a live results handle.
 *
 * @param r the results to free; NULL does nothing.
 */
void vosia_results_free(vosia_results *r);

/**
 * Number of rows (records); -1 if `r` is not a live results handle (vosia_last_status
 * says which failure).
 *
 * @param r (not NULL) the results.
 * @return the number of rows, or -1 on failure.
 */
int64_t vosia_results_row_count(const vosia_results *r);

/**
 * Number of columns (the FIELDs of the results table); -1 if `r` is not a live handle.
 *
 * @param r (not NULL) the results.
 * @return the number of columns, or -1 on failure.
 */
int32_t vosia_results_column_count(const vosia_results *r);

/**
 * 1 if the service reported QUERY_STATUS=OVERFLOW (more records matched than were
 * returned: raise MAXREC or narrow the query), 0 if not, -1 if `r` is not a live handle.
 *
 * @param r (not NULL) the results.
 * @return 1 (overflow), 0 (not), or -1 on failure.
 */
int32_t vosia_results_overflow(const vosia_results *r);

/**
 * The value of the last INFO element named `name` (case-insensitive) at the top level, in
 * the results RESOURCE or in its table (its text content when it has no value attribute).
 *
 * @param r (not NULL) the results.
 * @param name (not NULL) the INFO name (UTF-8).
 * @param out (out, not NULL) receives a string owned by `r`, valid until
 *            vosia_results_free; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no such INFO); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_info(const vosia_results *r, const char *name, const char **out);

/**
 * Copies the value of INFO `name` (see vosia_results_info) into `buf`: at most `cap-1`
 * bytes plus a NUL; `*len` (if not NULL) receives the full length.
 *
 * @param r (not NULL) the results.
 * @param name (not NULL) the INFO name (UTF-8).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no such INFO, nothing written); VOSIA_E_BUFFER_SIZE
 *         (truncated); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_info(const vosia_results *r, const char *name, char *buf, size_t cap, size_t *len);

/**
 * How many repairs the reader made (cells it could not read, kept as null; elements out of
 * place); the first 100 are readable with vosia_results_warning. -1 if `r` is not a live
 * handle.
 *
 * @param r (not NULL) the results.
 * @return the number of repairs, or -1 on failure.
 */
int64_t vosia_results_warning_count(const vosia_results *r);

/**
 * Repair `i` (0-based, i < min(100, vosia_results_warning_count)) as text, naming the row,
 * column and byte offset.
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the repair.
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE (no such warning), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_warning(const vosia_results *r, int32_t i, const char **out);

/**
 * Copies repair `i` (see vosia_results_warning) into `buf` (copy_* convention).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the repair.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_warning(const vosia_results *r, int32_t i, char *buf, size_t cap, size_t *len);

/**
 * Attribute `attr` of column `col` (0-based) as its FIELD declares it: VOSIA_ATTR_NAME,
 * _ID, _UCD, _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION or _DATATYPE.
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by `r`, valid until
 *            vosia_results_free; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the FIELD does not set it, or sets it empty);
 *         VOSIA_E_INVALID_ARG (an attribute columns do not have), VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_column_attr(const vosia_results *r, int32_t col, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of column `col` (see vosia_results_get_column_attr) into `buf`
 * (copy_* convention).
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (not set; nothing written); VOSIA_E_BUFFER_SIZE
 *         (truncated); VOSIA_E_INVALID_ARG, VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_column_attr(const vosia_results *r, int32_t col, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * The VOTable datatype of column `col` as a VOSIA_TYPE_* value (a FIELD without datatype
 * reads as VOSIA_TYPE_CHAR).
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_column_datatype(const vosia_results *r, int32_t col, int32_t *out);

/**
 * Finds the column whose name, else ID, equals `name_or_id` (exact case first, then
 * case-insensitively).
 *
 * @param r (not NULL) the results.
 * @param name_or_id (not NULL) the name or ID to find (UTF-8).
 * @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
 *         VOSIA_E_INVALID_ARG (not UTF-8), VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_column_index(const vosia_results *r, const char *name_or_id, int32_t *out);

/**
 * Finds the column best matching `ucd`, word by word (words are `;`-separated and compared
 * case-insensitively; any shared word matches, as in pyvo's fieldname_with_ucd): first a
 * column holding every word of `ucd`, else one whose main (first) word is the main word of
 * `ucd`, else the first sharing any word. "pos.eq.ra" finds "pos.eq.ra;meta.main".
 *
 * @param r (not NULL) the results.
 * @param ucd (not NULL) the UCD to match (UTF-8).
 * @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_column_by_ucd(const vosia_results *r, const char *ucd, int32_t *out);

/**
 * Finds the first column whose utype equals `utype` (case-insensitive; a namespace prefix
 * such as "obscore:" may be left out on either side).
 *
 * @param r (not NULL) the results.
 * @param utype (not NULL) the utype to find (UTF-8).
 * @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (no such column); VOSIA_E_NULL_ARG,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_column_by_utype(const vosia_results *r, const char *utype, int32_t *out);

/**
 * Finds the column holding standard field `field` (VOSIA_FIELD_*), by SIA 1.0 UCD or SIA 2.0
 * ObsCore name.
 *
 * @param r (not NULL) the results.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param out (out, not NULL) receives the 0-based column; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such column, or the field is
 *         computed from two columns: SIA 2.0 MJD_OBS, EM_REF, NAXIS; read those with the
 *         get_std_* functions); VOSIA_E_RANGE (not a VOSIA_FIELD_*), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_std_column(const vosia_results *r, int32_t field, int32_t *out);

/**
 * 1 if the cell is null (VOTable null value, empty cell, NaN, BINARY2 null flag), 0 if
 * not, -1 on invalid arguments (out-of-range row or column, bad handle; vosia_last_status
 * says which).
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @return 1 (null), 0 (not null), or -1 on failure.
 */
int32_t vosia_results_is_null(const vosia_results *r, int64_t row, int32_t col);

/**
 * Reads a numeric cell as a double (integers widen; text is not converted).
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param out (out, not NULL) written only when VOSIA_OK is returned.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (null cell; out untouched); VOSIA_E_TYPE (a text or
 *         array column: use get_str/get_text or get_double_array); VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_double(const vosia_results *r, int64_t row, int32_t col, double *out);

/**
 * Reads an integer cell (booleans read as 0/1; reals are not converted).
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param out (out, not NULL) receives the value; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_TYPE (a real, text or array column);
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE. `out` is written only on VOSIA_OK.
 */
vosia_status vosia_results_get_int64(const vosia_results *r, int64_t row, int32_t col, int64_t *out);

/**
 * Borrows a text cell (char or unicodeChar column) as NUL-terminated UTF-8.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param out (out, not NULL) receives a string owned by `r`, valid until
 *            vosia_results_free; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (null or empty cell); VOSIA_E_TYPE (a numeric column:
 *         use get_text); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_str(const vosia_results *r, int64_t row, int32_t col, const char **out);

/**
 * Copies a text cell into `buf`: at most `cap-1` bytes (cut at a character boundary) plus
 * a NUL; `*len` (if not NULL) receives the full length in bytes.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (nothing written); VOSIA_E_BUFFER_SIZE (truncated);
 *         VOSIA_E_TYPE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_str(const vosia_results *r, int64_t row, int32_t col, char *buf, size_t cap, size_t *len);

/**
 * Borrows any cell as text: text as it is, numbers in shortest round-trip form, arrays
 * space-separated, booleans "true"/"false". The first call on a numeric column renders
 * that column once.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_text(const vosia_results *r, int64_t row, int32_t col, const char **out);

/**
 * Copies any cell as text (see vosia_results_get_text) into `buf`; as vosia_results_copy_str.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return as vosia_results_copy_str.
 */
vosia_status vosia_results_copy_text(const vosia_results *r, int64_t row, int32_t col, char *buf, size_t cap, size_t *len);

/**
 * Copies the numbers of a cell (an array, or a scalar as one element) into `buf` as
 * doubles; NaN marks null elements.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param col 0-based column, below vosia_results_column_count.
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param buf (out) room for `cap` doubles; may be NULL when `cap` is 0 (a size probe).
 * @param n   (out, not NULL) receives the number of elements in the cell, which may exceed
 *            `cap`.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (null cell; nothing written); VOSIA_E_BUFFER_SIZE
 *         (`cap` < *n; the first `cap` were written); VOSIA_E_TYPE (a text column);
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_double_array(const vosia_results *r, int64_t row, int32_t col, double *buf, size_t cap, size_t *n);

/**
 * Copies rows `first_row .. first_row + n_rows` of a numeric column into `values` as
 * doubles (integers widen), the way IDL, Fortran, numpy and Julia want a column: one call.
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param values (out, not NULL unless n_rows is 0) room for `n_rows` doubles; a null cell
 *               is written as NaN.
 * @param nulls  (out, may be NULL) room for `n_rows` flags: 1 where the cell is null, else 0.
 * @return VOSIA_OK (everything written); VOSIA_E_TYPE (a text or array column: nothing
 *         written); VOSIA_E_RANGE (a column or row range outside the result),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_double_column(const vosia_results *r, int32_t col, int64_t first_row, int64_t n_rows, double *values, int32_t *nulls);

/**
 * Copies rows `first_row .. first_row + n_rows` of an integer (or boolean) column into
 * `values`; as vosia_results_get_double_column, with a null cell written as 0 (use `nulls`).
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param values (out, not NULL unless n_rows is 0) room for `n_rows` integers; a null cell is
 *               written as 0.
 * @param nulls (out, may be NULL) room for `n_rows` flags: 1 where the cell is null, else 0.
 * @return VOSIA_OK; VOSIA_E_TYPE (a real, text or array column: nothing written);
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_int64_column(const vosia_results *r, int32_t col, int64_t first_row, int64_t n_rows, int64_t *values, int32_t *nulls);

/**
 * Borrows rows `first_row .. first_row + n_rows` of any column as text (see
 * vosia_results_get_text): `values[i]` points to a string owned by `r`, valid until
 * vosia_results_free, or is NULL for a null cell.
 *
 * @param r (not NULL) the results.
 * @param col 0-based column, below vosia_results_column_count.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param values (out, not NULL unless n_rows is 0) room for `n_rows` pointers.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_text_column(const vosia_results *r, int32_t col, int64_t first_row, int64_t n_rows, const char **values);

/**
 * Copies rows `first_row .. first_row + n_rows` of standard field `field` (a
 * VOSIA_KIND_NUMBER field) into `values` in the field's fixed unit, read as
 * vosia_results_get_std_double reads one row; a null (or unreadable) value is NaN.
 *
 * @param r (not NULL) the results.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param values (out, not NULL unless n_rows is 0) room for `n_rows` doubles.
 * @param nulls (out, may be NULL) room for `n_rows` flags: 1 where the value is null.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such field: nothing written);
 *         VOSIA_E_TYPE (a text or array field, or a cell that is text but not a number:
 *         nothing is promised about `values`); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_std_double_column(const vosia_results *r, int32_t field, int64_t first_row, int64_t n_rows, double *values, int32_t *nulls);

/**
 * Borrows rows `first_row .. first_row + n_rows` of standard field `field` as text (see
 * vosia_results_get_std_str): `values[i]` is owned by `r`, or NULL for a null value.
 *
 * @param r (not NULL) the results.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param values (out, not NULL unless n_rows is 0) room for `n_rows` string pointers.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the result has no such field: nothing written);
 *         VOSIA_E_TYPE (a field computed from two columns); VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_std_text_column(const vosia_results *r, int32_t field, int64_t first_row, int64_t n_rows, const char **values);

/**
 * Reads standard field `field` (VOSIA_FIELD_*) of a row as a number in its fixed unit
 * (degrees, MJD, seconds, metres, bytes). Tolerant: numbers held in text columns are
 * parsed, units are converted, SIA 2.0 MJD_OBS is the mid-point of t_min and t_max.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param out (out, not NULL) receives the value; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (null cell, or the result has no such field; out
 *         untouched); VOSIA_E_TYPE (the cell is text that is not a number, or an array:
 *         use get_std_double_array); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_std_double(const vosia_results *r, int64_t row, int32_t field, double *out);

/**
 * Reads standard field `field` of a row as numbers in its fixed unit (NAXIS, SCALE,
 * REF_PIXEL, REF_VALUE, CD_MATRIX; a scalar field gives one element). Text cells such as
 * "2048,4096" are parsed.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param buf (out) room for `cap` doubles; may be NULL when `cap` is 0.
 * @param n   (out, not NULL) receives the number of values, which may exceed `cap`.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (the first `cap` were written);
 *         VOSIA_E_TYPE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_std_double_array(const vosia_results *r, int64_t row, int32_t field, double *buf, size_t cap, size_t *n);

/**
 * Borrows standard field `field` of a row as text (text cells as they are; numeric cells
 * rendered, unconverted).
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (null, or no such field); VOSIA_E_TYPE (a field
 *         computed from two columns); VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_std_str(const vosia_results *r, int64_t row, int32_t field, const char **out);

/**
 * Copies standard field `field` of a row as text into `buf`; as vosia_results_copy_str.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param field the standard field, a VOSIA_FIELD_* value.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return as vosia_results_copy_str.
 */
vosia_status vosia_results_copy_std_str(const vosia_results *r, int64_t row, int32_t field, char *buf, size_t cap, size_t *len);

/**
 * Which of `n_circles` search circles the image of row `row` meets: for an SIA 2.0 query
 * of many circles, whose answer does not say which circle an image matched. `circles` holds
 * `3 * n_circles` doubles, (ra, dec, radius) in ICRS degrees, as given to
 * vosia_query_add_circle. The image is its `s_region` (STC-S POLYGON, CIRCLE or POSITION,
 * or a DALI polygon; great-circle edges; exact on the sphere), else its position (standard
 * fields ra and dec) with half its `s_fov` as radius.
 *
 * @param r (not NULL) the results.
 * @param row 0-based row, below vosia_results_row_count.
 * @param circles (in, not NULL unless n_circles is 0) `3 * n_circles` doubles: ra, dec, radius
 *                of each circle.
 * @param n_circles the number of circles, >= 0.
 * @param met (out, not NULL unless n_circles is 0) receives `n_circles` values, 1 for a
 *        circle met and 0 for one missed; written on VOSIA_OK, all 0 on VOSIA_NULL_VALUE.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the row has no footprint: no s_region vosia reads and
 *         no position); VOSIA_E_RANGE; VOSIA_E_INVALID_ARG (n_circles < 0, a radius < 0 or a
 *         value that is not finite); VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_circles_met(const vosia_results *r, int64_t row, const double *circles, int32_t n_circles, int32_t *met);

/**
 * How many service descriptors the response has (`RESOURCE type="meta"
 * utype="adhoc:service"`: DataLink, SODA and other services it describes).
 *
 * @param r (not NULL) the results.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_descriptor_count(const vosia_results *r, int32_t *out);

/**
 * Attribute `attr` of service descriptor `i` (0-based): VOSIA_ATTR_ID (the RESOURCE's ID,
 * what a DataLink `service_def` names), VOSIA_ATTR_NAME, VOSIA_ATTR_STANDARD_ID (e.g.
 * `ivo://ivoa.net/std/SODA#sync-1.0`), VOSIA_ATTR_URL (its accessURL).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (not given); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG
 *         (another attribute), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_descriptor_attr(const vosia_results *r, int32_t i, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of service descriptor `i` into `buf` (copy_* convention).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_descriptor_attr(const vosia_results *r, int32_t i, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * How many input parameters service descriptor `i` declares (its `GROUP
 * name="inputParams"`).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_descriptor_input_count(const vosia_results *r, int32_t i, int32_t *out);

/**
 * Attribute `attr` of input `k` of service descriptor `i`: VOSIA_ATTR_NAME, _ID, _UCD,
 * _UTYPE, _UNIT, _XTYPE, _ARRAYSIZE, _DESCRIPTION, _DATATYPE, _VALUE (a fixed value), _MIN,
 * _MAX (its VALUES), _REF (the ID of the results column each row's value comes from).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param k 0-based index of the input, below vosia_results_descriptor_input_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (not set); VOSIA_E_RANGE, VOSIA_E_INVALID_ARG,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_descriptor_input_attr(const vosia_results *r, int32_t i, int32_t k, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of input `k` of service descriptor `i` into `buf` (copy_*
 * convention).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param k 0-based index of the input, below vosia_results_descriptor_input_count.
 * @param attr the VOSIA_ATTR_* key of the attribute to read (a key this getter does not know
 *             is VOSIA_E_INVALID_ARG).
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_descriptor_input_attr(const vosia_results *r, int32_t i, int32_t k, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * How many allowed values (VALUES/OPTION) input `k` of service descriptor `i` lists.
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param k 0-based index of the input, below vosia_results_descriptor_input_count.
 * @param out (out, not NULL) written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_descriptor_input_option_count(const vosia_results *r, int32_t i, int32_t k, int32_t *out);

/**
 * Allowed value `o` of input `k` of service descriptor `i`.
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param k 0-based index of the input, below vosia_results_descriptor_input_count.
 * @param o 0-based index of the allowed value, below
 *          vosia_results_descriptor_input_option_count.
 * @param out (out, not NULL) receives a string owned by `r`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_get_descriptor_input_option(const vosia_results *r, int32_t i, int32_t k, int32_t o, const char **out);

/**
 * Copies allowed value `o` of input `k` of service descriptor `i` into `buf` (copy_*
 * convention).
 *
 * @param r (not NULL) the results.
 * @param i 0-based index of the service descriptor, below vosia_results_descriptor_count.
 * @param k 0-based index of the input, below vosia_results_descriptor_input_count.
 * @param o 0-based index of the allowed value, below
 *          vosia_results_descriptor_input_option_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_results_copy_descriptor_input_option(const vosia_results *r, int32_t i, int32_t k, int32_t o, char *buf, size_t cap, size_t *len);

/**
 * Downloads `url` into the folder `dir` (which must exist), as described in the header's
 * Downloads paragraph. `name` is the file name to use (made safe: it cannot leave `dir`), or
 * NULL for the URL's last path segment (`dataset` and the extension of the MIME type when it
 * has none).
 *
 * @param s (not NULL) the service.
 * @param url (not NULL) the dataset's http or https URL (UTF-8).
 * @param dir (not NULL) the folder to save into, which must exist (UTF-8).
 * @param name (may be NULL) the file name to use, made safe; NULL: from the URL.
 * @param flags VOSIA_DOWNLOAD_* flags, or 0.
 * @param out (out, not NULL) receives a vosia_downloads handle with one entry, written
 *            whenever the download was attempted (also when it failed); free it with
 *            vosia_downloads_free.
 * @return VOSIA_OK; the entry's failure: the transport errors, VOSIA_E_HTTP (also for HTTP
 *         204), VOSIA_E_PARTIAL (cut short: the next call resumes), VOSIA_E_CHECKSUM,
 *         VOSIA_E_TOO_LARGE (over the download limit), VOSIA_E_IO (the folder or the file),
 *         VOSIA_E_SERVICE (a DataLink error row), VOSIA_E_CANCELLED; or, with `*out` not
 *         written, VOSIA_E_INVALID_ARG (not an http(s) URL, an unknown flag, bad UTF-8),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_download_url(const vosia_service *s, const char *url, const char *dir, const char *name, int32_t flags, vosia_downloads **out);

/**
 * Downloads the datasets of rows `first_row .. first_row + n_rows` of `r` (their
 * VOSIA_FIELD_ACCESS_URL) into the folder `dir` (which must exist), in parallel
 * (vosia_service_set_download_jobs), with `s`'s transport settings. Files are named as pyvo
 * names them: the row's title (VOSIA_FIELD_TITLE) with whitespace as `_`, `.` and the
 * extension of its MIME type (VOSIA_FIELD_FORMAT), `-1`, `-2`, ... for a name taken by an
 * earlier row of the call; see the header's Downloads paragraph.
 *
 * @param s (not NULL) the service.
 * @param r (not NULL) the results whose rows are fetched.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param dir (not NULL) the folder to save into, which must exist (UTF-8).
 * @param flags VOSIA_DOWNLOAD_* flags, or 0.
 * @param out (out, not NULL) receives a vosia_downloads handle with one entry per row, in
 *            row order, written whenever the downloads were attempted (also when some
 *            failed); free it with vosia_downloads_free.
 * @return VOSIA_OK (every row saved); else the status of the first failed entry (as
 *         vosia_service_download_url; a row without access URL is VOSIA_E_INVALID_ARG),
 *         with vosia_last_error saying how many failed; or, with `*out` not written,
 *         VOSIA_E_RANGE (rows outside the result), VOSIA_E_INVALID_ARG, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_download_rows(const vosia_service *s, const vosia_results *r, int64_t first_row, int64_t n_rows, const char *dir, int32_t flags, vosia_downloads **out);

/**
 * Cuts the same region out of the datasets of rows `first_row .. first_row + n_rows` of `r`
 * with SODA (sync) into the folder `dir`, in parallel, with `s`'s transport settings; each
 * cutout is saved as a download is (atomic, checked, never outside `dir`). The `n_params`
 * parameters `names[i]=values[i]` (SODA `CIRCLE` "ra dec radius", `POLYGON`, `POS`, `BAND`,
 * `TIME`, `POL`, or any other the service takes; values as the service reads them, vosia
 * encodes them) go with those the service descriptor fixes. The SODA service of a row is
 * the one a descriptor of the response describes, else the `#proc`/`#cutout` link of its
 * DataLink document (all rows' documents in one request when the response describes its
 * DataLink service). Files are named `<title>_cutout_<8 hex digits of the parameters>.fits`,
 * so a rerun with the same parameters fetches nothing.
 *
 * @param s (not NULL) the service.
 * @param r (not NULL) the results whose rows are fetched.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param n_params the number of parameters in `names` and `values`, >= 0.
 * @param dir (not NULL) the folder to save into, which must exist (UTF-8).
 * @param names (in, not NULL unless n_params is 0) `n_params` parameter names,
 *        NUL-terminated UTF-8, none empty.
 * @param values (in, not NULL unless n_params is 0) `n_params` values, NUL-terminated UTF-8,
 *        `values[i]` going with `names[i]`.
 * @param flags VOSIA_DOWNLOAD_REFRESH, or 0.
 * @param out (out, not NULL) receives a vosia_downloads handle with one entry per row, as
 *            vosia_service_download_rows.
 * @return VOSIA_OK; else the first failed entry's status: VOSIA_E_HTTP (HTTP 204: the region
 *         misses that image; the service's own refusal), VOSIA_E_UNSUPPORTED (no SODA service
 *         is described for that row), the download failures; or, with `*out` not written,
 *         VOSIA_E_RANGE, VOSIA_E_INVALID_ARG (an empty name, bad UTF-8, an unknown flag),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_cutout_rows(const vosia_service *s, const vosia_results *r, int64_t first_row, int64_t n_rows, const char *const *names, const char *const *values, size_t n_params, const char *dir, int32_t flags, vosia_downloads **out);

/**
 * The DataLink links of rows `first_row .. first_row + n_rows` of `r` (at most 500), in one
 * request: their IDs (the column the response's DataLink service descriptor refers to,
 * e.g. obs_publisher_did) sent to that service, the answer read into a new results handle
 * with the DataLink columns (`ID`, `access_url`, `service_def`, `error_message`,
 * `semantics`, `content_type`, `content_length`, ...; read them with
 * vosia_results_column_index and the cell getters) and its own service descriptors (the SODA
 * services its `#proc` rows name). An ID the service does not know is a row with an
 * `error_message`. vosia_results_overflow says when the service stopped early: ask again for
 * the IDs it left out.
 *
 * @param s (not NULL) the service.
 * @param r (not NULL) the results whose rows are fetched.
 * @param first_row 0-based first row of the range.
 * @param n_rows the number of rows from `first_row` on (the range must lie within the rows).
 * @param out (out, not NULL) receives the new handle (free with vosia_results_free);
 *            written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_UNSUPPORTED (the response describes no DataLink service),
 *         VOSIA_E_INVALID_ARG (more than 500 rows), the transport errors, VOSIA_E_FORMAT,
 *         VOSIA_E_SERVICE, VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_datalink_rows(const vosia_service *s, const vosia_results *r, int64_t first_row, int64_t n_rows, vosia_results **out);

/**
 * Frees a downloads handle (the files stay). NULL does nothing. Strings borrowed from it
 * become invalid.
 *
 * @param d the downloads handle to free; NULL does nothing.
 */
void vosia_downloads_free(vosia_downloads *d);

/**
 * How many entries a downloads handle holds (one per file asked for); -1 if `d` is not a
 * live handle (vosia_last_status says why).
 *
 * @param d (not NULL) the downloads handle.
 * @return the number of entries, or -1 on failure.
 */
int64_t vosia_downloads_count(const vosia_downloads *d);

/**
 * The outcome of entry `i` (0-based): VOSIA_OK when its file is in place, else its failure.
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param out (out, not NULL) receives the status; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_status(const vosia_downloads *d, int64_t i, vosia_status *out);

/**
 * The path of entry `i`'s file (the folder joined with its name).
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param out (out, not NULL) receives a string owned by `d`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed: see vosia_downloads_get_error);
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_get_path(const vosia_downloads *d, int64_t i, const char **out);

/**
 * Copies the path of entry `i`'s file into `buf` (copy_* convention).
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed); VOSIA_E_BUFFER_SIZE; VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_copy_path(const vosia_downloads *d, int64_t i, char *buf, size_t cap, size_t *len);

/**
 * What went wrong with entry `i`, as vosia_last_error would say it.
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param out (out, not NULL) receives a string owned by `d`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the entry succeeded); VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_get_error(const vosia_downloads *d, int64_t i, const char **out);

/**
 * Copies what went wrong with entry `i` into `buf` (copy_* convention).
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the entry succeeded); VOSIA_E_BUFFER_SIZE;
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_copy_error(const vosia_downloads *d, int64_t i, char *buf, size_t cap, size_t *len);

/**
 * The size in bytes of entry `i`'s file, and how it came (VOSIA_DOWNLOAD_FETCHED,
 * _RESUMED, _CACHED).
 *
 * @param d (not NULL) the downloads handle.
 * @param i 0-based entry, below vosia_downloads_count.
 * @param bytes (out, may be NULL) receives the size; @param how (out, may be NULL) the way;
 *        both written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the entry failed); VOSIA_E_RANGE, VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_downloads_file(const vosia_downloads *d, int64_t i, int64_t *bytes, int32_t *how);

/**
 * Sets how many downloads of one vosia_service_download_rows call run at once: 1 to 64
 * (default 4). Threads are started per call and all joined before it returns.
 *
 * @param s (not NULL) the service.
 * @param jobs how many downloads run at once, 1 to 64.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG; VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_download_jobs(vosia_service *s, int32_t jobs);

/**
 * Sets the largest file a download accepts, in bytes; 0 (the default) means no limit. It is
 * separate from vosia_service_set_max_response_bytes (VOTables held in memory): a file over
 * it fails with VOSIA_E_TOO_LARGE, at once when the server announces its size.
 *
 * @param s (not NULL) the service.
 * @param bytes the largest file accepted in bytes, >= 0 (0: no limit).
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG for a negative value; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_max_download_bytes(vosia_service *s, int64_t bytes);

/**
 * Sets the whole time one file's download may take, in seconds (> 0; default 3600):
 * connecting, waiting, the body and retries. The service timeout (vosia_service_set_timeout)
 * bounds queries and documents, this one datasets, which may be large.
 *
 * @param s (not NULL) the service.
 * @param seconds the time in seconds, finite and > 0.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG as vosia_service_set_timeout; VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_service_set_download_timeout(vosia_service *s, double seconds);

/**
 * Runs the `count` queries `queries[0 .. count]` at once, each with its own service's
 * settings, and writes their outcomes, in the same order, to a new batch handle. At most
 * `jobs` run at a time in all (threads started for this call and all joined before it
 * returns), at most `per_host` at a time against one host (the scheme, host and port of
 * the query's service URL), and request starts to one host are at least `min_interval`
 * seconds apart (retries included). A 429 or 503 with Retry-After pauses every request of
 * the batch to that host, not only the one that got it. The queries are only read: the
 * same handle may appear more than once, and none may be changed or freed during the call.
 *
 * @param count the number of queries, >= 0.
 * @param user handed to `progress` unchanged; may be NULL.
 * @param queries (in, not NULL unless count is 0) `count` query handles.
 * @param jobs 1 to 64, or 0 for the default 8.
 * @param per_host at least 1, or 0 for the default 4 (an archive is not flattened).
 * @param min_interval seconds, finite and >= 0 (0: no spacing).
 * @param progress (may be NULL) called with (queries finished, count, `user`) after each
 *        query ends, from the batch's threads, one call at a time; a non-zero return cancels:
 *        the queries not started fail with VOSIA_E_CANCELLED, the running ones at their
 *        next read.
 * @param out (out, not NULL) receives the batch handle whenever the queries were run (also
 *        when some failed); free it with vosia_batch_free.
 * @return VOSIA_OK (every query succeeded); else the status of the first failed item, with
 *         vosia_last_error saying how many failed; or, with `*out` not written,
 *         VOSIA_E_INVALID_ARG (count < 0, an option out of range), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE (naming the first bad query).
 */
vosia_status vosia_batch_execute(const vosia_query *const *queries, int64_t count, int32_t jobs, int32_t per_host, double min_interval, vosia_progress_fn progress, void *user, vosia_batch **out);

/**
 * Frees a batch handle and every results handle it holds. NULL does nothing.
 *
 * @param b the batch to free; NULL does nothing.
 */
void vosia_batch_free(vosia_batch *b);

/**
 * How many items a batch holds (one per query given); -1 if `b` is not a live handle
 * (vosia_last_status says why).
 *
 * @param b (not NULL) the batch.
 * @return the number of items, or -1 on failure.
 */
int64_t vosia_batch_count(const vosia_batch *b);

/**
 * The outcome of item `i` (0-based, the i-th query given): VOSIA_OK, or its failure.
 *
 * @param b (not NULL) the batch.
 * @param i 0-based item (the i-th query given), below vosia_batch_count.
 * @param out (out, not NULL) receives the status; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_batch_status(const vosia_batch *b, int64_t i, vosia_status *out);

/**
 * The results of item `i`, read with every vosia_results_* function.
 *
 * @param b (not NULL) the batch.
 * @param i 0-based item (the i-th query given), below vosia_batch_count.
 * @param out (out, not NULL) receives a results handle owned by `b`, valid until `b` is
 *        freed (do not free it); written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the query failed: see vosia_batch_get_error);
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_batch_get_results(const vosia_batch *b, int64_t i, const vosia_results **out);

/**
 * What went wrong with item `i`, as vosia_last_error would have said it.
 *
 * @param b (not NULL) the batch.
 * @param i 0-based item (the i-th query given), below vosia_batch_count.
 * @param out (out, not NULL) receives a string owned by `b`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the query succeeded); VOSIA_E_RANGE,
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_batch_get_error(const vosia_batch *b, int64_t i, const char **out);

/**
 * Copies what went wrong with item `i` into `buf` (copy_* convention).
 *
 * @param b (not NULL) the batch.
 * @param i 0-based item (the i-th query given), below vosia_batch_count.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the query succeeded); VOSIA_E_BUFFER_SIZE;
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_batch_copy_error(const vosia_batch *b, int64_t i, char *buf, size_t cap, size_t *len);

/**
 * Runs the ADQL query `adql` on the TAP service whose root URL (`.../tap`) `tap` was made
 * for, synchronously (a POST to `<root>/sync`, `LANG=ADQL`), through `tap`'s transport
 * settings, and reads the answer as results of `tap`'s SIA version (an `ivoa.obscore`
 * query read as VOSIA_SIA2 has the standard fields of an SIA 2.0 search).
 *
 * @param tap (not NULL) a service made for the TAP service's root URL.
 * @param adql (not NULL) the ADQL query (UTF-8).
 * @param maxrec at most this many rows (`MAXREC`); negative: the service's default. A cut
 *               answer says so through vosia_results_overflow.
 * @param out (out, not NULL) receives the results (free with vosia_results_free); written
 *            only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_SERVICE (the TAP service's own error, such as an ADQL mistake),
 *         the transport errors, VOSIA_E_FORMAT, VOSIA_E_INVALID_ARG (empty ADQL),
 *         VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_tap_query(const vosia_service *tap, const char *adql, int64_t maxrec, vosia_results **out);

/**
 * Creates registry search constraints that ask for every SIA 1.0 and 2.0 service; narrow
 * them with vosia_registry_query_add and vosia_registry_query_set_position.
 *
 * @param out (out, not NULL) receives the new handle; free it with
 *            vosia_registry_query_free.
 * @return VOSIA_OK; VOSIA_E_NULL_ARG.
 */
vosia_status vosia_registry_query_new(vosia_registry_query **out);

/**
 * Frees registry search constraints. NULL does nothing.
 *
 * @param q the constraints to free; NULL does nothing.
 */
void vosia_registry_query_free(vosia_registry_query *q);

/**
 * Adds a constraint (see VOSIA_REGISTRY_SERVICE_TYPE and the constants after it for what
 * each means and how several of one kind combine).
 *
 * @param q (not NULL) the constraints.
 * @param constraint a VOSIA_REGISTRY_* constant.
 * @param value (not NULL) its value (UTF-8): "sia" or "sia2", a keyword, a messenger term,
 *              an ivoid.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (unknown constraint, empty value, unknown service
 *         type or waveband, an ivoid not starting with ivo://), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_query_add(vosia_registry_query *q, int32_t constraint, const char *value);

/**
 * Asks for services whose declared coverage contains the circle of `radius_deg` around
 * (`ra_deg`, `dec_deg`), ICRS degrees (radius 0: the point). Replaces an earlier position.
 * The registry must have RegTAP 1.2 coverage (`rr.stc_spatial`) and MOC in its ADQL, as
 * GAVO's has; on one without, the search fails with VOSIA_E_SERVICE saying so.
 *
 * @param q (not NULL) the constraints.
 * @param ra_deg right ascension, 0 to 360 degrees.
 * @param dec_deg declination, -90 to 90 degrees.
 * @param radius_deg radius, 0 to 180 degrees.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (out of range, NaN), VOSIA_E_NULL_ARG,
 *         VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_query_set_position(vosia_registry_query *q, double ra_deg, double dec_deg, double radius_deg);

/**
 * Finds the SIA services meeting `q` in the RegTAP registry whose TAP root URL `registry`
 * was made for (any SIA version; e.g. `http://reg.g-vo.org/tap`, GAVO's), through
 * `registry`'s transport settings. One hit per SIA interface (`vs:paramhttp`), ordered by
 * ivoid.
 *
 * @param registry (not NULL) a service made for the registry's TAP root URL.
 * @param q (not NULL) the constraints.
 * @param out (out, not NULL) receives the hits (free with vosia_registry_hits_free); written
 *            only on VOSIA_OK, also when nothing matched.
 * @return VOSIA_OK; VOSIA_E_SERVICE (the registry's own error), the transport errors,
 *         VOSIA_E_FORMAT (not a RegTAP answer), VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_search(const vosia_service *registry, const vosia_registry_query *q, vosia_registry_hits **out);

/**
 * Frees registry hits. NULL does nothing. Strings borrowed from it become invalid.
 *
 * @param h the hits to free; NULL does nothing.
 */
void vosia_registry_hits_free(vosia_registry_hits *h);

/**
 * How many hits there are; -1 if `h` is not a live handle (vosia_last_status says why).
 *
 * @param h (not NULL) the hits.
 * @return the number of hits, or -1 on failure.
 */
int64_t vosia_registry_hits_count(const vosia_registry_hits *h);

/**
 * Attribute `attr` of hit `i`: VOSIA_ATTR_IVOID, VOSIA_ATTR_TITLE, VOSIA_ATTR_SHORT_NAME,
 * VOSIA_ATTR_DESCRIPTION, VOSIA_ATTR_WAVEBAND, VOSIA_ATTR_STANDARD_ID (the capability's),
 * VOSIA_ATTR_URL (the access URL: what vosia_service_new takes).
 *
 * @param h (not NULL) the hits.
 * @param i 0-based hit, below vosia_registry_hits_count.
 * @param attr the VOSIA_ATTR_* key (one a hit does not have is VOSIA_E_INVALID_ARG).
 * @param out (out, not NULL) receives a string owned by `h`; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_NULL_VALUE (the record leaves it empty); VOSIA_E_INVALID_ARG,
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_hits_get_attr(const vosia_registry_hits *h, int64_t i, int32_t attr, const char **out);

/**
 * Copies attribute `attr` of hit `i` (see vosia_registry_hits_get_attr) into `buf` (copy_*
 * convention).
 *
 * @param h (not NULL) the hits.
 * @param i 0-based hit, below vosia_registry_hits_count.
 * @param attr the VOSIA_ATTR_* key.
 * @param buf (out) the buffer to copy into; may be NULL when `cap` is 0 (a size probe).
 * @param cap the size of `buf` in bytes, its NUL included.
 * @param len (out, may be NULL) receives the full length in bytes, without the NUL.
 * @return VOSIA_OK; VOSIA_NULL_VALUE; VOSIA_E_BUFFER_SIZE (truncated); VOSIA_E_INVALID_ARG,
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_hits_copy_attr(const vosia_registry_hits *h, int64_t i, int32_t attr, char *buf, size_t cap, size_t *len);

/**
 * The SIA version of hit `i`: VOSIA_SIA1 or VOSIA_SIA2.
 *
 * @param h (not NULL) the hits.
 * @param i 0-based hit, below vosia_registry_hits_count.
 * @param out (out, not NULL) receives the version; written only on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_hits_version(const vosia_registry_hits *h, int64_t i, int32_t *out);

/**
 * Creates a service for hit `i`: its access URL and SIA version, with default settings (as
 * vosia_service_new does; no request is made).
 *
 * @param h (not NULL) the hits.
 * @param i 0-based hit, below vosia_registry_hits_count.
 * @param out (out, not NULL) receives the new service; free it with vosia_service_free.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (the record's access URL is not an http(s) URL),
 *         VOSIA_E_RANGE, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_registry_hits_service(const vosia_registry_hits *h, int64_t i, vosia_service **out);

/**
 * Finds the SAMP hub of this session (the `SAMP_HUB` environment variable,
 * `std-lockurl:file://...`, else the lockfile `~/.samp`), registers with it and declares the
 * client's name, as SAMP 1.3's Standard Profile says. Each call to the hub is bounded by
 * 30 s.
 *
 * @param name (not NULL) the name other clients see (`samp.name`), UTF-8.
 * @param out (out, not NULL) receives the new handle; free it with vosia_samp_free.
 * @return VOSIA_OK; VOSIA_E_CONNECT (no hub: no lockfile, or nothing listening),
 *         VOSIA_E_SERVICE (the hub refused), VOSIA_E_FORMAT (a bad lockfile or answer),
 *         VOSIA_E_TIMEOUT, VOSIA_E_INVALID_ARG (empty name, bad SAMP_HUB), VOSIA_E_NULL_ARG.
 */
vosia_status vosia_samp_connect(const char *name, vosia_samp **out);

/**
 * Unregisters from the hub (a failure to reach it is ignored) and frees the handle. NULL
 * does nothing.
 *
 * @param s the SAMP client to free; NULL does nothing.
 */
void vosia_samp_free(vosia_samp *s);

/**
 * Sends a notification to load `file_or_url`: `image.load.fits` (VOSIA_SAMP_IMAGE) or
 * `table.load.votable` (VOSIA_SAMP_TABLE), to every client subscribed to it or to one. A
 * local file is sent as its absolute `file://` URL; it must exist. Nothing waits for the
 * recipients to load it.
 *
 * @param s (not NULL) the SAMP client.
 * @param what VOSIA_SAMP_IMAGE or VOSIA_SAMP_TABLE.
 * @param file_or_url (not NULL) an http(s), ftp or file URL, or a local path (UTF-8).
 * @param name (may be NULL) the name recipients show for it; NULL: none.
 * @param recipient (may be NULL) the id or `samp.name` (any case) of the one client to send
 *                  to; NULL: all subscribed.
 * @param reached (out, may be NULL) receives how many clients it was sent to; written only
 *                on VOSIA_OK.
 * @return VOSIA_OK; VOSIA_E_INVALID_ARG (unknown `what`, no such recipient: the message lists
 *         those registered), VOSIA_E_IO (no such file), VOSIA_E_SERVICE (the hub refused),
 *         the transport errors, VOSIA_E_NULL_ARG, VOSIA_E_BAD_HANDLE.
 */
vosia_status vosia_samp_send(const vosia_samp *s, int32_t what, const char *file_or_url, const char *name, const char *recipient, size_t *reached);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* VOSIA_H */
