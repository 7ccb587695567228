//! What the budget service and the PB engine say, on the pages in Spanish and Estonian:
//! a bad ballot (online and on paper), a resident who may not vote, an action in the
//! wrong phase (on its form and on an error page), a bad proposal or review, a bad
//! process form, and why each project was or was not funded; with amounts as each
//! language writes them and no English sentence left. On every test database, as the other page tests.

use civis_budget::{
    BallotChannel, BallotContent, BallotFormat, NewBallot, ProcessId, ProposalId, ResidentProfile,
    Review,
};
use civis_domain::Role;
use civis_store::Change;
use reqwest::StatusCode;

use crate::budget_pages::{csrf_token, now, settings, token, At, Server, Who, KNAPSACK};

/// Switches `client` to `lang` with the language switcher: the `lang` cookie it sets
/// wins over the `Accept-Language: en` the test server's requests send.
async fn speak(server: &Server, client: &reqwest::Client, lang: &str) {
    let r = client
        .get(server.url(&format!("/processes?lang={lang}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The page is in `lang`, marks no passage as English, and holds none of `english`.
fn in_language(page: &str, lang: &str, english: &[&str]) {
    assert!(
        page.contains(&format!("<html lang=\"{lang}\"")),
        "not in {lang}: {page}"
    );
    // The language switcher's own link to English is the only `lang="en"` allowed.
    let marks = page.matches(" lang=\"en\"").count();
    let switcher = page.matches(" hreflang=\"en\" lang=\"en\"").count();
    assert_eq!(marks, switcher, "a passage marked English: {page}");
    for words in english {
        assert!(!page.contains(words), "English left ({words}): {page}");
    }
}

/// Fragments of the English messages of ballots and eligibility.
const BALLOT_ENGLISH: &[&str] = &[
    "You chose",
    "but its budget is",
    "worth of projects",
    "you may choose at most",
    "Only residents",
    "may vote",
    "ask the city",
    "Your ballot was not recorded",
];

#[tokio::test]
async fn bad_ballots_are_explained_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        bad_ballots_are_explained_in_spanish_and_estonian_on(&server).await;
    }
}

async fn bad_ballots_are_explained_in_spanish_and_estonian_on(server: &Server) {
    let knapsack = server.seed(At::Voting, KNAPSACK).await;
    let approval = server
        .seed(At::Voting, BallotFormat::Approval { min: 1, max: 2 })
        .await;
    for (lang, over_budget, too_many) in [
        (
            "es",
            "Has elegido proyectos que cuestan 110.000 en el presupuesto de toda la ciudad, pero su presupuesto es 100.000: quita proyectos por valor de 10.000.",
            "Has elegido 3 proyectos, pero puedes elegir como máximo 2: quita 1 proyecto.",
        ),
        (
            "et",
            "Valisid kogu linna eelarves projekte 110\u{a0}000 eest, kuid eelarve on seal 100\u{a0}000: eemalda projekte 10\u{a0}000 eest.",
            "Valisid 3 projekti, kuid võid valida kõige rohkem 2: eemalda 1 projekt.",
        ),
    ] {
        let resident = server.client(Who::As(Role::Resident)).await;
        speak(server, &resident, lang).await;
        // Over the citywide budget: 40,000 + 70,000 of 100,000.
        let path = format!("/processes/{}/vote", knapsack.id);
        let form = vec![
            ("csrf_token", token(server, &resident, &path).await),
            ("approve", knapsack.ids[0].to_string()),
            ("approve", knapsack.ids[1].to_string()),
            ("action", "cast".to_owned()),
        ];
        let (status, _, page) = server.post(&resident, &path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains(over_budget), "{lang}: {page}");
        in_language(&page, lang, BALLOT_ENGLISH);

        // More projects than the format allows.
        let path = format!("/processes/{}/vote", approval.id);
        let mut form = vec![("csrf_token", token(server, &resident, &path).await)];
        for id in &approval.ids[..3] {
            form.push(("approve", id.to_string()));
        }
        let (status, _, page) = server.post(&resident, &path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains(too_many), "{lang}: {page}");
        in_language(&page, lang, BALLOT_ENGLISH);

        // The same on a paper ballot an official enters.
        let official = server.client(Who::As(Role::Official)).await;
        speak(server, &official, lang).await;
        let paper = format!("/processes/{}/paper-ballot", approval.id);
        let csrf = token(server, &official, &format!("{paper}?resident=neighbour")).await;
        let mut form = vec![("csrf_token", csrf), ("resident", "neighbour".to_owned())];
        for id in &approval.ids[..3] {
            form.push(("approve", id.to_string()));
        }
        let (status, _, page) = server.post(&official, &paper, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains(too_many), "{lang}: {page}");
        in_language(&page, lang, BALLOT_ENGLISH);
    }
    // Nothing was recorded.
    assert_eq!(
        server
            .store
            .count_ballots(ProcessId(approval.id))
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn residents_who_may_not_vote_are_told_why_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        residents_who_may_not_vote_are_told_why_in_spanish_and_estonian_on(&server).await;
    }
}

async fn residents_who_may_not_vote_are_told_why_in_spanish_and_estonian_on(server: &Server) {
    let voting = server.seed(At::Voting, KNAPSACK).await;
    let mut rules = settings(At::Voting, KNAPSACK);
    rules.rules.eligibility.district = Some("North".to_owned());
    rules.rules.eligibility.min_age = Some(16);
    let official = server.user("official").id;
    server
        .store
        .update_process(ProcessId(voting.id), &rules, Change::by(official, now()))
        .await
        .unwrap();
    // The neighbour lives in North and turns 16 the year after voting opens.
    let voting_year: i64 = rules.schedule.voting_open.to_string()[..4].parse().unwrap();
    server
        .store
        .set_resident_profile(
            server.user("neighbour").id,
            &ResidentProfile {
                district: Some("North".to_owned()),
                birth_date: Some(format!("{}-01-01", voting_year - 15)),
            },
            Change::by(official, now()),
        )
        .await
        .unwrap();
    let path = format!("/processes/{}/vote", voting.id);
    for (lang, no_district, too_young) in [
        (
            "es",
            "Solo pueden votar los vecinos de North, y no sabemos en qué distrito vives: pide al ayuntamiento que lo registre.",
            "Solo pueden votar los vecinos que tengan 16 años o más el día en que se abre la votación, y ese día tendrás 15 años.",
        ),
        (
            "et",
            "Hääletada saavad ainult linnaosa North elanikud, kuid me ei tea sinu linnaosa: palu linnal see kirja panna.",
            "Hääletada saavad ainult elanikud, kes on hääletuse avamise päeval vähemalt 16-aastased, aga sina oled siis 15-aastane.",
        ),
    ] {
        // Told before filling in the ballot, and again if a ballot is sent anyway.
        let resident = server.client(Who::As(Role::Resident)).await;
        speak(server, &resident, lang).await;
        let (status, page) = server.get(&resident, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(no_district), "{lang}: {page}");
        assert!(!page.contains("name=\"approve\""));
        in_language(&page, lang, BALLOT_ENGLISH);
        let form = vec![
            ("csrf_token", csrf_token(&page)),
            ("approve", voting.ids[0].to_string()),
        ];
        let (status, _, page) = server.post(&resident, &path, &form).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
        assert!(page.contains(no_district), "{lang}: {page}");
        in_language(&page, lang, BALLOT_ENGLISH);

        let neighbour = server.client(Who::SignedOut).await;
        speak(server, &neighbour, lang).await;
        server.sign_in(&neighbour, "neighbour").await;
        let (_, page) = server.get(&neighbour, &path).await;
        assert!(page.contains(too_young), "{lang}: {page}");
        in_language(&page, lang, BALLOT_ENGLISH);
    }
}

#[tokio::test]
async fn actions_in_the_wrong_phase_are_refused_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        actions_in_the_wrong_phase_are_refused_in_spanish_and_estonian_on(&server).await;
    }
}

async fn actions_in_the_wrong_phase_are_refused_in_spanish_and_estonian_on(server: &Server) {
    let support = server.seed(At::Support, KNAPSACK).await;
    let voting = server.seed(At::Voting, KNAPSACK).await;
    for (lang, submit, publish, heading) in [
        (
            "es",
            "Enviar una propuesta solo es posible en la fase de propuestas; este proceso está en la fase de apoyos.",
            "Publicar los resultados solo es posible en la fase de recuento; este proceso está en la fase de votación.",
            "No es posible en esta fase",
        ),
        (
            "et",
            "Ettepaneku esitamine on võimalik ainult ettepanekute etapis; see protsess on praegu toetamise etapis.",
            "Tulemuste avaldamine on võimalik ainult häälte lugemise etapis; see protsess on praegu hääletuse etapis.",
            "Selles etapis pole see võimalik",
        ),
    ] {
        let english = ["is possible only", "this process is in", "phase;"];
        // On the proposal form, next to what was typed.
        let resident = server.client(Who::As(Role::Resident)).await;
        speak(server, &resident, lang).await;
        let new = format!("/processes/{}/proposals/new", support.id);
        let form = vec![
            ("csrf_token", token(server, &resident, &new).await),
            ("title", "River trees".to_owned()),
            ("description", "Trees along the river.".to_owned()),
            ("estimated_cost", "25000".to_owned()),
        ];
        let (status, _, page) = server.post(&resident, &new, &form).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains(submit), "{lang}: {page}");
        assert!(page.contains("value=\"River trees\""));
        in_language(&page, lang, &english);

        // On the error page of an action that has no form of its own.
        let official = server.client(Who::As(Role::Official)).await;
        speak(server, &official, lang).await;
        let process = format!("/processes/{}", voting.id);
        let csrf = token(server, &official, &process).await;
        let (status, _, page) = server
            .post(
                &official,
                &format!("{process}/results"),
                &[("csrf_token", csrf)],
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains(publish), "{lang}: {page}");
        assert!(page.contains(heading), "{lang}: {page}");
        in_language(&page, lang, &english);
    }
}

#[tokio::test]
async fn bad_proposals_and_reviews_are_explained_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        bad_proposals_and_reviews_are_explained_in_spanish_and_estonian_on(&server).await;
    }
}

async fn bad_proposals_and_reviews_are_explained_in_spanish_and_estonian_on(server: &Server) {
    let proposals = server.seed(At::Proposals, KNAPSACK).await;
    let support = server.seed(At::Support, KNAPSACK).await;
    let stored = server
        .store
        .list_proposals(ProcessId(proposals.id))
        .await
        .unwrap()
        .len();
    for (lang, title, description, cost, merge, reason) in [
        (
            "es",
            "Rellena este campo.",
            "Como máximo 10000 caracteres.",
            "El coste debe ser mayor que 0.",
            "Una propuesta no puede fusionarse consigo misma.",
            "Indica el motivo público.",
        ),
        (
            "et",
            "Täida see väli.",
            "Kõige rohkem 10000 märki.",
            "Maksumus peab olema suurem kui 0.",
            "Ettepanekut ei saa liita iseendaga.",
            "Kirjuta avalik põhjendus.",
        ),
    ] {
        let english = [
            "Fill this in",
            "At most",
            "must be more than",
            "merged into itself",
            "Give the",
        ];
        let resident = server.client(Who::As(Role::Resident)).await;
        speak(server, &resident, lang).await;
        let new = format!("/processes/{}/proposals/new", proposals.id);
        let form = vec![
            ("csrf_token", token(server, &resident, &new).await),
            ("title", " ".to_owned()),
            ("description", "a".repeat(10_001)),
            ("estimated_cost", "0".to_owned()),
        ];
        let (status, _, page) = server.post(&resident, &new, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        for (field, message) in [
            ("title", title),
            ("description", description),
            ("estimated_cost", cost),
        ] {
            assert!(
                page.contains(&format!("id=\"{field}-error\">{message}</p>")),
                "{lang} {field}: {page}"
            );
        }
        in_language(&page, lang, &english);

        let official = server.client(Who::As(Role::Official)).await;
        speak(server, &official, lang).await;
        let review = format!("/proposals/{}/review", support.ids[3]);
        let csrf = token(server, &official, &review).await;
        let (status, _, page) = server
            .post(
                &official,
                &review,
                &[
                    ("csrf_token", csrf.clone()),
                    ("status", "merged".to_owned()),
                    ("into", support.ids[3].to_string()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(
            page.contains(&format!("id=\"into-error\">{merge}</p>")),
            "{lang}: {page}"
        );
        in_language(&page, lang, &english);
        let (status, _, page) = server
            .post(
                &official,
                &review,
                &[
                    ("csrf_token", csrf),
                    ("status", "rejected".to_owned()),
                    ("reason", " ".to_owned()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(
            page.contains(&format!("id=\"reason-error\">{reason}</p>")),
            "{lang}: {page}"
        );
    }
    // Nothing was stored or changed.
    assert_eq!(
        server
            .store
            .list_proposals(ProcessId(proposals.id))
            .await
            .unwrap()
            .len(),
        stored
    );
    let pending = server
        .store
        .proposal(ProposalId(support.ids[3]))
        .await
        .unwrap();
    assert!(matches!(pending.review, Review::Pending), "{pending:?}");
}

#[tokio::test]
async fn a_bad_process_form_is_explained_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        a_bad_process_form_is_explained_in_spanish_and_estonian_on(&server).await;
    }
}

async fn a_bad_process_form_is_explained_in_spanish_and_estonian_on(server: &Server) {
    for (lang, expected) in [
        (
            "es",
            [
                ("budgets_total", "El presupuesto de toda la ciudad tiene que ser mayor que 0."),
                ("title_et", "Escribe el título en este idioma (et)."),
                ("ballot_min", "No puede ser mayor que el máximo de proyectos."),
                (
                    "schedule_voting_close",
                    "«Se cierra la votación» no puede ser anterior a «Se abre la votación (las reglas se congelan)».",
                ),
                ("budgets_districts", "El presupuesto de North tiene que ser mayor que 0."),
            ],
        ),
        (
            "et",
            [
                ("budgets_total", "Kogu linna eelarve peab olema suurem kui 0."),
                ("title_et", "Kirjuta pealkiri selles keeles (et)."),
                ("ballot_min", "Ei tohi olla suurem kui suurim projektide arv."),
                (
                    "schedule_voting_close",
                    "„Hääletus lõpeb” ei tohi olla varasem kui „Hääletus algab (reeglid külmutatakse)”.",
                ),
                ("budgets_districts", "„North” eelarve peab olema suurem kui 0."),
            ],
        ),
    ] {
        let official = server.client(Who::As(Role::Official)).await;
        speak(server, &official, lang).await;
        let (_, page) = server.get(&official, "/processes/new").await;
        let value = |name: &str| {
            let marker = format!("id=\"{name}\" name=\"{name}\" type=\"datetime-local\" value=\"");
            let start = page.find(&marker).unwrap_or_else(|| panic!("{name}: {page}")) + marker.len();
            page[start..start + 16].to_owned()
        };
        let mut form: Vec<(&str, String)> = vec![
            ("csrf_token", csrf_token(&page)),
            ("title_en", "Green city".into()),
            ("title_es", "Ciudad verde".into()),
            ("title_et", " ".into()),
            ("description_en", "Trees.".into()),
            ("description_es", "Árboles.".into()),
            ("description_et", "Puud.".into()),
            ("budgets_total", "0".into()),
            ("budgets_districts", "North = 0".into()),
            ("budgets_categories", "".into()),
            ("eligibility_district", "".into()),
            ("eligibility_min_age", "".into()),
            ("ballot_type", "approval".into()),
            ("ballot_min", "3".into()),
            ("ballot_max", "2".into()),
            ("rule", "greedy".into()),
            ("tie_break", "lexico".into()),
        ];
        for name in [
            "schedule_proposals_open",
            "schedule_support_open",
            "schedule_review_open",
            "schedule_voting_open",
            "schedule_implementation_open",
        ] {
            form.push((name, value(name)));
        }
        // Voting would close when proposals open, before it opens.
        form.push(("schedule_voting_close", value("schedule_proposals_open")));
        let (status, _, page) = server.post(&official, "/processes/new", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        for (field, message) in expected {
            assert!(
                page.contains(&format!("id=\"{field}-error\">{message}</p>")),
                "{lang} {field}: {page}"
            );
            assert!(
                page.contains(&format!("<a href=\"#{field}\">{message}</a>")),
                "{lang} {field} in the summary: {page}"
            );
        }
        in_language(
            &page,
            lang,
            &["must be more than", "Must not be", "Give the", "must not be before"],
        );
    }
    assert!(server.store.list_processes().await.unwrap().is_empty());
}

#[tokio::test]
async fn results_are_explained_in_spanish_and_estonian() {
    for server in Server::on_every_database().await {
        results_are_explained_in_spanish_and_estonian_on(&server).await;
    }
}

async fn results_are_explained_in_spanish_and_estonian_on(server: &Server) {
    let counting = server.seed(At::Counting, KNAPSACK).await;
    server
        .store
        .cast_ballot(
            &NewBallot {
                process: ProcessId(counting.id),
                voter: server.user("resident").id,
                content: BallotContent::Approval(vec![ProposalId(counting.ids[0])]),
                channel: BallotChannel::Online,
                cast_at: now(),
            },
            None,
        )
        .await
        .unwrap();
    let official = server.client(Who::As(Role::Official)).await;
    let process = format!("/processes/{}", counting.id);
    let csrf = token(server, &official, &process).await;
    let results = format!("{process}/results");
    let (status, _, _) = server
        .post(&official, &results, &[("csrf_token", csrf)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let why = format!("{results}/why/{}", counting.ids[1]);
    for (lang, funded, not_funded, cheaper) in [
        (
            "es",
            "«Shade trees on Main Street» se financió: quedó en el puesto 1 por número de apoyos, y su coste, 40.000, cabía en los 100.000 que aún quedaban.",
            "«A new playground» no se financió: quedó en el puesto 2 por número de apoyos, y cuando le llegó el turno solo quedaban 60.000, menos que su coste, 70.000.",
            "Se habría financiado si hubiera costado como máximo 60.000 (10.000 menos). Con 2 personas más que lo apoyaran se habría financiado.",
        ),
        (
            "et",
            "„Shade trees on Main Street” rahastati: see oli toetuse järjekorras 1. kohal ja selle maksumus 40\u{a0}000 mahtus veel alles olnud summasse 100\u{a0}000.",
            "„A new playground” jäi rahastamata: see oli toetuse järjekorras 2. kohal ja kui selle kord kätte jõudis, oli alles ainult 60\u{a0}000, vähem kui selle maksumus 70\u{a0}000.",
            "See oleks rahastatud, kui see oleks maksnud kõige rohkem 60\u{a0}000 (10\u{a0}000 vähem). Kui sellel oleks olnud 2 toetajat rohkem, oleks see rahastatud.",
        ),
    ] {
        let english = [
            "was funded",
            "was not funded",
            "order of support",
            "would have been funded",
            "supporter",
        ];
        let reader = server.client(Who::SignedOut).await;
        speak(server, &reader, lang).await;
        let (status, page) = server.get(&reader, &results).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(funded), "{lang}: {page}");
        assert!(page.contains(not_funded), "{lang}: {page}");
        assert!(page.contains(cheaper), "{lang}: {page}");
        in_language(&page, lang, &english);
        let (status, page) = server.get(&reader, &why).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(not_funded), "{lang}: {page}");
        assert!(page.contains(cheaper), "{lang}: {page}");
        in_language(&page, lang, &english);
    }
}
