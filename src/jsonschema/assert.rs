//! Leaf assertions: types, numbers, and JSON equality for `enum`, `const` and `uniqueItems`
//! (whose search for a pair is in `unique.rs`).
//!
//! Numbers are doubles. `multipleOf` divides and checks that the quotient is an integer within
//! 1e-9 relative error, so decimal fractions such as `0.0075` and `0.0001` behave as people expect;
//! when the quotient overflows, the exact floating remainder decides instead (every double of
//! magnitude 2^53 or more is a multiple of 0.5).

use alloc::vec::Vec;

use super::fail::Fail;
use super::node::{types, Keywords};
use crate::json::Value;

/// True if `v` has one of the types in `bits` (`integer` accepts numbers without fraction).
pub(crate) fn type_ok(bits: u8, v: &Value) -> bool {
    let bit = match v {
        Value::Null => types::NULL,
        Value::Bool(_) => types::BOOLEAN,
        Value::Object(_) => types::OBJECT,
        Value::Array(_) => types::ARRAY,
        Value::String(_) => types::STRING,
        Value::Number(_) => {
            return bits & types::NUMBER != 0 || (bits & types::INTEGER != 0 && v.is_integer());
        }
    };
    bits & bit != 0
}

/// `x` rounded to the nearest integer (half away from zero), without `std`.
fn round(x: f64) -> f64 {
    // NaN and magnitudes of 2^52 or more have no fractional part to round.
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let t = (x as i64) as f64;
    let d = x - t;
    if d >= 0.5 {
        t + 1.0
    } else if d <= -0.5 {
        t - 1.0
    } else {
        t
    }
}

/// True if `n` is a multiple of `m` (`m > 0`).
pub(crate) fn is_multiple(n: f64, m: f64) -> bool {
    let q = n / m;
    if q.is_finite() {
        let r = round(q);
        let tolerance = 1e-9 * if r.abs() > 1.0 { r.abs() } else { 1.0 };
        (q - r).abs() <= tolerance
    } else {
        // The quotient overflows, so `n = m * odd(n)/odd(m) * 2^k` with `k` far above 0: `n` is a
        // multiple exactly when `odd(m)` divides `odd(n)` (what `n % m == 0.0` says, without the
        // float remainder's wide integer code in the wasm).
        odd_part(n) % odd_part(m) == 0
    }
}

/// The odd integer whose product with a power of two is `|x|` (`x` finite and not 0).
fn odd_part(x: f64) -> u64 {
    let bits = x.to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let significand = if (bits >> 52) & 0x7ff == 0 { fraction } else { fraction | (1 << 52) };
    significand >> significand.trailing_zeros()
}

/// The numeric keywords `n` fails.
pub(crate) fn number_fails(k: &Keywords, n: f64) -> Vec<Fail<'static>> {
    let mut out = Vec::new();
    if let Some(l) = k.minimum.filter(|l| n < *l) {
        out.push(Fail::Bound("minimum", ">=", l));
    }
    if let Some(l) = k.maximum.filter(|l| n > *l) {
        out.push(Fail::Bound("maximum", "<=", l));
    }
    if let Some(l) = k.exclusive_minimum.filter(|l| n <= *l) {
        out.push(Fail::Bound("exclusiveMinimum", ">", l));
    }
    if let Some(l) = k.exclusive_maximum.filter(|l| n >= *l) {
        out.push(Fail::Bound("exclusiveMaximum", "<", l));
    }
    if let Some(m) = k.multiple_of.filter(|m| !is_multiple(n, *m)) {
        out.push(Fail::MultipleOf(m));
    }
    out
}

/// JSON equality: numbers by value, objects regardless of member order. Each visited value costs
/// one step of `budget`; `None` if it runs out, or if both values nest deeper than
/// [`MAX_DEPTH_CAP`](crate::json::MAX_DEPTH_CAP) (only values built in memory can), which would
/// cost more stack than the recursion may take.
pub(crate) fn json_eq(a: &Value, b: &Value, budget: &mut u64) -> Option<bool> {
    // One level for the scalars inside the deepest container.
    eq_within(a, b, budget, crate::json::MAX_DEPTH_CAP + 1)
}

fn eq_within(a: &Value, b: &Value, budget: &mut u64, levels: usize) -> Option<bool> {
    *budget = budget.checked_sub(1)?;
    let levels = levels.checked_sub(1)?;
    Some(match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y) {
                if !eq_within(p, q, budget, levels)? {
                    return Some(false);
                }
            }
            true
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            // `get` is a binary search, so the members cost one step each (charged by the call).
            for (k, p) in x.iter() {
                match y.get(k) {
                    Some(q) if eq_within(p, q, budget, levels)? => {}
                    _ => return Some(false),
                }
            }
            true
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiples() {
        assert!(is_multiple(0.0075, 0.0001));
        assert!(!is_multiple(0.00751, 0.0001));
        assert!(is_multiple(12_391_239_123.0, 1e-8));
        assert!(!is_multiple(1e308, 0.123456789));
        assert!(is_multiple(1e308, 0.5));
        assert!(is_multiple(4.5, 1.5));
        assert!(!is_multiple(35.0, 1.5));
        assert!(is_multiple(-6.0, 2.0));
        assert_eq!(round(-2.5), -3.0);
    }

    #[test]
    fn multiples_of_tiny_numbers_as_the_float_remainder_says() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut checked, mut multiples) = (0, 0);
        for _ in 0..200_000 {
            // Large `n`, tiny `m`, few significant bits so that multiples occur.
            let n = f64::from_bits((next() % 0x7fe0_0000_0000_0000 + (1u64 << 62)) & !((1 << (next() % 53)) - 1));
            let m = f64::from_bits((next() % (1u64 << 62)).max(1) & !((1 << (next() % 53)) - 1)).max(f64::from_bits(1));
            let n = if next() % 2 == 0 { n } else { -n };
            if n.is_finite() && !(n / m).is_finite() {
                assert_eq!(is_multiple(n, m), n % m == 0.0, "{n:e} {m:e}");
                checked += 1;
                multiples += usize::from(n % m == 0.0);
            }
        }
        assert!(checked > 10_000 && multiples > 1000 && checked - multiples > 1000, "{checked} {multiples}");
        assert!(is_multiple(1e308, 5e-324));
        assert!(is_multiple(f64::MAX, f64::from_bits(1 << 52)));
        assert!(!is_multiple(1e308, 3e-300));
    }
}
