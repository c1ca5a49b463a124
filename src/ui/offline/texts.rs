//! The texts of updates and offline use, in each language. A text missing in either is a
//! compile error; `ui/i18n` checks the rest (none empty, placeholders agree, translated).

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct OfflineTexts {
    pub update_region: &'static str,
    pub update_ready: &'static str,
    pub update_ready_hint: &'static str,
    pub update_reload: &'static str,
    pub update_elsewhere: &'static str,
    pub update_later: &'static str,
    pub db_newer_elsewhere: &'static str,
    pub db_blocked: &'static str,
    pub reload: &'static str,
    pub offline_title: &'static str,
    pub offline_ready: &'static str,
    pub offline_installing: &'static str,
    pub offline_insecure: &'static str,
    pub offline_unsupported: &'static str,
}

pub const ID: OfflineTexts = OfflineTexts {
    update_region: "Pembaruan aplikasi",
    update_ready: "Versi baru tersedia.",
    update_ready_hint: "Simpan dulu pekerjaan Anda: memuat ulang mengunci aplikasi, dan isian yang belum disimpan hilang.",
    update_reload: "Muat ulang sekarang",
    update_elsewhere: "Versi baru sudah dipakai di tab lain. Tab ini tetap berjalan; muat ulang bila pekerjaan Anda sudah tersimpan.",
    update_later: "Nanti saja",
    db_newer_elsewhere: "Versi Naungan yang lebih baru sedang membuka data ini di tab lain, jadi tab ini berhenti memakainya agar tidak ada yang rusak. Muat ulang tab ini untuk memakai versi baru.",
    db_blocked: "Data belum bisa diperbarui karena Naungan masih terbuka di tab lain dengan versi lama. Tutup tab itu (atau muat ulang), lalu muat ulang tab ini.",
    reload: "Muat ulang",
    offline_title: "Tanpa jaringan",
    offline_ready: "Naungan tersimpan di browser ini dan bisa dibuka tanpa jaringan.",
    offline_installing: "Naungan sedang disimpan di browser ini agar bisa dibuka tanpa jaringan.",
    offline_insecure: "Alamat ini bukan https atau localhost, jadi browser tidak mengizinkan Naungan dibuka tanpa jaringan. Buka Naungan dari alamat https, atau dari laptop ini sendiri (http://127.0.0.1).",
    offline_unsupported: "Browser ini tidak bisa menyimpan Naungan untuk dipakai tanpa jaringan. Pakai Chrome, Edge atau Firefox versi terbaru.",
};

pub const EN: OfflineTexts = OfflineTexts {
    update_region: "App update",
    update_ready: "A new version is available.",
    update_ready_hint: "Save your work first: reloading locks the app, and anything not yet saved is lost.",
    update_reload: "Reload now",
    update_elsewhere: "Another tab is already using the new version. This tab keeps working; reload it once your work is saved.",
    update_later: "Later",
    db_newer_elsewhere: "A newer version of Naungan is opening this data in another tab, so this tab has stopped using it to keep it safe. Reload this tab to use the new version.",
    db_blocked: "The data cannot be upgraded yet because Naungan is still open in another tab with the old version. Close that tab (or reload it), then reload this one.",
    reload: "Reload",
    offline_title: "Without a network",
    offline_ready: "Naungan is kept in this browser and opens without a network.",
    offline_installing: "Naungan is being kept in this browser so that it opens without a network.",
    offline_insecure: "This address is neither https nor localhost, so the browser does not let Naungan open without a network. Open Naungan from an https address, or from this laptop itself (http://127.0.0.1).",
    offline_unsupported: "This browser cannot keep Naungan for use without a network. Use a recent Chrome, Edge or Firefox.",
};
