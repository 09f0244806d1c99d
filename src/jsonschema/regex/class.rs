//! Sets of code points as sorted, disjoint, inclusive ranges.
//!
//! `\d`, `\w` and `\s` follow ECMA-262 with the `u` flag and without `i`: `\d` and `\w` are ASCII
//! only, `\s` is the ECMAScript WhiteSpace and LineTerminator sets. `.` is everything but line
//! terminators. Negation works over all Unicode scalar values (surrogates never occur in strings).

use alloc::vec;
use alloc::vec::Vec;

/// Inclusive `(low, high)` ranges of code points.
pub(super) type Ranges = Vec<(u32, u32)>;

const MAX_CP: u32 = 0x10_FFFF;

/// The set of one code point.
pub(super) fn single(c: char) -> Ranges {
    vec![(u32::from(c), u32::from(c))]
}

/// `\d`
pub(super) fn digit() -> Ranges {
    vec![(0x30, 0x39)]
}

/// `\w`
pub(super) fn word() -> Ranges {
    vec![(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
}

/// `\s`: ECMAScript WhiteSpace and LineTerminator.
pub(super) fn space() -> Ranges {
    vec![
        (0x09, 0x0D),
        (0x20, 0x20),
        (0xA0, 0xA0),
        (0x1680, 0x1680),
        (0x2000, 0x200A),
        (0x2028, 0x2029),
        (0x202F, 0x202F),
        (0x205F, 0x205F),
        (0x3000, 0x3000),
        (0xFEFF, 0xFEFF),
    ]
}

/// `.`: anything but a line terminator.
pub(super) fn dot() -> Ranges {
    negate(&[(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)])
}

/// Sorts and merges overlapping or adjacent ranges.
pub(super) fn normalize(mut set: Ranges) -> Ranges {
    crate::sort::heapsort(&mut set, |a, b| a < b);
    let mut out: Ranges = Vec::with_capacity(set.len());
    for (lo, hi) in set {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// The complement of a normalized set.
pub(super) fn negate(set: &[(u32, u32)]) -> Ranges {
    let mut out = Vec::with_capacity(set.len() + 1);
    let mut next = 0u32;
    for &(lo, hi) in set {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi.saturating_add(1);
    }
    if next <= MAX_CP {
        out.push((next, MAX_CP));
    }
    out
}

/// True if `c` is in the normalized set.
pub(super) fn contains(set: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    set.binary_search_by(|&(lo, hi)| {
        if hi < c {
            core::cmp::Ordering::Less
        } else if lo > c {
            core::cmp::Ordering::Greater
        } else {
            core::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// True for the `\w` characters, which decide `\b`.
pub(super) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_round_trips() {
        let s = normalize(vec![(5, 9), (1, 3), (4, 4), (20, 30)]);
        assert_eq!(s, vec![(1, 9), (20, 30)]);
        assert_eq!(negate(&negate(&s)), s);
        assert!(contains(&dot(), 'a'));
        assert!(!contains(&dot(), '\n'));
        assert!(contains(&negate(&word()), 'é'));
    }
}
