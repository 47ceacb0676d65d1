//! `/match years:<n> skills:<list> [role]`: the level a number of years maps to in each guide,
//! that rung's pay, and the skill gap: which of the guide's required skills and tools (verbatim)
//! the listed skills cover and which they do not. Skills are compared after spelling correction,
//! stemming and synonym folding, so "postgres" covers "PostgreSQL", "k8s" covers "Kubernetes",
//! "JS" covers "Node.js" and "GCP" covers "Google Cloud".

use std::collections::HashSet;

use crate::content::model::GuideFile;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{colors, escape_user_text, truncate_chars, Embed, Reply};
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;

use super::salary::{headline, plural_years, rung_for_years, rung_line};
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

/// Listed skills that are one skill under two names ("k8s, kubernetes", "GCP, Google Cloud"):
/// the same identifying terms after synonym folding. Merged into one ("k8s / kubernetes"), so a
/// skill is never counted twice.
pub fn merge_same_skills(skills: Vec<Skill>) -> Vec<Skill> {
    let mut merged: Vec<Skill> = Vec::with_capacity(skills.len());
    for skill in skills {
        let mut terms = skill.terms.clone();
        terms.sort();
        terms.dedup();
        let same = merged.iter_mut().find(|kept| {
            let mut kept_terms = kept.terms.clone();
            kept_terms.sort();
            kept_terms.dedup();
            kept_terms == terms
        });
        match same {
            Some(kept) => {
                kept.name.push_str(" / ");
                kept.name.push_str(&skill.name);
            }
            None => merged.push(skill),
        }
    }
    merged
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

/// Capitalised names in a requirement (tools, languages, products), each kept whole: consecutive
/// capitalised words are one name ("Spring Boot", "Google Cloud") and a slash without spaces
/// joins ("CI/CD"), while commas, brackets, lowercase words and a spaced " / " separate them. The
/// first word counts only when it is clearly a name rather than a capitalised sentence start:
/// capitals inside it ("PostgreSQL"), a list separator right after it ("Python, Go"), or "and"
/// or "or" and another name ("Docker and Kubernetes").
fn names_in(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, names: &mut Vec<String>| {
        if !current.is_empty() {
            names.push(current.join(" "));
            current.clear();
        }
    };
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in tokens.iter().enumerate() {
        if raw.starts_with('(') {
            flush(&mut current, &mut names);
        }
        let word = raw
            .trim_start_matches('(')
            .trim_end_matches([',', ')', ':', ';', '.']);
        let ends_group = raw.ends_with([',', ')', ':', ';']);
        let next = tokens.get(i + 1).copied();
        let capitalised = word.chars().any(char::is_uppercase);
        // "Docker and Kubernetes": a first word joined to a name by "and"/"or" is one too.
        let joined_to_a_name = matches!(next, Some("and" | "or"))
            && tokens
                .get(i + 2)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let clearly_a_name = word.chars().skip(1).any(char::is_uppercase)
            || ends_group
            || next == Some("/")
            || joined_to_a_name;
        if capitalised && (i > 0 || clearly_a_name) {
            current.push(word);
        } else {
            flush(&mut current, &mut names);
        }
        if ends_group {
            flush(&mut current, &mut names);
        }
    }
    flush(&mut current, &mut names);
    names
}

/// The gap for one guide: every item of its skills and tools lists.
pub fn gap<'a>(
    analyzer: &Analyzer,
    guide: &'a GuideFile,
    skills: &'a [Skill],
) -> Vec<Requirement<'a>> {
    let lists = [guide.skills.as_ref(), guide.tools.as_ref()];
    let mut seen: HashSet<&str> = HashSet::new();
    lists
        .into_iter()
        .flatten()
        .flat_map(|list| list.items.iter())
        // An item in both the skills and the tools list is one requirement, counted once.
        .filter(|item| seen.insert(item.as_str()))
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
    lib: &Library,
    years: u32,
    skills_text: &str,
    role_name: Option<&str>,
) -> Result<Reply> {
    let role = resolve_role(lib, role_name)?;
    let analyzer = lib.search.analyzer();
    let mut names = parse_skills(skills_text);
    if names.is_empty() {
        return Err(Error::Usage(
            "List your skills separated by commas, e.g. `skills:python, postgres, docker`.".into(),
        ));
    }
    let dropped = names.len().saturating_sub(MAX_SKILLS);
    names.truncate(MAX_SKILLS);
    let vocabulary = lib.vocabulary();
    let skills = merge_same_skills(
        names
            .iter()
            .map(|name| Skill::new(analyzer, name, &vocabulary.correct(analyzer, name)))
            .collect(),
    );
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
                "This guide's ladder does not cover {years} {} of experience.",
                plural_years(years)
            )),
        }
        if let Some(headline) = headline(guide) {
            level_lines.push(headline);
        }
        let requirements = gap(analyzer, guide, &skills);
        if !requirements.is_empty() {
            let covered = requirements
                .iter()
                .filter(|r| !r.covered_by.is_empty())
                .count();
            level_lines.push(format!(
                "Your skills cover {covered} of the {} skills and tools this guide lists.",
                requirements.len()
            ));
        }
        description.push(format!(
            "**{}**\n{}\n{source}",
            guide.source.title,
            level_lines.join("\n")
        ));
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

    if used.is_empty() {
        // No skill matched: "Covered" would only repeat that for every guide.
        fields.retain(|(name, _)| !name.starts_with("Covered"));
    }
    let unmatched: Vec<String> = skills
        .iter()
        .filter(|s| !used.contains(s.name.as_str()))
        .map(|s| escape_user_text(&s.name))
        .collect();
    if !unmatched.is_empty() && !used.is_empty() {
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
    let experience = format!("{years} {} of experience", plural_years(years));
    let title = if used.is_empty() {
        // Nothing to match: the reply must not read as a verdict on a profile it could not assess.
        format!("{}: none of your skills is in the guides", role.name)
    } else {
        match agreed {
            Some(level) if levels.len() == guides.len() => {
                format!("{}: {} with {experience}", role.name, level.as_str())
            }
            _ => format!("{}: your match with {experience}", role.name),
        }
    };
    if used.is_empty() {
        description.insert(
            0,
            format!(
                "None of the skills you listed ({}) is named in these guides' skills or tools, \
                 so there is nothing to match them against. Below: where {experience} puts you, \
                 and what the guides ask for.",
                truncate_chars(&unmatched.join(", "), 300)
            ),
        );
    }
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
    fn names_in_a_requirement_are_kept_whole() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Containerization and orchestration with Docker and Kubernetes",
                &["Docker", "Kubernetes"],
            ),
            (
                "PostgreSQL / MySQL / a document store",
                &["PostgreSQL", "MySQL"],
            ),
            (
                "Python, Go, Java, or Node",
                &["Python", "Go", "Java", "Node"],
            ),
            (
                "Cloud platform (AWS / GCP / Azure)",
                &["AWS", "GCP", "Azure"],
            ),
            (
                "Server-side frameworks such as Spring Boot, Django, or Express.js",
                &["Spring Boot", "Django", "Express.js"],
            ),
            (
                "Cloud platforms including AWS, Azure, or Google Cloud",
                &["AWS", "Azure", "Google Cloud"],
            ),
            (
                "Version control with Git and CI/CD pipelines",
                &["Git", "CI/CD"],
            ),
            ("Cloud infrastructure and CI/CD", &["CI/CD"]),
            ("Docker and Kubernetes (basic)", &["Docker", "Kubernetes"]),
            ("Testing and observability", &[]),
            (
                "Database management with SQL (PostgreSQL, MySQL) and NoSQL (MongoDB, DynamoDB)",
                &["SQL", "PostgreSQL", "MySQL", "NoSQL", "MongoDB", "DynamoDB"],
            ),
            (
                "One or more backend languages (e.g. Python, Go, Java, Node)",
                &["Python", "Go", "Java", "Node"],
            ),
            (
                "Understanding of security best practices (OAuth, JWT)",
                &["OAuth", "JWT"],
            ),
            ("Problem-solving and debugging complex systems", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(names_in(text), *expected, "{text}");
        }
    }

    #[test]
    fn one_skill_under_two_names_counts_once() {
        let a = analyzer();
        let skills = |list: &str| {
            merge_same_skills(
                parse_skills(list)
                    .iter()
                    .map(|n| Skill::new(&a, n, n))
                    .collect(),
            )
            .into_iter()
            .map(|s| s.name)
            .collect::<Vec<_>>()
        };
        let cases: &[(&str, &[&str])] = &[
            ("k8s, kubernetes, docker", &["k8s / kubernetes", "docker"]),
            ("GCP, Google Cloud", &["GCP / Google Cloud"]),
            (
                "postgres, PostgreSQL, advanced postgres",
                &["postgres / PostgreSQL / advanced postgres"],
            ),
            ("spring boot, spring", &["spring boot", "spring"]),
            ("java, javascript", &["java", "javascript"]),
        ];
        for (list, expected) in cases {
            assert_eq!(skills(list), *expected, "{list}");
        }
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
