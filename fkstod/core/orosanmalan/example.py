"""A complete, fictional input for testers and integrators (``fkstod orosanmalan example``).

Every name, number and address is made up; the personnummer pass the control
digit check but belong to no one we know of.
"""

from __future__ import annotations


def example_input() -> dict:
    """Return a fictional form with two children, in the shape ``parse_form`` reads."""
    return {
        "kommun": "0380",
        "skyddade_personuppgifter": False,
        "barn": [
            {
                "namn": "Saga Exempelsson",
                "personnummer": "20150312-9809",
                "adress": "Påhittade gatan 1 B, 752 00 Uppsala",
                "skola": "Exempelskolan, klass 4",
                "vistelse": "I skolan, sedan hemma med mamma efter kl. 15",
                "kanner_till": "nej",
            },
            {
                "namn": "Elis Exempelsson",
                "personnummer": "2019-08-30",
                "adress": "Påhittade gatan 1 B, 752 00 Uppsala",
                "skola": "Förskolan Ekorren",
                "vistelse": "På förskolan",
                "kanner_till": "nej",
            },
        ],
        "vardnadshavare": [
            {
                "namn": "Maria Exempelsson",
                "relation": "mamma",
                "adress": "Påhittade gatan 1 B, 752 00 Uppsala",
                "telefon": "070-000 00 01",
            },
            {
                "namn": "Jonas Exempelsson",
                "relation": "pappa",
                "adress": "Okänd",
                "telefon": "",
            },
        ],
        "ovriga_syskon": "En halvbror, 19 år, bor inte hemma.",
        "tolk_behovs": False,
        "tolk_sprak": "",
        "oro": ["vald_i_familjen"],
        "egna_iakttagelser": (
            "Under telefonsamtalet den 3 mars hörde jag en vuxen röst skrika och ett barn gråta "
            "i bakgrunden. Mamman avbröt samtalet."
        ),
        "uppgifter_fran_andra": (
            "Mamman berättade att barnens pappa har slagit henne flera gånger och att barnen "
            "har varit hemma när det hänt."
        ),
        "akut_fara": False,
        "akut_kontakt": "",
        "uppgiftslamnare_i_fara": True,
        "vardnadshavare_kanner_till": "nej",
        "anmalare": {
            "namn": "Kim Handläggare",
            "titel": "Försäkringsutredare",
            "enhet": "Sjukförsäkring, exempelenheten",
            "telefon": "010-000 00 00",
            "epost": "kim.handlaggare@example.invalid",
        },
        "datum": "2025-09-15",
    }
