//! Joins each language's Fluent files (`locales/<lang>/*.ftl`, in name order)
//! into one catalog per language, which `i18n/catalog.rs` embeds.

use std::fs;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let out_dir =
        std::env::var_os("OUT_DIR").ok_or_else(|| std::io::Error::other("OUT_DIR unset"))?;
    println!("cargo::rerun-if-changed=locales");
    for lang in ["en", "es", "et"] {
        let dir = Path::new("locales").join(lang);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let mut joined = String::new();
        for file in files {
            println!("cargo::rerun-if-changed={}", file.display());
            joined.push_str(&format!("# ---- {}\n", file.display()));
            joined.push_str(&fs::read_to_string(&file)?);
            if !joined.ends_with('\n') {
                joined.push('\n');
            }
        }
        fs::write(Path::new(&out_dir).join(format!("{lang}.ftl")), joined)?;
    }
    Ok(())
}
