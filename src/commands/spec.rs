//! The one declaration of every slash command: names, descriptions, typed options, choices and
//! limits. Parsing (console and Discord), `/help`, autocomplete and Discord registration all read
//! this table; nothing else lists commands.

/// What kind of value an option takes, with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    String { min_length: u16, max_length: u16 },
    Integer { min: i64, max: i64 },
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

/// Longest free text we accept in a query (Discord allows 6,000; nobody types a question that
/// long, and the bound keeps search cheap).
pub const QUERY_MAX: u16 = 300;
/// Longest interview answer: Discord's paragraph modal input holds 4,000 characters.
pub const ANSWER_MAX: u16 = 4000;

pub const LEVELS: &[&str] = &["junior", "mid", "senior", "lead", "principal"];
pub const SECTIONS: &[&str] = &[
    "overview",
    "skills",
    "tools",
    "ladder",
    "certifications",
    "day",
    "ai",
    "outlook",
    "entry",
    "projects",
    "next",
];
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
            ],
        )],
        subcommands: &[],
    },
    CommandSpec {
        name: "ask",
        description: "Search every guide and show the best passages with their sources",
        options: &[text("query", "What you want to know", true, QUERY_MAX)],
        subcommands: &[],
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
    },
    CommandSpec {
        name: "role",
        description: "The guide for a role, section by section",
        options: &[
            suggested("name", "The role", false, 100),
            chosen("section", "One section of the guide", SECTIONS),
        ],
        subcommands: &[],
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
    },
    CommandSpec {
        name: "sources",
        description: "The guides careerbot answers from",
        options: &[],
        subcommands: &[],
    },
    CommandSpec {
        name: "interview",
        description: "Practise a mock interview with feedback on every answer",
        options: &[],
        subcommands: &[
            SubcommandSpec {
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
                name: "answer",
                description: "Answer the current question",
                options: &[text("text", "Your answer", true, ANSWER_MAX)],
            },
            SubcommandSpec {
                name: "hint",
                description: "A hint for the current question",
                options: &[],
            },
            SubcommandSpec {
                name: "skip",
                description: "Skip the current question",
                options: &[],
            },
            SubcommandSpec {
                name: "repeat",
                description: "Show the current question again",
                options: &[],
            },
            SubcommandSpec {
                name: "end",
                description: "End the interview and see your summary",
                options: &[],
            },
            SubcommandSpec {
                name: "stats",
                description: "Your practice history and weakest topics",
                options: &[],
            },
        ],
    },
];

pub fn find(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

impl CommandSpec {
    pub fn subcommand(&self, name: &str) -> Option<&'static SubcommandSpec> {
        // COMMANDS is 'static, so every spec reached through it is too.
        let spec: &'static CommandSpec = find(self.name)?;
        spec.subcommands
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
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
        for command in COMMANDS {
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
        let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(help.options[0].choices, names.as_slice());
    }
}
