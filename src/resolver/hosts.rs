//! The hosts file (`/etc/hosts`), consulted before DNS as nsswitch's usual `hosts: files dns`.

use std::net::IpAddr;

/// The addresses the hosts file text `text` gives for `name` (compared without case and without
/// a trailing dot), in the file's order. Lines are `ADDRESS NAME [ALIAS...]`; `#` starts a
/// comment; a line whose address does not parse is skipped, as the C library does.
pub(crate) fn lookup(text: &str, name: &str) -> Vec<IpAddr> {
    let name = name.trim_end_matches('.');
    text.lines()
        .filter_map(|line| {
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            let ip: IpAddr = words.next()?.parse().ok()?;
            words
                .any(|alias| alias.trim_end_matches('.').eq_ignore_ascii_case(name))
                .then_some(ip)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTS: &str = "\
127.0.0.1\tlocalhost
# 10.0.0.9 archive.test
10.0.0.1 mirror.example  Archive.Test   # the local mirror
not-an-ip archive.test
fd00::1 archive.test.
";

    #[test]
    fn names_and_aliases_match_without_case_or_trailing_dot() {
        let found = lookup(HOSTS, "archive.TEST.");
        assert_eq!(
            found,
            [
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                "fd00::1".parse().unwrap()
            ]
        );
        assert_eq!(lookup(HOSTS, "mirror.example").len(), 1);
    }

    #[test]
    fn comments_and_unknown_names_give_nothing() {
        assert!(lookup(HOSTS, "archive").is_empty());
        assert!(lookup(HOSTS, "10.0.0.9").is_empty());
        assert!(lookup("", "archive.test").is_empty());
    }
}
