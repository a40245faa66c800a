#!/usr/bin/env python3
"""Render eval/text/*.txt as narrow newspaper columns, degrade, OCR with tesseract chi_sim.

Output: eval/pages/<article>_<variant>/{truth.txt,img.png,ocr.txt}
Needs: tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk (apt), pillow (pip).
"""
import os, random, subprocess, sys
from PIL import Image, ImageDraw, ImageFont, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "eval", "text")
OUT = os.path.join(ROOT, "eval", "pages")
FONTS = {
    "serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
}
# variant: (font, px size, chars per line, blur radius, noise fraction, downscale)
VARIANTS = {
    "v1": ("serif", 22, 14, 0.8, 0.010, 0.45),
    "v2": ("sans", 20, 13, 1.0, 0.010, 0.45),
    "v3": ("serif", 18, 15, 0.7, 0.012, 0.50),
}

def render(text, font_key, size, cpl, blur, noise, scale, seed):
    path, idx = FONTS[font_key]
    font = ImageFont.truetype(path, size, index=idx if path.endswith(".ttc") else 0)
    lines = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        para = "\u3000\u3000" + para
        while para:
            lines.append(para[:cpl]); para = para[cpl:]
    lh = int(size * 1.55)
    w = size * cpl + 40
    h = lh * len(lines) + 40
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    for i, ln in enumerate(lines):
        d.text((20, 20 + i * lh), ln, font=font, fill=0)
    rnd = random.Random(seed)
    px = img.load()
    for _ in range(int(w * h * noise)):
        x, y = rnd.randrange(w), rnd.randrange(h)
        px[x, y] = 0 if rnd.random() < 0.5 else 255
    img = img.filter(ImageFilter.GaussianBlur(blur))
    img = img.resize((int(w * scale), int(h * scale)), Image.BILINEAR)
    img = img.resize((w, h), Image.BILINEAR)
    return img

def main():
    os.makedirs(OUT, exist_ok=True)
    names = sys.argv[1:] or sorted(f[:-4] for f in os.listdir(SRC) if f.endswith(".txt"))
    for n, name in enumerate(names):
        text = open(os.path.join(SRC, name + ".txt"), encoding="utf-8").read()
        for vname, (fk, size, cpl, blur, noise, scale) in VARIANTS.items():
            d = os.path.join(OUT, f"{name}_{vname}")
            os.makedirs(d, exist_ok=True)
            open(os.path.join(d, "truth.txt"), "w", encoding="utf-8").write(text)
            img = render(text, fk, size, cpl, blur, noise, scale, seed=n * 7 + len(vname))
            img.save(os.path.join(d, "img.png"))
            subprocess.run(["tesseract", os.path.join(d, "img.png"), os.path.join(d, "ocr"), "-l", "chi_sim"],
                           check=True, stderr=subprocess.DEVNULL)
            print(d, flush=True)

if __name__ == "__main__":
    main()
