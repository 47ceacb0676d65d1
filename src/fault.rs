//! Fault injection for the crash-safety and shutdown tests, and nothing else.
//!
//! `tests/crash_safety.rs` must kill the bot at one exact moment: after an interview answer's
//! transaction has committed and before the reply has been sent. A timer cannot hit that window
//! reliably, so the test sets `CAREERBOT_FAULT=pause-after-answer-stored`: at that point the
//! process writes [`PAUSED_AFTER_ANSWER_STORED`] to stderr and blocks forever, and the test
//! SIGKILLs it. The shutdown tests need replies that are certainly deferred: a reply computed in
//! a millisecond can beat even a one-millisecond deferral timer on a loaded machine (the runtime
//! thread resumes after both are due and finds the reply first), so they set
//! `CAREERBOT_FAULT=slow-replies`, and every command's reply takes [`SLOW_REPLY`] longer. Unset
//! (always, outside those tests) the check is one cached lookup.

use std::io::Write;
use std::sync::OnceLock;

/// The environment variable that arms a fault point.
pub const ENV: &str = "CAREERBOT_FAULT";

/// `CAREERBOT_FAULT` value: pause after an answer's turn is committed, before the reply.
pub const PAUSE_AFTER_ANSWER_STORED: &str = "pause-after-answer-stored";

/// The line written to stderr when that point is reached.
pub const PAUSED_AFTER_ANSWER_STORED: &str = "fault: paused after answer stored";

/// `CAREERBOT_FAULT` value: every command's reply takes [`SLOW_REPLY`] longer.
pub const SLOW_REPLIES: &str = "slow-replies";

/// How much longer a reply takes under [`SLOW_REPLIES`].
pub const SLOW_REPLY: std::time::Duration = std::time::Duration::from_millis(300);

/// The armed fault point, read from the environment once per process.
fn armed() -> Option<&'static str> {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    ARMED
        .get_or_init(|| std::env::var(ENV).ok().filter(|v| !v.is_empty()))
        .as_deref()
}

/// Called right after an answer is stored: when armed, announces it and never returns.
pub fn after_answer_stored() {
    if armed() != Some(PAUSE_AFTER_ANSWER_STORED) {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{PAUSED_AFTER_ANSWER_STORED}");
    let _ = stderr.flush();
    drop(stderr);
    loop {
        std::thread::park();
    }
}

/// Called before a command's reply is computed: when `slow-replies` is armed, waits
/// [`SLOW_REPLY`] (on the blocking thread that computes the reply, never on the runtime).
pub fn before_reply() {
    if armed() == Some(SLOW_REPLIES) {
        std::thread::sleep(SLOW_REPLY);
    }
}

/// Whether `slow-replies` is armed: replies must then take the slow path (see `before_reply`),
/// none is answered at once from the reply cache.
pub fn slows_replies() -> bool {
    armed() == Some(SLOW_REPLIES)
}
