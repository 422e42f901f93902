"""The trained relation model: for each ordered pair of mentions of a sentence, a calibrated probability per relation.

The weights are data (kg/data/model/relations.npz, written by `kg train`): a linear layer over the hashed
sparse features and the dense vectors of kg.extract.features, a softmax over "none" and the contract's
relations, and a calibration curve per relation (isotonic, fitted on held-out predictions) so that a fact
given 0.8 is right about 80 % of the time. Loaded once per process; its hash is part of the extractor identity.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kg.errors import ModelError
from kg.extract.features import DENSE_WIDTH, N_HASHED, Side, dense_rows, pair_features
from kg.extract.identity import MODEL_FILE, file_state
from kg.extract.lexicon import load_lexicon
from kg.resources import data_file
from kg.vocab import RELATIONS, SYMMETRIC_RELATIONS, relation_allowed, tfold

if TYPE_CHECKING:
    from spacy.tokens import Doc

NONE = "none"
LABELS = (NONE, *RELATIONS)
FORMAT = 1
SPAN_ARRAYS = ("span_sparse", "span_dense", "span_bias")
CALIBRATION_FILE = "calibration.json"  # optional, beside the weights (bench/calibrate.py writes it)


def default_model_path() -> Path:
    return data_file(MODEL_FILE)


@dataclass(frozen=True)
class RelationModel:
    sparse: np.ndarray  # (N_HASHED, len(LABELS))
    dense: np.ndarray  # (DENSE_WIDTH, len(LABELS))
    bias: np.ndarray  # (len(LABELS),)
    calibration: dict[str, tuple[np.ndarray, np.ndarray]]  # relation -> (raw probabilities, calibrated)
    threshold: float  # the default minimum calibrated probability of a fact
    identity: str  # sha256 of the weights file
    meta: dict
    spans: dict[str, np.ndarray] | None = None  # the mention classifier's weights (kg.extract.spans)
    end_to_end: dict | None = None  # calibration.json beside the weights: fitted on whole builds of unseen articles

    def probabilities(self, sparse_rows: list[list[int]], dense_rows: np.ndarray) -> np.ndarray:
        """Softmax over LABELS for each pair (raw, before calibration)."""
        scores = dense_rows @ self.dense + self.bias
        for k, indices in enumerate(sparse_rows):
            scores[k] += self.sparse[indices].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def calibrated(self, relation: str, probability: float) -> float:
        """The share of facts given this probability that were right on held-out articles."""
        if self.end_to_end:
            return table_probability(self.end_to_end, relation, probability)
        xs, ys = self.calibration.get(relation, (np.array([0.0, 1.0]), np.array([0.0, 1.0])))
        return float(np.interp(probability, xs, ys))

    def stored(self, relation: str, probability: float, minimum: float | None = None) -> bool:
        """Whether a fact of this raw probability is kept: its calibrated probability reaches `minimum` when one is
        asked for; by default the calibration's decision table decides when it has one (which facts to store is
        chosen for F1, what confidence to give them for calibration), else the model's threshold."""
        decision = (self.end_to_end or {}).get("decision")
        if minimum is None and decision:
            return table_probability(decision, relation, probability) >= decision["threshold"]
        return self.calibrated(relation, probability) >= (self.threshold if minimum is None else minimum)

    def calibrated_rule(self, confidence: float) -> float:
        """A rule's confidence as the share of the rules' facts with that confidence that were right."""
        if not self.end_to_end:
            return confidence
        curve = self.end_to_end["rules"]
        return round(float(np.interp(confidence, curve["xs"], curve["ys"])), 2)


def table_probability(table: dict, relation: str, probability: float) -> float:
    """A calibration table's share of right facts for a raw probability, times the relation's factor (capped
    at 0.98): the model's calibrated probability; bench/calibrate.py reads its tables with it too."""
    curve = table["model"]
    share = float(np.interp(probability, curve["xs"], curve["ys"]))
    return min(0.98, share * table["relation_factor"].get(relation, 1.0))


def save_model(path: Path, model_arrays: dict[str, np.ndarray], meta: dict) -> None:
    """Write the weights (float16 where it loses nothing that matters) and the metadata in one .npz file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {**meta, "format": FORMAT, "labels": list(LABELS), "n_hashed": N_HASHED, "dense_width": DENSE_WIDTH}
    spans: dict[str, Any] = {name: model_arrays[name].astype(np.float16 if name == "span_sparse" else np.float32)
             for name in SPAN_ARRAYS if name in model_arrays}
    with path.open("wb") as out:
        np.savez_compressed(out, sparse=model_arrays["sparse"].astype(np.float16),
                            dense=model_arrays["dense"].astype(np.float32),
                            bias=model_arrays["bias"].astype(np.float32),
                            meta=np.array(json.dumps(meta, sort_keys=True)),
                            **spans)


def load_model(path: Path | None = None) -> RelationModel:
    """The model at `path` (default: the packaged one), read once per process and state of the file."""
    return _load_model(file_state(Path(path) if path else default_model_path()))


@lru_cache(maxsize=4)
def _load_model(state: tuple[str, int, int]) -> RelationModel:
    path = Path(state[0])
    try:
        raw = path.read_bytes()
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            arrays = {name: data[name] for name in ("sparse", "dense", "bias")}
            spans = {name: data[name].astype(np.float32) for name in SPAN_ARRAYS} \
                if all(name in data for name in SPAN_ARRAYS) else None
    except (OSError, ValueError, KeyError) as err:
        raise ModelError(f"{path}: cannot read the relation model ({err})") from err
    if meta.get("format") != FORMAT or meta.get("labels") != list(LABELS) or meta.get("n_hashed") != N_HASHED \
            or meta.get("dense_width") != DENSE_WIDTH:
        raise ModelError(f"{path}: a relation model of another format or label set; train it again with `kg train`")
    calibration = {rel: (np.array(xs), np.array(ys)) for rel, (xs, ys) in meta.get("calibration", {}).items()}
    end_to_end = _end_to_end(calibration_path(path))
    threshold = end_to_end["threshold"] if end_to_end else meta.get("threshold", 0.5)
    return RelationModel(arrays["sparse"].astype(np.float32), arrays["dense"], arrays["bias"], calibration,
                         float(threshold), hashlib.sha256(raw).hexdigest(), meta, spans, end_to_end)


def calibration_path(model_path: Path) -> Path:
    return Path(model_path).with_name(CALIBRATION_FILE)


def _end_to_end(path: Path) -> dict | None:
    if not path.is_file():
        return None
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        for part in ("model", "rules"):
            table[part]["xs"], table[part]["ys"]  # noqa: B018  (present, or the file is not a calibration)
        table["relation_factor"], table["threshold"]  # noqa: B018
        if "decision" in table:
            table["decision"]["model"]["xs"], table["decision"]["model"]["ys"]  # noqa: B018
            table["decision"]["relation_factor"], table["decision"]["threshold"]  # noqa: B018
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelError(f"{path}: not a calibration table ({err})") from err
    return table


@lru_cache(maxsize=1)
def cue_map() -> dict[str, frozenset[str]]:
    """Folded cue word -> the relations the lexicon says it cues: the lexicon as features, not gates."""
    cues: dict[str, set[str]] = {}
    for rel in load_lexicon().relations.values():
        for word in rel.verbs | rel.nouns | {p[0] for p in rel.phrases}:
            cues.setdefault(tfold(word), set()).add(rel.name)
    return {word: frozenset(rels) for word, rels in cues.items()}


def candidate_pairs(sides: list[Side]) -> list[tuple[int, int]]:
    """Ordered pairs of distinct, non-overlapping mentions whose classes some relation allows."""
    pairs = []
    for i, head in enumerate(sides):
        for j, child in enumerate(sides):
            if i == j or head.start < child.end and child.start < head.end:
                continue
            if any(relation_allowed(rel, head.cls, child.cls) for rel in RELATIONS):
                pairs.append((i, j))
    return pairs


def featurise(doc: Doc, sides: list[Side], pairs: list[tuple[int, int]], cues: dict[str, frozenset[str]]):
    sparse = [pair_features(doc, sides[i], sides[j], cues) for i, j in pairs]
    dense = dense_rows(doc, sides, pairs)
    return sparse, dense


def best_relations(model: RelationModel, probabilities: np.ndarray, sides: list[Side], pairs: list[tuple[int, int]],
                   minimum: float | None = None) -> list[tuple[int, int, str, float]]:
    """(head, child, relation, calibrated probability) for each pair whose best allowed relation the model stores
    (`RelationModel.stored`: at least `minimum`, or by default its decision); a symmetric relation is kept once per
    unordered pair, with the higher of its two scores."""
    found: dict[tuple, tuple[int, int, str, float]] = {}
    for (i, j), row in zip(pairs, probabilities):
        allowed = [k for k, rel in enumerate(LABELS)
                   if rel == NONE or relation_allowed(rel, sides[i].cls, sides[j].cls)]
        k = max(allowed, key=lambda k: row[k])
        rel = LABELS[k]
        if rel == NONE:
            continue
        raw = float(row[k]) / float(sum(row[a] for a in allowed))
        if not model.stored(rel, raw, minimum):
            continue
        p = model.calibrated(rel, raw)
        key = (min(i, j), max(i, j), rel) if rel in SYMMETRIC_RELATIONS else (i, j, rel)
        if key not in found or found[key][3] < p:
            found[key] = (i, j, rel, p)
    return list(found.values())
