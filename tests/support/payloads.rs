//! INTERACTION_CREATE payloads shaped like the examples in Discord's documentation (an
//! application command, an autocomplete, a button click carrying its message, a modal submit),
//! plus the fields serenity's strict model requires (`member.flags`, `application_id`,
//! `version`, `entitlements`, `attachment_size_limit`, `locale`). Every payload gets a fresh
//! interaction id and token, as Discord's do.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

use super::discord_standin::{APPLICATION_ID, BOT_USER_ID};

pub const GUILD_ID: &str = "290926798626357999";
pub const CHANNEL_ID: &str = "645027906669510667";

/// A guild member who uses the bot.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub id: &'static str,
    pub username: &'static str,
}

pub const MASON: Member = Member {
    id: "53908232506183680",
    username: "Mason",
};
pub const ROBIN: Member = Member {
    id: "80351110224678912",
    username: "Robin",
};

static NEXT: AtomicU64 = AtomicU64::new(1);

fn next_id() -> (String, String) {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    (
        format!("{}", 786_008_729_715_212_338u64 + n),
        format!("aW50ZXJhY3Rpb246{n}:unique-interaction-token"),
    )
}

fn base(kind: u8, member: Member, data: Value) -> Value {
    let (id, token) = next_id();
    json!({
        "type": kind,
        "id": id,
        "token": token,
        "application_id": APPLICATION_ID,
        "version": 1,
        "guild_id": GUILD_ID,
        "channel_id": CHANNEL_ID,
        "app_permissions": "442368",
        "guild_locale": "en-US",
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": 10485760,
        "member": {
            "user": {
                "id": member.id,
                "username": member.username,
                "avatar": "a_d5efa99b3eeaa7dd43acca82f5692432",
                "discriminator": "1337",
                "public_flags": 131141
            },
            "roles": ["539082325061836999"],
            "premium_since": null,
            "permissions": "2147483647",
            "pending": false,
            "nick": null,
            "mute": false,
            "joined_at": "2017-03-13T19:19:14.040000+00:00",
            "is_pending": false,
            "deaf": false,
            "flags": 0
        },
        "data": data
    })
}

/// `/name option:value …`; options as Discord sends them (`{name, type, value}`).
pub fn command(member: Member, name: &str, options: Value) -> Value {
    base(
        2,
        member,
        json!({ "id": "771825006014889984", "name": name, "type": 1, "options": options }),
    )
}

/// `/name sub option:value …`.
pub fn subcommand(member: Member, name: &str, sub: &str, options: Value) -> Value {
    command(
        member,
        name,
        json!([{ "name": sub, "type": 1, "options": options }]),
    )
}

/// A string option.
pub fn text(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

/// An integer option.
pub fn integer(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

/// The user is typing `partial` into option `option` of `/name`.
pub fn autocomplete(member: Member, name: &str, option: &str, partial: &str) -> Value {
    base(
        4,
        member,
        json!({
            "id": "771825006014889984",
            "name": name,
            "type": 1,
            "options": [{ "name": option, "type": 3, "value": partial, "focused": true }]
        }),
    )
}

/// The message a bot reply became, as Discord includes it in a component interaction.
pub fn message_from(reply_data: &Value) -> Value {
    json!({
        "type": 0,
        "tts": false,
        "timestamp": "2021-05-19T02:12:51.710000+00:00",
        "pinned": false,
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": false,
        "id": "844397162624450620",
        "flags": reply_data["flags"].as_u64().unwrap_or(0),
        "embeds": reply_data["embeds"].as_array().cloned().unwrap_or_default(),
        "edited_timestamp": null,
        "content": reply_data["content"].as_str().unwrap_or_default(),
        "components": reply_data["components"].as_array().cloned().unwrap_or_default(),
        "channel_id": CHANNEL_ID,
        "author": { "id": BOT_USER_ID, "username": "careerbot", "discriminator": "0000", "avatar": null, "bot": true },
        "attachments": [],
        "application_id": APPLICATION_ID,
        "webhook_id": APPLICATION_ID
    })
}

/// A click on the button `custom_id` of `message`.
pub fn button(member: Member, custom_id: &str, message: Value) -> Value {
    let mut payload = base(
        3,
        member,
        json!({ "custom_id": custom_id, "component_type": 2 }),
    );
    payload["message"] = message;
    payload
}

/// A submitted modal: each field as `(input custom id, value)`.
pub fn modal_submit(member: Member, custom_id: &str, fields: &[(&str, &str)]) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(id, value)| {
            json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "value": value }] })
        })
        .collect();
    base(
        5,
        member,
        json!({ "custom_id": custom_id, "components": rows }),
    )
}

/// Every button of a reply: (custom id, label).
pub fn buttons(reply_data: &Value) -> Vec<(String, String)> {
    reply_data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["type"] == 2)
        .map(|b| {
            (
                b["custom_id"].as_str().unwrap_or_default().to_string(),
                b["label"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The same payload with the member's permission bits as Discord computed them (a decimal
/// string): "0" is a member with no permissions, "32" one with Manage Server.
pub fn with_permissions(mut payload: Value, bits: &str) -> Value {
    payload["member"]["permissions"] = json!(bits);
    payload
}

/// `/name group sub option:value …` (a subcommand inside a subcommand group).
pub fn grouped(member: Member, name: &str, group: &str, sub: &str, options: Value) -> Value {
    command(
        member,
        name,
        json!([{ "name": group, "type": 2, "options": [{ "name": sub, "type": 1, "options": options }] }]),
    )
}

/// The message command `name` on a message with this text (Discord's MESSAGE command, type 3:
/// the target's id, and the message itself in `resolved`).
pub fn message_command(member: Member, name: &str, text: &str) -> Value {
    let target = "1105512345678901234";
    base(
        2,
        member,
        json!({
            "id": "771825006014889985",
            "name": name,
            "type": 3,
            "target_id": target,
            "resolved": { "messages": { target: {
                "id": target,
                "type": 0,
                "channel_id": CHANNEL_ID,
                "author": { "id": ROBIN.id, "username": ROBIN.username, "discriminator": "0", "avatar": null },
                "content": text,
                "timestamp": "2026-01-01T09:00:00.000000+00:00",
                "edited_timestamp": null,
                "tts": false,
                "mention_everyone": false,
                "mentions": [],
                "mention_roles": [],
                "attachments": [],
                "embeds": [],
                "pinned": false,
                "flags": 0
            } } }
        }),
    )
}
