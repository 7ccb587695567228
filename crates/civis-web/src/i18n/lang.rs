//! The languages civis speaks and how a request picks one.

use std::fmt;

/// A language the web interface is fully translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the fallback.
    #[default]
    En,
    /// Spanish.
    Es,
    /// Estonian.
    Et,
}

impl Lang {
    /// Every supported language, in the order the switcher lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Et];

    /// The BCP 47 code used in `<html lang>`, `hreflang`, the `lang` cookie and `?lang=`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Et => "et",
        }
    }

    /// The language's name in itself, as the switcher shows it.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Et => "Eesti",
        }
    }

    /// Parses an exact code (`en`, `es`, `et`, any case); `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Picks the language for a request: the `lang` cookie if it names a supported
    /// language, else the best match in `Accept-Language`, else English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(Lang::parse)
            .or_else(|| accept_language.and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }

    /// The supported language with the highest quality in an `Accept-Language` value,
    /// matching on the primary subtag (`es-MX` matches `es`); ties keep header order.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
            let Some(quality) = quality.filter(|q| *q > 0.0 && *q <= 1.0) else {
                continue;
            };
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            let Some(lang) = Lang::parse(primary) else {
                continue;
            };
            if best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn cookie_wins_over_accept_language() {
        assert_eq!(Lang::negotiate(Some("et"), Some("es")), Lang::Et);
    }

    #[test]
    fn unknown_cookie_falls_back_to_accept_language() {
        assert_eq!(
            Lang::negotiate(Some("fr"), Some("es-ES,en;q=0.5")),
            Lang::Es
        );
    }

    #[test]
    fn quality_decides_and_unsupported_tags_are_skipped() {
        let header = "fr-CH, fr;q=0.9, en;q=0.8, et;q=0.85, *;q=0.5";
        assert_eq!(Lang::from_accept_language(header), Some(Lang::Et));
    }

    #[test]
    fn zero_quality_means_not_acceptable() {
        assert_eq!(
            Lang::from_accept_language("es;q=0, et;q=0.1"),
            Some(Lang::Et)
        );
        assert_eq!(Lang::from_accept_language("es;q=0"), None);
    }

    #[test]
    fn nothing_usable_means_english() {
        assert_eq!(Lang::negotiate(None, None), Lang::En);
        assert_eq!(Lang::negotiate(Some(""), Some("de, fr;q=0.2")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("garbage;q=x")), Lang::En);
    }
}
