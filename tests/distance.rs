//! The transport at a distance: a local server put 50 ms away (tests/common/distance.rs, a
//! user-space proxy, as this kernel has no netem). Timeouts fire when they should and not
//! before, retries honour Retry-After across the round trips, a lossy link still answers
//! every query, a batch overlaps its round trips, and keep-alive saves the handshake's round
//! trip on every query after the first (the figure behind the keep-alive default).

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::distance::Proxy;
use common::{Server, reply};
use vosia::batch::{BatchOptions, execute_all};
use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

const RTT: Duration = Duration::from_millis(50);
const XML: (&str, &str) = ("Content-Type", "application/x-votable+xml");

fn votable(rows: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><VOTABLE><RESOURCE type=\"results\"><TABLE>\
         <FIELD name=\"url\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/>\
         <DATA><TABLEDATA>",
    );
    for i in 0..rows {
        s.push_str(&format!("<TR><TD>http://127.0.0.1/{i}.fits</TD></TR>"));
    }
    s.push_str("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
    s
}

/// A server answering every query with `rows` rows, honouring `Connection: close`. It sends
/// without delay (TCP_NODELAY): else its second write (the body after the head) waits for
/// the ACK of the first, which the peer delays up to 40 ms on a connection past its first
/// exchanges, and that stall (DaCHS has it, see README "Benchmark") would hide the round
/// trips measured here.
fn server(rows: usize) -> Server {
    Server::start(move |req, _, s| {
        let _ = s.set_nodelay(true);
        let keep = req.header("connection") != Some("close");
        let close = [XML, ("Connection", "close")];
        let headers: &[(&str, &str)] = if keep { &[XML] } else { &close };
        reply(s, "200 OK", headers, votable(rows).as_bytes()) && keep
    })
}

fn query(proxy: &Proxy, ra: f64) -> (Arc<Service>, Query) {
    let service = Arc::new(Service::new(&proxy.url("/sia"), SiaVersion::V1).unwrap());
    let mut q = Query::new(service.clone());
    q.params_mut().set_pos(ra, 1.0).unwrap();
    q.params_mut().set_size(0.1, 0.1).unwrap();
    (service, q)
}

/// Seconds `f` takes.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t0 = Instant::now();
    let out = f();
    (t0.elapsed().as_secs_f64(), out)
}

#[test]
fn a_query_costs_its_round_trips() {
    let up = server(3);
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (_svc, q) = query(&proxy, 10.0);
    let (secs, r) = timed(|| q.execute());
    assert_eq!(r.expect("through the proxy").row_count(), 3);
    // A handshake and a request: two round trips at least, and not many more.
    assert!((0.1..1.0).contains(&secs), "{secs:.3} s");
}

#[test]
fn a_timeout_at_a_distance_fires_on_time() {
    let up = Server::start(|_, _, s| {
        std::thread::sleep(Duration::from_secs(3));
        reply(s, "200 OK", &[XML], votable(1).as_bytes())
    });
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (svc, q) = query(&proxy, 10.0);
    svc.set_timeout(1.0).unwrap();
    let (secs, r) = timed(|| q.execute());
    let err = r.err().expect("a timeout");
    assert_eq!(err.kind(), ErrorKind::Timeout, "{}", err.message());
    assert!((1.0..1.6).contains(&secs), "timed out after {secs:.3} s");
}

#[test]
fn a_timeout_longer_than_the_round_trips_does_not_fire() {
    let up = Server::start(|_, _, s| {
        std::thread::sleep(Duration::from_millis(300));
        reply(s, "200 OK", &[XML], votable(2).as_bytes())
    });
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (svc, q) = query(&proxy, 10.0);
    svc.set_timeout(1.0).unwrap();
    assert_eq!(q.execute().expect("within the timeout").row_count(), 2);
}

#[test]
fn retries_honour_retry_after_across_the_distance() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let up = Server::start(move |_, _, s| {
        if seen.fetch_add(1, Ordering::SeqCst) < 2 {
            return reply(
                s,
                "503 Service Unavailable",
                &[("Retry-After", "1")],
                b"busy",
            );
        }
        reply(s, "200 OK", &[XML], votable(4).as_bytes())
    });
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (svc, q) = query(&proxy, 10.0);
    svc.set_retries(3, 10.0).unwrap();
    let (secs, r) = timed(|| q.execute());
    assert_eq!(r.expect("the third try answers").row_count(), 4);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    // Two waits of Retry-After: 1, plus at least three round trips.
    assert!((2.15..4.0).contains(&secs), "{secs:.3} s");
}

#[test]
fn a_lossy_link_still_answers_every_query() {
    let up = server(20);
    // 5% of chunks cost a retransmission: many times the 0.5% the issue names, so that
    // some are lost in a short test.
    let proxy = Proxy::start(up.addr, RTT, 0.05);
    let (svc, _) = query(&proxy, 0.0);
    svc.set_timeout(10.0).unwrap();
    for i in 0..30 {
        let mut q = Query::new(svc.clone());
        q.params_mut().set_pos(i as f64, 1.0).unwrap();
        assert_eq!(q.execute().expect("answered").row_count(), 20, "query {i}");
    }
    assert!(
        proxy.lost.load(Ordering::SeqCst) > 0,
        "some chunks were lost"
    );
}

#[test]
fn a_batch_overlaps_its_round_trips() {
    let up = server(2);
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (svc, _) = query(&proxy, 0.0);
    let queries: Vec<Query> = (0..16)
        .map(|i| {
            let mut q = Query::new(svc.clone());
            q.params_mut().set_pos(i as f64, 1.0).unwrap();
            q
        })
        .collect();
    let refs: Vec<&Query> = queries.iter().collect();
    let (serial, _) = timed(|| {
        for q in &queries {
            q.execute().unwrap();
        }
    });
    let (batch, outcomes) = timed(|| execute_all(&refs, &BatchOptions::default()).unwrap());
    assert!(outcomes.iter().all(|o| o.is_ok()));
    // 4 at once to one host (the default): about a quarter of the serial time.
    assert!(
        batch < serial / 2.5,
        "batch {batch:.3} s, serial {serial:.3} s"
    );
}

#[test]
fn keep_alive_saves_the_handshake_of_every_later_query() {
    let up = server(5);
    let proxy = Proxy::start(up.addr, RTT, 0.0);
    let (svc, q) = query(&proxy, 10.0);
    let run = |keep: bool| {
        svc.set_keepalive(keep).unwrap();
        q.execute().unwrap(); // the first connection of this mode
        timed(|| {
            for _ in 0..10 {
                q.execute().unwrap();
            }
        })
        .0
    };
    let fresh = run(false);
    let kept = run(true);
    eprintln!("10 queries 50 ms away: a connection each {fresh:.3} s, kept alive {kept:.3} s");
    // A new connection costs one more round trip each: 10 x 50 ms, less some slack.
    assert!(fresh - kept > 0.35, "fresh {fresh:.3} s, kept {kept:.3} s");
}
