//! Serde for [`Timestamp`] as milliseconds since the Unix epoch.

use civis_domain::Timestamp;
use serde::{Deserialize, Deserializer, Serializer};

/// Serializes a timestamp as its milliseconds.
pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_i64(t.as_millis())
}

/// Deserializes a timestamp from milliseconds.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    i64::deserialize(d).map(Timestamp::from_millis)
}
