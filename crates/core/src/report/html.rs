//! The HTML report: one self-contained page (inline CSS, no script, no external
//! fonts or images) that opens offline in any browser. Every piece of page text
//! and every name goes through [`escape`]: an OCR page is untrusted input, and a
//! page containing `<script>` must show it as text.

use std::fmt::Write as _;

use super::Report;
use crate::diff::{Side, SpanKind};
use crate::engine::RuleId;

/// Characters of unchanged text kept on each side of a change; longer unchanged
/// stretches inside a paragraph are cut to `…` so a report stays readable.
const CONTEXT_CHARS: usize = 40;

/// Text for an HTML text node or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (ESC of a terminal sequence, …) show as `\x1b`.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {
                crate::text::chars::push_escaped_control(out, c)
            }
            c => out.push(c),
        }
    }
}

fn rule_zh(rule: RuleId) -> &'static str {
    rule.name(crate::lang::Lang::Zh)
}

pub(super) const STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 2em auto; max-width: 72em; padding: 0 1.5em; color: #1d1d1f; background: #fff;
  font: 15px/1.7 "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d8d8d8; padding: .25em .6em; vertical-align: top; text-align: left; }
th { background: #f4f4f6; font-weight: 600; }
.meta th { width: 9em; }
.summary td.n, .summary th.n { text-align: right; font-variant-numeric: tabular-nums; min-width: 5em; }
.summary tr.total td { font-weight: 600; background: #fafafa; }
.totals { margin: .6em 0; padding: 0; list-style: none; }
.totals li { display: inline-block; margin-right: 2em; }
.totals b { font-variant-numeric: tabular-nums; }
.note { color: #9a3b00; }
.changes { width: 100%; table-layout: fixed; }
.changes td.text { white-space: pre-wrap; word-break: break-all; }
.changes th.num, .changes td.num { width: 3.5em; text-align: right; color: #888; }
.ln { display: block; color: #888; font-size: .8em; }
del { background: #ffd7d5; color: #8b0000; text-decoration: line-through; text-decoration-color: #c33; }
ins { background: #ccf2d1; color: #0b5e1a; text-decoration: none; }
del.ws, ins.ws { background: #e3e9f7; color: #2856b6; text-decoration: none; font-weight: 600; }
.hand { box-shadow: inset 0 -2px 0 #e08600; }
.gap { color: #999; background: #f2f2f2; padding: 0 .3em; }
.legend { margin: .6em 0; }
.legend span { margin-right: 1.5em; }
label { cursor: pointer; user-select: none; }
#hide-ws:checked ~ table .ws { display: none; }
#hide-ws:checked ~ table tr.wsrow { display: none; }
@media print { #hide-ws, label[for=hide-ws] { display: none; } }
"#;

pub(super) fn render(r: &Report<'_>) -> String {
    let mut h = String::with_capacity(r.before.text.len() * 2 + 8192);
    let title = format!("校对报告 · {}", r.before.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"jiaodui {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = writeln!(h, "<h1>校对报告 <small>Proofreading report</small></h1>");
    meta(&mut h, r);
    summary(&mut h, r);
    changes(&mut h, r);
    h.push_str("</body>\n</html>\n");
    h
}

fn meta(h: &mut String, r: &Report<'_>) {
    h.push_str("<table class=\"meta\">\n");
    for (label, page) in [("原文 Original", &r.before), ("校对后 Corrected", &r.after)] {
        let _ = writeln!(
            h,
            "<tr><th>{label}</th><td>{} <span class=\"ln\">{} · {} · {} 行 lines</span></td></tr>",
            escape(&page.name),
            page.format.encoding.label(),
            page.format.line_ending.label(),
            page.text.lines().count()
        );
    }
    let _ = writeln!(
        h,
        "<tr><th>日期 Date</th><td>{}</td></tr>\n</table>",
        escape(&r.date)
    );
}

fn summary(h: &mut String, r: &Report<'_>) {
    let s = &r.summary;
    h.push_str("<h2>摘要 Summary</h2>\n<table class=\"summary\">\n");
    h.push_str(
        "<tr><th>规则 Rule</th><th class=\"n\">已修正<br>Applied</th><th class=\"n\">已忽略<br>Ignored</th>\
         <th class=\"n\">未处理<br>Left</th></tr>\n",
    );
    let (mut ta, mut ti, mut tl) = (0, 0, 0);
    for (rule, c) in &s.rules {
        ta += c.applied;
        ti += c.ignored;
        tl += c.left;
        let _ = writeln!(
            h,
            "<tr><td>{} <code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            rule_zh(*rule),
            rule.as_str(),
            c.applied,
            c.ignored,
            c.left
        );
    }
    let _ = writeln!(
        h,
        "<tr class=\"total\"><td>合计 Total</td><td class=\"n\">{ta}</td><td class=\"n\">{ti}</td><td class=\"n\">{tl}</td></tr>\n</table>"
    );
    let _ = writeln!(
        h,
        "<ul class=\"totals\"><li>手工修改 Edits by hand: <b>{}</b></li><li>改动 Changes: <b>{}</b> \
         (仅空白 whitespace only: <b>{}</b>)</li><li>改动段落 Paragraphs changed: <b>{}</b></li></ul>",
        s.by_hand, s.changes, s.whitespace_changes, s.paragraphs_changed
    );
    if r.diff.timed_out {
        h.push_str(
            "<p class=\"note\">比较超时，部分段落整段标为改动。 The comparison hit its time limit: \
             some paragraphs are marked as replaced whole.</p>\n",
        );
    }
}

fn changes(h: &mut String, r: &Report<'_>) {
    h.push_str("<h2>改动 Changes</h2>\n<section>\n");
    if r.diff.changes.is_empty() {
        h.push_str("<p>没有改动。 No changes.</p>\n</section>\n");
        return;
    }
    h.push_str(
        "<input type=\"checkbox\" id=\"hide-ws\"> <label for=\"hide-ws\">隐藏空白改动 Hide whitespace-only changes</label>\n\
         <p class=\"legend\"><span><del>删除 deleted</del></span><span><ins>插入 inserted</ins></span>\
         <span><del class=\"ws\">⏎</del> 合并的行 joined line</span><span><del class=\"ws\">␣</del> 删除的空格 removed space</span>\
         <span><ins class=\"hand\">手工 by hand</ins></span></p>\n",
    );
    h.push_str(
        "<table class=\"changes\">\n<tr><th class=\"num\">#</th><th>原文 Original</th><th>校对后 Corrected</th></tr>\n",
    );
    let mut n = 0;
    for (ri, row) in r.diff.rows.iter().enumerate() {
        if !row.is_changed() {
            continue;
        }
        n += 1;
        let ws_row = r.diff.changes[row.changes.clone()]
            .iter()
            .all(|c| c.whitespace_only);
        let _ = write!(
            h,
            "<tr{}><td class=\"num\">{n}</td>",
            if ws_row { " class=\"wsrow\"" } else { "" }
        );
        for (side, text, lines) in [
            (Side::Old, r.before.text, row.old_lines.clone()),
            (Side::New, r.after.text, row.new_lines.clone()),
        ] {
            let label = match lines.len() {
                0 => "—".to_owned(),
                1 => format!("第 {} 行 line {}", lines.start + 1, lines.start + 1),
                _ => format!(
                    "第 {}–{} 行 lines {}–{}",
                    lines.start + 1,
                    lines.end,
                    lines.start + 1,
                    lines.end
                ),
            };
            let _ = write!(h, "<td class=\"text\"><span class=\"ln\">{label}</span>");
            let spans = r.diff.side_spans(ri, side);
            let last = spans.len().saturating_sub(1);
            let unchanged_side = spans.iter().all(|s| s.kind == SpanKind::Equal);
            for (k, span) in spans.iter().enumerate() {
                let piece = &text[span.bytes.clone()];
                match span.kind {
                    // Nothing changed on this side (only deletions on the other): it
                    // is all context; keep it whole unless it is very long.
                    SpanKind::Equal if unchanged_side => {
                        context(h, piece, 2 * CONTEXT_CHARS, 2 * CONTEXT_CHARS, true)
                    }
                    SpanKind::Equal => {
                        let keep = |yes: bool| if yes { CONTEXT_CHARS } else { 0 };
                        context(h, piece, keep(k > 0), keep(k < last), k == last)
                    }
                    SpanKind::Deleted | SpanKind::Inserted => {
                        let tag = if span.kind == SpanKind::Deleted {
                            "del"
                        } else {
                            "ins"
                        };
                        let cause = span.change.and_then(|c| r.causes.get(c).copied()).flatten();
                        marked(h, tag, piece, span.whitespace_only, cause);
                    }
                }
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n</section>\n");
}

/// Unchanged text around changes; a long stretch keeps only `keep_head`
/// characters at its start (a change precedes it) and `keep_tail` at its end (a
/// change follows). The paragraph's own final line break is dropped: the cell ends.
fn context(h: &mut String, piece: &str, keep_head: usize, keep_tail: usize, row_end: bool) {
    let piece = if row_end {
        piece.strip_suffix('\n').unwrap_or(piece)
    } else {
        piece
    };
    let n = piece.chars().count();
    if n <= keep_head + keep_tail + 8 {
        escape_into(h, piece);
        return;
    }
    let head_end = piece
        .char_indices()
        .nth(keep_head)
        .map_or(piece.len(), |(i, _)| i);
    let tail_start = if keep_tail == 0 {
        piece.len()
    } else {
        piece
            .char_indices()
            .nth(n - keep_tail)
            .map_or(piece.len(), |(i, _)| i)
    };
    escape_into(h, &piece[..head_end]);
    let _ = write!(
        h,
        "<span class=\"gap\" title=\"{} 字未改 unchanged characters\">…</span>",
        n - keep_head - keep_tail
    );
    escape_into(h, &piece[tail_start..]);
}

/// A changed piece, whitespace made visible; line breaks stay real breaks outside
/// the element so hiding the marks keeps the printed lines.
fn marked(h: &mut String, tag: &str, piece: &str, ws: bool, cause: Option<RuleId>) {
    let mut class = String::new();
    if ws {
        class.push_str("ws");
    }
    if cause.is_none() {
        class.push_str(if class.is_empty() { "hand" } else { " hand" });
    }
    let title = cause.map_or("手工 by hand", RuleId::as_str);
    let open = |h: &mut String| {
        let _ = write!(h, "<{tag}");
        if !class.is_empty() {
            let _ = write!(h, " class=\"{class}\"");
        }
        let _ = write!(h, " title=\"{}\">", escape(title));
    };
    let mut parts = piece.split('\n').peekable();
    while let Some(part) = parts.next() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        if !part.is_empty() {
            open(h);
            escape_into(h, &crate::diff::whitespace_marks(part));
            let _ = write!(h, "</{tag}>");
        }
        if parts.peek().is_some() {
            open(h);
            let _ = writeln!(h, "⏎</{tag}>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        assert_eq!(escape("a\u{1b}[31mb\u{9b}c\n"), "a\\x1b[31mb\\u{9b}c\n");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x&y')</script>\""),
            "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;&quot;"
        );
    }
}
