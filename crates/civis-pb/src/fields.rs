//! [`Fields`]: the optional column values of one project or voter, packed
//! into a single allocation (a large election has one per voter, so the
//! usual `Vec<String>` would cost an allocation per cell).

use std::fmt;

/// A row's optional column values, in column order, stored as one byte
/// buffer: each value is its length (LEB128) followed by its UTF-8 bytes.
/// Values are read by position; empty values take one byte.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Fields(Box<[u8]>);

impl Fields {
    /// Packs `values` in order.
    pub fn new<'a>(values: impl IntoIterator<Item = &'a str>) -> Fields {
        Fields::packed_with(&mut Vec::new(), values)
    }

    /// Packs `values` using `buf` as scratch space, so that the result is
    /// a single allocation of the exact size.
    pub(crate) fn packed_with<'a>(
        buf: &mut Vec<u8>,
        values: impl IntoIterator<Item = &'a str>,
    ) -> Fields {
        buf.clear();
        for v in values {
            let mut n = v.len();
            loop {
                let low = (n & 0x7f) as u8;
                n >>= 7;
                if n == 0 {
                    buf.push(low);
                    break;
                }
                buf.push(low | 0x80);
            }
            buf.extend_from_slice(v.as_bytes());
        }
        Fields(Box::from(buf.as_slice()))
    }

    /// The values, in order.
    pub fn iter(&self) -> FieldsIter<'_> {
        FieldsIter { rest: &self.0 }
    }

    /// The value at position `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.iter().nth(i)
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> FromIterator<&'a str> for Fields {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        Fields::new(iter)
    }
}

impl fmt::Debug for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The values of a [`Fields`], in order.
#[derive(Debug, Clone)]
pub struct FieldsIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for FieldsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut len = 0usize;
        let mut shift = 0u32;
        let mut i = 0;
        loop {
            let b = *self.rest.get(i)?;
            i += 1;
            len |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        let value = self.rest.get(i..i + len)?;
        self.rest = &self.rest[i + len..];
        // Always valid: the bytes were copied from a `&str`.
        Some(std::str::from_utf8(value).unwrap_or_default())
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = &'a str;
    type IntoIter = FieldsIter<'a>;

    fn into_iter(self) -> FieldsIter<'a> {
        self.iter()
    }
}

impl serde::Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for Fields {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let values = Vec::<String>::deserialize(d)?;
        Ok(values.iter().map(String::as_str).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_in_order() {
        let long = "ż".repeat(200);
        let f = Fields::new(["53", "", "internet", long.as_str()]);
        assert_eq!(
            f.iter().collect::<Vec<_>>(),
            vec!["53", "", "internet", long.as_str()]
        );
        assert_eq!(f.len(), 4);
        assert_eq!(f.get(2), Some("internet"));
        assert_eq!(f.get(4), None);
        assert!(Fields::default().is_empty());
        assert_eq!(
            format!("{f:?}"),
            format!("[\"53\", \"\", \"internet\", \"{long}\"]")
        );
    }
}
