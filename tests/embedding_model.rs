//! The real embedding model (needs `scripts/fetch-model`; fails, never skips, without it): a
//! text's vector does not depend on what it is batched with, vectors come back in the order the
//! texts were given, and each has unit length.

use std::path::Path;

use careerbot::semantic::{cosine, Encoder, MiniLm};

fn model() -> MiniLm {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/all-MiniLM-L6-v2");
    MiniLm::load(&dir)
        .expect("the model loads")
        .expect("the model is missing: run scripts/fetch-model")
}

#[test]
fn a_texts_vector_is_the_same_alone_and_in_a_batch_of_other_lengths() {
    let model = model();
    let long = "I would put a durable log in front of the database, partition it by user so \
                that each partition keeps its order, and let consumers write in batches with \
                idempotent upserts so that a retried batch changes nothing twice. "
        .repeat(6);
    let texts = [
        long.as_str(),
        "what comes after senior?",
        "",
        "Redis",
        "How much does a junior backend engineer earn in the US?",
        long.as_str(),
    ];
    let together = model.encode(&texts).expect("encodes");
    assert_eq!(together.len(), texts.len());
    for (text, vector) in texts.iter().zip(&together) {
        let alone = model.encode(&[text]).expect("encodes").pop().unwrap();
        let norm: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{text:?}: norm {norm}");
        let same = cosine(vector, &alone);
        assert!(same > 0.9999, "{text:?}: {same} alone against batched");
    }
    // In order: the two copies of the long text agree, and differ from the short question.
    assert!(cosine(&together[0], &together[5]) > 0.9999);
    assert!(cosine(&together[0], &together[1]) < 0.9);
}

/// A few rows are multiplied by half-precision weights, many by candle's f32 product: a
/// question alone (8 rows) and the same question in a batch of 32 (256+ rows) take one each,
/// and must agree.
#[test]
fn a_question_alone_and_in_a_large_batch_agree() {
    let model = model();
    let question = "is a computer science degree required for backend jobs?";
    let alone = model.encode(&[question]).expect("encodes").pop().unwrap();
    let many = vec![question; 32];
    let batched = model.encode(&many).expect("encodes");
    assert!(
        model.padded_positions(&many).iter().all(|&p| p * 32 > 256),
        "the batch must be large enough for candle's product"
    );
    for vector in &batched {
        let same = cosine(vector, &alone);
        assert!(same > 0.9999, "{same} alone against batched");
    }
}

/// The model file asks for every text padded to 128 tokens; a short question must not pay for
/// that. Counted in forward-pass positions, not timed: a batch holds no position beyond its
/// longest text.
#[test]
fn a_short_text_is_not_padded_to_the_files_fixed_length() {
    let model = model();
    // [CLS] what comes after senior ? [SEP]
    assert_eq!(
        model.padded_positions(&["what comes after senior?"]),
        vec![7]
    );
    let positions = model.padded_positions(&["a b", "what comes after senior?"]);
    assert!(positions.iter().all(|&p| p <= 8), "{positions:?}");
}

/// A question waiting for its answer is embedded in compact arithmetic (8-bit products where
/// the CPU has VNNI, f16 weights elsewhere); everything else in f32. The two must stay close
/// enough that ranking cannot tell: a cosine above 0.99 for questions short, long and odd.
#[test]
fn a_questions_fast_vector_stays_close_to_its_exact_one() {
    let model = model();
    let ramble = "so I have been doing PHP at an agency for about six and a half years and \
                  honestly I am kind of bored of it, my friend says backend pays better if you \
                  go to a product company, what would the guides say I should earn and what \
                  should I learn first before applying?";
    for question in [
        "what comes after senior?",
        "backend pay in Berlin?",
        "k8s",
        "could I pivot to SRE later on? 🤔",
        "WHAT CERTS SHOULD I GET",
        ramble,
    ] {
        let fast = model.encode_question(question).expect("encodes");
        let exact = model.encode(&[question]).expect("encodes").pop().unwrap();
        let norm: f32 = fast.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{question:?}: norm {norm}");
        let same = cosine(&fast, &exact);
        assert!(same > 0.99, "{question:?}: {same} fast against exact");
    }
}
