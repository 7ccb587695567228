//! Synthetic participatory budgeting elections for benchmarks.
//!
//! `cargo run --release -p civis-pb --example pb_synth -- VOTERS PROJECTS RULE [SEED]`
//! with RULE = greedy | mes | add1 (MES with budget increments + greedy),
//! cost satisfaction, lexicographic tie-breaking. Each voter approves 1-9
//! projects drawn with Zipf-like popularity; costs are whole numbers from
//! 10,000 to 1,000,000 and the budget is a quarter of the total cost. Prints
//! one JSON line: build and tally times (ms), sizes, outcome size.

use std::time::Instant;

use civis_pb::rules::{self, MesBudget, MesParams, ProfileBuilder, Satisfaction, TieBreak};
use civis_pb::Decimal;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: pb_synth VOTERS PROJECTS greedy|mes|add1 [SEED]");
        std::process::exit(2);
    }
    let parse = |s: &str| {
        s.replace('_', "").parse::<usize>().unwrap_or_else(|_| {
            eprintln!("not a count: {s}");
            std::process::exit(2)
        })
    };
    let voters = parse(&args[1]);
    let m = parse(&args[2]);
    let rule = args[3].as_str();
    let seed = args.get(4).map(|s| parse(s) as u64).unwrap_or(1);
    let mut rng = StdRng::seed_from_u64(seed);

    let t0 = Instant::now();
    let costs: Vec<i128> = (0..m).map(|_| rng.gen_range(10_000..=1_000_000)).collect();
    let total: i128 = costs.iter().sum();
    let projects = costs
        .iter()
        .enumerate()
        .map(|(i, &c)| (format!("p{i}"), Decimal::from_int(c)))
        .collect();
    let mut builder = match ProfileBuilder::new(projects, Decimal::from_int(total / 4)) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2)
        }
    };
    // Zipf-like popularity: project i drawn with weight 1 / (i + 10).
    let weights: Vec<f64> = (0..m).map(|i| 1.0 / (i as f64 + 10.0)).collect();
    let mut cumulative = Vec::with_capacity(m);
    let mut acc = 0.0;
    for w in &weights {
        acc += w;
        cumulative.push(acc);
    }
    let mut ballot: Vec<u32> = Vec::new();
    for _ in 0..voters {
        ballot.clear();
        let k = rng.gen_range(1..=9usize.min(m));
        while ballot.len() < k {
            let x = rng.gen::<f64>() * acc;
            let p = cumulative.partition_point(|&c| c < x).min(m - 1) as u32;
            if !ballot.contains(&p) {
                ballot.push(p);
            }
        }
        if let Err(e) = builder.add_ballot(&ballot) {
            eprintln!("{e}");
            std::process::exit(2)
        }
    }
    let generated = t0.elapsed();
    let t1 = Instant::now();
    let profile = builder.build();
    let built = t1.elapsed();

    let t2 = Instant::now();
    let tie = TieBreak::Lexico.order(&profile);
    let sat = Satisfaction::Cost;
    let outcome = match rule {
        "greedy" => rules::greedy(&profile, sat, &tie),
        "mes" => rules::mes(
            &profile,
            &MesParams {
                sat,
                budget: MesBudget::Equal,
            },
            &tie,
        ),
        "add1" => rules::mes_add1_greedy(&profile, sat, &tie),
        other => {
            eprintln!("unknown rule {other}");
            std::process::exit(2)
        }
    };
    let tallied = t2.elapsed();
    // Process CPU time (all threads), from /proc (Linux), in ms.
    let cpu_ms = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = s.rsplit(')').next()?.split_whitespace().collect::<Vec<_>>();
            let ticks = rest.get(11)?.parse::<u64>().ok()? + rest.get(12)?.parse::<u64>().ok()?;
            Some(ticks * 10)
        })
        .unwrap_or(0);
    println!(
        "{{\"voters\":{voters},\"projects\":{m},\"rule\":\"{rule}\",\"groups\":{},\"approvals\":{},\"generate_ms\":{},\"build_ms\":{},\"tally_ms\":{},\"selected\":{},\"mes_runs\":{},\"process_cpu_ms\":{cpu_ms}}}",
        profile.num_groups(),
        profile.num_group_approvals(),
        generated.as_millis(),
        built.as_millis(),
        tallied.as_millis(),
        outcome.selections.len(),
        outcome.mes_runs,
    );
}
