"""What a question asks for, read from its form, and what a sentence that answers it looks like.

The lead is chosen for answering, not only for matching: "any shortcuts?" wants the option that
solved a problem (never the problem restated), "who / which country / 哪个" wants the sentence that
names it, "how much / when / how many" wants the sentence with the amount, the date, the number.
"""

from __future__ import annotations

import functools
import re

from bot.answer.decline import VALUES, holds_answer
from bot.answer.question_slots import Slot, asked_slot
from index import has_han
from index.stopwords import STOP_WORDS

IC = re.IGNORECASE

_WHO = re.compile(r"(^\W*|[,;:]\s*|\b(and|so|but|then)\s+)(who|whom|whose|where)\b|\b(which|what) ((un|eu|national|international|regional|government|intergovernmental|scientific|"
                  r"technical|other) )?(country|countries|"
                  r"organi[sz]ation|body|agency|agreement|convention|treaty|region|network|institution|"
                  r"commission|one|bird agreement|city|place|town|capital|location|ministry|department|office|university|"
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
                  r"options?|solutions?|way)|what (can|should|could) (we|i|one|a country|focal points?)|"
                  r"ways? to|solutions?|workaround|what (options|solutions)|"
                  r"what (did|has|have) [\w' -]{1,40}? (do|done)(?! with)(?= |$|\W)|"
                  r"what (do|should|can|could|shall) (we|i|one) do|what to do|what can be done)\b|"
                  r"做了什么|做了哪些|采取了什么|采取了哪些|怎么办|怎么|如何|怎样|有啥办法|"
                  r"有什么办法|有没有办法|办法|对策|出路|怎么弄|咋(?!回事|样|了|的)|"
                  # "能不能合起来搞？", "可不可以一起交？": whether it can be done, asked by someone who wants it done
                  r"能不能|可不可以|能否|可否", IC)
_AMOUNT = re.compile(r"\bhow much\b|\bwhat (share|percentage|proportion|fraction|part|cut|portion|slice)\b|多少钱|多少资金|多少经费|花了多少|"
                     r"是多少|百分之(多少|几)|多大比例|多少比例", IC)
# "Where is …?", "which city …", "在哪里": a sentence that says where (“its secretariat in Yaoundé”)
_WHERE = re.compile(r"^\W*(and |so )?where\b|\b(which|what) (city|place|town|capital|location)\b|在哪|哪里|哪儿|"
                    r"哪个城市|什么地方", IC)
_PLACE = re.compile(r"\s(in|at) (the )?(?!Sourcebook\b)[A-Z][a-z\u00c0-\u024f-]+")
# "主要卡在哪儿", "what's holding us back": asks for the obstacle, not a place
_STUCK = re.compile(r"(卡|难|问题|症结|毛病|瓶颈)(主要|就)?(出)?在哪|\bwhat(?:'s| is) (holding|stopping) (us|them|it|countries)"
                    r"\b|\bwhat(?:'s| is| are) the (main |biggest )?(obstacles?|bottlenecks?|sticking points?)\b", IC)
# "where can I look up …?", "在哪儿能查到…": where to find it is a website or a system, not a place
_FIND = re.compile(r"\bwhere (can|could|do|does|should|would|might) (i|we|you|one|they|countries|focal points?) "
                   r"(find|look|see|get|check|search|access|download|read|learn)\b|(哪儿|哪里|在哪)(能|可以)?(查|找|看|搜)", IC)
_PLACE_ZH = re.compile(r"在[\u4e00-\u9fff]{2,6}(签署|通过|举行|召开|设立|托管)|设在|位于|总部|托管")
_COUNT = re.compile(r"\bhow many\b|多少(个|种|名|人|项|家|位|条|份|次|处|国)|(?<!哪)几(个|种|名|项|家|位|条|份|次|处|国)", IC)
_WHEN = re.compile(r"^\W*(and |so )?when\b|\bwhen (is|was|are|were|did|does|do|will)\b(?!.*\bhow\b)|"
                   r"\bwhat years?\b|\bwhich years?\b|\bwhat (period|time ?frame)\b|"
                   r"\b(at|in) (which|what) (meeting|session|conference|cop|mop)\b|哪几年|哪些年|什么期间|"
                   r"(什么时候|啥时候|啥时(?!候)|几时|何时)(?!才?(需要|应该|应当|该|要|得|可以|能))|哪一年|哪年|"
                   r"哪一?次(会议|大会|缔约方|会)|哪一?届", IC)
# What a question asks about, and the words of a sentence that says it ("who paid" -> "funded").
_CUES = [
    (re.compile(r"\b(paid|pay|pays|fund|funds|funded|financ\w*|sponsor\w*|bankroll\w*|foot(ed|s)? the bill|"
                r"picked up the (bill|tab))\b|出钱|出的钱|掏钱|掏的钱|谁的钱|买单|出资|资助|赞助|经费来源", IC),
     re.compile(r"\b(fund(ed|ing by|ing from)|financed|sponsored|paid)\b|资助|出资|供资|资金支持|提供资金", IC)),
    (re.compile(r"\b(wrote|written|write|authored|prepared|made|compiled|put together|drafted|draft|drew up|"
                r"drawn up)\b|编写|编的|写的|编出来|起草|"
                r"编制|怎么编", IC),
     re.compile(r"\b(prepared|developed|produced|written|drafted|compiled|consult\w*|survey)\b|编写|编制|"
                r"制定|协商|调查|撰写|起草|作者", IC)),
    # "who built / chairs / hosts …?": a sentence that names who did it ("built by", "由…开发")
    (re.compile(r"\b(who|which|what)\b.{0,30}\b(buil[dt]s?|develop(s|ed)?|created?|designed?|runs?|ran|chair(s|ed)?|head(s|ed)?|"
                r"leads?|led|hosts?|hosted|coordinates?|maintains?|organi[sz]ed|set up|founded|established|"
                # "who looks after the data bank these days?": whoever keeps it
                r"looks? after|manages?|(is|are) in charge of|(is|are) responsible for|"
                r"keeps? [\w' -]{1,40}? (going|running|alive))\b|"
                # "which agency is the Plant Treaty hosted by?"
                r"\b(who|which|what)\b.{0,60}\b(built|developed|created|designed|run|chaired|headed|led|hosted|"
                r"coordinated|maintained|organi[sz]ed|set up|founded|established) by\W*$|"
                r"谁(开发|建|主持|负责|牵头|领导|组织|主办|维护|创建|发起|管|担任|出任|当|在管)|由谁|归谁|归哪|(主席|负责人|牵头人|主办方)是谁|"
                r"哪(个|家)(单位|部门|机构|部)(来)?(牵头|负责|主管|管)|"
                # "那次研讨会是哪个伙伴关系在办？": whoever runs it
                r"哪(个|家)[\u4e00-\u9fff]{1,6}?(来|在)?(办|主办|举办|承办|组织)的?[？?]?$|"
                r"是谁(开发|建|主持|负责|牵头|领导|组织|主办|维护|创建|发起)", IC),
     re.compile(r"\b(built|developed|created|designed|run|chaired|headed|led|hosted|coordinated|maintained|"
                r"organi[sz]ed|set up|founded|established|convened|managed|kept|housed) by\b|\b(chairs|heads|hosts)\b|"
                # "since 2010 belongs to the College of Agricultural…": who keeps it now
                r"\bbelongs? to\b|\b(housed|based) (at|in)\b|\bas an activity of\b|"
                # "who runs its secretariat?": "has UNEP-WCMC as its secretariat"
                r"\bas (its|the) secretariat\b|\bsecretariat (is |was )?(provided|hosted|run|housed) by\b|"
                # "the Finnish Environment Institute (SYKE), which maintains and coordinates the service"
                r"\b(which|who) (builds|built|develops|developed|runs|ran|chairs|heads|leads|led|hosts|hosted|"
                r"coordinates|maintains|maintained|organi[sz]es|set up|founded)\b|"
                r"由[^，。；]{1,40}?(开发|建立|主持|牵头|领导|(?<!政府)组织|主办|维护|创建|发起|担任|负责|编制|编写|制定|管理|"
                r"运营|举办|主办|承办)|主席|隶属|归属|作为[^，。；]{1,30}的(一项)?活动", IC)),
    # "when was it set up / 哪年建的": the sentence that dates its start ("was set up in 1990", "于 1999 年成立")
    (re.compile(r"\bwhen\b.{0,60}\b(set up|found(ed)?|establish(ed)?|creat(e|ed)|start(ed)?|beg[au]n)\b|"
                r"(哪年|哪一年|什么时候|何时).{0,12}(建|设立|成立|创立|创建|组建|启动|发起|搞起来|弄起来|办起来)|"
                r"(建|搞起来|弄起来|办起来|成立)的?.{0,4}(哪年|哪一年|什么时候|何时)", IC),
     re.compile(r"\b(set up|founded|established|created|started|began|inaugurated|launched)\b|成立|设立|创立|创建|"
                r"建立|组建|启动|发起", IC)),
    # "when did the site go live / 哪年上线的": the sentence that dates its opening, not its founding
    (re.compile(r"\bwhen\b.{0,60}\b(went live|go live|goes live|come online|came online)\b|\bwhat year\b.{0,60}\b"
                r"(went|go) live\b|(哪年|哪一年|什么时候|何时).{0,12}(上线|开通)|(上线|开通)的?.{0,4}(哪年|哪一年|什么时候|何时)", IC),
     re.compile(r"\b(launched|went live|online|opened)\b|上线|开通|推出", IC)),
    # "从啥时候开始的 / since when": the sentence that says since when ("since about 1996", "自 1996 年起")
    (re.compile(r"\bsince when\b|\bhow long (has|have|had)\b|从(什么|啥)时候?(开始|起)|(什么|啥)时候(开始|起)", IC),
     re.compile(r"\bsince\b|自[^，。；]{0,12}起|以来|起(就|已|一直)|开始", IC)),
    # "when was the plan finalised / 啥时候定稿的": the sentence that dates its completion
    (re.compile(r"\b(finali[sz]ed?|completed?|finished)\b|定稿|完成|出台", IC),
     re.compile(r"\b(finali[sz]ed|completed|finished)\b|定稿|完成|出台", IC)),
    # "how did countries take to it / 反响怎么样": how it was received
    (re.compile(r"\b(take|took|taken|taking) to\b|\breact(ed|ion|ions)?\b|\breception\b|\b(go|went|gone) down\b|"
                r"\bfeedback\b|\b(received|welcomed)\b|反响|反应|评价|口碑|受欢迎", IC),
     re.compile(r"\bfeedback\b|\b(welcomed|well received|positive|popular|praised|responses?)\b|反响|反馈|好评|"
                r"欢迎|积极", IC)),
    # "when did the treaty kick in / 哪年生效": the sentence that dates its entry into force
    (re.compile(r"\b(kick(s|ed)? in|c(o|a)me into (force|effect)|enter(s|ed)? into force|take(s)? effect|took effect|"
                r"in force)\b|生效", IC),
     re.compile(r"\binto (force|effect)\b|\bin force\b|\btook effect\b|生效", IC)),
    # "what's the cap / the minimum …?": the ceiling or the floor a sentence sets
    (re.compile(r"\b(cap|caps|capped|ceiling|maximum|upper limit|at most)\b|上限|最多|封顶|最高", IC),
     re.compile(r"\b(ceiling|cap|capped|maximum|at most|up to)\b|上限|最多|不超过|最高", IC)),
    (re.compile(r"\b(minimum|floor|at least|lower limit)\b|下限|最低|至少|保底", IC),
     re.compile(r"\b(floor|minimum|at least)\b|下限|最低|至少|保底", IC)),
    # "how did Brazil work out / 咋算出 what it spends?": the sentence that says how it was reckoned
    (re.compile(r"\bhow (did|do|does|can|could) [\w' -]{1,40}?\b(work(ed)? out|figure(d)? out|calculat\w*|"
                r"estimat\w*|measur\w*|count(ed)?|add(ed)? up|tall(y|ied))\b|(咋|怎么|如何)(算|估算|测算|统计|摸清)", IC),
     re.compile(r"\b(estimat\w*|calculat\w*|from [\w -]{0,40}data|based on|drawing on)\b|估算|测算|利用|根据|依据|基于", IC)),
    # "what does BIOFIN actually do / 是干啥的": what it does, by its method or its work
    (re.compile(r"\bwhat (does|do|did) [\w' -]{1,40}? ((actually|really|exactly) )?do\b(?! (with|about|for|when|if))|"
                r"是干(什么|啥)的|(干|做)(什么|啥)的?[？?]?$|有(什么|啥)用", IC),
     re.compile(r"\b(method|methods|includes?|supports?|helps?|provides?|aims? to|works? (on|with)|gives each)\b|"
                r"包括|支持|帮助|提供|旨在|方法", IC)),
    # "what's the DaRT tool built on?": what it is based on
    (re.compile(r"\b(built|based|runs?|running|rel(y|ies)|draws?) on\b|基于|建立在|依托|靠什么", IC),
     re.compile(r"\b(built|based|runs?|running|rel(y|ies|ying)|draws?|drawing) on\b|\bon the [\w-]+ (server|platform|"
                r"knowledge base)\b|基于|建立在|依托", IC)),
    (re.compile(r"\b(launch\w*|released?|published?|came out)\b|发布|出版|推出", IC),
     re.compile(r"\b(launch\w*|released?|published)\b|发布|出版", IC)),
    (re.compile(r"\b(meant for|written for|for whom|audience|target(ed)?)\b|写给谁|给谁看|读者", IC),
     re.compile(r"\b(audience|intended|mainly for|primarily for|meant for)\b|读者|主要.{0,6}(面向|为)", IC)),
    # "who's in the alliance / 都有哪些人?": the sentence that says whom it brings together
    (re.compile(r"\bwho(?:'s| is| are| was| were| sits?| sat)? (in|on)\b|\bwho (takes|took) part\b|"
                r"\bwho (is|was|were|are|gets|got) involved\b|\bwho (are|were) (its|the) members\b|"
                r"哪些(人|成员|部门|单位|机构)(?!.{0,6}(做|搞|开发|建|负责))|什么人|都有谁|成员(都)?(有|是)(谁|哪些)|由哪些", IC),
     re.compile(r"\b(including|includes|members?|brings? together|brought together|composed of|made up of|"
                r"representatives? (of|from)|drawn from)\b|包括|成员|组成|汇聚|汇集|来自", IC)),

    # "主要卡在哪儿 / what's holding us back": the sentence that states the problem
    (_STUCK, re.compile(r"\b(lack|lacking|shortage|insufficient|hamper\w*|hinder\w*|barriers?|obstacles?)\b|"
                        r"缺乏|不足|阻碍|障碍|制约", IC)),
    (_FIND, re.compile(r"\b(portals?|websites?|web site|online|database|platform|clearing-house)\b|网站|门户|数据库|"
                       r"平台|在线|网上|信息交换机制", IC)),
]

_AGENT = 2  # the cue of "who built / chairs / hosts …?"

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
                       r"on the other hand|moreover|furthermore|in addition|besides|likewise)\b|^(该|此|这|那|"
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
    if _STUCK.search(question):
        return None  # an open question whose cue is the problem (_CUES), not a place
    if _FIND.search(question):
        return None  # an open question whose cue is the website or system (_CUES)
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


def asks_agent(question: str) -> bool:
    """Whether the question asks who did something ("who runs / built / chairs …", "由谁担任"), or
    says nothing of what it asks (then any organisation named may answer it): not "写给谁看"."""
    cues = asked_cues(question)
    return not cues or _CUES[_AGENT][1] in cues


def asks_agent_said(question: str) -> bool:
    """Whether the question says it asks who does something ("who runs …", "哪个单位牵头"), not
    only "who …?": then a sentence naming an office or organisation by its kind answers it."""
    return _CUES[_AGENT][1] in asked_cues(question)


@functools.lru_cache(maxsize=256)
def asked_cues(question: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of the sentences that say what the question asks about (read once per
    question, not once per sentence)."""
    return tuple(a for q, a in _CUES if q.search(question))


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
_ZH_NUMBER = r"(?:\d+|[一二两三四五六七八九十百千]+)\s*"


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
_SEAT = re.compile(r"\b(office|secretariat|headquarter|seat|based|located|hosted|housed)")


@functools.lru_cache(maxsize=256)
def asked_words(question: str, named: tuple[str, ...] = ()) -> tuple[re.Pattern[str], ...]:
    """The words a one-fact question asks with, besides the things it names (`named`, lower
    case): "signed", "enter into force", "hosts", "加入" ("When was the Ramsar Convention
    signed?" is answered by the sentence that says it was signed, not by any sentence with a
    date). English words as stems ("hosts" finds "hosted"); Chinese as two-character pieces."""
    low = question.lower()
    for name in sorted(named, key=len, reverse=True):
        low = low.replace(name, " ")
    out: list[re.Pattern[str]] = []
    for word in dict.fromkeys(re.findall(r"[a-z][a-z-]{2,}", low)):
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
