//! One small sort for the whole crate.
//!
//! The standard library's sorts are fast but instantiate kilobytes of wasm for every element
//! type and comparison they are used with; hookseal sorts only short lists (an object's members,
//! a class's ranges, a few errors), where a heapsort's O(n log n) without allocation is plenty.

/// Sorts `v` by `less` (heapsort: O(n log n), no allocation, and one small function per use,
/// where the standard library's sorts cost kilobytes of wasm per element type).
pub(crate) fn heapsort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && v.get(child).zip(v.get(child + 1)).is_some_and(|(a, b)| less(a, b)) {
            child += 1;
        }
        if !v.get(root).zip(v.get(child)).is_some_and(|(r, c)| less(r, c)) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::heapsort;
    use alloc::vec::Vec;

    #[test]
    fn agrees_with_the_standard_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..200 {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 50) as u32
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            heapsort(&mut v, |a, b| a < b);
            assert_eq!(v, want, "len {len}");
        }
    }
}
