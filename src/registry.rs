//! Finding SIA services in the VO registry: RegTAP 1.1 ADQL sent to a registry's TAP service.
//!
//! A [`RegistryQuery`] holds constraints, all of which a hit must meet (as in pyvo's
//! `registry.search`): every keyword (each in the title, the description or a subject), any of
//! the wavebands, any of the ivoids, the SIA versions asked for (both by default), and a
//! position the resource's coverage must contain (RegTAP 1.2's `rr.stc_spatial`, which not
//! every registry has). Each [`Hit`] is one SIA capability's `vs:paramhttp` interface of a
//! matching resource, with what makes a [`Service`] for it.
//!
//! Public RegTAP services (vosia contacts none unless given): GAVO's
//! `http://reg.g-vo.org/tap` (pyvo's default), ESA's `https://registry.euro-vo.org/regtap/tap`
//! and STScI's `https://vao.stsci.edu/RegTAP/TapService.aspx`.

use std::ffi::{CStr, CString};

use crate::SiaVersion;
use crate::error::{Error, ErrorKind, Result};
use crate::results::Results;
use crate::service::Service;
use crate::tap::{self, TapQuery};

/// The standard ids of SIA 1.0 (exact) and SIA 2.x (a LIKE pattern), as RegTAP stores them
/// (lower case), and as pyvo's `servicetype` "sia" and "sia2" match them.
const SIA1_STANDARD_ID: &str = "ivo://ivoa.net/std/sia";
const SIA2_STANDARD_ID_PREFIX: &str = "ivo://ivoa.net/std/sia#query-2.";

/// The terms of the IVOA messenger vocabulary (`http://www.ivoa.net/rdf/messenger`), which
/// RegTAP's `waveband` holds in lower case.
pub const WAVEBANDS: &[&str] = &[
    "radio",
    "millimeter",
    "infrared",
    "optical",
    "uv",
    "euv",
    "x-ray",
    "gamma-ray",
    "photon",
    "neutrino",
    "gravitational-wave",
    "particle",
];

/// HEALPix order of the MOC a position is turned into for a coverage test (pyvo's default).
const MOC_ORDER: u32 = 6;

/// Constraints of a registry search; see the module documentation for how they combine.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistryQuery {
    versions: Vec<SiaVersion>,
    keywords: Vec<String>,
    wavebands: Vec<String>,
    ivoids: Vec<String>,
    /// Right ascension, declination and radius in degrees (radius 0: a point).
    position: Option<(f64, f64, f64)>,
}

/// An ADQL string literal: `'...'` with single quotes doubled.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn non_empty<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid(format!("the registry {what} is empty")));
    }
    Ok(value)
}

impl RegistryQuery {
    /// No constraint: every SIA 1.0 and 2.0 service of the registry.
    pub fn new() -> RegistryQuery {
        RegistryQuery::default()
    }

    /// Only services of `version` (adding the other too gives both, the default).
    pub fn add_version(&mut self, version: SiaVersion) {
        if !self.versions.contains(&version) {
            self.versions.push(version);
        }
    }

    /// The SIA versions of pyvo's `servicetype` names: "sia", "sia1" and "image" (SIA 1.0),
    /// "sia2" (SIA 2.0), case-insensitive.
    pub fn add_service_type(&mut self, name: &str) -> Result<()> {
        let version = match name.trim().to_ascii_lowercase().as_str() {
            "sia" | "sia1" | "image" => SiaVersion::V1,
            "sia2" => SiaVersion::V2,
            _ => {
                return Err(Error::invalid(format!(
                    "unknown service type {name:?}: vosia's registry search finds \"sia\" \
                     (SIA 1.0) and \"sia2\" (SIA 2.0) services"
                )));
            }
        };
        self.add_version(version);
        Ok(())
    }

    /// A word every hit has in its title or description (as a whole word, case-insensitive)
    /// or in one of its subjects (as part of it).
    pub fn add_keyword(&mut self, word: &str) -> Result<()> {
        let word = non_empty("keyword", word)?;
        self.keywords.push(word.to_string());
        Ok(())
    }

    /// A waveband (a term of [`WAVEBANDS`], case-insensitive) of which hits cover at least one
    /// of those added.
    pub fn add_waveband(&mut self, band: &str) -> Result<()> {
        let band = non_empty("waveband", band)?.to_ascii_lowercase();
        if !WAVEBANDS.contains(&band.as_str()) {
            return Err(Error::invalid(format!(
                "unknown waveband {band:?}; the IVOA messenger terms are {}",
                WAVEBANDS.join(", ")
            )));
        }
        self.wavebands.push(band);
        Ok(())
    }

    /// An IVOA identifier (`ivo://...`) of which hits have one of those added; compared in
    /// lower case, as RegTAP stores them.
    pub fn add_ivoid(&mut self, ivoid: &str) -> Result<()> {
        let ivoid = non_empty("ivoid", ivoid)?;
        if !ivoid.to_ascii_lowercase().starts_with("ivo://") {
            return Err(Error::invalid(format!(
                "an IVOA identifier starts with ivo:// (got {ivoid:?})"
            )));
        }
        self.ivoids.push(ivoid.to_ascii_lowercase());
        Ok(())
    }

    /// Hits' declared coverage contains this circle (`radius_deg` 0: this point), in ICRS
    /// degrees. Needs a registry with RegTAP 1.2 coverage (`rr.stc_spatial`) and MOC in
    /// its ADQL (GAVO's has both).
    pub fn set_position(&mut self, ra_deg: f64, dec_deg: f64, radius_deg: f64) -> Result<()> {
        crate::params::check_ra("the right ascension", ra_deg)?;
        crate::params::check_dec("the declination", dec_deg)?;
        if !(radius_deg.is_finite() && (0.0..=180.0).contains(&radius_deg)) {
            return Err(Error::invalid(format!(
                "the radius must be between 0 and 180 degrees (got {radius_deg})"
            )));
        }
        self.position = Some((ra_deg, dec_deg, radius_deg));
        Ok(())
    }

    /// The RegTAP ADQL this search sends.
    pub fn adql(&self) -> String {
        let num = crate::numfmt::format_f64;
        let versions: &[SiaVersion] = if self.versions.is_empty() {
            &[SiaVersion::V1, SiaVersion::V2]
        } else {
            &self.versions
        };
        let standards = versions
            .iter()
            .map(|v| match v {
                SiaVersion::V1 => format!("standard_id = {}", literal(SIA1_STANDARD_ID)),
                SiaVersion::V2 => format!(
                    "standard_id LIKE {}",
                    literal(&format!("{SIA2_STANDARD_ID_PREFIX}%"))
                ),
            })
            .collect::<Vec<_>>();
        let mut conditions = vec![
            format!("({})", standards.join(" OR ")),
            "intf_type = 'vs:paramhttp'".to_string(),
        ];
        for word in &self.keywords {
            let (w, pattern) = (literal(word), literal(&format!("%{word}%")));
            conditions.push(format!(
                "(1 = ivo_hasword(res_title, {w}) OR 1 = ivo_hasword(res_description, {w}) \
                 OR ivoid IN (SELECT ivoid FROM rr.res_subject \
                 WHERE 1 = ivo_nocasematch(res_subject, {pattern})))"
            ));
        }
        let any = |column: &[String], each: &dyn Fn(&str) -> String| {
            let parts = column.iter().map(|v| each(v)).collect::<Vec<_>>();
            format!("({})", parts.join(" OR "))
        };
        if !self.wavebands.is_empty() {
            conditions.push(any(&self.wavebands, &|b| {
                format!("1 = ivo_hashlist_has(waveband, {})", literal(b))
            }));
        }
        if !self.ivoids.is_empty() {
            conditions.push(any(&self.ivoids, &|i| format!("ivoid = {}", literal(i))));
        }
        if let Some((ra, dec, r)) = self.position {
            let region = if r == 0.0 {
                format!("POINT({}, {})", num(ra), num(dec))
            } else {
                format!("CIRCLE({}, {}, {})", num(ra), num(dec), num(r))
            };
            conditions.push(format!(
                "ivoid IN (SELECT ivoid FROM rr.stc_spatial \
                 WHERE 1 = CONTAINS(MOC({MOC_ORDER}, {region}), coverage))"
            ));
        }
        format!(
            "SELECT ivoid, short_name, res_title, res_description, waveband, standard_id, \
             access_url FROM rr.resource NATURAL JOIN rr.capability NATURAL JOIN rr.interface \
             WHERE {} ORDER BY ivoid, cap_index, intf_index",
            conditions.join(" AND ")
        )
    }
}

/// One SIA interface found in the registry. The strings are NUL-terminated so that C can
/// borrow them; a field the record leaves empty is the empty string.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The resource's IVOA identifier, lower case.
    pub ivoid: CString,
    pub short_name: CString,
    pub title: CString,
    pub description: CString,
    /// `#`-separated messenger terms, as RegTAP stores them.
    pub waveband: CString,
    /// The capability's standard id, lower case.
    pub standard_id: CString,
    /// The interface's base URL: what [`Service::new`] takes.
    pub access_url: CString,
    pub version: SiaVersion,
}

impl Hit {
    /// A service for this hit's access URL and SIA version, with default settings.
    pub fn service(&self) -> Result<Service> {
        Service::new(text(&self.access_url), self.version)
    }
}

fn text(c: &CStr) -> &str {
    c.to_str().unwrap_or("")
}

/// The SIA version of a RegTAP standard id, if it is one vosia speaks.
pub fn version_of(standard_id: &str) -> Option<SiaVersion> {
    let id = standard_id.to_ascii_lowercase();
    if id == SIA1_STANDARD_ID {
        Some(SiaVersion::V1)
    } else if id.starts_with(SIA2_STANDARD_ID_PREFIX) {
        Some(SiaVersion::V2)
    } else {
        None
    }
}

/// Runs `query` on the RegTAP service at `registry`'s base URL (its TAP root, e.g.
/// `http://reg.g-vo.org/tap`), through its transport settings.
pub fn search(registry: &Service, query: &RegistryQuery) -> Result<Vec<Hit>> {
    let tap_query = TapQuery::new(&query.adql())?;
    let results = tap::run(registry, &tap_query).map_err(|e| explain(e, query))?;
    hits_of(&results)
}

/// A position search on a registry without coverage says what to do.
fn explain(e: Error, query: &RegistryQuery) -> Error {
    let lower = e.message().to_ascii_lowercase();
    if query.position.is_some()
        && e.kind() == ErrorKind::Service
        && (lower.contains("stc_spatial") || lower.contains("moc"))
    {
        return Error::new(
            ErrorKind::Service,
            format!(
                "{} (this registry has no RegTAP 1.2 spatial coverage, rr.stc_spatial, or no \
                 MOC in its ADQL: search it without a position, or use one that has them, \
                 such as GAVO's http://reg.g-vo.org/tap)",
                e.message()
            ),
        );
    }
    e
}

fn hits_of(results: &Results) -> Result<Vec<Hit>> {
    let column = |name: &str| {
        results.column_index(name).ok_or_else(|| {
            Error::format(format!(
                "the registry's answer has no {name} column; is this a RegTAP service?"
            ))
        })
    };
    let [
        ivoid,
        short_name,
        title,
        description,
        waveband,
        standard_id,
        access_url,
    ] = [
        column("ivoid")?,
        column("short_name")?,
        column("res_title")?,
        column("res_description")?,
        column("waveband")?,
        column("standard_id")?,
        column("access_url")?,
    ];
    let mut hits = Vec::with_capacity(results.row_count());
    for row in 0..results.row_count() {
        let cell = |col: usize| -> Result<CString> {
            Ok(results
                .c_str(row, col)?
                .map(CStr::to_owned)
                .unwrap_or_default())
        };
        let standard_id = cell(standard_id)?;
        let Some(version) = version_of(text(&standard_id)) else {
            continue;
        };
        hits.push(Hit {
            ivoid: cell(ivoid)?,
            short_name: cell(short_name)?,
            title: cell(title)?,
            description: cell(description)?,
            waveband: cell(waveband)?,
            standard_id,
            access_url: cell(access_url)?,
            version,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_constraints_it_asks_for_both_sia_versions_over_paramhttp() {
        let adql = RegistryQuery::new().adql();
        assert!(adql.contains(
            "WHERE (standard_id = 'ivo://ivoa.net/std/sia' OR standard_id LIKE \
             'ivo://ivoa.net/std/sia#query-2.%') AND intf_type = 'vs:paramhttp' ORDER BY"
        ));
    }

    #[test]
    fn every_keyword_must_match_and_quotes_are_doubled() {
        let mut q = RegistryQuery::new();
        q.add_service_type("sia2").unwrap();
        q.add_keyword("O'Neil").unwrap();
        q.add_keyword("imaging").unwrap();
        let adql = q.adql();
        assert!(adql.contains("(standard_id LIKE 'ivo://ivoa.net/std/sia#query-2.%') AND"));
        assert!(adql.contains("ivo_hasword(res_title, 'O''Neil')"));
        assert!(adql.contains("ivo_nocasematch(res_subject, '%imaging%')"));
        assert_eq!(adql.matches("ivo_hasword(res_description").count(), 2);
    }

    #[test]
    fn wavebands_and_ivoids_are_alternatives() {
        let mut q = RegistryQuery::new();
        q.add_waveband("Optical").unwrap();
        q.add_waveband("radio").unwrap();
        q.add_ivoid("ivo://X.org/a").unwrap();
        let adql = q.adql();
        assert!(adql.contains(
            "(1 = ivo_hashlist_has(waveband, 'optical') OR 1 = ivo_hashlist_has(waveband, 'radio'))"
        ));
        assert!(adql.contains("(ivoid = 'ivo://x.org/a')"));
        assert!(q.add_waveband("visible").is_err());
        assert!(q.add_ivoid("http://x").is_err());
        assert!(q.add_service_type("ssa").is_err());
    }

    #[test]
    fn a_position_is_a_coverage_moc() {
        let mut q = RegistryQuery::new();
        q.set_position(10.5, -41.25, 0.0).unwrap();
        assert!(
            q.adql()
                .contains("CONTAINS(MOC(6, POINT(10.5, -41.25)), coverage)")
        );
        q.set_position(10.5, -41.25, 0.5).unwrap();
        assert!(q.adql().contains("MOC(6, CIRCLE(10.5, -41.25, 0.5))"));
        assert!(q.set_position(10.0, 95.0, 0.0).is_err());
        assert!(q.set_position(10.0, 5.0, -1.0).is_err());
    }

    #[test]
    fn standard_ids_give_the_sia_version() {
        assert_eq!(version_of("ivo://ivoa.net/std/sia"), Some(SiaVersion::V1));
        assert_eq!(
            version_of("ivo://ivoa.net/std/SIA#query-2.0"),
            Some(SiaVersion::V2)
        );
        assert_eq!(version_of("ivo://ivoa.net/std/sia#query-aux-2.0"), None);
        assert_eq!(version_of("ivo://ivoa.net/std/tap"), None);
    }
}
