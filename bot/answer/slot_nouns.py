"""What a slot question names beside its value: "how much is the entry fee" -> fee (a sentence must
say the fee, not any amount); "how many people died" -> the deaths; "who wrote it" -> prepared by;
"how big is the buffer zone" -> a size's units. bot/answer/question_slots.py reads the slot's kind,
this reads its nouns, both languages; bot/answer/decline.py looks for a sentence with both."""

from __future__ import annotations

import re

from index import has_han

IC = re.IGNORECASE

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
    "经费": ("经费", "funding", "资金"), "allocation": ("allocation", "分配", "envelope"),
    "salary": ("salar", "wage", "pay", "工资", "薪"), "salaries": ("salar", "wage", "工资", "薪"),
    "wages": ("wage", "salar", "工资"), "per diem": ("per diem", "daily allowance", "补贴"),
    "分摊": ("分摊", "assess", "scale of"), "scale of assessment": ("scale of assessment", "assessed", "分摊"),
    "revenue": ("revenue", "income", "收入"), "income": ("income", "revenue", "收入"),
    "收入": ("收入", "revenue", "income"), "营收": ("营收", "收入", "revenue"),
    "penalty": ("penalt", "fine", "sanction", "罚"), "penalties": ("penalt", "fine", "sanction", "罚"),
    "fine": ("fine", "penalt", "罚"), "fines": ("fine", "penalt", "罚"), "sanction": ("sanction", "penalt", "罚"),
    "罚款": ("罚", "fine", "penalt"), "工资": ("工资", "薪", "salar", "wage"), "薪水": ("工资", "薪", "salar", "wage"),
    "focal point": ("focal point", "联络点", "联络人"), "contact": ("contact", "联系人", "联络人"),
    "联络人": ("联络人", "联络点", "focal point"), "联络点": ("联络点", "联络人", "focal point"),
    "secretary": ("secretary", "秘书"), "minister": ("minister", "部长"), "chair": ("chair", "主席", "主持"),
    "director": ("director", "主任", "局长"), "head": ("head", "director", "负责人", "主任", "局长", "manager", "经理"),
    "负责人": ("负责人", "head", "director", "主任", "局长", "manager", "经理"), "经理": ("经理", "manager"),
    "manager": ("manager", "经理"), "组长": ("组长", "leader", "chair", "主持"), "队长": ("队长", "leader", "chair"),
    "团长": ("团长", "leader", "head of delegation"), "秘书长": ("秘书长", "secretary"), "部长": ("部长", "minister"),
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
    # "how many people attended": those who took part, not the members of a body (a named group,
    # "how many stakeholders took part", is counted by its own noun)
    (re.compile(r"\bhow many (people|persons|individuals) (\w+ )?(attend(ed|s)?|participat(ed|es)?|took part|take part)\b|"
                r"多少人(参加|出席|参会|与会)|几个人(参加|出席|参会|与会)", IC),
     ("attend", "particip", "took part", "参加", "出席", "参会", "与会")),
    # "how many people go there a year", "一年有多少人去玩": the visits, however the sentence counts them
    (re.compile(r"\bhow many (visitors|tourists|visits)\b|\bhow many (people|persons) (\w+ ){0,2}(visit|go|come|travel)s?\b|"
                r"多少(游客|访客|人次|人)(?:会|要)?(去|来|到)?(那儿|那里|这里|那|这)?(玩|参观|游览|旅游|观光|到访|去|来)", IC),
     ("visit", "tourist", "游客", "人次", "到访", "游览")),
)
# everyday Chinese for people in general: counted as people ("有多少老百姓沾到了好处")
_FOLK = re.compile(r"^(老百姓|百姓|群众|民众|居民|村民|人们|人)")
# Counted nouns and the words that name the same things (singular stems, substrings of a sentence).
_COUNTED: tuple[tuple[str, ...], ...] = (
    # not 人: nearly every Chinese sentence has it; "how many people sit on it": its members
    ("people", "person", "individual", "member", "participant", "成员"),
    ("staff", "employee", "worker", "personnel", "员工", "职工", "工作人员"),
    ("member", "成员", "委员"),
    # how many Parties a convention has: counted as Parties ("八个非洲法语国家" came to a workshop)
    ("partie", "parties", "缔约方"),
    ("countrie", "country", "nation", "parties", "国家", "缔约方"),
    ("site", "地点", "站点", "样点"),
)
# A law named by its name, as written: "the Uganda Wildlife Act (2000)", "Law No. 7", 《国家公园和野生动物保护法》
NAMED_LAW = re.compile(r"\b(?:[A-Z][\w'’-]+ )+(?:Act|Law|Code|Decree|Ordinance|Regulations?)\b|\b(?:Act|Law|Decree) "
                       r"(?:No\.? ?)?\d|《[^》]{0,30}(?:法|条例|法规|法案|规定)》")
_LAW_NAME = re.compile(r"(\b[\w'-]+(?: [\w'-]+){0,3}) (law|act|legislation|regulations?|decree)\b|"
                       r"([\u4e00-\u9fff]{2,10}(法|条例|法规|规章|法律|法案))", IC)
_PROC_OBJECT = re.compile(r"\b(?:apply|register|submit|nominate|fill (?:in|out)|obtain|request|book|get|"
                          r"pay|renew|secure)\b(?: for| to)? (?:an? |the |our |my )?([\w' -]{3,60}?)"
                          r"(?: to | at | for | in |\?|$)|(?:申请|办理|报名|提交|填写|缴纳|报销)([\u4e00-\u9fffA-Za-z]{2,12})",
                          IC)
_STOP = frozenset("the a an of to for in on at and or our my we i you it its is are do does did how "
                  "what which who can could should would this that with from by about "
                  # what any amount is: "the share of ticket money" is a share of the tickets' takings
                  "money cash funds".split())


_UNITS = {"页": "页|page", "记录": "记录|record|entr", "数据": "数据|record|data", "只": "只|头|individual", "头": "头|只|individual", "人次": "人次|visit",
          "公顷": "公顷|hectare", "平方公里": "平方公里|km", "吨": "吨|tonne|ton"}
# words before the counted noun that only qualify it ("how many pilot countries", "how many Ramsar sites")
_QUALIFIERS = frozenset("pilot national local regional protected different other more new big large small "
                        "international global separate individual official formal informal".split())


# words after a counted noun that are not a plural it qualifies ("how many people does it have")
_NOT_COUNTED = frozenset("does has was is its this us".split())


def _counted_word(q: str) -> re.Match[str] | None:
    """"how many Ramsar sites does…" -> sites: the word after "how many", past names and qualifiers."""
    # (a word may hold dots: "how many U.S.-registered airplanes" -> airplanes, not "U")
    m = re.search(r"\bhow many ([A-Za-z][A-Za-z.-]*)((?: [A-Za-z][A-Za-z.-]*){0,2})", q, IC)
    if m is None:
        return None
    words = [m.group(1), *m.group(2).split()]
    i = 0
    while i + 1 < len(words) and (words[i][:1].isupper() or words[i].lower() in _QUALIFIERS
                                  or words[i].lower().endswith("ed")
                                  # a noun before the plural it qualifies: "how many location records"
                                  or (not words[i].lower().endswith("s") and words[i + 1].lower().endswith("s")
                                      and words[i + 1].lower() not in _NOT_COUNTED)):
        i += 1
    return re.search(rf"({re.escape(words[i])})", q)


def _dated_noun(q: str) -> str:
    """The thing an English "when is / was the X" question dates, by its last lower-case word
    ("the EU BON final conference" -> conference); "" for an act ("when was it signed") or a name."""
    m = _WHEN_IS.search(q)
    words = re.findall(r"[A-Za-z][\w-]*", m.group(1)) if m else []
    head = words[-1] if words else ""
    if not head.islower() or head in _STOP or head in _NOT_DATED or _ACT_WORD.search(head):
        return ""
    return head[:-1] if head.endswith("s") and len(head) > 4 else head


_WHEN_IS = re.compile(r"\bwhen (?:is|was|are|were|will be) (?:the |a |an |its |their |this |that |[\w-]+['’]s )?"
                      r"(.+?)\s*(?:going to be |to be )?(?:held|taking place|take place|happening|due|scheduled|"
                      r"out|over)?\s*\??\s*$", IC)
_ACT_WORD = re.compile(r"ed$|(?<!meet)(?<!ther)(?<!hear)(?<!brief)ing$")   # "founding": an act; "meeting": a thing
_NOT_DATED = frozenset("written held made done built begun born taken given run set up out it this that they "
                       "next last first year date time day".split())


# the noun after a modifier ending in 的 (多少个权重最高的实体: 实体), an alternative only: it may
# be what is counted or not (多少家报纸的文章 counts the papers); no owner of the count either
_HEAD = re.compile(r"多少(?:个|种|名|位|家|项|处|份|次|架)?[\u4e00-\u9fff]{1,8}?的([\u4e00-\u9fff]{2,4}?)"
                   r"(?=[来去有在是了呢吗啊？?，,]|$)")


def owned(q: str, nouns: tuple[str, ...]) -> bool:
    """Whether a name owns what the value is about: "Uganda's budget", "乌干达的预算"."""
    words = [re.escape(v) for alts in nouns for v in alts.split("|") if v and v not in _HEAD.findall(q)]
    if not words:
        return False
    noun = "(" + "|".join(words) + ")"
    return re.search(rf"[a-z]['’]s ([\w-]+ ){{0,3}}{noun}|[\u4e00-\u9fff]的([\u4e00-\u9fff]{{0,4}}){noun}|"
                     rf"{noun}s? (for|of|in|to) (?-i:[A-Z])|\bhow (many|much) .{{0,40}}\b(does|do|did) (?-i:[A-Z])\w+ (have|hold|"
                     rf"get|receive|own|host)\b", q, IC) is not None


# what joins an owner to the thing a question asks about: 喀麦隆的研讨会, 喀麦隆那个会, 不丹这个工作队
_OF_THAT = r"的|之|那个|这个|那些|这些|那次|这次|那套|这套|那份|这份"


def slot_nouns(q: str, kind: str) -> tuple[str, ...]:
    """The nouns a sentence must hold beside a value of `kind` for question `q`, each as
    "|"-separated alternatives in both languages; () when the question names none."""
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
        unit = re.search(r"(?:多少|几)(页|只|头|棵|人次|公顷|平方公里|吨)", q) or \
            re.search(r"(?:多少|几)(?:条|张|册|本)([\u4e00-\u9fff]{2})", q)
        if unit:  # 有多少页: pages, whatever has them; 多少条记录: records
            return (_UNITS.get(unit.group(1), unit.group(1)),)
        after = re.search(r"(?:多少|几)(?:个|种|名|位|家|项|处|份|次)?+([\u4e00-\u9fff]{1,6})", q)
        if after:  # 有几处世界遗产 -> 世界遗产, 派了几个人 -> people, 多少个国家参加 -> countries
            word = re.split(r"[参出来去有在是派了的呢啊吗呀都还]", after.group(1))[0]
            known = next((names for names in _COUNTED if any(word in (n, n + "们") for n in names if has_han(n))), None)
            if _FOLK.match(word):
                known = _COUNTED[0]
            if known or len(word) >= 2:  # 自然保护区: 自然保护区|保护区|护区, never 保护 (in every other sentence)
                return ("|".join(known or dict.fromkeys((word, word[-3:], word[-2:], *_HEAD.findall(q)[:1]))),)
        before = re.search(r"([\u4e00-\u9fff]{2,})(?:一共|总共|共|大概|大约|现在)?有(?:多少|几)(?:个|种|名|位|家|项|处)?[？?]?$", q)
        if before:  # 我们省的自然保护区有多少个 -> 自然保护区 (or its last word: 保护区, 护区)
            thing = re.split(_OF_THAT, before.group(1))[-1]
            return ("|".join(dict.fromkeys((thing, thing[-3:], thing[-2:]))),) if len(thing) >= 2 else ()
        m = _counted_word(q) or re.search(r"多少(?:个|种|名|位|家|项)?([\u4e00-\u9fff]{2})", q)
        if m and m.group(1).lower() not in _STOP:
            word = m.group(1).lower()
            word = word[:-1] if word.endswith("s") and len(word) > 4 else word
            return ("|".join(next((names for names in _COUNTED if word in names), (word,))),)
        return ()
    if kind == "duration":  # "how long does it take to get an export permit": the permit
        if re.search(r"\b(term|mandate|tenure)s?\b|任期", low):
            return ("term|mandate|tenure|任期",)
        often = _HOW_OFTEN.search(q)
        if often:  # "how often does the Nepal NBCC meet", "… do Parties report to Ramsar": what happens,
            # the clause's last lower-case word before a preposition
            clause = re.split(r"\b(?:to|with|in|on|at|for|by|from|about|under)\b", often.group(1))[0]
            words = [w for w in re.findall(r"\b[a-z][a-z-]{2,}\b", clause) if w not in _STOP]
            verb = words[-1] if words else ""
            return (verb[:-2] if verb.endswith("ed") and len(verb) > 5 else verb,) if verb else ()
        zh_often = re.search(r"([\u4e00-\u9fff]{2})(?:几|多少)次|([\u4e00-\u9fff]{2})(?:一次)?的?(?:频率|频次)"
                             r"(?:是|为|有)?(?:多少|多高|怎样|如何|是什么)", q)
        if zh_often:  # 每年更新几次 -> 更新
            return (zh_often.group(1) or zh_often.group(2),)
        m = _TAKES_TO.search(q)
        head = m.group(1).lower() if m else ""
        return (head[:-1] if head.endswith("s") and len(head) > 4 else head,) if head and head not in _STOP else ()
    if kind == "date":  # 哪天是世界湿地日 -> 世界湿地日; a name is checked as a name instead
        # "when was it signed", "哪一年批准的": the sentence dates that act
        acts = tuple(names for asks, names in _DATED_ACTS if asks.search(q))[:1]
        m = _DATE_OF.search(q)
        thing = re.split(_OF_THAT, m.group(1) or m.group(2))[-1] if m else ""
        if not thing and not acts:  # "when is the EU BON final conference": the conference
            thing = _dated_noun(q)
        if len(thing) >= 4 and has_han(thing) and not any(asks.search(thing) for asks, _ in _DATED_ACTS):
            # a noun: 指标网站 said as 指标服务网站, 网上门户 as 在线门户 (its head too); not 墨西哥加入湿地公约
            thing = f"{thing}|{thing[-2:]}"
        # "这本手册是哪一年…": what it points back to is named elsewhere, not in these words
        return acts + ((thing,) if len(thing) >= 3 and not re.match(r"[这那该此本其它它他她]", thing) else ())
    if kind == "entity":
        if re.search(r"\bhow (big|large|small) (is|are|was|were)\b", low):
            return (SIZES,)
        m = re.search(r"(ngo|universit|compan|language|currency|capital|population|area|size|gdp|climate|人口|面积|"
                      r"bank|donor|foundation|银行|airline|hotel|flight|"
                      r"ministr|agenc|organi|department|institution|authorit|部门|机构|组织|单位|部委|大学|公司|"
                      r"非政府组织)", low)
        return (_BODIES.get(m.group(0), ANY_BODY),) if m else ()
    if kind == "place":
        if _EVENT.search(low):  # "which city was it launched in": where it happened, not a seat
            return (EVENT_ACTS,)
        return (f"{SEATS_EN}|秘书处|总部|托管|设在|位于",)
    if kind == "person":
        act = re.search(r"\bwho (sign|ratifi|represent|attend|nominat|appoint|elect|translat|wrote|draft|author|edit|"
                        r"compil|paid|fund|financ|sponsor|bankroll)", low) or \
            re.search(r"(?:是谁|由谁)(写|编写|起草|撰写|编制|签署|批准|翻译|主持)", low) or \
            re.search(r"谁(出钱|出的钱|出资|资助|赞助|买单|付的钱|付钱)", low)
        if act:  # the act must be in the sentence: "prepared by" for who wrote it
            return (_ACT_WORDS.get(act.group(1), act.group(1)),)
    found: list[str] = []
    for noun, variants in _NOUNS.items():
        if re.search(rf"(?<![a-z]){re.escape(noun)}(?![a-z])", low):
            found.append("|".join(variants))
    if kind == "amount" and _SHARED_OUT.search(q):
        # "门票钱有多少分给周边老百姓": a share of what the fees bring in, said as a share of revenue
        found = [f"{alts}|revenue|收入" if re.search(r"fee|ticket|门票|票价", alts) else alts for alts in found]
    if kind == "amount":  # "charge for gorilla permits": the permits must be named with the amount
        m = _PRICE_OF.search(q) or _COSTS.search(q) or _SHARE_OF.search(q)
        head = next((g for g in m.groups() if g), "").lower() if m else ""
        if head and head not in _STOP and not any(head in alts for alts in found):
            found.append(head[:-1] if head.endswith("s") and len(head) > 4 else head)
    return tuple(found)


# how a sentence says who wrote or signed something, for a "who wrote / 是谁写的" question
_ACT_WORDS = {"wrote": "wrote|written|writ|prepar|draft|author|compil|develop|编写|起草|撰写|编制|写",
              "draft": "draft|prepar|wrote|written|起草|编写|编制", "author": "author|wrote|written|prepar|编写|撰写",
              "compil": "compil|prepar|编制|编写", "写": "写|编写|起草|撰写|编制|wrote|written|prepar|draft",
              "编写": "编写|编制|起草|撰写|prepar|wrote|draft", "起草": "起草|编写|draft|prepar",
              "撰写": "撰写|编写|wrote|written|author", "编制": "编制|编写|prepar|compil|develop",
              "签署": "签署|sign", "批准": "批准|approv|ratif", "翻译": "翻译|translat", "主持": "主持|chair|主席",
              **dict.fromkeys(("paid", "fund", "financ", "sponsor", "bankroll", "出钱", "出的钱", "出资", "资助", "赞助",
                               "买单", "付的钱", "付钱"),
                              "fund|financ|sponsor|paid|grant|资助|出资|赞助|经费|资金")}
# how a sentence gives a size: its units ("area" alone is in every "protected areas")
SIZES = "hectare|公顷|km|square|平方|面积|acre|sq mi|of the country|of its territory|国土"  # ("covers 4% of the country")
# where a body sits, in English words (also question_form.asked_words: "where's its office?")
SEATS_EN = "secretariat|headquarter|seat|office|hosted|based|located"
# where something happened ("which city was the Sourcebook launched in?"), and how a sentence says it
_EVENT = re.compile(r"\b(launch\w*|held|hold|signed|sign|adopted|adopt|took place|take place|met|meet|convened|"
                    r"founded|set up|established|hosted|host)\b|举行|召开|举办|签署|通过|发布|启动|成立|开会", re.IGNORECASE)
EVENT_ACTS = "launch|held|signed|adopted|took place|met|meeting|convened|founded|set up|established|host|举行|召开|举办|签署|" \
             "通过|发布|启动|成立"
# What a body asked for by "which" is called in a sentence that names one.
ANY_BODY = ("ministr|department|agenc|organi|institut|authorit|commission|committee|council|secretariat|"
             "office|bureau|centre|center|universit|ngo|programme|部|局|委员会|机构|组织|中心|办公室|大学|署|"
             "理事会|秘书处")
_BODIES = {
    "ngo": "ngo|non-governmental|非政府", "非政府组织": "非政府|ngo|non-governmental",
    "universit": "universit|大学", "大学": "大学|universit", "compan": "compan|公司", "公司": "公司|compan",
    "language": "language|语言|语种", "currency": "currency|货币", "capital": "capital|首都",
    "population": "population|人口", "人口": "人口|population", "bank": "bank|银行", "银行": "银行|bank",
    "donor": "donor|捐助", "foundation": "foundation|基金会", "airline": "airline|航空",
    "hotel": "hotel|酒店|宾馆", "flight": "flight|航班", "area": SIZES, "面积": SIZES, "size": SIZES, "gdp": "gdp|国内生产总值", "climate": "climate|气候",
}
# what an amount is the price of: the last word of "charge for X", "the cost of X", "pay for X"
_PRICE_OF = re.compile(r"\b(?:charges?|charged|costs?|price|prices|fees?|pay|paid) (?:for|of) (?:an? |the |each |"
                       r"one )?(?:[\w-]+ ){0,2}?([a-z-]{3,})(?= in | at | to | from |\?|$| for )", IC)
_TAKES_TO = re.compile(r"\b(?:take|last) (?:us |me |them )?(?:to|for) (?:\w+ )?(?:an? |the |our |my )?(?:[\w-]+ ){0,3}?"
                       r"([a-z-]{3,})(?= in | at | for | from |\?|$)", IC)
# what happens how often: "how often does the NBCC meet" -> meet (a sentence must say it meets)
_HOW_OFTEN = re.compile(r"\bhow (?:often|frequently|regularly) (?:does|do|did|is|are|was|were|will|should|must) "
                        r"(.+?)\s*(?:\?|$)", IC)
_COSTS = re.compile(r"\bhow much (?:does|do|did|will|would) (?:an? |the )?(?:[\w-]+ ){0,3}?([a-z-]{3,}) cost\b", IC)
# a share handed on: "what share of ticket money goes to …", "有多少分给周边老百姓"
_SHARED_OUT = re.compile(r"\b(share|percentage|proportion|fraction|cut|portion|part) of\b|\bhow much of\b|"
                         r"分给|分到|分成|分多少|分了多少|提成", IC)
# what a share is of: "percentage of Uganda's budget", "占GDP的百分之几"
_SHARE_OF = re.compile(r"\b(?:percentage|share|proportion|fraction|per ?cent) of (?:the |[\w-]+['’]s )?(?:[\w-]+ ){0,2}?"
                       r"([a-z-]{2,})(?= (?:goes|go|is|was|are|were|in|for|on|to|spent)\b|\?|$)|"
                       r"占([\u4e00-\u9fffA-Za-z]{1,8}?)的?(?:百分之几|百分之多少|比例|多少)", IC)
# Acts a date question asks about, and the words a sentence dating them uses (both languages).
_DATED_ACTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(a, IC), b) for a, b in (
    # "signed off (on)", "given the green light": approved
    (r"\bsign(s|ed|ing)? off\b|\bgreen[- ]?l(i|igh)t\w*|\bgo-ahead\b", "approv|adopt|endors|批准|通过|获批|核准"),
    (r"\b(sign|signed|signing)\b(?! off)|签署|签订|签字", "sign|签署|签订"),
    (r"\b(amend\w*|revis\w*)\b|修订|修改|修正", "amend|revis|修订|修改|修正"),
    (r"\b(approv\w*)\b|批准", "approv|adopt|endors|批准|通过|获批|核准"),
    (r"\b(adopt\w*)\b|通过", "adopt|approv|通过|批准|获批|核准"),
    (r"\b(join|joined|accede\w*|accession|ratif\w*)\b|加入|批准加入", "join|acce|ratif|party|加入|缔约方"),
    (r"\b(enter\w* into force|in force|effective)\b|生效", "force|生效"),
    (r"\b(found|founded|establish\w*|set up|created?|start\w*|launch\w*|begin|began|begun|go(?:es)? live|went live|"
     r"go(?:es)? online|went online)\b|成立|设立|创立|启动|发起|开始|上线|开通|推出|投入使用",
     "found|establish|set up|creat|form|launch|start|began|begin|inaugurat|since|went live|went online|running from|"
     "ran from|成立|设立|创立|建立|组建|启动|发起|开始|推出|上线|开通|投入使用|实施期|起运作|起运行|以来"),
    (r"\b(closed?|shut|shut down|discontinued|abolished|dissolved|wound up)\b|关闭|关掉|停止|撤销|解散|停用|下线",
     "closed|shut|discontinu|abolish|dissolv|wound up|关闭|关掉|停止|撤销|解散|停用|下线"),
    (r"\b(publish\w*|released?|issued?)\b|出版|发布|公布|印发",
     "publish|release|launch|issue|post|made available|出版|发布|公布|印发|推出"),
))
_DATE_OF = re.compile(r"(?:哪天|哪一天|什么时候|何时)是([\u4e00-\u9fff]{2,12}?)[？?]?$|"
                      r"^([\u4e00-\u9fff]{2,12}?)是(?:在)?(?:哪天|哪一天|什么时候|何时|哪一年|哪年)")
