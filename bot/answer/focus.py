"""What a question asks about, when it asks for one thing, and whether the best candidates speak of it.

"What are the main rivers of Bhutan?" shares Bhutan with the Bhutan case, which then ranks first by
a wide margin; "Which countries voted against the ivory trade ban?" shares "countries" and "trade"
with the CITES item. Neither item says a word about rivers or votes, and answering with them would
pass a neighbouring fact off as the answer. The value checks (bot/answer/decline.py) catch the
questions that ask for an amount, a date or a person; this catches the others that ask for one
thing by name: the *focus* is the noun a "what is the X of / which X / X有哪些" question asks for, the
act a "who chaired…" question asks about, or, when the noun is a kind of answer ("which countries
…", "哪些国家…"), what those must have done. A candidate speaks of it when it holds the focus's
words (in either language, through the question's synonyms); none does, and the question is
declined as one the sources do not cover.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from index import has_han, to_simplified
from index.query import QueryPlan
from index.sentences import sentence_spans

IC = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Focus:
    words: tuple[str, ...]  # the question's words for what it asks about ("rivers"; "voted", "ivory", "ban")
    need: float = 1.0       # the share of them one candidate must speak of
    together: int = 0       # > 0: the first word (an act) and the last within this many characters of one sentence


# Nouns that name a kind of answer or an abstract side of a topic, not a thing of their own:
# "what are the benefits of joint reporting" is about joint reporting.
_GENERIC = frozenset("""way ways thing things option options step steps example examples case cases lesson
lessons benefit benefits advantage advantages disadvantage disadvantages role roles purpose purposes aim
aims goal goals objective objectives point points idea ideas difference differences problem problems
challenge challenges obstacle obstacles barrier barriers issue issues theme themes topic topics name names
number numbers kind kinds type types sort part parts list result results outcome outcomes reason reasons
meaning definition approach approaches method methods tool tools mechanism mechanisms area areas country
countries nation nations party parties convention conventions organisation organisations organization
organizations body bodies agency agencies institution institutions ministry ministries government
governments people person persons group groups stakeholder stakeholders partner partners actor actors one
city cities town towns place places location locations venue venues
ones source sources document documents information focal experience experiences practice practices
situation status state aspect aspects element elements feature features function functions
responsibility responsibilities task tasks advice tip tips recommendation recommendations
lesson learned priority priorities principle principles basis main key use uses impact impacts effect
effects value values link links relationship relationships connection connections work job""".split())
_GENERIC_ZH = ("方法", "办法", "做法", "经验", "教训", "好处", "作用", "意义", "目的", "区别", "问题", "挑战",
               "障碍", "原因", "措施", "途径", "方式", "内容", "主题", "案例", "例子", "国家", "机构", "组织",
               "部门", "单位", "情况", "特点", "优势", "建议", "要求", "职责", "任务", "关系", "联系", "影响",
               "成果", "结果", "步骤", "工具", "机制", "渠道", "角色", "重点", "原则", "名字", "名称", "东西",
               "事情", "工作", "地方", "方面", "因素", "条件", "坏处", "缔约方", "公约", "全称", "简称", "缩写",
               "英文名", "中文名", "别称", "定义", "含义", "意思", "概念",
               # everyday words for kinds and points: 有哪些事儿 / 讲究 / 要点 / 路数
               "事儿", "种类", "类型", "类别", "讲究", "要点", "形式", "路数", "环节", "思路", "套路")
# words that only qualify what follows ("the main rivers", "主要河流")
_QUALIFIERS = frozenset("""main major biggest largest smallest most least key important official current
different various other new old first last best worst top chief principal general specific particular
common typical usual national local regional international global""".split())
_QUALIFIERS_ZH = ("主要", "重要", "最大的", "最大", "最小", "最新", "具体", "各个", "各", "其他", "其它", "不同",
                  "常见", "一般", "官方", "正式", "所有", "全部", "现有", "有关", "相关")
_STOP = frozenset("""the a an of to for in on at and or our my we i you it its is are was were do does did
how what which who can could should would this that these those with from by about against there their
they has have had be been being will any some all most more than as into also just very much many
actually really exactly basically usually typically normally generally even only ever already""".split())
_AUX = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|should|would|will|may|might|must)"

# "what are the main rivers of Bhutan", "what is the capital city of …": the noun before the preposition
_WHAT_OF = re.compile(rf"^(?:what|which) {_AUX} (?:the |its |their |an? |[\w-]+['’]s )?((?:[a-z-]+ ){{0,3}}?)"
                      r"([a-z-]{3,}) (?:of|in|for|on|at|along|near|across|between|among|inside|within)\b", IC)
# words in -s that are no verbs ("which treaty got its…")
_NOT_VERBS = r"(?:its|this|his|hers|ours|yours|theirs|thus|plus|less|unless|across|perhaps|always|towards)"
# "which Chinese province has…", "which countries voted against…", "which district earns…": the words
# before the verb (a verb in -s only after a singular noun: "which park entry fees" has none)
_WHICH = re.compile(rf"^(?:which|what) ((?:(?!(?:of|in|for|to|on|at|by|with|from|and|or)\b)[a-z-]+ ){{0,3}}?)"
                    rf"([a-z-]{{3,}}) (?:{_AUX}|[a-z]+ed|(?<!s )(?!{_NOT_VERBS}\b)[a-z]+[^s ]s)\b(.*)$", IC)
# "who chaired the workshop": the act, an event ("who hosts…" is a role, often said in other words)
_PAID_IDIOM = re.compile(r"\b(footed|picked up|paid) the (bill|tab) for\b", IC)
_WHO_ACT = re.compile(rf"^who (?!{_AUX}\b)([a-z]{{2,}}ed)\b", IC)
# acts that say the same of who did something, by their stems ("chaired" / "headed" / "led")
_LIKE_ACTS: tuple[tuple[str, ...], ...] = (
    ("chair", "chaired", "chairs", "head", "headed", "heads", "lead", "leads", "led", "presid"),
    ("fund", "funded", "financ", "sponsor", "paid", "pay", "pays", "bankroll"),
    ("organi", "host", "hosted", "hosts", "convene", "arrang"),
    ("wrote", "writ", "draft", "prepar", "author", "compil", "develop", "produc"),
    ("found", "establish", "creat", "set up", "launch", "start"),
    # whether a target was met: a text must say that (never "meetings"), of that target
    ("achiev", "met", "meet", "reach", "fulfil", "attain", "实现", "达到", "达成", "完成"),
)
# "Did Bhutan meet its Aichi targets?", "不丹实现爱知目标了吗": whether a goal was reached, the act
# and what was to be reached (its head noun)
_MET = re.compile(r"^(?:did|has|have|had|will|would) .{2,60}? (?:meet|met|achieved?|reach(?:ed)?|fulfill?(?:ed)?|"
                  r"attain(?:ed)?) (?:all |any |each |most |its |their |the |of |own )*(.*?)([a-z-]{3,})"
                  r"(?: (?:on time|in time|by \d{4}|yet|already))?$", IC)
_MET_ZH = re.compile(r"(实现|达到|达成|完成)(?:了)?(?:它的|他们的|其|自己的)?([\u4e00-\u9fff]{0,6}?(?:目标|指标|任务))(?:了)?(?:吗|没有|没)")
# "what did the Standing Committee decide about Mexico's totoaba": what it was about
_SAID_ABOUT = re.compile(r"^what (?:did|does|do|has|have) .{2,80}? (?:decide|say|conclude|agree|recommend|"
                         r"find|report|announce|propose|rule|state)d? (?:about|on|regarding|concerning) (.+)$", IC)
# "what did the 2019 IPBES global assessment conclude": the thing that concluded, with its year
_SAID = re.compile(r"^what (?:did|does|do|has|have) (.{2,80}?) (?:decide|say|conclude|agree|recommend|find|"
                   r"report|announce|propose|rule|state|show|reveal)d?$", IC)
# 不丹的主要河流有哪些, 秘书处的办公地点是哪里: what follows the last 的
_ZH_OF = re.compile(r"的([\u4e00-\u9fff]{2,8}?)(?:都|分别|一般|通常)?(?:是什么|是哪些|有哪些|是哪个|是哪里|在哪里|"
                    r"叫什么|有什么|是啥|有啥)")
# 网站用的是什么软件, 国家公园有什么动物: the noun after 什么
_ZH_WHAT = re.compile(r"(?:是|用|有|用的是|叫)什么(?!样|时候|意思|作用|关系|区别|办法|方法|经验|好处|做法)"
                      r"([\u4e00-\u9fff]{2,4}?)(?:[？?。]|$|呢|啊|吗)")
# 哪个省湿地最多, 哪些国家投票反对…: the noun after 哪个 (not one before 的: 哪个候鸟的协定 is an agreement)
_ZH_WHICH = re.compile(r"哪(?:个|些|一个|几个|家|所|条|座)([\u4e00-\u9fff]{1,4}?)(?:[？?]?$|有|是|在|最|拥有|获得|"
                       r"参加|投票|反对|支持|负责|主办|举办|签署|加入)(.*)$")


def asked_focus(question: str) -> Focus | None:
    """The focus of a question that asks for one named thing; None for open questions ("how do
    focal points coordinate?") and for those whose noun is a kind of answer with nothing after it."""
    q = to_simplified(question).strip().rstrip("?？!！。. ")
    q = _PAID_IDIOM.sub("paid for", q)  # "who footed the bill for …": who paid for it
    q = re.sub(r"^(?:(?:please|pls|so|ok|and|but|hi|hello),? )*(?:(?:can|could) you )?(?:tell me|do you know|"
               r"i (?:want|need|would like) to know),? ", "", q, flags=IC)
    if has_han(q):
        return _zh_focus(q)
    m = _MET.search(q)
    if m:  # the act and what was to be reached: its head noun and the word before it ("Aichi targets")
        before = _words_focus(m.group(1), 1.0)
        return Focus(("achieved", *(before.words[-1:] if before else ()), m.group(2).lower()), together=MET_REACH)
    m = _SAID_ABOUT.search(q)
    if m:
        return _words_focus(m.group(1), 1.0)
    m = _SAID.search(q)
    if m:
        return _words_focus(m.group(1), 1.0, keep_years=True)
    m = _WHO_ACT.search(q)
    if m:
        return Focus((m.group(1).lower(),))
    m = _WHAT_OF.search(q)
    if m and m.group(2).lower() not in _GENERIC and m.group(2).lower() not in _STOP:
        return Focus((m.group(2).lower(),))
    if m and m.group(2).lower() in _GENERIC:  # "the outcome of the 2022 Montreal conference": that conference
        return _words_focus(q[m.end():], 1.0, keep_years=True)
    m = _WHICH.search(q)
    if m:
        generic = next((w for w in re.finditer(r"[a-z-]+", m.group(1), IC) if w.group(0).lower() in _GENERIC), None)
        noun = generic.group(0).lower() if generic else m.group(2).lower()
        if noun not in _GENERIC and noun not in _STOP and noun not in _QUALIFIERS:
            return Focus((noun,))
        if noun in _GENERIC:  # "which countries voted against the ivory trade ban": the act
            after = q[m.start(1) + generic.end():] if generic else q[m.end(2):]
            verb = re.search(rf"\b({_AUX}|[a-z]+ed|[a-z]+s)\b(.*)$", after, IC)
            rest = ((verb.group(1) if verb and not re.fullmatch(_AUX, verb.group(1), IC) else "") + " "
                    + (verb.group(2) if verb else ""))
            return _words_focus(rest, PREDICATE_SHARE, keep_years=True)
    return None


# the share of a predicate's words one candidate must speak of ("voted against the ivory trade ban":
# only "trade" is the CITES item's; a colloquial "trying to add up all the public money" keeps more)
PREDICATE_SHARE = 0.34


# Superlatives a "which … the most / 哪个…最贵" question ranks by, and the words a sentence that ranks
# the same way uses (both languages): the sources compare little, and "the most expensive park"
# is not answered by a park's fee.
_RANKS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(a, IC), b) for a, b in (
    (r"\b(most expensive|priciest|highest)\b|最贵|最高", "most expensive|highest|最贵|最高|昂贵"),
    (r"\b(cheapest|least expensive|lowest)\b|最便宜|最低", "cheapest|lowest|最便宜|最低"),
    (r"\b(largest|biggest)\b|最大", "largest|biggest|最大"),
    (r"\b(smallest|fewest|least)\b|最小|最少", "smallest|fewest|least|最小|最少"),
    (r"\b(richest|most diverse)\b|最丰富|最多样", "richest|most diverse|最丰富|最多样"),
    (r"\bthe most\b|最多", "most|最多"),
    # "网站最早是为哪个机制服务的": 最早是 says what it was originally, no ranking
    (r"\b(first|earliest)\b|最早(?!是)|第一个|首个", "first|earliest|pioneer|最早|首个|首次|率先|第一"),
))
_RANKED = re.compile(r"^(which|what|who)\b|哪", IC)


@dataclass(frozen=True, slots=True)
class Rank:
    asks: str                 # the question's superlative ("最贵", "the highest")
    words: str                # how a sentence that ranks so says it ("most expensive|highest|最贵|…")
    about: tuple[str, ...]    # what is ranked: words of which a sentence that ranks it holds one


def asked_rank(question: str) -> Rank | None:
    """The superlative of a question that asks which thing ranks first by something, with what
    it ranks ("哪个国家的保护区最大" -> 保护区); None otherwise."""
    q = to_simplified(question)
    if not _RANKED.search(q.strip()):
        return None
    for asks, words in _RANKS:
        m = asks.search(q)
        if m:
            if has_han(m.group(0)):  # 保护区最大, 门票最贵: the words before it
                before = re.search(r"([\u4e00-\u9fff]{2,6})(?:的)?$", q[:m.start()])
                about = (before.group(1)[-2:], before.group(1)[-3:]) if before else ()
            else:  # "the highest park entry fees": the words after it
                about = tuple(w[:5] for w in re.findall(r"[a-z][a-z-]{2,}", q[m.end():].lower())[:3]
                              if w not in _STOP)
            return Rank(m.group(0), words, tuple(dict.fromkeys(about)))
    return None


def ranks(rank: Rank, texts: Iterable[str]) -> bool:
    """Whether a sentence of one of `texts` ranks the way the question asks, about what it asks."""
    pattern = re.compile(r"(?<![a-z])(" + rank.words + r")(?![a-z])", IC)
    for text in texts:
        low = to_simplified(text).lower()
        for a, b in sentence_spans(low):
            sentence = low[a:b]
            for m in pattern.finditer(sentence):
                reach = RANK_REACH_HAN if has_han(m.group(0)) else RANK_REACH
                near = sentence[max(0, m.start() - reach):m.end() + reach]
                if not rank.about or any(w in near for w in rank.about):
                    return True
    return False


MET_REACH = 40       # "met its targets": the act beside what was reached
MET_REACH_HAN = 12   # "实现了国家目标", not "实现协同作用的平台……目标"
RANK_REACH = 60      # characters around a superlative what it ranks may stand ("the first MEA to…")
RANK_REACH_HAN = 12  # the same in Chinese ("保护区最大", not "最大的重点领域……保护区体系")


def _acts_alike(word: str, text: str) -> bool:
    """"who chaired the committee" is answered by "it was headed by …": whether `text` says an act
    of the same kind as `word` (by its stems, at a word's start)."""
    pattern = _act_pattern(word)
    return pattern is not None and pattern.search(text) is not None


@functools.lru_cache(maxsize=256)
def _act_pattern(word: str) -> re.Pattern[str] | None:
    """The acts of `word`'s kind (_LIKE_ACTS) as one pattern: each stem at a word's start, a short
    one as a whole word ("met", never "meetings"); None when `word` is of no listed kind."""
    group = next((g for g in _LIKE_ACTS if any(word.startswith(v) for v in g)), ())
    return re.compile("|".join(rf"(?<![a-z]){re.escape(v)}" + (r"(?![a-z])" if len(v) <= 4 else "")
                               for v in group)) if group else None


def _words_focus(text: str, need: float, keep_years: bool = False) -> Focus | None:
    words = tuple(w for w in re.findall(r"[a-z][a-z-]{2,}" + (r"|(?<!\d)(?:19|20)\d\d(?!\d)" if keep_years else ""),
                                        text.lower())
                  if w not in _STOP and w not in _QUALIFIERS)
    return Focus(words, need) if len(words) >= 2 or (words and need >= 1.0) else None


def _zh_focus(q: str) -> Focus | None:
    m = _MET_ZH.search(q)
    if m:  # 不丹实现爱知目标了吗: the act and the goal
        return Focus(("实现", m.group(2).split("的")[-1]), together=MET_REACH)
    q = re.sub(r"[啊呀呢吗吧嘛哦哈啦]+$", "", q)  # 这是哪个会啊
    m = _ZH_WHAT.search(q) or _ZH_OF.search(q)  # 国家公园有什么动物: the animals
    if m:
        noun = m.group(1)
        for qualifier in _QUALIFIERS_ZH:
            noun = noun.removeprefix(qualifier)
        if len(noun) >= 2 and not any(noun.endswith(g) for g in _GENERIC_ZH):
            return Focus((noun,))
    m = _ZH_WHICH.search(q)
    if m and m.group(1) and not any(m.group(1).endswith(g) or m.group(1).startswith(g) or g.endswith(m.group(1))
                                    for g in _GENERIC_ZH):
        return Focus((m.group(1),))
    return None


def speaks_of(focus: Focus, texts: Iterable[str], terms: Callable[[str], set[str]],
              synonyms: Callable[[str], Sequence[tuple[str, ...]]], names: Sequence[str] = ()) -> bool:
    """Whether one of `texts` (the best candidates', either language) speaks of enough of the
    focus's words: a Chinese word written in it, an English one through its analysed terms
    (`terms`: stems, so "chaired" finds "chair") or one of its `synonyms` (term tuples)."""
    texts = list(texts)
    for text in texts:
        simple = to_simplified(text)
        found_terms = terms(simple)
        held = 0
        low = simple.lower()
        for word in focus.words:
            held += (has_han(word) and word in simple) or any(all(t in found_terms for t in alt) for alt in synonyms(word)) \
                or _acts_alike(word, low)
        years = [w for w in focus.words if w.isdigit()]  # "hosted the 2018 COP": that year, whatever else
        if held >= focus.need * len(focus.words) and all(y in simple for y in years) \
                and (not focus.together or _together(focus, low, terms, synonyms, names)):
            return True
    return False


def _together(focus: Focus, low: str, terms: Callable[[str], set[str]],
              synonyms: Callable[[str], Sequence[tuple[str, ...]]], names: Sequence[str] = ()) -> bool:
    """Whether a sentence of `low` that holds the question's `names` says the focus's act right
    before its last word ("met its targets", "实现了国家目标"), or just after it ("targets were met"):
    a text may speak of both far apart ("实现协同作用的平台……《爱知生物多样性目标》"), or of a
    name in another sentence (BIOFIN's list of countries beside what BIOFIN helps achieve)."""
    act, goal = focus.words[0], focus.words[-1]
    pattern = _act_pattern(act)  # "achieved" and "实现" are of a listed kind
    if pattern is None:
        return False
    for a, b in sentence_spans(low):
        sentence = low[a:b]
        if not all(any(n in sentence for n in alts.split("|") if n) for alts in names):
            continue
        for m in pattern.finditer(sentence):
            reach = MET_REACH_HAN if has_han(m.group(0)) else focus.together
            window = sentence[max(0, m.start() - reach // 2):m.end() + reach]
            if (has_han(goal) and goal in window) or any(all(t in terms(window) for t in alt) for alt in synonyms(goal)):
                return True
    return False


class FocusCheck:
    """`speaks_of` with the index's analysis: texts' terms remembered (the same items come back
    question after question), synonyms from the question's plan."""

    def __init__(self, analyze: Callable[[str], list[tuple[str, int, bool]]], cache_size: int = 2048) -> None:
        self._analyze = analyze
        self._terms: dict[str, set[str]] = {}
        self._cache_size = cache_size

    def missing(self, focus: Focus | None, rank: Rank | None, texts: Sequence[str],
                plan: QueryPlan, names: Sequence[str] = ()) -> str | None:
        """What no text of the best candidates speaks of (the focus's words), or ranks by (the
        question's superlative); None when they do. A text counts only when it also holds the
        question's `names` (each "Iraq|伊拉克"): "which consultant drafted Iraq's report" is not
        answered by an item on consultants that never mentions Iraq."""
        low = [to_simplified(t).lower() for t in texts]
        texts = [t for t, text in zip(texts, low, strict=True)
                 if all(any(n in text for n in alts.split("|") if n) for alts in names)]
        if focus is not None and not self.holds(focus, texts, plan, names):
            return " ".join(focus.words)
        if rank is not None and not ranks(rank, texts):
            return rank.asks
        return None

    def holds(self, focus: Focus, texts: Iterable[str], plan: QueryPlan, names: Sequence[str] = ()) -> bool:
        def synonyms(word: str) -> list[tuple[str, ...]]:
            own = tuple(t for t, _, sub in self._analyze(word) if not sub)
            alts = [own] if own else []
            for concept in plan.concepts:
                if concept.word in own:
                    alts += [a.tokens for a in concept.alternatives if a.kind != "subword"]
            return alts
        return speaks_of(focus, texts, self._text_terms, synonyms, [n.lower() for n in names])

    def _text_terms(self, text: str) -> set[str]:
        found = self._terms.get(text)
        if found is None:
            if len(self._terms) >= self._cache_size:
                self._terms.clear()
            found = self._terms[text] = {t for t, _, _ in self._analyze(text)}
        return found
