//! The Done-when lines of the career guidance issue, run through the real binary: `exec` with
//! `--format json` and text, and `complete`, each with its own data directory.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn careerbot(data: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Its own SQLite file, even where DATABASE_URL is set for the PostgreSQL tests.
        .env_remove("DATABASE_URL")
        .env_remove("CAREERBOT_STORE_URL")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("careerbot runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn json(data: &Path, line: &str) -> Value {
    let (stdout, stderr, code) = careerbot(data, &["exec", "--format", "json", "--", line]);
    assert_eq!(code, 0, "{line}: {stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{line}: {e}: {stdout}"))
}

#[test]
fn salary_senior_shows_each_guides_band_with_sources_and_a_chart() {
    let data = tempfile::tempdir().unwrap();
    let body = json(data.path(), "/salary level:senior");
    let data_json = &body["data"];
    let embed = &data_json["embeds"][0];
    let fields = embed["fields"].as_array().expect("fields");
    let field = |title: &str| {
        fields
            .iter()
            .find(|f| f["name"] == title)
            .unwrap_or_else(|| panic!("no field {title}: {embed}"))["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let career = field("How to Become a Back End Engineer: Career Guide");
    assert!(
        career.contains("Senior Back End Engineer · 5-8 years"),
        "{career}"
    );
    assert!(career.contains("USD 170,000 to 210,000"), "{career}");
    assert!(
        career.contains(
            "*Source: How to Become a Back End Engineer: Career Guide — SkillExchange Team*"
        ),
        "{career}"
    );
    let path = field("How to become a Backend Engineer");
    assert!(path.contains("Senior Backend Engineer · 5–8 yrs"), "{path}");
    assert!(path.contains("“Upper end of the US band”"), "{path}");
    assert!(
        path.contains("*Source: How to become a Backend Engineer*"),
        "{path}"
    );
    // Nothing from other levels.
    assert!(!career.contains("130,000 to 170,000"), "{career}");

    let attachments = data_json["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1);
    let filename = attachments[0]["filename"].as_str().unwrap();
    assert!(filename.ends_with(".png"), "{filename}");
    assert!(attachments[0]["size"].as_u64().unwrap() > 1000);
    assert_eq!(
        embed["image"]["url"],
        Value::String(format!("attachment://{filename}"))
    );
    assert_eq!(
        data_json["allowed_mentions"]["parse"],
        serde_json::json!([])
    );
}

#[test]
fn salary_in_the_console_writes_the_chart_and_prints_its_path() {
    let data = tempfile::tempdir().unwrap();
    let (stdout, stderr, code) = careerbot(data.path(), &["exec", "--", "/salary"]);
    assert_eq!(code, 0, "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("Attachment written to "))
        .unwrap_or_else(|| panic!("no attachment line in:\n{stdout}"));
    let path = Path::new(line.trim_start_matches("Attachment written to "));
    assert!(path.starts_with(data.path()), "{}", path.display());
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        stdout.contains("151,083") && stdout.contains("133,080"),
        "{stdout}"
    );
}

#[test]
fn complete_faq_question_suggests_the_salary_question() {
    let data = tempfile::tempdir().unwrap();
    let (stdout, stderr, code) = careerbot(data.path(), &["complete", "--", "/faq question:sal"]);
    assert_eq!(code, 0, "{stderr}");
    let body: Value = serde_json::from_str(stdout.trim()).unwrap();
    let choices = body["choices"].as_array().expect("choices");
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert_eq!(
        choices[0]["name"], "What is the backend engineer salary in 2026?",
        "{body}"
    );
    assert_eq!(choices[0]["value"], choices[0]["name"]);
}

#[test]
fn match_names_the_level_and_the_missing_skills() {
    let data = tempfile::tempdir().unwrap();
    let body = json(
        data.path(),
        "/match years:3 skills:python, postgres, docker",
    );
    let embed = &body["data"]["embeds"][0];
    let title = embed["title"].as_str().unwrap();
    assert!(title.contains("mid with 3 years"), "{title}");
    let description = embed["description"].as_str().unwrap();
    assert!(
        description.contains("**mid** · Back End Engineer · 2-5 years"),
        "{description}"
    );
    assert!(
        description.contains("USD 130,000 to 170,000"),
        "{description}"
    );
    assert!(
        description.contains("**mid** · Backend Engineer · 2–5 yrs"),
        "{description}"
    );
    let fields = embed["fields"].as_array().unwrap();
    let text_of = |prefix: &str| {
        fields
            .iter()
            .filter(|f| f["name"].as_str().unwrap().starts_with(prefix))
            .map(|f| f["value"].as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let missing = text_of("Missing");
    assert!(
        missing.contains("✗ Cloud platforms including AWS, Azure, or Google Cloud"),
        "{missing}"
    );
    assert!(missing.contains("✗ Redis or a message queue"), "{missing}");
    let covered = text_of("Covered");
    assert!(
        covered.contains("✓ PostgreSQL / MySQL / a document store — you listed postgres"),
        "{covered}"
    );
    assert!(covered.contains("it also names Kubernetes"), "{covered}");
}

#[test]
fn bad_input_gets_a_clear_ephemeral_reply() {
    let data = tempfile::tempdir().unwrap();
    for (line, says) in [
        ("/salary role:astronaut", "no guide for that role"),
        ("/match years:3 skills:, ,", "separated by commas"),
        ("/role name:plumber", "no guide for that role"),
    ] {
        let body = json(data.path(), line);
        assert_eq!(body["data"]["flags"], 64, "{line}: {body}");
        let content = body["data"]["content"].as_str().unwrap();
        assert!(content.contains(says), "{line}: {content}");
    }
}

#[test]
fn buttons_of_guidance_replies_work_from_the_console() {
    let data = tempfile::tempdir().unwrap();
    let run = |custom_id: &str| {
        let (stdout, stderr, code) = careerbot(
            data.path(),
            &["exec", "--format", "json", "--click", custom_id],
        );
        assert_eq!(code, 0, "{custom_id}: {stderr}");
        serde_json::from_str::<Value>(stdout.trim()).unwrap()
    };
    let role = run("role:backend-engineer:projects");
    assert!(
        role.to_string().contains("Small ETL/Data Pipeline Repo"),
        "{role}"
    );
    let faq = run("faq:backend-engineer/career-guide/faq/1");
    assert_eq!(
        faq["data"]["embeds"][0]["title"], "What is the backend engineer salary in 2026?",
        "{faq}"
    );
    let stale = run("faq:backend-engineer/career-guide/faq/99");
    assert_eq!(stale["data"]["flags"], 64, "{stale}");
    let unknown = run("nothing:here");
    assert!(unknown["data"]["content"]
        .as_str()
        .unwrap()
        .contains("no longer active"));
}
