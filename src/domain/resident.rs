//! A resident (klien) of the shelter, as registered at intake.

use super::date::Date;
use super::identity_paper::IdentityPapers;
use super::record::RecordMeta;
use super::region;
use super::sorting;
use super::stage::Stage;
use super::validation::{err, phone, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The stable text form used in forms and filters (same as in storage).
            pub fn code(self) -> String {
                super::code_of(self)
            }
            pub fn from_code(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|x| x.code() == s)
            }
        }
    };
}

choice!(Religion {
    Islam,
    Protestant,
    Catholic,
    Hindu,
    Buddhist,
    Confucian,
    Other,
    Unknown
});
choice!(Education {
    None,
    Primary,
    JuniorSecondary,
    SeniorSecondary,
    Diploma,
    Bachelor,
    Unknown
});
choice!(MaritalStatus {
    Single,
    Married,
    Divorced,
    Widowed,
    Unknown
});
choice!(
    /// Who brought the resident to the shelter.
    ReferralSource { SatpolPpRaid, DinasSosial, Police, SelfReferred, Family, Other }
);
choice!(
    /// Where the resident is in the programme, coarsely: derived from her stage
    /// (`Stage::status`), as reports count.
    ResidentStatus { Active, Completed, LeftEarly, Referred }
);

/// The surat pernyataan: the statement the resident and her family sign at intake.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub date: Date,
    /// Who witnessed the signing.
    pub witness: String,
}

/// What a resident's case carries that the intake form does not edit: her stage (moved by
/// stage-change records, `domain/stage.rs`), which admission this is, and her number in the
/// register (buku induk), given once at registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFields {
    pub stage: Stage,
    pub episode: u32,
    pub register_no: String,
}

impl Default for CaseFields {
    fn default() -> CaseFields {
        CaseFields {
            stage: Stage::Intake,
            episode: 1,
            register_no: String::new(),
        }
    }
}

fn first_episode() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Whose number: "HP sendiri", "Ibu", ...
    pub label: String,
    pub number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub full_name: String,
    pub alias: String,
    pub birth_date: Option<Date>,
    /// Used when the date of birth is not known.
    pub estimated_age: Option<u8>,
    /// Kemendagri codes; empty when not known.
    pub origin_province: String,
    pub origin_regency: String,
    pub family_address: String,
    pub contacts: Vec<Contact>,
    pub religion: Religion,
    pub education: Education,
    pub marital_status: MaritalStatus,
    pub children: u8,
    pub referral_source: ReferralSource,
    pub referral_note: String,
    pub intake_date: Date,
    /// Angkatan, e.g. "2026-I".
    pub cohort: String,
    pub papers: IdentityPapers,
    /// The buku induk number, `2026/014`: the intake year and her place in it.
    #[serde(default)]
    pub register_no: String,
    #[serde(default)]
    pub statement: Option<Statement>,
    /// As the last stage change left it (the changes are the history).
    pub stage: Stage,
    #[serde(default = "first_episode")]
    pub episode: u32,
}

/// What the registration form holds: everything as typed, before validation.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResidentDraft {
    pub full_name: String,
    pub alias: String,
    pub birth_date: String,
    pub estimated_age: String,
    pub origin_province: String,
    pub origin_regency: String,
    pub family_address: String,
    pub phone_own: String,
    pub phone_family: String,
    pub religion: String,
    pub education: String,
    pub marital_status: String,
    pub children: String,
    pub referral_source: String,
    pub referral_note: String,
    pub intake_date: String,
    pub cohort: String,
    pub papers: IdentityPapers,
    pub statement_date: String,
    pub statement_witness: String,
    pub case: CaseFields,
}

pub const PHONE_OWN: &str = "own";
pub const PHONE_FAMILY: &str = "family";

/// "2026-I" .. "2026-XII": a year and a Roman numeral for the intake within it.
pub fn is_cohort(s: &str) -> bool {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    match s.split_once('-') {
        Some((y, r)) => y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && ROMAN.contains(&r),
        None => false,
    }
}

fn choice<T: Copy>(v: &str, from: fn(&str) -> Option<T>, default: T) -> T {
    from(v).unwrap_or(default)
}

impl ResidentDraft {
    pub fn from_resident(r: &Resident) -> ResidentDraft {
        let find = |label: &str| {
            r.contacts
                .iter()
                .find(|c| c.label == label)
                .map(|c| c.number.clone())
                .unwrap_or_default()
        };
        ResidentDraft {
            full_name: r.full_name.clone(),
            alias: r.alias.clone(),
            birth_date: r.birth_date.map(|d| d.iso()).unwrap_or_default(),
            estimated_age: r.estimated_age.map(|a| a.to_string()).unwrap_or_default(),
            origin_province: r.origin_province.clone(),
            origin_regency: r.origin_regency.clone(),
            family_address: r.family_address.clone(),
            phone_own: find(PHONE_OWN),
            phone_family: find(PHONE_FAMILY),
            religion: r.religion.code(),
            education: r.education.code(),
            marital_status: r.marital_status.code(),
            children: r.children.to_string(),
            referral_source: r.referral_source.code(),
            referral_note: r.referral_note.clone(),
            intake_date: r.intake_date.iso(),
            cohort: r.cohort.clone(),
            papers: r.papers,
            statement_date: r
                .statement
                .as_ref()
                .map(|s| s.date.iso())
                .unwrap_or_default(),
            statement_witness: r
                .statement
                .as_ref()
                .map(|s| s.witness.clone())
                .unwrap_or_default(),
            case: CaseFields {
                stage: r.stage,
                episode: r.episode,
                register_no: r.register_no.clone(),
            },
        }
    }

    /// Checks every field against the rules of intake. `today` bounds dates from above.
    pub fn validate(&self, today: Date) -> Result<Resident, Vec<FieldError>> {
        let mut e = vec![];
        let full_name = text(&mut e, "full_name", &self.full_name, true, 2, 100);
        let alias = text(&mut e, "alias", &self.alias, false, 1, 60);

        let birth_date = match self.birth_date.trim() {
            "" => None,
            s => match Date::parse_iso(s) {
                Some(d) if d > today => {
                    e.push(err("birth_date", Problem::InTheFuture));
                    None
                }
                Some(d) if d.years_until(today) > 100 => {
                    e.push(err("birth_date", Problem::TooOld));
                    None
                }
                Some(d) => Some(d),
                None => {
                    e.push(err("birth_date", Problem::NotADate));
                    None
                }
            },
        };
        let estimated_age = match self.estimated_age.trim() {
            "" => None,
            s => match s.parse::<u8>() {
                Ok(a) if (12..=90).contains(&a) => Some(a),
                _ => {
                    e.push(err(
                        "estimated_age",
                        Problem::OutOfRange { min: 12, max: 90 },
                    ));
                    None
                }
            },
        };
        if self.birth_date.trim().is_empty() && self.estimated_age.trim().is_empty() {
            e.push(err("birth_date", Problem::BirthOrAgeRequired));
        }

        let origin_province = self.origin_province.trim().to_string();
        let origin_regency = self.origin_regency.trim().to_string();
        if !origin_province.is_empty() && region::province(&origin_province).is_none() {
            e.push(err("origin_province", Problem::UnknownRegion));
        }
        if !origin_regency.is_empty() {
            match region::province_of_regency(&origin_regency) {
                None => e.push(err("origin_regency", Problem::UnknownRegion)),
                Some(p) if p.code != origin_province => {
                    e.push(err("origin_regency", Problem::RegencyNotInProvince))
                }
                Some(_) => {}
            }
        }
        let family_address = text(
            &mut e,
            "family_address",
            &self.family_address,
            false,
            5,
            300,
        );

        let mut contacts = vec![];
        for (field, label, v) in [
            ("phone_own", PHONE_OWN, &self.phone_own),
            ("phone_family", PHONE_FAMILY, &self.phone_family),
        ] {
            let n = phone(&mut e, field, v);
            if !n.is_empty() {
                contacts.push(Contact {
                    label: label.into(),
                    number: n,
                });
            }
        }

        let children = match self.children.trim() {
            "" => 0,
            s => s
                .parse::<u8>()
                .ok()
                .filter(|n| *n <= 20)
                .unwrap_or_else(|| {
                    e.push(err("children", Problem::OutOfRange { min: 0, max: 20 }));
                    0
                }),
        };
        let referral_note = text(&mut e, "referral_note", &self.referral_note, false, 0, 300);

        let intake_date = match Date::parse_iso(self.intake_date.trim()) {
            Some(d) if d > today => {
                e.push(err("intake_date", Problem::InTheFuture));
                None
            }
            Some(d) if birth_date.is_some_and(|b| d < b) => {
                e.push(err("intake_date", Problem::BeforeBirth));
                None
            }
            Some(d) => Some(d),
            None if self.intake_date.trim().is_empty() => {
                e.push(err("intake_date", Problem::Required));
                None
            }
            None => {
                e.push(err("intake_date", Problem::NotADate));
                None
            }
        };
        let cohort = self.cohort.trim().to_uppercase();
        if cohort.is_empty() {
            e.push(err("cohort", Problem::Required));
        } else if !is_cohort(&cohort) {
            e.push(err("cohort", Problem::BadCohort));
        }

        let witness = text(
            &mut e,
            "statement_witness",
            &self.statement_witness,
            false,
            2,
            100,
        );
        let statement = match self.statement_date.trim() {
            "" => {
                if !witness.is_empty() {
                    e.push(err("statement_date", Problem::Required));
                }
                None
            }
            s => match Date::parse_iso(s) {
                None => {
                    e.push(err("statement_date", Problem::NotADate));
                    None
                }
                Some(d) if d > today => {
                    e.push(err("statement_date", Problem::InTheFuture));
                    None
                }
                Some(d) if intake_date.is_some_and(|i| d < i) => {
                    e.push(err("statement_date", Problem::BeforeIntake));
                    None
                }
                Some(_) if witness.is_empty() => {
                    e.push(err("statement_witness", Problem::Required));
                    None
                }
                Some(date) => Some(Statement {
                    date,
                    witness: witness.clone(),
                }),
            },
        };

        match (e.is_empty(), intake_date) {
            (true, Some(intake_date)) => Ok(Resident {
                full_name,
                alias,
                birth_date,
                estimated_age: if birth_date.is_some() {
                    None
                } else {
                    estimated_age
                },
                origin_province,
                origin_regency,
                family_address,
                contacts,
                religion: choice(&self.religion, Religion::from_code, Religion::Unknown),
                education: choice(&self.education, Education::from_code, Education::Unknown),
                marital_status: choice(
                    &self.marital_status,
                    MaritalStatus::from_code,
                    MaritalStatus::Unknown,
                ),
                children,
                referral_source: choice(
                    &self.referral_source,
                    ReferralSource::from_code,
                    ReferralSource::Other,
                ),
                referral_note,
                intake_date,
                cohort,
                papers: self.papers,
                register_no: self.case.register_no.clone(),
                statement,
                stage: self.case.stage,
                episode: self.case.episode,
            }),
            _ => Err(e),
        }
    }
}

impl Resident {
    /// Where she is in the programme, coarsely (from her stage).
    pub fn status(&self) -> ResidentStatus {
        self.stage.status()
    }

    /// Age in whole years on `today`, from the date of birth or the estimate.
    pub fn age_on(&self, today: Date) -> Option<i32> {
        match (self.birth_date, self.estimated_age) {
            (Some(b), _) => Some(b.years_until(today)),
            (None, Some(a)) => Some(i32::from(a)),
            _ => None,
        }
    }

    pub fn origin_label(&self) -> String {
        let reg = region::regency(&self.origin_regency).map(|r| r.name);
        let prov = region::province(&self.origin_province).map(|p| p.name);
        match (reg, prov) {
            (Some(r), Some(p)) => format!("{r}, {p}"),
            (None, Some(p)) => p.to_string(),
            _ => String::new(),
        }
    }
}

/// The dashboard's numbers about residents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResidentStats {
    /// Live residents.
    pub total: usize,
    /// Those in the programme now.
    pub active: usize,
    /// Those whose papers a third party holds.
    pub papers_held: usize,
    /// Live residents per stage, in `Stage::ALL` order.
    pub by_stage: [usize; 12],
    /// The latest intakes, newest first.
    pub recent: Vec<(RecordMeta, Resident)>,
}

/// Counts over live residents, and the `recent` latest intakes (by intake date, then id).
pub fn stats<'a>(
    residents: impl Iterator<Item = (&'a RecordMeta, &'a Resident)>,
    recent: usize,
) -> ResidentStats {
    let mut st = ResidentStats::default();
    let mut latest: Vec<(&RecordMeta, &Resident)> = vec![];
    for (m, x) in residents {
        st.total += 1;
        st.active += usize::from(x.stage.in_residence());
        st.by_stage[x.stage as usize] += 1;
        st.papers_held += usize::from(x.papers.any_confiscated());
        if recent > 0 {
            latest.push((m, x));
        }
    }
    sorting::sort_by(&mut latest, |a, b| {
        b.1.intake_date
            .cmp(&a.1.intake_date)
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    st.recent = latest
        .into_iter()
        .take(recent)
        .map(|(m, x)| (m.clone(), x.clone()))
        .collect();
    st
}

/// The next number in the register for an intake in `year`: one more than the highest of that
/// year's taken (`2026/014` → `2026/015`), three digits at least.
pub fn next_register_number<'a>(taken: impl Iterator<Item = &'a str>, year: u16) -> String {
    let prefix = format!("{year}/");
    let highest = taken
        .filter_map(|n| n.strip_prefix(prefix.as_str())?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{year}/{:03}", highest + 1)
}

/// Every cohort a live resident belongs to, newest first, each once.
pub fn cohorts<'a>(residents: impl Iterator<Item = &'a Resident>) -> Vec<String> {
    let mut c: Vec<String> = residents.map(|x| x.cohort.clone()).collect();
    sorting::sort_by(&mut c, |a, b| b.cmp(a));
    c.dedup();
    c
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::identity_paper::PaperStatus;

    pub(crate) fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    pub(crate) fn good_draft() -> ResidentDraft {
        ResidentDraft {
            full_name: "  Siti  Aminah ".into(),
            alias: "Mawar".into(),
            birth_date: "1999-04-12".into(),
            origin_province: "35".into(),
            origin_regency: "35.07".into(),
            family_address: "Dusun Krajan RT 02 RW 03, Desa Sumberejo".into(),
            phone_own: "0812-3456-7890".into(),
            religion: "islam".into(),
            education: "junior_secondary".into(),
            marital_status: "divorced".into(),
            children: "1".into(),
            referral_source: "satpol_pp_raid".into(),
            intake_date: "2026-02-03".into(),
            cohort: "2026-i".into(),
            papers: IdentityPapers {
                ktp: PaperStatus::ConfiscatedByThirdParty,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_becomes_a_resident() {
        let r = good_draft().validate(today()).unwrap();
        assert_eq!(r.full_name, "Siti Aminah");
        assert_eq!(r.cohort, "2026-I");
        assert_eq!(r.religion, Religion::Islam);
        assert_eq!(r.education, Education::JuniorSecondary);
        assert_eq!(
            r.contacts,
            vec![Contact {
                label: "own".into(),
                number: "0812-3456-7890".into()
            }]
        );
        assert_eq!(r.age_on(today()), Some(27));
        assert_eq!(r.origin_label(), "Kabupaten Malang, Jawa Timur");
        assert!(r.papers.any_confiscated());
        assert_eq!(
            ResidentDraft::from_resident(&r).validate(today()).unwrap(),
            r
        );
    }

    fn problems(d: ResidentDraft) -> Vec<(&'static str, Problem)> {
        d.validate(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn each_rule_reports_its_field() {
        let d = ResidentDraft {
            full_name: " ".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("full_name", Problem::Required)]);
        let d = ResidentDraft {
            birth_date: "2027-01-01".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("birth_date", Problem::InTheFuture)]);
        let d = ResidentDraft {
            birth_date: "31/12/1999".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("birth_date", Problem::NotADate)]);
        let d = ResidentDraft {
            birth_date: "".into(),
            estimated_age: "".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(d),
            vec![("birth_date", Problem::BirthOrAgeRequired)]
        );
        let d = ResidentDraft {
            birth_date: "".into(),
            estimated_age: "7".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(d),
            vec![("estimated_age", Problem::OutOfRange { min: 12, max: 90 })]
        );
        let d = ResidentDraft {
            origin_regency: "35.78".into(),
            origin_province: "34".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(d),
            vec![("origin_regency", Problem::RegencyNotInProvince)]
        );
        let d = ResidentDraft {
            origin_province: "99".into(),
            origin_regency: "".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(d),
            vec![("origin_province", Problem::UnknownRegion)]
        );
        let d = ResidentDraft {
            phone_family: "0812-ABC".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("phone_family", Problem::BadPhone)]);
        let d = ResidentDraft {
            children: "x".into(),
            ..good_draft()
        };
        assert_eq!(
            problems(d),
            vec![("children", Problem::OutOfRange { min: 0, max: 20 })]
        );
        let d = ResidentDraft {
            intake_date: "".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("intake_date", Problem::Required)]);
        let d = ResidentDraft {
            intake_date: "1990-01-01".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("intake_date", Problem::BeforeBirth)]);
        let d = ResidentDraft {
            cohort: "angkatan 1".into(),
            ..good_draft()
        };
        assert_eq!(problems(d), vec![("cohort", Problem::BadCohort)]);
    }

    #[test]
    fn estimated_age_is_used_only_without_a_birth_date() {
        let d = ResidentDraft {
            birth_date: "".into(),
            estimated_age: "30".into(),
            ..good_draft()
        };
        let r = d.validate(today()).unwrap();
        assert_eq!(
            (r.birth_date, r.estimated_age, r.age_on(today())),
            (None, Some(30), Some(30))
        );
    }

    #[test]
    fn register_numbers_count_up_within_a_year() {
        let taken = ["2026/009", "2026/014", "2025/120", "lama", ""];
        assert_eq!(
            next_register_number(taken.iter().copied(), 2026),
            "2026/015"
        );
        assert_eq!(
            next_register_number(taken.iter().copied(), 2027),
            "2027/001"
        );
        assert_eq!(
            next_register_number(["2026/999"].into_iter(), 2026),
            "2026/1000"
        );
    }

    #[test]
    fn the_statement_needs_a_date_and_a_witness_and_cannot_predate_intake() {
        let mut d = good_draft();
        d.statement_date = d.intake_date.clone();
        d.statement_witness = "Bu Sari (pekerja sosial) dan ibu klien".into();
        let r = d.validate(today()).unwrap();
        assert_eq!(
            r.statement.unwrap().witness,
            "Bu Sari (pekerja sosial) dan ibu klien"
        );
        let mut d = good_draft();
        d.statement_date = "2026-01-01".into();
        assert_eq!(
            problems(d.clone()),
            [("statement_date", Problem::BeforeIntake)]
        );
        d.statement_date = d.intake_date.clone();
        assert_eq!(
            problems(d.clone()),
            [("statement_witness", Problem::Required)]
        );
        d.statement_date = String::new();
        d.statement_witness = "Ibu klien".into();
        assert_eq!(problems(d), [("statement_date", Problem::Required)]);
    }

    #[test]
    fn cohort_shapes() {
        assert!(is_cohort("2026-I") && is_cohort("2025-XII"));
        assert!(!is_cohort("2026-XIII") && !is_cohort("26-I") && !is_cohort("2026"));
    }

    #[test]
    fn choice_codes_round_trip() {
        for r in ReferralSource::ALL {
            assert_eq!(ReferralSource::from_code(&r.code()), Some(*r));
        }
        assert_eq!(Education::JuniorSecondary.code(), "junior_secondary");
    }

    #[test]
    fn stats_count_live_residents_and_list_the_latest_intakes() {
        let meta = |n: u8| RecordMeta {
            id: crate::domain::id::RecordId::from_random_bytes([n; 16]),
            kind: crate::domain::record::RecordKind::Resident,
            rev: 1,
            created_at: 0,
            updated_at: 0,
            created_by: crate::domain::id::RecordId::from_random_bytes([0; 16]),
            updated_by: crate::domain::id::RecordId::from_random_bytes([0; 16]),
            deleted: false,
            versions: Default::default(),
        };
        let mut a = good_draft().validate(today()).unwrap();
        a.papers = Default::default();
        let mut b = a.clone();
        b.stage = Stage::Aftercare;
        b.intake_date = Date::new(2026, 5, 1).unwrap();
        b.cohort = "2026-III".into();
        b.papers.ktp = PaperStatus::ConfiscatedByThirdParty;
        let (ma, mb) = (meta(1), meta(2));
        let st = stats([(&ma, &a), (&mb, &b)].into_iter(), 1);
        assert_eq!((st.total, st.active, st.papers_held), (2, 1, 1));
        assert_eq!(st.by_stage[Stage::Intake as usize], 1);
        assert_eq!(st.by_stage[Stage::Aftercare as usize], 1);
        assert_eq!(st.recent, vec![(mb.clone(), b.clone())]);
        assert_eq!(
            cohorts([&a, &b, &a].into_iter()),
            vec!["2026-III".to_string(), a.cohort.clone()]
        );
    }
}
