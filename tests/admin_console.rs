//! Issue 15 through the real binary's console, which acts as Discord would (`--guild G` makes
//! the caller a member of server G, `--admin` gives them Manage Server): the gap report, a
//! server's own FAQ entries and their isolation per server, permissions, reload with broken
//! content in a running process, and the message command's payload.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
        .env_remove("CAREERBOT_DATA_DIR")
        .env_remove("CAREERBOT_CONTENT_DIR")
        .env_remove("CAREERBOT_INDEX_DIR")
        // Each test's own SQLite file, even where DATABASE_URL is set for the PostgreSQL tests.
        .env_remove("DATABASE_URL")
        .env_remove("CAREERBOT_STORE_URL");
    command
}

/// Who runs a command: a user, in a server or not, with Manage Server or not.
#[derive(Clone, Copy)]
struct As<'a> {
    user: &'a str,
    guild: Option<&'a str>,
    admin: bool,
}

const fn member(user: &'static str, guild: &'static str) -> As<'static> {
    As {
        user,
        guild: Some(guild),
        admin: false,
    }
}

const fn staff(user: &'static str, guild: &'static str) -> As<'static> {
    As {
        user,
        guild: Some(guild),
        admin: true,
    }
}

fn who_args(who: As) -> Vec<String> {
    let mut args = vec!["--user".to_string(), who.user.to_string()];
    if let Some(guild) = who.guild {
        args.extend(["--guild".to_string(), guild.to_string()]);
    }
    if who.admin {
        args.push("--admin".to_string());
    }
    args
}

fn run(data: &Path, who: As, extra: &[&str]) -> Output {
    bin()
        .arg("--data-dir")
        .arg(data)
        .arg("exec")
        .args(who_args(who))
        .args(extra)
        .output()
        .expect("run careerbot")
}

/// The reply as Discord would receive it.
fn json(data: &Path, who: As, line: &str) -> Value {
    let output = run(data, who, &["--format", "json", "--", line]);
    assert!(
        output.status.success(),
        "{line}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON reply")
}

/// The reply as the console shows it.
fn text(data: &Path, who: As, line: &str) -> String {
    let output = run(data, who, &["--", line]);
    assert!(
        output.status.success(),
        "{line}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Dates (`2026-12-01`) replaced by `<date>`, so snapshots do not depend on the day they run.
fn without_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let window: String = chars[i..(i + 10).min(chars.len())].iter().collect();
        let is_date = window.len() == 10
            && window.chars().enumerate().all(|(k, c)| match k {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            });
        if is_date {
            out.push_str("<date>");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

const KAFKA: &str = "what is the best kafka client library";

#[test]
fn three_members_asking_the_same_uncovered_question_top_the_gap_report_of_their_server_only() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // Three members, three spellings of one question; another question once; another server.
    for (user, asked) in [
        ("11", "/faq question:What is the best Kafka client library?"),
        ("12", "/faq question:what is the best kafka client library"),
        ("13", "/ask query:What is the best  Kafka client library"),
        ("12", "/faq question:how do I negotiate equity in Berlin"),
    ] {
        let reply = text(d, member(user, "100"), asked);
        assert!(!reply.contains("Added by"), "{reply}");
    }
    text(
        d,
        member("21", "200"),
        "/faq question:what do backend engineers earn in Germany",
    );
    // A covered question is not a gap.
    text(
        d,
        member("14", "100"),
        "/faq question:what is a backend engineer",
    );

    let report = text(d, staff("1", "100"), "/admin gaps");
    insta::assert_snapshot!("admin_gaps", without_dates(&report));
    assert!(
        report.contains(&format!("1. “{KAFKA}” — asked 3 times")),
        "{report}"
    );
    assert!(
        !report.contains("germany"),
        "another server's gap: {report}"
    );
    assert!(!report.contains("backend engineer"), "{report}");
    let other = text(d, staff("2", "200"), "/admin gaps");
    assert!(
        other.contains("germany") && !other.contains("kafka"),
        "{other}"
    );

    // Locally, every server's; no user id anywhere.
    let local = bin().arg("--data-dir").arg(d).arg("gaps").output().unwrap();
    let local = String::from_utf8(local.stdout).unwrap();
    let first = local.lines().next().unwrap_or_default();
    assert!(
        first.contains('3') && first.contains("100") && first.contains(KAFKA),
        "{local}"
    );
    assert!(local.contains("200") && !local.contains("11"), "{local}");
}

#[test]
fn only_staff_in_a_server_may_use_admin() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let cases: &[(As, &str)] = &[
        (member("5", "100"), "needs the Manage Server permission"),
        (
            As {
                user: "5",
                guild: None,
                admin: false,
            },
            "works only in a server",
        ),
    ];
    for line in [
        "/admin gaps",
        "/admin faq add question:q answer:a",
        "/admin reload",
        "/admin daily channel:123 time:09:00",
    ] {
        for (who, refusal) in cases {
            let reply = json(d, *who, line);
            let content = reply["data"]["content"].as_str().unwrap_or_default();
            assert!(content.contains(refusal), "{line}: {reply}");
            assert_eq!(reply["data"]["flags"], 64, "refusals are private: {reply}");
        }
    }
    // Nothing was added by the refused attempts.
    let list = text(d, staff("1", "100"), "/admin faq list");
    assert!(list.contains("no entries of its own"), "{list}");
}

#[test]
fn a_staff_entry_answers_in_its_server_only_cited_as_staff() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let added = text(
        d,
        staff("1", "100"),
        "/admin faq add question:What is the best Kafka client library? answer:We use rdkafka in the study group; see the pinned post in #resources. @everyone welcome",
    );
    assert!(added.contains("Added."), "{added}");

    let reply = json(
        d,
        member("7", "100"),
        "/faq question:which kafka client library is best?",
    );
    insta::assert_json_snapshot!("staff_entry_reply", reply);
    let embed = &reply["data"]["embeds"][0];
    let description = embed["description"].as_str().unwrap();
    assert!(
        description.ends_with("*Added by this server's staff*"),
        "{description}"
    );
    assert!(
        !description.contains("Source:"),
        "never cited as a guide: {description}"
    );
    assert_eq!(
        reply["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    // /ask finds it too; another server does not.
    let ask = text(
        d,
        member("7", "100"),
        "/ask query:best kafka client library",
    );
    assert!(ask.contains("Added by this server's staff"), "{ask}");
    let elsewhere = text(
        d,
        member("7", "200"),
        "/faq question:which kafka client library is best?",
    );
    assert!(!elsewhere.contains("rdkafka"), "{elsewhere}");

    // Suggested as members type, in that server only.
    let complete = |guild: &str| {
        let output = bin()
            .arg("--data-dir")
            .arg(d)
            .args(["complete", "--guild", guild, "--", "/faq question:kafk"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(complete("100").contains("What is the best Kafka client library?"));
    assert!(!complete("200").contains("Kafka client"));

    // Bad input: each a clear, private reply; nothing changes.
    let long = format!("/admin faq add question:{} answer:x", "q".repeat(101));
    let cases = [
        (
            "/admin faq add question:what is the best KAFKA client library answer:again",
            "already has an entry",
        ),
        (
            "/admin faq add question:?!? answer:punctuation only",
            "need words",
        ),
        (long.as_str(), "too long"),
        ("/admin faq add question:q", "needs `answer:`"),
        ("/admin faq remove question:never added", "has no entry"),
    ];
    for (line, expected) in cases {
        let reply = json(d, staff("1", "100"), line);
        let content = reply["data"]["content"].as_str().unwrap_or_default();
        assert!(content.contains(expected), "{line}: {reply}");
        assert_eq!(reply["data"]["flags"], 64, "{line}");
    }
    let list = text(d, staff("1", "100"), "/admin faq list");
    insta::assert_snapshot!("staff_entries_list", list);

    let removed = text(
        d,
        staff("1", "100"),
        "/admin faq remove question:what is the best kafka client library",
    );
    assert!(removed.contains("Removed"), "{removed}");
    let after = text(
        d,
        member("7", "100"),
        "/faq question:which kafka client library is best?",
    );
    assert!(!after.contains("rdkafka"), "{after}");
}

#[test]
fn the_message_command_answers_privately_with_a_button_that_posts_publicly() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let private = run(
        d,
        member("7", "100"),
        &[
            "--format",
            "json",
            "--message",
            "hey all, how much does a senior backend engineer earn?",
        ],
    );
    let private: Value = serde_json::from_slice(&private.stdout).unwrap();
    assert_eq!(private["type"], 4);
    assert_eq!(
        private["data"]["flags"], 64,
        "only the member who asked sees it"
    );
    assert_eq!(
        private["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    let button = &private["data"]["components"][0]["components"][0];
    assert_eq!(button["label"], "Post publicly");
    let custom_id = button["custom_id"].as_str().unwrap();
    assert!(
        custom_id.starts_with("share:") && custom_id.chars().count() <= 100,
        "{custom_id}"
    );
    let cited = private["data"]["embeds"].to_string();
    assert!(cited.contains("Source:"), "{cited}");

    let public = run(
        d,
        member("7", "100"),
        &["--format", "json", "--click", custom_id],
    );
    let public: Value = serde_json::from_slice(&public.stdout).unwrap();
    assert!(
        public["data"]["flags"].is_null() || public["data"]["flags"] == 0,
        "{public}"
    );
    assert!(
        public["data"]["components"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "{public}"
    );
    assert_eq!(
        public["data"]["embeds"], private["data"]["embeds"],
        "the same answer"
    );
    assert_eq!(
        public["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );

    let empty = run(d, member("7", "100"), &["--message", "   "]);
    let empty = String::from_utf8(empty.stdout).unwrap();
    assert!(empty.contains("no text to answer"), "{empty}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The guide whose FAQ answers "what is a backend engineer".
fn a_guide(content: &Path) -> PathBuf {
    content.join("backend-engineer/guides/career-guide.toml")
}

#[test]
fn reload_with_a_broken_guide_keeps_the_old_content_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content,
    );
    let mut child = bin()
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--content-dir")
        .arg(&content)
        .arg("--index-dir")
        .arg(dir.path().join("index"))
        .args([
            "console", "--format", "json", "--user", "1", "--guild", "100", "--admin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut ask = |line: &str| -> Value {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let mut reply = String::new();
        stdout.read_line(&mut reply).unwrap();
        serde_json::from_str(&reply).unwrap_or_else(|_| panic!("{line}: {reply}"))
    };
    let question = "/faq question:what is a backend engineer";
    let before = ask(question);
    assert!(before["data"]["embeds"][0]["title"].is_string(), "{before}");

    // Break a guide: the reload refuses it, names the file and the problem, and the old
    // content keeps answering.
    let guide = a_guide(&content);
    let original = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, format!("{original}\n[[broken\n")).unwrap();
    let failed = ask("/admin reload");
    let report = failed["data"]["content"].as_str().unwrap();
    assert!(
        report.starts_with("Reload failed, so careerbot keeps serving the previous content"),
        "{report}"
    );
    let name = guide.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        report.contains(&name),
        "the report names the file: {report}"
    );
    assert_eq!(failed["data"]["flags"], 64);
    assert_eq!(ask(question), before, "the old content still answers");

    // Fixed: the reload takes the new content, and answers use it.
    let changed = original.replacen(
        "A backend engineer focuses on server-side development",
        "A backend engineer (reloaded) focuses on server-side development",
        1,
    );
    assert_ne!(
        changed, original,
        "the guide has the sentence this test edits"
    );
    std::fs::write(&guide, changed).unwrap();
    let reloaded = ask("/admin reload");
    let message = reloaded["data"]["content"].as_str().unwrap();
    assert!(
        message.starts_with("Reloaded content/ (changed)"),
        "{message}"
    );
    let after = ask(question).to_string();
    assert!(after.contains("(reloaded)"), "{after}");
    drop(stdin);
    child.wait().unwrap();
}
