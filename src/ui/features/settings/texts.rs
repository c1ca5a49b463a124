//! The texts of settings, in each language. A text missing in either is a compile error;
//! `ui/i18n` checks the rest (none empty, placeholders agree, translated).

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SettingsTexts {
    pub nav_settings: &'static str,
    pub settings_title: &'static str,
    pub idle_lock: &'static str,
    pub idle_lock_hint: &'static str,
    pub language: &'static str,
    pub settings_saved: &'static str,
    pub about_title: &'static str,
    pub credits: &'static str,
    pub dev_title: &'static str,
    pub dev_intro: &'static str,
    pub dev_fill: &'static str,
    pub dev_filled: &'static str,
    pub backup_warn_days: &'static str,
    pub backup_warn_hint: &'static str,
    pub storage_title: &'static str,
    pub storage_kept: &'static str,
    pub storage_not_kept: &'static str,
    pub storage_usage: &'static str,
    pub storage_unknown: &'static str,
}

pub const ID: SettingsTexts = SettingsTexts {
    nav_settings: "Pengaturan",
    settings_title: "Pengaturan",
    idle_lock: "Kunci otomatis setelah tidak dipakai (menit)",
    idle_lock_hint: "Antara 1 dan 120 menit. Bawaan: 10 menit.",
    language: "Bahasa",
    settings_saved: "Pengaturan tersimpan.",
    about_title: "Tentang Naungan",
    credits: "Data wilayah: idn-area-data 4.0.1, Open Database License (ODbL 1.0).",
    dev_title: "Alat pengembang",
    dev_intro: "Hanya di versi pengembangan: isi data contoh rekaan (60 klien dengan catatan, kehadiran dan pengeluaran) untuk mencoba aplikasi.",
    dev_fill: "Isi data contoh",
    dev_filled: "{n} catatan contoh ditambahkan.",
    backup_warn_days: "Ingatkan jika belum ada cadangan selama (hari)",
    backup_warn_hint: "Antara 1 dan 90 hari. Bawaan: 7 hari.",
    storage_title: "Penyimpanan di browser ini",
    storage_kept: "Browser ini menyimpan data Naungan secara tetap: tidak akan dihapus sendiri walau disk hampir penuh.",
    storage_not_kept: "Browser ini belum menjamin data Naungan tersimpan tetap: bila disk hampir penuh, browser boleh menghapusnya. Pasang Naungan sebagai aplikasi (menu browser, lalu Instal), dan buat cadangan lebih sering, sebaiknya setiap hari.",
    storage_usage: "Terpakai {used} dari {quota} yang diizinkan browser.",
    storage_unknown: "Browser ini tidak memberi tahu apakah datanya disimpan tetap. Buat cadangan secara rutin.",
};

pub const EN: SettingsTexts = SettingsTexts {
    nav_settings: "Settings",
    settings_title: "Settings",
    idle_lock: "Lock automatically after this many idle minutes",
    idle_lock_hint: "From 1 to 120 minutes. Default: 10 minutes.",
    language: "Language",
    settings_saved: "Settings saved.",
    about_title: "About Naungan",
    credits: "Region data: idn-area-data 4.0.1, Open Database License (ODbL 1.0).",
    dev_title: "Developer tools",
    dev_intro: "Development builds only: fill in invented sample data (60 residents with notes, attendance and expenses) to try the app.",
    dev_fill: "Fill in sample data",
    dev_filled: "{n} sample records added.",
    backup_warn_days: "Remind me after this many days without a backup",
    backup_warn_hint: "From 1 to 90 days. Default: 7 days.",
    storage_title: "Storage in this browser",
    storage_kept: "This browser keeps Naungan's data for good: it will not clear it by itself, even when the disk is nearly full.",
    storage_not_kept: "This browser does not promise to keep Naungan's data: when the disk is nearly full, it may clear it. Install Naungan as an app (browser menu, then Install), and make backups more often, daily if you can.",
    storage_usage: "{used} used of the {quota} the browser allows.",
    storage_unknown: "This browser does not say whether it keeps the data for good. Make backups regularly.",
};
