"""Charts as data: what each picture shows, in the reader's language, ready to draw elsewhere.

The views here turn a snapshot into a :mod:`~bot.views.charts.spec` (numbers and texts
already translated and formatted), a caption and a text alternative. Drawing is
:mod:`bot.charts`, in a worker process, so this package never imports matplotlib, and
:mod:`bot.views.charts.spec` imports nothing of the bot's: the worker unpickles it cheaply.
"""
