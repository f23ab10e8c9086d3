"""Table tests of the ``submit`` act (``gate.jobs``): work queued on a shared scheduler or
batch service by any tool whose manual documents it, and the listing, showing, cancelling
and test-only runs that queue nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.jobs import submits_job
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _does(command: str) -> bool:
    return any(submits_job(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'sbatch --array=1-500 jobs/align.sh',
    'sbatch --wrap "python x.py"',
    'srun hostname',
    'srun --partition gpu src/models.py',
    'salloc -N 2',
    'scontrol requeue 42',
    'qsub -l walltime=1:4:3 script.sh',
    'qsub -V -h script.sh',
    'bsub /etc/passwd',
    'bsub -n 4 ./run',
    'condor_submit job.sub',
    'flux run -n 4 ./a.out',
    'flux submit ./a.out',
    'oarsub -l nodes=2 ./run.sh',
    'aws batch submit-job --job-name job_name --job-queue q --job-definition d',
    'aws sagemaker create-training-job --training-job-name x',
    'gcloud batch jobs submit job1 --location us-central1 --config job.json',
    'gcloud dataproc jobs submit pyspark x.py --cluster c',
    'gcloud ai custom-jobs create --region r --display-name x',
    'az batch job create --id j --pool-id p',
    'az batch task create --job-id j --task-id t',
    'databricks jobs run-now --job-id 1',
    'ray job submit -- python x.py',
    'sky launch task.yaml',
    'sky jobs launch task.yaml',
    'kubectl create job x --image=busybox',
    'snakemake --executor slurm -j 100',
    'snakemake --cluster "sbatch" -j 10',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'sbatch --test-only jobs/align.sh',
    'squeue -u alice',
    'sacct -j 42',
    'scancel 42',
    'scontrol show job 42',
    'qstat -u alice',
    'bjobs',
    'condor_submit -dry-run out job.sub',
    'condor_q',
    'flux jobs',
    'oarsub -C 42',
    'aws batch describe-jobs --jobs x',
    'gcloud batch jobs list',
    'az batch job list',
    'ray job list',
    'sky status',
    'kubectl get jobs',
    'snakemake -j 4',
    'snakemake --executor local -j 4',
    'sbatch --help',
])
def test_reads_lists_and_help_are_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs_and_asked_once() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("sbatch job.sh", "qsub run.pbs", "aws batch submit-job --job-name x",
                    "snakemake --executor slurm -j 8"):
        assert "Bash:* submit" in keys(command), command
    assert "Bash:* submit" not in keys("squeue -u me")
    # the job runs on another machine, as a remote session does
    assert "submit" in MUST_KNOW_ACTS and must_know("Bash:* submit")
