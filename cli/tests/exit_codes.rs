//! Every exit status `vosia --help` documents, produced against a local test server (or a
//! closed port), each with the one-line message that goes with it.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Server, reply};

fn vosia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vosia"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("vosia runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("an exit status, not a signal")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A one-row SIA 1.0 response whose access URL is `url`.
fn sia1_rows(urls: &[String]) -> String {
    let rows: String = urls
        .iter()
        .enumerate()
        .map(|(i, u)| {
            format!(
                "<TR><TD>image {i}</TD><TD>10</TD><TD>41</TD><TD>image/fits</TD><TD>{u}</TD></TR>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?>
<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results">
<INFO name="QUERY_STATUS" value="OK"/>
<TABLE>
<FIELD name="title" datatype="char" arraysize="*" ucd="VOX:Image_Title"/>
<FIELD name="ra" datatype="double" ucd="POS_EQ_RA_MAIN"/>
<FIELD name="dec" datatype="double" ucd="POS_EQ_DEC_MAIN"/>
<FIELD name="format" datatype="char" arraysize="*" ucd="VOX:Image_Format"/>
<FIELD name="url" datatype="char" arraysize="*" ucd="VOX:Image_AccessReference"/>
<DATA><TABLEDATA>{rows}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"#
    )
}

const LINKS: &str = r#"<?xml version="1.0"?>
<VOTABLE version="1.3"><RESOURCE type="results"><TABLE>
<FIELD name="ID" datatype="char" arraysize="*" ucd="meta.id;meta.main"/>
<FIELD name="access_url" datatype="char" arraysize="*" ucd="meta.ref.url"/>
<FIELD name="semantics" datatype="char" arraysize="*" ucd="meta.code"/>
<DATA><TABLEDATA><TR><TD>ivo://x/1</TD><TD>http://127.0.0.1/1.fits</TD><TD>#this</TD></TR></TABLEDATA></DATA>
</TABLE></RESOURCE></VOTABLE>"#;

const SERVICE_ERROR: &str = r#"<?xml version="1.0"?>
<VOTABLE version="1.3"><RESOURCE type="results">
<INFO name="QUERY_STATUS" value="ERROR">POS: 'abc' is not a position</INFO>
</RESOURCE></VOTABLE>"#;

/// A server answering by path: /ok (one record), /empty, /500, /html, /error (a service
/// error document), /file (a FITS-ish body), /missing (404), /slow (drips for 30 s).
fn server() -> Server {
    Server::start(|req, _, stream| {
        let path = req.target.split('?').next().unwrap_or("");
        let here = format!(
            "http://{}",
            stream
                .local_addr()
                .map(|a| a.to_string())
                .unwrap_or_default()
        );
        let votable = [("Content-Type", "application/x-votable+xml")];
        match path {
            "/ok" => reply(
                stream,
                "200 OK",
                &votable,
                sia1_rows(&[format!("{here}/file")]).as_bytes(),
            ),
            "/empty" => reply(stream, "200 OK", &votable, sia1_rows(&[]).as_bytes()),
            "/two" => {
                let urls = [format!("{here}/file"), format!("{here}/missing")];
                reply(stream, "200 OK", &votable, sia1_rows(&urls).as_bytes())
            }
            "/slowrows" => {
                let urls = [format!("{here}/slow")];
                reply(stream, "200 OK", &votable, sia1_rows(&urls).as_bytes())
            }
            "/500" => reply(stream, "500 Internal Server Error", &[], b"database down"),
            "/html" => reply(
                stream,
                "200 OK",
                &[("Content-Type", "text/html")],
                b"<html><body>Log in first</body></html>",
            ),
            "/error" => reply(stream, "200 OK", &votable, SERVICE_ERROR.as_bytes()),
            "/links" => reply(stream, "200 OK", &votable, LINKS.as_bytes()),
            "/file" => reply(
                stream,
                "200 OK",
                &[("Content-Type", "image/fits")],
                &[b'S'; 2880],
            ),
            "/slow" => {
                let head =
                    "HTTP/1.1 200 OK\r\nContent-Type: image/fits\r\nContent-Length: 100000\r\n\r\n";
                if stream.write_all(head.as_bytes()).is_err() {
                    return false;
                }
                for _ in 0..300 {
                    std::thread::sleep(Duration::from_millis(100));
                    if stream.write_all(&[b'S'; 64]).is_err() {
                        break;
                    }
                }
                false
            }
            "/hang" => {
                std::thread::sleep(Duration::from_secs(5));
                false
            }
            _ => reply(stream, "404 Not Found", &[], b"no such thing"),
        }
    })
}

fn search(server: &Server, path: &str, extra: &[&str]) -> Output {
    let url = server.url(path);
    let mut args = vec![
        "search",
        url.as_str(),
        "--sia1",
        "--pos",
        "10,41",
        "--size",
        "0.1",
    ];
    args.extend_from_slice(extra);
    vosia(&args)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vosia-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn help_lists_every_exit_status() {
    let out = vosia(&["--help"]);
    assert_eq!(code(&out), 0);
    let help = String::from_utf8_lossy(&out.stdout);
    for status in [
        "0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 ", "10 ", "70 ", "130 ",
    ] {
        assert!(
            help.contains(&format!("\n  {status}")),
            "status {status} missing:\n{help}"
        );
    }
}

#[test]
fn success_is_0_and_nothing_found_is_0_or_1_with_fail_empty() {
    let s = server();
    let out = search(&s, "/ok", &["--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("title,ra,dec,format,url\n"));
    assert_eq!(code(&search(&s, "/empty", &[])), 0);
    let out = search(&s, "/empty", &["--fail-empty"]);
    assert_eq!(code(&out), 1);
}

#[test]
fn usage_errors_are_2_with_a_message_that_says_what_to_do() {
    let s = server();
    let url = s.url("/ok");
    for (args, says) in [
        (
            vec!["search", &url, "--pos", "abc,41", "--size", "1"],
            "not a number",
        ),
        (
            vec!["search", &url, "--pos", "10,95", "--size", "1"],
            "out of range",
        ),
        (
            vec!["search", &url, "-t", "abc"],
            "unexpected argument '-t'",
        ),
        (vec!["search", &url, "--timeout", "0"], "seconds above 0"),
        (
            vec!["search", &url, "--sia1", "--size", "1"],
            "needs a position",
        ),
        (
            vec!["search", &url, "--sia1", "--circle", "10,41,0.1"],
            "--pos 10,41 --size 0.2",
        ),
        (
            vec!["search", &url, "--sia2", "--pos", "10,41", "--size", "1"],
            "--circle 10,41,0.5",
        ),
        (
            vec![
                "search", &url, "--sia1", "--pos", "10,41", "--size", "1", "POS",
            ],
            "NAME=VALUE",
        ),
        (
            vec!["download", "--votable", "saved.xml", "--pos", "10,41"],
            "does not apply to --votable",
        ),
        (vec!["download", &url, "--jobs", "0"], "0 is not in 1..=64"),
    ] {
        let out = vosia(&args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "one line: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_local_file_that_cannot_be_written_is_3() {
    let s = server();
    let out = search(&s, "/ok", &["-o", "/nonexistent-folder/out.csv"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("/nonexistent-folder/out.csv"));
}

#[test]
fn a_closed_port_is_4() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/sia?");
    let out = vosia(&["search", &url, "--sia1", "--pos", "10,41", "--size", "1"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    // Finding the version out fails the same way.
    let out = vosia(&["search", &url, "--pos", "10,41", "--size", "1"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
}

#[test]
fn a_server_that_does_not_answer_is_5_within_the_timeout() {
    let s = server();
    let started = Instant::now();
    let out = search(&s, "/hang", &["--timeout", "0.5", "--retries", "0"]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_tls_handshake_with_a_server_that_speaks_plain_http_is_6() {
    // What a misconfigured port sends: a plain HTTP answer to the TLS ClientHello.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten().take(4) {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let url = format!("https://127.0.0.1:{port}/sia?");
    let out = vosia(&["search", &url, "--sia1", "--pos", "10,41", "--size", "1"]);
    assert_eq!(code(&out), 6, "{}", stderr(&out));
}

#[test]
fn an_http_error_is_7_with_the_status() {
    let s = server();
    let out = search(&s, "/500", &["--retries", "0"]);
    assert_eq!(code(&out), 7, "{}", stderr(&out));
    assert!(stderr(&out).contains("500"), "{}", stderr(&out));
}

#[test]
fn the_service_s_own_error_is_8_with_its_text() {
    let s = server();
    let out = search(&s, "/error", &[]);
    assert_eq!(code(&out), 8, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("'abc' is not a position"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unreadable_response_is_9() {
    let s = server();
    let out = search(&s, "/html", &[]);
    assert_eq!(code(&out), 9, "{}", stderr(&out));
    assert!(stderr(&out).contains("text/html"), "{}", stderr(&out));
}

#[test]
fn a_partial_download_is_10_and_keeps_the_complete_file() {
    let s = server();
    let dir = temp_dir("partial");
    let url = s.url("/two");
    let d = dir.to_string_lossy().into_owned();
    let out = vosia(&[
        "download", &url, "--sia1", "--pos", "10,41", "--size", "1", "--dir", &d,
    ]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    assert_eq!(files_in(&dir), ["image_0.fits"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "only the file in place: {stdout}"
    );
    assert!(
        stderr(&out).contains("record 2 (image 1)"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn datalink_targets_that_fail_are_10_and_the_others_are_written() {
    let s = server();
    let (good, bad) = (s.url("/links"), s.url("/missing"));
    let out = vosia(&["datalink", &good, &bad, "-f", "csv", "-c", "ID,semantics"]);
    assert_eq!(code(&out), 10, "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "ID,semantics\nivo://x/1,#this\n"
    );
    assert!(stderr(&out).contains(&bad), "{}", stderr(&out));
    // Nothing found at all: the failure's own status.
    assert_eq!(code(&vosia(&["datalink", &bad])), 7);
}

#[cfg(unix)]
#[test]
fn ctrl_c_is_130_and_leaves_no_partial_file() {
    let s = server();
    let dir = temp_dir("cancel");
    let url = s.url("/slowrows");
    let d = dir.to_string_lossy().into_owned();
    let child = Command::new(env!("CARGO_BIN_EXE_vosia"))
        .args([
            "download", &url, "--sia1", "--pos", "10,41", "--size", "1", "--dir", &d,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the transfer is under way (the .part file exists), then interrupt.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !files_in(&dir).iter().any(|n| n.ends_with(".part")) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        files_in(&dir).iter().any(|n| n.ends_with(".part")),
        "the download started"
    );
    send_signal(child.id(), 2);
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 130, "{}", stderr(&out));
    assert!(files_in(&dir).is_empty(), "left: {:?}", files_in(&dir));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sends `signal` to `pid` with kill(1), so the test needs no libc binding of its own.
#[cfg(unix)]
fn send_signal(pid: u32, signal: i32) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
