//! Deterministic synthetic data at shelter scale, for benchmarks and for demonstrating the app
//! in development builds. Pure (depends on `domain` only): the same seed gives the same records.
//!
//! "Shelter, 10 years" is 2,000 residents in 20 cohorts (two a year), each with her case as far
//! as it went (stage moves, assessment, case conference, plan and review, ATENSI services,
//! discharge and aftercare follow-ups), ~20,000 case notes in all (one resident's long case has
//! 300 entries on her timeline), ~20,000 attendance sessions, and expenses. "Province" is the same
//! with 20,000 residents. Every name and story here is invented.

use crate::domain::aftercare::{
    self, AtensiComponent, AtensiService, ContactMethod, Discharge, DischargeReason, FollowUpVisit,
    KitItem, Outcome,
};
use crate::domain::assessment::{self, Assessment, Entry, Indicator, Reason};
use crate::domain::attendance::{Activity, AttendanceSession};
use crate::domain::case_note::{CaseNote, NoteKind, NoteText};
use crate::domain::cohort::Cohort;
use crate::domain::date::Date;
use crate::domain::expense::{Expense, ExpenseCategory};
use crate::domain::id::RecordId;
use crate::domain::identity_paper::{IdentityPapers, PaperStatus};
use crate::domain::plan::{
    CaseConference, Goal, InterventionPlan, PlanReview, PlannedActivity, Progress,
};
use crate::domain::record::{Record, RecordBody, Stamp};
use crate::domain::region;
use crate::domain::resident::{
    Contact, Education, MaritalStatus, ReferralSource, Religion, Resident,
};
use crate::domain::restricted::Restricted;
use crate::domain::shelter::Shelter;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::stage::{Stage, StageChange, SEQUENCE};

/// SplitMix64: small, fast, deterministic. Not for secrets.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    fn bytes16(&mut self) -> [u8; 16] {
        let (a, b) = (self.next_u64().to_le_bytes(), self.next_u64().to_le_bytes());
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&a);
        out[8..].copy_from_slice(&b);
        out
    }
    fn id(&mut self) -> RecordId {
        RecordId::from_random_bytes(self.bytes16())
    }
}

const FIRST: &[&str] = &[
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Wulan", "Ayu", "Fitri", "Lestari", "Yuli", "Indah",
    "Ratna", "Eka", "Dian", "Novi", "Rika", "Sari", "Tri", "Wahyu", "Yanti", "Ani", "Endang",
    "Kartini", "Suminah", "Sulastri", "Puji", "Retno", "Mega", "Putri", "Anisa", "Nabila",
    "Rahayu", "Winarti", "Umi", "Lilis", "Tutik", "Heni", "Erna", "Maya", "Ida",
];
const SECOND: &[&str] = &[
    "Aminah",
    "Hasanah",
    "Lestari",
    "Wulandari",
    "Rahmawati",
    "Kartika",
    "Susanti",
    "Handayani",
    "Purwanti",
    "Astuti",
    "Safitri",
    "Yuliani",
    "Maharani",
    "Anggraini",
    "Permatasari",
    "Setyowati",
    "Kusumawati",
    "Nurhayati",
    "Fatimah",
    "Marlina",
    "Oktaviani",
    "Pratiwi",
    "Rosita",
    "Sulistyowati",
    "Utami",
    "Widyastuti",
    "Zulaikha",
    "Ningsih",
    "Sumarni",
];
const ALIASES: &[&str] = &[
    "Mawar", "Melati", "Kenanga", "Anggrek", "Dahlia", "Bunga", "Ina", "Yuyun", "Neng", "Cici",
    "Tata", "Lala",
];
const VILLAGES: &[&str] = &[
    "Sumberejo",
    "Krajan",
    "Tegalsari",
    "Karangrejo",
    "Sidomulyo",
    "Wonorejo",
    "Mulyorejo",
    "Sukorejo",
    "Kedungsari",
];
const FIELDS: &[&str] = &["salon", "tataboga", "jahit", "rias"];
const NOTE_OPENINGS: &[&str] = &[
    "Klien hadir tepat waktu dan terbuka bercerita tentang keluarganya.",
    "Klien tampak lelah; mengaku sulit tidur sejak pekan lalu.",
    "Sesi konseling membahas rencana setelah keluar dari UPT.",
    "Kunjungan ke rumah keluarga: ibu klien menerima dengan baik.",
    "Klien menyampaikan keinginan membuka usaha jahit di desanya.",
    "Asesmen lanjutan: motivasi meningkat, hubungan dengan teman sekamar membaik.",
];
const NOTE_MIDDLES: &[&str] = &[
    "Pekerja sosial menjelaskan langkah pengurusan KTP yang masih ditahan pihak ketiga.",
    "Dibahas pengelolaan uang saku dan tabungan untuk modal usaha.",
    "Klien diajak menyusun jadwal harian bersama pembimbing agama.",
    "Ada keluhan kesehatan ringan; dirujuk ke Puskesmas untuk pemeriksaan.",
    "Keluarga bersedia menerima klien kembali setelah masa pembinaan selesai.",
    "Klien aktif di kelas keterampilan dan membantu teman yang tertinggal.",
];
const NOTE_ENDS: &[&str] = &[
    "Tindak lanjut: konseling lanjutan dua minggu lagi.",
    "Tindak lanjut: koordinasi dengan Dinas Sosial kabupaten asal.",
    "Tindak lanjut: surat rujukan ke psikolog.",
    "Tindak lanjut: tidak ada untuk saat ini.",
];

/// The last day generated data may fall on.
const LAST_DAY: (u16, u8, u8) = (2026, 11, 27);

fn date_in(rng: &mut Rng, start: Date, days: i64) -> Date {
    let last = Date::new(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).expect("date");
    let d = Date::from_timestamp(
        ((start.days_since_epoch() + rng.below(days.max(1) as usize) as i64) * 86_400_000) as u64,
    );
    d.min(last).max(start.min(last))
}

fn last_day() -> Date {
    Date::new(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).expect("date")
}

fn stage_change(
    resident: &RecordId,
    date: Date,
    from: Option<Stage>,
    to: Stage,
    st: &Stamp,
) -> Record {
    let reason = if to.is_exit() {
        "Tidak kembali setelah izin pulang."
    } else {
        ""
    };
    Record::create(
        RecordId::from_random_bytes(ids_from(resident, date, to)),
        RecordBody::StageChange(StageChange {
            resident: resident.clone(),
            episode: 1,
            date,
            from,
            to,
            reason: reason.into(),
        }),
        st,
    )
}

/// A stage change's id from what it is (the generator's randomness stays as it was, so the
/// other records are the same as before stage changes were generated).
fn ids_from(resident: &RecordId, date: Date, to: Stage) -> [u8; 16] {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in resident
        .as_str()
        .bytes()
        .chain(date.iso().bytes())
        .chain([to as u8])
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&h.to_le_bytes());
    out[8..].copy_from_slice(
        &h.rotate_left(29)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .to_le_bytes(),
    );
    out
}

fn ms(d: Date) -> u64 {
    d.days_since_epoch() as u64 * 86_400_000 + 3 * 3_600_000
}

/// The generated records, in creation order.
pub struct Generated {
    pub records: Vec<Record>,
    pub residents: usize,
}

/// Generates a shelter's data over ten years (2017-2026) for `residents` residents. With
/// `everything` false, only the shelter, staff and residents (what search needs).
pub fn generate(seed: u64, residents: usize, everything: bool) -> Generated {
    let mut rng = Rng::new(seed);
    let device = "synthetic".to_string();
    let first_day = Date::new(2017, 1, 2).expect("date");
    let admin = rng.id();
    let stamp = |by: &RecordId, at: u64| Stamp {
        by: by.clone(),
        at,
        device: device.clone(),
    };
    let mut out = vec![
        Record::create(
            rng.id(),
            RecordBody::Shelter(Shelter::named("UPT Rehabilitasi Sosial Bina Karya Wanita")),
            &stamp(&admin, ms(first_day)),
        ),
        Record::create(
            admin.clone(),
            RecordBody::Staff(StaffMember::new("Bu Ratna Wijayanti", StaffRole::Head)),
            &stamp(&admin, ms(first_day)),
        ),
    ];
    let mut workers = vec![];
    for (i, role) in [
        StaffRole::SocialWorker,
        StaffRole::SocialWorker,
        StaffRole::SocialWorker,
        StaffRole::SocialWorker,
        StaffRole::Instructor,
        StaffRole::Instructor,
        StaffRole::ReligiousGuide,
        StaffRole::Admin,
    ]
    .into_iter()
    .enumerate()
    {
        let id = rng.id();
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(SECOND));
        out.push(Record::create(
            id.clone(),
            RecordBody::Staff(StaffMember::new(name, role)),
            &stamp(&admin, ms(first_day)),
        ));
        if i < 4 {
            workers.push(id);
        }
    }
    let provinces: Vec<_> = region::provinces().collect();
    let cohorts = 20;
    let per_cohort = residents.div_ceil(cohorts);
    let mut by_cohort: Vec<Vec<RecordId>> = vec![vec![]; cohorts];
    let mut resident_ids = vec![];
    // The cohorts' records: two a year, six months each.
    for c in 0..cohorts {
        let year = 2017 + (c / 2) as u16;
        let (term, month) = if c % 2 == 0 { ("I", 1) } else { ("II", 7) };
        let name = format!("{year}-{term}");
        let start = Date::new(year, month, 2).expect("date");
        out.push(Record::create(
            Cohort::id_for(&name),
            RecordBody::Cohort(Cohort {
                name,
                start: Some(start),
                end: Some(start.plus_months(6).plus_days(-1)),
                capacity: Some(per_cohort as u32 + 10),
                social_worker: Some(workers[c % workers.len()].clone()),
            }),
            &stamp(&admin, ms(first_day)),
        ));
    }
    let mut register: std::collections::BTreeMap<u16, u32> = std::collections::BTreeMap::new();
    for n in 0..residents {
        let c = n / per_cohort.max(1);
        let year = 2017 + (c / 2) as u16;
        let term = if c % 2 == 0 { "I" } else { "II" };
        let intake = date_in(
            &mut rng,
            Date::new(year, if c % 2 == 0 { 1 } else { 7 }, 2).expect("date"),
            60,
        );
        // Most residents come from East Java, the rest from anywhere.
        let prov = if rng.chance(70) {
            "35".to_string()
        } else {
            rng.pick(&provinces).code.to_string()
        };
        let regencies: Vec<_> = region::regencies_of(&prov).collect();
        let reg = rng.pick(&regencies).code.to_string();
        let born = date_in(
            &mut rng,
            Date::new(year - 40, 1, 1).expect("date"),
            365 * 24,
        );
        let papers = IdentityPapers {
            ktp: *rng.pick(&PaperStatus::ALL),
            kk: *rng.pick(&PaperStatus::ALL),
            birth_certificate: *rng.pick(&PaperStatus::ALL),
        };
        let stage = if year >= 2026 {
            *rng.pick(&SEQUENCE[..5])
        } else if year == 2025 {
            *rng.pick(&[
                Stage::Aftercare,
                Stage::Aftercare,
                Stage::Closed,
                Stage::LeftWithoutNotice,
            ])
        } else {
            *rng.pick(&[
                Stage::Closed,
                Stage::Closed,
                Stage::Closed,
                Stage::LeftWithoutNotice,
                Stage::ReferredOut,
            ])
        };
        let serial = register.entry(year).or_insert(0);
        *serial += 1;
        let register_no = format!("{year}/{serial:03}");
        let r = Resident {
            full_name: format!("{} {}", rng.pick(FIRST), rng.pick(SECOND)),
            alias: if rng.chance(40) {
                rng.pick(ALIASES).to_string()
            } else {
                String::new()
            },
            birth_date: if rng.chance(85) { Some(born) } else { None },
            estimated_age: Some(born.years_until(intake).clamp(15, 60) as u8),
            origin_province: prov,
            origin_regency: reg,
            family_address: format!(
                "Dusun {} RT {:02} RW {:02}",
                rng.pick(VILLAGES),
                1 + rng.below(12),
                1 + rng.below(8)
            ),
            contacts: vec![Contact {
                label: "family".into(),
                number: format!("08{:010}", rng.next_u64() % 10_000_000_000),
            }],
            religion: if rng.chance(88) {
                Religion::Islam
            } else {
                *rng.pick(Religion::ALL)
            },
            education: *rng.pick(Education::ALL),
            marital_status: *rng.pick(MaritalStatus::ALL),
            children: rng.below(4) as u8,
            referral_source: *rng.pick(ReferralSource::ALL),
            referral_note: String::new(),
            intake_date: intake,
            cohort: format!("{year}-{term}"),
            papers,
            register_no,
            statement: None,
            stage,
            episode: 1,
        };
        let r = Resident {
            estimated_age: if r.birth_date.is_some() {
                None
            } else {
                r.estimated_age
            },
            ..r
        };
        let id = rng.id();
        let worker = rng.pick(&workers).clone();
        out.push(Record::create(
            id.clone(),
            RecordBody::Resident(r),
            &stamp(&worker, ms(intake)),
        ));
        by_cohort[c.min(cohorts - 1)].push(id.clone());
        // Her case's history: through the sequence a month a stage, then an exit if she left.
        let reached = if !everything {
            Stage::Intake
        } else if stage.is_exit() {
            SEQUENCE[1 + rng.below(4)]
        } else {
            stage
        };
        let mut from = None;
        let mut day = intake;
        let mut stage_days = vec![];
        for (k, to) in SEQUENCE
            .iter()
            .copied()
            .enumerate()
            .take(if everything { 8 } else { 0 })
        {
            if k > 0 {
                day = day.plus_days(30).min(last_day());
            }
            out.push(stage_change(&id, day, from, to, &stamp(&worker, ms(day))));
            stage_days.push((to, day));
            from = Some(to);
            if to == reached {
                break;
            }
        }
        if everything && stage.is_exit() {
            day = day.plus_days(20).min(last_day());
            out.push(stage_change(
                &id,
                day,
                from,
                stage,
                &stamp(&worker, ms(day)),
            ));
        }
        if everything {
            let staff = [admin.clone(), worker.clone()];
            out.extend(casework(&mut rng, &id, &stage_days, &staff, &stamp));
        }
        resident_ids.push((id, intake, worker));
    }
    if everything && residents > 0 {
        // Case notes: two assessments per resident, the rest counselling and visits (~10 each).
        let notes_total = residents * 10;
        for i in 0..notes_total {
            let (rid, intake, worker) = resident_ids[i % residents].clone();
            let kind = if i < residents * 2 {
                NoteKind::Interview
            } else {
                *rng.pick(&[
                    NoteKind::IndividualCounselling,
                    NoteKind::IndividualCounselling,
                    NoteKind::HomeVisit,
                    NoteKind::GroupSession,
                    NoteKind::Other,
                ])
            };
            let date = date_in(&mut rng, intake, 150);
            let text = format!(
                "{} {} {}",
                rng.pick(NOTE_OPENINGS),
                rng.pick(NOTE_MIDDLES),
                rng.pick(NOTE_ENDS)
            );
            out.push(Record::create(
                rng.id(),
                RecordBody::CaseNote(CaseNote {
                    resident: rid,
                    date,
                    kind,
                    // Counselling is confidential; interviews and visits are the team's.
                    text: if kind == NoteKind::IndividualCounselling {
                        NoteText::Confidential(Restricted::Open(text))
                    } else {
                        NoteText::Shared(text)
                    },
                    follow_up: None,
                }),
                &stamp(&worker, ms(date)),
            ));
        }
        // One resident with a long, busy case: 300 entries on her timeline.
        let (rid, intake, worker) = resident_ids[0].clone();
        for _ in 0..LONG_CASE_EXTRA_NOTES {
            let date = date_in(&mut rng, intake, 300);
            out.push(Record::create(
                rng.id(),
                RecordBody::CaseNote(CaseNote {
                    resident: rid.clone(),
                    date,
                    kind: NoteKind::GroupSession,
                    text: NoteText::Shared(rng.pick(NOTE_MIDDLES).to_string()),
                    follow_up: None,
                }),
                &stamp(&worker, ms(date)),
            ));
        }
        // Attendance: ~10 sessions per resident in all, each for one cohort's class.
        let sessions = residents * 10;
        for i in 0..sessions {
            let c = i % cohorts;
            let class = &by_cohort[c];
            if class.is_empty() {
                continue;
            }
            let (_, intake, _) = resident_ids
                .iter()
                .find(|(id, _, _)| *id == class[0])
                .cloned()
                .expect("class member");
            let date = date_in(&mut rng, intake, 150);
            let activity = *rng.pick(&[
                Activity::Vocational,
                Activity::Vocational,
                Activity::Pengajian,
                Activity::TahajudBerjamaah,
                Activity::Dzikir,
                Activity::KerjaBakti,
            ]);
            let start = rng.below(class.len());
            let size = class.len().min(25);
            let members: Vec<RecordId> = (0..size)
                .map(|k| class[(start + k) % class.len()].clone())
                .collect();
            let (present, absent): (Vec<_>, Vec<_>) =
                members.into_iter().partition(|_| rng.chance(90));
            let field = if activity == Activity::Vocational {
                rng.pick(FIELDS).to_string()
            } else {
                String::new()
            };
            out.push(Record::create(
                rng.id(),
                RecordBody::Attendance(AttendanceSession {
                    date,
                    activity,
                    field,
                    present,
                    absent,
                    excused: vec![],
                    sick: vec![],
                    schedule: None,
                    title: String::new(),
                }),
                &stamp(&workers[0], ms(date)),
            ));
        }
        // Expenses: three per resident (starter kit, health, transport) and shared ones.
        for i in 0..residents * 3 {
            let (rid, intake, _) = resident_ids[i % residents].clone();
            let date = date_in(&mut rng, intake, 180);
            let category = *rng.pick(&[
                ExpenseCategory::StarterKit,
                ExpenseCategory::Health,
                ExpenseCategory::Transport,
                ExpenseCategory::Documents,
                ExpenseCategory::Food,
                ExpenseCategory::Training,
            ]);
            let amount = 25_000 * (1 + rng.below(80)) as i64;
            let resident = if rng.chance(70) { Some(rid) } else { None };
            out.push(Record::create(
                rng.id(),
                RecordBody::Expense(Expense {
                    date,
                    category,
                    amount,
                    resident,
                    note: String::new(),
                    line: None,
                    cohort: String::new(),
                    receipt: String::new(),
                }),
                &stamp(&admin, ms(date)),
            ));
        }
    }
    Generated {
        records: out,
        residents,
    }
}

/// Notes beyond the usual given to the first resident, whose timeline the benchmarks render.
pub const LONG_CASE_EXTRA_NOTES: usize = 270;

/// One resident's casework records after intake, as far as her case went (`stage_days`: each
/// stage she reached and the day she reached it): the assessment, the case conference and
/// plan, a review, ATENSI services, and the discharge with its follow-ups.
fn casework(
    rng: &mut Rng,
    resident: &RecordId,
    stage_days: &[(Stage, Date)],
    staff: &[RecordId; 2],
    stamp: &dyn Fn(&RecordId, u64) -> Stamp,
) -> Vec<Record> {
    let on = |s: Stage| stage_days.iter().find(|(x, _)| *x == s).map(|(_, d)| *d);
    let worker = &staff[1];
    let mut out = vec![];
    let mut push = |rng: &mut Rng, date: Date, body: RecordBody| {
        out.push(Record::create(rng.id(), body, &stamp(worker, ms(date))));
    };
    let field = rng.pick(FIELDS).to_string();
    if let Some(day) = on(Stage::Assessment) {
        let date = day.plus_days(5).min(last_day());
        let indicators = if rng.chance(30) {
            vec![*rng.pick(&Indicator::ALL)]
        } else {
            vec![]
        };
        let body = Assessment {
            resident: resident.clone(),
            date,
            form_version: assessment::FORM_VERSION,
            entry: Restricted::Open(Entry {
                reasons: vec![*rng.pick(&Reason::ALL[..5])],
                other_reason: String::new(),
                indicators,
            }),
            health: Restricted::Open("Sehat; periksa rutin ke Puskesmas.".into()),
            family: "Tinggal bersama ibu dan dua anak.".into(),
            education_skills: "Lulus SMP; bisa memasak.".into(),
            interests: vec![field.clone(), rng.pick(FIELDS).to_string()],
            needs: "KTP baru, keterampilan kerja, modal usaha.".into(),
            strengths: "Tekun dan didukung keluarga.".into(),
        };
        push(rng, date, RecordBody::Assessment(body));
    }
    let Some(planning) = on(Stage::Planning) else {
        return out;
    };
    push(
        rng,
        planning,
        RecordBody::CaseConference(CaseConference {
            resident: resident.clone(),
            date: planning,
            participants: staff.to_vec(),
            findings: "Membutuhkan keterampilan kerja dan dokumen kependudukan.".into(),
            decisions: format!("Pelatihan {field}; urus KTP ke Dukcapil."),
        }),
    );
    let plan = InterventionPlan {
        resident: resident.clone(),
        version: 1,
        date: planning,
        findings: "Kebutuhan: KTP baru, keterampilan kerja, modal usaha.".into(),
        goals: vec![
            Goal {
                goal: format!("Mampu bekerja di bidang {field}"),
                indicator: "Lulus uji praktik".into(),
                target: planning.plus_months(4),
            },
            Goal {
                goal: "Memiliki KTP".into(),
                indicator: "KTP terbit".into(),
                target: planning.plus_months(2),
            },
        ],
        activities: vec![
            PlannedActivity {
                activity: format!("Pelatihan {field}"),
                role: StaffRole::Instructor,
            },
            PlannedActivity {
                activity: "Konseling individu bulanan".into(),
                role: StaffRole::SocialWorker,
            },
        ],
        resources: "Bahan praktik".into(),
        field: field.clone(),
    };
    let plan_id = rng.id();
    out.push(Record::create(
        plan_id.clone(),
        RecordBody::InterventionPlan(plan),
        &stamp(worker, ms(planning)),
    ));
    let mut push = |rng: &mut Rng, date: Date, body: RecordBody| {
        out.push(Record::create(rng.id(), body, &stamp(worker, ms(date))));
    };
    let Some(intervention) = on(Stage::Intervention) else {
        return out;
    };
    let review = intervention.plus_days(20).min(last_day());
    let second = *rng.pick(&Progress::ALL);
    push(
        rng,
        review,
        RecordBody::PlanReview(PlanReview {
            resident: resident.clone(),
            plan: plan_id,
            date: review,
            progress: vec![Progress::InProgress, second],
            notes: String::new(),
        }),
    );
    for (component, value) in [
        (AtensiComponent::TherapyPsychosocial, 0),
        (AtensiComponent::VocationalAndEntrepreneurship, 350_000),
    ] {
        push(
            rng,
            intervention,
            RecordBody::AtensiService(AtensiService {
                resident: resident.clone(),
                date: intervention,
                component,
                aid_value: value,
                description: field.clone(),
            }),
        );
    }
    let Some(termination) = on(Stage::Termination) else {
        return out;
    };
    let discharge = Discharge {
        resident: resident.clone(),
        date: termination,
        reason: DischargeReason::Completed,
        regency: String::new(),
        address: String::new(),
        received_by: "Keluarga".into(),
        kit: vec![KitItem {
            item: format!("Peralatan {field}"),
            quantity: 1,
            value: 1_000_000 + 250_000 * rng.below(5) as u64,
        }],
    };
    let schedule = discharge.schedule(&aftercare::DEFAULT_INTERVALS);
    push(rng, termination, RecordBody::Discharge(discharge));
    for (month, due) in schedule {
        if due > last_day() || !rng.chance(85) {
            continue;
        }
        let date = date_in(rng, due, 20);
        let outcome = *rng.pick(&[
            Outcome::WorkingInTrainedField,
            Outcome::WorkingInTrainedField,
            Outcome::SelfEmployed,
            Outcome::OtherWork,
            Outcome::Unemployed,
            Outcome::ReturnedToSexWork,
            Outcome::Unreachable,
        ]);
        push(
            rng,
            date,
            RecordBody::FollowUpVisit(FollowUpVisit {
                resident: resident.clone(),
                month,
                date,
                method: ContactMethod::Phone,
                outcome,
                monthly_income: (outcome == Outcome::SelfEmployed).then_some(1_500_000),
                notes: String::new(),
            }),
        );
    }
    out
}

/// The two data sets of the benchmarks.
pub const SHELTER_RESIDENTS: usize = 2_000;
pub const PROVINCE_RESIDENTS: usize = 20_000;
pub const SEED: u64 = 20_261_128;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::RecordKind;

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let a = generate(SEED, 120, true);
        let b = generate(SEED, 120, true);
        assert_eq!(a.records, b.records);
        assert_ne!(generate(SEED + 1, 120, true).records, a.records);
    }

    #[test]
    fn the_shelter_set_has_the_documented_proportions() {
        let g = generate(SEED, SHELTER_RESIDENTS, true);
        let count = |k: RecordKind| g.records.iter().filter(|r| r.meta.kind == k).count();
        assert_eq!(count(RecordKind::Resident), 2_000);
        assert_eq!(count(RecordKind::CaseNote), 20_000 + LONG_CASE_EXTRA_NOTES);
        // Every resident past intake was assessed; those discharged have follow-ups.
        assert!(count(RecordKind::Assessment) > 1_800);
        assert!(
            count(RecordKind::Discharge) > 900,
            "{}",
            count(RecordKind::Discharge)
        );
        assert!(count(RecordKind::FollowUpVisit) > 2 * count(RecordKind::Discharge));
        assert_eq!(
            count(RecordKind::InterventionPlan),
            count(RecordKind::CaseConference)
        );
        assert_eq!(count(RecordKind::Attendance), 20_000);
        assert_eq!(count(RecordKind::Expense), 6_000);
        assert_eq!(count(RecordKind::Shelter), 1);
        assert_eq!(count(RecordKind::Staff), 9);
        let cohorts: std::collections::BTreeSet<_> = g
            .records
            .iter()
            .filter_map(|r| r.resident().map(|x| x.cohort.clone()))
            .collect();
        assert_eq!(cohorts.len(), 20);
        assert!(cohorts.contains("2017-I") && cohorts.contains("2026-II"));
        // Every cohort a resident names has its record.
        let records: std::collections::BTreeSet<_> = g
            .records
            .iter()
            .filter_map(|r| match &r.body {
                Some(RecordBody::Cohort(c)) => Some(c.name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(records, cohorts);
    }

    #[test]
    fn the_first_resident_has_a_long_timeline() {
        let g = generate(SEED, 200, true);
        let first = g.records.iter().find(|r| r.resident().is_some()).unwrap();
        let about = g
            .records
            .iter()
            .filter(|r| r.body.as_ref().and_then(|b| b.about()) == Some(&first.meta.id));
        let n = crate::domain::timeline::entries(about).len();
        assert!((300..330).contains(&n), "{n}");
    }

    #[test]
    fn nothing_is_dated_after_the_last_day() {
        let last = Date::new(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2).unwrap();
        let g = generate(SEED, 300, true);
        for r in &g.records {
            let d = match &r.body {
                Some(RecordBody::Resident(x)) => x.intake_date,
                Some(RecordBody::Attendance(x)) => x.date,
                Some(b) => match b.timeline_date() {
                    Some(d) => d,
                    None => continue,
                },
                None => continue,
            };
            assert!(d <= last, "{d}");
        }
    }

    #[test]
    fn generated_residents_pass_the_intake_rules() {
        let g = generate(SEED, 200, false);
        assert_eq!(
            g.records.len(),
            200 + 10 + 20,
            "residents, shelter and staff, cohorts"
        );
        let today = Date::new(2026, 12, 31).unwrap();
        for r in g.records.iter().filter_map(Record::resident) {
            let draft = crate::domain::resident::ResidentDraft::from_resident(r);
            let back = draft
                .validate(today)
                .unwrap_or_else(|e| panic!("{} invalid: {e:?}", r.full_name));
            assert_eq!(back.full_name, r.full_name);
        }
    }
}
