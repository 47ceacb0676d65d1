//! The foundation through the real binary: `exec` in both formats, the piped console, exit
//! statuses, `check`, `index`, and the index's life cycle (first start, content change, deletion).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CAREER_GUIDE: &str =
    "Source: How to Become a Back End Engineer: Career Guide — SkillExchange Team";

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

fn exec(data: &Path, args: &[&str]) -> Output {
    bin()
        .arg("exec")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run careerbot")
}

fn json_of(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON reply")
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

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[test]
fn ask_answers_with_the_guides_answer_and_source() {
    let data = tempfile::tempdir().unwrap();
    let reply = json_of(&exec(
        data.path(),
        &[
            "--format",
            "json",
            "--",
            "/ask query:what is a backend engineer",
        ],
    ));
    assert_eq!(reply["type"], 4);
    assert_eq!(
        reply["data"]["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
    let description = reply["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(
        description.contains("A backend engineer focuses on server-side development"),
        "{description}"
    );
    assert!(description.contains(CAREER_GUIDE), "{description}");
}

#[test]
fn text_format_shows_the_passages_and_their_sources() {
    let data = tempfile::tempdir().unwrap();
    let output = exec(
        data.path(),
        &["--", "/ask", "query:which", "certifications", "matter"],
    );
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // Answer first: the passage that answers, under its own heading.
    assert!(text.contains("== Certifications"), "{text}");
    assert!(text.contains("Certified"), "{text}");
    assert!(text.contains("Source: "), "{text}");
}

#[test]
fn exit_status_and_messages_by_kind_of_input() {
    let data = tempfile::tempdir().unwrap();
    // (line, exit status, text that must appear on stdout or stderr)
    let cases: &[(&str, i32, &str)] = &[
        ("/nope", 2, "unknown command `/nope`; commands: /help, /ask"),
        (
            "/ask colour:red",
            2,
            "unknown option `colour` for `/ask`; options: query",
        ),
        ("/interview fly", 2, "unknown subcommand `fly`"),
        (
            "/salary level:intern",
            0,
            "`level` must be one of: junior, mid, senior, lead, principal",
        ),
        ("/ask", 0, "`/ask` needs `query:`"),
        ("/help", 0, "/interview start"),
        ("/help command:salary", 0, "`years:`"),
    ];
    for (line, status, needle) in cases {
        let output = exec(data.path(), &["--", line]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(*status), "{line}: {all}");
        assert!(all.contains(needle), "{line}: expected {needle:?} in {all}");
    }
}

#[test]
fn polite_refusals_are_ephemeral_replies() {
    let data = tempfile::tempdir().unwrap();
    let reply = json_of(&exec(
        data.path(),
        &["--format", "json", "--", "/salary years:200"],
    ));
    assert_eq!(reply["data"]["flags"], 64);
    assert!(reply["data"]["content"]
        .as_str()
        .unwrap()
        .contains("`years` must be from 0 to 60"));
}

#[test]
fn piped_console_prints_one_json_reply_per_line() {
    let data = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["console", "--format", "json", "--data-dir"])
        .arg(data.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"/ask query:junior salary\n\n# a comment\n/bogus\n/help command:ask\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["type"], 4);
    assert!(lines[1]["error"].as_str().unwrap().contains("/bogus"));
    assert_eq!(lines[2]["data"]["embeds"][0]["title"], "/ask");
}

#[test]
fn user_text_is_never_query_syntax() {
    let data = tempfile::tempdir().unwrap();
    let hostile = [
        "\"salary\" AND (senior OR junior) title:foo body:* ~2 ^3 [a TO z]",
        "*",
        "\"unclosed",
        "(((",
        "-junior +senior",
        "NOT AND OR",
    ];
    for query in hostile {
        let line = format!("/ask query:{query}");
        let output = exec(data.path(), &["--format", "json", "--", &line]);
        let reply = json_of(&output);
        assert_eq!(reply["type"], 4, "{query}");
    }
    // Words survive the punctuation around them.
    let reply = json_of(&exec(
        data.path(),
        &[
            "--format",
            "json",
            "--",
            "/ask query:(certifications) AND \"docker\"",
        ],
    ));
    assert!(
        reply.to_string().contains("Docker Certified Associate"),
        "{reply}"
    );
}

#[test]
fn misspellings_still_find_their_answer() {
    let data = tempfile::tempdir().unwrap();
    let cases = [
        ("certifcations", "Certified"),
        ("kubernetse", "Kubernetes"),
        ("intervew questons", "interview"),
        ("midian salarie", "151,083"),
    ];
    for (query, needle) in cases {
        let reply = json_of(&exec(
            data.path(),
            &["--format", "json", "--", &format!("/ask query:{query}")],
        ));
        assert!(
            reply.to_string().contains(needle),
            "{query}: {needle} not in {reply}"
        );
    }
}

#[test]
fn check_passes_on_the_real_content_and_fails_with_path_and_line() {
    let output = bin().arg("check").output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("content OK"));

    let broken = tempfile::tempdir().unwrap();
    copy_dir(&content_dir(), broken.path());
    let guide = broken
        .path()
        .join("backend-engineer/guides/path-guide.toml");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(
        &guide,
        text.replacen("[source]", "[source]\nsurprise = true", 1),
    )
    .unwrap();
    let output = bin()
        .arg("check")
        .arg("--content-dir")
        .arg(broken.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("path-guide.toml:") && stderr.contains("surprise"),
        "{stderr}"
    );
}

#[test]
fn index_is_built_on_first_start_rebuilt_on_change_and_safe_to_delete() {
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("content");
    let index = work.path().join("index");
    copy_dir(&content_dir(), &content);
    let ask = |query: &str| {
        let output = bin()
            .args(["exec", "--format", "json", "--data-dir"])
            .arg(data.path())
            .arg("--content-dir")
            .arg(&content)
            .arg("--index-dir")
            .arg(&index)
            .args(["--", &format!("/ask query:{query}")])
            .output()
            .unwrap();
        json_of(&output).to_string()
    };
    assert!(ask("best backend languages").contains("Python for versatility"));
    assert!(index.exists(), "first start builds the index");

    // Edit the content: the next start sees the change without being told.
    let guide = content.join("backend-engineer/guides/career-guide.toml");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(
        &guide,
        text.replace("Python for versatility", "Python for zanzibarity"),
    )
    .unwrap();
    assert!(ask("best backend languages").contains("zanzibarity"));
    let builds = std::fs::read_dir(&index)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(builds, 1, "stale index folders are removed");
    assert!(
        index.join("catalog.snapshot").is_file(),
        "the content snapshot is kept beside the index"
    );

    // Delete the index: nothing is lost.
    std::fs::remove_dir_all(&index).unwrap();
    assert!(ask("best backend languages").contains("zanzibarity"));

    let output = bin()
        .arg("index")
        .arg("--content-dir")
        .arg(&content)
        .arg("--index-dir")
        .arg(&index)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("indexed "));
}

#[test]
fn bad_configuration_names_the_key() {
    let data = tempfile::tempdir().unwrap();
    let output = bin()
        .env("CAREERBOT_LOG_FORMAT", "xml")
        .args(["exec", "--data-dir"])
        .arg(data.path())
        .args(["--", "/help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`log.format`"));

    let output = bin()
        .args([
            "exec",
            "--content-dir",
            "/nonexistent/content",
            "--",
            "/help",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/content"));
}
