//! HMAC-SHA256 (RFC 2104) whose keyed state is plain data.
//!
//! HMAC's per-key work is hashing the two padded key blocks; what it leaves behind is two SHA-256
//! chaining values. [`KeyState`] keeps exactly those 64 bytes, so a key can be exported once and
//! handed back on every call: the JavaScript objects hold their keys as bytes instead of owning
//! WebAssembly allocations that a finalizer must release. The `hmac` crate keeps the same state
//! but cannot be rebuilt from it, so the streaming part is written here over `sha2`'s block
//! function, the one piece that must be fast and is taken from RustCrypto as it is.

use sha2::block_api::compress256;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// SHA-256's block size, which is also HMAC's key block size.
const BLOCK: usize = 64;

/// SHA-256 initial chaining value (FIPS 180-4 §5.3.3).
const IV: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const INNER_PAD: u8 = 0x36;
const OUTER_PAD: u8 = 0x5c;

/// The key as one block (hashed first if longer than a block, as RFC 2104 says), each byte
/// XORed with `pad`.
fn padded_key(key: &[u8], pad: u8) -> Zeroizing<[u8; BLOCK]> {
    let mut block = Zeroizing::new([0u8; BLOCK]);
    let digest;
    let key = if key.len() > BLOCK {
        digest = Sha256::digest(key);
        digest.as_slice()
    } else {
        key
    };
    block.iter_mut().zip(key).for_each(|(b, k)| *b = *k);
    block.iter_mut().for_each(|b| *b ^= pad);
    block
}

/// The first block of HMAC-SHA256's inner hash under `key` (the key XOR the inner pad): a host
/// that hashes `inner_key_block ‖ message` with its own SHA-256 hands the digest to
/// [`KeyState::tag_from_inner`]. It is as secret as the key.
pub fn inner_key_block(key: &[u8]) -> Zeroizing<[u8; BLOCK]> {
    padded_key(key, INNER_PAD)
}

/// The keyed HMAC-SHA256 state: the chaining values after the inner and the outer padded key.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyState {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl core::fmt::Debug for KeyState {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("KeyState(<redacted>)")
    }
}

impl Drop for KeyState {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.inner);
        zeroize::Zeroize::zeroize(&mut self.outer);
    }
}

impl zeroize::ZeroizeOnDrop for KeyState {}

/// Length of [`KeyState::to_bytes`].
pub const KEY_STATE_LEN: usize = 64;

impl KeyState {
    /// Keys HMAC-SHA256 with `key` (a key longer than a block is hashed first, as RFC 2104 says).
    pub fn new(key: &[u8]) -> KeyState {
        let chain = |mut padded: Zeroizing<[u8; BLOCK]>| {
            let mut state = IV;
            compress256(&mut state, &[*padded]);
            padded.zeroize();
            state
        };
        KeyState { inner: chain(padded_key(key, INNER_PAD)), outer: chain(padded_key(key, OUTER_PAD)) }
    }

    /// The tag from the inner hash computed elsewhere: SHA-256 of [`inner_key_block`] then the
    /// message, for a host whose own SHA-256 is faster than this one. Only the outer hash, one
    /// block, is left to do here.
    pub fn tag_from_inner(&self, inner: &[u8; 32]) -> [u8; 32] {
        outer_hash(&self.outer, inner)
    }

    /// The state as 64 bytes (inner then outer chaining value, big-endian words).
    pub fn to_bytes(&self) -> [u8; KEY_STATE_LEN] {
        let mut out = [0u8; KEY_STATE_LEN];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.inner.iter().chain(self.outer.iter())) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    /// The state [`KeyState::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8; KEY_STATE_LEN]) -> KeyState {
        let mut words = [0u32; 16];
        for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(4)) {
            let mut be = [0u8; 4];
            be.copy_from_slice(chunk);
            *word = u32::from_be_bytes(be);
        }
        let mut state = KeyState { inner: [0; 8], outer: [0; 8] };
        for (slot, word) in state.inner.iter_mut().chain(state.outer.iter_mut()).zip(words) {
            *slot = word;
        }
        zeroize::Zeroize::zeroize(&mut words);
        state
    }

    /// A MAC computation under this key, ready for [`Mac::update`].
    pub fn mac(&self) -> Mac {
        Mac { state: self.inner, outer: self.outer, buffer: [0; BLOCK], buffered: 0, length: BLOCK as u64 }
    }
}

/// One HMAC-SHA256 computation in progress.
pub struct Mac {
    state: [u32; 8],
    outer: [u32; 8],
    buffer: [u8; BLOCK],
    buffered: usize,
    /// Bytes hashed by the inner hash so far, the key block included.
    length: u64,
}

impl Drop for Mac {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.state);
        zeroize::Zeroize::zeroize(&mut self.outer);
        zeroize::Zeroize::zeroize(&mut self.buffer);
    }
}

impl Mac {
    /// Feeds `data` to the inner hash.
    pub fn update(&mut self, mut data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u64);
        if self.buffered > 0 {
            let take = (BLOCK - self.buffered).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(slot) = self.buffer.get_mut(self.buffered..self.buffered + take) {
                slot.copy_from_slice(head);
            }
            self.buffered += take;
            data = rest;
            if self.buffered < BLOCK {
                return;
            }
            compress256(&mut self.state, &[self.buffer]);
            self.buffered = 0;
        }
        let mut blocks = data.chunks_exact(BLOCK);
        for chunk in &mut blocks {
            let mut block = [0u8; BLOCK];
            block.copy_from_slice(chunk);
            compress256(&mut self.state, &[block]);
        }
        let tail = blocks.remainder();
        if let Some(slot) = self.buffer.get_mut(..tail.len()) {
            slot.copy_from_slice(tail);
        }
        self.buffered = tail.len();
    }

    /// The 32-byte tag.
    pub fn finalize(mut self) -> [u8; 32] {
        let inner = finish(&mut self.state, &mut self.buffer, self.buffered, self.length);
        outer_hash(&self.outer, &inner)
    }
}

/// HMAC's outer hash from its chaining value after the outer key block.
fn outer_hash(outer: &[u32; 8], inner: &[u8; 32]) -> [u8; 32] {
    let mut state = *outer;
    let mut block = [0u8; BLOCK];
    block.iter_mut().zip(inner).for_each(|(b, i)| *b = *i);
    let tag = finish(&mut state, &mut block, 32, (BLOCK + 32) as u64);
    state.zeroize();
    tag
}

/// SHA-256 padding and the last block(s): `buffer` holds the `buffered` trailing bytes of a
/// message of `length` bytes.
fn finish(state: &mut [u32; 8], buffer: &mut [u8; BLOCK], buffered: usize, length: u64) -> [u8; 32] {
    // `buffered < BLOCK` always holds: `update` compresses a full buffer at once.
    for (i, b) in buffer.iter_mut().enumerate().skip(buffered) {
        *b = if i == buffered { 0x80 } else { 0 };
    }
    if buffered >= BLOCK - 8 {
        compress256(state, &[*buffer]);
        buffer.fill(0);
    }
    let bits = length.wrapping_mul(8).to_be_bytes();
    buffer.iter_mut().skip(BLOCK - 8).zip(bits).for_each(|(b, bit)| *b = bit);
    compress256(state, &[*buffer]);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state.iter()) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use hmac::{Hmac, KeyInit, Mac as _};

    fn reference(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    fn ours(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let state = KeyState::from_bytes(&KeyState::new(key).to_bytes());
        let mut mac = state.mac();
        for part in parts {
            mac.update(part);
        }
        mac.finalize()
    }

    #[test]
    fn rfc4231_test_cases() {
        // RFC 4231 §4.2, §4.3, §4.7 (a key longer than a block).
        let cases: [(&[u8], &[u8], &str); 3] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, data, tag) in cases {
            assert_eq!(hex::encode(ours(key, &[data])), tag);
        }
    }

    #[test]
    fn agrees_with_the_hmac_crate_at_every_split_and_length() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [1, 32, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 ^ 0x5a).collect();
            for len in 0..data.len() {
                let data = &data[..len];
                let expected = reference(&key, data);
                assert_eq!(ours(&key, &[data]), expected, "key {key_len} len {len}");
                let split = len / 3;
                assert_eq!(ours(&key, &[&data[..split], &data[split..]]), expected);
            }
        }
    }

    #[test]
    fn an_inner_hash_from_elsewhere_gives_the_same_tag() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 11 + 5) as u8).collect();
        for key_len in [1, 32, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| i as u8 ^ 0xa5).collect();
            let state = KeyState::new(&key);
            for len in [0, 1, 55, 56, 64, 119, 120, 299] {
                let data = &data[..len];
                let mut inner = Sha256::new();
                inner.update(inner_key_block(&key).as_slice());
                inner.update(data);
                let inner: [u8; 32] = inner.finalize().into();
                assert_eq!(state.tag_from_inner(&inner), reference(&key, data), "key {key_len} len {len}");
            }
        }
    }

    #[test]
    fn key_state_round_trips_and_is_redacted() {
        let state = KeyState::new(b"secret");
        assert_eq!(KeyState::from_bytes(&state.to_bytes()), state);
        assert_eq!(alloc::format!("{state:?}"), "KeyState(<redacted>)");
    }
}
