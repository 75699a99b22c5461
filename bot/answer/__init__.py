"""Turning a question into an `Answer`: corpus, retrieval, the decision to answer, the lead, sources and
full text, evaluation, and conversations (follow-ups understood from the last answer's topic, kept in
the state). May import the foundation, knowledge, ingest (the document registry), state (the
conversations table only) and index; never tips or report."""
