//! The project ids of a PROJECTS section, looked up for every vote item:
//! ids of at most 7 bytes (most files' ids) through 8-byte keys, so a
//! lookup hashes and compares one integer instead of a string.

use std::collections::HashMap;

use foldhash::fast::RandomState;

/// Project id → project index.
#[derive(Default)]
pub(super) struct ProjectIds {
    /// Ids of at most 7 bytes, by [`short_key`].
    short: HashMap<u64, u32, RandomState>,
    /// Longer ids.
    long: HashMap<String, u32, RandomState>,
}

impl ProjectIds {
    /// The index of project `id`, if there is one.
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        match short_key(id.as_bytes()) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// Whether project `id` is known.
    pub(super) fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Adds project `id` with `index` (replacing an earlier one).
    pub(super) fn insert(&mut self, id: &str, index: u32) {
        match short_key(id.as_bytes()) {
            Some(key) => self.short.insert(key, index),
            None => self.long.insert(id.to_string(), index),
        };
    }
}

/// The bytes of an id of at most 7 bytes and its length, packed into one
/// integer (distinct ids give distinct keys); `None` for a longer id.
fn short_key(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > 7 {
        return None;
    }
    let mut key = (bytes.len() as u64) << 56;
    for (i, &b) in bytes.iter().enumerate() {
        key |= u64::from(b) << (8 * i);
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_are_found_and_only_they() {
        let mut ids = ProjectIds::default();
        for (i, id) in ["L005", "", "a\0", "1234567", "12345678", "długi projekt"]
            .iter()
            .enumerate()
        {
            ids.insert(id, i as u32);
        }
        assert_eq!(ids.get("L005"), Some(0));
        assert_eq!(ids.get(""), Some(1));
        assert_eq!(ids.get("a\0"), Some(2));
        assert_eq!(ids.get("1234567"), Some(3));
        assert_eq!(ids.get("12345678"), Some(4));
        assert_eq!(ids.get("długi projekt"), Some(5));
        for unknown in ["a", "a\0\0", "L00", "L0050", "123456", "123456789", "\0"] {
            assert_eq!(ids.get(unknown), None, "{unknown:?}");
        }
    }
}
