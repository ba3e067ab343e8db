//! A TCP proxy on 127.0.0.1 that puts a server a round trip away, for the tests at a
//! distance (tests/distance.rs). This kernel has no netem qdisc, so the distance is made in
//! user space: every chunk is delivered half a round trip after it was read, in each
//! direction and in order; a new connection's first bytes wait one more round trip, as a TCP
//! handshake costs; and "loss" delays a chunk by a retransmission timeout (200 ms, Linux's
//! minimum RTO) with the given probability, which is what a lost segment costs TCP.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What a lost segment costs: TCP's minimum retransmission timeout on Linux.
const RETRANSMIT: Duration = Duration::from_millis(200);

pub struct Proxy {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    /// Chunks delayed as lost so far.
    pub lost: Arc<AtomicU64>,
}

impl Proxy {
    /// Listens on 127.0.0.1 and forwards to `upstream` (127.0.0.1) `rtt` away, losing
    /// `loss` (0 to 1) of the chunks.
    pub fn start(upstream: SocketAddr, rtt: Duration, loss: f64) -> Proxy {
        assert!(upstream.ip().is_loopback(), "only loopback upstreams");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let stop = Arc::new(AtomicBool::new(false));
        let lost = Arc::new(AtomicU64::new(0));
        let seed = Arc::new(AtomicU64::new(0x2545_f491_4f6c_dd1d));
        let (stop2, lost2) = (stop.clone(), lost.clone());
        thread::spawn(move || {
            for client in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                // The proxy is the network: it adds no Nagle delay of its own.
                let _ = (client.set_nodelay(true), server.set_nodelay(true));
                let half = rtt / 2;
                let link = Link {
                    delay: half,
                    loss,
                    lost: lost2.clone(),
                    seed: seed.clone(),
                };
                // The handshake: the client's first bytes wait one more round trip.
                pipe(&client, &server, link.clone(), rtt);
                pipe(&server, &client, link, Duration::ZERO);
            }
        });
        Proxy { addr, stop, lost }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

#[derive(Clone)]
struct Link {
    delay: Duration,
    loss: f64,
    lost: Arc<AtomicU64>,
    seed: Arc<AtomicU64>,
}

impl Link {
    /// Whether the next chunk is "lost" (a xorshift draw, the same sequence every run).
    fn loses(&self) -> bool {
        if self.loss <= 0.0 {
            return false;
        }
        let mut x = self.seed.load(Ordering::SeqCst);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.seed.store(x, Ordering::SeqCst);
        let lose = (x >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - self.loss;
        if lose {
            self.lost.fetch_add(1, Ordering::SeqCst);
        }
        lose
    }
}

/// Copies `from` to `to`, each chunk `link.delay` (plus `first_wait` for the first) after it
/// was read, in order; the end of `from` is passed on the same way.
fn pipe(from: &TcpStream, to: &TcpStream, link: Link, first_wait: Duration) {
    let (Ok(mut from), Ok(mut to)) = (from.try_clone(), to.try_clone()) else {
        return;
    };
    let _ = from.set_read_timeout(Some(Duration::from_secs(30)));
    let (send, receive) = mpsc::channel::<(Instant, Option<Vec<u8>>)>();
    thread::spawn(move || {
        let mut extra = first_wait;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = from.read(&mut buf).unwrap_or(0);
            let mut due = Instant::now() + link.delay + std::mem::take(&mut extra);
            if n > 0 && link.loses() {
                due += RETRANSMIT;
            }
            let chunk = (n > 0).then(|| buf[..n].to_vec());
            if send.send((due, chunk)).is_err() || n == 0 {
                return;
            }
        }
    });
    thread::spawn(move || {
        let mut last = Instant::now();
        for (due, chunk) in receive {
            // In order: a chunk never overtakes the one before it.
            let due = due.max(last);
            last = due;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                thread::sleep(wait);
            }
            match chunk {
                Some(data) if to.write_all(&data).is_ok() => {}
                _ => {
                    let _ = to.shutdown(Shutdown::Write);
                    return;
                }
            }
        }
    });
}
