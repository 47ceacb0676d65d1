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
        // The path guide's three figures have no labels: shown as it gives them.
        ("/salary", "“USD 105,000”, “USD 133,080”, “USD 190,000”"),
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

/// What a reply shows (embed titles, descriptions, fields), without the JSON around it.
fn shown(app: &careerbot::App, line: &str) -> String {
    let body = rendered(app, line).body;
    let mut out = String::new();
    for embed in body["data"]["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.push_str(embed[key].as_str().unwrap_or_default());
            out.push('\n');
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            out.push_str(field["name"].as_str().unwrap_or_default());
            out.push('\n');
            out.push_str(field["value"].as_str().unwrap_or_default());
            out.push('\n');
        }
    }
    out.push_str(body["data"]["content"].as_str().unwrap_or_default());
    out
}

/// `/salary level:` takes the guides' own names and common short forms; free-text pay questions
/// read "new grad" and "fresh out of college" as junior.
#[test]
fn levels_are_understood_by_the_names_people_use() {
    let app = app();
    // (line, text the reply must show, text it must not)
    let cases: &[(&str, &str, &str)] = &[
        (
            "/salary level:staff",
            "Staff / Principal Backend Engineer · 8+ yrs",
            "Senior Back End Engineer",
        ),
        (
            "/salary level:staff",
            "Principal Engineer or Engineering Manager · 12+ years",
            "Lead Back End Engineer",
        ),
        (
            "/salary level:Principal/Staff",
            "Backend Engineer pay — principal",
            "Junior",
        ),
        (
            "/salary level:entry",
            "Junior Back End Engineer · 0-2 years",
            "Senior",
        ),
        (
            "/salary level:Entry",
            "Junior Backend Engineer · 0–2 yrs",
            "Senior",
        ),
        (
            "/salary level:jr",
            "Junior Back End Engineer · 0-2 years",
            "Senior",
        ),
        (
            "/salary level:new grad",
            "Junior Back End Engineer · 0-2 years",
            "Senior",
        ),
        (
            "/salary level:fresh out of college",
            "Junior Back End Engineer · 0-2 years",
            "Senior",
        ),
        (
            "/salary level:sr",
            "Senior Back End Engineer · 5-8 years",
            "Junior",
        ),
        (
            "/salary level:Senior/Lead",
            "Senior Backend Engineer · 5–8 yrs",
            "Junior",
        ),
        (
            "/salary level:mid-level",
            "Back End Engineer · 2-5 years",
            "Senior",
        ),
        (
            "/salary level:tech lead",
            "Lead Back End Engineer · 8-12 years",
            "Junior",
        ),
        (
            "/faq question:how much do new grads make",
            "Junior Back End Engineer",
            "Lead Back End Engineer",
        ),
        (
            "/faq question:salary fresh out of college",
            "Junior Back End Engineer",
            "Lead Back End Engineer",
        ),
        (
            "/faq question:staff engineer pay",
            "Principal Engineer or Engineering Manager",
            "Junior Back End Engineer",
        ),
        (
            "/faq question:sr salary",
            "Senior Back End Engineer",
            "Junior Back End Engineer",
        ),
    ];
    for (line, shows, hides) in cases {
        let text = shown(&app, line);
        assert!(
            text.contains(shows),
            "{line} does not show {shows:?}:\n{text}"
        );
        assert!(!text.contains(hides), "{line} shows {hides:?}:\n{text}");
    }
}

/// A level that the years of experience contradict is pointed out, guide by guide; one that
/// agrees is not.
#[test]
fn a_level_that_conflicts_with_the_years_is_pointed_out() {
    let app = app();
    const CAREER: &str = "How to Become a Back End Engineer: Career Guide";
    const PATH: &str = "How to become a Backend Engineer";
    /// None when nothing is pointed out, else each guide that puts the years elsewhere, with
    /// where it puts them.
    type Placed = Option<&'static [(&'static str, &'static str)]>;
    // (line, what is pointed out)
    let cases: &[(&str, Placed)] = &[
        (
            "/salary level:senior years:1",
            Some(&[
                (CAREER, "**junior** (0-2 years; senior is 5-8 years)"),
                (PATH, "**junior** (0–2 yrs; senior is 5–8 yrs)"),
            ]),
        ),
        (
            "/salary level:staff years:3",
            Some(&[
                (CAREER, "**mid** (2-5 years; principal is 12+ years)"),
                (PATH, "**mid** (2–5 yrs; principal is 8+ yrs)"),
            ]),
        ),
        // 10 years is lead in the career guide but staff/principal in the path guide.
        (
            "/salary level:lead years:10",
            Some(&[(PATH, "**principal** (8+ yrs; lead is 5–8 yrs)")]),
        ),
        ("/salary level:junior years:1", None),
        ("/salary level:senior years:6", None),
        // The path guide's Senior/Lead rung covers both.
        (
            "/salary level:lead years:6",
            Some(&[(CAREER, "**senior** (5-8 years; lead is 8-12 years)")]),
        ),
        ("/salary level:senior", None),
        ("/salary years:1", None),
        (
            "/faq question:senior salary with 1 year of experience",
            Some(&[
                (CAREER, "**junior** (0-2 years; senior is 5-8 years)"),
                (PATH, "**junior** (0–2 yrs; senior is 5–8 yrs)"),
            ]),
        ),
    ];
    for (line, expected) in cases {
        let text = shown(&app, line);
        match expected {
            None => assert!(!text.contains("You asked for"), "{line}:\n{text}"),
            Some(guides) => {
                let note = text
                    .lines()
                    .find(|l| l.starts_with("You asked for"))
                    .unwrap_or_else(|| panic!("{line}: no conflict note:\n{text}"));
                for (guide, placed) in guides.iter() {
                    assert!(
                        note.contains(&format!("{guide} puts you at {placed}")),
                        "{line}: {note}"
                    );
                }
                for other in [CAREER, PATH] {
                    if !guides.iter().any(|(g, _)| *g == other) {
                        assert!(!note.contains(&format!("{other} puts")), "{line}: {note}");
                    }
                }
            }
        }
    }
}

/// `/match`: multi-word skills stay whole, nothing is counted twice, "1 year" is singular, and a
/// profile with no matching skill is told so instead of being headed with a level.
#[test]
fn match_replies_count_and_name_skills_faithfully() {
    let app = app();
    // (line, texts the reply must show, texts it must not)
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "/match years:1 skills:python",
            &["Backend Engineer: junior with 1 year of experience"],
            &["1 years"],
        ),
        (
            "/match years:3 skills:rust, cobol",
            &[
                "Backend Engineer: none of your skills is in the guides",
                "None of the skills you listed (rust, cobol) is named",
                "Missing — How to become a Backend Engineer",
            ],
            &["mid with 3 years", "Covered —", "Not named in these guides"],
        ),
        (
            "/match years:3 skills:django",
            &["you listed django; it also names Spring Boot, Express.js"],
            &["Spring, Boot"],
        ),
        (
            "/match years:3 skills:aws",
            &["you listed aws; it also names Azure, Google Cloud"],
            &["Google, Cloud"],
        ),
        (
            "/match years:3 skills:git",
            &["you listed git; it also names CI/CD"],
            &["CI, CD"],
        ),
        (
            "/match years:3 skills:Spring Boot, Google Cloud, CI/CD",
            &[
                "you listed Spring Boot; it also names Django, Express.js",
                "you listed Google Cloud; it also names AWS, Azure",
                "Cloud infrastructure and CI/CD — you listed CI/CD",
            ],
            &["Not named in these guides"],
        ),
        (
            "/match years:3 skills:k8s, kubernetes",
            &[
                "you listed k8s / kubernetes; it also names Docker",
                "Your skills cover 1 of the 11 skills and tools this guide lists.",
                "Your skills cover 1 of the 10 skills and tools this guide lists.",
            ],
            &["k8s, kubernetes", "cover 2 of"],
        ),
        (
            "/match years:3 skills:python",
            // The path guide names Python in its skills and in its tools: two requirements.
            &["Your skills cover 2 of the 10 skills and tools this guide lists."],
            &[],
        ),
    ];
    for (line, shows, hides) in cases {
        let text = shown(&app, line);
        for s in shows.iter() {
            assert!(text.contains(s), "{line} does not show {s:?}:\n{text}");
        }
        for h in hides.iter() {
            assert!(!text.contains(h), "{line} shows {h:?}:\n{text}");
        }
    }
}

/// "Updated 28 days ago" was relative to the unknown day the page was captured: no reply shows
/// it as if it were still true; `/sources` says why there is no date.
#[test]
fn the_relative_update_note_is_never_shown_as_current() {
    let app = app();
    for line in [
        "/sources",
        "/salary",
        "/role",
        "/faq question:what is a backend engineer",
        "/ask query:salary",
        "/match years:3 skills:python",
    ] {
        let text = all_text(&rendered(&app, line));
        assert!(!text.contains("28 days ago)"), "{line}: {text}");
        assert!(!text.contains("(Updated 28 days ago"), "{line}: {text}");
    }
    let sources = shown(&app, "/sources");
    assert!(
        sources.contains("No update date: the guide's “Updated 28 days ago” counted from the day it was captured, which is not recorded"),
        "{sources}"
    );
}
