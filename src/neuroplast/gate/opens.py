"""Calls that open a file, page or app for a person to view: openers, browsers, viewers.

What a viewer renders acts on its own: a document can call home when it is displayed (a
tracking pixel, a remote image, a PDF's link), a page runs its scripts, and whatever is on
screen is shown to whoever sees it. A user's view of this is one view whatever the program:
someone who stops letting the agent open a leaked PDF with ``xdg-open`` stops it for
``evince``, ``firefox``, ``gh browse`` and ``jupyter lab`` alike. So it is an act across
programs (``gate.acts``: ``* open``). Each tool is read from its own manual; a headless
run, a text dump, a conversion or a run told not to start a browser opens nothing for
anyone to see:

- openers: xdg-open(1), macOS open(1), ``gio open``, kde-open, exo-open, wslview,
  ``handlr open``, run-mailcap(1) and see(1), sensible-browser, x-www-browser;
- web browsers, graphical and text (Firefox, Chromium, Chrome, Edge, Brave, Vivaldi,
  Opera, Epiphany, qutebrowser, lynx(1), w3m(1), links, elinks, browsh, carbonyl), not
  ``--headless`` nor a ``-dump``;
- viewers, players and graphical editors of documents, images and media (evince, okular,
  zathura, xpdf, mupdf, feh, eog, sxiv, imv, mpv, vlc, mplayer, ffplay, GIMP, Inkscape,
  Krita, LibreOffice...), not a headless or converting run;
- tools that open their page in a browser: ``gh browse`` and ``gh``'s or ``glab``'s
  ``--web``, ``hub browse``, git-extras' ``git browse``, ``git help --web``, ``npm
  repo|docs|home|bugs`` (npm docs: they open the package's page 'in a web browser'),
  ``cargo doc --open``, ``jupyter lab|notebook``, ``quarto preview``, ``live-server``,
  marimo and ``pio home`` unless told not to open a browser, ``samply load|record``,
  ``scrapy view``, ``sherlock --browse``, ``latexmk -pv``, ``texdoc``, ``ddgr``,
  ``googler`` and ``surfraw`` searches that open their result.

>>> from neuroplast.gate.shell import split_command
>>> [opens_for_viewing(s) for s in split_command(
...     "xdg-open report.pdf; firefox https://x.io; firefox --headless --screenshot a.png; "
...     "lynx -dump https://x.io; gh browse; gh pr view 3; jupyter lab --no-browser; "
...     "soffice --headless --convert-to pdf a.docx; evince a.pdf")]
[True, True, False, False, True, False, False, False, True]
"""

from __future__ import annotations

from neuroplast.gate.shell import Segment

__all__ = ["opens_for_viewing"]

_OPENERS = frozenset({"xdg-open", "open", "kde-open", "kde-open5", "exo-open", "gnome-open",
                      "wslview", "run-mailcap", "see", "sensible-browser", "x-www-browser",
                      "www-browser"})
_BROWSERS = frozenset({
    "firefox", "firefox-esr", "chromium", "chromium-browser", "google-chrome",
    "google-chrome-stable", "chrome", "microsoft-edge", "microsoft-edge-stable", "brave",
    "brave-browser", "vivaldi", "opera", "epiphany", "qutebrowser", "falkon", "midori",
    "surf", "nyxt", "lynx", "w3m", "links", "links2", "elinks", "browsh", "carbonyl"})
_VIEWERS = frozenset({
    "evince", "okular", "zathura", "xpdf", "mupdf", "qpdfview", "atril", "xreader", "sioyek",
    "feh", "eog", "sxiv", "nsxiv", "imv", "viewnior", "gwenview", "ristretto", "display",
    "mpv", "vlc", "mplayer", "ffplay", "totem", "celluloid", "gimp", "inkscape", "krita",
    "soffice", "libreoffice", "texdoc", "marimo", "live-server", "npm-home"})
# options that make a browser, viewer or editor run without showing anything: headless
# browsers and office, text browsers' dumps, conversions and exports, and the tools' own
# "do not open a browser"
_NO_VIEW = frozenset({
    "-h", "--help", "--version", "--headless", "-dump", "--dump", "-source", "--source",
    "-dump_source", "-dump_head", "--screenshot", "--print-to-pdf", "--dump-dom",
    "--convert-to", "--cat", "--print-to-file", "--export-filename", "--export-type",
    "--export", "--export-sequence", "--no-browser", "--no-open", "--batch", "--list",
    "--search", "--vo=null", "-vo=null", "-nodisp"})
# short options that do the same in one program: GIMP's -i (no interface) and -b (batch),
# Inkscape's -o (export), texdoc's -l and -s (list, search), feh's -l (list), gh browse's
# -n (print the URL)
_NO_VIEW_SHORT: dict[str, tuple[str, ...]] = {
    "gimp": ("-i", "-b"), "inkscape": ("-o",), "texdoc": ("-l", "-s"), "feh": ("-l",),
    "gh": ("-n",)}
# (program, sub-command) that open a page in a browser, whatever follows; "" when the
# program alone does (jupyter-lab)
_OPEN_COMMANDS = frozenset({
    ("gh", "browse"), ("hub", "browse"), ("git", "browse"), ("git", "browse-ci"),
    ("git", "web--browse"), ("git", "instaweb"), ("npm", "repo"), ("npm", "docs"),
    ("npm", "home"), ("npm", "bugs"), ("npm", "issues"), ("jupyter", "lab"),
    ("jupyter", "notebook"), ("jupyter-lab", ""), ("jupyter-notebook", ""),
    ("quarto", "preview"), ("pio", "home"), ("platformio", "home"), ("samply", "load"),
    ("samply", "record"), ("scrapy", "view"), ("gio", "open"), ("handlr", "open"),
    ("heroku", "open"), ("netlify", "open"), ("firebase", "open"), ("flyctl", "dashboard"),
    ("fly", "dashboard"), ("flyctl", "open"), ("fly", "open"), ("rustup", "doc"),
})
_WEB_FLAGS = ("--web", "-w")  # gh(1) and glab: open the page instead of acting here
_SEARCH_OPENS = {"ddgr": ("-j", "--ducky"), "googler": ("-j", "--lucky", "--first")}


def opens_for_viewing(seg: Segment) -> bool:
    """Whether ``seg`` opens a file, page or app for a person to view (the ``open`` act)."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if any(a in _NO_VIEW or a.partition("=")[0] in _NO_VIEW for a in words) or any(
            a in _NO_VIEW_SHORT.get(head, ()) for a in words):
        return False
    plain = [a for a in words if not a.startswith("-")]
    if head in _OPENERS or head in _BROWSERS or head in _VIEWERS:
        return True
    if head in ("gh", "glab") and any(a in _WEB_FLAGS for a in words):
        return True
    if head == "git" and plain[:1] == ["help"]:
        return any(a in ("-w", "--web") for a in words)
    if head == "cargo" and plain[:1] in (["doc"], ["d"]):
        return "--open" in words
    if head == "latexmk":
        return any(a in ("-pv", "-pvc") for a in words)
    if head == "sherlock":
        return "--browse" in words or "-b" in words
    if head in ("ng", "vite", "webpack", "webpack-dev-server"):
        return "--open" in words or (head == "ng" and "-o" in words)
    if head in _SEARCH_OPENS:  # a search whose first result (or a !bang) opens a browser
        return any(a in _SEARCH_OPENS[head] for a in words) or any(
            a.startswith("!") for a in plain)
    if head in ("surfraw", "sr"):
        return bool(plain)
    sub = plain[0] if plain else ""
    if (head, sub) in _OPEN_COMMANDS or (head, "") in _OPEN_COMMANDS:
        return True
    return head == "az" and plain[:2] == ["webapp", "browse"]
