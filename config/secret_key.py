"""The embedded default's secret key: generated once, kept in the data folder, never in the code."""

import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key


def secret_key_load_or_create(path: Path) -> str:
    """Return the key stored at `path`, writing a new random one (mode 0600) the first time."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = get_random_secret_key()
    # O_EXCL: when two processes start at once, exactly one writes and both read the same key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
