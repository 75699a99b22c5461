"""The error types of the core. Adapters catch `BotError` at their edge; nothing else is expected."""


class BotError(Exception):
    """Base of every expected error of the core."""


class ConfigError(BotError):
    """A setting is missing or invalid; the message names the key, the file and the fix."""


class KnowledgeError(BotError):
    """The knowledge base is invalid; the message lists file:line problems and their fixes."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("knowledge base is invalid:\n  " + "\n  ".join(problems))


class UserInputError(BotError):
    """The user's input cannot be used; `key` names a bilingual message in config/messages.yaml."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


class StateError(BotError):
    """The state store (SQLite file, PostgreSQL server, data directory, hash key) cannot be used;
    the message says what, where and how to fix it."""
