"""Writes pairs.json.gz: the relation model's features of every candidate pair of the sentences below.

Run once against commit 4e1a321 (the features as the packaged weights were trained on), before the feature code
was rewritten for speed; tests/test_extract_features.py recomputes them and must find the same. The sentences
were written for this fixture (not taken from tests/data, ../shared or the training passages); the mentions are
the ones the extractor resolves in them, so pronouns and descriptions appear as `ref` sides.

    PYTHONPATH=. .venv/bin/python tests/data/features/make_fixture.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SENTENCES = [
    "Daech a menacé Twitter dans une vidéo publiée dimanche.",
    "Le FBI n'a jamais enquêté sur les activités de Telegram en France.",
    "Si Facebook refusait de coopérer, Europol pourrait saisir la justice.",
    "Les comptes du Hamas ont été suspendus par YouTube la semaine dernière.",
    "Selon Le Monde, Anonymous aurait piraté plusieurs sites liés à Al-Qaïda.",
    "Abou Bakr al-Baghdadi, chef de l'État islamique, est mort en Syrie en 2019.",
    "Telegram a fermé des chaînes du Hezbollah. Il a aussi bloqué celles de Boko Haram.",
    "Le réseau social a expliqué que Twitter supprimera les comptes des talibans.",
    "Microsoft et Europol ont annoncé un partenariat contre la propagande de Daech sur Internet.",
    "À Paris, la DGSI travaille avec Interpol sur les messages diffusés par les talibans sur WhatsApp.",
    "Pavel Durov, le fondateur de Telegram, vit à Dubaï depuis plusieurs années.",
    "Ni Google ni Facebook n'ont répondu aux questions d'Europol.",
    "Le Pakistan accuse les talibans d'utiliser TikTok pour recruter de jeunes militants au Kenya.",
    "GhostSec revendique le piratage de comptes de l'État islamique, selon un communiqué publié sur Twitter.",
    "Le parquet national antiterroriste a ouvert une enquête visant Telegram et ses dirigeants.",
    "Al-Shabaab promet des représailles contre le Kenya et l'Éthiopie.",
    "Dans un rapport de quarante pages consacré aux réseaux sociaux et publié mardi matin par l'institut, "
    "les chercheurs estiment que Facebook, malgré ses efforts répétés et ses nombreuses annonces, héberge "
    "encore des pages du Hezbollah.",
    "Amaq, l'agence de propagande de l'État islamique, a diffusé la revendication sur Telegram.",
    "YouTube envisage de bannir les vidéos d'Al-Qaïda, a indiqué Google.",
    "Le CyberCaliphate aurait détourné le compte Twitter de CENTCOM en janvier 2015.",
    "Junaid Hussain, membre du CyberCaliphate, a été tué à Raqqa.",
    "Europol et le FBI ne collaborent pas sur ce dossier.",
    "Twitter a-t-il supprimé les comptes de Daech ?",
    "« Nous fermerons les comptes du Hamas », a déclaré Facebook.",
    "La France et l'Allemagne demandent à TikTok de supprimer les vidéos des talibans.",
    "Boko Haram se sert de YouTube pour diffuser ses vidéos au Nigeria.",
    "Le Hamas, qui utilise Telegram depuis 2015, n'a pas réagi.",
    "Interpol a arrêté trois membres de Daech en Turquie grâce à Europol.",
    "Microsoft, dont le siège se trouve à Redmond, collabore avec le FBI.",
    "Les messages d'Al-Qaïda circulent sur Telegram, sur WhatsApp et sur Facebook.",
    "Telegram.",
    "Daech ; Twitter ; Facebook ; YouTube.",
    "Abubakar Shekau dirigeait Boko Haram, qui menaçait le Nigeria et le Cameroun.",
    "La plateforme a suspendu mardi les comptes du Hezbollah. Twitter a ensuite bloqué ceux du Hamas.",
    "Anonymous a déclaré la guerre à Daech après les attentats de Paris.",
    "Ayman al-Zawahiri, successeur d'Oussama ben Laden à la tête d'Al-Qaïda, menace les États-Unis.",
    "Le Kenya et la Somalie enquêtent sur les liens entre Al-Shabaab et Al-Qaïda.",
    "Google pourrait retirer les applications de Telegram si le Hamas continuait à l'utiliser.",
    "Daech   menace    Twitter.\n\nFacebook supprime les comptes du Hamas.",
    "Ni la DGSI, ni le FBI, ni Interpol n'ont confirmé que Daech avait piraté Twitter, Facebook et YouTube.",
    "Le groupe a menacé Facebook. L'organisation terroriste a aussi visé Twitter et la France.",
]

OUT = Path(__file__).resolve().parent / "pairs.json.gz"


def main() -> None:
    import kg.extract.learned as learned
    from kg.extract.extractor import extract
    from kg.extract.features import Side, dense_features, pair_features
    from kg.extract.relmodel import candidate_pairs, cue_map
    from kg.model import Article
    from kg.pipeline.nlp import load_pipeline

    nlp, records = load_pipeline(), []
    original = learned.featurise

    def recording(doc, sides, pairs, cues):
        records[-1]["sentences"].append([[s.start, s.end, s.cls, s.ref] for s in sides])
        return original(doc, sides, pairs, cues)

    learned.featurise = recording
    for text in SENTENCES:
        records.append({"text": text, "sentences": []})
        doc = nlp(text)
        extract(doc, Article(id="t", title="", text=text))
        record = records[-1]
        record["pairs"] = []
        for sides in record.pop("sentences") + synthetic_sides(doc):
            sided = [Side(*s) for s in sides]
            for i, j in candidate_pairs(sided)[::step(sided)]:
                record["pairs"].append({
                    "head": sides[i], "child": sides[j],
                    "sparse": pair_features(doc, sided[i], sided[j], cue_map()),
                    "dense": [round(float(x), 7) for x in dense_features(doc, sided[i], sided[j])]})
    OUT.write_bytes(gzip.compress(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0))
    print(len(records), "texts,", sum(len(r["pairs"]) for r in records), "pairs ->", OUT)


def synthetic_sides(doc) -> list[list[list]]:
    """Sides the extractor would not give, for the edges: the first and last tokens of the text (ref or not),
    a multi-token span, and a pair across two sentences (no dependency path between them)."""
    n, sents = len(doc), list(doc.sents)
    sides = [[[0, 1, "Platform", True], [max(1, n - 2), n, "TerroristGroup", False]],
             [[0, min(3, n), "TerroristGroup", True], [max(0, n - 1), n, "Platform", True]]]
    if len(sents) > 1:
        sides.append([[sents[0].start, sents[0].start + 1, "Platform", False],
                      [sents[1].end - 2, sents[1].end - 1, "TerroristGroup", True]])
    return [s for s in sides if s[0][1] <= s[1][0]]


def step(sides: list) -> int:
    """At most about eight pairs per sentence, spread over its candidates (keeps the file small)."""
    return max(1, len(sides) * (len(sides) - 1) // 8)


if __name__ == "__main__":
    main()
