//! `vosia registry`: SIA services found in the VO registry (RegTAP), one line each; and
//! `vosia send`: an image or table handed to desktop tools through the SAMP hub.

use vosia::SiaVersion;
use vosia::registry::{self, RegistryQuery};
use vosia::samp::{Client, Load};
use vosia::service::Service;

use crate::cli::{RegistryCommand, RegistryFormat, SendCommand};
use crate::exit::{Exit, Failure, Outcome};
use crate::search;
use crate::session::Session;

/// The registry when neither --registry nor IVOA_REGISTRY names one: GAVO's, pyvo's default.
pub const DEFAULT_REGISTRY: &str = "http://reg.g-vo.org/tap";

pub fn registry(session: &Session, cmd: &RegistryCommand) -> Outcome {
    let url = cmd
        .registry
        .clone()
        .or_else(|| {
            std::env::var("IVOA_REGISTRY")
                .ok()
                .filter(|u| !u.trim().is_empty())
        })
        .unwrap_or_else(|| DEFAULT_REGISTRY.to_string());
    let service = Service::new(&url, SiaVersion::V2)?;
    search::apply(&service, &search::settings(session))?;
    let mut query = RegistryQuery::new();
    for word in &cmd.keywords {
        query.add_keyword(word)?;
    }
    for t in &cmd.servicetype {
        query.add_service_type(t)?;
    }
    for band in &cmd.waveband {
        query.add_waveband(band)?;
    }
    for ivoid in &cmd.ivoid {
        query.add_ivoid(ivoid)?;
    }
    if let Some(c) = &cmd.covers {
        query.set_position(c.center.ra, c.center.dec, c.radius)?;
    }
    session.note(&format!("RegTAP query on {url}: {}", query.adql()));
    let hits = registry::search(&service, &query)?;
    let text = |c: &std::ffi::CString| c.to_string_lossy().into_owned();
    let mut out = String::new();
    match cmd.format {
        RegistryFormat::Tsv => {
            out.push_str("ivoid\tsia\tshort_name\taccess_url\ttitle\n");
            for h in &hits {
                let fields = [
                    text(&h.ivoid),
                    h.version.number().to_string(),
                    text(&h.short_name),
                    text(&h.access_url),
                    text(&h.title),
                ];
                let cleaned: Vec<String> = fields
                    .iter()
                    .map(|f| f.replace(['\t', '\n', '\r'], " "))
                    .collect();
                out.push_str(&cleaned.join("\t"));
                out.push('\n');
            }
        }
        RegistryFormat::Json => {
            let rows: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    serde_json::json!({
                        "ivoid": text(&h.ivoid),
                        "sia": h.version.number(),
                        "short_name": text(&h.short_name),
                        "title": text(&h.title),
                        "description": text(&h.description),
                        "waveband": text(&h.waveband),
                        "standard_id": text(&h.standard_id),
                        "access_url": text(&h.access_url),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rows).unwrap_or_default();
            out.push('\n');
        }
    }
    use std::io::Write;
    std::io::stdout().lock().write_all(out.as_bytes())?;
    session.note(&format!("{} SIA interfaces", hits.len()));
    if hits.is_empty() && cmd.fail_empty {
        return Ok(Exit::Empty);
    }
    Ok(Exit::Ok)
}

pub fn send(session: &Session, cmd: &SendCommand) -> Outcome {
    let client = Client::register(&cmd.client_name)?;
    let load = if cmd.table { Load::Table } else { Load::Image };
    let ids = client.send(load, &cmd.target, cmd.name.as_deref(), cmd.to.as_deref())?;
    client.unregister()?;
    for id in &ids {
        println!("{id}");
    }
    session.note(&format!("{} sent to {} clients", load.mtype(), ids.len()));
    if ids.is_empty() {
        return Err(Failure::new(
            Exit::Service,
            format!(
                "no client of the hub subscribes to {}; start one (TOPCAT, Aladin, DS9) and \
                 send again",
                load.mtype()
            ),
        ));
    }
    Ok(Exit::Ok)
}
