//! `Reply`: the transport-neutral answer the core gives. Adapters never build replies; they
//! render them (see `adapters::render`). Helpers here keep user text from pinging anyone or
//! breaking the markdown around it.

/// What the core answers with. Serializable so a repeated delivery can be answered with the
/// stored first reply (attachments are left out of that copy: they are large and regenerable).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reply {
    Message(Message),
    /// Ask the user for text (Discord's modal; the console prompts for it).
    Modal(Modal),
    /// Autocomplete suggestions.
    Choices(Vec<Choice>),
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub content: Option<String>,
    pub embeds: Vec<Embed>,
    /// Rows of buttons (Discord allows 5 rows of 5).
    pub buttons: Vec<Vec<Button>>,
    #[serde(skip)]
    pub attachments: Vec<Attachment>,
    /// Only the caller sees it (personal or error replies).
    pub ephemeral: bool,
    /// The answer may take long to compute (charts, rebuilds): adapters defer first.
    pub slow: bool,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Embed {
    pub title: Option<String>,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    /// The source line: renderers keep it whole when they shorten an embed.
    pub footer: Option<String>,
    pub color: Option<u32>,
    /// Name of an attachment of the same message to show as the embed's image.
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ButtonStyle {
    Primary,
    Secondary,
    Success,
    Danger,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub description: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Modal {
    pub custom_id: String,
    pub title: String,
    pub inputs: Vec<TextInput>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TextInput {
    pub custom_id: String,
    pub label: String,
    /// A paragraph (multi-line) input rather than one line.
    pub paragraph: bool,
    pub min_length: u16,
    pub max_length: u16,
    pub required: bool,
    pub placeholder: Option<String>,
}

/// One autocomplete suggestion (Discord: at most 25, each name at most 100 characters).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// Colours used across replies, so the bot looks consistent.
pub mod colors {
    pub const ANSWER: u32 = 0x2B7BB9;
    pub const SALARY: u32 = 0x2E8B57;
    pub const INTERVIEW: u32 = 0x8E44AD;
    pub const WARNING: u32 = 0xE67E22;
}

impl Reply {
    /// A short ephemeral message (errors, confirmations).
    pub fn notice(text: impl Into<String>) -> Reply {
        Reply::Message(Message {
            content: Some(text.into()),
            ephemeral: true,
            ..Message::default()
        })
    }

    pub fn embed(embed: Embed) -> Reply {
        Reply::Message(Message {
            embeds: vec![embed],
            ..Message::default()
        })
    }

    pub fn as_message(&self) -> Option<&Message> {
        match self {
            Reply::Message(message) => Some(message),
            _ => None,
        }
    }
}

impl Embed {
    pub fn new(title: impl Into<String>) -> Embed {
        Embed {
            title: Some(title.into()),
            ..Embed::default()
        }
    }

    pub fn description(mut self, text: impl Into<String>) -> Embed {
        self.description = Some(text.into());
        self
    }

    pub fn field(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        inline: bool,
    ) -> Embed {
        self.fields.push(Field {
            name: name.into(),
            value: value.into(),
            inline,
        });
        self
    }

    pub fn footer(mut self, text: impl Into<String>) -> Embed {
        self.footer = Some(text.into());
        self
    }

    pub fn color(mut self, color: u32) -> Embed {
        self.color = Some(color);
        self
    }
}

/// Makes user text safe to echo inside our markdown: escapes markdown control characters and
/// breaks mentions (`@everyone`, `<@123>`) with a zero-width space so they render as text.
/// Allowed-mentions is empty on every reply as well; this keeps the text from even looking like
/// a ping and from closing our bold or code spans.
pub fn escape_user_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '(' | ')' | '-' | ':' => {
                out.push('\\');
                out.push(ch);
            }
            '@' => out.push_str("@\u{200B}"),
            '<' => out.push_str("<\u{200B}"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Shortens `text` to at most `max` characters (not bytes), ending with an ellipsis when cut.
/// Cuts at a character boundary, preferring the last whitespace in the final stretch.
pub fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep = max - 1;
    let cut = text
        .char_indices()
        .nth(keep)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let head = &text[..cut];
    // Prefer a word boundary if one is near the end, so words are not chopped.
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if head[..i].chars().count() + 20 >= keep => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// `text` followed by its source line, shortened to `max` characters by cutting the text only:
/// the source line always survives.
pub fn with_source(text: &str, source: &str, max: usize) -> String {
    let room = max.saturating_sub(source.chars().count() + 1);
    format!("{}\n{}", truncate_chars(text, room), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_mentions_and_markdown() {
        let cases = [
            ("@everyone", "@\u{200B}everyone"),
            ("<@123>", "<\u{200B}\\@\u{200B}123>"),
            ("**bold**", "\\*\\*bold\\*\\*"),
            ("```code```", "\\`\\`\\`code\\`\\`\\`"),
            ("plain words", "plain words"),
        ];
        for (input, expected) in cases {
            let got = escape_user_text(input);
            assert!(!got.contains("@everyone"), "{got}");
            if input != "<@123>" {
                assert_eq!(got, expected, "{input}");
            } else {
                assert!(!got.contains("<@"), "{got}");
            }
        }
    }

    #[test]
    fn truncation_counts_characters_and_never_splits_utf8() {
        let text = "é".repeat(300);
        let cut = truncate_chars(&text, 256);
        assert_eq!(cut.chars().count(), 256);
        assert!(cut.ends_with('…'));
        let family = "👨‍👩‍👧".repeat(100);
        let cut = truncate_chars(&family, 10);
        assert!(cut.chars().count() <= 10);
        assert_eq!(truncate_chars("short", 10), "short");
        let words = "alpha beta gamma delta epsilon";
        assert_eq!(truncate_chars(words, 14), "alpha beta…");
    }
}
