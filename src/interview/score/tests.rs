//! The honesty table and the scoring rules, against the shipped question bank.

use std::sync::OnceLock;

use super::*;
use crate::interview::testing::catalog;
use crate::search::Analyzer;

fn bank() -> &'static [QuestionFile] {
    &catalog().roles[0].bank.as_ref().unwrap().questions
}

fn scoring() -> &'static ScoringBank {
    static BANK: OnceLock<ScoringBank> = OnceLock::new();
    BANK.get_or_init(|| ScoringBank::new(&Analyzer::new(&catalog().synonyms), bank()))
}

fn assess(id: &str, answer: &str) -> Assessment {
    scoring()
        .assess(id, answer)
        .unwrap_or_else(|| panic!("no question {id}"))
}

/// The red flags an answer raises, by name.
fn flags_raised(id: &str, answer: &str) -> Vec<String> {
    assess(id, answer)
        .red_flags
        .into_iter()
        .map(|f| f.flag)
        .collect()
}

fn prompt(id: &str) -> &'static str {
    &bank().iter().find(|q| q.id == id).unwrap().prompt
}

/// One question of the honesty table: a strong answer a good candidate would give, a weak but
/// genuine attempt, and the question whose strong answer is used as this one's off-topic answer.
struct Row {
    id: &'static str,
    strong: &'static str,
    weak: &'static str,
    off_topic_from: &'static str,
}

const ROWS: &[Row] = &[
    Row {
        id: "sd-url-shortener",
        strong: "First I'd clarify requirements: users create short links, we redirect them, maybe with custom aliases and expiration, plus click analytics. It's read-heavy, maybe 100:1 reads to writes, so a back-of-the-envelope estimate: 100 million new links a month is about 40 writes per second but thousands of redirects per second.\n\
For the codes I'd take a unique id from a counter, handing out ranges to each app server so they don't coordinate on every write, and base62-encode it. Seven characters give about 3.5 trillion codes and there are no collisions to handle; random codes would need a collision check and a retry.\n\
Storage is a simple key-value mapping from short code to long URL, for example DynamoDB, or a Postgres table with the code as primary key.\n\
The redirect returns a 302 with a Location header if we want to count every click; a 301 is cached by browsers, which saves load but hides clicks from analytics.\n\
Because a small set of hot links gets most of the traffic, I'd put Redis in front as a cache and run stateless app servers behind a load balancer. Clicks are logged asynchronously to an analytics pipeline so redirects stay fast, and I'd rate limit link creation and check URLs against phishing lists to limit abuse.",
        weak: "I would store the links in a database and give each one a short code. When someone visits the short link the server looks it up and sends them to the long page.",
        off_topic_from: "bh-conflict-teammate",
    },
    Row {
        id: "api-pagination",
        strong: "Offset pagination is the simple version: the client sends a limit and an offset or page number, and the server runs ORDER BY id LIMIT 50 OFFSET 1000. It gives random access, so you can jump to page 40, which is nice for admin tables. The problem is scale: for deep pages with a large offset the database still scans and throws away all the skipped rows, so page 20,000 is slow. And if rows are inserted or deleted while someone is paging, results shift and they see duplicates or miss items.\n\
Cursor (keyset) pagination fixes both. Instead of an offset the client passes an opaque cursor that encodes the last seen sort key, and the query is WHERE (created_at, id) > (:last_created_at, :last_id) ORDER BY created_at, id LIMIT 50. That's an index seek, so every page costs the same. The ordering has to be stable and unique, so I add the id as a tie-breaker and make sure there is an index on (created_at, id). The trade-off is that you lose jumping to an arbitrary page.\n\
In the response I'd return the items plus a next_cursor and has_more, with a default limit of 50 and a max page size of 200 so nobody asks for a million rows. I'd avoid an exact total on every request because count(*) over millions of rows is expensive; an estimated count is usually enough.",
        weak: "I would use limit and offset so the client can ask for page 2, page 3 and so on. That is simple and works fine for most lists.",
        off_topic_from: "bh-outage-mistake",
    },
    Row {
        id: "api-idempotency-keys",
        strong: "The root problem is that a timeout is an ambiguous failure: the client doesn't know whether the charge went through, so it retries, and because POST is non-idempotent the retried request creates a second payment, a double charge.\n\
The fix is an idempotency key. The client generates a UUID per payment attempt and sends it in an Idempotency-Key header, reusing the same key on every retry. On the server I insert the key into a table with a unique constraint before doing any work, in the same transaction that records the payment, and I store the response. If the key already exists I don't charge again: I replay the stored response, so the client gets the same response as the first time. Keys expire after a day or so.\n\
Two retries can arrive concurrently, so while the first request is in progress the second either waits on the lock or gets a 409 telling it to retry later. If someone reuses a key with a different payload, I compare a hash of the request body and reject it with a 422.\n\
Finally the payment provider call itself must be idempotent: pass our key through to the provider, and use an outbox plus a reconciliation job so that a crash between charging and saving doesn't leave us inconsistent.",
        weak: "The client sent a retried request so the customer got charged twice. I would add a unique request id so the server can ignore duplicates.",
        off_topic_from: "cd-lru-cache",
    },
    Row {
        id: "db-indexing",
        strong: "An index is a separate data structure, usually a B-tree, that keeps a column's values sorted with pointers to the rows. Without it a WHERE clause forces a full table scan; with it the database walks the balanced tree in O(log n) and jumps to the matching rows, and range queries and ORDER BY can read the index in order.\n\
I'd add an index for columns that frequent or slow queries filter, join or sort on, especially selective ones with high cardinality; a foreign key used in joins is the classic case. For a composite index the column order matters: the leftmost prefix rule means an index on (customer_id, created_at) helps queries on customer_id but not on created_at alone. A covering index that includes all the selected columns allows an index-only scan.\n\
Indexes aren't free: every insert and update has to maintain them, so there is write overhead and extra disk space, and unused indexes should be dropped. I always check with EXPLAIN ANALYZE before and after to confirm the planner uses an index scan instead of a seq scan. There are also partial, unique and GIN indexes for special cases, and in Postgres I'd build it with CREATE INDEX CONCURRENTLY on a busy table.",
        weak: "An index makes lookups faster, like the index at the back of a book. I would add one when a query is slow.",
        off_topic_from: "rel-circuit-breaker",
    },
    Row {
        id: "db-n-plus-one",
        strong: "N+1 happens when code loads a list and then runs one extra query per row to fetch related data. It's typically an ORM with lazy loading inside a loop: one query for 100 orders, then 100 more queries for each order's customer. Each query is fast but the round trips add up.\n\
To detect it I look at the query log or APM tracing for a request: if the query count grows with the number of rows, that's N+1. Tools like Bullet in Rails or the Django debug toolbar flag it automatically.\n\
The fix is eager loading, either a JOIN or the ORM's include, preload or select_related, or batching: collect the ids and fetch them in a single query with WHERE id IN (...), which is what a DataLoader does in GraphQL.\n\
The trade-off is that a join on a one-to-many relationship duplicates rows and uses more memory, so for big collections the batched IN query is often better. To prevent regressions I add a test that asserts the query count for the endpoint, or turn on strict loading.",
        weak: "It's when you make too many queries to the database. You can fix it by using a join instead.",
        off_topic_from: "sd-url-shortener",
    },
    Row {
        id: "cd-lru-cache",
        strong: "I'd combine a hash map with a doubly linked list. The map goes from key to node, so lookup is O(1); the list keeps entries in order of use, with the most recently used at the head and the least recently used at the tail.\n\
get(key): look up the node in the map; if it's missing return null, otherwise move it to the head because it was just used, and return its value.\n\
put(key, value): if the key exists, update the value and move it to the head. Otherwise create a node at the head and add it to the map; if that takes us over capacity, evict the tail node and remove it from the map too.\n\
Every step is pointer manipulation plus a hash lookup, so both operations are constant time. I'd use dummy head and tail sentinel nodes so there are no null checks at the ends, and test edge cases like a capacity of one and updating an existing key.\n\
In practice I'd reach for Java's LinkedHashMap with access order, or Python's OrderedDict. If several threads use it, it needs a lock around both structures, or a sharded cache to reduce contention.",
        weak: "I would use a hash map to store the values so that get and put are fast.",
        off_topic_from: "api-pagination",
    },
    Row {
        id: "rel-circuit-breaker",
        strong: "A circuit breaker wraps calls to a dependency and stops calling it when it keeps failing, so we fail fast instead of piling up slow requests, and the failing dependency gets time to recover. That prevents a cascading failure where all our threads and connections are stuck waiting.\n\
It has three states. Closed: calls go through and failures are counted. When the failure rate in a rolling window crosses a threshold, say 50% errors over at least 20 calls, it trips to open: calls fail immediately without touching the dependency. After a cool-down it goes half-open and lets a few trial requests through; if they succeed it closes again, otherwise it opens again.\n\
While it's open I return a fallback: a cached response, a default value, or a clear error, so the feature degrades gracefully.\n\
I'd add one per dependency for remote calls that can fail or get slow, together with timeouts and bounded retries; libraries like Resilience4j or Envoy do this. And I'd emit a metric on every state change and alert when a breaker stays open, because an open breaker means a dependency is down.",
        weak: "A circuit breaker stops calls to a service that is down. It can be open or closed.",
        off_topic_from: "api-idempotency-keys",
    },
    Row {
        id: "sec-sql-injection",
        strong: "SQL injection happens when untrusted user input is pasted into a SQL string by string concatenation, so the input changes the query itself. The classic example is a login query built by gluing the name into the WHERE clause: someone types ' OR 1=1 -- to bypass login, or worse, exfiltrates data or drops tables.\n\
The fix is parameterized queries, also called prepared statements: the SQL text has placeholders and the values are sent separately as bind parameters, so they are always treated as data, never as code. ORMs and query builders do this for you as long as you don't fall back to building raw strings.\n\
Placeholders can't be used for identifiers like column names in ORDER BY, so for dynamic sorting I map the user's choice through an allowlist of known column names.\n\
For defence in depth the application's database user gets least privilege, with no DROP and only the tables it needs, and I'd add input validation, static analysis in CI that flags string-built queries, and test with sqlmap or a penetration test.",
        weak: "SQL injection is when a hacker attacks your database with bad data. You should always check the user input.",
        off_topic_from: "db-indexing",
    },
    Row {
        id: "bh-conflict-teammate",
        strong: "At my last company I was on a payments team, and a senior colleague and I had a design disagreement during code review: he wanted a new microservice for refunds, I thought it should stay in the existing service because the data was there. The review thread got tense and the feature was blocked for two days, and my task was to get it unblocked before the sprint deadline.\n\
First I asked for a one-on-one instead of arguing in comments. I listened to his reasons, he was worried about the existing service's deploy speed, and I realised that was a fair point. Then I proposed we write down the criteria we both cared about: deploy independence, data consistency and time to ship. I built a small prototype of the refund flow inside the existing service and measured the deploy time, which was 12 minutes against the 5 he wanted.\n\
We agreed on a compromise: keep refunds in the existing service for now, and I took on speeding up its pipeline. In the end we shipped on time, deploys dropped to 6 minutes, and we have worked well together since. I learned to move disagreements out of review comments and onto shared criteria earlier.",
        weak: "I had a disagreement with a coworker once about some code. We talked about it and it was fine in the end.",
        off_topic_from: "db-n-plus-one",
    },
    Row {
        id: "bh-outage-mistake",
        strong: "Two years ago I was on call for our checkout service, and I deployed a config change that set the database connection pool size to 5 instead of 50. It was my mistake, a typo I didn't double-check. Within minutes of the deploy latency spiked and about 8% of checkouts started failing.\n\
The alert fired, I saw my deploy in the timeline, and I reverted it; the service recovered within 12 minutes. While rolling back I posted in the incident channel and told my manager, and our support team sent a status update to affected customers.\n\
Afterwards I wrote the blameless postmortem. The root cause was my typo, but the real gap was the process: config changes skipped code review and had no validation. I added a schema check that rejects pool sizes outside a sane range, made config changes go through the same canary deploy as code, and added the step to our runbook.\n\
The impact was roughly 1,200 failed checkouts over 12 minutes. The lesson I took is to treat config as code, and it hasn't happened again since.",
        weak: "I once broke production with a bad deploy. We rolled back and fixed it the next day.",
        off_topic_from: "rel-circuit-breaker",
    },
];

/// Not answers: keyboard mashing, filler Latin, made-up words, one word repeated.
const GIBBERISH: &[&str] = &[
    "asdkfj qwoeiru zmxncbv lkjhgf poiuyt qwerty zxcvbnm hjkl",
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt",
    "blorf snizzle wumpus glarb fnord quuxle zibble wobnat",
    "cache cache cache cache cache cache cache cache cache cache cache cache",
    "kafka shard batch kafka shard batch kafka shard batch kafka shard batch",
];

#[test]
fn the_honesty_table_orders_strong_weak_and_non_answers() {
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for (n, row) in ROWS.iter().enumerate() {
        let question = bank().iter().find(|q| q.id == row.id).unwrap();
        kinds.insert(question.kind);
        let off_topic_text = ROWS
            .iter()
            .find(|r| r.id == row.off_topic_from)
            .unwrap()
            .strong;
        let strong = assess(row.id, row.strong);
        let weak = assess(row.id, row.weak);
        let off_topic = assess(row.id, off_topic_text);
        let gibberish = assess(row.id, GIBBERISH[n % GIBBERISH.len()]);
        let empty = assess(row.id, if n % 2 == 0 { "" } else { "  ?! " });
        let copied = assess(row.id, prompt(row.id));
        report.push(format!(
            "{:<24} strong {:>3} ({}/{})  weak {:>3} ({})  off-topic {:>3} {:?}  gibberish {:>3}  empty {:>3}  copied {:>3}",
            row.id,
            strong.score,
            strong.covered.len(),
            question.points.len(),
            weak.score,
            weak.covered.len(),
            off_topic.score,
            off_topic.verdict,
            gibberish.score,
            empty.score,
            copied.score,
        ));
        let mut check = |ok: bool, what: &str| {
            if !ok {
                failures.push(format!("{}: {what}", row.id));
            }
        };
        check(
            strong.verdict == Verdict::Answer,
            "strong is judged a real answer",
        );
        check(strong.score >= 70, "strong scores at least 70");
        check(
            strong.score >= weak.score + 25,
            "strong beats weak by at least 25 points",
        );
        check(
            weak.verdict == Verdict::Answer,
            "weak is a real (thin) answer",
        );
        for (name, other) in [
            ("off-topic", &off_topic),
            ("gibberish", &gibberish),
            ("empty", &empty),
            ("copied", &copied),
        ] {
            check(weak.score > other.score, &format!("weak beats {name}"));
            check(
                other.score <= OFF_TOPIC_CAP,
                &format!("{name} scores at most {OFF_TOPIC_CAP}"),
            );
        }
        check(
            matches!(&off_topic.verdict, Verdict::OffTopic { question_id, .. } if question_id == row.off_topic_from),
            "off-topic names the question it answers",
        );
        check(
            matches!(gibberish.verdict, Verdict::Gibberish { .. }),
            "gibberish is called gibberish",
        );
        check(
            empty.verdict == Verdict::Empty && empty.score == 0,
            "empty scores 0",
        );
        check(
            copied.verdict == Verdict::CopiedQuestion,
            "copying the question is caught",
        );
    }
    // Shown with --nocapture: the table is the evidence.
    println!("{}", report.join("\n"));
    assert!(kinds.len() >= 6, "the table covers most kinds: {kinds:?}");
    assert!(
        failures.is_empty(),
        "{}\n\n{}",
        failures.join("\n"),
        report.join("\n")
    );
}

#[test]
fn synonyms_count_for_the_same_point() {
    let id = "sd-high-write-throughput";
    let partition_point = bank()
        .iter()
        .find(|q| q.id == id)
        .unwrap()
        .points
        .iter()
        .position(|p| p.point.starts_with("Partitions writes"))
        .unwrap();
    for answer in [
        "We would use sharding so each node takes a slice of the writes.",
        "The writes are partitioned by key across many nodes.",
        "Partitioning the table spreads the writes over many nodes.",
    ] {
        let assessment = assess(id, answer);
        assert!(
            assessment.covered.contains(&partition_point),
            "{answer:?} should cover the partitioning point: {assessment:?}"
        );
    }
    let none = assess(id, "We would buy one much bigger server for the writes.");
    assert!(!none.covered.contains(&partition_point));
}

#[test]
fn multi_word_terms_need_consecutive_words() {
    let id = "cd-lru-cache";
    let together = assess(id, "Use a doubly linked list for recency order.");
    let apart = assess(id, "The list is linked to another list, doubly so.");
    assert!(together.covered.contains(&0), "{together:?}");
    assert!(!apart.covered.contains(&0), "{apart:?}");
}

#[test]
fn the_score_is_the_documented_formula() {
    for row in ROWS {
        for answer in [row.strong, row.weak] {
            let a = assess(row.id, answer);
            let points = a.points.len() as f64;
            let fraction = a.credit() / points;
            let form = (2.0 * fraction).min(1.0);
            let structure = match &a.structure {
                Structure::Star(s) => s.points(),
                Structure::Technical(t) => t.points(),
            };
            let expected = (RUBRIC_WEIGHT * fraction * a.elaboration
                + form * (a.length.points() + structure))
                .round() as u8;
            assert_eq!(a.form, form);
            assert_eq!(a.uncapped, expected, "{}: {answer:?}", row.id);
            assert!(
                a.red_flags.is_empty() && a.caps.is_empty(),
                "{}: {a:#?}",
                row.id
            );
            assert_eq!(a.score, a.uncapped);
            for result in &a.points {
                assert!([0.0, 0.25, 0.5, 1.0].contains(&result.credit), "{result:?}");
            }
        }
    }
}

#[test]
fn naming_keywords_without_explaining_them_is_told_to_explain() {
    let id = "sd-high-write-throughput";
    for list in [
        "kafka partition batch idempotent backpressure capacity estimate",
        "Kafka, partitioning, batching, idempotent consumers, backpressure, capacity estimate, consumer lag",
        "- kafka\n- partition key\n- batch writes\n- idempotent\n- backpressure\n- capacity estimate",
    ] {
        let listed = assess(id, list);
        assert!(listed.covered.len() >= 5, "{list:?}: {listed:#?}");
        assert_eq!(listed.partial, listed.covered, "bare mentions earn half: {list:?}");
        assert!(listed.caps.contains(&Cap::List), "{list:?}: {:?}", listed.caps);
        assert!(listed.score <= LIST_CAP, "{list:?}: {}", listed.score);
    }
}

/// A list strung into one long sentence, its items a few words each (authored for this test).
#[test]
fn a_list_strung_into_one_sentence_is_still_a_list() {
    let strung =
        "I would start with a capacity estimate of peak writes, put Kafka in front, pick a \
        partition key, use hashing, batch writes, bulk inserts, idempotent consumers with dedup, \
        apply backpressure, watch consumer lag, autoscale workers, monitor everything, done.";
    let listed = assess("sd-high-write-throughput", strung);
    assert!(listed.caps.contains(&Cap::List), "{:?}", listed.caps);
    assert!(listed.score <= LIST_CAP, "{}", listed.score);
    // A sentence naming a few things in passing is prose, not a list.
    let prose = "Writes land in Kafka, partitioned by device id, and consumers batch them into \
        the database, so a spike only grows the log while the workers catch up at their own pace.";
    let read = assess("sd-high-write-throughput", prose);
    assert!(!read.caps.contains(&Cap::List), "{:?}", read.caps);
}

#[test]
fn a_term_with_substance_earns_full_credit_and_a_bare_mention_half() {
    let id = "sd-high-write-throughput";
    let bare = assess(id, "Kafka.");
    let explained = assess(
        id,
        "Writes go into Kafka first, so bursts are absorbed by the log while slower storage catches up.",
    );
    let queue_point = 1;
    assert_eq!(bare.points[queue_point].credit, PARTIAL, "{bare:#?}");
    assert_eq!(explained.points[queue_point].credit, 1.0, "{explained:#?}");
    let evidence = explained.points[queue_point].evidence.as_ref().unwrap();
    assert!(
        evidence.sentence.starts_with("Writes go into Kafka"),
        "{evidence:?}"
    );
}

/// Negations and stances that deny a term do not cover the point that calls for it.
#[test]
fn negated_terms_do_not_cover_their_point() {
    let id = "sd-high-write-throughput";
    let queue_point = 1;
    for answer in [
        "I would never use Kafka for this, the database handles the writes directly.",
        "A message queue is not needed here because the database is fast enough.",
        "Write straight to the database rather than Kafka, since it keeps things simple.",
        "Write straight to the database instead of a message queue to keep it simple.",
        "Store everything directly without a message queue in the middle of the path.",
        "There is no queue in my design, the service writes rows itself.",
        "Skip Kafka entirely and let the service insert rows one by one.",
        "Kafka is unnecessary for this, rows go straight to the database.",
        "We don't need Kafka or any other buffer in front of the database here.",
        "Kafka and a message queue for buffering writes are a waste of time at this size.",
        // A long subject still lies inside the scope of the negation after it.
        "Putting a durable message queue in front of the database for all of these writes isn't something I would do.",
    ] {
        let a = assess(id, answer);
        assert_eq!(
            a.points[queue_point].credit, 0.0,
            "{answer:?}: {:?}",
            a.points[queue_point]
        );
    }
    let affirmed = assess(
        id,
        "I would use Kafka rather than writing to the database directly.",
    );
    assert!(affirmed.points[queue_point].credit > 0.0, "{affirmed:#?}");
}

#[test]
fn the_confidently_wrong_design_scores_low_and_names_its_red_flags() {
    let id = "sd-high-write-throughput";
    let wrong = assess(
        id,
        "I would keep it simple with one MySQL primary, no replication, because replicas add lag. \
         Exactly-once is automatic with MySQL transactions, so there is no need for idempotency. \
         Backpressure is unnecessary since the primary is fast, and I would batch nothing: every write is committed on its own.",
    );
    assert!(wrong.score < 35, "{wrong:#?}");
    let flags: Vec<&str> = wrong.red_flags.iter().map(|f| f.flag.as_str()).collect();
    assert!(flags.len() >= 3, "{flags:?}");
    assert!(
        flags
            .iter()
            .any(|f| f.contains("single relational primary")),
        "{flags:?}"
    );
    assert!(
        flags.iter().any(|f| f.contains("exactly-once")),
        "{flags:?}"
    );
    assert!(
        flags.iter().any(|f| f.contains("backpressure")),
        "{flags:?}"
    );
    for flag in &wrong.red_flags {
        assert!(
            !flag.why.is_empty() && !flag.sentence.is_empty(),
            "{flag:?}"
        );
    }
}

#[test]
fn password_checks_catch_fast_hashes_and_missing_salts() {
    let id = "sec-password-storage";
    let question = bank().iter().find(|q| q.id == id).unwrap();
    let index = |label: &str| {
        question
            .points
            .iter()
            .position(|p| p.point.starts_with(label))
            .unwrap()
    };
    let wrong = assess(
        id,
        "I would hash passwords with MD5 rather than bcrypt because it is quick, and skip the salt since it only adds complexity.",
    );
    assert_eq!(wrong.points[index("Uses a slow")].credit, 0.0, "{wrong:#?}");
    assert_eq!(wrong.points[index("Salts each")].credit, 0.0, "{wrong:#?}");
    let flags: Vec<&str> = wrong.red_flags.iter().map(|f| f.flag.as_str()).collect();
    assert!(
        flags.iter().any(|f| f.contains("fast or broken hash")),
        "{flags:?}"
    );
    assert!(
        flags.iter().any(|f| f.contains("Skips the salt")),
        "{flags:?}"
    );
    assert!(wrong.score <= RED_FLAG_CAPS[1], "{}", wrong.score);

    let right = assess(
        id,
        "Never store passwords in plaintext or encrypted: store a one-way hash from a slow function such as Argon2id or bcrypt, tuned so one hash takes about 100 ms. \
         Each password gets its own random salt, so identical passwords get different hashes and rainbow tables are useless. \
         MD5 and SHA-256 are the wrong tool because they are fast, and a GPU can try billions of guesses per second.",
    );
    assert!(right.red_flags.is_empty(), "{:#?}", right.red_flags);
    assert!(
        right.points[index("Avoids fast")].credit > 0.0,
        "a negative mention covers an `against` point"
    );
    assert!(right.score >= 60, "{right:#?}");
}

#[test]
fn a_hash_inside_another_construction_or_left_behind_is_not_affirmed() {
    let id = "sec-password-storage";
    for sentence in [
        // "SHA256" names a part of PBKDF2's construction, not the bare hash.
        "Use a slow function: Argon2id, bcrypt, or PBKDF2-HMAC-SHA256 with 600k iterations.",
        // Legacy hashes being migrated away from.
        "Legacy MD5 rows: wrap them in Argon2 now, and switch each to plain Argon2 at the next login.",
    ] {
        let a = assess(id, sentence);
        assert!(
            !a.red_flags.iter().any(|f| f.flag.contains("fast or broken hash")),
            "{sentence}: {:#?}",
            a.red_flags
        );
    }
    // Affirmed as the answer's own choice, it is still the flag.
    let wrong = assess(
        id,
        "We hash every password with SHA-256 because it is quick.",
    );
    assert!(
        wrong
            .red_flags
            .iter()
            .any(|f| f.flag.contains("fast or broken hash")),
        "{:#?}",
        wrong.red_flags
    );
}

/// Point labels pasted with a word or two changed in each, or strung into one sentence with a
/// lead-in (authored for this test from the bank's labels): still a copy. The tables of the
/// evaluation sets check that no expert answer is taken for one.
#[test]
fn labels_pasted_with_words_changed_are_a_copy() {
    let id = "db-slow-query";
    for pasted in [
        "Reads the real query plan. Looks for missing or unusable indexes. Considers statistics, \
         bloat and growth of the data. Checks for locks and contention.",
        "To sum up: I read the actual query plan, check for indexes that are missing or \
         unusable, consider bloat, statistics and data growth, and check locking and contention.",
    ] {
        let a = assess(id, pasted);
        assert!(
            a.caps.iter().any(|c| matches!(c, Cap::CopiedShown { .. })),
            "{pasted:?}: {:?} (score {})",
            a.caps,
            a.score
        );
        assert!(a.score <= COPIED_SHOWN_CAP, "{}", a.score);
    }
}

#[test]
fn copying_what_the_bot_showed_is_capped_and_told() {
    let id = "sd-high-write-throughput";
    let question = bank().iter().find(|q| q.id == id).unwrap();
    let labels: Vec<String> = question
        .points
        .iter()
        .map(|p| format!("{}.", p.point))
        .collect();
    for copied in [
        question.outline.clone(),
        labels.join(" "),
        question.hints.join(" "),
    ] {
        let a = assess(id, &copied);
        assert!(
            a.caps.iter().any(|c| matches!(c, Cap::CopiedShown { .. })),
            "{copied:?}: {:?} (score {})",
            a.caps,
            a.score
        );
        assert!(a.score <= COPIED_SHOWN_CAP, "{}", a.score);
    }
}

/// Stock reasons in varied frames (authored for this test): no two sentences share a frame, so
/// only their thinness gives them away; a concise answer with a mechanism in every sentence is
/// not capped.
#[test]
fn stock_reasons_earn_partial_credit_at_most_and_mechanisms_do_not() {
    let id = "sd-high-write-throughput";
    let stock = "For intake I'd put Kafka in front, since durability is important. \
        Partition key by user, because that's the standard approach. \
        Batching keeps things efficient. Idempotent consumers are good practice. \
        Backpressure is essential too. And a capacity estimate first, which is key.";
    let a = assess(id, stock);
    assert!(a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(
        a.points.iter().all(|p| p.credit <= PARTIAL),
        "{:?}",
        a.points
    );
    assert!(a.score <= TEMPLATE_CAP, "{}", a.score);

    let concise = "I'd start with a capacity estimate: 50k writes per second at 1 KB is 50 MB/s, \
        which one node's disk can't absorb with an fsync per write. Writes land in Kafka first, \
        partitioned by user id so one user's events stay ordered on one partition. Consumers \
        batch 500 rows per insert, cutting round trips by two orders of magnitude. They are \
        idempotent consumers keyed on an event id, so a redelivery after a crash writes nothing \
        twice. When lag grows past a threshold the API sheds load with 429s, which is \
        backpressure the clients can see.";
    let a = assess(id, concise);
    assert!(!a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(a.score >= 60, "{}", a.score);
}

/// Specific-sounding sentences that each end in a reason saying only that something is good
/// (authored for this test, on a question none of the evaluation sets' templates was written
/// for): capped as stock reasons; the same steps with the reason each one is taken are not.
#[test]
fn sentences_ending_in_stock_reasons_are_capped_and_real_reasons_are_not() {
    let id = "sec-leaked-secret";
    let stock = "First I'd revoke the key and issue a new key right away, since acting fast is \
        paramount. Then I'd go through the audit logs to size the blast radius, as that is simply \
        good hygiene. I would purge the git history with filter-repo, which is the industry \
        standard. After that the secrets move into a vault, because security can't be an \
        afterthought. Finally a pre-commit scanner, which makes sense for modern teams.";
    let a = assess(id, stock);
    assert!(a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(a.score <= TEMPLATE_CAP, "{}", a.score);

    let reasoned = "First I'd revoke the key and issue a new key right away, since bots scrape \
        public repositories within minutes and the old key works until it is revoked. Then I'd \
        read the audit logs from the moment of the push to see which calls used it, so we know \
        the blast radius. I would purge the git history with filter-repo, though forks and clones \
        keep it, which is why revoking comes first. The secrets then move into a vault and are \
        injected at runtime, so no file in the repository holds one.";
    let a = assess(id, reasoned);
    assert!(!a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(a.score >= 60, "{}", a.score);
}

/// Stock reasons in words no list holds ("which keeps things predictable", "as that follows
/// well-established conventions"): a reason that names nothing of the question's own is stock,
/// however it is worded; reasons naming the question's mechanism are not (authored for this test).
#[test]
fn reasons_that_name_nothing_of_the_question_are_stock_however_worded() {
    let id = "sd-url-shortener";
    let stock = "I'd start with a back-of-the-envelope estimate of a read-heavy load, which keeps \
        planning grounded. Codes would be base62 from a counter, as that follows well-established \
        conventions. The redirect would be a 302, which is how serious teams ship it. Storage is \
        a key-value table keyed by the short code, because simplicity wins long term. Hot links \
        sit in a Redis cache behind a load balancer, which keeps things predictable. Analytics go \
        through async logging with a rate limit for abuse, given that we want happy users.";
    let a = assess(id, stock);
    assert!(a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(a.score <= TEMPLATE_CAP, "{}", a.score);

    let reasoned = "I'd start with a back-of-the-envelope estimate of a read-heavy load, since \
        people follow links far more often than they make them: maybe a hundred redirects for \
        every new link. Codes would be base62 from a counter handed out in blocks to each app \
        server, as seven characters give billions of codes and a counter never produces the \
        same one twice. The redirect would be a 302, because browsers remember a 301 and stop \
        asking us, and then the click counts go quiet. Storage is a key-value table keyed by the \
        short code, since every lookup arrives with exactly that code and nothing else. Hot \
        links sit in a Redis cache in front of it, which absorbs most redirect traffic before \
        the database ever sees it.";
    let a = assess(id, reasoned);
    assert!(!a.caps.contains(&Cap::StockReasons), "{a:#?}");
    assert!(a.score >= 60, "{}", a.score);
}

#[test]
fn template_boilerplate_earns_partial_credit_at_most() {
    let id = "sd-high-write-throughput";
    let template = "I would use a capacity estimate because scale matters, for example 10. \
        I would use Kafka because durability matters, for example 20. \
        I would use a partition key because distribution matters, for example 30. \
        I would use batching because throughput matters, for example 40. \
        I would use idempotent consumers because correctness matters, for example 50. \
        I would use backpressure because stability matters, for example 60.";
    let a = assess(id, template);
    assert!(a.caps.contains(&Cap::Template), "{a:#?}");
    assert!(
        a.points.iter().all(|p| p.credit <= PARTIAL),
        "{:?}",
        a.points
    );
    assert!(a.score <= TEMPLATE_CAP, "{}", a.score);
}

#[test]
fn a_negation_in_a_clause_of_purpose_names_what_is_prevented_not_a_lack() {
    let flags = |text: &str| flags_raised("sd-caching-layer", text);
    let prevented = "Cache-aside with Redis in front of the database, and I'd add random jitter \
        to the TTLs so hot keys don't expire together.";
    assert!(flags(prevented).is_empty(), "{:?}", flags(prevented));
    let lacking = "Cache-aside with Redis in front of the database. Products rarely change, so \
        the entries don't need a TTL or any invalidation at all.";
    assert!(
        flags(lacking).iter().any(|f| f.contains("expiry")),
        "{:?}",
        flags(lacking)
    );
}

#[test]
fn hedging_without_specifics_is_capped_and_a_specific_answer_is_not() {
    let id = "sd-rate-limiter";
    let vague = "Rate limiting is really about finding the right balance. It depends on the \
        traffic, so I'd probably follow industry best practices, pick an appropriate algorithm \
        and make sure it is robust and scalable enough for the users.";
    let a = assess(id, vague);
    assert!(a.caps.contains(&Cap::Vague), "{a:#?}");
    assert!(a.score <= VAGUE_CAP, "{}", a.score);
    let specific = "I'd use a token bucket per API key in Redis: each key holds tokens and a \
        last-refill timestamp, refilled at 10 tokens per second up to a burst of 50, and a Lua \
        script does the refill and the take atomically so two gateway nodes can't both spend the \
        last token. Maybe a sliding window log instead if bursts must be exact, but it depends on \
        memory: a log stores every timestamp. Rejected requests get 429 with Retry-After and the \
        X-RateLimit-Remaining header so well-behaved clients back off. If Redis is down the \
        gateway fails open with a small local bucket per node, because blocking every customer \
        is worse than letting a few extra requests through for a minute, and we alert on it. \
        Limits live in config per plan, and I'd watch the rejection rate per key to catch a \
        client stuck in a retry loop.";
    let a = assess(id, specific);
    assert!(a.hedges >= 2, "{}", a.hedges);
    assert!(!a.caps.contains(&Cap::Vague), "{a:#?}");
}

/// Answers authored for this test (not from any evaluation set): one that names the caching
/// practices and dismisses them sentence after sentence, and one that rejects two wrong
/// alternatives on its way to the right design.
#[test]
fn an_answer_dismissing_what_it_names_is_capped_and_rejecting_alternatives_is_not() {
    let id = "sd-caching-layer";
    let dismissive = "Cache-aside in Redis with a TTL on every key and invalidation on write is \
        what the blog posts push. Honestly overkill for a catalogue that changes once a day. \
        Jittered expiry and request coalescing against a stampede? A theoretical worry, we have \
        never seen one. Hit-rate dashboards are a vanity metric. We just cache the whole page in \
        the app's memory forever and restart the pods when prices change.";
    let a = assess(id, dismissive);
    assert!(a.caps.contains(&Cap::Dismissive), "{a:#?}");
    assert!(a.score <= DISMISSIVE_CAP, "{}", a.score);
    let expert = "I'd put Redis beside the product service as a cache-aside layer: read the \
        cache, on a miss load from Postgres and set the key with a TTL of about ten minutes plus \
        random jitter, so hot keys don't all expire together. On a write I update the database \
        first and then delete the key rather than overwrite it, because two racing writers could \
        otherwise leave the older value cached. Write-through to every replica is overkill for a \
        catalogue read a hundred times per write. For a very hot key I'd coalesce misses so only \
        one request reloads it and the rest wait a few milliseconds, which stops a stampede on \
        the database. Caching whole rendered pages isn't worth it here, since prices and stock \
        differ per region. I'd watch the hit rate and the database's read load after launch.";
    let a = assess(id, expert);
    assert!(!a.caps.contains(&Cap::Dismissive), "{a:#?}");
}

/// "on time" is "time" once its stop word is gone, and "order by" is "order": such a phrase is
/// found as written, not in "a waste of time" or "in order to".
#[test]
fn a_phrase_that_analysis_reduces_to_one_word_must_occur_as_written() {
    let by_term = |a: &Assessment, wanted: &str| {
        a.points.iter().any(|p| {
            matches!(&p.evidence, Some(Evidence { by: EvidenceKind::Term { term }, .. }) if term == wanted)
        })
    };
    let id = "bh-cross-team-delivery";
    let wasted = assess(
        id,
        "The weekly sync with the other team felt like a waste of time, so after the second one I stopped going and did my part alone.",
    );
    assert!(!by_term(&wasted, "on time"), "{wasted:#?}");
    let delivered = assess(
        id,
        "I set up a weekly check-in with both teams, and the migration landed on time, two days before the freeze.",
    );
    assert!(by_term(&delivered, "on time"), "{delivered:#?}");
}

#[test]
fn a_non_english_answer_is_told_the_scorer_reads_english() {
    let a = assess(
        "sd-high-write-throughput",
        "Primero estimaría cuántas escrituras por segundo hay que soportar. Después pondría una cola como Kafka para absorber los picos, particionaría los datos por una clave con muchos valores y escribiría en lotes en una base de datos optimizada para escrituras.",
    );
    assert_eq!(
        a.verdict,
        Verdict::NotEnglish {
            language: Some("Spanish".into())
        }
    );
    assert!(a.score <= NOT_ENGLISH_CAP);
}

/// Another language mixed with English technical terms is still another language; English
/// with an accented name or two is English.
#[test]
fn an_answer_mixing_another_language_with_english_terms_is_told_so() {
    let mixed = assess(
        "api-idempotency-keys",
        "Client gửi một idempotency key trong header của mỗi request POST. Server lưu key và response trong Redis với TTL, nếu request lặp lại thì trả về response cũ, không xử lý lại. Khi hai request cùng key đến đồng thời thì dùng lock để chỉ một request được xử lý.",
    );
    assert!(
        matches!(mixed.verdict, Verdict::NotEnglish { .. }),
        "{:?}",
        mixed.verdict
    );
    let english = assess(
        "api-idempotency-keys",
        "At the café ordering service José and I built, the client sends an idempotency key with every POST. The server stores the key with the response, so a retried request gets the stored response instead of charging twice, and a unique constraint stops two concurrent requests with the same key.",
    );
    assert!(
        !matches!(english.verdict, Verdict::NotEnglish { .. }),
        "{:?}",
        english.verdict
    );
}

/// Prose in a language no list holds that borrows enough English technical terms to pass the
/// gibberish bar (Shona with English loanwords, authored for this test) is still not English.
#[test]
fn prose_lifted_over_the_gibberish_bar_by_borrowed_terms_is_not_english() {
    let text = "Kana app ichinonoka, ndinotanga ndatarisa metrics: CPU, memory, database queries \
        uye latency. Ndinowedzera load balancer pamberi pema server akawanda, uye session \
        ndinoichengeta muRedis kwete pa server imwe neimwe. Database ndinoipa read replicas uye \
        index pamibvunzo inononoka. Static files ndinodziisa paCDN, uye cache ndinoishandisa \
        pamashoko anowanzo dikanwa. Pakupedzisira ndinoita load test kuti system yakwanisa.";
    let answer = assess("sd-scale-web-app", text);
    assert_eq!(answer.verdict, Verdict::NotEnglish { language: None });
    // The borrowed terms lift it over the gibberish bar: the new rule, not that one, decides.
    let bank = scoring();
    let words = text::words(text);
    let known = bank.share(&words, |w| bank.is_known_word(w));
    assert!(
        (MIN_KNOWN_SHARE..FOREIGN_PROSE_MAX_KNOWN).contains(&known),
        "{known}"
    );
}

/// Prose in a language no word list holds (Shona, authored for this test) is told the scorer
/// reads English only, unnamed; keyboard mash in sentences stays gibberish.
#[test]
fn prose_in_a_language_no_list_holds_is_not_called_gibberish() {
    let shona = assess(
        "sd-scale-web-app",
        "Ndingatanga nekuyera kuti dambudziko riri kupi chaizvo: CPU, memori kana dhatabhesi. \
         Mushure mezvo ndaizowedzera maseva akawanda kuseri kwe load balancer, asi ma session \
         anofanira kuchengetwa panzvimbo imwe chete yakaita seRedis. Dhatabhesi rinowanzova \
         dambudziko rekutanga, saka ndaizowedzera ma index, ndogadzirisa mibvunzo inononoka uye \
         ndoshandisa ma read replica. Mafaira asingachinje anofanira kupihwa neCDN.",
    );
    assert_eq!(shona.verdict, Verdict::NotEnglish { language: None });
    assert!(shona.score <= NOT_ENGLISH_CAP);
    // A long answer repeats its words (here, the whole paragraph three times): fewer than a
    // third of its words are distinct, yet every run of 25 is varied prose.
    let paragraph = "Ndingatanga nekuyera kuti dambudziko riri kupi chaizvo: CPU, memori kana \
         dhatabhesi. Mushure mezvo ndaizowedzera maseva akawanda kuseri kwe load balancer, asi \
         ma session anofanira kuchengetwa panzvimbo imwe chete yakaita seRedis. ";
    let long_shona = assess("sd-scale-web-app", &paragraph.repeat(3));
    assert_eq!(long_shona.verdict, Verdict::NotEnglish { language: None });
    let mash = assess(
        "sd-scale-web-app",
        "Asdfgh qwerty hjkl lorem. Zxcvbnm poiuyt lkjhg mnbvc scale scale. Qqqq wwww eeee rrrr \
         tttt. Sdfsdf ghjk bnm purple server. Wqer tyui opas dfgh jklz xcvb. Blorp flarp \
         glorb hhhhh jjjjj kkkkk. Mnbv cxz lkjh gfds apoi uytr.",
    );
    assert!(
        matches!(mash.verdict, Verdict::Gibberish { .. }),
        "{:?}",
        mash.verdict
    );
}

#[test]
fn star_check_reads_ownership_and_measurable_results() {
    let id = "bh-conflict-teammate";
    let we_only = assess(
        id,
        "In 2021 our team had a disagreement about the design. We talked, we listened to each other, we agreed on a compromise and we shipped it. We learned a lot.",
    );
    let Structure::Star(star) = &we_only.structure else {
        panic!("a behavioral question gets the STAR check")
    };
    assert_eq!((star.i_count, star.actions), (0, 0));
    assert!(star.team_actions >= 2 && star.we_count >= 5, "{star:?}");
    assert!(!star.owns_actions(), "only “we”");
    assert!(!star.measurable, "a year is not a measured result");
    assert!(we_only.caps.contains(&Cap::WeOnly), "{:?}", we_only.caps);
    assert!(we_only.score <= WE_ONLY_CAP);

    let strong = assess(id, ROWS[8].strong);
    let Structure::Star(star) = &strong.structure else {
        panic!()
    };
    assert!(star.situation && star.task && star.actions >= 2 && star.result && star.measurable);
    assert!(star.owns_actions(), "{star:?}");
}

/// A behavioral answer told as what one would do is capped; a story that ends on what one
/// would do again is not (answers authored for this test).
#[test]
fn a_behavioral_answer_of_what_one_would_do_is_capped() {
    let id = "bh-conflict-teammate";
    let would = assess(
        id,
        "First I'd listen to my teammate's design and write down where we disagree. Then I'd propose a small spike to compare both approaches with real numbers. I'd bring the results to the team and let the data decide. Finally I'd document the decision so nobody reopens it.",
    );
    assert!(would.caps.contains(&Cap::Hypothetical), "{:?}", would.caps);
    assert!(would.score <= WE_ONLY_CAP);
    let story = assess(
        id,
        "Last year a teammate and I disagreed about caching sessions in Redis. I wrote down both designs and I ran a two-day spike measuring latency under load. The numbers favoured his approach, so I said so in the design review and I helped him ship it. I'd handle it the same way again.",
    );
    assert!(!story.caps.contains(&Cap::Hypothetical), "{:?}", story.caps);
}

/// Stop words never erase a term: "my mistake" is not "mistake", and owning it is not blaming.
#[test]
fn ownership_and_blame_are_read_from_the_words_as_written() {
    let id = "bh-outage-mistake";
    let ownership_point = 0;
    let cases: &[(&str, Ownership, bool)] = &[
        ("It was my mistake: I deployed a config change without checking the pool size, and I rolled it back within minutes.", Ownership::Owns, true),
        ("I caused the outage when I pushed a bad migration, so I reverted it and wrote the postmortem.", Ownership::Owns, true),
        ("The mistake was in the other team's config. It was not my mistake, they should have tested it before it reached production.", Ownership::Blames, false),
        ("Their change broke checkout and it was their fault, so I told them to fix it and waited for their rollback.", Ownership::Blames, false),
        ("The bug was theirs, not mine, so I waited for the other team to ship a patch.", Ownership::Blames, false),
        // Who a project belongs to is the situation, not blame.
        ("Two teams each assumed the service was theirs, so I rolled back the deploy and wrote down who owns it.", Ownership::Unstated, false),
        // Another team's things are blamed only where fault is found with them.
        ("Their code was broken and nobody reviewed it, so I waited for the other team.", Ownership::Blames, false),
        ("I built a cache fed by their change events and walked their team through it.", Ownership::Unstated, false),
    ];
    for (answer, ownership, covered) in cases {
        let a = assess(id, answer);
        let Structure::Star(star) = &a.structure else {
            panic!()
        };
        assert_eq!(star.ownership, *ownership, "{answer:?}");
        assert_eq!(
            a.points[ownership_point].credit > 0.0,
            *covered,
            "{answer:?}: {:?}",
            a.points[ownership_point]
        );
        let blamed = a
            .red_flags
            .iter()
            .any(|f| f.flag.starts_with("Blames others"));
        assert_eq!(blamed, *ownership == Ownership::Blames, "{answer:?}");
    }
}

/// A stand-in encoder for the plumbing: a text holding one of the keys gets that key's direction;
/// any other text a direction of its own (its hash among 4,096), so only keyed texts are close.
/// The real model is exercised by the evaluation test once main provides it.
struct Keyed(&'static [(&'static str, usize)]);

impl crate::semantic::Encoder for Keyed {
    fn id(&self) -> &str {
        "keyed-test-encoder"
    }

    fn encode(&self, texts: &[&str]) -> crate::error::Result<Vec<Vec<f32>>> {
        Ok(texts
            .iter()
            .map(|text| {
                let lower = text.to_lowercase();
                let dimension = self
                    .0
                    .iter()
                    .find(|(key, _)| lower.contains(key))
                    .map(|(_, d)| *d)
                    .unwrap_or_else(|| {
                        let hash = lower
                            .bytes()
                            .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
                        16 + (hash % 4080) as usize
                    });
                let mut v = vec![0f32; 4096];
                v[dimension] = 1.0;
                v
            })
            .collect())
    }
}

#[test]
fn an_encoder_gives_credit_by_meaning_and_never_to_a_negated_point() {
    let analyzer = Analyzer::new(&catalog().synonyms);
    // Point 5 of the write-throughput question (its reference names backpressure) and a
    // paraphrase that uses none of its terms share one direction.
    let encoder: std::sync::Arc<dyn crate::semantic::Encoder> = std::sync::Arc::new(Keyed(&[
        ("handles overload with backpressure", 1),
        ("slow the producers", 1),
    ]));
    let semantic = ScoringBank::with_encoder(&analyzer, bank(), Some(encoder)).unwrap();
    assert!(semantic.semantic());
    let id = "sd-high-write-throughput";
    let paraphrase = "When the writers fall behind I would slow the producers down, so nothing piles up in memory.";
    let lexical = scoring().assess(id, paraphrase).unwrap();
    let by_meaning = semantic.assess(id, paraphrase).unwrap();
    assert!(by_meaning.semantic && !lexical.semantic);
    assert_eq!(lexical.points[5].credit, 0.0, "{:?}", lexical.points[5]);
    assert_eq!(
        by_meaning.points[5].credit, 1.0,
        "{:?}",
        by_meaning.points[5]
    );
    assert!(matches!(
        by_meaning.points[5].evidence,
        Some(Evidence { by: EvidenceKind::Meaning { .. }, ref sentence }) if sentence == paraphrase
    ));
    let negated = semantic
        .assess(
            id,
            "Backpressure is unnecessary and consumer lag does not matter here.",
        )
        .unwrap();
    assert_eq!(negated.points[5].credit, 0.0, "{:?}", negated.points[5]);
    // The same answer, the same score.
    assert_eq!(
        semantic.assess(id, paraphrase),
        semantic.assess(id, paraphrase)
    );
}

#[test]
fn scoring_is_deterministic_and_unknown_questions_are_none() {
    let first = assess("db-indexing", ROWS[3].strong);
    let again = assess("db-indexing", ROWS[3].strong);
    assert_eq!(first, again);
    assert!(scoring().assess("no-such-question", "anything").is_none());
}

#[test]
fn every_rubric_term_survives_analysis() {
    // A term that analyzes to nothing (only stop words) can never match: the bank must not
    // rely on one as the only term of a point.
    let analyzer = Analyzer::new(&catalog().synonyms);
    for question in bank() {
        for point in &question.points {
            let usable = point
                .terms
                .iter()
                .filter(|t| !analyzer.terms(t).is_empty())
                .count();
            assert!(
                usable >= 2,
                "{} / {:?} has fewer than two usable terms",
                question.id,
                point.point
            );
        }
    }
}

/// A fine answer to a neighbouring question shares words with this rubric (a conflict story and
/// a learning story both have a colleague, a deadline and a result), but it is still not an
/// answer to this question.
#[test]
fn fine_answers_to_neighbouring_questions_are_off_topic() {
    let cases = [
        ("bh-learn-fast", "bh-conflict-teammate"),
        ("bh-disagree-decision", "bh-conflict-teammate"),
        ("rel-incident-response", "bh-outage-mistake"),
        ("sd-scale-web-app", "sd-url-shortener"),
        ("cd-rest-api", "api-idempotency-keys"),
        ("db-slow-query", "db-indexing"),
        ("rel-cascading-failures", "rel-circuit-breaker"),
    ];
    for (question, answered) in cases {
        let text = ROWS.iter().find(|r| r.id == answered).unwrap().strong;
        let assessment = assess(question, text);
        assert!(
            matches!(&assessment.verdict, Verdict::OffTopic { question_id, .. } if question_id == answered),
            "{question} answered with {answered}: {:?} (score {})",
            assessment.verdict,
            assessment.score
        );
        assert!(assessment.score <= OFF_TOPIC_CAP);
    }
}

/// The scoring bank with `misconceptions` given to `id` and the keyed encoder over `keys`.
fn with_misconceptions(
    id: &str,
    misconceptions: Vec<crate::content::model::Misconception>,
    keys: &'static [(&'static str, usize)],
) -> ScoringBank {
    let analyzer = Analyzer::new(&catalog().synonyms);
    let mut questions = bank().to_vec();
    let question = questions.iter_mut().find(|q| q.id == id).unwrap();
    question.misconceptions = misconceptions;
    let encoder: std::sync::Arc<dyn crate::semantic::Encoder> = std::sync::Arc::new(Keyed(keys));
    ScoringBank::with_encoder(&analyzer, &questions, Some(encoder)).unwrap()
}

#[test]
fn a_stated_misconception_is_a_red_flag_with_its_why_and_a_denied_one_is_not() {
    use crate::content::model::Misconception;
    let id = "sd-high-write-throughput";
    let misconceptions = vec![Misconception {
        claim: "Thinks read replicas share the write load".into(),
        why: "Every replica applies every write; replicas add read capacity only.".into(),
        says: vec!["Adding read replicas spreads the writes across availability zones.".into()],
    }];
    let semantic = with_misconceptions(id, misconceptions, &[("replicas spread", 2)]);
    let stated = semantic
        .assess(
            id,
            "To go faster I would add read replicas spread over three zones so the writes are shared.",
        )
        .unwrap();
    assert_eq!(stated.red_flags.len(), 1, "{:?}", stated.red_flags);
    // As close by meaning, but without a word where the claim parts from the rubric ("zones"):
    // the model hears the topic, not the claim, so nothing is raised.
    let topic_only = semantic
        .assess(
            id,
            "Read replicas spread the reads, while a partitioned log takes the writes.",
        )
        .unwrap();
    assert!(
        topic_only.red_flags.is_empty(),
        "{:?}",
        topic_only.red_flags
    );
    assert_eq!(
        stated.red_flags[0].flag,
        "Thinks read replicas share the write load"
    );
    assert!(stated.red_flags[0]
        .why
        .starts_with("Every replica applies every write"));
    assert!(matches!(
        stated.red_flags[0].by,
        FlagEvidence::Meaning { .. }
    ));
    let denied = semantic
        .assess(
            id,
            "Read replicas spread nothing of the write load: they do not take writes at all.",
        )
        .unwrap();
    assert!(denied.red_flags.is_empty(), "{:?}", denied.red_flags);
}

/// A sentence holding a criticism word ("fails", "problem") states a misconception only as a
/// phrasing that holds one too: a candidate saying "if the readiness probe fails, the kubelet
/// restarts it" states the wrong claim, while "spreading writes over replicas is a problem"
/// turns against a claim phrased without criticism, and a sentence with a turn ("but") states
/// no claim.
#[test]
fn a_criticised_sentence_states_a_misconception_only_as_a_criticised_phrasing() {
    use crate::content::model::Misconception;
    let id = "sd-high-write-throughput";
    let misconceptions = vec![
        Misconception {
            claim: "Thinks a failing readiness probe restarts the pod".into(),
            why: "Readiness only takes the pod out of rotation; liveness restarts it.".into(),
            says: vec!["If the readiness probe fails, the kubelet restarts the container.".into()],
        },
        Misconception {
            claim: "Thinks read replicas share the write load".into(),
            why: "Every replica applies every write; replicas add read capacity only.".into(),
            says: vec!["Adding read replicas spreads the writes across availability zones.".into()],
        },
    ];
    let keys = &[("probe fails", 2), ("replicas spread", 3)];
    let semantic = with_misconceptions(id, misconceptions, keys);
    let flags = |text: &str| -> Vec<String> {
        let assessment = semantic.assess(id, text).unwrap();
        assessment.red_flags.into_iter().map(|f| f.flag).collect()
    };
    assert_eq!(
        flags("Whenever a readiness probe fails the kubelet restarts the container for us."),
        ["Thinks a failing readiness probe restarts the pod"]
    );
    assert!(
        flags("Read replicas spread across zones would be a problem for the writes.").is_empty()
    );
    // A criticised sentence that turns states no claim of its own.
    assert!(flags(
        "When a readiness probe fails the kubelet restarts the container, but only for liveness."
    )
    .is_empty());
}

/// An answer that mostly denies earns nothing by meaning from its negated sentences (the model
/// barely hears the "not"); one negated sentence among affirmative ones still can ("never store
/// plain text" is part of a good password answer).
#[test]
fn an_answer_of_denials_earns_nothing_by_meaning_from_its_negations() {
    let analyzer = Analyzer::new(&catalog().synonyms);
    let encoder: std::sync::Arc<dyn crate::semantic::Encoder> = std::sync::Arc::new(Keyed(&[
        ("handles overload with backpressure", 1),
        ("slow the producers", 1),
    ]));
    let semantic = ScoringBank::with_encoder(&analyzer, bank(), Some(encoder)).unwrap();
    let id = "sd-high-write-throughput";
    let denied = "I wouldn't slow the producers down when writers fall behind.";
    let denials = format!(
        "{denied} I wouldn't shard the table either. Replication isn't worth it at this size."
    );
    let in_denials = semantic.assess(id, &denials).unwrap();
    assert_eq!(
        in_denials.points[5].credit, 0.0,
        "{:?}",
        in_denials.points[5]
    );
    let affirmative = format!(
        "{denied} I would put a durable log in front of the database. Consumers write in batches \
         of a few thousand rows. I would partition the log by customer so ordering holds."
    );
    let among_affirmations = semantic.assess(id, &affirmative).unwrap();
    assert_eq!(
        among_affirmations.points[5].credit, 1.0,
        "{:?}",
        among_affirmations.points[5]
    );
}

/// "Without a timeout, … callers wait forever" explains what goes wrong without the practice:
/// the flag's words ("wait forever") are a consequence there, not advice. Advice to wait forever
/// still raises it.
#[test]
fn a_flag_told_as_the_consequence_of_lacking_the_practice_is_not_raised() {
    let flagged = |answer: &str| flags_raised("rel-timeouts", answer);
    let explained = "Without a timeout, a hung dependency (connection open, no response) makes \
        callers wait forever, holding threads until the pool is exhausted.";
    assert!(
        !flagged(explained).iter().any(|f| f.contains("infinite")),
        "{:?}",
        flagged(explained)
    );
    let advised = "Honestly I let every call wait forever, the library defaults are fine.";
    assert!(
        flagged(advised).iter().any(|f| f.contains("infinite")),
        "{:?}",
        flagged(advised)
    );
}

/// An opening "Without jitter, …" is a condition whose outcome the sentence goes on to tell,
/// with no consequence word ("Without jitter, clients that failed together all come back
/// together"); going without it as advice still raises the flag.
#[test]
fn an_opening_lack_followed_by_its_outcome_is_not_advice_to_go_without() {
    let flagged = |answer: &str| flags_raised("cd-retry-backoff", answer);
    let outcome = "Without jitter, 10,000 clients that failed together all come back together, \
        a thundering herd of synchronized retries.";
    assert!(
        !flagged(outcome).iter().any(|f| f.contains("jitter")),
        "{:?}",
        flagged(outcome)
    );
    let advised = "I retry every 200 ms without jitter, that is good enough.";
    assert!(
        flagged(advised).iter().any(|f| f.contains("jitter")),
        "{:?}",
        flagged(advised)
    );
}

/// The model hears "shorter" and "longer" as alike: a sentence saying the opposite of a flag's
/// phrasing ("inner timeouts shorter than the outer ones" against "inner timeouts longer than
/// the caller's") does not raise it by meaning; the same closeness with the flag's own direction
/// does.
#[test]
fn a_sentence_saying_the_opposite_of_a_flag_does_not_raise_it_by_meaning() {
    let analyzer = Analyzer::new(&catalog().synonyms);
    let id = "rel-timeouts";
    let encoder: std::sync::Arc<dyn crate::semantic::Encoder> =
        std::sync::Arc::new(Keyed(&[("inner timeouts", 3)]));
    let semantic = ScoringBank::with_encoder(&analyzer, bank(), Some(encoder)).unwrap();
    let flag = "Sets inner timeouts longer than the caller's own timeout";
    let raised = |answer: &str| {
        semantic
            .assess(id, answer)
            .unwrap()
            .red_flags
            .iter()
            .any(|f| f.flag == flag)
    };
    assert!(!raised(
        "Inner timeouts must always be shorter than the caller's own timeout, by a margin."
    ));
    assert!(raised(
        "Inner timeouts can be a bit longer than the caller's own timeout, that is fine."
    ));
}

/// A library's default reported is not advice taken: "clients default to no timeout" raises no
/// flag, "I'd use no timeout" does (cases authored for this test).
#[test]
fn a_default_reported_is_not_a_practice_affirmed() {
    let flagged = |answer: &str| {
        assess("rel-timeouts", answer)
            .red_flags
            .iter()
            .any(|f| f.flag.starts_with("Relies on infinite"))
    };
    assert!(!flagged(
        "Many HTTP and database clients default to no timeout, so I set connect and read timeouts on every call."
    ));
    assert!(flagged(
        "I'd use no timeout on the payment call so that slow responses still complete."
    ));
}

/// A sentence restating a red flag nearly word for word raises it, however long the sentence
/// (the model alone hears the other clauses too); the same words denied, reported as someone
/// else's belief, criticised, or spread over a sentence weighing two designs do not.
#[test]
fn a_red_flag_restated_word_for_word_is_raised_by_pattern() {
    let offset = "Offset pagination stays consistent when rows are inserted between page requests";
    let cursor = "Cursor pagination lets clients jump directly to any page number cheaply";
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "api-pagination",
            "I'd default to offset/limit: it's simple, gives random access, and it stays \
             consistent when rows are inserted between page requests, because each request \
             re-runs the query against the same ORDER BY.",
            Some(offset),
        ),
        (
            "api-pagination",
            "The cursor encodes the row's position, so clients can also jump directly to any page \
             number cheaply by computing the cursor for page N.",
            Some(cursor),
        ),
        (
            "api-pagination",
            "Offset pagination does not stay consistent when rows are inserted between page \
             requests: a new row shifts every later page by one.",
            None,
        ),
        (
            "api-pagination",
            "Many people think offset pagination stays consistent when rows are inserted between \
             page requests, because the ORDER BY is the same each time.",
            None,
        ),
        (
            "cd-hash-map-internals",
            "Different keys can land in the same bucket, so collisions are handled either by \
             chaining - a linked list per bucket, which Java's HashMap turns into a red-black \
             tree past 8 entries - or by open addressing: linear probing, quadratic probing, \
             Robin Hood hashing, where the entry goes in the next free slot.",
            None,
        ),
    ];
    for (id, answer, flag) in cases {
        let raised = flags_raised(id, answer);
        match flag {
            Some(flag) => assert!(raised.iter().any(|f| f == flag), "{answer}: {raised:?}"),
            None => {
                let restated = raised
                    .iter()
                    .any(|f| f == offset || f.starts_with("Open addressing"));
                assert!(!restated, "{answer}: {raised:?}")
            }
        }
    }
}

/// A fluent answer that gives each name the other's meaning uses every right word; the authored
/// which-is-which checks (`swap` in interview-references.toml) raise it as a red flag, and the
/// same facts the right way round raise nothing.
#[test]
fn a_fluent_answer_that_swaps_which_is_which_raises_a_red_flag() {
    let cases = [
        (
            "api-http-methods-status",
            "Confuses 401 and 403",
            "A 401 means the caller is logged in but lacks permission for this resource. A 403 is what you send when the token is missing or expired.",
            "A 401 means the caller is not authenticated, for example the token is missing or expired. A 403 means the caller is logged in but lacks permission for this resource.",
        ),
        (
            "rel-health-checks",
            "Thinks liveness and readiness are the same thing",
            "When the liveness probe fails the pod is taken out of rotation and stops receiving traffic. When the readiness probe fails the container is restarted by the kubelet.",
            "When the liveness probe fails the container is restarted by the kubelet. When the readiness probe fails the pod is taken out of rotation and stops receiving traffic.",
        ),
        (
            "rel-circuit-breaker",
            "Inverts the open and closed states",
            "Once the breaker has tripped to closed it stops calling the payment service and returns the fallback. In the open state every request passes through to it as usual.",
            "Once the breaker has tripped open it stops calling the payment service and returns the fallback. In the closed state every request passes through to it as usual.",
        ),
    ];
    // A name in brackets labels what came before it.
    let labelled =
        "It stops calling a failing service for a minute (open), then sends a couple of \
        probe requests (half-open) and goes back to normal traffic (closed) once they succeed.";
    assert!(
        flags_raised("rel-circuit-breaker", labelled).is_empty(),
        "{:?}",
        flags_raised("rel-circuit-breaker", labelled)
    );
    for (id, claim, swapped, right) in cases {
        assert!(
            flags_raised(id, swapped).iter().any(|f| f == claim),
            "{id}: {:?}",
            flags_raised(id, swapped)
        );
        assert!(
            !flags_raised(id, right).iter().any(|f| f == claim),
            "{id}: {:?}",
            flags_raised(id, right)
        );
        assert!(assess(id, swapped).score <= 45, "{id}");
    }
}
