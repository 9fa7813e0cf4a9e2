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

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::context::Context;
use crate::finding::{Category, Severity, Span};
use crate::rules::{Meta, Rule, Sink};
use crate::text::HAN_CLASS;

pub struct DocNumber;

static META: Meta = Meta {
    id: "format/docnum",
    category: Category::Docnum,
    severity: Severity::Error,
    description: "发文字号不规范（应为“代字〔2021〕12号”）",
};

const STANDARD: &str = "GB/T 9704 7.2.4";

/// One malformed shape: a regex whose group `fix` is the part to replace,
/// with named groups `year` and `serial` (absent when the serial is missing).
struct Shape {
    re: Regex,
    why: &'static str,
}

static SHAPES: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    let han = format!("[{HAN_CLASS}]");
    // Characters an issuer's code (机关代字) commonly ends with, for the
    // bracketless forms where nothing else says it is a document number.
    let issuer_end = "[发函字办委室教督政财令组]";
    let year = r"(?P<year>(?:19|20)\d{2})";
    let shape = |re: String, why| Shape {
        re: Regex::new(&re).expect("docnum regex"),
        why,
    };
    vec![
        shape(
            format!(r"{han}(?P<fix>[\[【﹝［(（〔]{year}[\]】﹞］)）〕]\s*(?P<serial>\d+)号)"),
            "年份应用六角括号“〔〕”括入",
        ),
        shape(
            format!(r"{han}(?P<fix>{year}〕\s*(?P<serial>\d+)号)"),
            "缺少前半个六角括号“〔”",
        ),
        shape(
            format!(r"(?P<fix>〔{year}\s*(?P<serial>\d+)号)"),
            "缺少后半个六角括号“〕”",
        ),
        shape(
            format!(r"{issuer_end}(?P<fix>{year}年?(?P<serial>\d{{1,4}})号)"),
            "年份应用六角括号“〔〕”括入",
        ),
        shape(format!(r"(?P<fix>〔{year}〕号)"), "缺少发文顺序号"),
        shape(
            format!(r"(?P<fix>〔{year}〕(?:第\s*0*|0+)(?P<serial>\d+)号)"),
            "发文顺序号不加“第”字、不编虚位",
        ),
    ]
});

fn emit(sink: &mut Sink, shape: &Shape, caps: &Captures) {
    let Some(fix) = caps.name("fix") else { return };
    let year = caps.name("year").map_or("", |m| m.as_str());
    let span = Span::new(fix.start(), fix.end());
    match caps.name("serial") {
        Some(serial) => {
            let right = format!("〔{year}〕{}号", serial.as_str().trim_start_matches('0'));
            sink.emit(
                span,
                format!(
                    "发文字号“{}”不规范：{}，应为“{right}”（{STANDARD}）。",
                    fix.as_str(),
                    shape.why
                ),
                Some(right),
            );
        }
        None => sink.emit(
            span,
            format!(
                "发文字号“{}”{}：请补上文件序号，如“〔{year}〕12号”（{STANDARD}）。",
                fix.as_str(),
                shape.why
            ),
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
        for shape in SHAPES.iter() {
            for caps in shape.re.captures_iter(text) {
                let bad_brackets = caps
                    .name("fix")
                    .is_some_and(|m| !(m.as_str().starts_with('〔') && m.as_str().contains('〕')));
                // The first shape also matches the correct form `〔2021〕12号`;
                // that one is only wrong when its serial is malformed (last shape).
                if std::ptr::eq(shape, &SHAPES[0]) && !bad_brackets {
                    continue;
                }
                emit(sink, shape, &caps);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            "",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }
}
