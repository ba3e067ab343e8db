// download: search an SIA service around a position and save every image into a folder with
// vosia.hpp (parallel, complete files only, resumed when cut short, nothing fetched twice,
// DataLink access URLs followed), optionally cutting a circle out of each instead (SODA).
//
//     download [-2] URL RA DEC SIZE DIR [CUTOUT_RADIUS]
//     download -2 http://127.0.0.1:8080/siatest/q/sia2dl/siap2.xml? 10.8789 41.3094 0.2 cuts 0.005
//
// Prints one line per image (the file, or why it failed); exits 0 when all were saved, 1 when
// one failed, 2 for a usage error.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "vosia.hpp"

int main(int argc, char **argv) {
    int i = 1;
    std::int32_t version = vosia::sia1;
    if (i < argc && std::strcmp(argv[i], "-2") == 0) {
        version = vosia::sia2;
        i++;
    }
    if (argc - i != 5 && argc - i != 6) {
        std::fprintf(stderr, "usage: download [-2] URL RA DEC SIZE DIR [CUTOUT_RADIUS]\n");
        return 2;
    }
    const std::string ra = argv[i + 1], dec = argv[i + 2];
    const double size = std::atof(argv[i + 3]);
    const std::filesystem::path dir = argv[i + 4];
    try {
        std::filesystem::create_directories(dir);
        vosia::service svc(argv[i], version);
        vosia::query q(svc);
        if (version == vosia::sia1)
            q.set_pos(std::atof(ra.c_str()), std::atof(dec.c_str())).set_size(size);
        else
            q.add_circle(std::atof(ra.c_str()), std::atof(dec.c_str()), size / 2);
        vosia::results res = q.execute();
        std::vector<vosia::downloaded> saved;
        try {
            if (argc - i == 6)
                saved = svc.cutout_rows(res, dir, {{"CIRCLE", ra + " " + dec + " " + argv[i + 5]}});
            else
                saved = svc.download_rows(res, dir);
        } catch (const vosia::download_error &e) {
            saved = e.outcomes();  // some failed: say which, below
        }
        bool all = true;
        for (const vosia::downloaded &d : saved) {
            if (d.ok())
                std::cout << d.path.string() << (d.how == vosia::how::cached ? " (already there)" : "")
                          << '\n';
            else
                std::cout << "failed: " << d.error << '\n';
            all = all && d.ok();
        }
        return all ? 0 : 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "download: %s\n", e.what());
        return 1;
    }
}
