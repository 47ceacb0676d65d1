//! The cache of guidance replies. Guidance commands are pure functions of their options, the
//! content and the asking server's own FAQ entries, and FAQ traffic repeats itself, so a repeated
//! question is answered from here instead of being understood, embedded and ranked again. What
//! this module owns: the key (the content's fingerprint, a digest of the server's entries, and
//! the command itself), the bound (entries and bytes, least recently used first out) and the hit
//! and miss counts. Whether the reply was a miss (nothing answered it) is kept with it, so the
//! gap report still counts a repeated miss.
//!
//! Only successful replies are cached; errors are recomputed. The key holds the content
//! fingerprint and the entries' digest, so replies of other content or entries are never served
//! (in this process or any other sharing the store); `clear` drops everything at once when the
//! content is swapped.

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
    /// A digest of the asking server's own entries (0 without any).
    entries: u64,
    command: String,
}

impl Key {
    /// The key for a guidance command's reply; the caller decides which commands are pure.
    pub fn new(content: u64, entries: u64, command: &Command) -> Key {
        Key {
            content,
            entries,
            // The parsed command: options already validated and trimmed, in one order.
            command: format!("{command:?}"),
        }
    }
}

/// A reply kept, and whether nothing answered its question.
#[derive(Debug, Clone)]
pub struct Cached {
    pub reply: Arc<Reply>,
    pub missed: bool,
}

struct Entries {
    replies: LruCache<Key, (Cached, usize)>,
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

    pub fn get(&self, key: &Key) -> Option<Cached> {
        let found = self
            .lock()
            .replies
            .get(key)
            .map(|(cached, _)| cached.clone());
        match found {
            Some(_) => self.hits.fetch_add(1, Ordering::Relaxed),
            None => self.misses.fetch_add(1, Ordering::Relaxed),
        };
        found
    }

    /// Keeps `reply` for `key`, dropping the least recently used replies past the bounds. A
    /// reply larger than the whole budget is not kept.
    pub fn put(&self, key: Key, reply: Reply, missed: bool) {
        let size = approximate_size(&reply) + key.command.len();
        if size > self.max_bytes {
            return;
        }
        let cached = Cached {
            reply: Arc::new(reply),
            missed,
        };
        let mut entries = self.lock();
        if let Some((_, (_, old))) = entries.replies.push(key, (cached, size)) {
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
    fn the_key_holds_content_entries_and_command() {
        let key = |content, entries, q| Key::new(content, entries, &faq(q));
        assert_eq!(key(1, 0, "pay?"), key(1, 0, "pay?"));
        assert_ne!(key(1, 0, "pay?"), key(2, 0, "pay?"));
        assert_ne!(key(1, 0, "pay?"), key(1, 7, "pay?"));
        assert_ne!(key(1, 0, "pay?"), key(1, 0, "pay now?"));
    }

    #[test]
    fn the_cache_keeps_to_its_bounds_least_recently_used_first_out() {
        let cache = ReplyCache::new(2, usize::MAX);
        let key = |q: &str| Key::new(1, 0, &faq(q));
        cache.put(key("a"), Reply::notice("A"), false);
        cache.put(key("b"), Reply::notice("B"), true);
        assert!(cache.get(&key("b")).is_some_and(|c| c.missed));
        assert!(cache.get(&key("a")).is_some_and(|c| !c.missed)); // a is now the most recent
        cache.put(key("c"), Reply::notice("C"), false);
        assert!(
            cache.get(&key("b")).is_none(),
            "b was the least recently used"
        );
        assert!(cache.get(&key("a")).is_some() && cache.get(&key("c")).is_some());
        assert_eq!((cache.hits(), cache.misses()), (4, 1));

        let small = ReplyCache::new(100, 300);
        for q in ["one", "two", "three", "four", "five"] {
            small.put(key(q), Reply::notice(q), false);
            assert!(small.bytes() <= 300, "{} bytes", small.bytes());
        }
        assert!(small.len() < 5 && !small.is_empty());
        small.clear();
        assert!(small.is_empty() && small.bytes() == 0);
    }
}
