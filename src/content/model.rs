//! The on-disk content schema: what a guide, a role, a question bank and the synonym list look
//! like once parsed from TOML. Every struct denies unknown fields so that a typo in `content/`
//! is reported instead of silently ignored. Nothing here is specific to one role.

use serde::{Deserialize, Serialize};

/// `content/<role>/role.toml`: the role's display name and the names people call it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFile {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Where a guide came from. Every fact loaded from a guide file is cited with this.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short stable id, unique within the role (used in citations and custom ids).
    pub id: String,
    /// The guide's own title, verbatim.
    pub title: String,
    /// Publisher or author line, only where the guide names one.
    pub publisher: Option<String>,
    /// The guide's "updated" note, verbatim, only where the guide has one.
    pub updated: Option<String>,
    /// The seed file the guide was converted from.
    pub origin: String,
}

/// A heading and its prose, verbatim from the guide.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prose {
    pub heading: String,
    pub body: String,
}

/// A heading with a bullet list (skills, tools, entry routes, proof projects).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListSection {
    pub heading: String,
    pub intro: Option<String>,
    pub items: Vec<String>,
}

/// "What AI changes": what it speeds up, what stays human, and the guide's summary.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AiSection {
    pub heading: String,
    pub accelerates: String,
    pub stays_human: String,
    pub body: Option<String>,
}

/// A seniority level, normalised across guides so that `/salary level:senior` can compare them.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Junior,
    Mid,
    Senior,
    Lead,
    Principal,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Junior,
        Level::Mid,
        Level::Senior,
        Level::Lead,
        Level::Principal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Lead => "lead",
            Level::Principal => "principal",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// One rung of a guide's career ladder. Text fields are verbatim; the numbers are the same
/// figures parsed so they can be compared and charted, and stay empty where the guide gives none.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LadderStep {
    /// The normalised levels this rung covers (a guide's "Senior/Lead" covers two).
    pub levels: Vec<Level>,
    /// The guide's own level label where it has one ("Entry", "Senior/Lead").
    pub label: Option<String>,
    pub title: String,
    /// Experience as the guide writes it ("0-2 years").
    pub years: String,
    pub years_min: u32,
    /// None for an open-ended rung ("12+ years").
    pub years_max: Option<u32>,
    pub focus: String,
    /// Pay as the guide writes it.
    pub salary: String,
    pub salary_min: Option<u32>,
    pub salary_max: Option<u32>,
}

/// Headline pay figures of a guide.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    pub heading: String,
    pub currency: String,
    pub region: Option<String>,
    pub median: Option<u32>,
    pub low: Option<u32>,
    pub high: Option<u32>,
    /// The guide's sentence(s) about pay, verbatim, where it has them.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub name: String,
    pub issuer: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
}

/// The kinds of interview question, shared by guide prompts and the authored bank.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    SystemDesign,
    ApiDesign,
    Databases,
    Coding,
    Reliability,
    Security,
    Behavioral,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 7] = [
        QuestionKind::SystemDesign,
        QuestionKind::ApiDesign,
        QuestionKind::Databases,
        QuestionKind::Coding,
        QuestionKind::Reliability,
        QuestionKind::Security,
        QuestionKind::Behavioral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SystemDesign => "system-design",
            QuestionKind::ApiDesign => "api-design",
            QuestionKind::Databases => "databases",
            QuestionKind::Coding => "coding",
            QuestionKind::Reliability => "reliability",
            QuestionKind::Security => "security",
            QuestionKind::Behavioral => "behavioral",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::SystemDesign => "System design",
            QuestionKind::ApiDesign => "API design",
            QuestionKind::Databases => "Databases",
            QuestionKind::Coding => "Coding concepts",
            QuestionKind::Reliability => "Reliability & observability",
            QuestionKind::Security => "Security",
            QuestionKind::Behavioral => "Behavioral",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionKind> {
        QuestionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// An interview prompt as a guide states it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterviewPrompt {
    pub kind: QuestionKind,
    pub prompt: String,
}

/// "Where it can lead".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Next {
    pub heading: String,
    #[serde(default)]
    pub progresses_to: Vec<String>,
    #[serde(default)]
    pub pivots_to: Vec<String>,
}

/// Job-market figures a guide states.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Positions {
    pub open: Option<u32>,
    /// The guide's sentence about openings, verbatim.
    pub text: Option<String>,
    #[serde(default)]
    pub employers: Vec<String>,
}

/// Any other block of the guide (calls to action and the like): kept so nothing of the guide
/// is lost, but not searchable unless `searchable = true`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OtherSection {
    pub heading: String,
    pub body: String,
    #[serde(default)]
    pub searchable: bool,
}

/// `content/<role>/guides/<id>.toml`: one guide, converted faithfully.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    pub source: Source,
    pub overview: Option<Prose>,
    pub ai: Option<AiSection>,
    pub day: Option<Prose>,
    pub skills: Option<ListSection>,
    pub tools: Option<ListSection>,
    #[serde(default)]
    pub ladder: Vec<LadderStep>,
    pub pay: Option<Pay>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
    #[serde(default)]
    pub faq: Vec<FaqEntry>,
    pub entry: Option<ListSection>,
    pub projects: Option<ListSection>,
    #[serde(default)]
    pub interview_prompts: Vec<InterviewPrompt>,
    pub outlook: Option<Prose>,
    pub next: Option<Next>,
    pub positions: Option<Positions>,
    #[serde(default)]
    pub other: Vec<OtherSection>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    pub fn parse(text: &str) -> Option<Difficulty> {
        Difficulty::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// One thing a strong answer covers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RubricPoint {
    /// The point, as shown to the candidate ("Partition the data").
    pub point: String,
    /// Words or short phrases that show the point is covered; matched after stemming and
    /// synonym folding, so list distinct ideas rather than inflections.
    pub terms: Vec<String>,
    /// One line on why the point matters.
    pub why: String,
    /// The point is about avoiding what its terms name ("avoids fast hashes: MD5, SHA-1"), so a
    /// negated mention ("never MD5") covers it as well as a plain one.
    #[serde(default)]
    pub against: bool,
}

/// A red flag the scorer can recognise by its words: it is raised by a sentence of the answer
/// that affirms one of `affirms` (not negated, not criticised) or negates one of `denies`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagCheck {
    /// What the candidate did wrong, as shown ("Stores passwords with a fast hash").
    pub flag: String,
    /// Why an interviewer counts it against the answer.
    pub why: String,
    /// Phrases whose affirmation raises the flag; `a + b` needs both in one sentence.
    #[serde(default)]
    pub affirms: Vec<String>,
    /// Phrases whose negation raises the flag ("no replication", "skip the salt").
    #[serde(default)]
    pub denies: Vec<String>,
}

/// `content/<role>/interview.toml` entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    pub id: String,
    pub kind: QuestionKind,
    pub difficulty: Difficulty,
    pub prompt: String,
    /// `"authored"` for questions written for careerbot, otherwise the id of the guide the
    /// prompt comes from.
    pub source: String,
    /// For guide prompts: the guide's words the question comes from, verbatim.
    pub source_quote: Option<String>,
    pub points: Vec<RubricPoint>,
    pub red_flags: Vec<String>,
    /// Red flags recognised by pattern, with why they matter (the plain `red_flags` are
    /// recognised by meaning when the embedding model is available).
    #[serde(default)]
    pub red_flag_checks: Vec<RedFlagCheck>,
    pub outline: String,
    pub hints: Vec<String>,
    pub follow_ups: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BankFile {
    /// Who wrote the authored questions and rubrics (shown in citations).
    pub authored_by: String,
    #[serde(rename = "question")]
    pub questions: Vec<QuestionFile>,
}

/// `content/synonyms.toml`: authored groups of words that mean the same thing.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    pub note: Option<String>,
    pub groups: Vec<Vec<String>>,
}
