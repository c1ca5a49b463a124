//! CSV for spreadsheets, one writer for every export: UTF-8 with a byte-order mark (Excel on
//! Windows reads UTF-8 without one as the local code page, and "Ibu Ni Luh Putu" keeps its
//! letters only with it), CRLF line ends, every cell quoted, and the separator chosen: `;` by
//! default for Indonesian (Excel with Indonesian regional settings splits on `;`, as the decimal
//! comma takes `,`), `,` when asked for.
//!
//! A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) is prefixed with `'`, so a name typed as `=HYPERLINK(...)` stays text.
//! Long digit strings (NIK, KK, phone numbers) are text in a quoted cell already; Excel still
//! converts them on opening a CSV, which is why the main export is XLSX.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    Semicolon,
    Comma,
}

impl Separator {
    pub fn char(self) -> char {
        match self {
            Separator::Semicolon => ';',
            Separator::Comma => ',',
        }
    }
}

/// One cell, quoted, and never read as a formula.
pub fn cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// The whole file: the byte-order mark, the header row, then the rows.
pub fn write<S: AsRef<str>>(sep: Separator, header: &[S], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        cells
            .map(cell)
            .collect::<Vec<_>>()
            .join(&sep.char().to_string())
    };
    out.push_str(&line(&mut header.iter().map(|h| h.as_ref())));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&line(&mut r.iter().map(String::as_str)));
        out.push_str("\r\n");
    }
    out
}

/// A count as a report that may leave the shelter shows it: below 5, "< 5" (a small count of
/// women from one village can name them).
pub fn suppressed(n: u64) -> String {
    if n < 5 {
        "< 5".into()
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("Siti"), "\"Siti\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for bad in ["+62 812", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(bad).starts_with("\"'"), "{bad:?} is neutralised");
        }
        assert_eq!(cell("3507012345678901"), "\"3507012345678901\"");
        assert_eq!(
            cell("a;b\r\nc"),
            "\"a;b\r\nc\"",
            "separators and line ends stay inside the quotes"
        );
    }

    #[test]
    fn a_file_has_a_bom_the_chosen_separator_and_crlf_lines() {
        let rows = vec![vec!["Siti Aminah".to_string(), "=1+1".to_string()]];
        let semi = write(Separator::Semicolon, &["Nama", "Catatan"], &rows);
        assert_eq!(
            semi,
            "\u{feff}\"Nama\";\"Catatan\"\r\n\"Siti Aminah\";\"'=1+1\"\r\n"
        );
        let comma = write(Separator::Comma, &["Nama", "Catatan"], &rows);
        assert!(comma.starts_with("\u{feff}\"Nama\",\"Catatan\"\r\n"));
    }

    #[test]
    fn counts_below_five_are_suppressed() {
        assert_eq!(suppressed(0), "< 5");
        assert_eq!(suppressed(4), "< 5");
        assert_eq!(suppressed(5), "5");
        assert_eq!(suppressed(120), "120");
    }
}
