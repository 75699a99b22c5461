"""The web chat in a real headless browser (Debian's chromium, one for the module): questions in
Chinese and English with their lead, [n] links and citations; a follow-up that needs the
conversation; Full text; 👎 found in `nfpbot report`; the same at a phone's size without
horizontal scrolling; keyboard alone; hostile questions shown as text; the widget on another
site. Screenshots of desktop and phone go to var/screenshots/web (NFPBOT_SCREENSHOTS)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from browser_support import SCREENSHOTS, chromium_path, launch_args
from click.testing import CliRunner
from playwright.sync_api import sync_playwright  # in the test extra: never skipped
from web_support import base_url, serving, web_runtime

from adapters.asgi_serving import Timeouts
from adapters.cli.main import cli
from bot.answer.engine import Engine
from bot.command_parsing import Context
from bot.foundation.config import Settings
from bot.runtime import STATE_FILE, Runtime

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
ZH_QUESTION = "国家联络人如何合作编写国家报告？"
EN_QUESTION = "How did Uganda manage its biodiversity data?"


class HostSite(ThreadingHTTPServer):
    """A secretariat's site on loopback that embeds the widget (`script_src` set later)."""

    script_src = ""


class _HostPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        body = (f'<!doctype html><title>Secretariat</title><h1>CBD</h1><script src="'
                f'{self.server.script_src}" data-lang="zh"></script>').encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def host_site() -> Iterator[HostSite]:
    site = HostSite(("127.0.0.1", 0), _HostPage)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    yield site
    site.shutdown()
    site.server_close()


@pytest.fixture(scope="module")
def web(settings: Settings, engine: Engine, host_site: HostSite) -> Iterator[tuple[str, Runtime]]:
    """The chat on the session's data dir (its state is the one `nfpbot report` reads); the host
    site may embed it as http://localhost:PORT, not as http://127.0.0.1:PORT (another origin)."""
    allowed = f"http://localhost:{host_site.server_address[1]}"
    runtime = web_runtime(settings, engine, settings.data_dir / STATE_FILE,
                          allowed_origins=[allowed], requests_per_minute=1000)
    with serving(runtime, timeouts=Timeouts(idle=120)) as server:
        host_site.script_src = base_url(server) + "/widget.js"
        yield base_url(server), runtime


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=path, args=launch_args())
        yield launched
        launched.close()


@pytest.fixture()
def desktop(browser: Any, web: tuple[str, Runtime]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.dialogs = []   # every alert() a test page ran
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(web[0] + "/")
    yield page
    context.close()


def ask(page: Any, text: str) -> Any:
    """Type a question, press Enter, return the new answer's element."""
    before = page.locator("article.msg.bot").count()
    page.fill("#question", text)
    page.press("#question", "Enter")
    page.locator("article.msg.bot").nth(before).wait_for(timeout=30_000)
    return page.locator("article.msg.bot").nth(before)


def check_answer(answer: Any) -> None:
    """A lead whose [n] link to citations of this answer, each with a title and a source."""
    links = answer.locator(".lead a")
    assert links.count() >= 1, answer.inner_text()
    target = links.first.get_attribute("href")
    assert answer.locator(f"li{target}").count() == 1
    cites = answer.locator("li.cite")
    assert cites.count() >= 1
    assert cites.first.locator("h3").inner_text().strip()
    assert cites.first.locator(".source").inner_text().strip()


def report_json(settings: Settings) -> dict:
    result = CliRunner().invoke(cli, ["report", "--format", "json"],
                                env={"NFPBOT_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_desktop_chat(desktop: Any, web: tuple[str, Runtime], settings: Settings) -> None:
    page, runtime = desktop, web[1]
    assert page.locator("#send").inner_text() == "Send"   # English from Accept-Language
    chinese = ask(page, ZH_QUESTION)
    check_answer(chinese)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.locator(".lead").inner_text())
    english = ask(page, EN_QUESTION)
    check_answer(english)
    english.locator(".lead a").first.click()   # the [n] link leads to its citation
    assert page.evaluate("location.hash").startswith("#a")

    english.locator("li.cite button").first.click()   # Full text: the text of `show ID`
    page.locator("#full[open]").wait_for()
    item = english.locator("li.cite .id").first.inner_text()
    shown = runtime.commands.handle(Context(platform="web", lang="en"), f"show {item}")
    assert page.locator("#full-body .full-text").first.inner_text() == shown.citations[0].snippet
    page.screenshot(path=str(SCREENSHOTS / "desktop-full-text.png"))
    page.keyboard.press("Escape")
    page.locator("#full[open]").wait_for(state="detached")

    english.locator(".actions button", has_text="Not helpful").click()
    english.locator(".thanks", has_text="Thank you").wait_for()
    downvoted = [row["question"] for row in report_json(settings)["downvoted"]]
    assert EN_QUESTION in downvoted
    page.screenshot(path=str(SCREENSHOTS / "desktop.png"), full_page=True)


def test_follow_up_uses_the_conversation(desktop: Any) -> None:
    page = desktop
    first = ask(page, "How did Bhutan revise its NBSAP?")
    check_answer(first)
    follow = ask(page, "who was on the team?")
    assert follow.locator(".resolved").count() == 1, follow.inner_text()
    assert "Bhutan" in follow.locator(".resolved").inner_text()
    check_answer(follow)
    page.click("#new-conversation")
    assert page.locator("article.msg.bot").count() == 0


def test_a_decline_offers_related_items_that_open(desktop: Any) -> None:
    """A declined question shows the items found near it as buttons; one opens the item."""
    page = desktop
    declined = ask(page, "What is Mexico's CITES export quota for this year?")
    assert declined.locator("li.cite").count() == 0
    near = declined.locator("ul.suggestions button")
    assert near.count() >= 1 and "CITES" in declined.inner_text()
    title = near.first.inner_text()
    before = page.locator("article.msg.bot").count()
    near.first.click()
    shown = page.locator("article.msg.bot").nth(before)
    shown.wait_for(timeout=30_000)
    assert shown.locator("li.cite h3").first.inner_text().strip().endswith(title)


def test_commands_buttons_and_language_switch(desktop: Any) -> None:
    page = desktop
    page.locator("#commands button", has_text="Themes").click()
    themes = page.locator("article.msg.bot").first
    themes.wait_for()
    assert themes.locator("li.cite").count() == 6
    page.select_option("#ui-lang", "zh-Hant")
    assert page.locator("#send").inner_text() == "發送"
    traditional = ask(page, "國家聯絡人如何合作編寫國家報告？")
    assert "国家" not in traditional.inner_text()   # traditional in, traditional out


def test_phone_the_same_without_horizontal_scroll(browser: Any, web: tuple[str, Runtime],
                                                   settings: Settings) -> None:
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    page.goto(web[0] + "/")
    assert page.locator("#send").inner_text() == "发送"
    check_answer(ask(page, ZH_QUESTION))
    answer = ask(page, "How did Bhutan revise its NBSAP?")
    check_answer(answer)
    follow = ask(page, "who was on the team?")
    assert "Bhutan" in follow.locator(".resolved").inner_text()
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{wide}px of horizontal scrolling"
    answer.locator("li.cite button").first.tap()   # Full text
    page.locator("#full[open]").wait_for()
    assert page.locator("#full-body .full-text").first.inner_text().strip()
    assert page.evaluate("document.querySelector('#full').scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / "phone-full-text.png"))
    page.locator("#full-close").tap()
    answer.locator(".actions button").last.tap()   # 👎
    answer.locator(".thanks").wait_for()
    downvoted = [row["question"] for row in report_json(settings)["downvoted"]]
    assert "How did Bhutan revise its NBSAP?" in downvoted
    follow.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "phone.png"))   # what the phone shows
    context.close()


def test_keyboard_alone(desktop: Any) -> None:
    page = desktop
    for _ in range(12):   # Tab through the page until the question box has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "question":
            break
    assert page.evaluate("document.activeElement.id") == "question"
    page.keyboard.type(EN_QUESTION)
    page.keyboard.press("Enter")
    answer = page.locator("article.msg.bot").first
    answer.wait_for()
    assert page.evaluate("document.activeElement.id") == "question"   # ready for the next one
    full = answer.locator("li.cite button").first
    full.focus()
    page.keyboard.press("Enter")
    page.locator("#full[open]").wait_for()
    assert page.evaluate("document.activeElement.id") == "full-close"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent") == full.inner_text()
    assert page.locator("#question").get_attribute("id") == page.locator(
        "label[for=question]").get_attribute("for")


def test_hostile_questions_are_text(desktop: Any) -> None:
    page = desktop
    hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script> "\'&amp;'
    answer = ask(page, hostile)
    user = page.locator(".msg.user .text").last
    assert user.inner_text() == hostile
    assert page.locator("#log img, #log script").count() == 0
    answer.wait_for()
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_widget_on_another_site(browser: Any, web: tuple[str, Runtime],
                               host_site: HostSite) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"http://localhost:{host_site.server_address[1]}/")
    page.click("button[data-nfpbot=open]")
    frame = page.frame_locator("iframe[data-nfpbot=frame]")
    frame.locator("#send").wait_for()
    assert frame.locator("#send").inner_text() == "发送"   # data-lang="zh"
    frame.locator("#question").fill(EN_QUESTION)
    frame.locator("#question").press("Enter")
    frame.locator("article.msg.bot li.cite").first.wait_for(timeout=30_000)
    page.screenshot(path=str(SCREENSHOTS / "widget.png"))
    context.close()


def test_the_widget_is_refused_on_a_site_not_allowed(browser: Any, web: tuple[str, Runtime],
                                                     host_site: HostSite) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{host_site.server_address[1]}/")   # not an allowed origin
    page.click("button[data-nfpbot=open]")
    page.wait_for_timeout(1500)
    chat = page.frame_locator("iframe[data-nfpbot=frame]")
    assert chat.locator("#send").count() == 0   # the browser refused to show the chat
    context.close()


@pytest.fixture(scope="module", autouse=True)
def screenshots_folder() -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
