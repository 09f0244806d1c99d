//! [`Validation::write_json`]: a whole result as one compact JSON text, in the shape of the object
//! the JavaScript API returns, so that it can cross to JavaScript as one string for `JSON.parse`
//! instead of one host call per property.

use alloc::string::String;

use super::schema::Validation;
use crate::json::{write_json, write_string};

impl Validation {
    /// Appends the result to `out` as compact JSON text:
    ///
    /// ```text
    /// {"valid":false,"value":{…},
    ///  "errors":[{"path":"/name","keyword":"minLength","message":"…","params":{"limit":1}},…],
    ///  "fieldErrors":{"name":["…"],…},
    ///  "response":{"status":422,"body":{…}}}
    /// ```
    ///
    /// Members in that order; `fieldErrors` always (`{}` when there are none), `response` only
    /// when there is one. `value`, `params` and `body` keep their members' order, numbers read
    /// back as the same doubles (`-0` included), and `JSON.parse` of the text gives the object the
    /// bindings build property by property.
    pub fn write_json(&self, out: &mut String) {
        out.reserve(64 + 160 * self.errors.len());
        out.push_str(if self.valid { "{\"valid\":true,\"value\":" } else { "{\"valid\":false,\"value\":" });
        write_json(&self.value, out);
        out.push_str(",\"errors\":[");
        for (i, e) in self.errors.iter().enumerate() {
            out.push_str(if i == 0 { "{\"path\":" } else { ",{\"path\":" });
            write_string(&e.path, out);
            out.push_str(",\"keyword\":");
            write_string(e.keyword, out);
            out.push_str(",\"message\":");
            write_string(&e.message, out);
            out.push_str(",\"params\":");
            write_json(&e.params, out);
            out.push('}');
        }
        out.push_str("],\"fieldErrors\":{");
        for (i, (field, messages)) in self.field_errors.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(field, out);
            out.push_str(":[");
            for (j, message) in messages.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                write_string(message, out);
            }
            out.push(']');
        }
        out.push('}');
        if let Some(response) = &self.response {
            out.push_str(",\"response\":{\"status\":");
            crate::json::write_ecmascript_number(f64::from(response.status), out);
            out.push_str(",\"body\":");
            write_json(&response.body, out);
            out.push('}');
        }
        out.push('}');
    }

    /// The result as compact JSON text; see [`Validation::write_json`].
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::*;
    use crate::json::{parse, Map, Value};
    use crate::policy::{Builtin, BuiltinOptions, Schema};

    /// The object the bindings build from a result, property by property.
    fn as_bindings_build_it(v: &Validation) -> Value {
        let mut out = Map::new();
        out.insert("valid".into(), Value::Bool(v.valid));
        out.insert("value".into(), v.value.clone());
        let errors = v
            .errors
            .iter()
            .map(|e| {
                let mut item = Map::new();
                item.insert("path".into(), Value::String(e.path.clone()));
                item.insert("keyword".into(), Value::String(e.keyword.into()));
                item.insert("message".into(), Value::String(e.message.clone()));
                item.insert("params".into(), e.params.clone());
                Value::Object(item)
            })
            .collect();
        out.insert("errors".into(), Value::Array(errors));
        out.insert("fieldErrors".into(), v.field_errors_json());
        if let Some(response) = &v.response {
            let mut r = Map::new();
            r.insert("status".into(), Value::Number(f64::from(response.status)));
            r.insert("body".into(), response.body.clone());
            out.insert("response".into(), Value::Object(r));
        }
        Value::Object(out)
    }

    #[test]
    fn the_text_is_the_object_the_bindings_build() {
        let ajv = Schema::compile_json(Builtin::Talkover.source().as_bytes()).unwrap();
        let mut schemas: Vec<Schema> =
            Builtin::ALL.iter().map(|b| b.schema(&BuiltinOptions::default()).unwrap()).collect();
        schemas.push(ajv);
        let inputs = [
            r#"{"name":"My Webhook","webhook_url":"https://example.com/hooks","events":["event_phone_call_started"],"timeout":30,"max_retries":3,"enabled":true}"#,
            r#"{"name":"","webhook_url":"not a url","events":[],"timeout":500}"#,
            r#"{"name":"x\"\\\n\u0001é\u2028","url":"http://10.0.0.1/x","events":["nope"],"isActive":"yes","headers":{"Content-Length":"5","__proto__":"-0"},"timeout":-0}"#,
            r#"{"webhookUrl":"not a url","authType":"bearer"}"#,
            r#"{"url":"https://example.com/h","filterTypes":[],"rateLimit":1.5e300}"#,
            r#"[]"#,
            r#"null"#,
        ];
        for schema in &schemas {
            for input in inputs {
                let result = schema.validate_json(input.as_bytes()).unwrap();
                let text = result.to_json();
                let back = parse(text.as_bytes(), &Default::default()).unwrap();
                assert_eq!(back, as_bindings_build_it(&result), "{text}");
                assert_eq!(back.get("response").is_some(), result.response.is_some());
                let members: Vec<&str> = back.as_object().unwrap().iter().map(|(k, _)| k.as_str()).collect();
                let mut want = alloc::vec!["valid", "value", "errors", "fieldErrors"];
                if result.response.is_some() {
                    want.push("response");
                }
                assert_eq!(members, want);
            }
        }
    }

    #[test]
    fn a_parse_failure_is_an_invalid_result() {
        let texts: [(&[u8], &str); 5] = [
            (b"{\"name\": ", "invalid_json"),
            (br#"{"a": 1, "a": 2}"#, "duplicate_key"),
            (br#"["\ud800"]"#, "lone_surrogate"),
            (b"\xff", "invalid_utf8"),
            (&[b'['; 200], "too_deep"),
        ];
        let ajv = Schema::compile_json(b"{}").unwrap();
        let mut schemas: Vec<Schema> =
            Builtin::ALL.iter().map(|b| b.schema(&BuiltinOptions::default()).unwrap()).collect();
        schemas.push(ajv);
        for schema in &schemas {
            for (text, code) in texts {
                let error = schema.validate_json(text).unwrap_err();
                let result = schema.parse_failure(&error);
                assert!(!result.valid);
                assert_eq!(result.value, Value::Null);
                assert_eq!(result.errors.len(), 1);
                assert_eq!((result.errors[0].path.as_str(), result.errors[0].keyword), ("", "json"));
                assert_eq!(result.errors[0].message, error.message());
                assert_eq!(result.errors[0].params.get("code").and_then(Value::as_str), Some(code));
                let status = result.response.as_ref().map(|r| r.status);
                let want = if schema.style() == crate::policy::ErrorStyle::Ajv { None } else { Some(400) };
                assert_eq!(status, want, "{:?}", schema.style());
                let back = parse(result.to_json().as_bytes(), &Default::default()).unwrap();
                assert_eq!(back, as_bindings_build_it(&result));
            }
        }
    }

    #[test]
    fn negative_zero_keeps_its_sign() {
        let schema = Schema::compile_json(br#"{"properties": {"a": {"default": -0}}}"#).unwrap();
        let text = schema.validate_json(b"{}").unwrap().to_json();
        assert_eq!(text, r#"{"valid":true,"value":{"a":-0},"errors":[],"fieldErrors":{}}"#);
    }
}
