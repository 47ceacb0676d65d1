//! Shared by the tests that need a real PostgreSQL server (the store contract, several instances,
//! shards): where the server is (`DATABASE_URL`), whether to skip without it, a fresh schema per
//! test so runs never collide, and a private server a test may stop and start
//! (`scripts/pg-test-server`).
//!
//! Without `DATABASE_URL` a PostgreSQL test prints why it is skipped and passes, except under
//! `CI=true`, where a missing or unreachable server fails it: CI must never pass by skipping.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

/// Runs `work` on a thread of its own: the synchronous client drives a runtime of its own, which
/// must not start on an async test's worker thread (it panics there).
fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(work)
            .join()
            .expect("a database helper panicked")
    })
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The server's URL, or None (with the reason printed) when these tests are to be skipped.
/// Panics under CI without one, and whenever the URL is set but the server does not answer.
pub fn database_url(test: &str) -> Option<String> {
    match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) => {
            if let Err(error) = off_runtime(|| Client::connect(&url, NoTls).map(drop)) {
                panic!("DATABASE_URL is set but PostgreSQL does not answer: {error}");
            }
            Some(url)
        }
        None if in_ci() => panic!(
            "{test}: CI=true but DATABASE_URL is not set: .ci/run must start PostgreSQL (scripts/pg-test-server)"
        ),
        None => {
            eprintln!(
                "skipped {test}: no DATABASE_URL (start a server with `scripts/pg-test-server start DIR` and export the URL it prints)"
            );
            None
        }
    }
}

/// `url` with its sessions' `search_path` set to `schema` (keeps the URL's other parameters).
pub fn with_search_path(url: &str, schema: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}options=-c%20search_path%3D{schema}")
}

/// A schema of its own for one test, dropped (with everything in it) when the value is.
pub struct Schema {
    base_url: String,
    pub name: String,
    /// The URL whose connections use only this schema.
    pub url: String,
}

impl Schema {
    pub fn fresh(base_url: &str, label: &str) -> Schema {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "t_{}_{}_{}_{}",
            label
                .to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos
        );
        off_runtime(|| {
            let mut client = Client::connect(base_url, NoTls).expect("connect to DATABASE_URL");
            client
                .batch_execute(&format!("CREATE SCHEMA {name}"))
                .expect(
                    "create a test schema (the role must own the database or have CREATE on it)",
                );
        });
        Schema {
            base_url: base_url.to_string(),
            url: with_search_path(base_url, &name),
            name,
        }
    }

    /// A plain connection inside the schema, for looking at tables directly (not from an async
    /// test: use `count` there).
    pub fn client(&self) -> Client {
        Client::connect(&self.url, NoTls).expect("connect to the test schema")
    }

    /// The one number a query returns (`SELECT COUNT(*) …`), from any thread.
    pub fn count(&self, sql: &str) -> i64 {
        off_runtime(|| self.client().query_one(sql, &[]).expect(sql).get(0))
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        off_runtime(|| {
            if let Ok(mut client) = Client::connect(&self.base_url, NoTls) {
                let _ =
                    client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name));
            }
        });
    }
}

/// A PostgreSQL server of a test's own (`scripts/pg-test-server`), for tests that stop and start
/// it. None (skipped, printed) when the server binaries are not installed, except under CI.
pub struct PrivateServer {
    dir: tempfile::TempDir,
    pub url: String,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server")
}

impl PrivateServer {
    pub fn start(test: &str) -> Option<PrivateServer> {
        let installed = std::fs::read_dir("/usr/lib/postgresql")
            .map(|dirs| dirs.flatten().any(|d| d.path().join("bin/initdb").exists()))
            .unwrap_or(false);
        if !installed && !in_ci() {
            eprintln!("skipped {test}: PostgreSQL's server binaries (initdb) are not installed");
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("pg");
        let output = Command::new(script())
            .arg("start")
            .arg(&data)
            .output()
            .expect("run scripts/pg-test-server");
        assert!(
            output.status.success(),
            "scripts/pg-test-server start failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let url = stdout
            .lines()
            .find_map(|l| l.strip_prefix("DATABASE_URL="))
            .expect("the script prints DATABASE_URL")
            .trim()
            .to_string();
        Some(PrivateServer { dir, url })
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("pg")
    }

    fn pg_ctl(&self, args: &[&str]) {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("postgresql installed")
            .flatten()
            .map(|d| d.path().join("bin"))
            .filter(|b| b.join("pg_ctl").exists())
            .max()
            .expect("pg_ctl");
        let port = std::fs::read_to_string(self.data().join("port")).expect("port file");
        // PostgreSQL refuses root; the script made `nobody` own the server when we are root.
        let mut command = if unsafe { libc::geteuid() } == 0 {
            let mut command = Command::new("setpriv");
            command
                .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"])
                .arg(bin.join("pg_ctl"));
            command
        } else {
            Command::new(bin.join("pg_ctl"))
        };
        command
            .arg("-D")
            .arg(self.data().join("data"))
            .arg("-l")
            .arg(self.data().join("server.log"))
            .args(args)
            .arg("-o")
            .arg(format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
                port.trim(),
                self.data().display()
            ));
        let status = command
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run pg_ctl");
        assert!(status.success(), "pg_ctl {args:?} failed");
    }

    /// Stops the server (fast shutdown: open connections are cut, as in a crash or failover).
    pub fn stop(&self) {
        self.pg_ctl(&["-m", "fast", "-w", "stop"]);
    }

    pub fn start_again(&self) {
        self.pg_ctl(&["-w", "start"]);
    }
}

impl Drop for PrivateServer {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(self.data()).status();
    }
}
