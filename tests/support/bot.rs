//! `careerbot serve` as a child process, with its own data and index folders, a clean
//! environment (only what the test sets), and its output captured to files. Killed on drop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A token with the shape of a real one (three base64url parts); Discord never sees it.
pub const FAKE_TOKEN: &str = "MTA5ODc2NTQzMjEwOTg3NjU0.GzTest.c2VjcmV0LXRva2VuLWZvci10ZXN0cy1vbmx5";

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The `careerbot` binary with a clean environment, run in `dir`.
pub fn careerbot(dir: &Path) -> Command {
    careerbot_with(dir, &content_dir())
}

/// The same, reading `content` instead of the repository's content.
pub fn careerbot_with(dir: &Path, content: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .arg("--content-dir")
        .arg(content)
        .arg("--index-dir")
        .arg(dir.join("index"))
        .arg("--data-dir")
        .arg(dir.join("data"));
    command
}

pub struct Bot {
    child: Child,
    dir: TempDir,
    status: Option<ExitStatus>,
}

impl Bot {
    /// Starts `careerbot serve` with `env` (DISCORD_TOKEN, CAREERBOT_* …).
    pub fn spawn(env: &[(&str, &str)]) -> Bot {
        Bot::spawn_command("serve", env)
    }

    /// Starts `careerbot <subcommand>` (`serve`, `http`) with `env`.
    pub fn spawn_command(subcommand: &str, env: &[(&str, &str)]) -> Bot {
        Bot::spawn_with_content(subcommand, &content_dir(), env)
    }

    /// Starts `careerbot <subcommand>` reading `content` (a copy a test may change).
    pub fn spawn_with_content(subcommand: &str, content: &Path, env: &[(&str, &str)]) -> Bot {
        let dir = tempfile::tempdir().unwrap();
        let stdout = std::fs::File::create(dir.path().join("stdout.log")).unwrap();
        let stderr = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
        let mut command = careerbot_with(dir.path(), content);
        command
            .envs(env.iter().copied())
            .arg(subcommand)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr);
        let child = command.spawn().expect("start careerbot serve");
        Bot {
            child,
            dir,
            status: None,
        }
    }

    /// The bot's data dir (its SQLite database lives there).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Everything the bot logged so far.
    pub fn logs(&self) -> String {
        let read =
            |name: &str| std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("{}{}", read("stderr.log"), read("stdout.log"))
    }

    /// Waits up to `limit` for the process to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                self.status = Some(status);
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends a signal by name (`HUP`, `TERM`).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Sends SIGTERM, as a service manager stopping the bot would.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        if self.status.is_none() && self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
