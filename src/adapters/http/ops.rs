//! Routes for operators, served by both transports: `/healthz` (the process answers),
//! `/readyz` (every readiness check passes) and `/metrics` (Prometheus text format).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};

use crate::app::App;
use crate::metrics;

/// A named readiness check: `Ok` with a short detail, or `Err` with what is wrong. Checks run on
/// a blocking thread, so one may touch the disk or a database.
pub type ReadinessCheck = (&'static str, fn(&App) -> Result<String, String>);

/// Every readiness check. A new dependency (the session database) is one more line here.
pub const READINESS_CHECKS: &[ReadinessCheck] = &[
    ("index", index_loaded),
    ("data_dir", data_dir_present),
    ("database", database_reachable),
];

/// A check that takes longer than this counts as failed: a probe must answer quickly.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

fn index_loaded(app: &App) -> Result<String, String> {
    match app.library().search.len() {
        0 => Err("the search index holds no documents".into()),
        documents => Ok(format!("{documents} documents")),
    }
}

/// An open database keeps working after its folder is deleted, until the next process (or the
/// next restart) finds nothing: readiness looks at the folder itself.
fn data_dir_present(app: &App) -> Result<String, String> {
    let Some(database) = app.store.location() else {
        // A server database (or SQLite in memory): no file in the data dir to lose.
        return Ok(format!("no database file ({})", app.store.describe()));
    };
    if !database.parent().is_some_and(std::path::Path::is_dir) {
        return Err("the data dir is gone".into());
    }
    if !database.is_file() {
        return Err("the database file is gone".into());
    }
    Ok("present".into())
}

fn database_reachable(app: &App) -> Result<String, String> {
    app.store
        .session(0)
        .map(|_| "reachable".to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "readiness: database unreachable");
            "the session database is unreachable".to_string()
        })
}

/// The three routes, for any `App`.
pub fn ops_router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .with_state(app)
}

async fn healthz() -> Response {
    json_response(StatusCode::OK, &json!({ "status": "ok" }))
}

/// Runs every check and reports each one; 200 only when all pass.
pub async fn readiness(app: Arc<App>) -> (bool, Value) {
    let run = tokio::task::spawn_blocking(move || {
        READINESS_CHECKS
            .iter()
            .map(|(name, check)| (*name, check(&app)))
            .collect::<Vec<_>>()
    });
    let results = match tokio::time::timeout(CHECK_TIMEOUT, run).await {
        Ok(Ok(results)) => results,
        Ok(Err(_)) => vec![("checks", Err("a readiness check panicked".to_string()))],
        Err(_) => vec![("checks", Err("readiness checks timed out".to_string()))],
    };
    let ready = results.iter().all(|(_, result)| result.is_ok());
    let mut checks = Map::new();
    for (name, result) in results {
        let entry = match result {
            Ok(detail) => json!({ "ok": true, "detail": detail }),
            Err(problem) => json!({ "ok": false, "detail": problem }),
        };
        checks.insert(name.to_string(), entry);
    }
    (ready, json!({ "ready": ready, "checks": checks }))
}

async fn readyz(State(app): State<Arc<App>>) -> Response {
    let (ready, report) = readiness(app).await;
    if !ready {
        tracing::warn!(report = %report, "not ready");
    }
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    json_response(status, &report)
}

async fn metrics_text(State(app): State<Arc<App>>) -> Response {
    // The sessions gauge is read from the store at scrape time: several instances share one
    // database, so no single process could count them from what it served itself.
    let counting = app.clone();
    match tokio::task::spawn_blocking(move || crate::interview::session::active_sessions(&counting))
        .await
    {
        Ok(Ok(sessions)) => app.metrics.set_active_sessions(sessions),
        Ok(Err(error)) => tracing::warn!(%error, "metrics: cannot count active sessions"),
        Err(_) => tracing::warn!("metrics: counting active sessions panicked"),
    }
    (
        [(header::CONTENT_TYPE, metrics::CONTENT_TYPE)],
        app.metrics.render(),
    )
        .into_response()
}

/// A JSON body with its content type.
pub(super) fn json_response(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
