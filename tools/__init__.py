"""Developer tools beside the product: scripts (`screenshots.py`) and the PDF test corpus (`pdf_corpus`)."""
