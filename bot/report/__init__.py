"""What the secretariat reads: the content-gap report (data, text and HTML renderings) and feedback.
May import the foundation and state; never answer, tips or ingest."""
