//! RFC 8785 JSON Canonicalization Scheme (JCS): one byte string per JSON value.
//!
//! A signature over JSON is only useful if sender and receiver hash the same bytes, yet the same
//! value has countless spellings: member order, whitespace, escapes, `1E2` or `100`. JCS picks
//! exactly one of them, so that a signer can canonicalize before signing and a verifier can
//! canonicalize what it received, whoever serialized it in between.
//!
//! The canonical form, per RFC 8785 section 3.2:
//!
//! - no whitespace between tokens;
//! - object members sorted by name, comparing names as arrays of UTF-16 code units (as
//!   JavaScript's `Array.prototype.sort` does), recursively; this differs from UTF-8 byte order
//!   for characters above U+FFFF against characters in U+E000..U+FFFF;
//! - strings with only `"` and `\` and the C0 controls escaped: `\b \t \n \f \r` where they exist,
//!   other controls as `\u00xx` in lower case, every other character as itself (`/`, U+007F and
//!   U+2028 included);
//! - numbers as ECMAScript's `Number.prototype.toString` writes them (`1e+21`, `1e-7`,
//!   `0.000001`, `-0` as `0`), which [`ryu_js`] implements; NaN and the infinities are refused.
//!
//! Input goes through the strict parser [`crate::json::parse`] first, because canonicalizing an
//! ambiguous document (duplicate names, lone surrogates, numbers a double cannot hold) would sign
//! one reading of it while a receiver may take another.
//!
//! ```
//! let canonical = hookseal::canonical::canonicalize(br#"{ "b": [1.0E2, "\u0041"], "a": -0 }"#)?;
//! assert_eq!(canonical, r#"{"a":0,"b":[100,"A"]}"#);
//! # Ok::<(), hookseal::Error>(())
//! ```

#[cfg(feature = "serde")]
mod serde;
#[cfg_attr(not(feature = "canonical-tokens"), allow(dead_code))]
mod stringified;
mod write;

#[cfg(feature = "serde")]
pub use self::serde::to_string;
pub use stringified::canonicalize_stringified;

use alloc::string::String;

use crate::error::Result;
use crate::json::{self, Value, DEFAULT_MAX_DEPTH};

pub use crate::json::ParseOptions;

/// The canonical form of the JSON text `input`, parsed with the default [`ParseOptions`].
///
/// Fails with the parser's codes (`invalid_json`, `invalid_utf8`, `duplicate_key`,
/// `lone_surrogate`, `number_out_of_range`, `too_deep`) if `input` is not I-JSON.
pub fn canonicalize(input: &[u8]) -> Result<String> {
    canonicalize_with(input, &ParseOptions::default())
}

/// The canonical form of the JSON text `input`, parsed with `options`.
///
/// With the `canonical-tokens` feature (a default), text whose every token is already in
/// canonical form (as `JSON.stringify` writes them, with any whitespace between tokens) is
/// answered from its tokens, without building a tree; any other text goes through the strict
/// parser, which gives the answer or the exact error. Both answer every input alike.
pub fn canonicalize_with(input: &[u8], options: &ParseOptions) -> Result<String> {
    #[cfg(feature = "canonical-tokens")]
    if let Some(canonical) = stringified::from_tokens(input, options) {
        return Ok(canonical);
    }
    strict(input, options)
}

/// [`canonicalize_with`] through the strict parser and the tree it builds, always.
pub(crate) fn strict(input: &[u8], options: &ParseOptions) -> Result<String> {
    let value = json::parse(input, options)?;
    // The canonical form is rarely longer than the input; reserve that much once.
    let mut out = String::with_capacity(input.len());
    // The parser already bounded the depth (by at most `options.max_depth`).
    write::write_value(&value, &mut out, options.max_depth)?;
    Ok(out)
}

/// Appends the canonical form of `value` to `out`.
///
/// Fails with `number_out_of_range` for a NaN or infinite number, and with `too_deep` for a value
/// nested deeper than [`DEFAULT_MAX_DEPTH`] (128) levels, the parser's default limit. The writer
/// keeps its own stack on the heap, so depth costs no call stack; the limit is counted while
/// writing. On error, `out` is left as it was.
pub fn write_value(value: &Value, out: &mut String) -> Result<()> {
    write::write_value(value, out, DEFAULT_MAX_DEPTH)
}

/// The canonical form of `value`; see [`write_value`] for the errors.
pub fn to_canonical_string(value: &Value) -> Result<String> {
    let mut out = String::new();
    write_value(value, &mut out)?;
    Ok(out)
}
