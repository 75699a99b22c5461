"""The foundation every wing may use: configuration, data directory, errors, YAML loading, logging and
redaction, health and metrics, bilingual messages, and the shared `Answer` model. May import no other wing."""
