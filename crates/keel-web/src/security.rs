//! Access token, cross-site request protection, and security headers.
//!
//! - Token: when configured, every request needs `Authorization: Bearer <token>` or the
//!   `keel_token` cookie, which `/?token=<token>` sets (then redirects to drop it from the
//!   address bar).
//! - CSRF: a random secret (`getrandom`) in the `keel_csrf` cookie (HttpOnly,
//!   SameSite=Strict); each form carries HMAC-SHA256(secret, form name) (`hmac`, `sha2`),
//!   verified in constant time on POST. POSTs
//!   are also refused when `Sec-Fetch-Site` says cross-site or same-site (another port on
//!   localhost is "same-site"), or when `Origin` names another host.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::{IpAddr, SocketAddr};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::state::AppState;

/// Cookie holding the access token.
pub const TOKEN_COOKIE: &str = "keel_token";
/// Cookie holding the CSRF secret.
pub const CSRF_COOKIE: &str = "keel_csrf";

/// The request's CSRF secret (from its cookie, or freshly made), for rendering forms.
#[derive(Debug, Clone)]
pub struct CsrfSecret(pub String);

impl CsrfSecret {
    /// The token a form named `form` must send back in its `csrf` field.
    pub fn token(&self, form: &str) -> String {
        form_token(&self.0, form)
    }

    /// Whether `given` is the token for `form`, checked by the `hmac` crate in constant
    /// time (`verify_slice`).
    pub fn check(&self, form: &str, given: &str) -> bool {
        match from_hex(given) {
            Some(tag) if tag.len() == 32 => form_mac(&self.0, form).verify_slice(&tag).is_ok(),
            _ => false,
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn form_mac(secret: &str, form: &str) -> HmacSha256 {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(b"keel-csrf/1\0");
    mac.update(form.as_bytes());
    mac
}

/// A form token: HMAC-SHA256 (RFC 2104, the `hmac` and `sha2` crates) keyed with the
/// secret over the form's name, as 64 hex digits. A token for one form does not work for
/// another, and nothing about the secret shows in the page.
pub fn form_token(secret: &str, form: &str) -> String {
    to_hex(&form_mac(secret, form).finalize().into_bytes())
}

/// Compares two secrets in constant time (the `subtle` crate): timing does not reveal how
/// much of a token matched. Different lengths compare unequal.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    bool::from(a.ct_eq(b))
}

/// 128 random bits as hex, from the operating system's generator (`getrandom`). `None`
/// when the system has none to offer, which callers treat as a server error rather than
/// make a guessable secret.
pub fn random_hex() -> Option<String> {
    let mut buf = [0u8; 16];
    getrandom::fill(&mut buf).ok()?;
    Some(to_hex(&buf))
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// A cookie's value from the request headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn wants_json(path: &str) -> bool {
    path.starts_with("/api/")
}

fn refuse(path: &str, e: AppError) -> Response {
    if wants_json(path) {
        e.into_json()
    } else {
        e.into_response()
    }
}

/// The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lowercase,
/// without a trailing dot.
fn host_name(host: &str) -> String {
    let h = host.trim();
    let name = if let Some(rest) = h.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        h.rsplit_once(':').map_or(h, |(n, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                n
            } else {
                h
            }
        })
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether a request's `Host` names this server: `localhost`, the bound address (any
/// address literal when bound to all interfaces: an address cannot be rebound by DNS),
/// or a name given with `--allow-host`. Anything else is a page from another site whose
/// name now points here (DNS rebinding), and is refused.
pub fn host_allowed(host: Option<&str>, bound: SocketAddr, allow: &[String]) -> bool {
    let Some(host) = host else {
        return false;
    };
    let name = host_name(host);
    if name == "localhost" || allow.iter().any(|a| host_name(a) == name) {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => bound.ip().is_unspecified() || ip == bound.ip(),
        Err(_) => false,
    }
}

/// A local path to redirect to: never `//host/...` or `/\host`, which browsers read as
/// another site.
pub fn local_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The middleware: host check, token, CSRF cookie, cross-site POST checks, security
/// headers.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let config = state.config();
    if !host_allowed(host.as_deref(), config.bind, &config.allow_hosts) {
        let e = AppError::WrongHost(format!(
            "This keel server answers to {} and localhost{}; this request was addressed to `{}`. Start keel serve with --allow-host NAME to reach it by another name.",
            config.bind,
            if config.allow_hosts.is_empty() {
                String::new()
            } else {
                format!(" and {}", config.allow_hosts.join(", "))
            },
            host.as_deref().map(host_name).unwrap_or_default()
        ));
        eprintln!(
            "keel serve: refused {} {path}: Host `{}` is not one of this server's names",
            req.method(),
            keel_app::text::line(host.as_deref().unwrap_or(""))
        );
        return with_headers(refuse(&path, e));
    }
    if let Some(expected) = state.token() {
        // `?token=` on a GET: set the cookie and come back without it in the URL.
        let query_token = req.uri().query().and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "token")
                .map(|(_, v)| v.to_string())
        });
        if let Some(given) = query_token {
            if req.method() == Method::GET
                && constant_time_eq(given.as_bytes(), expected.as_bytes())
            {
                let rest: Vec<&str> = req
                    .uri()
                    .query()
                    .unwrap_or("")
                    .split('&')
                    .filter(|kv| !kv.starts_with("token=") && !kv.is_empty())
                    .collect();
                let local = local_path(&path);
                let target = if rest.is_empty() {
                    local
                } else {
                    format!("{local}?{}", rest.join("&"))
                };
                let mut resp = Redirect::to(&target).into_response();
                if let Ok(v) = HeaderValue::from_str(&format!(
                    "{TOKEN_COOKIE}={expected}; Path=/; HttpOnly; SameSite=Strict"
                )) {
                    resp.headers_mut().append(header::SET_COOKIE, v);
                }
                return with_headers(resp);
            }
            return with_headers(refuse(&path, AppError::Unauthorized));
        }
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let from_cookie = cookie(req.headers(), TOKEN_COOKIE);
        let ok = [bearer, from_cookie]
            .into_iter()
            .flatten()
            .any(|t| constant_time_eq(t.as_bytes(), expected.as_bytes()));
        if !ok {
            let mut resp = refuse(&path, AppError::Unauthorized);
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"keel\""),
            );
            return with_headers(resp);
        }
    }

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        if let Err(reason) = same_origin(req.headers()) {
            eprintln!(
                "keel serve: refused {} {path}: {}",
                req.method(),
                keel_app::text::line(&reason)
            );
            return with_headers(refuse(&path, AppError::Forbidden(reason)));
        }
    }

    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let fresh = existing.is_none();
    let secret = match existing.or_else(random_hex) {
        Some(s) => s,
        None => {
            let e = AppError::internal("CSRF secret", "the system random generator failed");
            return with_headers(refuse(&path, e));
        }
    };
    req.extensions_mut().insert(CsrfSecret(secret.clone()));
    let mut resp = next.run(req).await;
    if fresh {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict"
        )) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    with_headers(resp)
}

/// Refuses requests a browser marks as coming from another site or origin.
fn same_origin(headers: &HeaderMap) -> Result<(), String> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return Err(format!(
                "This form was submitted from another site ({site}); keel only accepts its own forms."
            ));
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin_host = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .unwrap_or("");
        if origin_host.is_empty() || !origin_host.eq_ignore_ascii_case(host) {
            return Err(format!(
                "This form was submitted from {origin}, not from this keel server."
            ));
        }
    }
    Ok(())
}

fn with_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Not `no-referrer`: with it, browsers send `Origin: null` on form posts, which the
    // same-origin check must refuse. `same-origin` still keeps URLs from other sites.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    resp
}

/// Checks a submitted form's CSRF token; the error re-states what to do.
pub fn check_csrf(secret: &CsrfSecret, form: &str, given: Option<&str>) -> Result<(), AppError> {
    match given {
        Some(t) if secret.check(form, t) => Ok(()),
        _ => Err(AppError::Forbidden(
            "This form has expired or did not come from this keel page: reload the page and submit again.".into(),
        )),
    }
}

/// 303 See Other to `to` (after a successful POST).
pub fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string())]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_per_form_and_secret() {
        let a = form_token("s1", "checkin");
        assert_ne!(a, form_token("s1", "upload"));
        assert_ne!(a, form_token("s2", "checkin"));
        assert_eq!(a, form_token("s1", "checkin"));
        assert_eq!(a.len(), 64);
    }

    fn hex(s: &str) -> Vec<u8> {
        from_hex(s).expect("hex")
    }

    fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("key");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }

    /// RFC 4231, test cases 1 to 7 (case 5 is truncated to 128 bits there): the HMAC in
    /// use is the standard one.
    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        let long_key = vec![0xaa; 131];
        let cases: [(Vec<u8>, Vec<u8>, &str); 7] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                vec![0xaa; 20],
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                hex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                vec![0x0c; 20],
                b"Test With Truncation".to_vec(),
                "a3b6167473100ee06e0c796c2955552b",
            ),
            (
                long_key.clone(),
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                long_key,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, data, want)) in cases.iter().enumerate() {
            let mac = to_hex(&hmac_sha256(key, data));
            assert_eq!(&mac[..want.len()], *want, "RFC 4231 test case {}", i + 1);
        }
    }

    #[test]
    fn form_tokens_are_the_hmac_and_are_verified_whole() {
        let mac = hmac_sha256(b"s1", b"keel-csrf/1\0checkin");
        let token = form_token("s1", "checkin");
        assert_eq!(token, to_hex(&mac));
        let secret = CsrfSecret("s1".into());
        assert!(secret.check("checkin", &token));
        assert!(!secret.check("upload", &token));
        assert!(!secret.check("checkin", &token[..62]));
        assert!(!secret.check("checkin", &token[..40]));
        assert!(!secret.check("checkin", ""));
        assert!(!secret.check("checkin", &format!("{}zz", &token[..62])));
        let mut flipped = token.clone().into_bytes();
        flipped[63] = if flipped[63] == b'0' { b'1' } else { b'0' };
        assert!(!secret.check("checkin", std::str::from_utf8(&flipped).expect("ascii")));
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"xbc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn random_is_hex_and_varies() {
        let (a, b) = (random_hex().expect("os rng"), random_hex().expect("os rng"));
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn hosts_are_this_servers_names_only() {
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let all: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let allow = vec!["Keel.Home".to_string()];
        for (host, bound, ok) in [
            (Some("127.0.0.1:8080"), local, true),
            (Some("localhost:8080"), local, true),
            (Some("LOCALHOST."), local, true),
            (Some("keel.home:8080"), local, true),
            (Some("evil.example"), local, false),
            (Some("evil.example:8080"), local, false),
            (Some("127.0.0.2:8080"), local, false),
            (Some("localhost.evil.example"), local, false),
            (None, local, false),
            (Some("192.168.1.20:8080"), all, true),
            (Some("[::1]:8080"), all, true),
            (Some("evil.example:8080"), all, false),
        ] {
            assert_eq!(host_allowed(host, bound, &allow), ok, "{host:?} on {bound}");
        }
    }

    #[test]
    fn redirects_stay_local() {
        assert_eq!(local_path("/"), "/");
        assert_eq!(local_path("/log"), "/log");
        assert_eq!(local_path("//evil.example/"), "/evil.example/");
        assert_eq!(local_path("/\\evil.example/"), "/evil.example/");
    }

    #[test]
    fn origin_checks() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&h).is_ok());
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&h).is_ok());
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(same_origin(&h).is_err());
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(same_origin(&h).is_err());
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("same-site"));
        assert!(same_origin(&h).is_err());
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h).is_ok());
    }
}
