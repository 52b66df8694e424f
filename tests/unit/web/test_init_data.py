"""Mini App initData: only data Telegram signed for this bot, recently, names a user.

Valid data is built here with Telegram's documented algorithm written out independently
(:func:`telegram_signs`), not with the module's own ``signature``, and aiogram's
``check_webapp_signature`` is asked to agree, so a wrong algorithm cannot pass by
agreeing with itself. Everything else must be ``None``, never an exception.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from aiogram.utils.web_app import check_webapp_signature
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.web.init_data import MAX_INIT_DATA, MiniAppUser, verify
from tests.telegram_init_data import telegram_signs

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
OTHER_TOKEN = "987654321:AAHanotherBotsTokenEntirely_9876543"
NOW = 1_750_000_000
DAY = 86_400.0
USER = {"id": 424242, "first_name": "Айгерим", "language_code": "kk", "allows_write_to_pm": True}


def base_fields(**changes: str) -> dict[str, str]:
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(USER, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(NOW - 60),
        "signature": "kq3Ls7Qgbd0Z0gY-tUGLtVF0JSmxC4EbIg2RlbW6h5sFvWdjfVw",
    }
    fields.update(changes)
    return fields


def init_data(fields: dict[str, str], token: str = TOKEN) -> str:
    """A query string as the Telegram client hands it to the page."""
    return urlencode({**fields, "hash": telegram_signs(fields, token)}, quote_via=quote)


def check(data: str, token: str = TOKEN, *, max_age: float = DAY, now: float = NOW) -> MiniAppUser | None:
    return verify(data, token, max_age=max_age, now=now)


# -- valid -------------------------------------------------------------------------------


def test_valid_data_names_the_user_and_language() -> None:
    data = init_data(base_fields())
    assert check(data) == MiniAppUser(user_id=424242, language_code="kk", auth_date=NOW - 60)
    assert check_webapp_signature(TOKEN, data), "aiogram's implementation agrees"


def test_field_order_in_the_query_does_not_matter() -> None:
    fields = base_fields()
    signed = telegram_signs(fields, TOKEN)
    reordered = urlencode({"hash": signed, **dict(reversed(list(fields.items())))}, quote_via=quote)
    assert check(reordered) is not None


def test_a_signed_blank_field_verifies() -> None:
    """aiogram's parse drops blank values; Telegram signs them as ``key=``."""
    assert check(init_data(base_fields(start_param=""))) is not None


def test_missing_or_odd_language_is_none_not_a_refusal() -> None:
    no_language = {"id": 7, "first_name": "A"}
    odd_language = {"id": 7, "first_name": "A", "language_code": "<script>"}
    for user in (no_language, odd_language):
        result = check(init_data(base_fields(user=json.dumps(user))))
        assert result == MiniAppUser(user_id=7, language_code=None, auth_date=NOW - 60)


# -- tampered, other bot, age ------------------------------------------------------------


def test_a_changed_field_fails() -> None:
    fields = base_fields()
    signed = telegram_signs(fields, TOKEN)
    forged_user = json.dumps({**USER, "id": 1})
    assert check(urlencode({**fields, "user": forged_user, "hash": signed}, quote_via=quote)) is None
    later = str(NOW)
    assert check(urlencode({**fields, "auth_date": later, "hash": signed}, quote_via=quote)) is None


def test_a_changed_hash_fails() -> None:
    fields = base_fields()
    signed = telegram_signs(fields, TOKEN)
    flipped = signed[:-1] + ("0" if signed[-1] != "0" else "1")
    assert check(urlencode({**fields, "hash": flipped})) is None
    assert check(urlencode({**fields, "hash": signed.upper()})) is None  # not Telegram's spelling
    assert check(urlencode({**fields, "hash": signed[:32]})) is None


def test_an_added_field_fails() -> None:
    fields = base_fields()
    data = init_data(fields) + "&chat_type=private"
    assert check(data) is None


def test_another_bots_token_fails() -> None:
    assert check(init_data(base_fields(), token=OTHER_TOKEN)) is None
    assert check(init_data(base_fields()), token=OTHER_TOKEN) is None


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(0, True), (DAY, True), (DAY + 1, False), (10 * DAY, False)],
)
def test_expired_data_fails(age: float, accepted: bool) -> None:
    data = init_data(base_fields(auth_date=str(int(NOW - age))))
    assert (check(data) is not None) is accepted


@pytest.mark.parametrize(("ahead", "accepted"), [(30, True), (60, True), (61, False), (DAY, False)])
def test_data_from_the_future_fails_beyond_a_small_skew(ahead: int, accepted: bool) -> None:
    data = init_data(base_fields(auth_date=str(NOW + ahead)))
    assert (check(data) is not None) is accepted


# -- missing, duplicated, malformed fields -----------------------------------------------


@pytest.mark.parametrize("missing", ["user", "auth_date"])
def test_a_missing_field_fails(missing: str) -> None:
    fields = base_fields()
    del fields[missing]
    assert check(init_data(fields)) is None


def test_missing_hash_fails() -> None:
    assert check(urlencode(base_fields())) is None


def test_a_duplicated_field_fails_even_when_one_copy_is_signed() -> None:
    """``dict(parse_qsl(...))`` keeps the last copy; a second ``user`` must not ride along."""
    fields = base_fields()
    forged = "user=" + quote(json.dumps({**USER, "id": 1}))
    signed = init_data(fields)
    assert check(forged + "&" + signed) is None
    assert check(signed + "&" + forged) is None
    assert check(signed + "&hash=" + telegram_signs(fields, TOKEN)) is None


def test_a_field_resplit_into_another_field_fails() -> None:
    """``a=1`` + ``b=2`` and one field ``a`` = ``1\\nb=2`` share a data-check-string."""
    fields = {"auth_date": str(NOW), "user": json.dumps(USER)}
    signed = telegram_signs(fields, TOKEN)
    merged = {"auth_date": f"{NOW}\nuser={fields['user']}"}
    assert telegram_signs(merged, TOKEN) == signed, "the premise: the same string is signed"
    assert check(urlencode({**merged, "hash": signed}, quote_via=quote)) is None


@pytest.mark.parametrize(
    "user",
    [
        "not json",
        '{"id": 1',
        "[1, 2]",
        "42",
        json.dumps({"first_name": "A"}),
        json.dumps({"id": "424242"}),
        json.dumps({"id": True}),
        json.dumps({"id": 0}),
        json.dumps({"id": -5}),
        json.dumps({"id": 2**64}),
        json.dumps({"id": 1.5}),
    ],
)
def test_a_signed_but_malformed_user_fails(user: str) -> None:
    assert check(init_data(base_fields(user=user))) is None


def test_a_signed_user_nested_too_deep_for_json_fails() -> None:
    """Brackets need no escaping in a query, so 1500 levels fit in 4 KB: RecursionError."""
    fields = base_fields(user="[" * 1500 + "]" * 1500)
    data = urlencode({**fields, "hash": telegram_signs(fields, TOKEN)}, safe="[]", quote_via=quote)
    assert len(data) <= MAX_INIT_DATA
    assert check(data) is None


def test_bytes_that_are_not_utf8_fail_even_when_their_replacement_is_signed() -> None:
    """Decoding %FF with replacement would turn it into the signed U+FFFD."""
    fields = base_fields(start_param="\ufffd")
    data = init_data(fields).replace("start_param=%EF%BF%BD", "start_param=%FF")
    assert "start_param=%FF" in data
    assert check(init_data(fields)) is not None, "the premise: the replacement itself verifies"
    assert check(data) is None


@pytest.mark.parametrize("auth_date", ["", "soon", "-5", "1.5e9", " 1750000000", "1" * 13])
def test_a_signed_but_malformed_auth_date_fails(auth_date: str) -> None:
    assert check(init_data(base_fields(auth_date=auth_date))) is None


@pytest.mark.parametrize(
    "data",
    [
        "",
        "hash",
        "no query string at all",
        "&&&",
        "=x&hash=" + "0" * 64,
        "user=%FF%FE&auth_date=1&hash=" + "0" * 64,  # not UTF-8
        "user=\udcff&hash=" + "0" * 64,  # a lone surrogate: cannot even be encoded
        "user=Айгерим&hash=" + "0" * 64,  # raw non-ASCII: not percent-encoded
        "hash=" + "é" * 64,  # compare_digest raises TypeError on non-ASCII text
        "hash=" + "g" * 64,
        "&".join(f"k{i}=v" for i in range(100)) + "&hash=" + "0" * 64,
    ],
)
def test_garbage_is_none(data: str) -> None:
    assert check(data) is None


def test_huge_input_is_refused_even_when_signed() -> None:
    padding = "x" * MAX_INIT_DATA
    data = init_data(base_fields(start_param=padding))
    assert len(data) > MAX_INIT_DATA
    assert check(data) is None


# -- any text ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600) | st.from_regex(r"[a-z_=&%0-9A-F\n]{0,300}", fullmatch=True))
def test_any_text_is_none_and_never_raises(data: str) -> None:
    assert check(data) is None  # no generated text carries a valid signature


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
        st.text(st.characters(codec="utf-8"), max_size=40),
        max_size=5,
    ),
    st.integers(min_value=1, max_value=2**53),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
def test_any_signed_fields_give_the_user_or_none_never_raise(
    extra: dict[str, str], user_id: int, first_name: str
) -> None:
    fields = {**extra, "auth_date": str(NOW), "user": json.dumps({"id": user_id, "first_name": first_name})}
    data = init_data(fields)
    result = check(data)
    clean = all("=" not in key and "\n" not in key + value and key != "hash" for key, value in fields.items())
    if clean and len(data) <= MAX_INIT_DATA:
        assert result == MiniAppUser(user_id=user_id, language_code=None, auth_date=NOW)
        assert check_webapp_signature(TOKEN, data) or "" in fields.values()
    else:
        assert result is None
