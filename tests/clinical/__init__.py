"""Tests for the pure clinical rules in clinical/."""
