"""`nfpbot ask -`: one question per line from stdin, one answer per line out, in order.

A batch is often thousands of questions from a log or a spreadsheet, so one line must never stop
it: stdin is read as bytes (bytes that are not UTF-8 become U+FFFD), each line is bounded in memory,
and a line whose answer fails gets an error object with the usual fields instead of killing the
process (the traceback goes to the log, never to stdout).

A line that is a JSON object `{"conversation": ID, "question": TEXT, "lang"?: "zh"|"en"}` is a turn
of conversation ID: a follow-up ("who was involved?", "用中文说一下") is understood from the topic
of that conversation's last answer, kept in memory for the run (conversation.ttl_minutes), and the
output says how in "resolved". Every other line is a question on its own, as before.
"""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from adapters.console import render_answer
from bot.answer.conversation import MemoryTopics
from bot.answer.dialogue import Dialogue
from bot.answer.engine import Engine, Filters
from bot.answer.lists import Lists
from bot.foundation.answers import Answer, Lang
from index import detect_lang

log = logging.getLogger(__name__)

# Bytes kept of one line: far above any question the engine accepts (it declines longer ones with
# a clear message), small enough that a file without newlines cannot exhaust memory.
MAX_LINE_BYTES = 64 * 1024
_CHUNK = 64 * 1024
# Characters that are no line end for JSON but are for many line readers (str.splitlines,
# JavaScript): escaped, so that one object stays one line whatever a question holds.
_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


@dataclass(frozen=True, slots=True)
class Line:
    """A line as kept (`text`, at most MAX_LINE_BYTES of it) and its real length in characters."""

    text: str
    length: int


def read_questions(source: BinaryIO, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Each line of `source` decoded as UTF-8 (invalid bytes replaced), without its line end;
    the part of a line beyond `max_bytes` is skipped without being kept in memory, but counted."""
    while True:
        raw = source.readline(max_bytes)
        if not raw:
            return
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        text = decoder.decode(raw, final=raw.endswith(b"\n"))
        if raw.endswith(b"\n"):
            kept = text.rstrip("\r\n")
            yield Line(kept, len(kept))
            continue
        rest, ending = _skip_rest_of_line(source, decoder)
        yield Line(text, len(text) + rest - ending)


def _skip_rest_of_line(source: BinaryIO, decoder: codecs.IncrementalDecoder) -> tuple[int, int]:
    """Read past the rest of the line: the characters it held, and how many of them end it."""
    count = 0
    while True:
        chunk = source.readline(_CHUNK)
        decoded = decoder.decode(chunk, final=not chunk or chunk.endswith(b"\n"))
        count += len(decoded)
        if not chunk or chunk.endswith(b"\n"):
            return count, len(decoded) - len(decoded.rstrip("\r\n"))


def error_answer(engine: Engine, question: str, lang: Lang | None) -> Answer:
    """The answer for a line that failed: same fields as any answer, `answered` false."""
    try:
        answer_lang: Lang = lang or detect_lang(question)
    except Exception:  # noqa: BLE001 - the fallback must not fail in turn
        answer_lang = engine.default_lang
    return Answer(question, answer_lang, False, engine.messages.get("error", answer_lang))


def answer_line(engine: Engine, question: str, lang: Lang | None, limit: int | None,
                filters: Filters, as_json: bool, dialogue: Dialogue | None = None,
                length: int | None = None, lists: Lists | None = None) -> str:
    """One output record: a JSON object (no newline inside) or the rendered plain text."""
    try:
        turn = None if length is not None and length > len(question) else conversation_turn(question)
        if length is not None and length > len(question):   # cut on reading: say its real length
            answer_lang: Lang = lang or detect_lang(question[:4096])
            answer = engine.message_answer(question, "too_long", answer_lang, False, length=length,
                                           limit=engine.search.max_question_chars)
        elif turn is not None:
            key, question, turn_lang = turn
            dialogue = dialogue or Dialogue(engine, MemoryTopics(), lists)
            answer = dialogue.answer(key, question, turn_lang or lang, limit=limit, filters=filters)
        else:   # a list or count question is answered from the tags, as in a chat
            listed = lists.answer(question, lang, limit=limit) if lists and not filters.facets() else None
            answer = listed or engine.answer(question, lang=lang, limit=limit, filters=filters)
        record = answer.to_json()
    except Exception as exc:  # noqa: BLE001 - one line must not stop the batch; logged below
        log.exception("could not answer a batch line (%d characters)", len(question))
        answer = error_answer(engine, question, lang)
        record = {**answer.to_json(), "error": f"internal error ({type(exc).__name__}); see the log"}
    if as_json:
        return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"
    return render_answer(answer, engine.messages, more_hint=None) + "\n\n"


def conversation_turn(line: str) -> tuple[str | None, str, Lang | None] | None:
    """(conversation key, question, language) of a line that is a JSON object with a "question";
    None for any other line (a plain question, even one that looks like JSON)."""
    if not line.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        return None
    conversation = data.get("conversation")
    key = f"batch:{conversation}" if isinstance(conversation, (str, int)) and str(conversation) else None
    lang = data.get("lang") if data.get("lang") in ("zh", "en") else None
    return key, data["question"], lang


def answer_batch(engine: Engine, source: BinaryIO, sink: BinaryIO, lang: Lang | None = None,
                 limit: int | None = None, filters: Filters | None = None,
                 as_json: bool = True, ttl: timedelta = timedelta(minutes=30)) -> int:
    """Answer every line of `source` into `sink` (UTF-8, flushed per line); returns the count."""
    count = 0
    lists = Lists(engine)
    dialogue = Dialogue(engine, MemoryTopics(ttl), lists)   # conversations of JSON-object lines
    for line in read_questions(source):
        out = answer_line(engine, line.text, lang, limit, filters or Filters(), as_json, dialogue,
                          line.length, lists)
        sink.write(out.encode("utf-8", "replace"))
        sink.flush()
        count += 1
    return count
