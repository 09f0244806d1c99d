//! Just enough unsigned arbitrary-precision arithmetic for `float`'s exact comparisons: build an
//! integer from decimal digits, multiply by small numbers, powers of ten and powers of two, and
//! compare. No division, no subtraction: the decimal-to-double correction only ever asks "is this
//! decimal above, below or on the halfway point between two doubles?", which is a comparison of
//! two products.

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// A non-negative integer: 32-bit limbs, least significant first, no high zero limbs (so equal
/// values have equal limb vectors and longer means larger).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Big {
    limbs: Vec<u32>,
}

/// The largest power of ten a limb holds.
const LIMB_POW10: u32 = 1_000_000_000;

impl Big {
    pub(super) fn from_u64(value: u64) -> Big {
        let mut big = Big { limbs: vec![value as u32, (value >> 32) as u32] };
        big.trim();
        big
    }

    /// The integer the decimal `digits` (ASCII `0`–`9`) spell.
    pub(super) fn from_digits<'a>(digits: impl Iterator<Item = &'a u8>) -> Big {
        let mut big = Big { limbs: Vec::new() };
        let (mut chunk, mut scale) = (0u32, 1u32);
        for digit in digits {
            chunk = chunk * 10 + u32::from(digit.wrapping_sub(b'0') % 10);
            scale *= 10;
            if scale == LIMB_POW10 {
                big.mul_add(scale, chunk);
                (chunk, scale) = (0, 1);
            }
        }
        if scale > 1 {
            big.mul_add(scale, chunk);
        }
        big
    }

    /// `self = self * factor + addend`.
    fn mul_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.limbs {
            carry += u64::from(*limb) * u64::from(factor);
            *limb = carry as u32;
            carry >>= 32;
        }
        if carry > 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    /// `self *= 10^exponent`.
    pub(super) fn mul_pow10(&mut self, mut exponent: u32) {
        while exponent >= 9 {
            self.mul_add(LIMB_POW10, 0);
            exponent -= 9;
        }
        if exponent > 0 {
            self.mul_add(10u32.pow(exponent), 0);
        }
    }

    /// `self *= 2^exponent`.
    pub(super) fn shl(&mut self, exponent: u32) {
        if self.limbs.is_empty() {
            return;
        }
        let bits = exponent % 32;
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let shifted = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = shifted;
            }
            if carry > 0 {
                self.limbs.push(carry);
            }
        }
        let whole_limbs = (exponent / 32) as usize;
        self.limbs.splice(0..0, core::iter::repeat(0).take(whole_limbs));
    }

    /// `self * other`, schoolbook: the operands here are a few hundred limbs at most.
    pub(super) fn mul(&self, other: &Big) -> Big {
        let mut product = vec![0u32; self.limbs.len() + other.limbs.len()];
        for (offset, &a) in self.limbs.iter().enumerate() {
            let mut carry = 0u64;
            let mut slots = product.iter_mut().skip(offset);
            // `other` leads the zip, so the slot after the row is not consumed when it runs out.
            for (&b, slot) in other.limbs.iter().zip(&mut slots) {
                carry += u64::from(a) * u64::from(b) + u64::from(*slot);
                *slot = carry as u32;
                carry >>= 32;
            }
            // Earlier rows end one limb lower, so this slot is still zero.
            if let Some(slot) = slots.next() {
                *slot = carry as u32;
            }
        }
        let mut big = Big { limbs: product };
        big.trim();
        big
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.limbs.len().cmp(&other.limbs.len()).then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;

    use super::Big;

    fn to_u128(big: &Big) -> u128 {
        big.limbs.iter().rev().fold(0u128, |acc, &limb| (acc << 32) | u128::from(limb))
    }

    #[test]
    fn arithmetic_agrees_with_u128() {
        let samples = [0u64, 1, 9, 10, 4_294_967_295, 4_294_967_296, 999_999_999_999, u64::MAX];
        for &a in &samples {
            let digits = a.to_string();
            assert_eq!(to_u128(&Big::from_digits(digits.as_bytes().iter())), u128::from(a));
            for &b in &samples {
                let product = Big::from_u64(a).mul(&Big::from_u64(b));
                assert_eq!(to_u128(&product), u128::from(a) * u128::from(b), "{a} * {b}");
                assert_eq!(Big::from_u64(a).cmp(&Big::from_u64(b)), a.cmp(&b));
            }
            for shift in [0u32, 1, 31, 32, 33, 63] {
                let mut big = Big::from_u64(a);
                big.shl(shift);
                assert_eq!(to_u128(&big), u128::from(a) << shift, "{a} << {shift}");
            }
            for exponent in [0u32, 1, 8, 9, 10, 19] {
                let mut big = Big::from_u64(a);
                big.mul_pow10(exponent);
                let expected = u128::from(a).checked_mul(10u128.pow(exponent));
                if let Some(expected) = expected {
                    assert_eq!(to_u128(&big), expected, "{a} * 10^{exponent}");
                }
            }
        }
    }

    #[test]
    fn long_digit_strings_round_trip_through_powers_of_ten() {
        // 10^40 + 7, built from digits and from arithmetic.
        let text = format!("1{}7", "0".repeat(39));
        let mut expected = Big::from_u64(1);
        expected.mul_pow10(40);
        let expected = {
            let mut sum = expected.clone();
            sum.mul_add(1, 7);
            sum
        };
        assert_eq!(Big::from_digits(text.as_bytes().iter()), expected);
    }
}
