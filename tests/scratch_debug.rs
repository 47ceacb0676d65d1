mod guidance_support;
use guidance_support::{app, run, top_answer};
#[test]
fn debug() {
    let app = app();
    let lib = app.library();
    for q in std::fs::read_to_string("/tmp/qs.txt").unwrap().lines() {
        if q.trim().is_empty() {
            continue;
        }
        let u = careerbot::guidance::faq::understand(&lib, q);
        println!(
            "Q: {q}\n  corrected: {}\n  targets: {:?}\n  uncovered: {:?}\n  salary: {:?}",
            u.corrected,
            u.targets,
            u.uncovered
                .as_ref()
                .map(|x| format!("{x:?}").chars().take(200).collect::<String>()),
            u.salary.is_some()
        );
        let r = run(&app, &format!("/faq question:{q}"));
        println!(
            "  TOP: {}",
            top_answer(&r).chars().take(160).collect::<String>()
        );
    }
}
