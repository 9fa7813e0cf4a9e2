//! The invariants every fuzz target checks on a report (shared by the targets).

use report_check::output::js_report;
use report_check::Report;

/// Every span inside the text on char boundaries, findings sorted, and the
/// JS view exactly the UTF-16 translation of the byte spans.
pub fn assert_invariants(text: &str, report: &Report) {
    let mut units_at = vec![usize::MAX; text.len() + 1];
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        units_at[byte] = units;
        units += c.len_utf16();
    }
    units_at[text.len()] = units;

    let keys: Vec<_> = report.findings.iter().map(|f| (f.span, f.rule)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not sorted");
    let js = js_report(text, report);
    for (f, j) in report.findings.iter().zip(&js.findings) {
        let spans = std::iter::once(f.span).chain(f.occurrences.iter().map(|o| o.span));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len(), "{}: {s:?}", f.rule);
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{}: {s:?} splits a char",
                f.rule
            );
        }
        assert_eq!(
            (j.start.0, j.end.0),
            (units_at[f.span.start], units_at[f.span.end])
        );
        assert!(j.line >= 1 && j.column >= 1);
        for (o, jo) in f.occurrences.iter().zip(&j.occurrences) {
            assert_eq!(
                (jo.start.0, jo.end.0),
                (units_at[o.span.start], units_at[o.span.end])
            );
        }
    }
}
