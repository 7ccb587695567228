//! Signed notes, against the Go `note` package's published example.

use civis_tlog::note::{key_id, Note, NoteSigner, NoteVerifier};
use civis_tlog::{Checkpoint, MemoryLog};

use crate::fixtures::go_note;

#[test]
fn go_keys_parse_and_their_ids_match() {
    let v = go_note();
    let verifier = NoteVerifier::parse(&v.vkey).unwrap();
    assert_eq!(verifier.name, v.name);
    assert_eq!(verifier.key_id, 0xc74f20a3);
    assert_eq!(key_id(&v.name, &verifier.public), 0xc74f20a3);
    assert_eq!(verifier.encode(), v.vkey);
    let signer = NoteSigner::parse(&v.skey).unwrap();
    assert_eq!(signer.verifier(), &verifier);
    assert_eq!(signer.encode(), v.skey);
}

#[test]
fn signing_reproduces_the_go_note_byte_for_byte() {
    let v = go_note();
    let signer = NoteSigner::parse(&v.skey).unwrap();
    let note = Note::sign(&v.text, &[&signer]).unwrap();
    assert_eq!(note.encode(), format!("{}\n{}", v.text, v.signature_line));
    assert!(Note::sign("no newline", &[&signer]).is_err());
}

#[test]
fn go_notes_open() {
    let v = go_note();
    let peter = NoteVerifier::parse(&v.vkey).unwrap();
    let enoch = NoteVerifier::parse(&v.other_vkey).unwrap();
    let both = format!("{}\n{}{}", v.text, v.signature_line, v.other_signature_line);
    // One known key: its signature verifies, the other is ignored.
    let note = Note::parse(both.as_bytes()).unwrap();
    assert_eq!(note.signatures.len(), 2);
    assert_eq!(
        note.verify(std::slice::from_ref(&peter)).unwrap(),
        vec![&peter]
    );
    let keys = [peter.clone(), enoch.clone()];
    assert_eq!(note.verify(&keys).unwrap().len(), 2);
    assert_eq!(Note::open(both.as_bytes(), &keys).unwrap(), v.text);
    // No known key.
    assert!(note.verify(&[]).is_err());
    // A signature by a known key that does not verify rejects the note.
    let sig = &v.signature_line;
    let bad = format!("{}\n{}ABCD{}", v.text, &sig[..60], &sig[60..]);
    let err = Note::open(bad.as_bytes(), std::slice::from_ref(&peter)).unwrap_err();
    assert!(err.to_string().contains("invalid"), "{err}");
    // Changed text.
    let changed = both.replace("cryptography", "cryptographY");
    assert!(Note::open(changed.as_bytes(), std::slice::from_ref(&peter)).is_err());
    // Too many signatures.
    let many = format!("{}\n{}", v.text, sig.repeat(101));
    assert!(Note::parse(many.as_bytes()).is_err());
    let hundred = format!("{}\n{}", v.text, sig.repeat(100));
    assert!(Note::open(hundred.as_bytes(), std::slice::from_ref(&peter)).is_ok());
}

#[test]
fn malformed_notes_are_refused() {
    let v = go_note();
    let sig = &v.signature_line;
    let text = &v.text;
    let bad: Vec<Vec<u8>> = vec![
        text.clone().into_bytes(),
        format!("{text}\n").into_bytes(),
        format!("{text}\n{}", &sig[..sig.len() - 1]).into_bytes(),
        format!("\x01{text}\n{sig}").into_bytes(),
        [b"\xff".to_vec(), format!("{text}\n{sig}").into_bytes()].concat(),
        format!("{text}\n\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n").into_bytes(),
        format!("{text}\n{sig}Unexpected line.\n").into_bytes(),
        format!("{text}\n\u{2014} PeterNeumann AAAA\n").into_bytes(),
        format!("{text}\n\u{2014} PeterNeumann !!!!\n").into_bytes(),
    ];
    for msg in bad {
        assert!(
            Note::parse(&msg).is_err(),
            "accepted {:?}",
            String::from_utf8_lossy(&msg)
        );
    }
}

#[test]
fn mangled_verifier_keys_are_refused() {
    let v = go_note();
    let b = v.vkey.as_bytes();
    for i in 0..=b.len() {
        for j in i + 1..=b.len() {
            if i != 0 || j != b.len() {
                if let Ok(s) = std::str::from_utf8(&b[i..j]) {
                    assert!(NoteVerifier::parse(s).is_err(), "accepted {s:?}");
                }
            }
        }
    }
    let mut m = b.to_vec();
    for i in 0..m.len() {
        m[i] = m[i].wrapping_add(1);
        if let Ok(s) = std::str::from_utf8(&m) {
            assert!(NoteVerifier::parse(s).is_err(), "accepted {s:?}");
        }
        m[i] = m[i].wrapping_sub(1);
    }
    assert!(NoteVerifier::parse(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    )
    .is_err());
    assert!(NoteVerifier::parse(
        "PeterNeumann+c74f20a3+AnRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    )
    .is_err());
    assert!(NoteSigner::parse(
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF"
    )
    .is_err());
    assert!(NoteSigner::parse(&v.vkey).is_err());
}

#[test]
fn a_signed_checkpoint_round_trips() {
    let signer = NoteSigner::generate("civis.example/log/audit").unwrap();
    let again = NoteSigner::parse(&signer.encode()).unwrap();
    assert_eq!(again.verifier(), signer.verifier());
    let mut log = MemoryLog::new();
    log.append(b"one").unwrap();
    let checkpoint = Checkpoint {
        origin: signer.name().to_string(),
        size: log.size(),
        root: log.root_at(1).unwrap(),
        extensions: vec![],
    };
    let note = Note::sign(&checkpoint.to_text().unwrap(), &[&signer]).unwrap();
    let text = Note::open(note.encode().as_bytes(), &[signer.verifier().clone()]).unwrap();
    assert_eq!(Checkpoint::parse(&text).unwrap(), checkpoint);
    let other = NoteSigner::generate("civis.example/log/audit").unwrap();
    assert!(Note::open(note.encode().as_bytes(), &[other.verifier().clone()]).is_err());
}
