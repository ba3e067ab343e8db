//! Downloads against a local HTTP server: pyvo's names, atomic rename, resume with Range,
//! servers without ranges, wrong lengths, checksums, names that try to leave the folder,
//! Content-Disposition, 204, DataLink documents followed to #this, parallel batches with
//! progress and cancel, the download size limit.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use common::{Req, Server, reply};
use vosia::download::{FileEvent, FileProgress, How, Item, Options};
use vosia::http::Progress;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

/// `n` bytes that differ from position to position.
fn data(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7 + i / 251) as u8).collect()
}

/// A fresh empty folder under the system temp dir.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vosia-dl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn service() -> Service {
    let s = Service::new("http://127.0.0.1:9/unused?", SiaVersion::V1).unwrap();
    s.set_timeout(10.0).unwrap();
    s
}

fn record(url: String, title: &str) -> Item {
    Item {
        url,
        title: Some(title.to_string()),
        format: Some("image/fits".to_string()),
        name: None,
    }
}

/// Answers a GET of `body`, honouring `Range: bytes=N-` with 206 when `ranges`.
fn serve(req: &Req, s: &mut TcpStream, body: &[u8], ranges: bool, extra: &[(&str, &str)]) -> bool {
    let start = req
        .header("range")
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .and_then(|n| n.parse::<usize>().ok());
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "image/fits")];
    headers.extend_from_slice(extra);
    if ranges {
        headers.push(("Accept-Ranges", "bytes"));
    }
    match start {
        Some(start) if ranges && start < body.len() => {
            let range = format!("bytes {start}-{}/{}", body.len() - 1, body.len());
            headers.push(("Content-Range", &range));
            reply(s, "206 Partial Content", &headers, &body[start..])
        }
        _ => reply(s, "200 OK", &headers, body),
    }
}

/// Sends the headers of all of `body` but only its first `cut` bytes, then closes.
fn serve_cut(s: &mut TcpStream, body: &[u8], cut: usize) -> bool {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nAccept-Ranges: bytes\r\nContent-Type: image/fits\r\n\r\n",
        body.len()
    );
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(&body[..cut]);
    let _ = s.flush();
    let _ = s.shutdown(std::net::Shutdown::Both);
    false
}

#[test]
fn a_record_is_saved_under_pyvos_name_and_not_fetched_again() {
    let body = Arc::new(data(100_000));
    let b = body.clone();
    let server = Server::start(move |req, _, s| serve(req, s, &b, true, &[]));
    let dir = folder("named");
    let svc = service();
    let item = record(
        server.url("/data/x.fits"),
        " SIATEST M31  V 2022-10-21T09:15:40 ",
    );
    let saved = svc.download(&item, &dir, Options::default()).unwrap();
    assert_eq!(
        saved.path,
        dir.join("SIATEST_M31_V_2022-10-21T09:15:40.fits")
    );
    assert_eq!((saved.bytes, saved.how), (100_000, How::Fetched));
    assert_eq!(std::fs::read(&saved.path).unwrap(), *body);
    assert_eq!(listing(&dir), ["SIATEST_M31_V_2022-10-21T09:15:40.fits"]);
    // pyvo's cachedataset, made safe: the complete file is found and nothing is fetched.
    let again = svc.download(&item, &dir, Options::default()).unwrap();
    assert_eq!((again.how, again.bytes), (How::Cached, 100_000));
    assert_eq!(server.requests().len(), 1);
    // Unless asked to fetch again.
    let refreshed = svc
        .download(
            &item,
            &dir,
            Options {
                refresh: true,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(refreshed.how, How::Fetched);
    assert_eq!(server.requests().len(), 2);
    // The download asked for the bytes as they are (no gzip: ranges are of the file).
    assert_eq!(
        server.requests()[0].header("accept-encoding"),
        Some("identity")
    );
}

#[test]
fn a_body_cut_halfway_is_kept_apart_and_resumed_with_range() {
    let body = Arc::new(data(300_000));
    let b = body.clone();
    let server = Server::start(move |req, i, s| {
        if i == 0 {
            serve_cut(s, &b, 120_000)
        } else {
            serve(req, s, &b, true, &[])
        }
    });
    let dir = folder("resume");
    let svc = service();
    let item = record(server.url("/a.fits"), "a");
    let err = svc.download(&item, &dir, Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Partial, "{}", err.message());
    // Nothing under the final name; what came is in the part file.
    assert_eq!(listing(&dir), ["a.fits.part"]);
    assert_eq!(
        std::fs::metadata(dir.join("a.fits.part")).unwrap().len(),
        120_000
    );
    let saved = svc.download(&item, &dir, Options::default()).unwrap();
    assert_eq!((saved.how, saved.bytes), (How::Resumed, 300_000));
    assert_eq!(server.requests()[1].header("range"), Some("bytes=120000-"));
    assert_eq!(std::fs::read(&saved.path).unwrap(), *body);
    assert_eq!(listing(&dir), ["a.fits"]);
}

#[test]
fn a_server_without_ranges_makes_the_rerun_start_over() {
    let body = Arc::new(data(50_000));
    let b = body.clone();
    let server = Server::start(move |req, i, s| {
        if i == 0 {
            serve_cut(s, &b, 10_000)
        } else {
            serve(req, s, &b, false, &[])
        }
    });
    let dir = folder("noranges");
    let svc = service();
    let item = record(server.url("/b.fits"), "b");
    assert_eq!(
        svc.download(&item, &dir, Options::default())
            .unwrap_err()
            .kind(),
        ErrorKind::Partial
    );
    let saved = svc.download(&item, &dir, Options::default()).unwrap();
    assert_eq!(saved.how, How::Fetched);
    assert_eq!(std::fs::read(&saved.path).unwrap(), *body);
    assert_eq!(listing(&dir), ["b.fits"]);
}

#[test]
fn checksums_are_verified_and_bad_bytes_never_kept() {
    let body = Arc::new(data(20_000));
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let good_sha = {
        use sha2::Digest;
        b64(&sha2::Sha256::digest(body.as_slice()))
    };
    let b = body.clone();
    let server = Server::start(move |req, _, s| {
        let digest;
        let extra: Vec<(&str, &str)> = match req.target.as_str() {
            "/good" => {
                digest = format!("sha-256=:{good_sha}:");
                vec![("Repr-Digest", digest.as_str())]
            }
            "/bad" => vec![("Digest", "md5=XUFAKrxLKna5cZ2REBfFkg==")],
            _ => vec![("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")],
        };
        serve(req, s, &b, true, &extra)
    });
    let dir = folder("digest");
    let svc = service();
    let ok = svc
        .download(
            &record(server.url("/good"), "good"),
            &dir,
            Options::default(),
        )
        .unwrap();
    assert_eq!(std::fs::read(ok.path).unwrap(), *body);
    for bad in ["/bad", "/badmd5"] {
        let err = svc
            .download(&record(server.url(bad), "bad"), &dir, Options::default())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Checksum, "{}", err.message());
        assert!(err.message().contains("MD5"), "{}", err.message());
    }
    assert_eq!(listing(&dir), ["good.fits"]);
}

#[test]
fn a_body_shorter_than_its_content_length_is_partial() {
    let server = Server::start(|_, _, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n");
        let _ = s.write_all(&[7u8; 1000]);
        let _ = s.shutdown(std::net::Shutdown::Both);
        false
    });
    let dir = folder("short");
    let err = service()
        .download(&record(server.url("/s"), "s"), &dir, Options::default())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Partial, "{}", err.message());
    assert_eq!(listing(&dir), ["s.fits.part"]);
}

#[test]
fn no_title_or_server_name_can_leave_the_folder() {
    let body = Arc::new(data(1000));
    let b = body.clone();
    let server = Server::start(move |req, _, s| {
        serve(
            req,
            s,
            &b,
            true,
            &[(
                "Content-Disposition",
                "attachment; filename=\"../../evil.fits\"",
            )],
        )
    });
    let parent = folder("escape");
    let dir = parent.join("inside");
    std::fs::create_dir(&dir).unwrap();
    let svc = service();
    let titles = [
        "../../etc/x",
        "/abs/path",
        "a\0b",
        "..",
        "CON",
        &"x".repeat(400),
    ];
    let items: Vec<Item> = titles.iter().map(|t| record(server.url("/f"), t)).collect();
    for outcome in svc.download_all(&items, &dir, Options::default()) {
        let saved = outcome.unwrap();
        assert_eq!(saved.path.parent(), Some(dir.as_path()));
        assert!(saved.path.file_name().unwrap().len() <= 255);
    }
    assert_eq!(listing(&parent), ["inside"]);
    assert_eq!(listing(&dir).len(), titles.len());
    // The server's name, when asked for: only its last component, made safe.
    let named = svc
        .download(
            &record(server.url("/f"), "ignored"),
            &dir,
            Options {
                server_name: true,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(named.path, dir.join("evil.fits"));
    assert_eq!(listing(&parent), ["inside"]);
}

#[test]
fn a_204_and_an_error_status_are_clear_failures() {
    let server = Server::start(|req, _, s| match req.target.as_str() {
        "/empty" => reply(s, "204 No Content", &[], b""),
        _ => reply(
            s,
            "404 Not Found",
            &[("Content-Type", "text/plain")],
            b"no such image",
        ),
    });
    let dir = folder("status");
    let svc = service();
    let e = svc
        .download(&record(server.url("/empty"), "e"), &dir, Options::default())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert!(e.message().contains("204"), "{}", e.message());
    let e = svc
        .download(&record(server.url("/gone"), "g"), &dir, Options::default())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert!(e.message().contains("404") && e.message().contains("no such image"));
    assert!(listing(&dir).is_empty());
}

fn links_doc(base: &str) -> String {
    format!(
        r##"<?xml version="1.0"?><VOTABLE version="1.3"><RESOURCE type="results"><TABLE>
<FIELD name="ID" datatype="char" arraysize="*"/><FIELD name="access_url" datatype="char" arraysize="*"/>
<FIELD name="service_def" datatype="char" arraysize="*"/><FIELD name="error_message" datatype="char" arraysize="*"/>
<FIELD name="semantics" datatype="char" arraysize="*"/><FIELD name="content_type" datatype="char" arraysize="*"/>
<DATA><TABLEDATA>
<TR><TD>ivo://x/a</TD><TD>{base}/preview.jpg</TD><TD/><TD/><TD>#preview</TD><TD>image/jpeg</TD></TR>
<TR><TD>ivo://x/a</TD><TD>{base}/a.fits</TD><TD/><TD/><TD>#this</TD><TD>image/fits</TD></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"##
    )
}

#[test]
fn datalink_documents_are_followed_to_the_dataset() {
    let body = Arc::new(data(5000));
    let b = body.clone();
    let base = Arc::new(Mutex::new(String::new()));
    let base2 = base.clone();
    let server = Server::start(move |req, _, s| {
        let dl = ("Content-Type", "application/x-votable+xml;content=datalink");
        if req.target.starts_with("/links") {
            reply(
                s,
                "200 OK",
                &[dl],
                links_doc(&base2.lock().unwrap()).as_bytes(),
            )
        } else {
            serve(req, s, &b, true, &[])
        }
    });
    *base.lock().unwrap() = server.url("");
    let dir = folder("datalink");
    let svc = service();
    // The record says it is a DataLink document ...
    let said = Item {
        url: server.url("/links?ID=a"),
        title: Some("obs a".into()),
        format: Some("application/x-votable+xml;content=datalink".into()),
        name: None,
    };
    // ... or only the server's Content-Type does.
    let unsaid = Item {
        url: server.url("/links?ID=b"),
        title: Some("obs b".into()),
        format: None,
        name: None,
    };
    let out = svc.download_all(&[said.clone(), unsaid], &dir, Options::default());
    let paths: Vec<PathBuf> = out.into_iter().map(|o| o.unwrap().path).collect();
    assert_eq!(paths, [dir.join("obs_a.fits"), dir.join("obs_b.fits")]);
    for p in &paths {
        assert_eq!(std::fs::read(p).unwrap(), *body);
    }
    // Saving the document itself, when asked.
    let kept = svc
        .download(
            &Item {
                title: Some("links".into()),
                ..said
            },
            &dir,
            Options {
                follow_datalink: false,
                ..Options::default()
            },
        )
        .unwrap();
    assert!(
        std::fs::read_to_string(kept.path)
            .unwrap()
            .contains("#this")
    );
}

#[test]
fn a_batch_runs_at_most_jobs_at_once_reports_progress_and_cancels() {
    let body = Arc::new(data(200_000));
    let live = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (b, l, p) = (body.clone(), live.clone(), peak.clone());
    let server = Server::start(move |req, _, s| {
        let now = l.fetch_add(1, Ordering::SeqCst) + 1;
        p.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(30));
        let keep = serve(req, s, &b, true, &[]);
        l.fetch_sub(1, Ordering::SeqCst);
        keep
    });
    let dir = folder("batch");
    let svc = service();
    svc.set_download_jobs(3).unwrap();
    let seen = Arc::new(Mutex::new(Vec::<(u64, Option<u64>)>::new()));
    let seen2 = seen.clone();
    svc.set_progress(Some(Progress(Arc::new(move |done, total| {
        seen2.lock().unwrap().push((done, total));
        true
    }))))
    .unwrap();
    let items: Vec<Item> = (0..10)
        .map(|i| record(server.url(&format!("/{i}")), "same"))
        .collect();
    let out = svc.download_all(&items, &dir, Options::default());
    assert!(out.iter().all(|o| o.is_ok()));
    assert!(
        peak.load(Ordering::SeqCst) <= 3,
        "peak {}",
        peak.load(Ordering::SeqCst)
    );
    assert!(peak.load(Ordering::SeqCst) >= 2, "ran one at a time");
    // Equal titles get pyvo's numbered names, in item order.
    assert_eq!(out[0].as_ref().unwrap().path, dir.join("same.fits"));
    assert_eq!(out[9].as_ref().unwrap().path, dir.join("same-9.fits"));
    // One report over all files: it ends at every byte of all ten, out of their total.
    let last = *seen.lock().unwrap().last().unwrap();
    assert_eq!(last, (2_000_000, Some(2_000_000)));
    assert!(seen.lock().unwrap().iter().all(|(d, _)| *d <= 2_000_000));

    // A progress function that says stop cancels every transfer; only complete files stay.
    let dir = folder("cancel");
    svc.set_progress(Some(Progress(Arc::new(|done, _| done < 300_000))))
        .unwrap();
    let out = svc.download_all(&items, &dir, Options::default());
    let cancelled = out
        .iter()
        .filter(|o| o.as_ref().is_err_and(|e| e.kind() == ErrorKind::Cancelled))
        .count();
    assert!(cancelled >= 7, "{cancelled} cancelled");
    for name in listing(&dir) {
        assert!(!name.ends_with(".part"), "{name} left behind");
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), *body);
    }
}

#[test]
fn the_download_limit_refuses_a_larger_file_at_once() {
    let body = Arc::new(data(10_000));
    let b = body.clone();
    let server = Server::start(move |req, _, s| serve(req, s, &b, true, &[]));
    let dir = folder("limit");
    let svc = service();
    svc.set_max_download_bytes(5_000).unwrap();
    let e = svc
        .download(&record(server.url("/big"), "big"), &dir, Options::default())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{}", e.message());
    assert!(listing(&dir).is_empty());
    assert!(svc.set_download_jobs(0).is_err() && svc.set_download_jobs(65).is_err());
    assert!(svc.set_download_timeout(0.0).is_err());
}

#[test]
fn a_missing_folder_is_an_io_error_that_says_so() {
    let e = service()
        .download(
            &record("http://127.0.0.1:9/x".into(), "x"),
            Path::new("/nonexistent/vosia/dir"),
            Options::default(),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("create it first"), "{}", e.message());
}

/// A response of `n` DataLink rows (access URLs `{base}/links?ID=...`) with the service
/// descriptor that says how to ask for many IDs at once.
fn sia2dl_response(base: &str, n: usize) -> String {
    let mut doc = String::from(
        r#"<VOTABLE version="1.4"><RESOURCE type="results"><TABLE>
<FIELD name="obs_title" datatype="char" arraysize="*"/>
<FIELD name="obs_publisher_did" ID="obs_publisher_did" datatype="char" arraysize="*"/>
<FIELD name="access_url" datatype="char" arraysize="*"/>
<FIELD name="access_format" datatype="char" arraysize="*"/><DATA><TABLEDATA>"#,
    );
    for i in 0..n {
        doc.push_str(&format!(
            "<TR><TD>obs {i}</TD><TD>ivo://x/{i}</TD><TD>{base}/links?ID=ivo://x/{i}</TD>\
             <TD>application/x-votable+xml;content=datalink</TD></TR>"
        ));
    }
    doc.push_str(&format!(
        r#"</TABLEDATA></DATA></TABLE></RESOURCE>
<RESOURCE type="meta" utype="adhoc:service"><GROUP name="inputParams">
<PARAM name="ID" datatype="char" arraysize="*" ref="obs_publisher_did" value=""/></GROUP>
<PARAM name="standardID" datatype="char" arraysize="*" value="ivo://ivoa.net/std/DataLink#links-1.1"/>
<PARAM name="accessURL" datatype="char" arraysize="*" value="{base}/links"/></RESOURCE></VOTABLE>"#
    ));
    doc
}

/// A links document with the #this link of each ID (`{base}/file/N`), the last ID a fault.
fn links_for(base: &str, ids: &[String], overflow: bool) -> String {
    let mut doc = String::from(
        r#"<VOTABLE><RESOURCE type="results"><TABLE>
<FIELD name="ID" datatype="char" arraysize="*"/><FIELD name="access_url" datatype="char" arraysize="*"/>
<FIELD name="error_message" datatype="char" arraysize="*"/><FIELD name="semantics" datatype="char" arraysize="*"/>
<FIELD name="content_type" datatype="char" arraysize="*"/><DATA><TABLEDATA>"#,
    );
    for id in ids {
        let n = id.rsplit('/').next().unwrap();
        if n == "99" {
            doc.push_str(&format!(
                "<TR><TD>{id}</TD><TD/><TD>NotFoundFault: {id}</TD><TD>#this</TD><TD/></TR>"
            ));
        } else {
            doc.push_str(&format!(
                "<TR><TD>{id}</TD><TD>{base}/file/{n}</TD><TD/><TD>#this</TD><TD>image/fits</TD></TR>"
            ));
        }
    }
    doc.push_str("</TABLEDATA></DATA></TABLE>");
    if overflow {
        doc.push_str(r#"<INFO name="QUERY_STATUS" value="OVERFLOW"/>"#);
    }
    doc.push_str("</RESOURCE></VOTABLE>");
    doc
}

#[test]
fn datalink_rows_are_resolved_in_one_request_and_an_overflow_is_followed_up() {
    for (per_answer, want_requests) in [(1000, 1), (60, 2)] {
        let base = Arc::new(Mutex::new(String::new()));
        let b = base.clone();
        let server = Server::start(move |req, _, s| {
            let base = b.lock().unwrap().clone();
            if req.target == "/links" && req.method == "POST" {
                let form = String::from_utf8_lossy(&req.body).into_owned();
                let ids: Vec<String> = form
                    .split('&')
                    .filter_map(|kv| kv.strip_prefix("ID="))
                    .map(|v| {
                        percent_encoding::percent_decode_str(v)
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                    .collect();
                let overflow = ids.len() > per_answer;
                let answer = links_for(&base, &ids[..ids.len().min(per_answer)], overflow);
                reply(
                    s,
                    "200 OK",
                    &[("Content-Type", "application/x-votable+xml;content=datalink")],
                    answer.as_bytes(),
                )
            } else if let Some(n) = req.target.strip_prefix("/file/") {
                reply(
                    s,
                    "200 OK",
                    &[("Content-Type", "image/fits")],
                    format!("file {n}").as_bytes(),
                )
            } else {
                reply(
                    s,
                    "404 Not Found",
                    &[],
                    b"only POST /links and /file/N here",
                )
            }
        });
        *base.lock().unwrap() = server.url("");
        let results = vosia::Results::from_bytes(
            sia2dl_response(&server.url(""), 100).as_bytes(),
            SiaVersion::V2,
        )
        .unwrap();
        assert_eq!(results.descriptors().len(), 1);
        let dir = folder(&format!("dlbatch-{per_answer}"));
        let out = service().download_rows(&results, 0..100, &dir, Options::default());
        let link_requests = server
            .requests()
            .iter()
            .filter(|r| r.target == "/links")
            .count();
        assert_eq!(link_requests, want_requests, "{per_answer} IDs per answer");
        for (i, o) in out.iter().enumerate() {
            if i == 99 {
                let e = o.as_ref().unwrap_err();
                assert_eq!(e.kind(), ErrorKind::Service);
                assert!(e.message().contains("NotFoundFault"), "{}", e.message());
            } else {
                let saved = o.as_ref().unwrap();
                assert_eq!(saved.path, dir.join(format!("obs_{i}.fits")));
                assert_eq!(
                    std::fs::read_to_string(&saved.path).unwrap(),
                    format!("file {i}")
                );
            }
        }
        // No row asked for its own DataLink document.
        assert!(
            server
                .requests()
                .iter()
                .all(|r| !r.target.starts_with("/links?"))
        );
    }
}

#[test]
fn each_file_of_a_batch_reports_its_own_bytes_and_its_end() {
    let body = Arc::new(data(50_000));
    let b = body.clone();
    let server = Server::start(move |req, _, s| {
        if req.target == "/missing" {
            return reply(s, "404 Not Found", &[], b"gone");
        }
        serve(req, s, &b, true, &[])
    });
    let dir = folder("per-file");
    let svc = service();
    let events = Arc::new(Mutex::new(Vec::<String>::new()));
    let e = events.clone();
    svc.set_file_progress(Some(FileProgress(Arc::new(move |event: &FileEvent| {
        e.lock().unwrap().push(match event {
            FileEvent::Progress {
                name,
                read,
                expected,
                ..
            } => format!("{name} {read} {expected:?}"),
            FileEvent::Done { url, outcome, .. } => match outcome {
                Ok(saved) => format!("done {} {:?}", saved.path.display(), saved.how),
                Err(err) => format!("failed {url} {:?}", err.kind()),
            },
        });
        true
    }))))
    .unwrap();
    let items = vec![
        record(server.url("/a"), "a"),
        record(server.url("/missing"), "b"),
    ];
    let out = svc.download_all(&items, &dir, Options::default());
    assert!(out[0].is_ok() && out[1].is_err());
    let seen = events.lock().unwrap().clone();
    assert!(
        seen.contains(&"a.fits 50000 Some(50000)".to_string()),
        "{seen:?}"
    );
    let done_a = format!("done {} Fetched", dir.join("a.fits").display());
    assert!(seen.contains(&done_a), "{seen:?}");
    assert!(
        seen.contains(&format!("failed {} Http", server.url("/missing"))),
        "{seen:?}"
    );
    // Every byte report of a file comes before its end.
    let last_bytes = seen.iter().rposition(|l| l.starts_with("a.fits ")).unwrap();
    assert!(last_bytes < seen.iter().position(|l| *l == done_a).unwrap());

    // A rerun reports the file found in place, with no bytes.
    events.lock().unwrap().clear();
    svc.download_all(&items[..1], &dir, Options::default());
    let seen = events.lock().unwrap().clone();
    assert_eq!(
        seen,
        [format!("done {} Cached", dir.join("a.fits").display())]
    );
    assert_eq!(std::fs::read(dir.join("a.fits")).unwrap(), *body);
}
