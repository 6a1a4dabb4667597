"""What `compacts check` remembers between runs: only changed files are read again, the
answers are the same as a first check's, and nothing is kept in (or read from) the
repository."""
from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import filecheck, memory
from generator.site import read_site


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The data files each check reads and checks, in order (all in this process)."""
    seen: list[str] = []
    original = filecheck.load_bytes
    monkeypatch.setattr(filecheck, "_may_fork", lambda: False)

    def counting(raw, display):
        seen.append(display)
        return original(raw, display)

    monkeypatch.setattr(filecheck, "load_bytes", counting)
    return seen


def texts(checked) -> list[str]:
    return [str(p) for p in checked.problems]


def test_a_second_check_reads_only_what_changed(data_root, reads):
    first = read_site(data_root)
    assert len(reads) == first.files and first.site is not None
    reads.clear()
    again = read_site(data_root)
    assert reads == [] and texts(again) == texts(first)
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes: 120", "homes: lots"))
    edited = read_site(data_root)
    assert reads == ["compacts/testshire/estates/oak-court.yml"]
    assert any("oak-court.yml" in p and "homes" in p for p in texts(edited))
    estate.write_text(estate.read_text().replace("homes: lots", "homes: 120"))
    assert texts(read_site(data_root)) == texts(first)


def test_files_untouched_since_they_settled_are_not_even_opened(data_root, reads, monkeypatch):
    hashed: list[str] = []
    digest = filecheck._digest
    monkeypatch.setattr(filecheck, "_digest", lambda job: hashed.append(job.display) or digest(job))
    now = filecheck.time.time_ns()  # files written this second are not yet settled: be later
    monkeypatch.setattr(filecheck.time, "time_ns", lambda: now + 10 * filecheck._SAME_TICK)
    first = read_site(data_root)
    assert hashed == [] and len(reads) == first.files  # a new file is hashed as it is checked
    reads.clear()
    assert texts(read_site(data_root)) == texts(first) and hashed == reads == []
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes: 120", "homes: 12"))
    read_site(data_root)
    assert hashed == reads == ["compacts/testshire/estates/oak-court.yml"]
    hashed.clear(), reads.clear()
    landlord = data_root / "compacts/testshire/landlord.yml"
    landlord.write_text(landlord.read_text())  # touched, the same content: hashed, not read
    read_site(data_root)
    assert hashed == ["compacts/testshire/landlord.yml"] and reads == []


def test_a_file_changed_twice_in_one_tick_of_a_coarse_clock_is_read_again(data_root, reads,
                                                                           monkeypatch):
    lstat = filecheck.os.lstat

    def whole_seconds(path):  # a disk that keeps times to the second
        info = lstat(path)
        return SimpleNamespace(st_mode=info.st_mode, st_ino=info.st_ino, st_dev=info.st_dev,
                               st_size=info.st_size, st_mtime_ns=info.st_mtime_ns // 10**9 * 10**9,
                               st_ctime_ns=info.st_ctime_ns // 10**9 * 10**9)

    monkeypatch.setattr(filecheck.os, "lstat", whole_seconds)
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    read_site(data_root)
    estate.write_text(estate.read_text().replace("homes: 120", "homes: -12"))  # same size
    reads.clear()
    assert any("oak-court.yml" in t and "homes" in t for t in texts(read_site(data_root)))
    assert reads == ["compacts/testshire/estates/oak-court.yml"]


def test_what_is_remembered_lives_outside_the_repository(data_root):
    before = sorted(p for p in data_root.rglob("*"))
    read_site(data_root)
    assert sorted(p for p in data_root.rglob("*")) == before
    stores = list(Path(memory.Store(data_root, "files", "").path).parent.glob("*.pickle"))
    assert stores and all(data_root not in s.parents for s in stores)


def test_a_damaged_store_is_ignored_not_trusted(data_root, reads):
    first = read_site(data_root)
    store = memory.Store(data_root, "files", "").path
    store.write_bytes(b"\x80\x05garbage")
    reads.clear()
    assert texts(read_site(data_root)) == texts(first) and len(reads) == first.files
    store.write_bytes(pickle.dumps(("another version of the generator", {"x": 1})))
    reads.clear()
    assert texts(read_site(data_root)) == texts(first) and len(reads) == first.files
    version, entries = pickle.loads(store.read_bytes())  # this version, damaged entries
    damage = [5, (5, b"x"), ((1,), b"\x80\x05junk"), (None, None), ("a", "b", "c"), b"old"]
    store.write_bytes(pickle.dumps((version, {key: damage[n % len(damage)]
                                              for n, key in enumerate(entries)})))
    reads.clear()
    assert texts(read_site(data_root)) == texts(first) and len(reads) == first.files


def test_a_few_changed_files_checked_on_the_other_core_give_the_same_answers(data_root, monkeypatch):
    read_site(data_root)
    (data_root / "compacts/testshire/estates/bad.yml").write_text("name: Bad\nhomes: -3\n")
    monkeypatch.setattr(filecheck, "_may_fork", lambda: False)
    serial = texts(read_site(data_root))
    (data_root / "compacts/testshire/estates/bad.yml").write_text("name: Bad\nhomes: -3\n\n")
    monkeypatch.setattr(filecheck, "_may_fork", lambda: True)
    assert texts(read_site(data_root)) == serial and any("bad.yml" in t for t in serial)


def test_both_cores_give_the_same_answers(data_root, monkeypatch):
    (data_root / "compacts/testshire/estates/broken.yml").write_text("name: [unclosed\n")
    (data_root / "compacts/testshire/estates/bad.yml").write_text("name: Bad\nhomes: -3\n")
    serial = texts(read_site(data_root))
    monkeypatch.setattr(filecheck, "PARALLEL_FROM", 1)
    monkeypatch.setenv("XDG_CACHE_HOME", str(data_root.parent / "fresh-cache"))
    assert texts(read_site(data_root)) == serial and len(serial) >= 2


def test_an_edit_is_kept_in_a_journal_beside_the_store_and_read_back(data_root, reads, monkeypatch):
    first = read_site(data_root)
    store = memory.Store(data_root, "files", "")
    whole = store.path.read_bytes()
    estate = data_root / "compacts/testshire/estates/oak-court.yml"
    estate.write_text(estate.read_text().replace("homes: 120", "homes: lots"))
    reads.clear()
    edited = texts(read_site(data_root))
    assert reads == ["compacts/testshire/estates/oak-court.yml"]
    assert store.path.read_bytes() == whole and store.journal.stat().st_size > 0  # appended
    reads.clear()
    assert texts(read_site(data_root)) == edited and reads == []  # the journal was read back
    journal = store.journal.read_bytes()
    store.journal.write_bytes(journal[:-5])  # a record cut short: that file is checked again,
    reads.clear()  # and the journal folded into the store
    assert texts(read_site(data_root)) == edited and reads == ["compacts/testshire/estates/oak-court.yml"]
    assert not store.journal.exists() and store.path.read_bytes() != whole
    reads.clear()
    assert texts(read_site(data_root)) == edited and reads == []
    monkeypatch.setattr(memory, "JOURNAL_MOST", 0)  # a long journal is folded in too
    estate.write_text(estate.read_text().replace("homes: lots", "homes: 120"))
    assert texts(read_site(data_root)) == texts(first) and not store.journal.exists()
    reads.clear()
    assert texts(read_site(data_root)) == texts(first) and reads == []
