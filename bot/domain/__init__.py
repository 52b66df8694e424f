"""What the bot knows, free of Telegram: the bodies, their ratings, search, the catalog.

Pure but for :mod:`bot.domain.catalog`, which reads the store. Never imports aiogram.
"""
