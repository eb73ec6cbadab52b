"""Numbers stated in the 正文 against the table cells they describe (A9), and the text's own sums (A10).

``claims`` holds what the text can state a number about (data), ``sentences`` reads sentences and
clauses, ``reading`` finds the numbers stated, ``findings`` and ``sums`` turn them into findings.
A false alarm costs a clerk's trust as much as a miss: a number is taken only where the wording
leaves no doubt about what is counted.
"""

from .claims import ALL_CLAIMS, CLAIMS, Claim
from .findings import check_narrative
from .reading import claims
from .sentences import Sentence, Stated, normalise, parse_number, sentences

__all__ = [
    "ALL_CLAIMS", "CLAIMS", "Claim", "Sentence", "Stated", "check_narrative", "claims", "normalise", "parse_number",
    "sentences",
]
