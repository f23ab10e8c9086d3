"""Calls that rework a document into a new one: converted to another format, merged, split,
rotated, cropped, compressed, stamped, filled, OCR'd or rendered to pictures or text,
whatever tool does it.

A document reworked is a new version of a record someone signed, filed or will rely on: a
merged exhibit set that drops a page, a form flattened with the wrong fields, an OCR layer
whose text differs from the scan, a conversion that loses tracked changes (NARA's and ISO
19005's guidance on preserving documents as filed; NIST SP 800-53 SI-7 on the integrity of
information; the Federal Rules of Civil Procedure 34(b) on producing documents in the
form kept). A user's view of this is one view whatever tool reworks it: someone who stops
letting the agent run ``pdftk A.pdf B.pdf cat output all.pdf`` stops it for ``qpdf
--pages``, ``pdfunite``, ``gs -sDEVICE=pdfwrite`` and ``pandoc -o`` alike. So it is an act
across programs (``gate.acts``: ``* document``). Building a document from its own source
(LaTeX, typst, a docs site) is a build, and media are ``transcode``'s. Each tool is read
from its own manual; viewing, searching, reporting on a document, help and versions are
not the act:

- converters: pandoc, ``soffice``/``libreoffice`` with ``--convert-to`` or
  ``--print-to-file`` or ``--cat``, unoconv, docx2pdf, ebook-convert, wkhtmltopdf, wkhtmltoimage and
  weasyprint (a page rendered to PDF), img2pdf, ps2pdf, pdf2ps and eps2pdf, pdf2djvu and
  djvu2pdf;
- PDF tools: pdftk (but ``dump_data*``), qpdf writing an output (not ``--check``,
  ``--show-*``, ``--json``, ``--list-attachments``), cpdf with ``-o``, Ghostscript with a
  device and an output file, pdfjam, pdfunite, pdfseparate, pdftoppm, pdftocairo,
  pdftotext, pdfimages, pdfcrop, pdfbook2, pdfxup, pdfposter, ``mutool
  convert|draw|merge|clean|poster|extract``;
- OCR: ocrmypdf, tesseract.

>>> from neuroplast.gate.shell import split_command
>>> [reworks_document(s) for s in split_command(
...     "pdftk a.pdf b.pdf cat output all.pdf; pdftk a.pdf dump_data; qpdf --check a.pdf; "
...     "qpdf a.pdf --pages . 1-3 -- out.pdf; pandoc notes.md -o notes.docx; pdfinfo a.pdf")]
[True, False, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["reworks_document"]

_NOT_RUN = frozenset({"--help", "-h", "-help", "--version", "-v", "-version", "-V"})
# tools that rework whatever document they are given (their manuals)
_ALWAYS = frozenset({
    "pandoc", "unoconv", "docx2pdf", "ebook-convert", "wkhtmltopdf", "wkhtmltoimage",
    "weasyprint", "img2pdf", "ps2pdf", "pdf2ps", "eps2pdf", "pdf2djvu", "djvu2pdf", "pdfjam",
    "pdfunite", "pdfseparate", "pdftoppm", "pdftocairo", "pdftotext", "pdfimages", "pdfcrop",
    "pdfbook2", "pdfxup", "pdfposter", "ocrmypdf", "tesseract"})
_OFFICE = frozenset({"soffice", "libreoffice", "lowriter", "localc", "loimpress"})
_QPDF_READS = ("--check", "--show-npages", "--show-pages", "--show-encryption",
               "--show-xref", "--show-object", "--show-linearization", "--json",
               "--list-attachments", "--is-encrypted", "--requires-password")
_MUTOOL_WRITES = frozenset({"convert", "draw", "merge", "clean", "poster", "extract"})
# pandoc's options that only print what it knows (pandoc(1))
_PANDOC_PRINTS = ("--list-input-formats", "--list-output-formats", "--list-extensions",
                  "--list-highlight-languages", "--list-highlight-styles",
                  "--print-default-template", "--print-default-data-file",
                  "--print-highlight-style", "-D")


def reworks_document(seg: Segment) -> bool:
    """Whether ``seg`` reworks a document into a new one (the ``document`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if not words or names_option(words, _NOT_RUN):
        return False
    if head == "pandoc":
        return not names_option(words, _PANDOC_PRINTS)
    if head == "tesseract":
        return words[-1:] != ("--list-langs",) and len(words) >= 2
    if head in _ALWAYS:
        return True
    if head in _OFFICE:
        return names_option(words, ("--convert-to", "--print-to-file", "--cat"))
    if head == "pdftk":
        return not any(w.startswith("dump_data") for w in words)
    if head == "qpdf":
        plain = [w for w in words if not w.startswith("-")]
        return not names_option(words, _QPDF_READS) and (
            len(plain) >= 2 or "--replace-input" in words)
    if head == "cpdf":
        return "-o" in words
    if head in ("gs", "gswin64c", "gswin32c", "ghostscript"):
        return any(w.startswith("-sDEVICE=") for w in words) and (
            "-o" in words or any(w.startswith("-sOutputFile=") for w in words)
            or bool(option_values(argv, ("-o",))))
    if head == "mutool":
        return words[0] in _MUTOOL_WRITES
    return False
