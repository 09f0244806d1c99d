//! Duplicate property names, and how error messages name them.
//!
//! Each object's names are checked once, when the object closes: a few members by comparing every
//! pair, more by sorting `(name, index)` pairs, so a 100,000-member object costs `O(n log n)`
//! comparisons rather than `O(n^2)`. The error names the key and its JSON Pointer (RFC 6901),
//! both shortened, so a hostile input cannot make a message huge.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::Frame;
use crate::error::{Code, Error, Result};
use crate::json::Value;

/// How many characters of a name an error message echoes.
const ECHO_CHARS: usize = 64;

/// Refuses an object whose members repeat a name; `parents` are the containers around it.
pub(super) fn check_duplicates(members: &[(String, Value)], parents: &[Frame]) -> Result<()> {
    let Some(name) = first_duplicate(members) else {
        return Ok(());
    };
    let mut message = String::from("duplicate property name ");
    echo_string(&mut message, name, ECHO_CHARS);
    message.push_str(" at JSON Pointer ");
    let mut pointer = String::new();
    for frame in parents {
        pointer.push('/');
        match frame {
            // The element being read is the next one.
            Frame::Array(items) => {
                let _ = write!(pointer, "{}", items.len());
            }
            Frame::Object { key, .. } => push_pointer_segment(&mut pointer, key),
        }
    }
    pointer.push('/');
    push_pointer_segment(&mut pointer, name);
    // A deep pointer keeps its end, which names the object and the key.
    let excess = pointer.chars().count().saturating_sub(4 * ECHO_CHARS);
    if excess > 0 {
        pointer = core::iter::once('…').chain(pointer.chars().skip(excess)).collect();
    }
    echo_string(&mut message, &pointer, usize::MAX);
    Err(Error::with_message(Code::DuplicateKey, message))
}

/// The name of the first member (in input order) whose name an earlier member already has.
fn first_duplicate(members: &[(String, Value)]) -> Option<&str> {
    if members.len() <= 8 {
        // Comparing every pair is cheaper than sorting for a handful of members.
        return members
            .iter()
            .enumerate()
            .find(|(i, (name, _))| members.iter().take(*i).any(|(k, _)| k == name))
            .map(|(_, (name, _))| name.as_str());
    }
    let mut names: Vec<(&str, usize)> = members.iter().enumerate().map(|(i, (name, _))| (name.as_str(), i)).collect();
    crate::sort::heapsort(&mut names, |a, b| a < b);
    // Within a run of equal names the indices ascend, so every pair's second entry repeats a name.
    names
        .windows(2)
        .filter_map(|pair| match pair {
            [(a, _), (b, index)] if a == b => Some((*index, *b)),
            _ => None,
        })
        .min()
        .map(|(_, name)| name)
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
