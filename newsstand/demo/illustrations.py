"""Abstract illustrations for the demo catalog, drawn from a motif word: the demo ships no photographs."""

from __future__ import annotations

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

# (sky top, sky bottom, three layers from far to near, sun) per motif; unknown motifs fall back to "field".
PALETTES: dict[str, tuple[str, ...]] = {
    "harbour": ("#9cc3d9", "#e8eef0", "#6f8fa3", "#3e5c70", "#1f3444", "#f5d48a"),
    "sea": ("#7fb2d1", "#dcebf2", "#4f86a8", "#2d6386", "#163e5b", "#fff1c1"),
    "mountain": ("#a9c1dc", "#eef2f6", "#8e9bb0", "#5d6a80", "#2f3a4c", "#ffffff"),
    "snow": ("#c9d6e3", "#f7f9fb", "#dfe6ee", "#b7c4d3", "#8394a8", "#fefefe"),
    "forest": ("#b7d3c0", "#eef4ea", "#6f9a78", "#3f6b4a", "#1f3d29", "#f3e9b5"),
    "field": ("#f2d7a4", "#fbf1dc", "#d9b36c", "#b58a3f", "#7a5a24", "#f08a4b"),
    "river": ("#a8cbd6", "#eef5f3", "#7fa88f", "#4f8a7a", "#2b5a57", "#f6e3a1"),
    "city": ("#f0c9a8", "#f8ece0", "#a88b80", "#6e5a5a", "#3a2f36", "#f5a65b"),
    "street": ("#d9c3b0", "#f4ebe1", "#9a8579", "#6b5a50", "#3b312c", "#f2b36d"),
    "bridge": ("#b9c9d8", "#edf1f4", "#8fa1b3", "#5f7185", "#2f3c4d", "#f7dc9c"),
    "kitchen": ("#f4d9c6", "#fbf3ec", "#d9a27e", "#b06f4c", "#6e3d2a", "#f7c85c"),
    "garden": ("#cfe3b8", "#f4f8ec", "#97c27a", "#5e9a4c", "#2f5e2c", "#f9d65c"),
    "market": ("#f5cf9f", "#fcf2e2", "#e49b5a", "#c0623a", "#7a3322", "#f6e27a"),
    "laboratory": ("#c4d4e6", "#f1f5fa", "#8faed0", "#5b7fa8", "#2c4a70", "#b6f0e6"),
    "machine": ("#c9cdd3", "#f0f1f3", "#9aa1ab", "#66707d", "#363d47", "#f2c14e"),
    "portrait": ("#e7cfc4", "#f9f0eb", "#c79d8e", "#9a6b5d", "#5a3a32", "#f2d0a9"),
    "crowd": ("#e3c7d8", "#f8eef4", "#b88aa6", "#8a5a7a", "#4e2f47", "#f7c6a0"),
    "stage": ("#2c2340", "#5b3d6e", "#7d4f8c", "#a4508b", "#2a1733", "#f6d365"),
    "gallery": ("#ececec", "#fafafa", "#cfcfcf", "#a9a9a9", "#5e5e5e", "#d64545"),
    "trail": ("#c7d9b5", "#f1f5ea", "#9dbb83", "#6f915a", "#3e5a32", "#f8d98a"),
}


def _rng(*keys: str) -> random.Random:
    digest = hashlib.sha256("|".join(keys).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def illustration(motif: str, seed: str, *, width: int = 1200, height: int = 800) -> Image.Image:
    """A landscape of layered ridges under a sky and a sun, coloured and shaped by the motif, varied by the seed."""
    sky_top, sky_bottom, *layers, sun = PALETTES.get(motif, PALETTES["field"])
    rng = _rng(motif, seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = _hex(sky_top), _hex(sky_bottom)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    sun_x, sun_y, sun_r = rng.uniform(0.15, 0.85) * width, rng.uniform(0.12, 0.35) * height, height * 0.09
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=sun)
    for depth, colour in enumerate(layers):
        base = height * (0.45 + 0.17 * depth)
        amplitude = height * rng.uniform(0.04, 0.12) / (depth + 1) ** 0.3
        frequency, phase = rng.uniform(1.0, 3.5), rng.uniform(0, math.tau)
        points = [(0.0, float(height))]
        for x in range(0, width + 20, 20):
            wobble = math.sin(x / width * math.tau * frequency + phase) + 0.35 * math.sin(x / width * 23 + phase)
            points.append((float(x), base - amplitude * wobble))
        points.append((float(width), float(height)))
        draw.polygon(points, fill=colour)
        if motif in {"city", "street", "harbour", "machine", "laboratory", "bridge"} and depth == 1:
            _blocks(draw, rng, base, width, colour)
    return image.filter(ImageFilter.SMOOTH)


def _blocks(draw: ImageDraw.ImageDraw, rng: random.Random, base: float, width: int, colour: str) -> None:
    """Buildings or machines: a row of rectangles standing on the middle ridge."""
    x = rng.uniform(0, 60)
    while x < width:
        w, h = rng.uniform(30, 90), rng.uniform(40, 200)
        draw.rectangle([x, base - h, x + w, base + 40], fill=colour)
        x += w + rng.uniform(8, 40)


def _hex(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def encoded(image: Image.Image, *, format: str, quality: int = 82) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, quality=quality)
    return buffer.getvalue()
