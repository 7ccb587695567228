//! Secret ballots leave nothing that links a resident to their credential, on
//! every test database: residents obtain credentials and vote (one re-votes, one
//! replays a submission), one votes without JavaScript (the server seals for
//! her and hands her the voting key), one on paper (an official enters it, under
//! a credential the server makes), the trustee opens the ballots after the
//! close; then
//! every column of every row of the database is read, and every line the
//! server logged at the most verbose level. The credentials' tokens, signatures
//! and randomizers, the voting keys, and each entry's leaf hash, ciphertext,
//! encapsulated key and signature appear (raw, base64 or base64url at any byte
//! offset, with or without padding, hex, or as a list of numbers) only in the
//! ballot log's own tables, in rows that name no account; no row that names a
//! resident (their account, sessions, audit events and the audit log's entries
//! for them, the credential's issuance) holds any of them, and the logs hold
//! none at all. The scan is shown to find the secrets where they belong.

use std::collections::{HashMap, HashSet};

use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use base64::Engine;
use civis_ballot::hpke::HpkePublicKey;
use civis_domain::Role;
use civis_tlog::hash::leaf_hash;
use civis_verify::record::{BallotEntry, Bytes, Cast, Credential};
use serde_json::{json, Value};

use crate::budget_api_fixture::{advance_hours, problem_slug, process_in_review, Caller};
use crate::harness::{databases, TestApp, TestDb};
use crate::log_capture;
use crate::secret_ballot_client::{info, obtain, submit_and_check, submit_raw, Voter};
use crate::secret_ballot_server_seal::{
    cast as cast_without_script, key_of, paper as paper_ballot,
};
use crate::trustee_ceremony as ceremony;

/// A secret value and what it is, for the failure messages.
struct Secret {
    what: String,
    bytes: Vec<u8>,
}

/// The ways a secret could be written down.
struct Forms {
    what: String,
    forms: Vec<(&'static str, Vec<u8>)>,
}

/// The characters of the base64 encoding (alphabet `engine`, no padding) of
/// `bytes` that stand anywhere `bytes` is encoded, at byte offset `offset`
/// (mod 3) of a longer encoded value: the characters made of `bytes`' bits alone.
fn base64_core(engine: &impl Engine, bytes: &[u8], offset: usize) -> Vec<u8> {
    let mut padded = vec![0u8; offset];
    padded.extend_from_slice(bytes);
    let text = engine.encode(&padded);
    let first = (8 * offset).div_ceil(6);
    let last = 8 * (offset + bytes.len()) / 6;
    text.as_bytes()[first..last].to_vec()
}

impl Forms {
    fn of(secret: &Secret) -> Self {
        let b = &secret.bytes;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        let list = format!("{b:?}");
        let list = list.trim_start_matches('[').trim_end_matches(']');
        let mut forms = vec![
            ("raw bytes", b.clone()),
            ("hex", hex.clone().into_bytes()),
            ("HEX", hex.to_uppercase().into_bytes()),
            ("a Rust byte list", list.as_bytes().to_vec()),
            ("a JSON byte array", list.replace(", ", ",").into_bytes()),
        ];
        // Unpadded cores cover the padded forms too.
        for offset in 0..3 {
            forms.push(("base64", base64_core(&STANDARD_NO_PAD, b, offset)));
            forms.push(("base64url", base64_core(&URL_SAFE_NO_PAD, b, offset)));
        }
        Forms {
            what: secret.what.clone(),
            forms,
        }
    }

    /// The first form of the secret found in `hay`.
    fn found_in(&self, hay: &[u8]) -> Option<&'static str> {
        self.forms
            .iter()
            .find(|(_, needle)| contains(hay, needle))
            .map(|(form, _)| *form)
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// One stored row: its table and its columns' values as bytes (blobs and
/// `bytea` as they are, other values in their text form).
#[derive(Debug, Clone)]
struct Row {
    table: String,
    columns: Vec<(String, Option<Vec<u8>>)>,
}

impl Row {
    fn get(&self, column: &str) -> Option<&[u8]> {
        self.columns
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.as_deref())
    }

    fn text(&self, column: &str) -> String {
        String::from_utf8_lossy(self.get(column).unwrap_or_default()).into_owned()
    }
}

/// A foreign key: (table, column) references (table, column).
type ForeignKey = ((String, String), (String, String));

/// Every row of every table, and the foreign keys between them.
async fn dump(db: &TestDb) -> (Vec<Row>, Vec<ForeignKey>) {
    if db.url.starts_with("postgres") {
        dump_postgres(&db.url).await
    } else {
        dump_sqlite(&db.url).await
    }
}

async fn dump_sqlite(url: &str) -> (Vec<Row>, Vec<ForeignKey>) {
    use sqlx::{Connection as _, Row as _};
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let (mut rows, mut fks) = (Vec::new(), Vec::new());
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(&table)
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let keys: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)")
                .bind(&table)
                .fetch_all(&mut conn)
                .await
                .unwrap();
        for (from, to_table, to) in keys {
            fks.push((
                (table.clone(), from),
                (to_table, to.unwrap_or_else(|| "id".to_owned())),
            ));
        }
        let select = columns
            .iter()
            .map(|c| format!("CAST(\"{c}\" AS BLOB)"))
            .collect::<Vec<_>>()
            .join(", ");
        for r in sqlx::query(&format!("SELECT {select} FROM \"{table}\""))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        {
            rows.push(Row {
                table: table.clone(),
                columns: columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.clone(), r.get::<Option<Vec<u8>>, _>(i)))
                    .collect(),
            });
        }
    }
    conn.close().await.unwrap();
    (rows, fks)
}

async fn dump_postgres(url: &str) -> (Vec<Row>, Vec<ForeignKey>) {
    use sqlx::{Connection as _, Row as _};
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let fks: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, a.attname::text, fcl.relname::text, fa.attname::text \
         FROM pg_constraint c \
         JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_class fcl ON fcl.oid = c.confrelid \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1] \
         WHERE c.contype = 'f'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(&table)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        // bytea as its bytes, everything else as text.
        let select = columns
            .iter()
            .map(|(c, ty)| match ty.as_str() {
                "bytea" => format!("\"{c}\""),
                _ => format!("convert_to(\"{c}\"::text, 'UTF8')"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        for r in sqlx::query(&format!("SELECT {select} FROM \"{table}\""))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        {
            rows.push(Row {
                table: table.clone(),
                columns: columns
                    .iter()
                    .enumerate()
                    .map(|(i, (c, _))| (c.clone(), r.get::<Option<Vec<u8>>, _>(i)))
                    .collect(),
            });
        }
    }
    conn.close().await.unwrap();
    let fks = fks
        .into_iter()
        .map(|(t, c, ft, fc)| ((t, c), (ft, fc)))
        .collect();
    (rows, fks)
}

/// The indexes of the rows that name the account `id` (username `name`): its
/// `users` row, every row whose text holds the username or `user:<id>`, and,
/// following foreign keys to a fixed point, every row that refers to such a row
/// (sessions, audit events, the audit log's entries of those events, the
/// credential's issuance, …).
fn rows_naming(rows: &[Row], fks: &[ForeignKey], id: i64, name: &str) -> HashSet<usize> {
    let id_text = id.to_string().into_bytes();
    let target = format!("user:{id}").into_bytes();
    let mut named: HashSet<usize> = HashSet::new();
    // (table, column) -> values that rows naming the account hold there.
    let mut values: HashMap<(String, String), HashSet<Vec<u8>>> = HashMap::new();
    let mark = |i: usize, named: &mut HashSet<usize>, values: &mut HashMap<_, HashSet<_>>| {
        if named.insert(i) {
            for (c, v) in &rows[i].columns {
                if let Some(v) = v {
                    values
                        .entry((rows[i].table.clone(), c.clone()))
                        .or_default()
                        .insert(v.clone());
                }
            }
            true
        } else {
            false
        }
    };
    for (i, row) in rows.iter().enumerate() {
        let own = row.table == "users" && row.get("id") == Some(&id_text[..]);
        let mentions = row.columns.iter().any(|(_, v)| {
            v.as_deref()
                .is_some_and(|v| contains(v, name.as_bytes()) || contains(v, &target))
        });
        if own || mentions {
            mark(i, &mut named, &mut values);
        }
    }
    loop {
        let mut grew = false;
        for (i, row) in rows.iter().enumerate() {
            if named.contains(&i) {
                continue;
            }
            let refers = fks.iter().any(|((t, c), to)| {
                *t == row.table
                    && row
                        .get(c)
                        .is_some_and(|v| values.get(to).is_some_and(|set| set.contains(v)))
            });
            if refers {
                grew |= mark(i, &mut named, &mut values);
            }
        }
        if !grew {
            return named;
        }
    }
}

/// Where the credentials' and entries' bytes belong: the ballot log of the
/// process (its entries and hashes) and its tokens' last `seq`.
fn ballot_log_cell(row: &Row, column: &str, process: i64) -> bool {
    let log = format!("process/{process}");
    let of_log = row.text("log") == log;
    let of_process = row.text("process_id") == process.to_string();
    match (row.table.as_str(), column) {
        ("tlog_entries", "entry") => {
            of_log && row.get("salt").is_none() && row.get("audit_event_id").is_none()
        }
        ("tlog_hashes", "hash") => of_log,
        ("ballot_tokens", "token") => of_process,
        // The record published at the close: the log's entries and the opened ballots.
        ("ballot_records", "body") => of_process,
        _ => false,
    }
}

struct Resident {
    caller: Caller,
    name: String,
    voter: Voter,
    entries: Vec<BallotEntry>,
    /// Whether anyone holds the credential's key (nobody does for a paper
    /// ballot's credential: the server made it and forgot it).
    has_key: bool,
}

impl Resident {
    fn secrets(&self) -> Vec<Secret> {
        let who = &self.name;
        let c = &self.voter.credential;
        let mut out = vec![
            Secret {
                what: format!("{who}'s credential token"),
                bytes: c.token.0.clone(),
            },
            Secret {
                what: format!("{who}'s credential signature (the unblinded blind signature)"),
                bytes: c.signature.0.clone(),
            },
            Secret {
                what: format!("{who}'s credential randomizer"),
                bytes: c.randomizer.0.clone(),
            },
        ];
        if self.has_key {
            out.push(Secret {
                what: format!("{who}'s voting key"),
                bytes: self.voter.seed.to_vec(),
            });
        }
        for e in &self.entries {
            let seq = e.seq;
            out.push(Secret {
                what: format!("the leaf hash of {who}'s entry {seq}"),
                bytes: leaf_hash(&e.encode()).0.to_vec(),
            });
            out.push(Secret {
                what: format!("the ciphertext of {who}'s entry {seq}"),
                bytes: e.ciphertext.0.clone(),
            });
            out.push(Secret {
                what: format!("the encapsulated key of {who}'s entry {seq}"),
                bytes: e.enc.0.clone(),
            });
            if let Cast::Online { voter_signature } = &e.cast {
                out.push(Secret {
                    what: format!("the signature of {who}'s entry {seq}"),
                    bytes: voter_signature.0.clone(),
                });
            }
        }
        out
    }
}

fn election_key(info: &Value) -> HpkePublicKey {
    let bytes: Bytes = serde_json::from_value(info["election_public_key"].clone()).unwrap();
    HpkePublicKey::from_bytes(&bytes.0).unwrap()
}

#[test]
fn the_search_finds_each_form_at_any_offset() {
    let secret = Secret {
        what: "a test value".into(),
        bytes: (0u8..40)
            .map(|i| i.wrapping_mul(37).wrapping_add(11))
            .collect(),
    };
    let forms = Forms::of(&secret);
    for offset in 0..4 {
        let mut blob = vec![7u8; offset];
        blob.extend_from_slice(&secret.bytes);
        blob.extend_from_slice(b"tail");
        for text in [
            base64::engine::general_purpose::STANDARD.encode(&blob),
            base64::engine::general_purpose::URL_SAFE.encode(&blob),
            URL_SAFE_NO_PAD.encode(&blob),
            blob.iter().map(|x| format!("{x:02x}")).collect(),
            format!("{blob:?}"),
            serde_json::to_string(&blob).unwrap(),
        ] {
            assert!(forms.found_in(text.as_bytes()).is_some(), "{text}");
        }
        assert_eq!(forms.found_in(&blob), Some("raw bytes"));
    }
    assert!(forms.found_in(b"nothing of the kind").is_none());
}

#[tokio::test]
async fn nothing_stored_or_logged_links_a_resident_to_their_credential() {
    for db in databases().await {
        let from = log_capture::mark();
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "official.olga.k4", Role::Official).await;
        let mut callers = Vec::new();
        for name in ["resident.rita.k4", "resident.rui.k4", "resident.ramon.k4"] {
            callers.push((name, Caller::new(&app, name, Role::Resident).await));
        }
        let (id, projects, _) = process_in_review(&app, &official, &callers[0].1, true).await;
        let keys = ceremony::ceremony(&app, &official, id, 1, &[&official]).await;
        advance_hours(&app, 1);
        let key = election_key(&info(&app, id).await);

        // Each resident obtains a credential and votes; the first re-votes and
        // replays a submission (refused).
        let mut residents = Vec::new();
        for (name, caller) in callers {
            let voter = obtain(&app, &caller, id).await;
            residents.push(Resident {
                caller,
                name: name.to_owned(),
                voter,
                entries: Vec::new(),
                has_key: true,
            });
        }
        let ballots = [
            vec![json!({"type": "approval", "choices": [projects[0]]})],
            vec![json!({"type": "approval", "choices": [projects[1]]})],
            vec![json!({"type": "approval", "choices": projects})],
        ];
        for (r, choices) in residents.iter_mut().zip(&ballots) {
            for (seq, ballot) in (1..).zip(choices) {
                let entry = r.voter.entry(seq, ballot, &key);
                submit_and_check(&app, &r.voter, &entry).await;
                r.entries.push(entry);
            }
        }
        let rita = &mut residents[0];
        let again = rita
            .voter
            .entry(2, &json!({"type": "approval", "choices": projects}), &key);
        submit_and_check(&app, &rita.voter, &again).await;
        let (status, problem) = submit_raw(&app, id, again.encode()).await;
        assert_eq!(
            (status, problem_slug(&problem)),
            (409, "seq-out-of-order".into())
        );
        rita.entries.push(again);

        // sara votes without JavaScript, twice (the second time with the key the
        // page handed her); paula on paper, entered by the official.
        let sara = Caller::new(&app, "resident.sara.k4", Role::Resident).await;
        let (status, page, _) = cast_without_script(&app, &sara, id, &[projects[0]], None).await;
        assert_eq!(status, 200, "{page}");
        let key_file = key_of(&page);
        let (status, page, _) =
            cast_without_script(&app, &sara, id, &projects, Some(&key_file)).await;
        assert_eq!(status, 200, "{page}");
        let kept: Value = serde_json::from_slice(&key_file).unwrap();
        let field = |name: &str| -> Vec<u8> {
            serde_json::from_value::<Bytes>(kept[name].clone())
                .unwrap()
                .0
        };
        let pkcs8 = field("key");
        let sara_voter = Voter {
            process: id,
            seed: pkcs8[pkcs8.len() - 32..].try_into().unwrap(),
            credential: Credential {
                token: Bytes(field("token")),
                randomizer: Bytes(field("randomizer")),
                signature: Bytes(field("signature")),
            },
            info: info(&app, id).await,
        };
        let paula = Caller::new(&app, "resident.paula.k4", Role::Resident).await;
        let (status, to) = paper_ballot(
            &app,
            &official,
            id,
            "resident.paula.k4",
            &[projects[1]],
            None,
        )
        .await;
        assert_eq!(status, 303, "{to}");
        let size = crate::secret_ballot_server_seal::log_size(&app, id).await;
        let logged: Vec<BallotEntry> = app
            .store
            .tlog_entries(
                &civis_store::process_log(civis_budget::ProcessId(id)),
                0,
                size,
            )
            .await
            .unwrap()
            .iter()
            .map(|b| BallotEntry::parse(b).unwrap())
            .collect();
        let paper: Vec<BallotEntry> = logged.iter().filter(|e| e.is_paper()).cloned().collect();
        assert_eq!(paper.len(), 1);
        let paula_voter = Voter {
            process: id,
            seed: [0; 32],
            credential: paper[0].credential.clone(),
            info: info(&app, id).await,
        };
        let sara_entries: Vec<BallotEntry> = logged
            .iter()
            .filter(|e| e.credential == sara_voter.credential)
            .cloned()
            .collect();
        assert_eq!(sara_entries.len(), 2);
        residents.push(Resident {
            caller: sara,
            name: "resident.sara.k4".to_owned(),
            voter: sara_voter,
            entries: sara_entries,
            has_key: true,
        });
        residents.push(Resident {
            caller: paula,
            name: "resident.paula.k4".to_owned(),
            voter: paula_voter,
            entries: paper,
            has_key: false,
        });

        // The close: the trustee's share opens the ballots; the record is published.
        advance_hours(&app, 1);
        let share = ceremony::share(&app, id, &keys[0]).await;
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/processes/{id}/trustee/share"),
                json!({"share": Bytes(share.to_vec())}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        let record = reqwest::get(app.url(&format!("/log/processes/{id}/record/record.json")))
            .await
            .unwrap();
        assert_eq!(record.status(), 200);
        let backend = app.backend;
        app.stop().await;

        let (rows, fks) = dump(&db).await;
        let logs = log_capture::since(from);
        let all_forms: Vec<Forms> = residents
            .iter()
            .flat_map(|r| r.secrets())
            .map(|s| Forms::of(&s))
            .collect();

        // Where each secret is stored: only in the ballot log's own cells.
        let mut found: HashMap<String, HashSet<(String, String)>> = HashMap::new();
        for row in &rows {
            for (column, value) in &row.columns {
                let Some(value) = value else { continue };
                for f in &all_forms {
                    if let Some(form) = f.found_in(value) {
                        assert!(
                            ballot_log_cell(row, column, id),
                            "{backend}: {} is stored as {form} in {}.{column}: {row:?}",
                            f.what,
                            row.table
                        );
                        found
                            .entry(f.what.clone())
                            .or_default()
                            .insert((row.table.clone(), column.clone()));
                    }
                }
            }
        }

        // No row that names a resident holds any of the secrets; the ballot
        // log's rows name nobody.
        let mut naming_any = HashSet::new();
        for r in &residents {
            let named = rows_naming(&rows, &fks, r.caller.id, &r.name);
            let tables: HashSet<&str> = named.iter().map(|&i| rows[i].table.as_str()).collect();
            for expected in [
                "users",
                "sessions",
                "audit_events",
                "ballot_credentials",
                "tlog_entries",
            ] {
                assert!(
                    tables.contains(expected),
                    "{backend}: no {expected} row names {} (found {tables:?})",
                    r.name
                );
            }
            for &i in &named {
                for (column, value) in &rows[i].columns {
                    let Some(value) = value else { continue };
                    for f in &all_forms {
                        assert!(
                            f.found_in(value).is_none(),
                            "{backend}: {} is in {}.{column} of a row that names {}: {:?}",
                            f.what,
                            rows[i].table,
                            r.name,
                            rows[i]
                        );
                    }
                }
            }
            naming_any.extend(named);
        }
        let issued = rows
            .iter()
            .filter(|row| row.table == "ballot_credentials")
            .count();
        assert_eq!(issued, residents.len(), "{backend}");
        for (i, row) in rows.iter().enumerate() {
            let holds_ballot_bytes = row
                .columns
                .iter()
                .any(|(c, v)| v.is_some() && ballot_log_cell(row, c, id));
            if holds_ballot_bytes {
                assert!(
                    !naming_any.contains(&i),
                    "{backend}: a ballot log row names a resident: {row:?}"
                );
            }
        }

        // The search works: it finds each resident's secrets where they belong.
        for r in &residents {
            let places = |what: &str| {
                found
                    .get(what)
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect::<HashSet<_>>()
            };
            let who = &r.name;
            let token = places(&format!("{who}'s credential token"));
            assert!(
                token.contains("ballot_tokens") && token.contains("tlog_entries"),
                "{backend}: {who}'s token found in {token:?}"
            );
            for seq in 1..=r.entries.len() {
                let leaf = places(&format!("the leaf hash of {who}'s entry {seq}"));
                assert!(leaf.contains("tlog_hashes"), "{backend}: {leaf:?}");
                let ct = places(&format!("the ciphertext of {who}'s entry {seq}"));
                assert!(ct.contains("tlog_entries"), "{backend}: {ct:?}");
            }
            assert!(
                places(&format!("{who}'s voting key")).is_empty(),
                "{backend}: the voting key is not stored"
            );
        }

        // The logs: the server's requests are in them, the secrets are not.
        let text = String::from_utf8_lossy(&logs);
        assert!(
            text.contains(&format!("/api/v1/processes/{id}/sealed-ballots"))
                && text.contains(&format!("/api/v1/processes/{id}/credential")),
            "{backend}: the requests were not captured"
        );
        for f in &all_forms {
            if let Some(form) = f.found_in(&logs) {
                panic!("{backend}: {} is in the logs as {form}", f.what);
            }
        }
    }
}
