//! Gives the shared library its soname on ELF platforms: `libvosia.so.0.MINOR` while the major
//! version is 0 (a new minor version may break the ABI), `libvosia.so.MAJOR` from 1.0 on.
//! Plain `cargo build` would leave the soname out, and programs linked against
//! `libvosia.so` would then not find a versioned library at run time. On macOS the cdylib's
//! install name is `@rpath/libvosia.0.MINOR.dylib` (the name cmake/VosiaCargo.cmake installs
//! it under) with the matching compatibility version (untested: no macOS machine here).
//!
//! Symbol versions (`VOSIA_0.MINOR`) are not set here: rustc gives a cdylib its own version
//! script, which wins over another. CMake links the installed `libvosia.so` from
//! `libvosia.a` with the version script `cmake/vosia.map.in` instead.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux"
            | "android"
            | "freebsd"
            | "netbsd"
            | "openbsd"
            | "dragonfly"
            | "solaris"
            | "illumos"
    ) {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
        let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap();
        let soname = if major == "0" {
            format!("libvosia.so.0.{minor}")
        } else {
            format!("libvosia.so.{major}")
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    } else if os == "macos" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
        let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap();
        let (file, compat) = if major == "0" {
            (format!("libvosia.0.{minor}.dylib"), format!("0.{minor}"))
        } else {
            (format!("libvosia.{major}.dylib"), major.clone())
        };
        let version = std::env::var("CARGO_PKG_VERSION").unwrap();
        println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/{file}");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-compatibility_version,{compat}");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-current_version,{version}");
    }
}
