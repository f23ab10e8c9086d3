"""Calls that tear down: a resource a provider hosts for the account deleted, terminated or
destroyed: a server, cluster, database, bucket, repository, project, app or a whole stack.

What a teardown removes runs or holds something others rely on, and a provider's delete
takes its disks, addresses and data with it: a terminated instance's root volume, a
deleted database's automated backups, a deleted repository's issues are gone when the call
returns (AWS EC2 User Guide, 'Terminate an instance': 'you can't connect to or restart an
instance after you've terminated it'; ATT&CK T1485 'Data Destruction' and T1578.003
'Delete Cloud Instance'). A user's view of this is one view whatever the provider:
someone who stops letting the agent run ``aws ec2 terminate-instances`` stops it for
``gcloud compute instances delete``, ``az group delete`` and ``terraform destroy`` alike.
So it is an act across programs (``gate.acts``: ``* teardown``), the mirror of
``provision``. Each tool is read from its own command-line reference; listing,
describing, help, versions and dry runs are not the act, nor is data deleted inside a
resource (objects, messages, items, DNS records: ``remote-delete``, ``database-write``,
``dns``), nor an identity (``account``), nor a pod its controller starts again:

- AWS CLI: an operation ``delete-*`` or ``terminate-*`` (``ec2 terminate-instances``,
  ``rds delete-db-instance``, ``cloudformation delete-stack``), ``s3 rb`` (not the
  data-plane deletes ``delete-object(s)``, ``delete-message(-batch)``, ``delete-item``,
  nor tags, nor ``iam``);
- Google Cloud's gcloud and Azure's az: ``delete`` under any group but the CLI's own
  (``config``, ``auth``...) and tags, identities (``iam``, ``ad``, ``role``, users), a
  resource's data (``storage objects``, ``az storage blob|file|fs|directory|message|
  entity``, a key vault's secrets, keys and certificates) and DNS records
  (``record-sets``, ``record-set``); gsutil and s3cmd ``rb``, and ``gsutil|gcloud storage
  rm -r`` of a whole bucket, which deletes the bucket too;
- other clouds' CLIs (``doctl``, ``hcloud``, ``linode-cli``, ``vultr-cli``, ``scw``,
  ``civo``, ``exo``, ``upcloud``, ``openstack``, ``oci``, ``ibmcloud``, ``eksctl``,
  ``kops``, ``pscale``, ``neonctl``, ``turso``): a ``delete``, ``destroy`` or
  ``terminate`` command (ibmcloud's ``*-delete``, civo's ``remove``, doctl's aliases ``d``,
  ``del``, ``rm``), not their records nor users;
- clusters' objects: ``kubectl|oc delete`` (a kind or a manifest, not pods), ``helm
  uninstall|delete``;
- infrastructure as code destroyed: ``terraform|tofu|terragrunt destroy`` and ``apply
  -destroy``, ``pulumi destroy``, ``cdk|cdktf destroy``, ``sam delete``,
  ``serverless|sls|sst remove``;
- forges and platforms: ``gh repo|codespace delete``, ``glab repo delete``, ``hub
  delete``, the Hugging Face CLI's ``repo delete``, ``heroku
  apps:destroy|destroy|addons:destroy``, ``fly|flyctl apps|machine|volumes destroy``,
  ``vercel remove|rm``, ``netlify sites:delete``, ``supabase projects delete``, ``dokku
  apps:destroy``;
- what deploys to clusters: ``argocd app|proj delete``, ``helmfile destroy|delete``,
  ``vcluster delete|rm`` and ``vcluster platform delete|destroy``, ``loft delete|uninstall``;
- VirtualBox's cloud integration: ``VBoxManage cloud instance terminate|image delete``.

>>> from neuroplast.gate.shell import split_command
>>> [tears_down(s) for s in split_command(
...     "aws ec2 terminate-instances --instance-ids i-1; aws ec2 describe-instances; "
...     "gcloud compute instances delete vm-1 --zone z; gcloud config configurations delete d; "
...     "az group delete -n rg --yes; az storage blob delete -c c -n b; "
...     "kubectl delete namespace prod; kubectl delete pod web-1; terraform destroy")]
[True, False, True, False, True, False, True, False, True]
"""

from __future__ import annotations

import re

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import names_option, operands, starts_with
from neuroplast.gate.provisions import CLI_OWN_GROUPS, CLOUD_CLIS, NO_CHANGE
from neuroplast.gate.shell import Segment

__all__ = ["tears_down"]

_NO_CHANGE = NO_CHANGE | {"--dryrun"}
_AWS_PREFIXES = ("delete-", "terminate-")
# operations that delete data inside a resource, or its tags, not the resource
_AWS_DATA = frozenset({"delete-object", "delete-objects", "delete-message",
                       "delete-message-batch", "delete-item", "delete-tags",
                       "delete-attributes", "delete-bucket-tagging"})
# a CLI's own groups (CLI_OWN_GROUPS) lead its command; tags, identities and DNS records
# may sit deeper in it
_NOT_RESOURCES = frozenset({"tag", "iam", "ad", "role", "user", "users", "record-sets",
                            "record-set", "records", "records-delete"})
# az storage's data-plane groups and a key vault's contents (az's reference)
_AZ_DATA = frozenset({"blob", "file", "fs", "directory", "message", "entity", "secret", "key",
                      "certificate"})
_DELETE_WORDS = frozenset({"delete", "destroy", "terminate"})
_IAC_DESTROY = {"terraform": "destroy", "tofu": "destroy", "terragrunt": "destroy",
                "pulumi": "destroy", "cdk": "destroy", "cdktf": "destroy", "sam": "delete",
                "serverless": "remove", "sls": "remove", "sst": "remove"}
_PODS = frozenset({"pod", "pods", "po"})
# the CLIs' own aliases of delete (doctl's reference: every delete command's aliases are
# d, del and rm; civo's remove and rm)
_DELETE_ALIASES = {"doctl": frozenset({"d", "del", "rm"}), "civo": frozenset({"remove", "rm"})}
# a bucket removed with its contents: gsutil rm -r gs://BUCKET ('if a bucket is named, the
# bucket is also deleted'), gcloud storage rm -r gs://BUCKET likewise
_WHOLE_BUCKET = re.compile(r"^gs://[^/]+/?$")


def tears_down(seg: Segment) -> bool:
    """Whether ``seg`` deletes, terminates or destroys a resource a provider hosts (the
    ``teardown`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _NO_CHANGE):
        return False
    words = operands(argv, global_values(head))
    if head == "aws":
        op = words[1] if len(words) > 1 else ""
        return (words[:2] == ["s3", "rb"] or (op.startswith(_AWS_PREFIXES)
                                              and op not in _AWS_DATA
                                              and words[0] != "iam"))
    if head == "gcloud" and words[:2] == ["storage", "rm"]:
        return _removes_whole_bucket(seg, words[1:])
    if head in ("gcloud", "az"):
        lead = words[:4]
        excluded = CLI_OWN_GROUPS.intersection(words[:1]) or _NOT_RESOURCES.intersection(
            lead) or (
            head == "gcloud" and words[:2] == ["storage", "objects"]) or (
            head == "az" and words[:1] in (["storage"], ["keyvault"])
            and bool(_AZ_DATA.intersection(words[1:2])))
        return "delete" in words[1:5] and not excluded
    if head in ("gsutil", "s3cmd"):
        return words[:1] == ["rb"] or (head == "gsutil" and _removes_whole_bucket(seg, words))
    if head in _IAC_DESTROY:
        within = 3 if head == "terragrunt" else 1
        return _IAC_DESTROY[head] in words[:within] or (
            head in ("terraform", "tofu", "terragrunt") and "apply" in words[:within]
            and names_option(argv[1:], ("-destroy", "--destroy")))
    if head in CLOUD_CLIS:
        verbs = _DELETE_WORDS | _DELETE_ALIASES.get(head, frozenset())
        lead = words[:4]
        verbs_at = lead
        if head == "doctl":  # doctl GROUP [SUBGROUP] VERB; compute d is the droplet group
            verbs_at = lead[2:] if lead[:1] == ["compute"] else lead[1:]
        return not (CLI_OWN_GROUPS.intersection(words[:1])
                    or _NOT_RESOURCES.intersection(lead)) and any(
            w in verbs or (head == "ibmcloud" and w.endswith("-delete")) for w in verbs_at)
    if head in ("kubectl", "oc"):
        return words[:1] == ["delete"] and not _PODS.intersection(
            kind for w in words[1:2] for kind in w.split(","))
    if head == "helm":
        return bool({"uninstall", "delete", "del", "un"}.intersection(words[:1]))
    return _platform_teardown(head, words)


def _removes_whole_bucket(seg: Segment, words: list[str]) -> bool:
    return words[:1] == ["rm"] and names_option(seg.argv[1:], ("-r", "-R", "--recursive")) \
        and any(_WHOLE_BUCKET.match(w) for w in words[1:])


# forges' and platforms' own delete commands: program -> the leading words that delete
# (each CLI's reference; hub(1): 'hub delete [-y] [ORGANIZATION/]NAME'; argocd app delete:
# the application and, cascading, its resources; helmfile destroy|delete: every release
# deleted and purged; loft uninstall: the platform itself; VBoxManage cloud)
_FORGES = (("repo", "delete"), ("codespace", "delete"), ("cs", "delete"))
_PLATFORM_DELETES: dict[str, tuple[tuple[str, ...], ...]] = {
    "gh": _FORGES, "glab": _FORGES,
    "huggingface-cli": (("repo", "delete"),), "hf": (("repo", "delete"),),
    "heroku": (("apps:destroy",), ("destroy",), ("addons:destroy",)),
    "vercel": (("remove",), ("rm",)),
    "netlify": (("sites:delete",),),
    "supabase": (("projects", "delete"),),
    "vcluster": (("delete",), ("rm",), ("platform", "destroy"), ("platform", "delete")),
    "hub": (("delete",),),
    "dokku": (("apps:destroy",), ("destroy",)),
    "argocd": (("app", "delete"), ("proj", "delete")),
    "helmfile": (("destroy",), ("delete",)),
    "vboxmanage": (("cloud", "instance", "terminate"), ("cloud", "image", "delete")),
    "loft": (("delete",), ("uninstall",)),
}


def _platform_teardown(head: str, words: list[str]) -> bool:
    """Forges' and platforms' own delete commands (``_PLATFORM_DELETES``; fly's destroy
    may follow its resource: ``fly apps destroy``, ``fly destroy``)."""
    if head in ("fly", "flyctl"):
        return "destroy" in words[:2]
    if head.lower() == "vboxmanage":  # VirtualBox installs it as VBoxManage and vboxmanage
        head = "vboxmanage"
    return starts_with(words, _PLATFORM_DELETES.get(head, ()))
