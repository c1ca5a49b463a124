//! Identity papers (KTP, KK, birth certificate) and where each one is. A trafficker holding a
//! resident's papers is common, and getting them back is part of the plan.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityPaper {
    Ktp,
    Kk,
    BirthCertificate,
}

impl IdentityPaper {
    pub const ALL: [IdentityPaper; 3] = [
        IdentityPaper::Ktp,
        IdentityPaper::Kk,
        IdentityPaper::BirthCertificate,
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperStatus {
    #[default]
    Unknown,
    HeldByResident,
    KeptByShelter,
    ConfiscatedByThirdParty,
    Lost,
    NeverHad,
    Recovered,
}

impl PaperStatus {
    pub const ALL: [PaperStatus; 7] = [
        PaperStatus::Unknown,
        PaperStatus::HeldByResident,
        PaperStatus::KeptByShelter,
        PaperStatus::ConfiscatedByThirdParty,
        PaperStatus::Lost,
        PaperStatus::NeverHad,
        PaperStatus::Recovered,
    ];

    /// Papers in this state need someone to act (report, request a copy, get them back).
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            PaperStatus::ConfiscatedByThirdParty | PaperStatus::Lost | PaperStatus::NeverHad
        )
    }
}

/// The status of each of the three papers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPapers {
    pub ktp: PaperStatus,
    pub kk: PaperStatus,
    pub birth_certificate: PaperStatus,
}

impl IdentityPapers {
    pub fn get(&self, p: IdentityPaper) -> PaperStatus {
        match p {
            IdentityPaper::Ktp => self.ktp,
            IdentityPaper::Kk => self.kk,
            IdentityPaper::BirthCertificate => self.birth_certificate,
        }
    }

    pub fn set(&mut self, p: IdentityPaper, s: PaperStatus) {
        match p {
            IdentityPaper::Ktp => self.ktp = s,
            IdentityPaper::Kk => self.kk = s,
            IdentityPaper::BirthCertificate => self.birth_certificate = s,
        }
    }

    pub fn any_confiscated(&self) -> bool {
        IdentityPaper::ALL
            .iter()
            .any(|p| self.get(*p) == PaperStatus::ConfiscatedByThirdParty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_set_and_flags() {
        let mut p = IdentityPapers::default();
        assert!(!p.any_confiscated());
        p.set(IdentityPaper::Kk, PaperStatus::ConfiscatedByThirdParty);
        assert_eq!(
            p.get(IdentityPaper::Kk),
            PaperStatus::ConfiscatedByThirdParty
        );
        assert_eq!(p.get(IdentityPaper::Ktp), PaperStatus::Unknown);
        assert!(p.any_confiscated());
        assert!(PaperStatus::Lost.needs_action());
        assert!(!PaperStatus::Recovered.needs_action());
    }
}
