"""Deterministic synthetic bilingual corpora for the scaling benchmarks.

Why: the real knowledge base has ~100 items, too few to show how build time, index size and query
latency grow. Each passage has parallel zh/en titles and bodies like a real item: 1-3 domain topic
sentences (NFPs, NBSAPs, reporting, ...) with country/convention/year/number slots, each followed by
Zipf-distributed pseudo-words from a 20k-word invented vocabulary per language, which gives the long
vocabulary tail of real text (approach of ../shared/research/search_engines.md section 4).
Same seed and size, same corpus.
"""

from __future__ import annotations

import random
from itertools import accumulate

from index import Document

TOPICS: list[tuple[str, str]] = [
    ("National focal points of {conv} in {country} meet every {n} months.", "{country_zh}{conv_zh}国家联络点每{n}个月开会一次。"),
    ("{country} revised its NBSAP in {year} with all focal points.", "{country_zh}于{year}年与所有联络点一起修订了国家生物多样性战略和行动计划。"),
    ("The national report to {conv} was submitted in {year}.", "{year}年提交了{conv_zh}国家报告。"),
    ("Reporting formats differ between {conv} and other conventions.", "{conv_zh}与其他公约的报告格式不同。"),
    ("A clearing-house mechanism in {country} shares biodiversity data.", "{country_zh}的信息交换机制共享生物多样性数据。"),
    ("Aichi Biodiversity Target {n} guides the national strategy.", "爱知生物多样性目标{n}指导国家战略。"),
    ("The Ramsar site list of {country} grew to {n} wetlands.", "{country_zh}的拉姆萨尔湿地名录增至{n}处湿地。"),
    ("CITES permits in {country} are issued by the management authority.", "{country_zh}的濒危物种贸易许可证由管理机构签发。"),
    ("Migratory species monitoring under {conv} started in {year}.", "{year}年开始根据{conv_zh}监测移栖物种。"),
    ("Capacity building workshops trained {n} officers from {country}.", "能力建设研讨会培训了{country_zh}的{n}名官员。"),
    ("The GEF funded a joint project on {conv} in {year}.", "全球环境基金于{year}年资助了一个关于{conv_zh}的联合项目。"),
    ("Stakeholder consultation improved data collection in {country}.", "利益攸关方磋商改善了{country_zh}的数据收集。"),
    ("Scientific advisers link research and policy for {conv}.", "科学顾问为{conv_zh}连接研究与政策。"),
    ("Biodiversity spending in {country} reached {n} million dollars.", "{country_zh}的生物多样性支出达到{n}百万美元。"),
    ("A national coordination committee brings {n} ministries together.", "国家协调委员会汇聚了{n}个部委。"),
    ("Informal coordination among focal points builds trust.", "联络点之间的非正式协调建立信任。"),
    ("Indicators track trends in species and ecosystems since {year}.", "自{year}年以来，指标跟踪物种和生态系统的趋势。"),
    ("Traditional knowledge informs decisions on {conv}.", "传统知识为{conv_zh}的决策提供信息。"),
    ("Resource mobilization for {conv} remains a challenge in {country}.", "{country_zh}为{conv_zh}调动资源仍然是一个挑战。"),
    ("Tourism revenue supports protected areas in {country}.", "旅游收入支持{country_zh}的保护区。"),
    ("World Heritage sites in {country} need management plans.", "{country_zh}的世界遗产地需要管理计划。"),
    ("Plant genetic resources for food are conserved in {n} gene banks.", "粮食植物遗传资源保存在{n}个基因库中。"),
    ("Online reporting systems reduce duplication of effort.", "在线报告系统减少了重复工作。"),
    ("Mainstreaming biodiversity into sectors was agreed in {year}.", "{year}年商定将生物多样性纳入各部门主流。"),
    ("Staff turnover weakens institutional memory of focal points.", "人员流失削弱了联络点的机构记忆。"),
    ("Regional organisations help {country} with {conv} obligations.", "区域组织帮助{country_zh}履行{conv_zh}义务。"),
    ("Job descriptions of focal points should include cooperation.", "联络点的职位描述应包括合作内容。"),
    ("The science-policy interface of {conv} involves IPBES.", "{conv_zh}的科学-政策接口涉及生物多样性和生态系统服务政府间科学-政策平台。"),
    ("Invasive alien species threaten wetlands in {country}.", "外来入侵物种威胁{country_zh}的湿地。"),
    ("Joint positions for the COP were prepared in {year}.", "{year}年为缔约方大会准备了共同立场。"),
]
SECTIONS = [
    ("Institutional arrangements", "制度安排"), ("Information management and reporting", "信息管理和报告"),
    ("Science-policy interface", "科学-政策接口"), ("Capacity building", "能力建设"),
    ("NBSAPs and Aichi Targets", "国家战略和爱知目标"), ("Financial resources", "资金资源"),
]
COUNTRIES = [
    ("Kenya", "肯尼亚"), ("Peru", "秘鲁"), ("Viet Nam", "越南"), ("Norway", "挪威"), ("Chile", "智利"),
    ("Ghana", "加纳"), ("Fiji", "斐济"), ("Mongolia", "蒙古"), ("Jordan", "约旦"), ("Canada", "加拿大"),
    ("Madagascar", "马达加斯加"), ("Colombia", "哥伦比亚"), ("Laos", "老挝"), ("Morocco", "摩洛哥"),
    ("Estonia", "爱沙尼亚"), ("Samoa", "萨摩亚"), ("Zambia", "赞比亚"), ("Ecuador", "厄瓜多尔"),
    ("Georgia", "格鲁吉亚"), ("Malaysia", "马来西亚"),
]
CONVENTIONS = [
    ("the CBD", "《生物多样性公约》"), ("CITES", "《濒危野生动植物种国际贸易公约》"),
    ("the CMS", "《养护野生动物移栖物种公约》"), ("the Ramsar Convention", "《拉姆萨尔公约》"),
    ("the World Heritage Convention", "《世界遗产公约》"), ("the Plant Treaty", "《粮食和农业植物遗传资源国际条约》"),
]
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vel", "dor", "qui", "an", "sel", "tor", "bri",
              "nu", "pax", "zel", "ion", "gar", "fen", "ost", "ul", "mar", "cin", "dra", "ve"]
_HAN = ("林河田森岩湖海溪岭原沙谷峰泉岛湾草花叶根种籽禽鱼兽虫鸟蛙藻苔菌蕨竹松柏杉桦枫柳"
        "云雨雪霜风雷光影土石金铜铁玉珠晶盐油茶棉麻丝果瓜豆麦稻粟黍菱莲荷菊兰梅桃李杏")
VOCAB_SIZE = 20_000
ZIPF_S = 1.07


def _vocab(rng: random.Random) -> tuple[list[str], list[str]]:
    """Invented English and Chinese words (unique, so the tail is genuinely long)."""
    en: dict[str, None] = {}
    while len(en) < VOCAB_SIZE:
        en["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    zh: dict[str, None] = {}
    while len(zh) < VOCAB_SIZE:
        zh["".join(rng.choice(_HAN) for _ in range(rng.randint(2, 3)))] = None
    return list(en), list(zh)


def generate(n: int, seed: int = 7) -> list[Document]:
    """`n` parallel zh/en passages, identical for the same (n, seed)."""
    rng = random.Random(seed)
    en_vocab, zh_vocab = _vocab(rng)
    cum = list(accumulate(1 / (r ** ZIPF_S) for r in range(1, VOCAB_SIZE + 1)))
    idx = range(VOCAB_SIZE)
    docs = []
    for i in range(n):
        section_en, section_zh = rng.choice(SECTIONS)
        country, country_zh = rng.choice(COUNTRIES)
        primary = rng.randrange(len(TOPICS))
        en_parts, zh_parts = [], []
        for _ in range(rng.randint(1, 3)):
            t_en, t_zh = TOPICS[primary if rng.random() < 0.6 else rng.randrange(len(TOPICS))]
            conv, conv_zh = rng.choice(CONVENTIONS)
            slots = {"country": country, "country_zh": country_zh, "conv": conv, "conv_zh": conv_zh,
                     "year": rng.randint(1995, 2024), "n": rng.randint(2, 120)}
            k = rng.randint(2, 6)
            words = rng.choices(idx, cum_weights=cum, k=k)
            en_parts.append(t_en.format(**slots) + " " + " ".join(en_vocab[w] for w in words) + ".")
            zh_parts.append(t_zh.format(**slots) + "".join(zh_vocab[w] for w in words) + "。")
        docs.append(Document(
            id=f"syn-{i}", title_en=f"{section_en} in {country}", title_zh=f"{country_zh}的{section_zh}",
            body_en=" ".join(en_parts), body_zh="".join(zh_parts), facets=(f"section:{section_en}",),
        ))
    return docs


if __name__ == "__main__":
    import sys
    import time

    t = time.perf_counter()
    sample = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    chars = sum(len(d.title_en + d.title_zh + d.body_en + d.body_zh) for d in sample)
    print(f"{len(sample)} passages, {chars / len(sample):.0f} chars each, {time.perf_counter() - t:.2f} s")
    print(sample[0])
