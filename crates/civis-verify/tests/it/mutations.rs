//! Tampering with each kind of published artifact makes civis-verify fail, with a
//! problem naming what is wrong and where.

use serde_json::{json, Value};

use super::support::{
    assert_fails, base, edit_bundle, edit_entry, edit_json, entries, republish, tampered, VOTERS,
};

fn b64_flip(value: &mut Value) {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    let mut bytes = STANDARD.decode(value.as_str().unwrap()).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    *value = json!(STANDARD.encode(bytes));
}

#[test]
fn the_untouched_record_verifies() {
    let report = civis_verify::verify_record(base());
    assert!(report.holds(), "{}", report.render());
    let text = report.render();
    assert!(
        text.contains(&format!("{VOTERS} distinct credentials")),
        "{text}"
    );
    assert!(text.contains("verified: all 8 checks hold"), "{text}");
    let entries = report.check("entries").unwrap();
    assert!(
        entries
            .summary
            .contains("paper, signed by a listed official (official-1 "),
        "{text}"
    );
}

// Ballot entries, changed in place: the log's hashes no longer match.

#[test]
fn a_changed_ballot_entry_is_named() {
    let r = tampered("entry-change", |d| {
        edit_bundle(d, "tile/entries/000", |e| {
            e[17] = edit_entry(&e[17], |v| b64_flip(&mut v["ciphertext"]))
        })
    });
    assert_fails(
        &r,
        "log",
        "entry 17 (log/tile/entries/000): its hash is not the leaf hash",
    );
}

#[test]
fn a_dropped_ballot_entry_is_named() {
    let r = tampered("entry-drop", |d| {
        edit_bundle(d, "tile/entries/000", |e| {
            e.remove(40);
        })
    });
    assert_fails(
        &r,
        "log",
        "log/tile/entries/000: holds 255 entries, its name says 256",
    );
    assert_fails(&r, "log", "entry 40 (log/tile/entries/000)");
}

#[test]
fn a_duplicated_ballot_entry_is_named() {
    let r = tampered("entry-dup", |d| {
        edit_bundle(d, "tile/entries/000", |e| e[9] = e[8].clone())
    });
    assert_fails(&r, "log", "entry 9 (log/tile/entries/000)");
}

#[test]
fn reordered_ballot_entries_are_named() {
    let r = tampered("entry-swap", |d| {
        edit_bundle(d, "tile/entries/000", |e| e.swap(3, 4))
    });
    assert_fails(&r, "log", "entry 3 (log/tile/entries/000)");
    assert_fails(&r, "log", "entry 4 (log/tile/entries/000)");
}

// Ballot entries in a log rebuilt and re-signed with another key, as a server
// holding its own log key could publish: the other checks still catch them.

#[test]
fn a_rebuilt_log_contradicts_the_earlier_checkpoints() {
    let r = tampered("rebuilt", |d| {
        let mut e = entries(d);
        e.remove(10);
        republish(d, &e, false);
    });
    assert_fails(&r, "log", "not consistent with the final checkpoint");
}

#[test]
fn a_dropped_ballot_in_a_rebuilt_log_changes_the_count() {
    let r = tampered("rebuilt-drop", |d| {
        let mut e = entries(d);
        let token =
            |x: &[u8]| serde_json::from_slice::<Value>(x).unwrap()["credential"]["token"].clone();
        let alone = (0..e.len())
            .find(|&i| e.iter().filter(|x| token(x) == token(&e[i])).count() == 1)
            .unwrap();
        e.remove(alone);
        republish(d, &e, true);
    });
    assert!(r.check("log").unwrap().holds(), "{}", r.render());
    assert_fails(&r, "count", "outcome.json: counted is 300, the log has 299");
}

#[test]
fn a_replayed_ballot_in_a_rebuilt_log_is_named() {
    let r = tampered("rebuilt-replay", |d| {
        let mut e = entries(d);
        let first = e[5].clone();
        e.push(first);
        republish(d, &e, true);
    });
    let n = entries(base()).len();
    let at = civis_verify::record::entry_location(n, n + 1);
    assert!(at.ends_with(".p/80)"), "{at}");
    assert_fails(&r, "count", &format!("{at}: submission number 1"));
}

#[test]
fn a_dropped_earlier_ballot_of_one_credential_is_named() {
    let r = tampered("rebuilt-gap", |d| {
        let mut e = entries(d);
        let seq = |x: &[u8]| {
            serde_json::from_slice::<Value>(x).unwrap()["seq"]
                .as_u64()
                .unwrap()
        };
        let second = e.iter().position(|x| seq(x) == 2).unwrap();
        let token =
            |x: &[u8]| serde_json::from_slice::<Value>(x).unwrap()["credential"]["token"].clone();
        let t = token(&e[second]);
        let first = e.iter().position(|x| token(x) == t).unwrap();
        e.remove(first);
        republish(d, &e, true);
    });
    assert_fails(
        &r,
        "count",
        "submission number 2 under its credential does not follow 0",
    );
}

#[test]
fn reordered_ballots_of_one_credential_are_named() {
    let r = tampered("rebuilt-reorder", |d| {
        let mut e = entries(d);
        let last = e.len() - 1;
        let token =
            |x: &[u8]| serde_json::from_slice::<Value>(x).unwrap()["credential"]["token"].clone();
        let t = token(&e[last]);
        let earlier = e.iter().position(|x| token(x) == t).unwrap();
        assert!(earlier < last);
        e.swap(earlier, last);
        republish(d, &e, true);
    });
    assert_fails(&r, "count", "a replayed, reordered or dropped submission");
}

#[test]
fn a_forged_credential_signature_is_named() {
    let r = tampered("cred-sig", |d| {
        let mut e = entries(d);
        e[7] = edit_entry(&e[7], |v| b64_flip(&mut v["credential"]["signature"]));
        republish(d, &e, true);
    });
    assert_fails(
        &r,
        "credentials",
        "entry 7 (log/tile/entries/000): the credential signature does not verify under the issuer key",
    );
    assert_fails(
        &r,
        "entries",
        "entry 7 (log/tile/entries/000): the voter signature does not verify",
    );
}

#[test]
fn a_ballot_changed_without_the_voters_key_is_named() {
    let r = tampered("voter-sig", |d| {
        let mut e = entries(d);
        e[12] = edit_entry(&e[12], |v| b64_flip(&mut v["ciphertext"]));
        republish(d, &e, true);
    });
    assert_fails(
        &r,
        "entries",
        "entry 12 (log/tile/entries/000): the voter signature does not verify",
    );
}

#[test]
fn a_paper_ballot_by_an_unlisted_official_is_named() {
    let r = tampered("officials", |d| {
        edit_json(d, "officials.json", |v| {
            v.as_array_mut()
                .unwrap()
                .retain(|o| !o["key"].as_str().unwrap().starts_with("official-1+"))
        })
    });
    assert_fails(
        &r,
        "entries",
        "entered by \"official-1\", who is not in officials.json",
    );
}

// Tiles.

#[test]
fn a_changed_tile_is_named() {
    let r = tampered("tile-change", |d| {
        let p = d.join("log/tile/0/000");
        let mut b = std::fs::read(&p).unwrap();
        b[70] ^= 1;
        std::fs::write(p, b).unwrap();
    });
    assert_fails(&r, "log", "its hash is not the leaf hash in log/tile/0/000");
    assert_fails(
        &r,
        "log",
        "log/tile/1/000.p/1: hash 0 is not the hash of log/tile/0/000",
    );
}

#[test]
fn a_dropped_tile_is_named() {
    let r = tampered("tile-drop", |d| {
        std::fs::remove_file(d.join("log/tile/0/000")).unwrap()
    });
    assert_fails(&r, "log", "log/tile/0/000: missing");
}

#[test]
fn a_duplicated_tile_is_named() {
    let r = tampered("tile-dup", |d| {
        std::fs::copy(d.join("log/tile/0/000"), d.join("log/tile/0/002")).unwrap();
    });
    assert_fails(&r, "log", "not a tile of the checkpoint's tree");
}

#[test]
fn reordered_tiles_are_named() {
    let r = tampered("tile-swap", |d| {
        let (a, b) = (d.join("log/tile/entries/000"), d.join("log/tile/0/000"));
        let (x, y) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        std::fs::write(&a, y).unwrap();
        std::fs::write(&b, x).unwrap();
    });
    assert_fails(&r, "log", "log/tile/0/000");
    assert_fails(&r, "log", "log/tile/entries/000");
}

// The checkpoint.

#[test]
fn a_changed_checkpoint_is_named() {
    let r = tampered("checkpoint-change", |d| {
        let p = d.join("log/checkpoint");
        let text = std::fs::read_to_string(&p).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[1] = (lines[1].parse::<u64>().unwrap() - 1).to_string();
        std::fs::write(p, lines.join("\n") + "\n").unwrap();
    });
    assert_fails(&r, "log", "log/checkpoint: note not verified");
}

#[test]
fn an_earlier_checkpoint_as_the_final_one_is_named() {
    let r = tampered("checkpoint-old", |d| {
        let dir = d.join("log/checkpoints");
        let first = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::copy(first, d.join("log/checkpoint")).unwrap();
    });
    assert_fails(&r, "log", "not a tile of the checkpoint's tree");
}

#[test]
fn a_dropped_checkpoint_is_named() {
    let r = tampered("checkpoint-drop", |d| {
        std::fs::remove_file(d.join("log/checkpoint")).unwrap()
    });
    assert_fails(&r, "log", "log/checkpoint: cannot read it");
}

#[test]
fn a_checkpoint_under_another_verifier_key_is_named() {
    let r = tampered("verifier-key", |d| {
        let other = civis_tlog::NoteSigner::generate("civis.example-pb-1-ballots").unwrap();
        std::fs::write(d.join("log/verifier-key"), other.verifier().encode() + "\n").unwrap();
    });
    assert_fails(&r, "log", "log/checkpoint: note not verified");
}

// The trustees' shares and the revealed key.

#[test]
fn a_changed_election_key_is_named() {
    let r = tampered("key-change", |d| {
        edit_json(d, "reveal.json", |v| {
            b64_flip(&mut v["election_secret_key"])
        })
    });
    assert_fails(
        &r,
        "trustees",
        "election_secret_key is not the key the revealed shares rebuild",
    );
    assert_fails(&r, "outcome", "outcome.json: spoiled lists entries [");
    let ballots = r.check("ballots").unwrap();
    assert!(
        ballots.summary.starts_with("0 counted ballots decrypted"),
        "{}",
        r.render()
    );
    assert!(ballots
        .summary
        .contains("does not decrypt with the election key"));
}

#[test]
fn a_changed_share_is_named() {
    let r = tampered("share-change", |d| {
        edit_json(d, "reveal.json", |v| b64_flip(&mut v["shares"][1]["share"]))
    });
    let j = serde_json::from_slice::<Value>(&std::fs::read(base().join("reveal.json")).unwrap())
        .unwrap()["shares"][1]["trustee"]
        .clone();
    assert_fails(
        &r,
        "trustees",
        &format!("trustee {j}'s share does not match the commitments"),
    );
}

#[test]
fn a_dropped_share_is_named() {
    let r = tampered("share-drop", |d| {
        edit_json(d, "reveal.json", |v| {
            v["shares"].as_array_mut().unwrap().pop();
        })
    });
    assert_fails(&r, "trustees", "2 valid shares revealed, 3 are needed");
}

#[test]
fn a_duplicated_share_is_named() {
    let r = tampered("share-dup", |d| {
        edit_json(d, "reveal.json", |v| {
            let s = v["shares"][0].clone();
            v["shares"].as_array_mut().unwrap().push(s);
        })
    });
    assert_fails(&r, "trustees", "share is revealed twice");
}

#[test]
fn reordered_shares_still_verify() {
    let r = tampered("share-swap", |d| {
        edit_json(d, "reveal.json", |v| {
            v["shares"].as_array_mut().unwrap().swap(0, 2)
        })
    });
    assert!(
        r.holds(),
        "the order of revealed shares does not matter:\n{}",
        r.render()
    );
}

#[test]
fn a_changed_group_key_or_commitment_is_named() {
    let r = tampered("group-key", |d| {
        edit_json(d, "trustees.json", |v| {
            let other = v["commitments"][1][0].clone();
            v["group_public_key"] = other;
        })
    });
    assert_fails(&r, "trustees", "group_public_key is not the sum");
    let r = tampered("commitment", |d| {
        edit_json(d, "trustees.json", |v| {
            v["commitments"][2].as_array_mut().unwrap().swap(0, 1)
        })
    });
    assert_fails(
        &r,
        "trustees",
        "trustees.json: group_public_key is not the sum",
    );
}

// The rules and projects.

#[test]
fn changed_rules_are_named() {
    let r = tampered("rules-change", |d| {
        edit_json(d, "rules.json", |v| {
            let t = v["budgets"]["total"].as_u64().unwrap();
            v["budgets"]["total"] = json!(t + 1000);
        })
    });
    assert_fails(&r, "rules", "rules.json: its digest is");
}

#[test]
fn rules_with_an_unknown_field_are_named() {
    let r = tampered("rules-field", |d| {
        edit_json(d, "rules.json", |v| v["note"] = json!("x"))
    });
    assert_fails(
        &r,
        "rules",
        "rules.json: holds fields or values that the format does not define",
    );
}

#[test]
fn changed_rules_with_a_matching_digest_do_not_decrypt() {
    let r = tampered("rules-digest", |d| {
        edit_json(d, "rules.json", |v| v["tie_break"] = json!("cost_votes"));
        let rules: civis_budget::ProcessRules =
            serde_json::from_slice(&std::fs::read(d.join("rules.json")).unwrap()).unwrap();
        edit_json(d, "record.json", |v| {
            v["rules_digest"] = json!(rules.digest())
        });
    });
    assert_fails(&r, "outcome", "outcome.json: spoiled lists entries");
    assert_fails(&r, "outcome", "results.rules_digest is");
}

#[test]
fn a_changed_project_cost_is_named() {
    let r = tampered("project-cost", |d| {
        edit_json(d, "projects.json", |v| {
            for p in v.as_array_mut().unwrap() {
                p["cost"] = json!(1000);
            }
        })
    });
    assert_fails(&r, "outcome", "outcome.json: unit citywide");
}

// The outcome.

#[test]
fn a_changed_outcome_is_named() {
    let r = tampered("outcome-selected", |d| {
        edit_json(d, "outcome.json", |v| {
            v["results"]["units"][0]["selected"]
                .as_array_mut()
                .unwrap()
                .pop();
        })
    });
    assert_fails(
        &r,
        "outcome",
        "outcome.json: unit citywide: funded projects",
    );
    let r = tampered("outcome-order", |d| {
        edit_json(d, "outcome.json", |v| {
            v["results"]["units"][0]["selected"]
                .as_array_mut()
                .unwrap()
                .swap(0, 1)
        })
    });
    assert_fails(
        &r,
        "outcome",
        "outcome.json: unit citywide: funded projects",
    );
    let r = tampered("outcome-votes", |d| {
        edit_json(d, "outcome.json", |v| {
            let votes = v["results"]["units"][0]["projects"][0]["votes"]
                .as_u64()
                .unwrap();
            v["results"]["units"][0]["projects"][0]["votes"] = json!(votes + 1);
        })
    });
    assert_fails(
        &r,
        "outcome",
        "project figures differ from the re-run (projects 1)",
    );
    let r = tampered("outcome-ballots", |d| {
        edit_json(d, "outcome.json", |v| {
            let n = v["results"]["ballots"].as_u64().unwrap();
            v["results"]["ballots"] = json!(n + 1);
        })
    });
    assert_fails(&r, "outcome", "outcome.json: results.ballots is");
    let r = tampered("outcome-spoiled", |d| {
        edit_json(d, "outcome.json", |v| v["spoiled"] = json!([]))
    });
    assert_fails(&r, "outcome", "outcome.json: spoiled lists entries []");
    let r = tampered("outcome-counted", |d| {
        edit_json(d, "outcome.json", |v| v["counted"] = json!(VOTERS + 1))
    });
    assert_fails(&r, "count", "outcome.json: counted is 301, the log has 300");
}

// The issued count.

#[test]
fn more_credentials_than_issued_are_named() {
    let r = tampered("issued", |d| {
        edit_json(d, "credentials.json", |v| v["issued"] = json!(VOTERS - 1))
    });
    assert_fails(
        &r,
        "count",
        "300 distinct credentials cast ballots, but credentials.json says only 299 were issued",
    );
}

#[test]
fn another_issuer_key_is_named() {
    let r = tampered("issuer-key", |d| {
        let other = civis_ballot::blind_rsa::IssuerSecretKey::generate(2048).unwrap();
        let public = other.public_key();
        edit_json(d, "credentials.json", |v| {
            use base64::Engine;
            v["public_key"] =
                json!(base64::engine::general_purpose::STANDARD.encode(public.to_spki_der()));
        })
    });
    assert_fails(&r, "credentials", "credentials.json: key_id is");
    assert_fails(
        &r,
        "credentials",
        "entry 0 (log/tile/entries/000): the credential signature does not verify",
    );
}

// Whole files and fields left out, and a few more reorderings.

#[test]
fn dropped_files_are_named() {
    for (file, check) in [
        ("rules.json", "rules"),
        ("record.json", "rules"),
        ("credentials.json", "credentials"),
        ("officials.json", "entries"),
        ("trustees.json", "trustees"),
        ("reveal.json", "trustees"),
        ("outcome.json", "outcome"),
        ("log/verifier-key", "log"),
    ] {
        let r = tampered(&format!("drop-{}", file.replace('/', "-")), |d| {
            std::fs::remove_file(d.join(file)).unwrap()
        });
        assert_fails(&r, check, &format!("{file}: cannot read it"));
    }
}

#[test]
fn a_dropped_credential_signature_is_named() {
    let r = tampered("cred-sig-drop", |d| {
        let mut e = entries(d);
        e[3] = edit_entry(&e[3], |v| {
            v["credential"].as_object_mut().unwrap().remove("signature");
        });
        republish(d, &e, true);
    });
    assert_fails(
        &r,
        "entries",
        "entry 3 (log/tile/entries/000): not a ballot entry: missing field `signature`",
    );
}

#[test]
fn credential_signatures_swapped_between_entries_are_named() {
    let r = tampered("cred-sig-swap", |d| {
        let mut e = entries(d);
        let (a, b): (Value, Value) = (
            serde_json::from_slice(&e[1]).unwrap(),
            serde_json::from_slice(&e[2]).unwrap(),
        );
        e[1] = edit_entry(&e[1], |v| {
            v["credential"]["signature"] = b["credential"]["signature"].clone()
        });
        e[2] = edit_entry(&e[2], |v| {
            v["credential"]["signature"] = a["credential"]["signature"].clone()
        });
        republish(d, &e, true);
    });
    assert_fails(
        &r,
        "credentials",
        "entry 1 (log/tile/entries/000): the credential signature does not verify",
    );
    assert_fails(
        &r,
        "credentials",
        "entry 2 (log/tile/entries/000): the credential signature does not verify",
    );
}

#[test]
fn a_dropped_election_key_is_named() {
    let r = tampered("key-drop", |d| {
        edit_json(d, "reveal.json", |v| {
            v.as_object_mut().unwrap().remove("election_secret_key");
        })
    });
    assert_fails(
        &r,
        "trustees",
        "reveal.json: missing field `election_secret_key`",
    );
    assert_fails(&r, "ballots", "not checked");
}

#[test]
fn the_final_checkpoint_given_again_as_an_earlier_one_is_consistent() {
    let r = tampered("checkpoint-dup", |d| {
        let size = entries(d).len();
        std::fs::copy(
            d.join("log/checkpoint"),
            d.join(format!("log/checkpoints/{size}")),
        )
        .unwrap();
    });
    assert!(r.holds(), "{}", r.render());
    assert!(r
        .check("log")
        .unwrap()
        .summary
        .contains("3 of 3 earlier checkpoint(s) consistent"));
}

#[test]
fn an_earlier_checkpoint_under_the_wrong_size_is_named() {
    let r = tampered("checkpoint-rename", |d| {
        let dir = d.join("log/checkpoints");
        let first = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::rename(&first, dir.join("3")).unwrap();
    });
    assert_fails(&r, "log", "log/checkpoints/3: holds tree size");
}

#[test]
fn a_dropped_outcome_unit_is_named() {
    let r = tampered("outcome-unit", |d| {
        edit_json(d, "outcome.json", |v| {
            v["results"]["units"].as_array_mut().unwrap().clear();
        })
    });
    assert_fails(
        &r,
        "outcome",
        "outcome.json: 0 budget units published, the re-run has 1",
    );
}

#[test]
fn unknown_fields_inside_the_outcome_or_projects_are_named() {
    let r = tampered("outcome-field", |d| {
        edit_json(d, "outcome.json", |v| {
            v["results"]["units"][0]["note"] = json!("x")
        })
    });
    assert_fails(
        &r,
        "outcome",
        "outcome.json: holds fields or values that the format does not define",
    );
    let r = tampered("projects-field", |d| {
        edit_json(d, "projects.json", |v| v[0]["note"] = json!("x"))
    });
    assert_fails(&r, "rules", "projects.json: ");
}
