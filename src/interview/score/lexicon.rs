//! The scorer's word lists, read from the authored data file `content/scoring.toml`.
//!
//! The file is compiled in (`include_str!`) rather than loaded with the content: the lists are
//! part of the scoring rules, versioned and tested with the code that applies them, and a running
//! bot never scores with lists its tests have not seen. `the_word_lists_parse_and_are_usable`
//! (below) fails the build's tests if the file does not parse, has an empty list or a phrase that
//! is not lowercase.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The data file, as compiled in.
pub const SOURCE: &str = include_str!("../../../content/scoring.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub note: String,
    pub common_words: Vec<String>,
    pub negation: Negation,
    pub stance: Stance,
    pub markers: Markers,
    pub substance: Substance,
    pub stock: Stock,
    pub behavioral: Behavioral,
    /// Language name → its most frequent words.
    pub languages: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    pub before: Vec<String>,
    pub contrast: Vec<String>,
    pub after: Vec<String>,
    pub not_negation: Vec<String>,
    /// Bare copulas ("isn't"): after a word they deny a property of it, not the word itself.
    pub copulas: Vec<String>,
    /// Words after a copula that make it dismiss the word before it ("… isn't a real concern").
    pub dismissive_predicates: Vec<String>,
    /// Modifiers naming a bad kind of a thing ("global salts"): denying that kind is advice.
    pub bad_kinds: Vec<String>,
    /// Words opening a sentence that refer back to the one before ("That's …").
    pub back_references: Vec<String>,
    /// Openings after a listed colon that say no one does the list ("…: nobody thinks about").
    pub nobody: Vec<String>,
    /// Objects that refer back to a whole list, after a rejecting verb past its colon ("…: I'd
    /// skip all of it").
    pub the_whole_list: Vec<String>,
    /// Openings that report a claim as others' ("people will tell you").
    pub reported: Vec<String>,
    /// What rejects a reported claim ("I don't buy it", "nonsense").
    pub rejections: Vec<String>,
    /// Openings that turn against what was reported before them ("In reality, …", "None of
    /// that ever happened.").
    pub turns: Vec<String>,
    /// Words that may stand in a clause beside a dismissal and leave it bare ("and honestly
    /// overkill").
    pub dismissal_fillers: Vec<String>,
    pub boundaries: Vec<String>,
    /// Marks that make their whole sentence a dismissal ("YAGNI", "cargo cult").
    pub sentence: Vec<String>,
    /// Turns that end a sentence mark's reach ("YAGNI, but a queue is worth it").
    pub sentence_ends: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub criticism: Vec<String>,
    pub consequence: Vec<String>,
    pub purpose: Vec<String>,
    /// Pairs of words that say opposite things ("longer", "shorter").
    #[serde(default)]
    pub opposites: Vec<[String; 2]>,
    /// Words that report a claim rather than make it, or turn against it ("some people think",
    /// "but"): a sentence with one does not restate a red flag word for word.
    #[serde(default)]
    pub reported_claim: Vec<String>,
    /// Words that report a mix-up rather than make it ("people often confuse 401 with …"): a
    /// sentence with one raises no swap check (`score::swaps`).
    #[serde(default)]
    pub reported_confusion: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Markers {
    pub situation: Vec<String>,
    pub task: Vec<String>,
    pub action: Vec<String>,
    pub result: Vec<String>,
    pub measure: Vec<String>,
    pub reasoning: Vec<String>,
    pub example: Vec<String>,
    pub sequence: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Substance {
    pub mechanism: Vec<String>,
    pub filler: Vec<String>,
    pub hedges: Vec<String>,
}

/// Reasons that say only that something is good ("…, because reliability is key").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stock {
    pub reason_openers: Vec<String>,
    pub stock_reasons: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behavioral {
    pub subjects: Vec<String>,
    pub team_subjects: Vec<String>,
    pub first_person: Vec<String>,
    pub team: Vec<String>,
    /// What one would do, not what one did ("I'd", "I will").
    pub hypothetical: Vec<String>,
    pub not_actions: Vec<String>,
    pub ownership: Vec<String>,
    pub blame: Vec<String>,
    /// Blame only in a sentence that also finds fault ("their code was broken").
    pub blame_when_criticised: Vec<String>,
}

impl Lexicon {
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let lexicon: Lexicon = toml::from_str(text).map_err(|e| e.to_string())?;
        lexicon.validate()?;
        Ok(lexicon)
    }

    fn lists(&self) -> Vec<(String, &[String])> {
        let mut lists: Vec<(String, &[String])> = vec![
            ("common_words".into(), &self.common_words),
            ("negation.before".into(), &self.negation.before),
            ("negation.contrast".into(), &self.negation.contrast),
            ("negation.after".into(), &self.negation.after),
            ("negation.not_negation".into(), &self.negation.not_negation),
            ("negation.copulas".into(), &self.negation.copulas),
            (
                "negation.dismissive_predicates".into(),
                &self.negation.dismissive_predicates,
            ),
            ("negation.bad_kinds".into(), &self.negation.bad_kinds),
            (
                "negation.back_references".into(),
                &self.negation.back_references,
            ),
            ("negation.nobody".into(), &self.negation.nobody),
            (
                "negation.the_whole_list".into(),
                &self.negation.the_whole_list,
            ),
            ("negation.reported".into(), &self.negation.reported),
            ("negation.rejections".into(), &self.negation.rejections),
            ("negation.turns".into(), &self.negation.turns),
            (
                "negation.dismissal_fillers".into(),
                &self.negation.dismissal_fillers,
            ),
            ("negation.boundaries".into(), &self.negation.boundaries),
            ("negation.sentence".into(), &self.negation.sentence),
            (
                "negation.sentence_ends".into(),
                &self.negation.sentence_ends,
            ),
            ("stance.criticism".into(), &self.stance.criticism),
            ("stance.consequence".into(), &self.stance.consequence),
            ("stance.purpose".into(), &self.stance.purpose),
            ("markers.situation".into(), &self.markers.situation),
            ("markers.task".into(), &self.markers.task),
            ("markers.action".into(), &self.markers.action),
            ("markers.result".into(), &self.markers.result),
            ("markers.measure".into(), &self.markers.measure),
            ("markers.reasoning".into(), &self.markers.reasoning),
            ("markers.example".into(), &self.markers.example),
            ("markers.sequence".into(), &self.markers.sequence),
            ("substance.mechanism".into(), &self.substance.mechanism),
            ("substance.filler".into(), &self.substance.filler),
            ("substance.hedges".into(), &self.substance.hedges),
            ("stock.reason_openers".into(), &self.stock.reason_openers),
            ("stock.stock_reasons".into(), &self.stock.stock_reasons),
            ("behavioral.subjects".into(), &self.behavioral.subjects),
            (
                "behavioral.team_subjects".into(),
                &self.behavioral.team_subjects,
            ),
            (
                "behavioral.first_person".into(),
                &self.behavioral.first_person,
            ),
            ("behavioral.team".into(), &self.behavioral.team),
            (
                "behavioral.hypothetical".into(),
                &self.behavioral.hypothetical,
            ),
            (
                "behavioral.not_actions".into(),
                &self.behavioral.not_actions,
            ),
            ("behavioral.ownership".into(), &self.behavioral.ownership),
            ("behavioral.blame".into(), &self.behavioral.blame),
            (
                "behavioral.blame_when_criticised".into(),
                &self.behavioral.blame_when_criticised,
            ),
        ];
        for (name, words) in &self.languages {
            lists.push((format!("languages.{name}"), words));
        }
        lists
    }

    fn validate(&self) -> Result<(), String> {
        if self.note.trim().is_empty() {
            return Err("`note` is empty".into());
        }
        if self.languages.is_empty() {
            return Err("`languages` lists no language".into());
        }
        for (name, words) in self.lists() {
            if words.is_empty() {
                return Err(format!("`{name}` is empty"));
            }
            if let Some(bad) = words
                .iter()
                .find(|w| w.trim().is_empty() || w.to_lowercase() != **w || w.trim() != *w)
            {
                return Err(format!(
                    "`{name}`: {bad:?} must be lowercase, trimmed and not empty"
                ));
            }
        }
        Ok(())
    }
}

/// The compiled-in word lists.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    // The unit test below parses the same compiled-in text, so this cannot fail in a tested build.
    LEXICON.get_or_init(|| Lexicon::parse(SOURCE).expect("content/scoring.toml is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_parse_and_are_usable() {
        let lexicon = Lexicon::parse(SOURCE).unwrap_or_else(|e| panic!("scoring.toml: {e}"));
        assert!(lexicon.common_words.contains(&"because".to_string()));
        assert!(lexicon.negation.before.contains(&"never".to_string()));
        assert!(lexicon
            .behavioral
            .ownership
            .contains(&"my mistake".to_string()));
    }

    #[test]
    fn validation_rejects_empty_and_uppercase_lists() {
        let broken = SOURCE.replacen("note = \"", "note = \"\" # ", 1);
        assert!(Lexicon::parse(&broken).unwrap_err().contains("note"));
        let upper = SOURCE.replacen("\"never\"", "\"Never\"", 1);
        assert!(Lexicon::parse(&upper).unwrap_err().contains("lowercase"));
        assert!(Lexicon::parse("note = 1").is_err());
    }
}
