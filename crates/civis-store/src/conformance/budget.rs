//! Participatory budgeting: processes, proposals, supports, reviews, moderation,
//! ballots (replacement, channels, concurrency), results, implementation reports
//! and resident profiles, with their audit events.

use std::collections::BTreeMap;
use std::sync::Arc;

use civis_budget::export::published::{DocumentKind, ExportDocument, PublishedExports};
use civis_budget::participation::participation;
use civis_budget::{
    BallotChannel, BallotContent, BallotFormat, Budgets, Eligibility, ImplementationStatus,
    ImplementationUpdate, Localized, NewBallot, OutcomeRule, ProcessId, ProcessResults,
    ProcessRules, ProcessSettings, ProposalDraft, ProposalId, ResidentProfile, Review, Schedule,
    TieBreak,
};
use civis_domain::{audit::user_target, AuditAction, AuditEvent, Role, User, UserId};
use serde_json::json;

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::budget_audit::{process_target, proposal_target};
use crate::{AuditFilter, Change, Page, Store, StoreError};

fn localized(text: &str) -> Localized {
    Localized(
        ["en", "es", "et"]
            .into_iter()
            .map(|l| (l.to_owned(), format!("{text} ({l})")))
            .collect(),
    )
}

/// Settings of a small approval process whose phases begin a day apart after `t(0)`.
pub fn settings(title: &str) -> ProcessSettings {
    let day = 86_400_000;
    ProcessSettings {
        title: localized(title),
        description: localized("A park, a library, bike lanes"),
        schedule: Schedule {
            proposals_open: t(day),
            support_open: t(2 * day),
            review_open: t(3 * day),
            voting_open: t(4 * day),
            voting_close: t(5 * day),
            implementation_open: t(6 * day),
        },
        rules: ProcessRules {
            budgets: Budgets {
                total: 1_000_000,
                districts: BTreeMap::from([("north".to_owned(), 250_000)]),
                categories: BTreeMap::new(),
            },
            eligibility: Eligibility {
                district: None,
                min_age: Some(16),
            },
            ballot: BallotFormat::Approval { min: 1, max: 5 },
            rule: OutcomeRule::Greedy,
            tie_break: TieBreak::Lexico,
            secret_ballots: false,
        },
    }
}

/// A proposal text with `cost` as the estimate.
pub fn draft(title: &str, cost: u64) -> ProposalDraft {
    ProposalDraft {
        title: title.to_owned(),
        description: format!("{title}, described"),
        estimated_cost: cost,
        district: Some("north".to_owned()),
        category: Some("green".to_owned()),
        location: None,
    }
}

async fn user(s: &Arc<dyn Store>, name: &str, role: Role) -> User {
    s.create_user(&new_user(name, role), system(0))
        .await
        .unwrap()
}

async fn events(s: &Arc<dyn Store>, action: AuditAction) -> Vec<AuditEvent> {
    let filter = AuditFilter {
        action: Some(action),
        ..AuditFilter::default()
    };
    s.list_audit(&filter, Page::first(100)).await.unwrap()
}

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>, what: &str) {
    assert!(matches!(r, Err(StoreError::NotFound)), "{what}: {r:?}");
}

fn online(process: ProcessId, voter: UserId, ids: &[i64], ms: i64) -> NewBallot {
    NewBallot {
        process,
        voter,
        content: BallotContent::Approval(ids.iter().copied().map(ProposalId).collect()),
        channel: BallotChannel::Online,
        cast_at: t(ms),
    }
}

/// Processes round-trip, list newest first, and changes are audited with only
/// the changed fields; an unchanged update records nothing.
pub async fn process_round_trip_and_audit<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let official = user(&s, "olga", Role::Official).await;
    let first = s
        .create_process(&settings("Budget 2027"), Change::by(official.id, t(10)))
        .await
        .unwrap();
    assert_eq!(first.settings, settings("Budget 2027"));
    assert_eq!(first.created_by, Some(official.id));
    assert_eq!((first.created_at, first.updated_at), (t(10), t(10)));
    assert_eq!(first.results_published_at, None);
    assert_eq!(s.process(first.id).await.unwrap(), first);

    let second = s
        .create_process(&settings("Budget 2028"), system(20))
        .await
        .unwrap();
    assert_eq!(second.created_by, None);
    let listed = s.list_processes().await.unwrap();
    assert_eq!(listed, vec![second.clone(), first.clone()]);

    let mut changed = settings("Budget 2027");
    changed.rules.ballot = BallotFormat::Knapsack { limit: None };
    let updated = s
        .update_process(first.id, &changed, Change::by(official.id, t(30)))
        .await
        .unwrap();
    assert_eq!(updated.settings, changed);
    assert_eq!((updated.created_at, updated.updated_at), (t(10), t(30)));
    assert_eq!(s.process(first.id).await.unwrap(), updated);
    let unchanged = s
        .update_process(first.id, &changed, Change::by(official.id, t(40)))
        .await
        .unwrap();
    assert_eq!(unchanged, updated);

    let created = events(&s, AuditAction::ProcessCreated).await;
    assert_eq!(created.len(), 2);
    assert_eq!(created[1].target, Some(process_target(first.id)));
    assert_eq!(created[1].actor, Some(official.id));
    assert_eq!(
        created[1].after.as_ref().unwrap()["title"]["en"],
        json!("Budget 2027 (en)")
    );
    let changes = events(&s, AuditAction::ProcessChanged).await;
    assert_eq!(changes.len(), 1, "an unchanged update records nothing");
    let change = &changes[0];
    assert_eq!(change.at, t(30));
    assert_eq!(change.target, Some(process_target(first.id)));
    let before = change.before.as_ref().unwrap();
    let after = change.after.as_ref().unwrap();
    assert_eq!(
        before.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["rules"]
    );
    assert_eq!(before["rules"]["ballot"]["type"], json!("approval"));
    assert_eq!(after["rules"]["ballot"]["type"], json!("knapsack"));

    let ghost = ProcessId(987_654);
    not_found(s.process(ghost).await, "process");
    not_found(
        s.update_process(ghost, &changed, system(50)).await,
        "update_process",
    );
    not_found(
        s.create_process(&changed, Change::by(UserId(987_654), t(50)))
            .await,
        "create_process by a ghost",
    );
    assert_eq!(s.list_processes().await.unwrap().len(), 2);
}

/// Proposals round-trip, list in submission order, and report `NotFound`.
pub async fn proposal_round_trip<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let other = s.create_process(&settings("Q"), system(2)).await.unwrap();

    let park = s
        .create_proposal(process.id, ana.id, &draft("Park", 50_000), t(10))
        .await
        .unwrap();
    assert_eq!(park.process, process.id);
    assert_eq!(park.author, ana.id);
    assert_eq!(park.draft, draft("Park", 50_000));
    assert_eq!(park.review, Review::Pending);
    assert_eq!((park.hidden.clone(), park.supports), (None, 0));
    assert_eq!((park.created_at, park.updated_at), (t(10), t(10)));
    assert_eq!(s.proposal(park.id).await.unwrap(), park);

    let lane = s
        .create_proposal(process.id, ana.id, &draft("Bike lane", 80_000), t(11))
        .await
        .unwrap();
    s.create_proposal(other.id, ana.id, &draft("Elsewhere", 1), t(12))
        .await
        .unwrap();

    let mut text = draft("Bigger park", 60_000);
    text.location = Some("59.437,24.753".into());
    text.district = None;
    let edited = s.update_proposal(park.id, &text, t(20)).await.unwrap();
    assert_eq!(edited.draft, text);
    assert_eq!((edited.created_at, edited.updated_at), (t(10), t(20)));
    assert_eq!(s.proposal(park.id).await.unwrap(), edited);

    let listed = s.list_proposals(process.id).await.unwrap();
    assert_eq!(listed, vec![edited, lane]);
    assert!(s
        .list_proposals(ProcessId(987_654))
        .await
        .unwrap()
        .is_empty());

    let ghost = ProposalId(987_654);
    not_found(s.proposal(ghost).await, "proposal");
    not_found(
        s.update_proposal(ghost, &text, t(30)).await,
        "update_proposal",
    );
    not_found(
        s.create_proposal(ProcessId(987_654), ana.id, &text, t(30))
            .await,
        "create_proposal in a ghost process",
    );
    not_found(
        s.create_proposal(process.id, UserId(987_654), &text, t(30))
            .await,
        "create_proposal by a ghost",
    );
}

/// Supporting twice counts once; supports are per resident and per proposal.
pub async fn support_is_idempotent<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let ben = user(&s, "ben", Role::Resident).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let park = s
        .create_proposal(process.id, ana.id, &draft("Park", 5), t(2))
        .await
        .unwrap();
    let lane = s
        .create_proposal(process.id, ana.id, &draft("Lane", 5), t(2))
        .await
        .unwrap();

    assert!(!s.supports(park.id, ben.id).await.unwrap());
    assert!(s.support_proposal(park.id, ben.id, t(3)).await.unwrap());
    assert!(!s.support_proposal(park.id, ben.id, t(4)).await.unwrap());
    assert!(s.support_proposal(park.id, ana.id, t(5)).await.unwrap());
    assert!(s.support_proposal(lane.id, ben.id, t(6)).await.unwrap());
    assert!(s.supports(park.id, ben.id).await.unwrap());
    assert!(!s.supports(lane.id, ana.id).await.unwrap());
    assert_eq!(s.proposal(park.id).await.unwrap().supports, 2);
    let supports: Vec<u64> = s
        .list_proposals(process.id)
        .await
        .unwrap()
        .iter()
        .map(|p| p.supports)
        .collect();
    assert_eq!(supports, [2, 1]);

    not_found(
        s.support_proposal(ProposalId(987_654), ben.id, t(7)).await,
        "support a ghost proposal",
    );
    not_found(
        s.support_proposal(park.id, UserId(987_654), t(7)).await,
        "support by a ghost",
    );
    assert!(!s.supports(ProposalId(987_654), ben.id).await.unwrap());
}

/// Reviews and moderation change the proposal and are audited with before and
/// after; repeating the same decision records nothing.
pub async fn review_and_moderation_are_audited<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let olga = user(&s, "olga", Role::Official).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let park = s
        .create_proposal(process.id, ana.id, &draft("Park", 50), t(2))
        .await
        .unwrap();
    let dup = s
        .create_proposal(process.id, ana.id, &draft("Park again", 50), t(3))
        .await
        .unwrap();

    let accepted = Review::Accepted { official_cost: 70 };
    let reviewed = s
        .review_proposal(park.id, &accepted, Change::by(olga.id, t(10)))
        .await
        .unwrap();
    assert_eq!(reviewed.review, accepted);
    assert_eq!(reviewed.updated_at, t(10));
    assert_eq!((reviewed.on_ballot(), reviewed.cost()), (true, 70));
    assert_eq!(s.proposal(park.id).await.unwrap(), reviewed);
    let again = s
        .review_proposal(park.id, &accepted, Change::by(olga.id, t(11)))
        .await
        .unwrap();
    assert_eq!(again, reviewed);
    let merged = Review::Merged { into: park.id };
    s.review_proposal(dup.id, &merged, Change::by(olga.id, t(12)))
        .await
        .unwrap();
    assert_eq!(s.proposal(dup.id).await.unwrap().review, merged);

    let reviews = events(&s, AuditAction::ProposalReviewed).await;
    assert_eq!(reviews.len(), 2);
    let park_review = &reviews[1];
    assert_eq!(park_review.actor, Some(olga.id));
    assert_eq!(park_review.target, Some(proposal_target(park.id)));
    assert_eq!(
        park_review.before,
        Some(json!({"review": {"status": "pending"}}))
    );
    assert_eq!(
        park_review.after,
        Some(json!({"review": {"status": "accepted", "official_cost": 70}}))
    );

    let hidden = s
        .moderate_proposal(park.id, Some("insults"), Change::by(olga.id, t(20)))
        .await
        .unwrap();
    assert_eq!(hidden.hidden.as_deref(), Some("insults"));
    assert!(!hidden.on_ballot());
    assert_eq!(hidden.updated_at, t(10), "moderation is not an edit");
    assert_eq!(s.proposal(park.id).await.unwrap(), hidden);
    s.moderate_proposal(park.id, Some("insults"), Change::by(olga.id, t(21)))
        .await
        .unwrap();
    let shown = s
        .moderate_proposal(park.id, None, Change::by(olga.id, t(22)))
        .await
        .unwrap();
    assert_eq!(shown.hidden, None);
    assert_eq!(s.list_proposals(process.id).await.unwrap()[0], shown);
    let moderation = events(&s, AuditAction::ProposalModerated).await;
    assert_eq!(moderation.len(), 2);
    assert_eq!(moderation[1].before, Some(json!({"hidden": null})));
    assert_eq!(moderation[1].after, Some(json!({"hidden": "insults"})));
    assert_eq!(moderation[0].after, Some(json!({"hidden": null})));
    assert_eq!(moderation[0].at, t(22));

    let ghost = ProposalId(987_654);
    not_found(
        s.review_proposal(ghost, &accepted, system(30)).await,
        "review a ghost",
    );
    not_found(
        s.moderate_proposal(ghost, Some("x"), system(30)).await,
        "moderate a ghost",
    );
    not_found(
        s.review_proposal(
            park.id,
            &Review::Rejected {
                reason: "no".into(),
            },
            Change::by(UserId(987_654), t(30)),
        )
        .await,
        "review by a ghost",
    );
    assert_eq!(s.proposal(park.id).await.unwrap().review, accepted);
}

/// A new ballot replaces the voter's earlier one and raises its revision; online
/// ballots record no audit event.
pub async fn ballot_replacement_and_revision<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let ben = user(&s, "ben", Role::Resident).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let other = s.create_process(&settings("Q"), system(2)).await.unwrap();
    assert_eq!(s.ballot(process.id, ana.id).await.unwrap(), None);
    assert_eq!(s.count_ballots(process.id).await.unwrap(), 0);
    let audit_before = s.count_audit(&AuditFilter::default()).await.unwrap();

    let first = s
        .cast_ballot(&online(process.id, ana.id, &[1, 2], 10), None)
        .await
        .unwrap();
    assert_eq!(first.revision, 1);
    assert_eq!(first.channel, BallotChannel::Online);
    assert_eq!(first.cast_at, t(10));
    assert_eq!(s.ballot(process.id, ana.id).await.unwrap(), Some(first));

    let points = NewBallot {
        content: BallotContent::Points(vec![(ProposalId(3), 4), (ProposalId(1), 1)]),
        ..online(process.id, ana.id, &[], 20)
    };
    let second = s.cast_ballot(&points, None).await.unwrap();
    assert_eq!(second.revision, 2);
    assert_eq!(second.content, points.content);
    assert_eq!(
        s.ballot(process.id, ana.id).await.unwrap(),
        Some(second.clone())
    );

    let ranking = NewBallot {
        content: BallotContent::Ranking(vec![ProposalId(2), ProposalId(1)]),
        ..online(process.id, ben.id, &[], 30)
    };
    let bens = s.cast_ballot(&ranking, None).await.unwrap();
    assert_eq!(bens.revision, 1);
    let elsewhere = s
        .cast_ballot(&online(other.id, ana.id, &[], 40), None)
        .await
        .unwrap();
    assert_eq!(elsewhere.revision, 1, "revisions are per process");

    assert_eq!(s.count_ballots(process.id).await.unwrap(), 2);
    assert_eq!(s.count_ballots(other.id).await.unwrap(), 1);
    assert_eq!(
        s.list_ballots(process.id).await.unwrap(),
        vec![second, bens]
    );
    assert!(s.list_ballots(ProcessId(987_654)).await.unwrap().is_empty());
    assert_eq!(
        s.count_audit(&AuditFilter::default()).await.unwrap(),
        audit_before,
        "online ballots are not audited"
    );

    not_found(
        s.cast_ballot(&online(ProcessId(987_654), ana.id, &[1], 50), None)
            .await,
        "ballot in a ghost process",
    );
    not_found(
        s.cast_ballot(&online(process.id, UserId(987_654), &[1], 50), None)
            .await,
        "ballot of a ghost",
    );
    assert_eq!(s.count_ballots(process.id).await.unwrap(), 2);
}

/// A paper ballot replaces an online one and the reverse; paper ballots are
/// audited (voter, channels, revision; never the choices).
pub async fn paper_and_online_replace_each_other<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let ben = user(&s, "ben", Role::Resident).await;
    let olga = user(&s, "olga", Role::Official).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let paper = |voter: UserId, ids: &[i64], ms: i64| NewBallot {
        channel: BallotChannel::Paper { official: olga.id },
        ..online(process.id, voter, ids, ms)
    };

    s.cast_ballot(&online(process.id, ana.id, &[1], 10), None)
        .await
        .unwrap();
    let on_paper = s
        .cast_ballot(&paper(ana.id, &[2], 20), Some(Change::by(olga.id, t(20))))
        .await
        .unwrap();
    assert_eq!(on_paper.revision, 2);
    assert_eq!(on_paper.channel, BallotChannel::Paper { official: olga.id });
    assert_eq!(s.ballot(process.id, ana.id).await.unwrap(), Some(on_paper));

    let back_online = s
        .cast_ballot(&online(process.id, ana.id, &[3], 30), None)
        .await
        .unwrap();
    assert_eq!(back_online.revision, 3);
    assert_eq!(back_online.channel, BallotChannel::Online);
    assert_eq!(
        s.ballot(process.id, ana.id).await.unwrap(),
        Some(back_online)
    );

    let bens = s
        .cast_ballot(
            &paper(ben.id, &[1, 2], 40),
            Some(Change::by(olga.id, t(40))),
        )
        .await
        .unwrap();
    assert_eq!(bens.revision, 1);
    assert_eq!(s.count_ballots(process.id).await.unwrap(), 2);

    let entered = events(&s, AuditAction::PaperBallotEntered).await;
    assert_eq!(entered.len(), 2);
    for e in &entered {
        assert_eq!(e.actor, Some(olga.id));
        assert_eq!(e.target, Some(process_target(process.id)));
    }
    assert_eq!(entered[1].at, t(20));
    assert_eq!(
        entered[1].before,
        Some(json!({"voter": ana.id.0, "channel": "online"}))
    );
    assert_eq!(
        entered[1].after,
        Some(json!({"voter": ana.id.0, "channel": "paper", "revision": 2}))
    );
    assert_eq!(entered[0].before, None, "ben had no ballot before");

    not_found(
        s.cast_ballot(
            &NewBallot {
                channel: BallotChannel::Paper {
                    official: UserId(987_654),
                },
                ..online(process.id, ben.id, &[1], 50)
            },
            Some(Change::by(olga.id, t(50))),
        )
        .await,
        "paper ballot entered by a ghost",
    );
    assert_eq!(
        s.ballot(process.id, ben.id)
            .await
            .unwrap()
            .unwrap()
            .revision,
        1
    );
    assert_eq!(events(&s, AuditAction::PaperBallotEntered).await.len(), 2);
}

/// Many concurrent casts by one voter through two separate stores (two pools,
/// as two servers) leave exactly one ballot whose revision counts every cast.
pub async fn concurrent_casts_leave_one_ballot<H: Harness>(h: Arc<H>) {
    let first = h.store();
    let second = h.second_store().await;
    let ana = user(&first, "ana", Role::Resident).await;
    let ben = user(&first, "ben", Role::Resident).await;
    let olga = user(&first, "olga", Role::Official).await;
    let process = first
        .create_process(&settings("P"), system(1))
        .await
        .unwrap();
    const PER_STORE: i64 = 25;
    let mut tasks = Vec::new();
    for (n, store) in [first.clone(), second.clone()].into_iter().enumerate() {
        for i in 0..PER_STORE {
            let store = store.clone();
            let ms = 100 + i64::try_from(n).unwrap() * 1000 + i;
            let mut ballot = online(process.id, ana.id, &[i], ms);
            let mut change = None;
            if i % 5 == 0 {
                ballot.channel = BallotChannel::Paper { official: olga.id };
                change = Some(Change::by(olga.id, t(ms)));
            }
            let bens = online(process.id, ben.id, &[i], ms);
            tasks.push(tokio::spawn(async move {
                let a = store.cast_ballot(&ballot, change).await;
                let b = store.cast_ballot(&bens, None).await;
                (a, b)
            }));
        }
    }
    let mut revisions = Vec::new();
    for task in tasks {
        let (a, b) = task.await.unwrap();
        let a = a.unwrap_or_else(|e| panic!("cast: {e:?} ({})", e.log_detail()));
        b.unwrap_or_else(|e| panic!("cast: {e:?} ({})", e.log_detail()));
        revisions.push(a.revision);
    }
    revisions.sort_unstable();
    let total = u32::try_from(2 * PER_STORE).unwrap();
    assert_eq!(
        revisions,
        (1..=total).collect::<Vec<_>>(),
        "each cast got its own revision"
    );
    for s in [&first, &second] {
        assert_eq!(s.count_ballots(process.id).await.unwrap(), 2);
        let ballots = s.list_ballots(process.id).await.unwrap();
        assert_eq!(ballots.len(), 2);
        assert_eq!(ballots[0].voter, ana.id);
        assert_eq!(ballots[0].revision, total);
        assert_eq!(ballots[1].revision, total);
    }
    assert_eq!(
        events(&first, AuditAction::PaperBallotEntered).await.len(),
        10
    );
    second.close().await;
}

/// Results are published once, mark the process, and are audited.
pub async fn results_publish_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let olga = user(&s, "olga", Role::Official).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    assert_eq!(s.results(process.id).await.unwrap(), None);
    let results = ProcessResults {
        computed_at: t(100),
        rules_digest: process.settings.rules.digest(),
        ballots: 3,
        units: vec![civis_budget::UnitOutcome {
            unit: "citywide".into(),
            budget: 1_000_000,
            selected: vec![ProposalId(2), ProposalId(1)],
            cost: 900_000,
            voters: 3,
            projects: vec![civis_budget::ProjectTally {
                project: ProposalId(2),
                cost: 500_000,
                votes: 3,
                score: None,
                selected: true,
            }],
        }],
        explanations: Vec::new(),
    };
    s.publish_results(process.id, &results, None, Change::by(olga.id, t(110)))
        .await
        .unwrap();
    assert_eq!(s.results(process.id).await.unwrap(), Some(results.clone()));
    let published = s.process(process.id).await.unwrap();
    assert_eq!(published.results_published_at, Some(t(110)));
    assert_eq!(published.updated_at, process.updated_at);

    let again = s
        .publish_results(process.id, &results, None, Change::by(olga.id, t(120)))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { field: "results" })),
        "{again:?}"
    );
    assert_eq!(
        s.process(process.id).await.unwrap().results_published_at,
        Some(t(110))
    );
    not_found(
        s.publish_results(ProcessId(987_654), &results, None, system(130))
            .await,
        "publish a ghost",
    );
    assert_eq!(s.results(ProcessId(987_654)).await.unwrap(), None);

    let published = events(&s, AuditAction::ResultsPublished).await;
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].actor, Some(olga.id));
    assert_eq!(published[0].target, Some(process_target(process.id)));
    let after = published[0].after.as_ref().unwrap();
    assert_eq!(after["ballots"], json!(3));
    assert_eq!(after["rules_digest"], json!(results.rules_digest));
    assert_eq!(after["units"][0]["selected"], json!([2, 1]));
}

fn results_of(process: &civis_budget::Process) -> ProcessResults {
    ProcessResults {
        computed_at: t(100),
        rules_digest: process.settings.rules.digest(),
        ballots: 0,
        units: Vec::new(),
        explanations: Vec::new(),
    }
}

/// Exports as published: participation figures, two Pabulib files, CSV and a large JSON.
fn exports(tag: &str) -> PublishedExports {
    let north = ResidentProfile {
        district: Some("Põhja".to_owned()),
        birth_date: Some("1990-05-17".to_owned()),
    };
    let voters = vec![north.clone(); 12];
    let residents = vec![north; 40];
    let doc = |kind: DocumentKind, file_name: &str, text: String| ExportDocument {
        kind,
        file_name: file_name.to_owned(),
        text,
    };
    PublishedExports {
        participation: participation(t(0), &voters, Some(&residents)),
        documents: vec![
            doc(
                DocumentKind::Pabulib {
                    unit: "citywide".to_owned(),
                },
                "process-1-citywide.pb",
                format!("META\nkey;value\ndescription;{tag}\n"),
            ),
            doc(
                DocumentKind::Pabulib {
                    unit: "district:Põhja".to_owned(),
                },
                "process-1-district-P-hja.pb",
                format!("META\nkey;value\nunit;Põhja {tag}\n"),
            ),
            doc(
                DocumentKind::Csv,
                "process-1.csv",
                format!("id,title\r\n1,{tag}\r\n"),
            ),
            doc(
                DocumentKind::Json,
                "process-1.json",
                format!(
                    "{{\"tag\": \"{tag}\", \"ballots\": [{}]}}",
                    "[1, 2, 3], ".repeat(200_000)
                ),
            ),
        ],
    }
}

/// Exports are stored with the results in one go, or once later for results published
/// without them, and are never replaced.
pub async fn published_exports_stored_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let olga = user(&s, "olga", Role::Official).await;
    let kinds = |e: &PublishedExports| -> Vec<DocumentKind> {
        e.documents.iter().map(|d| d.kind.clone()).collect()
    };

    // Published with its exports.
    let with = s.create_process(&settings("P"), system(1)).await.unwrap();
    let first = exports("first");
    assert_eq!(s.published_participation(with.id).await.unwrap(), None);
    assert_eq!(s.published_document_kinds(with.id).await.unwrap(), vec![]);
    not_found(
        s.store_published_exports(with.id, &first).await,
        "exports before the results",
    );
    s.publish_results(
        with.id,
        &results_of(&with),
        Some(&first),
        Change::by(olga.id, t(110)),
    )
    .await
    .unwrap();
    assert_eq!(
        s.published_participation(with.id).await.unwrap(),
        Some(first.participation.clone())
    );
    assert_eq!(
        s.published_document_kinds(with.id).await.unwrap(),
        kinds(&first)
    );
    for d in &first.documents {
        let got = s.published_document(with.id, &d.kind).await.unwrap();
        assert_eq!(got.as_ref(), Some(d), "{:?}", d.kind);
    }
    let ghost_unit = DocumentKind::Pabulib {
        unit: "district:Lõuna".to_owned(),
    };
    assert_eq!(
        s.published_document(with.id, &ghost_unit).await.unwrap(),
        None
    );
    // Never replaced.
    assert!(!s
        .store_published_exports(with.id, &exports("second"))
        .await
        .unwrap());
    let csv = s
        .published_document(with.id, &DocumentKind::Csv)
        .await
        .unwrap()
        .unwrap();
    assert!(csv.text.contains("first"), "{csv:?}");

    // Published without them (as before they were stored): stored once, later.
    let without = s.create_process(&settings("Q"), system(1)).await.unwrap();
    s.publish_results(
        without.id,
        &results_of(&without),
        None,
        Change::by(olga.id, t(120)),
    )
    .await
    .unwrap();
    assert_eq!(s.published_participation(without.id).await.unwrap(), None);
    assert_eq!(
        s.published_document_kinds(without.id).await.unwrap(),
        vec![]
    );
    assert_eq!(
        s.published_document(without.id, &DocumentKind::Json)
            .await
            .unwrap(),
        None
    );
    let later = exports("later");
    assert!(s.store_published_exports(without.id, &later).await.unwrap());
    assert!(!s.store_published_exports(without.id, &first).await.unwrap());
    assert_eq!(
        s.published_participation(without.id).await.unwrap(),
        Some(later.participation.clone())
    );
    assert_eq!(
        s.published_document_kinds(without.id).await.unwrap(),
        kinds(&later)
    );
    let json = s
        .published_document(without.id, &DocumentKind::Json)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(json.text.len(), later.documents[3].text.len());
    assert!(json.text.len() > 2_000_000);
    assert!(json.text.contains("\"later\""));
    // The other process's are its own.
    let csv = s
        .published_document(with.id, &DocumentKind::Csv)
        .await
        .unwrap()
        .unwrap();
    assert!(csv.text.contains("first"));

    not_found(
        s.store_published_exports(ProcessId(987_654), &first).await,
        "exports of a ghost",
    );
    assert_eq!(
        s.published_participation(ProcessId(987_654)).await.unwrap(),
        None
    );
    // Storing exports writes no audit event (publishing results does).
    assert_eq!(events(&s, AuditAction::ResultsPublished).await.len(), 2);
}

/// Implementation reports list oldest first per process and are audited.
pub async fn implementation_updates_round_trip<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let olga = user(&s, "olga", Role::Official).await;
    let process = s.create_process(&settings("P"), system(1)).await.unwrap();
    let other = s.create_process(&settings("Q"), system(1)).await.unwrap();
    let park = s
        .create_proposal(process.id, ana.id, &draft("Park", 5), t(2))
        .await
        .unwrap();
    let lane = s
        .create_proposal(process.id, ana.id, &draft("Lane", 5), t(2))
        .await
        .unwrap();
    let elsewhere = s
        .create_proposal(other.id, ana.id, &draft("Elsewhere", 5), t(2))
        .await
        .unwrap();
    let report = |proposal: ProposalId, status, progress, ms| ImplementationUpdate {
        proposal,
        status,
        progress,
        note: format!("report at {ms}"),
        author: olga.id,
        at: t(ms),
    };
    let later = report(park.id, ImplementationStatus::InProgress, 40, 30);
    let earlier = report(lane.id, ImplementationStatus::Planned, 0, 20);
    let done = report(park.id, ImplementationStatus::Done, 100, 40);
    for u in [&later, &earlier, &done] {
        s.add_implementation_update(u, Change::by(olga.id, u.at))
            .await
            .unwrap();
    }
    s.add_implementation_update(
        &report(elsewhere.id, ImplementationStatus::Cancelled, 0, 50),
        Change::by(olga.id, t(50)),
    )
    .await
    .unwrap();
    assert_eq!(
        s.list_implementation_updates(process.id).await.unwrap(),
        vec![earlier, later, done]
    );
    assert_eq!(
        s.list_implementation_updates(other.id).await.unwrap().len(),
        1
    );
    not_found(
        s.add_implementation_update(
            &report(ProposalId(987_654), ImplementationStatus::Done, 100, 60),
            Change::by(olga.id, t(60)),
        )
        .await,
        "report on a ghost",
    );

    let reported = events(&s, AuditAction::ImplementationUpdated).await;
    assert_eq!(reported.len(), 4);
    let park_done = reported
        .iter()
        .find(|e| e.at == t(40))
        .expect("the 'done' report");
    assert_eq!(park_done.target, Some(proposal_target(park.id)));
    assert_eq!(
        park_done.after,
        Some(json!({"status": "done", "progress": 100, "note": "report at 40"}))
    );
}

/// Resident profiles start empty, round-trip, and changes are audited with the
/// changed fields; an unchanged profile records nothing.
pub async fn resident_profiles_round_trip<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let olga = user(&s, "olga", Role::Official).await;
    assert_eq!(
        s.resident_profile(ana.id).await.unwrap(),
        ResidentProfile::default()
    );
    let north = ResidentProfile {
        district: Some("north".into()),
        birth_date: Some("1990-05-17".into()),
    };
    s.set_resident_profile(ana.id, &north, Change::by(olga.id, t(10)))
        .await
        .unwrap();
    assert_eq!(s.resident_profile(ana.id).await.unwrap(), north);
    s.set_resident_profile(ana.id, &north, Change::by(olga.id, t(11)))
        .await
        .unwrap();
    let moved = ResidentProfile {
        district: Some("south".into()),
        ..north.clone()
    };
    s.set_resident_profile(ana.id, &moved, Change::by(olga.id, t(12)))
        .await
        .unwrap();
    assert_eq!(s.resident_profile(ana.id).await.unwrap(), moved);
    assert_eq!(
        s.resident_profile(olga.id).await.unwrap(),
        ResidentProfile::default()
    );

    let changes = events(&s, AuditAction::ResidentProfileChanged).await;
    assert_eq!(changes.len(), 2);
    assert!(changes
        .iter()
        .all(|e| e.target == Some(user_target(ana.id))));
    assert_eq!(changes[0].before, Some(json!({"district": "north"})));
    assert_eq!(changes[0].after, Some(json!({"district": "south"})));
    assert_eq!(
        changes[1].before,
        Some(json!({"district": null, "birth_date": null}))
    );

    not_found(
        s.resident_profile(UserId(987_654)).await,
        "profile of a ghost",
    );
    not_found(
        s.set_resident_profile(UserId(987_654), &north, system(20))
            .await,
        "set a ghost's profile",
    );
}

/// Bulk profiles: one per counted ballot (by voter id) and one per active resident.
pub async fn bulk_profiles<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ana = user(&s, "ana", Role::Resident).await;
    let ben = user(&s, "ben", Role::Resident).await;
    let cyd = user(&s, "cyd", Role::Resident).await;
    let gone = user(&s, "gone", Role::Resident).await;
    let olga = user(&s, "olga", Role::Official).await;
    s.disable_user(gone.id, system(1)).await.unwrap();
    let north = ResidentProfile {
        district: Some("north".into()),
        birth_date: Some("2001-02-03".into()),
    };
    for u in [&ben, &gone, &olga] {
        s.set_resident_profile(u.id, &north, system(2))
            .await
            .unwrap();
    }
    let process = s.create_process(&settings("P"), system(3)).await.unwrap();
    let other = s.create_process(&settings("Q"), system(3)).await.unwrap();
    for (voter, p) in [
        (&ben, &process),
        (&ana, &process),
        (&ana, &process),
        (&cyd, &other),
    ] {
        s.cast_ballot(&online(p.id, voter.id, &[1], 10), None)
            .await
            .unwrap();
    }
    let empty = ResidentProfile::default();
    assert_eq!(
        s.voter_profiles(process.id).await.unwrap(),
        vec![(ana.id, empty.clone()), (ben.id, north.clone())]
    );
    assert!(s
        .voter_profiles(ProcessId(987_654))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        s.resident_profiles().await.unwrap(),
        vec![(ana.id, empty.clone()), (ben.id, north), (cyd.id, empty)]
    );
}
