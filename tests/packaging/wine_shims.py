"""Two Windows 10 system DLLs that Wine 8 lacks, written as minimal PE files for a test prefix.

The MSI targets Windows 10 1903+ / 11, whose ``System32`` has both of these; Wine 8 (Debian 12's)
has neither, so without them the installed app's Qt and its Rust-built wheels do not load:

* ``bcryptprimitives.dll!ProcessPrng`` (Windows 10+), imported by cryptography's ``_rust.pyd``
  and pydantic-core. The shim forwards it to ``advapi32.SystemFunction036`` (``RtlGenRandom``),
  the same system CSPRNG Wine's ``BCryptGenRandom`` uses. ProcessPrng is documented to always
  return TRUE and both callers (Rust's std and the ``getrandom`` crate) ignore the result, and a
  SIZE_T length fits RtlGenRandom's ULONG for every buffer they ask for.
* ``icuuc.dll`` (Windows 10 1903+'s system ICU), imported by ``Qt6Core.dll`` for its ``ucnv_*``
  character-set converters only (legacy encodings such as Shift-JIS in ``QStringDecoder``). The
  shim's converters all report "not available" (``U_FILE_ACCESS_ERROR``), the answer ICU gives
  when a converter's data is missing, so Qt falls back to its built-in UTF-8/16/32 and Latin-1,
  all Pleiepunkt uses. Every other entry returns 0 and is never reached: no converter is ever
  handed out.

These files go only into the test's throw-away Wine prefix (``C:\\windows\\system32``); they are
never shipped and never touch the installed app. Each is built here from its export table, so
nothing binary is committed and nothing is downloaded.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

U_FILE_ACCESS_ERROR = 4
_RETURN_ZERO = bytes.fromhex("31c0c3")  # xor eax, eax; ret


def _fail_status(register: str) -> bytes:
    """Machine code: if the UErrorCode* in ``register`` is not NULL, store an error; return 0."""
    code = {
        "rdx": "4885d2" + "7406" + "c702",  # test rdx, rdx; jz +6; mov dword [rdx], imm32
        "r8": "4d85c0" + "7407" + "41c700",  # test r8, r8; jz +7; mov dword [r8], imm32
    }[register]
    return bytes.fromhex(code) + struct.pack("<I", U_FILE_ACCESS_ERROR) + _RETURN_ZERO


@dataclass(frozen=True, slots=True)
class Export:
    """One exported name: machine code to run, or a forwarder string ("DLL.Function")."""

    name: str
    code: bytes = b""
    forward: str = ""


ICU_CONVERTERS = (
    Export("ucnv_open", _fail_status("rdx")),  # (name, UErrorCode*) -> NULL
    Export("ucnv_getStandardName", _fail_status("r8")),  # (name, standard, UErrorCode*) -> NULL
    *(
        Export(name, _RETURN_ZERO)
        for name in (
            "ucnv_close", "ucnv_countAvailable", "ucnv_getAvailableName",
            "UCNV_FROM_U_CALLBACK_SUBSTITUTE", "UCNV_TO_U_CALLBACK_SUBSTITUTE", "ucnv_reset",
            "ucnv_getMaxCharSize", "ucnv_getName", "ucnv_getToUCallBack",
            "ucnv_getFromUCallBack", "ucnv_setToUCallBack", "ucnv_setFromUCallBack",
            "ucnv_cbToUWriteUChars", "ucnv_toUnicode", "ucnv_cbFromUWriteUChars",
            "ucnv_toUCountPending", "ucnv_fromUCountPending", "ucnv_fromUnicode",
        )
    ),
)  # fmt: skip
PROCESS_PRNG = (Export("ProcessPrng", forward="advapi32.SystemFunction036"),)
SHIMS = {"icuuc.dll": ICU_CONVERTERS, "bcryptprimitives.dll": PROCESS_PRNG}

_SECTION_RVA = 0x1000
_FILE_ALIGN = 0x200
_SECTION_ALIGN = 0x1000
_HEADERS_SIZE = 0x200


def _align(value: int, alignment: int) -> int:
    return (value + alignment - 1) // alignment * alignment


def build_dll(name: str, exports: tuple[Export, ...]) -> bytes:
    """A PE32+ (x64) DLL with one read/execute section holding the stubs and the export table.

    No entry point, no imports, no relocations (the stubs use no absolute addresses), so the
    loader may place it anywhere.
    """
    ordered = sorted(exports, key=lambda e: e.name.encode("ascii"))  # the loader bisects names
    body = bytearray()
    code_rva: dict[str, int] = {}
    for export in ordered:
        if export.code:
            code_rva[export.name] = _SECTION_RVA + len(body)
            body += export.code
            body += b"\xcc" * (-len(body) % 16)
    export_start = len(body)
    count = len(ordered)
    directory_size = 40
    functions = export_start + directory_size
    names = functions + 4 * count
    ordinals = names + 4 * count
    strings = bytearray()
    strings_base = ordinals + 2 * count

    def string_rva(text: str) -> int:
        offset = strings_base + len(strings)
        strings.extend(text.encode("ascii") + b"\0")
        return _SECTION_RVA + offset

    dll_name_rva = string_rva(name)
    name_rvas = [string_rva(e.name) for e in ordered]
    function_rvas = [string_rva(e.forward) if e.forward else code_rva[e.name] for e in ordered]
    body += struct.pack(
        "<IIHHIIIIII", 0, 0, 0, 0, dll_name_rva, 1, count, count,
        _SECTION_RVA + functions, _SECTION_RVA + names,
    )  # fmt: skip
    body += struct.pack("<I", _SECTION_RVA + ordinals)
    body += struct.pack(f"<{count}I", *function_rvas)
    body += struct.pack(f"<{count}I", *name_rvas)
    body += struct.pack(f"<{count}H", *range(count))
    body += strings
    export_size = len(body) - export_start

    raw_size = _align(len(body), _FILE_ALIGN)
    virtual_size = len(body)
    image_size = _SECTION_RVA + _align(virtual_size, _SECTION_ALIGN)
    dos = b"MZ" + b"\0" * 58 + struct.pack("<I", 0x40)
    coff = struct.pack(
        "<HHIIIHH", 0x8664, 1, 0, 0, 0, 240,
        0x0002 | 0x0020 | 0x2000,  # executable image, large-address aware, DLL
    )  # fmt: skip
    optional = struct.pack(
        "<HBBIIIII", 0x20B, 14, 0, raw_size, 0, 0, 0, _SECTION_RVA
    ) + struct.pack(
        "<QIIHHHHHHIIIIHHQQQQII",
        0x6F_F000_0000, _SECTION_ALIGN, _FILE_ALIGN, 6, 0, 0, 0, 6, 0, 0,
        image_size, _HEADERS_SIZE, 0,
        2,  # Windows GUI subsystem
        0x0040 | 0x0100,  # dynamic base, NX compatible
        0x100000, 0x1000, 0x100000, 0x1000, 0, 16,
    )  # fmt: skip
    directories = [(0, 0)] * 16
    directories[0] = (_SECTION_RVA + export_start, export_size)
    optional += b"".join(struct.pack("<II", *d) for d in directories)
    section = struct.pack(
        "<8sIIIIIIHHI", b".text", virtual_size, _SECTION_RVA, raw_size, _HEADERS_SIZE,
        0, 0, 0, 0, 0x60000020,  # code, execute, read
    )  # fmt: skip
    headers = dos + b"PE\0\0" + coff + optional + section
    return headers.ljust(_HEADERS_SIZE, b"\0") + bytes(body).ljust(raw_size, b"\0")


def install_shims(system32: Path) -> list[Path]:
    """Write every shim into a Wine prefix's ``system32``; return their paths."""
    written = []
    for name, exports in SHIMS.items():
        path = system32 / name
        path.write_bytes(build_dll(name, exports))
        written.append(path)
    return written
