"""Measuring kg on annotated articles: a gold file (kg.evaluate.gold), the store's quads matched to it
(kg.evaluate.graph, kg.evaluate.match) and scored (kg.evaluate.score) as ../shared/eval/score.py does.

    from kg.evaluate.gold import read_gold
    from kg.evaluate.score import evaluate

    with open_store("kg-store", read_only=True) as store:
        figures = evaluate(read_gold("gold.toml"), store.quads())
    figures.article_facts.f1
"""
