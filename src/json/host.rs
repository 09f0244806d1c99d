//! Number conversions taken from the host instead of compiled in (feature `host-numbers`).
//!
//! Reading a decimal that Clinger's fast path cannot (see `parse::float`) needs big-integer
//! comparisons, and writing a non-integer double needs the shortest-round-trip search (`ryu-js`);
//! together they are a sizeable part of a wasm that validates configs. A JavaScript host already
//! has both, exactly as ECMAScript defines them: `Number(text)` and `String(n)`. The wasm of
//! `hookseal/config` installs them here (`src/wasm/`), and the JSON reader and writers call them
//! on those paths only; integers and exact decimals never leave Rust.
//!
//! The hook is a `static` set once, not a parameter, because the writers that print numbers sit
//! under every message and result; `once_cell`'s race-free cell keeps it without `unsafe`.

use alloc::string::String;

use once_cell::race::OnceRef;

/// The host's conversions.
pub(crate) struct NumberHost {
    /// The double nearest to a decimal in the JSON number grammar (no sign, leading zeros
    /// allowed), as ECMAScript's `Number(text)` reads it.
    pub(crate) parse: fn(&str) -> f64,
    /// Appends a finite `n` as ECMAScript's `Number.prototype.toString` writes it.
    pub(crate) write: fn(f64, &mut String),
}

static HOST: OnceRef<'static, NumberHost> = OnceRef::new();

/// Installs `host`; later calls keep the first.
pub(crate) fn set_number_host(host: &'static NumberHost) {
    // A second install only comes from the same bindings, with the same functions.
    let _ = HOST.set(host);
}

/// The double nearest to `text`, or NaN (which the parser reports as out of range) before a host
/// is installed. The bindings install theirs when the module starts, before any call.
pub(crate) fn parse_number(text: &[u8]) -> f64 {
    match (HOST.get(), core::str::from_utf8(text)) {
        (Some(host), Ok(text)) => (host.parse)(text),
        _ => f64::NAN,
    }
}

/// Appends `n` as the host writes it; before a host is installed, as `null`, which no result
/// reaches (see [`parse_number`]).
pub(crate) fn write_number(n: f64, out: &mut String) {
    match HOST.get() {
        Some(host) => (host.write)(n, out),
        None => out.push_str("null"),
    }
}
