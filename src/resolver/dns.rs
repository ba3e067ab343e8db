//! A DNS stub resolver that runs on the caller's thread and stops at a deadline.
//!
//! It does what the C library's resolver does for `resolv.conf`: the search list and `ndots`,
//! each name server in turn, `timeout` seconds per try and `attempts` rounds, A and AAAA asked
//! together, TCP when an answer comes back truncated. Unlike `getaddrinfo` it never blocks past
//! the deadline it is given, and it starts no thread. Messages are built and read by
//! hickory-proto; a reply is taken only from the server asked, with the query's id and question.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use hickory_proto::op::{Message, MessageType, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};

/// Why a lookup found no address.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Every server that answered said the name has no address.
    NotFound,
    /// The deadline passed, or no server answered in the tries `resolv.conf` allows.
    TimedOut,
    /// The name is not a valid DNS name.
    BadName,
}

/// What to ask, read from `resolv.conf`. Immutable; cheap to make for each lookup.
#[derive(Debug, Clone)]
pub(crate) struct Stub {
    nameservers: Vec<SocketAddr>,
    search: Vec<String>,
    ndots: usize,
    per_try: Duration,
    attempts: u32,
}

impl Stub {
    /// The configuration in `resolv.conf` text (a file that does not parse counts as empty,
    /// as for the C library: the local server, no search list). `port` is 53 but in tests.
    pub(crate) fn from_resolv_conf(text: &[u8], port: u16) -> Stub {
        let conf = resolv_conf::Config::parse(text).unwrap_or_default();
        Stub {
            nameservers: conf
                .get_nameservers_or_local()
                .into_iter()
                .map(|ip| SocketAddr::new(ip.into(), port))
                .collect(),
            search: conf.get_last_search_or_domain().cloned().collect(),
            ndots: conf.ndots as usize,
            per_try: Duration::from_secs(u64::from(conf.timeout.max(1))),
            attempts: conf.attempts.max(1),
        }
    }

    /// The addresses of `host` (IPv4 first), asking for the record types in `types`, giving up
    /// at `deadline`. Blocks the calling thread; starts none.
    pub(crate) fn lookup(
        &self,
        host: &str,
        types: &[RecordType],
        deadline: Instant,
    ) -> Result<Vec<IpAddr>, Failure> {
        let mut timed_out = false;
        for candidate in self.candidates(host) {
            let name = Name::from_utf8(&candidate).map_err(|_| Failure::BadName)?;
            match self.ask_each_server(&name, types, deadline) {
                Ok(found) if !found.is_empty() => return Ok(found),
                Ok(_) => {}
                Err(Failure::TimedOut) if Instant::now() >= deadline => {
                    return Err(Failure::TimedOut);
                }
                Err(Failure::TimedOut) => timed_out = true,
                Err(other) => return Err(other),
            }
        }
        Err(if timed_out {
            Failure::TimedOut
        } else {
            Failure::NotFound
        })
    }

    /// The absolute names to try for `host`, in order (the C library's `res_search`): a name
    /// with a trailing dot only as it is; one with at least `ndots` dots as it is first, then
    /// with each search domain; a shorter one with the search domains first.
    fn candidates(&self, host: &str) -> Vec<String> {
        if host.ends_with('.') {
            return vec![host.to_string()];
        }
        let as_is = format!("{host}.");
        let searched = self
            .search
            .iter()
            .map(|domain| format!("{host}.{}.", domain.trim_end_matches('.')));
        if host.matches('.').count() >= self.ndots {
            std::iter::once(as_is).chain(searched).collect()
        } else {
            searched.chain(std::iter::once(as_is)).collect()
        }
    }

    /// Asks each server in turn, `attempts` rounds, until one gives an answer (found or not).
    fn ask_each_server(
        &self,
        name: &Name,
        types: &[RecordType],
        deadline: Instant,
    ) -> Result<Vec<IpAddr>, Failure> {
        for _ in 0..self.attempts {
            for &server in &self.nameservers {
                let now = Instant::now();
                if now >= deadline {
                    return Err(Failure::TimedOut);
                }
                let give_up = deadline.min(now + self.per_try);
                // A server that fails (refused, unreachable, SERVFAIL) gives way to the next.
                if let Ok(Some(found)) = exchange(server, name, types, give_up) {
                    return Ok(found);
                }
            }
        }
        Err(Failure::TimedOut)
    }
}

/// One question per type to `server` over UDP (TCP for a truncated reply), until `give_up`.
/// `Ok(Some)` is an answer (empty: the name has no such address); `Ok(None)` a server that
/// cannot answer (SERVFAIL, REFUSED, no reply in time).
fn exchange(
    server: SocketAddr,
    name: &Name,
    types: &[RecordType],
    give_up: Instant,
) -> io::Result<Option<Vec<IpAddr>>> {
    let local: IpAddr = match server {
        SocketAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        SocketAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    let socket = UdpSocket::bind(SocketAddr::new(local, 0))?;
    socket.connect(server)?;
    let mut asked = Vec::with_capacity(types.len());
    for &record_type in types {
        let mut query = Message::query();
        query.metadata.recursion_desired = true;
        query.add_query(Query::query(name.clone(), record_type));
        socket.send(&to_bytes(&query)?)?;
        asked.push((query, None::<Message>));
    }
    let mut buffer = vec![0u8; 65_535];
    while asked.iter().any(|(_, reply)| reply.is_none()) {
        let Some(left) = give_up
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
        else {
            return Ok(None);
        };
        socket.set_read_timeout(Some(left))?;
        let length = match socket.recv(&mut buffer) {
            Ok(length) => length,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let Ok(reply) = Message::from_vec(&buffer[..length]) else {
            continue;
        };
        let Some((query, slot)) = asked
            .iter_mut()
            .find(|(query, slot)| slot.is_none() && answers(&reply, query))
        else {
            continue;
        };
        *slot = Some(if reply.metadata.truncation {
            over_tcp(server, query, give_up)?
        } else {
            reply
        });
    }
    let mut found = Vec::new();
    for (_, reply) in asked {
        let reply = reply.expect("every question has its reply here");
        match reply.metadata.response_code {
            ResponseCode::NoError | ResponseCode::NXDomain => {}
            _ => return Ok(None),
        }
        found.extend(
            reply
                .answers
                .iter()
                .filter_map(|record| match &record.data {
                    RData::A(a) => Some(IpAddr::V4(a.0)),
                    RData::AAAA(aaaa) => Some(IpAddr::V6(aaaa.0)),
                    _ => None,
                }),
        );
    }
    found.sort_by_key(|ip| ip.is_ipv6());
    found.dedup();
    Ok(Some(found))
}

/// Whether `reply` is the response to `query`: same id, a response, the same question.
fn answers(reply: &Message, query: &Message) -> bool {
    reply.metadata.id == query.metadata.id
        && reply.metadata.message_type == MessageType::Response
        && reply.queries == query.queries
}

/// `query` again over TCP (RFC 1035 4.2.2: a two-byte length before each message).
fn over_tcp(server: SocketAddr, query: &Message, give_up: Instant) -> io::Result<Message> {
    let left = || {
        give_up
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| io::Error::from(io::ErrorKind::TimedOut))
    };
    let mut stream = TcpStream::connect_timeout(&server, left()?)?;
    stream.set_write_timeout(Some(left()?))?;
    let bytes = to_bytes(query)?;
    let length = u16::try_from(bytes.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    stream.write_all(&[&length.to_be_bytes()[..], &bytes].concat())?;
    let mut prefix = [0u8; 2];
    stream.set_read_timeout(Some(left()?))?;
    stream.read_exact(&mut prefix)?;
    let mut reply = vec![0u8; usize::from(u16::from_be_bytes(prefix))];
    stream.set_read_timeout(Some(left()?))?;
    stream.read_exact(&mut reply)?;
    let reply =
        Message::from_vec(&reply).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if answers(&reply, query) {
        Ok(reply)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a reply to another question",
        ))
    }
}

fn to_bytes(message: &Message) -> io::Result<Vec<u8>> {
    message
        .to_vec()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::op::OpCode;
    use hickory_proto::rr::Record;
    use hickory_proto::rr::rdata::A;
    use std::net::TcpListener;
    use std::thread;

    const BOTH: [RecordType; 2] = [RecordType::A, RecordType::AAAA];

    fn stub(port: u16, extra: &str) -> Stub {
        Stub::from_resolv_conf(format!("nameserver 127.0.0.1\n{extra}").as_bytes(), port)
    }

    /// A reply to `query`: `archive.test.` has 127.0.0.7 (and no IPv6 address); every other
    /// name does not exist.
    fn reply_to(query: &Message) -> Message {
        let mut reply = Message::response(query.metadata.id, OpCode::Query);
        reply.add_queries(query.queries.iter().cloned());
        let question = &query.queries[0];
        if question.name() == &Name::from_ascii("archive.test.").unwrap() {
            if question.query_type() == RecordType::A {
                let record = Record::from_rdata(
                    question.name().clone(),
                    60,
                    RData::A(A(Ipv4Addr::new(127, 0, 0, 7))),
                );
                reply.add_answer(record);
            }
        } else {
            reply.metadata.response_code = ResponseCode::NXDomain;
        }
        reply
    }

    /// A name server on a loopback port that answers `replies` questions, each through `answer`.
    fn server(replies: usize, answer: fn(&UdpSocket, SocketAddr, Message)) -> u16 {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = socket.local_addr().unwrap().port();
        thread::spawn(move || {
            let mut buffer = [0u8; 512];
            for _ in 0..replies {
                let (length, from) = socket.recv_from(&mut buffer).unwrap();
                answer(&socket, from, Message::from_vec(&buffer[..length]).unwrap());
            }
        });
        port
    }

    fn honest(socket: &UdpSocket, from: SocketAddr, query: Message) {
        socket
            .send_to(&reply_to(&query).to_vec().unwrap(), from)
            .unwrap();
    }

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn a_name_is_found_through_the_server() {
        let port = server(2, honest);
        let found = stub(port, "")
            .lookup("archive.test", &BOTH, soon())
            .unwrap();
        assert_eq!(found, [IpAddr::from([127, 0, 0, 7])]);
    }

    #[test]
    fn a_short_name_is_completed_from_the_search_list() {
        // "archive" has fewer dots than ndots: archive.nowhere. (NXDOMAIN), then archive.test.
        let port = server(4, honest);
        let found = stub(port, "search nowhere test\n")
            .lookup("archive", &[RecordType::A, RecordType::AAAA], soon())
            .unwrap();
        assert_eq!(found, [IpAddr::from([127, 0, 0, 7])]);
    }

    #[test]
    fn a_name_that_does_not_exist_is_not_found() {
        let port = server(2, honest);
        let result = stub(port, "").lookup("nothing.test", &BOTH, soon());
        assert!(matches!(result, Err(Failure::NotFound)), "{result:?}");
    }

    #[test]
    fn candidates_follow_ndots_and_the_trailing_dot() {
        let stub = stub(53, "search a.org b.org\noptions ndots:2\n");
        assert_eq!(stub.candidates("x.y."), ["x.y."]);
        assert_eq!(
            stub.candidates("x.y.z"),
            ["x.y.z.", "x.y.z.a.org.", "x.y.z.b.org."]
        );
        assert_eq!(stub.candidates("x.y"), ["x.y.a.org.", "x.y.b.org.", "x.y."]);
    }

    #[test]
    fn a_server_that_never_answers_stops_at_the_deadline_on_this_thread() {
        let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = silent.local_addr().unwrap().port();
        let started = Instant::now();
        let deadline = started + Duration::from_millis(800);
        let result =
            stub(port, "options timeout:30 attempts:5\n").lookup("archive.test", &BOTH, deadline);
        let took = started.elapsed();
        assert!(matches!(result, Err(Failure::TimedOut)), "{result:?}");
        assert!(took >= Duration::from_millis(800), "{took:?}");
        assert!(took < Duration::from_millis(1500), "{took:?}");
        drop(silent);
    }

    #[test]
    fn a_reply_with_another_id_or_question_is_ignored() {
        fn forged_then_honest(socket: &UdpSocket, from: SocketAddr, query: Message) {
            let mut forged = reply_to(&query);
            forged.metadata.id = query.metadata.id.wrapping_add(1);
            socket.send_to(&forged.to_vec().unwrap(), from).unwrap();
            honest(socket, from, query);
        }
        let port = server(2, forged_then_honest);
        let found = stub(port, "")
            .lookup("archive.test", &BOTH, soon())
            .unwrap();
        assert_eq!(found, [IpAddr::from([127, 0, 0, 7])]);
    }

    #[test]
    fn a_truncated_reply_is_asked_again_over_tcp() {
        let tcp = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = tcp.local_addr().unwrap().port();
        let udp = UdpSocket::bind(("127.0.0.1", port)).unwrap();
        thread::spawn(move || {
            let mut buffer = [0u8; 512];
            let (length, from) = udp.recv_from(&mut buffer).unwrap();
            let mut cut = reply_to(&Message::from_vec(&buffer[..length]).unwrap());
            cut.answers.clear();
            cut.metadata.truncation = true;
            udp.send_to(&cut.to_vec().unwrap(), from).unwrap();
        });
        thread::spawn(move || {
            let (mut stream, _) = tcp.accept().unwrap();
            let mut prefix = [0u8; 2];
            stream.read_exact(&mut prefix).unwrap();
            let mut query = vec![0u8; usize::from(u16::from_be_bytes(prefix))];
            stream.read_exact(&mut query).unwrap();
            let reply = reply_to(&Message::from_vec(&query).unwrap())
                .to_vec()
                .unwrap();
            let length = (reply.len() as u16).to_be_bytes();
            stream.write_all(&[&length[..], &reply].concat()).unwrap();
        });
        let found = stub(port, "")
            .lookup("archive.test", &[RecordType::A], soon())
            .unwrap();
        assert_eq!(found, [IpAddr::from([127, 0, 0, 7])]);
    }
}
