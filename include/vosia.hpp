// vosia.hpp: the C++17 interface of vosia, a client for the IVOA Simple Image Access protocol
// (SIA 1.0 and 2.0). Header-only: a thin layer over vosia.h that owns the three handles
// (move-only RAII), throws vosia::error for every failure and returns std::string_view for
// borrowed strings and std::optional where a value may be null.
//
//     #include <vosia.hpp>
//
//     vosia::service svc("http://127.0.0.1:8080/siatest/q/i/siap.xml?", vosia::sia1);
//     vosia::query q(svc);
//     q.set_pos(10.68, 41.27).set_size(0.2, 0.2);
//     vosia::results res = q.execute();             // throws vosia::error on failure
//     for (vosia::row r : res)
//         std::cout << r.std_str(vosia::field::access_url).value_or("-") << '\n';
//
// Lifetimes follow the C API: a string_view from a results stays valid until that results is
// destroyed; query::url() and query::last_error() until the query next changes or executes.
// A service and a results may be used by any number of threads at once; a query by one at a
// time (clone() it for another thread). Rows and columns are 0-based.
//
// Link with vosia::vosia (CMake) or $(pkg-config --cflags --libs vosia); C++17 is required.
#ifndef VOSIA_HPP
#define VOSIA_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
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

/// The version of the library loaded at run time ("0.1.0") and as one number.
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

// A borrowed string from a getter that answers NULL on failure.
inline std::string_view must(const char *s, vosia_status status_if_null) {
    if (s == nullptr) fail(status_if_null);
    return s;
}

// A getter that may answer VOSIA_NULL_VALUE: nullopt for it, throw for errors.
inline bool present(vosia_status status) {
    if (status == VOSIA_NULL_VALUE) return false;
    check(status);
    return true;
}

/// Reads the `n` doubles a size probe (cap 0) reported, in one more call.
template <class F>
std::vector<double> doubles(std::size_t n, F &&get) {
    std::vector<double> out(n);
    vosia_status st = get(out.data(), out.size(), &n);
    check(st);
    out.resize(n);
    return out;
}

}  // namespace detail

class query;

/// An SIA service (vosia_service): base URL, version, transport settings. Move-only.
class service {
public:
    /// A service for the query endpoint `base_url` speaking `sia_version` (vosia::sia1 or
    /// vosia::sia2). No request is made.
    service(const std::string &base_url, std::int32_t sia_version) {
        detail::check(vosia_service_new(base_url.c_str(), sia_version, &h_));
    }
    /// Finds the SIA 2.0 endpoint from a capabilities or base URL (one or two requests).
    static service discover(const std::string &url, double timeout_seconds = 0.0) {
        vosia_service *h = nullptr;
        detail::check(vosia_service_discover(url.c_str(), timeout_seconds, &h));
        return service(h);
    }
    /// Takes ownership of a handle from the C API.
    explicit service(vosia_service *owned) noexcept : h_(owned) {}

    service(service &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    service &operator=(service &&o) noexcept {
        if (this != &o) {
            vosia_service_free(h_);
            h_ = std::exchange(o.h_, nullptr);
        }
        return *this;
    }
    service(const service &) = delete;
    service &operator=(const service &) = delete;
    ~service() { vosia_service_free(h_); }

    service &set_timeout(double seconds) {
        detail::check(vosia_service_set_timeout(h_, seconds));
        return *this;
    }
    /// Keep connections alive between queries (true) or open one per request (false); the
    /// default follows the scheme (see vosia_service_set_keepalive).
    service &set_keepalive(bool on) {
        detail::check(vosia_service_set_keepalive(h_, on ? 1 : 0));
        return *this;
    }
    service &set_connect_timeout(double seconds) {
        detail::check(vosia_service_set_connect_timeout(h_, seconds));
        return *this;
    }
    service &set_max_response_bytes(std::int64_t bytes) {
        detail::check(vosia_service_set_max_response_bytes(h_, bytes));
        return *this;
    }
    service &set_retries(std::int32_t max_retries, double max_wait_seconds) {
        detail::check(vosia_service_set_retries(h_, max_retries, max_wait_seconds));
        return *this;
    }
    service &add_header(const std::string &name, const std::string &value) {
        detail::check(vosia_service_add_header(h_, name.c_str(), value.c_str()));
        return *this;
    }

    std::string_view base_url() const {
        return detail::must(vosia_service_base_url(h_), VOSIA_E_BAD_HANDLE);
    }
    /// vosia::sia1 or vosia::sia2.
    std::int32_t version() const { return vosia_service_version(h_); }

    /// Fetches (once) the service's self-description; then the param_ and column_ getters work.
    void fetch_metadata() const { detail::check(vosia_service_fetch_metadata(h_)); }
    std::string_view description() const {
        return detail::must(vosia_service_description(h_), VOSIA_E_INVALID_ARG);
    }
    std::int32_t param_count() const {
        std::int32_t n = vosia_service_param_count(h_);
        if (n < 0) detail::fail(VOSIA_E_INVALID_ARG);
        return n;
    }
    std::optional<std::int32_t> param_index(const std::string &name) const {
        std::int32_t i = vosia_service_param_index(h_, name.c_str());
        return i < 0 ? std::nullopt : std::optional<std::int32_t>(i);
    }
    std::string_view param_name(std::int32_t i) const {
        return detail::must(vosia_service_param_name(h_, i), VOSIA_E_RANGE);
    }
    std::string_view param_datatype(std::int32_t i) const {
        return detail::must(vosia_service_param_datatype(h_, i), VOSIA_E_RANGE);
    }
    std::string_view param_unit(std::int32_t i) const {
        return detail::must(vosia_service_param_unit(h_, i), VOSIA_E_RANGE);
    }
    std::string_view param_description(std::int32_t i) const {
        return detail::must(vosia_service_param_description(h_, i), VOSIA_E_RANGE);
    }
    std::string_view param_value(std::int32_t i) const {
        return detail::must(vosia_service_param_value(h_, i), VOSIA_E_RANGE);
    }
    /// The allowed values (VALUES/OPTION) of input parameter `i`.
    std::vector<std::string_view> param_options(std::int32_t i) const {
        std::int32_t n = vosia_service_param_option_count(h_, i);
        if (n < 0) detail::fail(VOSIA_E_RANGE);
        std::vector<std::string_view> out;
        out.reserve(static_cast<std::size_t>(n));
        for (std::int32_t j = 0; j < n; j++)
            out.push_back(detail::must(vosia_service_param_option(h_, i, j), VOSIA_E_RANGE));
        return out;
    }
    std::int32_t column_count() const {
        std::int32_t n = vosia_service_column_count(h_);
        if (n < 0) detail::fail(VOSIA_E_INVALID_ARG);
        return n;
    }
    std::string_view column_name(std::int32_t i) const {
        return detail::must(vosia_service_column_name(h_, i), VOSIA_E_RANGE);
    }
    std::string_view column_ucd(std::int32_t i) const {
        return detail::must(vosia_service_column_ucd(h_, i), VOSIA_E_RANGE);
    }
    std::string_view column_unit(std::int32_t i) const {
        return detail::must(vosia_service_column_unit(h_, i), VOSIA_E_RANGE);
    }

    /// Asks the VOSI availability endpoint; returns whether the service is up.
    bool available(std::string *note = nullptr) const {
        std::int32_t up = 0;
        std::size_t len = 0;
        std::string buf(256, '\0');
        vosia_status st = vosia_service_check_availability(h_, &up, buf.data(), buf.size(), &len);
        if (st == VOSIA_E_BUFFER_SIZE) {
            buf.assign(len + 1, '\0');
            st = vosia_service_check_availability(h_, &up, buf.data(), buf.size(), &len);
        }
        detail::check(st);
        if (note != nullptr) *note = buf.substr(0, len);
        return up != 0;
    }

    const vosia_service *get() const noexcept { return h_; }
    vosia_service *get() noexcept { return h_; }
    /// Gives up ownership: the caller frees the handle with vosia_service_free.
    vosia_service *release() noexcept { return std::exchange(h_, nullptr); }

private:
    vosia_service *h_ = nullptr;
};

class row;

/// A borrowed view of a vosia_results: every reading function, no ownership. Copying a view
/// copies the handle pointer; a view (and the rows and strings it gives) stays valid as long
/// as the handle does, whichever vosia::results object owns it (moving a results keeps it).
class results_view {
public:
    results_view() noexcept = default;
    explicit results_view(const vosia_results *h) noexcept : h_(h) {}

    std::int64_t row_count() const { return nonneg(vosia_results_row_count(h_)); }
    std::int32_t column_count() const {
        return static_cast<std::int32_t>(nonneg(vosia_results_column_count(h_)));
    }
    /// QUERY_STATUS=OVERFLOW: more records matched than were returned.
    bool overflow() const { return nonneg(vosia_results_overflow(h_)) == 1; }
    /// The value of INFO `name`, if there is one.
    std::optional<std::string_view> info(const std::string &name) const {
        const char *s = vosia_results_info(h_, name.c_str());
        return s ? std::optional<std::string_view>(s) : std::nullopt;
    }
    /// The repairs made while reading (the first 100 texts are kept).
    std::int64_t warning_count() const { return nonneg(vosia_results_warning_count(h_)); }
    std::vector<std::string_view> warnings() const {
        std::vector<std::string_view> out;
        for (std::int64_t i = 0;; i++) {
            const char *s = vosia_results_warning(h_, i);
            if (s == nullptr) break;
            out.emplace_back(s);
        }
        return out;
    }

    // Column metadata ("" for an attribute that is absent).
    std::string_view column_name(std::int32_t col) const {
        return detail::must(vosia_results_column_name(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_id(std::int32_t col) const {
        return detail::must(vosia_results_column_id(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_ucd(std::int32_t col) const {
        return detail::must(vosia_results_column_ucd(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_utype(std::int32_t col) const {
        return detail::must(vosia_results_column_utype(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_unit(std::int32_t col) const {
        return detail::must(vosia_results_column_unit(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_xtype(std::int32_t col) const {
        return detail::must(vosia_results_column_xtype(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_arraysize(std::int32_t col) const {
        return detail::must(vosia_results_column_arraysize(h_, col), VOSIA_E_RANGE);
    }
    std::string_view column_description(std::int32_t col) const {
        return detail::must(vosia_results_column_description(h_, col), VOSIA_E_RANGE);
    }
    vosia::datatype column_datatype(std::int32_t col) const {
        std::int32_t t = vosia_results_column_datatype(h_, col);
        if (t < 0) detail::fail(VOSIA_E_RANGE);
        return static_cast<vosia::datatype>(t);
    }
    /// The column named (or with ID) `name_or_id`, if any.
    std::optional<std::int32_t> column_index(const std::string &name_or_id) const {
        return index_or_none(vosia_results_column_index(h_, name_or_id.c_str()));
    }
    /// The first column whose UCD contains every atom of `ucd`, if any.
    std::optional<std::int32_t> column_by_ucd(const std::string &ucd) const {
        return index_or_none(vosia_results_column_by_ucd(h_, ucd.c_str()));
    }
    /// The column holding a standard field, if it is one column (see vosia_results_std_column).
    std::optional<std::int32_t> std_column(field f) const {
        return index_or_none(vosia_results_std_column(h_, static_cast<std::int32_t>(f)));
    }

    // Cells. nullopt for a null cell; vosia::error for a wrong type or index.
    bool is_null(std::int64_t r, std::int32_t col) const {
        std::int32_t n = vosia_results_is_null(h_, r, col);
        if (n < 0) detail::fail(VOSIA_E_RANGE);
        return n == 1;
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
        const char *s = nullptr;
        if (!detail::present(vosia_results_get_str(h_, r, col, &s))) return std::nullopt;
        return std::string_view(s);
    }
    std::optional<std::string_view> get_text(std::int64_t r, std::int32_t col) const {
        const char *s = nullptr;
        if (!detail::present(vosia_results_get_text(h_, r, col, &s))) return std::nullopt;
        return std::string_view(s);
    }
    std::optional<std::vector<double>> get_double_array(std::int64_t r, std::int32_t col) const {
        std::size_t n = 0;
        vosia_status st = vosia_results_get_double_array(h_, r, col, nullptr, 0, &n);
        if (st == VOSIA_NULL_VALUE) return std::nullopt;
        if (st != VOSIA_E_BUFFER_SIZE) detail::check(st);
        return detail::doubles(n, [&](double *buf, std::size_t cap, std::size_t *len) {
            return vosia_results_get_double_array(h_, r, col, buf, cap, len);
        });
    }

    // Standard fields, in fixed units (degrees, MJD, seconds, metres, bytes).
    std::optional<double> std_double(std::int64_t r, field f) const {
        double v = 0;
        if (!detail::present(
                vosia_results_get_std_double(h_, r, static_cast<std::int32_t>(f), &v)))
            return std::nullopt;
        return v;
    }
    std::optional<std::string_view> std_str(std::int64_t r, field f) const {
        const char *s = nullptr;
        if (!detail::present(vosia_results_get_std_str(h_, r, static_cast<std::int32_t>(f), &s)))
            return std::nullopt;
        return std::string_view(s);
    }
    std::optional<std::vector<double>> std_double_array(std::int64_t r, field f) const {
        const auto fi = static_cast<std::int32_t>(f);
        std::size_t n = 0;
        vosia_status st = vosia_results_get_std_double_array(h_, r, fi, nullptr, 0, &n);
        if (st == VOSIA_NULL_VALUE) return std::nullopt;
        if (st != VOSIA_E_BUFFER_SIZE) detail::check(st);
        return detail::doubles(n, [&](double *buf, std::size_t cap, std::size_t *len) {
            return vosia_results_get_std_double_array(h_, r, fi, buf, cap, len);
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
    template <class T>
    T nonneg(T v) const {
        if (v < 0) detail::fail(VOSIA_E_BAD_HANDLE);
        return v;
    }
    static std::optional<std::int32_t> index_or_none(std::int32_t i) {
        return i < 0 ? std::nullopt : std::optional<std::int32_t>(i);
    }

    const vosia_results *h_ = nullptr;
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
        if (!col) throw error(VOSIA_E_RANGE, "no column named " + column);
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

/// A query against a service (vosia_query). Move-only; clone() for a copy. One thread at a
/// time. The setters return *this so they chain.
class query {
public:
    /// An empty query against `s`; the query keeps the service alive on its own.
    explicit query(const service &s) { detail::check(vosia_query_new(s.get(), &h_)); }
    /// Takes ownership of a handle from the C API.
    explicit query(vosia_query *owned) noexcept : h_(owned) {}

    query(query &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    query &operator=(query &&o) noexcept {
        if (this != &o) {
            vosia_query_free(h_);
            h_ = std::exchange(o.h_, nullptr);
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
        return query(h);
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
    // SIA 2.0
    query &add_circle(double ra, double dec, double radius) {
        return ok(vosia_query_add_circle(h_, ra, dec, radius));
    }
    query &add_range(double ra1, double ra2, double dec1, double dec2) {
        return ok(vosia_query_add_range(h_, ra1, ra2, dec1, dec2));
    }
    /// `radec_pairs` holds ra0, dec0, ra1, dec1, ... (at least 3 vertices).
    query &add_polygon(const std::vector<double> &radec_pairs) {
        return ok(vosia_query_add_polygon(h_, radec_pairs.data(), radec_pairs.size() / 2));
    }
    query &add_band(double lo, double hi) { return ok(vosia_query_add_band(h_, lo, hi)); }
    query &add_time(double lo, double hi) { return ok(vosia_query_add_time(h_, lo, hi)); }
    query &add_fov(double lo, double hi) { return ok(vosia_query_add_fov(h_, lo, hi)); }
    query &add_spatres(double lo, double hi) { return ok(vosia_query_add_spatres(h_, lo, hi)); }
    query &add_exptime(double lo, double hi) { return ok(vosia_query_add_exptime(h_, lo, hi)); }
    query &add_timeres(double lo, double hi) { return ok(vosia_query_add_timeres(h_, lo, hi)); }
    query &add_specrp(double lo, double hi) { return ok(vosia_query_add_specrp(h_, lo, hi)); }
    query &add_pol(const std::string &v) { return ok(vosia_query_add_pol(h_, v.c_str())); }
    query &add_calib(std::int32_t level) { return ok(vosia_query_add_calib(h_, level)); }
    query &add_id(const std::string &v) { return ok(vosia_query_add_id(h_, v.c_str())); }
    query &add_collection(const std::string &v) { return ok(vosia_query_add_collection(h_, v.c_str())); }
    query &add_facility(const std::string &v) { return ok(vosia_query_add_facility(h_, v.c_str())); }
    query &add_instrument(const std::string &v) { return ok(vosia_query_add_instrument(h_, v.c_str())); }
    query &add_dptype(const std::string &v) { return ok(vosia_query_add_dptype(h_, v.c_str())); }
    query &add_target(const std::string &v) { return ok(vosia_query_add_target(h_, v.c_str())); }
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
    std::string_view url() { return detail::must(vosia_query_url(h_), VOSIA_E_BAD_HANDLE); }

    /// Sends the query and reads the response. Throws vosia::error carrying the status and
    /// vosia_query_error()'s text (HTTP status line, the service's message, ...).
    results execute() {
        vosia_results *r = nullptr;
        vosia_status st = vosia_query_execute(h_, &r);
        if (st != VOSIA_OK) {
            const char *detail = vosia_query_error(h_);
            throw error(st, detail::message_for(st, detail ? detail : vosia_last_error()));
        }
        return results(r);
    }
    /// The detail of the last execute failure ("" after a success).
    std::string_view last_error() const {
        return detail::must(vosia_query_error(h_), VOSIA_E_BAD_HANDLE);
    }

    const vosia_query *get() const noexcept { return h_; }
    vosia_query *get() noexcept { return h_; }
    /// Gives up ownership: the caller frees the handle with vosia_query_free.
    vosia_query *release() noexcept { return std::exchange(h_, nullptr); }

private:
    query &ok(vosia_status st) {
        detail::check(st);
        return *this;
    }
    vosia_query *h_ = nullptr;
};

}  // namespace vosia

#endif  // VOSIA_HPP
