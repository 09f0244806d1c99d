//! `diagnose(options, payload, headers, { now? })`: why a delivery does not verify.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use alloc::string::String;
use alloc::vec::Vec;

use super::convert::{self, set, EndpointOptions};
use crate::diagnose::{diagnose_at, DiagnoseOptions};

/// `diagnose(options, payload, headers, { now? }) → { ok, scheme, findings: [{ code, message }] }`,
/// called by `js/diagnose.mjs` with the payload's bytes, every header as a flat
/// `[name, value, …]` list and the time in seconds.
///
/// `options` are the `Verifier` options with `scheme` optional (detected from the headers).
#[wasm_bindgen(js_name = diagnoseFlat)]
pub fn diagnose(options: &JsValue, body: &[u8], flat: Vec<String>, now: f64) -> Result<JsValue, JsValue> {
    let detect = options.is_object() && {
        let scheme = convert::get(options, "scheme");
        scheme.is_undefined() || scheme.is_null()
    };
    let opts = if detect {
        // `EndpointOptions` requires a scheme; a copy with a placeholder reads everything else the
        // same way, and the placeholder is then dropped for detection.
        let copy = Object::assign(&Object::new(), &Object::from(options.clone()));
        set(&copy, "scheme", &JsValue::from_str("standard"));
        EndpointOptions::read(&copy.into())?
    } else {
        EndpointOptions::read(options)?
    };
    let headers: Vec<(&str, &str)> =
        flat.chunks_exact(2).filter_map(|p| Some((p.first()?.as_str(), p.get(1)?.as_str()))).collect();
    let now = convert::whole_seconds(now, "now")?;
    let secrets = opts.secrets();
    let diagnose_options = DiagnoseOptions {
        scheme: if detect { None } else { Some(opts.scheme.clone()) },
        secrets: &secrets,
        tolerance: opts.tolerance,
        notification_url: opts.notification_url.as_deref(),
        canonical: opts.canonical,
    };
    let diagnosis = diagnose_at(&diagnose_options, body, &headers, now);

    let out = Object::new();
    set(&out, "ok", &JsValue::from_bool(diagnosis.ok));
    set(&out, "scheme", &diagnosis.scheme.as_deref().map_or(JsValue::NULL, JsValue::from_str));
    let findings = Array::new();
    for finding in &diagnosis.findings {
        let item = Object::new();
        set(&item, "code", &JsValue::from_str(finding.code.as_str()));
        set(&item, "message", &JsValue::from_str(&finding.message));
        findings.push(&item);
    }
    set(&out, "findings", &findings);
    Ok(out.into())
}
