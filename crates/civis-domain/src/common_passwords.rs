//! The list of common and breached passwords a new password is checked against
//! (NIST SP 800-63B §5.1.1.2): the 30,000 most common passwords of leaked
//! corpora, embedded at compile time (see `data/README.md` for the source).

use std::sync::OnceLock;

const LIST: &str = include_str!("../data/common-passwords.txt");

fn entries() -> &'static [&'static str] {
    static ENTRIES: OnceLock<Vec<&'static str>> = OnceLock::new();
    ENTRIES.get_or_init(|| LIST.lines().filter(|l| !l.is_empty()).collect())
}

fn listed(word: &str) -> bool {
    entries().binary_search(&word).is_ok()
}

/// Undoes the usual letter-for-symbol swaps (`p@55w0rd` → `password`).
fn unleet(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            other => other,
        })
        .collect()
}

/// `word` without leading and trailing digits, punctuation and spaces.
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphabetic())
}

/// The shortest `w` with `word == w.repeat(n)` for some `n >= 2`, if any.
fn repeated_unit(word: &str) -> Option<&str> {
    let len = word.len();
    (1..=len / 2).find_map(|unit| {
        (len.is_multiple_of(unit)
            && word.is_char_boundary(unit)
            && word[..unit].repeat(len / unit) == word)
            .then(|| &word[..unit])
    })
}

/// Whether each character follows the one before it, up or down (digits wrap
/// from 9 to 0): `abcdefghijkl`, `123456789012`, `987654321098`.
fn is_run(word: &str) -> bool {
    let codes: Vec<u32> = word.chars().map(u32::from).collect();
    if codes.len() < 4 {
        return false;
    }
    let up = codes
        .windows(2)
        .all(|w| w[1] == w[0] + 1 || (w[0] == 57 && w[1] == 48));
    let down = codes
        .windows(2)
        .all(|w| w[0] == w[1] + 1 || (w[0] == 48 && w[1] == 57));
    up || down
}

/// Whether `password` is too easy to guess: on the list (ignoring case), a
/// listed word with only digits or symbols around it (`Sunshine2024!`), a
/// listed word in letter-for-symbol disguise, a repetition of a listed word or
/// of a few characters, or a run such as `123456789012`.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    let stripped = core(&lower);
    listed(&lower)
        || listed(&unleet(&lower))
        || (stripped.chars().count() >= 4 && (listed(stripped) || listed(&unleet(stripped))))
        || is_run(&lower)
        || repeated_unit(&lower)
            .is_some_and(|u| u.chars().count() <= 4 || listed(u) || listed(core(u)))
}

#[cfg(test)]
mod tests {
    use super::is_common;

    #[test]
    fn refuses_common_and_disguised_passwords() {
        for p in [
            "qwerty123456",
            "123qweasdzxc",
            "Password1234",
            "sunshine2024!",
            "!!Dragon2024!!",
            "P@55w0rd1234",
            "monkeymonkey",
            "abcabcabcabc",
            "aaaaaaaaaaaa",
            "123456789012",
            "leavemealone",
        ] {
            assert!(is_common(p), "{p} should be refused");
        }
    }

    #[test]
    fn accepts_uncommon_passwords() {
        for p in [
            "correct horse battery",
            "violet-tram-orbit-91",
            "Xq7#mR2!vLp9",
            "tallinn bus stop at dawn",
        ] {
            assert!(!is_common(p), "{p} should be accepted");
        }
    }
}
