//! The guides' key facts reach users: the headline pay figures of both guides and every
//! certification each guide recommends, through the commands people would use to ask.

mod guidance_support;

use guidance_support::{all_text, app, rendered};

#[test]
fn headline_pay_figures_of_both_guides_are_shown() {
    let app = app();
    let cases = [
        ("/salary", "151,083"),
        ("/salary", "133,080"),
        ("/salary", "105,000 to USD 250,000"),
        ("/salary", "105,000 to USD 190,000"),
        (
            "/faq question:What is the backend engineer salary in 2026?",
            "$151,083",
        ),
        (
            "/faq question:What is the backend engineer salary in 2026?",
            "$105,000 to $250,000",
        ),
        ("/ask query:median salary", "133,080"),
        (
            "/role section:overview",
            "ranging from $105,000 to $250,000",
        ),
    ];
    for (line, fact) in cases {
        let text = all_text(&rendered(&app, line));
        assert!(text.contains(fact), "{line} does not show {fact}:\n{text}");
    }
}

#[test]
fn every_certification_of_each_guide_is_listed() {
    let app = app();
    let text = all_text(&rendered(&app, "/role section:certifications"));
    let career = [
        "AWS Certified Developer - Associate",
        "Google Cloud Professional Cloud Developer",
        "Oracle Java SE 17 Developer",
        "Docker Certified Associate",
        "Microsoft Certified: Azure Developer Associate",
    ];
    let path = [
        "AWS Certified Developer",
        "AWS Certified Solutions Architect",
        "Certified Kubernetes Application Developer (CKAD)",
    ];
    for name in career.iter().chain(path.iter()) {
        assert!(text.contains(name), "missing {name}:\n{text}");
    }
    // Each list is cited: both guides' titles appear as sources.
    for title in [
        "How to Become a Back End Engineer: Career Guide",
        "How to become a Backend Engineer",
    ] {
        assert!(
            text.contains(&format!("Source: {title}")),
            "no source line for {title}"
        );
    }
}
