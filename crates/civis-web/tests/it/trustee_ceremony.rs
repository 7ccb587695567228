//! The trustees' ceremony over HTTP, with keys and dealings made as `civis
//! trustee` makes them (`civis_verify::trustee`): name the trustees, each submits
//! a public key, then a dealing; the election key appears.

use civis_ballot::OsRandomness;
use civis_verify::record::Bytes;
use civis_verify::trustee::{self, TrusteeKeyFile, TrusteeList};
use serde_json::{json, Value};

use crate::budget_api_fixture::Caller;
use crate::harness::TestApp;

/// The username of `caller`'s account.
pub async fn username(app: &TestApp, caller: &Caller) -> String {
    app.store
        .user_by_id(civis_domain::UserId(caller.id))
        .await
        .unwrap()
        .username
        .as_str()
        .to_owned()
}

/// The published trustees' list (`GET …/trustees`).
pub async fn list(app: &TestApp, process: i64) -> (Value, TrusteeList) {
    let (status, v) = Caller::anonymous(app)
        .get(app, &format!("/api/v1/processes/{process}/trustees"))
        .await;
    assert_eq!(status, 200, "{v}");
    let parsed = serde_json::from_value(v.clone()).unwrap();
    (v, parsed)
}

/// Names `trustees` with threshold `k` as `official`; asserts it worked.
pub async fn name(app: &TestApp, official: &Caller, process: i64, k: u32, trustees: &[&Caller]) {
    let mut names = Vec::new();
    for t in trustees {
        names.push(username(app, t).await);
    }
    let (status, v) = official
        .put(
            app,
            &format!("/api/v1/processes/{process}/trustees"),
            json!({"threshold": k, "trustees": names}),
        )
        .await;
    assert_eq!(status, 200, "{v}");
}

/// Each trustee makes a key and submits it; returns the keys in index order.
pub async fn submit_keys(app: &TestApp, process: i64, trustees: &[&Caller]) -> Vec<TrusteeKeyFile> {
    let mut keys = Vec::new();
    for t in trustees {
        let key = trustee::keygen(&mut OsRandomness).unwrap();
        let (status, v) = t
            .post(
                app,
                &format!("/api/v1/processes/{process}/trustee/public-key"),
                json!({"public_key": key.public_key}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        keys.push(key);
    }
    keys
}

/// The dealing of the holder of `key` for the current list.
pub async fn dealing(app: &TestApp, process: i64, key: &TrusteeKeyFile) -> Vec<u8> {
    let (_, list) = list(app, process).await;
    trustee::deal(key, &list, &mut OsRandomness).unwrap()
}

/// Each trustee deals; asserts the election key exists after the last.
pub async fn deal_all(app: &TestApp, process: i64, trustees: &[&Caller], keys: &[TrusteeKeyFile]) {
    for (t, key) in trustees.iter().zip(keys) {
        let d = dealing(app, process, key).await;
        let (status, v) = t
            .post(
                app,
                &format!("/api/v1/processes/{process}/trustee/dealing"),
                json!({"dealing": Bytes(d)}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
    }
    let (v, _) = list(app, process).await;
    assert!(v["election_public_key"].is_string(), "{v}");
}

/// The whole ceremony: name, keys, dealings. Returns the keys.
pub async fn ceremony(
    app: &TestApp,
    official: &Caller,
    process: i64,
    k: u32,
    trustees: &[&Caller],
) -> Vec<TrusteeKeyFile> {
    name(app, official, process, k, trustees).await;
    let keys = submit_keys(app, process, trustees).await;
    deal_all(app, process, trustees, &keys).await;
    keys
}

/// The share of the holder of `key`, as `civis trustee share` prints it.
pub async fn share(app: &TestApp, process: i64, key: &TrusteeKeyFile) -> [u8; 32] {
    let (_, list) = list(app, process).await;
    trustee::share(key, &list).unwrap().1
}
