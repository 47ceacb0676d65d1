//! Crash safety through the real binary: `kill -9` between an interview answer being stored and
//! its reply being sent (hit exactly with the `CAREERBOT_FAULT` seam, see `src/fault.rs`), and at
//! arbitrary points of a stream of console commands; after every restart the database opens, is
//! whole and fully migrated, and every session is consistent with its turns.

mod interview_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use careerbot::fault;
use interview_support::*;

/// Generous: the machine running the tests may be busy building.
const WAIT: Duration = Duration::from_secs(60);

/// A child process, SIGKILLed when the test ends however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines a child writes to one of its pipes, as they come.
fn lines_of(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// Waits (bounded) for the line `wanted`; returns the lines seen before it.
fn await_line(lines: &Receiver<String>, wanted: &str) -> Vec<String> {
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line == wanted => return seen,
            Ok(line) => seen.push(line),
            Err(error) => panic!("no {wanted:?} line ({error}); saw {seen:#?}"),
        }
    }
}

/// Runs `command` (an answer) with the fault armed, waits until the answer is stored, then
/// SIGKILLs the process and checks it died by the signal before replying.
fn kill_after_answer_stored(mut command: Command) {
    command
        .env(fault::ENV, fault::PAUSE_AFTER_ANSWER_STORED)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = Killed(command.spawn().expect("the binary starts"));
    let stderr = lines_of(child.0.stderr.take().unwrap());
    let mut stdout = child.0.stdout.take().unwrap();
    let before = await_line(&stderr, fault::PAUSED_AFTER_ANSWER_STORED);
    assert!(before.is_empty(), "stderr before the pause: {before:#?}");
    child.0.kill().expect("SIGKILL");
    let status = child.0.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "{status:?}");
    let mut printed = String::new();
    stdout.read_to_string(&mut printed).unwrap();
    assert_eq!(
        printed, "",
        "the reply must not have been sent before the kill"
    );
}

fn answer_command(dir: &Path, user: &str, text: &str) -> Command {
    let mut command = exec(dir, user);
    command
        .arg("--")
        .arg(format!("/interview answer text:{text}"));
    command
}

fn submit_command(dir: &Path, user: &str, custom_id: &str, text: &str) -> Command {
    let mut command = exec(dir, user);
    command
        .args(["--submit", custom_id, "--field"])
        .arg(format!("answer={text}"));
    command
}

fn db(dir: &Path) -> std::path::PathBuf {
    dir.join("data").join("careerbot.sqlite3")
}

#[test]
fn a_kill_between_storing_an_answer_and_replying_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let user = "7";
    let started = line(dir, user, START).ok();
    assert_eq!(
        heading_of(&started.body).as_deref(),
        Some("Question 1 of 3")
    );
    let first_prompt = prompt_of(&started.body).unwrap();
    let (session, owner, position) = parse_id(&button_of(&started.body, "hint"));
    assert_eq!((owner.as_str(), position), (user, 0));

    // Question 1: killed after its answer is stored, through the slash command.
    kill_after_answer_stored(answer_command(dir, user, STRONG));
    let sessions = check_database(&db(dir));
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].turns.len(), 1, "the answer was stored once");
    assert_eq!(sessions[0].turns[0].answer.as_deref(), Some(STRONG));
    let first_score = sessions[0].turns[0].score.unwrap();

    // Restarted: the session is there, on question 2.
    let repeated = line(dir, user, "/interview repeat").ok();
    assert_eq!(
        heading_of(&repeated.body).as_deref(),
        Some("Question 2 of 3")
    );
    assert_ne!(prompt_of(&repeated.body).unwrap(), first_prompt);
    assert_eq!(
        parse_id(&button_of(&repeated.body, "hint")),
        (session, user.to_string(), 1)
    );

    // The user never saw a reply, so they send the answer again: the form of question 1 is
    // refused as already answered; the same slash command shows the recorded score instead of
    // recording it a second time against question 2.
    let modal = format!("iv:modal:{session}:{user}:0");
    let again = Run::of(submit_command(dir, user, &modal, STRONG)).ok();
    let text = again.text();
    assert!(
        text.contains("That question was already answered, so this answer was not recorded"),
        "{text}"
    );
    assert_eq!(heading_of(&again.body).as_deref(), Some("Question 2 of 3"));
    let again = Run::of(answer_command(dir, user, STRONG)).ok();
    let text = again.text();
    assert!(text.contains("already recorded"), "{text}");
    assert!(text.contains("not recorded again"), "{text}");
    assert_eq!(
        score_of(&again.body),
        Some(first_score as u32),
        "the feedback the kill swallowed: {text}"
    );
    assert_eq!(heading_of(&again.body).as_deref(), Some("Question 2 of 3"));
    let sessions = check_database(&db(dir));
    assert_eq!(sessions[0].turns.len(), 1, "no second answer: {sessions:?}");

    // Question 2 normally, through its form.
    let form = click(dir, user, &button_of(&repeated.body, "answer")).ok();
    assert_eq!(form.body["type"], 9, "{}", form.body);
    let second = submit(
        dir,
        user,
        form.body["data"]["custom_id"].as_str().unwrap(),
        WEAK,
    )
    .ok();
    let second_score = score_of(&second.body).unwrap_or_else(|| panic!("{}", second.text()));
    assert_eq!(heading_of(&second.body).as_deref(), Some("Question 3 of 3"));

    // Question 3, the last: killed after it is stored, through the form.
    let last_form = format!("iv:modal:{session}:{user}:2");
    kill_after_answer_stored(submit_command(dir, user, &last_form, STRONG));
    let sessions = check_database(&db(dir));
    assert_eq!(sessions[0].status, "ended", "{sessions:?}");
    assert_eq!(sessions[0].turns.len(), 3);
    let third_score = sessions[0].turns[2].score.unwrap();

    // Restarted: the interview is finished, not waiting on question 3.
    let repeated = line(dir, user, "/interview repeat").ok();
    assert!(
        repeated.text().contains("no interview in progress"),
        "{}",
        repeated.text()
    );
    // The form again: refused, the answer handed back, nothing recorded.
    let again = Run::of(submit_command(dir, user, &last_form, STRONG)).ok();
    let text = again.text();
    assert!(text.contains("That interview has ended"), "{text}");
    assert!(text.contains("Your answer (not recorded)"), "{text}");
    // The slash command again: the summary the kill swallowed, nothing recorded.
    let again = Run::of(answer_command(dir, user, STRONG)).ok();
    let text = again.text();
    assert!(text.contains("already recorded"), "{text}");
    assert!(text.contains("Interview summary"), "{text}");
    let overall = overall_of(&again.body).unwrap_or_else(|| panic!("{text}"));
    for score in [first_score as u32, second_score, third_score as u32] {
        assert!(text.contains(&format!(" — {score}/100")), "{score}: {text}");
    }
    let sessions = check_database(&db(dir));
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].turns.len(), 3, "no fourth answer: {sessions:?}");

    // The history shows one completed session of three answers with that average.
    let stats = line(dir, user, "/interview stats").ok();
    let text = stats.text();
    assert!(text.contains("**1 session** (1 completed"), "{text}");
    assert!(text.contains("**3 answered**, 0 skipped"), "{text}");
    assert!(
        text.contains(&format!("#{session} · "))
            && text.contains(&format!("3 questions · {overall}/100 · completed")),
        "{text}"
    );
}

/// A small deterministic generator (splitmix64), so the "random" kill points are the same on
/// every run and a failure can be replayed.
struct Points(u64);

impl Points {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % below
    }
}

/// The commands one console runs: several interviews with answers, hints, skips and ends.
fn script() -> Vec<String> {
    let mut lines = Vec::new();
    for round in 0..3 {
        lines.push(START.to_string());
        lines.push("/interview hint".into());
        lines.push(format!("/interview answer text:{STRONG}"));
        lines.push("/interview repeat".into());
        lines.push(if round == 1 {
            "/interview skip".into()
        } else {
            format!("/interview answer text:{WEAK} ({round})")
        });
        if round == 0 {
            lines.push("/interview end".into());
        } else {
            lines.push(format!("/interview answer text:{STRONG} ({round})"));
        }
        lines.push("/interview stats".into());
    }
    lines
}

#[test]
fn kill_9_at_arbitrary_points_of_a_console_stream_leaves_every_session_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Build the index once, so the consoles spend their time on commands.
    line(dir, "setup", "/interview stats").ok();
    let script = script().join("\n") + "\n";
    let users = ["11", "12"];
    let mut points = Points(0x5eed_c0ff_ee15_2025);
    let mut kills = Vec::new();
    // Answers whose feedback reached the user, by user: each must be in the database.
    let mut acknowledged = std::collections::HashMap::new();
    for round in 0..6 {
        // Two consoles at once, each killed after its own number of replies (0: as soon as its
        // commands are written, often before or during the first one).
        let consoles: Vec<(&str, Killed, Receiver<String>, u64, u64)> = users
            .iter()
            .enumerate()
            .map(|(n, user)| {
                let mut command = careerbot(dir);
                command
                    .args([
                        "--seed", SEED, "console", "--format", "json", "--user", user,
                    ])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null());
                let mut child = Killed(command.spawn().expect("the console starts"));
                let replies = lines_of(child.0.stdout.take().unwrap());
                // Stdin stays open: the console waits for more rather than exiting.
                child
                    .0
                    .stdin
                    .as_mut()
                    .unwrap()
                    .write_all(script.as_bytes())
                    .unwrap();
                let after = if round == 0 && n == 0 {
                    0
                } else {
                    points.next(14)
                };
                (*user, child, replies, after, points.next(2000))
            })
            .collect();
        for (user, mut child, replies, after, jitter_us) in consoles {
            for n in 0..after {
                let reply = replies
                    .recv_timeout(WAIT)
                    .unwrap_or_else(|e| panic!("round {round}: reply {n} of {after}: {e}"));
                let body: serde_json::Value = serde_json::from_str(&reply)
                    .unwrap_or_else(|e| panic!("round {round}: not JSON ({e}): {reply}"));
                assert_eq!(body["type"], 4, "{body}");
                let content = body["data"]["content"].as_str().unwrap_or_default();
                if score_of(&body).is_some() && !content.contains("already recorded") {
                    *acknowledged.entry(user).or_insert(0) += 1;
                }
            }
            // Somewhere inside the next command (they take a few milliseconds each).
            std::thread::sleep(Duration::from_micros(jitter_us));
            child.0.kill().unwrap();
            let status = child.0.wait().unwrap();
            // A console that ran out of script before its kill point would have exited by
            // itself; the script is longer than any kill point.
            assert_eq!(status.signal(), Some(9), "round {round}: {status:?}");
            kills.push((after, jitter_us));
        }

        // Restarted: the binary opens the database and answers every user; the file is whole
        // and every session agrees with its turns.
        for user in users {
            let repeated = line(dir, user, "/interview repeat").ok();
            let text = repeated.text();
            assert!(
                text.contains("no interview in progress") || heading_of(&repeated.body).is_some(),
                "round {round}, kills at {kills:?}, user {user}: {text}"
            );
        }
        let sessions = check_database(&db(dir));
        for user in users {
            let answered = sessions
                .iter()
                .filter(|s| s.user_id == user)
                .flat_map(|s| &s.turns)
                .filter(|t| t.outcome == "answered")
                .count();
            let seen = acknowledged.get(user).copied().unwrap_or(0);
            assert!(
                answered >= seen,
                "kills at {kills:?}: user {user} was shown {seen} scores but {answered} answers are stored"
            );
        }
    }
    assert!(
        acknowledged.values().sum::<usize>() > 0,
        "kills at {kills:?}: no console got as far as a scored answer"
    );
    eprintln!("kills (replies, µs): {kills:?}; scores shown: {acknowledged:?}");
    let sessions = check_database(&db(dir));
    for user in users {
        let mine: Vec<&StoredSession> = sessions.iter().filter(|s| s.user_id == user).collect();
        assert!(
            !mine.is_empty(),
            "kills at {kills:?}: user {user} never started"
        );
        let stats = line(dir, user, "/interview stats").ok();
        let count = mine.len();
        let expected = format!("**{count} session{}**", if count == 1 { "" } else { "s" });
        assert!(
            stats.text().contains(&expected),
            "kills at {kills:?}: {expected} in {}",
            stats.text()
        );
        // Whatever was cut, the next command carries on from the stored state.
        let next = line(dir, user, START).ok();
        assert!(
            heading_of(&next.body).is_some(),
            "user {user}: {}",
            next.text()
        );
    }
}
