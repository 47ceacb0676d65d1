//! Process metrics in Prometheus' text exposition format, for every transport: commands by name
//! and outcome, command latency, request-signature failures, errors, and active interview
//! sessions. The core records commands (`App::handle`); adapters record what only they see.
//! Nothing here knows HTTP: an adapter serves `Metrics::render` wherever it likes.
//!
//! Written by hand rather than with a metrics crate: five metric families with closed label sets
//! are a few dozen lines, and every label value is a `&'static str` or an enum, so the number of
//! series is bounded by the code and no user input can ever become a label.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// The `Content-Type` of `Metrics::render`'s output.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upper bounds (seconds) of the latency histogram's buckets: from a cached answer to a chart.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Ok,
    /// The user's input was refused with an explanation.
    UserError,
    /// Something failed on our side (or panicked); the user got a generic apology.
    InternalError,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::UserError => "user_error",
            Outcome::InternalError => "internal_error",
        }
    }
}

/// Why a request's signature was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignatureFailure {
    /// A signature or timestamp header is absent.
    Missing,
    /// The signature does not verify (tampered, forged, or not hex).
    Invalid,
    /// Correctly signed, but the timestamp is outside the replay window (or not a number).
    Stale,
}

impl SignatureFailure {
    pub const ALL: [SignatureFailure; 3] = [
        SignatureFailure::Missing,
        SignatureFailure::Invalid,
        SignatureFailure::Stale,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SignatureFailure::Missing => "missing",
            SignatureFailure::Invalid => "invalid",
            SignatureFailure::Stale => "stale",
        }
    }
}

/// Errors worth an alert, by where they happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A command failed on our side.
    Command,
    /// A command or autocomplete panicked (caught; the user got a generic reply).
    Panic,
    /// Autocomplete failed; the user saw no suggestions.
    Autocomplete,
    /// A correctly signed request we could not understand (malformed JSON, unknown type).
    BadRequest,
    /// A deferred reply could not be delivered through Discord's REST API.
    Delivery,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 5] = [
        ErrorKind::Command,
        ErrorKind::Panic,
        ErrorKind::Autocomplete,
        ErrorKind::BadRequest,
        ErrorKind::Delivery,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Command => "command",
            ErrorKind::Panic => "panic",
            ErrorKind::Autocomplete => "autocomplete",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Delivery => "delivery",
        }
    }
}

/// The HTTP server's limits, as `careerbot_http_limit_hits_total` labels them.
pub const HTTP_LIMITS: [&str; 5] = [
    "header_timeout",
    "idle_timeout",
    "header_too_large",
    "connection_cap",
    "request_timeout",
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    /// Observations at or below each bound of `LATENCY_BUCKETS` (not cumulative here).
    buckets: [u64; LATENCY_BUCKETS.len()],
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = LATENCY_BUCKETS.iter().position(|&bound| seconds <= bound) {
            self.buckets[i] += 1;
        }
        self.sum += seconds;
        self.count += 1;
    }
}

#[derive(Debug, Default)]
struct Counts {
    commands: BTreeMap<(&'static str, Outcome), u64>,
    latency: BTreeMap<&'static str, Histogram>,
    signature_failures: BTreeMap<SignatureFailure, u64>,
    errors: BTreeMap<ErrorKind, u64>,
    /// HTTP server limits that closed or refused a connection, by limit.
    limit_hits: BTreeMap<&'static str, u64>,
    repeated_deliveries: u64,
    abandoned_replies: u64,
    /// Questions nothing answered, by command (`faq`, `ask`, `message`).
    unanswered: BTreeMap<&'static str, u64>,
    reply_cache_hits: u64,
    reply_cache_misses: u64,
    /// The gateway shards this process runs, by shard id (only `serve` has any).
    shards: BTreeMap<u32, Shard>,
}

/// One gateway shard as this process saw it.
#[derive(Debug, Default, Clone, Copy)]
struct Shard {
    /// How many shards the application runs in all (Discord's `[id, count]`).
    count: u32,
    /// Connected: READY or RESUMED seen, and not disconnected since.
    up: bool,
    interactions: u64,
}

/// The process's metrics. Shared (`Arc`) by the core and the adapters.
#[derive(Debug)]
pub struct Metrics {
    counts: Mutex<Counts>,
    active_sessions: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    /// Every failure and error series starts at zero, so `rate()` works before the first one.
    pub fn new() -> Metrics {
        let counts = Counts {
            signature_failures: SignatureFailure::ALL.iter().map(|&f| (f, 0)).collect(),
            errors: ErrorKind::ALL.iter().map(|&k| (k, 0)).collect(),
            unanswered: ["faq", "ask", "message"].iter().map(|&c| (c, 0)).collect(),
            limit_hits: HTTP_LIMITS.iter().map(|&l| (l, 0)).collect(),
            ..Counts::default()
        };
        Metrics {
            counts: Mutex::new(counts),
            active_sessions: AtomicU64::new(0),
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        // A panic while holding the lock cannot leave the counts half-updated in a harmful way.
        self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One command handled: `name` is `Command::metric_name()`.
    pub fn record_command(&self, name: &'static str, outcome: Outcome, elapsed: Duration) {
        let mut counts = self.counts();
        *counts.commands.entry((name, outcome)).or_default() += 1;
        counts
            .latency
            .entry(name)
            .or_default()
            .observe(elapsed.as_secs_f64());
    }

    pub fn signature_failure(&self, failure: SignatureFailure) {
        *self.counts().signature_failures.entry(failure).or_default() += 1;
    }

    pub fn error(&self, kind: ErrorKind) {
        *self.counts().errors.entry(kind).or_default() += 1;
    }

    /// A repeated delivery of an interaction was answered with the first reply.
    pub fn repeated_delivery(&self) {
        self.counts().repeated_deliveries += 1;
    }

    pub fn repeated_deliveries(&self) -> u64 {
        self.counts().repeated_deliveries
    }

    /// An HTTP server limit bit (`limit` names it: header_timeout, idle_timeout, …).
    pub fn limit_hit(&self, limit: &'static str) {
        *self.counts().limit_hits.entry(limit).or_default() += 1;
    }

    pub fn limit_hits(&self, limit: &str) -> u64 {
        self.counts().limit_hits.get(limit).copied().unwrap_or(0)
    }

    /// A guidance command looked up in the reply cache.
    pub fn reply_cache_lookup(&self, hit: bool) {
        let mut counts = self.counts();
        if hit {
            counts.reply_cache_hits += 1;
        } else {
            counts.reply_cache_misses += 1;
        }
    }

    /// (hits, misses) of the reply cache.
    pub fn reply_cache(&self) -> (u64, u64) {
        let counts = self.counts();
        (counts.reply_cache_hits, counts.reply_cache_misses)
    }

    /// A question nothing in the content answered (the store counts which one, per server).
    pub fn unanswered(&self, command: &'static str) {
        *self.counts().unanswered.entry(command).or_default() += 1;
    }

    pub fn unanswered_count(&self, command: &str) -> u64 {
        self.counts().unanswered.get(command).copied().unwrap_or(0)
    }

    /// A deferred reply that shutdown could not deliver within its grace period.
    pub fn abandoned_reply(&self) {
        self.counts().abandoned_replies += 1;
    }

    /// A gateway shard of this process connected (READY or RESUMED) or dropped. Shard ids are
    /// bounded by `discord.shards`, never user input, so they may be labels.
    pub fn shard_state(&self, id: u32, count: u32, up: bool) {
        let mut counts = self.counts();
        let shard = counts.shards.entry(id).or_default();
        if count > 0 {
            shard.count = count;
        }
        shard.up = up;
    }

    /// An interaction arrived on gateway shard `id`.
    pub fn shard_interaction(&self, id: u32) {
        self.counts().shards.entry(id).or_default().interactions += 1;
    }

    /// The shard count shard `id` reported at READY (0 before it).
    pub fn shard_count(&self, id: u32) -> u32 {
        self.counts().shards.get(&id).map_or(0, |s| s.count)
    }

    /// The number of interview sessions in progress (the session store sets it).
    pub fn set_active_sessions(&self, sessions: u64) {
        self.active_sessions.store(sessions, Ordering::Relaxed);
    }

    /// How many commands of this name ended with this outcome (tests, health summaries).
    pub fn commands(&self, name: &str, outcome: Outcome) -> u64 {
        self.counts()
            .commands
            .iter()
            .filter(|((n, o), _)| *n == name && *o == outcome)
            .map(|(_, count)| count)
            .sum()
    }

    pub fn signature_failures(&self, failure: SignatureFailure) -> u64 {
        self.counts()
            .signature_failures
            .get(&failure)
            .copied()
            .unwrap_or(0)
    }

    pub fn errors(&self, kind: ErrorKind) -> u64 {
        self.counts().errors.get(&kind).copied().unwrap_or(0)
    }

    /// Everything, in the Prometheus text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        let counts = self.counts();
        let mut out = String::new();
        family(
            &mut out,
            "careerbot_commands_total",
            "counter",
            "Commands handled, by command and outcome.",
        );
        for ((name, outcome), count) in &counts.commands {
            let _ = writeln!(
                out,
                "careerbot_commands_total{{command=\"{}\",outcome=\"{}\"}} {count}",
                escape(name),
                outcome.label()
            );
        }
        family(
            &mut out,
            "careerbot_command_duration_seconds",
            "histogram",
            "Time the core took to answer a command.",
        );
        for (name, histogram) in &counts.latency {
            let name = escape(name);
            let mut cumulative = 0;
            for (bound, count) in LATENCY_BUCKETS.iter().zip(histogram.buckets) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "careerbot_command_duration_seconds_bucket{{command=\"{name}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "careerbot_command_duration_seconds_bucket{{command=\"{name}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(
                out,
                "careerbot_command_duration_seconds_sum{{command=\"{name}\"}} {}",
                histogram.sum
            );
            let _ = writeln!(
                out,
                "careerbot_command_duration_seconds_count{{command=\"{name}\"}} {}",
                histogram.count
            );
        }
        family(
            &mut out,
            "careerbot_unanswered_total",
            "counter",
            "Questions the content did not answer (weak or no match), by command.",
        );
        for (command, count) in &counts.unanswered {
            let _ = writeln!(
                out,
                "careerbot_unanswered_total{{command=\"{}\"}} {count}",
                escape(command)
            );
        }
        family(
            &mut out,
            "careerbot_signature_failures_total",
            "counter",
            "Interaction requests rejected for their signature, by reason.",
        );
        for (failure, count) in &counts.signature_failures {
            let _ = writeln!(
                out,
                "careerbot_signature_failures_total{{reason=\"{}\"}} {count}",
                failure.label()
            );
        }
        family(
            &mut out,
            "careerbot_errors_total",
            "counter",
            "Errors on our side, by where they happened.",
        );
        for (kind, count) in &counts.errors {
            let _ = writeln!(
                out,
                "careerbot_errors_total{{kind=\"{}\"}} {count}",
                kind.label()
            );
        }
        family(
            &mut out,
            "careerbot_http_limit_hits_total",
            "counter",
            "Connections an HTTP server limit closed or refused, by limit.",
        );
        for (limit, count) in &counts.limit_hits {
            let _ = writeln!(
                out,
                "careerbot_http_limit_hits_total{{limit=\"{}\"}} {count}",
                escape(limit)
            );
        }
        family(
            &mut out,
            "careerbot_repeated_deliveries_total",
            "counter",
            "Interactions delivered again (retries, replays), answered without a second change.",
        );
        let _ = writeln!(
            out,
            "careerbot_repeated_deliveries_total {}",
            counts.repeated_deliveries
        );
        family(
            &mut out,
            "careerbot_reply_cache_lookups_total",
            "counter",
            "Guidance commands looked up in the reply cache, by result.",
        );
        let _ = writeln!(
            out,
            "careerbot_reply_cache_lookups_total{{result=\"hit\"}} {}",
            counts.reply_cache_hits
        );
        let _ = writeln!(
            out,
            "careerbot_reply_cache_lookups_total{{result=\"miss\"}} {}",
            counts.reply_cache_misses
        );
        family(
            &mut out,
            "careerbot_abandoned_replies_total",
            "counter",
            "Deferred replies shutdown gave up on after its grace period.",
        );
        let _ = writeln!(
            out,
            "careerbot_abandoned_replies_total {}",
            counts.abandoned_replies
        );
        family(
            &mut out,
            "careerbot_gateway_shard_up",
            "gauge",
            "Gateway shards this process runs: 1 while connected, by shard id and shard count.",
        );
        for (id, shard) in &counts.shards {
            let _ = writeln!(
                out,
                "careerbot_gateway_shard_up{{shard=\"{id}\",shard_count=\"{}\"}} {}",
                shard.count,
                u8::from(shard.up)
            );
        }
        family(
            &mut out,
            "careerbot_gateway_shard_interactions_total",
            "counter",
            "Interactions received, by gateway shard.",
        );
        for (id, shard) in &counts.shards {
            let _ = writeln!(
                out,
                "careerbot_gateway_shard_interactions_total{{shard=\"{id}\",shard_count=\"{}\"}} {}",
                shard.count, shard.interactions
            );
        }
        family(
            &mut out,
            "careerbot_active_interview_sessions",
            "gauge",
            "Interview sessions in progress.",
        );
        let _ = writeln!(
            out,
            "careerbot_active_interview_sessions {}",
            self.active_sessions.load(Ordering::Relaxed)
        );
        out
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value as the exposition format requires: backslash, quote and newline escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample lines (not comments) as (series, value).
    fn samples(text: &str) -> Vec<(String, String)> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let (series, value) = l.rsplit_once(' ').expect("a sample line has a value");
                (series.to_string(), value.to_string())
            })
            .collect()
    }

    fn value(text: &str, series: &str) -> Option<String> {
        samples(text)
            .into_iter()
            .find(|(s, _)| s == series)
            .map(|(_, v)| v)
    }

    #[test]
    fn gateway_shards_are_labelled_by_id_and_count() {
        let metrics = Metrics::new();
        assert!(!metrics.render().contains("careerbot_gateway_shard_up{"));
        metrics.shard_state(1, 2, true);
        metrics.shard_interaction(1);
        metrics.shard_interaction(1);
        metrics.shard_state(3, 4, true);
        metrics.shard_state(3, 0, false);
        let text = metrics.render();
        let cases = [
            (
                "careerbot_gateway_shard_up{shard=\"1\",shard_count=\"2\"}",
                "1",
            ),
            (
                "careerbot_gateway_shard_interactions_total{shard=\"1\",shard_count=\"2\"}",
                "2",
            ),
            (
                "careerbot_gateway_shard_up{shard=\"3\",shard_count=\"4\"}",
                "0",
            ),
        ];
        for (series, expected) in cases {
            assert_eq!(value(&text, series).as_deref(), Some(expected), "{text}");
        }
        assert_eq!(metrics.shard_count(1), 2);
    }

    #[test]
    fn commands_are_counted_by_name_and_outcome() {
        let metrics = Metrics::new();
        let cases = [
            ("faq", Outcome::Ok, 3),
            ("faq", Outcome::UserError, 1),
            ("interview.start", Outcome::InternalError, 2),
        ];
        for (name, outcome, times) in cases {
            for _ in 0..times {
                metrics.record_command(name, outcome, Duration::from_millis(3));
            }
        }
        let text = metrics.render();
        for (name, outcome, times) in cases {
            let series = format!(
                "careerbot_commands_total{{command=\"{name}\",outcome=\"{}\"}}",
                outcome.label()
            );
            assert_eq!(value(&text, &series), Some(times.to_string()), "{series}");
            assert_eq!(metrics.commands(name, outcome), times);
        }
        assert_eq!(
            value(
                &text,
                "careerbot_command_duration_seconds_count{command=\"faq\"}"
            ),
            Some("4".into())
        );
    }

    #[test]
    fn histogram_buckets_are_cumulative_and_end_at_the_count() {
        let metrics = Metrics::new();
        for ms in [0.5, 4.0, 4.0, 30.0, 9_000.0] {
            metrics.record_command("ask", Outcome::Ok, Duration::from_secs_f64(ms / 1000.0));
        }
        let text = metrics.render();
        let bucket = |le: &str| {
            value(
                &text,
                &format!(
                    "careerbot_command_duration_seconds_bucket{{command=\"ask\",le=\"{le}\"}}"
                ),
            )
        };
        let table = [
            ("0.001", "1"),
            ("0.0025", "1"),
            ("0.005", "3"),
            ("0.025", "3"),
            ("0.05", "4"),
            ("5", "4"),
            ("+Inf", "5"),
        ];
        for (le, expected) in table {
            assert_eq!(bucket(le).as_deref(), Some(expected), "le={le}");
        }
        let sum: f64 = value(
            &text,
            "careerbot_command_duration_seconds_sum{command=\"ask\"}",
        )
        .unwrap()
        .parse()
        .unwrap();
        assert!((sum - 9.0385).abs() < 1e-9, "{sum}");
    }

    #[test]
    fn failure_series_start_at_zero_and_count() {
        let metrics = Metrics::new();
        let text = metrics.render();
        for failure in SignatureFailure::ALL {
            let series = format!(
                "careerbot_signature_failures_total{{reason=\"{}\"}}",
                failure.label()
            );
            assert_eq!(value(&text, &series).as_deref(), Some("0"), "{series}");
        }
        for kind in ErrorKind::ALL {
            let series = format!("careerbot_errors_total{{kind=\"{}\"}}", kind.label());
            assert_eq!(value(&text, &series).as_deref(), Some("0"), "{series}");
        }
        metrics.signature_failure(SignatureFailure::Stale);
        metrics.signature_failure(SignatureFailure::Stale);
        metrics.error(ErrorKind::Delivery);
        metrics.set_active_sessions(7);
        let text = metrics.render();
        assert_eq!(
            value(
                &text,
                "careerbot_signature_failures_total{reason=\"stale\"}"
            )
            .as_deref(),
            Some("2")
        );
        assert_eq!(
            value(&text, "careerbot_errors_total{kind=\"delivery\"}").as_deref(),
            Some("1")
        );
        assert_eq!(
            value(&text, "careerbot_active_interview_sessions").as_deref(),
            Some("7")
        );
        assert_eq!(metrics.signature_failures(SignatureFailure::Stale), 2);
        assert_eq!(metrics.errors(ErrorKind::Delivery), 1);
    }

    #[test]
    fn exposition_is_well_formed() {
        let metrics = Metrics::new();
        metrics.record_command("weird\"name\\\n", Outcome::Ok, Duration::from_millis(1));
        let text = metrics.render();
        assert!(text.ends_with('\n'));
        assert!(text.contains("command=\"weird\\\"name\\\\\\n\""), "{text}");
        let mut declared = Vec::new();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest.split_once(' ').unwrap();
                assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
                declared.push(name.to_string());
            } else if !line.starts_with("# HELP ") {
                let (series, value) = line.rsplit_once(' ').unwrap();
                assert!(value.parse::<f64>().is_ok(), "{line}");
                let name = series.split('{').next().unwrap();
                assert!(
                    declared.iter().any(|d| name.starts_with(d.as_str())),
                    "{name} has no # TYPE before it"
                );
            }
        }
        assert_eq!(declared.len(), 12);
    }

    #[test]
    fn unanswered_questions_are_counted_by_command_from_zero() {
        let metrics = Metrics::new();
        let text = metrics.render();
        assert!(
            text.contains("careerbot_unanswered_total{command=\"faq\"} 0"),
            "{text}"
        );
        metrics.unanswered("faq");
        metrics.unanswered("faq");
        assert_eq!(metrics.unanswered_count("faq"), 2);
        assert!(metrics
            .render()
            .contains("careerbot_unanswered_total{command=\"faq\"} 2"));
    }
}
