"""The hold timer: a countdown that can be started, paused and reset.

Pure state and arithmetic on timestamps passed in by the caller, so the page can keep it
in session state and tests can move the clock by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

URGENT_AFTER_SECONDS = 10 * 60
"""A cramp still going after this long is a red flag (NHS: more than 10 minutes)."""

HOLD_CHOICES = (30, 60, 90, 120)


@dataclass(frozen=True)
class HoldTimer:
    """A countdown of `duration` seconds. `ends_at` is set while running, `left` while paused."""

    duration: int = 60
    ends_at: float | None = None
    left: float | None = None
    cramp_started_at: float | None = None
    """When the first hold of this cramp started; survives resets so the 10-minute rule holds."""

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

    def reset(self) -> HoldTimer:
        return replace(self, ends_at=None, left=None)

    def with_duration(self, seconds: int) -> HoldTimer:
        return replace(self, duration=seconds, ends_at=None, left=None)

    def cramp_seconds(self, now: float) -> float:
        return 0.0 if self.cramp_started_at is None else now - self.cramp_started_at

    def needs_urgent_help(self, now: float) -> bool:
        """True when the person says it is still cramping and it has gone on too long."""
        return self.cramp_seconds(now) >= URGENT_AFTER_SECONDS

    def new_cramp(self) -> HoldTimer:
        return HoldTimer(duration=self.duration)


def clock(seconds: float) -> str:
    """Seconds as m:ss, rounding up so the display reaches 0:00 only at the end."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def hold_label(seconds: int) -> str:
    """A hold length as people say it: '30 s', '1 min', '1.5 min'."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds / 60:g} min"
