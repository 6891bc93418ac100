"""The relief timers: a countdown for a held stretch, and a count of slow repetitions.

Pure state and arithmetic on timestamps passed in by the caller, so the page can keep it
in session state and tests can move the clock by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

HOLD_CHOICES = (30, 60, 90, 120)


@dataclass(frozen=True)
class HoldTimer:
    """A countdown of `duration` seconds. `ends_at` is set while running, `left` while paused."""

    duration: int = 60
    ends_at: float | None = None
    left: float | None = None
    cramp_started_at: float | None = None
    """When the first hold of this cramp started; survives resets, so how long the cramp has
    lasted is known however often the hold starts again."""

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def remaining(self, now: float) -> float:
        if self.ends_at is not None:
            return max(0.0, self.ends_at - now)
        return self.duration if self.left is None else self.left

    def finished(self, now: float) -> bool:
        return self.remaining(now) <= 0

    def start(self, now: float) -> HoldTimer:
        if self.running:
            return self
        left = self.remaining(now) or self.duration
        return replace(
            self,
            ends_at=now + left,
            left=None,
            cramp_started_at=self.cramp_started_at if self.cramp_started_at is not None else now,
        )

    def pause(self, now: float) -> HoldTimer:
        if not self.running:
            return self
        return replace(self, ends_at=None, left=self.remaining(now))

    def ended(self) -> HoldTimer:
        """The hold run to zero: the person's screen showed 0:00, whatever this clock says."""
        return replace(self, ends_at=None, left=0.0)

    def reset(self) -> HoldTimer:
        return replace(self, ends_at=None, left=None)

    def with_duration(self, seconds: int) -> HoldTimer:
        return replace(self, duration=seconds, ends_at=None, left=None)

    def cramp_seconds(self, now: float) -> float:
        return 0.0 if self.cramp_started_at is None else now - self.cramp_started_at

    def lasted(self, minutes: int, now: float) -> bool:
        """True once the cramp has gone on for at least this many minutes."""
        return self.cramp_seconds(now) >= minutes * 60

    def new_cramp(self) -> HoldTimer:
        return HoldTimer(duration=self.duration)


@dataclass(frozen=True)
class Repetitions:
    """Slow repetitions of a movement, counted towards a target (back and neck)."""

    target: int
    done: int = 0
    started_at: float | None = None
    """When the first repetition was counted; kept across sets, like a cramp's start."""

    @property
    def finished(self) -> bool:
        return self.done >= self.target

    def count(self, now: float) -> Repetitions:
        if self.finished:
            return self
        started = self.started_at if self.started_at is not None else now
        return replace(self, done=self.done + 1, started_at=started)

    def another_set(self) -> Repetitions:
        return replace(self, done=0)


def clock(seconds: float) -> str:
    """Seconds as m:ss, rounding up so the display reaches 0:00 only at the end."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def hold_label(seconds: int) -> str:
    """A hold length as people say it: '30 s', '1 min', '1.5 min'."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds / 60:g} min"
