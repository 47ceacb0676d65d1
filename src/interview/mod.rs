//! Mock interviews: question choice, sessions, scoring against rubrics, summaries and history.

use crate::app::{App, Caller};
use crate::commands::InterviewCommand;
use crate::error::{Error, Result};
use crate::reply::Reply;

/// Custom ids of interview buttons and modals start with this.
pub const CUSTOM_ID_PREFIX: &str = "iv";

pub fn handle(_app: &App, _caller: &Caller, _command: InterviewCommand) -> Result<Reply> {
    Err(Error::Usage("Interviews are not available yet.".into()))
}

pub fn component(_app: &App, _caller: &Caller, _custom_id: &str) -> Result<Reply> {
    Err(Error::Usage("Interviews are not available yet.".into()))
}

pub fn modal_submit(
    _app: &App,
    _caller: &Caller,
    _custom_id: &str,
    _fields: &[(String, String)],
) -> Result<Reply> {
    Err(Error::Usage("Interviews are not available yet.".into()))
}
