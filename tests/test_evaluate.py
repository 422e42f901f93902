"""`kg evaluate`: the gold reader's errors, scoring on small hand-made stores whose figures were worked out by
hand, and the same figures as the shared scorer (../shared/eval/score.py) on the same graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import store_from_trig
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import GoldError
from kg.evaluate.gold import read_gold
from kg.evaluate.score import evaluate
from kg.export.export import export
from kg.store import open_store

SCORER = Path(__file__).parents[2] / "shared" / "eval" / "score.py"
SHARED = SCORER.parent
SEEDS = SHARED.parent / "corpus" / "seeds"
runner = CliRunner()

GOLD = """
[entity.daesh]
type = "TerroristGroup"
qid = "Q2429253"
aliases = ["Daesh", "État islamique"]

[entity.twitter]
type = "Platform"
qid = "Q918"
aliases = ["Twitter"]

[entity.facebook]
type = "Platform"
qid = "Q355"
aliases = ["Facebook"]

[entity.zuckerberg]
type = "Person"
aliases = ["Mark Zuckerberg", "Zuckerberg"]

[entity.europol]
type = "GovernmentBody"
aliases = ["Europol"]

[entity.anonymous]
type = "HackerGroup"
aliases = ["Anonymous"]

[entity.telegram]
type = "Platform"
aliases = ["Telegram"]

[[fact]]
article = "a1"
s = "daesh"
p = "threatens"
o = "twitter"

[[fact]]
article = "a1"
s = "daesh"
p = "threatens"
o = "zuckerberg"

[[fact]]
article = "a1"
s = "facebook"
p = "cooperatesWith"
o = "europol"

[[fact]]
article = "a1"
s = "zuckerberg"
p = "memberOf"
o = "facebook"

[[fact]]
article = "a1"
s = "daesh"
p = "uses"
o = "twitter"

[[fact]]
article = "a1"
s = "anonymous"
p = "hacks"
o = "daesh"
optional = true

[[fact]]
article = "a2"
s = "twitter"
p = "suspendsAccountsOf"
o = "daesh"

[[fact]]
article = "a2"
s = "europol"
p = "investigates"
o = ["daesh", "anonymous"]

[[fact]]
article = "a3"
s = "facebook"
p = "suspendsAccountsOf"
o = "daesh"

[[fact]]
article = "a4"
s = "twitter"
p = "suspendsAccountsOf"
o = "anonymous"

[[quantity]]
article = "a2"
kind = "AccountSuspension"
agent = "twitter"
target = "daesh"
count = 125000

[[quantity]]
article = "a2"
kind = "AccountTakeover"
agent = "anonymous"
target = "facebook"
count = 10
"""

# What each triple is for is said beside it; the expected figures below follow from these comments.
TRIG = """
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix e: <https://w3id.org/kg-news/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix prov: <http://www.w3.org/ns/prov#> .

# the ontology, in the default graph: a sub-property and a subclass the contract does not name
kg:callsForAttackOn rdfs:subPropertyOf kg:threatens .
kg:PoliceAgency rdfs:subClassOf kg:GovernmentBody .

<https://w3id.org/kg-news/graph/a1> {
  e:daesh rdfs:label "État islamique"@fr ; skos:altLabel "Daesh" ; a kg:TerroristGroup ; owl:sameAs wd:Q2429253 .
  e:twitter rdfs:label "Twitter" ; a kg:Platform .
  e:twitter-2 owl:sameAs wd:Q918 .                      # unlabelled: its Wikidata link names it (a 2nd node)
  e:zuck skos:prefLabel "Mark Zuckerberg" ; a kg:Person .
  e:facebook rdfs:label "Facebook" ; a kg:Organization ; owl:sameAs wd:Q918 .   # mistyped, wrong link
  e:europol rdfs:label "Europol" ; a kg:PoliceAgency .  # typed through the subclass
  e:anonymous rdfs:label "Anonymous" .                  # untyped
  e:mixed rdfs:label "Daesh", "Twitter" .               # ambiguous: names two entities
  e:inconnu rdfs:label "Inconnu" .
  e:daesh kg:threatens e:twitter .                      # right
  e:daesh kg:callsForAttackOn e:zuck .                  # right, through the sub-property
  e:europol kg:cooperatesWith e:facebook .              # right, symmetric
  e:zuck kg:leaderOf e:facebook .                       # right: leaderOf entails memberOf
  e:anonymous kg:hacks e:daesh .                        # optional: neither right nor wrong
  e:daesh kg:threatens e:inconnu .                      # wrong: no gold entity
  e:twitter kg:uses e:facebook .                        # wrong
}                                                       # missed: daesh uses twitter

<https://w3id.org/kg-news/graph/a2> {
  e:twitter kg:suspendsAccountsOf e:daesh .             # right
  e:europol kg:investigates e:anonymous .               # right: one of the alternatives
  e:daesh kg:threatens e:twitter .                      # wrong here (gold of a1), right at corpus level
  [] a kg:AccountSuspension ; kg:agent e:twitter ; kg:target e:daesh ; kg:accountCount 125000 .  # right
  [] a kg:AccountTakeover ; kg:agent e:anonymous ; kg:target e:twitter ; kg:accountCount 5000 .  # wrong
}                                                       # missed: the takeover of 10 Facebook accounts

<urn:example:third> {                                   # named without the id: found through its source
  <urn:example:third> prov:wasDerivedFrom <https://example.org/article/a3> .
  e:facebook kg:suspendsAccountsOf e:daesh .            # right
}
"""                                                     # a4: no graph at all, its one fact missed


@pytest.fixture
def gold_file(tmp_path) -> Path:
    path = tmp_path / "gold.toml"
    path.write_text(GOLD, encoding="utf-8")
    return path


@pytest.fixture
def hand_made_store(tmp_path) -> Path:
    return store_from_trig(tmp_path / "store", TRIG)


@pytest.fixture
def no_articles(tmp_path) -> Path:
    """An empty corpus: `kg evaluate` then builds nothing and scores the store it is given."""
    folder = tmp_path / "no-articles"
    folder.mkdir()
    return folder


def evaluate_store(gold_path: Path, store_path: Path):
    with open_store(store_path, read_only=True) as store:
        return evaluate(read_gold(gold_path), store.quads())


def kg(*args) -> object:
    return runner.invoke(app, [str(arg) for arg in args])


# --- the gold reader ---------------------------------------------------------------------------------------

def with_fact(**fields) -> str:
    lines = [f"{key} = {json.dumps(value)}" for key, value in fields.items()]
    return '[entity.daesh]\ntype = "TerroristGroup"\n[entity.twitter]\ntype = "Platform"\n[[fact]]\n' + "\n".join(lines)


FACT = {"article": "a1", "s": "daesh", "p": "threatens", "o": "twitter"}
BAD_GOLD = [
    ("[entity.daesh\ntype = 1", "not valid TOML"),
    ('[[fact]]\narticle = "a1"', "no [entity.KEY] tables"),
    ('[entity.daesh]\ntype = "Group"\n', "entity 'daesh': type 'Group' is not a class of the contract"),
    ('[entity.daesh]\ntype = "TerroristGroup"\naliases = "Daesh"\n', "entity 'daesh': aliases must be a list"),
    ('[entity.daesh]\ntype = "TerroristGroup"\nqid = "2429253"\n', "qid '2429253' is not a Wikidata item"),
    ('[entity.daesh]\ntype = "TerroristGroup"\n', "no [[fact]] or [[quantity]]"),
    (with_fact(**{**FACT, "p": "menace"}), "fact 1: p 'menace' is not a relation of the contract"),
    (with_fact(**{**FACT, "o": "twiter"}), "fact 1: o names 'twiter', which no [entity.KEY] table defines"),
    (with_fact(**{**FACT, "s": ["daesh", "isis"]}), "fact 1: s names 'isis'"),
    (with_fact(**{k: v for k, v in FACT.items() if k != "article"}), "fact 1: 'article' is missing"),
    (with_fact(**FACT, optional="yes"), "fact 1: optional must be true or false"),
    (with_fact(**FACT).replace("[[fact]]", "[[quantity]]").replace('s = "daesh"', 'kind = "Ban"'),
     "quantity 1: kind 'Ban' is not one of AccountSuspension, AccountTakeover"),
    (with_fact(**FACT).replace("[[fact]]", "[[quantity]]") + '\nkind = "AccountSuspension"\nagent = "twitter"\n'
     'target = "daesh"\ncount = "many"', "quantity 1: count 'many' is not a whole number"),
]


@pytest.mark.parametrize("text, reason", BAD_GOLD, ids=[reason for _, reason in BAD_GOLD])
def test_a_bad_gold_file_is_one_error_naming_the_file_and_the_reason(tmp_path, text, reason):
    path = tmp_path / "gold.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError) as raised:
        read_gold(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert reason in str(raised.value)


def test_a_missing_or_binary_gold_file_is_named(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        read_gold(tmp_path / "nowhere.toml")
    binary = tmp_path / "gold.toml"
    binary.write_bytes(b"\xff\xfe\x00[entity]")
    with pytest.raises(GoldError, match=f"{binary}: not UTF-8 text"):
        read_gold(binary)


def test_the_command_refuses_a_bad_gold_file_with_one_line_and_exit_2_before_building(tmp_path):
    gold = tmp_path / "gold.toml"
    gold.write_text(with_fact(**{**FACT, "p": "menace"}), encoding="utf-8")
    store = tmp_path / "store"
    result = kg("evaluate", tmp_path, "--gold", gold, "--store", store)
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"kg: error: {gold}: fact 1: p 'menace' is not a relation of the contract "
                                          "(threatens, suspendsAccountsOf, hacks, founderOf, leaderOf, memberOf, "
                                          "affiliatedWith, cooperatesWith, uses, publishes, locatedIn, investigates)"]
    assert not store.exists()


def test_the_gold_reader_reads_alternatives_optional_facts_and_quantities(gold_file):
    gold = read_gold(gold_file)
    assert gold.articles == ["a1", "a2", "a3", "a4"]
    assert len(gold.facts) == 10 and sum(f.optional for f in gold.facts) == 1
    assert gold.facts[7].objects == {"daesh", "anonymous"}
    assert [(q.kind, q.count) for q in gold.quantities] == [("AccountSuspension", 125000), ("AccountTakeover", 10)]
    assert gold.alias["etat islamique"] == {"daesh"} and gold.by_qid["Q918"] == "twitter"


# --- scoring a hand-made store ------------------------------------------------------------------------------

def test_article_level_facts_worked_out_by_hand(gold_file, hand_made_store):
    result = evaluate_store(gold_file, hand_made_store)
    rows = {row.article: row for row in result.articles}
    assert {a: (row.graphs, row.facts.figures.tp, row.facts.figures.fp, row.facts.figures.fn)
            for a, row in rows.items()} == {"a1": (1, 4, 2, 1), "a2": (1, 2, 1, 0), "a3": (1, 1, 0, 0),
                                            "a4": (0, 0, 0, 1)}
    assert [str(p) for p in rows["a1"].facts.wrong] == ["daesh threatens ?'Inconnu'", "twitter uses facebook"]
    assert [(sorted(f.subjects), f.relation) for f in rows["a1"].facts.missed] == [(["daesh"], "uses")]
    totals = result.article_facts
    assert (totals.tp, totals.fp, totals.fn) == (7, 3, 2)
    assert totals.precision == pytest.approx(0.7) and totals.recall == pytest.approx(7 / 9)
    assert totals.f1 == pytest.approx(2 * 0.7 * (7 / 9) / (0.7 + 7 / 9))
    assert result.articles_with_graph == 3


def test_corpus_level_reads_the_merged_graph(gold_file, hand_made_store):
    corpus = evaluate_store(gold_file, hand_made_store).corpus_facts
    # a2's "daesh threatens twitter" is a1's fact: wrong in a2, right (and the same prediction) in the merged graph
    assert corpus.figures == type(corpus.figures)(7, 2, 2)
    assert (corpus.found, corpus.required) == (7, 9)


def test_counted_events_worked_out_by_hand(gold_file, hand_made_store):
    result = evaluate_store(gold_file, hand_made_store)
    a2 = result.articles[1].quantities
    assert (a2.found, a2.required) == (1, 2)
    assert [str(q) for q in a2.wrong] == ["AccountTakeover anonymous -> twitter x5000"]
    assert (result.article_quantities.tp, result.article_quantities.fp, result.article_quantities.fn) == (1, 1, 1)
    assert result.article_quantities.f1 == pytest.approx(0.5)


def test_entities_worked_out_by_hand(gold_file, hand_made_store):
    e = evaluate_store(gold_file, hand_made_store).entities
    assert (e.found, e.gold) == (6, 7)  # Telegram is nowhere
    assert e.typed == 4  # daesh, twitter, zuckerberg, europol (a PoliceAgency); facebook mistyped, anonymous untyped
    assert (e.linked, e.with_qid) == (2, 3)  # daesh, twitter (its unlabelled node); facebook's link is Twitter's
    assert e.wrong_links == [("facebook", "Q918")]
    assert e.nodes == 7 and e.nodes_per_entity == pytest.approx(7 / 6)
    assert e.ambiguous == {"https://w3id.org/kg-news/entity/mixed": ["daesh", "twitter"]}


def test_per_relation_figures_add_up_to_the_article_level_ones(gold_file, hand_made_store):
    result = evaluate_store(gold_file, hand_made_store)
    table = {r.relation: (r.predicted, r.correct, r.required, r.found) for r in result.relations}
    assert table["threatens"] == (4, 2, 2, 2)  # callsForAttackOn counts as threatens; a2's copy is wrong there
    assert table["leaderOf"] == (1, 1, 0, 0) and table["memberOf"] == (0, 0, 1, 1)
    assert table["suspendsAccountsOf"] == (2, 2, 3, 2)
    assert table["uses"] == (1, 0, 1, 0) and table["hacks"] == (0, 0, 0, 0)  # the optional fact counts nowhere
    assert sum(r.correct for r in result.relations) == result.article_facts.tp
    assert sum(r.predicted - r.correct for r in result.relations) == result.article_facts.fp
    assert sum(r.required - r.found for r in result.relations) == result.article_facts.fn
    threatens = next(r for r in result.relations if r.relation == "threatens")
    assert (threatens.precision, threatens.recall, threatens.f1) == (0.5, 1.0, pytest.approx(2 / 3))


def test_the_shared_scorer_reads_the_same_figures_in_the_hand_made_graph(tmp_path, gold_file, hand_made_store,
                                                                        no_articles):
    """score.py on the same TriG file: every figure of its JSON and every line it prints (its -v lines come in
    set order, so they are compared sorted)."""
    trig = tmp_path / "graph.trig"
    trig.write_text(TRIG, encoding="utf-8")
    theirs, their_lines = run_scorer(gold_file, trig, tmp_path)
    ours = kg("evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store, "-v",
              "--json", tmp_path / "ours.json")
    assert ours.exit_code == 0, ours.output
    assert same_figures(theirs, json.loads((tmp_path / "ours.json").read_text()))
    assert_same_lines(their_lines, ours.stdout.splitlines())


# --- the command ---------------------------------------------------------------------------------------------

def test_the_command_prints_the_scorer_lines_then_the_relation_table(no_articles, gold_file, hand_made_store):
    result = kg("evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == ["article graphs     P     R    F1   quantities found/required",
                         "a1           1  0.67  0.80  0.73   0/0",
                         "a2           1  0.67  1.00  0.80   1/2",
                         "a3           1  1.00  1.00  1.00   0/0",
                         "a4           0  0.00  0.00  0.00   0/0"]
    assert lines[5] == "article-level facts   P=0.700 R=0.778 F1=0.737  (tp=7 fp=3 fn=2)"
    assert lines[6] == "corpus-level facts    P=0.778 R=0.778 F1=0.778  (tp=7 fp=2 fn=2)"
    assert lines[7] == "article quantities    P=0.500 R=0.500 F1=0.500"
    assert lines[8] == ("entities: 6/7 found, typing 0.67, linking recall 0.67, wrong links 1, nodes per entity 1.17, "
                        "ambiguous nodes 1")
    assert lines[9] == "F1=0.737"
    assert lines[11] == "per relation (article level)"
    assert "threatens                  4       2     2     2  0.50  1.00  0.67" in lines
    assert "kg: note: 1 gold article(s) have no graph in the store" in result.stderr and "a4" in result.stderr


def test_verbose_lists_missed_and_wrong_facts_and_events(no_articles, gold_file, hand_made_store):
    result = kg("evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store, "-v")
    details = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert details == ["  missed  a1  daesh uses twitter",
                       "  wrong   a1  daesh threatens ?'Inconnu'",
                       "  wrong   a1  twitter uses facebook",
                       "  wrong   a2  daesh threatens twitter",
                       "  missed  a2  AccountTakeover anonymous -> facebook x10",
                       "  wrong   a2  AccountTakeover anonymous -> twitter x5000",
                       "  missed  a4  twitter suspendsAccountsOf anonymous",
                       "  ambiguous node https://w3id.org/kg-news/entity/mixed matches ['daesh', 'twitter']",
                       "  wrong link  facebook -> Q918"]


def test_json_holds_every_figure(tmp_path, no_articles, gold_file, hand_made_store):
    out = tmp_path / "scores.json"
    assert kg("evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store, "--json", out).exit_code == 0
    report = json.loads(out.read_text())
    assert report["article_facts"] == {"precision": 0.7, "recall": 7 / 9, "f1": pytest.approx(0.7368, abs=1e-4),
                                       "tp": 7, "fp": 3, "fn": 2}
    assert report["per_relation"]["suspendsAccountsOf"] == {"precision": 1.0, "recall": 2 / 3, "f1": 0.8,
                                                            "predicted": 2, "correct": 2, "required": 3, "found": 2}
    a1 = report["per_article"][0]
    assert a1["article"] == "a1" and a1["facts"]["missed"] == [{"s": ["daesh"], "p": "uses", "o": ["twitter"]}]
    assert {"s": "twitter", "p": "uses", "o": "facebook", "relation": "uses"} in a1["facts"]["wrong"]
    assert report["entities"]["wrong_links"] == [["facebook", "Q918"]]


def test_min_f1_sets_the_exit_status(no_articles, gold_file, hand_made_store):
    args = ["evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store]
    assert kg(*args, "--min-f1", "0.7").exit_code == 0
    assert kg(*args, "--min-f1", "0.75").exit_code == 1


def test_a_corpus_that_does_not_exist_is_a_usage_error(tmp_path, gold_file):
    result = kg("evaluate", tmp_path / "nowhere", "--gold", gold_file)
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_build_options_reach_the_build(monkeypatch, tmp_path, no_articles, gold_file, hand_made_store):
    import kg.cli.evaluate as command
    from kg.resources import data_file

    seen, real_build = {}, command.build

    def recording_build(paths, store, **options):
        seen.update(options)
        return real_build(paths, store, **options)

    monkeypatch.setattr(command, "build", recording_build)
    model = data_file("model/relations.npz")
    result = kg("evaluate", no_articles, "--gold", gold_file, "--store", hand_made_store, "--model", model,
                "--relations", "model", "--min-confidence", "0.6", "--workers", "1")
    assert result.exit_code == 0, result.output
    settings = seen["settings"]
    assert (settings.model, settings.relations, settings.min_confidence) == (model, "model", 0.6)
    missing = kg("evaluate", no_articles, "--gold", gold_file, "--model", tmp_path / "none.npz")
    assert missing.exit_code == 2 and "no relation model here" in missing.output


def test_a_skipped_article_is_reported_and_the_rest_is_still_scored(tmp_path, gold_file, hand_made_store):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a9.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    result = kg("evaluate", corpus, "--gold", gold_file, "--store", hand_made_store)
    assert result.exit_code == 1
    assert f"kg: skipped {corpus / 'a9.txt'}" in result.stderr
    assert "article-level facts   P=0.700 R=0.778 F1=0.737  (tp=7 fp=3 fn=2)" in result.stdout


# --- against the shared scorer on real articles ---------------------------------------------------------------

def run_scorer(gold: Path, graph: Path, folder: Path) -> tuple[dict, list[str]]:
    assert SCORER.is_file(), f"the shared scorer is missing: {SCORER}"
    out = folder / "theirs.json"
    proc = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--graph", str(graph), "-v",
                           "--json", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text()), proc.stdout.splitlines()


def same_figures(theirs: dict, ours: dict) -> bool:
    """Every key of the scorer's JSON, with the same value (floats computed the same way are equal)."""
    assert set(theirs) <= set(ours)
    return {key: ours[key] for key in theirs} == theirs


def assert_same_lines(theirs: list[str], ours: list[str]) -> None:
    """Our output begins with the scorer's lines (its -v lines in any order), then the relation table."""
    assert sorted(ours[:len(theirs)]) == sorted(theirs)
    assert [line for line in ours[:len(theirs)] if not line.startswith("  ")] == \
           [line for line in theirs if not line.startswith("  ")]
    assert ours[len(theirs) + 1] == "per relation (article level)"


@pytest.mark.slow
def test_kg_evaluate_equals_the_shared_scorer_on_the_seed_articles(tmp_path, seeds_store):
    gold = SHARED / "gold-seeds.toml"
    with open_store(seeds_store, read_only=True) as store:
        (tmp_path / "seeds.nq").write_bytes(export(store, "nquads"))
    theirs, their_lines = run_scorer(gold, tmp_path / "seeds.nq", tmp_path)
    ours = kg("evaluate", SEEDS, "--gold", gold, "-v", "--json", tmp_path / "ours.json")
    assert ours.exit_code == 0, ours.output
    assert theirs["articles_with_graph"] == theirs["articles"] == 5
    assert same_figures(theirs, json.loads((tmp_path / "ours.json").read_text()))
    assert_same_lines(their_lines, ours.stdout.splitlines())
