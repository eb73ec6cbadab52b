"""The national-format workbook as data: layout, template, report model, reader and writer."""

from .errors import NianbaoError, NotTemplate, OutputError, UnreadableFile
from .layout import LAYOUT
from .model import Report, State, Value

__all__ = ["LAYOUT", "Report", "State", "Value", "NianbaoError", "NotTemplate", "OutputError", "UnreadableFile"]
