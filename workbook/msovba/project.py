"""The PROJECT stream (MS-OVBA 2.3.1), with its 2.4.3 data encryption, and PROJECTwm (2.3.3)."""

from __future__ import annotations

from collections.abc import Sequence

from .dirstream import _mbcs, _u32, _utf16
from .source import _ENCODING, VbaModule

# ProjectId (2.3.1.2): fixed so that builds are reproducible.
PROJECT_ID = "{8B4E3C2A-6F1D-4E7B-9A50-3C2D1E0F4A6B}"
_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
# Fixed Seed and IgnoredEnc bytes for the data encryption (2.4.3.2); (Seed & 6) / 2 = 2
# ignored bytes each.
_ENCRYPTION_SEED = 0x5C
_ENCRYPTION_IGNORED = b"\x00\x00"
_PROTECTION_STATE_NONE = bytes(4)  # ProjectProtectionState: nothing protected (2.3.1.15)
_PASSWORD_NONE = b"\x00"  # ProjectPassword: no password (2.3.1.16)
_VISIBILITY_VISIBLE = b"\xff"  # ProjectVisibilityState: visible (2.3.1.17)


def _project_stream(modules: Sequence[VbaModule], project_name: str) -> bytes:
    """PROJECT stream text, CRLF line ends, code page 1252 (2.3.1)."""
    lines = [f'ID="{PROJECT_ID}"']
    lines += [_project_module_line(module) for module in modules]  # 2.3.1.3
    lines += [
        f'Name="{project_name}"',  # 2.3.1.6
        'HelpContextID="0"',  # 2.3.1.7
        'VersionCompatible32="393222000"',  # 2.3.1.9
        f'CMG="{_encrypt(_PROTECTION_STATE_NONE)}"',  # 2.3.1.15
        f'DPB="{_encrypt(_PASSWORD_NONE)}"',  # 2.3.1.16
        f'GC="{_encrypt(_VISIBILITY_VISIBLE)}"',  # 2.3.1.17
        "",
        "[Host Extender Info]",  # 2.3.1.18
        _HOST_EXTENDER,
        "",
        "[Workspace]",  # 2.3.1.19: every window closed
        *(f"{module.name}=0, 0, 0, 0, C" for module in modules),
        "",
    ]
    return "".join(line + "\r\n" for line in lines).encode(_ENCODING)


def _project_module_line(module: VbaModule) -> str:
    if module.kind == "document":
        return f"Document={module.name}/&H00000000"
    if module.kind == "class":
        return f"Class={module.name}"
    return f"Module={module.name}"


def _encrypt(
    data: bytes,
    project_id: str = PROJECT_ID,
    seed: int = _ENCRYPTION_SEED,
    ignored: bytes = _ENCRYPTION_IGNORED,
) -> str:
    """MS-OVBA 2.4.3.2 Data Encryption, as the upper-case hex text of 2.4.3.

    ProjKey is the byte sum of the ProjectId text, braces included (2.4.3.2 / 2.3.1.2).
    """
    if len(ignored) != (seed & 6) // 2:
        raise ValueError("the number of ignored bytes must be (Seed & 6) / 2")
    version = 2
    project_key = sum(project_id.encode("ascii")) & 0xFF
    version_enc = seed ^ version
    project_key_enc = seed ^ project_key
    out = bytearray((seed, version_enc, project_key_enc))
    unencrypted_1, encrypted_1, encrypted_2 = project_key, project_key_enc, version_enc
    for byte in ignored + _u32(len(data)) + data:
        byte_enc = byte ^ ((encrypted_2 + unencrypted_1) & 0xFF)
        out.append(byte_enc)
        encrypted_2, encrypted_1, unencrypted_1 = encrypted_1, byte_enc, byte
    return out.hex().upper()


def _projectwm_stream(modules: Sequence[VbaModule]) -> bytes:
    """PROJECTwm (2.3.3), NOT compressed: MBCS name NUL, UTF-16 name NUL NUL, ..., 00 00."""
    names = b"".join(
        _mbcs(module.name) + b"\x00" + _utf16(module.name) + b"\x00\x00" for module in modules
    )
    return names + b"\x00\x00"
