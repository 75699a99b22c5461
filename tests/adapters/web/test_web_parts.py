"""The web chat's small parts on their own: the interface language from Accept-Language, the
labels in every interface language, feedback tokens, and the rate limit's refill."""

from __future__ import annotations

import pytest

from adapters.web.page import render, ui_lang, ui_strings
from adapters.web.ratelimit import RateLimiter, retry_after
from adapters.web.security import Tokens, origin_allowed
from bot.answer.engine import Engine


@pytest.mark.parametrize("requested, header, expected", [
    (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    (None, "en-GB,en;q=0.9,zh-CN;q=0.8", "en"),
    (None, "zh-TW,zh;q=0.9", "zh-Hant"),
    (None, "fr-FR, zh-HK;q=0.5, en;q=0.4", "zh-Hant"),
    (None, "en;q=0.2, zh;q=0.9", "zh"),
    (None, "fr, de;q=0.5", "en"),
    (None, "zh;q=oops, en", "en"),
    ("zh", "en", "zh"),
    ("zh-Hant", "en", "zh-Hant"),
    ("en", "zh-CN", "en"),
])
def test_interface_language(requested: str | None, header: str, expected: str) -> None:
    assert ui_lang(requested, header, "en") == expected


def test_labels_in_every_interface_language(engine: Engine) -> None:
    strings = ui_strings(engine.messages)
    assert set(strings) == {"en", "zh", "zh-Hant"}
    assert strings["zh"]["web_send"] == "发送" and strings["zh-Hant"]["web_send"] == "發送"
    assert strings["en"]["full_text_button"] == "Full text {n}"
    assert [text for text, _ in strings["zh"]["commands"]][:3] == ["主题", "案例", "经验"]
    assert all(set(table) == set(strings["en"]) for table in strings.values())


def test_the_page_escapes_what_it_prints(engine: Engine) -> None:
    html = render(engine.messages, "en", '"><script>alert(1)</script>', False).decode()
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 2   # the JSON labels (not executed) and chat.js
    assert "</script>" not in html.split('id="nfp-strings">', 1)[1].split("</script>", 1)[0]


def test_tokens_are_for_one_user_and_a_day() -> None:
    tokens = Tokens(b"k" * 32)
    token = tokens.issue("alice", now=1_000_000)
    assert tokens.valid(token, "alice", now=1_000_000 + 3600)
    assert not tokens.valid(token, "bob", now=1_000_000 + 3600)
    assert not tokens.valid(token, "alice", now=1_000_000 + 2 * 86400)
    assert not Tokens(b"x" * 32).valid(token, "alice", now=1_000_000)
    assert not tokens.valid("", "alice") and not tokens.valid("abc.def", "alice")


def test_origins() -> None:
    assert origin_allowed(None, "chat.example.org", [])
    assert origin_allowed("https://chat.example.org", "chat.example.org", [])
    assert not origin_allowed("https://evil.example", "chat.example.org", [])
    assert origin_allowed("https://www.cbd.int", "chat.example.org", ["https://www.cbd.int"])
    assert not origin_allowed("null", "chat.example.org", ["https://www.cbd.int"])


def test_rate_limit_refills_evenly() -> None:
    limiter = RateLimiter(per_minute=6, max_clients=2)
    assert [limiter.allow("a", now=0.0) for _ in range(6)] == [0.0] * 6
    wait = limiter.allow("a", now=0.0)
    assert wait == pytest.approx(10.0) and retry_after(wait) == 10
    assert limiter.allow("a", now=10.0) == 0.0   # one token back after 10 s
    assert limiter.allow("b", now=0.0) == 0.0 and limiter.allow("c", now=0.0) == 0.0
    assert "a" not in limiter._buckets   # noqa: SLF001 - the oldest client is forgotten
