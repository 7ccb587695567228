//! `civis pb simulate-record`: a whole participatory budget with secret,
//! verifiable ballots, simulated in memory with the real primitives, written as a
//! published record (`docs/published-record.md`) that `civis-verify` checks.
//!
//! The credential issuer's RSA key is made by OpenSSL; everything else (voters'
//! keys, blinding, the trustees' dealings, ballots, re-votes, paper ballots, HPKE
//! encryption, the log's and officials' keys) comes from `--seed`, so the same
//! seed gives the same ballots, log order and outcome.

mod issue;
mod plan;
mod rng;
mod seal;
mod trustees;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use civis_ballot::blind_rsa::IssuerSecretKey;
use civis_ballot::hpke::HpkePublicKey;
use civis_budget::rules::Amount;
use civis_budget::{
    BallotFormat, Budgets, Completion, Eligibility, OutcomeRule, ProcessId, ProcessRules,
    ProposalId, TieBreak,
};
use civis_tlog::{ed25519, MemoryLog, NoteSigner, NoteVerifier};
use civis_verify::check::rules::Frozen;
use civis_verify::record::log_publish::signed_checkpoint;
use civis_verify::record::{
    hpke_info, Bytes, CredentialIssuer, Manifest, Official, PublishedLog, PublishedProject, Record,
    Trustees, FORMAT,
};
use rand::Rng;

use rng::{stream, Stream};
use seal::{OfficialKey, Sealing};

/// Arguments of `civis pb simulate-record`.
#[derive(Debug, Clone, clap::Args)]
pub struct SimulateRecordArgs {
    /// Voters (each gets one credential and casts at least one ballot).
    #[arg(long)]
    pub voters: u32,
    /// Projects on the ballot.
    #[arg(long)]
    pub projects: u32,
    /// Write the published record into this directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Seed of everything random but the issuer's RSA key.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Trustees: k of n must reveal their shares to decrypt.
    #[arg(long, value_name = "K/N", default_value = "3/5", value_parser = parse_threshold)]
    pub trustees: (u32, u32),
}

fn parse_threshold(text: &str) -> Result<(u32, u32), String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| format!("{text:?} is not K/N (e.g. 3/5)"))?;
    let k: u32 = k.parse().map_err(|_| format!("{k:?} is not a number"))?;
    let n: u32 = n.parse().map_err(|_| format!("{n:?} is not a number"))?;
    if k == 0 || k > n || n > 255 {
        return Err(format!("need 1 <= K <= N <= 255, got {k}/{n}"));
    }
    Ok((k, n))
}

/// What a simulation did.
#[derive(Debug, Clone, PartialEq)]
pub struct SimSummary {
    /// Log entries.
    pub submissions: usize,
    /// Credentials issued.
    pub issued: usize,
    /// Distinct credentials counted.
    pub counted: usize,
    /// Counted paper ballots.
    pub paper: usize,
    /// Counted ballots that were invalid.
    pub spoiled: usize,
    /// Funded projects.
    pub funded: Vec<ProposalId>,
    /// Seconds spent in each stage.
    pub stages: Vec<(&'static str, f64)>,
}

const PROCESS: ProcessId = ProcessId(1);
const OFFICIALS: usize = 2;
/// When the simulated outcome is computed (2027-01-01T00:00:00Z): fixed, so the
/// record depends only on the seed.
const COMPUTED_AT_MS: i64 = 1_798_761_600_000;

/// Simulates a process of `voters` voters and `projects` projects and writes its
/// record into `out`.
pub fn simulate_record(
    voters: usize,
    projects: usize,
    (k, n): (u32, u32),
    seed: u64,
    out: &Path,
) -> Result<SimSummary, String> {
    if voters == 0 || projects == 0 {
        return Err("need at least one voter and one project".into());
    }
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |stages: &mut Vec<(&'static str, f64)>, name: &'static str| {
        stages.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };

    let mut setup = stream(seed, Stream::Setup, 0);
    let ids: Vec<ProposalId> = (1..=projects as i64).map(ProposalId).collect();
    let costs: Vec<Amount> = ids
        .iter()
        .map(|_| setup.0.gen_range(20..=300) * 1000)
        .collect();
    let weights: Vec<u32> = ids.iter().map(|_| setup.0.gen_range(1..=10)).collect();
    let max = projects.min(5) as u32;
    let rules = ProcessRules {
        budgets: Budgets {
            total: costs.iter().sum::<Amount>() * 2 / 5,
            ..Budgets::default()
        },
        eligibility: Eligibility::default(),
        ballot: BallotFormat::Approval { min: 1, max },
        rule: OutcomeRule::Mes {
            completion: Completion::Add1,
        },
        tie_break: TieBreak::Lexico,
        secret_ballots: false,
    };
    let published_projects: Vec<PublishedProject> = ids
        .iter()
        .zip(&costs)
        .map(|(id, cost)| PublishedProject {
            id: *id,
            title: format!("Project {id}"),
            cost: *cost,
            district: None,
            category: None,
        })
        .collect();
    let origin = format!("civis.example/pb/{}/ballots", PROCESS.0);
    let frozen = Frozen {
        manifest: Manifest {
            format: FORMAT.to_string(),
            process: PROCESS,
            title: "Simulated participatory budget".to_string(),
            rules_digest: rules.digest(),
            log_origin: origin.clone(),
        },
        rules,
        projects: published_projects,
    };
    let officials: Vec<OfficialKey> = (0..OFFICIALS)
        .map(|i| OfficialKey {
            name: format!("official-{}", i + 1),
            seed: setup.bytes32(),
        })
        .collect();
    let log_signer = NoteSigner::from_seed("civis.example-pb-1-ballots", setup.bytes32())
        .map_err(|e| e.to_string())?;
    lap(&mut stages, "setup");

    let issuer = IssuerSecretKey::generate(2048).map_err(|e| e.to_string())?;
    let credentials = issue::issue_all(&issuer, voters, seed)?;
    lap(&mut stages, "credentials");

    let election = trustees::deal(k, n, seed)?;
    lap(&mut stages, "trustees");

    let submissions = plan::plan(
        voters,
        OFFICIALS,
        &plan::Ballots {
            ids: &ids,
            weights: &weights,
            max,
        },
        seed,
    );
    let info = hpke_info(PROCESS, &frozen.manifest.rules_digest);
    let key = HpkePublicKey::from_bytes(&election.group_public_key).map_err(|e| e.to_string())?;
    let entries = seal::seal_all(
        &Sealing {
            process: PROCESS,
            info: &info,
            key: &key,
            voters: &credentials,
            officials: &officials,
        },
        &submissions,
        seed,
    )?;
    lap(&mut stages, "ballots");

    let mut log = MemoryLog::new();
    let mut earlier = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 && (i == entries.len() / 2 || i == entries.len() * 3 / 4) {
            earlier.insert(
                i as u64,
                signed_checkpoint(&log, &origin, &log_signer).map_err(|e| e.to_string())?,
            );
        }
        log.append(&entry.encode()).map_err(|e| e.to_string())?;
    }
    let published_log = PublishedLog::from_memory(&log, &origin, &log_signer, earlier)
        .map_err(|e| e.to_string())?;
    lap(&mut stages, "log");

    let reveal = trustees::reveal(&election, k, n, seed)?;
    let tally = civis_verify::tally::tally(
        &frozen,
        &entries,
        &reveal.election_secret_key.0,
        &info,
        civis_domain::Timestamp::from_millis(COMPUTED_AT_MS),
    )?;
    lap(&mut stages, "close");

    let official_keys = officials
        .iter()
        .map(|o| {
            let public = ed25519::public_key(&o.seed).map_err(|e| e.to_string())?;
            let v = NoteVerifier::new(&o.name, public).map_err(|e| e.to_string())?;
            Ok(Official { key: v.encode() })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let issuer_public = issuer.public_key();
    let record = Record {
        manifest: frozen.manifest.clone(),
        rules: frozen.rules.clone(),
        projects: frozen.projects.clone(),
        credentials: CredentialIssuer {
            public_key: Bytes(issuer_public.to_spki_der()),
            key_id: issuer_public
                .key_id()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            issued: voters as u64,
        },
        officials: official_keys,
        trustees: Trustees {
            threshold: k,
            trustees: n,
            commitments: election
                .commitments
                .iter()
                .map(|c| c.points().iter().map(|p| Bytes(p.to_vec())).collect())
                .collect(),
            group_public_key: Bytes(election.group_public_key.clone()),
        },
        reveal,
        outcome: tally.outcome.clone(),
        log: published_log,
    };
    record.write(out).map_err(|e| e.to_string())?;
    lap(&mut stages, "write");
    Ok(SimSummary {
        submissions: entries.len(),
        issued: voters,
        counted: tally.outcome.counted as usize,
        paper: tally.paper,
        spoiled: tally.outcome.spoiled.len(),
        funded: tally
            .outcome
            .results
            .units
            .iter()
            .flat_map(|u| u.selected.iter().copied())
            .collect(),
        stages,
    })
}

/// Runs `civis pb simulate-record`; returns the exit code.
pub fn run(args: SimulateRecordArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match simulate_record(
        args.voters as usize,
        args.projects as usize,
        args.trustees,
        args.seed,
        &args.out,
    ) {
        Ok(s) => {
            let funded: Vec<String> = s.funded.iter().map(|p| p.to_string()).collect();
            let _ = writeln!(
                out,
                "wrote {}: {} credentials issued, {} ballots in the log, {} counted ({} paper, {} spoiled); funded projects {}",
                args.out.display(),
                s.issued,
                s.submissions,
                s.counted,
                s.paper,
                s.spoiled,
                funded.join(", ")
            );
            for (stage, secs) in &s.stages {
                let _ = writeln!(out, "  {stage:<12} {secs:>8.2} s");
            }
            0
        }
        Err(e) => {
            let _ = writeln!(err, "civis pb simulate-record: {e}");
            crate::EXIT_CANNOT
        }
    }
}
