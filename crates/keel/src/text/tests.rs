//! Tests of the terminal text.
