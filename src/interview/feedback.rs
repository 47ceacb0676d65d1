//! Rendering interview replies: the question, the feedback on an answer (score and how it adds
//! up, points covered and missed with why they matter, the STAR or structure check, length notes,
//! the model outline), summaries, practice history, and the buttons and modal that drive a
//! session. Every interview reply is ephemeral: feedback is personal.

use crate::commands::spec::ANSWER_MAX;
use crate::content::model::{QuestionFile, QuestionKind};
use crate::content::Role;
use crate::reply::{
    colors, escape_user_text, truncate_chars, Button, ButtonStyle, Embed, Message, Modal, Reply,
    TextInput,
};

use super::choose::Why;
use super::history::{date, Stats, Summary};
use super::score::{
    Assessment, Cap, EvidenceKind, FlagEvidence, GibberishReason, LengthNote, Ownership, Structure,
    Verdict,
};
use super::session::custom_id;

/// Discord's limit on a field value.
const FIELD_MAX: usize = 1024;

/// Content text may contain characters Discord reads as markdown.
pub fn escape_light(text: &str) -> String {
    text.replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
}

/// An ephemeral message of embeds and buttons.
pub fn message(embeds: Vec<Embed>, buttons: Vec<Vec<Button>>) -> Reply {
    Reply::Message(Message {
        embeds,
        buttons,
        ephemeral: true,
        ..Message::default()
    })
}

/// An ephemeral text with embeds (a notice that also shows where the user stands).
pub fn notice_with(
    text: impl Into<String>,
    embeds: Vec<Embed>,
    buttons: Vec<Vec<Button>>,
) -> Reply {
    Reply::Message(Message {
        content: Some(text.into()),
        embeds,
        buttons,
        ephemeral: true,
        ..Message::default()
    })
}

fn button(
    action: &str,
    label: &str,
    style: ButtonStyle,
    session: i64,
    owner: &str,
    position: usize,
) -> Option<Button> {
    Some(Button {
        custom_id: custom_id(action, session, owner, Some(position))?,
        label: label.into(),
        style,
        disabled: false,
    })
}

/// Answer, Hint, Skip, End for the question at `position`. None when the ids would not fit
/// Discord's limit (an unusually long console user name): the slash commands still work.
pub fn question_buttons(session: i64, owner: &str, position: usize) -> Vec<Vec<Button>> {
    let row: Option<Vec<Button>> = [
        ("answer", "Answer", ButtonStyle::Primary),
        ("hint", "Hint", ButtonStyle::Secondary),
        ("skip", "Skip", ButtonStyle::Secondary),
        ("end", "End interview", ButtonStyle::Danger),
    ]
    .into_iter()
    .map(|(action, label, style)| button(action, label, style, session, owner, position))
    .collect();
    row.map(|row| vec![row]).unwrap_or_default()
}

/// Resume and End, for a user who already has an interview going.
pub fn resume_buttons(session: i64, owner: &str, position: usize) -> Vec<Vec<Button>> {
    let row: Option<Vec<Button>> = [
        ("resume", "Resume", ButtonStyle::Primary),
        ("end", "End interview", ButtonStyle::Danger),
    ]
    .into_iter()
    .map(|(action, label, style)| button(action, label, style, session, owner, position))
    .collect();
    row.map(|row| vec![row]).unwrap_or_default()
}

/// The modal the Answer button opens.
pub fn answer_modal(
    session: i64,
    owner: &str,
    position: usize,
    total: usize,
    prompt: &str,
) -> Option<Reply> {
    Some(Reply::Modal(Modal {
        custom_id: custom_id("modal", session, owner, Some(position))?,
        title: format!("Answer question {} of {total}", position + 1),
        inputs: vec![TextInput {
            custom_id: "answer".into(),
            label: "Your answer".into(),
            paragraph: true,
            min_length: 1,
            max_length: ANSWER_MAX,
            required: true,
            placeholder: Some(truncate_chars(prompt, 100)),
        }],
    }))
}

fn kind_line(question: &QuestionFile) -> String {
    format!(
        "{} · {}",
        question.kind.label(),
        question.difficulty.as_str()
    )
}

/// The question being asked.
pub fn question_embed(
    role: &Role,
    question: &QuestionFile,
    position: usize,
    total: usize,
    why: Option<&Why>,
    hints_shown: usize,
) -> Embed {
    let mut description = format!("**{}**", escape_light(&question.prompt));
    let given: Vec<String> = question
        .hints
        .iter()
        .take(hints_shown)
        .enumerate()
        .map(|(i, hint)| format!("Hint {}: {}", i + 1, escape_light(hint)))
        .collect();
    if !given.is_empty() {
        description.push_str(&format!(
            "\n\n*Hints so far ({} of {}):*\n{}",
            given.len(),
            question.hints.len(),
            given.join("\n")
        ));
    }
    if let Some(Why::Review { missed }) = why {
        let points: Vec<String> = missed.iter().take(3).map(|p| escape_light(p)).collect();
        description.push_str(&format!(
            "\n\n*Review: last time you missed — {}.*",
            points.join("; ")
        ));
    }
    description.push_str(
        "\n\nAnswer with `/interview answer text:…` (or the Answer button). \
         `/interview hint` for a hint, `/interview skip` to move on.",
    );
    Embed::new(format!(
        "Question {} of {total} · {}",
        position + 1,
        kind_line(question)
    ))
    .description(description)
    .footer(role.citation_for_question(question).to_string())
    .color(colors::INTERVIEW)
}

/// The opening of a session.
pub fn start_embed(role: &Role, total: usize, filters: &str, notes: &[String]) -> Embed {
    let mut description = format!(
        "{total} question{} for **{}**{filters}. Each answer gets a score out of 100 with the rubric points \
         you covered and missed; `/interview end` stops early with a summary.",
        if total == 1 { "" } else { "s" },
        escape_light(&role.name)
    );
    for note in notes {
        description.push_str(&format!("\n{note}"));
    }
    Embed::new("Mock interview started")
        .description(description)
        .color(colors::INTERVIEW)
}

fn star_line(ok: bool, label: &str) -> String {
    format!("{} {label}", if ok { "✅" } else { "❌" })
}

fn verdict_line(verdict: &Verdict, assessment: &Assessment) -> Option<String> {
    match verdict {
        Verdict::Answer => None,
        Verdict::NothingCovered => Some(
            "Your answer doesn't touch any of the points this question is looking for, so it scores 0. \
             Read the missed points below and try the idea out loud."
                .into(),
        ),
        Verdict::Empty => Some("Your answer is empty, so there is nothing to score.".into()),
        Verdict::Gibberish { reason } => Some(format!(
            "{} so it is capped at {}/100 (it would otherwise score {}).",
            match reason {
                GibberishReason::NotWords =>
                    "Most of this answer isn't recognisable words,",
                GibberishReason::Repetitive =>
                    "This answer repeats the same few words over and over,",
            },
            super::score::GIBBERISH_CAP,
            assessment.uncapped
        )),
        Verdict::NotEnglish { language } => Some(format!(
            "This answer seems to be written in {}. The scorer reads English only, so it can't judge it and it is capped at {}/100 — \
             this says nothing about the answer itself. Answer in English to get real feedback.",
            language.as_deref().unwrap_or("a language other than English"),
            super::score::NOT_ENGLISH_CAP
        )),
        Verdict::CopiedQuestion => Some(format!(
            "Your answer mostly repeats the question itself, so it is capped at {}/100. Say how you would approach it instead.",
            super::score::COPIED_CAP
        )),
        Verdict::OffTopic {
            prompt,
            other_strength,
            own_strength,
            by_meaning,
            ..
        } => Some(format!(
            "This reads like an answer to a different question — “{}”: it matches that question's rubric far more closely ({other_strength}% {} against {own_strength}% of this one's), so it is capped at {}/100.",
            escape_light(&truncate_chars(prompt, 120)),
            if *by_meaning {
                "closeness in meaning to its points"
            } else {
                "of its key terms"
            },
            super::score::OFF_TOPIC_CAP
        )),
    }
}

fn length_line(assessment: &Assessment) -> String {
    let words = assessment.words;
    let advice = match assessment.length {
        LengthNote::VeryShort => "very short. Naming an idea is not explaining it: a strong answer usually takes 80–300 words (one to three minutes spoken).",
        LengthNote::Short => "short. Expand on why and how: a strong answer usually takes 80–300 words.",
        LengthNote::Brief => "on the brief side; one more example or trade-off would help.",
        LengthNote::Good => "a good length for a spoken answer.",
        LengthNote::Long => "long. In an interview, lead with the key points and keep to two or three minutes.",
    };
    let mut line = format!(
        "{words} word{}: {advice}",
        if words == 1 { "" } else { "s" }
    );
    if assessment.elaboration < 1.0 {
        line.push_str(&format!(
            " Short answers earn {:.0}% of the rubric credit.",
            assessment.elaboration * 100.0
        ));
    }
    line
}

/// A score part: whole numbers as such, others to one decimal, so the parts visibly add up.
fn number(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn points_list(question: &QuestionFile, indexes: &[usize], mark: &str) -> String {
    let lines: Vec<String> = indexes
        .iter()
        .filter_map(|i| question.points.get(*i))
        .map(|p| {
            format!(
                "{mark} **{}** — {}",
                escape_light(&p.point),
                escape_light(&p.why)
            )
        })
        .collect();
    truncate_chars(&lines.join("\n"), FIELD_MAX)
}

/// A sentence of the candidate's answer, quoted safely and briefly.
fn quote(sentence: &str) -> String {
    format!(
        "“{}”",
        escape_user_text(&truncate_chars(sentence.trim(), 110))
    )
}

/// Covered points, each with the sentence of the answer that earned it.
fn covered_list(question: &QuestionFile, assessment: &Assessment) -> String {
    let lines: Vec<String> = assessment
        .covered
        .iter()
        .filter_map(|i| Some((question.points.get(*i)?, assessment.points.get(*i)?)))
        .map(|(point, result)| {
            let full = result.credit >= 1.0;
            let mark = if full { "✅" } else { "◐" };
            let mut line = format!("{mark} **{}**", escape_light(&point.point));
            if !full {
                line.push_str(if result.told_as_we {
                    " (half credit: told as “we” — say what you did)"
                } else {
                    " (half credit: named, not explained — say how or why)"
                });
            }
            if let Some(evidence) = &result.evidence {
                let how = match &evidence.by {
                    EvidenceKind::Term { .. } => String::new(),
                    EvidenceKind::Meaning { similarity } => {
                        format!(" *(by meaning, {:.0}%)*", similarity * 100.0)
                    }
                };
                line.push_str(&format!("\n  ↳ {}{how}", quote(&evidence.sentence)));
            }
            line
        })
        .collect();
    truncate_chars(&lines.join("\n"), FIELD_MAX)
}

fn red_flag_list(assessment: &Assessment) -> String {
    let lines: Vec<String> = assessment
        .red_flags
        .iter()
        .map(|flag| {
            let how = match flag.by {
                FlagEvidence::Pattern => String::new(),
                FlagEvidence::Meaning { similarity } => {
                    format!(" *(by meaning, {:.0}%)*", similarity * 100.0)
                }
            };
            let mut line = format!(
                "⚠ red flag: **{}** — {}",
                escape_light(&flag.flag),
                escape_light(&flag.why)
            );
            if !flag.sentence.is_empty() {
                line.push_str(&format!("\n  ↳ {}{how}", quote(&flag.sentence)));
            }
            line
        })
        .collect();
    truncate_chars(&lines.join("\n"), FIELD_MAX)
}

fn cap_line(cap: Cap) -> String {
    let limit = cap.limit();
    match cap {
        Cap::List => format!(
            "This is a list of terms, so it is capped at {limit}/100: explain, don't list — say how each idea works and why you would use it."
        ),
        Cap::CopiedShown { share } => format!(
            "{share}% of this answer repeats text I showed you (the outline, rubric points or hints), so it is capped at {limit}/100. Copied sentences earn nothing: put the ideas in your own words."
        ),
        Cap::Template => format!(
            "Several sentences follow the same template with a term swapped in, so each point earns half credit at most and the answer is capped at {limit}/100. Explain the mechanism behind each idea instead."
        ),
        Cap::StockReasons => format!(
            "Each point is named with a stock reason (“because it's important”, “keeps things clean”) and no mechanism, so each earns half credit at most and the answer is capped at {limit}/100. Say how each piece works and why it fits this problem."
        ),
        Cap::WeOnly => format!(
            "The story only says what “we” did, so it is capped at {limit}/100: interviewers need to hear what *you* did."
        ),
        Cap::Hypothetical => format!(
            "The answer says what you would do rather than telling what you did, so it is capped at {limit}/100: pick a real time, then say what happened, what *you* did and how it turned out."
        ),
        Cap::Vague => format!(
            "The answer hedges (“maybe”, “it depends”, “best practices”) without committing to specifics, so it is capped at {limit}/100: say what you would do and why, with a number or an example."
        ),
        Cap::Dismissive => format!(
            "The answer names the practices and then dismisses them, sentence after sentence (“overkill”, “theatre”, “not worth it”), so it is capped at {limit}/100: an interviewer hears that you would skip them. Say what you would do and why it matters; if you would leave one out, say when and what you accept instead."
        ),
    }
}

/// Feedback on one answer.
pub fn feedback_embed(
    role: &Role,
    question: &QuestionFile,
    assessment: &Assessment,
    position: usize,
    total: usize,
    hints_used: u32,
) -> Embed {
    let points = question.points.len();
    let mut description = format!("**Score: {}/100**", assessment.score);
    if let Some(line) = verdict_line(&assessment.verdict, assessment) {
        description.push_str(&format!("\n{line}"));
    }
    for cap in &assessment.caps {
        description.push_str(&format!("\n{}", cap_line(*cap)));
    }
    if assessment.covered.is_empty() {
        description.push_str(&format!(
            "\nHow it adds up: 0 of {points} rubric points covered → 0 (length and structure only count once an answer covers a point)."
        ));
    } else {
        let form_note = if assessment.form < 1.0 {
            format!(
                " (length and structure count {:.0}% until you cover half the points)",
                assessment.form * 100.0
            )
        } else {
            String::new()
        };
        let partial = if assessment.partial.is_empty() {
            String::new()
        } else {
            format!(", {} of them half", assessment.partial.len())
        };
        let flags = match assessment.red_flags.len() {
            0 => String::new(),
            n => format!(
                " − {} for {n} red flag{}",
                assessment.penalty,
                if n == 1 { "" } else { "s" }
            ),
        };
        let after = i32::from(assessment.uncapped) - i32::from(assessment.penalty);
        description.push_str(&format!(
            "\nHow it adds up: rubric {} of {points} points{partial} → {} + length {} + structure {}{form_note} = {}{flags}{}.",
            assessment.covered.len(),
            number(assessment.rubric_points),
            number(assessment.length_points),
            number(assessment.structure_points),
            assessment.uncapped,
            if i32::from(assessment.score) != after.max(0) {
                format!(", capped at {}", assessment.score)
            } else {
                String::new()
            }
        ));
    }
    if !assessment.red_flags.is_empty() {
        description.push_str(&format!(
            "\nRed flags cost {} points each and cap the score (see below).",
            super::score::RED_FLAG_PENALTY
        ));
    }
    if assessment.hedges >= 2
        && assessment.credit() * 2.0 < points as f64
        && !assessment.caps.contains(&Cap::Vague)
    {
        description.push_str(
            "\nThe answer hedges a lot (“maybe”, “it depends”, “best practices”) without committing to a design: say what you would do and why.",
        );
    }
    if hints_used > 0 {
        description.push_str(&format!(
            "\nHints used: {hints_used} (hints don't lower the score; answering without them is the goal)."
        ));
    }
    let mut embed = Embed::new(format!(
        "Feedback · question {} of {total} · {}",
        position + 1,
        question.kind.label()
    ))
    .description(description)
    .color(colors::INTERVIEW);
    if !assessment.red_flags.is_empty() {
        embed = embed.field(
            format!("Red flags ({})", assessment.red_flags.len()),
            red_flag_list(assessment),
            false,
        );
    }
    if !assessment.covered.is_empty() {
        embed = embed.field(
            format!("Covered ({} of {points})", assessment.covered.len()),
            covered_list(question, assessment),
            false,
        );
    }
    if !assessment.missed.is_empty() {
        embed = embed.field(
            format!("Missed ({} of {points})", assessment.missed.len()),
            points_list(question, &assessment.missed, "❌"),
            false,
        );
    }
    match &assessment.structure {
        Structure::Star(star) if question.kind == QuestionKind::Behavioral => {
            let who = format!(
                "{} speaks as “I” ({} × “I”, {} × “we”)",
                if star.owns_actions() { "✅" } else { "❌" },
                star.i_count,
                star.we_count
            );
            let ownership = match star.ownership {
                Ownership::Owns => "✅ Owns their part (“my mistake”, “I caused”)".to_string(),
                Ownership::Blames => "❌ Blames others and owns nothing".to_string(),
                Ownership::Unstated => "❌ Never says what was theirs to own".to_string(),
            };
            let lines = [
                star_line(star.situation, "Situation: the context"),
                star_line(star.task, "Task: your responsibility or goal"),
                star_line(
                    star.actions >= 2,
                    &format!(
                        "Action: what *you* did ({} sentence{} of “I …”, {} of only “we …”)",
                        star.actions,
                        if star.actions == 1 { "" } else { "s" },
                        star.team_actions
                    ),
                ),
                star_line(star.result, "Result: how it ended"),
                star_line(
                    star.measurable,
                    "Measurable result (a number, a percentage)",
                ),
                who,
                ownership,
            ];
            embed = embed.field("STAR check", lines.join("\n"), false);
        }
        Structure::Technical(check) => {
            let lines = [
                star_line(
                    check.reasoning,
                    "Reasons and trade-offs (because, instead, the cost of…)",
                ),
                star_line(check.example, "A concrete example or numbers"),
                star_line(check.organised, "Organised in steps or separate points"),
            ];
            embed = embed.field("Structure", lines.join("\n"), false);
        }
        Structure::Star(_) => {}
    }
    embed = embed.field("Length", length_line(assessment), false);
    embed = embed.field(
        "Model answer outline",
        truncate_chars(&escape_light(&question.outline), FIELD_MAX),
        false,
    );
    if let Some(follow_up) = question.follow_ups.first() {
        embed = embed.field(
            "A follow-up an interviewer might ask",
            escape_light(follow_up),
            false,
        );
    }
    embed.footer(role.citation_for_question(question).to_string())
}

/// What a skipped question was looking for.
pub fn skipped_embed(role: &Role, question: &QuestionFile, position: usize, total: usize) -> Embed {
    let all: Vec<usize> = (0..question.points.len()).collect();
    Embed::new(format!("Skipped question {} of {total}", position + 1))
        .description(format!(
            "**{}**\nSkipped questions count as 0 in the summary. What a strong answer covers:",
            escape_light(&question.prompt)
        ))
        .field("Rubric", points_list(question, &all, "•"), false)
        .field(
            "Model answer outline",
            truncate_chars(&escape_light(&question.outline), FIELD_MAX),
            false,
        )
        .footer(role.citation_for_question(question).to_string())
        .color(colors::INTERVIEW)
}

/// The end-of-session summary.
pub fn summary_embed(summary: &Summary) -> Embed {
    let asked = summary.results.len();
    let mut description = format!(
        "**Overall: {}/100** over {asked} question{}",
        summary.overall,
        if asked == 1 { "" } else { "s" }
    );
    if summary.skipped > 0 {
        description.push_str(&format!(" ({} skipped, counted as 0)", summary.skipped));
    }
    description.push('.');
    if summary.not_reached > 0 {
        description.push_str(&format!(
            " Ended early: {} planned question{} not asked.",
            summary.not_reached,
            if summary.not_reached == 1 { "" } else { "s" }
        ));
    }
    let lines: Vec<String> = summary
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let score = r
                .score
                .map_or_else(|| "skipped".to_string(), |s| format!("{s}/100"));
            format!(
                "{}. {} — {score}",
                i + 1,
                escape_light(&truncate_chars(&r.prompt, 90))
            )
        })
        .collect();
    let mut embed = Embed::new("Interview summary")
        .description(description)
        .field(
            "Per question",
            truncate_chars(&lines.join("\n"), FIELD_MAX),
            false,
        )
        .color(colors::INTERVIEW);
    if let Some(strongest) = &summary.strongest {
        embed = embed.field(
            "Strongest",
            format!(
                "{} ({:.0}/100)",
                escape_light(&truncate_chars(&strongest.name, 200)),
                strongest.average
            ),
            true,
        );
    }
    if let Some(weakest) = &summary.weakest {
        embed = embed.field(
            "Weakest",
            format!(
                "{} ({:.0}/100)",
                escape_light(&truncate_chars(&weakest.name, 200)),
                weakest.average
            ),
            true,
        );
    }
    let mut practise: Vec<String> = summary
        .practise
        .iter()
        .map(|(point, prompt)| {
            format!(
                "• {} *(from “{}”)*",
                escape_light(point),
                escape_light(&truncate_chars(prompt, 60))
            )
        })
        .collect();
    if let Some(kind) = summary.next_kind {
        practise.push(format!(
            "Next: `/interview start kind:{}` — your next session also leans toward the points you missed.",
            kind.as_str()
        ));
    }
    if !practise.is_empty() {
        embed = embed.field(
            "What to practise next",
            truncate_chars(&practise.join("\n"), FIELD_MAX),
            false,
        );
    }
    embed.footer("See your history with /interview stats.")
}

fn status_word(line: &super::history::SessionLine) -> &'static str {
    use crate::store::SessionStatus;
    match line.status {
        SessionStatus::Active => "in progress",
        SessionStatus::Expired => "expired",
        SessionStatus::Ended if line.completed => "completed",
        SessionStatus::Ended => "ended early",
    }
}

/// `/interview stats`.
pub fn stats_embed(stats: &Stats) -> Embed {
    if stats.sessions == 0 {
        return Embed::new("Your interview practice")
            .description("No practice yet. Start a mock interview with `/interview start`.")
            .color(colors::INTERVIEW);
    }
    let mut description = format!(
        "**{} session{}** ({} completed, {} ended early, {} expired, {} in progress) · **{} answered**, {} skipped",
        stats.sessions,
        if stats.sessions == 1 { "" } else { "s" },
        stats.completed,
        stats.ended_early,
        stats.expired,
        stats.in_progress,
        stats.answered,
        stats.skipped
    );
    if let Some(average) = stats.average {
        description.push_str(&format!(
            " · average **{average}/100** over answered questions (skips kept apart)"
        ));
    }
    description.push('.');
    let mut embed = Embed::new("Your interview practice")
        .description(description)
        .color(colors::INTERVIEW);
    if !stats.topics.is_empty() {
        let lines: Vec<String> = stats
            .topics
            .iter()
            .map(|t| {
                let trend = t
                    .by_session
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(" → ");
                let skipped = if t.skipped > 0 {
                    format!(" · {} skipped", t.skipped)
                } else {
                    String::new()
                };
                match t.average {
                    Some(average) => format!(
                        "**{}**: {average:.0}/100 over {} answered{skipped} · by session: {trend}",
                        t.kind.label(),
                        t.answers,
                    ),
                    None => format!("**{}**: not answered yet{skipped}", t.kind.label()),
                }
            })
            .collect();
        embed = embed.field(
            "Average score by topic over time",
            truncate_chars(&lines.join("\n"), FIELD_MAX),
            false,
        );
    }
    if !stats.weakest.is_empty() {
        let names: Vec<String> = stats
            .weakest
            .iter()
            .map(|t| {
                format!(
                    "{} ({:.0}/100)",
                    t.kind.label(),
                    t.average.unwrap_or_default()
                )
            })
            .collect();
        embed = embed.field(
            "Weakest topics",
            format!(
                "{}\nYour next session leans toward these and toward the points you missed.",
                names.join(", ")
            ),
            false,
        );
    }
    if !stats.missed_points.is_empty() {
        let lines: Vec<String> = stats
            .missed_points
            .iter()
            .map(|(point, n)| format!("• {} — missed {n}×", escape_light(point)))
            .collect();
        embed = embed.field(
            "Most-missed rubric points (in answered questions)",
            truncate_chars(&lines.join("\n"), FIELD_MAX),
            false,
        );
    }
    let lines: Vec<String> = stats
        .recent
        .iter()
        .map(|l| {
            let skipped = if l.skipped > 0 {
                format!(" ({} skipped)", l.skipped)
            } else {
                String::new()
            };
            format!(
                "#{} · {} · {} question{}{skipped} · {} · {}",
                l.id,
                date(l.started_at),
                l.questions,
                if l.questions == 1 { "" } else { "s" },
                l.average
                    .map_or_else(|| "no answers".to_string(), |a| format!("{a}/100")),
                status_word(l)
            )
        })
        .collect();
    embed.field("Recent sessions", lines.join("\n"), false)
}
