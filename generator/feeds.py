"""Subscriptions: an Atom feed (feedgen) and an iCalendar file (icalendar) per landlord and
for the whole site, so tenants hear of new compacts, versions, reviews and meetings.

Timestamps come from the data, never from the clock, so the same commit gives the same files.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from .history import History
from .i18n import Translations
from .model import Landlord, Site
from .dates import PartialDate
from . import voice_feeds
from .pages import build_date, compact_path, estate_path, landlord_path, url_of, version_path


@dataclass
class Entry:
    """One thing that happened, for a feed."""

    id: str
    day: PartialDate  # as published; the feed's timestamp is its first day
    title: str
    path: str
    summary: str


def entries(landlord: Landlord, history: History, t: Translations) -> list[Entry]:
    """New compacts and versions, and reviews held, newest first."""
    found = []
    for compact in landlord.compacts:
        title = t.gettext(compact.title)
        for version in history.of(compact):
            found.append(Entry(f"{landlord.id}/{compact.id}/agreed/{version.agreed}", version.agreed,
                               t.gettext("Agreed: %(title)s") % {"title": title},
                               version_path(version), t.gettext(version.compact.summary)))
        for review in compact.reviews:
            found.append(Entry(f"{landlord.id}/{compact.id}/review/{review.date}", review.date,
                               t.gettext("Reviewed: %(title)s") % {"title": title},
                               compact_path(compact) + "#reviews",
                               t.gettext(review.outcome) if review.outcome else ""))
    found += [Entry(*item) for item in voice_feeds.feed_items(landlord, t)]
    return sorted(found, key=lambda e: (e.day.start, e.id), reverse=True)


def atom(title: str, feed_path: str, items: list[Entry], base_url: str, language: str) -> str:
    """An Atom feed; links are absolute when the site's address is known."""
    feed = FeedGenerator()
    feed.id(f"{base_url}{url_of(feed_path) or feed_path}" if base_url else f"urn:tenant-compacts:{feed_path}")
    feed.title(title)
    feed.language(language)
    feed.link(href=f"{base_url}{feed_path}", rel="self")
    feed.updated(_moment(max((e.day.start for e in items), default=build_date())))
    for item in reversed(items):
        entry = feed.add_entry()
        entry.id(f"urn:tenant-compacts:{item.id}")
        entry.title(item.title)
        entry.link(href=f"{base_url}{_page_url(item.path)}")
        entry.updated(_moment(item.day.start))
        entry.summary(item.summary)
    return feed.atom_str(pretty=True).decode("utf-8")


def calendar(title: str, landlords: list[Landlord], t: Translations, base_url: str) -> str:
    """Review due dates of current compacts, the meetings groups list, scrutiny sessions and
    training dates. A calendar needs a day: a review due 'in March 2027' or with no
    published date is left out, not invented."""
    cal = Calendar()
    cal.add("prodid", "-//Tenant participation compacts//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    stamp = _moment(build_date())
    for landlord in landlords:
        for compact in landlord.compacts:
            if compact.current and compact.review_due and compact.review_due.exact:
                cal.add_component(_event(
                    f"review-{landlord.id}-{compact.id}-{compact.review_due}", stamp,
                    t.gettext("Review due: %(title)s") % {"title": t.gettext(compact.title)},
                    compact.review_due.exact, None, "",
                    f"{base_url}{_page_url(compact_path(compact))}"))
        for group in landlord.groups:
            estate = landlord.estate(group.estate_ids[0]) if len(group.estate_ids) == 1 else None
            page = estate_path(estate) if estate else landlord_path(landlord)
            summary = t.gettext("Tenants' association meeting: %(estate)s") % {
                "estate": estate.name} if estate and group.kind == "tra" else \
                t.gettext("Meeting: %(group)s") % {"group": group.name}
            for meeting in group.next_meetings:
                cal.add_component(_event(
                    f"meeting-{landlord.id}-{group.id}-{meeting.date}", stamp, summary,
                    meeting.date, meeting.time, meeting.place,
                    f"{base_url}{_page_url(page)}"))
        for uid, summary, day, at, place, page in voice_feeds.events(landlord, t):
            cal.add_component(_event(uid, stamp, summary, day, at, place,
                                     f"{base_url}{_page_url(page)}"))
    return cal.to_ical().decode("utf-8")


def _event(uid: str, stamp: datetime, summary: str, day: date, at: time | None, place: str,
           url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@tenant-compacts")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    if at:
        event.add("dtstart", datetime.combine(day, at))
        event.add("dtend", datetime.combine(day, at) + timedelta(hours=2))
    else:
        event.add("dtstart", day)
    if place:
        event.add("location", place)
    if url:
        event.add("url", url)
    return event


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _page_url(path: str) -> str:
    page, _, anchor = path.partition("#")
    return url_of(page) + (f"#{anchor}" if anchor else "")


def site_feeds(site: Site, history: History, t: Translations, base_url: str,
               site_name: str) -> dict[str, str]:
    """Every feed and calendar file of one language: path -> content."""
    files = {}
    everything = []
    for landlord in site.landlords:
        items = entries(landlord, history, t)
        everything += items
        files[f"{landlord.id}/feed.xml"] = atom(landlord.name, f"{landlord.id}/feed.xml", items,
                                                base_url, t.language.code)
        files[f"{landlord.id}/calendar.ics"] = calendar(landlord.name, [landlord], t, base_url)
    everything.sort(key=lambda e: (e.day, e.id), reverse=True)
    files["feed.xml"] = atom(site_name, "feed.xml", everything, base_url, t.language.code)
    files["calendar.ics"] = calendar(site_name, site.landlords, t, base_url)
    return files
