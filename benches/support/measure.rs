//! Shared bench plumbing: the corpus sizes to run, the content fixtures (real or generated, with
//! their index built on disk as in production), and the percentile loop.
//!
//! Criterion reports means with confidence intervals and draws the comparisons; the targets are
//! stated as p99, which criterion does not report, so `Percentiles` times every iteration of a
//! plain loop (after a warm-up) and reports the nearest-rank p50, p99 and max of those samples.
//! Both run in the same process on the same fixtures.
//!
//! On a shared machine a wall-clock p99 mostly measures the scheduler (one lost time slice is
//! several milliseconds), so each sample also records the thread's own CPU time (from
//! `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`); the report shows both, and BENCHMARKS.md says which is which.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use careerbot::content::Catalog;
use careerbot::search::SearchIndex;

use crate::corpus;

/// A corpus size: the real content, or N generated role guides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Real,
    Generated(usize),
}

impl Size {
    pub fn label(self) -> String {
        match self {
            Size::Real => "real".into(),
            Size::Generated(n) => n.to_string(),
        }
    }
}

/// Sizes from `CAREERBOT_BENCH_SIZES` (comma-separated: `real`, numbers), default all four.
pub fn sizes() -> Vec<Size> {
    let spec =
        std::env::var("CAREERBOT_BENCH_SIZES").unwrap_or_else(|_| "real,100,1000,10000".into());
    spec.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s {
            "real" => Size::Real,
            n => Size::Generated(n.parse().expect("CAREERBOT_BENCH_SIZES: real or a number")),
        })
        .collect()
}

/// Content and its on-disk index, ready to query.
pub struct Fixture {
    pub size: Size,
    pub content_dir: PathBuf,
    pub index_dir: PathBuf,
    pub catalog: Catalog,
    pub index: SearchIndex,
    pub guides: usize,
    pub documents: u64,
    pub content_bytes: u64,
    /// Time to generate the content (zero for the real content).
    pub generate: Duration,
    /// Time of `Catalog::load` (read, parse, validate).
    pub load: Duration,
    /// Time of the first full index build.
    pub first_build: Duration,
    /// Keeps the temporary folder alive.
    _scratch: tempfile::TempDir,
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                total += folder_bytes(&path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                total += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    total
}

impl Fixture {
    pub fn new(size: Size) -> Fixture {
        let scratch = tempfile::tempdir().expect("a temporary folder");
        let started = Instant::now();
        let content_dir = match size {
            Size::Real => corpus::real_content_dir(),
            Size::Generated(n) => {
                let real = Catalog::load(&corpus::real_content_dir()).expect("real content loads");
                let dir = scratch.path().join("content");
                corpus::generate(&real, n, 7, &dir).expect("corpus generated");
                dir
            }
        };
        let generate = if size == Size::Real {
            Duration::ZERO
        } else {
            started.elapsed()
        };
        let started = Instant::now();
        let catalog = Catalog::load(&content_dir).expect("content loads");
        let load = started.elapsed();
        let index_dir = scratch.path().join("index");
        let started = Instant::now();
        let index = SearchIndex::open_or_build(&catalog, &index_dir, true).expect("index builds");
        let first_build = started.elapsed();
        let guides = catalog.roles.iter().map(|r| r.guides.len()).sum();
        let documents = index.len();
        let content_bytes = folder_bytes(&content_dir);
        let segments = index
            .path
            .as_deref()
            .and_then(|p| std::fs::read_dir(p).ok())
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "idx"))
                    .count()
            })
            .unwrap_or(0);
        eprintln!(
            "fixture {}: {guides} guides, {documents} indexed units in {segments} segment(s), {:.1} MB of TOML; generated in {:.1?}, loaded in {load:.1?}, indexed in {first_build:.1?}",
            size.label(),
            content_bytes as f64 / 1e6,
            generate
        );
        Fixture {
            size,
            content_dir,
            index_dir,
            catalog,
            index,
            guides,
            documents,
            content_bytes,
            generate,
            load,
            first_build,
            _scratch: scratch,
        }
    }

    /// A fresh folder inside the fixture's scratch space.
    pub fn scratch(&self, name: &str) -> PathBuf {
        let dir = self._scratch.path().join(name);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }
}

/// The calling thread's CPU time so far (Unix; None elsewhere). `CLOCK_THREAD_CPUTIME_ID` is
/// exact to the nanosecond, unlike `/proc/thread-self/schedstat`, which for a running thread only
/// advances at scheduler ticks (4 ms here) and so reads 0 for anything shorter.
pub struct ThreadClock;

impl ThreadClock {
    pub fn new() -> ThreadClock {
        ThreadClock
    }

    #[cfg(unix)]
    pub fn now(&self) -> Option<Duration> {
        let mut time = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `time` is a valid, writable timespec for the duration of the call.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
        (status == 0).then(|| Duration::new(time.tv_sec as u64, time.tv_nsec as u32))
    }

    #[cfg(not(unix))]
    pub fn now(&self) -> Option<Duration> {
        None
    }
}

/// Runs `f` `warm_up` times untimed, then times each of `samples` calls.
pub fn time_each<T>(warm_up: usize, samples: usize, f: impl FnMut(usize) -> T) -> Vec<Duration> {
    time_each_with_cpu(warm_up, samples, f).0
}

/// Like `time_each`, also returning each call's on-CPU time (empty if unavailable).
pub fn time_each_with_cpu<T>(
    warm_up: usize,
    samples: usize,
    mut f: impl FnMut(usize) -> T,
) -> (Vec<Duration>, Vec<Duration>) {
    for i in 0..warm_up {
        std::hint::black_box(f(i));
    }
    let clock = ThreadClock::new();
    let mut wall = Vec::with_capacity(samples);
    let mut cpu = Vec::with_capacity(samples);
    for i in 0..samples {
        let cpu_started = clock.now();
        let started = Instant::now();
        std::hint::black_box(f(i));
        wall.push(started.elapsed());
        if let (Some(before), Some(after)) = (cpu_started, clock.now()) {
            cpu.push(after.saturating_sub(before));
        }
    }
    if cpu.len() != wall.len() {
        cpu.clear();
    }
    (wall, cpu)
}

/// Nearest-rank percentiles of per-iteration times.
#[derive(Debug, Clone)]
pub struct Percentiles {
    pub name: String,
    pub samples: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
    pub mean: Duration,
    /// p50 and p99 of on-CPU time, where the platform reports it.
    pub cpu: Option<(Duration, Duration)>,
}

impl Percentiles {
    /// Runs `f` `warm_up` times untimed, then `samples` times timed one by one.
    pub fn measure<T>(
        name: impl Into<String>,
        warm_up: usize,
        samples: usize,
        f: impl FnMut(usize) -> T,
    ) -> Percentiles {
        let (mut wall, mut cpu) = time_each_with_cpu(warm_up, samples, f);
        let mut percentiles = Percentiles::from_samples(name, &mut wall);
        if !cpu.is_empty() {
            let on_cpu = Percentiles::from_samples("", &mut cpu);
            percentiles.cpu = Some((on_cpu.p50, on_cpu.p99));
        }
        percentiles
    }

    pub fn from_samples(name: impl Into<String>, times: &mut [Duration]) -> Percentiles {
        assert!(!times.is_empty(), "no samples");
        times.sort();
        let rank =
            |p: f64| times[((p * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
        let total: Duration = times.iter().sum();
        Percentiles {
            name: name.into(),
            samples: times.len(),
            p50: rank(0.50),
            p99: rank(0.99),
            max: times[times.len() - 1],
            mean: total / times.len() as u32,
            cpu: None,
        }
    }
}

/// Formats a duration with a unit that keeps three significant digits.
pub fn human(d: Duration) -> String {
    let nanos = d.as_nanos() as f64;
    if nanos < 1e3 {
        format!("{nanos:.0} ns")
    } else if nanos < 1e6 {
        format!("{:.1} µs", nanos / 1e3)
    } else if nanos < 1e9 {
        format!("{:.2} ms", nanos / 1e6)
    } else {
        format!("{:.2} s", nanos / 1e9)
    }
}

/// Collects figures and prints them as one markdown table at the end of a bench binary (and
/// writes it under `target/bench-figures/`, so BENCHMARKS.md can be updated from it).
pub struct Report {
    bench: &'static str,
    filter: Option<String>,
    rows: Vec<String>,
}

impl Report {
    pub fn new(bench: &'static str) -> Report {
        // Honour the same name filter criterion does: its first free argument (skipping the
        // values of criterion's options that take one).
        const TAKES_VALUE: &[&str] = &[
            "--warm-up-time",
            "--measurement-time",
            "--sample-size",
            "--save-baseline",
            "--baseline",
            "--baseline-lenient",
            "--load-baseline",
            "--profile-time",
            "--noise-threshold",
            "--confidence-level",
            "--significance-level",
            "--nresamples",
            "--output-format",
            "--color",
            "--plotting-backend",
            "--format",
        ];
        let mut filter = None;
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            if TAKES_VALUE.contains(&arg.as_str()) {
                args.next();
            } else if !arg.starts_with('-') && !arg.is_empty() {
                filter = Some(arg);
                break;
            }
        }
        Report {
            bench,
            filter,
            rows: Vec::new(),
        }
    }

    /// Whether a measurement with this name should run.
    pub fn wants(&self, name: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| name.contains(f))
    }

    pub fn timing(&mut self, p: &Percentiles, target: &str) {
        let cpu = p
            .cpu
            .map(|(p50, p99)| format!("{} / {}", human(p50), human(p99)))
            .unwrap_or_default();
        eprintln!(
            "{:<52} p50 {:>10}  p99 {:>10}  max {:>10}  on-CPU p50/p99 {cpu}  ({} samples)",
            p.name,
            human(p.p50),
            human(p.p99),
            human(p.max),
            p.samples
        );
        self.rows.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.name,
            p.samples,
            human(p.p50),
            human(p.p99),
            cpu,
            human(p.max),
            target
        ));
    }

    /// A figure that is not a timing (memory, sizes).
    pub fn figure(&mut self, name: &str, value: &str, target: &str) {
        eprintln!("{name:<48} {value}");
        self.rows
            .push(format!("| {name} | | {value} | | | | {target} |"));
    }

    pub fn finish(self) {
        if self.rows.is_empty() {
            return;
        }
        let mut table = String::from(
            "| measurement | samples | p50 | p99 | on-CPU p50 / p99 | max | target |\n|---|---|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            table.push_str(row);
            table.push('\n');
        }
        println!("\n{table}");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-figures");
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{}.md", self.bench)), &table);
        }
    }
}
