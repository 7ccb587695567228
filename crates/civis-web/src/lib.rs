//! civis-web: the HTTP face of civis — the HTML pages for residents and staff.

pub mod assets;
pub mod i18n;
