"""Calls that print on paper: a document sent to a printer or a print queue.

A printed page leaves every control the file had: it lies on a shared printer's tray for
whoever passes, and a queue on another machine keeps a copy of the job (NIST SP 800-53
Rev. 5 MP-2 'Media Access' and PE-5 'Access Control for Output Devices'; HIPAA's 45 CFR
164.310(c) on workstation security covers printed PHI; CUPS' lp(1): 'submits files for
printing'). A user's view of this is one view whatever tool prints: someone who stops
letting the agent run ``lp`` stops it for ``lpr``, ``enscript`` and a label printer's tool
alike. So it is an act across programs (``gate.acts``: ``* print``). Each tool is read
from its own manual; the queue's status, cancelling a job, output to a file instead of a
printer, help and versions are not the act. CUPS' ``-h`` names a server (lp, lpmove,
cupsenable) or drops the banner page (lpr); it is help for a2ps alone:

- CUPS and BSD: lp(1), lpr(1) (not ``lpstat``, ``lpq``, ``lprm``, ``cancel``); lpmove(8)
  ('moves the specified job or all jobs from source to destination': the queue there
  prints them); cupsenable(8) with ``--release`` ('release pending jobs for printing'; the
  queue started alone is a setting); ipptool(1) run with one of CUPS' job-submitting test
  files (``print-job.test``, ``print-uri.test``, ``create-job.test`` and their variants:
  the Print-Job, Print-URI and Create-Job operations of RFC 8011 4.2), also when
  ippfind(1) runs it for each printer found (``--exec``, ``gate.shell``);
- LibreOffice's ``-p`` ('prints the given files to the default printer') and ``--pt
  PRINTER`` (not ``--print-to-file``), whichever of its launchers runs it;
- formatters that print unless told to write a file: enscript(1) and a2ps(1) (not with
  ``-p``/``--output`` or ``-o``/``--output``, ``-Z``/``--pass-through``... to a file);
- label printers: ``ptouch-print``, ``brother_ql print``, ``glabels-batch`` with
  ``--printer``;
- Windows ``print /d:``, PowerShell's ``Out-Printer``; ``rundll32 ... PrintUIEntry`` is a
  printer setting, not a job.

>>> from neuroplast.gate.shell import split_command
>>> [prints(s) for s in split_command(
...     "lp -d office report.pdf; lpstat -p; lpr -P lab label.ps; enscript -p out.ps a.txt; "
...     "enscript a.txt; cancel -a; soffice --pt lab a.odt; soffice --convert-to pdf a.odt")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import option_values
from neuroplast.gate.shell import Segment

__all__ = ["prints"]

_NOT_PRINTING = frozenset({"--help", "--version"})
_SHORT_HELP = {"a2ps": ("-h", "-V"), "enscript": ("-V",)}  # their manuals' short forms
# formatters -> their options that send the output to a file instead of the printer
_TO_FILE = {"enscript": ("-p", "--output", "-o"), "a2ps": ("-o", "--output")}
_ALWAYS = frozenset({"lp", "lpr", "lpmove", "ptouch-print", "Out-Printer"})
_LIBREOFFICE = frozenset({"soffice", "libreoffice", "lowriter", "localc", "loimpress",
                          "lodraw"})
_LIBREOFFICE_PRINT = frozenset({"-p", "--p", "-pt", "--pt"})  # it takes - and -- alike
# CUPS' test files (ipptool(1) FILES) whose requests submit a job
_IPP_JOB_TESTS = ("print-job", "print-uri", "create-job")

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({*_ALWAYS, "cupsenable", "ipptool", "brother_ql", "glabels-batch",
                       "print", *_TO_FILE, *_LIBREOFFICE})


def prints(seg: Segment) -> bool:
    """Whether ``seg`` sends a document to a printer (the ``print`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if head not in _PROGRAMS or any(a.partition("=")[0] in _NOT_PRINTING
                                    or a in _SHORT_HELP.get(head, ()) for a in words):
        return False
    if head in _ALWAYS:
        return True
    if head == "cupsenable":
        return "--release" in words
    if head == "ipptool":
        return any(a.endswith(".test") and a.rsplit("/", 1)[-1].startswith(_IPP_JOB_TESTS)
                   for a in words)
    if head in _LIBREOFFICE:
        return bool(_LIBREOFFICE_PRINT & set(words))
    if head in _TO_FILE:
        return not option_values(argv, _TO_FILE[head])
    if head == "brother_ql":
        return "print" in words
    if head == "glabels-batch":
        return any(a.startswith(("--printer", "-p")) for a in words)
    if head == "print":  # Windows print /d:PRINTER FILE
        return any(a.lower().startswith("/d:") for a in words)
    return False
