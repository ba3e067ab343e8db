//! Checksums a server announces for a download, and their check.
//!
//! `Digest` (RFC 3230: `md5=<base64>, sha-256=<base64>`) and `Repr-Digest` (RFC 9530:
//! `sha-256=:<base64>:`) describe the whole file, so after a resumed transfer the bytes already
//! on disk are hashed too; `Content-MD5` (RFC 1864) describes the body of this response only.
//! Algorithms other than MD5, SHA-256 and SHA-512 are ignored (a server may list several).

use base64::Engine;
use md5::{Digest as _, Md5};
use sha2::{Sha256, Sha512};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
    Sha512,
}

impl Algorithm {
    fn from_name(name: &str) -> Option<Algorithm> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md5" => Some(Algorithm::Md5),
            "sha-256" | "sha256" => Some(Algorithm::Sha256),
            "sha-512" | "sha512" => Some(Algorithm::Sha512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha512 => "SHA-512",
        }
    }
}

/// What a response says the bytes must hash to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    /// Digests of the whole file.
    pub whole: Vec<(Algorithm, Vec<u8>)>,
    /// MD5 of this response's body (`Content-MD5`).
    pub body_md5: Option<Vec<u8>>,
}

impl Expected {
    /// From the response's `Digest`, `Repr-Digest` and `Content-MD5` header values.
    pub fn from_headers(
        digest: Option<&str>,
        repr_digest: Option<&str>,
        content_md5: Option<&str>,
    ) -> Expected {
        let mut whole = Vec::new();
        for header in [digest, repr_digest].into_iter().flatten() {
            for item in header.split(',') {
                let Some((name, value)) = item.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches(':');
                if let (Some(algorithm), Some(bytes)) = (Algorithm::from_name(name), decode(value))
                    && !whole.iter().any(|(a, _)| *a == algorithm)
                {
                    whole.push((algorithm, bytes));
                }
            }
        }
        Expected {
            whole,
            body_md5: content_md5.and_then(decode),
        }
    }
}

fn decode(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .filter(|b| !b.is_empty())
}

/// Running hashes of the whole file and of this body, for the algorithms announced.
pub struct Hashes {
    md5: Option<Md5>,
    sha256: Option<Sha256>,
    sha512: Option<Sha512>,
    body_md5: Option<Md5>,
}

impl Hashes {
    pub fn for_expected(expected: &Expected) -> Hashes {
        let wants = |a| expected.whole.iter().any(|(x, _)| *x == a);
        Hashes {
            md5: wants(Algorithm::Md5).then(Md5::new),
            sha256: wants(Algorithm::Sha256).then(Sha256::new),
            sha512: wants(Algorithm::Sha512).then(Sha512::new),
            body_md5: expected.body_md5.is_some().then(Md5::new),
        }
    }

    /// Whether anything is hashed at all (else reading the old part of a file is skipped).
    pub fn wants_whole(&self) -> bool {
        self.md5.is_some() || self.sha256.is_some() || self.sha512.is_some()
    }

    /// Bytes that were on disk before this response (a resumed download).
    pub fn update_earlier(&mut self, bytes: &[u8]) {
        if let Some(h) = &mut self.md5 {
            h.update(bytes);
        }
        if let Some(h) = &mut self.sha256 {
            h.update(bytes);
        }
        if let Some(h) = &mut self.sha512 {
            h.update(bytes);
        }
    }

    /// Bytes of this response's body.
    pub fn update_body(&mut self, bytes: &[u8]) {
        self.update_earlier(bytes);
        if let Some(h) = &mut self.body_md5 {
            h.update(bytes);
        }
    }

    /// `Err(what differs)` when a hash differs from what the server announced.
    pub fn check(self, expected: &Expected) -> std::result::Result<(), String> {
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let mut got: Vec<(Algorithm, Vec<u8>)> = Vec::new();
        if let Some(h) = self.md5 {
            got.push((Algorithm::Md5, h.finalize().to_vec()));
        }
        if let Some(h) = self.sha256 {
            got.push((Algorithm::Sha256, h.finalize().to_vec()));
        }
        if let Some(h) = self.sha512 {
            got.push((Algorithm::Sha512, h.finalize().to_vec()));
        }
        for (algorithm, want) in &expected.whole {
            if let Some((_, have)) = got.iter().find(|(a, _)| a == algorithm)
                && have != want
            {
                return Err(format!(
                    "the file's {} is {} where the server announced {}",
                    algorithm.name(),
                    b64(have),
                    b64(want)
                ));
            }
        }
        if let (Some(h), Some(want)) = (self.body_md5, &expected.body_md5) {
            let have = h.finalize().to_vec();
            if &have != want {
                return Err(format!(
                    "the body's MD5 is {} where Content-MD5 announced {}",
                    b64(&have),
                    b64(want)
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes_of(expected: &Expected, earlier: &[u8], body: &[u8]) -> Result<(), String> {
        let mut h = Hashes::for_expected(expected);
        h.update_earlier(earlier);
        h.update_body(body);
        h.check(expected)
    }

    #[test]
    fn digests_are_read_and_checked() {
        // md5("hello") = XUFAKrxLKna5cZ2REBfFkg==; sha-256("hello") = LPJNul+wow4m6Dsq...
        let sha = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=";
        let e = Expected::from_headers(
            Some(&format!(
                "MD5=XUFAKrxLKna5cZ2REBfFkg==, SHA-256={sha}, unixsum=30637"
            )),
            None,
            None,
        );
        assert_eq!(e.whole.len(), 2);
        assert!(hashes_of(&e, b"he", b"llo").is_ok());
        let err = hashes_of(&e, b"", b"hellO").unwrap_err();
        assert!(err.contains("MD5"), "{err}");
        let repr = Expected::from_headers(None, Some(&format!("sha-256=:{sha}:")), None);
        assert!(hashes_of(&repr, b"", b"hello").is_ok());
        assert!(hashes_of(&repr, b"", b"jello").is_err());
        // Content-MD5 is of this body only: a resumed body is checked alone.
        let body = Expected::from_headers(None, None, Some("XUFAKrxLKna5cZ2REBfFkg=="));
        assert!(hashes_of(&body, b"earlier bytes", b"hello").is_ok());
        assert_eq!(
            Expected::from_headers(None, None, Some("not base64!")),
            Expected::default()
        );
    }
}
