//! Career guidance: answers to `/ask`, `/faq`, `/salary`, `/role`, `/match` and `/sources`, the
//! buttons of those replies, and autocomplete for every option whose values come from content.
//! Plain functions over the catalog and the index; every reply cites the guide each statement
//! comes from, and nothing is said that a guide does not say.
//!
//! - `faq`: `/faq` and `/ask` (best FAQ entry or passages, salary questions lead with figures)
//! - `guide_named`: which guide (or the FAQ) a question names
//! - `intent`: what a free-text question asks for (pay, which level, how many years)
//! - `set_aside`: what a message puts aside before it asks (asides, what it doesn't want)
//! - `salary` and `chart`: `/salary` and its PNG
//! - `role`, `matching`, `sources`: `/role`, `/match`, `/sources`
//! - `suggest`: autocomplete
//! - `vocabulary`: spelling correction of user words against the words of the content

pub mod chart;
pub mod faq;
pub mod glossary;
pub mod guide_named;
pub mod intent;
pub mod matching;
pub mod message;
pub mod role;
pub mod salary;
pub mod scope;
pub mod set_aside;
pub mod sources;
pub mod staff;
pub mod suggest;
pub mod topic;
pub mod vocabulary;

use crate::app::Caller;
use crate::commands::Focused;
use crate::content::model::{GuideFile, Level};
use crate::content::{Catalog, Citation, Role};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{truncate_chars, Choice, Reply};
use crate::search::Hit;
use crate::store::StaffEntry;

/// The citation of a search hit: its guide, or the authors of the question bank.
pub fn citation(catalog: &Catalog, role_id: &str, source_id: &str) -> Citation {
    let role = catalog.role_by_id(role_id);
    match role.and_then(|r| r.guides.iter().find(|g| g.source.id == source_id)) {
        Some(guide) => guide.source.citation(),
        None => Citation::Authored {
            by: role.and_then(|r| r.bank.as_ref()).map_or_else(
                || "the careerbot maintainers".into(),
                |b| b.authored_by.clone(),
            ),
        },
    }
}

/// Italic source line for a hit.
fn hit_source_line(catalog: &Catalog, hit: &Hit) -> String {
    format!("*{}*", citation(catalog, &hit.doc.role, &hit.doc.source))
}

/// An embed footer citing each guide, one per line.
fn guides_footer(guides: &[&GuideFile]) -> String {
    guides
        .iter()
        .map(|g| g.source.citation().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Italic source line for a guide.
fn guide_source_line(guide: &GuideFile) -> String {
    format!("*{}*", guide.source.citation())
}

/// The role a user names, or a clear usage error listing the roles there are.
fn resolve_role<'a>(lib: &'a Library, name: Option<&str>) -> Result<&'a Role> {
    lib.catalog.role(name).map_err(Error::Usage)
}

/// Guide text is ours to show, but it may contain characters Discord reads as markdown.
fn escape_markdown_light(text: &str) -> String {
    text.replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
}

/// `/ask`: the best passages across all content (a server's own entry first when one fits).
pub fn ask(lib: &Library, query: &str, staff: &[StaffEntry]) -> Result<faq::Answered> {
    faq::answer_ask(lib, query, staff)
}

/// `/faq`: a server's own entry or the guides' best FAQ entry, or the best passages when none
/// fits.
pub fn faq(lib: &Library, question: &str, staff: &[StaffEntry]) -> Result<faq::Answered> {
    faq::answer_faq(lib, question, staff)
}

/// `/salary`: pay figures by level from every guide, with a chart.
pub fn salary(
    lib: &Library,
    role: Option<&str>,
    level: Option<Level>,
    years: Option<u32>,
) -> Result<Reply> {
    salary::salary(lib, role, level, years)
}

/// `/role`: the guide for a role, section by section.
pub fn role(lib: &Library, name: Option<&str>, section: Option<&str>) -> Result<Reply> {
    role::role(lib, name, section)
}

/// `/match`: the level that fits, its pay, and the skill gap.
pub fn matching(lib: &Library, years: u32, skills: &str, role: Option<&str>) -> Result<Reply> {
    matching::matching(lib, years, skills, role)
}

/// `/sources`: the guides the bot knows.
pub fn sources(lib: &Library) -> Result<Reply> {
    sources::sources(lib)
}

/// Buttons of guidance replies: `role:<role>:<section>` and `faq:<entry key>`.
pub fn component(lib: &Library, _caller: &Caller, custom_id: &str) -> Result<Reply> {
    match custom_id.split_once(':') {
        Some((role::CUSTOM_ID_PREFIX, rest)) => {
            let (role_id, section) = rest.split_once(':').unwrap_or((rest, ""));
            role::role(lib, Some(role_id), Some(section).filter(|s| !s.is_empty()))
        }
        Some((faq::CUSTOM_ID_PREFIX, key)) => faq::entry_by_key(lib, key),
        _ => Err(Error::Usage(format!(
            "That button ({}) is no longer active.",
            truncate_chars(custom_id, 40)
        ))),
    }
}

/// Suggestions for the option being typed; a server's own entries (`staff`) first for its
/// questions.
pub fn autocomplete(lib: &Library, focused: &Focused, staff: &[StaffEntry]) -> Result<Vec<Choice>> {
    suggest::autocomplete(lib, focused, staff)
}
