//! Development builds only: fill the vault with synthetic records (to demo the app and try
//! reports). Release builds do not contain this page's button (`cfg!(debug_assertions)`).

use crate::domain::record::RecordBody;
use crate::synthetic;
use crate::ui::components::submit::Submit;
use crate::ui::i18n::fill;
use crate::ui::session::{error_text, use_app, use_texts, vault};
use leptos::prelude::*;

#[component]
pub fn DevTools() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let submit = Submit::new();
    let busy = submit.busy;
    let done = RwSignal::new(None::<String>);
    let fill_demo = move |_| {
        submit.run(
            async move {
                // The synthetic shelter, staff and cohorts would duplicate this vault's own (its
                // cohorts name this vault's staff): keep the rest, and make the cohorts after.
                let seed = js_sys::Date::now() as u64;
                let records: Vec<_> = synthetic::generate(seed, 60, true)
                    .records
                    .into_iter()
                    .filter(|r| {
                        !matches!(
                            r.body,
                            Some(RecordBody::Shelter(_))
                                | Some(RecordBody::Staff(_))
                                | Some(RecordBody::Cohort(_))
                        )
                    })
                    .collect();
                let v = vault();
                let plan = v.plan_import(records).map_err(|e| error_text(t, &e))?;
                let summary = v
                    .apply_import(&plan, &[])
                    .await
                    .map_err(|e| error_text(t, &e))?;
                v.ensure_cohorts().await.map_err(|e| error_text(t, &e))?;
                Ok(summary)
            },
            move |s| {
                app.data_changed();
                done.set(Some(fill(
                    t.settings.dev_filled,
                    &[("n", &s.added.to_string())],
                )));
            },
        );
    };
    view! {
        <section class="card narrow dev">
            <h2>{t.settings.dev_title}</h2>
            <p class="muted">{t.settings.dev_intro}</p>
            <button type="button" id="dev-fill" on:click=fill_demo disabled=move || busy.get()>{t.settings.dev_fill}</button>
            {submit.banner("dev-error")}
            {move || done.get().map(|m| view! { <p class="banner" role="status">{m}</p> })}
        </section>
    }
}
