"""The importer's ``--json`` report, read from literal JSON exactly as the importer prints it."""

from __future__ import annotations

import pytest

from bot.domain.import_report import ImportReport, ReleaseReport, ReportError, failed, parse_report

NEW = """{"database": "/srv/bot/var/rating.db", "dry_run": true, "exit": 0,
 "releases": [{"year": 2026, "status": "new", "bodies": 32, "added": ["moh", "mof"], "changed": [],
               "removed": [], "queued": 120}],
 "problems": [], "error": null}"""
CORRECTED = """{"database": "/srv/bot/var/rating.db", "dry_run": false, "exit": 0,
 "releases": [{"year": 2025, "status": "corrected", "bodies": 31, "added": ["nbk"],
               "changed": ["moh", "mof"], "removed": ["acj", "pgo"], "queued": 7}],
 "problems": [], "error": null}"""
UNCHANGED = """{"database": "/srv/bot/var/rating.db", "dry_run": true, "exit": 0,
 "releases": [{"year": 2025, "status": "unchanged", "bodies": 32, "added": [], "changed": [],
               "removed": [], "queued": 0}],
 "problems": [], "error": null}"""
PROBLEMS = """{"database": "/srv/bot/var/rating.db", "dry_run": true, "exit": 1, "releases": [],
 "problems": ["row 2: unknown agency \\u00abxxx\\u00bb", "row 2: the score 9 is outside 0..5"],
 "error": null}"""
ERROR = """{"database": "/srv/bot/var/nope.db", "dry_run": true, "exit": 2, "releases": [], "problems": [],
 "error": "No database at /srv/bot/var/nope.db: give --create to make a new one"}"""


def test_a_new_release() -> None:
    report = parse_report(NEW)

    assert report == ImportReport(
        database="/srv/bot/var/rating.db",
        dry_run=True,
        exit=0,
        releases=(ReleaseReport(2026, "new", 32, added=("moh", "mof"), queued=120),),
    )
    assert report.ok
    assert report.changes_anything
    assert report.queued == 120


def test_a_corrected_release_names_what_changed() -> None:
    report = parse_report(CORRECTED.encode())  # bytes, as read from the process

    [release] = report.releases
    assert release == ReleaseReport(
        2025, "corrected", 31, added=("nbk",), changed=("moh", "mof"), removed=("acj", "pgo"), queued=7
    )
    assert not report.dry_run
    assert report.changes_anything


def test_an_unchanged_release_is_fine_but_changes_nothing() -> None:
    report = parse_report(UNCHANGED)

    assert report.ok
    assert not report.changes_anything


def test_a_file_with_problems_keeps_the_importers_lines() -> None:
    report = parse_report(PROBLEMS)

    assert not report.ok
    assert report.exit == 1
    assert report.problems == ("row 2: unknown agency «xxx»", "row 2: the score 9 is outside 0..5")


def test_an_unusable_file_or_database_is_its_one_line() -> None:
    report = parse_report(ERROR)

    assert not report.ok
    assert not report.changes_anything
    assert report.error == "No database at /srv/bot/var/nope.db: give --create to make a new one"


def test_a_failed_run_is_a_report_with_only_an_error() -> None:
    report = failed("the importer took longer than 120 s and was stopped")

    assert not report.ok
    assert report.exit == 2
    assert report.releases == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not JSON"),
        ("Traceback (most recent call last):", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"dry_run": true, "exit": 0, "releases": [], "problems": [], "error": null}', "'database'"),
        (NEW.replace('"exit": 0', '"exit": 3'), "'exit' is 3"),
        (NEW.replace('"exit": 0', '"exit": true'), "'exit'"),
        (NEW.replace('"dry_run": true', '"dry_run": 1'), "'dry_run'"),
        (NEW.replace('"status": "new"', '"status": "deleted"'), "status is 'deleted'"),
        (NEW.replace('"bodies": 32', '"bodies": -1'), "'bodies' is negative"),
        (NEW.replace('"year": 2026', '"year": "2026"'), "'year'"),
        (NEW.replace('"added": ["moh", "mof"]', '"added": ["moh", 5]'), "'added' holds"),
        (NEW.replace('"problems": []', '"problems": "row 5"'), "'problems'"),
        (NEW.replace('"error": null', '"error": 5'), "'error'"),
        (NEW.replace('"releases": [{', '"releases": [7, {'), "a release is not"),
    ],
)
def test_anything_but_the_promised_shape_is_refused_whole(text: str | bytes, reason: str) -> None:
    with pytest.raises(ReportError, match=reason):
        parse_report(text)
