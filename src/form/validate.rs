//! What keeps answers from being complete: required fields left empty, required boxes
//! not ticked, and values that break a field's rules (a number, a pattern). Pure: the
//! TUI shows these under the fields, the review lists them, `render` refuses with them.

use super::{Answers, Form, Rule, Value};

/// One problem with one field's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: usize,
    pub message: String,
}

impl Form {
    /// Every problem with `answers`, in field order.
    pub fn validate(&self, answers: &Answers) -> Vec<Invalid> {
        (0..self.fields.len())
            .flat_map(|i| self.validate_field(i, &answers.values[i]))
            .collect()
    }

    /// The problems with one field's value.
    pub fn validate_field(&self, field: usize, value: &Value) -> Vec<Invalid> {
        let f = &self.fields[field];
        let mut out = Vec::new();
        let mut say = |message: String| out.push(Invalid { field, message });
        if f.required && value.is_empty() {
            say("is required".to_owned());
        }
        if let Value::Select(sel) = value {
            for (option, &checked) in f.kind.options().iter().zip(&sel.checked) {
                if option.required && !checked {
                    say(format!("`{}` must be ticked", option.label));
                }
            }
        }
        let text = match value {
            Value::Text(t) => t.trim(),
            _ => "",
        };
        if text.is_empty() {
            return out;
        }
        for rule in self.rules.iter().filter(|r| r.field == field) {
            match &rule.rule {
                Rule::Number if text.parse::<f64>().is_err() => {
                    say("must be a number".to_owned());
                }
                Rule::Regex(pattern) if !pattern.is_match(text) => {
                    say(format!("must match the pattern `{}`", pattern.as_str()));
                }
                Rule::Number | Rule::Regex(_) => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Field, FieldKind, FieldRule, Meta, Opt, Pattern, Selection};
    use super::*;

    fn field(kind: FieldKind, required: bool, default: Value) -> Field {
        Field {
            id: "f".to_owned().into(),
            label: "F".to_owned().into(),
            kind,
            placeholder: String::new().into(),
            help: String::new().into(),
            default,
            required,
            section: 0,
            line: 1,
        }
    }

    fn form(fields: Vec<Field>, rules: Vec<FieldRule>) -> Form {
        Form {
            meta: Meta::default(),
            sections: Vec::new(),
            required: crate::form::required_of(&fields),
            fields: fields.into(),
            rules,
            defaults: crate::form::Defaults::Examples,
            after: Box::default(),
        }
    }

    #[test]
    fn required_text_and_boxes() {
        let mut agree = Opt::new("I agree");
        agree.required = true;
        let f = form(
            vec![
                field(FieldKind::Text, true, Value::Text(String::new())),
                field(
                    FieldKind::Checkboxes {
                        options: vec![agree, Opt::new("Other")],
                    },
                    false,
                    Selection::none(2),
                ),
            ],
            Vec::new(),
        );
        let answers = Answers::new(&f);
        let found: Vec<(usize, String)> = f
            .validate(&answers)
            .into_iter()
            .map(|i| (i.field, i.message))
            .collect();
        assert_eq!(
            found,
            [
                (0, "is required".to_owned()),
                (1, "`I agree` must be ticked".to_owned())
            ]
        );
    }

    #[test]
    fn number_and_pattern_rules_check_given_values_only() {
        let text = || field(FieldKind::Text, false, Value::Text(String::new()));
        let f = form(
            vec![text(), text()],
            vec![
                FieldRule {
                    field: 0,
                    rule: Rule::Number,
                },
                FieldRule {
                    field: 1,
                    rule: Rule::Regex(Pattern::new("^v[0-9]+$").expect("a pattern")),
                },
            ],
        );
        let mut answers = Answers::new(&f);
        assert!(f.validate(&answers).is_empty());
        answers.values[0] = Value::Text("12a".to_owned());
        answers.values[1] = Value::Text("1.0".to_owned());
        let messages: Vec<String> = f
            .validate(&answers)
            .into_iter()
            .map(|i| i.message)
            .collect();
        assert_eq!(
            messages,
            ["must be a number", "must match the pattern `^v[0-9]+$`"]
        );
        answers.values[0] = Value::Text(" -1.5 ".to_owned());
        answers.values[1] = Value::Text("v2".to_owned());
        assert!(f.validate(&answers).is_empty());
    }
}
