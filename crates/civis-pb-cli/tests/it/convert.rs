//! `civis pb convert`.

use crate::{civis_pb, fixture, temp_dir};

#[test]
fn pb_to_json_to_pb_keeps_the_election() {
    let d = temp_dir("convert-round");
    for name in [
        "approval_toulouse_2022_17.pb",
        "cumulative_gdansk_2020_mlyniska.pb",
        "ordinal_seattle_2019_district_2.pb",
    ] {
        let f = fixture(name);
        let original = civis_pb::pabulib::parse(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let o = civis_pb(&["convert", f.to_str().unwrap(), "--to", "json"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert_eq!(civis_pb::json::from_json(&o.stdout).unwrap(), original);
        let j = d.join(name.replace(".pb", ".json"));
        std::fs::write(&j, &o.stdout).unwrap();
        let pb = d.join(name);
        let o = civis_pb(&[
            "convert",
            j.to_str().unwrap(),
            "--to",
            "pb",
            "--out",
            pb.to_str().unwrap(),
        ]);
        assert_eq!((o.code, o.stdout.as_str()), (0, ""), "{}", o.stderr);
        let back = civis_pb::pabulib::parse(&std::fs::read_to_string(&pb).unwrap()).unwrap();
        assert_eq!(back, original);
    }
}

#[test]
fn malformed_json_exits_2() {
    let d = temp_dir("convert-bad");
    let f = d.join("bad.json");
    std::fs::write(
        &f,
        "{\n  \"format\": \"civis-pb-election\",\n  \"version\": 1,\n  oops\n}",
    )
    .unwrap();
    let o = civis_pb(&["convert", f.to_str().unwrap(), "--to", "pb"]);
    assert_eq!((o.code, o.stdout.as_str()), (2, ""));
    assert!(o.stderr.contains("line 4"), "{}", o.stderr);
}

#[test]
fn malformed_pabulib_exits_2_with_the_line_and_no_output() {
    let d = temp_dir("convert-bad-pb");
    let f = d.join("bad.pb");
    std::fs::write(
        &f,
        "META\r\nkey;value\r\nbudget;100\r\nPROJECTS\r\nproject_id;cost\r\n1;10\r\nVOTES\r\nvoter_id;vote\r\nv1;1,7\r\n",
    )
    .unwrap();
    for to in ["pb", "json"] {
        let o = civis_pb(&["convert", f.to_str().unwrap(), "--to", to]);
        assert_eq!((o.code, o.stdout.as_str()), (2, ""));
        assert!(
            o.stderr
                .contains("bad.pb: line 9, column 2 (vote): vote names unknown project \"7\""),
            "{}",
            o.stderr
        );
    }
    let out = d.join("out.pb");
    let o = civis_pb(&[
        "convert",
        f.to_str().unwrap(),
        "--to",
        "pb",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2);
    assert!(!out.exists(), "nothing written on failure");
}
