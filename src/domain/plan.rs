//! The end of the assessment and what follows it: the case conference (temu bahas kasus) and the
//! intervention plan (rencana intervensi) with its reviews.
//!
//! A plan has versions: a new version is a new record (version number one higher), so older
//! ones stay as they were and two laptops revising a plan never overwrite each other. A review
//! is a record of its own about one version, for the same reason: two workers reviewing on two
//! laptops add two reviews.

use super::date::Date;
use super::id::RecordId;
use super::staff::StaffRole;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// A case conference: who met, what they found, what they decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseConference {
    pub resident: RecordId,
    pub date: Date,
    /// Staff records of those present.
    pub participants: Vec<RecordId>,
    pub findings: String,
    pub decisions: String,
}

impl CaseConference {
    #[allow(clippy::too_many_arguments)]
    pub fn validated(
        resident: RecordId,
        date: &str,
        participants: &[RecordId],
        findings: &str,
        decisions: &str,
        intake: Date,
        today: Date,
    ) -> Result<CaseConference, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "cc_date",
            date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let mut people: Vec<RecordId> = vec![];
        for p in participants {
            if !people.contains(p) {
                people.push(p.clone());
            }
        }
        if people.is_empty() {
            e.push(err("cc_participants", Problem::Required));
        }
        let findings = text(&mut e, "cc_findings", findings, true, 3, 3000);
        let decisions = text(&mut e, "cc_decisions", decisions, true, 3, 3000);
        match (e.is_empty(), date) {
            (true, Some(date)) => Ok(CaseConference {
                resident,
                date,
                participants: people,
                findings,
                decisions,
            }),
            _ => Err(e),
        }
    }
}

/// One goal of a plan: what, how it is seen to be reached, by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub goal: String,
    pub indicator: String,
    pub target: Date,
}

/// One planned activity and the role of the staff who carry it out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedActivity {
    pub activity: String,
    pub role: StaffRole,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterventionPlan {
    pub resident: RecordId,
    /// 1 for the first plan; each revision is a new record one higher.
    pub version: u32,
    pub date: Date,
    /// What the assessment found, as the plan answers it.
    pub findings: String,
    pub goals: Vec<Goal>,
    pub activities: Vec<PlannedActivity>,
    pub resources: String,
    /// The vocational field chosen with her (a field's name: fields are data).
    pub field: String,
}

/// The plan in force among a resident's: the highest version (the latest dated among equal
/// versions, which two laptops may both have written).
pub fn current<'a, T>(
    plans: &'a [(T, &'a InterventionPlan)],
) -> Option<&'a (T, &'a InterventionPlan)> {
    plans.iter().max_by_key(|(_, p)| (p.version, p.date))
}

/// How many goal and activity rows the plan form offers (and a review at most rates).
pub const GOAL_ROWS: usize = 5;
pub const ACTIVITY_ROWS: usize = 5;

/// Each goal row's field names (goal, indicator, target date), numbered from 1 as shown.
pub const GOAL_FIELDS: [[&str; 3]; GOAL_ROWS] = [
    ["pl_goal_1", "pl_indicator_1", "pl_target_1"],
    ["pl_goal_2", "pl_indicator_2", "pl_target_2"],
    ["pl_goal_3", "pl_indicator_3", "pl_target_3"],
    ["pl_goal_4", "pl_indicator_4", "pl_target_4"],
    ["pl_goal_5", "pl_indicator_5", "pl_target_5"],
];
pub const ACTIVITY_FIELDS: [[&str; 2]; ACTIVITY_ROWS] = [
    ["pl_activity_1", "pl_role_1"],
    ["pl_activity_2", "pl_role_2"],
    ["pl_activity_3", "pl_role_3"],
    ["pl_activity_4", "pl_role_4"],
    ["pl_activity_5", "pl_role_5"],
];
/// A review's progress field per goal.
pub const PROGRESS_FIELDS: [&str; GOAL_ROWS] = [
    "rv_progress_1",
    "rv_progress_2",
    "rv_progress_3",
    "rv_progress_4",
    "rv_progress_5",
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoalDraft {
    pub goal: String,
    pub indicator: String,
    pub target: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityDraft {
    pub activity: String,
    pub role: String,
}

/// The plan form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDraft {
    pub date: String,
    pub findings: String,
    pub goals: Vec<GoalDraft>,
    pub activities: Vec<ActivityDraft>,
    pub resources: String,
    pub field: String,
}

impl PlanDraft {
    /// A first plan: the chosen field is the one she most wanted in her assessment, and the
    /// findings start from what it found she needs and can build on.
    pub fn first(
        today: Date,
        interests: &[String],
        needs: &str,
        strengths: &str,
        labels: (&str, &str),
    ) -> PlanDraft {
        let findings = [(labels.0, needs), (labels.1, strengths)]
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(l, v)| format!("{l}: {}", v.trim()))
            .collect::<Vec<_>>()
            .join("\n");
        PlanDraft {
            date: today.iso(),
            findings,
            goals: vec![GoalDraft::default(); GOAL_ROWS],
            activities: vec![ActivityDraft::default(); ACTIVITY_ROWS],
            resources: String::new(),
            field: interests.first().cloned().unwrap_or_default(),
        }
    }

    /// A revision of `plan`: everything as it stands, dated today.
    pub fn revising(plan: &InterventionPlan, today: Date) -> PlanDraft {
        let mut goals: Vec<GoalDraft> = plan
            .goals
            .iter()
            .map(|g| GoalDraft {
                goal: g.goal.clone(),
                indicator: g.indicator.clone(),
                target: g.target.iso(),
            })
            .collect();
        goals.resize(GOAL_ROWS.max(goals.len()), GoalDraft::default());
        let mut activities: Vec<ActivityDraft> = plan
            .activities
            .iter()
            .map(|a| ActivityDraft {
                activity: a.activity.clone(),
                role: a.role.code(),
            })
            .collect();
        activities.resize(
            ACTIVITY_ROWS.max(activities.len()),
            ActivityDraft::default(),
        );
        PlanDraft {
            date: today.iso(),
            findings: plan.findings.clone(),
            goals,
            activities,
            resources: plan.resources.clone(),
            field: plan.field.clone(),
        }
    }

    /// The plan as version `version`, or what is wrong with the form.
    pub fn validate(
        &self,
        resident: RecordId,
        version: u32,
        intake: Date,
        today: Date,
    ) -> Result<InterventionPlan, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "pl_date",
            &self.date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let findings = text(&mut e, "pl_findings", &self.findings, true, 3, 3000);
        let (mut goals, mut goal_rows) = (vec![], 0);
        for (i, g) in self.goals.iter().enumerate().take(GOAL_ROWS) {
            if [&g.goal, &g.indicator, &g.target]
                .iter()
                .all(|s| s.trim().is_empty())
            {
                continue;
            }
            goal_rows += 1;
            let f = GOAL_FIELDS[i];
            let goal = text(&mut e, f[0], &g.goal, true, 3, 300);
            let indicator = text(&mut e, f[1], &g.indicator, true, 3, 300);
            let target = match Date::parse_iso(g.target.trim()) {
                None => {
                    e.push(err(f[2], Problem::NotADate));
                    None
                }
                Some(t) if date.is_some_and(|d| t < d) => {
                    e.push(err(f[2], Problem::BeforeThePlan));
                    None
                }
                Some(t) => Some(t),
            };
            if let Some(target) = target {
                goals.push(Goal {
                    goal,
                    indicator,
                    target,
                });
            }
        }
        if goal_rows == 0 {
            e.push(err(GOAL_FIELDS[0][0], Problem::Required));
        }
        let mut activities = vec![];
        for (i, a) in self.activities.iter().enumerate().take(ACTIVITY_ROWS) {
            if a.activity.trim().is_empty() && a.role.is_empty() {
                continue;
            }
            let f = ACTIVITY_FIELDS[i];
            let activity = text(&mut e, f[0], &a.activity, true, 3, 300);
            match StaffRole::from_code(&a.role) {
                Some(role) => activities.push(PlannedActivity { activity, role }),
                None => e.push(err(f[1], Problem::Required)),
            }
        }
        let resources = text(&mut e, "pl_resources", &self.resources, false, 0, 1000);
        let field = text(&mut e, "pl_field", &self.field, false, 2, 60);
        match (e.is_empty(), date) {
            (true, Some(date)) => Ok(InterventionPlan {
                resident,
                version,
                date,
                findings,
                goals,
                activities,
                resources,
                field,
            }),
            _ => Err(e),
        }
    }
}

/// How far one goal has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    Achieved,
    Dropped,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::NotStarted,
        Progress::InProgress,
        Progress::Achieved,
        Progress::Dropped,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<Progress> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// A review of one plan version: where each of its goals stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanReview {
    pub resident: RecordId,
    /// The plan version reviewed.
    pub plan: RecordId,
    pub date: Date,
    /// One per goal of that plan, in its order.
    pub progress: Vec<Progress>,
    pub notes: String,
}

impl PlanReview {
    pub fn validated(
        plan_id: RecordId,
        plan: &InterventionPlan,
        date: &str,
        progress: &[String],
        notes: &str,
        today: Date,
    ) -> Result<PlanReview, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "rv_date",
            date,
            (plan.date, Problem::BeforeThePlan),
            today,
        );
        let mut rated = vec![];
        for (i, _) in plan.goals.iter().enumerate().take(GOAL_ROWS) {
            match progress.get(i).and_then(|p| Progress::from_code(p)) {
                Some(p) => rated.push(p),
                None => e.push(err(PROGRESS_FIELDS[i], Problem::Required)),
            }
        }
        let notes = text(&mut e, "rv_notes", notes, false, 0, 3000);
        match (e.is_empty(), date) {
            (true, Some(date)) => Ok(PlanReview {
                resident: plan.resident.clone(),
                plan: plan_id,
                date,
                progress: rated,
                notes,
            }),
            _ => Err(e),
        }
    }
}

/// Where each goal of a plan stands by its latest review (`None` before any).
pub fn goal_progress(plan: &InterventionPlan, reviews: &[&PlanReview]) -> Vec<Option<Progress>> {
    let latest = reviews.iter().max_by_key(|r| r.date);
    (0..plan.goals.len())
        .map(|i| latest.and_then(|r| r.progress.get(i).copied()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    fn rid(b: u8) -> RecordId {
        RecordId::from_random_bytes([b; 16])
    }
    fn fields(e: &[FieldError]) -> Vec<&str> {
        e.iter().map(|x| x.field).collect()
    }

    #[test]
    fn a_conference_needs_its_date_people_findings_and_decisions() {
        let (intake, today) = (d("2026-03-02"), d("2026-11-30"));
        let ok = CaseConference::validated(
            rid(1),
            "2026-04-10",
            &[rid(2), rid(3), rid(2)],
            "Hutang kepada mucikari",
            "Rujuk ke PPA; pelatihan jahit",
            intake,
            today,
        )
        .unwrap();
        assert_eq!(ok.participants, [rid(2), rid(3)]);
        let bad = CaseConference::validated(rid(1), "2026-03-01", &[], "", "ok", intake, today)
            .unwrap_err();
        assert_eq!(
            fields(&bad),
            ["cc_date", "cc_participants", "cc_findings", "cc_decisions"]
        );
        assert_eq!(bad[0].problem, Problem::BeforeIntake);
    }

    #[test]
    fn a_first_plan_takes_the_field_she_wanted_most_and_what_the_assessment_found() {
        let d0 = PlanDraft::first(
            d("2026-04-12"),
            &["jahit".into(), "salon".into()],
            "modal usaha",
            " ",
            ("Kebutuhan", "Kekuatan"),
        );
        assert_eq!(d0.field, "jahit");
        assert_eq!(d0.findings, "Kebutuhan: modal usaha");
        assert_eq!(
            (d0.goals.len(), d0.activities.len()),
            (GOAL_ROWS, ACTIVITY_ROWS)
        );
        assert_eq!(
            PlanDraft::first(d("2026-04-12"), &[], "", "", ("a", "b")).field,
            ""
        );
    }

    fn draft() -> PlanDraft {
        let mut p = PlanDraft::first(d("2026-04-12"), &["jahit".into()], "modal", "", ("K", "S"));
        p.goals[0] = GoalDraft {
            goal: "Mampu menjahit pakaian".into(),
            indicator: "Lulus uji praktik".into(),
            target: "2026-08-31".into(),
        };
        p.activities[1] = ActivityDraft {
            activity: "Pelatihan jahit".into(),
            role: "instructor".into(),
        };
        p
    }

    #[test]
    fn a_plan_keeps_the_rows_filled_in_and_checks_each() {
        let (intake, today) = (d("2026-03-02"), d("2026-11-30"));
        let plan = draft().validate(rid(1), 1, intake, today).unwrap();
        assert_eq!(plan.goals.len(), 1);
        assert_eq!(plan.activities[0].role, StaffRole::Instructor);
        assert_eq!(plan.field, "jahit");

        let mut bad = draft();
        bad.goals[0].target = "2026-04-01".into();
        bad.goals[2].goal = "Punya KTP".into();
        bad.activities[3].activity = "Konseling".into();
        let e = bad.validate(rid(1), 1, intake, today).unwrap_err();
        assert_eq!(
            fields(&e),
            ["pl_target_1", "pl_indicator_3", "pl_target_3", "pl_role_4"]
        );
        assert_eq!(e[0].problem, Problem::BeforeThePlan);

        let mut none = draft();
        none.goals[0] = GoalDraft::default();
        assert_eq!(
            fields(&none.validate(rid(1), 1, intake, today).unwrap_err()),
            ["pl_goal_1"]
        );
    }

    #[test]
    fn the_current_plan_is_the_highest_version_and_a_revision_starts_from_it() {
        let (intake, today) = (d("2026-03-02"), d("2026-11-30"));
        let v1 = draft().validate(rid(1), 1, intake, today).unwrap();
        let mut r = PlanDraft::revising(&v1, d("2026-06-01"));
        assert_eq!(r.goals[0].target, "2026-08-31");
        assert_eq!(r.activities[0].role, "instructor");
        r.field = "tataboga".into();
        let v2 = r.validate(rid(1), 2, intake, today).unwrap();
        let plans = [("b", &v2), ("a", &v1)];
        assert_eq!(current(&plans).unwrap().0, "b");
        assert_eq!(current::<&str>(&[]), None);
    }

    #[test]
    fn a_review_rates_every_goal_of_its_plan_and_the_latest_counts() {
        let (intake, today) = (d("2026-03-02"), d("2026-11-30"));
        let mut p = draft();
        p.goals[1] = GoalDraft {
            goal: "Punya KTP".into(),
            indicator: "KTP terbit".into(),
            target: "2026-06-30".into(),
        };
        let plan = p.validate(rid(1), 1, intake, today).unwrap();
        let e = PlanReview::validated(rid(9), &plan, "2026-04-11", &["achieved".into()], "", today)
            .unwrap_err();
        assert_eq!(fields(&e), ["rv_date", "rv_progress_2"]);
        let early = PlanReview::validated(
            rid(9),
            &plan,
            "2026-05-01",
            &["in_progress".into(), "not_started".into()],
            "",
            today,
        )
        .unwrap();
        let late = PlanReview::validated(
            rid(9),
            &plan,
            "2026-07-01",
            &["achieved".into(), "dropped".into()],
            "KTP tidak bisa diurus",
            today,
        )
        .unwrap();
        assert_eq!(late.resident, rid(1));
        assert_eq!(goal_progress(&plan, &[]), [None, None]);
        assert_eq!(
            goal_progress(&plan, &[&late, &early]),
            [Some(Progress::Achieved), Some(Progress::Dropped)]
        );
    }
}
