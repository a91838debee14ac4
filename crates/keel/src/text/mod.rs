//! Terminal text: lines wrapped to a width, and the pieces `keel plan`, `keel today` and
//! `keel explain` print the same way (the season overview, a week, a strength session, the
//! adjustments in force). What to show is decided by `keel_export::reading`; this module
//! only lays it out.
//!
//! Invariant: no line is longer than the width (a single word longer than the width, which
//! no output holds, would stand alone on its line).

pub mod explain;
pub mod plan;
pub mod session;
pub mod today;

#[cfg(test)]
mod tests;

/// Output width when standard output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 100;

/// The width to print at: `COLUMNS` when it holds a number (40 to 400), else the terminal's
/// width (at most 100) on a terminal, else [`DEFAULT_WIDTH`].
pub fn width(tty: bool) -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .map(|c| c.clamp(40, 400));
    match columns {
        Some(c) => c,
        None if tty => comfy_table::Table::new()
            .width()
            .map_or(DEFAULT_WIDTH, usize::from)
            .min(DEFAULT_WIDTH),
        None => DEFAULT_WIDTH,
    }
}

/// Text being laid out at a width, with bold headings on a terminal.
#[derive(Debug)]
pub struct Text {
    out: String,
    width: usize,
    color: bool,
}

impl Text {
    /// Empty text for lines of at most `width` characters.
    pub fn new(width: usize, color: bool) -> Text {
        Text {
            out: String::new(),
            width,
            color,
        }
    }

    /// The text laid out so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// The width lines keep to.
    pub fn width(&self) -> usize {
        self.width
    }

    /// `text` wrapped, its first line after `first`, the others after `rest`.
    pub fn wrap(&mut self, text: &str, first: &str, rest: &str) {
        self.out.push_str(&wrap(text, first, rest, self.width));
    }

    /// `text` wrapped, continuation lines indented by two more spaces than `indent`.
    pub fn para(&mut self, indent: &str, text: &str) {
        let rest = format!("{indent}  ");
        self.wrap(text, indent, &rest);
    }

    /// A heading line, bold on a terminal.
    pub fn heading(&mut self, text: &str) {
        let wrapped = wrap(text, "", "  ", self.width);
        if self.color {
            for line in wrapped.lines() {
                self.out.push_str(&format!("\x1b[1m{line}\x1b[0m\n"));
            }
        } else {
            self.out.push_str(&wrapped);
        }
    }

    /// A line as it is (callers keep it within the width).
    pub fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// An empty line (never two in a row, never at the start).
    pub fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }
}

/// Words of `text` on lines of at most `width` characters, the first prefixed with `first`,
/// the rest with `rest`. Each line ends with a newline. Words are split at spaces only, so a
/// no-break space (`RIR\u{a0}2`) keeps two words together.
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split([' ', '\n']).filter(|w| !w.is_empty()) {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}
