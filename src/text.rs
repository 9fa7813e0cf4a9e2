//! Character classes shared by the document index and the rules.

/// A Han ideograph (CJK Unified Ideographs and extensions, compatibility
/// ideographs) or the ideographic zero `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// Full-width punctuation used in Chinese text (GB/T 15834).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '·'
            | '％'
    )
}

/// Han or full-width punctuation: evidence that the surrounding text is Chinese.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Regex character class for Han ideographs, for use inside `[...]`.
pub const HAN_CLASS: &str =
    r"\x{3007}\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{2FA1F}";

/// The `char` that ends just before byte `at`, if any. `at` must be a char boundary.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The `char` that starts at byte `at`, if any. `at` must be a char boundary.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The nearest char before `at` that is not a space or tab.
pub fn prev_non_space(text: &str, at: usize) -> Option<char> {
    text.get(..at)?
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{3000}'))
}

/// The nearest char at or after `at` that is not a space or tab.
pub fn next_non_space(text: &str, at: usize) -> Option<char> {
    text.get(at..)?
        .chars()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{3000}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('教'));
        assert!(is_han('𠀀'));
        assert!(is_han('〇'));
        assert!(!is_han('a'));
        assert!(!is_han('，'));
        assert!(is_cjk_punct('，'));
        assert!(!is_cjk_punct(','));
        assert!(is_chinese('《'));
    }

    #[test]
    fn neighbours() {
        let t = "教 ,育";
        let comma = t.find(',').unwrap();
        assert_eq!(char_before(t, comma), Some(' '));
        assert_eq!(prev_non_space(t, comma), Some('教'));
        assert_eq!(next_non_space(t, comma + 1), Some('育'));
        assert_eq!(char_at(t, t.len()), None);
        assert_eq!(char_before(t, 0), None);
    }
}
