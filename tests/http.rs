//! Transport behaviour against a local HTTP server (127.0.0.1, port 0, one thread per
//! connection): status codes, error bodies, retries, timeouts, truncation, gzip, redirects,
//! HTML at 200, the size limit, the headers sent, and connection reuse.
//!
//! Every server loop is bounded: connections time out after a few seconds and the accept loop
//! stops when the test's `Server` is dropped.

use std::io::Write;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

mod common;
use common::{Server, reply};

const XML: (&str, &str) = ("Content-Type", "application/x-votable+xml");

fn votable(rows: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\
         <RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>\
         <FIELD name=\"title\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_Title\"/>\
         <FIELD name=\"ra\" datatype=\"double\" ucd=\"POS_EQ_RA_MAIN\"/>\
         <FIELD name=\"dec\" datatype=\"double\" ucd=\"POS_EQ_DEC_MAIN\"/>\
         <FIELD name=\"url\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/>\
         <DATA><TABLEDATA>\n",
    );
    for i in 0..rows {
        s.push_str(&format!(
            "<TR><TD>image {i}</TD><TD>{}</TD><TD>-5.25</TD><TD>http://127.0.0.1/x/{i}.fits</TD></TR>\n",
            10.0 + i as f64 / 8.0
        ));
    }
    s.push_str("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>\n");
    s
}

fn error_votable(message: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\"><RESOURCE type=\"results\">\
         <INFO name=\"QUERY_STATUS\" value=\"ERROR\">{message}</INFO></RESOURCE></VOTABLE>"
    )
}

fn fail(q: &mut Query) -> vosia::Error {
    match q.execute() {
        Ok(r) => panic!("expected an error, got {} rows", r.row_count()),
        Err(e) => e,
    }
}

fn sia1(server: &Server) -> (Arc<Service>, Query) {
    let service = Arc::new(Service::new(&server.url("/sia"), SiaVersion::V1).unwrap());
    let mut q = Query::new(service.clone());
    q.params_mut().set_pos(10.5, -5.25).unwrap();
    q.params_mut().set_size(0.2, 0.2).unwrap();
    (service, q)
}

#[test]
fn success_sends_the_exact_url_and_parses() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(3).as_bytes()));
    let (_svc, mut q) = sia1(&server);
    q.params_mut().set_format("image/fits").unwrap();
    let url = q.url();
    let r = q.execute().expect("execute");
    assert_eq!(r.row_count(), 3);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(server.url(&reqs[0].target), url);
    assert_eq!(
        reqs[0].target,
        "/sia?POS=10.5,-5.25&SIZE=0.2&FORMAT=image/fits"
    );
}

#[test]
fn base_url_query_string_is_kept() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(1).as_bytes()));
    let service =
        Arc::new(Service::new(&server.url("/sia2?COLLECTION=x&"), SiaVersion::V2).unwrap());
    let mut q = Query::new(service);
    q.params_mut().add_circle(1.0, 2.0, 0.5).unwrap();
    q.params_mut().add_range(359.0, 1.0, -1.0, 1.0).unwrap();
    q.execute().expect("execute");
    assert_eq!(
        server.requests()[0].target,
        "/sia2?COLLECTION=x&POS=CIRCLE%201%202%200.5&POS=RANGE%20359%20360%20-1%201&POS=RANGE%200%201%20-1%201"
    );
}

#[test]
fn headers_sent_user_agent_custom_and_gzip() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(1).as_bytes()));
    let (svc, q) = sia1(&server);
    svc.add_header("X-Token", "secret 123").unwrap();
    svc.add_header("Cookie", "session=abc").unwrap();
    q.execute().expect("execute");
    let req = &server.requests()[0];
    assert_eq!(
        req.header("user-agent"),
        Some(format!("vosia/{}", vosia::VERSION).as_str())
    );
    assert_eq!(req.header("x-token"), Some("secret 123"));
    assert_eq!(req.header("cookie"), Some("session=abc"));
    assert!(req.header("accept-encoding").unwrap_or("").contains("gzip"));
}

#[test]
fn gzip_body_is_decoded() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(votable(50).as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    let server =
        Server::start(move |_, _, s| reply(s, "200 OK", &[XML, ("Content-Encoding", "gzip")], &gz));
    let (_svc, q) = sia1(&server);
    assert_eq!(q.execute().expect("gzip").row_count(), 50);
}

#[test]
fn redirects_are_followed() {
    let server = Server::start(|req, _, s| {
        if req.target.starts_with("/sia?") {
            let to = format!("/moved{}", &req.target[4..]);
            reply(s, "302 Found", &[("Location", &to)], b"")
        } else {
            reply(s, "200 OK", &[XML], votable(2).as_bytes())
        }
    });
    let (_svc, q) = sia1(&server);
    assert_eq!(q.execute().expect("redirect").row_count(), 2);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert!(reqs[1].target.starts_with("/moved?POS=10.5,-5.25"));
}

#[test]
fn not_found_is_http_with_status_line() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "404 Not Found",
            &[("Content-Type", "text/html")],
            b"<html><head><title>Not here</title></head><body><h1>No such service</h1></body></html>",
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(
        err.message().contains("HTTP 404 Not Found"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("No such service"),
        "{}",
        err.message()
    );
    assert!(!err.message().contains("<h1>"), "{}", err.message());
}

#[test]
fn server_error_keeps_the_body_text() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "500 Internal Server Error",
            &[("Content-Type", "text/plain")],
            b"database exploded while matching POS",
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(
        err.message().contains("HTTP 500 Internal Server Error"),
        "{}",
        err.message()
    );
    assert!(
        err.message()
            .contains("database exploded while matching POS")
    );
}

#[test]
fn votable_error_document_at_500_is_service() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "500 Internal Server Error",
            &[XML],
            error_votable("UsageFault: bad POS").as_bytes(),
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Service, "{}", err.message());
    assert!(err.message().contains("UsageFault: bad POS"));
    assert!(err.message().contains("500"));
}

#[test]
fn votable_error_document_at_200_is_service() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "200 OK",
            &[("Content-Type", "text/xml")],
            error_votable("Field POS: bad").as_bytes(),
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Service);
    assert!(
        err.message().contains("Field POS: bad"),
        "{}",
        err.message()
    );
}

#[test]
fn retry_after_503_then_success() {
    let server = Server::start(|_, i, s| {
        if i == 0 {
            reply(
                s,
                "503 Service Unavailable",
                &[("Retry-After", "1"), ("Content-Type", "text/plain")],
                b"busy",
            )
        } else {
            reply(s, "200 OK", &[XML], votable(1).as_bytes())
        }
    });
    let (_svc, q) = sia1(&server);
    let start = Instant::now();
    assert_eq!(q.execute().expect("after retry").row_count(), 1);
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(950),
        "Retry-After not honoured: {took:?}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn too_many_requests_exhausts_retries() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "429 Too Many Requests",
            &[("Retry-After", "0")],
            b"slow down",
        )
    });
    let (svc, mut q) = sia1(&server);
    svc.set_retries(2, 5.0).unwrap();
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(
        err.message().contains("HTTP 429 Too Many Requests"),
        "{}",
        err.message()
    );
    assert!(err.message().contains("2 retries"), "{}", err.message());
    assert!(err.message().contains("slow down"));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn retry_after_beyond_budget_gives_up_at_once() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "503 Service Unavailable",
            &[("Retry-After", "3600")],
            b"maintenance",
        )
    });
    let (_svc, mut q) = sia1(&server);
    let start = Instant::now();
    let err = fail(&mut q);
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(err.message().contains("3600"), "{}", err.message());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_server_that_never_answers_times_out_within_bound() {
    let server = Server::start(|_, _, _| {
        thread::sleep(Duration::from_secs(3));
        false
    });
    let (svc, mut q) = sia1(&server);
    svc.set_timeout(1.0).unwrap();
    let start = Instant::now();
    let err = fail(&mut q);
    let took = start.elapsed();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{}", err.message());
    eprintln!("never answers: {}", err.message());
    assert!(took >= Duration::from_millis(900), "{took:?}");
    assert!(
        took < Duration::from_millis(2500),
        "timeout overshot: {took:?}"
    );
}

#[test]
fn a_body_that_drips_past_the_deadline_times_out() {
    let server = Server::start(|_, _, s| {
        let body = votable(200);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(head.as_bytes());
        for chunk in body.as_bytes().chunks(200).take(30) {
            if s.write_all(chunk).is_err() {
                break;
            }
            thread::sleep(Duration::from_millis(100));
        }
        false
    });
    let (svc, mut q) = sia1(&server);
    svc.set_timeout(1.0).unwrap();
    let start = Instant::now();
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Timeout, "{}", err.message());
    assert!(start.elapsed() < Duration::from_millis(2500));
}

#[test]
fn connection_refused_is_connect() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let service =
        Arc::new(Service::new(&format!("http://127.0.0.1:{port}/sia"), SiaVersion::V1).unwrap());
    let mut q = Query::new(service);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Connect, "{}", err.message());
    assert!(err.message().contains("refused"), "{}", err.message());
}

#[test]
fn a_refused_connection_is_connect_for_every_kind_of_request() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}/svc/siap2.xml?");
    let svc = Service::new(&base, SiaVersion::V2).unwrap();
    let kinds = [
        ("metadata", svc.metadata().map(|_| ()).unwrap_err()),
        ("capabilities", svc.capabilities().map(|_| ()).unwrap_err()),
        ("availability", svc.availability().map(|_| ()).unwrap_err()),
        (
            "discover",
            Service::discover(&base, Default::default())
                .map(|_| ())
                .unwrap_err(),
        ),
    ];
    for (what, err) in kinds {
        assert_eq!(err.kind(), ErrorKind::Connect, "{what}: {}", err.message());
        assert!(
            err.message().contains("refused"),
            "{what}: {}",
            err.message()
        );
    }
}

#[test]
fn the_progress_function_sees_every_byte_and_can_cancel() {
    use std::sync::atomic::AtomicU64;
    use vosia::http::Progress;
    let body = votable(2000);
    let len = body.len() as u64;
    let server = Server::start(move |_, _, s| reply(s, "200 OK", &[XML], body.as_bytes()));
    let (svc, q) = sia1(&server);
    let seen = Arc::new(AtomicU64::new(0));
    let expected = Arc::new(Mutex::new(None));
    let (seen2, expected2) = (Arc::clone(&seen), Arc::clone(&expected));
    svc.set_progress(Some(Progress(Arc::new(move |done, total| {
        seen2.fetch_max(done, Ordering::SeqCst);
        *expected2.lock().unwrap() = total;
        true
    }))))
    .unwrap();
    assert_eq!(q.execute().expect("execute").row_count(), 2000);
    assert_eq!(
        seen.load(Ordering::SeqCst),
        len,
        "the last report is the whole body"
    );
    assert_eq!(
        *expected.lock().unwrap(),
        Some(len),
        "Content-Length is the total"
    );

    // Asking to stop after the first chunk cancels at once.
    let calls = Arc::new(AtomicUsize::new(0));
    let calls2 = Arc::clone(&calls);
    svc.set_progress(Some(Progress(Arc::new(move |done, _| {
        calls2.fetch_add(1, Ordering::SeqCst);
        done == 0
    }))))
    .unwrap();
    let err = q.execute().map(|_| ()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled, "{}", err.message());
    assert!(
        err.message().contains("progress function"),
        "{}",
        err.message()
    );
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "headers, then the first chunk"
    );
    svc.set_progress(None).unwrap();
    assert_eq!(q.execute().expect("no progress function").row_count(), 2000);
}

#[test]
fn a_body_cut_mid_row_is_an_error_not_a_short_table() {
    // Content-Length promises more than is sent; the connection closes inside a row.
    let server = Server::start(|_, _, s| {
        let body = votable(20);
        let cut = body.find("<TD>image 12</TD>").unwrap() + 8;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(&body.as_bytes()[..cut]);
        false
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Format, "{}", err.message());
    assert!(err.message().contains("cut short"), "{}", err.message());
    eprintln!("cut with Content-Length: {}", err.message());

    // No length at all: the close looks like the end, and the reader finds the document cut.
    let server = Server::start(|_, _, s| {
        let body = votable(20);
        let cut = body.find("<TD>image 12</TD>").unwrap() + 8;
        let _ =
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n");
        let _ = s.write_all(&body.as_bytes()[..cut]);
        false
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Format, "{}", err.message());
}

#[test]
fn html_at_200_is_format_with_type_and_start() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            b"<!DOCTYPE html><html><body>Please log in</body></html>",
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Format);
    assert!(err.message().contains("text/html"), "{}", err.message());
    assert!(err.message().contains("Please log in"), "{}", err.message());
}

#[test]
fn json_at_200_is_format() {
    let server = Server::start(|_, _, s| {
        reply(
            s,
            "200 OK",
            &[("Content-Type", "application/json")],
            b"{\"rows\": []}",
        )
    });
    let (_svc, mut q) = sia1(&server);
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::Format);
    assert!(
        err.message().contains("application/json"),
        "{}",
        err.message()
    );
}

#[test]
fn a_response_over_the_size_limit_is_too_large() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(2000).as_bytes()));
    let (svc, mut q) = sia1(&server);
    svc.set_max_response_bytes(10_000).unwrap();
    let err = fail(&mut q);
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{}", err.message());
    assert!(err.message().contains("10000"));
    svc.set_max_response_bytes(0).unwrap();
    assert_eq!(q.execute().expect("no limit").row_count(), 2000);
}

#[test]
fn connections_are_reused_across_queries_of_one_service() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(5).as_bytes()));
    let (svc, q) = sia1(&server);
    svc.set_keepalive(true).unwrap();
    for _ in 0..3 {
        assert_eq!(q.execute().expect("execute").row_count(), 5);
    }
    let mut other = Query::new(svc.clone());
    other.params_mut().set_pos(1.0, 2.0).unwrap();
    other.execute().expect("second query");
    assert_eq!(server.requests().len(), 4);
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "one kept-alive connection"
    );
}

#[test]
fn service_metadata_and_capabilities() {
    let server = Server::start(|req, _, s| {
        if req.target.starts_with("/svc/capabilities") {
            reply(
                s,
                "200 OK",
                &[("Content-Type", "text/xml")],
                br#"<cap:capabilities xmlns:cap="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<capability standardID="ivo://ivoa.net/std/SIA#query-2.0"><interface xsi:type="vs:ParamHTTP"><accessURL>http://127.0.0.1:1/q2</accessURL></interface></capability>
</cap:capabilities>"#,
            )
        } else if req.target.contains("MAXREC=0") {
            reply(
                s,
                "200 OK",
                &[XML],
                br#"<VOTABLE><RESOURCE type="meta"><PARAM name="INPUT:POS" datatype="char" value=""/><TABLE><FIELD name="obs_id" datatype="char"/></TABLE></RESOURCE></VOTABLE>"#,
            )
        } else {
            reply(s, "404 Not Found", &[], b"no")
        }
    });
    let svc = Service::new(&server.url("/svc/q.xml?"), SiaVersion::V2).unwrap();
    let meta = svc.metadata().expect("metadata");
    assert_eq!(meta.params[0].name(), "POS");
    assert_eq!(meta.columns[0].name(), "obs_id");
    svc.metadata().expect("cached");
    let caps = svc.capabilities().expect("capabilities");
    assert_eq!(caps.len(), 1);
    let discovered = Service::discover(&server.url("/svc"), Default::default()).expect("discover");
    assert_eq!(discovered.base_url(), "http://127.0.0.1:1/q2");
    assert_eq!(discovered.version(), SiaVersion::V2);
    let requests = server.requests();
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.target.contains("MAXREC"))
            .count(),
        1,
        "cached"
    );
}

#[test]
fn keepalive_off_opens_a_connection_per_request() {
    let server = Server::start(|req, _, s| {
        let keep = req.header("connection") != Some("close");
        let close = [XML, ("Connection", "close")];
        let headers: &[(&str, &str)] = if keep { &[XML] } else { &close };
        reply(s, "200 OK", headers, votable(1).as_bytes()) && keep
    });
    let (svc, q) = sia1(&server);
    // The default for plain http: a connection per request.
    q.execute().expect("execute");
    svc.set_keepalive(false).unwrap();
    for _ in 0..2 {
        q.execute().expect("execute");
    }
    assert_eq!(server.connections.load(Ordering::SeqCst), 3);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("connection") == Some("close"))
    );
}

fn sia2_with_circles(server: &Server, n: usize) -> (Arc<Service>, Query) {
    let service =
        Arc::new(Service::new(&server.url("/sia2?COLLECTION=x&"), SiaVersion::V2).unwrap());
    let mut q = Query::new(service.clone());
    for i in 0..n {
        q.params_mut()
            .add_circle(10.0 + i as f64 * 0.001, 41.27, 0.01)
            .unwrap();
    }
    (service, q)
}

#[test]
fn a_query_longer_than_post_above_is_posted_with_the_same_parameters() {
    let server = Server::start(|_, _, s| reply(s, "200 OK", &[XML], votable(2).as_bytes()));
    let (service, q) = sia2_with_circles(&server, 600);
    let url = q.url();
    assert!(url.len() > 4096);
    assert_eq!(q.execute().unwrap().row_count(), 2);
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    // To the base URL as given (its own query string kept), the parameters in the body.
    assert_eq!(req.target, "/sia2?COLLECTION=x&");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        q.params().query_string()
    );
    // A short query stays a GET; 0 POSTs every query.
    let (_, short) = sia2_with_circles(&server, 1);
    short.execute().unwrap();
    assert_eq!(server.requests()[1].method, "GET");
    service.set_post_above(0).unwrap();
    let one = Query::new(service.clone());
    one.execute().unwrap();
    assert_eq!(server.requests()[2].method, "POST");
}

#[test]
fn a_long_url_the_server_drops_is_said_to_be_too_long_not_unreachable() {
    // As DaCHS does with a 21 KB URL: the connection closes without an answer.
    let server = Server::start(|_, _, s| {
        let _ = s.shutdown(std::net::Shutdown::Both);
        false
    });
    let (service, mut q) = sia2_with_circles(&server, 600);
    service.set_post_above(u64::MAX).unwrap();
    let e = fail(&mut q);
    assert_eq!(e.kind(), ErrorKind::Http, "{}", e.message());
    assert!(
        e.message().contains("without answering a GET of"),
        "{}",
        e.message()
    );
    assert!(
        e.message().contains("vosia_service_set_post_above"),
        "{}",
        e.message()
    );
    // A 414 says what to do too.
    let server = Server::start(|_, _, s| reply(s, "414 URI Too Long", &[], b""));
    let (service, mut q) = sia2_with_circles(&server, 600);
    service.set_post_above(u64::MAX).unwrap();
    let e = fail(&mut q);
    assert_eq!(e.kind(), ErrorKind::Http);
    assert!(
        e.message().contains("414") && e.message().contains("set_post_above"),
        "{}",
        e.message()
    );
}

#[test]
fn execute_saving_keeps_the_exact_bytes_and_nothing_on_failure() {
    // Bytes after </VOTABLE> are part of the response too.
    let body = format!("{}\n<!-- served by the test -->\n", votable(4));
    let b = body.clone();
    let server = Server::start(move |req, _, s| {
        if req.target.contains("SIZE=0.2") {
            reply(s, "200 OK", &[XML], b.as_bytes())
        } else {
            reply(
                s,
                "200 OK",
                &[XML],
                error_votable("UsageFault: no").as_bytes(),
            )
        }
    });
    let dir = std::env::temp_dir().join(format!("vosia-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("response.xml");
    let (service, q) = sia1(&server);
    assert_eq!(q.execute_saving(&path).unwrap().row_count(), 4);
    assert_eq!(std::fs::read(&path).unwrap(), body.as_bytes());
    // The saved file reads back the same.
    assert_eq!(
        vosia::Results::from_path(&path, SiaVersion::V1)
            .unwrap()
            .row_count(),
        4
    );
    // A service error: nothing is kept, not even the part file.
    let mut other = Query::new(service.clone());
    other.params_mut().set_pos(1.0, 2.0).unwrap();
    other.params_mut().set_size(0.5, 0.5).unwrap();
    let again = dir.join("error.xml");
    let e = other.execute_saving(&again).err().expect("a service error");
    assert_eq!(e.kind(), ErrorKind::Service);
    assert!(!again.exists() && !dir.join("error.xml.part").exists());
    // A folder that cannot be written: an I/O error that names the file.
    let e = q
        .execute_saving(&dir.join("no/such/dir/x.xml"))
        .err()
        .expect("an I/O error");
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.message().contains("x.xml.part"), "{}", e.message());
}

/// A capabilities document listing an SIA 1.0 endpoint at `sia1` and an SIA 2.0 one at `sia2`.
fn sia_capabilities(sia1: &str, sia2: &str) -> String {
    format!(
        r#"<cap:capabilities xmlns:cap="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<capability standardID="ivo://ivoa.net/std/SIA"><interface xsi:type="vs:ParamHTTP"><accessURL>{sia1}</accessURL></interface></capability>
<capability standardID="ivo://ivoa.net/std/SIA#query-2.0"><interface xsi:type="vs:ParamHTTP"><accessURL>{sia2}</accessURL></interface></capability>
</cap:capabilities>"#
    )
}

#[test]
fn detect_takes_the_version_the_capabilities_list_for_the_url() {
    let server = Server::start(|req, _, s| {
        // Listed under another name of this host, as a service behind a proxy lists itself.
        let here = format!("http://localhost:{}", s.local_addr().unwrap().port());
        if req.target.ends_with("/capabilities") {
            let caps = sia_capabilities(
                &format!("{here}/svc/siap.xml?"),
                &format!("{here}/svc/sia2"),
            );
            reply(
                s,
                "200 OK",
                &[("Content-Type", "text/xml")],
                caps.as_bytes(),
            )
        } else {
            reply(s, "404 Not Found", &[], b"no")
        }
    });
    let s = Service::detect(&server.url("/svc/siap.xml?"), Default::default()).unwrap();
    assert_eq!(
        (s.version(), s.base_url()),
        (SiaVersion::V1, server.url("/svc/siap.xml?").as_str())
    );
    let s = Service::detect(&server.url("/svc/sia2"), Default::default()).unwrap();
    assert_eq!(s.version(), SiaVersion::V2);
    // A URL the capabilities do not list and that cannot describe itself (a registry's base
    // URL): the listed SIA 2.0 endpoint.
    let s = Service::detect(&server.url("/svc/other"), Default::default()).unwrap();
    let listed = server.url("/svc/sia2").replace("127.0.0.1", "localhost");
    assert_eq!(
        (s.version(), s.base_url()),
        (SiaVersion::V2, listed.as_str())
    );
    assert!(s.cached_capabilities().is_some());
}

#[test]
fn detect_without_capabilities_asks_the_service_to_describe_itself() {
    let server = Server::start(|req, _, s| {
        let size = r#"<PARAM name="INPUT:SIZE" datatype="char" arraysize="*" value=""/>"#;
        let band = r#"<PARAM name="INPUT:BAND" datatype="double" arraysize="2" value=""/>"#;
        let meta = |p: &str| {
            format!(
                r#"<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><PARAM name="INPUT:POS" datatype="char" arraysize="*" value=""/>{p}<TABLE><FIELD name="x" datatype="char" arraysize="*"/></TABLE></RESOURCE></VOTABLE>"#
            )
        };
        let answer =
            |p: &str, s: &mut std::net::TcpStream| reply(s, "200 OK", &[XML], meta(p).as_bytes());
        match req.target.as_str() {
            t if t.contains("capabilities") => reply(s, "404 Not Found", &[], b"no"),
            "/one/q?FORMAT=METADATA&MAXREC=0" => answer(size, s),
            "/two/q?FORMAT=METADATA&MAXREC=0" => answer(band, s),
            "/none/q?FORMAT=METADATA&MAXREC=0" => answer("", s),
            _ => reply(s, "400 Bad Request", &[], b"?"),
        }
    });
    let v =
        |path: &str| Service::detect(&server.url(path), Default::default()).map(|s| s.version());
    assert_eq!(v("/one/q").unwrap(), SiaVersion::V1);
    assert_eq!(v("/two/q").unwrap(), SiaVersion::V2);
    let e = v("/none/q").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArg);
    assert!(e.message().contains("name the version"), "{e}");
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let e = Service::detect(&format!("http://{closed}/q"), Default::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e}");
}

#[test]
fn a_plain_http_answer_to_a_tls_handshake_is_tls() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for mut stream in listener.incoming().flatten().take(2) {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let service = Arc::new(Service::new(&format!("https://{addr}/sia"), SiaVersion::V1).unwrap());
    let mut q = Query::new(service);
    q.params_mut().set_pos(10.5, -5.25).unwrap();
    let e = fail(&mut q);
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
}

#[test]
fn huge_or_odd_durations_are_accepted_or_refused_never_a_panic() {
    let s = Service::new("http://127.0.0.1:9/sia?", SiaVersion::V1).unwrap();
    s.set_retries(3, 1e20)
        .expect("a retry wait past any budget is capped");
    s.set_retries(3, f64::MAX).expect("capped");
    assert_eq!(
        s.set_retries(3, f64::NAN).unwrap_err().kind(),
        ErrorKind::InvalidArg
    );
    for bad in [1e20, f64::INFINITY, f64::NAN, -1.0, 0.0] {
        assert_eq!(
            s.set_timeout(bad).unwrap_err().kind(),
            ErrorKind::InvalidArg,
            "{bad}"
        );
        assert_eq!(
            s.set_connect_timeout(bad).unwrap_err().kind(),
            ErrorKind::InvalidArg
        );
        assert_eq!(
            s.set_download_timeout(bad).unwrap_err().kind(),
            ErrorKind::InvalidArg
        );
    }
    assert_eq!(
        vosia::service::settings_with_timeout(1e20)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArg
    );
}
