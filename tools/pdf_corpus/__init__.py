"""Test editions with exact ground truth, and the scoring of a story extractor against them.

`generate.corpus_generate` plans editions (`planning`, on the model in `layouts`), fills them with seeded text
(`content`, from the word lists in `vocabularies/` that `vocabulary` reads), renders each with one of two PDF
producers (`producers`, drawing `markup`) and writes the truth beside the PDF (`ground_truth`); `scoring`
compares an extractor's stories with the truth. `bench/ingest.py`, `tests/test_corpus.py` and the extractor's
tests (`newsstand/ingestion/tests/test_extraction.py`) use them. Test tooling, not product: scipy is a dev-only
dependency.
"""
