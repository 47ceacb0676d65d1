//! Finishing a deferred interaction over Discord's REST API: `PATCH
//! /webhooks/{application}/{token}/messages/@original` on `https://discord.com` or
//! `discord.api_url`, as JSON or, with attachments, as multipart (`payload_json` + `files[n]`);
//! plus deleting the original and sending a follow-up (`POST /webhooks/{application}/{token}`),
//! for a reply whose visibility differs from its deferral.
//! Interaction webhooks are authorised by their token; no bot token is needed.

use std::time::Duration;

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;

use crate::adapters::interaction::Envelope;

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
#[derive(Clone, PartialEq, Eq)]
pub struct Delivery {
    pub application_id: String,
    pub token: String,
}

impl std::fmt::Debug for Delivery {
    // The token authorises replies for 15 minutes: never in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("application_id", &self.application_id)
            .finish_non_exhaustive()
    }
}

impl Delivery {
    /// From a decoded envelope; the configured application id wins over the payload's. `None`
    /// when neither names an application.
    pub fn new(envelope: &Envelope, configured: Option<u64>) -> Option<Delivery> {
        let application_id = configured
            .map(|id| id.to_string())
            .or_else(|| envelope.application_id.clone())?;
        Some(Delivery {
            application_id,
            token: envelope.token.clone(),
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
        self.send(reqwest::Method::PATCH, &url, Some(data), files)
            .await
    }

    /// Deletes the deferred placeholder.
    pub async fn delete_original(&self, delivery: &Delivery) -> std::result::Result<(), String> {
        let url = format!(
            "{}/api/v10/webhooks/{}/{}/messages/@original",
            self.base, delivery.application_id, delivery.token
        );
        self.send(reqwest::Method::DELETE, &url, None, &[]).await
    }

    /// Sends a further message about the interaction (ephemeral when `data` says so).
    pub async fn follow_up(
        &self,
        delivery: &Delivery,
        data: &Value,
        files: &[(String, Vec<u8>)],
    ) -> std::result::Result<(), String> {
        let url = format!(
            "{}/api/v10/webhooks/{}/{}",
            self.base, delivery.application_id, delivery.token
        );
        self.send(reqwest::Method::POST, &url, Some(data), files)
            .await
    }

    async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        data: Option<&Value>,
        files: &[(String, Vec<u8>)],
    ) -> std::result::Result<(), String> {
        let payload = data.map(Value::to_string);
        let mut attempt = 1;
        loop {
            let mut request = self.client.request(method.clone(), url);
            request = match (&payload, files.is_empty()) {
                (None, _) => request,
                (Some(payload), true) => request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(payload.clone()),
                (Some(payload), false) => request.multipart(multipart(payload, files)?),
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
                    // reqwest's error names the URL, which holds the token: leave it out.
                    return Err(format!(
                        "cannot reach {}: {}",
                        self.base,
                        error.without_url()
                    ));
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

    #[test]
    fn the_configured_application_wins_and_one_is_needed() {
        let envelope = |application: Option<&str>| Envelope {
            id: "1".into(),
            application_id: application.map(str::to_string),
            token: "tok".into(),
        };
        let cases = [
            (Some("111"), None, Some("111")),
            (Some("111"), Some(222), Some("222")),
            (None, Some(5), Some("5")),
            (None, None, None),
        ];
        for (payload, configured, expected) in cases {
            let got = Delivery::new(&envelope(payload), configured);
            assert_eq!(
                got.as_ref().map(|d| d.application_id.as_str()),
                expected,
                "{payload:?} {configured:?}"
            );
            if let Some(delivery) = got {
                assert!(!format!("{delivery:?}").contains("tok"));
            }
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
