//! Text that came from files, archives or forms, made safe to print on a terminal.
//!
//! A zip entry name, an XML error snippet or an activity name can hold escape sequences
//! and line breaks: printed raw they could move the cursor, recolour the terminal or forge
//! a line ("Imported 999 files"). Every such string keel prints goes through [`line`] (one
//! line: every control character escaped) or [`text`] (line breaks and tabs kept).

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as is: C0 and C1 controls, DEL, and the
/// bidirectional overrides and isolates that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if keep(c) || !is_unsafe(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// One line: every control character (line breaks included) shown as an escape.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, |_| false)
}

/// Several lines: line breaks and tabs kept, every other control character escaped.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, |c| c == '\n' || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(line("Morning run ✓"), Cow::Borrowed(_)));
        assert_eq!(
            line("a\u{1b}[2J\nImported 999 files"),
            "a\\u{1b}[2J\\nImported 999 files"
        );
        assert_eq!(line("x\ry\tz\u{7f}\u{9b}"), "x\\ry\\tz\\u{7f}\\u{9b}");
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(text("one\ntwo\u{1b}]0;x\u{7}"), "one\ntwo\\u{1b}]0;x\\u{7}");
    }
}
