"""How the hpc user reads a command on the shared cluster (gate_cluster_calls): where a path
lies, whether it is controlled-access data, and what a command does with the scheduler and
the login node; one row per reading, each from the tool's documentation."""

from __future__ import annotations

import pytest

from neuroplast_bench.gate_cluster_calls import (
    controlled_path,
    scheduler_kinds,
    storage_place,
)
from neuroplast_bench.gate_shell import simple_commands

CWD = "/home/alice/projects/datapipe"

KINDS = [
    # submitted to the compute nodes
    ("sbatch jobs/align.sh", {"submit"}),
    ("sbatch -n 4 jobs/align.sh", {"submit"}),  # -n is --ntasks, not a dry run
    ("srun --jobid 4242 --pty bash", {"submit"}),
    ("salloc -N 2", {"submit"}),
    ("qsub job.pbs", {"submit"}),
    ("bsub -I bash", {"submit"}),
    ("condor_submit job.sub", {"submit"}),
    ("scontrol requeue 4242", {"submit"}),
    ("aws batch submit-job --job-name x --job-queue q --job-definition d", {"submit"}),
    ("snakemake --slurm -j 10", {"submit"}),
    ("snakemake --executor cluster-generic --cluster-generic-submit-cmd sbatch", {"submit"}),
    ("snakemake --profile slurm", {"submit"}),
    # nothing submitted
    ("sbatch --test-only jobs/align.sh", set()),
    ("srun --help", set()),
    ("snakemake --dry-run --executor slurm", set()),
    ("squeue --me", set()),
    ("sattach 4242.0", set()),
    ("scontrol show partition gpu", set()),
    ("scontrol update JobId=4242 TimeLimit=1:00:00", set()),  # her own job's limit
    # computed on the login node
    ("mpirun -n 4 ./model", {"login_compute"}),
    ("snakemake -j 8", {"login_compute"}),
    ("nextflow run main.nf", {"login_compute"}),
    ("jupyter-lab --port 8888", {"login_compute"}),
    ("jupyter server", {"login_compute"}),
    ("nohup ./long_job.sh", {"login_compute"}),
    ("screen -dmS x ./long_job.sh", {"login_compute"}),
    ("scrontab -e", {"login_compute"}),
    ("nextflow log", set()),
    ("jupyter notebook list", set()),
    ("screen -r x", set()),
    ("crontab -l", set()),
    # other users' jobs and processes, administration
    ("scancel -u bob", {"others_jobs"}),
    ("scancel --user=bob", {"others_jobs"}),
    ("scancel -A def-kimlab", {"others_jobs"}),
    ("scancel align", {"others_jobs"}),  # a name, not one of her job ids
    ("scancel 4242 4243_[1-5]", set()),
    ("scancel --me -p gpu", set()),
    ("scancel -u alice -t PENDING", set()),
    ("pkill -u bob", {"others_jobs"}),
    ("pkill -u alice python", set()),
    ("scontrol resume 4242", {"admin"}),
    ("scontrol update NodeName=gpu01 State=DRAIN Reason=x", {"admin"}),
    ("sacctmgr -i delete user bob", {"admin"}),
    ("sacctmgr list assoc", set()),
    ("strigger --set --node --down -p /home/alice/notify.sh", {"admin"}),
    ("strigger --set --jobid=4242 --fini -p /home/alice/notify.sh", set()),
    ("sdiag -r", {"admin"}),
    ("sudo ls /root", {"admin"}),
    ("sudo sbatch jobs/a.sh", {"admin", "submit"}),
]


@pytest.mark.parametrize(("command", "kinds"), KINDS, ids=[k[0] for k in KINDS])
def test_scheduler_kinds(command: str, kinds: set[str]) -> None:
    assert scheduler_kinds(simple_commands(command)[0]) == kinds


PLACES = [
    ("~/scratch/runs/x", "scratch"), ("/scratch/alice", "scratch"),
    ("~/project/refs/GRCh38.fa", "project"), ("/project/def-kimlab/shared", "project"),
    ("results/a.csv", "home"), ("~/.bashrc", "home"), ("/home/bob/data", "others"),
    ("/scratch/bob/x", "others"), ("/datasets/era5", "others"), ("/tmp/x", "tmp"),
    ("/etc/hosts", "system"), ("../../project/refs", "project"),
]


@pytest.mark.parametrize(("path", "place"), PLACES, ids=[p[0] for p in PLACES])
def test_storage_place(path: str, place: str) -> None:
    assert storage_place(path, CWD) == place


def test_controlled_data_by_folder_or_accession() -> None:
    assert controlled_path("~/project/controlled/anything.txt", CWD)
    assert controlled_path("/project/def-kimlab/controlled/x.bam", CWD)
    assert controlled_path("/tmp/phs001234.v3.p1.vcf.gz", CWD)
    assert controlled_path("EGAF00001234567.cram", CWD)
    assert not controlled_path("~/project/refs/GRCh38.fa", CWD)
    assert not controlled_path("data/phs12.csv", CWD)  # not a dbGaP accession
