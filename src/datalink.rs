//! DataLink links documents (DataLink 1.1 §3): a VOTable whose rows are links, grouped by
//! the `ID` of the dataset they belong to. Read with vosia's own VOTable reader.
//!
//! Only what a download needs so far: the links and, per dataset, its `#this` link (the
//! dataset itself).

use std::collections::HashMap;

use crate::SiaVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::fetch;
use crate::http::{Post, Settings};
use crate::params::encode_component;
use crate::results::Results;
use crate::votable::ServiceDescriptor;

/// IDs sent in one DataLink request (a POST, so the length is no URL's).
const IDS_PER_REQUEST: usize = 500;

/// The MIME type of a DataLink document (its `content` parameter is what tells).
pub fn is_datalink_type(mime: &str) -> bool {
    let lower = mime.to_ascii_lowercase();
    lower.contains("votable") && lower.replace(' ', "").contains("content=datalink")
}

/// The DataLink descriptor of `results` whose ID input takes its value from a column: the
/// descriptor and that column.
pub fn id_descriptor(results: &Results) -> Option<(&ServiceDescriptor, usize)> {
    results.descriptors().iter().find_map(|d| {
        let column = d
            .input("ID")?
            .reference()
            .and_then(|r| results.column_index(r))?;
        (d.is("DataLink") && d.access_url().is_some()).then_some((d, column))
    })
}

/// The links of `rows` of `results` in one DataLink request: the IDs (the column the
/// response's DataLink descriptor refers to) POSTed to its accessURL, the answer read as a
/// results table (columns `ID`, `access_url`, `service_def`, `error_message`, `semantics`,
/// `content_type`, `content_length`, ...; its own descriptors, e.g. SODA, with it). At most
/// 500 rows at a time; an OVERFLOW answer (`Results::overflow`) means the service stopped
/// early: ask again for the IDs it left out.
pub fn links_of_rows(
    agent: &ureq::Agent,
    settings: &Settings,
    results: &Results,
    rows: std::ops::Range<usize>,
) -> Result<Results> {
    let Some((descriptor, column)) = id_descriptor(results) else {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "the response describes no DataLink service (no service descriptor whose ID input \
             refers to a column); each row's access URL may still be its DataLink document",
        ));
    };
    if rows.len() > IDS_PER_REQUEST {
        return Err(Error::invalid(format!(
            "{} rows: ask DataLink for at most {IDS_PER_REQUEST} at a time",
            rows.len()
        )));
    }
    let mut form = Vec::new();
    for row in rows {
        if let Some(id) = results
            .text(row, column)?
            .and_then(|c| c.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            form.push(format!("ID={}", encode_component(id)));
        }
    }
    let url = descriptor
        .access_url()
        .ok_or_else(|| Error::format("the DataLink descriptor has no accessURL"))?;
    let body = fetch::document_with(agent, settings, url, Some(Post::form(&form.join("&"))))?;
    Results::from_bytes(&body, SiaVersion::V2)
}

/// A links table: the DataLink document at `url` as it is (a row's DataLink access URL) when
/// `ids` is empty, else the DataLink service endpoint `url` asked about `ids` (POSTed together,
/// at most 500). See [`links_of_rows`] for its columns.
pub fn links_table(
    agent: &ureq::Agent,
    settings: &Settings,
    url: &str,
    ids: &[String],
) -> Result<Results> {
    if ids.len() > IDS_PER_REQUEST {
        return Err(Error::invalid(format!(
            "{} IDs: ask DataLink for at most {IDS_PER_REQUEST} at a time",
            ids.len()
        )));
    }
    crate::service::check_base_url(url)?;
    let form: Vec<String> = ids
        .iter()
        .map(|id| format!("ID={}", encode_component(id)))
        .collect();
    let form = form.join("&");
    let body = fetch::document_with(
        agent,
        settings,
        url,
        (!ids.is_empty()).then(|| Post::form(&form)),
    )?;
    Results::from_bytes(&body, SiaVersion::V2)
}

/// The `#this` link of each of `ids` from the DataLink service `descriptor` describes, in
/// as few requests as the service allows (see [`ask`]). An ID the service has no dataset for
/// is an error of that ID alone.
pub fn this_links(
    agent: &ureq::Agent,
    settings: &Settings,
    descriptor: &ServiceDescriptor,
    ids: &[String],
) -> Result<HashMap<String, Result<Link>>> {
    let answers = ask(agent, settings, descriptor, ids)?;
    Ok(answers
        .into_iter()
        .map(|(id, links)| {
            let this = links.and_then(|l| l.this(Some(&id)).cloned());
            (id, this)
        })
        .collect())
}

/// The links document answering each of `ids`, from the DataLink service `descriptor`
/// describes: all IDs (up to 500 at a time) POSTed in one request, then one more for those
/// an OVERFLOW answer left out. Each ID maps to the document that answered it (shared).
pub fn ask(
    agent: &ureq::Agent,
    settings: &Settings,
    descriptor: &ServiceDescriptor,
    ids: &[String],
) -> Result<HashMap<String, Result<std::sync::Arc<Links>>>> {
    let url = descriptor
        .access_url()
        .ok_or_else(|| Error::format("the DataLink descriptor has no accessURL"))?;
    // Fixed inputs other than ID (rare) go with every request.
    let fixed: String = descriptor
        .inputs
        .iter()
        .filter(|p| !p.name().eq_ignore_ascii_case("ID") && !p.value().is_empty())
        .map(|p| {
            format!(
                "&{}={}",
                encode_component(p.name()),
                encode_component(p.value())
            )
        })
        .collect();
    let mut found = HashMap::new();
    let mut unique: Vec<&String> = Vec::new();
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    for chunk in unique.chunks(IDS_PER_REQUEST) {
        let mut left: Vec<&String> = chunk.to_vec();
        for _ in 0..2 {
            if left.is_empty() {
                break;
            }
            let form: Vec<String> = left
                .iter()
                .map(|id| format!("ID={}", encode_component(id)))
                .collect();
            let body = fetch::document_with(
                agent,
                settings,
                url,
                Some(Post::form(&(form.join("&") + &fixed))),
            )?;
            let links = Links::from_bytes(&body).map_err(|e| {
                Error::new(
                    e.kind(),
                    format!("reading the DataLink answer of {url}: {}", e.message()),
                )
            })?;
            let links = std::sync::Arc::new(links);
            let answered: Vec<&String> = left
                .iter()
                .copied()
                .filter(|id| {
                    links
                        .links
                        .iter()
                        .any(|l| l.id.as_deref() == Some(id.as_str()))
                })
                .collect();
            for id in &answered {
                found.insert((*id).clone(), Ok(std::sync::Arc::clone(&links)));
            }
            left.retain(|id| !answered.contains(id));
        }
        for id in left {
            found.insert(
                id.clone(),
                Err(Error::format(format!(
                    "the DataLink service at {url} did not answer for {id}"
                ))),
            );
        }
    }
    Ok(found)
}

/// One row of a links document. Absent or null cells are `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Link {
    pub id: Option<String>,
    pub access_url: Option<String>,
    pub service_def: Option<String>,
    pub error_message: Option<String>,
    pub semantics: Option<String>,
    pub description: Option<String>,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    /// `content_checksum` where the service gives one (not a DataLink 1.1 column, but served
    /// by some archives), e.g. `md5:…`.
    pub content_checksum: Option<String>,
}

/// A links document, in its row order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    pub links: Vec<Link>,
    /// The document's service descriptors (SODA and others its `service_def`s name).
    pub descriptors: Vec<ServiceDescriptor>,
}

impl Links {
    /// Reads a links document. A VOTable without the DataLink columns `access_url`,
    /// `semantics` is a Format error that says so.
    pub fn from_bytes(bytes: &[u8]) -> Result<Links> {
        let table = Results::from_bytes(bytes, SiaVersion::V2)?;
        let col = |name: &str| table.column_index(name);
        let (Some(_), Some(_)) = (col("access_url"), col("semantics")) else {
            return Err(Error::format(
                "not a DataLink document: the table has no access_url and semantics columns",
            ));
        };
        let text = |row: usize, name: &str| -> Option<String> {
            let c = col(name)?;
            let s = table.text(row, c).ok()??.to_str().ok()?.trim().to_string();
            (!s.is_empty()).then_some(s)
        };
        let links = (0..table.row_count())
            .map(|row| Link {
                id: text(row, "ID"),
                access_url: text(row, "access_url"),
                service_def: text(row, "service_def"),
                error_message: text(row, "error_message"),
                semantics: text(row, "semantics"),
                description: text(row, "description"),
                content_type: text(row, "content_type"),
                content_length: text(row, "content_length").and_then(|s| s.parse().ok()),
                content_checksum: text(row, "content_checksum"),
            })
            .collect();
        Ok(Links {
            links,
            descriptors: table.descriptors().to_vec(),
        })
    }

    /// The service descriptor `link`'s `service_def` names (`#proc`, `#cutout` links).
    pub fn service_of(&self, link: &Link) -> Option<&ServiceDescriptor> {
        let id = link.service_def.as_deref()?;
        self.descriptors.iter().find(|d| d.id() == Some(id))
    }

    /// The `#this` link of dataset `id` (of the first dataset when `id` is `None`): the
    /// dataset itself. An error row for it is a Service error with the service's message;
    /// none at all is a Format error.
    pub fn this(&self, id: Option<&str>) -> Result<&Link> {
        let of_id = |l: &&Link| id.is_none_or(|want| l.id.as_deref() == Some(want));
        let this = self.links.iter().filter(of_id).find(|l| {
            l.semantics
                .as_deref()
                .is_some_and(|s| s == "#this" || s.ends_with("core#this"))
        });
        match this {
            Some(link) if link.access_url.is_some() && link.error_message.is_none() => Ok(link),
            Some(link) => Err(Error::new(
                ErrorKind::Service,
                format!(
                    "the DataLink service has no dataset for {}: {}",
                    link.id.as_deref().unwrap_or("this ID"),
                    link.error_message.as_deref().unwrap_or("no access_url")
                ),
            )),
            None => {
                let error = self
                    .links
                    .iter()
                    .filter(of_id)
                    .find_map(|l| l.error_message.as_deref());
                match error {
                    Some(message) => Err(Error::new(
                        ErrorKind::Service,
                        format!("the DataLink service answered: {message}"),
                    )),
                    None => Err(Error::format(format!(
                        "the DataLink document lists no #this link{}",
                        id.map(|i| format!(" for {i}")).unwrap_or_default()
                    ))),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r##"<VOTABLE version="1.3"><RESOURCE type="results"><TABLE>
<FIELD name="ID" datatype="char" arraysize="*"/>
<FIELD name="access_url" datatype="char" arraysize="*"/>
<FIELD name="service_def" datatype="char" arraysize="*"/>
<FIELD name="error_message" datatype="char" arraysize="*"/>
<FIELD name="semantics" datatype="char" arraysize="*"/>
<FIELD name="content_type" datatype="char" arraysize="*"/>
<FIELD name="content_length" datatype="long"/>
<DATA><TABLEDATA>
<TR><TD>ivo://x?a</TD><TD>http://x/a.jpg</TD><TD/><TD/><TD>#preview</TD><TD>image/jpeg</TD><TD>10</TD></TR>
<TR><TD>ivo://x?a</TD><TD>http://x/a.fits</TD><TD/><TD/><TD>#this</TD><TD>image/fits</TD><TD>2880</TD></TR>
<TR><TD>ivo://x?b</TD><TD/><TD/><TD>NotFoundFault: ivo://x?b</TD><TD>#this</TD><TD/><TD/></TR>
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"##;

    #[test]
    fn this_link_per_id_and_error_rows() {
        let links = Links::from_bytes(DOC.as_bytes()).unwrap();
        assert_eq!(links.links.len(), 3);
        let a = links.this(Some("ivo://x?a")).unwrap();
        assert_eq!(a.access_url.as_deref(), Some("http://x/a.fits"));
        assert_eq!(
            (a.content_type.as_deref(), a.content_length),
            (Some("image/fits"), Some(2880))
        );
        assert_eq!(links.this(None).unwrap(), a);
        let b = links.this(Some("ivo://x?b")).unwrap_err();
        assert_eq!(b.kind(), ErrorKind::Service);
        assert!(b.message().contains("NotFoundFault"), "{}", b.message());
        assert_eq!(
            links.this(Some("ivo://x?c")).unwrap_err().kind(),
            ErrorKind::Format
        );
        assert!(is_datalink_type(
            "application/x-votable+xml;content=datalink"
        ));
        assert!(is_datalink_type(
            "application/x-votable+xml; content=datalink"
        ));
        assert!(!is_datalink_type("application/x-votable+xml"));
    }
}
