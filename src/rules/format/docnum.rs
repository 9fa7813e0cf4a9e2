//! `format/docnum`: 发文字号 not written as `机关代字〔年份〕序号号`.
//!
//! **What it checks.** Document numbers whose year is not in 六角括号
//! (`[2020]`, `【2020】`, `﹝2020﹞`, `（2020）`), whose opening or closing
//! bracket was lost (`赣财教2020〕15号`), that have no brackets at all
//! (`鄂教督室函20216号`, `教发2021年3号`), that lack the serial number
//! (`办发〔2018〕号`), or whose serial carries `第` or leading zeros
//! (`〔2021〕第12号`, `〔2021〕012号`).
//!
//! **Why it matters.** The number identifies the document; a reviewer must be
//! able to find it, and the form is fixed by the national standard.
//!
//! **Example.** `浙政教督办函[2020]30号` → `浙政教督办函〔2020〕30号`.
//!
//! **Not flagged.** `凉教督委〔2021〕28号`; a number cited without issuer in
//! running text (`湘发〔2020〕25号的要求`); years in other brackets that are not
//! followed by a serial and `号` (`(2019-2023年)`).
//!
//! **Follows** GB/T 9704—2012 §7.2.4 (发文字号: 年份、发文顺序号用阿拉伯数字标注；
//! 年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位).

use crate::context::Context;
use crate::document::Document;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::{char_before, is_han, run_start, Leads};

pub struct DocNumber;

static META: Meta = Meta {
    id: "format/docnum",
    category: Category::Docnum,
    severity: Severity::Error,
    description: "发文字号不规范（应为“代字〔2021〕12号”）",
};

const STANDARD: &str = "GB/T 9704 7.2.4";

/// A digit as the standard's forms are typed: ASCII or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９')
}

/// The char that ends at byte `at`, with its start.
fn before(text: &str, at: usize) -> Option<(usize, char)> {
    let c = text.get(..at)?.chars().next_back()?;
    Some((at - c.len_utf8(), c))
}

/// The start of a year `19dd`/`20dd` that ends at byte `at`.
fn year_before(text: &str, at: usize) -> Option<usize> {
    let (p4, c4) = before(text, at)?;
    let (p3, c3) = before(text, p4)?;
    let (p2, c2) = before(text, p3)?;
    let (p1, c1) = before(text, p2)?;
    (is_digit(c4) && is_digit(c3) && matches!((c1, c2), ('1', '9') | ('2', '0'))).then_some(p1)
}

/// The start of the char before `at` if `f` holds for it.
fn char_if(text: &str, at: usize, f: impl Fn(char) -> bool) -> Option<usize> {
    before(text, at).filter(|&(_, c)| f(c)).map(|(p, _)| p)
}

/// Characters an issuer's code (机关代字) commonly ends with, for the
/// bracketless forms where nothing else says it is a document number.
fn issuer_end(c: char) -> bool {
    "发函字办委室教督政财令组".contains(c)
}

/// One malformed number ending in the `号` at `q`: where the match starts
/// (with the char that must precede the number), the part to replace
/// (`fix`, up to and with `号`), its year and its serial (`None` when missing).
#[derive(Clone, Copy)]
pub(crate) struct Found {
    start: usize,
    pub fix: Span,
    pub year: Span,
    pub serial: Option<Span>,
}

/// The malformed shapes, each with what is wrong; [`shape`] reads them.
const WHY: [&str; 7] = [
    "年份应用六角括号“〔〕”括入",
    "缺少前半个六角括号“〔”",
    "缺少后半个六角括号“〕”",
    "年份应用六角括号“〔〕”括入",
    "缺少发文顺序号",
    "发文顺序号不加“第”字、不编虚位",
    "缺少年份",
];
/// How many shapes there are.
const SHAPES: usize = WHY.len();

/// An opening bracket a year may be typed in, and its closing one.
fn open_bracket(c: char) -> bool {
    matches!(c, '[' | '【' | '﹝' | '［' | '(' | '（' | '〔')
}
fn close_bracket(c: char) -> bool {
    matches!(c, ']' | '】' | '﹞' | '］' | ')' | '）' | '〕')
}

/// Shape `k` of a number ending in the `号` at byte `q`, read backwards:
/// 0. `[2020]30号` after a Han character (any bracket pair; `〔〕` too);
/// 1. `2020〕15号` after a Han character;
/// 2. `〔2021 12号`, `〔202112号`;
/// 3. `20216号`, `2021年3号` after an issuer's last character;
/// 4. `〔2018〕号`, or `(2011)号` after a Han character (any bracket pair);
/// 5. `〔2021〕第12号`, `〔2021〕012号`;
/// 6. `〔〕81号` (the year left empty), or `[]81号` after a Han character.
fn shape(text: &str, q: usize, k: usize) -> Option<Found> {
    let end = q + '号'.len_utf8();
    let ds = run_start(text, q, is_digit);
    let serial = (ds < q).then_some(Span::new(ds, q));
    let ws = run_start(text, ds, char::is_whitespace);
    let found = |start, fix, year_start, year_end, serial| Found {
        start,
        fix: Span::new(fix, end),
        year: Span::new(year_start, year_end),
        serial,
    };
    match k {
        0 | 1 => {
            serial?;
            let close = if k == 0 {
                char_if(text, ws, close_bracket)?
            } else {
                char_if(text, ws, |c| c == '〕')?
            };
            let y = year_before(text, close)?;
            let fix = if k == 0 {
                char_if(text, y, open_bracket)?
            } else {
                y
            };
            let han = char_if(text, fix, is_han)?;
            Some(found(han, fix, y, close, serial))
        }
        2 => {
            serial?;
            if ws < ds {
                let y = year_before(text, ws)?;
                let open = char_if(text, y, |c| c == '〔')?;
                return Some(found(open, open, y, ws, serial));
            }
            // No space: the year and the serial are one run of digits.
            let open = char_if(text, ds, |c| c == '〔')?;
            let (y_end, _) = text[ds..q].char_indices().nth(4)?;
            let y_end = ds + y_end;
            (year_before(text, y_end)? == ds)
                .then(|| found(open, open, ds, y_end, Some(Span::new(y_end, q))))
        }
        3 => {
            let serial = serial?;
            let digits = text[ds..q].chars().count();
            if let Some(nian) = char_if(text, ds, |c| c == '年') {
                let y = year_before(text, nian).filter(|_| digits <= 4)?;
                let issuer = char_if(text, y, issuer_end)?;
                return Some(found(issuer, y, y, nian, Some(serial)));
            }
            let issuer = char_if(text, ds, issuer_end).filter(|_| (5..=8).contains(&digits))?;
            let (y_end, _) = text[ds..q].char_indices().nth(4)?;
            let y_end = ds + y_end;
            (year_before(text, y_end)? == ds)
                .then(|| found(issuer, ds, ds, y_end, Some(Span::new(y_end, q))))
        }
        4 => {
            // `（2019）号召…`: a word, not a number.
            if text[end..].starts_with(['召', '称', '码']) {
                return None;
            }
            let close = char_if(text, q, close_bracket)?;
            let y = year_before(text, close)?;
            let open = char_if(text, y, open_bracket)?;
            if text[open..].starts_with('〔') {
                return Some(found(open, open, y, close, None));
            }
            // Another bracket: only after an issuer's code (`邦府呈(2011)号`).
            let han = char_if(text, open, is_han)?;
            Some(found(han, open, y, close, None))
        }
        6 => {
            serial?;
            let close = char_if(text, ws, close_bracket)?;
            let open = char_if(text, close, open_bracket)?;
            if text[open..].starts_with('〔') {
                return Some(found(open, open, close, close, serial));
            }
            let han = char_if(text, open, is_han)?;
            Some(found(han, open, close, close, serial))
        }
        _ => {
            serial?;
            let close = match char_if(text, ds, |c| c == '〕') {
                // `〕012号`: leading zeros, and a serial after them.
                Some(close) => (text[ds..].starts_with('0')
                    && text[ds..q].chars().nth(1).is_some())
                .then_some(close)?,
                None => {
                    let di = char_if(text, ws, |c| c == '第')?;
                    char_if(text, di, |c| c == '〕')?
                }
            };
            let y = year_before(text, close)?;
            let open = char_if(text, y, |c| c == '〔')?;
            Some(found(open, open, y, close, serial))
        }
    }
}

/// Where a `号` may end a number: after a digit or a closing bracket.
static BEFORE_HAO: Leads = Leads::chars("0123456789０１２３４５６７８９〕]】﹞］)）");

/// Every malformed number, shape by shape, each shape's matches in order
/// and not overlapping (as a regex search per shape would find them).
pub(crate) fn malformed(doc: &Document) -> Vec<(usize, Found)> {
    let text = doc.text;
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut last_end = [0usize; SHAPES];
    // `号` is a Han char: the digit or `〕` before it ends its run.
    for run in doc.runs().holding(&BEFORE_HAO) {
        let from = run.end;
        if !text[from..].starts_with('号')
            || !char_before(text, from).is_some_and(|c| is_digit(c) || close_bracket(c))
        {
            continue;
        }
        for (k, last) in last_end.iter_mut().enumerate() {
            if let Some(f) = shape(text, from, k).filter(|f| f.start >= *last) {
                *last = f.fix.end;
                found.push((k, f));
            }
        }
    }
    crate::sort::sort_by_key(&mut found, |&(k, _)| k);
    found
}

fn emit(sink: &mut Sink, text: &str, why: &str, f: &Found) {
    let fix = &text[f.fix.start..f.fix.end];
    let year = &text[f.year.start..f.year.end];
    match f.serial {
        Some(serial) if f.year.is_empty() => {
            let serial = text[serial.start..serial.end].trim_start_matches('0');
            sink.emit(
                f.fix,
                format!(
                    "发文字号“{fix}”{why}：请补上发文年份，如“〔2021〕{serial}号”（{STANDARD}）。"
                ),
                None,
            );
        }
        Some(serial) => {
            let serial = text[serial.start..serial.end].trim_start_matches('0');
            let right = format!("〔{year}〕{serial}号");
            sink.emit(
                f.fix,
                format!("发文字号“{fix}”不规范：{why}，应为“{right}”（{STANDARD}）。"),
                Some(right),
            );
        }
        None => sink.emit(
            f.fix,
            format!("发文字号“{fix}”{why}：请补上文件序号，如“〔{year}〕12号”（{STANDARD}）。"),
            None,
        ),
    }
}

impl Rule for DocNumber {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context, sink: &mut Sink) {
        let text = cx.doc.text;
        for (k, f) in malformed(&cx.doc) {
            // The first shape also matches the correct form `〔2021〕12号`;
            // that one is only wrong when its serial is malformed (last shape).
            let fix = &text[f.fix.start..f.fix.end];
            if k == 0 && fix.starts_with('〔') && fix.contains('〕') {
                continue;
            }
            emit(sink, text, WHY[k], &f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers found from the runs are those found by reading every
    /// digit and `〕` of the text.
    #[test]
    fn runs_find_what_every_digit_finds() {
        let reference = |text: &str| {
            let mut found = Vec::new();
            let mut last_end = [0usize; SHAPES];
            for (at, c) in text.char_indices() {
                let from = at + c.len_utf8();
                if !(is_digit(c) || close_bracket(c)) || !text[from..].starts_with('号') {
                    continue;
                }
                for (k, last) in last_end.iter_mut().enumerate() {
                    if let Some(f) = shape(text, from, k).filter(|f| f.start >= *last) {
                        *last = f.fix.end;
                        found.push((k, f.start, f.fix, f.year, f.serial));
                    }
                }
            }
            found.sort_by_key(|f| f.0);
            found
        };
        let toks = [
            "〔",
            "〕",
            "2023",
            "12",
            "号",
            "第",
            "教",
            "[",
            "]",
            " ",
            "１",
            "０",
            "(",
            "）",
            "年",
            "\n",
            "]号",
            "教督〔2023〕12号",
            "〔2023〕号",
            "[2020]30号",
            "2020〕15号",
            "〔2021 12号",
            "〔202112号",
            "20216号",
            "2021年3号",
            "〔2021〕第12号",
            "〔2021〕012号",
            "教（2019）",
            "呈(2011)号",
            "〔〕81号",
            "发[]8号",
            "（）号",
        ];
        let mut hits = 0;
        for t in crate::rules::test_util::pieced_texts(&toks, 4000, 12, 0x9E37_79B9_7F4A_7C15u64) {
            let got: Vec<_> = malformed(&Document::new(&t))
                .into_iter()
                .map(|(k, f)| (k, f.start, f.fix, f.year, f.serial))
                .collect();
            assert_eq!(got, reference(&t), "{t}");
            hits += got.len();
        }
        assert!(hits > 100, "{hits}");
    }
    use crate::rules::test_util::run;

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        run(&DocNumber, text)
    }

    fn one(text: &str, span: &str, fix: Option<&str>) {
        assert_eq!(
            found(text),
            [(span.to_string(), fix.map(String::from))],
            "{text}"
        );
    }

    #[test]
    fn wrong_brackets() {
        one("浙政教督办函[2020]30号", "[2020]30号", Some("〔2020〕30号"));
        one("赣教发【2021】5号", "【2021】5号", Some("〔2021〕5号"));
        one("新政教督﹝2020﹞7号", "﹝2020﹞7号", Some("〔2020〕7号"));
        one("教督（2019）12号", "（2019）12号", Some("〔2019〕12号"));
        one("教督(2019)12号", "(2019)12号", Some("〔2019〕12号"));
        one("某某［2022］8号", "［2022］8号", Some("〔2022〕8号"));
    }

    #[test]
    fn lost_brackets_and_serials() {
        one("赣财教2020〕15号", "2020〕15号", Some("〔2020〕15号"));
        one("鄂教督室函20216号", "20216号", Some("〔2021〕6号"));
        one("教发2021年3号", "2021年3号", Some("〔2021〕3号"));
        one("办发〔2018〕号", "〔2018〕号", None);
        one("教发〔2021〕第12号", "〔2021〕第12号", Some("〔2021〕12号"));
        one("教发〔2021〕012号", "〔2021〕012号", Some("〔2021〕12号"));
        one("教发〔202112号", "〔202112号", Some("〔2021〕12号"));
        one("教发〔2021 12号", "〔2021 12号", Some("〔2021〕12号"));
        // No serial in another bracket pair, an empty year.
        one("依据县府呈(2011)号文件", "(2011)号", None);
        one("县教发［2019］号", "［2019］号", None);
        one("按照县教体发〔〕81号文件要求", "〔〕81号", None);
        one("按照县教体发[]81号文件要求", "[]81号", None);
        one(
            "教发〔2021〕第 012号",
            "〔2021〕第 012号",
            Some("〔2021〕12号"),
        );
        one("鄂教督室函2021年16号", "2021年16号", Some("〔2021〕16号"));
        // Full-width digits are digits too (their width is another rule's business).
        one(
            "赣教发【20２１】5号",
            "【20２１】5号",
            Some("〔20２１〕5号"),
        );
    }

    #[test]
    fn each_shape_matches_once_without_overlap() {
        // The second number's `号` cannot start the next match: the Han
        // character before a bracket is part of the match.
        assert_eq!(found("教[2020]1号[2021]2号").len(), 1);
        assert_eq!(found("教[2020]1号，教[2021]2号").len(), 2);
        assert!(found("教发〔2021〕第号").is_empty());
        assert!(found("函202112345号").is_empty());
    }

    #[test]
    fn quiet_on_correct_numbers() {
        for ok in [
            "凉教督委〔2021〕28号",
            "认真贯彻落实湘发〔2020〕25号的具体要求",
            "中央编办发〔2014〕72号、达市教函〔2023〕75号",
            "《规划(2019-2023年)》的通知",
            "2021年3月",
            "人民路2号",
            "全县2021年共有12所学校",
            "（2019）号召全体师生，（）81号楼，第[]号，县(2019)号召",
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
