//! The chores rota (jadwal piket): who does which chore on each day of a period.
//!
//! Fair: each day the chores go to the residents who have done fewest so far (a resident away
//! for some days catches up after), so residents present throughout end within one chore of each
//! other. No one away on a day (absent, sick, excused, discharged) is given a chore that day.
//! Where it can, a resident does not get the same chore two days running. Deterministic: the same
//! request gives the same rota (ties go by a rotation of the residents' order, which the caller
//! fixes, by name say). A day with fewer residents present than the chores need is filled as far
//! as it goes and says which chores are short, rather than failing.

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A chore and how many residents it needs each day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chore {
    pub name: String,
    pub needs: u32,
    /// No longer given out; rotas made with it keep it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

impl Chore {
    /// The usual chores, made when a vault has none of them, under ids their names decide.
    pub fn seeded() -> Vec<(RecordId, Chore)> {
        [
            ("dapur", "Dapur", 2),
            ("kamar-mandi", "Kamar mandi", 2),
            ("halaman", "Halaman", 2),
            ("musala", "Musala", 1),
            ("cucian", "Cucian", 2),
            ("ruang-makan", "Ruang makan", 1),
        ]
        .into_iter()
        .map(|(slug, name, needs)| {
            (
                RecordId::derived(&format!("naungan/chore/{slug}")),
                Chore {
                    name: name.into(),
                    needs,
                    retired: false,
                },
            )
        })
        .collect()
    }

    /// A chore as its form gives it.
    pub fn validated(name: &str, needs: &str, retired: bool) -> Result<Chore, Vec<FieldError>> {
        let mut e = vec![];
        let name = super::validation::text(&mut e, "ch_name", name, true, 2, 100);
        let needs = match needs.trim().parse::<u32>() {
            Ok(n) if (1..=60).contains(&n) => n,
            _ => {
                e.push(err("ch_needs", Problem::OutOfRange { min: 1, max: 60 }));
                0
            }
        };
        if e.is_empty() {
            Ok(Chore {
                name,
                needs,
                retired,
            })
        } else {
            Err(e)
        }
    }
}

/// One day of a saved rota: for each of its chores, the residents doing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDay {
    pub date: Date,
    pub slots: Vec<Vec<RecordId>>,
    /// Chores (their place) without enough residents that day, with how many are missing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short: Vec<(usize, u32)>,
}

/// Two residents exchanging their chores on a day (or one taking another's, if she had none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    pub date: Date,
    pub from: RecordId,
    pub to: RecordId,
}

/// A rota as made (a week or a month), with the swaps made afterwards kept apart, so the page
/// shows them as swaps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoreRota {
    pub from: Date,
    pub to: Date,
    /// The cohort it was made for ("" for every resident living in the shelter).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cohort: String,
    /// The chores as they were when it was made.
    pub chores: Vec<Chore>,
    pub days: Vec<StoredDay>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swaps: Vec<Swap>,
}

/// A resident a rota may give chores to: who, and from when she lives in the shelter.
pub struct Candidate {
    pub id: RecordId,
    pub intake: Date,
}

impl ChoreRota {
    /// A rota from `from` (form text) for a week (`"week"`: seven days) or the rest of its month
    /// (`"month"`), for `residents` in a fixed order (by name, say), with the chores in force.
    /// `away(resident, day)`: marked absent, sick or excused that day.
    pub fn make(
        from: &str,
        period: &str,
        cohort: &str,
        chores: &[Chore],
        residents: &[Candidate],
        away: impl Fn(&RecordId, Date) -> bool,
    ) -> Result<ChoreRota, Vec<FieldError>> {
        let mut e = vec![];
        let start = Date::parse_iso(from.trim());
        if start.is_none() {
            e.push(err("rt_from", Problem::NotADate));
        }
        let chores: Vec<Chore> = chores.iter().filter(|c| !c.retired).cloned().collect();
        if chores.is_empty() {
            e.push(err("rt_period", Problem::NoChores));
        }
        if residents.is_empty() {
            e.push(err("rt_cohort", Problem::NoResidents));
        }
        let Some(start) = start.filter(|_| e.is_empty()) else {
            return Err(e);
        };
        let end = match period {
            "month" => {
                Date::new(start.year(), start.month(), start.days_in_month()).unwrap_or(start)
            }
            _ => start.plus_days(6),
        };
        let mut days = vec![];
        let mut d = start;
        while d <= end {
            days.push(d);
            d = d.plus_days(1);
        }
        let away_at =
            |r: usize, i: usize| residents[r].intake > days[i] || away(&residents[r].id, days[i]);
        let req = RotaRequest {
            days: &days,
            residents: residents.len(),
            chores: &chores,
            away: &away_at,
        };
        let made = generate(&req).map_err(|x| {
            vec![match x {
                RotaError::NoDays => err("rt_from", Problem::NotADate),
                RotaError::NoResidents => err("rt_cohort", Problem::NoResidents),
                RotaError::NoChores => err("rt_period", Problem::NoChores),
            }]
        })?;
        Ok(ChoreRota {
            from: start,
            to: end,
            cohort: cohort.trim().to_string(),
            chores,
            days: made
                .into_iter()
                .map(|day| StoredDay {
                    date: day.date,
                    slots: day
                        .slots
                        .into_iter()
                        .map(|s| s.into_iter().map(|r| residents[r].id.clone()).collect())
                        .collect(),
                    short: day.short,
                })
                .collect(),
            swaps: vec![],
        })
    }

    /// A day's chores with the swaps of that day applied: each resident, and whether she is
    /// there by a swap.
    pub fn slots_on(&self, day: &StoredDay) -> Vec<Vec<(RecordId, bool)>> {
        let mut slots: Vec<Vec<(RecordId, bool)>> = day
            .slots
            .iter()
            .map(|s| s.iter().map(|r| (r.clone(), false)).collect())
            .collect();
        for sw in self.swaps.iter().filter(|s| s.date == day.date) {
            for slot in &mut slots {
                for (r, swapped) in slot.iter_mut() {
                    if *r == sw.from {
                        *r = sw.to.clone();
                        *swapped = true;
                    } else if *r == sw.to {
                        *r = sw.from.clone();
                        *swapped = true;
                    }
                }
            }
        }
        slots
    }

    /// Adds a swap: on a day of the rota, `from` (who has a chore that day) with `to`.
    pub fn swap(&mut self, date: &str, from: &str, to: &str) -> Result<(), Vec<FieldError>> {
        let mut e = vec![];
        let day = Date::parse_iso(date.trim())
            .and_then(|d| self.days.iter().find(|x| x.date == d).cloned());
        if day.is_none() {
            e.push(err("sw_date", Problem::Required));
        }
        let (from, to) = (RecordId::parse(from.trim()), RecordId::parse(to.trim()));
        let has_chore = |r: &RecordId, day: &StoredDay| {
            self.slots_on(day).iter().flatten().any(|(x, _)| x == r)
        };
        match (&from, &day) {
            (None, _) => e.push(err("sw_from", Problem::Required)),
            (Some(f), Some(d)) if !has_chore(f, d) => {
                e.push(err("sw_from", Problem::NoChoreThatDay))
            }
            _ => {}
        }
        match (&to, &from) {
            (None, _) => e.push(err("sw_to", Problem::Required)),
            (Some(t), Some(f)) if t == f => e.push(err("sw_to", Problem::SamePerson)),
            _ => {}
        }
        match (day, from, to) {
            (Some(day), Some(from), Some(to)) if e.is_empty() => {
                self.swaps.push(Swap {
                    date: day.date,
                    from,
                    to,
                });
                Ok(())
            }
            _ => Err(e),
        }
    }
}

/// What a rota is made from. Residents and chores are referred to by their place in these lists.
pub struct RotaRequest<'a> {
    pub days: &'a [Date],
    /// How many residents, in the caller's fixed order.
    pub residents: usize,
    pub chores: &'a [Chore],
    /// Whether resident `r` is away on day `d` (a place in `days`).
    pub away: &'a dyn Fn(usize, usize) -> bool,
}

/// One day of the rota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RotaDay {
    pub date: Date,
    /// For each chore, the residents doing it.
    pub slots: Vec<Vec<usize>>,
    /// Chores without enough residents that day, with how many are missing.
    pub short: Vec<(usize, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotaError {
    NoDays,
    NoResidents,
    NoChores,
}

/// The rota for the request's days.
pub fn generate(req: &RotaRequest) -> Result<Vec<RotaDay>, RotaError> {
    if req.days.is_empty() {
        return Err(RotaError::NoDays);
    }
    if req.residents == 0 {
        return Err(RotaError::NoResidents);
    }
    if req.chores.iter().all(|c| c.needs == 0) {
        return Err(RotaError::NoChores);
    }
    let n = req.residents;
    let mut count = vec![0u32; n];
    // How often each resident did each chore, to spread the chores too.
    let mut did = vec![vec![0u32; req.chores.len()]; n];
    let mut yesterday: Vec<Option<usize>> = vec![None; n];
    let needed: usize = req.chores.iter().map(|c| c.needs as usize).sum();
    let mut out = Vec::with_capacity(req.days.len());
    for (d, &date) in req.days.iter().enumerate() {
        // Today's residents: those present with the fewest chores so far; ties by a rotation
        // that moves one place a day, so no one is always first.
        let mut present: Vec<usize> = (0..n).filter(|&r| !(req.away)(r, d)).collect();
        let key = |r: usize| (count[r], (r + n - d % n) % n);
        super::sorting::sort_by(&mut present, |a, b| key(*a).cmp(&key(*b)));
        present.truncate(needed);
        let mut today: Vec<Option<usize>> = vec![None; n];
        let mut free = present;
        let mut slots = vec![vec![]; req.chores.len()];
        let mut short = vec![];
        for (c, chore) in req.chores.iter().enumerate() {
            for _ in 0..chore.needs {
                // Among today's residents not placed yet: not this chore yesterday where
                // possible, then the one who did it least, then the fewest chores in all.
                let best = free
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, &r)| (yesterday[r] == Some(c), did[r][c], count[r]))
                    .map(|(i, _)| i);
                match best {
                    Some(i) => {
                        let r = free.swap_remove(i);
                        slots[c].push(r);
                        today[r] = Some(c);
                        count[r] += 1;
                        did[r][c] += 1;
                    }
                    None => {
                        let missing = chore.needs - slots[c].len() as u32;
                        short.push((c, missing));
                        break;
                    }
                }
            }
        }
        for s in &mut slots {
            super::sorting::sort_dedup(s);
        }
        yesterday = today;
        out.push(RotaDay { date, slots, short });
    }
    Ok(out)
}

/// How many chores each resident has in `rota`.
pub fn counts(rota: &[RotaDay], residents: usize) -> Vec<u32> {
    let mut c = vec![0; residents];
    for day in rota {
        for s in &day.slots {
            for &r in s {
                c[r] += 1;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    fn days(n: usize) -> Vec<Date> {
        let first = Date::parse_iso("2026-12-01").unwrap();
        (0..n as i64).map(|i| first.plus_days(i)).collect()
    }

    fn chores(needs: &[u32]) -> Vec<Chore> {
        needs
            .iter()
            .enumerate()
            .map(|(i, &n)| Chore {
                name: format!("piket {i}"),
                needs: n,
                retired: false,
            })
            .collect()
    }

    #[test]
    fn two_residents_two_chores_take_turns() {
        let (d, c) = (days(4), chores(&[1, 1]));
        let rota = generate(&RotaRequest {
            days: &d,
            residents: 2,
            chores: &c,
            away: &|_, _| false,
        })
        .unwrap();
        let who: Vec<(usize, usize)> = rota
            .iter()
            .map(|x| (x.slots[0][0], x.slots[1][0]))
            .collect();
        assert_eq!(who, [(0, 1), (1, 0), (0, 1), (1, 0)]);
        assert!(rota.iter().all(|x| x.short.is_empty()));
    }

    #[test]
    fn a_short_day_says_which_chores_lack_whom() {
        let (d, c) = (days(1), chores(&[2, 2]));
        let rota = generate(&RotaRequest {
            days: &d,
            residents: 3,
            chores: &c,
            away: &|_, _| false,
        })
        .unwrap();
        assert_eq!(rota[0].slots[0].len(), 2);
        assert_eq!(rota[0].short, [(1, 1)]);
    }

    #[test]
    fn nothing_to_make_a_rota_from_is_refused() {
        let (d, c) = (days(3), chores(&[1]));
        let try_with = |days: &[Date], residents, chores: &[Chore]| {
            generate(&RotaRequest {
                days,
                residents,
                chores,
                away: &|_, _| false,
            })
            .unwrap_err()
        };
        assert_eq!(try_with(&[], 3, &c), RotaError::NoDays);
        assert_eq!(try_with(&d, 0, &c), RotaError::NoResidents);
        assert_eq!(try_with(&d, 3, &[]), RotaError::NoChores);
        assert_eq!(try_with(&d, 3, &chores(&[0, 0])), RotaError::NoChores);
    }

    // Property tests run natively only (proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn fair_never_while_away_and_the_same_every_time(
            residents in 1usize..40,
            needs in proptest::collection::vec(0u32..4, 1..8),
            ndays in 1usize..32,
            away in proptest::collection::btree_set((0usize..40, 0usize..32), 0..120),
        ) {
            let (d, c) = (days(ndays), chores(&needs));
            let away_fn = |r: usize, day: usize| away.contains(&(r, day));
            let req = RotaRequest { days: &d, residents, chores: &c, away: &away_fn };
            let rota = match generate(&req) {
                Err(RotaError::NoChores) => { prop_assert!(needs.iter().all(|&n| n == 0)); return Ok(()); }
                other => other.unwrap(),
            };
            prop_assert_eq!(&rota, &generate(&req).unwrap());
            let needed: u32 = needs.iter().sum();
            let mut away_days = vec![0u32; residents];
            for (day, x) in rota.iter().enumerate() {
                let mut seen = std::collections::BTreeSet::new();
                let present = (0..residents).filter(|&r| !away_fn(r, day)).count() as u32;
                for (ci, s) in x.slots.iter().enumerate() {
                    for &r in s {
                        prop_assert!(!away_fn(r, day), "resident {} given a chore while away", r);
                        prop_assert!(seen.insert(r), "resident {} twice on one day", r);
                    }
                    let missing = x.short.iter().find(|(c, _)| *c == ci).map_or(0, |(_, m)| *m);
                    prop_assert_eq!(s.len() as u32 + missing, needs[ci]);
                }
                let filled: u32 = x.slots.iter().map(|s| s.len() as u32).sum();
                prop_assert_eq!(filled, needed.min(present));
                for (r, a) in away_days.iter_mut().enumerate() {
                    if away_fn(r, day) { *a += 1; }
                }
            }
            // Within one, give or take the days each was away.
            let cnt = counts(&rota, residents);
            for a in 0..residents {
                for b in 0..residents {
                    prop_assert!(cnt[a] <= cnt[b] + 1 + away_days[b],
                        "{} has {} chores, {} has {} and was away {} days", a, cnt[a], b, cnt[b], away_days[b]);
                }
            }
        }
    }

    /// `make bench`: 60 residents, 10 chores needing 2 each, 31 days, some away. Prints one JSON
    /// line; the baseline is the simplest rota (residents in turn, no fairness, no spreading).
    #[test]
    #[ignore = "a benchmark: make bench runs it (release build)"]
    fn bench_rota() {
        let (d, c) = (days(31), chores(&[2; 10]));
        let away = |r: usize, day: usize| (r * 7 + day * 3).is_multiple_of(19);
        let req = RotaRequest {
            days: &d,
            residents: 60,
            chores: &c,
            away: &away,
        };
        let time = |f: &dyn Fn() -> usize| {
            let mut ms = vec![];
            let mut out = 0;
            for _ in 0..21 {
                let t0 = std::time::Instant::now();
                out = std::hint::black_box(f());
                ms.push(t0.elapsed().as_secs_f64() * 1000.0);
            }
            (ms, out)
        };
        let (rota_ms, slots) = time(&|| {
            generate(&req)
                .unwrap()
                .iter()
                .map(|x| x.slots.iter().map(Vec::len).sum::<usize>())
                .sum()
        });
        let (floor_ms, _) = time(&|| {
            let mut next = 0;
            let mut placed = 0;
            for day in 0..d.len() {
                for chore in &c {
                    for _ in 0..chore.needs {
                        while away(next % 60, day) {
                            next += 1;
                        }
                        placed += next % 60;
                        next += 1;
                    }
                }
            }
            placed
        });
        let cnt = counts(&generate(&req).unwrap(), 60);
        println!(
            "ROTA_BENCH {}",
            serde_json::json!({ "rota_ms": rota_ms, "floor_ms": floor_ms, "slots": slots,
                "min": cnt.iter().min(), "max": cnt.iter().max() })
        );
        assert_eq!(slots, 31 * 20);
    }

    fn rid(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    #[test]
    fn a_saved_week_names_residents_skips_the_away_and_refuses_what_cannot_be_a_rota() {
        let chores = vec![
            Chore {
                name: "Dapur".into(),
                needs: 2,
                retired: false,
            },
            Chore {
                name: "Halaman".into(),
                needs: 1,
                retired: false,
            },
            Chore {
                name: "Gudang".into(),
                needs: 1,
                retired: true,
            },
        ];
        let intake = Date::parse_iso("2026-11-01").unwrap();
        let residents: Vec<Candidate> = (1..=4)
            .map(|n| Candidate { id: rid(n), intake })
            .chain(std::iter::once(Candidate {
                id: rid(5),
                intake: Date::parse_iso("2026-12-03").unwrap(),
            }))
            .collect();
        let sick = Date::parse_iso("2026-12-02").unwrap();
        let away = |r: &RecordId, d: Date| *r == rid(1) && d == sick;
        let rota = ChoreRota::make("2026-12-01", "week", "", &chores, &residents, away).unwrap();
        assert_eq!(rota.days.len(), 7);
        assert_eq!(rota.to.iso(), "2026-12-07");
        assert_eq!(rota.chores.len(), 2, "a retired chore is not given out");
        for day in &rota.days {
            let on: Vec<&RecordId> = day.slots.iter().flatten().collect();
            assert_eq!(on.len(), 3);
            if day.date == sick {
                assert!(!on.contains(&&rid(1)), "not while sick");
            }
            if day.date.iso().as_str() < "2026-12-03" {
                assert!(!on.contains(&&rid(5)), "not before she came");
            }
        }
        let month =
            ChoreRota::make("2026-12-10", "month", "", &chores, &residents, |_, _| false).unwrap();
        assert_eq!(
            (month.days.len(), month.to.iso().as_str()),
            (22, "2026-12-31")
        );
        let problems = |r: Result<ChoreRota, Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems(ChoreRota::make(
                "2026-12-01",
                "week",
                "",
                &chores[2..],
                &[],
                |_, _| false
            )),
            [
                ("rt_period", Problem::NoChores),
                ("rt_cohort", Problem::NoResidents)
            ]
        );
        // More needed than there are: the days say which chore is short, nothing fails.
        let big = [Chore {
            name: "Dapur".into(),
            needs: 6,
            retired: false,
        }];
        let short = ChoreRota::make("2026-12-01", "week", "", &big, &residents[..4], |_, _| {
            false
        })
        .unwrap();
        assert_eq!(short.days[0].short, [(0, 2)]);
    }

    #[test]
    fn a_swap_is_kept_apart_and_shown_as_one() {
        let chores = vec![Chore {
            name: "Dapur".into(),
            needs: 1,
            retired: false,
        }];
        let intake = Date::parse_iso("2026-11-01").unwrap();
        let residents: Vec<Candidate> = (1..=3).map(|n| Candidate { id: rid(n), intake }).collect();
        let mut rota =
            ChoreRota::make("2026-12-01", "week", "", &chores, &residents, |_, _| false).unwrap();
        let first = rota.days[0].clone();
        let doing = first.slots[0][0].clone();
        let idle = residents
            .iter()
            .map(|c| c.id.clone())
            .find(|r| *r != doing)
            .unwrap();
        let problems = |r: Result<(), Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems(
                rota.clone()
                    .swap("2026-12-01", &idle.to_string(), &idle.to_string())
            ),
            [
                ("sw_from", Problem::NoChoreThatDay),
                ("sw_to", Problem::SamePerson)
            ]
        );
        assert_eq!(
            problems(
                rota.clone()
                    .swap("2026-12-25", &doing.to_string(), &idle.to_string())
            ),
            [("sw_date", Problem::Required)]
        );
        rota.swap("2026-12-01", &doing.to_string(), &idle.to_string())
            .unwrap();
        assert_eq!(rota.days[0], first, "the rota as made is kept");
        assert_eq!(rota.slots_on(&rota.days[0]), [vec![(idle.clone(), true)]]);
        assert!(rota
            .slots_on(&rota.days[1])
            .iter()
            .flatten()
            .all(|(_, s)| !s));
        let json = serde_json::to_string(&rota).unwrap();
        let back: ChoreRota = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rota);
    }
}
