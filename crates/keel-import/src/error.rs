//! The one error type of keel-import. Every message names what was expected and where
//! (byte offset, XML line/column, CSV row/column) so a user can find the problem.

use std::fmt;

/// Why a file, archive entry or CSV could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bytes do not follow the format: bad magic, an impossible definition, broken XML.
    #[error("corrupt {format} data at byte {offset}: {message}")]
    Corrupt {
        /// Format name (`FIT`, `gzip`, ...).
        format: &'static str,
        /// Byte offset of the problem in the (decompressed) input.
        offset: u64,
        /// What was expected and what was found.
        message: String,
    },
    /// The data ends before anything usable could be decoded.
    #[error("truncated {format} data: {message}")]
    Truncated {
        /// Format name.
        format: &'static str,
        /// What was expected and where the data ended.
        message: String,
    },
    /// A well-formed file that is not a recorded activity (FIT settings, a GPX route, ...).
    #[error("{reason}")]
    NotAnActivity {
        /// Why, in words a user understands.
        reason: String,
    },
    /// Neither the name nor the first bytes tell a supported format.
    #[error("unsupported format: {message}")]
    UnsupportedFormat {
        /// What was seen.
        message: String,
    },
    /// Invalid XML (GPX, TCX).
    #[error("invalid {format} XML at line {line}, column {column}: {message}")]
    Xml {
        /// `GPX` or `TCX`.
        format: &'static str,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// The parser's message.
        message: String,
    },
    /// An XML file keel will not parse: it declares a DTD (whose entities could expand
    /// without bound) or holds more nodes than the limit.
    #[error("`{file}`: {message}")]
    XmlRefused {
        /// The file, as named by the caller.
        file: String,
        /// What was found and the limit.
        message: String,
    },
    /// A CSV cell or header that cannot be read. `row` is the 1-based line of the file
    /// (the header is row 1).
    #[error("CSV row {row}, column `{column}`: {message}")]
    Csv {
        /// 1-based row in the file (header = 1).
        row: u64,
        /// Column name as in the header (or what was expected).
        column: String,
        /// What was expected and what was found.
        message: String,
    },
    /// A decompressed entry or file exceeds the size cap (decompression-bomb guard).
    #[error("{what} is larger than the limit of {limit} bytes ({} MiB) once decompressed", limit / (1024 * 1024))]
    TooLarge {
        /// Which entry or file.
        what: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// An archive entry with an absolute path or a `..` component; never extracted.
    #[error("unsafe path in archive: `{path}` (absolute or containing `..`); entry skipped")]
    UnsafePath {
        /// The entry name as stored.
        path: String,
    },
    /// The zip container itself cannot be read.
    #[error("zip archive: {message}")]
    Zip {
        /// The zip reader's message.
        message: String,
    },
    /// Reading from the underlying reader failed.
    #[error("read error: {0}")]
    Io(#[from] std::io::Error),
}

/// The kind of an [`ImportError`], for summaries ("3 rejected: 2 not-an-activity, ...").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// See [`ImportError::Corrupt`].
    Corrupt,
    /// See [`ImportError::Truncated`].
    Truncated,
    /// See [`ImportError::NotAnActivity`].
    NotAnActivity,
    /// See [`ImportError::UnsupportedFormat`].
    UnsupportedFormat,
    /// See [`ImportError::Xml`].
    Xml,
    /// See [`ImportError::XmlRefused`].
    XmlRefused,
    /// See [`ImportError::Csv`].
    Csv,
    /// See [`ImportError::TooLarge`].
    TooLarge,
    /// See [`ImportError::UnsafePath`].
    UnsafePath,
    /// See [`ImportError::Zip`].
    Zip,
    /// See [`ImportError::Io`].
    Io,
}

impl ImportError {
    /// The kind, without the details.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ImportError::Corrupt { .. } => ErrorKind::Corrupt,
            ImportError::Truncated { .. } => ErrorKind::Truncated,
            ImportError::NotAnActivity { .. } => ErrorKind::NotAnActivity,
            ImportError::UnsupportedFormat { .. } => ErrorKind::UnsupportedFormat,
            ImportError::Xml { .. } => ErrorKind::Xml,
            ImportError::XmlRefused { .. } => ErrorKind::XmlRefused,
            ImportError::Csv { .. } => ErrorKind::Csv,
            ImportError::TooLarge { .. } => ErrorKind::TooLarge,
            ImportError::UnsafePath { .. } => ErrorKind::UnsafePath,
            ImportError::Zip { .. } => ErrorKind::Zip,
            ImportError::Io(_) => ErrorKind::Io,
        }
    }

    pub(crate) fn not_activity(reason: impl Into<String>) -> Self {
        ImportError::NotAnActivity {
            reason: reason.into(),
        }
    }

    pub(crate) fn csv(row: u64, column: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError::Csv {
            row,
            column: column.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Truncated => "truncated",
            ErrorKind::NotAnActivity => "not-an-activity",
            ErrorKind::UnsupportedFormat => "unsupported-format",
            ErrorKind::Xml => "xml",
            ErrorKind::XmlRefused => "xml-refused",
            ErrorKind::Csv => "csv",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::UnsafePath => "unsafe-path",
            ErrorKind::Zip => "zip",
            ErrorKind::Io => "io",
        })
    }
}
