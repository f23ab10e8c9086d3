"""Calls that write a secret store: a secret, password or credential stored, changed,
rotated or deleted where programs or people fetch it from.

A secret store is read by whatever depends on it, so a write reaches them all: a rotated
or overwritten database password stops every service that reads it until each is
redeployed, a deleted secret is often unrecoverable, and a new value written by the agent
is one more copy of a credential in its context (OWASP Secrets Management Cheat Sheet,
on rotation and on who may write; NIST SP 800-57 Part 1 on key and secret lifecycles;
ATT&CK T1098 'Account Manipulation'). A user's view of this is one view whatever store is
written: someone who stops letting the agent run ``vault kv put`` stops it for ``aws
secretsmanager put-secret-value``, ``gh secret set`` and ``kubectl create secret`` alike.
So it is an act across programs (``gate.acts``: ``* secret``). Each tool is read from its
own reference; reading and listing secrets (``gate.credential_commands`` reads the ones
that print a secret), help and versions are not the act:

- secret managers: ``vault kv put|patch|delete|destroy|undelete|rollback|metadata
  delete``, ``vault write|delete|patch`` (a write to a secrets engine's path); ``aws
  secretsmanager create-secret|put-secret-value|update-secret|delete-secret|rotate-secret|
  restore-secret``, ``aws ssm put-parameter|delete-parameter|delete-parameters``;
  ``gcloud secrets create|update|delete`` and ``secrets versions add|destroy|disable``;
  ``az keyvault secret set|delete|purge|recover|restore|set-attributes``; ``doppler
  secrets set|delete|upload``, ``infisical secrets set|delete``;
- clusters' and CI's secrets: ``kubectl create|delete secret``, ``docker|podman secret
  create|rm``, ``gh secret set|delete|remove``, ``glab variable set|update|delete``;
- applications' environment on a platform (each platform's docs call them the place for
  secrets): ``heroku config:set|config:unset``, ``fly secrets set|unset|import``, ``vercel
  env add|rm``, ``netlify env:set|env:unset``, ``wrangler secret put|delete``, ``firebase
  functions:secrets:set|destroy``, ``supabase secrets set|unset``;
- password managers and keychains: pass(1) ``insert|edit|generate|rm|mv|cp``, ``gopass
  insert|edit|generate|rm|mv|cp``, 1Password's ``op item|document create|edit|delete``,
  Bitwarden's ``bw create|edit|delete``, macOS' ``security
  add-generic-password|add-internet-password|delete-generic-password|
  delete-internet-password``, ``secret-tool store|clear``, ``keyring set|del``, ``dotenvx
  set``; git's credential helpers (``git credential approve|reject``, ``git
  credential-store store|erase``).

>>> from neuroplast.gate.shell import split_command
>>> [writes_secret(s) for s in split_command(
...     "vault kv put secret/app db=pw; vault kv get secret/app; gh secret set TOKEN < t; "
...     "gh secret list; kubectl create secret generic db --from-literal=pw=x; "
...     "kubectl get secrets; pass insert email/work; pass show email/work")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["writes_secret"]

_NO_WRITE = frozenset({"--help", "-h", "--version", "--dry-run"})
_CRUD = frozenset({"create", "edit", "delete"})
# tool -> (the commands, as the first plain words, that lead to the write, the verbs that
# make it); a lead of () means the verb is the first plain word
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "vault": ((("kv",), frozenset({"put", "patch", "delete", "destroy", "undelete",
                                   "rollback"})),
              (("kv", "metadata"), frozenset({"delete", "put", "patch"})),
              ((), frozenset({"write", "delete", "patch"}))),
    "aws": ((("secretsmanager",), frozenset({"create-secret", "put-secret-value",
                                             "update-secret", "delete-secret",
                                             "rotate-secret", "restore-secret"})),
            (("ssm",), frozenset({"put-parameter", "delete-parameter", "delete-parameters"}))),
    "gcloud": ((("secrets",), frozenset({"create", "update", "delete"})),
               (("secrets", "versions"), frozenset({"add", "destroy", "disable"}))),
    "az": ((("keyvault", "secret"), frozenset({"set", "delete", "purge", "recover", "restore",
                                               "set-attributes"})),),
    "doppler": ((("secrets",), frozenset({"set", "delete", "upload"})),),
    "infisical": ((("secrets",), frozenset({"set", "delete"})),),
    "kubectl": ((("create",), frozenset({"secret"})), (("delete",), frozenset({"secret",
                                                                             "secrets"}))),
    "docker": ((("secret",), frozenset({"create", "rm"})),),
    "podman": ((("secret",), frozenset({"create", "rm"})),),
    "gh": ((("secret",), frozenset({"set", "delete", "remove"})),),
    "glab": ((("variable",), frozenset({"set", "update", "delete"})),),
    "heroku": (((), frozenset({"config:set", "config:unset", "config:add",
                               "config:remove"})),),
    "fly": ((("secrets",), frozenset({"set", "unset", "import"})),),
    "flyctl": ((("secrets",), frozenset({"set", "unset", "import"})),),
    "vercel": ((("env",), frozenset({"add", "rm", "remove"})),),
    "netlify": (((), frozenset({"env:set", "env:unset"})),),
    "wrangler": ((("secret",), frozenset({"put", "delete"})),),
    "firebase": (((), frozenset({"functions:secrets:set", "functions:secrets:destroy"})),),
    "supabase": ((("secrets",), frozenset({"set", "unset"})),),
    "pass": (((), frozenset({"insert", "add", "edit", "generate", "rm", "remove", "delete",
                             "mv", "rename", "cp", "copy"})),),
    "gopass": (((), frozenset({"insert", "edit", "generate", "rm", "delete", "mv", "move",
                               "cp", "copy", "create", "new"})),),
    "op": ((("item",), _CRUD), (("document",), _CRUD)),
    "bw": (((), _CRUD),),
    "security": (((), frozenset({"add-generic-password", "add-internet-password",
                                 "delete-generic-password", "delete-internet-password"})),),
    "secret-tool": (((), frozenset({"store", "clear"})),),
    "keyring": (((), frozenset({"set", "del"})),),
    "dotenvx": (((), frozenset({"set"})),),
    "git": ((("credential",), frozenset({"approve", "reject"})),
            (("credential-store",), frozenset({"store", "erase"}))),
    "git-credential-store": (((), frozenset({"store", "erase"})),),
}


def writes_secret(seg: Segment) -> bool:
    """Whether ``seg`` stores, changes, rotates or deletes a secret in a secret store (the
    ``secret`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _NO_WRITE):
        return False
    plain = operands(argv, global_values(head))
    return leads_to(plain, _COMMANDS.get(head, ()))
