//! SIGHUP reloads `content/` in a running bot (both Discord transports), as `/admin reload`
//! does: validated first, built beside the running content, swapped whole; on failure the old
//! content keeps being served and the report goes to the log.

use std::sync::Arc;

use crate::app::App;

/// Listens for SIGHUP until the task is dropped or aborted. Nothing on non-Unix systems.
pub fn spawn_on_sighup(app: Arc<App>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let mut hangups = match signal(SignalKind::hangup()) {
                Ok(hangups) => hangups,
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for SIGHUP; reload with /admin reload");
                    return;
                }
            };
            while hangups.recv().await.is_some() {
                tracing::info!("SIGHUP: reloading content");
                let app = app.clone();
                // Loading and indexing are blocking work.
                match tokio::task::spawn_blocking(move || app.reload()).await {
                    Ok(Ok(library)) => tracing::info!(
                        fingerprint = library.catalog.fingerprint,
                        roles = library.catalog.roles.len(),
                        "content reloaded on SIGHUP"
                    ),
                    Ok(Err(error)) => tracing::error!(
                        %error,
                        "reload on SIGHUP failed; still serving the previous content"
                    ),
                    Err(error) => tracing::error!(%error, "reload on SIGHUP panicked"),
                }
            }
        }
        #[cfg(not(unix))]
        drop(app);
    })
}
