"""Where an item's facts come from, in words an official can check, in the answer's language.

The Sourcebook's own section comes first; at most `limit` further sources follow and the rest are
counted (the full list is in the item's full text, `show ID`). Section names are translated: the seed's
headings are Chinese and the research notes' are English, but a reader sees them in their language.
A URL that is not the publisher's own site is labelled a copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.foundation.answers import Lang
from bot.knowledge import Source

FURTHER_SOURCES = 0   # one reference under a citation; every one of them in `show ID`

# The seed's headings (the Chinese executive summary) in English.
SEED_SECTIONS_EN = {
    "执行摘要": "Executive summary",
    "制度安排": "Institutional arrangements",
    "信息管理和报告": "Information management and reporting",
    "科学-政策接口": "Science-policy interface",
    "能力建设": "Capacity building",
    "《2011-2020 年生物多样性战略计划》、《爱知生物多样性目标》和国家生物多样性战略和行动计划":
        "The Strategic Plan for Biodiversity 2011-2020, the Aichi Biodiversity Targets and NBSAPs",
    "资金资源的调动和利用": "Mobilisation and use of financial resources",
    "在国家和区域层面加强生物多样性相关公约间合作的主要经验教训":
        "Key lessons learned for enhancing cooperation among the biodiversity-related conventions "
        "at national and regional levels",
}
THEMES_ZH = {1: "制度安排", 2: "信息管理和报告", 3: "科学-政策接口", 4: "能力建设",
             5: "《2011-2020 年生物多样性战略计划》、《爱知生物多样性目标》和国家生物多样性战略和行动计划",
             6: "资金资源的调动和利用"}
# The words of the research notes' headings in Chinese; names (COMIFAC, DaRT) stay as they are.
RESEARCH_WORDS_ZH = {
    "The publication itself (metadata)": "出版物本身（元数据）",
    "Parent project": "上级项目",
    "Related UNEP synergies process": "环境署相关协同增效进程",
    'Related UNEP synergies process (context for the 2016/2017 "Elaboration of options")':
        "环境署相关协同增效进程（2016/2017 年“备选方案阐述”的背景）",
    "The six conventions": "六项公约",
    "Further notes on the conventions": "关于各公约的补充说明",
    "What national focal points and authorities do (from national examples)":
        "国家联络点和主管机构的职责（来自国家实例）",
    "CMS family": "CMS 系列",
    "Related": "相关资料", "Related tools": "相关工具",
    "Cameroon dialogue platform": "喀麦隆国家联络点对话平台",
    "AEWA Online Reporting System": "AEWA 在线报告系统",
    "UNEP harmonization pilots": "环境署统一报告试点",
    "UNESCO-CBD and IPBES ILK": "教科文组织-生物多样性公约联合方案与 IPBES 土著和地方知识工作",
    "Cameroon 2013 workshop": "2013 年喀麦隆研讨会",
    "GEF-6 biodiversity strategy": "GEF-6 生物多样性策略",
    "STAR annex": "STAR 附录",
    "Key lessons (related work)": "主要经验教训（相关工作）",
    "Nepal": "尼泊尔", "Palau": "帕劳", "Iraq": "伊拉克", "Uganda": "乌干达", "Finland": "芬兰",
    "Mexico": "墨西哥", "Bhutan": "不丹", "Brazil": "巴西", "Egypt": "埃及", "Slovenia": "斯洛文尼亚",
    "South Africa": "南非",
}
_THEME = re.compile(r"^Theme (\d)\b(?:\s*[—-]\s*.*)?$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.*)$")
LABELS = {
    "en": {"seed": "Sourcebook executive summary", "research": "Research notes on the Sourcebook",
           "copy": "copy, not the publisher's site",
           "more": "+{count} more with the full text"},
    "zh": {"seed": "《信息指南》执行摘要", "research": "《信息指南》相关研究资料",
           "copy": "副本，非原发布方网站", "more": "另有 {count} 个出处，见全文"},
}


def section_name(source: Source, lang: Lang) -> str:
    """The section heading of `source` in `lang`."""
    section = source.section
    if source.doc == "seed":
        return SEED_SECTIONS_EN.get(section, section) if lang == "en" else section
    if lang == "en":
        return section
    return " / ".join(_research_part_zh(p.strip()) for p in section.split(" / "))


def _research_part_zh(part: str) -> str:
    if part in RESEARCH_WORDS_ZH:
        return RESEARCH_WORDS_ZH[part]
    theme = _THEME.match(part)
    if theme and int(theme.group(1)) in THEMES_ZH:
        n = int(theme.group(1))
        return f"主题{n}" if part == f"Theme {n}" else f"主题{n}：{THEMES_ZH[n]}"
    numbered = _NUMBERED.match(part)
    if numbered and numbered.group(2) in RESEARCH_WORDS_ZH:
        return f"{numbered.group(1)}. {RESEARCH_WORDS_ZH[numbered.group(2)]}"
    if ", " in part:
        return "、".join(RESEARCH_WORDS_ZH.get(p, p) for p in part.split(", "))
    return part


def render_sources(sources: Sequence[Source], lang: Lang, limit: int | None = FURTHER_SOURCES) -> str:
    """Every reference (a section, with each of its URLs), the Sourcebook's sections first; with
    `limit`, the first reference and at most `limit` more, the rest counted."""
    labels = LABELS[lang]
    # Stable sort: the seed's sections first, then primary sources before copies.
    ordered = sorted(sources, key=lambda s: (s.doc != "seed", s.copy))
    refs: list[tuple[Source, str | None, bool]] = []
    seen: set[tuple[str, str, str | None]] = set()
    for s in ordered:
        key = (s.doc, s.section, s.url)
        if key in seen or (s.url is None and any(r[0].section == s.section for r in refs)):
            continue
        seen.add(key)
        refs.append((s, s.url, s.copy))
    shown = refs if limit is None else refs[: limit + 1]
    parts: list[str] = []
    last: tuple[str, str] | None = None
    for src, url, copy in shown:
        link = f"{url} ({labels['copy']})" if url and copy else (url or "")
        if last == (src.doc, src.section) and link:
            parts[-1] += f" · {link}"
            continue
        part = f"{labels['seed' if src.doc == 'seed' else 'research']} · {section_name(src, lang)}"
        if src.page:
            part += f" · 第 {src.page} 页" if lang == "zh" else f" · p. {src.page}"
        parts.append(part + (f" · {link}" if link else ""))
        last = (src.doc, src.section)
    if len(refs) > len(shown):
        parts.append(labels["more"].format(count=len(refs) - len(shown)))
    return "; ".join(parts)
