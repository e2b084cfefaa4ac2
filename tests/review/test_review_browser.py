"""End to end in a real headless browser: open a cell, reject a mention, see the table change.

Debian ``chromium`` driven by Playwright (never ``playwright install``); the app is served
by uvicorn on 127.0.0.1 on a free port in a background thread.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from review_helpers import sample

from pipeline.review.app import create_app
from pipeline.store import Store

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MDEC_ROW = (
    'table[data-table="instruments_by_country"] tr[data-key="AGENCY|my:mdec"][data-country="MY"] a.count'
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def base_url(store: Store):
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    """Headless Debian chromium (skips when it is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_tab(browser, errors: list[str]):
    """A page in a browser context of its own (its own cookies: one reviewer each)."""
    tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return tab


@pytest.fixture
def page(browser):
    """A fresh page of headless Debian chromium; fails the test on any console error."""
    errors: list[str] = []
    yield new_tab(browser, errors)
    assert errors == [], errors


def set_reviewer(page, name: str) -> None:
    """Tell the app who is reviewing (once per browser; a cookie keeps it)."""
    page.click("details.who-form summary")
    page.fill("details.who-form input[name=reviewer]", name)
    page.click("details.who-form button")


def test_open_a_cell_reject_a_mention_and_see_the_table_change(base_url, page, store):
    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    assert page.inner_text(MDEC_ROW) == "2"

    page.click(MDEC_ROW)  # click 1: the cell opens its evidence
    assert "Malaysia Digital Economy Corporation" in page.inner_text("h1")
    assert page.locator("article.evidence").count() == 2
    page.locator("tr.mention.focus button[value=reject]").first.click()  # click 2: reject

    assert "Rejected" in page.inner_text(".note")
    assert page.locator("article.evidence").count() == 1
    assert [(d.action, d.reviewer) for d in store.decisions()] == [("reject", "Ana")]
    page.click("nav.crumbs a >> nth=0")
    assert page.inner_text(MDEC_ROW) == "1"


def test_selecting_words_fills_the_add_form(base_url, page, store):
    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    page.click(MDEC_ROW)
    quote = page.locator("blockquote.passage").last
    passage_id = quote.get_attribute("data-passage")
    quote.evaluate("""box => {
        const text = box.lastChild;  // " blueprint for the digital economy."
        const at = text.textContent.indexOf("digital economy");
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + "digital economy".length);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    }""")
    form = page.locator(f'form.add-form[data-passage="{passage_id}"]')
    assert form.locator("input[name=text]").input_value() == "digital economy"
    start = int(form.locator("input[name=start]").input_value())
    text = store.passage(passage_id).text
    assert text[start : start + len("digital economy")] == "digital economy"
    form.locator("select[name=label]").select_option("PROGRAMME")
    form.locator("input[name=country]").fill("MY")
    form.locator("button").click()
    assert "Added" in page.inner_text(".note")
    assert [d.action for d in store.decisions()] == ["add"]


def test_a_stale_accept_is_refused_and_names_the_newer_reject(base_url, browser, store):
    errors: list[str] = []
    tabs = {name: new_tab(browser, errors) for name in ("Ana", "Budi")}
    for name, tab in tabs.items():  # both open the same cell before anyone decides
        tab.goto(base_url + "/")
        set_reviewer(tab, name)
        tab.click(MDEC_ROW)
    ana, budi = tabs["Ana"], tabs["Budi"]
    ana.locator("tr.mention.focus button[value=reject]").first.click()
    assert "Rejected" in ana.inner_text(".note")

    with budi.expect_response(lambda r: r.request.method == "POST") as answer:
        budi.locator("tr.mention.focus button[value=accept]").first.click()
    assert answer.value.status == 409
    message = budi.inner_text(".error-box")
    assert "Ana rejected" in message and "UTC" in message
    assert [(d.action, d.reviewer) for d in store.decisions()] == [("reject", "Ana")]
    budi.click(".error-box a >> nth=0")  # back to the cell, now showing Ana's decision
    assert budi.locator("article.evidence").count() == 1
    # the console logs the 409 itself; nothing else may fail
    assert [e for e in errors if "409" not in e] == [], errors


def dimension_cell(dimension: str, country: str) -> str:
    """The selector of a count link (or zero) in the dimension matrix."""
    return f'table[data-table="dimension_by_country"] td[data-row="{dimension}"][data-col="{country}"]'


def test_set_a_passages_dimensions_by_ticking_and_see_the_matrix_change(base_url, page, store):
    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    assert page.inner_text(dimension_cell("governance", "ID") + " a").startswith("2")
    page.click(dimension_cell("governance", "ID") + " a")
    kominfo = sample.mention_of(store, "Kominfo").passage_id
    form = page.locator(f'form.label-set[data-passage="{kominfo}"]')
    form.locator("input[value=governance]").uncheck()
    form.locator("input[value=economy]").check()
    form.locator("button").click()
    assert "Dimension labels set: Smart economy." in page.inner_text(".note")
    assert page.locator("article.evidence").count() == 1  # the passage left this cell
    [decision] = store.decisions()
    assert (decision.action, decision.payload["labels"]) == ("correct", ["economy"])
    page.click("nav.crumbs a >> nth=0")
    assert page.inner_text(dimension_cell("governance", "ID") + " a").startswith("1")
    assert page.inner_text(dimension_cell("economy", "ID") + " a").startswith("1")


def test_a_revised_pdf_keeps_decisions_and_shows_the_orphan(base_url, page, store, tmp_path):
    buses = "Buses with GPS trackers reduce congestion in the city centre."
    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    page.click(MDEC_ROW)
    page.locator("tr.mention.focus button[value=reject]").first.click()
    page.click("nav.crumbs a >> nth=0")
    page.click(dimension_cell("mobility", "ID") + " a")
    passage = next(p for d in store.documents() for p in store.passages_of(d.id) if p.text == buses)
    form = page.locator(f'form.label-set[data-passage="{passage.id}"]')
    form.locator("input[value=mobility]").uncheck()
    form.locator("button").click()
    assert "Dimension labels set: none." in page.inner_text(".note")

    [reject] = [d for d in store.decisions() if d.action == "reject"]
    assert reject.document_id != "b" * 64  # made on document A, the one revised below
    sample.revise_document_a(store, tmp_path, {buses: "Trams with GPS trackers cut congestion."})
    page.goto(base_url + "/")
    assert page.inner_text(MDEC_ROW) == "1"  # the reject followed the text into the revision
    assert "1 review decision no longer finds the text" in page.inner_text("#orphans-note")
    page.click("#orphans-note a")
    orphans = page.inner_text("#orphans")
    assert "Dimension labels" in orphans and "its passage's text changed or is gone" in orphans


def test_a_reviewer_works_through_the_queue_with_the_keyboard_only(base_url, page, store):
    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    page.goto(base_url + "/queue?label=AGENCY")
    kominfo = sample.mention_of(store, "Kominfo")
    assert page.get_attribute("#queue-item", "data-passage") == kominfo.passage_id
    page.evaluate("window.notReloaded = true")
    page.keyboard.press("j")  # the first mention: Kominfo
    page.keyboard.press("r")
    page.wait_for_selector(f"#m-{kominfo.id}.status-rejected")
    assert page.evaluate("window.notReloaded === true")  # decided without a page load
    page.keyboard.press("2")  # tick Smart economy beside Smart governance
    page.keyboard.press("Enter")  # confirm the labels, mark the passage reviewed, go on
    page.wait_for_selector('#queue-item[data-passage="b-p1"]')
    decisions = [(d.action, d.target_id.split(":")[0], d.reviewer) for d in store.decisions()]
    assert decisions == [
        ("reject", kominfo.id, "Ana"),
        ("correct", "labels", "Ana"),
        ("accept", "passage", "Ana"),
    ]
    assert [d.payload.get("labels") for d in store.decisions()][1] == ["economy", "governance"]
    assert page.inner_text("#queue-counts").startswith("1 of ")


def test_undo_in_the_browser_returns_to_machine_and_exports_nothing(base_url, page, store, tmp_path):
    from pipeline.review.export import write_reviewed

    page.goto(base_url + "/")
    set_reviewer(page, "Ana")
    page.click(MDEC_ROW)
    page.locator("tr.mention.focus button[value=reject]").first.click()
    assert "Rejected" in page.inner_text(".note")
    page.click(".note button:has-text('Undo')")
    assert "Undone" in page.inner_text(".note")
    assert [d.action for d in store.decisions()] == ["reject", "undo"]
    assert page.locator("tr.mention.focus.status-machine").count() == 2  # both MDEC rows
    assert write_reviewed(store, tmp_path / "reviewed.jsonl") == 0  # no person's decision left
    page.click("nav.crumbs a >> nth=0")
    assert page.inner_text(MDEC_ROW) == "2"
