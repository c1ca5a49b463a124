//! Partner agencies, a resident's consent to share her information with one, and referrals
//! (rujukan) to them with their status moves.
//!
//! A referral needs her consent to share with that partner, in force on the referral's date; a
//! referral without it needs an override with a written reason (shown on the referral and in the
//! record of who did what). A withdrawn consent stops new referrals from its withdrawal on. A
//! resident under 18 consents through her guardian.

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    Puskesmas,
    Hospital,
    Psychologist,
    /// Unit Pelayanan Perempuan dan Anak of the police.
    PolicePpa,
    /// Dinas Kependudukan dan Pencatatan Sipil: identity papers.
    Dukcapil,
    DinasSosial,
    /// Balai Latihan Kerja.
    TrainingCentre,
    Employer,
    Ngo,
    Religious,
    Other,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 11] = [
        PartnerKind::Puskesmas,
        PartnerKind::Hospital,
        PartnerKind::Psychologist,
        PartnerKind::PolicePpa,
        PartnerKind::Dukcapil,
        PartnerKind::DinasSosial,
        PartnerKind::TrainingCentre,
        PartnerKind::Employer,
        PartnerKind::Ngo,
        PartnerKind::Religious,
        PartnerKind::Other,
    ];
}

/// A cooperation agreement (MoU, perjanjian kerja sama) with its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub start: Date,
    pub end: Date,
}

/// How many days ahead an agreement's end shows on the dashboard.
pub const EXPIRY_NOTICE_DAYS: i64 = 60;

impl Agreement {
    pub fn in_force(&self, on: Date) -> bool {
        self.start <= on && on <= self.end
    }

    /// Ends within the notice period from `today` (and has not ended yet).
    pub fn expiring(&self, today: Date) -> bool {
        today <= self.end && self.end <= today.plus_days(EXPIRY_NOTICE_DAYS)
    }
}

/// Someone to ask for at a partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// A partner agency of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    pub kind: PartnerKind,
    /// Its regency's code in the official list (`domain/region.rs`).
    pub regency: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What the partner form gives: up to two contacts, an agreement's dates (both or neither).
pub struct PartnerDraft<'a> {
    pub name: &'a str,
    pub kind: Option<PartnerKind>,
    pub regency: &'a str,
    pub address: &'a str,
    pub contacts: [(&'a str, &'a str); 2],
    pub agreement_start: &'a str,
    pub agreement_end: &'a str,
    pub notes: &'a str,
}

impl PartnerDraft<'_> {
    pub fn validate(&self) -> Result<Partner, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "pt_name", self.name, true, 3, 200);
        if self.kind.is_none() {
            e.push(err("pt_kind", Problem::Required));
        }
        let regency = self.regency.trim().to_string();
        if regency.is_empty() {
            e.push(err("pt_regency", Problem::Required));
        } else if super::region::province_of_regency(&regency).is_none() {
            e.push(err("pt_regency", Problem::UnknownRegion));
        }
        let address = text(&mut e, "pt_address", self.address, false, 5, 300);
        let fields = [("pt_contact1", "pt_phone1"), ("pt_contact2", "pt_phone2")];
        let mut contacts = vec![];
        for ((name, phone), (nf, pf)) in self.contacts.iter().zip(fields) {
            let phone = super::validation::phone(&mut e, pf, phone);
            let name = text(&mut e, nf, name, !phone.is_empty(), 2, 200);
            if !name.is_empty() {
                contacts.push(Contact { name, phone });
            }
        }
        let (start, end) = (self.agreement_start.trim(), self.agreement_end.trim());
        let agreement = match (start.is_empty(), end.is_empty()) {
            (true, true) => None,
            _ => match (Date::parse_iso(start), Date::parse_iso(end)) {
                (Some(start), Some(end)) if end < start => {
                    e.push(err("pt_mou_end", Problem::EndBeforeStart));
                    None
                }
                (Some(start), Some(end)) => Some(Agreement { start, end }),
                (s, d) => {
                    if s.is_none() {
                        e.push(err("pt_mou_start", Problem::NotADate));
                    }
                    if d.is_none() {
                        e.push(err("pt_mou_end", Problem::NotADate));
                    }
                    None
                }
            },
        };
        let notes = text(&mut e, "pt_notes", self.notes, false, 0, 2000);
        match self.kind {
            Some(kind) if e.is_empty() => Ok(Partner {
                name,
                kind,
                regency,
                address,
                contacts,
                agreement,
                notes,
            }),
            _ => Err(e),
        }
    }
}

impl Partner {
    /// Its agreement has ended by `day` (a referral to it is warned about, not refused).
    pub fn agreement_expired(&self, day: Date) -> bool {
        self.agreement.is_some_and(|a| a.end < day)
    }

    /// Matches a search of the directory: every word of `query` in its name (any case), and of
    /// the kind asked for.
    pub fn matches(&self, query: &str, kind: Option<PartnerKind>) -> bool {
        let name = self.name.to_lowercase();
        kind.is_none_or(|k| k == self.kind)
            && query
                .split_whitespace()
                .all(|w| name.contains(&w.to_lowercase()))
    }
}

/// What a consent lets the shelter share with the partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shared {
    /// Name, age and where she is from.
    Identity,
    /// Her address and phone numbers, and her family's.
    Contacts,
    Health,
    /// What happened to her (trafficking, how she came into sex work).
    Case,
    IdentityPapers,
}

impl Shared {
    pub const ALL: [Shared; 5] = [
        Shared::Identity,
        Shared::Contacts,
        Shared::Health,
        Shared::Case,
        Shared::IdentityPapers,
    ];
}

/// A resident's consent to share her information with one partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub resident: RecordId,
    pub partner: RecordId,
    pub date: Date,
    pub shares: Vec<Shared>,
    /// Who witnessed it (a staff member's name, or another person's).
    pub witness: String,
    /// For a resident under 18: the guardian who consented for her.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guardian: String,
    /// The day she withdrew it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Date>,
}

impl Consent {
    /// In force on `day`: given on or before it and not withdrawn by then.
    pub fn in_force(&self, day: Date) -> bool {
        self.date <= day && self.withdrawn.is_none_or(|w| day < w)
    }

    /// A consent as its form gives it. `age`: hers on that day, where known (under 18 needs a
    /// guardian).
    #[allow(clippy::too_many_arguments)]
    pub fn validated(
        resident: RecordId,
        partner: RecordId,
        date: &str,
        shares: Vec<Shared>,
        witness: &str,
        guardian: &str,
        age: Option<i32>,
        intake: Date,
        today: Date,
    ) -> Result<Consent, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "cs_date",
            date,
            (intake, Problem::BeforeIntake),
            today,
        );
        if shares.is_empty() {
            e.push(err("cs_shares", Problem::Required));
        }
        let witness = text(&mut e, "cs_witness", witness, true, 3, 200);
        let minor = age.is_some_and(|a| a < 18);
        let guardian = text(&mut e, "cs_guardian", guardian, minor, 3, 200);
        match date {
            Some(date) if e.is_empty() => Ok(Consent {
                resident,
                partner,
                date,
                shares,
                witness,
                guardian,
                withdrawn: None,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Sent,
    Accepted,
    Completed,
    Rejected,
    Cancelled,
}

impl Status {
    /// The moves a referral may make from here.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Draft => &[Sent, Cancelled],
            Sent => &[Accepted, Rejected, Cancelled],
            Accepted => &[Completed, Cancelled],
            Completed | Rejected | Cancelled => &[],
        }
    }

    /// Still waiting for something from the partner or the shelter.
    pub fn open(self) -> bool {
        matches!(self, Status::Draft | Status::Sent | Status::Accepted)
    }
}

/// One move of a referral, dated by a staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: Status,
    pub date: Date,
    pub by: RecordId,
    /// What came of it, in words (for accepted, completed, rejected).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub resident: RecordId,
    pub partner: RecordId,
    pub date: Date,
    pub reason: String,
    pub services: String,
    pub by: RecordId,
    pub expected_response: Date,
    /// Letter number (nomor surat), given when it is sent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Why it was made without her consent in force.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub override_reason: String,
    /// Its moves, oldest first; the first is `Draft` on the referral's date.
    pub history: Vec<StatusChange>,
}

impl Referral {
    pub fn status(&self) -> Status {
        self.history.last().map_or(Status::Draft, |c| c.status)
    }

    /// Sent, with no answer by the expected date.
    pub fn overdue(&self, today: Date) -> bool {
        self.status() == Status::Sent && self.expected_response < today
    }

    /// A move to `to` on `date`, if the current status allows it and it is not before the last.
    pub fn moved(
        &self,
        to: Status,
        date: &str,
        by: RecordId,
        note: &str,
        today: Date,
    ) -> Result<Referral, Vec<FieldError>> {
        let mut e = vec![];
        let last = self.history.last().map_or(self.date, |c| c.date);
        let date = past_date(
            &mut e,
            "rf_move_date",
            date,
            (last, Problem::BeforeLastMove),
            today,
        );
        if !self.status().next().contains(&to) {
            e.push(err("rf_move_to", Problem::MoveNotAllowed));
        }
        let note = text(&mut e, "rf_move_note", note, false, 0, 2000);
        match date {
            Some(date) if e.is_empty() => {
                let mut r = self.clone();
                r.history.push(StatusChange {
                    status: to,
                    date,
                    by,
                    note,
                });
                Ok(r)
            }
            _ => Err(e),
        }
    }
}

/// What the referral form gives.
pub struct ReferralDraft<'a> {
    pub date: &'a str,
    pub reason: &'a str,
    pub services: &'a str,
    pub expected: &'a str,
    pub override_reason: &'a str,
}

/// What a new referral is checked against: who, to whom, her consents to that partner.
pub struct ReferralOf<'a> {
    pub resident: &'a RecordId,
    pub partner: &'a RecordId,
    pub intake: Date,
    pub by: &'a RecordId,
    pub consents: &'a [Consent],
}

impl ReferralDraft<'_> {
    pub fn validate(&self, of: &ReferralOf, today: Date) -> Result<Referral, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "rf_date",
            self.date,
            (of.intake, Problem::BeforeIntake),
            today,
        );
        let reason = text(&mut e, "rf_reason", self.reason, true, 3, 2000);
        let services = text(&mut e, "rf_services", self.services, true, 3, 2000);
        let expected = match (Date::parse_iso(self.expected.trim()), date) {
            (None, _) => {
                e.push(err("rf_expected", Problem::NotADate));
                None
            }
            (Some(x), Some(d)) if x < d => {
                e.push(err("rf_expected", Problem::BeforeReferral));
                None
            }
            (Some(x), _) => Some(x),
        };
        let consented = date.is_some_and(|d| {
            of.consents
                .iter()
                .any(|c| &c.resident == of.resident && &c.partner == of.partner && c.in_force(d))
        });
        let override_reason = self
            .override_reason
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let override_reason = if consented {
            String::new()
        } else if override_reason.chars().count() < 10 {
            e.push(err("rf_override", Problem::NoConsent));
            String::new()
        } else {
            override_reason
        };
        match (date, expected) {
            (Some(date), Some(expected)) if e.is_empty() => Ok(Referral {
                resident: of.resident.clone(),
                partner: of.partner.clone(),
                date,
                reason,
                services,
                by: of.by.clone(),
                expected_response: expected,
                number: String::new(),
                override_reason,
                history: vec![StatusChange {
                    status: Status::Draft,
                    date,
                    by: of.by.clone(),
                    note: String::new(),
                }],
            }),
            _ => Err(e),
        }
    }
}

/// A letter number from the shelter's pattern: `{n}` the number in the year (three digits at
/// least), `{month}` the month in Roman numerals, `{year}`. "{n}/RSBKW/{month}/{year}" gives
/// "045/RSBKW/XI/2026".
pub fn letter_number(pattern: &str, n: u32, date: Date) -> String {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    pattern
        .replace("{n}", &format!("{n:03}"))
        .replace("{month}", ROMAN[usize::from(date.month().clamp(1, 12)) - 1])
        .replace("{year}", &date.year().to_string())
}

/// The next letter number in `date`'s year: one more than the referrals of that year have.
pub fn next_in_year<'a>(referrals: impl Iterator<Item = &'a Referral>, date: Date) -> u32 {
    referrals
        .filter(|r| !r.number.is_empty() && r.date.year() == date.year())
        .count() as u32
        + 1
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
    fn consent(date: &str, withdrawn: Option<&str>) -> Consent {
        Consent {
            resident: r(1),
            partner: r(2),
            date: d(date),
            shares: vec![Shared::Identity, Shared::IdentityPapers],
            witness: "Bu Ratna".into(),
            guardian: String::new(),
            withdrawn: withdrawn.map(d),
        }
    }
    fn draft<'a>(date: &'a str, override_reason: &'a str) -> ReferralDraft<'a> {
        ReferralDraft {
            date,
            reason: "KTP ditahan mucikari",
            services: "Penerbitan ulang KTP dan KK",
            expected: "2026-11-30",
            override_reason,
        }
    }
    fn problems(x: Result<Referral, Vec<FieldError>>) -> Vec<(&'static str, Problem)> {
        x.unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    fn check(draft: ReferralDraft, consents: &[Consent]) -> Result<Referral, Vec<FieldError>> {
        let (me, partner, staff) = (r(1), r(2), r(9));
        let of = ReferralOf {
            resident: &me,
            partner: &partner,
            intake: d("2026-09-01"),
            by: &staff,
            consents,
        };
        draft.validate(&of, d("2026-12-01"))
    }

    #[test]
    fn a_referral_needs_her_consent_in_force_or_an_override_with_its_reason() {
        assert_eq!(
            problems(check(draft("2026-11-10", ""), &[])),
            [("rf_override", Problem::NoConsent)]
        );
        let forced = check(draft("2026-11-10", "Mendesak: sidang besok pagi"), &[]).unwrap();
        assert_eq!(forced.override_reason, "Mendesak: sidang besok pagi");
        let given = [consent("2026-11-01", None)];
        let ok = check(draft("2026-11-10", ""), &given).unwrap();
        assert!(ok.override_reason.is_empty());
        assert_eq!(ok.status(), Status::Draft);
        // Given after the referral's date: not in force then.
        let later = [consent("2026-11-15", None)];
        assert_eq!(
            problems(check(draft("2026-11-10", ""), &later)),
            [("rf_override", Problem::NoConsent)]
        );
        // Withdrawn: no new referral from that day on.
        let withdrawn = [consent("2026-11-01", Some("2026-11-08"))];
        assert!(check(draft("2026-11-07", ""), &withdrawn).is_ok());
        assert_eq!(
            problems(check(draft("2026-11-08", ""), &withdrawn)),
            [("rf_override", Problem::NoConsent)]
        );
        // Another partner's consent is not hers for this one.
        let other = [Consent {
            partner: r(3),
            ..consent("2026-11-01", None)
        }];
        assert_eq!(
            problems(check(draft("2026-11-10", ""), &other)),
            [("rf_override", Problem::NoConsent)]
        );
        // Expected before the referral itself.
        let early = ReferralDraft {
            expected: "2026-11-01",
            ..draft("2026-11-10", "")
        };
        assert_eq!(
            problems(check(early, &given)),
            [("rf_expected", Problem::BeforeReferral)]
        );
    }

    #[test]
    fn a_minors_consent_names_her_guardian() {
        let today = d("2026-12-01");
        let give = |age, guardian| {
            Consent::validated(
                r(1),
                r(2),
                "2026-11-01",
                vec![Shared::Identity],
                "Bu Ratna",
                guardian,
                age,
                d("2026-09-01"),
                today,
            )
        };
        assert_eq!(give(Some(16), "").unwrap_err()[0].field, "cs_guardian");
        assert!(give(Some(16), "Ibu Sulastri (ibu kandung)").is_ok());
        assert!(give(Some(24), "").is_ok());
        let none = Consent::validated(
            r(1),
            r(2),
            "2026-11-01",
            vec![],
            "",
            "",
            None,
            d("2026-09-01"),
            today,
        )
        .unwrap_err();
        assert_eq!(
            none.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["cs_shares", "cs_witness"]
        );
    }

    #[test]
    fn status_moves_follow_the_table_and_a_sent_referral_past_its_date_is_overdue() {
        let today = d("2026-12-01");
        let of = ReferralOf {
            resident: &r(1),
            partner: &r(2),
            intake: d("2026-09-01"),
            by: &r(9),
            consents: &[],
        };
        let made = draft("2026-11-10", "Mendesak: sidang besok pagi")
            .validate(&of, today)
            .unwrap();
        assert!(!made.overdue(today), "a draft waits on us, not on them");
        let bad = made
            .moved(Status::Completed, "2026-11-11", r(9), "", today)
            .unwrap_err();
        assert_eq!(bad[0].problem, Problem::MoveNotAllowed);
        let sent = made
            .moved(Status::Sent, "2026-11-11", r(9), "", today)
            .unwrap();
        assert!(sent.overdue(today), "expected on 30 November");
        assert!(!sent.overdue(d("2026-11-30")));
        let before = sent
            .moved(Status::Accepted, "2026-11-10", r(9), "", today)
            .unwrap_err();
        assert_eq!(before[0].problem, Problem::BeforeLastMove);
        let accepted = sent
            .moved(
                Status::Accepted,
                "2026-11-20",
                r(9),
                "Dijadwalkan 25 November",
                today,
            )
            .unwrap();
        let done = accepted
            .moved(
                Status::Completed,
                "2026-11-28",
                r(9),
                "KTP baru terbit",
                today,
            )
            .unwrap();
        assert_eq!(done.status(), Status::Completed);
        assert!(Status::Completed.next().is_empty() && !done.overdue(today));
        assert_eq!(done.history.len(), 4);
    }

    #[test]
    fn letter_numbers_follow_the_pattern_and_count_within_the_year() {
        let nov = d("2026-11-03");
        assert_eq!(
            letter_number("{n}/RSBKW/{month}/{year}", 45, nov),
            "045/RSBKW/XI/2026"
        );
        assert_eq!(
            letter_number("400.9/{n}/UPT/{year}", 1234, nov),
            "400.9/1234/UPT/2026"
        );
        let agreement = Agreement {
            start: d("2025-01-01"),
            end: d("2027-01-20"),
        };
        assert!(agreement.expiring(d("2026-11-25")) && !agreement.expiring(d("2026-11-15")));
        assert!(agreement.in_force(nov) && !agreement.in_force(d("2027-01-21")));
    }

    #[test]
    fn a_partner_needs_a_name_a_kind_and_a_known_regency_and_an_agreement_ends_after_it_starts() {
        let draft = PartnerDraft {
            name: " Puskesmas  Kedungkandang ",
            kind: Some(PartnerKind::Puskesmas),
            regency: "35.73",
            address: "Jl. Ki Ageng Gribig 142, Malang",
            contacts: [("dr. Sari", "0341 712345"), ("", "")],
            agreement_start: "2026-01-01",
            agreement_end: "2026-12-31",
            notes: "",
        };
        let p = draft.validate().unwrap();
        assert_eq!(p.name, "Puskesmas Kedungkandang");
        assert_eq!(p.contacts.len(), 1);
        assert!(p
            .agreement
            .unwrap()
            .expiring(Date::parse_iso("2026-11-15").unwrap()));
        assert!(!p.agreement_expired(Date::parse_iso("2026-12-31").unwrap()));
        assert!(p.agreement_expired(Date::parse_iso("2027-01-01").unwrap()));
        assert!(p.matches("kedung", Some(PartnerKind::Puskesmas)));
        assert!(!p.matches("kedung", Some(PartnerKind::Dukcapil)));
        assert!(!p.matches("rumah sakit", None));

        let bad = PartnerDraft {
            name: "",
            kind: None,
            regency: "99.99",
            contacts: [("", "0341 712345"), ("Pak Joko", "12")],
            agreement_start: "2026-12-31",
            agreement_end: "2026-01-01",
            ..draft
        };
        let fields: Vec<&str> = bad
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "pt_name",
                "pt_kind",
                "pt_regency",
                "pt_contact1",
                "pt_phone2",
                "pt_mou_end"
            ]
        );
    }
}
