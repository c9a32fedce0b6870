"""Every piece of text a reader sees in our templates goes through gettext: a literal left in a template fails."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(
    path
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*")
    if path.suffix in {".html", ".txt"} and path.name != "500.html"  # 500 renders without the app: plain English
)

# Text that is the same in every language: symbols (A− and A+ are the text-size buttons; their labels are
# translated), format names.
UNTRANSLATABLE = {
    "·",
    "‹",
    "›",
    "A−",
    "A+",
    "ISSN",
    "PDF",
    "(RSS)",
    "(Atom)",
    "/",
    "+",
    ",",
    ":",
    ".",
    "–",
    "—",
    "(",
    ")",
}

TRANSLATION_BLOCKS = re.compile(r"{%\s*blocktranslate.*?%}.*?{%\s*endblocktranslate\s*%}", re.S)
CLASS_BLOCKS = re.compile(r"{%\s*block \w+_class\s*%}.*?{%\s*endblock\s*%}", re.S)  # CSS class names, not text
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
HIDDEN_ELEMENTS = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TEXT_ATTRIBUTES = re.compile(r'\b(alt|title|placeholder|aria-label)="([^"]*)"')
TAGS = re.compile(r"<[^>]+>")


def visible_literals(source: str) -> list[str]:
    source = CLASS_BLOCKS.sub(" ", TRANSLATION_BLOCKS.sub(" ", source))
    attributes = [value for _, value in TEXT_ATTRIBUTES.findall(source)]
    source = HIDDEN_ELEMENTS.sub(" ", source)
    text = TAGS.sub(" ", TEMPLATE_SYNTAX.sub(" ", source))
    pieces = [TEMPLATE_SYNTAX.sub(" ", value) for value in attributes] + [text]
    words = [word for piece in pieces for word in piece.split()]
    return [word for word in words if word not in UNTRANSLATABLE and re.search(r"[^\W\d_]", word)]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_no_untranslated_text_in_template(template):
    assert visible_literals(template.read_text(encoding="utf-8")) == []


def test_the_check_catches_a_literal():
    assert visible_literals('<p>{% translate "Fine" %} Forgotten words</p><img alt="A picture">') == [
        "A", "picture", "Forgotten", "words",
    ]  # fmt: skip
