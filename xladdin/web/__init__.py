"""``nianbao serve``: the whole product in a browser, for those the Excel buttons cannot reach (WPS, 信创
machines) and for the office that collects many units' reports. ``create_app(settings)`` builds the app."""

from .app import create_app
from .settings import Limits, Settings

__all__ = ["Limits", "Settings", "create_app"]
