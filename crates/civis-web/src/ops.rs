//! Operations endpoints: `/healthz` (the process is up), `/readyz` (the database answers),
//! `/metrics` (Prometheus text format), and the middleware that records request metrics.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::AppError;
use crate::state::AppState;

/// Upper bounds (seconds) of the request latency histogram buckets.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Label used for requests that matched no route.
const UNMATCHED: &str = "unmatched";

/// Request counts and latency histograms per (method, matched route, status).
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

#[derive(Default, Clone)]
struct Series {
    count: u64,
    sum_secs: f64,
    buckets: [u64; BUCKETS.len()],
}

impl Metrics {
    /// Records one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, secs: f64) {
        let Ok(mut series) = self.series.lock() else {
            return;
        };
        let s = series
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        s.count += 1;
        s.sum_secs += secs;
        for (bucket, bound) in s.buckets.iter_mut().zip(BUCKETS) {
            if secs <= bound {
                *bucket += 1;
            }
        }
    }

    /// Renders the request metrics in the Prometheus text exposition format.
    pub fn render(&self, out: &mut String) {
        let series = match self.series.lock() {
            Ok(s) => s.clone(),
            Err(_) => return,
        };
        out.push_str("# HELP civis_http_requests_total HTTP requests served, by method, matched route and status.\n");
        out.push_str("# TYPE civis_http_requests_total counter\n");
        for ((method, route, status), s) in &series {
            let _ = writeln!(
                out,
                "civis_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {}",
                label(method),
                label(route),
                s.count
            );
        }
        out.push_str("# HELP civis_http_request_duration_seconds HTTP request latency, by method, matched route and status.\n");
        out.push_str("# TYPE civis_http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in &series {
            let labels = format!(
                "method=\"{}\",route=\"{}\",status=\"{status}\"",
                label(method),
                label(route)
            );
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                let _ = writeln!(
                    out,
                    "civis_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "civis_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "civis_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_secs
            );
            let _ = writeln!(
                out,
                "civis_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
    }
}

/// Escapes a Prometheus label value.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Slot through which the inner route layer tells the outer metrics layer the matched route.
#[derive(Clone, Default)]
struct RouteSlot(Arc<Mutex<Option<String>>>);

/// Outer middleware: times every request and records it under its matched route.
pub async fn track_metrics(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let method = request.method().as_str().to_owned();
    let slot = RouteSlot::default();
    request.extensions_mut().insert(slot.clone());
    let response = next.run(request).await;
    let route = slot
        .0
        .lock()
        .ok()
        .and_then(|r| r.clone())
        .unwrap_or_else(|| UNMATCHED.to_owned());
    state.metrics().record(
        &method,
        &route,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

/// Inner route layer: copies the matched route template into the slot of [`track_metrics`].
pub async fn note_matched_route(request: Request, next: Next) -> Response {
    if let (Some(path), Some(slot)) = (
        request.extensions().get::<MatchedPath>(),
        request.extensions().get::<RouteSlot>(),
    ) {
        if let Ok(mut s) = slot.0.lock() {
            *s = Some(path.as_str().to_owned());
        }
    }
    next.run(request).await
}

/// The operations routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// Liveness: the process is up and serving.
async fn healthz() -> &'static str {
    "ok\n"
}

/// Readiness: the database answers. 503 (problem+json) when it does not.
async fn readyz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    crate::state::ping_store(&state).await?;
    Ok("ready\n")
}

/// Prometheus metrics in the text exposition format.
async fn metrics(State(state): State<AppState>) -> Response {
    let mut out = String::new();
    state.metrics().render(&mut out);
    crate::state::render_store_metrics(&state, &mut out);
    let mut response = (StatusCode::OK, out).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let m = Metrics::default();
        m.record("GET", "/healthz", 200, 0.002);
        m.record("GET", "/healthz", 200, 0.2);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "civis_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"
        ));
        assert!(out.contains("route=\"/healthz\",status=\"200\",le=\"0.005\"} 1"));
        assert!(out.contains("route=\"/healthz\",status=\"200\",le=\"0.25\"} 2"));
        assert!(out.contains("route=\"/healthz\",status=\"200\",le=\"+Inf\"} 2"));
    }
}
