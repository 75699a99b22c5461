"""Answers list and count questions from the knowledge's tags, not from the best three snippets: the
whole set (titles with their ids, grouped by theme where that helps), its count, and, where the
Sourcebook itself gives a count (its 63 examples), that figure with its source beside how many
items the bot holds. Citations are the members (paged like any answer: Answer.offset/total/more).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.contractions import spelled_out
from bot.answer.engine import Engine
from bot.answer.geography import places_of
from bot.answer.list_questions import ListQuestions, ListRequest
from bot.answer.sources import render_sources
from bot.foundation.answers import Answer, Lang
from bot.knowledge import Item
from index import clean_text, detect_lang, is_traditional

_MAIN_THEME = re.compile(r"^theme-(\d+)$")
# What the Sourcebook's own introduction calls each kind, when it counts them ("built on 63
# illustrative examples", "six themes").
_STATED = {"case": r"examples|实例", "theme": r"themes|主题", "convention": r"conventions|公约",
           "lesson": r"lessons|经验教训"}
_NUMBER_WORDS = {"six": 6, "eight": 8, "ten": 10, "六": 6, "八": 8, "十": 10}
_STATED_COUNT = r"(\d+|six|eight|ten|六|八|十)\s*(?:个|项|条)?\s*(?:illustrative\s+|说明性)?(?:{nouns})"
_CONVENTION_LABELS = {"ramsar": {"en": "Ramsar", "zh": "《拉姆萨尔公约》"}}
_GROUP_MIN = 5   # group a list by theme from this many members spanning several themes
_TITLE_CHARS = {"en": 52, "zh": 24}
_BRIEF_FROM = 10  # longer lists name each case briefly, so that they fit a phone screen


class Lists:
    """List and count answers for one engine's knowledge."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.questions = ListQuestions(engine.knowledge, self._words)

    def _words(self, text: str) -> list[str]:
        return [t for t, _, sub in self.engine.store.analyze(text) if not sub]

    def answer(self, question: str, lang: Lang | None = None, offset: int = 0,
               limit: int | None = None) -> Answer | None:
        """The list answer to `question`, or None when it is no list question (or nothing in the
        knowledge matches it: then the search engine answers as usual)."""
        question = clean_text(question or "").strip()
        request = self.questions.parse(spelled_out(question)) if question else None
        if request is None:
            return None
        members = self.members(request)
        if not members:
            return None
        lang = lang or detect_lang(question)
        limit = self.engine.search.limit if limit is None else max(1, min(limit, 20))
        stated = self._stated(request)
        cited = ([stated[1]] if stated else []) + members
        citations = tuple(self.engine.citation(i, lang) for i in cited)
        page = citations[offset:offset + limit]
        if not page:
            return None
        if offset == 0:
            lead = self._lead(request, members, stated, lang)
        else:
            lead = self.engine.messages.get("lead_more", lang, first=offset + 1,
                                            last=offset + len(page))
        # compact: the lead names every member with its id; renderers do not repeat them below it
        answer = Answer(question, lang, True, lead, page, offset=offset, total=len(citations),
                        compact=True)
        if lang == "zh" and is_traditional(question):
            answer = self.engine.in_script(answer, "hant")
        return answer

    def shown(self, question: str) -> tuple[str, ...]:
        """The ids of the list answer's lines in the order shown (the Sourcebook's own count first
        where it is stated); () when `question` is no list question."""
        request = self.questions.parse(clean_text(question or "").strip())
        if request is None:
            return ()
        stated = self._stated(request)
        return tuple(i.id for i in ([stated[1]] if stated else []) + self.members(request))

    def members(self, request: ListRequest) -> list[Item]:
        """The items of the request's kind matching every facet, in the knowledge's own order."""
        k = self.engine.knowledge
        if request.kind == "theme":
            items = [i for i in k.items if _MAIN_THEME.match(i.id)]
        else:
            items = k.of_kind(request.kind)
        for _, ids in request.facets:
            items = [i for i in items if i.id in ids]
        return items

    def _stated(self, request: ListRequest) -> tuple[int, Item] | None:
        """How many items of this kind the Sourcebook itself says it holds, and the intro item that
        says so (the first count in an intro item's title, else its text): for a count question
        and for a whole list (no facets), so the answer shows what the Sourcebook has beside what
        the bot holds."""
        nouns = _STATED.get(request.kind)
        if nouns is None or (request.facets and not request.count):
            return None
        return self._stated_count(nouns) if not request.facets else None

    def _stated_count(self, nouns: str) -> tuple[int, Item] | None:
        pattern = re.compile(_STATED_COUNT.format(nouns=nouns), re.I)
        for part in ("title", "text"):
            for item in self.engine.knowledge.of_kind("intro"):
                for lang in ("en", "zh"):
                    match = pattern.search(getattr(item, part)[lang])
                    if match:
                        word = match.group(1).lower()
                        return int(_NUMBER_WORDS.get(word, word)), item
        return None

    def _lead(self, request: ListRequest, members: Sequence[Item], stated: tuple[int, Item] | None,
              lang: Lang) -> str:
        m = self.engine.messages
        noun = m.get(f"list_noun_{request.kind}", lang)
        scope = self._scope(request, lang)
        lines = []
        first = 1
        if stated is not None:
            number, item = stated
            first_source = sorted(item.sources, key=lambda s: s.doc != "seed")[:1]
            source = render_sources(first_source, lang, limit=0)
            key = "list_stated_case" if request.kind == "case" else "list_stated"
            lines.append(m.get(key, lang, number=number, noun=noun, source=source))
            first = 2
        if stated is None or stated[0] != len(members) or scope:
            key = "list_lead_scoped" if scope else "list_lead"
            lines.append(m.get(key, lang, count=len(members), noun=noun, scope=scope,
                               Noun=noun[:1].upper() + noun[1:]))
        if request.by_country:
            countries = self._countries(request, members, lang)
            if countries:
                lines.append(m.get("list_countries", lang, count=len(countries),
                                   countries=("、" if lang == "zh" else ", ").join(countries)))
        lines += self._member_lines(members, first, lang, request.kind in ("case", "obstacle"))
        return "\n".join(lines)

    def _member_lines(self, members: Sequence[Item], first: int, lang: Lang,
                      by_theme: bool) -> list[str]:
        """"[n] title (id)" per member, under a theme heading when that helps (cases and
        obstacles of several themes)."""
        themes = [i.themes[0] if i.themes else 0 for i in members]
        group = (by_theme and len(members) >= _GROUP_MIN and len(set(themes)) > 1
                 and themes == sorted(themes) and 0 not in themes)
        lines, heading = [], None
        for n, item in enumerate(members, start=first):
            theme = item.themes[0] if item.themes else None
            if group and theme != heading and theme is not None:
                heading = theme
                lines.append(self._theme_name(theme, lang, heading=True))
            lines.append(f"[{n}] {self._label(item, lang, len(members) > _BRIEF_FROM)} ({item.id})")
        return lines

    @staticmethod
    def _label(item: Item, lang: Lang, brief: bool) -> str:
        """A member's name in a list: the start of its title; in a long list (`brief`) a case
        by what comes before the colon of its title ("Palau", "AEWA"), its id telling two cases
        of one country apart."""
        title = item.title[lang]
        name, colon, _ = title.replace("：", ":").partition(":")
        if brief and item.kind == "case" and colon and len(name) <= _TITLE_CHARS[lang] // 2:
            return name.strip()
        return _short(title, _TITLE_CHARS[lang])

    def _countries(self, request: ListRequest, members: Sequence[Item], lang: Lang) -> list[str]:
        """The members' countries (those in the place asked about, if one was), each once."""
        wanted = {p.lower() for p in request.places}
        out: dict[str, None] = {}
        for item in members:
            for country in item.countries:
                if wanted and not places_of((country,), None) & wanted:
                    continue
                out[self.engine.knowledge.glossary_name(country, lang)] = None
        return list(out)

    def _scope(self, request: ListRequest, lang: Lang) -> str:
        """What the facets were, in the answer's language ("CMS", "theme 6 (…)", "Africa")."""
        names = []
        for value in request.values:
            key, _, arg = value.partition(":")
            if key == "conv":
                names.append(_CONVENTION_LABELS.get(arg, {}).get(lang, arg.upper()))
            elif key == "theme":
                names.append(self._theme_name(int(arg), lang))
            elif key == "place":
                names.append(self.engine.knowledge.glossary_name(arg, lang))
            else:
                entry = self.engine.knowledge.glossary[int(arg)]
                short = [t for t in entry.en if re.fullmatch(r"[A-Z0-9\-]{2,10}", t)]
                names.append(entry.zh[0] if lang == "zh" else (short or entry.en)[0])
        return ("、" if lang == "zh" else ", ").join(dict.fromkeys(names))

    def _theme_name(self, number: int, lang: Lang, heading: bool = False) -> str:
        item = self.engine.knowledge.get(f"theme-{number}")
        title = item.title[lang] if item else str(number)
        if heading:
            title = _short(title, _TITLE_CHARS[lang])
            return f"{title}:" if lang == "en" else f"{title}："
        name, colon, rest = title.replace("：", ":").partition(":")
        if not colon:
            return title
        return f"{name.lower()} ({rest.strip()})" if lang == "en" else f"{name}（{rest.strip()}）"


def _short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",;:，；：") + "…"
