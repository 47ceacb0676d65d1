//! `/match years:<n> skills:<list> [role]`: the level a number of years maps to in each guide,
//! that rung's pay, and the skill gap: which of the guide's required skills and tools (verbatim)
//! the listed skills cover and which they do not. Skills are compared after spelling correction,
//! stemming and synonym folding, so "postgres" covers "PostgreSQL", "k8s" covers "Kubernetes",
//! "JS" covers "Node.js" and "GCP" covers "Google Cloud".

use std::collections::HashSet;

use crate::app::App;
use crate::content::model::GuideFile;
use crate::error::{Error, Result};
use crate::reply::{colors, escape_user_text, truncate_chars, Embed, Reply};
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;

use super::salary::{headline, rung_for_years, rung_line};
use super::vocabulary;
use super::{guide_source_line, guides_footer, resolve_role};

/// Words that qualify a skill rather than name it ("basic docker", "advanced python").
const QUALIFIERS: &[&str] = &[
    "advanced",
    "basic",
    "basics",
    "beginner",
    "experience",
    "experienced",
    "expert",
    "familiar",
    "familiarity",
    "good",
    "intermediate",
    "knowledge",
    "proficient",
    "some",
    "strong",
    "skills",
];

/// Most skills anyone lists; the rest are ignored (and said to be).
const MAX_SKILLS: usize = 40;

/// The skills of a comma-separated list, trimmed, without repeats or empty entries.
pub fn parse_skills(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split([',', ';', '\n', '|'])
        .map(|s| s.trim().trim_matches(|c: char| c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .filter(|s| seen.insert(s.to_lowercase()))
        .map(str::to_string)
        .collect()
}

/// A listed skill with the terms that identify it.
#[derive(Debug, Clone)]
pub struct Skill {
    pub name: String,
    terms: Vec<String>,
}

impl Skill {
    pub fn new(analyzer: &Analyzer, name: &str, corrected: &str) -> Skill {
        let qualifiers: HashSet<String> =
            QUALIFIERS.iter().flat_map(|q| analyzer.terms(q)).collect();
        let all = analyzer.terms(corrected);
        let core: Vec<String> = all
            .iter()
            .filter(|t| !qualifiers.contains(*t))
            .cloned()
            .collect();
        Skill {
            name: name.to_string(),
            terms: if core.is_empty() { all } else { core },
        }
    }

    /// Whether this skill is named in a requirement (every identifying term is there, a longer
    /// one allowing its typo budget).
    pub fn covers(&self, analyzer: &Analyzer, requirement: &HashSet<String>) -> bool {
        !self.terms.is_empty()
            && self.terms.iter().all(|term| {
                requirement.contains(term)
                    || (!analyzer.is_synonym_term(term) && {
                        let budget = typo_budget(term) as usize;
                        budget > 0
                            && requirement
                                .iter()
                                .any(|r| edit_distance(term, r, budget) <= budget)
                    })
            })
    }
}

/// One of a guide's required skills or tools, and which listed skills cover it.
#[derive(Debug, Clone)]
pub struct Requirement<'a> {
    /// The guide's words.
    pub text: &'a str,
    /// The listed skills that cover it (empty: missing).
    pub covered_by: Vec<&'a str>,
    /// Names the requirement also gives that no listed skill matches ("Kubernetes" in
    /// "Docker and Kubernetes" for someone who listed docker).
    pub also_names: Vec<String>,
}

/// Capitalised names in a requirement (tools, languages, products). The first word counts only
/// when it is clearly a name rather than a capitalised sentence start: capitals inside it
/// ("PostgreSQL") or a list separator right after it ("Python, Go").
fn names_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    let mut first = true;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        rest = &rest[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
            .unwrap_or(rest.len());
        let word = rest[..end].trim_end_matches(['.', ':', ';']);
        let after = rest[end..].trim_start().chars().next();
        let capitalised = word.chars().any(char::is_uppercase);
        let clearly_a_name =
            word.chars().skip(1).any(char::is_uppercase) || matches!(after, Some(',' | '/'));
        if capitalised && (!first || clearly_a_name) {
            names.push(word.to_string());
        }
        first = false;
        rest = &rest[end..];
    }
    names
}

/// The gap for one guide: every item of its skills and tools lists.
pub fn gap<'a>(
    analyzer: &Analyzer,
    guide: &'a GuideFile,
    skills: &'a [Skill],
) -> Vec<Requirement<'a>> {
    let lists = [guide.skills.as_ref(), guide.tools.as_ref()];
    lists
        .into_iter()
        .flatten()
        .flat_map(|list| list.items.iter())
        .map(|item| {
            let terms: HashSet<String> = analyzer.terms(item).into_iter().collect();
            let covering: Vec<&Skill> = skills
                .iter()
                .filter(|s| s.covers(analyzer, &terms))
                .collect();
            let matched: HashSet<&String> = covering.iter().flat_map(|s| s.terms.iter()).collect();
            let also_names = if covering.is_empty() {
                Vec::new()
            } else {
                names_in(item)
                    .into_iter()
                    .filter(|name| {
                        let name_terms = analyzer.terms(name);
                        !name_terms.is_empty() && !name_terms.iter().any(|t| matched.contains(t))
                    })
                    .collect()
            };
            Requirement {
                text: item.as_str(),
                covered_by: covering.iter().map(|s| s.name.as_str()).collect(),
                also_names,
            }
        })
        .collect()
}

/// Lines packed into embed fields of at most 1,024 characters, each ending with the source line;
/// a list too long for one field continues in the next ("(continued)").
fn packed_fields(name: &str, lines: &[String], source: &str) -> Vec<(String, String)> {
    const LIMIT: usize = 1024;
    let room = LIMIT - source.chars().count() - 1;
    let mut fields = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = truncate_chars(line, room);
        if !current.is_empty() && current.chars().count() + 1 + line.chars().count() > room {
            fields.push(current);
            current = String::new();
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() {
        fields.push(current);
    }
    fields
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let title = if i == 0 {
                name.to_string()
            } else {
                format!("{name} (continued)")
            };
            (title, format!("{text}\n{source}"))
        })
        .collect()
}

/// `/match`.
pub fn matching(
    app: &App,
    years: u32,
    skills_text: &str,
    role_name: Option<&str>,
) -> Result<Reply> {
    let role = resolve_role(app, role_name)?;
    let analyzer = app.search.analyzer();
    let mut names = parse_skills(skills_text);
    if names.is_empty() {
        return Err(Error::Usage(
            "List your skills separated by commas, e.g. `skills:python, postgres, docker`.".into(),
        ));
    }
    let dropped = names.len().saturating_sub(MAX_SKILLS);
    names.truncate(MAX_SKILLS);
    let vocabulary = vocabulary::shared(&app.catalog, analyzer);
    let skills: Vec<Skill> = names
        .iter()
        .map(|name| Skill::new(analyzer, name, &vocabulary.correct(analyzer, name)))
        .collect();
    let guides: Vec<&GuideFile> = role
        .guides
        .iter()
        .filter(|g| !g.ladder.is_empty() || g.skills.is_some() || g.tools.is_some())
        .collect();
    if guides.is_empty() {
        return Ok(Reply::notice(format!(
            "The guides for {} have no ladder or skills to match against.",
            role.name
        )));
    }

    let mut description = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut levels = Vec::new();
    for guide in &guides {
        let source = guide_source_line(guide);
        let mut level_lines = Vec::new();
        match rung_for_years(guide, years) {
            Some(step) => {
                levels.push(step.levels[0]);
                level_lines.push(rung_line(guide, step));
            }
            None => level_lines.push(format!(
                "This guide's ladder does not cover {years} years of experience."
            )),
        }
        if let Some(headline) = headline(guide) {
            level_lines.push(headline);
        }
        description.push(format!(
            "**{}**\n{}\n{source}",
            guide.source.title,
            level_lines.join("\n")
        ));

        let requirements = gap(analyzer, guide, &skills);
        if requirements.is_empty() {
            continue;
        }
        let mut covered = Vec::new();
        let mut missing = Vec::new();
        for requirement in &requirements {
            if requirement.covered_by.is_empty() {
                missing.push(format!("✗ {}", requirement.text));
                continue;
            }
            used.extend(requirement.covered_by.iter().copied());
            let mut line = format!(
                "✓ {} — you listed {}",
                requirement.text,
                requirement
                    .covered_by
                    .iter()
                    .map(|s| escape_user_text(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if !requirement.also_names.is_empty() {
                line.push_str(&format!(
                    "; it also names {}",
                    requirement.also_names.join(", ")
                ));
            }
            covered.push(line);
        }
        let short = &guide.source.title;
        if covered.is_empty() {
            covered.push("None of your skills is named here.".into());
        }
        if missing.is_empty() {
            missing.push("Nothing: every listed skill and tool is covered.".into());
        }
        fields.extend(packed_fields(
            &format!("Covered — {short}"),
            &covered,
            &source,
        ));
        fields.extend(packed_fields(
            &format!("Missing — {short}"),
            &missing,
            &source,
        ));
    }

    let unmatched: Vec<String> = names
        .iter()
        .filter(|n| !used.contains(n.as_str()))
        .map(|n| escape_user_text(n))
        .collect();
    if !unmatched.is_empty() {
        description.push(format!(
            "Not named in these guides' skills or tools: {}.",
            truncate_chars(&unmatched.join(", "), 500)
        ));
    }
    if dropped > 0 {
        description.push(format!(
            "Only your first {MAX_SKILLS} skills were compared ({dropped} more ignored)."
        ));
    }
    let agreed = levels
        .first()
        .filter(|first| levels.iter().all(|l| l == *first));
    let title = match agreed {
        Some(level) if levels.len() == guides.len() => format!(
            "{}: {} with {years} years of experience",
            role.name,
            level.as_str()
        ),
        _ => format!("{}: your match with {years} years of experience", role.name),
    };
    let mut embed = Embed::new(title)
        .description(description.join("\n\n"))
        .color(colors::SALARY)
        .footer(guides_footer(&guides));
    for (name, value) in fields {
        embed = embed.field(name, value, false);
    }
    Ok(Reply::embed(embed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::with_synonyms(&[
            &["postgres", "postgresql"],
            &["k8s", "kubernetes"],
            &["js", "javascript", "node", "node.js"],
            &["gcp", "google cloud"],
            &["golang", "go"],
        ])
    }

    #[test]
    fn skills_split_on_commas_without_repeats() {
        assert_eq!(
            parse_skills("python, Postgres ,docker,, python; CI/CD"),
            ["python", "Postgres", "docker", "CI/CD"]
        );
        assert!(parse_skills(" , ,").is_empty());
    }

    #[test]
    fn synonyms_and_typos_cover_requirements() {
        let a = analyzer();
        let covers = |skill: &str, requirement: &str| {
            let terms: HashSet<String> = a.terms(requirement).into_iter().collect();
            Skill::new(&a, skill, skill).covers(&a, &terms)
        };
        let cases = [
            (
                "postgres",
                "Database management with SQL (PostgreSQL, MySQL)",
                true,
            ),
            ("k8s", "Docker and Kubernetes (basic)", true),
            (
                "JS",
                "Proficiency in languages like Java, Python, Node.js, or Go",
                true,
            ),
            (
                "GCP",
                "Cloud platforms including AWS, Azure, or Google Cloud",
                true,
            ),
            ("golang", "Python, Go, Java, or Node", true),
            ("pyhton", "Python, Go, Java, or Node", true),
            ("advanced docker", "Docker and Kubernetes (basic)", true),
            (
                "spring boot",
                "Server-side frameworks such as Spring Boot, Django",
                true,
            ),
            ("docker", "Cloud platform (AWS / GCP / Azure)", false),
            ("java", "JavaScript", false),
            ("rust", "Python, Go, Java, or Node", false),
        ];
        for (skill, requirement, expected) in cases {
            assert_eq!(
                covers(skill, requirement),
                expected,
                "{skill} / {requirement}"
            );
        }
    }

    #[test]
    fn names_in_a_requirement() {
        assert_eq!(
            names_in("Containerization and orchestration with Docker and Kubernetes"),
            ["Docker", "Kubernetes"]
        );
        assert_eq!(
            names_in("PostgreSQL / MySQL / a document store"),
            ["PostgreSQL", "MySQL"]
        );
        assert_eq!(
            names_in("Python, Go, Java, or Node"),
            ["Python", "Go", "Java", "Node"]
        );
        assert_eq!(
            names_in("Cloud platform (AWS / GCP / Azure)"),
            ["AWS", "GCP", "Azure"]
        );
    }

    #[test]
    fn long_lists_continue_in_another_field_and_keep_the_source() {
        let lines: Vec<String> = (0..40)
            .map(|i| format!("✗ requirement number {i} {}", "x".repeat(40)))
            .collect();
        let fields = packed_fields("Missing", &lines, "*Source: G*");
        assert!(fields.len() > 1);
        for (name, value) in &fields {
            assert!(value.chars().count() <= 1024, "{name}");
            assert!(value.ends_with("*Source: G*"));
        }
        assert_eq!(fields[1].0, "Missing (continued)");
        let total: usize = fields.iter().map(|(_, v)| v.matches('✗').count()).sum();
        assert_eq!(total, 40);
    }
}
