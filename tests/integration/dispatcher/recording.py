"""A Bot API session that answers in-process and remembers what it was asked.

The dispatcher tests feed updates straight into the real dispatcher; every call the
handlers make ends here instead of on the network. Each call is recorded as the
``TelegramMethod`` object aiogram built, and answered with a plausible value of the type
the method returns, so handlers carry on as they would against Telegram. A test can also
make the next call of one method fail, the way Telegram refuses it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import AsyncGenerator, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from aiogram.client.session.base import BaseSession
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import (
    EditMessageText,
    GetChatMember,
    GetMe,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    BufferedInputFile,
    Chat,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ChatMemberRestricted,
    Document,
    Message,
    PhotoSize,
    TelegramObject,
    User,
)

if TYPE_CHECKING:
    from aiogram import Bot

BOT_ID = 123456789
BOT_USERNAME = "gosrating_test_bot"
BOT_USER = User(id=BOT_ID, is_bot=True, first_name="Госрейтинг", username=BOT_USERNAME)

Method = TelegramMethod[Any]
M = TypeVar("M", bound=TelegramMethod[Any])

#: ChatMember classes by the status Telegram reports; their yes/no rights are all "no".
MEMBER_TYPES: dict[ChatMemberStatus, type[TelegramObject]] = {
    ChatMemberStatus.CREATOR: ChatMemberOwner,
    ChatMemberStatus.ADMINISTRATOR: ChatMemberAdministrator,
    ChatMemberStatus.MEMBER: ChatMemberMember,
    ChatMemberStatus.RESTRICTED: ChatMemberRestricted,
    ChatMemberStatus.LEFT: ChatMemberLeft,
    ChatMemberStatus.KICKED: ChatMemberBanned,
}


def chat_of(chat_id: int | str) -> Chat:
    """The chat an id names, by Telegram's conventions: users positive, groups negative."""
    number = int(chat_id)
    if number > 0:
        return Chat(id=number, type=ChatType.PRIVATE)
    kind = ChatType.SUPERGROUP if str(number).startswith("-100") else ChatType.GROUP
    return Chat(id=number, type=kind, title="Test group")


def chat_member(status: ChatMemberStatus, user_id: int) -> TelegramObject:
    """A ChatMember of ``status``: required rights filled with False, dates with the epoch."""
    member_type = MEMBER_TYPES[status]
    fields: dict[str, Any] = {"user": User(id=user_id, is_bot=False, first_name="Member")}
    for name, field in member_type.model_fields.items():
        if field.is_required() and name not in fields:
            fields[name] = datetime.fromtimestamp(0, UTC) if name == "until_date" else False
    return member_type(**fields)


class RecordingSession(BaseSession):
    """Records every method in :attr:`requests` and answers it without a network."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Method] = []
        #: ChatMember status by (chat id, user id), for GetChatMember; "member" when unset.
        self.statuses: dict[tuple[int, int], ChatMemberStatus] = {}
        self._failures: defaultdict[type[Method], deque[Callable[[Method], TelegramAPIError]]] = defaultdict(
            deque
        )
        #: Every message the "server" returned (sent or edited), for pressing its buttons next.
        self.messages: list[Message] = []
        self._message_ids = itertools.count(1000)

    def set_status(self, chat_id: int, user_id: int, status: ChatMemberStatus | str) -> None:
        self.statuses[(chat_id, user_id)] = ChatMemberStatus(status)

    def fail_next(
        self, method: type[Method], error: type[TelegramAPIError], message: str, **details: Any
    ) -> None:
        """The next call of ``method`` raises ``error(method, message, **details)``, once."""
        self._failures[method].append(lambda called: error(method=called, message=message, **details))

    def of_type(self, method: type[M]) -> list[M]:
        """The recorded calls of one method, in order."""
        return [request for request in self.requests if isinstance(request, method)]

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - BaseSession's signature
    ) -> TelegramType:
        self.requests.append(method)
        failures = self._failures.get(type(method))
        if failures:
            raise failures.popleft()(method)
        result = self._answer(method)
        if isinstance(result, TelegramObject):
            result = result.as_(bot)  # bound to the bot, as the real session's results are
        if isinstance(result, Message):
            self.messages.append(result)
        return cast(TelegramType, result)

    def _sent(self, method: SendMessage | SendPhoto | SendDocument, now: datetime) -> Message:
        """A new message; a photo's upload gets a new file_id, a file_id is sent back as it is;
        a document keeps the name it was uploaded with."""
        if isinstance(method, SendMessage):
            content: dict[str, Any] = {"text": method.text}
        elif isinstance(method, SendDocument):
            upload = method.document
            name = upload.filename if isinstance(upload, BufferedInputFile) else None
            document = Document(
                file_id=f"doc-{next(self._message_ids)}", file_unique_id="u-doc", file_name=name
            )
            content = {"document": document, "caption": method.caption}
        else:
            photo = method.photo if isinstance(method.photo, str) else f"photo-{next(self._message_ids)}"
            size = PhotoSize(file_id=photo, file_unique_id=f"u-{photo}", width=1280, height=960)
            content = {"photo": [size], "caption": method.caption}
        return Message(
            message_id=next(self._message_ids),
            date=now,
            chat=chat_of(method.chat_id),
            from_user=BOT_USER,
            reply_markup=method.reply_markup,
            **content,
        )

    def _answer(self, method: Method) -> object:
        now = datetime.now(UTC)
        if isinstance(method, SendMessage | SendPhoto | SendDocument):
            return self._sent(method, now)
        if isinstance(method, EditMessageText):
            if method.inline_message_id is not None or method.chat_id is None:
                return True
            return Message(
                message_id=method.message_id or next(self._message_ids),
                date=now,
                edit_date=int(now.timestamp()),
                chat=chat_of(method.chat_id),
                from_user=BOT_USER,
                text=method.text,
                reply_markup=method.reply_markup,
            )
        if isinstance(method, GetMe):
            return BOT_USER.model_copy()
        if isinstance(method, GetChatMember):
            chat_id = int(method.chat_id)
            status = self.statuses.get((chat_id, method.user_id), ChatMemberStatus.MEMBER)
            return chat_member(status, method.user_id)
        if method.__returning__ is bool:  # AnswerCallbackQuery, SetMyCommands, DeleteWebhook...
            return True
        raise NotImplementedError(f"RecordingSession has no answer for {type(method).__name__}")

    async def close(self) -> None:
        """Nothing to close: no connection was opened."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        """No files are downloaded in these tests: an empty stream."""
        for chunk in ():
            yield chunk
