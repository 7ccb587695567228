//! What the register tests share: the six kinds of caller, a register file,
//! and multipart bodies built by hand.

use civis_domain::Role;
use civis_identity::Permission;
use civis_store::Change;

use crate::harness::TestApp;

/// Who makes a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    Resident,
    Official,
    Clerk,
    Admin,
    Auditor,
}

/// Every kind of caller, in the order of the expectation arrays.
pub const WHO: [Who; 6] = [
    Who::Anonymous,
    Who::Resident,
    Who::Official,
    Who::Clerk,
    Who::Admin,
    Who::Auditor,
];

impl Who {
    /// The username (empty for anonymous).
    pub fn username(self) -> &'static str {
        match self {
            Who::Anonymous => "",
            Who::Resident => "resi",
            Who::Official => "offi",
            Who::Clerk => "clerk",
            Who::Admin => "admi",
            Who::Auditor => "audi",
        }
    }
}

/// Creates one account per kind; `clerk` is an official holding every register permission.
pub async fn people(app: &TestApp) {
    app.create_user("resi", Role::Resident).await;
    app.create_user("offi", Role::Official).await;
    let clerk = app.create_user("clerk", Role::Official).await;
    let admin = app.create_user("admi", Role::Admin).await;
    app.create_user("audi", Role::Auditor).await;
    for p in Permission::ALL {
        app.store
            .grant_register_permission(clerk.id, p, Change::by(admin.id, app.clock.now()))
            .await
            .unwrap();
    }
}

/// A signed-in client for `who` and its CSRF token.
pub async fn client(app: &TestApp, who: Who) -> (reqwest::Client, String) {
    let c = app.client();
    if who == Who::Anonymous {
        return (c, String::new());
    }
    let csrf = app.sign_in(&c, who.username()).await;
    (c, csrf)
}

pub const HEADER: &str =
    "personal_code,given_name,family_name,birth_date,address,district,phone,status\n";
pub const MART: &str =
    "37605030299,Mart,Tamm,1976-05-03,\"Pikk 1, Tallinn\",Kesklinn,+37255512345,";
pub const MARI: &str = "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn,,active";

/// A register file of `lines`.
pub fn file(lines: &[&str]) -> String {
    let mut s = HEADER.to_owned();
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    s
}

/// A `multipart/form-data` body with text fields and one file; returns (content type, body).
pub fn multipart(fields: &[(&str, &str)], file: &str) -> (String, Vec<u8>) {
    let boundary = "civisTestBoundary7MA4YWxk";
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    ));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}
