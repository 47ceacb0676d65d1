//! Sessions end to end through `App::handle`, with a manual clock and an in-memory store.

use std::sync::{Arc, Barrier};

use super::*;
use crate::adapters::render;
use crate::app::{App, Caller};
use crate::commands::Command;
use crate::interview::testing::app;
use crate::reply::Reply;

fn run(app: &App, caller: &Caller, line: &str) -> Reply {
    app.handle(
        caller,
        Command::parse(line).unwrap_or_else(|e| panic!("{line}: {e}")),
    )
}

fn click(app: &App, caller: &Caller, custom_id: &str) -> Reply {
    app.handle(
        caller,
        Command::Component {
            custom_id: custom_id.into(),
        },
    )
}

fn submit(app: &App, caller: &Caller, custom_id: &str, answer: &str) -> Reply {
    app.handle(
        caller,
        Command::ModalSubmit {
            custom_id: custom_id.into(),
            fields: vec![("answer".into(), answer.into())],
        },
    )
}

fn text(reply: &Reply) -> String {
    render::to_text(&render::interaction_response(reply))
}

fn ephemeral(reply: &Reply) -> bool {
    reply.as_message().is_some_and(|m| m.ephemeral)
}

fn button_ids(reply: &Reply) -> Vec<String> {
    reply
        .as_message()
        .map(|m| {
            m.buttons
                .iter()
                .flatten()
                .map(|b| b.custom_id.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn button(reply: &Reply, action: &str) -> String {
    button_ids(reply)
        .into_iter()
        .find(|id| id.starts_with(&format!("iv:{action}:")))
        .unwrap_or_else(|| panic!("no {action} button in {}", text(reply)))
}

fn active(app: &App, caller: &Caller) -> SessionRecord {
    app.store
        .active_session(&caller.user_id, &channel_key(caller))
        .unwrap()
        .expect("an active session")
}

const GOOD_ANSWER: &str = "I would measure first to find the bottleneck, then scale out with stateless servers behind a load balancer, add a Redis cache, read replicas for the database, and move slow work to a background queue, because each removes a different limit.";

#[test]
fn a_session_runs_from_start_to_summary_and_shows_in_stats() {
    let (app, clock) = app(42);
    let me = Caller::user("7");
    let started = run(&app, &me, "/interview start questions:3");
    assert!(ephemeral(&started));
    let shown = text(&started);
    assert!(shown.contains("Mock interview started"), "{shown}");
    assert!(shown.contains("Question 1 of 3"), "{shown}");
    let session = active(&app, &me);
    assert_eq!(session.plan.len(), 3);

    clock.advance(60);
    let feedback = run(&app, &me, &format!("/interview answer text:{GOOD_ANSWER}"));
    let shown = text(&feedback);
    assert!(ephemeral(&feedback));
    assert!(shown.contains("Score: "), "{shown}");
    assert!(shown.contains("/100"), "{shown}");
    assert!(
        shown.contains("Missed") || shown.contains("Covered"),
        "{shown}"
    );
    assert!(shown.contains("Model answer outline"), "{shown}");
    assert!(shown.contains("Question 2 of 3"), "{shown}");

    clock.advance(60);
    let skipped = run(&app, &me, "/interview skip");
    assert!(
        text(&skipped).contains("Skipped question 2 of 3"),
        "{}",
        text(&skipped)
    );
    assert!(text(&skipped).contains("Question 3 of 3"));

    clock.advance(60);
    let last = run(
        &app,
        &me,
        "/interview answer text:I am not sure, I would probably ask a colleague and look it up.",
    );
    let shown = text(&last);
    assert!(shown.contains("Interview summary"), "{shown}");
    assert!(shown.contains("Overall: "), "{shown}");
    assert!(shown.contains("skipped, counted as 0"), "{shown}");
    assert!(button_ids(&last).is_empty(), "no buttons after the end");
    assert!(app.store.active_session("7", "").unwrap().is_none());

    let stats = text(&run(&app, &me, "/interview stats"));
    assert!(stats.contains("1 session"), "{stats}");
    assert!(stats.contains("1 completed"), "{stats}");
    assert!(
        stats.contains("Average score by topic over time"),
        "{stats}"
    );
    assert!(stats.contains("Weakest topics"), "{stats}");

    // The turns are stored with their scores; the skip has none.
    let turns = app.store.turns(session.id).unwrap();
    assert_eq!(turns.len(), 3);
    assert!(turns[0].score.is_some() && turns[1].score.is_none());
}

#[test]
fn commands_out_of_order_get_clear_replies() {
    let (app, _) = app(1);
    let me = Caller::user("7");
    for line in [
        "/interview answer text:hello",
        "/interview hint",
        "/interview skip",
        "/interview repeat",
        "/interview end",
    ] {
        let reply = run(&app, &me, line);
        assert!(ephemeral(&reply), "{line}");
        assert!(
            text(&reply).contains("no interview in progress"),
            "{line}: {}",
            text(&reply)
        );
    }
    // The unsent answer is handed back.
    assert!(
        text(&run(&app, &me, "/interview answer text:my careful answer"))
            .contains("my careful answer")
    );
    let stats = text(&run(&app, &me, "/interview stats"));
    assert!(stats.contains("No practice yet"), "{stats}");

    run(&app, &me, "/interview start questions:2");
    let again = run(&app, &me, "/interview start");
    let shown = text(&again);
    assert!(
        shown.contains("already have an interview in progress"),
        "{shown}"
    );
    assert!(button(&again, "resume").starts_with("iv:resume:"));
    // Ending with nothing answered says so.
    let ended = text(&run(&app, &me, "/interview end"));
    assert!(ended.contains("nothing to score"), "{ended}");
}

#[test]
fn one_session_per_user_and_channel() {
    let (app, _) = app(2);
    let here = Caller {
        user_id: "7".into(),
        channel_id: Some("100".into()),
        guild_id: None,
        permissions: None,
    };
    let there = Caller {
        user_id: "7".into(),
        channel_id: Some("200".into()),
        guild_id: None,
        permissions: None,
    };
    let other_user = Caller {
        user_id: "8".into(),
        channel_id: Some("100".into()),
        guild_id: None,
        permissions: None,
    };
    for caller in [&here, &there, &other_user] {
        assert!(text(&run(&app, caller, "/interview start")).contains("Mock interview started"));
    }
    assert!(text(&run(&app, &here, "/interview start")).contains("already have"));
    assert_ne!(active(&app, &here).id, active(&app, &there).id);
}

#[test]
fn bad_answers_are_refused_and_nothing_is_lost() {
    let (app, _) = app(3);
    let me = Caller::user("7");
    let started = run(&app, &me, "/interview start questions:2");
    let session = active(&app, &me);
    let modal_id = custom_id("modal", session.id, "7", Some(0)).unwrap();
    let long = "word ".repeat(900);
    for (answer, expected) in [
        ("", "empty"),
        ("   \n ", "empty"),
        ("?! ... --", "no words"),
        (long.as_str(), "the limit is 4000"),
    ] {
        let reply = submit(&app, &me, &modal_id, answer);
        assert!(ephemeral(&reply));
        assert!(
            text(&reply).contains(expected),
            "{answer:?}: {}",
            text(&reply)
        );
    }
    // Missing field.
    let reply = app.handle(
        &me,
        Command::ModalSubmit {
            custom_id: modal_id.clone(),
            fields: vec![],
        },
    );
    assert!(
        text(&reply).contains("without its `answer` field"),
        "{}",
        text(&reply)
    );
    // Nothing was recorded and the question still waits.
    assert!(app.store.turns(session.id).unwrap().is_empty());
    assert_eq!(active(&app, &me).position, 0);
    assert!(text(&started).contains("Question 1 of 2"));
    // The slash command refuses an over-long answer before it reaches the core.
    let Err(error) = Command::parse(&format!("/interview answer text:{long}")) else {
        panic!("an over-long answer parses")
    };
    assert!(error.to_string().contains("too long"), "{error}");
}

#[test]
fn buttons_drive_the_session_and_refuse_strangers_and_stale_clicks() {
    let (app, _) = app(4);
    let me = Caller::user("123456789012345678");
    let stranger = Caller::user("999");
    let started = run(&app, &me, "/interview start questions:2");
    let answer_button = button(&started, "answer");
    assert!(answer_button.len() <= 100);
    assert!(button_ids(&started).iter().all(|id| id.len() <= 100));

    // A stranger's click is refused politely, whatever the button.
    for action in ["answer", "hint", "skip", "end"] {
        let reply = click(&app, &stranger, &button(&started, action));
        assert!(ephemeral(&reply));
        assert!(
            text(&reply).contains("belongs to someone else"),
            "{}",
            text(&reply)
        );
    }
    // Unknown and malformed ids.
    for id in [
        "iv:fly:1:123456789012345678:0",
        "iv:hint:x:y",
        "iv:hint",
        "iv:hint:1:123456789012345678:0:9",
    ] {
        let reply = click(&app, &me, id);
        assert!(
            text(&reply).contains("isn't one I recognise"),
            "{id}: {}",
            text(&reply)
        );
    }
    let missing = format!("iv:hint:9999:{}:0", me.user_id);
    assert!(text(&click(&app, &me, &missing)).contains("doesn't exist"));

    // Answer opens a modal for this question.
    let Reply::Modal(modal) = click(&app, &me, &answer_button) else {
        panic!("the Answer button opens a modal")
    };
    assert!(modal.custom_id.starts_with("iv:modal:"));
    assert_eq!(modal.inputs.len(), 1);
    assert_eq!(modal.inputs[0].custom_id, "answer");
    assert_eq!(modal.inputs[0].max_length, 4000);
    assert!(modal.inputs[0].paragraph);

    // Hint through the button.
    let hint = click(&app, &me, &button(&started, "hint"));
    assert!(text(&hint).contains("Hint 1 of"), "{}", text(&hint));

    // Submitting the modal answers question 1.
    let feedback = submit(&app, &me, &modal.custom_id, GOOD_ANSWER);
    assert!(text(&feedback).contains("Score: "), "{}", text(&feedback));
    assert!(
        text(&feedback).contains("Hints used: 1"),
        "{}",
        text(&feedback)
    );

    // The same form again, and question 1's buttons, are stale now.
    let again = submit(&app, &me, &modal.custom_id, GOOD_ANSWER);
    assert!(
        text(&again).contains("already answered"),
        "{}",
        text(&again)
    );
    for action in ["skip", "hint", "answer"] {
        let stale = click(&app, &me, &button(&started, action));
        assert!(
            text(&stale).contains("already answered"),
            "{action}: {}",
            text(&stale)
        );
    }
    assert_eq!(app.store.turns(active(&app, &me).id).unwrap().len(), 1);

    // End through the button; afterwards every button of the session is stale.
    let ended = click(&app, &me, &button(&feedback, "end"));
    assert!(
        text(&ended).contains("Interview summary"),
        "{}",
        text(&ended)
    );
    let stale = click(&app, &me, &button(&feedback, "hint"));
    assert!(text(&stale).contains("has ended"), "{}", text(&stale));
    let late = submit(
        &app,
        &me,
        &modal.custom_id.replace(":0", ":1"),
        "late answer text",
    );
    assert!(
        text(&late).contains("has ended") && text(&late).contains("late answer text"),
        "{}",
        text(&late)
    );
}

#[test]
fn hints_run_out_politely() {
    let (app, _) = app(5);
    let me = Caller::user("7");
    run(&app, &me, "/interview start question:sd-url-shortener");
    let mut last = String::new();
    for n in 1..=4 {
        last = text(&run(&app, &me, "/interview hint"));
        if n <= 3 {
            assert!(last.contains(&format!("Hint {n} of 3")), "{last}");
        }
    }
    assert!(last.contains("last hint"), "{last}");
    let repeat = text(&run(&app, &me, "/interview repeat"));
    assert!(repeat.contains("Design a URL shortener."), "{repeat}");
}

#[test]
fn idle_sessions_expire_with_a_clear_message_and_history_kept() {
    let (app, clock) = app(6);
    let me = Caller::user("7");
    run(&app, &me, "/interview start questions:3");
    run(&app, &me, &format!("/interview answer text:{GOOD_ANSWER}"));
    let session = active(&app, &me);
    let idle = app.settings.interview.idle_timeout.as_secs() as i64;

    // Just inside the timeout the session is alive.
    clock.advance(idle - 1);
    assert!(text(&run(&app, &me, "/interview repeat")).contains("Question 2 of 3"));
    // Repeat counts as activity; a full timeout later it expires.
    clock.advance(idle);
    let expired = run(
        &app,
        &me,
        "/interview answer text:my late answer about caching",
    );
    let shown = text(&expired);
    assert!(shown.contains("expired after 60 minutes"), "{shown}");
    assert!(shown.contains("1 recorded answer is kept"), "{shown}");
    assert!(
        shown.contains("my late answer about caching"),
        "the answer is handed back: {shown}"
    );
    assert_eq!(
        app.store.session(session.id).unwrap().unwrap().status,
        SessionStatus::Expired
    );
    assert_eq!(
        app.store.turns(session.id).unwrap().len(),
        1,
        "history kept"
    );
    // Its buttons are stale; stats count it; a new session starts cleanly.
    let stale = click(
        &app,
        &me,
        &custom_id("hint", session.id, "7", Some(1)).unwrap(),
    );
    assert!(text(&stale).contains("expired"), "{}", text(&stale));
    assert!(text(&run(&app, &me, "/interview stats")).contains("1 expired"));
    assert!(text(&run(&app, &me, "/interview start")).contains("Mock interview started"));
}

#[test]
fn an_idle_session_is_expired_by_the_next_start() {
    let (app, clock) = app(7);
    let me = Caller::user("7");
    run(&app, &me, "/interview start");
    clock.advance(app.settings.interview.idle_timeout.as_secs() as i64 + 5);
    let shown = text(&run(&app, &me, "/interview start"));
    assert!(shown.contains("expired after"), "{shown}");
    assert!(shown.contains("Mock interview started"), "{shown}");
}

#[test]
fn the_question_option_picks_the_best_matching_bank_question() {
    let cases = [
        ("question:url shortener", "Design a URL shortener."),
        ("question:sql-injection please", "What is SQL injection"),
        ("question:sec-sql-injection", "What is SQL injection"),
        ("question:N+1 queries", "N+1 query problem"),
    ];
    for (option, expected) in cases {
        let (app, _) = app(8);
        let me = Caller::user("7");
        let shown = text(&run(
            &app,
            &me,
            &format!("/interview start questions:2 {option}"),
        ));
        assert!(shown.contains(expected), "{option}: {shown}");
        assert!(shown.contains("Question 1 of 2"), "{option}: {shown}");
    }
    let (app, _) = app(8);
    let me = Caller::user("7");
    let unknown = run(&app, &me, "/interview start question:zzqx vvbn");
    assert!(
        text(&unknown).contains("No question in the"),
        "{}",
        text(&unknown)
    );
    assert!(app.store.active_session("7", "").unwrap().is_none());
    let role = run(&app, &me, "/interview start role:dentist");
    assert!(
        text(&role).contains("no guide for that role"),
        "{}",
        text(&role)
    );
}

#[test]
fn a_seed_reproduces_the_session() {
    let plan = |seed| {
        let (app, _) = app(seed);
        let me = Caller::user("7");
        run(&app, &me, "/interview start questions:5");
        active(&app, &me).plan
    };
    assert_eq!(plan(11), plan(11));
    assert_ne!(plan(11), plan(12));
}

#[test]
fn filters_narrow_the_plan_and_say_when_few_match() {
    let (app, _) = app(9);
    let me = Caller::user("7");
    let shown = text(&run(
        &app,
        &me,
        "/interview start kind:coding difficulty:easy questions:5",
    ));
    let session = active(&app, &me);
    let lib = app.library();
    let bank = &lib.catalog.roles[0].bank.as_ref().unwrap().questions;
    let matching = bank
        .iter()
        .filter(|q| q.kind == QuestionKind::Coding && q.difficulty == Difficulty::Easy)
        .count();
    assert!(matching < 5);
    assert_eq!(session.plan.len(), matching);
    assert!(
        shown.contains(&format!("Only {matching} question")),
        "{shown}"
    );
}

#[test]
fn the_next_session_leans_toward_weak_topics() {
    let (app, clock) = app(10);
    let me = Caller::user("7");
    // Two security questions answered badly.
    run(&app, &me, "/interview start kind:security questions:2");
    run(
        &app,
        &me,
        "/interview answer text:I would ask the security team what to do about it.",
    );
    run(
        &app,
        &me,
        "/interview answer text:I am not sure about this one, sorry.",
    );
    clock.advance(2 * 86_400);
    let shown = text(&run(&app, &me, "/interview start questions:5"));
    assert!(
        shown.contains("Leaning toward your weaker topics: Security"),
        "{shown}"
    );
    let stats = text(&run(&app, &me, "/interview stats"));
    assert!(stats.contains("-- Weakest topics --\nSecurity"), "{stats}");
}

/// Two answers for the same question at the same moment: both commands read the session on
/// question 1; one is scored, the other is told the question was already answered, and the
/// session holds exactly one turn.
#[test]
fn concurrent_answers_record_exactly_one() {
    let (app, _) = app(12);
    let app = Arc::new(app);
    let me = Caller::user("7");
    run(&app, &me, "/interview start questions:3");
    let seen = active(&app, &me);
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let app = app.clone();
            let barrier = barrier.clone();
            let seen = seen.clone();
            std::thread::spawn(move || {
                barrier.wait();
                text(&answer_at(&app, seen, 0, GOOD_ANSWER).unwrap())
            })
        })
        .collect();
    let replies: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let scored = replies.iter().filter(|r| r.contains("Score: ")).count();
    let refused = replies
        .iter()
        .filter(|r| r.contains("already answered"))
        .count();
    assert_eq!((scored, refused), (1, 1), "{replies:#?}");
    let session = active(&app, &me);
    assert_eq!(app.store.turns(session.id).unwrap().len(), 1);
    assert_eq!(session.position, 1);
}

#[test]
fn custom_ids_round_trip_and_respect_the_limit() {
    let id = custom_id("answer", 12, "123456789012345678", Some(3)).unwrap();
    assert_eq!(id, "iv:answer:12:123456789012345678:3");
    assert_eq!(
        parse_custom_id(&id),
        Some(ParsedId {
            action: "answer".into(),
            session: 12,
            owner: "123456789012345678".into(),
            position: Some(3),
        })
    );
    assert_eq!(parse_custom_id("iv:hint:12:7").unwrap().position, None);
    assert!(parse_custom_id("gd:hint:12:7").is_none());
    assert!(custom_id("answer", 1, &"x".repeat(100), Some(0)).is_none());
    // A console user with a very long name still gets a working session, without buttons.
    let (app, _) = app(13);
    let long = Caller::user("u".repeat(120));
    let started = run(&app, &long, "/interview start");
    assert!(text(&started).contains("Question 1 of"));
    assert!(button_ids(&started).is_empty());
}

/// What a user sees for one answer, pinned: seeded question, fixed answer.
#[test]
fn feedback_reply_snapshot() {
    let (app, clock) = app(21);
    let me = Caller::user("7");
    run(
        &app,
        &me,
        "/interview start question:sd-scale-web-app questions:2",
    );
    clock.advance(90);
    let answer = "I would first measure where the time goes with metrics and profiling. Then I would add servers \
                  behind a load balancer and keep them stateless, because then any server can take any request. \
                  For example, with 3 servers each one handles about a third of the traffic.";
    let reply = run(&app, &me, &format!("/interview answer text:{answer}"));
    insta::assert_json_snapshot!("feedback_reply", render::interaction_response(&reply).body);
}

/// A confidently wrong answer, pinned: the red flags with their whys and sentences, the cap,
/// and no ✅ for the points it denies.
#[test]
fn red_flag_feedback_snapshot() {
    let (app, _) = app(22);
    let me = Caller::user("7");
    run(
        &app,
        &me,
        "/interview start question:sd-high-write-throughput questions:1",
    );
    let answer = "One MySQL primary, no replication. Exactly-once is automatic, so there is no need for idempotency. \
                  Backpressure is unnecessary. I would never use Kafka, and a message queue is not needed either.";
    let reply = run(&app, &me, &format!("/interview answer text:{answer}"));
    let shown = text(&reply);
    assert!(shown.contains("⚠ red flag"), "{shown}");
    insta::assert_json_snapshot!(
        "red_flag_feedback",
        render::interaction_response(&reply).body
    );
}

#[test]
fn non_answers_are_told_why_they_score_low() {
    let (app, _) = app(30);
    let me = Caller::user("7");
    run(
        &app,
        &me,
        "/interview start question:sd-url-shortener questions:4",
    );
    let story = "At my last company a colleague and I had a design disagreement in code review. \
                 I asked for a one-on-one, listened to his reasons, and we agreed on criteria and built a prototype. \
                 We reached a compromise, shipped on time, and I learned to raise disagreements earlier.";
    let cases = [
        (
            story.to_string(),
            "reads like an answer to a different question",
        ),
        (
            "asdkfj qwoeiru zmxncbv lkjhgf poiuyt qwerty".to_string(),
            "isn't recognisable words",
        ),
        (
            "cache cache cache cache cache cache cache cache cache".to_string(),
            "repeats the same few words",
        ),
        (
            "Usaría un identificador único para cada enlace y lo guardaría en una base de datos con una caché delante."
                .to_string(),
            "The scorer reads English only",
        ),
    ];
    for (answer, why) in cases {
        let shown = text(&run(&app, &me, &format!("/interview answer text:{answer}")));
        let score: u32 = shown
            .split("Score: ")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no score in {shown}"));
        assert!(score <= 5, "{answer:?} scored {score}");
        assert!(shown.contains(why), "{answer:?}: {shown}");
    }
}

#[test]
fn repeat_shows_the_hints_already_given() {
    let (app, _) = app(32);
    let me = Caller::user("7");
    run(&app, &me, "/interview start question:sd-url-shortener");
    let before = text(&run(&app, &me, "/interview repeat"));
    assert!(!before.contains("Hints so far"), "{before}");
    run(&app, &me, "/interview hint");
    run(&app, &me, "/interview hint");
    let repeated = text(&run(&app, &me, "/interview repeat"));
    let question = crate::interview::testing::catalog().roles[0]
        .bank
        .as_ref()
        .unwrap()
        .questions
        .iter()
        .find(|q| q.id == "sd-url-shortener")
        .unwrap();
    assert!(repeated.contains("Hints so far (2 of 3)"), "{repeated}");
    for hint in &question.hints[..2] {
        let shown = crate::interview::feedback::escape_light(hint);
        assert!(
            repeated.contains(&shown),
            "{hint:?} missing from {repeated}"
        );
    }
    assert!(
        !repeated.contains(&crate::interview::feedback::escape_light(
            &question.hints[2]
        ))
    );
}

#[test]
fn resume_shows_where_the_user_stands() {
    let (app, clock) = app(31);
    let me = Caller::user("7");
    run(&app, &me, "/interview start questions:2");
    run(&app, &me, "/interview skip");
    let refused = run(&app, &me, "/interview start");
    clock.advance(120);
    let resumed = click(&app, &me, &button(&refused, "resume"));
    let shown = text(&resumed);
    assert!(shown.contains("Question 2 of 2"), "{shown}");
    assert!(button(&resumed, "answer").ends_with(":1"));
    assert_eq!(
        active(&app, &me).last_active_at,
        app.clock.now(),
        "resume is activity"
    );
}

/// Content can change under a running session: a question it planned may be gone.
#[test]
fn a_question_removed_from_the_bank_can_be_skipped() {
    let (app, _) = app(32);
    let me = Caller::user("7");
    let created = app
        .store
        .create_session(&NewSession {
            user_id: "7".into(),
            channel_id: String::new(),
            role: "backend-engineer".into(),
            kind: None,
            difficulty: None,
            plan: vec!["a-question-since-removed".into(), "sd-url-shortener".into()],
            now: app.clock.now(),
        })
        .unwrap();
    assert!(matches!(created, Created::Started(_)));
    for line in [
        "/interview repeat",
        "/interview hint",
        "/interview answer text:an answer",
    ] {
        let shown = text(&run(&app, &me, line));
        assert!(
            shown.contains("no longer in the question bank"),
            "{line}: {shown}"
        );
    }
    let shown = text(&run(&app, &me, "/interview skip"));
    assert!(shown.contains("Question 2 of 2"), "{shown}");
    assert!(shown.contains("Design a URL shortener."), "{shown}");
}

/// An answer whose reply never arrived is sent again with the slash command (which names no
/// question): it is recognised as the answer just recorded, not recorded a second time against
/// the next question, and the missed feedback (or, after the last question, the summary) is shown.
#[test]
fn the_same_answer_sent_again_is_not_recorded_twice() {
    let (app, clock) = app(42);
    let me = Caller::user("7");
    run(&app, &me, "/interview start questions:2");
    let session = active(&app, &me);
    let first = run(&app, &me, &format!("/interview answer text:{GOOD_ANSWER}"));
    let first_text = text(&first);
    let score = first_text
        .split("Score: ")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no score in {first_text}"))
        .to_string();
    clock.advance(30);
    let again = run(
        &app,
        &me,
        &format!("/interview answer text:  {GOOD_ANSWER} "),
    );
    let shown = text(&again);
    assert!(ephemeral(&again));
    assert!(shown.contains("already recorded"), "{shown}");
    assert!(
        shown.contains("not recorded again for question 2"),
        "{shown}"
    );
    assert!(shown.contains(&format!("Score: {score}/100")), "{shown}");
    assert!(shown.contains("Question 2 of 2"), "{shown}");
    assert_eq!(button(&again, "hint"), button(&first, "hint"));
    assert_eq!(app.store.turns(session.id).unwrap().len(), 1);

    // A different answer is recorded for question 2 and ends the interview; sending it again
    // shows the summary and records nothing.
    let last = "I would look at the logs first.";
    let finished = run(&app, &me, &format!("/interview answer text:{last}"));
    assert!(text(&finished).contains("Interview summary"));
    let again = run(&app, &me, &format!("/interview answer text:{last}"));
    let shown = text(&again);
    assert!(shown.contains("already recorded"), "{shown}");
    assert!(shown.contains("Interview summary"), "{shown}");
    assert!(!shown.contains("Your answer (not recorded)"), "{shown}");
    assert_eq!(app.store.turns(session.id).unwrap().len(), 2);
    // Anything else with no interview running is handed back as before.
    let other = run(&app, &me, "/interview answer text:something new");
    assert!(text(&other).contains("Your answer (not recorded)"));
    assert_eq!(app.store.user_turns("7").unwrap().len(), 2);
}

/// The same words for two different questions, when they were not the answer just recorded, are
/// two answers: only an immediate resend is taken as one.
#[test]
fn the_same_words_for_a_later_question_are_still_an_answer() {
    let (app, _) = app(42);
    let me = Caller::user("7");
    run(&app, &me, "/interview start questions:3");
    let session = active(&app, &me);
    run(&app, &me, "/interview answer text:I am not sure.");
    run(&app, &me, "/interview skip");
    let third = run(&app, &me, "/interview answer text:I am not sure.");
    assert!(text(&third).contains("Score: "), "{}", text(&third));
    assert_eq!(app.store.turns(session.id).unwrap().len(), 3);
}
