//! Pages fetched on demand. A feature's `route` claims its addresses at once and hands them to
//! a function marked `#[wasm_split(<feature>, …)]`; tools/split-wasm.mjs (the Trunk post-build
//! hook) moves that function, and the code only it reaches, into a chunk of its own, fetched
//! the first time one of the feature's pages is opened (the service worker holds every chunk,
//! so offline it comes from the laptop). The first load keeps the lock screen, the store and
//! what every page shares.
//!
//! Natively (tests) the marked function is called directly.

use crate::ui::session::use_texts;
use leptos::prelude::*;

/// A feature's pages that could not be fetched (its chunk of the app's code).
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// The path's segments, owned: a split function's arguments cannot borrow.
pub fn owned(path: &[&str]) -> Vec<String> {
    path.iter().map(|s| s.to_string()).collect()
}

/// A page whose code is fetched when first visited: "Memuat…" until it is there, and if it
/// cannot be fetched, says so with a button to try again. (A signal and a slot rather than
/// `<Suspense>`, whose machinery the app has no other use for.)
pub fn on_demand<F>(load: impl Fn() -> F + 'static) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let t = use_texts();
    let slot = StoredValue::new_local(None::<AnyView>);
    let phase = RwSignal::new(Phase::Fetching);
    // The page's reactive owner: its texts and state come from context, and the fetch is given
    // up if the page is left before its code arrives. (Taken here, as "try again" is pressed in
    // a view that the retry itself replaces.)
    let owner = Owner::current().unwrap_or_default();
    let fetch = StoredValue::new_local(move || {
        phase.set(Phase::Fetching);
        let next = load();
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                let page = next.await;
                let now = if page.is_ok() {
                    Phase::Ready
                } else {
                    Phase::Failed
                };
                slot.try_set_value(page.ok());
                phase.try_set(now);
            })
        });
    });
    fetch.with_value(|f| f());
    let retry = move |_| fetch.with_value(|f| f());
    (move || match phase.get() {
        Phase::Fetching => view! { <p class="loading">{t.loading}</p> }.into_any(),
        Phase::Failed => view! {
            <h1>{t.page_not_loaded_title}</h1>
            <p class="banner error" role="alert">{t.err_page_not_loaded}</p>
            <p><button type="button" id="page-retry" on:click=retry>{t.try_again}</button></p>
        }
        .into_any(),
        Phase::Ready => slot.try_update_value(Option::take).flatten().into_any(),
    })
    .into_any()
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Fetching,
    Failed,
    Ready,
}

/// A feature's `route`, and its pages fetched on demand in the chunk of code `$chunk` (features
/// used together share one, so a page needs few fetches): `$claims` are the addresses the
/// feature answers (checked at once, in the first load), and `$path` is matched to the page by
/// `$pages` once the chunk has come. `$name` names the split function (unique in the app: the
/// chunk links to it by a name made from it and where it is written).
// (rustfmt indents the attribute below further on every run.)
#[rustfmt::skip]
macro_rules! pages {
    ($chunk:ident, $name:ident, $claims:pat, |$path:ident| $pages:expr) => {
        pub fn route(path: &[&str]) -> Option<AnyView> {
            use $crate::ui::features::lazy;
            matches!(path, $claims).then(|| {
                let path = lazy::owned(path);
                lazy::on_demand(move || $name(path.clone()))
            })
        }

        /// Fetches the chunk of this feature's pages ahead of a visit (a failure is met again,
        /// and shown, on the visit).
        #[allow(dead_code)]
        pub fn prefetch() {
            leptos::task::spawn_local(async {
                let _ = preload_chunk().await;
            });
        }

        #[leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(preload_chunk)
        )]
        fn $name(path: Vec<String>) -> Result<AnyView, $crate::ui::features::lazy::NotLoaded> {
            let segments: Vec<&str> = path.iter().map(String::as_str).collect();
            let $path: &[&str] = &segments;
            Ok($pages)
        }
    };
}
pub(crate) use pages;
