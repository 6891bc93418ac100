"""Many people on one hosted server, in a real browser, with a real login: a real OpenID
Connect provider (oidc-provider-mock), PostgreSQL, and one or two `streamlit run` servers."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from crampcare.store import PostgresJournal, postgres
from tests.e2e.conftest import Visit, tab, warm_up
from tests.e2e.server import StickyProxy, login_secrets, running_oidc_provider, running_server

DESKTOP = {"width": 1280, "height": 1400}


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[str]:
    with running_oidc_provider(tmp_path) as issuer:
        yield issuer


@contextlib.contextmanager
def hosted_server(browser: Browser, folder: Path, issuer: str, database_url: str) -> Iterator[str]:
    """An app server with login and the journal in PostgreSQL; every server started with the
    same `folder` shares one secrets file, so one cookie secret."""
    secrets = folder / "secrets.toml"
    if not secrets.exists():
        login_secrets(folder, issuer)
    with running_server(
        folder,
        env={"CRAMPCARE_DATABASE_URL": database_url},
        args=("--secrets.files", str(secrets)),
        host="localhost",  # the login's redirect address names localhost exactly
    ) as base:
        warm_up(browser, base)
        yield base


def log_in(visit: Visit, user: str) -> Page:
    page = visit.open("/journal")
    page.get_by_role("button", name="Log in").click()
    page.get_by_placeholder("sub").fill(user)  # the provider's own login form
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_role("heading", name="Where is the cramp?")).to_be_visible()
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_text("Logged in as")).to_be_visible()
    return page


def log_a_cramp(page: Page, notes: str, total: int) -> None:
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", name="Episodes")).to_be_visible()
    if page.locator(".st-key-log-form details").get_attribute("open") is None:
        page.locator(".st-key-log-form summary").click()
    box = page.get_by_role("textbox", name="Notes")
    expect(box).to_have_value("")
    box.fill(notes)
    page.get_by_role("button", name="Save to journal").click()
    expect(page.get_by_text(f"{total} cramp{'s' if total != 1 else ''} match")).to_be_visible()
    page.get_by_role("button", name="Log another cramp").click()
    expect(page.get_by_role("button", name="Log another cramp")).to_have_count(0)


def notes_listed(page: Page) -> list[str]:
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", name="Episodes")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame")
    if grid.count() == 0:
        return []
    return grid.inner_text().split("\n")


def test_two_people_each_see_export_and_delete_only_their_own_journal(
    browser, tmp_path, provider, postgres_url, request
) -> None:
    name = request.node.name
    with (
        hosted_server(browser, tmp_path, provider, postgres_url) as base,
        tab(browser, base, f"{name}-alice", DESKTOP, also=(provider,)) as alice,
        tab(browser, base, f"{name}-bob", DESKTOP, also=(provider,)) as bob,
    ):
        a = log_in(alice, "alice")
        log_a_cramp(a, "alice's private note", 1)
        alice.screenshot("alice-journal")

        b = log_in(bob, "bob")
        b.get_by_role("link", name="Journal").click()
        expect(b.get_by_text("No cramps logged yet")).to_be_visible()
        log_a_cramp(b, "bob's note", 1)
        expect(b.get_by_text("alice's private note")).to_have_count(0)
        b.get_by_role("link", name="Your data").click()
        with b.expect_download() as info:
            b.get_by_role("button", name="Export the 1 cramp (CSV)").click()
        exported = info.value.path().read_text(encoding="utf-8-sig")
        assert "bob's note" in exported and "alice" not in exported
        b.get_by_role("textbox", name="Type DELETE to confirm").fill("DELETE")
        b.get_by_role("textbox", name="Type DELETE to confirm").press("Enter")
        b.get_by_role("button", name="Delete everything").click()
        expect(b.get_by_text("Your journal is empty.")).to_be_visible()
        bob.screenshot("bob-emptied")

        a.get_by_role("link", name="Journal").click()
        expect(a.get_by_text("1 cramp matches.")).to_be_visible()
        expect(a.get_by_text("bob's note")).to_have_count(0)

        # Logging out forgets the session; logging back in finds the journal again.
        a.get_by_role("link", name="Your account").click()
        expect(a.get_by_text("Logged in as")).to_be_visible()
        a.get_by_role("button", name="Log out").click()
        a.get_by_role("button", name="End session").click()  # on the provider's page
        expect(a.get_by_role("heading", name="Where is the cramp?")).to_be_visible()
        a.get_by_role("link", name="Journal").click()
        expect(a.get_by_role("button", name="Log in")).to_be_visible()
        log_in(alice, "alice")
        a.get_by_role("link", name="Journal").click()
        expect(a.get_by_text("1 cramp matches.")).to_be_visible()
    owners = PostgresJournal(postgres.open_pool(postgres_url), f"{provider}|alice")
    assert [e.notes for e in owners.episodes()] == ["alice's private note"]
    owners.pool.close()


def test_the_guide_and_the_stretch_need_no_login(
    browser, tmp_path, provider, postgres_url, request
) -> None:
    with (
        hosted_server(browser, tmp_path, provider, postgres_url) as base,
        tab(browser, base, request.node.name, DESKTOP, also=(provider,)) as visit,
    ):
        page = visit.open("/relief?region=calf")
        expect(page.get_by_role("heading", name="Calf cramp")).to_be_visible()
        expect(page.get_by_role("heading", name="When to get help")).to_be_visible()
        page.get_by_role("link", name="Insights").click()
        expect(page.get_by_role("button", name="Log in")).to_be_visible()
        expect(page.locator(".js-plotly-plot")).to_have_count(0)


def test_a_server_open_to_other_computers_without_login_refuses_the_journal(
    browser, tmp_path, request
) -> None:
    with (
        running_server(tmp_path, args=("--server.address", "0.0.0.0")) as base,
        tab(browser, base, request.node.name, DESKTOP) as visit,
    ):
        page = visit.open("/journal")
        expect(page.get_by_text(re.compile("The journal is switched off here"))).to_be_visible(
            timeout=60_000
        )
        expect(page.get_by_role("button", name="Save to journal")).to_have_count(0)
        visit.screenshot("refused")
        page = visit.open("/relief?region=neck")
        expect(page.get_by_role("heading", name="Neck cramp")).to_be_visible()


def test_two_app_servers_behind_one_proxy_share_logins_and_one_journal(
    browser, tmp_path, provider, postgres_url, request, record
) -> None:
    """Servers keep nothing of their own: one cookie secret, one database. A login made
    through one server is good on the other; saves sent through both, each page clicking
    without waiting for the other: none lost, none doubled."""
    proxy = StickyProxy(backends=[])
    login_secrets(tmp_path, provider, app_port_placeholder=str(proxy.port))
    with (
        hosted_server(browser, tmp_path, provider, postgres_url) as first,
        hosted_server(browser, tmp_path, provider, postgres_url) as second,
    ):
        proxy.backends = [int(first.rsplit(":", 1)[1]), int(second.rsplit(":", 1)[1])]
        base = f"http://localhost:{proxy.port}"
        with (
            proxy,
            tab(browser, base, f"{request.node.name}-one", DESKTOP, also=(provider,)) as one,
        ):
            sticky(one, 0)
            page_one = log_in(one, "carol")
            # The same login, carried to a browser that the proxy sends to the other server.
            state = one.page.context.storage_state()
            with tab(browser, base, f"{request.node.name}-two", DESKTOP) as two:
                two.page.context.add_cookies(state["cookies"])
                sticky(two, 1)
                page_two = two.open("/journal")
                expect(page_two.get_by_role("heading", name="Episodes")).to_be_visible()
                rounds = 4
                for page in (page_one, page_two):
                    page.get_by_role("link", name="Journal").click()
                    expect(page.get_by_role("heading", name="Episodes")).to_be_visible()
                    if page.locator(".st-key-log-form details").get_attribute("open") is None:
                        page.locator(".st-key-log-form summary").click()
                for n in range(rounds):
                    for label, page in (("one", page_one), ("two", page_two)):
                        box = page.get_by_role("textbox", name="Notes")
                        expect(box).to_have_value("")
                        box.fill(f"{label}-{n}")
                        page.get_by_role("button", name="Save to journal").click()
                    for page in (page_one, page_two):
                        another = page.get_by_role("button", name="Log another cramp")
                        another.click()
                        expect(another).to_have_count(0)
                page_two.reload()
                expect(page_two.get_by_text(f"{2 * rounds} cramps match.")).to_be_visible()
                two.screenshot("second-server")
        routed = [proxy.routed[0], proxy.routed[1]]
    pool = postgres.open_pool(postgres_url)
    notes = [e.notes for e in PostgresJournal(pool, f"{provider}|carol").episodes()]
    pool.close()
    expected = {f"{label}-{n}" for label in ("one", "two") for n in range(rounds)}
    lost, doubled = len(expected - set(notes)), len(notes) - len(set(notes))
    record(
        f"two app servers behind one proxy, one PostgreSQL: {len(notes)} saves through both "
        f"(connections {routed[0]} and {routed[1]}): lost {lost}, duplicated {doubled}"
    )
    assert routed[0] > 0 and routed[1] > 0, "each server served its browser"
    assert (lost, doubled) == (0, 0)


def sticky(visit: Visit, server: int) -> None:
    """Tell the proxy which app server this browser talks to."""
    visit.page.context.add_cookies(
        [{"name": StickyProxy.COOKIE, "value": str(server), "url": visit.base}]
    )
