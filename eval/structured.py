#!/usr/bin/env python3
"""Structured OCR inputs for the Tesseract pages, made from Tesseract's own TSV.

For every page directory under eval/out/tesseract/{tune,heldout}/ (made by render_ocr.py,
which already writes tess.hocr, tess.xml (ALTO) and tess.tsv) this writes:
  page.xml      PAGE XML 2019: one TextRegion per Tesseract block (ReadingOrder as Tesseract
                gave it), TextLine and Word with Coords and TextEquiv
  paddle2.json  PaddleOCR 2.x shape: [[ [[x,y]x4], [text, score] ], ...] nested once per page
  paddle3.json  PaddleOCR 3.x shape: {"res": {"input_path", "rec_texts", "rec_scores",
                "rec_polys", "rec_boxes"}}
The PaddleOCR files list the lines the way a line-based engine does (PaddleOCR's own
sorted_boxes: top to bottom, then left to right when two boxes start within 10 px), so on
two-column pages the columns come interleaved by height — the hard case for reading order.

  python3 eval/structured.py [--tess eval/out/tesseract]
"""
import argparse, glob, json, os, sys
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PAGE_NS = 'http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15'


def read_tsv(path):
    """Tesseract TSV → (page size, blocks: [[line: (box, [(box, conf, text)])]])."""
    size = (0, 0)
    lines = {}
    order = []
    with open(path, encoding='utf-8') as f:
        next(f)
        for row in f:
            c = row.rstrip('\n').split('\t')
            if len(c) < 12:
                continue
            level, block, par, line = int(c[0]), int(c[2]), int(c[3]), int(c[4])
            box = (int(c[6]), int(c[7]), int(c[6]) + int(c[8]), int(c[7]) + int(c[9]))
            if level == 1:
                size = (box[2], box[3])
            elif level == 4:
                key = (block, par, line)
                lines[key] = (box, [])
                order.append(key)
            elif level == 5 and c[11].strip():
                lines[(block, par, line)][1].append((box, float(c[10]) / 100.0, c[11]))
    blocks = []
    last = None
    for key in order:
        if not lines[key][1]:
            continue
        if key[0] != last:
            blocks.append([])
            last = key[0]
        blocks[-1].append(lines[key])
    return size, blocks


def join_words(words):
    """Words into a line as Tesseract's text output does: a space only between Latin/digit words."""
    out = ''
    for _, _, t in words:
        if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += ' '
        out += t
    return out


def points(box):
    x0, y0, x1, y1 = box
    return f'{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}'


def page_xml(size, blocks, image):
    regions, refs = [], []
    for b, lines in enumerate(blocks):
        rid = f'r{b + 1}'
        refs.append(f'<RegionRefIndexed index="{b}" regionRef="{rid}"/>')
        rbox = (min(l[0][0] for l in lines), min(l[0][1] for l in lines),
                max(l[0][2] for l in lines), max(l[0][3] for l in lines))
        ls = []
        for k, (box, words) in enumerate(lines):
            lid = f'{rid}l{k + 1}'
            ws = ''.join(
                f'<Word id="{lid}w{j + 1}" conf="{conf:.3f}"><Coords points="{points(wb)}"/>'
                f'<TextEquiv><Unicode>{escape(t)}</Unicode></TextEquiv></Word>'
                for j, (wb, conf, t) in enumerate(words))
            ls.append(f'<TextLine id="{lid}"><Coords points="{points(box)}"/>{ws}'
                      f'<TextEquiv><Unicode>{escape(join_words(words))}</Unicode></TextEquiv></TextLine>')
        text = '\n'.join(join_words(w) for _, w in lines)
        regions.append(f'<TextRegion id="{rid}" type="paragraph"><Coords points="{points(rbox)}"/>'
                       + '\n'.join(ls) + f'<TextEquiv><Unicode>{escape(text)}</Unicode></TextEquiv></TextRegion>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<PcGts xmlns="{PAGE_NS}">\n'
            '<Metadata><Creator>jiaodui eval/structured.py</Creator><Created>2026-01-01T00:00:00</Created>'
            '<LastChange>2026-01-01T00:00:00</LastChange></Metadata>\n'
            f'<Page imageFilename={quoteattr(image)} imageWidth="{size[0]}" imageHeight="{size[1]}">\n'
            f'<ReadingOrder><OrderedGroup id="ro">{"".join(refs)}</OrderedGroup></ReadingOrder>\n'
            + '\n'.join(regions) + '\n</Page>\n</PcGts>\n')


def paddle_order(lines):
    """PaddleOCR's sorted_boxes: by top, then left; boxes within 10 px of height swap into x order."""
    lines = sorted(lines, key=lambda l: (l[0][1], l[0][0]))
    for i in range(len(lines) - 1):
        for j in range(i, -1, -1):
            a, b = lines[j], lines[j + 1]
            if abs(b[0][1] - a[0][1]) < 10 and b[0][0] < a[0][0]:
                lines[j], lines[j + 1] = b, a
            else:
                break
    return lines


def make(d):
    size, blocks = read_tsv(os.path.join(d, 'tess.tsv'))
    with open(os.path.join(d, 'page.xml'), 'w', encoding='utf-8') as w:
        w.write(page_xml(size, blocks, 'page.png'))
    lines = paddle_order([l for b in blocks for l in b])
    quad = lambda b: [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]
    score = lambda ws: round(sum(c for _, c, _ in ws) / len(ws), 4)
    p2 = [[[quad(box), [join_words(ws), score(ws)]] for box, ws in lines]]
    with open(os.path.join(d, 'paddle2.json'), 'w', encoding='utf-8') as w:
        json.dump(p2, w, ensure_ascii=False)
    p3 = {'res': {'input_path': 'page.png',
                  'rec_texts': [join_words(ws) for _, ws in lines],
                  'rec_scores': [score(ws) for _, ws in lines],
                  'rec_polys': [quad(box) for box, _ in lines],
                  'rec_boxes': [list(box) for box, _ in lines]}}
    with open(os.path.join(d, 'paddle3.json'), 'w', encoding='utf-8') as w:
        json.dump(p3, w, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tess', default=os.path.join(common.HERE, 'out', 'tesseract'))
    a = ap.parse_args()
    n = 0
    for d in sorted(glob.glob(os.path.join(a.tess, '*', '*'))):
        if os.path.exists(os.path.join(d, 'tess.tsv')):
            make(d)
            n += 1
    print(f'{n} pages: page.xml, paddle2.json, paddle3.json written')


if __name__ == '__main__':
    main()
