//! Everything a Discord user can type, through the real binary: empty and whitespace-only values,
//! 100 kB strings, control characters, emoji with joiners, right-to-left text, invalid choices and
//! numbers out of range, query syntax, SQL-looking text, mentions, markdown and code fences.
//! Every row must get a clear reply (an interaction response of type 4, or for an unknown command
//! or option exit status 2 with a message naming the valid ones) within Discord's three-second
//! deadline, never a panic, never an echo of user text that could ping or break formatting.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Discord drops an interaction not answered within three seconds.
const DEADLINE: Duration = Duration::from_secs(3);

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CAREERBOT_DATA_DIR")
        .env_remove("CAREERBOT_CONTENT_DIR")
        .env_remove("CAREERBOT_INDEX_DIR")
        .env_remove("CAREERBOT_LOG_LEVEL")
        // Each test's own SQLite file, even where DATABASE_URL is set for the PostgreSQL tests.
        .env_remove("DATABASE_URL")
        .env_remove("CAREERBOT_STORE_URL");
    command
}

/// What a row must get back.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// An ephemeral notice whose text contains this.
    Notice(&'static str),
    /// An answer from the guides: an embed citing its source.
    Answer,
    /// Either an answer or the "found nothing" notice: what matters is a clear, safe reply.
    Reply,
    /// Exit status 2 and this on stderr.
    Unknown(&'static str),
}

struct Row {
    label: &'static str,
    line: String,
    expect: Expect,
}

fn row(label: &'static str, line: impl Into<String>, expect: Expect) -> Row {
    Row {
        label,
        line: line.into(),
        expect,
    }
}

fn run_timed(mut command: Command) -> (Output, Duration) {
    let started = Instant::now();
    let output = command.output().expect("careerbot runs");
    (output, started.elapsed())
}

/// Every string in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// What no reply may contain, whatever the user typed.
fn assert_safe(label: &str, reply: &Value) {
    assert_eq!(reply["type"], 4, "{label}: {reply}");
    assert_eq!(
        reply["data"]["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "{label}: mentions must be off"
    );
    let mut texts = Vec::new();
    strings(&reply["data"], &mut texts);
    for text in texts {
        for mention in ["@everyone", "@here", "<@123>", "<@&5>"] {
            assert!(
                !text.contains(mention),
                "{label}: a raw mention {mention:?} is echoed in {text:?}"
            );
        }
        assert!(
            !text.contains("```"),
            "{label}: a user's code fence is echoed unescaped in {text:?}"
        );
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{label}: a control character is echoed in {text:?}"
        );
    }
}

fn check(data: &Path, row: &Row) {
    let mut command = bin();
    command
        .args(["exec", "--format", "json", "--data-dir"])
        .arg(data)
        .arg("--")
        .arg(&row.line);
    let (output, elapsed) = run_timed(command);
    let label = row.label;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{label}: panicked: {stderr}"
    );
    assert!(
        elapsed < DEADLINE,
        "{label}: replied after {elapsed:?}, past Discord's deadline"
    );
    if let Expect::Unknown(needle) = row.expect {
        assert_eq!(output.status.code(), Some(2), "{label}: {stdout}{stderr}");
        assert!(
            stderr.contains(needle),
            "{label}: {needle:?} not in {stderr}"
        );
        assert!(stdout.is_empty(), "{label}: {stdout}");
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{label}: {stderr}");
    let reply: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{label}: {e}: {stdout}"));
    assert_safe(label, &reply);
    let data = &reply["data"];
    // A notice: an ephemeral message, or the plain "not covered" line guidance answers with.
    let notice = data["content"]
        .as_str()
        .filter(|c| data["flags"] == 64 || c.starts_with("The guides don't cover"));
    match row.expect {
        Expect::Notice(needle) => {
            let notice =
                notice.unwrap_or_else(|| panic!("{label}: expected a notice, got {reply}"));
            assert!(
                notice.contains(needle),
                "{label}: {needle:?} not in {notice:?}"
            );
        }
        Expect::Answer => {
            let description = data["embeds"][0]["description"]
                .as_str()
                .unwrap_or_else(|| panic!("{label}: expected an answer, got {reply}"));
            assert!(description.contains("Source: "), "{label}: {description}");
        }
        Expect::Reply => {
            let answered = data["embeds"][0]["description"]
                .as_str()
                .is_some_and(|d| d.contains("Source: "));
            let nothing = notice.is_some_and(|n| n.contains("The guides have nothing"))
                || data["content"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("The guides don't cover"));
            assert!(answered || nothing, "{label}: unclear reply {reply}");
        }
        Expect::Unknown(_) => unreachable!(),
    }
}

fn table() -> Vec<Row> {
    use Expect::*;
    let hundred_kb = "x".repeat(100_000);
    let hundred_kb_words = "salary ".repeat(100_000 / 7);
    vec![
        // Empty, blank and oversized values.
        row(
            "empty value",
            "/ask query:",
            Notice("`query` needs a value"),
        ),
        row(
            "whitespace-only value",
            "/faq question: \t  ",
            Notice("`question` needs a value"),
        ),
        row(
            "missing required option",
            "/faq",
            Notice("needs `question:`"),
        ),
        row(
            "100 kB of one letter",
            format!("/ask query:{hundred_kb}"),
            Notice("too long (100000 characters; at most 1000)"),
        ),
        row(
            "100 kB of words",
            format!("/faq question:{hundred_kb_words}"),
            Notice("too long"),
        ),
        row(
            "100 kB interview answer",
            format!("/interview answer text:{hundred_kb}"),
            Notice("too long (100000 characters; at most 4000)"),
        ),
        // Characters that are not plain text.
        row(
            "control characters",
            "/ask query:senior\u{1}\u{7}\u{1b}[31m salary\u{7f}",
            Answer,
        ),
        row(
            "only control characters",
            "/ask query:\u{1}\u{2}\u{7f}",
            Reply,
        ),
        row(
            "emoji with zero-width joiners",
            "/ask query:👩‍💻 backend engineer 👨‍👩‍👧‍👦",
            Answer,
        ),
        row(
            "only emoji",
            "/ask query:👩‍💻👨‍👩‍👧‍👦🏳️‍🌈",
            Notice("The guides have nothing"),
        ),
        row("right-to-left text", "/ask query:مهندس خلفية", Reply),
        row(
            "right-to-left override",
            "/ask query:\u{202e}yralas roines\u{202c}",
            Reply,
        ),
        row(
            "mixed scripts",
            "/faq question:salary зарплата 給料",
            Answer,
        ),
        // Invalid choices and numbers out of range.
        row(
            "invalid choice",
            "/salary level:wizard",
            Notice("`level` must be one of: junior, mid, senior, lead, principal"),
        ),
        row(
            "invalid interview kind",
            "/interview start kind:cooking",
            Notice("`kind` must be one of"),
        ),
        row(
            "negative years",
            "/salary years:-1",
            Notice("from 0 to 60 (got -1)"),
        ),
        row(
            "years too high",
            "/salary years:61",
            Notice("from 0 to 60 (got 61)"),
        ),
        row(
            "years beyond 64 bits",
            "/salary years:99999999999999999999",
            Notice("whole number from 0 to 60"),
        ),
        row(
            "fractional years",
            "/match years:3.5 skills:go",
            Notice("whole number"),
        ),
        row(
            "years as words",
            "/match years:three skills:go",
            Notice("whole number"),
        ),
        row(
            "zero questions",
            "/interview start questions:0",
            Notice("from 1 to 10 (got 0)"),
        ),
        row(
            "too many questions",
            "/interview start questions:11",
            Notice("from 1 to 10 (got 11)"),
        ),
        // Query syntax is plain words: it never reaches a query parser.
        row("double quote", "/ask query:\"senior salary", Answer),
        row("AND", "/ask query:senior AND salary", Answer),
        row("open parenthesis", "/ask query:(senior salary", Answer),
        row("colon", "/ask query:title:salary body:senior", Answer),
        row("asterisk", "/ask query:sal* senior*", Answer),
        row("tilde", "/ask query:salary~2 senior~", Answer),
        row("caret", "/ask query:salary^10 senior^", Answer),
        row("bracket", "/ask query:[senior TO salary]", Answer),
        row(
            "only query syntax",
            "/ask query:\" AND ( : * ~ ^ [ ] ) OR NOT",
            Reply,
        ),
        // SQL-looking text is text.
        row(
            "SQL injection",
            "/ask query:'; DROP TABLE sessions; --",
            Reply,
        ),
        // Mentions never ping and are never echoed raw.
        row(
            "@everyone alone",
            "/ask query:@everyone",
            Notice("@\u{200b}everyone"),
        ),
        row(
            "mentions with a question",
            "/ask query:@everyone @here <@123> <@&5> senior salary",
            Answer,
        ),
        row(
            "user mention",
            // A mention is no word of a question: nothing is left to look for.
            "/faq question:<@123>",
            Notice("The guides have nothing about"),
        ),
        // Markdown and code fences stay text.
        row(
            "code fence",
            "/ask query:```js\nalert(1)``` senior salary",
            Answer,
        ),
        row(
            "code fence with nothing found",
            "/ask query:```zzqx```",
            Notice("The guides don't cover"),
        ),
        row(
            "markdown",
            "/faq question:**salary** __senior__ ||spoiler|| > quote # heading [x](https://e.com)",
            Answer,
        ),
        // Unknown commands and options: exit status 2 and the valid ones named.
        row("no command", "", Unknown("no command given")),
        row("a lone slash", "/", Unknown("no command given")),
        row(
            "unknown command",
            "/nosuch",
            Unknown("commands: /help, /ask"),
        ),
        row(
            "unknown option",
            "/ask colour:red",
            Unknown("options: query"),
        ),
        row(
            "unknown subcommand",
            "/interview dance",
            Unknown("subcommands:"),
        ),
    ]
}

#[test]
fn every_bad_input_gets_a_clear_safe_reply_in_time() {
    let data = tempfile::tempdir().unwrap();
    let rows = table();
    assert!(rows.len() >= 40);
    for row in &rows {
        check(data.path(), row);
    }
}

/// A NUL cannot travel in a process argument, but it can arrive in a Discord string, so it is
/// piped through the console, one command per line, beside other control characters.
#[test]
fn nul_and_control_characters_through_the_console() {
    use std::io::Write;
    use std::process::Stdio;
    let data = tempfile::tempdir().unwrap();
    let mut command = bin();
    command
        .args(["console", "--format", "json", "--data-dir"])
        .arg(data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("careerbot runs");
    let lines = [
        "/ask query:senior\u{0} salary",
        "/faq question:\u{0}\u{0}\u{0}",
        "/interview start questions:\u{0}3",
    ];
    {
        let mut stdin = child.stdin.take().unwrap();
        for line in lines {
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let replies: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(
        replies.len(),
        lines.len(),
        "one reply per line: {replies:?}"
    );
    for (line, reply) in lines.iter().zip(&replies) {
        assert_safe(line, reply);
    }
    let answer = replies[0]["data"]["embeds"][0]["description"].as_str();
    assert!(
        answer.is_some_and(|d| d.contains("Source: ")),
        "a NUL between words still finds the answer: {}",
        replies[0]
    );
    assert!(
        replies[2]["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains("whole number")),
        "{}",
        replies[2]
    );
}

#[test]
fn autocomplete_takes_any_partial_text() {
    let data = tempfile::tempdir().unwrap();
    let partials = [
        "/faq question:".to_string(),
        "/faq question:   ".to_string(),
        format!("/faq question:{}", "x".repeat(100_000)),
        "/faq question:👩‍💻".to_string(),
        "/faq question:مهندس".to_string(),
        "/faq question:\" AND ( * ~ ^ [".to_string(),
        "/faq question:@everyone <@123>".to_string(),
        "/faq question:\u{1}\u{7}".to_string(),
        "/salary level:".to_string(),
        "/salary level:wiz".to_string(),
    ];
    for line in partials {
        let mut command = bin();
        command
            .args(["complete", "--data-dir"])
            .arg(data.path())
            .arg("--")
            .arg(&line);
        let (output, elapsed) = run_timed(command);
        let label: String = line.chars().take(40).collect();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{label}: {stderr}");
        assert!(elapsed < DEADLINE, "{label}: {elapsed:?}");
        assert_eq!(output.status.code(), Some(0), "{label}: {stderr}");
        let choices: Value = serde_json::from_slice(&output.stdout).expect("choices JSON");
        let choices = choices["choices"].as_array().expect("a choices list");
        assert!(choices.len() <= 25, "{label}");
        for choice in choices {
            let name = choice["name"].as_str().unwrap();
            assert!(
                (1..=100).contains(&name.chars().count()),
                "{label}: {name:?}"
            );
        }
    }
}

/// Awkward answers are stored exactly as typed (trimmed), one per question, in order, and the
/// history that shows them back is still safe to post.
#[test]
fn awkward_interview_answers_are_stored_as_typed() {
    let data = tempfile::tempdir().unwrap();
    let answers = [
        "'; DROP TABLE turns; -- I would use parameterised queries",
        "👩‍💻 I'd cache reads 👨‍👩‍👧‍👦 behind a TTL",
        "أستخدم ذاكرة تخزين مؤقت \u{202e}cache\u{202c} with an index",
        "@everyone <@123> <@&5> indexes speed up reads",
        "```sql\nSELECT * FROM users;\n``` **bold** ||spoiler|| a queue absorbs spikes",
        "tab\there, bell\u{7} and escape \u{1b}[31m red: monitor p99 latency",
    ];
    let exec = |line: &str| {
        let mut command = bin();
        command
            .args([
                "exec",
                "--format",
                "json",
                "--user",
                "awkward",
                "--data-dir",
            ])
            .arg(data.path())
            .args(["--seed", "7", "--"])
            .arg(line);
        let (output, elapsed) = run_timed(command);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{line}: {stderr}");
        assert!(elapsed < DEADLINE, "{line}: {elapsed:?}");
        assert_eq!(output.status.code(), Some(0), "{line}: {stderr}");
        let reply: Value = serde_json::from_slice(&output.stdout).expect("a JSON reply");
        assert_safe(line, &reply);
        reply
    };
    exec(&format!("/interview start questions:{}", answers.len()));
    for answer in answers {
        exec(&format!("/interview answer text:{answer}"));
    }
    exec("/interview stats");

    let store =
        careerbot::store::SqliteStore::open(&data.path().join("careerbot.sqlite3")).unwrap();
    use careerbot::store::Store;
    let stored: Vec<String> = store
        .user_turns("awkward")
        .unwrap()
        .into_iter()
        .map(|turn| turn.answer.expect("an answered turn"))
        .collect();
    let expected: Vec<String> = answers.iter().map(|a| a.trim().to_string()).collect();
    assert_eq!(
        stored, expected,
        "every answer stored once, verbatim, in order"
    );
}
