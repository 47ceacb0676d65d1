//! The one declaration of every slash command: names, descriptions, typed options, choices and
//! limits. Parsing (console and Discord), `/help`, autocomplete and Discord registration all read
//! this table; nothing else lists commands.

use crate::content::sections::{NAMED_SECTIONS, SECTION_KEYS};

/// What kind of value an option takes, with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    String {
        min_length: u16,
        max_length: u16,
    },
    Integer {
        min: i64,
        max: i64,
    },
    /// A text channel of the server (Discord's channel picker; the console takes its id).
    Channel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    /// Fixed choices (Discord shows them as a menu). Mutually exclusive with `autocomplete`.
    pub choices: &'static [&'static str],
    /// Values are suggested from content as the user types.
    pub autocomplete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubcommandSpec {
    pub name: &'static str,
    /// The subcommand group it belongs to (`faq` in `/admin faq add`), if any.
    pub group: Option<&'static str>,
    pub description: &'static str,
    pub options: &'static [OptionSpec],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub description: &'static str,
    /// Options of a command without subcommands.
    pub options: &'static [OptionSpec],
    /// When non-empty the command is only usable through one of these.
    pub subcommands: &'static [SubcommandSpec],
    /// A slash command, or a message command (right-click on a message → Apps).
    pub kind: CommandKind,
    /// Only usable in a server (never in DMs or as a user-installed app elsewhere).
    pub guild_only: bool,
    /// Who may see and use it by default (Discord's `default_member_permissions`); the server
    /// re-checks the member's permissions on every use, it never trusts the client.
    pub permissions: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandKind {
    /// Typed in the message box (Discord's CHAT_INPUT, type 1).
    Slash,
    /// Offered on a message's context menu (Discord's MESSAGE, type 3); takes the message's text.
    Message,
}

/// Discord's Manage Server permission bit.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// Discord's Administrator bit: holds every permission.
pub const ADMINISTRATOR: u64 = 1 << 3;

/// The fields most commands share.
const SLASH: CommandSpec = CommandSpec {
    name: "",
    description: "",
    options: &[],
    subcommands: &[],
    kind: CommandKind::Slash,
    guild_only: false,
    permissions: None,
};

const fn sub(
    name: &'static str,
    description: &'static str,
    options: &'static [OptionSpec],
) -> SubcommandSpec {
    SubcommandSpec {
        name,
        group: None,
        description,
        options,
    }
}

const fn grouped(
    group: &'static str,
    name: &'static str,
    description: &'static str,
    options: &'static [OptionSpec],
) -> SubcommandSpec {
    SubcommandSpec {
        name,
        group: Some(group),
        description,
        options,
    }
}

const fn text(
    name: &'static str,
    description: &'static str,
    required: bool,
    max_length: u16,
) -> OptionSpec {
    OptionSpec {
        name,
        description,
        kind: OptionKind::String {
            min_length: 1,
            max_length,
        },
        required,
        choices: &[],
        autocomplete: false,
    }
}

const fn suggested(
    name: &'static str,
    description: &'static str,
    required: bool,
    max_length: u16,
) -> OptionSpec {
    OptionSpec {
        autocomplete: true,
        ..text(name, description, required, max_length)
    }
}

const fn chosen(
    name: &'static str,
    description: &'static str,
    choices: &'static [&'static str],
) -> OptionSpec {
    OptionSpec {
        choices,
        ..text(name, description, false, 100)
    }
}

const fn integer(
    name: &'static str,
    description: &'static str,
    required: bool,
    min: i64,
    max: i64,
) -> OptionSpec {
    OptionSpec {
        kind: OptionKind::Integer { min, max },
        ..text(name, description, required, 0)
    }
}

/// Longest free text we accept in a query (Discord allows 6,000). People paste a paragraph of
/// context before the question (a blind evaluation set had nine questions of 300 to 510
/// characters), so a few paragraphs fit; the bound keeps search and the encoder cheap (the
/// encoder reads at most its 256 tokens anyway).
pub const QUERY_MAX: u16 = 1000;
/// Longest interview answer: Discord's paragraph modal input holds 4,000 characters.
pub const ANSWER_MAX: u16 = 4000;

pub const LEVELS: &[&str] = &["junior", "mid", "senior", "lead", "principal"];
pub const SECTIONS: &[&str] = SECTION_KEYS.split_at(NAMED_SECTIONS).0;
pub const KINDS: &[&str] = &[
    "system-design",
    "api-design",
    "databases",
    "coding",
    "reliability",
    "security",
    "behavioral",
];
pub const DIFFICULTIES: &[&str] = &["easy", "medium", "hard"];

const ROLE: OptionSpec = suggested(
    "role",
    "The role (default: the only or first role)",
    false,
    100,
);

pub static COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "help",
        description: "What careerbot can do and how to ask",
        options: &[chosen(
            "command",
            "Show the options of one command",
            &[
                "help",
                "ask",
                "faq",
                "salary",
                "role",
                "match",
                "sources",
                "interview",
                "admin",
            ],
        )],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "ask",
        description: "Search every guide and show the best passages with their sources",
        options: &[text("query", "What you want to know", true, QUERY_MAX)],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "faq",
        description: "Answer a frequently asked question from the guides",
        options: &[suggested(
            "question",
            "Your question (suggestions appear as you type)",
            true,
            QUERY_MAX,
        )],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "salary",
        description: "Pay figures by level from every guide, with a chart",
        options: &[
            ROLE,
            // Suggested rather than a fixed menu, so the guides' names and short forms
            // ("staff", "entry", "sr", "new grad") can be typed; `Level::parse` reads them.
            suggested(
                "level",
                "Narrow to one level (junior, mid, senior, lead, principal; staff, entry, sr…)",
                false,
                100,
            ),
            integer(
                "years",
                "Your years of experience: shows the level each guide gives for it",
                false,
                0,
                60,
            ),
        ],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "role",
        description: "The guide for a role, section by section",
        options: &[
            suggested("name", "The role", false, 100),
            chosen("section", "One section of the guide", SECTIONS),
        ],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "match",
        description: "Which level fits you, its pay, and your skill gap against the guides",
        options: &[
            integer("years", "Years of experience", true, 0, 60),
            text(
                "skills",
                "Your skills, comma-separated (e.g. python, postgres, docker)",
                true,
                1000,
            ),
            ROLE,
        ],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "sources",
        description: "The guides careerbot answers from",
        options: &[],
        subcommands: &[],
        ..SLASH
    },
    CommandSpec {
        name: "interview",
        description: "Practise a mock interview with feedback on every answer",
        options: &[],
        subcommands: &[
            SubcommandSpec {
                group: None,
                name: "start",
                description: "Start a mock interview",
                options: &[
                    ROLE,
                    chosen("kind", "Kind of questions", KINDS),
                    chosen("difficulty", "How hard", DIFFICULTIES),
                    integer("questions", "How many questions (1-10)", false, 1, 10),
                    suggested(
                        "question",
                        "Start with the bank question closest to this text",
                        false,
                        QUERY_MAX,
                    ),
                ],
            },
            SubcommandSpec {
                group: None,
                name: "answer",
                description: "Answer the current question",
                options: &[text("text", "Your answer", true, ANSWER_MAX)],
            },
            SubcommandSpec {
                group: None,
                name: "hint",
                description: "A hint for the current question",
                options: &[],
            },
            SubcommandSpec {
                group: None,
                name: "skip",
                description: "Skip the current question",
                options: &[],
            },
            SubcommandSpec {
                group: None,
                name: "repeat",
                description: "Show the current question again",
                options: &[],
            },
            SubcommandSpec {
                group: None,
                name: "end",
                description: "End the interview and see your summary",
                options: &[],
            },
            SubcommandSpec {
                group: None,
                name: "stats",
                description: "Your practice history and weakest topics",
                options: &[],
            },
            // Discord cannot invoke a subcommand group by itself, so showing the board is
            // `leaderboard show` beside `join` and `leave`.
            grouped(
                "leaderboard",
                "show",
                "This server's daily-question leaderboard (members who joined it)",
                &[],
            ),
            grouped(
                "leaderboard",
                "join",
                "Show your daily-question streak on this server's leaderboard",
                &[],
            ),
            grouped(
                "leaderboard",
                "leave",
                "Take your streak off this server's leaderboard",
                &[],
            ),
        ],
        ..SLASH
    },
    CommandSpec {
        name: "admin",
        description: "For the server's staff: unanswered questions, server FAQ, reload, daily question",
        options: &[],
        subcommands: &[
            sub("gaps", "The questions members asked that nothing answered, most asked first", &[]),
            grouped(
                "faq",
                "add",
                "Add a question and answer for this server (cited as added by staff)",
                &[
                    text("question", "The question, as members ask it", true, STAFF_QUESTION_MAX),
                    text("answer", "The answer careerbot gives in this server", true, STAFF_ANSWER_MAX),
                ],
            ),
            grouped("faq", "list", "This server's own FAQ entries", &[]),
            grouped(
                "faq",
                "remove",
                "Remove one of this server's FAQ entries",
                &[suggested("question", "The entry's question", true, STAFF_QUESTION_MAX)],
            ),
            sub("reload", "Reload content/ (validated first; on failure the old content stays)", &[]),
            sub(
                "daily",
                "Post one interview question a day in a channel, with a thread and an Answer button",
                &[
                    OptionSpec {
                        kind: OptionKind::Channel,
                        ..text("channel", "Where the question is posted", true, 0)
                    },
                    text("time", "When, as HH:MM (24-hour)", true, 5),
                    text("timezone", "UTC or an offset such as UTC+02:00 or -05:00 (default UTC)", false, 16),
                ],
            ),
            sub("daily-off", "Stop the daily question", &[]),
        ],
        guild_only: true,
        permissions: Some(MANAGE_GUILD),
        ..SLASH
    },
    CommandSpec {
        name: MESSAGE_COMMAND,
        description: "",
        kind: CommandKind::Message,
        ..SLASH
    },
];

/// The message command's name, as Discord shows it in a message's Apps menu.
pub const MESSAGE_COMMAND: &str = "Answer from the guides";
/// Longest staff question: a question, not an essay; fits an autocomplete suggestion (100).
pub const STAFF_QUESTION_MAX: u16 = 100;
/// Longest staff answer: well inside an embed's 4,096, with room for the citation.
pub const STAFF_ANSWER_MAX: u16 = 1500;

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

/// The slash commands (what `/help` lists and the console types).
pub fn slash_commands() -> impl Iterator<Item = &'static CommandSpec> {
    COMMANDS.iter().filter(|c| c.kind == CommandKind::Slash)
}

impl CommandSpec {
    /// A subcommand by its path: `start`, or `faq add` for one in a group.
    pub fn subcommand(&self, path: &str) -> Option<&'static SubcommandSpec> {
        // COMMANDS is 'static, so every spec reached through it is too.
        let spec: &'static CommandSpec = find(self.name)?;
        let path = path.split_whitespace().collect::<Vec<_>>().join(" ");
        spec.subcommands
            .iter()
            .find(|s| s.path().eq_ignore_ascii_case(&path))
    }

    /// Whether `word` names one of its subcommand groups.
    pub fn is_group(&self, word: &str) -> bool {
        self.subcommands
            .iter()
            .any(|s| s.group.is_some_and(|g| g.eq_ignore_ascii_case(word)))
    }
}

impl SubcommandSpec {
    /// `start`, or `faq add` for a subcommand in a group.
    pub fn path(&self) -> String {
        match self.group {
            Some(group) => format!("{group} {}", self.name),
            None => self.name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord rejects a registration that breaks these rules; catch it here instead.
    #[test]
    fn declaration_obeys_discord_rules() {
        let valid_name = |n: &str| {
            !n.is_empty()
                && n.len() <= 32
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_' || c.is_ascii_digit())
        };
        let check_options = |options: &[OptionSpec]| {
            assert!(options.len() <= 25);
            let mut seen_optional = false;
            for option in options {
                assert!(valid_name(option.name), "{}", option.name);
                assert!(
                    !option.description.is_empty() && option.description.chars().count() <= 100,
                    "{}",
                    option.name
                );
                assert!(
                    !option.autocomplete || option.choices.is_empty(),
                    "{}",
                    option.name
                );
                assert!(option.choices.len() <= 25);
                // Discord requires required options before optional ones.
                if option.required {
                    assert!(
                        !seen_optional,
                        "required option {} after an optional one",
                        option.name
                    );
                } else {
                    seen_optional = true;
                }
            }
        };
        assert!(COMMANDS.len() <= 100);
        for command in slash_commands() {
            assert!(valid_name(command.name));
            assert!(
                command.description.chars().count() <= 100,
                "{}",
                command.name
            );
            check_options(command.options);
            for sub in command.subcommands {
                assert!(valid_name(sub.name));
                check_options(sub.options);
            }
        }
    }

    #[test]
    fn help_lists_every_command() {
        let help = COMMANDS.iter().find(|c| c.name == "help").unwrap();
        let names: Vec<&str> = slash_commands().map(|c| c.name).collect();
        assert_eq!(help.options[0].choices, names.as_slice());
    }
}
