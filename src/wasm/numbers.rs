//! The host's number conversions for the JSON reader and writers (feature `host-numbers`; see
//! `json::host`), installed when the module starts.

use alloc::string::String;

use wasm_bindgen::prelude::*;

use crate::json::host::{set_number_host, NumberHost};

#[wasm_bindgen]
extern "C" {
    /// ECMAScript's `Number(text)`: for a JSON number, the nearest double.
    #[wasm_bindgen(js_name = Number)]
    fn number_of(text: &str) -> f64;
    /// ECMAScript's `String(n)`: `Number.prototype.toString`.
    #[wasm_bindgen(js_name = String)]
    fn string_of(n: f64) -> String;
}

fn write(n: f64, out: &mut String) {
    out.push_str(&string_of(n));
}

static HOST: NumberHost = NumberHost { parse: number_of, write };

#[wasm_bindgen(start)]
fn start() {
    set_number_host(&HOST);
}
