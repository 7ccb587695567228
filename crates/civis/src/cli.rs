//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::LogFormat;

/// civis: open-source digital public infrastructure.
#[derive(Debug, Parser)]
#[command(name = "civis", version, about)]
pub struct Cli {
    /// Log format: `human` (default) or `json` (also `CIVIS_LOG_FORMAT`).
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (pages, JSON API, metrics).
    Serve(ServeArgs),
    /// Create or upgrade the database schema, then exit.
    Migrate(DatabaseArgs),
    /// Run a demo city on http://127.0.0.1:8080 with seeded accounts (SQLite in ./civis-data).
    Demo(DemoArgs),
    /// Administrative tasks.
    Admin(AdminArgs),
    /// Participatory budgeting: tally, check, explain, stats and convert
    /// Pabulib election files; simulate a whole process end to end.
    Pb(PbArgs),
    /// Load tools: drive a running server through its HTTP API and measure it.
    Loadtest(LoadtestArgs),
    /// A secret-ballot trustee's offline work: keygen, deal, share (no network).
    Trustee(crate::trustee::TrusteeArgs),
}

/// Options shared by commands that use the server settings.
#[derive(Debug, Args, Clone, Default)]
pub struct ServerOptions {
    /// Address to listen on, e.g. 127.0.0.1:8080 (also `CIVIS_LISTEN`).
    #[arg(long)]
    pub listen: Option<String>,
    /// Database URL: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB (also `CIVIS_DATABASE_URL`).
    #[arg(long)]
    pub database_url: Option<String>,
    /// URL at which users reach the server; `https://…` makes cookies Secure (also `CIVIS_PUBLIC_URL`).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Config file (TOML); defaults to ./civis.toml when present (also `CIVIS_CONFIG`).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `civis serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Server settings.
    #[command(flatten)]
    pub server: ServerOptions,
    /// Trust the first X-Forwarded-For address as the client IP (only behind a reverse proxy).
    #[arg(long)]
    pub trust_forwarded_for: bool,
}

/// `civis migrate`.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Server settings (only the database URL and config file are used).
    #[command(flatten)]
    pub server: ServerOptions,
}

/// `civis demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Server settings; the database defaults to SQLite in ./civis-data.
    #[command(flatten)]
    pub server: ServerOptions,
    /// Number of demo residents to create on first start.
    #[arg(long, default_value_t = 300)]
    pub residents: u32,
}

/// `civis admin`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The administrative task.
    #[command(subcommand)]
    pub command: AdminCommand,
}

/// Administrative tasks.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user account with a role (recorded in the audit log).
    CreateUser(CreateUserArgs),
    /// Print a new signing key for the public audit log, as a `civis.toml` table.
    AuditLogKey(AuditLogKeyArgs),
}

/// `civis admin audit-log-key`.
#[derive(Debug, Args)]
pub struct AuditLogKeyArgs {
    /// The URL at which users reach the server (names the key and the log's origin).
    #[arg(long)]
    pub public_url: String,
}

/// `civis admin create-user`.
#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// Login name (3–32 characters: a-z, 0-9, `.`, `_`, `-`).
    #[arg(long)]
    pub username: String,
    /// Role: resident, official, admin or auditor.
    #[arg(long)]
    pub role: String,
    /// Name shown to others (defaults to the username).
    #[arg(long)]
    pub display_name: Option<String>,
    /// Read the password from the first line of standard input. Otherwise it is taken from
    /// `CIVIS_ADMIN_PASSWORD` or prompted for.
    #[arg(long)]
    pub password_stdin: bool,
    /// Server settings (only the database URL and config file are used).
    #[command(flatten)]
    pub server: ServerOptions,
}

/// `civis loadtest`.
#[derive(Debug, Args)]
pub struct LoadtestArgs {
    /// What to load.
    #[command(subcommand)]
    pub command: LoadtestCommand,
}

/// The load tools.
#[derive(Debug, Subcommand)]
pub enum LoadtestCommand {
    /// Cast valid random ballots in the process that is voting, as many residents at once,
    /// and report throughput and latency percentiles. Creates and signs in the residents
    /// it needs (through the API) before the timed part.
    Ballots(BallotsLoadArgs),
    /// Cast sealed ballots in a new process with secret ballots through the whole path
    /// (credential check, seal check, log append, durable commit, receipt), as many at
    /// once, and report ballots per second and latency percentiles. Sets the process up
    /// through the API (its official is its one trustee), creates and signs in the
    /// residents, obtains their credentials and seals every ballot before the timed part.
    SealedBallots(SealedBallotsLoadArgs),
    /// Run complete OpenID Connect authorization code flows (authorize with a signed-in
    /// resident's session, token, userinfo), checking every answer, and report flows per
    /// second and latency percentiles of each step. Registers the client service, creates
    /// and signs in the residents and gives their consent (through the consent form)
    /// before the timed part. Any error fails the run.
    Oidc(OidcLoadArgs),
    /// Sign residents in with their password through the API, as many at once, and
    /// measure raw Argon2id hashes per second at the server's cost in the same run (before
    /// and after), reporting sign-ins per second as a fraction of it.
    SignIn(SignInLoadArgs),
    /// Sign residents in with a passkey through the API (a whole WebAuthn ceremony each,
    /// by a software authenticator) and report sign-ins per second and latency
    /// percentiles. Registers one passkey per resident before the timed part.
    Passkey(PasskeyLoadArgs),
}

/// What every identity load tool needs: servers, admin, residents, concurrency, limits.
#[derive(Debug, Args, Clone)]
pub struct IdentityLoadArgs {
    /// Base URL of a civis server; repeat to spread the residents over several servers
    /// sharing one database (each resident's requests go to one server).
    #[arg(
        long = "url",
        value_name = "URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub urls: Vec<String>,
    /// Number of residents (created through the API when missing).
    #[arg(long, default_value_t = 50)]
    pub residents: u32,
    /// Requests (flows, sign-ins) in flight at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: u32,
    /// Run for this many seconds instead of a fixed count.
    #[arg(long, value_name = "SECONDS")]
    pub duration: Option<f64>,
    /// Admin account that creates the residents (the demo's by default).
    #[arg(long, default_value = "admin")]
    pub admin_user: String,
    /// Its password (the demo's by default).
    #[arg(long, default_value = crate::demo::DEMO_PASSWORD)]
    pub admin_password: String,
    /// Prefix of the residents' usernames (`<prefix>00001`, …).
    #[arg(long, default_value = "loadresident")]
    pub resident_prefix: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `civis loadtest oidc`.
#[derive(Debug, Args, Clone)]
pub struct OidcLoadArgs {
    /// Servers, residents, concurrency.
    #[command(flatten)]
    pub common: IdentityLoadArgs,
    /// Complete flows to run (unless `--duration` is given).
    #[arg(long, default_value_t = 2000)]
    pub flows: u32,
    /// Use this registered confidential client service (with `--client-secret`) instead
    /// of registering `civis-loadtest`; it must allow the redirect URI `--redirect-uri`.
    #[arg(long, requires = "client_secret")]
    pub client_id: Option<String>,
    /// The secret of `--client-id`.
    #[arg(long, requires = "client_id")]
    pub client_secret: Option<String>,
    /// The redirect URI the flows use (nothing needs to listen there).
    #[arg(long, default_value = "http://127.0.0.1/civis-loadtest/callback")]
    pub redirect_uri: String,
    /// How the registered `civis-loadtest` service has its ID tokens signed: `RS256`
    /// (OpenID Connect's default) or `ES256`.
    #[arg(long, default_value = "RS256", value_parser = ["RS256", "ES256"])]
    pub id_token_alg: String,
}

/// `civis loadtest sign-in`.
#[derive(Debug, Args, Clone)]
pub struct SignInLoadArgs {
    /// Servers, residents, concurrency.
    #[command(flatten)]
    pub common: IdentityLoadArgs,
    /// Sign-ins to run (unless `--duration` is given).
    #[arg(long, default_value_t = 500)]
    pub sign_ins: u32,
    /// Seconds of raw Argon2id hashing before and after the sign-ins (0: none); with
    /// `--slices`, twice this in all, spread over the gaps around the slices.
    #[arg(long, default_value_t = 5.0)]
    pub hash_seconds: f64,
    /// Run the sign-ins in this many slices, with raw hashing before, between and
    /// after them, so that a drift in the machine's speed weighs on both alike.
    #[arg(long, default_value_t = 1)]
    pub slices: u32,
    /// Process id of a server on this machine (repeatable): its CPU time during the
    /// sign-ins is set against the CPU time of a raw hash.
    #[arg(long = "server-pid", value_name = "PID")]
    pub server_pids: Vec<u32>,
}

/// `civis loadtest passkey`.
#[derive(Debug, Args, Clone)]
pub struct PasskeyLoadArgs {
    /// Servers, residents, concurrency.
    #[command(flatten)]
    pub common: IdentityLoadArgs,
    /// Sign-ins to run (unless `--duration` is given).
    #[arg(long, default_value_t = 1000)]
    pub sign_ins: u32,
}

/// `civis loadtest ballots`.
#[derive(Debug, Args, Clone)]
pub struct BallotsLoadArgs {
    /// Base URL of a civis server; repeat to spread the voters over several servers
    /// sharing one database.
    #[arg(
        long = "url",
        value_name = "URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub urls: Vec<String>,
    /// Number of residents who vote.
    #[arg(long, default_value_t = 100)]
    pub voters: u32,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: u32,
    /// Ballots each resident casts (each replaces the previous one).
    #[arg(long, default_value_t = 1)]
    pub ballots_per_voter: u32,
    /// Timed runs with the same signed-in voters; with more than one, the figures
    /// printed are the medians (errors and ballots are summed) and `--json` adds `runs`.
    #[arg(long, default_value_t = 1)]
    pub runs: u32,
    /// The process to vote in (default: the first one in its voting phase).
    #[arg(long)]
    pub process: Option<i64>,
    /// Admin account that creates the residents (the demo's by default).
    #[arg(long, default_value = "admin")]
    pub admin_user: String,
    /// Its password (the demo's by default).
    #[arg(long, default_value = crate::demo::DEMO_PASSWORD)]
    pub admin_password: String,
    /// Prefix of the residents' usernames (`<prefix>00001`, …).
    #[arg(long, default_value = "loadvoter")]
    pub voter_prefix: String,
    /// Seed of the random ballots (the same seed gives the same ballots).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `civis loadtest sealed-ballots`.
#[derive(Debug, Args, Clone)]
pub struct SealedBallotsLoadArgs {
    /// Base URL of a civis server; repeat to spread the voters over several servers
    /// sharing one database (the process is set up on the first).
    #[arg(
        long = "url",
        value_name = "URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub urls: Vec<String>,
    /// Number of residents who vote (one credential each).
    #[arg(long, default_value_t = 100)]
    pub voters: u32,
    /// Submissions in flight at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: u32,
    /// Submissions per resident and run (seq 1, 2, … under one credential; each
    /// replaces the previous one).
    #[arg(long, default_value_t = 1)]
    pub ballots_per_voter: u32,
    /// Timed runs in the same process (later runs continue the voters' seq); with more
    /// than one, the figures printed are the medians and `--json` adds `runs`.
    #[arg(long, default_value_t = 1)]
    pub runs: u32,
    /// Seconds between the new process's phases (proposals, support, review, voting).
    #[arg(long, default_value_t = 2)]
    pub phase_seconds: u64,
    /// Admin account that creates the official and the residents (the demo's by default).
    #[arg(long, default_value = "admin")]
    pub admin_user: String,
    /// Its password (the demo's by default).
    #[arg(long, default_value = crate::demo::DEMO_PASSWORD)]
    pub admin_password: String,
    /// The official who creates the process and is its trustee (created when missing,
    /// with the residents' password).
    #[arg(long, default_value = "loadofficial")]
    pub official_user: String,
    /// Prefix of the residents' usernames (`<prefix>00001`, …).
    #[arg(long, default_value = "loadvoter")]
    pub voter_prefix: String,
    /// Seed of the random ballots' contents.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `civis pb`.
#[derive(Debug, Args)]
pub struct PbArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: PbCommand,
}

/// The `civis pb` subcommands: the engine's file tools and the process simulation.
#[derive(Debug, Subcommand)]
pub enum PbCommand {
    /// The Pabulib file tools (tally, check, explain, stats, convert).
    #[command(flatten)]
    Files(civis_pb_cli::PbCommand),
    /// Run a whole participatory budget end to end through the HTTP API of a real
    /// server started in this process, and time each stage.
    ///
    /// An official creates the process, residents are registered, propose projects
    /// that the official accepts, sign in and vote (some change their ballot, some
    /// send invalid submissions that must be refused) and the voting closes.
    ///
    /// With secret ballots (--ballots secret, the default) officials are named
    /// trustees and make the election key (as civis trustee keygen and deal
    /// do); every resident obtains an anonymous credential and casts a sealed ballot
    /// without a session, checking the receipt; checkpoints of the ballot log are kept
    /// during voting; after the close k trustees reveal their shares, the last of
    /// which counts the ballots and publishes the record, which is fetched into --out
    /// (with the checkpoints under log/checkpoints/) and checked with civis-verify's
    /// checks: civis-verify DIR checks it again. With open ballots (--ballots
    /// open) ballots are tied to accounts, the official publishes the results and the
    /// exports are fetched.
    ///
    /// Everything goes through the HTTP API except registration: the residents are
    /// written in bulk through the store. Their stored password hash is an Argon2id
    /// PHC string at a lower cost profile used only here (m=1024 KiB, t=1, p=1; the
    /// server verifies at the cost a stored hash names), so signing 100,000 residents
    /// in does not take 40 minutes of hashing; a sample of residents has a hash at the
    /// production cost (OWASP: m=19456 KiB, t=2, p=1) and their sign-in throughput is
    /// reported separately.
    Simulate(SimulateArgs),
}

/// `civis pb simulate`.
#[derive(Debug, Args, Clone)]
pub struct SimulateArgs {
    /// Residents who vote.
    #[arg(long, default_value_t = 10_000)]
    pub voters: u32,
    /// Projects on the ballot (proposed by residents, accepted by the official).
    #[arg(long, default_value_t = 50)]
    pub projects: u32,
    /// Write the report, the results and, with secret ballots, the published record
    /// (a directory without a log/ yet) or, with open ballots, the exports (Pabulib,
    /// CSV, JSON) here.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Secret, verifiable ballots (credentials, sealed ballots, trustees, a published
    /// record) or open ballots tied to accounts.
    #[arg(long, value_enum, default_value = "secret")]
    pub ballots: BallotMode,
    /// With secret ballots: K of N trustees, one official each (K must reveal their
    /// shares to count).
    #[arg(long, value_name = "K/N", default_value = "2/3")]
    pub trustees: TrusteeCount,
    /// Database to run on (e.g. postgres://…); a fresh SQLite file in a temporary
    /// directory by default.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Requests in flight at once (voters at once).
    #[arg(long, default_value_t = 32)]
    pub concurrency: u32,
    /// Residents signed in at the production Argon2id cost, to measure its throughput.
    #[arg(long, default_value_t = 100)]
    pub full_cost_sample: u32,
    /// Seed of the random costs and ballots.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// How `civis pb simulate` votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BallotMode {
    /// Secret, verifiable ballots.
    Secret,
    /// Ballots tied to accounts.
    Open,
}

/// `--trustees K/N`: the threshold and the number of trustees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrusteeCount {
    /// Trustees who must reveal their shares.
    pub k: u32,
    /// Trustees.
    pub n: u32,
}

impl std::str::FromStr for TrusteeCount {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("{s:?} is not K/N (e.g. 2/3)"))?;
        let number = |x: &str| {
            x.trim()
                .parse::<u32>()
                .map_err(|_| format!("{x:?} in {s:?} is not a number"))
        };
        let (k, n) = (number(k)?, number(n)?);
        if k == 0 || k > n {
            return Err(format!("in {s:?} K must be between 1 and N"));
        }
        Ok(TrusteeCount { k, n })
    }
}
