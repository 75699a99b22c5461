"""Questions that turn on a fact of a kind the knowledge does not hold for what they ask about.

"How much did Palau receive from the GEF?" shares Palau and the GEF with the knowledge, and the GEF
items hold sums of money; but no sentence gives a sum for Palau. Answering with the GEF-5 envelope
would mislead. So the question's *slot* (what kind of fact it asks for: an amount, a count, a date,
a person in office, a law, a procedure) is read from its form, and the best candidates are checked
for a sentence that holds a value of that kind together with what the question is about (its
names and the thing the slot is about: the fee, the quota, the law). A question about the present
("this year", "现任", "right now") asks for a value the 2015 Sourcebook cannot give, and a task
("write me a letter", "帮我翻译") is not a question at all: both are declined whatever matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from index import has_han, to_simplified
from index.sentences import sentence_spans

IC = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str            # amount | count | date | person | law | procedure | current | task
    what: str            # the words of the question that ask for it
    nouns: tuple[str, ...] = ()  # what the value is about (fee, quota, 会费): a sentence must name it


_TASK = re.compile(
    r"^(please |pls |can you |could you |would you |help me |i need you to )*(write|draft|compose|"
    r"translate|prepare|fill (in|out)|proofread|edit|summari[sz]e|send|rewrite)\b.{0,60}\b(letter|"
    r"e-?mail|speech|note|report|statement|message|document|summary|submission|text|presentation|"
    r"memo|minutes|application|proposal|answer|reply|into)\b|"
    r"^(请|麻烦|能不能|可以)?(你)?(帮我|替我|给我|帮忙)(把.{0,20})?(写|起草|拟|翻译|准备|填写|修改|润色|总结|编写)|"
    r"^(请|麻烦)(写|起草|拟|翻译)(一|个|份|封|篇)", IC)
_NOW = re.compile(r"\b(next year|right now|currently|current|at the moment|at present|presently|today|"
                  r"this year|nowadays|these days|still|latest|most recent|newest|as of now|now)\b|"
                  r"现在|目前|当前|今年|明年|如今|最新|现任|眼下|至今|仍然|还在", IC)
# the future: nothing from 2015 can answer it
_FUTURE = re.compile(r"\bnext year\b|明年|后年|下一届|下届", IC)
# "should we find out how much…", "需不需要搞清楚花了多少钱": the amount is not what is asked
_WHETHER = re.compile(r"\b(should|do|must|need) (we|i|focal points|countries) (need to |have to )?(know|find out|"
                      r"track|understand|figure out|work out|map|add up|count)\b|\bis it (worth|useful|"
                      r"important) to\b|\b(estimate|assess|calculate|measure|map|track)(d|ed|s)? (how much|how many)\b|"
                      r"估算|测算|评估|统计|计算|算出|需不需要|要不要|是否(需要|应该)|有没有必要|应不应该|该不该", IC)
# what a question about the present asks for, besides the slots below: a species' state
_STATUS = re.compile(r"\b(endangered|vulnerable|threatened|extinct|status|population|recovering|"
                     r"declining|listed|price|prices|raised|increase[sd]?)\b|濒危|易危|灭绝|种群|数量|"
                     r"涨价|降价|价格|状况|状态", IC)
# what an amount of money is called, for the size forms of an amount question ("how big was …")
_MONEY = (r"(amount|budget|budgets|price|prices|cost|costs|fee|fees|contribution|contributions|"
          r"funding|spending|expenditure|grant|allocation|revenue|income|sum)")
_SLOTS: list[tuple[str, re.Pattern[str]]] = [
    ("law", re.compile(r"\b(law|laws|act|legislation|regulation|regulations|decree|bylaws?|statute)\b"
                       r".{0,40}\b(say|says|said|require|requires|allow|allows|passed|adopted|enacted|"
                       r"state|states|provide|provides)\b|(保护|管理|促进|防治|安全|资源|动物|植物|湿地|森林|公园|环境|"
                       r"多样性)(法|条例|法规|规章)|(条例|法规|法律|法案)(是|有|规定|怎么|哪|什么|里|中|对)", IC)),
    ("procedure", re.compile(r"\bhow (do|can|should|would|could) (i|we|one|a country|our country) "
                             r"(apply|register|submit|nominate|fill (in|out)|obtain|request|renew)\b|\bwhat (are|is) the (steps|procedure|process) (to|for)\b|"
                             r"\bprocedure (to|for)\b|(申请|办理|报名|提交|填写|缴纳|报销)(流程|手续|程序|"
                             r"步骤|怎么|如何)|(怎么|如何|怎样)(申请|办理|报名|提交|填写|缴纳|报销)|"
                             r"(审批|申请)(流程|手续|程序)", IC)),
    ("person", re.compile(r"\bwho (is|are|was|were) (the |a )?(current |present |new |acting |"
                          r"incoming )?(\w+ ){0,3}(secretary|minister|chair|chairman|chairperson|"
                          r"president|director|head|coordinator|commissioner|executive|officer)\b|"
                          r"\bwho (chairs|heads|leads|runs|directs)\b|现任|(秘书长|部长|主席|主任|局长|"
                          r"负责人|执行秘书|署长|司长|处长)(是谁|叫什么|是哪位)|谁是.{0,10}(秘书长|部长|"
                          r"主席|主任|局长|负责人)", IC)),
    ("amount", re.compile(r"\bhow much\b|\b(what|which) (is|was|are|were) (the |[\w'’-]+ ){0,4}(amount|"
                          r"budget|price|cost|fee|fees|rate|contribution|quota|dues)\b|"
                          # "how big was Uganda's budget", "the size of the budget": a size is an amount
                          r"\bhow (big|large|high|low|small) (is|was|are|were) (the |[\w'’-]+ ){0,6}"
                          rf"{_MONEY}\b|\b(size|scale|level) of (the |[\w'’-]+ ){{0,6}}{_MONEY}\b|\b(quotas?|"
                          r"tickets?|exchange rate|entry fees?|dues)\b|多少钱|多少资金|多少经费|多少费用|"
                          r"是多少|有多少钱|给了多少|收到多少|拿到多少|会费|门票|票价|汇率|配额|"
                          r"(预算|费用|经费|价格|捐款|拨款)[^，。？?]{0,6}(多少|怎么算|几)", IC)),
    ("count", re.compile(r"\bhow many\b|\bwhat is the number of\b|多少(个|种|名|人|处|项|家|位|份|次)|"
                         r"(有|是|派了?|共|一共|总共)几(个|种|名|处|项|家|位|份|次)|有多少", IC)),
    ("date", re.compile(r"\bwhen (is|was|are|were|does|did|will|do|should|must)\b|\bwhat (year|date|"
                        r"day|month|time)\b|\bwhich (year|date|month)\b|\bsince when\b|\bin what year\b|"
                        r"什么时候|何时|哪一年|哪年|几月|几号|哪天|哪一天|日期", IC)),
]
VALUES = {
    "amount": re.compile(r"us\$|\$|€|£|r\$|\bugx\b|\busd\b|\beur\b|美元|欧元|\d\s*元|亿|\d[\d,.]*\s*"
                         r"(million|billion|bn|m\b|%)|百分之|\d\s*%|\bper ?cent\b", IC),
    "count": re.compile(r"(?<![\d.(])(?!(1[89]|20)\d\d(?!\d))\d+(?![\d年)])|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"twenty|thirty|hundred|thousand|dozen)\b|[一二两三四五六七八九十百千万]+\s*"
                        r"(个|名|人|种|项|位|家|处|份|次|条|国)", IC),
    "date": re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)|\b(january|february|march|april|may|june|"
                       r"july|august|september|october|november|december)\b|\d+\s*月", IC),
}
# Nouns that say what an amount, count or person is about; a sentence must name one of them too.
_NOUNS = {
    "fee": ("fee", "费", "门票", "ticket", "dues"), "fees": ("fee", "费"), "dues": ("dues", "fee", "会费"),
    "budget": ("budget", "预算"), "quota": ("quota", "配额"), "quotas": ("quota", "配额"),
    "price": ("price", "价格", "票价"), "ticket": ("ticket", "门票", "entry fee"),
    "exchange rate": ("exchange rate", "汇率"), "contribution": ("contribution", "捐款", "会费"),
    "contributions": ("contribution", "捐款", "会费"),
    "会费": ("会费", "dues", "contribution"), "预算": ("预算", "budget"), "配额": ("配额", "quota"),
    "门票": ("门票", "票价", "entry fee", "ticket"), "票价": ("门票", "票价", "ticket"),
    "汇率": ("汇率", "exchange rate"), "捐款": ("捐款", "contribution", "捐"), "费用": ("费用", "fee", "cost"),
    "经费": ("经费", "funding", "资金"),
    "secretary": ("secretary", "秘书"), "minister": ("minister", "部长"), "chair": ("chair", "主席", "主持"),
    "director": ("director", "主任", "局长"), "秘书长": ("秘书长", "secretary"), "部长": ("部长", "minister"),
    "主席": ("主席", "chair"), "局长": ("局长", "director"), "主任": ("主任", "director"),
}
# A small vocabulary of counted things: the words a sentence may use for what a count question
# names. Events first: "how many people died" is answered by "189 fatalities" or "189人遇难",
# which name the event, not the people (question words -> the sentence's words, both languages).
_EVENTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(die[ds]?|dying|dead|deaths?|killed|fatalit(y|ies)|casualt(y|ies)|lost (their )?lives)"
                r"\b|死亡|遇难|丧生|罹难|身亡|死了|死者", IC),
     ("death", "dead", "died", "fatalit", "killed", "casualt", "lives lost", "their lives", "死亡", "遇难", "丧生", "罹难",
      "身亡", "死者")),
    (re.compile(r"\b(injur(ed|y|ies)|wounded|hurt)\b|受伤|伤者", IC),
     ("injur", "wounded", "hurt", "受伤", "伤者")),
)
# Counted nouns and the words that name the same things (singular stems, substrings of a sentence).
_COUNTED: tuple[tuple[str, ...], ...] = (
    ("people", "person", "individual"),   # not 人: nearly every Chinese sentence has it
    ("staff", "employee", "worker", "personnel", "员工", "职工", "工作人员"),
    ("member", "成员", "委员"),
    ("countrie", "country", "nation", "parties", "国家", "缔约方"),
    ("site", "地点", "站点", "样点"),
)
_LAW_NAME = re.compile(r"(\b[\w'-]+(?: [\w'-]+){0,3}) (law|act|legislation|regulations?|decree)\b|"
                       r"([\u4e00-\u9fff]{2,10}(法|条例|法规|规章|法律|法案))", IC)
_PROC_OBJECT = re.compile(r"\b(?:apply|register|submit|nominate|fill (?:in|out)|obtain|request|book|get|"
                          r"pay|renew)\b(?: for| to)? (?:an? |the |our |my )?([\w' -]{3,60}?)"
                          r"(?: to | at | for | in |\?|$)|(?:申请|办理|报名|提交|填写|缴纳|报销)([\u4e00-\u9fffA-Za-z]{2,12})",
                          IC)
_STOP = frozenset("the a an of to for in on at and or our my we i you it its is are do does did how "
                  "what which who can could should would this that with from by about".split())


def asked_slot(question: str) -> Slot | None:
    """The kind of fact the question turns on, read from its form; None for an open question
    ("how do focal points coordinate?", "which country mapped its spending?") or one that only
    mentions the fact ("should we know how much we spend?")."""
    q = to_simplified(question).strip()
    if _WHETHER.search(q):
        return None
    task = _TASK.search(q)
    if task:
        return Slot("task", task.group(0).strip())
    for kind, pattern in _SLOTS:
        m = pattern.search(q)
        if m is None:
            continue
        now = _NOW.search(q)
        if now and kind in ("person", "amount", "count", "date"):
            return Slot("current", now.group(0))
        nouns = _nouns(q, kind)
        return Slot(kind, nouns[0] if kind == "law" and nouns else m.group(0).strip(), nouns)
    now = _NOW.search(q)
    future = _FUTURE.search(q)
    if future:
        return Slot("current", future.group(0))
    if now and _STATUS.search(q):
        return Slot("current", now.group(0))
    return None


def _nouns(q: str, kind: str) -> tuple[str, ...]:
    low = q.lower()
    if kind == "law":
        m = _LAW_NAME.search(q)
        if m is None:
            return ()
        if m.group(3):  # 我们国家的湿地保护法 -> 湿地保护法
            return (re.split(r"[的之]", m.group(3))[-1],)
        words = [w for w in m.group(1).lower().split() if w not in _STOP and not re.search(r"['’]s?$", w)]
        return (" ".join(words),) if words else ()
    if kind == "procedure":
        m = _PROC_OBJECT.search(q)
        obj = (m.group(1) or m.group(2) or "").strip().lower() if m else ""
        return tuple(w for w in re.split(r"\s+", obj) if w and w not in _STOP) if obj else ()
    if kind == "count":
        events = [names for asks, names in _EVENTS if asks.search(q)]
        if events:  # "how many people died": the sentence names the deaths, not the people
            return tuple("|".join(names) for names in events)
        m = re.search(r"\bhow many ([a-z-]+)", q, IC) or re.search(r"多少(?:个|种|名|位|家|项)?([\u4e00-\u9fff]{2})", q)
        if m and m.group(1).lower() not in _STOP:
            word = m.group(1).lower()
            word = word[:-1] if word.endswith("s") and len(word) > 4 else word
            return ("|".join(next((names for names in _COUNTED if word in names), (word,))),)
        return ()
    found: list[str] = []
    for noun, variants in _NOUNS.items():
        if re.search(rf"(?<![a-z]){re.escape(noun)}(?![a-z])", low):
            found.append("|".join(variants))
    return tuple(found)


def holds_answer(slot: Slot, texts: Iterable[str], names: Sequence[str], years: Sequence[str] = ()) -> bool:
    """Whether one of `texts` (the best candidates' texts, in any language) has a sentence with
    a value of the slot's kind that also names what the question is about: `names` (its countries
    and organisations, each given as alternatives "Palau|帕劳") must all occur in the same text,
    and the slot's nouns (the fee, the quota, the law's name) and the `years` the question asks
    about ("the 2025 budget") in the sentence."""
    if slot.kind in ("task", "current"):
        return False
    for text in texts:
        low = to_simplified(text).lower()
        if not all(any(n in low for n in alts.split("|")) for alts in names):
            continue
        for a, b in sentence_spans(low):
            sentence = low[a:b]
            if all(y in sentence or y in _headings(low, a) for y in years) and \
                    (_sentence_holds(slot, sentence) or _table_amount(slot, sentence, _headings(low, a))):
                return True
    return False


def _table_amount(slot: Slot, sentence: str, headings: str) -> bool:
    """A table's figure is an amount when its unit of money is written where tables write it: in
    the row's label or column header ("营业收入（元）", "Budget (USD)") or in a unit line above the
    table ("单位：元", "In thousands of US dollars")."""
    return (slot.kind == "amount" and _FIGURE.search(sentence) is not None
            and all(any(v in sentence for v in alts.split("|")) for alts in slot.nouns)
            and (_UNIT_LABEL.search(sentence) is not None or _UNIT_LINE.search(headings) is not None))


# A figure with thousands separators or decimals, and units of money as tables give them.
_FIGURE = re.compile(r"(?<![\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.])-?\d+\.\d+(?![\d.%])")
_MONEY = r"(?:人民币)?(?:元|千元|万元|百万元|亿元|美元|欧元)|us\$|\$|usd|eur|rmb|cny|yuan|dollars?|euros?"
_UNIT_LABEL = re.compile(rf"[（(]\s*(?:{_MONEY})\s*(?:/[^）)]*)?[）)]", IC)
_UNIT_LINE = re.compile(rf"(?:单位|金额单位|币种|units?|currency)\s*[:：]\s*(?:{_MONEY})"
                        rf"|\bin (?:thousands|millions|billions) of (?:{_MONEY})", IC)


def holds_across(slot: Slot, texts: Iterable[str], names: Sequence[str],
                 years: Sequence[str] = ()) -> bool:
    """`holds_answer` for passages in the other language than the question's. Years and values
    read alike in both languages; a name or noun is checked through those of its alternatives
    written in the passage's script ("Palau|帕劳", "fatalities|死亡"). A passage that holds none of
    them for one of the question's names or nouns cannot confirm the value: it does not hold it
    (a wrong figure is worse than a decline)."""
    for text in texts:
        han = has_han(text)
        kept_names = [_in_script(alts, han) for alts in names]
        kept_nouns = tuple(_in_script(alts, han) for alts in slot.nouns)
        if all(kept_names) and all(kept_nouns) and slot.kind not in ("person", "law", "procedure") \
                and holds_answer(replace(slot, nouns=kept_nouns), [text], kept_names, years):
            return True
    return False


def _in_script(alternatives: str, han: bool) -> str:
    """The alternatives ("a|b|c") written in Chinese characters (han) or not; "" when none is."""
    return "|".join(a for a in alternatives.split("|") if a and has_han(a) == han)


def _headings(text: str, before: int) -> str:
    """The lines above position `before` that head what follows rather than state something: a
    title, a page or section heading, a table's header row ("2015年预算", "Table 2. Fees,
    2012-2014"): short, and not ending a sentence. A year there dates the rows below it."""
    lines = text[:before].splitlines()
    return "\n".join(line for line in lines
                      if 0 < len(line.strip()) <= HEADING_CHARS and not _ENDS.search(line.strip()))


HEADING_CHARS = 120
_ENDS = re.compile(r"[.!?。！？；;:：]$")


def _sentence_holds(slot: Slot, sentence: str) -> bool:
    if slot.kind == "law":
        name = slot.nouns[0] if slot.nouns else ""
        return bool(name) and all(w in sentence for w in name.split()) and (
            re.search(r"\b(act|law|legislation|regulation|decree)\b|法|条例", sentence) is not None)
    if slot.kind == "procedure":
        return bool(slot.nouns) and all(w in sentence for w in slot.nouns)
    if not all(any(v in sentence for v in alts.split("|")) for alts in slot.nouns):
        return False
    value = VALUES.get(slot.kind)
    if slot.kind == "person":
        return True  # the office is named in the sentence (nouns above) with the question's names
    return value is not None and value.search(sentence) is not None


# Capitalised words inside a question that are no names.
COMMON_WORDS = frozenset("""i the a an and or but what which who how when where why is are do does did can
could should would will may must our my we you they their its in on at for from of to with by about
please thanks sourcebook convention conventions national focal points point secretariat parties party
government ministry act law""".split())
