//! Loading `content/` into a validated `Catalog`: every role folder, its guides, its interview
//! bank, and the shared synonym list. Loading collects every problem of every file (path, line,
//! what is wrong) instead of stopping at the first, so `careerbot check` can list them all.
//! Nothing here knows about any particular role.

pub mod dates;
pub mod model;
pub mod sections;

use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{ContentProblem, Error, Result};
use model::{
    AskedFile, AskedPassage, BankFile, Gloss, GlossFile, GuideFile, Level, QuestionFile,
    ReferencesFile, RoleFile, ScopeFile, Source, SynonymsFile,
};

/// Everything careerbot knows, loaded and checked.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub roles: Vec<Role>,
    pub synonyms: SynonymsFile,
    /// Topics the guides do not cover (authored).
    pub scope: ScopeFile,
    /// A hash of every content file's path and bytes: the index is rebuilt when it changes.
    pub fingerprint: u64,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Role {
    /// The folder name.
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub guides: Vec<GuideFile>,
    pub bank: Option<Bank>,
    /// Authored questions each passage answers (`asked.toml`), checked against the passages.
    pub asked: Vec<AskedPassage>,
    /// Authored descriptions of the things its guides name (`glosses.toml`).
    pub glosses: Vec<Gloss>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Bank {
    pub authored_by: String,
    pub questions: Vec<QuestionFile>,
}

/// Where a fact comes from, ready to print under an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    Guide {
        title: String,
        publisher: Option<String>,
        updated: Option<String>,
    },
    Authored {
        by: String,
    },
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Citation::Guide {
                title,
                publisher,
                updated,
            } => {
                write!(f, "Source: {title}")?;
                if let Some(publisher) = publisher {
                    write!(f, " — {publisher}")?;
                }
                if let Some(updated) = updated {
                    write!(f, " ({updated})")?;
                }
                Ok(())
            }
            Citation::Authored { by } => write!(
                f,
                "Source: written for careerbot by {by} (not from a guide)"
            ),
        }
    }
}

impl Source {
    pub fn citation(&self) -> Citation {
        Citation::Guide {
            title: self.title.clone(),
            publisher: self.publisher.clone(),
            updated: self.updated_statement(),
        }
    }

    /// The guide's update note as it may be shown (see `dates`): verbatim when absolute, dated
    /// from the capture day when relative, None when relative to a day that is not known.
    pub fn updated_statement(&self) -> Option<String> {
        dates::updated_statement(self.updated.as_deref(), self.captured.as_deref())
    }
}

/// Folds a name for lookups: lowercase, with spaces, hyphens and underscores ignored.
pub fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Catalog {
    /// The role with this id (folder name). Roles load in folder order, so this is a binary
    /// search; a catalog assembled in another order falls back to a scan.
    pub fn role_by_id(&self, id: &str) -> Option<&Role> {
        match self.roles.binary_search_by(|r| r.id.as_str().cmp(id)) {
            Ok(index) => Some(&self.roles[index]),
            Err(_) => self.roles.iter().find(|r| r.id == id),
        }
    }

    /// Loads and validates `dir`. On any problem returns `Error::Content` listing all of them.
    pub fn load(dir: &Path) -> Result<Catalog> {
        let mut loader = Loader {
            root: dir.to_path_buf(),
            problems: Vec::new(),
            hasher: std::collections::hash_map::DefaultHasher::new(),
            asked_texts: Vec::new(),
        };
        let catalog = loader.load(dir);
        if loader.problems.is_empty() {
            let mut catalog = catalog;
            catalog.fingerprint = loader.hasher.finish();
            Ok(catalog)
        } else {
            Err(Error::Content(loader.problems))
        }
    }

    /// The role a user names (id, name or alias, forgiving case and punctuation); the first role
    /// when they name none.
    pub fn role(&self, name: Option<&str>) -> std::result::Result<&Role, String> {
        let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
            return self
                .roles
                .first()
                .ok_or_else(|| "No roles are loaded.".to_string());
        };
        let wanted = fold_name(name);
        self.roles
            .iter()
            .find(|role| {
                fold_name(&role.id) == wanted
                    || fold_name(&role.name) == wanted
                    || role.aliases.iter().any(|a| fold_name(a) == wanted)
            })
            .ok_or_else(|| {
                let known = self
                    .roles
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("I have no guide for that role. Roles I know: {known}.")
            })
    }

    /// The guide with `id` in `role`.
    pub fn guide<'a>(&self, role: &'a Role, id: &str) -> Option<&'a GuideFile> {
        role.guides.iter().find(|g| g.source.id == id)
    }
}

impl Role {
    pub fn citation_for_question(&self, question: &QuestionFile) -> Citation {
        match self.guides.iter().find(|g| g.source.id == question.source) {
            Some(guide) => guide.source.citation(),
            None => Citation::Authored {
                by: self.bank.as_ref().map_or_else(
                    || "the careerbot maintainers".into(),
                    |b| b.authored_by.clone(),
                ),
            },
        }
    }
}

struct Loader {
    root: PathBuf,
    problems: Vec<ContentProblem>,
    hasher: std::collections::hash_map::DefaultHasher,
    /// Each `asked.toml` read, checked once every role is loaded (its keys name passages).
    asked_texts: Vec<(PathBuf, String)>,
}

/// 1-based line of a byte offset.
fn line_of_offset(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Whether `phrase` occurs in `text` as whole words (both lowercase).
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// 1-based line where `needle` first occurs, to point a semantic problem at its place.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle).map(|offset| line_of_offset(text, offset))
}

impl Loader {
    fn problem(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.problems.push(ContentProblem {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    /// Reads and parses one TOML file, recording problems; None when it cannot be used.
    fn read<T: DeserializeOwned>(&mut self, path: &Path) -> Option<(T, String)> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                self.problem(path, None, format!("cannot read: {e}"));
                return None;
            }
        };
        // Paths relative to the content folder: the same content moved elsewhere (another
        // checkout, or the container's final stage) keeps its fingerprint and its index.
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .hash(&mut self.hasher);
        text.hash(&mut self.hasher);
        match toml::from_str::<T>(&text) {
            Ok(value) => Some((value, text)),
            Err(e) => {
                let line = e.span().map(|span| line_of_offset(&text, span.start));
                self.problem(path, line, e.message().trim().to_string());
                None
            }
        }
    }

    fn load(&mut self, dir: &Path) -> Catalog {
        let mut catalog = Catalog {
            roles: Vec::new(),
            synonyms: SynonymsFile::default(),
            scope: ScopeFile::default(),
            fingerprint: 0,
        };
        let entries = match sorted_entries(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problem(dir, None, format!("cannot read the content folder: {e}"));
                return catalog;
            }
        };
        let synonyms_path = dir.join("synonyms.toml");
        if synonyms_path.exists() {
            if let Some((synonyms, text)) = self.read::<SynonymsFile>(&synonyms_path) {
                self.check_synonyms(&synonyms_path, &text, &synonyms);
                catalog.synonyms = synonyms;
            }
        }
        let scope_path = dir.join("scope.toml");
        if scope_path.exists() {
            if let Some((scope, text)) = self.read::<ScopeFile>(&scope_path) {
                self.check_scope(&scope_path, &text, &scope);
                catalog.scope = scope;
            }
        }
        for path in entries.into_iter().filter(|p| p.is_dir()) {
            if let Some(role) = self.load_role(&path) {
                catalog.roles.push(role);
            }
        }
        if catalog.roles.is_empty() && self.problems.is_empty() {
            self.problem(dir, None, "no role folders (each needs a role.toml)");
        }
        self.check_asked(&catalog);
        catalog
    }

    /// Every authored question names a passage that exists, by its key and its current title,
    /// and reads as a question someone would type (not empty, not an essay).
    fn check_asked(&mut self, catalog: &Catalog) {
        const LONGEST_QUESTION: usize = 300;
        // The passages are what search indexes, so their keys and titles come from there.
        let titles: std::collections::HashMap<String, String> = crate::search::documents(catalog)
            .into_iter()
            .map(|d| (d.key, d.title))
            .collect();
        for (path, text) in std::mem::take(&mut self.asked_texts) {
            let role = path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string());
            let Some(role) = role.and_then(|id| catalog.role_by_id(&id)) else {
                continue;
            };
            let mut seen = HashSet::new();
            for passage in &role.asked {
                let line = line_of(text.as_str(), &format!("\"{}\"", passage.key));
                match titles.get(&passage.key) {
                    None => self.problem(
                        &path,
                        line,
                        format!("no passage has the key `{}`", passage.key),
                    ),
                    Some(title) if *title != passage.title => self.problem(
                        &path,
                        line,
                        format!(
                            "`{}` is titled \"{title}\", not \"{}\"",
                            passage.key, passage.title
                        ),
                    ),
                    Some(_) => {}
                }
                if !seen.insert(passage.key.as_str()) {
                    self.problem(&path, line, format!("`{}` is listed twice", passage.key));
                }
                for question in &passage.asked {
                    let length = question.trim().chars().count();
                    if length == 0 || length > LONGEST_QUESTION {
                        let line = line_of(text.as_str(), question.as_str()).or(line);
                        self.problem(
                            &path,
                            line,
                            format!("a question must have 1 to {LONGEST_QUESTION} characters"),
                        );
                    }
                }
            }
        }
    }

    fn check_synonyms(&mut self, path: &Path, text: &str, synonyms: &SynonymsFile) {
        let mut seen = HashSet::new();
        for group in &synonyms.groups {
            if group.len() < 2 {
                self.problem(
                    path,
                    line_of(text, group.first().map_or("[]", String::as_str)),
                    "a synonym group needs at least two entries",
                );
            }
            for word in group {
                let folded = word.trim().to_lowercase();
                if folded.is_empty() {
                    self.problem(path, None, "an empty synonym");
                } else if !seen.insert(folded) {
                    self.problem(
                        path,
                        line_of(text, &format!("\"{word}\"")),
                        format!("\"{word}\" is in more than one synonym group"),
                    );
                }
            }
        }
    }

    fn check_scope(&mut self, path: &Path, text: &str, scope: &ScopeFile) {
        for gap in &scope.gaps {
            let line = line_of(text, &format!("\"{}\"", gap.topic));
            if gap.topic.trim().is_empty() || gap.says.trim().is_empty() {
                self.problem(path, line, "a gap needs a `topic` and what it `says`");
            }
            if gap.cues.is_empty() {
                self.problem(path, line, format!("gap \"{}\" has no cues", gap.topic));
            }
            for cue in gap.cues.iter().chain(&gap.unless).chain(&gap.also) {
                if cue.trim().is_empty() || *cue != cue.to_lowercase() {
                    self.problem(
                        path,
                        line_of(text, &format!("\"{cue}\"")),
                        format!("cue \"{cue}\" must be lowercase and not empty"),
                    );
                }
            }
        }
    }

    fn load_role(&mut self, dir: &Path) -> Option<Role> {
        let id = dir.file_name()?.to_string_lossy().to_string();
        let role_path = dir.join("role.toml");
        if !role_path.exists() {
            self.problem(
                &role_path,
                None,
                "missing: every role folder needs a role.toml with its name",
            );
            return None;
        }
        let (role_file, role_text) = self.read::<RoleFile>(&role_path)?;
        if role_file.name.trim().is_empty() {
            self.problem(&role_path, Some(1), "`name` is empty");
        }
        // An empty alias would be "named" by every question (and found for any blank role).
        if role_file.aliases.iter().any(|a| a.trim().is_empty()) {
            let line = line_of(&role_text, "aliases");
            self.problem(&role_path, line, "an alias is empty");
        }
        let mut guides: Vec<(GuideFile, String, PathBuf)> = Vec::new();
        let guides_dir = dir.join("guides");
        match sorted_entries(&guides_dir) {
            Ok(paths) => {
                for path in paths
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                {
                    if let Some((guide, text)) = self.read::<GuideFile>(&path) {
                        self.check_guide(&path, &text, &guide);
                        if let Some((_, _, first)) = guides
                            .iter()
                            .find(|(g, _, _)| g.source.id == guide.source.id)
                        {
                            let message = format!(
                                "guide id `{}` is also used by {}",
                                guide.source.id,
                                first.display()
                            );
                            self.problem(&path, line_of(&text, "id"), message);
                        }
                        guides.push((guide, text, path));
                    }
                }
            }
            Err(e) => self.problem(
                &guides_dir,
                None,
                format!("cannot read the guides folder: {e}"),
            ),
        }
        let bank_path = dir.join("interview.toml");
        let bank = if bank_path.exists() {
            self.read::<BankFile>(&bank_path).map(|(bank, text)| {
                self.check_bank(&bank_path, &text, &bank, &guides);
                let mut questions = bank.questions;
                self.attach_references(&dir.join("interview-references.toml"), &mut questions);
                Bank {
                    authored_by: bank.authored_by,
                    questions,
                }
            })
        } else {
            None
        };
        let asked_path = dir.join("asked.toml");
        let asked = if asked_path.exists() {
            self.read::<AskedFile>(&asked_path)
                .map(|(file, text)| {
                    self.asked_texts.push((asked_path.clone(), text));
                    file.passage
                })
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let glosses = self.glosses(&dir.join("glosses.toml"), &guides);
        Some(Role {
            id,
            name: role_file.name,
            aliases: role_file.aliases,
            guides: guides.into_iter().map(|(g, _, _)| g).collect(),
            bank,
            asked,
            glosses,
        })
    }

    /// A role's `glosses.toml`, if any: each name must be one its guides use, each description
    /// a short phrase that does not give the name away (it is there to be found without it).
    fn glosses(&mut self, path: &Path, guides: &[(GuideFile, String, PathBuf)]) -> Vec<Gloss> {
        const LONGEST_DESCRIPTION: usize = 200;
        if !path.exists() {
            return Vec::new();
        }
        let Some((file, text)) = self.read::<GlossFile>(path) else {
            return Vec::new();
        };
        let guide_text = guides
            .iter()
            .map(|(_, text, _)| text.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        let mut seen = HashSet::new();
        for gloss in &file.gloss {
            let line = line_of(&text, &format!("\"{}\"", gloss.name));
            let name = gloss.name.trim().to_lowercase();
            if name.is_empty() || !guide_text.contains(&name) {
                let message = format!("`{}` is not a name the guides use", gloss.name);
                self.problem(path, line, message);
            }
            if !seen.insert(name.clone()) {
                self.problem(path, line, format!("`{}` is glossed twice", gloss.name));
            }
            if gloss.says.is_empty() && gloss.duties.is_empty() {
                self.problem(path, line, format!("`{}` has no description", gloss.name));
            }
            for said in gloss.says.iter().chain(&gloss.duties) {
                let line = line_of(&text, said.as_str()).or(line);
                let length = said.trim().chars().count();
                if length == 0 || length > LONGEST_DESCRIPTION {
                    let message =
                        format!("a description must have 1 to {LONGEST_DESCRIPTION} characters");
                    self.problem(path, line, message);
                } else if has_phrase(&said.to_lowercase(), &name) {
                    let message = format!("a description of `{}` names it", gloss.name);
                    self.problem(path, line, message);
                }
            }
        }
        file.gloss
    }

    fn check_guide(&mut self, path: &Path, text: &str, guide: &GuideFile) {
        let source = &guide.source;
        if source.id.trim().is_empty()
            || !source
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            self.problem(
                path,
                line_of(text, "id"),
                "`source.id` must be kebab-case (a-z, 0-9, -)",
            );
        }
        if source.title.trim().is_empty() {
            self.problem(path, line_of(text, "title"), "`source.title` is empty");
        }
        if let Some(captured) = &source.captured {
            if dates::Captured::parse(captured).is_none() {
                self.problem(
                    path,
                    line_of(text, "captured"),
                    format!(
                        "`source.captured` must be a day written YYYY-MM-DD or \"unknown\" \
                         (got {captured:?})"
                    ),
                );
            }
        }
        if let Some(updated) = &source.updated {
            if dates::is_relative(updated) && source.captured.is_none() {
                self.problem(
                    path,
                    line_of(text, "updated"),
                    format!(
                        "`source.updated` ({updated:?}) is relative to the day the page was \
                         captured: add `captured = \"YYYY-MM-DD\"`, or `captured = \"unknown\"` \
                         and the note is not shown"
                    ),
                );
            }
        }
        let mut levels_seen: BTreeSet<Level> = BTreeSet::new();
        for step in &guide.ladder {
            let line = line_of(text, &step.title);
            if step.levels.is_empty() {
                self.problem(
                    path,
                    line,
                    format!("ladder rung `{}` has no `levels`", step.title),
                );
            }
            for level in &step.levels {
                if !levels_seen.insert(*level) {
                    self.problem(
                        path,
                        line,
                        format!("level `{}` is on two ladder rungs", level.as_str()),
                    );
                }
            }
            if step.years_max.is_some_and(|max| max < step.years_min) {
                self.problem(
                    path,
                    line,
                    format!("ladder rung `{}`: years_max is below years_min", step.title),
                );
            }
            if let (Some(min), Some(max)) = (step.salary_min, step.salary_max) {
                if max < min {
                    self.problem(
                        path,
                        line,
                        format!(
                            "ladder rung `{}`: salary_max is below salary_min",
                            step.title
                        ),
                    );
                }
            }
        }
        if let Some(pay) = &guide.pay {
            let figures = [pay.low, pay.median, pay.high];
            let present: Vec<u32> = figures.iter().flatten().copied().collect();
            if present.windows(2).any(|w| w[0] > w[1]) {
                self.problem(
                    path,
                    line_of(text, "[pay]"),
                    "pay figures must satisfy low <= median <= high",
                );
            }
            // Unlabelled figures are shown as given and read, in order, as the labelled ones:
            // the reading must be exactly those figures.
            if !pay.unlabelled.is_empty() {
                let given: Vec<Option<u32>> = pay
                    .unlabelled
                    .iter()
                    .map(|figure| {
                        let digits: String = figure.chars().filter(char::is_ascii_digit).collect();
                        digits.parse().ok()
                    })
                    .collect();
                let read: Vec<Option<u32>> = present.iter().map(|n| Some(*n)).collect();
                if given != read {
                    self.problem(
                        path,
                        line_of(text, "unlabelled"),
                        format!(
                            "`pay.unlabelled` ({}) must be the figures low, median and high \
                             read in order (got {})",
                            pay.unlabelled.join(", "),
                            present
                                .iter()
                                .map(u32::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
        }
        for faq in &guide.faq {
            if faq.question.trim().is_empty() || faq.answer.trim().is_empty() {
                self.problem(
                    path,
                    line_of(text, "[[faq]]"),
                    "an FAQ entry has an empty question or answer",
                );
            }
        }
        for cert in &guide.certifications {
            if cert.name.trim().is_empty() {
                self.problem(
                    path,
                    line_of(text, "[[certifications]]"),
                    "a certification has no name",
                );
            }
        }
    }

    /// Reads the scorer's reference sentences, if the role has them, into its questions: each
    /// entry must name a bank question, and its points must be that question's, in order.
    fn attach_references(&mut self, path: &Path, questions: &mut [QuestionFile]) {
        if !path.exists() {
            return;
        }
        let Some((file, text)) = self.read::<ReferencesFile>(path) else {
            return;
        };
        for entry in file.question {
            let line = line_of(&text, &format!("\"{}\"", entry.id));
            let Some(question) = questions.iter_mut().find(|q| q.id == entry.id) else {
                self.problem(
                    path,
                    line,
                    format!("no bank question has the id `{}`", entry.id),
                );
                continue;
            };
            let labels: Vec<&str> = question.points.iter().map(|p| p.point.as_str()).collect();
            let given: Vec<&str> = entry.point.iter().map(|p| p.point.as_str()).collect();
            if labels != given {
                let message = format!(
                    "`{}`: the points must be the rubric's, in order ({})",
                    entry.id,
                    labels.join("; ")
                );
                self.problem(path, line, message);
                continue;
            }
            let empty = entry
                .point
                .iter()
                .flat_map(|p| &p.says)
                .chain(entry.wrong.iter().flat_map(|w| &w.says))
                .any(|s| s.trim().is_empty());
            if empty {
                self.problem(path, line, format!("`{}`: an empty sentence", entry.id));
            }
            for (point, references) in question.points.iter_mut().zip(entry.point) {
                point.says = references.says;
            }
            for swap in &entry.swap {
                let blank =
                    |list: &[String]| list.is_empty() || list.iter().any(|t| t.trim().is_empty());
                if swap.side.len() < 2
                    || swap
                        .side
                        .iter()
                        .any(|side| blank(&side.names) || blank(&side.means))
                {
                    self.problem(
                        path,
                        line,
                        format!(
                            "`{}`: swap `{}` needs two or more sides, each with names and meanings",
                            entry.id, swap.claim
                        ),
                    );
                }
            }
            question.misconceptions = entry.wrong;
            question.swaps = entry.swap;
        }
    }

    fn check_bank(
        &mut self,
        path: &Path,
        text: &str,
        bank: &BankFile,
        guides: &[(GuideFile, String, PathBuf)],
    ) {
        let mut ids = HashSet::new();
        if bank.authored_by.trim().is_empty() {
            self.problem(path, line_of(text, "authored_by"), "`authored_by` is empty");
        }
        for question in &bank.questions {
            let line = line_of(text, &format!("\"{}\"", question.id));
            let id = &question.id;
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                self.problem(path, line, format!("question id `{id}` must be kebab-case"));
            }
            if !ids.insert(id.clone()) {
                self.problem(path, line, format!("question id `{id}` is used twice"));
            }
            if question.prompt.trim().is_empty() {
                self.problem(path, line, format!("question `{id}` has an empty prompt"));
            }
            if question.source == "authored" {
                if question.source_quote.is_some() {
                    self.problem(
                        path,
                        line,
                        format!("question `{id}` is authored but has a `source_quote`"),
                    );
                }
            } else {
                match guides.iter().find(|(g, _, _)| g.source.id == question.source) {
                    None => {
                        let known: Vec<&str> = guides.iter().map(|(g, _, _)| g.source.id.as_str()).collect();
                        self.problem(path, line, format!(
                            "question `{id}`: source `{}` is neither \"authored\" nor a guide of this role ({})",
                            question.source,
                            known.join(", ")
                        ));
                    }
                    Some((_, guide_text, guide_path)) => match &question.source_quote {
                        None => self.problem(path, line, format!("question `{id}` cites a guide but has no `source_quote`")),
                        Some(quote) if !guide_text.contains(quote.as_str()) => self.problem(path, line, format!(
                            "question `{id}`: source_quote {quote:?} does not appear verbatim in {}",
                            guide_path.display()
                        )),
                        Some(_) => {}
                    },
                }
            }
            if question.points.is_empty() {
                self.problem(path, line, format!("question `{id}` has no rubric points"));
            }
            for check in &question.red_flag_checks {
                if check.flag.trim().is_empty() || check.why.trim().is_empty() {
                    self.problem(
                        path,
                        line,
                        format!("question `{id}`: a red flag check needs `flag` and `why`"),
                    );
                }
                let patterns = check.affirms.iter().chain(&check.denies);
                if check.affirms.is_empty() && check.denies.is_empty()
                    || patterns.clone().any(|p| p.trim().is_empty())
                {
                    self.problem(
                        path,
                        line,
                        format!(
                            "question `{id}`: red flag check {:?} needs non-empty `affirms` or `denies` phrases",
                            check.flag
                        ),
                    );
                }
            }
            for point in &question.points {
                if point.point.trim().is_empty() || point.why.trim().is_empty() {
                    self.problem(
                        path,
                        line,
                        format!("question `{id}`: a rubric point needs `point` and `why`"),
                    );
                }
                if point.terms.iter().all(|t| t.trim().is_empty()) {
                    self.problem(
                        path,
                        line,
                        format!(
                            "question `{id}`: rubric point {:?} has no terms",
                            point.point
                        ),
                    );
                }
            }
            if question.outline.trim().is_empty() {
                self.problem(
                    path,
                    line,
                    format!("question `{id}` has no model-answer outline"),
                );
            }
            if question.hints.is_empty() {
                self.problem(path, line, format!("question `{id}` has no hints"));
            }
        }
    }
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const GUIDE: &str = "[source]\nid = \"g\"\ntitle = \"T\"\norigin = \"o.txt\"\n\n[[faq]]\nquestion = \"Q?\"\nanswer = \"A.\"\n";

    #[test]
    fn a_minimal_role_loads() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "x-role/role.toml", "name = \"X\"\n");
        write(dir.path(), "x-role/guides/g.toml", GUIDE);
        let catalog = Catalog::load(dir.path()).unwrap();
        assert_eq!(catalog.roles[0].id, "x-role");
        assert_eq!(catalog.roles[0].guides[0].faq[0].answer, "A.");
        assert!(catalog.role(Some("X Role")).is_ok());
        assert!(catalog.role(Some("dentist")).is_err());
    }

    /// `glosses.toml` names only what the guides name, and describes it without its name.
    #[test]
    fn glosses_must_name_what_the_guides_name_without_giving_it_away() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Docker", "[\"packs an app to run anywhere\"]", None),
            (
                "Podman",
                "[\"runs containers\"]",
                Some("not a name the guides use"),
            ),
            ("Docker", "[\"a docker image maker\"]", Some("names it")),
            ("Docker", "[]", Some("has no description")),
        ];
        let guide = GUIDE.replace("A.", "Learn Docker.");
        for (name, says, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), "x-role/role.toml", "name = \"X\"\n");
            write(dir.path(), "x-role/guides/g.toml", &guide);
            let glosses = format!("[[gloss]]\nname = \"{name}\"\nkind = \"tool\"\nsays = {says}\n");
            write(dir.path(), "x-role/glosses.toml", &glosses);
            match (Catalog::load(dir.path()), expected) {
                (Ok(catalog), None) => assert_eq!(catalog.roles[0].glosses[0].name, *name),
                (Err(Error::Content(problems)), Some(words)) => {
                    assert_eq!(problems.len(), 1, "{problems:?}");
                    assert!(problems[0].message.contains(words), "{problems:?}");
                }
                (other, _) => panic!("{glosses}\nexpected {expected:?}, got {other:?}"),
            }
        }
    }

    /// `asked.toml` is checked against the passages: a known key with its title loads, an
    /// unknown key or a stale title is reported at its line.
    #[test]
    fn asked_questions_must_name_a_passage_by_key_and_title() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            ("key = \"x-role/g/faq/0\"\ntitle = \"Q?\"", None),
            (
                "key = \"x-role/g/faq/9\"\ntitle = \"Q?\"",
                Some((2, "no passage")),
            ),
            (
                "key = \"x-role/g/faq/0\"\ntitle = \"Old?\"",
                Some((2, "is titled")),
            ),
        ];
        for (passage, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), "x-role/role.toml", "name = \"X\"\n");
            write(dir.path(), "x-role/guides/g.toml", GUIDE);
            let asked = format!("[[passage]]\n{passage}\nasked = [\"what?\"]\n");
            write(dir.path(), "x-role/asked.toml", &asked);
            match (Catalog::load(dir.path()), expected) {
                (Ok(catalog), None) => {
                    let docs = crate::search::documents(&catalog);
                    assert_eq!(docs[0].asked, vec!["what?".to_string()]);
                }
                (Err(Error::Content(problems)), Some((line, words))) => {
                    assert_eq!(problems.len(), 1, "{problems:?}");
                    assert_eq!(problems[0].line, Some(*line), "{problems:?}");
                    assert!(problems[0].message.contains(words), "{problems:?}");
                }
                (other, _) => panic!("{asked}\nexpected {expected:?}, got {other:?}"),
            }
        }
    }

    /// Found by fuzzing the loader: whatever a role file names the role, it is found by that
    /// name, by every alias and by its id, in any case, and `role_by_id` agrees.
    #[test]
    fn every_role_is_found_by_each_of_its_names() {
        let catalog =
            Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).unwrap();
        for role in &catalog.roles {
            let names = std::iter::once(&role.name)
                .chain(&role.aliases)
                .chain(std::iter::once(&role.id));
            for name in names {
                for asked in [name.clone(), name.to_uppercase()] {
                    assert_eq!(catalog.role(Some(&asked)).unwrap().id, role.id, "{asked}");
                }
            }
            assert_eq!(catalog.role_by_id(&role.id).map(|r| &r.id), Some(&role.id));
        }
        assert!(catalog.role_by_id("no-such-role").is_none());
    }

    #[test]
    fn an_empty_alias_is_a_content_problem() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "x-role/role.toml",
            "name = \"X\"\naliases = [\"ex\", \" \"]\n",
        );
        write(dir.path(), "x-role/guides/g.toml", GUIDE);
        let Err(Error::Content(problems)) = Catalog::load(dir.path()) else {
            panic!("an empty alias loaded");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].message.contains("alias is empty"));
    }

    /// Capture dates and unlabelled pay figures: what `careerbot check` accepts, and where it
    /// points when it does not.
    #[test]
    fn capture_dates_and_unlabelled_figures_are_validated() {
        const PAY: &str = "\n[pay]\nheading = \"Pay\"\ncurrency = \"USD\"\nlow = 1000\nmedian = 2000\nhigh = 3000\n";
        /// The problem expected: its line and words; None when the guide loads.
        type Expected = Option<(usize, &'static str)>;
        // (source lines, pay table, the problem expected)
        let cases: &[(&str, &str, Expected)] = &[
            (
                "updated = \"Updated 28 days ago\"\ncaptured = \"2026-11-03\"\n",
                "",
                None,
            ),
            (
                "updated = \"Updated 28 days ago\"\ncaptured = \"unknown\"\n",
                "",
                None,
            ),
            ("updated = \"Updated March 2026\"\n", "", None),
            ("captured = \"2026-11-03\"\n", "", None),
            (
                "updated = \"Updated 28 days ago\"\n",
                "",
                Some((5, "is relative to the day the page was captured")),
            ),
            (
                "updated = \"Updated 2 weeks ago\"\ncaptured = \"2026-02-30\"\n",
                "",
                Some((6, "`source.captured` must be a day written YYYY-MM-DD")),
            ),
            (
                "updated = \"Updated yesterday\"\ncaptured = \"last Tuesday\"\n",
                "",
                Some((6, "\"last Tuesday\"")),
            ),
            (
                "",
                "unlabelled = [\"$1,000\", \"$2,000\", \"$3,000\"]\n",
                None,
            ),
            (
                "",
                "unlabelled = [\"$1,000\", \"$3,000\", \"$2,000\"]\n",
                Some((12, "must be the figures low, median and high")),
            ),
            (
                "",
                "unlabelled = [\"$1,000\", \"$2,000\"]\n",
                Some((12, "got 1000, 2000, 3000")),
            ),
        ];
        for (source_lines, pay_lines, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            write(dir.path(), "x-role/role.toml", "name = \"X\"\n");
            let guide = format!(
                "[source]\nid = \"g\"\ntitle = \"T\"\norigin = \"o.txt\"\n{source_lines}{PAY}{pay_lines}"
            );
            write(dir.path(), "x-role/guides/g.toml", &guide);
            let loaded = Catalog::load(dir.path());
            match (loaded, expected) {
                (Ok(_), None) => {}
                (Err(Error::Content(problems)), Some((line, words))) => {
                    assert_eq!(problems.len(), 1, "{guide}\n{problems:?}");
                    assert_eq!(problems[0].line, Some(*line), "{guide}\n{problems:?}");
                    assert!(problems[0].message.contains(words), "{guide}\n{problems:?}");
                }
                (other, _) => panic!("{guide}\nexpected {expected:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn every_bad_file_is_reported_with_path_and_line() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/role.toml", "name = \"A\"\n");
        write(
            dir.path(),
            "a/guides/bad-syntax.toml",
            "[source]\nid = \"b\"\ntitle = \"T\n",
        );
        write(
            dir.path(),
            "a/guides/unknown-key.toml",
            "[source]\nid = \"c\"\ntitle = \"T\"\norigin = \"o\"\ncolour = 1\n",
        );
        write(
            dir.path(),
            "a/guides/bad-ladder.toml",
            "[source]\nid = \"d\"\ntitle = \"T\"\norigin = \"o\"\n\n[[ladder]]\nlevels = []\ntitle = \"Rung\"\nyears = \"5-2\"\nyears_min = 5\nyears_max = 2\nfocus = \"f\"\nsalary = \"s\"\n",
        );
        write(dir.path(), "b/guides/g.toml", GUIDE);
        let Err(Error::Content(problems)) = Catalog::load(dir.path()) else {
            panic!("expected problems")
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let has = |file: &str, what: &str| {
            assert!(
                text.iter().any(|t| t.contains(file) && t.contains(what)),
                "{file} / {what} not in {text:#?}"
            )
        };
        has("bad-syntax.toml:3", "");
        has("unknown-key.toml:5", "colour");
        has("bad-ladder.toml:8", "no `levels`");
        has("bad-ladder.toml", "years_max is below years_min");
        has("b/role.toml", "missing");
    }

    #[test]
    fn bank_quotes_must_be_verbatim_and_sources_known() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/role.toml", "name = \"A\"\n");
        write(dir.path(), "a/guides/g.toml", GUIDE);
        let question = |id: &str, source: &str, quote: &str| {
            format!(
                "[[question]]\nid = \"{id}\"\nkind = \"coding\"\ndifficulty = \"easy\"\nprompt = \"P\"\nsource = \"{source}\"\n{quote}outline = \"o\"\nhints = [\"h\"]\nfollow_ups = []\nred_flags = []\n[[question.points]]\npoint = \"p\"\nterms = [\"t\"]\nwhy = \"w\"\n"
            )
        };
        let bank = format!(
            "authored_by = \"us\"\n{}{}{}{}",
            question("ok-guide", "g", "source_quote = \"Q?\"\n"),
            question("bad-quote", "g", "source_quote = \"not in the guide\"\n"),
            question("bad-source", "nowhere", ""),
            question("ok-guide", "authored", "")
        );
        write(dir.path(), "a/interview.toml", &bank);
        let Err(Error::Content(problems)) = Catalog::load(dir.path()) else {
            panic!("expected problems")
        };
        let text = problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("does not appear verbatim"), "{text}");
        assert!(text.contains("`nowhere` is neither"), "{text}");
        assert!(text.contains("used twice"), "{text}");
        assert_eq!(problems.len(), 3, "{text}");
    }
}
