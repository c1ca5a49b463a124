//! The entry screen that `index.html` paints before the app's code has arrived (set-up or
//! unlock, in the language last chosen). When the app shows its own screen, it takes over from
//! that one: what was typed, which field had the focus, and a submit or button press made while
//! waiting are handed to the page, which acts on them once (no lost keystrokes, no double
//! submit). The app's screen is mounted under it, and the static one is read and removed in a
//! microtask right after (`take_over`): no event (a key press) can run in between, and no frame
//! is painted with both screens or neither. (Not a frame callback: a tab in the background gets
//! none, and would keep both screens until it came to the front.)

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// What the static screen held when the app took over.
#[derive(Clone, Debug, Default)]
pub struct Boot {
    values: Vec<(String, String)>,
    /// The form was submitted while the app was loading.
    pub submitted: bool,
    /// A secondary button was pressed meanwhile ("recover", "restore").
    pub action: Option<String>,
    /// The field that had the focus, and where its caret was.
    pub focus: Option<(String, u32)>,
}

impl Boot {
    pub fn value(&self, id: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, v)| v.clone())
    }
}

/// Whether the static screen is still up (the app shows nothing of its own until a screen of
/// its own is ready to replace it).
pub fn showing() -> bool {
    document().is_some_and(|d| d.get_element_by_id("boot").is_some())
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Once the page that calls it is mounted, before any other event: takes what the static
/// screen `screen` held, hands it to `apply` (which sets the page's signals and acts on a
/// submit), puts the values into the page's fields of the same ids, and the focus back.
pub fn take_over(screen: &'static str, apply: impl FnOnce(&Boot) + 'static) {
    if !showing() {
        return;
    }
    leptos::task::spawn_local(async move {
        let Some(b) = take(screen) else { return };
        fill(&b);
        restore_focus(&b);
        apply(&b);
    });
}

fn fill(b: &Boot) {
    let Some(doc) = document() else { return };
    for (id, v) in &b.values {
        match doc.get_element_by_id(id) {
            Some(el) if el.dyn_ref::<HtmlInputElement>().is_some() => {
                el.unchecked_into::<HtmlInputElement>().set_value(v)
            }
            Some(el) if el.dyn_ref::<HtmlSelectElement>().is_some() => {
                el.unchecked_into::<HtmlSelectElement>().set_value(v)
            }
            _ => {}
        }
    }
}

/// Removes the static screen and returns what it held, if it was `screen` ("unlock",
/// "setup"); any other screen's content is dropped (the app shows a different one).
pub fn take(screen: &str) -> Option<Boot> {
    let doc = document()?;
    let boot = doc.get_element_by_id("boot")?;
    let shown = boot
        .query_selector(&format!("[data-screen=\"{screen}\"]:not([hidden])"))
        .ok()
        .flatten();
    let out = shown.map(|s| read(&doc, &boot, &s));
    boot.remove();
    out
}

fn read(doc: &web_sys::Document, boot: &Element, screen: &Element) -> Boot {
    let mut values = vec![];
    if let Ok(fields) = screen.query_selector_all("input, select") {
        for i in 0..fields.length() {
            let Some(node) = fields.item(i) else { continue };
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                values.push((input.id(), input.value()));
            } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
                values.push((select.id(), select.value()));
            }
        }
    }
    let focus = doc.active_element().and_then(|el| {
        if !screen.contains(Some(&el)) {
            return None;
        }
        let caret = el
            .dyn_ref::<HtmlInputElement>()
            .and_then(|i| i.selection_start().ok().flatten())
            .unwrap_or(0);
        Some((el.id(), caret))
    });
    Boot {
        values,
        submitted: boot.get_attribute("data-submitted").as_deref() == Some("1"),
        action: boot.get_attribute("data-action"),
        focus,
    }
}

/// Puts the focus back where it was on the static screen, caret included.
fn restore_focus(b: &Boot) {
    let Some((id, caret)) = &b.focus else { return };
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        let _ = input.focus();
        let _ = input.set_selection_range(*caret, *caret);
    } else if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

#[cfg(test)]
mod tests {
    //! The static screen's texts (`index.html`, `<script id="boot-texts">`, and the Indonesian
    //! written into its markup) are the app's own texts: a change to one is a failing test
    //! until the other follows.
    use crate::domain::staff::StaffRole;
    use crate::ui::i18n::{texts, Lang};
    use serde_json::Value;

    const INDEX: &str = include_str!("../../../index.html");

    fn boot_texts() -> serde_json::Map<String, Value> {
        let start = INDEX
            .find("<script type=\"application/json\" id=\"boot-texts\">")
            .unwrap();
        let json = &INDEX[start..];
        let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
        match serde_json::from_str(json).unwrap() {
            Value::Object(m) => m,
            _ => panic!("boot-texts is not an object"),
        }
    }

    fn app_text(lang: Lang, key: &str) -> String {
        let t = texts(lang);
        if let Some(code) = key.strip_prefix("role_") {
            let role = StaffRole::from_code(code);
            return (t.role)(role.unwrap_or_else(|| panic!("no role {code}"))).to_string();
        }
        match serde_json::to_value(t).unwrap().get(key) {
            Some(Value::String(s)) => s.clone(),
            _ => panic!("boot-texts has {key}, which ui::i18n::Texts does not"),
        }
    }

    #[test]
    fn the_static_screen_says_what_the_app_says() {
        let m = boot_texts();
        assert!(m.len() > 15, "boot-texts has too few texts: {}", m.len());
        for (key, v) in &m {
            let pair: Vec<&str> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert_eq!(pair[0], app_text(Lang::Id, key), "Indonesian {key}");
            assert_eq!(pair[1], app_text(Lang::En, key), "English {key}");
        }
        // Every text the markup shows before the script runs is the Indonesian one of its key.
        let mut rest = INDEX;
        let mut seen = 0;
        while let Some(i) = rest.find("data-t=\"") {
            rest = &rest[i + 8..];
            let key = &rest[..rest.find('"').unwrap()];
            let after = &rest[rest.find('>').unwrap() + 1..];
            let text = &after[..after.find('<').unwrap()];
            let id = m
                .get(key)
                .unwrap_or_else(|| panic!("markup names {key}, boot-texts lacks it"));
            assert_eq!(text, id[0].as_str().unwrap(), "markup text of {key}");
            seen += 1;
        }
        assert!(seen > 12, "found only {seen} texts in the markup");
    }
}
