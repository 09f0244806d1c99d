//! How error messages name a duplicate property.
//!
//! Each object's names are checked once, when the object closes, by sorting them
//! ([`Map::from_members`](crate::json::Map), which keeps the sorted order as its lookup index), so
//! a 100,000-member object costs `O(n log n)` comparisons rather than `O(n^2)`. The error names
//! the key and its JSON Pointer (RFC 6901), both shortened, so a hostile input cannot make a
//! message huge.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::Frame;
use crate::error::{Code, Error};
use crate::json::Value;

/// How many characters of a name an error message echoes.
const ECHO_CHARS: usize = 64;

/// The error for an object whose member `at` repeats an earlier name; `parents` are the
/// containers around it, and `values` the length of the parser's stack of array elements.
pub(super) fn duplicate_error(members: &[(String, Value)], at: usize, parents: &[Frame], values: usize) -> Error {
    let name = members.get(at).map_or("", |(k, _)| k.as_str());
    let mut message = String::from("duplicate property name ");
    echo_string(&mut message, name, ECHO_CHARS);
    message.push_str(" at JSON Pointer ");
    // Each open array's elements so far run from its start to the next open array's start (the
    // innermost array's to the end of the stack); the element being read is the next one.
    let mut counts = Vec::new();
    let mut end = values;
    for frame in parents.iter().rev() {
        if let Frame::Array { start } = frame {
            counts.push(end - start);
            end = *start;
        }
    }
    let mut pointer = String::new();
    for frame in parents {
        pointer.push('/');
        match frame {
            Frame::Array { .. } => {
                let _ = write!(pointer, "{}", counts.pop().unwrap_or(0));
            }
            Frame::Object { key, .. } => push_pointer_segment(&mut pointer, key),
        }
    }
    pointer.push('/');
    push_pointer_segment(&mut pointer, name);
    // A deep pointer keeps its end, which names the object and the key.
    let excess = pointer.chars().count().saturating_sub(4 * ECHO_CHARS);
    if excess > 0 {
        // Sliced, not collected from `chars()`: one generic copy fewer in the wasm.
        let cut = pointer.char_indices().nth(excess).map_or(pointer.len(), |(i, _)| i);
        let mut kept = String::from("…");
        kept.push_str(pointer.get(cut..).unwrap_or_default());
        pointer = kept;
    }
    echo_string(&mut message, &pointer, usize::MAX);
    Error::with_message(Code::DuplicateKey, message)
}

/// Appends `name` as a JSON Pointer reference token (RFC 6901: `~` as `~0`, `/` as `~1`),
/// shortened to [`ECHO_CHARS`] characters.
fn push_pointer_segment(pointer: &mut String, name: &str) {
    for (n, c) in name.chars().enumerate() {
        if n == ECHO_CHARS {
            pointer.push('…');
            break;
        }
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// Appends `text` as a quoted string for a message: control characters, `"` and `\` escaped, at
/// most `max_chars` characters, then `…`.
fn echo_string(message: &mut String, text: &str, max_chars: usize) {
    message.push('"');
    for (n, c) in text.chars().enumerate() {
        if n == max_chars {
            message.push('…');
            break;
        }
        match c {
            '"' | '\\' => {
                message.push('\\');
                message.push(c);
            }
            c if c.is_control() => {
                let _ = write!(message, "\\u{:04x}", u32::from(c));
            }
            c => message.push(c),
        }
    }
    message.push('"');
}
