//! Staff (petugas): who does the work and signs the records.

use super::validation::{text, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Head,
    SocialWorker,
    Psychologist,
    Instructor,
    ReligiousGuide,
    HealthWorker,
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 7] = [
        StaffRole::Head,
        StaffRole::SocialWorker,
        StaffRole::Psychologist,
        StaffRole::Instructor,
        StaffRole::ReligiousGuide,
        StaffRole::HealthWorker,
        StaffRole::Admin,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
    pub fn from_code(s: &str) -> Option<StaffRole> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub role: StaffRole,
    /// NIP or another employee number, as written (optional).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nip: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// A deactivated member keeps their name on what they wrote, and signs in to nothing.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

impl StaffMember {
    /// An active member with no NIP or phone.
    pub fn new(name: impl Into<String>, role: StaffRole) -> StaffMember {
        StaffMember {
            name: name.into(),
            role,
            nip: String::new(),
            phone: String::new(),
            active: true,
        }
    }

    pub fn validated(name: &str, role: StaffRole) -> Result<StaffMember, Vec<FieldError>> {
        Self::validated_full(name, role, "", "")
    }

    pub fn validated_full(
        name: &str,
        role: StaffRole,
        nip: &str,
        phone: &str,
    ) -> Result<StaffMember, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "staff_name", name, true, 2, 80);
        let nip = text(&mut e, "staff_nip", nip, false, 0, 30);
        let phone = super::validation::phone(&mut e, "staff_phone", phone);
        if e.is_empty() {
            Ok(StaffMember {
                nip,
                phone,
                ..StaffMember::new(name, role)
            })
        } else {
            Err(e)
        }
    }

    pub fn entry<'a>(&'a self, id: &'a str) -> StaffEntry<'a> {
        StaffEntry {
            id,
            name: &self.name,
            role: self.role,
            active: self.active,
        }
    }
}

/// A staff member as the rules about the staff list see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaffEntry<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub role: StaffRole,
    pub active: bool,
}

/// A change to the staff list (Settings → Petugas), made by a signed-in staff member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffChange<'a> {
    Add { name: &'a str, role: StaffRole },
    ChangeRole { id: &'a str, role: StaffRole },
    Deactivate { id: &'a str },
    Remove { id: &'a str },
}

/// Why a change to the staff list, or a sign-in, is refused. Nothing is changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRefusal {
    /// Only the head and admin manage staff; only a head makes or unmakes a head.
    NotAllowed,
    /// Someone on the list (active or not) already has this name.
    DuplicateName,
    /// No active head would be left (the head holds the recovery code).
    NoHeadLeft,
    /// Nobody deactivates or removes themselves.
    RemovingYourself,
    /// A deactivated staff member signs in to nothing and changes nothing.
    Deactivated,
    NoSuchStaff,
}

/// Names compared as people read them: case, and runs of spaces, make no difference.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Whether `by` may make `change` to `list`; the list after it must still have an active head.
pub fn check_staff_change(
    list: &[StaffEntry],
    by: &StaffEntry,
    change: StaffChange,
) -> Result<(), StaffRefusal> {
    use super::permissions::{can_write, Section};
    if !by.active {
        return Err(StaffRefusal::Deactivated);
    }
    if !can_write(by.role, Section::Staff) {
        return Err(StaffRefusal::NotAllowed);
    }
    let find = |id: &str| {
        list.iter()
            .find(|s| s.id == id)
            .ok_or(StaffRefusal::NoSuchStaff)
    };
    let head_only = |touches_head: bool| {
        if touches_head && by.role != StaffRole::Head {
            Err(StaffRefusal::NotAllowed)
        } else {
            Ok(())
        }
    };
    // The list as it would be: (role, active) per member.
    let mut after: Vec<(StaffRole, bool)> = list.iter().map(|s| (s.role, s.active)).collect();
    match change {
        StaffChange::Add { name, role } => {
            head_only(role == StaffRole::Head)?;
            if list.iter().any(|s| same_name(s.name, name)) {
                return Err(StaffRefusal::DuplicateName);
            }
            after.push((role, true));
        }
        StaffChange::ChangeRole { id, role } => {
            let s = find(id)?;
            head_only(s.role == StaffRole::Head || role == StaffRole::Head)?;
            let i = list.iter().position(|x| x.id == id).unwrap_or_default();
            after[i].0 = role;
        }
        StaffChange::Deactivate { id } | StaffChange::Remove { id } => {
            let s = find(id)?;
            if s.id == by.id {
                return Err(StaffRefusal::RemovingYourself);
            }
            head_only(s.role == StaffRole::Head)?;
            let i = list.iter().position(|x| x.id == id).unwrap_or_default();
            after[i].1 = false;
        }
    }
    if !after.iter().any(|(r, a)| *r == StaffRole::Head && *a) {
        return Err(StaffRefusal::NoHeadLeft);
    }
    Ok(())
}

/// Whether this staff member may sign in at all (their passphrase is checked apart).
pub fn may_sign_in(s: &StaffEntry) -> Result<(), StaffRefusal> {
    if s.active {
        Ok(())
    } else {
        Err(StaffRefusal::Deactivated)
    }
}

/// Seconds to wait before the next passphrase is tried, after this many wrong ones in a row
/// for one name: none for the first five, then 30 s doubling up to 15 minutes. (The key
/// derivation already costs a second a try; this stops a person at the keyboard guessing on.)
pub fn sign_in_delay(wrong_in_a_row: u32) -> u32 {
    if wrong_in_a_row < 5 {
        return 0;
    }
    let steps = (wrong_in_a_row - 5).min(10);
    (30u32 << steps).min(15 * 60)
}

#[cfg(test)]
mod rules {
    use super::*;

    const fn e<'a>(id: &'a str, name: &'a str, role: StaffRole, active: bool) -> StaffEntry<'a> {
        StaffEntry {
            id,
            name,
            role,
            active,
        }
    }

    const HEAD: StaffEntry = e("h", "Bu Ratna", StaffRole::Head, true);
    const ADMIN: StaffEntry = e("a", "Pak Joko", StaffRole::Admin, true);
    const SW: StaffEntry = e("s", "Mbak Sari", StaffRole::SocialWorker, true);
    const GONE: StaffEntry = e("g", "Bu Lama", StaffRole::Instructor, false);
    const LIST: [StaffEntry; 4] = [HEAD, ADMIN, SW, GONE];

    #[test]
    fn the_head_and_admin_add_staff_others_do_not() {
        let add = StaffChange::Add {
            name: "Pak Budi",
            role: StaffRole::Instructor,
        };
        assert_eq!(check_staff_change(&LIST, &HEAD, add), Ok(()));
        assert_eq!(check_staff_change(&LIST, &ADMIN, add), Ok(()));
        assert_eq!(
            check_staff_change(&LIST, &SW, add),
            Err(StaffRefusal::NotAllowed)
        );
        assert_eq!(
            check_staff_change(&LIST, &GONE, add),
            Err(StaffRefusal::Deactivated)
        );
    }

    #[test]
    fn a_name_already_on_the_list_is_refused_even_if_written_differently() {
        for name in ["Mbak Sari", "mbak  sari", "  MBAK SARI ", "Bu Lama"] {
            let add = StaffChange::Add {
                name,
                role: StaffRole::Instructor,
            };
            assert_eq!(
                check_staff_change(&LIST, &HEAD, add),
                Err(StaffRefusal::DuplicateName),
                "{name}"
            );
        }
    }

    #[test]
    fn nobody_removes_themselves() {
        for change in [
            StaffChange::Deactivate { id: "a" },
            StaffChange::Remove { id: "a" },
        ] {
            assert_eq!(
                check_staff_change(&LIST, &ADMIN, change),
                Err(StaffRefusal::RemovingYourself)
            );
        }
    }

    #[test]
    fn the_last_head_cannot_be_removed_or_demoted() {
        let head2 = e("h2", "Pak Kepala", StaffRole::Head, true);
        let list = [HEAD, ADMIN, SW, head2];
        // With a second head, one head may step the other down.
        let demote = StaffChange::ChangeRole {
            id: "h2",
            role: StaffRole::SocialWorker,
        };
        assert_eq!(check_staff_change(&list, &HEAD, demote), Ok(()));
        // The only head demoting themselves leaves none.
        let demote_self = StaffChange::ChangeRole {
            id: "h",
            role: StaffRole::Admin,
        };
        assert_eq!(
            check_staff_change(&LIST, &HEAD, demote_self),
            Err(StaffRefusal::NoHeadLeft)
        );
        // An inactive head does not count.
        let list = [HEAD, ADMIN, e("h3", "Bu Dulu", StaffRole::Head, false)];
        assert_eq!(
            check_staff_change(&list, &HEAD, demote_self),
            Err(StaffRefusal::NoHeadLeft)
        );
    }

    #[test]
    fn only_a_head_makes_or_unmakes_a_head() {
        let promote = StaffChange::ChangeRole {
            id: "a",
            role: StaffRole::Head,
        };
        assert_eq!(
            check_staff_change(&LIST, &ADMIN, promote),
            Err(StaffRefusal::NotAllowed)
        );
        assert_eq!(check_staff_change(&LIST, &HEAD, promote), Ok(()));
        assert_eq!(
            check_staff_change(&LIST, &ADMIN, StaffChange::Deactivate { id: "h" }),
            Err(StaffRefusal::NotAllowed)
        );
        assert_eq!(
            check_staff_change(&LIST, &HEAD, StaffChange::Remove { id: "zz" }),
            Err(StaffRefusal::NoSuchStaff)
        );
    }

    #[test]
    fn deactivated_staff_do_not_sign_in_and_wrong_tries_slow_down() {
        assert_eq!(may_sign_in(&GONE), Err(StaffRefusal::Deactivated));
        assert_eq!(may_sign_in(&SW), Ok(()));
        assert_eq!((0..5).map(sign_in_delay).collect::<Vec<_>>(), [0; 5]);
        assert_eq!(sign_in_delay(5), 30);
        assert_eq!(sign_in_delay(6), 60);
        assert_eq!(sign_in_delay(9), 480);
        assert_eq!(sign_in_delay(10), 900);
        assert_eq!(sign_in_delay(u32::MAX), 900);
    }
}
