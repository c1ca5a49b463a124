//! `/mitra`: the partner directory, searched by name and type, and the form to add a partner
//! or change one (the head and admin: the agreements are the shelter's).

use super::date;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::referral::{Partner, PartnerDraft, PartnerKind};
use crate::domain::region;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

type Row = (RecordMeta, Partner);

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let x = t.partners;
    let editing = RwSignal::new(None::<Row>);
    let query = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let kinds = kind_choices(t);
    let list = move || {
        app.data_version.track();
        let writer = may(Section::Shelter, true);
        let wanted = super::kind_of_code(&kind.get());
        let q = query.get();
        let today = clock::today();
        let rows: Vec<Row> = vault()
            .read(|ix| {
                ix.all::<Partner>()
                    .filter(|l| l.body.matches(&q, wanted))
                    .map(|l| l.to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let mut rows = rows;
        crate::domain::sorting::sort_by(&mut rows, |a, b| a.1.name.cmp(&b.1.name));
        if rows.is_empty() {
            return view! { <p class="muted" id="partners-none">{x.none}</p> }.into_any();
        }
        let body = rows
            .into_iter()
            .map(|(meta, p)| {
                let regency = region::regency(&p.regency)
                    .map(|r| r.name)
                    .unwrap_or_default();
                let contacts = p
                    .contacts
                    .iter()
                    .map(|c| match c.phone.is_empty() {
                        true => c.name.clone(),
                        false => format!("{} ({})", c.name, c.phone),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let (mou, alert) = match p.agreement {
                    None => (x.mou_none.to_string(), false),
                    Some(a) if a.end < today => (fill(x.mou_expired, &[("date", &date(t, a.end))]), true),
                    Some(a) if a.expiring(today) => (fill(x.mou_expiring, &[("date", &date(t, a.end))]), true),
                    Some(a) => (fill(x.mou_until, &[("date", &date(t, a.end))]), false),
                };
                let edit = (meta, p.clone());
                view! {
                    <tr>
                        <th scope="row">{p.name.clone()}</th>
                        <td>{(x.kind)(p.kind)}</td>
                        <td>{regency}</td>
                        <td>{contacts}</td>
                        <td class:alert=alert>{mou}</td>
                        <td>{writer.then(|| view! {
                            <button type="button" class="small edit-partner" on:click=move |_| editing.set(Some(edit.clone()))>{x.edit}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="partners">
                <caption class="muted small">{x.caption}</caption>
                <thead><tr>
                    <th scope="col">{x.col_name}</th><th scope="col">{x.col_kind}</th><th scope="col">{x.col_regency}</th>
                    <th scope="col">{x.col_contacts}</th><th scope="col">{x.col_mou}</th>
                    <th scope="col"><span class="visually-hidden">{x.edit}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    let search = bound::fields(
        RwSignal::new(vec![]),
        vec![
            Input::new("partner_search", x.search, Control::Text, query).optional(),
            Input::new(
                "partner_kind_filter",
                x.col_kind,
                Control::Choice(kinds),
                kind,
            )
            .optional(),
        ],
    );
    view! {
        <h1>{x.title}</h1>
        <p class="lead">{x.intro}</p>
        <section class="card" role="search">{search}</section>
        <section class="card">{list}</section>
        {move || may(Section::Shelter, true).then(|| partner_form(t, editing.get(), editing))}
    }
}

/// The partner kinds to choose from, by their address code.
fn kind_choices(t: &'static Texts) -> Vec<(String, String)> {
    PartnerKind::ALL
        .into_iter()
        .map(|k| (super::kind_code(k), (t.partners.kind)(k).to_string()))
        .collect()
}

/// The regencies to choose from: East Java's first (the shelter's province), then the rest.
fn regency_choices() -> Vec<(String, String)> {
    let (east_java, rest): (Vec<region::Region>, Vec<region::Region>) =
        region::provinces().partition(|p| p.code == "35");
    east_java
        .into_iter()
        .chain(rest)
        .flat_map(|p| {
            region::regencies_of(p.code)
                .map(move |r| (r.code.to_string(), format!("{} ({})", r.name, p.name)))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn partner_form(t: &'static Texts, chosen: Option<Row>, editing: RwSignal<Option<Row>>) -> AnyView {
    let app = use_app();
    let x = t.partners;
    let p = chosen.as_ref().map(|(_, p)| p.clone());
    let get = |f: fn(&Partner) -> String| RwSignal::new(p.as_ref().map(f).unwrap_or_default());
    let name = get(|p| p.name.clone());
    let kind = get(|p| super::kind_code(p.kind));
    let regency = get(|p| p.regency.clone());
    let address = get(|p| p.address.clone());
    let contact = |i: usize| {
        let c = p.as_ref().and_then(|p| p.contacts.get(i).cloned());
        (
            RwSignal::new(c.as_ref().map(|c| c.name.clone()).unwrap_or_default()),
            RwSignal::new(c.map(|c| c.phone).unwrap_or_default()),
        )
    };
    let (c1, p1) = contact(0);
    let (c2, p2) = contact(1);
    let start = get(|p| p.agreement.map(|a| a.start.iso()).unwrap_or_default());
    let end = get(|p| p.agreement.map(|a| a.end.iso()).unwrap_or_default());
    let notes = get(|p| p.notes.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let send = move || {
        let g = |s: RwSignal<String>| s.get_untracked();
        let (n, k, r, a, n1, t1, n2, t2, s, e, no) = (
            g(name),
            g(kind),
            g(regency),
            g(address),
            g(c1),
            g(p1),
            g(c2),
            g(p2),
            g(start),
            g(end),
            g(notes),
        );
        let draft = PartnerDraft {
            name: &n,
            kind: super::kind_of_code(&k),
            regency: &r,
            address: &a,
            contacts: [(&n1, &t1), (&n2, &t2)],
            agreement_start: &s,
            agreement_end: &e,
            notes: &no,
        };
        let checked = draft.validate();
        let saved = n.trim().to_string();
        submit.put(checked, errors, meta.as_ref(), move || {
            editing.set(None);
            app.notify(fill(x.saved, &[("name", &saved)]), false)
        });
    };
    let heading = match &chosen {
        Some((_, p)) => fill(x.edit_partner, &[("name", &p.name)]),
        None => x.add.to_string(),
    };
    let kinds = kind_choices(t);
    let n = |s: &'static str, i: u8| fill(s, &[("n", &i.to_string())]);
    let parts = vec![
        bound::fields(
            errors,
            vec![
                Input::new("pt_name", x.f_name, Control::Text, name),
                Input::new("pt_kind", x.f_kind, Control::Choice(kinds), kind),
                Input::new(
                    "pt_regency",
                    x.f_regency,
                    Control::Choice(regency_choices()),
                    regency,
                ),
                Input::new("pt_address", x.f_address, Control::Area(2), address).optional(),
            ],
        ),
        bound::fields(
            errors,
            vec![
                Input::new("pt_contact1", n(x.f_contact, 1), Control::Text, c1).optional(),
                Input::new("pt_phone1", n(x.f_phone, 1), Control::Text, p1).optional(),
                Input::new("pt_contact2", n(x.f_contact, 2), Control::Text, c2).optional(),
                Input::new("pt_phone2", n(x.f_phone, 2), Control::Text, p2).optional(),
                Input::new("pt_mou_start", x.f_mou_start, Control::Date, start)
                    .optional()
                    .hint(x.mou_hint),
                Input::new("pt_mou_end", x.f_mou_end, Control::Date, end).optional(),
            ],
        ),
        bound::fields(
            errors,
            vec![Input::new("pt_notes", x.f_notes, Control::Area(2), notes).optional()],
        ),
    ];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("partner-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="partner-form-title">
            <h2 id="partner-form-title">{heading}</h2>
            {bound::form("partner-form", None, parts, submit, ("partner-save", x.save), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}
