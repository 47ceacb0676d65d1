//! Shared by the Discord integration tests: the loopback stand-in, Discord-shaped interaction
//! payloads, and the `careerbot serve` child process. Each test binary uses a different subset.
#![allow(dead_code)]

pub mod bot;
pub mod discord_standin;
pub mod payloads;
