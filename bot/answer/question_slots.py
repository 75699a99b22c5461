"""What kind of fact a question turns on, read from its form: its *slot*.

"How much did Palau receive from the GEF?" asks for an amount, about Palau and the GEF; "who is
Nepal's CBD focal point?" for whoever holds an office; "哪一年批准的" for the date of an approval. A
question about the present ("this year", "现任", "right now"), about the asker's own country or office,
or a task ("write me a letter", "帮我翻译") asks for what the 2015 Sourcebook cannot give at all. The
slot names the nouns a sentence must hold with the value (the fee, the quota, the counted members:
bot/answer/slot_nouns.py); bot/answer/decline.py checks the best candidates for such a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.slot_nouns import SIZES, owned, slot_nouns
from index import to_simplified

IC = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str            # amount | count | date | duration | person | entity | size | place | law | procedure
                         # | current | own | task
    what: str            # the words of the question that ask for it
    nouns: tuple[str, ...] = ()  # what the value is about (fee, quota, 会费): a sentence must name it
    owned: bool = False  # "Uganda's budget", "乌干达的预算": the owner is named in that sentence too
    price: bool = False  # "门票多少钱", "how much is the fee": money answers it, a share ("20% of fees") does not

    @property
    def reason(self) -> str:
        """The decline's message key: "who wrote / who paid for it" asks for whoever did it, not
        for an office's holder."""
        acted = self.kind == "person" and not _OFFICE.search(self.what)
        return "gap_actor" if acted else f"gap_{self.kind}"


# words that name an office or a role in a person question ("who chairs", "谁是联络人")
_OFFICE = re.compile(r"secretar|minister|chair|president|director|head|lead|run|coordinator|commissioner|officer|"
                     r"focal|contact|representative|delegate|ambassador|秘书|部长|主席|主任|局长|负责人|署长|司长|处长|"
                     r"联络|联系人|代表|现任", re.IGNORECASE)


_TASK = re.compile(
    # "write a press release…", "summarise the latest assessment": an imperative to produce a text
    r"^(please |pls |kindly )?(write|draft|compose|translate|proofread|rewrite|paraphrase)\b(?! (about|on|of)\b)"
    r"(\s+[^\s.?!。？！]+){0,6}|"
    r"^(please |pls |kindly |can you |could you )?summari[sz]e (the |a |an |this |that |our |my )?(latest|new|newest|"
    r"recent|attached|following|current)\b|"
    r"^(please |pls |can you |could you |would you |help me |i need you to )*(write|draft|compose|"
    r"translate|prepare|fill (in|out)|proofread|edit|summari[sz]e|send|rewrite)\b.{0,60}\b(letter|"
    r"e-?mail|speech|note|report|statement|message|document|summary|submission|text|presentation|"
    r"memo|minutes|application|proposal|answer|reply|into|brief|briefing|outline|talking points|concept note|"
    r"paper|article|post|tweet|slides?)\b|"
    # errands: acting for the asker rather than answering ("can you email the case to…", "帮我安排会议")
    r"^(please |pls |can you |could you |would you |help me |i need you to )*((e-?mail|send|forward|fax|mail) "
    r".{0,60}\bto (?!(me|us|myself)\b)(the |a |an |our |my |his |her |their |\w+['’]s )?\w+|(book|schedule|arrange|"
    r"set up|organi[sz]e|reserve) (me |us )?(a |an |the |our |my )?(\w+ ){0,3}(meeting|room|call|flight|hotel|ticket|"
    r"appointment|conference|video ?call|visit|taxi|car|venue)s?\b|(call|phone|ring|remind|text) (me|us|him|her|them|"
    r"the \w+)\b|print)|"
    r"^(请|麻烦|能不能|可以)?(你)?(帮我|替我|给我|帮忙)(把.{0,20}|给.{0,16})?(写|起草|拟|翻译|准备|填写|修改|改成|改为|转换|转成|排版|润色|总结|编写|"
    r"发|寄|转发|安排|预订|预定|订|打电话|联系|提醒|打印|上传|报名|登记|约)|"
    r"^(请|麻烦)(写|起草|拟|翻译)(一|个|份|封|篇)", IC)
_NOW = re.compile(r"\b(next year|right now|currently|current|at the moment|at present|presently|today|"
                  r"this year|nowadays|these days|still|latest|most recent|newest|as of now|now)\b|"
                  r"\b(last|previous|past|latest|most recent) ([\w-]+ ){0,2}(cop|meeting|session|conference|summit|replenishment|cycle|council|assembly)s?\b|"
                  r"\blast (year|month|week)\b|\bthis (month|week)\b|\brecently\b|"
                  r"现在|目前|当前|今年|明年|去年|前年|本月|上个月|近期|最近|如今|最新|现任|眼下|至今|仍然|还在|上一届|上届|上一次大会", IC)
# the present or a recent year named outright (not "recently", "最近": often a filler)
_NOW_STRONG = re.compile(r"\b(this|last|next) year\b|\bright now\b|\bcurrently\b|\bat present\b|\btoday\b|"
                         r"今年|去年|前年|明年|现在|目前|当前|现任", IC)
# the future: nothing from 2015 can answer it
_FUTURE = re.compile(r"\bnext year\b|明年|后年|下一届|下届|下一次|下次", IC)
# "should we find out how much…", "需不需要搞清楚花了多少钱": the amount is not what is asked
_WHETHER = re.compile(r"\b(should|do|must|need) (we|i|focal points|countries) (need to |have to )?(know|find out|"
                      r"track|understand|figure out|work out|map|add up|count)\b|\bis it (worth|useful|"
                      r"important) to\b|\b(estimate|assess|calculate|measure|map|track)(d|ed|s)? (how much|how many)\b|"
                      r"估算|测算|评估|统计|计算|算出|需不需要|要不要|是否(需要|应该)|有没有必要|应不应该|该不该", IC)
# "do park entry fees pay for conservation?", "门票收入能用于保护吗": the fee is what pays, a question
# of what it does, not of how much it is
_PAYS_FOR = re.compile(r"^(?:do|does|did|can|could|should|would|will|are|is)\s+(?:[\w'’-]+\s+){0,3}?(?:quotas?|"
                       r"tickets?|entry fees?|fees?|dues|revenues?)\s+(?:money\s+|revenues?\s+|income\s+)?(?:(?:from|of|at|in)\s+"
                       r"(?:the\s+)?[\w-]+\s+)?(?:really\s+|"
                       r"actually\s+)?(?:pay|fund|go|help|support|cover|contribute|finance|benefit|work|end up|get used)\b|"
                       r"(?:门票|票款|配额|会费)(?:收入|的钱|钱)?(?:能|可以|会|都|真的)?(?:用于|用来|拿来|投入|支持|补贴|"
                       r"用在|花在)", IC)
# "which country worked out how much it needs", "哪个国家算了算履约缺多少钱": the amount is what was
# reckoned, the question asks who did it (not when the present is asked: "算算今年的配额是多少")
_RECKONED = re.compile(r"\b(work(s|ed|ing)? out|figur(e|es|ed|ing) out|add(s|ed|ing)? up|tall(y|ies|ied|ying)"
                       r"( up)?|count(s|ed|ing)? up|reckon(s|ed|ing)?)( \w+){0,2} (how much|how many)\b|"
                       r"(算了算|算一算|算算|算过|摸清|摸底|盘点|核算|合计)[^，。？?,]{0,12}多少", IC)
# what a question about the present asks for, besides the slots below: a species' state
_STATUS = re.compile(r"\b(endangered|vulnerable|threatened|extinct|status|population|recovering|"
                     r"declining|listed|price|prices|raised|increase[sd]?)\b|濒危|易危|灭绝|种群|数量|"
                     r"涨价|降价|价格|状况|状态", IC)
# what an amount of money is called, for the size forms of an amount question ("how big was …")
_MONEY = (r"(amount|budget|budgets|price|prices|cost|costs|fee|fees|contribution|contributions|"
          r"funding|spending|expenditure|grant|allocation|revenue|income|sum|salary|salaries|wages?|"
          r"allowance|per diem|penalty|penalties|fine|fines|"
          # everyday words for a sum of money ("how big was the GEF-5 biodiversity pot?")
          r"pot|kitty|envelope|fund|funds|pledges?|money|cash|replenishment)")
# "什么时候 / 啥时候 / 几时": when (not "啥时候才需要…", which asks under what conditions); also
# question_form._WHEN
WHEN_ZH = r"(什么时候|啥时候|啥时(?!候)|几时|何时)(?!才?(需要|应该|应当|该|要|得|可以|能))"
_DATE = re.compile(r"\bwhen (is|was|are|were|does|did|will|do|should|must)\b|\bwhat (year|date|"
                   r"day|month|time)\b|\bwhich (year|date|month)\b|\bsince when\b|\bin what year\b|"
                   + WHEN_ZH + r"|哪一年|哪年|几月|几号|哪天|"
                   r"哪一天|日期", IC)
_SLOTS: list[tuple[str, re.Pattern[str]]] = [
    ("law", re.compile(r"\b(law|laws|act|legislation|regulation|regulations|decree|bylaws?|statute)\b"
                       r".{0,40}\b(say|says|said|require|requires|allow|allows|passed|adopted|enacted|"
                       r"state|states|provide|provides|cover|covers|regulate|regulates|govern|governs|protect|protects)\b|"
                       r"\b(which|what) (article|section|clause|chapter|paragraph)s? of\b(?! (the |this |that )?(report|paper|"
                       r"document|prospectus|book|sourcebook|guide|study|review|manual|handbook|thesis)\b)|第几条|哪一?条|(保护|管理|促进|防治|安全|资源|动物|植物|湿地|森林|公园|环境|"
                       r"多样性)(法|条例|法规|规章)|(条例|法规|法律|法案)(是|有|规定|怎么|哪|什么|里|中|对)", IC)),
    ("procedure", re.compile(r"\bhow (do|can|should|would|could) (i|we|one|a country|our country) "
                             r"(apply|register|submit|nominate|fill (in|out)|obtain|request|renew|(get|secure) (a|an) ([\w-]+ ){0,2}(grant|permit|licen[cs]e|"
                             r"visa|certificate|accreditation|badge|stipend|scholarship|fellowship|waiver|exemption|"
                             r"extension|pass|sponsorship)s?)\b|\bwhat (are|is) the (steps|procedure|process) (to|for)\b|"
                             r"\bprocedure (to|for)\b|(申请|办理|报名|提交|填写|缴纳|报销)(流程|手续|程序|"
                             r"步骤|怎么|如何)|(怎么|如何|怎样)(申请|办理|报名|提交|填写|缴纳|报销)|"
                             r"(审批|申请)(流程|手续|程序)", IC)),
    ("person", re.compile(r"\bwho (is|are|was|were) (the |a )?(current |present |new |acting |"
                          r"incoming )?([\w'’-]+ ){0,3}(secretary|minister|chair|chairman|chairperson|"
                          r"president|director|head|coordinator|commissioner|executive|officer)\b|"
                          r"\bwho (chairs|heads|leads|runs|directs)\b|"
                          # "who signed the convention for Iraq": the act must be in the sentence
                          r"\bwho (signed|ratified|represented|attended|nominated|appointed|elected|translated|wrote|"
                          r"drafted|authored|edited|compiled)\b|是谁(写|编写|起草|撰写|编制|签署|批准|翻译|主持)的|"
                          r"由谁(写|编写|起草|撰写|编制|签署|批准|翻译|主持)|"
                          # "who paid for the workshop", "谁出的钱": its funder
                          r"\bwho (paid|funded|financed|sponsored|bankrolled)\b|谁(出钱|出的钱|出资|资助|赞助|买单|付的钱|付钱)|"
                          # "what is the name of Palau's environment minister": a person in office
                          r"\bwhat (is|was) the name of (the |[\w-]+['’]s )?(\w+ ){0,3}(secretary|minister|chair|chairman|"
                          r"chairperson|president|director|head|coordinator|commissioner|officer)\b|"
                          # "who is Nepal's CBD focal point": a person or an office, named
                          r"\bwho (is|are|was|were) (\w+['’]s |the |our )?(\w+ ){0,3}(focal points?|"
                          r"contact (person|point)s?|representatives?|delegates?|ambassadors?)\b|"
                          r"(联络人|联络点|联系人|代表)(是谁|是哪位|叫什么|是哪个)|谁是.{0,12}(联络人|联络点|联系人|代表)|现任|(秘书长|部长|主席|主任|局长|"
                          r"负责人|执行秘书|署长|司长|处长|组长|队长|团长)(现在|目前|现任|当前|今年)?(是谁|叫什么|是哪位|姓什么|"
                          r"的名字)|谁是.{0,10}(秘书长|部长|"
                          r"主席|主任|局长|负责人)", IC)),
    # "which NGO in Cameroon…": a sentence must name such a body with what the question names
    ("entity", re.compile(r"\b(which|what) (\w+ )?(ngos?|ministry|ministries|agency|agencies|organi[sz]ations?|"
                          r"department|departments|institutions?|universit(y|ies)|compan(y|ies)|"
                          r"authority|authorities|languages?|currency|capital|banks?|donors?|foundations?|"
                          r"airlines?|hotels?|flights?)\b|"
                          r"\bwhat is the name of\b|\bwhat (is|are) the (\w+ ){0,2}(languages?|currency|capital)\b|"
                          r"(部门|机构|组织|单位|部委|大学|公司|管理机构|科学机构|主管部门|银行)是哪(个|家|些)|"
                          r"\bwhat is the (population|area|size|gdp|climate) of\b|\bhow (big|large|small) (is|are|was|were) "
                          rf"(?!(the |[\w'’-]+ ){{0,6}}{_MONEY}\b)|叫什么名字|人口有?多少|面积有?多大|"
                          r"哪(个|些|家)(部门|机构|组织|单位|部委|大学|公司|非政府组织|管理机构)", IC)),
    # "where is the CBD Secretariat": a sentence must say where it sits
    ("place", re.compile(r"\bwhere (is|are|was|were) (the )?([\w-]+ ){0,4}(secretariat|headquarters|seat|office)s?\b|"
                         r"\bwhich (city|town)\b|\bin which (city|town|country) is\b|(秘书处|总部|办公室)(在哪|设在哪|位于哪)|在哪个城市|"
                         # "大会在哪儿举行？": where a meeting is held (slot_nouns: a sentence saying it was held there)
                         r"(会议|大会|会|研讨会|讲习班)(是)?在哪(里|儿)?(举行|召开|举办)", IC)),
    # a date asked about a fee is a date ("乌干达分门票钱是从啥时候开始的"), so dates come before amounts
    ("date", _DATE),
    ("amount", re.compile(r"\bhow much\b|占[\u4e00-\u9fffA-Za-z]{1,10}?的?(多少|百分之几|比例)|\b(what|which) (is|was|are|were) (the |[\w'’-]+ ){0,4}(amount|"
                          r"budget|price|cost|fee|fees|rate|contribution|quota|dues|allocation|envelope|"
                          r"grant|funding)\b|\bwhat (did|does|do|will|would) .{0,60}\bcost\b|\b(what|which) (budget|amount|sum|grant|funding|allocation|fee|price|"
                          r"salary|contribution)s? (did|does|do|has|have|had|will|would|was|were|is|are)\b|"
                          # "how big was Uganda's budget", "the size of the budget": a size is an amount
                          r"\bhow (big|large|high|low|small) (is|was|are|were) (the |[\w'’-]+ ){0,6}"
                          rf"{_MONEY}\b|\b(size|scale|level) of (the |[\w'’-]+ ){{0,6}}{_MONEY}\b|\b(quotas?|"
                          r"tickets?|exchange rate|entry fees?|dues|salary|salaries|wages|per diem)\b|"
                          r"\bwhat (fine|fines|penalty|penalties|sanctions?|percentage|share|proportion|fraction)\b|"
                          r"多少比例|百分之几|百分之多少|占比|比例是多少|\b(penalty|penalties|fines?|"
                          r"sanctions?|punishment) (for|under)\b|罚款|罚多少|工资|薪水|薪酬|补贴多少|多少钱|多少资金|多少经费|多少费用|"
                          r"是多少|有多少钱|给了多少|收到多少|拿到多少|会费|门票|票价|汇率|配额|"
                          r"(预算|费用|经费|价格|捐款|拨款)[^，。？?]{0,6}(多少|怎么算|几)", IC)),
    ("count", re.compile(r"\bhow many\b|\bwhat is the number of\b|多少(个|种|名|人|处|项|家|位|份|次)|"
                         r"(有|是|派了?|共|一共|总共)几(个|种|名|处|项|家|位|份|次)|有多少", IC)),
    ("duration", re.compile(r"\bhow long (does|did|will|would|do|can|should) .{0,60}\b(take|last|wait)\b|"
                            r"\bhow (many|much) (days|weeks|months|time) (does|did|will|would|do)\b|"
                            r"\bhow long (is|are|was|were) (the |a |an )?(\w+ ){0,3}(term|mandate|tenure|period)s?\b|"
                            r"\bhow (often|frequently|regularly)\b|多长时间|多久|要几天|需要几天|几个月能|几天能|"
                            r"(多久|多长时间|几年|几个月)一次|(频率|频次)(是|为|有)?(多少|多高|怎样|如何|是什么)|每(年|月|周|季度|天)[^，。？?]{0,8}(几|多少)次", IC)),
]
# Whether a country is a party today, or has done something this year: the 2015 Sourcebook cannot say.
_MEMBERSHIP = re.compile(r"\b(is|are) (\w+ ){1,3}(a )?(party|parties|member|members|signator(y|ies)) (to|of)\b|"
                         r"\b(has|have) (\w+ ){1,3}(joined|ratified|acceded to|signed up to)\b|"
                         r"(加入|批准|签署)了?[^，。？?]{0,12}(吗|没有|没)[？?]?$|是不是[^，。？?]{0,12}(缔约方|成员)|"
                         r"是[^，。？?]{0,12}(缔约方|成员国?)吗|(没有|没|尚未|还未|未)(加入|批准|签署)|"
                         # "which countries have ratified the Nagoya Protocol?": who is a Party today
                         r"\bwhich (countries|states|nations|parties) (have |has )?(now |already )?(ratified|joined|signed|"
                         r"acceded to)\b|哪些国家(已经)?(批准|加入|签署)了?|"
                         r"\b(not yet|yet to|haven't|have not|hasn't|has not|never) (\w+ )?(joined|ratified|signed|"
                         r"acceded|join|ratify|sign|accede)\b", IC)
# The asker's own country or office: the sources describe other countries' cases, never theirs.
_OWN = re.compile(r"\bour (own )?(country|province|state|region|ministry|agency|department|office|government|"
                  r"institution|unit|team|city|county)\b|我们(国家|省|市|县|局|部|厅|处|单位|机构|中心|政府)|"
                  # (not "伊拉克请的本国顾问": that country's own)
                  r"(我|(?<!的)本)(国|省|市|县|局|部|厅|处|单位)(?![家际内])", IC)
# A yes/no question about an event, asked together with "this year / now" (_NOW).
_EVENT_DONE = re.compile(r"^(has|have|did|was|were|is|are) \w+|(了吗|了没有|了没|过吗|吗|多不多|有没有)[？?]?$", IC)
# what a year has ("this year's theme of World Wetlands Day"), asked together with _NOW
_OF_THE_YEAR = re.compile(r"\b(theme|slogan|motto|host|venue|agenda|decision|resolution|news|update|"
                          r"development)s?\b|主题|口号|主办|议程|决定|决议|新闻|动态", IC)
# a price asked, and a share asked: "how much is the entry fee" is not answered by "20% of entry fees"
_PRICE = re.compile(r"\b(price|prices|cost|costs|how much (is|are|was|were|does|do|did))\b|\bwhat (is|are|was|were) "
                    r"(the )?([\w'’-]+ ){0,3}(fees?|tickets?|charges?)\b|多少钱|票价|价格|收费(标准|多少)", IC)
# a total of money asked for ("乌干达一年门票收入有多少？", "what is CONABIO's budget?"): given in money, not as
# the share of it handed on ("20% of entry fees go to …"), unless a share is what is asked
_TOTAL = re.compile(r"收入|营收|预算|经费|开支|支出|\b(revenue|revenues|income|budget|budgets|spending|expenditure)\b", IC)
_HANDED_ON = re.compile(r"分给|分到|分多少|分了多少|\bhow much of\b|\bgo(es)? to\b", IC)
_SHARE = re.compile(r"\b(percentage|share|proportion|fraction|per ?cent|portion|part|half|third|quarter|fifth|"
                    r"tenth)s?\b|%|百分|分之|比例|占比|几成|份额|占[\u4e00-\u9fffA-Za-z]{1,10}?的?多少", IC)
# a question for one fact (not "how do we…"), which about the asker's own country no source holds
_FACTOID = re.compile(r"\b(which|who|where|how (many|much|big|large))\b|哪|谁|多少|多大|(?<![那这])几", IC)


def asked_slot(question: str) -> Slot | None:
    """The kind of fact the question turns on, read from its form; None for an open question
    ("how do focal points coordinate?", "which country mapped its spending?") or one that only
    mentions the fact ("should we know how much we spend?")."""
    q = re.sub(r"\b(what|who|where|when|how)['’]s\b", r"\1 is", to_simplified(question).strip(), flags=IC)
    if _WHETHER.search(q) or ((_RECKONED.search(q) or _PAYS_FOR.search(q)) and not _NOW.search(q)):
        return None
    task = _TASK.search(q)
    if task:
        return Slot("task", task.group(0).strip())
    member, now = _MEMBERSHIP.search(q), _NOW.search(q)
    if member:  # "我国加入CMS了吗": a state of today
        return Slot("current", member.group(0).strip())
    if now and (_EVENT_DONE.search(q) or _OF_THE_YEAR.search(q)  # "has Egypt reported this year?"
                or re.search(r"^what (did|has|have|was|were)\b", q, IC)):  # "what did … say at the last COP"
        return Slot("current", now.group(0))
    own = next((c for c in re.split(r"[,;，；、]", q) if _OWN.search(c) and _FACTOID.search(c)), None)
    if own:  # "我国的管理机构是哪个部门", "我们省的湿地面积有多大": in one clause
        return Slot("own", _OWN.search(own).group(0))  # type: ignore[union-attr]
    for kind, pattern in _SLOTS:
        m = pattern.search(q)
        if m is None:
            continue
        dated = _DATE.search(q) if kind == "law" else None
        if dated is not None:  # "野生动物法是哪一年修订的": the date of an act on the law
            kind, m = "date", dated
        now = _NOW.search(q)
        if now and kind in ("person", "amount", "count", "date", "duration"):
            return Slot("current", now.group(0))
        future = _FUTURE.search(q)
        if future and kind == "place":  # "明年的大会在哪里开？": a meeting to come
            return Slot("current", future.group(0))
        own = _OWN.search(q)
        if own and kind in ("person", "amount", "count", "date", "duration", "entity"):
            return Slot("own", own.group(0))
        nouns = slot_nouns(q, kind)
        kind = "size" if nouns == (SIZES,) else kind  # "how big is the buffer zone": a size, not a body
        return Slot(kind, nouns[0] if kind == "law" and nouns else m.group(0).strip(), nouns,
                    kind in ("entity", "size") or (kind in ("amount", "count") and owned(q, nouns)),
                    kind == "amount" and (_PRICE.search(q) is not None or _TOTAL.search(q) is not None)
                    and _SHARE.search(q) is None and _HANDED_ON.search(q) is None)
    now = _NOW.search(q)
    future = _FUTURE.search(q)
    if future:
        return Slot("current", future.group(0))
    if now and _STATUS.search(q):
        return Slot("current", now.group(0))
    strong = _NOW_STRONG.search(q)
    if strong and _FACTOID.search(q):  # "去年全球非法贸易的规模有多大": a figure of a year after the sources
        return Slot("current", strong.group(0))
    return None
