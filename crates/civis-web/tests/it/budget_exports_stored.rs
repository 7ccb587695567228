//! Open data and participation figures of a published process are made once, when the
//! results are published, and served from the store; a process published without them
//! (by an older version) gets them at its first request. On every database.

use civis_budget::export::pabulib::PabulibPlace;
use civis_budget::export::published::{DocumentKind, PublishedExports};
use civis_budget::export::Published;
use civis_budget::participation::Figure;
use civis_budget::{compute_results, ProcessId};
use civis_domain::Role;
use civis_store::Change;
use serde_json::json;

use crate::budget_api_fixture::{advance_hours, voting_process, Caller};
use crate::harness::{databases, TestApp};

/// A process whose voting has closed, with `voters` ballots by residents of North.
async fn counted_process(app: &TestApp, voters: usize) -> (i64, Caller) {
    let official = Caller::new(app, "offi", Role::Official).await;
    let author = Caller::new(app, "author", Role::Resident).await;
    let mut residents = Vec::new();
    for i in 0..voters {
        let r = Caller::new(app, &format!("voter{i:02}"), Role::Resident).await;
        let (status, v) = official
            .put(
                app,
                &format!("/api/v1/users/{}/resident-profile", r.id),
                json!({"district": "North", "birth_date": "1980-03-01"}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        residents.push(r);
    }
    let (id, accepted, _) = voting_process(app, &official, &author).await;
    for r in &residents {
        let (status, v) = r
            .put(
                app,
                &format!("/api/v1/processes/{id}/ballot"),
                json!({"approvals": [accepted[0]]}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
    }
    advance_hours(app, 1);
    (id, official)
}

/// The body of an export as served to a signed-out visitor.
async fn served(app: &TestApp, path: &str) -> (u16, String) {
    let r = app.client().get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// What the exports of `id` are when made now from the store's data.
async fn made_now(app: &TestApp, id: ProcessId) -> PublishedExports {
    let s = &app.store;
    let process = s.process(id).await.unwrap();
    let proposals = s.list_proposals(id).await.unwrap();
    let ballots = s.list_ballots(id).await.unwrap();
    let results = s.results(id).await.unwrap().unwrap();
    let voters: Vec<_> = s
        .voter_profiles(id)
        .await
        .unwrap()
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let residents: Vec<_> = s
        .resident_profiles()
        .await
        .unwrap()
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let published = Published::new(&process, &proposals, &ballots, &results).unwrap();
    PublishedExports::make(&published, &PabulibPlace::default(), &voters, &residents)
}

/// The export routes (relative to the process) and the documents they serve.
fn exports() -> [(&'static str, DocumentKind); 3] {
    [
        (
            "pabulib",
            DocumentKind::Pabulib {
                unit: "citywide".to_owned(),
            },
        ),
        ("export.csv", DocumentKind::Csv),
        ("export.json", DocumentKind::Json),
    ]
}

#[tokio::test]
async fn exports_are_made_at_publication_and_served_from_the_store() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let (id, official) = counted_process(&app, 12).await;
        let pid = ProcessId(id);
        assert_eq!(
            app.store.published_document_kinds(pid).await.unwrap(),
            vec![]
        );
        let (status, v) = official
            .post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
            .await;
        assert_eq!(status, 201, "{}: {v}", app.backend);

        // Stored with the results, exactly as they would be made from the stored data.
        let made = made_now(&app, pid).await;
        assert_eq!(
            app.store.published_document_kinds(pid).await.unwrap(),
            exports().into_iter().map(|(_, k)| k).collect::<Vec<_>>()
        );
        let figures = app.store.published_participation(pid).await.unwrap();
        assert_eq!(figures.as_ref(), Some(&made.participation));
        let figures = figures.unwrap();
        assert_eq!(figures.total.voters, Figure::Count(12));
        assert_eq!(figures.by_district[0].group, "North");
        for (path, kind) in exports() {
            let stored = app
                .store
                .published_document(pid, &kind)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                Some(&stored),
                made.documents.iter().find(|d| d.kind == kind)
            );
            let (status, body) = served(&app, &format!("/api/v1/processes/{id}/{path}")).await;
            assert_eq!(status, 200, "{path}: {body}");
            assert_eq!(body, stored.text, "{path}");
        }

        // Profiles changed after publication do not change the published figures.
        for i in 0..12 {
            let user = app
                .store
                .user_by_username(&civis_domain::Username::parse(&format!("voter{i:02}")).unwrap())
                .await
                .unwrap();
            let (status, v) = official
                .put(
                    &app,
                    &format!("/api/v1/users/{}/resident-profile", user.id),
                    json!({"district": "South"}),
                )
                .await;
            assert_eq!(status, 200, "{v}");
        }
        let (status, v) = official
            .get(&app, &format!("/api/v1/processes/{id}/results"))
            .await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(
            v["participation"]["by_district"][0]["group"], "North",
            "{v}"
        );
        let (status, page) = served(&app, &format!("/processes/{id}/results")).await;
        assert_eq!(status, 200);
        assert!(page.contains("<th scope=\"row\">North</th>"), "{page}");
        assert!(!page.contains("South"), "{page}");
        assert_ne!(made_now(&app, pid).await.participation, figures);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_process_published_without_its_exports_gets_them_at_its_first_request() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let (id, official) = counted_process(&app, 3).await;
        let pid = ProcessId(id);
        // Published as an older version did: the results only.
        let now = app.clock.now();
        let process = app.store.process(pid).await.unwrap();
        let proposals = app.store.list_proposals(pid).await.unwrap();
        let ballots = app.store.list_ballots(pid).await.unwrap();
        let results = compute_results(&process, &proposals, &ballots, now).unwrap();
        app.store
            .publish_results(pid, &results, None, Change::system(now))
            .await
            .unwrap();
        assert_eq!(app.store.published_participation(pid).await.unwrap(), None);

        // The results page makes and stores them (the figures among them).
        let (status, page) = served(&app, &format!("/processes/{id}/results")).await;
        assert_eq!(status, 200, "{}: {page}", app.backend);
        assert!(page.contains("Participation by district"), "{page}");
        let made = made_now(&app, pid).await;
        assert_eq!(
            app.store.published_participation(pid).await.unwrap(),
            Some(made.participation.clone())
        );
        assert_eq!(
            app.store.published_document_kinds(pid).await.unwrap().len(),
            3
        );
        for (path, kind) in exports() {
            let (status, body) = served(&app, &format!("/api/v1/processes/{id}/{path}")).await;
            assert_eq!(status, 200, "{path}: {body}");
            let want = made.documents.iter().find(|d| d.kind == kind).unwrap();
            assert_eq!(body, want.text, "{path}");
        }
        let (status, v) = official
            .get(
                &app,
                &format!("/api/v1/processes/{id}/pabulib?unit=district:Nowhere"),
            )
            .await;
        assert_eq!(status, 422, "{v}");
        assert!(v.to_string().contains("choose one of: citywide"), "{v}");
        app.stop().await;
    }
}

#[tokio::test]
async fn each_export_made_at_a_first_request_stores_all_of_them() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let (id, _) = counted_process(&app, 2).await;
        let pid = ProcessId(id);
        let now = app.clock.now();
        let process = app.store.process(pid).await.unwrap();
        let proposals = app.store.list_proposals(pid).await.unwrap();
        let ballots = app.store.list_ballots(pid).await.unwrap();
        let results = compute_results(&process, &proposals, &ballots, now).unwrap();
        app.store
            .publish_results(pid, &results, None, Change::system(now))
            .await
            .unwrap();
        let (status, body) = served(&app, &format!("/api/v1/processes/{id}/export.csv")).await;
        assert_eq!(status, 200, "{}: {body}", app.backend);
        assert!(app
            .store
            .published_participation(pid)
            .await
            .unwrap()
            .is_some());
        let json = app
            .store
            .published_document(pid, &DocumentKind::Json)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(json.file_name, format!("process-{id}.json"));
        let (status, body) = served(&app, &format!("/api/v1/processes/{id}/export.json")).await;
        assert_eq!((status, body), (200, json.text));
        app.stop().await;
    }
}
