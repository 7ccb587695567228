//! Benchmark: Pabulib parse (and write) time on big real files, median of
//! several runs, against pabutools' `parse_pabulib` measured in the same
//! run when `CIVIS_PYTHON` names a Python with pabutools.
//!
//! `cargo bench -p civis-pb --bench parse -- [RUNS] [FILE…]`
//! (default files: Łódź 2022, Warszawa 2026, Kraków 2024 from
//! `../shared/data/pabulib` or `CIVIS_PABULIB_DIR`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use civis_pb::pabulib;

const DEFAULT_FILES: [&str; 3] = [
    "Poland_Lodz_2022.pb",
    "Poland_Warszawa_2026.pb",
    "Poland_Krakow_2024.pb",
];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// This thread's CPU time in ns (Linux `/proc/thread-self/schedstat`), so
/// that figures taken on a loaded machine stay meaningful.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Median wall-clock and CPU milliseconds of `f` over `runs` runs.
fn time_ms(runs: usize, mut f: impl FnMut()) -> (f64, Option<f64>) {
    f(); // warm-up
    let mut wall = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let c = cpu_ns();
        let t = Instant::now();
        f();
        wall.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            cpu.push((b - a) as f64 / 1e6);
        }
    }
    let cpu = (cpu.len() == runs).then(|| median(cpu));
    (median(wall), cpu)
}

fn show(cpu: Option<f64>) -> String {
    cpu.map_or("-".into(), |c| format!("{c:.1}"))
}

/// pabutools' median parse time in ms, if `CIVIS_PYTHON` is set.
fn pabutools_ms(python: &str, file: &Path, runs: usize) -> Option<f64> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench_pabutools_parse.py");
    let out = Command::new(python)
        .arg(script)
        .arg(file)
        .arg(runs.to_string())
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("pabutools failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let runs: usize = match args.first().and_then(|a| a.parse().ok()) {
        Some(r) => {
            args.remove(0);
            r
        }
        None => 9,
    };
    let dir = std::env::var_os("CIVIS_PABULIB_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/pabulib")
        });
    let files: Vec<PathBuf> = if args.is_empty() {
        DEFAULT_FILES.iter().map(|f| dir.join(f)).collect()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let python = std::env::var("CIVIS_PYTHON").ok();
    println!("runs per figure: {runs} (median)");
    println!("file | voters | civis parse ms (cpu ms) | civis write ms (cpu ms) | pabutools parse ms | ratio");
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            println!("{}: absent, skipped", f.display());
            continue;
        };
        let e = pabulib::parse_bytes(&bytes).unwrap();
        let (parse, parse_cpu) = time_ms(runs, || {
            std::hint::black_box(pabulib::parse_bytes(std::hint::black_box(&bytes)).unwrap());
        });
        let (write, write_cpu) = time_ms(runs, || {
            std::hint::black_box(pabulib::write(std::hint::black_box(&e)));
        });
        let peer = python
            .as_deref()
            .and_then(|p| pabutools_ms(p, &f, runs.min(5)));
        let name = f.file_name().unwrap().to_string_lossy();
        match peer {
            Some(p) => println!(
                "{name} | {} | {parse:.1} ({}) | {write:.1} ({}) | {p:.0} | {:.0}x",
                e.voters.len(),
                show(parse_cpu),
                show(write_cpu),
                p / parse
            ),
            None => println!(
                "{name} | {} | {parse:.1} ({}) | {write:.1} ({}) | - | -",
                e.voters.len(),
                show(parse_cpu),
                show(write_cpu)
            ),
        }
    }
}
