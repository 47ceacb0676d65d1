//! Who may call the interactions endpoint: a request must carry Discord's Ed25519 signature of
//! `timestamp ‖ body` (checked with serenity's `Verifier` against the application's public key)
//! and a timestamp inside the replay window around the app's clock.

use std::time::Duration;

use serenity::interactions_endpoint::Verifier;

use crate::error::{Error, Result};
use crate::metrics::SignatureFailure;

/// The headers Discord signs requests with.
pub const SIGNATURE_HEADER: &str = "x-signature-ed25519";
pub const TIMESTAMP_HEADER: &str = "x-signature-timestamp";

/// Checks requests against one application's public key.
#[derive(Clone)]
pub struct RequestAuth {
    verifier: Verifier,
    window_seconds: i64,
}

impl std::fmt::Debug for RequestAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestAuth")
            .field("window_seconds", &self.window_seconds)
            .finish_non_exhaustive()
    }
}

fn hex_key(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(key)
}

impl RequestAuth {
    /// `public_key` is the 64 hex digits the developer portal shows. serenity's `Verifier::new`
    /// panics on a bad key; a configuration mistake must be an error that names the setting.
    pub fn new(public_key: &str, replay_window: Duration) -> Result<RequestAuth> {
        let bytes = hex_key(public_key)
            .ok_or_else(|| Error::Config("`discord.public_key` must be 64 hex digits".into()))?;
        let verifier = Verifier::try_new(bytes).map_err(|e| {
            Error::Config(format!(
                "`discord.public_key` is not a usable Ed25519 key: {e}"
            ))
        })?;
        Ok(RequestAuth {
            verifier,
            window_seconds: i64::try_from(replay_window.as_secs()).unwrap_or(i64::MAX),
        })
    }

    /// Accepts a request or says why not. The signature is checked before the timestamp, so a
    /// `Stale` rejection always means a request Discord really signed (a replay, or a clock that
    /// drifted), never random junk.
    pub fn check(
        &self,
        signature: Option<&str>,
        timestamp: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> std::result::Result<(), SignatureFailure> {
        let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
            return Err(SignatureFailure::Missing);
        };
        self.verifier
            .verify(signature, timestamp, body)
            .map_err(|()| SignatureFailure::Invalid)?;
        let sent: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| SignatureFailure::Stale)?;
        if now.abs_diff(sent) > self.window_seconds.unsigned_abs() {
            return Err(SignatureFailure::Stale);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    const NOW: i64 = 1_700_000_000;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7u8; 32])
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn sign(timestamp: &str, body: &[u8]) -> String {
        let message = [timestamp.as_bytes(), body].concat();
        hex(&key().sign(&message).to_bytes())
    }

    fn auth() -> RequestAuth {
        RequestAuth::new(
            &hex(key().verifying_key().as_bytes()),
            Duration::from_secs(300),
        )
        .unwrap()
    }

    #[test]
    fn accepts_only_fresh_requests_signed_by_the_key() {
        let body = br#"{"type":1}"#;
        let fresh = NOW.to_string();
        let good = sign(&fresh, body);
        let other_key = hex(&SigningKey::from_bytes(&[8u8; 32])
            .sign(&[fresh.as_bytes(), body].concat())
            .to_bytes());
        let old = (NOW - 301).to_string();
        let edge = (NOW - 300).to_string();
        let ahead = (NOW + 301).to_string();
        let words = "yesterday".to_string();
        type Case<'a> = (
            &'a str,
            Option<String>,
            Option<&'a str>,
            &'a [u8],
            Result<(), SignatureFailure>,
        );
        let cases: Vec<Case> = vec![
            ("good", Some(good.clone()), Some(&fresh), body, Ok(())),
            (
                "no signature",
                None,
                Some(&fresh),
                body,
                Err(SignatureFailure::Missing),
            ),
            (
                "no timestamp",
                Some(good.clone()),
                None,
                body,
                Err(SignatureFailure::Missing),
            ),
            (
                "tampered body",
                Some(good.clone()),
                Some(&fresh),
                br#"{"type":2}"#,
                Err(SignatureFailure::Invalid),
            ),
            (
                "other timestamp",
                Some(good.clone()),
                Some(&edge),
                body,
                Err(SignatureFailure::Invalid),
            ),
            (
                "other key",
                Some(other_key),
                Some(&fresh),
                body,
                Err(SignatureFailure::Invalid),
            ),
            (
                "not hex",
                Some("zz".repeat(64)),
                Some(&fresh),
                body,
                Err(SignatureFailure::Invalid),
            ),
            (
                "short",
                Some(good[..10].to_string()),
                Some(&fresh),
                body,
                Err(SignatureFailure::Invalid),
            ),
            (
                "too old",
                Some(sign(&old, body)),
                Some(&old),
                body,
                Err(SignatureFailure::Stale),
            ),
            (
                "at the edge",
                Some(sign(&edge, body)),
                Some(&edge),
                body,
                Ok(()),
            ),
            (
                "from the future",
                Some(sign(&ahead, body)),
                Some(&ahead),
                body,
                Err(SignatureFailure::Stale),
            ),
            (
                "not a number",
                Some(sign(&words, body)),
                Some(&words),
                body,
                Err(SignatureFailure::Stale),
            ),
        ];
        let auth = auth();
        for (name, signature, timestamp, body, expected) in cases {
            assert_eq!(
                auth.check(signature.as_deref(), timestamp, body, NOW),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn a_bad_key_is_a_config_error_not_a_panic() {
        for key in ["", "abc", &"g".repeat(64), &"é".repeat(32)] {
            let error = RequestAuth::new(key, Duration::from_secs(1)).unwrap_err();
            assert!(error.to_string().contains("discord.public_key"), "{key:?}");
        }
    }
}
