"""Starter gazetteer for the 2020 Azerbaijan–Armenia war: parties (a tree with sides) and places.

Facts only (names, roles, alternative spellings, approximate coordinates), written for this project.
``load_gazetteer`` is idempotent and takes the model classes so that the data migration can pass its
historical models and tests can pass the real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sources.text import normalize_name

AZ, AM, THIRD, UNKNOWN = "azerbaijan", "armenia", "third_party", "unknown"


@dataclass(frozen=True)
class PartySeed:
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...] = ()
    children: tuple[PartySeed, ...] = field(default=())
    description: str = ""


@dataclass(frozen=True)
class PlaceSeed:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    region: str | None = None


def P(name, kind, side, aliases=(), children=(), description=""):
    return PartySeed(name, kind, side, tuple(aliases), tuple(children), description)


PARTIES: tuple[PartySeed, ...] = (
    P(
        "Azerbaijan",
        "state",
        AZ,
        [
            "Republic of Azerbaijan",
            "Azerbaijani side",
            "Azeri side",
            "the Azerbaijani side",
            "the Azeri side",
        ],
        [
            P(
                "Government of Azerbaijan",
                "government",
                AZ,
                [
                    "Baku",
                    "Azerbaijani government",
                    "Azeri government",
                    "Azerbaijani officials",
                    "Azeri officials",
                    "Azerbaijani authorities",
                    "Azeri authorities",
                    "officials in Baku",
                ],
                [
                    P(
                        "Ilham Aliyev",
                        "official",
                        AZ,
                        [
                            "Aliyev",
                            "President Ilham Aliyev",
                            "Azerbaijani President",
                            "Azerbaijani President Ilham Aliyev",
                            "President of Azerbaijan",
                            "Azeri President",
                        ],
                        description="President of Azerbaijan",
                    ),
                    P(
                        "Hikmet Hajiyev",
                        "official",
                        AZ,
                        ["Hajiyev"],
                        description="Assistant to the President of Azerbaijan",
                    ),
                    P(
                        "Ministry of Defence of Azerbaijan",
                        "ministry",
                        AZ,
                        [
                            "Azerbaijani Defense Ministry",
                            "Azerbaijani Defence Ministry",
                            "Azeri Defense Ministry",
                            "Azeri Defence Ministry",
                            "Azerbaijani Ministry of Defense",
                            "Azerbaijani Ministry of Defence",
                            "Ministry of Defense of Azerbaijan",
                            "Azerbaijan's defence ministry",
                            "Azerbaijan's defense ministry",
                        ],
                        [
                            P(
                                "Zakir Hasanov",
                                "official",
                                AZ,
                                ["Hasanov"],
                                description="Minister of Defence of Azerbaijan",
                            ),
                            P(
                                "Vagif Dargahli",
                                "official",
                                AZ,
                                ["Dargahli"],
                                description="Spokesman, Ministry of Defence",
                            ),
                        ],
                    ),
                    P(
                        "Ministry of Foreign Affairs of Azerbaijan",
                        "ministry",
                        AZ,
                        [
                            "Azerbaijani Foreign Ministry",
                            "Azeri Foreign Ministry",
                            "Azerbaijan's foreign ministry",
                        ],
                        [
                            P(
                                "Jeyhun Bayramov",
                                "official",
                                AZ,
                                ["Bayramov"],
                                description="Foreign Minister of Azerbaijan",
                            ),
                            P(
                                "Leyla Abdullayeva",
                                "official",
                                AZ,
                                ["Abdullayeva"],
                                description="Foreign Ministry spokeswoman",
                            ),
                        ],
                    ),
                    P(
                        "Prosecutor General of Azerbaijan",
                        "ministry",
                        AZ,
                        [
                            "Azerbaijani Prosecutor General's Office",
                            "Prosecutor General's Office of Azerbaijan",
                            "Azerbaijan's Prosecutor General",
                            "Azerbaijani Prosecutor General",
                            "Azerbaijan's prosecutor general's office",
                        ],
                    ),
                ],
            ),
            P(
                "Armed Forces of Azerbaijan",
                "armed_force",
                AZ,
                [
                    "Azeri forces",
                    "Azerbaijani forces",
                    "Azeri troops",
                    "Azerbaijani troops",
                    "Azerbaijani army",
                    "Azeri army",
                    "Azerbaijani military",
                    "Azeri military",
                    "Azerbaijani soldiers",
                    "Azeri soldiers",
                ],
            ),
        ],
    ),
    P(
        "Armenia",
        "state",
        AM,
        ["Republic of Armenia", "Armenian side", "the Armenian side"],
        [
            P(
                "Government of Armenia",
                "government",
                AM,
                [
                    "Yerevan",
                    "Armenian government",
                    "Armenian officials",
                    "Armenian authorities",
                    "officials in Yerevan",
                ],
                [
                    P(
                        "Nikol Pashinyan",
                        "official",
                        AM,
                        [
                            "Pashinyan",
                            "Armenian Prime Minister",
                            "Prime Minister Nikol Pashinyan",
                            "Armenian Prime Minister Nikol Pashinyan",
                        ],
                        description="Prime Minister of Armenia",
                    ),
                    P("Armen Sarkissian", "official", AM, ["Sarkissian"], description="President of Armenia"),
                    P(
                        "Ministry of Defence of Armenia",
                        "ministry",
                        AM,
                        [
                            "Armenian Defense Ministry",
                            "Armenian Defence Ministry",
                            "Armenian Ministry of Defense",
                            "Armenian Ministry of Defence",
                            "Ministry of Defense of Armenia",
                            "Armenian MoD",
                            "Armenia's defence ministry",
                            "Armenia's defense ministry",
                        ],
                        [
                            P(
                                "Shushan Stepanyan",
                                "official",
                                AM,
                                ["Stepanyan"],
                                description="Spokeswoman, Ministry of Defence",
                            ),
                            P(
                                "Artsrun Hovhannisyan",
                                "official",
                                AM,
                                ["Hovhannisyan"],
                                description="Representative of the Ministry of Defence",
                            ),
                        ],
                    ),
                    P(
                        "Ministry of Foreign Affairs of Armenia",
                        "ministry",
                        AM,
                        [
                            "Armenian Foreign Ministry",
                            "Armenia's foreign ministry",
                        ],
                        [
                            P(
                                "Zohrab Mnatsakanyan",
                                "official",
                                AM,
                                ["Mnatsakanyan"],
                                description="Foreign Minister of Armenia",
                            ),
                            P(
                                "Anna Naghdalyan",
                                "official",
                                AM,
                                ["Naghdalyan"],
                                description="Foreign Ministry spokeswoman",
                            ),
                        ],
                    ),
                ],
            ),
            P(
                "Armed Forces of Armenia",
                "armed_force",
                AM,
                [
                    "Armenian forces",
                    "Armenian troops",
                    "Armenian army",
                    "Armenian military",
                    "Armenian soldiers",
                ],
            ),
        ],
    ),
    P(
        "Republic of Artsakh",
        "de_facto",
        AM,
        [
            "Artsakh",
            "Nagorno-Karabakh authorities",
            "Karabakh authorities",
            "authorities in Nagorno-Karabakh",
            "self-proclaimed Republic of Nagorno-Karabakh",
            "Nagorno-Karabakh Republic",
            "separatist authorities",
            "ethnic Armenian authorities",
        ],
        [
            P(
                "Arayik Harutyunyan",
                "official",
                AM,
                ["Harutyunyan"],
                description="De facto leader of Nagorno-Karabakh",
            ),
            P(
                "Artak Beglaryan",
                "official",
                AM,
                ["Beglaryan"],
                description="Human rights ombudsman of Nagorno-Karabakh",
            ),
            P(
                "Vahram Poghosyan",
                "official",
                AM,
                ["Poghosyan"],
                description="Spokesman of the de facto leader",
            ),
            P(
                "Artsakh Defence Army",
                "armed_force",
                AM,
                [
                    "Karabakh forces",
                    "Nagorno-Karabakh forces",
                    "Nagorno-Karabakh Defence Army",
                    "Karabakh army",
                    "ethnic Armenian forces",
                    "separatist forces",
                ],
            ),
        ],
    ),
    P(
        "Turkey",
        "state",
        THIRD,
        ["Republic of Turkey", "Türkiye"],
        [
            P(
                "Government of Turkey",
                "government",
                THIRD,
                ["Ankara", "Turkish government", "Turkish officials", "Turkish authorities"],
                [
                    P(
                        "Recep Tayyip Erdogan",
                        "official",
                        THIRD,
                        ["Erdogan", "Erdoğan", "Turkish President", "President Erdogan"],
                        description="President of Turkey",
                    ),
                    P(
                        "Ibrahim Kalin",
                        "official",
                        THIRD,
                        ["Kalin", "Kalın", "Turkish presidential spokesman"],
                        description="Spokesman for the President of Turkey",
                    ),
                    P(
                        "Mevlut Cavusoglu",
                        "official",
                        THIRD,
                        ["Cavusoglu", "Çavuşoğlu"],
                        description="Foreign Minister of Turkey",
                    ),
                    P(
                        "Ministry of National Defence of Turkey",
                        "ministry",
                        THIRD,
                        ["Turkish Defence Ministry", "Turkish Defense Ministry"],
                        [
                            P(
                                "Hulusi Akar",
                                "official",
                                THIRD,
                                ["Akar"],
                                description="Minister of National Defence of Turkey",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    P(
        "Russia",
        "state",
        THIRD,
        ["Russian Federation"],
        [
            P(
                "Government of Russia",
                "government",
                THIRD,
                ["Moscow", "Kremlin", "the Kremlin", "Russian government", "Russian officials"],
                [
                    P(
                        "Vladimir Putin",
                        "official",
                        THIRD,
                        ["Putin", "Russian President", "President Vladimir Putin"],
                        description="President of Russia",
                    ),
                    P(
                        "Dmitry Peskov",
                        "official",
                        THIRD,
                        ["Peskov", "Kremlin spokesman"],
                        description="Kremlin spokesman",
                    ),
                    P(
                        "Ministry of Foreign Affairs of Russia",
                        "ministry",
                        THIRD,
                        ["Russian Foreign Ministry"],
                        [
                            P(
                                "Sergei Lavrov",
                                "official",
                                THIRD,
                                ["Lavrov", "Russian Foreign Minister"],
                                description="Foreign Minister of Russia",
                            ),
                            P(
                                "Maria Zakharova",
                                "official",
                                THIRD,
                                ["Zakharova"],
                                description="Foreign Ministry spokeswoman",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    P(
        "Iran",
        "state",
        THIRD,
        ["Islamic Republic of Iran"],
        [
            P(
                "Government of Iran",
                "government",
                THIRD,
                ["Tehran", "Iranian government", "Iranian officials"],
                [
                    P(
                        "Hassan Rouhani",
                        "official",
                        THIRD,
                        ["Rouhani", "Iranian President"],
                        description="President of Iran",
                    ),
                    P(
                        "Ministry of Foreign Affairs of Iran",
                        "ministry",
                        THIRD,
                        ["Iranian Foreign Ministry"],
                        [
                            P(
                                "Mohammad Javad Zarif",
                                "official",
                                THIRD,
                                ["Zarif"],
                                description="Foreign Minister of Iran",
                            ),
                            P(
                                "Saeed Khatibzadeh",
                                "official",
                                THIRD,
                                ["Khatibzadeh", "Iranian Foreign Ministry spokesman"],
                                description="Foreign Ministry spokesman",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    P(
        "France",
        "state",
        THIRD,
        ["French Republic"],
        [
            P(
                "Government of France",
                "government",
                THIRD,
                ["Paris", "French government", "French officials", "Elysee"],
                [
                    P(
                        "Emmanuel Macron",
                        "official",
                        THIRD,
                        ["Macron", "French President", "President Emmanuel Macron"],
                        description="President of France",
                    ),
                    P(
                        "Jean-Yves Le Drian",
                        "official",
                        THIRD,
                        ["Le Drian"],
                        description="Foreign Minister of France",
                    ),
                ],
            ),
        ],
    ),
    P(
        "United States",
        "state",
        THIRD,
        ["US", "U.S.", "Washington", "United States of America"],
        [
            P("Mike Pompeo", "official", THIRD, ["Pompeo"], description="US Secretary of State"),
        ],
    ),
    P(
        "OSCE Minsk Group",
        "organisation",
        THIRD,
        ["Minsk Group", "OSCE"],
        description="Co-chaired by France, Russia and the United States",
    ),
    P("International Committee of the Red Cross", "organisation", THIRD, ["ICRC", "Red Cross"]),
    P("Human Rights Watch", "organisation", THIRD, ["HRW"]),
    P("Amnesty International", "organisation", THIRD, ["Amnesty"]),
    P("Reuters", "media", UNKNOWN, ["Thomson Reuters"]),
    P("Agence France-Presse", "media", UNKNOWN, ["AFP", "Agence France Presse"]),
    P("Associated Press", "media", UNKNOWN, ["AP", "The Associated Press"]),
    P("BBC", "media", UNKNOWN, ["BBC News"]),
    P("Al Jazeera", "media", UNKNOWN, []),
    P("Anadolu Agency", "media", UNKNOWN, ["Anadolu"]),
    P("TASS", "media", UNKNOWN, []),
    P("Interfax", "media", UNKNOWN, []),
    P("RIA Novosti", "media", UNKNOWN, ["RIA"]),
    P("Armenpress", "media", UNKNOWN, []),
    P("APA", "media", UNKNOWN, ["APA news agency"]),
    P("Azertac", "media", UNKNOWN, ["AZERTAC"]),
    P("News.am", "media", UNKNOWN, []),
    P("Trend News Agency", "media", UNKNOWN, ["Trend"]),
)

PLACES: tuple[PlaceSeed, ...] = (
    PlaceSeed(
        "Nagorno-Karabakh",
        "region",
        ("Karabakh", "Artsakh", "Daghlig Garabagh", "Dağlıq Qarabağ", "Nagorny Karabakh", "Upper Karabakh"),
        39.82,
        46.76,
    ),
    PlaceSeed("Azerbaijan", "country", ("Republic of Azerbaijan",), 40.14, 47.58),
    PlaceSeed("Armenia", "country", ("Republic of Armenia",), 40.07, 45.04),
    PlaceSeed("Baku", "city", ("Bakı",), 40.4093, 49.8671),
    PlaceSeed("Yerevan", "city", ("Erevan",), 40.1792, 44.4991),
    PlaceSeed("Ganja", "city", ("Gence", "Gəncə", "Gyandzha", "Kirovabad", "Elizavetpol"), 40.6828, 46.3606),
    PlaceSeed(
        "Stepanakert",
        "city",
        ("Khankendi", "Xankəndi", "Khankandi", "Vararakn"),
        39.8177,
        46.7528,
        "Nagorno-Karabakh",
    ),
    PlaceSeed("Shusha", "town", ("Shushi", "Şuşa", "Susa"), 39.7600, 46.7500, "Nagorno-Karabakh"),
    PlaceSeed("Hadrut", "town", ("Hadrout",), 39.5200, 47.0300, "Nagorno-Karabakh"),
    PlaceSeed(
        "Martuni", "town", ("Khojavend", "Xocavənd", "Khojavand"), 39.7950, 47.1100, "Nagorno-Karabakh"
    ),
    PlaceSeed("Martakert", "town", ("Aghdara", "Ağdərə", "Agdere"), 40.2100, 46.8100, "Nagorno-Karabakh"),
    PlaceSeed("Talish", "village", ("Talış", "Talysh"), 40.2200, 46.6300, "Nagorno-Karabakh"),
    PlaceSeed(
        "Sugovushan", "village", ("Madaghis", "Suqovuşan", "Madagiz"), 40.2500, 46.8000, "Nagorno-Karabakh"
    ),
    PlaceSeed("Fuzuli", "town", ("Fizuli", "Füzuli", "Varanda"), 39.6000, 47.1431),
    PlaceSeed(
        "Jabrayil", "town", ("Jebrail", "Cəbrayıl", "Jabrail", "Jrakan", "Mekhakavan"), 39.3999, 47.0245
    ),
    PlaceSeed("Zangilan", "town", ("Zangelan", "Zəngilan", "Kovsakan"), 39.0857, 46.6525),
    PlaceSeed("Qubadli", "town", ("Gubadly", "Qubadlı", "Kubatly", "Kashunik"), 39.3439, 46.5797),
    PlaceSeed("Lachin", "town", ("Laçın", "Berdzor", "Lachyn"), 39.6383, 46.5461),
    PlaceSeed("Kalbajar", "town", ("Kəlbəcər", "Karvachar", "Kelbajar"), 40.1000, 46.0400),
    PlaceSeed("Aghdam", "town", ("Agdam", "Ağdam", "Akna"), 39.9911, 46.9300),
    PlaceSeed("Barda", "city", ("Bərdə", "Berde", "Partav"), 40.3744, 47.1267),
    PlaceSeed("Tartar", "city", ("Terter", "Tərtər"), 40.3420, 46.9320),
    PlaceSeed("Mingachevir", "city", ("Mingəçevir", "Mingachevir", "Mingechaur"), 40.7700, 47.0500),
    PlaceSeed("Goranboy", "town", ("Goranboy",), 40.6100, 46.7900),
    PlaceSeed("Beylagan", "town", ("Beyləqan", "Beylaqan"), 39.7756, 47.6186),
    PlaceSeed("Vardenis", "town", ("Vardenis",), 40.1800, 45.7300),
    PlaceSeed("Chayli", "village", ("Çaylı",), None, None, "Nagorno-Karabakh"),
    PlaceSeed("Yukhari Guzlak", "village", ("Yuxarı Güzlək",), None, None, "Nagorno-Karabakh"),
    PlaceSeed("Gorazilli", "village", ("Qorazıllı",), None, None),
    PlaceSeed("Gishlag", "village", ("Qışlaq",), None, None),
    PlaceSeed("Garajalli", "village", ("Qaracallı",), None, None),
    PlaceSeed("Afandilar", "village", ("Əfəndilər",), None, None),
    PlaceSeed("Suleymanli", "village", ("Süleymanlı",), None, None),
    PlaceSeed("Sur", "village", (), None, None),
)


def iter_parties(seeds=PARTIES, parent: str | None = None):
    """Yield (seed, parent_name) in tree order, parents first."""
    for seed in seeds:
        yield seed, parent
        yield from iter_parties(seed.children, seed.name)


def load_gazetteer(Party, PartyAlias, Place, PlaceAlias) -> None:
    """Create or update every gazetteer party and place with its aliases; running it twice changes nothing."""
    by_name: dict[str, object] = {}
    for seed, parent_name in iter_parties():
        parent = by_name.get(parent_name)
        party, _ = Party.objects.update_or_create(
            name=seed.name,
            defaults={
                "kind": seed.kind,
                "side": seed.side,
                "parent": parent,
                "description": seed.description,
            },
        )
        tree_path = f"{parent.tree_path if parent else '/'}{party.pk}/"
        if party.tree_path != tree_path:
            Party.objects.filter(pk=party.pk).update(tree_path=tree_path)
            party.tree_path = tree_path
        by_name[seed.name] = party
        for alias in (seed.name, *seed.aliases):
            PartyAlias.objects.get_or_create(
                normalized=normalize_name(alias), defaults={"party": party, "alias": alias}
            )
    places: dict[str, object] = {}
    for seed in PLACES:
        place, _ = Place.objects.update_or_create(
            name=seed.name,
            defaults={
                "kind": seed.kind,
                "latitude": seed.latitude,
                "longitude": seed.longitude,
                "region": places.get(seed.region) if seed.region else None,
            },
        )
        places[seed.name] = place
        for alias in (seed.name, *seed.aliases):
            PlaceAlias.objects.get_or_create(
                normalized=normalize_name(alias), defaults={"place": place, "alias": alias}
            )
