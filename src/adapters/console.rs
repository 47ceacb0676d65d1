//! The local console: `careerbot exec` (one command), `careerbot console` (a REPL with line
//! editing and history, or one command per line from a pipe) and `careerbot complete`
//! (autocomplete). Commands are typed the way Discord's client shows them and dispatched exactly
//! as a Discord interaction would be; `--format json` prints the very response the Discord
//! adapters send.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::adapters::render::{self, Rendered};
use crate::app::{App, Caller};
use crate::commands::{self, Command};
use crate::error::Error;
use crate::reply::Reply;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// What running one line produced.
pub enum Outcome {
    /// The bot replied (a polite refusal of bad input is a reply too).
    Replied(Rendered),
    /// An unknown command or option: the message names it and lists the valid ones.
    Unknown(String),
}

/// What a console line asks for: a slash command, a button click or a modal submission.
pub enum Input {
    Line(String),
    Click(String),
    Submit {
        custom_id: String,
        fields: Vec<(String, String)>,
    },
    /// The message command ("Answer from the guides") on a message with this text.
    Message(String),
}

/// Runs one input through the core, exactly as an interaction would be.
pub fn run(app: &App, caller: &Caller, input: Input) -> Outcome {
    let command = match input {
        Input::Click(custom_id) => Command::Component { custom_id },
        Input::Submit { custom_id, fields } => Command::ModalSubmit { custom_id, fields },
        Input::Message(text) => Command::AnswerMessage { text },
        Input::Line(line) => match Command::parse(&line) {
            Ok(command) => command,
            Err(Error::Unknown(message)) => return Outcome::Unknown(message),
            Err(error) => {
                return Outcome::Replied(render::interaction_response(&Reply::notice(
                    error.user_message(),
                )))
            }
        },
    };
    Outcome::Replied(render::interaction_response(&app.handle(caller, command)))
}

/// Autocomplete for a partly typed line: `{"choices":[{"name":…,"value":…}]}`.
pub fn complete(app: &App, caller: &Caller, line: &str) -> Result<serde_json::Value, String> {
    match commands::parse_focused(line) {
        Ok(Some(focused)) => {
            let rendered =
                render::interaction_response(&Reply::Choices(app.autocomplete(caller, &focused)));
            Ok(rendered.body["data"].clone())
        }
        Ok(None) => Ok(serde_json::json!({ "choices": [] })),
        Err(error) => Err(error.to_string()),
    }
}

/// Writes attachments under `dir` and returns their paths.
pub fn save_files(dir: &Path, rendered: &Rendered) -> std::io::Result<Vec<PathBuf>> {
    if rendered.files.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(dir)?;
    rendered
        .files
        .iter()
        .map(|(name, bytes)| {
            // Only the file name: a reply can never write outside the folder.
            let safe: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .collect();
            let path = dir.join(if safe.is_empty() {
                "attachment".to_string()
            } else {
                safe
            });
            std::fs::write(&path, bytes)?;
            Ok(path)
        })
        .collect()
}

/// Prints one rendered reply in the chosen format.
pub fn print(
    out: &mut dyn Write,
    format: Format,
    rendered: &Rendered,
    saved: &[PathBuf],
) -> std::io::Result<()> {
    match format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&rendered.body).unwrap_or_default()
        ),
        Format::Text => {
            write!(out, "{}", render::to_text(rendered))?;
            for path in saved {
                writeln!(out, "Attachment written to {}", path.display())?;
            }
            Ok(())
        }
    }
}

fn unknown_json(message: &str) -> String {
    serde_json::json!({ "error": message }).to_string()
}

/// The REPL (on a terminal) or a line-per-command reader (from a pipe). Returns the number of
/// lines that named an unknown command or option.
pub fn console(
    app: &App,
    caller: &Caller,
    format: Format,
    attachments_dir: &Path,
    history: Option<&Path>,
) -> std::io::Result<usize> {
    let stdout = std::io::stdout();
    let mut unknown = 0;
    let mut handle_line = |line: &str, out: &mut dyn Write| -> std::io::Result<()> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        match run(app, caller, Input::Line(line.to_string())) {
            Outcome::Replied(rendered) => {
                let saved = save_files(attachments_dir, &rendered)?;
                print(out, format, &rendered, &saved)?;
            }
            Outcome::Unknown(message) => {
                unknown += 1;
                match format {
                    Format::Json => writeln!(out, "{}", unknown_json(&message))?,
                    Format::Text => writeln!(out, "{message}")?,
                }
            }
        }
        out.flush()
    };
    if !std::io::stdin().is_terminal() {
        for line in std::io::stdin().lock().lines() {
            handle_line(&line?, &mut stdout.lock())?;
        }
        return Ok(unknown);
    }
    let mut editor = rustyline::DefaultEditor::new().map_err(std::io::Error::other)?;
    if let Some(history) = history {
        let _ = editor.load_history(history);
    }
    println!("careerbot console — type /help for commands, Ctrl-D to leave.");
    loop {
        match editor.readline("careerbot> ") {
            Ok(line) => {
                let trimmed = line.trim();
                if matches!(trimmed, "exit" | "quit" | "/exit" | "/quit") {
                    break;
                }
                if !trimmed.is_empty() {
                    let _ = editor.add_history_entry(trimmed);
                }
                handle_line(&line, &mut stdout.lock())?;
            }
            Err(rustyline::error::ReadlineError::Interrupted) => continue,
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(error) => return Err(std::io::Error::other(error)),
        }
    }
    if let Some(history) = history {
        if let Some(parent) = history.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = editor.save_history(history);
    }
    Ok(unknown)
}
