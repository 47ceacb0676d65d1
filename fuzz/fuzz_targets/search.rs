//! The search path with any user string: `/ask` search (with and without filters), autocomplete
//! suggestions and query analysis over the real content's index. Nothing may panic, results keep
//! their limits, and every hit names its source.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use careerbot::content::Catalog;
use careerbot::search::{DocKind, Filter, SearchIndex};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = Catalog::load(&content).expect("the real content loads");
        SearchIndex::in_memory(&catalog).expect("the index builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let index = index();
    let _ = index.analyzer().query_terms(&text);
    let hits = index.search(&text, &Filter::default(), 5).expect("search");
    assert!(hits.len() <= 5);
    for hit in &hits {
        assert!(!hit.doc.source.is_empty() && !hit.doc.key.is_empty());
    }
    let faq_only = Filter {
        kinds: &[DocKind::Faq],
        role: Some("backend-engineer"),
    };
    let hits = index.search(&text, &faq_only, 3).expect("filtered search");
    assert!(hits.iter().all(|h| h.doc.kind == DocKind::Faq));
    let suggestions = index.suggest(&text, &Filter::default(), 25).expect("suggest");
    assert!(suggestions.len() <= 25);
});
