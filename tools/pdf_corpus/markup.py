"""What both producers draw: a layout's blocks as HTML, the stylesheet that gives them their look, and the
deterministic pictures."""

from __future__ import annotations

import html
import io
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from tools.pdf_corpus.content import SOFT_HYPHEN_MARK
from tools.pdf_corpus.layouts import LINE, Block, EditionLayout

# --- pictures ----------------------------------------------------------------------------------------------------


def picture_jpeg(seed: int, aspect: float) -> bytes:
    """A small, deterministic "photograph": a sky gradient, a horizon and a few shapes."""
    rng = random.Random(seed)  # noqa: S311 - test pictures, not secrets
    width = 480
    height = max(120, round(width * aspect))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = [rng.randrange(40, 220) for _ in range(3)], [rng.randrange(20, 160) for _ in range(3)]
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    horizon = rng.randrange(height // 3, 2 * height // 3)
    draw.rectangle([0, horizon, width, height], fill=tuple(rng.randrange(20, 120) for _ in range(3)))
    for _ in range(rng.randint(3, 7)):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(10, 60)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


# --- the markup both producers draw -------------------------------------------------------------------------------


def _marked(text: str) -> str:
    return html.escape(text, quote=True).replace(SOFT_HYPHEN_MARK, "&shy;")


def blocks_html(blocks: list[Block], picture_source: Callable[[Block], str]) -> str:
    """The HTML of a list of blocks; the stylesheet (`stylesheet`) gives each class its look."""
    parts = []
    for block in blocks:
        if block.kind == "picture":
            parts.append(f'<img class="picture" src="{picture_source(block)}" width="100%"/>')
        elif block.kind == "headline":
            parts.append(f'<h1 class="headline" style="font-size:{block.size:.1f}pt">{_marked(block.text)}</h1>')
        elif block.kind in ("mh_title", "cv_title"):
            parts.append(f'<h1 class="{block.kind}" style="font-size:{block.size:.1f}pt">{_marked(block.text)}</h1>')
        elif block.size:
            parts.append(f'<p class="{block.kind}" style="font-size:{block.size:.1f}pt">{_marked(block.text)}</p>')
        elif block.kind == "crosshead":
            parts.append(f'<h3 class="crosshead">{_marked(block.text)}</h3>')
        else:
            parts.append(f'<p class="{block.kind}">{_marked(block.text)}</p>')
    return "".join(parts)


def stylesheet(layout: EditionLayout, *, serif: str, sans: str) -> str:
    """The look of every block, in the CSS subset that both MuPDF's Story and Chromium understand."""
    b = layout.body_size
    body_face = serif if layout.serif_body else sans
    head_face = sans if layout.serif_body else serif
    align = "justify" if layout.justify else "left"
    return f"""
body {{ margin: 0; padding: 0; }}
p, h1, h3 {{ margin: 0; padding: 0; }}
.paragraph {{ font-family: {body_face}; font-size: {b}pt; line-height: {LINE}; margin-bottom: {0.4 * b:.2f}pt;
  text-align: {align}; }}
.headline {{ font-family: {head_face}; font-weight: bold; line-height: 1.1; margin-bottom: 4pt; }}
.standfirst {{ font-family: {body_face}; font-style: italic; font-size: {1.2 * b:.2f}pt; line-height: {LINE};
  margin-bottom: {0.5 * b:.2f}pt; }}
.byline {{ font-family: {sans}; font-weight: bold; font-size: {0.85 * b:.2f}pt; line-height: {LINE};
  margin-bottom: {0.6 * b:.2f}pt; }}
.crosshead {{ font-family: {head_face}; font-weight: bold; font-size: {1.1 * b:.2f}pt; line-height: {LINE};
  margin-top: {0.5 * b:.2f}pt; margin-bottom: {0.3 * b:.2f}pt; }}
.pullquote {{ font-family: {serif}; font-style: italic; font-size: {1.5 * b:.2f}pt; line-height: 1.2;
  margin-top: {0.8 * b:.2f}pt; margin-bottom: {0.8 * b:.2f}pt; color: #8a1c1c; }}
.picture {{ margin-bottom: {0.3 * b:.2f}pt; }}
.caption {{ font-family: {sans}; font-size: {0.8 * b:.2f}pt; line-height: 1.2; margin-bottom: {0.8 * b:.2f}pt;
  color: #444444; }}
.jump_to {{ font-family: {sans}; font-style: italic; font-size: {0.9 * b:.2f}pt; line-height: {LINE};
  text-align: right; margin-top: {0.5 * b:.2f}pt; }}
.jump_head {{ font-family: {head_face}; font-weight: bold; font-size: {1.6 * b:.2f}pt; line-height: 1.1;
  margin-bottom: {0.3 * b:.2f}pt; }}
.jump_from {{ font-family: {sans}; font-style: italic; font-size: {0.9 * b:.2f}pt; line-height: {LINE};
  margin-bottom: {0.5 * b:.2f}pt; }}
.sidebar_title {{ font-family: {sans}; font-weight: bold; font-size: {1.2 * b:.2f}pt; line-height: 1.15;
  margin-bottom: {0.5 * b:.2f}pt; }}
.sidebar_item {{ font-family: {sans}; font-size: {b}pt; line-height: {LINE}; margin-bottom: {0.4 * b:.2f}pt; }}
.ad_brand {{ font-family: {head_face}; font-weight: bold; font-size: {2.6 * b:.2f}pt; line-height: 1.1;
  text-align: center; margin-bottom: {0.6 * b:.2f}pt; }}
.ad_slogan {{ font-family: {serif}; font-style: italic; font-size: {1.6 * b:.2f}pt; line-height: 1.2;
  text-align: center; margin-bottom: {0.6 * b:.2f}pt; }}
.ad_offer {{ font-family: {sans}; font-weight: bold; font-size: {1.9 * b:.2f}pt; line-height: 1.2;
  text-align: center; margin-bottom: {0.6 * b:.2f}pt; color: #b3261e; }}
.ad_contact {{ font-family: {sans}; font-size: {b}pt; line-height: 1.2; text-align: center; }}
.mh_title {{ font-family: {serif}; font-weight: bold; line-height: 1.0; text-align: center; margin-bottom: 4pt; }}
.mh_date {{ font-family: {sans}; font-size: {b}pt; line-height: 1.2; text-align: center; }}
.cv_title {{ font-family: {head_face}; font-weight: bold; line-height: 1.0; margin-bottom: 6pt; }}
.cv_date {{ font-family: {sans}; font-size: {1.2 * b:.2f}pt; line-height: 1.2; margin-bottom: 10pt; }}
.cv_line {{ font-family: {head_face}; font-weight: bold; font-size: {2.0 * b:.2f}pt; line-height: 1.15;
  margin-top: 8pt; }}
.ct_title {{ font-family: {head_face}; font-weight: bold; font-size: {3.0 * b:.2f}pt; line-height: 1.1;
  margin-bottom: 14pt; }}
.ct_entry {{ font-family: {body_face}; font-size: {1.2 * b:.2f}pt; line-height: {LINE}; margin-bottom: 6pt; }}
"""
