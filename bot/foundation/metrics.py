"""Prometheus metrics of the core (prometheus-client's default registry), served by adapters/ops.

Why in the core: questions, latency and tip outcomes are counted where they happen, the same way
for every platform; the adapters only serve the registry on the ops port.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from bot.foundation.answers import Answer

QUESTIONS = Counter("nfpbot_questions", "Questions by platform, language and outcome "
                    "(answered, declined, error).", ["platform", "lang", "outcome"])
ANSWER_SECONDS = Histogram("nfpbot_answer_seconds", "Time to answer a question (engine and log).",
                           ["platform"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                                                  5.0, 10.0))
TIPS = Counter("nfpbot_tips", "Daily tips by platform and outcome (sent, failed, gone, deferred).",
               ["platform", "outcome"])
PLATFORM_ERRORS = Counter("nfpbot_platform_errors", "Errors from a chat platform by kind (429, "
                          "403, timeout, network, rejected, moved).", ["platform", "kind"])


def observe_answer(platform: str, answer: Answer, seconds: float) -> None:
    outcome = "answered" if answer.answered else "declined"
    QUESTIONS.labels(platform, answer.lang, outcome).inc()
    ANSWER_SECONDS.labels(platform).observe(seconds)


def observe_error(platform: str, lang: str, seconds: float) -> None:
    QUESTIONS.labels(platform, lang, "error").inc()
    ANSWER_SECONDS.labels(platform).observe(seconds)


def error_kind(outcome_kind: str, detail: str = "") -> str | None:
    """The platform error kind of a tip send's outcome (None for a success)."""
    if outcome_kind == "retry_after":
        return "429"
    if outcome_kind == "gone":
        return "403"
    if outcome_kind == "transient":
        low = detail.lower()
        return "timeout" if "timed out" in low or "timeout" in low else "network"
    if outcome_kind in ("failed", "moved"):
        return "rejected" if outcome_kind == "failed" else "moved"
    return None
