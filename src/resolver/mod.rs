//! Name resolution on the caller's thread, within the call's deadline.
//!
//! ureq's own resolver runs `getaddrinfo` on a thread of its own whenever there is a timeout,
//! and leaves that thread running when the timeout passes first: the system resolver cannot be
//! cancelled. vosia promises that no thread outlives a call, so it resolves here instead: an IP
//! literal as it is; `localhost` as the loopback (RFC 6761); a host name from the hosts file,
//! then by DNS as `resolv.conf` says (see [`dns`]), stopping at ureq's resolve deadline. What
//! nsswitch adds beyond `files dns` (mDNS, LDAP, NIS) is not consulted.

mod dns;
mod hosts;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Instant;

use hickory_proto::rr::RecordType;
use ureq::config::{Config, IpFamily};
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// The longest hosts file or `resolv.conf` read (a larger one is read up to here).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Resolves without a helper thread. The system files are read again for each lookup, so a
/// change to them is seen at the next connection, as with the C library. Thread-safe.
#[derive(Debug)]
pub(crate) struct CallerThread {
    hosts_file: PathBuf,
    resolv_conf: PathBuf,
    dns_port: u16,
}

impl Default for CallerThread {
    fn default() -> Self {
        CallerThread {
            hosts_file: "/etc/hosts".into(),
            resolv_conf: "/etc/resolv.conf".into(),
            dns_port: 53,
        }
    }
}

impl CallerThread {
    /// The addresses of `host`, in the order to try them.
    fn addresses(
        &self,
        host: &str,
        family: IpFamily,
        deadline: Instant,
    ) -> Result<Vec<IpAddr>, ureq::Error> {
        if host.eq_ignore_ascii_case("localhost") {
            return Ok(vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()]);
        }
        if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse() {
            return Ok(vec![ip]);
        }
        let listed = hosts::lookup(&read_config(&self.hosts_file), host);
        if !listed.is_empty() {
            return Ok(listed);
        }
        let types: &[RecordType] = match family {
            IpFamily::Ipv4Only => &[RecordType::A],
            IpFamily::Ipv6Only => &[RecordType::AAAA],
            _ => &[RecordType::A, RecordType::AAAA],
        };
        let stub =
            dns::Stub::from_resolv_conf(read_config(&self.resolv_conf).as_bytes(), self.dns_port);
        stub.lookup(host, types, deadline)
            .map_err(|failure| match failure {
                dns::Failure::TimedOut => ureq::Error::Timeout(ureq::Timeout::Resolve),
                dns::Failure::NotFound | dns::Failure::BadName => ureq::Error::HostNotFound,
            })
    }
}

/// The text of a system configuration file, empty when it cannot be read.
fn read_config(path: &std::path::Path) -> String {
    use std::io::Read;
    let mut text = String::new();
    if let Ok(file) = std::fs::File::open(path) {
        // Not UTF-8 (or unreadable): treated as absent, as a file with nothing usable in it.
        let _ = file.take(MAX_CONFIG_BYTES).read_to_string(&mut text);
    }
    text
}

impl Resolver for CallerThread {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(ureq::Error::HostNotFound);
        };
        let port = authority.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        });
        let Some(port) = port else {
            return Err(ureq::Error::HostNotFound);
        };
        // NotHappening derefs to u64::MAX seconds, more than Instant can hold: then the
        // resolv.conf tries alone bound the lookup.
        let deadline = Instant::now()
            .checked_add(*timeout.after)
            .unwrap_or_else(|| Instant::now() + std::time::Duration::from_secs(86_400));
        let ips = self.addresses(authority.host(), config.ip_family(), deadline)?;
        let mut found = self.empty();
        let wanted = config.ip_family();
        for addr in wanted.keep_wanted(ips.into_iter().map(|ip| SocketAddr::new(ip, port))) {
            // ureq tries at most 16 addresses; the rest are dropped.
            if found.try_push(addr).is_err() {
                break;
            }
        }
        if found.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::unversioned::transport::time::Duration;

    fn within(seconds: f64) -> NextTimeout {
        NextTimeout {
            after: Duration::from(std::time::Duration::from_secs_f64(seconds)),
            reason: ureq::Timeout::Resolve,
            per_read: None,
            per_write: None,
        }
    }

    fn resolve_with(resolver: &CallerThread, url: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = url.parse().unwrap();
        let found = resolver.resolve(&uri, &Config::default(), within(1.0))?;
        Ok(found.iter().copied().collect())
    }

    fn resolve(url: &str) -> Vec<SocketAddr> {
        resolve_with(&CallerThread::default(), url).unwrap()
    }

    /// A resolver reading a hosts file and a resolv.conf written here, asking DNS on `port`.
    fn configured(
        dir: &std::path::Path,
        hosts: &str,
        resolv_conf: &str,
        port: u16,
    ) -> CallerThread {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("hosts"), hosts).unwrap();
        std::fs::write(dir.join("resolv.conf"), resolv_conf).unwrap();
        CallerThread {
            hosts_file: dir.join("hosts"),
            resolv_conf: dir.join("resolv.conf"),
            dns_port: port,
        }
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("vosia-resolver-{}-{name}", std::process::id()))
    }

    #[test]
    fn literals_and_localhost_need_no_lookup() {
        assert_eq!(
            resolve("http://127.0.0.1:8080/x"),
            ["127.0.0.1:8080".parse().unwrap()]
        );
        assert_eq!(resolve("https://[::1]/x"), ["[::1]:443".parse().unwrap()]);
        assert_eq!(resolve("http://LocalHost/x").len(), 2);
    }

    #[test]
    fn the_hosts_file_comes_before_dns() {
        // The DNS server named here does not exist: the hosts file must answer first.
        let dir = scratch("hosts");
        let resolver = configured(
            &dir,
            "127.0.0.9 archive.test\n",
            "nameserver 127.0.0.1\n",
            9,
        );
        assert_eq!(
            resolve_with(&resolver, "http://archive.test:8080/sia").unwrap(),
            ["127.0.0.9:8080".parse().unwrap()]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_silent_name_server_is_a_resolve_timeout_within_the_deadline() {
        let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = silent.local_addr().unwrap().port();
        let dir = scratch("silent");
        let resolver = configured(&dir, "", "nameserver 127.0.0.1\n", port);
        let started = Instant::now();
        let result = resolve_with(&resolver, "http://archive.test/sia");
        assert!(
            matches!(result, Err(ureq::Error::Timeout(ureq::Timeout::Resolve))),
            "{result:?}"
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(1500));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
