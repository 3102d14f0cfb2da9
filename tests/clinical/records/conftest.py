"""Shared helpers: validate builder output with the fhir.resources R4B models."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B import get_fhir_model_class

from clinical.records import Staff

OSLO = ZoneInfo("Europe/Oslo")
AT = datetime(2025, 3, 12, 8, 14, tzinfo=OSLO)
PATIENT = "5b0e4a61-4c5c-4f0a-9a53-1f0d7c3c2a10"
NURSE = Staff("0f3a6e8e-5d55-4e4f-8d16-0c1b2a3d4e5f", "Kari Nordmann", hpr="9144889", role="SP")
COLLEAGUE = Staff("7c2d9f11-7a0e-4f38-9b8e-3e1e7d3c9a21", "Ola Hansen", hpr="9104730", role="SP")


def validate(resource: dict[str, Any]) -> Any:
    """Parse with the R4B model of the resource's type (raises on invalid content)."""
    model = get_fhir_model_class(resource["resourceType"])
    return model.model_validate(resource)


@pytest.fixture
def check_valid():
    return validate
