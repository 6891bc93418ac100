"""The hold timer at night, in a real browser: the screen kept awake while it runs, a
vibration and a tone at the end, each switchable; and a browser that refuses all three
still counts down and asks whether the cramp eased."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import tab

SPIES = """mode => {
  const spy = (window.__spy = { wake: 0, released: 0, vibrations: 0, tones: 0 });
  const define = (name, value) =>
    Object.defineProperty(Navigator.prototype, name, { value, configurable: true });
  if (mode === "allow") {
    define("wakeLock", {
      request: async () => {
        spy.wake += 1;
        return { release: async () => { spy.released += 1; } };
      },
    });
    define("vibrate", () => { spy.vibrations += 1; return true; });
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor(...args) { super(...args); spy.tones += 1; }
    };
  } else {
    define("wakeLock", {
      request: async () => { throw new DOMException("refused", "NotAllowedError"); },
    });
    define("vibrate", () => { throw new Error("refused"); });
    window.AudioContext = class { constructor() { throw new Error("refused"); } };
  }
}"""

END_MS = 60_000
"""A 30-second hold, on a loaded machine."""


def spy(page: Page) -> dict:
    return page.evaluate("() => window.__spy")


def start_short_hold(page: Page, base: str) -> None:
    page.goto(base + "/relief?region=calf")
    timer = page.locator(".st-key-hold-timer")
    timer.get_by_role("radio", name="30 s").click()
    expect(timer.locator(".clock")).to_have_text("0:30")
    timer.get_by_role("button", name="Start").click()
    expect(timer.get_by_role("button", name="Pause")).to_be_visible()


def test_the_hold_keeps_the_screen_awake_and_ends_with_a_tone_or_a_vibration(
    browser, server, request
) -> None:
    phone = {"width": 390, "height": 844}
    name = request.node.name
    with (
        tab(browser, server, name + "-allowed", phone, touch=True) as allowed,
        tab(browser, server, name + "-refused", phone, touch=True) as refused,
    ):
        allowed.page.context.add_init_script(f"({SPIES})('allow')")
        refused.page.context.add_init_script(f"({SPIES})('refuse')")
        page = allowed.page
        page.goto(server + "/relief?region=calf")
        timer = page.locator(".st-key-hold-timer")
        clock = timer.locator(".clock")
        expect(clock).to_have_text("1:00")
        box = clock.bounding_box()
        assert box is not None and box["height"] >= 64, f"digits {box} at arm's length"
        timer.get_by_text("Vibrate at the end").click()  # someone asleep nearby
        expect(timer.get_by_role("switch", name="Vibrate at the end")).not_to_be_checked()

        timer.get_by_role("radio", name="30 s").click()
        expect(clock).to_have_text("0:30")
        timer.get_by_role("button", name="Start").click()
        page.wait_for_function("() => window.__spy.wake === 1")
        timer.get_by_role("button", name="Pause").click()
        page.wait_for_function("() => window.__spy.released === 1")  # paused: it may sleep
        timer.get_by_role("button", name="Start").click()
        page.wait_for_function("() => window.__spy.wake === 2")
        expect(clock).not_to_have_text("0:30")  # it moves by itself
        allowed.screenshot("running")

        start_short_hold(refused.page, server)  # both holds now run side by side
        expect(refused.page.locator(".clock")).not_to_have_text("0:30")

        expect(timer.get_by_text("Time's up. Has it eased?")).to_be_visible(timeout=END_MS)
        expect(clock).to_have_text("0:00")
        assert spy(page) == {"wake": 2, "released": 2, "vibrations": 0, "tones": 1}
        allowed.screenshot("ended")

        other = refused.page.locator(".st-key-hold-timer")
        expect(other.get_by_text("Time's up. Has it eased?")).to_be_visible(timeout=END_MS)
        expect(other.locator(".clock")).to_have_text("0:00")
        other.get_by_role("button", name="It eased").click()
        expect(refused.page.get_by_text("Good. Walk around gently")).to_be_visible()
        assert spy(refused.page) == {"wake": 0, "released": 0, "vibrations": 0, "tones": 0}
        refused.screenshot("ended")
