#!/usr/bin/env python3
"""What Tesseract does to the rendered pages: blank lines, half-width punctuation, spaces,
headline/byline lines. python3 eval/tess_habits.py [eval/out/tesseract]"""
import collections, glob, json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as S  # noqa: E402

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'out', 'tesseract')
st = collections.Counter()
hw = collections.Counter()
for t in sorted(glob.glob(os.path.join(root, '*', '*', 'truth.txt'))):
    d = os.path.dirname(t)
    truth = S.read(t).splitlines()
    ocr = S.read(os.path.join(d, 'tess.txt'))
    meta = json.load(open(os.path.join(d, 'meta.json'), encoding='utf-8'))
    lines = ocr.split('\n')
    st['pages'] += 1
    st['ocr_lines'] += sum(1 for l in lines if l.strip())
    st['blank_lines'] += sum(1 for i, l in enumerate(lines[:-1]) if not l.strip() and i and lines[i - 1].strip())
    st['form_feeds'] += ocr.count('\f')
    # blank lines at true paragraph breaks vs inside paragraphs
    tends = set(S.paragraph_ends('\n'.join(truth)))
    n = 0
    prev_nonblank_end = None
    for l in lines:
        if l.strip():
            n += len(S.squeeze(l))
            prev_nonblank_end = n
        elif prev_nonblank_end is not None:
            st['blank_at_para_end' if prev_nonblank_end in tends else 'blank_inside_para'] += 1
            prev_nonblank_end = None
    for c in ocr:
        if c in ',.:;?!()':
            hw[c] += 1
    st['spaces_next_to_fullwidth'] += S.spaces_left(ocr)
    st['spaces_between_cjk'] += len(re.findall(r'(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])', ocr))
    head = next((l for l in lines if l.strip()), '')
    st['headline_first_line_exact'] += S.squeeze(head) == S.squeeze(truth[0])
    if meta['byline'] == 'line':
        st['byline_pages'] += 1
        st['byline_line_found'] += any(S.squeeze(l) == S.squeeze(truth[1]) for l in lines)
for k, v in st.items():
    print(f'{k}\t{v}')
print('halfwidth_punct\t' + ' '.join(f'{k}:{v}' for k, v in hw.most_common()))
