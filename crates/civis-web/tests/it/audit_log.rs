//! The public audit log over the real server: checkpoint signature, the root
//! recomputed from tiles, entry bundles against audit events, proofs from the
//! API, caching headers, and bad requests.

use std::collections::HashMap;

use civis_domain::{AuditAction, NewAuditEvent, Role};
use civis_tlog::hash::leaf_hash;
use civis_tlog::proof::{root_plan, verify_consistency, verify_inclusion};
use civis_tlog::tile::{decode_bundle, decode_hash_tile, hash_from_tiles, tile_for_node};
use civis_tlog::{Checkpoint, Hash, Note, NoteSigner, NoteVerifier, TileId, TileKind};
use serde_json::{json, Value};

use crate::harness::{databases, expect_problem, TestApp};

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client().get(app.url(path)).send().await.unwrap()
}

async fn verifier(app: &TestApp) -> NoteVerifier {
    let res = get(app, "/log/audit/key").await;
    assert_eq!(res.status(), 200);
    NoteVerifier::parse(res.text().await.unwrap().trim_end()).unwrap()
}

/// Fetches and verifies the checkpoint.
async fn checkpoint(app: &TestApp, key: &NoteVerifier) -> Checkpoint {
    let res = get(app, "/log/audit/checkpoint").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let body = res.bytes().await.unwrap();
    let text = Note::open(&body, std::slice::from_ref(key)).unwrap();
    let c = Checkpoint::parse(&text).unwrap();
    assert_eq!(c.origin, key.name);
    c
}

async fn fetch_tile(app: &TestApp, tile: &TileId) -> (Vec<u8>, String) {
    let res = get(app, &format!("/log/audit/{}", tile.path())).await;
    assert_eq!(res.status(), 200, "{}", tile.path());
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    let cache = res.headers()["cache-control"].to_str().unwrap().to_owned();
    (res.bytes().await.unwrap().to_vec(), cache)
}

/// Recomputes the root of `c` from the tiles the server publishes.
async fn root_from_tiles(app: &TestApp, c: &Checkpoint) -> Hash {
    let plan = root_plan(c.size);
    let mut tiles = HashMap::new();
    for node in plan.nodes() {
        let (tile, _) = tile_for_node(node, c.size).unwrap();
        if let std::collections::hash_map::Entry::Vacant(slot) = tiles.entry(tile) {
            let (bytes, cache) = fetch_tile(app, &tile).await;
            let expected = if tile.is_full() {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=60"
            };
            assert_eq!(cache, expected, "{}", tile.path());
            slot.insert(decode_hash_tile(&tile, &bytes).unwrap());
        }
    }
    plan.finish(|n| hash_from_tiles(n, c.size, &tiles)).unwrap()[0]
}

fn exported(ms: i64) -> NewAuditEvent {
    NewAuditEvent {
        at: civis_domain::Timestamp::from_millis(1_790_000_000_000 + ms),
        actor: None,
        action: AuditAction::DataExported,
        target: Some("export:test".into()),
        before: None,
        after: None,
    }
}

#[tokio::test]
async fn checkpoint_tiles_bundles_and_proofs() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let key = verifier(&app).await;
        assert_eq!(key.name, "127.0.0.1:8080/log/audit");
        let empty = checkpoint(&app, &key).await;
        assert_eq!(empty.size, 0);
        assert_eq!(empty.root, civis_tlog::hash::empty_root());

        // Audit events made through the API and the store.
        app.create_user("logadmin", Role::Admin).await;
        let client = app.client();
        let csrf = app.sign_in(&client, "logadmin").await;
        let res = client
            .post(app.url("/api/v1/users"))
            .header("x-csrf-token", &csrf)
            .json(&json!({"username": "newperson", "password": "correct horse battery", "role": "resident"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        let made = app.store.count_audit(&Default::default()).await.unwrap();
        assert!((2..10).contains(&made), "{made}");
        for i in 0..300 - made as i64 {
            app.store.append_audit(&exported(i)).await.unwrap();
        }
        let events = app.store.count_audit(&Default::default()).await.unwrap();
        assert_eq!(events, 300, "{}", app.backend);

        let first = checkpoint(&app, &key).await;
        assert_eq!(first.size, events);
        assert_eq!(
            root_from_tiles(&app, &first).await,
            first.root,
            "{}",
            app.backend
        );

        // The bundles hold one entry per event, with no personal data, and
        // hash to the level-0 tiles.
        let mut all_entries = Vec::new();
        for (index, width) in [(0u64, 256u16), (1, 44)] {
            let bundle = TileId {
                kind: TileKind::Entries,
                index,
                width,
            };
            let (bytes, _) = fetch_tile(&app, &bundle).await;
            let entries = decode_bundle(&bytes).unwrap();
            assert_eq!(entries.len(), usize::from(width));
            let hashes = TileId {
                kind: TileKind::Hashes(0),
                index,
                width,
            };
            let (tile, _) = fetch_tile(&app, &hashes).await;
            let leaves = decode_hash_tile(&hashes, &tile).unwrap();
            for (e, h) in entries.iter().zip(&leaves) {
                assert_eq!(leaf_hash(e), *h);
            }
            all_entries.extend(entries);
        }
        let texts: Vec<String> = all_entries
            .iter()
            .map(|e| String::from_utf8(e.clone()).unwrap())
            .collect();
        assert!(texts
            .iter()
            .all(|t| !t.contains("newperson") && !t.contains("logadmin")));
        let created: Vec<Value> = texts
            .iter()
            .map(|t| serde_json::from_str::<Value>(t).unwrap())
            .filter(|v| v["action"] == "user.created")
            .collect();
        assert_eq!(created.len(), 2, "{texts:?}");
        assert!(created.iter().all(|v| v["format"] == "civis.audit.v1"));

        // More events; the new checkpoint is consistent with the old one.
        for i in 0..5 {
            app.store.append_audit(&exported(1000 + i)).await.unwrap();
        }
        let later = checkpoint(&app, &key).await;
        assert_eq!(later.size, 305);
        assert_eq!(root_from_tiles(&app, &later).await, later.root);
        let res = get(
            &app,
            &format!(
                "/api/v1/log/audit/proof/consistency?old={}&new={}",
                first.size, later.size
            ),
        )
        .await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let proof: Vec<Hash> = body["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
            .collect();
        verify_consistency(first.size, later.size, &first.root, &later.root, &proof).unwrap();
        assert_eq!(body["new_root_hash"], later.root.to_base64());
        assert!(
            verify_consistency(first.size, later.size, &later.root, &first.root, &proof).is_err()
        );

        // An inclusion proof for the user.created entry.
        let res = get(&app, "/api/v1/log/audit/proof/inclusion?index=1&size=300").await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let proof: Vec<Hash> = body["proof"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| Hash::from_base64(h.as_str().unwrap()).unwrap())
            .collect();
        let leaf = leaf_hash(&all_entries[1]);
        assert_eq!(body["leaf_hash"], leaf.to_base64());
        verify_inclusion(1, 300, &leaf, &proof, &first.root).unwrap();

        // Bad requests are refused clearly and tiles beyond the log do not exist.
        for (query, field) in [
            ("index=5&size=2", "index"),
            ("index=0&size=306", "size"),
            ("size=3", "index"),
        ] {
            let res = get(&app, &format!("/api/v1/log/audit/proof/inclusion?{query}")).await;
            let problem = expect_problem(res, 422).await;
            assert_eq!(problem["errors"][0]["field"], field, "{query}: {problem}");
        }
        let res = get(&app, "/api/v1/log/audit/proof/inclusion?index=x&size=2").await;
        expect_problem(res, 400).await;
        let res = get(&app, "/api/v1/log/audit/proof/consistency?old=9&new=3").await;
        let problem = expect_problem(res, 422).await;
        assert_eq!(problem["errors"][0]["field"], "old");
        for path in [
            "/log/audit/tile/0/002",
            "/log/audit/tile/0/001",
            "/log/audit/tile/0/001.p/50",
            "/log/audit/tile/1/000.p/2",
            "/log/audit/tile/entries/x001/000",
            "/log/audit/tile/0/01",
            "/log/audit/tile/0/000.p/0",
            "/log/audit/tile/nonsense",
        ] {
            assert_eq!(get(&app, path).await.status(), 404, "{path}");
        }
        // Writing to the log is not a thing.
        let res = client
            .post(app.url("/log/audit/checkpoint"))
            .header("x-csrf-token", &csrf)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 405);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_configured_key_signs_and_servers_share_the_stored_one() {
    let db = databases().await.remove(0);
    let signer = NoteSigner::generate("civis.example/log/audit").unwrap();
    let mut config = civis_web::WebConfig::default();
    config.audit_log.signing_key = Some(signer.encode());
    let configured = TestApp::spawn_with(&db, config).await;
    assert_eq!(&verifier(&configured).await, signer.verifier());
    checkpoint(&configured, signer.verifier()).await;
    configured.stop().await;
    // Without a configured key, two servers on one database sign with the same stored key.
    let one = TestApp::spawn(&db).await;
    let two = TestApp::spawn(&db).await;
    let key = verifier(&one).await;
    assert_eq!(verifier(&two).await, key);
    checkpoint(&two, &key).await;
    assert!(Note::open(
        get(&one, "/log/audit/checkpoint")
            .await
            .bytes()
            .await
            .unwrap()
            .as_ref(),
        std::slice::from_ref(signer.verifier())
    )
    .is_err());
    one.stop().await;
    two.stop().await;
}
