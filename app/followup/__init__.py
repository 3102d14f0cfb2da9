"""Remote follow-up: home measurements, dispensers and alarms in the nurse's view (no Qt)."""
