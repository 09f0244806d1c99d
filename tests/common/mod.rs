//! Helpers shared by the integration tests: the published vectors in `tests/vectors/`.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

pub fn read_json(relative: &str) -> serde_json::Value {
    let path = vectors_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// One entry of `signatures.json`.
pub struct SignatureVector {
    pub scheme: String,
    pub source: String,
    pub secret: String,
    pub id: Option<String>,
    pub timestamp: Option<i64>,
    pub payload: String,
    pub headers: Vec<(String, String)>,
}

pub fn signature_vectors() -> Vec<SignatureVector> {
    let doc = read_json("signatures.json");
    let list = doc["vectors"].as_array().unwrap();
    assert!(list.len() >= 5, "expected the published vectors");
    list.iter()
        .map(|v| SignatureVector {
            scheme: v["scheme"].as_str().unwrap().to_string(),
            source: v["source"].as_str().unwrap().to_string(),
            secret: v["secret"].as_str().unwrap().to_string(),
            id: v.get("id").and_then(|x| x.as_str()).map(String::from),
            timestamp: v.get("timestamp").and_then(|x| x.as_i64()),
            payload: v["payload"].as_str().unwrap().to_string(),
            headers: v["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect(),
        })
        .collect()
}
