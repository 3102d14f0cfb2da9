"""Qt-free presenters: FHIR R4 JSON in, plain display values out.

Every function here is pure (the current time is a parameter), never raises on odd but legal FHIR,
and returns dataclasses that the Qt views render. Words that need translating are returned as enum
members, never as English text, so the widgets translate them with ``ui.labels``.
"""
