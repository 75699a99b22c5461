"""Conversations through the real engine and a real state: follow-ups in both languages, other
countries, language switches, sources, a fresh topic, expiry (a clock passed in, no sleeping), a
restart between the turns, and two instances on one PostgreSQL database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
from state_support import TEST_HASH_KEY

from bot.answer.conversation import StateTopics, Topic
from bot.command_parsing import Context
from bot.commands import Commands
from bot.runtime import Runtime
from bot.state.postgres import PostgresState

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
_keys = count(1)


def ctx(conversation: str | None = None, at: datetime = T0, **kw) -> Context:
    return Context(platform="test", chat_id="c1", user_id="u1", now=at,
                   conversation=conversation or f"test:{next(_keys)}", **kw)


def ids(answer) -> list[str]:
    return [c.id for c in answer.citations]


def about(engine, answer, country: str, top: int = 3) -> bool:
    """Whether one of the first citations is an item tagged with `country`."""
    items = [engine.knowledge.get(i) for i in ids(answer)[:top]]
    return any(item is not None and country in item.countries for item in items)


def test_a_follow_up_carries_the_topic_in(engine, commands):
    c = ctx()
    first = commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    assert first.resolved is None and about(engine, first, "Bhutan")
    follow = commands.handle(c, "who was involved?")
    assert about(engine, follow, "Bhutan")
    assert follow.resolved and "Bhutan" in follow.resolved and follow.question == "who was involved?"
    assert follow.to_json()["resolved"] == follow.resolved
    alone = commands.handle(ctx(), "who was involved?")     # another conversation: no topic
    assert alone.resolved is None


@pytest.mark.parametrize("follow", ["were consultants involved?", "was there any revenue?", "有没有请顾问？"])
def test_an_everyday_word_does_not_start_a_topic_of_its_own(engine, commands, follow):
    """Glossary `word` entries (consultants, revenue, 顾问) widen the search, but a follow-up
    phrased with one stays on the conversation's topic."""
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    answer = commands.handle(c, follow)
    assert answer.resolved and ("Bhutan" in answer.resolved or "不丹" in answer.resolved)


@pytest.mark.parametrize("follow", ["who sits on it?", "who bankrolls it?"])
def test_one_verb_the_sources_never_use_beside_a_pronoun_stays_on_the_topic(engine, commands, follow):
    """Words the knowledge never writes start afresh (a name it does not hold, "Kenya"), but one
    lower-case everyday verb beside "it" is no name."""
    c = ctx()
    commands.handle(c, "How does Palau's conservation alliance work?")
    answer = commands.handle(c, follow)
    assert answer.resolved and about(engine, answer, "Palau")


def test_a_name_the_sources_never_use_beside_a_pronoun_starts_afresh(commands):
    c = ctx()
    commands.handle(c, "How does Palau's conservation alliance work?")
    assert commands.handle(c, "does Zanzibar have one like it?").resolved is None


def test_a_follow_up_about_a_date_is_answered_from_an_item_tagged_with_the_topics_country(engine, commands):
    """The COMIFAC case is tagged with Cameroon, which its text never names (Yaoundé is there):
    the country carried into "when was it founded?" is found among the item's tags."""
    c = ctx()
    commands.handle(c, "What does COMIFAC do for focal points?")
    answer = commands.handle(c, "when was it founded?")
    assert answer.answered and answer.resolved and "1999" in answer.lead


def test_a_chinese_follow_up_with_a_pronoun(engine, commands):
    c = ctx()
    commands.handle(c, "乌干达的国家生物多样性数据库是什么？")
    follow = commands.handle(c, "它是哪一年建立的？")
    assert follow.lang == "zh" and about(engine, follow, "Uganda")
    assert follow.resolved and "乌干达" in follow.resolved


def test_what_happened_next_keeps_the_country(engine, commands):
    c = ctx()
    commands.handle(c, "埃及是怎么评估资金需求的？")
    follow = commands.handle(c, "那这个国家还做了什么？")
    assert about(engine, follow, "Egypt") and follow.resolved


def test_other_countries_leave_out_what_was_shown(engine, commands):
    c = ctx()
    first = commands.handle(c, "How did Brazil map its biodiversity spending?")
    assert about(engine, first, "Brazil")
    others = commands.handle(c, "any other countries doing that?")
    assert others.answered and others.resolved
    assert not set(ids(others)) & set(ids(first))
    for cite in others.citations:   # each is about some other country (maybe beside Brazil)
        assert set(engine.knowledge.get(cite.id).countries) - {"Brazil"}
    zh = ctx()
    first = commands.handle(zh, "巴西是怎么统计生物多样性支出的？")
    others = commands.handle(zh, "还有别的国家吗？")
    assert others.answered and not set(ids(others)) & set(ids(first))


def test_a_language_switch_answers_the_previous_question_again(commands):
    c = ctx()
    first = commands.handle(c, "What is CONABIO?")
    zh = commands.handle(c, "用中文说一下")
    assert zh.lang == "zh" and ids(zh)[0] == ids(first)[0]
    assert zh.resolved and "What is CONABIO?" in zh.resolved
    en = commands.handle(c, "in English please")
    assert en.lang == "en" and ids(en)[0] == ids(first)[0]
    c2 = ctx()
    first = commands.handle(c2, "不丹的国家工作队是怎么组成的？")
    en = commands.handle(c2, "in English")
    assert en.lang == "en" and ids(en)[0] == ids(first)[0]


def test_a_source_request_shows_the_previous_items(commands):
    c = ctx()
    first = commands.handle(c, "How did AEWA move its national reports online?")
    again = commands.handle(c, "give me the source")
    assert ids(again)[0] == ids(first)[0] and again.citations[0].source
    assert again.resolved and again.resolved.startswith("Sources of:")


def test_a_question_with_a_topic_of_its_own_starts_afresh(engine, commands):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    fresh = commands.handle(c, "What is the GEF-6 biodiversity strategy?")
    assert fresh.resolved is None and not about(engine, fresh, "Bhutan")
    fresh_zh = commands.handle(c, "芬兰的指标服务是谁维护的？")
    assert fresh_zh.resolved is None and about(engine, fresh_zh, "Finland")


@pytest.mark.parametrize(("first", "follow", "country"), [
    ("Tell me about Uganda's national biodiversity data bank",
     "does the CITES focal point use it for its national reports?", "Uganda"),
    ("乌干达的国家生物多样性数据库是什么？", "湿地公约的联络点也能用它来写国家报告吗？", "Uganda"),
    ("What did Bhutan do when it revised its NBSAP?",
     "did the Ramsar focal point take part in that team?", "Bhutan"),
])
def test_a_back_reference_keeps_the_topic_beside_a_named_convention(engine, commands, first,
                                                                     follow, country):
    """The convention is the lens, "it" / "that team" the subject: not a fresh question."""
    c = ctx()
    commands.handle(c, first)
    answer = commands.handle(c, follow)
    assert answer.resolved and about(engine, answer, country, top=1)


@pytest.mark.parametrize("question", [
    "What is the Ramsar Convention and who runs its secretariat?",
    "拉姆萨尔公约是什么，它的秘书处在哪里？",
])
def test_a_pronoun_for_a_name_of_an_earlier_clause_starts_afresh(engine, commands, question):
    """"its" is the convention named before it, not the conversation's topic."""
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    answer = commands.handle(c, question)
    assert answer.resolved is None and not about(engine, answer, "Bhutan")


def test_a_back_reference_beside_a_new_country_starts_afresh(engine, commands):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    answer = commands.handle(c, "did Nepal's focal points take part in that too?")
    assert answer.resolved is None and about(engine, answer, "Nepal", top=1)


def test_what_about_another_country_asks_the_same_of_it(engine, commands):
    c = ctx()
    commands.handle(c, "How did Uganda share its park revenue with communities?")
    other = commands.handle(c, "what about Nepal?")
    assert about(engine, other, "Nepal") and other.resolved


def test_a_decline_keeps_the_topic(engine, commands):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    assert not commands.handle(c, "xqzv wkrp").answered
    follow = commands.handle(c, "who was involved?")
    assert follow.resolved and about(engine, follow, "Bhutan")


def test_the_next_page_of_a_follow_up_is_of_the_same_question(engine, commands):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    follow = commands.handle(c, "who was involved?")
    page = commands.ask(c, follow.question, offset=len(follow.citations))
    assert page.offset == len(follow.citations) and page.resolved == follow.resolved
    assert not set(ids(page)) & set(ids(follow))


def test_a_reply_to_an_older_message_continues_its_topic(engine, commands):
    c = ctx()
    bhutan = commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    commands.remember_message(c, "test:c1:msg:1", bhutan)
    commands.handle(c, "What is CONABIO?")
    reply = commands.handle(ctx(c.conversation, reply_to="test:c1:msg:1"), "who was involved?")
    assert about(engine, reply, "Bhutan") and "Bhutan" in (reply.resolved or "")


def test_an_expired_conversation_starts_afresh_and_is_deleted(engine, state, commands):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    within = commands.handle(ctx(c.conversation, T0 + timedelta(minutes=29)), "who was involved?")
    assert within.resolved
    later = T0 + timedelta(minutes=29 + 31)
    expired = commands.handle(ctx(c.conversation, later), "who was involved?")
    assert expired.resolved is None
    # the expired row went when the later turn was written: one row left, the new one
    commands.handle(ctx("test:other", later + timedelta(minutes=31)), "What is CONABIO?")
    assert len(state.query("SELECT key FROM conversations")) == 1


def test_ids_are_hashed_and_rows_expire(state):
    topics = StateTopics(state, timedelta(minutes=30))
    topic = Topic("What is CONABIO?", "What is CONABIO?", "en", items=("case-mexico-conabio",))
    topics.save("telegram:42", topic, T0)
    row = state.one("SELECT key, expires_at FROM conversations")
    assert row is not None and "42" not in row["key"] and row["expires_at"].startswith("2026-11-24T08:30")
    assert topics.load("telegram:42", T0 + timedelta(minutes=29)) == topic
    assert topics.load("telegram:42", T0 + timedelta(minutes=31)) is None
    assert topics.purge(T0 + timedelta(minutes=31)) == 1
    assert Topic.from_json("not json") is None and Topic.from_json('{"question": 1}') is None


def test_a_restart_between_turns_keeps_the_conversation(engine, settings, tmp_path):
    path = tmp_path / "restart.sqlite3"
    c = ctx()
    first = Runtime.assemble(settings, engine, path)
    first.commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    first.state.close()
    second = Runtime.assemble(settings, engine, path)      # a new process on the same state
    follow = second.commands.handle(c, "who was on that team?")
    second.state.close()
    assert follow.resolved and about(engine, follow, "Bhutan")


def test_two_instances_on_postgresql_share_a_conversation(engine, pg_url):
    one = PostgresState(pg_url, key=TEST_HASH_KEY, pool_size=2)
    two = PostgresState(pg_url, key=TEST_HASH_KEY, pool_size=2)
    try:
        c = ctx()
        Commands(engine, one).handle(c, "乌干达的国家生物多样性数据库是什么？")
        follow = Commands(engine, two).handle(c, "用英文说一下")
        assert follow.lang == "en" and follow.resolved and about(engine, follow, "Uganda")
        later = ctx(c.conversation, T0 + timedelta(hours=1))
        assert Commands(engine, two).handle(later, "who set it up?").resolved is None
    finally:
        one.close()
        two.close()


@pytest.mark.parametrize("question", [
    "明天上海会下雨吗？",                         # words the sources never use: declined as it is
    "Who funds BIOFIN, and when did it start?",   # "it" is BIOFIN, named in the question
    "what is the Ramsr convention about?",        # a name despite the typo
    "national reporting burden",                  # a subject of its own, however short
    "这本书是写给谁的？",                          # 这本书: the Sourcebook, not the last answer
])
def test_a_question_that_stands_on_its_own_is_not_a_follow_up(commands, question):
    c = ctx()
    commands.handle(c, "What did Bhutan do when it revised its NBSAP?")
    assert commands.handle(c, question).resolved is None


@pytest.mark.parametrize("question", ["Who made you?", "are you a real person?", "你是谁？能帮我做什么？"])
def test_a_question_about_the_bot_is_answered_as_such_within_a_conversation(commands, question):
    c = ctx()
    commands.handle(c, "乌干达的生物多样性数据库是哪年建立的？")
    answer = commands.handle(c, question)
    assert answer.resolved is None and not answer.citations, (answer.resolved, ids(answer))


@pytest.mark.parametrize("first, follow, region", [
    ("How can focal points strengthen the science-policy interface?", "any case from Europe?", "europe"),
    ("How can focal points work together on capacity building?", "any case from Africa?", "africa"),
    ("国家联络点怎样把科学和政策联系起来？", "欧洲有例子吗？", "europe"),
])
def test_a_follow_up_naming_a_region_answers_from_that_region(engine, commands, first, follow, region):
    """"any case from Europe?" keeps the topic and narrows it to the items from that region."""
    from bot.answer.geography import places_of
    c = ctx()
    commands.handle(c, first)
    answer = commands.handle(c, follow)
    assert answer.answered and answer.citations and answer.resolved
    for cite in answer.citations:
        item = engine.knowledge.get(cite.id)
        assert item is not None and region in places_of(item.countries, item.region), cite.id


def test_other_countries_after_a_value_ask_for_the_subject_not_the_value(engine, commands):
    c = ctx()
    commands.handle(c, "When was CONABIO set up?")
    others = commands.handle(c, "any other countries with a body like that?")
    assert others.answered and "When was" not in (others.resolved or "")
    first = engine.knowledge.get(ids(others)[0])
    assert first is not None and set(first.countries) != {"Mexico"}   # not Mexico's own again


def test_a_date_follow_up_leads_with_the_date_not_a_sentence_that_only_says_it_was_set_up(commands):
    c = ctx()
    commands.handle(c, "墨西哥的CONABIO是做什么的？")
    when = commands.handle(c, "它是哪一年成立的？")
    first = when.lead.split("[1]")[0]
    assert when.resolved and "1992" in first, when.lead
