//! The flat crossing of the hot paths (verify, sign).
//!
//! JavaScript writes a call's inputs into one reusable region of wasm memory (headers, payload,
//! MACs) and calls with numbers; the engine answers with a status and leaves its results in a few
//! numeric slots and one output region that JavaScript reads in place. No JavaScript object is
//! created or read by wasm on these paths, where every such crossing costs more than hashing a
//! short body. The objects users hold keep only a descriptor (`descriptor.rs`); the engine keeps
//! the core object of the last descriptor loaded, so repeated calls on one object skip the load.
//!
//! Every rule stays in the core: header parsing, limits, tolerance, candidate decoding and the
//! constant-time comparison run here, also when the host computes the MAC (`verify_begin`, the
//! host's HMAC over `before ‖ payload ‖ after`, then `verify_finish`).
//!
//! Ed25519 (`v1a`) always runs here, never on the host: `compiled` reports `asymmetric` for an
//! object holding an Ed25519 key, and JavaScript then takes the one-call path (`verify`, `sign`)
//! for it, which computes its HMACs here too. One implementation (ed25519-dalek's strict
//! verification) then decides every `v1a` signature, in every runtime.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::{self, set, EndpointOptions, SecretBuf};
use super::descriptor::{self, Settings};
use super::region::{missing_input, Region};
use crate::error::{Code, Error};
use crate::webhook::secret;
use crate::webhook::verify::{Limits, Pending};
use crate::{Config, Signer, Verifier};

/// Slot numbers, mirrored in `js/engine.mjs` (2 and 3 are `region.rs`'s).
const SECRET_INDEX: usize = 0;
const TIMESTAMP: usize = 1;
const BEFORE_LEN: usize = 4;

/// One per module instance, created when the package loads and never freed.
#[wasm_bindgen]
#[derive(Default)]
pub struct Engine {
    region: Region,
    verifier: Option<Verifier>,
    signer: Option<Signer>,
    pending: Option<Pending>,
    signing: Option<(Option<String>, i64)>,
}

#[wasm_bindgen]
impl Engine {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Where the numeric results are (eight `f64`s; the address never changes).
    pub fn slots(&self) -> u32 {
        self.region.slots_ptr()
    }

    /// Makes the input region at least `len` bytes long and returns its address.
    pub fn reserve(&mut self, len: u32) -> u32 {
        self.region.reserve(len)
    }

    /// Builds a verifier from `Verifier` options: `{ descriptor, names, keys, … }` (see
    /// `compiled`); the verifier is loaded.
    #[wasm_bindgen(js_name = compileVerifier)]
    pub fn compile_verifier(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        let opts = EndpointOptions::read(options)?;
        let secrets = opts.secrets();
        let config = opts.config(&secrets);
        let verifier = Verifier::new(&config)
            .map_err(|e| convert::config_error(&e))?
            .with_tolerance(opts.tolerance)
            .with_limits(opts.limits);
        let (endpoint, tolerance, limits) = verifier.parts();
        let out = compiled(&descriptor::write(endpoint, &Settings { tolerance, limits }), &config, &opts, limits)?;
        self.verifier = Some(verifier);
        Ok(out)
    }

    /// Builds a signer from `Signer` options, as [`Engine::compile_verifier`]; the signer is loaded.
    #[wasm_bindgen(js_name = compileSigner)]
    pub fn compile_signer(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        let opts = EndpointOptions::read(options)?;
        let secrets = opts.secrets();
        let config = opts.config(&secrets);
        let signer = Signer::new(&config).map_err(|e| convert::config_error(&e))?;
        let settings = Settings { tolerance: opts.tolerance, limits: opts.limits };
        let out = compiled(&descriptor::write(signer.endpoint(), &settings), &config, &opts, opts.limits)?;
        let meta: &Object = out.unchecked_ref();
        set(meta, "tagCount", &JsValue::from_f64(signer.tag_count() as f64));
        set(meta, "needsId", &JsValue::from_bool(signer.needs_id()));
        self.signer = Some(signer);
        Ok(out)
    }

    /// Loads the verifier whose descriptor is the first `len` input bytes.
    #[wasm_bindgen(js_name = loadVerifier)]
    pub fn load_verifier(&mut self, len: u32) -> bool {
        let loaded = self.region.input.get(..len as usize).and_then(descriptor::read);
        self.verifier = loaded.map(|(endpoint, s)| Verifier::from_endpoint(endpoint, s.tolerance, s.limits));
        self.verifier.is_some()
    }

    /// Loads the signer whose descriptor is the first `len` input bytes.
    #[wasm_bindgen(js_name = loadSigner)]
    pub fn load_signer(&mut self, len: u32) -> bool {
        let loaded = self.region.input.get(..len as usize).and_then(descriptor::read);
        self.signer = loaded.map(|(endpoint, _)| Signer::from_endpoint(endpoint));
        self.signer.is_some()
    }

    /// Verifies with the loaded verifier: the header block is the first `headers_len` input
    /// bytes, the payload the `payload_len` after it. 0 on success, 1 on failure (the output is
    /// the error's code, a line feed and its message).
    pub fn verify(&mut self, headers_len: u32, payload_len: u32, header_count: u32, now: f64) -> u32 {
        let result = self.run_verify(headers_len as usize, payload_len as usize, header_count as usize, now);
        self.answer(result)
    }

    /// The checks before the MAC for a host that computes it: on success the output is the
    /// signed content before the body (`BEFORE_LEN` bytes) then after it.
    #[wasm_bindgen(js_name = verifyBegin)]
    pub fn verify_begin(&mut self, headers_len: u32, payload_len: u32, header_count: u32, now: f64) -> u32 {
        let result = self.run_verify_begin(headers_len as usize, payload_len as usize, header_count as usize, now);
        self.answer(result)
    }

    /// Compares the `tags` MACs in the first `32 * tags` input bytes with the pending candidates;
    /// with `inner`, those are HMAC's inner hashes (see `Verifier::finish_inner`), whose outer
    /// hashes are taken here first.
    #[wasm_bindgen(js_name = verifyFinish)]
    pub fn verify_finish(&mut self, tags: u32, inner: bool) -> u32 {
        let result = self.run_verify_finish(tags as usize, inner);
        self.answer(result)
    }

    /// Signs with the loaded signer. Input: the id (`id_len` bytes, or none if negative), then
    /// `random_len` random bytes for generating one, then the payload. On success the output is
    /// the headers, `name\nvalue\n…`.
    pub fn sign(&mut self, id_len: i32, random_len: u32, payload_len: u32, timestamp: f64) -> u32 {
        let result = self.run_sign(id_len, random_len as usize, Some(payload_len as usize), timestamp);
        self.answer(result)
    }

    /// [`Engine::sign`] for a host that computes the MAC: the output is the signed content before
    /// and after the body, as for [`Engine::verify_begin`].
    #[wasm_bindgen(js_name = signBegin)]
    pub fn sign_begin(&mut self, id_len: i32, random_len: u32, timestamp: f64) -> u32 {
        let result = self.run_sign(id_len, random_len as usize, None, timestamp);
        self.answer(result)
    }

    /// The headers from the host's `tags` MACs (first `32 * tags` input bytes), or from their
    /// inner hashes with `inner`, as for [`Engine::verify_finish`].
    #[wasm_bindgen(js_name = signFinish)]
    pub fn sign_finish(&mut self, tags: u32, inner: bool) -> u32 {
        let result = self.run_sign_finish(tags as usize, inner);
        self.answer(result)
    }
}

impl Engine {
    fn answer(&mut self, result: Result<(), Error>) -> u32 {
        self.region.answer(result)
    }

    fn verifier(&self) -> Result<&Verifier, Error> {
        self.verifier.as_ref().ok_or(Error::new(Code::InvalidOptions, "no verifier is loaded"))
    }

    fn run_verify(&mut self, headers_len: usize, payload_len: usize, count: usize, now: f64) -> Result<(), Error> {
        let verifier = self.verifier()?;
        let now = seconds(now, "now")?;
        check_header_count(count, verifier.limits())?;
        let (block, rest) = split(&self.region.input, headers_len)?;
        let payload = rest.get(..payload_len).ok_or_else(missing_input)?;
        let headers = read_block(block, header_names(verifier.scheme()))?;
        let verified = verifier.verify_at(payload, &headers, now)?;
        report(&mut self.region, &verified);
        Ok(())
    }

    fn run_verify_begin(
        &mut self,
        headers_len: usize,
        payload_len: usize,
        count: usize,
        now: f64,
    ) -> Result<(), Error> {
        self.pending = None;
        let verifier = self.verifier()?;
        let now = seconds(now, "now")?;
        check_header_count(count, verifier.limits())?;
        let block = self.region.input.get(..headers_len).ok_or_else(missing_input)?;
        let headers = read_block(block, header_names(verifier.scheme()))?;
        let pending = verifier.begin_at(payload_len, &headers, now)?;
        let (before, after) = verifier.content_around_body(&pending);
        self.region.output.clear();
        self.region.output.extend_from_slice(&before);
        self.region.output.extend_from_slice(&after);
        self.region.slots[BEFORE_LEN] = before.len() as f64;
        self.pending = Some(pending);
        Ok(())
    }

    fn run_verify_finish(&mut self, count: usize, inner: bool) -> Result<(), Error> {
        let pending = self.pending.take().ok_or(Error::new(Code::InvalidOptions, "no verification is pending"))?;
        let tags = read_tags(&self.region.input, count)?;
        let verifier = self.verifier()?;
        let tags = if inner { verifier.macs_from_inner(&tags)? } else { tags };
        let verified = verifier.finish(pending, &tags)?;
        report(&mut self.region, &verified);
        Ok(())
    }

    fn run_sign(&mut self, id_len: i32, random_len: usize, payload_len: Option<usize>, ts: f64) -> Result<(), Error> {
        self.signing = None;
        let signer = self.signer.as_ref().ok_or(Error::new(Code::InvalidOptions, "no signer is loaded"))?;
        let timestamp = seconds(ts, "timestamp")?;
        let id_len = usize::try_from(id_len).ok();
        let (id_bytes, rest) = split(&self.region.input, id_len.unwrap_or(0))?;
        let (random, rest) = split(rest, random_len)?;
        let id = match id_len {
            Some(_) => Some(
                String::from_utf8(id_bytes.to_vec())
                    .map_err(|_| Error::new(Code::InvalidOptions, "a message id must be printable ASCII"))?,
            ),
            None => signer.message_id(None, offered(random))?,
        };
        let signing = signer.begin(id.as_deref(), timestamp)?;
        self.region.output.clear();
        match payload_len {
            Some(len) => {
                let payload = rest.get(..len).ok_or_else(missing_input)?;
                let headers = signer.sign_at(payload, id.as_deref(), timestamp)?;
                write_headers(&mut self.region.output, &headers);
            }
            None => {
                let (before, after) = signer.content_around_body(&signing);
                self.region.output.extend_from_slice(&before);
                self.region.output.extend_from_slice(&after);
                self.region.slots[BEFORE_LEN] = before.len() as f64;
                self.signing = Some((id, timestamp));
            }
        }
        Ok(())
    }

    fn run_sign_finish(&mut self, count: usize, inner: bool) -> Result<(), Error> {
        let (id, timestamp) = self.signing.take().ok_or(Error::new(Code::InvalidOptions, "no signing is pending"))?;
        let tags = read_tags(&self.region.input, count)?;
        let signer = self.signer.as_ref().ok_or(Error::new(Code::InvalidOptions, "no signer is loaded"))?;
        let signing = signer.begin(id.as_deref(), timestamp)?;
        let tags = if inner { signer.macs_from_inner(&tags)? } else { tags };
        let headers = signer.finish(&signing, &tags)?;
        self.region.output.clear();
        write_headers(&mut self.region.output, &headers);
        Ok(())
    }
}

/// A verification's result for JavaScript: secret index and timestamp (NaN if none) in their
/// slots, the id as the output, its absence as a negative length.
fn report(region: &mut Region, verified: &crate::Verified) {
    region.output.clear();
    region.slots[SECRET_INDEX] = verified.secret_index as f64;
    region.slots[TIMESTAMP] = verified.timestamp.map_or(f64::NAN, |t| t as f64);
    region.slots[BEFORE_LEN] = match &verified.id {
        Some(id) => {
            region.output.extend_from_slice(id.as_bytes());
            id.len() as f64
        }
        None => -1.0,
    };
}

/// The metadata JavaScript keeps beside a descriptor: the header names to read (in the order the
/// header block lists them), the key bytes for a host MAC and the keys' inner blocks for a host
/// that hashes HMAC's inner message itself (`innerKeys`, 64 bytes each, in order), and what the
/// object reports.
fn compiled(desc: &[u8], config: &Config<'_>, opts: &EndpointOptions, limits: Limits) -> Result<JsValue, JsValue> {
    let out = Object::new();
    set(&out, "descriptor", &Uint8Array::from(desc).into());
    let names: Array = header_names(&config.scheme).map(JsValue::from_str).collect();
    set(&out, "names", &names.into());
    let keys = Array::new();
    // Sized once, so that no reallocation leaves a copy of a key block behind.
    let mut inner_keys = zeroize::Zeroizing::new(Vec::with_capacity(64 * config.secrets.len()));
    let mut asymmetric = false;
    for (index, secret) in config.secrets.iter().enumerate() {
        // The endpoint was built, so a key that reads as Ed25519 is one; it has no HMAC bytes.
        if crate::webhook::config::reads_as_ed25519(secret) {
            asymmetric = true;
            continue;
        }
        let bytes = secret::key_bytes(secret, config.scheme.key_encoding, index)
            .map_err(|e| super::errors::webhook_error(&e))?;
        keys.push(&Uint8Array::from(bytes.as_slice()).into());
        inner_keys.extend_from_slice(crate::webhook::mac::inner_key_block(&bytes).as_slice());
    }
    set(&out, "keys", &keys.into());
    set(&out, "innerKeys", &Uint8Array::from(inner_keys.as_slice()).into());
    set(&out, "asymmetric", &JsValue::from_bool(asymmetric));
    set(&out, "scheme", &JsValue::from_str(&config.scheme.name));
    set(&out, "signatureHeader", &JsValue::from_str(config.scheme.signature_header.primary()));
    set(&out, "canonical", &JsValue::from_bool(opts.canonical));
    set(&out, "headerCount", &JsValue::from_f64(limits.header_count as f64));
    Ok(out.into())
}

/// The names whose values the header block carries, in order: those of the headers the
/// verifier reads ([`crate::Scheme::verified_headers`]).
pub(crate) fn header_names(scheme: &crate::Scheme) -> impl Iterator<Item = &str> {
    scheme.verified_headers().flat_map(|h| h.names())
}

/// The header block: for each name in order, a `u32` count of values, each a `u32` length and
/// its UTF-8 bytes (all little-endian), as `js/engine.mjs` writes it.
fn read_block<'a>(mut block: &'a [u8], names: impl Iterator<Item = &'a str>) -> Result<Block<'a>, Error> {
    let malformed = || Error::new(Code::InvalidOptions, "the header block is malformed");
    let u32_at = |block: &mut &'a [u8]| -> Result<usize, Error> {
        let (head, rest) = split(block, 4).map_err(|_| malformed())?;
        *block = rest;
        Ok(u32::from_le_bytes(head.try_into().map_err(|_| malformed())?) as usize)
    };
    let mut pairs = Vec::new();
    for name in names {
        let count = u32_at(&mut block)?;
        for _ in 0..count {
            let len = u32_at(&mut block)?;
            let (value, rest) = split(block, len).map_err(|_| malformed())?;
            block = rest;
            let value = core::str::from_utf8(value).map_err(|_| malformed())?;
            pairs.push((name, value));
        }
    }
    Ok(Block(pairs))
}

/// The header block's values by name. The names are the scheme's own (lower case), so they
/// compare exactly; the case-insensitive match happened when JavaScript read the request.
struct Block<'a>(Vec<(&'a str, &'a str)>);

impl crate::Headers for Block<'_> {
    fn values_of<'b>(&'b self, name: &str, out: &mut Vec<&'b str>) {
        out.extend(self.0.iter().filter(|(k, _)| *k == name).map(|(_, v)| *v));
    }
}

fn read_tags(input: &[u8], count: usize) -> Result<Vec<[u8; 32]>, Error> {
    let bytes = input.get(..count.saturating_mul(32)).ok_or_else(missing_input)?;
    Ok(bytes.chunks_exact(32).filter_map(|c| c.try_into().ok()).collect())
}

fn write_headers(out: &mut Vec<u8>, headers: &[(String, String)]) {
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        out.extend_from_slice(value.as_bytes());
    }
}

/// A fill function over the random bytes JavaScript wrote, asking the host for more in the rare
/// case that the id's rejection sampling uses them all.
fn offered(random: &[u8]) -> impl FnMut(&mut [u8]) -> Result<(), Error> + '_ {
    let mut offered = false;
    move |buf: &mut [u8]| {
        if !offered && random.len() >= buf.len() {
            offered = true;
            buf.copy_from_slice(random.get(..buf.len()).unwrap_or(&[]));
            return Ok(());
        }
        convert::fill_random(buf)
    }
}

fn check_header_count(count: usize, limits: &Limits) -> Result<(), Error> {
    if count > limits.header_count {
        return Err(Error::with_message(
            Code::TooManyHeaders,
            alloc::format!("the request has more than {} header entries", limits.header_count),
        ));
    }
    Ok(())
}

fn split(bytes: &[u8], at: usize) -> Result<(&[u8], &[u8]), Error> {
    if at > bytes.len() {
        return Err(missing_input());
    }
    Ok(bytes.split_at(at))
}

/// Whole seconds from a JavaScript number: finite, from 0 to 9e15, rounded down.
fn seconds(n: f64, what: &str) -> Result<i64, Error> {
    if !(0.0..9.0e15).contains(&n) {
        return Err(Error::with_message(
            Code::InvalidOptions,
            alloc::format!("`{what}` must be a finite number from 0 to 9e15"),
        ));
    }
    Ok(n as i64)
}

/// `Webhook`'s secret as the reference libraries read it: with `format: 'raw'`, a string is taken
/// one byte per UTF-16 unit.
pub(crate) fn webhook_secret(secret: &JsValue, raw: bool) -> Result<SecretBuf, JsValue> {
    let read = SecretBuf::read(secret, "secret")?;
    if let (SecretBuf::Text(s), true) = (&read, raw) {
        return Ok(SecretBuf::Raw(s.encode_utf16().map(|u| u as u8).collect()));
    }
    Ok(read)
}

/// `generateKeyPair() → { secretKey: 'whsk_…', publicKey: 'whpk_…' }`, the seed from
/// `crypto.getRandomValues`.
#[cfg(feature = "ed25519")]
#[wasm_bindgen(js_name = generateKeyPair)]
pub fn generate_key_pair() -> Result<JsValue, JsValue> {
    let pair = crate::webhook::ed25519::generate_key_pair(convert::fill_random)
        .map_err(|e| super::errors::webhook_error(&e))?;
    let out = Object::new();
    set(&out, "secretKey", &JsValue::from_str(pair.secret_key()));
    set(&out, "publicKey", &JsValue::from_str(pair.public_key()));
    Ok(out.into())
}

/// `publicKeyOf('whsk_…') → 'whpk_…'`.
#[cfg(feature = "ed25519")]
#[wasm_bindgen(js_name = publicKeyOf)]
pub fn public_key_of(secret_key: &JsValue) -> Result<String, JsValue> {
    let text = secret_key
        .as_string()
        .map(zeroize::Zeroizing::new)
        .ok_or_else(|| super::errors::type_error("the secret key must be a string ('whsk_…')"))?;
    crate::webhook::ed25519::public_key_of(text.as_str()).map_err(|e| super::errors::webhook_error(&e))
}
