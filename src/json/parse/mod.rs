//! A strict parser for JSON bytes: RFC 8259 restricted to I-JSON (RFC 7493).
//!
//! Canonicalization signs *values*, so the parser refuses every input whose value is ambiguous
//! rather than pick one reading silently: a sender and a receiver that disagree on what a document
//! means would sign and verify different things. Hence duplicate names are errors (RFC 8259
//! leaves their meaning open, and parsers differ: some keep the first, some the last), as are lone
//! surrogates, numbers no double holds, non-UTF-8 bytes and a byte order mark. [`parse`] lists the
//! errors.
//!
//! UTF-8 is checked once, up front, with `core::str::from_utf8`; raw surrogates (`ED A0 80`) are
//! ill-formed UTF-8 and fail there. Numbers are checked against the JSON grammar, then the literal
//! goes to `float`, which rounds it to the nearest double exactly as `core`'s `str::parse::<f64>`
//! does, without `core`'s table of powers.
//!
//! The parser is a loop over an explicit stack, not a recursive descent, so hostile nesting can
//! never exhaust the call stack, and every step consumes input, so time and memory are linear in
//! the input size. Duplicate detection sorts each object's names once (see `names`) instead of
//! comparing every pair. Error messages echo at most a few dozen characters of input.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

#[cfg(not(feature = "host-numbers"))]
mod bignum;
mod float;

pub(crate) use float::parse_decimal;
mod names;
mod number;
mod options;

use self::names::duplicate_error;
pub use self::options::{
    ParseOptions, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_LEN, DEFAULT_MAX_ITEMS, DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_STRING_LEN, MAX_DEPTH_CAP,
};
use super::{Map, Value};
use crate::error::{Code, Error, Result};

/// Parses one JSON text (RFC 8259) from `input`, refusing what I-JSON (RFC 7493) refuses.
///
/// Errors, each [`Code`] with a message that gives the byte offset:
///
/// - `invalid_utf8`: `input` is not UTF-8 (this includes UTF-8-encoded surrogates);
/// - `invalid_json`: a syntax error, such as `[1,]`, `01`, `1.`, `'a'`, `NaN`, trailing data or
///   empty input. Only space, tab, line feed and carriage return count as whitespace, and a
///   leading byte order mark is refused: RFC 8259 forbids sending one, and skipping it would give
///   two byte strings one canonical form;
/// - `duplicate_key`: an object repeats a name, compared after unescaping (`{"a":1,"\u0061":2}`);
///   the message names the key and its JSON Pointer;
/// - `lone_surrogate`: an escape such as `"\ud800"` that is no Unicode text;
/// - `number_out_of_range`: a number beyond the range of a double (`1e400`), or with
///   [`ParseOptions::exact_integers`], an integer literal beyond 2^53;
/// - `too_deep`: arrays and objects nested deeper than [`ParseOptions::max_depth`];
/// - `json_too_large`, `string_too_long`, `too_many_items`, `too_many_members`: the input, a
///   string, an array or an object is beyond its [`ParseOptions`] limit.
///
/// Numbers become the nearest double. Time and memory are linear in the input size (sorting each
/// object's names adds a logarithmic factor), and nesting costs no call stack.
///
/// ```
/// use hookseal::json::{parse, ParseOptions};
///
/// let value = parse(br#"{"a": [1.5e1, "\u00e9"]}"#, &ParseOptions::default())?;
/// assert_eq!(value.get("a").and_then(|a| a.as_array()).map(|a| a.len()), Some(2));
/// let duplicate = parse(br#"{"a": 1, "a": 2}"#, &ParseOptions::default()).unwrap_err();
/// assert_eq!(duplicate.code(), hookseal::Code::DuplicateKey);
/// # Ok::<(), hookseal::Error>(())
/// ```
pub fn parse(input: &[u8], options: &ParseOptions) -> Result<Value> {
    if input.len() > options.max_input_len {
        return Err(Error::with_message(
            Code::JsonTooLarge,
            format!("the JSON text is {} bytes; at most {} are accepted", input.len(), options.max_input_len),
        ));
    }
    let text = core::str::from_utf8(input).map_err(|e| utf8_error(&e))?;
    if text.starts_with('\u{feff}') {
        return Err(Error::new(
            Code::InvalidJson,
            "byte order mark at byte 0: JSON text must not start with one (RFC 8259 section 8.1)",
        ));
    }
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        max_depth: options.max_depth.min(MAX_DEPTH_CAP),
        exact_integers: options.exact_integers,
        max_string_len: options.max_string_len,
        max_items: options.max_items,
        max_members: options.max_members,
    };
    parser.document()
}

/// An array or object being read. The elements of every open array wait on one stack of values,
/// the members of every open object on one stack of members, each container's from its `start`,
/// so that a container closes into one allocation of exactly its size and the stacks' capacity
/// serves every container of the document. An object also holds the name of the member whose
/// value is being read.
enum Frame {
    Array { start: usize },
    Object { start: usize, key: String },
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
    exact_integers: bool,
    max_string_len: usize,
    max_items: usize,
    max_members: usize,
}

impl Parser<'_> {
    /// The whole input: one value, surrounded by optional whitespace.
    fn document(&mut self) -> Result<Value> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut members: Vec<(String, Value)> = Vec::new();
        'value: loop {
            self.skip_whitespace();
            let mut value = match self.peek() {
                Some(open @ (b'[' | b'{')) => {
                    if stack.len() >= self.max_depth {
                        return Err(Error::with_message(
                            Code::TooDeep,
                            format!(
                                "arrays and objects nest deeper than {} levels at byte {}",
                                self.max_depth, self.pos
                            ),
                        ));
                    }
                    self.pos += 1;
                    self.skip_whitespace();
                    if open == b'[' {
                        if self.eat(b']') {
                            Value::Array(Vec::new())
                        } else {
                            stack.push(Frame::Array { start: values.len() });
                            continue 'value;
                        }
                    } else if self.eat(b'}') {
                        Value::Object(Map::new())
                    } else {
                        let key = self.member_name()?;
                        stack.push(Frame::Object { start: members.len(), key });
                        continue 'value;
                    }
                }
                Some(b'"') => Value::String(self.string()?),
                Some(b't') => self.literal("true", Value::Bool(true))?,
                Some(b'f') => self.literal("false", Value::Bool(false))?,
                Some(b'n') => self.literal("null", Value::Null)?,
                Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
                _ => return Err(self.unexpected("a value")),
            };
            // `value` is complete: hand it to its container, and close every container that ends
            // right after it.
            loop {
                let Some(mut frame) = stack.pop() else {
                    self.skip_whitespace();
                    if self.pos < self.bytes.len() {
                        return Err(self.unexpected("the end of input after the JSON value"));
                    }
                    return Ok(value);
                };
                self.skip_whitespace();
                let closed = match &mut frame {
                    Frame::Array { start } => {
                        if values.len() - *start >= self.max_items {
                            return Err(self.too_many(Code::TooManyItems, "elements", self.max_items));
                        }
                        values.push(value);
                        self.after_member(b']')?
                    }
                    Frame::Object { start, key } => {
                        if members.len() - *start >= self.max_members {
                            return Err(self.too_many(Code::TooManyMembers, "members", self.max_members));
                        }
                        members.push((core::mem::take(key), value));
                        let closed = self.after_member(b'}')?;
                        if !closed {
                            self.skip_whitespace();
                            *key = self.member_name()?;
                        }
                        closed
                    }
                };
                if !closed {
                    stack.push(frame);
                    continue 'value;
                }
                value = match frame {
                    Frame::Array { start } => Value::Array(values.drain(start..).collect()),
                    Frame::Object { start, .. } => match Map::from_members(members.drain(start..).collect()) {
                        Ok(map) => Value::Object(map),
                        Err((members, at)) => return Err(duplicate_error(&members, at, &stack, values.len())),
                    },
                };
            }
        }
    }

    /// A container-size error: the container being read has `limit` `what` already.
    fn too_many(&self, code: Code, what: &str, limit: usize) -> Error {
        Error::with_message(code, format!("more than {limit} {what} in one container, at byte {}", self.pos))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// After an element or member: `,` (returns false) or the closing bracket (returns true).
    fn after_member(&mut self, close: u8) -> Result<bool> {
        if self.eat(b',') {
            Ok(false)
        } else if self.eat(close) {
            Ok(true)
        } else if close == b']' {
            Err(self.unexpected("',' or ']'"))
        } else {
            Err(self.unexpected("',' or '}'"))
        }
    }

    /// A property name and its `:`.
    fn member_name(&mut self) -> Result<String> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a property name in double quotes"));
        }
        let name = self.string()?;
        self.skip_whitespace();
        if !self.eat(b':') {
            return Err(self.unexpected("':'"));
        }
        Ok(name)
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(syntax(format!("invalid literal at byte {}, expected `{word}`", self.pos)))
        }
    }

    /// A string, from its opening quote (the next byte) through its closing quote.
    fn string(&mut self) -> Result<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            self.pos += super::plain_len(self.bytes.get(run..).unwrap_or_default());
            // Checked before copying, so a hostile string is refused before it is held twice.
            if out.len() + (self.pos - run) > self.max_string_len {
                return Err(Error::with_message(
                    Code::StringTooLong,
                    format!("the string that starts at byte {start} is longer than {} bytes", self.max_string_len),
                ));
            }
            // The run ends before an ASCII byte or at the end, so it is whole characters.
            let text = self.text.get(run..self.pos).unwrap_or_default();
            match self.peek() {
                // Most strings have no escape: one allocation of exactly their size.
                Some(b'"') if out.is_empty() => {
                    self.pos += 1;
                    return Ok(String::from(text));
                }
                Some(b'"') => {
                    out.push_str(text);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(text);
                    self.escape(&mut out)?;
                }
                Some(control) => {
                    return Err(syntax(format!(
                        "unescaped control character U+{control:04X} in a string at byte {}",
                        self.pos
                    )))
                }
                None => {
                    return Err(syntax(format!("unexpected end of input in the string that starts at byte {start}")))
                }
            }
        }
    }

    /// One escape sequence, from its backslash (the next byte).
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let start = self.pos;
        self.pos += 1;
        let Some(letter) = self.peek() else {
            return Err(syntax(format!("unexpected end of input in the escape at byte {start}")));
        };
        self.pos += 1;
        let c = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start, out),
            _ => {
                return Err(syntax(format!(
                    r#"invalid escape at byte {start}: only \" \\ \/ \b \f \n \r \t \uXXXX exist"#
                )))
            }
        };
        out.push(c);
        Ok(())
    }

    /// The rest of a `\uXXXX` escape that started at `start`, with its low surrogate if it needs
    /// one.
    fn unicode_escape(&mut self, start: usize, out: &mut String) -> Result<()> {
        let unit = self.hex4(start)?;
        let code = match unit {
            0xD800..=0xDBFF => {
                let low_start = self.pos;
                let rest = self.bytes.get(self.pos..).unwrap_or_default();
                if !rest.starts_with(b"\\u") {
                    return Err(lone_surrogate("high", unit, start));
                }
                self.pos += 2;
                let low = self.hex4(low_start)?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(lone_surrogate("high", unit, start));
                }
                0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(lone_surrogate("low", unit, start)),
            _ => u32::from(unit),
        };
        let c = char::from_u32(code).ok_or_else(|| syntax(format!("invalid \\u escape at byte {start}")))?;
        out.push(c);
        Ok(())
    }

    /// The four hex digits of a `\u` escape that started at `start`.
    fn hex4(&mut self, start: usize) -> Result<u16> {
        let mut unit = 0u16;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16));
            let Some(digit) = digit else {
                return Err(syntax(format!("invalid \\u escape at byte {start}: expected four hex digits")));
            };
            unit = (unit << 4) | digit as u16;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// An `invalid_json` error for whatever is at the current position.
    fn unexpected(&self, expected: &str) -> Error {
        let found = self.describe_next();
        syntax(format!("unexpected {found} at byte {}, expected {expected}", self.pos))
    }

    /// The character at the current position, for a message.
    fn describe_next(&self) -> String {
        match self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            None => String::from("end of input"),
            Some(c) if c.is_ascii_graphic() || (!c.is_control() && !c.is_whitespace()) => {
                format!("`{c}`")
            }
            Some(c) => format!("U+{:04X}", u32::from(c)),
        }
    }
}

fn syntax(message: String) -> Error {
    Error::with_message(Code::InvalidJson, message)
}

fn lone_surrogate(kind: &str, unit: u16, at: usize) -> Error {
    Error::with_message(
        Code::LoneSurrogate,
        format!("unpaired {kind} surrogate \\u{unit:04x} in the escape at byte {at}"),
    )
}

fn utf8_error(error: &core::str::Utf8Error) -> Error {
    let at = error.valid_up_to();
    let message = match error.error_len() {
        Some(_) => format!("invalid UTF-8 sequence at byte {at}"),
        None => format!("truncated UTF-8 sequence at byte {at}, at the end of input"),
    };
    Error::with_message(Code::InvalidUtf8, message)
}
