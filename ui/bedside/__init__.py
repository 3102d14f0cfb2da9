"""Bedside documentation: medication round (eMAR) and vital signs with NEWS2.

Widgets take their dependencies in the constructor (``source``: an ``app.contract.BedsideSource``,
``runner``: ``ui.tasks.TaskRunner``, ``clock``: a callable returning an aware datetime,
``config``: ``app.bedside.config.BedsideConfig``, ``guard``: the header's
``clinical.patient_guard.PatientGuard``,
which every save and scan is checked against) and show a patient after
``set_patient(patient_id)``, which empties the view at once:

- ``UnitRoundView``: due doses per patient of the unit/route; emits ``patient_activated``.
- ``MedicationRoundView``: one patient's round (dose, pouch, as-needed, effect follow-up).
- ``VitalSignsView``: vital-signs entry with live NEWS2.
- ``VitalsTrendView``: chart and table of each vital sign and NEWS2 over time.

Dialogs collect what the nurse chose and typed into a plain value (``app.entries``) and hand it
to the source, which builds and saves the records. Texts are English in the source and Bokmål
in ``resources/translations/bedside_nb.ts``.
"""

from ui.bedside.round_view import MedicationRoundView
from ui.bedside.trend_view import VitalsTrendView
from ui.bedside.unit_round_view import UnitRoundView
from ui.bedside.vitals_form import VitalSignsView

__all__ = ["MedicationRoundView", "UnitRoundView", "VitalSignsView", "VitalsTrendView"]
