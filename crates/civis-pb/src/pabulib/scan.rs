//! Finding the cell separators and line break of a row, or the commas of a
//! vote, eight bytes at a time: rows are a few dozen bytes, where a byte
//! loop or calls to vectorized searches cost more.

const ONES: u64 = 0x0101_0101_0101_0101;
const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of every byte of `word` that equals `byte`, exactly (no
/// carry crosses bytes).
#[inline]
fn equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOWS).wrapping_add(LOWS)) | x | LOWS)
}

/// The positions of the bytes of a text that are one of two bytes, in
/// order.
pub(super) struct Separators<'a> {
    bytes: &'a [u8],
    those: [u8; 2],
    /// Where the next word starts.
    next: usize,
    /// Where the word of `found` starts.
    base: usize,
    /// The high bits of the separators not yet returned in that word.
    found: u64,
}

impl<'a> Separators<'a> {
    /// The positions of `first` and `second` in `bytes`.
    pub(super) fn new(bytes: &'a [u8], first: u8, second: u8) -> Self {
        Separators {
            bytes,
            those: [first, second],
            next: 0,
            base: 0,
            found: 0,
        }
    }
}

impl Iterator for Separators<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.found == 0 {
            let start = self.next;
            let word = match self.bytes.get(start..start + 8) {
                Some(w) => u64::from_le_bytes(w.try_into().ok()?),
                None => {
                    // The last few bytes, padded with zeros.
                    let rest = self.bytes.get(start..)?;
                    if rest.is_empty() {
                        return None;
                    }
                    let mut padded = [0u8; 8];
                    padded.get_mut(..rest.len())?.copy_from_slice(rest);
                    u64::from_le_bytes(padded)
                }
            };
            self.base = start;
            self.next = start + 8;
            self.found = equal_bytes(word, self.those[0]) | equal_bytes(word, self.those[1]);
        }
        let at = self.base + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_separator_is_found_in_order_and_nothing_else() {
        let texts: [&[u8]; 6] = [
            b"",
            b"abc",
            b"1401204197;L005,L007,L008;53;F;internet\nnext;row",
            b";;;;;;;;;\n\n;",
            b"\xff\x80;\x00\x7f\n\x3b\x0a\xbb\x8a",
            "zażółć;gęślą\njaźń".as_bytes(),
        ];
        for text in texts {
            let want: Vec<usize> = text
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b';' || b == b'\n')
                .map(|(i, _)| i)
                .collect();
            let got: Vec<usize> = Separators::new(text, b';', b'\n').collect();
            assert_eq!(got, want, "{text:?}");
        }
        for byte in 0..=255u8 {
            let text = [byte; 19];
            let n = Separators::new(&text, b';', b'\n').count();
            let want = if byte == b';' || byte == b'\n' { 19 } else { 0 };
            assert_eq!(n, want, "{byte}");
            let commas = Separators::new(&text, b',', b',').count();
            assert_eq!(commas, if byte == b',' { 19 } else { 0 }, "{byte}");
        }
    }
}
