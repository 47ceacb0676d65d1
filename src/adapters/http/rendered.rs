//! Initial responses already rendered and serialized, kept by the reply they render. The core
//! answers a repeated question from its reply cache in microseconds, and rendering that reply
//! again (the embed limits, the `serde_json::Value` tree, its serialization: about 150
//! allocations for a `/faq` answer) would then cost more than the answer. Rendering is a pure
//! function of the reply, so the same reply is sent as the same bytes: this memo keeps them.
//!
//! A reply is found by a digest of its serialized form and then compared whole with the kept
//! reply, so a digest collision can only cost a render, never send another reply's bytes.
//! Bounded by count and bytes, least recently used out; replies with files never come here
//! (they travel with a deferred edit, not in the HTTP response).

use std::hash::{DefaultHasher, Hasher};
use std::num::NonZeroUsize;
use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;

use crate::adapters::render;
use crate::reply::Reply;

/// At most this many rendered responses…
pub const MAX_ENTRIES: usize = 1024;
/// …holding about this many bytes (the reply and its JSON).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

struct Kept {
    reply: Reply,
    json: Bytes,
    size: usize,
}

struct Entries {
    kept: LruCache<u64, Kept>,
    bytes: usize,
}

/// Shared by every request of one endpoint.
pub struct RenderedResponses {
    entries: Mutex<Entries>,
    max_bytes: usize,
}

impl std::fmt::Debug for RenderedResponses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderedResponses")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

impl Default for RenderedResponses {
    fn default() -> RenderedResponses {
        RenderedResponses::new(MAX_ENTRIES, MAX_BYTES)
    }
}

/// Feeds serialized bytes straight into a hasher: a digest without building the JSON.
struct Digest(DefaultHasher);

impl std::io::Write for Digest {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn digest(reply: &Reply) -> Option<u64> {
    let mut digest = Digest(DefaultHasher::new());
    serde_json::to_writer(&mut digest, reply).ok()?;
    Some(digest.0.finish())
}

/// The interaction response for `reply`, serialized.
pub fn serialize(reply: &Reply) -> Bytes {
    // Rendered values are maps, arrays and strings: serializing them cannot fail.
    Bytes::from(serde_json::to_vec(&render::interaction_response(reply).body).unwrap_or_default())
}

impl RenderedResponses {
    pub fn new(max_entries: usize, max_bytes: usize) -> RenderedResponses {
        RenderedResponses {
            entries: Mutex::new(Entries {
                kept: LruCache::new(NonZeroUsize::new(max_entries).unwrap_or(NonZeroUsize::MIN)),
                bytes: 0,
            }),
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves at worst a stale byte count.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The serialized interaction response for `reply` (a message without files, a modal or
    /// choices): the kept bytes when this very reply was rendered before, else rendered now.
    pub fn get(&self, reply: &Reply) -> Bytes {
        let with_files = reply
            .as_message()
            .is_some_and(|message| !message.attachments.is_empty());
        let key = match digest(reply) {
            Some(key) if !with_files => key,
            _ => return serialize(reply),
        };
        if let Some(kept) = self.lock().kept.get(&key) {
            if kept.reply == *reply {
                return kept.json.clone();
            }
        }
        let json = serialize(reply);
        // The reply's own text is about the size of its JSON.
        let size = 2 * json.len();
        if size <= self.max_bytes {
            let kept = Kept {
                reply: reply.clone(),
                json: json.clone(),
                size,
            };
            let mut entries = self.lock();
            if let Some((_, old)) = entries.kept.push(key, kept) {
                entries.bytes -= old.size;
            }
            entries.bytes += size;
            while entries.bytes > self.max_bytes {
                match entries.kept.pop_lru() {
                    Some((_, dropped)) => entries.bytes -= dropped.size,
                    None => break,
                }
            }
        }
        json
    }

    pub fn len(&self) -> usize {
        self.lock().kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Embed, Message};

    fn answer(text: &str) -> Reply {
        Reply::Message(Message {
            embeds: vec![Embed::new("What is a backend engineer?")
                .description(text)
                .footer("Source: a guide")],
            ..Message::default()
        })
    }

    #[test]
    fn the_same_reply_gets_the_bytes_rendering_gives() {
        let memo = RenderedResponses::default();
        for reply in [
            answer("Server-side development."),
            Reply::notice("try again"),
            Reply::Choices(Vec::new()),
        ] {
            let expected = serialize(&reply);
            let parsed: serde_json::Value = serde_json::from_slice(&expected).unwrap();
            assert_eq!(parsed, render::interaction_response(&reply).body);
            assert_eq!(memo.get(&reply), expected, "first time: rendered");
            assert_eq!(memo.get(&reply), expected, "second time: kept");
        }
        assert_eq!(memo.len(), 3);
        // A different reply never gets another's bytes.
        let other = answer("Client-side development.");
        assert_eq!(memo.get(&other), serialize(&other));
        assert_ne!(
            memo.get(&other),
            memo.get(&answer("Server-side development."))
        );
    }

    #[test]
    fn a_digest_collision_renders_instead_of_sending_the_kept_bytes() {
        let memo = RenderedResponses::default();
        let (kept, asked) = (answer("kept"), answer("asked"));
        // Plant `kept` under the digest of `asked`, as a collision would.
        let key = digest(&asked).unwrap();
        let mut entries = memo.lock();
        entries.kept.put(
            key,
            Kept {
                reply: kept.clone(),
                json: serialize(&kept),
                size: 1,
            },
        );
        entries.bytes += 1;
        drop(entries);
        assert_eq!(memo.get(&asked), serialize(&asked));
    }

    #[test]
    fn the_memo_keeps_to_its_bounds() {
        let memo = RenderedResponses::new(2, usize::MAX);
        for text in ["one", "two", "three"] {
            memo.get(&answer(text));
        }
        assert_eq!(memo.len(), 2);
        let size = 2 * serialize(&answer("one")).len();
        let small = RenderedResponses::new(100, 3 * size);
        for text in ["one", "two", "six", "ten", "owl"] {
            small.get(&answer(text));
            assert!(small.bytes() <= 3 * size, "{} bytes", small.bytes());
        }
        assert!(small.len() <= 3 && !small.is_empty());
        let nothing = RenderedResponses::new(100, 10);
        assert_eq!(nothing.get(&answer("one")), serialize(&answer("one")));
        assert!(nothing.is_empty(), "larger than the whole budget: not kept");
    }
}
