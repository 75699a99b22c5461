"""Stop words for the bilingual analyzer: English function words, Chinese particles and the question
words of both languages, which carry no topic ("what", "如何", "怎么样", "咋办")."""

ENGLISH = """a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves tell please explain describe give know want need help
anything something thing things much many also may might must shall us let get got
helps helped helping tells told explains explained gives needs wants knows does doing did
""".split()

CHINESE = """的 了 和 与 及 或 是 在 有 也 都 就 而 并 被 把 对 从 向 让 给 这 那 这个 那个 这些 那些 一个 一些
之 其 所 以 于 为 为了 由 各 每 吗 呢 吧 啊 呀 么 什么 怎么 怎么样 怎样 如何 哪些 哪个 哪 为什么 为何 多少 几
是否 能否 可以 能 会 要 请 问 请问 告诉 我 我们 你 你们 他们 它们 它 他 她 说 讲 介绍 一下 关于 有关 方面 之间
中 上 下 里 内 外 等 做 做了 了解 知道 还 又 很 最 更 该 应 应该 没有 不 哪里 何 谁 时候 可 么样
几个 哪几个 哪几 几种 哪几种 分为 包括哪些 有哪些 办法 什么样 怎么办 怎样才能 如何才能 多久 多长时间
""".split()

# Chat Chinese: colloquial question forms (咋办, 有没有, 能不能), fillers and particles (到底, 那边, 嘛,
# 咱们) and verbs that only carry the sentence (搞, 弄, 拿来): what a focal point types around the topic.
COLLOQUIAL = """咋 咋办 咋整 咋弄 咋样 咋回事 咋搞 怎么弄 怎么搞 怎么整 啥 干啥 干嘛 为啥 啥样 有啥 是啥
咱 咱们 俺 俺们 有没有 是不是 能不能 可不可以 要不要 会不会 需不需要 该不该 难不难 好不好 行不行
到底 究竟 跟 那边 这边 老是 总是 老 一下子 听说 据说 好几个 事儿 这事 这事儿 嘛 呗 哈 啦 咯 哦 喔 诶 嗯
哇 呐 没 得 着 出来 起来 进来 进去 拿来 用来 点 点儿 一点 一点儿 搞 弄 干 看 书里 书中 里面 这本 那本
挂钩 管用 好使 靠谱 靠不靠谱 值不值 划算 招 怎么回事 啥情况 请教 麻烦
想问 想知道 大概 大致 详细 人家 其实 反正 比方说 比如 各位 诸位 然后 哪儿 啥时候 平时
""".split()

# Not the everyday words for "ways" (法子, 路子, 门道, 窍门): "有哪些法子" asks for options, and the
# glossary (knowledge/glossary.yaml, options) lets the question's focus be found as the texts' 选择.

# Chat Chinese around "那个…的事" and "搞了个…": measure words, with "that" and "this" before them
# (那位, 这帮, 那套: jieba keeps those whole) and "each" (个, 各个), the matter word
# (事), verb frames that only carry the sentence (搞了个, 弄出来, 帮, 用), "back then" (那会儿, 那次),
# hedges and softeners (的话, 挺, 有点, 压根, 觉得, 大家, 还是, 只能): none of them names a topic, and a
# word no passage holds counts the most in a question's coverage (index/ranking.py). Not 去, 想, 太:
# off-topic questions ("想去…旅游") are told apart by such unknown words (QueryPlan.unknown_share).
COLLOQUIAL_FRAMES = """个 各个 事 的话 那么 这么 别的 大家 觉得 根本 压根 压根儿 一共 总共 那会儿 那回 这回
那次 这次 那阵子 搞了个 弄了个 搞个 弄个 搞出来 弄出来 搞起来 弄起来 帮 帮忙 帮着 啥的 啥子 咋个 来着
挺 蛮 有点 有点儿 说说 讲讲 聊聊 问问 求问 用 到 往 各家 每家 一堆 一大堆 一大帮 才 些 过 还是 不能 只能
那位 这位 那场 这场 那帮 这帮 那套 这套 那份 这份 那项 这项 那批 这批 几家 俩 仨 套 份 批 玩意 玩意儿
""".split()

# Chat English: fillers around the question ("basically", "gonna", "anyone") and what the word splitter
# leaves of a contraction ("we're" -> we + re, "won't" -> won + t).
EN_COLLOQUIAL = """gonna wanna gotta kinda sorta stuff guys folks lol btw pls plz basically actually
literally really anyway anyways okay ok hey whats thingy somebody someone anybody anyone
re ve ll don won isn aren doesn didn wasn weren haven hasn hadn couldn shouldn wouldn anywhere somewhere everywhere inside
""".split()

# Words about a term rather than about a topic ("what does X stand for", "X 的英文简称是什么").
META = """abbreviation abbreviations acronym acronyms stand stands mean means meaning definition define
called name full short relationship relationships relation 关系 区别 简称 全称 英文 中文 缩写 名称 全名 意思 含义 定义 叫 叫做 称为 指的是
""".split()

STOP_WORDS = frozenset(ENGLISH + CHINESE + COLLOQUIAL + COLLOQUIAL_FRAMES + EN_COLLOQUIAL + META)
