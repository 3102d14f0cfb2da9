"""Tests for the FHIR client in client/."""
