//! A-label (`xn--…`) checks for the `hostname` format: RFC 3492 Punycode decoding and the
//! table-free part of the IDNA2008 rules (RFC 5891, RFC 5892).
//!
//! Full IDNA2008 validation needs Unicode property tables that would weigh more than the rest of
//! hookseal's wasm; this module checks what needs no tables: the label decodes, is not pure ASCII,
//! has no `--` in positions 3–4, does not begin with a combining mark (the common combining blocks),
//! holds none of RFC 5892's DISALLOWED exceptions, and follows the CONTEXTO/CONTEXTJ rules for
//! MIDDLE DOT, KERAIA, GERESH, GERSHAYIM, KATAKANA MIDDLE DOT, Arabic-Indic digits and the zero
//! width (non-)joiner (viramas from a short list; ZWNJ's joining-type rule approximated by
//! "between two Arabic letters").

use alloc::vec::Vec;

/// True if `label` (starting with `xn--` in any case) is a plausible A-label.
pub(crate) fn is_a_label(label: &str) -> bool {
    let Some(encoded) = label.get(4..) else {
        return false;
    };
    let Some(u) = decode(encoded) else {
        return false;
    };
    if u.is_empty() || u.iter().all(char::is_ascii) || (u.get(2) == Some(&'-') && u.get(3) == Some(&'-')) {
        return false;
    }
    if u.first().is_some_and(|&c| is_mark(c)) {
        return false;
    }
    let has_arabic_indic = u.iter().any(|c| ('\u{660}'..='\u{669}').contains(c));
    let has_extended = u.iter().any(|c| ('\u{6F0}'..='\u{6F9}').contains(c));
    if has_arabic_indic && has_extended {
        return false;
    }
    for (i, &c) in u.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| u.get(j)).copied();
        let after = u.get(i + 1).copied();
        let ok = match c {
            '\u{640}' | '\u{7FA}' | '\u{302E}' | '\u{302F}' | '\u{3031}'..='\u{3035}' | '\u{303B}' => false,
            '\u{B7}' => before == Some('l') && after == Some('l'),
            '\u{375}' => after.is_some_and(is_greek),
            '\u{5F3}' | '\u{5F4}' => before.is_some_and(|b| ('\u{590}'..='\u{5FF}').contains(&b)),
            '\u{30FB}' => u.iter().any(|&x| x != '\u{30FB}' && is_kana_or_han(x)),
            '\u{200D}' => before.is_some_and(is_virama),
            '\u{200C}' => {
                before.is_some_and(is_virama)
                    || (before.is_some_and(is_arabic_letter) && after.is_some_and(is_arabic_letter))
            }
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// RFC 3492 decoding of the part after `xn--`; `None` if malformed or longer than a label can be.
fn decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    let (basic, extended) = match input.bytes().rposition(|c| c == b'-') {
        Some(i) => (input.get(..i)?, input.get(i + 1..)?),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = match digits.next()? {
                c @ b'a'..=b'z' => u32::from(c - b'a'),
                c @ b'A'..=b'Z' => u32::from(c - b'A'),
                c @ b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                1
            } else if k >= bias + 26 {
                26
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
        if out.len() > 63 {
            return None;
        }
    }
    Some(out)
}

fn adapt(delta: u32, len: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / len;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}

fn is_greek(c: char) -> bool {
    ('\u{370}'..='\u{3FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c)
}

fn is_kana_or_han(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3005}' | '\u{3007}' | '\u{3021}'..='\u{3029}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64A}' | '\u{66E}'..='\u{6D3}' | '\u{6FA}'..='\u{6FF}')
}

/// Canonical combining class 9 (virama) in the common scripts.
fn is_virama(c: char) -> bool {
    matches!(
        c,
        '\u{94D}'
            | '\u{9CD}'
            | '\u{A4D}'
            | '\u{ACD}'
            | '\u{B4D}'
            | '\u{BCD}'
            | '\u{C4D}'
            | '\u{CCD}'
            | '\u{D3B}'
            | '\u{D3C}'
            | '\u{D4D}'
            | '\u{DCA}'
            | '\u{E3A}'
            | '\u{EBA}'
            | '\u{F84}'
            | '\u{1039}'
            | '\u{103A}'
            | '\u{1714}'
            | '\u{1734}'
            | '\u{17D2}'
            | '\u{1A60}'
            | '\u{1B44}'
            | '\u{1BAA}'
            | '\u{1BAB}'
            | '\u{1BF2}'
            | '\u{1BF3}'
            | '\u{2D7F}'
            | '\u{A806}'
            | '\u{A8C4}'
            | '\u{A953}'
            | '\u{A9C0}'
            | '\u{AAF6}'
            | '\u{ABED}'
    )
}

/// Marks (Mn, Mc, Me) of the common combining blocks.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}' | '\u{483}'..='\u{489}' | '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}'
            | '\u{5C4}'..='\u{5C5}' | '\u{5C7}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}'
            | '\u{6D6}'..='\u{6DC}' | '\u{6DF}'..='\u{6E4}' | '\u{6E7}'..='\u{6E8}' | '\u{6EA}'..='\u{6ED}'
            | '\u{900}'..='\u{903}' | '\u{93A}'..='\u{93C}' | '\u{93E}'..='\u{94F}' | '\u{951}'..='\u{957}'
            | '\u{962}'..='\u{963}' | '\u{981}'..='\u{983}' | '\u{9BC}' | '\u{9BE}'..='\u{9CD}'
            | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punycode() {
        assert_eq!(decode("9t4b11yi5a").map(|v| v.len()), Some(3));
        assert!(decode("X").is_none());
        assert!(is_a_label("xn--ll-0ea"));
        assert!(!is_a_label("xn--l-fda"));
        assert!(!is_a_label("xn--hello-zed"));
    }
}
