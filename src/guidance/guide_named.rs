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

/// The guide (or FAQ) a question names, and the question with those names taken out.
pub fn read(catalog: &Catalog, text: &str) -> (GuideNamed, String) {
    let lower = text.to_ascii_lowercase();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    for guide in catalog.roles.iter().flat_map(|r| &r.guides) {
        for name in &guide.source.called {
            let found = occurrences(&lower, name);
            if !found.is_empty() && !sources.contains(&guide.source.id.as_str()) {
                sources.push(&guide.source.id);
            }
            spans.extend(found);
        }
    }
    let faq_spans: Vec<(usize, usize)> = FAQ_NAMES
        .iter()
        .flat_map(|name| occurrences(&lower, name))
        .collect();
    let faq = !faq_spans.is_empty();
    spans.extend(faq_spans);
    let named = GuideNamed {
        // Both guides named ("does the path guide agree with the career guide?") prefers neither.
        source: match sources.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        },
        faq,
    };
    (named, without(text, spans))
}

/// Where `name` occurs in `lower` as whole words, with a possessive after it ("guide's").
fn occurrences(lower: &str, name: &str) -> Vec<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| i + from) {
        let end = at + name.len();
        let starts = lower[..at].chars().next_back().is_none_or(|c| !is_word(c));
        let ends = lower[end..].chars().next().is_none_or(|c| !is_word(c));
        if starts && ends {
            let rest = &lower[end..];
            let possessive = ["'s", "\u{2019}s", "s'"]
                .iter()
                .find(|p| {
                    rest.starts_with(*p)
                        && rest[p.len()..].chars().next().is_none_or(|c| !is_word(c))
                })
                .map_or(0, |p| p.len());
            found.push((at, end + possessive));
        }
        from = end;
    }
    found
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
            let (named, text) = read(&catalog, question);
            assert_eq!(named.source.as_deref(), *source, "{question}");
            assert_eq!(named.faq, *faq, "{question}");
            assert_eq!(text, *rest, "{question}");
        }
    }
}
