//! Discord's interaction payload (raw JSON, as the HTTP endpoint receives it and as serenity's
//! models serialize) -> the core's `Caller` and `Command`, and the command declaration -> the
//! registration payload. Both Discord transports go through here, so they cannot drift apart.

use serde_json::{json, Value};

use crate::app::Caller;
use crate::commands::spec::{self, OptionKind, OptionSpec};
use crate::commands::{self, Command, Focused, RawValue};
use crate::error::{Error, Result};

/// Interaction types (Discord's `type` field).
pub mod kind {
    pub const PING: u64 = 1;
    pub const APPLICATION_COMMAND: u64 = 2;
    pub const MESSAGE_COMPONENT: u64 = 3;
    pub const AUTOCOMPLETE: u64 = 4;
    pub const MODAL_SUBMIT: u64 = 5;
}

/// Option types in payloads and registration.
mod option_type {
    pub const SUB_COMMAND: u64 = 1;
    pub const STRING: u64 = 3;
    pub const INTEGER: u64 = 4;
}

/// What an interaction asks of the bot.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Ping,
    Command {
        caller: Caller,
        command: Command,
    },
    Autocomplete {
        caller: Caller,
        focused: Focused,
    },
    /// A command the declaration refuses (stale registration, bad value): answer with the message.
    Refused {
        caller: Caller,
        message: String,
    },
}

fn caller_of(payload: &Value) -> Result<Caller> {
    let user_id = payload["member"]["user"]["id"]
        .as_str()
        .or_else(|| payload["user"]["id"].as_str())
        .ok_or_else(|| Error::Usage("the interaction has no user".into()))?;
    let channel_id = payload["channel_id"]
        .as_str()
        .or_else(|| payload["channel"]["id"].as_str())
        .map(str::to_string);
    Ok(Caller {
        user_id: user_id.to_string(),
        channel_id,
    })
}

/// The subcommand (if any) and the option list of an application command's data.
fn command_options(data: &Value) -> (Option<String>, Vec<Value>) {
    let options = data["options"].as_array().cloned().unwrap_or_default();
    if let Some(sub) = options
        .iter()
        .find(|o| o["type"].as_u64() == Some(option_type::SUB_COMMAND))
    {
        let name = sub["name"].as_str().map(str::to_string);
        return (name, sub["options"].as_array().cloned().unwrap_or_default());
    }
    (None, options)
}

fn raw_value(option: &Value) -> RawValue {
    match &option["value"] {
        Value::Number(n) => n
            .as_i64()
            .map(RawValue::Integer)
            .unwrap_or_else(|| RawValue::Text(n.to_string())),
        Value::String(s) => RawValue::Text(s.clone()),
        Value::Bool(b) => RawValue::Text(b.to_string()),
        other => RawValue::Text(other.to_string()),
    }
}

/// Every `{custom_id, value}` of a modal submission, whatever layout components wrap them in.
fn modal_fields(node: &Value, out: &mut Vec<(String, String)>) {
    match node {
        Value::Object(map) => {
            if let (Some(Value::String(id)), Some(Value::String(value))) =
                (map.get("custom_id"), map.get("value"))
            {
                out.push((id.clone(), value.clone()));
            }
            for child in map.values() {
                modal_fields(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| modal_fields(item, out)),
        _ => {}
    }
}

/// Decodes an interaction payload. Errors only for payloads that are not interactions at all.
pub fn decode(payload: &Value) -> Result<Incoming> {
    let kind = payload["type"]
        .as_u64()
        .ok_or_else(|| Error::Usage("the interaction has no type".into()))?;
    if kind == kind::PING {
        return Ok(Incoming::Ping);
    }
    let caller = caller_of(payload)?;
    let data = &payload["data"];
    match kind {
        kind::APPLICATION_COMMAND => {
            let name = data["name"].as_str().unwrap_or_default();
            let (sub, options) = command_options(data);
            let raw = options
                .iter()
                .map(|o| {
                    (
                        o["name"].as_str().unwrap_or_default().to_string(),
                        raw_value(o),
                    )
                })
                .collect();
            match commands::resolve(name, sub.as_deref(), raw)
                .and_then(|inv| Command::from_invocation(&inv))
            {
                Ok(command) => Ok(Incoming::Command { caller, command }),
                Err(error) => Ok(Incoming::Refused {
                    caller,
                    message: error.user_message(),
                }),
            }
        }
        kind::AUTOCOMPLETE => {
            let name = data["name"].as_str().unwrap_or_default();
            let (sub, options) = command_options(data);
            let command = spec::find(name)
                .ok_or_else(|| Error::Unknown(format!("unknown command `{name}`")))?;
            let subcommand = sub.as_deref().and_then(|s| command.subcommand(s));
            let declared = subcommand.map_or(command.options, |s| s.options);
            let focused = options
                .iter()
                .find(|o| o["focused"].as_bool() == Some(true));
            let option = focused
                .and_then(|f| declared.iter().find(|d| Some(d.name) == f["name"].as_str()))
                .ok_or_else(|| {
                    Error::Unknown("autocomplete without a known focused option".into())
                })?;
            let partial = match focused.map(raw_value) {
                Some(RawValue::Text(text)) => text,
                Some(RawValue::Integer(n)) => n.to_string(),
                None => String::new(),
            };
            Ok(Incoming::Autocomplete {
                caller,
                focused: Focused {
                    command,
                    subcommand,
                    option,
                    partial,
                },
            })
        }
        kind::MESSAGE_COMPONENT => {
            let custom_id = data["custom_id"].as_str().unwrap_or_default().to_string();
            Ok(Incoming::Command {
                caller,
                command: Command::Component { custom_id },
            })
        }
        kind::MODAL_SUBMIT => {
            let custom_id = data["custom_id"].as_str().unwrap_or_default().to_string();
            let mut fields = Vec::new();
            modal_fields(&data["components"], &mut fields);
            Ok(Incoming::Command {
                caller,
                command: Command::ModalSubmit { custom_id, fields },
            })
        }
        other => Err(Error::Usage(format!(
            "unsupported interaction type {other}"
        ))),
    }
}

fn option_json(option: &OptionSpec) -> Value {
    let mut value = json!({
        "name": option.name,
        "description": option.description,
        "required": option.required,
    });
    match option.kind {
        OptionKind::String {
            min_length,
            max_length,
        } => {
            value["type"] = json!(option_type::STRING);
            value["min_length"] = json!(min_length);
            value["max_length"] = json!(max_length);
        }
        OptionKind::Integer { min, max } => {
            value["type"] = json!(option_type::INTEGER);
            value["min_value"] = json!(min);
            value["max_value"] = json!(max);
        }
    }
    if !option.choices.is_empty() {
        value["choices"] = Value::Array(
            option
                .choices
                .iter()
                .map(|c| json!({ "name": c, "value": c }))
                .collect(),
        );
    }
    if option.autocomplete {
        value["autocomplete"] = json!(true);
    }
    value
}

/// The body of `PUT /applications/{id}/commands` (or the guild variant): every declared command.
pub fn registration_payload() -> Value {
    let commands: Vec<Value> = spec::COMMANDS
        .iter()
        .map(|command| {
            let options: Vec<Value> = if command.subcommands.is_empty() {
                command.options.iter().map(option_json).collect()
            } else {
                command
                    .subcommands
                    .iter()
                    .map(|sub| {
                        json!({
                            "type": option_type::SUB_COMMAND,
                            "name": sub.name,
                            "description": sub.description,
                            "options": sub.options.iter().map(option_json).collect::<Vec<_>>(),
                        })
                    })
                    .collect()
            };
            json!({ "type": 1, "name": command.name, "description": command.description, "options": options })
        })
        .collect();
    Value::Array(commands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Level;

    fn with_member(mut payload: Value) -> Value {
        payload["member"] = json!({ "user": { "id": "53908232506183680", "username": "Mason" } });
        payload["channel_id"] = json!("645027906669510667");
        payload
    }

    #[test]
    fn decodes_each_interaction_type() {
        assert_eq!(decode(&json!({ "type": 1 })).unwrap(), Incoming::Ping);
        let command = with_member(json!({
            "type": 2,
            "data": { "name": "salary", "options": [{ "name": "level", "type": 3, "value": "senior" }, { "name": "years", "type": 4, "value": 6 }] }
        }));
        let Incoming::Command { caller, command } = decode(&command).unwrap() else {
            panic!()
        };
        assert_eq!(caller.user_id, "53908232506183680");
        assert_eq!(caller.channel_id.as_deref(), Some("645027906669510667"));
        assert_eq!(
            command,
            Command::Salary {
                role: None,
                level: Some(Level::Senior),
                years: Some(6)
            }
        );

        let sub = with_member(json!({
            "type": 2,
            "data": { "name": "interview", "options": [{ "name": "answer", "type": 1, "options": [{ "name": "text", "type": 3, "value": "use a queue" }] }] }
        }));
        let Incoming::Command { command, .. } = decode(&sub).unwrap() else {
            panic!()
        };
        assert_eq!(command.metric_name(), "interview.answer");

        let auto = with_member(json!({
            "type": 4,
            "data": { "name": "faq", "options": [{ "name": "question", "type": 3, "value": "sal", "focused": true }] }
        }));
        let Incoming::Autocomplete { focused, .. } = decode(&auto).unwrap() else {
            panic!()
        };
        assert_eq!(
            (focused.option.name, focused.partial.as_str()),
            ("question", "sal")
        );

        let click = json!({ "type": 3, "user": { "id": "7" }, "data": { "custom_id": "iv:hint:1:7", "component_type": 2 } });
        let Incoming::Command { command, caller } = decode(&click).unwrap() else {
            panic!()
        };
        assert_eq!(caller.user_id, "7");
        assert_eq!(
            command,
            Command::Component {
                custom_id: "iv:hint:1:7".into()
            }
        );

        let modal = with_member(json!({
            "type": 5,
            "data": { "custom_id": "iv:modal:1:7", "components": [{ "type": 1, "components": [{ "type": 4, "custom_id": "answer", "value": "my answer" }] }] }
        }));
        let Incoming::Command { command, .. } = decode(&modal).unwrap() else {
            panic!()
        };
        assert_eq!(
            command,
            Command::ModalSubmit {
                custom_id: "iv:modal:1:7".into(),
                fields: vec![("answer".into(), "my answer".into())]
            }
        );
    }

    #[test]
    fn bad_values_are_refused_with_a_message_not_an_error() {
        let bad = with_member(
            json!({ "type": 2, "data": { "name": "salary", "options": [{ "name": "years", "type": 4, "value": 99 }] } }),
        );
        let Incoming::Refused { message, .. } = decode(&bad).unwrap() else {
            panic!()
        };
        assert!(message.contains("years"), "{message}");
        let stale = with_member(json!({ "type": 2, "data": { "name": "gone" } }));
        assert!(matches!(decode(&stale).unwrap(), Incoming::Refused { .. }));
        assert!(
            decode(&json!({ "type": 2, "data": {} })).is_err(),
            "no user"
        );
        assert!(decode(&json!({ "hello": 1 })).is_err());
    }

    #[test]
    fn registration_covers_every_declared_command_and_option() {
        let payload = registration_payload();
        let commands = payload.as_array().unwrap();
        assert_eq!(commands.len(), spec::COMMANDS.len());
        let salary = commands.iter().find(|c| c["name"] == "salary").unwrap();
        let years = salary["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "years")
            .unwrap();
        assert_eq!(
            (
                years["type"].as_u64(),
                years["min_value"].as_i64(),
                years["max_value"].as_i64()
            ),
            (Some(4), Some(0), Some(60))
        );
        let interview = commands.iter().find(|c| c["name"] == "interview").unwrap();
        let subs: Vec<&str> = interview["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            subs,
            ["start", "answer", "hint", "skip", "repeat", "end", "stats"]
        );
        let faq = commands.iter().find(|c| c["name"] == "faq").unwrap();
        assert_eq!(faq["options"][0]["autocomplete"], true);
    }
}
