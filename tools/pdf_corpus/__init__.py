"""Test editions with exact ground truth, and the scoring of a story extractor against them.

`generate.corpus_generate` lays out editions (`layouts`), fills them with seeded text (`content`), renders each
with one of two PDF producers (`producers`) and writes the truth beside the PDF (`ground_truth`); `scoring`
compares an extractor's stories with the truth. `bench/ingest.py` and `tests/test_corpus.py` use them.
"""
