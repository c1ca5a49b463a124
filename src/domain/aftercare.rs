//! Discharge (terminasi) and the year of aftercare (bimbingan lanjut) after it: the discharge
//! record with its starter kit, the follow-ups it schedules, what each follow-up found, and the
//! outcome status that the reports count (the shelter's own indicators: no official one exists).

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// Months after discharge when a follow-up is due (a setting; these are the default).
pub const DEFAULT_INTERVALS: [u32; 4] = [1, 3, 6, 12];
/// A follow-up more than this many days overdue counts as lost to follow-up.
pub const LOST_AFTER_DAYS: i64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DischargeReason {
    Completed,
    PickedUpByFamily,
    Transferred,
    LeftWithoutNotice,
    ReferredOut,
    Other,
}

impl DischargeReason {
    pub const ALL: [DischargeReason; 6] = [
        DischargeReason::Completed,
        DischargeReason::PickedUpByFamily,
        DischargeReason::Transferred,
        DischargeReason::LeftWithoutNotice,
        DischargeReason::ReferredOut,
        DischargeReason::Other,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<DischargeReason> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// One item of the starter kit (bantuan stimulan), e.g. a sewing machine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitItem {
    pub item: String,
    pub quantity: u32,
    /// Whole rupiah for all of them.
    pub value: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discharge {
    pub resident: RecordId,
    pub date: Date,
    pub reason: DischargeReason,
    /// Kemendagri regency code of where she goes.
    pub regency: String,
    pub address: String,
    /// Who receives her (her mother, a partner agency).
    pub received_by: String,
    pub kit: Vec<KitItem>,
}

impl Discharge {
    pub fn kit_total(&self) -> u64 {
        self.kit.iter().map(|k| k.value).sum()
    }

    /// The follow-ups it calls for: months after discharge, and the date each is due.
    pub fn schedule(&self, intervals: &[u32]) -> Vec<(u32, Date)> {
        intervals
            .iter()
            .map(|m| (*m, self.date.plus_months(*m)))
            .collect()
    }
}

/// Whole rupiah as staff type them: "1250000", "1.250.000", "Rp 1.250.000". Not negative, no
/// cents.
pub fn parse_rupiah(s: &str) -> Option<u64> {
    let s = s.trim();
    let s = s
        .strip_prefix("Rp")
        .or_else(|| s.strip_prefix("rp"))
        .unwrap_or(s)
        .trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    // Dots group thousands: each group after the first has exactly three digits.
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    groups.concat().parse().ok()
}

/// How many kit rows the form offers.
pub const KIT_ROWS: usize = 6;

/// Each kit row's field names (item, quantity, value), numbered from 1 as the form shows them.
pub const KIT_FIELDS: [[&str; 3]; KIT_ROWS] = [
    ["dc_kit_item_1", "dc_kit_qty_1", "dc_kit_value_1"],
    ["dc_kit_item_2", "dc_kit_qty_2", "dc_kit_value_2"],
    ["dc_kit_item_3", "dc_kit_qty_3", "dc_kit_value_3"],
    ["dc_kit_item_4", "dc_kit_qty_4", "dc_kit_value_4"],
    ["dc_kit_item_5", "dc_kit_qty_5", "dc_kit_value_5"],
    ["dc_kit_item_6", "dc_kit_qty_6", "dc_kit_value_6"],
];

/// One row of the kit as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KitDraft {
    pub item: String,
    pub quantity: String,
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DischargeDraft {
    pub date: String,
    pub reason: String,
    pub regency: String,
    pub address: String,
    pub received_by: String,
    pub kit: Vec<KitDraft>,
}

impl DischargeDraft {
    pub fn validate(
        &self,
        resident: RecordId,
        intake: Date,
        today: Date,
    ) -> Result<Discharge, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "dc_date",
            &self.date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let reason = DischargeReason::from_code(&self.reason);
        if reason.is_none() {
            e.push(err("dc_reason", Problem::Required));
        }
        let regency = self.regency.trim().to_string();
        if !regency.is_empty() && super::region::province_of_regency(&regency).is_none() {
            e.push(err("dc_regency", Problem::UnknownRegion));
        }
        let address = text(&mut e, "dc_address", &self.address, false, 5, 300);
        let received_by = text(&mut e, "dc_received_by", &self.received_by, false, 2, 100);
        let mut kit = vec![];
        for (i, k) in self.kit.iter().enumerate() {
            if k.item.trim().is_empty() && k.quantity.trim().is_empty() && k.value.trim().is_empty()
            {
                continue;
            }
            let f = |n: usize| KIT_FIELDS[i.min(KIT_ROWS - 1)][n];
            let item = text(&mut e, f(0), &k.item, true, 2, 100);
            let quantity = match k.quantity.trim().parse::<u32>() {
                Ok(q) if (1..=1000).contains(&q) => q,
                _ => {
                    e.push(err(f(1), Problem::OutOfRange { min: 1, max: 1000 }));
                    0
                }
            };
            let value = parse_rupiah(&k.value).unwrap_or_else(|| {
                e.push(err(f(2), Problem::NotRupiah));
                0
            });
            kit.push(KitItem {
                item,
                quantity,
                value,
            });
        }
        match (e.is_empty(), date, reason) {
            (true, Some(date), Some(reason)) => Ok(Discharge {
                resident,
                date,
                reason,
                regency,
                address,
                received_by,
                kit,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Visit,
    Phone,
    Message,
    ThroughFamily,
    ThroughPartner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    WorkingInTrainedField,
    OtherWork,
    SelfEmployed,
    Unemployed,
    ReturnedToSexWork,
    Unreachable,
}

impl ContactMethod {
    pub const ALL: [ContactMethod; 5] = [
        ContactMethod::Visit,
        ContactMethod::Phone,
        ContactMethod::Message,
        ContactMethod::ThroughFamily,
        ContactMethod::ThroughPartner,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<ContactMethod> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::WorkingInTrainedField,
        Outcome::OtherWork,
        Outcome::SelfEmployed,
        Outcome::Unemployed,
        Outcome::ReturnedToSexWork,
        Outcome::Unreachable,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<Outcome> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    /// Self-reliant (mandiri): earning her living, in her field or otherwise.
    pub fn is_mandiri(self) -> bool {
        matches!(
            self,
            Outcome::WorkingInTrainedField | Outcome::OtherWork | Outcome::SelfEmployed
        )
    }
}

/// What one follow-up found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpVisit {
    pub resident: RecordId,
    /// Which scheduled follow-up this is (months after discharge).
    pub month: u32,
    pub date: Date,
    pub method: ContactMethod,
    pub outcome: Outcome,
    /// For self-employment: monthly income in whole rupiah.
    pub monthly_income: Option<u64>,
    pub notes: String,
}

/// Where one scheduled follow-up stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Done(Outcome),
    /// Not yet due, or due within `LOST_AFTER_DAYS`.
    Upcoming,
    Overdue,
    /// More than `LOST_AFTER_DAYS` overdue, with no follow-up recorded.
    Lost,
}

/// Each scheduled follow-up of a discharge with where it stands on `today`.
pub fn standing(
    discharge: &Discharge,
    intervals: &[u32],
    visits: &[&FollowUpVisit],
    today: Date,
) -> Vec<(u32, Date, Due)> {
    discharge
        .schedule(intervals)
        .into_iter()
        .map(|(m, due)| {
            let done = visits
                .iter()
                .filter(|v| v.month == m)
                .max_by_key(|v| v.date);
            let s = match done {
                Some(v) => Due::Done(v.outcome),
                None if today <= due => Due::Upcoming,
                None if today.days_since_epoch() - due.days_since_epoch() > LOST_AFTER_DAYS => {
                    Due::Lost
                }
                None => Due::Overdue,
            };
            (m, due, s)
        })
        .collect()
}

/// One follow-up to chase, of the case `case` (whatever the caller names it by).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToChase<K> {
    pub case: K,
    pub month: u32,
    pub due: Date,
    /// Past its date (but not yet lost to follow-up).
    pub overdue: bool,
}

/// The follow-ups to chase on `today`: overdue ones and those due within `ahead_days`, soonest
/// first. Lost ones are not listed: they are an outcome (`OutcomeStatus::Lost`), not a task.
pub fn to_chase<'a, K>(
    cases: impl IntoIterator<Item = (K, &'a Discharge, Vec<&'a FollowUpVisit>)>,
    intervals: &[u32],
    today: Date,
    ahead_days: i64,
) -> Vec<ToChase<K>>
where
    K: Clone,
{
    let until = today.plus_days(ahead_days);
    let mut out = vec![];
    for (case, discharge, visits) in cases {
        for (month, due, s) in standing(discharge, intervals, &visits, today) {
            let listed = s == Due::Overdue || (s == Due::Upcoming && due <= until);
            if listed {
                out.push(ToChase {
                    case: case.clone(),
                    month,
                    due,
                    overdue: s == Due::Overdue,
                });
            }
        }
    }
    super::sorting::sort_by(&mut out, |a, b| a.due.cmp(&b.due));
    out
}

/// The months after discharge at which the reports count outcomes. A shelter's schedule may add
/// follow-ups but always includes these ([`intervals_checked`]).
pub const OUTCOME_MONTHS: [u32; 3] = [3, 6, 12];

/// Where she stands at one of the outcome months, as the shelter's own indicators count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeStatus {
    /// Not yet known: the follow-up is not due, or due less than `LOST_AFTER_DAYS` ago.
    Pending,
    Reached(Outcome),
    /// More than `LOST_AFTER_DAYS` past the follow-up's date with no follow-up recorded, or
    /// with only "unreachable" recorded.
    Lost,
}

impl OutcomeStatus {
    /// Self-reliant ("mandiri"): in work or earning on her own.
    pub fn is_mandiri(self) -> bool {
        matches!(self, OutcomeStatus::Reached(o) if o.is_mandiri())
    }
}

/// Her outcome status at `month` months after `discharge`, on `today`.
pub fn outcome_at(
    discharge: &Discharge,
    visits: &[&FollowUpVisit],
    month: u32,
    today: Date,
) -> OutcomeStatus {
    let Some((_, due, standing)) = standing(discharge, &[month], visits, today).pop() else {
        return OutcomeStatus::Pending;
    };
    let long_past = today.days_since_epoch() - due.days_since_epoch() > LOST_AFTER_DAYS;
    match standing {
        Due::Done(Outcome::Unreachable) if long_past => OutcomeStatus::Lost,
        Due::Done(o) => OutcomeStatus::Reached(o),
        Due::Lost => OutcomeStatus::Lost,
        Due::Upcoming | Due::Overdue => OutcomeStatus::Pending,
    }
}

/// The follow-up schedule as the settings form gives it ("1, 3, 6, 12"): months from 1 to 24,
/// each once, in order, including the outcome months.
pub fn intervals_checked(typed: &str) -> Result<Vec<u32>, FieldError> {
    let mut months = vec![];
    for part in typed.split([',', ' ', ';']).filter(|p| !p.is_empty()) {
        match part.parse::<u32>() {
            Ok(m) if (1..=24).contains(&m) => months.push(m),
            _ => {
                return Err(err(
                    "aftercare_months",
                    Problem::OutOfRange { min: 1, max: 24 },
                ))
            }
        }
    }
    super::sorting::sort_dedup(&mut months);
    if OUTCOME_MONTHS.iter().any(|m| !months.contains(m)) {
        return Err(err("aftercare_months", Problem::OutcomeMonthsMissing));
    }
    Ok(months)
}

impl FollowUpVisit {
    #[allow(clippy::too_many_arguments)]
    pub fn validated(
        resident: RecordId,
        discharge: &Discharge,
        month: u32,
        date: &str,
        method: &str,
        outcome: &str,
        income: &str,
        notes: &str,
        today: Date,
    ) -> Result<FollowUpVisit, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "fu_date",
            date,
            (discharge.date, Problem::BeforeDischarge),
            today,
        );
        let method = ContactMethod::from_code(method);
        if method.is_none() {
            e.push(err("fu_method", Problem::Required));
        }
        let outcome = Outcome::from_code(outcome);
        if outcome.is_none() {
            e.push(err("fu_outcome", Problem::Required));
        }
        let monthly_income = match income.trim() {
            "" => None,
            s => match parse_rupiah(s) {
                Some(v) => Some(v),
                None => {
                    e.push(err("fu_income", Problem::NotRupiah));
                    None
                }
            },
        };
        let notes = text(&mut e, "fu_notes", notes, false, 0, 2_000);
        match (e.is_empty(), date, method, outcome) {
            (true, Some(date), Some(method), Some(outcome)) => Ok(FollowUpVisit {
                resident,
                month,
                date,
                method,
                outcome,
                monthly_income,
                notes,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn discharge(date: &str) -> Discharge {
        Discharge {
            resident: RecordId::from_random_bytes([1; 16]),
            date: d(date),
            reason: DischargeReason::Completed,
            regency: "35.07".into(),
            address: "Dusun Krajan".into(),
            received_by: "Ibu kandung".into(),
            kit: vec![KitItem {
                item: "Mesin jahit".into(),
                quantity: 1,
                value: 1_250_000,
            }],
        }
    }

    #[test]
    fn follow_ups_are_due_on_the_same_day_or_the_months_last() {
        let dates = |from: &str| -> Vec<String> {
            discharge(from)
                .schedule(&DEFAULT_INTERVALS)
                .into_iter()
                .map(|(_, x)| x.iso())
                .collect()
        };
        assert_eq!(
            dates("2026-01-31"),
            ["2026-02-28", "2026-04-30", "2026-07-31", "2027-01-31"]
        );
        assert_eq!(dates("2028-01-31")[0], "2028-02-29", "a leap year");
        assert_eq!(
            dates("2026-11-30"),
            ["2026-12-30", "2027-02-28", "2027-05-30", "2027-11-30"]
        );
        assert_eq!(dates("2026-12-15")[0], "2027-01-15");
    }

    #[test]
    fn each_follow_up_is_done_upcoming_overdue_or_lost() {
        let dc = discharge("2026-01-31");
        let r = dc.resident.clone();
        let visit = FollowUpVisit {
            resident: r,
            month: 1,
            date: d("2026-03-02"),
            method: ContactMethod::Phone,
            outcome: Outcome::SelfEmployed,
            monthly_income: Some(900_000),
            notes: String::new(),
        };
        // 3 months due 30 April: on 20 May overdue, on 31 May lost; 6 months upcoming.
        let s = standing(&dc, &DEFAULT_INTERVALS, &[&visit], d("2026-05-20"));
        assert_eq!(s[0].2, Due::Done(Outcome::SelfEmployed));
        assert_eq!(s[1].2, Due::Overdue);
        assert_eq!(s[2].2, Due::Upcoming);
        let s = standing(&dc, &DEFAULT_INTERVALS, &[&visit], d("2026-05-31"));
        assert_eq!(s[1].2, Due::Lost);
        assert!(Outcome::SelfEmployed.is_mandiri() && !Outcome::ReturnedToSexWork.is_mandiri());
    }

    #[test]
    fn the_outcome_at_3_6_and_12_months_is_reached_pending_or_lost() {
        let dc = discharge("2026-01-31");
        let visit = |month, date: &str, outcome| FollowUpVisit {
            resident: dc.resident.clone(),
            month,
            date: d(date),
            method: ContactMethod::Visit,
            outcome,
            monthly_income: None,
            notes: String::new(),
        };
        let three = visit(3, "2026-05-04", Outcome::WorkingInTrainedField);
        let six = visit(6, "2026-08-01", Outcome::Unreachable);
        let vs = [&three, &six];
        // 6 months due 31 July; 12 months due 31 January 2027.
        let at = |m, today: &str| outcome_at(&dc, &vs, m, d(today));
        assert_eq!(
            at(3, "2026-08-20"),
            OutcomeStatus::Reached(Outcome::WorkingInTrainedField)
        );
        assert!(at(3, "2026-08-20").is_mandiri());
        // Unreachable once: still to try, until 30 days past the date it was due.
        assert_eq!(
            at(6, "2026-08-30"),
            OutcomeStatus::Reached(Outcome::Unreachable)
        );
        assert_eq!(at(6, "2026-08-31"), OutcomeStatus::Lost);
        assert!(!at(6, "2026-08-31").is_mandiri());
        assert_eq!(at(12, "2026-08-31"), OutcomeStatus::Pending);
        assert_eq!(at(12, "2027-03-02"), OutcomeStatus::Pending, "30 days late");
        assert_eq!(at(12, "2027-03-03"), OutcomeStatus::Lost);
        let back = visit(12, "2027-02-01", Outcome::ReturnedToSexWork);
        assert_eq!(
            outcome_at(&dc, &[&back], 12, d("2027-06-01")),
            OutcomeStatus::Reached(Outcome::ReturnedToSexWork)
        );
    }

    #[test]
    fn the_follow_ups_to_chase_are_the_overdue_and_the_soon_due_soonest_first() {
        let early = discharge("2026-01-31");
        let late = discharge("2026-10-20");
        let done = FollowUpVisit {
            resident: late.resident.clone(),
            month: 1,
            date: d("2026-11-20"),
            method: ContactMethod::Phone,
            outcome: Outcome::OtherWork,
            monthly_income: None,
            notes: String::new(),
        };
        let cases = [("early", &early, vec![]), ("late", &late, vec![&done])];
        // On 25 May: early's 3 months (30 April) overdue; its 6 months (31 July) not soon;
        // early's 1 month (28 February) lost, so not a task.
        let list = to_chase(cases.clone(), &DEFAULT_INTERVALS, d("2026-05-25"), 14);
        assert_eq!(
            list,
            [ToChase {
                case: "early",
                month: 3,
                due: d("2026-04-30"),
                overdue: true
            }]
        );
        // On 10 January 2027: late's 3 months due 20 January within 14 days, early's 12
        // months due 31 January not yet; late's 1 month was done.
        let list = to_chase(cases, &DEFAULT_INTERVALS, d("2027-01-10"), 14);
        let got: Vec<(&str, u32, bool)> =
            list.iter().map(|c| (c.case, c.month, c.overdue)).collect();
        assert_eq!(got, [("late", 3, false)]);
    }

    #[test]
    fn the_schedule_setting_keeps_the_outcome_months() {
        assert_eq!(intervals_checked("1, 3, 6, 12"), Ok(vec![1, 3, 6, 12]));
        assert_eq!(intervals_checked("12 6 3 2 3"), Ok(vec![2, 3, 6, 12]));
        assert_eq!(
            intervals_checked("1,3,6").unwrap_err().problem,
            Problem::OutcomeMonthsMissing
        );
        for bad in ["0,3,6,12", "3,6,12,25", "3,6,12,x", "3,6,12,1.5"] {
            assert_eq!(
                intervals_checked(bad).unwrap_err().problem,
                Problem::OutOfRange { min: 1, max: 24 },
                "{bad}"
            );
        }
    }

    #[test]
    fn rupiah_is_whole_and_not_negative() {
        assert_eq!(parse_rupiah("1250000"), Some(1_250_000));
        assert_eq!(parse_rupiah("Rp 1.250.000"), Some(1_250_000));
        assert_eq!(parse_rupiah(" 750.000 "), Some(750_000));
        for bad in [
            "", "-5000", "12,50", "1.25", "1.2500", "Rp", "seribu", ".500",
        ] {
            assert_eq!(parse_rupiah(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_discharge_is_checked_before_it_is_saved() {
        let r = RecordId::from_random_bytes([1; 16]);
        let good = DischargeDraft {
            date: "2026-11-20".into(),
            reason: "completed".into(),
            regency: "35.07".into(),
            received_by: "Ibu kandung".into(),
            kit: vec![
                KitDraft {
                    item: "Mesin jahit".into(),
                    quantity: "1".into(),
                    value: "Rp 1.250.000".into(),
                },
                KitDraft::default(),
            ],
            ..Default::default()
        };
        let dc = good
            .validate(r.clone(), d("2026-03-02"), d("2026-11-30"))
            .unwrap();
        assert_eq!((dc.kit.len(), dc.kit_total()), (1, 1_250_000));
        let problems = |x: DischargeDraft| -> Vec<(&'static str, Problem)> {
            x.validate(r.clone(), d("2026-03-02"), d("2026-11-30"))
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect()
        };
        assert_eq!(
            problems(DischargeDraft {
                date: "2026-03-01".into(),
                ..good.clone()
            }),
            [("dc_date", Problem::BeforeIntake)]
        );
        assert_eq!(
            problems(DischargeDraft {
                reason: "".into(),
                ..good.clone()
            }),
            [("dc_reason", Problem::Required)]
        );
        let mut bad = good.clone();
        bad.kit[0].value = "-100".into();
        bad.kit[0].quantity = "0".into();
        assert_eq!(
            problems(bad),
            [
                ("dc_kit_qty_1", Problem::OutOfRange { min: 1, max: 1000 }),
                ("dc_kit_value_1", Problem::NotRupiah)
            ]
        );
    }
}

/// The ministry's ATENSI components (Asistensi Rehabilitasi Sosial): the direct services a
/// resident received, counted by headcount and aid value in the reports. Therapy is one component
/// of three kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AtensiComponent {
    BasicNeeds,
    Care,
    FamilySupport,
    TherapyPhysical,
    TherapyPsychosocial,
    TherapyMentalSpiritual,
    VocationalAndEntrepreneurship,
    SocialAid,
    Accessibility,
}

impl AtensiComponent {
    pub const ALL: [AtensiComponent; 9] = [
        AtensiComponent::BasicNeeds,
        AtensiComponent::Care,
        AtensiComponent::FamilySupport,
        AtensiComponent::TherapyPhysical,
        AtensiComponent::TherapyPsychosocial,
        AtensiComponent::TherapyMentalSpiritual,
        AtensiComponent::VocationalAndEntrepreneurship,
        AtensiComponent::SocialAid,
        AtensiComponent::Accessibility,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<AtensiComponent> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
    /// Which of the seven components it is (1–7; the three therapies are the fourth).
    pub fn number(self) -> u8 {
        match self {
            AtensiComponent::BasicNeeds => 1,
            AtensiComponent::Care => 2,
            AtensiComponent::FamilySupport => 3,
            AtensiComponent::TherapyPhysical
            | AtensiComponent::TherapyPsychosocial
            | AtensiComponent::TherapyMentalSpiritual => 4,
            AtensiComponent::VocationalAndEntrepreneurship => 5,
            AtensiComponent::SocialAid => 6,
            AtensiComponent::Accessibility => 7,
        }
    }
}

/// One ATENSI service a resident received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtensiService {
    pub resident: RecordId,
    pub date: Date,
    pub component: AtensiComponent,
    /// Whole rupiah (0 where no aid in money or goods was given).
    pub aid_value: u64,
    pub description: String,
}

impl AtensiService {
    pub fn validated(
        resident: RecordId,
        date: &str,
        component: &str,
        aid_value: &str,
        description: &str,
        intake: Date,
        today: Date,
    ) -> Result<AtensiService, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "at_date",
            date,
            (intake, Problem::BeforeIntake),
            today,
        );
        let component = AtensiComponent::from_code(component);
        if component.is_none() {
            e.push(err("at_component", Problem::Required));
        }
        let aid_value = match aid_value.trim() {
            "" => 0,
            s => parse_rupiah(s).unwrap_or_else(|| {
                e.push(err("at_value", Problem::NotRupiah));
                0
            }),
        };
        let description = text(&mut e, "at_description", description, true, 3, 300);
        match (e.is_empty(), date, component) {
            (true, Some(date), Some(component)) => Ok(AtensiService {
                resident,
                date,
                component,
                aid_value,
                description,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod atensi_tests {
    use super::*;

    #[test]
    fn seven_components_three_of_them_therapy() {
        let mut numbers: Vec<u8> = AtensiComponent::ALL.iter().map(|c| c.number()).collect();
        numbers.dedup();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
        let r = RecordId::from_random_bytes([1; 16]);
        let (intake, today) = (
            Date::parse_iso("2026-03-02").unwrap(),
            Date::parse_iso("2026-11-30").unwrap(),
        );
        let ok = AtensiService::validated(
            r.clone(),
            "2026-04-01",
            "therapy_psychosocial",
            "",
            "Konseling kelompok",
            intake,
            today,
        )
        .unwrap();
        assert_eq!((ok.component.number(), ok.aid_value), (4, 0));
        let bad =
            AtensiService::validated(r, "2026-04-01", "", "12,5", "", intake, today).unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["at_component", "at_value", "at_description"]);
    }
}
