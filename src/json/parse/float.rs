//! Decimal text to the nearest double (IEEE 754 round-half-to-even), as `core`'s
//! `str::parse::<f64>` does, in a fraction of its wasm size.
//!
//! `core` reaches its speed with the Eisel–Lemire algorithm, whose 128-bit table of powers of five
//! is incompressible data a small package cannot afford. JSON numbers in webhook payloads are
//! mostly short, so this parser takes two roads instead:
//!
//! - **Exact (Clinger's fast path).** When the significant digits fit a double's 53-bit mantissa
//!   and the power of ten is one a double holds exactly (10^0..=10^22), one IEEE multiplication or
//!   division is the correctly rounded result. This covers integers and most prices, amounts,
//!   coordinates and timestamps.
//! - **Approximate, then corrected exactly.** Otherwise a double within a few units in the last
//!   place comes from the first 19 digits, and big-integer comparisons against the halfway points
//!   between neighbouring doubles step it to the right one (the `bigcomp` idea of David Gay's
//!   `strtod`). Each comparison is one product of big integers, see `bignum`.
//!
//! Digits past the 800th only matter as "some non-zero digit follows": halfway points between
//! doubles have at most 767 significant digits, so the first 800 digits and a sticky `1` decide
//! every rounding the full text would. That keeps the work per number bounded whatever the input.

#[cfg(not(feature = "host-numbers"))]
use core::cmp::Ordering;

#[cfg(not(feature = "host-numbers"))]
use super::bignum::Big;

/// 10^0 ..= 10^22: every power of ten a double holds exactly.
pub(super) const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Significant digits kept before the rest collapses to a sticky digit (see the module doc).
const MAX_DIGITS: usize = 800;

/// 2^53: integers up to this are exact doubles.
const EXACT_MANTISSA: u64 = 1 << 53;

#[cfg(not(feature = "host-numbers"))]
const INFINITY_BITS: u64 = 0x7ff0_0000_0000_0000;

/// The double nearest to `text`, a decimal in the JSON number grammar with leading zeros allowed:
/// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`. Magnitudes past the largest double give an infinity,
/// those below half the smallest subnormal a zero. `None` if `text` is not in the grammar.
pub(crate) fn parse_decimal(text: &[u8]) -> Option<f64> {
    let (negative, unsigned) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.iter().position(|&b| b == b'e' || b == b'E') {
        Some(at) => (unsigned.get(..at)?, parse_exponent(unsigned.get(at + 1..)?)?),
        None => (unsigned, 0),
    };
    let (integer, fraction) = match mantissa.iter().position(|&b| b == b'.') {
        Some(at) => (mantissa.get(..at)?, mantissa.get(at + 1..)?),
        None => (mantissa, &[][..]),
    };
    let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !all_digits(integer) || (mantissa.len() > integer.len() && !all_digits(fraction)) {
        return None;
    }
    let magnitude = positive_decimal(integer, fraction, exponent, unsigned);
    Some(if negative { -magnitude } else { magnitude })
}

/// A decimal exponent, saturated far beyond any double's range so that huge exponents cannot
/// overflow the arithmetic and still give zero or infinity.
fn parse_exponent(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits.iter().fold(0i64, |acc, &d| (acc * 10 + i64::from(d - b'0')).min(1_000_000_000_000));
    Some(if negative { -value } else { value })
}

/// The double nearest to `integer.fraction × 10^exponent` (all digits ASCII).
fn positive_decimal(integer: &[u8], fraction: &[u8], exponent: i64, text: &[u8]) -> f64 {
    let all = || integer.iter().chain(fraction);
    let total = integer.len() + fraction.len();
    let leading = all().take_while(|&&d| d == b'0').count();
    if leading == total {
        return 0.0;
    }
    let trailing = all().rev().take_while(|&&d| d == b'0').count();
    // The value is `digits × 10^power`, `digits` an integer without leading or trailing zeros.
    let count = total - leading - trailing;
    let power = exponent - fraction.len() as i64 + trailing as i64;
    // 10^(count + power - 1) <= value < 10^(count + power).
    let order = count as i64 + power;
    if order > 310 {
        return f64::INFINITY;
    }
    if order < -324 {
        return 0.0;
    }
    let digits = || all().skip(leading).take(count.min(MAX_DIGITS));
    let head = count.min(19);
    let mantissa = digits().take(head).fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'));
    if head == count {
        if let Some(exact) = clinger(mantissa, power) {
            return exact;
        }
    }
    // Without the correction below (feature `host-numbers`), the host reads the text.
    #[cfg(feature = "host-numbers")]
    return crate::json::host::parse_number(text);
    #[cfg(not(feature = "host-numbers"))]
    {
        let _ = text;
        let approximate = approximate(mantissa, power + (count - head) as i64);
        if count <= MAX_DIGITS {
            return correct(approximate, Big::from_digits(digits()), power);
        }
        // Past `MAX_DIGITS` digits the rest only says "not exactly halfway": a sticky 1 below them.
        let sticky = Big::from_digits(digits().chain(core::iter::once(&b'1')));
        correct(approximate, sticky, power + count as i64 - MAX_DIGITS as i64 - 1)
    }
}
/// The exact result when `mantissa` and `10^power` are both exact doubles, so one rounding (the
/// IEEE operation's) gives the nearest double.
fn clinger(mantissa: u64, power: i64) -> Option<f64> {
    if mantissa > EXACT_MANTISSA {
        return None;
    }
    let value = mantissa as f64;
    match usize::try_from(power) {
        Ok(up) => match EXACT_POW10.get(up) {
            Some(&scale) => Some(value * scale),
            // 123e25 is 123_000e22: move powers into the mantissa while it stays exact.
            None => {
                let shift = up.checked_sub(22)?;
                let shifted = mantissa.checked_mul(10u64.checked_pow(u32::try_from(shift).ok()?)?)?;
                (shifted <= EXACT_MANTISSA).then_some(shifted as f64 * 1e22)
            }
        },
        Err(_) => {
            let down = usize::try_from(power.unsigned_abs()).ok()?;
            EXACT_POW10.get(down).map(|&scale| value / scale)
        }
    }
}

#[cfg(not(feature = "host-numbers"))]
/// A double within a few units in the last place of `mantissa × 10^power`, `mantissa` being the
/// first (at most 19) significant digits: scaled by exact powers of ten, each step rounding once.
fn approximate(mantissa: u64, mut power: i64) -> f64 {
    let mut value = mantissa as f64;
    while power > 22 {
        value *= 1e22;
        power -= 22;
    }
    while power < -22 {
        value /= 1e22;
        power += 22;
    }
    let scale = EXACT_POW10.get(power.unsigned_abs() as usize).copied().unwrap_or(1.0);
    if power >= 0 {
        value * scale
    } else {
        value / scale
    }
}

#[cfg(not(feature = "host-numbers"))]
/// The double nearest to `digits × 10^power`, found by stepping from `approximate` one double at
/// a time until the value lies between the halfway points on either side.
fn correct(approximate: f64, digits: Big, power: i64) -> f64 {
    // value = numerator / denominator, both integers.
    let (numerator, denominator) = match u32::try_from(power) {
        Ok(up) => {
            let mut numerator = digits;
            numerator.mul_pow10(up);
            (numerator, Big::from_u64(1))
        }
        Err(_) => {
            let mut denominator = Big::from_u64(1);
            denominator.mul_pow10(u32::try_from(power.unsigned_abs()).unwrap_or(u32::MAX));
            (digits, denominator)
        }
    };
    let value_vs_halfway_above = |bits: u64| compare_to_halfway(&numerator, &denominator, bits);
    let mut bits = if approximate.is_finite() { approximate.to_bits() } else { f64::MAX.to_bits() };
    loop {
        let even = bits & 1 == 0;
        match value_vs_halfway_above(bits) {
            Ordering::Greater => {}
            Ordering::Equal if !even => {}
            _ => {
                let below = bits.checked_sub(1).map(value_vs_halfway_above).unwrap_or(Ordering::Greater);
                match below {
                    Ordering::Less => bits -= 1,
                    Ordering::Equal if !even => bits -= 1,
                    _ => return f64::from_bits(bits),
                }
                continue;
            }
        }
        bits += 1;
        if bits == INFINITY_BITS {
            return f64::INFINITY;
        }
    }
}

#[cfg(not(feature = "host-numbers"))]
/// `numerator / denominator` compared with the point halfway between the positive finite double
/// with these `bits` and the next one up.
fn compare_to_halfway(numerator: &Big, denominator: &Big, bits: u64) -> Ordering {
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    // double = m × 2^q; the next one up is (m + 1) × 2^q, also across a binade boundary.
    let (m, q) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
    // halfway = (2m + 1) × 2^(q - 1); compare numerator × 2^-(q-1) with denominator × (2m + 1).
    let mut left = numerator.clone();
    let mut right = denominator.mul(&Big::from_u64(2 * m + 1));
    let shift = q - 1;
    match u32::try_from(shift) {
        Ok(up) => right.shl(up),
        Err(_) => left.shl(u32::try_from(shift.unsigned_abs()).unwrap_or(u32::MAX)),
    }
    left.cmp(&right)
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;

    use super::parse_decimal;
    use proptest::prelude::*;

    /// `core`'s parser is the oracle: it is correctly rounded.
    fn agrees(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let got = parse_decimal(text.as_bytes()).unwrap();
        assert_eq!(got.to_bits(), expected.to_bits(), "{text}: {got:e} != {expected:e}");
    }

    #[test]
    fn hard_cases_round_like_core() {
        let half_min_subnormal = "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324";
        for text in [
            "0", "-0", "0.0", "0e999999999999999999", "1", "-1", "0.1", "0.2", "0.3",
            "0.30000000000000004", "9007199254740992", "9007199254740993", "9007199254740995",
            "9007199254740993.0000000001", "18014398509481985", "123456789012345678901234567890",
            "1e22", "1e23", "123e25", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "1e309", "1e99999999999999999999", "2.2250738585072011e-308",
            "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9e-324", "5e-324",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400",
            "7.2057594037927933e16", "8.98846567431158e307", "1.448997445238699", "3.4e-5",
            "0.000000000000000000000000000000000000000000001e40", "00012.5000e-0001",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "1797693134862315708145274237317043567980705675258449965989174768031572607800285387605895586327668781715404589535143824642343213268894641827684675467035375169860499105765512820762454900903893289440758685084551339423045832369032229481658085593321233482747978262041447231687381771809192998812504040261841248583680e0",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792e0",
            half_min_subnormal,
        ] {
            agrees(text);
        }
        agrees(&format!("{half_min_subnormal}1"));
        // More digits than `MAX_DIGITS`: the tail only says "not exactly halfway".
        agrees(&format!("9007199254740993{}", "0".repeat(900)));
        agrees(&format!("9007199254740993{}1", "0".repeat(900)));
        agrees(&format!("0.{}1e300", "0".repeat(2000)));
    }

    #[test]
    fn refuses_text_outside_the_grammar() {
        for text in ["", "-", ".5", "5.", "1e", "1e+", "--1", "1.2.3", "0x10", "1 ", "inf", "NaN", "1_0"] {
            assert_eq!(parse_decimal(text.as_bytes()), None, "{text:?}");
        }
    }

    /// Exactly halfway between two doubles (and a hair either side), written out in full.
    #[test]
    fn ties_go_to_even() {
        for m in [(1u64 << 52) + 1, (1 << 53) - 1, (1 << 52) + 12_345, (1 << 53) - 2] {
            // (2m + 1) * 2^(q - 1) for q - 1 in 0..=73 fits a u128.
            for shift in 0..=73u32 {
                let halfway = u128::from(2 * m + 1) << shift;
                agrees(&halfway.to_string());
                agrees(&format!("{halfway}.000000000000000000000000001"));
                agrees(&format!("{}.999999999999999999999999999", halfway - 1));
            }
            // (2m + 1) * 2^-k = (2m + 1) * 5^k / 10^k for k in 1..=31.
            for k in 1..=31u32 {
                let digits = u128::from(2 * m + 1) * 5u128.pow(k);
                agrees(&format!("{digits}e-{k}"));
                agrees(&format!("{digits}1e-{}", k + 1));
                agrees(&format!("{}9e-{}", digits - 1, k + 1));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn doubles_printed_at_any_precision_read_back_like_core(
            bits in 1u64..0x7ff0_0000_0000_0000,
            precision in 0usize..25,
        ) {
            let x = f64::from_bits(bits);
            agrees(&format!("{x:e}"));
            agrees(&format!("{x:.precision$e}"));
            agrees(&format!("-{x:.precision$e}"));
        }

        #[test]
        fn random_decimals_round_like_core(
            integer in "[0-9]{1,30}",
            fraction in proptest::option::of("[0-9]{1,30}"),
            exponent in proptest::option::of(-420i32..420),
        ) {
            let mut text = integer;
            if let Some(fraction) = fraction {
                text = format!("{text}.{fraction}");
            }
            if let Some(exponent) = exponent {
                text = format!("{text}e{exponent}");
            }
            agrees(&text);
        }
    }
}
