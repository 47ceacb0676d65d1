//! Each FAQ question of every guide, asked verbatim through `/faq` and `/ask`, returns its own
//! answer first (issue #2), and the reply cites the guide it comes from.

mod guidance_support;

use guidance_support::{app, run, top_answer};

#[test]
fn every_faq_question_asked_verbatim_returns_its_own_answer_first() {
    let app = app();
    let lib = app.library();
    let mut checked = 0;
    for role in &lib.catalog.roles {
        for guide in &role.guides {
            for entry in &guide.faq {
                for (command, option) in [("faq", "question"), ("ask", "query")] {
                    let reply = run(&app, &format!("/{command} {option}:{}", entry.question));
                    let top = top_answer(&reply);
                    assert!(
                        top.contains(&entry.answer),
                        "/{command} {:?} led with:\n{top}",
                        entry.question
                    );
                    let message = reply.as_message().unwrap();
                    let cites = message.embeds.iter().any(|e| {
                        e.footer
                            .as_deref()
                            .is_some_and(|f| f.contains(&guide.source.title))
                    });
                    assert!(
                        cites,
                        "/{command} {:?} does not cite its guide",
                        entry.question
                    );
                }
                checked += 1;
            }
        }
    }
    let career = lib.catalog.roles[0]
        .guides
        .iter()
        .find(|g| g.source.id == "career-guide")
        .expect("the career guide is loaded");
    assert!(
        checked >= career.faq.len() && career.faq.len() == 5,
        "checked {checked}"
    );
}
