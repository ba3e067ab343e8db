//! TLS beyond the system's trust store: a CA bundle to trust instead (a service with a CA of
//! its own, a site proxy), and a client certificate (a PEM file with the certificate, its
//! chain and its key, as CADC's proxy certificates are). Files are read once, when set.

use std::path::Path;
use std::sync::Arc;

use ureq::tls::{Certificate, ClientCert, PemItem, PrivateKey, RootCerts, TlsConfig};

use crate::error::{Error, ErrorKind, Result};

/// The TLS choices of a service. Compared by identity: two settings are equal when they hold
/// the same loaded files.
#[derive(Clone)]
pub struct Tls {
    roots: RootCerts,
    client: Option<ClientCert>,
    config: Arc<TlsConfig>,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls(..)")
    }
}

impl PartialEq for Tls {
    fn eq(&self, other: &Tls) -> bool {
        Arc::ptr_eq(&self.config, &other.config)
    }
}

impl Tls {
    fn new(roots: RootCerts, client: Option<ClientCert>) -> Tls {
        let config = TlsConfig::builder()
            .root_certs(roots.clone())
            .client_cert(client.clone())
            .build();
        Tls {
            roots,
            client,
            config: Arc::new(config),
        }
    }

    /// The ureq configuration these choices make.
    pub(crate) fn config(&self) -> &TlsConfig {
        &self.config
    }
}

/// One TLS file, read and checked: a change to make to a service's TLS choices. Reading is
/// apart from applying so that the file is read outside the service's lock and the change is
/// made under it, on the choices current then ([`TlsFile::onto`]).
pub enum TlsFile {
    /// The CA certificates to trust instead of the system store, as curl's `--cacert`.
    Roots(RootCerts),
    /// The client certificate to present: certificate, chain and private key.
    Client(ClientCert),
}

impl TlsFile {
    /// The CA certificates of the PEM file at `path` (at least one).
    pub fn ca_file(path: &Path) -> Result<TlsFile> {
        let (certs, _) = read_pem(path)?;
        if certs.is_empty() {
            return Err(Error::invalid(format!(
                "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                path.display()
            )));
        }
        Ok(TlsFile::Roots(RootCerts::Specific(Arc::new(certs))))
    }

    /// The client certificate of the PEM file at `path`: its certificate first, then its
    /// chain, and its private key.
    pub fn client_cert(path: &Path) -> Result<TlsFile> {
        let (certs, key) = read_pem(path)?;
        let has_key = if key.is_some() { "a" } else { "no" };
        let (Some(key), false) = (key, certs.is_empty()) else {
            return Err(Error::invalid(format!(
                "{} must hold a certificate and its private key in PEM (it has {} \
                 certificate(s) and {has_key} key)",
                path.display(),
                certs.len(),
            )));
        };
        Ok(TlsFile::Client(ClientCert::new_with_certs(&certs, key)))
    }

    /// `current` (or the system store, without a client certificate) with this change; the
    /// other half of `current` is kept.
    pub fn onto(self, current: Option<&Tls>) -> Tls {
        let roots = current.map_or(RootCerts::PlatformVerifier, |t| t.roots.clone());
        let client = current.and_then(|t| t.client.clone());
        match self {
            TlsFile::Roots(roots) => Tls::new(roots, client),
            TlsFile::Client(client) => Tls::new(roots, Some(client)),
        }
    }
}

/// The certificates and the (first) private key of a PEM file.
fn read_pem(path: &Path) -> Result<(Vec<Certificate<'static>>, Option<PrivateKey<'static>>)> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    let mut certs = Vec::new();
    let mut key = None;
    for item in ureq::tls::parse_pem(&bytes) {
        match item {
            Ok(PemItem::Certificate(c)) => certs.push(c),
            Ok(PemItem::PrivateKey(k)) => {
                key.get_or_insert(k);
            }
            Ok(_) => {}
            Err(e) => {
                return Err(Error::invalid(format!(
                    "{} is not a readable PEM file: {e}",
                    path.display()
                )));
            }
        }
    }
    Ok((certs, key))
}
