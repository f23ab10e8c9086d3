"""Calls that start a run of a CI/CD pipeline or an orchestrated workflow on the service that
runs it: a workflow dispatched or re-run, a build triggered, a DAG or state machine started.

A pipeline run acts on the team's behalf with the team's credentials: it builds, tests,
publishes and deploys as its definition says, spends the shared runners' minutes, and a
re-run of a deploy job deploys again (NIST SP 800-204D on CI/CD pipelines and their
triggers; the OWASP Top 10 CI/CD Security Risks, CICD-SEC-1 'Insufficient Flow Control
Mechanisms' and CICD-SEC-4 'Poisoned Pipeline Execution'; SLSA's build track on who may
start a build). A user's view of this is one view whatever service runs it: someone who
stops letting the agent run ``gh workflow run deploy.yml`` after it redeployed a release
stops it for ``glab ci run``, ``az pipelines run``, ``tkn pipeline start`` and ``airflow
dags trigger`` alike. So it is an act across programs (``gate.acts``: ``* pipeline``).
Batch and HPC jobs queued on a scheduler are ``submit``'s and deploying through a tool is
``deploy``'s; this one is a service's pipeline set going. Each tool is read from its own
manual; listing, viewing, watching, logs, cancelling, running a pipeline locally
(``act``, ``gitlab-runner exec``), help and versions are not the act:

- GitHub: ``gh workflow run``, ``gh run rerun``; GitLab: ``glab ci run|retry|trigger``
  and ``glab pipeline run``; Azure DevOps: ``az pipelines run`` and ``az pipelines build
  queue``; Tekton's ``tkn pipeline|task|clustertask start``; Argo Workflows' ``argo
  submit|resubmit|retry``; Jenkins' CLI ``build``; Buildkite's ``bk build create`` and
  ``buildkite-agent pipeline upload``; Drone's ``drone build create|restart|promote``;
  Woodpecker's ``woodpecker-cli pipeline create``; Concourse's ``fly trigger-job``;
  Google Cloud Build's ``gcloud builds submit`` and ``gcloud builds triggers run``; AWS
  CodeBuild's ``start-build`` and CodePipeline's ``start-pipeline-execution``;
- orchestrated workflows: ``airflow dags trigger|backfill``, ``prefect deployment run``,
  ``dagster job launch``, ``kfp run create|submit``, ``aws stepfunctions
  start-execution``, ``aws glue start-job-run``, ``gcloud workflows run|execute``,
  ``temporal workflow start|execute``.

>>> from neuroplast.gate.shell import split_command
>>> [starts_pipeline(s) for s in split_command(
...     "gh workflow run deploy.yml; gh workflow list; gh run rerun 42; gh run view 42; "
...     "glab ci run; airflow dags trigger nightly; airflow dags list")]
[True, False, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["starts_pipeline"]

_NOT_RUN = frozenset({"--help", "-h", "--version", "--dry-run"})
_START = frozenset({"start"})
# program -> (the commands, as the first plain words, that lead to a run, its verbs)
_COMMANDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "gh": ((("workflow",), frozenset({"run"})), (("run",), frozenset({"rerun"}))),
    "glab": ((("ci",), frozenset({"run", "retry", "trigger"})),
             (("pipeline",), frozenset({"run"}))),
    "az": ((("pipelines",), frozenset({"run"})), (("pipelines", "build"), frozenset({"queue"}))),
    "tkn": ((("pipeline",), _START), (("task",), _START), (("clustertask",), _START),
            (("p",), _START), (("t",), _START)),
    "argo": (((), frozenset({"submit", "resubmit", "retry"})),),
    "bk": ((("build",), frozenset({"create", "new"})),),
    "buildkite-agent": ((("pipeline",), frozenset({"upload"})),),
    "drone": ((("build",), frozenset({"create", "restart", "promote"})),),
    "woodpecker-cli": ((("pipeline",), frozenset({"create", "start"})),),
    "gcloud": ((("builds",), frozenset({"submit"})), (("builds", "triggers"), frozenset({"run"})),
               (("workflows",), frozenset({"run", "execute"}))),
    "aws": ((("codebuild",), frozenset({"start-build", "start-build-batch", "retry-build"})),
            (("codepipeline",), frozenset({"start-pipeline-execution",
                                           "retry-stage-execution"})),
            (("stepfunctions",), frozenset({"start-execution", "start-sync-execution"})),
            (("glue",), frozenset({"start-job-run", "start-workflow-run"}))),
    "airflow": ((("dags",), frozenset({"trigger", "backfill"})),),
    "prefect": ((("deployment",), frozenset({"run"})),),
    "dagster": ((("job",), frozenset({"launch", "backfill"})),),
    "kfp": ((("run",), frozenset({"create", "submit"})),),
    "temporal": ((("workflow",), frozenset({"start", "execute"})),),
}


def starts_pipeline(seg: Segment) -> bool:
    """Whether ``seg`` starts a run of a CI/CD pipeline or an orchestrated workflow on the
    service that runs it (the ``pipeline`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _NOT_RUN):
        return False
    if head == "jenkins-cli" or (head == "java" and any(
            a.endswith("jenkins-cli.jar") for a in argv)):
        # jenkins-cli [-s URL] [-auth ...] build JOB (java -jar jenkins-cli.jar ...)
        return "build" in operands(argv, frozenset({"-s", "-auth", "-i", "-jar"}))[:2]
    if head == "fly":  # Concourse's fly -t TARGET trigger-job (Fly.io's fly has none)
        return operands(argv, frozenset({"-t", "--target"}))[:1] == ["trigger-job"]
    return head in _COMMANDS and leads_to(operands(argv, global_values(head)),
                                          _COMMANDS[head])
