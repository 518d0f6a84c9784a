//! A YAML file as a tree of located nodes, for the linter: every value and every key
//! with its line and column.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_saphyr::Spanned;

/// One YAML value.
#[derive(Debug)]
pub enum Node {
    Null,
    Bool(bool),
    /// A number, as written in its canonical form.
    Num(String),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyNode)
    }
}

struct AnyNode;

impl<'de> Visitor<'de> for AnyNode {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Map(entries))
    }
}

/// The tree of `text`, read as GitHub does (YAML 1.1 booleans: `yes`, `on` and `no` are
/// booleans), within the same budgets as the parser; `None` when it does not read.
pub fn parse(text: &str) -> Option<Spanned<Node>> {
    let options = serde_saphyr::options! {
        // Every entry reaches the tree, so the linter can say a key is given twice.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        strict_booleans: false,
        // `.inf` and `.nan` reach the tree as numbers, so the linter can say so.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    serde_saphyr::from_str_with_options(text, options).ok()
}

/// The value of `key` in a mapping.
pub fn get<'a>(
    map: &'a [(Spanned<String>, Spanned<Node>)],
    key: &str,
) -> Option<&'a Spanned<Node>> {
    map.iter().find(|(k, _)| k.value == key).map(|(_, v)| v)
}

/// A scalar as text (empty for lists and mappings).
pub fn text(node: &Spanned<Node>) -> String {
    match &node.value {
        Node::Bool(b) => b.to_string(),
        // As the form reads them: YAML's own words for infinity and not-a-number.
        Node::Num(n) if n == "inf" => ".inf".to_owned(),
        Node::Num(n) if n == "-inf" => "-.inf".to_owned(),
        Node::Num(n) if n == "NaN" => ".nan".to_owned(),
        Node::Num(n) | Node::Str(n) => n.clone(),
        Node::Null | Node::Seq(_) | Node::Map(_) => String::new(),
    }
}

/// 1-based line and column of a node.
pub fn at<T>(node: &Spanned<T>) -> (usize, usize) {
    let n = |v: u64| usize::try_from(v).unwrap_or(usize::MAX / 2).max(1);
    (n(node.referenced.line()), n(node.referenced.column()))
}
