"""End to end in a real browser: the rating page from the running bot, in headless Chromium.

The bot runs as ``python -m bot`` with ``WEB_PORT`` on 127.0.0.1; Selenium drives Debian's
``chromium`` through its ``chromium-driver`` (nothing is downloaded). Selenium's calls block,
so each walk runs in a thread and the fake Bot API keeps answering the bot meanwhile.
Screenshots go to ``build/screenshots/`` (one of them is in the README).

Without Chromium the module is skipped with one line saying what to install; ``.ci/run``
installs it, so CI runs these tests.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.telegram_init_data import signed_init_data

from .dialog import UserChat, message_id, running_bot
from .fake_telegram import make_token
from .harness import REPO_ROOT, free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "no Chromium here: the browser tests need Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver; .ci/run does)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402  (only once Chromium is known to be there)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SCREENSHOTS = REPO_ROOT / "build" / "screenshots"
#: Bounds every wait for the page to change: a guard, not a timing assertion.
WAIT_SECONDS = 20.0
ROWS = "#rating tbody tr"


@contextmanager
def chromium(
    *, javascript: bool = True, width: int = 1000, height: int = 1400, phone: bool = False
) -> Iterator[WebDriver]:
    """Headless Chromium from the system, quit even when the test fails. ``phone``: a touch
    screen ``width`` CSS pixels wide (a headless window is never narrower than 500)."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    if phone:
        metrics = {"width": width, "height": height, "pixelRatio": 2, "touch": True}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: WebDriver, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def visible_slugs(driver: WebDriver) -> list[str]:
    return [
        row.get_attribute("data-slug") or ""
        for row in driver.find_elements(By.CSS_SELECTOR, ROWS)
        if row.is_displayed()
    ]


def until(driver: WebDriver, condition: str, check: Callable[[WebDriver], object]) -> None:
    """Wait for ``check(driver)`` to be true; the assertion message names ``condition``."""
    WebDriverWait(driver, WAIT_SECONDS).until(check, message=condition)


def column(driver: WebDriver, index: int) -> list[float]:
    """The sort values of one column, top to bottom (visible rows)."""
    values = []
    for row in driver.find_elements(By.CSS_SELECTOR, ROWS):
        if row.is_displayed():
            cell = row.find_elements(By.CSS_SELECTOR, "td, th")[index]
            values.append(float(cell.get_attribute("data-value") or "nan"))
    return values


def header_button(driver: WebDriver, index: int) -> WebElement:
    return driver.find_elements(By.CSS_SELECTOR, "#rating thead th")[index].find_element(
        By.TAG_NAME, "button"
    )


def type_filter(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.ID, "filter")
    box.clear()
    box.send_keys(text)


def walk_the_page(base: str) -> None:
    """A reader's visit: the list, sorting, filtering, Kazakh and 2024, one body's history."""
    with chromium() as driver:
        driver.get(f"{base}/?lang=ru")
        rows = driver.find_elements(By.CSS_SELECTOR, ROWS)
        assert len(rows) == 32
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
        shoot(driver, "1-list-ru")
        sort_the_table(driver)
        filter_the_table(driver)
        switch_and_open_a_history(driver)
    with chromium(width=360, height=780, phone=True) as phone:
        phone.get(f"{base}/?lang=kk")
        widths = phone.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
        assert widths == [360, 360]  # only the table scrolls sideways, not the page
        shoot(phone, "7-phone-360")


def sort_the_table(driver: WebDriver) -> None:
    """By satisfaction, best first, then reversed; by score from the keyboard."""
    satisfaction = 3  # rank, body, score, satisfaction
    header_button(driver, satisfaction).click()
    until(
        driver,
        "sorted by satisfaction",
        lambda d: column(d, satisfaction) == sorted(column(d, satisfaction), reverse=True),
    )
    header = driver.find_elements(By.CSS_SELECTOR, "#rating thead th")[satisfaction]
    assert header.get_attribute("aria-sort") == "descending"
    assert column(driver, satisfaction) != column(driver, 0)  # not just the rank order
    header_button(driver, satisfaction).click()
    until(
        driver,
        "sorted by satisfaction, lowest first",
        lambda d: column(d, satisfaction) == sorted(column(d, satisfaction)),
    )
    assert header.get_attribute("aria-sort") == "ascending"
    shoot(driver, "2-sorted-by-satisfaction")

    score = 2  # by keyboard: the header is a button, so Enter on it sorts as a click does
    header_button(driver, score).send_keys(Keys.ENTER)
    until(driver, "sorted by score", lambda d: column(d, score) == sorted(column(d, score), reverse=True))
    assert driver.switch_to.active_element == header_button(driver, score)


def filter_the_table(driver: WebDriver) -> None:
    """The bot's search behind the box: a colloquial name, then a Latin abbreviation."""
    type_filter(driver, "минздрав")
    until(driver, "filtered to the Ministry of Health", lambda d: visible_slugs(d) == ["moh"])
    status = driver.find_element(By.ID, "filter-status").text
    assert status == "Показано госорганов: 1 из 32", status
    assert "q=" in driver.current_url  # the link keeps the filter
    shoot(driver, "3-filter-minzdrav")
    type_filter(driver, "KNB")
    until(driver, "filtered to the National Security Committee", lambda d: visible_slugs(d) == ["nsc"])
    shoot(driver, "4-filter-knb")
    type_filter(driver, "")
    driver.find_element(By.ID, "filter").send_keys(Keys.ENTER)
    until(driver, "the filter cleared", lambda d: len(visible_slugs(d)) == 32)


def switch_and_open_a_history(driver: WebDriver) -> None:
    """Kazakh and 2024 from the page's own links, then a body's history with its chart."""
    driver.find_element(By.CSS_SELECTOR, 'nav a[hreflang="kk"]').click()
    until(
        driver,
        "the page in Kazakh",
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk",
    )
    driver.find_element(By.LINK_TEXT, "2024").click()
    until(driver, "the 2024 list", lambda d: "2024" in d.find_element(By.TAG_NAME, "h1").text)
    assert "year=2024" in driver.current_url
    assert "lang=kk" in driver.current_url
    assert len(driver.find_elements(By.CSS_SELECTOR, ROWS)) == 32
    shoot(driver, "5-kazakh-2024")

    driver.find_element(By.CSS_SELECTOR, '#rating tr[data-slug="moh"] th a').click()
    until(
        driver,
        "the history of the Ministry of Health",
        lambda d: d.find_elements(By.CSS_SELECTOR, "#history svg.chart"),
    )
    chart = driver.find_element(By.CSS_SELECTOR, "#history svg.chart")
    assert chart.is_displayed()
    assert chart.size["width"] > 300
    assert "Денсаулық сақтау министрлігі" in driver.find_element(By.CSS_SELECTOR, "#history h2").text
    driver.execute_script("arguments[0].scrollIntoView()", chart)
    shoot(driver, "6-history-kk")


def read_without_script(base: str) -> None:
    """JavaScript off: the whole table, plain headers, and the filter as a form the server answers."""
    with chromium(javascript=False) as driver:
        driver.get(f"{base}/?lang=en")
        assert len(driver.find_elements(By.CSS_SELECTOR, ROWS)) == 32
        assert driver.find_elements(By.CSS_SELECTOR, "#rating thead button") == []  # the script did not run
        type_filter(driver, "минздрав")
        driver.find_element(By.ID, "filter").send_keys(Keys.ENTER)
        until(driver, "the server's filtered page", lambda d: "q=" in d.current_url)
        assert visible_slugs(driver) == ["moh"]
        assert driver.find_element(By.ID, "filter-status").text == "Bodies shown: 1 of 32"
        driver.find_element(By.CSS_SELECTOR, '#rating tr[data-slug="moh"] th a').click()
        until(driver, "the history page", lambda d: "body=moh" in d.current_url)
        assert driver.find_element(By.CSS_SELECTOR, "#history svg.chart").is_displayed()
        shoot(driver, "8-no-javascript")


async def test_a_reader_sorts_filters_switches_and_opens_a_history(
    tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    async with running_bot(tmp_path, rating_db_template, env={"WEB_PORT": str(port)}):
        await asyncio.to_thread(walk_the_page, f"http://127.0.0.1:{port}")
    assert (SCREENSHOTS / "6-history-kk.png").stat().st_size > 10_000


async def test_the_page_works_with_javascript_off(tmp_path: Path, rating_db_template: Path) -> None:
    port = free_port()
    async with running_bot(tmp_path, rating_db_template, env={"WEB_PORT": str(port)}):
        await asyncio.to_thread(read_without_script, f"http://127.0.0.1:{port}")


# Inside Telegram: the Mini App's signed user data and theme in the address's fragment.


THEME = {"bg_color": "#1c1c1d", "text_color": "#f5f5f5", "hint_color": "#98989e", "link_color": "#3e88f7"}


def open_in_telegram(base: str, init_data: str, name: str) -> tuple[list[str], str, str]:
    """The page as Telegram opens it; (followed rows, the page's language, its background)."""
    fragment = "tgWebAppData=" + quote(init_data) + "&tgWebAppThemeParams=" + quote(json.dumps(THEME))
    with chromium(width=390, height=800, phone=True) as driver:
        driver.get(f"{base}/#{fragment}")
        until(
            driver,
            "the page's script ran",
            lambda d: d.find_elements(By.CSS_SELECTOR, "#rating thead button"),
        )
        time.sleep(1.0)  # let the signed-data check answer (or not): a settle, not a measurement
        until(
            driver, "the page loaded", lambda d: d.execute_script("return document.readyState") == "complete"
        )
        followed = [
            row.get_attribute("data-slug") or ""
            for row in driver.find_elements(By.CSS_SELECTOR, "#rating tr.followed")
        ]
        language = driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or ""
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        shoot(driver, name)
    return followed, language, str(background)


async def follow(chat: UserChat, query: str) -> None:
    card = await chat.send(query)
    follow_data = [data for data in card.callback_data if data.startswith("fo:")]
    assert follow_data, f"no Follow button on the card: {card.button_texts}"
    await chat.press(follow_data[0], message_id(card))


async def test_inside_telegram_a_verified_user_sees_their_bodies_and_language(
    tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    async with running_bot(tmp_path, rating_db_template, env={"WEB_PORT": str(port)}) as bot:
        chat = UserChat(bot, user_id=424242, language_code="kk")
        await follow(chat, "минздрав")
        await follow(chat, "KNB")
        base = f"http://127.0.0.1:{port}"
        followed, language, background = await asyncio.to_thread(
            open_in_telegram,
            base,
            signed_init_data(chat.user_id, make_token(), auth_date=int(time.time())),
            "9-mini-app-dark-theme",
        )
    assert sorted(followed) == ["moh", "nsc"]
    assert language == "kk"  # theirs, though the browser asks for English
    assert background == "rgb(28, 28, 29)"  # Telegram's bg_color


@pytest.mark.parametrize(
    "forgery",
    ["another bot's token", "a changed user id", "a day and a half old"],
)
async def test_inside_telegram_forged_or_stale_data_gets_the_public_page(
    tmp_path: Path, rating_db_template: Path, forgery: str
) -> None:
    port = free_port()
    async with running_bot(tmp_path, rating_db_template, env={"WEB_PORT": str(port)}) as bot:
        victim = UserChat(bot, user_id=515151, language_code="kk")
        await follow(victim, "минздрав")
        token = make_token()
        if forgery == "another bot's token":
            data = signed_init_data(victim.user_id, make_token(bot_id=987654321), auth_date=int(time.time()))
        elif forgery == "a changed user id":
            data = signed_init_data(616161, token, auth_date=int(time.time())).replace(
                "616161", str(victim.user_id)
            )
        else:
            data = signed_init_data(victim.user_id, token, auth_date=int(time.time()) - 36 * 3600)
        followed, language, _ = await asyncio.to_thread(
            open_in_telegram, f"http://127.0.0.1:{port}", data, "10-forged"
        )
    assert followed == []
    assert language == "en"  # headless Chromium's own Accept-Language, not the victim's Kazakh
