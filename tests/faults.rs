//! Network faults like libcurl's test suite has, against a local server (127.0.0.1, port 0):
//! each ends within a bounded time with a clear status, and redirects carry the caller's
//! credentials to the origin asked for only (and to origins the caller trusts).

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

mod common;
use common::{Server, reply};

const XML: (&str, &str) = ("Content-Type", "text/xml");

/// A one-row SIA 1.0 answer.
fn answer() -> Vec<u8> {
    b"<?xml version=\"1.0\"?><VOTABLE><RESOURCE type=\"results\"><TABLE>\
      <FIELD name=\"t\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>\
      <TR><TD>one</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
        .to_vec()
}

fn query(url: &str) -> (Arc<Service>, Query) {
    let service = Arc::new(Service::new(url, SiaVersion::V1).unwrap());
    service.set_timeout(3.0).unwrap();
    let mut q = Query::new(service.clone());
    q.params_mut().set_pos(10.0, 20.0).unwrap();
    (service, q)
}

/// Runs the query of a server whose every answer `handler` writes; returns the error and how
/// long it took.
fn failure(
    handler: impl Fn(&mut TcpStream) + Send + Sync + 'static,
    setup: impl FnOnce(&Service),
) -> (vosia::Error, Duration) {
    let server = Server::start(move |_, _, s| {
        handler(s);
        false
    });
    let (service, q) = query(&server.url("/sia?"));
    setup(&service);
    let started = Instant::now();
    let e = q.execute().err().expect("an error");
    (e, started.elapsed())
}

/// SO_LINGER 0: closing the socket sends a reset, not a FIN.
fn reset_on_close(s: &TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket and a correctly sized option value.
    let rc = unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    assert_eq!(rc, 0);
}

fn head(s: &mut TcpStream, extra: &str) {
    let _ = write!(
        s,
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n{extra}\r\n"
    );
}

#[test]
fn a_never_ending_body_stops_at_the_limit() {
    // Well-formed rows without end, correctly chunked: only the size limit can stop it.
    let (e, took) = failure(
        |s| {
            head(s, "Transfer-Encoding: chunked\r\n");
            let start = "<VOTABLE><RESOURCE><TABLE><FIELD name=\"a\" datatype=\"int\"/>\
                         <DATA><TABLEDATA>";
            let rows = "<TR><TD>1</TD></TR>".repeat(200);
            let chunk = |text: &str| format!("{:x}\r\n{text}\r\n", text.len());
            let _ = s.write_all(chunk(start).as_bytes());
            let rows = chunk(&rows);
            while s.write_all(rows.as_bytes()).is_ok() {}
        },
        |svc| svc.set_max_response_bytes(1 << 20).unwrap(),
    );
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn a_reset_mid_body_is_an_error_naming_the_cut() {
    let (e, took) = failure(
        |s| {
            let body = answer();
            head(s, &format!("Content-Length: {}\r\n", body.len()));
            let _ = s.write_all(&body[..body.len() / 2]);
            let _ = s.flush();
            thread::sleep(Duration::from_millis(50));
            reset_on_close(s);
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
    assert!(e.message().contains("cut short"), "{e}");
    assert!(took < Duration::from_secs(3));
}

#[test]
fn a_gzip_bomb_stops_at_the_limit_after_decompression() {
    use flate2::{Compression, write::GzEncoder};
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(b"<VOTABLE><!--").unwrap();
    for _ in 0..256 {
        gz.write_all(&[b' '; 1 << 20]).unwrap();
    }
    let bomb = Arc::new(gz.finish().unwrap()); // 256 MB in a few hundred KB
    assert!(bomb.len() < 1 << 20);
    let (e, took) = failure(
        move |s| {
            head(
                s,
                &format!(
                    "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
                    bomb.len()
                ),
            );
            let _ = s.write_all(&bomb);
        },
        |svc| svc.set_max_response_bytes(8 << 20).unwrap(),
    );
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn a_broken_chunked_encoding_is_an_error() {
    let (e, _) = failure(
        |s| {
            head(s, "Transfer-Encoding: chunked\r\n");
            let _ = s.write_all(b"10\r\n<VOTABLE><RESOURCE>\r\nzz\r\nnot a chunk size\r\n");
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
}

#[test]
fn a_content_length_longer_than_the_body_is_cut_short() {
    let (e, took) = failure(
        |s| {
            let body = answer();
            head(s, &format!("Content-Length: {}\r\n", body.len() + 100));
            let _ = s.write_all(&body);
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
    assert!(e.message().contains("cut short"), "{e}");
    assert!(took < Duration::from_secs(3));
}

#[test]
fn a_content_length_shorter_than_the_body_reads_what_it_announced() {
    // The announced length ends inside the document: what follows is not part of it.
    let (e, _) = failure(
        |s| {
            let body = answer();
            head(s, &format!("Content-Length: {}\r\n", body.len() - 30));
            let _ = s.write_all(&body);
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
}

#[test]
fn an_announced_length_over_the_limit_is_refused_before_reading() {
    // Announces 2 GB and then sends nothing: refused at once, not after a timeout.
    let (e, took) = failure(
        |s| {
            head(s, "Content-Length: 2000000000\r\n");
            let _ = s.write_all(b"<VOTABLE>");
            thread::sleep(Duration::from_secs(5));
        },
        |svc| svc.set_max_response_bytes(1 << 20).unwrap(),
    );
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    assert!(e.message().contains("announces 2000000000 bytes"), "{e}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn an_empty_204_says_204() {
    let (e, _) = failure(
        |s| {
            let _ = s.write_all(b"HTTP/1.1 204 No Content\r\n\r\n");
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Format, "{e}");
    assert!(e.message().contains("204"), "{e}");
}

#[test]
fn a_redirect_loop_and_a_redirect_to_a_file_are_said_to_be_so() {
    let (e, took) = failure(
        |s| {
            let _ = reply(s, "302 Found", &[("Location", "/sia?again")], b"");
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Http, "{e}");
    assert!(e.message().contains("more than 10 times"), "{e}");
    assert!(took < Duration::from_secs(3));
    let (e, _) = failure(
        |s| {
            let _ = reply(s, "302 Found", &[("Location", "file:///etc/passwd")], b"");
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Http, "{e}");
    assert!(e.message().contains("http and https URLs only"), "{e}");
}

#[test]
fn credentials_go_to_the_origin_asked_for_only() {
    // The second server is another origin (another port).
    let other = Server::start(|_, _, s| reply(s, "200 OK", &[XML], &answer()));
    let elsewhere = other.url("/moved");
    let first = Server::start(move |req, _, s| {
        if req.target.starts_with("/sia") {
            reply(s, "302 Found", &[("Location", "/same")], b"")
        } else {
            reply(
                s,
                "307 Temporary Redirect",
                &[("Location", &elsewhere)],
                b"",
            )
        }
    });
    let (service, q) = query(&first.url("/sia?"));
    for (name, value) in [
        ("Authorization", "Bearer t0ken"),
        ("Cookie", "s=1"),
        ("X-Api-Key", "k"),
    ] {
        service.add_header(name, value).unwrap();
    }
    assert_eq!(q.execute().unwrap().row_count(), 1);
    let same = &first.requests()[1];
    assert_eq!(same.target, "/same");
    for name in ["Authorization", "Cookie", "X-Api-Key"] {
        assert!(
            same.header(name).is_some(),
            "{name} kept on the same origin"
        );
        let moved = &other.requests()[0];
        assert_eq!(moved.header(name), None, "{name} sent to another origin");
    }
}

#[test]
fn credentials_follow_a_redirect_to_an_origin_the_caller_trusts() {
    let data_host = Server::start(|_, _, s| reply(s, "200 OK", &[XML], &answer()));
    let elsewhere = data_host.url("/moved");
    let first =
        Server::start(move |_, _, s| reply(s, "302 Found", &[("Location", &elsewhere)], b""));
    let (service, q) = query(&first.url("/sia?"));
    service.add_header("Authorization", "Bearer t0ken").unwrap();
    let origin = data_host.url("/");
    service.trust_redirects_to(&origin).unwrap();
    service.trust_redirects_to(&origin).unwrap(); // twice is once
    assert_eq!(q.execute().unwrap().row_count(), 1);
    assert_eq!(
        data_host.requests()[0].header("Authorization"),
        Some("Bearer t0ken")
    );
    assert_eq!(service.settings().trusted_origins.len(), 1);
    let e = service
        .trust_redirects_to(&data_host.url("/moved"))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArg, "{e}");
}

#[test]
fn a_password_in_the_url_never_shows_in_a_message() {
    let (service, q) = query("http://ann:s3cret@127.0.0.1:9/sia?");
    service.set_timeout(2.0).unwrap();
    let e = q.execute().err().unwrap();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
    assert!(!e.message().contains("s3cret"), "{e}");
    assert!(e.message().contains("ann:***@127.0.0.1:9"), "{e}");
}

#[test]
fn server_text_in_messages_is_decoded_and_stripped_of_controls() {
    let (e, _) = failure(
        |s| {
            let _ = reply(
                s,
                "400 Bad Request",
                &[("Content-Type", "text/html")],
                b"<html><body><p>&lt;POS&gt; isn&#39;t valid\x1b[31m here</p></body></html>",
            );
        },
        |_| {},
    );
    assert_eq!(e.kind(), ErrorKind::Http, "{e}");
    assert!(e.message().contains("<POS> isn't valid here"), "{e}");
    assert!(!e.message().contains('\u{1b}'), "{e}");
}
