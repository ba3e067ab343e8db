//! Name resolution without a helper thread where none is needed.
//!
//! ureq's resolver runs every lookup that has a timeout on a thread of its own, and leaves it
//! running when the timeout passes first: the system resolver (`getaddrinfo`) cannot be
//! cancelled. An address written as an IP literal, or `localhost` (RFC 6761: always the
//! loopback), needs no lookup at all, so here it is answered on the caller's thread. Only a
//! real host name goes to ureq's resolver.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// Answers IP literals and `localhost` itself; passes host names to ureq's resolver.
#[derive(Debug, Default)]
pub(crate) struct LiteralFirst {
    names: DefaultResolver,
}

impl Resolver for LiteralFirst {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return self.names.resolve(uri, config, timeout);
        };
        let port = authority.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        });
        let Some(port) = port else {
            return self.names.resolve(uri, config, timeout);
        };
        let host = authority.host();
        let ips: Vec<IpAddr> = if host.eq_ignore_ascii_case("localhost") {
            vec![Ipv4Addr::LOCALHOST.into(), Ipv6Addr::LOCALHOST.into()]
        } else {
            match host.trim_start_matches('[').trim_end_matches(']').parse() {
                Ok(ip) => vec![ip],
                Err(_) => return self.names.resolve(uri, config, timeout),
            }
        };
        let mut found = self.empty();
        let wanted = config.ip_family();
        for addr in wanted.keep_wanted(ips.into_iter().map(|ip| SocketAddr::new(ip, port))) {
            found.push(addr);
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

    fn resolve(url: &str) -> Vec<SocketAddr> {
        let timeout = NextTimeout {
            after: Duration::from(std::time::Duration::from_secs(1)),
            reason: ureq::Timeout::Resolve,
            per_read: None,
            per_write: None,
        };
        let uri: Uri = url.parse().unwrap();
        LiteralFirst::default()
            .resolve(&uri, &Config::default(), timeout)
            .unwrap()
            .iter()
            .copied()
            .collect()
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
}
