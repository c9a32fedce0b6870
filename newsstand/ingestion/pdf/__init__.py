"""A PDF edition read without a database: its pages rendered to WebP (rendering.py), and its text layer turned
into stories: headline, standfirst, byline, section, paragraphs, pages, captions. Ingestion stores what this returns.

The method of finding stories, page by page:
1. lines with their style (size, weight, slant, font); the body style is the edition's most common one (lines.py);
2. page furniture left out: running heads and folios in the top and bottom bands (their words give the section),
   and boxed advertisements (layout.py);
3. reading order by recursive cuts: a vertical cut at a column gutter no line crosses, else a horizontal cut at
   the gap next to a line that spans columns (a headline), so that text under a spanning headline is read after
   everything above it, column by column (layout.py);
4. the ordered lines become stories: each headline (text clearly larger than the body) starts one; what comes
   before the first headline of a page continues the last story of the page before (text flowing on);
   "Continued on page N" / "Continued from page M" lines join a story's parts across pages (stories.py);
5. within a story: standfirst (larger or slanted text right under the headline), byline ("By", "Av", "Von",
   "Par" …), captions (small text by a picture), pull quotes (larger text amid the body, repeating it) and
   crossheads (stories.py); paragraphs from indents and gaps, with line-end hyphens undone where the word exists
   whole (paragraphs.py); where each story sits on its pages (regions.py).
Also the words a page prints with their boxes, for marking a reader's search on the page image (words.py).
"""

from newsstand.ingestion.pdf.rendering import (
    RenderedPage,
    UnreadablePdfError,
    page_size_check,
    pdf_open,
    pdf_pages_render,
)
from newsstand.ingestion.pdf.stories import (
    EXTRACTOR_VERSION,
    ExtractedImage,
    ExtractedStory,
    headline_key,
    stories_extract,
)
from newsstand.ingestion.pdf.words import PageWord, pdf_page_words

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedImage",
    "ExtractedStory",
    "PageWord",
    "RenderedPage",
    "UnreadablePdfError",
    "headline_key",
    "page_size_check",
    "pdf_open",
    "pdf_page_words",
    "pdf_pages_render",
    "stories_extract",
]
