//! Search benchmarks at growing corpus sizes (the real content, then 100, 1,000 and 10,000
//! generated role guides): content load, full index rebuild, `/ask`-style search, autocomplete
//! (`suggest`) against plain linear scans of the same titles, and a whole interaction from the
//! typed command (slash line or Discord JSON) to the rendered response JSON.
//!
//! `cargo bench --bench search` runs criterion (means, comparisons) and then the percentile loops
//! (p50/p99, the figures BENCHMARKS.md compares with the targets). `CAREERBOT_BENCH_SIZES=real,100`
//! limits the sizes; a name filter (`cargo bench --bench search -- suggest`) applies to both.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/measure.rs"]
mod measure;

use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};

use careerbot::adapters::{interaction, render};
use careerbot::clock::SystemClock;
use careerbot::commands::Command;
use careerbot::content::Catalog;
use careerbot::search::analyzer::edit_distance;
use careerbot::search::{documents, Filter, SearchIndex};
use careerbot::{App, Caller, Settings};
use measure::{Fixture, Percentiles, Report, Size};

/// What people type into `/ask` and `/faq`: the guides' own questions, paraphrases, single words,
/// misspellings, long rambles, and query-syntax characters that must stay plain words.
const QUERIES: &[&str] = &[
    "What is the backend engineer salary in 2026?",
    "how much does a senior engineer earn",
    "best backend languages to learn",
    "kubernetes",
    "design a url shortener",
    "which certifications for cloud jobs",
    "what does a day in the life look like",
    "junior engineer salery",
    "distributed systems mentoring lead",
    "how do I get hired without a degree",
    "postgres indexing interview questions",
    "what changes with AI",
    "microservices architecture scalability performance optimization monitoring observability deployment pipelines",
    "remote jobs",
    "enginer",
    "\"system design\" AND (cache OR queue) title:* ~2 ^3",
];

/// Partly typed autocomplete values: short and long prefixes, several words, a misspelling.
const PARTIALS: &[&str] = &[
    "sal",
    "what is",
    "kube",
    "cert",
    "design a sys",
    "enginer",
    "how do i fol",
    "best backend lang",
    "inter",
    "aws cert",
];

/// Slash lines for the whole-interaction measurement.
const LINES: &[&str] = &[
    "/ask query:how much does a senior engineer earn",
    "/faq question:What is a backend engineer?",
    "/ask query:junior engineer salery",
    "/help",
];

/// Autocomplete without an index: every title scanned, lowercased words compared.
struct TitleScan {
    /// Each title and its lowercased words.
    titles: Vec<(String, Vec<String>)>,
}

impl TitleScan {
    fn new(catalog: &Catalog) -> TitleScan {
        TitleScan {
            titles: documents(catalog)
                .into_iter()
                .map(|doc| {
                    let words = words(&doc.title);
                    (doc.title, words)
                })
                .collect(),
        }
    }

    /// Titles with every typed word as a prefix of one of their words (exact prefixes only),
    /// shortest first, at most 25.
    fn exact(&self, partial: &str) -> Vec<&str> {
        self.scan(partial, |typed, word| word.starts_with(typed))
    }

    /// The same with the index's typo tolerance: one edit in a prefix of four letters or more.
    fn fuzzy(&self, partial: &str) -> Vec<&str> {
        self.scan(partial, |typed, word| {
            if word.starts_with(typed) {
                return true;
            }
            let n = typed.chars().count();
            if n < 4 {
                return false;
            }
            let prefix: String = word.chars().take(n).collect();
            edit_distance(typed, &prefix, 1) <= 1
        })
    }

    fn scan(&self, partial: &str, matches: impl Fn(&str, &str) -> bool) -> Vec<&str> {
        let typed = words(partial);
        if typed.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&str> = self
            .titles
            .iter()
            .filter(|(_, title_words)| {
                typed
                    .iter()
                    .all(|t| title_words.iter().any(|w| matches(t, w)))
            })
            .map(|(title, _)| title.as_str())
            .collect();
        found.sort_by_key(|t| t.len());
        found.truncate(25);
        found
    }
}

/// `count` distinct partly typed questions, none typed before: the first words of the guides'
/// FAQ questions and headings with the next word's first three letters ("what is the sal").
fn never_typed(app: &App, count: usize) -> Vec<careerbot::commands::Focused> {
    let library = app.library();
    // Not the texts the cycled rows typed.
    let mut seen: std::collections::HashSet<String> =
        PARTIALS.iter().map(|p| p.to_string()).collect();
    let mut out = Vec::new();
    let texts = library.catalog.roles.iter().flat_map(|role| {
        role.guides.iter().flat_map(|guide| {
            guide
                .faq
                .iter()
                .map(|f| f.question.clone())
                .chain(guide.sections().into_iter().map(|s| s.heading))
        })
    });
    for text in texts {
        let words = words(&text);
        for take in 0..words.len() {
            let mut partial = words[..take].join(" ");
            let next: String = words[take].chars().take(3).collect();
            if !partial.is_empty() {
                partial.push(' ');
            }
            partial.push_str(&next);
            if seen.insert(partial.clone()) {
                let line = format!("/faq question:{partial}");
                if let Ok(Some(focused)) = careerbot::commands::parse_focused(&line) {
                    out.push(focused);
                }
            }
            if out.len() == count {
                return out;
            }
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn discord_payload(query: &str) -> String {
    serde_json::json!({
        "type": 2,
        "id": "1",
        "application_id": "2",
        "token": "t",
        "version": 1,
        "channel_id": "30",
        "member": {"user": {"id": "40", "username": "bench"}},
        "data": {"id": "3", "name": "ask", "type": 1, "options": [
            {"name": "query", "type": 3, "value": query}
        ]}
    })
    .to_string()
}

/// One whole console interaction: parse, handle, render, serialize.
fn slash_interaction(app: &App, caller: &Caller, line: &str) -> String {
    let reply = match Command::parse(line) {
        Ok(command) => app.handle(caller, command),
        Err(error) => careerbot::Reply::notice(error.user_message()),
    };
    serde_json::to_string(&render::interaction_response(&reply).body).expect("JSON")
}

/// One whole Discord interaction: decode the payload, handle, render, serialize.
fn discord_interaction(app: &App, payload: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(payload).expect("payload");
    let reply = match interaction::decode(&value).expect("an interaction") {
        interaction::Incoming::Command { caller, command } => app.handle(&caller, command),
        interaction::Incoming::Refused { message, .. } => careerbot::Reply::notice(message),
        other => panic!("unexpected {other:?}"),
    };
    serde_json::to_string(&render::interaction_response(&reply).body).expect("JSON")
}

fn app_for(fixture: &Fixture) -> App {
    let catalog = Catalog::load(&fixture.content_dir).expect("content");
    let index = SearchIndex::open_or_build(&catalog, &fixture.index_dir, false).expect("index");
    assert!(!index.rebuilt, "the fixture's index is reused");
    let settings = Settings::defaults_in(&fixture.scratch("app"));
    let store = careerbot::store::SqliteStore::in_memory().expect("store");
    App::from_parts(
        settings,
        catalog,
        index,
        Arc::new(SystemClock),
        Arc::new(store),
    )
}

/// Fewer, slower samples as the corpus grows.
fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    size: Size,
) {
    match size {
        Size::Generated(n) if n >= 10_000 => {
            group.sample_size(10);
        }
        Size::Generated(n) if n >= 1_000 => {
            group.sample_size(30);
        }
        _ => {}
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut report = Report::new("search");
    for size in measure::sizes() {
        let fixture = Fixture::new(size);
        let label = size.label();
        report.figure(
            &format!("corpus {label}: guides / indexed units / TOML"),
            &format!(
                "{} / {} / {:.1} MB",
                fixture.guides,
                fixture.documents,
                fixture.content_bytes as f64 / 1e6
            ),
            "",
        );

        // Loading and rebuilding: a handful of samples at the large sizes.
        let rebuilds = match size {
            Size::Generated(n) if n >= 10_000 => 3,
            Size::Generated(n) if n >= 1_000 => 5,
            _ => 10,
        };
        let name = format!("content load ({label})");
        if report.wants(&name) {
            let p = Percentiles::measure(&name, 0, rebuilds, |_| {
                Catalog::load(&fixture.content_dir).expect("content")
            });
            report.timing(&p, "");
        }
        let name = format!("index rebuild ({label})");
        if report.wants(&name) {
            let dir = fixture.scratch("rebuild");
            let mut times = vec![fixture.first_build];
            times.extend(measure::time_each(0, rebuilds - 1, |_| {
                SearchIndex::open_or_build(&fixture.catalog, &dir, true).expect("rebuild")
            }));
            let target = if size == Size::Generated(10_000) {
                "≤ 2 s"
            } else {
                ""
            };
            report.timing(&Percentiles::from_samples(&name, &mut times), target);
        }
        // Criterion needs at least ten rebuilds; at 10,000 guides the loop above is the figure.
        if size != Size::Generated(10_000) {
            let mut group = criterion.benchmark_group("index_rebuild");
            group
                .sample_size(10)
                .sampling_mode(criterion::SamplingMode::Flat);
            if matches!(size, Size::Generated(n) if n >= 1_000) {
                group.measurement_time(Duration::from_secs(20));
            }
            let dir = fixture.scratch("criterion-rebuild");
            group.bench_function(BenchmarkId::from_parameter(&label), |b| {
                b.iter(|| {
                    SearchIndex::open_or_build(&fixture.catalog, &dir, true).expect("rebuild")
                })
            });
            group.finish();
        }

        // /ask and /faq: the same search, every query in turn.
        let index = &fixture.index;
        let search = |i: usize| {
            index
                .search(QUERIES[i % QUERIES.len()], &Filter::default(), 5)
                .expect("search")
        };
        {
            let mut group = criterion.benchmark_group("search");
            configure(&mut group, size);
            let mut i = 0;
            group.bench_function(BenchmarkId::from_parameter(&label), |b| {
                b.iter(|| {
                    i += 1;
                    search(i)
                })
            });
            group.finish();
        }
        let name = format!("search /ask /faq ({label})");
        if report.wants(&name) {
            let target = match size {
                Size::Generated(1_000) => "≤ 250 µs",
                Size::Generated(10_000) => "≤ 1 ms",
                _ => "",
            };
            let p = Percentiles::measure(&name, QUERIES.len() * 20, QUERIES.len() * 200, search);
            report.timing(&p, target);
        }

        // Autocomplete: the index against linear scans of the same titles.
        let scan = TitleScan::new(&fixture.catalog);
        let suggest = |i: usize| {
            index
                .suggest(PARTIALS[i % PARTIALS.len()], &Filter::default(), 25)
                .expect("suggest")
        };
        {
            let mut group = criterion.benchmark_group(format!("autocomplete/{label}"));
            configure(&mut group, size);
            let mut i = 0;
            group.bench_function("index suggest", |b| {
                b.iter(|| {
                    i += 1;
                    suggest(i)
                })
            });
            group.bench_function("linear scan, exact prefixes", |b| {
                b.iter(|| {
                    i += 1;
                    scan.exact(PARTIALS[i % PARTIALS.len()]).len()
                })
            });
            group.bench_function("linear scan, typo-tolerant", |b| {
                b.iter(|| {
                    i += 1;
                    scan.fuzzy(PARTIALS[i % PARTIALS.len()]).len()
                })
            });
            group.finish();
        }
        let samples = match size {
            Size::Generated(n) if n >= 10_000 => PARTIALS.len() * 50,
            _ => PARTIALS.len() * 200,
        };
        let name = format!("autocomplete: index suggest ({label})");
        if report.wants(&name) {
            let target = if size == Size::Generated(10_000) {
                "≤ 100 µs"
            } else {
                ""
            };
            let p = Percentiles::measure(&name, PARTIALS.len() * 10, samples, suggest);
            report.timing(&p, target);
        }
        for (kind, fuzzy) in [("exact prefixes", false), ("typo-tolerant", true)] {
            let name = format!("autocomplete: linear scan, {kind} ({label})");
            if report.wants(&name) {
                let p = Percentiles::measure(&name, PARTIALS.len() * 2, samples / 4, |i| {
                    let partial = PARTIALS[i % PARTIALS.len()];
                    if fuzzy {
                        scan.fuzzy(partial).len()
                    } else {
                        scan.exact(partial).len()
                    }
                });
                report.timing(&p, "(baseline)");
            }
        }

        // The commands as users run them: /faq and /ask through the core (FAQ matching, passage
        // ranking, the reply built), and autocomplete for /faq's question.
        let app = app_for(&fixture);
        let caller = Caller::user("bench");
        let faq_lines: Vec<String> = QUERIES
            .iter()
            .map(|q| format!("/faq question:{q}"))
            .collect();
        let ask_lines: Vec<String> = QUERIES.iter().map(|q| format!("/ask query:{q}")).collect();
        let focused: Vec<careerbot::commands::Focused> = PARTIALS
            .iter()
            .map(|p| {
                careerbot::commands::parse_focused(&format!("/faq question:{p}"))
                    .expect("parses")
                    .expect("a focused option")
            })
            .collect();
        for (command, lines) in [("/faq", &faq_lines), ("/ask", &ask_lines)] {
            let name = format!("{command} command, core ({label})");
            if report.wants(&name) {
                let commands: Vec<Command> = lines
                    .iter()
                    .map(|l| Command::parse(l).expect("a valid line"))
                    .collect();
                let target = match size {
                    Size::Generated(1_000) => "≤ 250 µs",
                    Size::Generated(10_000) => "≤ 1 ms",
                    _ => "",
                };
                let p = Percentiles::measure(&name, lines.len() * 10, lines.len() * 100, |i| {
                    app.handle(&caller, commands[i % commands.len()].clone())
                });
                report.timing(&p, "(repeated: the reply cache)");
                // The reply cache emptied before each command: a question nobody asked before
                // at this content version, the figure the target is about.
                let name = format!("{command} command, core, not cached ({label})");
                let p = Percentiles::measure(&name, lines.len() * 2, lines.len() * 20, |i| {
                    app.replies.clear();
                    app.handle(&caller, commands[i % commands.len()].clone())
                });
                report.timing(&p, target);
            }
        }
        let name = format!("autocomplete: /faq question, core ({label})");
        if report.wants(&name) {
            let target = if size == Size::Generated(10_000) {
                "≤ 100 µs"
            } else {
                ""
            };
            let p = Percentiles::measure(&name, focused.len() * 10, samples, |i| {
                app.autocomplete(
                    &careerbot::Caller::user("bench"),
                    &focused[i % focused.len()],
                )
            });
            report.timing(&p, target);
        }
        // The rows above cycle ten texts, so after the warm-up each is answered from the
        // suggester's memo of texts typed before; this one types each text once, so each is
        // ranked: the cost of a keystroke nobody typed before.
        let name = format!("autocomplete: /faq question, core, never typed before ({label})");
        if report.wants(&name) {
            let fresh = never_typed(&app, samples);
            let p = Percentiles::measure(&name, 0, fresh.len(), |i| {
                app.autocomplete(&careerbot::Caller::user("bench"), &fresh[i])
            });
            report.timing(&p, "");
        }

        // A whole interaction, typed command to response JSON.
        let payloads: Vec<String> = QUERIES.iter().map(|q| discord_payload(q)).collect();
        {
            let mut group = criterion.benchmark_group("interaction");
            configure(&mut group, size);
            let mut i = 0;
            group.bench_function(BenchmarkId::new("slash line", &label), |b| {
                b.iter(|| {
                    i += 1;
                    slash_interaction(&app, &caller, LINES[i % LINES.len()])
                })
            });
            group.bench_function(BenchmarkId::new("discord json", &label), |b| {
                b.iter(|| {
                    i += 1;
                    discord_interaction(&app, &payloads[i % payloads.len()])
                })
            });
            group.finish();
        }
        let name = format!("interaction: slash line → JSON ({label})");
        if report.wants(&name) {
            let p = Percentiles::measure(&name, LINES.len() * 20, LINES.len() * 250, |i| {
                slash_interaction(&app, &caller, LINES[i % LINES.len()])
            });
            report.timing(&p, "≤ 5 ms");
        }
        let name = format!("interaction: Discord JSON → JSON ({label})");
        if report.wants(&name) {
            let p = Percentiles::measure(&name, payloads.len() * 10, payloads.len() * 60, |i| {
                discord_interaction(&app, &payloads[i % payloads.len()])
            });
            report.timing(&p, "≤ 5 ms");
        }
    }
    criterion.final_summary();
    report.finish();
}
