"""The PDF producers that draw a test edition's layout: PyMuPDF's Story API and Chromium's print to PDF.

Two producers with different habits (fonts, ligature glyphs, soft hyphens left in the text layer or not, the
order in which text reaches the content stream) keep an extractor from being tuned to one of them.
"""

PRODUCERS = ("pymupdf-story", "chromium")
