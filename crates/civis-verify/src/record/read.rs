//! Reading a record directory one file at a time; every refusal names the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::{PublishedLog, CHECKPOINT, EARLIER_CHECKPOINTS, LOG_DIR, VERIFIER_KEY};

/// A record directory on disk.
#[derive(Debug, Clone)]
pub struct RecordDir {
    root: PathBuf,
}

impl RecordDir {
    /// The record in `root`.
    pub fn new(root: &Path) -> RecordDir {
        RecordDir {
            root: root.to_path_buf(),
        }
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bytes of `file` (a path relative to the record). Errors: `<file>: <why>`.
    pub fn read(&self, file: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.root.join(file)).map_err(|e| format!("{file}: cannot read it: {e}"))
    }

    /// `file` parsed as JSON into `T`. Errors: `<file>: <why>`.
    pub fn read_json<T: DeserializeOwned>(&self, file: &str) -> Result<T, String> {
        let bytes = self.read(file)?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{file}: {e}"))
    }

    /// `file` parsed into `T`, refusing anything `T` would not write back
    /// (unknown fields): the parsed value, serialized again, must be the same JSON.
    pub fn read_json_exact<T: DeserializeOwned + serde::Serialize>(
        &self,
        file: &str,
    ) -> Result<T, String> {
        let bytes = self.read(file)?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("{file}: {e}"))?;
        let parsed: T =
            serde_json::from_value(value.clone()).map_err(|e| format!("{file}: {e}"))?;
        let again = serde_json::to_value(&parsed).map_err(|e| format!("{file}: {e}"))?;
        if again != value {
            return Err(format!(
                "{file}: holds fields or values that the format does not define"
            ));
        }
        Ok(parsed)
    }

    /// The published log: checkpoint, verifier key, every file under `log/tile/`
    /// and every earlier checkpoint. Errors: the file that cannot be read.
    pub fn read_log(&self) -> Result<PublishedLog, String> {
        let checkpoint = String::from_utf8(self.read(CHECKPOINT)?)
            .map_err(|_| format!("{CHECKPOINT}: not UTF-8"))?;
        let verifier_key = String::from_utf8(self.read(VERIFIER_KEY)?)
            .map_err(|_| format!("{VERIFIER_KEY}: not UTF-8"))?
            .trim_end_matches('\n')
            .to_string();
        let mut tiles = BTreeMap::new();
        let log = self.root.join(LOG_DIR);
        if log.join("tile").exists() {
            walk(&log, &log.join("tile"), &mut tiles)?;
        }
        let mut earlier = BTreeMap::new();
        let dir = self.root.join(EARLIER_CHECKPOINTS);
        if dir.is_dir() {
            let listing = std::fs::read_dir(&dir)
                .map_err(|e| format!("{EARLIER_CHECKPOINTS}: cannot list it: {e}"))?;
            for item in listing {
                let item = item.map_err(|e| format!("{EARLIER_CHECKPOINTS}: {e}"))?;
                let name = item.file_name().to_string_lossy().into_owned();
                let file = format!("{EARLIER_CHECKPOINTS}/{name}");
                let size: u64 = name
                    .parse()
                    .map_err(|_| format!("{file}: the name must be the tree size"))?;
                let text = String::from_utf8(self.read(&file)?)
                    .map_err(|_| format!("{file}: not UTF-8"))?;
                earlier.insert(size, text);
            }
        }
        Ok(PublishedLog {
            checkpoint,
            verifier_key,
            tiles,
            earlier,
        })
    }
}

fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let shown = |p: &Path| {
        format!(
            "{LOG_DIR}/{}",
            p.strip_prefix(base).unwrap_or(p).to_string_lossy()
        )
    };
    let listing =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot list it: {e}", shown(dir)))?;
    for item in listing {
        let item = item.map_err(|e| format!("{}: {e}", shown(dir)))?;
        let path = item.path();
        if path.is_dir() {
            walk(base, &path, out)?;
        } else {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("{}: cannot read it: {e}", shown(&path)))?;
            let rel = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/");
            out.insert(rel, bytes);
        }
    }
    Ok(())
}
