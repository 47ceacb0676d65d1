//! The interview answer scorer with any answer text: the first byte picks a question of the real
//! bank, the rest is the answer. Scoring must not panic, the score stays within 0-100 and never
//! above the uncapped score, every rubric point is either covered or missed (once), and the
//! figures it explains the score with are finite.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use careerbot::content::model::QuestionFile;
use careerbot::content::Catalog;
use careerbot::interview::score::ScoringBank;
use careerbot::search::SearchIndex;
use libfuzzer_sys::fuzz_target;

fn bank() -> &'static (ScoringBank, Vec<QuestionFile>) {
    static BANK: OnceLock<(ScoringBank, Vec<QuestionFile>)> = OnceLock::new();
    BANK.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = Catalog::load(&content).expect("the real content loads");
        let index = SearchIndex::in_memory(&catalog).expect("the index builds");
        let questions = catalog
            .roles
            .iter()
            .find_map(|r| r.bank.as_ref())
            .expect("a question bank")
            .questions
            .clone();
        (ScoringBank::new(index.analyzer(), &questions), questions)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (scoring, questions) = bank();
    let question = &questions[selector as usize % questions.len()];
    let answer = String::from_utf8_lossy(rest);
    let assessment = scoring
        .assess(&question.id, &answer)
        .expect("every bank question has a rubric");
    assert!(assessment.uncapped <= 100, "{assessment:?}");
    assert!(assessment.score <= assessment.uncapped, "a cap only lowers: {assessment:?}");
    let mut points: Vec<usize> = assessment
        .covered
        .iter()
        .chain(&assessment.missed)
        .copied()
        .collect();
    points.sort_unstable();
    assert_eq!(points, (0..question.points.len()).collect::<Vec<_>>());
    for figure in [
        assessment.rubric_points,
        assessment.length_points,
        assessment.structure_points,
        assessment.form,
        assessment.elaboration,
    ] {
        assert!(figure.is_finite(), "{assessment:?}");
    }
});
