//! Ids of sections and fields, given in document order once all are read
//! ([`assign_ids`]), one item at a time ([`Ids`]).

use std::sync::Arc;

use super::{Field, Section};

/// Gives sections and fields their ids: a section's slug; a labelled field is
/// `section/label`, an unlabelled one takes the section's slug. Sections and fields are
/// separate namespaces; a clash within one gets `-2`, `-3`. A section whose id is
/// already set holds its title's slug there (the markdown reader makes it on its own
/// thread for a heading): that is its base, kept as it is (not copied) when free, and
/// an unlabelled field that gets its section's id shares it.
///
/// An unlabelled field alone in its section takes the section's id without a claim, as
/// long as no section has two (fields in section order) and no such section's id holds a `/` (as every labelled
/// field's does): until then the unlabelled fields' ids are distinct sections' ids, none
/// of them can clash, and none can be a labelled field's. At the first section that
/// breaks this, the ones before are claimed and every one after is, as all were before
/// (a claim for each of 100,000 headings' answers was 4 ms of the parse's tail).
///
/// Each section is given its id just before its first field (fields come section by
/// section, and a section's id depends on the sections before it alone): its id is
/// then still in the cache for the fields that share it (for 100,000 headings, a pass
/// over the sections and then one over the fields read every id twice from memory).
pub(crate) fn assign_ids(sections: &mut [Section], fields: &mut [Field], labelled: &[bool]) {
    let mut ids = Ids::with_capacity(sections.len(), fields.len());
    let mut given = 0;
    // The section of the last unlabelled field while none is claimed.
    let mut alone: Option<Option<u32>> = Some(None);
    for i in 0..fields.len() {
        let section = fields[i].section;
        while given <= section as usize {
            ids.section(sections, given);
            given += 1;
        }
        let is_labelled = labelled.get(i).copied().unwrap_or(false);
        if !is_labelled && let Some(last) = &mut alone {
            let id = &sections[section as usize].id;
            // Sections only go forward (a field out of order goes the old way).
            if last.is_none_or(|last| section > last) && !id.bytes().any(|b| b == b'/') {
                *last = Some(section);
                fields[i].id = Arc::clone(id);
                continue;
            }
            ids.claim_unlabelled(fields, labelled, i);
            alone = None;
        }
        ids.field(sections, fields, i, is_labelled);
    }
    while given < sections.len() {
        ids.section(sections, given);
        given += 1;
    }
}

/// [`assign_ids`] with every field claimed: what it must give.
#[cfg(test)]
pub(super) fn assign_ids_claiming_all(
    sections: &mut [Section],
    fields: &mut [Field],
    labelled: &[bool],
) {
    let mut ids = Ids::with_capacity(sections.len(), fields.len());
    for i in 0..sections.len() {
        ids.section(sections, i);
    }
    for (i, &is_labelled) in labelled.iter().enumerate().take(fields.len()) {
        ids.field(sections, fields, i, is_labelled);
    }
}

/// The ids given so far, to give the next ones as [`assign_ids`] does, one item at a
/// time: sections in order, fields in order, a field after its section (the two
/// namespaces are apart, so how they interleave changes nothing).
struct Ids {
    sections: Claims,
    fields: Claims,
    /// The hash of each section's id: an unlabelled field's base is that id, hashed
    /// once (the fields' set hashes the same way).
    section_hashes: Vec<u64>,
    /// A labelled field's id is written here, then copied once into its own `Arc`.
    written: String,
}

impl Ids {
    /// Room for `sections` and `fields` ids without rehashing as they come.
    fn with_capacity(sections: usize, fields: usize) -> Self {
        let section_claims = Claims::with_capacity(sections);
        let field_claims = Claims {
            hasher: section_claims.hasher.clone(),
            ..Claims::with_capacity(fields)
        };
        Self {
            sections: section_claims,
            fields: field_claims,
            section_hashes: Vec::with_capacity(sections),
            written: String::new(),
        }
    }

    /// Gives section `i` its id; the sections before it have theirs.
    fn section(&mut self, sections: &mut [Section], i: usize) {
        use crate::text::slug;
        debug_assert_eq!(i, self.section_hashes.len(), "sections in order");
        let (claimed, rest) = sections.split_at_mut(i);
        let section = &mut rest[0];
        let made_here = section.id.is_empty();
        let made;
        let base: &str = if made_here {
            made = slug(&section.title);
            match made.as_str() {
                "" if section.level == 0 => "preamble",
                "" => "section",
                s => s,
            }
        } else {
            &section.id
        };
        let taken = &mut self.sections;
        let (suffixed, hash) = taken.claim(claimed, section_id, base, None);
        let id = if suffixed {
            Some(Arc::from(taken.candidate.as_str()))
        } else if made_here {
            Some(Arc::from(base))
        } else {
            None
        };
        if let Some(id) = id {
            section.id = id;
        }
        self.section_hashes.push(hash);
    }

    /// Claims the ids the unlabelled fields before field `end` took without a claim
    /// (each its section's, unclaimed and distinct: see [`assign_ids`]).
    fn claim_unlabelled(&mut self, fields: &[Field], labelled: &[bool], end: usize) {
        let claimed = &fields[..end];
        for (at, field) in claimed.iter().enumerate() {
            if !labelled.get(at).copied().unwrap_or(false) {
                let hash = self.section_hashes[field.section()];
                self.fields.add(claimed, field_id, at, hash);
            }
        }
    }

    /// Gives field `i` its id (`labelled`: the template named it); the fields before it
    /// have theirs, and so has its section.
    fn field(&mut self, sections: &[Section], fields: &mut [Field], i: usize, labelled: bool) {
        let (claimed, rest) = fields.split_at_mut(i);
        let field = &mut rest[0];
        let section = &sections[field.section()].id;
        let taken = &mut self.fields;
        let id = if labelled {
            // The label's slug written in place, after the section's id.
            let written = &mut self.written;
            written.clear();
            written.push_str(section);
            written.push('/');
            let mark = written.len();
            crate::text::slug_into(written, &field.label);
            if written.len() == mark {
                written.push_str("field");
            }
            let (suffixed, _) = taken.claim(claimed, field_id, written, None);
            Arc::from(if suffixed { &taken.candidate } else { written }.as_str())
        } else {
            let hash = self.section_hashes[field.section()];
            let (suffixed, _) = taken.claim(claimed, field_id, section, Some(hash));
            if suffixed {
                Arc::from(taken.candidate.as_str())
            } else {
                // Free: its section's id itself, shared.
                Arc::clone(section)
            }
        };
        field.id = id;
    }
}

fn section_id(section: &Section) -> &str {
    &section.id
}

fn field_id(field: &Field) -> &str {
    &field.id
}

/// The ids claimed so far, which are those of the items before the one being named
/// (`claimed`, read through `id_of`), and for each base that clashed the suffix to try
/// next: the smallest free suffix never goes down (ids are only added), so n clashes
/// cost O(n), not O(n²).
///
/// The set holds indices of the items rather than copies of their ids (a copy of
/// every id was 3.5 MB of a 1.9 MiB template's peak memory), and ids go straight to
/// their items (a vector of them was 2.4 MB more for 100,000 headings). Hashed with
/// foldhash rather than `SipHash`: hashing was most of the cost of claiming an id (ids
/// come from the template, so the hasher keeps foldhash's random seed).
#[derive(Default)]
struct Claims {
    taken: hashbrown::HashTable<u32>,
    /// The id last claimed with a suffix (written here, reused from claim to claim:
    /// the caller copies it into the item's own `Arc`).
    candidate: String,
    /// By the index of the id a base clashed with (which is the base).
    next: std::collections::HashMap<u32, usize, foldhash::fast::RandomState>,
    hasher: foldhash::fast::RandomState,
}

impl Claims {
    /// Room for `n` ids without rehashing as they come.
    fn with_capacity(n: usize) -> Self {
        Self {
            taken: hashbrown::HashTable::with_capacity(n),
            ..Self::default()
        }
    }

    /// Claims `base` (or `base-N`, with the smallest free N from 2) as the id of the
    /// item after `claimed`, `hash` being `base`'s hash when known. Returns whether it
    /// took a suffix (the id is then in `self.candidate`; else it is `base`) and the
    /// id's hash.
    fn claim<T>(
        &mut self,
        claimed: &[T],
        id_of: fn(&T) -> &str,
        base: &str,
        hash: Option<u64>,
    ) -> (bool, u64) {
        use std::hash::BuildHasher as _;
        let hasher = &self.hasher;
        let hash = hash.unwrap_or_else(|| hasher.hash_one(base));
        let find = |taken: &hashbrown::HashTable<u32>, hash: u64, id: &str| {
            taken
                .find(hash, |&i| id_of(&claimed[i as usize]) == id)
                .copied()
        };
        let (suffixed, hash) = match find(&self.taken, hash, base) {
            // Free: hashed once.
            None => (false, hash),
            Some(holder) => {
                let mut n = self.next.get(&holder).copied().unwrap_or(2);
                let hash = loop {
                    suffixed(&mut self.candidate, base, n);
                    let hash = hasher.hash_one(self.candidate.as_str());
                    if find(&self.taken, hash, &self.candidate).is_none() {
                        break hash;
                    }
                    n += 1;
                };
                self.next.insert(holder, n + 1);
                (true, hash)
            }
        };
        self.add(claimed, id_of, claimed.len(), hash);
        (suffixed, hash)
    }

    /// Takes the id of item `at` of `claimed` (free, of hash `hash`) as claimed.
    fn add<T>(&mut self, claimed: &[T], id_of: fn(&T) -> &str, at: usize, hash: u64) {
        use std::hash::BuildHasher as _;
        let hasher = &self.hasher;
        let index = u32::try_from(at).expect("fewer than 2^32 ids");
        // Growing rehashes only the ids already claimed.
        self.taken.insert_unique(hash, index, |&i| {
            hasher.hash_one(id_of(&claimed[i as usize]))
        });
    }
}

/// [`Claims`] over ids of its own, for tests of the suffixes alone.
#[cfg(test)]
#[derive(Default)]
pub(super) struct Unique {
    claims: Claims,
    ids: Vec<String>,
}

#[cfg(test)]
impl Unique {
    /// `base` when free, else `base-N` with the smallest free N from 2.
    pub(super) fn claim(&mut self, base: String) -> String {
        let (suffixed, _) = self.claims.claim(&self.ids, String::as_str, &base, None);
        let id = if suffixed {
            self.claims.candidate.clone()
        } else {
            base
        };
        self.ids.push(id.clone());
        id
    }
}

/// Writes `base-n` into `out` (`format!` costs several times more, and every
/// unlabelled field after the first in a section clashes).
pub(super) fn suffixed(out: &mut String, base: &str, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.clear();
    out.push_str(base);
    out.push('-');
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{FieldKind, FieldSpan, Value};

    /// A form of `n` sections and their fields from a small generator: titles from few
    /// words (so slugs clash, `a 2` meets the `a-2` a clash makes, and a section `x/y`
    /// the field `y` of a section `x`), 0-3 fields each, labelled or not.
    fn generated(seed: u64, n: usize) -> (Vec<Section>, Vec<Field>, Vec<bool>) {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let words = ["a", "a 2", "a-2", "b", "x", "", "x/y", "b 2"];
        let (mut sections, mut fields, mut labelled) = (Vec::new(), Vec::new(), Vec::new());
        for s in 0..n {
            let title: Arc<str> = words[usize::try_from(next(8)).unwrap()].into();
            // An id as written (an issue form's), made on the reader's side, or none
            // yet; a `/` in a section's id in one form of three.
            let id = match next(3) {
                0 if seed.is_multiple_of(3) && !title.is_empty() => Arc::clone(&title),
                0 | 1 => crate::text::shared_slug(&title),
                _ => Arc::default(),
            };
            let first = fields.len();
            for _ in 0..next(4) {
                let is_labelled = next(3) == 0;
                let label: Arc<str> = if is_labelled {
                    ["Env", "y", "", "a"][usize::try_from(next(4)).unwrap()].into()
                } else {
                    Arc::clone(&title)
                };
                fields.push(Field {
                    id: Arc::default(),
                    label,
                    kind: FieldKind::Text,
                    placeholder: Box::default(),
                    help: Box::default(),
                    default: Value::Text(String::new()),
                    required: false,
                    // Now and then one of an earlier section's, out of order.
                    section: u32::try_from(if next(9) == 0 { s / 2 } else { s }).unwrap(),
                    line: 1,
                });
                labelled.push(is_labelled);
            }
            let mut span = FieldSpan::EMPTY;
            for f in first..fields.len() {
                span.push(f);
            }
            sections.push(Section {
                id,
                title,
                level: 2,
                help: Box::default(),
                text: Box::default(),
                fields: span,
                parent: None,
                line: 1,
            });
        }
        (sections, fields, labelled)
    }

    /// Unlabelled fields given their section's id without a claim get exactly the ids
    /// claiming every field gives, whatever clashes, suffixes and `/` come.
    #[test]
    fn unclaimed_unlabelled_ids_are_the_claimed_ones() {
        let mut fast_runs = 0;
        for seed in 0..3000 {
            let n = usize::try_from(seed % 12).unwrap() + 1;
            let (mut sections, mut fields, labelled) = generated(seed, n);
            let (mut all_sections, mut all_fields) = (sections.clone(), fields.clone());
            assign_ids(&mut sections, &mut fields, &labelled);
            assign_ids_claiming_all(&mut all_sections, &mut all_fields, &labelled);
            let ids =
                |fields: &[Field]| fields.iter().map(|f| f.id.to_string()).collect::<Vec<_>>();
            assert_eq!(ids(&fields), ids(&all_fields), "seed {seed}");
            assert_eq!(sections, all_sections, "seed {seed}");
            fast_runs += usize::from(!sections.iter().any(|s| s.id.contains('/')));
        }
        // Most forms have no `/` in a section's id: the unclaimed path ran.
        assert!(fast_runs > 1500, "{fast_runs}");
    }

    /// A section whose id holds a `/` (an issue form's, as written) meets a labelled
    /// field's id: either way round, the later one takes a suffix, as when every field
    /// is claimed.
    #[test]
    fn a_section_id_with_a_slash_meets_a_labelled_fields_id() {
        let field = |section: u32, label: &str| Field {
            id: Arc::default(),
            label: label.into(),
            kind: FieldKind::Text,
            placeholder: Box::default(),
            help: Box::default(),
            default: Value::Text(String::new()),
            required: false,
            section,
            line: 1,
        };
        let section = |id: &str| Section {
            id: id.into(),
            title: id.into(),
            level: 2,
            help: Box::default(),
            text: Box::default(),
            fields: FieldSpan::EMPTY,
            parent: None,
            line: 1,
        };
        for (ids, labelled, want) in [
            (["x/y", "x"], [false, true], ["x/y", "x/y-2"]),
            (["x", "x/y"], [true, false], ["x/y", "x/y-2"]),
        ] {
            let mut sections = vec![section(ids[0]), section(ids[1])];
            let mut fields = vec![field(0, "y"), field(1, "y")];
            assign_ids(&mut sections, &mut fields, &labelled);
            let got: Vec<&str> = fields.iter().map(|f| &*f.id).collect();
            assert_eq!(got, want, "{ids:?}");
        }
    }
}
