"""The extractor's identity: what a stored article was extracted with, so a build knows when to redo it.

The identity is the rules' version plus a hash of every data file the extraction reads (the lexicon, the
packaged gazetteer, a user's gazetteers, the relation model's weights) and of the settings: editing any of
them makes the next build extract the stored articles again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import UsageError
from kg.resources import data_file

EXTRACTOR_VERSION = "0.4.25"
RELATION_SOURCES = ("rules", "model", "both")
MODEL_FILE = "model/relations.npz"  # in kg/data/


@dataclass(frozen=True)
class ExtractorSettings:
    """How to extract: which relation model (None: the packaged one), whether facts come from the rules, the
    model or both, the least calibrated probability of a model fact (None: the model's own default), and the
    user's gazetteer files that extend the packaged one."""

    model: Path | None = None
    relations: str = "both"
    min_confidence: float | None = None
    gazetteers: tuple[Path, ...] = ()

    @property
    def uses_model(self) -> bool:
        return self.relations in ("model", "both")

    @property
    def uses_rules(self) -> bool:
        return self.relations in ("rules", "both")


DEFAULT_SETTINGS = ExtractorSettings()


def extractor_settings(model: Path | None = None, gazetteers: tuple[Path, ...] = (), relations: str = "both",
                       min_confidence: float | None = None) -> ExtractorSettings:
    """Settings from the command line's options, checked: a model folder means its relations.npz."""
    if relations not in RELATION_SOURCES:
        raise UsageError(f"--relations must be one of {', '.join(RELATION_SOURCES)}, not {relations!r}")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    if model is not None:
        model = Path(model) / "relations.npz" if Path(model).is_dir() else Path(model)
        if not model.is_file():
            raise UsageError(f"{model}: no relation model here (train one with `kg train DATA.jsonl --output DIR`)")
    for path in gazetteers:
        if not Path(path).is_file():
            raise UsageError(f"{path}: no such gazetteer file")
    return ExtractorSettings(model, relations, min_confidence, tuple(Path(p).resolve() for p in gazetteers))


def file_state(path: Path) -> tuple[str, int, int]:
    """A file's path, modification time and size: a cache key that changes when the file is edited in place."""
    try:
        info = Path(path).stat()
    except OSError:
        return str(path), -1, -1
    return str(path), info.st_mtime_ns, info.st_size


@lru_cache(maxsize=64)
def _digest(state: tuple[str, int, int]) -> str:
    path = Path(state[0])
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"


def _file_digest(path: Path) -> str:
    return _digest(file_state(path))


def extractor_identity(settings: ExtractorSettings = DEFAULT_SETTINGS) -> str:
    """'0.4.3+<hash>': the version, then a hash of the data files and settings the extraction depends on
    (each file hashed once per state, so an edit in place is seen by a long-running process too)."""
    files = [data_file("lexicon.toml"), data_file("gazetteer.toml"), *settings.gazetteers]
    if settings.uses_model:
        model = Path(settings.model) if settings.model else data_file(MODEL_FILE)
        files += [model, model.with_name("calibration.json")]
    digest = hashlib.sha256()
    for part in [*(_file_digest(Path(f)) for f in files), settings.relations, repr(settings.min_confidence)]:
        digest.update(part.encode() + b"\0")
    return f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:12]}"
