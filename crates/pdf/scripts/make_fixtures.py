#!/usr/bin/env python3
"""Writes the PDFs that jiaodui-pdf's tests read (crates/pdf/tests/fixtures).

    pip install reportlab        # BSD; STSong-Light needs no font file
    apt-get install poppler-utils tesseract-ocr tesseract-ocr-chi-sim   # for scan.pdf, tesseract.pdf
    python3 crates/pdf/scripts/make_fixtures.py

news.pdf    page 1: a headline (22 pt) over two columns of newspaper prose (10.5 pt) with
            indented paragraph starts; one line of the left column is fake bold (the whole
            line drawn a second time 0.25 pt to the right, as layout programs do), and the
            prose holds correct doubles (整整齐齐, 人人, 88项, ……) drawn once.
            page 2: a fake-bold headline drawn glyph by glyph (each glyph twice, 0.4 pt
            apart), a byline, one column of prose, and a fake-bold caption (9 pt).
scan.pdf    page 1 of news.pdf as a bitmap only: no text layer.
locked.pdf  one line of text, encrypted with a user password ("secret"): cannot be opened.
open.pdf    the same, encrypted with an owner password only (an empty user password):
            readers open it without asking, and so must this one.
tesseract.pdf  Tesseract's searchable PDF of page 1 rendered at 150 dpi, text only
            (`-c textonly_pdf=1`, so no image inside): an invisible GlyphLessFont layer.

The expected lines are printed to stdout; the tests in tests/read.rs state them.
"""

import os
import subprocess
import sys
import tempfile

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures")
FONT = "STSong-Light"

HEADLINE = "老旧小区换新颜　居民生活更舒心"
LEFT = [
    "本报讯　今年以来，我市持续推进老旧小区改造，街道两旁的树木修剪得整整齐齐，楼道里的杂物也清理一空。",
    "在改造过程中，社区坚持人人参与、共建共享，先后召开居民议事会十余次，收集意见建议两百多条。",
    "8月26日，社区志愿者向居民普及“创文”知识。",
    "据统计，全市今年共整改问题88项，涉及道路、绿化、照明等多个方面……",
]
RIGHT = [
    "“过去下雨天出门都要绕着走，现在路面平整了，晚上灯也亮了。”家住三号楼的李阿姨说。",
    "市住建局有关负责人表示，下一步将继续加大投入，让更多居民享受到改造带来的实惠。",
]
# The line of LEFT drawn twice (fake bold): its index in LEFT.
BOLD_PARAGRAPH = 2

PAGE2_HEADLINE = "基本规定要落实"
PAGE2_BYLINE = "本报记者　王小明"
PAGE2_BODY = [
    "市政府日前印发通知，要求各部门严格执行基本规定，切实做好服务群众各项工作。",
    "通知指出，各单位要明确责任分工，确保各项措施落到实处。",
]
PAGE2_CAPTION = "图为社区工作人员走访居民。"


def wrap(text, size, width, indent):
    """Breaks a paragraph into lines that fit `width`, the first indented."""
    lines, line, avail = [], "", width - indent
    for ch in text:
        # Closing punctuation never starts a line: it hangs past the margin instead.
        if line and ch not in "，。、；：？！”）》" and pdfmetrics.stringWidth(line + ch, FONT, size) > avail:
            lines.append(line)
            line, avail = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def column(c, paragraphs, x, y, width, size, leading, bold=None):
    """Sets paragraphs in a column from baseline y down; returns the lines as drawn."""
    drawn = []
    for k, p in enumerate(paragraphs):
        for i, line in enumerate(wrap(p, size, width, 2 * size)):
            lx = x + (2 * size if i == 0 else 0)
            c.setFont(FONT, size)
            c.drawString(lx, y, line)
            if bold == k:
                # Fake bold as layout programs write it: the run again, a hair to the right.
                c.drawString(lx + 0.25, y, line)
            drawn.append(line)
            y -= leading
    return drawn


def news(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    w, h = A4
    c.setFont(FONT, 22)
    c.drawCentredString(w / 2, h - 80, HEADLINE)
    gutter, margin = 24, 50
    colw = (w - 2 * margin - gutter) / 2
    left = column(c, LEFT, margin, h - 130, colw, 10.5, 17, bold=BOLD_PARAGRAPH)
    right = column(c, RIGHT, margin + colw + gutter, h - 130, colw, 10.5, 17)
    c.showPage()

    # Page 2: the headline drawn glyph by glyph, each glyph twice.
    size, x, y = 18, margin, h - 80
    c.setFont(FONT, size)
    for ch in PAGE2_HEADLINE:
        c.drawString(x, y, ch)
        c.drawString(x + 0.4, y - 0.1, ch)
        x += pdfmetrics.stringWidth(ch, FONT, size)
    c.setFont(FONT, 9)
    c.drawString(margin, h - 105, PAGE2_BYLINE)
    body = column(c, PAGE2_BODY, margin, h - 135, w - 2 * margin, 10.5, 17)
    c.setFillGray(0.8)
    c.rect(margin, h - 400, 200, 150, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(FONT, 9)
    c.drawString(margin, h - 415, PAGE2_CAPTION)
    c.drawString(margin + 0.3, h - 415, PAGE2_CAPTION)
    c.showPage()
    c.save()
    return [HEADLINE] + left + right, [PAGE2_HEADLINE, PAGE2_BYLINE] + body + [PAGE2_CAPTION]


def encrypted(path, user):
    """One line of text in a PDF encrypted with `user` as the user password."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = StandardEncryption(user, ownerPassword="owner", strength=128)
    c = canvas.Canvas(path, pagesize=A4, encrypt=enc, invariant=1)
    c.setFont(FONT, 12)
    c.drawString(50, 780, "加密文件里的一行字。")
    c.showPage()
    c.save()


def scan(news_path, path, tmp):
    """Page 1 of news.pdf as a 1-bit bitmap in a PDF with no text."""
    from PIL import Image

    prefix = os.path.join(tmp, "scan")
    subprocess.run(["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-gray", "-png", news_path, prefix], check=True)
    png = [f for f in os.listdir(tmp) if f.startswith("scan")][0]
    bw = os.path.join(tmp, "scan-bw.png")
    Image.open(os.path.join(tmp, png)).convert("1").save(bw, optimize=True)
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.drawImage(bw, 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()


def tesseract(news_path, path, tmp):
    """Tesseract's searchable PDF of page 1 at 150 dpi, its text layer only."""
    prefix = os.path.join(tmp, "page")
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-gray", "-png", news_path, prefix], check=True)
    png = [f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png")][0]
    out = os.path.splitext(path)[0]
    subprocess.run(
        ["tesseract", os.path.join(tmp, png), out, "-l", "chi_sim", "-c", "textonly_pdf=1", "pdf"],
        check=True,
        stderr=subprocess.DEVNULL,
    )


def main():
    os.makedirs(OUT, exist_ok=True)
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    news_path = os.path.join(OUT, "news.pdf")
    p1, p2 = news(news_path)
    for n, lines in ((1, p1), (2, p2)):
        print(f"news.pdf page {n}:")
        for line in lines:
            print("   ", line)
    encrypted(os.path.join(OUT, "locked.pdf"), "secret")
    encrypted(os.path.join(OUT, "open.pdf"), "")
    with tempfile.TemporaryDirectory() as tmp:
        scan(news_path, os.path.join(OUT, "scan.pdf"), tmp)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            tesseract(news_path, os.path.join(OUT, "tesseract.pdf"), tmp)
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"tesseract.pdf not written: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
