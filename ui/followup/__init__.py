"""Remote follow-up: the list of home measurements, dispenser alerts and alarms to see to.

Its own translation catalogue (``resources/translations/followup_nb.ts``).
"""

from ui.followup.followup_view import FollowUpView

__all__ = ["FollowUpView"]
