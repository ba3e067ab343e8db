//! The batch call against local servers: outcomes in input order, at most `per_host` at
//! once against one host, a host's Retry-After holding all its requests, cancel.

use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vosia::batch::{BatchOptions, execute_all};
use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

mod common;
use common::{Server, reply};

const XML: (&str, &str) = ("Content-Type", "text/xml");

/// A one-row SIA 1.0 answer naming the POS it was asked for.
fn answer_for(target: &str) -> Vec<u8> {
    let pos = target
        .split("POS=")
        .nth(1)
        .unwrap_or("")
        .split('&')
        .next()
        .unwrap_or("");
    format!(
        "<?xml version=\"1.0\"?><VOTABLE><RESOURCE type=\"results\"><TABLE>\
         <FIELD name=\"pos\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>\
         <TR><TD>{pos}</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
    )
    .into_bytes()
}

fn queries(service: &Arc<Service>, n: usize) -> Vec<Query> {
    (0..n)
        .map(|i| {
            let mut q = Query::new(service.clone());
            q.params_mut().set_pos(i as f64, 10.0).unwrap();
            q
        })
        .collect()
}

fn service(url: &str) -> Arc<Service> {
    let s = Arc::new(Service::new(url, SiaVersion::V1).unwrap());
    s.set_timeout(10.0).unwrap();
    s
}

/// A server answering after `delay`, recording how many requests it had in hand at once.
fn slow_server(delay: Duration, most: Arc<AtomicUsize>) -> Server {
    let now = Arc::new(AtomicUsize::new(0));
    Server::start(move |req, _, s: &mut TcpStream| {
        let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(at_once, Ordering::SeqCst);
        std::thread::sleep(delay);
        now.fetch_sub(1, Ordering::SeqCst);
        reply(s, "200 OK", &[XML], &answer_for(&req.target))
    })
}

#[test]
fn outcomes_come_in_input_order_with_each_its_own_status() {
    let server = Server::start(|req, _, s| {
        if req.target.contains("POS=3") {
            reply(
                s,
                "500 Internal Server Error",
                &[("Content-Type", "text/plain")],
                b"broken",
            )
        } else {
            reply(s, "200 OK", &[XML], &answer_for(&req.target))
        }
    });
    let svc = service(&server.url("/sia?"));
    let qs = queries(&svc, 12);
    let refs: Vec<&Query> = qs.iter().collect();
    let outcomes = execute_all(&refs, &BatchOptions::default()).unwrap();
    assert_eq!(outcomes.len(), 12);
    for (i, outcome) in outcomes.iter().enumerate() {
        match outcome {
            Ok(r) => assert_eq!(r.str(0, 0).unwrap(), Some(format!("{i},10").as_str())),
            Err(e) => {
                assert_eq!(i, 3, "{e}");
                assert_eq!(e.kind(), ErrorKind::Http, "{e}");
            }
        }
    }
    assert!(outcomes[3].is_err());
}

#[test]
fn no_more_than_per_host_run_at_once_against_one_host() {
    let (most_a, most_b) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let a = slow_server(Duration::from_millis(150), most_a.clone());
    let b = slow_server(Duration::from_millis(150), most_b.clone());
    let (sa, sb) = (service(&a.url("/sia?")), service(&b.url("/sia?")));
    let mut qs = queries(&sa, 8);
    qs.extend(queries(&sb, 8));
    let refs: Vec<&Query> = qs.iter().collect();
    let options = BatchOptions {
        jobs: 8,
        per_host: 2,
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let outcomes = execute_all(&refs, &options).unwrap();
    let took = started.elapsed();
    assert!(outcomes.iter().all(|o| o.is_ok()));
    assert_eq!(most_a.load(Ordering::SeqCst), 2);
    assert_eq!(most_b.load(Ordering::SeqCst), 2);
    // 8 per host, 2 at a time, 150 ms each: 4 rounds, the two hosts side by side.
    assert!(took >= Duration::from_millis(600), "{took:?}");
    assert!(took < Duration::from_millis(1100), "{took:?}");
}

#[test]
fn a_retry_after_holds_every_request_to_that_host() {
    let first = Arc::new(Mutex::new(None::<Instant>));
    let starts = Arc::new(Mutex::new(Vec::new()));
    let (f, st) = (first.clone(), starts.clone());
    let server = Server::start(move |req, index, s| {
        if index == 0 {
            *f.lock().unwrap() = Some(Instant::now());
            return reply(s, "503 Service Unavailable", &[("Retry-After", "1")], b"");
        }
        st.lock().unwrap().push(Instant::now());
        reply(s, "200 OK", &[XML], &answer_for(&req.target))
    });
    let svc = service(&server.url("/sia?"));
    svc.set_retries(2, 5.0).unwrap();
    let qs = queries(&svc, 6);
    let refs: Vec<&Query> = qs.iter().collect();
    // Four at once, but spaced by 50 ms, so the 503 (answered at once) comes before the
    // second request would go out: then that one and all others wait out the second.
    let options = BatchOptions {
        jobs: 4,
        per_host: 4,
        min_interval: Duration::from_millis(50),
        ..BatchOptions::default()
    };
    let outcomes = execute_all(&refs, &options).unwrap();
    assert!(outcomes.iter().all(|o| o.is_ok()));
    let refused_at = first.lock().unwrap().expect("the first request");
    for start in starts.lock().unwrap().iter() {
        assert!(
            start.duration_since(refused_at) >= Duration::from_millis(950),
            "a request went out {:?} after the 503",
            start.duration_since(refused_at)
        );
    }
}

#[test]
fn min_interval_spaces_the_requests_to_a_host() {
    let server = Server::start(|req, _, s| reply(s, "200 OK", &[XML], &answer_for(&req.target)));
    let svc = service(&server.url("/sia?"));
    let qs = queries(&svc, 5);
    let refs: Vec<&Query> = qs.iter().collect();
    let options = BatchOptions {
        min_interval: Duration::from_millis(100),
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let outcomes = execute_all(&refs, &options).unwrap();
    assert!(outcomes.iter().all(|o| o.is_ok()));
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[test]
fn progress_counts_every_query_and_false_cancels_the_rest() {
    let most = Arc::new(AtomicUsize::new(0));
    let server = slow_server(Duration::from_millis(100), most);
    let svc = service(&server.url("/sia?"));
    let qs = queries(&svc, 20);
    let refs: Vec<&Query> = qs.iter().collect();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    let options = BatchOptions {
        jobs: 2,
        per_host: 2,
        progress: Some(Arc::new(move |done, total| {
            s.lock().unwrap().push((done, total));
            done < 4
        })),
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let outcomes = execute_all(&refs, &options).unwrap();
    assert!(started.elapsed() < Duration::from_millis(900));
    let ok = outcomes.iter().filter(|o| o.is_ok()).count();
    assert!((4..=6).contains(&ok), "{ok} finished");
    for outcome in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert_eq!(outcome.kind(), ErrorKind::Cancelled, "{outcome}");
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen[..4], [(1, 20), (2, 20), (3, 20), (4, 20)]);
    assert_eq!(seen.len(), 4, "no report after the cancel: {seen:?}");
}

#[test]
fn options_out_of_range_are_refused_and_an_empty_batch_is_empty() {
    for options in [
        BatchOptions {
            jobs: 0,
            ..BatchOptions::default()
        },
        BatchOptions {
            jobs: 65,
            ..BatchOptions::default()
        },
        BatchOptions {
            per_host: 0,
            ..BatchOptions::default()
        },
    ] {
        let e = execute_all(&[], &options).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidArg, "{e}");
    }
    assert!(
        execute_all(&[], &BatchOptions::default())
            .unwrap()
            .is_empty()
    );
}
