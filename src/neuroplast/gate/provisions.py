"""Calls that provision: a cloud resource created, started or resized: a server, cluster,
database, bucket, queue or any other resource a cloud account holds and bills.

Capacity created in a cloud account runs and bills until someone deletes it, under an
account others share: a forgotten GPU instance or an oversized cluster is a budget spent
(the FinOps Foundation's FinOps Framework, 'Usage Optimization'; AWS Well-Architected,
Cost Optimization pillar: 'decommission resources'), and an instance started in a public
subnet is one more thing exposed. A user's view of this is one view whatever the provider:
someone who stops letting the agent run ``aws ec2 run-instances`` stops it for ``gcloud
compute instances create``, ``az aks create`` and ``hcloud server create`` alike. So it is
an act across programs (``gate.acts``: ``* provision``). Each provider's command-line
reference names the act a create, run, launch, start, scale or resize of a resource;
listing, describing, pricing, logging in and the CLI's own configuration are not the act:

- AWS CLI: an operation ``create-*``, ``run-*`` (``ec2 run-instances``), ``request-spot-*``,
  ``allocate-*``, ``purchase-*``, ``start-instances``, ``s3 mb`` (not ``create-tags``, an
  invalidation, a multipart upload, an access key or login profile, which name no
  capacity);
- Google Cloud's gcloud: ``create``, ``resize`` or ``start`` under any group but the CLI's
  own (``config``, ``auth``, ``components``); Azure's az: ``create``, ``start`` or
  ``scale`` under any group but its own (``config``, ``login``, ``account``,
  ``extension``); gsutil and s3cmd ``mb``;
- other clouds' CLIs: ``doctl``, ``hcloud``, ``linode-cli``, ``vultr-cli``, ``scw``,
  ``civo``, ``exo``, ``upcloud``, ``openstack``, ``oci`` (``launch``), ``ibmcloud``
  (``instance-create``): a ``create`` or ``launch`` command;
- clusters and managed services: ``eksctl create|scale``, ``kops create``, ``gh codespace
  create``, ``heroku create|apps:create|addons:create``, PlanetScale's ``pscale``, Neon's
  ``neonctl``, ``turso`` and ``supabase projects``: a ``create`` command;
- a stopped resource started again or a running one resized, which bills again or more:
  AWS's ``rds|docdb|neptune start-db-instance|start-db-cluster``, ``sagemaker
  start-notebook-instance``, ``lightsail start-instance|start-relational-database``,
  ``workspaces start-workspaces``, ``redshift resume-cluster|resize-cluster``,
  ``autoscaling set-desired-capacity``; gcloud's ``resume`` and ``snapshot`` (``compute
  disks snapshot`` makes a billed snapshot, as AWS's ``create-snapshot`` does); the other
  clouds' CLIs' ``start``, ``boot``, ``poweron``/``power-on``, ``resize`` and
  ``change-type`` (hcloud, doctl, linode-cli, openstack, scw, vultr-cli, exo);
- infrastructure as code applied, which creates what its code declares (Terraform's
  documentation: 'provision infrastructure'; the same for each tool's deploy command):
  ``terraform|tofu|terragrunt apply`` (not ``-destroy``), ``pulumi up|update``,
  ``cdk|cdktf deploy``, ``sam deploy|sync``, ``serverless|sls|sst deploy``, ``aws
  cloudformation deploy|update-stack|execute-change-set``. These are ``deploy`` too: a user
  may refuse the rollout or the bill, and either view carries across tools.

>>> from neuroplast.gate.shell import split_command
>>> [provisions(s) for s in split_command(
...     "aws ec2 run-instances --image-id ami-1 --instance-type p4d.24xlarge; "
...     "aws ec2 describe-instances; gcloud compute instances create gpu-1 --zone z; "
...     "gcloud config configurations create dev; az aks create -g rg -n k; az vm list; "
...     "hcloud server create --name x --type cx22 --image debian-12; hcloud server list")]
[True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["CLI_OWN_GROUPS", "CLOUD_CLIS", "NO_CHANGE", "provisions"]

# help, versions and dry runs (the AWS CLI's --generate-cli-skeleton prints a template)
NO_CHANGE = frozenset({"--help", "-h", "help", "--version", "--dry-run",
                       "--generate-cli-skeleton"})
_AWS_PREFIXES = ("create-", "run-", "request-spot-", "allocate-", "purchase-")
_AWS_NO_CAPACITY = frozenset({"create-tags", "create-invalidation", "create-multipart-upload",
                              "create-access-key", "create-login-profile",
                              "create-presigned-url", "create-presigned-post"})
_AWS_OTHER = frozenset({"start-instances", "mb", "start-db-instance", "start-db-cluster",
                        "start-notebook-instance", "start-instance", "start-relational-database",
                        "start-workspaces", "resume-cluster", "resize-cluster",
                        "set-desired-capacity", "deploy", "update-stack", "execute-change-set"})
_GCLOUD_VERBS = frozenset({"create", "resize", "start", "resume", "snapshot"})
_GCLOUD_OWN = frozenset({"config", "auth", "components", "init", "topic", "info"})
_AZ_VERBS = frozenset({"create", "start", "scale"})
_AZ_OWN = frozenset({"config", "login", "logout", "account", "extension", "configure",
                     "init", "upgrade", "version"})
# CLIs whose ``create`` (or ``launch``) among their first plain words creates a resource
# (and whose ``delete`` deletes it: gate.teardowns)
CLOUD_CLIS = frozenset({"doctl", "hcloud", "linode-cli", "vultr-cli", "scw", "civo", "exo",
                      "upcloud", "openstack", "oci", "ibmcloud", "eksctl", "kops", "pscale",
                      "neonctl", "turso"})
_CREATE_WORDS = frozenset({"create", "launch", "instance-create"})
# the verbs with which the other clouds' CLIs start or enlarge a resource (their references)
_GROW_WORDS = frozenset({"start", "boot", "poweron", "power-on", "resize", "change-type"})
_GROWS = frozenset({"hcloud", "doctl", "linode-cli", "openstack", "scw", "vultr-cli", "exo"})
# infrastructure-as-code tools -> the commands that apply their code (terragrunt's may
# follow run-all or run --)
_IAC_APPLY = {"terraform": frozenset({"apply"}), "tofu": frozenset({"apply"}),
              "terragrunt": frozenset({"apply"}),
              "pulumi": frozenset({"up", "update"}), "cdk": frozenset({"deploy"}),
              "cdktf": frozenset({"deploy"}), "sam": frozenset({"deploy", "sync"}),
              "serverless": frozenset({"deploy"}), "sls": frozenset({"deploy"}),
              "sst": frozenset({"deploy"})}
_OWN_GROUPS = frozenset({"auth", "config", "configure", "context", "login", "completion"})
# every cloud CLI's own groups (its configuration, login, extensions), which hold no
# resource (gate.teardowns)
CLI_OWN_GROUPS = _GCLOUD_OWN | _AZ_OWN | _OWN_GROUPS


def provisions(seg: Segment) -> bool:
    """Whether ``seg`` creates, starts or resizes a billed cloud resource (the ``provision``
    act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], NO_CHANGE):
        return False
    words = operands(argv, global_values(head))
    if head == "aws":
        op = words[1] if len(words) > 1 else ""
        return op in _AWS_OTHER or (op.startswith(_AWS_PREFIXES)
                                    and op not in _AWS_NO_CAPACITY)
    if head == "gcloud":
        return not _GCLOUD_OWN.intersection(words[:1]) and bool(
            _GCLOUD_VERBS.intersection(words[1:5]))
    if head == "az":
        return not _AZ_OWN.intersection(words[:1]) and bool(_AZ_VERBS.intersection(words[1:4]))
    if head in ("gsutil", "s3cmd"):
        return words[:1] == ["mb"]
    if head == "eksctl" and words[:1] == ["scale"]:
        return True
    if head in _IAC_APPLY:
        within = 3 if head == "terragrunt" else 1
        return bool(_IAC_APPLY[head].intersection(words[:within])) and not names_option(
            argv[1:], ("-destroy", "--destroy"))
    if head in CLOUD_CLIS or head in _GROWS:
        verbs = _CREATE_WORDS | _GROW_WORDS if head in _GROWS else _CREATE_WORDS
        return not _OWN_GROUPS.intersection(words[:1]) and bool(verbs.intersection(words[:4]))
    if head == "gh":
        return words[:2] == ["codespace", "create"] or words[:2] == ["cs", "create"]
    if head == "heroku":
        return bool({"create", "apps:create", "addons:create"}.intersection(words[:1]))
    if head == "supabase":
        return words[:2] == ["projects", "create"]
    return False
