"""Staged uploads: checked, then imported only on the first Confirm, only if unchanged; files
removed after the import, a cancel, or the staging time."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.domain.import_report import ImportReport, ReleaseReport
from bot.domain.uploads import Outcome, State, Upload, Uploads, is_table_name, safe_name

NEW = ImportReport("/db", True, 0, (ReleaseReport(2026, "new", 32, queued=3),))
UNCHANGED = ImportReport("/db", True, 0, (ReleaseReport(2025, "unchanged", 32),))
PROBLEMS = ImportReport("/db", True, 1, problems=("row 2: unknown agency «x»",))


class FakeImporter:
    """Answers each dry run with ``checked``; records every run; a write can be held open."""

    def __init__(self, checked: ImportReport = NEW) -> None:
        self.checked = checked
        self.runs: list[tuple[Path, int | None, bool]] = []
        self.hold: asyncio.Event | None = None

    async def run(self, path: Path, *, year: int | None, dry_run: bool) -> ImportReport:
        self.runs.append((path, year, dry_run))
        if not dry_run and self.hold is not None:
            await self.hold.wait()
        return self.checked if dry_run else ImportReport("/db", False, 0, self.checked.releases)


@pytest.fixture
def importer() -> FakeImporter:
    return FakeImporter()


@pytest.fixture
def uploads(importer: FakeImporter, tmp_path: Path) -> Uploads:
    return Uploads(importer, root=tmp_path)


async def staged(uploads: Uploads, admin: int = 1, content: bytes = b"agency,score\n") -> Upload:
    upload = uploads.start(admin, "rating-2026.csv", 2026)
    upload.path.write_bytes(content)
    await uploads.check(upload)
    return upload


async def test_a_file_that_changes_something_waits_for_confirm(
    uploads: Uploads, importer: FakeImporter
) -> None:
    upload = await staged(uploads)

    assert upload.state is State.STAGED
    assert upload.path.name == "rating-2026.csv"  # the importer may read the year from the name
    assert upload.path.read_bytes() == b"agency,score\n"
    assert [(year, dry) for _, year, dry in importer.runs] == [(2026, True)]


@pytest.mark.parametrize("report", [UNCHANGED, PROBLEMS], ids=["unchanged", "problems"])
async def test_a_file_with_nothing_to_confirm_is_removed_at_once(
    tmp_path: Path, report: ImportReport
) -> None:
    uploads = Uploads(FakeImporter(report), root=tmp_path)
    upload = await staged(uploads)

    assert uploads.get(upload.token) is None
    assert not upload.path.parent.exists()


async def test_confirm_imports_once_and_removes_the_file(uploads: Uploads, importer: FakeImporter) -> None:
    upload = await staged(uploads)

    claimed = uploads.claim(upload.token, 1)
    assert claimed is upload
    assert await uploads.apply(upload) == (Outcome.DONE, ImportReport("/db", False, 0, NEW.releases))

    assert [dry for _, _, dry in importer.runs] == [True, False]
    assert not upload.path.parent.exists()
    assert uploads.claim(upload.token, 1) is Outcome.ALREADY
    assert uploads.cancel(upload.token, 1) is Outcome.ALREADY


async def test_a_second_confirm_while_the_first_runs_imports_nothing(
    uploads: Uploads, importer: FakeImporter
) -> None:
    upload = await staged(uploads)
    importer.hold = asyncio.Event()

    claimed = uploads.claim(upload.token, 1)
    assert isinstance(claimed, Upload)
    first = asyncio.create_task(uploads.apply(claimed))
    await asyncio.sleep(0)
    second = uploads.claim(upload.token, 1)
    cancel = uploads.cancel(upload.token, 1)
    importer.hold.set()
    await first

    assert second is Outcome.BUSY
    assert cancel is Outcome.BUSY
    assert [dry for _, _, dry in importer.runs] == [True, False]


async def test_a_file_changed_after_the_check_is_not_imported(
    uploads: Uploads, importer: FakeImporter
) -> None:
    upload = await staged(uploads)
    upload.path.write_bytes(b"agency,score\nmoh,1\n")

    claimed = uploads.claim(upload.token, 1)
    assert isinstance(claimed, Upload)
    assert await uploads.apply(claimed) == (Outcome.CHANGED, None)
    assert [dry for _, _, dry in importer.runs] == [True]
    assert not upload.path.parent.exists()


async def test_another_admin_or_an_unknown_token_gets_nothing(uploads: Uploads) -> None:
    upload = await staged(uploads, admin=1)

    assert uploads.claim(upload.token, 2) is Outcome.GONE
    assert uploads.cancel(upload.token, 2) is Outcome.GONE
    assert uploads.claim("0123456789abcdef", 1) is Outcome.GONE
    assert upload.state is State.STAGED


async def test_cancel_removes_the_file_and_keeps_the_answer(uploads: Uploads) -> None:
    upload = await staged(uploads)

    assert uploads.cancel(upload.token, 1) is Outcome.DONE
    assert not upload.path.parent.exists()
    assert uploads.claim(upload.token, 1) is Outcome.ALREADY


async def test_a_staged_file_is_removed_when_its_time_is_up(importer: FakeImporter, tmp_path: Path) -> None:
    uploads = Uploads(importer, root=tmp_path, staged_seconds=0.01)
    upload = await staged(uploads)

    for _ in range(200):  # bounded: the timer fires after 10 ms
        if uploads.get(upload.token) is None:
            break
        await asyncio.sleep(0.01)

    assert uploads.get(upload.token) is None
    assert not upload.path.parent.exists()
    assert uploads.claim(upload.token, 1) is Outcome.GONE


async def test_uploads_are_bounded_and_the_oldest_goes_first(importer: FakeImporter, tmp_path: Path) -> None:
    uploads = Uploads(importer, root=tmp_path, limit=2)
    first, second, third = [await staged(uploads) for _ in range(3)]

    assert uploads.get(first.token) is None
    assert not first.path.parent.exists()
    assert uploads.get(second.token) is second
    assert uploads.get(third.token) is third


async def test_close_removes_every_staged_file(importer: FakeImporter) -> None:
    uploads = Uploads(importer)
    upload = await staged(uploads)
    root = uploads.root

    uploads.close()

    assert not root.exists()
    assert uploads.get(upload.token) is None


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("rating-2026.xlsx", "rating-2026.xlsx"),
        ("../../etc/passwd.CSV", "passwd.csv"),
        ("C:\\Users\\op\\рейтинг 2026.csv", "рейтинг_2026.csv"),
        ("<b>;rm -rf $HOME;.csv", "b_rm_-rf_HOME.csv"),
        (".csv", "csv"),  # no suffix at all: refused before it is staged
        (None, "upload"),
        ("x" * 500 + ".xlsx", "x" * 75 + ".xlsx"),
    ],
)
def test_the_staged_name_is_safe_and_keeps_the_suffix(name: str | None, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize(
    ("name", "table"),
    [("a.csv", True), ("A.XLSX", True), ("a.xls", False), ("a.csv.exe", False), ("", False), (None, False)],
)
def test_only_csv_and_xlsx_are_tables(name: str | None, table: bool) -> None:
    assert is_table_name(name) is table
