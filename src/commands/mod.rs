//! Commands: the declaration (`spec`), the parsing of what users type (`parse`), and the typed
//! `Command` the core handles. Adapters produce a `Command`; `App::handle` consumes it.

pub mod parse;
pub mod spec;

pub use parse::{parse_focused, parse_line, resolve, Focused, Invocation, RawValue, Value};

use crate::content::model::{Difficulty, Level, QuestionKind};
use crate::error::{Error, Result};

/// Everything a user can ask of the bot, whatever the transport.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help {
        command: Option<String>,
    },
    Ask {
        query: String,
    },
    Faq {
        question: String,
    },
    Salary {
        role: Option<String>,
        level: Option<Level>,
        years: Option<u32>,
    },
    Role {
        name: Option<String>,
        section: Option<String>,
    },
    Match {
        years: u32,
        skills: String,
        role: Option<String>,
    },
    Sources,
    Interview(InterviewCommand),
    /// For a server's staff; refused without Manage Server, and outside a server.
    Admin(AdminCommand),
    /// The message command: the best cited answer to a message's text.
    AnswerMessage {
        text: String,
    },
    /// A button click, by its custom id.
    Component {
        custom_id: String,
    },
    /// A submitted modal: its custom id and the values of its text inputs.
    ModalSubmit {
        custom_id: String,
        fields: Vec<(String, String)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum InterviewCommand {
    Start {
        role: Option<String>,
        kind: Option<QuestionKind>,
        difficulty: Option<Difficulty>,
        questions: Option<u8>,
        question: Option<String>,
    },
    Answer {
        text: String,
    },
    Hint,
    Skip,
    Repeat,
    End,
    Stats,
    Leaderboard,
    LeaderboardJoin,
    LeaderboardLeave,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AdminCommand {
    Gaps,
    FaqAdd {
        question: String,
        answer: String,
    },
    FaqList,
    FaqRemove {
        question: String,
    },
    Reload,
    Daily {
        channel_id: String,
        time: String,
        timezone: Option<String>,
    },
    DailyOff,
}

impl Command {
    /// Parses a console slash line into a command.
    pub fn parse(line: &str) -> Result<Command> {
        Command::from_invocation(&parse::parse_line(line)?)
    }

    /// The typed command for a validated invocation. Values were checked against the declaration
    /// already; this only gives them their types.
    pub fn from_invocation(invocation: &Invocation) -> Result<Command> {
        let text = |name: &str| invocation.text(name).map(str::to_string);
        let required = |name: &str| {
            text(name).ok_or_else(|| {
                Error::Usage(format!("`{name}` is required in `{}`.", invocation.path()))
            })
        };
        let years = |name: &str| invocation.integer(name).map(|n| n as u32);
        let subcommand = invocation.subcommand.map(|s| s.path());
        let command = match (invocation.command.name, subcommand.as_deref()) {
            ("help", _) => Command::Help {
                command: text("command"),
            },
            ("ask", _) => Command::Ask {
                query: required("query")?,
            },
            ("faq", _) => Command::Faq {
                question: required("question")?,
            },
            ("salary", _) => Command::Salary {
                role: text("role"),
                level: invocation.text("level").map(parse_level).transpose()?,
                years: years("years"),
            },
            ("role", _) => Command::Role {
                name: text("name"),
                section: text("section"),
            },
            ("match", _) => Command::Match {
                years: years("years")
                    .ok_or_else(|| Error::Usage("`years` is required in `/match`.".into()))?,
                skills: required("skills")?,
                role: text("role"),
            },
            ("sources", _) => Command::Sources,
            ("interview", Some("start")) => Command::Interview(InterviewCommand::Start {
                role: text("role"),
                kind: invocation.text("kind").and_then(QuestionKind::parse),
                difficulty: invocation.text("difficulty").and_then(Difficulty::parse),
                questions: invocation.integer("questions").map(|n| n as u8),
                question: text("question"),
            }),
            ("interview", Some("answer")) => Command::Interview(InterviewCommand::Answer {
                text: required("text")?,
            }),
            ("interview", Some("hint")) => Command::Interview(InterviewCommand::Hint),
            ("interview", Some("skip")) => Command::Interview(InterviewCommand::Skip),
            ("interview", Some("repeat")) => Command::Interview(InterviewCommand::Repeat),
            ("interview", Some("end")) => Command::Interview(InterviewCommand::End),
            ("interview", Some("stats")) => Command::Interview(InterviewCommand::Stats),
            ("interview", Some("leaderboard show")) => {
                Command::Interview(InterviewCommand::Leaderboard)
            }
            ("interview", Some("leaderboard join")) => {
                Command::Interview(InterviewCommand::LeaderboardJoin)
            }
            ("interview", Some("leaderboard leave")) => {
                Command::Interview(InterviewCommand::LeaderboardLeave)
            }
            ("admin", Some("gaps")) => Command::Admin(AdminCommand::Gaps),
            ("admin", Some("faq add")) => Command::Admin(AdminCommand::FaqAdd {
                question: required("question")?,
                answer: required("answer")?,
            }),
            ("admin", Some("faq list")) => Command::Admin(AdminCommand::FaqList),
            ("admin", Some("faq remove")) => Command::Admin(AdminCommand::FaqRemove {
                question: required("question")?,
            }),
            ("admin", Some("reload")) => Command::Admin(AdminCommand::Reload),
            ("admin", Some("daily")) => Command::Admin(AdminCommand::Daily {
                channel_id: required("channel")?,
                time: required("time")?,
                timezone: text("timezone"),
            }),
            ("admin", Some("daily-off")) => Command::Admin(AdminCommand::DailyOff),
            (name, sub) => {
                return Err(Error::Unknown(format!(
                    "`/{name}{}` is declared but not handled",
                    sub.map(|s| format!(" {s}")).unwrap_or_default()
                )))
            }
        };
        Ok(command)
    }

    /// A short name for logs and metrics (`interview.start`, `faq`, `component`).
    pub fn metric_name(&self) -> &'static str {
        match self {
            Command::Help { .. } => "help",
            Command::Ask { .. } => "ask",
            Command::Faq { .. } => "faq",
            Command::Salary { .. } => "salary",
            Command::Role { .. } => "role",
            Command::Match { .. } => "match",
            Command::Sources => "sources",
            Command::Interview(InterviewCommand::Start { .. }) => "interview.start",
            Command::Interview(InterviewCommand::Answer { .. }) => "interview.answer",
            Command::Interview(InterviewCommand::Hint) => "interview.hint",
            Command::Interview(InterviewCommand::Skip) => "interview.skip",
            Command::Interview(InterviewCommand::Repeat) => "interview.repeat",
            Command::Interview(InterviewCommand::End) => "interview.end",
            Command::Interview(InterviewCommand::Stats) => "interview.stats",
            Command::Interview(InterviewCommand::Leaderboard) => "interview.leaderboard",
            Command::Interview(InterviewCommand::LeaderboardJoin) => "interview.leaderboard.join",
            Command::Interview(InterviewCommand::LeaderboardLeave) => "interview.leaderboard.leave",
            Command::Admin(AdminCommand::Gaps) => "admin.gaps",
            Command::Admin(AdminCommand::FaqAdd { .. }) => "admin.faq.add",
            Command::Admin(AdminCommand::FaqList) => "admin.faq.list",
            Command::Admin(AdminCommand::FaqRemove { .. }) => "admin.faq.remove",
            Command::Admin(AdminCommand::Reload) => "admin.reload",
            Command::Admin(AdminCommand::Daily { .. }) => "admin.daily",
            Command::Admin(AdminCommand::DailyOff) => "admin.daily_off",
            Command::AnswerMessage { .. } => "message.answer",
            Command::Component { .. } => "component",
            Command::ModalSubmit { .. } => "modal",
        }
    }
}

/// The `level` option: any name `Level::parse` reads, or a usage error naming the levels.
fn parse_level(text: &str) -> Result<Level> {
    Level::parse(text).ok_or_else(|| {
        Error::Usage(format!(
            "`level` must be one of: {} (or a name such as staff, entry, sr, jr, mid-level, \
             new grad); got {:?}.",
            spec::LEVELS.join(", "),
            crate::reply::truncate_chars(text.trim(), 40)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_command_has_a_typed_form() {
        let lines = [
            ("/help", "help"),
            ("/ask query:x", "ask"),
            ("/faq question:x", "faq"),
            ("/salary", "salary"),
            ("/role section:ladder", "role"),
            ("/match years:3 skills:go", "match"),
            ("/sources", "sources"),
            ("/interview start", "interview.start"),
            ("/interview answer text:x", "interview.answer"),
            ("/interview hint", "interview.hint"),
            ("/interview skip", "interview.skip"),
            ("/interview repeat", "interview.repeat"),
            ("/interview end", "interview.end"),
            ("/interview stats", "interview.stats"),
            ("/interview leaderboard show", "interview.leaderboard"),
            ("/interview leaderboard join", "interview.leaderboard.join"),
            (
                "/interview leaderboard leave",
                "interview.leaderboard.leave",
            ),
            ("/admin gaps", "admin.gaps"),
            ("/admin faq add question:q answer:a", "admin.faq.add"),
            ("/admin faq list", "admin.faq.list"),
            ("/admin faq remove question:q", "admin.faq.remove"),
            ("/admin reload", "admin.reload"),
            ("/admin daily channel:<#123> time:09:00", "admin.daily"),
            ("/admin daily-off", "admin.daily_off"),
        ];
        for (line, name) in lines {
            assert_eq!(Command::parse(line).unwrap().metric_name(), name, "{line}");
        }
        let declared: usize = spec::slash_commands()
            .map(|c| c.subcommands.len().max(1))
            .sum();
        assert_eq!(
            declared,
            lines.len(),
            "a declared command has no line in this table"
        );
    }

    #[test]
    fn levels_are_read_by_any_of_their_names() {
        let cases: &[(&str, Option<Level>)] = &[
            ("/salary level:staff", Some(Level::Principal)),
            ("/salary level:entry", Some(Level::Junior)),
            ("/salary level:sr", Some(Level::Senior)),
            ("/salary level:jr", Some(Level::Junior)),
            ("/salary level:mid-level", Some(Level::Mid)),
            ("/salary level:new grad", Some(Level::Junior)),
            ("/salary level:Senior/Lead", Some(Level::Senior)),
            ("/salary", None),
        ];
        for (line, expected) in cases {
            match Command::parse(line) {
                Ok(Command::Salary { level, .. }) => assert_eq!(level, *expected, "{line}"),
                other => panic!("{line}: {other:?}"),
            }
        }
        let Err(Error::Usage(message)) = Command::parse("/salary level:intern") else {
            panic!("an unknown level is a usage error")
        };
        assert!(
            message.contains("junior, mid, senior, lead, principal") && message.contains("intern"),
            "{message}"
        );
    }

    #[test]
    fn typed_values() {
        assert_eq!(
            Command::parse("/salary level:senior years:6").unwrap(),
            Command::Salary {
                role: None,
                level: Some(Level::Senior),
                years: Some(6)
            }
        );
        assert_eq!(
            Command::parse("/interview start kind:behavioral difficulty:hard questions:3").unwrap(),
            Command::Interview(InterviewCommand::Start {
                role: None,
                kind: Some(QuestionKind::Behavioral),
                difficulty: Some(Difficulty::Hard),
                questions: Some(3),
                question: None
            })
        );
    }
}
