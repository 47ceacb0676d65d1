//! Synthetic content for benchmarks and scale tests: N role folders in the real content format,
//! shaped like the real guides and speaking their vocabulary, so that how cost grows with content
//! can be measured long before there are hundreds of real roles.
//!
//! Each generated guide takes one of the real guides as its template and keeps its shape: the
//! same sections, the same number of list items (plus or minus one), prose of the same length
//! (±25 %), headings and seniority levels verbatim, ladder and pay figures scaled together (so
//! they stay ordered). Every piece of text is replaced by text from a word-bigram chain trained on
//! the real guides and the interview bank, with the template's role name swapped for the
//! generated one, and a small tail of role-specific proper nouns (employers, tools), as a real
//! catalogue of many roles would have. Each role also gets an authored interview bank shaped like
//! the first questions of the real one. Generation is deterministic for a given seed.
//!
//! Generated content is written into a folder the caller chooses (a temporary folder at bench
//! time): never into the repository's `content/`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use careerbot::content::model::{BankFile, GuideFile, RoleFile};
use careerbot::content::Catalog;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use toml::Value;

/// Words the generated role names are made of: 40 × 25 × 12 = 12,000 distinct names.
const INDUSTRIES: &[&str] = &[
    "Banking",
    "Insurance",
    "Retail",
    "Healthcare",
    "Logistics",
    "Travel",
    "Gaming",
    "Media",
    "Telecom",
    "Energy",
    "Automotive",
    "Aerospace",
    "Education",
    "Government",
    "Agritech",
    "Biotech",
    "Fintech",
    "Proptech",
    "Legal",
    "Hospitality",
    "Manufacturing",
    "Maritime",
    "Mining",
    "Pharma",
    "Publishing",
    "Recruiting",
    "Robotics",
    "Security",
    "Sports",
    "Streaming",
    "Ticketing",
    "Utilities",
    "Wholesale",
    "Advertising",
    "Analytics",
    "Charity",
    "Climate",
    "Construction",
    "Ecommerce",
    "Fashion",
];

const DOMAINS: &[&str] = &[
    "Payments",
    "Search",
    "Data",
    "Platform",
    "Identity",
    "Billing",
    "Messaging",
    "Storage",
    "Checkout",
    "Catalog",
    "Pricing",
    "Fraud",
    "Ledger",
    "Notifications",
    "Scheduling",
    "Inventory",
    "Routing",
    "Telemetry",
    "Integrations",
    "Reporting",
    "Onboarding",
    "Compliance",
    "Recommendations",
    "Streaming",
    "Edge",
];

const TITLES: &[&str] = &[
    "Backend Engineer",
    "Backend Developer",
    "Platform Engineer",
    "Data Engineer",
    "Site Reliability Engineer",
    "DevOps Engineer",
    "API Engineer",
    "Database Engineer",
    "Infrastructure Engineer",
    "Integration Engineer",
    "Software Engineer",
    "Cloud Engineer",
];

/// The largest corpus the name lists allow.
pub const MAX_ROLES: usize = INDUSTRIES.len() * DOMAINS.len() * TITLES.len();

/// Syllables for the proper nouns (employers, tools) of each generated role.
const SYLLABLES: &[&str] = &[
    "ka", "zen", "tri", "vo", "lux", "mer", "dra", "pix", "nor", "qua", "sol", "ven", "ryn", "tal",
    "bex", "cor", "dyn", "fal", "gri", "hox", "jum", "kel", "lio", "mav", "nix", "orb", "pel",
    "quo", "rax", "sim",
];

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub roles: usize,
    pub guides: usize,
    pub questions: usize,
    pub bytes: u64,
}

/// A word-bigram chain over the real content's prose.
struct Chain {
    next: HashMap<String, Vec<String>>,
    starts: Vec<String>,
    /// Starts of questions (FAQ questions, interview prompts), for text that should read as one.
    question_starts: Vec<String>,
    /// Every word, for rubric terms.
    words: Vec<String>,
}

impl Chain {
    fn train(texts: &[String]) -> Chain {
        let mut next: HashMap<String, Vec<String>> = HashMap::new();
        let mut starts = Vec::new();
        let mut question_starts = Vec::new();
        let mut words = Vec::new();
        for text in texts {
            let tokens: Vec<&str> = text.split_whitespace().collect();
            let mut sentence_start = true;
            for (i, token) in tokens.iter().enumerate() {
                if sentence_start {
                    starts.push(token.to_string());
                    if text.trim_end().ends_with('?') {
                        question_starts.push(token.to_string());
                    }
                }
                sentence_start = ends_sentence(token);
                let word: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
                if word.chars().count() > 3 {
                    words.push(word.to_lowercase());
                }
                if let Some(following) = tokens.get(i + 1) {
                    next.entry(token.to_string())
                        .or_default()
                        .push(following.to_string());
                }
            }
        }
        if question_starts.is_empty() {
            question_starts = starts.clone();
        }
        words.sort();
        words.dedup();
        Chain {
            next,
            starts,
            question_starts,
            words,
        }
    }

    /// About `target` characters of text: whole sentences while they fit, then cut at a word.
    fn text(&self, rng: &mut StdRng, target: usize, question: bool) -> String {
        let target = target.max(8);
        let mut out = String::new();
        let mut current = pick(
            rng,
            if question {
                &self.question_starts
            } else {
                &self.starts
            },
        );
        loop {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(current);
            let done = out.len() >= target;
            if ends_sentence(current) {
                if done || out.len() as f64 >= target as f64 * 0.9 {
                    break;
                }
                current = pick(rng, &self.starts);
                continue;
            }
            if out.len() >= target + target / 4 {
                break;
            }
            current = match self.next.get(current) {
                Some(options) => pick(rng, options),
                None => pick(rng, &self.starts),
            };
        }
        let mut out = out
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        out.push(if question { '?' } else { '.' });
        out
    }
}

fn ends_sentence(token: &str) -> bool {
    token.ends_with('.') || token.ends_with('?') || token.ends_with('!')
}

fn pick<'a>(rng: &mut StdRng, items: &'a [String]) -> &'a String {
    &items[rng.random_range(0..items.len())]
}

/// Every string in a TOML value, for training.
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains(' ') => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Table(table) => table.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

fn to_value<T: serde::Serialize>(item: &T) -> Value {
    Value::try_from(item).expect("content serializes to TOML")
}

/// The name of generated role `n` (distinct for every n below `MAX_ROLES`).
pub fn role_name(n: usize) -> (String, &'static str) {
    let title = TITLES[n % TITLES.len()];
    let domain = DOMAINS[(n / TITLES.len()) % DOMAINS.len()];
    let industry = INDUSTRIES[(n / (TITLES.len() * DOMAINS.len())) % INDUSTRIES.len()];
    (format!("{industry} {domain} {title}"), title)
}

fn kebab(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Rewrites one generated string: the template's role becomes this role, and now and then a
/// word becomes one of the role's proper nouns.
fn localize(text: &str, title: &str, nouns: &[String], rng: &mut StdRng) -> String {
    let mut text = text.to_string();
    for template_role in [
        "back end engineer",
        "Back End Engineer",
        "backend engineer",
        "Backend Engineer",
        "backend developer",
        "Backend Developer",
    ] {
        text = text.replace(template_role, title);
    }
    text.split(' ')
        .map(|word| {
            if word.len() > 4 && word.chars().all(char::is_alphabetic) && rng.random_bool(0.02) {
                pick(rng, nouns).clone()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Generates guide text in the shape of `template`.
struct Shaper<'a> {
    chain: &'a Chain,
    rng: StdRng,
    title: &'static str,
    nouns: Vec<String>,
    pay_scale: f64,
}

impl Shaper<'_> {
    fn reshape(&mut self, key: &str, value: &Value) -> Value {
        match (key, value) {
            // Enumerations, units and headings are shared by every guide.
            // `captured` too: it is a day or "unknown", which `check` validates.
            (
                "levels" | "kind" | "difficulty" | "currency" | "region" | "heading" | "captured",
                _,
            ) => value.clone(),
            ("employers", Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .map(|_| Value::String(pick(&mut self.rng, &self.nouns).clone()))
                    .collect(),
            ),
            ("terms", Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .map(|_| {
                        let n = self.rng.random_range(1..=2);
                        let words: Vec<&str> = (0..n)
                            .map(|_| pick(&mut self.rng, &self.chain.words).as_str())
                            .collect();
                        Value::String(words.join(" "))
                    })
                    .collect(),
            ),
            (
                "salary_min" | "salary_max" | "median" | "low" | "high" | "open",
                Value::Integer(n),
            ) => Value::Integer((*n as f64 * self.pay_scale).round() as i64),
            (_, Value::Integer(_) | Value::Boolean(_)) => value.clone(),
            (_, Value::String(text)) => {
                let factor = self.rng.random_range(0.75..1.25);
                let target = (text.chars().count() as f64 * factor) as usize;
                let question = text.trim_end().ends_with('?');
                let raw = self.chain.text(&mut self.rng, target, question);
                Value::String(localize(&raw, self.title, &self.nouns, &mut self.rng))
            }
            (_, Value::Array(items)) => {
                let mut items: Vec<Value> = items.iter().map(|v| self.reshape(key, v)).collect();
                // Lists of prose vary a little in length; lists of tables (ladder, FAQ) keep
                // their count, since their entries are validated against each other.
                if items.len() > 1 && items.iter().all(Value::is_str) {
                    match self.rng.random_range(0..3) {
                        0 => {
                            items.pop();
                        }
                        1 => items.push(self.reshape(key, &items[0].clone())),
                        _ => {}
                    }
                }
                Value::Array(items)
            }
            // Unlabelled pay figures must equal the (rescaled) labelled ones; a generated guide
            // simply labels its figures, so they are left out.
            (_, Value::Table(table)) => Value::Table(
                table
                    .iter()
                    .filter(|(k, _)| k.as_str() != "unlabelled")
                    .map(|(k, v)| (k.clone(), self.reshape(k, v)))
                    .collect(),
            ),
            _ => value.clone(),
        }
    }
}

fn proper_nouns(rng: &mut StdRng) -> Vec<String> {
    (0..8)
        .map(|_| {
            let syllables = rng.random_range(2..=3);
            let mut word: String = (0..syllables)
                .map(|_| SYLLABLES[rng.random_range(0..SYLLABLES.len())])
                .collect();
            if let Some(first) = word.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            word
        })
        .collect()
}

/// Writes `roles` generated role folders (one guide and a three-question bank each) and the real
/// synonym list into `dir`, trained on `real`. Deterministic for a given `seed`.
pub fn generate(real: &Catalog, roles: usize, seed: u64, dir: &Path) -> std::io::Result<Generated> {
    assert!(
        roles <= MAX_ROLES,
        "at most {MAX_ROLES} distinct role names"
    );
    let templates: Vec<&GuideFile> = real.roles.iter().flat_map(|r| &r.guides).collect();
    let bank_template: Vec<_> = real
        .roles
        .iter()
        .filter_map(|r| r.bank.as_ref())
        .flat_map(|b| b.questions.iter().take(3))
        .collect();
    assert!(!templates.is_empty(), "the real content has no guides");
    let mut texts = Vec::new();
    for guide in &templates {
        collect_strings(&to_value(*guide), &mut texts);
    }
    for question in &bank_template {
        collect_strings(&to_value(*question), &mut texts);
    }
    let chain = Chain::train(&texts);
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0u64;
    let mut write = |path: &Path, text: String| -> std::io::Result<()> {
        bytes += text.len() as u64;
        std::fs::write(path, text)
    };
    write(
        &dir.join("synonyms.toml"),
        toml::to_string(&real.synonyms).expect("synonyms serialize"),
    )?;
    let mut questions = 0;
    for n in 0..roles {
        let mut rng = StdRng::seed_from_u64(seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (name, title) = role_name(n);
        let id = kebab(&name);
        let nouns = proper_nouns(&mut rng);
        let pay_scale = rng.random_range(0.6..1.4);
        let mut shaper = Shaper {
            chain: &chain,
            rng,
            title,
            nouns,
            pay_scale,
        };
        let role_dir = dir.join(&id);
        std::fs::create_dir_all(role_dir.join("guides"))?;
        let role = RoleFile {
            name: name.clone(),
            aliases: vec![format!(
                "{} {}",
                name.split(' ').nth(1).unwrap_or(""),
                title
            )],
        };
        write(
            &role_dir.join("role.toml"),
            toml::to_string(&role).expect("role serializes"),
        )?;

        let template = templates[n % templates.len()];
        let mut guide_value = shaper.reshape("", &to_value(template));
        let source = guide_value
            .get_mut("source")
            .and_then(Value::as_table_mut)
            .expect("a guide has a source");
        source.insert("id".into(), Value::String("guide".into()));
        source.insert(
            "title".into(),
            Value::String(format!("How to become a {name}")),
        );
        source.insert(
            "origin".into(),
            Value::String(format!("generated-{n}-from-{}", template.source.origin)),
        );
        if let Some(ladder) = guide_value.get_mut("ladder").and_then(Value::as_array_mut) {
            for rung in ladder {
                let label = rung
                    .get("levels")
                    .and_then(Value::as_array)
                    .and_then(|l| l.first())
                    .and_then(Value::as_str)
                    .unwrap_or("mid")
                    .to_string();
                let title = match label.as_str() {
                    "mid" => title.to_string(),
                    level => format!("{}{} {title}", level[..1].to_uppercase(), &level[1..]),
                };
                rung.as_table_mut()
                    .expect("a rung is a table")
                    .insert("title".into(), Value::String(title));
            }
        }
        let guide: GuideFile = guide_value.try_into().expect("a generated guide is valid");
        write(
            &role_dir.join("guides").join("guide.toml"),
            toml::to_string(&guide).expect("guide serializes"),
        )?;

        if !bank_template.is_empty() {
            let generated: Vec<Value> = bank_template
                .iter()
                .enumerate()
                .map(|(i, question)| {
                    let mut value = shaper.reshape("", &to_value(*question));
                    let table = value.as_table_mut().expect("a question is a table");
                    table.insert("id".into(), Value::String(format!("q{i}")));
                    table.insert("source".into(), Value::String("authored".into()));
                    table.remove("source_quote");
                    value
                })
                .collect();
            questions += generated.len();
            let bank = BankFile {
                authored_by: "careerbot benchmark generator".into(),
                questions: generated
                    .into_iter()
                    .map(|v| v.try_into().expect("a generated question is valid"))
                    .collect(),
            };
            write(
                &role_dir.join("interview.toml"),
                toml::to_string(&bank).expect("bank serializes"),
            )?;
        }
    }
    Ok(Generated {
        roles,
        guides: roles,
        questions,
        bytes,
    })
}

/// The real content folder of this repository.
pub fn real_content_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}
