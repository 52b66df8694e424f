"""What a text about something outside this rating gets: one sentence on where it belongs,
and buttons to the rated bodies related to it (bot/domain/elsewhere.py finds the topic).

A text that names a rated body exactly ("полиция", "Ұлттық Банк") still gets that body's
card: the topic answers only what no name answers for sure.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram.utils.i18n import gettext as _

from bot.domain import elsewhere
from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.screen import Screen


def not_rated_here(snapshot: Snapshot, query: str) -> Screen | None:
    """The topic's sentence, or None: no topic, or the text names a rated body exactly."""
    topic = elsewhere.topic_of(query)
    if topic is None:
        return None
    best = snapshot.index.search(query, limit=1)
    if best and best[0].exact:
        return None
    bodies = [body for slug in topic.related if (body := snapshot.body(slug)) is not None]
    return Screen(SENTENCES[topic.key](), keyboards.body_choices(bodies) if bodies else None)


#: One sentence per topic of bot/domain/elsewhere.py, in the reader's language.
SENTENCES: dict[str, Callable[[], str]] = {
    "service_centre": lambda: _(
        "Public service centres are part of the state corporation «Government for Citizens»: it is "
        "not a state body and is not in this rating. It comes under the Ministry of Artificial "
        "Intelligence and Digital Development, which is rated."
    ),
    "egov": lambda: _(
        "egov.kz is the e-government portal, not a state body: the rating assesses the bodies whose "
        "services it offers, not the portal itself. The portal is the responsibility of the Ministry "
        "of Artificial Intelligence and Digital Development, which is rated."
    ),
    "regions": lambda: _(
        "Akimats are local executive bodies, and this rating covers central state bodies only. The "
        "regions have a rating of their own: the same public monitoring of public-service quality, "
        "published by the Agency for Civil Service Affairs, ranks the 17 regions, Astana, Almaty "
        "and Shymkent separately."
    ),
    "courts": lambda: _(
        "Courts are not in this rating. It does include the Academy of Justice under the Supreme "
        "Judicial Council, which trains judges, and the Prosecutor General's Office."
    ),
    "police": lambda: _(
        "A police station is not rated on its own: the local police are part of the Ministry of "
        "Internal Affairs, which is in the rating."
    ),
    "banks": lambda: _(
        "Banks are companies, not state bodies, so they are not rated here. The rating does include "
        "the National Bank and the Agency for Regulation and Development of the Financial Market, "
        "which supervises banks."
    ),
    "hospitals": lambda: _(
        "Hospitals and polyclinics are not rated here: the rating assesses state bodies, and in "
        "healthcare that is the Ministry of Health."
    ),
    "schools": lambda: _(
        "Schools and kindergartens are not rated here; the Ministry of Education, which is "
        "responsible for them, is in the rating."
    ),
    "utilities": lambda: _(
        "Utility companies (water, heating, electricity, gas) are not state bodies and are not "
        "rated here. Their tariffs are regulated by a committee of the Ministry of National "
        "Economy, which is in the rating."
    ),
}
