// search: search an SIA 1.0 or 2.0 service by position with vosia.hpp, or read a saved
// response, and print the images found (title, RA, Dec, MJD, format, access URL).
//
//     search [-2] URL RA DEC SIZE        e.g. search http://127.0.0.1:8080/siatest/q/i/siap.xml? 10.68 41.27 0.2
//     search [-2] -f RESPONSE.xml
//
// SIA 1.0 sends POS=RA,DEC&SIZE=SIZE; with -2 (SIA 2.0) POS=CIRCLE RA DEC SIZE/2. The URL sent
// goes to stderr, the table to stdout. A null cell prints "-" (numbers: "nan"). Errors print
// vosia's message and exit with status 1.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "vosia.hpp"

static void print(const vosia::results &res) {
    std::printf("%lld images%s\n", static_cast<long long>(res.row_count()),
                res.overflow() ? " (overflow: more matched)" : "");
    // Numbers a whole column at a time (NaN where null or absent), text row by row.
    const std::vector<double> none(static_cast<std::size_t>(res.row_count()), NAN);
    const std::vector<double> ra = res.std_double_column(vosia::field::ra).value_or(none);
    const std::vector<double> dec = res.std_double_column(vosia::field::dec).value_or(none);
    const std::vector<double> mjd = res.std_double_column(vosia::field::mjd_obs).value_or(none);
    for (vosia::row r : res) {
        const auto i = static_cast<std::size_t>(r.index());
        std::string title(r.std_str(vosia::field::title).value_or("-"));
        std::string url(r.std_str(vosia::field::access_url).value_or("-"));
        std::string format(r.std_str(vosia::field::format).value_or("-"));
        std::printf("%-30.30s %10.5f %+10.5f %11.4f %-12.12s %s\n", title.c_str(), ra[i], dec[i],
                    mjd[i], format.c_str(), url.c_str());
    }
}

int main(int argc, char **argv) {
    std::int32_t version = vosia::sia1;
    int i = 1;
    if (i < argc && std::strcmp(argv[i], "-2") == 0) {
        version = vosia::sia2;
        i++;
    }
    try {
        if (argc - i == 2 && std::strcmp(argv[i], "-f") == 0) {
            print(vosia::results::parse_file(argv[i + 1], version));
            return 0;
        }
        if (argc - i != 4) {
            std::fprintf(stderr, "usage: search [-2] URL RA DEC SIZE | search [-2] -f FILE\n");
            return 2;
        }
        const double ra = std::atof(argv[i + 1]), dec = std::atof(argv[i + 2]),
                     size = std::atof(argv[i + 3]);
        vosia::service svc(argv[i], version);
        svc.set_timeout(60);
        vosia::query q(svc);
        if (version == vosia::sia1)
            q.set_pos(ra, dec).set_size(size);
        else
            q.add_circle(ra, dec, size / 2);
        std::fprintf(stderr, "GET %s\n", std::string(q.url()).c_str());
        print(q.execute());
    } catch (const vosia::error &e) {
        std::fprintf(stderr, "search: %s (%s)\n", e.what(), std::string(e.status_text()).c_str());
        return 1;
    }
    return 0;
}
