pub mod dashboard;
pub mod recovery_code;
pub mod resident_form;
pub mod resident_list;
pub mod resident_profile;
pub mod settings;
pub mod setup;
pub mod unlock;
