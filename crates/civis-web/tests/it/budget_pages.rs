//! The participatory budgeting pages against a real server (port 0) on every database (a
//! fresh SQLite file, and a fresh PostgreSQL database when `CIVIS_TEST_DATABASE_URL` is
//! set): every page for every role, who sees what in which phase, the ballot forms
//! without JavaScript (including the knapsack meter's server round trip), and CSRF on
//! every form.

use std::collections::BTreeMap;
use std::sync::Arc;

use civis_budget::{
    BallotChannel, BallotContent, BallotFormat, Budgets, Eligibility, Localized, NewBallot,
    OutcomeRule, ProcessResults, ProcessRules, ProcessSettings, ProjectTally, ProposalDraft,
    ProposalId, Review, Schedule, TieBreak, UnitOutcome,
};
use civis_domain::{DisplayName, PasswordHash, Role, Timestamp, User, Username};
use civis_store::{Change, NewUser, Store};
use civis_web::{build_app, AppState, WebConfig};
use reqwest::header::LOCATION;
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use tokio::sync::oneshot;

use crate::harness::{databases, TestDb};

const PASSWORD: &str = "correct horse battery staple";
const HOUR: i64 = 3_600_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    SignedOut,
    As(Role),
}

const EVERYONE: [Who; 5] = [
    Who::SignedOut,
    Who::As(Role::Resident),
    Who::As(Role::Official),
    Who::As(Role::Admin),
    Who::As(Role::Auditor),
];

/// The phases a seeded process can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Upcoming,
    Proposals,
    Support,
    Voting,
    Counting,
    Results,
}

pub(crate) struct Server {
    base: String,
    pub(crate) store: Arc<dyn Store>,
    users: BTreeMap<&'static str, User>,
    /// Stops the server when dropped (before its database goes).
    _shutdown: oneshot::Sender<()>,
    _db: TestDb,
}

pub(crate) fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    Timestamp::from_millis(i64::try_from(ms).unwrap())
}

/// A schedule that puts a process in `at` now, each phase an hour long.
fn schedule(at: At) -> Schedule {
    let t = now().as_millis();
    // The index of the phase that began an hour ago among the six dated instants.
    let current = match at {
        At::Upcoming => -1,
        At::Proposals => 0,
        At::Support => 1,
        At::Voting => 3,
        At::Counting | At::Results => 4,
    };
    let instant = |i: i64| Timestamp::from_millis(t + (i - current) * HOUR - HOUR / 2);
    Schedule {
        proposals_open: instant(0),
        support_open: instant(1),
        review_open: instant(2),
        voting_open: instant(3),
        voting_close: instant(4),
        implementation_open: instant(5),
    }
}

fn localized(en: &str, es: &str, et: &str) -> Localized {
    Localized(
        [("en", en), ("es", es), ("et", et)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    )
}

pub(crate) fn settings(at: At, ballot: BallotFormat) -> ProcessSettings {
    ProcessSettings {
        title: localized(
            &format!("Parks {at:?}"),
            &format!("Parques {at:?}"),
            &format!("Pargid {at:?}"),
        ),
        description: localized(
            "Green spaces for everyone.\n\nSecond paragraph.",
            "Zonas verdes para todos.",
            "Haljasalad kõigile.",
        ),
        schedule: schedule(at),
        rules: ProcessRules {
            budgets: Budgets {
                total: 100_000,
                districts: [("North".to_owned(), 50_000)].into(),
                categories: BTreeMap::new(),
            },
            eligibility: Eligibility::default(),
            ballot,
            rule: OutcomeRule::Greedy,
            tie_break: TieBreak::Lexico,
            secret_ballots: false,
        },
    }
}

/// A seeded process and its proposals: `ids[0..3]` accepted (two citywide, one in
/// North), `ids[3]` pending, `ids[4]` hidden.
pub(crate) struct Seeded {
    pub(crate) id: i64,
    pub(crate) ids: Vec<i64>,
}

impl Server {
    /// A server on each test database (SQLite, and PostgreSQL when configured).
    pub(crate) async fn on_every_database() -> Vec<Server> {
        let mut servers = Vec::new();
        for db in databases().await {
            servers.push(Server::start(db).await);
        }
        servers
    }

    async fn start(db: TestDb) -> Server {
        let store = civis_store_open::open(&db.url).await.unwrap();
        eprintln!("budget pages on {}", store.backend());
        let hash = civis_web::auth::password::hash(PASSWORD.to_owned())
            .await
            .unwrap();
        let mut users = BTreeMap::new();
        for (name, role) in [
            ("resident", Role::Resident),
            ("neighbour", Role::Resident),
            ("official", Role::Official),
            ("admin", Role::Admin),
            ("auditor", Role::Auditor),
        ] {
            let new = NewUser {
                username: Username::parse(name).unwrap(),
                display_name: DisplayName::parse(&format!("Test {name}")).unwrap(),
                role,
                password_hash: Some(PasswordHash::new(hash.clone())),
            };
            let user = store
                .create_user(&new, Change::system(Timestamp::from_millis(0)))
                .await
                .unwrap();
            users.insert(name, user);
        }
        let app = build_app(AppState::new(
            store.clone(),
            crate::harness::relaxed(WebConfig::default()),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(civis_web::serve(listener, app, async move {
            let _ = stopped.await;
        }));
        Server {
            base,
            store,
            users,
            _shutdown: shutdown,
            _db: db,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(crate) fn user(&self, name: &str) -> &User {
        &self.users[name]
    }

    /// Seeds a process in phase `at` with five proposals (see [`Seeded`]).
    pub(crate) async fn seed(&self, at: At, ballot: BallotFormat) -> Seeded {
        let official = self.user("official").id;
        let author = self.user("resident").id;
        let t = now();
        let process = self
            .store
            .create_process(&settings(at, ballot), Change::by(official, t))
            .await
            .unwrap();
        let drafts = [
            ("Shade trees on Main Street", 40_000, None),
            ("A new playground", 70_000, None),
            ("Benches in North Park", 30_000, Some("North")),
            ("Pending idea", 5_000, None),
            ("Rude proposal", 1_000, None),
        ];
        let mut ids = Vec::new();
        for (i, (title, cost, district)) in drafts.into_iter().enumerate() {
            let draft = ProposalDraft {
                title: title.to_owned(),
                description: format!("{title}, described."),
                estimated_cost: cost,
                district: district.map(str::to_owned),
                category: None,
                location: None,
            };
            let p = self
                .store
                .create_proposal(process.id, author, &draft, t)
                .await
                .unwrap();
            if i < 3 {
                self.store
                    .review_proposal(
                        p.id,
                        &Review::Accepted {
                            official_cost: cost,
                        },
                        Change::by(official, t),
                    )
                    .await
                    .unwrap();
            }
            if i == 4 {
                self.store
                    .moderate_proposal(p.id, Some("insults"), Change::by(official, t))
                    .await
                    .unwrap();
            }
            ids.push(p.id.0);
        }
        if at == At::Results {
            let tally = |i: usize, cost: u64, votes: u64, selected: bool| ProjectTally {
                project: ProposalId(ids[i]),
                cost,
                votes,
                score: None,
                selected,
            };
            let results = ProcessResults {
                computed_at: t,
                rules_digest: process.settings.rules.digest(),
                ballots: 1,
                units: vec![
                    UnitOutcome {
                        unit: "citywide".to_owned(),
                        budget: 100_000,
                        selected: vec![ProposalId(ids[0])],
                        cost: 40_000,
                        voters: 1,
                        projects: vec![tally(0, 40_000, 1, true), tally(1, 70_000, 0, false)],
                    },
                    UnitOutcome {
                        unit: "district:North".to_owned(),
                        budget: 50_000,
                        selected: vec![ProposalId(ids[2])],
                        cost: 30_000,
                        voters: 1,
                        projects: vec![tally(2, 30_000, 1, true)],
                    },
                ],
                explanations: Vec::new(),
            };
            self.store
                .publish_results(process.id, &results, None, Change::by(official, t))
                .await
                .unwrap();
        }
        Seeded {
            id: process.id.0,
            ids,
        }
    }

    pub(crate) async fn client(&self, who: Who) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .build()
            .unwrap();
        if let Who::As(role) = who {
            self.sign_in(&client, role.as_str()).await;
        }
        client
    }

    pub(crate) async fn sign_in(&self, client: &reqwest::Client, username: &str) {
        let (_, page) = self.get(client, "/sign-in").await;
        let csrf = csrf_token(&page);
        let r = client
            .post(self.url("/sign-in"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", username),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in as {username}");
    }

    pub(crate) async fn get(&self, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
        let r = client
            .get(self.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    }

    pub(crate) async fn post(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, String)],
    ) -> (StatusCode, Option<String>, String) {
        let r = client
            .post(self.url(path))
            .header("accept-language", "en")
            .form(form)
            .send()
            .await
            .unwrap();
        let status = r.status();
        let location = r
            .headers()
            .get(LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        (status, location, r.text().await.unwrap())
    }
}

pub(crate) fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("no csrf_token field") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_owned()
}

fn staff(who: Who) -> bool {
    matches!(who, Who::As(Role::Official | Role::Admin | Role::Auditor))
}

pub(crate) const KNAPSACK: BallotFormat = BallotFormat::Knapsack { limit: None };

#[tokio::test]
async fn every_budget_page_answers_every_role_as_it_should() {
    for server in Server::on_every_database().await {
        let upcoming = server.seed(At::Upcoming, KNAPSACK).await;
        let proposals = server.seed(At::Proposals, KNAPSACK).await;
        let support = server.seed(At::Support, KNAPSACK).await;
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let counting = server.seed(At::Counting, KNAPSACK).await;
        let results = server.seed(At::Results, KNAPSACK).await;
        for who in EVERYONE {
            let client = server.client(who).await;
            let (status, list) = server.get(&client, "/processes").await;
            assert_eq!(status, StatusCode::OK, "{who:?} /processes");
            assert!(list.contains("Parks Voting"), "{who:?}: {list}");
            assert_eq!(list.contains("Parks Upcoming"), staff(who), "{who:?}");

            // An upcoming process exists only for staff.
            for path in [
                format!("/processes/{}", upcoming.id),
                format!("/proposals/{}", upcoming.ids[0]),
            ] {
                let (status, _) = server.get(&client, &path).await;
                let want = if staff(who) {
                    StatusCode::OK
                } else {
                    StatusCode::NOT_FOUND
                };
                assert_eq!(status, want, "{who:?} {path}");
            }
            for seeded in [&proposals, &support, &voting, &counting, &results] {
                let path = format!("/processes/{}", seeded.id);
                let (status, body) = server.get(&client, &path).await;
                assert_eq!(status, StatusCode::OK, "{who:?} {path}");
                assert!(body.contains("Second paragraph."), "{path}");
                assert!(body.contains("Shade trees on Main Street"), "{path}");
                // Hidden proposals are listed for staff only, with the reason.
                assert_eq!(body.contains("Rude proposal"), staff(who), "{who:?} {path}");
                let (status, _) = server
                    .get(&client, &format!("/proposals/{}", seeded.ids[4]))
                    .await;
                assert_eq!(status == StatusCode::OK, staff(who), "{who:?} hidden");
                let (status, _) = server
                    .get(&client, &format!("/proposals/{}", seeded.ids[0]))
                    .await;
                assert_eq!(status, StatusCode::OK, "{who:?} proposal");
                let (status, _) = server
                    .get(&client, &format!("/processes/{}/vote", seeded.id))
                    .await;
                assert_eq!(status, StatusCode::OK, "{who:?} vote page");
            }
            // Results exist once published, for everyone.
            for (seeded, want) in [
                (&voting, StatusCode::NOT_FOUND),
                (&counting, StatusCode::NOT_FOUND),
                (&results, StatusCode::OK),
            ] {
                let path = format!("/processes/{}/results", seeded.id);
                let (status, _) = server.get(&client, &path).await;
                assert_eq!(status, want, "{who:?} {path}");
            }
        }
        for bad in [
            "/processes/0",
            "/processes/x",
            "/proposals/999999",
            "/processes/0/vote",
        ] {
            let (status, _) = server.get(&server.client(Who::SignedOut).await, bad).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
        }
    }
}

#[tokio::test]
async fn the_process_page_shows_rules_digest_and_only_the_ballot_count() {
    for server in Server::on_every_database().await {
        let review = server.seed(At::Proposals, KNAPSACK).await;
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let resident = server.user("resident").id;
        server
            .store
            .cast_ballot(
                &NewBallot {
                    process: civis_budget::ProcessId(voting.id),
                    voter: resident,
                    content: BallotContent::Approval(vec![ProposalId(voting.ids[0])]),
                    channel: BallotChannel::Online,
                    cast_at: now(),
                },
                None,
            )
            .await
            .unwrap();
        let client = server.client(Who::SignedOut).await;
        let (_, before) = server
            .get(&client, &format!("/processes/{}", review.id))
            .await;
        assert!(before.contains("Every resident of the city."), "{before}");
        assert!(before.contains("100,000 for the whole city"), "{before}");
        assert!(before.contains("Budget of district North"), "{before}");
        assert!(!before.contains("Fingerprint of the frozen rules"));
        assert!(before.contains("aria-current=\"step\""));

        let (_, during) = server
            .get(&client, &format!("/processes/{}", voting.id))
            .await;
        let digest = settings(At::Voting, KNAPSACK).rules.digest();
        assert!(during.contains(&digest), "digest missing: {during}");
        assert!(during.contains("One ballot cast so far."), "{during}");
        assert!(during.contains("Voting closes at"), "{during}");
    }
}

#[tokio::test]
async fn the_knapsack_ballot_meter_updates_without_javascript_and_without_casting() {
    for server in Server::on_every_database().await {
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let client = server.client(Who::As(Role::Resident)).await;
        let path = format!("/processes/{}/vote", voting.id);
        let (status, page) = server.get(&client, &path).await;
        assert_eq!(status, StatusCode::OK);
        // One checkbox per project on the ballot, in its unit; no pending or hidden ones.
        for id in &voting.ids[..3] {
            assert!(page.contains(&format!("id=\"approve-{id}\"")), "{page}");
        }
        for id in &voting.ids[3..] {
            assert!(!page.contains(&format!("id=\"approve-{id}\"")));
        }
        assert!(page.contains("District: North"));
        assert!(page.contains("You may change your ballot until"));
        assert!(page.contains("name=\"action\" value=\"update\""));
        assert!(page.contains("<script src=\"/static/budget-meter."));
        let csrf = csrf_token(&page);
        let form = vec![
            ("csrf_token", csrf.clone()),
            ("approve", voting.ids[0].to_string()),
            ("approve", voting.ids[1].to_string()),
            ("action", "update".to_owned()),
        ];
        let (status, _, page) = server.post(&client, &path, &form).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        // 40,000 + 70,000 of the citywide 100,000: over, and said so.
        assert!(
            page.contains("<strong data-used>110,000</strong> / 100,000"),
            "{page}"
        );
        assert!(page.contains("Your choices cost more than this budget."));
        // Over in the citywide unit only: the North unit's warning stays hidden.
        assert_eq!(page.matches("data-over hidden").count(), 1, "{page}");
        assert!(page.contains(&format!(
            "id=\"approve-{}\" name=\"approve\"",
            voting.ids[0]
        )));
        let voter = server.user("resident").id;
        let stored = server
            .store
            .ballot(civis_budget::ProcessId(voting.id), voter)
            .await
            .unwrap();
        assert!(stored.is_none(), "updating the total must not cast");

        // The script the page loads is served, and the CSP allows it (same origin).
        let start = page.find("/static/budget-meter.").unwrap();
        let src = &page[start..start + page[start..].find('"').unwrap()];
        let r = client.get(server.url(src)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript"));
    }
}

#[tokio::test]
async fn every_budget_form_needs_the_csrf_token() {
    for server in Server::on_every_database().await {
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let client = server.client(Who::As(Role::Resident)).await;
        let path = format!("/processes/{}/vote", voting.id);
        let (status, _, _) = server
            .post(&client, &path, &[("approve", voting.ids[0].to_string())])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, page) = server.get(&client, &path).await;
        assert!(page.contains("name=\"csrf_token\""));
    }
}

#[tokio::test]
async fn ballot_forms_follow_the_format() {
    for server in Server::on_every_database().await {
        let cumulative = server
            .seed(
                At::Voting,
                BallotFormat::Cumulative {
                    points: 10,
                    max_per_project: Some(5),
                },
            )
            .await;
        let ranked = server.seed(At::Voting, BallotFormat::Ranked { k: 2 }).await;
        let approval = server
            .seed(At::Voting, BallotFormat::Approval { min: 1, max: 2 })
            .await;
        let client = server.client(Who::As(Role::Resident)).await;
        let (_, page) = server
            .get(&client, &format!("/processes/{}/vote", cumulative.id))
            .await;
        assert!(
            page.contains(&format!(
                "type=\"number\" inputmode=\"numeric\" min=\"0\" step=\"1\" id=\"points-{}\"",
                cumulative.ids[0]
            )),
            "{page}"
        );
        assert!(page.contains("at most 5 for one project"));
        assert!(!page.contains("budget-meter"));
        let (_, page) = server
            .get(&client, &format!("/processes/{}/vote", ranked.id))
            .await;
        assert!(page.contains("<select id=\"rank-1\" name=\"rank-1\">"));
        assert!(page.contains("<select id=\"rank-2\" name=\"rank-2\">"));
        assert!(!page.contains("rank-3"));
        let (_, page) = server
            .get(&client, &format!("/processes/{}/vote", approval.id))
            .await;
        assert!(page.contains("Choose between 1 and 2 projects"));
        assert!(page.contains("type=\"checkbox\""));
        assert!(!page.contains("value=\"update\""));

        // Points that are not whole numbers come back next to their field, nothing cast.
        let path = format!("/processes/{}/vote", cumulative.id);
        let (_, page) = server.get(&client, &path).await;
        let field = format!("points-{}", cumulative.ids[0]);
        let form = vec![
            ("csrf_token", csrf_token(&page)),
            (field.as_str(), "two".to_owned()),
        ];
        let (status, _, page) = server.post(&client, &path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Enter a whole number of points"), "{page}");
        assert!(
            page.contains(&format!(
                "id=\"{field}\" name=\"{field}\" value=\"two\" aria-invalid=\"true\""
            )),
            "{page}"
        );
        assert!(page.contains("role=\"alert\""));
    }
}

#[tokio::test]
async fn signed_out_visitors_and_closed_phases_get_no_ballot_form() {
    for server in Server::on_every_database().await {
        let proposals = server.seed(At::Proposals, KNAPSACK).await;
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let signed_out = server.client(Who::SignedOut).await;
        let (_, page) = server
            .get(&signed_out, &format!("/processes/{}/vote", voting.id))
            .await;
        assert!(page.contains("Sign in to vote."));
        assert!(!page.contains("name=\"approve\""));
        let resident = server.client(Who::As(Role::Resident)).await;
        let (_, page) = server
            .get(&resident, &format!("/processes/{}/vote", proposals.id))
            .await;
        assert!(page.contains("Voting has not opened yet."));
        assert!(!page.contains("name=\"approve\""));
    }
}

#[tokio::test]
async fn results_show_funded_projects_per_unit_digest_and_exports() {
    for server in Server::on_every_database().await {
        let results = server.seed(At::Results, KNAPSACK).await;
        let client = server.client(Who::SignedOut).await;
        let (status, page) = server
            .get(&client, &format!("/processes/{}/results", results.id))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            page.contains("The funded projects cost 40,000 of 100,000."),
            "{page}"
        );
        assert!(page.contains("District: North"));
        assert!(page.contains("Not funded"));
        assert!(page.contains(&format!("/api/v1/processes/{}/pabulib", results.id)));
        // The chart, its text alternative, and participation with small groups hidden.
        assert!(page.contains("<svg"), "{page}");
        assert!(page.contains("role=\"img\""));
        assert!(page.contains("Projects funded: 1 / 2."), "{page}");
        assert!(page.contains("Participation by district"));
        assert!(page.contains("fewer than 10"), "{page}");
        assert!(page.contains(&settings(At::Results, KNAPSACK).rules.digest()));
    }
}

/// A form's CSRF token, for `client`, from the page at `path`.
pub(crate) async fn token(server: &Server, client: &reqwest::Client, path: &str) -> String {
    let (status, page) = server.get(client, path).await;
    assert_eq!(status, StatusCode::OK, "GET {path}: {page}");
    csrf_token(&page)
}

#[tokio::test]
async fn a_resident_votes_without_javascript_and_may_change_the_ballot() {
    for server in Server::on_every_database().await {
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let client = server.client(Who::As(Role::Resident)).await;
        let path = format!("/processes/{}/vote", voting.id);
        let csrf = token(&server, &client, &path).await;
        let voter = server.user("resident").id;
        let stored = || async {
            server
                .store
                .ballot(civis_budget::ProcessId(voting.id), voter)
                .await
                .unwrap()
        };

        // Over the citywide budget: refused in plain words, nothing stored, choices kept.
        let form = vec![
            ("csrf_token", csrf.clone()),
            ("approve", voting.ids[0].to_string()),
            ("approve", voting.ids[1].to_string()),
            ("action", "cast".to_owned()),
        ];
        let (status, _, page) = server.post(&client, &path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains("Your ballot was not recorded"), "{page}");
        assert!(page.contains("role=\"alert\""));
        assert!(stored().await.is_none());

        let form = vec![
            ("csrf_token", csrf.clone()),
            ("approve", voting.ids[0].to_string()),
            ("approve", voting.ids[2].to_string()),
            ("action", "cast".to_owned()),
        ];
        let (status, location, _) = server.post(&client, &path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = location.unwrap();
        assert_eq!(location, format!("{path}?cast=1"));
        let (_, page) = server.get(&client, &location).await;
        assert!(page.contains("Your ballot has been recorded."), "{page}");
        assert!(page.contains("You may change your ballot until"));
        assert!(
            page.contains(&format!(
                "id=\"approve-{}\" name=\"approve\" value=\"{}\" data-cost=\"40000\" checked",
                voting.ids[0], voting.ids[0]
            )),
            "{page}"
        );
        let first = stored().await.unwrap();
        assert_eq!(first.revision, 1);
        assert_eq!(first.channel, BallotChannel::Online);

        // Changing it replaces it.
        let form = vec![
            ("csrf_token", csrf.clone()),
            ("approve", voting.ids[1].to_string()),
        ];
        let (status, _, _) = server.post(&client, &path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let second = stored().await.unwrap();
        assert_eq!(second.revision, 2);
        assert_eq!(
            second.content,
            BallotContent::Approval(vec![ProposalId(voting.ids[1])])
        );

        // Officials do not vote as residents: the service refuses, the page says so.
        let official = server.client(Who::As(Role::Official)).await;
        let csrf = token(&server, &official, &path).await;
        let form = vec![("csrf_token", csrf), ("approve", voting.ids[0].to_string())];
        let (status, _, _) = server.post(&official, &path, &form).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn officials_enter_paper_ballots_for_residents() {
    for server in Server::on_every_database().await {
        let voting = server
            .seed(At::Voting, BallotFormat::Approval { min: 1, max: 2 })
            .await;
        let path = format!("/processes/{}/paper-ballot", voting.id);
        for (who, want) in [
            (Who::As(Role::Resident), StatusCode::FORBIDDEN),
            (Who::As(Role::Auditor), StatusCode::FORBIDDEN),
            (Who::As(Role::Admin), StatusCode::OK),
            (Who::As(Role::Official), StatusCode::OK),
        ] {
            let (status, _) = server.get(&server.client(who).await, &path).await;
            assert_eq!(status, want, "{who:?}");
        }
        let (status, _) = server
            .get(&server.client(Who::SignedOut).await, &path)
            .await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "signed out: to the sign-in page"
        );

        let official = server.client(Who::As(Role::Official)).await;
        let (status, page) = server
            .get(&official, &format!("{path}?resident=nobody"))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains("There is no account with the username"),
            "{page}"
        );
        assert!(page.contains("aria-invalid=\"true\""));

        let (status, page) = server
            .get(&official, &format!("{path}?resident=neighbour"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Paper ballot for neighbour"), "{page}");
        assert!(page.contains("name=\"resident\" value=\"neighbour\""));
        let form = vec![
            ("csrf_token", csrf_token(&page)),
            ("resident", "neighbour".to_owned()),
            ("approve", voting.ids[0].to_string()),
        ];
        let (status, location, _) = server.post(&official, &path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = server.get(&official, &location.unwrap()).await;
        assert!(
            page.contains("The paper ballot of neighbour has been recorded."),
            "{page}"
        );
        let ballot = server
            .store
            .ballot(
                civis_budget::ProcessId(voting.id),
                server.user("neighbour").id,
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            ballot.channel,
            BallotChannel::Paper {
                official: server.user("official").id
            }
        );

        // Too many projects for the format: the problem is shown, nothing replaced.
        let (_, page) = server
            .get(&official, &format!("{path}?resident=neighbour"))
            .await;
        let form = vec![
            ("csrf_token", csrf_token(&page)),
            ("resident", "neighbour".to_owned()),
            ("approve", voting.ids[0].to_string()),
            ("approve", voting.ids[1].to_string()),
            ("approve", voting.ids[2].to_string()),
        ];
        let (status, _, page) = server.post(&official, &path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains("Your ballot was not recorded"));
    }
}

#[tokio::test]
async fn residents_submit_edit_and_support_proposals_with_field_messages() {
    for server in Server::on_every_database().await {
        let proposals = server.seed(At::Proposals, KNAPSACK).await;
        let resident = server.client(Who::As(Role::Resident)).await;
        let new = format!("/processes/{}/proposals/new", proposals.id);
        let csrf = token(&server, &resident, &new).await;
        let form = |title: &str, cost: &str| {
            vec![
                ("csrf_token", csrf.clone()),
                ("title", title.to_owned()),
                ("description", "Trees along the river.".to_owned()),
                ("estimated_cost", cost.to_owned()),
                ("district", "North".to_owned()),
                ("category", String::new()),
                ("location", String::new()),
            ]
        };
        let (status, _, page) = server
            .post(&resident, &new, &form("River trees", "lots"))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains("id=\"estimated_cost-error\">Enter the cost as a whole amount"),
            "{page}"
        );
        assert!(
            page.contains("value=\"River trees\""),
            "what was typed is kept"
        );
        let (status, _, page) = server.post(&resident, &new, &form("  ", "25 000")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"title-error\""), "{page}");
        let (status, location, _) = server
            .post(&resident, &new, &form("River trees", "25 000"))
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = location.unwrap();
        let (_, page) = server.get(&resident, &location).await;
        assert!(page.contains("Your proposal has been saved."));
        assert!(page.contains("25,000"));
        let id: i64 = location
            .trim_start_matches("/proposals/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        // The author edits it; nobody else may.
        let edit = format!("/proposals/{id}/edit");
        let csrf = token(&server, &resident, &edit).await;
        let changed = vec![
            ("csrf_token", csrf),
            ("title", "River trees and benches".to_owned()),
            ("description", "Trees and benches.".to_owned()),
            ("estimated_cost", "30000".to_owned()),
        ];
        let (status, _, _) = server.post(&resident, &edit, &changed).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let stored = server.store.proposal(ProposalId(id)).await.unwrap();
        assert_eq!(stored.draft.title, "River trees and benches");
        assert_eq!(stored.draft.district, None);
        let neighbour = server.client(Who::SignedOut).await;
        server.sign_in(&neighbour, "neighbour").await;
        let (status, _) = server.get(&neighbour, &edit).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Support is for the support phase.
        let support = server.seed(At::Support, KNAPSACK).await;
        let page_path = format!("/proposals/{}", support.ids[0]);
        let csrf = token(&server, &neighbour, &page_path).await;
        let (_, page) = server.get(&neighbour, &page_path).await;
        assert!(page.contains("Support this proposal"), "{page}");
        let (status, location, _) = server
            .post(
                &neighbour,
                &format!("/proposals/{}/support", support.ids[0]),
                &[("csrf_token", csrf)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = server.get(&neighbour, &location.unwrap()).await;
        assert!(page.contains("You support this proposal."), "{page}");
        assert!(!page.contains("Support this proposal<"));
    }
}

#[tokio::test]
async fn officials_review_moderate_and_publish() {
    for server in Server::on_every_database().await {
        let support = server.seed(At::Support, KNAPSACK).await;
        let official = server.client(Who::As(Role::Official)).await;
        let review = format!("/proposals/{}/review", support.ids[3]);
        for who in [Who::As(Role::Resident), Who::As(Role::Auditor)] {
            let (status, _) = server.get(&server.client(who).await, &review).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who:?}");
        }
        let csrf = token(&server, &official, &review).await;
        let (status, _, page) = server
            .post(
                &official,
                &review,
                &[
                    ("csrf_token", csrf.clone()),
                    ("status", "rejected".to_owned()),
                    ("reason", " ".to_owned()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"reason-error\""), "{page}");
        let (status, _, page) = server
            .post(&official, &review, &[("csrf_token", csrf.clone())])
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Choose one of the options"), "{page}");
        let (status, _, _) = server
            .post(
                &official,
                &review,
                &[
                    ("csrf_token", csrf.clone()),
                    ("status", "accepted".to_owned()),
                    ("official_cost", "6,500".to_owned()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let p = server
            .store
            .proposal(ProposalId(support.ids[3]))
            .await
            .unwrap();
        assert_eq!(
            p.review,
            Review::Accepted {
                official_cost: 6_500
            }
        );

        let moderation = format!("/proposals/{}/moderation", support.ids[1]);
        let (status, _, _) = server
            .post(
                &official,
                &moderation,
                &[
                    ("csrf_token", csrf.clone()),
                    ("status", "hide".to_owned()),
                    ("reason", "Personal attack".to_owned()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let p = server
            .store
            .proposal(ProposalId(support.ids[1]))
            .await
            .unwrap();
        assert_eq!(p.hidden.as_deref(), Some("Personal attack"));

        // Publishing in the counting phase computes the outcome with the frozen rule.
        let counting = server.seed(At::Counting, KNAPSACK).await;
        server
            .store
            .cast_ballot(
                &NewBallot {
                    process: civis_budget::ProcessId(counting.id),
                    voter: server.user("resident").id,
                    content: BallotContent::Approval(vec![ProposalId(counting.ids[0])]),
                    channel: BallotChannel::Online,
                    cast_at: now(),
                },
                None,
            )
            .await
            .unwrap();
        let process_page = format!("/processes/{}", counting.id);
        let (_, page) = server.get(&official, &process_page).await;
        assert!(page.contains("Compute and publish the results"));
        let csrf = csrf_token(&page);
        let results = format!("/processes/{}/results", counting.id);
        let (status, location, _) = server
            .post(&official, &results, &[("csrf_token", csrf)])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location.unwrap(), results);
        let (status, page) = server
            .get(&server.client(Who::SignedOut).await, &results)
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Shade trees on Main Street"));
        // Why each project was or was not funded, worked out by the engine.
        let why = format!("/processes/{}/results/why/{}", counting.id, counting.ids[1]);
        assert!(
            page.contains("<details><summary>Why was “A new playground” not funded?</summary>"),
            "{page}"
        );
        let (status, page) = server.get(&server.client(Who::SignedOut).await, &why).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            page.contains("Why was “A new playground” not funded?"),
            "{page}"
        );
        assert!(!page.contains("<p lang=\"en\">"), "{page}");
        let not_on_ballot = format!("/processes/{}/results/why/{}", counting.id, counting.ids[3]);
        let (status, _) = server.get(&official, &not_on_ballot).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn every_new_budget_form_refuses_a_post_without_the_csrf_token() {
    for server in Server::on_every_database().await {
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let official = server.client(Who::As(Role::Official)).await;
        let resident = server.client(Who::As(Role::Resident)).await;
        let p = voting.id;
        let q = voting.ids[0];
        for (client, path) in [
            (&resident, format!("/processes/{p}/vote")),
            (&resident, format!("/processes/{p}/proposals/new")),
            (&resident, format!("/proposals/{q}/edit")),
            (&resident, format!("/proposals/{q}/support")),
            (&official, format!("/processes/{p}/paper-ballot")),
            (&official, format!("/processes/{p}/results")),
            (&official, format!("/proposals/{q}/review")),
            (&official, format!("/proposals/{q}/moderation")),
            (&official, format!("/proposals/{q}/implementation")),
            (&official, "/processes/new".to_owned()),
            (&official, format!("/processes/{p}/edit")),
        ] {
            let (status, _, _) = server
                .post(client, &path, &[("status", "hide".to_owned())])
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "POST {path} without a token");
        }
    }
}

#[tokio::test]
async fn officials_create_and_edit_processes_until_voting_opens() {
    for server in Server::on_every_database().await {
        for (who, want) in [
            (Who::As(Role::Resident), StatusCode::FORBIDDEN),
            (Who::As(Role::Auditor), StatusCode::FORBIDDEN),
            (Who::As(Role::Admin), StatusCode::OK),
            (Who::As(Role::Official), StatusCode::OK),
        ] {
            let (status, _) = server
                .get(&server.client(who).await, "/processes/new")
                .await;
            assert_eq!(status, want, "{who:?}");
        }
        let official = server.client(Who::As(Role::Official)).await;
        let (_, page) = server.get(&official, "/processes/new").await;
        let csrf = csrf_token(&page);
        let value = |name: &str| {
            let marker = format!("id=\"{name}\" name=\"{name}\" type=\"datetime-local\" value=\"");
            let start = page
                .find(&marker)
                .unwrap_or_else(|| panic!("{name}: {page}"))
                + marker.len();
            page[start..start + 16].to_owned()
        };
        let mut form: Vec<(&str, String)> = vec![
            ("csrf_token", csrf.clone()),
            ("title_en", "Green city".into()),
            ("title_es", "Ciudad verde".into()),
            ("title_et", "Roheline linn".into()),
            ("description_en", "Trees.".into()),
            ("description_es", "Árboles.".into()),
            ("description_et", "Puud.".into()),
            ("budgets_total", "100 000".into()),
            ("budgets_districts", "North = 40000".into()),
            ("budgets_categories", "".into()),
            ("eligibility_district", "".into()),
            ("eligibility_min_age", "16".into()),
            ("ballot_type", "approval".into()),
            ("ballot_min", "1".into()),
            ("ballot_max", "3".into()),
            ("rule", "mes_add1".into()),
            ("tie_break", "lexico".into()),
        ];
        for name in [
            "schedule_proposals_open",
            "schedule_support_open",
            "schedule_review_open",
            "schedule_voting_open",
            "schedule_voting_close",
            "schedule_implementation_open",
        ] {
            form.push((name, value(name)));
        }
        // A date that is not one, and a title missing in Estonian: each next to its field.
        let mut bad = form.clone();
        for (k, v) in bad.iter_mut() {
            if *k == "schedule_voting_close" {
                *v = "soon".into();
            }
        }
        let (status, _, page) = server.post(&official, "/processes/new", &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains("id=\"schedule_voting_close-error\">Enter a date and time"),
            "{page}"
        );
        assert!(page.contains("value=\"Green city\""));
        let mut bad = form.clone();
        for (k, v) in bad.iter_mut() {
            if *k == "title_et" {
                *v = " ".into();
            }
        }
        let (status, _, page) = server.post(&official, "/processes/new", &bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"title_et-error\""), "{page}");

        let (status, location, _) = server.post(&official, "/processes/new", &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = location.unwrap();
        let (_, page) = server.get(&official, &location).await;
        assert!(page.contains("The process has been saved."), "{page}");
        assert!(page.contains("Green city"));
        assert!(page.contains("Choose between 1 and 3 projects"));
        assert!(page.contains("at least 16 years old"));
        let id = location
            .trim_start_matches("/processes/")
            .split('?')
            .next()
            .unwrap()
            .to_owned();
        let edit = format!("/processes/{id}/edit");
        let (status, page) = server.get(&official, &edit).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("North = 40000"), "{page}");
        let mut changed = form.clone();
        for (k, v) in changed.iter_mut() {
            if *k == "title_en" {
                *v = "Greener city".into();
            }
        }
        let (status, _, _) = server.post(&official, &edit, &changed).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // Once voting has opened the form is refused with the digest of the frozen rules.
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let edit = format!("/processes/{}/edit", voting.id);
        let (status, page) = server.get(&official, &edit).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("the rules of this process are frozen"),
            "{page}"
        );
        assert!(!page.contains("name=\"title_en\""));
        let (status, _, page) = server.post(&official, &edit, &form).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains(&settings(At::Voting, KNAPSACK).rules.digest()));
    }
}

#[tokio::test]
async fn residents_who_may_not_vote_are_told_before_filling_in_the_ballot() {
    for server in Server::on_every_database().await {
        let voting = server.seed(At::Voting, KNAPSACK).await;
        let mut only_north = settings(At::Voting, KNAPSACK);
        only_north.rules.eligibility.district = Some("North".to_owned());
        server
            .store
            .update_process(
                civis_budget::ProcessId(voting.id),
                &only_north,
                Change::by(server.user("official").id, now()),
            )
            .await
            .unwrap();
        let resident = server.client(Who::As(Role::Resident)).await;
        let (status, page) = server
            .get(&resident, &format!("/processes/{}/vote", voting.id))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("You cannot vote in this process."), "{page}");
        assert!(
            page.contains("Only residents of North may vote, and we do not know your district"),
            "{page}"
        );
        assert!(!page.contains("<p lang=\"en\">"), "{page}");
        assert!(!page.contains("name=\"approve\""));
    }
}
