"""The relief timers: counting down, pausing, resetting, how long a cramp has lasted, and
counting repetitions."""

from crampcare.timer import HoldTimer, Repetitions, clock, hold_label


def test_counts_down_from_start() -> None:
    t = HoldTimer(duration=60).start(now=1000)
    assert t.running
    assert t.remaining(1000) == 60
    assert t.remaining(1015.5) == 44.5
    assert not t.finished(1059.9)
    assert t.finished(1060) and t.remaining(2000) == 0


def test_pause_keeps_the_time_left_and_start_resumes() -> None:
    t = HoldTimer(duration=60).start(0).pause(20)
    assert not t.running and t.remaining(500) == 40
    t = t.start(500)
    assert t.remaining(510) == 30


def test_reset_goes_back_to_the_full_hold_but_remembers_the_cramp() -> None:
    t = HoldTimer(duration=90).start(0).pause(30).reset()
    assert t.remaining(100) == 90 and not t.running
    assert t.cramp_started_at == 0


def test_start_after_finishing_begins_a_new_full_hold() -> None:
    t = HoldTimer(duration=30).start(0).pause(40)
    assert t.finished(40)
    assert t.start(50).remaining(50) == 30


def test_how_long_a_cramp_has_lasted_survives_restarts_but_not_a_new_cramp() -> None:
    t = HoldTimer(duration=60).start(0)
    assert not t.lasted(10, 599)
    assert t.reset().start(300).lasted(10, 600)
    assert not t.new_cramp().lasted(10, 10_000)


def test_repetitions_count_to_the_target_and_start_another_set() -> None:
    reps = Repetitions(target=3)
    assert not reps.finished and reps.started_at is None
    reps = reps.count(100).count(105).count(110)
    assert reps.done == 3 and reps.finished and reps.started_at == 100
    assert reps.count(120).done == 3, "a finished set counts no further"
    again = reps.another_set()
    assert again.done == 0 and not again.finished and again.started_at == 100


def test_duration_change_resets() -> None:
    t = HoldTimer(duration=60).start(0).with_duration(120)
    assert not t.running and t.remaining(5) == 120


def test_clock_rounds_up_and_labels_read_naturally() -> None:
    assert clock(60) == "1:00"
    assert clock(59.2) == "1:00"
    assert clock(0.4) == "0:01"
    assert clock(0) == "0:00"
    assert clock(125) == "2:05"
    assert [hold_label(s) for s in (30, 60, 90, 120)] == ["30 s", "1 min", "1.5 min", "2 min"]
