//! Checkpoint note text.

use civis_tlog::hash::leaf_hash;
use civis_tlog::Checkpoint;

#[test]
fn the_specification_example_parses() {
    let text =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    let c = Checkpoint::parse(text).unwrap();
    assert_eq!(c.origin, "example.com/behind-the-sofa");
    assert_eq!(c.size, 20_852_163);
    assert_eq!(
        c.root.to_base64(),
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="
    );
    assert!(c.extensions.is_empty());
    assert_eq!(c.to_text().unwrap(), text);
}

#[test]
fn round_trip_with_extensions() {
    let c = Checkpoint {
        origin: "civis.example/log/audit".into(),
        size: 0,
        root: leaf_hash(b""),
        extensions: vec!["ext one".into()],
    };
    let text = c.to_text().unwrap();
    assert_eq!(Checkpoint::parse(&text).unwrap(), c);
}

#[test]
fn malformed_checkpoints_are_refused_with_the_line() {
    let root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    for (text, why) in [
        ("o\n1\n".to_string(), "line 3"),
        (format!("o\n1\n{root}"), "newline"),
        (format!("\n1\n{root}\n"), "origin"),
        (format!("o\n01\n{root}\n"), "line 2"),
        (format!("o\n-1\n{root}\n"), "line 2"),
        (format!("o\n18446744073709551616\n{root}\n"), "line 2"),
        ("o\n1\nAAAA\n".to_string(), "line 3"),
        (format!("o\n1\n{root}\n\n"), "extension"),
        (format!("o\u{7}\n1\n{root}\n"), "control"),
    ] {
        let err = Checkpoint::parse(&text).unwrap_err().to_string();
        assert!(err.contains(why), "{text:?}: {err}");
    }
}
