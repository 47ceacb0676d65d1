//! The cache of guidance replies. Guidance commands are pure functions of their options and the
//! content, and FAQ traffic repeats itself, so a repeated question is answered from here instead
//! of being understood, embedded and ranked again. What this module owns: the key (the content's
//! fingerprint, where the command was asked, and the command itself), the bound (entries and
//! bytes, least recently used first out) and the hit and miss counts.
//!
//! A reply is cached only when it succeeded; errors and notices are recomputed. The key holds the
//! content fingerprint, so replies of other content are never served; `clear` drops everything
//! at once when the content is swapped.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::commands::Command;
use crate::reply::Reply;

/// At most this many replies…
pub const MAX_ENTRIES: usize = 4096;
/// …and about this many bytes of them (a chart's PNG is most of a `/salary` reply).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// What a cached reply answers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    content: u64,
    /// The guild asked in (per-server content may differ); None in DMs and the console.
    scope: Option<String>,
    command: String,
}

impl Key {
    /// The key for a command, when its reply depends only on its options and the content.
    pub fn for_command(content: u64, scope: Option<&str>, command: &Command) -> Option<Key> {
        let cacheable = matches!(
            command,
            Command::Ask { .. }
                | Command::Faq { .. }
                | Command::Salary { .. }
                | Command::Role { .. }
                | Command::Match { .. }
                | Command::Sources
                | Command::Help { .. }
        );
        cacheable.then(|| Key {
            content,
            scope: scope.map(str::to_string),
            // The parsed command: options already validated and trimmed, in one order.
            command: format!("{command:?}"),
        })
    }
}

struct Entries {
    replies: LruCache<Key, (Arc<Reply>, usize)>,
    bytes: usize,
}

/// Bounded, shared by every thread that handles commands.
pub struct ReplyCache {
    entries: Mutex<Entries>,
    max_bytes: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl std::fmt::Debug for ReplyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplyCache")
            .field("hits", &self.hits())
            .field("misses", &self.misses())
            .finish()
    }
}

impl Default for ReplyCache {
    fn default() -> ReplyCache {
        ReplyCache::new(MAX_ENTRIES, MAX_BYTES)
    }
}

impl ReplyCache {
    pub fn new(max_entries: usize, max_bytes: usize) -> ReplyCache {
        ReplyCache {
            entries: Mutex::new(Entries {
                replies: LruCache::new(NonZeroUsize::new(max_entries).unwrap_or(NonZeroUsize::MIN)),
                bytes: 0,
            }),
            max_bytes,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock leaves at worst a stale byte count.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, key: &Key) -> Option<Arc<Reply>> {
        let found = self.lock().replies.get(key).map(|(reply, _)| reply.clone());
        match found {
            Some(_) => self.hits.fetch_add(1, Ordering::Relaxed),
            None => self.misses.fetch_add(1, Ordering::Relaxed),
        };
        found
    }

    /// Keeps `reply` for `key`, dropping the least recently used replies past the bounds. A
    /// reply larger than the whole budget is not kept.
    pub fn put(&self, key: Key, reply: Reply) {
        let size = approximate_size(&reply) + key.command.len();
        if size > self.max_bytes {
            return;
        }
        let mut entries = self.lock();
        if let Some((_, (_, old))) = entries.replies.push(key, (Arc::new(reply), size)) {
            entries.bytes -= old;
        }
        entries.bytes += size;
        while entries.bytes > self.max_bytes {
            match entries.replies.pop_lru() {
                Some((_, (_, dropped))) => entries.bytes -= dropped,
                None => break,
            }
        }
    }

    /// Drops every reply (the content was swapped).
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.replies.clear();
        entries.bytes = 0;
    }

    pub fn len(&self) -> usize {
        self.lock().replies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }
}

/// The bytes a reply holds: its text (as JSON, which leaves attachments out) and its attachments.
fn approximate_size(reply: &Reply) -> usize {
    let attachments: usize = match reply {
        Reply::Message(message) => message.attachments.iter().map(|a| a.bytes.len()).sum(),
        _ => 0,
    };
    serde_json::to_vec(reply).map_or(0, |json| json.len()) + attachments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faq(question: &str) -> Command {
        Command::Faq {
            question: question.to_string(),
        }
    }

    #[test]
    fn only_guidance_commands_have_a_key_and_the_key_holds_content_and_scope() {
        let key = |content, scope| Key::for_command(content, scope, &faq("pay?"));
        assert!(key(1, None).is_some());
        assert_ne!(key(1, None), key(2, None));
        assert_ne!(key(1, None), key(1, Some("guild")));
        assert_ne!(
            Key::for_command(1, None, &faq("pay?")),
            Key::for_command(1, None, &faq("pay now?"))
        );
        let interview = Command::Interview(crate::commands::InterviewCommand::End);
        assert!(Key::for_command(1, None, &interview).is_none());
    }

    #[test]
    fn the_cache_keeps_to_its_bounds_least_recently_used_first_out() {
        let cache = ReplyCache::new(2, usize::MAX);
        let key = |q: &str| Key::for_command(1, None, &faq(q)).unwrap();
        cache.put(key("a"), Reply::notice("A"));
        cache.put(key("b"), Reply::notice("B"));
        assert!(cache.get(&key("a")).is_some()); // a is now the most recent
        cache.put(key("c"), Reply::notice("C"));
        assert!(
            cache.get(&key("b")).is_none(),
            "b was the least recently used"
        );
        assert!(cache.get(&key("a")).is_some() && cache.get(&key("c")).is_some());
        assert_eq!((cache.hits(), cache.misses()), (3, 1));

        let small = ReplyCache::new(100, 300);
        for q in ["one", "two", "three", "four", "five"] {
            small.put(key(q), Reply::notice(q));
            assert!(small.bytes() <= 300, "{} bytes", small.bytes());
        }
        assert!(small.len() < 5 && !small.is_empty());
        small.clear();
        assert!(small.is_empty() && small.bytes() == 0);
    }
}
