"""``ClinicalServices``: one user's open store as the views' ``ClinicalSource``.

Each concern is a service class of its own module over the same ``ServiceContext``:

- ``app.records.reads.RecordReads``: places, patient lists, the record tabs, due doses;
- ``app.records.access_log.AccessLog``: opening a record with its access log, own openings;
- ``app.records.renewal.RenewalRequests``: a renewal request to the prescriber;
- ``app.bedside.reads.BedsideReads``: what bedside documentation reads;
- ``app.bedside.doses.DoseRecording``: doses, multidose pouches, effects of as-needed doses;
- ``app.bedside.vitals.VitalsRecording``: vital signs with their NEWS2 score;
- ``app.followup.home_reads.HomeReads``: the trend's periods with limits, dispenser records;
- ``app.followup.reads.FollowUpReads``, ``app.followup.recording.FollowUpRecording``: the remote
  follow-up list and the nurse's follow-up of its items.
- ``app.shift.tasks.ShiftTasks``: the shift's task list and what became of each task;
- ``app.shift.notes.NursingNotes``: nursing notes, their drafts and corrections;
- ``app.shift.handover.Handovers``: the ISBAR handover, signed, read and acknowledged.

``ClinicalServices`` is all of them at once, so a window is wired with one object; a test may
build any one alone. Each raises only ``app.errors.AppError`` subclasses for a person to hear
about (store errors never leak through).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.bedside.config import ward_config
from app.bedside.doses import DoseRecording
from app.bedside.reads import BedsideReads
from app.bedside.vitals import VitalsRecording
from app.followup.home_reads import HomeReads
from app.followup.reads import FollowUpReads
from app.followup.recording import FollowUpRecording
from app.records.access_log import AccessLog
from app.records.reads import RecordReads
from app.records.renewal import RenewalRequests
from app.service_context import ColleagueVerifier, ServiceContext, StoreService
from app.shift.drafts import DraftBuffer
from app.shift.handover import Handovers
from app.shift.notes import NursingNotes
from app.shift.tasks import ShiftTasks
from clinical.clock import ClinicalClock
from clinical.records import Staff
from config import (
    CONTROLLED_DRUGS,
    ORGANISATION_NUMBER,
    PLACES_OF_WORK,
    PURPOSE_OF_USE_DETAIL,
    Settings,
)

if TYPE_CHECKING:
    from offline import Store

__all__ = ["ClinicalServices", "ServiceContext", "StoreService", "workstation_context"]


class ClinicalServices(
    RecordReads,
    AccessLog,
    RenewalRequests,
    BedsideReads,
    DoseRecording,
    VitalsRecording,
    HomeReads,
    FollowUpReads,
    FollowUpRecording,
    ShiftTasks,
    NursingNotes,
    Handovers,
):
    """Every service of the signed-in user's window over one ``ServiceContext``."""


def workstation_context(
    store: Callable[[], Store],
    *,
    user: Staff,
    settings: Settings,
    clock: ClinicalClock,
    last_sync: Callable[[], datetime | None] | None = None,
    online: Callable[[], bool] | None = None,
    colleague_verifier: ColleagueVerifier | None = None,
    drafts: DraftBuffer | None = None,
) -> ServiceContext:
    """The context of ``user``'s window on this workstation, with its settings applied; every
    clinical time in ``clock``'s zone."""
    return ServiceContext(
        store=store,
        user=user,
        clock=clock,
        zone=clock.zone,
        ward=ward_config(settings.get(CONTROLLED_DRUGS), zone=clock.zone),
        places=settings.get(PLACES_OF_WORK),
        last_sync=last_sync,
        online=online,
        organisation_number=settings.get(ORGANISATION_NUMBER),
        purpose_detail=settings.get(PURPOSE_OF_USE_DETAIL),
        colleague_verifier=colleague_verifier,
        drafts=drafts or DraftBuffer(user.practitioner_id),
    )
