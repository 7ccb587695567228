//! Facts about the server itself.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The server's name and version.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionInfo {
    /// Always `civis`.
    pub name: &'static str,
    /// The version of the running server.
    pub version: &'static str,
}

/// Name and version of the running server.
#[utoipa::path(get, path = "/api/v1/version", tag = "meta",
    responses((status = 200, description = "Server version", body = VersionInfo)))]
pub async fn version() -> Json<VersionInfo> {
    Json(VersionInfo {
        name: "civis",
        version: env!("CARGO_PKG_VERSION"),
    })
}
