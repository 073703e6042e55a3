"""The sample coverage itself: outlets, claims, incidents, contradictions and everyday statements.

The quotes are written for this project (paraphrased reporting, not copied from any article); the
outlets are fictional. Parties and places come from the starter gazetteer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from claims.models import ContradictionKind, IncidentKind

SAMPLE_SINCE, SAMPLE_UNTIL = date(2020, 10, 10), date(2020, 10, 17)


def sample_time(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of October 2020 (UTC), the month the sample covers."""
    return datetime(2020, 10, day, hour, minute, tzinfo=UTC)


OUTLETS = {
    "Caspian Wire": ("agency", "AZ", "caspianwire.example"),
    "Ararat Evening": ("newspaper", "AM", "ararat-evening.example"),
    "Frontline Monitor": ("ngo", "", "frontline-monitor.example"),
    "Transcaucasus Agency": ("agency", "GE", "tc-agency.example"),
}

# (key, day, hour, outlet, claimant, relayed_by, kind, incident, quote, fields)
CLAIMS = [
    # The 12:05 breach of the humanitarian truce, 10 October.
    (
        "breach_am",
        10,
        13,
        "Ararat Evening",
        "Shushan Stepanyan",
        None,
        "accusation",
        "breach",
        "The spokeswoman said Azerbaijani units moved on Armenian positions at 12:05, five minutes into the truce.",
        {"accused": "Armed Forces of Azerbaijan", "act": "launching an assault at 12:05 during the truce"},
    ),
    (
        "breach_az",
        10,
        15,
        "Caspian Wire",
        "Ministry of Defence of Azerbaijan",
        None,
        "accusation",
        "breach",
        "The ministry said Armenian artillery kept firing on villages in Tartar after noon, in breach of the truce.",
        {"accused": "Armed Forces of Armenia", "act": "shelling villages after the truce began"},
    ),
    (
        "deny_az",
        10,
        18,
        "Caspian Wire",
        "Hikmet Hajiyev",
        None,
        "denial",
        "breach",
        "The presidential aide said Azerbaijan was observing the truce and had launched no offensive at noon.",
        {"act": "launching an assault at 12:05 during the truce"},
    ),
    (
        "deny_am",
        11,
        9,
        "Ararat Evening",
        "Ministry of Defence of Armenia",
        None,
        "denial",
        "breach",
        "Yerevan's defence ministry said its forces held their fire and answered only when attacked.",
        {"act": "shelling villages after the truce began"},
    ),
    # Hadrut: who holds it.
    (
        "hadrut_az",
        10,
        11,
        "Caspian Wire",
        "Ilham Aliyev",
        None,
        "control",
        "hadrut",
        "The president told the nation that the army had taken Hadrut and several nearby villages.",
        {"controller": "Armed Forces of Azerbaijan", "place": "Hadrut"},
    ),
    (
        "hadrut_am",
        11,
        10,
        "Ararat Evening",
        "Artak Beglaryan",
        None,
        "control",
        "hadrut",
        "The ombudsman said Hadrut was still in the hands of the local defence forces and called the claim false.",
        {"controller": "Artsakh Defence Army", "place": "Hadrut"},
    ),
    (
        "hadrut_am2",
        14,
        12,
        "Transcaucasus Agency",
        "Arayik Harutyunyan",
        "Agence France-Presse",
        "control",
        "hadrut",
        "The region's leader said fighting continued on the edge of Hadrut but the town itself had not fallen.",
        {"controller": "Artsakh Defence Army", "place": "Hadrut"},
    ),
    # First strike on Ganja, 11 October.
    (
        "ganja1_pg",
        11,
        8,
        "Caspian Wire",
        "Prosecutor General of Azerbaijan",
        None,
        "casualty",
        "ganja1",
        "Prosecutors said ten civilians were killed when a missile struck a residential street in Ganja overnight.",
        {
            "killed_min": 10,
            "killed_max": 10,
            "wounded_min": 34,
            "wounded_max": 34,
            "victim_group": "civilian",
        },
    ),
    (
        "ganja1_aide",
        11,
        6,
        "Transcaucasus Agency",
        "Hikmet Hajiyev",
        "Reuters",
        "casualty",
        "ganja1",
        "An early toll from Baku put the dead at nine, with more people trapped under rubble.",
        {"killed_min": 9, "killed_max": 9, "victim_group": "civilian"},
    ),
    (
        "ganja1_am",
        11,
        12,
        "Ararat Evening",
        "Ministry of Defence of Armenia",
        None,
        "denial",
        "ganja1",
        "The ministry said Armenia had not fired on Ganja and rejected the accusation as propaganda.",
        {"act": "firing a missile at Ganja"},
    ),
    # Second strike on Ganja, 17 October.
    (
        "ganja2_afp",
        17,
        4,
        "Transcaucasus Agency",
        "Hikmet Hajiyev",
        "Agence France-Presse",
        "casualty",
        "ganja2",
        "Relaying the first official count, the agency said at least nine people had died in the night strike.",
        {"killed_min": 9, "killed_max": None, "victim_group": "civilian"},
    ),
    (
        "ganja2_pg",
        17,
        9,
        "Caspian Wire",
        "Prosecutor General of Azerbaijan",
        None,
        "casualty",
        "ganja2",
        "Prosecutors said thirteen civilians, among them children, died when a missile hit an apartment block.",
        {
            "killed_min": 13,
            "killed_max": 13,
            "wounded_min": 50,
            "wounded_max": 52,
            "victim_group": "civilian",
        },
    ),
    (
        "ganja2_ngo",
        17,
        16,
        "Frontline Monitor",
        "Human Rights Watch",
        None,
        "casualty",
        "ganja2",
        'Researchers on the scene counted "at least ten" dead & said the toll could rise.',
        {"killed_min": 10, "killed_max": 12, "victim_group": "civilian"},
    ),
    (
        "ganja2_artsakh",
        17,
        11,
        "Ararat Evening",
        "Artsakh Defence Army",
        None,
        "statement",
        "ganja2",
        "The army of the unrecognised republic said it had only hit military targets near the city.",
        {},
    ),
    # Shelling of Stepanakert, 14 October.
    (
        "stepanakert_am",
        14,
        9,
        "Ararat Evening",
        "Artak Beglaryan",
        None,
        "casualty",
        "stepanakert",
        "The ombudsman said two civilians were killed by shelling in Stepanakert overnight.",
        {"killed_min": 2, "killed_max": 2, "victim_group": "civilian"},
    ),
    (
        "stepanakert_az",
        14,
        13,
        "Caspian Wire",
        "Ministry of Defence of Azerbaijan",
        None,
        "denial",
        "stepanakert",
        "Baku said its forces did not target civilians in Khankendi and struck only military positions.",
        {"act": "shelling civilians in Stepanakert"},
    ),
    (
        "stepanakert_ngo",
        15,
        10,
        "Frontline Monitor",
        "International Committee of the Red Cross",
        None,
        "casualty",
        "stepanakert",
        "Aid workers said between two and five civilians had been killed in the city that week.",
        {"killed_min": 2, "killed_max": 5, "victim_group": "civilian"},
    ),
]

INCIDENTS = {
    "breach": (
        "Assault at 12:05 after the humanitarian truce",
        IncidentKind.CEASEFIRE_BREACH,
        None,
        sample_time(10, 12, 5),
    ),
    "hadrut": ("Control of Hadrut", IncidentKind.CAPTURE, "Hadrut", sample_time(9, 0)),
    "ganja1": ("Missile strike on Ganja, 11 October", IncidentKind.STRIKE, "Ganja", sample_time(11, 0)),
    "ganja2": ("Missile strike on Ganja, 17 October", IncidentKind.STRIKE, "Ganja", sample_time(17, 1)),
    "stepanakert": ("Shelling of Stepanakert", IncidentKind.STRIKE, "Stepanakert", sample_time(14, 0)),
}

# (kind, a, b, score, explanation, detected (day, hour), review (status, day, hour) or None)
CONTRADICTIONS = [
    (
        ContradictionKind.CONFLICTING_BLAME,
        "breach_am",
        "breach_az",
        0.85,
        "Each side says the other broke the truce first (12:05 assault vs shelling of Tartar)",
        (10, 16),
        ("confirmed", 12, 10),
    ),
    (
        ContradictionKind.ACCUSATION_DENIAL,
        "breach_am",
        "deny_az",
        0.8,
        "Armenian MoD: assault at 12:05; presidential aide: no offensive at noon",
        (10, 19),
        None,
    ),
    (
        ContradictionKind.ACCUSATION_DENIAL,
        "breach_az",
        "deny_am",
        0.75,
        "Azerbaijani MoD: shelling after the truce; Armenian MoD: held fire",
        (11, 10),
        None,
    ),
    (
        ContradictionKind.CONFLICTING_CONTROL,
        "hadrut_az",
        "hadrut_am",
        0.9,
        "Hadrut held by the Azerbaijani army vs by local defence forces",
        (11, 11),
        None,
    ),
    (
        ContradictionKind.CONFLICTING_CONTROL,
        "hadrut_az",
        "hadrut_am2",
        0.7,
        "Hadrut taken vs fighting only on its edge",
        (14, 13),
        ("dismissed", 16, 9),
    ),
    (
        ContradictionKind.CASUALTY_MISMATCH,
        "ganja1_pg",
        "ganja1_aide",
        0.4,
        "killed: 10 (Prosecutor General) vs 9 (presidential aide, early toll)",
        (11, 9),
        ("dismissed", 12, 15),
    ),
    (
        ContradictionKind.CASUALTY_MISMATCH,
        "ganja2_pg",
        "ganja2_ngo",
        0.9,
        "killed: 13 (Prosecutor General) vs 10–12 (Human Rights Watch)",
        (17, 17),
        None,
    ),
    (
        ContradictionKind.ACCUSATION_DENIAL,
        "stepanakert_am",
        "stepanakert_az",
        0.8,
        "Two civilians killed by shelling vs no civilian targets",
        (14, 14),
        None,
    ),
]

ROUTINE = [
    "The ministry said fighting continued along the front overnight.",
    "Officials said the other side had shelled positions in the north.",
    "A spokesperson said the army had repelled an attack in the south.",
    "The statement said several drones had been shot down.",
    "Officials said their forces remained committed to the truce.",
]
ROUTINE_PARTIES = {
    "Ministry of Defence of Azerbaijan": 7,
    "Ministry of Defence of Armenia": 6,
    "Artsakh Defence Army": 4,
    "Ministry of National Defence of Turkey": 1,
    "Ministry of Foreign Affairs of Russia": 2,
    "Government of Turkey": 1,
}
