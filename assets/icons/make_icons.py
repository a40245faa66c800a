#!/usr/bin/env python3
"""Draws jiaodui's icon: 校 in a few straight strokes on a proofreader's red seal.

The strokes are our own (no font outline is used), so the SVG and the PNG are made
from the same list and agree. Run from anywhere: writes jiaodui.svg and
jiaodui-256.png beside this script (the PNG needs Pillow).
"""

from pathlib import Path

SIZE = 256
STROKE = 18
RED = (196, 30, 36)
WHITE = (255, 255, 255)

# 校 = 木 (left) + 交 (right); each stroke a polyline of (x, y) on a 256 grid.
STROKES = [
    # 木
    [(38, 98), (114, 98)],
    [(76, 50), (76, 214)],
    [(74, 110), (36, 176)],
    [(82, 118), (108, 150)],
    # 交
    [(172, 46), (182, 70)],
    [(126, 84), (224, 84)],
    [(152, 102), (134, 128)],
    [(196, 102), (216, 128)],
    [(142, 138), (216, 214)],
    [(210, 138), (130, 214)],
]


def svg() -> str:
    lines = "\n".join(
        '  <polyline points="{}"/>'.format(" ".join(f"{x},{y}" for x, y in s))
        for s in STROKES
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">
  <title>jiaodui 校对</title>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="rgb{RED}"/>
  <g fill="none" stroke="white" stroke-width="{STROKE}" stroke-linecap="round" stroke-linejoin="round">
{lines}
  </g>
</svg>
"""


def png(path: Path) -> None:
    from PIL import Image, ImageDraw

    scale = 4  # drawn large, then reduced: smooth edges without an antialiasing pass
    img = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle(
        [8 * scale, 8 * scale, 248 * scale, 248 * scale], radius=44 * scale, fill=RED
    )
    w = STROKE * scale
    for s in STROKES:
        pts = [(x * scale, y * scale) for x, y in s]
        d.line(pts, fill=WHITE, width=w)
        for x, y in pts:  # round caps
            d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=WHITE)
    img.resize((SIZE, SIZE), Image.LANCZOS).save(path, optimize=True)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    (here / "jiaodui.svg").write_text(svg(), encoding="utf-8")
    png(here / "jiaodui-256.png")
