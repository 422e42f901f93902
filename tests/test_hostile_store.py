"""Store faults of the hostile-input report (section 4): a corrupted store and a full disk under `kg build`
end in one `kg: error:` line and exit 3, and what was stored before is kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import assert_plain_lines, run_kg

from kg.store import open_store

pytestmark = pytest.mark.slow
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
ARTICLE = ("Daesh menace Facebook\n\nDaesh menace Facebook et Twitter dans une vidéo de propagande diffusée sur "
           "Telegram.\n")


def _largest_sst(store: Path) -> Path:
    return max(store.glob("*.sst"), key=lambda path: path.stat().st_size)


CORRUPTIONS = {
    "CURRENT garbage": lambda store: (store / "CURRENT").write_bytes(bytes(range(100))),
    "CURRENT missing": lambda store: (store / "CURRENT").unlink(),
    "MANIFEST truncated": lambda store: [path.write_bytes(path.read_bytes()[:20]) for path in store.glob("MANIFEST-*")],
    "sst truncated": lambda store: _largest_sst(store).write_bytes(_largest_sst(store).read_bytes()[:500]),
    "sst deleted": lambda store: [path.unlink() for path in store.glob("*.sst")],
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_kg_build_on_a_corrupted_store_is_one_line_and_exit_3(seeds_store, tmp_path, corruption):
    store = tmp_path / "store"
    shutil.copytree(seeds_store, store)
    CORRUPTIONS[corruption](store)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    built = run_kg("build", tmp_path / "a.txt", "--store", store)
    assert built.returncode == 3, built.stderr
    assert_plain_lines(built.stderr)
    assert built.stderr.startswith("kg: error: ") and len(built.stderr.splitlines()) == 1


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB tmpfs mounted for the test (root only: CI and the developers' machines run as root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({made.stderr.decode().strip()})")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_one_line_exit_3_and_keeps_what_was_stored(small_disk, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for folder in (SEEDS, DATA / "heldout3", DATA / "heldout4"):  # 25 real articles: more than 1 MB of store
        for path in folder.glob("*.txt"):
            shutil.copy(path, articles)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (11 * 2**20 - 300 * 2**10))  # about 1 MB left
    store = small_disk / "store"
    built = run_kg("build", articles, "--store", store)
    assert built.returncode == 3, built.stderr[-3000:]
    assert_plain_lines(built.stderr)
    assert "No space left on device" in built.stderr and len(built.stderr.splitlines()) == 1
    filler.unlink()  # room again: the store opens, its articles are complete, and a rerun finishes the build
    validated = run_kg("validate", "--store", store)
    assert validated.returncode == 0, validated.stdout
    rerun = run_kg("build", articles, "--store", store)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    with open_store(store, read_only=True) as opened:
        assert len(opened.article_states()) == len(list(articles.iterdir()))
