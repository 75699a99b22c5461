"""The platform-neutral chat commands (help, ask, themes, theme, case, cases, lessons, conventions,
tip, subscribe, unsubscribe, lang) with their Chinese aliases. Every command returns an `Answer`, so
each adapter needs one renderer. Adapters parse platform events into a `Context` and text."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.answer.conversation import StateTopics
from bot.answer.dialogue import Dialogue
from bot.answer.engine import Engine, Filters
from bot.answer.full_text import show_answer, with_sub_points
from bot.answer.lists import Lists
from bot.command_parsing import NO_TIP_PLATFORMS, Context, parse
from bot.foundation import metrics
from bot.foundation.answers import Answer, Citation, Lang, Script
from bot.foundation.config import ConversationSettings, TipsSettings
from bot.foundation.errors import UserInputError
from bot.knowledge import CONVENTIONS, Item
from bot.report.feedback import Preferences, QueryLog
from bot.state import State
from bot.tips.rotation import start_for, tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions, parse_subscribe_args
from index import clean_text, detect_lang, has_han, is_traditional
from index.snippet import opening

_NUMBER = re.compile(r"\d+")
LANG_AUTO = frozenset({"auto", "自动", "自動"})

class Commands:
    """Runs commands and questions for every adapter."""

    def __init__(self, engine: Engine, state: State | None = None,
                 tips: TipsSettings | None = None, query_log: QueryLog | None = None,
                 conversation: ConversationSettings | None = None) -> None:
        self.engine = engine
        self.state = state
        ttl = timedelta(minutes=(conversation or ConversationSettings()).ttl_minutes)
        self.lists = Lists(engine)  # "which cases involve Ramsar?": the whole set from the tags
        # follow-ups understood from the topic of the conversation's last answer (needs a state)
        self.dialogue = Dialogue(engine, StateTopics(state, ttl), self.lists) if state else None
        self.tips_settings = tips or TipsSettings()
        self.subscriptions = Subscriptions(state) if state else None
        self.preferences = Preferences(state) if state else None
        self.query_log = query_log or (QueryLog(state) if state else None)
        self._table: dict[str, Callable[[Context, str, Lang, str], Answer]] = {
            "help": self._help, "start": self._start, "ask": self._ask, "themes": self._themes,
            "theme": self._theme, "case": self._case, "cases": self._cases,
            "lessons": self._lessons, "conventions": self._conventions, "tip": self._tip,
            "subscribe": self._subscribe, "unsubscribe": self._unsubscribe, "lang": self._lang,
            "thanks": self._thanks, "show": self._show, "more": self._more, "doc": self._doc,
        }

    def handle(self, ctx: Context, text: str, slash_required: bool = False) -> Answer:
        """Answer a message: a command (with or without '/', or a Chinese alias) or a question."""
        parsed = parse(text, slash_required)
        if parsed.command is None and parsed.args.strip().isdecimal():
            return self.run(ctx, "case", parsed.args)  # a bare number: no words to search for
        if parsed.command is None:
            return self.ask(ctx, parsed.args)
        return self.run(ctx, parsed.command, parsed.args, parsed.alias)

    def run(self, ctx: Context, command: str, args: str = "", alias: str = "") -> Answer:
        """Run a command by canonical name; unknown ones get a helpful reply."""
        args, alias = clean_text(args), clean_text(alias)
        lang = self._lang_for(ctx, args, alias)
        handler = self._table.get(command)
        if handler is None:
            return self.engine.message_answer(command, "unknown_command", lang, False,
                                              command=args or command)
        try:
            answer = handler(ctx, args, lang, alias)
        except UserInputError as exc:
            answer = self.engine.message_answer(args, exc.key, lang, False, "latn", **exc.params)
        if answer.lang == "zh" and answer.script != "hant" and is_traditional(f"{alias} {args}"):
            answer = self.engine.in_script(answer, "hant")  # a command typed in traditional characters
        return answer

    def ask(self, ctx: Context, question: str, offset: int = 0, lang: Lang | None = None) -> Answer:
        """Answer a question (and log that it was asked, anonymously; count it in the metrics);
        "doc ID QUESTION" (what a doc answer's `question` holds, for paging) keeps to that
        document."""
        if offset > 0:
            parsed = parse(question)
            if parsed.command == "doc":
                return self._doc_answer(ctx, parsed.args, lang or self.engine.default_lang,
                                        parsed.alias, offset, lang)
        return self._plain(ctx, question, offset, lang)

    def _plain(self, ctx: Context, question: str, offset: int = 0, lang: Lang | None = None,
               filters: Filters | None = None) -> Answer:
        started = time.perf_counter()
        try:
            # in a conversation the dialogue answers a list (and keeps it for "the second one");
            # a next page of one is asked by its question, wherever it was asked
            talking = offset == 0 and self.dialogue is not None and bool(ctx.conversation or ctx.reply_to)
            listed = None if filters or talking else self.lists.answer(question, lang or ctx.lang, offset)
            answer = listed or self._in_conversation(ctx, question, offset, lang or ctx.lang, filters)
        except Exception:
            metrics.observe_error(ctx.platform, lang or ctx.lang or "unknown",
                                  time.perf_counter() - started)
            raise
        if question.strip() and offset == 0:
            elapsed = time.perf_counter() - started
            metrics.observe_answer(ctx.platform, answer, elapsed)
            if self.query_log is not None:
                self.query_log.record_answer(ctx.platform, answer, elapsed)
        return answer

    def _in_conversation(self, ctx: Context, question: str, offset: int, lang: Lang | None,
                         filters: Filters | None) -> Answer:
        """The answer, understood in the conversation when the adapter names one."""
        if self.dialogue is None or filters is not None or not (ctx.conversation or ctx.reply_to):
            return self.engine.answer(question, lang=lang, offset=offset, filters=filters)
        if offset > 0 and ctx.conversation:
            return self.dialogue.page(ctx.conversation, question, offset, lang, ctx.now)
        log = self.query_log
        return self.dialogue.answer(
            ctx.conversation, question, lang, ctx.reply_to, ctx.now,
            asked_again=None if log is None else lambda topic: log.record_asked_again(
                ctx.platform, topic.lang, topic.items[0] if topic.items else None))

    def remember_message(self, ctx: Context, message_key: str, answer: Answer) -> None:
        """After an adapter sent `answer` as the bot message `message_key`: a reply to that
        message (ctx.reply_to == message_key) continues its topic. No-op without a state."""
        if self.dialogue is not None and answer.answered and answer.citations:
            self.dialogue.remember(message_key, ctx.conversation, answer, ctx.now)

    def user_lang(self, platform: str, user_id: str) -> Lang | None:
        """The language a user chose with the lang command, if any."""
        if self.preferences is None:
            return None
        return self.preferences.get_lang(platform, user_id)  # type: ignore[return-value]

    # -- commands ---------------------------------------------------------------------------

    def _help(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        return self.engine.message_answer(alias or "help", "help", lang)

    def _start(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        e = self.engine
        text = e.messages.get("welcome", lang) + "\n\n" + e.messages.get("help", lang)
        return Answer("start", lang, True, text)

    def _thanks(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        return self.engine.message_answer(alias, "thanks_reply", lang)

    def _ask(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        return self.ask(ctx, args, lang=ctx.lang)

    def _themes(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        if _NUMBER.search(args):
            return self._theme(ctx, args, lang, alias)
        items = [self.engine.knowledge.get(f"theme-{n}") for n in range(1, 7)]
        return self._list(alias or "themes", [i for i in items if i], "themes_lead", lang)

    def _theme(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        match = _NUMBER.search(args)
        if not match or not 1 <= int(match.group()) <= 6:
            raise UserInputError("theme_usage")
        n = int(match.group())
        k = self.engine.knowledge
        items = [i for i in k.items if i.kind == "theme" and n in i.themes]
        items.sort(key=lambda i: (i.id != f"theme-{n}", _natural(i.id)))
        items += sorted((i for i in k.of_kind("obstacle") if n in i.themes), key=lambda i: _natural(i.id))
        lead = self.engine.messages.get("theme_lead", lang, number=n)
        answer = self.engine.items_answer(f"theme {n}", items, lead, lang)
        return replace(answer, citations=tuple(_options_first(c, k.get(c.id), lang)
                                               for c in answer.citations))

    def _case(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        if not args:
            return self._cases(ctx, args, lang, alias)
        if args.strip().isdecimal():
            raise UserInputError("number_usage")  # "case 1" is no search for the word "1"
        found = self._find_cases(args)
        if not found:
            answer = self.engine.answer(args, lang=lang, filters=Filters(kind="case"))
            if answer.answered:
                return answer
            return self.engine.message_answer(args, "case_not_found", lang, False, query=args)
        return self.engine.items_answer(args, found, self.engine.messages.get(
            "cases_lead", lang, count=len(found)), lang)

    def _cases(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        cases = self.engine.knowledge.of_kind("case")
        words = args.lower().replace("convention", " ").replace("theme", " ").split()
        for word in words:
            if word.isdecimal():
                cases = [c for c in cases if int(word) in c.themes]
            elif word in CONVENTIONS:
                cases = [c for c in cases if word in c.conventions]
            else:
                cases = [c for c in cases if self._mentions(c, word)]
        if not cases:
            return self.engine.message_answer(args, "cases_none", lang, False)
        lead = self.engine.messages.get("cases_lead", lang, count=len(cases))
        return replace(self._list(args or "cases", cases, "", lang, lead), compact=True)

    def _lessons(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        answer = self._list("lessons", self.engine.knowledge.of_kind("lesson"), "lessons_lead", lang)
        k = self.engine.knowledge
        citations = tuple(with_sub_points(c, item, lang) if (item := k.get(c.id)) else c
                          for c in answer.citations)
        return replace(answer, citations=citations)

    def _show(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        return show_answer(self.engine, args, lang)

    def _more(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        # Pages need the previous answer: the console keeps it, the platforms put it in a button.
        raise UserInputError("more_usage")

    def _conventions(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        return self._list("conventions", self.engine.knowledge.of_kind("convention"),
                          "conventions_lead", lang)

    def _tip(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        sub = self.subscriptions.get(ctx.platform, ctx.chat_id) if self.subscriptions else None
        tz = ZoneInfo(sub.timezone if sub else self.tips_settings.default_timezone)
        today = ctx.now.astimezone(tz).date()
        return self.tip_answer(today, sub.cycle_start if sub else 0, lang)

    def tip_answer(self, day, start: int, lang: Lang, script: Script = "latn") -> Answer:
        """The tip of `day` for a cycle start, with its cited item (used by the broadcast too)."""
        k = self.engine.knowledge
        tip = tip_for_day(k.tips, day, start)
        item = k.get(tip.item)
        lead = self.engine.messages.get("tip_lead", lang, date=day.isoformat()) + "\n" + tip.text[lang]
        answer = self.engine.items_answer(f"tip {tip.id}", [item] if item else [], lead, lang, script)
        return answer

    def _subscribe(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        if ctx.platform in NO_TIP_PLATFORMS:
            raise UserInputError("subscribe_console")
        if self.subscriptions is None:
            raise UserInputError("not_available")
        if not ctx.can_manage:
            raise UserInputError("not_allowed")
        req = parse_subscribe_args(args)
        current = self.subscriptions.get(ctx.platform, ctx.chat_id)
        sub_lang = req.lang or (current.lang if current else lang)
        sub = Subscription(
            ctx.platform, str(ctx.chat_id), sub_lang,
            req.send_time or (current.send_time if current else self.tips_settings.default_time),
            req.timezone or (current.timezone if current else self.tips_settings.default_timezone),
            current.cycle_start if current else start_for(f"{ctx.platform}:{ctx.chat_id}",
                                                          len(self.engine.knowledge.tips)),
            "hant" if is_traditional(f"{alias} {args}") else (current.script if current else "hans"),
        )
        sub = self.subscriptions.upsert(sub)
        return self.engine.message_answer(
            args, "subscribed", lang, time=sub.send_time, timezone=sub.timezone,
            language=self.engine.messages.get("language_name", sub.lang))

    def _unsubscribe(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        if self.subscriptions is None:
            raise UserInputError("not_available")
        if not ctx.can_manage:
            raise UserInputError("not_allowed")
        removed = self.subscriptions.remove(ctx.platform, ctx.chat_id)
        return self.engine.message_answer(args, "unsubscribed" if removed else "not_subscribed", lang)

    def _lang(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        choice = args.strip().lower()
        if choice in LANG_AUTO:   # the language of each question again
            if self.preferences is not None:
                self.preferences.clear_lang(ctx.platform, ctx.user_id)
            return self.engine.message_answer(args, "lang_auto", lang)
        chosen = {"zh": "zh", "中文": "zh", "chinese": "zh", "en": "en", "english": "en",
                  "英文": "en"}.get(choice)
        if chosen is None:
            raise UserInputError("lang_usage")
        if self.preferences is not None:
            self.preferences.set_lang(ctx.platform, ctx.user_id, chosen)
        return self.engine.message_answer(args, "lang_set", chosen)  # type: ignore[arg-type]

    def _doc(self, ctx: Context, args: str, lang: Lang, alias: str) -> Answer:
        """doc ID QUESTION: a question answered from one ingested document only."""
        return self._doc_answer(ctx, args, lang, alias)

    def _doc_answer(self, ctx: Context, args: str, lang: Lang, alias: str = "doc",
                    offset: int = 0, answer_lang: Lang | None = None) -> Answer:
        doc_id, _, question = args.strip().partition(" ")
        registry = self.engine.passages.registry if self.engine.passages else None
        if registry is not None and doc_id and registry.get(doc_id.lower()) is None and (
                has_han(doc_id) and has_han(alias)):
            # 文档管理的重要性: a question that starts with the word 文档, not the command
            return self._plain(ctx, f"{alias}{args}", offset, answer_lang)
        ids = [d.id for d in registry.documents()] if registry else []
        listed = ", ".join(ids[:20]) or self.engine.messages.get("no_documents", lang)
        if not doc_id or not question.strip():
            raise UserInputError("doc_usage", example=ids[0] if ids else "sourcebook",
                                 documents=listed)
        if registry is None or registry.get(doc_id.lower()) is None:
            raise UserInputError("doc_not_found", doc=doc_id, documents=listed)
        answer = self._plain(ctx, question, offset, answer_lang, Filters(doc=doc_id))
        # the command, so that "more" (console, buttons) pages within the same document
        return replace(answer, question=f"doc {doc_id} {question.strip()}")

    # -- helpers ----------------------------------------------------------------------------

    def _lang_for(self, ctx: Context, args: str, alias: str) -> Lang:
        if ctx.lang:
            return ctx.lang
        if args.strip() and has_han(args):
            return detect_lang(args)
        if alias and has_han(alias):
            return "zh"
        return self.engine.default_lang

    def _list(self, question: str, items: list[Item], lead_key: str, lang: Lang,
              lead: str | None = None) -> Answer:
        items = sorted(items, key=lambda i: _natural(i.id))
        return self.engine.items_answer(question, items, lead or self.engine.messages.get(lead_key, lang), lang)

    def _find_cases(self, query: str) -> list[Item]:
        k = self.engine.knowledge
        q = query.strip().lower()
        for candidate in (q, f"case-{q}"):
            item = k.get(candidate)
            if item is not None:
                return [item]
        return [c for c in k.of_kind("case") if self._mentions(c, q)]

    def _mentions(self, item: Item, word: str) -> bool:
        """True when a case is tagged with the country or region `word` (English or Chinese)."""
        word = word.lower()
        k = self.engine.knowledge
        names = set()
        for name in item.countries + ((item.region,) if item.region else ()):
            names |= {name.lower(), k.glossary_name(name, "zh").lower()}
        return word in names or any(word == part for part in item.id.split("-")[1:2])


def _options_first(cite: Citation, item: Item | None, lang: Lang) -> Citation:
    """In a theme's list an obstacle opens with its options (what to do), not the problem again."""
    if item is None or item.kind != "obstacle":
        return cite
    for paragraph in item.text[lang].split("\n"):
        if paragraph.strip().startswith(("Options", "选择")):
            return replace(cite, snippet=opening(paragraph.strip()), highlights=())
    return cite


def _natural(text: str) -> list:
    return [int(p) if p.isdecimal() else p for p in re.split(r"(\d+)", text)]
