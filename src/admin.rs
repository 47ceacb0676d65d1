//! `/admin`: what a server's staff manage. Every subcommand is checked here, server-side, from
//! the member's permissions in Discord's own payload (`Caller::permissions`): registration's
//! `default_member_permissions` only hides the command in the client, it does not enforce it.
//!
//! - `gaps`: the questions members of this server asked that nothing answered, most asked first;
//! - `faq add / list / remove`: the server's own entries (see `guidance::staff`);
//! - `reload`: content reloaded without a restart (see `App::reload`);
//! - `daily` / `daily-off`: the daily question (see `daily`).

use crate::app::{App, Caller};
use crate::commands::spec::{STAFF_ANSWER_MAX, STAFF_QUESTION_MAX};
use crate::commands::AdminCommand;
use crate::content::dates::Date;
use crate::daily;
use crate::error::{Error, Result};
use crate::guidance::staff;
use crate::reply::{colors, escape_user_text, truncate_chars, Embed, Message, Reply};
use crate::store::{Gap, StaffEntry};

/// How many entries one server may add: enough for a server's recurring questions, few enough
/// that matching them all on every question stays cheap.
pub const MAX_STAFF_ENTRIES: usize = 100;
/// How many gaps `/admin gaps` shows.
pub const GAPS_SHOWN: usize = 15;

/// Refuses `/admin` outside a server, and to a member without Manage Server.
pub fn authorize(caller: &Caller) -> Result<&str> {
    let Some(guild) = caller.guild_id.as_deref() else {
        return Err(Error::Usage(
            "`/admin` works only in a server, not in direct messages.".into(),
        ));
    };
    if !caller.manages_guild() {
        return Err(Error::Usage(
            "`/admin` is for this server's staff: it needs the Manage Server permission.".into(),
        ));
    }
    Ok(guild)
}

pub fn handle(app: &App, caller: &Caller, command: AdminCommand) -> Result<Reply> {
    let guild = authorize(caller)?;
    match command {
        AdminCommand::Gaps => Ok(gaps_reply(&app.store.gaps(Some(guild), GAPS_SHOWN)?)),
        AdminCommand::FaqAdd { question, answer } => faq_add(app, guild, &question, &answer),
        AdminCommand::FaqList => Ok(faq_list(&app.store.staff_entries(guild)?)),
        AdminCommand::FaqRemove { question } => faq_remove(app, guild, &question),
        AdminCommand::Reload => Ok(reload(app)),
        AdminCommand::Daily {
            channel_id,
            time,
            timezone,
        } => daily::configure(app, guild, &channel_id, &time, timezone.as_deref()),
        AdminCommand::DailyOff => daily::stop(app, guild),
    }
}

fn day_of(timestamp: i64) -> String {
    Date::from_days(timestamp.div_euclid(86_400)).to_string()
}

/// The gap report: one line per question, with its count and when it was asked.
pub fn gaps_reply(gaps: &[Gap]) -> Reply {
    if gaps.is_empty() {
        return Reply::notice(
            "No unanswered questions recorded in this server yet. Every `/faq` and `/ask` that \
             nothing answers is counted here (the question only, never who asked).",
        );
    }
    let lines: Vec<String> = gaps
        .iter()
        .enumerate()
        .map(|(i, gap)| {
            format!(
                "{}. “{}” — asked {} time{} (first {}, last {})",
                i + 1,
                escape_user_text(&truncate_chars(&gap.question, 120)),
                gap.count,
                if gap.count == 1 { "" } else { "s" },
                day_of(gap.first_at),
                day_of(gap.last_at)
            )
        })
        .collect();
    let embed = Embed::new("Questions nothing answered, most asked first")
        .description(lines.join("\n"))
        .footer("Answer one for this server with /admin faq add question:… answer:…")
        .color(colors::WARNING);
    Reply::Message(Message {
        embeds: vec![embed],
        ephemeral: true,
        ..Message::default()
    })
}

fn faq_add(app: &App, guild: &str, question: &str, answer: &str) -> Result<Reply> {
    let (question, answer) = (question.trim(), answer.trim());
    // The declaration bounds the lengths for Discord; checked again for any other caller.
    if question.chars().count() > usize::from(STAFF_QUESTION_MAX)
        || answer.chars().count() > usize::from(STAFF_ANSWER_MAX)
    {
        return Err(Error::Usage(format!(
            "Too long: a question is at most {STAFF_QUESTION_MAX} characters and an answer at most {STAFF_ANSWER_MAX}."
        )));
    }
    let key = staff::normalize(question);
    if key.is_empty() || answer.is_empty() {
        return Err(Error::Usage(
            "Both the question and the answer need words (not only punctuation or emoji).".into(),
        ));
    }
    let existing = app.store.staff_entries(guild)?;
    if existing.len() >= MAX_STAFF_ENTRIES {
        return Err(Error::Usage(format!(
            "This server has {MAX_STAFF_ENTRIES} entries, the most it can have. Remove one with `/admin faq remove` first."
        )));
    }
    let entry = StaffEntry {
        guild_id: guild.to_string(),
        key,
        question: question.to_string(),
        answer: answer.to_string(),
        added_at: app.clock.now(),
    };
    if !app.store.add_staff_entry(&entry)? {
        return Err(Error::Usage(format!(
            "This server already has an entry for “{}”. Remove it first with `/admin faq remove question:…` to change it.",
            escape_user_text(question)
        )));
    }
    Ok(Reply::notice(format!(
        "Added. In this server, `/faq` now answers “{}” with your answer, cited as added by this server's staff.",
        escape_user_text(question)
    )))
}

fn faq_list(entries: &[StaffEntry]) -> Reply {
    if entries.is_empty() {
        return Reply::notice(
            "This server has no entries of its own. Add one with `/admin faq add question:… answer:…`.",
        );
    }
    let mut embed = Embed::new(format!("This server's FAQ entries ({})", entries.len()))
        .footer("Added by this server's staff")
        .color(colors::ANSWER);
    for entry in entries.iter().take(25) {
        embed = embed.field(
            truncate_chars(&escape_user_text(&entry.question), 256),
            truncate_chars(&escape_user_text(&entry.answer), 300),
            false,
        );
    }
    if entries.len() > 25 {
        embed = embed.description(format!("The first 25 of {} are shown.", entries.len()));
    }
    Reply::Message(Message {
        embeds: vec![embed],
        ephemeral: true,
        ..Message::default()
    })
}

fn faq_remove(app: &App, guild: &str, question: &str) -> Result<Reply> {
    let key = staff::normalize(question);
    if !key.is_empty() && app.store.remove_staff_entry(guild, &key)? {
        return Ok(Reply::notice(format!(
            "Removed “{}” from this server's entries.",
            escape_user_text(question.trim())
        )));
    }
    Err(Error::Usage(format!(
        "This server has no entry “{}”. See them with `/admin faq list`.",
        escape_user_text(&truncate_chars(question.trim(), 100))
    )))
}

/// Reloads the content; on failure the report, and the old content keeps being served.
fn reload(app: &App) -> Reply {
    let before = app.library().catalog.fingerprint;
    match app.reload() {
        Ok(library) => {
            let guides: usize = library.catalog.roles.iter().map(|r| r.guides.len()).sum();
            let changed = if library.catalog.fingerprint == before {
                "unchanged"
            } else {
                "changed"
            };
            Reply::notice(format!(
                "Reloaded content/ ({changed}): {} role(s), {guides} guide(s), {} passages indexed. New questions use it now.",
                library.catalog.roles.len(),
                library.search.len()
            ))
        }
        Err(error) => {
            tracing::warn!(%error, "reload failed; serving the previous content");
            // The report names content files and their problems; for staff only (ephemeral).
            let report = truncate_chars(&error.to_string().replace("```", "'''"), 1800);
            Reply::notice(format!(
                "Reload failed, so careerbot keeps serving the previous content. Fix this and reload again:\n```\n{report}\n```"
            ))
        }
    }
}
