"""Fixtures of the adapter tests, found by pytest here so that test modules use them without
importing them (an imported fixture shadowed by a same-named parameter is ruff's F811).
They are defined beside the helpers they use, in the *_support modules."""

from process_support import data_dir_copy
from slack_support import app, fake, served, slack_runtime
from telegram_support import tg_fake, tg_runtime, tg_server
from tips_support import runtime

__all__ = ["app", "data_dir_copy", "fake", "runtime", "served", "slack_runtime", "tg_fake",
           "tg_runtime", "tg_server"]
