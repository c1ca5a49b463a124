//! Vocational training: the fields (salon, tataboga, jahit, rias: data, seeded, editable), each
//! with its competency checklist; a resident's enrolment in a field; and what her training
//! records: competencies signed off, the practical exam, the certificate, the internship
//! (praktek belajar kerja). Rates per field: enrolled, completed (every competency signed off),
//! exam passed.

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VocationalField {
    /// The short name plans and sessions use ("jahit"); fixed once made.
    pub code: String,
    pub name: String,
    /// The competency checklist, in the order it is taught.
    pub competencies: Vec<String>,
    /// Takes no new enrolments; its history stays.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

impl VocationalField {
    pub fn id_for(code: &str) -> RecordId {
        RecordId::derived(&format!("naungan/vocational-field/{code}"))
    }

    /// The four fields the shelter teaches, with their checklists.
    pub fn seeded() -> Vec<(RecordId, VocationalField)> {
        let field = |code: &str, name: &str, list: &[&str]| {
            (
                VocationalField::id_for(code),
                VocationalField {
                    code: code.into(),
                    name: name.into(),
                    competencies: list.iter().map(|x| x.to_string()).collect(),
                    retired: false,
                },
            )
        };
        vec![
            field(
                "jahit",
                "Menjahit",
                &[
                    "Mengukur badan",
                    "Membuat dan memotong pola",
                    "Mengoperasikan mesin jahit",
                    "Penyelesaian (finishing)",
                    "Menghitung biaya produk",
                ],
            ),
            field(
                "tataboga",
                "Tata boga",
                &[
                    "Kebersihan pangan",
                    "Mengolah resep",
                    "Menghitung biaya dan harga jual",
                    "Pengemasan",
                ],
            ),
            field(
                "salon",
                "Salon",
                &[
                    "Mencuci rambut",
                    "Memotong rambut",
                    "Kebersihan alat",
                    "Pelayanan pelanggan",
                ],
            ),
            field(
                "rias",
                "Tata rias",
                &[
                    "Persiapan kulit",
                    "Rias sehari-hari",
                    "Rias pengantin",
                    "Kebersihan alat rias",
                ],
            ),
        ]
    }

    /// A field as its form gives it: its code (lower-case letters), name, and one competency a
    /// line. `taken`: the other fields' codes.
    pub fn validated(
        code: &str,
        name: &str,
        competencies: &str,
        retired: bool,
        taken: &[String],
    ) -> Result<VocationalField, Vec<FieldError>> {
        let mut e = vec![];
        let code = code.trim().to_lowercase();
        if code.is_empty() {
            e.push(err("vf_code", Problem::Required));
        } else if !code.chars().all(|c| c.is_ascii_lowercase() || c == '-') || code.len() > 30 {
            e.push(err("vf_code", Problem::BadCode));
        } else if taken.contains(&code) {
            e.push(err("vf_code", Problem::CodeTaken));
        }
        let name = text(&mut e, "vf_name", name, true, 2, 100);
        let competencies: Vec<String> = competencies
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if competencies.is_empty() {
            e.push(err("vf_competencies", Problem::Required));
        }
        if e.is_empty() {
            Ok(VocationalField {
                code,
                name,
                competencies,
                retired,
            })
        } else {
            Err(e)
        }
    }
}

/// A resident enrolled in a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub resident: RecordId,
    pub field: RecordId,
    pub date: Date,
}

impl Enrolment {
    /// An enrolment as its form gives it: in a field in use, not before her intake.
    pub fn validated(
        resident: RecordId,
        field: &str,
        date: &str,
        fields: &[(RecordId, VocationalField)],
        intake: Date,
        today: Date,
    ) -> Result<Enrolment, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "en_date",
            date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let field =
            RecordId::parse(field.trim()).and_then(|id| fields.iter().find(|(f, _)| *f == id));
        let field = match field {
            None => {
                e.push(err("en_field", Problem::Required));
                None
            }
            Some((_, f)) if f.retired => {
                e.push(err("en_field", Problem::FieldRetired));
                None
            }
            Some((id, _)) => Some(id.clone()),
        };
        match (date, field) {
            (Some(date), Some(field)) if e.is_empty() => Ok(Enrolment {
                resident,
                field,
                date,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Basic,
    Competent,
    Proficient,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Basic, Level::Competent, Level::Proficient];
}

/// What a resident's training in a field recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TrainingEvent {
    /// A competency of the field's checklist signed off by an instructor.
    SignOff {
        /// Its place in the checklist, and its words then (checklists change).
        competency: usize,
        competency_text: String,
        level: Level,
    },
    /// The practical exam (uji praktik).
    Exam {
        passed: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        score: Option<u32>,
    },
    Certificate {
        number: String,
    },
    /// Praktek belajar kerja at a business, with its evaluation.
    Internship {
        business: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Date>,
        evaluation: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRecord {
    pub resident: RecordId,
    pub field: RecordId,
    pub date: Date,
    /// The instructor who signed it (the staff member saving it).
    pub by: RecordId,
    pub event: TrainingEvent,
}

/// What the training form gives: which event, with its fields as text.
pub struct TrainingDraft<'a> {
    pub kind: &'a str,
    pub date: &'a str,
    pub competency: &'a str,
    pub level: &'a str,
    pub passed: &'a str,
    pub score: &'a str,
    pub number: &'a str,
    pub business: &'a str,
    pub until: &'a str,
    pub evaluation: &'a str,
}

impl TrainingDraft<'_> {
    /// A record of her training in `field`, which she is enrolled in since `enrolled`.
    pub fn validate(
        &self,
        resident: RecordId,
        field: (&RecordId, &VocationalField),
        enrolled: Date,
        by: RecordId,
        today: Date,
    ) -> Result<TrainingRecord, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "tr_date",
            self.date,
            (enrolled, Problem::BeforeEnrolment),
            today,
        );
        let event = match self.kind {
            "sign_off" => {
                let at = self
                    .competency
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < field.1.competencies.len());
                let level = match self.level {
                    "basic" => Some(Level::Basic),
                    "competent" => Some(Level::Competent),
                    "proficient" => Some(Level::Proficient),
                    _ => None,
                };
                if at.is_none() {
                    e.push(err("tr_competency", Problem::Required));
                }
                if level.is_none() {
                    e.push(err("tr_level", Problem::Required));
                }
                at.zip(level).map(|(at, level)| TrainingEvent::SignOff {
                    competency: at,
                    competency_text: field.1.competencies[at].clone(),
                    level,
                })
            }
            "exam" => {
                let passed = match self.passed {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => {
                        e.push(err("tr_passed", Problem::Required));
                        None
                    }
                };
                let score = match self.score.trim() {
                    "" => None,
                    s => match s.parse::<u32>() {
                        Ok(n) if n <= 100 => Some(n),
                        _ => {
                            e.push(err("tr_score", Problem::OutOfRange { min: 0, max: 100 }));
                            None
                        }
                    },
                };
                passed.map(|passed| TrainingEvent::Exam { passed, score })
            }
            "certificate" => {
                let number = text(&mut e, "tr_number", self.number, true, 3, 60);
                Some(TrainingEvent::Certificate { number })
            }
            "internship" => {
                let business = text(&mut e, "tr_business", self.business, true, 3, 200);
                let evaluation = text(&mut e, "tr_evaluation", self.evaluation, false, 0, 2000);
                let until = match self.until.trim() {
                    "" => None,
                    u => match (Date::parse_iso(u), Date::parse_iso(self.date.trim())) {
                        (None, _) => {
                            e.push(err("tr_until", Problem::NotADate));
                            None
                        }
                        (Some(u), Some(from)) if u < from => {
                            e.push(err("tr_until", Problem::EndBeforeStart));
                            None
                        }
                        (Some(u), _) => Some(u),
                    },
                };
                Some(TrainingEvent::Internship {
                    business,
                    until,
                    evaluation,
                })
            }
            _ => {
                e.push(err("tr_kind", Problem::Required));
                None
            }
        };
        match (date, event) {
            (Some(date), Some(event)) if e.is_empty() => Ok(TrainingRecord {
                resident,
                field: field.0.clone(),
                date,
                by,
                event,
            }),
            _ => Err(e),
        }
    }
}

/// Which competencies of a field's checklist she has signed off: for each, the latest sign-off.
pub fn progress<'a>(
    field: &VocationalField,
    field_id: &RecordId,
    records: impl Iterator<Item = &'a TrainingRecord>,
) -> Vec<Option<(Date, Level)>> {
    let mut out: Vec<Option<(Date, Level)>> = vec![None; field.competencies.len()];
    for r in records.filter(|r| &r.field == field_id) {
        if let TrainingEvent::SignOff {
            competency, level, ..
        } = &r.event
        {
            if let Some(slot) = out.get_mut(*competency) {
                if slot.is_none_or(|(d, _)| d <= r.date) {
                    *slot = Some((r.date, *level));
                }
            }
        }
    }
    out
}

/// A field's figures: residents enrolled, those who completed the checklist, those who sat the
/// exam and those who passed it (a resident counts once, by her latest exam).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldRates {
    pub enrolled: u32,
    pub completed: u32,
    pub examined: u32,
    pub passed: u32,
}

impl FieldRates {
    /// `part` of `of` in whole percent (`None` when `of` is 0).
    pub fn percent(part: u32, of: u32) -> Option<u32> {
        (of > 0).then(|| (part * 200 + of) / (2 * of))
    }
}

pub fn rates<'a>(
    field: &VocationalField,
    field_id: &RecordId,
    enrolments: impl Iterator<Item = &'a Enrolment>,
    records: &[&TrainingRecord],
) -> FieldRates {
    let mut residents: Vec<&RecordId> = enrolments
        .filter(|e| &e.field == field_id)
        .map(|e| &e.resident)
        .collect();
    super::sorting::sort_dedup(&mut residents);
    let mut out = FieldRates {
        enrolled: residents.len() as u32,
        ..FieldRates::default()
    };
    for r in residents {
        let hers: Vec<&TrainingRecord> = records
            .iter()
            .copied()
            .filter(|x| &x.resident == r && &x.field == field_id)
            .collect();
        if progress(field, field_id, hers.iter().copied())
            .iter()
            .all(Option::is_some)
        {
            out.completed += 1;
        }
        let latest_exam = hers
            .iter()
            .filter_map(|x| match x.event {
                TrainingEvent::Exam { passed, .. } => Some((x.date, passed)),
                _ => None,
            })
            .max_by_key(|(d, _)| *d);
        if let Some((_, passed)) = latest_exam {
            out.examined += 1;
            out.passed += u32::from(passed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    fn r(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    fn draft<'a>(kind: &'a str) -> TrainingDraft<'a> {
        TrainingDraft {
            kind,
            date: "2026-11-10",
            competency: "",
            level: "",
            passed: "",
            score: "",
            number: "",
            business: "",
            until: "",
            evaluation: "",
        }
    }

    #[test]
    fn enrolment_needs_a_field_in_use_and_a_date_after_intake() {
        let mut fields = VocationalField::seeded();
        fields[3].1.retired = true;
        let today = d("2026-12-01");
        let jahit = fields[0].0.to_string();
        let ok = Enrolment::validated(r(1), &jahit, "2026-10-01", &fields, d("2026-09-01"), today)
            .unwrap();
        assert_eq!(ok.field, VocationalField::id_for("jahit"));
        let problems = |field: &str, date: &str| {
            Enrolment::validated(r(1), field, date, &fields, d("2026-09-01"), today)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems(&fields[3].0.to_string(), "2026-10-01"),
            [("en_field", Problem::FieldRetired)]
        );
        assert_eq!(
            problems("", "2026-08-01"),
            [
                ("en_date", Problem::BeforeIntake),
                ("en_field", Problem::Required)
            ]
        );
    }

    #[test]
    fn progress_completion_and_exam_pass_rates() {
        let fields = VocationalField::seeded();
        let (tb_id, tb) = &fields[1];
        let today = d("2026-12-01");
        let enrolled = d("2026-10-01");
        let record = |who: u8, x: TrainingDraft| {
            x.validate(r(who), (tb_id, tb), enrolled, r(9), today)
                .unwrap()
        };
        let mut all = vec![];
        for at in 0..tb.competencies.len() {
            let at = at.to_string();
            all.push(record(
                1,
                TrainingDraft {
                    competency: &at,
                    level: "competent",
                    ..draft("sign_off")
                },
            ));
        }
        all.push(record(
            2,
            TrainingDraft {
                competency: "0",
                level: "basic",
                ..draft("sign_off")
            },
        ));
        all.push(record(
            1,
            TrainingDraft {
                passed: "no",
                score: "55",
                ..draft("exam")
            },
        ));
        all.push(record(
            1,
            TrainingDraft {
                passed: "yes",
                score: "82",
                date: "2026-11-20",
                ..draft("exam")
            },
        ));
        all.push(record(
            2,
            TrainingDraft {
                passed: "no",
                ..draft("exam")
            },
        ));
        let p = progress(tb, tb_id, all.iter().filter(|x| x.resident == r(2)));
        assert_eq!(p.iter().filter(|x| x.is_some()).count(), 1);
        assert_eq!(p[0], Some((d("2026-11-10"), Level::Basic)));
        let enrolments = [
            Enrolment {
                resident: r(1),
                field: tb_id.clone(),
                date: enrolled,
            },
            Enrolment {
                resident: r(2),
                field: tb_id.clone(),
                date: enrolled,
            },
            Enrolment {
                resident: r(3),
                field: tb_id.clone(),
                date: enrolled,
            },
            Enrolment {
                resident: r(3),
                field: fields[0].0.clone(),
                date: enrolled,
            },
        ];
        let refs: Vec<&TrainingRecord> = all.iter().collect();
        let got = rates(tb, tb_id, enrolments.iter(), &refs);
        assert_eq!(
            got,
            FieldRates {
                enrolled: 3,
                completed: 1,
                examined: 2,
                passed: 1
            }
        );
        assert_eq!(FieldRates::percent(got.passed, got.examined), Some(50));
        assert_eq!(FieldRates::percent(1, 3), Some(33));
    }

    #[test]
    fn training_records_refuse_what_is_missing_or_out_of_place() {
        let fields = VocationalField::seeded();
        let (id, f) = &fields[0];
        let today = d("2026-12-01");
        let problems = |x: TrainingDraft| {
            x.validate(r(1), (id, f), d("2026-10-01"), r(9), today)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems(TrainingDraft {
                competency: "9",
                date: "2026-09-01",
                ..draft("sign_off")
            }),
            [
                ("tr_date", Problem::BeforeEnrolment),
                ("tr_competency", Problem::Required),
                ("tr_level", Problem::Required)
            ]
        );
        assert_eq!(
            problems(TrainingDraft {
                passed: "yes",
                score: "101",
                ..draft("exam")
            }),
            [("tr_score", Problem::OutOfRange { min: 0, max: 100 })]
        );
        assert_eq!(
            problems(draft("certificate")),
            [("tr_number", Problem::Required)]
        );
        assert_eq!(
            problems(TrainingDraft {
                business: "Konveksi Bu Tini",
                until: "2026-11-01",
                ..draft("internship")
            }),
            [("tr_until", Problem::EndBeforeStart)]
        );
        let cert = TrainingDraft {
            number: "LSK/045/2026",
            ..draft("certificate")
        }
        .validate(r(1), (id, f), d("2026-10-01"), r(9), today)
        .unwrap();
        let json = serde_json::to_value(&cert).unwrap();
        assert_eq!(json["event"]["type"], "certificate");
        let code = VocationalField::validated(
            "Jahit",
            "Menjahit lagi",
            "Mengukur",
            false,
            &["jahit".into()],
        );
        assert_eq!(code.unwrap_err()[0].problem, Problem::CodeTaken);
    }
}
