"""Calls that log a command-line tool in to a service: a session, token or cluster
credential obtained and stored on this machine for later calls to use.

A login outlives the call: every later command of that tool, the agent's or anyone's on
this account, acts as the user on that service until the session expires or is revoked
(docker-login(1): 'Log in to a registry... stores the credentials'; ``gh auth login``:
'Authenticate with a GitHub host... the token is stored'; ``az aks get-credentials``:
'Get access credentials for a managed Kubernetes cluster', merged into ~/.kube/config).
Credentials stored for tools are what ATT&CK T1552.001 'Credentials In Files' and
T1528 'Steal Application Access Token' take. A user's view of this is one view whatever
tool logs in: someone who stops letting the agent run ``docker login`` stops it for
``npm login``, ``gcloud auth login`` and ``vault login`` alike. So it is an act across
programs (``gate.acts``: ``* login``). Each tool is read from its own reference; status,
listing accounts, ``whoami``, logging out, help and versions are not the act:

- registries: ``docker|podman|buildah|skopeo|nerdctl login``, ``helm registry login``,
  ``oras login``, ``crane auth login``, ``regctl registry login``, ``az acr login``;
- package registries: ``npm|pnpm login|adduser|add-user``, ``yarn npm login``, ``cargo
  login``, ``gem signin``;
- forges and clouds: ``gh|glab auth login|refresh``, ``az login``, ``az devops login``,
  ``gcloud auth login|activate-service-account`` and ``gcloud auth application-default
  login``, ``aws sso login``, ``aws configure`` run bare (it prompts for the access keys) or
  ``aws configure set`` of a key (aws_access_key_id, aws_secret_access_key,
  aws_session_token), ``doctl auth init``, ``oc login``, ``heroku login``, ``fly|flyctl auth
  login``, ``vercel|netlify|firebase|wrangler|railway|supabase|stripe login``,
  ``ibmcloud|cf login``, ``oci session authenticate``, ``databricks auth login``;
- cluster credentials written to a kubeconfig: ``az aks get-credentials``, ``gcloud
  container clusters get-credentials``, ``aws eks update-kubeconfig``, ``doctl kubernetes
  cluster kubeconfig save``, ``kubectl config set-credentials``;
- secret managers and identity: ``vault|consul|nomad login``, ``op signin``, ``bw login``,
  ``pulumi|terraform login``, ``huggingface-cli login``, ``hf auth login``, ``wandb
  login``, kinit(1) (a Kerberos ticket), ``git credential approve|store``;
- keys and vaults unlocked for later calls, the same credential made available without a
  service in between: ssh-add(1) adding keys to the agent or unlocking it (``-X``; not
  ``-l``, ``-L``, ``-d``, ``-D``, ``-e``, ``-T``, ``-x``, which list, remove, test or
  lock), keychain(1) given keys,
  ``security unlock-keychain``, ``bw unlock``, ``gpg-preset-passphrase --preset``,
  ``gnome-keyring-daemon --unlock``.

>>> from neuroplast.gate.shell import split_command
>>> [logs_in(s) for s in split_command(
...     "docker login -u ci ghcr.io; docker logout; gh auth login --web; gh auth status; "
...     "gcloud auth login; gcloud auth list; az aks get-credentials -g rg -n prod; "
...     "aws configure; aws configure list")]
[True, False, True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import has_short_option, leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["logs_in"]

_NO_LOGIN = frozenset({"--help", "-h", "--version"})
_LOGIN = frozenset({"login"})
_AUTH_LOGIN = ((("auth",), _LOGIN),)
_NPM = (((), frozenset({"login", "adduser", "add-user"})),)
_AWS_KEYS = frozenset({"aws_access_key_id", "aws_secret_access_key", "aws_session_token"})
# tool -> (the commands, as the first plain words, that lead to the login, the verbs that
# make it)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    **{tool: (((), _LOGIN),) for tool in (
        "docker", "podman", "buildah", "skopeo", "nerdctl", "oras", "cargo", "oc", "heroku",
        "vercel", "netlify", "firebase", "wrangler", "railway", "supabase", "stripe",
        "ibmcloud", "cf", "vault", "consul", "nomad", "pulumi", "terraform", "wandb",
        "huggingface-cli")},
    "helm": ((("registry",), _LOGIN),), "regctl": ((("registry",), _LOGIN),),
    "crane": _AUTH_LOGIN, "fly": _AUTH_LOGIN, "flyctl": _AUTH_LOGIN, "hf": _AUTH_LOGIN,
    "databricks": _AUTH_LOGIN,
    "npm": _NPM, "pnpm": _NPM, "yarn": ((("npm",), _LOGIN),),
    "gem": (((), frozenset({"signin"})),),
    "gh": ((("auth",), frozenset({"login", "refresh"})),),
    "glab": ((("auth",), frozenset({"login", "refresh"})),),
    "az": (((), _LOGIN), (("acr",), _LOGIN), (("devops",), _LOGIN),
           (("aks",), frozenset({"get-credentials"}))),
    "gcloud": ((("auth",), frozenset({"login", "activate-service-account"})),
               (("auth", "application-default"), _LOGIN),
               (("container", "clusters"), frozenset({"get-credentials"}))),
    "aws": ((("sso",), _LOGIN), (("eks",), frozenset({"update-kubeconfig"}))),
    "doctl": ((("auth",), frozenset({"init"})),
              (("kubernetes", "cluster", "kubeconfig"), frozenset({"save"}))),
    "kubectl": ((("config",), frozenset({"set-credentials"})),),
    "oci": ((("session",), frozenset({"authenticate"})),),
    "op": (((), frozenset({"signin"})),),
    "bw": (((), frozenset({"login", "unlock"})),),
    "security": (((), frozenset({"unlock-keychain"})),),
    "git": ((("credential",), frozenset({"approve", "store"})),),
}

# the programs this act reads; any other is answered at once
_PROGRAMS = frozenset({"kinit", "ssh-add", "keychain", "gpg-preset-passphrase",
                       "gnome-keyring-daemon", *_COMMANDS})


def logs_in(seg: Segment) -> bool:
    """Whether ``seg`` logs a tool in to a service or stores a credential for it to use
    (the ``login`` act)."""
    head, argv = seg.head, seg.argv
    if head not in _PROGRAMS or names_option(argv[1:], _NO_LOGIN):
        return False
    if head == "kinit":  # kinit(1) obtains (or with -R renews) a ticket whatever else
        return True
    words = argv[1:]
    if head == "ssh-add":  # keys added unless it lists, removes, tests or locks
        return not has_short_option(words, "lLdDTxe", stop="tEhHS")
    if head == "keychain":  # keychain(1) loads the keys it is given into the agents
        return bool(operands(argv, frozenset({"--dir", "--host", "--timeout"})))
    if head == "gpg-preset-passphrase":
        return "--preset" in words
    if head == "gnome-keyring-daemon":
        return "--unlock" in words
    plain = operands(argv, global_values(head))
    if head == "aws" and plain[:1] == ["configure"]:
        # bare, it prompts for the access keys; ``set`` of a key writes one
        return not plain[1:] or (plain[1:2] == ["set"] and len(plain) > 2
                                 and plain[2].rpartition(".")[2] in _AWS_KEYS)
    return leads_to(plain, _COMMANDS.get(head, ()))
