use careerbot::semantic::{Encoder, MiniLm};
use std::path::Path;
#[test]
fn sims() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let m = MiniLm::load(&root.join("models/all-MiniLM-L6-v2"))
        .unwrap()
        .unwrap();
    for line in std::fs::read_to_string("/tmp/pairs.txt").unwrap().lines() {
        let Some((a, b)) = line.split_once("|||") else {
            continue;
        };
        let v = m.encode(&[a.trim(), b.trim()]).unwrap();
        let c: f32 = v[0].iter().zip(&v[1]).map(|(x, y)| x * y).sum();
        println!("{c:.3}  {} ||| {}", a.trim(), b.trim());
    }
}
