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
    /// The day the guide's text was captured (`YYYY-MM-DD`), or `"unknown"`. Required when
    /// `updated` is relative ("Updated 28 days ago"): such a note is only true as of the capture,
    /// so it is shown as an absolute statement when the day is known, and not at all otherwise.
    pub captured: Option<String>,
    /// The seed file the guide was converted from.
    pub origin: String,
    /// What people call the guide in a question ("the path guide"), lowercase phrases: authored
    /// for careerbot, not the guide's words. A question naming one is answered from that guide
    /// first.
    #[serde(default)]
    pub called: Vec<String>,
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

    /// The level a name means: the normalised names, the guides' own labels and titles
    /// ("Entry", "Principal/Staff", "Senior Back End Engineer") and common short forms ("sr",
    /// "staff", "mid-level", "new grad"). Case, hyphens, slashes and role words ("backend
    /// engineer") are ignored. A name covering two levels, like the path guide's "Senior/Lead",
    /// means the first of them. None for anything else ("intern", "wizard").
    pub fn parse(text: &str) -> Option<Level> {
        let words = level_words(text);
        if words.is_empty() {
            return None;
        }
        let whole = words.join(" ");
        if let Some(level) = level_of_name(&whole) {
            return Some(level);
        }
        // "Senior/Lead", "Staff / Principal", "Principal Engineer or Engineering Manager": every
        // word (role words and "or" aside) must name a level; the first named wins.
        let mut found = None;
        for word in words
            .iter()
            .filter(|w| !IGNORED_IN_LEVEL_NAMES.contains(&w.as_str()))
        {
            let level = level_of_name(word)?;
            found = Some(found.map_or(level, |first: Level| first.min(level)));
        }
        found
    }

    /// Levels named in free text by the multi-word phrases of [`LEVEL_NAMES`] ("fresh out of
    /// college", "new grad") and by big employers' level codes ("L3", "E5", "SDE-2"), in ladder
    /// order. Single words are left to the caller, which may allow typos in them (a code has no
    /// typos: "l4" misspelt is another code).
    pub fn phrases_in(text: &str) -> Vec<Level> {
        let padded = format!(" {} ", level_words(text).join(" "));
        let named = |names: &[&str], words_too: bool| {
            names
                .iter()
                .filter(|name| words_too || name.contains(' '))
                .any(|name| padded.contains(&format!(" {name} ")))
        };
        let mut levels: Vec<Level> = LEVEL_NAMES
            .iter()
            .filter(|(_, names)| named(names, false))
            .chain(LEVEL_CODES.iter().filter(|(_, names)| named(names, true)))
            .map(|(level, _)| *level)
            .collect();
        levels.sort();
        levels.dedup();
        levels
    }
}

/// What each level is called, lowercase, words separated by single spaces: the normalised name
/// first, then the guides' labels and common forms. "New grad" and "fresh out of college" are
/// how newcomers describe the junior rung ("0-2 years", "Entry").
pub const LEVEL_NAMES: &[(Level, &[&str])] = &[
    (
        Level::Junior,
        &[
            "junior",
            "juniors",
            "jr",
            "entry",
            "entry level",
            "beginner",
            "graduate",
            "grad",
            "new grad",
            "new graduate",
            "recent grad",
            "recent graduate",
            "fresh grad",
            "fresh graduate",
            "fresher",
            "fresh out of college",
            "fresh out of school",
            "fresh out of university",
            "straight out of college",
            "just out of college",
            "out of school",
            "out of college",
            "out of university",
            "first job",
            "first backend job",
        ],
    ),
    (
        Level::Mid,
        &["mid", "mid level", "midlevel", "intermediate", "middle"],
    ),
    (Level::Senior, &["senior", "seniors", "sr", "snr"]),
    (Level::Lead, &["lead", "tech lead", "team lead"]),
    (
        Level::Principal,
        &["principal", "staff", "engineering manager"],
    ),
];

/// Big employers' level codes, as people quote them ("SDE-2", "L5 at Google"): read as levels,
/// never offered as suggestions (the guides' own names are what the ladder shows).
const LEVEL_CODES: &[(Level, &[&str])] = &[
    (
        Level::Junior,
        &[
            "sde 1", "sde i", "sde1", "swe 1", "swe i", "swe1", "l3", "e3",
        ],
    ),
    (
        Level::Mid,
        &[
            "sde 2", "sde ii", "sde2", "swe 2", "swe ii", "swe2", "l4", "e4",
        ],
    ),
    (
        Level::Senior,
        &[
            "sde 3", "sde iii", "sde3", "swe 3", "swe iii", "swe3", "l5", "e5",
        ],
    ),
    (Level::Principal, &["l6", "e6", "l7", "e7"]),
];

/// Words a level's name may carry that name no level: the role ("Senior Back End Engineer")
/// and the joins of the guides' combined labels ("Principal Engineer or Engineering Manager").
const IGNORED_IN_LEVEL_NAMES: &[&str] = &[
    "back",
    "end",
    "backend",
    "server",
    "side",
    "software",
    "engineer",
    "engineers",
    "engineering",
    "developer",
    "developers",
    "dev",
    "devs",
    "manager",
    "level",
    "or",
    "and",
    "a",
    "an",
    "the",
];

/// Lowercase words of a level name; hyphens, slashes and other punctuation separate words.
fn level_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn level_of_name(name: &str) -> Option<Level> {
    LEVEL_NAMES
        .iter()
        .chain(LEVEL_CODES)
        .find(|(_, names)| names.contains(&name))
        .map(|(level, _)| *level)
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
    /// The figures verbatim ("USD 105,000") when the guide lists them without saying which is
    /// which. `low`, `median` and `high` are then a reading of them, in the guide's order, and
    /// replies show the figures as given with the reading explained.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlabelled: Vec<String>,
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
    /// Authored sentences that earn the point, compared by meaning with an answer's sentences
    /// (from `interview-references.toml`, filled in at load).
    #[serde(skip)]
    pub says: Vec<String>,
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
    /// Authored misconceptions, raised as red flags by meaning (from
    /// `interview-references.toml`, filled in at load).
    #[serde(skip)]
    pub misconceptions: Vec<Misconception>,
    /// Authored which-is-which checks, raised as red flags by pattern (from
    /// `interview-references.toml`, filled in at load).
    #[serde(skip)]
    pub swaps: Vec<SwapCheck>,
}

/// `content/<role>/interview-references.toml`: authored reference sentences for the scorer.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReferencesFile {
    #[serde(default)]
    pub question: Vec<QuestionReferences>,
}

/// One bank question's references: per rubric point (in rubric order, by label) and its
/// misconceptions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionReferences {
    pub id: String,
    #[serde(default)]
    pub point: Vec<PointReferences>,
    #[serde(default)]
    pub wrong: Vec<Misconception>,
    #[serde(default)]
    pub swap: Vec<SwapCheck>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PointReferences {
    /// The rubric point's label, exactly.
    pub point: String,
    pub says: Vec<String>,
}

/// A wrong claim a candidate may make confidently: shown as a red flag with why it is wrong.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Misconception {
    pub claim: String,
    pub why: String,
    /// Ways a candidate states it.
    pub says: Vec<String>,
}

/// Two or more things a candidate must not mix up (401 and 403, liveness and readiness): each
/// side's names and what each means. A clause that names one side and says only what another
/// side means raises `claim` as a red flag (see `interview::score::swaps`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SwapCheck {
    pub claim: String,
    pub why: String,
    pub side: Vec<SwapSide>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SwapSide {
    /// How an answer names it ("401", "liveness probe").
    pub names: Vec<String>,
    /// Words and phrases that say what it is or does ("not logged in", "restart").
    pub means: Vec<String>,
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

/// `content/<role>/asked.toml`: authored questions that each guide passage answers, compared by
/// meaning with a user's question to find the passage that answers it (see that file's header).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AskedFile {
    #[serde(default)]
    pub passage: Vec<AskedPassage>,
}

/// The questions one passage answers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AskedPassage {
    /// The passage's search key (`role/guide/kind/n`).
    pub key: String,
    /// The passage's title, checked against the key so an edit that moves passages is caught.
    pub title: String,
    pub asked: Vec<String>,
}

/// `content/<role>/glosses.toml`: authored everyday descriptions of the things the guides name
/// (a tool by its job, a certification by what it proves), so a question that describes a thing
/// without its name is read as naming it (see that file's header).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossFile {
    pub note: Option<String>,
    #[serde(default)]
    pub gloss: Vec<Gloss>,
}

/// One named thing and the ways people describe it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gloss {
    /// The thing as the guides name it: a description close to a question adds this name.
    pub name: String,
    /// What kind of thing it is (tool, certification, role …), for the file's readers.
    pub kind: String,
    /// Descriptions of what it is or does, none using the name.
    #[serde(default)]
    pub says: Vec<String>,
    /// For a rung of the ladder: descriptions of its duties, none using the name, read only to
    /// tell which rung a question asking for a level describes (never to name the rung in any
    /// other question, where duties are too easily met by chance).
    #[serde(default)]
    pub duties: Vec<String>,
}

/// `content/scope.toml`: authored list of topics the guides do not cover, and the words that name
/// them (see that file's header).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeFile {
    pub note: Option<String>,
    /// Words that make a question one about pay (local units such as "lpa").
    #[serde(default)]
    pub pay_cues: Vec<String>,
    #[serde(default, rename = "gap")]
    pub gaps: Vec<Gap>,
}

/// One topic the guides do not cover.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub topic: String,
    /// `pay`: only for questions about pay. Absent: any question.
    pub when: Option<GapWhen>,
    /// The reply's first line; `{cue}` becomes the words the question used.
    pub says: String,
    pub cues: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
    /// Named by a choice between two things set side by side around one of `cues` ("MongoDB or
    /// DynamoDB", "redis vs memcached"), not by a cue alone.
    #[serde(default)]
    pub choice: bool,
    /// Words that weigh the two sides of such a choice for a use ("better for", "cheaper"): a
    /// weighed choice is a gap even between things the guides list (they list, never weigh).
    #[serde(default)]
    pub weighing: Vec<String>,
    /// Named only by the parts of a message that ask: a situation told as context ("I have two
    /// kids.", "mobile dev (kotlin/swift) here.") leaves a general question about the career
    /// answerable.
    #[serde(default)]
    pub asked: bool,
    /// Its cues are things the guides never name: in a choice ("Kafka vs RabbitMQ") each counts
    /// as a word the guides don't use, whatever else of careerbot's (the interview bank) uses it.
    #[serde(default)]
    pub unnamed: bool,
    /// Named only when the question also holds one of these ("Go devs paid more than Java
    /// devs?" weighs pay by language; "a senior Go developer's pay" does not).
    #[serde(default)]
    pub also: Vec<String>,
    /// Named by one of `cues` followed by a version ("Java 21", "Python 3.13", "Node 20"),
    /// unless that name and version is one of `unless` (a version the guides do name: "java 17").
    #[serde(default)]
    pub versions: bool,
    /// Named by a sum: a number, one of `cues` as the operation ("times", "*"), and a number
    /// ("what's 17 times 24").
    #[serde(default)]
    pub arithmetic: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GapWhen {
    Pay,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_take_the_guides_names_and_common_short_forms() {
        use Level::*;
        let cases: &[(&str, Option<Level>)] = &[
            ("junior", Some(Junior)),
            ("Junior", Some(Junior)),
            ("jr", Some(Junior)),
            ("Jr.", Some(Junior)),
            ("entry", Some(Junior)),
            ("Entry", Some(Junior)),
            ("entry-level", Some(Junior)),
            ("new grad", Some(Junior)),
            ("New Graduate", Some(Junior)),
            ("fresh out of college", Some(Junior)),
            ("Junior Back End Engineer", Some(Junior)),
            ("Junior Backend Engineer", Some(Junior)),
            ("mid", Some(Mid)),
            ("mid-level", Some(Mid)),
            ("Mid level", Some(Mid)),
            ("intermediate", Some(Mid)),
            ("senior", Some(Senior)),
            ("seniors", Some(Senior)),
            ("juniors", Some(Junior)),
            ("sr", Some(Senior)),
            ("SR", Some(Senior)),
            ("Senior Back End Engineer", Some(Senior)),
            // The path guide's "Senior/Lead" rung: its first level.
            ("Senior/Lead", Some(Senior)),
            ("lead", Some(Lead)),
            ("tech lead", Some(Lead)),
            ("Lead Back End Engineer", Some(Lead)),
            ("principal", Some(Principal)),
            ("staff", Some(Principal)),
            ("Staff Engineer", Some(Principal)),
            ("Principal/Staff", Some(Principal)),
            ("Staff / Principal Backend Engineer", Some(Principal)),
            ("Principal Engineer or Engineering Manager", Some(Principal)),
            // Big employers' level codes.
            ("SDE-1", Some(Junior)),
            ("SDE II", Some(Mid)),
            ("sde2", Some(Mid)),
            ("SWE III", Some(Senior)),
            ("L5", Some(Senior)),
            ("L6", Some(Principal)),
            ("  senior  ", Some(Senior)),
            ("intern", None),
            ("wizard", None),
            ("senior wizard", None),
            ("backend engineer", None),
            ("", None),
            ("/", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Level::parse(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn phrases_name_levels_in_free_text() {
        use Level::*;
        let cases: &[(&str, &[Level])] = &[
            ("salary fresh out of college?", &[Junior]),
            ("what does a new grad make", &[Junior]),
            ("pay for a tech lead vs entry-level", &[Junior, Lead]),
            ("staff pay", &[]),
            ("a newer graduate", &[]),
            ("L3 backend pay?", &[Junior]),
            ("E5 backend pay, US?", &[Senior]),
            ("sde-2 comp vs l5", &[Mid, Senior]),
            ("is l33t speak ok", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(Level::phrases_in(text), *expected, "{text:?}");
        }
    }
}
