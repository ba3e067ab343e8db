//! Downloads from the live DaCHS of `../shared/dachs` (with `VOSIA_TEST_DACHS` set; without
//! it each test prints a note and passes): SIA 1.0 images under pyvo's names, SIA 2.0 rows
//! whose access URLs are DataLink documents saved as the FITS files they point to, and a
//! killed download resumed with `Range`. Every file is compared byte for byte with the one
//! DaCHS serves from its inputs (`/var/gavo/inputs/siatest/data`, or `VOSIA_TEST_DATA_FILES`).

use std::path::{Path, PathBuf};

use vosia::download::{How, Item, Options};
use vosia::query::Query;
use vosia::service::Service;
use vosia::stdfields::StdField;
use vosia::{Results, SiaVersion};

fn server() -> Option<String> {
    match std::env::var("VOSIA_TEST_DACHS") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_string()),
        _ => {
            eprintln!("note: VOSIA_TEST_DACHS is not set; skipping the live download test");
            None
        }
    }
}

fn data_files() -> PathBuf {
    std::env::var("VOSIA_TEST_DATA_FILES")
        .unwrap_or_else(|_| "/var/gavo/inputs/siatest/data".into())
        .into()
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vosia-dachs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn search(
    base: &str,
    path: &str,
    version: SiaVersion,
    setup: impl Fn(&mut Query),
) -> (std::sync::Arc<Service>, Results) {
    let svc = Service::new(&format!("{base}{path}"), version).unwrap();
    svc.set_timeout(30.0).unwrap();
    let svc = std::sync::Arc::new(svc);
    let mut q = Query::new(svc.clone());
    setup(&mut q);
    let res = q
        .execute()
        .unwrap_or_else(|e| panic!("{}: {}", q.url(), e.message()));
    (svc, res)
}

/// The server-side file a URL (or DataLink ID in it) names: `siatest_NNN_....fits`.
fn served_file(url: &str) -> PathBuf {
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    let start = decoded
        .rfind("siatest_")
        .expect("a siatest file in the URL");
    let name: String = decoded[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "_.-".contains(*c))
        .collect();
    data_files().join(name)
}

fn same_bytes(a: &Path, b: &Path) {
    let (x, y) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(
        x == y,
        "{} ({} bytes) differs from {} ({} bytes)",
        a.display(),
        x.len(),
        b.display(),
        y.len()
    );
}

#[test]
fn sia1_images_under_pyvos_names_byte_identical() {
    let Some(base) = server() else { return };
    let (svc, res) = search(&base, "/siatest/q/i/siap.xml?", SiaVersion::V1, |q| {
        q.params_mut().set_pos(10.6847, 41.269).unwrap();
        q.params_mut().set_size(0.5, 0.5).unwrap();
    });
    assert!(res.row_count() >= 20, "{} rows", res.row_count());
    let items: Vec<Item> = (0..res.row_count())
        .map(|r| Item::from_row(&res, r).unwrap())
        .collect();
    let dir = folder("sia1");
    let out = svc.download_all(&items, &dir, Options::default());
    for (item, saved) in items.iter().zip(&out) {
        let saved = saved
            .as_ref()
            .unwrap_or_else(|e| panic!("{}: {}", item.url, e.message()));
        // pyvo: the title with whitespace as "_", the extension of image/fits.
        let title = item.title.as_deref().unwrap();
        let want = format!(
            "{}.fits",
            title.split_whitespace().collect::<Vec<_>>().join("_")
        );
        assert_eq!(
            saved.path.file_name().unwrap().to_str(),
            Some(want.as_str())
        );
        same_bytes(&saved.path, &served_file(&item.url));
    }
    // A rerun fetches nothing.
    let again = svc.download_all(&items, &dir, Options::default());
    assert!(again.iter().all(|o| o.as_ref().unwrap().how == How::Cached));
}

#[test]
fn sia2_datalink_rows_give_the_fits_files_not_the_xml() {
    let Some(base) = server() else { return };
    let (svc, res) = search(&base, "/siatest/q/sia2dl/siap2.xml?", SiaVersion::V2, |q| {
        q.params_mut().add_circle(10.6847, 41.269, 0.2).unwrap();
    });
    assert!(res.row_count() >= 4);
    let format = res
        .std_text(0, StdField::Format)
        .unwrap()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(format.contains("datalink"), "{format}");
    let items: Vec<Item> = (0..res.row_count())
        .map(|r| Item::from_row(&res, r).unwrap())
        .collect();
    let dir = folder("sia2dl");
    for (item, saved) in items
        .iter()
        .zip(svc.download_all(&items, &dir, Options::default()))
    {
        let saved = saved.unwrap_or_else(|e| panic!("{}: {}", item.url, e.message()));
        assert_eq!(saved.path.extension().unwrap(), "fits");
        let head = std::fs::read(&saved.path).unwrap();
        assert!(
            head.starts_with(b"SIMPLE  ="),
            "{} is not FITS",
            saved.path.display()
        );
        same_bytes(&saved.path, &served_file(&item.url));
    }
    // By rows, the response's DataLink descriptor asks for all #this links at once; the
    // files are the same.
    assert_eq!(res.descriptors().len(), 1);
    let batched = folder("sia2dl-rows");
    let by_rows = svc.download_rows(&res, 0..res.row_count(), &batched, Options::default());
    for (item, saved) in items.iter().zip(by_rows) {
        let saved = saved.unwrap_or_else(|e| panic!("{}: {}", item.url, e.message()));
        same_bytes(&saved.path, &served_file(&item.url));
    }
}

#[test]
fn a_killed_download_resumes_from_its_part_file() {
    let Some(base) = server() else { return };
    let file = data_files().join("siatest_001_M31_V.fits");
    let whole = std::fs::read(&file).unwrap();
    let dir = folder("resume");
    // What a download killed halfway leaves: the first half under the temporary name.
    std::fs::write(dir.join("m31.fits.part"), &whole[..whole.len() / 2]).unwrap();
    let svc = Service::new(&format!("{base}/siatest/q/i/siap.xml?"), SiaVersion::V1).unwrap();
    let item = Item {
        url: format!("{base}/getproduct/siatest/data/siatest_001_M31_V.fits"),
        title: Some("m31".into()),
        format: Some("image/fits".into()),
        name: None,
    };
    let saved = svc.download(&item, &dir, Options::default()).unwrap();
    assert_eq!(saved.how, How::Resumed);
    same_bytes(&saved.path, &file);
    assert!(!dir.join("m31.fits.part").exists());
}

#[test]
fn soda_cutouts_through_the_datalink_descriptors() {
    let Some(base) = server() else { return };
    let (ra, dec) = (10.878948, 41.309434); // the centre of siatest_001_M31_V.fits
    let (svc, res) = search(&base, "/siatest/q/sia2dl/siap2.xml?", SiaVersion::V2, |q| {
        q.params_mut().add_circle(ra, dec, 0.2).unwrap();
    });
    let n = res.row_count();
    assert!(n >= 2);
    let circle = vec![("CIRCLE".to_string(), format!("{ra} {dec} 0.005"))];
    let dir = folder("soda");
    let out = svc.cutout_rows(&res, 0..n, &circle, &dir, Options::default());
    let did = |row: usize| {
        res.std_text(row, StdField::PublisherDid)
            .unwrap()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    let mut cut = 0;
    for (row, outcome) in out.iter().enumerate() {
        match outcome {
            Ok(saved) => {
                cut += 1;
                let name = saved
                    .path
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string();
                assert!(
                    name.contains("_cutout_") && name.ends_with(".fits"),
                    "{name}"
                );
                // The bytes DaCHS gives the same request made by hand.
                let by_hand = format!(
                    "{base}/siatest/q/dl/dlget?ID={}&CIRCLE={}",
                    percent_encoding::utf8_percent_encode(
                        &did(row),
                        percent_encoding::NON_ALPHANUMERIC
                    ),
                    percent_encoding::utf8_percent_encode(
                        &circle[0].1,
                        percent_encoding::NON_ALPHANUMERIC
                    )
                );
                let check = folder(&format!("soda-check-{row}"));
                let item = Item {
                    url: by_hand,
                    title: Some("x".into()),
                    format: Some("image/fits".into()),
                    name: None,
                };
                let direct = svc.download(&item, &check, Options::default()).unwrap();
                same_bytes(&saved.path, &direct.path);
                let whole = std::fs::metadata(served_file(&did(row))).unwrap().len();
                assert!(saved.bytes < whole, "a cutout is smaller than its image");
            }
            Err(e) => {
                // An image the circle misses: said plainly.
                assert!(e.message().contains("does not overlap"), "{}", e.message());
            }
        }
    }
    assert!(cut >= 1 && out[0..n].iter().any(|o| o.is_ok()));
    assert!(out.iter().any(|o| {
        o.as_ref()
            .is_ok_and(|s| s.path.to_string_lossy().contains("M31_V"))
    }));
    // The same parameters again: the complete files are found.
    let again = svc.cutout_rows(&res, 0..n, &circle, &dir, Options::default());
    assert!(again.iter().flatten().all(|s| s.how == How::Cached));
}

#[test]
fn datalink_links_of_many_rows_in_one_request() {
    let Some(base) = server() else { return };
    let (svc, res) = search(&base, "/siatest/q/sia2dl/siap2.xml?", SiaVersion::V2, |q| {
        q.params_mut().add_range(0.0, 360.0, -90.0, 90.0).unwrap();
    });
    let n = res.row_count();
    assert_eq!(n, 120);
    let links = svc.datalink_rows(&res, 0..n).unwrap();
    let (id, semantics, url) = (
        links.column_index("ID").unwrap(),
        links.column_index("semantics").unwrap(),
        links.column_index("access_url").unwrap(),
    );
    let text = |r: usize, c: usize| {
        links
            .text(r, c)
            .unwrap()
            .map(|t| t.to_str().unwrap().to_string())
    };
    // Every row's dataset has its #this link, pointing at the file the ID names.
    for row in 0..n {
        let did = res
            .std_text(row, StdField::PublisherDid)
            .unwrap()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let this = (0..links.row_count())
            .find(|&r| {
                text(r, id).as_deref() == Some(&did)
                    && text(r, semantics).as_deref() == Some("#this")
            })
            .unwrap_or_else(|| panic!("no #this for {did}"));
        let file = did
            .rsplit('/')
            .next()
            .unwrap()
            .rsplit('?')
            .next()
            .unwrap()
            .to_string();
        assert!(text(this, url).unwrap().ends_with(&file), "{did}");
    }
    // The answer carries the SODA descriptors its #proc rows name.
    assert!(links.descriptors().iter().any(|d| d.is("SODA")));
    // Too many rows at once, or a response without a DataLink service, say so.
    let (plain, sia1) = search(&base, "/siatest/q/i/siap.xml?", SiaVersion::V1, |q| {
        q.params_mut().set_pos(10.68, 41.27).unwrap();
        q.params_mut().set_size(0.2, 0.2).unwrap();
    });
    let e = plain
        .datalink_rows(&sia1, 0..sia1.row_count())
        .err()
        .expect("no DataLink service");
    assert_eq!(e.kind(), vosia::ErrorKind::Unsupported);
}
