//! From the command line to a service and a query, and running it: the SIA version found out
//! (or taken from `--sia1`/`--sia2`), the options of the other version refused with what to
//! write instead, extra parameters checked against what the service lists.

use std::path::Path;
use std::sync::Arc;

use vosia::http::Settings;
use vosia::params::Intersect as WireIntersect;
use vosia::params::{IntervalParam, TextParam};
use vosia::query::Query;
use vosia::service::Service;
use vosia::{ErrorKind, Results, SiaVersion};

use crate::cli::{Intersect, QueryArgs, VersionArgs};
use crate::exit::Failure;
use crate::session::Session;

/// Parameters every SIA service takes whether its metadata lists them or not.
const STANDARD: [&str; 6] = [
    "MAXREC",
    "RESPONSEFORMAT",
    "FORMAT",
    "VERB",
    "UPLOAD",
    "RUNID",
];

/// The transport settings the options ask for; Ctrl-C stops their transfers.
pub fn settings(session: &Session) -> Settings {
    let net = &session.net;
    let mut s = Settings {
        progress: Some(session.cancel_only()),
        ..Settings::default()
    };
    if let Some(t) = net.timeout {
        s.timeout = std::time::Duration::from_secs_f64(t);
    }
    if let Some(t) = net.connect_timeout {
        s.connect_timeout = std::time::Duration::from_secs_f64(t);
    }
    if let Some(n) = net.retries {
        s.max_retries = n;
    }
    s.headers = net.headers.clone();
    s
}

/// The service at `url`, of the version given or found out.
pub fn open(session: &Session, url: &str, version: &VersionArgs) -> Result<Arc<Service>, Failure> {
    let settings = settings(session);
    let given = match (version.sia1, version.sia2) {
        (true, _) => Some(SiaVersion::V1),
        (_, true) => Some(SiaVersion::V2),
        _ => None,
    };
    let service = match given {
        Some(v) => {
            let s = Service::new(url, v)?;
            apply(&s, &settings)?;
            s
        }
        None => {
            session.note(&format!("finding out which SIA version {url} speaks"));
            let s = Service::detect(url, settings).map_err(|e| {
                let mut f = Failure::from(e);
                if f.message.ends_with("name the version") {
                    f.message.push_str(" (--sia1 or --sia2)");
                }
                f
            })?;
            let how = if s.cached_capabilities().is_some() {
                "its VOSI capabilities"
            } else {
                "its self-description"
            };
            session.note(&format!(
                "{} speaks SIA {} (from {how})",
                s.base_url(),
                version_text(s.version())
            ));
            s
        }
    };
    service.set_progress(Some(session.cancel_only()))?;
    Ok(Arc::new(service))
}

pub fn apply(service: &Service, s: &Settings) -> Result<(), Failure> {
    service.set_timeout(s.timeout.as_secs_f64())?;
    service.set_connect_timeout(s.connect_timeout.as_secs_f64())?;
    service.set_retries(s.max_retries, s.max_retry_wait.as_secs_f64())?;
    for (name, value) in &s.headers {
        service.add_header(name, value)?;
    }
    Ok(())
}

pub fn version_text(v: SiaVersion) -> &'static str {
    match v {
        SiaVersion::V1 => "1.0",
        SiaVersion::V2 => "2.0",
    }
}

/// The options of `args` given that belong to SIA 1.0 and to SIA 2.0.
fn options_given(args: &QueryArgs) -> (Vec<&'static str>, Vec<&'static str>) {
    let mut v1 = Vec::new();
    let mut v2 = Vec::new();
    let note = |given: bool, list: &mut Vec<&'static str>, name| {
        if given {
            list.push(name);
        }
    };
    note(args.pos.is_some(), &mut v1, "--pos");
    note(args.size.is_some(), &mut v1, "--size");
    note(args.intersect.is_some(), &mut v1, "--intersect");
    note(!args.image_format.is_empty(), &mut v1, "--image-format");
    note(args.verb.is_some(), &mut v1, "--verb");
    for (given, name) in [
        (!args.circle.is_empty(), "--circle"),
        (!args.range.is_empty(), "--range"),
        (!args.polygon.is_empty(), "--polygon"),
        (!args.band.is_empty(), "--band"),
        (!args.time.is_empty(), "--time"),
        (!args.fov.is_empty(), "--fov"),
        (!args.spatres.is_empty(), "--spatres"),
        (!args.exptime.is_empty(), "--exptime"),
        (!args.timeres.is_empty(), "--timeres"),
        (!args.specrp.is_empty(), "--specrp"),
        (!args.instrument.is_empty(), "--instrument"),
        (!args.collection.is_empty(), "--collection"),
        (!args.facility.is_empty(), "--facility"),
        (!args.target.is_empty(), "--target"),
        (!args.dptype.is_empty(), "--dptype"),
        (!args.id.is_empty(), "--id"),
        (!args.calib.is_empty(), "--calib"),
        (!args.pol.is_empty(), "--pol"),
    ] {
        note(given, &mut v2, name);
    }
    (v1, v2)
}

/// The first option of `args` that asks for something of a search, if any.
pub fn first_query_option(args: &QueryArgs) -> Option<&'static str> {
    let (v1, v2) = options_given(args);
    let others = [
        (args.version.sia1, "--sia1"),
        (args.version.sia2, "--sia2"),
        (args.maxrec.is_some(), "--maxrec"),
        (!args.extra.is_empty(), "NAME=VALUE"),
    ];
    v1.into_iter()
        .chain(v2)
        .chain(
            others
                .into_iter()
                .filter(|(given, _)| *given)
                .map(|(_, n)| n),
        )
        .next()
}

fn has_extra(args: &QueryArgs, name: &str) -> bool {
    args.extra.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
}

/// The query `args` describe, for `service`; options of the other SIA version are refused
/// with the equivalent to use.
pub fn query(service: &Arc<Service>, args: &QueryArgs) -> Result<Query, Failure> {
    let (v1, v2) = options_given(args);
    let url = service.base_url();
    match service.version() {
        SiaVersion::V2 if !v1.is_empty() => {
            let hint = match (args.pos, args.size) {
                (Some(p), Some(s)) => format!(
                    "--circle {},{},{}",
                    fmt(p.ra),
                    fmt(p.dec),
                    fmt(s.ra.max(s.dec) / 2.0)
                ),
                _ => "--circle RA,DEC,RADIUS".to_string(),
            };
            return Err(Failure::usage(format!(
                "{} {} SIA 1.0, and {url} is an SIA 2.0 service: search it with {hint}",
                v1.join(", "),
                if v1.len() == 1 {
                    "is an option of"
                } else {
                    "are options of"
                },
            )));
        }
        SiaVersion::V1 if !v2.is_empty() => {
            let hint = match args.circle.first() {
                Some(c) => format!(
                    "--pos {},{} --size {}",
                    fmt(c.center.ra),
                    fmt(c.center.dec),
                    fmt(c.radius * 2.0)
                ),
                None => "--pos RA,DEC --size DEG".to_string(),
            };
            return Err(Failure::usage(format!(
                "{} {} SIA 2.0, and {url} is an SIA 1.0 service: search it with {hint}{}",
                v2.join(", "),
                if v2.len() == 1 {
                    "is an option of"
                } else {
                    "are options of"
                },
                if v2.len() > 1 || args.circle.is_empty() {
                    " (SIA 1.0 searches by position and size only; other constraints go as \
                     NAME=VALUE when the service lists them)"
                } else {
                    ""
                }
            )));
        }
        SiaVersion::V1 if args.pos.is_none() && !has_extra(args, "POS") => {
            return Err(Failure::usage(format!(
                "an SIA 1.0 search needs a position: --pos RA,DEC --size DEG ({url} is an \
                 SIA 1.0 service)"
            )));
        }
        SiaVersion::V1 if args.size.is_none() && !has_extra(args, "SIZE") => {
            return Err(Failure::usage(
                "an SIA 1.0 search needs --size DEG (0 finds the images that contain --pos)",
            ));
        }
        _ => {}
    }
    let mut q = Query::new(Arc::clone(service));
    let p = q.params_mut();
    if let Some(pos) = args.pos {
        p.set_pos(pos.ra, pos.dec)?;
    }
    if let Some(size) = args.size {
        p.set_size(size.ra, size.dec)?;
    }
    if let Some(i) = args.intersect {
        p.set_intersect(match i {
            Intersect::Covers => WireIntersect::Covers,
            Intersect::Enclosed => WireIntersect::Enclosed,
            Intersect::Center => WireIntersect::Center,
            Intersect::Overlaps => WireIntersect::Overlaps,
        })?;
    }
    for f in &args.image_format {
        p.add_format(f)?;
    }
    if let Some(v) = args.verb {
        p.set_verb(v)?;
    }
    for c in &args.circle {
        p.add_circle(c.center.ra, c.center.dec, c.radius)?;
    }
    for r in &args.range {
        p.add_range(r.ra.0, r.ra.1, r.dec.0, r.dec.1)?;
    }
    for poly in &args.polygon {
        p.add_polygon(&poly.0)?;
    }
    for (param, list) in [
        (IntervalParam::Band, &args.band),
        (IntervalParam::Time, &args.time),
        (IntervalParam::Fov, &args.fov),
        (IntervalParam::SpatRes, &args.spatres),
        (IntervalParam::ExpTime, &args.exptime),
        (IntervalParam::TimeRes, &args.timeres),
        (IntervalParam::SpecRp, &args.specrp),
    ] {
        for i in list {
            p.add_interval(param, i.lo, i.hi)?;
        }
    }
    for (param, list) in [
        (TextParam::Instrument, &args.instrument),
        (TextParam::Collection, &args.collection),
        (TextParam::Facility, &args.facility),
        (TextParam::Target, &args.target),
        (TextParam::DpType, &args.dptype),
        (TextParam::Id, &args.id),
    ] {
        for v in list {
            p.add_text(param, v)?;
        }
    }
    for c in &args.calib {
        p.add_calib(*c)?;
    }
    for s in &args.pol {
        p.add_pol(s)?;
    }
    if let Some(m) = args.maxrec {
        p.set_maxrec(m)?;
    }
    for (name, value) in &args.extra {
        p.add(name, value)?;
    }
    Ok(q)
}

fn fmt(x: f64) -> String {
    vosia::numfmt::format_f64(x)
}

/// Warns about `NAME=VALUE` parameters the service's self-description does not list.
pub fn check_extras(session: &Session, service: &Service, extra: &[(String, String)]) {
    let unknown: Vec<&str> = extra
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| !STANDARD.iter().any(|s| s.eq_ignore_ascii_case(n)))
        .collect();
    if unknown.is_empty() {
        return;
    }
    match service.metadata() {
        Ok(meta) => {
            for name in unknown {
                if meta.param_index(name).is_none() {
                    let listed: Vec<&str> = meta.params.iter().map(|p| p.name()).collect();
                    session.warn(&format!(
                        "{name} is not a parameter {} lists (sent anyway; it lists {})",
                        service.base_url(),
                        listed.join(", ")
                    ));
                }
            }
        }
        Err(e) => session.note(&format!(
            "could not check {} against the service's parameters: {}",
            unknown.join(", "),
            e.message()
        )),
    }
}

/// Runs `query` (saving the response's bytes to `save`), telling the URL with `-v`. When the
/// version was given and the service refuses the query, says which version it speaks.
pub fn run(
    session: &Session,
    query: &Query,
    version: &VersionArgs,
    save: Option<&Path>,
) -> Result<Results, Failure> {
    let url = query.url();
    let settings = query.service().settings();
    if url.len() as u64 > settings.post_above {
        session.note(&format!(
            "POST {} ({} bytes of parameters: the URL would be too long)",
            query.service().base_url(),
            query.params().query_string().len()
        ));
    } else {
        session.note(&format!("GET {url}"));
    }
    let outcome = match save {
        Some(path) => query.execute_saving(path),
        None => query.execute(),
    };
    let e = match outcome {
        Ok(results) => return Ok(results),
        Err(e) => e,
    };
    let mut failure = Failure::from(e.clone());
    let explicit = version.sia1 || version.sia2;
    if explicit
        && matches!(
            e.kind(),
            ErrorKind::Service | ErrorKind::Format | ErrorKind::Http
        )
    {
        let base = query.service().base_url();
        if let Ok(found) = Service::detect(base, self::settings(session))
            && found.version() != query.service().version()
        {
            failure.message.push_str(&format!(
                " ({base} is an SIA {} service: drop --sia{} or use --sia{})",
                version_text(found.version()),
                query.service().version().number(),
                found.version().number()
            ));
        }
    }
    Err(failure)
}
