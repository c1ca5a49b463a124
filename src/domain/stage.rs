//! Where a resident's case stands: the Ministry of Social Affairs' sequence of stages, the moves
//! allowed between them, and the stage-change record that is the case's history.
//!
//! The sequence (as staff name it): pendekatan awal dan penerimaan → pengungkapan dan pemahaman
//! masalah → rencana pemecahan masalah → pemecahan masalah → resosialisasi → terminasi →
//! bimbingan lanjut → selesai. Four exits end a case from any open stage. A closed case is never
//! reopened: re-admission starts a new episode at intake, so the old one's history stays as it was.

use super::date::Date;
use super::id::RecordId;
use super::resident::ResidentStatus;
use super::validation::{err, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Pendekatan awal dan penerimaan: registration, the signed statement.
    Intake,
    /// Pengungkapan dan pemahaman masalah: assessment, ending in a case conference.
    Assessment,
    /// Rencana pemecahan masalah: the intervention plan.
    Planning,
    /// Pemecahan masalah: guidance and training.
    Intervention,
    /// Resosialisasi, with praktek belajar kerja.
    Resocialisation,
    /// Terminasi: discharge.
    Termination,
    /// Bimbingan lanjut: the year after discharge.
    Aftercare,
    /// Selesai: the programme ran its course.
    Closed,
    /// Exits, from any open stage.
    LeftWithoutNotice,
    Transferred,
    ReferredOut,
    Died,
}

/// The sequence, in order.
pub const SEQUENCE: [Stage; 8] = [
    Stage::Intake,
    Stage::Assessment,
    Stage::Planning,
    Stage::Intervention,
    Stage::Resocialisation,
    Stage::Termination,
    Stage::Aftercare,
    Stage::Closed,
];

pub const EXITS: [Stage; 4] = [
    Stage::LeftWithoutNotice,
    Stage::Transferred,
    Stage::ReferredOut,
    Stage::Died,
];

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Intake,
        Stage::Assessment,
        Stage::Planning,
        Stage::Intervention,
        Stage::Resocialisation,
        Stage::Termination,
        Stage::Aftercare,
        Stage::Closed,
        Stage::LeftWithoutNotice,
        Stage::Transferred,
        Stage::ReferredOut,
        Stage::Died,
    ];

    pub fn code(self) -> String {
        super::code_of(self)
    }

    pub fn from_code(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn is_exit(self) -> bool {
        EXITS.contains(&self)
    }

    /// Still in the programme or its aftercare: a case that can move on.
    pub fn is_open(self) -> bool {
        self != Stage::Closed && !self.is_exit()
    }

    /// Living in the shelter: from intake to discharge (not aftercare, not closed).
    pub fn in_residence(self) -> bool {
        matches!(
            self,
            Stage::Intake
                | Stage::Assessment
                | Stage::Planning
                | Stage::Intervention
                | Stage::Resocialisation
        )
    }

    fn position(self) -> Option<usize> {
        SEQUENCE.iter().position(|s| *s == self)
    }

    /// The coarse status the earlier app kept, and that reports still count by.
    pub fn status(self) -> ResidentStatus {
        match self {
            s if s.in_residence() => ResidentStatus::Active,
            Stage::Termination | Stage::Aftercare | Stage::Closed => ResidentStatus::Completed,
            Stage::Transferred | Stage::ReferredOut => ResidentStatus::Referred,
            _ => ResidentStatus::LeftEarly,
        }
    }

    /// The stage a resident of the earlier app is taken to be in, from her status (schema 4).
    pub fn from_status(s: ResidentStatus) -> Stage {
        match s {
            ResidentStatus::Active => Stage::Intervention,
            // Discharged after completing: the year of aftercare follows.
            ResidentStatus::Completed => Stage::Aftercare,
            ResidentStatus::LeftEarly => Stage::LeftWithoutNotice,
            ResidentStatus::Referred => Stage::ReferredOut,
        }
    }
}

/// What kind of move a stage change is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// To the next stage of the sequence.
    Forward,
    /// Back one stage, between assessment and resocialisation (the plan is redone, say).
    Back,
    /// Out of the programme, from any open stage; needs a reason.
    Exit,
    /// A closed case taken in again: a new episode at intake.
    Readmission,
}

/// Why a move is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveRefusal {
    SameStage,
    /// Skips stages, or goes back further than one, or back from discharge.
    NotAllowed,
    /// The case is closed: only re-admission (a new episode at intake) is possible.
    CaseClosed,
}

/// The table of allowed moves.
pub fn check_move(from: Stage, to: Stage) -> Result<Move, MoveRefusal> {
    if from == to {
        return Err(MoveRefusal::SameStage);
    }
    if !from.is_open() {
        return if to == Stage::Intake {
            Ok(Move::Readmission)
        } else {
            Err(MoveRefusal::CaseClosed)
        };
    }
    if to.is_exit() {
        return Ok(Move::Exit);
    }
    match (from.position(), to.position()) {
        (Some(a), Some(b)) if b == a + 1 => Ok(Move::Forward),
        (Some(a), Some(b))
            if b + 1 == a && (Stage::Planning..=Stage::Resocialisation).contains(&from) =>
        {
            Ok(Move::Back)
        }
        _ => Err(MoveRefusal::NotAllowed),
    }
}

/// The stages a case at `from` may move to, in the order a form offers them.
pub fn moves_from(from: Stage) -> Vec<Stage> {
    Stage::ALL
        .into_iter()
        .filter(|to| check_move(from, *to).is_ok())
        .collect()
}

/// One move of a resident's case: the history of stages is these records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub resident: RecordId,
    /// Which admission of hers (1 for the first; a re-admission starts the next).
    pub episode: u32,
    pub date: Date,
    /// `None` for the first stage of an episode (registration).
    pub from: Option<Stage>,
    pub to: Stage,
    /// Why she left (required for an exit), or a note.
    pub reason: String,
}

/// Where the case stands before this move, as the form knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseNow {
    pub stage: Stage,
    pub episode: u32,
    /// The date of the last move (or of intake): a move cannot be dated before it.
    pub since: Date,
}

/// Where a case stands: its stage and episode as the resident record says, since the date of
/// the last move in that episode (or her intake, before any).
pub fn case_now<'a>(
    stage: Stage,
    episode: u32,
    intake: Date,
    changes: impl Iterator<Item = &'a StageChange>,
) -> CaseNow {
    let since = changes
        .filter(|c| c.episode == episode)
        .map(|c| c.date)
        .max()
        .unwrap_or(intake);
    CaseNow {
        stage,
        episode,
        since,
    }
}

/// A resident's stage changes in the order they happened (episode, date, then as given).
pub fn history<T>(mut changes: Vec<(T, StageChange)>) -> Vec<(T, StageChange)> {
    super::sorting::sort_by(&mut changes, |a, b| {
        (a.1.episode, a.1.date).cmp(&(b.1.episode, b.1.date))
    });
    changes
}

impl StageChange {
    /// A move of the case `now` to `to` on `date`, checked against the table and the dates.
    /// Returns the change and the episode the case is then in.
    pub fn validated(
        resident: RecordId,
        now: CaseNow,
        to: Option<Stage>,
        date: Option<Date>,
        reason: &str,
        today: Date,
    ) -> Result<StageChange, Vec<FieldError>> {
        let mut e = vec![];
        let reason = text(&mut e, "stage_reason", reason, false, 0, 500);
        let mv = match to {
            None => {
                e.push(err("stage_to", Problem::Required));
                None
            }
            Some(to) => match check_move(now.stage, to) {
                Ok(m) => Some((m, to)),
                Err(_) => {
                    e.push(err("stage_to", Problem::MoveNotAllowed));
                    None
                }
            },
        };
        if matches!(mv, Some((Move::Exit, _))) && reason.is_empty() {
            e.push(err("stage_reason", Problem::Required));
        }
        match date {
            None => e.push(err("stage_date", Problem::NotADate)),
            Some(d) if d > today => e.push(err("stage_date", Problem::InTheFuture)),
            Some(d) if d < now.since => e.push(err("stage_date", Problem::BeforeLastMove)),
            Some(_) => {}
        }
        match (e.is_empty(), mv, date) {
            (true, Some((m, to)), Some(date)) => Ok(StageChange {
                resident,
                episode: if m == Move::Readmission {
                    now.episode + 1
                } else {
                    now.episode
                },
                date,
                from: if m == Move::Readmission {
                    None
                } else {
                    Some(now.stage)
                },
                to,
                reason,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    #[test]
    fn the_sequence_goes_forward_one_stage_at_a_time() {
        for w in SEQUENCE.windows(2) {
            assert_eq!(check_move(w[0], w[1]), Ok(Move::Forward), "{w:?}");
        }
        assert_eq!(check_move(Intake, Closed), Err(MoveRefusal::NotAllowed));
        assert_eq!(check_move(Intake, Planning), Err(MoveRefusal::NotAllowed));
        assert_eq!(
            check_move(Assessment, Termination),
            Err(MoveRefusal::NotAllowed)
        );
        assert_eq!(check_move(Planning, Planning), Err(MoveRefusal::SameStage));
    }

    #[test]
    fn back_one_stage_only_inside_the_programme() {
        assert_eq!(check_move(Planning, Assessment), Ok(Move::Back));
        assert_eq!(check_move(Intervention, Planning), Ok(Move::Back));
        assert_eq!(check_move(Resocialisation, Intervention), Ok(Move::Back));
        assert_eq!(check_move(Assessment, Intake), Err(MoveRefusal::NotAllowed));
        assert_eq!(
            check_move(Termination, Resocialisation),
            Err(MoveRefusal::NotAllowed)
        );
        assert_eq!(
            check_move(Aftercare, Termination),
            Err(MoveRefusal::NotAllowed)
        );
        assert_eq!(
            check_move(Intervention, Assessment),
            Err(MoveRefusal::NotAllowed)
        );
    }

    #[test]
    fn every_open_stage_may_exit_and_no_closed_case_moves_but_to_a_new_intake() {
        for from in Stage::ALL {
            for to in EXITS {
                let m = check_move(from, to);
                if from.is_open() {
                    assert_eq!(m, Ok(Move::Exit), "{from:?} → {to:?}");
                } else if from != to {
                    assert_eq!(m, Err(MoveRefusal::CaseClosed), "{from:?} → {to:?}");
                }
            }
        }
        for from in [Closed, LeftWithoutNotice, Transferred, ReferredOut, Died] {
            assert_eq!(check_move(from, Intake), Ok(Move::Readmission));
            assert_eq!(moves_from(from), vec![Intake]);
        }
        assert_eq!(
            moves_from(Planning),
            vec![
                Assessment,
                Intervention,
                LeftWithoutNotice,
                Transferred,
                ReferredOut,
                Died
            ]
        );
    }

    #[test]
    fn every_pair_of_stages_has_exactly_one_answer_from_the_table() {
        // The whole table, counted: 7 forward, 3 back, 7 open stages × 4 exits, 5 re-admissions.
        let mut counts = [0; 4];
        for from in Stage::ALL {
            for to in Stage::ALL {
                if let Ok(m) = check_move(from, to) {
                    counts[m as usize] += 1;
                }
            }
        }
        assert_eq!(counts, [7, 3, 28, 5]);
    }

    #[test]
    fn status_follows_the_stage_and_old_statuses_map_to_a_stage() {
        assert_eq!(Assessment.status(), ResidentStatus::Active);
        assert_eq!(Aftercare.status(), ResidentStatus::Completed);
        assert_eq!(Died.status(), ResidentStatus::LeftEarly);
        assert_eq!(Transferred.status(), ResidentStatus::Referred);
        for s in ResidentStatus::ALL {
            assert_eq!(Stage::from_status(*s).status(), *s, "{s:?}");
        }
    }

    fn d(s: &str) -> Option<Date> {
        Date::parse_iso(s)
    }

    #[test]
    fn a_move_is_checked_for_the_table_its_date_and_an_exit_reason() {
        let r = RecordId::from_random_bytes([1; 16]);
        let today = d("2026-11-30").unwrap();
        let now = CaseNow {
            stage: Intervention,
            episode: 1,
            since: d("2026-09-01").unwrap(),
        };
        let ok = StageChange::validated(
            r.clone(),
            now,
            Some(Resocialisation),
            d("2026-11-02"),
            "",
            today,
        )
        .unwrap();
        assert_eq!(
            (ok.from, ok.to, ok.episode),
            (Some(Intervention), Resocialisation, 1)
        );
        let bad = |to, date, reason: &str| {
            StageChange::validated(r.clone(), now, to, date, reason, today)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            bad(Some(Closed), d("2026-11-02"), ""),
            [("stage_to", Problem::MoveNotAllowed)]
        );
        assert_eq!(
            bad(Some(Died), d("2026-11-02"), "  "),
            [("stage_reason", Problem::Required)]
        );
        assert_eq!(
            bad(None, d("2026-11-02"), ""),
            [("stage_to", Problem::Required)]
        );
        assert_eq!(
            bad(Some(Resocialisation), d("2026-12-01"), ""),
            [("stage_date", Problem::InTheFuture)]
        );
        assert_eq!(
            bad(Some(Resocialisation), d("2026-08-31"), ""),
            [("stage_date", Problem::BeforeLastMove)]
        );
        assert_eq!(
            bad(Some(Resocialisation), None, ""),
            [("stage_date", Problem::NotADate)]
        );
        // Re-admission: a new episode, from no stage.
        let closed = CaseNow {
            stage: Closed,
            ..now
        };
        let again =
            StageChange::validated(r, closed, Some(Intake), d("2026-11-30"), "", today).unwrap();
        assert_eq!((again.from, again.to, again.episode), (None, Intake, 2));
    }
}
