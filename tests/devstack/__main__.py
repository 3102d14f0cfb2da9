"""Run the identity provider and the journal platform together, as a municipality would have them.

``python -m tests.devstack --config-root DIR --client-jwk FILE [--load FILE ...] [--feed S]``

Starts the local identity provider (oidc-provider, HelseID-like) and the FHIR platform that accepts
only DPoP-bound tokens from it, registers this installation's client key (printed by
``pleiepunkt client-key``), loads the given synthetic data, and writes ``DIR/config.toml`` (the
machine configuration) so ``pleiepunkt --config-root DIR`` finds both. With ``--feed S`` new home
measurements and dispenser events for the loaded patients arrive every S seconds
(``tests/synthetic/feed.py``), so alerts come in with the next sync. Prints ``DEVSTACK_READY``
and runs until Ctrl+C or stdin closes. Synthetic users: see ``tests/idp/users.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
import threading
from pathlib import Path

from tests.idp.launcher import FHIR_RESOURCE, FHIR_SCOPE, IdentityProvider
from tests.platform.launcher import JwtAccess, Platform
from tests.synthetic.feed import FeedRunner, LiveFeed, admin_writer, read_ndjson, roster
from tests.synthetic.fhir import OSLO

CLIENT_ID = "pleiepunkt-demo"


def main() -> None:
    """Start both servers, register the client, write the configuration, wait."""
    parser = argparse.ArgumentParser(prog="python -m tests.devstack", description=__doc__)
    parser.add_argument("--config-root", type=Path, required=True)
    parser.add_argument("--client-jwk", type=Path, required=True, help="the client's public JWK")
    parser.add_argument("--load", type=Path, nargs="*", default=[], help="NDJSON files")
    parser.add_argument("--feed", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args()
    jwk = json.loads(args.client_jwk.read_text(encoding="utf-8"))
    with IdentityProvider.start(resources={FHIR_RESOURCE: FHIR_SCOPE}) as idp:
        idp.register_client(CLIENT_ID, jwk)
        access = JwtAccess(issuer=idp.issuer, audience=FHIR_RESOURCE, scope=FHIR_SCOPE)
        with Platform.start(jwt=access) as platform:
            for path in args.load:
                print(f"loaded {platform.load_ndjson(path)} resources from {path.name}", flush=True)
            args.config_root.mkdir(parents=True, exist_ok=True)
            (args.config_root / "config.toml").write_text(
                f'server_url = "{platform.fhir_base}"\n'
                f'identity_provider_url = "{idp.issuer}"\n'
                f'client_id = "{CLIENT_ID}"\n',
                encoding="utf-8",
            )
            runner = None
            if args.feed is not None:
                since = dt.datetime.combine(dt.date.today(), dt.time(), OSLO)
                feed = LiveFeed(roster(read_ndjson(args.load)), since=since)
                writer = admin_writer(platform.admin_base)
                runner = FeedRunner(feed, write=writer, interval=args.feed).start()
            print(f"DEVSTACK_READY {platform.fhir_base} {idp.issuer}", flush=True)
            stop = threading.Event()
            threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
            if runner is not None:
                runner.stop()


if __name__ == "__main__":
    main()
