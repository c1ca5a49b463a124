//! House rules with graduated sanctions, and the sanction a violation calls for.
//!
//! A rule lists its sanctions from the mildest (a verbal warning) to the heaviest (a report to the
//! head). A resident's first violation of a rule suggests the first sanction, her second the
//! second, and so on, staying at the heaviest; only her violations of that rule in the same stay
//! (episode) count. Staff confirm the suggestion or choose another, with a reason.

//!
//! Positive conduct is recorded beside violations, as a conduct entry without a rule.

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A house rule and its sanctions, mildest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseRule {
    pub title: String,
    pub sanctions: Vec<String>,
    /// A retired rule keeps its history but takes no new violations.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

/// The graduated sanctions the shelter starts from.
const USUAL_SANCTIONS: [&str; 5] = [
    "Teguran lisan",
    "Piket tambahan",
    "Sesi konseling",
    "Surat peringatan",
    "Dilaporkan ke kepala UPT",
];

impl HouseRule {
    /// A rule as the form gives it: a title, and one sanction per line.
    pub fn validated(title: &str, sanctions: &str) -> Result<HouseRule, Vec<FieldError>> {
        let mut e = vec![];
        let title = text(&mut e, "rule_title", title, true, 3, 200);
        let sanctions: Vec<String> = sanctions
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if sanctions.is_empty() {
            e.push(err("rule_sanctions", Problem::Required));
        } else if sanctions.iter().any(|s| s.chars().count() > 200) {
            e.push(err("rule_sanctions", Problem::TooLong { max: 200 }));
        }
        if e.is_empty() {
            Ok(HouseRule {
                title,
                sanctions,
                retired: false,
            })
        } else {
            Err(e)
        }
    }
}

impl HouseRule {
    /// The usual house rules, made when a vault has none of them, under ids their names decide
    /// (two laptops make the same records). Staff change them afterwards.
    pub fn seeded() -> Vec<(RecordId, HouseRule)> {
        [
            ("keluar", "Keluar asrama tanpa izin"),
            ("kegiatan", "Tidak mengikuti kegiatan wajib tanpa alasan"),
            ("piket", "Tidak melaksanakan piket"),
            ("bertengkar", "Bertengkar, berkata kasar atau mengancam"),
            ("hp", "Memakai telepon genggam di luar waktu yang diizinkan"),
        ]
        .into_iter()
        .map(|(slug, title)| {
            (
                RecordId::derived(&format!("naungan/house-rule/{slug}")),
                HouseRule {
                    title: title.into(),
                    sanctions: USUAL_SANCTIONS.iter().map(|x| x.to_string()).collect(),
                    retired: false,
                },
            )
        })
        .collect()
    }
}

/// A violation's rule and the sanction given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: RecordId,
    /// Places in the rule's list of sanctions: what the history called for, what was given.
    pub suggested: usize,
    pub sanction: usize,
    /// The sanction given, in the words of the rule when it was given (rules change).
    pub sanction_text: String,
    /// Why another sanction than the suggested one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// One entry of a resident's conduct: a violation of a house rule, or good conduct noted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConductEntry {
    pub resident: RecordId,
    /// Her stay (the resident's episode) it happened in.
    pub episode: u32,
    pub date: Date,
    /// What happened, or what she did well.
    pub what: String,
    pub reported_by: RecordId,
    /// `None`: positive conduct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violation: Option<Violation>,
}

/// How many times she violated `rule` in her stay `episode` before.
pub fn earlier_violations<'a>(
    entries: impl Iterator<Item = &'a ConductEntry>,
    rule: &RecordId,
    episode: u32,
) -> usize {
    entries
        .filter(|e| e.episode == episode)
        .filter(|e| e.violation.as_ref().is_some_and(|v| &v.rule == rule))
        .count()
}

/// A conduct entry as its form gives it. `rule`: the chosen rule's id ("" for positive conduct,
/// when `positive`); `sanction`: the place chosen in its list ("" keeps the suggestion).
pub struct ConductDraft<'a> {
    pub positive: bool,
    pub date: &'a str,
    pub rule: &'a str,
    pub what: &'a str,
    pub sanction: &'a str,
    pub reason: &'a str,
}

/// Where the resident stands: whose record, which stay, since when.
pub struct ConductOf<'a> {
    pub resident: &'a RecordId,
    pub episode: u32,
    pub intake: Date,
    pub reported_by: &'a RecordId,
}

impl ConductDraft<'_> {
    /// The entry, or what is wrong: a violation needs a rule that is not retired, and a sanction
    /// other than the one her history of that rule suggests needs a reason. `rules`: the rules
    /// with their ids; `earlier`: her earlier violations of a rule in this stay.
    pub fn validate(
        &self,
        of: &ConductOf,
        rules: &[(RecordId, HouseRule)],
        earlier: impl Fn(&RecordId) -> usize,
        today: Date,
    ) -> Result<ConductEntry, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "cd_date",
            self.date,
            (of.intake, Problem::BeforeIntake),
            today,
        );
        let what = text(&mut e, "cd_what", self.what, true, 3, 2000);
        let violation = if self.positive {
            None
        } else {
            let rule = RecordId::parse(self.rule.trim())
                .and_then(|id| rules.iter().find(|(r, _)| *r == id));
            match rule {
                None => {
                    e.push(err("cd_rule", Problem::Required));
                    None
                }
                Some((_, r)) if r.retired => {
                    e.push(err("cd_rule", Problem::RuleRetired));
                    None
                }
                Some((id, r)) => {
                    let suggested = suggested_sanction(r, earlier(id));
                    let chosen = match self.sanction.trim() {
                        "" => suggested,
                        s => s.parse().unwrap_or(usize::MAX),
                    };
                    match chosen_sanction(r, suggested, chosen, self.reason) {
                        Ok((sanction, reason)) => Some(Violation {
                            rule: id.clone(),
                            suggested,
                            sanction,
                            sanction_text: r.sanctions[sanction].clone(),
                            reason,
                        }),
                        Err(x) => {
                            e.push(x);
                            None
                        }
                    }
                }
            }
        };
        match date {
            Some(date) if e.is_empty() => Ok(ConductEntry {
                resident: of.resident.clone(),
                episode: of.episode,
                date,
                what,
                reported_by: of.reported_by.clone(),
                violation,
            }),
            _ => Err(e),
        }
    }
}

/// Her conduct in numbers: violations per rule (in the rules' order of first violation), and
/// positive notes.
pub fn summary<'a>(
    entries: impl Iterator<Item = &'a ConductEntry>,
) -> (Vec<(RecordId, usize)>, usize) {
    let mut per_rule: Vec<(RecordId, usize)> = vec![];
    let mut positive = 0;
    for e in entries {
        match &e.violation {
            None => positive += 1,
            Some(v) => match per_rule.iter_mut().find(|(r, _)| *r == v.rule) {
                Some((_, n)) => *n += 1,
                None => per_rule.push((v.rule.clone(), 1)),
            },
        }
    }
    (per_rule, positive)
}

/// The sanction (its place in the rule's list) for a resident who has already violated the rule
/// `earlier` times in this stay.
pub fn suggested_sanction(rule: &HouseRule, earlier: usize) -> usize {
    earlier.min(rule.sanctions.len().saturating_sub(1))
}

/// The sanction given: the suggested one, or another with the reason for the change.
pub fn chosen_sanction(
    rule: &HouseRule,
    suggested: usize,
    chosen: usize,
    reason: &str,
) -> Result<(usize, String), FieldError> {
    if chosen >= rule.sanctions.len() {
        return Err(err("cd_sanction", Problem::Required));
    }
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if chosen != suggested && reason.chars().count() < 3 {
        return Err(err("cd_reason", Problem::ReasonForChange));
    }
    Ok((chosen, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> HouseRule {
        HouseRule::validated(
            "Keluar asrama tanpa izin",
            "Teguran lisan\n  Piket tambahan \n\nKonseling\nSurat peringatan\nDilaporkan ke kepala UPT",
        )
        .unwrap()
    }

    #[test]
    fn sanctions_are_the_lines_given_mildest_first() {
        let r = rule();
        assert_eq!(r.sanctions.len(), 5);
        assert_eq!(r.sanctions[1], "Piket tambahan");
        let e = HouseRule::validated("", " \n ").unwrap_err();
        let fields: Vec<&str> = e.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["rule_title", "rule_sanctions"]);
    }

    #[test]
    fn each_violation_of_a_rule_calls_for_the_next_sanction_then_the_heaviest() {
        let r = rule();
        let steps: Vec<usize> = (0..7).map(|n| suggested_sanction(&r, n)).collect();
        assert_eq!(steps, [0, 1, 2, 3, 4, 4, 4]);
        let one = HouseRule {
            sanctions: vec!["Teguran".into()],
            ..rule()
        };
        assert_eq!(suggested_sanction(&one, 3), 0);
    }

    #[test]
    fn another_sanction_than_the_suggested_one_needs_a_reason() {
        let r = rule();
        assert_eq!(chosen_sanction(&r, 1, 1, ""), Ok((1, String::new())));
        assert_eq!(
            chosen_sanction(&r, 1, 3, " "),
            Err(err("cd_reason", Problem::ReasonForChange))
        );
        assert_eq!(
            chosen_sanction(&r, 1, 3, "Kabur  dua hari"),
            Ok((3, "Kabur dua hari".into()))
        );
        assert_eq!(
            chosen_sanction(&r, 1, 9, "x").unwrap_err().field,
            "cd_sanction"
        );
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn a_violation_is_sanctioned_by_her_history_of_that_rule_in_this_stay() {
        let rules = HouseRule::seeded();
        let (leave, _) = &rules[0];
        let (quarrel, _) = &rules[3];
        let me = RecordId::from_random_bytes([1; 16]);
        let staff = RecordId::from_random_bytes([2; 16]);
        let of = ConductOf {
            resident: &me,
            episode: 2,
            intake: d("2026-09-01"),
            reported_by: &staff,
        };
        let today = d("2026-12-01");
        let mut history: Vec<ConductEntry> = vec![];
        fn draft<'a>(rule: &'a str, sanction: &'a str, reason: &'a str) -> ConductDraft<'a> {
            ConductDraft {
                positive: false,
                date: "2026-11-20",
                rule,
                what: "Pulang terlambat tanpa izin",
                sanction,
                reason,
            }
        }
        let (leave_s, quarrel_s) = (leave.to_string(), quarrel.to_string());
        // An earlier stay's violation does not count.
        let mut old = draft(&leave_s, "", "")
            .validate(&of, &rules, |_| 0, today)
            .unwrap();
        old.episode = 1;
        history.push(old);
        let earlier = |h: &Vec<ConductEntry>, r: &RecordId| earlier_violations(h.iter(), r, 2);
        for expected in ["Teguran lisan", "Piket tambahan", "Sesi konseling"] {
            let e = draft(&leave_s, "", "")
                .validate(&of, &rules, |r| earlier(&history, r), today)
                .unwrap();
            assert_eq!(e.violation.as_ref().unwrap().sanction_text, expected);
            history.push(e);
        }
        // Another rule starts at its mildest.
        let q = draft(&quarrel_s, "", "")
            .validate(&of, &rules, |r| earlier(&history, r), today)
            .unwrap();
        assert_eq!(q.violation.as_ref().unwrap().sanction, 0);
        // Heavier than suggested: only with a reason.
        let fields = |r: Result<ConductEntry, Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(draft(&leave_s, "4", "").validate(&of, &rules, |r| earlier(&history, r), today)),
            [("cd_reason", Problem::ReasonForChange)]
        );
        let given = draft(&leave_s, "4", "Kabur dua malam")
            .validate(&of, &rules, |r| earlier(&history, r), today)
            .unwrap();
        let v = given.violation.unwrap();
        assert_eq!((v.suggested, v.sanction), (3, 4));
        assert_eq!(v.reason, "Kabur dua malam");
        let (per_rule, positive) = summary(history.iter());
        assert_eq!(per_rule, [(leave.clone(), 4)]);
        assert_eq!(positive, 0);
    }

    #[test]
    fn a_violation_needs_a_rule_in_force_and_good_conduct_needs_none() {
        let mut rules = HouseRule::seeded();
        rules[1].1.retired = true;
        let me = RecordId::from_random_bytes([1; 16]);
        let of = ConductOf {
            resident: &me,
            episode: 1,
            intake: d("2026-09-01"),
            reported_by: &me,
        };
        let today = d("2026-12-01");
        let base = ConductDraft {
            positive: false,
            date: "2026-11-20",
            rule: "",
            what: "Tidak ikut pengajian",
            sanction: "",
            reason: "",
        };
        let problems = |x: &ConductDraft| {
            x.validate(&of, &rules, |_| 0, today)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(problems(&base), [("cd_rule", Problem::Required)]);
        let retired = rules[1].0.to_string();
        assert_eq!(
            problems(&ConductDraft {
                rule: &retired,
                ..base
            }),
            [("cd_rule", Problem::RuleRetired)]
        );
        assert_eq!(
            problems(&ConductDraft {
                date: "2026-08-01",
                what: "",
                positive: true,
                ..base
            }),
            [
                ("cd_date", Problem::BeforeIntake),
                ("cd_what", Problem::Required)
            ]
        );
        let good = ConductDraft {
            positive: true,
            what: "Membantu teman yang sakit",
            ..base
        }
        .validate(&of, &rules, |_| 0, today)
        .unwrap();
        assert!(good.violation.is_none());
        let json = serde_json::to_string(&good).unwrap();
        assert!(!json.contains("violation"), "{json}");
    }
}
