//! Which fields a section holds: a span of `Form::fields`, not a list.

use std::ops::Range;

/// The fields of one section, by index into `Form::fields`. A section's fields are
/// consecutive there: the markdown reader adds them while the section is the one open
/// (its added answer too, before the next section opens) and an issue form gives each
/// field a section of its own, so a start and an end say which (a list was an
/// allocation per section: 100,000 of them for 100,000 headings). [`FieldSpan::push`]
/// refuses a field that is not the next one, so the type holds it.
///
/// `u32`: a field takes at least a byte of the template, whose size is capped below
/// 4 GiB (`template::SIZE_CEILING`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSpan {
    start: u32,
    end: u32,
}

impl FieldSpan {
    /// No fields.
    pub const EMPTY: Self = Self { start: 0, end: 0 };

    /// Just field `field`.
    pub fn one(field: usize) -> Self {
        let start = index32(field);
        Self {
            start,
            end: start + 1,
        }
    }

    /// Adds field `field`, which must be the one after the last (or any, when empty).
    ///
    /// # Panics
    /// When `field` does not follow the last field: a section's fields are consecutive.
    pub fn push(&mut self, field: usize) {
        if self.is_empty() {
            *self = Self::one(field);
        } else {
            assert_eq!(
                field, self.end as usize,
                "a section's fields are consecutive"
            );
            self.end += 1;
        }
    }

    /// The indices, in order.
    pub fn iter(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn first(&self) -> Option<usize> {
        self.iter().next()
    }

    pub fn last(&self) -> Option<usize> {
        self.iter().next_back()
    }

    pub fn contains(&self, field: usize) -> bool {
        self.iter().contains(&field)
    }
}

impl IntoIterator for FieldSpan {
    type Item = usize;
    type IntoIter = Range<usize>;

    fn into_iter(self) -> Range<usize> {
        self.iter()
    }
}

impl IntoIterator for &FieldSpan {
    type Item = usize;
    type IntoIter = Range<usize>;

    fn into_iter(self) -> Range<usize> {
        self.iter()
    }
}

/// A field or section index, or a line, as kept in the form: the template's size is
/// capped below 4 GiB (`template::SIZE_CEILING`) and each takes a byte of it at least.
///
/// # Panics
/// Past `u32::MAX`, which that cap rules out.
pub fn index32(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 (template::SIZE_CEILING)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_grows_by_the_next_field_only() {
        let mut span = FieldSpan::EMPTY;
        assert!(span.is_empty());
        assert_eq!((span.first(), span.last(), span.len()), (None, None, 0));
        span.push(7);
        span.push(8);
        assert_eq!(span.iter().collect::<Vec<_>>(), [7, 8]);
        assert_eq!(
            (span.first(), span.last(), span.len()),
            (Some(7), Some(8), 2)
        );
        assert!(span.contains(8) && !span.contains(9) && !span.contains(6));
        assert_eq!(FieldSpan::one(3).iter(), 3..4);
        let gap = std::panic::catch_unwind(move || {
            let mut span = span;
            span.push(10);
        });
        assert!(gap.is_err(), "a gap between a section's fields is refused");
    }

    #[test]
    fn indices_past_u32_are_refused() {
        assert_eq!(index32(u32::MAX as usize), u32::MAX);
        assert!(std::panic::catch_unwind(|| index32(u32::MAX as usize + 1)).is_err());
    }
}
