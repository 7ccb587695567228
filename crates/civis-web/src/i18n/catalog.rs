//! The translated messages, compiled into the binary from `locales/<lang>/*.ftl`
//! (joined per language by `build.rs`, so each area keeps its own file).

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::Entry;

use super::Lang;

/// The Fluent source of each language, embedded at compile time.
pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!(concat!(env!("OUT_DIR"), "/en.ftl"))),
    (Lang::Es, include_str!(concat!(env!("OUT_DIR"), "/es.ftl"))),
    (Lang::Et, include_str!(concat!(env!("OUT_DIR"), "/et.ftl"))),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Lang, Bundle)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| (*lang, build_bundle(*lang, source)))
        .collect()
});

fn build_bundle(lang: Lang, source: &str) -> Bundle {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errs)| {
        // The `locales_are_complete` test keeps this from happening in a release.
        tracing::error!(lang = lang.code(), ?errs, "locale file has syntax errors");
        partial
    });
    let langid = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    // Pages are left-to-right only; bidi isolation marks would just add bytes.
    bundle.set_use_isolating(false);
    if let Err(errs) = bundle.add_resource(resource) {
        tracing::error!(
            lang = lang.code(),
            ?errs,
            "locale file has duplicate messages"
        );
    }
    bundle
}

fn bundle(lang: Lang) -> Option<&'static Bundle> {
    BUNDLES.iter().find(|(l, _)| *l == lang).map(|(_, b)| b)
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = bundle(lang)?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(lang = lang.code(), id, ?errors, "message formatting error");
    }
    Some(text.into_owned())
}

/// The message ids defined in one language's file, in file order, with any
/// syntax errors found while parsing it (there should be none).
pub fn message_ids(lang: Lang) -> (Vec<String>, Vec<String>) {
    let Some((_, source)) = SOURCES.iter().find(|(l, _)| *l == lang) else {
        return (Vec::new(), Vec::new());
    };
    let (resource, errors) = match fluent_syntax::parser::parse(*source) {
        Ok(r) => (r, Vec::new()),
        Err((r, errs)) => (r, errs.iter().map(|e| format!("{e:?}")).collect()),
    };
    let ids = resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect();
    (ids, errors)
}

/// Translates messages into one language; the object templates call `t` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct L10n {
    /// The language being rendered.
    pub lang: Lang,
}

impl L10n {
    /// A translator for `lang`.
    pub const fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message `id`, falling back to English, then to the id itself.
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// The message `id` with one argument `name` set to `value`.
    pub fn t1<'a>(&self, id: &str, name: &'a str, value: impl Into<FluentValue<'a>>) -> String {
        let mut args = FluentArgs::new();
        args.set(Cow::Borrowed(name), value.into());
        self.lookup(id, Some(&args))
    }

    /// The message `id` with two arguments.
    pub fn t2<'a>(
        &self,
        id: &str,
        first: (&'a str, impl Into<FluentValue<'a>>),
        second: (&'a str, impl Into<FluentValue<'a>>),
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(Cow::Borrowed(first.0), first.1.into());
        args.set(Cow::Borrowed(second.0), second.1.into());
        self.lookup(id, Some(&args))
    }

    /// The message `id` with any number of arguments.
    pub fn ta<'a>(&self, id: &str, args: &[(&'a str, FluentValue<'a>)]) -> String {
        self.lookup(id, Some(&to_args(args)))
    }

    /// The message `id` with `args` in this language only: `Err` naming what is wrong
    /// when the language lacks the message or formatting it fails (an argument
    /// missing, …), where [`L10n::ta`] would fall back or leave a placeholder.
    pub fn strict<'a>(
        &self,
        id: &str,
        args: &[(&'a str, FluentValue<'a>)],
    ) -> Result<String, String> {
        let bundle = bundle(self.lang).ok_or_else(|| format!("no {} catalog", self.lang))?;
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("{} lacks {id}", self.lang))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&to_args(args)), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(format!("{} {id}: {errors:?}", self.lang))
        }
    }

    fn lookup(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        format(self.lang, id, args)
            .or_else(|| {
                tracing::warn!(lang = self.lang.code(), id, "missing translation");
                format(Lang::En, id, args)
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

fn to_args<'a>(args: &[(&'a str, FluentValue<'a>)]) -> FluentArgs<'a> {
    let mut out = FluentArgs::new();
    for (name, value) in args {
        out.set(Cow::Borrowed(*name), value.clone());
    }
    out
}
