"""Questions in plain words ("топ 10", "who is top?", "ең жақсы орган қайсы?"): the grammar
as data (:mod:`.grammar`), and a pure parser from a text to an :class:`.parse.Intent`."""
