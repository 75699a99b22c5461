"""What a question asks about, and the words of a sentence that says it: "who paid" is answered
by the sentence that says "funded", "since when" by "since about 1996", "where can I look it up"
by the website. bot/answer/question_form.py reads a question's kind; these cues tell, within a
kind, which sentence says what was asked."""

from __future__ import annotations

import re

from bot.answer.slot_nouns import NAMED_LAW

IC = re.IGNORECASE

# "主要卡在哪儿", "what's holding us back": asks for the obstacle, not a place
STUCK = re.compile(r"(卡|难|问题|症结|毛病|瓶颈)(主要|就)?(出)?在哪|\bwhat(?:'s| is) (holding|stopping) (us|them|it|countries)"
                   r"\b|\bwhat(?:'s| is| are) the (main |biggest )?(obstacles?|bottlenecks?|sticking points?)\b", IC)
# "where can I look up …?", "在哪儿能查到…": where to find it is a website or a system, not a place
FIND = re.compile(r"\bwhere (can|could|do|does|should|would|might) (i|we|you|one|they|countries|focal points?) "
                  r"(find|look|see|get|check|search|access|download|read|learn)\b|(哪儿|哪里|在哪)(能|可以)?(查|找|看|搜)", IC)

# What a question asks about, and the words of a sentence that says it ("who paid" -> "funded").
CUES = [
    (re.compile(r"\b(paid|pay|pays|fund|funds|funded|financ\w*|sponsor\w*|bankroll\w*|foot(ed|s)? the bill|"
                r"picked up the (bill|tab))\b|出钱|出的钱|掏钱|掏的钱|谁的钱|买单|出资|资助|赞助|经费来源", IC),
     re.compile(r"\b(fund(ed|ing by|ing from)|financed|sponsored|paid)\b|资助|出资|供资|资金支持|提供资金", IC)),
    # ("who made it", "made by"; not "what did they do that made things easier")
    (re.compile(r"\b(wrote|written|write|authored|prepared|compiled|put together|drafted|draft|drew up|"
                r"drawn up|made by)\b|\bwho (\w+ ){0,2}made\b|编写|编的|写的|编出来|起草|"
                r"编制|怎么编", IC),
     re.compile(r"\b(prepared|developed|produced|written|drafted|compiled|consult\w*|survey)\b|编写|编制|"
                r"制定|协商|调查|撰写|起草|作者", IC)),
    # "who built / chairs / hosts …?": a sentence that names who did it ("built by", "由…开发")
    (re.compile(r"\b(who|which|what)\b.{0,30}\b(buil[dt]s?|develop(s|ed)?|created?|designed?|runs?|ran|running|chair(s|ed|ing)?|head(s|ed|ing)?|"
                r"leads?|led|hosts?|hosted|coordinates?|maintains?|organi[sz]ed|set up|founded|established|"
                # "what agreement got it going?": whatever founded it
                r"got (it|them|this|that) (going|started)|kicked (it )?off|gave rise to|"
                # "who looks after the data bank these days?": whoever keeps it
                r"looks? after|manages?|(is|are) in charge of|(is|are) responsible for|"
                r"keeps? [\w' -]{1,40}? (going|running|alive))\b|"
                # "which agency is the Plant Treaty hosted by?"
                r"\b(who|which|what)\b.{0,60}\b(built|developed|created|designed|run|chaired|headed|led|hosted|"
                r"coordinated|maintained|organi[sz]ed|set up|founded|established) by\W*$|"
                # "who is the secretariat of the BIP?": "has UNEP-WCMC as its secretariat"
                r"\bwho (is|are|was|were|acts as|serves as) (the |its |their )?secretariat\b|秘书处是(谁|哪个|哪家)|"
                r"谁(是|担任|当)[^，。？?]{0,10}秘书处|"
                # "who was the project manager / head of …": whoever held that role
                r"\bwho (is|was|were|are) (the |its |their )?([\w-]+ ){0,2}(manager|head|coordinator|director|leader)\b|"
                r"谁(开发|建|主持|负责|牵头|领导|组织|主办|维护|创建|发起|管|担任|出任|当|在管|挂帅|掌舵|说了算)|由谁|归谁|归哪|"
                r"(主席|负责人|牵头人|主办方|经理|项目经理)是谁|"
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
                # "José Sarukhán has been National Coordinator since the start": who holds the office
                r"\b(has been|have been|is|was) (the |its )?(national |executive |general )?(coordinator|director|"
                r"head|chair|chairman|chairperson|secretary)\b|"
                # "the Finnish Environment Institute (SYKE), which maintains and coordinates the service"
                r"\b(which|who) (builds|built|develops|developed|runs|ran|chairs|heads|leads|led|hosts|hosted|"
                r"coordinates|maintains|maintained|organi[sz]es|set up|founded)\b|"
                r"由[^，。；]{1,40}?(开发|建立|主持|牵头|领导|(?<!政府)组织|主办|维护|创建|发起|担任|负责|编制|编写|制定|管理|"
                r"运营|举办|主办|承办)|主席|隶属|归属|作为[^，。；]{1,30}的(一项)?活动|"
                # "负责维护和协调的芬兰环境研究所（SYKE）": the body that does it
                r"负责(维护|管理|协调|运营|运行|牵头|主持)[^，。；]{0,6}的|"
                # "秘书处设在 UNEP-WCMC", "由联合国环境规划署担任秘书处"
                r"秘书处(设在|由)|(担任|作为)(其|该)?秘书处", IC)),
    # "who was the project manager / 项目负责人是谁": "project manager Dr Ali Al-Lami", "项目经理 … 博士"
    (re.compile(r"\bmanager\b|负责人|经理|牵头人", IC),
     re.compile(r"\bmanager\b|经理|负责人", IC)),
    # "when was it set up / 哪年建的": the sentence that dates its start ("was set up in 1990", "于 1999 年成立")
    (re.compile(r"\bwhen\b.{0,60}\b(set up|found(ed)?|establish(ed)?|creat(e|ed)|start(ed)?|beg[au]n)\b|"
                r"(哪年|哪一年|什么时候|何时).{0,12}(建|设立|成立|创立|创建|组建|启动|发起|搞起来|弄起来|办起来)|"
                r"(建|搞起来|弄起来|办起来|成立)的?.{0,4}(哪年|哪一年|什么时候|何时)", IC),
     re.compile(r"\b(set up|founded|established|created|started|began|inaugurated|launched)\b|成立|设立|创立|创建|"
                r"建立|组建|启动|发起", IC)),
    # "how did it get set up - a law or what? / 是怎么成立的": by what act it was founded ("by presidential decree")
    (re.compile(r"\bhow (did|was|were|do|does|is|are) [\w' -]{1,50}?\b(get |got |come to be )?(set up|founded|established|"
                r"created|started|formed)\b|(怎么|如何|咋)(成立|设立|建立|组建|搞起来|弄起来)的?", IC),
     re.compile(r"\b(set up|founded|established|created|formed) (by|under|through|in accordance with)\b|"
                r"[依根据按照通过][^，。；]{1,20}(成立|设立|建立|组建)", IC)),
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
    # "which law says they have to / 依据哪部法律": the sentence that names a law by its name
    (re.compile(r"\b(which|what) (law|act|legislation|statute|decree|regulation)s?\b|\blegal basis\b|"
                r"(哪部|哪个|哪条|什么|啥)(法律|法规|法|条例)|法律依据|依据(是)?(什么|啥|哪)", IC),
     NAMED_LAW),

    # "主要卡在哪儿 / what's holding us back": the sentence that states the problem
    (STUCK, re.compile(r"\b(lack|lacking|shortage|insufficient|hamper\w*|hinder\w*|barriers?|obstacles?)\b|"
                       r"缺乏|不足|阻碍|障碍|制约", IC)),
    (FIND, re.compile(r"\b(portals?|websites?|web site|online|database|platform|clearing-house)\b|网站|门户|数据库|"
                      r"平台|在线|网上|信息交换机制", IC)),
]

AGENT = 2  # the cue of "who built / chairs / hosts …?"
