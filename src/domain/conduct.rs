//! House rules with graduated sanctions, and the sanction a violation calls for.
//!
//! A rule lists its sanctions from the mildest (a verbal warning) to the heaviest (a report to the
//! head). A resident's first violation of a rule suggests the first sanction, her second the
//! second, and so on, staying at the heaviest; only her violations of that rule in the same stay
//! (episode) count. Staff confirm the suggestion or choose another, with a reason.

use super::validation::{err, text, FieldError, Problem};

/// A house rule and its sanctions, mildest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseRule {
    pub title: String,
    pub sanctions: Vec<String>,
    /// A retired rule keeps its history but takes no new violations.
    pub retired: bool,
}

impl HouseRule {
    /// A rule as the form gives it: a title, and one sanction per line.
    pub fn validated(title: &str, sanctions: &str) -> Result<HouseRule, Vec<FieldError>> {
        let mut e = vec![];
        let title = text(&mut e, "rule_title", title, true, 3, 200);
        let sanctions: Vec<String> = sanctions
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if sanctions.is_empty() {
            e.push(err("rule_sanctions", Problem::Required));
        } else if sanctions.iter().any(|s| s.chars().count() > 200) {
            e.push(err("rule_sanctions", Problem::TooLong { max: 200 }));
        }
        if e.is_empty() {
            Ok(HouseRule {
                title,
                sanctions,
                retired: false,
            })
        } else {
            Err(e)
        }
    }
}

/// The sanction (its place in the rule's list) for a resident who has already violated the rule
/// `earlier` times in this stay.
pub fn suggested_sanction(rule: &HouseRule, earlier: usize) -> usize {
    earlier.min(rule.sanctions.len().saturating_sub(1))
}

/// The sanction given: the suggested one, or another with the reason for the change.
pub fn chosen_sanction(
    rule: &HouseRule,
    suggested: usize,
    chosen: usize,
    reason: &str,
) -> Result<(usize, String), FieldError> {
    if chosen >= rule.sanctions.len() {
        return Err(err("vi_sanction", Problem::Required));
    }
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if chosen != suggested && reason.chars().count() < 3 {
        return Err(err("vi_reason", Problem::ReasonForChange));
    }
    Ok((chosen, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> HouseRule {
        HouseRule::validated(
            "Keluar asrama tanpa izin",
            "Teguran lisan\n  Piket tambahan \n\nKonseling\nSurat peringatan\nDilaporkan ke kepala UPT",
        )
        .unwrap()
    }

    #[test]
    fn sanctions_are_the_lines_given_mildest_first() {
        let r = rule();
        assert_eq!(r.sanctions.len(), 5);
        assert_eq!(r.sanctions[1], "Piket tambahan");
        let e = HouseRule::validated("", " \n ").unwrap_err();
        let fields: Vec<&str> = e.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["rule_title", "rule_sanctions"]);
    }

    #[test]
    fn each_violation_of_a_rule_calls_for_the_next_sanction_then_the_heaviest() {
        let r = rule();
        let steps: Vec<usize> = (0..7).map(|n| suggested_sanction(&r, n)).collect();
        assert_eq!(steps, [0, 1, 2, 3, 4, 4, 4]);
        let one = HouseRule {
            sanctions: vec!["Teguran".into()],
            ..rule()
        };
        assert_eq!(suggested_sanction(&one, 3), 0);
    }

    #[test]
    fn another_sanction_than_the_suggested_one_needs_a_reason() {
        let r = rule();
        assert_eq!(chosen_sanction(&r, 1, 1, ""), Ok((1, String::new())));
        assert_eq!(
            chosen_sanction(&r, 1, 3, " "),
            Err(err("vi_reason", Problem::ReasonForChange))
        );
        assert_eq!(
            chosen_sanction(&r, 1, 3, "Kabur  dua hari"),
            Ok((3, "Kabur dua hari".into()))
        );
        assert_eq!(
            chosen_sanction(&r, 1, 9, "x").unwrap_err().field,
            "vi_sanction"
        );
    }
}
