//! Splits Pabulib text into rows of `;`-separated cells, CSV style:
//! a cell starting with `"` is quoted (it may hold `;`, line breaks and
//! `""` for one quote). Unquoted cells are trimmed. No allocation for
//! cells without escaped quotes.

use std::borrow::Cow;

use super::error::{ParseError, ParseErrorKind};

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell<'a> {
    /// The cell text (unquoted cells trimmed, quoted ones verbatim).
    pub text: Cow<'a, str>,
    /// Whether the cell was written in quotes.
    pub quoted: bool,
}

impl Cell<'_> {
    /// Whether the cell holds no value: empty, or an unquoted `None` (any
    /// case, as pabutools reads it).
    pub fn is_missing(&self) -> bool {
        self.text.is_empty() || (!self.quoted && self.text.eq_ignore_ascii_case("none"))
    }

    /// The value, with a missing cell as the empty string.
    pub fn value(&self) -> &str {
        if self.is_missing() {
            ""
        } else {
            &self.text
        }
    }
}

/// Reads rows one after the other, reusing the caller's cell buffer.
pub(crate) struct Records<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> Records<'a> {
    /// Rows of `src` (without a byte order mark).
    pub fn new(src: &'a str) -> Self {
        Records {
            src,
            pos: 0,
            line: 1,
        }
    }

    /// Rows of `src`, a tail of a larger text whose first line is `line`.
    pub fn starting_at(src: &'a str, line: usize) -> Self {
        Records { src, pos: 0, line }
    }

    /// The line the next row starts on (one past the last line at the end).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The text not read yet, and the line it starts on.
    pub fn rest(&self) -> (&'a str, usize) {
        (self.src.get(self.pos..).unwrap_or(""), self.line)
    }

    /// The text not read yet (for a caller that reads a line itself and
    /// then consumes it with [`Records::skip_line`]).
    pub fn unread(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// Consumes the next line (`len` bytes long, without its line break) and
    /// its line break; returns its 1-based line.
    pub fn skip_line(&mut self, len: usize) -> usize {
        let line = self.line;
        self.pos += len;
        if self.src.as_bytes().get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.line += 1;
        }
        line
    }

    /// Reads the next row into `cells`; returns its 1-based line, or `None`
    /// at the end of the text.
    pub fn next_row(&mut self, cells: &mut Vec<Cell<'a>>) -> Result<Option<usize>, ParseError> {
        cells.clear();
        let bytes = self.src.as_bytes();
        if self.pos >= bytes.len() {
            return Ok(None);
        }
        let start_line = self.line;
        loop {
            // Skip spaces before a possible opening quote.
            let mut p = self.pos;
            while p < bytes.len() && (bytes[p] == b' ' || bytes[p] == b'\t') {
                p += 1;
            }
            let cell = if p < bytes.len() && bytes[p] == b'"' {
                self.pos = p + 1;
                self.quoted_cell(start_line)?
            } else {
                let end = bytes[self.pos..]
                    .iter()
                    .position(|&b| b == b';' || b == b'\n')
                    .map_or(bytes.len(), |i| self.pos + i);
                let text = trim(&self.src[self.pos..end]);
                self.pos = end;
                Cell {
                    text: Cow::Borrowed(text),
                    quoted: false,
                }
            };
            cells.push(cell);
            match bytes.get(self.pos) {
                Some(b';') => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Ok(Some(start_line));
                }
                _ => return Ok(Some(start_line)),
            }
        }
    }

    /// Reads a quoted cell; `self.pos` is just after the opening quote.
    /// Leaves `self.pos` at the `;`, line break or end after the cell.
    fn quoted_cell(&mut self, start_line: usize) -> Result<Cell<'a>, ParseError> {
        let bytes = self.src.as_bytes();
        let mut owned: Option<String> = None;
        let mut seg = self.pos;
        let content_end;
        loop {
            let Some(q) = bytes[seg..]
                .iter()
                .position(|&b| b == b'"')
                .map(|i| seg + i)
            else {
                return Err(ParseError {
                    line: start_line,
                    column: None,
                    field: None,
                    kind: ParseErrorKind::UnterminatedQuote,
                });
            };
            self.line += bytes[seg..q].iter().filter(|&&b| b == b'\n').count();
            if bytes.get(q + 1) == Some(&b'"') {
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&self.src[seg..=q]);
                seg = q + 2;
            } else {
                content_end = q;
                self.pos = q + 1;
                break;
            }
        }
        // Anything between the closing quote and the separator is kept
        // (as CSV readers do), except surrounding spaces.
        let tail_end = bytes[self.pos..]
            .iter()
            .position(|&b| b == b';' || b == b'\n')
            .map_or(bytes.len(), |i| self.pos + i);
        let tail = self.src[self.pos..tail_end].trim();
        self.pos = tail_end;
        let text = match owned {
            None if tail.is_empty() => Cow::Borrowed(&self.src[seg..content_end]),
            other => {
                let mut s = other.unwrap_or_default();
                s.push_str(&self.src[seg..content_end]);
                s.push_str(tail);
                Cow::Owned(s)
            }
        };
        Ok(Cell { text, quoted: true })
    }
}

/// `str::trim`, with a fast path for the common cell that has no
/// surrounding whitespace.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if is_plain(a) && is_plain(b) => s,
        _ => s.trim(),
    }
}

/// An ASCII byte that is not whitespace.
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(src: &str) -> Vec<(usize, Vec<(String, bool)>)> {
        let mut r = Records::new(src);
        let mut cells = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = r.next_row(&mut cells).unwrap() {
            out.push((
                line,
                cells
                    .iter()
                    .map(|c| (c.text.to_string(), c.quoted))
                    .collect(),
            ));
        }
        out
    }

    #[test]
    fn splits_plain_and_quoted_cells() {
        let got = rows("a; b ;c\r\n\"x;y\";\"say \"\"hi\"\"\";\n\"multi\nline\";z");
        assert_eq!(
            got,
            vec![
                (
                    1,
                    vec![
                        ("a".into(), false),
                        ("b".into(), false),
                        ("c".into(), false)
                    ]
                ),
                (
                    2,
                    vec![
                        ("x;y".into(), true),
                        ("say \"hi\"".into(), true),
                        ("".into(), false)
                    ]
                ),
                (3, vec![("multi\nline".into(), true), ("z".into(), false)]),
            ]
        );
    }

    #[test]
    fn unterminated_quote_names_its_line() {
        let mut r = Records::new("a\n\"open;b\nc");
        let mut cells = Vec::new();
        r.next_row(&mut cells).unwrap();
        let e = r.next_row(&mut cells).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.kind, ParseErrorKind::UnterminatedQuote);
    }
}
