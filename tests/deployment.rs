//! The Dockerfile without Docker: no Docker engine runs where this project is developed and
//! tested, so this test reads the Dockerfile and replays what the image depends on with the real
//! binary. Every `CAREERBOT_*` variable it sets must be one careerbot reads; the build stage's
//! `check` and `index` run with the build stage's environment; the content and index are then
//! copied to another root, as the final stage's `COPY --from=build` does, and the binary started
//! with the final stage's environment must answer from that index without rebuilding it.

use std::path::{Path, PathBuf};
use std::process::Command;

use careerbot::settings::known_env_vars;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `ENV` assignments of each stage (`FROM` starts a stage), continuation lines joined.
fn stage_envs(dockerfile: &str) -> Vec<Vec<(String, String)>> {
    let joined = dockerfile.replace("\\\n", " ");
    let mut stages: Vec<Vec<(String, String)>> = Vec::new();
    for line in joined.lines().map(str::trim) {
        if line.starts_with("FROM ") {
            stages.push(Vec::new());
        } else if let Some(assignments) = line.strip_prefix("ENV ") {
            let stage = stages.last_mut().expect("ENV after FROM");
            for assignment in assignments.split_whitespace() {
                let (name, value) = assignment
                    .split_once('=')
                    .unwrap_or_else(|| panic!("ENV without '=': {assignment}"));
                stage.push((name.to_string(), value.to_string()));
            }
        }
    }
    stages
}

/// The image's absolute paths, placed under `base` instead of `/`.
fn rebase(base: &Path, name: &str, value: &str) -> String {
    if name.ends_with("_DIR") {
        base.join(value.trim_start_matches('/'))
            .to_string_lossy()
            .into_owned()
    } else {
        value.to_string()
    }
}

fn careerbot(env: &[(String, String)], base: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command.current_dir(base).env_clear();
    for (name, value) in env {
        command.env(name, rebase(base, name, value));
    }
    command
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The index builds in `dir` (its folders; the content snapshot beside them is a file).
fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_dockerfile_sets_only_known_variables_and_its_index_is_used_as_built() {
    let dockerfile = std::fs::read_to_string(root().join("Dockerfile")).unwrap();
    let stages = stage_envs(&dockerfile);
    assert_eq!(stages.len(), 2, "a build stage and a final stage");
    let known = known_env_vars();
    for (name, _) in stages.iter().flatten() {
        if name.starts_with("CAREERBOT_") || name.starts_with("DISCORD_") {
            assert!(
                known.contains(name),
                "the Dockerfile sets {name}, which careerbot never reads"
            );
        }
    }
    let (build, image) = (&stages[0], &stages[1]);
    let value = |stage: &[(String, String)], name: &str| {
        stage
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{name} is not set"))
    };
    for name in ["CAREERBOT_CONTENT_DIR", "CAREERBOT_INDEX_DIR"] {
        assert_eq!(
            value(build, name),
            value(image, name),
            "{name}: the index is built where the image reads it"
        );
    }

    // Build stage: `COPY . .` then `careerbot check && careerbot index`.
    let builder = tempfile::tempdir().unwrap();
    let content = value(build, "CAREERBOT_CONTENT_DIR");
    let index = value(build, "CAREERBOT_INDEX_DIR");
    copy_tree(
        &root().join("content"),
        Path::new(&rebase(builder.path(), "_DIR", &content)),
    );
    for step in ["check", "index"] {
        let output = careerbot(build, builder.path()).arg(step).output().unwrap();
        assert!(output.status.success(), "{step}: {output:?}");
    }

    // Final stage: content and index copied to another root; data in the volume.
    let image_root = tempfile::tempdir().unwrap();
    for path in [&content, &index] {
        copy_tree(
            Path::new(&rebase(builder.path(), "_DIR", path)),
            Path::new(&rebase(image_root.path(), "_DIR", path)),
        );
    }
    let image_index = PathBuf::from(rebase(image_root.path(), "_DIR", &index));
    let built = folders(&image_index);
    assert_eq!(built.len(), 1, "one index build: {built:?}");
    let output = careerbot(image, image_root.path())
        .args([
            "exec",
            "--format",
            "json",
            "--",
            "/faq question:What is a backend engineer?",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let reply: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        reply["data"]["embeds"][0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("Source: ")),
        "{reply}"
    );
    assert_eq!(
        folders(&image_index),
        built,
        "the image answers from the index built at build time, without rebuilding it"
    );
    assert!(
        Path::new(&rebase(
            image_root.path(),
            "_DIR",
            &value(image, "CAREERBOT_DATA_DIR")
        ))
        .exists(),
        "sessions and history go to the data volume"
    );
}

/// The final image is distroless `cc`: glibc, libm and libgcc_s and nothing else, no shell to
/// install more. The binary must need no other shared library (an OpenSSL or a system SQLite
/// would fail only when the container starts).
#[test]
fn the_binary_needs_only_the_libraries_the_final_image_has() {
    let Ok(output) = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_careerbot"))
        .output()
    else {
        eprintln!("ldd is not installed; skipped");
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let listing = String::from_utf8_lossy(&output.stdout);
    let shipped = [
        "linux-vdso",
        "libc.so",
        "libm.so",
        "libgcc_s.so",
        "ld-linux",
    ];
    let libraries: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(
        libraries.iter().any(|l| l.starts_with("libc.so")),
        "{listing}"
    );
    for library in libraries {
        let name = library.rsplit('/').next().unwrap_or(library);
        assert!(
            shipped.iter().any(|s| name.starts_with(s)),
            "{name} is not in the distroless cc image:\n{listing}"
        );
    }
}
