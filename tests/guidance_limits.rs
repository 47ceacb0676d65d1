//! Replies fit Discord: every guidance reply stays within the embed and message limits with its
//! source line intact, and user text echoed back can neither ping anyone nor break the markdown.

mod guidance_support;

use guidance_support::{app, rendered};
use serde_json::Value;

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

fn check_limits(line: &str, body: &Value) {
    let data = &body["data"];
    assert!(chars(&data["content"]) <= 2000, "{line}: content");
    assert_eq!(
        data["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "{line}"
    );
    let embeds = data["embeds"].as_array().cloned().unwrap_or_default();
    let mut total = 0;
    for embed in &embeds {
        assert!(chars(&embed["title"]) <= 256, "{line}: title");
        assert!(chars(&embed["description"]) <= 4096, "{line}: description");
        let fields = embed["fields"].as_array().cloned().unwrap_or_default();
        assert!(fields.len() <= 25, "{line}: fields");
        for field in &fields {
            assert!(chars(&field["name"]) <= 256, "{line}: field name");
            assert!(chars(&field["value"]) <= 1024, "{line}: field value");
            assert!(
                chars(&field["value"]) > 0 && chars(&field["name"]) > 0,
                "{line}: empty field"
            );
            total += chars(&field["name"]) + chars(&field["value"]);
        }
        total +=
            chars(&embed["title"]) + chars(&embed["description"]) + chars(&embed["footer"]["text"]);
        // Every embed names its source(s).
        assert!(
            embed["footer"]["text"]
                .as_str()
                .is_some_and(|f| f.contains("Source: ")),
            "{line}: no source in the footer: {embed}"
        );
    }
    assert!(total <= 6000, "{line}: {total} characters in embeds");
}

#[test]
fn every_guidance_reply_fits_discord_limits() {
    let app = app();
    let mut lines: Vec<String> = vec![
        "/salary".into(),
        "/salary years:0".into(),
        "/salary years:60".into(),
        "/role".into(),
        "/sources".into(),
        "/match years:7 skills:python, go, java, node, postgres, mysql, mongodb, dynamodb, rest, graphql, spring boot, django, express, aws, azure, gcp, docker, k8s, git, ci/cd, oauth, jwt, redis, kafka, terraform".into(),
        "/match years:0 skills:nothing relevant at all".into(),
        format!("/faq question:{}", "salary ".repeat(40).trim()),
        format!("/ask query:{}", "é".repeat(300)),
    ];
    for level in ["junior", "mid", "senior", "lead", "principal"] {
        lines.push(format!("/salary level:{level}"));
    }
    for section in careerbot::commands::spec::SECTIONS {
        lines.push(format!("/role section:{section}"));
    }
    for line in &lines {
        let body = rendered(&app, line).body;
        check_limits(line, &body);
    }
}

#[test]
fn echoed_user_text_cannot_ping_or_break_markdown() {
    let app = app();
    let hostile = "@everyone <@123> **bold** `code` ||spoiler|| [link](http://x) what is kafka";
    for line in [
        format!("/faq question:{hostile}"),
        format!("/ask query:{hostile}"),
        "/match years:3 skills:@everyone, <@&42>, **python**".to_string(),
    ] {
        let body = rendered(&app, &line).body;
        let text = body.to_string();
        assert!(!text.contains("@everyone"), "{line}: {text}");
        assert!(
            !text.contains("<@123>") && !text.contains("<@&42>"),
            "{line}: {text}"
        );
        assert!(
            !text.contains("**bold**") && !text.contains("`code`"),
            "{line}: {text}"
        );
        assert!(!text.contains("**python**"), "{line}: {text}");
        assert_eq!(
            body["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
    }
}

/// A repeated guidance question is answered from the reply cache, identically; interview
/// commands never are.
#[test]
fn a_repeated_question_is_answered_from_the_cache_with_the_same_reply() {
    let app = app();
    let first = guidance_support::run(&app, "/faq question:what comes after senior?");
    assert_eq!(app.metrics.reply_cache(), (0, 1));
    let again = guidance_support::run(&app, "/faq question:what comes after senior?");
    assert_eq!(first, again);
    assert_eq!(app.metrics.reply_cache(), (1, 1));
    let chart = guidance_support::run(&app, "/salary level:senior");
    assert_eq!(chart, guidance_support::run(&app, "/salary level:senior"));
    assert_eq!(app.metrics.reply_cache(), (2, 2));
    guidance_support::run(&app, "/interview start");
    guidance_support::run(&app, "/interview end");
    assert_eq!(
        app.metrics.reply_cache(),
        (2, 2),
        "interviews are not cached"
    );
    assert!(app
        .metrics
        .render()
        .contains("careerbot_reply_cache_lookups_total{result=\"hit\"} 2"));
}
