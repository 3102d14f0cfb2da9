"""Plain text goes into narrative XHTML escaped and comes back as it was typed."""

from __future__ import annotations

import pytest

from clinical.narrative import markup_to_text, text_to_xhtml


@pytest.mark.parametrize(
    "text",
    ["En linje", "To\nlinjer", "Avsnitt\n\nmed tom linje", "<b>fet</b> & <script>x</script>", ""],
)
def test_text_survives_the_round_trip(text: str) -> None:
    div = text_to_xhtml(text)
    assert div.startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    assert "<b>" not in div
    assert "<script>" not in div
    assert markup_to_text(div) == text
