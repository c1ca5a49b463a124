//! One way to send a form: at most one submission at a time (a double click saves once), the
//! form busy while it runs, and its failure as a plain sentence in a banner. Every form uses it
//! instead of its own busy flag, failure signal and `spawn_local`.

use crate::domain::record::{Kind, Record, RecordMeta};
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::field::show_errors;
use crate::ui::i18n::Texts;
use crate::ui::session::{error_text, use_app, use_texts, vault, AppState};
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

type Work<T> = Pin<Box<dyn Future<Output = Result<T, String>>>>;

/// The save itself, made once for every form (see `Submit::run`).
fn save_work(t: &'static Texts, changes: Vec<Change>) -> Work<Vec<Record>> {
    Box::pin(async move { vault().save(changes).await.map_err(|e| error_text(t, &e)) })
}

#[derive(Clone, Copy)]
pub struct Submit {
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<String>>,
    // Taken when the form is made: event handlers run outside any component context.
    app: AppState,
    t: &'static Texts,
}

impl Submit {
    pub fn new() -> Submit {
        Submit {
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
            app: use_app(),
            t: use_texts(),
        }
    }

    /// Runs `work` unless a submission is under way; returns whether it started. The form is
    /// busy until `work` ends; its `Err` sentence is then shown, or `done` runs with its value.
    /// The browser paints "please wait" first: some work (a key derivation) holds the page.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, String>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) -> bool {
        // Boxed and type-erased so that the task below is compiled once for every form, not
        // once per form (the first-load budget).
        let work: Work<Box<dyn Any>> =
            Box::pin(async move { work.await.map(|v| Box::new(v) as Box<dyn Any>) });
        let done: Box<dyn FnOnce(Box<dyn Any>)> = Box::new(move |v: Box<dyn Any>| {
            if let Ok(v) = v.downcast::<T>() {
                done(*v)
            }
        });
        self.start(work, done)
    }

    fn start(self, work: Work<Box<dyn Any>>, done: Box<dyn FnOnce(Box<dyn Any>)>) -> bool {
        if self.busy.get_untracked() {
            return false;
        }
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            gloo_timers::future::sleep(Duration::from_millis(16)).await;
            let result = work.await;
            self.busy.set(false);
            match result {
                Ok(v) => done(v),
                Err(sentence) => self.failure.set(Some(sentence)),
            }
        });
        true
    }

    /// Saves `changes` in one transaction; on success every view reads again, then `done`.
    pub fn save(self, changes: Vec<Change>, done: impl FnOnce(Vec<Record>) + 'static) -> bool {
        let app = self.app;
        self.run(save_work(self.t, changes), move |saved| {
            app.data_changed();
            done(saved)
        })
    }

    /// A form's new record, as its check left it: the problems beside their fields and nothing
    /// sent, or the record saved under a new id, then `done`.
    pub fn create<K: Kind>(
        self,
        checked: Result<K, Vec<FieldError>>,
        errors: RwSignal<Vec<FieldError>>,
        done: impl FnOnce() + 'static,
    ) -> bool {
        let record = match checked {
            Ok(r) => r,
            Err(e) => {
                show_errors(errors, e);
                self.fail(self.t.form_has_errors.into());
                return false;
            }
        };
        show_errors(errors, vec![]);
        match clock::new_id() {
            Ok(id) => self.save(vec![Change::create(id, record)], move |_| done()),
            Err(e) => {
                self.fail(error_text(self.t, &e));
                false
            }
        }
    }

    /// A form's record, new or changed, as its check left it: the problems beside their fields
    /// and nothing sent, or saved as a change of `meta`'s record (its id and the revision the
    /// form started from) or as a new record, then `done`.
    pub fn put<K: Kind>(
        self,
        checked: Result<K, Vec<FieldError>>,
        errors: RwSignal<Vec<FieldError>>,
        meta: Option<&RecordMeta>,
        done: impl FnOnce() + 'static,
    ) -> bool {
        let Some(m) = meta else {
            return self.create(checked, errors, done);
        };
        match checked {
            Err(e) => {
                show_errors(errors, e);
                self.fail(self.t.form_has_errors.into());
                false
            }
            Ok(body) => {
                show_errors(errors, vec![]);
                let change = Change::Update {
                    id: m.id.clone(),
                    base_rev: m.rev,
                    body: body.into_body(),
                };
                self.save(vec![change], move |_| done())
            }
        }
    }

    /// Shows a failure found before anything was sent (an id could not be made, say).
    pub fn fail(self, sentence: String) {
        self.failure.set(Some(sentence));
    }

    /// The failure's banner (nothing while there is none).
    pub fn banner(self, id: impl Into<String>) -> impl IntoView {
        let id: String = id.into();
        move || {
            self.failure
                .get()
                .map(|f| view! { <p class="banner error" role="alert" id=id.clone()>{f}</p> })
        }
    }
}
