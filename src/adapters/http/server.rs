//! The HTTP server under both transports' routes: hyper's HTTP/1 connection driver with limits
//! a hostile or broken client cannot outlast (a slowloris holding half-sent headers, idle
//! keep-alive connections, oversized headers, too many connections). Each limit is a setting
//! (`http.*`, see `HttpLimits`); when one bites, the connection is closed, the metric
//! `careerbot_http_limit_hits_total{limit}` counts it and a warning is logged (at most one per
//! limit every few seconds, so an attack cannot flood the log). Memory stays bounded: at most
//! `max_connections` connections, each buffering at most `max_header_bytes`.
//!
//! Shutdown: stop accepting, ask every open connection to finish its request in flight and
//! close, and wait for them (bounded by the caller's grace period).

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

use crate::metrics::Metrics;
use crate::settings::HttpLimits;

/// A warning per limit at most this often; the metric counts every hit.
const WARN_EVERY: Duration = Duration::from_secs(5);

/// Throttled warnings, one clock per limit.
#[derive(Debug, Default)]
struct Warnings {
    last: [AtomicU64; LIMITS.len()],
}

const LIMITS: [&str; 5] = crate::metrics::HTTP_LIMITS;

/// Counts a limit that bit and warns about it (throttled).
fn limit_bit(metrics: &Metrics, warnings: &Warnings, started: Instant, limit: &'static str) {
    metrics.limit_hit(limit);
    let Some(slot) = LIMITS.iter().position(|l| *l == limit) else {
        return;
    };
    let now = started.elapsed().as_millis() as u64 + 1;
    let last = warnings.last[slot].load(Ordering::Relaxed);
    if (last == 0 || now.saturating_sub(last) >= WARN_EVERY.as_millis() as u64)
        && warnings.last[slot]
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        tracing::warn!(
            limit,
            total = metrics.limit_hits(limit),
            "an HTTP server limit closed a connection (further ones are counted in careerbot_http_limit_hits_total)"
        );
    }
}

/// A TCP stream that remembers when bytes last moved, for the idle timeout.
struct Watched {
    stream: TcpStream,
    last_activity: Arc<AtomicU64>,
    origin: Instant,
}

impl Watched {
    fn touch(&self) {
        self.last_activity
            .store(self.origin.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Serves `router` on `listener` with `limits` until `shutdown` resolves, then lets open
/// connections finish for up to `grace`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: HttpLimits,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) {
    let started = Instant::now();
    let warnings = Arc::new(Warnings::default());
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, _) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of descriptors or a connection reset before accept: back off a moment.
                tracing::warn!(%error, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            limit_bit(&metrics, &warnings, started, "connection_cap");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let connection = Connection {
            router: router.clone(),
            limits: limits.clone(),
            metrics: metrics.clone(),
            warnings: warnings.clone(),
            started,
            stopping: stopping.clone(),
        };
        tokio::spawn(async move {
            connection.run(stream).await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a slot; all slots back means all connections closed.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    if tokio::time::timeout(grace, slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!(
            open = limits.max_connections - slots.available_permits(),
            "connections still open after the grace period; closing them"
        );
    }
}

struct Connection {
    router: Router,
    limits: HttpLimits,
    metrics: Arc<Metrics>,
    warnings: Arc<Warnings>,
    started: Instant,
    stopping: watch::Receiver<bool>,
}

impl Connection {
    async fn run(mut self, stream: TcpStream) {
        let origin = Instant::now();
        let last_activity = Arc::new(AtomicU64::new(0));
        let io = Watched {
            stream,
            last_activity: last_activity.clone(),
            origin,
        };
        let service = TowerToHyperService::new(self.router.clone());
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.limits.header_read_timeout)
            .max_buf_size(self.limits.max_header_bytes.max(8192))
            .keep_alive(true);
        let connection = builder.serve_connection(TokioIo::new(io), service);
        let mut connection = std::pin::pin!(connection);
        let idle = self.limits.idle_timeout;
        let mut closing = false;
        loop {
            let idle_for = Duration::from_millis(
                (origin.elapsed().as_millis() as u64)
                    .saturating_sub(last_activity.load(Ordering::Relaxed)),
            );
            let idle_left = idle.saturating_sub(idle_for);
            tokio::select! {
                served = connection.as_mut() => {
                    if let Err(error) = served {
                        self.classify(&error);
                    }
                    return;
                }
                () = tokio::time::sleep(idle_left), if !closing => {
                    let quiet = Duration::from_millis(
                        (origin.elapsed().as_millis() as u64)
                            .saturating_sub(last_activity.load(Ordering::Relaxed)),
                    );
                    if quiet >= idle {
                        // Nothing moved for the whole idle timeout, in a request or between
                        // requests: close. A request being answered slowly still moves bytes
                        // before this (our own answers come within seconds).
                        limit_bit(&self.metrics, &self.warnings, self.started, "idle_timeout");
                        return;
                    }
                }
                changed = self.stopping.changed(), if !closing => {
                    if changed.is_err() || *self.stopping.borrow() {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
        }
    }

    fn classify(&self, error: &hyper::Error) {
        let limit = if error.is_timeout() {
            "header_timeout"
        } else if error.is_parse_too_large() {
            "header_too_large"
        } else {
            tracing::debug!(%error, "an HTTP connection ended with an error");
            return;
        };
        limit_bit(&self.metrics, &self.warnings, self.started, limit);
    }
}

/// Raises the soft limit on open files to the hard limit, so the connection cap, not the
/// descriptor limit, is what refuses connections under load. Returns (soft before, soft now).
#[cfg(unix)]
// rlim_t is u64 on 64-bit targets but not on every Unix.
#[allow(clippy::unnecessary_cast)]
pub fn raise_open_files_limit() -> Option<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed by pointer.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        let before = limit.rlim_cur;
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                return Some((before as u64, before as u64));
            }
        }
        Some((before as u64, limit.rlim_cur as u64))
    }
}

#[cfg(not(unix))]
pub fn raise_open_files_limit() -> Option<(u64, u64)> {
    None
}
