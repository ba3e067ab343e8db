//! Handing images and tables to desktop tools (Aladin, DS9, TOPCAT) over SAMP 1.3's Standard
//! Profile: XML-RPC to the hub, over vosia's own HTTP transport.
//!
//! [`Client::register`] finds the hub as the Standard Profile says (the `SAMP_HUB`
//! environment variable, `std-lockurl:<url>`, else the lockfile `~/.samp`), registers and
//! declares its name; [`Client::send`] sends `image.load.fits` or `table.load.votable` to all
//! clients or one; dropping the client unregisters it. A `Client` is `Send + Sync`: each call
//! is one request to the hub.

mod xmlrpc;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::http::{self, Post, Settings};
pub use xmlrpc::Value;

/// What a message asks its recipients to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// `image.load.fits`: a FITS image.
    Image,
    /// `table.load.votable`: a VOTable (a saved response).
    Table,
}

impl Load {
    /// The SAMP MType.
    pub fn mtype(self) -> &'static str {
        match self {
            Load::Image => "image.load.fits",
            Load::Table => "table.load.votable",
        }
    }
}

/// A hub as its lockfile describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hub {
    /// The hub's XML-RPC endpoint (`samp.hub.xmlrpc.url`).
    pub url: String,
    /// The registration secret (`samp.secret`).
    pub secret: String,
}

/// Hub calls are local and small: they never wait long.
fn hub_settings() -> Settings {
    Settings {
        timeout: Duration::from_secs(30),
        connect_timeout: Duration::from_secs(5),
        max_retries: 0,
        ..Settings::default()
    }
}

impl Hub {
    /// The hub of this session: from `SAMP_HUB` (`std-lockurl:` and the `file:` URL of the
    /// lockfile), else from `~/.samp`.
    pub fn find() -> Result<Hub> {
        match std::env::var("SAMP_HUB") {
            Ok(value) if !value.trim().is_empty() => Hub::from_samp_hub(value.trim()),
            _ => {
                let home = std::env::var_os("HOME").ok_or_else(|| {
                    Error::invalid("neither SAMP_HUB nor HOME is set: no SAMP lockfile to read")
                })?;
                Hub::from_lockfile(&PathBuf::from(home).join(".samp"))
            }
        }
    }

    fn from_samp_hub(value: &str) -> Result<Hub> {
        let Some(url) = value.strip_prefix("std-lockurl:") else {
            return Err(Error::invalid(format!(
                "SAMP_HUB is {value:?}; the Standard Profile's form is std-lockurl:<URL of the \
                 lockfile>"
            )));
        };
        let parsed = url::Url::parse(url)
            .map_err(|e| Error::invalid(format!("SAMP_HUB's lockfile URL {url:?}: {e}")))?;
        match parsed.scheme() {
            "file" => {
                let path = parsed.to_file_path().map_err(|_| {
                    Error::invalid(format!(
                        "SAMP_HUB's lockfile URL {url:?} is not a local path"
                    ))
                })?;
                Hub::from_lockfile(&path)
            }
            other => Err(Error::invalid(format!(
                "SAMP_HUB's lockfile URL has scheme {other}; vosia reads file: lockfiles"
            ))),
        }
    }

    /// The hub a lockfile at `path` describes.
    pub fn from_lockfile(path: &Path) -> Result<Hub> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let kind = if e.kind() == std::io::ErrorKind::NotFound {
                ErrorKind::Connect
            } else {
                ErrorKind::Io
            };
            Error::new(
                kind,
                format!(
                    "no SAMP hub found: reading {}: {e}; start a hub (TOPCAT, Aladin, or \
                     astropy's samp_hub) or set SAMP_HUB",
                    path.display()
                ),
            )
        })?;
        Hub::parse_lockfile(&text, &path.display().to_string())
    }

    /// A lockfile's `key=value` lines (`#` starts a comment); `source` names it in errors.
    pub fn parse_lockfile(text: &str, source: &str) -> Result<Hub> {
        let mut url = None;
        let mut secret = None;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            match line.split_once('=') {
                Some(("samp.hub.xmlrpc.url", v)) => url = Some(v.trim().to_string()),
                Some(("samp.secret", v)) => secret = Some(v.trim().to_string()),
                _ => {}
            }
        }
        match (url, secret) {
            (Some(url), Some(secret)) => {
                crate::service::check_base_url(&url)?;
                Ok(Hub { url, secret })
            }
            _ => Err(Error::format(format!(
                "the SAMP lockfile {source} lacks samp.hub.xmlrpc.url or samp.secret"
            ))),
        }
    }
}

/// A client registered with a hub; unregistered when dropped.
#[derive(Debug)]
pub struct Client {
    hub_url: String,
    private_key: String,
    self_id: String,
    agent: http::Agent,
    settings: Settings,
}

impl Client {
    /// Finds the hub ([`Hub::find`]), registers and declares `name` (`samp.name`).
    pub fn register(name: &str) -> Result<Client> {
        Client::register_with(&Hub::find()?, name)
    }

    /// Registers with `hub` and declares `name`.
    pub fn register_with(hub: &Hub, name: &str) -> Result<Client> {
        if name.trim().is_empty() {
            return Err(Error::invalid("the SAMP client name is empty"));
        }
        let agent = http::new_agent();
        let settings = hub_settings();
        let answer = call(
            &agent,
            &settings,
            &hub.url,
            "samp.hub.register",
            &[Value::str(&hub.secret)],
        )?;
        let field = |key: &str| {
            answer
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    Error::format(format!("the SAMP hub's registration answer lacks {key}"))
                })
        };
        let client = Client {
            hub_url: hub.url.clone(),
            private_key: field("samp.private-key")?,
            self_id: field("samp.self-id")?,
            agent,
            settings,
        };
        let metadata = Value::Map(vec![
            ("samp.name".into(), Value::str(name)),
            (
                "samp.description.text".into(),
                Value::str("vosia, an IVOA Simple Image Access client"),
            ),
            ("vosia.version".into(), Value::str(crate::VERSION)),
        ]);
        client.hub("samp.hub.declareMetadata", vec![metadata])?;
        Ok(client)
    }

    /// The id the hub gave this client.
    pub fn self_id(&self) -> &str {
        &self.self_id
    }

    fn hub(&self, method: &str, mut params: Vec<Value>) -> Result<Value> {
        params.insert(0, Value::str(&self.private_key));
        call(&self.agent, &self.settings, &self.hub_url, method, &params)
    }

    /// The other registered clients: `(id, samp.name)`, the name empty when none is declared.
    pub fn clients(&self) -> Result<Vec<(String, String)>> {
        let ids = match self.hub("samp.hub.getRegisteredClients", vec![])? {
            Value::List(ids) => ids,
            _ => return Err(Error::format("samp.hub.getRegisteredClients gave no list")),
        };
        let mut out = Vec::new();
        for id in ids.iter().filter_map(Value::as_str) {
            let meta = self.hub("samp.hub.getMetadata", vec![Value::str(id)])?;
            let name = meta.get("samp.name").and_then(Value::as_str).unwrap_or("");
            out.push((id.to_string(), name.to_string()));
        }
        Ok(out)
    }

    /// Sends `load` of `file_or_url` (a URL, or a local file's path, sent as its `file://`
    /// URL) with the display name `name` to every client subscribed to it (`recipient`
    /// `None`), or to the one whose id or `samp.name` is `recipient` (case-insensitive).
    /// Returns the ids of the clients it went to. A notification: nothing waits for the
    /// recipients to load it.
    pub fn send(
        &self,
        load: Load,
        file_or_url: &str,
        name: Option<&str>,
        recipient: Option<&str>,
    ) -> Result<Vec<String>> {
        let url = url_of(file_or_url)?;
        let mut params = vec![("url".to_string(), Value::str(&url))];
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            params.push(("name".to_string(), Value::str(name)));
        }
        let message = Value::Map(vec![
            ("samp.mtype".into(), Value::str(load.mtype())),
            ("samp.params".into(), Value::Map(params)),
        ]);
        match recipient {
            None => match self.hub("samp.hub.notifyAll", vec![message])? {
                Value::List(ids) => Ok(ids
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()),
                // A SAMP 1.2 hub returns nothing.
                _ => Ok(Vec::new()),
            },
            Some(who) => {
                let clients = self.clients()?;
                let found = clients
                    .iter()
                    .find(|(id, _)| id == who)
                    .or_else(|| clients.iter().find(|(_, n)| n.eq_ignore_ascii_case(who)));
                let Some((id, _)) = found else {
                    let names = clients
                        .iter()
                        .map(|(id, n)| format!("{id} ({n})"))
                        .collect::<Vec<_>>();
                    return Err(Error::invalid(format!(
                        "no SAMP client has the id or name {who:?}; registered: {}",
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    )));
                };
                self.hub("samp.hub.notify", vec![Value::str(id), message])?;
                Ok(vec![id.clone()])
            }
        }
    }

    /// Unregisters now, reporting a failure (dropping the client unregisters quietly).
    pub fn unregister(mut self) -> Result<()> {
        self.release()
    }

    /// Unregisters once: the private key is taken, so a second call (the drop after
    /// `unregister`) does nothing.
    fn release(&mut self) -> Result<()> {
        let key = std::mem::take(&mut self.private_key);
        if key.is_empty() {
            return Ok(());
        }
        let params = [Value::Str(key)];
        call(
            &self.agent,
            &self.settings,
            &self.hub_url,
            "samp.hub.unregister",
            &params,
        )
        .map(|_| ())
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.release();
    }
}

/// A URL as it is, or a local file's absolute `file://` URL (the file must exist).
pub fn url_of(file_or_url: &str) -> Result<String> {
    let lower = file_or_url.trim().to_ascii_lowercase();
    if ["http://", "https://", "file:", "ftp://"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Ok(file_or_url.trim().to_string());
    }
    if file_or_url.trim().is_empty() {
        return Err(Error::invalid("nothing to send: the file or URL is empty"));
    }
    let path = std::fs::canonicalize(file_or_url)
        .map_err(|e| Error::new(ErrorKind::Io, format!("sending {file_or_url}: {e}")))?;
    url::Url::from_file_path(&path)
        .map(String::from)
        .map_err(|_| Error::invalid(format!("{} has no file URL", path.display())))
}

fn call(
    agent: &http::Agent,
    settings: &Settings,
    hub_url: &str,
    method: &str,
    params: &[Value],
) -> Result<Value> {
    let body = xmlrpc::method_call(method, params);
    let post = Post {
        content_type: "text/xml",
        body: &body,
    };
    let answer = fetch::document_with(agent, settings, hub_url, Some(post))?;
    xmlrpc::response(method, &answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lockfile_gives_the_url_and_secret_and_skips_comments() {
        let hub = Hub::parse_lockfile(
            "# SAMP lockfile\nsamp.secret=abc123\nsamp.hub.xmlrpc.url=http://127.0.0.1:4567/xmlrpc\nsamp.profile.version=1.3\n",
            "test",
        )
        .unwrap();
        assert_eq!(hub.url, "http://127.0.0.1:4567/xmlrpc");
        assert_eq!(hub.secret, "abc123");
        assert!(Hub::parse_lockfile("samp.secret=x\n", "t").is_err());
    }

    #[test]
    fn a_missing_lockfile_says_how_to_start_a_hub() {
        let err = Hub::from_lockfile(Path::new("/nonexistent/.samp")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Connect);
        assert!(err.message().contains("start a hub"));
    }

    #[test]
    fn urls_stay_and_paths_become_file_urls() {
        assert_eq!(url_of("http://h/x.fits").unwrap(), "http://h/x.fits");
        let here = std::env::current_dir().unwrap().join("Cargo.toml");
        let url = url_of("Cargo.toml").unwrap();
        assert_eq!(url, url::Url::from_file_path(&here).unwrap().as_str());
        assert_eq!(url_of("no/such.fits").unwrap_err().kind(), ErrorKind::Io);
    }
}
