//! File names for downloaded datasets: pyvo's rules for the name, then made safe so that no
//! name can leave the target folder.
//!
//! pyvo (`SIARecord.suggest_dataset_basename`, `suggest_extension`, `make_dataset_filename`):
//! the title with runs of whitespace turned into `_` (`"image"` without one), `/` and `\`
//! turned into `_`, a `.` and the extension Python's `mimetypes` gives the MIME type (`dat`
//! when it knows none), and `-1`, `-2`, ... before the extension for a name already taken.
//! pyvo gives every SIA 2.0 record the name `dataset.dat`; vosia applies the SIA 1.0 rule to
//! the standard fields TITLE (`obs_title`, else `obs_id`) and FORMAT (`access_format`).

/// Longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;
/// Room kept for the numbered suffix and the temporary name's `.part`.
const RESERVED: usize = 16;

/// pyvo's `mime2extension`: Python's `mimetypes.guess_extension(type, strict=False)` with the
/// FITS types pyvo adds, for the types archives serve; `dat` for any other (and for a type
/// with parameters, which Python does not look up either).
pub fn extension_for(mime: Option<&str>) -> &'static str {
    let Some(mime) = mime else { return "dat" };
    let t = mime.trim().to_ascii_lowercase();
    match t.as_str() {
        "application/fits" | "application/x-fits" | "image/fits" => "fits",
        "image/jpeg" | "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/tiff" => "tiff",
        "image/svg+xml" => "svg",
        "application/pdf" => "pdf",
        "application/postscript" => "ps",
        "text/plain" => "txt",
        "text/html" => "html",
        "text/xml" => "xml",
        "application/xml" => "xsl",
        "text/csv" => "csv",
        "text/tab-separated-values" => "tsv",
        "application/json" => "json",
        "application/x-tar" => "tar",
        "application/zip" => "zip",
        "application/octet-stream" => "bin",
        "application/x-hdf5" => "h5",
        "video/mp4" => "mp4",
        _ => "dat",
    }
}

/// pyvo's base name: the title, trimmed, with runs of whitespace as `_`; `"image"` for none.
pub fn basename_for(title: Option<&str>) -> String {
    match title.map(str::trim) {
        Some(t) if !t.is_empty() => t.split_whitespace().collect::<Vec<_>>().join("_"),
        _ => "image".to_string(),
    }
}

/// `base` as one safe path component: path separators, NUL and control characters become
/// `_` (and on Windows the characters it forbids), leading dots become one `_`, trailing dots
/// and spaces go, a Windows device name (`CON`, `nul.txt`, `COM1`, ...) gets a `_` in front, and the whole
/// is cut (at a character boundary) so that the name with its extension, a numbered suffix and
/// `.part` fits in 255 bytes. Never empty, never `.` or `..`.
pub fn safe_base(base: &str, extension: &str) -> String {
    let forbidden = |c: char| {
        c == '/'
            || c == '\\'
            || c.is_control()
            || (cfg!(windows) && matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    };
    let mut out: String = base
        .chars()
        .map(|c| if forbidden(c) { '_' } else { c })
        .collect();
    let kept = out.trim_start_matches('.').len();
    if kept < out.len() {
        out = format!("_{}", &out[out.len() - kept..]);
    }
    let room = NAME_MAX - RESERVED - extension.len() - 1;
    if out.len() > room {
        let mut cut = room;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    let end = out.trim_end_matches(['.', ' ']).len();
    out.truncate(end);
    if out.is_empty() || out == "_" && base.trim_start_matches('.').is_empty() {
        out = "image".to_string();
    }
    if is_windows_device(&out) {
        out.insert(0, '_');
    }
    out
}

fn is_windows_device(base: &str) -> bool {
    let stem = base
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// `base.ext` for the first use of a name in a batch, then `base-1.ext`, `base-2.ext`, ...
/// (pyvo's suffixes). Names compare without case, so that a batch gives distinct files on
/// case-insensitive file systems too.
#[derive(Debug, Default)]
pub struct Namer {
    taken: std::collections::HashSet<String>,
}

impl Namer {
    pub fn name(&mut self, base: &str, extension: &str) -> String {
        let mut n = 0;
        loop {
            let name = if n == 0 {
                format!("{base}.{extension}")
            } else {
                format!("{base}-{n}.{extension}")
            };
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

/// The file name a `Content-Disposition` header gives (RFC 6266): `filename*` (RFC 8187,
/// `UTF-8''percent-encoded`) before `filename`; only its last path component, made safe by
/// the caller. `None` when the header names no file.
pub fn content_disposition_name(header: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for part in split_params(header).into_iter().skip(1) {
        let Some((key, value)) = part.split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        if key == "filename*" {
            if let Some((charset, rest)) = value.split_once('\'')
                && let Some((_, encoded)) = rest.split_once('\'')
                && charset.eq_ignore_ascii_case("utf-8")
            {
                extended = percent_encoding::percent_decode_str(encoded)
                    .decode_utf8()
                    .ok()
                    .map(|s| s.into_owned());
            }
        } else if key == "filename" {
            plain = Some(unquote(value));
        }
    }
    let name = extended.or(plain)?;
    let last = name.rsplit(['/', '\\']).next().unwrap_or("").to_string();
    (!last.trim().is_empty()).then_some(last)
}

/// `a; b="x;y"; c` split at the semicolons outside quotes.
fn split_params(header: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for c in header.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

fn unquote(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return value.to_string();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a server's (or caller's) file name into a safe base and its extension.
pub fn safe_file_name(name: &str) -> String {
    let (base, extension) = match name.rsplit_once('.') {
        Some((b, e))
            if !b.is_empty() && e.len() <= 16 && e.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (b, e)
        }
        _ => (name, ""),
    };
    let base = safe_base(base, extension);
    if extension.is_empty() {
        base
    } else {
        format!("{base}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_pyvo() {
        assert_eq!(
            basename_for(Some(" SIATEST M31 I  FAKECAM-B 2022-10-21T09:15:40 ")),
            "SIATEST_M31_I_FAKECAM-B_2022-10-21T09:15:40"
        );
        assert_eq!(basename_for(Some("  ")), "image");
        assert_eq!(basename_for(None), "image");
        assert_eq!(extension_for(Some("image/fits")), "fits");
        assert_eq!(extension_for(Some("IMAGE/JPEG")), "jpg");
        assert_eq!(extension_for(Some("application/x-votable+xml")), "dat");
        assert_eq!(extension_for(Some("image/fits; x=1")), "dat");
        assert_eq!(extension_for(None), "dat");
        let mut namer = Namer::default();
        assert_eq!(namer.name("a", "fits"), "a.fits");
        assert_eq!(namer.name("a", "fits"), "a-1.fits");
        assert_eq!(namer.name("A", "FITS"), "A-2.FITS");
        assert_eq!(namer.name("b", "fits"), "b.fits");
    }

    #[test]
    fn no_name_leaves_the_folder() {
        for (title, want) in [
            ("../../etc/x", "__.._etc_x"),
            ("/etc/passwd", "_etc_passwd"),
            ("..", "image"),
            (".", "image"),
            (".hidden", "_hidden"),
            ("a\0b\nc\x7f", "a_b_c_"),
            ("nul", "_nul"),
            ("COM1", "_COM1"),
            ("lpt9.tar", "_lpt9.tar"),
            ("COM0", "COM0"),
            ("trailing. . ", "trailing"),
            (
                "C:\\Windows\\x",
                if cfg!(windows) {
                    "C__Windows_x"
                } else {
                    "C:_Windows_x"
                },
            ),
        ] {
            let got = safe_base(title, "fits");
            assert_eq!(got, want, "title {title:?}");
            assert!(!got.contains('/') && !got.contains('\\') && !got.starts_with('.'));
        }
        let long = "é".repeat(300);
        let got = safe_base(&long, "fits");
        assert!(got.len() + ".fits".len() + RESERVED <= NAME_MAX);
        assert!(got.chars().all(|c| c == 'é'));
    }

    #[test]
    fn content_disposition() {
        let n = content_disposition_name;
        assert_eq!(
            n("attachment; filename=\"a b.fits\"").as_deref(),
            Some("a b.fits")
        );
        assert_eq!(n("attachment; filename=x.fits").as_deref(), Some("x.fits"));
        assert_eq!(
            n("attachment; filename=\"plain.fits\"; filename*=UTF-8''%C3%A9t%C3%A9.fits")
                .as_deref(),
            Some("été.fits")
        );
        assert_eq!(
            n("attachment; filename=\"../../x;y.fits\"").as_deref(),
            Some("x;y.fits")
        );
        assert_eq!(n("inline").as_deref(), None);
        assert_eq!(n("attachment; filename=\"dir/\"").as_deref(), None);
        assert_eq!(safe_file_name("../evil.fits"), "__evil.fits");
        assert_eq!(safe_file_name("x.tar.gz"), "x.tar.gz");
        assert_eq!(safe_file_name("noext"), "noext");
    }
}
