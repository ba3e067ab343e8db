//! Live registry and TAP tests against the DaCHS harness's TAP service and its RegTAP
//! tables (`rr.*`, 7 resources: SIA 1.0 `q/i`, SIA 2.0 `q/sia2`, `q/sia2dl` and the site-wide
//! one, TAP, the registry and the authority). Enabled by `VOSIA_TEST_DACHS`; without it every
//! test prints a note and passes. The comparison with pyvo's `registry.search` for the same
//! constraints is `tests/python/test_registry.py`.

use std::collections::BTreeSet;

use vosia::registry::{self, RegistryQuery};
use vosia::service::Service;
use vosia::tap::{self, TapQuery};
use vosia::{ErrorKind, SiaVersion};

fn tap_service() -> Option<Service> {
    match std::env::var("VOSIA_TEST_DACHS") {
        Ok(url) if !url.trim().is_empty() => {
            let root = format!("{}/tap", url.trim().trim_end_matches('/'));
            Some(Service::new(&root, SiaVersion::V2).unwrap())
        }
        _ => {
            eprintln!("note: VOSIA_TEST_DACHS is not set; skipping the live registry test");
            None
        }
    }
}

fn ivoids(q: &RegistryQuery) -> BTreeSet<String> {
    let reg = tap_service().unwrap();
    registry::search(&reg, q)
        .unwrap()
        .iter()
        .map(|h| h.ivoid.to_str().unwrap().to_string())
        .collect()
}

const SIA1_Q: &str = "ivo://siatest.local/siatest/q/i";
const SIA2_Q: &str = "ivo://siatest.local/siatest/q/sia2";
const SIA2_DL: &str = "ivo://siatest.local/siatest/q/sia2dl";
const SIA2_SITE: &str = "ivo://siatest.local/__system__/siap2/sitewide";

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_adql_query_reads_as_results_with_maxrec_and_overflow() {
    let Some(tap) = tap_service() else { return };
    let mut q = TapQuery::new("SELECT ivoid, res_title FROM rr.resource ORDER BY ivoid").unwrap();
    let all = tap::run(&tap, &q).unwrap();
    assert_eq!(all.row_count(), 7);
    assert!(!all.overflow());
    q.maxrec = Some(2);
    let cut = tap::run(&tap, &q).unwrap();
    assert_eq!(cut.row_count(), 2);
    assert!(cut.overflow(), "MAXREC=2 of 7 rows must say OVERFLOW");
    let col = cut.column_index("ivoid").unwrap();
    assert_eq!(cut.str(0, col).unwrap(), Some("ivo://siatest.local"));
}

#[test]
fn a_bad_query_is_the_services_own_error() {
    let Some(tap) = tap_service() else { return };
    let q = TapQuery::new("SELECT nosuchcolumn FROM rr.resource").unwrap();
    let Err(err) = tap::run(&tap, &q) else {
        panic!("an unknown column must be refused")
    };
    assert_eq!(err.kind(), ErrorKind::Service, "{err}");
    assert!(err.message().contains("nosuchcolumn"), "{err}");
}

#[test]
fn with_no_constraint_every_sia_service_is_found_with_its_version() {
    let Some(reg) = tap_service() else { return };
    let hits = registry::search(&reg, &RegistryQuery::new()).unwrap();
    let found: BTreeSet<(String, i32)> = hits
        .iter()
        .map(|h| (h.ivoid.to_str().unwrap().to_string(), h.version.number()))
        .collect();
    let expected: BTreeSet<(String, i32)> = [
        (SIA1_Q, SiaVersion::V1),
        (SIA2_Q, SiaVersion::V2),
        (SIA2_DL, SiaVersion::V2),
        (SIA2_SITE, SiaVersion::V2),
    ]
    .iter()
    .map(|(i, v)| (i.to_string(), v.number()))
    .collect();
    assert_eq!(found, expected);
    let sia1 = hits.iter().find(|h| h.version == SiaVersion::V1).unwrap();
    assert!(
        sia1.access_url
            .to_str()
            .unwrap()
            .ends_with("/siatest/q/i/siap.xml?")
    );
    assert_eq!(sia1.short_name.to_str().unwrap(), "siatest sia1");
    assert_eq!(sia1.waveband.to_str().unwrap(), "optical");
}

#[test]
fn constraints_narrow_the_services() {
    if tap_service().is_none() {
        return;
    }
    let mut q = RegistryQuery::new();
    q.add_service_type("sia").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA1_Q]));

    let mut q = RegistryQuery::new();
    q.add_service_type("sia2").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA2_Q, SIA2_DL, SIA2_SITE]));

    let mut q = RegistryQuery::new();
    q.add_keyword("direct-imaging").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA1_Q, SIA2_Q, SIA2_DL]));

    let mut q = RegistryQuery::new();
    q.add_keyword("DataLink").unwrap();
    q.add_service_type("sia2").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA2_DL]));

    let mut q = RegistryQuery::new();
    q.add_waveband("optical").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA1_Q, SIA2_Q, SIA2_DL]));
    let mut q = RegistryQuery::new();
    q.add_waveband("radio").unwrap();
    assert_eq!(ivoids(&q), set(&[]));

    let mut q = RegistryQuery::new();
    q.add_ivoid("IVO://siatest.local/siatest/q/SIA2").unwrap();
    assert_eq!(ivoids(&q), set(&[SIA2_Q]));
}

#[test]
fn a_hit_makes_a_service_that_answers() {
    let Some(reg) = tap_service() else { return };
    let mut q = RegistryQuery::new();
    q.add_ivoid(SIA1_Q).unwrap();
    let hits = registry::search(&reg, &q).unwrap();
    let service = std::sync::Arc::new(hits[0].service().unwrap());
    assert_eq!(service.version(), SiaVersion::V1);
    let mut query = vosia::query::Query::new(service);
    query.params_mut().set_pos(10.68, 41.27).unwrap();
    query.params_mut().set_size(1.0, 1.0).unwrap();
    assert!(query.execute().unwrap().row_count() > 0);
}

#[test]
fn a_position_on_a_registry_without_coverage_says_what_to_do() {
    let Some(reg) = tap_service() else { return };
    let mut q = RegistryQuery::new();
    q.set_position(10.68, 41.27, 0.0).unwrap();
    let err = registry::search(&reg, &q).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Service, "{err}");
    assert!(err.message().contains("without a position"), "{err}");
}
