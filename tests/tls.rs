//! TLS against a local HTTPS server with a CA of its own (`openssl s_server -WWW` on
//! 127.0.0.1, certificates made by the `openssl` command for the test): verification is on by
//! default, a CA bundle can be trusted, and a client certificate (one PEM with certificate
//! and key, as CADC's proxy certificates are) is presented when the server asks for one.
//! Skips when `openssl` is not installed.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, SiaVersion};

const ANSWER: &str = "<?xml version=\"1.0\"?><VOTABLE><RESOURCE type=\"results\"><TABLE>\
    <FIELD name=\"t\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>\
    <TR><TD>over TLS</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate it signed, and the
/// answer file, in a fresh folder.
fn certificates(name: &str) -> Option<PathBuf> {
    Command::new("openssl").arg("version").output().ok()?;
    let dir = std::env::temp_dir().join(format!("vosia-tls-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let key = ["-newkey", "rsa:2048", "-nodes"];
    openssl(
        &dir,
        &[
            &["req", "-x509"],
            &key[..],
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=vosia test CA",
            ],
        ]
        .concat(),
    );
    for (who, ext) in [
        ("server", "subjectAltName=IP:127.0.0.1"),
        ("client", "extendedKeyUsage=clientAuth"),
    ] {
        openssl(
            &dir,
            &[
                &["req"],
                &key[..],
                &[
                    "-keyout",
                    &format!("{who}.key"),
                    "-out",
                    &format!("{who}.csr"),
                    "-subj",
                    &format!("/CN=vosia test {who}"),
                ],
            ]
            .concat(),
        );
        std::fs::write(dir.join(format!("{who}.ext")), ext).unwrap();
        openssl(
            &dir,
            &[
                "x509",
                "-req",
                "-in",
                &format!("{who}.csr"),
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                &format!("{who}.pem"),
                "-extfile",
                &format!("{who}.ext"),
            ],
        );
    }
    // The client's one PEM file: certificate, then key.
    let both = std::fs::read_to_string(dir.join("client.pem")).unwrap()
        + &std::fs::read_to_string(dir.join("client.key")).unwrap();
    std::fs::write(dir.join("client-with-key.pem"), both).unwrap();
    std::fs::write(dir.join("sia.xml"), ANSWER).unwrap();
    Some(dir)
}

/// `openssl s_server` serving the folder's files; killed when dropped.
struct HttpsServer {
    child: Child,
    port: u16,
}

impl HttpsServer {
    fn start(dir: &Path, client_cert: bool) -> HttpsServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut args: Vec<String> = [
            "s_server",
            "-WWW",
            "-quiet",
            "-cert",
            "server.pem",
            "-key",
            "server.key",
            "-accept",
        ]
        .map(String::from)
        .to_vec();
        args.push(format!("127.0.0.1:{port}"));
        if client_cert {
            args.extend(["-Verify", "1", "-CAfile", "ca.pem"].map(String::from));
        }
        let child = Command::new("openssl")
            .args(&args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "s_server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        HttpsServer { child, port }
    }

    fn query(&self) -> (Arc<Service>, Query) {
        let url = format!("https://127.0.0.1:{}/sia.xml", self.port);
        let service = Arc::new(Service::new(&url, SiaVersion::V1).unwrap());
        service.set_timeout(10.0).unwrap();
        service.set_keepalive(false).unwrap();
        (service.clone(), Query::new(service))
    }
}

impl Drop for HttpsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_untrusted_certificate_is_tls_until_its_ca_is_trusted() {
    let Some(dir) = certificates("ca") else {
        eprintln!("openssl not installed: skipped");
        return;
    };
    let server = HttpsServer::start(&dir, false);
    let (service, q) = server.query();
    let e = q.execute().err().expect("untrusted");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(
        e.message().contains("vosia_service_set_ca_file"),
        "says what to do: {e}"
    );
    service.set_ca_file(&dir.join("ca.pem")).unwrap();
    let r = q.execute().unwrap();
    assert_eq!(r.str(0, 0).unwrap(), Some("over TLS"));
    // Files that cannot be used are refused when set, saying why.
    let e = service.set_ca_file(&dir.join("missing.pem")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io, "{e}");
    let e = service.set_ca_file(&dir.join("server.key")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArg, "{e}");
    assert!(e.message().contains("no PEM certificate"), "{e}");
}

#[test]
fn a_client_certificate_is_presented_when_the_server_asks() {
    let Some(dir) = certificates("client") else {
        eprintln!("openssl not installed: skipped");
        return;
    };
    let server = HttpsServer::start(&dir, true);
    let (service, q) = server.query();
    service.set_ca_file(&dir.join("ca.pem")).unwrap();
    let e = q.execute().err().expect("no client certificate");
    assert_eq!(e.kind(), ErrorKind::Tls, "{e}");
    assert!(e.message().contains("client certificate"), "{e}");
    let e = service
        .set_client_cert(&dir.join("client.pem"))
        .unwrap_err();
    assert!(
        e.message().contains("private key"),
        "a certificate without its key: {e}"
    );
    service
        .set_client_cert(&dir.join("client-with-key.pem"))
        .unwrap();
    let r = q.execute().unwrap();
    assert_eq!(r.str(0, 0).unwrap(), Some("over TLS"));
}
