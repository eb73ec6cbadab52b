"""Test environment: xlwings' remote engine (xw.Book(json=...)) needs a license key; the noncommercial
key is set here, for the tests only (PolyForm Noncommercial names government institutions as permitted)."""

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
