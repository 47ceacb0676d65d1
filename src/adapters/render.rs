//! The one renderer: `Reply` -> Discord interaction-response JSON. The gateway adapter, the HTTP
//! endpoint and the console's `--format json` all print exactly this. It also enforces Discord's
//! limits (shortening at character boundaries, keeping the source line) and sends every message
//! with allowed mentions empty, so nothing the bot echoes can ping anyone.

use serde_json::{json, Map, Value};

use crate::reply::{truncate_chars, Button, ButtonStyle, Choice, Embed, Message, Modal, Reply};

/// Discord's documented limits.
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBEDS: usize = 10;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const EMBED_TOTAL: usize = 6000;
    pub const BUTTON_ROWS: usize = 5;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const BUTTON_LABEL: usize = 80;
    pub const CUSTOM_ID: usize = 100;
    pub const CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
    pub const CHOICE_VALUE: usize = 100;
    pub const MODAL_TITLE: usize = 45;
    pub const INPUT_LABEL: usize = 45;
}

/// Interaction callback types.
pub mod callback {
    pub const MESSAGE: u8 = 4;
    pub const DEFERRED_MESSAGE: u8 = 5;
    pub const AUTOCOMPLETE: u8 = 8;
    pub const MODAL: u8 = 9;
}

/// Flag for a message only the caller sees.
pub const EPHEMERAL: u64 = 1 << 6;

/// A rendered response: the JSON body and the files to upload with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub body: Value,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The interaction response for a reply.
pub fn interaction_response(reply: &Reply) -> Rendered {
    match reply {
        Reply::Message(message) => {
            let (data, files) = message_data(message);
            Rendered {
                body: json!({ "type": callback::MESSAGE, "data": data }),
                files,
            }
        }
        Reply::Modal(modal) => Rendered {
            body: json!({ "type": callback::MODAL, "data": modal_data(modal) }),
            files: Vec::new(),
        },
        Reply::Choices(choices) => Rendered {
            body: json!({ "type": callback::AUTOCOMPLETE, "data": { "choices": choices_data(choices) } }),
            files: Vec::new(),
        },
    }
}

/// Message data (for an initial response, a follow-up or an edit of the original).
pub fn message_data(message: &Message) -> (Value, Vec<(String, Vec<u8>)>) {
    let mut data = Map::new();
    if let Some(content) = &message.content {
        data.insert(
            "content".into(),
            json!(truncate_chars(content, limits::CONTENT)),
        );
    }
    let embeds = fit_embeds(&message.embeds);
    data.insert(
        "embeds".into(),
        Value::Array(embeds.iter().map(embed_json).collect()),
    );
    let rows: Vec<Value> = message
        .buttons
        .iter()
        .take(limits::BUTTON_ROWS)
        .filter(|row| !row.is_empty())
        .map(|row| json!({ "type": 1, "components": row.iter().take(limits::BUTTONS_PER_ROW).map(button_json).collect::<Vec<_>>() }))
        .collect();
    data.insert("components".into(), Value::Array(rows));
    data.insert("allowed_mentions".into(), json!({ "parse": [] }));
    if message.ephemeral {
        data.insert("flags".into(), json!(EPHEMERAL));
    }
    if !message.attachments.is_empty() {
        let list: Vec<Value> = message
            .attachments
            .iter()
            .enumerate()
            .map(|(id, a)| json!({ "id": id, "filename": a.filename, "description": a.description, "size": a.bytes.len() }))
            .collect();
        data.insert("attachments".into(), Value::Array(list));
    }
    let files = message
        .attachments
        .iter()
        .map(|a| (a.filename.clone(), a.bytes.clone()))
        .collect();
    (Value::Object(data), files)
}

fn choices_data(choices: &[Choice]) -> Vec<Value> {
    choices
        .iter()
        .take(limits::CHOICES)
        .map(|c| json!({ "name": truncate_chars(&c.name, limits::CHOICE_NAME), "value": truncate_chars(&c.value, limits::CHOICE_VALUE) }))
        .collect()
}

fn modal_data(modal: &Modal) -> Value {
    let rows: Vec<Value> = modal
        .inputs
        .iter()
        .map(|input| {
            let mut text = json!({
                "type": 4,
                "custom_id": input.custom_id,
                "label": truncate_chars(&input.label, limits::INPUT_LABEL),
                "style": if input.paragraph { 2 } else { 1 },
                "min_length": input.min_length,
                "max_length": input.max_length,
                "required": input.required,
            });
            if let Some(placeholder) = &input.placeholder {
                text["placeholder"] = json!(truncate_chars(placeholder, 100));
            }
            json!({ "type": 1, "components": [text] })
        })
        .collect();
    json!({ "custom_id": modal.custom_id, "title": truncate_chars(&modal.title, limits::MODAL_TITLE), "components": rows })
}

fn button_json(button: &Button) -> Value {
    let style = match button.style {
        ButtonStyle::Primary => 1,
        ButtonStyle::Secondary => 2,
        ButtonStyle::Success => 3,
        ButtonStyle::Danger => 4,
    };
    json!({
        "type": 2,
        "style": style,
        "label": truncate_chars(&button.label, limits::BUTTON_LABEL),
        "custom_id": button.custom_id.chars().take(limits::CUSTOM_ID).collect::<String>(),
        "disabled": button.disabled,
    })
}

fn embed_json(embed: &Embed) -> Value {
    let mut value = Map::new();
    if let Some(title) = &embed.title {
        value.insert("title".into(), json!(title));
    }
    if let Some(description) = &embed.description {
        value.insert("description".into(), json!(description));
    }
    if !embed.fields.is_empty() {
        let fields: Vec<Value> = embed
            .fields
            .iter()
            .map(|f| json!({ "name": f.name, "value": f.value, "inline": f.inline }))
            .collect();
        value.insert("fields".into(), Value::Array(fields));
    }
    if let Some(footer) = &embed.footer {
        value.insert("footer".into(), json!({ "text": footer }));
    }
    if let Some(color) = embed.color {
        value.insert("color".into(), json!(color));
    }
    if let Some(image) = &embed.image {
        value.insert(
            "image".into(),
            json!({ "url": format!("attachment://{image}") }),
        );
    }
    Value::Object(value)
}

fn embed_size(embed: &Embed) -> usize {
    let count = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
    count(&embed.title)
        + count(&embed.description)
        + count(&embed.footer)
        + embed
            .fields
            .iter()
            .map(|f| f.name.chars().count() + f.value.chars().count())
            .sum::<usize>()
}

/// Applies Discord's per-part and total limits. Empty parts are replaced (Discord rejects an
/// empty field). When the total is too big, fields are dropped from the end and then the
/// description is shortened; the footer (the source line) is kept whole.
pub fn fit_embeds(embeds: &[Embed]) -> Vec<Embed> {
    let mut fitted: Vec<Embed> = embeds
        .iter()
        .take(limits::EMBEDS)
        .map(|embed| {
            let mut e = embed.clone();
            e.title = e.title.map(|t| truncate_chars(&t, limits::EMBED_TITLE));
            e.description = e
                .description
                .map(|d| truncate_chars(&d, limits::EMBED_DESCRIPTION));
            e.footer = e.footer.map(|f| truncate_chars(&f, limits::FOOTER));
            e.fields.truncate(limits::EMBED_FIELDS);
            for field in &mut e.fields {
                field.name = if field.name.trim().is_empty() {
                    "\u{200B}".into()
                } else {
                    truncate_chars(&field.name, limits::FIELD_NAME)
                };
                field.value = if field.value.trim().is_empty() {
                    "\u{200B}".into()
                } else {
                    truncate_chars(&field.value, limits::FIELD_VALUE)
                };
            }
            e
        })
        .collect();
    // Each pass takes at least one character off the total or drops an embed, and the total
    // and the number of embeds are finite: the loop ends. `shrink_once` says false only when a
    // single embed is down to one character per part, which is far under the limit.
    loop {
        let total: usize = fitted.iter().map(embed_size).sum();
        if total <= limits::EMBED_TOTAL || !shrink_once(&mut fitted, total - limits::EMBED_TOTAL) {
            return fitted;
        }
    }
}

/// Makes the embeds smaller by one step, least important part first: the last embed's fields
/// (beyond one, or beside a description), then its description, then its only field; then
/// whole embeds from the end; the first embed's title; its footer (the source line) last of all.
/// False when nothing is left to give.
fn shrink_once(embeds: &mut Vec<Embed>, excess: usize) -> bool {
    let longer_than_one = |text: &str| text.chars().count() > 1;
    // Shortened to leave room for the ellipsis; always strictly shorter than before.
    let shorter = |text: &str| {
        let keep = text.chars().count().saturating_sub(excess + 1).max(1);
        truncate_chars(text, keep)
    };
    for embed in embeds.iter_mut().rev() {
        if embed.fields.len() > 1 || (!embed.fields.is_empty() && embed.description.is_some()) {
            embed.fields.pop();
            return true;
        }
        if let Some(description) = embed.description.as_deref().filter(|d| longer_than_one(d)) {
            embed.description = Some(shorter(description));
            return true;
        }
        if let Some(field) = embed.fields.first_mut() {
            if longer_than_one(&field.value) {
                field.value = shorter(&field.value);
            } else {
                embed.fields.clear();
            }
            return true;
        }
    }
    if embeds.len() > 1 {
        embeds.pop();
        return true;
    }
    let Some(embed) = embeds.first_mut() else {
        return false;
    };
    if let Some(title) = embed.title.as_deref().filter(|t| longer_than_one(t)) {
        embed.title = Some(shorter(title));
        return true;
    }
    if let Some(footer) = embed.footer.as_deref().filter(|f| longer_than_one(f)) {
        embed.footer = Some(shorter(footer));
        return true;
    }
    false
}

/// The rendered response as terminal text: what the console's `text` format prints.
pub fn to_text(rendered: &Rendered) -> String {
    let body = &rendered.body;
    let data = &body["data"];
    let mut out = String::new();
    match body["type"].as_u64().unwrap_or(0) as u8 {
        callback::AUTOCOMPLETE => {
            for choice in data["choices"].as_array().into_iter().flatten() {
                out.push_str(&format!(
                    "  {}\n",
                    choice["name"].as_str().unwrap_or_default()
                ));
            }
        }
        callback::MODAL => {
            out.push_str(&format!(
                "[{}]\n",
                data["title"].as_str().unwrap_or_default()
            ));
        }
        _ => {
            if data["flags"].as_u64().is_some_and(|f| f & EPHEMERAL != 0) {
                out.push_str("(only you can see this)\n");
            }
            if let Some(content) = data["content"].as_str() {
                out.push_str(content);
                out.push('\n');
            }
            for embed in data["embeds"].as_array().into_iter().flatten() {
                if let Some(title) = embed["title"].as_str() {
                    out.push_str(&format!("\n== {title} ==\n"));
                }
                if let Some(description) = embed["description"].as_str() {
                    out.push_str(description);
                    out.push('\n');
                }
                for field in embed["fields"].as_array().into_iter().flatten() {
                    out.push_str(&format!(
                        "\n-- {} --\n{}\n",
                        field["name"].as_str().unwrap_or_default(),
                        field["value"].as_str().unwrap_or_default()
                    ));
                }
                if let Some(footer) = embed["footer"]["text"].as_str() {
                    out.push_str(&format!("\n{footer}\n"));
                }
            }
            let buttons: Vec<&str> = data["components"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|row| row["components"].as_array().into_iter().flatten())
                .filter_map(|b| b["label"].as_str())
                .collect();
            if !buttons.is_empty() {
                out.push_str(&format!("\n[{}]\n", buttons.join("] [")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Attachment, Field};

    #[test]
    fn every_message_has_empty_allowed_mentions() {
        let rendered = interaction_response(&Reply::notice("@everyone hi"));
        assert_eq!(rendered.body["type"], 4);
        assert_eq!(
            rendered.body["data"]["allowed_mentions"],
            json!({ "parse": [] })
        );
        assert_eq!(rendered.body["data"]["flags"], json!(64));
    }

    #[test]
    fn limits_are_enforced_and_the_footer_survives() {
        let field = Field {
            name: "n".repeat(300),
            value: "é".repeat(2000),
            inline: false,
        };
        let embed = Embed {
            title: Some("t".repeat(300)),
            description: Some("d".repeat(5000)),
            fields: vec![field; 30],
            footer: Some("Source: the guide".into()),
            ..Embed::default()
        };
        let fitted = fit_embeds(&[embed]);
        let e = &fitted[0];
        assert!(e.title.as_ref().unwrap().chars().count() <= 256);
        assert!(e.fields.len() <= 25);
        assert!(e
            .fields
            .iter()
            .all(|f| f.name.chars().count() <= 256 && f.value.chars().count() <= 1024));
        assert!(embed_size(e) <= 6000, "{}", embed_size(e));
        assert_eq!(e.footer.as_deref(), Some("Source: the guide"));
    }

    /// A property over many generated messages (a fixed-seed generator, so failures replay):
    /// fitting always ends, every part and the 6,000-character total are within Discord's
    /// limits, at least one embed survives, and a source line that fits is kept whole.
    #[test]
    fn fitting_always_ends_within_every_limit() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound.max(1) as u64) as usize
        };
        let pieces = ["", " ", "a", "é", "👨‍👩‍👧", "word ", "\n", "x"];
        let text = |next: &mut dyn FnMut(usize) -> usize, max: usize| -> Option<String> {
            if next(5) == 0 {
                return None;
            }
            let piece = pieces[next(pieces.len())];
            Some(piece.repeat(next(max + 1)))
        };
        for case in 0..3000 {
            let embeds: Vec<Embed> = (0..next(13))
                .map(|_| Embed {
                    title: text(&mut next, 400),
                    description: text(&mut next, 6000),
                    fields: (0..next(32))
                        .map(|_| Field {
                            name: text(&mut next, 300).unwrap_or_default(),
                            value: text(&mut next, 1500).unwrap_or_default(),
                            inline: false,
                        })
                        .collect(),
                    footer: text(&mut next, 2500),
                    ..Embed::default()
                })
                .collect();
            let fitted = fit_embeds(&embeds);
            let total: usize = fitted.iter().map(embed_size).sum();
            assert!(total <= limits::EMBED_TOTAL, "case {case}: {total}");
            assert!(fitted.len() <= limits::EMBEDS, "case {case}");
            assert_eq!(fitted.is_empty(), embeds.is_empty(), "case {case}");
            for embed in &fitted {
                let chars = |s: &Option<String>| s.as_deref().map_or(0, |s| s.chars().count());
                assert!(chars(&embed.title) <= limits::EMBED_TITLE, "case {case}");
                assert!(
                    chars(&embed.description) <= limits::EMBED_DESCRIPTION,
                    "case {case}"
                );
                assert!(chars(&embed.footer) <= limits::FOOTER, "case {case}");
                assert!(embed.fields.len() <= limits::EMBED_FIELDS, "case {case}");
                assert!(embed.fields.iter().all(|f| !f.name.trim().is_empty()
                    && !f.value.trim().is_empty()
                    && f.name.chars().count() <= limits::FIELD_NAME
                    && f.value.chars().count() <= limits::FIELD_VALUE));
            }
            if let (Some(first), Some(original)) = (fitted.first(), embeds.first()) {
                let footer = original.footer.as_deref().unwrap_or_default();
                if footer.chars().count() <= limits::FOOTER && !footer.is_empty() {
                    assert_eq!(first.footer.as_deref(), Some(footer), "case {case}");
                }
            }
        }
    }

    /// The input that used to spin forever: one field already down to one character and a
    /// total still over the limit.
    #[test]
    fn a_single_short_field_over_the_total_does_not_spin() {
        let embed = |n: usize| Embed {
            title: Some(format!("{n}").repeat(256)),
            fields: vec![Field {
                name: "n".repeat(256),
                value: "v".into(),
                inline: false,
            }],
            footer: Some("f".repeat(2048)),
            ..Embed::default()
        };
        let fitted = fit_embeds(&(0..10).map(embed).collect::<Vec<_>>());
        assert!(fitted.iter().map(embed_size).sum::<usize>() <= limits::EMBED_TOTAL);
        assert_eq!(fitted[0].footer.as_deref(), Some("f".repeat(2048).as_str()));
    }

    #[test]
    fn attachments_are_listed_with_size() {
        let message = Message {
            attachments: vec![Attachment {
                filename: "chart.png".into(),
                description: "chart".into(),
                bytes: vec![1, 2, 3],
            }],
            ..Message::default()
        };
        let rendered = interaction_response(&Reply::Message(message));
        assert_eq!(
            rendered.body["data"]["attachments"][0]["filename"],
            "chart.png"
        );
        assert_eq!(rendered.body["data"]["attachments"][0]["size"], 3);
        assert_eq!(rendered.files.len(), 1);
    }

    #[test]
    fn choices_are_capped() {
        let choices: Vec<Choice> = (0..40)
            .map(|i| Choice {
                name: format!("{i}{}", "x".repeat(200)),
                value: i.to_string(),
            })
            .collect();
        let rendered = interaction_response(&Reply::Choices(choices));
        let list = rendered.body["data"]["choices"].as_array().unwrap();
        assert_eq!(list.len(), 25);
        assert!(list
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100));
    }
}
