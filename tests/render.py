"""LibreOffice rendering for the tests that look at pages: source file → PDF → words with their boxes."""

import re
import shutil
import subprocess
import uuid
from pathlib import Path

PT_PER_MM = 72 / 25.4
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def render_pdf(source: Path, outdir: Path) -> Path:
    """``soffice --headless --convert-to pdf`` with a private profile (parallel runs do not collide)."""
    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed: see .ci/run"
    profile = outdir / f"lo-profile-{uuid.uuid4().hex}"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = outdir / (source.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) in points of every word poppler finds on ``page`` (1-based)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True)
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in _WORD.findall(out.stdout)]


def page_png(pdf: Path, page: int, target: Path, dpi: int = 60) -> Path:
    """The page as a PNG for a person to look at (kept beside the PDF)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf), str(target.with_suffix(""))], check=True)
    return target
