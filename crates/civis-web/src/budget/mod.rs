//! The participatory budgeting (PB) service layer: every PB read and write path with its
//! permission and phase checks, shared by the JSON API (`crate::api::budget*`) and the
//! HTML pages.
//!
//! The functions here know nothing of HTTP. Each takes the [`AppState`](crate::AppState),
//! the acting user (or `None` for an anonymous reader), input already parsed into domain
//! types, and `now` (read by the caller from [`AppState::now`](crate::AppState::now)); it
//! returns domain values or an [`AppError`](crate::AppError) that the API renders as
//! problem+json and the pages as a message:
//!
//! * wrong role → `Forbidden` (403); not eligible to take part → `NotEligible` (403);
//! * wrong phase → `WrongPhase` (409); settings after voting opened → `RulesFrozen` (409);
//! * invalid input → `Validation` (422, one entry per field); settings with problems of
//!   meaning → `InvalidSettings` (422, likewise); invalid ballot → `InvalidBallot` (422,
//!   one entry per problem, in plain words);
//!
//! Refusals of the phase, of eligibility and of a ballot, and settings problems, are
//! values with stable codes ([`refusals`], [`settings::SettingsProblem`]): the API gives
//! the code next to plain English words, the pages put them in the reader's language.
//! * a process or proposal the reader may not see → `NotFound` (404), as if absent.
//!
//! One file per job: [`processes`], [`proposals`], [`ballots`] (with the per-process
//! [`BallotContextCache`] of the hot path), [`results`], [`implementation`], [`residents`];
//! [`access`] holds the shared role, visibility and phase checks, [`settings`] the checks
//! of a process's settings, [`eligibility`] and [`ballot_check`] the checks of a voter and
//! a ballot against the rules (both through `civis_budget`).

pub mod access;
pub mod ballot_check;
pub mod ballots;
pub mod cache;
pub mod eligibility;
pub mod exports;
pub mod field_problems;
pub mod implementation;
pub mod processes;
pub mod proposals;
pub mod refusals;
pub mod residents;
pub mod results;
pub mod settings;
pub mod text;

pub use cache::{BallotContext, BallotContextCache};
pub use processes::ProcessOverview;
