#!/usr/bin/env python3
"""Regenerate data/running_bigrams.bin: character pairs of running newspaper-register prose.

The dictionary bigrams (build_bigrams.py) only know pairs inside words. News copy is full of
two-glyph abbreviations and set phrases that no dictionary lists (提质, 扩优, 规上, 纾困, 顶压前行),
and a look-alike rule that knows only dictionary words takes them for misreads. This table says
which glyph pairs real news prose writes.

Source: the 2026 government work reports (政府工作报告) of the PRC provinces in the GitHub repository
johncodes404/china-provincial-gov-reports-2026 (commit ad4c815, output/2026_raw_text/*.csv, column
full_text): public domain as official documents of an administrative nature (PRC Copyright Law
art. 5). The 16 provinces that eval/fetch_news.py takes for news_tune.txt and news_heldout.txt (the
first 16 by file name) are LEFT OUT, so the false-suspect measure on that prose and the OCR pages
made from it (eval/render_ocr.py --news) are measured on text the table has never seen.

Output: records of 5 bytes sorted by key, [a:u16 BE][b:u16 BE][n:u8], for every pair of adjacent
Han chars (BMP) inside one run of Han text seen at least MIN_COUNT times, n = min(255, count).

Usage: python3 scripts/build_running_bigrams.py --repo PATH/TO/china-provincial-gov-reports-2026
"""
import argparse, collections, csv, io, os, re, struct, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMIT = "ad4c815c4acefe47240a3afaece74e1eb2011dd3"
EVAL_PROVINCES = 16  # eval/fetch_news.py PROVINCES: alternately tune / held-out
MIN_COUNT = 2
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def git(repo, *args):
    return subprocess.check_output(["git", "--git-dir", repo, *args]) if repo.endswith("repo") or repo.endswith(".git") \
        else subprocess.check_output(["git", "-C", repo, *args])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "running_bigrams.bin"))
    a = ap.parse_args()
    csv.field_size_limit(10 ** 8)
    names = git(a.repo, "ls-tree", "-r", "--name-only", "-z", COMMIT, "output/2026_raw_text/").decode().split("\0")
    names = sorted(n for n in names if n.endswith("政府工作报告.csv"))
    counts = collections.Counter()
    used, chars = 0, 0
    for k, n in enumerate(names):
        if k < EVAL_PROVINCES:
            continue  # a province of the eval's news prose
        rows = list(csv.DictReader(io.StringIO(git(a.repo, "show", f"{COMMIT}:{n}").decode("utf-8-sig"))))
        for r in rows[:1]:
            text = r["full_text"]
            used += 1
            for run in HAN_RUN.findall(text):
                chars += len(run)
                for x, y in zip(run, run[1:]):
                    counts[(x, y)] += 1
    keep = sorted((k, min(255, v)) for k, v in counts.items() if v >= MIN_COUNT)
    with open(a.out, "wb") as f:
        for (x, y), v in keep:
            f.write(struct.pack(">HHB", ord(x), ord(y), v))
    print(f"{used} reports, {chars} Han chars, {len(counts)} pairs, {len(keep)} kept (>= {MIN_COUNT}) -> {a.out}")


if __name__ == "__main__":
    main()
