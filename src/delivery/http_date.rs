//! HTTP-dates (RFC 9110 §5.6.7) as Unix seconds, for `Retry-After`.
//!
//! Recipients must accept all three forms: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the
//! obsolete RFC 850 form `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994`.
//! The day name is checked for spelling, not against the date: a wrong weekday says nothing about
//! when to retry.

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The Unix time of an HTTP-date; `now` (Unix seconds) resolves RFC 850's two-digit year.
pub(crate) fn parse(text: &str, now: i64) -> Option<i64> {
    let fields: alloc::vec::Vec<&str> = text.split(' ').collect();
    match fields.as_slice() {
        // IMF-fixdate: day-name "," SP day SP month SP year SP time SP "GMT".
        [day_name, day, month, year, time, "GMT"] if day_name.strip_suffix(',').is_some_and(is_day) => {
            let year = digits(year, 4)?;
            at(year, month_number(month)?, digits(day, 2)?, time)
        }
        // RFC 850: day-name-l "," SP day "-" month "-" 2DIGIT SP time SP "GMT".
        [day_name, date, time, "GMT"] if day_name.strip_suffix(',').is_some_and(|d| LONG_DAYS.contains(&d)) => {
            let mut parts = date.split('-');
            let (day, month, yy) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() {
                return None;
            }
            at(full_year(digits(yy, 2)?, now), month_number(month)?, digits(day, 2)?, time)
        }
        // asctime: day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time SP year; a one-digit
        // day leaves an empty field between the two spaces.
        [day_name, month, "", day, time, year] if is_day(day_name) && day.len() == 1 => {
            at(digits(year, 4)?, month_number(month)?, digits(day, 1)?, time)
        }
        [day_name, month, day, time, year] if is_day(day_name) => {
            at(digits(year, 4)?, month_number(month)?, digits(day, 2)?, time)
        }
        _ => None,
    }
}

fn is_day(name: &str) -> bool {
    DAYS.contains(&name)
}

fn month_number(name: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|m| *m == name)?;
    u32::try_from(index).ok().map(|i| i + 1)
}

/// Exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The year ending in `yy` that is not more than 50 years after `now`'s year (RFC 9110 §5.6.7).
fn full_year(yy: u32, now: i64) -> u32 {
    let this_year = year_of(now.div_euclid(86_400));
    let mut year = this_year - this_year % 100 + i64::from(yy);
    if year > this_year + 50 {
        year -= 100;
    } else if year <= this_year - 50 {
        year += 100;
    }
    u32::try_from(year).unwrap_or(0)
}

/// `hh:mm:ss` on the given date, as Unix seconds.
fn at(year: u32, month: u32, day: u32, time: &str) -> Option<i64> {
    let mut parts = time.split(':');
    let (h, m, s) = (digits(parts.next()?, 2)?, digits(parts.next()?, 2)?, digits(parts.next()?, 2)?);
    // 60 is a leap second.
    if parts.next().is_some() || h > 23 || m > 59 || s > 60 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    Some(days * 86_400 + i64::from(h * 3600 + m * 60 + s))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`, year only).
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400;
    if mp >= 10 {
        year + 1
    } else {
        year
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_6_1994: i64 = 784_111_777;
    const NOW_2026: i64 = 1_780_000_000;

    #[test]
    fn the_three_forms_of_rfc_9110() {
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW_2026), Some(NOV_6_1994));
        assert_eq!(parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW_2026), Some(NOV_6_1994));
        assert_eq!(parse("Sun Nov  6 08:49:37 1994", NOW_2026), Some(NOV_6_1994));
        assert_eq!(parse("Sun Nov 16 08:49:37 1994", NOW_2026), Some(NOV_6_1994 + 10 * 86_400));
        assert_eq!(parse("Thu, 01 Jan 1970 00:00:00 GMT", 0), Some(0));
        assert_eq!(parse("Tue, 29 Feb 2000 23:59:60 GMT", 0), Some(951_868_800));
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun,  06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Funday, 06 Nov 1994 08:49:37 GMT",
            "120",
        ] {
            assert_eq!(parse(bad, NOW_2026), None, "{bad:?}");
        }
    }

    #[test]
    fn two_digit_years_are_at_most_fifty_years_ahead() {
        let year = |t: &str, now| parse(t, now).map(|s| year_of(s.div_euclid(86_400)));
        assert_eq!(year("Monday, 01-Jan-30 00:00:00 GMT", NOW_2026), Some(2030));
        assert_eq!(year("Monday, 01-Jan-77 00:00:00 GMT", NOW_2026), Some(1977));
        assert_eq!(year("Monday, 01-Jan-76 00:00:00 GMT", NOW_2026), Some(2076));
        // Near the end of a century the next one is meant: 2101 from 2099.
        assert_eq!(year("Monday, 01-Jan-01 00:00:00 GMT", 4_085_000_000), Some(2101));
        for days in [-1, 0, 59, 365, 10_957, 11_016, 2_932_896] {
            let y = year_of(days);
            assert!(days_from_civil(y, 1, 1) <= days && days < days_from_civil(y + 1, 1, 1), "{days}");
        }
    }
}
