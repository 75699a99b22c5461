"""Every fixed message the code asks for exists in both languages, and a traditional-script view
converts the Chinese ones (labels in a traditional answer are traditional)."""

from __future__ import annotations

import re

from bot.foundation.config import REPO_ROOT
from bot.foundation.messages import Messages

_KEY = re.compile(r"""(?:messages|\.messages)\.get(?:_list)?\(\s*["']([a-z_]+)["']""")
_ERROR_KEY = re.compile(r"""UserInputError\(\s*["']([a-z_]+)["']""")
_MESSAGE_KEY = re.compile(r"""message_answer\([^,]+,\s*["']([a-z_]+)["']""")
_HINT = re.compile(r"""more_hint(?::\s*str\s*\|\s*None)?\s*=\s*["']([a-z_]+)["']""")


def _keys_in_code() -> set[str]:
    keys: set[str] = set()
    for path in list((REPO_ROOT / "bot").rglob("*.py")) + list((REPO_ROOT / "adapters").rglob("*.py")):
        text = path.read_text("utf-8")
        for pattern in (_KEY, _ERROR_KEY, _MESSAGE_KEY, _HINT):
            keys |= set(pattern.findall(text))
    return keys


def test_every_message_the_code_uses_exists_in_both_languages() -> None:
    messages = Messages.load()
    used = _keys_in_code()
    assert {"show_usage", "number_usage", "nothing_more", "console_quit", "full_text_button"} <= used
    for key in sorted(used):
        assert messages.get_list(key, "en") and messages.get_list(key, "zh"), key


def test_traditional_view_converts_chinese_only() -> None:
    messages = Messages.load()
    hant = messages.for_script("hant")
    assert hant.get("source_label", "zh") == "出處" and hant.get("more_button", "zh") == "更多結果"
    assert hant.get("source_label", "en") == "Source"
    assert messages.for_script("hans").get("source_label", "zh") == "出处"
    assert hant.for_script("hans").get("source_label", "zh") == "出处"
