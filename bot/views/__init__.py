"""Everything a user reads: texts, keyboards, callback data, notification texts.

Pure: a :class:`~bot.domain.snapshot.Snapshot` and the arguments of a request in, a
:class:`~bot.views.screen.Screen` out. The language is aiogram's i18n context (set per
update by the language middleware, per delivery by the worker): gettext and the number
formats below read it there, so no view takes a language argument.
"""
