"""A turn of a conversation: load the topic of its last answer, understand the question against it
(bot/answer/followup.py), answer through the engine, and keep the new topic.

A declined turn keeps the previous topic (a question the bot could not answer does not make the
conversation forget what it was about); a turn that the bot answered replaces it. A bot message
remembered with `remember` keeps the topic of its answer under the message's own key, so that a
reply to an older message continues that message's topic, not the latest one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import cached_property

from bot.answer.conversation import MAX_ITEMS, MemoryTopics, Topic, Topics
from bot.answer.engine import Engine
from bot.answer.filters import Filters
from bot.answer.followup import Resolution, Resolver
from bot.answer.rephrasing import asks_again
from bot.answer.topics import TopicFinder, finder_for
from bot.answer.vocabulary import Vocabulary
from bot.foundation.answers import Answer, Lang
from index import has_han

TITLE_CHARS = 60
_HOW = {
    "en": {"language": "{q} (in English)", "source": "Sources of: {q}",
           "others": "{q} — other than {shown}", "followup": "{title} — {q}",
           "substitute": "{q} — as for {title}"},
    "zh": {"language": "{q}（中文）", "source": "出处：{q}", "others": "{q}——{shown}以外",
           "followup": "{title}——{q}", "substitute": "{q}——同{title}"},
}


class Dialogue:
    """Answers questions in conversations whose topics are kept in `topics`."""

    def __init__(self, engine: Engine, topics: Topics) -> None:
        self.engine = engine
        self.topics = topics

    @cached_property
    def finder(self) -> TopicFinder:
        return finder_for(self.engine.knowledge)   # on the first turn: building it reads every item

    @cached_property
    def resolver(self) -> Resolver:
        store = self.engine.store
        return Resolver(self.finder, Vocabulary(self.engine.knowledge, store.speller, store.segmenter))

    def answer(self, key: str | None, question: str, lang: Lang | None = None,
               reply_to: str | None = None, now: datetime | None = None,
               limit: int | None = None, filters: Filters | None = None,
               asked_again: Callable[[Topic], None] | None = None) -> Answer:
        """Answer `question` in conversation `key` (a reply to bot message `reply_to` continues
        that message's topic); saves the topic of the answer under `key`. `asked_again` is called
        with the last answer's topic when the question asks that answer's question again."""
        now = now or datetime.now(UTC)
        topic = self.topics.load(reply_to, now) if reply_to else None
        if topic is None and key:
            topic = self.topics.load(key, now)
        res = self.resolver.resolve(question, topic, lang)
        answer = self._ask(res, limit, filters)
        if res.used_context:
            answer = replace(answer, question=question, resolved=self._how(res, question, answer))
        if topic is not None and self._asks_again(topic, res, question):
            topic = replace(topic, asked_again=True)
            if asked_again is not None:
                asked_again(topic)
        if key and (answer.answered or topic is None):
            self.topics.save(key, self._topic(question, res, answer), now)
        elif key and topic is not None:
            self.topics.save(key, topic, now)  # a decline keeps the topic alive
        return answer

    def page(self, key: str, question: str, offset: int, lang: Lang | None = None,
             now: datetime | None = None, limit: int | None = None) -> Answer:
        """A next page of the last answer of conversation `key` (asked as the same question)."""
        topic = self.topics.load(key, now or datetime.now(UTC))
        if topic is None or topic.question != question:
            return self.engine.answer(question, lang=lang, offset=offset, limit=limit)
        answer = self.engine.answer(topic.query, lang=lang or topic.lang, offset=offset, limit=limit,
                                    filters=Filters(exclude=topic.exclude))
        return replace(answer, question=question, resolved=topic.resolved)

    def remember(self, message_key: str, key: str | None, answer: Answer,
                 now: datetime | None = None) -> None:
        """Keep the topic of `answer` (sent as bot message `message_key`) for replies to it."""
        now = now or datetime.now(UTC)
        topic = self.topics.load(key, now) if key else None
        if topic is None or topic.question != answer.question:
            if not answer.citations:
                return
            topic = self._topic(answer.question, Resolution(answer.question, answer.lang), answer)
        self.topics.save(message_key, topic, now)

    def _asks_again(self, topic: Topic, res: Resolution, question: str) -> bool:
        """A fresh question (not a follow-up) asking an answered one again, not counted before."""
        if topic.asked_again or not topic.items or res.used_context:
            return False
        return asks_again(self.engine.store.analyzer, topic.question, question)

    def _ask(self, res: Resolution, limit: int | None, filters: Filters | None) -> Answer:
        if res.exclude:
            filters = replace(filters or Filters(), exclude=res.exclude)
        return self.engine.answer(res.query, lang=res.lang, limit=limit, filters=filters)

    def _topic(self, question: str, res: Resolution, answer: Answer) -> Topic:
        """The topic of an answer: what the question named (with the topic it continued) and the
        tags of its main item."""
        named = self.finder.find(question)
        prev = res.topic if res.used_context and res.how != "substitute" else None
        if res.how in ("language", "source") and prev is not None:
            return replace(prev, lang=answer.lang, resolved=answer.resolved, how=res.how)
        items = tuple(c.id for c in answer.citations)[:MAX_ITEMS]
        main = self.engine.knowledge.get(items[0]) if items else None
        case = main.id if main is not None and main.kind == "case" else None
        countries = named.countries + (main.countries if case and main is not None else ())
        if prev is not None and res.how == "followup":
            countries = prev.countries + countries
            if prev.case and not named.topic:
                case = case or prev.case

        def keep(new: tuple, old: tuple) -> tuple:
            return tuple(dict.fromkeys(new + (old if prev is not None else ())))[:8]

        return Topic(
            question=question, query=res.query, lang=answer.lang, items=items, case=case,
            countries=tuple(dict.fromkeys(countries))[:8],
            organisations=keep(named.organisations, prev.organisations if prev else ()),
            conventions=keep(named.conventions, prev.conventions if prev else ()),
            processes=keep(named.processes, prev.processes if prev else ()),
            themes=main.themes if main is not None else (),
            exclude=res.exclude, resolved=answer.resolved, how=res.how)

    def _how(self, res: Resolution, question: str, answer: Answer) -> str:
        """How the question was understood, in the answer's language."""
        topic = res.topic
        assert topic is not None
        lang = answer.lang
        k = self.engine.knowledge
        title = ""
        item = k.get(topic.case or (topic.items[0] if topic.items else ""))
        if item is not None:
            title = _short(item.title[lang])
        shown = "、".join(self.finder.name(c, lang) for c in topic.countries) if lang == "zh" else \
            ", ".join(self.finder.name(c, lang) for c in topic.countries)
        previous = (topic.resolved or topic.question) if res.how in ("language", "source") else question
        return _HOW[lang][res.how].format(q=previous, title=title, shown=shown or title)


def play_turns(engine: Engine, limit: int | None = None) -> Callable[[Sequence[str]], Answer]:
    """For `nfpbot eval`: plays the turns of a conversation (each call a new one, its topics in
    memory) and returns the answer to the last turn."""
    dialogue = Dialogue(engine, MemoryTopics())

    def converse(turns: Sequence[str]) -> Answer:
        key = f"eval:{uuid.uuid4().hex}"
        return [dialogue.answer(key, turn, limit=limit) for turn in turns][-1]
    return converse


def _short(text: str) -> str:
    """A title cut to about TITLE_CHARS, at a word end in English."""
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS]
    if " " in cut and not has_han(cut):
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:—-") + "…"
