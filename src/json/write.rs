//! The string and number forms shared by every JSON text hookseal writes: RFC 8785's string
//! escaping and ECMAScript's number form.

use alloc::string::String;

/// A string with `"`, `\` and the C0 controls escaped, everything else as itself: RFC 8785's
/// escaping, which every JSON parser reads back.
pub(crate) fn write_string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        let run = i + super::plain_len(bytes.get(i..).unwrap_or_default());
        // Escaped bytes are ASCII, so the run before them is whole characters.
        out.push_str(s.get(i..run).unwrap_or_default());
        let Some(&byte) = bytes.get(run) else { break };
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0C => "\\f",
            0x0D => "\\r",
            _ => "",
        };
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0xF));
        } else {
            out.push_str(escape);
        }
        i = run + 1;
    }
    out.push('"');
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

/// Appends a finite `n` as ECMAScript's `Number.prototype.toString` writes it (`-0` as `0`).
pub(crate) fn write_ecmascript_number(n: f64, out: &mut String) {
    // Integers below 2^53 print as their digits, which itoa writes without the
    // shortest-round-trip search.
    #[allow(clippy::cast_possible_truncation)]
    let integer = n as i64;
    #[allow(clippy::cast_precision_loss)]
    if n.abs() < 9_007_199_254_740_992.0 && integer as f64 == n {
        out.push_str(itoa::Buffer::new().format(integer));
    } else {
        out.push_str(ryu_js::Buffer::new().format_finite(n));
    }
}
