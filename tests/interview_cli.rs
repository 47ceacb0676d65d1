//! Mock interviews through the real binary: every step is a separate `careerbot exec` process
//! sharing one data dir, so a session must survive between processes exactly as it would survive
//! a restart of the bot.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod interview_support;
use interview_support::{button_of, score_of, text_of};

const STRONG_SCALING_ANSWER: &str = "First I would measure to find the bottleneck: CPU, memory, slow queries or an external call. \
The quick win is to scale up to a bigger machine, but then I would scale out: several stateless app servers behind a load balancer, \
with sessions moved to a shared session store such as Redis. The database is usually the next limit, so I would fix slow queries and indexes, \
add a connection pool and read replicas, and put a Redis cache in front of hot reads. Static assets go to a CDN, \
and slow work like emails and image processing moves to background workers through a queue, because the request path should only do what the user waits for.";

struct Bot {
    data: tempfile::TempDir,
}

struct Run {
    code: i32,
    body: Value,
    stderr: String,
}

impl Run {
    /// Every text the user would see: content, embed titles, descriptions and fields.
    fn text(&self) -> String {
        text_of(&self.body)
    }

    fn ephemeral(&self) -> bool {
        self.body["data"]["flags"].as_u64() == Some(64)
    }

    fn button(&self, action: &str) -> String {
        button_of(&self.body, action)
    }

    /// The `N` of `Score: N/100`.
    fn score(&self) -> Option<u32> {
        score_of(&self.body)
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Bot {
    fn new() -> Bot {
        Bot {
            data: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, user: &str) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
        command
            .current_dir(self.data.path())
            .env_remove("CAREERBOT_INTERVIEW_IDLE_TIMEOUT_MINUTES")
            // Its own SQLite file, even where DATABASE_URL is set for the PostgreSQL tests.
            .env_remove("DATABASE_URL")
            .env_remove("CAREERBOT_STORE_URL")
            .arg("--data-dir")
            .arg(self.data.path())
            .arg("--content-dir")
            .arg(manifest().join("content"))
            .arg("--index-dir")
            .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("interview-cli-index"))
            .args(["--seed", "42", "exec", "--format", "json", "--user", user]);
        command
    }

    fn finish(mut command: Command) -> Run {
        let output = command.output().expect("the binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        let body = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
        Run {
            code: output.status.code().unwrap_or(-1),
            body,
            stderr,
        }
    }

    fn line(&self, user: &str, line: &str) -> Run {
        let mut command = self.command(user);
        command.arg("--").arg(line);
        Bot::finish(command)
    }

    fn click(&self, user: &str, custom_id: &str) -> Run {
        let mut command = self.command(user);
        command.args(["--click", custom_id]);
        Bot::finish(command)
    }

    fn submit(&self, user: &str, custom_id: &str, answer: &str) -> Run {
        let mut command = self.command(user);
        command
            .args(["--submit", custom_id, "--field"])
            .arg(format!("answer={answer}"));
        Bot::finish(command)
    }
}

#[test]
fn a_whole_interview_across_separate_processes() {
    let bot = Bot::new();
    let started = bot.line(
        "7",
        "/interview start questions:3 question:scale a web app on a single server",
    );
    assert_eq!(started.code, 0, "{}", started.stderr);
    assert!(started.ephemeral());
    let text = started.text();
    assert!(text.contains("Mock interview started"), "{text}");
    assert!(text.contains("Question 1 of 3"), "{text}");
    assert!(text.contains("getting slow as traffic grows"), "{text}");

    // A new process answers: the session was kept in the data dir.
    let answered = bot.line(
        "7",
        &format!("/interview answer text:{STRONG_SCALING_ANSWER}"),
    );
    let text = answered.text();
    assert!(answered.ephemeral());
    let score = answered
        .score()
        .unwrap_or_else(|| panic!("no Score: N/100 in {text}"));
    assert!(score >= 70, "a strong answer scored {score}: {text}");
    assert!(text.contains("Covered ("), "{text}");
    assert!(
        text.contains("Missed (") || text.contains("Covered (6 of 6)"),
        "{text}"
    );
    assert!(text.contains("Model answer outline"), "{text}");
    assert!(text.contains("Question 2 of 3"), "{text}");

    // Continue: repeat shows question 2, a hint button works, the modal answers it.
    let repeated = bot.line("7", "/interview repeat");
    assert!(
        repeated.text().contains("Question 2 of 3"),
        "{}",
        repeated.text()
    );
    let hint = bot.click("7", &repeated.button("hint"));
    assert!(hint.text().contains("Hint 1 of"), "{}", hint.text());
    let modal = bot.click("7", &repeated.button("answer"));
    assert_eq!(
        modal.body["type"], 9,
        "the Answer button opens a modal: {}",
        modal.body
    );
    let modal_id = modal.body["data"]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let input = &modal.body["data"]["components"][0]["components"][0];
    assert_eq!(input["custom_id"], "answer");
    assert_eq!(input["max_length"], 4000);
    assert_eq!(input["style"], 2, "a paragraph input");
    let second = bot.submit(
        "7",
        &modal_id,
        "I am not sure. I think I would look at the logs and ask a colleague.",
    );
    let second_score = second
        .score()
        .unwrap_or_else(|| panic!("no score in {}", second.text()));
    assert!(second_score < score, "{second_score} vs {score}");
    assert!(
        second.text().contains("Question 3 of 3"),
        "{}",
        second.text()
    );

    // End early with a summary.
    let ended = bot.line("7", "/interview end");
    let text = ended.text();
    assert!(text.contains("Interview summary"), "{text}");
    assert!(text.contains(&format!("{score}/100")), "{text}");
    assert!(text.contains("Overall: "), "{text}");
    assert!(
        text.contains("Ended early: 1 planned question not asked"),
        "{text}"
    );
    assert!(text.contains("What to practise next"), "{text}");

    // The history shows it.
    let stats = bot.line("7", "/interview stats");
    let text = stats.text();
    assert!(text.contains("1 session"), "{text}");
    assert!(text.contains("2 answered"), "{text}");
    assert!(text.contains("Average score by topic over time"), "{text}");
    assert!(text.contains("ended early"), "{text}");

    // Another user has no history.
    assert!(bot
        .line("8", "/interview stats")
        .text()
        .contains("No practice yet"));

    // The database is WAL and migrated.
    let db = rusqlite::Connection::open(bot.data.path().join("careerbot.sqlite3")).unwrap();
    let mode: String = db
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    let version: u32 = db
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert!(version >= 1);
    let turns: i64 = db
        .query_row("SELECT COUNT(*) FROM turns", [], |r| r.get(0))
        .unwrap();
    assert_eq!(turns, 2);
}

#[test]
fn a_seed_makes_sessions_reproducible() {
    let plans: Vec<String> = (0..2)
        .map(|_| {
            let bot = Bot::new();
            bot.line("7", "/interview start questions:3");
            let mut prompts = Vec::new();
            for _ in 0..3 {
                let repeated = bot.line("7", "/interview repeat");
                if repeated.text().contains("no interview in progress") {
                    break;
                }
                prompts.push(repeated.body["data"]["embeds"][0]["description"].to_string());
                bot.line("7", "/interview skip");
            }
            prompts.join("|")
        })
        .collect();
    assert_eq!(plans[0], plans[1]);
    assert!(!plans[0].is_empty());
}

#[test]
fn bad_input_gets_clear_ephemeral_replies() {
    let bot = Bot::new();
    let cases: Vec<(Run, &str)> = vec![
        (
            bot.line("7", "/interview answer text:an answer with no session"),
            "no interview in progress",
        ),
        (bot.line("7", "/interview hint"), "no interview in progress"),
        (bot.line("7", "/interview end"), "no interview in progress"),
        (
            bot.line("7", "/interview start question:zzqx vvbnm"),
            "No question in the",
        ),
        (bot.click("7", "iv:fly:1:7:0"), "isn't one I recognise"),
        (
            bot.click("7", "iv:hint:not-a-number:7"),
            "isn't one I recognise",
        ),
        (bot.click("7", "iv:hint:424242:7:0"), "doesn't exist"),
    ];
    for (run, expected) in &cases {
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.ephemeral(), "{}", run.body);
        assert!(run.text().contains(expected), "{expected}: {}", run.text());
    }

    let started = bot.line("7", "/interview start questions:2");
    let hint_button = started.button("hint");
    let empty = bot.line("7", "/interview answer text:");
    assert!(empty.text().contains("needs a value"), "{}", empty.text());
    let long = bot.line("7", &format!("/interview answer text:{}", "a".repeat(4001)));
    assert!(long.text().contains("too long"), "{}", long.text());
    let modal_id = hint_button.replacen("iv:hint:", "iv:modal:", 1);
    let blank = bot.submit("7", &modal_id, "   ");
    assert!(blank.text().contains("empty"), "{}", blank.text());
    // Someone else's buttons and forms are refused.
    let foreign = bot.click("8", &hint_button);
    assert!(foreign.ephemeral());
    assert!(
        foreign.text().contains("belongs to someone else"),
        "{}",
        foreign.text()
    );
    let foreign = bot.submit("8", &modal_id, "my answer");
    assert!(
        foreign.text().contains("belongs to someone else"),
        "{}",
        foreign.text()
    );
    // Nothing was lost: the session is still on question 1.
    let repeated = bot.line("7", "/interview repeat");
    assert!(
        repeated.text().contains("Question 1 of 2"),
        "{}",
        repeated.text()
    );

    // An unknown subcommand is an unknown command: exit status 2.
    let unknown = bot.line("7", "/interview fly");
    assert_eq!(unknown.code, 2);
}
