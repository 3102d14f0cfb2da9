"""The shift's own work: the task list, nursing notes with their drafts, and the ISBAR handover.

Pure rules (``task_list``, ``handover_prefill``) decide what is due and what a handover says;
the services (``tasks``, ``notes``, ``handover``) read and write the signed-in user's store;
``drafts`` keeps what is typed until it is written. The views see only the plain values of
``values`` and ``entries`` through ``app.contract.ShiftWorkSource``.
"""
