"""The application layer: what a running workstation does, in plain Python (no Qt).

- ``app.session``: the session lifecycle of a shared workstation (sign-in, PIN unlock, lock,
  user switch, sign-out), handing out the signed-in person's open store, typed.
- ``app.syncing``: the workstation's sync scheduling and the background push of a locked
  person's unsynced records (``OutboxDrain``).
- ``app.records`` and ``app.bedside``: the services a window reads and writes through (open a
  record with its access log, request a renewal, record a dose, record vital signs), each
  concern in its own module; ``app.services.ClinicalServices`` is all of them over one store.
- ``app.workstation``: ties these together for the window; ``app.doctor``, ``app.headless``
  and ``app.self_test`` are the command line's commands.

The views' side of the contract is light on purpose, so ``ui`` may import it without pulling
in HTTP or SQL: ``app.contract`` (the protocol family), ``app.values`` and ``app.entries`` (the
plain values read and handed over), ``app.errors`` (the one error root of what a person hears
about), and the pure round rules in ``app.bedside`` (``config``, ``round_plan``,
``due_counts``). This package's own import loads nothing else.

Depends on ``client``, ``offline``, ``sync``, ``clinical`` and ``config`` (their public
``__init__`` only), never on Qt.
"""
