//! [`to_string`]: the RFC 8785 form of any `Serialize` value (the `serde` feature).

use alloc::string::String;

use ::serde::Serialize;

use crate::error::Result;

/// The canonical (RFC 8785) form of `value`: what [`canonicalize`](super::canonicalize) gives
/// for `value`'s JSON text, members sorted by UTF-16 code units and numbers as ECMAScript
/// prints them, without writing that text first.
///
/// The value goes through [`json::to_value`](crate::json::to_value), which refuses what JSON
/// cannot hold exactly rather than signing a changed value, each with a stable code:
///
/// - `number_out_of_range`: NaN or an infinity, or an integer (`u64`, `i64`, `u128`…) beyond
///   ±2^53, which a double would round (`2^53 + 1` would be signed as `2^53`) or print as other
///   digits (`2^60` as `1152921504606847000`): send such a number as a string;
/// - `unsupported_value`: a byte string, a map key that is not a string, `char`, integer or `bool`
///   (integer and `bool` keys become their text, as `serde_json` writes them), or an error of the
///   value's own `Serialize`;
/// - `duplicate_key`: an object with a name twice (a `#[serde(flatten)]` can produce one);
/// - `too_deep`: nesting deeper than [`DEFAULT_MAX_DEPTH`](crate::json::DEFAULT_MAX_DEPTH).
///
/// Whatever `serde_json` serializes without one of these, this gives the canonical form of
/// `serde_json`'s text, with one exception: an `f32` is the double it is exactly (`0.1f32` is
/// `0.10000000149011612`, as `serde_json_canonicalizer` writes it), since RFC 8785 numbers are
/// doubles, where `serde_json` writes the `f32`'s own shortest digits (`0.1`, another number).
///
/// ```
/// use std::collections::HashMap;
///
/// #[derive(serde::Serialize)]
/// struct Order { total: f64, id: u32, items: HashMap<&'static str, u8>, note: Option<String> }
///
/// let order = Order { total: 1e21, id: 7, items: HashMap::from([("€", 2), ("b", 1)]), note: None };
/// assert_eq!(
///     hookseal::canonical::to_string(&order)?,
///     r#"{"id":7,"items":{"b":1,"€":2},"note":null,"total":1e+21}"#
/// );
///
/// let id = hookseal::canonical::to_string(&(1u64 << 60)).unwrap_err();
/// assert_eq!(id.code(), hookseal::Code::NumberOutOfRange);
/// # Ok::<(), hookseal::Error>(())
/// ```
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    super::to_canonical_string(&crate::json::to_value(value)?)
}
