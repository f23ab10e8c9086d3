"""Passwords and tokens given as command-line arguments, from the programs' own manuals.

An argument is seen by every user of the machine (``ps``), kept in shell histories and in
the agent's transcript: CWE-214, 'Invocation of Process Using Visible Sensitive
Information'. The manuals below say so of their own options. A value that is a variable
(``$PASS``), a command substitution, ``-`` (standard input) or a ``<placeholder>`` is not a
literal secret; an option left without its value (``mysql -p``) asks for it at a prompt.

>>> from neuroplast.gate.shell import split_command
>>> line = "wget --password=hunter2 https://x.io/f; mysql -p db; curl -u bob:pw1234 x.io"
>>> [secret_in_arguments(s) for s in split_command(line)]
[True, False, True]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from neuroplast.gate.shell import Segment

__all__ = ["reads_secret_from_stdin", "secret_argument_values", "secret_in_arguments",
           "typed_into_pipe"]

# Options whose value the program's manual defines as a password, token or passphrase.
_SECRET_OPTIONS: dict[str, frozenset[str]] = {
    # wget manual, 'Download Options' / 'HTTP Options' / 'FTP Options': --password,
    # --http-password, --ftp-password, --proxy-password ('visible to anyone who runs ps')
    "wget": frozenset({"--password", "--http-password", "--ftp-password", "--proxy-password"}),
    "curl": frozenset({"--oauth2-bearer", "--pass", "--proxy-pass"}),  # curl(1)
    "sshpass": frozenset({"-p"}),  # sshpass(1): '-p password ... the least secure of all'
    "redis-cli": frozenset({"-a", "--pass"}),  # redis-cli docs: 'may not be safe'
    "mongosh": frozenset({"-p", "--password"}),  # mongosh options
    "mongo": frozenset({"-p", "--password"}),
    "twine": frozenset({"-p", "--password"}),  # twine upload --help
    "sqlcmd": frozenset({"-P"}),  # sqlcmd utility docs
    "zip": frozenset({"-P", "--password"}),  # zip(1): '-P password ... THIS IS INSECURE!'
    "unzip": frozenset({"-P"}),  # unzip(1): '-P password ... THIS IS INSECURE!'
    "p4": frozenset({"-P"}),  # Helix Core global options: '-P password'
    # keytool and jarsigner docs: a password given with -storepass/-keypass 'is visible'
    # (use the prompt, or the :env / :file forms, which are other options)
    "keytool": frozenset({"-storepass", "-keypass", "-srcstorepass", "-deststorepass",
                          "-srckeypass", "-destkeypass"}),
    "jarsigner": frozenset({"-storepass", "-keypass"}),
    # Resend's CLI: ``resend login`` prompts for the API key, ``--key`` takes it typed out
    "resend": frozenset({"--key"}),
    # doctl's global flags: '-t, --access-token string  API V2 access token'
    "doctl": frozenset({"-t", "--access-token"}),
}
# Options whose manual puts a password as the Nth word after them: Steam's client
# ('-login <username> <password>', Valve Developer Community, 'Command line options
# (Steam)') and SteamCMD ('+login <username> <password>', 'SteamCMD'), without which they
# prompt for it; networksetup(8) ('-setairportnetwork hardwareport network [password]').
_POSITIONAL_PASSWORD = {"steam": ("-login", 2), "steamcmd": ("+login", 2),
                        "networksetup": ("-setairportnetwork", 3)}
# Commands whose manual takes the secret as their first operand and says not to: Vault's
# ``operator unseal [KEY]`` ('The unseal key can be supplied as an argument to the command,
# but this is not recommended as the unseal key will be available in your history'), its
# older name ``unseal``, and ``login [TOKEN]`` (token auth, likewise kept in history); an
# operand with "=" is an auth method's parameter, read as any other NAME=VALUE.
_SECRET_OPERAND = {"vault": (("operator", "unseal"), ("unseal",), ("login",))}
# Registry logins: docker login reference, '--password ... Using --password via the CLI is
# insecure. Use --password-stdin'; podman-login(1), helm registry login, oras login alike;
# Apptainer's and SingularityCE's ``registry login`` and ``remote login`` (-p, --password).
_LOGIN_PROGRAMS = frozenset({"docker", "podman", "nerdctl", "buildah", "skopeo", "helm",
                             "oras", "crane", "regctl", "apptainer", "singularity"})
_LOGIN_OPTIONS = frozenset({"-p", "--password"})
# The MySQL clients take the password only attached, -pSECRET or --password=SECRET (MySQL
# manual, 'Specifying a password on the command line should be considered insecure'; a
# word after a bare -p is the database name).
_MYSQL = frozenset({"mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow",
                    "mysqlcheck", "mysqlpump", "mysqlslap", "mariadb", "mariadb-dump",
                    "mariadb-admin"})
# 7-Zip takes it attached as well: '-p{Password}: Specifies password' (7-Zip's -p switch).
_SEVEN_ZIP = frozenset({"7z", "7za", "7zr", "7zz"})
# Options whose value is user:password (curl(1) -u/--user, -U/--proxy-user; HTTPie docs
# -a/--auth) or user%password (Samba's common credential options,
# '-U|--user=[DOMAIN\]USERNAME[%PASSWORD]', which smbclient(1), rpcclient(1), smbcacls(1),
# smbcquotas(1), smbtree(1), smbget(1), net(8) and samba-tool(8) share).
_SAMBA_USER = (frozenset({"-U", "--user"}), "%")
_USER_PASSWORD: dict[str, tuple[frozenset[str], str]] = {
    "curl": (frozenset({"-u", "--user", "-U", "--proxy-user"}), ":"),
    "http": (frozenset({"-a", "--auth"}), ":"),
    "https": (frozenset({"-a", "--auth"}), ":"),
    **dict.fromkeys(("smbclient", "rpcclient", "smbcacls", "smbcquotas", "smbtree", "smbget",
                     "net", "samba-tool"), _SAMBA_USER),
}
# Options whose value names where a password comes from, ``pass:PASSWORD`` being the
# password itself: openssl-passphrase-options(1) ('pass:password ... visible to utilities
# (like ps)'), apksigner's --ks-pass/--key-pass ('pass:<password> ... provided inline').
_PASS_SOURCES: dict[str, frozenset[str]] = {
    "openssl": frozenset({"-passin", "-passout", "-pass"}),
    "apksigner": frozenset({"--ks-pass", "--key-pass"}),
}
# Long options that name a secret in any program's interface (CWE-214): given with "=" the
# value is the secret; given as the next word it counts when it looks random (letters
# and digits, 8+ characters), as psql's --password, for one, takes no value.
_ANY_PROGRAM = frozenset({"--password", "--passwd", "--token", "--api-key", "--apikey",
                          "--api-token", "--access-token", "--auth-token", "--client-secret",
                          "--secret-key", "--secret-access-key", "--private-token"})
# Any other option whose name ends in a secret's name, as a variable's does below
# (``--account-key``, ``--computer-pass``, ``-auth``; HTTPie's --auth takes USER:PASS),
# and the words that name one where a program takes its arguments as keyword and value
# (nmcli(1): 'wifi connect SSID password PASSWORD'; ngrok's 'config add-authtoken TOKEN'):
# their value counts only when it looks random, so that ``--auth-type basic`` or
# ``kubectl create secret generic`` pass.
_SECRET_OPTION = re.compile(
    r"--?(?:[a-z0-9]+[-_])*(?:password|passwd|passphrase|pass|pwd|secret|token|api[-_]?key"
    r"|apikey|access[-_]?key|account[-_]?key|private[-_]?key|secret[-_]?key|auth"
    r"|credentials?)", re.IGNORECASE)
_SECRET_WORD = re.compile(r"(?:[a-z0-9]+[-_.])*(?:auth)?(?:password|passwd|passphrase|token"
                          r"|secret|psk)", re.IGNORECASE)
# Variables whose value a tool documents as a password or token: PostgreSQL docs
# ('PGPASSWORD ... not recommended for security reasons'), MySQL manual (MYSQL_PWD,
# 'extremely insecure'), AWS CLI environment variables, gh help environment (GH_TOKEN,
# GITHUB_TOKEN), Vault (VAULT_TOKEN), huggingface_hub (HF_TOKEN), the OpenAI and Anthropic
# SDKs; and, by CWE-214, any NAME ending in a secret's name (DB_PASSWORD=, NPM_TOKEN=).
_SECRET_VARIABLE = re.compile(
    r"PGPASSWORD|MYSQL_PWD|SSHPASS|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|GH_TOKEN"
    r"|GITHUB_TOKEN|GH_ENTERPRISE_TOKEN|VAULT_TOKEN|HF_TOKEN|OPENAI_API_KEY"
    r"|ANTHROPIC_API_KEY|(?:\w+_)?(?:PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_?KEY"
    r"|SECRET_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|AUTH_?TOKEN)",
    re.IGNORECASE,
)
# NAME=VALUE inside one word: a prefix assignment, export/env/docker -e, --from-literal=.
_ASSIGNMENT = re.compile(r"^(?:--?[\w-]+=)?([A-Za-z_][A-Za-z0-9_]*)=(.+)$", re.DOTALL)
_RANDOM = re.compile(r"(?=.*[A-Za-z])(?=.*\d)\S{8,}")
# Values of such variables that are settings, not secrets (USE_TOKEN=true, a key file).
_NOT_SECRET = frozenset({"true", "false", "yes", "no", "none", "null", "on", "off"})


def _literal(value: str) -> bool:
    """A value typed out, not one read from a variable, a command, a file or a prompt.

    >>> [_literal(v) for v in ("hunter2", "$PASS", "$(pass show db)", "-", "<token>", "@f")]
    [True, False, False, False, False, False]
    """
    return bool(value) and value != "-" and not value.startswith(("$", "`", "<", "{", "@")) \
        and "$(" not in value


def _option_values(argv: tuple[str, ...], options: frozenset[str],
                   *, next_word: bool = True) -> list[str]:
    """Values of ``options``: ``--opt=v``, ``-ov`` (one-letter options), or ``--opt v``."""
    values = []
    for i, a in enumerate(argv[1:], 1):
        name, eq, value = a.partition("=")
        if eq and name in options and name.startswith("--"):
            values.append(value)
        elif a in options:
            if next_word and i + 1 < len(argv):
                values.append(argv[i + 1])
        elif a[:2] in options and len(a) > 2 and a[1] != "-":
            values.append(a[2:])
    return values


def _assigned_secret(word: str) -> str:
    """The literal secret a ``NAME=VALUE`` word assigns to a secret's name, or ''."""
    m = _ASSIGNMENT.match(word)
    if not m or not _SECRET_VARIABLE.fullmatch(m.group(1)):
        return ""
    value = m.group(2)
    secret = _literal(value) and len(value) >= 4 and value.lower() not in _NOT_SECRET and (
        not value.startswith(("/", "./", "~/"))
    )
    return value if secret else ""


def _secret_values(seg: Segment) -> Iterator[tuple[str, str]]:
    """``(kind, value)`` of each literal secret ``seg`` passes, in the order checked."""
    argv, head = seg.argv, seg.head
    for word in seg.words:
        if value := _assigned_secret(word):
            yield "secret", value
    options = _SECRET_OPTIONS.get(head)
    if options:
        yield from (("password", v) for v in _option_values(argv, options) if _literal(v))
    if head in _LOGIN_PROGRAMS and "login" in argv:
        yield from (("password", v) for v in _option_values(argv, _LOGIN_OPTIONS)
                    if _literal(v))
    if head in _MYSQL:
        yield from (("password", v) for v in _option_values(
            argv, frozenset({"-p", "--password"}), next_word=False) if _literal(v))
        return
    if head in _SEVEN_ZIP:
        yield from (("password", v) for v in _option_values(
            argv, frozenset({"-p"}), next_word=False) if _literal(v))
    user_options, separator = _USER_PASSWORD.get(head, (frozenset(), ""))
    for value in _option_values(argv, user_options):
        password = value.partition(separator)[2]
        if _literal(password):
            yield "password", password
    yield from (("password", v[5:]) for v in _option_values(argv, _PASS_SOURCES.get(
        head, frozenset())) if v.startswith("pass:") and _literal(v[5:]))
    option, offset = _POSITIONAL_PASSWORD.get(head, ("", 0))
    if option in argv[1:]:
        at = argv.index(option) + offset
        password = argv[at] if at < len(argv) else ""
        if _literal(password) and password[:1] not in ("-", "+"):
            yield "password", password
    plain = [a for a in argv[1:] if not a.startswith("-")]
    for lead in _SECRET_OPERAND.get(head, ()):
        if tuple(plain[:len(lead)]) == lead and len(plain) > len(lead):
            value = plain[len(lead)]
            if _literal(value) and "=" not in value:
                yield "password", value
    # htpasswd(1) -b: 'the password is clearly visible on the command line', its last word
    if head == "htpasswd" and any(a[:1] == "-" and a[1:2] != "-" and "b" in a
                                  for a in argv[1:]) and len(plain) >= 3 and _literal(plain[-1]):
        yield "password", plain[-1]
    for i, a in enumerate(argv[1:], 1):
        name, eq, value = a.partition("=")
        following = argv[i + 1] if i + 1 < len(argv) else ""
        if name in _ANY_PROGRAM:
            if eq and _literal(value):
                yield "password", value
            if not eq and _literal(following) and _RANDOM.fullmatch(following):
                yield "password", following
        elif _SECRET_OPTION.fullmatch(name):
            if _random_literal(value if eq else following):
                yield "password", value if eq else following
        elif not a.startswith("-") and _SECRET_WORD.fullmatch(a) and _random_literal(following):
            yield "password", following


def _random_literal(value: str) -> bool:
    """A typed-out value that looks generated (letters and 2+ digits, 10+ characters), not
    a path or an option: what a token or password given as the next word looks like, and
    not a setting's name (``cram-md5``, ``sha256``).

    >>> [_random_literal(v) for v in ("9699a8c7c034d9db", "cram-md5", "conf/v2.json", "$TOKEN")]
    [True, False, False, False]
    """
    return (_literal(value) and not value.startswith("-") and "/" not in value
            and len(value) >= 10 and sum(c.isdigit() for c in value) >= 2
            and _RANDOM.fullmatch(value) is not None)


def secret_in_arguments(seg: Segment) -> bool:
    """Whether ``seg`` passes a literal password or token as an argument or assignment.

    >>> from neuroplast.gate.shell import split_command
    >>> line = ("mysql -uroot -pS3cret db; docker login -p hunter2 r.io; docker run -p 80:80 x; "
    ...         "PGPASSWORD=hunter2 psql; psql --password mydb; openssl enc -pass pass:k3y; "
    ...         "az storage blob list --account-key 9699a8c7c034d9db; "
    ...         "nmcli d wifi connect lab password ad615f4c23ba1c96; http --auth-type basic x")
    >>> [secret_in_arguments(s) for s in split_command(line)]
    [True, True, False, True, False, True, True, True, False]
    """
    return next(_secret_values(seg), None) is not None


# Commands whose manual has them read a password or token from standard input: the
# registry logins' --password-stdin (docker login reference: 'Use --password-stdin');
# gh auth login --with-token and glab auth login --stdin ('Read token from standard
# input'); openssl-passwd(1) -stdin; htpasswd(1) -i; chpasswd(8) (name:password pairs);
# passwd(1) --stdin; smbpasswd(8) -s; gpg(1) --passphrase-fd 0; cryptsetup(8)
# --key-file=- and -d -; vault login - ('read from stdin'); docker secret create NAME -;
# gcloud secrets ... --data-file=-; pass(1) insert.
_STDIN_SECRETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **{login: (("login",), ("--password-stdin",)) for login in _LOGIN_PROGRAMS},
    "gh": (("auth", "login"), ("--with-token",)), "glab": (("auth", "login"), ("--stdin",)),
    "openssl": (("passwd",), ("-stdin",)), "htpasswd": ((), ("-i",)),
    "chpasswd": ((), ()), "passwd": ((), ("--stdin",)), "smbpasswd": ((), ("-s",)),
    "gpg": ((), ("--passphrase-fd",)), "cryptsetup": ((), ("--key-file=-", "-d")),
    "vault": (("login", "-"), ()), "pass": (("insert",), ()),
    "gcloud": (("secrets",), ("--data-file=-",)),
}


def reads_secret_from_stdin(seg: Segment) -> bool:
    """Whether ``seg`` reads a password or token from standard input, by its manual.

    >>> from neuroplast.gate.shell import split_command
    >>> [reads_secret_from_stdin(s) for s in split_command(
    ...     "docker login -u me --password-stdin r.io; docker login r.io; chpasswd; "
    ...     "openssl passwd -stdin; openssl rand 8")]
    [True, False, True, True, False]
    """
    rule = _STDIN_SECRETS.get(seg.head)
    if rule is None:
        return False
    lead, options = rule
    plain = [a for a in seg.argv[1:] if not a.startswith("-") or a == "-"]
    if lead and not (tuple(plain[:len(lead)]) == lead or (
            seg.head in _LOGIN_PROGRAMS and "login" in plain[:3])):
        return False
    return not options or any(a in options or a.partition("=")[0] in options
                              for a in seg.argv[1:])


def typed_into_pipe(seg: Segment) -> bool:
    """Whether ``seg`` writes a typed-out value to a pipe: ``echo hunter2``, ``printf '%s'
    hunter2`` (not ``echo "$PASS"``), or a here-string of one (``<<< hunter2``).

    >>> from neuroplast.gate.shell import split_command
    >>> [typed_into_pipe(s) for s in split_command(
    ...     "echo -n hunter2; echo $PASS; printf '%s' tok3n; cat token.txt")]
    [True, False, True, False]
    """
    words = [a for a in seg.argv[1:] if not (a.startswith("-") and len(a) <= 3)]
    if seg.head == "printf" and words and "%" in words[0]:
        words = words[1:]
    if seg.head in ("echo", "printf") and words and all(_literal(w) for w in words):
        return True
    return any(op == "<<<" and _literal(target) for op, target in seg.redirects)


def secret_argument_values(seg: Segment) -> list[tuple[str, str]]:
    """``(kind, value)`` of every literal secret ``seg`` passes, as the program reads it
    (quotes removed): ``kind`` is ``password`` for an option's value, ``secret`` for a
    ``NAME=VALUE`` assignment.

    >>> from neuroplast.gate.shell import split_command
    >>> line = "PGPASSWORD=hunter2 psql -h db; curl -u bob:'pw 1' https://x.io"
    >>> [secret_argument_values(s) for s in split_command(line)]
    [[('secret', 'hunter2')], [('password', 'pw 1')]]
    """
    return list(_secret_values(seg))
