//! Small helpers for the sentences keel writes: one place for capitals, lists and phrases,
//! so every rule's reason reads the same way.

/// The text with its first character in upper case: `capitalise("base phase")` is
/// `"Base phase"`.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The text with its first character in lower case.
pub fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// Items joined as prose: `a`, `a and b`, `a, b and c`.
pub fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// A phrase without its leading article: `"the intervals"` becomes `"intervals"`.
pub fn strip_the(s: &str) -> &str {
    s.strip_prefix("the ").unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_helpers() {
        assert_eq!(capitalise("base phase"), "Base phase");
        assert_eq!(capitalise(""), "");
        assert_eq!(lowercase_first("Move it"), "move it");
        assert_eq!(join_and::<&str>(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b and c");
        assert_eq!(strip_the("the tempo run"), "tempo run");
        assert_eq!(strip_the("rest"), "rest");
    }
}
