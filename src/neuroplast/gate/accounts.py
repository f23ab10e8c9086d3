"""Calls that change accounts: who may log in or act, with which password, in which group,
holding which role.

An account change outlives the call and reaches every later login: a group membership the
agent adds can open a share nobody meant to open, a reset password locks its owner out, a
role grant lets a service do what it never did. A user's view of this is one view whatever
tool makes the change: someone who stops letting the agent add a user to a group with
``usermod`` stops it for ``samba-tool``, ``dscl``, ``net localgroup``, a ``GRANT`` and an
IAM policy binding alike. So it is an act across programs (``gate.acts``: ``* account``).
Each tool is read from its own manual; lookups (``id``, ``getent``, ``passwd -S``, ``chage
-l``, list, show and get commands), help and checks change nothing and are not the act:

- local accounts: useradd(8), usermod(8), userdel(8), groupadd(8), groupmod(8),
  groupdel(8), gpasswd(1), passwd(1) (not ``-S``/``--status``), chpasswd(8), chgpasswd(8),
  newusers(8), chage(1) (not ``-l``), chfn(1), chsh(1) (not ``-l``, which lists shells),
  vipw(8)/vigr(8), pwconv(8) and its kin; Debian's adduser(8), deluser(8), addgroup and
  delgroup; libuser's ``l*`` tools; FreeBSD's pw(8) (not ``usershow``/``groupshow``/
  ``*next``); systemd's ``homectl create|remove|update|passwd``; visudo(8), which edits
  who may run what as whom (not ``-c``);
- Samba and Windows: smbpasswd(8), pdbedit(8) with an option that adds, deletes or changes
  an account (``-L``, ``-v``, ``-w`` and ``-u`` alone only list), ``samba-tool
  user|group|computer|contact`` with a changing command (samba-tool(8)), ``net`` (Samba's
  net(8): ``rpc|ads|sam ... user|group add|delete|addmem|delmem|password...``; Windows'
  ``net user|group|localgroup|accounts`` with a ``/add``-style switch or a password),
  the AD DS tools dsadd, dsmod and dsrm, and PowerShell's account cmdlets
  (``New|Set|Remove|Enable|Disable|Unlock|Add|Rename-LocalUser|LocalGroup|LocalGroupMember``,
  their ``AD`` forms, ``Set-ADAccountPassword``, Microsoft Graph's ``*-MgUser``...);
- macOS: dscl(1) with ``-create``, ``-delete``, ``-append``, ``-merge``, ``-change`` or
  ``-passwd`` (not ``-read``, ``-list``, ``-search``); sysadminctl(8)'s ``-addUser``,
  ``-deleteUser``, ``-resetPasswordFor``, ``-secureTokenOn|Off`` and guest and autologin
  switches (not ``status``); ``dseditgroup -o edit|create|delete``; dsenableroot(8);
- directories and identity servers: ldapadd(1), ldapmodify(1), ldapdelete(1),
  ldapmodrdn(1), ldappasswd(1); FreeIPA's ``ipa OBJECT-VERB`` for identity objects (not
  ``-find``/``-show``) and ``ipa passwd``; kadmin(1)'s principal and policy queries
  (``addprinc``, ``cpw``, ``delprinc``, ``ktadd``...; not ``getprinc``, ``listprincs``);
  kpasswd(1); Keycloak's ``kcadm.sh`` on users, groups and roles; ``pveum`` (Proxmox)
  users, groups, roles and ACLs;
- password files and service users: htpasswd(1) (not ``-n``, which prints, nor ``-v``,
  which verifies), htdigest(1), mosquitto_passwd(1); ``rabbitmqctl`` user and permission
  commands; ``mc admin user|group|policy`` (MinIO); ``influx user|auth`` changes;
  ``redis-cli ACL SETUSER|DELUSER``;
- databases: createuser(1) and dropuser(1); SQL's ``CREATE|ALTER|DROP USER|ROLE|LOGIN|
  GROUP``, ``GRANT``, ``REVOKE``, ``SET PASSWORD``, ``RENAME USER`` and psql's
  ``\\password`` (ISO/IEC 9075 access-control statements, each server's manual);
  mongosh's user and role methods (``db.createUser``, ``grantRolesToUser``...);
  ``mysqladmin password``; ``gcloud sql users create|delete|set-password``;
- cloud and cluster identities: ``aws iam``, ``identitystore``, ``sso-admin`` and
  ``cognito-idp`` operations other than ``get-``, ``list-``, ``describe-``,
  ``simulate-`` and ``generate-`` (AWS CLI reference); ``gcloud iam ...`` and ``gcloud
  identity groups ...`` changes, and any resource's ``add-iam-policy-binding``,
  ``remove-iam-policy-binding`` or ``set-iam-policy``; ``az ad user|group|sp|app`` and
  ``az role assignment|definition`` changes; ``openstack user|group|role`` changes;
  ``kubectl create|delete`` of service accounts, roles and role bindings, ``kubectl set
  subject``, ``kubectl auth reconcile``, and OpenShift's ``oc adm policy``, ``oc adm
  groups`` and ``oc policy`` changes.

>>> from neuroplast.gate.shell import split_command
>>> [changes_accounts(s) for s in split_command(
...     "sudo usermod -aG docker bob; id bob; passwd; passwd -S bob; chage -l bob; "
...     "pdbedit -L; pdbedit -a -u bob; dscl . -read /Users/bob; "
...     "dscl . -append /Groups/admin GroupMembership bob; "
...     "gcloud projects add-iam-policy-binding p --member=user:b@x.io --role=roles/owner; "
...     "aws iam list-users; psql -c 'GRANT ALL ON t TO bob'; psql -c 'SELECT 1'")]
[True, False, True, False, False, False, True, False, True, True, False, True, False]
"""

from __future__ import annotations

import itertools
import re

from neuroplast.gate.outputs import has_short_option, names_option, operands, option_values
from neuroplast.gate.shell import Segment
from neuroplast.gate.sql import sql_texts

__all__ = ["changes_accounts"]

_NO_CHANGE = frozenset({"--help", "--version", "/?"})
# programs whose every run changes accounts, with the short option letters (in any cluster)
# and long options that make a run only show or check, from each manual
_ALWAYS: dict[str, tuple[str, tuple[str, ...]]] = {
    **dict.fromkeys(("useradd", "adduser", "userdel", "deluser", "groupadd", "addgroup",
                     "groupdel", "delgroup", "groupmod", "usermod", "gpasswd", "chpasswd",
                     "chgpasswd", "newusers", "vipw", "vigr", "pwconv", "pwunconv",
                     "grpconv", "grpunconv", "chfn", "luseradd", "lusermod", "luserdel",
                     "lgroupadd", "lgroupmod", "lgroupdel", "lpasswd", "lchfn", "lchsh",
                     "lnewusers", "smbpasswd", "dsenableroot", "ldapadd", "ldapmodify",
                     "ldapdelete", "ldapmodrdn", "ldappasswd", "kpasswd", "htdigest",
                     "mosquitto_passwd", "createuser", "dropuser", "dsadd", "dsmod",
                     "dsrm"), ("", ())),
    "passwd": ("S", ("--status",)),
    "chage": ("l", ("--list",)),
    "lchage": ("l", ("--list",)),
    "chsh": ("l", ("--list-shells",)),
    "htpasswd": ("nv", ()),
    "visudo": ("c", ("--check",)),
}
# program -> the commands among its first plain words that change accounts
_VERBS: dict[str, frozenset[str]] = {
    "pw": frozenset({"useradd", "usermod", "userdel", "groupadd", "groupmod", "groupdel",
                     "lock", "unlock"}),
    "homectl": frozenset({"create", "remove", "update", "passwd"}),
    "rabbitmqctl": frozenset({"add_user", "delete_user", "change_password", "clear_password",
                              "set_user_tags", "set_permissions", "clear_permissions",
                              "set_topic_permissions", "clear_topic_permissions",
                              "set_user_limits", "clear_user_limits"}),
    "mysqladmin": frozenset({"password"}),
    "pveum": frozenset({"useradd", "usermod", "userdel", "groupadd", "groupmod", "groupdel",
                        "roleadd", "rolemod", "roledel", "aclmod", "acldel", "passwd"}),
    "kcadm.sh": frozenset({"set-password", "add-roles", "remove-roles"}),
    "kcadm": frozenset({"set-password", "add-roles", "remove-roles"}),
}
_CHANGES = frozenset({"create", "add", "delete", "del", "remove", "rm", "update", "modify",
                      "set", "unset", "reset", "enable", "disable", "rename", "move",
                      "unlock", "lock", "attach", "detach", "edit", "password",
                      "setpassword", "setexpiry", "setprimarygroup", "addmembers",
                      "removemembers", "addunixattrs", "sensitive", "addmem", "delmem",
                      "createlocalgroup", "deletelocalgroup", "createbuiltingroup",
                      "mapunixgroup", "unmapunixgroup", "grant", "revoke", "undelete",
                      "upload", "copy", "set-password", "modify-membership-roles",
                      "active", "inactive", "new", "add-users", "remove-users"})
# (program, first plain word) -> the identity objects a changing command may act on next
_OBJECTS: dict[tuple[str, str], frozenset[str]] = {
    ("az", "ad"): frozenset({"user", "group", "sp", "app"}),
    ("az", "role"): frozenset({"assignment", "definition"}),
    ("mc", "admin"): frozenset({"user", "group", "policy"}),
    ("gcloud", "sql"): frozenset({"users"}),
    ("oc", "adm"): frozenset({"policy", "groups"}),
}
# programs whose first plain word is the identity object a changing command acts on
_OBJECT_FIRST: dict[str, frozenset[str]] = {
    "samba-tool": frozenset({"user", "group", "computer", "contact"}),
    "openstack": frozenset({"user", "group", "role"}),
    "influx": frozenset({"user", "auth"}),
    "pveum": frozenset({"user", "group", "role", "acl"}),
    "gcloud": frozenset({"iam", "identity"}),
}
_IAM_ROLE_GRANTS = frozenset({"add-iam-policy-binding", "remove-iam-policy-binding",
                              "set-iam-policy"})
_AWS_IDENTITY = frozenset({"iam", "identitystore", "sso-admin", "cognito-idp"})
_AWS_READS = ("get-", "list-", "describe-", "simulate-", "generate-", "admin-get-",
              "admin-list-", "wait", "help")
_KUBE_RBAC = frozenset({"serviceaccount", "serviceaccounts", "sa", "role", "roles",
                        "clusterrole", "clusterroles", "rolebinding", "rolebindings",
                        "clusterrolebinding", "clusterrolebindings", "user", "users",
                        "identity", "identities", "useridentitymapping", "group", "groups"})
_IPA_OBJECTS = frozenset({"user", "stageuser", "group", "role", "privilege", "permission",
                          "hbacrule", "sudorule", "service", "host", "hostgroup", "netgroup",
                          "idoverrideuser", "idoverridegroup", "otptoken", "pwpolicy",
                          "selfservice", "delegation"})
_IPA_READS = frozenset({"find", "show", "status"})
_KADMIN_CHANGES = frozenset({"addprinc", "add_principal", "ank", "delprinc",
                             "delete_principal", "modprinc", "modify_principal", "cpw",
                             "change_password", "renprinc", "rename_principal", "ktadd",
                             "xst", "ktremove", "ktrem", "addpol", "add_policy", "modpol",
                             "modify_policy", "delpol", "delete_policy", "purgekeys", "lock",
                             "unlock"})
_KADMIN_VALUES = frozenset({"-r", "-p", "-k", "-t", "-c", "-w", "-s", "-x", "-d", "-e", "-q"})
# pdbedit(8): the options that add, delete or change an account or its policy
_PDBEDIT_CHANGES = frozenset({"-a", "--create", "-x", "--delete", "-r", "--modify", "-c",
                              "--account-control", "-f", "--fullname", "-h", "--homedir",
                              "-D", "--drive", "-S", "--script", "-p", "--profile", "-U",
                              "--user-SID", "-G", "--group-SID", "-C", "--value",
                              "--set-nt-hash", "-t", "--password-from-stdin", "-z",
                              "--bad-password-count-reset", "-Z", "--logon-hours-reset",
                              "--force-initialized-passwords", "--pwd-must-change-time",
                              "--pwd-can-change-time", "--kickoff-time", "-i", "--import"})
_DSCL_CHANGES = frozenset({"create", "delete", "append", "merge", "change", "changei",
                           "passwd", "createpl", "deletepl", "mcxset", "mcxedit",
                           "mcxdelete"})
_SYSADMINCTL_CHANGES = frozenset({"-addUser", "-deleteUser", "-resetPasswordFor",
                                  "-secureTokenOn", "-secureTokenOff"})
_SYSADMINCTL_SWITCHES = ("-guestAccount", "-afpGuestAccess", "-smbGuestAccess",
                         "-autologin")
_NET_OBJECTS = frozenset({"user", "group", "localgroup", "accounts", "sam", "rights",
                          "password"})
_NET_READ_SWITCHES = ("/domain", "/dom", "/?")
_POWERSHELL = frozenset({"pwsh", "powershell", "pwsh.exe", "powershell.exe"})
_ACCOUNT_CMDLET = re.compile(
    r"\b(?:New|Set|Remove|Rename|Enable|Disable|Unlock|Add|Clear|Update|Reset)-(?:"
    r"Local(?:User|Group(?:Member)?)|AD(?:User|Group(?:Member)?|Account\w*"
    r"|PrincipalGroupMembership|ServiceAccount|ComputerServiceAccount)"
    r"|Mg(?:User|Group(?:Member)?|RoleManagement|DirectoryRole)\w*)\b", re.IGNORECASE)
# SQL access-control statements and account DDL (ISO/IEC 9075; PostgreSQL, MySQL, SQL
# Server manuals), and psql's \password meta-command
_SQL_ACCOUNT = re.compile(
    r"(?:^|;)\s*(?:(?:create|alter|drop)\s+(?:or\s+replace\s+)?(?:user|role|login|group)\b"
    r"|grant\b|revoke\b|set\s+password\b|rename\s+user\b)|\\password\b", re.IGNORECASE)
_MONGO_ACCOUNT = re.compile(
    r"\.(?:createUser|dropUser|dropAllUsersFromDatabase|updateUser|changeUserPassword"
    r"|grantRolesToUser|revokeRolesFromUser|createRole|dropRole|updateRole"
    r"|dropAllRolesFromDatabase|grantPrivilegesToRole|revokePrivilegesFromRole"
    r"|grantRolesToRole|revokeRolesFromRole)\s*\(")


def _plain(argv: tuple[str, ...], n: int = 5) -> list[str]:
    return [a for a in argv[1:] if not a.startswith("-")][:n]


def _shows_only(argv: tuple[str, ...], letters: str, longs: tuple[str, ...]) -> bool:
    return has_short_option(argv[1:], letters) or names_option(argv[1:], longs)


def _net_changes(argv: tuple[str, ...]) -> bool:
    """Samba's net(8) (``net rpc user add``, ``net sam addmem``) and Windows' ``net user
    NAME /add``, ``net user NAME PASSWORD``, ``net localgroup G U /add``."""
    plain = [a for a in _plain(argv) if not a.startswith("/")]
    if not _NET_OBJECTS.intersection(plain[:3]):
        return False
    if _CHANGES.intersection(plain[1:5]):
        return True
    switches = [a for a in argv[1:] if a.startswith("/")
                and a.lower().partition(":")[0] not in _NET_READ_SWITCHES]
    operands = plain[plain.index("user") + 1:] if "user" in plain else []
    return bool(switches) or len(operands) >= 2


def _cloud_changes(head: str, plain: list[str]) -> bool:
    if head == "gcloud" and _IAM_ROLE_GRANTS.intersection(plain):
        return True
    if head == "aws":  # the service may follow a global option's value (--profile p)
        service = next((i for i, w in enumerate(plain[:3]) if w in _AWS_IDENTITY), None)
        return (service is not None and len(plain) > service + 1
                and not plain[service + 1].startswith(_AWS_READS))
    if head in ("kubectl", "oc"):
        if plain[:2] in (["set", "subject"], ["auth", "reconcile"]):
            return True
        if plain[:1] == ["policy"] or plain[:2] in (["adm", "policy"], ["adm", "groups"]):
            return _CHANGES.intersection(plain[1:3]) != set() or any(
                w.startswith(("add-", "remove-")) for w in plain[1:3])
        return (plain[:1] in (["create"], ["delete"]) and len(plain) > 1
                and plain[1].partition("/")[0] in _KUBE_RBAC)
    objects = _OBJECTS.get((head, plain[0] if plain else ""))
    if objects:
        return bool(objects.intersection(plain[1:2])) and bool(
            _CHANGES.intersection(plain[2:5]))
    objects = _OBJECT_FIRST.get(head)
    return bool(objects) and bool(objects.intersection(plain[:1])) and bool(
        _CHANGES.intersection(plain[1:4]))


def changes_accounts(seg: Segment) -> bool:
    """Whether ``seg`` creates, changes or deletes an account, its password, its group
    memberships or its role grants (the ``account`` act)."""
    head, argv = seg.head, seg.argv
    if any(a in _NO_CHANGE for a in argv[1:]):
        return False
    plain = _plain(argv)
    if head in _ALWAYS:
        letters, longs = _ALWAYS[head]
        if head == "useradd" and argv[1:] == ("-D",):  # only prints the defaults
            return False
        return not _shows_only(argv, letters, longs)
    if head in _VERBS and _VERBS[head].intersection(plain[:2]):
        return True
    if head == "pdbedit":
        return names_option(argv[1:], _PDBEDIT_CHANGES)
    if head == "dscl":
        return any(a.lstrip("-") in _DSCL_CHANGES for a in argv[2:])
    if head == "sysadminctl":
        return bool(_SYSADMINCTL_CHANGES.intersection(argv[1:])) or any(
            v != "status" for v in option_values(argv, _SYSADMINCTL_SWITCHES))
    if head == "dseditgroup":
        return any(v in ("edit", "create", "delete") for v in option_values(argv, ("-o",)))
    if head == "net":
        return _net_changes(argv)
    if head == "ipa":
        word = plain[0] if plain else ""
        obj, _, verb = word.partition("-")
        return word == "passwd" or (obj in _IPA_OBJECTS and bool(verb)
                                    and verb not in _IPA_READS)
    if head in ("kadmin", "kadmin.local"):
        queries = option_values(argv, ("-q",))
        words = [q.split()[0] for q in queries if q.split()]
        words += operands(argv, _KADMIN_VALUES)[:1]
        return bool(_KADMIN_CHANGES.intersection(words))
    if head in ("kcadm.sh", "kcadm"):
        return plain[:1] in (["create"], ["update"], ["delete"]) and len(plain) > 1 and (
            plain[1].partition("/")[0] in ("users", "groups", "roles"))
    if head == "redis-cli":
        words = [a.lower() for a in argv[1:]]
        return any(w == "acl" and nxt in ("setuser", "deluser")
                   for w, nxt in itertools.pairwise(words))
    if head in _POWERSHELL or _ACCOUNT_CMDLET.fullmatch(head):
        return any(_ACCOUNT_CMDLET.search(a) for a in argv)
    if head in ("mongosh", "mongo"):
        return any(_MONGO_ACCOUNT.search(t) for t in sql_texts(seg))
    if any(_SQL_ACCOUNT.search(t) for t in sql_texts(seg)):
        return True
    return _cloud_changes(head, plain)
