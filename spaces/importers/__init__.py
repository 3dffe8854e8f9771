"""Imports of spaces: our own exports, the CGET national file, OpenStreetMap exports."""

from spaces.importers.base import ImportFileError
from spaces.importers.detect import FORMATS
from spaces.importers.run import ImportReport, RowResult, import_file

__all__ = ["FORMATS", "ImportFileError", "ImportReport", "RowResult", "import_file"]
