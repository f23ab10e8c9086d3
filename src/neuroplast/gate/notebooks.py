"""Calls that run a notebook's or a computational document's code cells, all of them, top to
bottom, with nobody reading each cell before it runs.

A notebook gathers code written over weeks, often by others: cells that call APIs, write
files, load data or cost money, kept beside the ones that only plot. Opening it in an
editor runs nothing until a person runs a cell; running it headless (to refresh a report,
to test it, to render a page) runs every cell at once, as a script would. A user's view of
this is one view whatever runs the cells: someone who stops letting the agent run
``papermill`` stops it for ``jupyter nbconvert --execute`` and ``quarto render`` alike.
So it is an act across programs (``gate.acts``: ``* notebook``). Each tool is read from
its own documentation; opening a notebook in an editor or a server (``jupyter lab``,
``marimo edit``: ``open``, ``serve``), converting one without running it and help are not
the act:

- Jupyter: ``jupyter nbconvert --execute`` ("Execute the notebook prior to export"),
  ``jupyter execute`` (nbclient), ``jupyter run`` (jupyter_client: a file run on a
  kernel), ``papermill`` (not ``--prepare-only`` or ``--help-notebook``), ``jupytext
  --execute``, ``voila``, ``ipython`` given a notebook, the notebook test runners
  (``pytest --nbmake``, ``pytest --nbval``, ``pytest --nbval-lax``, ``treon``) and
  ``runipy``;
- Quarto: ``quarto render|preview`` of a document or project with code cells, which it
  executes by default (quarto.org, "Execution Options"), not a notebook alone, whose
  stored outputs it uses unless told ``--execute``, nor with ``--no-execute``;
- marimo: ``marimo run`` (the notebook run as an app) and ``marimo export html`` (it runs
  the notebook to capture the outputs);
- R Markdown and knitr: ``rmarkdown::render``, ``knitr::knit``, ``quarto::quarto_render``
  given to ``Rscript -e`` or ``R -e``.

>>> from neuroplast.gate.shell import split_command
>>> [runs_notebook(s) for s in split_command(
...     "papermill in.ipynb out.ipynb -p alpha 0.6; jupyter nbconvert --to html a.ipynb; "
...     "jupyter nbconvert --to html --execute a.ipynb; jupyter lab a.ipynb; "
...     "quarto render report.qmd; quarto render slides.ipynb; marimo run app.py; "
...     "marimo edit app.py")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

import re

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["runs_notebook"]

_HELP = frozenset({"--help", "-h", "--version", "-V", "help"})
# programs every run of which runs a notebook, but help and the options below
_ALWAYS = frozenset({"papermill", "voila", "treon", "runipy", "jupyter-execute",
                     "jupyter-run"})
# papermill's options that print a notebook's parameters or prepare it without running it
_ALWAYS_NOT = {"papermill": ("--prepare-only", "--help-notebook")}
# pytest plugins that run each notebook collected (nbmake's and nbval's docs)
_PYTEST_NOTEBOOKS = ("--nbmake", "--nbval", "--nbval-lax")
_NOTEBOOK = re.compile(r"\.ipynb$", re.IGNORECASE)
# the R functions that knit or render a document, running its code chunks
_R_RENDER = re.compile(r"\b(?:rmarkdown::render|knitr::knit|quarto::quarto_render)\s*\(")
# documents Quarto renders without running code: notebooks (their stored outputs) and
# plain Markdown
_QUARTO_NO_RUN = re.compile(r"\.(?:ipynb|md)$", re.IGNORECASE)


def runs_notebook(seg: Segment) -> bool:
    """Whether ``seg`` runs a notebook's or a computational document's code cells (the
    ``notebook`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if names_option(words[:1], _HELP) or names_option(words, ("--help", "-h")):
        return False
    plain = [w for w in words if not w.startswith("-")]
    if head in _ALWAYS:
        return bool(words) and not names_option(words, _ALWAYS_NOT.get(head, ()))
    if head in ("jupyter", "jupyter-nbconvert"):
        verb = plain[:1] if head == "jupyter" else ["nbconvert"]
        return (verb in (["execute"], ["run"])
                or (verb == ["nbconvert"] and names_option(words, ("--execute",))))
    if head == "jupytext":
        return names_option(words, ("--execute",))
    if head == "ipython":
        return bool(plain) and bool(_NOTEBOOK.search(plain[0]))
    if head in ("pytest", "py.test"):
        return names_option(words, _PYTEST_NOTEBOOKS)
    if head == "marimo":
        return plain[:1] == ["run"] or plain[:2] == ["export", "html"]
    if head == "quarto":
        return plain[:1] in (["render"], ["preview"]) and _quarto_executes(words, plain[1:])
    if head in ("Rscript", "R"):
        return any(_R_RENDER.search(v) for v in option_values(argv, ("-e",)))
    return False


def _quarto_executes(words: tuple[str, ...], after_verb: list[str]) -> bool:
    """Quarto runs code cells unless told not to, but in a notebook or plain Markdown only
    when told to (``--execute``); its input is the first path after the verb, a project
    when there is none."""
    if names_option(words, ("--no-execute",)):
        return False
    if names_option(words, ("--execute",)):
        return True
    given = next((w for w in after_verb if "." in w or "/" in w), "")
    return not _QUARTO_NO_RUN.search(given)
