//! Every number in the text, read once per check: value, unit, kind, and the
//! marks that make arithmetic on it approximate or impossible.
//!
//! One linear pass over the text. Recognised:
//! - numbers with decimals (`57926.181`), thousands separators (`1,234`),
//!   full-width digits (`２０２１`), a sign after a verb (`增长-0.01万元`);
//! - magnitudes and units: `万`/`亿` before the unit (`700余万元`, `6.7万余人次`),
//!   money (`元`), `%`, `个百分点`, measure words (`人 名 所 个 间 次 平方米 …`),
//!   `分` (scores), `年`/`月`/`日` (dates);
//! - approximations (`约 近 超 逾` before, `余 多 以上 左右 以内 以下 强` after)
//!   and ranges (`2020-2022年`, `2021年—2023年`, `8%-10%`, `2—2.5名`): a
//!   reviewer does not demand exact sums of these;
//! - ratios (`1:19`, `1∶8`, `47%:53%`) and fractions (`1/3`);
//! - item numbers (`16.2021年…` at a line start is item 16 then the year
//!   2021; `(1)`), ordinals (`第15测评点`), quoted dates (`“10.26”`): none of
//!   them is a quantity;
//! - broken numbers whose digits were lost (`.4%`, `44.%`).
//!
//! Rules read [`Figures`] from the [`crate::Context`]; none re-scans the text
//! for numbers.

use crate::document::Document;
use crate::finding::Span;

/// What a number stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A quantity: money, a count, an area (`756568万元`, `108所`, `9993平方米`).
    Amount,
    /// A percentage (`98.84%`).
    Percent,
    /// Percentage points (`1.25个百分点`).
    Points,
    /// A score (`11分`).
    Score,
    /// A calendar year (`2021年`, `2017` in `2017-2019年`, `〔2021〕`).
    Year,
    /// A month or day, or a quoted event date (`9月29日`, `“10.26”`).
    Date,
    /// One side of a ratio or fraction (`1:19`, `1/3`), or a clock time.
    Ratio,
    /// An item number or ordinal (`16.` at a line start, `(1)`, `第15`).
    Item,
    /// A bare number with no unit that fits none of the above.
    Bare,
}

/// How a number lost digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// `.4%`: a decimal point with nothing before it.
    LeadingDot,
    /// `44.%`: a decimal point with nothing after it.
    TrailingDot,
}

/// One number in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The number, its magnitude, approximation suffixes and unit
    /// (`700余万元`, `0.74%`, `-0.01万元`); excludes prefixes like `约`.
    pub span: Span,
    /// End of the digits (and decimal point) alone.
    pub num_end: usize,
    /// The value as written, signed, without the magnitude.
    pub value: f64,
    /// Digits after the decimal point, as written.
    pub decimals: u8,
    /// `1`, `1e4` (`万`) or `1e8` (`亿`).
    pub scale: f64,
    /// The unit as written (`万元`'s unit is `元`; `％` is given as `%`); `""` if none.
    pub unit: &'static str,
    pub kind: Kind,
    /// `约/近/余/多/以上/…`: not an exact figure.
    pub approx: bool,
    /// One end of a range (`2—2.5名`).
    pub range: bool,
    /// Inside round brackets `(…)`/`（…）` (depth > 0).
    pub in_paren: bool,
    /// Inside quotation marks or a book title (`“四个100%”`, `《3-6岁…》`):
    /// a name or slogan, not a figure to check.
    pub quoted: bool,
    pub broken: Option<Broken>,
    /// Index into [`Figures::sentences`].
    pub sentence: usize,
}

impl Figure {
    /// The value in base units (`1.26万元` → 12600).
    pub fn base(&self) -> f64 {
        self.value * self.scale
    }

    /// A quantity fit for arithmetic: an exact, unbroken amount outside ranges.
    pub fn is_exact_amount(&self) -> bool {
        self.kind == Kind::Amount
            && !self.approx
            && !self.range
            && !self.quoted
            && self.broken.is_none()
    }

    /// Same measure: same unit, people counted in `人` or `名` alike.
    pub fn same_measure(&self, other: &Figure) -> bool {
        measure(self.unit) == measure(other.unit)
    }

    /// A whole count of things (`42所`, `400名`): exact, not rounded.
    pub fn is_count(&self) -> bool {
        self.decimals == 0 && self.scale == 1.0 && is_count_unit(self.unit)
    }

    /// Half a unit of the last digit written, in base units; zero for a
    /// whole count, which is exact.
    pub fn half_ulp(&self) -> f64 {
        if self.is_count() {
            return 0.0;
        }
        0.5 * 10f64.powi(-i32::from(self.decimals)) * self.scale
    }
}

/// Measure words of things counted one by one.
/// Whether `unit` is one of [`COUNT_UNITS`], matched by its chars.
fn is_count_unit(unit: &str) -> bool {
    let mut cs = unit.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(c), None, _) => matches!(
            c,
            '人' | '名'
                | '所'
                | '个'
                | '间'
                | '次'
                | '项'
                | '件'
                | '份'
                | '台'
                | '辆'
                | '家'
                | '节'
                | '篇'
                | '期'
                | '起'
                | '支'
                | '套'
                | '户'
                | '条'
                | '场'
                | '批'
                | '座'
                | '栋'
                | '处'
                | '类'
                | '班'
                | '门'
                | '位'
                | '种'
                | '届'
                | '大'
        ),
        (Some('人'), Some('次'), None) => true,
        _ => false,
    }
}

#[cfg(test)]
const COUNT_UNITS: &[&str] = &[
    "人", "名", "所", "个", "间", "次", "项", "件", "份", "台", "辆", "家", "节", "篇", "期", "起",
    "支", "套", "户", "条", "场", "批", "座", "栋", "处", "类", "班", "门", "位", "种", "届",
    "人次", "大",
];

/// Units that count the same thing.
pub fn measure(unit: &str) -> &str {
    match unit {
        "名" => "人",
        u => u,
    }
}

/// Every figure of a document, in text order, with the sentences they sit in.
#[derive(Debug, Default)]
pub struct Figures {
    pub list: Vec<Figure>,
    /// Sentences: split at `。！？!?` and line ends; each figure names its own.
    pub sentences: Sentences,
}

/// The sentences of a text, in order (see [`Figures::sentences`]): 8 bytes
/// each, in blocks of a fixed size, so that no list grown by doubling
/// holds its old and new buffers at once (a text of short lines has a
/// sentence every few bytes).
#[derive(Debug, Default)]
pub struct Sentences {
    blocks: Vec<Vec<[u32; 2]>>,
    len: usize,
}

/// Sentences per block of [`Sentences`].
const SENTENCE_BLOCK: usize = 4096;

impl Sentences {
    fn push(&mut self, s: Span) {
        let offset = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        if self.len % SENTENCE_BLOCK == 0 {
            // The first block as large as the text needs (a report has a
            // few hundred sentences), the others full-sized.
            let want = if self.len == 0 { 64 } else { SENTENCE_BLOCK };
            self.blocks.push(Vec::with_capacity(want));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push([offset(s.start), offset(s.end)]);
            self.len += 1;
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Sentence `i`.
    pub fn get(&self, i: usize) -> Option<Span> {
        let [s, e] = *self
            .blocks
            .get(i / SENTENCE_BLOCK)?
            .get(i % SENTENCE_BLOCK)?;
        Some(Span::new(s as usize, e as usize))
    }

    /// The sentences in order.
    pub fn iter(&self) -> impl Iterator<Item = Span> + '_ {
        let span = |&[s, e]: &[u32; 2]| Span::new(s as usize, e as usize);
        self.blocks.iter().flatten().map(span)
    }

    /// The index of the first sentence for which `pred` is false, all
    /// those before it being true (as [`slice::partition_point`]).
    pub fn partition_point(&self, pred: impl Fn(Span) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).is_some_and(&pred) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl Figures {
    /// The figures that start inside `span`.
    pub fn within(&self, span: Span) -> &[Figure] {
        let a = self.list.partition_point(|f| f.span.start < span.start);
        let b = self.list.partition_point(|f| f.span.start < span.end);
        &self.list[a..b.max(a)]
    }

    /// Each sentence that holds figures, with its figures: what
    /// [`Figures::within`] gives for every sentence, without the sentences
    /// that have none and without a search per sentence.
    pub fn by_sentence(&self) -> impl Iterator<Item = (Span, &[Figure])> {
        self.list
            .chunk_by(|a, b| a.sentence == b.sentence)
            .filter_map(|fs| Some((self.sentences.get(fs.first()?.sentence)?, fs)))
    }

    /// Index of the first figure starting at or after byte `at`.
    pub fn index_at(&self, at: usize) -> usize {
        self.list.partition_point(|f| f.span.start < at)
    }
}

/// Units after a number, longest first within a shared prefix.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "人次",
    "学时",
    "课时",
    "分钟",
    "小时",
    "周岁",
    "学年",
    "年度",
    "m²",
    "m2",
    "元",
    "人",
    "名",
    "所",
    "个",
    "间",
    "次",
    "项",
    "件",
    "份",
    "台",
    "辆",
    "家",
    "节",
    "篇",
    "期",
    "起",
    "支",
    "套",
    "亩",
    "吨",
    "册",
    "户",
    "条",
    "场",
    "批",
    "座",
    "栋",
    "处",
    "类",
    "班",
    "门",
    "位",
    "种",
    "倍",
    "届",
    "天",
    "周",
    "岁",
    "分",
    "年",
    "月",
    "日",
    "号",
    "大",
    "%",
    "％",
    "‰",
];

const APPROX_AFTER: &[&str] = &["以上", "左右", "以内", "以下", "上下", "强"];
const APPROX_BEFORE: &[&str] = &[
    "约",
    "近",
    "超",
    "逾",
    "超过",
    "不足",
    "不到",
    "将近",
    "接近",
    "大约",
    "低于",
    "高于",
    "不低于",
    "不少于",
    "不超过",
    "最高",
    "最低",
];
const RANGE_JOIN: &[&str] = &["-", "—", "－", "~", "～", "至", "到", "—", "–"];

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_point(c: char) -> bool {
    c == '.' || c == '．'
}

/// The char at byte `at`, with its length.
fn at(text: &str, i: usize) -> Option<(char, usize)> {
    match *text.as_bytes().get(i)? {
        x @ 0..=0x7F => Some((char::from(x), 1)),
        _ => text.get(i..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

fn before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Whether the non-ASCII char at byte `i` is one [`extract`] acts on:
/// `“”` (E2 80 9C/9D), `。〈〉《》` (E3 80 82/88–8B), `！（）．０–９？`
/// (EF BC 81/88/89/8E/90–99/9F).
fn special(b: &[u8], i: usize) -> bool {
    matches!(
        b.get(i..i + 3),
        Some(
            [0xE2, 0x80, 0x9C | 0x9D]
                | [0xE3, 0x80, 0x82 | 0x88..=0x8B]
                | [0xEF, 0xBC, 0x81 | 0x88 | 0x89 | 0x8E | 0x90..=0x99 | 0x9F]
        )
    )
}

/// Builds the figure list in one pass.
pub fn extract(doc: &Document) -> Figures {
    let text = doc.text;
    // Sized once: a list grown by doubling holds its old and its new buffer
    // at the last growth, the peak of a whole check on a text dense with
    // figures (14.7 MB + 29.4 MB for the 363,000 figures of a 10 MB text).
    let mut list: Vec<Figure> = Vec::with_capacity(number_starts(doc));
    let mut sentences = Sentences::default();
    let mut sentence_start = 0;
    let mut depth: u32 = 0;
    let mut quote: u32 = 0;
    let mut line_start = true; // only whitespace since the last line break
    let mut i = 0;
    let bytes = text.as_bytes();
    // The digits of the number being read, kept for the next one.
    let mut digits = String::new();
    let mut run_starts = doc.runs().after(0).map(|r| r.0);
    while let Some(&b) = bytes.get(i) {
        // Fast path: Han text (a three-byte char U+4000–U+9FFF is never a
        // digit, a mark that changes state, or whitespace), run by run.
        if (0xE4..=0xE9).contains(&b) {
            // Such chars fill the text up to the next run (see `Document::runs`).
            i = loop {
                match run_starts.next() {
                    Some(s) if s > i => break s,
                    Some(_) => {}
                    None => break bytes.len(),
                }
            };
            line_start = false;
            continue;
        }
        // Fast path: plain ASCII that cannot start a number or change state.
        if b < 0x80
            && !b.is_ascii_digit()
            && !matches!(b, b'.' | b'(' | b')' | b'\n' | b'\r' | b'!' | b'?')
        {
            if line_start && !matches!(b, b' ' | b'\t') {
                line_start = false;
            }
            i += 1;
            continue;
        }
        // Fast path: a non-ASCII char that cannot matter (whitespace matters
        // only at a line start).
        if b >= 0xC0 && !line_start && !special(bytes, i) {
            i += match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        let Some((c, len)) = at(text, i) else { break };
        if is_digit(c) || (is_point(c) && at(text, i + len).is_some_and(|(d, _)| is_digit(d))) {
            let prev = before(text, i);
            let glued = prev.is_some_and(|p| {
                is_digit(p) || p.is_ascii_alphabetic() || p == '_' || (is_point(c) && is_point(p))
            });
            if !glued {
                let number =
                    read_number(text, i, line_start, depth > 0, sentences.len(), &mut digits);
                if let Some(mut f) = number {
                    f.quoted = quote > 0;
                    let mut next_i = f.span.end.max(i + len);
                    if f.kind == Kind::Item {
                        // Step over the item's `.`/`、` so `16.2021年` reads 2021 next.
                        if let Some((p, pl)) = at(text, f.span.end) {
                            if is_point(p) || p == '、' {
                                next_i = f.span.end + pl;
                            }
                        }
                    }
                    if !doc.in_url(i) {
                        list.push(f);
                    }
                    i = next_i;
                    line_start = false;
                    continue;
                }
            }
            // Skip the rest of a glued run (`C9`, `A1`).
            i += len;
            while let Some((d, l)) = at(text, i) {
                if is_digit(d) {
                    i += l;
                } else {
                    break;
                }
            }
            line_start = false;
            continue;
        }
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '“' | '《' | '〈' => quote += 1,
            '”' | '》' | '〉' => quote = quote.saturating_sub(1),
            _ => {}
        }
        if matches!(c, '\n' | '\r') {
            if sentence_start < i {
                sentences.push(Span::new(sentence_start, i));
            }
            sentence_start = i + len;
            depth = 0;
            quote = 0;
            line_start = true;
        } else if matches!(c, '。' | '！' | '？' | '!' | '?') {
            sentences.push(Span::new(sentence_start, i + len));
            sentence_start = i + len;
            depth = 0;
            line_start = false;
        } else if !(line_start && (c.is_whitespace() || matches!(c, '(' | '（'))) {
            line_start = false;
        }
        i += len;
    }
    if sentence_start < text.len() || sentences.is_empty() {
        sentences.push(Span::new(sentence_start, text.len()));
    }
    mark_pairs(text, &mut list);
    // Grown by doubling: up to half of it unused (9 MB of a finding-dense 10 MB text).
    list.shrink_to_fit();
    Figures { list, sentences }
}

/// How many runs of digits and decimal points (ASCII or full-width) the
/// text has: about as many as it has figures (a number is one such run;
/// `16.2021年` is two figures in one, `C9` none), so the figure list is
/// sized once. Only the runs of [`Document::runs`] that hold such a char
/// are looked at.
fn number_starts(doc: &Document) -> usize {
    use crate::text::kind_bit;
    let leads = kind_bit(b'.') | kind_bit(0xEF) | (b'0'..=b'9').fold(0, |m, b| m | kind_bit(b));
    let bytes = doc.text.as_bytes();
    let mut n = 0;
    for (start, end, kinds) in doc.runs().after(0) {
        if kinds & leads == 0 {
            continue;
        }
        let mut inside = false;
        let mut i = start;
        while i < end {
            let (numeric, len) = match bytes[i] {
                b'0'..=b'9' | b'.' => (true, 1),
                0xEF => (
                    matches!(bytes.get(i + 1..i + 3), Some([0xBC, 0x8E | 0x90..=0x99])),
                    3,
                ),
                x => (false, utf8_len(x)),
            };
            n += usize::from(numeric && !inside);
            inside = numeric;
            i += len;
        }
    }
    n
}

/// The length of the UTF-8 sequence that byte `x` starts.
fn utf8_len(x: u8) -> usize {
    match x {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// Reads one number starting at byte `start` (a digit or a point before a digit).
fn read_number(
    text: &str,
    start: usize,
    line_start: bool,
    in_paren: bool,
    sentence: usize,
    digits: &mut String,
) -> Option<Figure> {
    let mut i = start;
    digits.clear();
    let mut broken = None;
    if let Some((_, l)) = at(text, i).filter(|&(c, _)| is_point(c)) {
        broken = Some(Broken::LeadingDot);
        i += l;
        digits.push_str("0.");
    }
    let mut run = 0;
    let mut grouped = false;
    while let Some((c, l)) = at(text, i) {
        if let Some(d) = digit_value(c) {
            digits.push(char::from_digit(d, 10).unwrap_or('0'));
            run += 1;
            i += l;
        } else if c == ','
            && broken.is_none()
            && (if grouped {
                run == 3
            } else {
                (1..=3).contains(&run)
            })
        {
            // Thousands separator: exactly three digits follow, then no digit.
            let next = text.as_bytes().get(i + 1..i + 5).unwrap_or(&[]);
            let tail = text.as_bytes().get(i + 4).copied();
            if next.len() >= 3
                && next[..3].iter().all(u8::is_ascii_digit)
                && !tail.is_some_and(|b| b.is_ascii_digit())
            {
                run = 0;
                grouped = true;
                i += 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    // Item number at a line start: `16.` then Han, or `16.2021年`.
    if line_start && broken.is_none() && run <= 3 {
        if let Some((p, pl)) = at(text, i).filter(|&(p, _)| is_point(p) || p == '、') {
            let after = text.get(i + pl..).unwrap_or("");
            let year_follows = after.len() >= 5
                && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && (after.starts_with("19") || after.starts_with("20"))
                && after[4..].starts_with('年');
            let next = after.chars().next();
            if p == '、' || year_follows || !next.is_some_and(is_digit) {
                return Some(Figure {
                    span: Span::new(start, i),
                    num_end: i,
                    value: crate::num::parse_decimal(digits),
                    decimals: 0,
                    scale: 1.0,
                    unit: "",
                    kind: Kind::Item,
                    approx: false,
                    range: false,
                    in_paren,
                    quoted: false,
                    broken: None,
                    sentence,
                });
            }
        }
    }
    let mut decimals = 0u8;
    if broken.is_none() {
        if let Some((_, pl)) = at(text, i).filter(|&(p, _)| is_point(p)) {
            match at(text, i + pl) {
                Some((d, _)) if is_digit(d) => {
                    digits.push('.');
                    i += pl;
                    while let Some((d, l)) = at(text, i) {
                        if let Some(v) = digit_value(d) {
                            digits.push(char::from_digit(v, 10).unwrap_or('0'));
                            decimals = decimals.saturating_add(1);
                            i += l;
                        } else {
                            break;
                        }
                    }
                }
                Some((u, _)) if u == '%' || u == '％' || unit_at(text, i + pl).is_some() => {
                    broken = Some(Broken::TrailingDot);
                    i += pl;
                }
                _ => {}
            }
        }
    } else {
        decimals = u8::try_from(run).unwrap_or(u8::MAX);
    }
    let num_end = i;
    let mut value: f64 = crate::num::parse_decimal(digits);
    // A sign right after a word: `增长-0.01万元` (not a range `2017-2019`).
    let mut span_start = start;
    if let Some(sign) = before(text, start).filter(|&c| c == '-' || c == '－') {
        let b = before(text, start - sign.len_utf8());
        if b.is_some_and(crate::text::is_han) {
            value = -value;
            span_start = start - sign.len_utf8();
        }
    }
    // Magnitude and approximation suffixes: `700余万元`, `6.7万余人次`, `400多万元`.
    let mut approx = false;
    let mut scale = 1.0;
    let mut j = i;
    let skip_approx = |j: &mut usize, approx: &mut bool| {
        for s in ["余", "多"] {
            if text.get(*j..).is_some_and(|t| t.starts_with(s)) {
                *j += s.len();
                *approx = true;
                return;
            }
        }
    };
    skip_approx(&mut j, &mut approx);
    if let Some((m, ml)) = at(text, j).filter(|&(m, _)| m == '万' || m == '亿') {
        scale = if m == '万' { 1e4 } else { 1e8 };
        j += ml;
        skip_approx(&mut j, &mut approx);
    }
    // A space before `%` (`27.02 %`) is the whitespace rule's business.
    let unit_pos = if text.get(j..).is_some_and(|t| t.starts_with(" %")) {
        j + 1
    } else {
        j
    };
    let (end, unit_name) = match unit_at(text, unit_pos) {
        Some(u) => (unit_pos + u.len(), if u == "％" { "%" } else { u }),
        None => (j, ""),
    };
    if APPROX_AFTER
        .iter()
        .any(|s| text.get(end..).is_some_and(|t| t.starts_with(s)))
    {
        approx = true;
    }
    let head = text.get(..span_start).unwrap_or("");
    // Every word in APPROX_BEFORE ends in one of these.
    let may_approx = before(text, span_start).is_some_and(|c| {
        matches!(
            c,
            '约' | '近' | '超' | '逾' | '过' | '足' | '到' | '大' | '于' | '少' | '低' | '高'
        )
    });
    if may_approx && APPROX_BEFORE.iter().any(|p| head.ends_with(p)) {
        approx = true;
    }
    let prev = before(text, span_start);
    let next = at(text, end).map(|(c, _)| c);
    let kind = classify(text, span_start, unit_name, digits, decimals, prev, next);
    Some(Figure {
        span: Span::new(span_start, end),
        num_end,
        value,
        decimals,
        scale,
        unit: unit_name,
        kind,
        approx,
        range: false,
        in_paren,
        quoted: false,
        broken,
        sentence,
    })
}

/// [`UNITS`] with their first characters, sorted by that char and, for
/// one char, longest first, so a number's unit is found by a binary search.
static UNITS_BY_FIRST: std::sync::LazyLock<Vec<(char, &'static str)>> =
    std::sync::LazyLock::new(|| {
        let mut v: Vec<(char, &'static str)> = UNITS
            .iter()
            .filter_map(|&u| Some((u.chars().next()?, u)))
            .collect();
        v.sort_by_key(|&(c, u)| (c, std::cmp::Reverse(u.len())));
        v
    });

fn unit_at(text: &str, i: usize) -> Option<&'static str> {
    let t = text.get(i..)?;
    let first = t.chars().next()?;
    let units = &UNITS_BY_FIRST;
    let k = units.partition_point(|&(c, _)| c < first);
    units[k..]
        .iter()
        .take_while(|&&(c, _)| c == first)
        .map(|&(_, u)| u)
        .find(|u| t.starts_with(u))
}

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    start: usize,
    unit: &str,
    digits: &str,
    decimals: u8,
    prev: Option<char>,
    next: Option<char>,
) -> Kind {
    let year_like = decimals == 0
        && digits.len() == 4
        && (digits.starts_with("19") || digits.starts_with("20"));
    if matches!(prev, Some('“' | '"' | '「'))
        && matches!(next, Some('”' | '"' | '」'))
        && decimals > 0
    {
        return Kind::Date;
    }
    if text.get(..start).is_some_and(|h| h.ends_with('第')) {
        return Kind::Item;
    }
    match unit {
        "%" | "‰" => Kind::Percent,
        "个百分点" | "百分点" => Kind::Points,
        "分" => Kind::Score,
        "年" | "学年" | "年度" if year_like => Kind::Year,
        "月" | "日" => Kind::Date,
        "" if year_like && matches!(prev, Some('〔' | '[' | '【' | '﹝' | '(' | '（')) => {
            Kind::Year
        }
        "" if matches!(prev, Some('(' | '（'))
            && matches!(next, Some(')' | '）'))
            && decimals == 0 =>
        {
            Kind::Item
        }
        "" => Kind::Bare,
        _ => Kind::Amount,
    }
}

/// Second pass over the (short) figure list: ranges, ratios, fractions.
fn mark_pairs(text: &str, list: &mut [Figure]) {
    for k in 1..list.len() {
        let (a, b) = (&list[k - 1], &list[k]);
        let Some(gap) = text.get(a.span.end..b.span.start) else {
            continue;
        };
        if gap.is_empty() || gap.len() > 12 {
            continue;
        }
        let gap_trim = gap.trim_matches(|c: char| c == ' ');
        let joins_range = RANGE_JOIN.contains(&gap_trim)
            || RANGE_JOIN
                .iter()
                .filter_map(|r| gap_trim.strip_prefix(r))
                .any(|rest| APPROX_BEFORE.contains(&rest));
        if joins_range && !gap.is_empty() {
            let year_pair = |f: &Figure| {
                f.decimals == 0 && (1900.0..2100.0).contains(&f.value) && f.scale == 1.0
            };
            let both_years = year_pair(&list[k - 1])
                && (list[k].kind == Kind::Year || year_pair(&list[k]))
                && matches!(list[k - 1].kind, Kind::Year | Kind::Bare);
            list[k - 1].range = true;
            list[k].range = true;
            if both_years {
                list[k - 1].kind = Kind::Year;
                list[k].kind = Kind::Year;
            } else if list[k - 1].kind == Kind::Bare && list[k].kind != Kind::Bare {
                // `2—2.5名`, `8-10%`: the first end shares the second's unit.
                list[k - 1].unit = list[k].unit;
                list[k - 1].kind = list[k].kind;
            }
        } else if matches!(gap_trim, ":" | "∶" | "：" | "/") && !gap.is_empty() {
            list[k - 1].kind = Kind::Ratio;
            list[k].kind = Kind::Ratio;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_units_by_char() {
        let probes = ["人次", "人人", "万元", "", "次人", "元", "平方米", "%"];
        for u in UNITS.iter().chain(COUNT_UNITS).chain(&probes) {
            assert_eq!(is_count_unit(u), COUNT_UNITS.contains(u), "{u}");
        }
    }

    fn figs(text: &str) -> Vec<Figure> {
        extract(&Document::new(text)).list
    }

    /// The list's size estimate counts runs of digits and points, ASCII or
    /// full-width, anywhere in the text (inside Han text too).
    #[test]
    fn number_starts_counts_digit_runs() {
        let starts = |t: &str| number_starts(&Document::new(t));
        assert_eq!(starts(""), 0);
        assert_eq!(starts("全县各级学校认真落实。"), 0);
        assert_eq!(starts("新增1.5万元，覆盖率９８．５％，C9教室"), 3);
        assert_eq!(starts("共有123所学校、.4%、44.%"), 3);
        assert_eq!(starts("（１）２０２１年\n16.2021年"), 3);
        // On real-looking reports it is about the number of figures, never
        // far below (which would grow the list again) nor far above.
        let mut texts = crate::test_texts::fixture_texts();
        texts.push(
            "（1）新增学位1001个，覆盖率达到91%,计划于20xx年完成（县政办[2023]1号）。\n".repeat(50),
        );
        for text in &texts {
            let doc = Document::new(text);
            let (n, est) = (extract(&doc).list.len(), number_starts(&doc));
            assert!(
                n <= est + est / 10 + 2 && est <= 2 * n + 10,
                "{n} figures, {est} estimated: {text:.60}"
            );
        }
    }

    fn one(text: &str) -> Figure {
        let f = figs(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f.into_iter().next().unwrap()
    }

    fn spans(text: &str) -> Vec<&str> {
        figs(text)
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect()
    }

    #[test]
    fn amounts_with_units_and_magnitudes() {
        let f = one("支出756568万元,");
        assert_eq!(
            (f.value, f.scale, f.unit, f.kind),
            (756568.0, 1e4, "元", Kind::Amount)
        );
        let f = one("为57926.181万元");
        assert_eq!((f.value, f.decimals), (57926.181, 3));
        assert_eq!(one("共3.47亿元").base(), 3.47e8);
        let f = one("拨款700余万元");
        assert!(f.approx);
        assert_eq!((f.unit, f.scale), ("元", 1e4));
        assert!(one("惠及6.7万余人次").approx);
        assert_eq!(one("惠及6.7万余人次").unit, "人次");
        assert!(one("400多万元用于").approx);
        assert!(one("党员2000余名").approx);
        assert!(one("近35000人").approx);
        assert!(one("约30人").approx);
        assert!(one("85%以上").approx);
        assert!(!one("学校108所").approx);
        assert_eq!(spans("面积9993平方米,"), ["9993平方米"]);
        assert_eq!(one("共１２３名").value, 123.0);
        assert_eq!(one("共1,234万元").value, 1234.0);
        assert_eq!(spans("教师12,学生345"), ["12", "345"]);
    }

    #[test]
    fn percent_points_scores() {
        let f = one("增长17.88%");
        assert_eq!((f.value, f.decimals, f.kind), (17.88, 2, Kind::Percent));
        assert_eq!(one("占比27.02 %;").kind, Kind::Percent);
        assert_eq!(one("降低1.25个百分点").kind, Kind::Points);
        assert_eq!(one("权重26.2分").kind, Kind::Score);
        assert_eq!(one("比例１２％").unit, "%");
    }

    #[test]
    fn negative_after_a_verb() {
        let f = one("增长-0.01万元");
        assert_eq!(f.value, -0.01);
        assert_eq!(spans("增长-0.01万元"), ["-0.01万元"]);
        let f = figs("(2017-2035)");
        assert!(f
            .iter()
            .all(|f| f.value > 0.0 && f.range && f.kind == Kind::Year));
    }

    #[test]
    fn years_ranges_ratios() {
        let f = figs("2017-2019年,2021年—2023年");
        assert!(f.iter().all(|f| f.kind == Kind::Year && f.range), "{f:?}");
        let f = figs("每班配备专职教师2—2.5名");
        assert!(f.iter().all(|f| f.range && f.unit == "名"), "{f:?}");
        let f = figs("公用经费的8%-10%");
        assert!(f.iter().all(|f| f.range && f.kind == Kind::Percent));
        let f = figs("小学1:19、师生比1∶8—1∶10,47%:53%,1/3强");
        assert!(f.iter().all(|f| f.kind == Kind::Ratio), "{f:?}");
        let f = figs("凉教督委〔2021〕28号");
        assert_eq!((f[0].kind, f[1].kind), (Kind::Year, Kind::Amount));
        assert_eq!(one("9月").kind, Kind::Date);
    }

    #[test]
    fn item_numbers_are_not_decimals() {
        let f = figs("16.2021年公共财政教育支出77673万元");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!((f[0].kind, f[0].value), (Kind::Item, 16.0));
        assert_eq!((f[1].kind, f[1].value), (Kind::Year, 2021.0));
        assert_eq!(f[2].value, 77673.0);
        let f = figs("1.强化机制保障。\n  2、加强领导");
        assert!(f.iter().all(|f| f.kind == Kind::Item), "{f:?}");
        assert_eq!(one("第15测评点").kind, Kind::Item);
        // Not at a line start: a decimal.
        assert_eq!(one("达到1.5分").value, 1.5);
        assert_eq!(one("3.5分").value, 3.5);
    }

    #[test]
    fn quoted_dates_are_not_decimals() {
        assert_eq!(one("“10.26”外来流窜人员").kind, Kind::Date);
        assert_eq!(one("“4.22”地球日").kind, Kind::Date);
    }

    #[test]
    fn lost_digits() {
        let f = one("录取率.4%,");
        assert_eq!((f.broken, f.value), (Some(Broken::LeadingDot), 0.4));
        let f = one("录取率44.%。");
        assert_eq!(
            (f.broken, f.value, f.kind),
            (Some(Broken::TrailingDot), 44.0, Kind::Percent)
        );
        assert_eq!(spans("录取率44.%。"), ["44.%"]);
        assert_eq!(one("版本2.0").broken, None);
    }

    #[test]
    fn glued_and_url_numbers_are_skipped() {
        assert!(figs("“C9”“985”").len() == 1);
        assert!(figs("见http://a.gov.cn/2021/12.html").is_empty());
    }

    #[test]
    fn sentences_and_parens() {
        let x = extract(&Document::new("甲1所。乙(2人)\n丙3个"));
        assert_eq!(x.sentences.len(), 3);
        assert_eq!(
            x.list
                .iter()
                .map(|f| (f.sentence, f.in_paren))
                .collect::<Vec<_>>(),
            [(0, false), (1, true), (2, false)]
        );
    }

    #[test]
    fn quoted_figures_are_marked() {
        let f = figs("做到“四个100%”,《3-6岁儿童学习与发展指南》,共3所");
        assert_eq!(
            f.iter().map(|f| f.quoted).collect::<Vec<_>>(),
            [true, true, true, false]
        );
    }

    /// Sentences over several blocks read as the list of them.
    #[test]
    fn sentences_as_a_list() {
        let text = "一句。\n\n二句！三\r\n".repeat(3000);
        let f = extract(&Document::new(&text));
        let mut want = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '\n' | '\r') {
                if start < i {
                    want.push(Span::new(start, i));
                }
                start = end;
            } else if matches!(c, '。' | '！') {
                want.push(Span::new(start, end));
                start = end;
            }
        }
        assert!(want.len() > 2 * SENTENCE_BLOCK);
        assert_eq!(f.sentences.len(), want.len());
        assert_eq!(f.sentences.iter().collect::<Vec<_>>(), want);
        for (i, s) in want.iter().enumerate().step_by(97) {
            assert_eq!(f.sentences.get(i), Some(*s));
            for p in [s.start, s.end.saturating_sub(1)] {
                let k = f.sentences.partition_point(|x| x.end <= p);
                assert_eq!(k, want.partition_point(|x| x.end <= p));
            }
        }
        assert_eq!(f.sentences.get(want.len()), None);
    }

    #[test]
    fn by_sentence_is_within_for_each_sentence() {
        let mut texts = crate::test_texts::fixture_texts();
        texts.push("增长12.5%（2020年为3所）。\n\n共10人;其中5人、(3人)".into());
        for text in &texts {
            let f = extract(&Document::new(text));
            let want: Vec<(Span, &[Figure])> = f
                .sentences
                .iter()
                .map(|s| (s, f.within(s)))
                .filter(|(_, fs)| !fs.is_empty())
                .collect();
            assert_eq!(f.by_sentence().collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            ".",
            "..5",
            "1.",
            "-",
            "1,",
            "1,2345",
            "１．",
            "万",
            "。1",
            "\u{2002}1.%",
        ] {
            let _ = figs(t);
        }
    }
}
