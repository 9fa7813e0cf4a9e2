//! Reads a profile's JSON without serde's deserializers.
//!
//! serde_json with the derived `Deserialize` impls cost about 30 KB of the
//! gzipped wasm (each struct's visitor, and serde's error texts pull in
//! core's float printing and `Debug` escaping). This reader accepts exactly
//! what they accepted and fails with the same message at the same line and
//! column: it follows serde_json 1.0's `Deserializer` (whitespace, strings
//! and escapes, numbers, where each error is positioned) and the visitors
//! serde derive writes for `Overlay`, `SectionSpec`, `IndicatorSpec` and
//! `TopicSpec` (fields by name or, as serde allows, by position in an
//! array; `deny_unknown_fields`; defaults). A test compares the two on many
//! broken profiles.

use std::collections::BTreeMap;

use super::{IndicatorSpec, LayoutSpec, Overlay, RuleSetting, SectionKind, SectionSpec, TopicSpec};
use crate::finding::Severity;

/// A serde_json-style error: the message, and its 1-based line and 0-based
/// byte column (line 0 = not placed yet).
pub(super) struct Error {
    msg: String,
    line: usize,
    column: usize,
}

impl Error {
    /// What serde_json's `Error::to_string` prints.
    pub(super) fn message(&self) -> String {
        if self.line == 0 {
            self.msg.clone()
        } else {
            format!("{} at line {} column {}", self.msg, self.line, self.column)
        }
    }

    /// The line and column as serde_json reports them.
    pub(super) fn line_column(&self) -> (usize, usize) {
        (self.line, self.column)
    }
}

type Result<T> = std::result::Result<T, Error>;

/// An error not yet placed (serde's `Error::custom`).
fn custom(msg: String) -> Error {
    Error {
        msg,
        line: 0,
        column: 0,
    }
}

/// What serde calls an `Unexpected` value, as serde_json prints it.
enum Unexpected<'a> {
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(&'a str),
    Unit,
    Seq,
    Map,
}

impl Unexpected<'_> {
    fn describe(&self) -> String {
        match *self {
            Unexpected::Bool(b) => format!("boolean `{b}`"),
            Unexpected::Unsigned(n) => format!("integer `{n}`"),
            Unexpected::Signed(n) => format!("integer `{n}`"),
            Unexpected::Float(f) => {
                format!("floating point `{}`", zmij::Buffer::new().format(f))
            }
            Unexpected::Str(s) => format!("string {s:?}"),
            Unexpected::Unit => "null".into(),
            Unexpected::Seq => "sequence".into(),
            Unexpected::Map => "map".into(),
        }
    }
}

fn invalid_type(u: Unexpected, exp: &str) -> Error {
    custom(format!("invalid type: {}, expected {exp}", u.describe()))
}

fn invalid_value(u: Unexpected, exp: &str) -> Error {
    custom(format!("invalid value: {}, expected {exp}", u.describe()))
}

/// serde's `OneOf`: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// A number as serde_json's parser returns it.
enum Num {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl Num {
    fn unexpected(&self) -> Unexpected<'static> {
        match *self {
            Num::U64(n) => Unexpected::Unsigned(n),
            Num::I64(n) => Unexpected::Signed(n),
            Num::F64(f) => Unexpected::Float(f),
        }
    }
}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_COMMA_OR_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_COMMA_OR_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL_CHAR: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_MUST_BE_A_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const END_OF_HEX_ESCAPE: &str = "unexpected end of hex escape";

/// serde_json's `Deserializer<StrRead>`, reduced to what profiles use.
pub(super) struct Reader<'a> {
    src: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(json: &'a str) -> Self {
        Reader {
            src: json,
            s: json.as_bytes(),
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    fn eat(&mut self) {
        self.i += 1;
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        if c.is_some() {
            self.i += 1;
        }
        c
    }

    fn at(&self, i: usize, msg: &str) -> Error {
        let i = i.min(self.s.len());
        let start = self.s[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        Error {
            msg: msg.into(),
            line: 1 + self.s[..start].iter().filter(|&&b| b == b'\n').count(),
            column: i - start,
        }
    }

    /// An error at the last byte read.
    fn error(&self, msg: &str) -> Error {
        self.at(self.i, msg)
    }

    /// An error at the byte peeked.
    fn peek_error(&self, msg: &str) -> Error {
        self.at(self.i + 1, msg)
    }

    fn fix(&self, e: Error) -> Error {
        if e.line == 0 {
            self.at(self.i, &e.msg)
        } else {
            e
        }
    }

    fn whitespace(&mut self) -> Option<u8> {
        let rest = self.s.get(self.i..).unwrap_or(&[]);
        self.i += rest
            .iter()
            .position(|c| !matches!(c, b' ' | b'\n' | b'\t' | b'\r'))
            .unwrap_or(rest.len());
        self.peek()
    }

    /// Nothing but whitespace may follow the value.
    pub(super) fn end(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Ok(()),
        }
    }

    fn ident(&mut self, rest: &[u8]) -> Result<()> {
        for &want in rest {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(c) if c != want => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// What the value at the cursor is, for an "invalid type" error (it is read).
    fn invalid_type_here(&mut self, exp: &str) -> Error {
        let e = match self.peek_or_null() {
            b'n' => {
                self.eat();
                if let Err(e) = self.ident(b"ull") {
                    return e;
                }
                invalid_type(Unexpected::Unit, exp)
            }
            c @ (b't' | b'f') => {
                self.eat();
                let r = if c == b't' {
                    self.ident(b"rue")
                } else {
                    self.ident(b"alse")
                };
                if let Err(e) = r {
                    return e;
                }
                invalid_type(Unexpected::Bool(c == b't'), exp)
            }
            b'-' => {
                self.eat();
                match self.integer(false) {
                    Ok(n) => invalid_type(n.unexpected(), exp),
                    Err(e) => return e,
                }
            }
            b'0'..=b'9' => match self.integer(true) {
                Ok(n) => invalid_type(n.unexpected(), exp),
                Err(e) => return e,
            },
            b'"' => {
                self.eat();
                match self.string_body() {
                    Ok(s) => invalid_type(Unexpected::Str(&s), exp),
                    Err(e) => return e,
                }
            }
            b'[' => invalid_type(Unexpected::Seq, exp),
            b'{' => invalid_type(Unexpected::Map, exp),
            _ => self.peek_error(EXPECTED_VALUE),
        };
        self.fix(e)
    }

    /// The first non-blank byte of a value (`EOF while parsing a value` if none).
    fn value_start(&mut self) -> Result<u8> {
        self.whitespace().ok_or_else(|| self.peek_error(EOF_VALUE))
    }

    // ---- strings ----

    /// A string's content after its opening quote, through the closing one.
    fn string_body(&mut self) -> Result<String> {
        let mut out = String::new();
        loop {
            let start = self.i;
            let rest = self.s.get(start..).unwrap_or(&[]);
            self.i += rest
                .iter()
                .position(|&c| c <= b'"' && (c == b'"' || c < 0x20) || c == b'\\')
                .unwrap_or(rest.len());
            // Cut at ASCII bytes only: always char boundaries.
            out.push_str(self.src.get(start..self.i).unwrap_or(""));
            match self.peek() {
                None => return Err(self.error(EOF_STRING)),
                Some(b'"') => {
                    self.eat();
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.eat();
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    self.eat();
                    return Err(self.error(CONTROL_CHAR));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let Some(c) = self.next() else {
            return Err(self.error(EOF_STRING));
        };
        let b = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error(INVALID_ESCAPE)),
        };
        out.push(char::from(b));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.error(EOF_STRING));
        };
        self.i += 4;
        let mut n = 0u16;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error(INVALID_ESCAPE)),
            };
            n = n << 4 | u16::from(v);
        }
        Ok(n)
    }

    fn unicode_escape(&mut self, out: &mut String) -> Result<()> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(LONE_SURROGATE));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for want in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error(EOF_STRING)),
                    Some(c) => {
                        self.eat();
                        if c != want {
                            return Err(self.error(END_OF_HEX_ESCAPE));
                        }
                    }
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(LONE_SURROGATE));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        Ok(())
    }

    // ---- numbers (serde_json without `float_roundtrip`) ----

    fn integer(&mut self, positive: bool) -> Result<Num> {
        let Some(c) = self.next() else {
            return Err(self.error(EOF_VALUE));
        };
        match c {
            b'0' => {
                if self.peek_or_null().is_ascii_digit() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
                self.number(positive, 0)
            }
            b'1'..=b'9' => {
                let mut sig = u64::from(c - b'0');
                while let c @ b'0'..=b'9' = self.peek_or_null() {
                    let d = u64::from(c - b'0');
                    let Some(next) = sig.checked_mul(10).and_then(|v| v.checked_add(d)) else {
                        return self.long_integer(positive, sig).map(Num::F64);
                    };
                    self.eat();
                    sig = next;
                }
                self.number(positive, sig)
            }
            _ => Err(self.error(INVALID_NUMBER)),
        }
    }

    fn number(&mut self, positive: bool, sig: u64) -> Result<Num> {
        Ok(match self.peek_or_null() {
            b'.' => Num::F64(self.decimal(positive, sig, 0)?),
            b'e' | b'E' => Num::F64(self.exponent(positive, sig, 0)?),
            _ if positive => Num::U64(sig),
            _ => {
                let neg = (sig as i64).wrapping_neg();
                if neg >= 0 {
                    Num::F64(-(sig as f64))
                } else {
                    Num::I64(neg)
                }
            }
        })
    }

    fn long_integer(&mut self, positive: bool, sig: u64) -> Result<f64> {
        let mut exp = 0i32;
        loop {
            match self.peek_or_null() {
                b'0'..=b'9' => {
                    self.eat();
                    exp = exp.saturating_add(1);
                }
                b'.' => return self.decimal(positive, sig, exp),
                b'e' | b'E' => return self.exponent(positive, sig, exp),
                _ => return self.f64_from_parts(positive, sig, exp),
            }
        }
    }

    fn decimal(&mut self, positive: bool, mut sig: u64, exp_before: i32) -> Result<f64> {
        self.eat();
        let mut exp_after = 0i32;
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            let d = u64::from(c - b'0');
            let Some(next) = sig.checked_mul(10).and_then(|v| v.checked_add(d)) else {
                // Further digits are ignored.
                while self.peek_or_null().is_ascii_digit() {
                    self.eat();
                }
                let exp = exp_before + exp_after;
                return match self.peek_or_null() {
                    b'e' | b'E' => self.exponent(positive, sig, exp),
                    _ => self.f64_from_parts(positive, sig, exp),
                };
            };
            self.eat();
            sig = next;
            exp_after -= 1;
        }
        if exp_after == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error(INVALID_NUMBER),
                None => self.peek_error(EOF_VALUE),
            });
        }
        let exp = exp_before + exp_after;
        match self.peek_or_null() {
            b'e' | b'E' => self.exponent(positive, sig, exp),
            _ => self.f64_from_parts(positive, sig, exp),
        }
    }

    fn exponent(&mut self, positive: bool, sig: u64, start: i32) -> Result<f64> {
        self.eat();
        let positive_exp = match self.peek_or_null() {
            b'+' => {
                self.eat();
                true
            }
            b'-' => {
                self.eat();
                false
            }
            _ => true,
        };
        let mut exp = match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        };
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            self.eat();
            let d = i32::from(c - b'0');
            match exp.checked_mul(10).and_then(|v| v.checked_add(d)) {
                Some(v) => exp = v,
                None => {
                    if sig != 0 && positive_exp {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    while self.peek_or_null().is_ascii_digit() {
                        self.eat();
                    }
                    return Ok(if positive { 0.0 } else { -0.0 });
                }
            }
        }
        let exp = if positive_exp {
            start.saturating_add(exp)
        } else {
            start.saturating_sub(exp)
        };
        self.f64_from_parts(positive, sig, exp)
    }

    fn f64_from_parts(&mut self, positive: bool, sig: u64, mut exp: i32) -> Result<f64> {
        let mut f = sig as f64;
        loop {
            let e = exp.unsigned_abs() as usize;
            if e <= 308 {
                let pow = pow10(e);
                if exp >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                } else {
                    f /= pow;
                }
                break;
            }
            if f == 0.0 {
                break;
            }
            if exp >= 0 {
                return Err(self.error(OUT_OF_RANGE));
            }
            f /= 1e308;
            exp += 308;
        }
        Ok(if positive { f } else { -f })
    }

    // ---- containers ----

    /// serde_json's `end_seq`, after an array's elements.
    fn end_seq(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b']') => {
                self.eat();
                Ok(())
            }
            Some(b',') => {
                self.eat();
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error(TRAILING_COMMA)),
                    _ => Err(self.peek_error(TRAILING_CHARACTERS)),
                }
            }
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Err(self.peek_error(EOF_LIST)),
        }
    }

    /// serde_json's `end_map`, after an object's members.
    fn end_map(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b'}') => {
                self.eat();
                Ok(())
            }
            Some(b',') => Err(self.peek_error(TRAILING_COMMA)),
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    /// Whether another array element follows (`first`: none read yet).
    fn has_element(&mut self, first: &mut bool) -> Result<bool> {
        let Some(c) = self.whitespace() else {
            return Err(self.peek_error(EOF_LIST));
        };
        if c == b']' {
            Ok(false)
        } else if std::mem::take(first) {
            Ok(true)
        } else if c == b',' {
            self.eat();
            match self.whitespace() {
                Some(b']') => Err(self.peek_error(TRAILING_COMMA)),
                Some(_) => Ok(true),
                None => Err(self.peek_error(EOF_VALUE)),
            }
        } else {
            Err(self.peek_error(EXPECTED_LIST_COMMA_OR_END))
        }
    }

    /// The next object key, or `None` at the closing brace.
    fn key(&mut self, first: &mut bool) -> Result<Option<String>> {
        let Some(c) = self.whitespace() else {
            return Err(self.peek_error(EOF_OBJECT));
        };
        if c == b'}' {
            return Ok(None);
        }
        if std::mem::take(first) {
            if c != b'"' {
                return Err(self.peek_error(KEY_MUST_BE_A_STRING));
            }
        } else if c == b',' {
            self.eat();
            match self.whitespace() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                Some(_) => return Err(self.peek_error(KEY_MUST_BE_A_STRING)),
                None => return Err(self.peek_error(EOF_VALUE)),
            }
        } else {
            return Err(self.peek_error(EXPECTED_OBJECT_COMMA_OR_END));
        }
        self.eat();
        self.string_body().map(Some)
    }

    fn colon(&mut self) -> Result<()> {
        match self.whitespace() {
            Some(b':') => {
                self.eat();
                Ok(())
            }
            Some(_) => Err(self.peek_error(EXPECTED_COLON)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    // ---- typed values, as serde's visitors take them ----

    fn string(&mut self) -> Result<String> {
        if self.value_start()? == b'"' {
            self.eat();
            self.string_body()
        } else {
            Err(self.invalid_type_here("a string"))
        }
    }

    fn boolean(&mut self) -> Result<bool> {
        let r = match self.value_start()? {
            b't' => {
                self.eat();
                self.ident(b"rue").map(|()| true)
            }
            b'f' => {
                self.eat();
                self.ident(b"alse").map(|()| false)
            }
            _ => Err(self.invalid_type_here("a boolean")),
        };
        r.map_err(|e| self.fix(e))
    }

    /// Any JSON number, as `f64`.
    fn number_value(&mut self) -> Result<f64> {
        let positive = match self.value_start()? {
            b'-' => {
                self.eat();
                false
            }
            b'0'..=b'9' => true,
            _ => return Err(self.invalid_type_here("f64")),
        };
        Ok(match self.integer(positive)? {
            Num::U64(n) => n as f64,
            Num::I64(n) => n as f64,
            Num::F64(f) => f,
        })
    }

    fn usize(&mut self) -> Result<usize> {
        let positive = match self.value_start()? {
            b'-' => {
                self.eat();
                false
            }
            b'0'..=b'9' => true,
            _ => return Err(self.invalid_type_here("usize")),
        };
        let r = match self.integer(positive)? {
            Num::U64(n) => {
                usize::try_from(n).map_err(|_| invalid_value(Unexpected::Unsigned(n), "usize"))
            }
            Num::I64(n) => {
                usize::try_from(n).map_err(|_| invalid_value(Unexpected::Signed(n), "usize"))
            }
            Num::F64(f) => Err(invalid_type(Unexpected::Float(f), "usize")),
        };
        r.map_err(|e| self.fix(e))
    }

    /// Reads `null` if it is next.
    fn null(&mut self) -> Result<bool> {
        if self.whitespace() != Some(b'n') {
            return Ok(false);
        }
        self.eat();
        self.ident(b"ull")?;
        Ok(true)
    }

    /// An array, each element read by `item`.
    fn seq(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
        if self.value_start()? != b'[' {
            return Err(self.invalid_type_here("a sequence"));
        }
        self.eat();
        let mut first = true;
        let ret = loop {
            match self.has_element(&mut first) {
                Ok(true) => {
                    if let Err(e) = item(self) {
                        break Err(e);
                    }
                }
                Ok(false) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        let end = self.end_seq();
        ret.and(end).map_err(|e| self.fix(e))
    }

    fn strings(&mut self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        self.seq(&mut |r| r.string().map(|s| out.push(s)))?;
        Ok(out)
    }

    /// A struct as serde derive reads it: an object of the fields `names`
    /// (no others, none twice, the first `required` present) or an array of
    /// their values in order; `read` reads field `i`, `exp` names the struct.
    fn record(
        &mut self,
        exp: &str,
        names: &[&str],
        required: usize,
        read: &mut dyn FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        let r = match self.value_start()? {
            b'[' => {
                self.eat();
                let ret = self.elements(exp, names.len(), required, read);
                let end = self.end_seq();
                ret.and(end)
            }
            b'{' => {
                self.eat();
                let ret = self.members(names, required, read);
                let end = self.end_map();
                ret.and(end)
            }
            _ => Err(self.invalid_type_here(exp)),
        };
        r.map_err(|e| self.fix(e))
    }

    fn elements(
        &mut self,
        exp: &str,
        n: usize,
        required: usize,
        read: &mut dyn FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        let mut first = true;
        for i in 0..n {
            if !self.has_element(&mut first)? {
                if i < required {
                    return Err(custom(format!(
                        "invalid length {i}, expected {exp} with {n} elements"
                    )));
                }
                break;
            }
            read(self, i)?;
        }
        Ok(())
    }

    fn members(
        &mut self,
        names: &[&str],
        required: usize,
        read: &mut dyn FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        let mut seen = 0u32;
        let mut first = true;
        while let Some(k) = self.key(&mut first)? {
            let Some(i) = names.iter().position(|f| *f == k) else {
                return Err(custom(format!(
                    "unknown field `{k}`, expected {}",
                    one_of(names)
                )));
            };
            if seen & 1 << i != 0 {
                return Err(custom(format!("duplicate field `{k}`")));
            }
            seen |= 1 << i;
            self.colon()?;
            read(self, i)?;
        }
        match names[..required]
            .iter()
            .enumerate()
            .find(|&(i, _)| seen & 1 << i == 0)
        {
            Some((_, name)) => Err(custom(format!("missing field `{name}`"))),
            None => Ok(()),
        }
    }
}

/// A unit-only enum (serde derive, externally tagged): `"name"` or
/// `{"name": null}`; returns the variant's index.
fn unit_enum(r: &mut Reader, variants: &[&str]) -> Result<usize> {
    let variant = |r: &mut Reader, name: String| {
        variants.iter().position(|v| *v == name).ok_or_else(|| {
            r.fix(custom(format!(
                "unknown variant `{name}`, expected {}",
                one_of(variants)
            )))
        })
    };
    match r.whitespace() {
        Some(b'{') => {
            r.eat();
            match r.whitespace() {
                Some(b'"') => {}
                Some(b'}') => return Err(r.peek_error(EXPECTED_VALUE)),
                Some(_) => return Err(r.peek_error(KEY_MUST_BE_A_STRING)),
                None => return Err(r.peek_error(EOF_OBJECT)),
            }
            r.eat();
            let name = r.string_body()?;
            let i = variant(r, name)?;
            r.colon()?;
            let unit = if r.value_start()? == b'n' {
                r.eat();
                r.ident(b"ull")
            } else {
                Err(r.invalid_type_here("unit"))
            };
            unit.map_err(|e| r.fix(e))?;
            match r.whitespace() {
                Some(b'}') => {
                    r.eat();
                    Ok(i)
                }
                Some(_) => Err(r.error(EXPECTED_VALUE)),
                None => Err(r.error(EOF_OBJECT)),
            }
        }
        Some(b'"') => {
            r.eat();
            let name = r.string_body()?;
            variant(r, name)
        }
        Some(_) => Err(r.peek_error(EXPECTED_VALUE)),
        None => Err(r.peek_error(EOF_VALUE)),
    }
}

fn severity(r: &mut Reader) -> Result<Severity> {
    const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
    unit_enum(r, &["error", "warning", "info"]).map(|i| ALL[i])
}

fn section_kind(r: &mut Reader) -> Result<SectionKind> {
    const ALL: [SectionKind; 4] = [
        SectionKind::Heading,
        SectionKind::Opening,
        SectionKind::Signature,
        SectionKind::Title,
    ];
    unit_enum(r, &["heading", "opening", "signature", "title"]).map(|i| ALL[i])
}

/// A rule setting (its own visitor over `deserialize_any`).
fn rule_setting(r: &mut Reader) -> Result<RuleSetting> {
    const EXP: &str = r#"true、false 或 "off"、"error"、"warning"、"info" 之一"#;
    let ret = match r.value_start()? {
        b'n' => {
            r.eat();
            r.ident(b"ull")?;
            Err(invalid_type(Unexpected::Unit, EXP))
        }
        b't' => {
            r.eat();
            r.ident(b"rue")?;
            Ok(RuleSetting::Default)
        }
        b'f' => {
            r.eat();
            r.ident(b"alse")?;
            Ok(RuleSetting::Off)
        }
        c @ (b'-' | b'0'..=b'9') => {
            if c == b'-' {
                r.eat();
            }
            let n = r.integer(c != b'-')?;
            Err(invalid_type(n.unexpected(), EXP))
        }
        b'"' => {
            r.eat();
            let s = r.string_body()?;
            match s.as_str() {
                "off" => Ok(RuleSetting::Off),
                "on" => Ok(RuleSetting::Default),
                "error" => Ok(RuleSetting::Severity(Severity::Error)),
                "warning" => Ok(RuleSetting::Severity(Severity::Warning)),
                "info" => Ok(RuleSetting::Severity(Severity::Info)),
                _ => Err(invalid_value(Unexpected::Str(&s), EXP)),
            }
        }
        b'[' => {
            r.eat();
            let _ = r.end_seq();
            Err(invalid_type(Unexpected::Seq, EXP))
        }
        b'{' => {
            r.eat();
            let _ = r.end_map();
            Err(invalid_type(Unexpected::Map, EXP))
        }
        _ => Err(r.peek_error(EXPECTED_VALUE)),
    };
    ret.map_err(|e| r.fix(e))
}

/// `rules`: rule id → setting (a `BTreeMap`; a repeated id keeps the last).
fn rules(r: &mut Reader) -> Result<BTreeMap<String, RuleSetting>> {
    let ret = if r.value_start()? == b'{' {
        r.eat();
        let mut map = BTreeMap::new();
        let mut first = true;
        let ret = loop {
            match r.key(&mut first) {
                Ok(Some(k)) => match r.colon().and_then(|()| rule_setting(r)) {
                    Ok(v) => {
                        map.insert(k, v);
                    }
                    Err(e) => break Err(e),
                },
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        let end = r.end_map();
        ret.and(end).map(|()| map)
    } else {
        Err(r.invalid_type_here("a map"))
    };
    ret.map_err(|e| r.fix(e))
}

fn section(r: &mut Reader) -> Result<SectionSpec> {
    let mut s = SectionSpec {
        id: String::new(),
        label: String::new(),
        kind: SectionKind::Heading,
        headings: Vec::new(),
        cues: Vec::new(),
        list_cues: Vec::new(),
        required: true,
        severity: Severity::Warning,
        hint: String::new(),
        compiled: Default::default(),
    };
    let names = [
        "id",
        "label",
        "kind",
        "headings",
        "cues",
        "list_cues",
        "required",
        "severity",
        "hint",
    ];
    r.record("struct SectionSpec", &names, 2, &mut |r, i| {
        match i {
            0 => s.id = r.string()?,
            1 => s.label = r.string()?,
            2 => s.kind = section_kind(r)?,
            3 => s.headings = r.strings()?,
            4 => s.cues = r.strings()?,
            5 => s.list_cues = r.strings()?,
            6 => s.required = r.boolean()?,
            7 => s.severity = severity(r)?,
            _ => s.hint = r.string()?,
        }
        Ok(())
    })?;
    Ok(s)
}

fn indicator(r: &mut Reader) -> Result<IndicatorSpec> {
    let mut s = IndicatorSpec {
        id: String::new(),
        label: String::new(),
        keywords: Vec::new(),
        claims: Vec::new(),
        units: Vec::new(),
        expect: String::new(),
        required: false,
    };
    let names = [
        "id", "label", "keywords", "claims", "units", "expect", "required",
    ];
    r.record("struct IndicatorSpec", &names, 3, &mut |r, i| {
        match i {
            0 => s.id = r.string()?,
            1 => s.label = r.string()?,
            2 => s.keywords = r.strings()?,
            3 => s.claims = r.strings()?,
            4 => s.units = r.strings()?,
            5 => s.expect = r.string()?,
            _ => s.required = r.boolean()?,
        }
        Ok(())
    })?;
    Ok(s)
}

fn topic(r: &mut Reader) -> Result<TopicSpec> {
    let mut t = TopicSpec {
        keywords: Vec::new(),
        min_per_10k: 0,
        subjects: Vec::new(),
        other_subjects: Vec::new(),
        compiled: Default::default(),
    };
    let names = ["keywords", "min_per_10k", "subjects", "other_subjects"];
    r.record("struct TopicSpec", &names, 2, &mut |r, i| {
        match i {
            0 => t.keywords = r.strings()?,
            1 => t.min_per_10k = r.usize()?,
            2 => t.subjects = r.strings()?,
            _ => t.other_subjects = r.strings()?,
        }
        Ok(())
    })?;
    Ok(t)
}

/// A profile as written (the caller has checked that it starts with `{`).
pub(super) fn overlay(r: &mut Reader) -> Result<Overlay> {
    let mut o = Overlay {
        extends: None,
        name: None,
        rules: None,
        group_threshold: None,
        sections: None,
        indicators: None,
        topic: None,
        layout: None,
    };
    let names = [
        "extends",
        "name",
        "rules",
        "group_threshold",
        "sections",
        "indicators",
        "topic",
        "layout",
    ];
    r.record("struct Overlay", &names, 0, &mut |r, i| {
        if r.null()? {
            if i == 6 {
                o.topic = Some(None);
            }
            return Ok(());
        }
        match i {
            0 => o.extends = Some(r.string()?),
            1 => o.name = Some(r.string()?),
            2 => o.rules = Some(rules(r)?),
            3 => o.group_threshold = Some(r.usize()?),
            4 => {
                let mut v = Vec::new();
                r.seq(&mut |r| section(r).map(|s| v.push(s)))?;
                o.sections = Some(v);
            }
            5 => {
                let mut v = Vec::new();
                r.seq(&mut |r| indicator(r).map(|s| v.push(s)))?;
                o.indicators = Some(v);
            }
            6 => o.topic = Some(Some(topic(r)?)),
            _ => o.layout = Some(layout(r)?),
        }
        Ok(())
    })?;
    Ok(o)
}

/// The `layout` section: any of its fields, the rest GB/T 9704's.
fn layout(r: &mut Reader) -> Result<LayoutSpec> {
    let mut l = LayoutSpec::default();
    let names = [
        "page_width_mm",
        "page_height_mm",
        "margin_top_mm",
        "margin_left_mm",
        "text_width_mm",
        "text_height_mm",
        "tolerance_mm",
        "title_fonts",
        "body_fonts",
        "heading1_fonts",
        "heading2_fonts",
        "title_size_pt",
        "body_size_pt",
        "lines_per_page",
        "line_spacing_pt",
        "line_tolerance_pt",
        "indent_chars",
        "page_number_size_pt",
    ];
    r.record("struct LayoutSpec", &names, 0, &mut |r, i| {
        let number = match i {
            0 => &mut l.page_width_mm,
            1 => &mut l.page_height_mm,
            2 => &mut l.margin_top_mm,
            3 => &mut l.margin_left_mm,
            4 => &mut l.text_width_mm,
            5 => &mut l.text_height_mm,
            6 => &mut l.tolerance_mm,
            7 => return r.strings().map(|v| l.title_fonts = v),
            8 => return r.strings().map(|v| l.body_fonts = v),
            9 => return r.strings().map(|v| l.heading1_fonts = v),
            10 => return r.strings().map(|v| l.heading2_fonts = v),
            11 => &mut l.title_size_pt,
            12 => &mut l.body_size_pt,
            13 => &mut l.lines_per_page,
            14 => &mut l.line_spacing_pt,
            15 => &mut l.line_tolerance_pt,
            16 => &mut l.indent_chars,
            _ => &mut l.page_number_size_pt,
        };
        *number = r.number_value()?;
        Ok(())
    })?;
    Ok(l)
}

/// The text of a JSON string literal (`raw` includes the quotes).
pub(super) fn unescape(raw: &str) -> Option<String> {
    let mut r = Reader::new(raw);
    let s = r.string().ok()?;
    r.end().ok()?;
    Some(s)
}

/// 10^e as the literal `1e{e}` reads.
fn pow10(e: usize) -> f64 {
    crate::num::parse_decimal(&["1", &"0".repeat(e)].concat())
}

/// The length of `json` without the blanks between tokens (see [`minify`]).
pub(super) const fn minified_len(json: &[u8]) -> usize {
    let (mut i, mut n, mut in_str) = (0, 0, false);
    while i < json.len() {
        let c = json[i];
        if in_str || !matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
            n += 1;
        }
        if in_str && c == b'\\' && i + 1 < json.len() {
            n += 1;
            i += 1;
        } else if c == b'"' {
            in_str = !in_str;
        }
        i += 1;
    }
    n
}

/// `json` without the blanks between tokens, strings kept as they are: the
/// built-in profiles are embedded this way (readable files, compact wasm).
pub(super) const fn minify<const N: usize>(json: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let (mut i, mut n, mut in_str) = (0, 0, false);
    while i < json.len() {
        let c = json[i];
        if in_str || !matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
            out[n] = c;
            n += 1;
        }
        if in_str && c == b'\\' && i + 1 < json.len() {
            out[n] = json[i + 1];
            n += 1;
            i += 1;
        } else if c == b'"' {
            in_str = !in_str;
        }
        i += 1;
    }
    out
}
