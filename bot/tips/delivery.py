"""The delivery log of daily tips: which subscriber is due, and a claim-then-confirm record per day.

Why a log and not a scheduler's memory: the decision "has chat X had its tip for local day D?" must
survive restarts and crashes and be shared by two processes (Telegram, Slack) on one SQLite file.

Exactly-once, as far as a chat platform allows (see docs/tips.md):
- `claim` inserts the row (platform, chat_id, day) with status 'claimed' in a BEGIN IMMEDIATE
  transaction, only if no row exists: of two processes only one wins, and a day is never sent twice
  by a running pair of processes.
- `confirm` marks it 'sent' after the platform accepted the message; `fail` marks it 'failed'
  (given up for that day: blocked, deleted, rejected).
- A claim that is neither confirmed nor failed after `lease` is considered left by a dead process
  and is claimed again (attempts + 1). Telegram and Slack have no idempotency keys, so a crash in
  the instant between the platform accepting a message and the confirm gives one duplicate: we
  prefer that (at-least-once) to silently losing every tip that was claimed but not yet sent.
- A live sender renews its claim before each attempt, so long waits (RetryAfter) do not expire it.

Every function takes `now` (an aware datetime): nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.knowledge import Tip
from bot.state.base import State
from bot.tips.rotation import tip_for_day
from bot.tips.subscriptions import Subscription, Subscriptions

OutcomeKind = Literal["sent", "retry_after", "gone", "moved", "transient", "failed"]
# The start of time for a released claim: older than any lease, so the next pass resumes it.
_RELEASED = "1970-01-01T00:00:00+00:00"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a platform sender made of one send, in platform-neutral terms.

    sent: accepted. retry_after: rate limited, wait `seconds` and try again. gone: the chat is lost
    for good (bot blocked or removed, channel deleted or archived): unsubscribe. moved: the chat has
    a new id (Telegram group upgraded to a supergroup): follow it and send there. transient: network
    trouble or a server error: retry with backoff. failed: rejected, do not retry today.
    """

    kind: OutcomeKind
    seconds: float = 0.0
    new_chat_id: str | None = None
    detail: str = ""

    @classmethod
    def sent(cls, detail: str = "") -> Outcome:
        return cls("sent", detail=detail)

    @classmethod
    def retry_after(cls, seconds: float, detail: str = "") -> Outcome:
        return cls("retry_after", seconds=max(0.0, float(seconds)), detail=detail)

    @classmethod
    def gone(cls, detail: str = "") -> Outcome:
        return cls("gone", detail=detail)

    @classmethod
    def moved(cls, new_chat_id: str | int, detail: str = "") -> Outcome:
        return cls("moved", new_chat_id=str(new_chat_id), detail=detail)

    @classmethod
    def transient(cls, detail: str = "") -> Outcome:
        return cls("transient", detail=detail)

    @classmethod
    def failed(cls, detail: str = "") -> Outcome:
        return cls("failed", detail=detail)


@dataclass(frozen=True, slots=True)
class Due:
    """One subscriber owed the tip `tip_id` of its local `day`."""

    sub: Subscription
    day: date
    tip_id: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A held claim; `token` (the claimed_at written) fences it against a later takeover."""

    platform: str
    chat_id: str
    day: date
    tip_id: str
    token: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Held:
    """Unfinished claims: a crashed sender's backlog, or sends in flight elsewhere."""

    count: int
    oldest_seconds: float
    resumes_in_seconds: float   # when the oldest becomes due again if its sender is dead

    def as_dict(self) -> dict:
        return {"count": self.count, "oldest_seconds": self.oldest_seconds,
                "resumes_in_seconds": self.resumes_in_seconds}


def local_day(sub: Subscription, now: datetime) -> date:
    """The subscriber's calendar date at `now`."""
    return now.astimezone(sub.tz).date()


def send_at(sub: Subscription, day: date) -> datetime:
    """The instant of the subscriber's send time on `day` (a time skipped by DST moves forward)."""
    hour, minute = (int(p) for p in sub.send_time.split(":"))
    wall = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(sub.timezone))
    # Round-trip through UTC: a wall time in a spring-forward gap becomes the first real instant.
    return wall.astimezone(UTC)


class DeliveryLog:
    """The deliveries table: due subscribers, and claim / renew / confirm / fail / release."""

    def __init__(self, state: State, lease: timedelta = timedelta(minutes=10)) -> None:
        self.state = state
        self.lease = lease
        self.subscriptions = Subscriptions(state)

    # -- who is due ---------------------------------------------------------------------------

    def due(self, now: datetime, tips: Sequence[Tip], platform: str | None = None) -> list[Due]:
        """Subscribers whose send time has passed on their local day and who have not had that day.

        Not had = no 'sent' or 'failed' row for the day, and no live claim (a claim older than the
        lease counts as abandoned, so it is due again). A day earlier than one already delivered
        (the subscriber moved its timezone westwards) is skipped, so no tip comes twice. A day
        missed entirely (process down past midnight) is not made up: the next day's tip follows.
        """
        _aware(now)
        subs = self.subscriptions.all(platform)
        if not subs or not tips:
            return []
        oldest = min(now.astimezone(UTC).date() - timedelta(days=1),
                     *(local_day(s, now) for s in subs))
        rows: dict[tuple[str, str], list] = {}
        sql = "SELECT platform, chat_id, day, status, claimed_at FROM deliveries WHERE day >= ?"
        params: tuple = (oldest.isoformat(),)
        if platform:
            sql, params = sql + " AND platform = ?", params + (platform,)
        for row in self.state.query(sql, params):
            rows.setdefault((row["platform"], row["chat_id"]), []).append(row)
        out = []
        for sub in subs:
            day = local_day(sub, now)
            if now < send_at(sub, day):
                continue
            if any(self._blocks(row, day, now) for row in rows.get((sub.platform, sub.chat_id), ())):
                continue
            out.append(Due(sub, day, tip_for_day(tips, day, sub.cycle_start).id))
        return out

    def _blocks(self, row, day: date, now: datetime) -> bool:
        row_day = date.fromisoformat(row["day"])
        if row_day > day:
            return True
        if row_day < day:
            return False
        return row["status"] != "claimed" or not self._expired(row["claimed_at"], now)

    def _expired(self, claimed_at: str, now: datetime) -> bool:
        return datetime.fromisoformat(claimed_at) + self.lease <= now

    # -- the claim protocol -------------------------------------------------------------------

    def claim(self, due: Due, now: datetime) -> Claim | None:
        """Take the day for this subscriber (counting a first attempt), or None when another sender
        has it or it is done.

        The database decides between instances: the row of a day is read with the backend's lock
        clause (PostgreSQL: FOR UPDATE SKIP LOCKED, so a row another instance is claiming is
        skipped, not waited for; SQLite: BEGIN IMMEDIATE already excludes other writers), and a
        first claim is an INSERT that only one instance's unique key can win.
        """
        token = _aware(now).isoformat()
        key = (due.sub.platform, due.sub.chat_id, due.day.isoformat())
        with self.state.transaction() as conn:
            row = conn.execute("SELECT status, claimed_at, attempts FROM deliveries"
                               " WHERE platform = ? AND chat_id = ? AND day = ?"
                               + self.state.lock_clause, key).fetchone()
            if row is None:
                inserted = conn.execute(
                    "INSERT INTO deliveries (platform, chat_id, day, tip_id, status, attempts,"
                    " claimed_at) VALUES (?, ?, ?, ?, 'claimed', 1, ?)"
                    " ON CONFLICT (platform, chat_id, day) DO NOTHING",
                    key + (due.tip_id, token)).rowcount
                if inserted != 1:      # another instance holds the row (locked) or just made it
                    return None
                attempts = 1
            elif row["status"] == "claimed" and self._expired(row["claimed_at"], now):
                conn.execute("UPDATE deliveries SET claimed_at = ?, tip_id = ?, attempts = attempts + 1"
                             " WHERE platform = ? AND chat_id = ? AND day = ?", (token, due.tip_id) + key)
                attempts = row["attempts"] + 1
            else:
                return None
        return Claim(key[0], key[1], due.day, due.tip_id, token, attempts)

    def held(self, now: datetime, platform: str | None = None) -> Held:
        """Claims neither confirmed nor failed (a crashed sender's backlog, or sends in flight
        elsewhere): count, oldest age, and how long until the oldest is due again (0: the next
        pass resumes it). Released claims (deferred on purpose to the next pass) are not held."""
        since = (_aware(now) - self.lease - timedelta(days=2)).date().isoformat()
        sql = ("SELECT claimed_at FROM deliveries WHERE status = 'claimed' AND day >= ?"
               " AND claimed_at <> ?")
        params: tuple = (since, _RELEASED)
        if platform:
            sql, params = sql + " AND platform = ?", params + (platform,)
        ages = [(now - datetime.fromisoformat(r["claimed_at"])).total_seconds()
                for r in self.state.query(sql, params)]
        if not ages:
            return Held(0, 0.0, 0.0)
        oldest = max(ages)
        return Held(len(ages), round(oldest, 1),
                    round(max(0.0, self.lease.total_seconds() - oldest), 1))

    def summary(self, now: datetime, days: int = 2) -> dict:
        """Subscribers per platform, deliveries of the last `days` local days by status, and the
        held claims: what `nfpbot tips status` prints."""
        since = (_aware(now).date() - timedelta(days=days)).isoformat()
        subscribers = {r["platform"]: r["n"] for r in self.state.query(
            "SELECT platform, COUNT(*) AS n FROM subscriptions GROUP BY platform ORDER BY platform")}
        by_day: dict[str, dict[str, dict[str, int]]] = {}
        for r in self.state.query(
                "SELECT day, platform, status, COUNT(*) AS n FROM deliveries WHERE day > ?"
                " GROUP BY day, platform, status ORDER BY day, platform, status", (since,)):
            by_day.setdefault(r["day"], {}).setdefault(r["platform"], {})[r["status"]] = r["n"]
        return {"subscribers": subscribers, "deliveries": by_day,
                "held": self.held(now).as_dict(), "lease_seconds": self.lease.total_seconds()}

    def renew(self, claim: Claim, now: datetime) -> Claim | None:
        """Extend the lease and count a further attempt; None when the claim was lost (taken over)."""
        token = _aware(now).isoformat()
        with self.state.transaction() as conn:
            cur = conn.execute(
                "UPDATE deliveries SET claimed_at = ?, attempts = attempts + 1 WHERE platform = ?"
                " AND chat_id = ? AND day = ? AND status = 'claimed' AND claimed_at = ?",
                (token, claim.platform, claim.chat_id, claim.day.isoformat(), claim.token))
            if cur.rowcount == 0:
                return None
        return replace(claim, token=token, attempts=claim.attempts + 1)

    def confirm(self, claim: Claim, now: datetime, detail: str = "") -> bool:
        """The platform accepted the message: the day is done."""
        return self._finish(claim, "sent", now, detail)

    def fail(self, claim: Claim, now: datetime, detail: str = "") -> bool:
        """Given up for this day (chat gone, message rejected, too many attempts)."""
        return self._finish(claim, "failed", now, detail)

    def release(self, claim: Claim, detail: str = "") -> bool:
        """Hand the claim back unsent (still claimed, lease already expired): the next pass retries."""
        with self.state.transaction() as conn:
            return conn.execute(
                "UPDATE deliveries SET claimed_at = ?, detail = ? WHERE platform = ? AND chat_id = ?"
                " AND day = ? AND status = 'claimed' AND claimed_at = ?",
                (_RELEASED, detail[:500], claim.platform, claim.chat_id, claim.day.isoformat(),
                 claim.token)).rowcount > 0

    def follow(self, claim: Claim, new_chat_id: str) -> Claim | None:
        """The chat moved: carry the subscription and this claim to the new id.

        None when the new chat already has its own row for the day (then it has had, or is getting,
        the tip there), in which case the old row is closed as failed by the caller.
        """
        self.subscriptions.move(claim.platform, claim.chat_id, new_chat_id)
        row = self.state.one(
            "SELECT claimed_at FROM deliveries WHERE platform = ? AND chat_id = ? AND day = ?"
            " AND status = 'claimed'", (claim.platform, new_chat_id, claim.day.isoformat()))
        if row is None or row["claimed_at"] != claim.token:
            return None
        return replace(claim, chat_id=new_chat_id)

    def status(self, platform: str, chat_id: str, day: date) -> dict | None:
        """The row of one delivery, for reports and tests."""
        row = self.state.one(
            "SELECT * FROM deliveries WHERE platform = ? AND chat_id = ? AND day = ?",
            (platform, str(chat_id), day.isoformat()))
        return dict(row) if row else None

    def _finish(self, claim: Claim, status: str, now: datetime, detail: str) -> bool:
        with self.state.transaction() as conn:
            return conn.execute(
                "UPDATE deliveries SET status = ?, done_at = ?, detail = ? WHERE platform = ?"
                " AND chat_id = ? AND day = ? AND status = 'claimed' AND claimed_at = ?",
                (status, _aware(now).isoformat(), detail[:500], claim.platform, claim.chat_id,
                 claim.day.isoformat(), claim.token)).rowcount > 0


def _aware(now: datetime) -> datetime:
    """`now` in UTC, so tokens written by any clock compare as strings."""
    if now.tzinfo is None:
        raise ValueError("pass an aware datetime (e.g. datetime.now(timezone.utc))")
    return now.astimezone(UTC)
