//! Activation letters: officials holding `enrolment.in_person` print a batch
//! (active records no account is linked to, of one district or all) as one
//! PDF. Each letter carries a new code for its record, which replaces any
//! earlier one; only the code's digest is stored, and each is audited.

use civis_domain::User;
use civis_identity::codes::{self, Channel};
use civis_identity::letter_pdf::{letters_pdf, Line};
use civis_identity::Permission;
use civis_store::register::NewEnrolmentCode;
use civis_store::{Change, Page};

use crate::error::AppError;
use crate::i18n::L10n;
use crate::state::AppState;

/// Letters in one batch at most.
pub const MAX_BATCH: u32 = 500;

/// A printed batch.
#[derive(Debug)]
pub struct Batch {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Letters in it.
    pub letters: usize,
}

/// Prints letters for the active, unlinked records of `district` (all when
/// empty), in `l`'s language.
pub async fn print_batch(
    state: &AppState,
    official: &User,
    district: &str,
    l: &L10n,
) -> Result<Batch, AppError> {
    super::require(state, official, Permission::EnrolmentInPerson).await?;
    let district = Some(district.trim()).filter(|d| !d.is_empty());
    let records = state
        .store()
        .list_register_records(district, true, Page::new(0, MAX_BATCH))
        .await?;
    let now = state.now();
    let expires = codes::expires(Channel::Letter, now);
    let expiry_date = civis_identity::Date::of(expires).to_string();
    let url = state.config().public_url.trim_end_matches('/').to_owned();
    let mut new_codes = Vec::with_capacity(records.len());
    let mut pages = Vec::with_capacity(records.len());
    for record in &records {
        let Some(v) = record.current() else { continue };
        let random: [u8; codes::LETTER_CODE_LEN] = rand::random();
        let code = codes::letter_code(&random);
        new_codes.push(NewEnrolmentCode {
            record_id: record.id,
            user_id: None,
            channel: Channel::Letter,
            code_hash: codes::digest(record.id, &code),
            expires_at: expires,
        });
        let name = format!("{} {}", v.data.given_name, v.data.family_name);
        let mut lines = vec![Line::bold(name.clone(), 12)];
        for part in v.data.address.split(['\n', ',']) {
            let part = part.trim();
            if !part.is_empty() {
                lines.push(Line::text(part));
            }
        }
        lines.extend([
            Line::blank(),
            Line::blank(),
            Line::bold(l.t("letter-heading"), 14),
            Line::blank(),
            Line::text(l.t1("letter-dear", "name", name)),
            Line::text(l.t1("letter-go-to", "url", format!("{url}/identity"))),
            Line::text(l.t("letter-enter")),
            Line::blank(),
            Line::bold(code, 22),
            Line::blank(),
            Line::text(l.t1("letter-expires", "date", expiry_date.clone())),
            Line::text(l.t("letter-ignore")),
        ]);
        pages.push(lines);
    }
    state
        .store()
        .issue_enrolment_codes(&new_codes, Change::by(official.id, now))
        .await?;
    Ok(Batch {
        letters: pages.len(),
        pdf: letters_pdf(&pages),
    })
}
