//! The folder summary: one report over a folder of pages (a newspaper issue) — each
//! page's status and findings fixed / ignored / left, the totals per rule, and a
//! link to each page's own report. An editor-in-chief reads this, not thirty page
//! reports. Data in, HTML or JSON out; the desk gathers the data from the
//! sessions on disk (`jiaodui_desk::folder_report`).

use std::fmt::Write as _;

use serde::Serialize;

use super::html::{STYLE, escape};
use super::{RuleCounts, Summary};
use crate::engine::RuleId;

/// Where a page stands in the desk's workflow (the desk's page status, as the
/// report shows it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl Progress {
    fn label(self) -> &'static str {
        match self {
            Progress::NotStarted => "○ 未开始 not started",
            Progress::InProgress => "◎ 进行中 in progress",
            Progress::Done => "● 已完成 done",
        }
    }
}

/// Where a page's corrected text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The page's session (the desk's saved work).
    Session,
    /// `NAME.corrected.txt` beside the page, with no session.
    Corrected,
    /// Neither: the raw page as it is (nothing done yet).
    Raw,
}

/// One page of the folder.
#[derive(Clone, Debug)]
pub struct FolderPage {
    /// The page's file name.
    pub name: String,
    pub progress: Progress,
    /// The page's report, relative to the summary (`OUT-pages/NAME.html`); `None`
    /// when the page could not be read.
    pub link: Option<String>,
    /// The page's totals, or why it could not be summarized.
    pub outcome: Result<(Source, Summary), String>,
}

/// Everything the folder summary shows.
#[derive(Clone, Debug)]
pub struct FolderReport {
    /// The folder as the user named it.
    pub folder: String,
    /// RFC 3339, UTC (injected, so snapshots are stable).
    pub date: String,
    pub pages: Vec<FolderPage>,
}

/// The folder's totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderTotals {
    pub pages: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    /// Pages that could not be read (not in the rule totals).
    pub errors: usize,
    /// Every rule, in `RuleId::ALL` order.
    pub rules: Vec<(RuleId, RuleCounts)>,
    pub by_hand: usize,
}

impl FolderReport {
    pub fn totals(&self) -> FolderTotals {
        let mut t = FolderTotals {
            pages: self.pages.len(),
            rules: RuleId::ALL
                .iter()
                .map(|&r| (r, RuleCounts::default()))
                .collect(),
            ..Default::default()
        };
        for p in &self.pages {
            match p.progress {
                Progress::Done => t.done += 1,
                Progress::InProgress => t.in_progress += 1,
                Progress::NotStarted => t.not_started += 1,
            }
            let Ok((_, s)) = &p.outcome else {
                t.errors += 1;
                continue;
            };
            t.by_hand += s.by_hand;
            for (rule, c) in &s.rules {
                if let Some((_, sum)) = t.rules.iter_mut().find(|(r, _)| r == rule) {
                    sum.applied += c.applied;
                    sum.ignored += c.ignored;
                    sum.left += c.left;
                }
            }
        }
        t
    }

    pub fn html(&self) -> String {
        let mut h = String::with_capacity(8192 + self.pages.len() * 512);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"jiaodui {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            escape(&format!("校对汇总 · {}", self.folder))
        );
        h.push_str("<h1>校对汇总 <small>Folder summary</small></h1>\n");
        let t = self.totals();
        let _ = writeln!(
            h,
            "<table class=\"meta\">\n<tr><th>文件夹 Folder</th><td>{}</td></tr>\n\
             <tr><th>日期 Date</th><td>{}</td></tr>\n\
             <tr><th>版面 Pages</th><td>{} · 已完成 done {} · 进行中 in progress {} · 未开始 not started {}</td></tr>",
            escape(&self.folder),
            escape(&self.date),
            t.pages,
            t.done,
            t.in_progress,
            t.not_started
        );
        if t.errors > 0 {
            let _ = writeln!(
                h,
                "<tr><th>错误 Errors</th><td class=\"note\">{} 个版面无法读取 pages could not be read</td></tr>",
                t.errors
            );
        }
        h.push_str("</table>\n");
        rule_table(&mut h, &t);
        page_table(&mut h, self);
        h.push_str("</body>\n</html>\n");
        h
    }

    pub fn json(&self) -> String {
        let t = self.totals();
        let counts = |rules: &[(RuleId, RuleCounts)]| -> Vec<JsonRule> {
            rules
                .iter()
                .map(|(r, c)| JsonRule {
                    rule: r.as_str(),
                    applied: c.applied,
                    ignored: c.ignored,
                    left: c.left,
                })
                .collect()
        };
        let report = JsonFolder {
            kind: "jiaodui-folder-report",
            version: 1,
            date: &self.date,
            folder: &self.folder,
            summary: JsonTotals {
                pages: t.pages,
                done: t.done,
                in_progress: t.in_progress,
                not_started: t.not_started,
                errors: t.errors,
                rules: counts(&t.rules),
                by_hand: t.by_hand,
            },
            pages: self
                .pages
                .iter()
                .map(|p| {
                    let (source, rules, by_hand, changes, error) = match &p.outcome {
                        Ok((src, s)) => (Some(*src), counts(&s.rules), s.by_hand, s.changes, None),
                        Err(e) => (None, Vec::new(), 0, 0, Some(e.as_str())),
                    };
                    JsonPage {
                        file: &p.name,
                        status: p.progress,
                        source,
                        report: p.link.as_deref(),
                        rules,
                        by_hand,
                        changes,
                        error,
                    }
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn rule_table(h: &mut String, t: &FolderTotals) {
    h.push_str(
        "<h2>按规则 By rule</h2>\n<table class=\"summary\">\n<tr><th>规则 Rule</th>\
         <th class=\"n\">已修正<br>Applied</th><th class=\"n\">已忽略<br>Ignored</th>\
         <th class=\"n\">未处理<br>Left</th></tr>\n",
    );
    let mut sum = RuleCounts::default();
    for (rule, c) in &t.rules {
        sum.applied += c.applied;
        sum.ignored += c.ignored;
        sum.left += c.left;
        let _ = writeln!(
            h,
            "<tr><td>{} <code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            rule.name(crate::lang::Lang::Zh),
            rule.as_str(),
            c.applied,
            c.ignored,
            c.left
        );
    }
    let _ = writeln!(
        h,
        "<tr class=\"total\"><td>合计 Total</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n</table>\n\
         <ul class=\"totals\"><li>手工修改 Edits by hand: <b>{}</b></li></ul>",
        sum.applied, sum.ignored, sum.left, t.by_hand
    );
}

fn page_table(h: &mut String, r: &FolderReport) {
    h.push_str(
        "<h2>版面 Pages</h2>\n<table class=\"summary\">\n<tr><th class=\"n\">#</th><th>版面 Page</th>\
         <th>状态 Status</th><th class=\"n\">已修正<br>Applied</th><th class=\"n\">已忽略<br>Ignored</th>\
         <th class=\"n\">未处理<br>Left</th><th class=\"n\">手工<br>By hand</th><th>报告 Report</th></tr>\n",
    );
    for (i, p) in r.pages.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td>",
            i + 1,
            escape(&p.name),
            p.progress.label()
        );
        match &p.outcome {
            Ok((_, s)) => {
                let sum = |f: fn(&RuleCounts) -> usize| s.rules.iter().map(|(_, c)| f(c)).sum();
                let (a, ig, l): (usize, usize, usize) =
                    (sum(|c| c.applied), sum(|c| c.ignored), sum(|c| c.left));
                let _ = write!(
                    h,
                    "<td class=\"n\">{a}</td><td class=\"n\">{ig}</td><td class=\"n\">{l}</td><td class=\"n\">{}</td>",
                    s.by_hand
                );
            }
            Err(e) => {
                let _ = write!(h, "<td colspan=\"4\" class=\"note\">{}</td>", escape(e));
            }
        }
        match &p.link {
            Some(link) => {
                let _ = writeln!(
                    h,
                    "<td><a href=\"{}\">{}</a></td></tr>",
                    escape(&href(link)),
                    escape(link)
                );
            }
            None => h.push_str("<td>—</td></tr>\n"),
        }
    }
    h.push_str("</table>\n");
}

/// A relative path as a URL path: each byte outside the unreserved set and `/`
/// percent-encoded, so a page named `a#1 b?.txt` links to its own report.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Serialize)]
struct JsonFolder<'a> {
    /// Always "jiaodui-folder-report".
    kind: &'static str,
    version: u32,
    date: &'a str,
    folder: &'a str,
    summary: JsonTotals,
    pages: Vec<JsonPage<'a>>,
}

#[derive(Serialize)]
struct JsonTotals {
    pages: usize,
    done: usize,
    in_progress: usize,
    not_started: usize,
    errors: usize,
    rules: Vec<JsonRule>,
    by_hand: usize,
}

#[derive(Serialize)]
struct JsonRule {
    rule: &'static str,
    applied: usize,
    ignored: usize,
    left: usize,
}

#[derive(Serialize)]
struct JsonPage<'a> {
    file: &'a str,
    status: Progress,
    /// Where the corrected text came from (`null` for a page that could not be read).
    source: Option<Source>,
    report: Option<&'a str>,
    rules: Vec<JsonRule>,
    by_hand: usize,
    changes: usize,
    error: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, progress: Progress, applied: usize) -> FolderPage {
        let mut s = Summary {
            rules: RuleId::ALL
                .iter()
                .map(|&r| (r, RuleCounts::default()))
                .collect(),
            ..Default::default()
        };
        s.rules[0].1.applied = applied;
        s.rules[1].1.left = 1;
        FolderPage {
            name: name.into(),
            progress,
            link: Some(format!("out-pages/{name}.html")),
            outcome: Ok((Source::Session, s)),
        }
    }

    fn sample() -> FolderReport {
        FolderReport {
            folder: "issue<1>".into(),
            date: "2026-11-30T00:00:00Z".into(),
            pages: vec![
                page("a#1 b.txt", Progress::Done, 3),
                page("<b>.txt", Progress::InProgress, 2),
                FolderPage {
                    name: "c.txt".into(),
                    progress: Progress::NotStarted,
                    link: None,
                    outcome: Err("not text".into()),
                },
            ],
        }
    }

    #[test]
    fn totals_add_up_over_readable_pages() {
        let t = sample().totals();
        assert_eq!(
            (t.pages, t.done, t.in_progress, t.not_started),
            (3, 1, 1, 1)
        );
        assert_eq!(t.errors, 1);
        assert_eq!(t.rules[0].1.applied, 5);
        assert_eq!(t.rules[1].1.left, 2);
    }

    /// Names are page text's cousins: untrusted, escaped; links percent-encoded.
    #[test]
    fn html_escapes_names_and_encodes_links() {
        let h = sample().html();
        assert!(!h.contains("<b>.txt"), "{h}");
        assert!(h.contains("&lt;b&gt;.txt"));
        assert!(h.contains("href=\"out-pages/a%231%20b.txt.html\""), "{h}");
        assert!(h.contains("issue&lt;1&gt;"));
    }

    #[test]
    fn json_has_the_documented_keys() {
        let v: serde_json::Value = serde_json::from_str(&sample().json()).unwrap();
        assert_eq!(v["kind"], "jiaodui-folder-report");
        assert_eq!(v["summary"]["pages"], 3);
        assert_eq!(v["summary"]["rules"][0]["applied"], 5);
        assert_eq!(v["pages"][0]["status"], "done");
        assert_eq!(v["pages"][0]["source"], "session");
        assert_eq!(v["pages"][2]["error"], "not text");
        assert!(v["pages"][2]["report"].is_null());
    }
}
