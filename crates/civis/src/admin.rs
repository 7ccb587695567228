//! `civis admin …`: administrative tasks from the command line.

use std::io::BufRead as _;

use anyhow::Context as _;
use civis_domain::{DisplayName, Password, PasswordHash, Role, Username};
use civis_store::{Change, NewUser};

use crate::cli::{AdminArgs, AdminCommand, AuditLogKeyArgs, CreateUserArgs};
use crate::config::Layer;

/// Runs an admin task.
pub async fn run(args: AdminArgs) -> anyhow::Result<()> {
    match args.command {
        AdminCommand::CreateUser(a) => create_user(a).await,
        AdminCommand::AuditLogKey(a) => {
            print!("{}", audit_log_key(&a)?);
            Ok(())
        }
    }
}

/// `civis admin audit-log-key`: a new Ed25519 key named after the log's origin,
/// as the `[audit_log]` table of `civis.toml`, with its verifier key to publish.
pub fn audit_log_key(args: &AuditLogKeyArgs) -> anyhow::Result<String> {
    let origin = civis_web::tlog::audit_origin(&args.public_url);
    let signer = civis_tlog::NoteSigner::generate(&origin)
        .map_err(|e| anyhow::anyhow!("cannot make a key for {origin:?}: {e}"))?;
    Ok(format!(
        "[audit_log]\n# Secret. Verifier key to publish: {}\nsigning_key = \"{}\"\n",
        signer.verifier().encode(),
        signer.encode()
    ))
}

/// `civis admin create-user`: parses everything, then creates the account; the store
/// records `user.created` (actor: the system) in the same transaction.
async fn create_user(args: CreateUserArgs) -> anyhow::Result<()> {
    let username = Username::parse(&args.username).context("--username")?;
    let role = Role::parse(&args.role).context("--role")?;
    let display_name = DisplayName::parse(args.display_name.as_deref().unwrap_or(&args.username))
        .context("--display-name")?;
    let password_text = read_password(args.password_stdin)?;
    let password = Password::parse(&password_text).context("password")?;
    let settings = crate::serve::settings(Layer::default(), &args.server, None, false)?;
    let store = crate::serve::open_store(&settings.database_url).await?;
    let hash = civis_web::auth::password::hash(password.expose().to_owned()).await?;
    let now = civis_web::auth::session::wall_clock_now();
    let new = NewUser {
        username,
        display_name,
        role,
        password_hash: Some(PasswordHash::new(hash)),
    };
    let result = store.create_user(&new, Change::system(now)).await;
    store.close().await;
    let user = result.map_err(|e| anyhow::anyhow!("cannot create the user: {e}"))?;
    println!(
        "created user {} (id {}, role {})",
        user.username.as_str(),
        user.id,
        user.role
    );
    Ok(())
}

/// The password: first line of stdin with `--password-stdin`, else `CIVIS_ADMIN_PASSWORD`,
/// else a prompt without echo.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from stdin")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if let Ok(p) = std::env::var("CIVIS_ADMIN_PASSWORD") {
        return Ok(p);
    }
    let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
    let second =
        rpassword::prompt_password("Repeat password: ").context("cannot read the password")?;
    anyhow::ensure!(first == second, "the passwords do not match");
    Ok(first)
}
