//! Finishing a deferred interaction over Discord's REST API: `PATCH
//! /webhooks/{application}/{token}/messages/@original` on `https://discord.com` or
//! `discord.api_url`, as JSON or, with attachments, as multipart (`payload_json` + `files[n]`).
//! Interaction webhooks are authorised by their token; no bot token is needed.

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;

use crate::error::{Error, Result};

const DISCORD: &str = "https://discord.com";
/// Discord asks every client to name itself like this.
const USER_AGENT: &str = concat!("DiscordBot (careerbot, ", env!("CARGO_PKG_VERSION"), ")");
/// Tries for one edit: a rate limit or a hiccup on Discord's side gets two more chances.
const ATTEMPTS: u32 = 3;
/// The longest a `Retry-After` is honoured: the interaction token lives 15 minutes, but a reply
/// that long overdue helps nobody.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// Where a deferred reply goes: the interaction's application and its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub application_id: String,
    pub token: String,
}

impl Delivery {
    /// From an interaction payload; the configured application id wins over the payload's.
    /// `None` when either is missing or could not be a Discord id or token (they go into a URL).
    pub fn from_payload(payload: &Value, configured: Option<u64>) -> Option<Delivery> {
        let application_id = configured
            .map(|id| id.to_string())
            .or_else(|| payload["application_id"].as_str().map(str::to_string))
            .filter(|id| {
                !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit())
            })?;
        let token = payload["token"].as_str().filter(|token| {
            !token.is_empty()
                && token.len() <= 1000
                && token
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        })?;
        Some(Delivery {
            application_id,
            token: token.to_string(),
        })
    }
}

/// The REST client for follow-ups.
#[derive(Debug, Clone)]
pub struct Followup {
    client: reqwest::Client,
    base: String,
}

impl Followup {
    /// `api_url` replaces `https://discord.com` (a rate-limiting proxy, a local stand-in).
    pub fn new(api_url: Option<&str>) -> Result<Followup> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Followup {
            client,
            base: api_url.unwrap_or(DISCORD).trim_end_matches('/').to_string(),
        })
    }

    /// Replaces the deferred "thinking…" message with `data` (the `data` of a rendered
    /// response) and uploads `files`. The error is a sentence for the log.
    pub async fn edit_original(
        &self,
        delivery: &Delivery,
        data: &Value,
        files: &[(String, Vec<u8>)],
    ) -> std::result::Result<(), String> {
        let url = format!(
            "{}/api/v10/webhooks/{}/{}/messages/@original",
            self.base, delivery.application_id, delivery.token
        );
        let payload = data.to_string();
        let mut attempt = 1;
        loop {
            let mut request = self.client.patch(&url);
            request = if files.is_empty() {
                request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(payload.clone())
            } else {
                request.multipart(multipart(&payload, files)?)
            };
            let retry_after = match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => {
                    let status = response.status();
                    let retryable =
                        status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
                    let wait = retry_after(response.headers());
                    let body = response.text().await.unwrap_or_default();
                    let reason = format!(
                        "Discord answered {status}: {}",
                        body.chars().take(300).collect::<String>()
                    );
                    if !retryable || attempt >= ATTEMPTS {
                        return Err(reason);
                    }
                    wait
                }
                Err(error) if attempt >= ATTEMPTS => {
                    return Err(format!("cannot reach {}: {error}", self.base))
                }
                Err(_) => None,
            };
            tokio::time::sleep(
                retry_after.unwrap_or(Duration::from_millis(250 * u64::from(attempt))),
            )
            .await;
            attempt += 1;
        }
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let seconds: f64 = headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds).min(MAX_RETRY_AFTER))
}

fn multipart(payload: &str, files: &[(String, Vec<u8>)]) -> std::result::Result<Form, String> {
    let mut form = Form::new().part(
        "payload_json",
        Part::text(payload.to_string())
            .mime_str("application/json")
            .map_err(|e| e.to_string())?,
    );
    for (index, (name, bytes)) in files.iter().enumerate() {
        let mime = if name.ends_with(".png") {
            "image/png"
        } else {
            "application/octet-stream"
        };
        let part = Part::bytes(bytes.clone())
            .file_name(name.clone())
            .mime_str(mime)
            .map_err(|e| e.to_string())?;
        form = form.part(format!("files[{index}]"), part);
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn delivery_comes_from_the_payload_and_must_be_url_safe() {
        let payload = json!({ "application_id": "111", "token": "aW50ZXJhY3Rpb24.tok-en_1" });
        let cases = [
            (
                payload.clone(),
                None,
                Some(("111", "aW50ZXJhY3Rpb24.tok-en_1")),
            ),
            (
                payload.clone(),
                Some(222),
                Some(("222", "aW50ZXJhY3Rpb24.tok-en_1")),
            ),
            (json!({ "application_id": "111" }), None, None),
            (json!({ "token": "abc" }), None, None),
            (json!({ "token": "abc" }), Some(5), Some(("5", "abc"))),
            (
                json!({ "application_id": "111", "token": "../../x" }),
                None,
                None,
            ),
            (
                json!({ "application_id": "1/2", "token": "abc" }),
                None,
                None,
            ),
            (
                json!({ "application_id": "111", "token": "a?b" }),
                None,
                None,
            ),
        ];
        for (payload, configured, expected) in cases {
            let got = Delivery::from_payload(&payload, configured);
            let got = got
                .as_ref()
                .map(|d| (d.application_id.as_str(), d.token.as_str()));
            assert_eq!(got, expected, "{payload} {configured:?}");
        }
    }

    #[test]
    fn retry_after_is_read_and_capped() {
        let cases = [
            ("1.5", Some(1500)),
            ("600", Some(5000)),
            ("soon", None),
            ("-1", None),
        ];
        for (value, expected) in cases {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert("retry-after", value.parse().unwrap());
            assert_eq!(
                retry_after(&headers).map(|d| d.as_millis() as u64),
                expected,
                "{value}"
            );
        }
    }
}
