"""What kind of fact a question turns on, read from its form: its *slot*.

"How much did Palau receive from the GEF?" asks for an amount, about Palau and the GEF; "who is
Nepal's CBD focal point?" for whoever holds an office; "哪一年批准的" for the date of an approval. A
question about the present ("this year", "现任", "right now"), about the asker's own country or office,
or a task ("write me a letter", "帮我翻译") asks for what the 2015 Sourcebook cannot give at all. The
slot names the nouns a sentence must hold with the value (the fee, the quota, the counted members);
bot/answer/decline.py checks the best candidates for such a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import has_han, to_simplified

IC = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str            # amount | count | date | duration | person | entity | size | place | law | procedure
                         # | current | own | task
    what: str            # the words of the question that ask for it
    nouns: tuple[str, ...] = ()  # what the value is about (fee, quota, 会费): a sentence must name it
    owned: bool = False  # "Uganda's budget", "乌干达的预算": the owner is named in that sentence too

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
          r"allowance|per diem|penalty|penalties|fine|fines)")
_DATE = re.compile(r"\bwhen (is|was|are|were|does|did|will|do|should|must)\b|\bwhat (year|date|"
                   r"day|month|time)\b|\bwhich (year|date|month)\b|\bsince when\b|\bin what year\b|"
                   r"什么时候|何时|哪一年|哪年|几月|几号|哪天|哪一天|日期", IC)
_SLOTS: list[tuple[str, re.Pattern[str]]] = [
    ("law", re.compile(r"\b(law|laws|act|legislation|regulation|regulations|decree|bylaws?|statute)\b"
                       r".{0,40}\b(say|says|said|require|requires|allow|allows|passed|adopted|enacted|"
                       r"state|states|provide|provides|cover|covers|regulate|regulates|govern|governs|protect|protects)\b|"
                       r"\b(which|what) (article|section|clause|chapter|paragraph)s? of\b(?! (the |this |that )?(report|paper|document|"
                       r"prospectus|book|sourcebook|guide|study|review|manual|handbook|thesis)\b)|第几条|哪一?条|(保护|管理|促进|防治|安全|资源|动物|植物|湿地|森林|公园|环境|"
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
                          r"负责人|执行秘书|署长|司长|处长)(现在|目前|现任|当前|今年)?(是谁|叫什么|是哪位)|谁是.{0,10}(秘书长|部长|"
                          r"主席|主任|局长|负责人)", IC)),
    # "which NGO in Cameroon…": a sentence must name such a body with what the question names
    ("entity", re.compile(r"\b(which|what) (\w+ )?(ngos?|ministry|ministries|agency|agencies|organi[sz]ations?|"
                          r"department|departments|institutions?|universit(y|ies)|compan(y|ies)|"
                          r"authority|authorities|languages?|currency|capital|banks?|donors?|foundations?|"
                          r"airlines?|hotels?|flights?)\b|"
                          r"\bwhat is the name of\b|\bwhat (is|are) the (\w+ ){0,2}(languages?|currency|capital)\b|"
                          r"(部门|机构|组织|单位|部委|大学|公司|管理机构|科学机构|主管部门|银行)是哪(个|家|些)|"
                          r"\bwhat is the (population|area|size|gdp|climate) of\b|\bhow (big|large|small) (is|are|was|were) "
                          r"(?!(the |[\w'’-]+ ){0,6}(amount|budget|price|cost|fee|funding|spending|grant|allocation|revenue|"
                          r"income|sum|salary|contribution)s?\b)|叫什么名字|人口有?多少|面积有?多大|"
                          r"哪(个|些|家)(部门|机构|组织|单位|部委|大学|公司|非政府组织|管理机构)", IC)),
    # "where is the CBD Secretariat": a sentence must say where it sits
    ("place", re.compile(r"\bwhere (is|are|was|were) (the )?([\w-]+ ){0,4}(secretariat|headquarters|seat|office)s?\b|"
                         r"\bwhich city\b|\bin which (city|country) is\b|(秘书处|总部|办公室)(在哪|设在哪|位于哪)|在哪个城市", IC)),
    ("amount", re.compile(r"\bhow much\b|\b(what|which) (is|was|are|were) (the |[\w'’-]+ ){0,4}(amount|"
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
    ("date", _DATE),
]
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
    "director": ("director", "主任", "局长"), "head": ("head", "director", "负责人", "主任", "局长"),
    "负责人": ("负责人", "head", "director", "主任", "局长"), "秘书长": ("秘书长", "secretary"), "部长": ("部长", "minister"),
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
)
# Counted nouns and the words that name the same things (singular stems, substrings of a sentence).
_COUNTED: tuple[tuple[str, ...], ...] = (
    # not 人: nearly every Chinese sentence has it; "how many people sit on it": its members
    ("people", "person", "individual", "member", "participant", "成员"),
    ("staff", "employee", "worker", "personnel", "员工", "职工", "工作人员"),
    ("member", "成员", "委员"),
    ("countrie", "country", "nation", "parties", "国家", "缔约方"),
    ("site", "地点", "站点", "样点"),
)
_LAW_NAME = re.compile(r"(\b[\w'-]+(?: [\w'-]+){0,3}) (law|act|legislation|regulations?|decree)\b|"
                       r"([\u4e00-\u9fff]{2,10}(法|条例|法规|规章|法律|法案))", IC)
_PROC_OBJECT = re.compile(r"\b(?:apply|register|submit|nominate|fill (?:in|out)|obtain|request|book|get|"
                          r"pay|renew|secure)\b(?: for| to)? (?:an? |the |our |my )?([\w' -]{3,60}?)"
                          r"(?: to | at | for | in |\?|$)|(?:申请|办理|报名|提交|填写|缴纳|报销)([\u4e00-\u9fffA-Za-z]{2,12})",
                          IC)
_STOP = frozenset("the a an of to for in on at and or our my we i you it its is are do does did how "
                  "what which who can could should would this that with from by about".split())


# Whether a country is a party today, or has done something this year: the 2015 Sourcebook cannot say.
_MEMBERSHIP = re.compile(r"\b(is|are) (\w+ ){1,3}(a )?(party|parties|member|members|signator(y|ies)) (to|of)\b|"
                         r"\b(has|have) (\w+ ){1,3}(joined|ratified|acceded to|signed up to)\b|"
                         r"(加入|批准|签署)了?[^，。？?]{0,12}(吗|没有|没)[？?]?$|是不是[^，。？?]{0,12}(缔约方|成员)|"
                         r"是[^，。？?]{0,12}(缔约方|成员国?)吗|(没有|没|尚未|还未|未)(加入|批准|签署)|"
                         r"\b(not yet|yet to|haven't|have not|hasn't|has not|never) (\w+ )?(joined|ratified|signed|"
                         r"acceded|join|ratify|sign|accede)\b", IC)
# The asker's own country or office: the sources describe other countries' cases, never theirs.
_OWN = re.compile(r"\bour (own )?(country|province|state|region|ministry|agency|department|office|government|"
                  r"institution|unit|team|city|county)\b|我们(国家|省|市|县|局|部|厅|处|单位|机构|中心|政府)|"
                  r"(我|本)(国|省|市|县|局|部|厅|处|单位)(?![家际内])", IC)
# A yes/no question about an event, asked together with "this year / now" (_NOW).
_EVENT_DONE = re.compile(r"^(has|have|did|was|were|is|are) \w+|(了吗|了没有|了没|过吗|吗|多不多|有没有)[？?]?$", IC)
# what a year has ("this year's theme of World Wetlands Day"), asked together with _NOW
_OF_THE_YEAR = re.compile(r"\b(theme|slogan|motto|host|venue|agenda|decision|resolution|news|update|"
                          r"development)s?\b|主题|口号|主办|议程|决定|决议|新闻|动态", IC)
# a question for one fact (not "how do we…"), which about the asker's own country no source holds
_FACTOID = re.compile(r"\b(which|who|where|how (many|much|big|large))\b|哪|谁|多少|多大|几", IC)


def asked_slot(question: str) -> Slot | None:
    """The kind of fact the question turns on, read from its form; None for an open question
    ("how do focal points coordinate?", "which country mapped its spending?") or one that only
    mentions the fact ("should we know how much we spend?")."""
    q = re.sub(r"\b(what|who|where|when|how)['’]s\b", r"\1 is", to_simplified(question).strip(), flags=IC)
    if _WHETHER.search(q) or (_RECKONED.search(q) and not _NOW.search(q)):
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
        own = _OWN.search(q)
        if own and kind in ("person", "amount", "count", "date", "duration", "entity"):
            return Slot("own", own.group(0))
        nouns = _nouns(q, kind)
        kind = "size" if nouns == (_SIZES,) else kind  # "how big is the buffer zone": a size, not a body
        return Slot(kind, nouns[0] if kind == "law" and nouns else m.group(0).strip(), nouns,
                    kind in ("entity", "size") or (kind in ("amount", "count") and _owned(q, tuple(
                        "|".join(v for v in a.split("|") if v not in _HEAD.findall(q)) for a in nouns))))
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


_UNITS = {"页": "页|page", "记录": "记录|record|entr", "数据": "数据|record|data", "只": "只|头|individual", "头": "头|只|individual", "人次": "人次|visit",
          "公顷": "公顷|hectare", "平方公里": "平方公里|km", "吨": "吨|tonne|ton"}
# the noun after a modifier ending in 的 (多少个权重最高的实体: 实体), only an alternative (多少家报纸的文章 counts papers)
_HEAD = re.compile(r"多少(?:个|种|名|位|家|项|处|份|次|架)?[\u4e00-\u9fff]{1,8}?的([\u4e00-\u9fff]{2,4}?)(?=[来去有在是了呢吗啊？?，,]|$)")
# words before the counted noun that only qualify it ("how many pilot countries", "how many Ramsar sites")
_QUALIFIERS = frozenset("pilot national local regional protected different other more new big large small "
                        "international global separate individual official formal informal".split())


def _counted_word(q: str) -> re.Match[str] | None:
    """"how many Ramsar sites does…" -> sites: the word after "how many", past names and qualifiers."""
    m = re.search(r"\bhow many ([A-Za-z-]+)((?: [A-Za-z-]+){0,2})", q, IC)
    if m is None:
        return None
    words = [m.group(1), *m.group(2).split()]
    i = 0
    while i + 1 < len(words) and (words[i][:1].isupper() or words[i].lower() in _QUALIFIERS
                                  or words[i].lower().endswith("ed")):
        i += 1
    return re.search(rf"({re.escape(words[i])})", q)


def _owned(q: str, nouns: tuple[str, ...]) -> bool:
    """Whether a name owns what the value is about: "Uganda's budget", "乌干达的预算"."""
    words = [re.escape(v) for alts in nouns for v in alts.split("|") if v]
    if not words:
        return False
    noun = "(" + "|".join(words) + ")"
    return re.search(rf"[a-z]['’]s ([\w-]+ ){{0,3}}{noun}|[\u4e00-\u9fff]的([\u4e00-\u9fff]{{0,4}}){noun}|"
                     rf"{noun}s? (for|of|in|to) (?-i:[A-Z])|\bhow (many|much) .{{0,40}}\b(does|do|did) (?-i:[A-Z])\w+ (have|hold|"
                     rf"get|receive|own|host)\b", q, IC) is not None


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
        unit = re.search(r"(?:多少|几)(页|只|头|棵|人次|公顷|平方公里|吨)", q) or \
            re.search(r"(?:多少|几)(?:条|张|册|本)([\u4e00-\u9fff]{2})", q)
        if unit:  # 有多少页: pages, whatever has them; 多少条记录: records
            return (_UNITS.get(unit.group(1), unit.group(1)),)
        after = re.search(r"(?:多少|几)(?:个|种|名|位|家|项|处|份|次)?+([\u4e00-\u9fff]{1,6})", q)
        if after:  # 有几处世界遗产 -> 世界遗产, 派了几个人 -> people, 多少个国家参加 -> countries
            word = re.split(r"[参出来去有在是派了的呢啊吗呀都还]", after.group(1))[0]
            known = next((names for names in _COUNTED if any(word in (n, n + "们") for n in names if has_han(n))), None)
            if word.startswith("人"):
                known = _COUNTED[0]
            if known or len(word) >= 2:  # 自然保护区: 自然保护区|保护区|护区, never 保护 (in every other sentence)
                return ("|".join(known or dict.fromkeys((word, word[-3:], word[-2:], *_HEAD.findall(q)[:1]))),)
        before = re.search(r"([\u4e00-\u9fff]{2,})(?:一共|总共|共|大概|大约|现在)?有(?:多少|几)(?:个|种|名|位|家|项|处)?[？?]?$", q)
        if before:  # 我们省的自然保护区有多少个 -> 自然保护区 (or its last word: 保护区, 护区)
            thing = re.split(r"[的之]", before.group(1))[-1]
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
        thing = re.split(r"[的之]", m.group(1) or m.group(2))[-1] if m else ""
        # "这本手册是哪一年…": what it points back to is named elsewhere, not in these words
        return acts + ((thing,) if len(thing) >= 3 and not re.match(r"[这那该此本其它它他她]", thing) else ())
    if kind == "entity":
        if re.search(r"\bhow (big|large|small) (is|are|was|were)\b", low):
            return (_SIZES,)
        m = re.search(r"(ngo|universit|compan|language|currency|capital|population|area|size|gdp|climate|人口|面积|"
                      r"bank|donor|foundation|银行|airline|hotel|flight|"
                      r"ministr|agenc|organi|department|institution|authorit|部门|机构|组织|单位|部委|大学|公司|"
                      r"非政府组织)", low)
        return (_BODIES.get(m.group(0), _ANY_BODY),) if m else ()
    if kind == "place":
        return ("secretariat|headquarter|seat|office|hosted|based|located|秘书处|总部|托管|设在|位于",)
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
_SIZES = "hectare|公顷|km|square|平方|面积|acre|sq mi"
# What a body asked for by "which" is called in a sentence that names one.
_ANY_BODY = ("ministr|department|agenc|organi|institut|authorit|commission|committee|council|secretariat|"
             "office|bureau|centre|center|universit|ngo|programme|部|局|委员会|机构|组织|中心|办公室|大学|署|"
             "理事会|秘书处")
_BODIES = {
    "ngo": "ngo|non-governmental|非政府", "非政府组织": "非政府|ngo|non-governmental",
    "universit": "universit|大学", "大学": "大学|universit", "compan": "compan|公司", "公司": "公司|compan",
    "language": "language|语言|语种", "currency": "currency|货币", "capital": "capital|首都",
    "population": "population|人口", "人口": "人口|population", "bank": "bank|银行", "银行": "银行|bank",
    "donor": "donor|捐助", "foundation": "foundation|基金会", "airline": "airline|航空",
    "hotel": "hotel|酒店|宾馆", "flight": "flight|航班", "area": _SIZES, "面积": _SIZES, "size": _SIZES, "gdp": "gdp|国内生产总值", "climate": "climate|气候",
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
# what a share is of: "percentage of Uganda's budget", "占GDP的百分之几"
_SHARE_OF = re.compile(r"\b(?:percentage|share|proportion|fraction|per ?cent) of (?:the |[\w-]+['’]s )?(?:[\w-]+ ){0,2}?"
                       r"([a-z-]{2,})(?= (?:goes|go|is|was|are|were|in|for|on|to|spent)\b|\?|$)|"
                       r"占([\u4e00-\u9fffA-Za-z]{1,8}?)的?(?:百分之几|百分之多少|比例|多少)", IC)
# Acts a date question asks about, and the words a sentence dating them uses (both languages).
_DATED_ACTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(a, IC), b) for a, b in (
    (r"\b(sign|signed|signing)\b|签署|签订|签字", "sign|签署|签订"),
    (r"\b(amend\w*|revis\w*)\b|修订|修改|修正", "amend|revis|修订|修改|修正"),
    (r"\b(approv\w*)\b|批准", "approv|adopt|endors|批准|通过"),
    (r"\b(adopt\w*)\b|通过", "adopt|approv|通过|批准"),
    (r"\b(join|joined|accede\w*|accession|ratif\w*)\b|加入|批准加入", "join|acce|ratif|party|加入|缔约方"),
    (r"\b(enter\w* into force|in force|effective)\b|生效", "force|生效"),
    (r"\b(found|founded|establish\w*|set up|created?|start\w*|launch\w*|begin|began|begun)\b|成立|设立|创立|启动|发起|开始",
     "found|establish|set up|creat|form|launch|start|began|begin|inaugurat|since|成立|设立|创立|建立|组建|启动|发起|开始|推出"),
    (r"\b(publish\w*|released?|issued?)\b|出版|发布|公布|印发",
     "publish|release|launch|issue|post|made available|出版|发布|公布|印发|推出"),
))
_DATE_OF = re.compile(r"(?:哪天|哪一天|什么时候|何时)是([\u4e00-\u9fff]{2,12}?)[？?]?$|"
                      r"^([\u4e00-\u9fff]{2,12}?)是(?:在)?(?:哪天|哪一天|什么时候|何时|哪一年|哪年)")
