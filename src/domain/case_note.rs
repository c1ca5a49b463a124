//! Counselling and interview notes about one resident, each with an optional follow-up action.
//!
//! A note is shared with the casework team (`Section::CaseNotes`) or confidential
//! (`Section::Counselling`, a restricted section): a confidential note's text is
//! `Restricted` content, sealed under the restricted-content key, so only the roles that may read
//! counselling can open it. Its date, type, author and follow-up stay readable to the team, so the
//! task list and the timeline know a session took place without knowing what was said.

use super::date::Date;
use super::id::RecordId;
use super::restricted::Restricted;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    IndividualCounselling,
    GroupSession,
    Interview,
    PsychologistSession,
    FamilyVisit,
    HomeVisit,
    Other,
}

impl NoteKind {
    pub const ALL: [NoteKind; 7] = [
        NoteKind::IndividualCounselling,
        NoteKind::GroupSession,
        NoteKind::Interview,
        NoteKind::PsychologistSession,
        NoteKind::FamilyVisit,
        NoteKind::HomeVisit,
        NoteKind::Other,
    ];

    pub fn code(self) -> String {
        super::code_of(self)
    }

    pub fn from_code(s: &str) -> Option<NoteKind> {
        NoteKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// What was said: shared with the team, or confidential (sealed under the restricted key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteText {
    Shared(String),
    Confidential(Restricted<String>),
}

/// Something to do after the session, on the author's task list until its due date passes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub action: String,
    pub due: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNote {
    pub resident: RecordId,
    pub date: Date,
    pub kind: NoteKind,
    pub text: NoteText,
    #[serde(default)]
    pub follow_up: Option<FollowUp>,
}

/// The note form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteDraft {
    pub date: String,
    pub kind: String,
    pub confidential: bool,
    pub text: String,
    pub follow_up: String,
    pub due: String,
}

impl CaseNote {
    pub fn is_confidential(&self) -> bool {
        matches!(self.text, NoteText::Confidential(_))
    }

    /// Checks a typed note about `resident`, admitted on `intake`, on `today`.
    pub fn validated(
        resident: RecordId,
        d: &NoteDraft,
        intake: Date,
        today: Date,
    ) -> Result<CaseNote, Vec<FieldError>> {
        let mut e = vec![];
        let body = text(&mut e, "note_text", &d.text, true, 3, 20_000);
        let kind = NoteKind::from_code(&d.kind);
        if kind.is_none() {
            e.push(err("note_kind", Problem::Required));
        }
        let date = past_date(
            &mut e,
            "note_date",
            &d.date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let action = text(&mut e, "note_follow_up", &d.follow_up, false, 3, 300);
        let follow_up = match (action.is_empty(), d.due.trim()) {
            (true, "") => None,
            (true, _) => {
                e.push(err("note_follow_up", Problem::Required));
                None
            }
            (false, "") => {
                e.push(err("note_due", Problem::Required));
                None
            }
            (false, due) => match Date::parse_iso(due) {
                None => {
                    e.push(err("note_due", Problem::NotADate));
                    None
                }
                Some(x) if date.is_some_and(|d| x < d) => {
                    e.push(err("note_due", Problem::BeforeTheSession));
                    None
                }
                Some(due) => Some(FollowUp { action, due }),
            },
        };
        match (e.is_empty(), date, kind) {
            (true, Some(date), Some(kind)) => Ok(CaseNote {
                resident,
                date,
                kind,
                text: if d.confidential {
                    NoteText::Confidential(Restricted::Open(body))
                } else {
                    NoteText::Shared(body)
                },
                follow_up,
            }),
            _ => Err(e),
        }
    }
}

/// A follow-up on a task list: the note it comes from, and whether it is overdue today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task<'a, M> {
    pub note: &'a M,
    pub resident: &'a RecordId,
    pub follow_up: &'a FollowUp,
    pub overdue: bool,
}

/// The follow-ups still to do (due today or later, or overdue up to `grace_days`), soonest
/// first, from the notes given (the author's, say).
pub fn tasks<'a, M>(
    notes: impl Iterator<Item = (&'a M, &'a CaseNote)>,
    today: Date,
    grace_days: i64,
) -> Vec<Task<'a, M>> {
    let oldest = today.plus_days(-grace_days);
    let mut out: Vec<Task<'a, M>> = notes
        .filter_map(|(m, n)| {
            let f = n.follow_up.as_ref()?;
            (f.due >= oldest).then_some(Task {
                note: m,
                resident: &n.resident,
                follow_up: f,
                overdue: f.due < today,
            })
        })
        .collect();
    super::sorting::sort_by(&mut out, |a, b| a.follow_up.due.cmp(&b.follow_up.due));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn draft() -> NoteDraft {
        NoteDraft {
            date: "2026-11-20".into(),
            kind: "individual_counselling".into(),
            confidential: true,
            text: "Klien bercerita tentang utang kepada mucikari.".into(),
            follow_up: "Hubungi Dinas Sosial kabupaten asal".into(),
            due: "2026-11-27".into(),
        }
    }

    fn problems(x: &NoteDraft) -> Vec<(&'static str, Problem)> {
        let r = RecordId::from_random_bytes([1; 16]);
        CaseNote::validated(r, x, d("2026-03-02"), d("2026-11-30"))
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_confidential_note_holds_its_text_as_restricted_content() {
        let r = RecordId::from_random_bytes([1; 16]);
        let n = CaseNote::validated(r.clone(), &draft(), d("2026-03-02"), d("2026-11-30")).unwrap();
        assert!(n.is_confidential());
        assert_eq!(
            n.text,
            NoteText::Confidential(Restricted::Open(
                "Klien bercerita tentang utang kepada mucikari.".into()
            ))
        );
        assert_eq!(n.follow_up.unwrap().due, d("2026-11-27"));
        let shared = NoteDraft {
            confidential: false,
            follow_up: String::new(),
            due: String::new(),
            ..draft()
        };
        let n = CaseNote::validated(r, &shared, d("2026-03-02"), d("2026-11-30")).unwrap();
        assert!(!n.is_confidential() && n.follow_up.is_none());
    }

    #[test]
    fn bad_notes_name_their_fields() {
        let x = NoteDraft {
            text: " ".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_text", Problem::Required)]);
        let x = NoteDraft {
            date: "2026-12-01".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_date", Problem::InTheFuture)]);
        let x = NoteDraft {
            date: "2026-03-01".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_date", Problem::BeforeIntake)]);
        let x = NoteDraft {
            kind: "".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_kind", Problem::Required)]);
        let x = NoteDraft {
            due: "".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_due", Problem::Required)]);
        let x = NoteDraft {
            follow_up: "".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_follow_up", Problem::Required)]);
        let x = NoteDraft {
            due: "2026-11-19".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("note_due", Problem::BeforeTheSession)]);
    }

    #[test]
    fn tasks_are_the_follow_ups_still_to_do_soonest_first() {
        let r = RecordId::from_random_bytes([2; 16]);
        let note = |due: &str| CaseNote {
            resident: r.clone(),
            date: d("2026-11-01"),
            kind: NoteKind::Interview,
            text: NoteText::Shared("x".into()),
            follow_up: Some(FollowUp {
                action: "telepon keluarga".into(),
                due: d(due),
            }),
        };
        let notes = [
            (1, note("2026-12-10")),
            (2, note("2026-11-29")),
            (3, note("2026-10-01")),
        ];
        let without = CaseNote {
            follow_up: None,
            ..note("2026-12-01")
        };
        let all: Vec<(&i32, &CaseNote)> = notes
            .iter()
            .map(|(m, n)| (m, n))
            .chain([(&4, &without)])
            .collect();
        let t = tasks(all.into_iter(), d("2026-11-30"), 30);
        let got: Vec<(i32, bool)> = t.iter().map(|x| (*x.note, x.overdue)).collect();
        assert_eq!(
            got,
            [(2, true), (1, false)],
            "overdue first; one long past is dropped"
        );
    }
}
