#[path = "guidance_support/mod.rs"]
mod guidance_support;
use guidance_support::{app, run, top_answer};

#[test]
fn scratch() {
    let app = app();
    let text = std::fs::read_to_string("/tmp/qs.txt").unwrap();
    for q in text.lines().filter(|l| !l.trim().is_empty()) {
        let lib = app.library();
        let u = careerbot::guidance::faq::understand(&lib, q);
        println!("Q: {q}\n  corrected={:?} targets={:?} guide={:?} uncovered={:?} later={:?} salary={:?}", u.corrected, u.targets, u.guide, u.uncovered.as_ref().map(|g| &g.topic), u.asked_later.as_ref().map(|g| &g.topic), u.salary);
        let reply = run(&app, &format!("/faq question:{q}"));
        let top = top_answer(&reply);
        println!(
            "  -> {}",
            top.chars()
                .take(160)
                .collect::<String>()
                .replace('\n', " | ")
        );
    }
}
