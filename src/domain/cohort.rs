//! Cohorts (angkatan): a group of residents who live in the shelter over the same months, with
//! its dates, capacity and responsible social worker.
//!
//! A resident names her cohort ("2026-II", the name is unique); the cohort's record carries the
//! rest. Residents registered before cohorts were records name cohorts that have none: one is
//! made for each such name, under an id that the name decides (`Cohort::id_for`), so two laptops
//! that do it each make the same record, and their merge joins them instead of asking.

use super::date::Date;
use super::id::RecordId;
use super::resident::is_cohort;
use super::validation::{err, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// The staff record of the social worker responsible for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social_worker: Option<RecordId>,
}

impl Cohort {
    /// A cohort known only by its name (made for residents who name it).
    pub fn named(name: &str) -> Cohort {
        Cohort {
            name: name.to_string(),
            start: None,
            end: None,
            capacity: None,
            social_worker: None,
        }
    }

    /// The id of the record made for a cohort name that had none: the same on every laptop.
    pub fn id_for(name: &str) -> RecordId {
        RecordId::derived(&format!("naungan/cohort/{name}"))
    }

    /// The cohort's details as the form gives them. `taken`: the names of the other cohorts.
    pub fn validated(
        name: &str,
        start: &str,
        end: &str,
        capacity: &str,
        social_worker: Option<RecordId>,
        taken: &[String],
    ) -> Result<Cohort, Vec<FieldError>> {
        let mut e = vec![];
        let name = name.trim().to_uppercase();
        if name.is_empty() {
            e.push(err("co_name", Problem::Required));
        } else if !is_cohort(&name) {
            e.push(err("co_name", Problem::BadCohort));
        } else if taken.contains(&name) {
            e.push(err("co_name", Problem::CohortExists));
        }
        let date = |e: &mut Vec<FieldError>, field: &'static str, v: &str| match v.trim() {
            "" => None,
            v => Date::parse_iso(v).or_else(|| {
                e.push(err(field, Problem::NotADate));
                None
            }),
        };
        let start = date(&mut e, "co_start", start);
        let end = date(&mut e, "co_end", end);
        if let (Some(s), Some(x)) = (start, end) {
            if x < s {
                e.push(err("co_end", Problem::EndBeforeStart));
            }
        }
        let capacity = match capacity.trim() {
            "" => None,
            c => match c.parse::<u32>() {
                Ok(n) if (1..=500).contains(&n) => Some(n),
                _ => {
                    e.push(err("co_capacity", Problem::OutOfRange { min: 1, max: 500 }));
                    None
                }
            },
        };
        if e.is_empty() {
            Ok(Cohort {
                name,
                start,
                end,
                capacity,
                social_worker,
            })
        } else {
            Err(e)
        }
    }
}

/// The cohort names residents give that no cohort record has, each once, in order.
pub fn without_record<'a>(
    named: impl Iterator<Item = &'a str>,
    cohorts: impl Iterator<Item = &'a Cohort>,
) -> Vec<String> {
    let have: Vec<&str> = cohorts.map(|c| c.name.as_str()).collect();
    let mut out: Vec<String> = named
        .filter(|n| !n.is_empty() && !have.contains(n))
        .map(str::to_string)
        .collect();
    super::sorting::sort_dedup(&mut out);
    out
}

/// How many residents of `cohort` live in the shelter now (their case at a stage in residence).
pub fn in_residence<'a>(
    cohort: &str,
    residents: impl Iterator<Item = &'a super::resident::Resident>,
) -> u32 {
    residents
        .filter(|r| r.cohort == cohort && r.stage.in_residence())
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_names_record_has_the_same_id_everywhere_and_only_its_own() {
        assert_eq!(Cohort::id_for("2026-I"), Cohort::id_for("2026-I"));
        assert_ne!(Cohort::id_for("2026-I"), Cohort::id_for("2026-II"));
        assert!(RecordId::parse(Cohort::id_for("2026-I").as_str()).is_some());
    }

    #[test]
    fn the_names_without_a_record_each_once() {
        let have = [Cohort::named("2026-I")];
        let named = ["2026-II", "2026-I", "2025-II", "2026-II", ""];
        assert_eq!(
            without_record(named.into_iter(), have.iter()),
            ["2025-II", "2026-II"]
        );
    }

    #[test]
    fn a_cohorts_details_are_checked() {
        let taken = vec!["2026-I".to_string()];
        let ok =
            Cohort::validated(" 2026-ii ", "2026-07-01", "2026-12-20", "40", None, &taken).unwrap();
        assert_eq!((ok.name.as_str(), ok.capacity), ("2026-II", Some(40)));
        let e =
            Cohort::validated("2026-I", "2026-07-01", "2026-06-01", "0", None, &taken).unwrap_err();
        let got: Vec<(&str, Problem)> = e.iter().map(|x| (x.field, x.problem)).collect();
        assert_eq!(
            got,
            [
                ("co_name", Problem::CohortExists),
                ("co_end", Problem::EndBeforeStart),
                ("co_capacity", Problem::OutOfRange { min: 1, max: 500 })
            ]
        );
        assert_eq!(
            Cohort::validated("angkatan satu", "", "", "", None, &[]).unwrap_err()[0].problem,
            Problem::BadCohort
        );
    }
}
