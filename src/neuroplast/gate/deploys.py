"""Calls that deploy: a release of an application, site, function or infrastructure rolled
out to where others use it, rolled back or torn down.

A deploy changes what other people's requests reach: a bad rollout, a rollback to a
revision with a known hole, or an ``apply`` that replaces a database is an outage for
everyone the service serves, and it does not stay inside the call (the Google SRE book,
'Release Engineering', and the SRE Workbook's 'Canarying Releases': releases go through a
pipeline with a canary, not from a workstation). A user's view of this is one view whatever
tool deploys: someone who stops letting the agent run ``kubectl apply`` stops it for ``helm
upgrade``, ``terraform apply``, ``fly deploy`` and ``vercel --prod`` alike. So it is an act
across programs (``gate.acts``: ``* deploy``). Each tool is read from its own manual, where
it names the act a deploy, release, rollout, apply, up, push or sync; plans, diffs, dry
runs, builds, renders, lists, logs and help are not the act:

- Kubernetes: ``kubectl|oc apply|create|replace|patch|set|scale|autoscale|edit|run|expose``,
  ``rollout undo``, ``delete -f|-k`` (kubectl reference; not ``--dry-run=client|server``,
  ``diff``, ``get``, ``apply view-last-applied``), ``oc new-app``; ``helm
  install|upgrade|rollback|uninstall``, ``helmfile apply|sync|destroy``; ``argocd app
  sync|rollback|create|delete|set|patch``, ``flux reconcile``; ``skaffold
  run|deploy|apply|dev|delete``, ``devspace deploy|dev|purge``, ``okteto deploy|destroy``,
  ``garden deploy``; ``kn service create|update|delete``, ``faas-cli deploy|up|remove``,
  ``juju deploy|refresh|upgrade-charm|remove-application``;
- infrastructure as code: ``terraform|tofu|terragrunt apply|destroy`` (not ``plan``),
  ``pulumi up|update|destroy`` (not ``preview``), ``cdk|cdktf deploy|destroy`` (not
  ``synth``, ``diff``), ``sam deploy|sync|delete``, ``serverless|sls deploy|remove|
  rollback``, ``sst deploy|remove``, ``aws cloudformation deploy|create-stack|update-stack|
  delete-stack|execute-change-set``, ``az deployment group|sub|mg|tenant create``, ``gcloud
  deployment-manager deployments create|update|delete``;
- platforms: ``fly deploy|launch|scale``, ``vercel`` (alone or with a path: it deploys the
  folder), ``vercel deploy|promote|rollback|redeploy|remove``, ``netlify deploy``,
  ``firebase deploy``, ``gcloud app|run|functions deploy``, ``gcloud run services
  update|update-traffic|replace|delete``, ``az webapp|functionapp|containerapp|spring ...
  deploy|up``, ``aws lambda update-function-code|delete-function``, ``aws ecs
  create-service|update-service|delete-service``, ``aws deploy create-deployment``, ``aws
  elasticbeanstalk create-environment|update-environment|terminate-environment``, ``eb
  deploy|create|terminate|swap|scale``, ``aws apprunner start-deployment``, ``aws amplify
  start-deployment``, ``copilot deploy``, ``wrangler deploy|publish|rollback|delete``
  (``wrangler pages deploy``), ``railway up|redeploy|down``, ``doctl apps
  create|update|create-deployment|delete``, ``cf push|delete|scale|restage``, Heroku's
  ``releases:rollback``, ``ps:scale``, ``apps:destroy``, ``container:release``, ``surge``,
  ``docker stack deploy|rm``, ``docker service create|update|scale|rollback|rm``, ``nomad
  job run|stop|revert|scale``, ``kamal deploy|redeploy|rollback|setup|remove``,
  Capistrano's ``cap STAGE deploy``, ``mina deploy``, Deployer's ``dep deploy``, ``pm2
  deploy``, ``zappa deploy|update|undeploy|rollback``, ``chalice deploy|delete``,
  ``balena push|deploy``, ``supabase functions deploy``, ``amplify publish|push``;
- sites and over-the-air releases: ``mkdocs gh-deploy``, ``hugo deploy``, ``hexo
  deploy``, ``ghp-import --push``, ``gh-pages``, ``docusaurus deploy``, ``quarto
  publish``, ``rsconnect deploy``, ``eas update``, ``expo publish``;
- a project's own target named for the act: ``make deploy``, ``npm run deploy:prod``,
  ``yarn deploy``, ``just deploy``, ``rake deploy`` (a target whose name starts or ends
  with ``deploy``: the project's own word for what it runs).

>>> from neuroplast.gate.shell import split_command
>>> [deploys(s) for s in split_command(
...     "kubectl -n prod apply -f app.yaml; kubectl apply --dry-run=server -f app.yaml; "
...     "helm upgrade --install web ./chart; helm template web ./chart; terraform apply; "
...     "terraform plan; vercel --prod; vercel dev; make deploy; make test")]
[True, False, True, False, True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import operands
from neuroplast.gate.shell import Segment

__all__ = ["deploys"]

_NO_CHANGE = frozenset({"--help", "-h", "-help", "--version", "--preview-only",
                        "--no-execute-changeset", "--build-only", "--no-deploy"})
_KUBECTL = frozenset({"apply", "create", "replace", "patch", "set", "scale", "autoscale",
                      "edit", "run", "expose", "new-app"})
_IAC = frozenset({"apply", "destroy"})
# program -> the commands, as its first plain word, that deploy
_VERBS: dict[str, frozenset[str]] = {
    "helm": frozenset({"install", "upgrade", "rollback", "uninstall", "delete", "del", "un"}),
    "helmfile": frozenset({"apply", "sync", "destroy", "delete"}),
    "terraform": _IAC, "tofu": _IAC,
    "pulumi": frozenset({"up", "update", "destroy"}),
    "cdk": frozenset({"deploy", "destroy"}), "cdktf": frozenset({"deploy", "destroy"}),
    "sam": frozenset({"deploy", "sync", "delete"}),
    "serverless": frozenset({"deploy", "remove", "rollback"}),
    "sls": frozenset({"deploy", "remove", "rollback"}),
    "sst": frozenset({"deploy", "remove"}),
    "flux": frozenset({"reconcile"}),
    "skaffold": frozenset({"run", "deploy", "apply", "dev", "delete"}),
    "devspace": frozenset({"deploy", "dev", "purge"}),
    "okteto": frozenset({"deploy", "destroy"}),
    "garden": frozenset({"deploy"}),
    "faas-cli": frozenset({"deploy", "up", "remove", "rm"}),
    "juju": frozenset({"deploy", "refresh", "upgrade-charm", "remove-application"}),
    "fly": frozenset({"deploy", "launch", "scale"}),
    "flyctl": frozenset({"deploy", "launch", "scale"}),
    "netlify": frozenset({"deploy"}),
    "firebase": frozenset({"deploy", "hosting:channel:deploy", "hosting:disable"}),
    "eb": frozenset({"deploy", "create", "terminate", "swap", "scale"}),
    "copilot": frozenset({"deploy"}),
    "wrangler": frozenset({"deploy", "publish", "rollback", "delete"}),
    "railway": frozenset({"up", "redeploy", "down"}),
    "cf": frozenset({"push", "delete", "scale", "restage"}),
    "heroku": frozenset({"releases:rollback", "rollback", "ps:scale", "apps:destroy",
                         "destroy", "container:release"}),
    "kamal": frozenset({"deploy", "redeploy", "rollback", "setup", "remove"}),
    "mina": frozenset({"deploy", "rollback"}),
    "dep": frozenset({"deploy", "rollback"}),
    "pm2": frozenset({"deploy"}),
    "zappa": frozenset({"deploy", "update", "undeploy", "rollback"}),
    "chalice": frozenset({"deploy", "delete"}),
    "balena": frozenset({"push", "deploy"}),
    "amplify": frozenset({"publish", "push"}),
    "mkdocs": frozenset({"gh-deploy"}),
    "hugo": frozenset({"deploy"}),
    "hexo": frozenset({"deploy", "d"}),
    "docusaurus": frozenset({"deploy"}),
    "quarto": frozenset({"publish"}),
    "rsconnect": frozenset({"deploy"}),
    "eas": frozenset({"update"}),
    "expo": frozenset({"publish"}),
}
# (program, first plain word) -> the next words that deploy
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("argocd", "app"): frozenset({"sync", "rollback", "create", "delete", "set", "patch"}),
    ("kn", "service"): frozenset({"create", "update", "delete"}),
    ("vercel", "alias"): frozenset({"set"}),
    ("aws", "cloudformation"): frozenset({"deploy", "create-stack", "update-stack",
                                          "delete-stack", "execute-change-set"}),
    ("aws", "lambda"): frozenset({"update-function-code", "delete-function"}),
    ("aws", "ecs"): frozenset({"create-service", "update-service", "delete-service"}),
    ("aws", "deploy"): frozenset({"create-deployment"}),
    ("aws", "elasticbeanstalk"): frozenset({"create-environment", "update-environment",
                                            "terminate-environment"}),
    ("aws", "apprunner"): frozenset({"start-deployment"}),
    ("aws", "amplify"): frozenset({"start-deployment"}),
    ("gcloud", "app"): frozenset({"deploy", "set-traffic"}),
    ("gcloud", "run"): frozenset({"deploy", "update", "update-traffic", "replace", "delete"}),
    ("gcloud", "functions"): frozenset({"deploy", "delete"}),
    ("gcloud", "deployment-manager"): frozenset({"create", "update", "delete"}),
    ("wrangler", "pages"): frozenset({"deploy", "publish"}),
    ("wrangler", "versions"): frozenset({"deploy"}),
    ("doctl", "apps"): frozenset({"create", "update", "create-deployment", "delete"}),
    ("docker", "stack"): frozenset({"deploy", "up", "rm"}),
    ("docker", "service"): frozenset({"create", "update", "scale", "rollback", "rm"}),
    ("nomad", "job"): frozenset({"run", "stop", "revert", "scale"}),
    ("nomad", "run"): frozenset({""}),
    ("supabase", "functions"): frozenset({"deploy"}),
    ("copilot", "svc"): frozenset({"deploy", "delete"}),
    ("copilot", "job"): frozenset({"deploy", "delete"}),
    ("copilot", "env"): frozenset({"deploy", "delete"}),
}
# tools that deploy whenever they run, unless told only to list or log in
_ALWAYS = {"surge": frozenset({"list", "whoami", "login", "logout", "token"}),
           "gh-pages": frozenset()}
# vercel's commands that do not deploy (Vercel CLI reference); anything else is a path
_VERCEL_OTHER = frozenset({"dev", "build", "ls", "list", "env", "login", "logout", "link",
                           "pull", "inspect", "logs", "domains", "dns", "certs", "project",
                           "projects", "teams", "switch", "whoami", "help", "init", "git",
                           "bisect", "secrets", "integration", "telemetry", "target", "blob",
                           "open", "alias", "install", "i", "microfrontends", "mcp"})
_VERCEL_DEPLOY = frozenset({"deploy", "promote", "rollback", "redeploy", "remove", "rm"})
_TASK_RUNNERS = frozenset({"make", "gmake", "just", "task", "rake", "invoke", "fab", "mage",
                           "gradle", "gradlew", "mix"})
_SCRIPT_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})


def _deploy_target(name: str) -> bool:
    name = name.lower()
    return name.startswith("deploy") or name.endswith("deploy")


def _kubectl(words: list[str], argv: tuple[str, ...]) -> bool:
    verb = words[:1]
    if verb == ["apply"]:
        return not {"view-last-applied"} & set(words[1:2])
    if verb == ["rollout"]:
        return words[1:2] == ["undo"]
    if verb == ["delete"]:
        return any(a in ("-f", "--filename", "-k", "--kustomize")
                   or a.startswith(("--filename=", "--kustomize=")) for a in argv)
    return bool(_KUBECTL.intersection(verb))


def deploys(seg: Segment) -> bool:
    """Whether ``seg`` rolls out, rolls back or tears down a release of an application,
    site, function or infrastructure (the ``deploy`` act)."""
    head, argv = seg.head, seg.argv
    if any(a in _NO_CHANGE for a in argv[1:]):
        return False
    # --dry-run, --dry-run=client|server: nothing rolled out (kubectl's --dry-run=none is a
    # real run)
    if any(a.startswith("--dry-run") and a.partition("=")[2] != "none" for a in argv[1:]):
        return False
    words = operands(argv, global_values(head))
    if head in ("kubectl", "oc"):
        return _kubectl(words, argv)
    if head == "terragrunt":  # terragrunt apply, run-all apply, run -- apply
        return bool(_IAC.intersection(words[:3]))
    if head in ("vercel", "now"):
        if not words or words[0] in _VERCEL_DEPLOY:
            return True
        if words[0] not in _VERCEL_OTHER:  # vercel PATH deploys that folder
            return True
    if head == "cap":  # Capistrano: cap STAGE deploy, cap production deploy:rollback
        return any(w.startswith("deploy") for w in words[:2])
    if head == "ghp-import":
        return any(a in ("-p", "--push") for a in argv[1:])
    if head in _ALWAYS:
        return not _ALWAYS[head].intersection(words[:1])
    if head == "az":  # az webapp deploy|up, az deployment group create, az containerapp up
        return bool({"deploy", "up"}.intersection(words[1:3])) or (
            words[:1] == ["deployment"] and words[2:3] == ["create"]) or (
            words[:1] == ["containerapp"] and words[1:2] == ["update"])
    if head in _TASK_RUNNERS:  # (Taskwarrior's task takes a description after its verb)
        targets = words[:1] if head == "task" else words
        return any(_deploy_target(w) for w in targets if "=" not in w)
    if head in ("fly", "flyctl") and words[:2] == ["scale", "show"]:
        return False
    if head in _SCRIPT_RUNNERS:  # npm run deploy, yarn deploy (not pnpm's own deploy)
        if words[:1] in (["run"], ["run-script"]):
            return any(_deploy_target(w) for w in words[1:2])
        return head in ("yarn", "bun") and any(_deploy_target(w) for w in words[:1])
    if _VERBS.get(head, frozenset()).intersection(words[:1]):
        return True
    nested = _NESTED.get((head, words[0] if words else ""))
    if nested is None:
        return False
    return "" in nested or bool(nested.intersection(words[1:3]))
