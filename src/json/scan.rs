//! The byte scan that reading and writing JSON strings share: how many bytes from here need no
//! escaping, eight at a time.

/// Bytes that may stand in a JSON string as themselves, in the reader's and the RFC 8785
/// writer's sense alike: everything but `"`, `\` and the C0 controls.
fn is_plain(b: u8) -> bool {
    b >= 0x20 && b != b'"' && b != b'\\'
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` below `n` (`n` at most 0x80). Bits above the lowest set one
/// may be spurious (the subtraction borrows), so only the lowest is to be trusted.
fn bytes_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS
}

/// The length of the longest prefix of `bytes` that is plain (see [`is_plain`]).
pub(crate) fn plain_len(bytes: &[u8]) -> usize {
    let mut done = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else { break };
        let x = u64::from_le_bytes(word);
        // A byte equal to `"` or `\` is a zero byte once xored with it.
        let stops = bytes_below(x, 0x20) | bytes_below(x ^ (ONES * 0x22), 1) | bytes_below(x ^ (ONES * 0x5C), 1);
        if stops != 0 {
            return done + (stops.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    done + chunks.remainder().iter().take_while(|&&b| is_plain(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_byte_loop() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..300usize {
            let mut v: alloc::vec::Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // Mostly plain bytes, with stops and the bytes around them now and then.
                    match seed % 40 {
                        0 => b'"',
                        1 => b'\\',
                        2 => (seed >> 8) as u8 % 0x21,
                        3 => [0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF][(seed >> 8) as usize % 7],
                        _ => 0x20 + (seed >> 8) as u8 % 0x5F,
                    }
                })
                .collect();
            let want = v.iter().take_while(|&&b| is_plain(b)).count();
            assert_eq!(plain_len(&v), want, "{v:?}");
            v.reverse();
            let want = v.iter().take_while(|&&b| is_plain(b)).count();
            assert_eq!(plain_len(&v), want, "{v:?}");
        }
        for b in 0..=255u8 {
            let v = [b'a', b'b', b'c', b'd', b'e', b'f', b'g', b, b'x'];
            assert_eq!(plain_len(&v), if is_plain(b) { 9 } else { 7 }, "{b}");
        }
    }
}
