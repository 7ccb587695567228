//! Form fields and their error messages, as the templates render them.
//!
//! Each error is shown next to its field (`aria-describedby`, `aria-invalid`) and again
//! in a summary at the top of the page that links to the field.

/// An error about one form field, already translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The `id` of the field (usually also its `name`).
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The errors of one submitted form, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    /// No errors.
    pub fn new() -> Self {
        FormErrors(Vec::new())
    }

    /// Records `message` for `field`; only the first error of a field is kept.
    pub fn add(&mut self, field: impl Into<String>, message: String) {
        let field = field.into();
        if self.get(&field).is_none() {
            self.0.push(FieldError { field, message });
        }
    }

    /// The error recorded for `field`.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Whether the form had no errors.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The errors, in the order recorded.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }
}

/// A labelled input as the `input` macro renders it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The `id` and `name` of the input.
    pub name: &'static str,
    /// The visible `<label>`.
    pub label: String,
    /// The input `type`.
    pub kind: &'static str,
    /// The value to show (kept after an error; always empty for passwords).
    pub value: String,
    /// The `autocomplete` token.
    pub autocomplete: &'static str,
    /// Help shown under the label.
    pub hint: Option<String>,
    /// The error about this field, if any.
    pub error: Option<String>,
}

impl Field {
    /// A text input named `name`, labelled `label`.
    pub fn text(name: &'static str, label: String, value: &str, errors: &FormErrors) -> Self {
        Field {
            name,
            label,
            kind: "text",
            value: value.to_owned(),
            autocomplete: "off",
            hint: None,
            error: errors.get(name).map(str::to_owned),
        }
    }

    /// A password input: its value is never sent back to the browser.
    pub fn password(name: &'static str, label: String, errors: &FormErrors) -> Self {
        Field {
            kind: "password",
            autocomplete: "current-password",
            ..Field::text(name, label, "", errors)
        }
    }

    /// Sets the `autocomplete` token.
    pub fn autocomplete(mut self, token: &'static str) -> Self {
        self.autocomplete = token;
        self
    }

    /// Adds help text under the label.
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    /// The `aria-describedby` value: the hint and the error, when present.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_echoed() {
        let mut errors = FormErrors::new();
        errors.add("password", "too short".into());
        let f = Field::password("password", "Password".into(), &errors);
        assert_eq!(f.value, "");
        assert_eq!(f.error.as_deref(), Some("too short"));
        assert_eq!(f.described_by(), "password-error");
    }

    #[test]
    fn first_error_per_field_wins() {
        let mut errors = FormErrors::new();
        errors.add("username", "a".into());
        errors.add("username", "b".into());
        assert_eq!(errors.iter().count(), 1);
        assert_eq!(errors.get("username"), Some("a"));
    }
}
