//! `civis demo`: a demo city with seeded accounts, ready to click through.

use std::sync::Arc;

use anyhow::Context as _;
use civis_domain::{DisplayName, PasswordHash, Role, Username};
use civis_store::{Change, NewUser, Store, UserFilter};

use crate::cli::DemoArgs;
use crate::config::{self, Layer, LogFormat};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "civis-demo-password";

const FIRST: [&str; 20] = [
    "Ada", "Bruno", "Carmen", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    "Kaisa", "Luis", "Maarja", "Nadia", "Oskar", "Paula", "Rasmus", "Sofia", "Tiit", "Vera",
];
const LAST: [&str; 15] = [
    "Tamm", "García", "Saar", "Novak", "Kask", "López", "Mets", "Rossi", "Ilves", "Silva", "Lepp",
    "Moreno", "Kuusk", "Weber", "Pärn",
];

/// Runs the demo server, seeding the database on first start.
pub async fn run(args: DemoArgs, log_format: Option<LogFormat>) -> anyhow::Result<()> {
    // The demo relaxes the credential policy (officials and admins may sign in with the
    // demo password), unless civis.toml or CIVIS_AUTH_PASSKEY_REQUIRED_FOR says otherwise.
    let defaults = Layer {
        auth: Some(config::AuthLayer {
            passkey_required_for: Some(Vec::new()),
            reauth_minutes: None,
        }),
        ..Layer::default()
    };
    let settings = crate::serve::settings(defaults, &args.server, log_format, false)?;
    crate::logging::init_demo(settings.log_format);
    ensure_sqlite_dir(&settings.database_url)?;
    let store = crate::serve::open_store(&settings.database_url).await?;
    let created = seed(&store, args.residents).await?;
    let now = civis_web::auth::session::wall_clock_now();
    let budgets = match crate::demo_pb::seed(&store, now).await {
        Ok(seeded) => seeded,
        Err(e) => {
            eprintln!("civis demo: could not seed the participatory budgets: {e:#}");
            None
        }
    };
    let register = match crate::demo_register::seed(&store, now).await {
        Ok(seeded) => seeded,
        Err(e) => {
            eprintln!("civis demo: could not seed the resident register: {e:#}");
            None
        }
    };
    let voting = first_voting_process(&store, now).await;
    let clinic = match crate::demo_clinic::prepare(&store, &settings, now).await {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("civis demo: the demo clinic is not started: {e:#}");
            None
        }
    };
    let clinic_url = clinic.as_ref().map(|c| c.url.clone());
    let clinic_task = clinic.map(crate::demo_clinic::Clinic::spawn);
    let residents = args.residents;
    let database = config::redact_url(&settings.database_url);
    let banner = Banner {
        database,
        created,
        residents,
        budgets,
        voting,
        clinic: clinic_url,
        passkey_required_for: settings.passkey_required_for.clone(),
    };
    let served = crate::serve::serve_until_signal(&settings, store, move |addr| {
        print_banner(addr, &banner);
        print_register_banner(addr, register);
    })
    .await;
    if let Some(task) = clinic_task {
        task.abort();
    }
    served
}

/// What the banner tells besides the address.
struct Banner {
    database: String,
    created: bool,
    residents: u32,
    budgets: Option<crate::demo_pb::Seeded>,
    voting: Option<civis_budget::ProcessId>,
    clinic: Option<String>,
    passkey_required_for: Vec<Role>,
}

/// The process that is open for voting now, if any (seeded now or on an earlier start).
async fn first_voting_process(
    store: &Arc<dyn Store>,
    now: civis_domain::Timestamp,
) -> Option<civis_budget::ProcessId> {
    let processes = store.list_processes().await.ok()?;
    processes
        .iter()
        .find(|p| p.phase_at(now) == civis_budget::Phase::Voting)
        .map(|p| p.id)
}

/// Tells the person at the terminal where the demo is and how to sign in.
fn print_banner(addr: std::net::SocketAddr, b: &Banner) {
    let Banner {
        database,
        created,
        residents,
        budgets,
        voting,
        clinic,
        passkey_required_for,
    } = b;
    let (created, residents, budgets, voting) = (*created, *residents, *budgets, *voting);
    let url = format!("http://{addr}");
    println!();
    println!("civis demo city is running at {url}");
    println!("  database: {database}");
    if created {
        println!("  seeded: 1 admin, 1 official, 1 auditor, {residents} residents");
    } else {
        println!("  reusing the existing demo data");
    }
    if let Some(b) = budgets {
        println!(
            "  seeded: a participatory budget in its voting phase and a finished one ({} ballots, results at {url}/processes/{}/results)",
            b.ballots, b.finished
        );
    }
    if let Some(id) = voting {
        println!("  vote now: {url}/processes/{id}/vote (sign in as resident001)");
    }
    if let Some(clinic) = clinic {
        println!(
            "  demo service: {} at {clinic} (\"Sign in with civis\" there, as a resident)",
            crate::demo_clinic::NAME
        );
    }
    println!("  sign in with any of these (password: {DEMO_PASSWORD}):");
    println!("    admin     (admin: accounts and roles)");
    println!("    official  (official: runs participatory budgets)");
    println!("    auditor   (auditor: reads everything, including the audit log)");
    println!(
        "    resident001 … resident{:03} (residents)",
        residents.max(1)
    );
    if passkey_required_for.is_empty() {
        println!(
            "  passkeys: not required in the demo (civis serve requires them of officials and admins);"
        );
        println!("    add one at {url}/account/security, or start with CIVIS_AUTH_PASSKEY_REQUIRED_FOR=official,admin to try the policy");
    } else {
        let roles: Vec<&str> = passkey_required_for.iter().map(|r| r.as_str()).collect();
        println!(
            "  passkeys: required of {} (add one at {url}/account/security; until then they act as residents)",
            roles.join(", ")
        );
    }
    println!("  stop with Ctrl-C");
    println!();
}

/// Tells where the resident register and enrolment are.
fn print_register_banner(addr: std::net::SocketAddr, seeded: Option<crate::demo_register::Seeded>) {
    let url = format!("http://{addr}");
    if let Some(s) = seeded {
        println!(
            "  seeded: a resident register of {} records, {} demo residents linked to it",
            s.records, s.linked
        );
    }
    println!("  identity: {url}/identity (resident001 is verified in person; resident031 … resident040 can enrol)");
    println!("  register: {url}/admin/register and {url}/admin/enrolment (sign in as official)");
    println!("  SMS codes are not sent: the demo writes them to this terminal's log");
    println!();
}

/// Creates the directory of a relative or absolute SQLite file path, so the default
/// `./civis-data` works on first start.
fn ensure_sqlite_dir(url: &str) -> anyhow::Result<()> {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Ok(());
    };
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(dir) = std::path::Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
    }
    Ok(())
}

/// Seeds the demo city unless accounts exist already. Returns whether it seeded.
/// The demo password is hashed once and the hash is reused for every account.
pub async fn seed(store: &Arc<dyn Store>, residents: u32) -> anyhow::Result<bool> {
    if store.count_users(UserFilter::default()).await? > 0 {
        return Ok(false);
    }
    let hash =
        tokio::task::spawn_blocking(|| civis_web::auth::password::hash_blocking(DEMO_PASSWORD))
            .await??;
    let hash = PasswordHash::new(hash);
    let now = civis_web::auth::session::wall_clock_now();
    let mut users = vec![
        demo_user("admin", "Demo Admin", Role::Admin, &hash)?,
        demo_user("official", "Demo Official", Role::Official, &hash)?,
        demo_user("auditor", "Demo Auditor", Role::Auditor, &hash)?,
    ];
    for i in 1..=residents {
        let idx = usize::try_from(i).unwrap_or(0);
        let name = format!(
            "{} {}",
            FIRST[idx % FIRST.len()],
            LAST[(idx / FIRST.len() + idx) % LAST.len()]
        );
        users.push(demo_user(
            &format!("resident{i:03}"),
            &name,
            Role::Resident,
            &hash,
        )?);
    }
    for user in &users {
        store
            .create_user(user, Change::system(now))
            .await
            .map_err(|e| anyhow::anyhow!("seeding the demo accounts failed: {}", e.log_detail()))?;
    }
    Ok(true)
}

fn demo_user(
    username: &str,
    display_name: &str,
    role: Role,
    hash: &PasswordHash,
) -> anyhow::Result<NewUser> {
    Ok(NewUser {
        username: Username::parse(username)?,
        display_name: DisplayName::parse(display_name)?,
        role,
        password_hash: Some(hash.clone()),
    })
}
