//! Writes a generated corpus of N role guides (the benches' `benches/support/corpus.rs`) into a
//! folder, so start-up, rebuild and memory can be profiled with the real binary by hand:
//!
//! ```sh
//! cargo run --release --example generate_corpus -- 10000 /tmp/corpus-10000
//! target/release/careerbot --content-dir /tmp/corpus-10000 --index-dir /tmp/index-10000 index
//! ```
//!
//! The folder must not exist yet (nothing is ever written over).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use careerbot::content::Catalog;

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: generate_corpus <roles, 1 to 20000> <new folder>";
    let roles: usize = match args.next().and_then(|n| n.parse().ok()) {
        Some(n) if (1..=20_000).contains(&n) => n,
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    let Some(dir) = args.next().map(std::path::PathBuf::from) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    if dir.exists() {
        eprintln!("{} exists already; give a new folder", dir.display());
        std::process::exit(2);
    }
    let real = Catalog::load(&corpus::real_content_dir()).expect("the real content loads");
    corpus::generate(&real, roles, 7, &dir).expect("the corpus is written");
    println!("{roles} roles written to {}", dir.display());
}
