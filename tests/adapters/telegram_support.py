"""Shared helpers of the Telegram adapter tests: a Telegram-HTML checker and an app runner."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser

import pytest
from fakes.telegram_api import FakeTelegram  # tests/ is on sys.path (rootdir conftest)
from telegram import Update
from telegram.ext import Application

from adapters.telegram import build_application
from bot.foundation.config import load_settings
from bot.runtime import Runtime

TOKEN = "123456:TEST-token"
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                "blockquote", "tg-spoiler", "span", "tg-emoji"}


class TelegramHtmlChecker(HTMLParser):
    """Fails on tags Telegram refuses, unbalanced tags, and <a> without a safe href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> is not allowed by Telegram"
        if tag == "a":
            href = dict(attrs).get("href") or ""
            assert href.startswith(("http://", "https://", "tg://")), href
        self.stack.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(text: str, limit: int = 4096) -> str:
    """Assert `text` is valid Telegram HTML within the limit; return its visible text."""
    assert len(text.encode("utf-16-le")) // 2 <= limit
    checker = TelegramHtmlChecker()
    checker.feed(text)
    checker.close()
    assert not checker.stack, f"unclosed tags {checker.stack}"
    assert "Traceback" not in text
    return "".join(checker.text)


def new_app(runtime: Runtime, fake: FakeTelegram, **kwargs: object) -> Application:
    return build_application(runtime, token=TOKEN, base_url=fake.base_url,
                             base_file_url=fake.file_url, **kwargs)


def with_app(runtime: Runtime, fake: FakeTelegram,
             body: Callable[[Application], Awaitable[None]], **kwargs: object) -> None:
    """Run `body(app)` inside `async with app` (initialised against the fake)."""
    async def main() -> None:
        app = new_app(runtime, fake, **kwargs)
        async with app:
            await body(app)
    asyncio.run(main())


async def feed(app: Application, update: dict) -> None:
    await app.process_update(Update.de_json(update, app.bot))


# -- fixtures (imported by the test modules: no conftest, other helpers own tests/adapters too) --

_shared: dict[str, Runtime] = {}   # one runtime for every module that imports these fixtures


@pytest.fixture(scope="session")
def tg_runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    if "runtime" not in _shared:
        data = tmp_path_factory.mktemp("telegram-data")
        # Tips off: conversation tests subscribe chats, and a scheduled tip must not join the
        # messages they count (the tips have their own tests).
        env = {"NFPBOT_DATA_DIR": str(data), "NFPBOT_TIPS__CHECK_SECONDS": "0"}
        _shared["runtime"] = Runtime.from_settings(load_settings(env=env))
    return _shared["runtime"]


@pytest.fixture(scope="session")
def tg_server() -> FakeTelegram:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture()
def tg_fake(tg_server: FakeTelegram) -> FakeTelegram:
    tg_server.reset()
    return tg_server
