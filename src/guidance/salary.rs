//! `/salary`: a role's pay figures from every guide that gives them — headline median and range,
//! and the band of each ladder rung with its years of experience — plus the level a number of
//! years maps to in each guide, and the chart of the bands. Also the short salary summary that
//! free-text salary questions (`/ask`, `/faq`) lead with.
//!
//! Figures are never combined across guides or estimated: a guide whose ladder is qualitative is
//! quoted as written, next to its own headline figures.

use crate::content::model::{GuideFile, LadderStep, Level};
use crate::content::sections::{pay_line, thousands, unlabelled_reading};
use crate::content::Role;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{colors, with_source, Attachment, Embed, Message, Reply};

use super::chart::{self, ChartLabels, ChartSeries};
use super::intent::SalaryQuestion;
use super::{guide_source_line, guides_footer, resolve_role};

/// The rung of a guide's ladder that `years` of experience falls in.
///
/// Rungs are read as half-open ranges `[years_min, years_max)`, so a boundary year shared by two
/// rungs ("0-2 years" and "2-5 years") belongs to the higher one: "2-5 years" starts at 2. Where a
/// guide leaves a gap instead ("0-2", "3-5"), the year at the closed end of a rung (2) stays in the
/// rung it ends. Open-ended rungs ("12+ years") take every year from their start.
pub fn rung_for_years(guide: &GuideFile, years: u32) -> Option<&LadderStep> {
    let half_open = guide
        .ladder
        .iter()
        .find(|step| step.years_min <= years && step.years_max.is_none_or(|max| years < max));
    half_open.or_else(|| {
        guide
            .ladder
            .iter()
            .find(|step| step.years_min <= years && step.years_max.is_some_and(|max| years <= max))
    })
}

/// The rung of a guide's ladder that covers `level` (a guide's "Senior/Lead" covers two).
pub fn rung_for_level(guide: &GuideFile, level: Level) -> Option<&LadderStep> {
    guide
        .ladder
        .iter()
        .find(|step| step.levels.contains(&level))
}

/// The guide's currency ("USD"), or nothing when it states none.
fn currency(guide: &GuideFile) -> &str {
    guide.pay.as_ref().map_or("", |p| p.currency.as_str())
}

fn money(guide: &GuideFile, amount: u32) -> String {
    match currency(guide) {
        "" => thousands(amount),
        code => format!("{code} {}", thousands(amount)),
    }
}

/// A rung's pay: its numbers where the guide gives them, always with the guide's words.
pub fn band_text(guide: &GuideFile, step: &LadderStep) -> String {
    let numbers = match (step.salary_min, step.salary_max) {
        (Some(min), Some(max)) => Some(format!("{} to {}", money(guide, min), thousands(max))),
        (Some(min), None) => Some(format!("{} and up", money(guide, min))),
        (None, Some(max)) => Some(format!("up to {}", money(guide, max))),
        (None, None) => None,
    };
    match numbers {
        Some(numbers) => format!("**{numbers}** — “{}”", step.salary),
        None => format!("“{}”", step.salary),
    }
}

/// The levels a rung covers, as the reply names them ("senior/lead").
fn levels_label(step: &LadderStep) -> String {
    step.levels
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// One rung as a line: "**senior** · Senior Back End Engineer · 5-8 years: USD 170,000 to …".
pub fn rung_line(guide: &GuideFile, step: &LadderStep) -> String {
    format!(
        "**{}** · {} · {}: {}",
        levels_label(step),
        step.title,
        step.years,
        band_text(guide, step)
    )
}

/// The guide's headline figures ("Median Salary: median USD 151,083 · range …"), if any.
pub fn headline(guide: &GuideFile) -> Option<String> {
    let pay = guide.pay.as_ref()?;
    let line = pay_line(pay);
    (!line.is_empty()).then(|| format!("{}: {line}", pay.heading))
}

/// Does this guide give any pay figure at all?
fn has_pay(guide: &GuideFile) -> bool {
    guide.pay.is_some() || guide.ladder.iter().any(|s| s.salary_min.is_some())
}

/// What the reply is narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Narrowing {
    pub level: Option<Level>,
    pub years: Option<u32>,
}

/// The text of one guide's part of a salary reply (without its source line).
pub fn guide_summary(guide: &GuideFile, narrowing: Narrowing) -> String {
    let mut lines = Vec::new();
    if let Some(headline) = headline(guide) {
        lines.push(headline);
    }
    let years_rung = narrowing.years.map(|y| (y, rung_for_years(guide, y)));
    if let Some((years, rung)) = years_rung {
        lines.push(match rung {
            Some(step) => format!(
                "With {years} {} of experience this guide puts you at **{}** ({}, {}).",
                plural_years(years),
                levels_label(step),
                step.title,
                step.years
            ),
            None => format!(
                "This guide's ladder does not cover {years} {} of experience.",
                plural_years(years)
            ),
        });
    }
    let shown: Vec<&LadderStep> = match (narrowing.level, years_rung) {
        (Some(level), _) => match rung_for_level(guide, level) {
            Some(step) => vec![step],
            None => {
                lines.push(format!(
                    "This guide has no {} rung on its ladder.",
                    level.as_str()
                ));
                Vec::new()
            }
        },
        (None, Some((_, rung))) => rung.into_iter().collect(),
        (None, None) => guide.ladder.iter().collect(),
    };
    for step in shown {
        lines.push(rung_line(guide, step));
    }
    if guide.ladder.is_empty() {
        lines.push("This guide has no career ladder.".into());
    }
    lines.join("\n")
}

pub fn plural_years(years: u32) -> &'static str {
    if years == 1 {
        "year"
    } else {
        "years"
    }
}

/// When the level asked for is not where the guides put that many years, says so: for each
/// guide whose rung for `years` does not cover `level`, the rung the years give and the years the
/// level takes. None when the guides agree with the level (or cannot say).
pub fn level_years_conflict(guides: &[&GuideFile], level: Level, years: u32) -> Option<String> {
    let mut parts = Vec::new();
    for guide in guides {
        let Some(by_years) = rung_for_years(guide, years) else {
            continue;
        };
        if by_years.levels.contains(&level) {
            continue;
        }
        let asked = rung_for_level(guide, level)
            .map(|step| format!("; {} is {}", level.as_str(), step.years))
            .unwrap_or_default();
        parts.push(format!(
            "{} puts you at **{}** ({}{asked})",
            guide.source.title,
            levels_label(by_years),
            by_years.years
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "You asked for **{}**, but with {years} {} of experience {}. Both are shown.",
            level.as_str(),
            plural_years(years),
            parts.join(", and ")
        )
    })
}

/// Where the guides' figures are from, in their own terms: the currency, and the country where a
/// guide names one ("USD; US pay in How to become a Backend Engineer, no country named in …").
pub fn currency_note(guides: &[&GuideFile]) -> Option<String> {
    let pays: Vec<(&GuideFile, &crate::content::model::Pay)> = guides
        .iter()
        .filter_map(|g| g.pay.as_ref().map(|p| (*g, p)))
        .collect();
    let (_, first) = pays.first()?;
    let one_currency = pays.iter().all(|(_, p)| p.currency == first.currency);
    let per_guide: Vec<String> = pays
        .iter()
        .map(|(guide, pay)| {
            let place = match &pay.region {
                Some(region) => format!("{region} pay"),
                None => "no country named".to_string(),
            };
            if one_currency {
                format!("{place} in {}", guide.source.title)
            } else {
                format!("{} ({place}) in {}", pay.currency, guide.source.title)
            }
        })
        .collect();
    let lead = if one_currency {
        format!("All figures are in {}", first.currency)
    } else {
        "Figures are in each guide's currency".to_string()
    };
    Some(format!(
        "{lead}: {}. The guides give no pay for other countries.",
        per_guide.join("; ")
    ))
}

/// The figures a free-text pay question leads with: for each guide with pay figures, the rungs
/// of the levels asked (or the level the years map to), and its headline figures. None when no
/// guide of the role gives pay.
pub fn lead_embed(role: &Role, question: &SalaryQuestion) -> Option<Embed> {
    let guides: Vec<&GuideFile> = role.guides.iter().filter(|g| has_pay(g)).collect();
    if guides.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    for guide in &guides {
        let mut lines = Vec::new();
        if let Some(headline) = headline(guide) {
            lines.push(headline);
        }
        // A general pay question gets the guide's own words beside its figures ("… based on
        // experience and location"): what pay depends on is said there, not in the numbers.
        if question.levels.is_empty() && question.years.is_none() {
            if let Some(text) = guide.pay.as_ref().and_then(|p| p.text.as_deref()) {
                lines.push(format!("“{}”", text.trim()));
            }
        }
        if let Some(years) = question.years {
            lines.push(match rung_for_years(guide, years) {
                Some(step) => format!(
                    "With {years} {}: {}",
                    plural_years(years),
                    rung_line(guide, step)
                ),
                None => format!(
                    "This guide's ladder does not cover {years} {}.",
                    plural_years(years)
                ),
            });
        }
        let mut shown: Vec<usize> = Vec::new();
        for level in &question.levels {
            let rung = guide.ladder.iter().position(|s| s.levels.contains(level));
            match rung {
                // "senior and lead" in a guide whose rung covers both: show the rung once.
                Some(i) if shown.contains(&i) => {}
                Some(i) => {
                    shown.push(i);
                    lines.push(rung_line(guide, &guide.ladder[i]));
                }
                None => lines.push(format!(
                    "This guide has no {} rung on its ladder.",
                    level.as_str()
                )),
            }
        }
        blocks.push(format!(
            "**{}**\n{}\n{}",
            guide.source.title,
            lines.join("\n"),
            guide_source_line(guide)
        ));
    }
    let levels = question
        .levels
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(" & ");
    let every_level = question.levels == Level::ALL;
    let title = match (levels.is_empty(), question.years) {
        (false, _) if every_level => format!("{} pay by level", role.name),
        (false, _) => format!("{} pay — {levels}", role.name),
        (true, Some(years)) => format!(
            "{} pay with {years} {} of experience",
            role.name,
            plural_years(years)
        ),
        (true, None) => format!("{} pay", role.name),
    };
    let mut description = String::new();
    if let (&[level], Some(years)) = (question.levels.as_slice(), question.years) {
        if let Some(conflict) = level_years_conflict(&guides, level, years) {
            description.push_str(&conflict);
            description.push_str("\n\n");
        }
    }
    description.push_str(&blocks.join("\n\n"));
    description.push_str("\n\n`/salary` shows every level with a chart.");
    Some(
        Embed::new(title)
            .description(description)
            .color(colors::SALARY)
            .footer(guides_footer(&guides)),
    )
}

/// The chart's data for a role: per guide, the numeric band of each level and the headline
/// figures. Guides with neither are left out; nothing is filled in for a qualitative ladder.
pub fn chart_series(role: &Role) -> Vec<ChartSeries> {
    role.guides
        .iter()
        .filter(|g| has_pay(g))
        .map(|guide| {
            let bands = Level::ALL
                .into_iter()
                .filter_map(|level| {
                    let step = rung_for_level(guide, level)?;
                    let min = step.salary_min?;
                    Some(chart::Band {
                        level,
                        min,
                        max: step.salary_max,
                    })
                })
                .collect();
            let overall = guide.pay.as_ref().and_then(|pay| {
                Some(chart::Overall {
                    low: pay.low?,
                    high: pay.high?,
                    median: pay.median,
                })
            });
            ChartSeries {
                label: guide.source.title.clone(),
                bands,
                overall,
            }
        })
        .collect()
}

/// The chart's line naming what was asked: the level, the years and the level they give in
/// each guide, or both.
fn asked_label(guides: &[&GuideFile], level: Option<Level>, years: Option<u32>) -> Option<String> {
    let years_part = years.map(|years| {
        let mut levels: Vec<String> = Vec::new();
        for guide in guides {
            if let Some(step) = rung_for_years(guide, years) {
                let label = levels_label(step);
                if !levels.contains(&label) {
                    levels.push(label);
                }
            }
        }
        let given = match levels.as_slice() {
            [] => String::new(),
            [one] => format!(": {one}"),
            many => format!(": {} (the guides differ)", many.join(" or ")),
        };
        format!("{years} {} of experience{given}", plural_years(years))
    });
    match (level, years_part) {
        (Some(level), Some(years)) => Some(format!("Asked: {} · {years}", level.as_str())),
        (Some(level), None) => Some(format!("Asked: {}", level.as_str())),
        (None, Some(years)) => Some(format!("Asked: {years}")),
        (None, None) => None,
    }
}

/// The chart's footnotes: each guide's title with its currency and country (or that it names
/// none), and how unlabelled figures are read.
fn chart_notes(guides: &[&GuideFile]) -> Vec<String> {
    guides
        .iter()
        .map(|guide| {
            let mut note = format!("Source: {}", guide.source.title);
            if let Some(pay) = &guide.pay {
                match &pay.region {
                    Some(region) => note.push_str(&format!(" — {region} pay, {}", pay.currency)),
                    None => note.push_str(&format!(" — {}, no country named", pay.currency)),
                }
                if !pay.unlabelled.is_empty() {
                    note.push_str(&format!(
                        "; its {} figures are unlabelled, read in order as {}",
                        pay.unlabelled.len(),
                        unlabelled_reading(pay)
                    ));
                }
            }
            note
        })
        .collect()
}

/// The name of the chart attachment for a role and narrowing (ASCII, Discord-safe).
fn chart_filename(role: &Role, narrowing: Narrowing) -> String {
    let mut name = format!("salary-{}", role.id);
    if let Some(level) = narrowing.level {
        name.push('-');
        name.push_str(level.as_str());
    }
    name.retain(|c| c.is_ascii_alphanumeric() || c == '-');
    format!("{name}.png")
}

/// `/salary [role] [level] [years]`.
pub fn salary(
    lib: &Library,
    role_name: Option<&str>,
    level: Option<Level>,
    years: Option<u32>,
) -> Result<Reply> {
    let role = resolve_role(lib, role_name)?;
    let guides: Vec<&GuideFile> = role.guides.iter().filter(|g| has_pay(g)).collect();
    if guides.is_empty() {
        return Ok(Reply::notice(format!(
            "The guides for {} give no pay figures.",
            role.name
        )));
    }
    let narrowing = Narrowing { level, years };
    let title = match (level, years) {
        (Some(level), _) => format!("{} pay — {}", role.name, level.as_str()),
        (None, Some(years)) => format!(
            "{} pay with {years} {} of experience",
            role.name,
            plural_years(years)
        ),
        (None, None) => format!("{} pay by level", role.name),
    };
    let mut description = Vec::new();
    if let (Some(level), Some(years)) = (level, years) {
        description.extend(level_years_conflict(&guides, level, years));
    }
    description.push(format!(
        "Figures from {} guide{}, each with its source; where they differ both are shown. \
         Levels are each guide's own rungs.",
        guides.len(),
        if guides.len() == 1 { "" } else { "s" }
    ));
    description.extend(currency_note(&guides));
    let mut embed = Embed::new(title)
        .color(colors::SALARY)
        .description(description.join("\n\n"));
    for guide in &guides {
        embed = embed.field(
            guide.source.title.clone(),
            with_source(
                &guide_summary(guide, narrowing),
                &guide_source_line(guide),
                1024,
            ),
            false,
        );
    }
    embed = embed.footer(guides_footer(&guides));
    let series = chart_series(role);
    let highlight = level.or_else(|| {
        // With years only, highlight the level when every guide agrees on it.
        let years = years?;
        let mut levels = guides
            .iter()
            .filter_map(|g| rung_for_years(g, years))
            .map(|s| s.levels[0]);
        let first = levels.next()?;
        levels.all(|l| l == first).then_some(first)
    });
    let currencies: Vec<&str> = guides
        .iter()
        .map(|g| currency(g))
        .filter(|c| !c.is_empty())
        .collect();
    let chart_title = match currencies.first() {
        Some(code) if currencies.iter().all(|c| c == code) => {
            format!("{} pay by level ({code})", role.name)
        }
        _ => format!("{} pay by level", role.name),
    };
    let labels = ChartLabels {
        title: chart_title,
        asked: asked_label(&guides, level, years),
        notes: chart_notes(&guides),
    };
    let png = chart::salary_chart(&labels, &series, highlight)
        .map_err(|e| Error::Chart(e.to_string()))?;
    let filename = chart_filename(role, narrowing);
    embed.image = Some(filename.clone());
    Ok(Reply::Message(Message {
        embeds: vec![embed],
        attachments: vec![Attachment {
            filename,
            description: format!("{} salary bands by level, per guide", role.name),
            bytes: png,
        }],
        slow: true,
        ..Message::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A general pay question shows the guide's own pay sentence beside its figures; one that
    /// names a level or years shows that rung instead.
    #[test]
    fn a_general_pay_question_quotes_the_guides_pay_sentence() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = crate::content::Catalog::load(&root.join("content")).unwrap();
        let role = &catalog.roles[0];
        let sentence = role
            .guides
            .iter()
            .find_map(|g| g.pay.as_ref().and_then(|p| p.text.clone()))
            .expect("a guide with a pay sentence");
        let text = |question: SalaryQuestion| {
            lead_embed(role, &question)
                .and_then(|e| e.description)
                .unwrap_or_default()
        };
        let general = text(SalaryQuestion {
            levels: Vec::new(),
            years: None,
        });
        assert!(general.contains(sentence.trim()), "{general}");
        let senior = text(SalaryQuestion {
            levels: vec![Level::Senior],
            years: None,
        });
        assert!(!senior.contains(sentence.trim()), "{senior}");
    }

    fn step(levels: &[Level], min: u32, max: Option<u32>) -> LadderStep {
        LadderStep {
            levels: levels.to_vec(),
            label: None,
            title: format!("{levels:?}"),
            years: format!("{min}-{max:?}"),
            years_min: min,
            years_max: max,
            focus: String::new(),
            salary: "as the guide says".into(),
            salary_min: None,
            salary_max: None,
        }
    }

    fn guide(ladder: Vec<LadderStep>) -> GuideFile {
        let text = r#"[source]
id = "g"
title = "G"
origin = "g.txt"
"#;
        let mut guide: GuideFile = toml::from_str(text).unwrap();
        guide.ladder = ladder;
        guide
    }

    #[test]
    fn years_map_to_rungs_with_shared_boundaries_going_up() {
        let shared = guide(vec![
            step(&[Level::Junior], 0, Some(2)),
            step(&[Level::Mid], 2, Some(5)),
            step(&[Level::Senior, Level::Lead], 5, Some(8)),
            step(&[Level::Principal], 8, None),
        ]);
        let cases = [
            (0, Some(Level::Junior)),
            (1, Some(Level::Junior)),
            (2, Some(Level::Mid)),
            (4, Some(Level::Mid)),
            (5, Some(Level::Senior)),
            (7, Some(Level::Senior)),
            (8, Some(Level::Principal)),
            (40, Some(Level::Principal)),
        ];
        for (years, expected) in cases {
            let got = rung_for_years(&shared, years).map(|s| s.levels[0]);
            assert_eq!(got, expected, "{years} years");
        }
        let gapped = guide(vec![
            step(&[Level::Junior], 1, Some(2)),
            step(&[Level::Mid], 3, Some(5)),
        ]);
        let cases = [
            (0, None),
            (1, Some(Level::Junior)),
            (2, Some(Level::Junior)),
            (3, Some(Level::Mid)),
            (5, Some(Level::Mid)),
            (6, None),
        ];
        for (years, expected) in cases {
            let got = rung_for_years(&gapped, years).map(|s| s.levels[0]);
            assert_eq!(got, expected, "{years} years (gapped)");
        }
    }

    #[test]
    fn bands_show_numbers_only_where_the_guide_gives_them() {
        let mut g = guide(Vec::new());
        g.pay = Some(crate::content::model::Pay {
            heading: "Pay".into(),
            currency: "USD".into(),
            region: None,
            median: Some(150_000),
            low: None,
            high: None,
            text: None,
            unlabelled: Vec::new(),
        });
        let mut closed = step(&[Level::Senior], 5, Some(8));
        closed.salary_min = Some(170_000);
        closed.salary_max = Some(210_000);
        let mut open = step(&[Level::Principal], 12, None);
        open.salary_min = Some(250_000);
        let qualitative = step(&[Level::Mid], 2, Some(5));
        let cases = [
            (&closed, "**USD 170,000 to 210,000** — “as the guide says”"),
            (&open, "**USD 250,000 and up** — “as the guide says”"),
            (&qualitative, "“as the guide says”"),
        ];
        for (step, expected) in cases {
            assert_eq!(band_text(&g, step), expected);
        }
    }

    fn paid(title: &str, region: Option<&str>, unlabelled: &[&str]) -> GuideFile {
        let mut g = guide(vec![
            step(&[Level::Junior], 0, Some(2)),
            step(&[Level::Mid], 2, Some(5)),
            step(&[Level::Senior, Level::Lead], 5, Some(8)),
            step(&[Level::Principal], 8, None),
        ]);
        g.source.title = title.into();
        g.pay = Some(crate::content::model::Pay {
            heading: "Pay".into(),
            currency: "USD".into(),
            region: region.map(str::to_string),
            median: Some(2),
            low: Some(1),
            high: Some(3),
            text: None,
            unlabelled: unlabelled.iter().map(|s| s.to_string()).collect(),
        });
        g
    }

    #[test]
    fn the_chart_names_what_was_asked_and_its_sources() {
        let a = paid("A", None, &[]);
        let mut b = paid("B", Some("US"), &["$1", "$2", "$3"]);
        b.ladder[2].years_max = Some(12);
        b.ladder[3].years_min = 12;
        let guides = [&a, &b];
        let cases = [
            (Some(Level::Senior), None, Some("Asked: senior")),
            (None, Some(1), Some("Asked: 1 year of experience: junior")),
            (
                None,
                Some(9),
                Some("Asked: 9 years of experience: principal or senior/lead (the guides differ)"),
            ),
            (
                Some(Level::Lead),
                Some(3),
                Some("Asked: lead · 3 years of experience: mid"),
            ),
            (None, None, None),
        ];
        for (level, years, expected) in cases {
            assert_eq!(
                asked_label(&guides, level, years).as_deref(),
                expected,
                "{level:?} {years:?}"
            );
        }
        assert_eq!(
            chart_notes(&guides),
            [
                "Source: A — USD, no country named",
                "Source: B — US pay, USD; its 3 figures are unlabelled, read in order as low, \
                 median and high",
            ]
        );
        assert_eq!(
            currency_note(&guides).as_deref(),
            Some(
                "All figures are in USD: no country named in A; US pay in B. The guides give no \
                 pay for other countries."
            )
        );
        assert_eq!(currency_note(&[]), None);
    }

    #[test]
    fn a_level_a_guide_lacks_is_said_plainly() {
        let g = guide(vec![step(&[Level::Junior], 0, Some(2))]);
        let text = guide_summary(
            &g,
            Narrowing {
                level: Some(Level::Lead),
                years: None,
            },
        );
        assert!(text.contains("no lead rung"), "{text}");
        let text = guide_summary(
            &g,
            Narrowing {
                level: None,
                years: Some(9),
            },
        );
        assert!(text.contains("does not cover 9 years"), "{text}");
    }
}
