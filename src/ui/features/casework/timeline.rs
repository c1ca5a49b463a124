//! `/klien/<id>/linimasa`: everything about one resident in date order, from whatever kinds put
//! their records on a timeline (`domain::timeline`). A record of a section the role may not read
//! is left out; a confidential note shows to the team as a session that took place.

use crate::domain::id::RecordId;
use crate::domain::permissions::{can_read, section_of};
use crate::domain::record::Record;
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::timeline;
use crate::ui::features::describe;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TimelinePage(id: Option<RecordId>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    move || {
        app.data_version.track();
        let v = vault();
        let found = id.as_ref().and_then(|id| {
            v.read(|ix| ix.get::<Resident>(id).map(|l| l.body.full_name.clone()))
                .ok()
                .flatten()
                .map(|name| (id.clone(), name))
        });
        let Some((rid, name)) = found else {
            return view! { <p class="banner error">{t.err_not_found}</p> <A href="/klien">{t.back}</A> }.into_any();
        };
        let role = v.current_staff().ok().and_then(|(_, m)| m).map(|m| m.role);
        let records: Vec<Record> = v
            .read(|ix| {
                let about: Vec<&Record> = ix
                    .everything_about(&rid)
                    .into_iter()
                    .filter_map(|m| ix.record(&m.id))
                    .collect();
                timeline::entries(about.into_iter())
                    .into_iter()
                    .filter(|(_, r)| {
                        role.is_some_and(|role| {
                            can_read(role, section_of(r.meta.kind, r.body.as_ref()))
                        })
                    })
                    .map(|(_, r)| r.clone())
                    .collect()
            })
            .unwrap_or_default();
        let mut revealed = false;
        let mut entries: Vec<crate::ui::features::TimelineEntry> = records
            .iter()
            .map(|r| {
                let (shown, opened) = v.opened_copy(r).unwrap_or((r.clone(), false));
                revealed |= opened;
                let lines: Vec<String> = shown
                    .body
                    .as_ref()
                    .map(|b| describe(t, b))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(label, value)| *label != t.f_date && !value.is_empty())
                    .map(|(label, value)| format!("{label}: {value}"))
                    .collect();
                crate::ui::features::TimelineEntry {
                    date: shown.body.as_ref().and_then(|b| b.timeline_date()),
                    kind: r.meta.kind.as_str(),
                    label: (t.kind)(r.meta.kind).to_string(),
                    lines,
                }
            })
            .collect();
        // What features add that is about her without being one record of hers (her attendance,
        // from sessions about many residents), in date order among the rest.
        entries.extend(crate::ui::features::timeline_extras(t, &rid));
        sorting::sort_by(&mut entries, |a, b| b.date.cmp(&a.date));
        let empty = entries.is_empty();
        let rows = entries
            .into_iter()
            .map(|e| {
                view! {
                    <li data-kind=e.kind>
                        <p><strong>{e.date.map(|d| format::date(d, &t.months))}</strong>
                            " · " <span class="muted">{e.label}</span></p>
                        {e.lines.into_iter().map(|l| view! { <p class="note-text small">{l}</p> }).collect_view()}
                    </li>
                }
            })
            .collect_view();
        if revealed {
            super::note_opened(&rid, "timeline");
        }
        view! {
            <div class="row spread">
                <h1>{fill(c.timeline_title, &[("name", &name)])}</h1>
                <A href=format!("/klien/{rid}") attr:class="button">{c.back_to_profile}</A>
            </div>
            <section class="card">
                {if empty {
                    view! { <p class="muted">{c.timeline_empty}</p> }.into_any()
                } else {
                    view! { <ol class="plain history" id="timeline">{rows}</ol> }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}
