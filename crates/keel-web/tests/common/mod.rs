//! Test harness: the real server on port 0 with a temporary database, and a minimal
//! HTTP/1.1 client over a TCP stream (no client library needed).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::PathBuf;

use jiff::civil::Date;
use keel_web::{Config, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A running server and its temporary data directory.
pub struct TestServer {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// The fixed "today" of the tests: a Wednesday in the example half-marathon's season.
pub fn today() -> Date {
    jiff::civil::date(2027, 1, 13)
}

/// Finds `shared/<rel>` in an ancestor of this crate (CI clones the repo with `shared/`
/// beside it; developer worktrees may sit deeper).
pub fn shared(rel: &str) -> PathBuf {
    if let Ok(dir) = std::env::var("KEEL_SHARED_DIR") {
        return PathBuf::from(dir).join(rel);
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for anc in here.ancestors() {
        let p = anc.join("shared").join(rel);
        if p.exists() {
            return p;
        }
    }
    panic!("shared/{rel} not found beside the repository (set KEEL_SHARED_DIR)");
}

/// The example profile used by the web tests.
pub fn example_profile() -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/half-marathon.toml");
    (
        "half-marathon.toml".into(),
        std::fs::read_to_string(path).unwrap(),
    )
}

pub struct Options {
    pub token: Option<String>,
    pub upload_limit: usize,
    pub store_profile: bool,
    pub allow_hosts: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            token: None,
            upload_limit: keel_web::DEFAULT_UPLOAD_LIMIT,
            store_profile: true,
            allow_hosts: Vec::new(),
        }
    }
}

pub async fn start(opts: Options) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keel.db");
    if opts.store_profile {
        use keel_store::Store;
        let mut s = keel_store::SqliteStore::open(&db).unwrap();
        let (name, toml) = example_profile();
        s.set_profile(&name, &toml).unwrap();
    }
    let mut config = Config::new(db.clone());
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.token = opts.token;
    config.today = Some(today());
    config.upload_limit = opts.upload_limit;
    config.allow_hosts = opts.allow_hosts;
    let server = Server::bind(config).await.unwrap();
    let addr = server.addr;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = rx.await;
    }));
    TestServer {
        addr,
        dir,
        db,
        stop: Some(tx),
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.split(';').next().unwrap_or("").to_string())
            .collect()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    s.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let nl = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let size = usize::from_str_radix(
                String::from_utf8_lossy(&rest[..nl])
                    .split(';')
                    .next()
                    .unwrap()
                    .trim(),
                16,
            )
            .unwrap();
            rest = &rest[nl + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[..size]);
            rest = &rest[size + 2..];
        }
        body = out;
    }
    Resp {
        status,
        headers,
        body,
    }
}

pub async fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"").await
}

/// A browser-like session: keeps cookies, sends same-origin POSTs.
pub struct Session {
    pub addr: SocketAddr,
    pub cookies: Vec<String>,
}

impl Session {
    pub fn new(addr: SocketAddr) -> Session {
        Session {
            addr,
            cookies: vec![],
        }
    }
    fn absorb(&mut self, r: &Resp) {
        for c in r.cookies() {
            let name = c.split('=').next().unwrap_or("").to_string();
            self.cookies.retain(|x| !x.starts_with(&format!("{name}=")));
            self.cookies.push(c);
        }
    }
    fn cookie_header(&self) -> String {
        self.cookies.join("; ")
    }
    pub async fn get(&mut self, path: &str) -> Resp {
        let cookie = self.cookie_header();
        let mut h = vec![];
        if !cookie.is_empty() {
            h.push(("Cookie", cookie.as_str()));
        }
        let r = request(self.addr, "GET", path, &h, b"").await;
        self.absorb(&r);
        r
    }
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        extra: &[(&str, &str)],
    ) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let cookie = self.cookie_header();
        let origin = format!("http://{}", self.addr);
        let mut h = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
            ("Cookie", cookie.as_str()),
        ];
        for (k, v) in extra {
            h.retain(|(hk, _)| !hk.eq_ignore_ascii_case(k));
            h.push((k, v));
        }
        let r = request(self.addr, "POST", path, &h, body.as_bytes()).await;
        self.absorb(&r);
        r
    }
    pub async fn post_multipart(
        &mut self,
        path: &str,
        csrf: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Resp {
        let boundary = "----keeltestboundary7d1f";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let ct = format!("multipart/form-data; boundary={boundary}");
        let cookie = self.cookie_header();
        let origin = format!("http://{}", self.addr);
        let h = vec![
            ("Content-Type", ct.as_str()),
            ("Origin", origin.as_str()),
            ("Cookie", cookie.as_str()),
        ];
        let r = request(self.addr, "POST", path, &h, &body).await;
        self.absorb(&r);
        r
    }
}

fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            b' ' => o.push('+'),
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

/// The CSRF token of the form with this id in a page.
pub fn csrf_of(html: &str, form_id: &str) -> String {
    let start = html
        .find(&format!("id=\"{form_id}\""))
        .unwrap_or_else(|| panic!("form {form_id} in page"));
    let rest = &html[start..];
    let key = "name=\"csrf\" value=\"";
    let i = rest.find(key).unwrap() + key.len();
    rest[i..i + rest[i..].find('"').unwrap()].to_string()
}
