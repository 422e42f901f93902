"""The rows bench/calibrate.py fits the end-to-end calibration on: every fact a build stored, judged by the gold.

    .venv/bin/python bench/calibration_rows.py --gold GOLD.toml --graph OUT.nq [--articles A B ...] >> rows.jsonl

The graph is a `kg export --format nquads` of a store built with a calibration that maps every probability to
itself (`{"model": {"xs": [0, 1], "ys": [0, 1]}, "rules": {"xs": [0, 1], "ys": [0, 1]}, "relation_factor": {},
"threshold": 0}` beside the weights) and `--min-confidence 0`, from articles the weights never saw. Each fact's
evidence record gives its raw confidence and cue; the fact is judged as the scorer judges it (kg.evaluate): "ok"
when it entails a required gold fact of its article, "opt" when only an optional one, else "wrong". Prints one
JSON row per line: [article, judgement, confidence, cue, relation, subject, object]; `--articles` keeps those
articles only (a fold's). bench/calibrate.py reads the rows as one JSON list: `jq -s . rows.jsonl > rows.json`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyoxigraph as ox

from kg.evaluate.calibration import evidence_records
from kg.evaluate.gold import read_gold
from kg.evaluate.graph import article_graphs, read_graph
from kg.evaluate.match import EntityMatcher, entails, predicted_facts


def judged_rows(gold_path: Path, graph_path: Path, articles: set[str] | None = None) -> list[list]:
    gold = read_gold(gold_path)
    with graph_path.open("rb") as data:
        graph = read_graph(ox.parse(data, ox.RdfFormat.N_QUADS))
    matcher = EntityMatcher(gold, graph)
    rows = []
    for article, names in article_graphs(graph, gold.articles).items():
        if articles is not None and article not in articles:
            continue
        facts = [f for f in gold.facts if f.article == article]
        for name in names:
            for record in evidence_records(graph.graphs[name]):
                triple = (record["subject"], record["predicate"], record["object"])
                for pred in predicted_facts(graph, matcher, [triple]):
                    judged = [f for f in facts if entails(pred, f)]
                    verdict = "ok" if any(not f.optional for f in judged) else ("opt" if judged else "wrong")
                    cue = record["cue"].value if "cue" in record else ""
                    rows.append([article, verdict, float(record["confidence"].value), cue,
                                 pred.predicate, str(pred.subject), str(pred.object)])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--articles", nargs="*", help="only these articles (file stems)")
    args = parser.parse_args()
    for row in judged_rows(args.gold, args.graph, set(args.articles) if args.articles else None):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
