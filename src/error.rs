//! The crate's one error type and its `Result` alias. Every error has a message that is safe to
//! show a user (`user_message`) and a full cause for the logs (`Display`).

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a user sees while the session database is out of reach (restarting, failing over).
pub const STORE_UNAVAILABLE: &str =
    "Interviews are briefly unavailable: the session database is not answering, so this step was not saved. Your interview so far is kept; please try again in a minute.";

/// One problem found in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    pub path: PathBuf,
    /// 1-based line, where the problem can be pinned to one.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user typed something the command declaration does not accept.
    #[error("{0}")]
    Usage(String),
    /// An unknown command or option: the console exits with status 2 on this one.
    #[error("{0}")]
    Unknown(String),
    #[error("content is invalid:\n{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Content(Vec<ContentProblem>),
    #[error("configuration: {0}")]
    Config(String),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    /// The session database failed, whichever store it is (`store::sqlite`, `store::postgres`
    /// convert their clients' errors into this). `unavailable` marks failures that a retry may
    /// cure (the server is down or restarting, the pool timed out, the file is busy): the user
    /// is asked to try again rather than told something broke.
    #[error("database{}: {source}", if *.unavailable { " unavailable" } else { "" })]
    Store {
        unavailable: bool,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    #[error("chart: {0}")]
    Chart(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// Discord refused or could not be reached (REST or gateway).
    #[error("discord: {0}")]
    Discord(String),
    /// A repeat of a delivery whose change is already recorded (see `store::delivery`); its
    /// own change was rolled back. Not a failure: the repeat gets the first reply.
    #[error("delivery {0} was already handled")]
    AlreadyDelivered(String),
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A store failure; `unavailable` when trying again later may succeed.
    pub fn store(
        unavailable: bool,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Error {
        Error::Store {
            unavailable,
            source: source.into(),
        }
    }

    /// Whether this is the session database being out of reach (for now).
    pub fn is_store_unavailable(&self) -> bool {
        matches!(
            self,
            Error::Store {
                unavailable: true,
                ..
            }
        )
    }

    /// What a user may be shown: their own mistake in full, anything internal as a generic line
    /// (the cause goes to the logs, never to Discord).
    pub fn user_message(&self) -> String {
        match self {
            Error::Usage(message) | Error::Unknown(message) => message.clone(),
            Error::Store {
                unavailable: true,
                ..
            } => STORE_UNAVAILABLE.to_string(),
            _ => "Something went wrong on our side; the maintainers can find the details in the logs.".to_string(),
        }
    }
}
