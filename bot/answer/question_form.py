"""What a question asks for, read from its form, and what a sentence that answers it looks like.

The lead is chosen for answering, not only for matching: "any shortcuts?" wants the option that
solved a problem (never the problem restated), "who / which country / 哪个" wants the sentence that
names it, "how much / when / how many" wants the sentence with the amount, the date, the number.
"""

from __future__ import annotations

import functools
import re

from bot.answer.decline import VALUES, holds_answer
from bot.answer.question_cues import AGENT, CUES, FIND, STUCK
from bot.answer.question_slots import WHEN_ZH, Slot, asked_slot
from bot.answer.slot_nouns import SEATS_EN
from index import has_han
from index.stopwords import STOP_WORDS

IC = re.IGNORECASE

_WHO = re.compile(r"(^\W*|[,;:]\s*|\b(and|so|but|then)\s+)(who|whom|whose|where)\b|\b(which|what) ((un|eu|national|international|regional|government|intergovernmental|scientific|"
                  r"technical|other) )?(country|countries|"
                  r"organi[sz]ation|body|agency|agreement|convention|treaty|region|network|institution|"
                  r"commission|one|bird agreement|city|place|town|capital|location|ministry|department|office|university|"
                  r"law|act|legislation|decree|statute|"
                  r"universities|museum|museums|institute|foundation|bank|society|council|centre|center|authority)\b|\bwhich of (the|them|these|those)\b|谁(?![也都])|哪个|哪些|哪家|哪国|哪里|哪儿|什么(国家|组织|机构|机制)|"
                  r"哪一个|哪位|哪几", IC)
# "is there …?", "有没有…": asks for an instance, a case that names who did it
_INSTANCE = re.compile(r"\b(is there|are there|any (example|examples|country|countries|case|cases|one|body|"
                       r"organi[sz]ation|network))\b|有没有|有哪些|举了哪|有什么例子|有例子", IC)
# "how do I find out how much…": a how question whatever it mentions
_HOW_FIRST = re.compile(r"^\W*(how (do|can|should|could|did|does) (i|we|they|one|countries|focal points)|"
                        r"怎么|如何|怎样)", IC)
_CHOICE = re.compile(r"\b([a-z-]{3,}) or ([a-z-]{3,})\W*$|([\u4e00-\u9fff]{2,4})(好)?还是([\u4e00-\u9fff]{2,4})", IC)
_HOW = re.compile(r"\b(how (do|can|could|should|did|does|to|have|has)|any (shortcuts?|advice|tips?|ideas?|"
                  r"options?|solutions?|way)|what (else )?(can|should|could) (we|i|one|a country|focal points?)|"
                  r"what (would|might|could|can|will) help|what are (the|my|our|some|their) options|"
                  r"ways? to|solutions?|workaround|what (options|solutions)|"
                  r"what (did|has|have) [\w' -]{1,40}? (do|done)(?! with)(?= |$|\W)|"
                  r"what (do|should|can|could|shall) (we|i|one) do|what to do|what can be done)\b|"
                  r"做了什么|做了哪些|采取了什么|采取了哪些|怎么办|怎么|如何|怎样|有啥办法|"
                  r"(?<!你)(能|可以|该|应该|要|还能)做(些|点)?什么|(有什么|有何|有啥)建议|"
                  r"有什么办法|有没有办法|办法|对策|出路|怎么弄|咋(?!回事|样|了|的)|"
                  # "能不能合起来搞？", "可不可以一起交？": whether it can be done, asked by someone who wants it done
                  r"能不能|可不可以|能否|可否", IC)
_AMOUNT = re.compile(r"\bhow much\b|\bwhat (is|was|were|are) (the |its |their )?([\w-]+ ){0,2}(budget|cost|price|amount|"
                     r"revenue|income|fee)s?\b|\bwhat (share|percentage|proportion|fraction|part|cut|portion|slice)\b|多少钱|多少资金|多少经费|花了多少|"
                     r"是多少|百分之(多少|几)|多大比例|多少比例|"
                     # "门票钱分多少给社区", "能拿到多少": a share or a sum handed on
                     r"(分|拿|给|留|返还|提)(了|到|出)?多少(?!个|种|名|人|项|家|位|条|份|次|处|国)|几成", IC)
# "Where is …?", "which city …", "在哪里": a sentence that says where (“its secretariat in Yaoundé”)
_WHERE = re.compile(r"^\W*(and |so )?where\b|\b(which|what) (city|place|town|capital|location)\b|在哪|哪里|哪儿|"
                    r"哪个城市|什么地方", IC)
_PLACE = re.compile(r"\s(in|at) (the )?(?!Sourcebook\b)[A-Z][a-z\u00c0-\u024f-]+")
_PLACE_ZH = re.compile(r"在[\u4e00-\u9fff]{2,6}(签署|通过|举行|召开|设立|托管)|设在|位于|总部|托管")
# (几 after 把/将/好 is "several": "把几个公约的报告合在一起写", "好几个")
_COUNT = re.compile(r"\bhow many\b|多少(个|种|名|人|项|家|位|条|份|次|处|国|老百姓|百姓|群众|民众|居民|村民|游客)|(?<![哪把将好])几(个|种|名|项|家|位|条|份|次|处|国)", IC)
_WHEN = re.compile(r"^\W*(and |so )?when\b|\bwhen (is|was|are|were|did|does|do|will)\b(?!.*\bhow\b)|"
                   r"\bwhat years?\b|\bwhich years?\b|\bwhat (period|time ?frame)\b|\b(what|which) (date|day|month)\b(?!-)|"
                   r"\b(at|in) (which|what) (meeting|session|conference|cop|mop)\b|哪几年|哪些年|什么期间|"
                   + WHEN_ZH + r"|哪一年|哪年|哪一?天|几月几[号日]|哪个月|哪一个?月|"
                   r"哪一?次(会议|大会|缔约方|会)|哪一?届", IC)

# A sentence that states a problem rather than what was done about it.
_PROBLEM = re.compile(r"\b(burden|burdensome|barriers?|obstacles?|challenges?|lack|lacking|shortage|"
                      r"hinder|hamper|hampers|difficult|difficulty|difficulties|problems?|fragmented|"
                      r"scattered|duplication|weak|insufficient|not enough|gap)\b|负担|障碍|挑战|缺乏|不足|"
                      r"困难|阻碍|分散|重复|薄弱|问题|缺口", IC)
_OPTION = re.compile(r"\b(can|could|option|options|by|through|use[sd]?|using|joint|online|shared?|"
                     r"harmoni[sz]e[sd]?|streamlin\w*|integrat\w*|developed|set up|built|brings? together|"
                     r"adopted|helped|overcame|overcome|so that|to cut|reduce[sd]?|solution|should|"
                     r"recommend\w*)\b|可以|能够|通过|利用|联合|统一|在线|共享|建立|开发|汇聚|采用|克服|减少|"
                     r"简化|整合|办法|选择|应当|应该|建议", IC)
# "despite the difficulties, both systems proved valuable": a problem overcome, said as an outcome
_OVERCOME = re.compile(r"\b(despite|in spite of|although|though|even with)\b.{0,80}\b(proved|proven|have been|has been|"
                       r"succeeded|worked|managed)\b|(尽管|虽然|即使).{0,60}(证明|成功|仍然|仍|但)", IC)
# A sentence that opens by pointing back at something it does not name.
_DANGLING = re.compile(r"^(it|its|this|these|those|that|they|their|there|such|one such|the same|he|she|"
                       r"both|the latter|the former|here|therefore|thus|hence|so|however|also|on the one hand|"
                       r"on the other hand|moreover|furthermore|in addition|besides|likewise)\b|^(该|此(?![前后])|这|那|"
                       r"其|它|他们|她们|它们|同一|上述|前者|后者|两者|这些|这种|这一|此外|另外|同时|然而|因此|"
                       r"所以|因而|但|不过|一方面|另一方面)|^[\d一二三四五六七八九十]+[)）.、]|^[，,;；:：)）]", IC)


# A year the question names ("… in 2010?"): the value dated by it answers
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "When our government splits its GEF money, at what stage …?": a clause that sets the scene
_SETTING = re.compile(r"^\W*(when|if|once|while|since|as|because|although|though|after|before)\b"
                      r"(?!\s+(is|was|are|were|did|does|do|will|can|could|should|would|has|have|had)\b)"
                      r"[^,;?]{8,},\s*", IC)
# Chinese clauses: the question is asked in the last one ("听说有个会，……，这是哪个会啊")
_ZH_CLAUSE = re.compile(r"[，,；;：:]")


def question_kind(question: str) -> str | None:
    """"amount", "count", "when", "size" (how big / 多大), "who" (who / which country / 哪个, and "is there / 有没有",
    which ask for an instance), "how" (how / 怎么办 / shortcuts), "choice" ("formal or
    informal?"), or None for an open question. Read from where the question is asked: an English
    question without its opening setting clause, a Chinese one from its last clause first."""
    question = _SETTING.sub("", question)
    if re.search(r"[\u4e00-\u9fff]", question):
        last = _ZH_CLAUSE.split(question.rstrip("？?！!。 "))[-1]
        if last != question:
            kind = _kind(last)
            if kind is not None:
                return kind
    return _kind(question)


# "巴西是咋摸清…花了多少钱的": how a value was found out, asked before the value
_HOW_ZH = re.compile(r"怎么|咋|如何|怎样")


def _kind(question: str) -> str | None:
    if _HOW_FIRST.search(question):
        return "how"
    if STUCK.search(question):
        return None  # an open question whose cue is the problem (question_cues.CUES), not a place
    if FIND.search(question):
        return None  # an open question whose cue is the website or system (question_cues.CUES)
    how = _HOW_ZH.search(question)
    value = _AMOUNT.search(question) or _COUNT.search(question)
    if how is not None and value is not None and how.start() < value.start():
        return "how"
    if _SIZE.search(question) and not _AMOUNT.search(question) and not _COUNT.search(question):
        slot = asked_slot(question)  # "how big was the pot?" asks an amount of money
        return "amount" if slot is not None and slot.kind == "amount" else "size"
    for kind, pattern in (("amount", _AMOUNT), ("count", _COUNT), ("when", _WHEN), ("who", _WHO),
                          ("how", _HOW), ("who", _INSTANCE), ("choice", _CHOICE)):
        if pattern.search(question):
            return kind
    return None


def asks_instance(question: str) -> bool:
    """Whether the question asks for an instance ("is there …?", "有没有…", "any example?"): one
    asked by someone who has the problem, as a "how" question is."""
    return _INSTANCE.search(question) is not None


def asks_place(question: str) -> bool:
    """Whether the question asks where ("which town hosted it?", "在哪儿"): a place answers it."""
    return _WHERE.search(question) is not None


def asks_agent(question: str) -> bool:
    """Whether the question asks who did something ("who runs / built / chairs …", "由谁担任"), or
    says nothing of what it asks (then any organisation named may answer it): not "写给谁看"."""
    cues = asked_cues(question)
    return not cues or CUES[AGENT][1] in cues


def asks_agent_said(question: str) -> bool:
    """Whether the question says it asks who does something ("who runs …", "哪个单位牵头"), not
    only "who …?": then a sentence naming an office or organisation by its kind answers it."""
    return CUES[AGENT][1] in asked_cues(question)


@functools.lru_cache(maxsize=256)
def asked_cues(question: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of the sentences that say what the question asks about (read once per
    question, not once per sentence)."""
    return tuple(a for q, a in CUES if q.search(question))


# "用的是啥数据 / 什么工具 / what data did they use": the noun the answer is one of
_ASKED_NOUN_ZH = re.compile(r"(?:啥|什么|哪种|哪类)(?!时候|时间|意思|关系|样|的)([\u4e00-\u9fff]{2})(?=[？?。！!，,吗呢]|$)|"
                            r"(?<![这那])([\u4e00-\u9fff]{2})(?:是什么|是啥|有哪些|是哪些)(?=[？?。！!]|$)")
_ASKED_NOUN_EN = re.compile(r"\bwhat (?:kinds?|sorts?|types?) of ([a-z]{3,})\b|\b(?:what|which) ([a-z]{3,})\b "
                            r"(?:did|do|does|was|were|is|are|has|have)\b|\bwhat (?:is|was|are|were) (?:the|its|their) "
                            r"(?:main|key|biggest|chief|most important|primary) ([a-z]{3,})", IC)


@functools.lru_cache(maxsize=256)
def asked_noun(question: str) -> re.Pattern[str] | None:
    """An open question's asked noun ("用的是啥数据" -> 数据, "what data did Brazil use" -> data):
    a sentence that holds it says what was asked. None when the question asks no such noun."""
    m = _ASKED_NOUN_ZH.search(question) or _ASKED_NOUN_EN.search(question)
    if m is None:
        return None
    noun = next(g for g in m.groups() if g).lower()
    if noun in STOP_WORDS or noun in _QUESTION_WORDS:
        return None
    if noun.endswith("s") and len(noun) > 4 and not noun.endswith("ss"):
        noun = noun[:-1]
    return re.compile(re.escape(noun) if has_han(noun) else rf"\b{re.escape(noun)}", IC)


def dangling(sentence: str) -> bool:
    """Whether the sentence opens with a reference it does not resolve ("It is…", "该…")."""
    return _DANGLING.search(sentence.strip()) is not None


def fit(kind: str | None, sentence: str, question: str = "") -> float:
    """How well a sentence answers a question of this kind (0 when the kind asks nothing in
    particular; a "who" question is scored by the lead, which knows whom each citation is about).
    A count is best answered by a number beside what is counted ("63 … examples")."""
    low = sentence.lower()
    if kind == "size":
        return 2.0 if _AREA.search(low) else 0.0
    if kind in ("amount", "count", "when"):
        value = _value_fit(kind, low, question)
        return value + (1.0 if value > 0 and any(y in low for y in _YEAR.findall(question)) else 0.0)
    return _fit(kind, sentence, low, question)


def _value_fit(kind: str, low: str, question: str) -> float:
    if kind == "count":
        if not VALUES["count"].search(low):
            return 0.0
        # the number counts what was asked ("has 27 members", "四个目标", "共 11 人"): it answers;
        # the noun elsewhere in the sentence ("一个段落…共同目标") does not make it an answer
        if counts_asked(question, low):
            return 3.0
        m = re.search(r"\bhow many ([a-z-]+)", question, IC) or re.search(r"(?:多少|(?<!哪)几)(?:个|种|名|位|家|项|条|份|次|处)?([\u4e00-\u9fff]{2})", question)
        noun = m.group(1).lower() if m else ""
        noun = noun[:-1] if noun.endswith("s") and len(noun) > 4 else noun
        return 0.75 if noun and noun in low else 0.5
    if kind == "amount":
        return 2.0 if VALUES["amount"].search(low) else 0.0
    if _PERIOD.search(question) and _SPAN.search(low):  # "what years does it run for?": "2015-2030"
        return 3.0
    return 2.0 if VALUES["date"].search(low) else 0.0


# "how big is it / 多大 / 面积": a size, answered by an area ("5,602.67 km²", "4% of the country")
_SIZE = re.compile(r"\bhow (big|large)\b|\b(size|area) of\b|\bhow many (hectares|acres|square)\b|"
                   r"多大(?!比例|规模|年纪|岁|作用|用处|影响|意义)|多少平方|面积|占地", IC)
_AREA = re.compile(r"\d[\d,.]*\s*(km²|km2|sq\.? ?km|square (kilometres|kilometers|miles)|hectares?|ha\b|acres?|"
                   r"平方公里|平方千米|公顷|万公顷)|\d[\d.]*\s*%\s*of (the |its )?(country|territory|land)|"
                   r"(国土|领土)(面积)?的\s*\d|占[^，。；]{0,8}(国土|领土)")
# A question for a period, and a span of years that answers it
_PERIOD = re.compile(r"\b(what|which) years\b|\bwhat (period|time ?frame)\b|\b(run|runs|last|lasts|cover|covers) "
                     r"(for|from)\b|哪几年|哪些年|什么期间|期限|为期|从哪年到哪年", IC)
_SPAN = re.compile(r"\b(19|20)\d\d\s*[-–]\s*(19|20)?\d\d\b|(19|20)\d\d\s*(-|–|至|到)\s*(19|20)\d\d\s*年")


# "多少人 / 几个目标": the classifier (and the noun after it) the number must stand with
_ZH_COUNTED = re.compile(r"(?:多少|(?<!哪)几)(个|种|名|人|位|家|项|条|份|次|处|国)([\u4e00-\u9fff]{0,2})")
# everyday words for people counted as 人: "有多少老百姓受益" is answered by "90 多万人从中受益"
_ZH_FOLK = re.compile(r"(?:多少|(?<!哪)几)(?:个|名|位)?(?:老百姓|百姓|群众|民众|居民|村民)")
# a number as Chinese writes it before its classifier: "11 人", "四个", "90 多万人", "3.5 万公顷"
_ZH_NUMBER = r"(?:\d[\d,.]*|[一二两三四五六七八九十百千]+)\s*(?:多)?(?:万|亿)?(?:多)?\s*"


@functools.lru_cache(maxsize=256)
def _count_slot(question: str) -> Slot | None:
    slot = asked_slot(question)
    return slot if slot is not None and slot.kind == "count" and slot.nouns else None


def counts_asked(question: str, low: str) -> bool:
    """Whether a lower-case sentence gives the number of what a count question counts: a number
    just before the counted noun (bot/answer/decline.holds_answer, the check that the knowledge
    holds the value), or in Chinese a number with the question's classifier ("共 11 人", "四个目标")."""
    slot = _count_slot(question)
    if slot is not None and holds_answer(slot, [low], ()):
        return True
    m = _ZH_COUNTED.search(question)
    if m is None and _ZH_FOLK.search(question):
        return re.search(r"(?<![第\d])" + _ZH_NUMBER + "(?:名|位)?人", low) is not None
    if m is None:
        return False
    unit, noun = m.group(1), m.group(2)
    if unit == "个" and noun:  # 几个目标 -> 四个目标 (not 一个段落); 几个人参加 -> 共 11 人
        nouns = [noun[:2]] + ([noun[:1]] if noun[:1] in "人国" else [])
        # (a short modifier may stand between: "17 项多边环境协定" counts 协定)
        return re.search(r"(?<![第\d])" + _ZH_NUMBER + "(?:(?:个|名|位|项|种)[\u4e00-\u9fff]{0,4}?)?(?:"
                         + "|".join(map(re.escape, nouns)) + ")", low) is not None
    return re.search(r"(?<![第\d])" + _ZH_NUMBER + re.escape(unit), low) is not None


# An organisation or an office named by its kind: "an Administrative Authority", "the Ministry of
# …", "行政管理机构", "森林和土壤保护部" (a capitalised English word: a name, not "the ministries")
_HOLDER = re.compile(r"\b(Authority|Authorities|Ministry|Ministries|Department|Agency|Commission|Office|"
                     r"Institute|Council|Committee|Bureau|Centre|Center|Secretariat|Museum|University|"
                     r"Service|Minister|President|Society)\b|[\u4e00-\u9fff](?<![内外全局大细一])(部|局)(?![分门])|"
                     r"委员会|办公室|研究所|研究院|管理机构|主管机构|大学|博物馆|秘书处|总统")


def names_holder(sentence: str) -> bool:
    """Whether a sentence names an organisation or an office by its kind (for "who runs it?")."""
    return _HOLDER.search(sentence) is not None


# "which organisation / body / initiative …", "by whom", "哪个机构 / 组织 / 倡议": any body named by
# its name answers (the kinds with a name of their own, "which university / 哪个部", are lead_candidates')
_BODY_ASKED = re.compile(r"\b(which|what) (\w+ )?(organi[sz]ations?|bod(y|ies)|agenc(y|ies)|institutions?|"
                         r"initiatives?|programmes?|programs?|partners?|donors?|ngos?)\b|\bby whom\b|"
                         r"哪(个|些|一个|家)[\u4e00-\u9fff]{0,4}?(机构|组织|单位|部门|倡议|计划|项目|伙伴|捐助方)|什么(机构|组织|倡议)", IC)
# A body by its name: an acronym ("SYKE", "UNEP-WCMC"), or a Chinese name with the kind at its end
_BODY_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)*\b|"
                        r"[\u4e00-\u9fff]{2,}(?:署|局|中心|研究所|研究院|委员会|办公室|协会|学会|基金会|倡议|秘书处|大学|"
                        r"博物馆|部(?![门分委]))")


def asks_body(question: str) -> bool:
    """Whether a question asks which organisation, body or initiative did or is something."""
    return _BODY_ASKED.search(question) is not None


def names_body(sentence: str, question: str, topics: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence names a body by its name that the question does not name (nor one of
    `topics`, acronyms that name what is talked about: "CBD", "NBSAP")."""
    said = question.upper()
    return any(m.group(0).upper() not in said and m.group(0).upper() not in topics
               for m in _BODY_NAME.finditer(sentence))


def _fit(kind: str | None, sentence: str, low: str, question: str) -> float:
    if kind == "who" and _WHERE.search(question):
        return 2.0 if _PLACE.search(sentence) or _PLACE_ZH.search(sentence) else 0.0
    if kind == "choice":
        m = _CHOICE.search(question)
        options = [o.lower() for o in (m.groups() if m else ()) if o and o != "好"]
        return 3.0 if options and all(o in low for o in options) else 0.0
    if kind == "how":
        option = _OPTION.search(sentence) is not None or _OVERCOME.search(sentence) is not None
        problem = _PROBLEM.search(sentence) is not None
        return (1.5 if option else 0.0) - (2.0 if problem and not option else 0.5 if problem else 0.0)
    return 0.0


# What a one-fact question asks besides what it names: not its question words, nor function words.
_QUESTION_WORDS = frozenset("when where who whom whose which what how year years city place country countries "
                            "many much share percentage proportion".split())
# Characters of Chinese question and function words: a two-character piece holding one is not asked
_ZH_FUNCTION = frozenset("哪一年是的了吗呢么什多少几谁个在有和与给把被对从到去这那其它该啥咋")


# Where something sits, said in any of these words: one asked word, whichever a sentence uses.
_SEAT_WORDS = frozenset({"office", "offices", "secretariat", "headquarters", "headquartered", "seat", "based",
                         "located", "hosted", "housed"})
_SEAT = re.compile(rf"\b({SEATS_EN}|housed)")


# "its first workshop": the founding or inaugural one, whichever word a sentence uses
_FIRST = re.compile(r"\b(first|founding|inaugural|initial)\b|首次|首届|第一次|第一届")


@functools.lru_cache(maxsize=256)
def asked_words(question: str, named: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    """The words a one-fact question asks with, besides the things it names (`named`, lower
    case): "signed", "enter into force", "hosts", "加入" ("When was the Ramsar Convention
    signed?" is answered by the sentence that says it was signed, not by any sentence with a
    date). English words as stems ("hosts" finds "hosted"); Chinese as two-character pieces."""
    low = question.lower()
    for name in sorted(named, key=len, reverse=True):
        if name in _SEAT_WORDS or name.removesuffix("s") in _SEAT_WORDS:
            continue  # "where is its secretariat?": the glossary's term is still the word asked with
        low = low.replace(name, " ")
    out: list[re.Pattern[str]] = []
    for word in dict.fromkeys(re.findall(r"[a-z][a-z-]{2,}", low)):
        if word == "first":  # "its first workshop": the founding or inaugural one
            out.append(_FIRST)
            continue
        if word in STOP_WORDS or word in _QUESTION_WORDS:
            continue
        if word in _SEAT_WORDS:  # "where's its office?": "hosted by FAO in Rome" says where it sits
            out.append(_SEAT)
            continue
        stem = word
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                stem = word[:-len(suffix)]
                break
        out.append(re.compile(rf"\b{re.escape(stem)}"))
    for run in re.findall(r"[\u4e00-\u9fff]{2,}", low):
        for i in range(len(run) - 1):
            piece = run[i:i + 2]
            if not any(ch in _ZH_FUNCTION for ch in piece):
                out.append(re.compile(re.escape(piece)))
    return tuple(dict.fromkeys(out))
