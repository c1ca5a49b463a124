//! Entry point: mounts the app. Everything else lives in the library (see ARCHITECTURE.md).

#[cfg(feature = "bench")]
mod bench;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(naungan::ui::app::App);
}
