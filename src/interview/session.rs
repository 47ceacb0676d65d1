//! The session state machine: start → (answer | skip | hint | repeat)* → end, with idle expiry,
//! one active session per user and channel, and the button and modal ids that drive it.
//!
//! State lives only in the store, so every step works the same whether it is the next command of
//! one process or of a fresh `careerbot exec`. Each step re-reads the session, checks it is still
//! active and not idle past the timeout, and writes through one atomic store operation; a step
//! that lost a race (a double-submitted answer) is told so instead of corrupting the session.
//!
//! Custom ids: `iv:<action>:<session id>:<owner user id>:<question position>`. The position
//! makes a button from an earlier question stale instead of acting on the current one; ids
//! without it (`iv:<action>:<session>:<owner>`) act on the current question.

use std::sync::Arc;

use crate::app::{App, Caller};
use crate::commands::spec::ANSWER_MAX;
use crate::content::model::{Difficulty, QuestionFile, QuestionKind};
use crate::content::{Bank, Role};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{escape_user_text, truncate_chars, Embed, Reply};
use crate::search::{DocKind, Filter};
use crate::store::{
    Created, NewSession, Recorded, SessionRecord, SessionStatus, TurnOutcome, TurnRecord,
};

use super::choose::{self, History};
use super::feedback;
use super::history;
use super::score::{ScoringBank, Verdict};
use super::CUSTOM_ID_PREFIX;

/// Discord's limit on a custom id.
const CUSTOM_ID_MAX: usize = 100;

pub const NO_SESSION: &str =
    "You have no interview in progress. Start one with `/interview start`.";
const NOT_YOURS: &str =
    "This interview belongs to someone else, so its buttons only work for them. \
     Start your own with `/interview start`.";
const BAD_ID: &str = "That button or form isn't one I recognise. Use `/interview repeat` to see your current question.";

/// A button or modal custom id; None when it would exceed Discord's 100 characters.
pub fn custom_id(
    action: &str,
    session: i64,
    owner: &str,
    position: Option<usize>,
) -> Option<String> {
    let id = match position {
        Some(position) => format!("{CUSTOM_ID_PREFIX}:{action}:{session}:{owner}:{position}"),
        None => format!("{CUSTOM_ID_PREFIX}:{action}:{session}:{owner}"),
    };
    (id.chars().count() <= CUSTOM_ID_MAX).then_some(id)
}

/// A parsed interview custom id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedId {
    pub action: String,
    pub session: i64,
    pub owner: String,
    pub position: Option<usize>,
}

pub fn parse_custom_id(id: &str) -> Option<ParsedId> {
    let mut parts = id.split(':');
    if parts.next()? != CUSTOM_ID_PREFIX {
        return None;
    }
    let action = parts.next()?.to_string();
    let session = parts.next()?.parse::<i64>().ok()?;
    let owner = parts.next().filter(|o| !o.is_empty())?.to_string();
    let position = match parts.next() {
        None => None,
        Some(p) => Some(p.parse::<usize>().ok()?),
    };
    if parts.next().is_some() {
        return None;
    }
    Some(ParsedId {
        action,
        session,
        owner,
        position,
    })
}

/// The channel part of the session key: the console has none (one session per user).
fn channel_key(caller: &Caller) -> String {
    caller.channel_id.clone().unwrap_or_default()
}

fn idle_seconds(app: &App) -> i64 {
    app.settings.interview.idle_timeout.as_secs().max(1) as i64
}

/// How many sessions are running: active and not idle past the timeout (for the metrics gauge).
pub fn active_sessions(app: &App) -> Result<u64> {
    app.store
        .count_active_sessions(app.clock.now() - idle_seconds(app))
}

/// The scoring bank of a role, analyzed once per content version (kept by the library): by
/// meaning too when the search index holds the embedding model, by words alone otherwise.
fn scoring_bank(lib: &Library, role: &Role, bank: &Bank) -> Arc<ScoringBank> {
    lib.scoring_bank(&role.id, || {
        match ScoringBank::with_words(
            lib.scoring_words(),
            lib.search.analyzer(),
            &bank.questions,
            lib.search.encoder().cloned(),
            lib.search.content_encoder(),
        ) {
            Ok(bank) => bank,
            Err(error) => {
                // The model failed on the bank's own text: score by words rather than not at all.
                tracing::warn!(%error, "scoring bank without the embedding model");
                ScoringBank::by_words(lib.scoring_words(), lib.search.analyzer(), &bank.questions)
            }
        }
    })
}

/// Builds every role's scoring bank now, so the first answer does not wait for the rubric to be
/// embedded (with the model, the vectors come from the cache beside it after the first start).
/// Without the model there is nothing slow to do ahead: a bank is built by words on first use,
/// in milliseconds, and a content with thousands of roles starts without building them all.
pub fn prepare(lib: &Library) {
    if !lib.search.has_semantics() {
        return;
    }
    for role in &lib.catalog.roles {
        if let Some(bank) = &role.bank {
            scoring_bank(lib, role, bank);
        }
    }
}

/// Scores an answer to one bank question outside a session (the daily question): the feedback
/// embed and the score. Nothing is stored here.
pub fn assess_once(lib: &Library, question_id: &str, text: &str) -> Result<(Embed, u8)> {
    let text = validate_answer(text)?;
    let found = lib.catalog.roles.iter().find_map(|role| {
        let bank = role.bank.as_ref()?;
        Some((role, bank, find_question(bank, question_id)?))
    });
    let Some((role, bank, question)) = found else {
        return Err(Error::Usage(
            "That question is no longer in the question bank, so it cannot be scored.".into(),
        ));
    };
    let assessment = scoring_bank(lib, role, bank)
        .assess(&question.id, text)
        .ok_or_else(|| Error::Usage(format!("Question `{}` cannot be scored.", question.id)))?;
    if assessment.verdict == Verdict::Empty {
        return Err(Error::Usage(
            "Your answer has no words in it. Write what you would say to the interviewer, then send it again."
                .into(),
        ));
    }
    let embed = feedback::feedback_embed(role, question, &assessment, 0, 1, 0);
    Ok((embed, assessment.score))
}

/// Embeds every role's rubric points and red flags into the content cache (the model's
/// `embeddings/`), as `careerbot index` does, so later starts read them. Nothing without a model.
pub fn embed_rubrics(
    catalog: &crate::content::Catalog,
    search: &crate::search::SearchIndex,
) -> Result<()> {
    let words = crate::interview::score::scoring_words(search.analyzer());
    for bank in catalog.roles.iter().filter_map(|r| r.bank.as_ref()) {
        ScoringBank::with_words(
            words.clone(),
            search.analyzer(),
            &bank.questions,
            search.encoder().cloned(),
            search.content_encoder(),
        )?;
    }
    Ok(())
}

/// The role and bank a session was started with.
fn session_role<'a>(lib: &'a Library, session: &SessionRecord) -> Result<(&'a Role, &'a Bank)> {
    let role = lib
        .catalog
        .roles
        .iter()
        .find(|r| r.id == session.role)
        .ok_or_else(|| {
            Error::Usage(format!(
                "This interview's role (`{}`) is no longer in the content. End it with `/interview end`.",
                session.role
            ))
        })?;
    let bank = role.bank.as_ref().ok_or_else(|| {
        Error::Usage(format!(
            "The {} role no longer has a question bank. End this interview with `/interview end`.",
            role.name
        ))
    })?;
    Ok((role, bank))
}

fn find_question<'a>(bank: &'a Bank, id: &str) -> Option<&'a QuestionFile> {
    bank.questions.iter().find(|q| q.id == id)
}

/// The question at `position` of the session, or a clear message when the bank lost it.
fn question_at<'a>(
    bank: &'a Bank,
    session: &SessionRecord,
    position: usize,
) -> Result<&'a QuestionFile> {
    let id = session.plan.get(position).ok_or_else(|| {
        Error::Usage(
            "This interview has no question left. See your summary with `/interview end`.".into(),
        )
    })?;
    find_question(bank, id).ok_or_else(|| {
        Error::Usage(format!(
            "Question `{id}` of this interview is no longer in the question bank (the content changed). \
             Use `/interview skip` to move on."
        ))
    })
}

/// Where the caller's session stands after the idle check.
enum Live {
    Active(SessionRecord),
    /// It was idle too long and has just been closed.
    Expired(SessionRecord),
    None,
}

/// Closes the session if it has been idle past the timeout.
fn check_idle(app: &App, session: SessionRecord) -> Result<Live> {
    if session.status != SessionStatus::Active {
        return Ok(Live::None);
    }
    let now = app.clock.now();
    let idle_since = now - idle_seconds(app);
    if session.last_active_at <= idle_since
        && app.store.expire_session(session.id, idle_since, now)?
    {
        return Ok(Live::Expired(session));
    }
    Ok(Live::Active(session))
}

fn live(app: &App, caller: &Caller) -> Result<Live> {
    match app
        .store
        .active_session(&caller.user_id, &channel_key(caller))?
    {
        Some(session) => check_idle(app, session),
        None => Ok(Live::None),
    }
}

fn expired_text(app: &App, session: &SessionRecord) -> Result<String> {
    let answered = app.store.turns(session.id)?.len();
    let minutes = idle_seconds(app) / 60;
    Ok(format!(
        "Your interview expired after {minutes} minute{} without activity. {} — see `/interview stats`. \
         Start a new one with `/interview start`.",
        if minutes == 1 { "" } else { "s" },
        match answered {
            0 => "It had no recorded answers".to_string(),
            1 => "Its 1 recorded answer is kept".to_string(),
            n => format!("Its {n} recorded answers are kept"),
        }
    ))
}

/// The active session, or the message explaining why there is none.
fn require_live(app: &App, caller: &Caller) -> Result<SessionRecord> {
    match live(app, caller)? {
        Live::Active(session) => Ok(session),
        Live::Expired(session) => Err(Error::Usage(expired_text(app, &session)?)),
        Live::None => Err(Error::Usage(NO_SESSION.into())),
    }
}

fn history_for(app: &App, user_id: &str, role: &str) -> Result<History> {
    let sessions = app.store.user_sessions(user_id)?;
    let turns: Vec<TurnRecord> = app
        .store
        .user_turns(user_id)?
        .into_iter()
        .filter(|t| {
            sessions
                .iter()
                .any(|s| s.id == t.session_id && s.role == role)
        })
        .collect();
    Ok(History::from_turns(&turns))
}

/// The question at the session's position with its buttons.
fn current_question(
    app: &App,
    session: &SessionRecord,
) -> Result<(Vec<Embed>, Vec<Vec<crate::reply::Button>>)> {
    let lib = app.library();
    let (role, bank) = session_role(&lib, session)?;
    let question = question_at(bank, session, session.position)?;
    let history = history_for(app, &session.user_id, &session.role)?;
    let (_, why) = choose::weight(question, &history, app.clock.now());
    Ok((
        vec![feedback::question_embed(
            role,
            question,
            session.position,
            session.plan.len(),
            Some(&why),
            session.hints_shown as usize,
        )],
        feedback::question_buttons(session.id, &session.user_id, session.position),
    ))
}

/// What the user asked `/interview start` for.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub role: Option<String>,
    pub kind: Option<QuestionKind>,
    pub difficulty: Option<Difficulty>,
    pub questions: Option<u8>,
    pub question: Option<String>,
}

/// The bank question a user's `question:` text names: its id, or the best search match.
fn match_question(lib: &Library, role: &Role, bank: &Bank, text: &str) -> Result<String> {
    let wanted = text.trim();
    if let Some(question) = bank
        .questions
        .iter()
        .find(|q| q.id.eq_ignore_ascii_case(wanted))
    {
        return Ok(question.id.clone());
    }
    let filter = Filter {
        kinds: &[DocKind::Question],
        role: Some(&role.id),
    };
    let prefix = format!("{}/bank/question/", role.id);
    let hits = lib.search.search(wanted, &filter, 1)?;
    hits.first()
        .and_then(|hit| hit.doc.key.strip_prefix(&prefix))
        .filter(|id| find_question(bank, id).is_some())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::Usage(format!(
                "No question in the {} bank matches “{}”. Try other words, or leave out `question:` for a random one.",
                role.name,
                escape_user_text(&truncate_chars(wanted, 80))
            ))
        })
}

pub fn start(app: &App, caller: &Caller, options: StartOptions) -> Result<Reply> {
    let mut notes = Vec::new();
    match live(app, caller)? {
        Live::Active(session) => return already_active(app, &session),
        Live::Expired(session) => notes.push(format!("*{}*", expired_text(app, &session)?)),
        Live::None => {}
    }
    let lib = app.library();
    let role = lib
        .catalog
        .role(options.role.as_deref())
        .map_err(Error::Usage)?;
    let bank = role.bank.as_ref().ok_or_else(|| {
        Error::Usage(format!(
            "The {} role has no interview question bank. Roles with one: {}.",
            role.name,
            lib.catalog
                .roles
                .iter()
                .filter(|r| r.bank.is_some())
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let wanted = usize::from(
        options
            .questions
            .unwrap_or(app.settings.interview.default_questions)
            .clamp(1, 10),
    );
    let mut plan: Vec<String> = Vec::new();
    if let Some(text) = options.question.as_deref() {
        plan.push(match_question(&lib, role, bank, text)?);
    }
    let candidates = choose::candidates(&bank.questions, options.kind, options.difficulty);
    let history = history_for(app, &caller.user_id, &role.id)?;
    let now = app.clock.now();
    let rest = {
        let mut rng = app.rng.lock().unwrap_or_else(|p| p.into_inner());
        choose::choose(
            &candidates,
            &plan,
            &history,
            now,
            wanted - plan.len(),
            &mut *rng,
        )
    };
    plan.extend(rest);
    let filters = [
        options.kind.map(|k| format!("kind:{}", k.as_str())),
        options
            .difficulty
            .map(|d| format!("difficulty:{}", d.as_str())),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    if plan.is_empty() {
        return Err(Error::Usage(format!(
            "No {} questions match {}. Try fewer filters.",
            role.name,
            filters.join(" ")
        )));
    }
    if plan.len() < wanted {
        notes.push(format!(
            "Only {} question{} match{}, so this interview has {}.",
            plan.len(),
            if plan.len() == 1 { "" } else { "s" },
            if plan.len() == 1 { "es" } else { "" },
            plan.len()
        ));
    }
    let weak: Vec<String> = history
        .weak_kinds()
        .into_iter()
        .take(2)
        .filter(|(_, average)| *average < 70.0)
        .map(|(kind, average)| format!("{} ({average:.0}/100)", kind.label()))
        .collect();
    if !weak.is_empty() && options.kind.is_none() {
        notes.push(format!(
            "Leaning toward your weaker topics: {}.",
            weak.join(", ")
        ));
    }
    let new = NewSession {
        user_id: caller.user_id.clone(),
        channel_id: channel_key(caller),
        role: role.id.clone(),
        kind: options.kind.map(|k| k.as_str().to_string()),
        difficulty: options.difficulty.map(|d| d.as_str().to_string()),
        plan,
        now,
    };
    let session = match app.store.create_session(&new)? {
        Created::Started(session) => session,
        // Another command of this user started one a moment ago.
        Created::AlreadyActive(session) => return already_active(app, &session),
    };
    let filter_text = if filters.is_empty() {
        String::new()
    } else {
        format!(" ({})", filters.join(", "))
    };
    let (mut embeds, buttons) = current_question(app, &session)?;
    embeds.insert(
        0,
        feedback::start_embed(role, session.plan.len(), &filter_text, &notes),
    );
    Ok(feedback::message(embeds, buttons))
}

fn already_active(app: &App, session: &SessionRecord) -> Result<Reply> {
    let (embeds, _) = current_question(app, session)?;
    Ok(feedback::notice_with(
        format!(
            "You already have an interview in progress (question {} of {}). Answer it, skip it, or end it with `/interview end` before starting another.",
            session.position + 1,
            session.plan.len()
        ),
        embeds,
        feedback::resume_buttons(session.id, &session.user_id, session.position),
    ))
}

/// Checks an answer's length before anything else happens.
fn validate_answer(text: &str) -> Result<&str> {
    let length = text.chars().count();
    if length > usize::from(ANSWER_MAX) {
        return Err(Error::Usage(format!(
            "Your answer is {length} characters; the limit is {ANSWER_MAX}. Shorten it and send it again — your question is still waiting."
        )));
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::Usage(
            "Your answer is empty. Write what you would say to the interviewer, then send it again — your question is still waiting."
                .into(),
        ));
    }
    Ok(trimmed)
}

/// Answers the session's current question (slash command).
pub fn answer(app: &App, caller: &Caller, text: &str) -> Result<Reply> {
    let text = validate_answer(text)?;
    match live(app, caller)? {
        Live::Active(session) => {
            if let Some(reply) = resent_answer(app, &session, text)? {
                return Ok(reply);
            }
            let position = session.position;
            answer_at(app, session, position, text)
        }
        Live::Expired(session) => Ok(unsent_answer(expired_text(app, &session)?, text)),
        Live::None => match resent_last_answer(app, caller, text)? {
            Some(reply) => Ok(reply),
            None => Ok(unsent_answer(NO_SESSION.into(), text)),
        },
    }
}

/// The slash command names no question, so an answer sent again — because its reply never
/// arrived (the bot restarted, the interaction failed) — would be recorded against the *next*
/// question. When the text is exactly the answer just recorded for the previous question, it is
/// taken as that resend: nothing is recorded, and the feedback the user missed is shown again.
fn resent_answer(app: &App, session: &SessionRecord, text: &str) -> Result<Option<Reply>> {
    let Some(previous) = session.position.checked_sub(1) else {
        return Ok(None);
    };
    let turns = app.store.turns(session.id)?;
    let Some(turn) = turns
        .iter()
        .find(|t| t.position == previous && t.answer.as_deref() == Some(text))
    else {
        return Ok(None);
    };
    let (mut embeds, buttons) = current_question(app, session)?;
    if let Some(feedback) = recorded_feedback(app, session, turn, text) {
        embeds.insert(0, feedback);
    }
    Ok(Some(feedback::notice_with(
        format!(
            "You sent this same answer for question {} and it was already recorded (its feedback is below), so it was not recorded again for question {}. \
             To give question {} the same answer, change it a little and send it again.",
            previous + 1,
            session.position + 1,
            session.position + 1
        ),
        embeds,
        buttons,
    )))
}

/// Like `resent_answer`, when that answer was the last of the caller's latest interview: the
/// summary the user missed, nothing recorded.
fn resent_last_answer(app: &App, caller: &Caller, text: &str) -> Result<Option<Reply>> {
    let channel = channel_key(caller);
    let Some(session) = app
        .store
        .user_sessions(&caller.user_id)?
        .into_iter()
        .rev()
        .find(|s| s.channel_id == channel)
    else {
        return Ok(None);
    };
    if session.status != SessionStatus::Ended || session.position < session.plan.len() {
        return Ok(None);
    }
    let turns = app.store.turns(session.id)?;
    let Some(turn) = turns
        .last()
        .filter(|t| t.position + 1 == session.plan.len() && t.answer.as_deref() == Some(text))
    else {
        return Ok(None);
    };
    let lib = app.library();
    let Ok((_, bank)) = session_role(&lib, &session) else {
        return Ok(None);
    };
    let summary = history::summarize(&turns, session.plan.len(), &bank.questions);
    let mut embeds: Vec<Embed> = recorded_feedback(app, &session, turn, text)
        .into_iter()
        .collect();
    embeds.push(feedback::summary_embed(&summary));
    Ok(Some(feedback::notice_with(
        "You sent this same answer for the last question and it was already recorded, so it was not recorded again. \
         That interview is finished; its summary is below. Start a new one with `/interview start`.",
        embeds,
        Vec::new(),
    )))
}

/// The feedback of a recorded answer, scored again (scoring is pure, so it is what was shown).
fn recorded_feedback(
    app: &App,
    session: &SessionRecord,
    turn: &TurnRecord,
    text: &str,
) -> Option<Embed> {
    let lib = app.library();
    let (role, bank) = session_role(&lib, session).ok()?;
    let question = find_question(bank, &turn.question_id)?;
    let assessment = scoring_bank(&lib, role, bank).assess(&question.id, text)?;
    Some(feedback::feedback_embed(
        role,
        question,
        &assessment,
        turn.position,
        session.plan.len(),
        turn.hints_used,
    ))
}

/// A refusal that hands the user's answer back, so nothing they wrote is lost.
fn unsent_answer(message: String, text: &str) -> Reply {
    feedback::notice_with(
        message,
        vec![Embed::new("Your answer (not recorded)")
            .description(truncate_chars(&escape_user_text(text), 4000))],
        Vec::new(),
    )
}

/// Scores and records an answer to the question at `position`.
fn answer_at(app: &App, session: SessionRecord, position: usize, text: &str) -> Result<Reply> {
    let lib = app.library();
    let (role, bank) = session_role(&lib, &session)?;
    let question = question_at(bank, &session, position)?;
    let scoring = scoring_bank(&lib, role, bank);
    let assessment = scoring
        .assess(&question.id, text)
        .ok_or_else(|| Error::Usage(format!("Question `{}` cannot be scored.", question.id)))?;
    if assessment.verdict == Verdict::Empty {
        return Err(Error::Usage(
            "Your answer has no words in it. Write what you would say to the interviewer, then send it again — your question is still waiting."
                .into(),
        ));
    }
    let names = |indexes: &[usize]| -> Vec<String> {
        indexes
            .iter()
            .filter_map(|i| question.points.get(*i))
            .map(|p| p.point.clone())
            .collect()
    };
    let hints_used = session.hints_shown.min(question.hints.len() as u32);
    let turn = TurnRecord {
        session_id: session.id,
        position,
        question_id: question.id.clone(),
        kind: question.kind.as_str().to_string(),
        outcome: TurnOutcome::Answered,
        score: Some(assessment.score),
        answer: Some(text.to_string()),
        covered: names(&assessment.covered),
        missed: names(&assessment.missed),
        hints_used,
        at: app.clock.now(),
    };
    let feedback_embed = feedback::feedback_embed(
        role,
        question,
        &assessment,
        position,
        session.plan.len(),
        hints_used,
    );
    match app.store.record_turn(&turn)? {
        Recorded::Recorded { finished } => {
            // Crash-safety tests kill the process here: the answer is committed, no reply sent.
            crate::fault::after_answer_stored();
            after_turn(app, &session, finished, feedback_embed, bank)
        }
        Recorded::AlreadyAnswered => already_answered(app, session.id),
        Recorded::NotActive => Err(Error::Usage(
            "This interview has already ended, so the answer was not recorded. Start a new one with `/interview start`."
                .into(),
        )),
    }
}

/// After a recorded turn: the next question, or the summary when that was the last one.
fn after_turn(
    app: &App,
    session: &SessionRecord,
    finished: bool,
    first: Embed,
    bank: &Bank,
) -> Result<Reply> {
    if finished {
        let turns = app.store.turns(session.id)?;
        let summary = history::summarize(&turns, session.plan.len(), &bank.questions);
        return Ok(feedback::message(
            vec![first, feedback::summary_embed(&summary)],
            Vec::new(),
        ));
    }
    let updated = app
        .store
        .session(session.id)?
        .unwrap_or_else(|| session.clone());
    let (next, buttons) = current_question(app, &updated)?;
    let mut embeds = vec![first];
    embeds.extend(next);
    Ok(feedback::message(embeds, buttons))
}

fn already_answered(app: &App, session_id: i64) -> Result<Reply> {
    let Some(session) = app.store.session(session_id)? else {
        return Err(Error::Usage(NO_SESSION.into()));
    };
    if session.status != SessionStatus::Active {
        return Err(Error::Usage(
            "That question was already answered and this interview has ended. See `/interview stats`, or start a new one with `/interview start`."
                .into(),
        ));
    }
    let (embeds, buttons) = current_question(app, &session)?;
    Ok(feedback::notice_with(
        format!(
            "That question was already answered, so this answer was not recorded. You are on question {} of {} now:",
            session.position + 1,
            session.plan.len()
        ),
        embeds,
        buttons,
    ))
}

pub fn hint(app: &App, caller: &Caller) -> Result<Reply> {
    let session = require_live(app, caller)?;
    let position = session.position;
    hint_at(app, &session, position)
}

fn hint_at(app: &App, session: &SessionRecord, position: usize) -> Result<Reply> {
    let lib = app.library();
    let (_, bank) = session_role(&lib, session)?;
    let question = question_at(bank, session, position)?;
    let Some(shown) = app
        .store
        .record_hint(session.id, position, app.clock.now())?
    else {
        return already_answered(app, session.id);
    };
    let total = question.hints.len();
    let text = match question.hints.get(shown as usize - 1) {
        Some(hint) => format!(
            "**Hint {shown} of {total}** for question {}: {}",
            position + 1,
            feedback::escape_light(hint)
        ),
        None => format!(
            "That was the last hint for this question ({total} of {total}). Answer as best you can, or skip it to see the model outline."
        ),
    };
    Ok(feedback::notice_with(
        text,
        Vec::new(),
        feedback::question_buttons(session.id, &session.user_id, position),
    ))
}

pub fn skip(app: &App, caller: &Caller) -> Result<Reply> {
    let session = require_live(app, caller)?;
    let position = session.position;
    skip_at(app, session, position)
}

fn skip_at(app: &App, session: SessionRecord, position: usize) -> Result<Reply> {
    let lib = app.library();
    let (role, bank) = session_role(&lib, &session)?;
    let Some(question_id) = session.plan.get(position).cloned() else {
        return already_answered(app, session.id);
    };
    // A question the bank lost can still be skipped, so the session can move on.
    let question = find_question(bank, &question_id);
    let turn = TurnRecord {
        session_id: session.id,
        position,
        question_id: question_id.clone(),
        kind: question
            .map(|q| q.kind.as_str().to_string())
            .unwrap_or_default(),
        outcome: TurnOutcome::Skipped,
        score: None,
        answer: None,
        covered: Vec::new(),
        missed: question
            .map(|q| q.points.iter().map(|p| p.point.clone()).collect())
            .unwrap_or_default(),
        hints_used: session.hints_shown,
        at: app.clock.now(),
    };
    let first = match question {
        Some(question) => feedback::skipped_embed(role, question, position, session.plan.len()),
        None => Embed::new(format!(
            "Skipped question {} of {}",
            position + 1,
            session.plan.len()
        ))
        .description(format!(
            "Question `{question_id}` is no longer in the bank."
        )),
    };
    match app.store.record_turn(&turn)? {
        Recorded::Recorded { finished } => after_turn(app, &session, finished, first, bank),
        Recorded::AlreadyAnswered => already_answered(app, session.id),
        Recorded::NotActive => Err(Error::Usage(
            "This interview has already ended. Start a new one with `/interview start`.".into(),
        )),
    }
}

pub fn repeat(app: &App, caller: &Caller) -> Result<Reply> {
    let session = require_live(app, caller)?;
    show_current(app, &session)
}

fn show_current(app: &App, session: &SessionRecord) -> Result<Reply> {
    app.store.touch(session.id, app.clock.now())?;
    let (embeds, buttons) = current_question(app, session)?;
    Ok(feedback::message(embeds, buttons))
}

pub fn end(app: &App, caller: &Caller) -> Result<Reply> {
    let session = require_live(app, caller)?;
    end_session(app, &session)
}

fn end_session(app: &App, session: &SessionRecord) -> Result<Reply> {
    if !app.store.end_session(session.id, app.clock.now())? {
        return Err(Error::Usage(
            "This interview has already ended. See `/interview stats`.".into(),
        ));
    }
    let turns = app.store.turns(session.id)?;
    if turns.is_empty() {
        return Ok(Reply::notice(
            "Interview ended before any question was answered, so there is nothing to score. Start again with `/interview start`.",
        ));
    }
    let lib = app.library();
    let questions: &[QuestionFile] = match session_role(&lib, session) {
        Ok((_, bank)) => &bank.questions,
        Err(_) => &[],
    };
    let summary = history::summarize(&turns, session.plan.len(), questions);
    Ok(feedback::message(
        vec![feedback::summary_embed(&summary)],
        Vec::new(),
    ))
}

pub fn stats(app: &App, caller: &Caller) -> Result<Reply> {
    // An idle session is closed first, so the history shows it as expired.
    let _ = live(app, caller)?;
    let sessions = app.store.user_sessions(&caller.user_id)?;
    let turns = app.store.user_turns(&caller.user_id)?;
    let stats = history::stats(&sessions, &turns);
    Ok(feedback::message(
        vec![feedback::stats_embed(&stats)],
        Vec::new(),
    ))
}

/// Loads the session a button or form refers to, checking it belongs to the caller and is live.
fn session_for_id(app: &App, caller: &Caller, parsed: &ParsedId) -> Result<SessionRecord> {
    if parsed.owner != caller.user_id {
        return Err(Error::Usage(NOT_YOURS.into()));
    }
    let Some(session) = app.store.session(parsed.session)? else {
        return Err(Error::Usage(
            "That interview doesn't exist any more. Start a new one with `/interview start`."
                .into(),
        ));
    };
    if session.user_id != caller.user_id {
        return Err(Error::Usage(NOT_YOURS.into()));
    }
    match session.status {
        SessionStatus::Ended => {
            return Err(Error::Usage(
                "That interview has ended, so its buttons no longer work. See `/interview stats`, or start a new one with `/interview start`."
                    .into(),
            ))
        }
        SessionStatus::Expired => {
            return Err(Error::Usage(
                "That interview expired, so its buttons no longer work. Its answers are kept in `/interview stats`; start a new one with `/interview start`."
                    .into(),
            ))
        }
        SessionStatus::Active => {}
    }
    match check_idle(app, session)? {
        Live::Active(session) => Ok(session),
        Live::Expired(session) => Err(Error::Usage(expired_text(app, &session)?)),
        Live::None => Err(Error::Usage(NO_SESSION.into())),
    }
}

/// The position a stale-checked button acts on.
fn position_for(
    app: &App,
    session: &SessionRecord,
    parsed: &ParsedId,
) -> Result<std::result::Result<usize, Reply>> {
    match parsed.position {
        None => Ok(Ok(session.position)),
        Some(p) if p == session.position => Ok(Ok(p)),
        Some(p) if p < session.position => Ok(Err(already_answered(app, session.id)?)),
        Some(_) => Err(Error::Usage(BAD_ID.into())),
    }
}

pub fn component(app: &App, caller: &Caller, custom_id: &str) -> Result<Reply> {
    let parsed = parse_custom_id(custom_id).ok_or_else(|| Error::Usage(BAD_ID.into()))?;
    if !matches!(
        parsed.action.as_str(),
        "answer" | "hint" | "skip" | "end" | "resume"
    ) {
        return Err(Error::Usage(BAD_ID.into()));
    }
    let session = session_for_id(app, caller, &parsed)?;
    match parsed.action.as_str() {
        "end" => end_session(app, &session),
        "resume" => show_current(app, &session),
        action => {
            let position = match position_for(app, &session, &parsed)? {
                Ok(position) => position,
                Err(stale) => return Ok(stale),
            };
            match action {
                "answer" => {
                    let lib = app.library();
                    let (_, bank) = session_role(&lib, &session)?;
                    let question = question_at(bank, &session, position)?;
                    feedback::answer_modal(
                        session.id,
                        &session.user_id,
                        position,
                        session.plan.len(),
                        &question.prompt,
                    )
                    .ok_or_else(|| Error::Usage("Answer with `/interview answer text:…`.".into()))
                }
                "hint" => hint_at(app, &session, position),
                _ => skip_at(app, session, position),
            }
        }
    }
}

pub fn modal_submit(
    app: &App,
    caller: &Caller,
    custom_id: &str,
    fields: &[(String, String)],
) -> Result<Reply> {
    let parsed = parse_custom_id(custom_id)
        .filter(|p| p.action == "modal")
        .ok_or_else(|| Error::Usage(BAD_ID.into()))?;
    let text = fields
        .iter()
        .find(|(name, _)| name == "answer")
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| {
            Error::Usage("The form arrived without its `answer` field, so nothing was recorded. Try the Answer button again.".into())
        })?;
    let text = validate_answer(text)?;
    let session = match session_for_id(app, caller, &parsed) {
        Ok(session) => session,
        Err(Error::Usage(message)) if parsed.owner == caller.user_id => {
            return Ok(unsent_answer(message, text))
        }
        Err(error) => return Err(error),
    };
    let position = match position_for(app, &session, &parsed)? {
        Ok(position) => position,
        Err(stale) => return Ok(stale),
    };
    answer_at(app, session, position, text)
}

#[cfg(test)]
mod tests;
