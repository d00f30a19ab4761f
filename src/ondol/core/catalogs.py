"""Build .mo files from the .po catalogues with Babel, so a fresh machine needs no GNU gettext."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def po_files(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(root.glob("**/locale/*/LC_MESSAGES/*.po"))


def compile_catalogs(root: Path = PACKAGE_DIR) -> int:
    """Compile every .po below `root` whose .mo is missing or older; return how many were written."""
    written = 0
    for po_path in po_files(root):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written += 1
    return written


if __name__ == "__main__":
    print(f"Compiled {compile_catalogs()} catalogues.")
