//! Autocomplete on every option whose values come from content or a fixed list: what a partly
//! typed line suggests first, within Discord's limits, fast enough for every keystroke.

mod guidance_support;

use std::time::{Duration, Instant};

use careerbot::commands::parse_focused;
use guidance_support::app;

#[test]
fn every_suggested_option_offers_the_expected_first_choice() {
    let app = app();
    // (partly typed line, first suggestion's name, its value)
    let cases: &[(&str, &str, &str)] = &[
        ("/faq question:sal", "What is the backend engineer salary in 2026?", "What is the backend engineer salary in 2026?"),
        ("/faq question:salry", "What is the backend engineer salary in 2026?", "What is the backend engineer salary in 2026?"),
        ("/faq question:what do engineers earn", "What is the backend engineer salary in 2026?", "What is the backend engineer salary in 2026?"),
        ("/faq question:interv", "What backend interview questions should I prepare for?", "What backend interview questions should I prepare for?"),
        ("/faq question:certif", "Certifications", "Certifications"),
        ("/faq question:day in", "A Day in the Life", "A Day in the Life"),
        ("/faq question:", "What is a backend engineer?", "What is a backend engineer?"),
        ("/interview start question:rate lim", "Design a rate limiter for a public API that runs on many servers and limits each API key to N…", "Design a rate limiter for a public API that runs on many servers and limits each API key to N…"),
        ("/interview start question:url short", "Design a URL shortener.", "Design a URL shortener."),
        ("/interview start role:back", "Backend Engineer", "backend-engineer"),
        ("/salary role:server side dev", "Backend Engineer", "backend-engineer"),
        ("/match years:3 skills:go role:backend", "Backend Engineer", "backend-engineer"),
        ("/role name:", "Backend Engineer", "backend-engineer"),
        ("/salary level:se", "senior — Senior Back End Engineer · Senior/Lead", "senior"),
        ("/salary level:senoir", "senior — Senior Back End Engineer · Senior/Lead", "senior"),
        ("/salary level:sta", "principal — Principal Engineer or Engineering Manager · Principal/Staff", "principal"),
        ("/salary level:entry", "junior — Junior Back End Engineer · Entry", "junior"),
        ("/salary level:jr", "junior — Junior Back End Engineer · Entry", "junior"),
        ("/salary level:sr", "senior — Senior Back End Engineer · Senior/Lead", "senior"),
        ("/salary level:mid-le", "mid — Back End Engineer · Mid", "mid"),
        ("/salary level:new gr", "junior — Junior Back End Engineer · Entry", "junior"),
        ("/salary level:fresh out of coll", "junior — Junior Back End Engineer · Entry", "junior"),
        ("/salary level:", "junior — Junior Back End Engineer · Entry", "junior"),
        ("/role section:cert", "certifications", "certifications"),
        ("/interview start kind:sys", "system-design", "system-design"),
        ("/interview start difficulty:", "easy", "easy"),
        ("/help command:sal", "salary", "salary"),
    ];
    for (line, name, value) in cases {
        let focused = parse_focused(line)
            .unwrap_or_else(|e| panic!("{line}: {e}"))
            .unwrap_or_else(|| panic!("{line}: no option takes suggestions"));
        let choices = app.autocomplete(&focused);
        assert!(choices.len() <= 25, "{line}");
        assert!(
            choices
                .iter()
                .all(|c| c.name.chars().count() <= 100 && c.value.chars().count() <= 100),
            "{line}"
        );
        let first = choices
            .first()
            .unwrap_or_else(|| panic!("{line}: no suggestions"));
        assert_eq!(
            (first.name.as_str(), first.value.as_str()),
            (*name, *value),
            "{line}: {choices:?}"
        );
    }
}

#[test]
fn nonsense_suggests_nothing() {
    let app = app();
    for line in [
        "/faq question:zzqxj",
        "/salary level:astronaut",
        "/interview start question:qwxz",
    ] {
        let focused = parse_focused(line).unwrap().unwrap();
        assert!(app.autocomplete(&focused).is_empty(), "{line}");
    }
}

#[test]
fn suggestions_are_fast_enough_for_every_keystroke() {
    let app = app();
    let typed = "what is the backend engineer salary in 2026";
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    for end in 1..=typed.len() {
        let line = format!("/faq question:{}", &typed[..end]);
        let focused = parse_focused(&line).unwrap().unwrap();
        let one = Instant::now();
        let choices = app.autocomplete(&focused);
        slowest = slowest.max(one.elapsed());
        assert!(!choices.is_empty(), "{line}");
    }
    println!(
        "{} keystrokes in {:?}, slowest {:?}",
        typed.len(),
        start.elapsed(),
        slowest
    );
    // Discord waits 3 seconds for suggestions; even an unoptimised test build stays far below.
    assert!(
        slowest < Duration::from_millis(250),
        "slowest keystroke took {slowest:?}"
    );
}
