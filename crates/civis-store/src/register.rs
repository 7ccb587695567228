//! [`RegisterStore`]: the resident register and enrolment: register records and their dated versions, imports, links between accounts and records, activation, SMS and recovery codes, official grants.

use async_trait::async_trait;

/// The resident register and enrolment: register records and their dated versions, imports, links between accounts and records, activation, SMS and recovery codes, official grants.
///
/// A supertrait of [`Store`](crate::Store); each backend implements it in its
/// `register/` module.
#[async_trait]
pub trait RegisterStore: Send + Sync {}
