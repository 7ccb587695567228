//! API extractors whose rejections follow the error policy of [`crate::error`]: malformed
//! JSON, a wrong content type, an oversized body or a bad query string each become a 4xx
//! `application/problem+json` response.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body (`Content-Type: application/json`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

/// Maps a JSON rejection to the error policy.
pub fn json_rejection(rejection: &JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::UnsupportedMediaType(
            "The request body must be JSON, sent with `Content-Type: application/json`.".to_owned(),
        ),
        JsonRejection::JsonDataError(e) => AppError::BadRequest(format!(
            "The JSON does not have the expected shape: {}",
            source_text(e)
        )),
        JsonRejection::JsonSyntaxError(e) => AppError::BadRequest(format!(
            "The request body is not valid JSON: {}",
            source_text(e)
        )),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        other => AppError::BadRequest(format!(
            "The request body could not be read: {}",
            other.body_text()
        )),
    }
}

/// The innermost error message (serde's, with line and column), without axum's prefix.
fn source_text(err: &dyn std::error::Error) -> String {
    let mut current: &dyn std::error::Error = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// A query string deserialized into `T`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => Err(AppError::BadRequest(
                format!("The query string is invalid: {}", source_text(&e)),
            )),
            Err(other) => Err(AppError::BadRequest(other.body_text())),
        }
    }
}

/// Path parameters deserialized into `T`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => Err(AppError::BadRequest(
                format!("The URL path is invalid: {}", e.body_text()),
            )),
            Err(other) => Err(AppError::Internal(anyhow::anyhow!(
                "path extraction: {other}"
            ))),
        }
    }
}
