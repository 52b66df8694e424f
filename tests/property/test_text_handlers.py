"""Property tests: the real dispatcher fed generated Unicode, commands and button presses.

Whatever a user types (any script, control and bidi characters, zero-width joiners, emoji
sequences, combining marks, HTML-looking text, 4,096 characters of it) and whatever a forged
or stale button carries, no exception escapes the dispatcher, a private message gets exactly
one answer, a group message only when it is addressed to the bot, every button press is
answered once, and everything sent is what Telegram accepts: HTML with only its tags, at most
4,096 characters, button data of at most 64 bytes, no user text unescaped, in the user's
language.

One app serves every example of a test (building one per example would cost more than the
examples); each example writes as a new user, so no saved choice and no per-user state of
one example changes what the next one sees.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import shutil
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from aiogram.client.default import Default
from aiogram.enums import ChatType
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetChatMember,
    GetMe,
    SendChatAction,
    SendDocument,
    SendMessage,
    SendPhoto,
    SetMyCommands,
)
from aiogram.types import (
    CallbackQuery,
    Chat,
    InaccessibleMessage,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot.domain.bodies import load_agencies
from bot.domain.languages import LANGUAGES
from bot.views.charts.common import CAPTION_LIMIT
from tests.integration.dispatcher.conftest import GROUP_ID, App, Request, Updates, running_app
from tests.integration.dispatcher.recording import BOT_USER, BOT_USERNAME

# -- what Telegram accepts -------------------------------------------------------------

#: Telegram's limit of a message text, counted in UTF-16 code units after entity parsing.
MESSAGE_LIMIT = 4096
#: The text of a callback query's answer (a toast or an alert).
ALERT_LIMIT = 200
CALLBACK_DATA_LIMIT = 64
#: The HTML tags the Bot API parses, with the attributes each may carry
#: (https://core.telegram.org/bots/api#html-style).
TELEGRAM_TAGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler"), frozenset()),
    "span": frozenset({"class"}),
    "a": frozenset({"href"}),
    "tg-emoji": frozenset({"emoji-id"}),
    "tg-time": frozenset({"unix", "format"}),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "blockquote": frozenset({"expandable"}),
}
#: Entities that hold no other entity (a pre may hold one code, for its language).
LEAVES = frozenset({"code", "pre"})
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


class TelegramHtml(HTMLParser):
    """Reads a message as Telegram's HTML parse mode would, noting what Telegram refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.open: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"<{tag}> is not a tag Telegram knows")
        extra = {name for name, _ in attrs} - TELEGRAM_TAGS.get(tag, frozenset())
        if extra:
            self.problems.append(f"<{tag}> has attributes Telegram does not take: {sorted(extra)}")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")
        if tag == "span" and dict(attrs).get("class") != "tg-spoiler":
            self.problems.append('<span> other than class="tg-spoiler"')
        inside = self.open[-1] if self.open else None
        if inside in LEAVES and not (inside == "pre" and tag == "code"):
            self.problems.append(f"<{tag}> inside <{inside}>")
        if tag == "blockquote" and "blockquote" in self.open:
            self.problems.append("a blockquote inside a blockquote")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"<{tag}/>: Telegram has no empty tags")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {'<' + self.open[-1] + '>' if self.open else 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.problems.append(f"an unescaped {char!r} in {data[:40]!r}")
        self.visible.append(data)

    def handle_entityref(self, name: str) -> None:
        self.visible.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.visible.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"a comment or a broken tag: {data[:40]!r}")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"a declaration: {decl[:40]!r}")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"a processing instruction: {data[:40]!r}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"an unknown declaration: {data[:40]!r}")


def utf16_length(text: str) -> int:
    """How Telegram counts a text's length: characters beyond the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(message: str) -> str:
    """What a user reads of an HTML message; AssertionError naming what Telegram would refuse."""
    parser = TelegramHtml()
    parser.feed(message)
    parser.close()
    problems = list(parser.problems)
    if parser.open:
        problems.append(f"unclosed tags: {parser.open}")
    for position in (m.start() for m in re.finditer("&", message)):
        if not _ENTITY.match(message, position):
            problems.append(
                f"'&' not starting an entity Telegram knows: {message[position : position + 12]!r}"
            )
    visible = "".join(parser.visible)
    if not visible.strip():
        problems.append("the text is empty")
    if utf16_length(visible) > MESSAGE_LIMIT:
        problems.append(f"{utf16_length(visible)} characters, over Telegram's {MESSAGE_LIMIT}")
    assert not problems, f"Telegram would refuse {message[:300]!r}: {problems}"
    return visible


def check_markup(markup: Any) -> None:
    """Every button has a label and callback data Telegram accepts (1-64 bytes)."""
    if markup is None:
        return
    assert isinstance(markup, InlineKeyboardMarkup), markup
    for row in markup.inline_keyboard:
        for button in row:
            assert button.text.strip(), f"a button without a label: {button}"
            if button.callback_data is not None:
                size = len(button.callback_data.encode())
                assert 1 <= size <= CALLBACK_DATA_LIMIT, (
                    f"callback data of {size} bytes: {button.callback_data!r}"
                )


# -- the language of a reply -------------------------------------------------------------

KAZAKH_ONLY = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
#: Telegram clients send IETF tags; the bot speaks these three and Russian to everyone else.
SPOKEN = frozenset(LANGUAGES)


def expected_language(language_code: str | None) -> str:
    """The language a new user is answered in: their app's, if the bot speaks it, else Russian."""
    prefix = (language_code or "").split("-")[0].lower()
    return prefix if prefix in SPOKEN else "ru"


def check_language(text: str, language: str, typed: str) -> None:
    """Modest, but it catches a reply in the wrong catalog: Russian and English replies
    carry no Kazakh-only letters, beyond the languages' own names and what the user typed."""
    if language == "kk":
        return
    for name in LANGUAGES.values():
        text = text.replace(name, "")
    stray = (set(text) & KAZAKH_ONLY) - set(typed)
    assert not stray, f"a {language} reply with Kazakh letters {sorted(stray)}: {text[:300]!r}"


# -- the app, kept across examples -------------------------------------------------------

#: Operators' ids: a pool, so an admin example is a new user too.
ADMIN_POOL = frozenset(range(900_000_000, 900_002_000))


@dataclass
class Sent:
    """What one update made the bot do, sorted by kind."""

    messages: list[SendMessage | EditMessageText] = field(default_factory=list)
    answers: list[AnswerCallbackQuery] = field(default_factory=list)
    lookups: list[Request] = field(default_factory=list)  # getMe, getChatMember, setMyCommands
    photos: list[SendPhoto] = field(default_factory=list)  # charts (handlers/chart.py)
    documents: list[SendDocument] = field(default_factory=list)  # tables (handlers/export.py)


@dataclass
class Harness:
    """One app for many examples, driven from synchronous hypothesis tests."""

    runner: asyncio.Runner
    app: App
    updates: Updates = field(default_factory=Updates)
    users: Iterator[int] = field(default_factory=lambda: itertools.count(10_000_001))
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1_000_000))  # updates, queries
    admins: Iterator[int] = field(default_factory=lambda: itertools.cycle(sorted(ADMIN_POOL)))

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "Harness()"

    def new_user(
        self, language_code: str | None, first_name: str = "Aigerim", *, admin: bool = False
    ) -> User:
        user_id = next(self.admins) if admin else next(self.users)
        return User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)

    def feed(self, update: Update) -> Sent:
        """Feed one update; no exception may escape the dispatcher."""
        sent = Sent()
        for request in self.runner.run(self.app.feed(update)):
            if isinstance(request, SendMessage | EditMessageText):
                sent.messages.append(request)
            elif isinstance(request, AnswerCallbackQuery):
                sent.answers.append(request)
            elif isinstance(request, GetMe | GetChatMember | SetMyCommands | SendChatAction):
                sent.lookups.append(request)
            elif isinstance(request, SendPhoto):
                sent.photos.append(request)
            elif isinstance(request, SendDocument):
                sent.documents.append(request)
            else:
                raise AssertionError(f"an unexpected Bot API call: {request!r}")
        return sent


@pytest.fixture(scope="module")
def harness(bundled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    database = tmp_path_factory.mktemp("property") / "rating.db"
    shutil.copyfile(bundled_template, database)
    with asyncio.Runner() as runner:
        context = running_app(database, admin_ids=ADMIN_POOL)
        app = runner.run(context.__aenter__())
        try:
            yield Harness(runner, app)
        finally:
            runner.run(context.__aexit__(None, None, None))


def private_chat(user: User) -> Chat:
    return Chat(id=user.id, type=ChatType.PRIVATE, first_name=user.first_name)


def group_chat() -> Chat:
    return Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")


def text_message(
    harness: Harness, chat: Chat, user: User, text: str, reply_to: Message | None = None
) -> Update:
    return harness.updates.message(chat, user, text=text, reply_to_message=reply_to)


def check_reply(
    message: SendMessage | EditMessageText, *, chats: Container[int | str | None], language: str, typed: str
) -> str:
    """One message the bot sent or edited: to the right chat, in HTML Telegram parses."""
    assert message.chat_id in chats, f"sent to {message.chat_id}, not to the chat asked in"
    assert isinstance(message.parse_mode, Default) or message.parse_mode == "HTML", message.parse_mode
    visible = visible_text(message.text)
    check_markup(message.reply_markup)
    check_language(visible, language, typed)
    return visible


def check_answer(answer: AnswerCallbackQuery, *, language: str, typed: str) -> None:
    """A button's answer: plain text (no HTML is parsed there) of at most 200 characters."""
    text = answer.text or ""
    assert utf16_length(text) <= ALERT_LIMIT, f"an alert of {utf16_length(text)} characters: {text!r}"
    assert not re.search(r"<[a-z/]|&(?:lt|gt|amp|quot|#\d+);", text), f"HTML in an alert: {text!r}"
    check_language(text, language, typed)


# -- what people type --------------------------------------------------------------------

AGENCIES = load_agencies()
NAMES = sorted({name for agency in AGENCIES for name in agency.all_names()})
CYRILLIC = "".join(map(chr, range(0x410, 0x450))) + "Ёё" + "".join(sorted(KAZAKH_ONLY))
CONTROLS = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
COMBINING = "".join(map(chr, range(0x300, 0x370))) + "\u0483\u0484\u0485\u0486\u20dd"
SPACES = [" ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2003", "\u3000", "\u205f", "\x1c", "\x85"]
EMOJI = ["👍", "🇰🇿", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👩🏽‍💻", "❤️", "1️⃣", "🫡", "🤷‍♀️", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]
YEARS = [
    "2016", "2020", "2024", "2025", "2026", "1990", "2099", "0000", "99999", "-2025",
    "٢٠٢٤", "２０２４", "2024г.",
]  # fmt: skip
HTML_BITS = [
    "<b>", "</b>", "<i>", "</i>", "<u>", "<s>", "<code>", "</code>", "<pre>", "<tg-spoiler>",
    '<a href="https://evil.example">', "</a>", '<span class="tg-spoiler">', "<blockquote>", "<br>",
    "<script>", "<!--", "-->", "<", ">", "&", "&amp;", "&lt;", "&gt;", "&quot;", "&#60;", "&#x3C;",
    "&nbsp;", "&amp", "<<>>", '"', "'", "</", "<b", "&#", "&#x110000;",
]  # fmt: skip
MENTIONS = [f"@{BOT_USERNAME}", f"@{BOT_USERNAME.upper()}", "@other_bot", "@", "@@", f"@{BOT_USERNAME}_x"]

#: Any character Telegram can carry: every category but the lone surrogates UTF-8 cannot hold.
any_char = st.characters(exclude_categories=("Cs",))
words = st.one_of(
    st.text(any_char, min_size=1, max_size=12),
    st.text(st.sampled_from(CYRILLIC), min_size=1, max_size=14),
    st.text(st.sampled_from(CONTROLS + BIDI + ZERO_WIDTH), min_size=1, max_size=4),
    st.text(st.sampled_from(COMBINING), min_size=1, max_size=6),
    st.sampled_from(NAMES),
    st.sampled_from(EMOJI),
    st.sampled_from(YEARS),
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(HTML_BITS),
    st.sampled_from(MENTIONS),
)
phrases = st.lists(st.tuples(words, st.sampled_from(SPACES)), min_size=1, max_size=10).map(
    lambda parts: "".join(word + space for word, space in parts).rstrip(" ")
)


def fit(text: str) -> str:
    """``text`` cut to Telegram's 4,096 UTF-16 units (never through an emoji's surrogate pair)."""
    while utf16_length(text) > MESSAGE_LIMIT:
        text = text[: -max(1, (utf16_length(text) - MESSAGE_LIMIT) // 2)]
    return text or "."


long_texts = st.tuples(phrases, st.integers(1, 2000)).map(lambda pair: fit(pair[0] * pair[1]))
texts = st.one_of(
    phrases,
    st.text(any_char, min_size=1, max_size=300),
    st.sampled_from(NAMES).flatmap(
        lambda name: st.sampled_from([name, name.upper(), f"{name} 2024", f"«{name}»"])
    ),
    long_texts,
).filter(lambda text: utf16_length(text) <= MESSAGE_LIMIT)

COMMANDS = [
    "start", "help", "rank", "agency", "changes", "subscribe", "subscriptions", "unsubscribe", "language",
]  # fmt: skip
command_names = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(COMMANDS).map(str.upper),
    st.sampled_from(["stats", "foo", "ranking", "", "ſtart", "агентство", "start_", "rank2024", "/"]),
    st.text(any_char, max_size=8),
)
commands = st.builds(
    lambda name, mention, space, argument: fit(f"/{name}{mention}{space + argument if argument else ''}"),
    command_names,
    st.sampled_from(["", "", "", *MENTIONS]),
    st.sampled_from(SPACES),
    st.one_of(st.just(""), phrases, st.sampled_from(YEARS), long_texts),
)
language_codes = st.one_of(
    st.sampled_from(
        [None, "", "ru", "kk", "en", "en-US", "kk-KZ", "ru-RU", "EN", "uk", "be", "uz", "de", "zh-hans"]
    ),
    st.text(any_char, max_size=10),
)
first_names = st.one_of(
    st.sampled_from(["Айгерим", "Ерлан", "John", "Tom & Jerry", "<b>Ай", "a<b"]),
    st.text(any_char, min_size=1, max_size=64),
    st.lists(st.one_of(st.sampled_from(HTML_BITS), words), min_size=1, max_size=4)
    .map("".join)
    .map(lambda name: name[:64]),
)


# -- the checker itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "<b>bold",
        "<b><i>crossed</b></i>",
        "<div>block</div>",
        "a < b",
        "a > b",
        "fish & chips",
        "&nbsp;",
        "&amp without a semicolon",
        '<a name="x">no href</a>',
        "<b/>",
        "<!-- a comment -->",
        "<code><b>bold code</b></code>",
        "<blockquote><blockquote>twice</blockquote></blockquote>",
        "<b></b>",
        "   ",
        "x" * 4097,
        "🇰🇿" * 1025,
    ],
)
def test_the_checker_refuses_what_telegram_refuses(message: str) -> None:
    with pytest.raises(AssertionError, match="Telegram would refuse"):
        visible_text(message)


@pytest.mark.parametrize(
    ("message", "visible"),
    [
        ("<b>Минздрав</b>: 20*-е место", "Минздрав: 20*-е место"),
        ("«&lt;b&gt;привет&lt;/b&gt;» &amp; &quot;x&quot; &#60;&#x3C;", '«<b>привет</b>» & "x" <<'),
        ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("x" * 4096, "x" * 4096),
    ],
)
def test_the_checker_passes_what_telegram_takes(message: str, visible: str) -> None:
    assert visible_text(message) == visible


# -- properties ------------------------------------------------------------------------


def fast(max_examples: int) -> settings:
    """Few examples (the whole file stays well under a minute), no deadline (one slow
    example is not a failure), and no example database left in the working tree."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@fast(70)
@given(text=st.one_of(texts, commands), language_code=language_codes, first_name=first_names)
@example(text="<b>привет</b>", language_code="ru", first_name="<i>Ай</i>").via("HTML typed as a name")
@example(text="привет", language_code="en", first_name="<b>&amp;</b>").via("a greeting echoes the name")
@example(text="\u202eвардзним\u202c", language_code="kk", first_name="Ерлан").via("bidi override")
@example(text="Минздрав" + "\u0301" * 4000, language_code="en", first_name="x").via("combining marks")
def test_any_private_text_gets_exactly_one_valid_reply(
    harness: Harness, text: str, language_code: str | None, first_name: str
) -> None:
    user = harness.new_user(language_code, first_name)
    sent = harness.feed(text_message(harness, private_chat(user), user, text))

    assert len(sent.messages) == 1, f"{len(sent.messages)} replies to {text[:80]!r}"
    assert isinstance(sent.messages[0], SendMessage)
    assert not sent.answers
    check_reply(
        sent.messages[0], chats={user.id}, language=expected_language(language_code), typed=text + first_name
    )


def probe(parts: Sequence[str]) -> str:
    """A word of HTML-looking bits between two markers: if it shows up as it was typed
    in a reply's HTML source, it went out unescaped."""
    return "zq" + "".join(parts) + "qz"


#: Where the probe goes: after one of these in the text, or (None) into the user's first
#: name, with a text that answers with the name ("Hello, {name}!").
PROBE_PLACES = [
    "", "/agency ", "/rank ", "/changes ", "/subscribe ", "/unsubscribe ", "минздрав ", None,
]  # fmt: skip
GREETINGS = ["/start", "привет", "Hello!", "сәлем", f"/start@{BOT_USERNAME} ref"]


@fast(40)
@given(
    word=st.lists(st.sampled_from(HTML_BITS), min_size=1, max_size=4).map(probe),
    prefix=st.sampled_from(PROBE_PLACES),
    greeting=st.sampled_from(GREETINGS),
    language_code=st.sampled_from(["ru", "kk", "en"]),
)
@example(word=probe(["<b>"]), prefix="", greeting="", language_code="ru").via("a bold tag")
@example(word=probe(["&amp;"]), prefix="/rank ", greeting="", language_code="en").via("an entity as a year")
@example(word=probe(["<i>"]), prefix=None, greeting="привет", language_code="kk").via("a tag in a name")
def test_html_typed_by_a_user_is_never_sent_unescaped(
    harness: Harness, word: str, prefix: str | None, greeting: str, language_code: str
) -> None:
    if prefix is None:
        user = harness.new_user(language_code, first_name=word)
        text = greeting
    else:
        user = harness.new_user(language_code)
        text = prefix + word
    sent = harness.feed(text_message(harness, private_chat(user), user, text))

    (reply,) = sent.messages
    if set(word) & set("<>&"):
        assert word not in reply.text, f"{word!r} went out as HTML: {reply.text[:300]!r}"
    visible = check_reply(reply, chats={user.id}, language=language_code, typed=word)
    if "zq" in visible and "qz" in visible:  # echoed whole: the user reads exactly what they typed
        assert word in visible, f"{word!r} echoed as {visible[:300]!r}"


def addressed(text: str, replied_to_bot: bool) -> bool | None:
    """Whether a group message is for this bot: True, False, or None when either may do.

    With privacy mode the bot takes commands (its own, or any without a mention), and
    other text only when it mentions the bot or replies to it; the rest of a group's
    talk is not for it, so it stays silent.
    """
    me = BOT_USERNAME.casefold()
    if not text.startswith("/"):
        return replied_to_bot or f"@{me}" in text.casefold()
    name, _, mention = text.split(maxsplit=1)[0][1:].partition("@")
    if me not in mention.casefold():
        if mention:
            return False  # written to another bot
        if name.casefold() in COMMANDS:
            return True
        return None  # an unknown command may be another bot's; /stats is the admins' own
    if name.casefold() in COMMANDS and mention.casefold() == me:
        return True
    return None  # "/x@gosrating_test_bot@y" and the like: any single answer will do


@fast(45)
@given(
    text=st.one_of(
        texts,
        commands,
        st.tuples(st.sampled_from(MENTIONS), texts).map(lambda pair: fit(f"{pair[0]} {pair[1]}")),
        st.tuples(texts, st.sampled_from(MENTIONS)).map(lambda pair: fit(f"{pair[0]} {pair[1]}")),
    ),
    replied_to_bot=st.booleans(),
    language_code=language_codes,
    admin=st.booleans(),
)
def test_a_group_message_is_answered_once_when_addressed_and_otherwise_not_at_all(
    harness: Harness, text: str, replied_to_bot: bool, language_code: str | None, admin: bool
) -> None:
    user = harness.new_user(language_code, admin=admin)
    earlier = harness.updates.bot_message(GROUP_ID, text="…") if replied_to_bot else None
    sent = harness.feed(text_message(harness, group_chat(), user, text, reply_to=earlier))

    in_group = [message for message in sent.messages if message.chat_id == GROUP_ID]
    expected = addressed(text, replied_to_bot)
    if expected is None:
        assert len(in_group) <= 1
    else:
        assert len(in_group) == int(expected), f"{len(in_group)} replies to {text[:80]!r}"
    for message in sent.messages:  # anything else only to the sender in private (an admin's /stats)
        check_reply(message, chats={GROUP_ID, user.id}, language=expected_language(language_code), typed=text)


#: Characters that case-fold to themselves or one other (most; not ß -> ss, ﬃ -> ffi, İ -> i̇,
#: which move every index of a casefolded copy against the text itself: see the test below).
same_length_chars = any_char.filter(lambda char: len(char.casefold()) == 1)


def asked_in_private(harness: Harness, text: str, language_code: str) -> SendMessage:
    user = harness.new_user(language_code)
    (reply,) = harness.feed(text_message(harness, private_chat(user), user, text)).messages
    assert isinstance(reply, SendMessage)
    return reply


def asked_in_group(harness: Harness, text: str, language_code: str) -> SendMessage:
    user = harness.new_user(language_code)
    (reply,) = harness.feed(text_message(harness, group_chat(), user, text)).messages
    assert isinstance(reply, SendMessage)
    return reply


@fast(25)
@given(
    before=st.text(same_length_chars, max_size=12),
    name=st.sampled_from(NAMES),
    mention=st.sampled_from([f"@{BOT_USERNAME}", f"@{BOT_USERNAME.upper()}", f"@{BOT_USERNAME.title()}"]),
    language_code=st.sampled_from(["ru", "kk", "en"]),
)
def test_a_mention_anywhere_in_a_group_finds_what_the_same_text_finds_in_private(
    harness: Harness, before: str, name: str, mention: str, language_code: str
) -> None:
    """The mention is taken out of the text, wherever it is and however it is written."""
    text = f"{before} {mention} {name}"
    query = f"{before}  {name}".strip()
    assume(not text.startswith("/") and not query.startswith("/") and BOT_USERNAME not in before.casefold())

    in_group = asked_in_group(harness, text, language_code)
    in_private = asked_in_private(harness, query, language_code)

    assert in_group.text == in_private.text
    assert in_group.reply_markup == in_private.reply_markup


@pytest.mark.parametrize("before", ["ﬃﬃﬃﬃ", "İİİİİİ", "Straße ẞẞ"])
def test_a_mention_after_letters_that_casefold_longer_still_finds_the_name(
    harness: Harness, before: str
) -> None:
    """Was: "ﬃﬃﬃﬃ @gosrating_test_bot минздрав" looked up "ﬃﬃﬃﬃ @gosratiв": no match."""
    assert len(before.casefold()) > len(before)
    in_group = asked_in_group(harness, f"{before} @{BOT_USERNAME} минздрав", "ru")
    in_private = asked_in_private(harness, f"{before} минздрав", "ru")

    assert in_group.text == in_private.text


# -- button presses ----------------------------------------------------------------------

PREFIXES = ["rk", "ag", "cp", "fp", "ch", "lang", "menu", "fo", "uf", "da"]
SLUGS = sorted(agency.slug for agency in AGENCIES)
fields_ = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        ["", "0", "1", "True", "False", "true", "*", "ru", "kk", "en", "xx", "rank", "help", "changes"]
    ),
    st.sampled_from(SLUGS),
    st.text(any_char.filter(lambda char: char != ":"), max_size=12),
)


def within_limit(data: str) -> str:
    """``data`` cut to the 64 bytes Telegram allows (whole characters only)."""
    return data.encode()[:CALLBACK_DATA_LIMIT].decode(errors="ignore")


callback_datas = st.one_of(
    st.tuples(st.sampled_from(PREFIXES), st.lists(fields_, max_size=4)).map(
        lambda p: ":".join([p[0], *p[1]])
    ),
    st.text(any_char, min_size=1, max_size=64),
).map(within_limit)


#: Where a pressed button is: under the bot's message in the presser's private chat or in a
#: group; under one too old to reach (inaccessible); under a message sent inline (no message).
PLACES = ["private", "group", "inaccessible", "inline"]


def message_under(user: User, place: str) -> Message | InaccessibleMessage | None:
    if place == "inline":
        return None
    chat = group_chat() if place == "group" else private_chat(user)
    if place == "inaccessible":
        return InaccessibleMessage(chat=chat, message_id=7, date=0)
    return Message(message_id=7, date=datetime.now(UTC), chat=chat, from_user=BOT_USER, text="…")


def press(harness: Harness, user: User, data: str | None, on: Message | InaccessibleMessage | None) -> Update:
    """A press by ``user`` of a button carrying ``data`` under ``on``."""
    query = CallbackQuery(
        id=str(next(harness.ids)),
        from_user=user,
        chat_instance="-4242",
        message=on,
        inline_message_id=None if on is not None else "AgAAAInline",
        data=data,
    )
    return Update(update_id=next(harness.ids), callback_query=query)


def language_after(data: str | None, language: str) -> str:
    """A press of a language button answers in the language it chose."""
    prefix, _, code = (data or "").partition(":")
    return code if prefix == "lang" and code in LANGUAGES else language


def check_press(sent: Sent, *, chats: Container[int | str | None], language: str, typed: str) -> None:
    """Answered once (the button stops spinning); whatever else was sent is valid."""
    assert len(sent.answers) == 1, f"a press answered {len(sent.answers)} times"
    check_answer(sent.answers[0], language=language, typed=typed)
    assert len(sent.messages) + len(sent.photos) + len(sent.documents) <= 1
    for message in sent.messages:
        check_reply(message, chats=chats, language=language, typed=typed)
    # A chart or a table: the caption is HTML under Telegram's 1,024 characters.
    for attachment in (*sent.photos, *sent.documents):
        assert attachment.chat_id in chats, f"sent to {attachment.chat_id}, not to the chat asked in"
        assert utf16_length(visible_text(attachment.caption or "")) <= CAPTION_LIMIT
        check_markup(attachment.reply_markup)


@fast(50)
@given(
    callback=st.one_of(callback_datas, st.none()), place=st.sampled_from(PLACES), language_code=language_codes
)
def test_a_press_of_any_button_is_answered_once_and_validly(
    harness: Harness, callback: str | None, place: str, language_code: str | None
) -> None:
    user = harness.new_user(language_code)
    sent = harness.feed(press(harness, user, callback, message_under(user, place)))

    # To the chat of the button; an edit of a message sent inline names no chat at all.
    chats = {GROUP_ID if place == "group" else user.id, None}
    language = language_after(callback, expected_language(language_code))
    check_press(sent, chats=chats, language=language, typed=callback or "")


@fast(25)
@given(
    data=st.data(), text=st.one_of(texts, commands), language_code=st.sampled_from(["ru", "kk", "en", None])
)
def test_the_buttons_under_a_reply_all_lead_somewhere_valid(
    harness: Harness, data: st.DataObject, text: str, language_code: str | None
) -> None:
    """A conversation: a message, then up to three presses on the buttons the bot sent."""
    user = harness.new_user(language_code)
    chat = private_chat(user)
    language = expected_language(language_code)
    sent = harness.feed(text_message(harness, chat, user, text))
    for _ in range(3):
        if not sent.messages or not isinstance(sent.messages[-1].reply_markup, InlineKeyboardMarkup):
            return
        shown = sent.messages[-1]
        markup = shown.reply_markup
        assert isinstance(markup, InlineKeyboardMarkup)
        buttons = [
            button.callback_data for row in markup.inline_keyboard for button in row if button.callback_data
        ]
        if not buttons:
            return
        callback = data.draw(st.sampled_from(buttons))
        under = Message(
            message_id=7,
            date=datetime.now(UTC),
            chat=chat,
            from_user=BOT_USER,
            text=shown.text,
            reply_markup=markup,
        )
        sent = harness.feed(press(harness, user, callback, under))
        language = language_after(callback, language)
        check_press(sent, chats={user.id}, language=language, typed=text)
