//! The built-in schemas' text as the crate embeds it, made by `const fn`s when it compiles:
//! [`compact`] drops the whitespace between tokens (the same JSON value), [`bare`] then drops the
//! annotation members `title`, `description` and `$comment` with string values (the same compiled
//! schema: the engine reads annotations and drops them). The tests in `builtin.rs` check both
//! against the shipped text. These run on the four shipped documents only; an index out of range
//! is a compile error, never a run-time panic.
#![allow(clippy::indexing_slicing)]

/// Where [`compact`]'s scan is: outside strings, in a string, or just after a backslash in one.
#[derive(Clone, Copy)]
enum Scan {
    Between,
    InString,
    Escaped,
}

/// Whether [`compact`] keeps byte `b` (all but the whitespace between tokens), and the next state.
const fn step(b: u8, scan: Scan) -> (bool, Scan) {
    match (scan, b) {
        (Scan::Between, b' ' | b'\t' | b'\n' | b'\r') => (false, Scan::Between),
        (Scan::Between, b'"') | (Scan::Escaped, _) => (true, Scan::InString),
        (Scan::Between, _) => (true, Scan::Between),
        (Scan::InString, b'\\') => (true, Scan::Escaped),
        (Scan::InString, b'"') => (true, Scan::Between),
        (Scan::InString, _) => (true, Scan::InString),
    }
}

/// How many bytes [`compact`] keeps of `json`.
pub(super) const fn compact_len(json: &str) -> usize {
    let (mut rest, mut scan, mut n) = (json.as_bytes(), Scan::Between, 0);
    while let [b, tail @ ..] = rest {
        let (kept, next) = step(*b, scan);
        n += kept as usize;
        (rest, scan) = (tail, next);
    }
    n
}

/// `json` without the whitespace between its tokens (`N` is its [`compact_len`]).
pub(super) const fn compact<const N: usize>(json: &str) -> [u8; N] {
    let mut out = [0; N];
    let (mut rest, mut scan, mut n) = (json.as_bytes(), Scan::Between, 0);
    while let [b, tail @ ..] = rest {
        let (kept, next) = step(*b, scan);
        if kept {
            out[n] = *b;
            n += 1;
        }
        (rest, scan) = (tail, next);
    }
    out
}

/// The annotation members [`bare`] drops, as they start in compact text.
const ANNOTATIONS: [&[u8]; 3] = [b"\"title\":\"", b"\"description\":\"", b"\"$comment\":\""];

/// If an annotation member with a string value starts at `at` of the compact text `json`, the
/// index just past it.
const fn annotation_end(json: &[u8], at: usize) -> Option<usize> {
    let mut a = 0;
    while a < ANNOTATIONS.len() {
        let name = ANNOTATIONS[a];
        let mut i = 0;
        while i < name.len() && at + i < json.len() && json[at + i] == name[i] {
            i += 1;
        }
        if i == name.len() {
            // The string value: to its closing quote, over escaped characters.
            let mut j = at + i;
            while j < json.len() {
                match json[j] {
                    b'\\' => j += 2,
                    b'"' => return Some(j + 1),
                    _ => j += 1,
                }
            }
            return None;
        }
        a += 1;
    }
    None
}

/// One step of [`bare`] at byte `i`: whether `json[i]` is kept, where the scan goes on, and its
/// state. Outside strings, a `,` followed by an annotation member goes with the member, and after
/// a `{` the annotation members that open the object go with their commas. In compact text a
/// string followed by `:` is always an object's member name, so no array element is taken.
const fn bare_step(json: &[u8], i: usize, scan: Scan) -> (bool, usize, Scan) {
    let b = json[i];
    match (scan, b) {
        (Scan::Between, b',') => match annotation_end(json, i + 1) {
            Some(end) => (false, end, Scan::Between),
            None => (true, i + 1, Scan::Between),
        },
        (Scan::Between, b'{') => {
            let mut next = i + 1;
            while let Some(end) = annotation_end(json, next) {
                next = if end < json.len() && json[end] == b',' { end + 1 } else { end };
            }
            (true, next, Scan::Between)
        }
        _ => {
            let (_, after) = step(b, scan);
            (true, i + 1, after)
        }
    }
}

/// How many bytes [`bare`] keeps of the compact text `json`.
pub(super) const fn bare_len(json: &[u8]) -> usize {
    let (mut i, mut scan, mut n) = (0, Scan::Between, 0);
    while i < json.len() {
        let (kept, next, after) = bare_step(json, i, scan);
        n += kept as usize;
        (i, scan) = (next, after);
    }
    n
}

/// The compact text `json` without its annotation members (`N` is its [`bare_len`]).
pub(super) const fn bare<const N: usize>(json: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    let (mut i, mut scan, mut n) = (0, Scan::Between, 0);
    while i < json.len() {
        let (kept, next, after) = bare_step(json, i, scan);
        if kept {
            out[n] = json[i];
            n += 1;
        }
        (i, scan) = (next, after);
    }
    out
}
