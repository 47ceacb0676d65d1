//! The benchmark corpus generator (`benches/support/corpus.rs`) keeps its promises: what it writes
//! loads and validates like real content, keeps the real guides' shape and section lengths, uses
//! their vocabulary, names every role differently, and is the same for the same seed.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::collections::HashSet;

use careerbot::content::Catalog;
use careerbot::search::{documents, Filter, SearchIndex};

fn real() -> Catalog {
    Catalog::load(&corpus::real_content_dir()).expect("real content loads")
}

fn prose_lengths(catalog: &Catalog) -> Vec<usize> {
    catalog
        .roles
        .iter()
        .flat_map(|r| &r.guides)
        .flat_map(|g| g.sections())
        .map(|s| s.body.chars().count())
        .collect()
}

#[test]
fn generated_roles_load_and_look_like_the_real_guides() {
    let real = real();
    let dir = tempfile::tempdir().unwrap();
    let generated = corpus::generate(&real, 40, 1, dir.path()).unwrap();
    assert_eq!((generated.roles, generated.guides), (40, 40));
    let catalog = Catalog::load(dir.path()).expect("generated content validates");
    assert_eq!(catalog.roles.len(), 40);

    let names: HashSet<&str> = catalog.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), 40, "every generated role has its own name");
    assert!(catalog
        .roles
        .iter()
        .all(|r| r.bank.as_ref().is_some_and(|b| b.questions.len() == 3)));

    // Shape: every generated guide has the sections of its template, and prose of a similar
    // total length (each piece is within ±25 %, plus rounding to whole words).
    let real_guides: Vec<_> = real.roles.iter().flat_map(|r| &r.guides).collect();
    for role in &catalog.roles {
        let guide = &role.guides[0];
        let template = real_guides
            .iter()
            .find(|t| {
                guide
                    .source
                    .origin
                    .ends_with(&format!("-from-{}", t.source.origin))
            })
            .expect("the origin names the template");
        let keys = |g: &careerbot::content::model::GuideFile| {
            g.sections().iter().map(|s| s.key).collect::<Vec<_>>()
        };
        assert_eq!(keys(guide), keys(template), "{}", role.id);
        let length = |g: &careerbot::content::model::GuideFile| {
            g.sections()
                .iter()
                .map(|s| s.body.chars().count())
                .sum::<usize>() as f64
        };
        let ratio = length(guide) / length(template);
        assert!(
            (0.6..1.5).contains(&ratio),
            "{}: length ratio {ratio}",
            role.id
        );
        assert_eq!(guide.ladder.len(), template.ladder.len());
        assert_eq!(guide.faq.len(), template.faq.len());
    }
    let generated_total: usize = prose_lengths(&catalog).iter().sum();
    let real_total: usize = prose_lengths(&real).iter().sum::<usize>() * 20;
    let ratio = generated_total as f64 / real_total as f64;
    assert!((0.8..1.25).contains(&ratio), "total prose ratio {ratio}");

    // Vocabulary: most words of the generated prose are words of the real guides.
    let words_of = |catalog: &Catalog| -> Vec<String> {
        documents(catalog)
            .iter()
            .flat_map(|d| {
                d.body
                    .split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let real_words: HashSet<String> = words_of(&real).into_iter().collect();
    let body_words = words_of(&catalog);
    let known = body_words
        .iter()
        .filter(|w| real_words.contains(*w))
        .count();
    let share = known as f64 / body_words.len() as f64;
    assert!((0.8..0.995).contains(&share), "share of real words {share}");

    // It is searchable like real content.
    let index = SearchIndex::in_memory(&catalog).unwrap();
    assert!(index.len() > 40 * 20, "{} units", index.len());
    let hits = index
        .search("senior engineer salary", &Filter::default(), 5)
        .unwrap();
    assert_eq!(hits.len(), 5);
}

/// Every file under `dir`: its path relative to `dir` and its text, in order.
fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    let real = real();
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    corpus::generate(&real, 3, 9, a.path()).unwrap();
    corpus::generate(&real, 3, 9, b.path()).unwrap();
    corpus::generate(&real, 3, 10, c.path()).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    assert_ne!(files(a.path()), files(c.path()));
    assert_eq!(files(a.path()).len(), 1 + 3 * 3);
}

#[test]
fn role_names_are_distinct_up_to_the_largest_corpus() {
    let names: HashSet<String> = (0..corpus::MAX_ROLES)
        .map(|n| corpus::role_name(n).0)
        .collect();
    assert_eq!(names.len(), corpus::MAX_ROLES);
    const { assert!(corpus::MAX_ROLES >= 10_000) };
}
