//! Discord's interaction -> the core's `Caller` and `Command`, and the command declaration ->
//! the registration payload. Two front-ends read an interaction: raw JSON (what the HTTP endpoint
//! receives, signed) and serenity's typed `Interaction` (what the gateway hands over). Both fill
//! the same `Parts`, and one function turns `Parts` into `Incoming`, so the transports cannot
//! drift apart in what a command means.

use serde_json::{json, Value};
use serenity::all::{
    ActionRowComponent, CommandDataOption, CommandDataOptionValue, CommandOptionType, Interaction,
    InteractionType,
};

use crate::app::Caller;
use crate::commands::spec::{self, OptionKind, OptionSpec};
use crate::commands::{self, Command, Focused, RawValue};
use crate::error::{Error, Result};

/// Discord's interaction type number, as the `type` field carries it.
pub fn kind_number(kind: InteractionType) -> u64 {
    u64::from(u8::from(kind))
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

/// Which interaction one delivery is, and where its late replies go: the same for every
/// transport. `id` makes a delivery idempotent; `token` authorises the webhook calls.
#[derive(Clone, PartialEq, Eq)]
pub struct Envelope {
    pub id: String,
    pub application_id: Option<String>,
    pub token: String,
}

impl std::fmt::Debug for Envelope {
    // The token authorises replies for 15 minutes: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Envelope")
            .field("id", &self.id)
            .field("application_id", &self.application_id)
            .field("token", &"<redacted>")
            .finish()
    }
}

impl Envelope {
    /// From a raw payload; `None` when the id or token is missing or could not be a Discord id
    /// or token (they go into URLs and the store).
    pub fn from_json(payload: &Value) -> Option<Envelope> {
        let id = payload["id"].as_str().filter(|id| is_snowflake(id))?;
        let token = payload["token"].as_str().filter(|t| is_token(t))?;
        Some(Envelope {
            id: id.to_string(),
            application_id: payload["application_id"]
                .as_str()
                .filter(|id| is_snowflake(id))
                .map(str::to_string),
            token: token.to_string(),
        })
    }

    /// From serenity's typed interaction. The token is not checked here: serenity builds the
    /// webhook URLs itself.
    pub fn from_interaction(interaction: &Interaction) -> Option<Envelope> {
        let application_id = match interaction {
            Interaction::Ping(ping) => ping.application_id.to_string(),
            Interaction::Command(c) | Interaction::Autocomplete(c) => c.application_id.to_string(),
            Interaction::Component(c) => c.application_id.to_string(),
            Interaction::Modal(m) => m.application_id.to_string(),
            _ => return None,
        };
        Some(Envelope {
            id: interaction.id().to_string(),
            application_id: Some(application_id),
            token: interaction.token().to_string(),
        })
    }
}

fn is_snowflake(id: &str) -> bool {
    !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit())
}

fn is_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 1000
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// An interaction reduced to what the bot reads, whichever front-end read it.
#[derive(Debug, Default)]
struct Parts {
    caller: Option<Caller>,
    /// The command's name (commands and autocomplete).
    name: String,
    subcommand: Option<String>,
    options: Vec<OptionValue>,
    /// Components and modals.
    custom_id: String,
    /// A modal's `(custom_id, value)` pairs.
    fields: Vec<(String, String)>,
    /// A message command's target message text (None for slash commands).
    target_text: Option<String>,
}

#[derive(Debug)]
struct OptionValue {
    name: String,
    value: RawValue,
    focused: bool,
}

/// The one meaning of an interaction, from its parts.
fn incoming(kind: InteractionType, parts: Parts) -> Result<Incoming> {
    if kind == InteractionType::Ping {
        return Ok(Incoming::Ping);
    }
    let caller = parts
        .caller
        .ok_or_else(|| Error::Usage("the interaction has no user".into()))?;
    match kind {
        InteractionType::Command if parts.name == spec::MESSAGE_COMMAND => {
            match parts.target_text {
                Some(text) => Ok(Incoming::Command {
                    caller,
                    command: Command::AnswerMessage { text },
                }),
                None => Ok(Incoming::Refused {
                    caller,
                    message:
                        "Discord sent that message without its text, so there is nothing to answer."
                            .into(),
                }),
            }
        }
        InteractionType::Command => {
            let raw = parts
                .options
                .into_iter()
                .map(|o| (o.name, o.value))
                .collect();
            match commands::resolve(&parts.name, parts.subcommand.as_deref(), raw)
                .and_then(|inv| Command::from_invocation(&inv))
            {
                Ok(command) => Ok(Incoming::Command { caller, command }),
                Err(error) => Ok(Incoming::Refused {
                    caller,
                    message: error.user_message(),
                }),
            }
        }
        InteractionType::Autocomplete => {
            let name = parts.name.as_str();
            let command = spec::find(name)
                .ok_or_else(|| Error::Unknown(format!("unknown command `{name}`")))?;
            let subcommand = parts
                .subcommand
                .as_deref()
                .and_then(|s| command.subcommand(s));
            let declared = subcommand.map_or(command.options, |s| s.options);
            let focused = parts.options.into_iter().find(|o| o.focused);
            let option = focused
                .as_ref()
                .and_then(|f| declared.iter().find(|d| d.name == f.name))
                .ok_or_else(|| {
                    Error::Unknown("autocomplete without a known focused option".into())
                })?;
            let partial = match focused.map(|f| f.value) {
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
        InteractionType::Component => Ok(Incoming::Command {
            caller,
            command: Command::Component {
                custom_id: parts.custom_id,
            },
        }),
        InteractionType::Modal => Ok(Incoming::Command {
            caller,
            command: Command::ModalSubmit {
                custom_id: parts.custom_id,
                fields: parts.fields,
            },
        }),
        other => Err(Error::Usage(format!(
            "unsupported interaction type {}",
            u8::from(other)
        ))),
    }
}

// ---- The raw JSON front-end (the HTTP endpoint).

fn json_caller(payload: &Value) -> Option<Caller> {
    let user_id = payload["member"]["user"]["id"]
        .as_str()
        .or_else(|| payload["user"]["id"].as_str())?;
    let channel_id = payload["channel_id"]
        .as_str()
        .or_else(|| payload["channel"]["id"].as_str())
        .map(str::to_string);
    // Discord computes `member.permissions` for the interaction (a decimal string); `member` and
    // `guild_id` are absent in DMs.
    let guild_id = payload["guild_id"]
        .as_str()
        .filter(|id| is_snowflake(id))
        .map(str::to_string);
    let permissions = guild_id.as_ref().and_then(|_| {
        payload["member"]["permissions"]
            .as_str()
            .and_then(|p| p.parse::<u64>().ok())
    });
    Some(Caller {
        user_id: user_id.to_string(),
        channel_id,
        guild_id: guild_id.clone(),
        permissions: guild_id.map(|_| permissions.unwrap_or(0)),
    })
}

fn json_raw_value(option: &Value) -> RawValue {
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

fn json_options(list: &Value) -> Vec<OptionValue> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|o| OptionValue {
            name: o["name"].as_str().unwrap_or_default().to_string(),
            value: json_raw_value(o),
            focused: o["focused"].as_bool() == Some(true),
        })
        .collect()
}

/// Every `{custom_id, value}` of a modal submission, whatever layout components wrap them in.
fn json_modal_fields(node: &Value, out: &mut Vec<(String, String)>) {
    match node {
        Value::Object(map) => {
            if let (Some(Value::String(id)), Some(Value::String(value))) =
                (map.get("custom_id"), map.get("value"))
            {
                out.push((id.clone(), value.clone()));
            }
            for child in map.values() {
                json_modal_fields(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| json_modal_fields(item, out)),
        _ => {}
    }
}

/// The interaction type of a raw payload, if it has one.
pub fn json_kind(payload: &Value) -> Option<InteractionType> {
    payload["type"]
        .as_u64()
        .and_then(|n| u8::try_from(n).ok())
        .map(InteractionType::from)
}

/// Decodes a raw interaction payload. Errors only for payloads that are not interactions at all.
pub fn decode(payload: &Value) -> Result<Incoming> {
    let kind =
        json_kind(payload).ok_or_else(|| Error::Usage("the interaction has no type".into()))?;
    let data = &payload["data"];
    let sub_command = u64::from(u8::from(CommandOptionType::SubCommand));
    let group = u64::from(u8::from(CommandOptionType::SubCommandGroup));
    let of_type = |list: &Value, wanted: u64| -> Option<Value> {
        list.as_array()
            .into_iter()
            .flatten()
            .find(|o| o["type"].as_u64() == Some(wanted))
            .cloned()
    };
    // `/admin faq add`: a group option holding the subcommand option.
    let group_option = of_type(&data["options"], group);
    let (sub, subcommand) = match &group_option {
        Some(g) => {
            let sub = of_type(&g["options"], sub_command);
            let name = sub
                .as_ref()
                .and_then(|s| s["name"].as_str())
                .map(|s| format!("{} {s}", g["name"].as_str().unwrap_or_default()));
            (sub, name)
        }
        None => {
            let sub = of_type(&data["options"], sub_command);
            let name = sub
                .as_ref()
                .and_then(|s| s["name"].as_str())
                .map(str::to_string);
            (sub, name)
        }
    };
    let sub = sub.as_ref();
    // A message command names its target; the message itself is in `resolved`.
    let target_text = data["target_id"].as_str().and_then(|id| {
        data["resolved"]["messages"][id]["content"]
            .as_str()
            .map(str::to_string)
    });
    let parts = Parts {
        caller: json_caller(payload),
        name: data["name"].as_str().unwrap_or_default().to_string(),
        subcommand,
        target_text,
        options: match sub {
            Some(sub) => json_options(&sub["options"]),
            None => json_options(&data["options"]),
        },
        custom_id: data["custom_id"].as_str().unwrap_or_default().to_string(),
        fields: {
            let mut fields = Vec::new();
            if kind == InteractionType::Modal {
                json_modal_fields(&data["components"], &mut fields);
            }
            fields
        },
    };
    incoming(kind, parts)
}

// ---- The typed front-end (the gateway): serenity already parsed the payload.

fn typed_value(value: &CommandDataOptionValue) -> (RawValue, bool) {
    match value {
        CommandDataOptionValue::Integer(n) => (RawValue::Integer(*n), false),
        CommandDataOptionValue::String(s) => (RawValue::Text(s.clone()), false),
        CommandDataOptionValue::Boolean(b) => (RawValue::Text(b.to_string()), false),
        CommandDataOptionValue::Number(n) => (RawValue::Text(n.to_string()), false),
        CommandDataOptionValue::Autocomplete { value, .. } => (RawValue::Text(value.clone()), true),
        CommandDataOptionValue::Channel(id) => (RawValue::Text(id.to_string()), false),
        other => (RawValue::Text(format!("{other:?}")), false),
    }
}

fn typed_options(options: &[CommandDataOption]) -> (Option<String>, Vec<OptionValue>) {
    let flatten = |list: &[CommandDataOption]| {
        list.iter()
            .map(|o| {
                let (value, focused) = typed_value(&o.value);
                OptionValue {
                    name: o.name.clone(),
                    value,
                    focused,
                }
            })
            .collect()
    };
    for option in options {
        match &option.value {
            CommandDataOptionValue::SubCommand(inner) => {
                return (Some(option.name.clone()), flatten(inner))
            }
            CommandDataOptionValue::SubCommandGroup(subs) => {
                for sub in subs {
                    if let CommandDataOptionValue::SubCommand(inner) = &sub.value {
                        return (
                            Some(format!("{} {}", option.name, sub.name)),
                            flatten(inner),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    (None, flatten(options))
}

fn typed_caller(
    user: &serenity::all::User,
    channel: Option<String>,
    guild: Option<serenity::all::GuildId>,
    member: Option<&serenity::all::Member>,
) -> Option<Caller> {
    // serenity reads `member.permissions` from the interaction payload, as Discord computed it.
    let permissions = guild.map(|_| member.and_then(|m| m.permissions).map_or(0, |p| p.bits()));
    Some(Caller {
        user_id: user.id.to_string(),
        channel_id: channel,
        guild_id: guild.map(|g| g.to_string()),
        permissions,
    })
}

/// Decodes serenity's typed interaction, as the gateway delivers it.
pub fn decode_interaction(interaction: &Interaction) -> Result<Incoming> {
    let (kind, parts) = match interaction {
        Interaction::Ping(_) => (InteractionType::Ping, Parts::default()),
        Interaction::Command(c) | Interaction::Autocomplete(c) => {
            let (subcommand, options) = typed_options(&c.data.options);
            let target_text = c
                .data
                .target_id
                .and_then(|id| c.data.resolved.messages.get(&id.to_message_id()))
                .map(|m| m.content.clone());
            (
                interaction.kind(),
                Parts {
                    caller: typed_caller(
                        &c.user,
                        Some(c.channel_id.to_string()),
                        c.guild_id,
                        c.member.as_deref(),
                    ),
                    name: c.data.name.clone(),
                    subcommand,
                    options,
                    target_text,
                    ..Parts::default()
                },
            )
        }
        Interaction::Component(c) => (
            InteractionType::Component,
            Parts {
                caller: typed_caller(
                    &c.user,
                    Some(c.channel_id.to_string()),
                    c.guild_id,
                    c.member.as_ref(),
                ),
                custom_id: c.data.custom_id.clone(),
                ..Parts::default()
            },
        ),
        Interaction::Modal(m) => (
            InteractionType::Modal,
            Parts {
                caller: typed_caller(
                    &m.user,
                    Some(m.channel_id.to_string()),
                    m.guild_id,
                    m.member.as_ref(),
                ),
                custom_id: m.data.custom_id.clone(),
                fields: m
                    .data
                    .components
                    .iter()
                    .flat_map(|row| &row.components)
                    .filter_map(|component| match component {
                        ActionRowComponent::InputText(input) => Some((
                            input.custom_id.clone(),
                            input.value.clone().unwrap_or_default(),
                        )),
                        _ => None,
                    })
                    .collect(),
                ..Parts::default()
            },
        ),
        other => (other.kind(), Parts::default()),
    };
    incoming(kind, parts)
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
            value["type"] = json!(u8::from(CommandOptionType::String));
            value["min_length"] = json!(min_length);
            value["max_length"] = json!(max_length);
        }
        OptionKind::Integer { min, max } => {
            value["type"] = json!(u8::from(CommandOptionType::Integer));
            value["min_value"] = json!(min);
            value["max_value"] = json!(max);
        }
        OptionKind::Channel => {
            value["type"] = json!(u8::from(CommandOptionType::Channel));
            // Text channels (0) and announcement channels (5): where a question can be posted.
            value["channel_types"] = json!([0, 5]);
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

/// Discord's installation contexts: installed to a server (0) or to a user's account (1).
pub const INTEGRATION_TYPES: [u8; 2] = [0, 1];
/// Where a command may be used: in a server (0), in the bot's DM (1), in other DMs and group
/// DMs as a user-installed app (2).
pub const EVERYWHERE: [u8; 3] = [0, 1, 2];
pub const GUILD_ONLY: [u8; 1] = [0];

fn subcommand_json(sub: &spec::SubcommandSpec) -> Value {
    json!({
        "type": u8::from(CommandOptionType::SubCommand),
        "name": sub.name,
        "description": sub.description,
        "options": sub.options.iter().map(option_json).collect::<Vec<_>>(),
    })
}

/// The options of a command with subcommands: ungrouped ones as they are, grouped ones inside
/// their group's option (in declaration order of the group's first subcommand).
fn subcommand_options(command: &spec::CommandSpec) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for sub in command.subcommands {
        match sub.group {
            None => out.push(subcommand_json(sub)),
            Some(group) => {
                let existing = out.iter_mut().find(|o| {
                    o["name"] == group && o["type"] == u8::from(CommandOptionType::SubCommandGroup)
                });
                match existing {
                    Some(option) => {
                        if let Some(list) = option["options"].as_array_mut() {
                            list.push(subcommand_json(sub));
                        }
                    }
                    None => out.push(json!({
                        "type": u8::from(CommandOptionType::SubCommandGroup),
                        "name": group,
                        "description": group_description(command.name, group),
                        "options": [subcommand_json(sub)],
                    })),
                }
            }
        }
    }
    out
}

fn group_description(command: &str, group: &str) -> String {
    match (command, group) {
        ("admin", "faq") => "This server's own FAQ entries".into(),
        ("interview", "leaderboard") => "This server's daily-question leaderboard".into(),
        _ => format!("/{command} {group}"),
    }
}

/// The body of `PUT /applications/{id}/commands` (or the guild variant): every declared command,
/// installable to a server or to a user's account; guild-only commands (`/admin`) only in
/// servers, with their default member permissions (the server re-checks them on every use).
pub fn registration_payload() -> Value {
    let commands: Vec<Value> = spec::COMMANDS
        .iter()
        .map(|command| {
            let contexts: &[u8] = if command.guild_only {
                &GUILD_ONLY
            } else {
                &EVERYWHERE
            };
            let mut value = match command.kind {
                // Discord wants an empty description for message commands, and no options.
                spec::CommandKind::Message => {
                    json!({ "type": 3, "name": command.name, "description": "" })
                }
                spec::CommandKind::Slash => {
                    let options: Vec<Value> = if command.subcommands.is_empty() {
                        command.options.iter().map(option_json).collect()
                    } else {
                        subcommand_options(command)
                    };
                    json!({ "type": 1, "name": command.name, "description": command.description, "options": options })
                }
            };
            // A guild-only command needs the bot in the server (the daily post, the store's
            // per-server entries): installable to servers only.
            value["integration_types"] = if command.guild_only {
                json!([0])
            } else {
                json!(INTEGRATION_TYPES)
            };
            value["contexts"] = json!(contexts);
            if let Some(bits) = command.permissions {
                // Discord takes the bit set as a decimal string.
                value["default_member_permissions"] = json!(bits.to_string());
            }
            value
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
    fn servers_permissions_groups_and_message_commands_are_read_from_the_payload() {
        let mut admin = with_member(json!({
            "type": 2,
            "guild_id": "290926798626357999",
            "data": { "name": "admin", "options": [{ "name": "faq", "type": 2, "options": [
                { "name": "add", "type": 1, "options": [
                    { "name": "question", "type": 3, "value": "q?" },
                    { "name": "answer", "type": 3, "value": "a." }
                ] }
            ] }] }
        }));
        admin["member"]["permissions"] = json!("32");
        let Incoming::Command { caller, command } = decode(&admin).unwrap() else {
            panic!()
        };
        assert_eq!(caller.guild_id.as_deref(), Some("290926798626357999"));
        assert!(caller.manages_guild());
        assert_eq!(command.metric_name(), "admin.faq.add");
        // No permissions field, or one without Manage Server: not staff.
        admin["member"]["permissions"] = json!("2048");
        let Incoming::Command { caller, .. } = decode(&admin).unwrap() else {
            panic!()
        };
        assert!(!caller.manages_guild());
        // In a DM there is no guild, whatever a payload claims about permissions.
        let dm = json!({ "type": 2, "user": { "id": "7" }, "data": { "name": "admin", "options": [{ "name": "gaps", "type": 1 }] } });
        let Incoming::Command { caller, .. } = decode(&dm).unwrap() else {
            panic!()
        };
        assert_eq!((caller.guild_id, caller.permissions), (None, None));

        let message = with_member(json!({
            "type": 2,
            "data": { "name": spec::MESSAGE_COMMAND, "type": 3, "target_id": "1001",
                "resolved": { "messages": { "1001": { "id": "1001", "content": "how much do seniors earn?" } } } }
        }));
        let Incoming::Command { command, .. } = decode(&message).unwrap() else {
            panic!()
        };
        assert_eq!(
            command,
            Command::AnswerMessage {
                text: "how much do seniors earn?".into()
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
            [
                "start",
                "answer",
                "hint",
                "skip",
                "repeat",
                "end",
                "stats",
                "leaderboard"
            ]
        );
        let faq = commands.iter().find(|c| c["name"] == "faq").unwrap();
        assert_eq!(faq["options"][0]["autocomplete"], true);
        // User-installable: every command installs to a server or an account and works in DMs,
        // except `/admin`: servers only, hidden from members without Manage Server.
        for command in commands {
            let guild_only = command["name"] == "admin";
            let contexts = if guild_only {
                json!([0])
            } else {
                json!([0, 1, 2])
            };
            let installs = if guild_only {
                json!([0])
            } else {
                json!([0, 1])
            };
            assert_eq!(command["contexts"], contexts, "{}", command["name"]);
            assert_eq!(
                command["integration_types"], installs,
                "{}",
                command["name"]
            );
            let permissions = if guild_only { json!("32") } else { Value::Null };
            assert_eq!(command["default_member_permissions"], permissions);
        }
        let admin = commands.iter().find(|c| c["name"] == "admin").unwrap();
        let faq_group = admin["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "faq")
            .unwrap();
        assert_eq!(faq_group["type"], 2, "a subcommand group");
        let in_group: Vec<&str> = faq_group["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(in_group, ["add", "list", "remove"]);
        let daily = admin["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "daily")
            .unwrap();
        assert_eq!(daily["options"][0]["type"], 7, "a channel option");
        let message = commands
            .iter()
            .find(|c| c["name"] == spec::MESSAGE_COMMAND)
            .unwrap();
        assert_eq!(message["type"], 3);
        assert_eq!(message["description"], "");
        assert!(message.get("options").is_none());
    }
}
