//! `uniqueItems`: the first pair of equal items in O(n log n) expected work.
//!
//! Each item gets a fingerprint that equal JSON values share (object members in any order, `0`
//! and `-0` alike); items are sorted by fingerprint, and only items whose fingerprints agree are
//! compared with [`json_eq`]. Comparing every pair would cost O(n^2); sorting by canonical text
//! would bring the canonical writer into every build that validates. Fingerprints that collide
//! only cost comparisons, which the step budget bounds like every other comparison.

use alloc::vec::Vec;

use super::assert::json_eq;
use crate::json::{Value, MAX_DEPTH_CAP};

/// The first duplicate pair `(i, j)`, `j < i`, with the smallest `i` (then `j`); `None` if the
/// budget runs out. Items nested deeper than [`MAX_DEPTH_CAP`] levels (only values built in
/// memory can be) are compared with every other item, within the budget.
pub(crate) fn find_duplicate(a: &[Value], budget: &mut u64) -> Option<Option<(usize, usize)>> {
    *budget = budget.checked_sub(a.len() as u64)?;
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(a.len());
    for (v, i) in a.iter().zip(0..) {
        let mut nodes = 0u64;
        // An item too deep to fingerprint gets the key 0. Equal values nest equally deep, so
        // such an item can only equal another such item, and all of them meet in the run of 0
        // (with any item whose fingerprint happens to be 0), compared pairwise below.
        let key = fingerprint(v, MAX_DEPTH_CAP + 1, &mut nodes).unwrap_or(0);
        *budget = budget.checked_sub(nodes / 8)?;
        keyed.push((key, i));
    }
    crate::sort::heapsort(&mut keyed, |x, y| x < y);
    let mut best: Option<(usize, usize)> = None;
    // `run` is where the run of equal keys that holds place `n` starts; within a run, indices
    // ascend, so the first equal pair found in a run has its smallest `i`, then `j`.
    let mut run = 0;
    for (n, &(key, i)) in keyed.iter().enumerate() {
        if keyed.get(run).map(|r| r.0) != Some(key) {
            run = n;
        }
        if best.is_some_and(|(bi, _)| bi <= i) {
            continue;
        }
        for &(_, j) in keyed.get(run..n).unwrap_or_default() {
            if json_eq(a.get(i)?, a.get(j)?, budget)? {
                best = Some((i, j));
                break;
            }
        }
    }
    Some(best)
}

/// A hash of `v` that equal values share; `None` past `levels` nesting. `nodes` counts the
/// values visited.
fn fingerprint(v: &Value, levels: usize, nodes: &mut u64) -> Option<u64> {
    let levels = levels.checked_sub(1)?;
    *nodes += 1;
    Some(match v {
        Value::Null => mix(1),
        Value::Bool(b) => mix(2 + u64::from(*b)),
        // `+ 0.0` turns -0 into 0, which JSON equality does not tell apart.
        Value::Number(x) => mix(3 ^ (x + 0.0).to_bits()),
        Value::String(s) => text_hash(s),
        Value::Array(items) => {
            let mut h = mix(4 + items.len() as u64);
            for item in items {
                h = mix(h ^ fingerprint(item, levels, nodes)?);
            }
            h
        }
        Value::Object(map) => {
            // A sum of the members' hashes, so that their order does not count.
            let mut sum = mix(5 + map.len() as u64);
            for (name, item) in map.iter() {
                sum = sum.wrapping_add(mix(text_hash(name) ^ fingerprint(item, levels, nodes)?.rotate_left(29)));
            }
            mix(sum)
        }
    })
}

/// FNV-1a over the bytes, then [`mix`].
fn text_hash(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h ^ 6)
}

/// SplitMix64's finalizer: every input bit reaches every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, ParseOptions};

    fn parse_default(text: &[u8]) -> crate::error::Result<Value> {
        parse(text, &ParseOptions::default())
    }

    fn dup(text: &str) -> Option<(usize, usize)> {
        let Ok(Value::Array(items)) = parse_default(text.as_bytes()) else { panic!("not an array: {text}") };
        let mut budget = 1_000_000;
        find_duplicate(&items, &mut budget).expect("within budget")
    }

    /// The pair with the smallest `i`, then `j`, by comparing every pair.
    fn pairwise(items: &[Value]) -> Option<(usize, usize)> {
        let mut budget = u64::MAX;
        for (i, x) in items.iter().enumerate() {
            for (j, y) in items.iter().enumerate().take(i) {
                if json_eq(x, y, &mut budget)? {
                    return Some((i, j));
                }
            }
        }
        None
    }

    #[test]
    fn first_pair_by_later_index() {
        assert_eq!(dup("[3, 1, 3, 1]"), Some((2, 0)));
        assert_eq!(dup("[1, true, null, \"1\", [1], {\"1\": 1}]"), None);
        assert_eq!(dup("[[1], [1]]"), Some((1, 0)));
        assert_eq!(dup("[0, -0]"), Some((1, 0)));
        assert_eq!(dup("[1, 2, 2, 1]"), Some((2, 1)));
        assert_eq!(dup("[{\"a\": 1, \"b\": [2, {}]}, 7, {\"b\": [2, {}], \"a\": 1.0}]"), Some((2, 0)));
        assert_eq!(dup("[{\"a\": 1, \"b\": 2}, {\"a\": 2, \"b\": 1}, [1, 2], [2, 1]]"), None);
        assert_eq!(dup("[]"), None);
    }

    #[test]
    fn agrees_with_every_pair_compared() {
        // Small random arrays over a few values, so that duplicates are common and varied.
        let atoms = [
            "0",
            "-0",
            "1",
            "\"a\"",
            "\"b\"",
            "null",
            "true",
            "[]",
            "{}",
            "[1,\"a\"]",
            "[\"a\",1]",
            "{\"x\":1,\"y\":2}",
            "{\"y\":2,\"x\":1}",
            "{\"x\":[0]}",
            "{\"x\":[-0]}",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut found = 0;
        for _ in 0..3000 {
            let len = (next() % 9) as usize;
            let parts: Vec<&str> = (0..len).map(|_| atoms[(next() % atoms.len() as u64) as usize]).collect();
            let text = alloc::format!("[{}]", parts.join(","));
            let Ok(Value::Array(items)) = parse_default(text.as_bytes()) else { panic!("{text}") };
            let expected = pairwise(&items);
            found += usize::from(expected.is_some());
            assert_eq!(dup(&text), expected, "{text}");
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn colliding_fingerprints_stay_within_the_budget() {
        // Items too deep to fingerprint fall back to pairwise comparison, which the budget stops.
        let mut deep = Value::Null;
        for _ in 0..MAX_DEPTH_CAP + 2 {
            deep = Value::Array(alloc::vec![deep]);
        }
        // One deep item leaves the shallow ones to their fingerprints.
        let items = alloc::vec![deep.clone(), Value::Bool(true), Value::Null, Value::Bool(true)];
        let mut budget = 10_000;
        assert_eq!(find_duplicate(&items, &mut budget), Some(Some((3, 1))));
        let items = alloc::vec![deep.clone(), Value::Null, deep];
        let mut budget = 100;
        assert_eq!(find_duplicate(&items, &mut budget), None);
    }
}
