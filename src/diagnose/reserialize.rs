//! The common ways a JSON body gets re-serialized between a sender and a receiver's `verify` call:
//! `JSON.stringify` compact and indented, and Python's `json.dumps` with its defaults.
//!
//! [`crate::diagnose`] writes the received body in each form and checks whether the signature
//! matches one of them; a match means the sender signed other bytes than the receiver passed in.
//! Members keep their order ([`crate::json::Map`] keeps insertion order, as `JSON.parse` and
//! Python's `dict` do), so each form is what that serializer would print for the parsed value.

use alloc::string::String;

use crate::json::Value;

/// A re-serialization of a JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `JSON.stringify(value)`: no whitespace.
    Compact,
    /// `JSON.stringify(value, null, 2)`.
    Indent2,
    /// `JSON.stringify(value, null, 4)`.
    Indent4,
    /// Python's `json.dumps(value)`: `", "` and `": "` separators, non-ASCII as `\uXXXX`.
    Python,
}

impl Form {
    /// Every form, in the order they are tried.
    pub const ALL: [Form; 4] = [Form::Compact, Form::Indent2, Form::Indent4, Form::Python];

    /// How the form is produced, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Form::Compact => "compact `JSON.stringify(body)`",
            Form::Indent2 => "`JSON.stringify(body, null, 2)` (2-space indent)",
            Form::Indent4 => "`JSON.stringify(body, null, 4)` (4-space indent)",
            Form::Python => "Python's `json.dumps(body)` (`\", \"`/`\": \"` separators, non-ASCII escaped)",
        }
    }

    fn indent(self) -> usize {
        match self {
            Form::Indent2 => 2,
            Form::Indent4 => 4,
            Form::Compact | Form::Python => 0,
        }
    }
}

/// `value` written in `form`, or `None` if the text would pass `limit` bytes or nest deeper
/// than `max_depth` (indentation grows with depth, so a small body can have a huge indented form).
pub fn write(value: &Value, form: Form, limit: usize, max_depth: usize) -> Option<String> {
    let mut w = Writer { out: String::new(), form, limit, max_depth };
    w.value(value, 0)?;
    Some(w.out)
}

struct Writer {
    out: String,
    form: Form,
    limit: usize,
    max_depth: usize,
}

impl Writer {
    /// Appends `text`, refusing to grow past the limit.
    fn push(&mut self, text: &str) -> Option<()> {
        if self.out.len().saturating_add(text.len()) > self.limit {
            return None;
        }
        self.out.push_str(text);
        Some(())
    }

    fn newline(&mut self, depth: usize) -> Option<()> {
        let width = self.form.indent().saturating_mul(depth);
        if self.out.len().saturating_add(width).saturating_add(1) > self.limit {
            return None;
        }
        self.out.push('\n');
        self.out.extend(core::iter::repeat(' ').take(width));
        Some(())
    }

    fn item_separator(&self) -> &'static str {
        if self.form == Form::Python {
            ", "
        } else {
            ","
        }
    }

    fn name_separator(&self) -> &'static str {
        if self.form == Form::Compact {
            ":"
        } else {
            ": "
        }
    }

    // Recursion is bounded by `max_depth`, the parser's own limit for the value.
    fn value(&mut self, value: &Value, depth: usize) -> Option<()> {
        match value {
            Value::Null => self.push("null"),
            Value::Bool(true) => self.push("true"),
            Value::Bool(false) => self.push("false"),
            // ECMAScript's number format (the canonical writer's); Python prints integers the
            // same way, which is how most bodies carry numbers.
            Value::Number(n) => {
                let text = crate::canonical::to_canonical_string(&Value::Number(*n)).ok()?;
                self.push(&text)
            }
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                if depth >= self.max_depth {
                    return None;
                }
                if items.is_empty() {
                    return self.push("[]");
                }
                self.push("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push(self.item_separator())?;
                    }
                    self.open_line(depth + 1)?;
                    self.value(item, depth + 1)?;
                }
                self.open_line(depth)?;
                self.push("]")
            }
            Value::Object(map) => {
                if depth >= self.max_depth {
                    return None;
                }
                if map.is_empty() {
                    return self.push("{}");
                }
                self.push("{")?;
                for (i, (name, item)) in map.iter().enumerate() {
                    if i > 0 {
                        self.push(self.item_separator())?;
                    }
                    self.open_line(depth + 1)?;
                    self.string(name)?;
                    self.push(self.name_separator())?;
                    self.value(item, depth + 1)?;
                }
                self.open_line(depth)?;
                self.push("}")
            }
        }
    }

    /// A line break before an element or a closing bracket, in the indented forms only.
    fn open_line(&mut self, depth: usize) -> Option<()> {
        if self.form.indent() > 0 {
            self.newline(depth)
        } else {
            Some(())
        }
    }

    fn string(&mut self, s: &str) -> Option<()> {
        // An escape is at most six bytes per input byte (`\u0001` for a control character), so one
        // check per string keeps the limit without a check per character.
        if self.out.len().saturating_add(s.len().saturating_mul(6)).saturating_add(2) > self.limit {
            return None;
        }
        let ascii = self.form == Form::Python;
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => push_unit_escape(&mut self.out, c as u16),
                // Python's ensure_ascii escapes everything outside ' '..='~', DEL included.
                c if ascii && !(' '..='~').contains(&c) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        push_unit_escape(&mut self.out, *unit);
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
        Some(())
    }
}

/// `\u` and four lower-case hex digits, as both `JSON.stringify` and Python write them.
fn push_unit_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12u16, 8, 4, 0] {
        let digit = usize::from((unit >> shift) & 0xf);
        out.push(char::from(HEX.get(digit).copied().unwrap_or(b'0')));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, ParseOptions};

    fn form(text: &str, form: Form) -> String {
        let value = parse(text.as_bytes(), &ParseOptions::default()).unwrap();
        write(&value, form, 1 << 20, 128).unwrap()
    }

    const DOC: &str = r#"{"b":[1,2.5,{"x":null}],"a":"é😀\u0001\n","e":[],"o":{},"t":true}"#;

    #[test]
    fn compact_is_json_stringify() {
        // JSON.stringify(JSON.parse(DOC)) in Node.
        assert_eq!(
            form(DOC, Form::Compact),
            "{\"b\":[1,2.5,{\"x\":null}],\"a\":\"é😀\\u0001\\n\",\"e\":[],\"o\":{},\"t\":true}"
        );
    }

    #[test]
    fn indents_are_json_stringify_with_space() {
        assert_eq!(
            form(r#"{"a":[1,{"b":2}],"c":{}}"#, Form::Indent2),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"c\": {}\n}"
        );
        assert_eq!(form(r#"[1,[]]"#, Form::Indent4), "[\n    1,\n    []\n]");
        assert_eq!(form("7", Form::Indent4), "7");
    }

    #[test]
    fn python_separates_with_spaces_and_escapes_non_ascii() {
        // json.dumps(json.loads(DOC)) in CPython 3.
        assert_eq!(
            form(DOC, Form::Python),
            "{\"b\": [1, 2.5, {\"x\": null}], \"a\": \"\\u00e9\\ud83d\\ude00\\u0001\\n\", \"e\": [], \"o\": {}, \"t\": true}"
        );
        assert_eq!(form("\"\u{7f}~\"", Form::Python), "\"\\u007f~\"");
    }

    #[test]
    fn limits_are_kept() {
        let value = parse(b"[[[[1]]]]", &ParseOptions::default()).unwrap();
        assert!(write(&value, Form::Indent4, 10, 128).is_none());
        assert!(write(&value, Form::Compact, 1000, 3).is_none());
        assert_eq!(write(&value, Form::Compact, 9, 4).as_deref(), Some("[[[[1]]]]"));
    }
}
