//! The project ids of a PROJECTS section, looked up for every vote item:
//! ids of at most 7 bytes (most files' ids) as 8-byte keys in a small
//! open-addressing table, so a lookup is a multiplication and a few integer
//! comparisons instead of hashing and comparing strings.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::RandomState;

/// Project id → project index.
pub(super) struct ProjectIds {
    /// `(key, index)` by [`short_key`], at the slot its hash gives or the
    /// next free one after it; key 0 marks a free slot. At most half full,
    /// its length a power of two.
    slots: Vec<(u64, u32)>,
    /// How many slots are taken.
    taken: usize,
    /// A random odd multiplier (drawn per table, so that no file can be
    /// crafted to make its ids collide).
    multiplier: u64,
    /// Ids longer than 7 bytes.
    long: HashMap<String, u32, RandomState>,
}

impl Default for ProjectIds {
    fn default() -> Self {
        ProjectIds {
            slots: vec![(0, 0); 16],
            taken: 0,
            multiplier: RandomState::default().hash_one(0x9e37_79b9_7f4a_7c15u64) | 1,
            long: HashMap::default(),
        }
    }
}

impl ProjectIds {
    /// The index of project `id`, if there is one.
    #[inline]
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        let Some(key) = short_key(id.as_bytes()) else {
            return self.get_long(id);
        };
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let &(k, index) = self.slots.get(at)?;
            if k == key {
                return Some(index);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// The index of project `id`, longer than 7 bytes, if there is one.
    #[cold]
    #[inline(never)]
    fn get_long(&self, id: &str) -> Option<u32> {
        self.long.get(id).copied()
    }

    /// Whether project `id` is known.
    pub(super) fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Adds project `id` with `index` (replacing an earlier one).
    pub(super) fn insert(&mut self, id: &str, index: u32) {
        let Some(key) = short_key(id.as_bytes()) else {
            self.long.insert(id.to_string(), index);
            return;
        };
        if 2 * (self.taken + 1) > self.slots.len() {
            let grown = vec![(0, 0); 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, grown);
            self.taken = 0;
            for (k, i) in old.into_iter().filter(|&(k, _)| k != 0) {
                self.put(k, i);
            }
        }
        self.put(key, index);
    }

    /// Puts `key` in its slot (the table has a free slot).
    fn put(&mut self, key: u64, index: u32) {
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        while let Some(slot) = self.slots.get_mut(at) {
            if slot.0 == 0 || slot.0 == key {
                if slot.0 == 0 {
                    self.taken += 1;
                }
                *slot = (key, index);
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The slot where `key`'s search starts: the top bits of a random
    /// multiple of it.
    fn home(&self, key: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.wrapping_mul(self.multiplier) >> (64 - bits)) as usize
    }
}

/// The bytes of an id of at most 7 bytes and its length plus one, packed
/// into one non-zero integer (distinct ids give distinct keys); `None` for a
/// longer id.
#[inline]
fn short_key(bytes: &[u8]) -> Option<u64> {
    let n = bytes.len();
    // Overlapping reads put equal bytes at equal places, so OR-ing them
    // gives the bytes in order.
    let body = if n > 7 {
        return None;
    } else if n >= 4 {
        let lo = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let hi = u32::from_le_bytes(bytes.get(n - 4..)?.try_into().ok()?);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else if let [first, ..] = bytes {
        let mid = *bytes.get(n / 2)?;
        let last = *bytes.get(n - 1)?;
        u64::from(*first) | u64::from(mid) << (8 * (n / 2)) | u64::from(last) << (8 * (n - 1))
    } else {
        0
    };
    Some(body | ((n as u64) + 1) << 56)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_the_bytes_in_order() {
        assert_eq!(short_key(b""), Some(1 << 56));
        assert_eq!(short_key(b"a"), Some(0x0200_0000_0000_0061));
        assert_eq!(short_key(b"ab"), Some(0x0300_0000_0000_6261));
        assert_eq!(short_key(b"abc"), Some(0x0400_0000_0063_6261));
        assert_eq!(short_key(b"L005"), Some(0x0500_0000_3530_304c));
        assert_eq!(short_key(b"abcdefg"), Some(0x0867_6665_6463_6261));
        assert_eq!(short_key(b"abcdefgh"), None);
    }

    #[test]
    fn short_and_long_ids_are_found_and_only_they() {
        let mut ids = ProjectIds::default();
        let known: Vec<String> = ["", "a\0", "1234567", "12345678", "długi projekt"]
            .iter()
            .map(|s| s.to_string())
            .chain((0..300).map(|i| format!("L{i:03}")))
            .collect();
        for (i, id) in known.iter().enumerate() {
            ids.insert(id, i as u32);
        }
        for (i, id) in known.iter().enumerate() {
            assert_eq!(ids.get(id), Some(i as u32), "{id:?}");
        }
        for unknown in [
            "a",
            "a\0\0",
            "L00",
            "L0050",
            "L300",
            "123456",
            "123456789",
            "\0",
        ] {
            assert_eq!(ids.get(unknown), None, "{unknown:?}");
        }
        ids.insert("L007", 1000);
        assert_eq!(ids.get("L007"), Some(1000));
    }
}
