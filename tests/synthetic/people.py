"""Names, addresses and phone numbers for synthetic people, drawn from one Random."""

from __future__ import annotations

import random

from clinical import codes
from tests.synthetic import vocabulary as vocab
from tests.synthetic.fhir import Resource


def human_name(rng: random.Random, *, female: bool, old: bool) -> Resource:
    """A no-basis style HumanName: given names, optional middle name in its extension."""
    pool: tuple[str, ...]
    if old:
        pool = vocab.FEMALE_OLD if female else vocab.MALE_OLD
    else:
        pool = vocab.FEMALE_YOUNG if female else vocab.MALE_YOUNG
    given = [rng.choice(pool)]
    if rng.random() < 0.1:
        second = rng.choice(pool)
        if second != given[0]:
            given.append(second)
    family = rng.choice(vocab.SURNAMES)
    name: Resource = {"use": "official", "family": family, "given": given}
    parts = [*given]
    if rng.random() < 0.2:
        middle = rng.choice(vocab.SURNAMES)
        if middle != family:
            name["extension"] = [{"url": codes.NO_BASIS_MIDDLE_NAME, "valueString": middle}]
            parts.append(middle)
    name["text"] = " ".join([*parts, family])
    return name


def address(
    rng: random.Random, *, line: str | None = None, postcode: int | None = None
) -> Resource:
    """A home address in Fjordvik with the municipality code on ``district``."""
    code, town = vocab.POSTCODES[
        rng.randrange(len(vocab.POSTCODES)) if postcode is None else postcode
    ]
    if line is None:
        letter = rng.choice(("", "", "", "", " A", " B"))
        line = f"{rng.choice(vocab.STREETS)} {rng.randint(1, 80)}{letter}"
    return {
        "use": "home",
        "type": "physical",
        "line": [line],
        "postalCode": code,
        "city": town,
        "district": vocab.MUNICIPALITY_NAME,
        "_district": {
            "extension": [
                {
                    "url": codes.NO_BASIS_MUNICIPALITY_CODE,
                    "valueCoding": {
                        "system": codes.KOMMUNENUMMER,
                        "code": vocab.MUNICIPALITY_NUMBER,
                        "display": vocab.MUNICIPALITY_NAME,
                    },
                }
            ]
        },
        "state": vocab.COUNTY,
        "country": "NO",
    }


def phone(rng: random.Random, *, mobile: bool = True) -> Resource:
    """A Norwegian phone number (mobile numbers start with 4 or 9)."""
    first = rng.choice("49") if mobile else "5"
    digits = first + "".join(str(rng.randrange(10)) for _ in range(7))
    return {
        "system": "phone",
        "value": f"+47 {digits[:3]} {digits[3:5]} {digits[5:]}",
        "use": "mobile" if mobile else "work",
    }
