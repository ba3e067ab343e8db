// Tests of vosia.hpp (C++17, built with -Wall -Wextra -Werror -pedantic): RAII ownership and
// moves, vosia::error's status and message, optional/null handling, string_view getters, the
// row range, query setters and clone(), on the fixtures in tests/data and (when present) the
// shared corpus. With VOSIA_TEST_DACHS=http://127.0.0.1:8080 it also searches the local DaCHS
// SIA 1.0 and 2.0 services. Prints "N passed, N failed"; exits 1 on a failure.
#include "vosia.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

#ifndef VOSIA_TEST_DATA_DIR
#define VOSIA_TEST_DATA_DIR "tests/data"
#endif
#ifndef VOSIA_CORPUS_DIR
#define VOSIA_CORPUS_DIR "../shared/corpus"
#endif

#include "check.hpp"

// Runs `stmt`, which must throw vosia::error with `want` status.
#define CHECK_THROWS(stmt, want)                                                          \
    do {                                                                                  \
        try {                                                                             \
            stmt;                                                                         \
            failed++;                                                                     \
            std::fprintf(stderr, "%s:%d: no exception from %s\n", __FILE__, __LINE__, #stmt); \
        } catch (const vosia::error &e_) {                                                \
            if (e_.status() == (want)) {                                                  \
                passed++;                                                                 \
            } else {                                                                      \
                failed++;                                                                 \
                std::fprintf(stderr, "%s:%d: %s threw status %d (%s), expected %d\n",      \
                             __FILE__, __LINE__, #stmt, e_.status(), e_.what(), (want));   \
            }                                                                             \
        }                                                                                 \
    } while (0)

static bool near(std::optional<double> v, double want, double tol = 1e-9) {
    return v.has_value() && std::fabs(*v - want) <= tol * std::fmax(1.0, std::fabs(want));
}

static std::string env_or(const char *name, const char *fallback) {
    const char *v = std::getenv(name);
    return (v != nullptr && *v != '\0') ? v : fallback;
}

static bool exists(const std::string &path) { return std::ifstream(path).good(); }

static std::string slurp(const std::filesystem::path &path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A fresh empty folder under the system temp folder.
static std::filesystem::path fresh_folder(const std::string &name) {
    auto dir = std::filesystem::temp_directory_path() / ("vosia-hpp-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Compile-time properties of the types.
static_assert(!std::is_copy_constructible_v<vosia::service>, "service is move-only");
static_assert(!std::is_copy_constructible_v<vosia::query>, "query is move-only");
static_assert(!std::is_copy_constructible_v<vosia::results>, "results is move-only");
static_assert(std::is_nothrow_move_constructible_v<vosia::results>, "moves do not throw");
static_assert(std::is_nothrow_move_assignable_v<vosia::query>, "moves do not throw");
static_assert(std::is_base_of_v<std::runtime_error, vosia::error>, "error is a runtime_error");
static_assert(std::is_same_v<decltype(std::declval<vosia::row>().std_str(vosia::field::title)),
                             std::optional<std::string_view>>,
              "string getters give optional<string_view>");
static_assert(static_cast<int>(vosia::field::facility) == VOSIA_FIELD_COUNT - 1,
              "vosia::field covers every VOSIA_FIELD_*");

// tests/data/sia1_three.xml: three images with nulls of each kind.
static void fixture(const std::string &data) {
    vosia::results res = vosia::results::parse_file(data + "/sia1_three.xml", vosia::sia1);
    CHECK(res.row_count() == 3);
    CHECK(res.size() == 3 && !res.empty());
    CHECK(res.column_count() == 12);
    CHECK(!res.overflow());
    CHECK(res.info("QUERY_STATUS") == std::optional<std::string_view>("OK"));
    CHECK(!res.info("NO_SUCH_INFO").has_value());

    // Column metadata.
    CHECK(res.column_name(0) == "title");
    CHECK(res.column_attr(0, vosia::attr::id) == std::optional<std::string_view>("Title"));
    CHECK(res.column_attr(9, vosia::attr::ucd) ==
          std::optional<std::string_view>("VOX:Image_AccessReference"));
    CHECK(res.column_attr(1, vosia::attr::unit) == std::optional<std::string_view>("deg"));
    CHECK(res.column_attr(11, vosia::attr::xtype) == std::optional<std::string_view>("duration"));
    CHECK(res.column_attr(6, vosia::attr::arraysize) == std::optional<std::string_view>("*"));
    CHECK(res.column_attr(1, vosia::attr::datatype) == std::optional<std::string_view>("double"));
    // An attribute the FIELD does not set is nullopt, not "".
    CHECK(!res.column_attr(3, vosia::attr::unit).has_value());
    CHECK(!res.column_attr(1, vosia::attr::xtype).has_value());
    // A key a column never has is an error, as is a column out of range.
    CHECK_THROWS(res.column_attr(0, vosia::attr::standard_id), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(res.column_attr(99, vosia::attr::name), VOSIA_E_RANGE);
    CHECK(res.column_datatype(1) == vosia::datatype::double_);
    CHECK(res.column_datatype(10) == vosia::datatype::long_);
    CHECK(res.column_index("acref") == std::optional<std::int32_t>(9));
    CHECK(res.column_index("AccessRef") == std::optional<std::int32_t>(9));
    CHECK(!res.column_index("nope").has_value());
    CHECK(res.column_by_ucd("VOX:Image_Format") == std::optional<std::int32_t>(8));
    // Any word of a UCD matches, as with pyvo's fieldname_with_ucd.
    CHECK(res.column_by_ucd("obs.exposure") == std::optional<std::int32_t>(11));
    CHECK(!res.column_by_ucd("phot.mag").has_value());
    CHECK(res.column_by_utype("access.reference") == std::optional<std::int32_t>(9));
    CHECK(!res.column_by_utype("Char.SpatialAxis.Coverage").has_value());
    CHECK(res.std_column(vosia::field::access_url) == std::optional<std::int32_t>(9));
    CHECK(!res.std_column(vosia::field::s_region).has_value());
    CHECK_THROWS(res.column_name(99), VOSIA_E_RANGE);
    CHECK_THROWS(res.std_column(static_cast<vosia::field>(VOSIA_FIELD_COUNT)), VOSIA_E_RANGE);
    CHECK_THROWS(res.column_index(std::string("bad\xff")), VOSIA_E_INVALID_ARG);

    // Whole columns in one call: NaN (double) or 0 (int64) for nulls, and the mask.
    std::vector<std::int32_t> nulls;
    std::vector<double> exptime = res.double_column(11, &nulls);
    CHECK(exptime.size() == 3 && exptime[0] == 300.5 && std::isnan(exptime[1]));
    CHECK((nulls == std::vector<std::int32_t>{0, 1, 0}));
    std::vector<std::int64_t> sizes = res.int64_column(10, &nulls);
    CHECK(sizes.size() == 3 && sizes[0] == 153280);
    CHECK(nulls.size() == 3 && nulls[0] == 0);
    CHECK(res.double_column(1, nullptr, 1, 2).size() == 2);
    CHECK(res.double_column(1, nullptr, 1, 2)[0] == *res.get_double(1, 1));
    CHECK(res.double_column(1, nullptr, 3).empty());
    CHECK_THROWS(res.double_column(0), VOSIA_E_TYPE);           // text
    CHECK_THROWS(res.int64_column(1), VOSIA_E_TYPE);            // double
    CHECK_THROWS(res.double_column(1, nullptr, 2, 5), VOSIA_E_RANGE);
    auto titles = res.text_column(0);
    CHECK(titles.size() == 3 && titles[0] == std::optional<std::string_view>("M31 & M32, V band"));
    auto instruments = res.text_column(3);
    CHECK(instruments.size() == 3 && !instruments[2].has_value());
    auto ras = res.std_double_column(vosia::field::ra);
    CHECK(ras.has_value() && ras->size() == 3 && near((*ras)[0], 10.6847083));
    auto mjds = res.std_double_column(vosia::field::mjd_obs, &nulls);
    CHECK(mjds.has_value() && std::isnan((*mjds)[2]) && nulls[2] == 1 && nulls[0] == 0);
    CHECK(!res.std_double_column(vosia::field::t_min).has_value());  // not in SIA 1.0
    CHECK_THROWS(res.std_double_column(vosia::field::title), VOSIA_E_TYPE);
    auto formats = res.std_text_column(vosia::field::format);
    CHECK(formats.has_value() && (*formats)[2] == std::optional<std::string_view>("image/jpeg"));
    CHECK(!res.std_text_column(vosia::field::collection).has_value());

    // The row range: three rows, in order, with the standard fields.
    const char *urls[] = {"http://example.org/data/img1.fits?band=V&size=full",
                          "http://example.org/data/img2.fits", "http://example.org/data/img3.jpg"};
    std::int64_t n = 0;
    for (vosia::row r : res) {
        CHECK(r.index() == n);
        CHECK(r.std_str(vosia::field::access_url) == std::optional<std::string_view>(urls[n]));
        n++;
    }
    CHECK(n == 3);
    CHECK(std::distance(res.begin(), res.end()) == 3);
    CHECK((*(res.begin() + 2)).index() == 2);

    vosia::row r0 = res[0];
    CHECK(r0.std_str(vosia::field::title) == std::optional<std::string_view>("M31 & M32, V band"));
    CHECK(near(r0.std_double(vosia::field::ra), 10.6847083));
    CHECK(near(r0.std_double(vosia::field::dec), 41.26875));
    CHECK(near(r0.std_double(vosia::field::mjd_obs), 58000.5));
    CHECK(near(r0.std_double(vosia::field::filesize), 153280.0));
    CHECK(r0.get_int64(10) == std::optional<std::int64_t>(153280));
    CHECK(r0.get_text("exptime") == std::optional<std::string_view>("300.5"));
    {
        // Rows, iterators and views follow the handle, not the owning object: moving the
        // results (here into a vector that then grows) keeps them valid.
        auto moved = vosia::results::parse_file(std::string(VOSIA_TEST_DATA_DIR) + "/sia1_three.xml",
                                                VOSIA_SIA1);
        vosia::row first = moved[0];
        auto it = moved.begin();
        std::vector<vosia::results> owners;
        owners.push_back(std::move(moved));
        owners.push_back(vosia::results::parse_file(
            std::string(VOSIA_TEST_DATA_DIR) + "/sia1_three.xml", VOSIA_SIA1));
        CHECK(first.std_str(vosia::field::access_url) == std::optional<std::string_view>(urls[0]));
        CHECK((*++it).index() == 1 && it != owners[0].end());
    }
    auto naxis = r0.std_double_array(vosia::field::naxis);
    CHECK(naxis.has_value() && naxis->size() == 2 && (*naxis)[0] == 2048.0 &&
          (*naxis)[1] == 4096.0);
    auto scale = r0.get_double_array(7);
    CHECK(scale.has_value() && scale->size() == 2 && std::fabs((*scale)[1] - 0.00025) < 1e-15);

    // Nulls: NaN, an empty cell, the VALUES null sentinel; all nullopt, none an error.
    CHECK(!res[1].get_double(11).has_value());
    CHECK(res[1].is_null(11));
    CHECK(!res[2].std_str(vosia::field::instrument).has_value());
    CHECK(!res[2].std_double(vosia::field::mjd_obs).has_value());
    CHECK(!res[2].std_double(vosia::field::filesize).has_value());
    CHECK(!res[2].is_null(0));
    // A field the result does not have is null too.
    CHECK(!res[0].std_str(vosia::field::collection).has_value());

    // Typed getters do not convert: text read as a number is a type error.
    CHECK_THROWS(res[0].get_double(0), VOSIA_E_TYPE);
    CHECK_THROWS(res.get_str(5, 0), VOSIA_E_RANGE);
    CHECK_THROWS(res.at(3), VOSIA_E_RANGE);
    CHECK(res.at(2).index() == 2);

    // Moves hand the handle over; the moved-from object is empty and safe to destroy.
    const vosia_results *h = res.get();
    vosia::results moved = std::move(res);
    CHECK(moved.get() == h);
    CHECK(res.get() == nullptr);  // NOLINT(bugprone-use-after-move): moved-from is documented empty
    CHECK(moved.row_count() == 3);
    vosia::results other = vosia::results::parse_file(data + "/sia1_three.xml", vosia::sia1);
    other = std::move(moved);  // frees other's first handle
    CHECK(other.get() == h);

    // release(): the caller owns the handle.
    vosia_results *raw = other.release();
    CHECK(raw == h && other.get() == nullptr);
    vosia_results_free(raw);
}

// The standard fields' own metadata.
static void fields() {
    CHECK(vosia::field_count() == VOSIA_FIELD_COUNT);
    CHECK(vosia::field_name(vosia::field::access_url) == "access_url");
    CHECK(vosia::field_name(vosia::field::em_min) == "em_min");
    CHECK(vosia::field_unit(vosia::field::ra) == std::optional<std::string_view>("deg"));
    CHECK(vosia::field_unit(vosia::field::mjd_obs) == std::optional<std::string_view>("d"));
    CHECK(!vosia::field_unit(vosia::field::title).has_value());
    CHECK(vosia::field_kind(vosia::field::naxis) == vosia::kind::array);
    CHECK(vosia::field_kind(vosia::field::format) == vosia::kind::text);
    CHECK(vosia::field_kind(vosia::field::dec) == vosia::kind::number);
    CHECK(vosia::field_by_name("S_REGION") == std::optional<vosia::field>(vosia::field::s_region));
    CHECK(!vosia::field_by_name("no_such_field").has_value());
    CHECK_THROWS(vosia::field_name(static_cast<vosia::field>(-1)), VOSIA_E_RANGE);
    // Every field round-trips through its name.
    for (std::int32_t f = 0; f < vosia::field_count(); f++) {
        auto fld = static_cast<vosia::field>(f);
        CHECK(vosia::field_by_name(std::string(vosia::field_name(fld))) ==
              std::optional<vosia::field>(fld));
    }
}

// Service descriptors of a response.
static void descriptors() {
    const std::string doc =
        "<VOTABLE><RESOURCE type=\"results\"><TABLE><FIELD name=\"did\" ID=\"did\" "
        "datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA><TR><TD>ivo://x/a</TD></TR>"
        "</TABLEDATA></DATA></TABLE></RESOURCE><RESOURCE ID=\"soda\" type=\"meta\" "
        "utype=\"adhoc:service\"><PARAM name=\"standardID\" datatype=\"char\" arraysize=\"*\" "
        "value=\"ivo://ivoa.net/std/SODA#sync-1.0\"/><PARAM name=\"accessURL\" datatype=\"char\" "
        "arraysize=\"*\" value=\"http://h/dlget\"/><GROUP name=\"inputParams\"><PARAM name=\"ID\" "
        "datatype=\"char\" arraysize=\"*\" ref=\"did\" value=\"\"/><PARAM name=\"POL\" "
        "datatype=\"char\" arraysize=\"*\" value=\"\"><VALUES><OPTION value=\"I\"/>"
        "<OPTION value=\"Q\"/></VALUES></PARAM></GROUP></RESOURCE></VOTABLE>";
    vosia::results r = vosia::results::parse(doc, vosia::sia2);
    CHECK(r.descriptor_count() == 1);
    CHECK(r.descriptor_attr(0, vosia::attr::url) == std::optional<std::string_view>("http://h/dlget"));
    CHECK(!r.descriptor_attr(0, vosia::attr::name).has_value());
    CHECK(r.descriptor_input_count(0) == 2);
    CHECK(r.descriptor_input_attr(0, 0, vosia::attr::ref) == std::optional<std::string_view>("did"));
    CHECK((r.descriptor_input_options(0, 1) == std::vector<std::string_view>{"I", "Q"}));
    CHECK_THROWS(r.descriptor_attr(1, vosia::attr::url), VOSIA_E_RANGE);
    CHECK_THROWS(r.descriptor_input_attr(0, 0, vosia::attr::url), VOSIA_E_INVALID_ARG);
}

// In-memory parse and error responses.
static void errors(const std::string &data) {
    try {
        vosia::results::parse_file(data + "/sia1_error.xml", vosia::sia1);
        failed++;
        std::fprintf(stderr, "no exception from an error response\n");
    } catch (const vosia::error &e) {
        CHECK(e.status() == VOSIA_E_SERVICE);
        CHECK(std::string(e.what()).find("Illegal POS value") != std::string::npos);
        CHECK(e.status_text() == vosia::strerror(VOSIA_E_SERVICE));
    }
    CHECK_THROWS(vosia::results::parse("this is not XML", vosia::sia1), VOSIA_E_FORMAT);
    CHECK_THROWS(vosia::results::parse_file(data + "/no-such-file.xml", vosia::sia1),
                 VOSIA_E_IO);
    CHECK_THROWS(vosia::results::parse("<VOTABLE/>", 7), VOSIA_E_INVALID_ARG);

    std::ifstream in(data + "/sia1_three.xml", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    vosia::results r = vosia::results::parse(ss.str(), vosia::sia1);
    CHECK(r.row_count() == 3);
    CHECK(r.warning_count() == static_cast<std::int64_t>(r.warnings().size()));

    // A cell the reader cannot read is kept as null and reported as a repair.
    const std::string bad =
        "<VOTABLE><RESOURCE type=\"results\"><TABLE><FIELD name=\"n\" datatype=\"int\"/>"
        "<DATA><TABLEDATA><TR><TD>7</TD></TR><TR><TD>seven</TD></TR></TABLEDATA></DATA>"
        "</TABLE></RESOURCE></VOTABLE>";
    vosia::results repaired = vosia::results::parse(bad, vosia::sia1);
    CHECK(repaired.row_count() == 2 && repaired.warning_count() == 1);
    CHECK(repaired.warnings().size() == 1 &&
          repaired.warnings()[0].find("seven") != std::string_view::npos);
    CHECK(!repaired[1].get_int64(0).has_value());

    // A catch of std::exception sees the message too.
    try {
        vosia::service("ftp://example.org/sia", vosia::sia1);
        failed++;
    } catch (const std::exception &e) {
        CHECK(std::string(e.what()).size() > 0);
        passed++;
    }
}

// Queries: setters chain, the URL is exact, clone() is independent, version rules hold.
static void queries() {
    vosia::service s1("http://127.0.0.1:9/sia1?", vosia::sia1);
    CHECK(s1.base_url() == "http://127.0.0.1:9/sia1?");
    CHECK(s1.version() == vosia::sia1);
    CHECK(s1.attribute(vosia::attr::url) == std::optional<std::string_view>(s1.base_url()));
    // Metadata not fetched yet: the getters say so instead of answering nothing.
    CHECK_THROWS(s1.param_count(), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(s1.attribute(vosia::attr::description), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(s1.set_timeout(0), VOSIA_E_INVALID_ARG);
    s1.set_keepalive(true).set_keepalive(false);
    s1.set_timeout(5).set_connect_timeout(1).set_retries(0, 0).set_post_above(8192);
    CHECK_THROWS(s1.set_post_above(-1), VOSIA_E_INVALID_ARG);
    vosia::query q(s1);
    q.set_pos(10.68, 41.27).set_size(0.2).set_maxrec(5).set_format("image/fits");
    const std::string url(q.url());
    CHECK(url.find("POS=10.68,41.27") != std::string::npos ||
          url.find("POS=10.68%2C41.27") != std::string::npos);
    CHECK(url.find("SIZE=0.2") != std::string::npos);
    CHECK(url.find("MAXREC=5") != std::string::npos);

    vosia::query c = q.clone();
    c.set_maxrec(7);
    CHECK(std::string(c.url()).find("MAXREC=7") != std::string::npos);
    CHECK(std::string(q.url()).find("MAXREC=5") != std::string::npos);

    CHECK_THROWS(q.add_circle(10, 41, 0.1), VOSIA_E_UNSUPPORTED);
    CHECK_THROWS(q.set_pos(10, 95), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(q.set_maxrec(-1), VOSIA_E_INVALID_ARG);
    try {
        q.set_pos(10, 95);
    } catch (const vosia::error &e) {
        CHECK(std::string(e.what()).size() > 0);  // vosia_last_error's detail
    }

    vosia::service s2("http://127.0.0.1:9/sia2?", vosia::sia2);
    vosia::query q2(s2);
    q2.add_circle(10.68, 41.27, 0.1).add_band(4e-7, 6e-7).add_collection("SIATEST");
    q2.add_polygon({10, 41, 11, 41, 11, 42});
    q2.add_interval(vosia::interval::exptime, 10, HUGE_VAL).add_text(vosia::text_param::pol, "I");
    q2.add_instrument("CAM").add_time(58000, 58001).add_calib(2);
    {
        const std::string u(q2.url());
        CHECK(u.find("EXPTIME=10%20%2BInf") != std::string::npos);  // an open upper end
        CHECK(u.find("POL=I") != std::string::npos);
        CHECK(u.find("INSTRUMENT=CAM") != std::string::npos);
        CHECK(u.find("CALIB=2") != std::string::npos);
    }
    CHECK_THROWS(q2.add_text(vosia::text_param::pol, "XYZ"), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(q2.add_interval(static_cast<vosia::interval>(99), 1, 2), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(q2.add_polygon({10, 41, 11, 41, 11}), VOSIA_E_INVALID_ARG);
    CHECK(std::string(q2.url()).find("CIRCLE") != std::string::npos);
    CHECK(std::string(q2.url()).find("POLYGON") != std::string::npos);
    CHECK_THROWS(q2.set_pos(1, 2), VOSIA_E_UNSUPPORTED);
    q2.remove_param("BAND");
    CHECK(std::string(q2.url()).find("BAND") == std::string::npos);

    // The query outlives its service object.
    vosia::query lonely = [] {
        vosia::service tmp("http://127.0.0.1:9/x?", vosia::sia1);
        return vosia::query(tmp);
    }();
    lonely.set_pos(1, 2);
    CHECK(std::string(lonely.url()).find("127.0.0.1:9/x") != std::string::npos);

    // Nothing listens on port 9: execute throws with the query's error text.
    try {
        vosia::query(s1).set_pos(1, 2).execute();
        failed++;
        std::fprintf(stderr, "execute against port 9 did not throw\n");
    } catch (const vosia::error &e) {
        CHECK(e.status() == VOSIA_E_CONNECT);
        CHECK(std::string(e.what()).find("127.0.0.1:9") != std::string::npos);
    }
    {
        vosia::query failing(s1);
        failing.set_pos(1, 2);
        CHECK(failing.last_error().empty());
        CHECK_THROWS(failing.execute(), VOSIA_E_CONNECT);
        CHECK(failing.last_error().find("127.0.0.1:9") != std::string_view::npos);
    }

    // Downloads: a refused one is a download_error with the outcome of the file.
    {
        const std::filesystem::path dir = fresh_folder("refused");
        try {
            s1.download("http://127.0.0.1:9/x.fits", dir);
            failed++;
            std::fprintf(stderr, "a refused download did not throw\n");
        } catch (const vosia::download_error &e) {
            CHECK(e.status() == VOSIA_E_CONNECT);
            CHECK(e.outcomes().size() == 1 && !e.outcomes()[0].ok());
            CHECK(e.outcomes()[0].error.find("127.0.0.1:9") != std::string::npos);
        }
        CHECK(std::filesystem::is_empty(dir));
        CHECK_THROWS(s1.download("http://127.0.0.1:9/x", dir / "missing"), VOSIA_E_IO);
        CHECK_THROWS(s1.set_download_jobs(0), VOSIA_E_INVALID_ARG);
        CHECK_THROWS(s1.set_max_download_bytes(-1), VOSIA_E_INVALID_ARG);
        CHECK_THROWS(s1.set_download_timeout(-1), VOSIA_E_INVALID_ARG);
        s1.set_download_jobs(2).set_max_download_bytes(0).set_download_timeout(600);
    }

    CHECK(vosia::version() == VOSIA_VERSION_STRING);
    CHECK(vosia::version_number() == VOSIA_VERSION_NUMBER);
}

// pyvo's fixtures from the shared corpus (skipped when absent).
static void corpus(const std::string &dir) {
    if (!exists(dir + "/pyvo/sia1-dataset.xml")) {
        std::printf("corpus not found at %s: corpus checks skipped\n", dir.c_str());
        return;
    }
    auto r1 = vosia::results::parse_file(dir + "/pyvo/sia1-dataset.xml", vosia::sia1);
    CHECK(r1.row_count() == 2);
    CHECK(r1[0].std_str(vosia::field::access_url) ==
          std::optional<std::string_view>("http://example.com/querydata/image.fits"));
    CHECK(r1[0].std_str(vosia::field::title) ==
          std::optional<std::string_view>("Test Observation"));
    CHECK(near(r1[0].std_double(vosia::field::ra), 288.95078924817));
    CHECK(near(r1[0].std_double(vosia::field::mjd_obs), 18885.9416782409));
    CHECK(!r1[1].std_double(vosia::field::mjd_obs).has_value());

    auto r2 = vosia::results::parse_file(dir + "/pyvo/sia2-dataset.xml", vosia::sia2);
    CHECK(r2.row_count() == 1);
    CHECK(r2[0].std_str(vosia::field::collection) == std::optional<std::string_view>("TEST"));
    CHECK(r2[0].std_str(vosia::field::facility) == std::optional<std::string_view>("TEST-1.6m"));
    CHECK(r2[0].std_str(vosia::field::instrument) ==
          std::optional<std::string_view>("TEST-INSTR"));
}

// The local DaCHS (only with VOSIA_TEST_DACHS).
static void live(const std::string &base) {
    vosia::service s1(base + "/siatest/q/i/siap.xml?", vosia::sia1);
    s1.set_timeout(60);
    vosia::results r = vosia::query(s1).set_pos(10.6847, 41.269).set_size(0.2).execute();
    CHECK(r.row_count() > 0);
    int m31 = 0;
    for (vosia::row row : r) {
        auto url = row.std_str(vosia::field::access_url);
        CHECK(url.has_value() && url->find("/getproduct/siatest/data/") != std::string_view::npos);
        if (url && url->find("M31") != std::string_view::npos) m31++;
        auto ra = row.std_double(vosia::field::ra);
        CHECK(ra.has_value() && std::fabs(*ra - 10.6847) < 1.0);
    }
    CHECK(m31 > 0);

    vosia::service s2(base + "/siatest/q/sia2/siap2.xml?", vosia::sia2);
    vosia::query q2(s2);
    q2.add_circle(10.6847, 41.269, 0.1).set_maxrec(3);
    vosia::results r2 = q2.execute();
    {
        const std::filesystem::path saved = fresh_folder("saved") / "response.xml";
        vosia::results kept = q2.execute_saving(saved);
        CHECK(vosia::results::parse_file(saved.string(), vosia::sia2).row_count() ==
              kept.row_count());
        CHECK_THROWS(q2.execute_saving(saved.parent_path() / "no" / "x.xml"), VOSIA_E_IO);
    }
    CHECK(r2.row_count() > 0 && r2.row_count() <= 3);
    CHECK(r2[0].std_str(vosia::field::collection) == std::optional<std::string_view>("SIATEST"));
    CHECK(r2[0].std_double(vosia::field::mjd_obs).has_value());

    // The self-description: parameters and columns, keyed attributes.
    s1.fetch_metadata();
    CHECK(s1.param_count() >= 4);
    std::optional<std::int32_t> pi = s1.param_index("INPUT:intersect");
    CHECK(pi.has_value() && s1.param_attr(*pi, vosia::attr::name) ==
                                std::optional<std::string_view>("INTERSECT"));
    CHECK(pi.has_value() && s1.param_options(*pi).size() == 4);
    CHECK(!s1.param_index("no_such").has_value());
    CHECK(s1.column_count() > 10);
    CHECK(s1.column_attr(0, vosia::attr::name) == std::optional<std::string_view>("accref"));
    CHECK_THROWS(s1.column_attr(0, vosia::attr::value), VOSIA_E_INVALID_ARG);
    CHECK_THROWS(s1.param_attr(s1.param_count(), vosia::attr::name), VOSIA_E_RANGE);

    // VOSI: availability and capabilities of the SIA 2.0 service.
    std::string note = "unset";
    CHECK(s2.available(&note));
    CHECK(note != "unset");
    std::int32_t ncap = s2.fetch_capabilities();
    bool has_sia2 = false;
    for (std::int32_t i = 0; i < ncap; i++) {
        auto id = s2.capability_attr(i, vosia::attr::standard_id);
        if (id && id->find("SIA#query-2.0") != std::string_view::npos) {
            has_sia2 = true;
            CHECK(s2.capability_attr(i, vosia::attr::url).has_value());
        }
    }
    CHECK(has_sia2);

    // Progress: called with the bytes read, from the calling thread; false cancels.
    std::int64_t calls = 0, last_done = -1;
    s2.set_progress([&](std::int64_t done, std::int64_t) {
        calls++;
        last_done = done;
        return true;
    });
    vosia::query counted(s2);  // made after set_progress; keeps the function alive
    counted.add_circle(10.6847, 41.269, 0.5);
    vosia::results counted_res = counted.execute();
    CHECK(calls >= 2 && last_done > 0);
    s2.set_progress([](std::int64_t, std::int64_t) { return false; });
    CHECK_THROWS(counted.execute(), VOSIA_E_CANCELLED);
    // An exception thrown inside comes out of execute() itself, not through the C library.
    s2.set_progress([](std::int64_t, std::int64_t) -> bool { throw std::logic_error("stop here"); });
    try {
        counted.execute();
        failed++;
        std::fprintf(stderr, "a throwing progress function did not stop execute\n");
    } catch (const std::logic_error &e) {
        CHECK(std::string(e.what()) == "stop here");
    }
    s2.set_progress(nullptr);
    CHECK(counted.execute().row_count() == counted_res.row_count());
    {
        // The query keeps the progress function alive after its service object is gone.
        std::int64_t seen = 0;
        std::optional<vosia::query> orphan;
        {
            vosia::service tmp(base + "/siatest/q/sia2/siap2.xml?", vosia::sia2);
            tmp.set_progress([&seen](std::int64_t, std::int64_t) { return ++seen > 0; });
            orphan.emplace(tmp);
        }
        orphan->add_circle(10.6847, 41.269, 0.1).execute();
        CHECK(seen > 0);
    }

    // Downloads: the DataLink-flavoured SIA 2.0 service gives the FITS files themselves.
    {
        vosia::service dl(base + "/siatest/q/sia2dl/siap2.xml?", vosia::sia2);
        vosia::results found = vosia::query(dl).add_circle(10.6847, 41.269, 0.2).execute();
        const std::filesystem::path dir = fresh_folder("sia2dl");
        const std::filesystem::path files =
            env_or("VOSIA_TEST_DATA_FILES", "/var/gavo/inputs/siatest/data");
        std::vector<vosia::downloaded> got = dl.download_rows(found, dir);
        CHECK(static_cast<std::int64_t>(got.size()) == found.row_count() && !got.empty());
        for (std::size_t i = 0; i < got.size(); i++) {
            CHECK(got[i].ok() && got[i].how == vosia::how::fetched);
            CHECK(got[i].path.extension() == ".fits" && got[i].path.parent_path() == dir);
            std::string did(found[static_cast<std::int64_t>(i)]
                                .std_str(vosia::field::publisher_did)
                                .value_or(""));
            CHECK(slurp(got[i].path) == slurp(files / did.substr(did.rfind('/') + 1)));
        }
        for (const vosia::downloaded &again : dl.download_rows(found, dir))
            CHECK(again.how == vosia::how::cached);
        // One file by URL, under a name of ours; a throwing progress function comes out of
        // the call even though downloads run on threads of vosia's own.
        const std::string one = base + "/getproduct/siatest/data/siatest_001_M31_V.fits";
        vosia::downloaded named = dl.download(one, dir, "m31.fits");
        CHECK(named.ok() && named.path == dir / "m31.fits" && named.bytes > 0);
        dl.set_progress([](std::int64_t done, std::int64_t) -> bool {
            if (done > 0) throw std::runtime_error("from progress");
            return true;
        });
        try {
            dl.download_rows(found, fresh_folder("throwing"));
            failed++;
            std::fprintf(stderr, "a throwing progress function did not stop download_rows\n");
        } catch (const vosia::error &) {
            failed++;
            std::fprintf(stderr, "download_rows threw vosia::error, not the function's\n");
        } catch (const std::runtime_error &e) {
            CHECK(std::string(e.what()) == "from progress");
        }
        dl.set_progress(nullptr);

        // DataLink for every row in one request.
        vosia::results links = dl.datalink_rows(found);
        const std::int32_t sem = links.column_index("semantics").value();
        std::int64_t this_links = 0;
        for (vosia::row l : links) this_links += l.get_str(sem) == std::optional<std::string_view>("#this");
        CHECK(this_links == found.row_count());

        // SODA: a small circle around siatest_001 cut out of every row; rows it misses fail.
        vosia::results near = vosia::query(dl).add_circle(10.878948, 41.309434, 0.2).execute();
        try {
            dl.cutout_rows(near, fresh_folder("soda"), {{"CIRCLE", "10.878948 41.309434 0.005"}});
            CHECK(near.row_count() == 1);  // all succeeded: only if the circle hits every image
        } catch (const vosia::download_error &e) {
            std::size_t ok = 0;
            for (const vosia::downloaded &o : e.outcomes()) {
                if (o.ok()) {
                    ok++;
                    CHECK(o.path.filename().string().find("_cutout_") != std::string::npos);
                } else {
                    CHECK(o.status == VOSIA_E_HTTP &&
                          o.error.find("does not overlap") != std::string::npos);
                }
            }
            CHECK(ok >= 1 && static_cast<std::int64_t>(e.outcomes().size()) == near.row_count());
        }
    }

    // A service error (SIA 1.0 VERB=0 is rejected by DaCHS) arrives as VOSIA_E_SERVICE.
    try {
        vosia::query(s1).set_pos(10.68, 41.27).set_size(0.1).set_param("VERB", "0").execute();
        failed++;
        std::fprintf(stderr, "VERB=0 did not fail\n");
    } catch (const vosia::error &e) {
        CHECK(e.status() == VOSIA_E_SERVICE);
        CHECK(std::string(e.what()).size() > 0);
    }
}

int main() {
    const std::string data = env_or("VOSIA_TEST_DATA", VOSIA_TEST_DATA_DIR);
    const std::string corpus_dir = env_or("VOSIA_CORPUS", VOSIA_CORPUS_DIR);
    try {
        fixture(data);
        fields();
        descriptors();
        errors(data);
        queries();
        corpus(corpus_dir);
        const char *dachs = std::getenv("VOSIA_TEST_DACHS");
        if (dachs != nullptr && *dachs != '\0')
            live(dachs);
        else
            std::printf("VOSIA_TEST_DACHS not set: live checks skipped\n");
    } catch (const vosia::error &e) {
        failed++;
        std::fprintf(stderr, "unexpected vosia::error %d: %s\n", e.status(), e.what());
    }
    return check_done("test_hpp");
}
