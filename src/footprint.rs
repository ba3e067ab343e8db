//! Which search circles an image's footprint meets, on the client: for an SIA 2.0 query of
//! many circles, the server says which images matched some circle, not which one.
//!
//! A footprint is the `s_region` of a row (STC-S `POLYGON`, `CIRCLE` or `POSITION`, with or
//! without frame words, or a DALI polygon: bare coordinate pairs), else its position with
//! half its field of view (`s_fov`) as radius. Polygons have great-circle edges. A circle and
//! a polygon meet when the circle's centre is inside the polygon or an edge comes within the
//! radius; the test is exact on the sphere (the gnomonic projection about the circle's centre
//! keeps great circles straight and distances from the centre monotonic). A polygon reaching
//! 90° or more from a circle's centre, and not ruled out by its bounding cap, is taken to
//! meet it (a conservative answer, for footprints far larger than an image's).

/// Degrees of a circle on the sky: centre (ra, dec) and radius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub ra: f64,
    pub dec: f64,
    pub radius: f64,
}

/// The shape an image covers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Footprint {
    /// Vertices (degrees) joined by great-circle arcs, the last back to the first.
    Polygon(Vec<(f64, f64)>),
    /// Centre and radius in degrees (a point has radius 0).
    Disc(f64, f64, f64),
}

/// The footprint an `s_region` text describes, or `None` for one vosia does not read (BOX,
/// UNION, NOT, fewer than 3 vertices, numbers out of range).
pub(crate) fn parse_region(text: &str) -> Option<Footprint> {
    let mut words = text.split_whitespace().peekable();
    let shape = match words.peek()?.parse::<f64>() {
        Ok(_) => "POLYGON".to_string(), // DALI: bare coordinates
        Err(_) => words.next()?.to_ascii_uppercase(),
    };
    // Frame, reference position and flavour words (ICRS, FK5, J2000, GEOCENTER...) skipped.
    let numbers: Vec<f64> = words.filter_map(|w| w.parse::<f64>().ok()).collect();
    if numbers.iter().any(|v| !v.is_finite()) {
        return None;
    }
    match (shape.as_str(), numbers.len()) {
        ("POLYGON", n) if n >= 6 && n % 2 == 0 => {
            let vertices: Vec<(f64, f64)> = numbers.chunks(2).map(|p| (p[0], p[1])).collect();
            vertices
                .iter()
                .all(|&(_, dec)| dec.abs() <= 90.0)
                .then_some(Footprint::Polygon(vertices))
        }
        ("CIRCLE", 3) if numbers[1].abs() <= 90.0 && numbers[2] >= 0.0 => {
            Some(Footprint::Disc(numbers[0], numbers[1], numbers[2]))
        }
        ("POSITION", 2) if numbers[1].abs() <= 90.0 => {
            Some(Footprint::Disc(numbers[0], numbers[1], 0.0))
        }
        _ => None,
    }
}

type Vec3 = [f64; 3];

fn unit(ra: f64, dec: f64) -> Vec3 {
    let (ra, dec) = (ra.to_radians(), dec.to_radians());
    [dec.cos() * ra.cos(), dec.cos() * ra.sin(), dec.sin()]
}

fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The angle between two unit vectors, in degrees (stable for small and large angles).
fn separation(a: Vec3, b: Vec3) -> f64 {
    let cross = [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ];
    dot(cross, cross).sqrt().atan2(dot(a, b)).to_degrees()
}

/// Whether `footprint` and `circle` share any point of the sky.
pub(crate) fn meets(footprint: &Footprint, circle: &Circle) -> bool {
    let centre = unit(circle.ra, circle.dec);
    match footprint {
        Footprint::Disc(ra, dec, r) => separation(centre, unit(*ra, *dec)) <= circle.radius + r,
        Footprint::Polygon(vertices) => polygon_meets(vertices, circle, centre),
    }
}

fn polygon_meets(vertices: &[(f64, f64)], circle: &Circle, centre: Vec3) -> bool {
    // First the cap around the polygon (its vertices' mean direction, out to the farthest
    // vertex): a circle beyond it cannot meet the polygon.
    let points: Vec<Vec3> = vertices.iter().map(|&(ra, dec)| unit(ra, dec)).collect();
    let sum = points
        .iter()
        .fold([0.0; 3], |s, p| [s[0] + p[0], s[1] + p[1], s[2] + p[2]]);
    let norm = dot(sum, sum).sqrt();
    if norm > 1e-9 {
        let mid = [sum[0] / norm, sum[1] / norm, sum[2] / norm];
        let extent = points
            .iter()
            .map(|&p| separation(mid, p))
            .fold(0.0, f64::max);
        if separation(centre, mid) > circle.radius + extent {
            return false;
        }
    }
    // Tangent-plane axes at the centre: east and north.
    let (ra, dec) = (circle.ra.to_radians(), circle.dec.to_radians());
    let east = [-ra.sin(), ra.cos(), 0.0];
    let north = [-dec.sin() * ra.cos(), -dec.sin() * ra.sin(), dec.cos()];
    let mut plane = Vec::with_capacity(points.len());
    for &v in &points {
        let along = dot(v, centre);
        if along <= 1e-12 {
            return true; // 90° or more away: the projection cannot hold it
        }
        plane.push((dot(v, east) / along, dot(v, north) / along));
    }
    if contains_origin(&plane) {
        return true;
    }
    let reach = circle.radius.min(89.999).to_radians().tan();
    (0..plane.len()).any(|i| distance_to_origin(plane[i], plane[(i + 1) % plane.len()]) <= reach)
}

/// Ray casting from the origin along +x: an odd number of edge crossings is inside.
fn contains_origin(plane: &[(f64, f64)]) -> bool {
    let mut inside = false;
    for i in 0..plane.len() {
        let (a, b) = (plane[i], plane[(i + 1) % plane.len()]);
        if (a.1 > 0.0) != (b.1 > 0.0) {
            let x = a.0 + (0.0 - a.1) * (b.0 - a.0) / (b.1 - a.1);
            if x > 0.0 {
                inside = !inside;
            }
        }
    }
    inside
}

/// The distance from the origin to the segment a–b in the plane.
fn distance_to_origin(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (-(a.0 * dx + a.1 * dy) / length2).clamp(0.0, 1.0)
    };
    (a.0 + t * dx).hypot(a.1 + t * dy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn circle(ra: f64, dec: f64, radius: f64) -> Circle {
        Circle { ra, dec, radius }
    }

    /// A 0.2° square centred on (10, 41).
    fn square() -> Footprint {
        parse_region("POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1").unwrap()
    }

    #[test]
    fn regions_are_read_in_stc_s_and_dali_forms() {
        assert_eq!(
            parse_region("Circle ICRS GEOCENTER 10 41 0.5"),
            Some(Footprint::Disc(10.0, 41.0, 0.5))
        );
        assert_eq!(
            parse_region("POSITION 10 41"),
            Some(Footprint::Disc(10.0, 41.0, 0.0))
        );
        assert_eq!(
            parse_region("1 2 3 4 5 6"),
            Some(Footprint::Polygon(vec![(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]))
        );
        for unread in [
            "BOX ICRS 10 41 1 1",
            "POLYGON 1 2 3 4",
            "POLYGON 1 2 3 4 5",
            "",
            "x",
            "UNION (CIRCLE 1 2 3) (CIRCLE 4 5 6)",
            "CIRCLE 10 95 1",
            "CIRCLE 1 2 nan",
        ] {
            assert_eq!(parse_region(unread), None, "{unread}");
        }
    }

    #[test]
    fn a_polygon_meets_a_circle_inside_it_across_an_edge_and_not_beyond() {
        let sq = square();
        assert!(meets(&sq, &circle(10.0, 41.0, 0.001)), "centre inside");
        assert!(
            meets(&sq, &circle(10.0, 41.15, 0.06)),
            "crosses the north edge"
        );
        assert!(
            !meets(&sq, &circle(10.0, 41.15, 0.04)),
            "0.05 beyond it, radius 0.04"
        );
        assert!(
            meets(&sq, &circle(10.0, 41.0, 5.0)),
            "the square inside the circle"
        );
        assert!(
            !meets(&sq, &circle(190.0, -41.0, 1.0)),
            "the other side of the sky"
        );
        assert!(
            !meets(&sq, &circle(190.0, -41.0, 179.0)),
            "180° away, radius 179"
        );
        assert!(
            meets(&sq, &circle(190.0, -41.0, 179.9)),
            "a circle of almost all the sky"
        );
    }

    #[test]
    fn discs_meet_when_their_centres_are_closer_than_the_radii() {
        let disc = Footprint::Disc(359.95, 0.0, 0.05);
        assert!(meets(&disc, &circle(0.05, 0.0, 0.051)), "across RA 0");
        assert!(!meets(&disc, &circle(0.05, 0.0, 0.049)));
    }
}
