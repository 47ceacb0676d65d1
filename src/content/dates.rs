//! The guides' "updated" notes and the capture dates recorded beside them. A note relative to the
//! day its page was read ("Updated 28 days ago") is true only as of that day: shown as written it
//! would stay "28 days ago" for ever. So it is stated against the capture date recorded in
//! content ("Updated 2026-10-06 (“28 days ago” as of the capture on 2026-11-03)"), or not shown
//! when that day is unknown. Notes that are already absolute are shown verbatim.
//!
//! Plain proleptic-Gregorian day arithmetic; no time zones, no clock.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// `YYYY-MM-DD`, a real day of a year from 1900 to 2999.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !(all_digits(year) && all_digits(month) && all_digits(day)) {
            return None;
        }
        let date = Date {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        let valid = (1900..=2999).contains(&date.year)
            && (1..=12).contains(&date.month)
            && (1..=days_in_month(date.year, date.month)).contains(&date.day);
        valid.then_some(date)
    }

    /// Days since 1970-01-01 (negative before it).
    fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    fn minus_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() - days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A `captured` value: the day, or `"unknown"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Captured {
    On(Date),
    Unknown,
}

impl Captured {
    pub fn parse(text: &str) -> Option<Captured> {
        if text.trim().eq_ignore_ascii_case("unknown") {
            Some(Captured::Unknown)
        } else {
            Date::parse(text).map(Captured::On)
        }
    }
}

/// The part of a note that is relative to the day it was read, and how many days back it puts
/// the update when that is exact ("28 days ago": 28; "3 months ago": not exact).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Relative {
    phrase: String,
    days_back: Option<i64>,
}

/// Words of a note, lowercase.
fn note_words(note: &str) -> Vec<String> {
    note.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Finds the relative part of a note: "<n> <unit> ago", "today", "yesterday", "last <unit>".
fn relative(note: &str) -> Option<Relative> {
    let words = note_words(note);
    let count = |w: &str| -> Option<i64> {
        match w {
            "a" | "an" | "one" => Some(1),
            "two" => Some(2),
            "three" => Some(3),
            _ => w.parse().ok(),
        }
    };
    let unit_days = |unit: &str| -> Option<Option<i64>> {
        match unit.trim_end_matches('s') {
            "day" => Some(Some(1)),
            "week" => Some(Some(7)),
            "second" | "minute" | "hour" | "month" | "year" => Some(None),
            _ => None,
        }
    };
    for (i, word) in words.iter().enumerate() {
        match word.as_str() {
            "today" => {
                return Some(Relative {
                    phrase: "today".into(),
                    days_back: Some(0),
                })
            }
            "yesterday" => {
                return Some(Relative {
                    phrase: "yesterday".into(),
                    days_back: Some(1),
                })
            }
            "ago" if i >= 2 => {
                let unit = unit_days(&words[i - 1])?;
                let n = count(&words[i - 2])?;
                return Some(Relative {
                    phrase: format!("{} {} ago", words[i - 2], words[i - 1]),
                    days_back: unit.map(|days| n * days),
                });
            }
            "last" | "this" if i + 1 < words.len() && unit_days(&words[i + 1]).is_some() => {
                return Some(Relative {
                    phrase: format!("{word} {}", words[i + 1]),
                    days_back: None,
                });
            }
            _ => {}
        }
    }
    None
}

/// Whether a note only makes sense relative to the day it was read.
pub fn is_relative(note: &str) -> bool {
    relative(note).is_some()
}

/// What may be shown of a guide's update note: absolute notes verbatim; relative ones as a
/// statement dated from the capture day; nothing when the note is relative and the capture day
/// is unknown (or missing, which `careerbot check` reports).
pub fn updated_statement(updated: Option<&str>, captured: Option<&str>) -> Option<String> {
    let note = updated?.trim();
    let Some(relative) = relative(note) else {
        return Some(note.to_string());
    };
    let Some(Captured::On(day)) = captured.and_then(Captured::parse) else {
        return None;
    };
    Some(match relative.days_back {
        Some(days) => format!(
            "Updated {} (“{}” as of the capture on {day})",
            day.minus_days(days),
            relative.phrase
        ),
        None => format!("“{note}” as of the capture on {day}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_real() {
        let cases = [
            ("2026-11-03", Some("2026-11-03")),
            (" 2024-02-29 ", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2026-13-01", None),
            ("2026-04-31", None),
            ("2026-4-3", None),
            ("26-11-03", None),
            ("2026-11-03-01", None),
            ("1899-12-31", None),
            ("yesterday", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                Date::parse(text).map(|d| d.to_string()).as_deref(),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn day_arithmetic_crosses_months_years_and_leap_days() {
        let cases = [
            ("1970-01-01", 0, "1970-01-01"),
            ("2026-11-03", 28, "2026-10-06"),
            ("2026-01-10", 28, "2025-12-13"),
            ("2024-03-01", 1, "2024-02-29"),
            ("2023-03-01", 1, "2023-02-28"),
            ("2000-03-01", 1, "2000-02-29"),
            ("2100-03-01", 1, "2100-02-28"),
            ("2026-11-03", 365, "2025-11-03"),
        ];
        for (from, days, expected) in cases {
            let date = Date::parse(from).unwrap();
            assert_eq!(
                date.minus_days(days).to_string(),
                expected,
                "{from} - {days}"
            );
            assert_eq!(Date::from_days(date.to_days()), date, "{from} round trip");
        }
    }

    #[test]
    fn relative_notes_are_stated_against_the_capture_day_or_dropped() {
        let cases: &[(Option<&str>, Option<&str>, Option<&str>)] = &[
            (
                Some("Updated 28 days ago"),
                Some("2026-11-03"),
                Some("Updated 2026-10-06 (“28 days ago” as of the capture on 2026-11-03)"),
            ),
            (
                Some("Updated 2 weeks ago"),
                Some("2026-11-03"),
                Some("Updated 2026-10-20 (“2 weeks ago” as of the capture on 2026-11-03)"),
            ),
            (
                Some("Updated a day ago"),
                Some("2026-03-01"),
                Some("Updated 2026-02-28 (“a day ago” as of the capture on 2026-03-01)"),
            ),
            (
                Some("Updated yesterday"),
                Some("2026-11-03"),
                Some("Updated 2026-11-02 (“yesterday” as of the capture on 2026-11-03)"),
            ),
            (
                Some("Updated 3 months ago"),
                Some("2026-11-03"),
                Some("“Updated 3 months ago” as of the capture on 2026-11-03"),
            ),
            (
                Some("Updated last week"),
                Some("2026-11-03"),
                Some("“Updated last week” as of the capture on 2026-11-03"),
            ),
            (Some("Updated 28 days ago"), Some("unknown"), None),
            (Some("Updated 28 days ago"), None, None),
            (Some("Updated 28 days ago"), Some("not a date"), None),
            (Some("Updated March 2026"), None, Some("Updated March 2026")),
            (
                Some("Updated 2026-10-06"),
                Some("unknown"),
                Some("Updated 2026-10-06"),
            ),
            (None, Some("2026-11-03"), None),
        ];
        for (updated, captured, expected) in cases {
            assert_eq!(
                updated_statement(*updated, *captured).as_deref(),
                *expected,
                "{updated:?} / {captured:?}"
            );
        }
        assert!(is_relative("Updated 28 days ago"));
        assert!(is_relative("updated 1 hour ago"));
        assert!(!is_relative("Updated March 2026"));
        assert!(!is_relative("Updated for 2026 (28 days of research)"));
    }
}
