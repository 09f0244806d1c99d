//! Differential: JSON numbers (always in the grammar, up to ~1000 significant digits, exponents to
//! ±800) read by hookseal's own decimal-to-double parser and by `core`'s `str::parse::<f64>`, which
//! is correctly rounded. They must agree bit for bit; out of range must be what core calls infinite.
#![no_main]

use hookseal::json::{parse, ParseOptions, Value};
use hookseal::Code;
use libfuzzer_sys::arbitrary::{self, Arbitrary};

#[derive(Arbitrary, Debug)]
struct Number {
    negative: bool,
    integer: Vec<u8>,
    fraction: Option<Vec<u8>>,
    exponent: Option<(i16, bool)>,
}

fn digits(bytes: &[u8]) -> impl Iterator<Item = char> + '_ {
    bytes.iter().map(|b| char::from(b'0' + b % 10))
}

libfuzzer_sys::fuzz_target!(|n: Number| {
    let mut text = String::new();
    if n.negative {
        text.push('-');
    }
    // No leading zero before other integer digits (JSON's grammar).
    match n.integer.split_first() {
        Some((first, rest)) if first % 10 != 0 => {
            text.push(char::from(b'0' + first % 10));
            text.extend(digits(rest));
        }
        _ => text.push('0'),
    }
    if let Some(fraction) = &n.fraction {
        text.push('.');
        text.extend(digits(fraction));
        if fraction.is_empty() {
            text.push('0');
        }
    }
    if let Some((exponent, upper)) = n.exponent {
        text.push(if upper { 'E' } else { 'e' });
        text.push_str(&(i32::from(exponent) % 800).to_string());
    }
    let expected: f64 = text.parse().expect("core parses every JSON number");
    match parse(text.as_bytes(), &ParseOptions::default()) {
        Ok(Value::Number(got)) => assert_eq!(got.to_bits(), expected.to_bits(), "{text}"),
        Ok(other) => panic!("{text} parsed as {other:?}"),
        Err(e) => {
            assert_eq!(e.code(), Code::NumberOutOfRange, "{text}: {e}");
            assert!(expected.is_infinite(), "{text} refused but core reads {expected:e}");
        }
    }
});
