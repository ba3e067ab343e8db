// vosia.hpp: the C++17 interface of vosia, a client for the IVOA Simple Image Access protocol
// (SIA 1.0 and 2.0). Header-only: a thin layer over vosia.h that owns the three handles
// (move-only RAII), throws vosia::error for every failure, and returns std::string_view for
// borrowed strings and std::optional where the C API answers VOSIA_NULL_VALUE (a null cell,
// an attribute a FIELD does not set, a lookup that found nothing).
//
//     #include <vosia.hpp>
//
//     vosia::service svc("http://127.0.0.1:8080/siatest/q/i/siap.xml?", vosia::sia1);
//     vosia::query q(svc);
//     q.set_pos(10.68, 41.27).set_size(0.2);
//     vosia::results res = q.execute();             // throws vosia::error on failure
//     for (vosia::row r : res)
//         std::cout << r.std_str(vosia::field::access_url).value_or("-") << '\n';
//     std::vector<double> ra = res.std_double_column(vosia::field::ra).value();  // NaN = null
//
// Lifetimes follow the C API: a string_view from a results stays valid until that results
// handle is freed (moving the owning object keeps it); one from a service until the service
// handle is freed; query::url() and query::last_error() until the query next changes or
// executes. A service and a results may be used by any number of threads at once; a query by
// one at a time (clone() it for another thread). Rows and columns are 0-based.
//
// Link with vosia::vosia (CMake) or $(pkg-config --cflags --libs vosia); C++17 is required.
#ifndef VOSIA_HPP
#define VOSIA_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "vosia.h"

#if !defined(__cplusplus) || (__cplusplus < 201703L && (!defined(_MSVC_LANG) || _MSVC_LANG < 201703L))
#error "vosia.hpp needs C++17; from older C++ use vosia.h"
#endif

namespace vosia {

/// SIA protocol versions (`VOSIA_SIA1`, `VOSIA_SIA2`).
inline constexpr std::int32_t sia1 = VOSIA_SIA1;
inline constexpr std::int32_t sia2 = VOSIA_SIA2;

/// Standard fields, one vocabulary over SIA 1.0 UCDs and SIA 2.0 ObsCore (`VOSIA_FIELD_*`).
enum class field : std::int32_t {
    access_url = VOSIA_FIELD_ACCESS_URL,
    format = VOSIA_FIELD_FORMAT,
    title = VOSIA_FIELD_TITLE,
    ra = VOSIA_FIELD_RA,
    dec = VOSIA_FIELD_DEC,
    instrument = VOSIA_FIELD_INSTRUMENT,
    mjd_obs = VOSIA_FIELD_MJD_OBS,
    naxes = VOSIA_FIELD_NAXES,
    naxis = VOSIA_FIELD_NAXIS,
    scale = VOSIA_FIELD_SCALE,
    coord_frame = VOSIA_FIELD_COORD_FRAME,
    coord_equinox = VOSIA_FIELD_COORD_EQUINOX,
    projection = VOSIA_FIELD_PROJECTION,
    ref_pixel = VOSIA_FIELD_REF_PIXEL,
    ref_value = VOSIA_FIELD_REF_VALUE,
    cd_matrix = VOSIA_FIELD_CD_MATRIX,
    bandpass_id = VOSIA_FIELD_BANDPASS_ID,
    bandpass_unit = VOSIA_FIELD_BANDPASS_UNIT,
    em_ref = VOSIA_FIELD_EM_REF,
    em_min = VOSIA_FIELD_EM_MIN,
    em_max = VOSIA_FIELD_EM_MAX,
    pixflags = VOSIA_FIELD_PIXFLAGS,
    acref_ttl = VOSIA_FIELD_ACREF_TTL,
    filesize = VOSIA_FIELD_FILESIZE,
    collection = VOSIA_FIELD_COLLECTION,
    dataproduct_type = VOSIA_FIELD_DATAPRODUCT_TYPE,
    calib_level = VOSIA_FIELD_CALIB_LEVEL,
    obs_id = VOSIA_FIELD_OBS_ID,
    publisher_did = VOSIA_FIELD_PUBLISHER_DID,
    target = VOSIA_FIELD_TARGET,
    s_fov = VOSIA_FIELD_S_FOV,
    s_region = VOSIA_FIELD_S_REGION,
    s_resolution = VOSIA_FIELD_S_RESOLUTION,
    t_min = VOSIA_FIELD_T_MIN,
    t_max = VOSIA_FIELD_T_MAX,
    t_exptime = VOSIA_FIELD_T_EXPTIME,
    em_res_power = VOSIA_FIELD_EM_RES_POWER,
    pol_states = VOSIA_FIELD_POL_STATES,
    facility = VOSIA_FIELD_FACILITY,
};

/// VOTable datatypes of result columns (`VOSIA_TYPE_*`).
enum class datatype : std::int32_t {
    boolean = VOSIA_TYPE_BOOLEAN,
    bit = VOSIA_TYPE_BIT,
    unsigned_byte = VOSIA_TYPE_UNSIGNED_BYTE,
    short_ = VOSIA_TYPE_SHORT,
    int_ = VOSIA_TYPE_INT,
    long_ = VOSIA_TYPE_LONG,
    char_ = VOSIA_TYPE_CHAR,
    unicode_char = VOSIA_TYPE_UNICODE_CHAR,
    float_ = VOSIA_TYPE_FLOAT,
    double_ = VOSIA_TYPE_DOUBLE,
    float_complex = VOSIA_TYPE_FLOAT_COMPLEX,
    double_complex = VOSIA_TYPE_DOUBLE_COMPLEX,
};

/// The keys of the keyed getters (`VOSIA_ATTR_*`); each getter's C documentation says which
/// it knows.
enum class attr : std::int32_t {
    name = VOSIA_ATTR_NAME,
    id = VOSIA_ATTR_ID,
    ucd = VOSIA_ATTR_UCD,
    utype = VOSIA_ATTR_UTYPE,
    unit = VOSIA_ATTR_UNIT,
    xtype = VOSIA_ATTR_XTYPE,
    arraysize = VOSIA_ATTR_ARRAYSIZE,
    description = VOSIA_ATTR_DESCRIPTION,
    datatype = VOSIA_ATTR_DATATYPE,
    value = VOSIA_ATTR_VALUE,
    min = VOSIA_ATTR_MIN,
    max = VOSIA_ATTR_MAX,
    url = VOSIA_ATTR_URL,
    standard_id = VOSIA_ATTR_STANDARD_ID,
    ref = VOSIA_ATTR_REF,
    ivoid = VOSIA_ATTR_IVOID,
    title = VOSIA_ATTR_TITLE,
    short_name = VOSIA_ATTR_SHORT_NAME,
    waveband = VOSIA_ATTR_WAVEBAND,
};

/// How a standard field is read (`VOSIA_KIND_*`): std_str, std_double or std_double_array.
enum class kind : std::int32_t {
    text = VOSIA_KIND_TEXT,
    number = VOSIA_KIND_NUMBER,
    array = VOSIA_KIND_ARRAY,
};

/// The SIA 2.0 interval parameters of query::add_interval (`VOSIA_PARAM_BAND` ...).
enum class interval : std::int32_t {
    band = VOSIA_PARAM_BAND,        ///< wavelength, metres
    time = VOSIA_PARAM_TIME,        ///< MJD, days
    fov = VOSIA_PARAM_FOV,          ///< degrees
    spatres = VOSIA_PARAM_SPATRES,  ///< arcseconds
    exptime = VOSIA_PARAM_EXPTIME,  ///< seconds
    timeres = VOSIA_PARAM_TIMERES,  ///< seconds
    specrp = VOSIA_PARAM_SPECRP,    ///< no unit
};

/// The SIA 2.0 text parameters of query::add_text (`VOSIA_PARAM_ID` ...).
enum class text_param : std::int32_t {
    id = VOSIA_PARAM_ID,
    collection = VOSIA_PARAM_COLLECTION,
    facility = VOSIA_PARAM_FACILITY,
    instrument = VOSIA_PARAM_INSTRUMENT,
    dptype = VOSIA_PARAM_DPTYPE,
    target = VOSIA_PARAM_TARGET,
    pol = VOSIA_PARAM_POL,
};

/// Every failure of a vosia call: the status (`VOSIA_E_*`) and vosia's message, which is
/// vosia_query_error() for a failed execute and vosia_last_error() otherwise.
class error : public std::runtime_error {
public:
    error(vosia_status status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    /// The `VOSIA_E_*` code.
    vosia_status status() const noexcept { return status_; }
    /// The static text of the code (vosia_strerror).
    std::string_view status_text() const noexcept { return vosia_strerror(status_); }

private:
    vosia_status status_;
};

/// How a downloaded file came to be in place (`VOSIA_DOWNLOAD_FETCHED` ...).
enum class how : std::int32_t {
    fetched = VOSIA_DOWNLOAD_FETCHED,  ///< fetched whole
    resumed = VOSIA_DOWNLOAD_RESUMED,  ///< a partial file of an earlier try was continued
    cached = VOSIA_DOWNLOAD_CACHED,    ///< the complete file was there: nothing fetched
};

/// Choices of a download call (the `VOSIA_DOWNLOAD_*` flags).
struct download_options {
    bool server_name = false;    ///< name files as the server's Content-Disposition says
    bool refresh = false;        ///< fetch again even when a complete file is there
    bool keep_datalink = false;  ///< save DataLink documents instead of following them

    std::int32_t flags() const noexcept {
        return (server_name ? VOSIA_DOWNLOAD_SERVER_NAME : 0) |
               (refresh ? VOSIA_DOWNLOAD_REFRESH : 0) |
               (keep_datalink ? VOSIA_DOWNLOAD_KEEP_DATALINK : 0);
    }
};

/// The outcome of one file of a download call.
struct downloaded {
    vosia_status status = VOSIA_OK;  ///< VOSIA_OK, or why it failed
    std::filesystem::path path;      ///< where it is (empty when it failed)
    std::int64_t bytes = 0;          ///< its size
    vosia::how how = how::fetched;
    std::string error;               ///< what went wrong ("" on success)
    bool ok() const noexcept { return status == VOSIA_OK; }
};

/// A download call where some file failed: the first failure's status and message, and
/// the outcome of every file asked for, in order (the others may have succeeded).
class download_error : public error {
public:
    download_error(vosia_status status, const std::string &message,
                   std::vector<downloaded> outcomes)
        : error(status, message), outcomes_(std::move(outcomes)) {}
    const std::vector<downloaded> &outcomes() const noexcept { return outcomes_; }

private:
    std::vector<downloaded> outcomes_;
};

/// The version of the library loaded at run time ("0.2.0") and as one number.
inline std::string_view version() noexcept { return vosia_version(); }
inline std::int32_t version_number() noexcept { return vosia_version_number(); }
/// The static text of a status code.
inline std::string_view strerror(vosia_status status) noexcept { return vosia_strerror(status); }

namespace detail {

inline std::string message_for(vosia_status status, const char *detail) {
    if (detail != nullptr && *detail != '\0') return detail;
    return vosia_strerror(status);
}

[[noreturn]] inline void fail(vosia_status status) {
    throw error(status, message_for(status, vosia_last_error()));
}

inline void check(vosia_status status) {
    if (status != VOSIA_OK) fail(status);
}

// For the few C functions that return a count or flag, -1 on failure: the reason is
// vosia_last_status().
template <class T>
T value_or_fail(T v) {
    if (v < 0) fail(vosia_last_status());
    return v;
}

// A getter that may answer VOSIA_NULL_VALUE: false for it, throw for errors.
inline bool present(vosia_status status) {
    if (status == VOSIA_NULL_VALUE) return false;
    check(status);
    return true;
}

// A string getter `get(const char **out)`: nullopt for VOSIA_NULL_VALUE.
template <class F>
std::optional<std::string_view> optional_str(F &&get) {
    const char *s = nullptr;
    if (!present(get(&s))) return std::nullopt;
    return std::string_view(s);
}

// An index lookup `get(int32_t *out)`: nullopt for VOSIA_NULL_VALUE.
template <class F>
std::optional<std::int32_t> optional_index(F &&get) {
    std::int32_t i = 0;
    if (!present(get(&i))) return std::nullopt;
    return i;
}

// Reads a cell's numbers: a size probe (cap 0), then one call with room for all of them.
template <class F>
std::optional<std::vector<double>> doubles(F &&get) {
    std::size_t n = 0;
    vosia_status st = get(nullptr, 0, &n);
    if (st == VOSIA_NULL_VALUE) return std::nullopt;
    if (st != VOSIA_E_BUFFER_SIZE) check(st);
    std::vector<double> out(n);
    check(get(out.data(), out.size(), &n));
    out.resize(n);
    return out;
}

// The progress functions installed through one vosia::service. The C library holds a raw
// pointer to one of them, so each stays alive as long as the service object and every query
// made from it (they share this through a shared_ptr): replacing a function never frees the
// old one under a transfer that is still calling it.
struct progress_functions;

// One function set through a service, with the set it belongs to.
struct progress_entry {
    std::function<bool(std::int64_t, std::int64_t)> fn;
    progress_functions *owner;
};

struct progress_functions {
    std::mutex lock;
    std::vector<std::unique_ptr<progress_entry>> all;
    // The first exception a function threw on a thread of vosia's own (downloads run on
    // several): download calls rethrow it.
    std::exception_ptr caught;

    std::exception_ptr take_caught() {
        std::lock_guard<std::mutex> hold(lock);
        return std::exchange(caught, nullptr);
    }
};

// An exception thrown by a progress function, carried across the C library (which it must
// not cross) to the vosia::service or vosia::query call on the same thread.
inline std::exception_ptr &pending_exception() {
    thread_local std::exception_ptr pending;
    return pending;
}

extern "C" inline std::int32_t vosia_hpp_progress(std::int64_t done, std::int64_t total,
                                                   void *user) {
    auto *entry = static_cast<progress_entry *>(user);
    try {
        return entry->fn(done, total) ? 0 : 1;
    } catch (...) {
        pending_exception() = std::current_exception();
        std::lock_guard<std::mutex> hold(entry->owner->lock);
        if (!entry->owner->caught) entry->owner->caught = std::current_exception();
        return 1;
    }
}

// After a call that may have run a progress function: rethrows what it threw, else checks.
inline void check_transfer(vosia_status status) {
    if (std::exception_ptr e = std::exchange(pending_exception(), nullptr))
        std::rethrow_exception(e);
    check(status);
}

// Reads every entry of a vosia_downloads handle (and frees it); a failed call is thrown
// as download_error with all of them, an argument error (no handle) as error.
inline std::vector<downloaded> outcomes(vosia_status status, vosia_downloads *d) {
    if (d == nullptr) fail(status);
    const std::string message = status == VOSIA_OK ? "" : message_for(status, vosia_last_error());
    std::unique_ptr<vosia_downloads, void (*)(vosia_downloads *)> owner(d, vosia_downloads_free);
    std::vector<downloaded> out;
    const std::int64_t n = vosia_downloads_count(d);
    for (std::int64_t i = 0; i < n; i++) {
        downloaded one;
        check(vosia_downloads_status(d, i, &one.status));
        const char *text = nullptr;
        if (one.ok()) {
            std::int32_t how = 0;
            check(vosia_downloads_file(d, i, &one.bytes, &how));
            one.how = static_cast<vosia::how>(how);
            check(vosia_downloads_get_path(d, i, &text));
            one.path = text;
        } else {
            check(vosia_downloads_get_error(d, i, &text));
            one.error = text;
        }
        out.push_back(std::move(one));
    }
    if (status != VOSIA_OK) throw download_error(status, message, std::move(out));
    return out;
}

}  // namespace detail

/// The standard fields' own metadata: the lower-case name ("access_url"), the fixed unit the
/// std_ getters return ("deg", "m", "d", "s", "byte"; nullopt for text and counts), how the
/// field is read, and the field of a name (case-insensitive).
inline std::int32_t field_count() noexcept { return vosia_field_count(); }
inline std::string_view field_name(field f) {
    return detail::optional_str([&](const char **o) {
               return vosia_field_get_attr(static_cast<std::int32_t>(f), VOSIA_ATTR_NAME, o);
           })
        .value();
}
inline std::optional<std::string_view> field_unit(field f) {
    return detail::optional_str([&](const char **o) {
        return vosia_field_get_attr(static_cast<std::int32_t>(f), VOSIA_ATTR_UNIT, o);
    });
}
inline vosia::kind field_kind(field f) {
    std::int32_t k = 0;
    detail::check(vosia_field_kind(static_cast<std::int32_t>(f), &k));
    return static_cast<vosia::kind>(k);
}
inline std::optional<field> field_by_name(const std::string &name) {
    auto i = detail::optional_index([&](std::int32_t *o) { return vosia_field_by_name(name.c_str(), o); });
    if (!i) return std::nullopt;
    return static_cast<field>(*i);
}

class query;

/// An SIA service (vosia_service): base URL, version, transport settings, cached metadata.
/// Move-only. Strings it gives stay valid until its handle is freed.
class service {
public:
    /// A service for the query endpoint `base_url` speaking `sia_version` (vosia::sia1 or
    /// vosia::sia2). No request is made.
    service(const std::string &base_url, std::int32_t sia_version) {
        detail::check(vosia_service_new(base_url.c_str(), sia_version, &h_));
    }
    /// Finds the SIA 2.0 endpoint from a capabilities or base URL (one or two requests);
    /// `timeout_seconds` 0 means the default.
    static service discover(const std::string &url, double timeout_seconds = 0.0) {
        vosia_service *h = nullptr;
        detail::check(vosia_service_discover(url.c_str(), timeout_seconds, &h));
        return service(h);
    }
    /// Takes ownership of a handle from the C API.
    explicit service(vosia_service *owned) noexcept : h_(owned) {}

    service(service &&o) noexcept
        : h_(std::exchange(o.h_, nullptr)), progress_(std::move(o.progress_)) {}
    service &operator=(service &&o) noexcept {
        if (this != &o) {
            vosia_service_free(h_);
            h_ = std::exchange(o.h_, nullptr);
            progress_ = std::move(o.progress_);
        }
        return *this;
    }
    service(const service &) = delete;
    service &operator=(const service &) = delete;
    ~service() { vosia_service_free(h_); }

    service &set_timeout(double seconds) { return ok(vosia_service_set_timeout(h_, seconds)); }
    service &set_connect_timeout(double seconds) {
        return ok(vosia_service_set_connect_timeout(h_, seconds));
    }
    /// Keep connections alive between queries (true) or open one per request (false); by
    /// default kept alive, except plain http to this machine (see vosia_service_set_keepalive).
    service &set_keepalive(bool on) { return ok(vosia_service_set_keepalive(h_, on ? 1 : 0)); }
    /// The largest response body accepted, in bytes; 0 means no limit.
    service &set_max_response_bytes(std::int64_t bytes) {
        return ok(vosia_service_set_max_response_bytes(h_, bytes));
    }
    /// Trusts only the CA certificates of this PEM file for https (as curl's --cacert).
    service &set_ca_file(const std::string &path) {
        return ok(vosia_service_set_ca_file(h_, path.c_str()));
    }
    /// Presents the client certificate of this PEM file (certificate, chain, key).
    service &set_client_cert(const std::string &path) {
        return ok(vosia_service_set_client_cert(h_, path.c_str()));
    }
    /// Most bytes a parsed response may keep in memory (0: no limit; default 2 GiB).
    service &set_memory_budget(std::int64_t bytes) {
        return ok(vosia_service_set_memory_budget(h_, bytes));
    }
    /// Reads large TABLEDATA responses on `threads` threads (0: one per core; 1, the
    /// default: the calling thread); the same results as on one thread.
    service &set_reader_threads(std::int32_t threads) {
        return ok(vosia_service_set_reader_threads(h_, threads));
    }
    /// Queries whose GET URL would be longer than `url_bytes` are POSTed with the same
    /// parameters (0: every query; default 4096).
    service &set_post_above(std::int64_t url_bytes) {
        return ok(vosia_service_set_post_above(h_, url_bytes));
    }
    service &set_retries(std::int32_t max_retries, double max_wait_seconds) {
        return ok(vosia_service_set_retries(h_, max_retries, max_wait_seconds));
    }
    service &add_header(const std::string &name, const std::string &value) {
        return ok(vosia_service_add_header(h_, name.c_str(), value.c_str()));
    }
    /// Lets a redirect to `origin` ("scheme://host[:port]") carry the add_header headers, as
    /// within the origin asked for; redirects elsewhere get none.
    service &trust_redirects_to(const std::string &origin) {
        return ok(vosia_service_trust_redirects_to(h_, origin.c_str()));
    }
    /// Calls `fn(done, total)` as every response body of this service is read (bytes so far,
    /// bytes expected or -1); returning false cancels the transfer (vosia::error with
    /// VOSIA_E_CANCELLED). An exception thrown by `fn` cancels it too and comes out of the
    /// call that was reading. It runs on the calling thread, possibly on several at once.
    /// An empty function removes it. Each function set stays alive until this service object
    /// and every query made from it are gone.
    service &set_progress(std::function<bool(std::int64_t done, std::int64_t total)> fn) {
        if (!fn) return ok(vosia_service_set_progress(h_, nullptr, nullptr));
        if (!progress_) progress_ = std::make_shared<detail::progress_functions>();
        std::lock_guard<std::mutex> hold(progress_->lock);
        progress_->all.push_back(std::make_unique<detail::progress_entry>(
            detail::progress_entry{std::move(fn), progress_.get()}));
        return ok(vosia_service_set_progress(h_, detail::vosia_hpp_progress,
                                             progress_->all.back().get()));
    }

    /// Calls `fn(done, total)` after each file of a download or cutout call ends: the files
    /// ended so far (saved, found in place or failed) of the call's `total`, from the
    /// download threads, one call at a time. Returning false stops the transfers still
    /// running; an exception thrown by `fn` does too and comes out of the download call. An
    /// empty function removes it; each function set stays alive as set_progress's do.
    service &set_file_progress(std::function<bool(std::int64_t done, std::int64_t total)> fn) {
        if (!fn) return ok(vosia_service_set_file_progress(h_, nullptr, nullptr));
        if (!progress_) progress_ = std::make_shared<detail::progress_functions>();
        std::lock_guard<std::mutex> hold(progress_->lock);
        progress_->all.push_back(std::make_unique<detail::progress_entry>(
            detail::progress_entry{std::move(fn), progress_.get()}));
        return ok(vosia_service_set_file_progress(h_, detail::vosia_hpp_progress,
                                                  progress_->all.back().get()));
    }

    /// How many downloads of one download_rows() run at once (1 to 64; default 4).
    service &set_download_jobs(std::int32_t jobs) {
        return ok(vosia_service_set_download_jobs(h_, jobs));
    }
    /// The largest file a download accepts, in bytes; 0 (the default) means no limit.
    service &set_max_download_bytes(std::int64_t bytes) {
        return ok(vosia_service_set_max_download_bytes(h_, bytes));
    }
    /// The whole time one file's download may take (default 3600 s).
    service &set_download_timeout(double seconds) {
        return ok(vosia_service_set_download_timeout(h_, seconds));
    }
    /// Saves `url` into the folder `dir` (which must exist) as `name` (made safe; empty:
    /// the URL's last path segment): written to NAME.part, checked, then renamed, so a
    /// complete file already there is not fetched again and a download cut short resumes.
    /// Throws download_error (status VOSIA_E_PARTIAL, _CHECKSUM, _HTTP, ...) on failure.
    downloaded download(const std::string &url, const std::filesystem::path &dir,
                        const std::string &name = std::string(),
                        const download_options &options = download_options()) {
        vosia_downloads *d = nullptr;
        if (progress_) progress_->take_caught();
        vosia_status st = vosia_service_download_url(h_, url.c_str(), dir.string().c_str(),
                                                     name.empty() ? nullptr : name.c_str(),
                                                     options.flags(), &d);
        rethrow_progress(d);
        return detail::outcomes(st, d).front();
    }
    /// Saves the datasets of rows [first_row, first_row + n_rows) of `res` (-1: to the
    /// end) into `dir`, in parallel, under pyvo's names, following DataLink access URLs to
    /// the dataset. One outcome per row; throws download_error (with all of them) when a
    /// row failed, after every row was tried.
    std::vector<downloaded> download_rows(const class results_view &res,
                                          const std::filesystem::path &dir,
                                          const download_options &options = download_options(),
                                          std::int64_t first_row = 0,
                                          std::int64_t n_rows = -1);
    /// The DataLink links of rows [first_row, first_row + n_rows) of `res` (at most 500) in
    /// one request, as results with the DataLink columns (see vosia_service_datalink_rows).
    class results datalink_rows(const class results_view &res, std::int64_t first_row = 0,
                                std::int64_t n_rows = -1);
    /// Cuts the same SODA region (`{{"CIRCLE", "10.87 41.3 0.005"}}`, POLYGON, POS, BAND,
    /// TIME, POL, any other) out of the datasets of rows [first_row, first_row + n_rows) of
    /// `res` into `dir`, saved as downloads are. Throws download_error (with every outcome)
    /// when a row failed, e.g. VOSIA_E_HTTP for a region that misses its image.
    std::vector<downloaded> cutout_rows(
        const class results_view &res, const std::filesystem::path &dir,
        const std::vector<std::pair<std::string, std::string>> &params,
        const download_options &options = download_options(), std::int64_t first_row = 0,
        std::int64_t n_rows = -1);

    /// The base URL as given (or as discovered).
    std::string_view base_url() const { return attribute(attr::url).value(); }
    /// vosia::sia1 or vosia::sia2.
    std::int32_t version() const {
        std::int32_t v = 0;
        detail::check(vosia_service_get_version(h_, &v));
        return v;
    }
    /// The service's own attributes: attr::url; attr::description (after fetch_metadata).
    std::optional<std::string_view> attribute(vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_service_get_attr(h_, static_cast<std::int32_t>(a), o);
        });
    }

    /// Fetches (once) the service's self-description; then the param_ and column_ getters work.
    service &fetch_metadata() {
        detail::check_transfer(vosia_service_fetch_metadata(h_));
        return *this;
    }
    std::int32_t param_count() const { return count(vosia_service_param_count); }
    /// The input parameter named `name` (case-insensitive, `INPUT:` ignored), if declared.
    std::optional<std::int32_t> param_index(const std::string &name) const {
        return detail::optional_index(
            [&](std::int32_t *o) { return vosia_service_param_index(h_, name.c_str(), o); });
    }
    /// Attribute `a` of input parameter `i` (name, ucd, unit, datatype, value, min, max, ...).
    std::optional<std::string_view> param_attr(std::int32_t i, vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_service_get_param_attr(h_, i, static_cast<std::int32_t>(a), o);
        });
    }
    /// The allowed values (VALUES/OPTION) of input parameter `i`.
    std::vector<std::string_view> param_options(std::int32_t i) const {
        std::int32_t n = 0;
        detail::check(vosia_service_param_option_count(h_, i, &n));
        std::vector<std::string_view> out;
        out.reserve(static_cast<std::size_t>(n));
        for (std::int32_t k = 0; k < n; k++) {
            const char *s = nullptr;
            detail::check(vosia_service_get_param_option(h_, i, k, &s));
            out.emplace_back(s);
        }
        return out;
    }
    std::int32_t column_count() const { return count(vosia_service_column_count); }
    /// Attribute `a` of output column `i` of the self-description.
    std::optional<std::string_view> column_attr(std::int32_t i, vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_service_get_column_attr(h_, i, static_cast<std::int32_t>(a), o);
        });
    }

    /// Asks the VOSI availability endpoint (a request every call); whether the service is up,
    /// and in `*note` (if given) its note, backAt or downAt time, or "".
    bool available(std::string *note = nullptr) {
        std::int32_t up = 0;
        std::size_t len = 0;
        std::string text(note != nullptr ? 256 : 0, '\0');
        vosia_status st = vosia_service_check_availability(h_, &up, note ? text.data() : nullptr,
                                                           text.size(), &len);
        if (st == VOSIA_E_BUFFER_SIZE && note == nullptr) st = VOSIA_OK;  // not asked for
        if (st == VOSIA_E_BUFFER_SIZE) {
            // A note longer than 255 bytes: ask again with room for it.
            text.assign(len + 1, '\0');
            st = vosia_service_check_availability(h_, &up, text.data(), text.size(), &len);
        }
        detail::check_transfer(st);
        if (note != nullptr) *note = text.substr(0, len);
        return up != 0;
    }
    /// Fetches (once) the VOSI capabilities; returns how many there are.
    std::int32_t fetch_capabilities() {
        std::int32_t n = 0;
        detail::check_transfer(vosia_service_fetch_capabilities(h_, &n));
        return n;
    }
    /// Attribute `a` (attr::standard_id, attr::url) of capability `i`.
    std::optional<std::string_view> capability_attr(std::int32_t i, vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_service_get_capability_attr(h_, i, static_cast<std::int32_t>(a), o);
        });
    }

    const vosia_service *get() const noexcept { return h_; }
    vosia_service *get() noexcept { return h_; }
    /// Gives up ownership: the caller frees the handle with vosia_service_free. A progress
    /// function set through this object is removed from the handle first.
    vosia_service *release() noexcept {
        if (progress_ && h_ != nullptr) {
            vosia_service_set_progress(h_, nullptr, nullptr);
            vosia_service_set_file_progress(h_, nullptr, nullptr);
        }
        progress_.reset();
        return std::exchange(h_, nullptr);
    }

private:
    friend class query;
    // After a download call: what a progress function threw (on any thread) comes out,
    // and the outcome handle is freed.
    void rethrow_progress(vosia_downloads *d) {
        std::exception_ptr e = std::exchange(detail::pending_exception(), nullptr);
        if (progress_) {
            if (std::exception_ptr shared = progress_->take_caught()) e = shared;
        }
        if (e) {
            vosia_downloads_free(d);
            std::rethrow_exception(e);
        }
    }
    service &ok(vosia_status st) {
        detail::check(st);
        return *this;
    }
    std::int32_t count(vosia_status (*get)(const vosia_service *, std::int32_t *)) const {
        std::int32_t n = 0;
        detail::check(get(h_, &n));
        return n;
    }

    vosia_service *h_ = nullptr;
    std::shared_ptr<detail::progress_functions> progress_;
};

class row;

/// A borrowed view of a vosia_results: every reading function, no ownership. Copying a view
/// copies the handle pointer; a view (and the rows and strings it gives) stays valid as long
/// as the handle does, whichever vosia::results object owns it (moving a results keeps it).
class results_view {
public:
    results_view() noexcept = default;
    explicit results_view(const vosia_results *h) noexcept : h_(h) {}

    std::int64_t row_count() const { return detail::value_or_fail(vosia_results_row_count(h_)); }
    /// Which of `circles` ({ra, dec, radius} in degrees, as a many-circle SIA 2.0 query was
    /// given them) the image of `row` meets, by its s_region (else position and s_fov); empty
    /// (no value) when the row has no footprint.
    std::optional<std::vector<bool>> circles_met(
        std::int64_t row, const std::vector<std::array<double, 3>> &circles) const {
        std::vector<std::int32_t> met(circles.size());
        vosia_status st = vosia_results_circles_met(
            h_, row, circles.empty() ? nullptr : circles.front().data(),
            static_cast<std::int32_t>(circles.size()), met.empty() ? nullptr : met.data());
        if (st == VOSIA_NULL_VALUE) return std::nullopt;
        detail::check(st);
        return std::vector<bool>(met.begin(), met.end());
    }
    std::int32_t column_count() const {
        return detail::value_or_fail(vosia_results_column_count(h_));
    }
    /// QUERY_STATUS=OVERFLOW: more records matched than were returned.
    bool overflow() const { return detail::value_or_fail(vosia_results_overflow(h_)) == 1; }
    /// The value of INFO `name`, if there is one.
    std::optional<std::string_view> info(const std::string &name) const {
        return detail::optional_str(
            [&](const char **o) { return vosia_results_info(h_, name.c_str(), o); });
    }
    /// How many repairs the reader made; the texts of the first 100 come from warnings().
    std::int64_t warning_count() const {
        return detail::value_or_fail(vosia_results_warning_count(h_));
    }
    std::vector<std::string_view> warnings() const {
        const std::int64_t n = warning_count() < 100 ? warning_count() : 100;
        std::vector<std::string_view> out;
        for (std::int32_t i = 0; i < n; i++) {
            const char *s = nullptr;
            detail::check(vosia_results_warning(h_, i, &s));
            out.emplace_back(s);
        }
        return out;
    }

    // Columns
    /// Attribute `a` of column `col` (name, id, ucd, utype, unit, xtype, arraysize,
    /// description, datatype); nullopt when the FIELD does not set it.
    std::optional<std::string_view> column_attr(std::int32_t col, vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_results_get_column_attr(h_, col, static_cast<std::int32_t>(a), o);
        });
    }
    /// The column's name ("" for a FIELD without one).
    std::string_view column_name(std::int32_t col) const {
        return column_attr(col, attr::name).value_or(std::string_view());
    }
    vosia::datatype column_datatype(std::int32_t col) const {
        std::int32_t t = 0;
        detail::check(vosia_results_column_datatype(h_, col, &t));
        return static_cast<vosia::datatype>(t);
    }
    /// The column named (or with ID) `name_or_id`, if any.
    std::optional<std::int32_t> column_index(const std::string &name_or_id) const {
        return detail::optional_index([&](std::int32_t *o) {
            return vosia_results_column_index(h_, name_or_id.c_str(), o);
        });
    }
    /// The column with UCD `ucd`, as pyvo's fieldname_with_ucd finds it: every word, else
    /// the same main word, else any shared word.
    std::optional<std::int32_t> column_by_ucd(const std::string &ucd) const {
        return detail::optional_index(
            [&](std::int32_t *o) { return vosia_results_column_by_ucd(h_, ucd.c_str(), o); });
    }
    /// The column with utype `utype` (case-insensitive, namespace prefix optional).
    std::optional<std::int32_t> column_by_utype(const std::string &utype) const {
        return detail::optional_index(
            [&](std::int32_t *o) { return vosia_results_column_by_utype(h_, utype.c_str(), o); });
    }
    /// The column holding a standard field, if it is one column (see vosia_results_std_column).
    std::optional<std::int32_t> std_column(field f) const {
        return detail::optional_index([&](std::int32_t *o) {
            return vosia_results_std_column(h_, static_cast<std::int32_t>(f), o);
        });
    }

    // Service descriptors (DataLink 1.1 §4): the DataLink and SODA services the response
    // describes. attr::id, name, standard_id, url of a descriptor; of an input, the keys of
    // a parameter and attr::ref (the column a row's value comes from).
    std::int32_t descriptor_count() const {
        std::int32_t n = 0;
        detail::check(vosia_results_descriptor_count(h_, &n));
        return n;
    }
    std::optional<std::string_view> descriptor_attr(std::int32_t i, vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_results_get_descriptor_attr(h_, i, static_cast<std::int32_t>(a), o);
        });
    }
    std::int32_t descriptor_input_count(std::int32_t i) const {
        std::int32_t n = 0;
        detail::check(vosia_results_descriptor_input_count(h_, i, &n));
        return n;
    }
    std::optional<std::string_view> descriptor_input_attr(std::int32_t i, std::int32_t k,
                                                          vosia::attr a) const {
        return detail::optional_str([&](const char **o) {
            return vosia_results_get_descriptor_input_attr(h_, i, k,
                                                           static_cast<std::int32_t>(a), o);
        });
    }
    std::vector<std::string_view> descriptor_input_options(std::int32_t i, std::int32_t k) const {
        std::int32_t n = 0;
        detail::check(vosia_results_descriptor_input_option_count(h_, i, k, &n));
        std::vector<std::string_view> out;
        for (std::int32_t o = 0; o < n; o++) {
            const char *s = nullptr;
            detail::check(vosia_results_get_descriptor_input_option(h_, i, k, o, &s));
            out.emplace_back(s);
        }
        return out;
    }

    // Cells. nullopt for a null cell; vosia::error for a wrong type or index.
    bool is_null(std::int64_t r, std::int32_t col) const {
        return detail::value_or_fail(vosia_results_is_null(h_, r, col)) == 1;
    }
    std::optional<double> get_double(std::int64_t r, std::int32_t col) const {
        double v = 0;
        if (!detail::present(vosia_results_get_double(h_, r, col, &v))) return std::nullopt;
        return v;
    }
    std::optional<std::int64_t> get_int64(std::int64_t r, std::int32_t col) const {
        std::int64_t v = 0;
        if (!detail::present(vosia_results_get_int64(h_, r, col, &v))) return std::nullopt;
        return v;
    }
    std::optional<std::string_view> get_str(std::int64_t r, std::int32_t col) const {
        return detail::optional_str(
            [&](const char **o) { return vosia_results_get_str(h_, r, col, o); });
    }
    std::optional<std::string_view> get_text(std::int64_t r, std::int32_t col) const {
        return detail::optional_str(
            [&](const char **o) { return vosia_results_get_text(h_, r, col, o); });
    }
    std::optional<std::vector<double>> get_double_array(std::int64_t r, std::int32_t col) const {
        return detail::doubles([&](double *buf, std::size_t cap, std::size_t *n) {
            return vosia_results_get_double_array(h_, r, col, buf, cap, n);
        });
    }

    // Whole columns: rows [first_row, first_row + n_rows), every row by default; n_rows -1
    // means to the last row. `nulls`, if given, gets 1 where the cell is null, else 0.
    /// A numeric column as doubles (integers widen); a null cell is NaN.
    std::vector<double> double_column(std::int32_t col, std::vector<std::int32_t> *nulls = nullptr,
                                      std::int64_t first_row = 0, std::int64_t n_rows = -1) const {
        return column<double>(vosia_results_get_double_column, col, nulls, first_row, n_rows);
    }
    /// An integer or boolean column; a null cell is 0 (ask for `nulls` to tell).
    std::vector<std::int64_t> int64_column(std::int32_t col,
                                           std::vector<std::int32_t> *nulls = nullptr,
                                           std::int64_t first_row = 0,
                                           std::int64_t n_rows = -1) const {
        return column<std::int64_t>(vosia_results_get_int64_column, col, nulls, first_row, n_rows);
    }
    /// Any column as text (get_text of each cell); nullopt for a null cell.
    std::vector<std::optional<std::string_view>> text_column(std::int32_t col,
                                                             std::int64_t first_row = 0,
                                                             std::int64_t n_rows = -1) const {
        const std::int64_t n = rows_from(first_row, n_rows);
        std::vector<const char *> raw(static_cast<std::size_t>(n));
        detail::check(vosia_results_get_text_column(h_, col, first_row, n, raw.data()));
        return texts(raw);
    }
    /// A numeric standard field, in its fixed unit, NaN where null; nullopt when the result
    /// has no such field.
    std::optional<std::vector<double>> std_double_column(field f,
                                                         std::vector<std::int32_t> *nulls = nullptr,
                                                         std::int64_t first_row = 0,
                                                         std::int64_t n_rows = -1) const {
        const std::int64_t n = rows_from(first_row, n_rows);
        std::vector<double> values(static_cast<std::size_t>(n));
        std::vector<std::int32_t> mask(nulls != nullptr ? values.size() : 0);
        if (!detail::present(vosia_results_get_std_double_column(
                h_, static_cast<std::int32_t>(f), first_row, n, values.data(),
                nulls != nullptr ? mask.data() : nullptr)))
            return std::nullopt;
        if (nulls != nullptr) *nulls = std::move(mask);
        return values;
    }
    /// A standard field as text; nullopt when the result has no such field.
    std::optional<std::vector<std::optional<std::string_view>>> std_text_column(
        field f, std::int64_t first_row = 0, std::int64_t n_rows = -1) const {
        const std::int64_t n = rows_from(first_row, n_rows);
        std::vector<const char *> raw(static_cast<std::size_t>(n));
        if (!detail::present(vosia_results_get_std_text_column(
                h_, static_cast<std::int32_t>(f), first_row, n, raw.data())))
            return std::nullopt;
        return texts(raw);
    }

    // Standard fields of one row, in fixed units (degrees, MJD, seconds, metres, bytes).
    std::optional<double> std_double(std::int64_t r, field f) const {
        double v = 0;
        if (!detail::present(
                vosia_results_get_std_double(h_, r, static_cast<std::int32_t>(f), &v)))
            return std::nullopt;
        return v;
    }
    std::optional<std::string_view> std_str(std::int64_t r, field f) const {
        return detail::optional_str([&](const char **o) {
            return vosia_results_get_std_str(h_, r, static_cast<std::int32_t>(f), o);
        });
    }
    std::optional<std::vector<double>> std_double_array(std::int64_t r, field f) const {
        return detail::doubles([&](double *buf, std::size_t cap, std::size_t *n) {
            return vosia_results_get_std_double_array(h_, r, static_cast<std::int32_t>(f), buf,
                                                      cap, n);
        });
    }

    // Rows: a results (or a view) is a range of vosia::row.
    class iterator;
    using const_iterator = iterator;
    iterator begin() const;
    iterator end() const;
    std::int64_t size() const { return row_count(); }
    bool empty() const { return row_count() == 0; }
    /// Row `i` (not checked; the getters check it).
    vosia::row operator[](std::int64_t i) const noexcept;
    /// Row `i`, checked: throws vosia::error (VOSIA_E_RANGE) when out of range.
    vosia::row at(std::int64_t i) const;

    /// The C handle (borrowed).
    const vosia_results *get() const noexcept { return h_; }

protected:
    const vosia_results *h_ = nullptr;

private:
    // n_rows, with -1 meaning "from first_row to the end"; the C call checks the range.
    std::int64_t rows_from(std::int64_t first_row, std::int64_t n_rows) const {
        if (n_rows != -1) return n_rows < 0 ? 0 : n_rows;
        const std::int64_t left = row_count() - first_row;
        return left < 0 ? 0 : left;
    }
    template <class T, class Get>
    std::vector<T> column(Get get, std::int32_t col, std::vector<std::int32_t> *nulls,
                          std::int64_t first_row, std::int64_t n_rows) const {
        const std::int64_t n = rows_from(first_row, n_rows);
        std::vector<T> values(static_cast<std::size_t>(n));
        std::vector<std::int32_t> mask(nulls != nullptr ? values.size() : 0);
        detail::check(get(h_, col, first_row, n, values.data(),
                          nulls != nullptr ? mask.data() : nullptr));
        if (nulls != nullptr) *nulls = std::move(mask);
        return values;
    }
    static std::vector<std::optional<std::string_view>> texts(const std::vector<const char *> &raw) {
        std::vector<std::optional<std::string_view>> out;
        out.reserve(raw.size());
        for (const char *s : raw)
            out.push_back(s != nullptr ? std::optional<std::string_view>(s) : std::nullopt);
        return out;
    }
};

/// A row of a results: a light proxy (the results handle and an index), valid as long as
/// the handle is, even when the vosia::results owning it is moved.
class row {
public:
    row(results_view r, std::int64_t index) noexcept : r_(r), i_(index) {}
    std::int64_t index() const noexcept { return i_; }

    bool is_null(std::int32_t col) const { return r_.is_null(i_, col); }
    std::optional<double> get_double(std::int32_t col) const { return r_.get_double(i_, col); }
    std::optional<std::int64_t> get_int64(std::int32_t col) const { return r_.get_int64(i_, col); }
    std::optional<std::string_view> get_str(std::int32_t col) const { return r_.get_str(i_, col); }
    std::optional<std::string_view> get_text(std::int32_t col) const { return r_.get_text(i_, col); }
    std::optional<std::vector<double>> get_double_array(std::int32_t col) const {
        return r_.get_double_array(i_, col);
    }
    /// The same by column name (or ID); throws vosia::error (VOSIA_E_RANGE) if there is none.
    std::optional<std::string_view> get_text(const std::string &column) const {
        std::optional<std::int32_t> col = r_.column_index(column);
        if (!col) throw error(VOSIA_E_RANGE, "no column named or with ID \"" + column + "\"");
        return r_.get_text(i_, *col);
    }

    std::optional<double> std_double(field f) const { return r_.std_double(i_, f); }
    std::optional<std::string_view> std_str(field f) const { return r_.std_str(i_, f); }
    std::optional<std::vector<double>> std_double_array(field f) const {
        return r_.std_double_array(i_, f);
    }

private:
    results_view r_;
    std::int64_t i_;
};
/// Iterates the rows of a results_view (or results) in order.
class results_view::iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = vosia::row;
    using difference_type = std::int64_t;
    using pointer = void;
    using reference = vosia::row;

    iterator() noexcept = default;
    iterator(results_view r, std::int64_t i) noexcept : r_(r), i_(i) {}
    vosia::row operator*() const noexcept { return vosia::row(r_, i_); }
    vosia::row operator[](difference_type n) const noexcept { return vosia::row(r_, i_ + n); }
    iterator &operator++() noexcept { ++i_; return *this; }
    iterator operator++(int) noexcept { iterator t = *this; ++i_; return t; }
    iterator &operator--() noexcept { --i_; return *this; }
    iterator operator--(int) noexcept { iterator t = *this; --i_; return t; }
    iterator &operator+=(difference_type n) noexcept { i_ += n; return *this; }
    iterator &operator-=(difference_type n) noexcept { i_ -= n; return *this; }
    friend iterator operator+(iterator a, difference_type n) noexcept { return a += n; }
    friend iterator operator+(difference_type n, iterator a) noexcept { return a += n; }
    friend iterator operator-(iterator a, difference_type n) noexcept { return a -= n; }
    friend difference_type operator-(const iterator &a, const iterator &b) noexcept {
        return a.i_ - b.i_;
    }
    friend bool operator==(const iterator &a, const iterator &b) noexcept {
        return a.r_.get() == b.r_.get() && a.i_ == b.i_;
    }
    friend bool operator!=(const iterator &a, const iterator &b) noexcept { return !(a == b); }
    friend bool operator<(const iterator &a, const iterator &b) noexcept { return a.i_ < b.i_; }
    friend bool operator>(const iterator &a, const iterator &b) noexcept { return a.i_ > b.i_; }
    friend bool operator<=(const iterator &a, const iterator &b) noexcept { return a.i_ <= b.i_; }
    friend bool operator>=(const iterator &a, const iterator &b) noexcept { return a.i_ >= b.i_; }

private:
    results_view r_;
    std::int64_t i_ = 0;
};

inline results_view::iterator results_view::begin() const { return iterator(*this, 0); }
inline results_view::iterator results_view::end() const { return iterator(*this, row_count()); }
inline vosia::row results_view::operator[](std::int64_t i) const noexcept {
    return vosia::row(*this, i);
}
inline vosia::row results_view::at(std::int64_t i) const {
    if (i < 0 || i >= row_count())
        throw error(VOSIA_E_RANGE, "row " + std::to_string(i) + " out of range (" +
                                       std::to_string(row_count()) + " rows)");
    return vosia::row(*this, i);
}

/// An immutable, fully parsed response (vosia_results), owned: freed when destroyed.
/// Move-only; iterate it for rows. The reading functions come from results_view.
namespace detail {
// A read in batches (vosia_*_in_batches): hands each batch to a caller's function as a
// results_view; a function returning bool stops the read with false, one returning void
// never stops it; what it throws is kept and rethrown by the caller of the C function.
template <class F>
struct rows_hearing {
    F *fn;
    std::exception_ptr thrown;

    static std::int32_t call(const vosia_results *rows, std::int64_t first_row, void *user) {
        auto *h = static_cast<rows_hearing *>(user);
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<F &, results_view, std::int64_t>>) {
                (*h->fn)(results_view(rows), first_row);
                return 0;
            } else {
                return (*h->fn)(results_view(rows), first_row) ? 0 : 1;
            }
        } catch (...) {
            h->thrown = std::current_exception();  // called on the caller's thread only
            return 1;
        }
    }
};
}  // namespace detail

class results : public results_view {
public:
    /// Parses a VOTable held in memory; `sia_version` picks the standard fields.
    static results parse(std::string_view votable, std::int32_t sia_version) {
        vosia_results *h = nullptr;
        detail::check(vosia_results_parse(votable.data(), votable.size(), sia_version, &h));
        return results(h);
    }
    /// Parses a VOTable file, streaming it.
    static results parse_file(const std::string &path, std::int32_t sia_version) {
        vosia_results *h = nullptr;
        detail::check(vosia_results_parse_file(path.c_str(), sia_version, &h));
        return results(h);
    }
    /// parse keeping at most `memory_budget` bytes (0: no limit; parse uses 2 GiB); a
    /// document that needs more throws vosia::error with VOSIA_E_TOO_LARGE.
    static results parse_within(std::string_view votable, std::int32_t sia_version,
                                std::int64_t memory_budget) {
        vosia_results *h = nullptr;
        detail::check(vosia_results_parse_within(votable.data(), votable.size(), sia_version,
                                                 memory_budget, &h));
        return results(h);
    }
    /// parse_file within a memory budget, as parse_within.
    static results parse_file_within(const std::string &path, std::int32_t sia_version,
                                     std::int64_t memory_budget) {
        vosia_results *h = nullptr;
        detail::check(
            vosia_results_parse_file_within(path.c_str(), sia_version, memory_budget, &h));
        return results(h);
    }
    /// Reads a VOTable file without keeping its rows: `on_rows(batch, first_row)` gets each
    /// batch of up to `batch_rows` rows (a results_view valid during the call only) as the
    /// file is parsed, so memory does not grow with the row count. `on_rows` may return
    /// void, or bool (false stops the read: vosia::error with VOSIA_E_CANCELLED); what it
    /// throws stops the read and comes out of here. Returns the rest of the document: its
    /// columns with no rows, its INFOs and overflow flag. `memory_budget` bounds one batch.
    template <class F>
    static results parse_file_in_batches(const std::filesystem::path &path,
                                         std::int32_t sia_version, std::int64_t batch_rows,
                                         F &&on_rows, std::int64_t memory_budget = 0) {
        detail::rows_hearing<std::remove_reference_t<F>> ear{&on_rows, nullptr};
        vosia_results *h = nullptr;
        vosia_status st = vosia_results_parse_file_in_batches(
            path.string().c_str(), sia_version, memory_budget, batch_rows, ear.call, &ear, &h);
        if (ear.thrown) std::rethrow_exception(ear.thrown);
        detail::check(st);
        return results(h);
    }
    /// parse_file_within on up to `threads` threads (0: one per core): the TABLEDATA of a
    /// file over 1 MiB is parsed in parts, each thread reading its own part from the file;
    /// the same results as on one thread.
    static results parse_file_on_threads(const std::string &path, std::int32_t sia_version,
                                         std::int32_t threads, std::int64_t memory_budget = 0) {
        vosia_results *h = nullptr;
        detail::check(vosia_results_parse_file_on_threads(path.c_str(), sia_version,
                                                          memory_budget, threads, &h));
        return results(h);
    }
    /// Takes ownership of a handle from the C API.
    explicit results(vosia_results *owned) noexcept : results_view(owned) {}

    results(results &&o) noexcept : results_view(std::exchange(o.h_, nullptr)) {}
    results &operator=(results &&o) noexcept {
        if (this != &o) {
            vosia_results_free(owned());
            h_ = std::exchange(o.h_, nullptr);
        }
        return *this;
    }
    results(const results &) = delete;
    results &operator=(const results &) = delete;
    ~results() { vosia_results_free(owned()); }

    /// Gives up ownership: the caller frees the handle with vosia_results_free.
    vosia_results *release() noexcept { return const_cast<vosia_results *>(std::exchange(h_, nullptr)); }

private:
    vosia_results *owned() const noexcept { return const_cast<vosia_results *>(h_); }
};

inline std::vector<downloaded> service::download_rows(const results_view &res,
                                                      const std::filesystem::path &dir,
                                                      const download_options &options,
                                                      std::int64_t first_row,
                                                      std::int64_t n_rows) {
    if (n_rows == -1) n_rows = res.row_count() - first_row;
    vosia_downloads *d = nullptr;
    if (progress_) progress_->take_caught();
    vosia_status st = vosia_service_download_rows(h_, res.get(), first_row, n_rows,
                                                  dir.string().c_str(), options.flags(), &d);
    rethrow_progress(d);
    return detail::outcomes(st, d);
}

inline results service::datalink_rows(const results_view &res, std::int64_t first_row,
                                     std::int64_t n_rows) {
    if (n_rows == -1) n_rows = res.row_count() - first_row;
    vosia_results *links = nullptr;
    detail::check_transfer(vosia_service_datalink_rows(h_, res.get(), first_row, n_rows, &links));
    return results(links);
}

inline std::vector<downloaded> service::cutout_rows(
    const results_view &res, const std::filesystem::path &dir,
    const std::vector<std::pair<std::string, std::string>> &params,
    const download_options &options, std::int64_t first_row, std::int64_t n_rows) {
    if (n_rows == -1) n_rows = res.row_count() - first_row;
    std::vector<const char *> names, values;
    for (const auto &p : params) {
        names.push_back(p.first.c_str());
        values.push_back(p.second.c_str());
    }
    vosia_downloads *d = nullptr;
    if (progress_) progress_->take_caught();
    vosia_status st = vosia_service_cutout_rows(h_, res.get(), first_row, n_rows, names.data(),
                                                values.data(), names.size(),
                                                dir.string().c_str(), options.flags(), &d);
    rethrow_progress(d);
    return detail::outcomes(st, d);
}

class batch;
struct batch_options;

/// A query against a service (vosia_query). Move-only; clone() for a copy. One thread at a
/// time. The setters return *this so they chain.
class query {
public:
    /// An empty query against `s`; the query keeps the service (and its progress function)
    /// alive on its own.
    explicit query(const service &s) : progress_(s.progress_) {
        detail::check(vosia_query_new(s.get(), &h_));
    }
    /// Takes ownership of a handle from the C API.
    explicit query(vosia_query *owned) noexcept : h_(owned) {}

    query(query &&o) noexcept
        : h_(std::exchange(o.h_, nullptr)), progress_(std::move(o.progress_)) {}
    query &operator=(query &&o) noexcept {
        if (this != &o) {
            vosia_query_free(h_);
            h_ = std::exchange(o.h_, nullptr);
            progress_ = std::move(o.progress_);
        }
        return *this;
    }
    query(const query &) = delete;
    query &operator=(const query &) = delete;
    ~query() { vosia_query_free(h_); }

    /// An independent copy (parameters, service, last error), e.g. for another thread.
    query clone() const {
        vosia_query *h = nullptr;
        detail::check(vosia_query_clone(h_, &h));
        query q(h);
        q.progress_ = progress_;
        return q;
    }

    // SIA 1.0
    query &set_pos(double ra_deg, double dec_deg) { return ok(vosia_query_set_pos(h_, ra_deg, dec_deg)); }
    query &set_size(double ra_deg, double dec_deg) { return ok(vosia_query_set_size(h_, ra_deg, dec_deg)); }
    query &set_size(double deg) { return set_size(deg, deg); }
    query &set_intersect(const std::string &v) { return ok(vosia_query_set_intersect(h_, v.c_str())); }
    query &set_verb(std::int32_t verb) { return ok(vosia_query_set_verb(h_, verb)); }
    // Both versions
    query &set_format(const std::string &v) { return ok(vosia_query_set_format(h_, v.c_str())); }
    query &add_format(const std::string &v) { return ok(vosia_query_add_format(h_, v.c_str())); }
    query &set_maxrec(std::int64_t n) { return ok(vosia_query_set_maxrec(h_, n)); }
    query &set_responseformat(const std::string &v) {
        return ok(vosia_query_set_responseformat(h_, v.c_str()));
    }
    // SIA 2.0: regions (degrees), intervals, text constraints
    query &add_circle(double ra, double dec, double radius) {
        return ok(vosia_query_add_circle(h_, ra, dec, radius));
    }
    query &add_range(double ra1, double ra2, double dec1, double dec2) {
        return ok(vosia_query_add_range(h_, ra1, ra2, dec1, dec2));
    }
    /// `radec_pairs` holds ra0, dec0, ra1, dec1, ... (at least 3 vertices).
    query &add_polygon(const std::vector<double> &radec_pairs) {
        if (radec_pairs.size() % 2 != 0)
            throw error(VOSIA_E_INVALID_ARG, "add_polygon: " + std::to_string(radec_pairs.size()) +
                                                 " numbers are not (ra, dec) pairs");
        return ok(vosia_query_add_polygon(h_, radec_pairs.data(), radec_pairs.size() / 2));
    }
    /// `NAME=lo hi` for one of the interval parameters, in its unit (see vosia::interval);
    /// an infinite bound is open.
    query &add_interval(vosia::interval p, double lo, double hi) {
        return ok(vosia_query_add_interval(h_, static_cast<std::int32_t>(p), lo, hi));
    }
    query &add_band(double lo_m, double hi_m) { return add_interval(interval::band, lo_m, hi_m); }
    query &add_time(double lo_mjd, double hi_mjd) { return add_interval(interval::time, lo_mjd, hi_mjd); }
    /// One value of a repeatable text parameter (values of one parameter are OR-ed).
    query &add_text(vosia::text_param p, const std::string &v) {
        return ok(vosia_query_add_text(h_, static_cast<std::int32_t>(p), v.c_str()));
    }
    query &add_collection(const std::string &v) { return add_text(text_param::collection, v); }
    query &add_instrument(const std::string &v) { return add_text(text_param::instrument, v); }
    query &add_calib(std::int32_t level) { return ok(vosia_query_add_calib(h_, level)); }
    // Any parameter by name
    query &set_param(const std::string &name, const std::string &value) {
        return ok(vosia_query_set_param(h_, name.c_str(), value.c_str()));
    }
    query &add_param(const std::string &name, const std::string &value) {
        return ok(vosia_query_add_param(h_, name.c_str(), value.c_str()));
    }
    query &remove_param(const std::string &name) {
        return ok(vosia_query_remove_param(h_, name.c_str()));
    }

    /// The URL execute() will GET; valid until the query next changes.
    std::string_view url() {
        return detail::optional_str([&](const char **o) { return vosia_query_url(h_, o); }).value();
    }

    /// Sends the query and reads the response. Throws vosia::error carrying the status and
    /// vosia_query_error()'s text (HTTP status line, the service's message, ...), or what the
    /// service's progress function threw.
    results execute() {
        vosia_results *r = nullptr;
        vosia_status st = vosia_query_execute(h_, &r);
        if (st != VOSIA_OK) {
            if (std::exception_ptr e = std::exchange(detail::pending_exception(), nullptr))
                std::rethrow_exception(e);
            const char *detail = nullptr;
            if (vosia_query_error(h_, &detail) != VOSIA_OK) detail = vosia_last_error();
            throw error(st, detail::message_for(st, detail));
        }
        return results(r);
    }
    /// As execute(), and the exact bytes of the response are written to `path` as they are
    /// read (kept only when the whole response was read and parsed).
    results execute_saving(const std::filesystem::path &path) {
        vosia_results *r = nullptr;
        vosia_status st = vosia_query_execute_saving(h_, path.string().c_str(), &r);
        if (st != VOSIA_OK) {
            if (std::exception_ptr e = std::exchange(detail::pending_exception(), nullptr))
                std::rethrow_exception(e);
            const char *detail = nullptr;
            if (vosia_query_error(h_, &detail) != VOSIA_OK) detail = vosia_last_error();
            throw error(st, detail::message_for(st, detail));
        }
        return results(r);
    }
    /// Sends the query without keeping the rows of the response: `on_rows(batch, first_row)`
    /// gets each batch of up to `batch_rows` rows (a results_view valid during the call only)
    /// as it is parsed, so memory does not grow with the row count. `on_rows` may return
    /// void, or bool (false stops: vosia::error with VOSIA_E_CANCELLED); what it throws comes
    /// out of here. Returns the rest of the response: its columns with no rows, its INFOs
    /// and overflow flag. Failures throw as execute() does.
    template <class F>
    results execute_in_batches(std::int64_t batch_rows, F &&on_rows) {
        detail::rows_hearing<std::remove_reference_t<F>> ear{&on_rows, nullptr};
        vosia_results *r = nullptr;
        vosia_status st = vosia_query_execute_in_batches(h_, batch_rows, ear.call, &ear, &r);
        if (ear.thrown) std::rethrow_exception(ear.thrown);
        if (st != VOSIA_OK) {
            if (std::exception_ptr e = std::exchange(detail::pending_exception(), nullptr))
                std::rethrow_exception(e);
            const char *detail = nullptr;
            if (vosia_query_error(h_, &detail) != VOSIA_OK) detail = vosia_last_error();
            throw error(st, detail::message_for(st, detail));
        }
        return results(r);
    }
    /// The detail of the last execute failure ("" after a success or before any execute).
    std::string_view last_error() const {
        const char *s = nullptr;
        detail::check(vosia_query_error(h_, &s));
        return s;
    }

    const vosia_query *get() const noexcept { return h_; }
    vosia_query *get() noexcept { return h_; }
    /// Gives up ownership: the caller frees the handle with vosia_query_free. A progress
    /// function set through the vosia::service must then outlive it.
    vosia_query *release() noexcept { return std::exchange(h_, nullptr); }

private:
    friend batch execute_all(const std::vector<const query *> &, const batch_options &);
    query &ok(vosia_status st) {
        detail::check(st);
        return *this;
    }
    vosia_query *h_ = nullptr;
    std::shared_ptr<detail::progress_functions> progress_;
};

/// The outcome of one query of a batch: its status, and its results (lent by the batch,
/// valid while the batch lives) or what went wrong.
struct batch_item {
    vosia_status status = VOSIA_OK;
    std::optional<results_view> results;  ///< empty when the query failed
    std::string error;                    ///< "" on success
    bool ok() const noexcept { return status == VOSIA_OK; }
};

/// How execute_all runs the queries (vosia_batch_execute): 0 picks the defaults, 8 at once
/// and 4 per host. `progress(done, total)` hears the queries finished after each one, from
/// the batch's threads, one call at a time; returning false cancels the rest, as an
/// exception thrown by it does (execute_all then rethrows it).
struct batch_options {
    std::int32_t jobs = 0;
    std::int32_t per_host = 0;
    double min_interval = 0.0;  ///< seconds between request starts to one host
    std::function<bool(std::int64_t done, std::int64_t total)> progress;
};

/// The outcome of execute_all (a vosia_batch): one item per query, in input order. It owns
/// the results its items lend. Move-only; immutable, so any number of threads may read it.
class batch {
public:
    batch(batch &&o) noexcept
        : h_(std::exchange(o.h_, nullptr)), items_(std::move(o.items_)) {}
    batch &operator=(batch &&o) noexcept {
        if (this != &o) {
            vosia_batch_free(h_);
            h_ = std::exchange(o.h_, nullptr);
            items_ = std::move(o.items_);
        }
        return *this;
    }
    batch(const batch &) = delete;
    batch &operator=(const batch &) = delete;
    ~batch() { vosia_batch_free(h_); }

    std::size_t size() const noexcept { return items_.size(); }
    const batch_item &operator[](std::size_t i) const { return items_.at(i); }
    std::vector<batch_item>::const_iterator begin() const noexcept { return items_.begin(); }
    std::vector<batch_item>::const_iterator end() const noexcept { return items_.end(); }
    /// True when every query succeeded.
    bool all_ok() const noexcept {
        for (const batch_item &it : items_)
            if (!it.ok()) return false;
        return true;
    }
    const vosia_batch *get() const noexcept { return h_; }

private:
    friend batch execute_all(const std::vector<const query *> &, const batch_options &);
    explicit batch(vosia_batch *owned) : h_(owned) {
        try {
            const std::int64_t n = detail::value_or_fail(vosia_batch_count(h_));
            for (std::int64_t i = 0; i < n; i++) {
                batch_item it;
                detail::check(vosia_batch_status(h_, i, &it.status));
                if (it.ok()) {
                    const vosia_results *r = nullptr;
                    detail::check(vosia_batch_get_results(h_, i, &r));
                    it.results.emplace(r);
                } else {
                    const char *text = nullptr;
                    detail::check(vosia_batch_get_error(h_, i, &text));
                    it.error = text;
                }
                items_.push_back(std::move(it));
            }
        } catch (...) {
            vosia_batch_free(h_);  // no destructor runs for a constructor that throws
            throw;
        }
    }
    vosia_batch *h_ = nullptr;
    std::vector<batch_item> items_;
};

/// Runs every query at once (vosia_batch_execute) and returns their outcomes; a query that
/// fails is an item with its status, not an exception. Throws vosia::error for an argument
/// error (nothing ran), or what a progress function threw: options.progress, or one set on
/// a query's service (service::set_progress), which runs on the batch's threads here. The
/// queries are only read, and must not change while it runs.
inline batch execute_all(const std::vector<const query *> &queries,
                         const batch_options &options = {}) {
    struct hearing {
        const std::function<bool(std::int64_t, std::int64_t)> *fn;
        std::exception_ptr thrown;
    } ear{&options.progress, nullptr};
    vosia_progress_fn trampoline = nullptr;
    if (options.progress)
        trampoline = [](std::int64_t done, std::int64_t total, void *user) -> std::int32_t {
            auto *h = static_cast<hearing *>(user);
            try {
                return (*h->fn)(done, total) ? 0 : 1;
            } catch (...) {
                h->thrown = std::current_exception();  // calls come one at a time
                return 1;
            }
        };
    std::vector<const vosia_query *> handles;
    handles.reserve(queries.size());
    // The progress functions of the queries' services: what one throws on a batch thread
    // is caught there (vosia_hpp_progress) and comes out here, as from a download call.
    std::vector<detail::progress_functions *> services;
    for (const query *q : queries) {
        handles.push_back(q == nullptr ? nullptr : q->get());
        if (q != nullptr && q->progress_) {
            detail::progress_functions *p = q->progress_.get();
            bool seen = false;
            for (detail::progress_functions *s : services) seen = seen || s == p;
            if (!seen) services.push_back(p);
        }
    }
    for (detail::progress_functions *p : services) p->take_caught();
    vosia_batch *b = nullptr;
    vosia_status st = vosia_batch_execute(handles.data(),
                                          static_cast<std::int64_t>(handles.size()),
                                          options.jobs, options.per_host, options.min_interval,
                                          trampoline, &ear, &b);
    if (b == nullptr) detail::check(st);
    batch out(b);
    if (ear.thrown) std::rethrow_exception(ear.thrown);
    for (detail::progress_functions *p : services)
        if (std::exception_ptr e = p->take_caught()) std::rethrow_exception(e);
    return out;
}

/// execute_all of a vector of queries.
inline batch execute_all(const std::vector<query> &queries, const batch_options &options = {}) {
    std::vector<const query *> all;
    all.reserve(queries.size());
    for (const query &q : queries) all.push_back(&q);
    return execute_all(all, options);
}

// ------------------------------------------------------------------ TAP, registry, SAMP

/// Runs `adql` on the TAP service whose root URL (`.../tap`) `tap` was made for, through its
/// transport settings; the answer is read as results of `tap`'s SIA version. `maxrec` < 0:
/// the service's default row limit (a cut answer has overflow()).
inline results tap_query(const service &tap, const std::string &adql, std::int64_t maxrec = -1) {
    vosia_results *r = nullptr;
    detail::check_transfer(vosia_tap_query(tap.get(), adql.c_str(), maxrec, &r));
    return results(r);
}

/// What a registry search asks for; a hit meets all of it (see VOSIA_REGISTRY_*): any of
/// `service_types` ("sia", "sia2"; none: both), every keyword, any waveband, any ivoid, and
/// a `position` {ra, dec, radius} in degrees inside its declared coverage.
struct registry_constraints {
    std::vector<std::string> service_types;
    std::vector<std::string> keywords;
    std::vector<std::string> wavebands;
    std::vector<std::string> ivoids;
    std::optional<std::array<double, 3>> position;
};

/// One SIA interface the registry found.
struct registry_hit {
    std::string ivoid;
    std::string short_name;
    std::string title;
    std::string description;
    std::string waveband;  ///< messenger terms, `#`-separated
    std::string standard_id;
    std::string access_url;
    std::int32_t sia_version = 0;  ///< vosia::sia1 or vosia::sia2

    /// A service for this hit (its access URL and SIA version), default settings.
    service make_service() const { return service(access_url, sia_version); }
};

/// The SIA services meeting `c` in the RegTAP registry whose TAP root URL `registry` was
/// made for (e.g. GAVO's http://reg.g-vo.org/tap), ordered by ivoid.
inline std::vector<registry_hit> registry_search(const service &registry,
                                                 const registry_constraints &c) {
    std::unique_ptr<vosia_registry_query, void (*)(vosia_registry_query *)> q(
        nullptr, vosia_registry_query_free);
    {
        vosia_registry_query *raw = nullptr;
        detail::check(vosia_registry_query_new(&raw));
        q.reset(raw);
    }
    const std::pair<std::int32_t, const std::vector<std::string> *> lists[] = {
        {VOSIA_REGISTRY_SERVICE_TYPE, &c.service_types},
        {VOSIA_REGISTRY_KEYWORD, &c.keywords},
        {VOSIA_REGISTRY_WAVEBAND, &c.wavebands},
        {VOSIA_REGISTRY_IVOID, &c.ivoids}};
    for (const auto &[constraint, values] : lists)
        for (const std::string &v : *values)
            detail::check(vosia_registry_query_add(q.get(), constraint, v.c_str()));
    if (c.position)
        detail::check(vosia_registry_query_set_position(q.get(), (*c.position)[0],
                                                        (*c.position)[1], (*c.position)[2]));
    vosia_registry_hits *raw = nullptr;
    detail::check_transfer(vosia_registry_search(registry.get(), q.get(), &raw));
    std::unique_ptr<vosia_registry_hits, void (*)(vosia_registry_hits *)> hits(
        raw, vosia_registry_hits_free);
    std::vector<registry_hit> out;
    const std::int64_t n = detail::value_or_fail(vosia_registry_hits_count(hits.get()));
    for (std::int64_t i = 0; i < n; i++) {
        auto text = [&](std::int32_t a) {
            return std::string(detail::optional_str([&](const char **o) {
                                   return vosia_registry_hits_get_attr(hits.get(), i, a, o);
                               }).value_or(""));
        };
        registry_hit h;
        h.ivoid = text(VOSIA_ATTR_IVOID);
        h.short_name = text(VOSIA_ATTR_SHORT_NAME);
        h.title = text(VOSIA_ATTR_TITLE);
        h.description = text(VOSIA_ATTR_DESCRIPTION);
        h.waveband = text(VOSIA_ATTR_WAVEBAND);
        h.standard_id = text(VOSIA_ATTR_STANDARD_ID);
        h.access_url = text(VOSIA_ATTR_URL);
        detail::check(vosia_registry_hits_version(hits.get(), i, &h.sia_version));
        out.push_back(std::move(h));
    }
    return out;
}

/// A client registered with the session's SAMP hub (SAMP_HUB, else ~/.samp) under a name;
/// unregistered when destroyed. Thread-safe.
class samp_client {
public:
    explicit samp_client(const std::string &name = "vosia") {
        detail::check(vosia_samp_connect(name.c_str(), &h_));
    }
    samp_client(samp_client &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    samp_client &operator=(samp_client &&o) noexcept {
        if (this != &o) {
            vosia_samp_free(h_);
            h_ = std::exchange(o.h_, nullptr);
        }
        return *this;
    }
    samp_client(const samp_client &) = delete;
    samp_client &operator=(const samp_client &) = delete;
    ~samp_client() { vosia_samp_free(h_); }

    /// Sends image.load.fits (table.load.votable with `table`) of `file_or_url` (a URL, or a
    /// local file sent as its file:// URL) to every subscribed client, or to the one whose
    /// SAMP name or id is `recipient`; `name` is what they show. Returns how many it reached.
    std::size_t send(const std::string &file_or_url,
                     const std::optional<std::string> &name = std::nullopt,
                     const std::optional<std::string> &recipient = std::nullopt,
                     bool table = false) const {
        std::size_t reached = 0;
        detail::check(vosia_samp_send(h_, table ? VOSIA_SAMP_TABLE : VOSIA_SAMP_IMAGE,
                                      file_or_url.c_str(), name ? name->c_str() : nullptr,
                                      recipient ? recipient->c_str() : nullptr, &reached));
        return reached;
    }

    const vosia_samp *get() const noexcept { return h_; }

private:
    vosia_samp *h_ = nullptr;
};

}  // namespace vosia

#endif  // VOSIA_HPP
