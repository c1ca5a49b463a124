//! One sort for the whole app.
//!
//! The standard library's sorts are generic: every `sort_by` on another element type or with
//! another comparison is compiled again, about 4 KB of WebAssembly each (seven of them were 30 KB
//! of the first load). [`sort_by`] sorts a list of positions instead, through the one compiled
//! copy in [`sort_positions`], then moves the items into that order. It is stable, like
//! `slice::sort_by`. Use it instead of the standard sorts in app code.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their original order.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sort_positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .map(|i| slots[i].take().expect("each position once")),
    );
}

/// Sorts `items` and drops repeats (`sort` then `dedup`).
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
    items.dedup();
}

/// The positions `0..n` in the order `cmp` gives them: the app's one compiled sort.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // the one place the standard sort is used
fn sort_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w = vec!["b", "a", "b", "c", "a"];
        sort_dedup(&mut w);
        assert_eq!(w, ["a", "b", "c"]);
        let mut empty: Vec<u8> = vec![];
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }

    /// Property tests run natively only (proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::disallowed_methods)] // compared against the standard sort
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
                let mut ours = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std_sorted = v;
                std_sorted.sort_by_key(|a| a.0);
                prop_assert_eq!(ours, std_sorted);
            }
        }
    }
}
