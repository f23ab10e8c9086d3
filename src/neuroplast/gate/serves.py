"""Calls that run a server: a program that listens for connections on this machine, run by
the call itself: a development or static file server, a notebook, a database or broker
run in the foreground, a terminal or desktop served over the network, a listening socket.

A server is a door: whatever can reach its port can talk to it, and what it serves (the
project's files, a notebook's kernel, a shell) is served to whoever that is, for as long as
it runs, usually without the authentication the real deployment has (NIST SP 800-123
'Guide to General Server Security' 4.1 on running only the services needed; CIS Controls
v8 4.8 'Uninstall or Disable Unnecessary Services on Enterprise Assets and Software'; CWE-
1327 on binding to an unrestricted address; ATT&CK T1571 'Non-Standard Port'). A user's
view of this is one view whatever server it is: someone who stops letting the agent run
``python -m http.server`` after it served a folder with an export in it stops it for
``npx serve``, ``hugo server``, ``jupyter notebook`` and ``nc -l`` alike. So it is an act
across programs (``gate.acts``: ``* serve``). Where it listens is ``gate.listeners``'
(every interface is a risk of its own); starting a service through its manager is
``start``, a port reached through a tunnel ``forward``, files handed to people ``share``.
Each server is read from its own manual; help, versions, configuration checks, builds and
stopping are not the act:

- servers whenever they run: static and development HTTP servers (``http.server``,
  ``SimpleHTTPServer``, http-server, serve, live-server, miniserve, updog, darkhttpd,
  simplehttpserver, http-server-upload, browser-sync ``start``, webpack-dev-server,
  json-server, grip, ttyd, gotty), Python's and others' application servers (uvicorn,
  gunicorn, hypercorn, daphne, waitress-serve, xsp), servers of databases, brokers and
  stores run in the foreground (mongod, mysqld, mariadbd, postgres, redis-server,
  valkey-server, memcached, mosquitto, nats-server, etcd, beanstalkd, named), web servers
  and proxies (nginx, traefik, ``caddy run|start|file-server|reverse-proxy``), a model or
  notebook server (``ollama serve``, ``vllm serve``, llama-server, koboldcpp, tensorboard,
  code-server), and benchmark and remote-desktop servers (``iperf -s``, ``iperf3 -s``,
  netserver, x0vncserver, krdpserver, cockpit-ws);
- the frameworks' and site generators' serve commands (each tool's CLI reference): ``hugo
  server``, ``jekyll serve|s``, ``mkdocs serve``, ``mdbook serve``, ``zola serve``,
  ``docsify serve``, ``hexo server|s``, ``gatsby develop|serve``, ``ember serve|s``,
  ``ionic serve``, ``ng serve|s``, ``vue serve|ui``, ``next dev|start``, ``nuxt
  dev|preview``, ``astro dev|preview``, ``vite`` (alone, ``dev``, ``serve``,
  ``preview``), ``trunk serve``, ``dx serve``, ``quarto preview|serve``, ``docusaurus
  start|serve``, ``react-native start``, ``expo start``, ``netlify dev``, ``vercel
  dev``, ``wrangler dev``, ``firebase serve|emulators:start``, ``rails server|s``,
  ``php artisan serve``, ``php yii serve``, ``symfony serve|server:start``, Django's
  ``runserver``, ``flask run``, ``fastapi dev|run``, ``streamlit run``, ``marimo
  edit|run``, ``panel serve``, ``bokeh serve``, ``voila``, ``jupyter
  notebook|lab|server`` (not their ``list`` or ``stop``), ``mlflow ui|server``, ``hg
  serve``, ``crane registry serve``, ``shiori serve``, ``cake server``, ``elm reactor``,
  ``bore server``, ``minio server``, ``gitea web``;
- a server's own option: PHP's built-in server ``php -S``, ``ruby -run -e httpd``,
  ``busybox httpd``, ``pydoc -b|-p``, ``godoc -http``, ``esbuild --serve``, ``glances
  -w``, ``luanti --server``; a listening socket (netcat's ``-l``, socat's ``*-LISTEN``
  addresses); ``pg_ctl start`` and ``apachectl start`` (their servers run on).

>>> from neuroplast.gate.shell import split_command
>>> [serves(s) for s in split_command(
...     "python3 -m http.server 8000; hugo server -D; hugo build; jupyter notebook; "
...     "jupyter notebook list; nc -lvnp 4444; nc example.com 80; nginx -t; uvicorn app:app")]
[True, True, False, True, False, True, False, False, True]
"""

from __future__ import annotations

from neuroplast.gate.executed import runner_command
from neuroplast.gate.listeners import opens_socket
from neuroplast.gate.outputs import leads_to, names_option, operands, option_values
from neuroplast.gate.shell import Segment

__all__ = ["serves"]

_NOT_RUN = frozenset({"--help", "--version"})
# servers whenever they run (their manuals: each listens unless asked only for help)
_ALWAYS = frozenset({
    "http.server", "SimpleHTTPServer", "http-server", "serve", "live-server", "miniserve",
    "updog", "darkhttpd", "simplehttpserver", "http-server-upload", "webpack-dev-server",
    "json-server", "grip", "ttyd", "gotty", "uvicorn", "gunicorn", "hypercorn", "daphne",
    "waitress-serve", "xsp", "mongod", "mysqld", "mariadbd", "postgres", "redis-server",
    "valkey-server", "memcached", "mosquitto", "nats-server", "etcd", "beanstalkd", "named",
    "traefik", "llama-server", "koboldcpp", "tensorboard", "code-server", "netserver",
    "x0vncserver", "krdpserver", "cockpit-ws", "voila", "webpack-serve"})
# servers that also run when given nothing at all
_ALWAYS_BARE = _ALWAYS - {"grip", "ttyd", "gotty", "uvicorn", "gunicorn", "hypercorn",
                          "daphne", "waitress-serve", "tensorboard", "voila"}
# nginx(8)'s options that only test its configuration, signal the running master or print
_NGINX_NOT_SERVING = frozenset({"-t", "-T", "-s", "-v", "-V", "-h", "-?"})
_SERVE = frozenset({"serve"})
# program -> (the commands, as the first plain words, that lead to a serve, its verbs)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "hugo": (((), frozenset({"server", "serve"})),),
    "jekyll": (((), frozenset({"serve", "s", "server"})),),
    "mkdocs": (((), _SERVE),),
    "mdbook": (((), _SERVE),),
    "zola": (((), _SERVE),),
    "docsify": (((), _SERVE),),
    "hexo": (((), frozenset({"server", "s"})),),
    "gatsby": (((), frozenset({"develop", "serve"})),),
    "ember": (((), frozenset({"serve", "s", "server"})),),
    "ionic": (((), _SERVE),),
    "ng": (((), frozenset({"serve", "s"})),),
    "vue": (((), frozenset({"serve", "ui"})),),
    "next": (((), frozenset({"dev", "start"})),),
    "nuxt": (((), frozenset({"dev", "preview"})),),
    "nuxi": (((), frozenset({"dev", "preview"})),),
    "astro": (((), frozenset({"dev", "preview"})),),
    "vite": (((), frozenset({"dev", "serve", "preview"})),),
    "trunk": (((), _SERVE),),
    "dx": (((), _SERVE),),
    "quarto": (((), frozenset({"preview", "serve"})),),
    "docusaurus": (((), frozenset({"start", "serve"})),),
    "react-native": (((), frozenset({"start"})),),
    "expo": (((), frozenset({"start"})),),
    "netlify": (((), frozenset({"dev"})),),
    "vercel": (((), frozenset({"dev"})),),
    "wrangler": (((), frozenset({"dev"})),),
    "firebase": (((), frozenset({"serve", "emulators:start"})),),
    "rails": (((), frozenset({"server", "s"})),),
    "artisan": (((), _SERVE),),
    "yii": (((), _SERVE),),
    "symfony": (((), frozenset({"serve", "server:start", "local:server:start"})),),
    "manage.py": (((), frozenset({"runserver", "runserver_plus", "testserver"})),),
    "django-admin": (((), frozenset({"runserver", "testserver"})),),
    "flask": (((), frozenset({"run"})),),
    "fastapi": (((), frozenset({"dev", "run"})),),
    "streamlit": (((), frozenset({"run", "hello"})),),
    "marimo": (((), frozenset({"edit", "run"})),),
    "panel": (((), _SERVE),),
    "bokeh": (((), _SERVE),),
    "jupyter": (((), frozenset({"notebook", "lab", "server", "nbclassic"})),),
    "mlflow": (((), frozenset({"ui", "server"})),),
    "hg": (((), _SERVE),),
    "crane": ((("registry",), _SERVE),),
    "shiori": (((), _SERVE),),
    "cake": (((), frozenset({"server"})),),
    "elm": (((), frozenset({"reactor"})),),
    "bore": (((), frozenset({"server"})),),
    "minio": (((), frozenset({"server"})),),
    "gitea": (((), frozenset({"web"})),),
    "caddy": (((), frozenset({"run", "start", "file-server", "reverse-proxy"})),),
    "ollama": (((), _SERVE),),
    "vllm": (((), _SERVE),),
    "apachectl": (((), frozenset({"start"})),),
    "apache2ctl": (((), frozenset({"start"})),),
    "busybox": (((), frozenset({"httpd"})),),
}
# programs whose serve command, after the leading words, ends the list: a command that
# only lists or stops what runs is not the act (jupyter notebook list, jupyter lab stop)
_NOT_SERVING = frozenset({"list", "stop", "password", "--generate-config", "build", "check"})


def _serves_by_option(seg: Segment) -> bool:
    """A server started by an option of a program that does other things too."""
    head, argv = seg.head, seg.argv
    words = argv[1:]
    if opens_socket(seg):
        return True
    if head.rstrip("0123456789.") == "php":
        return "-S" in words
    if head.rstrip("0123456789.") == "ruby":  # ruby -run -e httpd (un.rb's httpd)
        return "-run" in words and "httpd" in option_values(argv, ("-e",))
    if head in ("pydoc", "pydoc3"):
        return "-b" in words or "-p" in words
    if head == "godoc":
        return any(a.startswith(("-http", "--http")) for a in words)
    if head == "esbuild":
        return any(a.startswith("--serve") for a in words)
    if head == "glances":
        return "-w" in words or "--webserver" in words
    if head in ("iperf", "iperf3"):
        return "-s" in words or "--server" in words
    if head == "luanti" or head == "minetest":
        return "--server" in words
    if head == "pg_ctl":  # pg_ctl [-D DATADIR] start: its options may come first
        return "start" in operands(argv, frozenset({"-D", "--pgdata", "-l", "--log", "-o",
                                                    "--options", "-m", "--mode", "-t",
                                                    "--timeout"}))
    if head == "browser-sync":
        return operands(argv, frozenset())[:1] == ["start"]
    return False


def serves(seg: Segment) -> bool:
    """Whether ``seg`` runs a server that listens for connections on this machine (the
    ``serve`` act)."""
    words = seg.argv[1:]
    if names_option(words, _NOT_RUN) or words[:1] in (["help"], ["version"]):
        return False
    head, plain = runner_command(seg)
    if head in _ALWAYS:
        return bool(words) or head in _ALWAYS_BARE
    if head == "nginx":
        return not _NGINX_NOT_SERVING.intersection(words)
    if _serves_by_option(seg):
        return True
    if head == "vite" and not plain:
        return True  # vite alone starts its dev server
    if head == "jupyter-notebook":
        return not _NOT_SERVING.intersection(plain)
    commands = _COMMANDS.get(head, ())
    return leads_to(plain, commands) and not _NOT_SERVING.intersection(plain[1:2])
