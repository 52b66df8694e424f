# ruff: noqa: E501 - a table of patterns: one phrasing a line reads better than one cut at 110
"""The grammar of plain questions, as data: what each intent is called in ru, kk and en.

Read by :mod:`bot.domain.intents.parse`, compiled once at import. A question is read in
three steps, each driven by a table here:

1. ``FILLERS`` (please, покажи, маған ...) are dropped, and the modifiers that can stand
   anywhere are taken out as slots: ``YEARS`` (в 2024 году, 2024 жылы, in 2024),
   ``MEASURES`` (по удовлетворённости, балл бойынша, by places) and, for questions about
   the whole list, ``GROUPS`` (министерств, агенттіктер, ministries);
2. what is left must match one ``PHRASINGS`` pattern *whole* (anchored at both ends), so
   a name such as "Министерство труда и социальной защиты" or "топливо" is never a
   question;
3. the slots in the pattern are filled: ``{n}`` a number (digits or a word from
   ``NUMBER_WORDS``), ``{value}`` a threshold ("4,9", "95 %"), ``{bodies}`` several
   names, ``{body}`` one name (the first ``{body}`` of a pattern is ``a``, the second
   ``b``).

Patterns are regular expressions over lower-case text with "ё" written "е", words parted
by single spaces, question marks and dashes already gone.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What each intent answers; ``n`` is how many bodies, ``measure`` what they are ranked by.
TOP = "top"  # the first n (the leader when n = 1)
BOTTOM = "bottom"  # the last n
RISE = "rise"  # who rose most since the year before
FALL = "fall"  # who fell most
COMPARE = "compare"  # two or three bodies side by side, as /compare
BETTER = "better"  # which of two is higher
RANK = "rank"  # the place of one body
AVERAGE = "average"  # the mean of a year
ABOVE = "above"  # how many scored above a value

#: Intents whose pattern names bodies: the group words ("министерство") stay in the text
#: for them, as they are part of names.
WITH_BODIES = frozenset({COMPARE, BETTER, RANK})

SCORE = "score"
SATISFACTION = "satisfaction"
PLACES = "places"


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One way to ask: ``n`` is the count meant when the pattern has no ``{n}`` or it is
    left out ("лучшие" = the first one; "топ" = the first ten)."""

    intent: str
    language: str
    pattern: str
    n: int = 1


NUMBER_WORDS: dict[str, int] = {
    # ru
    "один": 1, "одного": 1, "одну": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7,
    "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "пятнадцать": 15, "двадцать": 20, "тройка": 3, "тройку": 3, "пятерка": 5, "пятерку": 5,
    "десятка": 10, "десятку": 10,
    # kk
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "он бес": 15, "жиырма": 20, "үштік": 3, "бестік": 5, "ондық": 10,
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
}  # fmt: skip

#: Words that carry no meaning for the parser, dropped wherever they stand.
FILLERS: tuple[str, ...] = (
    r"пожалуйста", r"подскажи(?:те)?", r"скажи(?:те)?", r"покажи(?:те)?", r"а скажи", r"дай(?:те)?",
    r"выведи", r"please", r"tell me", r"show me", r"show", r"list", r"give me", r"маған",
    r"көрсет(?:іңіз|шы)?", r"айтшы", r"айтыңызшы", r"бот", r"ну", r"so", r"hey",
)  # fmt: skip

#: A year written with its preposition or case word; the digits are the ``year`` slot.
YEARS: tuple[str, ...] = (
    r"(?:в|за|на) (?P<year>20\d\d)(?: год[ау]?| г)?",
    r"(?P<year>20\d\d)(?:-?ж\.?| жылы| жылғы| жыл| год[ау]?| г)",
    r"(?:in|for) (?P<year>20\d\d)",
    r"(?P<year>20\d\d)",
)

#: What a list is ranked by, or a change measured in.
MEASURES: tuple[tuple[str, str], ...] = (
    (SATISFACTION, r"(?:по )?(?:доле |уровню |проценту )?удовлетвор\w*(?: граждан| людей)?"),
    (SATISFACTION, r"(?:by |in |on )?(?:the )?(?:share of )?satisf\w*(?: people)?"),
    (SATISFACTION, r"қанағат\w*(?: деңгей\w*| үлес\w*)?(?: бойынша)?"),
    (PLACES, r"(?:по )?(?:местам|позициям|месту в рейтинге|позиции)"),
    (PLACES, r"(?:by|in) (?:the )?(?:places|positions|ranks|rank)"),
    (PLACES, r"(?:орын(?:дар)?|орны|позиция) бойынша"),
    (SCORE, r"(?:балл|ұпай)\w* бойынша"),
    (SCORE, r"(?:по )?(?:среднему )?балл\w*"),
    (SCORE, r"(?:by |in |on )?(?:the )?(?:scores?|points?)"),
    (SCORE, r"(?:балл|ұпай)\w*(?: бойынша)?"),
)

#: Which bodies a list is of; read only for questions about the whole list.
GROUPS: tuple[tuple[str, str], ...] = (
    ("ministry", r"(?:среди |из )?министерств\w*"),
    ("ministry", r"(?:among |of )?(?:the )?ministr(?:y|ies)"),
    ("ministry", r"министрлі[кг]\w*(?: арасында| ішінде)?"),
    ("agency", r"(?:среди |из )?(?:агентств|ведомств)\w*"),
    ("agency", r"(?:among |of )?(?:the )?agenc(?:y|ies)"),
    ("agency", r"агентті[кг]\w*(?: арасында| ішінде)?"),
)

_RU_BEST = r"(?:лучш\w*|первые|первых)"
_RU_WORST = r"(?:худш\w*|последние|последних|отстающие|отстающих)"
_RU_BODY = r"(?: (?:орган\w*|госорган\w*|ведомств\w*))?"
_KK_BODY = r"(?: (?:орган|мекеме)\w*)?"
_KK_WHO = r"(?: (?:кім|қайсы|қайсысы)(?: тұр)?)?"
_EN_BODY = r"(?: (?:bodies|body|ones|one))?"

PHRASINGS: tuple[Phrasing, ...] = (
    # --- the first and the top n
    Phrasing(TOP, "ru", r"(?:кто|какой орган|какое ведомство|что) (?:на первом месте|первый|первое|лидер\w*|лидирует|лучш\w*|лучше всех|самый лучший|на 1 месте|возглавляет рейтинг|был первым|стал первым|занял первое место)"),
    Phrasing(TOP, "ru", r"(?:лидер\w*(?: рейтинга)?|первое место|самый лучший|лучший|лучшее|лучшая)" + _RU_BODY),
    Phrasing(TOP, "ru", r"(?:топ|top)(?:[ -]?{n})?", n=10),
    Phrasing(TOP, "ru", r"{n} " + _RU_BEST + _RU_BODY),
    Phrasing(TOP, "ru", r"(?:самые )?" + r"(?:лучшие|первые)(?: {n})?" + _RU_BODY, n=3),
    Phrasing(TOP, "kk", r"(?:ең (?:жақсы|үздік|мықты)|үздік|көшбасшы)" + _KK_BODY + _KK_WHO),
    Phrasing(TOP, "kk", r"(?:бірінші орында|1 орында|бірінші|көшбасшы) (?:кім|қай орган|қайсы)(?: тұр)?"),
    Phrasing(TOP, "kk", r"(?:кім|қай орган|қайсы) (?:бірінші(?: орында)?|бірінші орынды алды|көш бастап тұр)(?: тұр)?"),
    Phrasing(TOP, "kk", r"(?:ең үздік|үздік|алғашқы|топ) {n}(?:\w*)?" + _KK_BODY, n=10),
    Phrasing(TOP, "kk", r"{n}(?:\w*)? (?:ең )?(?:үздік|жақсы)" + _KK_BODY),
    Phrasing(TOP, "en", r"(?:who|which body|what body|which one|which|what) (?:is|was|came|comes|ranks|ranked) (?:top|first|the best|best|number one|no 1|1st|on top|the leader|in first place)"),
    Phrasing(TOP, "en", r"who (?:leads|is leading|tops the list)"),
    Phrasing(TOP, "en", r"(?:the )?(?:leader|best(?: body)?|first place|number one)"),
    Phrasing(TOP, "en", r"(?:the )?(?:top|best|first)(?: {n})?" + _EN_BODY, n=10),
    Phrasing(TOP, "en", r"(?:the )?{n} (?:top|best|highest)" + _EN_BODY),
    # --- the last and the bottom n
    Phrasing(BOTTOM, "ru", r"(?:кто|какой орган|какое ведомство) (?:на последнем месте|последний|худший|хуже всех|самый худший|замыкает рейтинг|замыкает список|был последним|оказался последним|в конце списка)"),
    Phrasing(BOTTOM, "ru", r"(?:последнее место|самый худший|худший|худшее|худшая|аутсайдер\w*|антилидер\w*)" + _RU_BODY),
    Phrasing(BOTTOM, "ru", r"(?:антитоп|анти-топ)(?:[ -]?{n})?", n=10),
    Phrasing(BOTTOM, "ru", r"{n} " + _RU_WORST + _RU_BODY),
    Phrasing(BOTTOM, "ru", r"(?:самые )?" + r"(?:худшие|последние|отстающие)(?: {n})?" + _RU_BODY, n=3),
    Phrasing(BOTTOM, "kk", r"(?:ең (?:нашар|төмен|әлсіз)\w*|соңғы орын(?:да)?)" + _KK_BODY + _KK_WHO),
    Phrasing(BOTTOM, "kk", r"(?:кім|қай орган|қайсы) (?:соңғы(?: орында)?|соңында|ең нашар|ең төмен)(?: тұр)?"),
    Phrasing(BOTTOM, "kk", r"(?:ең нашар|соңғы|нашар) {n}(?:\w*)?" + _KK_BODY, n=3),
    Phrasing(BOTTOM, "kk", r"{n}(?:\w*)? (?:ең )?(?:нашар|соңғы)" + _KK_BODY),
    Phrasing(BOTTOM, "en", r"(?:who|which body|what body|which one|which|what) (?:is|was|came|comes|ranks|ranked) (?:last|the worst|worst|bottom|at the bottom|in last place)"),
    Phrasing(BOTTOM, "en", r"(?:the )?(?:worst(?: body)?|last place|loser)"),
    Phrasing(BOTTOM, "en", r"(?:the )?(?:worst|bottom|last)(?: {n})?" + _EN_BODY, n=3),
    Phrasing(BOTTOM, "en", r"(?:the )?{n} (?:worst|lowest|last)" + _EN_BODY),
    # --- who rose and who fell most
    Phrasing(RISE, "ru", r"кто (?:больше всех |сильнее всех |сильнее всего |больше всего )?(?:вырос|поднялся|улучшил\w*|прибавил)(?: сильнее всех| больше всех| сильнее всего| больше всего| лучше всех)?"),
    Phrasing(RISE, "ru", r"(?:лидер\w* роста|рост|самый большой рост|наибольший рост)"),
    Phrasing(RISE, "ru", r"(?:топ[ -]?)?{n} (?:лидеров роста|выросших|растущих)", n=5),
    Phrasing(FALL, "ru", r"кто (?:больше всех |сильнее всех |сильнее всего |больше всего )?(?:упал|опустился|ухудшил\w*|потерял\w*|просел)(?: сильнее всех| больше всех| сильнее всего| больше всего)?"),
    Phrasing(FALL, "ru", r"(?:падение|самое большое падение|наибольшее падение|аутсайдер\w* падения)"),
    Phrasing(FALL, "ru", r"(?:топ[ -]?)?{n} (?:упавших|падающих)", n=5),
    Phrasing(RISE, "kk", r"(?:кім|қай орган|қайсы) (?:ең көп |ең қатты )?(?:өсті|көтерілді|жақсарды|алға шықты)"),
    Phrasing(RISE, "kk", r"ең көп (?:өскен|көтерілген|жақсарған)" + _KK_BODY + _KK_WHO),
    Phrasing(FALL, "kk", r"(?:кім|қай орган|қайсы) (?:ең көп |ең қатты )?(?:төмендеді|түсті|құлады|нашарлады)"),
    Phrasing(FALL, "kk", r"ең көп (?:төмендеген|түскен|құлаған|нашарлаған)" + _KK_BODY + _KK_WHO),
    Phrasing(RISE, "en", r"(?:who|which body|which one) (?:rose|gained|improved|climbed|grew|went up)(?: the)?(?: most)?"),
    Phrasing(RISE, "en", r"(?:the )?(?:biggest|top|largest) (?:risers?|gains?|gainers?|climbers?)"),
    Phrasing(RISE, "en", r"(?:the )?(?:top )?{n} (?:biggest )?(?:risers|gainers|climbers)", n=5),
    Phrasing(FALL, "en", r"(?:who|which body|which one) (?:fell|dropped|lost|declined|slipped|went down)(?: the)?(?: most)?"),
    Phrasing(FALL, "en", r"(?:the )?(?:biggest|top|largest) (?:fallers?|drops?|falls?|losers?|declines?)"),
    Phrasing(FALL, "en", r"(?:the )?(?:top )?{n} (?:biggest )?(?:fallers|losers|decliners)", n=5),
    # --- the mean, and how many scored above a value
    Phrasing(AVERAGE, "ru", r"(?:какой |каков |какая |какова )?(?:средн\w*|в среднем)(?: значение| показатель| по рейтингу| по списку| по всем)?"),
    Phrasing(AVERAGE, "kk", r"(?:орташа|орта есеппен)(?: көрсеткіш| мән)?(?: қандай| қанша)?"),
    Phrasing(AVERAGE, "en", r"(?:what is |what's )?(?:the )?(?:average|mean)(?: value)?"),
    Phrasing(ABOVE, "ru", r"сколько(?: органов| госорганов| ведомств)? (?:набрал\w* |получил\w* |имеют |имеет |получили |набрали )?(?:выше|больше|более|свыше|от) {value}"),
    Phrasing(ABOVE, "ru", r"у скольких(?: органов)? (?:выше|больше|более) {value}"),
    Phrasing(ABOVE, "kk", r"(?:неше|қанша)(?: орган)? {value}(?:-?(?:дан|ден|тан|тен|нан|нен))? (?:жоғары|асты|көп)(?: алды| жинады)?"),
    Phrasing(ABOVE, "kk", r"{value}(?:-?(?:дан|ден|тан|тен|нан|нен))? (?:жоғары|асқан|көп)(?: алған| жинаған)?(?: орган)?(?:дар|лар|тар)? (?:неше|қанша|саны)"),
    Phrasing(ABOVE, "en", r"how many(?: bodies| agencies)?(?: scored| have| got| are| had| were)? (?:above|over|more than|higher than) {value}"),
    # --- bodies by name
    Phrasing(COMPARE, "ru", r"(?:сравни(?:те)?|сравнить|сравнение|сопоставь) {bodies}"),
    Phrasing(COMPARE, "ru", r"{body} (?:против|versus|vs) {body}"),
    Phrasing(COMPARE, "kk", r"{bodies} (?:салыстыр\w*)"),
    Phrasing(COMPARE, "kk", r"(?:салыстыр\w*) {bodies}"),
    Phrasing(COMPARE, "en", r"(?:compare|comparison of|comparing) {bodies}"),
    Phrasing(COMPARE, "en", r"{body} (?:vs\.?|versus|against) {body}"),
    Phrasing(COMPARE, "ru", r"(?P<bodies>[^,]+(?:, ?[^,]+){1,2})"),
    Phrasing(BETTER, "ru", r"(?:кто|что|какой) (?:лучше|выше) {bodies}"),
    Phrasing(BETTER, "ru", r"{bodies} (?:кто|что|какой) (?:лучше|выше)"),
    Phrasing(BETTER, "ru", r"(?:лучше|выше) ли {body} (?:чем )?{body}"),
    Phrasing(BETTER, "ru", r"{body} (?:лучше|выше) (?:чем )?{body}"),
    Phrasing(BETTER, "kk", r"{bodies} (?:қайсысы|кім|қайсы) (?:жақсы|жоғары|артық)"),
    Phrasing(BETTER, "kk", r"(?:қайсысы|кім|қайсы) (?:жақсы|жоғары|артық) {bodies}"),
    Phrasing(BETTER, "kk", r"{body} (?P<b>.+?)(?:-?(?:дан|ден|тан|тен|нан|нен)) (?:жақсы|жоғары|артық) (?:ма|ме|па|пе)"),
    Phrasing(BETTER, "en", r"(?:is|does) {body} (?:better|higher|rank higher|do better) than {body}"),
    Phrasing(BETTER, "en", r"{body} (?:better|higher) than {body}"),
    Phrasing(BETTER, "en", r"(?:who|which|which one|what) is (?:better|higher) {bodies}"),
    Phrasing(BETTER, "en", r"{bodies} (?:who|which|which one) is (?:better|higher)"),
    Phrasing(BETTER, "en", r"{body} or {body},? (?:who|which|which one) is (?:better|higher)"),
    Phrasing(BETTER, "ru", r"{body} или {body},? (?:кто|что|какой) (?:лучше|выше)"),
    Phrasing(RANK, "ru", r"(?:какое|на каком) место(?: у| занимает| занял\w*)? {body}"),
    Phrasing(RANK, "ru", r"на каком месте {body}"),
    Phrasing(RANK, "ru", r"{body} (?:на каком месте|какое место(?: занимает| занял\w*)?)"),
    Phrasing(RANK, "kk", r"{body} (?:нешінші|қай|қандай) орын(?:да|ды алды)?(?: тұр)?"),
    Phrasing(RANK, "kk", r"{body} (?:орны|рейтингі) (?:қандай|қанша)"),
    Phrasing(RANK, "en", r"(?:what is |what's )?(?:the )?(?:rank|place|position) of {body}"),
    Phrasing(RANK, "en", r"where (?:is|does|did) {body}(?: rank| stand| ranked)?"),
    Phrasing(RANK, "en", r"(?:what|which) (?:rank|place|position) (?:is|does|did|has) {body}(?: have| hold| take| rank)?"),
)  # fmt: skip

#: Questions offered as buttons when a text looks like a question the grammar cannot read.
#: Each must parse (tests/unit/domain/test_intents.py checks it in every language).
QUESTION_WORDS: tuple[str, ...] = (
    r"кто", r"какой", r"какая", r"какое", r"какие", r"каков\w*", r"сколько", r"где", r"почему",
    r"что", r"лучш\w*", r"худш\w*", r"топ", r"top", r"рейтинг\w*", r"место", r"месте",
    r"кім", r"қай\w*", r"қандай", r"неше\w*", r"қанша", r"ең", r"ма", r"ме", r"ба", r"бе",
    r"па", r"пе", r"who", r"which", r"what", r"how", r"is", r"are", r"best", r"worst",
)  # fmt: skip
