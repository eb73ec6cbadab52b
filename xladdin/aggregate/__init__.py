"""Many reports at once: merging units into one (merge.py), comparing with last year (compare.py)."""
