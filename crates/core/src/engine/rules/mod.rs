//! One file per rule. Each takes the shared [`Context`] and returns its findings.

mod bad_bytes;
mod broken_line;
mod cjk_latin_spacing;
mod doubled_glyph;
mod halfwidth_punct;
mod spaces;
mod spurious_space;
mod unbalanced_quote;

use super::{Context, Finding, RuleId};

pub fn run(rule: RuleId, ctx: &Context<'_>) -> Vec<Finding> {
    match rule {
        RuleId::BrokenLine => broken_line::check(ctx),
        RuleId::DoubledGlyph => doubled_glyph::check(ctx),
        RuleId::UnbalancedQuote => unbalanced_quote::check(ctx),
        RuleId::SpuriousSpace => spurious_space::check(ctx),
        RuleId::HalfwidthPunct => halfwidth_punct::check(ctx),
        RuleId::CjkLatinSpacing => cjk_latin_spacing::check(ctx),
        RuleId::BadBytes => bad_bytes::check(ctx),
    }
}
