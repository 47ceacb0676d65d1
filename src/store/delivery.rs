//! The delivery scope: which delivery (a transport's interaction id) the writes on this thread
//! belong to. `App::handle_delivery` enters a scope around the synchronous `App::handle`; a
//! `Store` implementation asks `claim` inside each write transaction that changes something, so
//! the delivery id is recorded atomically with the first change it caused.
//!
//! A thread-local rather than a parameter: the core's commands reach the store through many
//! functions that should not each carry a transport's delivery id, and a command runs on one
//! thread from start to end (`App::handle` is synchronous). Outside a scope (the console,
//! `exec`, tests) nothing is recorded.

use std::cell::RefCell;

/// What the scope saw by the time the command finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing changed: there is nothing a repeat could apply twice.
    Untouched,
    /// A change was made and the delivery recorded with it.
    Claimed,
    /// Another delivery with the same id recorded a change first; this one's was rolled back.
    Duplicate,
}

#[derive(Debug)]
struct Current {
    id: String,
    now: i64,
    /// Records older than this may be pruned.
    keep_since: i64,
    outcome: Outcome,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// While alive, this thread's writes belong to one delivery.
#[derive(Debug)]
pub struct Scope {
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Scope {
    /// Starts a scope for delivery `id` at `now`; records older than `keep_since` may be pruned.
    pub fn enter(id: &str, now: i64, keep_since: i64) -> Scope {
        CURRENT.with(|current| {
            *current.borrow_mut() = Some(Current {
                id: id.to_string(),
                now,
                keep_since,
                outcome: Outcome::Untouched,
            })
        });
        Scope {
            _not_send: std::marker::PhantomData,
        }
    }

    /// Ends the scope and says what happened in it.
    pub fn finish(self) -> Outcome {
        CURRENT.with(|current| {
            current
                .borrow()
                .as_ref()
                .map_or(Outcome::Untouched, |c| c.outcome)
        })
        // Drop clears it.
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
    }
}

/// What a store must do in a write transaction that changes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Not inside a scope, or the delivery was already recorded by an earlier write of this same
    /// delivery: nothing to record.
    Nothing,
    /// Record delivery `id` at `now` in this transaction (and prune records before
    /// `keep_since`); report back with `recorded`.
    Record {
        id: String,
        now: i64,
        keep_since: i64,
    },
}

/// Asked by a store inside a write transaction, before it commits a change.
pub fn claim() -> Claim {
    CURRENT.with(|current| match current.borrow().as_ref() {
        Some(c) if c.outcome == Outcome::Untouched => Claim::Record {
            id: c.id.clone(),
            now: c.now,
            keep_since: c.keep_since,
        },
        _ => Claim::Nothing,
    })
}

/// Tells the scope whether the store could record the delivery (false: a repeat).
pub fn recorded(fresh: bool) {
    CURRENT.with(|current| {
        if let Some(c) = current.borrow_mut().as_mut() {
            c.outcome = if fresh {
                Outcome::Claimed
            } else {
                Outcome::Duplicate
            };
        }
    });
}
