//! Which search circles a row's image meets (see [`crate::footprint`]).

use super::Results;
use crate::error::Result;
use crate::footprint::{self, Circle, Footprint};
use crate::stdfields::StdField;

impl Results {
    /// The footprint of row `row`: its `s_region` when vosia reads it, else its position
    /// (standard fields ra, dec) with half its `s_fov` as radius (0 without one); `None`
    /// when the row has neither.
    fn footprint(&self, row: usize) -> Result<Option<Footprint>> {
        if let Some(region) = self.std_text(row, StdField::SRegion)?
            && let Some(shape) = footprint::parse_region(&region.to_string_lossy())
        {
            return Ok(Some(shape));
        }
        let (Some(ra), Some(dec)) = (
            self.std_double(row, StdField::Ra)?,
            self.std_double(row, StdField::Dec)?,
        ) else {
            return Ok(None);
        };
        let fov = self.std_double(row, StdField::SFov)?.unwrap_or(0.0);
        Ok(Some(Footprint::Disc(ra, dec, fov.max(0.0) / 2.0)))
    }

    /// For each of `circles`, whether the image of row `row` meets it; `None` when the row
    /// has no footprint to tell by (no readable `s_region` and no position).
    pub fn circles_met(&self, row: usize, circles: &[Circle]) -> Result<Option<Vec<bool>>> {
        Ok(self.footprint(row)?.map(|shape| {
            circles
                .iter()
                .map(|c| footprint::meets(&shape, c))
                .collect()
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::SiaVersion;
    use crate::footprint::Circle;

    #[test]
    fn each_row_says_which_circles_its_footprint_meets() {
        let doc = "<VOTABLE><RESOURCE type=\"results\"><TABLE>\
            <FIELD name=\"s_ra\" datatype=\"double\"/><FIELD name=\"s_dec\" datatype=\"double\"/>\
            <FIELD name=\"s_fov\" datatype=\"double\"/>\
            <FIELD name=\"s_region\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>\
            <TR><TD>10</TD><TD>41</TD><TD>0.2</TD>\
            <TD>POLYGON ICRS 9.8674 40.9 10.1326 40.9 10.1326 41.1 9.8674 41.1</TD></TR>\
            <TR><TD>20</TD><TD>-5</TD><TD>0.5</TD><TD>BOX ICRS 20 -5 1 1</TD></TR>\
            <TR><TD/><TD/><TD/><TD/></TR>\
            </TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
        let r = crate::Results::from_bytes(doc.as_bytes(), SiaVersion::V2).unwrap();
        let circles = [
            Circle {
                ra: 10.0,
                dec: 41.15,
                radius: 0.06,
            },
            Circle {
                ra: 20.3,
                dec: -5.0,
                radius: 0.1,
            },
            Circle {
                ra: 20.4,
                dec: -5.0,
                radius: 0.1,
            },
        ];
        assert_eq!(
            r.circles_met(0, &circles).unwrap(),
            Some(vec![true, false, false])
        );
        // BOX is not read: the position with half of s_fov (0.25°) stands in.
        assert_eq!(
            r.circles_met(1, &circles).unwrap(),
            Some(vec![false, true, false])
        );
        assert_eq!(r.circles_met(2, &circles).unwrap(), None);
        assert!(r.circles_met(3, &circles).is_err());
    }
}
