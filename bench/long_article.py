"""A long plain French article for the bounded-build benchmark (bench/RESULTS.md, "One long article").

    python bench/long_article.py 1000000 > long.txt

Realistic news sentences about the field's actors, varied by a seeded random choice of actors, numbers, dates
and phrasing, in paragraphs of three to six sentences: the same text for the same size, whatever the machine.
"""

from __future__ import annotations

import random
import sys

GROUPS = ["Daesh", "Al-Shabaab", "Al-Qaida", "Boko Haram", "Hayat Tahrir al-Cham", "Jabhat al-Nosra"]
PLATFORMS = ["Facebook", "Twitter", "Telegram", "YouTube", "Instagram", "TikTok", "WhatsApp", "Discord"]
PEOPLE = ["Pavel Durov", "Mark Zuckerberg", "Adam Mosseri", "Jack Dorsey", "Susan Wojcicki"]
AGENCIES = ["Europol", "Interpol", "Pharos", "Tech Against Terrorism"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre"]

TEMPLATES = [
    "{group} menace {platform} et son patron {person} dans une vidéo diffusée {day}.",
    "{platform} a suspendu {count} comptes liés à {group} depuis le début du mois de {month}.",
    "Selon {agency}, {group} aurait utilisé {platform} pour recruter de jeunes sympathisants.",
    "{agency} et {platform} ont annoncé {day} une opération commune contre la propagande de {group}.",
    "Dans un communiqué publié le {date} {month}, {person} a assuré que {platform} ne tolérerait aucun contenu "
    "terroriste.",
    "Les pirates de GhostSec affirment avoir fermé {count} comptes de {group} sur {platform}.",
    "{group} a appelé ses partisans à s'en prendre aux employés de {platform}, selon un rapport de {agency}.",
    "Le réseau social {platform} dit avoir supprimé plus de {count} vidéos de propagande en {month}.",
    "D'après les enquêteurs, les messages de {group} circulaient surtout sur {platform} et {platform2}.",
    "{person}, le patron de {platform}, a rencontré les responsables d'{agency} à Bruxelles le {date} {month}.",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def sentence(rng: random.Random) -> str:
    platform, platform2 = rng.sample(PLATFORMS, 2)
    text = rng.choice(TEMPLATES).format(
        group=rng.choice(GROUPS), platform=platform, platform2=platform2, person=rng.choice(PEOPLE),
        agency=rng.choice(AGENCIES), month=rng.choice(MONTHS), day=rng.choice(DAYS), date=rng.randint(1, 28),
        count=f"{rng.randint(2, 400) * 50:,}".replace(",", " "))
    return text[0].upper() + text[1:]


def long_article(size: int, seed: int = 16) -> str:
    """A title, a blank line, then paragraphs until the text holds about `size` characters."""
    rng = random.Random(seed)
    paragraphs, length = ["Les plateformes face à la propagande djihadiste : une année de suspensions"], 0
    while length < size:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


if __name__ == "__main__":
    sys.stdout.write(long_article(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
