"""Which way a call moves data (``gate.transfers``) and the acts built on it (``gate.acts``):
each row is a spelling from the program's own manual, positives and negatives."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS, acts
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys
from neuroplast.gate.transfers import directions


def _seg(command: str):
    (seg,) = split_command(command)
    return seg


@pytest.mark.parametrize(("command", "expected"), [
    # bucket copies: the side that is remote says which way
    ("aws s3 cp data/x.csv s3://team/x.csv", ("up",)),
    ("aws s3 cp s3://team/x.csv .", ("down",)),
    ("aws s3 cp s3://a/x s3://b/x", ()),
    ("aws s3 sync out s3://b/out --exclude cfg/a.json --exclude /tmp/*", ("up",)),
    ("aws s3 sync out s3://b/out --delete", ("up", "remote-delete")),
    ("aws s3 mv s3://a/x s3://b/x", ("remote-delete",)),
    ("aws s3 rm s3://b/x", ("remote-delete",)),
    ("aws s3 ls s3://b", ()),
    ("gsutil -m cp -r results gs://b/results", ("up",)),
    ("gsutil -m rsync -d -r data gs://b/data", ("up", "remote-delete")),
    ("gcloud storage cp gs://b/m.bin models/", ("down",)),
    ("s3cmd put notes.txt s3://b/", ("up",)),
    ("s3cmd get s3://b/x notes.txt", ("down",)),
    ("s3cmd del s3://b/x", ("remote-delete",)),
    ("crane delete registry.example.com/app:1.2", ("remote-delete",)),
    ("skopeo delete docker://registry.example.com/app:1.2", ("remote-delete",)),
    ("regctl tag delete registry.example.com/app:old", ("remote-delete",)),
    ("oras manifest delete localhost:5000/app:v1", ("remote-delete",)),
    ("aws ecr batch-delete-image --repository-name app --image-ids imageTag=old",
     ("remote-delete",)),
    ("aws --region eu-west-1 sqs purge-queue --queue-url https://sqs.example/q",
     ("remote-delete",)),
    ("gh release delete v1.0 --yes", ("remote-delete",)),
    ("glab release delete v1.0", ("remote-delete",)),
    ("crane ls registry.example.com/app", ()),
    ("skopeo inspect docker://registry.example.com/app:1.2", ()),
    ("gh release list", ()),
    ("aws sqs receive-message --queue-url https://sqs.example/q", ()),
    ("rclone copy --max-age 24h upstream:data /tmp", ("down",)),
    ("rclone copy data origin:build", ("up",)),
    ("rclone sync src backup:src", ("up", "remote-delete")),
    ("rclone purge backup:old", ("remote-delete",)),
    ("rclone ls backup:", ()),
    ("azcopy copy ./a https://acct.blob.core.windows.net/c/a", ("up",)),
    ("az storage blob upload --file a.csv -c c -n a.csv", ("up",)),
    ("az storage blob delete -c c -n a.csv", ("remote-delete",)),
    ("az storage blob list -c c", ()),
    ("az storage queue delete -n q", ()),  # a queue holds no files
    ("b2 upload-file bucket a.csv a.csv", ("up",)),
    # uploads by HTTP clients and file drops
    ("curl -T notes.txt https://transfer.sh/notes.txt", ("up",)),
    ("curl -F file=@report.pdf https://x.io/up", ("up",)),
    ("curl -F name=value https://x.io/form", ()),
    ("curl -d @data.json https://x.io", ("up",)),
    ("curl -d '{\"a\":1}' https://x.io", ()),
    ("curl --data-urlencode comment@notes.txt https://x.io", ("up",)),
    ("wget --post-file=data.json https://x.io", ("up",)),
    ("http POST x.io/up file@data.csv", ("up",)),
    ("http POST x.io/up name=alice", ()),
    ("gh gist create notes.md", ("up",)),
    ("gh gist list", ()),
    ("gh release upload v1 dist/a.whl", ("up",)),
    ("croc --relay relay.x.io send docs", ("up",)),
    ("scp a.txt host:/tmp/", ("up",)),
    ("scp host:/tmp/a.txt .", ()),  # a download (gate.downloads), not an upload
    ("rsync -a out/ localhost:/backup", ()),
    # pulls of data, models and images
    ("dvc pull", ("down",)),
    ("dvc status", ()),
    ("git lfs pull", ("down",)),
    ("ollama pull llama3", ("down",)),
    ("ollama list", ()),
    ("docker pull ubuntu:24.04", ("down",)),
    ("kaggle kernels output owner/kernel", ("down",)),
    # the object's data from a local file; Taildrop; files attached to a message
    ("aws s3api put-object --bucket b --key k --body report.pdf", ("up",)),
    ("aws s3api get-object --bucket b --key k report.pdf", ()),
    ("aws s3api delete-object --bucket b --key k", ("remote-delete",)),
    ("aws --profile p s3api delete-objects --bucket b --delete file://d.json", ("remote-delete",)),
    ("tailscale file cp report.pdf laptop:", ("up",)),
    ("mailx -a report.pdf -s 'Q3' bob@example.com", ("up",)),
    ("mail -s 'Q3' bob@example.com", ()),  # the body comes from standard input
    ("mutt -a report.pdf -- bob@example.com", ("up",)),
    ("swaks --to bob@example.com --attach report.pdf", ("up",)),
    ("wacli send file --to 42 --file report.pdf", ("up",)),
])
def test_direction_of_a_transfer(command: str, expected: tuple[str, ...]) -> None:
    assert directions(_seg(command)) == expected


@pytest.mark.parametrize(("command", "discards"), [
    ("git reset --hard HEAD~1", True),
    ("git -C . reset --hard", True),
    ("git reset --soft HEAD~1", False),
    ("git restore src/a.py", True),
    ("git restore :/", True),
    ("git restore --staged src/a.py", False),  # unstages only: the change stays
    ("git restore -W --staged src/a.py", True),
    ("git checkout -- src/a.py", True),
    ("git checkout develop -- config.yaml", True),
    ("git checkout .", True),
    ("git checkout .github/workflows/ci.yaml", True),
    ("git checkout feature/login", False),  # a branch switch keeps local changes
    ("git checkout -b topic", False),
    ("git checkout -f main", True),
    ("git switch --discard-changes main", True),
    ("git switch main", False),
    ("git clean -fdx", True),
    ("git clean -n", False),
    ("git stash drop", True),
    ("git stash clear", True),
    ("git stash list", False),
    ("git stash", False),
    ("git branch -D topic", True),
    ("git branch -d topic", False),
    ("jupyter nbconvert --clear-output --inplace a.ipynb", True),
    ("jupyter nbconvert --to html a.ipynb", False),
])
def test_discarded_work(command: str, discards: bool) -> None:
    assert ("discard" in acts(_seg(command))) is discards


def test_acts_beyond_the_machine_are_asked_once_and_shared_across_programs() -> None:
    """An upload by curl and one by rclone share ``* upload``, which must be known; so do
    deletes on remote storage. A discard is shared across git's commands but, staying on
    this machine, is no must-know act of its own (git's ``--hard``/``-f``/``-D`` are)."""
    curl = program_keys(ToolCall("Bash", {"command": "curl -T a.csv https://x.io/a"}, cwd="/p"))
    rclone = program_keys(ToolCall("Bash", {"command": "rclone copy a.csv r:bk"}, cwd="/p"))
    assert "Bash:* upload" in curl and "Bash:* upload" in rclone
    assert must_know("Bash:* upload") and must_know("Bash:* remote-delete")
    assert {"upload", "remote-delete"} <= MUST_KNOW_ACTS and "discard" not in MUST_KNOW_ACTS
    restore = program_keys(ToolCall("Bash", {"command": "git restore src/a.py"}, cwd="/p"))
    stash = program_keys(ToolCall("Bash", {"command": "git stash clear"}, cwd="/p"))
    assert "Bash:* discard" in restore and "Bash:* discard" in stash
