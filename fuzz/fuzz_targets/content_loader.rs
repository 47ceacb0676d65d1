//! The content loader with any file: the first byte chooses which file of a minimal role folder
//! the rest replaces (guide, interview bank, role, synonyms). Loading must either succeed or
//! report problems with a path, never panic; loaded content must derive its sections and search
//! documents without panicking either.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use careerbot::content::Catalog;
use careerbot::error::Error;
use careerbot::search::documents;
use libfuzzer_sys::fuzz_target;

const ROLE: &str = "name = \"Fuzz Role\"\n";
const GUIDE: &str = "[source]\nid = \"g\"\ntitle = \"T\"\norigin = \"o.txt\"\n\n[[faq]]\nquestion = \"Q?\"\nanswer = \"A.\"\n";

/// A scratch content folder for this process (one role, one guide), kept for its lifetime.
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        std::fs::create_dir_all(dir.join("r/guides")).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let role = dir.join("r");
    std::fs::write(role.join("role.toml"), ROLE).unwrap();
    std::fs::write(role.join("guides/g.toml"), GUIDE).unwrap();
    let _ = std::fs::remove_file(role.join("interview.toml"));
    let _ = std::fs::remove_file(dir.join("synonyms.toml"));
    let target = match selector % 4 {
        0 => role.join("guides/g.toml"),
        1 => role.join("interview.toml"),
        2 => role.join("role.toml"),
        _ => dir.join("synonyms.toml"),
    };
    std::fs::write(&target, bytes).unwrap();
    match Catalog::load(dir) {
        Ok(catalog) => {
            for guide in catalog.roles.iter().flat_map(|r| &r.guides) {
                for section in guide.sections() {
                    assert!(!section.heading.is_empty() || !section.body.is_empty());
                }
            }
            let _ = documents(&catalog);
            // Whatever the role file says, the role is found by its own name and every alias.
            for role in &catalog.roles {
                for name in std::iter::once(&role.name).chain(&role.aliases) {
                    let found = catalog.role(Some(name)).expect("a role is found by its names");
                    assert_eq!(found.id, role.id, "{name:?}");
                }
            }
        }
        Err(Error::Content(problems)) => {
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| p.path.starts_with(dir)));
        }
        Err(other) => panic!("loading failed with a non-content error: {other}"),
    }
});
