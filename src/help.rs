//! `/help`: generated from the command declaration, so it can never list a command or option
//! that does not exist.

use crate::commands::spec::{self, CommandSpec, OptionKind, OptionSpec};
use crate::reply::{colors, Embed, Reply};

fn describe_option(option: &OptionSpec) -> String {
    let mut text = format!("`{}:` {}", option.name, option.description);
    let mut notes = Vec::new();
    notes.push(if option.required {
        "required".to_string()
    } else {
        "optional".to_string()
    });
    match option.kind {
        OptionKind::Integer { min, max } => notes.push(format!("number {min}–{max}")),
        OptionKind::Channel => notes.push("a channel".to_string()),
        OptionKind::String { max_length, .. } if option.choices.is_empty() => {
            notes.push(format!("text, up to {max_length} characters"))
        }
        OptionKind::String { .. } => notes.push(format!("one of: {}", option.choices.join(", "))),
    }
    if option.autocomplete {
        notes.push("suggestions as you type".into());
    }
    text.push_str(&format!(" ({})", notes.join("; ")));
    text
}

fn usage(command: &CommandSpec) -> String {
    let render = |prefix: String, options: &[OptionSpec]| {
        let mut line = prefix;
        for option in options {
            if option.required {
                line.push_str(&format!(" {}:…", option.name));
            } else {
                line.push_str(&format!(" [{}:…]", option.name));
            }
        }
        line
    };
    if command.subcommands.is_empty() {
        render(format!("/{}", command.name), command.options)
    } else {
        command
            .subcommands
            .iter()
            .map(|sub| render(format!("/{} {}", command.name, sub.path()), sub.options))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn reply(command: Option<&str>) -> Reply {
    match command
        .and_then(spec::find)
        .filter(|c| c.kind == spec::CommandKind::Slash)
    {
        None => {
            let mut embed = Embed::new("careerbot — career guidance for backend engineers")
                .description(
                    "Answers come from curated career guides, and every answer names its source. \
                     Type a command; options are written `name:value`, e.g. `/salary level:senior`.",
                )
                .color(colors::ANSWER);
            for command in spec::slash_commands() {
                embed = embed.field(
                    format!("/{}", command.name),
                    format!(
                        "{}\n`{}`",
                        command.description,
                        usage(command).replace('\n', "`\n`")
                    ),
                    false,
                );
            }
            Reply::embed(embed.footer("Try /help command:interview for one command's options."))
        }
        Some(command) => {
            let mut embed = Embed::new(format!("/{}", command.name))
                .description(command.description)
                .color(colors::ANSWER);
            if command.subcommands.is_empty() {
                let options = command
                    .options
                    .iter()
                    .map(describe_option)
                    .collect::<Vec<_>>()
                    .join("\n");
                embed = embed.field("Usage", format!("`{}`", usage(command)), false);
                if !options.is_empty() {
                    embed = embed.field("Options", options, false);
                }
            } else {
                for sub in command.subcommands {
                    let mut value = sub.description.to_string();
                    for option in sub.options {
                        value.push('\n');
                        value.push_str(&describe_option(option));
                    }
                    embed = embed.field(format!("/{} {}", command.name, sub.path()), value, false);
                }
            }
            Reply::embed(embed)
        }
    }
}
