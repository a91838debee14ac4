//! `keel rules [ID]`: the rule book as the program knows it.

use crate::settings::Global;
use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table, Width};
use keel_core::rules::{find, RuleInfo, RULES};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// List every rule (id, severity, statement, source), or show one.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// A rule id, e.g. `hard-run-24h`.
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

impl RulesArgs {
    pub fn run(self, _global: &Global) -> anyhow::Result<ExitCode> {
        let text = match &self.id {
            Some(id) => {
                let rule = find(id.trim()).ok_or_else(|| unknown_rule(id))?;
                render_one(rule)
            }
            None => {
                let width = if std::io::stdout().is_terminal() {
                    Table::new().width().unwrap_or(100).min(120)
                } else {
                    100
                };
                render_all(width)
            }
        };
        let mut out = super::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

fn unknown_rule(id: &str) -> anyhow::Error {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    match keel_profile::closest(id, &ids) {
        Some(s) => anyhow::anyhow!(
            "unknown rule `{id}`; did you mean `{s}`? (`keel rules` lists them all)"
        ),
        None => anyhow::anyhow!("unknown rule `{id}`; `keel rules` lists them all"),
    }
}

/// Every rule as a table, in the rule book's order.
pub fn render_all(width: u16) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Rule", "Severity", "Statement", "Source"]);
    for r in RULES {
        t.add_row(vec![r.id, r.severity.as_str(), r.statement, r.source]);
    }
    if let Some(c) = t.column_mut(3) {
        c.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(16)));
    }
    format!(
        "{t}\n{} rules. hard: the planner never breaks it, `keel check` reports an error; \
         soft: preferred, a warning; adapt: reacts to logged data; guidance: shown with the plan.\n\
         Sources are the seed articles (000-004) and research.md.\n",
        RULES.len()
    )
}

/// One rule in full.
pub fn render_one(r: &RuleInfo) -> String {
    format!(
        "{} ({}, {})\n{}\n\n{}\n\nSource: {}\n",
        r.id, r.severity, r.group, r.title, r.statement, r.source
    )
}
