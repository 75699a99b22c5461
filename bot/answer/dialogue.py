"""A turn of a conversation: load the topic of its last answer, understand the question against it
(bot/answer/followup.py), answer through the engine, and keep the new topic.

A list or count question ("which cases involve Ramsar?") is answered from the knowledge's tags
(bot/answer/lists.py) and its lines are kept, so that "the second one" / "第一个讲的是什么？" asks
about that member (bot/answer/list_members.py).

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
from bot.answer.corpus import doc_of
from bot.answer.engine import Engine
from bot.answer.filters import Filters
from bot.answer.followup import Resolution, Resolver, asks_what_it_covers
from bot.answer.list_followups import asked_kind, list_question
from bot.answer.list_members import member_at, picked, without_pick
from bot.answer.lists import Lists
from bot.answer.rephrasing import asks_again
from bot.answer.topics import TopicFinder, finder_for
from bot.answer.vocabulary import Vocabulary
from bot.foundation.answers import Answer, Lang
from index import detect_lang, has_han

TITLE_CHARS = 60
MAX_LISTED = 70   # lines of a list kept for "the Nth one" (the longest list: every case)
_HOW = {
    "en": {"language": "{q} (in English)", "source": "Sources of: {q}",
           "others": "{q} — other than {shown}", "followup": "{title} — {q}",
           "substitute": "{q} — as for {title}", "member": "{title} — {q}"},
    "zh": {"language": "{q}（中文）", "source": "出处：{q}", "others": "{q}——{shown}以外",
           "followup": "{title}——{q}", "substitute": "{q}——同{title}", "member": "{title}——{q}"},
}


class Dialogue:
    """Answers questions in conversations whose topics are kept in `topics`."""

    def __init__(self, engine: Engine, topics: Topics, lists: Lists | None = None) -> None:
        self.engine = engine
        self.topics = topics
        self.lists = lists   # None: list questions are searched like any other

    @cached_property
    def finder(self) -> TopicFinder:
        return finder_for(self.engine.knowledge)   # on the first turn: building it reads every item

    @cached_property
    def resolver(self) -> Resolver:
        store = self.engine.store
        return Resolver(self.finder, Vocabulary(self.engine.knowledge, store.speller, store.segmenter),
                        self._document_title)

    def _document_title(self, doc_id: str, lang: Lang) -> str:
        """An added document's title in `lang`, else in the other ("" when it is gone)."""
        record = self.engine.passages.registry.get(doc_id) if self.engine.passages is not None else None
        return record.title(lang) if record is not None else ""

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
        listing = self.lists is not None and not (filters and filters.facets()) and not (
            topic is not None and asks_what_it_covers(question))   # "涉及哪些公约？": the topic's
        listed = self.lists.answer(question, lang, limit=limit) if listing and self.lists else None
        if listed is None and listing and topic is not None:
            listed = self._list_of_topic(question, topic, lang, limit)   # "any cases on that?"
        if listed is not None:
            if key:
                self.topics.save(key, self._list_topic(listed.resolved or question, listed), now)
            return listed
        res = self._member(question, topic, lang) or self.resolver.resolve(question, topic, lang)
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
        if topic is not None and topic.how == "list" and self.lists is not None:
            listed = self.lists.answer(topic.question, lang or topic.lang, offset, limit)
            if listed is not None:
                return replace(listed, question=question) if topic.question == question else listed
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

    def _member(self, question: str, topic: Topic | None, lang: Lang | None) -> Resolution | None:
        """"The second one", "第一个讲的是什么？" after a list: that member's title asked about."""
        if topic is None or not topic.listed:
            return None
        pick = picked(question)
        if pick is None:
            return None
        kinds = {i: item.kind for i in topic.listed if (item := self.engine.knowledge.get(i)) is not None}
        listed_kind = kinds.get(topic.listed[-1])   # the members' kind; a stated count is an intro
        chosen = member_at(pick, topic.listed, lambda i: kinds.get(i) == listed_kind)
        item = self.engine.knowledge.get(chosen) if chosen else None
        if item is None:
            return None
        lang = lang or detect_lang(question)
        return Resolution(f"{item.title[lang]} {without_pick(question)}".strip(), lang, "member",
                          (), replace(topic, items=(item.id,), case=item.id if item.kind == "case" else None))

    def _list_of_topic(self, question: str, topic: Topic, lang: Lang | None, limit: int | None) -> Answer | None:
        """"Any cases on that?" after an answer about a theme or a convention: its list, saying
        how the question was understood."""
        assert self.lists is not None
        kind = asked_kind(question)
        if kind is None:
            return None
        lang = lang or detect_lang(question)
        convention = self.finder.short_name(topic.conventions[0], lang) if topic.conventions else None
        asked = list_question(kind, topic, lang, convention)
        listed = self.lists.answer(asked, lang, limit=limit) if asked else None
        return replace(listed, question=question, resolved=asked) if listed is not None else None

    def _list_topic(self, question: str, answer: Answer) -> Topic:
        """The topic of a list answer: its lines as shown, for a member picked next."""
        assert self.lists is not None
        shown = self.lists.shown(question)[:MAX_LISTED]
        return Topic(question=question, query=question, lang=answer.lang, items=shown[:MAX_ITEMS],
                     how="list", listed=shown)

    def _ask(self, res: Resolution, limit: int | None, filters: Filters | None) -> Answer:
        if res.exclude:
            filters = replace(filters or Filters(), exclude=res.exclude)
        if res.how == "followup" and res.topic is not None and res.topic.document is not None:
            filters = replace(filters or Filters(), doc=res.topic.document)   # "who wrote the report?"
        if res.how == "member" and res.topic is not None:   # that member, not a passage about it
            item = self.engine.knowledge.get(res.topic.items[0])
            filters = replace(filters or Filters(), kind=item.kind if item is not None else None)
        return self.engine.answer(res.query, lang=res.lang, limit=limit, filters=filters)

    def _topic(self, question: str, res: Resolution, answer: Answer) -> Topic:
        """The topic of an answer: what the question named (with the topic it continued) and the
        tags of its main item."""
        named = self.finder.find(question)
        prev = res.topic if res.used_context and res.how != "substitute" else None
        if res.how in ("language", "source") and prev is not None:
            return replace(prev, lang=answer.lang, resolved=answer.resolved, how=res.how)
        listed = prev.listed if prev is not None else ()   # a follow-up of a member keeps its list
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
            exclude=res.exclude, resolved=answer.resolved, how=res.how, listed=listed,
            document=doc_of(items[0]) if items else None)

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
        elif topic.document is not None:
            title = _short(self._document_title(topic.document, lang))
        shown = "、".join(self.finder.name(c, lang) for c in topic.countries) if lang == "zh" else \
            ", ".join(self.finder.name(c, lang) for c in topic.countries)
        previous = (topic.resolved or topic.question) if res.how in ("language", "source") else question
        return _HOW[lang][res.how].format(q=previous, title=title, shown=shown or title)


def play_turns(engine: Engine, limit: int | None = None) -> Callable[[Sequence[str]], Answer]:
    """For `nfpbot eval`: plays the turns of a conversation (each call a new one, its topics in
    memory) and returns the answer to the last turn."""
    dialogue = Dialogue(engine, MemoryTopics(), Lists(engine))

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
