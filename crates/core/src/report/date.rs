//! Dates in UTC, without a date-time crate: reports write "now" as RFC 3339 (the
//! date is injectable for stable snapshots), the desk stamps set-aside files
//! compactly. One civil-date conversion for both.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Seconds since 1970-01-01 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian).
pub fn format_utc(secs: u64) -> String {
    let (y, m, d, h, mi, s) = split(secs);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Seconds since 1970-01-01 as `YYYYMMDDTHHMMSSZ` (ISO 8601 basic: fits a file name).
/// Any `u64` works (a session file's `saved_at` may hold anything).
pub fn format_utc_compact(secs: u64) -> String {
    let (y, m, d, h, mi, s) = split(secs);
    format!("{y:04}{m:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

fn split(secs: u64) -> (i64, u32, u32, u64, u64, u64) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_date(days);
    (y, m, d, rem / 3600, rem / 60 % 60, rem % 60)
}

/// Day number since 1970-01-01 → (year, month, day). Counts in 400-year eras
/// starting on 1 March, so the leap day falls at the end of the counted year.
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153; // month from March = 0
    let d = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_utc(1_795_647_599), "2026-11-25T22:59:59Z");
        assert_eq!(format_utc_compact(1_795_647_599), "20261125T225959Z");
        assert!(format_utc_compact(u64::MAX).ends_with('Z'));
    }
}
