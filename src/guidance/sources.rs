//! `/sources`: the guides careerbot answers from — title, publisher, update note and what each
//! covers — plus the material written for careerbot (interview bank, synonym list), labelled as
//! such. Everything is read from the loaded content.

use crate::content::model::GuideFile;
use crate::error::Result;
use crate::library::Library;
use crate::reply::{colors, Embed, Reply};

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// What a guide covers, in the words of `/role` sections plus counts of its lists.
pub fn coverage(guide: &GuideFile) -> String {
    let mut parts = Vec::new();
    for section in guide.sections() {
        let part = match section.key {
            "ladder" => {
                let numeric = guide.ladder.iter().any(|s| s.salary_min.is_some());
                format!(
                    "career ladder ({}, {})",
                    plural(guide.ladder.len(), "rung", "rungs"),
                    if numeric {
                        "with pay per level"
                    } else {
                        "pay described, no per-level figures"
                    }
                )
            }
            "pay" => {
                let pay = guide.pay.as_ref();
                let figures: Vec<&str> = [
                    ("median", pay.and_then(|p| p.median)),
                    ("low", pay.and_then(|p| p.low)),
                    ("high", pay.and_then(|p| p.high)),
                ]
                .into_iter()
                .filter_map(|(name, value)| value.map(|_| name))
                .collect();
                format!("pay ({})", figures.join(", "))
            }
            "certifications" => plural(
                guide.certifications.len(),
                "certification",
                "certifications",
            ),
            "faq" => plural(guide.faq.len(), "FAQ entry", "FAQ entries"),
            "interview" => plural(
                guide.interview_prompts.len(),
                "interview prompt",
                "interview prompts",
            ),
            "positions" => "open positions".to_string(),
            key => key.to_string(),
        };
        parts.push(part);
    }
    if !guide.faq.is_empty() && !parts.iter().any(|p| p.contains("FAQ")) {
        parts.push(plural(guide.faq.len(), "FAQ entry", "FAQ entries"));
    }
    parts.join(", ")
}

/// `/sources`.
pub fn sources(lib: &Library) -> Result<Reply> {
    let guides: usize = lib.catalog.roles.iter().map(|r| r.guides.len()).sum();
    let mut embed = Embed::new("The guides careerbot answers from")
        .description(format!(
            "{} for {}. Every answer names the guide it comes from; figures are the guides' own \
             and nothing is estimated. Where guides differ, both are shown.",
            plural(guides, "guide", "guides"),
            lib.catalog
                .roles
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .color(colors::ANSWER);
    for role in &lib.catalog.roles {
        for guide in &role.guides {
            let source = &guide.source;
            let value = [
                format!(
                    "Publisher: {}",
                    source
                        .publisher
                        .as_deref()
                        .unwrap_or("not named in the guide")
                ),
                match (source.updated_statement(), &source.updated) {
                    (Some(statement), _) => statement,
                    // A relative note ("Updated 28 days ago") whose capture day is unknown.
                    (None, Some(note)) => format!(
                        "No update date: the guide's “{note}” counted from the day it was \
                         captured, which is not recorded"
                    ),
                    (None, None) => "No update date in the guide".to_string(),
                },
                format!("Role: {}", role.name),
                format!("Covers: {}", coverage(guide)),
                format!("Converted from `{}`", source.origin),
            ]
            .join("\n");
            embed = embed.field(source.title.clone(), value, false);
        }
        if let Some(bank) = &role.bank {
            let from_guides = bank
                .questions
                .iter()
                .filter(|q| role.guides.iter().any(|g| g.source.id == q.source))
                .count();
            embed = embed.field(
                format!("Interview question bank — {}", role.name),
                format!(
                    "{}: {from_guides} taken from the guides (cited), {} written for careerbot by {} \
                     (not from a guide), each with a rubric.",
                    plural(bank.questions.len(), "question", "questions"),
                    bank.questions.len() - from_guides,
                    bank.authored_by
                ),
                false,
            );
        }
    }
    let groups = lib.catalog.synonyms.groups.len();
    if groups > 0 {
        embed = embed.field(
            "Synonym list",
            format!(
                "{} written for careerbot (not from a guide), so search and `/match` treat \
                 e.g. Postgres and PostgreSQL alike.",
                plural(groups, "group of words", "groups of words")
            ),
            false,
        );
    }
    let citations: Vec<String> = lib
        .catalog
        .roles
        .iter()
        .flat_map(|r| r.guides.iter().map(|g| g.source.citation().to_string()))
        .collect();
    Ok(Reply::embed(embed.footer(citations.join("\n"))))
}
