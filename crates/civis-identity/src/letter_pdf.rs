//! Activation letters as a PDF document (PDF 1.4), written by hand: A4 pages,
//! the standard Helvetica fonts in WinAnsi encoding (enough for Estonian,
//! Spanish and English), uncompressed text, one letter per page.

/// One line of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// Font size in points.
    pub size: u16,
    /// Bold.
    pub bold: bool,
}

impl Line {
    /// A line of body text.
    pub fn text(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            size: 11,
            bold: false,
        }
    }

    /// A bold line of `size` points.
    pub fn bold(text: impl Into<String>, size: u16) -> Self {
        Line {
            text: text.into(),
            size,
            bold: true,
        }
    }

    /// An empty line.
    pub fn blank() -> Self {
        Self::text("")
    }
}

/// The bytes of `c` in WinAnsiEncoding; `?` for characters it lacks.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        'Š' => 0x8a,
        'š' => 0x9a,
        'Ž' => 0x8e,
        'ž' => 0x9e,
        _ => b'?',
    }
}

/// A PDF string literal of `text`: parentheses and backslashes escaped.
fn pdf_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'(');
    for c in text.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
}

fn content(lines: &[Line]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut y: i32 = 770;
    for line in lines {
        let size = i32::from(line.size);
        y -= size + size / 2;
        if line.text.is_empty() {
            continue;
        }
        let font = if line.bold { "F2" } else { "F1" };
        out.extend_from_slice(format!("BT /{font} {size} Tf 72 {y} Td ").as_bytes());
        pdf_string(&line.text, &mut out);
        out.extend_from_slice(b" Tj ET\n");
    }
    out
}

/// A PDF with one page per letter.
pub fn letters_pdf(letters: &[Vec<Line>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(), // the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut kids = Vec::new();
    for lines in letters {
        let body = content(lines);
        let content_id = objects.len() + 2;
        let page_id = objects.len() + 1;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
        stream.extend_from_slice(&body);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
        kids.push(format!("{page_id} 0 R"));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    )
    .into_bytes();
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(obj);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The text shown by `Tj` operators in `pdf` (as written by [`letters_pdf`]),
/// one string per operator, decoded from WinAnsi (ASCII and Latin-1 only).
pub fn shown_text(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pdf.len() {
        if pdf[i] == b'(' {
            let mut s = String::new();
            i += 1;
            while i < pdf.len() && pdf[i] != b')' {
                if pdf[i] == b'\\' && i + 1 < pdf.len() {
                    i += 1;
                }
                s.push(char::from(pdf[i]));
                i += 1;
            }
            if pdf[i.min(pdf.len())..].starts_with(b") Tj") {
                out.push(s);
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_with_two_pages_and_readable_text() {
        let pdf = letters_pdf(&[
            vec![
                Line::bold("Mari Kask (ÕÄÖÜ šž)", 14),
                Line::blank(),
                Line::text("Code: ABCD-(x)"),
            ],
            vec![Line::text("second")],
        ]);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let text = shown_text(&pdf);
        assert_eq!(text[1], "Code: ABCD-(x)");
        assert_eq!(text[2], "second");
        assert!(text[0].starts_with("Mari Kask (ÕÄÖÜ"));
        let s = String::from_utf8_lossy(&pdf);
        assert!(s.contains("/Count 2"));
        // The xref offsets point at the objects (read as bytes: the text is not UTF-8).
        let tail = &pdf[pdf.len() - 40..];
        let tail = String::from_utf8_lossy(tail);
        let xref_at: usize = tail
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let entry = &pdf[xref_at + "xref\n0 7\n0000000000 65535 f \n".len()..][..10];
        let first_obj: usize = std::str::from_utf8(entry).unwrap().parse().unwrap();
        assert!(pdf[first_obj..].starts_with(b"1 0 obj"));
    }
}
