//! Settings of `civis serve` and `civis demo`, layered: built-in defaults, then the config
//! file (`civis.toml`, or `--config PATH`), then `CIVIS_*` environment variables, then
//! command-line flags. Each layer overrides only what it sets.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Deserialize;

/// The default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// The default database: a SQLite file in `./civis-data`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://civis-data/civis.sqlite3";
/// The config file read from the working directory when `--config` is not given.
pub const DEFAULT_CONFIG_FILE: &str = "civis.toml";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// The resolved settings.
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Database URL (`sqlite://…` or `postgres://…`); may hold a password.
    pub database_url: String,
    /// URL at which users reach the server; defaults to `http://<listen>`.
    pub public_url: String,
    /// Log line format.
    pub log_format: LogFormat,
    /// Trust `X-Forwarded-For` from a reverse proxy.
    pub trust_forwarded_for: bool,
    /// A new OpenID Connect signing key every this many days (`[oidc] key_rotation_days`).
    pub oidc_key_rotation_days: i64,
    /// The public audit log's signer key (`[audit_log] signing_key`); a secret.
    /// `None`: one is generated on first use and kept in the database.
    pub audit_log_signing_key: Option<String>,
    /// Roles that must sign in with a passkey to use their role
    /// (`[auth] passkey_required_for`; default official and admin).
    pub passkey_required_for: Vec<civis_domain::Role>,
    /// Minutes after an authentication within which a credential may be removed
    /// (`[auth] reauth_minutes`; default 10).
    pub reauth_minutes: i64,
    /// How long a recovery code issued by an official works, in hours
    /// (`recovery_code_ttl_hours`, default 24).
    pub recovery_code_ttl_hours: i64,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("log_format", &self.log_format)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("oidc_key_rotation_days", &self.oidc_key_rotation_days)
            .field("passkey_required_for", &self.passkey_required_for)
            .field("reauth_minutes", &self.reauth_minutes)
            .field("recovery_code_ttl_hours", &self.recovery_code_ttl_hours)
            .field(
                "audit_log_signing_key",
                &self.audit_log_signing_key.as_ref().map(|_| "<secret>"),
            )
            .finish()
    }
}

/// One layer of settings: every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Address to listen on.
    pub listen: Option<String>,
    /// Database URL.
    pub database_url: Option<String>,
    /// Public URL.
    pub public_url: Option<String>,
    /// Log format.
    pub log_format: Option<LogFormat>,
    /// Trust `X-Forwarded-For`.
    pub trust_forwarded_for: Option<bool>,
    /// The `[oidc]` table.
    pub oidc: Option<OidcLayer>,
    /// The `[audit_log]` table.
    pub audit_log: Option<AuditLogLayer>,
    /// The `[auth]` table.
    pub auth: Option<AuthLayer>,
    /// Recovery codes work this many hours.
    pub recovery_code_ttl_hours: Option<i64>,
}

/// The `[auth]` table of the config file: the credential policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthLayer {
    /// Role names (`official`, `admin`, …) that must sign in with a passkey; `[]` for none.
    pub passkey_required_for: Option<Vec<String>>,
    /// Minutes after an authentication within which a credential may be removed.
    pub reauth_minutes: Option<i64>,
}

/// The `[audit_log]` table of the config file.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditLogLayer {
    /// The log's note signer key, `PRIVATE+KEY+<name>+<id>+<key>`.
    pub signing_key: Option<String>,
}

impl std::fmt::Debug for AuditLogLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLogLayer")
            .field(
                "signing_key",
                &self.signing_key.as_ref().map(|_| "<secret>"),
            )
            .finish()
    }
}

/// The `[oidc]` table of the config file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcLayer {
    /// A new signing key every this many days.
    pub key_rotation_days: Option<i64>,
}

impl Layer {
    /// Values from `CIVIS_LISTEN`, `CIVIS_DATABASE_URL`, `CIVIS_PUBLIC_URL`,
    /// `CIVIS_LOG_FORMAT`, `CIVIS_TRUST_FORWARDED_FOR`,
    /// `CIVIS_OIDC_KEY_ROTATION_DAYS`, `CIVIS_AUDIT_LOG_SIGNING_KEY`,
    /// `CIVIS_AUTH_PASSKEY_REQUIRED_FOR` (role names separated by commas; empty for none) and
    /// `CIVIS_AUTH_REAUTH_MINUTES`, and `CIVIS_RECOVERY_CODE_TTL_HOURS`, read through `var`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let log_format = match var("CIVIS_LOG_FORMAT") {
            Some(v) => Some(match v.as_str() {
                "human" => LogFormat::Human,
                "json" => LogFormat::Json,
                other => {
                    anyhow::bail!("CIVIS_LOG_FORMAT must be `human` or `json` (got {other:?})")
                }
            }),
            None => None,
        };
        let trust_forwarded_for = match var("CIVIS_TRUST_FORWARDED_FOR") {
            Some(v) => Some(match v.as_str() {
                "1" | "true" => true,
                "0" | "false" => false,
                other => {
                    anyhow::bail!("CIVIS_TRUST_FORWARDED_FOR must be true or false (got {other:?})")
                }
            }),
            None => None,
        };
        let oidc_key_rotation_days = match var("CIVIS_OIDC_KEY_ROTATION_DAYS") {
            Some(v) => Some(v.parse::<i64>().ok().filter(|d| *d >= 1).with_context(|| {
                format!("CIVIS_OIDC_KEY_ROTATION_DAYS must be a whole number of days, at least 1 (got {v:?})")
            })?),
            None => None,
        };
        let reauth_minutes = match var("CIVIS_AUTH_REAUTH_MINUTES") {
            Some(v) => Some(v.parse::<i64>().ok().filter(|m| *m >= 1).with_context(|| {
                format!("CIVIS_AUTH_REAUTH_MINUTES must be a whole number of minutes, at least 1 (got {v:?})")
            })?),
            None => None,
        };
        let passkey_required_for = var("CIVIS_AUTH_PASSKEY_REQUIRED_FOR").map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        });
        let auth =
            (reauth_minutes.is_some() || passkey_required_for.is_some()).then_some(AuthLayer {
                passkey_required_for,
                reauth_minutes,
            });
        let recovery_code_ttl_hours = match var("CIVIS_RECOVERY_CODE_TTL_HOURS") {
            Some(v) => Some(v.parse::<i64>().ok().filter(|h| *h >= 1).with_context(|| {
                format!("CIVIS_RECOVERY_CODE_TTL_HOURS must be a whole number of hours, at least 1 (got {v:?})")
            })?),
            None => None,
        };
        Ok(Self {
            auth,
            recovery_code_ttl_hours,
            oidc: oidc_key_rotation_days.map(|d| OidcLayer {
                key_rotation_days: Some(d),
            }),
            audit_log: var("CIVIS_AUDIT_LOG_SIGNING_KEY").map(|k| AuditLogLayer {
                signing_key: Some(k),
            }),
            listen: var("CIVIS_LISTEN"),
            database_url: var("CIVIS_DATABASE_URL"),
            public_url: var("CIVIS_PUBLIC_URL"),
            log_format,
            trust_forwarded_for,
        })
    }

    /// Values from a TOML config file.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }

    /// `self` with the fields that `over` sets replaced.
    pub fn overridden_by(self, over: Layer) -> Layer {
        Layer {
            listen: over.listen.or(self.listen),
            database_url: over.database_url.or(self.database_url),
            public_url: over.public_url.or(self.public_url),
            log_format: over.log_format.or(self.log_format),
            trust_forwarded_for: over.trust_forwarded_for.or(self.trust_forwarded_for),
            recovery_code_ttl_hours: over
                .recovery_code_ttl_hours
                .or(self.recovery_code_ttl_hours),
            oidc: Some(OidcLayer {
                key_rotation_days: over
                    .oidc
                    .and_then(|o| o.key_rotation_days)
                    .or(self.oidc.and_then(|o| o.key_rotation_days)),
            }),
            audit_log: Some(AuditLogLayer {
                signing_key: over
                    .audit_log
                    .and_then(|l| l.signing_key)
                    .or(self.audit_log.and_then(|l| l.signing_key)),
            }),
            auth: {
                let (over, under) = (over.auth.unwrap_or_default(), self.auth.unwrap_or_default());
                Some(AuthLayer {
                    passkey_required_for: over.passkey_required_for.or(under.passkey_required_for),
                    reauth_minutes: over.reauth_minutes.or(under.reauth_minutes),
                })
            },
        }
    }
}

/// The config file to read: `explicit` (from `--config` or `CIVIS_CONFIG`) must exist;
/// otherwise `civis.toml` in `cwd` is read if present.
pub fn config_file(explicit: Option<PathBuf>, cwd: &Path) -> Option<PathBuf> {
    explicit.or_else(|| {
        let p = cwd.join(DEFAULT_CONFIG_FILE);
        p.is_file().then_some(p)
    })
}

/// Resolves the layers (defaults < file < env < flags) into settings.
pub fn resolve(defaults: Layer, file: Layer, env: Layer, flags: Layer) -> anyhow::Result<Settings> {
    let merged = defaults
        .overridden_by(file)
        .overridden_by(env)
        .overridden_by(flags);
    let listen_text = merged.listen.unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
    let listen: SocketAddr = listen_text.parse().with_context(|| {
        format!("listen address must look like 127.0.0.1:8080 (got {listen_text:?})")
    })?;
    let public_url = merged
        .public_url
        .unwrap_or_else(|| format!("http://{listen}"))
        .trim_end_matches('/')
        .to_owned();
    let auth = merged.auth.unwrap_or_default();
    let passkey_required_for = match auth.passkey_required_for {
        None => vec![civis_domain::Role::Official, civis_domain::Role::Admin],
        Some(names) => names
            .iter()
            .map(|n| civis_domain::Role::parse(n))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!("auth.passkey_required_for: {e}"))?,
    };
    let reauth_minutes = match auth.reauth_minutes {
        None => 10,
        Some(m) if m >= 1 => m,
        Some(m) => anyhow::bail!("auth.reauth_minutes must be at least 1 (got {m})"),
    };
    Ok(Settings {
        passkey_required_for,
        reauth_minutes,
        listen,
        database_url: merged
            .database_url
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        public_url,
        log_format: merged.log_format.unwrap_or_default(),
        trust_forwarded_for: merged.trust_forwarded_for.unwrap_or(false),
        oidc_key_rotation_days: match merged.oidc.and_then(|o| o.key_rotation_days) {
            None => 30,
            Some(d) if d >= 1 => d,
            Some(d) => anyhow::bail!("oidc.key_rotation_days must be at least 1 (got {d})"),
        },
        recovery_code_ttl_hours: match merged.recovery_code_ttl_hours {
            None => 24,
            Some(h) if (1..=24 * 30).contains(&h) => h,
            Some(h) => anyhow::bail!("recovery_code_ttl_hours must be 1 to 720 (got {h})"),
        },
        audit_log_signing_key: match merged.audit_log.and_then(|l| l.signing_key) {
            None => None,
            Some(key) => {
                civis_tlog::NoteSigner::parse(&key).map_err(|e| {
                    anyhow::anyhow!(
                        "audit_log.signing_key must be a note signer key \
                         PRIVATE+KEY+<name>+<id>+<key> ({e})"
                    )
                })?;
                Some(key)
            }
        },
    })
}

/// `url` with any password replaced by `***`, safe to print and log.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return redact_query(url);
    };
    let user = match userinfo.split_once(':') {
        Some((user, _password)) => format!("{user}:***"),
        None => userinfo.to_owned(),
    };
    redact_query(&format!("{scheme}://{user}@{host}{tail}"))
}

/// Replaces `password=` query parameters.
fn redact_query(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => kv.to_owned(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn layer(listen: Option<&str>, db: Option<&str>) -> Layer {
        Layer {
            listen: listen.map(str::to_owned),
            database_url: db.map(str::to_owned),
            ..Layer::default()
        }
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s = resolve(
            Layer::default(),
            Layer::default(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        assert_eq!(s.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(s.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
        assert_eq!(s.log_format, LogFormat::Human);
    }

    #[test]
    fn audit_log_key_from_file_or_env_checked_and_redacted() {
        let key = civis_tlog::NoteSigner::generate("civis.example/log/audit")
            .unwrap()
            .encode();
        let file: Layer =
            toml::from_str(&format!("[audit_log]\nsigning_key = \"{key}\"\n")).unwrap();
        let s = resolve(Layer::default(), file, Layer::default(), Layer::default()).unwrap();
        assert_eq!(s.audit_log_signing_key.as_deref(), Some(key.as_str()));
        assert!(!format!("{s:?}").contains("PRIVATE"));
        let env = Layer::from_env(|name| {
            (name == "CIVIS_AUDIT_LOG_SIGNING_KEY").then(|| "PRIVATE+KEY+bad".to_owned())
        })
        .unwrap();
        let err = resolve(Layer::default(), Layer::default(), env, Layer::default()).unwrap_err();
        assert!(err.to_string().contains("audit_log.signing_key"), "{err}");
        assert!(!err.to_string().contains("PRIVATE+KEY+bad"), "{err}");
        let none = resolve(
            Layer::default(),
            Layer::default(),
            Layer::default(),
            Layer::default(),
        );
        assert_eq!(none.unwrap().audit_log_signing_key, None);
    }

    #[test]
    fn credential_policy_defaults_to_officials_and_admins_and_is_layered() {
        let s = resolve(
            Layer::default(),
            Layer::default(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        use civis_domain::Role;
        assert_eq!(s.passkey_required_for, vec![Role::Official, Role::Admin]);
        assert_eq!(s.reauth_minutes, 10);
        let file: Layer =
            toml::from_str("[auth]\npasskey_required_for = []\nreauth_minutes = 5\n").unwrap();
        let s = resolve(
            Layer::default(),
            file.clone(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        assert!(s.passkey_required_for.is_empty());
        assert_eq!(s.reauth_minutes, 5);
        let env = Layer::from_env(|k| {
            (k == "CIVIS_AUTH_PASSKEY_REQUIRED_FOR").then(|| "admin, auditor".to_owned())
        })
        .unwrap();
        let s = resolve(Layer::default(), file, env, Layer::default()).unwrap();
        assert_eq!(s.passkey_required_for, vec![Role::Admin, Role::Auditor]);
        assert_eq!(s.reauth_minutes, 5, "the file's minutes stay");
        let bad: Layer = toml::from_str("[auth]\npasskey_required_for = [\"mayor\"]\n").unwrap();
        let err = resolve(Layer::default(), bad, Layer::default(), Layer::default()).unwrap_err();
        assert!(err.to_string().contains("mayor"), "{err}");
        assert!(
            Layer::from_env(|k| (k == "CIVIS_AUTH_REAUTH_MINUTES").then(|| "0".to_owned()))
                .is_err()
        );
    }

    #[test]
    fn file_overrides_defaults_env_overrides_file_flags_override_env() {
        let file = layer(Some("127.0.0.1:1001"), Some("sqlite://file.db"));
        let env = layer(Some("127.0.0.1:1002"), None);
        let flags = layer(None, Some("sqlite://flag.db"));
        let s = resolve(Layer::default(), file.clone(), env.clone(), flags).unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:1002", "env beats file");
        assert_eq!(s.database_url, "sqlite://flag.db", "flag beats file");
        let s = resolve(
            Layer::default(),
            file.clone(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:1001", "file beats default");
        let s = resolve(
            Layer::default(),
            file,
            env,
            layer(Some("127.0.0.1:1003"), None),
        )
        .unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:1003", "flag beats env");
    }

    #[test]
    fn env_layer_reads_civis_variables() {
        let vars: HashMap<&str, &str> = [
            ("CIVIS_LISTEN", "0.0.0.0:9000"),
            ("CIVIS_LOG_FORMAT", "json"),
            ("CIVIS_PUBLIC_URL", "https://civis.example/"),
            ("CIVIS_TRUST_FORWARDED_FOR", "true"),
        ]
        .into_iter()
        .collect();
        let env = Layer::from_env(|k| vars.get(k).map(|v| (*v).to_owned())).unwrap();
        let s = resolve(Layer::default(), Layer::default(), env, Layer::default()).unwrap();
        assert_eq!(s.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(s.log_format, LogFormat::Json);
        assert_eq!(s.public_url, "https://civis.example");
        assert!(s.trust_forwarded_for);
        assert!(Layer::from_env(|k| (k == "CIVIS_LOG_FORMAT").then(|| "xml".to_owned())).is_err());
    }

    #[test]
    fn file_layer_parses_toml_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("civis.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:7000\"\nlog_format = \"json\"\n",
        )
        .unwrap();
        let file = Layer::from_file(&path).unwrap();
        assert_eq!(file.listen.as_deref(), Some("127.0.0.1:7000"));
        assert_eq!(file.log_format, Some(LogFormat::Json));
        assert_eq!(config_file(None, dir.path()), Some(path.clone()));
        std::fs::write(&path, "lisen = \"x\"\n").unwrap();
        let err = Layer::from_file(&path).unwrap_err();
        assert!(format!("{err:#}").contains("lisen"), "{err:#}");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://civis:s3cret@db.example:5432/civis"),
            "postgres://civis:***@db.example:5432/civis"
        );
        assert_eq!(
            redact_url("postgres://db/civis?user=a&password=s3cret"),
            "postgres://db/civis?user=a&password=***"
        );
        assert_eq!(
            redact_url("sqlite://civis-data/civis.sqlite3"),
            "sqlite://civis-data/civis.sqlite3"
        );
        let s = resolve(
            Layer::default(),
            Layer::default(),
            Layer::default(),
            layer(None, Some("postgres://u:topsecret@h/d")),
        )
        .unwrap();
        assert!(!format!("{s:?}").contains("topsecret"));
    }

    #[test]
    fn oidc_key_rotation_days_from_file_and_env() {
        let file: Layer = toml::from_str("[oidc]\nkey_rotation_days = 7\n").unwrap();
        let s = resolve(
            Layer::default(),
            file.clone(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        assert_eq!(s.oidc_key_rotation_days, 7);
        let env =
            Layer::from_env(|k| (k == "CIVIS_OIDC_KEY_ROTATION_DAYS").then(|| "3".to_owned()))
                .unwrap();
        let s = resolve(Layer::default(), file, env, Layer::default()).unwrap();
        assert_eq!(s.oidc_key_rotation_days, 3);
        let s = resolve(
            Layer::default(),
            Layer::default(),
            Layer::default(),
            Layer::default(),
        )
        .unwrap();
        assert_eq!(s.oidc_key_rotation_days, 30);
        assert!(
            Layer::from_env(|k| (k == "CIVIS_OIDC_KEY_ROTATION_DAYS").then(|| "0".to_owned()))
                .is_err()
        );
        let ttl: Layer = toml::from_str("recovery_code_ttl_hours = 48\n").unwrap();
        let s = resolve(Layer::default(), ttl, Layer::default(), Layer::default()).unwrap();
        assert_eq!(
            (s.recovery_code_ttl_hours, s.oidc_key_rotation_days),
            (48, 30)
        );
        let env =
            Layer::from_env(|k| (k == "CIVIS_RECOVERY_CODE_TTL_HOURS").then(|| "2".to_owned()))
                .unwrap();
        let s = resolve(Layer::default(), Layer::default(), env, Layer::default()).unwrap();
        assert_eq!(s.recovery_code_ttl_hours, 2);
        let none: Layer = toml::from_str("recovery_code_ttl_hours = 0\n").unwrap();
        assert!(resolve(Layer::default(), none, Layer::default(), Layer::default()).is_err());
        let zero: Layer = toml::from_str("[oidc]\nkey_rotation_days = 0\n").unwrap();
        assert!(resolve(Layer::default(), zero, Layer::default(), Layer::default()).is_err());
        assert!(toml::from_str::<Layer>("[oidc]\nrotation = 1\n").is_err());
    }
}
