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

/// A chore and how many residents it needs each day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chore {
    pub name: String,
    pub needs: u32,
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
}
