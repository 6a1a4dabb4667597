"""What the tenant-voice records add to the Atom feed (reviews started and reported,
landlord's answers, actions done) and to the calendar (review sessions, training dates).

Plain tuples, so feeds.py wraps them in its own types; dates come from the data only."""
from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Iterator

from .dates import PartialDate
from .influence import entries, review_path
from .voice_pages import get_involved_path, you_said_path

if TYPE_CHECKING:
    from .i18n import Translations
    from .model import Landlord

FeedItem = tuple[str, PartialDate, str, str, str]        # id, day, title, page, summary
Event = tuple[str, str, date, "time | None", str, str]   # uid, summary, day, time, place, page


def feed_items(landlord: "Landlord", t: "Translations") -> Iterator[FeedItem]:
    """New and reported reviews, answers to what tenants said, and actions reported done."""
    for review in landlord.voice.reviews:
        title = t.gettext(review.title)
        if review.started:
            yield (f"{landlord.id}/scrutiny/{review.id}/started", review.started,
                   t.gettext("Scrutiny review started: %(title)s") % {"title": title},
                   review_path(review), t.gettext(review.service))
        if review.reported:
            yield (f"{landlord.id}/scrutiny/{review.id}/reported", review.reported,
                   t.gettext("Scrutiny review reported: %(title)s") % {"title": title},
                   review_path(review), t.gettext(review.report.summary))
    page = you_said_path(landlord.id)
    for entry in entries(landlord):
        if entry.response and entry.response.date:
            yield (f"{landlord.id}/said/{entry.key}/response", entry.response.date,
                   t.gettext("Answer to what tenants said: %(said)s") % {
                       "said": t.gettext(entry.said)}, f"{page}#entry-{entry.key}",
                   t.gettext(entry.response.reason) if entry.response.reason else "")
        for action in entry.completed:
            yield (f"{landlord.id}/said/{entry.key}/{action.id}/done", action.done_on,
                   t.gettext("Done: %(action)s") % {"action": t.gettext(action.action)},
                   f"{page}#entry-{entry.key}", t.gettext(entry.said))


def events(landlord: "Landlord", t: "Translations") -> Iterator[Event]:
    """Scrutiny review sessions and training sessions, each on its published day."""
    for review in landlord.voice.reviews:
        for meeting in review.next_meetings:
            yield (f"scrutiny-{landlord.id}-{review.id}-{meeting.date}",
                   t.gettext("Scrutiny session: %(title)s") % {"title": t.gettext(review.title)},
                   meeting.date, meeting.time, meeting.place, review_path(review))
    for programme in landlord.voice.training:
        for course in programme.courses:
            for session in course.sessions:
                yield (f"training-{landlord.id}-{programme.id}-{course.id}-{session.date}",
                       t.gettext("Training: %(title)s") % {"title": t.gettext(course.title)},
                       session.date, session.time, session.place,
                       f"{get_involved_path(landlord.id)}#course-{course.id}")
