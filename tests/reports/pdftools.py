"""Reading a rendered report: its text (pdftotext, from poppler-utils) and its
tags (pikepdf)."""

import io
import re
import shutil
import subprocess

import pikepdf

from tests.conftest import skip_or_fail


def text(pdf: bytes) -> str:
    """The PDF's text with every run of white space (line ends, non-breaking
    spaces) as one space, and words hyphenated at a line end joined again."""
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    out = re.sub(r"(\w)[\u2010-]\n(\w)", r"\1\2", out)
    return " ".join(out.replace("\xa0", " ").replace("\u202f", " ").split())


def flat(value: str) -> str:
    """A value as ``text`` writes it: every run of white space as one space."""
    return " ".join(str(value).replace("\xa0", " ").replace("\u202f", " ").split())


def open_pdf(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def struct_elements(document: pikepdf.Pdf):
    """Every element of the structure tree, depth first."""
    root = document.Root.StructTreeRoot
    stack = [root.K]
    seen = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        key = node.objgen
        if key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        if "/S" in node:
            yield node
        if "/K" in node:
            stack.append(node.K)
