//! Text given in several languages.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The languages every process text must be given in (the UI's languages).
pub const LANGUAGES: [&str; 3] = ["en", "es", "et"];

/// A text in several languages, keyed by language tag (`en`, `es`, `et`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`, falling back to English, then to any language.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The languages of [`LANGUAGES`] with no (or only blank) text.
    pub fn missing(&self) -> Vec<&'static str> {
        LANGUAGES
            .iter()
            .copied()
            .filter(|l| self.0.get(*l).is_none_or(|t| t.trim().is_empty()))
            .collect()
    }
}
