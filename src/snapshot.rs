//! The loaded content kept on disk beside the index (`index/catalog.snapshot`), so a start with
//! thousands of guides reads one file instead of parsing and checking every TOML file again and
//! recounting every word (at 10,000 generated guides: 3.8 s of TOML and 4.9 s of vocabulary).
//!
//! The snapshot is derived data like the index, and trusted only when it was written for exactly
//! this content by exactly this build: its [`Stamp`] hashes the content folder's path, every file
//! under it (relative path, size, modification time) and the running executable (path, size,
//! modification time). Any difference, an unreadable file or a file that does not parse means a
//! full load, which writes a new snapshot. Like `make`, it trusts modification times: a file
//! rewritten with the same size and the same nanosecond mtime would not be seen as changed.
//!
//! Format: JSON lines. A header (format, stamp, content fingerprint, the index folder's name, the
//! role count and where the second half of the roles starts), the synonyms, the scope, the
//! counted vocabulary, then one line per role. The roles are read in two halves, one per core.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::model::{Misconception, ScopeFile, SwapCheck, SynonymsFile};
use crate::content::{Catalog, Role};
use crate::guidance::vocabulary::Vocabulary;

/// Bumped when the file's layout changes (the executable's identity covers the types).
const FORMAT: u32 = 1;
const FILE_NAME: &str = "catalog.snapshot";

/// What identifies one content version as built by one executable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(u64);

impl Stamp {
    /// The stamp of `content_dir` for the running executable; None when either cannot be read
    /// (then no snapshot is read or written).
    pub fn of(content_dir: &Path) -> Option<Stamp> {
        let mut hasher = DefaultHasher::new();
        FORMAT.hash(&mut hasher);
        let exe = std::env::current_exe().ok()?;
        exe.hash(&mut hasher);
        file_identity(&exe)?.hash(&mut hasher);
        let root = content_dir.canonicalize().ok()?;
        root.hash(&mut hasher);
        hash_tree(&root, &root, &mut hasher).ok()?;
        Some(Stamp(hasher.finish()))
    }
}

/// Size and modification time (nanoseconds since the epoch).
fn file_identity(path: &Path) -> Option<(u64, u128)> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let nanos = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((metadata.len(), nanos))
}

/// Every entry under `dir`, in name order: its path relative to `root`, and for files their size
/// and modification time.
fn hash_tree(root: &Path, dir: &Path, hasher: &mut DefaultHasher) -> std::io::Result<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        path.strip_prefix(root).unwrap_or(&path).hash(hasher);
        let metadata = std::fs::metadata(&path)?;
        if metadata.is_dir() {
            hash_tree(root, &path, hasher)?;
        } else {
            let modified = metadata.modified()?;
            let nanos = modified
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            (metadata.len(), nanos).hash(hasher);
        }
    }
    Ok(())
}

/// A snapshot read back: the catalog, the name of its index folder and its counted vocabulary.
pub struct Restored {
    pub catalog: Catalog,
    pub index_name: String,
    pub vocabulary: Vocabulary,
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    stamp: Stamp,
    fingerprint: u64,
    index_name: String,
    roles: usize,
    /// Byte offset of the first role of the second half.
    second_half_at: u64,
}

/// One role and what the loader filled into its bank from `interview-references.toml` (fields
/// the bank's own TOML may not set, so their serde attributes skip them).
#[derive(Serialize, Deserialize)]
struct RoleLine {
    role: Role,
    filled: Vec<FilledIn>,
}

#[derive(Serialize, Deserialize)]
struct FilledIn {
    says: Vec<Vec<String>>,
    misconceptions: Vec<Misconception>,
    swaps: Vec<SwapCheck>,
}

impl RoleLine {
    fn of(role: &Role) -> RoleLine {
        let filled = role
            .bank
            .iter()
            .flat_map(|b| &b.questions)
            .map(|q| FilledIn {
                says: q.points.iter().map(|p| p.says.clone()).collect(),
                misconceptions: q.misconceptions.clone(),
                swaps: q.swaps.clone(),
            });
        RoleLine {
            role: role.clone(),
            filled: filled.collect(),
        }
    }

    fn into_role(self) -> Option<Role> {
        let mut role = self.role;
        let questions = role
            .bank
            .as_mut()
            .map_or(&mut [][..], |b| &mut b.questions[..]);
        if questions.len() != self.filled.len() {
            return None;
        }
        for (question, filled) in questions.iter_mut().zip(self.filled) {
            if question.points.len() != filled.says.len() {
                return None;
            }
            for (point, says) in question.points.iter_mut().zip(filled.says) {
                point.says = says;
            }
            question.misconceptions = filled.misconceptions;
            question.swaps = filled.swaps;
        }
        Some(role)
    }
}

/// Where the snapshot of one index folder lives.
pub fn path_in(index_dir: &Path) -> PathBuf {
    index_dir.join(FILE_NAME)
}

/// The snapshot in `index_dir` when it was written for `stamp`; None otherwise (or when any part
/// of it cannot be read: the caller then loads the content itself).
pub fn read(index_dir: &Path, stamp: Stamp) -> Option<Restored> {
    let path = path_in(index_dir);
    let mut reader = BufReader::new(std::fs::File::open(&path).ok()?);
    let mut line = String::new();
    let mut next = |reader: &mut BufReader<std::fs::File>| -> Option<String> {
        line.clear();
        reader.read_line(&mut line).ok().filter(|&n| n > 0)?;
        Some(std::mem::take(&mut line))
    };
    let header: Header = serde_json::from_str(&next(&mut reader)?).ok()?;
    // The index folder's name is joined to the index folder: a plain name only.
    let plain_name = !header.index_name.is_empty()
        && !header.index_name.contains(['/', '\\'])
        && !header.index_name.starts_with('.');
    if header.format != FORMAT || header.stamp != stamp || !plain_name {
        return None;
    }
    let synonyms: SynonymsFile = serde_json::from_str(&next(&mut reader)?).ok()?;
    let scope: ScopeFile = serde_json::from_str(&next(&mut reader)?).ok()?;
    let vocabulary: Vocabulary = serde_json::from_str(&next(&mut reader)?).ok()?;
    let first_half = header.roles / 2;
    let (first, second) = rayon::join(
        || read_roles(reader, first_half),
        || {
            let mut file = std::fs::File::open(&path).ok()?;
            file.seek(SeekFrom::Start(header.second_half_at)).ok()?;
            read_roles(BufReader::new(file), header.roles - first_half)
        },
    );
    let mut roles = first?;
    roles.extend(second?);
    let catalog = Catalog {
        roles,
        synonyms,
        scope,
        fingerprint: header.fingerprint,
    };
    Some(Restored {
        vocabulary: vocabulary.restored(&catalog),
        catalog,
        index_name: header.index_name,
    })
}

fn read_roles(mut reader: BufReader<std::fs::File>, count: usize) -> Option<Vec<Role>> {
    let mut roles = Vec::with_capacity(count);
    let mut line = String::new();
    for _ in 0..count {
        line.clear();
        reader.read_line(&mut line).ok().filter(|&n| n > 0)?;
        let role_line: RoleLine = serde_json::from_str(&line).ok()?;
        roles.push(role_line.into_role()?);
    }
    Some(roles)
}

/// Writes the snapshot of `catalog` (with its index folder's name and counted vocabulary) for
/// `stamp`, beside a temporary name first so a reader never sees half a file.
pub fn write(
    index_dir: &Path,
    stamp: Stamp,
    catalog: &Catalog,
    index_name: &str,
    vocabulary: &Vocabulary,
) -> std::io::Result<()> {
    std::fs::create_dir_all(index_dir)?;
    let staging = index_dir.join(format!(".{FILE_NAME}.{}", std::process::id()));
    let written = write_to(&staging, stamp, catalog, index_name, vocabulary)
        .and_then(|()| std::fs::rename(&staging, path_in(index_dir)));
    if written.is_err() {
        let _ = std::fs::remove_file(&staging);
    }
    written
}

fn write_to(
    path: &Path,
    stamp: Stamp,
    catalog: &Catalog,
    index_name: &str,
    vocabulary: &Vocabulary,
) -> std::io::Result<()> {
    let mut header = Header {
        format: FORMAT,
        stamp,
        fingerprint: catalog.fingerprint,
        index_name: index_name.to_string(),
        roles: catalog.roles.len(),
        second_half_at: u64::MAX,
    };
    // The header records where the second half starts, known only once the first is written: a
    // line as wide as the widest offset is reserved, then overwritten.
    let width = serde_json::to_string(&header)?.len();
    let mut out = CountingWriter {
        inner: BufWriter::new(std::fs::File::create(path)?),
        written: 0,
    };
    writeln!(out, "{}", " ".repeat(width))?;
    for part in [
        serde_json::to_string(&catalog.synonyms)?,
        serde_json::to_string(&catalog.scope)?,
        serde_json::to_string(vocabulary)?,
    ] {
        writeln!(out, "{part}")?;
    }
    let first_half = catalog.roles.len() / 2;
    for (at, role) in catalog.roles.iter().enumerate() {
        if at == first_half {
            header.second_half_at = out.written;
        }
        serde_json::to_writer(&mut out, &RoleLine::of(role))?;
        writeln!(out)?;
    }
    if first_half == catalog.roles.len() {
        header.second_half_at = out.written;
    }
    let mut file = out.inner.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    let line = serde_json::to_string(&header)?;
    file.write_all(format!("{line:<width$}").as_bytes())
}

/// A writer that counts the bytes through it (the offset of the second half).
struct CountingWriter<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;
    use crate::search::SearchIndex;

    fn real_content() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy_dir(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }

    fn loaded(content: &Path, index_dir: &Path) -> Library {
        let catalog = Catalog::load(content).unwrap();
        let search = SearchIndex::open_or_build(&catalog, index_dir, false).unwrap();
        Library::new(catalog, search)
    }

    /// As JSON with every array sorted: sets are written in their hash order.
    fn as_json<T: Serialize>(value: &T) -> serde_json::Value {
        fn sorted(value: serde_json::Value) -> serde_json::Value {
            use serde_json::Value;
            match value {
                Value::Array(items) => {
                    let mut items: Vec<Value> = items.into_iter().map(sorted).collect();
                    items.sort_by_key(|item| item.to_string());
                    Value::Array(items)
                }
                Value::Object(map) => {
                    Value::Object(map.into_iter().map(|(k, v)| (k, sorted(v))).collect())
                }
                other => other,
            }
        }
        sorted(serde_json::to_value(value).unwrap())
    }

    #[test]
    fn a_snapshot_reads_back_what_it_was_written_from() {
        let index = tempfile::tempdir().unwrap();
        let library = loaded(&real_content(), index.path());
        let stamp = Stamp::of(&real_content()).unwrap();
        let vocabulary = library.vocabulary();
        write(
            index.path(),
            stamp,
            &library.catalog,
            "v3-name",
            &vocabulary,
        )
        .unwrap();

        let restored = read(index.path(), stamp).expect("the snapshot reads back");
        // Debug shows every field, those the bank's TOML may not set included.
        assert_eq!(
            format!("{:?}", restored.catalog),
            format!("{:?}", library.catalog)
        );
        assert!(
            format!("{:?}", restored.catalog).contains("misconceptions: [Misconception"),
            "the real bank's references are filled in"
        );
        assert_eq!(restored.index_name, "v3-name");
        assert_eq!(as_json(&restored.vocabulary), as_json(&*vocabulary));
        assert_eq!(restored.vocabulary.next_roles(), vocabulary.next_roles());
        assert_eq!(
            restored.vocabulary.roles_only_listed(),
            vocabulary.roles_only_listed()
        );
        for name in ["backend engineer", "a backend developer", "nothing here"] {
            assert_eq!(
                restored.vocabulary.first_role_named(name),
                vocabulary.first_role_named(name),
                "{name}"
            );
        }
        assert!(
            read(index.path(), Stamp(stamp.0 ^ 1)).is_none(),
            "another stamp"
        );
        write(index.path(), stamp, &library.catalog, "../v3", &vocabulary).unwrap();
        assert!(
            read(index.path(), stamp).is_none(),
            "an index name that is a path"
        );
    }

    #[test]
    fn a_damaged_snapshot_is_not_read() {
        let index = tempfile::tempdir().unwrap();
        let library = loaded(&real_content(), index.path());
        let stamp = Stamp::of(&real_content()).unwrap();
        write(
            index.path(),
            stamp,
            &library.catalog,
            "v",
            &library.vocabulary(),
        )
        .unwrap();
        let path = path_in(index.path());
        let whole = std::fs::read(&path).unwrap();
        for damaged in [
            whole[..whole.len() / 2].to_vec(),
            whole[..whole.len() - 2].to_vec(),
            b"not a snapshot\n".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&path, &damaged).unwrap();
            assert!(
                read(index.path(), stamp).is_none(),
                "{} bytes",
                damaged.len()
            );
        }
    }

    #[test]
    fn the_stamp_changes_with_any_content_file() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(&real_content(), &content);
        let first = Stamp::of(&content).unwrap();
        assert_eq!(Stamp::of(&content), Some(first), "nothing changed");

        let role = content.join("backend-engineer/role.toml");
        let text = std::fs::read_to_string(&role).unwrap();
        std::fs::write(&role, format!("{text}\n")).unwrap();
        let edited = Stamp::of(&content).unwrap();
        assert_ne!(edited, first, "a file edited");

        std::fs::write(content.join("backend-engineer/notes.txt"), "x").unwrap();
        let added = Stamp::of(&content).unwrap();
        assert_ne!(added, edited, "a file added");

        std::fs::remove_file(content.join("backend-engineer/notes.txt")).unwrap();
        assert_eq!(Stamp::of(&content), Some(edited), "the file removed again");
        assert_eq!(Stamp::of(&dir.path().join("missing")), None);
    }

    /// Through the loader the bot starts with: the second start reads the snapshot, and a guide
    /// edited in place (same size, so only its modification time tells) is read anew.
    #[test]
    fn a_start_after_an_edit_serves_the_edit() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(&real_content(), &content);
        let mut settings = crate::Settings::defaults_in(dir.path());
        settings.content_dir = content.clone();
        settings.index_dir = dir.path().join("index");
        settings.model_dir = dir.path().join("no-model");
        let guide_text = |library: &Library| format!("{:?}", library.catalog);

        let first = crate::app::load_library(&settings).unwrap();
        assert!(
            path_in(&settings.index_dir).exists(),
            "the first start writes it"
        );
        let second = crate::app::load_library(&settings).unwrap();
        assert_eq!(guide_text(&second), guide_text(&first));

        let guide = content.join("backend-engineer/guides/career-guide.toml");
        let text = std::fs::read_to_string(&guide).unwrap();
        let said = "focuses on server-side development";
        assert!(text.contains(said));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&guide, text.replacen(said, &said.to_uppercase(), 1)).unwrap();
        let third = crate::app::load_library(&settings).unwrap();
        assert!(guide_text(&third).contains(&said.to_uppercase()));
        assert_ne!(third.catalog.fingerprint, first.catalog.fingerprint);
    }
}
