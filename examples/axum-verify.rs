//! An axum receiver that verifies Standard Webhooks deliveries with hookseal, run end to end.
//!
//! The handler takes the raw body and the headers, as a verifier must (a body parsed and written
//! again is no longer the bytes that were signed), and answers 204 for a delivery that verifies,
//! 401 for one that does not, 400 for one without the signature headers. `main` starts it on
//! 127.0.0.1 (a free port), sends it a delivery signed over its RFC 8785 canonical JSON
//! (`hookseal::canonical::to_string` of a serde struct), the same delivery with its body
//! tampered with, and one without signature headers, over real TCP, and checks the answers:
//!
//! ```text
//! cargo run --example axum-verify --features serde
//! ```
//!
//! It exits 0 with one line if every answer is the expected one, and non-zero otherwise.

use std::error::Error;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hookseal::{Code, Config, Scheme, Secret, Signer, Verifier};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The endpoint's secret. A real receiver reads it from its configuration, never from source.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

#[derive(Serialize, Deserialize)]
struct InvoicePaid {
    #[serde(rename = "type")]
    kind: String,
    invoice: String,
    amount: u32,
    currency: String,
}

/// Verifies one delivery: the raw body and the headers go to the `Verifier` as they came.
async fn receive(State(verifier): State<Arc<Verifier>>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    // Header values that are not visible ASCII are no signature headers; they are left out.
    let pairs: Vec<(&str, &str)> =
        headers.iter().filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?))).collect();
    if let Err(e) = verifier.verify(&body, &pairs) {
        let status = match e.code() {
            Code::MissingHeader | Code::MalformedHeader => StatusCode::BAD_REQUEST,
            Code::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNAUTHORIZED,
        };
        // The code is stable and free of secrets, so it can go back to the sender.
        return (status, format!("{{\"code\":\"{}\"}}", e.code()));
    }
    // Only a verified body is parsed.
    match serde_json::from_slice::<InvoicePaid>(&body) {
        Ok(_event) => (StatusCode::NO_CONTENT, String::new()),
        Err(_) => (StatusCode::UNPROCESSABLE_ENTITY, String::from("{\"code\":\"invalid_payload\"}")),
    }
}

/// POSTs `body` with `headers` to `/webhook` over a fresh TCP connection; returns the status.
async fn post_webhook(
    addr: std::net::SocketAddr,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<u16, Box<dyn Error>> {
    let mut request = format!(
        "POST /webhook HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    let mut stream = TcpStream::connect(addr).await?;
    stream.write_all(request.as_bytes()).await?;
    stream.write_all(body).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let response = String::from_utf8_lossy(&response);
    // `HTTP/1.1 204 No Content`
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok());
    status.ok_or_else(|| format!("not an HTTP response: {response:?}").into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let secrets = [Secret::Text(SECRET)];
    let scheme = || Scheme::preset("standard").ok_or("no standard preset");
    let verifier = Arc::new(Verifier::new(&Config::new(scheme()?, &secrets))?);
    let signer = Signer::new(&Config::new(scheme()?, &secrets))?;

    let app = Router::new().route("/webhook", post(receive)).with_state(verifier);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });

    // The sender signs the canonical form of its event, so that any JSON library on the
    // receiving side can re-create the signed bytes from the parsed value if it must.
    let event =
        InvoicePaid { kind: "invoice.paid".into(), invoice: "in_1".into(), amount: 1999, currency: "eur".into() };
    let body = hookseal::canonical::to_string(&event)?;
    let headers = signer.sign(body.as_bytes(), None)?;
    let tampered = body.replace("1999", "1");

    let expect = [
        ("signed", headers.as_slice(), body.as_bytes(), 204),
        ("tampered", headers.as_slice(), tampered.as_bytes(), 401),
        ("unsigned", &[][..], body.as_bytes(), 400),
    ];
    let mut line = Vec::new();
    for (name, headers, body, want) in expect {
        let got = tokio::time::timeout(Duration::from_secs(10), post_webhook(addr, headers, body)).await??;
        if got != want {
            return Err(format!("{name} delivery: HTTP {got}, expected {want}").into());
        }
        line.push(format!("{name} {got}"));
    }
    println!("axum-verify: {} (http://{addr}/webhook)", line.join(", "));
    Ok(())
}
