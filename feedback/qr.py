"""QR codes for the posters, drawn with segno as SVG (no image files, no JavaScript)."""

import io

import segno

#: Modules of white around the code: the quiet zone a phone camera needs.
QUIET_ZONE = 4


def qr_svg(data: str, *, label: str) -> str:
    """An SVG QR code of ``data`` that scales to its box (the size is set in
    CSS), with a quiet zone of four modules and ``label`` as its accessible
    name. Error correction M: a poster may get a crease or a pin hole."""
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(
        border=QUIET_ZONE,
        omitsize=True,
        title=label,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_svg_document(data: str, *, label: str) -> bytes:
    """The same code as a stand-alone SVG file, 10 cm square, for a print shop."""
    code = segno.make(data, error="m", micro=False)
    modules = code.symbol_size(border=QUIET_ZONE)[0]
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        border=QUIET_ZONE,
        scale=100 / modules,
        unit="mm",
        title=label,
        dark="#000",
        light="#fff",
    )
    return out.getvalue()
