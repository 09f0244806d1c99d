//! The canonical form of text whose tokens are already canonical.
//!
//! RFC 8785 takes its string escapes from `JSON.stringify` and its number format from
//! `Number.prototype.toString`, so text that `JSON.stringify` wrote (and most JSON on the wire,
//! indented or not) is already canonical in everything but member order and whitespace.
//! `canonicalizeValue` in JavaScript is `JSON.stringify` followed by this, and
//! [`super::canonicalize_with`] tries it first: whitespace between tokens is dropped, members are
//! sorted by their names' UTF-16 code units, and every other token is copied as written, without
//! unescaping strings or reading numbers back. Whatever is not already canonical (another escape, a
//! lone surrogate's `\udxxx`, a number such as `1.0` or `1E2`, a value past a limit) sends the text
//! through the strict parser instead, which gives the exact answer or error, so no input is ever
//! answered wrongly because it came from elsewhere — only more slowly.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use super::write::cmp_utf16;
use crate::error::Result;
use crate::json::ParseOptions;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Key,
    Array,
    Object,
}

/// One token of the text; a container's `next` is the index past its last descendant.
#[derive(Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    next: usize,
}

/// The canonical form of `input`, text that ECMAScript's `JSON.stringify` wrote (as JavaScript
/// bindings have it); the same as [`super::canonicalize_with`], which answers any text.
///
/// ```
/// use hookseal::canonical::{canonicalize_stringified, ParseOptions};
/// let text = br#"{"b":[1,2],"a":{"d":null,"c":"\t"}}"#; // JSON.stringify's output
/// let canonical = canonicalize_stringified(text, &ParseOptions::default())?;
/// assert_eq!(canonical, r#"{"a":{"c":"\t","d":null},"b":[1,2]}"#);
/// # Ok::<(), hookseal::Error>(())
/// ```
pub fn canonicalize_stringified(input: &[u8], options: &ParseOptions) -> Result<String> {
    super::canonicalize_with(input, options)
}

/// The deepest nesting the token path answers.
const TOKEN_PATH_MAX_DEPTH: usize = 64;

/// The canonical form of `input` from its tokens, or `None` if some token is not canonical or a
/// limit of `options` is reached (the strict parser then answers).
pub(crate) fn from_tokens(input: &[u8], options: &ParseOptions) -> Option<String> {
    if input.len() > options.max_input_len {
        return None;
    }
    let text = core::str::from_utf8(input).ok()?;
    // `emit` recurses once per level: deeper documents take the strict path, whose parser and
    // writer keep their stacks on the heap.
    let bounded = ParseOptions { max_depth: options.max_depth.min(TOKEN_PATH_MAX_DEPTH), ..*options };
    let tokens = tokenize(text, &bounded)?;
    let mut out = String::with_capacity(text.len());
    emit(text, &tokens, 0, &mut out)?;
    Some(out)
}

/// What the grammar allows next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (at the top, after `[`, `,` in an array, or `:`).
    Value,
    /// A value or `]`, right after `[`.
    ValueOrClose,
    /// A member name, after `,` in an object.
    Key,
    /// A member name or `}`, right after `{`.
    KeyOrClose,
    /// `:` after a member name.
    Colon,
    /// `,` or the container's end, after a value.
    CommaOrClose,
    /// Nothing: the top-level value is complete.
    End,
}

/// The tokens of `text`, or `None` if it is not in `JSON.stringify`'s form within `options`
/// (anything off the JSON grammar included: the strict parser then reports it).
fn tokenize(text: &str, options: &ParseOptions) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(bytes.len() / 8 + 1);
    // Open containers: their token index and how many children they have so far.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut expect = Expect::Value;
    let mut pos = 0;
    // After a value: a comma or the end of the innermost container, or nothing at the top.
    let after_value = |open: &[(usize, usize)]| if open.is_empty() { Expect::End } else { Expect::CommaOrClose };
    let in_object = |open: &[(usize, usize)], tokens: &[Token]| matches!(open.last().and_then(|(i, _)| tokens.get(*i)), Some(t) if t.kind == Kind::Object);
    while pos < bytes.len() {
        let byte = *bytes.get(pos)?;
        let value_allowed = matches!(expect, Expect::Value | Expect::ValueOrClose);
        match byte {
            b'{' | b'[' if value_allowed => {
                if open.len() >= options.max_depth {
                    return None;
                }
                count_child(&mut open, options)?;
                let kind = if byte == b'{' { Kind::Object } else { Kind::Array };
                open.push((tokens.len(), 0));
                tokens.push(Token { kind, start: pos, end: pos + 1, next: 0 });
                expect = if byte == b'{' { Expect::KeyOrClose } else { Expect::ValueOrClose };
                pos += 1;
            }
            b'}' | b']' if matches!(expect, Expect::CommaOrClose | Expect::KeyOrClose | Expect::ValueOrClose) => {
                let (index, _) = open.pop()?;
                let next = tokens.len();
                let token = tokens.get_mut(index)?;
                if (token.kind == Kind::Object) != (byte == b'}') {
                    return None;
                }
                token.end = pos + 1;
                token.next = next;
                expect = after_value(&open);
                pos += 1;
            }
            b',' if expect == Expect::CommaOrClose => {
                expect = if in_object(&open, &tokens) { Expect::Key } else { Expect::Value };
                pos += 1;
            }
            b':' if expect == Expect::Colon => {
                expect = Expect::Value;
                pos += 1;
            }
            b'"' if value_allowed || matches!(expect, Expect::Key | Expect::KeyOrClose) => {
                let end = string_end(bytes, pos, options.max_string_len)?;
                let key = !value_allowed;
                if !key {
                    count_child(&mut open, options)?;
                }
                let kind = if key { Kind::Key } else { Kind::Scalar };
                tokens.push(Token { kind, start: pos, end, next: tokens.len() + 1 });
                expect = if key { Expect::Colon } else { after_value(&open) };
                pos = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => pos += 1,
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' if value_allowed => {
                let len = bytes
                    .get(pos..)?
                    .iter()
                    .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(bytes.len() - pos);
                let token = text.get(pos..pos + len)?;
                let well_formed = match byte {
                    b't' => token == "true",
                    b'f' => token == "false",
                    b'n' => token == "null",
                    _ => canonical_number(token, options.exact_integers),
                };
                if !well_formed {
                    return None;
                }
                count_child(&mut open, options)?;
                tokens.push(Token { kind: Kind::Scalar, start: pos, end: pos + len, next: tokens.len() + 1 });
                expect = after_value(&open);
                pos += len;
            }
            _ => return None,
        }
    }
    (expect == Expect::End).then_some(tokens)
}

/// True if `token` is a number as `Number.prototype.toString` writes it, the only way
/// `JSON.stringify` writes numbers: a short integer or decimal at a glance, anything else read and
/// written back. With `exact_integers`, long integers go to the strict parser, which refuses those
/// beyond 2^53.
fn canonical_number(token: &str, exact_integers: bool) -> bool {
    if short_decimal(token) {
        return true;
    }
    if exact_integers {
        return false;
    }
    match crate::json::parse_decimal(token.as_bytes()) {
        Some(n) if n.is_finite() => {
            let mut written = String::new();
            crate::json::write_ecmascript_number(n, &mut written);
            written == token
        }
        _ => false,
    }
}

/// True for a number in fixed notation with at most 15 significant digits, no superfluous zero
/// (leading, or trailing in a fraction), not `-0`, and from 1e-6 on in magnitude: what
/// `Number.prototype.toString` writes for its value. A decimal of at most 15 significant digits
/// survives the round trip through a double (DBL_DIG), so no other decimal as short denotes the
/// same double, and the shortest one is what ECMAScript prints; from 1e-6 up to 1e21 it prints
/// fixed notation (15 digits stay below 1e21).
fn short_decimal(token: &str) -> bool {
    let digits = token.strip_prefix('-').unwrap_or(token);
    let (integer, fraction) = match digits.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) || (integer.len() > 1 && integer.starts_with('0')) {
        return false;
    }
    let Some(fraction) = fraction else {
        // An integer: `0`, not `-0`.
        return integer.len() <= 15 && (integer != "0" || token == "0");
    };
    if !all_digits(fraction) || fraction.ends_with('0') {
        return false;
    }
    if integer == "0" {
        let zeros = fraction.bytes().take_while(|b| *b == b'0').count();
        zeros <= 5 && fraction.len() - zeros <= 15
    } else {
        integer.len() + fraction.len() <= 15
    }
}

/// Counts a value in the innermost open container against the item and member limits.
fn count_child(open: &mut [(usize, usize)], options: &ParseOptions) -> Option<()> {
    if let Some((_, children)) = open.last_mut() {
        *children += 1;
        if *children > options.max_items.min(options.max_members) {
            return None;
        }
    }
    Some(())
}

/// The end (past the closing quote) of the string starting at `start`, if it holds only what
/// `JSON.stringify` writes: raw characters from U+0020 up, `\"`, `\\`, `\b \f \n \r \t`, and
/// `\u00xx` for the other C0 controls.
fn string_end(bytes: &[u8], start: usize, max_len: usize) -> Option<usize> {
    let mut pos = start + 1;
    loop {
        match *bytes.get(pos)? {
            b'"' => return (pos - start - 1 <= max_len).then_some(pos + 1),
            b'\\' => match *bytes.get(pos + 1)? {
                b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => pos += 2,
                b'u' if short_control(bytes.get(pos + 2..pos + 6)?) => pos += 6,
                _ => return None,
            },
            0x00..=0x1F => return None,
            _ => pos += 1,
        }
    }
}

/// True for the `\u00xx` escapes `JSON.stringify` writes: C0 controls without a short escape,
/// in lower-case hex.
fn short_control(hex: &[u8]) -> bool {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    match hex {
        [b'0', b'0', high @ (b'0' | b'1'), low] => match digit(*low) {
            Some(low) => !matches!((high - b'0') * 16 + low, 0x08 | 0x09 | 0x0A | 0x0C | 0x0D),
            None => false,
        },
        _ => false,
    }
}

/// Writes the canonical form of the value at `index`; `None` for a duplicate member name, which
/// the strict parser then reports.
fn emit(text: &str, tokens: &[Token], index: usize, out: &mut String) -> Option<()> {
    let token = tokens.get(index)?;
    match token.kind {
        Kind::Scalar | Kind::Key => out.push_str(text.get(token.start..token.end)?),
        Kind::Array => {
            out.push('[');
            let mut child = index + 1;
            let mut first = true;
            while child < token.next {
                if !first {
                    out.push(',');
                }
                first = false;
                emit(text, tokens, child, out)?;
                child = tokens.get(child)?.next;
            }
            out.push(']');
        }
        Kind::Object => {
            let mut members: Vec<(usize, usize)> = Vec::new();
            let mut key = index + 1;
            while key < token.next {
                let value = key + 1;
                members.push((key, value));
                key = tokens.get(value)?.next;
            }
            let name = |i: usize| tokens.get(i).and_then(|t| text.get(t.start + 1..t.end - 1)).map(unescape);
            let mut names: Vec<(Cow<'_, str>, usize)> = Vec::with_capacity(members.len());
            for (i, (key, _)) in members.iter().enumerate() {
                names.push((name(*key)?, i));
            }
            crate::sort::heapsort(&mut names, |a, b| cmp_utf16(&a.0, &b.0) == Ordering::Less);
            if names.windows(2).any(|w| matches!(w, [a, b] if cmp_utf16(&a.0, &b.0) == Ordering::Equal)) {
                return None;
            }
            out.push('{');
            for (n, (_, i)) in names.iter().enumerate() {
                let (key, value) = *members.get(*i)?;
                if n > 0 {
                    out.push(',');
                }
                emit(text, tokens, key, out)?;
                out.push(':');
                emit(text, tokens, value, out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

/// A member name as its characters, for sorting: names without escapes (nearly all) are borrowed.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}');
                out.push(code);
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Result<String>, Result<String>) {
        let options = ParseOptions::default();
        (canonicalize_stringified(text.as_bytes(), &options), super::super::strict(text.as_bytes(), &options))
    }

    #[test]
    fn agrees_with_the_strict_path_on_stringify_output_and_on_anything_else() {
        for text in [
            r#"{"b":[1,{"z":null,"a":true}],"a":"x","\u0001":-1.5e-7,"é":"\"\\\n","😀":0,"":{}}"#,
            r#"[{"\ud800":1}]"#,
            r#"{"a":1,"a":2}"#,
            r#"{ "b": 1, "a": 2 }"#,
            r#"[1.0,1E2,-0,1e21,100000000000000000000,0.1,1e-7]"#,
            r#"[1e+21,1e-7,0.1,-1.5,123456789012345680000]"#,
            r#"{"a":[],"b":[[[]]]}"#,
            r#""\u0041""#,
            "[1,",
            "truex",
            "",
            ":0",
            "0,",
            ",0",
            "0 ",
            "[,1]",
            "[1,]",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\",1}",
            "{1:2}",
            "{\"a\":1,}",
            "[1]]",
            "[[1]",
            "1 2",
            "[]{}",
            "\"a\"\"b\"",
        ] {
            // Text JSON.stringify could have written is answered by the fast path, the rest by the
            // strict one: either way the answers are the same.
            let (fast, strict) = both(text);
            assert_eq!(fast.map_err(|e| e.code()), strict.map_err(|e| e.code()), "{text}");
        }
    }

    #[test]
    fn whitespace_between_tokens_takes_the_token_path_with_the_same_answers() {
        for text in [
            "\t[ 1 ,\n 2 ]\r\n",
            "{\n  \"b\" : [ true , null ],\n  \"a\" : { }\n}",
            " \"x\" ",
            "[ ]",
            "[1 2]",
            "{\"a\" 1}",
            "{ \"a\": 1 , \"a\" : 2 }",
            "[ 1.0 ]",
            "[ 1.5e3 , -0 ]",
            "  ",
            "\u{feff}[1]",
            "[1]\u{a0}",
        ] {
            let (fast, strict) = both(text);
            assert_eq!(fast.map_err(|e| e.code()), strict.map_err(|e| e.code()), "{text:?}");
        }
        assert!(from_tokens(b"{\n \"b\": [1, 2.5],\n \"a\": \"\\n\"\n}", &ParseOptions::default()).is_some());
    }

    #[test]
    fn short_decimals_are_exactly_what_ecmascript_prints() {
        // Literals of every shape near the rule's edges: digits, dots, zeros, signs.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let alphabet = ["0", "1", "5", "9", "0", "0", ".", "-"];
        for _ in 0..200_000 {
            let len = 1 + next(20) as usize;
            let literal: String = (0..len).map(|_| alphabet[next(alphabet.len() as u64) as usize]).collect();
            let printed = crate::json::parse_decimal(literal.as_bytes()).filter(|n| n.is_finite()).map(|n| {
                let mut out = String::new();
                crate::json::write_ecmascript_number(n, &mut out);
                out
            });
            if short_decimal(&literal) {
                assert_eq!(printed.as_deref(), Some(literal.as_str()), "{literal}");
            }
        }
        for canonical in ["0", "-1", "0.5", "-0.000001", "123456789012345", "1.25", "99999999999999.9"] {
            assert!(short_decimal(canonical), "{canonical}");
        }
        for other in ["-0", "00", "01", "1.", ".5", "1.50", "0.0000001", "1234567890123456", "1e5", "1.2.3", "--1"] {
            assert!(!short_decimal(other), "{other}");
        }
    }

    #[test]
    fn sorts_by_utf16_code_units_not_bytes() {
        // U+FB01 (one unit, 0xFB01) sorts after U+1F600 (surrogates 0xD83D…) in UTF-16.
        let (fast, _) = both("{\"\u{fb01}\":1,\"\u{1f600}\":2,\"a\":3}");
        assert_eq!(fast.unwrap(), "{\"a\":3,\"\u{1f600}\":2,\"\u{fb01}\":1}");
    }

    #[test]
    fn limits_fall_back_to_the_strict_errors() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        let (fast, strict) = both(&deep);
        assert_eq!(fast.unwrap_err().code(), strict.unwrap_err().code());
        // Deeper than the token path goes, within the parser's limit: the strict path answers.
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(from_tokens(deep.as_bytes(), &ParseOptions::default()).is_none());
        let (fast, strict) = both(&deep);
        assert_eq!(fast.unwrap(), strict.unwrap());
    }
}
