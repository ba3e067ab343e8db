//! SODA cutouts (SODA 1.0, sync): the same region cut out of the datasets of result rows,
//! each saved as a download is (atomic, checked, never outside the folder).
//!
//! The SODA service of a row comes from a service descriptor: one in the response itself
//! (its inputs taking values from the row's columns through `ref=`), else the `#proc` or
//! `#cutout` link of the row's DataLink document, whose `service_def` names a descriptor of
//! that document (DaCHS presets its `ID` there). The caller's parameters (`CIRCLE`,
//! `POLYGON`, `POS`, `BAND`, `TIME`, `POL`, any other by name) are sent with the
//! descriptor's fixed ones. A cutout that misses the data (HTTP 204) fails with a message
//! that says so.

use std::path::Path;
use std::sync::Arc;

use md5::{Digest as _, Md5};

use crate::datalink::{self, Links};
use crate::download::{self, Item, Options, Saved};
use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::http::Settings;
use crate::params::{encode_component, join_url};
use crate::results::Results;
use crate::stdfields::StdField;
use crate::votable::ServiceDescriptor;

/// Cuts `params` out of the datasets of `rows` of `results` into `dir`; one outcome per row.
/// Files are named `<title>_cutout_<8 hex digits of the parameters>.fits`, so a rerun with
/// the same parameters finds its complete files, and other parameters never collide.
pub fn cutout_rows(
    agent: &ureq::Agent,
    settings: &Settings,
    results: &Results,
    rows: std::ops::Range<usize>,
    params: &[(String, String)],
    dir: &Path,
    options: Options,
) -> Vec<Result<Saved>> {
    let quiet = Settings {
        progress: None,
        ..settings.clone()
    };
    let calls = calls_for(agent, &quiet, results, rows.clone());
    let tag = params_tag(params);
    let items: Vec<Result<Item>> = rows
        .zip(calls)
        .map(|(row, call)| {
            let (url, fixed) = call?;
            let mut pairs = fixed;
            pairs.extend(params.iter().cloned());
            let query: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
                .collect();
            let title = results
                .std_text(row, StdField::Title)?
                .and_then(|t| t.to_str().ok())
                .map_or_else(|| format!("row{row}"), str::to_string);
            Ok(Item {
                url: join_url(&url, &query.join("&")),
                title: Some(format!("{title} cutout {tag}")),
                format: Some("image/fits".into()),
                name: None,
            })
        })
        .collect();
    let wanted: Vec<Item> = items
        .iter()
        .filter_map(|i| i.as_ref().ok().cloned())
        .collect();
    let options = Options {
        follow_datalink: false,
        ..options
    };
    let mut saved = download::download_all(agent, settings, &wanted, dir, options)
        .into_iter()
        .map(|r| r.map_err(explain_204));
    items
        .into_iter()
        .map(|item| match item {
            Ok(_) => saved.next().unwrap_or_else(|| {
                Err(Error::new(
                    ErrorKind::Internal,
                    "a cutout outcome is missing",
                ))
            }),
            Err(e) => Err(e),
        })
        .collect()
}

/// Eight hex digits of the MD5 of the parameters, in order.
fn params_tag(params: &[(String, String)]) -> String {
    let mut h = Md5::new();
    for (k, v) in params {
        h.update(k.to_ascii_uppercase().as_bytes());
        h.update(b"=");
        h.update(v.as_bytes());
        h.update(b"&");
    }
    h.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn explain_204(e: Error) -> Error {
    if e.kind() == ErrorKind::Http && e.message().starts_with("HTTP 204") {
        return Error::new(
            ErrorKind::Http,
            format!(
                "the cutout region does not overlap the data: {}",
                e.message()
            ),
        );
    }
    e
}

/// For each row: the SODA service's URL and the parameters its descriptor fixes.
type Call = Result<(String, Vec<(String, String)>)>;

fn calls_for(
    agent: &ureq::Agent,
    settings: &Settings,
    results: &Results,
    rows: std::ops::Range<usize>,
) -> Vec<Call> {
    // A SODA descriptor in the response itself.
    if let Some(soda) = results
        .descriptors()
        .iter()
        .find(|d| d.is("SODA") && d.access_url().is_some())
    {
        return rows.map(|row| from_results(soda, results, row)).collect();
    }
    // Else through DataLink: all the rows' documents at once when the response describes
    // its DataLink service, one per row from its access URL otherwise.
    let by_id = datalink::id_descriptor(results).and_then(|(dl, column)| {
        let ids: Vec<Option<String>> = rows.clone().map(|r| cell(results, r, column)).collect();
        let wanted: Vec<String> = ids.iter().flatten().cloned().collect();
        let answers = datalink::ask(agent, settings, dl, &wanted).ok()?;
        Some((ids, answers))
    });
    rows.enumerate()
        .map(|(i, row)| {
            let (links, id) = match &by_id {
                Some((ids, answers)) => {
                    let id = ids[i]
                        .clone()
                        .ok_or_else(|| Error::invalid(format!("row {row} has no DataLink ID")))?;
                    let links = answers.get(&id).cloned().unwrap_or_else(|| {
                        Err(Error::format(format!("no DataLink answer for {id}")))
                    })?;
                    (links, Some(id))
                }
                None => (row_links(agent, settings, results, row)?, None),
            };
            from_links(&links, id.as_deref())
        })
        .collect()
}

fn cell(results: &Results, row: usize, col: usize) -> Option<String> {
    let text = results
        .text(row, col)
        .ok()??
        .to_str()
        .ok()?
        .trim()
        .to_string();
    (!text.is_empty()).then_some(text)
}

/// The descriptor's URL, its fixed inputs and those taken from the row's columns.
fn from_results(d: &ServiceDescriptor, results: &Results, row: usize) -> Call {
    let mut fixed = Vec::new();
    for p in &d.inputs {
        if let Some(col) = p.reference().and_then(|r| results.column_index(r)) {
            let value = cell(results, row, col).ok_or_else(|| {
                Error::invalid(format!(
                    "row {row} has no value for the SODA input {}",
                    p.name()
                ))
            })?;
            fixed.push((p.name().to_string(), value));
        } else if !p.value().is_empty() {
            fixed.push((p.name().to_string(), p.value().to_string()));
        }
    }
    Ok((d.access_url().unwrap_or_default().to_string(), fixed))
}

/// The DataLink document at row `row`'s access URL.
fn row_links(
    agent: &ureq::Agent,
    settings: &Settings,
    results: &Results,
    row: usize,
) -> Result<Arc<Links>> {
    let url = results
        .std_text(row, StdField::AccessUrl)?
        .and_then(|u| u.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| Error::invalid(format!("row {row} has no access URL")))?;
    let doc = fetch::document(agent, settings, &url)?;
    Ok(Arc::new(Links::from_bytes(&doc)?))
}

/// The SODA call of dataset `id` (the first one when `None`) in a links document: its
/// `#proc` or `#cutout` link's descriptor, with the inputs it fixes (a `ref=` to the links
/// table's ID column is the dataset's ID).
fn from_links(links: &Links, id: Option<&str>) -> Call {
    let of_id = |l: &&datalink::Link| id.is_none_or(|want| l.id.as_deref() == Some(want));
    let error = links
        .links
        .iter()
        .filter(of_id)
        .find_map(|l| l.error_message.clone());
    let soda = links
        .links
        .iter()
        .filter(of_id)
        .filter(|l| {
            l.semantics
                .as_deref()
                .is_some_and(|s| s.ends_with("#proc") || s.ends_with("#cutout"))
        })
        .find_map(|l| Some((l, links.service_of(l).filter(|d| d.is("SODA"))?)));
    let Some((link, d)) = soda else {
        return Err(match error {
            Some(message) => Error::new(
                ErrorKind::Service,
                format!("the DataLink service answered: {message}"),
            ),
            None => Error::new(
                ErrorKind::Unsupported,
                "no SODA service is described for this dataset (its DataLink document has no \
                 #proc or #cutout link to a SODA descriptor)",
            ),
        });
    };
    let url = d
        .access_url()
        .map(str::to_string)
        .ok_or_else(|| Error::format("the SODA descriptor has no accessURL"))?;
    let mut fixed = Vec::new();
    for p in &d.inputs {
        if !p.value().is_empty() {
            fixed.push((p.name().to_string(), p.value().to_string()));
        } else if p.reference().is_some_and(|r| r.eq_ignore_ascii_case("ID"))
            && let Some(id) = &link.id
        {
            fixed.push((p.name().to_string(), id.clone()));
        }
    }
    Ok((url, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_depends_on_every_parameter() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        let a = params_tag(&[p("CIRCLE", "10 41 0.01")]);
        assert_eq!(a.len(), 8);
        assert_eq!(a, params_tag(&[p("circle", "10 41 0.01")]));
        assert_ne!(a, params_tag(&[p("CIRCLE", "10 41 0.02")]));
        assert_ne!(
            a,
            params_tag(&[p("CIRCLE", "10 41 0.01"), p("KIND", "HEADER")])
        );
    }
}
