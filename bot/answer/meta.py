"""Questions about the bot itself and small talk: "who made you?", "你是谁？能帮我做什么？",
"are you a real person?", "谢谢，你帮了大忙！".

They get a short built-in answer (what the bot is, its sources and their date, what it can do, the
commands), never a knowledge item: searched, "what can you do?" matches passages on what focal
points can do. A message is meta only when every clause of it is (a greeting, thanks or praise, or
a question about the bot addressed to it as "you"/"你"), so "thanks! and how did Uganda share its
data?" stays a question.
"""

from __future__ import annotations

import re

from index import to_simplified

# Kinds, in the order their answers are given when a message holds several.
KINDS = ("identity", "human", "abilities", "sources", "thanks", "greeting")

_YOU = r"(you|u|yourself|this bot|the bot|nfpbot)"
_EN = {
    "greeting": r"(hi|hello|hey|dear bot|good (morning|afternoon|evening)|greetings)( there)?( bot)?",
    # "ok thanks", "great, thank you": an acknowledgement before the thanks, in one clause
    "thanks": r"((ok|okay|great|cool|perfect|alright|all right|got it|fine|good|nice) )?"
              r"(many |thanks? (you )?(so |very )?(much|a lot)|thanks|thank (you|u)|thx|ty|cheers)"
              r"( (so|very) much| a lot)?( for (that|this|the help|your help|the answer))?",
    "praise": r"(that|this|it)?( was| is|'s)? ?(very |really |so )?(great|helpful|useful|perfect|"
              r"good|nice|excellent|awesome)|(you|u)('ve| have)? (helped|been (very |a )?"
              r"(great|helpful|big help))( me)?( a lot)?|(ok|okay|great|cool|got it|perfect|bye|"
              r"goodbye|see you)",
    "identity": rf"(who|what) (are|r) {_YOU}|who (made|built|created|developed|wrote|programmed|"
                rf"runs|owns|trained) {_YOU}|what is (this bot|nfpbot)|introduce yourself|"
                rf"tell me about yourself|what('s| is) your name|"
                # "are you ChatGPT?": which program it is
                rf"(are|r) {_YOU} (a |an )?(chatgpt|gpt(-?\d[\w.]*)?|openai|claude|gemini|deepseek|copilot|"
                r"(large )?language model|llm)",
    "human": rf"(are|r) {_YOU} (a |an )?(real |actual )?(person|human|people|bot|robot|machine|ai|"
             r"chatbot|computer|program)|am i (talking|chatting|speaking) (to|with) (a |an )?"
             r"(real |actual )?(person|human|bot|robot|machine|ai)",
    "abilities": rf"what (can|could|do) {_YOU} (do|help( me)?( with)?|answer|offer)( for me)?|"
                 rf"how (can|could|do) {_YOU} help( me)?|what (is|are) {_YOU} (for|good for)|"
                 rf"how (do|can|should) i use {_YOU}|what (can|should) i ask( {_YOU})?|"
                 rf"what do {_YOU} know( about)?|help me|"
                 # "what languages do you speak?", "can I ask in Chinese?"
                 rf"what languages? (do|can) {_YOU} (speak|understand|use|answer in)|(do|can) {_YOU} (speak|understand|"
                 rf"answer in|reply in) (english|chinese|mandarin)|can i ask (you )?in (english|chinese)",
    "sources": rf"(where|what) (does|do) {_YOU}r? (information|info|data|knowledge|answers?) come from|"
               rf"what (are|is) {_YOU}r (sources?|data|information)|where do {_YOU} get "
               rf"(your )?(information|info|data|answers?)|how (up to date|current|recent|old) "
               rf"(are {_YOU}|is {_YOU}r (information|data|knowledge))|what sources do {_YOU} use|"
               # "can I trust your answers?": where they come from, and from when
               rf"(can|should) i (trust|rely on|believe) {_YOU}r?( answers?| information)?|"
               rf"how (reliable|accurate|trustworthy) (are {_YOU}|is {_YOU}r (information|answers?))|"
               rf"(are|is) {_YOU}r (answers?|information) (reliable|accurate|correct|trustworthy)",
}
_NI = r"(你|您|你们|机器人)"
_ZH = {
    "greeting": r"(你好|您好|嗨|哈喽|早上好|下午好|晚上好|大家好|在吗|在不在)(呀|啊)?",
    "thanks": r"(好的|好|行|嗯|明白了|知道了|收到)?(非常|太|十分)?(谢谢|多谢|感谢|谢了|谢啦|辛苦了)(你|您)?(了|啦)?(的帮助)?",
    "praise": r"(你|您)?(真|太|很|非常)?(帮了(我)?(大忙|很大的忙|不少)|有用|有帮助|厉害|棒|好的|"
              r"明白了|懂了|收到|再见|拜拜)(了|啦)?",
    "identity": rf"{_NI}(是|叫)(谁|什么|什么东西|哪位|做什么的|干什么的)|谁(开发|做|制作|创建|设计)"
                rf"(了|的)?{_NI}|{_NI}是谁(开发|做|制作|创建|设计)的|介绍(一下)?(你|您)自己|"
                rf"{_NI}叫什么(名字)?|{_NI}是(不是)?(ChatGPT|chatgpt|GPT|gpt|大模型|大语言模型|文心一言|通义千问|DeepSeek|deepseek)",
    "human": rf"{_NI}是(真|真的|真实的)?(人|人类|真人|机器人|机器|程序|AI|ai|人工智能)(吗|吧|么|嘛)|"
             rf"{_NI}是不是(真)?(人|真人|机器人|机器|AI|ai|人工智能)|(我)?(在)?(和|跟)(真人|机器人|人)(聊天|说话)(吗|么)",
    "abilities": rf"{_NI}(能|可以|会)(帮(我|我们)?)?(做|干|回答)?(什么|啥|哪些)(事|问题)?|"
                 # the subject left out, as Chinese does: "能帮我做什么？"
                 rf"(能|可以)帮(我|我们)(做|干|回答)?(什么|啥|哪些)(事|问题)?|"
                 rf"{_NI}(有)?(什么|啥|哪些)(功能|用|用处)|(怎么|如何)(用|使用)(你|您|这个机器人|机器人)|"
                 rf"(我)?(能|可以)问(你|您)?(什么|啥|哪些)(问题)?|"
                 rf"{_NI}(会|能)(说|讲|用|看懂|听懂)(英文|英语|中文|汉语)|(能|可以)用(英文|英语|中文)(问|提问|回答)",
    "sources": rf"{_NI}的(资料|信息|数据|知识|内容|答案)(是)?(从|来自|出自)?(哪里|哪儿|哪)(来|来的)?|"
               rf"{_NI}的(资料|信息|数据|知识|内容)是(哪一年|哪年|什么时候|多久以前)的|"
               rf"{_NI}的(资料|信息|数据)(有多新|新不新|更新到(哪一年|什么时候))|"
               rf"{_NI}(的)?(回答|答案|说的|讲的)?(可靠|准确|靠谱|可信|能信)|(能|可以)(相信|信)(你|您)(的回答|说的)?",
}
_EN_RE = {k: re.compile(rf"(please )?({v})( please)?", re.IGNORECASE) for k, v in _EN.items()}
_ZH_RE = {k: re.compile(rf"(请问|那|那么)?({v})(呢|呀|啊|吗)?") for k, v in _ZH.items()}
_CLAUSES = re.compile(r"\s*(?:[,，.。!！?？;；:：~～]+|\band\b|\balso\b|\bbut\b|还有|另外|并且|而且|那)\s*",
                      re.IGNORECASE)


def meta_kinds(question: str) -> tuple[str, ...]:
    """The kinds of meta talk the message is made of (see KINDS; praise counts as thanks), or ()
    when any clause of it is something else: a real question."""
    text = to_simplified(question).strip().lower().replace("’", "'")
    clauses = [c for c in _CLAUSES.split(text) if c and c.strip()]
    if not clauses or len(text) > 160:
        return ()
    kinds: set[str] = set()
    for clause in clauses:
        kind = _clause_kind(clause.strip())
        if kind is None:
            return ()
        kinds.add("thanks" if kind == "praise" else kind)
    return tuple(k for k in KINDS if k in kinds)


def _clause_kind(clause: str) -> str | None:
    for kind, pattern in (_ZH_RE if re.search(r"[\u4e00-\u9fff]", clause) else _EN_RE).items():
        if pattern.fullmatch(clause):
            return kind
    if re.search(r"[\u4e00-\u9fff]", clause):  # "你好 bot": mixed
        for kind, pattern in _EN_RE.items():
            if pattern.fullmatch(clause):
                return kind
    return None


def meta_message_keys(kinds: tuple[str, ...]) -> list[str]:
    """The messages (config/messages.yaml) that answer these kinds, in order: the bot's own
    description once, however many of its parts were asked."""
    keys = ["thanks_reply"] if "thanks" in kinds else []
    if "human" in kinds:
        keys.append("meta_human")
    if {"identity", "abilities", "sources"} & set(kinds) or kinds == ("greeting",):
        keys.append("meta_about")
    return keys or ["meta_about"]
