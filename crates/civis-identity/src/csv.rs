//! A small RFC 4180 CSV reader that remembers the line each record starts on
//! (for validation reports). Fields are separated by commas; a field in double
//! quotes may hold commas, quotes (doubled) and line breaks. Lines end in LF or
//! CRLF. A UTF-8 byte order mark at the start is skipped.

/// One record and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// The line the record starts on.
    pub line: u32,
    /// Its fields, unquoted.
    pub fields: Vec<String>,
}

/// A quoting error: the line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// A quote opened and never closed.
    #[error("line {line}: a quoted field is never closed")]
    Unclosed {
        /// Where the field starts.
        line: u32,
    },
    /// Text right after a closing quote.
    #[error("line {line}: text after a closing quote (quotes inside a field must be doubled)")]
    AfterQuote {
        /// The line.
        line: u32,
    },
}

impl CsvError {
    /// The line the error is on.
    pub fn line(&self) -> u32 {
        match self {
            Self::Unclosed { line } | Self::AfterQuote { line } => *line,
        }
    }
}

/// Reads every record of `text`; empty lines are skipped.
pub fn read(text: &str) -> Result<Vec<CsvRecord>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line: u32 = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut start = 1;
    let mut started = false;
    loop {
        let Some(c) = chars.next() else {
            if started {
                fields.push(std::mem::take(&mut field));
                out.push(CsvRecord {
                    line: start,
                    fields: std::mem::take(&mut fields),
                });
            }
            return Ok(out);
        };
        if !started {
            if c == '\n' || (c == '\r' && chars.peek() == Some(&'\n')) {
                if c == '\r' {
                    chars.next();
                }
                line += 1;
                continue;
            }
            started = true;
            start = line;
        }
        match c {
            '"' if field.is_empty() => {
                let opened = line;
                loop {
                    match chars.next() {
                        None => return Err(CsvError::Unclosed { line: opened }),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(ch) => {
                            if ch == '\n' {
                                line += 1;
                            }
                            field.push(ch);
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(_) => return Err(CsvError::AfterQuote { line }),
                }
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push(CsvRecord {
                    line: start,
                    fields: std::mem::take(&mut fields),
                });
                line += 1;
                started = false;
            }
            other => field.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_lines() {
        let text = "\u{feff}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n\nlast,\n";
        let recs = read(text).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].fields, ["a", "b"]);
        assert_eq!(recs[1].fields, ["x, \"y\"", "two\nlines"]);
        assert_eq!(recs[1].line, 2);
        assert_eq!(recs[2].line, 5);
        assert_eq!(recs[2].fields, ["last", ""]);
        assert_eq!(read("a,\"b").unwrap_err(), CsvError::Unclosed { line: 1 });
        assert_eq!(
            read("a\n\"b\"c").unwrap_err(),
            CsvError::AfterQuote { line: 2 }
        );
    }
}
