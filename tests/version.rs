//! One version, from Cargo.toml: the header's macros, the combined number and the runtime
//! functions must all agree with it. (rustls-ffi shipped a VERSION_NUMBER macro that used
//! MINOR twice and PATCH never; its test checked only the three component macros.)

use std::ffi::CStr;

fn header() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("include/vosia.h");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path:?}: {e}"))
}

/// The replacement text of `#define name ...` in the header.
fn define(header: &str, name: &str) -> String {
    header
        .lines()
        .find_map(|line| {
            let rest = line.strip_prefix("#define ")?.trim_start();
            let value = rest.strip_prefix(name)?;
            value
                .starts_with([' ', '\t'])
                .then(|| value.trim().to_string())
        })
        .unwrap_or_else(|| panic!("include/vosia.h has no #define {name}"))
}

fn number(header: &str, name: &str) -> u32 {
    let text = define(header, name);
    text.parse()
        .unwrap_or_else(|_| panic!("{name} is {text:?}, not a number"))
}

fn cargo_version() -> (u32, u32, u32) {
    (
        env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_MINOR").parse().unwrap(),
        env!("CARGO_PKG_VERSION_PATCH").parse().unwrap(),
    )
}

/// Evaluates the small macro language of the version number: integers, the component macros,
/// `<<`, `|` and parentheses. Enough to catch a wrong formula, not a C preprocessor.
fn eval(expr: &str, header: &str) -> u64 {
    fn tokens(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = s.chars().peekable();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
            } else if c == '<' {
                chars.next();
                assert_eq!(chars.next(), Some('<'), "only << is supported");
                out.push("<<".into());
            } else if "()|".contains(c) {
                out.push(c.to_string());
                chars.next();
            } else {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        word.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                assert!(!word.is_empty(), "unexpected character {c:?} in {s:?}");
                out.push(word);
            }
        }
        out
    }
    // or := shift ('|' shift)* ; shift := atom ('<<' atom)* ; atom := number | NAME | '(' or ')'
    fn or(t: &[String], i: &mut usize, h: &str) -> u64 {
        let mut v = shift(t, i, h);
        while t.get(*i).is_some_and(|s| s == "|") {
            *i += 1;
            v |= shift(t, i, h);
        }
        v
    }
    fn shift(t: &[String], i: &mut usize, h: &str) -> u64 {
        let mut v = atom(t, i, h);
        while t.get(*i).is_some_and(|s| s == "<<") {
            *i += 1;
            v <<= atom(t, i, h);
        }
        v
    }
    fn atom(t: &[String], i: &mut usize, h: &str) -> u64 {
        let tok = t[*i].clone();
        *i += 1;
        if tok == "(" {
            let v = or(t, i, h);
            assert_eq!(t[*i], ")");
            *i += 1;
            v
        } else if let Ok(n) = tok.parse() {
            n
        } else {
            eval(&define(h, &tok), h)
        }
    }
    let t = tokens(expr);
    let mut i = 0;
    let v = or(&t, &mut i, header);
    assert_eq!(i, t.len(), "trailing tokens in {expr:?}");
    v
}

#[test]
fn component_macros_match_cargo_toml() {
    let h = header();
    let (major, minor, patch) = cargo_version();
    assert_eq!(number(&h, "VOSIA_VERSION_MAJOR"), major);
    assert_eq!(number(&h, "VOSIA_VERSION_MINOR"), minor);
    assert_eq!(number(&h, "VOSIA_VERSION_PATCH"), patch);
    assert_eq!(
        define(&h, "VOSIA_VERSION_STRING"),
        format!("\"{}\"", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn version_number_macro_is_major_minor_patch() {
    let h = header();
    let (major, minor, patch) = cargo_version();
    let expected = (u64::from(major) << 16) | (u64::from(minor) << 8) | u64::from(patch);
    let expr = define(&h, "VOSIA_VERSION_NUMBER");
    assert_eq!(eval(&expr, &h), expected, "VOSIA_VERSION_NUMBER = {expr}");
    // Would catch a macro that ignores a component even while the version has zeros in it.
    for component in [
        "VOSIA_VERSION_MAJOR",
        "VOSIA_VERSION_MINOR",
        "VOSIA_VERSION_PATCH",
    ] {
        assert_eq!(
            expr.matches(component).count(),
            1,
            "VOSIA_VERSION_NUMBER must use {component} exactly once: {expr}"
        );
    }
    let at_least = define(&h, "VOSIA_AT_LEAST_VERSION(x, y, z)");
    assert!(
        at_least.contains("VOSIA_VERSION_NUMBER") && at_least.contains("<< 16"),
        "VOSIA_AT_LEAST_VERSION = {at_least}"
    );
}

#[test]
#[allow(unused_unsafe)]
fn runtime_version_matches_cargo_toml() {
    let (major, minor, patch) = cargo_version();
    let expected = ((major << 16) | (minor << 8) | patch) as i32;
    // SAFETY: no arguments; the string returned is static.
    let text = unsafe { CStr::from_ptr(vosia::ffi::version::vosia_version()) };
    assert_eq!(text.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    let n = unsafe { vosia::ffi::version::vosia_version_number() };
    assert_eq!(n, expected);
    assert_eq!(vosia::VERSION, env!("CARGO_PKG_VERSION"));
}
