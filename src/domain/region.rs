//! Provinces and regencies/cities of Indonesia, by their official (Kemendagri) codes.
//! Records store the codes, so reports can count by regency; names are looked up for display.

use super::region_data::{PROVINCES, REGENCIES};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

fn region(&(code, name): &(&'static str, &'static str)) -> Region {
    Region { code, name }
}

pub fn provinces() -> impl Iterator<Item = Region> {
    PROVINCES.iter().map(region)
}

pub fn province(code: &str) -> Option<Region> {
    PROVINCES.iter().find(|(c, _)| *c == code).map(region)
}

pub fn regency(code: &str) -> Option<Region> {
    REGENCIES.iter().find(|(c, _)| *c == code).map(region)
}

/// The regencies and cities of one province, in the official order.
pub fn regencies_of(province_code: &str) -> impl Iterator<Item = Region> + '_ {
    REGENCIES
        .iter()
        .filter(move |(c, _)| c.split('.').next() == Some(province_code))
        .map(region)
}

/// The province a regency code belongs to ("35.78" is in "35").
pub fn province_of_regency(regency_code: &str) -> Option<Region> {
    regency(regency_code)?;
    province(regency_code.split('.').next()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_list_is_complete() {
        assert_eq!(provinces().count(), 38);
        assert_eq!(REGENCIES.len(), 514);
        let total: usize = provinces().map(|p| regencies_of(p.code).count()).sum();
        assert_eq!(total, 514, "every regency belongs to a listed province");
    }

    #[test]
    fn lookups_by_code() {
        assert_eq!(province("35").unwrap().name, "Jawa Timur");
        assert_eq!(regency("35.78").unwrap().name, "Kota Surabaya");
        assert_eq!(province_of_regency("35.07").unwrap().code, "35");
        assert_eq!(province("99"), None);
        assert_eq!(province_of_regency("35.99"), None);
        assert!(regencies_of("35").any(|r| r.name == "Kabupaten Malang"));
        assert!(!regencies_of("3").any(|_| true));
    }
}
