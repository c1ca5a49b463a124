//! One resident's timeline: every record about her that its kind puts on a timeline
//! (`timeline:` in `domain/kinds.rs`), in date order. The page lists no kinds itself, so a new kind
//! appears by saying so where it is declared.

use super::date::Date;
use super::record::Record;
use super::sorting;

/// The records that appear on a timeline, newest first (on one day, the later saved first).
pub fn entries<'a>(records: impl Iterator<Item = &'a Record>) -> Vec<(Date, &'a Record)> {
    let mut out: Vec<(Date, &Record)> = records
        .filter(|r| !r.meta.deleted)
        .filter_map(|r| Some((r.body.as_ref()?.timeline_date()?, r)))
        .collect();
    sorting::sort_by(&mut out, |a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.meta.created_at.cmp(&a.1.meta.created_at))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id::RecordId;
    use crate::domain::record::{RecordBody, Stamp};
    use crate::domain::stage::{Stage, StageChange};

    #[test]
    fn dated_kinds_newest_first_and_nothing_else() {
        let r = RecordId::from_random_bytes([1; 16]);
        let stamp = |at| Stamp {
            by: RecordId::from_random_bytes([2; 16]),
            at,
            device: "d".into(),
        };
        let change = |n: u8, date: &str, at| {
            Record::create(
                RecordId::from_random_bytes([n; 16]),
                RecordBody::StageChange(StageChange {
                    resident: r.clone(),
                    episode: 1,
                    date: Date::parse_iso(date).unwrap(),
                    from: None,
                    to: Stage::Intake,
                    reason: String::new(),
                }),
                &stamp(at),
            )
        };
        let photo = Record::create(
            RecordId::from_random_bytes([9; 16]),
            RecordBody::Photo(
                crate::domain::photo::Photo::new(r.clone(), "/9j/AA==".into()).unwrap(),
            ),
            &stamp(5),
        );
        let gone = change(8, "2026-12-01", 9).tombstone(&stamp(10)).unwrap();
        let all = [
            change(3, "2026-03-01", 1),
            change(4, "2026-05-01", 2),
            change(5, "2026-05-01", 3),
            photo,
            gone,
        ];
        let got: Vec<RecordId> = entries(all.iter())
            .into_iter()
            .map(|(_, x)| x.meta.id.clone())
            .collect();
        let id = |n: u8| RecordId::from_random_bytes([n; 16]);
        assert_eq!(got, [id(5), id(4), id(3)], "no photo, no tombstone");
    }
}
