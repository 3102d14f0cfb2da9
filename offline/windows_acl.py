"""Windows access control for the store folder: the signed-in user and SYSTEM only.

Windows has no ``chmod 0600``: ``os.open(..., 0o600)`` only sets the read-only bit, and who may
open a file is decided by its DACL. A new file takes the inheritable entries of its folder's
DACL, so the store folder gets a *protected* DACL (nothing inherited from ``%LOCALAPPDATA%`` or
a folder IT chose) with two entries, both inherited by every file and subfolder created in it::

    D:P(A;OICI;FA;;;<the user's SID>)(A;OICI;FA;;;SY)

(full access for the user and for SYSTEM, which backup and anti-malware run as). Administrators
are left out on purpose: an administrator can still take ownership, but that is audited.

:func:`other_trustees` reads a file's DACL back (``GetFileSecurityW``, as SDDL) and names every
account besides those two that it lets in; ``doctor`` reports them. Everything goes through the
documented Win32 API with ctypes (advapi32/kernel32); nothing here runs on other platforms.
"""

from __future__ import annotations

import ctypes
import re
from functools import cache
from pathlib import Path

from offline.win32 import last_error, prototype, system_dll

SYSTEM_SID = "S-1-5-18"
_SYSTEM_NAMES = frozenset({"SY", SYSTEM_SID})
_SDDL_REVISION_1 = 1
_DACL_SECURITY_INFORMATION = 0x00000004
_PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
_TOKEN_QUERY = 0x0008
_TOKEN_USER = 1
_ERROR_INSUFFICIENT_BUFFER = 122
_ACE = re.compile(r"\(([^;()]*);([^;()]*);[^;()]*;[^;()]*;[^;()]*;([^;()]*)(?:;[^()]*)?\)")


class _Win32:
    """The Win32 functions used here, with their prototypes (x64: one calling convention)."""

    def __init__(self) -> None:
        advapi32 = system_dll("advapi32")
        kernel32 = system_dll("kernel32")
        p, u32, wstr = ctypes.c_void_p, ctypes.c_uint32, ctypes.c_wchar_p
        self.get_current_process = prototype(kernel32.GetCurrentProcess, p)
        self.open_process_token = prototype(advapi32.OpenProcessToken, ctypes.c_int, p, u32, p)
        self.get_token_information = prototype(
            advapi32.GetTokenInformation, ctypes.c_int, p, u32, p, u32, p
        )
        self.convert_sid_to_string = prototype(advapi32.ConvertSidToStringSidW, ctypes.c_int, p, p)
        self.string_to_descriptor = prototype(
            advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW,
            ctypes.c_int, wstr, u32, p, p,
        )  # fmt: skip
        self.descriptor_to_string = prototype(
            advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW,
            ctypes.c_int, p, u32, u32, p, p,
        )  # fmt: skip
        self.set_file_security = prototype(advapi32.SetFileSecurityW, ctypes.c_int, wstr, u32, p)
        self.get_file_security = prototype(
            advapi32.GetFileSecurityW, ctypes.c_int, wstr, u32, p, u32, p
        )
        self.close_handle = prototype(kernel32.CloseHandle, ctypes.c_int, p)
        self.local_free = prototype(kernel32.LocalFree, p, p)


def _win32_error(what: str) -> OSError:
    """An OSError carrying the thread's last Win32 error code (ctypes keeps it per call)."""
    return OSError(f"{what} failed (Windows error {last_error()})")


_API: _Win32 | None = None


def _api() -> _Win32:
    global _API  # noqa: PLW0603  (loaded on first use: only Windows has these libraries)
    if _API is None:
        _API = _Win32()
    return _API


@cache
def current_user_sid() -> str:
    """The SID of the account this process runs as, e.g. ``S-1-5-21-…-1001``."""
    api = _api()
    token = ctypes.c_void_p()
    if not api.open_process_token(api.get_current_process(), _TOKEN_QUERY, ctypes.byref(token)):
        raise _win32_error("OpenProcessToken")
    try:
        needed = ctypes.c_uint32(0)
        api.get_token_information(token, _TOKEN_USER, None, 0, ctypes.byref(needed))
        buffer = ctypes.create_string_buffer(needed.value)
        if not api.get_token_information(
            token, _TOKEN_USER, buffer, needed.value, ctypes.byref(needed)
        ):
            raise _win32_error("GetTokenInformation")
        sid = ctypes.c_void_p.from_buffer(buffer).value  # TOKEN_USER starts with the PSID
        text = ctypes.c_wchar_p()
        if not api.convert_sid_to_string(ctypes.c_void_p(sid), ctypes.byref(text)):
            raise _win32_error("ConvertSidToStringSidW")
        try:
            return str(text.value)
        finally:
            api.local_free(text)
    finally:
        api.close_handle(token)


def private_sddl(user_sid: str, *, inheritable: bool) -> str:
    """The protected DACL for the user and SYSTEM, as SDDL (inherited by children if asked)."""
    flags = "OICI" if inheritable else ""
    return f"D:P(A;{flags};FA;;;{user_sid})(A;{flags};FA;;;SY)"


def restrict_to_user(path: Path) -> None:
    """Replace ``path``'s DACL with :func:`private_sddl` for this process's user; OSError if not.

    A folder's entries are inheritable, so files created in it afterwards get the same two.
    """
    api = _api()
    sddl = private_sddl(current_user_sid(), inheritable=path.is_dir())
    descriptor = ctypes.c_void_p()
    if not api.string_to_descriptor(sddl, _SDDL_REVISION_1, ctypes.byref(descriptor), None):
        raise _win32_error("ConvertStringSecurityDescriptorToSecurityDescriptorW")
    try:
        flags = _DACL_SECURITY_INFORMATION | _PROTECTED_DACL_SECURITY_INFORMATION
        if not api.set_file_security(str(path), flags, descriptor):
            raise _win32_error(f"SetFileSecurityW on {path.name}")
    finally:
        api.local_free(descriptor)


def dacl_sddl(path: Path) -> str:
    """``path``'s DACL as SDDL text (``D:…``), read with GetFileSecurityW."""
    api = _api()
    needed = ctypes.c_uint32(0)
    api.get_file_security(str(path), _DACL_SECURITY_INFORMATION, None, 0, ctypes.byref(needed))
    if needed.value == 0:
        raise _win32_error(f"GetFileSecurityW on {path.name}")
    buffer = ctypes.create_string_buffer(needed.value)
    if not api.get_file_security(
        str(path), _DACL_SECURITY_INFORMATION, buffer, needed.value, ctypes.byref(needed)
    ):
        raise _win32_error(f"GetFileSecurityW on {path.name}")
    text = ctypes.c_wchar_p()
    if not api.descriptor_to_string(
        buffer, _SDDL_REVISION_1, _DACL_SECURITY_INFORMATION, ctypes.byref(text), None
    ):
        raise _win32_error("ConvertSecurityDescriptorToStringSecurityDescriptorW")
    try:
        return str(text.value)
    finally:
        api.local_free(text)


def trustees_besides(sddl: str, user_sid: str) -> list[str]:
    """Accounts other than ``user_sid`` and SYSTEM that the DACL ``sddl`` lets in.

    A DACL that is missing altogether (``D:NO_ACCESS_CONTROL``) lets everyone in. Deny entries
    and inherit-only entries (which apply to future children, not to this file) are skipped.
    """
    dacl = sddl.split("D:", 1)[1] if "D:" in sddl else ""
    if not dacl or dacl.startswith("NO_ACCESS_CONTROL"):
        return ["Everyone (no access list)"]
    others = []
    for ace_type, flags, trustee in _ACE.findall(dacl.split("S:", 1)[0]):
        if ace_type not in {"A", "OA"} or "IO" in flags:
            continue
        if trustee != user_sid and trustee not in _SYSTEM_NAMES and trustee not in others:
            others.append(trustee)
    return others


def other_trustees(path: Path) -> list[str]:
    """Accounts besides this user and SYSTEM that may open ``path`` (empty: it is private)."""
    return trustees_besides(dacl_sddl(path), current_user_sid())


def make_folder_private(directory: Path) -> None:
    """Restrict ``directory`` and each thing in it that lets in anyone besides this user and
    SYSTEM: files made before the folder was private (or, where a file system applies no
    inheritance, after) end up no wider open than the folder."""
    user_sid = current_user_sid()
    for path in (*sorted(directory.rglob("*"), reverse=True), directory):
        if not path.is_symlink() and trustees_besides(dacl_sddl(path), user_sid):
            restrict_to_user(path)
