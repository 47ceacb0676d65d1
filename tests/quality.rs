//! Answer quality, measured: questions a newcomer would really type (paraphrases, slang, typos,
//! very short ones), each with a phrase the best answer must contain. The best answer is what the
//! reply shows first (its first embed). Prints top-1 accuracy for `/faq` and `/ask` and fails
//! below 90%.
//!
//! The questions were written for this test from the two guides; the phrases are the guides'
//! own words. Where either guide's section is a right answer, the phrase lists both, separated
//! by `|`.

mod guidance_support;

use guidance_support::{app, run, top_answer};

/// (question, phrase the top answer must contain)
const CASES: &[(&str, &str)] = &[
    // What the job is
    (
        "what is a backend engineer",
        "focuses on server-side development",
    ),
    ("whats a back end dev", "server-side"),
    ("what does backend even mean", "server-side"),
    ("backend vs frontend", "frontend"),
    // Pay
    ("how much do backend engineers make", "151,083"),
    ("what do senior backend engineers earn", "170,000"),
    ("junior salary", "105,000 to 130,000"),
    ("entry level pay??", "105,000 to 130,000"),
    ("how much do staff engineers make", "250,000 and up"),
    ("mid level salary", "130,000 to 170,000"),
    ("salry for a lead engineer", "210,000 to 250,000"),
    ("sr backend pay", "170,000 to 210,000"),
    ("median salary", "151,083"),
    ("whats the pay range", "105,000"),
    (
        "how much will i earn with 3 years experience",
        "130,000 to 170,000",
    ),
    ("backend salary 2026", "151,083"),
    ("yo how much $$ do juniors pull", "105,000 to 130,000"),
    ("salary", "151,083"),
    // Languages, skills, tools
    ("which programming language should i learn first", "Python"),
    ("best langauge for backend", "Top picks include Python"),
    ("what skills do i need", "API"),
    ("what tools do backend devs use", "Redis or a message queue"),
    ("do i need to know kubernetes", "Docker and Kubernetes"),
    ("k8s", "Kubernetes"),
    ("sql or nosql", "NoSQL"),
    ("which cloud should i learn", "AWS"),
    // Certifications
    ("which certs should i get", "AWS Certified Developer"),
    (
        "is the CKAD worth it",
        "Certified Kubernetes Application Developer (CKAD)",
    ),
    ("certifcations", "AWS Certified Developer"),
    (
        "google cloud cert",
        "Google Cloud Professional Cloud Developer",
    ),
    // Interviews and getting hired
    ("what interview questions should i prepare", "URL shortener"),
    ("how do i get hired", "LeetCode"),
    ("roadmap", "LeetCode"),
    ("how to get into backend without a degree", "bootcamp"),
    ("portfolio project ideas", "CI/CD Demo on a Tiny App"),
    ("ETL project", "Small ETL/Data Pipeline Repo"),
    // The work and the career
    (
        "what does a backend engineer do all day",
        "stand-up|Design and ship APIs",
    ),
    ("typical day", "stand-up|Design and ship APIs"),
    ("how many years to become senior", "5-8 years|5–8 yrs"),
    (
        "what does a junior do",
        "writing clean code|Shipping endpoints with supervision",
    ),
    ("where can this career lead", "Staff Engineer"),
    ("can i switch to devops later", "devops-engineer"),
    ("will AI replace backend engineers", "What stays human"),
    ("job outlook", "15%"),
    ("is there demand for backend devs", "22,000"),
    // Written after the first tuning round, to check the tuning did not just fit the list above.
    ("whats the median pay for a backend dev", "151,083"),
    ("how much does a principal engineer make", "250,000 and up"),
    (
        "what certification should a beginner get",
        "AWS Certified Developer",
    ),
    ("is docker important", "Docker and Kubernetes"),
    (
        "what does a staff engineer do",
        "Cross-team service architecture",
    ),
    ("graphql", "GraphQL"),
    ("which databases should i learn", "PostgreSQL"),
    ("what does AI speed up", "Endpoint scaffolding"),
    ("how long until im a lead", "8-12 years"),
    ("pay for 10 years experience", "210,000 to 250,000"),
    ("is backend a good career", "15%|demand is high"),
    ("side projects to build", "CI/CD Demo on a Tiny App"),
    (
        "system design interview",
        "URL shortener|high write throughput",
    ),
    ("whats the outlook for backend jobs", "15%"),
    (
        "hwo do i become a backend engineer",
        "LeetCode|bootcamp|CS degree",
    ),
    ("mongodb or postgres", "MongoDB"),
    ("java cert", "Oracle Java SE 17 Developer"),
    // The ladder itself, though the guides never say "ladder"; a big employer's level code.
    ("show me the ladder", "Junior Backend Engineer"),
    ("what would an SDE-2 make", "130,000 to 170,000"),
    (
        "whats a day like for backend devs",
        "stand-up|Design and ship APIs",
    ),
];

fn accuracy(command: &str) -> (f64, Vec<String>) {
    let app = app();
    let mut failures = Vec::new();
    for (question, phrase) in CASES {
        let reply = run(&app, &format!("/{command} {question}"));
        let top = top_answer(&reply);
        if !phrase.split('|').any(|p| top.contains(p)) {
            failures.push(format!(
                "/{command} {question:?}: expected {phrase:?} in\n{}\n",
                top.chars().take(400).collect::<String>()
            ));
        }
    }
    let hits = CASES.len() - failures.len();
    (hits as f64 / CASES.len() as f64, failures)
}

#[test]
fn there_are_enough_questions() {
    assert!(CASES.len() >= 40, "{} questions", CASES.len());
}

/// Prints the command's top-1 accuracy and its misses, and requires at least 90 %.
fn assert_top1_at_least_90_percent(command: &str) {
    let (score, failures) = accuracy(command);
    println!(
        "/{command} top-1 accuracy: {:.1}% ({} of {})",
        score * 100.0,
        CASES.len() - failures.len(),
        CASES.len()
    );
    for failure in &failures {
        println!("{failure}");
    }
    assert!(score >= 0.9, "top-1 accuracy {:.1}% < 90%", score * 100.0);
}

#[test]
fn faq_top1_accuracy_is_at_least_90_percent() {
    assert_top1_at_least_90_percent("faq");
}

#[test]
fn ask_top1_accuracy_is_at_least_90_percent() {
    assert_top1_at_least_90_percent("ask");
}
