"""Notes from any system read as plain text: our own, HTML, other charsets, PDFs and VKP/JFT
Compositions; a withdrawn note says so."""

from __future__ import annotations

import base64
from datetime import timedelta

from clinical.notes_read import read_note
from clinical.records.authorship import Author
from clinical.records.nursing_note import NoteCategory, nursing_note
from tests.clinical.records.conftest import AT, NURSE, PATIENT

XHTML = '<div xmlns="http://www.w3.org/1999/xhtml">'


def document(*attachments: dict, **more) -> dict:
    return {
        "resourceType": "DocumentReference",
        "id": "doc-1",
        "status": "current",
        "subject": {"reference": f"Patient/{PATIENT}"},
        "date": "2025-03-12T10:00:00+01:00",
        "author": [{"reference": "PractitionerRole/r1", "display": "Lege Hansen"}],
        "content": [{"attachment": a} for a in attachments],
        **more,
    }


def data(text: str, encoding: str = "utf-8") -> str:
    return base64.b64encode(text.encode(encoding)).decode()


def test_our_own_note_reads_back_whole() -> None:
    ours = nursing_note(
        patient_id=PATIENT,
        author=Author(NURSE),
        category=NoteCategory.INCIDENT,
        text="Falt kl. 03.\nIngen skader.",
        observed_at=AT - timedelta(hours=5),
        written_at=AT,
    )
    note = read_note(ours)
    assert note is not None
    assert note.text == "Falt kl. 03.\nIngen skader."
    assert note.category == "hendelse"
    assert note.category_text == "Hendelse"
    assert note.author == "Kari Nordmann (Sykepleier)"
    assert note.observed_at == AT - timedelta(hours=5)


def test_html_is_reduced_to_its_text_and_never_rendered() -> None:
    html = (
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<h2>Notat</h2><p>Blodtrykk <b>132/78</b> &amp; puls 70</p></body></html>"
    )
    note = read_note(document({"contentType": "text/html", "data": data(html)}))
    assert note is not None
    assert note.text == "Notat\nBlodtrykk 132/78 & puls 70"


def test_the_charset_named_is_used() -> None:
    note = read_note(
        document(
            {
                "contentType": "text/plain; charset=iso-8859-1",
                "data": data("Søvn og måltider", "latin-1"),
            }
        )
    )
    assert note is not None
    assert note.text == "Søvn og måltider"


def test_a_pdf_or_a_link_is_listed_as_an_attachment() -> None:
    note = read_note(
        document(
            {"contentType": "application/pdf", "data": data("%PDF-1.4"), "title": "Epikrise"},
            {"contentType": "text/plain", "url": "Binary/b1"},
        )
    )
    assert note is not None
    assert note.text == ""
    assert [(a.title, a.content_type) for a in note.attachments] == [
        ("Epikrise", "application/pdf"),
        ("Binary/b1", "text/plain"),
    ]
    assert note.author == "Lege Hansen"


def test_a_withdrawn_note_says_so() -> None:
    note = read_note(
        document(
            {"contentType": "text/plain", "data": data("feil pasient")}, status="entered-in-error"
        )
    )
    assert note is not None
    assert note.withdrawn


def test_a_vkp_composition_reads_its_title_and_sections() -> None:
    composition = {
        "resourceType": "Composition",
        "id": "c1",
        "status": "final",
        "type": {"coding": [{"system": "http://loinc.org", "code": "34133-9"}], "text": "Hendelse"},
        "date": "2025-03-12T03:10:00+01:00",
        "title": "Fallalarm",
        "author": [{"display": "Responssenter"}],
        "section": [
            {
                "title": "Hendelse",
                "text": {
                    "status": "generated",
                    "div": XHTML + "<p>Alarm utløst kl. 03:02</p></div>",
                },
            },
            {
                "title": "Tiltak",
                "section": [
                    {
                        "title": "Tilsyn",
                        "text": {
                            "status": "generated",
                            "div": XHTML + "Hjemmesykepleien varslet</div>",
                        },
                    }
                ],
            },
        ],
    }
    note = read_note(composition)
    assert note is not None
    assert note.title == "Fallalarm"
    assert note.text == "Hendelse\nAlarm utløst kl. 03:02\nTiltak\nTilsyn\nHjemmesykepleien varslet"
    assert note.author == "Responssenter"
