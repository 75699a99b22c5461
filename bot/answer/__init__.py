"""Turning a question into an `Answer`: corpus, retrieval, the decision to answer, the lead, sources and
full text, evaluation. May import the foundation, knowledge, ingest (the document registry) and index;
never tips, report or state."""
