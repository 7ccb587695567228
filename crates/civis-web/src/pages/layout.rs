//! What every page shares: language, navigation, the signed-in user, the CSRF token.

use axum::http::Uri;
use civis_domain::{Role, User};

use crate::assets;
use crate::i18n::{self, L10n, Lang};

/// The signed-in user as the page header shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    /// Login name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// The account's role.
    pub role: Role,
}

impl From<&User> for NavUser {
    fn from(user: &User) -> Self {
        NavUser {
            username: user.username.to_string(),
            display_name: user.display_name.to_string(),
            role: user.role,
        }
    }
}

/// One entry of the language switcher.
#[derive(Debug, Clone)]
pub struct LangLink {
    /// BCP 47 code, for `hreflang` and `lang`.
    pub code: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// This page with `?lang=` set.
    pub href: String,
    /// Whether it is the language being shown.
    pub current: bool,
}

/// The frame around every page: `<html lang>`, header, navigation, switcher, footer.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Translator for the page's language.
    pub l: L10n,
    /// The signed-in user, if any.
    pub user: Option<NavUser>,
    /// CSRF token for POST forms (including the sign-out button).
    pub csrf: String,
    /// Path of the current page, to mark the current navigation link.
    pub path: String,
    /// The language switcher's links.
    pub langs: Vec<LangLink>,
    /// URL of the stylesheet.
    pub css: String,
    /// A frame without account links (error pages, which do not know who is asking).
    pub bare: bool,
}

impl Chrome {
    /// The frame for a page at `uri` in `lang`, for `user` (if signed in), with `csrf`.
    pub fn new(lang: Lang, uri: &Uri, user: Option<&User>, csrf: impl Into<String>) -> Self {
        let path = uri.path().to_owned();
        let langs = Lang::ALL
            .into_iter()
            .map(|l| LangLink {
                code: l.code(),
                name: l.native_name(),
                href: i18n::switch_href(&path, uri.query(), l),
                current: l == lang,
            })
            .collect();
        Chrome {
            l: L10n::new(lang),
            user: user.map(NavUser::from),
            csrf: csrf.into(),
            path,
            langs,
            css: assets::css_href(),
            bare: false,
        }
    }

    /// The frame of an error page: no account links, since the error may have happened
    /// before the visitor was identified.
    pub fn bare(lang: Lang, uri: &Uri) -> Self {
        Chrome {
            bare: true,
            ..Chrome::new(lang, uri, None, String::new())
        }
    }

    /// The `lang` attribute of `<html>`.
    pub fn lang(&self) -> &'static str {
        self.l.lang.code()
    }

    /// Whether `href` is the page being shown (for `aria-current="page"`).
    pub fn is_current(&self, href: &str) -> bool {
        self.path == href
    }

    /// Whether to show the administration link.
    pub fn can_manage_users(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.can_manage_users())
    }

    /// Whether to show the residents link (officials, admins, auditors).
    pub fn can_read_all(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.can_read_all())
    }

    /// Whether to show the audit log link.
    pub fn can_read_audit(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.can_read_audit())
    }

    /// Whether to show the register link (officials; what they see depends on their grants).
    pub fn is_official(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Official)
    }

    /// The translated name of `role`.
    pub fn role_name(&self, role: &Role) -> String {
        self.l.t(role_key(*role))
    }
}

/// The message id naming `role`.
pub const fn role_key(role: Role) -> &'static str {
    match role {
        Role::Resident => "role-resident",
        Role::Official => "role-official",
        Role::Admin => "role-admin",
        Role::Auditor => "role-auditor",
    }
}
