//! A guide as readable sections: one place that turns the structured guide into the text shown
//! by `/role` and indexed for `/ask`, so what search finds is exactly what the bot shows.

use super::model::{GuideFile, LadderStep, ListSection, Pay};

/// Every key [`GuideFile::sections`] gives a section, so a key read back from the index (a
/// hit's `…/section/day`) can be had as the `&'static str` the topics use. The first
/// [`NAMED_SECTIONS`] are the ones `/role section:` offers by name; pay, open positions and the
/// interview prompts are shown by their own commands.
pub const SECTION_KEYS: &[&str] = &[
    "overview",
    "skills",
    "tools",
    "ladder",
    "certifications",
    "day",
    "ai",
    "outlook",
    "entry",
    "projects",
    "next",
    "pay",
    "positions",
    "interview",
];
/// How many of [`SECTION_KEYS`] `/role section:` offers.
pub const NAMED_SECTIONS: usize = 11;

/// One section of a guide, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionView {
    /// The `/role section:` name (overview, skills, ...), or `faq`, `pay`, `positions`, `other`.
    pub key: &'static str,
    pub heading: String,
    pub body: String,
}

/// `151083` -> `151,083`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn list(section: &ListSection) -> String {
    let mut text = String::new();
    if let Some(intro) = &section.intro {
        text.push_str(intro);
        text.push('\n');
    }
    for item in &section.items {
        text.push_str("• ");
        text.push_str(item);
        text.push('\n');
    }
    text.trim_end().to_string()
}

/// The guide's own label of a rung as a prefix ("Senior/Lead: "), or nothing.
pub fn rung_label(step: &LadderStep) -> String {
    step.label
        .as_deref()
        .map(|l| format!("{l}: "))
        .unwrap_or_default()
}

/// One ladder rung as a line: "Junior Back End Engineer · 0-2 years — focus … salary".
pub fn ladder_line(step: &LadderStep) -> String {
    let label = rung_label(step);
    format!(
        "{label}{} · {}\n{}\nPay: {}",
        step.title, step.years, step.focus, step.salary
    )
}

/// The headline pay figures as one line: "median USD 151,083 · range USD 105,000 to USD 250,000".
pub fn pay_line(pay: &Pay) -> String {
    if !pay.unlabelled.is_empty() {
        return unlabelled_pay_line(pay);
    }
    let money = |n: u32| format!("{} {}", pay.currency, thousands(n));
    let mut parts = Vec::new();
    if let Some(median) = pay.median {
        parts.push(format!("median {}", money(median)));
    }
    match (pay.low, pay.high) {
        (Some(low), Some(high)) => parts.push(format!("range {} to {}", money(low), money(high))),
        (Some(low), None) => parts.push(format!("from {}", money(low))),
        (None, Some(high)) => parts.push(format!("up to {}", money(high))),
        (None, None) => {}
    }
    parts.join(" · ")
}

/// How unlabelled figures are read, in the guide's order: "low, median and high".
pub fn unlabelled_reading(pay: &Pay) -> String {
    let names: Vec<&str> = [
        pay.low.map(|_| "low"),
        pay.median.map(|_| "median"),
        pay.high.map(|_| "high"),
    ]
    .into_iter()
    .flatten()
    .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Figures a guide lists without labels: shown as the guide gives them, then how careerbot reads
/// them (the loader checks that the reading is the figures in the guide's order).
fn unlabelled_pay_line(pay: &Pay) -> String {
    let given = pay
        .unlabelled
        .iter()
        .map(|figure| format!("“{figure}”"))
        .collect::<Vec<_>>()
        .join(", ");
    let reading = unlabelled_reading(pay);
    if reading.is_empty() {
        format!("{given}, as the guide lists them, without labels")
    } else {
        format!(
            "{given}, as the guide lists them, without labels (read in that order as {reading})"
        )
    }
}

impl GuideFile {
    /// Every section the guide has, in the order `/role` shows them.
    pub fn sections(&self) -> Vec<SectionView> {
        let mut out = Vec::new();
        let mut push = |key: &'static str, heading: &str, body: String| {
            if !body.trim().is_empty() {
                out.push(SectionView {
                    key,
                    heading: heading.to_string(),
                    body,
                });
            }
        };
        if let Some(overview) = &self.overview {
            push("overview", &overview.heading, overview.body.clone());
        }
        if let Some(skills) = &self.skills {
            push("skills", &skills.heading, list(skills));
        }
        if let Some(tools) = &self.tools {
            push("tools", &tools.heading, list(tools));
        }
        if !self.ladder.is_empty() {
            let body = self
                .ladder
                .iter()
                .map(ladder_line)
                .collect::<Vec<_>>()
                .join("\n\n");
            push("ladder", "Career path", body);
        }
        if let Some(pay) = &self.pay {
            let mut body = pay_line(pay);
            if let Some(text) = &pay.text {
                body.push('\n');
                body.push_str(text);
            }
            push("pay", &pay.heading, body);
        }
        if !self.certifications.is_empty() {
            let body = self
                .certifications
                .iter()
                .map(|c| {
                    let issuer = c
                        .issuer
                        .as_deref()
                        .map(|i| format!(" ({i})"))
                        .unwrap_or_default();
                    let description = c
                        .description
                        .as_deref()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default();
                    format!("• {}{issuer}{description}", c.name)
                })
                .collect::<Vec<_>>()
                .join("\n");
            push("certifications", "Certifications", body);
        }
        if let Some(day) = &self.day {
            push("day", &day.heading, day.body.clone());
        }
        if let Some(ai) = &self.ai {
            let mut body = format!(
                "What AI accelerates: {}\nWhat stays human: {}",
                ai.accelerates, ai.stays_human
            );
            if let Some(summary) = &ai.body {
                body.push_str("\n\n");
                body.push_str(summary);
            }
            push("ai", &ai.heading, body);
        }
        if let Some(outlook) = &self.outlook {
            push("outlook", &outlook.heading, outlook.body.clone());
        }
        if let Some(entry) = &self.entry {
            push("entry", &entry.heading, list(entry));
        }
        if let Some(projects) = &self.projects {
            push("projects", &projects.heading, list(projects));
        }
        if let Some(next) = &self.next {
            let mut body = String::new();
            if !next.progresses_to.is_empty() {
                body.push_str(&format!("Progresses to: {}", next.progresses_to.join(", ")));
            }
            if !next.pivots_to.is_empty() {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(&format!("Pivots to: {}", next.pivots_to.join(", ")));
            }
            push("next", &next.heading, body);
        }
        if let Some(positions) = &self.positions {
            let mut lines = Vec::new();
            if let Some(open) = positions.open {
                lines.push(format!("Open positions: {open}"));
            }
            if let Some(text) = &positions.text {
                lines.push(text.clone());
            }
            push("positions", "Open positions", lines.join("\n"));
        }
        if !self.interview_prompts.is_empty() {
            let body = self
                .interview_prompts
                .iter()
                .map(|p| format!("• {} ({})", p.prompt, p.kind.label()))
                .collect::<Vec<_>>()
                .join("\n");
            push("interview", "Interview prep", body);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_of_the_guides_has_a_listed_key() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = crate::content::Catalog::load(&root.join("content")).unwrap();
        let keys: Vec<&str> = (catalog.roles.iter())
            .flat_map(|r| &r.guides)
            .flat_map(|g| g.sections())
            .map(|s| s.key)
            .collect();
        assert!(keys.len() >= 20, "{keys:?}");
        for key in keys {
            assert!(SECTION_KEYS.contains(&key), "{key}");
        }
    }

    #[test]
    fn thousands_separators() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (151083, "151,083"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }

    #[test]
    fn pay_lines_show_labelled_and_unlabelled_figures() {
        let pay = |unlabelled: &[&str], low, median, high| Pay {
            heading: "Pay".into(),
            currency: "USD".into(),
            region: None,
            median,
            low,
            high,
            text: None,
            unlabelled: unlabelled.iter().map(|s| s.to_string()).collect(),
        };
        let cases = [
            (
                pay(&[], Some(105_000), Some(151_083), Some(250_000)),
                "median USD 151,083 · range USD 105,000 to USD 250,000",
            ),
            (pay(&[], None, Some(151_083), None), "median USD 151,083"),
            (
                pay(
                    &["USD 105,000", "USD 133,080", "USD 190,000"],
                    Some(105_000),
                    Some(133_080),
                    Some(190_000),
                ),
                "“USD 105,000”, “USD 133,080”, “USD 190,000”, as the guide lists them, without \
                 labels (read in that order as low, median and high)",
            ),
            (
                pay(&["USD 1", "USD 2"], Some(1), None, Some(2)),
                "“USD 1”, “USD 2”, as the guide lists them, without labels (read in that order \
                 as low and high)",
            ),
        ];
        for (pay, expected) in cases {
            assert_eq!(pay_line(&pay), expected);
        }
    }
}
