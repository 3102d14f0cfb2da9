"""IT's recovery of a store whose PIN is forgotten, shared by the window and the command line.

The organisation's private key (PKCS#8 PEM, passphrase-protected, kept offline by IT) opens the
store's recovery wrap, and the same data key is wrapped under the person's new PIN: nothing is
re-encrypted and unsent records stay. The passphrase buffer is wiped afterwards. The event is
written to the security log by the key manager ("store-recovered").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.errors import RecoveryFailed, RecoveryProblem
from offline import KeyMaterialMissingError, RecoveryKeyError, load_recovery_private_key

if TYPE_CHECKING:
    from offline import KeyManager


def recover_store(keys: KeyManager, *, key_pem: bytes, passphrase: bytearray, new_pin: str) -> None:
    """Re-wrap ``keys``' data key under ``new_pin`` with IT's key; ``RecoveryFailed`` says why
    not (nothing changed then)."""
    try:
        if not keys.has_key():
            raise RecoveryFailed(RecoveryProblem.NO_STORE)
        if len(new_pin) < keys.policy.min_pin_length:
            raise RecoveryFailed(RecoveryProblem.PIN_TOO_SHORT)
        private = load_recovery_private_key(key_pem, bytes(passphrase))
        keys.recover(private, new_pin).wipe()
    except RecoveryKeyError as error:
        missing = "no recovery wrap" in str(error)
        problem = RecoveryProblem.NO_RECOVERY_WRAP if missing else RecoveryProblem.WRONG_KEY
        raise RecoveryFailed(problem) from None
    except KeyMaterialMissingError:
        raise RecoveryFailed(RecoveryProblem.NO_STORE) from None
    finally:
        passphrase[:] = bytes(len(passphrase))
