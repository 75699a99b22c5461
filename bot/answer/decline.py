"""Whether the best candidates hold the fact a question turns on, for what it asks about.

"How much did Palau receive from the GEF?" shares Palau and the GEF with the knowledge, and the GEF
items hold sums of money; but no sentence gives a sum for Palau. Answering with the GEF-5 envelope
would mislead. So the question's slot (bot/answer/question_slots.py: an amount, a count, a date, a
person in office, a law, a procedure) is checked against the best candidates: one must have a
sentence that holds a value of that kind together with what the question is about (its names and
the thing the slot is about: the fee, the quota, the law).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.answer.name_readings import read_in
from bot.answer.question_slots import IC, Slot
from bot.answer.slot_nouns import ANY_BODY, EVENT_ACTS, NAMED_LAW
from index import has_han, to_simplified
from index.compounds import compound_in, compound_of_words
from index.sentences import sentence_spans
from index.translate import shared_dictionary

# money by its currency: in an amount (VALUES) and in a price (_MONEY)
_CURRENCY = r"us\$|\$|€|£|r\$|\bugx\b|\busd\b|\beur\b|美元|欧元|\d\s*元|亿"
VALUES = {
    "amount": re.compile(_CURRENCY + r"|\d[\d,.]*\s*(million|billion|bn|m\b|%)|百分之|\d\s*%|\bper ?cent\b", IC),
    "count": re.compile(r"(?<![\d.(])(?!(1[89]|20)\d\d(?!\d))\d+(?![\d年)]|[.,]\d|\s*(%|％|per ?cent))|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"twenty|thirty|hundred|thousand|dozen)\b|[一二两三四五六七八九十百千万]+\s*"
                        r"(个|名|人|种|项|位|家|处|份|次|条|国)", IC),
    "duration": re.compile(r"\d+\s*(hours?|days?|weeks?|months?|years?)\b|\b(one|two|three|four|five|six|"
                           r"seven|eight|nine|ten|twelve|a few|several) (hours|days|weeks|months|years)\b|"
                           r"(\d+|[一二两三四五六七八九十几]+)\s*(个?小时|天|周|个?星期|个月|年时间)|"
                           # how often: "quarterly", "once a year", "每季度一次"
                           r"\b(every|each|once a|twice a|per) (day|week|month|quarter|year)\b|\b(daily|weekly|"
                           r"monthly|quarterly|annually|yearly|biennially)\b|每(天|日|周|月|季度|季|年|半年|两年)|"
                           r"[一两二三]年一次", IC),
    "date": re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)|\b(january|february|march|april|may|june|"
                       r"july|august|september|october|november|december)\b|\d+\s*月", IC),
}


# Marks where a candidate's context begins (the passages around a document passage): the
# question's names may be found there, its values only in the candidate itself.
CONTEXT = "\x1d"


def holds_answer(slot: Slot, texts: Iterable[str], names: Sequence[str], years: Sequence[str] = ()) -> bool:
    """Whether one of `texts` (the best candidates' texts, in any language) has a sentence with
    a value of the slot's kind that also names what the question is about: `names` (its countries
    and organisations, each given as alternatives "Palau|帕劳") must all occur in the same text,
    and the slot's nouns (the fee, the quota, the law's name) and the `years` the question asks
    about ("the 2025 budget") in the sentence."""
    if slot.kind in ("task", "current", "own"):
        return False
    for text in texts:
        text, _, context = text.partition(CONTEXT)
        written = to_simplified(text)
        low = written.lower()
        around = to_simplified(context).lower()
        named = [any(n in low or n in around for n in alts.split("|")) for alts in names]
        # a seat is asked about one body: the names a follow-up carries in are its context
        if not (all(named) or (slot.kind == "place" and any(named))):
            continue
        # sentences are found in the text as written: "US$8.5 million. It began…" ends one
        before = 0  # where the sentence before begins: it may name whom the sentence is about
        subject = _subject(low)
        for a, b in sentence_spans(written if len(written) == len(low) else low):
            sentence, preceding = low[a:b], low[before:a]
            before = a
            if all(y in sentence or y in _headings(low, a) for y in years) and (not slot.owned or all(
                    any(n in sentence or n in _headings(low, a) or (slot.kind == "entity" and n in preceding)
                        for n in alts.split("|")) for alts in names)) and \
                    (_sentence_holds(slot, sentence, written[a:b]) or _table_amount(slot, sentence, _headings(low, a))
                     or _hosts_it(slot, sentence, subject, names)
                     or _body_by_acronym(slot, written[a:b], names)) and \
                    (not _ASKS_HOLDER.search(slot.what) or _names_holder(written[a:b], names)) and \
                    (slot.kind != "person" or not _ASKS_NAME.search(slot.what) or _PERSON.search(written[a:b])) and \
                    (slot.kind != "place" or not names or any(  # in its paragraph: "…the Plant Treaty… It is hosted"
                        n in low[low.rfind("\n", 0, a) + 1:b] for alts in names for n in alts.split("|"))):
                return True
    return False


# "the name of the environment minister", "部长叫什么名字": who holds a title, by name: the sentence must name
# a person ("Prof. Hamdallah Zedan", "Minister Jane Doe"), not only the office ("chaired by the minister")
_TITLES = (r"(secretary|minister|chair|chairman|chairperson|president|director|head|coordinator|commissioner|officer|"
           r"秘书长|部长|主席|主任|局长|负责人|执行秘书|署长|司长|处长)")
# (not "who is the chair / 主席是谁": "the President of Mexico" answers it)
_ASKS_NAME = re.compile(rf"\bname of\b|\bnamed?\b.*{_TITLES}|{_TITLES}.*(叫什么|名字|姓名|姓什么)", IC)
_PERSON = re.compile(r"\b(Mr|Ms|Mrs|Dr|Prof|H\.E|Sir|Dame)\.? [A-Z]|\b(Minister|Secretary|Chair|Director|President|"
                     r"Commissioner|Coordinator|Head)( General)? [A-Z][a-z]+ [A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+, (the )?"
                     r"([A-Z][a-z]+ )?(Minister|Secretary|Chair|Director|President|Executive)|"
                     r"[A-Z][a-z]+ [A-Z][a-z]+ ?(教授|博士|先生|女士)|(部长|秘书长|主席|局长|主任)[A-Z][a-z]+")
# "who is Nepal's focal point": the sentence must name who (an organisation), not only mention focal points
_ASKS_HOLDER = re.compile(r"focal point|contact|representative|delegate|ambassador|联络|联系人|代表", IC)
_HOLDER = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]{2,}[A-Za-z]*\b|\b(Ministry|Department|Agency|Commission|Authority|Office|"
                     r"Institute|Council|Committee|Service|Bureau|Centre|Center|Secretariat) (of|for)\b|"
                     r"[\u4e00-\u9fff]{2,}(部|局|委员会|署|中心|办公室|研究所|研究院)")
_NOT_HOLDERS = frozenset("nbsap nbsaps nfp nfps mea meas cites cbd cms itpgrfa unep wcmc unesco iucn ipbes "
                         "star sdg sdgs ors dart informea mou gef".split())


_HOLDS_OFFICE = re.compile(r"\b(is|are|was|were|serves? as|served as|acts? as|acted as|designated( as)?|"
                          r"appointed( as)?)\b.{0,60}\b(focal point|contact|representative|delegate)|"
                          r"(担任|作为|是|为)[^。；]{0,20}(联络点|联络人|联系人|代表)", IC)


def _body_by_acronym(slot: Slot, sentence: str, names: Sequence[str]) -> bool:
    """"Which body set up Mexico's REMIB network?" is answered by "CONABIO … created the REMIB
    network": a body named by its acronym (one the question does not name) answers a question
    for any body, though the sentence never says "commission"."""
    return slot.kind == "entity" and slot.nouns == (ANY_BODY,) and _other_body(_ACRONYM_BODY, sentence, names)


_ACRONYM_BODY = re.compile(r"\b[A-Z][A-Z0-9]{2,}[a-z]?\b")


def _other_body(pattern: re.Pattern[str], sentence: str, names: Sequence[str]) -> bool:
    """Whether `sentence` names by `pattern` a body besides the question's own `names` (and the
    acronyms of what is talked about: NBSAP, CBD)."""
    asked = {n for alts in names for n in alts.split("|")}
    return any(m.group(0).lower() not in _NOT_HOLDERS and m.group(0).lower() not in asked
               for m in pattern.finditer(sentence))


def _names_holder(sentence: str, names: Sequence[str]) -> bool:
    """Whether `sentence` (as written) says that an organisation, besides the question's own
    names, holds the office ("CONABIO is the focal point…"), not only that focal points exist."""
    return _HOLDS_OFFICE.search(sentence) is not None and _other_body(_HOLDER, sentence, names)


def _table_amount(slot: Slot, sentence: str, headings: str) -> bool:
    """A table's figure is an amount when its unit of money is written where tables write it: in
    the row's label or column header ("营业收入（元）", "Budget (USD)") or in a unit line above the
    table ("单位：元", "In thousands of US dollars")."""
    return (slot.kind == "amount" and _FIGURE.search(sentence) is not None
            and all(any(v in sentence for v in alts.split("|")) for alts in slot.nouns)
            and (_UNIT_LABEL.search(sentence) is not None or _UNIT_LINE.search(headings) is not None))


# A figure with thousands separators or decimals, and units of money as tables give them.
_FIGURE = re.compile(r"(?<![\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.])-?\d+\.\d+(?![\d.%])")
_MONEY_UNIT = r"(?:人民币)?(?:元|千元|万元|百万元|亿元|美元|欧元)|us\$|\$|usd|eur|rmb|cny|yuan|dollars?|euros?"
_UNIT_LABEL = re.compile(rf"[（(]\s*(?:{_MONEY_UNIT})\s*(?:/[^）)]*)?[）)]", IC)
_UNIT_LINE = re.compile(rf"(?:单位|金额单位|币种|units?|currency)\s*[:：]\s*(?:{_MONEY_UNIT})"
                        rf"|\bin (?:thousands|millions|billions) of (?:{_MONEY_UNIT})", IC)


def holds_across(slot: Slot, texts: Iterable[str], names: Sequence[str],
                 years: Sequence[str] = ()) -> bool:
    """`holds_answer` for passages in the other language than the question's. Years and values
    read alike in both languages; a name or noun is checked through those of its alternatives
    written in the passage's script ("Palau|帕劳", "fatalities|死亡"), else through its
    translations (CC-CEDICT, index/translate.py: 埃塞俄比亚 as "ethiopia", "Jiangsu" as 江苏,
    March as 3月, 错误 as "error"), and a name in pinyin through the characters that read it
    there ("Zhengyang": 倪正洋). A passage that holds none of them for one of the question's names
    or nouns cannot confirm the value: it does not hold it (a wrong figure is worse than a
    decline). A noun nothing can write in the passage's script (聚类, a term the dictionary
    lacks) cannot be checked there, which is not the same as absent: it is left out of the check,
    and the value must still be there with the names. (A name the corpus lacks in every language
    never reaches this check: the engine declines it first.)"""
    for text in texts:
        han = has_han(text.partition(CONTEXT)[0])
        kept_names = [_in_script(alts, han, text) for alts in names]
        if han:
            kept_names = ["|".join(filter(None, (kept, *_read_names(alts, text))))
                          for kept, alts in zip(kept_names, names, strict=True)]
        rendered = [(_in_script(alts, han, text), alts) for alts in slot.nouns]
        kept_nouns = tuple(kept for kept, _ in rendered if kept)
        if slot.kind not in ("person", "law", "procedure") and all(kept_names) \
                and all(kept or _uncheckable(alts, han) for kept, alts in rendered) \
                and holds_answer(replace(slot, nouns=kept_nouns), [text], kept_names, years):
            return True
    return False


def _uncheckable(alternatives: str, han: bool) -> bool:
    """Whether nothing can write a noun in the other script: no alternative in it, none the
    dictionary translates, and none a compound of words it glosses (北方·河流·铁路·管理局 can be
    checked part by part, and is absent if they are; 元·聚·类 is only characters)."""
    dictionary = shared_dictionary()
    given = [a for a in alternatives.split("|") if a]
    if dictionary is None or any(has_han(a) == han for a in given):
        return False
    return not any(dictionary.written_as(a, han) or (has_han(a) and compound_of_words(dictionary, a))
                   for a in given)


def _read_names(alternatives: str, text: str) -> list[str]:
    """How a Chinese `text` writes those of the Latin `alternatives` that spell a name in
    pinyin (bot/answer/name_readings.py)."""
    return [found for a in alternatives.split("|") if a and not has_han(a) for found in read_in(text, a)]


def _in_script(alternatives: str, han: bool, text: str = "") -> str:
    """The alternatives ("a|b|c") a passage in Chinese characters (han) or not may write: those
    in its script, else the translations of the others into it (a Chinese name the dictionary
    lacks as a whole, as `text` writes it from its parts: 联邦航空管理局 as "FAA"), and Latin
    ones as they are (a Chinese passage writes "AA+", "HKSCC", "737 MAX" so); "" when none."""
    given = [a for a in alternatives.split("|") if a]
    written = [a for a in given if has_han(a) == han]
    if not written:
        dictionary = shared_dictionary()
        written = [t for a in given if dictionary is not None for t in dictionary.written_as(a, han)]
        if not han and dictionary is not None:
            written += [t for a in given if has_han(a) for t in compound_in(dictionary, a, text)]
    if han:
        written += [a for a in given if not has_han(a)]
    return "|".join(dict.fromkeys(written))


def _headings(text: str, before: int) -> str:
    """The lines above position `before` that head what follows rather than state something: a
    title, a page or section heading, a table's header row ("2015年预算", "Table 2. Fees,
    2012-2014"): short, and not ending a sentence. A year there dates the rows below it."""
    lines = text[:before].splitlines()
    return "\n".join(line for line in lines
                      if 0 < len(line.strip()) <= HEADING_CHARS and not _ENDS.search(line.strip()))


HEADING_CHARS = 120
# Numbers that refer to a part of a text or a series, not a quantity.
_REFERENCE = re.compile(r"\b(themes?|chapters?|sections?|parts?|lessons?|obstacles?|articles?|annex(es)?|pages?|"
                        r"tables?|figures?|decisions?|resolutions?|targets?|goals?|gef|cop|no\.?) ?[\d./-]+|"
                        r"(主题|第)[一二三四五六七八九十\d]+(章|节|条|次|届|个主题|项)?|"
                        # a decision's number: "decision VI/6", "第 VI/6 号决定", "XII/6"
                        r"\b[IVXL]+/\d+|第\s*[IVXL\d/]+\s*号", IC)
_ENDS = re.compile(r"[.!?。！？；;:：]$")


def _sentence_holds(slot: Slot, sentence: str, written: str = "") -> bool:
    """Whether one sentence (lower case; `written`: as written, for the capitals of a place's
    name) holds a value of the slot's kind."""
    if slot.kind == "law":
        name = slot.nouns[0] if slot.nouns else ""
        if not name:  # "which law says they have to?": a sentence that names a law by its name
            return NAMED_LAW.search(written) is not None
        return all(w in sentence for w in name.split()) and (
            re.search(r"\b(act|law|legislation|regulation|decree)\b|法|条例", sentence) is not None)
    if slot.kind == "procedure":
        return bool(slot.nouns) and all(w in sentence for w in slot.nouns)
    if not all(any(v in sentence for v in alts.split("|")) for alts in slot.nouns):
        return False
    sentence = _REFERENCE.sub(" ", sentence)  # "theme 2", "第五次": no count of anything
    value = VALUES.get(slot.kind)
    if slot.kind in ("person", "entity", "size"):
        return True  # the office or body is named in the sentence (nouns above) with the question's names
    if slot.kind == "place" and slot.nouns == (EVENT_ACTS,):  # "launched … in Punta del Este, Uruguay"
        return _EVENT_PLACE.search(written) is not None
    if slot.kind == "place":  # "has its secretariat in Yaoundé", "it is hosted by FAO in Rome", "秘书处设在雅温得"
        # (asked where a secretariat is, "it was hosted by Cameroon's ministry" says where a workshop was)
        seat = _SEAT if _SEAT_ASKED.search(slot.what) else _SEAT_OR_HOST
        return seat.search(sentence) is not None
    if slot.kind == "count" and slot.nouns:  # "has 27 members", "共有 27 名成员": the number counts the noun
        return value is not None and any(
            value.search(sentence[max(0, m.start() - (COUNT_REACH_HAN if has_han(v) else COUNT_REACH)):m.end()])
            is not None or (has_han(v) and _counted_after(value, sentence[m.end():m.end() + COUNT_AFTER_HAN]))
                   for alts in slot.nouns for v in alts.split("|") if v
                   for m in re.finditer(re.escape(v), sentence))
    if slot.price:  # money, not a share of it
        value = _MONEY
    return value is not None and value.search(sentence) is not None


def _hosts_it(slot: Slot, sentence: str, subject: str, names: Sequence[str]) -> bool:
    """"Where is the ITPGRFA secretariat?": in the text about the Treaty (its `subject` names it),
    "It is hosted by FAO in Rome" answers; in the text about a workshop on CITES and CMS targets,
    "It was hosted by Cameroon's ministry" does not."""
    if slot.kind != "place" or not _SEAT_ASKED.search(slot.what) or not _HOSTED.search(sentence):
        return False
    return any(n in subject for alts in names for n in alts.split("|"))


def _subject(text: str) -> str:
    """What a candidate's text is about: its title's head ("cameroon 2013" of "Cameroon 2013: joint
    workshop …"; "international treaty … (itpgrfa, plant treaty)"), at most OPENING characters."""
    head = text[:OPENING]
    ends = [i for i in (head.find(":"), head.find("："), head.find(")") + 1, head.find("）") + 1) if i > 0]
    return head[:min(ends)] if ends else head


OPENING = 160   # characters at the start of a text that may name what it is about
_HOSTED = re.compile(r"\b(it|which) (is|was) (hosted|based|located|headquartered) (by|in|at)\b|由[^，。；]{0,16}托管")
_SEAT = re.compile(r"\b(secretariat|headquarters|seat)s? (is |are |was )?(in|at|based in|located in|hosted by)\b|"
                   r"(秘书处|总部)[^，。；]{0,6}(设在|位于)|秘书处由[^，。；]{0,16}托管")
_SEAT_OR_HOST = re.compile(f"{_SEAT.pattern}|{_HOSTED.pattern}")
_SEAT_ASKED = re.compile(r"secretariat|headquarter|秘书处|总部", re.IGNORECASE)


# a place named where something happened: "in Punta del Este", "在埃斯特角城举行" (not "in June", "in the")
_EVENT_PLACE = re.compile(r"\b(in|at) (?!(January|February|March|April|May|June|July|August|September|October|"
                          r"November|December|The|A|An|Its|Their)\b)[A-Z][a-z\u00c0-\u024f-]+|"
                          r"在[\u4e00-\u9fff·]{2,12}(举行|召开|举办|签署|通过|发布|启动|成立)")
# an amount of money (VALUES["amount"] without its shares, with currencies named in words)
_MONEY = re.compile(_CURRENCY + r"|先令|卢比|\d[\d,.]*\s*(million|billion|bn|m\b)|"
                    r"\b(shillings?|rupees?|dollars?|euros?|francs?)\b", IC)
COUNT_REACH = 30  # characters before a counted noun its number may stand ("27 full members from")
COUNT_AFTER_HAN = 12  # after it, through 为/共/达 ("股东总数为 12,345 户")
_COUNT_LINK = re.compile(r"\s*(总数|人数|数量|数目|总计|合计)?\s*(为|共计|共有|共|达到|达|计|超过|逾|约|近|将近|多达)")


def _counted_after(value: re.Pattern[str], after: str) -> bool:
    """Chinese gives a count after its noun through a link ("股东总数为 12,345 户", "成员共 27 名"),
    not any number that follows ("成员和所有七个秘书处")."""
    link = _COUNT_LINK.match(after)
    return link is not None and value.search(after[link.end():]) is not None
COUNT_REACH_HAN = 10  # the same in Chinese, denser ("共有 27 名成员", not "七个公约的主席团或常务委员会成员")


# Capitalised words inside a question that are no names.
COMMON_WORDS = frozenset("""i the a an and or but what which who how when where why is are do does did can
could should would will may must our my we you they their its in on at for from of to with by about
please thanks sourcebook convention conventions national focal points point secretariat parties party
government ministry act law""".split())
