//! Snapshots of what users see: the rendered Discord JSON of `/salary`, `/role`, `/match`,
//! `/sources` and `/faq`. The chart's bytes never appear in the JSON (only its file name and
//! size); the size is redacted so a change in the PNG encoder does not churn the snapshot.

mod guidance_support;

use guidance_support::{app, rendered};
use serde_json::Value;

fn snapshot_json(line: &str) -> Value {
    let app = app();
    let mut body = rendered(&app, line).body;
    if let Some(list) = body["data"]["attachments"].as_array_mut() {
        for attachment in list {
            assert!(attachment["size"].as_u64().unwrap_or(0) > 0, "{line}");
            attachment["size"] = Value::String("[png size]".into());
        }
    }
    body
}

#[test]
fn salary_replies() {
    insta::assert_json_snapshot!("salary", snapshot_json("/salary"));
    insta::assert_json_snapshot!("salary_senior", snapshot_json("/salary level:senior"));
    insta::assert_json_snapshot!("salary_years_2", snapshot_json("/salary years:2"));
    // A short form of a level, and years that put the asker elsewhere: pointed out first.
    insta::assert_json_snapshot!(
        "salary_staff_years_1",
        snapshot_json("/salary level:staff years:1")
    );
}

#[test]
fn role_replies() {
    insta::assert_json_snapshot!("role", snapshot_json("/role"));
    insta::assert_json_snapshot!("role_ladder", snapshot_json("/role section:ladder"));
    insta::assert_json_snapshot!("role_tools", snapshot_json("/role section:tools"));
}

#[test]
fn match_reply() {
    insta::assert_json_snapshot!(
        "match",
        snapshot_json("/match years:3 skills:python, postgres, docker, k8s, rust")
    );
    // Multi-word skills, one skill under two names, and "1 year".
    insta::assert_json_snapshot!(
        "match_multiword_1_year",
        snapshot_json("/match years:1 skills:Spring Boot, Google Cloud, CI/CD, k8s, kubernetes")
    );
    // No listed skill is in the guides: said first, with no level heading the reply.
    insta::assert_json_snapshot!(
        "match_no_skill",
        snapshot_json("/match years:4 skills:cobol, fortran")
    );
}

#[test]
fn sources_reply() {
    insta::assert_json_snapshot!("sources", snapshot_json("/sources"));
}

#[test]
fn faq_replies() {
    insta::assert_json_snapshot!(
        "faq_fits",
        snapshot_json("/faq question:best language to learn")
    );
    insta::assert_json_snapshot!(
        "faq_senior_pay",
        snapshot_json("/faq question:what do senior backend engineers earn")
    );
    insta::assert_json_snapshot!(
        "faq_no_fit",
        snapshot_json("/faq question:what does a backend engineer do all day")
    );
    // Two asks, the second outside the guides: the first is answered, the second told after.
    insta::assert_json_snapshot!(
        "faq_second_ask_not_covered",
        snapshot_json("/faq question:what does a senior make, and how do I negotiate a raise?")
    );
    // Every level asked for: each guide's whole ladder, not the junior rung alone.
    insta::assert_json_snapshot!(
        "faq_whole_ladder",
        snapshot_json("/faq question:what are all the levels on the backend career ladder?")
    );
}
