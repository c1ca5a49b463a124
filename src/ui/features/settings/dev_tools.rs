//! Development builds only: fill the vault with synthetic records (to demo the app and try
//! reports). Release builds do not contain this page's button (`cfg!(debug_assertions)`).

use crate::domain::record::RecordBody;
use crate::synthetic;
use crate::ui::i18n::fill;
use crate::ui::session::{error_text, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn DevTools() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let fill_demo = move |_| {
        busy.set(true);
        spawn_local(async move {
            // The synthetic shelter and staff would duplicate this vault's own: keep the rest.
            let seed = js_sys::Date::now() as u64;
            let records: Vec<_> = synthetic::generate(seed, 60, true)
                .records
                .into_iter()
                .filter(|r| {
                    !matches!(
                        r.body,
                        Some(RecordBody::Shelter(_)) | Some(RecordBody::Staff(_))
                    )
                })
                .collect();
            let v = vault();
            let msg = match v.plan_import(records) {
                Ok(plan) => match v.apply_import(&plan, &[]).await {
                    Ok(s) => {
                        app.data_changed();
                        fill(t.settings.dev_filled, &[("n", &s.added.to_string())])
                    }
                    Err(e) => error_text(t, &e),
                },
                Err(e) => error_text(t, &e),
            };
            done.set(Some(msg));
            busy.set(false);
        });
    };
    view! {
        <section class="card narrow dev">
            <h2>{t.settings.dev_title}</h2>
            <p class="muted">{t.settings.dev_intro}</p>
            <button type="button" id="dev-fill" on:click=fill_demo disabled=move || busy.get()>{t.settings.dev_fill}</button>
            {move || done.get().map(|m| view! { <p class="banner" role="status">{m}</p> })}
        </section>
    }
}
