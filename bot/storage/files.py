"""Files the bot creates are its owner's only: the SQLite database 0600, a folder it makes 0700.

Quotes are public, but who asked for what (subscriptions, feeds, deliveries) is not, and the file
may sit on a shared machine. A folder the user chose and already had is left as it is.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def prepare_sqlite_file(path: str | Path) -> Path:
    """Create the database's missing folders (0700) and an empty database file (0600) if absent."""
    path = Path(path).expanduser()
    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode passes through the umask; this does not
    if not path.exists():
        # O_EXCL: another process creating it at the same moment keeps its own file, untouched.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
        except FileExistsError:
            log.debug("database %s was created by another process meanwhile", path)
        else:
            os.chmod(path, FILE_MODE)
    return path
