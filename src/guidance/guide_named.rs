//! Which guide a question names ("according to the path guide", "does the career guide
//! mention …") and whether it names the FAQ, and the question without those names. The names
//! come from content (each guide's authored `called` list); the asker wants that guide's answer
//! first, and the name itself is not what is asked about ("path" is not the career path).

use crate::content::Catalog;

/// Words that name the career guide's questions-and-answers section.
const FAQ_NAMES: &[&str] = &[
    "faq",
    "faqs",
    "f.a.q.",
    "f.a.q",
    "frequently asked questions",
];

/// What a question says about where its answer should come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuideNamed {
    /// The id of the guide it names, if exactly one is named.
    pub source: Option<String>,
    /// Whether it names the FAQ.
    pub faq: bool,
}

impl GuideNamed {
    pub fn is_some(&self) -> bool {
        self.source.is_some() || self.faq
    }
}

/// Every guide's names and the FAQ's, found in a question in one pass: a `find` per name cost
/// most of a question's time at 1,000 guides. Built once per content version.
#[derive(Debug, Default)]
pub struct GuideNames {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: the ids of the guides called so (none for a name of the FAQ).
    sources: Vec<Vec<String>>,
    /// The guides' names without their spaces, as a site's name writes them ("skillexchange").
    sites: std::collections::HashSet<String>,
}

impl GuideNames {
    pub fn of_catalog(catalog: &Catalog) -> GuideNames {
        let mut patterns: Vec<&str> = Vec::new();
        let mut sources: Vec<Vec<String>> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = Default::default();
        let mut sites = std::collections::HashSet::new();
        let guides = catalog.roles.iter().flat_map(|r| &r.guides);
        let named = guides.flat_map(|g| g.source.called.iter().map(move |n| (n.as_str(), Some(g))));
        let faq = FAQ_NAMES.iter().map(|name| (*name, None));
        for (name, guide) in named.chain(faq) {
            let at = *index.entry(name).or_insert_with(|| {
                patterns.push(name);
                sources.push(Vec::new());
                patterns.len() - 1
            });
            if guide.is_some() {
                sites.insert(name.replace(' ', ""));
            }
            if let Some(guide) = guide.filter(|g| !sources[at].contains(&g.source.id)) {
                sources[at].push(guide.source.id.clone());
            }
        }
        GuideNames {
            automaton: aho_corasick::AhoCorasick::new(&patterns).ok(),
            sources,
            sites,
        }
    }

    /// Whether `site` (a link's host, without its spaces) is one of the guides' names.
    pub fn is_site(&self, site: &str) -> bool {
        self.sites.contains(site)
    }

    /// The guide (or FAQ) a question names, and the question with those names taken out.
    pub fn read(&self, text: &str) -> (GuideNamed, String) {
        let lower = text.to_ascii_lowercase();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        let mut faq = false;
        let found = (self.automaton.as_ref())
            .and_then(|automaton| automaton.try_find_overlapping_iter(lower.as_str()).ok());
        for found in found.into_iter().flatten() {
            let Some(span) = whole_words(&lower, found.start(), found.end()) else {
                continue;
            };
            spans.push(span);
            let ids = &self.sources[found.pattern().as_usize()];
            faq |= ids.is_empty();
            for id in ids {
                if !sources.contains(&id.as_str()) {
                    sources.push(id);
                }
            }
        }
        let named = GuideNamed {
            // Both guides named ("does the path guide agree with the career guide?") prefers
            // neither.
            source: match sources.as_slice() {
                [one] => Some(one.to_string()),
                _ => None,
            },
            faq,
        };
        (named, without(text, spans))
    }
}

/// The span of a name found at `at..end` in `lower` when it stands as whole words, with a
/// possessive after it ("guide's").
fn whole_words(lower: &str, at: usize, end: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric();
    let starts = lower[..at].chars().next_back().is_none_or(|c| !is_word(c));
    let ends = lower[end..].chars().next().is_none_or(|c| !is_word(c));
    if !(starts && ends) {
        return None;
    }
    let rest = &lower[end..];
    let possessive = ["'s", "\u{2019}s", "s'"]
        .iter()
        .find(|p| {
            rest.starts_with(*p) && rest[p.len()..].chars().next().is_none_or(|c| !is_word(c))
        })
        .map_or(0, |p| p.len());
    Some((at, end + possessive))
}

/// `text` without the spans (which may overlap), each replaced by a space.
fn without(text: &str, mut spans: Vec<(usize, usize)>) -> String {
    if spans.is_empty() {
        return text.to_string();
    }
    spans.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start > at {
            out.push_str(&text[at..start]);
            out.push(' ');
        }
        at = at.max(end);
    }
    out.push_str(&text[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        Catalog::load(&dir).expect("the real content loads")
    }

    #[test]
    fn names_are_read_and_taken_out() {
        let catalog = catalog();
        let cases: &[(&str, Option<&str>, bool, &str)] = &[
            (
                "according to the path guide, what's on a backend engineer's plate",
                Some("path-guide"),
                false,
                "according to the , what's on a backend engineer's plate",
            ),
            (
                "where do they deploy code according to the Career Guide's overview",
                Some("career-guide"),
                false,
                "where do they deploy code according to the overview",
            ),
            (
                "coding round example in the FAQ?",
                None,
                true,
                "coding round example in the ?",
            ),
            (
                "does the path guide agree with the career guide on pay?",
                None,
                false,
                "does the agree with the on pay?",
            ),
            // Not a guide's name: a career path, a guided tour, a faqir.
            (
                "what is the career path after senior",
                None,
                false,
                "what is the career path after senior",
            ),
            (
                "is a guided project worth it",
                None,
                false,
                "is a guided project worth it",
            ),
        ];
        for (question, source, faq, rest) in cases {
            let (named, text) = GuideNames::of_catalog(&catalog).read(question);
            assert_eq!(named.source.as_deref(), *source, "{question}");
            assert_eq!(named.faq, *faq, "{question}");
            assert_eq!(text, *rest, "{question}");
        }
    }
}
