//! `vosia datalink`: the links of datasets, from their DataLink document URLs or by ID from a
//! DataLink service, written like search results.

use vosia::datalink;
use vosia::http::new_agent;

use crate::cli::{DatalinkCommand, Format};
use crate::exit::{Exit, Failure, Outcome};
use crate::output;
use crate::search;
use crate::session::Session;

/// The columns shown by default (DataLink 1.1's own).
const LINK_COLUMNS: &str =
    "ID,access_url,service_def,error_message,semantics,description,content_type,content_length";

pub fn datalink(session: &Session, cmd: &DatalinkCommand) -> Outcome {
    let format = output::default_format(cmd.output.format, cmd.output.output.as_deref());
    if format == Format::Votable {
        return Err(Failure::usage(
            "vosia datalink writes table, csv, tsv or json; for the documents themselves, \
             fetch the URLs",
        ));
    }
    let settings = search::settings(session);
    let agent = new_agent();
    let is_url = |t: &str| {
        let lower = t.to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    let (urls, ids): (Vec<&String>, Vec<&String>) = cmd.targets.iter().partition(|t| is_url(t));
    let mut tables = Vec::new();
    let mut failures = Vec::new();
    for url in urls {
        session.note(&format!("GET {url}"));
        match datalink::links_table(&agent, &settings, url, &[]) {
            Ok(table) => tables.push(table),
            Err(e) => failures.push(Failure::new(
                Exit::of(e.kind()),
                format!("{url}: {}", e.message()),
            )),
        }
    }
    if !ids.is_empty() {
        let service = cmd.service.as_deref().ok_or_else(|| {
            Failure::usage(format!(
                "{} is not a URL: to ask about dataset IDs, name the DataLink service with \
                 --service URL",
                ids[0]
            ))
        })?;
        let ids: Vec<String> = ids.into_iter().cloned().collect();
        for chunk in ids.chunks(500) {
            session.note(&format!("POST {service} ({} IDs)", chunk.len()));
            match datalink::links_table(&agent, &settings, service, chunk) {
                Ok(table) => tables.push(table),
                Err(e) => failures.push(Failure::new(
                    Exit::of(e.kind()),
                    format!("{service} ({} IDs): {}", chunk.len(), e.message()),
                )),
            }
        }
    }
    // What was found is written even when some targets failed; those are named on stderr.
    if tables.is_empty()
        && let Some(last) = failures.pop()
    {
        for f in &failures {
            session.warn(&f.message);
        }
        return Err(last);
    }
    let spec = cmd.output.columns.as_deref().unwrap_or(LINK_COLUMNS);
    let rows: usize = tables.iter().map(|t| t.row_count()).sum();
    output::write_to(&tables, spec, format, cmd.output.output.as_deref())?;
    for f in &failures {
        eprintln!("vosia: {}", f.message);
    }
    if !failures.is_empty() {
        return Ok(Exit::Partial);
    }
    if rows == 0 && cmd.output.fail_empty {
        return Ok(Exit::Empty);
    }
    Ok(Exit::Ok)
}
