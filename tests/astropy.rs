//! Every file of the shared corpus read by astropy.io.votable and by vosia, every cell
//! compared (tests/astropy_compare.py, fed by examples/dump_votable.rs).
//!
//! The Python is `$VOSIA_PYTHON`, else `python3`. Skipped, saying so, when `../shared/corpus`
//! is absent or that Python has no astropy; fails when the comparison finds a difference that
//! is not one of the script's listed, deliberate ones.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.join("MANIFEST.tsv").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus is not beside the project");
        None
    }
}

/// The Python to run the comparison with, if it has astropy.
fn python_with_astropy() -> Option<String> {
    let python = std::env::var("VOSIA_PYTHON")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "python3".to_string());
    match Command::new(&python)
        .args(["-c", "import astropy, numpy; print(astropy.__version__)"])
        .output()
    {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout);
            eprintln!("{python}: astropy {}", version.trim());
            Some(python)
        }
        Ok(_) => {
            eprintln!(
                "skipped: {python} has no astropy (set VOSIA_PYTHON to a python with astropy, \
                 e.g. python3 -m venv venv && venv/bin/pip install astropy)"
            );
            None
        }
        Err(e) => {
            eprintln!("skipped: cannot run {python}: {e} (set VOSIA_PYTHON)");
            None
        }
    }
}

/// Variables cargo sets for this test process that describe this crate, not the build. They
/// must not reach the nested cargo: ring's build script reruns when CARGO_MANIFEST_DIR
/// changes, so with them every run would rebuild ring, rustls and ureq (and the next plain
/// `cargo build` would rebuild them again).
fn is_per_crate_variable(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || name.starts_with("CARGO_MANIFEST_")
        || matches!(
            name,
            "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_TARGET_TMPDIR"
                | "OUT_DIR"
        )
}

/// Builds examples/dump_votable (release) and returns its path, as cargo reports it.
fn build_dump_example() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_string());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let mut command = Command::new(&cargo);
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_per_crate_variable) {
            command.env_remove(name);
        }
    }
    let out = command
        .args(["build", "--release", "--example", "dump_votable"])
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--message-format=json-render-diagnostics")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo}: {e}"));
    assert!(
        out.status.success(),
        "cargo build --release --example dump_votable failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "dump_votable")
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported no dump_votable executable")
}

#[test]
fn every_corpus_cell_agrees_with_astropy() {
    let Some(corpus) = corpus() else { return };
    let Some(python) = python_with_astropy() else {
        return;
    };
    let dump = build_dump_example();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/astropy_compare.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg("--dump")
        .arg(&dump)
        .arg("--corpus")
        .arg(&corpus)
        .arg("--verbose")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.ends_with(" failed") && l.contains(" passed, "))
        .unwrap_or("");
    assert!(
        out.status.success(),
        "astropy comparison failed: {}",
        if summary.is_empty() {
            "no summary line"
        } else {
            summary
        }
    );
    assert!(
        summary.ends_with(", 0 failed"),
        "unexpected summary: {summary:?}"
    );
    let passed: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed >= 40,
        "only {passed} corpus files compared: {summary}"
    );
}
