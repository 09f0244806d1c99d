//! Explaining a delivery that does not verify: which of the usual mistakes makes the signature
//! match.
//!
//! [`diagnose_at`] verifies as [`Verifier::verify_at`] would, then, if that fails, tries a fixed,
//! small set of alternatives — each one a known mistake undone — with ordinary verifiers: the
//! secret without surrounding whitespace or quotes, the secret read the other way (`whsec_`
//! base64 versus text, hex versus text), the body in the usual re-serializations, the signature
//! in the other encoding, the timestamp without the tolerance. A finding names the mistake only
//! when its alternative *matches*, so a secret that is simply wrong gets no misleading advice,
//! only `no_matching_signature`. Facts that need no match (headers of another scheme, an empty
//! body, a timestamp in milliseconds or outside the tolerance) are reported as they are found.
//!
//! Messages are built from header names, positions, numbers and fixed text; never from a secret.
//!
//! ```
//! use hookseal::diagnose::{diagnose_at, DiagnoseOptions, FindingCode};
//! use hookseal::{Config, Scheme, Secret, Signer};
//!
//! let body = br#"{"event":"ping"}"#;
//! let sent = [Secret::Text("It's a Secret to Everybody")];
//! let headers = Signer::new(&Config::new(Scheme::preset("github").unwrap(), &sent))?.sign_at(body, None, 0)?;
//!
//! // The receiver's secret came from an `.env` file with a line break.
//! let read = [Secret::Text("It's a Secret to Everybody\n")];
//! let diagnosis = diagnose_at(&DiagnoseOptions::new(None, &read), body, &headers, 0);
//! assert!(!diagnosis.ok);
//! assert_eq!(diagnosis.scheme.as_deref(), Some("github")); // detected from the headers
//! assert_eq!(diagnosis.findings[0].code, FindingCode::SecretWhitespace);
//! # Ok::<(), hookseal::Error>(())
//! ```

mod alternatives;
mod messages;
mod reserialize;
#[cfg(test)]
mod tests;

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Code, Error, Result};
use crate::scheme::{Encoding, Scheme, PRESETS};
use crate::webhook::headers::{all_values, Headers};
use crate::{Config, Secret, Verifier, DEFAULT_TOLERANCE_SECONDS};

pub use reserialize::Form;

/// What a finding is about, as a stable identifier ([`FindingCode::as_str`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingCode {
    /// The secret has surrounding whitespace, a line break or quotes, and matches without them.
    SecretWhitespace,
    /// The signature matches when the secret's text is read the other way (`whsec_` base64 or
    /// hex versus UTF-8 text).
    SecretForm,
    /// The timestamp looks like milliseconds rather than seconds.
    TimestampMilliseconds,
    /// The timestamp is outside the tolerance (the message says by how much and which way).
    TimestampOutsideTolerance,
    /// The raw body fails but a common re-serialization of the same JSON matches.
    BodyReserialized,
    /// The payload is empty or `[object Object]`: not the raw body.
    BodyNotRaw,
    /// Headers of another preset scheme are present.
    HeadersOfOtherScheme,
    /// Only signatures of versions the scheme does not check are present (`v0=`, `sha1=`, or
    /// `v1a` when no Ed25519 key is among the secrets).
    UnsupportedSignatureVersion,
    /// The signature matches when read in the other encoding (base64 versus hex).
    SignatureEncoding,
    /// The verifier's own error, when nothing more specific explains it.
    Verifier(Code),
}

impl FindingCode {
    /// The stable snake_case identifier; for [`FindingCode::Verifier`], the error's code.
    ///
    /// ```
    /// use hookseal::diagnose::FindingCode;
    /// assert_eq!(FindingCode::SecretForm.as_str(), "secret_form");
    /// assert_eq!(FindingCode::Verifier(hookseal::Code::MissingHeader).as_str(), "missing_header");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingCode::SecretWhitespace => "secret_whitespace",
            FindingCode::SecretForm => "secret_form",
            FindingCode::TimestampMilliseconds => "timestamp_milliseconds",
            FindingCode::TimestampOutsideTolerance => "timestamp_outside_tolerance",
            FindingCode::BodyReserialized => "body_reserialized",
            FindingCode::BodyNotRaw => "body_not_raw",
            FindingCode::HeadersOfOtherScheme => "headers_of_other_scheme",
            FindingCode::UnsupportedSignatureVersion => "unsupported_signature_version",
            FindingCode::SignatureEncoding => "signature_encoding",
            FindingCode::Verifier(code) => code.as_str(),
        }
    }
}

/// One thing [`diagnose_at`] found, with a message for people (free of secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// What was found and what to do, in sentences.
    pub message: String,
}

/// The result of [`diagnose_at`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// True if the delivery verifies as given (findings may still warn).
    pub ok: bool,
    /// The scheme checked (given or detected); `None` if none was given and none detected.
    pub scheme: Option<Cow<'static, str>>,
    /// What was found, most specific first.
    pub findings: Vec<Finding>,
}

/// The [`Verifier`] options, with the scheme optional.
#[derive(Clone, Debug)]
pub struct DiagnoseOptions<'a> {
    /// The scheme; `None` detects a preset from the signature headers present.
    pub scheme: Option<Scheme>,
    /// The secrets, current first, as a [`Config`] takes them.
    pub secrets: &'a [Secret<'a>],
    /// As [`Verifier::with_tolerance`]; default [`DEFAULT_TOLERANCE_SECONDS`].
    pub tolerance: u64,
    /// As [`Config::notification_url`].
    pub notification_url: Option<&'a str>,
    /// As [`Config::canonical`].
    pub canonical: bool,
}

impl<'a> DiagnoseOptions<'a> {
    /// Options with a scheme (or `None` to detect it) and secrets, everything else default.
    ///
    /// ```
    /// let secrets = [hookseal::Secret::Text("s3cr3t")];
    /// let options = hookseal::diagnose::DiagnoseOptions::new(hookseal::Scheme::preset("stripe"), &secrets);
    /// assert_eq!(options.tolerance, 300);
    /// ```
    pub fn new(scheme: Option<Scheme>, secrets: &'a [Secret<'a>]) -> Self {
        DiagnoseOptions {
            scheme,
            secrets,
            tolerance: DEFAULT_TOLERANCE_SECONDS,
            notification_url: None,
            canonical: false,
        }
    }
}

/// Secrets whose alternative readings are tried; the rest of a rotation list is only verified.
const SECRETS_TRIED: usize = 4;
/// Largest body that is re-serialized (bigger bodies are only verified as given).
const MAX_RESERIALIZED_BODY: usize = 1 << 20;

/// Verifies `payload` against `headers` at Unix time `now` and explains a failure; see the
/// [module documentation](self).
///
/// ```
/// use hookseal::diagnose::{diagnose_at, DiagnoseOptions};
/// let secrets = [hookseal::Secret::Text("s3cr3t")];
/// let headers = [("stripe-signature", "t=100,v1=00")];
/// let d = diagnose_at(&DiagnoseOptions::new(None, &secrets), b"{}", &headers[..], 100);
/// assert_eq!(d.scheme.as_deref(), Some("stripe"));
/// assert_eq!(d.findings[0].code.as_str(), "no_matching_signature");
/// ```
pub fn diagnose_at<H: Headers + ?Sized>(
    options: &DiagnoseOptions<'_>,
    payload: &[u8],
    headers: &H,
    now: i64,
) -> Diagnosis {
    let mut findings = Vec::new();
    if payload.is_empty() || payload == b"[object Object]" {
        findings.push(messages::body_not_raw(payload.is_empty()));
    }
    let Some(scheme) = options.scheme.clone().or_else(|| detect(headers)) else {
        findings.push(Finding {
            code: FindingCode::Verifier(Code::MissingHeader),
            message: format!(
                "No signature header of a known scheme is present ({}), so no scheme could be detected. \
                 Pass every request header, or pick the scheme.",
                PRESETS.join(", ")
            ),
        });
        return Diagnosis { ok: false, scheme: None, findings };
    };
    let run = Run { options, scheme, payload, headers, now };
    let given = run.verify(&run.scheme, options.secrets, payload, options.tolerance);
    let ok = given.is_ok();
    run.other_schemes(ok, &mut findings);
    let milliseconds = run.milliseconds(&mut findings);
    if let Err(error) = given {
        run.explain(&error, milliseconds, &mut findings);
    }
    Diagnosis { ok, scheme: Some(run.scheme.name.clone()), findings }
}

/// [`diagnose_at`] with the system clock.
///
/// ```
/// let secrets = [hookseal::Secret::Text("s3cr3t")];
/// let d = hookseal::diagnose::diagnose(&hookseal::diagnose::DiagnoseOptions::new(None, &secrets), b"{}", &[("a", "b")][..]);
/// assert!(!d.ok);
/// ```
#[cfg(feature = "std")]
pub fn diagnose<H: Headers + ?Sized>(options: &DiagnoseOptions<'_>, payload: &[u8], headers: &H) -> Diagnosis {
    diagnose_at(options, payload, headers, crate::unix_now())
}

/// The first preset whose signature header is present.
fn detect<H: Headers + ?Sized>(headers: &H) -> Option<Scheme> {
    PRESETS
        .iter()
        .filter_map(|name| Scheme::preset(name))
        .find(|s| !all_values(headers, &s.signature_header).is_empty())
}

/// One diagnosis: the inputs, shared by every check.
struct Run<'r, 'a, H: ?Sized> {
    options: &'r DiagnoseOptions<'a>,
    scheme: Scheme,
    payload: &'r [u8],
    headers: &'r H,
    now: i64,
}

impl<H: Headers + ?Sized> Run<'_, '_, H> {
    fn verify(&self, scheme: &Scheme, secrets: &[Secret<'_>], payload: &[u8], tolerance: u64) -> Result<usize> {
        let mut config = Config::new(scheme.clone(), secrets);
        config.notification_url = self.options.notification_url;
        config.canonical = self.options.canonical;
        let verifier = Verifier::new(&config)?.with_tolerance(tolerance);
        Ok(verifier.verify_at(payload, self.headers, self.now)?.secret_index)
    }

    /// The same verification with the timestamp's tolerance off, for the alternatives.
    fn matches(&self, scheme: &Scheme, secrets: &[Secret<'_>], payload: &[u8]) -> bool {
        self.verify(scheme, secrets, payload, 0).is_ok()
    }

    fn name(&self) -> &str {
        &self.scheme.name
    }

    fn signature_header(&self) -> &str {
        self.scheme.signature_header.primary()
    }

    fn other_schemes(&self, ok: bool, findings: &mut Vec<Finding>) {
        for other in PRESETS.iter().filter_map(|name| Scheme::preset(name)) {
            if other.name == self.scheme.name || other.signature_header.primary() == self.signature_header() {
                continue;
            }
            if all_values(self.headers, &other.signature_header).is_empty() {
                continue;
            }
            let verifies = !ok && self.matches(&other, self.options.secrets, self.payload);
            let advice = if verifies {
                format!(" The signature verifies with the `{}` scheme: pick that one.", other.name)
            } else {
                String::new()
            };
            findings.push(Finding {
                code: FindingCode::HeadersOfOtherScheme,
                message: format!(
                    "Headers of the `{}` scheme are present (`{}`), but the `{}` scheme is being checked.{advice}",
                    other.name,
                    other.signature_header.primary(),
                    self.name()
                ),
            });
        }
    }

    /// Reports a timestamp that looks like milliseconds; true if it does.
    fn milliseconds(&self, findings: &mut Vec<Finding>) -> bool {
        let Some(ts) = self.timestamp() else { return false };
        // Seconds reach 10^11 in the year 5138; as milliseconds, such a value lands near now.
        let seconds = ts / 1000;
        let window = i64::try_from(self.options.tolerance).unwrap_or(i64::MAX).max(86_400);
        if ts < 100_000_000_000 || seconds.saturating_sub(self.now).saturating_abs() > window {
            return false;
        }
        let signature = if self.matches(&self.scheme, self.options.secrets, self.payload) {
            " The signature matches the timestamp as sent, so the sender signs milliseconds too."
        } else {
            ""
        };
        findings.push(Finding {
            code: FindingCode::TimestampMilliseconds,
            message: format!(
                "The timestamp {ts} looks like milliseconds: as seconds it would be {seconds}. The `{}` scheme \
                 sends Unix seconds (`Math.floor(Date.now() / 1000)`).{signature}",
                self.name()
            ),
        });
        true
    }

    fn timestamp(&self) -> Option<i64> {
        let text = alternatives::timestamp_text(&self.scheme, self.headers)?;
        crate::webhook::verify::parse_timestamp(text).ok()
    }

    fn explain(&self, error: &Error, milliseconds: bool, findings: &mut Vec<Finding>) {
        let code = error.code();
        if matches!(code, Code::TimestampTooOld | Code::TimestampTooNew) {
            if !milliseconds {
                self.outside_tolerance(findings);
            }
            // The rest of the checks ignore the timestamp: is the signature itself right?
            let relaxed = self.verify(&self.scheme, self.options.secrets, self.payload, 0);
            if let Err(error) = relaxed {
                self.explain_signature(&error, findings);
            }
            return;
        }
        self.explain_signature(error, findings);
    }

    fn outside_tolerance(&self, findings: &mut Vec<Finding>) {
        let Some(ts) = self.timestamp() else { return };
        let tolerance = i64::try_from(self.options.tolerance).unwrap_or(i64::MAX);
        let age = self.now.saturating_sub(ts);
        let (distance, direction) =
            if age >= 0 { (age, "in the past") } else { (age.saturating_neg(), "in the future") };
        let beyond = distance.saturating_sub(tolerance);
        let signature = if self.matches(&self.scheme, self.options.secrets, self.payload) {
            " The signature itself matches: only the timestamp is refused."
        } else {
            ""
        };
        findings.push(Finding {
            code: FindingCode::TimestampOutsideTolerance,
            message: format!(
                "The timestamp is {distance} s {direction}, {beyond} s beyond the tolerance of {tolerance} s. \
                 Check the sender's and the receiver's clocks, or whether this delivery is a replay or a late \
                 retry.{signature}"
            ),
        });
    }

    fn explain_signature(&self, error: &Error, findings: &mut Vec<Finding>) {
        let code = error.code();
        let before = findings.len();
        if code == Code::NoMatchingSignature {
            if self.unsupported_versions(findings) {
                return;
            }
            self.signature_encoding(findings);
            self.reserialized(findings);
        }
        if matches!(code, Code::NoMatchingSignature | Code::InvalidSecret) {
            self.secrets(findings);
        }
        if findings.len() == before {
            findings.push(Finding { code: FindingCode::Verifier(code), message: messages::advice(error) });
        }
    }

    /// Reports a header that carries signatures, none of the version the scheme checks.
    fn unsupported_versions(&self, findings: &mut Vec<Finding>) -> bool {
        let values = all_values(self.headers, &self.scheme.signature_header);
        let Ok(parsed) = self.scheme.syntax.parse(&values, self.signature_header()) else { return false };
        // With an Ed25519 key among the secrets, `v1a` signatures are checked like `v1` ones.
        let ed25519 = cfg!(feature = "ed25519")
            && self.scheme.syntax == crate::scheme::Syntax::Standard
            && self
                .options
                .secrets
                .iter()
                .any(|s| matches!(s, Secret::Text(t) if t.starts_with("whsk_") || t.starts_with("whpk_")));
        if !parsed.candidates.is_empty() || (ed25519 && !parsed.asymmetric.is_empty()) {
            return false;
        }
        let labels = alternatives::other_versions(&self.scheme.syntax, &values, ed25519);
        let Some(first) = labels.first() else { return false };
        let found = labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
        findings.push(Finding {
            code: FindingCode::UnsupportedSignatureVersion,
            message: format!(
                "The `{}` header carries only {found} signatures; the `{}` scheme checks `{}` signatures \
                 (HMAC-SHA256). {}.",
                self.signature_header(),
                self.name(),
                alternatives::expected_version(&self.scheme.syntax),
                alternatives::explain_version(first)
            ),
        });
        true
    }

    fn signature_encoding(&self, findings: &mut Vec<Finding>) {
        let mut other = self.scheme.clone();
        let (expected, sent) = match other.encoding {
            Encoding::Hex => ("hex", "base64"),
            Encoding::Base64 => ("base64", "hex"),
        };
        other.encoding = if other.encoding == Encoding::Hex { Encoding::Base64 } else { Encoding::Hex };
        if self.matches(&other, self.options.secrets, self.payload) {
            findings.push(Finding {
                code: FindingCode::SignatureEncoding,
                message: format!(
                    "The signature in `{}` is written in {sent}, but the `{}` scheme expects {expected}: it \
                     matches once read as {sent}. The sender must encode the HMAC in {expected}.",
                    self.signature_header(),
                    self.name()
                ),
            });
        }
    }

    fn reserialized(&self, findings: &mut Vec<Finding>) {
        if self.options.canonical || self.payload.len() > MAX_RESERIALIZED_BODY {
            return;
        }
        let options = crate::json::ParseOptions::default();
        let Ok(value) = crate::json::parse(self.payload, &options) else { return };
        // Indentation can grow a body several times; beyond that it is not a plausible rewrite.
        let limit = self.payload.len().saturating_mul(8).saturating_add(4096);
        for form in Form::ALL {
            let Some(text) = reserialize::write(&value, form, limit, options.max_depth) else { continue };
            if text.as_bytes() != self.payload && self.matches(&self.scheme, self.options.secrets, text.as_bytes()) {
                findings.push(Finding {
                    code: FindingCode::BodyReserialized,
                    message: format!(
                        "The body as passed does not match, but the same JSON written as {} does: the body was \
                         parsed and re-serialized between the sender and verify(). The receiver must pass the raw \
                         request body, byte for byte as received.",
                        form.describe()
                    ),
                });
                return;
            }
        }
    }

    fn secrets(&self, findings: &mut Vec<Finding>) {
        for (index, secret) in self.options.secrets.iter().enumerate().take(SECRETS_TRIED) {
            let Secret::Text(text) = secret else { continue };
            let which =
                if self.options.secrets.len() > 1 { format!("Secret {index}") } else { String::from("The secret") };
            if let Some(inner) = alternatives::trimmed(text) {
                if self.matches(&self.scheme, &[Secret::Text(inner)], self.payload) {
                    let (what, it) = alternatives::describe_surroundings(text);
                    findings.push(Finding {
                        code: FindingCode::SecretWhitespace,
                        message: format!(
                            "{which} has {what}; without {it} the signature matches. Trim the secret where it is \
                             read (environment files and copy-paste add such characters)."
                        ),
                    });
                    continue;
                }
            }
            for form in alternatives::other_forms(text, self.scheme.key_encoding) {
                if self.matches(&self.scheme, &[Secret::Raw(&form.bytes)], self.payload) {
                    findings.push(Finding {
                        code: FindingCode::SecretForm,
                        message: format!(
                            "{which} matches when its key is {} instead of {}, which the `{}` scheme uses. The \
                             sender and the receiver read the secret differently: use the same reading on both \
                             sides (or pass the key bytes as a Uint8Array).",
                            form.alternative,
                            form.expected,
                            self.name()
                        ),
                    });
                    break;
                }
            }
        }
    }
}
