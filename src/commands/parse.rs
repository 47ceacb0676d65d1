//! Turns what a user typed into an `Invocation` checked against the declaration: the console's
//! slash lines (`/salary level:senior`) here, Discord's typed options through `resolve`. Both end
//! in the same validation, so a value the console refuses Discord refuses too.

use super::spec::{self, CommandSpec, OptionKind, OptionSpec, SubcommandSpec};
use crate::error::{Error, Result};

/// An option value as a transport delivers it, before validation.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Text(String),
    Integer(i64),
}

/// A validated option value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
}

/// A command the declaration accepts, with validated option values.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    pub command: &'static CommandSpec,
    pub subcommand: Option<&'static SubcommandSpec>,
    pub values: Vec<(&'static str, Value)>,
}

impl Invocation {
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values.iter().find_map(|(n, v)| match v {
            Value::Text(t) if *n == name => Some(t.as_str()),
            _ => None,
        })
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        self.values.iter().find_map(|(n, v)| match v {
            Value::Integer(i) if *n == name => Some(*i),
            _ => None,
        })
    }

    /// `/interview start`, `/ask`: how the command is written.
    pub fn path(&self) -> String {
        match self.subcommand {
            Some(sub) => format!("/{} {}", self.command.name, sub.path()),
            None => format!("/{}", self.command.name),
        }
    }
}

/// The option being typed, for autocomplete.
#[derive(Debug, Clone, PartialEq)]
pub struct Focused {
    pub command: &'static CommandSpec,
    pub subcommand: Option<&'static SubcommandSpec>,
    pub option: &'static OptionSpec,
    pub partial: String,
}

fn command_names() -> String {
    spec::slash_commands()
        .map(|c| format!("/{}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn option_names(options: &[OptionSpec]) -> String {
    if options.is_empty() {
        return "none".into();
    }
    options
        .iter()
        .map(|o| o.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Splits `/interview start kind:x` into the command, the subcommand and the option text.
fn split_head(line: &str) -> Result<(&'static CommandSpec, Option<&'static SubcommandSpec>, &str)> {
    let line = line.trim_start();
    let line = line.strip_prefix('/').unwrap_or(line);
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    if name.is_empty() {
        return Err(Error::Unknown(format!(
            "no command given; commands: {}",
            command_names()
        )));
    }
    let command = spec::find(name)
        .filter(|c| c.kind == spec::CommandKind::Slash)
        .ok_or_else(|| {
            Error::Unknown(format!(
                "unknown command `/{name}`; commands: {}",
                command_names()
            ))
        })?;
    if command.subcommands.is_empty() {
        return Ok((command, None, rest));
    }
    let rest = rest.trim_start();
    let (first, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    // A group's word comes first: `/admin faq add question:…`.
    let (sub_name, rest) = if command.is_group(first) {
        let after = after.trim_start();
        let (second, after) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
        (format!("{first} {second}"), after)
    } else {
        (first.to_string(), after)
    };
    let sub_name = sub_name.trim();
    let sub_list = command
        .subcommands
        .iter()
        .map(|s| s.path())
        .collect::<Vec<_>>()
        .join(", ");
    if sub_name.is_empty() {
        return Err(Error::Unknown(format!(
            "`/{}` needs a subcommand: {sub_list}",
            command.name
        )));
    }
    let sub = command.subcommand(sub_name).ok_or_else(|| {
        Error::Unknown(format!(
            "unknown subcommand `{sub_name}` of `/{}`; subcommands: {sub_list}",
            command.name
        ))
    })?;
    Ok((command, Some(sub), rest))
}

/// Finds each `name:` of a declared option that starts a word; a value runs to the next one.
/// A name already given and followed by a space is part of the running value, not a second
/// start: people write "the real question: …" inside a question (`level:mid level:senior` is
/// still given twice).
fn split_options<'a>(
    path: &str,
    options: &'static [OptionSpec],
    text: &'a str,
) -> Result<Vec<(&'static OptionSpec, &'a str)>> {
    let mut starts: Vec<(usize, usize, &'static OptionSpec)> = Vec::new();
    let bytes = text.as_bytes();
    for (i, _) in text.char_indices() {
        if i > 0 && !bytes[i - 1].is_ascii_whitespace() {
            continue;
        }
        for option in options {
            let name = option.name;
            let end = i + name.len();
            if text.len() > end
                && text.is_char_boundary(end)
                && text[i..end].eq_ignore_ascii_case(name)
                && bytes[end] == b':'
                && !(starts.iter().any(|(_, _, seen)| seen.name == name)
                    && text[end + 1..].starts_with(char::is_whitespace))
            {
                starts.push((i, end + 1, option));
            }
        }
    }
    let lead = text[..starts.first().map_or(text.len(), |s| s.0)].trim();
    let mut pairs = Vec::new();
    if !lead.is_empty() {
        // `word:` before any declared option is an option name the command does not have.
        if let Some((word, _)) = lead.split_once(':') {
            if !word.is_empty()
                && !word.contains(char::is_whitespace)
                && word
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(Error::Unknown(format!(
                    "unknown option `{word}` for `{path}`; options: {}",
                    option_names(options)
                )));
            }
        }
        // Bare text goes to the first text option, so `/ask what is a backend engineer` works.
        let target = options
            .iter()
            .find(|o| matches!(o.kind, OptionKind::String { .. }) && o.choices.is_empty());
        match target {
            Some(option) => pairs.push((option, lead)),
            None => {
                return Err(Error::Unknown(format!(
                    "`{path}` does not take free text (got {lead:?}); options: {}",
                    option_names(options)
                )))
            }
        }
    }
    for (index, (_, value_start, option)) in starts.iter().enumerate() {
        let value_end = starts.get(index + 1).map_or(text.len(), |next| next.0);
        pairs.push((*option, &text[*value_start..value_end]));
    }
    Ok(pairs)
}

fn validate_value(path: &str, option: &OptionSpec, raw: RawValue) -> Result<Value> {
    let name = option.name;
    match (option.kind, raw) {
        (
            OptionKind::String {
                min_length,
                max_length,
            },
            RawValue::Text(text),
        ) => {
            let text = text.trim();
            let length = text.chars().count();
            if length < min_length as usize {
                return Err(Error::Usage(format!("`{name}` needs a value in `{path}`.")));
            }
            if length > max_length as usize {
                return Err(Error::Usage(format!(
                    "`{name}` is too long ({length} characters; at most {max_length})."
                )));
            }
            if option.choices.is_empty() {
                return Ok(Value::Text(text.to_string()));
            }
            option
                .choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(text))
                .map(|c| Value::Text(c.to_string()))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "`{name}` must be one of: {} (got {:?}).",
                        option.choices.join(", "),
                        crate::reply::truncate_chars(text, 40)
                    ))
                })
        }
        (OptionKind::Integer { min, max }, raw) => {
            let number = match raw {
                RawValue::Integer(n) => n,
                RawValue::Text(text) => text.trim().parse::<i64>().map_err(|_| {
                    Error::Usage(format!(
                        "`{name}` must be a whole number from {min} to {max} (got {:?}).",
                        crate::reply::truncate_chars(text.trim(), 40)
                    ))
                })?,
            };
            if number < min || number > max {
                return Err(Error::Usage(format!(
                    "`{name}` must be from {min} to {max} (got {number})."
                )));
            }
            Ok(Value::Integer(number))
        }
        (OptionKind::Channel, raw) => {
            let text = match raw {
                RawValue::Text(text) => text,
                RawValue::Integer(n) => n.to_string(),
            };
            // Discord sends the id; a console user may paste a mention (`<#123>`).
            let id = text.trim().trim_start_matches("<#").trim_end_matches('>');
            if !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Value::Text(id.to_string()))
            } else {
                Err(Error::Usage(format!(
                    "`{name}` must be a channel of this server (got {:?}).",
                    crate::reply::truncate_chars(text.trim(), 40)
                )))
            }
        }
        (OptionKind::String { .. }, RawValue::Integer(n)) => Err(Error::Usage(format!(
            "`{name}` expects text, got the number {n}."
        ))),
    }
}

/// Validates options delivered by any transport against the declaration.
pub fn resolve(
    command_name: &str,
    subcommand_name: Option<&str>,
    raw: Vec<(String, RawValue)>,
) -> Result<Invocation> {
    let command = spec::find(command_name).ok_or_else(|| {
        Error::Unknown(format!(
            "unknown command `/{command_name}`; commands: {}",
            command_names()
        ))
    })?;
    let subcommand = match (command.subcommands.is_empty(), subcommand_name) {
        (true, None) => None,
        (true, Some(name)) => {
            return Err(Error::Unknown(format!(
                "`/{}` has no subcommand `{name}`",
                command.name
            )));
        }
        (false, Some(name)) => Some(command.subcommand(name).ok_or_else(|| {
            Error::Unknown(format!(
                "unknown subcommand `{name}` of `/{}`",
                command.name
            ))
        })?),
        (false, None) => {
            return Err(Error::Unknown(format!(
                "`/{}` needs a subcommand",
                command.name
            )))
        }
    };
    let options = subcommand.map_or(command.options, |s| s.options);
    let path = match subcommand {
        Some(sub) => format!("/{} {}", command.name, sub.path()),
        None => format!("/{}", command.name),
    };
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    for (name, value) in raw {
        let option = options
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(&name))
            .ok_or_else(|| {
                Error::Unknown(format!(
                    "unknown option `{name}` for `{path}`; options: {}",
                    option_names(options)
                ))
            })?;
        if values.iter().any(|(n, _)| *n == option.name) {
            return Err(Error::Usage(format!(
                "`{}` is given twice in `{path}`.",
                option.name
            )));
        }
        values.push((option.name, validate_value(&path, option, value)?));
    }
    if let Some(missing) = options
        .iter()
        .find(|o| o.required && !values.iter().any(|(n, _)| *n == o.name))
    {
        return Err(Error::Usage(format!(
            "`{path}` needs `{}:` ({}). Try `/help command:{}`.",
            missing.name, missing.description, command.name
        )));
    }
    Ok(Invocation {
        command,
        subcommand,
        values,
    })
}

/// Parses a slash line as Discord's client shows it: `/ask query:how much do juniors earn`.
pub fn parse_line(line: &str) -> Result<Invocation> {
    let (command, subcommand, rest) = split_head(line)?;
    let options = subcommand.map_or(command.options, |s| s.options);
    let path = match subcommand {
        Some(sub) => format!("/{} {}", command.name, sub.path()),
        None => format!("/{}", command.name),
    };
    let pairs = split_options(&path, options, rest)?;
    let raw = pairs
        .into_iter()
        .map(|(o, v)| (o.name.to_string(), RawValue::Text(v.to_string())))
        .collect();
    resolve(command.name, subcommand.map(|s| s.path()).as_deref(), raw)
}

/// For autocomplete: the option being typed (the last one on the line) and its partial text.
/// Returns None when the last option takes no suggestions.
pub fn parse_focused(line: &str) -> Result<Option<Focused>> {
    let (command, subcommand, rest) = split_head(line)?;
    let options = subcommand.map_or(command.options, |s| s.options);
    let path = format!("/{}", command.name);
    let pairs = split_options(&path, options, rest)?;
    Ok(pairs
        .last()
        .filter(|(option, _)| option.autocomplete || !option.choices.is_empty())
        .map(|(option, partial)| Focused {
            command,
            subcommand,
            option,
            partial: partial.trim().to_string(),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_lines_parse_into_declared_options() {
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, Value)]);
        let cases: &[Case] = &[
            (
                "/ask query:how much do juniors earn",
                "/ask",
                &[("query", Value::Text("how much do juniors earn".into()))],
            ),
            (
                "ask what is a backend engineer",
                "/ask",
                &[("query", Value::Text("what is a backend engineer".into()))],
            ),
            (
                "/role section:Skills",
                "/role",
                &[("section", Value::Text("skills".into()))],
            ),
            // `level` takes any name of a level (read by `Level::parse`), so it is kept as typed.
            (
                "/salary level:Senior/Lead",
                "/salary",
                &[("level", Value::Text("Senior/Lead".into()))],
            ),
            (
                "/salary years:3 level:mid",
                "/salary",
                &[
                    ("years", Value::Integer(3)),
                    ("level", Value::Text("mid".into())),
                ],
            ),
            (
                "/match years:3 skills:python, postgres, docker",
                "/match",
                &[
                    ("years", Value::Integer(3)),
                    ("skills", Value::Text("python, postgres, docker".into())),
                ],
            ),
            (
                "/interview start kind:behavioral",
                "/interview start",
                &[("kind", Value::Text("behavioral".into()))],
            ),
            (
                "/interview answer text:I'd use a queue: writes go to kafka",
                "/interview answer",
                &[(
                    "text",
                    Value::Text("I'd use a queue: writes go to kafka".into()),
                )],
            ),
            (
                "/ask query:what is http://example",
                "/ask",
                &[("query", Value::Text("what is http://example".into()))],
            ),
            // A question that names its own option word keeps it as text.
            (
                "/faq question:anyway the real question: can a bootcamp do it?",
                "/faq",
                &[(
                    "question",
                    Value::Text("anyway the real question: can a bootcamp do it?".into()),
                )],
            ),
            ("/sources", "/sources", &[]),
        ];
        for (line, path, expected) in cases {
            let invocation = parse_line(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(invocation.path(), *path, "{line}");
            assert_eq!(invocation.values.as_slice(), *expected, "{line}");
        }
    }

    #[test]
    fn unknown_names_and_bad_values_are_told_apart() {
        let unknown = [
            "/nope",
            "/ask colour:red",
            "/interview fly",
            "/interview",
            "",
            "/sources extra words",
        ];
        for line in unknown {
            assert!(
                matches!(parse_line(line), Err(Error::Unknown(_))),
                "{line}: {:?}",
                parse_line(line)
            );
        }
        let usage = [
            "/ask",
            "/ask query:",
            "/role section:salary",
            "/salary years:-1",
            "/salary years:lots",
            "/interview start questions:11",
            "/match skills:python",
            "/salary level:mid level:senior",
        ];
        for line in usage {
            assert!(
                matches!(parse_line(line), Err(Error::Usage(_))),
                "{line}: {:?}",
                parse_line(line)
            );
        }
        let long = format!(
            "/ask query:{}",
            "x".repeat(usize::from(spec::QUERY_MAX) + 1)
        );
        assert!(matches!(parse_line(&long), Err(Error::Usage(m)) if m.contains("too long")));
    }

    #[test]
    fn errors_name_the_valid_choices() {
        let Err(Error::Unknown(message)) = parse_line("/ask colour:red") else {
            panic!()
        };
        assert!(
            message.contains("colour") && message.contains("query"),
            "{message}"
        );
        let Err(Error::Usage(message)) = parse_line("/interview start kind:cooking") else {
            panic!()
        };
        assert!(
            message.contains("system-design, api-design, databases"),
            "{message}"
        );
    }

    #[test]
    fn focused_option_is_the_last_one() {
        let focused = parse_focused("/faq question:sal").unwrap().unwrap();
        assert_eq!(focused.option.name, "question");
        assert_eq!(focused.partial, "sal");
        let focused = parse_focused("/salary level:se").unwrap().unwrap();
        assert_eq!(focused.option.name, "level");
        assert!(parse_focused("/ask query:x").unwrap().is_none());
    }
}
