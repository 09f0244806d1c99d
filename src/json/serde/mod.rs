//! [`Value`] and serde (the `serde` feature): `Serialize`, `Deserialize`, and [`to_value`].
//!
//! The three keep what a [`Value`] promises, whatever format or type is on the other side:
//!
//! - numbers are doubles, and only numbers a double holds exactly come in. A value of an integer
//!   type (`u64`, `i64`, `u128`…) must lie within ±2^53, where every integer is exactly a double
//!   and prints as its own digits; beyond it a double rounds (`9007199254740993` would become
//!   `…992`, and `2^60` prints as `1152921504606847000`), so it is refused with
//!   `number_out_of_range`, as [`ParseOptions::exact_integers`](super::ParseOptions::exact_integers)
//!   refuses such literals. NaN and the infinities are refused with `number_out_of_range` too.
//!   Floats (`f32`, `f64`) are taken as the number they are (an `f32` widened exactly);
//! - objects keep their members in order, and a name that comes twice is refused with
//!   `duplicate_key`, as the parser refuses it (a `#[serde(flatten)]` can produce one);
//! - nesting is bounded by [`DEFAULT_MAX_DEPTH`] (`too_deep`), counted as containers open, so a
//!   deep input is refused before it can exhaust the call stack (serde recurses);
//! - byte strings are refused with `unsupported_value`: JSON has no bytes, and choosing a text
//!   form for them (an array of numbers, base64, hex) is the application's decision.

mod de;
mod key;
mod to_value;

pub use to_value::to_value;

use ::serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::Value;

#[cfg(doc)]
use super::DEFAULT_MAX_DEPTH;

/// 2^53: every integer of at most this magnitude is exactly a double, and no larger one is
/// without its neighbours rounding to it.
pub(crate) const MAX_EXACT_INTEGER: i128 = 1 << 53;

/// The double of an integer, if it holds the integer exactly and is within ±2^53.
pub(crate) fn exact_integer(n: i128) -> Option<f64> {
    if (-MAX_EXACT_INTEGER..=MAX_EXACT_INTEGER).contains(&n) {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        // Within ±2^53 the conversion is exact.
        Some(n as i64 as f64)
    } else {
        None
    }
}

/// The message of a refused integer (the integer itself is data, not a secret).
pub(crate) fn integer_message(n: impl core::fmt::Display) -> alloc::string::String {
    alloc::format!(
        "the integer {n} is beyond 2^53 in magnitude: no double holds every integer there, so its JSON \
         number would be read back as another integer"
    )
}

/// Writes a value through any serde serializer: `null`, booleans and strings as themselves,
/// arrays as sequences, objects as maps in member order.
///
/// A number that is an integer within ±2^53 (other than `-0`) is handed over as an `i64`, so that
/// a format with integers writes `1`, not `1.0` (`serde_json` would); any other number as the
/// `f64` it is. A NaN or infinite number, which only a hand-built [`Value`] can hold, is handed
/// over as such: [`canonical::to_string`](crate::canonical::to_string) refuses it with
/// `number_out_of_range`, as [`to_canonical_string`](crate::canonical::to_canonical_string) does,
/// while `serde_json` writes `null`.
///
/// ```
/// use hookseal::json::{parse, ParseOptions};
///
/// let value = parse(br#"{"b": [1, 2.5, -0], "a": "x"}"#, &ParseOptions::default())?;
/// assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"b":[1,2.5,-0.0],"a":"x"}"#);
/// # Ok::<(), hookseal::Error>(())
/// ```
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => match integer_of(*n) {
                Some(i) => serializer.serialize_i64(i),
                None => serializer.serialize_f64(*n),
            },
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (name, item) in map.iter() {
                    out.serialize_entry(name, item)?;
                }
                out.end()
            }
        }
    }
}

/// `n` as an `i64`, if it is an integer within ±2^53 other than `-0`.
fn integer_of(n: f64) -> Option<i64> {
    #[allow(clippy::cast_precision_loss)]
    let limit = MAX_EXACT_INTEGER as f64;
    if n.abs() > limit || n.is_nan() || (n == 0.0 && n.is_sign_negative()) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let i = n as i64;
    #[allow(clippy::cast_precision_loss)]
    let exact = i as f64 == n;
    exact.then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_of_doubles() {
        assert_eq!(integer_of(1.0), Some(1));
        assert_eq!(integer_of(-9_007_199_254_740_992.0), Some(-9_007_199_254_740_992));
        assert_eq!(integer_of(9_007_199_254_740_994.0), None);
        assert_eq!(integer_of(0.5), None);
        assert_eq!(integer_of(-0.0), None);
        assert_eq!(integer_of(f64::NAN), None);
        assert_eq!(integer_of(f64::INFINITY), None);
        assert_eq!(exact_integer(1 << 53), Some(9_007_199_254_740_992.0));
        assert_eq!(exact_integer(-(1 << 53) - 1), None);
    }
}
