//! The sender's policies as data: retry schedules (bounds, count, determinism, the Svix preset),
//! the classification of attempt outcomes (with both `Retry-After` forms) and the
//! resolved-address check.

use std::time::Duration;

use hookseal::delivery::{
    check_resolved_address, classify, retry_after_delay, AddressRefusal, Attempt, Backoff, NetworkError, RetrySchedule,
    StopReason, Verdict, DEFAULT_RETRY_AFTER_CAP, MAX_RETRIES, SVIX_RETRY_DELAYS,
};
use hookseal::schema::UrlRefusal;
use proptest::prelude::*;

/// A seeded xorshift32: the "random source" a sender would back with its CSPRNG or `Math.random`.
fn xorshift(mut state: u32) -> impl FnMut() -> u32 {
    move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    }
}

proptest! {
    #[test]
    fn exponential_delays_stay_within_their_bounds(
        base_ms in 0u64..100_000, cap_ms in 0u64..40_000_000, retries in 0u32..40, seed in 1u32..,
    ) {
        let backoff = Backoff { base: Duration::from_millis(base_ms), cap: Duration::from_millis(cap_ms) };
        let delays = RetrySchedule::Exponential(backoff).delays(retries, xorshift(seed));
        prop_assert_eq!(delays.len(), retries as usize);
        for (n, d) in delays.iter().enumerate() {
            let bound = cap_ms.min(base_ms.saturating_mul(1u64.checked_shl(n as u32).unwrap_or(u64::MAX)));
            prop_assert!(d.as_millis() <= u128::from(bound), "retry {}: {:?} > {} ms", n, d, bound);
            prop_assert_eq!(backoff.bound(n as u32), Duration::from_millis(bound));
        }
        // Deterministic: the same source gives the same schedule.
        prop_assert_eq!(delays, RetrySchedule::Exponential(backoff).delays(retries, xorshift(seed)));
    }
}

#[test]
fn exponential_delays_reach_both_ends_of_their_range() {
    let b = Backoff { base: Duration::from_secs(5), cap: Duration::from_secs(60) };
    let top = RetrySchedule::Exponential(b).delays(6, || u32::MAX);
    assert_eq!(top, [5, 10, 20, 40, 60, 60].map(Duration::from_secs));
    assert_eq!(RetrySchedule::Exponential(b).delays(6, || 0), [Duration::ZERO; 6]);
    let half = RetrySchedule::Exponential(b).delays(2, || 1 << 31);
    assert_eq!(half, [Duration::from_millis(2500), Duration::from_millis(5000)]);
    // Jitter spreads the delays: many sources, many distinct values.
    let mut source = xorshift(12_345);
    let mut seen: Vec<Duration> = (0..200).map(|_| RetrySchedule::Exponential(b).delays(1, &mut source)[0]).collect();
    seen.sort();
    seen.dedup();
    assert!(seen.len() > 150, "{}", seen.len());
    assert_eq!(RetrySchedule::default().delays(3, || u32::MAX), [5, 10, 20].map(Duration::from_secs));
}

#[test]
fn the_count_follows_max_retries_within_the_limits() {
    for n in [0, 1, 3, 10] {
        assert_eq!(RetrySchedule::default().delays(n, xorshift(9)).len(), n as usize);
    }
    assert_eq!(RetrySchedule::default().delays(u32::MAX, xorshift(9)).len(), MAX_RETRIES as usize);
    let mut calls = 0;
    RetrySchedule::default().delays(4, || {
        calls += 1;
        7
    });
    assert_eq!(calls, 4);
}

#[test]
fn the_svix_preset_is_svixs_published_schedule() {
    let hours = |h: u64| Duration::from_secs(h * 3600);
    let published = [
        Duration::from_secs(5),
        Duration::from_secs(300),
        Duration::from_secs(1800),
        hours(2),
        hours(5),
        hours(10),
        hours(10),
    ];
    assert_eq!(SVIX_RETRY_DELAYS, published);
    assert_eq!(RetrySchedule::Svix.delays(10, || panic!("no jitter")), published);
    assert_eq!(RetrySchedule::Svix.delays(7, xorshift(1)), published);
    assert_eq!(RetrySchedule::Svix.delays(3, xorshift(1)), published[..3]);
    assert_eq!(RetrySchedule::Svix.delays(0, xorshift(1)), []);
    // Svix: "an attempt that fails three times before eventually succeeding will be delivered
    // roughly 35 minutes and 5 seconds following the first attempt".
    assert_eq!(published[..3].iter().sum::<Duration>(), Duration::from_secs(35 * 60 + 5));
}

const NOW: i64 = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT

fn status(status: u16, retry_after: Option<&str>) -> Verdict {
    classify(&Attempt::Response { status, retry_after }, NOW, DEFAULT_RETRY_AFTER_CAP)
}

const RETRY: Verdict = Verdict::Retry { after: None };

#[test]
fn classification_table() {
    for s in [200, 201, 202, 204, 299] {
        assert_eq!(status(s, None), Verdict::Delivered, "{s}");
    }
    for s in [408, 429, 500, 502, 503, 504, 599] {
        assert_eq!(status(s, None), RETRY, "{s}");
    }
    for s in [300, 301, 302, 303, 304, 307, 308] {
        assert_eq!(status(s, None), Verdict::Stop(StopReason::Redirect), "{s}");
    }
    assert_eq!(status(410, None), Verdict::Stop(StopReason::Gone));
    for s in [400, 401, 403, 404, 405, 413, 415, 422, 451, 499] {
        assert_eq!(status(s, None), Verdict::Stop(StopReason::ClientError), "{s}");
    }
    for s in [0, 100, 101, 199, 600, 999] {
        assert_eq!(status(s, None), RETRY, "{s}");
    }
    for e in [NetworkError::Dns, NetworkError::Connect, NetworkError::Tls, NetworkError::Reset, NetworkError::Other] {
        assert_eq!(classify(&Attempt::Network(e), NOW, DEFAULT_RETRY_AFTER_CAP), RETRY, "{}", e.code());
    }
    assert_eq!(classify(&Attempt::Timeout, NOW, DEFAULT_RETRY_AFTER_CAP), RETRY);
    let refused = classify(&Attempt::AddressRefused, NOW, DEFAULT_RETRY_AFTER_CAP);
    assert_eq!(refused, Verdict::Stop(StopReason::AddressRefused));
    assert_eq!(StopReason::ClientError.code(), "client_error");
}

#[test]
fn retry_after_in_both_forms_is_honoured_and_capped() {
    let after = |secs: u64| Verdict::Retry { after: Some(Duration::from_secs(secs)) };
    assert_eq!(status(503, Some("120")), after(120));
    assert_eq!(status(429, Some(" 0 ")), after(0));
    assert_eq!(status(408, Some("Sun, 06 Nov 1994 08:50:37 GMT")), after(60));
    assert_eq!(status(503, Some("Sunday, 06-Nov-94 08:59:37 GMT")), after(600));
    assert_eq!(status(503, Some("Sun Nov  6 09:49:37 1994")), after(3600));
    // In the past: retry now. Too far: the cap. Unreadable: the schedule decides.
    assert_eq!(status(503, Some("Sat, 05 Nov 1994 08:49:37 GMT")), after(0));
    assert_eq!(status(503, Some("86400")), after(3600));
    assert_eq!(status(503, Some("Mon, 07 Nov 1994 08:49:37 GMT")), after(3600));
    assert_eq!(status(503, Some("184467440737095516160")), after(3600));
    for junk in ["", "-5", "1.5", "soon", "Sun, 06 Nov 1994 08:49:37 PST", "120s"] {
        assert_eq!(status(503, Some(junk)), RETRY, "{junk:?}");
    }
    // Only retryable answers carry it.
    assert_eq!(status(301, Some("5")), Verdict::Stop(StopReason::Redirect));
    assert_eq!(status(200, Some("5")), Verdict::Delivered);
    let short = classify(&Attempt::Response { status: 429, retry_after: Some("90") }, NOW, Duration::from_secs(30));
    assert_eq!(short, after(30));
    assert_eq!(retry_after_delay("7", 0, Duration::MAX), Some(Duration::from_secs(7)));
}

#[test]
fn resolved_addresses() {
    let refused = |a: &str, private: bool| check_resolved_address(a, private).map_err(AddressRefusal::code);
    for public in ["93.184.215.14", "8.8.8.8", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "[2001:4860:4860::8888]"] {
        assert!(refused(public, false).is_ok(), "{public}");
    }
    assert_eq!(check_resolved_address("[::ffff:8.8.8.8]", false).unwrap().to_string(), "::ffff:8.8.8.8");
    for (address, code) in [
        ("127.0.0.1", "loopback_address"),
        ("::1", "loopback_address"),
        ("10.1.2.3", "private_address"),
        ("172.31.255.255", "private_address"),
        ("192.168.0.1", "private_address"),
        ("169.254.169.254", "link_local_address"),
        ("fe80::1%eth0", "link_local_address"),
        ("fd00::1", "unique_local_address"),
        ("100.64.0.1", "shared_address"),
        ("::ffff:127.0.0.1", "loopback_address"),
        ("64:ff9b::10.0.0.1", "private_address"),
        ("2002:c0a8:0101::1", "private_address"),
    ] {
        assert_eq!(refused(address, false), Err(code), "{address}");
        assert!(refused(address, true).is_ok(), "{address} with allow_private");
    }
    for (address, code) in [
        ("0.0.0.0", "unspecified_address"),
        ("::", "unspecified_address"),
        ("224.0.0.1", "multicast_address"),
        ("ff02::1", "multicast_address"),
        ("255.255.255.255", "broadcast_address"),
        ("192.0.2.1", "documentation_address"),
        ("2001:db8::1", "documentation_address"),
        ("240.0.0.1", "reserved_address"),
    ] {
        assert_eq!(refused(address, false), Err(code), "{address}");
        assert_eq!(refused(address, true), Err(code), "{address} with allow_private");
    }
    for junk in ["", "localhost", "example.com", "1.2.3", "1.2.3.4%eth0", "fe80::1%", "[1.2.3.4]x", "::g", "0x7f.0.0.1"]
    {
        assert_eq!(refused(junk, true), Err("invalid_address"), "{junk:?}");
    }
    let err = check_resolved_address("10.0.0.1", false).unwrap_err();
    assert_eq!(err, AddressRefusal::Refused(UrlRefusal::PrivateAddress));
    assert_eq!(err.to_string(), "the URL host is a private network address (private_address)");
}
