//! The release binary as users run it: process start to first reply with an existing index
//! (`careerbot exec`, spawned again and again, wall time until it exits with the reply printed),
//! and resident memory (peak RSS of `exec`, and of a long-lived `console` after a stream of
//! queries, read from `/proc` while it is still running). Sizes as in the search bench.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/measure.rs"]
mod measure;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use measure::{Fixture, Percentiles, Report, Size};

const BINARY: &str = env!("CARGO_BIN_EXE_careerbot");

const FIRST_REPLY: &str = "/ask query:how much does a senior engineer earn";

fn careerbot(fixture: &Fixture, data: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        // The embedded SQLite store this bench measures, whatever DATABASE_URL says.
        .env_remove("DATABASE_URL")
        .env_remove("CAREERBOT_STORE_URL")
        .arg("--content-dir")
        .arg(&fixture.content_dir)
        .arg("--index-dir")
        .arg(&fixture.index_dir)
        .arg("--data-dir")
        .arg(data)
        .env_remove("CAREERBOT_LOG_LEVEL")
        .stdin(Stdio::null());
    if fixture.size != Size::Real {
        // Generated guides start lexical: with the model, the first start would embed every
        // unit (about 9.5 CPU-hours at 10,000 guides; see BENCHMARKS.md). An empty folder holds
        // no model.
        command.env("CAREERBOT_MODEL_DIR", fixture.scratch("no-model"));
    }
    command
}

/// One `exec` run: wall time from spawn to exit, and the reply.
fn exec_once(fixture: &Fixture, data: &Path) -> std::time::Duration {
    let started = Instant::now();
    let output = careerbot(fixture, data)
        .args(["exec", "--format", "json", "--", FIRST_REPLY])
        .output()
        .expect("careerbot runs");
    let elapsed = started.elapsed();
    assert!(output.status.success(), "{output:?}");
    let reply: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON reply");
    assert_eq!(reply["type"], 4, "{reply}");
    elapsed
}

/// Peak resident set of one `exec` run, from `/usr/bin/time` (kB), if that tool is installed.
fn exec_peak_rss_kb(fixture: &Fixture, data: &Path) -> Option<u64> {
    let bot = careerbot(fixture, data);
    let mut time = Command::new("/usr/bin/time");
    // The bot's own environment too (the store and the model folder it is given).
    for (key, value) in bot.get_envs() {
        match value {
            Some(value) => time.env(key, value),
            None => time.env_remove(key),
        };
    }
    let output = time
        .args(["-f", "%M", BINARY])
        .args(bot.get_args())
        .args(["exec", "--format", "json", "--", FIRST_REPLY])
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr.lines().last()?.trim().parse().ok()
}

/// A `console` fed `queries` lines; returns (VmRSS, VmHWM) in kB read before stdin closes.
fn console_rss_kb(fixture: &Fixture, data: &Path, queries: usize) -> (u64, u64) {
    let mut child = careerbot(fixture, data)
        .args(["console", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("console starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let lines = [
        "/ask query:how much does a senior engineer earn",
        "/faq question:what are the best backend languages",
        "/ask query:kubernetes certification",
        "/help",
        "/ask query:design a url shortener",
    ];
    let mut reply = String::new();
    for i in 0..queries {
        writeln!(stdin, "{}", lines[i % lines.len()]).expect("write a line");
        stdin.flush().expect("flush");
        reply.clear();
        stdout.read_line(&mut reply).expect("a reply line");
        assert!(reply.starts_with('{'), "{reply}");
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).expect("status");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let figures = (field("VmRSS:"), field("VmHWM:"));
    drop(stdin);
    let _ = child.wait();
    figures
}

fn main() {
    let mut report = Report::new("process");
    for size in measure::sizes() {
        let fixture = Fixture::new(size);
        let label = size.label();
        let data = fixture.scratch("data");
        let runs = match size {
            Size::Generated(n) if n >= 10_000 => 5,
            Size::Generated(n) if n >= 1_000 => 10,
            _ => 40,
        };
        let name = format!("start to first reply, exec ({label})");
        if report.wants(&name) {
            let p = Percentiles::measure(&name, 2, runs, |_| exec_once(&fixture, &data));
            report.timing(&p, if size == Size::Real { "≤ 100 ms" } else { "" });
        }
        let name = format!("peak RSS, exec ({label})");
        if report.wants(&name) {
            let value = exec_peak_rss_kb(&fixture, &data)
                .map(|kb| format!("{:.1} MB", kb as f64 / 1024.0))
                .unwrap_or_else(|| "(/usr/bin/time not installed)".into());
            report.figure(
                &name,
                &value,
                if size == Size::Real { "≤ 64 MB" } else { "" },
            );
        }
        let name = format!("RSS now / peak, console after 200 replies ({label})");
        if report.wants(&name) {
            let (now, peak) = console_rss_kb(&fixture, &data, 200);
            report.figure(
                &name,
                &format!(
                    "{:.1} MB / {:.1} MB",
                    now as f64 / 1024.0,
                    peak as f64 / 1024.0
                ),
                if size == Size::Real { "≤ 64 MB" } else { "" },
            );
        }
    }
    report.finish();
}
