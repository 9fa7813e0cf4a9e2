//! Word's automatic numbering (numbering.xml) materialised as text:
//! `w:num` → `w:abstractNum` → `w:lvl` (`w:start`, `w:numFmt`,
//! `w:lvlText`, `w:lvlRestart`, `w:isLgl`, `w:suff`), with
//! `w:lvlOverride/w:startOverride`; one counter set per list.

use super::xml::{self, attr, Walk};
use super::{DocxError, Table};

/// One level of a list.
#[derive(Debug, Clone, Default)]
pub struct Level {
    pub start: u32,
    pub format: String,
    pub text: String,
    /// The level whose advance restarts this one (1-based as Word writes
    /// it; 0 = never); `None` = any shallower level.
    pub restart: Option<u32>,
    pub legal: bool,
    /// `tab` (default), `space` or `nothing`.
    pub suffix: String,
    /// The paragraph style this level is bound to (`w:pStyle`).
    pub style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; 9],
    /// `w:numStyleLink`: the list is defined by a style's numbering.
    style_link: Option<String>,
    /// `w:styleLink`: this list defines that numbering style.
    style_def: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abs: String,
    /// Per level: a start override and a replacing level.
    overrides: [(Option<u32>, Option<Level>); 9],
}

/// Everything numbering.xml defines, and the counters of one pass.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: Table<Abstract>,
    nums: Table<Num>,
    /// Counters per abstract list (lists sharing one abstractNum count on,
    /// as Word does), per level; `None` = not yet used.
    counters: Table<[Option<u32>; 9]>,
    /// The start overrides already applied, per num id.
    applied: Table<[bool; 9]>,
    /// numId of a numbering style (`w:styleLink`), for `w:numStyleLink`.
    pub style_nums: Table<String>,
}

impl Numbering {
    pub fn parse(xml_bytes: &[u8]) -> Result<Self, DocxError> {
        let mut n = Numbering::default();
        let mut abs_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_lvl: Option<usize> = None;
        let mut cur_abs = Abstract::default();
        let mut cur_num = Num::default();
        xml::walk(xml_bytes, |w| match w {
            Walk::Open(e, empty) => {
                match e.name() {
                    b"w:abstractNum" => {
                        abs_id = attr(e, b"w:abstractNumId");
                        cur_abs = Abstract::default();
                    }
                    b"w:num" => {
                        num_id = attr(e, b"w:numId");
                        cur_num = Num::default();
                    }
                    b"w:abstractNumId" if num_id.is_some() => {
                        cur_num.abs = attr(e, b"w:val").unwrap_or_default();
                    }
                    b"w:lvlOverride" => {
                        override_lvl = attr(e, b"w:ilvl").and_then(|v| v.parse().ok());
                    }
                    b"w:startOverride" => {
                        if let Some(i) = override_lvl.filter(|&i| i < 9) {
                            cur_num.overrides[i].0 = attr(e, b"w:val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"w:lvl" => {
                        let i = attr(e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        lvl = Some((
                            i,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                suffix: "tab".into(),
                                ..Level::default()
                            },
                        ));
                    }
                    b"w:numStyleLink" => cur_abs.style_link = attr(e, b"w:val"),
                    b"w:styleLink" => cur_abs.style_def = attr(e, b"w:val"),
                    name => {
                        if let Some((_, l)) = &mut lvl {
                            let val = attr(e, b"w:val");
                            match name {
                                b"w:start" => {
                                    l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1)
                                }
                                b"w:numFmt" => l.format = val.unwrap_or_default(),
                                b"w:lvlText" => l.text = val.unwrap_or_default(),
                                b"w:lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                                b"w:isLgl" => {
                                    l.legal = val.is_none_or(|v| v != "0" && v != "false")
                                }
                                b"w:suff" => l.suffix = val.unwrap_or_default(),
                                b"w:pStyle" => l.style = val,
                                _ => {}
                            }
                        }
                    }
                }
                if empty {
                    close(
                        e.name(),
                        &mut n,
                        &mut abs_id,
                        &mut num_id,
                        &mut lvl,
                        &mut override_lvl,
                        &mut cur_abs,
                        &mut cur_num,
                    );
                }
            }
            Walk::Close(name) => {
                close(
                    name,
                    &mut n,
                    &mut abs_id,
                    &mut num_id,
                    &mut lvl,
                    &mut override_lvl,
                    &mut cur_abs,
                    &mut cur_num,
                );
            }
            Walk::Text(_) => {}
        })?;
        for (num_id, num) in n.nums.iter() {
            if let Some(link) = n.abstracts.get(&num.abs).and_then(|a| a.style_def.clone()) {
                n.style_nums.insert(link, num_id.clone());
            }
        }
        Ok(n)
    }

    /// The level of list `num_id` bound to paragraph style `style`.
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let abs = self.abstracts.get(&self.nums.get(num_id)?.abs)?;
        abs.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }

    /// The label of the next paragraph numbered `num_id` at level `ilvl`,
    /// with its suffix; advances the counters. `None` when the list or level
    /// does not exist or the list is numId 0 (numbering removed).
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        if num_id == "0" || ilvl >= 9 {
            return None;
        }
        let num = self.nums.get(num_id)?;
        let mut abs_key = num.abs.clone();
        let mut abs = self.abstracts.get(&abs_key)?;
        // A list that points at a numbering style takes that style's list.
        if let Some(link) = &abs.style_link {
            let linked = self.style_nums.get(link).and_then(|id| self.nums.get(id))?;
            abs_key = linked.abs.clone();
            abs = self.abstracts.get(&abs_key)?;
        }
        let level_of = |i: usize| -> Option<Level> {
            num.overrides[i].1.clone().or_else(|| abs.levels[i].clone())
        };
        let this = level_of(ilvl)?;
        let levels: Vec<Option<Level>> = (0..9).map(level_of).collect();
        let overrides: Vec<Option<u32>> = num.overrides.iter().map(|o| o.0).collect();
        let applied = self.applied.entry(num_id);
        let counters = self.counters.entry(&abs_key);
        // A start override applies the first time the num is used at that level.
        for (i, o) in overrides.iter().enumerate() {
            if let (Some(start), false) = (o, applied[i]) {
                applied[i] = true;
                counters[i] = Some(start.saturating_sub(1));
            }
        }
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => this.start,
        });
        // Deeper levels restart when this one advances, unless their
        // lvlRestart names a shallower level (r is 1-based; 0 = never).
        for (deeper, l) in levels.iter().enumerate().skip(ilvl + 1) {
            let reset = match l.as_ref().and_then(|l| l.restart) {
                None => true,
                Some(r) => ilvl < r as usize,
            };
            if reset {
                counters[deeper] = None;
            }
        }
        let mut label = String::new();
        let mut rest = this.text.as_str();
        while let Some(p) = rest.find('%') {
            label.push_str(&rest[..p]);
            let digit = rest[p + 1..].chars().next();
            match digit.and_then(|d| d.to_digit(10)) {
                Some(d @ 1..=9) => {
                    let i = d as usize - 1;
                    let l = levels[i].as_ref();
                    let value = counters[i].unwrap_or_else(|| l.map_or(1, |l| l.start));
                    let fmt = match l {
                        Some(_) if this.legal && i < ilvl => "decimal",
                        Some(l) => l.format.as_str(),
                        None => "decimal",
                    };
                    label.push_str(&format_number(value, fmt));
                    rest = &rest[p + 2..];
                }
                _ => {
                    label.push('%');
                    rest = &rest[p + 1..];
                }
            }
        }
        label.push_str(rest);
        if this.format == "bullet" || label.is_empty() {
            return None;
        }
        match this.suffix.as_str() {
            "space" => label.push(' '),
            "nothing" => {}
            _ => {
                // A tab after a label ending in a mark (一、 （一） 1. ①)
                // reads as nothing; after 第一章 or a bare 1 as a space.
                let last = label.chars().next_back().unwrap_or(' ');
                let word =
                    last.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&last);
                if word {
                    label.push(' ');
                }
            }
        }
        Some(label)
    }
}

#[allow(clippy::too_many_arguments)]
fn close(
    name: &[u8],
    n: &mut Numbering,
    abs_id: &mut Option<String>,
    num_id: &mut Option<String>,
    lvl: &mut Option<(usize, Level)>,
    override_lvl: &mut Option<usize>,
    cur_abs: &mut Abstract,
    cur_num: &mut Num,
) {
    match name {
        b"w:lvl" => {
            if let Some((i, l)) = lvl.take() {
                if i < 9 {
                    match *override_lvl {
                        Some(o) if num_id.is_some() && o < 9 => cur_num.overrides[o].1 = Some(l),
                        _ => cur_abs.levels[i] = Some(l),
                    }
                }
            }
        }
        b"w:lvlOverride" => *override_lvl = None,
        b"w:abstractNum" => {
            if let Some(id) = abs_id.take() {
                n.abstracts.insert(id, std::mem::take(cur_abs));
            }
        }
        b"w:num" => {
            if let Some(id) = num_id.take() {
                n.nums.insert(id, std::mem::take(cur_num));
            }
        }
        _ => {}
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// `n` in Word's number format `fmt`.
pub fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographDigital"
            if n == 0 =>
        {
            "〇".into()
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => counting(n, &DIGITS, ['十', '百', '千', '万'], '零'),
        "chineseLegalSimplified" => counting(n, &LEGAL, ['拾', '佰', '仟', '万'], '零'),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|c| DIGITS[c as usize - '0' as usize])
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" | "lowerLetter" => {
            let base = if fmt == "upperLetter" { b'A' } else { b'a' };
            let c = char::from(base + ((n.max(1) - 1) % 26) as u8);
            c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if fmt == "lowerRoman" {
                r.to_ascii_lowercase()
            } else {
                r
            }
        }
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(n as usize - 1)
            .map(String::from)
            .unwrap_or_default(),
        "ideographZodiac" if (1..=12).contains(&n) => "子丑寅卯辰巳午未申酉戌亥"
            .chars()
            .nth(n as usize - 1)
            .map(String::from)
            .unwrap_or_default(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// 一 … 十 十一 … 二十 … 一百零一 … (Word's chineseCounting).
fn counting(n: u32, digits: &[char; 10], units: [char; 4], zero: char) -> String {
    if n >= 100_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let parts = [
        (n / 10_000, Some(units[3])),
        (n / 1000 % 10, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut pending_zero = false;
    for (d, unit) in parts {
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一 (only when 十 leads).
        if !(d == 1 && unit == Some(units[0]) && out.is_empty() && digits[1] == '一') {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(f(1), "一");
        assert_eq!(f(10), "十");
        assert_eq!(f(11), "十一");
        assert_eq!(f(20), "二十");
        assert_eq!(f(21), "二十一");
        assert_eq!(f(101), "一百零一");
        assert_eq!(f(110), "一百一十");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
        assert_eq!(format_number(4, "decimal"), "4");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(2, "decimalFullWidth"), "２");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
    }
}
