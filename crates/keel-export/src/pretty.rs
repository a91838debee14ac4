//! Pretty JSON, byte for byte what `serde_json::to_writer_pretty` writes (two spaces a level),
//! with each line break and its indentation written in one call instead of one a level.
//!
//! A plan of 24 weeks is about 370 KB at up to eight levels deep: serde_json's own pretty
//! formatter writes the indentation a level at a time, which made it the largest part of
//! `keel plan --format json`.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// `",\n"` and then enough spaces for [`DEEP`] levels.
const BREAK: &[u8] = b",\n                                                                                                                                ";
/// Levels written in one call; deeper ones are completed two spaces at a time.
const DEEP: usize = (BREAK.len() - 2) / 2;

/// serde_json's pretty layout (`PrettyFormatter` with its default two-space indent).
#[derive(Debug, Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current level's indentation.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        w.write_all(&BREAK[from..2 + 2 * self.level.min(DEEP)])?;
        for _ in DEEP..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON (the same bytes as `serde_json::to_writer_pretty`).
pub fn to_writer<T: ?Sized + Serialize>(out: impl Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::default());
    value.serialize(&mut ser).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            ".{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(80, 400, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(".{0,4}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn ours(v: &impl Serialize) -> Vec<u8> {
        let mut out = Vec::new();
        to_writer(&mut out, v).unwrap();
        out
    }

    proptest! {
        #[test]
        fn same_bytes_as_serde_json_at_any_depth(v in value()) {
            prop_assert_eq!(ours(&v), serde_json::to_vec_pretty(&v).unwrap());
        }
    }

    #[test]
    fn the_break_is_a_comma_a_newline_and_whole_levels_of_spaces() {
        assert_eq!(&BREAK[..2], b",\n");
        assert!(BREAK[2..].iter().all(|&b| b == b' '));
        assert_eq!((BREAK.len() - 2) % 2, 0);
    }

    #[test]
    fn deeper_than_one_write_is_still_the_same() {
        let mut v = serde_json::json!({"leaf": [1, {}, []]});
        for i in 0..(DEEP + 5) {
            v = if i % 2 == 0 {
                serde_json::json!([v, 2])
            } else {
                serde_json::json!({"a": v, "b": {}})
            };
        }
        assert_eq!(ours(&v), serde_json::to_vec_pretty(&v).unwrap());
    }
}
