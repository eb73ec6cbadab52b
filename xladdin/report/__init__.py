"""The report writers: the generated prose (prose.py) and the Word report (word.py)."""
