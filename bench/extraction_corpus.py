"""The extraction benchmark's articles: generated wire copy of about 800 words (seeded, so runs
compare), claim sentences of every kind the extractor knows mixed with background sentences full of
names, places and numbers that are not claims.
"""

from __future__ import annotations

import random
import re

# The generated articles are wire copy about the first shipped pack's war (its parties and towns).
BENCH_CONFLICT = "nagorno-karabakh-2020"

SPEAKERS = [
    "Azerbaijan's defence ministry",
    "The Armenian Defence Ministry",
    "Armenian officials",
    "Azeri officials",
    "Hikmet Hajiyev",
    "Shushan Stepanyan",
    "Artsrun Hovhannisyan",
    "Azerbaijani President Ilham Aliyev",
    "Armenian Prime Minister Nikol Pashinyan",
    "The Nagorno-Karabakh authorities",
    "Vahram Poghosyan",
    "Azerbaijan's Prosecutor General's Office",
    "Turkish presidential spokesman Ibrahim Kalin",
    "Kremlin spokesman Dmitry Peskov",
]
FORCES = ["Armenian forces", "Azerbaijani forces", "Azeri troops", "Karabakh forces", "Armenian troops"]
ACCUSED = ["Armenia", "Azerbaijan", "Armenian forces", "Azerbaijani troops", "the Armenian side"]
TOWNS = [
    "Ganja", "Barda", "Tartar", "Stepanakert", "Martuni", "Hadrut", "Shusha", "Fuzuli", "Jabrayil",
    "Aghdam", "Goranboy", "Martakert", "Talish", "Mingachevir", "Beylagan", "Lachin",
]  # fmt: skip
DAYS = ["on Sunday", "on Saturday", "on Monday", "overnight", "on 11 October", "early on Tuesday", ""]
COUNT_WORDS = ["nine", "two", "dozens of", "at least 30", "more than 100", "12", "34", "about 1,500", "three"]
VICTIMS = ["civilians", "people", "soldiers", "servicemen", "residents"]
MEASURES = ["killed", "wounded", "injured", "displaced"]
AGENCIES = ["Reuters reported", "AFP reported", "Interfax reported", "TASS reported"]

CLAIM_TEMPLATES = [
    "{speaker} said {count} {victims} were {measure} in {town} {day}.",
    "{count} {victims} were {measure} in {town} {day}, {speaker_lc} said.",
    "{speaker} accused {accused} of shelling {town} {day}.",
    "{speaker} accused {accused} of launching an assault near {town} at 12:05 pm.",
    "{speaker} denied that its forces had fired at {town}.",
    "{speaker} said {forces} had captured {town} {day}.",
    "{speaker} said {town} remained under the control of {forces}.",
    "{speaker} said {forces} had shelled {town}, killing {count} {victims}.",
    "{speaker} said the army respects the ceasefire.",
    "{speaker} said {count} {victims} had been {measure} {day}, {agency}.",
    "{speaker} told AFP that {forces} had struck {town} {day}.",
    "According to {speaker_lc}, {count} {victims} were {measure} near {town}.",
    'Stepanyan said: "Our positions near {town} held. The enemy lost {count} soldiers."',
    "Armenian officials accused {forces} of attacking {town} {day}, while Azeri officials accused Armenia of "
    "bombing civilian targets.",
]
BACKGROUND = [
    "The conflict over Nagorno-Karabakh dates back more than 30 years, to the final years of the Soviet Union.",
    "Diplomats from France, Russia and the United States co-chair the OSCE Minsk Group, which has mediated "
    "since 1992.",
    "Markets in {town} stayed closed {day} as families queued for bread and fuel.",
    "The region covers about 4,400 square kilometres of mountains and valleys.",
    "Azerbaijan has bought more than $700 million of drones and missiles in recent years, analysts estimate.",
    "Traffic on the main road to {town} was light, and several checkpoints had been moved closer to the city.",
    "Journalists who visited {town} described empty streets, shuttered shops and damaged power lines.",
    "The humanitarian truce was negotiated over ten hours of talks in Moscow.",
    "Oil prices barely moved, as traders judged pipelines in the region to be out of range of the fighting.",
    "Schools in the district have been closed since September 27, and lessons moved online.",
    "Residents spent the night in basements, listening to the radio for news from the front.",
    "The ministry published a map with 18 locations it described as the sites of recent clashes.",
    "Turkey has pledged its full support to Azerbaijan, while Russia has a defence pact with Armenia.",
    "The 2,500 members of the diaspora who gathered in Paris called for recognition of the region.",
]


def _fill(template: str, rng: random.Random) -> str:
    speaker = rng.choice(SPEAKERS)
    text = template.format(
        speaker=speaker,
        speaker_lc=speaker[0].lower() + speaker[1:] if speaker.startswith("The ") else speaker,
        count=rng.choice(COUNT_WORDS),
        victims=rng.choice(VICTIMS),
        measure=rng.choice(MEASURES),
        town=rng.choice(TOWNS),
        day=rng.choice(DAYS),
        accused=rng.choice(ACCUSED),
        forces=rng.choice(FORCES),
        agency=rng.choice(AGENCIES),
    )
    text = re.sub(r"\s+([.,])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text)


def generate_article(number: int, *, words: int = 800, seed: int = 1) -> str:
    """One ~``words``-word wire article: about one claim sentence in three, the rest background."""
    rng = random.Random(seed * 1_000_003 + number)
    paragraphs: list[str] = [
        f"BAKU/YEREVAN (Bench Wire {number}) - Fighting continued around {rng.choice(TOWNS)}."
    ]
    count = len(paragraphs[0].split())
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 3)):
            pool = CLAIM_TEMPLATES if rng.random() < 0.35 else BACKGROUND
            sentences.append(_fill(rng.choice(pool), rng))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)
