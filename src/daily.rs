//! The daily question, opt-in per server (`/admin daily channel:… time:HH:MM timezone:…`): one
//! interview question a day in a channel, with a thread for discussion and an Answer button.
//! Answers are scored privately (the same scorer as `/interview`), make streaks, and feed a
//! per-server leaderboard that members join with `/interview leaderboard join`.
//!
//! Posting is split so the core stays transport-free: `due` (here) decides, from the `Clock` and
//! the store, which servers' posts are due and claims each one with an insert-once row per
//! server and local day (`Store::claim_daily_post`), so several processes sharing a database post
//! it once and a restart never posts it twice; the gateway adapter sends what `due` returns.
//! A post whose claim succeeded but whose sending failed is not retried that day (at most once).
//!
//! Time zones are fixed UTC offsets (`UTC`, `UTC+02:00`, `-05:30`): no tz database is bundled,
//! so named zones with daylight saving are refused with that explanation.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::app::{App, Caller};
use crate::commands::InterviewCommand;
use crate::error::{Error, Result};
use crate::interview::session::assess_once;
use crate::reply::{
    colors, truncate_chars, Button, ButtonStyle, Embed, Message, Modal, Reply, TextInput,
};
use crate::store::{DailyAnswer, DailyPost, DailySchedule};

/// Custom ids of the daily question's button and form: `daily:<action>:<guild>:<day>`.
pub const CUSTOM_ID_PREFIX: &str = "daily";
/// A post is made from its time until this many minutes later (a process down at the time
/// catches up when it starts within the window; later, that day is skipped).
pub const CATCH_UP_MINUTES: i64 = 6 * 60;
/// How many members the leaderboard shows.
const LEADERBOARD_SHOWN: usize = 20;

/// `HH:MM` (24-hour) as minutes after midnight.
pub fn parse_time(text: &str) -> Result<u32> {
    let bad = || {
        Error::Usage(format!(
            "`time` must be HH:MM on a 24-hour clock, such as 09:30 or 18:00 (got {:?}).",
            truncate_chars(text.trim(), 20)
        ))
    };
    let (hours, minutes) = text.trim().split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || minutes.len() != 2 || !digits(minutes) {
        return Err(bad());
    }
    let (hours, minutes): (u32, u32) = (
        hours.parse().map_err(|_| bad())?,
        minutes.parse().map_err(|_| bad())?,
    );
    if hours > 23 || minutes > 59 {
        return Err(bad());
    }
    Ok(hours * 60 + minutes)
}

/// `UTC`, `GMT`, `UTC+2`, `UTC-05:30`, `+02:00`: the offset from UTC in minutes.
pub fn parse_timezone(text: &str) -> Result<i32> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper)
        .trim();
    if rest.is_empty() && !upper.is_empty() {
        return Ok(0);
    }
    let named = || {
        Error::Usage(format!(
            "`timezone` must be UTC or an offset from it, such as UTC+02:00 or -05:30 (got {:?}). \
             Named zones such as Europe/Paris are not supported: use the offset in effect.",
            truncate_chars(trimmed, 30)
        ))
    };
    let (sign, number) = match rest.as_bytes().first() {
        Some(b'+') => (1, &rest[1..]),
        Some(b'-') => (-1, &rest[1..]),
        _ => return Err(named()),
    };
    let (hours, minutes) = number.split_once(':').unwrap_or((number, "0"));
    let hours: i32 = hours.parse().map_err(|_| named())?;
    let minutes: i32 = minutes.parse().map_err(|_| named())?;
    if !(0..=14).contains(&hours) || !(0..60).contains(&minutes) {
        return Err(named());
    }
    Ok(sign * (hours * 60 + minutes))
}

/// The local day number (days since 1970-01-01 at the offset) and minute of that day.
pub fn local_time(now: i64, offset_minutes: i32) -> (i64, i64) {
    let local = now + i64::from(offset_minutes) * 60;
    (local.div_euclid(86_400), local.rem_euclid(86_400) / 60)
}

fn offset_text(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    format!("UTC{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
}

/// `/admin daily`: sets (or replaces) the server's schedule.
pub fn configure(
    app: &App,
    guild: &str,
    channel_id: &str,
    time: &str,
    timezone: Option<&str>,
) -> Result<Reply> {
    let minute = parse_time(time)?;
    let offset = match timezone {
        Some(text) => parse_timezone(text)?,
        None => 0,
    };
    if all_questions(app).is_empty() {
        return Err(Error::Usage(
            "The content has no interview questions, so there is nothing to post.".into(),
        ));
    }
    app.store.set_daily(&DailySchedule {
        guild_id: guild.to_string(),
        channel_id: channel_id.to_string(),
        minute,
        timezone: offset_text(offset),
        offset_minutes: offset,
    })?;
    Ok(Reply::notice(format!(
        "The daily question will be posted in <#{channel_id}> at {:02}:{:02} ({}) every day, with a \
         thread and an Answer button; answers are scored privately. Nobody is pinged. Stop it with \
         `/admin daily-off`.",
        minute / 60,
        minute % 60,
        offset_text(offset)
    )))
}

/// `/admin daily-off`.
pub fn stop(app: &App, guild: &str) -> Result<Reply> {
    if app.store.remove_daily(guild)? {
        Ok(Reply::notice(
            "The daily question is stopped for this server.",
        ))
    } else {
        Err(Error::Usage(
            "This server has no daily question. Start one with `/admin daily channel:… time:HH:MM`."
                .into(),
        ))
    }
}

/// Every bank question, as (question id, prompt), in a stable order.
fn all_questions(app: &App) -> Vec<(String, String)> {
    let lib = app.library();
    let mut questions: Vec<(String, String)> = lib
        .catalog
        .roles
        .iter()
        .filter_map(|r| r.bank.as_ref())
        .flat_map(|b| b.questions.iter().map(|q| (q.id.clone(), q.prompt.clone())))
        .collect();
    questions.sort();
    questions
}

/// The question of a server's day: chosen from the bank by a stable hash of both, so every
/// process that might claim the post would choose the same one.
fn question_for(app: &App, guild: &str, day: i64) -> Option<(String, String)> {
    let questions = all_questions(app);
    if questions.is_empty() {
        return None;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (guild, day).hash(&mut hasher);
    let index = (hasher.finish() % questions.len() as u64) as usize;
    questions.into_iter().nth(index)
}

/// A post to send now.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub guild_id: String,
    pub channel_id: String,
    pub day: i64,
    /// The message: the question and its Answer button.
    pub message: Reply,
    /// The name of the thread started from it.
    pub thread_name: String,
}

/// The posts due now, each claimed for this caller only (see the module notes).
pub fn due(app: &App) -> Result<Vec<Due>> {
    let now = app.clock.now();
    let mut out = Vec::new();
    for schedule in app.store.daily_schedules()? {
        let (day, minute) = local_time(now, schedule.offset_minutes);
        let since = minute - i64::from(schedule.minute);
        if !(0..CATCH_UP_MINUTES).contains(&since) {
            continue;
        }
        let Some((question_id, prompt)) = question_for(app, &schedule.guild_id, day) else {
            continue;
        };
        let claimed = app.store.claim_daily_post(&DailyPost {
            guild_id: schedule.guild_id.clone(),
            day,
            question_id,
            channel_id: schedule.channel_id.clone(),
            message_id: None,
            posted_at: now,
        })?;
        if !claimed {
            continue;
        }
        let date = crate::content::dates::Date::from_days(day);
        out.push(Due {
            message: post_message(&schedule.guild_id, day, &prompt, &date.to_string()),
            thread_name: format!("Daily question {date}"),
            guild_id: schedule.guild_id,
            channel_id: schedule.channel_id,
            day,
        });
    }
    Ok(out)
}

fn custom_id(action: &str, guild: &str, day: i64) -> String {
    format!("{CUSTOM_ID_PREFIX}:{action}:{guild}:{day}")
}

fn parse_custom_id(id: &str) -> Option<(&str, &str, i64)> {
    let mut parts = id.split(':');
    if parts.next()? != CUSTOM_ID_PREFIX {
        return None;
    }
    let action = parts.next()?;
    let guild = parts.next().filter(|g| !g.is_empty())?;
    let day = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((action, guild, day))
}

fn post_message(guild: &str, day: i64, prompt: &str, date: &str) -> Reply {
    let embed = Embed::new(format!("Daily interview question — {date}"))
        .description(format!(
            "**{}**\n\nPress **Answer** to answer privately: you get your score and feedback, \
             and your streak grows. Discuss in the thread.",
            crate::interview::feedback::escape_light(prompt)
        ))
        .footer("From careerbot's authored interview bank · /interview leaderboard join to appear on the leaderboard")
        .color(colors::INTERVIEW);
    Reply::Message(Message {
        embeds: vec![embed],
        buttons: vec![vec![Button {
            custom_id: custom_id("answer", guild, day),
            label: "Answer".into(),
            style: ButtonStyle::Primary,
            disabled: false,
        }]],
        ..Message::default()
    })
}

/// The post a button or form refers to, in the caller's server.
fn post_for(app: &App, caller: &Caller, guild: &str, day: i64) -> Result<DailyPost> {
    if caller.guild_id.as_deref() != Some(guild) {
        return Err(Error::Usage(
            "That daily question belongs to another server.".into(),
        ));
    }
    app.store
        .daily_post(guild, day)?
        .ok_or_else(|| Error::Usage("That daily question is no longer available.".into()))
}

/// The Answer button: the answer form.
pub fn component(app: &App, caller: &Caller, custom_id_text: &str) -> Result<Reply> {
    let Some(("answer", guild, day)) = parse_custom_id(custom_id_text) else {
        return Err(Error::Usage("That button is no longer active.".into()));
    };
    let post = post_for(app, caller, guild, day)?;
    let prompt = all_questions(app)
        .into_iter()
        .find(|(id, _)| *id == post.question_id)
        .map(|(_, prompt)| prompt)
        .unwrap_or_default();
    Ok(Reply::Modal(Modal {
        custom_id: custom_id("modal", guild, day),
        title: "Answer the daily question".into(),
        inputs: vec![TextInput {
            custom_id: "answer".into(),
            label: "Your answer".into(),
            paragraph: true,
            min_length: 1,
            max_length: crate::commands::spec::ANSWER_MAX,
            required: true,
            placeholder: Some(truncate_chars(&prompt, 100)),
        }],
    }))
}

/// The answer form: scored privately, recorded once per member and day, streak shown.
pub fn modal_submit(
    app: &App,
    caller: &Caller,
    custom_id_text: &str,
    fields: &[(String, String)],
) -> Result<Reply> {
    let Some(("modal", guild, day)) = parse_custom_id(custom_id_text) else {
        return Err(Error::Usage("That form is no longer active.".into()));
    };
    let post = post_for(app, caller, guild, day)?;
    let text = fields
        .iter()
        .find(|(name, _)| name == "answer")
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| Error::Usage("The form arrived without its answer; try again.".into()))?;
    let (embed, score) = assess_once(&app.library(), &post.question_id, text)?;
    let recorded = app.store.record_daily_answer(&DailyAnswer {
        guild_id: guild.to_string(),
        day,
        user_id: caller.user_id.clone(),
        score,
        at: app.clock.now(),
    })?;
    let answers = app.store.daily_answers(guild, Some(&caller.user_id))?;
    let days: Vec<i64> = answers.iter().map(|a| a.day).collect();
    let streak = streak(&days, day);
    let content = if recorded {
        format!(
            "Recorded. Your streak: {streak} day{}.",
            if streak == 1 { "" } else { "s" }
        )
    } else {
        "You already answered this day's question; your first answer counts. Here is how this one would score."
            .to_string()
    };
    Ok(Reply::Message(Message {
        content: Some(content),
        embeds: vec![embed],
        ephemeral: true,
        ..Message::default()
    }))
}

/// Consecutive days answered, ending on `today` (or the day before, when today is still open).
pub fn streak(days: &[i64], today: i64) -> u32 {
    let set: std::collections::BTreeSet<i64> = days.iter().copied().collect();
    let mut day = if set.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut count = 0;
    while set.contains(&day) {
        count += 1;
        day -= 1;
    }
    count
}

/// `/interview leaderboard show | join | leave`.
pub fn leaderboard(app: &App, caller: &Caller, command: InterviewCommand) -> Result<Reply> {
    let Some(guild) = caller.guild_id.as_deref() else {
        return Err(Error::Usage(
            "The leaderboard belongs to a server's daily question: use it in a server.".into(),
        ));
    };
    match command {
        InterviewCommand::LeaderboardJoin => {
            app.store.set_leaderboard(guild, &caller.user_id, true)?;
            Ok(Reply::notice(
                "You are on this server's leaderboard: your daily-question streak and average score show in `/interview leaderboard show`. Leave with `/interview leaderboard leave`.",
            ))
        }
        InterviewCommand::LeaderboardLeave => {
            app.store.set_leaderboard(guild, &caller.user_id, false)?;
            Ok(Reply::notice(
                "You are off this server's leaderboard. Your answers still count for your own streak.",
            ))
        }
        _ => leaderboard_show(app, guild),
    }
}

fn leaderboard_show(app: &App, guild: &str) -> Result<Reply> {
    let members = app.store.leaderboard_members(guild)?;
    if members.is_empty() {
        return Ok(Reply::notice(
            "Nobody has joined this server's leaderboard yet. Join with `/interview leaderboard join`.",
        ));
    }
    let offset = app
        .store
        .daily_schedules()?
        .into_iter()
        .find(|s| s.guild_id == guild)
        .map_or(0, |s| s.offset_minutes);
    let (today, _) = local_time(app.clock.now(), offset);
    let mut by_user: BTreeMap<String, Vec<DailyAnswer>> = BTreeMap::new();
    for answer in app.store.daily_answers(guild, None)? {
        by_user
            .entry(answer.user_id.clone())
            .or_default()
            .push(answer);
    }
    let mut rows: Vec<(u32, usize, u32, String)> = members
        .into_iter()
        .map(|user| {
            let answers = by_user.remove(&user).unwrap_or_default();
            let days: Vec<i64> = answers.iter().map(|a| a.day).collect();
            let average = if answers.is_empty() {
                0
            } else {
                answers.iter().map(|a| u32::from(a.score)).sum::<u32>() / answers.len() as u32
            };
            (streak(&days, today), answers.len(), average, user)
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let lines: Vec<String> = rows
        .iter()
        .take(LEADERBOARD_SHOWN)
        .enumerate()
        .map(|(i, (streak, answered, average, user))| {
            // A mention in an embed names the member without notifying anyone.
            format!(
                "{}. <@{user}> — streak {streak}, {answered} answered, average {average}/100",
                i + 1
            )
        })
        .collect();
    Ok(Reply::embed(
        Embed::new("Daily question leaderboard")
            .description(lines.join("\n"))
            .footer("Only members who joined are shown · /interview leaderboard join")
            .color(colors::INTERVIEW),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_zones_are_read_or_refused_clearly() {
        assert_eq!(parse_time("09:30").unwrap(), 570);
        assert_eq!(parse_time("0:05").unwrap(), 5);
        for bad in ["24:00", "9", "09:5", "nine", "12:60", ""] {
            assert!(matches!(parse_time(bad), Err(Error::Usage(_))), "{bad}");
        }
        let zones = [
            ("UTC", 0),
            ("gmt", 0),
            ("UTC+2", 120),
            ("UTC-05:30", -330),
            ("+02:00", 120),
        ];
        for (text, offset) in zones {
            assert_eq!(parse_timezone(text).unwrap(), offset, "{text}");
        }
        for bad in ["Europe/Paris", "UTC+15", "+1:75", "", "PST"] {
            assert!(matches!(parse_timezone(bad), Err(Error::Usage(_))), "{bad}");
        }
    }

    #[test]
    fn streaks_count_consecutive_days_up_to_today() {
        assert_eq!(streak(&[1, 2, 3], 3), 3);
        assert_eq!(streak(&[1, 2, 3], 4), 3, "today still open");
        assert_eq!(streak(&[1, 2, 3], 5), 0, "a day was missed");
        assert_eq!(streak(&[1, 3, 4], 4), 2);
        assert_eq!(streak(&[], 4), 0);
    }

    #[test]
    fn local_days_follow_the_offset() {
        // 2026-01-01 00:30 UTC is still 2025-12-31 at UTC-01:00.
        let now = 1_767_225_600 + 30 * 60;
        assert_eq!(local_time(now, 0), (20_454, 30));
        assert_eq!(local_time(now, -60), (20_453, 23 * 60 + 30));
    }
}
