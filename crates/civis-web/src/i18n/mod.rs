//! Internationalisation: which language a request gets, and the translated messages.
//!
//! The language is the `lang` cookie if set (by the visible language switcher, which
//! works without JavaScript), else the best `Accept-Language` match, else English.

mod catalog;
mod lang;
mod switch;

pub use catalog::{message_ids, L10n, SOURCES};
pub use lang::Lang;
pub use switch::{switch_href, switch_language, LANG_COOKIE};
