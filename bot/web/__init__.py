"""The web side of the bot: the public rating page, its JSON API and the Mini App checks."""
