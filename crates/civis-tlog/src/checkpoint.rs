//! C2SP tlog-checkpoint: the note text of a signed tree head.
//!
//! ```text
//! <origin>
//! <tree size, decimal>
//! <root hash, base64>
//! [extension lines]
//! ```

use crate::hash::Hash;
use crate::TlogError;

/// A log's tree head as a checkpoint's note text says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's identity, e.g. `civis.example.org/log/audit`.
    pub origin: String,
    /// The number of leaves.
    pub size: u64,
    /// The RFC 6962 root hash at `size`.
    pub root: Hash,
    /// Optional, opaque, non-empty extension lines.
    pub extensions: Vec<String>,
}

impl Checkpoint {
    /// The note text: one line each, each ending in a newline.
    /// Errors: `Checkpoint` if the origin or an extension line is empty or
    /// holds a newline.
    pub fn to_text(&self) -> Result<String, TlogError> {
        check_line(&self.origin, "origin")?;
        for ext in &self.extensions {
            check_line(ext, "extension line")?;
        }
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        );
        for ext in &self.extensions {
            out.push_str(ext);
            out.push('\n');
        }
        Ok(out)
    }

    /// Parses checkpoint note text (a verified note's text).
    /// Errors: `Checkpoint` saying which line is wrong.
    pub fn parse(text: &str) -> Result<Checkpoint, TlogError> {
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| TlogError::Checkpoint("the text must end with a newline".into()))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        check_line(origin, "origin")?;
        let size_text = lines
            .next()
            .ok_or_else(|| TlogError::Checkpoint("line 2 (tree size) is missing".into()))?;
        let canonical = !size_text.is_empty()
            && size_text.bytes().all(|b| b.is_ascii_digit())
            && (size_text == "0" || !size_text.starts_with('0'));
        let size = canonical
            .then(|| size_text.parse::<u64>().ok())
            .flatten()
            .ok_or_else(|| {
                TlogError::Checkpoint(
                    "line 2 (tree size) must be a decimal number without leading zeros".into(),
                )
            })?;
        let root_text = lines
            .next()
            .ok_or_else(|| TlogError::Checkpoint("line 3 (root hash) is missing".into()))?;
        let root = Hash::from_base64(root_text).map_err(|_| {
            TlogError::Checkpoint("line 3 (root hash) must be 32 bytes in base64".into())
        })?;
        let extensions: Vec<String> = lines.map(str::to_string).collect();
        for ext in &extensions {
            check_line(ext, "extension line")?;
        }
        Ok(Checkpoint {
            origin: origin.to_string(),
            size,
            root,
            extensions,
        })
    }
}

fn check_line(line: &str, what: &str) -> Result<(), TlogError> {
    if line.is_empty() {
        return Err(TlogError::Checkpoint(format!("the {what} is empty")));
    }
    if line.chars().any(char::is_control) {
        return Err(TlogError::Checkpoint(format!(
            "the {what} holds a control character"
        )));
    }
    Ok(())
}
