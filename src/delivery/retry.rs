//! Retry schedules as data: the delays a sender waits before each retry, computed up front.
//!
//! A schedule is a list so that a queue (BullMQ, SQS, a database row) can store it or compute
//! "the next attempt is due at" without calling back into hookseal. The first attempt is not in
//! the list: it goes out at once; delay `n` is waited after the failure of attempt `n + 1`.

use alloc::vec::Vec;
use core::time::Duration;

/// Most retries a configuration may ask for and a schedule holds (Talkover allows 10).
///
/// ```
/// use hookseal::delivery::{RetrySchedule, MAX_RETRIES};
/// assert_eq!(RetrySchedule::default().delays(u32::MAX, || 0).len(), MAX_RETRIES as usize);
/// ```
pub const MAX_RETRIES: u32 = 100;

/// Svix's published schedule, as delays before each retry: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
/// 10 h. Svix lists it as "immediately, 5 seconds, …": "immediately" is the first attempt, and
/// each period starts after the failure of the attempt before it, so an attempt that fails three
/// times and then succeeds lands 35 min 5 s after the first.
///
/// ```
/// use hookseal::delivery::SVIX_RETRY_DELAYS;
/// let first_three: u64 = SVIX_RETRY_DELAYS[..3].iter().map(|d| d.as_secs()).sum();
/// assert_eq!(first_three, 35 * 60 + 5);
/// ```
pub const SVIX_RETRY_DELAYS: [Duration; 7] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(5 * 3600),
    Duration::from_secs(10 * 3600),
    Duration::from_secs(10 * 3600),
];

/// Exponential backoff with full jitter: retry `n` (from 0) waits a uniformly random time in
/// `[0, min(cap, base · 2^n)]`, at millisecond granularity.
///
/// Full jitter (rather than a fixed exponential delay) spreads the retries of many deliveries that
/// failed together, so a receiver that comes back is not hit by all of them at once.
///
/// ```
/// use core::time::Duration;
/// use hookseal::delivery::Backoff;
/// let backoff = Backoff::default();
/// assert_eq!(backoff.base, Duration::from_secs(5));
/// assert_eq!(backoff.bound(3), Duration::from_secs(40));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// The bound of the first retry's delay.
    pub base: Duration,
    /// The bound no delay exceeds.
    pub cap: Duration,
}

impl Default for Backoff {
    /// Base 5 s (Svix's first retry), cap 10 h (Svix's longest wait).
    fn default() -> Backoff {
        Backoff { base: Duration::from_secs(5), cap: Duration::from_secs(10 * 3600) }
    }
}

impl Backoff {
    /// The upper bound of retry `n`'s delay: `min(cap, base · 2^n)`, in whole milliseconds.
    ///
    /// ```
    /// use core::time::Duration;
    /// use hookseal::delivery::Backoff;
    /// let b = Backoff { base: Duration::from_secs(1), cap: Duration::from_secs(60) };
    /// assert_eq!(b.bound(0), Duration::from_secs(1));
    /// assert_eq!(b.bound(10), Duration::from_secs(60));
    /// ```
    pub fn bound(&self, n: u32) -> Duration {
        Duration::from_millis(self.bound_ms(n))
    }

    fn bound_ms(&self, n: u32) -> u64 {
        let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let factor = 1u64.checked_shl(n).unwrap_or(u64::MAX);
        millis(self.base).saturating_mul(factor).min(millis(self.cap))
    }
}

/// How retries are spaced.
///
/// ```
/// use hookseal::delivery::RetrySchedule;
/// assert_eq!(RetrySchedule::default(), RetrySchedule::Exponential(Default::default()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetrySchedule {
    /// Exponential backoff with full jitter.
    Exponential(Backoff),
    /// [`SVIX_RETRY_DELAYS`], no jitter.
    Svix,
}

impl Default for RetrySchedule {
    /// Exponential backoff with the default [`Backoff`].
    fn default() -> RetrySchedule {
        RetrySchedule::Exponential(Backoff::default())
    }
}

impl RetrySchedule {
    /// The delays before each of at most `max_retries` retries (and at most [`MAX_RETRIES`]; the
    /// Svix preset has seven). `random` is called once per exponential delay and should be
    /// uniform over `u32`; the result is a pure function of its outputs, so a seeded source
    /// reproduces a schedule exactly. Delay `n` is `random() · (bound(n) + 1) / 2^32`
    /// milliseconds, within `[0, bound(n)]`.
    ///
    /// ```
    /// use core::time::Duration;
    /// use hookseal::delivery::{Backoff, RetrySchedule};
    /// let schedule = RetrySchedule::Exponential(Backoff::default());
    /// assert_eq!(schedule.delays(3, || u32::MAX), [5, 10, 20].map(Duration::from_secs));
    /// assert_eq!(schedule.delays(3, || 0), [Duration::ZERO; 3]);
    /// assert_eq!(RetrySchedule::Svix.delays(2, || 0), [5, 300].map(Duration::from_secs));
    /// ```
    pub fn delays(&self, max_retries: u32, mut random: impl FnMut() -> u32) -> Vec<Duration> {
        let count = max_retries.min(MAX_RETRIES);
        match self {
            RetrySchedule::Svix => SVIX_RETRY_DELAYS.iter().copied().take(count as usize).collect(),
            RetrySchedule::Exponential(backoff) => (0..count)
                .map(|n| {
                    let bound = u128::from(backoff.bound_ms(n));
                    let scaled = (u128::from(random()) * (bound + 1)) >> 32;
                    Duration::from_millis(u64::try_from(scaled).unwrap_or(u64::MAX))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_saturate_instead_of_overflowing() {
        let b = Backoff { base: Duration::from_secs(u64::MAX), cap: Duration::MAX };
        assert_eq!(b.bound(200), Duration::from_millis(u64::MAX));
        let zero = Backoff { base: Duration::ZERO, cap: Duration::from_secs(1) };
        assert_eq!(RetrySchedule::Exponential(zero).delays(5, || u32::MAX), [Duration::ZERO; 5]);
        assert_eq!(RetrySchedule::default().delays(u32::MAX, || 1).len(), MAX_RETRIES as usize);
    }
}
