//! The committed real fixtures parse, agree with their META counts, and
//! survive write → parse unchanged.

use civis_pb::rules::Profile;
use civis_pb::{pabulib, Ballots, VoteType};

use crate::{fixtures_dir, pb_files};

#[test]
fn every_fixture_parses_with_meta_counts() {
    let files = pb_files(&fixtures_dir());
    assert!(files.len() >= 6, "fixtures missing");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let e = pabulib::parse_bytes(&bytes).unwrap_or_else(|err| panic!("{}: {err}", f.display()));
        let n: usize = e.meta("num_projects").unwrap().parse().unwrap();
        let v: usize = e.meta("num_votes").unwrap().parse().unwrap();
        assert_eq!(e.projects.len(), n, "{}", f.display());
        assert_eq!(e.voters.len(), v, "{}", f.display());
        let again = pabulib::parse(&pabulib::write(&e)).unwrap();
        assert_eq!(again, e, "{}", f.display());
    }
}

#[test]
fn fixture_details_are_read_exactly() {
    let text =
        std::fs::read_to_string(fixtures_dir().join("approval_toulouse_2022_17.pb")).unwrap();
    let e = pabulib::parse(&text).unwrap();
    let p = &e.projects[e.project_index("182").unwrap()];
    assert_eq!(p.cost.to_string(), "200000");
    assert_eq!(
        e.project_field(p, "name"),
        Some("Aménagement de cours \"OASIS\" à l'école élémentaire Victor Hugo")
    );
    assert_eq!(e.meta[0].0, "description");

    let text =
        std::fs::read_to_string(fixtures_dir().join("cumulative_gdansk_2020_mlyniska.pb")).unwrap();
    let e = pabulib::parse(&text).unwrap();
    assert_eq!(e.vote_type(), VoteType::Cumulative);
    assert!(e
        .voters
        .iter()
        .all(|v| v.points.as_ref().unwrap().len() == v.vote.len()));

    let text =
        std::fs::read_to_string(fixtures_dir().join("ordinal_seattle_2019_district_2.pb")).unwrap();
    let e = pabulib::parse(&text).unwrap();
    assert_eq!(e.vote_type(), VoteType::Ordinal);
}

#[test]
fn reading_only_the_ballots_gives_the_same_ballots_and_profile() {
    for f in pb_files(&fixtures_dir()) {
        let bytes = std::fs::read(&f).unwrap();
        let e = pabulib::parse_bytes(&bytes).unwrap();
        let ballots = pabulib::parse_ballots_bytes(&bytes).unwrap();
        assert_eq!(ballots.len(), e.voters.len(), "{}", f.display());
        assert_eq!(
            Profile::from_ballots(&ballots).unwrap(),
            Profile::from_election(&e).unwrap(),
            "{}",
            f.display()
        );
        assert_eq!(ballots, Ballots::from_election(e), "{}", f.display());
    }
}
