#!/usr/bin/env python3
"""Regenerate eval/corpus/news_tune.txt and eval/corpus/news_heldout.txt (see eval/corpus/SOURCES.md).

Newspaper-register prose for the false-suspect check of `suspect-glyph`: the 2026 government
work reports (政府工作报告) of PRC provinces, as printed by provincial papers and government
sites, collected in the GitHub repository johncodes404/china-provincial-gov-reports-2026
(folder output/2026_raw_text/, one CSV per province, commit REPORTS_COMMIT). The reports are
official documents of an administrative nature: PRC Copyright Law art. 5 puts them outside
copyright. Only the report text is used (no code or data of that repository).

Every other province (sorted by name) goes to news_tune.txt, the rest to news_heldout.txt;
at most PER_PROVINCE characters of each report, one article per report section
(一、二、… headings), paragraphs cleaned as eval/fetch_corpus.py cleans its sources.

Usage: python3 eval/fetch_news.py --repo PATH/TO/china-provincial-gov-reports-2026 [--out eval/corpus]
"""
import argparse, csv, io, os, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fetch_corpus import normalize  # noqa: E402

REPORTS_COMMIT = "ad4c815c4acefe47240a3afaece74e1eb2011dd3"
PROVINCES = 16           # provinces used (sorted by name), alternately tune / held-out
PER_PROVINCE = 6500      # chars of prose per report
HEADING = re.compile(r'^[一二三四五六七八九十]+、')


def git(repo, *args):
    return subprocess.check_output(['git', '-C', repo, *args])


def report_articles(full_text, budget):
    """[(title, [paragraphs])] of one report: its sections, from 各位代表 on, to `budget` chars."""
    lines = [l.strip() for l in full_text.replace('\r', '').split('\n')]
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith('各位代表'))
    except StopIteration:
        return []
    arts, title, paras, used = [], None, [], 0
    for l in lines[start + 1:]:
        if used >= budget:
            break
        if HEADING.match(l) and len(l) <= 40:
            if title and paras:
                arts.append((title, paras))
            title, paras = HEADING.sub('', l).strip(), []
            continue
        if title is None:
            continue
        p = normalize(l)
        if p:
            paras.append(p)
            used += len(p)
    if title and paras:
        arts.append((title, paras))
    return arts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repo', required=True)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus'))
    a = ap.parse_args()
    csv.field_size_limit(10 ** 8)
    names = git(a.repo, 'ls-tree', '-r', '--name-only', '-z', REPORTS_COMMIT, 'output/2026_raw_text/').decode().split('\0')
    names = sorted(n for n in names if n.endswith('政府工作报告.csv'))[:PROVINCES]
    out = {'tune': [], 'heldout': []}
    for k, n in enumerate(names):
        rows = list(csv.DictReader(io.StringIO(git(a.repo, 'show', f'{REPORTS_COMMIT}:{n}').decode('utf-8-sig'))))
        if not rows:
            continue
        r = rows[0]
        for title, paras in report_articles(r['full_text'], PER_PROVINCE):
            out['tune' if k % 2 == 0 else 'heldout'].append(f"{r['province']}政府工作报告：{title}\n" + '\n'.join(paras))
    for split, arts in out.items():
        path = os.path.join(a.out, f'news_{split}.txt')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(arts) + '\n')
        print(path, len(arts), 'articles', sum(len(x) for x in arts), 'chars')


if __name__ == '__main__':
    main()
