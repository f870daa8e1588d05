"""Where report files live: a private folder with no URL (QUALITY.md S9).

``REPORTS_ROOT`` lies outside MEDIA_ROOT and STATIC_ROOT, and this storage
has no URL at all: the only way to a report's bytes is the download view,
which checks access on every call. A file is named after its report's id and
written atomically (a temporary file in the same folder, then a rename), so a
retry or a second worker replaces it and never leaves a second or half-written
file behind.
"""

import hashlib
import os
import re
import tempfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """The report folder (``settings.REPORTS_ROOT``, read on every use), no URL."""

    @property
    def base_location(self):
        return str(settings.REPORTS_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Report files have no URL: they are served by the download view.")

    def write_atomically(self, name: str, data: bytes) -> str:
        """Write ``data`` as ``name``, replacing any earlier file of that name
        in one rename; returns the name."""
        path = self.path(name)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
        return name


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of ``Report.file`` (a callable, so that migrations name it)."""
    return _storage


def file_name(report_id: int) -> str:
    """A report's one file name: a retry writes the same name again."""
    return f"reports/{report_id}.pdf"


@dataclass(frozen=True)
class Facts:
    size: int
    sha256: str
    pages: int | None


PAGES_NODE = re.compile(rb"<<(?:(?!>>).)*?/Type\s*/Pages\b(?:(?!>>).)*>>", re.S)
COUNT = re.compile(rb"/Count\s+(\d+)")
OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b.{0,400}?stream\r?\n", re.S)
#: Enough for the page tree of any report we allow (MAX_PAGES).
OBJECT_STREAM_LIMIT = 8 * 1024 * 1024


def facts(data: bytes) -> Facts:
    """Size, SHA-256 and, when it can be read, the number of pages of a PDF."""
    return Facts(len(data), hashlib.sha256(data).hexdigest(), page_count(data))


def page_count(data: bytes) -> int | None:
    """The page count of the PDF's page tree (its root holds the largest
    ``/Count``), also when the tree sits in a compressed object stream; None
    when it cannot be found."""
    counts = _counts(data)
    view = memoryview(data)
    for match in OBJECT_STREAM.finditer(data):
        try:
            inflated = zlib.decompressobj().decompress(view[match.end() :], OBJECT_STREAM_LIMIT)
        except zlib.error:
            continue
        counts += _counts(inflated)
    return max(counts) if counts else None


def _counts(chunk: bytes) -> list[int]:
    return [int(count) for node in PAGES_NODE.findall(chunk) for count in COUNT.findall(node)[:1]]
