//! Career guidance: answers to `/ask`, `/faq`, `/salary`, `/role`, `/match` and `/sources`, and
//! autocomplete for options whose values come from content. Plain functions over the catalog and
//! the index; every reply cites the guide each statement comes from.

use crate::app::{App, Caller};
use crate::commands::Focused;
use crate::content::model::Level;
use crate::content::{Catalog, Citation};
use crate::error::{Error, Result};
use crate::reply::{colors, escape_user_text, truncate_chars, with_source, Choice, Embed, Reply};
use crate::search::{DocKind, Filter, Hit};

/// The citation of a search hit: its guide, or the authors of the question bank.
pub fn citation(catalog: &Catalog, role_id: &str, source_id: &str) -> Citation {
    let role = catalog.roles.iter().find(|r| r.id == role_id);
    match role.and_then(|r| r.guides.iter().find(|g| g.source.id == source_id)) {
        Some(guide) => guide.source.citation(),
        None => Citation::Authored {
            by: role.and_then(|r| r.bank.as_ref()).map_or_else(
                || "the careerbot maintainers".into(),
                |b| b.authored_by.clone(),
            ),
        },
    }
}

/// Italic source line for a hit.
fn source_line(catalog: &Catalog, hit: &Hit) -> String {
    format!("*{}*", citation(catalog, &hit.doc.role, &hit.doc.source))
}

/// `/ask`: the best passages across all content.
pub fn ask(app: &App, query: &str) -> Result<Reply> {
    let hits = app.search.search(query, &Filter::default(), 5)?;
    let echoed = truncate_chars(&escape_user_text(query), 200);
    let Some((best, rest)) = hits.split_first() else {
        return Ok(Reply::notice(format!(
            "I found nothing in the guides about “{echoed}”. Try other words, or `/help` for what I can answer."
        )));
    };
    // The best hit of an FAQ is shown whole (its answer verbatim); others as highlighted passages.
    let best_text = if best.doc.kind == DocKind::Faq {
        escape_markdown_light(&best.doc.body)
    } else {
        best.snippet.clone()
    };
    let mut embed = Embed::new(truncate_chars(
        &format!("Results for “{}”", escape_user_text(query.trim())),
        256,
    ))
    .description(with_source(
        &format!("**{}**\n{}", best.doc.title, best_text),
        &source_line(&app.catalog, best),
        4096,
    ))
    .color(colors::ANSWER);
    for hit in rest {
        embed = embed.field(
            truncate_chars(&hit.doc.title, 256),
            with_source(&hit.snippet, &source_line(&app.catalog, hit), 1024),
            false,
        );
    }
    let mut sources: Vec<String> = Vec::new();
    for hit in &hits {
        let line = citation(&app.catalog, &hit.doc.role, &hit.doc.source).to_string();
        if !sources.contains(&line) {
            sources.push(line);
        }
    }
    embed = embed.footer(sources.join("\n"));
    let _ = echoed;
    Ok(Reply::embed(embed))
}

/// Guide text is ours to show, but it may contain characters Discord reads as markdown.
fn escape_markdown_light(text: &str) -> String {
    text.replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
}

pub fn faq(app: &App, question: &str) -> Result<Reply> {
    ask(app, question)
}

pub fn salary(
    _app: &App,
    _role: Option<&str>,
    _level: Option<Level>,
    _years: Option<u32>,
) -> Result<Reply> {
    Err(Error::Usage("/salary is not available yet.".into()))
}

pub fn role(_app: &App, _name: Option<&str>, _section: Option<&str>) -> Result<Reply> {
    Err(Error::Usage("/role is not available yet.".into()))
}

pub fn matching(_app: &App, _years: u32, _skills: &str, _role: Option<&str>) -> Result<Reply> {
    Err(Error::Usage("/match is not available yet.".into()))
}

pub fn sources(_app: &App) -> Result<Reply> {
    Err(Error::Usage("/sources is not available yet.".into()))
}

pub fn component(_app: &App, _caller: &Caller, custom_id: &str) -> Result<Reply> {
    Err(Error::Usage(format!(
        "That button ({}) is no longer active.",
        truncate_chars(custom_id, 40)
    )))
}

pub fn autocomplete(_app: &App, focused: &Focused) -> Result<Vec<Choice>> {
    let partial = focused.partial.to_lowercase();
    Ok(focused
        .option
        .choices
        .iter()
        .filter(|c| c.starts_with(&partial))
        .map(|c| Choice {
            name: c.to_string(),
            value: c.to_string(),
        })
        .collect())
}
