//! The demo's resident register: 40 records with valid Estonian personal codes
//! for the demo accounts `resident001`–`resident040` (birth date and district
//! from their PB profile when they have one), imported as of the day the demo
//! was seeded. `resident001` is verified in person, `resident002`–`resident020`
//! linked with activation letters and `resident021`–`resident030` with SMS
//! codes, through the same store calls the pages use; `resident031`–`resident040`
//! are in the register but not linked yet, to try enrolment with. The demo
//! `official` holds every register permission.

use std::sync::Arc;

use civis_domain::{Timestamp, User, Username};
use civis_identity::codes::{self, Channel};
use civis_identity::import::parse_file;
use civis_identity::{Date, Isikukood, Permission, PersonalCode};
use civis_store::register::{LinkOutcome, NewEnrolmentCode, NewRegisterImport, RecordLookup};
use civis_store::{Change, Store};

/// Register records seeded.
pub const RECORDS: usize = 40;
/// Accounts linked (the first ones).
pub const LINKED: usize = 30;

/// What was seeded.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    /// Records imported.
    pub records: usize,
    /// Accounts linked.
    pub linked: usize,
}

const STREETS: [&str; 8] = [
    "Pikk",
    "Lai",
    "Vene",
    "Suur-Karja",
    "Narva mnt",
    "Tartu mnt",
    "Pärnu mnt",
    "Kalamaja",
];

async fn user(store: &Arc<dyn Store>, name: &str) -> anyhow::Result<Option<User>> {
    match store.user_by_username(&Username::parse(name)?).await {
        Ok(u) => Ok(Some(u)),
        Err(civis_store::StoreError::NotFound) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("reading {name}: {}", e.log_detail())),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Seeds the register unless it has records already.
pub async fn seed(store: &Arc<dyn Store>, now: Timestamp) -> anyhow::Result<Option<Seeded>> {
    let err =
        |what: &str, e: civis_store::StoreError| anyhow::anyhow!("{what}: {}", e.log_detail());
    if store
        .count_register_records()
        .await
        .map_err(|e| err("counting register records", e))?
        .0
        > 0
    {
        return Ok(None);
    }
    let (Some(admin), Some(official)) =
        (user(store, "admin").await?, user(store, "official").await?)
    else {
        return Ok(None);
    };
    for p in Permission::ALL {
        store
            .grant_register_permission(official.id, p, Change::by(admin.id, now))
            .await
            .map_err(|e| err("granting the demo official", e))?;
    }
    let mut csv = String::from(
        "personal_code,given_name,family_name,birth_date,address,district,phone,status\n",
    );
    let mut accounts = Vec::new();
    for i in 1..=RECORDS {
        let Some(u) = user(store, &format!("resident{i:03}")).await? else {
            break;
        };
        let profile = store
            .resident_profile(u.id)
            .await
            .map_err(|e| err("reading a profile", e))?;
        let birth = profile
            .birth_date
            .as_deref()
            .and_then(|b| Date::parse(b).ok())
            .or_else(|| {
                Date::new(
                    1950 + (i as i32 * 7) % 55,
                    1 + (i as u32 % 12),
                    1 + (i as u32 * 3) % 28,
                )
            })
            .ok_or_else(|| anyhow::anyhow!("no birth date for resident{i:03}"))?;
        let code = Isikukood::make(birth, i % 2 == 0, 200 + i as u16)
            .ok_or_else(|| anyhow::anyhow!("no personal code for {birth}"))?;
        let display = u.display_name.to_string();
        let (given, family) = display
            .split_once(' ')
            .unwrap_or((display.as_str(), "Demo"));
        let district = profile.district.unwrap_or_else(|| "Okęcie".to_owned());
        let address = format!("{} {}, Tallinn", STREETS[i % STREETS.len()], i);
        let phone = if i % 3 == 0 || (21..=30).contains(&i) {
            format!("+3725550{i:04}")
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "{code},{},{},{birth},{},{},{phone},active\n",
            csv_field(given),
            csv_field(family),
            csv_field(&address),
            csv_field(&district)
        ));
        accounts.push((i, u, code));
    }
    if accounts.is_empty() {
        return Ok(None);
    }
    let rows = parse_file(&csv, &Isikukood).map_err(|p| {
        anyhow::anyhow!(
            "the demo register does not validate: {}",
            p.iter()
                .map(|x| format!("line {:?} {}: {}", x.line, x.field, x.reason.english()))
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let import = NewRegisterImport {
        effective_date: Date::of(now),
        file_sha256: civis_web::auth::token::sha256_hex(&csv),
        rows,
    };
    store
        .import_register(&import, Change::by(official.id, now))
        .await
        .map_err(|e| err("importing the demo register", e))?
        .map_err(|p| anyhow::anyhow!("the demo register was refused: {} problems", p.len()))?;
    let mut linked = 0;
    for (i, u, code) in accounts.iter().take(LINKED) {
        let pc = PersonalCode::from_stored(code.clone());
        let Some(record) = store
            .register_record(&RecordLookup::Code(pc))
            .await
            .map_err(|e| err("reading a demo record", e))?
        else {
            continue;
        };
        let outcome = if *i == 1 {
            store
                .link_in_person(u.id, record.id, "id_card", Change::by(official.id, now))
                .await
        } else {
            let channel = if *i <= 20 {
                Channel::Letter
            } else {
                Channel::Sms
            };
            let random: [u8; codes::LETTER_CODE_LEN] = rand::random();
            let one_time = codes::letter_code(&random);
            store
                .issue_enrolment_codes(
                    &[NewEnrolmentCode {
                        record_id: record.id,
                        user_id: (channel == Channel::Sms).then_some(u.id),
                        channel,
                        code_hash: codes::digest(record.id, &one_time),
                        expires_at: codes::expires(channel, now),
                    }],
                    Change::by(official.id, now),
                )
                .await
                .map_err(|e| err("issuing a demo code", e))?;
            store
                .redeem_enrolment_code(
                    u.id,
                    record.id,
                    channel,
                    &codes::digest(record.id, &one_time),
                    Change::by(u.id, now),
                )
                .await
        }
        .map_err(|e| err("linking a demo account", e))?;
        if matches!(outcome, LinkOutcome::Linked(_)) {
            linked += 1;
        }
    }
    Ok(Some(Seeded {
        records: accounts.len(),
        linked,
    }))
}
