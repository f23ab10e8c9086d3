"""Calls that submit work to a shared scheduler or batch service.

A job queued on a cluster or a cloud batch service spends an allocation others share (a
lab's core-hours, a team's budget) and runs where the user cannot watch it: a 500-task
array submitted over a weekend uses up a quarter of a year's allocation and drops everyone's
fair-share priority. A user's view of this is one view whatever the scheduler: someone who
stops letting the agent submit with ``sbatch`` stops it for ``qsub``, ``bsub``, ``srun`` and
``aws batch submit-job`` alike. So it is an act across programs (``gate.acts``: ``*
submit``). Each tool is read from its own manual; listing, showing, cancelling, holding and
test-only runs submit nothing:

- Slurm: sbatch(1), srun(1) and salloc(1) (not ``--test-only``, nor ``--usage``),
  ``scontrol requeue|requeuehold`` (scontrol(1): the job is queued again); PBS, Torque and
  Grid Engine's qsub(1B), qrsh, qlogin, qrerun and qmake; LSF's bsub and brequeue;
  HTCondor's condor_submit (not ``-dry-run``) and condor_submit_dag; Flux's ``flux
  submit|run|batch|alloc|bulksubmit``; OAR's oarsub (not ``-C``/``--connect`` to a running
  job);
- batch and training services: ``aws batch submit-job``, ``aws sagemaker create-*-job``,
  ``aws emr add-steps``, ``gcloud batch jobs submit``, ``gcloud dataproc jobs submit``,
  ``gcloud ai custom-jobs create``, ``az batch job|task create``, ``databricks jobs
  run-now|submit`` and ``databricks runs submit``, ``ray job submit``, ``sky launch|exec``
  and ``sky jobs launch`` (SkyPilot), ``kubectl create job|cronjob``;
- workflow managers told to run on a cluster: snakemake with ``--cluster``,
  ``--cluster-generic-submit-cmd``, ``--slurm``, ``--kubernetes`` or an ``--executor``
  other than ``local`` (Snakemake's CLI reference).

>>> from neuroplast.gate.shell import split_command
>>> [submits_job(s) for s in split_command(
...     "sbatch --array=1-500 align.sh; sbatch --test-only align.sh; squeue -u me; "
...     "srun -n 4 hostname; qsub -l walltime=1:00:00 run.pbs; qstat; "
...     "aws batch submit-job --job-name x --job-queue q --job-definition d; "
...     "snakemake --executor slurm -j 100; snakemake -j 4")]
[True, False, False, True, True, False, True, True, False]
"""

from __future__ import annotations

from neuroplast.gate.outputs import names_option, option_values
from neuroplast.gate.shell import Segment

__all__ = ["submits_job"]

# (not -h nor -V, which hold a job and export the environment in qsub(1B))
_NO_SUBMIT = frozenset({"--help", "--version", "--usage", "--test-only", "-dry-run",
                        "--dry-run"})
# programs whose every run (with an argument or a script on standard input) queues work
_ALWAYS = frozenset({"sbatch", "srun", "salloc", "qsub", "qrsh", "qlogin", "qrerun", "qmake",
                     "bsub", "brequeue", "condor_submit", "condor_submit_dag", "oarsub"})
# (program, first plain word) -> the next words that submit; a program alone: its verbs
_VERBS: dict[str, frozenset[str]] = {
    "flux": frozenset({"submit", "run", "batch", "alloc", "bulksubmit"}),
    "scontrol": frozenset({"requeue", "requeuehold"}),
}
_NESTED: dict[tuple[str, str], frozenset[str]] = {
    ("aws", "batch"): frozenset({"submit-job"}),
    ("aws", "sagemaker"): frozenset({"create-training-job", "create-processing-job",
                                     "create-transform-job", "create-hyper-parameter-tuning-job",
                                     "create-auto-ml-job", "create-auto-ml-job-v2"}),
    ("aws", "emr"): frozenset({"add-steps"}),
    ("gcloud", "batch"): frozenset({"submit"}),  # gcloud batch jobs submit
    ("gcloud", "dataproc"): frozenset({"submit"}),  # gcloud dataproc jobs submit ...
    ("gcloud", "ai"): frozenset({"create"}),  # gcloud ai custom-jobs create
    ("az", "batch"): frozenset({"create"}),  # az batch job|task create
    ("databricks", "jobs"): frozenset({"run-now", "submit"}),
    ("databricks", "runs"): frozenset({"submit"}),
    ("ray", "job"): frozenset({"submit"}),
    ("sky", "launch"): frozenset(), ("sky", "exec"): frozenset(),
    ("sky", "jobs"): frozenset({"launch"}),
    ("kubectl", "create"): frozenset({"job", "cronjob", "cj"}),
}
_GCLOUD_JOBS = frozenset({"jobs", "custom-jobs"})
_SNAKEMAKE_CLUSTER = ("--cluster", "--cluster-generic-submit-cmd", "--slurm", "--kubernetes",
                      "--drmaa", "--google-lifesciences", "--tibanna")


def submits_job(seg: Segment) -> bool:
    """Whether ``seg`` queues or starts work on a shared scheduler or batch service (the
    ``submit`` act)."""
    head, argv = seg.head, seg.argv
    if names_option(argv[1:], _NO_SUBMIT):
        return False
    plain = [a for a in argv[1:] if not a.startswith("-")][:4]
    if head in _ALWAYS:
        if head == "oarsub" and any(a in ("-C", "--connect") for a in argv[1:]):
            return False
        return len(argv) > 1 or bool(seg.redirects)
    if head in _VERBS:
        return bool(_VERBS[head].intersection(plain[:1]))
    if head == "snakemake":
        executors = option_values(argv, ("-e", "--executor"))
        return names_option(argv[1:], _SNAKEMAKE_CLUSTER) or any(
            e not in ("local", "dryrun", "touch") for e in executors)
    verbs = _NESTED.get((head, plain[0] if plain else ""))
    if verbs is None:
        return False
    if not verbs:  # sky launch, sky exec: every run
        return True
    if head == "gcloud" and plain[0] in ("batch", "dataproc", "ai"):
        return bool(_GCLOUD_JOBS.intersection(plain[1:2])) and bool(verbs.intersection(plain[2:4]))
    if head == "az":
        return plain[1:2] in (["job"], ["task"]) and bool(verbs.intersection(plain[2:3]))
    return bool(verbs.intersection(plain[1:3]))
