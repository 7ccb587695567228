//! The one rule for characters in PB texts: no control characters.
//!
//! Titles, names and reasons are shown on pages, written to exports and stored in
//! both databases; PostgreSQL cannot store U+0000 at all. So every PB text is refused
//! if it holds a control character, except tab and line breaks in multi-line texts.

/// The message shown next to a field holding a refused character.
pub const CONTROL_MESSAGE: &str = "Remove the invisible control characters from this text.";

/// Whether `value` holds a refused control character. Multi-line texts may hold tab,
/// line feed and carriage return.
pub fn has_control(value: &str, multiline: bool) -> bool {
    value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nul_and_other_controls_and_allows_line_breaks_where_multiline() {
        assert!(has_control("a\0b", true));
        assert!(has_control("a\u{7}b", true));
        assert!(has_control("a\u{9b}b", true));
        assert!(has_control("line\nbreak", false));
        assert!(!has_control("line\nbreak\r\n\ttab", true));
        assert!(!has_control("Tänav — ñ 🌳", false));
    }
}
