//! IPv4 and IPv6 addresses in text, read exactly as `core::net`'s `FromStr` reads them: the
//! schema formats `ipv4`/`ipv6` and the safe-URL policy's IP hosts.
//!
//! Hand-written because `core::net`'s parser is generic over the integer types and its inner
//! closures are instantiated for each, which costs the config wasm several times this reader.
//! The tests compare both on generated and random text.
//!
//! The grammar: IPv4 is four decimal octets of one to three digits, at most 255, without leading
//! zeros (`0` itself is fine), joined by `.`. IPv6 is eight groups of one to four hex digits joined
//! by `:`, where the last two may be an IPv4 address, and one run of groups (none of them before
//! an IPv4 part) may be written `::`; no zone, no brackets.

/// A reader over the bytes of the text; every `read_*` consumes nothing when it fails.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn eat(&mut self, c: u8) -> bool {
        let found = self.text.get(self.at) == Some(&c);
        self.at += usize::from(found);
        found
    }

    /// A number of at most `max_digits` digits in `radix`; with `zero_prefix` false, no leading
    /// zero unless it is the only digit.
    fn read_number(&mut self, radix: u32, max_digits: usize, zero_prefix: bool) -> Option<u32> {
        let start = self.at;
        let mut value = 0;
        let mut digits = 0;
        while let Some(d) = self.text.get(self.at).and_then(|&c| char::from(c).to_digit(radix)) {
            value = value * radix + d;
            digits += 1;
            self.at += 1;
            if digits > max_digits {
                self.at = start;
                return None;
            }
        }
        if digits == 0 || (!zero_prefix && digits > 1 && self.text.get(start) == Some(&b'0')) {
            self.at = start;
            return None;
        }
        Some(value)
    }

    fn read_ipv4(&mut self) -> Option<[u8; 4]> {
        let start = self.at;
        let mut octets = [0; 4];
        for (i, slot) in octets.iter_mut().enumerate() {
            let octet = (i == 0 || self.eat(b'.'))
                .then(|| self.read_number(10, 3, false))
                .flatten()
                .and_then(|n| u8::try_from(n).ok());
            match octet {
                Some(o) => *slot = o,
                None => {
                    self.at = start;
                    return None;
                }
            }
        }
        Some(octets)
    }

    /// Up to `groups.len()` `:`-separated groups into `groups`, the last two possibly written as
    /// an IPv4 address: how many were read, and whether an IPv4 address ended them.
    fn read_groups(&mut self, groups: &mut [u16]) -> (usize, bool) {
        let limit = groups.len();
        for i in 0..limit {
            let before = self.at;
            let separated = i == 0 || self.eat(b':');
            if separated && i + 1 < limit {
                if let Some([a, b, c, d]) = self.read_ipv4() {
                    if let Some([hi, lo]) = groups.get_mut(i..i + 2) {
                        *hi = u16::from_be_bytes([a, b]);
                        *lo = u16::from_be_bytes([c, d]);
                    }
                    return (i + 2, true);
                }
            }
            let group = separated.then(|| self.read_number(16, 4, true)).flatten();
            match (group.and_then(|g| u16::try_from(g).ok()), groups.get_mut(i)) {
                (Some(g), Some(slot)) => *slot = g,
                _ => {
                    self.at = before;
                    return (i, false);
                }
            }
        }
        (limit, false)
    }

    fn read_ipv6(&mut self) -> Option<[u16; 8]> {
        let mut head = [0; 8];
        let (head_len, head_ipv4) = self.read_groups(&mut head);
        if head_len == 8 {
            return Some(head);
        }
        // An IPv4 part ends the address, so no `::` may follow it.
        if head_ipv4 || !self.eat(b':') || !self.eat(b':') {
            return None;
        }
        // `::` stands for at least one group, so the tail has at most 7 - head_len.
        let mut tail = [0; 7];
        let (tail_len, _) = self.read_groups(tail.get_mut(..7 - head_len)?);
        let at = 8 - tail_len;
        head.get_mut(at..)?.copy_from_slice(tail.get(..tail_len)?);
        Some(head)
    }
}

/// The octets of `s` if it is an IPv4 address as `core::net::Ipv4Addr::from_str` reads one.
pub(crate) fn parse_ipv4(s: &str) -> Option<[u8; 4]> {
    let mut r = Reader { text: s.as_bytes(), at: 0 };
    r.read_ipv4().filter(|_| r.at == r.text.len())
}

/// The groups of `s` if it is an IPv6 address as `core::net::Ipv6Addr::from_str` reads one.
pub(crate) fn parse_ipv6(s: &str) -> Option<[u16; 8]> {
    let mut r = Reader { text: s.as_bytes(), at: 0 };
    r.read_ipv6().filter(|_| r.at == r.text.len())
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;
    use core::net::{Ipv4Addr, Ipv6Addr};
    use core::str::FromStr;

    use proptest::prelude::*;

    use super::{parse_ipv4, parse_ipv6};

    fn same(s: &str) {
        assert_eq!(parse_ipv4(s), Ipv4Addr::from_str(s).ok().map(|a| a.octets()), "ipv4 {s:?}");
        assert_eq!(parse_ipv6(s), Ipv6Addr::from_str(s).ok().map(|a| a.segments()), "ipv6 {s:?}");
    }

    #[test]
    fn known_forms() {
        for s in [
            "",
            "0.0.0.0",
            "255.255.255.255",
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.04",
            "1..2.3",
            "0000.1.2.3",
            "+1.2.3.4",
            "1.2.3.4 ",
            "::",
            ":::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "::ffff:1.2.3.4",
            "::1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1::2:3:4:5:6:1.2.3.4",
            "1.2.3.4::",
            "1.2.3.4:1::",
            "::1.2.3",
            "::01.2.3.4",
            "::00001",
            "::FfFf",
            "12345::",
            "1:2:3:4:5::1.2.3.4",
            "[::1]",
            "fe80::1%eth0",
            ":1::",
            "1:",
            ":",
            "::1:",
            "::1::",
            "ａ::",
            "1:2:3:4:5:6:7:8.",
        ] {
            same(s);
        }
    }

    fn v6_text() -> impl Strategy<Value = String> {
        // Addresses as Rust writes them (with `::` and embedded IPv4 forms), then mangled.
        (any::<[u16; 8]>(), 0usize..8, 0usize..8, any::<bool>(), any::<bool>(), 0usize..40, any::<u8>()).prop_map(
            |(mut groups, zero_from, zero_len, v4, upper, cut, junk)| {
                for g in groups.iter_mut().skip(zero_from).take(zero_len) {
                    *g = 0;
                }
                let addr = Ipv6Addr::from(groups);
                let mut text = if v4 {
                    let o = addr.octets();
                    let head: Vec<String> = groups[..6].iter().map(|g| alloc::format!("{g:x}")).collect();
                    alloc::format!("{}:{}.{}.{}.{}", head.join(":"), o[12], o[13], o[14], o[15])
                } else {
                    alloc::format!("{addr}")
                };
                if upper {
                    text = text.to_uppercase();
                }
                if cut % 5 == 0 && !text.is_empty() {
                    let at = cut % text.len();
                    if text.is_char_boundary(at) {
                        text.insert(at, char::from(b"0:.f1"[usize::from(junk) % 5]));
                    }
                }
                text
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn like_core_on_random_text(s in "[0-9a-fA-F:.g]{0,24}") {
            same(&s);
        }

        #[test]
        fn like_core_on_ipv4_like_text(s in "[0-9]{0,4}(\\.[0-9]{0,4}){0,4}") {
            same(&s);
        }

        #[test]
        fn like_core_on_ipv6_forms(s in v6_text()) {
            same(&s);
        }
    }
}
