"""Presenters: FHIR R4 JSON in, plain display values out, with no widgets and no QApplication.

Every function here is pure (the current time is a parameter), never raises on odd but legal FHIR,
and returns dataclasses that the Qt views render. Words that need translating are returned as enum
members, never as English text, so the widgets translate them with ``ui.labels``. The one
exception is ``ui.presenters.wording``: treatment-limitation titles ("HLR-minus: no
cardiopulmonary resuscitation", "Not: …") are composed whole so their negation can never get
lost, translated with QtCore's application-free, thread-safe ``translate``.
"""
