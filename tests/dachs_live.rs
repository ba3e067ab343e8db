//! Live tests against a real SIA server: GAVO DaCHS from `../shared/dachs/setup.sh`.
//!
//! Enabled by `VOSIA_TEST_DACHS=http://127.0.0.1:8080`; without it every test prints a note and
//! passes. Expected image sets are computed from the generator's manifest
//! (`/var/gavo/inputs/siatest/data/manifest.csv`, or `VOSIA_TEST_MANIFEST`): each image's
//! footprint comes from its TAN WCS (centre, size, scale, rotation), and DaCHS matches the
//! RA/Dec bounding box of the corner pixel centres. Where an image edge lies close to a search
//! edge the answer depends on details (box or spherical box), so each geometric test computes
//! a "surely matches" set with a shrunk margin and a "may match" set with a grown one, and
//! asserts `surely ⊆ result ⊆ may`. Most searches are chosen so the two sets are equal.

use std::collections::BTreeSet;
use std::sync::Arc;

use vosia::attrs::Attr;
use vosia::params::{Intersect, IntervalParam, TextParam};
use vosia::query::Query;
use vosia::results::Results;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

const SIA1: &str = "/siatest/q/i/siap.xml?";
const SIA2: &str = "/siatest/q/sia2/siap2.xml?";
/// Margin in degrees for "surely" and "may" sets (about 11 arcsec).
const MARGIN: f64 = 0.003;

fn server() -> Option<String> {
    match std::env::var("VOSIA_TEST_DACHS") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_string()),
        _ => {
            eprintln!(
                "note: VOSIA_TEST_DACHS is not set; skipping the live DaCHS test \
                 (start ../shared/dachs/setup.sh and set VOSIA_TEST_DACHS=http://127.0.0.1:8080)"
            );
            None
        }
    }
}

#[derive(Debug, Clone)]
struct Image {
    file: String,
    object: String,
    ra: f64,
    dec: f64,
    nx: f64,
    ny: f64,
    scale: f64, // degrees per pixel
    rot: f64,   // degrees
    filter: String,
    instrument: String,
    t_min: f64, // MJD
    t_max: f64,
    exptime: f64,
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn iso_to_mjd(iso: &str) -> f64 {
    let (date, time) = iso.split_once('T').expect("ISO date");
    let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let t: Vec<f64> = time.split(':').map(|x| x.parse().unwrap()).collect();
    let days = days_from_civil(d[0], d[1], d[2]) - days_from_civil(1858, 11, 17);
    days as f64 + (t[0] * 3600.0 + t[1] * 60.0 + t[2]) / 86400.0
}

fn manifest() -> Vec<Image> {
    let path = std::env::var("VOSIA_TEST_MANIFEST")
        .unwrap_or_else(|_| "/var/gavo/inputs/siatest/data/manifest.csv".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (file, object, ra, dec, nx, ny, scale, rot, filter, inst, date, exp) = (
        col("file"),
        col("object"),
        col("ra_center"),
        col("dec_center"),
        col("naxis1"),
        col("naxis2"),
        col("scale_arcsec"),
        col("rot_deg"),
        col("filter"),
        col("instrume"),
        col("date_obs"),
        col("exptime"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let num = |i: usize| f[i].parse::<f64>().unwrap();
            let t_min = iso_to_mjd(f[date]);
            Image {
                file: f[file].to_string(),
                object: f[object].to_string(),
                ra: num(ra),
                dec: num(dec),
                nx: num(nx),
                ny: num(ny),
                scale: num(scale) / 3600.0,
                rot: num(rot),
                filter: f[filter].to_string(),
                instrument: f[inst].to_string(),
                t_min,
                t_max: t_min + num(exp) / 86400.0,
                exptime: num(exp),
            }
        })
        .collect()
}

/// RA difference `ra - ra0` in (-180, 180].
fn dra(ra: f64, ra0: f64) -> f64 {
    let d = (ra - ra0).rem_euclid(360.0);
    if d > 180.0 { d - 360.0 } else { d }
}

/// The inverse gnomonic (TAN) projection of standard coordinates (degrees) at (ra0, dec0).
fn untan(ra0: f64, dec0: f64, xi: f64, eta: f64) -> (f64, f64) {
    let (xi, eta) = (xi.to_radians(), eta.to_radians());
    let (a0, d0) = (ra0.to_radians(), dec0.to_radians());
    let denom = d0.cos() - eta * d0.sin();
    let ra = a0 + xi.atan2(denom);
    let dec = (d0.sin() + eta * d0.cos()).atan2((xi * xi + denom * denom).sqrt());
    (ra.to_degrees().rem_euclid(360.0), dec.to_degrees())
}

/// A box in RA offset (degrees of RA, relative to `ra0`) and Dec.
#[derive(Debug, Clone, Copy)]
struct Bbox {
    ra_lo: f64,
    ra_hi: f64,
    dec_lo: f64,
    dec_hi: f64,
}

impl Bbox {
    fn grow(self, m: f64, cosdec: f64) -> Bbox {
        let mr = m / cosdec.max(0.01);
        Bbox {
            ra_lo: self.ra_lo - mr,
            ra_hi: self.ra_hi + mr,
            dec_lo: self.dec_lo - m,
            dec_hi: self.dec_hi + m,
        }
    }
    fn overlaps(&self, o: &Bbox) -> bool {
        self.ra_lo <= o.ra_hi
            && o.ra_lo <= self.ra_hi
            && self.dec_lo <= o.dec_hi
            && o.dec_lo <= self.dec_hi
    }
    fn contains(&self, o: &Bbox) -> bool {
        self.ra_lo <= o.ra_lo
            && o.ra_hi <= self.ra_hi
            && self.dec_lo <= o.dec_lo
            && o.dec_hi <= self.dec_hi
    }
    fn contains_point(&self, ra: f64, dec: f64) -> bool {
        (self.ra_lo..=self.ra_hi).contains(&ra) && (self.dec_lo..=self.dec_hi).contains(&dec)
    }
}

impl Image {
    /// The RA/Dec bounding box of the corner pixel centres, RA relative to `ra0`.
    fn bbox(&self, ra0: f64) -> Bbox {
        let (c, s) = (self.rot.to_radians().cos(), self.rot.to_radians().sin());
        let (hx, hy) = ((self.nx - 1.0) / 2.0, (self.ny - 1.0) / 2.0);
        let mut b = Bbox {
            ra_lo: f64::INFINITY,
            ra_hi: f64::NEG_INFINITY,
            dec_lo: f64::INFINITY,
            dec_hi: f64::NEG_INFINITY,
        };
        for (dx, dy) in [(-hx, -hy), (-hx, hy), (hx, -hy), (hx, hy)] {
            let xi = self.scale * (-c * dx + s * dy);
            let eta = self.scale * (s * dx + c * dy);
            let (ra, dec) = untan(self.ra, self.dec, xi, eta);
            let r = dra(ra, ra0);
            b.ra_lo = b.ra_lo.min(r);
            b.ra_hi = b.ra_hi.max(r);
            b.dec_lo = b.dec_lo.min(dec);
            b.dec_hi = b.dec_hi.max(dec);
        }
        b
    }
}

/// The set of images matching `pred(margin)` with a shrunk and a grown margin.
fn bounds(
    images: &[Image],
    pred: impl Fn(&Image, f64) -> bool,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let pick = |m: f64| {
        images
            .iter()
            .filter(|i| pred(i, m))
            .map(|i| i.file.clone())
            .collect()
    };
    (pick(-MARGIN), pick(MARGIN))
}

fn files(r: &Results) -> BTreeSet<String> {
    let col = r
        .column_index("accref")
        .or_else(|| r.column_index("access_url"))
        .expect("an access URL column");
    (0..r.row_count())
        .map(|row| {
            let url = r.str(row, col).expect("str").expect("non-null URL");
            url.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

fn check_between(
    what: &str,
    got: &BTreeSet<String>,
    sure: &BTreeSet<String>,
    may: &BTreeSet<String>,
) {
    let missing: Vec<_> = sure.difference(got).collect();
    let extra: Vec<_> = got.difference(may).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing {missing:?}, unexpected {extra:?} (got {} rows)",
        got.len()
    );
}

fn service(base: &str, path: &str, version: SiaVersion) -> Arc<Service> {
    let s = Service::new(&format!("{base}{path}"), version).unwrap();
    s.set_timeout(30.0).unwrap();
    Arc::new(s)
}

fn run(q: &mut Query) -> Results {
    match q.execute() {
        Ok(r) => r,
        Err(e) => panic!("{} failed: {:?}: {}", q.url(), e.kind(), e.message()),
    }
}

fn run_err(q: &mut Query) -> vosia::Error {
    match q.execute() {
        Ok(r) => panic!("{} gave {} rows, expected an error", q.url(), r.row_count()),
        Err(e) => e,
    }
}

/// SIA 1.0 box search with the expected set computed for `intersect`.
fn sia1_box(base: &str, images: &[Image], ra0: f64, dec0: f64, size: f64, intersect: Intersect) {
    let svc = service(base, SIA1, SiaVersion::V1);
    let mut q = Query::new(svc);
    q.params_mut().set_pos(ra0, dec0).unwrap();
    q.params_mut().set_size(size, size).unwrap();
    q.params_mut().set_intersect(intersect).unwrap();
    q.params_mut().set_format("ALL").unwrap();
    let got = files(&run(&mut q));
    let cosdec = dec0.to_radians().cos();
    let roi = Bbox {
        ra_lo: -size / 2.0 / cosdec,
        ra_hi: size / 2.0 / cosdec,
        dec_lo: dec0 - size / 2.0,
        dec_hi: dec0 + size / 2.0,
    };
    let (sure, may) = bounds(images, |img, m| {
        let b = img.bbox(ra0);
        match intersect {
            Intersect::Overlaps => b.grow(m, cosdec).overlaps(&roi),
            Intersect::Enclosed => roi.contains(&b.grow(-m, cosdec)),
            Intersect::Covers => b.grow(m, cosdec).contains(&roi),
            Intersect::Center => b.grow(m, cosdec).contains_point(0.0, dec0),
        }
    });
    eprintln!(
        "SIA1 {intersect:?} at {ra0},{dec0} size {size}: {} rows (expected {}..{})",
        got.len(),
        sure.len(),
        may.len()
    );
    check_between(
        &format!("SIA1 {intersect:?} {ra0},{dec0} size {size}"),
        &got,
        &sure,
        &may,
    );
}

#[test]
fn sia1_whole_fields_overlaps() {
    let Some(base) = server() else { return };
    let images = manifest();
    assert_eq!(images.len(), 120);
    for (object, ra, dec, size) in [
        ("M31", 10.6847, 41.2690, 1.5),
        ("M42", 83.8221, -5.3911, 1.5),
        ("WRAP0", 0.0, 1.0, 1.0),
        ("NGC104", 6.0236, -72.0813, 1.5),
    ] {
        let svc = service(&base, SIA1, SiaVersion::V1);
        let mut q = Query::new(svc);
        q.params_mut().set_pos(ra, dec).unwrap();
        q.params_mut().set_size(size, size).unwrap();
        q.params_mut().set_format("all").unwrap();
        let got = files(&run(&mut q));
        let want: BTreeSet<String> = images
            .iter()
            .filter(|i| i.object == object)
            .map(|i| i.file.clone())
            .collect();
        assert_eq!(got, want, "{object}");
    }
}

#[test]
fn sia1_every_intersect_mode() {
    let Some(base) = server() else { return };
    let images = manifest();
    for mode in [
        Intersect::Overlaps,
        Intersect::Enclosed,
        Intersect::Covers,
        Intersect::Center,
    ] {
        // A box cutting through the M31 field: some images in, some partly, some out.
        sia1_box(&base, &images, 10.70, 41.25, 0.2, mode);
        // Across RA 0.
        sia1_box(&base, &images, 0.02, 1.0, 0.1, mode);
        // A tiny box at an image centre.
        let img = &images[2];
        sia1_box(&base, &images, img.ra, img.dec, 0.002, mode);
    }
}

#[test]
fn sia1_maxrec_overflow_and_both_serialisations() {
    let Some(base) = server() else { return };
    let svc = service(&base, SIA1, SiaVersion::V1);
    let mut q = Query::new(svc.clone());
    q.params_mut().set_pos(10.6847, 41.2690).unwrap();
    q.params_mut().set_size(1.5, 1.5).unwrap();
    q.params_mut().set_maxrec(5).unwrap();
    let r = run(&mut q);
    assert_eq!(r.row_count(), 5);
    assert!(
        r.overflow(),
        "MAXREC=5 of 30 must give QUERY_STATUS=OVERFLOW"
    );

    q.params_mut().remove("MAXREC");
    let binary = run(&mut q);
    q.params_mut().set_responseformat("votabletd").unwrap();
    let td = run(&mut q);
    assert_eq!(binary.row_count(), 30);
    assert!(!binary.overflow());
    assert_eq!(files(&binary), files(&td));
    // The same rows in the same order, every cell equal whatever the serialization.
    assert_eq!(binary.column_count(), td.column_count());
    for col in 0..binary.column_count() {
        let name = &binary.field(col).unwrap().name;
        let tc = td.column_index(name).unwrap();
        for row in 0..binary.row_count() {
            let (b, t) = (binary.text(row, col).unwrap(), td.text(row, tc).unwrap());
            assert_eq!(b, t, "row {row}, column {name}: BINARY vs TABLEDATA");
        }
    }
}

#[test]
fn sia1_metadata_and_errors() {
    let Some(base) = server() else { return };
    let svc = service(&base, SIA1, SiaVersion::V1);
    let meta = svc.metadata().expect("FORMAT=METADATA");
    let names: Vec<&str> = meta.params.iter().map(|p| p.name()).collect();
    for want in ["POS", "SIZE", "INTERSECT", "FORMAT"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let intersect = meta
        .params
        .iter()
        .find(|p| p.name() == "INTERSECT")
        .unwrap();
    assert!(intersect.options().any(|o| o == "COVERS"));
    assert!(meta.columns.iter().any(|c| c.name() == "accref"));
    assert!(
        meta.columns
            .iter()
            .any(|c| c.attrs.get(Attr::Ucd) == Some("VOX:Image_AccessReference"))
    );

    let mut q = Query::new(svc.clone());
    q.params_mut().set_pos(10.68, 41.27).unwrap();
    q.params_mut().set_size(0.2, 0.2).unwrap();
    q.params_mut().set_verb(0).unwrap();
    let err = run_err(&mut q);
    assert_eq!(err.kind(), ErrorKind::Service, "{}", err.message());
    assert!(err.message().contains("verb"), "{}", err.message());

    // A non-existent path on the same server: HTTP 404 with the status line.
    let missing = service(&base, "/siatest/q/nosuch/siap.xml?", SiaVersion::V1);
    let mut q = Query::new(missing);
    q.params_mut().set_pos(10.68, 41.27).unwrap();
    let err = run_err(&mut q);
    assert_eq!(err.kind(), ErrorKind::Http, "{}", err.message());
    assert!(err.message().contains("404"), "{}", err.message());
}

fn sia2_files(base: &str, build: impl FnOnce(&mut Query)) -> BTreeSet<String> {
    let mut q = Query::new(service(base, SIA2, SiaVersion::V2));
    build(&mut q);
    files(&run(&mut q))
}

fn set_of(images: &[Image], pred: impl Fn(&Image) -> bool) -> BTreeSet<String> {
    images
        .iter()
        .filter(|i| pred(i))
        .map(|i| i.file.clone())
        .collect()
}

#[test]
fn sia2_positions() {
    let Some(base) = server() else { return };
    let images = manifest();
    for (object, ra, dec) in [
        ("M31", 10.6847, 41.2690),
        ("NCP", 45.0, 88.5),
        ("WRAP0", 0.0, 1.0),
    ] {
        let got = sia2_files(&base, |q| q.params_mut().add_circle(ra, dec, 1.0).unwrap());
        assert_eq!(
            got,
            set_of(&images, |i| i.object == object),
            "CIRCLE {object}"
        );
    }
    // Two circles are OR-ed.
    let got = sia2_files(&base, |q| {
        q.params_mut().add_circle(10.6847, 41.2690, 1.0).unwrap();
        q.params_mut().add_circle(83.8221, -5.3911, 1.0).unwrap();
    });
    assert_eq!(
        got,
        set_of(&images, |i| i.object == "M31" || i.object == "M42")
    );
    // A RANGE through RA 0 (DaCHS rejects ra1 > ra2; vosia sends two RANGEs).
    let got = sia2_files(&base, |q| {
        q.params_mut().add_range(359.0, 1.0, 0.0, 2.0).unwrap()
    });
    assert_eq!(
        got,
        set_of(&images, |i| i.object == "WRAP0"),
        "RANGE through 0"
    );
    // Half of the WRAP0 field: bounding boxes overlapping RA 0..0.5.
    let got = sia2_files(&base, |q| {
        q.params_mut().add_range(0.0, 0.5, 0.0, 2.0).unwrap()
    });
    let roi = Bbox {
        ra_lo: 0.0,
        ra_hi: 0.5,
        dec_lo: 0.0,
        dec_hi: 2.0,
    };
    let (sure, may) = bounds(&images, |i, m| i.bbox(0.0).grow(m, 1.0).overlaps(&roi));
    check_between("RANGE 0 0.5 0 2", &got, &sure, &may);
    // A polygon around the M42 field.
    let got = sia2_files(&base, |q| {
        q.params_mut()
            .add_polygon(&[(83.0, -6.2), (84.6, -6.2), (84.6, -4.6), (83.0, -4.6)])
            .unwrap()
    });
    assert_eq!(got, set_of(&images, |i| i.object == "M42"), "POLYGON M42");
}

#[test]
fn sia2_filters() {
    let Some(base) = server() else { return };
    let images = manifest();
    let got = sia2_files(&base, |q| {
        q.params_mut()
            .add_text(TextParam::Instrument, "FAKECAM-A")
            .unwrap()
    });
    assert_eq!(got, set_of(&images, |i| i.instrument == "FAKECAM-A"));
    let got = sia2_files(&base, |q| {
        q.params_mut().add_text(TextParam::Target, "M42").unwrap();
        q.params_mut().add_text(TextParam::Target, "NCP").unwrap();
    });
    assert_eq!(
        got,
        set_of(&images, |i| i.object == "M42" || i.object == "NCP")
    );
    // BAND in metres against DaCHS' Johnson bands (B 370-550 nm, V 480-730, R 540-940,
    // I 700-1160).
    let band = |f: &str| match f {
        "B" => (3.7e-7, 5.5e-7),
        "V" => (4.8e-7, 7.3e-7),
        "R" => (5.4e-7, 9.4e-7),
        _ => (7e-7, 1.16e-6),
    };
    for (lo, hi) in [(1.0e-6, 1.1e-6), (3.8e-7, 4.0e-7), (5.0e-7, 5.2e-7)] {
        let got = sia2_files(&base, |q| {
            q.params_mut()
                .add_interval(IntervalParam::Band, lo, hi)
                .unwrap()
        });
        let want = set_of(&images, |i| {
            let (a, b) = band(&i.filter);
            a <= hi && lo <= b
        });
        assert!(!want.is_empty());
        assert_eq!(got, want, "BAND {lo} {hi}");
    }
    // TIME: the images taken in 2021 (MJD 59215 .. 59580), intervals overlapping.
    let (lo, hi) = (59215.0, 59580.0);
    let got = sia2_files(&base, |q| {
        q.params_mut()
            .add_interval(IntervalParam::Time, lo, hi)
            .unwrap()
    });
    let second = 1.0 / 86400.0;
    let sure = set_of(&images, |i| {
        i.t_min <= hi - second && lo + second <= i.t_max
    });
    let may = set_of(&images, |i| {
        i.t_min <= hi + second && lo - second <= i.t_max
    });
    check_between("TIME 2021", &got, &sure, &may);
    assert!(!sure.is_empty());
    // An open interval: EXPTIME >= 100 s.
    let got = sia2_files(&base, |q| {
        q.params_mut()
            .add_interval(IntervalParam::ExpTime, 100.0, f64::INFINITY)
            .unwrap()
    });
    assert_eq!(got, set_of(&images, |i| i.exptime >= 100.0));
    // Combined: AND across parameters.
    let got = sia2_files(&base, |q| {
        q.params_mut().add_circle(10.6847, 41.2690, 1.0).unwrap();
        q.params_mut()
            .add_text(TextParam::Instrument, "FAKECAM-B")
            .unwrap();
        q.params_mut()
            .add_text(TextParam::Collection, "SIATEST")
            .unwrap();
        q.params_mut().add_calib(2).unwrap();
        q.params_mut().add_text(TextParam::DpType, "image").unwrap();
    });
    assert_eq!(
        got,
        set_of(&images, |i| i.object == "M31"
            && i.instrument == "FAKECAM-B")
    );
}

#[test]
fn sia2_maxrec_serialisations_metadata_errors_vosi() {
    let Some(base) = server() else { return };
    let svc = service(&base, SIA2, SiaVersion::V2);
    let mut q = Query::new(svc.clone());
    q.params_mut().set_maxrec(7).unwrap();
    let r = run(&mut q);
    assert_eq!(r.row_count(), 7);
    assert!(r.overflow());

    let mut q = Query::new(svc.clone());
    q.params_mut().add_text(TextParam::Target, "M31").unwrap();
    let binary = run(&mut q);
    q.params_mut().set_responseformat("votabletd").unwrap();
    let td = run(&mut q);
    assert_eq!(binary.row_count(), 30);
    assert_eq!(files(&binary), files(&td));
    let (a, b) = (
        binary.column_index("t_min").unwrap(),
        td.column_index("t_min").unwrap(),
    );
    let mut x: Vec<f64> = (0..30)
        .map(|i| binary.double(i, a).unwrap().unwrap())
        .collect();
    let mut y: Vec<f64> = (0..30).map(|i| td.double(i, b).unwrap().unwrap()).collect();
    x.sort_by(f64::total_cmp);
    y.sort_by(f64::total_cmp);
    assert_eq!(x, y, "BINARY and TABLEDATA give the same t_min values");

    let meta = svc.metadata().expect("MAXREC=0 self-description");
    let names: Vec<&str> = meta.params.iter().map(|p| p.name()).collect();
    for want in ["POS", "BAND", "TIME", "COLLECTION", "INSTRUMENT", "MAXREC"] {
        assert!(
            names.iter().any(|n| n.eq_ignore_ascii_case(want)),
            "{want} missing: {names:?}"
        );
    }
    assert!(meta.columns.iter().any(|c| c.name() == "obs_publisher_did"));

    // The service's own error: a one-value BAND is a UsageFault on DaCHS.
    let mut q = Query::new(svc.clone());
    q.params_mut().set("BAND", "5e-7").unwrap();
    let err = run_err(&mut q);
    assert_eq!(err.kind(), ErrorKind::Service, "{}", err.message());
    assert!(err.message().contains("UsageFault"), "{}", err.message());

    // VOSI: capabilities next to the endpoint, discovery from a base URL, availability.
    let caps = svc.capabilities().expect("capabilities");
    assert!(caps.iter().any(|c| {
        c.standard_id
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(vosia::vosi::SIA2_QUERY_ID))
    }));
    let found = Service::discover(
        &format!("{base}/siatest/q/sia2/siap2.xml"),
        Default::default(),
    )
    .expect("discover");
    assert!(
        found.base_url().contains("/siatest/q/sia2/siap2.xml"),
        "{}",
        found.base_url()
    );
    let avail = svc.availability().expect("availability");
    assert!(avail.available);
}

#[test]
fn sia2_and_sia1_agree_on_a_field() {
    let Some(base) = server() else { return };
    let one = {
        let mut q = Query::new(service(&base, SIA1, SiaVersion::V1));
        q.params_mut().set_pos(83.8221, -5.3911).unwrap();
        q.params_mut().set_size(1.5, 1.5).unwrap();
        q.params_mut().set_format("image/fits").unwrap();
        files(&run(&mut q))
    };
    let two = sia2_files(&base, |q| {
        q.params_mut().add_circle(83.8221, -5.3911, 1.0).unwrap()
    });
    assert_eq!(one, two);
    assert_eq!(one.len(), 30);
}

#[test]
fn six_hundred_circles_go_by_post_and_match_the_same_query_in_parts() {
    let Some(base) = server() else { return };
    let svc = service(&base, SIA2, SiaVersion::V2);
    let circles: Vec<(f64, f64)> = (0..600)
        .map(|i| {
            (
                10.6847 + (i % 30) as f64 * 0.004,
                41.269 + (i / 30) as f64 * 0.002,
            )
        })
        .collect();
    let mut all = Query::new(svc.clone());
    for (ra, dec) in &circles {
        all.params_mut().add_circle(*ra, *dec, 0.01).unwrap();
    }
    assert!(all.url().len() > 20_000, "{}", all.url().len());
    let together = files(&run(&mut all));
    // The same circles in GETs of 30 each: the union is the same set.
    let mut parts = BTreeSet::new();
    for chunk in circles.chunks(30) {
        let mut q = Query::new(svc.clone());
        for (ra, dec) in chunk {
            q.params_mut().add_circle(*ra, *dec, 0.01).unwrap();
        }
        assert!(q.url().len() < 4096);
        parts.extend(files(&run(&mut q)));
    }
    assert!(!together.is_empty());
    assert_eq!(together, parts);
    // Forced to GET, DaCHS drops the connection: that is said to be the URL's length.
    svc.set_post_above(u64::MAX).unwrap();
    let e = run_err(&mut all);
    assert_eq!(e.kind(), ErrorKind::Http, "{}", e.message());
}
