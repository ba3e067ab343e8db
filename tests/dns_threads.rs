//! Issue 10, defect 5: with a DNS server that never answers, a query by host name returned its
//! timeout while ureq's lookup thread lived on. Reproduced as it happened: the test re-runs
//! itself in a network and mount namespace of its own (`unshare`, root), where `resolv.conf`
//! names a silent server on the namespace's loopback, and counts the process's threads.

use std::net::UdpSocket;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

const INSIDE: &str = "VOSIA_TEST_IN_NAMESPACE";

fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

fn run(program: &str, args: &[&str]) {
    let status = Command::new(program).args(args).status().unwrap();
    assert!(status.success(), "{program} {args:?}: {status}");
}

#[test]
fn a_lookup_that_never_gets_an_answer_leaves_no_thread() {
    if std::env::var_os(INSIDE).is_none() {
        let me = std::env::current_exe().unwrap();
        let outcome = Command::new("unshare")
            .args(["--mount", "--net", "--"])
            .arg(me)
            .args([
                "--exact",
                "a_lookup_that_never_gets_an_answer_leaves_no_thread",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(INSIDE, "1")
            .status();
        match outcome {
            Ok(status) if status.code() == Some(0) => return,
            Ok(status) if status.code() == Some(1) && std::env::var_os("CI").is_none() => {
                // unshare itself exits 1 when it may not make namespaces (not root).
                eprintln!("skipped: unshare --mount --net is not permitted here (CI runs it)");
                return;
            }
            other => panic!("the test in its namespace failed: {other:?}"),
        }
    }

    // In the namespace: a loopback of our own, a silent name server on it, and a resolv.conf
    // that names it, seen by this process only.
    run("ip", &["link", "set", "lo", "up"]);
    let silent = UdpSocket::bind("127.0.0.1:53").unwrap();
    let conf = std::env::temp_dir().join(format!("vosia-dns-{}.conf", std::process::id()));
    std::fs::write(
        &conf,
        "nameserver 127.0.0.1\noptions timeout:30 attempts:3\n",
    )
    .unwrap();
    run(
        "mount",
        &["--bind", conf.to_str().unwrap(), "/etc/resolv.conf"],
    );

    let before = threads();
    let service =
        Arc::new(Service::new("http://archive.example:8080/sia?", SiaVersion::V1).unwrap());
    service.set_timeout(1.0).unwrap();
    service.set_connect_timeout(1.0).unwrap();
    service.set_retries(0, 0.0).unwrap();
    let mut query = Query::new(service.clone());
    query.params_mut().set_pos(10.0, 20.0).unwrap();
    let started = Instant::now();
    let error = query.execute().err().expect("no answer, so an error");
    let took = started.elapsed();
    let during = threads();
    drop(query);
    drop(service);
    std::thread::sleep(Duration::from_millis(200));
    let after = threads();
    std::fs::remove_file(&conf).unwrap();
    drop(silent);

    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(took < Duration::from_millis(1600), "took {took:?}: {error}");
    assert_eq!((during, after), (before, before), "threads before {before}");
}
