//! `vosia describe`: what a service takes and returns, what it offers and whether it is up.

use std::io::Write;

use vosia::attrs::Attr;
use vosia::describe::Metadata;

use crate::cli::DescribeCommand;
use crate::exit::{Exit, Outcome};
use crate::output::{Cell, table};
use crate::search;
use crate::session::Session;

pub fn describe(session: &Session, cmd: &DescribeCommand) -> Outcome {
    let service = search::open(session, &cmd.url, &cmd.version)?;
    let meta = service.metadata()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "Service:      {} (SIA {})",
        service.base_url(),
        search::version_text(service.version())
    )?;
    let available = match service.availability() {
        Ok(a) => {
            let note = a
                .note()
                .map(|n| format!(" ({})", one_line(n)))
                .unwrap_or_default();
            format!("{}{note}", if a.available { "yes" } else { "NO" })
        }
        Err(e) => format!("unknown (no VOSI availability: {})", e.message()),
    };
    writeln!(out, "Available:    {available}")?;
    if let Some(d) = meta.description() {
        writeln!(out, "Description:  {}", one_line(&d.to_string_lossy()))?;
    }
    writeln!(out, "\nParameters ({}):", meta.params.len())?;
    parameters(&meta, &mut out)?;
    writeln!(out, "\nOutput columns ({}):", meta.columns.len())?;
    let rows: Vec<Vec<Cell>> = meta
        .columns
        .iter()
        .map(|c| {
            [
                Attr::Name,
                Attr::Datatype,
                Attr::Unit,
                Attr::Ucd,
                Attr::Description,
            ]
            .iter()
            .map(|a| text(c.attrs.get(*a)))
            .collect()
        })
        .collect();
    table(
        &heads(&["name", "type", "unit", "ucd", "description"]),
        &rows,
        &mut out,
    )?;
    writeln!(out, "\nCapabilities:")?;
    match service.capabilities() {
        Ok(caps) => {
            let rows: Vec<Vec<Cell>> = caps
                .iter()
                .map(|c| vec![text(c.standard_id.as_deref()), text(c.access_url())])
                .collect();
            table(&heads(&["standardID", "access URL"]), &rows, &mut out)?;
        }
        Err(e) => writeln!(out, "  none found ({})", e.message())?,
    }
    Ok(Exit::Ok)
}

fn parameters(meta: &Metadata, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<Vec<Cell>> = meta
        .params
        .iter()
        .map(|p| {
            let datatype = match (p.attrs.get(Attr::Datatype), p.attrs.get(Attr::ArraySize)) {
                (Some(t), Some(n)) => format!("{t}[{n}]"),
                (Some(t), None) => t.to_string(),
                _ => String::new(),
            };
            let options: Vec<&str> = p.options().collect();
            let allowed = match (p.attrs.get(Attr::Min), p.attrs.get(Attr::Max)) {
                _ if !options.is_empty() => shortened(&options.join("|"), options.len()),
                (Some(lo), Some(hi)) => format!("{lo} .. {hi}"),
                (Some(lo), None) => format!(">= {lo}"),
                (None, Some(hi)) => format!("<= {hi}"),
                (None, None) => String::new(),
            };
            vec![
                Cell::Text(p.name().to_string()),
                Cell::Text(datatype),
                text(p.attrs.get(Attr::Unit)),
                Cell::Text(allowed),
                text(p.attrs.get(Attr::Description)),
            ]
        })
        .collect();
    table(
        &heads(&["name", "type", "unit", "allowed", "description"]),
        &rows,
        out,
    )
}

fn heads(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Null, |v| Cell::Text(one_line(v)))
}

/// `text` with its runs of white space (newlines too) as single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Allowed values past 60 characters end in "... (N values)".
fn shortened(list: &str, n: usize) -> String {
    if list.chars().count() <= 60 {
        return list.to_string();
    }
    let head: String = list.chars().take(50).collect();
    format!("{head}... ({n} values)")
}
