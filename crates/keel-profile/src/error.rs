//! The one error type of this crate: where in which file, and what was expected there.

use std::fmt;

/// A profile or week file that cannot be accepted, located in its source.
///
/// Invariant: `line` and `column` are 1-based and point into `source_name`'s text (column counts
/// characters, not bytes); `source_line` is that line's text, `caret_len >= 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileError {
    /// The file name as given by the caller (shown first, like a compiler).
    pub source_name: String,
    /// 1-based line of the offending text.
    pub line: usize,
    /// 1-based column (in characters) of the offending text.
    pub column: usize,
    /// What is wrong (boxed: errors travel through many `Result`s).
    pub kind: Box<ErrorKind>,
    /// The text of the offending line, for the caret display.
    pub source_line: String,
    /// How many characters the caret underlines.
    pub caret_len: usize,
}

impl ProfileError {
    /// The one-line form: `file:line:col: message`.
    pub fn headline(&self) -> String {
        format!(
            "{}:{}:{}: {}",
            self.source_name, self.line, self.column, self.kind
        )
    }
}

impl fmt::Display for ProfileError {
    /// The headline, then the source line with a caret under the offending text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if self.source_line.trim().is_empty() {
            return Ok(());
        }
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        write!(
            f,
            "\n{pad} |\n{number} | {}\n{pad} | {}{}",
            self.source_line,
            " ".repeat(self.column.saturating_sub(1)),
            "^".repeat(self.caret_len.max(1))
        )
    }
}

impl std::error::Error for ProfileError {}

/// What is wrong with a profile or week file. The message says what was expected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErrorKind {
    /// The text is not valid TOML (the message comes from the TOML parser).
    #[error("invalid TOML: {message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A key that this table does not have.
    #[error("unknown key `{key}` in {table}; expected one of {}{}", expected.join(", "), did_you_mean(suggestion))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The table it is in, e.g. `[athlete]` or `the top level`.
        table: String,
        /// Every valid key of that table.
        expected: Vec<String>,
        /// The closest valid key, or a hint naming where the key belongs.
        suggestion: Option<String>,
    },
    /// A required key is absent.
    #[error("missing key `{key}` in {table}: {expected}")]
    MissingKey {
        /// The key that is needed.
        key: String,
        /// The table it belongs to.
        table: String,
        /// What the value should look like.
        expected: String,
    },
    /// A value of the wrong TOML type (a string where a number is expected, ...).
    #[error("{place} must be {expected}, found {found}")]
    WrongType {
        /// Where, e.g. `[athlete].age`.
        place: String,
        /// The expected type, in words (`an integer (years)`).
        expected: String,
        /// The type found, in words.
        found: String,
    },
    /// A word that is not one of the allowed ids (run type, focus, equipment, ...).
    #[error("unknown {what} `{given}` in {place}; expected one of {}{}", expected.join(", "), did_you_mean(suggestion))]
    UnknownValue {
        /// What kind of word, e.g. `run type`.
        what: String,
        /// The word as written.
        given: String,
        /// Where it was found.
        place: String,
        /// Every valid word.
        expected: Vec<String>,
        /// The closest valid word, when one is close.
        suggestion: Option<String>,
    },
    /// A duration or distance that cannot be read (`40`, `1h75`, `40m`).
    #[error("malformed {what} `{given}` in {place}: {expected}")]
    BadAmount {
        /// `duration`, `distance` or `duration or distance`.
        what: String,
        /// The text as written.
        given: String,
        /// Where it was found.
        place: String,
        /// What is expected instead.
        expected: String,
    },
    /// A run or strength entry with the wrong shape (missing amount, extra words, ...).
    #[error("bad entry `{given}` in {place}: {expected}")]
    BadEntry {
        /// The entry as written.
        given: String,
        /// Where it was found.
        place: String,
        /// What is expected instead.
        expected: String,
    },
    /// A number outside its plausible range.
    #[error("{place} = {value} is out of range: expected {expected}")]
    OutOfRange {
        /// Where.
        place: String,
        /// The value as written.
        value: String,
        /// The accepted range, in words.
        expected: String,
    },
    /// A date or time that does not exist or is not written `YYYY-MM-DD` / `HH:MM`.
    #[error("{place}: `{given}` is not a valid {what}: {reason}")]
    BadDate {
        /// Where.
        place: String,
        /// The text as written.
        given: String,
        /// `date` or `time of day`.
        what: String,
        /// Why it is not valid, and what is expected.
        reason: String,
    },
    /// Dates that exist but cannot go together (race before the start, race too far ahead, ...).
    #[error("impossible date: {message}")]
    ImpossibleDate {
        /// The explanation, naming both dates.
        message: String,
    },
    /// The usual running week holds no run at all.
    #[error("no running days in {table}: at least one day needs a run (e.g. `mon = \"easy 40min\"`); keel places strength around runs")]
    NoRunningDays {
        /// The table, `[week]`.
        table: String,
    },
    /// Values that are each fine but contradict one another (both `weekly_km` and `weekly_mi`, ...).
    #[error("{message}")]
    Conflict {
        /// The explanation.
        message: String,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) if s.starts_with('`') || s.contains(' ') => format!("; {s}"),
        Some(s) => format!("; did you mean `{s}`?"),
        None => String::new(),
    }
}
