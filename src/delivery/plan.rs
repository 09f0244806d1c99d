//! Planning one delivery: configuration in, signed HTTP request (or a reason not to send) out.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use super::error::{DeliveryError, NotDelivered};
use super::fields::{self, Fields};
use super::retry::RetrySchedule;
use crate::error::Result;
use crate::json::Value;
use crate::schema::{
    check_header_name, check_header_value, check_webhook_url_with, Builtin, BuiltinOptions, HeaderRefusal, Schema,
    UrlOptions, UrlParser, DEFAULT_URL_PARSER,
};
use crate::webhook::config::Config;
use crate::webhook::sign::Signer;

/// The method of every delivery.
///
/// ```
/// assert_eq!(hookseal::delivery::METHOD, "POST");
/// ```
pub const METHOD: &str = "POST";

/// The content type of every delivery: the seed APIs all send JSON.
///
/// ```
/// assert_eq!(hookseal::delivery::CONTENT_TYPE, "application/json");
/// ```
pub const CONTENT_TYPE: &str = "application/json";

/// One message to deliver.
///
/// ```
/// use hookseal::delivery::Message;
/// let message = Message::new("contact.created", br#"{"id":1}"#, 1_700_000_000);
/// assert!(message.id.is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    /// The event name, matched exactly against the endpoint's event list.
    pub event: &'a str,
    /// The body bytes, sent and signed as they are.
    pub body: &'a [u8],
    /// The message id; when `None` and the scheme sends one, one is generated.
    pub id: Option<&'a str>,
    /// The Unix time in seconds to sign (the caller's clock).
    pub timestamp: i64,
}

impl<'a> Message<'a> {
    /// A message without an id.
    ///
    /// ```
    /// let m = hookseal::delivery::Message::new("webhook.test", b"{}", 0);
    /// assert_eq!(m.event, "webhook.test");
    /// ```
    pub fn new(event: &'a str, body: &'a [u8], timestamp: i64) -> Message<'a> {
        Message { event, body, id: None, timestamp }
    }
}

/// A signed HTTP request, ready to send.
///
/// `Debug` redacts the URL and header values (a URL or a custom header may be a credential).
///
/// ```
/// # use hookseal::delivery::*;
/// # use hookseal::{json, schema::*, Config, Scheme, Secret};
/// # let planner = Planner::builtin(Builtin::Talkover, &BuiltinOptions::default(), UrlOptions::default())?;
/// # let config = json::parse(br#"{"name":"n","webhook_url":"https://example.com/h","events":["event_phone_call_ended"]}"#, &Default::default())?;
/// # let secrets = [Secret::Text("s3cret")];
/// # let signing = Config::new(Scheme::preset("github").unwrap(), &secrets);
/// # let Planned::Deliver(request) = planner.plan(&config, &signing, &Message::new("event_phone_call_ended", b"{}", 0), |_| Ok(()))? else { panic!() };
/// assert_eq!(request.method, "POST");
/// assert_eq!(request.timeout.as_secs(), 30); // Talkover's default, filled in by its schema
/// assert_eq!(request.max_retries, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// The endpoint URL, as configured.
    pub url: String,
    /// Always [`METHOD`].
    pub method: &'static str,
    /// The signature headers (lower case, as [`Signer`] writes them), then the custom headers as
    /// the configuration writes them, then the authentication header, then `content-type`.
    pub headers: Vec<(String, String)>,
    /// The body, as given.
    pub body: Vec<u8>,
    /// The message id sent, if the scheme sends one or the caller gave one.
    pub id: Option<String>,
    /// The signed Unix time in seconds.
    pub timestamp: i64,
    /// How long one attempt may take (the configuration's, else [`fields::DEFAULT_TIMEOUT`]).
    pub timeout: Duration,
    /// Retries after the first attempt (the configuration's, else
    /// [`fields::DEFAULT_MAX_RETRIES`]).
    pub max_retries: u32,
}

impl Request {
    /// The delays before each retry of this request: [`RetrySchedule::delays`] bounded by
    /// [`Request::max_retries`].
    ///
    /// ```
    /// # use hookseal::delivery::*;
    /// # use hookseal::{json, schema::*, Config, Scheme, Secret};
    /// # let planner = Planner::builtin(Builtin::Talkover, &BuiltinOptions::default(), UrlOptions::default())?;
    /// # let config = json::parse(br#"{"name":"n","webhook_url":"https://example.com/h","events":["event_phone_call_ended"],"max_retries":2}"#, &Default::default())?;
    /// # let secrets = [Secret::Text("s3cret")];
    /// # let signing = Config::new(Scheme::preset("github").unwrap(), &secrets);
    /// # let Planned::Deliver(request) = planner.plan(&config, &signing, &Message::new("event_phone_call_ended", b"{}", 0), |_| Ok(()))? else { panic!() };
    /// let delays = request.retry_delays(&RetrySchedule::Svix, || 0);
    /// assert_eq!(delays.len(), 2); // the config's max_retries
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retry_delays(&self, schedule: &RetrySchedule, random: impl FnMut() -> u32) -> Vec<Duration> {
        schedule.delays(self.max_retries, random)
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Request")
            .field("url", &"<redacted>")
            .field("method", &self.method)
            .field("header_names", &names)
            .field("body_len", &self.body.len())
            .field("id", &self.id)
            .field("timestamp", &self.timestamp)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

/// The outcome of planning: a request to send, or why this message is not for this endpoint.
///
/// ```
/// use hookseal::delivery::{NotDelivered, Planned};
/// let skipped = Planned::Skip(NotDelivered::EndpointDisabled);
/// assert!(skipped.request().is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    /// Send this request.
    Deliver(Request),
    /// Send nothing; not an error.
    Skip(NotDelivered),
}

impl Planned {
    /// The request, if there is one to send.
    ///
    /// ```
    /// use hookseal::delivery::{NotDelivered, Planned};
    /// assert_eq!(Planned::Skip(NotDelivered::EventNotSubscribed).request(), None);
    /// ```
    pub fn request(&self) -> Option<&Request> {
        match self {
            Planned::Deliver(r) => Some(r),
            Planned::Skip(_) => None,
        }
    }
}

/// Plans deliveries for endpoints configured under one schema. Build once, plan many times.
///
/// ```
/// use hookseal::delivery::{Message, Planned, Planner};
/// use hookseal::json::{parse, ParseOptions};
/// use hookseal::schema::{Builtin, BuiltinOptions, UrlOptions};
/// use hookseal::{Config, Scheme, Secret, Verifier};
///
/// let planner = Planner::builtin(Builtin::JuriChat, &BuiltinOptions::default(), UrlOptions::default())?;
/// let config = parse(br#"{"name": "CRM", "url": "https://crm.example.com/hooks",
///     "events": ["contact.created"], "headers": {"X-Tenant": "acme"}}"#, &ParseOptions::default())?;
/// let secrets = [Secret::Text("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")];
/// let signing = Config::new(Scheme::preset("standard").unwrap(), &secrets);
/// let body = br#"{"type":"contact.created"}"#;
/// let mut fill = |buf: &mut [u8]| { buf.fill(7); Ok(()) }; // use a CSPRNG
/// let planned = planner.plan(&config, &signing, &Message::new("contact.created", body, 1_700_000_000), &mut fill)?;
/// let Planned::Deliver(request) = planned else { unreachable!() };
/// assert_eq!(request.url, "https://crm.example.com/hooks");
/// assert!(request.headers.contains(&("X-Tenant".into(), "acme".into())));
/// Verifier::new(&signing)?.verify_at(&request.body, &request.headers, 1_700_000_000)?;
///
/// let other = Message::new("crm.lead.created", body, 1_700_000_000);
/// assert_eq!(planner.plan(&config, &signing, &other, &mut fill)?.request(), None); // not subscribed
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Planner {
    schema: Schema,
    fields: Fields,
    url: UrlOptions,
    url_parser: UrlParser,
}

impl Planner {
    /// A planner for a built-in schema with its field mapping ([`Fields::builtin`]).
    ///
    /// The built-in's URL member is validated as a `uri` and then judged by the planner's
    /// safe-URL policy with `url`, so `allow_http` and `allow_private` apply to every built-in
    /// alike (JuriChat's and standard-webhooks-endpoint's `webhook-url` format always applies the
    /// strict policy, which would refuse a local endpoint before the options are consulted).
    ///
    /// ```
    /// use hookseal::delivery::Planner;
    /// use hookseal::schema::{Builtin, BuiltinOptions, UrlOptions};
    /// let local = UrlOptions { allow_http: true, allow_private: true };
    /// let planner = Planner::builtin(Builtin::Jelou, &BuiltinOptions::default(), local)?;
    /// assert_eq!(planner.fields().url, "webhookUrl");
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn builtin(builtin: Builtin, options: &BuiltinOptions, url: UrlOptions) -> Result<Planner> {
        let fields = Fields::builtin(builtin);
        let mut document = builtin.schema_document(options)?;
        let format = match &mut document {
            Value::Object(m) => m
                .get_mut("properties")
                .and_then(|p| match p {
                    Value::Object(p) => p.get_mut(&fields.url),
                    _ => None,
                })
                .and_then(|u| match u {
                    Value::Object(u) => u.get_mut("format"),
                    _ => None,
                }),
            _ => None,
        };
        if let Some(format) = format.filter(|f| f.as_str() == Some("webhook-url")) {
            *format = Value::String("uri".into());
        }
        let schema = Schema::compile(&document)?.with_style(builtin.style());
        Ok(Planner { schema, fields, url, url_parser: DEFAULT_URL_PARSER })
    }

    /// A planner for a compiled schema and an explicit mapping. If the schema checks the URL with
    /// the `webhook-url` format, that check applies the strict policy whatever `url` says; use
    /// `format: uri` there to let `url`'s options decide.
    ///
    /// ```
    /// use hookseal::delivery::{Fields, Planner};
    /// use hookseal::schema::{Schema, UrlOptions};
    /// let schema = Schema::compile_json(br#"{"type": "object", "required": ["target"]}"#)?;
    /// let planner = Planner::new(schema, Fields::new("target"), UrlOptions::default());
    /// assert_eq!(planner.fields().url, "target");
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn new(schema: Schema, fields: Fields, url: UrlOptions) -> Planner {
        Planner { schema, fields, url, url_parser: DEFAULT_URL_PARSER }
    }

    /// The same planner parsing URLs with another WHATWG parser, for the schema and the policy
    /// alike (the JavaScript bindings pass the host's `URL`; a build without the `url` feature
    /// must pass one, as its default parser refuses every URL).
    ///
    /// ```
    /// use hookseal::delivery::{Fields, Planner};
    /// use hookseal::schema::{whatwg_url, Schema, UrlOptions};
    /// let schema = Schema::compile_json(br#"{"type": "object"}"#)?;
    /// let planner = Planner::new(schema, Fields::new("url"), UrlOptions::default()).with_url_parser(whatwg_url);
    /// # let _ = planner;
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn with_url_parser(mut self, parser: UrlParser) -> Planner {
        self.schema = self.schema.with_url_parser(parser);
        self.url_parser = parser;
        self
    }

    /// The field mapping.
    ///
    /// ```
    /// # use hookseal::delivery::Planner; use hookseal::schema::*;
    /// let planner = Planner::builtin(Builtin::Talkover, &BuiltinOptions::default(), UrlOptions::default())?;
    /// assert_eq!(planner.fields().max_retries.as_deref(), Some("max_retries"));
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The compiled schema configurations are validated with.
    ///
    /// ```
    /// # use hookseal::delivery::Planner; use hookseal::schema::*;
    /// let planner = Planner::builtin(Builtin::Talkover, &BuiltinOptions::default(), UrlOptions::default())?;
    /// assert_eq!(planner.schema().style(), ErrorStyle::Laravel);
    /// # Ok::<(), hookseal::Error>(())
    /// ```
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Plans the delivery of `message` to the endpoint configured by `config`, signed as
    /// `signing` says. `fill` supplies random bytes for a message id when the scheme sends one and
    /// `message.id` is `None` (see [`crate::generate_message_id`]; use a CSPRNG).
    ///
    /// Everything about the configuration is checked before the message is looked at, so a
    /// configuration that can never be delivered is an error even for a message it would skip:
    /// the schema (`invalid_config`), the mapped members (`invalid_field`), the URL policy (the
    /// [`crate::schema::UrlRefusal`] code), the custom headers (`reserved_header`,
    /// `invalid_header_name`, `invalid_header_value`, `duplicate_header`) and the signing material
    /// (the crate's codes, e.g. `invalid_secret`). Then a disabled endpoint gives
    /// [`NotDelivered::EndpointDisabled`] and an event missing from the endpoint's list
    /// [`NotDelivered::EventNotSubscribed`]; an endpoint without an event list subscribes to
    /// every event.
    ///
    /// A scheme that signs the URL (Square) signs the configured URL unless `signing` names a
    /// notification URL itself.
    ///
    /// ```
    /// use hookseal::delivery::{Message, Planner};
    /// use hookseal::json::{parse, ParseOptions};
    /// use hookseal::schema::{Builtin, BuiltinOptions, UrlOptions};
    /// use hookseal::{Config, Scheme, Secret};
    ///
    /// let planner = Planner::builtin(Builtin::Jelou, &BuiltinOptions::default(), UrlOptions::default())?;
    /// let config = parse(br#"{"webhookUrl": "https://127.0.0.1/hook"}"#, &ParseOptions::default())?;
    /// let secrets = [Secret::Text("a1b2c3d4")];
    /// let signing = Config::new(Scheme::preset("github").unwrap(), &secrets);
    /// let err = planner.plan(&config, &signing, &Message::new("any", b"{}", 0), |_| Ok(())).unwrap_err();
    /// assert_eq!(err.code(), "loopback_address");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(
        &self,
        config: &Value,
        signing: &Config<'_>,
        message: &Message<'_>,
        fill: impl FnMut(&mut [u8]) -> Result<()>,
    ) -> core::result::Result<Planned, DeliveryError> {
        let validation = self.schema.validate(config);
        if !validation.valid {
            return Err(DeliveryError::InvalidConfig(Box::new(validation)));
        }
        let endpoint = fields::read(&self.fields, &validation.value)?;
        check_webhook_url_with(self.url_parser, endpoint.url, self.url).map_err(DeliveryError::Url)?;

        let signer = if signing.scheme.needs_url() && signing.notification_url.is_none() {
            Signer::new(&Config { notification_url: Some(endpoint.url), ..signing.clone() })?
        } else {
            Signer::new(signing)?
        };
        let scheme = signer.scheme();
        let mut own: Vec<&str> = Vec::new();
        for header in [Some(&scheme.signature_header), scheme.timestamp_header.as_ref(), scheme.id_header.as_ref()] {
            own.extend(header.into_iter().flat_map(|h| h.names()));
        }
        own.extend(endpoint.auth.as_ref().map(|(name, _)| *name));
        own.push("content-type");
        for (i, (name, value)) in endpoint.headers.iter().enumerate() {
            let refused = |refusal: HeaderRefusal| DeliveryError::Header { name: (*name).into(), refusal };
            check_header_name(name).map_err(refused)?;
            check_header_value(value).map_err(refused)?;
            let earlier = endpoint.headers.iter().take(i).map(|(n, _)| *n);
            if own.iter().copied().chain(earlier).any(|n| n.eq_ignore_ascii_case(name)) {
                return Err(DeliveryError::DuplicateHeader { name: (*name).into() });
            }
        }
        if let Some((name, value)) = &endpoint.auth {
            check_header_value(value).map_err(|refusal| DeliveryError::Header { name: (*name).into(), refusal })?;
        }

        if !endpoint.enabled {
            return Ok(Planned::Skip(NotDelivered::EndpointDisabled));
        }
        if endpoint.events.as_ref().is_some_and(|list| !list.contains(&message.event)) {
            return Ok(Planned::Skip(NotDelivered::EventNotSubscribed));
        }

        let id = signer.message_id(message.id, fill)?;
        let mut headers = signer.sign_at(message.body, id.as_deref(), message.timestamp)?;
        headers.extend(endpoint.headers.iter().map(|(n, v)| ((*n).to_string(), (*v).to_string())));
        headers.extend(endpoint.auth.map(|(n, v)| (n.to_string(), v)));
        headers.push(("content-type".into(), CONTENT_TYPE.into()));
        Ok(Planned::Deliver(Request {
            url: endpoint.url.into(),
            method: METHOD,
            headers,
            body: message.body.to_vec(),
            id,
            timestamp: message.timestamp,
            timeout: endpoint.timeout,
            max_retries: endpoint.max_retries,
        }))
    }
}
