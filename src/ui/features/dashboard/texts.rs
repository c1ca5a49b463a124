//! The texts of the dashboard, in each language. A text missing in either is a compile error;
//! `ui/i18n` checks the rest (none empty, placeholders agree, translated).

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct DashboardTexts {
    pub nav_dashboard: &'static str,
    pub dash_welcome: &'static str,
    pub dash_active: &'static str,
    pub dash_total: &'static str,
    pub dash_papers: &'static str,
    pub dash_recent: &'static str,
    pub dash_backup_never: &'static str,
    pub dash_backup_ago: &'static str,
    pub dash_backup_today: &'static str,
    pub dash_backup_warn: &'static str,
    pub dash_storage_not_kept: &'static str,
}

pub const ID: DashboardTexts = DashboardTexts {
    nav_dashboard: "Beranda",
    dash_welcome: "Selamat datang, {name}",
    dash_active: "Klien dalam pembinaan",
    dash_total: "Seluruh klien terdaftar",
    dash_papers: "Klien dengan dokumen ditahan pihak ketiga",
    dash_recent: "Klien yang baru masuk",
    dash_backup_never: "Belum pernah membuat cadangan di laptop ini.",
    dash_backup_ago: "Cadangan terakhir: {days} hari lalu ({date}).",
    dash_backup_today: "Cadangan terakhir: hari ini.",
    dash_backup_warn: "Sudah lebih dari {days} hari tanpa cadangan. Buat cadangan sekarang.",
    dash_storage_not_kept:
        "Browser ini belum menjamin data tersimpan tetap: buat cadangan setiap hari.",
};

pub const EN: DashboardTexts = DashboardTexts {
    nav_dashboard: "Home",
    dash_welcome: "Welcome, {name}",
    dash_active: "Residents in the programme",
    dash_total: "All registered residents",
    dash_papers: "Residents whose papers a third party holds",
    dash_recent: "Latest intakes",
    dash_backup_never: "No backup has been made on this laptop yet.",
    dash_backup_ago: "Last backup: {days} days ago ({date}).",
    dash_backup_today: "Last backup: today.",
    dash_backup_warn: "More than {days} days without a backup. Make one now.",
    dash_storage_not_kept:
        "This browser does not promise to keep the data: make a backup every day.",
};
