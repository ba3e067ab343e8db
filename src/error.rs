//! The one error type of the core: a kind and a message meant for a person.
//!
//! The kinds are what the core itself can fail with; the C layer maps each onto one
//! `VOSIA_E_*` status and adds its own (NULL argument, bad handle, short buffer, panic).

/// What went wrong, coarsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A value was out of its domain (|dec| > 90, NaN, empty, not UTF-8, ...).
    InvalidArg,
    /// The parameter is not defined for this SIA version.
    Unsupported,
    /// A row or column index out of range.
    Range,
    /// The cell cannot be read as the type asked for.
    Type,
    /// The server could not be reached.
    Connect,
    /// A deadline passed.
    Timeout,
    /// TLS handshake or certificate failure.
    Tls,
    /// The server answered with a non-2xx status.
    Http,
    /// The response was larger than the configured limit.
    TooLarge,
    /// A download ended before the whole body arrived; what came is kept for resuming.
    Partial,
    /// Downloaded bytes differ from the length or checksum the server announced.
    Checksum,
    /// A local file could not be read or written.
    Io,
    /// The service reported QUERY_STATUS=ERROR; the message is its own text.
    Service,
    /// Not a VOTable, or malformed beyond repair.
    Format,
    /// A VOTable without a results table.
    NoTable,
    /// The caller's progress function asked to stop.
    Cancelled,
    /// A bug: an internal invariant did not hold.
    Internal,
}

/// An error with its kind and a message saying what happened and, where possible, what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind`. The message is made safe to show: a password in a URL's user
    /// information is replaced by `***`, and control characters (a server's text may carry
    /// terminal escape sequences) are removed, line breaks and tabs becoming spaces.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: redact_passwords(&printable(&message.into())),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// Shorthands for the kinds the core raises most.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArg, message)
    }
    pub fn format(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Format, message)
    }
    pub fn range(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Range, message)
    }
    pub fn type_mismatch(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Type, message)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// `text` without control characters: ANSI escape sequences (`ESC [ ... letter`) dropped
/// whole, line breaks and tabs as spaces, every other C0 and C1 control and DEL dropped.
fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{1b}' => {
                // A CSI sequence: ESC [ parameters... final byte in @..~.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` with the password of every `scheme://user:password@host` replaced by `***`.
fn redact_passwords(text: &str) -> String {
    if !text.contains('@') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let authority_end = after
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(after.len());
        let authority = &after[..authority_end];
        match authority.rfind('@') {
            Some(userinfo_end) => {
                let userinfo = &authority[..userinfo_end];
                match userinfo.find(':') {
                    Some(colon) => {
                        out.push_str(&userinfo[..=colon]);
                        out.push_str("***");
                    }
                    None => out.push_str(userinfo),
                }
                out.push_str(&authority[userinfo_end..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[authority_end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        let e = Error::new(
            ErrorKind::Connect,
            "GET http://ann:s3cret@host:8080/sia?POS=1,2 failed; also https://bob@x/ and \
             ftp://u:p@h",
        );
        assert_eq!(
            e.message(),
            "GET http://ann:***@host:8080/sia?POS=1,2 failed; also https://bob@x/ and ftp://u:***@h"
        );
    }

    #[test]
    fn control_characters_and_escape_sequences_are_removed() {
        let e = Error::new(
            ErrorKind::Service,
            "bad\u{1b}[31m POS\u{1b}[0m\r\nline\u{7}\u{9b}!",
        );
        assert_eq!(e.message(), "bad POS  line!");
    }
}
