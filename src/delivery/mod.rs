//! The sending side: what a sender does around each delivery attempt, as data.
//!
//! A webhook platform must decide, for each endpoint, whether it may connect to the address the
//! endpoint's host resolved to, what an attempt's outcome means (delivered, retry, stop) and how
//! long to wait before each retry. Everything here is that logic as pure functions: no clock, no
//! randomness, no I/O of its own (the time, the random source and the outcome of each attempt are
//! arguments), so it runs the same in a server, a queue worker or a browser, and every decision
//! is testable.
//!
//! 1. Before connecting, [`check_resolved_address`] judges the address the host resolved to
//!    (the URL policy cannot see through names).
//! 2. After each attempt, [`classify`] says delivered, retry (with the receiver's `Retry-After`)
//!    or stop; [`RetrySchedule::delays`] gives the waits.
//!
//! ```
//! use hookseal::delivery::{check_resolved_address, classify, Attempt, RetrySchedule, Verdict};
//!
//! check_resolved_address("93.184.215.14", false)?;          // what example.com resolved to
//! let verdict = classify(&Attempt::Response { status: 503, retry_after: None }, 1_700_000_001, Default::default());
//! assert_eq!(verdict, Verdict::Retry { after: None });
//! let mut seed = 1u32;
//! let delays = RetrySchedule::default().delays(3, || { seed = seed.wrapping_mul(747_796_405).wrapping_add(1); seed });
//! assert_eq!(delays.len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod address;
mod http_date;
mod outcome;
mod retry;

pub use address::{check_resolved_address, AddressRefusal};
pub use outcome::{classify, retry_after_delay, Attempt, NetworkError, StopReason, Verdict, DEFAULT_RETRY_AFTER_CAP};
pub use retry::{Backoff, RetrySchedule, MAX_RETRIES, SVIX_RETRY_DELAYS};
