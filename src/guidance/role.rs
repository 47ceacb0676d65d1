//! `/role [name] [section]`: the guides for a role, section by section, each with its source.
//! Without a section it shows the overview of every guide; buttons open the other sections.

use crate::commands::spec::SECTIONS;
use crate::content::sections::SectionView;
use crate::content::Role;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{colors, with_source, Button, ButtonStyle, Embed, Message, Reply};

use super::{escape_markdown_light, guide_source_line, resolve_role};

/// Custom ids of section buttons: `role:<role id>:<section>`.
pub const CUSTOM_ID_PREFIX: &str = "role";

/// The sections of `/role section:` that at least one guide of the role has, in order.
pub fn available_sections(role: &Role) -> Vec<&'static str> {
    SECTIONS
        .iter()
        .copied()
        .filter(|key| {
            role.guides
                .iter()
                .any(|g| g.sections().iter().any(|s| s.key == *key))
        })
        .collect()
}

/// Buttons for the role's sections, the shown one highlighted.
fn section_buttons(role: &Role, current: &str) -> Vec<Vec<Button>> {
    let buttons: Vec<Button> = available_sections(role)
        .into_iter()
        .map(|key| Button {
            custom_id: format!("{CUSTOM_ID_PREFIX}:{}:{key}", role.id),
            label: key.to_string(),
            style: if key == current {
                ButtonStyle::Primary
            } else {
                ButtonStyle::Secondary
            },
            disabled: key == current,
        })
        .collect();
    buttons.chunks(5).map(<[Button]>::to_vec).collect()
}

/// `/role`.
pub fn role(lib: &Library, name: Option<&str>, section: Option<&str>) -> Result<Reply> {
    let role = resolve_role(lib, name)?;
    let key = match section {
        None => "overview",
        Some(wanted) => SECTIONS
            .iter()
            .copied()
            .find(|s| s.eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "`section` must be one of: {}.",
                    SECTIONS.join(", ")
                ))
            })?,
    };
    let mut embeds = Vec::new();
    let mut missing = Vec::new();
    for guide in &role.guides {
        let found: Option<SectionView> = guide.sections().into_iter().find(|s| s.key == key);
        match found {
            Some(view) => embeds.push(
                Embed::new(format!("{} — {}", role.name, view.heading))
                    .description(with_source(
                        &escape_markdown_light(&view.body),
                        &guide_source_line(guide),
                        4096,
                    ))
                    .footer(guide.source.citation().to_string())
                    .color(colors::ANSWER),
            ),
            None => missing.push(guide.source.title.as_str()),
        }
    }
    if embeds.is_empty() {
        return Ok(Reply::notice(format!(
            "No guide for {} has a `{key}` section. Sections they have: {}.",
            role.name,
            available_sections(role).join(", ")
        )));
    }
    let mut notes = Vec::new();
    if section.is_none() {
        notes.push(format!(
            "The guides for {}, section by section: pick one below or use `/role section:…` ({}).",
            role.name,
            available_sections(role).join(", ")
        ));
    }
    if !missing.is_empty() {
        notes.push(format!(
            "Not covered by: {}.",
            missing
                .iter()
                .map(|t| format!("*{t}*"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Reply::Message(Message {
        content: (!notes.is_empty()).then(|| notes.join("\n")),
        embeds,
        buttons: section_buttons(role, key),
        ..Message::default()
    }))
}
