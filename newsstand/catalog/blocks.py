"""A story's body: an ordered list of blocks, stored as JSON.

{"type": "paragraph", "text": "…"}
{"type": "heading", "text": "…"}
{"type": "quote", "text": "…", "attribution": "…"}      a pull quote: repeats the body, so not counted
{"type": "image", "image": 0}                            StoryImage.position; caption and credit live there
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Block = dict[str, Any]

TEXT_BLOCKS = {"paragraph", "heading", "quote"}
BLOCK_TYPES = TEXT_BLOCKS | {"image"}


def blocks_validate(body: Any) -> None:
    """Raise ValidationError unless `body` is a list of well-formed blocks."""
    if not isinstance(body, list):
        raise ValidationError(_("The body must be a list of blocks."))
    for index, block in enumerate(body, start=1):
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            raise ValidationError(
                _("Block %(n)d: the type must be one of %(types)s."),
                params={"n": index, "types": ", ".join(sorted(BLOCK_TYPES))},
            )
        if kind in TEXT_BLOCKS and not (isinstance(block.get("text"), str) and block["text"].strip()):
            raise ValidationError(_("Block %(n)d: a %(type)s needs some text."), params={"n": index, "type": kind})
        if kind == "image" and not isinstance(block.get("image"), int):
            raise ValidationError(_("Block %(n)d: an image block names its image by number."), params={"n": index})


def blocks_word_count(body: Iterable[Block]) -> int:
    """Words a reader reads: paragraphs and crossheads; pull quotes repeat the body and are not counted twice."""
    return sum(len(block["text"].split()) for block in body if block.get("type") in {"paragraph", "heading"})


def blocks_plain_text(body: Iterable[Block]) -> str:
    return "\n\n".join(block["text"] for block in body if block.get("type") in {"paragraph", "heading"})
