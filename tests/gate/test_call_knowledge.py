"""Table tests of the knowledge the gate takes from tools' documentation: commands that
print a credential, servers listening on every interface, downloads by any program, acts
shared across programs (remote access, remote databases, tunnels, signals), files that are
public though they sit beside credentials."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import acts
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.credential_commands import CREDENTIAL_COMMANDS, prints_credential
from neuroplast.gate.credentials import credential_kind, holds_credentials, locate
from neuroplast.gate.downloads import saves_from_network
from neuroplast.gate.inspect import inspect_call
from neuroplast.gate.key_generation import prints_private_key
from neuroplast.gate.listeners import binds_every_interface
from neuroplast.gate.shell import split_command
from neuroplast.gate.sql import sql_writes
from neuroplast.gate.support import consequential, must_know, program_keys


def _seg(command: str):  # type: ignore[no-untyped-def]
    return split_command(command)[0]


@pytest.mark.parametrize("row", CREDENTIAL_COMMANDS, ids=lambda r: f"{r.program} {r.words}")
def test_every_credential_command_is_recognised_with_its_option_and_has_a_source(row) -> None:  # type: ignore[no-untyped-def]
    assert row.source and row.tool
    line = " ".join((row.program, *row.words, *row.options[:1], "name"))
    assert prints_credential(_seg(line)) == row.tool
    if row.options:  # without the option that reveals it, nothing is printed
        assert prints_credential(_seg(" ".join((row.program, *row.words, "name")))) == ""


@pytest.mark.parametrize("command", [
    "gh auth login", "gh auth status", "gcloud auth list", "aws ecr describe-repositories",
    "kubectl config view", "kubectl config get-contexts", "git credential-cache exit",
    "vault status", "pass insert web", "aws ssm get-parameter --name x",
    "security find-generic-password -s x", "cat token", "op whoami",
    "az storage account show -n data", "az redis show -n cache -g rg",
    "keepassxc-cli show db.kdbx web", "keepassxc-cli ls db.kdbx", "rbw list", "rbw sync",
    "passage insert web", "secrethub ls org/repo", "gopass ls", "heroku apps",
    "pulumi stack output", "pulumi config set x 1", "elasticsearch-keystore list",
    "netlify env:set K v", "chamber list app", "railway up",
])
def test_commands_that_print_no_credential_are_not_flagged(command: str) -> None:
    assert prints_credential(_seg(command)) == ""


def test_a_printed_credential_is_a_credential_read() -> None:
    call = ToolCall("Bash", {"command": "gcloud auth print-access-token | pbcopy"}, cwd="/p")
    assert "credential_path_read" in inspect_call(call).flags


@pytest.mark.parametrize(("command", "printed"), [
    ("openssl genrsa 2048", True),
    ("openssl genrsa -aes256 4096", True),
    ("openssl genpkey -algorithm ed25519", True),
    ("openssl ecparam -name prime256v1 -genkey", True),
    ("wg genkey", True),
    ("wg genpsk", True),
    ("age-keygen", True),
    ("echo made; openssl genrsa", True),
    ("openssl genrsa -out server.key 2048", False),  # -out: 'Output the key to the file'
    ("openssl genpkey -algorithm ed25519 -out k.pem", False),
    ("openssl genrsa 2048 > server.key", False),
    ("wg genkey > private.key", False),
    ("wg genkey | tee wg0.txt | wg pubkey > pub.txt", False),  # piped on
    ("age-keygen -o key.txt", False),
    ("age-keygen -y key.txt", False),  # the public half
    ("openssl dhparam 2048", False),  # parameters, no secret
    ("openssl rsa -pubout", False),
    ("wg pubkey < wg0.txt", False),
])
def test_a_new_secret_key_printed_is_a_credential_read(command: str, printed: bool) -> None:
    # openssl-genrsa(1) and -genpkey(1): 'If this argument [-out] is not specified then
    # standard output is used'; wg(8) genkey 'prints it to standard output'; age-keygen(1)
    if "|" not in command:  # piped on, the next command's output is what is printed
        assert any(prints_private_key(s) for s in split_command(command)) == printed
    if printed or "-out" not in command:  # a key file named is a credential path itself
        flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/p")).flags
        assert ("credential_path_read" in flags) == printed


@pytest.mark.parametrize(("command", "listens"), [
    ("kubectl proxy --address 0.0.0.0 --accept-hosts '.*'", True),
    ("kubectl port-forward --address=0.0.0.0 pod/x 8080:80", True),
    ("flask run --host=0.0.0.0", True),
    ("jupyter lab --ip 0.0.0.0", True),
    ("python -m http.server --bind :: 8000", True),
    ("uvicorn app:app --host [::] --port 80", True),
    ("hugo server --bind 0.0.0.0:1313", True),
    ("python3 -m http.server 8000", True),  # binds all interfaces by default
    ("python3 -m http.server --bind 127.0.0.1 8000", False),
    ("http-server dist", True),
    ("docker run -p 8080:80 nginx", True),
    ("podman run --publish 8080:80 nginx", True),
    ("docker container run -P nginx", True),
    ("docker run -p 127.0.0.1:8080:80 nginx", False),
    ("docker run --rm alpine ls", False),
    ("nc -lvnp 4444", True),
    ("ncat --listen --keep-open 3000", True),
    ("nc -l 127.0.0.1 4444", False),
    ("nc -zv example.com 443", False),
    ("socat TCP-LISTEN:8080,fork TCP:db:5432", True),
    ("socat TCP-LISTEN:8080,bind=127.0.0.1,fork -", False),
    ("kubectl proxy", False),
    ("flask run --host 127.0.0.1", False),
    ("curl http://0.0.0.0:8000/health", False),
    ("ping 10.0.0.1", False),
    # tunnel services publish a local port on the internet, by their own documentation
    ("ngrok http 8080", True),
    ("ngrok --config ngrok.yml start --all", True),
    ("ngrok config add-authtoken abc", False),
    ("cloudflared tunnel run web", True),
    ("cloudflared tunnel --url http://localhost:8080", True),
    ("cloudflared tunnel route dns web app.example.com", True),
    ("cloudflared tunnel list", False),
    ("cloudflared tunnel create web", False),
    ("cloudflared access tcp --hostname db.example.com --url localhost:5432", False),
    ("tailscale funnel --bg 3000", True),
    ("tailscale funnel status", False),
    ("tailscale serve 3000", False),
    ("lt --port 8000", True),
    ("bore local 8000 --to bore.pub", True),
    ("zrok share public localhost:8080", True),
    ("zrok share private localhost:8080", False),
])
def test_listening_on_every_interface(command: str, listens: bool) -> None:
    assert binds_every_interface(_seg(command)) is listens
    flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/p")).flags
    assert ("network_listener" in flags) is listens


@pytest.mark.parametrize(("command", "saves"), [
    ("curl -o out.tgz https://x.io/a.tgz", True),
    ("curl -fsSLO https://x.io/a.tgz", True),
    ("curl --remote-name https://x.io/a.tgz", True),
    ("curl -s https://x.io/api", False),
    ("curl -X POST -d @body.json https://x.io/api", False),
    ("wget https://x.io/a.tgz", True),
    ("wget -qO- https://x.io/a.sh", False),
    ("wget --spider https://x.io", False),
    ("wget2 --directory-prefix dist https://x.io/a", True),
    ("aria2c https://x.io/a.iso", True),
    ("xh --download https://x.io/a", True),
    ("http -o a.json https://x.io/a", True),
    ("xh get https://x.io/a", False),
    ("scp user@host:backup.tar .", True),
    ("scp backup.tar user@host:", False),
    ("rsync -av host:/srv/data/ data/", True),
    ("rsync -av data/ host:/srv/data/", False),
    ("pip download requests -d dist", True),
    ("gh release download v1.2", True),
    ("git clone https://github.com/a/b", True),
    ("gh repo clone a/b", True),
    ("git pull", False),
    ("pip install requests", False),
])
def test_downloads_by_any_program(command: str, saves: bool) -> None:
    assert saves_from_network(_seg(command)) is saves


def test_every_download_shares_one_key_across_programs() -> None:
    downloads = ["curl -o a https://x.io/a", "wget https://y.io/b", "pip download flask",
                 "gh release download v1", "git clone https://github.com/a/b"]
    for command in downloads:
        assert "Bash:* download" in program_keys(ToolCall("Bash", {"command": command},
                                                          cwd="/home/u/p"))
    assert "Bash:* download" not in program_keys(ToolCall("Bash", {"command": "curl x.io"},
                                                          cwd="/home/u/p"))


@pytest.mark.parametrize(("command", "flagged"), [
    ("rsync -a 203.0.113.9:data/ data/", True),
    ("scp build.tgz deploy@198.51.100.7:/srv/", True),
    ("ssh root@192.0.2.10 uptime", True),
    ("scp build.tgz 127.0.0.1:/tmp/", False),
    ("rsync -a build.example.com:data/ data/", False),
])
def test_a_raw_ip_remote_is_flagged_as_a_raw_ip_url_is(command: str, flagged: bool) -> None:
    flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/p")).flags
    assert ("raw_ip_url" in flags) is flagged


@pytest.mark.parametrize(("command", "expected"), [
    ("ssh deploy@web-1.example.com uptime", ("remote",)),
    ("ssh localhost uptime", ()),
    ("ssh -G web-1", ()),
    ("mosh web-1", ("remote",)),
    ("telnet 192.0.2.4 3000", ("remote",)),
    ("sftp -P 2222 dev@files.example.org", ("remote",)),
    ("scp build.tgz deploy@web-1:/srv/", ("upload", "remote")),
    ("scp deploy@web-1:/srv/app.log .", ("download", "remote")),
    ("scp a.txt b.txt", ()),
    ("rsync -a dist/ web-1:/srv/dist/", ("upload", "remote")),
    ("rsync -a dist/ backup/", ()),
    ("sshfs dev@example.org:dist mnt", ("remote", "mount")),
    ("ssh-copy-id alice@198.51.100.7", ("remote",)),
    ("pssh -i -h hosts.txt uptime", ("remote",)),
    ("sshpass -f pw.txt ssh dev@h echo hi", ("remote",)),
    ("kubectl exec -it pod -- sh", ("remote",)),
    ("kubectl -n prod attach pod/x", ("remote",)),
    ("kubectl cp pod:/tmp/a ./a", ("remote",)),
    ("kubectl get pods", ()),
    ("gcloud compute ssh instance-1", ("remote",)),
    ("aws ssm start-session --target i-123", ("remote",)),
    ("aws s3 ls", ()),
    ("ansible all -m ping", ("remote",)),
    ("ansible-playbook site.yml", ("remote",)),
    ("ansible-playbook -c local site.yml", ()),
    ("ansible-doc -l", ()),
    ("psql -h db.example.com app", ("remote-database",)),
    ("psql -h localhost app", ()),
    ("psql app", ()),
    ("mysql --host=db.example.com shop", ("remote-database",)),
    ("mongodump --uri mongodb://db.example.com/app", ("remote-database", "dump")),
    ("redis-cli -h cache.example.com -p 6379", ("remote-database",)),
    ("redis-cli ping", ()),
    ("ssh -N -L 8080:localhost:80 bastion", ("remote", "forward")),
    ("autossh -M 0 -N -R 9000:localhost:22 relay", ("remote", "forward")),
    ("kubectl port-forward svc/web 8080:80", ("forward",)),
    ("ngrok http 3000", ("forward",)),
    ("kill 4242", ("kill",)),
    ("kill -9 4242", ("kill",)),
    ("kill -SIGUSR1 -234", ("kill",)),
    ("kill -l", ()),
    ("kill -0 4242", ()),
    ("kill %1", ()),
    ("pkill -f gunicorn", ("kill",)),
    ("killall node", ("kill",)),
    ("fuser -k 80/tcp", ("kill",)),
    ("fuser -v 80/tcp", ()),
    ("xkill -id 0x1200003", ("kill",)),
    # stopped, restarted or paused through its manager: one act with the signals above
    ("systemctl restart nginx", ("kill",)),
    ("sudo systemctl isolate rescue.target", ("kill", "elevate")),
    ("systemctl reload nginx", ()),
    ("service postgresql stop", ("kill",)),
    ("service postgresql status", ()),
    ("sv down web", ("kill",)),
    ("pm2 restart api", ("kill",)),
    ("pm2 logs api", ("log",)),  # reads its logs (gate.log_reads), stops nothing
    ("docker container stop web", ("kill",)),
    ("docker compose down", ("kill",)),
    ("docker compose up -d", ("start",)),  # starts, not stops (gate.starts)
    ("docker rm -f web", ("kill",)),
    ("docker rm web", ()),
    ("kubectl drain node-1", ("kill",)),
    ("kubectl rollout restart deploy/web", ("kill",)),
    ("kubectl delete pod web-1", ("kill",)),
    ("kubectl delete configmap web", ("teardown",)),  # gate.teardowns: not a pod
    ("vagrant halt", ("kill", "vm")),  # a machine's lifecycle too (gate.virtual_machines)
    ("vagrant up", ("start", "vm")),
    ("virsh shutdown vm1", ("kill", "vm")),
    ("VBoxManage controlvm vm1 poweroff", ("kill", "vm")),
    ("qm shutdown 100", ("kill", "vm")),
    ("qm start 100", ("start", "vm")),
    ("limactl stop dev", ("kill", "vm")),
    ("minikube pause", ("kill", "vm")),
    ("podman machine stop", ("kill", "vm")),
    ("sudo lxc-stop -n c1", ("kill", "vm", "elevate")),
    ("sudo lxc-start -n c1 -F", ("vm", "elevate")),  # in the foreground: it ends with the call
    ("xl shutdown web", ("kill", "vm")),
    ("launchctl bootout gui/501/com.x", ("kill", "service")),  # gate.service_changes
    ("adb reboot recovery", ("kill",)),
    ("adb shell am force-stop com.example", ("kill",)),
    ("adb devices", ()),
    ("xcrun simctl shutdown all", ("kill",)),
    ("brew services stop postgresql", ("kill",)),
    ("tmux kill-session -t build", ("kill",)),
    ("nginx -s stop", ("kill",)),
    ("nginx -s reload", ()),
    ("pg_ctl -D data stop", ("kill",)),
    ("shutdown -r now", ("kill",)),
    ("shutdown -c", ()),
    ("reboot", ("kill",)),
    ("launchctl load ~/Library/LaunchAgents/x.plist", ("autostart", "service")),
    ("systemctl --user enable --now backup.timer", ("autostart", "start", "service")),
    ("systemctl status nginx", ()),
    ("crontab jobs.txt", ("autostart",)),
    ("crontab -l", ()),
    ("at now + 1 hour", ("autostart",)),
    ("systemd-run --on-calendar=daily ./backup.sh", ("autostart", "detach", "elevate")),
    ("systemd-run --scope ./job", ()),
    ("resticprofile schedule --all", ("autostart",)),
    ("resticprofile unschedule --all", ()),
    ("velero schedule create daily --schedule='0 1 * * *'", ("autostart",)),
    ("velero schedule get", ()),
    ("gcloud scheduler jobs create pubsub nightly --schedule='0 2 * * *' --topic=t",
     ("autostart", "provision")),
    ("gcloud scheduler jobs list", ()),
    ("aws scheduler create-schedule --name n --schedule-expression 'rate(1 day)'",
     ("autostart", "provision")),
    ("watchman -- trigger ~/src build '*.c' -- make", ("autostart",)),
    ("watchman trigger-list ~/src", ()),
    # writes onto attached hardware (gate.devices, each tool's manual)
    ("st-flash write fw.bin 0x8000000", ("flash",)),
    ("st-flash read dump.bin 0x8000000 4096", ()),
    ("avrdude -c usbasp -p m328p -U flash:w:main.hex:i", ("flash",)),
    ("avrdude -c usbasp -p m328p -U flash:v:main.hex:i", ()),
    ("flashrom -p ch341a_spi -w bios.rom", ("flash",)),
    ("flashrom -p ch341a_spi -r backup.rom", ()),
    ("esptool.py --port /dev/ttyUSB0 write_flash 0x0 fw.bin", ("flash", "device-link")),
    ("esptool.py --port /dev/ttyUSB0 chip_id", ("device-link",)),  # asks the chip
    ("dfu-util -a 0 -D fw.dfu", ("flash",)),
    ("dfu-util -a 0 -U dump.bin", ()),
    ("openocd -f board/stm32f4discovery.cfg -c 'program fw.elf verify reset exit'",
     ("flash",)),
    # an "upload" verb is also an upload (gate.transfers): both acts, both keys
    ("pio run -t upload", ("upload", "flash", "build")),
    ("pio test --without-uploading", ("build",)),
    ("arduino-cli upload -p /dev/ttyACM0 --fqbn arduino:avr:uno sketch",
     ("upload", "flash", "device-link")),
    ("arduino-cli compile --fqbn arduino:avr:uno sketch", ("build",)),
    ("fastboot flash boot boot.img", ("flash",)),
    ("fastboot devices", ()),
    ("adb install -r app-debug.apk", ("flash",)),
    ("adb logcat", ()),
    ("xcrun devicectl device install app --device X App.app", ("flash",)),
    ("xcrun simctl install booted App.app", ()),
    ("adb uninstall com.example.app", ("flash",)),
    ("bundletool install-apks --apks app.apks", ("flash",)),
    ("ionic cordova run ios --device", ("flash",)),
    ("cordova run android --emulator", ("build",)),
    ("dd if=raspios.img of=/dev/sdb bs=4M", ("flash",)),
    ("dd if=/dev/zero of=/dev/null count=1", ()),
    # committed history or refs rewritten, moved or deleted (git's, git-extras', hg's, p4's)
    ("git push --force origin topic", ("rewrite",)),
    ("git push --force-with-lease=main:abc123", ("rewrite",)),
    ("git push origin +main", ("rewrite",)),
    ("git push origin :old-branch", ("rewrite",)),
    ("git push -d origin v1.0", ("rewrite",)),
    ("git push -n --force", ()),  # a dry run
    ("git push origin main", ()),
    ("git push --tags", ("release",)),
    ("git reset --soft HEAD~2", ("rewrite",)),
    ("git reset HEAD~", ("rewrite",)),
    ("git reset --hard origin/main", ("discard", "rewrite")),
    ("git reset --hard", ("discard",)),  # stays on its commit
    ("git reset HEAD src/a.py", ()),  # unstages
    ("git reset -- HEAD~", ()),  # a path named so
    ("git rebase -i HEAD~5", ("rewrite",)),
    ("git -C repo rebase --continue", ("rewrite",)),
    ("git rebase --abort", ()),
    ("git commit --amend --no-edit", ("rewrite", "commit")),  # a new commit replaces the tip
    ("git commit -n -m wip", ("commit",)),
    ("git filter-repo --path secrets --invert-paths", ("rewrite",)),
    ("git filter-repo --analyze", ()),
    ("git filter-branch --tree-filter 'rm -f a.bin' HEAD", ("rewrite",)),
    ("bfg --delete-files id_rsa", ("rewrite",)),
    ("git branch -D topic", ("discard", "rewrite")),
    ("git branch -d topic", ("rewrite",)),
    ("git branch -M main", ("rewrite",)),
    ("git branch topic", ()),
    ("git tag -d v1.0", ("rewrite",)),
    ("git tag -f v1.0", ("rewrite", "release")),
    ("git tag -n", ()),
    ("git tag v1.1", ("release",)),
    ("git tag -a v1.1 -m 'release 1.1'", ("release",)),  # -m is the message, no move
    ("git branch -m old new", ("rewrite",)),
    ("git update-ref -d refs/heads/old", ("rewrite",)),
    ("git replace --edit abc1234", ("rewrite",)),
    ("git replace -l", ()),
    ("git reflog expire --expire=now --all", ("rewrite",)),
    ("git reflog show", ()),
    ("git prune -v", ("rewrite",)),
    ("git prune -n", ()),
    ("git gc --prune=now", ("rewrite",)),
    ("git gc", ()),  # keeps two weeks of unreachable objects (git-gc(1))
    ("git stash drop", ("discard", "rewrite")),
    ("git stash pop", ()),
    ("git checkout -B main origin/main", ("rewrite", "checkout")),
    ("git switch -C topic", ("rewrite", "checkout")),
    ("git lfs prune", ("rewrite",)),
    ("git lfs prune -d", ()),
    ("git lfs migrate import --include='*.psd'", ("rewrite",)),
    ("git lfs migrate info", ()),
    ("git squash HEAD~3 'one commit'", ("rewrite", "commit")),  # git-extras: a message commits
    ("git undo 2", ("rewrite",)),
    ("git rename-tag beta latest", ("rewrite",)),
    ("git delete-merged-branches", ("rewrite",)),
    ("git sync", ("rewrite",)),
    ("git revert HEAD", ("commit",)),  # adds a commit, rewrites none
    ("git merge topic", ("commit",)),
    ("hg strip -r 3", ("rewrite",)),
    ("hg commit --amend", ("rewrite", "commit")),
    ("hg commit -m x", ("commit",)),
    ("p4 obliterate -y //depot/old/...", ("rewrite",)),
    ("p4 obliterate //depot/old/...", ()),  # only reports what it would do
    # a screen, camera or microphone captured (gate.captures, each tool's manual)
    ("scrot -s shot.png", ("capture",)),
    ("grim -g '0,0 100x100' out.png", ("capture",)),
    ("screencapture -x shot.png", ("capture",)),
    ("flameshot gui", ("capture",)),
    ("flameshot config", ()),
    ("wf-recorder -f demo.mp4", ("capture",)),
    ("ffmpeg -f x11grab -i :0.0 screen.mp4", ("capture",)),
    ("ffmpeg -f v4l2 -i /dev/video0 cam.mkv", ("capture",)),
    ("ffmpeg -f alsa -i default mic.wav", ("capture",)),
    ("ffplay /dev/video0", ("capture", "open")),  # ffplay's input needs no -i; it shows it
    ("ffplay -f v4l2 -i /dev/video0", ("capture", "open")),
    ("ffmpeg -i in.mp4 -c:v libx264 out.mp4", ("transcode",)),
    ("gst-launch-1.0 v4l2src ! videoconvert ! autovideosink", ("capture",)),
    ("gst-launch-1.0 filesrc location=a.mp4 ! decodebin ! autovideosink", ()),
    ("gst-launch-1.0 ' ' 'v4l2src ! autovideosink'", ("capture",)),  # a blank word too
    ("v4l2-ctl --device /dev/video0 --stream-mmap --stream-to=f.raw", ("capture",)),
    ("v4l2-ctl --list-devices", ()),
    ("fswebcam -r 640x480 shot.jpg", ("capture",)),
    ("rpicam-still -o shot.jpg", ("capture",)),
    ("gphoto2 --capture-image-and-download", ("capture",)),
    ("gphoto2 --auto-detect", ()),
    ("arecord -d 10 -f cd take.wav", ("capture",)),
    ("arecord -l", ()),
    ("pw-record take.wav", ("capture",)),
    ("pw-cat --playback take.wav", ("play",)),
    ("sox -d take.wav", ("capture",)),
    ("sox take.wav -d", ("play",)),  # plays it
    ("scrcpy --record file.mp4", ("capture",)),
    ("scrcpy --list-cameras", ()),
    ("adb shell screencap -p /sdcard/s.png", ("capture",)),
    ("xcrun simctl io booted screenshot s.png", ("capture",)),
    ("obs --startrecording --minimize-to-tray", ("capture",)),
    # a message sent to people (gate.messages, each tool's manual)
    ("mailx -s 'Q3' bob@example.com", ("message",)),
    ("mail -f ~/mbox", ("mailbox",)),  # reads a mailbox
    ("mutt -H draft.eml", ("message",)),
    ("mutt", ("mailbox",)),
    ("msmtp --account=work bob@example.com", ("message",)),
    ("sendmail -bp", ()),  # prints the queue
    ("swaks --to bob@example.com --server mail.example.com", ("message",)),
    ("git send-email -1 --annotate", ("message",)),
    ("git send-email --dry-run -1", ()),
    ("b4 send -o outgoing/", ()),  # writes the patches to a folder
    ("postfix flush", ("message",)),
    # a topic's subscribers may be people (mail, texts) and programs (queues, functions)
    ("aws sns publish --topic-arn arn:aws:sns:x --message hi", ("message", "enqueue")),
    ("aws sqs send-message --queue-url q --message-body hi", ("enqueue",)),  # no person reads
    ("aws ses send-email --from a@x.io --to b@x.io --text hi", ("message",)),
    ("slackcat --channel general notes.txt", ("message",)),
    ("ntfy pub alerts 'build done'", ("message",)),
    ("ntfy subscribe alerts", ()),
    ("signal-cli -a +1555 send -m hi +1666", ("message",)),
    ("wacli send text --to 42 --message hi", ("message",)),
    ("wall 'rebooting in 5'", ("message",)),
    ("write bob", ("message",)),
    ("notify-send 'build done'", ()),  # this machine's own desktop
    ("gh pr create --title x --body y", ("message",)),
    ("gh pr create --web", ("open",)),  # the form opens in the browser, nothing sent
    ("gh pr review 12 --approve", ()),
    ("gh pr review 12 --comment -b 'see above'", ("message",)),
    ("gh issue comment 7 --body thanks", ("message",)),
    ("gh issue list", ()),
    ("glab mr create --title x", ("message",)),
    ("jira issue create", ("message",)),
    ("twurl -X POST -d status=hi /2/tweets", ("message",)),
    ("twurl /2/users/me", ()),
    ("curl -X POST -d '{}' https://hooks.slack.com/services/T0/B0/X", ("message", "web-write")),
    ("curl --url smtps://mail.example.com --mail-rcpt bob@example.com -T m.txt",
     ("upload", "message")),
    ("curl https://api.github.com/repos/x/y", ()),
    ("tailscale funnel --bg 3000", ("forward",)),
    ("cloudflared tunnel --loglevel error run web", ("forward",)),
    ("cloudflared tunnel route dns web app.example.com", ("forward", "dns")),
    ("cloudflared tunnel --url http://localhost:8000", ("forward",)),
    ("cloudflared access tcp --hostname db.example.com --url localhost:5432", ("forward",)),
    ("kubectl proxy --port=8001", ("forward",)),
    ("oc port-forward svc/web 8080:80", ("forward",)),
    ("chisel client 10.0.0.1:8080 3000:localhost:3000", ("forward",)),
    ("chisel server -p 8080 --reverse", ("forward",)),
    ("frpc -c frpc.toml", ("forward",)),
    ("frpc verify -c frpc.toml", ()),
    ("lt --port 8000", ("forward",)),
    ("lt --help", ()),
    ("bore local 8000 --to bore.pub", ("forward",)),
    ("code tunnel", ("forward",)),
    ("code --list-extensions", ()),
    ("code tunnel status", ()),
    ("kubectl -n web port-forward svc/web 8080:80", ("forward",)),
    ("kubectl get svc proxy", ()),
    ("devtunnel host -p 3000", ("forward",)),
    ("gcloud compute start-iap-tunnel vm-1 22 --local-host-port=localhost:2222", ("forward",)),
    ("az network bastion tunnel --name b -g rg --target-resource-id x --resource-port 22 "
     "--port 2222", ("forward",)),
    ("cloudflared tunnel create web", ()),  # writes the tunnel's credentials, runs nothing
    ("cloudflared tunnel login", ()),
    ("tailscale funnel status", ()),
    ("tailscale serve reset", ()),
    ("tailscale funnel 443 off", ()),
    # packages installed, upgraded or removed (gate.packages, each manager's reference)
    ("npm i -g serde", ("package",)),
    ("npm r lodash", ("package",)),
    ("npm up lodash", ("package",)),
    ("npm ddp --strict", ("package",)),
    ("npm install-test -g", ("package",)),
    ("npm ci", ("package",)),
    ("npm -g install typescript", ("package",)),  # -g takes no value
    ("npm install --dry-run left-pad", ()),
    ("npm run install", ()),  # runs the project's "install" script
    ("npm query ':attr(scripts, [postinstall])'", ()),
    ("npm audit fix", ("package",)),
    ("npm audit", ()),
    ("yarn", ("package",)),  # yarn alone is yarn install
    ("yarn build", ("build",)),
    ("pip install zod==4.11.4", ("package",)),
    ("python3 -m pip uninstall -y rich", ("package",)),
    ("pip3.12 install -r requirements.txt", ("package",)),
    ("pip list --outdated", ()),
    ("pip install --dry-run rich", ()),
    ("uv tool install rich", ("package",)),
    ("uv tool uninstall chalk", ("package",)),
    ("uv sync --only-dev", ("package",)),
    ("uv pip install -e .", ("package",)),
    ("uv tool list", ()),
    ("uv lock --upgrade", ()),  # writes the lockfile, installs nothing
    ("poetry self update", ("package",)),
    ("poetry show --tree", ()),
    ("conda update -n base conda", ("package",)),
    ("conda env update -f environment.yml", ("package",)),
    ("conda env list", ()),
    ("mamba create -n qc fastqc", ("package",)),
    ("go install golang.org/x/tools/gopls@latest", ("package", "build")),
    ("go build ./...", ("build",)),
    ("cargo add serde --features derive", ("package",)),
    ("cargo build --release", ("build",)),
    ("gem install rails", ("package",)),
    ("bundle", ("package",)),  # bundle alone is bundle install
    ("bundle exec rake", ()),
    ("composer require monolog/monolog", ("package",)),
    ("dotnet add package Newtonsoft.Json", ("package",)),
    ("dotnet add reference ../lib/lib.csproj", ()),
    ("brew tap homebrew/cask-fonts", ("package",)),
    ("brew upgrade", ("package",)),
    ("brew info wget", ()),
    ("brew cleanup -n", ()),  # only shows what it would remove
    ("sudo apt-get install -y jq", ("package", "elevate")),
    ("apt-get -s install jq", ()),  # -s simulates
    ("apt update", ()),  # refreshes the package lists
    ("sudo dnf group install 'Development Tools'", ("package", "elevate")),
    ("dnf search vim", ()),
    ("pacman -Syu", ("package",)),
    ("pacman -Ss vim", ()),
    ("pacman -Rns vim", ("package",)),
    ("yay", ("package",)),  # a full system upgrade
    ("dpkg -i x_1.0_all.deb", ("package",)),
    ("dpkg -l", ()),
    ("nix-env -iA nixpkgs.hello", ("package",)),
    ("nix-env -q", ()),
    ("snap refresh", ("package",)),
    ("flatpak install flathub org.gimp.GIMP", ("package",)),
    ("rustup component add clippy", ("package",)),
    ("rustup show", ()),
    ("gh extension install dlvhdr/gh-dash", ("package",)),
    ("kubectl krew install ctx", ("package",)),
    ("code --install-extension ms-python.python", ("package",)),
    ("code --list-extensions", ()),
    ("code tunnel status", ()),
    ("kubectl -n web port-forward svc/web 8080:80", ("forward",)),
    ("kubectl get svc proxy", ()),
    ("Rscript -e 'BiocManager::install(\"DESeq2\")'", ("package",)),
    ("Rscript -e 'library(DESeq2)'", ()),
    ("R CMD INSTALL mypkg_1.0.tar.gz", ("package",)),
    ("julia -e 'using Pkg; Pkg.add(\"CSV\")'", ("package",)),
    ("cpanm Moose", ("package",)),
    ("sdkmanager --list", ()),
])
def test_acts_shared_across_programs(command: str, expected: tuple[str, ...]) -> None:
    # connect (talking to a machine the call names) is tabled on its own below
    assert tuple(a for a in acts(_seg(command)) if a != "connect") == expected


@pytest.mark.parametrize(("command", "connects"), [
    ("ncat --ssl docs.python.org 8080", True),
    ("git ls-remote https://github.com/x/y", True),
    ("curl -o a http://localhost:8000/a", False),
    ("psql -h db.example.com app", True),
    ("psql app", False),
    ("ssh web-1 uptime", True),
    ("ssh -G web-1", False),
    ("nc -l -p 8080", False),
    ("git push origin main", False),  # a remote's name, no machine named in the call
    ("grep -r https src", False),
])
def test_a_call_that_talks_to_a_machine_it_names_connects(command: str,
                                                         connects: bool) -> None:
    assert ("connect" in acts(_seg(command))) == connects


def test_a_refused_act_is_one_key_whatever_the_program() -> None:
    """Each act is one key across programs, so a refusal of one counts against the others."""
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for act, commands in {
        "remote": ["ssh web-1 uptime", "kubectl exec pod -- ls", "gcloud compute ssh vm",
                   "scp a.txt web-1:"],
        "remote-database": ["psql -h db.example.com", "mysql -h db2.example.com"],
        "forward": ["ssh -L 80:localhost:80 h", "kubectl port-forward pod/x 80",
                    "tailscale funnel 3000", "tailscale serve --bg 8080"],
        "kill": ["kill 12", "pkill node", "fuser -k 80/tcp", "systemctl stop x",
                 "docker stop web", "kubectl drain node-1", "vagrant suspend", "adb reboot"],
        "autostart": ["launchctl load a.plist", "systemctl enable x", "crontab -e"],
        "package": ["npm i x", "pip uninstall -y x", "conda update conda", "brew tap a/b",
                    "uv tool install rich", "sudo apt-get purge x"],
        "flash": ["st-flash write fw.bin 0x8000000", "particle flash --usb fw.bin",
                  "nrfjprog --program fw.hex", "idf.py -p /dev/ttyUSB0 flash"],
    }.items():
        for command in commands:
            assert f"Bash:* {act}" in keys(command), (act, command)
    assert "host:db.example.com" in keys("psql -h db.example.com app")


@pytest.mark.parametrize(("call", "flag"), [
    (ToolCall("Read", {"file_path": "/home/u/.ssh/id_ed25519"}), "credential_path_read"),
    (ToolCall("Read", {"file_path": "/home/u/.ssh/deploy_key"}), "credential_path_read"),
    (ToolCall("Grep", {"pattern": "x", "path": "/home/u/.ssh"}), "credential_path_read"),
    (ToolCall("Read", {"file_path": "/home/u/.ssh/id_ed25519.pub"}), ""),  # ssh(1) FILES
    (ToolCall("Read", {"file_path": "/home/u/.ssh/known_hosts"}), ""),
    (ToolCall("Glob", {"pattern": "*", "path": "/home/u/.ssh"}), ""),  # names, no content
    (ToolCall("Grep", {"pattern": "TODO", "path": "/etc"}), "credential_path_read"),
    (ToolCall("Grep", {"pattern": "TODO", "path": "/etc/nginx"}), ""),
    (ToolCall("Bash", {"command": "grep -rn token ~"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "rg password /etc"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "grep token ~/notes.txt"}), ""),
    (ToolCall("Bash", {"command": "grep -rn token src"}), ""),
    (ToolCall("Bash", {"command": "terraform output -json"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "terraform output"}), ""),  # sensitive values redacted
    (ToolCall("Bash", {"command": "sops -d secrets.enc.yaml"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "ansible-vault view group_vars/all/vault.yml"}),
     "credential_path_read"),
    (ToolCall("Bash", {"command": "ansible-vault encrypt group_vars/all/vault.yml"}), ""),
    (ToolCall("Bash", {"command": "kubectl get secret db -o yaml"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "kubectl get secret"}), ""),
    (ToolCall("Bash", {"command": "pass -c web/github"}), "credential_path_read"),
])
def test_credential_reads_follow_the_tools_documentation(call: ToolCall, flag: str) -> None:
    flags = inspect_call(ToolCall(call.tool_name, call.tool_input, cwd="/home/u/p")).flags
    assert (flag in flags) if flag else ("credential_path_read" not in flags)


# -- where data-science and developer tools keep credentials (credentials.py) -------------

@pytest.mark.parametrize(("path", "tool"), [
    ("/home/u/.kaggle/kaggle.json", "Kaggle API"),
    ("~/.config/kaggle/kaggle.json", "Kaggle API"),
    ("~/.cache/huggingface/token", "Hugging Face"),
    ("/home/u/.cache/huggingface/stored_tokens", "Hugging Face"),
    ("~/.huggingface/token", "Hugging Face"),
    ("/home/u/.mlflow/credentials", "MLflow"),
    ("~/.config/io.datasette.llm/keys.json", "LLM (simonw/llm)"),
    ("/Users/a/Library/Application Support/io.datasette.llm/keys.json", "LLM (simonw/llm)"),
    ("/home/u/.local/share/jupyter/runtime/jpserver-4242.json", "Jupyter"),
    ("/home/u/.local/share/jupyter/runtime/nbserver-4242.json", "Jupyter"),
    ("~/.local/share/jupyter/runtime/kernel-5f2c.json", "Jupyter"),
    ("/Users/a/Library/Jupyter/runtime/jpserver-7.json", "Jupyter"),
    ("/home/u/proj/.streamlit/secrets.toml", "Streamlit"),
    ("~/.streamlit/secrets.toml", "Streamlit"),
    ("~/.dbt/profiles.yml", "dbt"),
    ("/home/u/.snowsql/config", "SnowSQL"),
    ("~/.snowflake/connections.toml", "Snowflake CLI"),
    ("~/.pulumi/credentials.json", "Pulumi"),
    ("/home/u/.fly/config.yml", "flyctl"),
    ("~/.b2_account_info", "Backblaze B2 CLI"),
    ("/root/.mc/config.json", "MinIO client"),
    ("~/.netrc", "netrc (curl, ftp, git, Heroku CLI, W&B)"),
    ("~/.config/rclone/rclone.conf", "rclone"),
    ("~/.databrickscfg", "Databricks CLI"),
    ("~/.config/pypoetry/auth.toml", "Poetry"),
    ("~/.terraform.d/credentials.tfrc.json", "Terraform"),
    ("~/.vault-token", "Vault"),
    ("~/.config/doctl/config.yaml", "doctl"),
    ("~/.s3cfg", "s3cmd"),
    ("~/.boto", "gsutil / boto"),
    ("/C/Users/u/AppData/Roaming/postgresql/pgpass.conf", "PostgreSQL"),
    ("~/.local/share/com.vercel.cli/auth.json", "Vercel CLI"),
    ("/Users/a/Library/Application Support/com.vercel.cli/auth.json", "Vercel CLI"),
    ("~/.wrangler/config/default.toml", "Cloudflare Wrangler"),
    ("/home/u/.config/.wrangler/config/default.toml", "Cloudflare Wrangler"),
    ("~/.config/linode-cli", "Linode CLI"),
    ("/home/u/.claude/.credentials.json", "Claude Code"),
    ("~/.codex/auth.json", "Codex CLI"),
    ("~/.config/stripe/config.toml", "Stripe CLI"),
])
def test_data_science_and_developer_tools_credential_files(path: str, tool: str) -> None:
    assert credential_kind(path) == "credential"
    located = locate(path)
    assert located is not None and located.tool == tool and located.source
    # every folder from the file's up to the file system's root holds it, where the file
    # sits in a home (a project's own .streamlit/ is no home's, C:/Users/u no home we know)
    folder = "" if "/proj/" in path or "AppData" in path else path.rpartition("/")[0]
    while folder:
        assert holds_credentials(folder), folder
        folder = folder.rpartition("/")[0]


@pytest.mark.parametrize("path", [
    "/home/u/.local/share/jupyter/kernels/python3/kernel.json",  # a kernel spec, no key
    "~/.jupyter/jupyter_server_config.py",
    "~/.config/io.datasette.llm/templates/summary.yaml",
    "/home/u/proj/dbt/models/orders.sql",
    "/home/u/proj/.streamlit/config.toml",
    "~/.cache/huggingface/hub/models--x/config.json",
    "~/.kaggle/competitions/titanic/train.csv",
    "/home/u/proj/postgresql/pgpass.conf.sample",
    "~/.mc/share/downloads.json",
    "~/.local/share/com.vercel.cli/config.json",  # team and telemetry settings
    "~/.claude/settings.json", "/home/u/proj/.claude/settings.local.json",
    "~/.codex/config.toml", "/home/u/proj/wrangler.toml",
])
def test_files_beside_those_credentials_are_not_credentials(path: str) -> None:
    assert credential_kind(path) is None


@pytest.mark.parametrize(("folder", "holds"), [
    ("/", True), ("/etc", True), ("/etc/", True), ("/etc/ssl", True), ("/private/etc", True),
    ("/home", True), ("/Users", True), ("~", True), ("/home/u", True), ("/root", True),
    ("~/.config", True), ("~/.local", True), ("/home/u/.local/share", True),
    ("/Users/a/Library", True),
    ("~/.kaggle", True), ("~/.config/kaggle", True), ("~/.mlflow", True),
    ("~/.cache", True), ("~/.cache/huggingface", True), ("/home/u/.config/rclone", True),
    ("~/.aws", True), ("~/.aws/sso/cache", True), ("~/.ssh", True), ("~/.config/gh", True),
    ("/home/u/.local/share/jupyter", True), ("/Users/a/Library/Jupyter/runtime", True),
    ("/Users/a/Library/Application Support/io.datasette.llm", True),
    ("~/.dbt", True), ("~/.pulumi", True), ("~/.mc", True), ("/home/u/.docker", True),
    ("/srv/app/.aws", True),  # itself a credential location, under any home
    ("/home/u/p/$HOME/.ssh", True),  # $HOME kept as text in a relative path
    ("/home/u/p", False), ("/etc/nginx", False), ("~/projects", False), ("/tmp", False),
    ("/usr/share", False), ("/var/lib", False), ("~/Documents", False),
    ("/home/u/.config/nvim", False), ("/home/u/p/.streamlit", False),
    ("~/.local/share/fish", False),  # a history, a kind of its own
    ("~/.cache/pip", False), ("~/.local/bin", False),
])
def test_a_folder_holds_credentials_when_a_documented_location_lies_in_it(
        folder: str, holds: bool) -> None:
    assert holds_credentials(folder) is holds


@pytest.mark.parametrize(("call", "flag"), [
    (ToolCall("Grep", {"pattern": "key", "path": "/home/u/.kaggle"}), "credential_path_read"),
    (ToolCall("Grep", {"pattern": "hf_", "path": "~/.cache"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "grep -r token ~/.local/share/jupyter"}),
     "credential_path_read"),
    (ToolCall("Bash", {"command": "rg password ~/.config/rclone"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "cat ~/.config/io.datasette.llm/keys.json"}),
     "credential_path_read"),
    (ToolCall("Read", {"file_path": "/home/u/.mlflow/credentials"}), "credential_path_read"),
    (ToolCall("Bash", {"command": "rg TODO ~/projects"}), ""),
    (ToolCall("Grep", {"pattern": "TODO", "path": "/home/u/p/src"}), ""),
])
def test_reads_of_data_science_credentials_are_credential_reads(call: ToolCall, flag: str) -> None:
    flags = inspect_call(ToolCall(call.tool_name, call.tool_input, cwd="/home/u/p")).flags
    assert (flag in flags) if flag else ("credential_path_read" not in flags)


# -- commands whose documented job is to print a secret (credential_commands.py) ----------

@pytest.mark.parametrize(("command", "tool"), [
    ("jupyter server list", "Jupyter"),
    ("jupyter server list --json", "Jupyter"),
    ("jupyter notebook list", "Jupyter"),
    ("jupyter-server list", "Jupyter"),
    ("docker swarm join-token worker", "Docker swarm"),
    ("docker swarm join-token -q manager", "Docker swarm"),
    ("docker swarm unlock-key -q", "Docker swarm"),
    ("llm keys get openai", "LLM (simonw/llm)"),
    ("hf auth token", "Hugging Face"),
    ("databricks auth token --profile dev", "Databricks CLI"),
    ("databricks secrets get-secret scope key", "Databricks CLI"),
    ("fly auth token", "flyctl"),
    ("flyctl auth token", "flyctl"),
    ("aws configure get aws_secret_access_key", "AWS CLI"),
    ("aws --profile dev configure get aws_session_token", "AWS CLI"),
    ("aws configure export-credentials --format env", "AWS CLI"),
    ("az account get-access-token", "Azure CLI"),
    ("heroku auth:token", "Heroku CLI"),
    ("wrangler auth token --json", "Cloudflare Wrangler"),
    ("doppler secrets", "Doppler CLI"),
    ("doppler secrets get STRIPE_KEY --plain", "Doppler CLI"),
    ("gradle properties", "Gradle"),
    ("./gradlew -q :app:properties", "Gradle"),
    ("npm token create --read-only", "npm"),
])
def test_commands_that_print_a_secret(command: str, tool: str) -> None:
    assert prints_credential(_seg(command)) == tool
    flags = inspect_call(ToolCall("Bash", {"command": command}, cwd="/home/u/p")).flags
    assert "credential_path_read" in flags


@pytest.mark.parametrize("command", [
    "jupyter server stop 8888", "jupyter lab --no-browser", "jupyter notebook",
    "docker swarm init", "docker swarm join --token-file t 10.0.0.1:2377",
    "docker swarm leave", "llm keys", "llm keys list", "llm keys path",
    "llm keys set openai", "hf auth whoami", "hf auth list", "hf auth login",
    "databricks auth profiles", "databricks auth login",
    "databricks secrets list-secrets scope", "databricks secrets list-scopes",
    "fly auth whoami", "aws configure get region", "aws configure list",
    "wrangler whoami", "wrangler login", "doppler setup", "doppler projects",
    "npm token list",  # the tokens' first characters only (npm-token docs)
    "vault token lookup",  # token properties; not its job to print the secret
    "gradle tasks", "./gradlew :app:dependencies", "gradle build -Pversion=1",
])
def test_commands_that_list_names_or_settings_print_no_secret(command: str) -> None:
    assert prints_credential(_seg(command)) == ""


@pytest.mark.parametrize(("command", "writes"), [
    ("psql -h db.example.com -c 'DROP TABLE users'", ["drop"]),
    ("psql --command='SELECT count(*) FROM users'", []),
    ("psql -c 'BEGIN; UPDATE t SET a = 1; COMMIT'", ["update"]),
    ("mysql -e 'TRUNCATE orders; SELECT 1' shop", ["truncate"]),
    ("mariadb --execute='GRANT ALL ON *.* TO x'", ["grant"]),
    ("sqlite3 app.db 'DELETE FROM sessions'", ["delete"]),
    ("sqlite3 app.db '.tables'", []),
    ("duckdb data.duckdb 'CREATE TABLE t AS SELECT 1'", ["create"]),
    ("clickhouse-client --query 'ALTER TABLE t DROP COLUMN c'", ["alter"]),
    ("cqlsh -e 'INSERT INTO ks.t (a) VALUES (1)'", ["insert"]),
    ("bq query 'DELETE FROM ds.t WHERE true'", ["delete"]),
    ("bq ls", []),
    ("mongosh --eval 'db.users.deleteMany({})'", ["delete"]),
    ("mongosh --eval 'db.users.find().count()'", []),
    ("psql app", []),
])
def test_statements_that_write_to_a_database(command: str, writes: list[str]) -> None:
    assert sql_writes(_seg(command)) == writes


def test_a_writing_statement_is_a_consequential_verb_of_the_client_and_across_clients() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    drop = keys("psql -c 'DROP TABLE users'")
    assert "Bash:psql sql-drop" in drop and "Bash:* sql-drop" in drop
    assert "Bash:* sql-drop" in keys("mysql -e 'drop database shop'")
    assert not any("sql-" in k for k in keys("psql -c 'SELECT 1'"))
    assert consequential("sql-drop") and must_know("Bash:* sql-drop")


@pytest.mark.parametrize(("command", "part"), [
    ("rails db:migrate", "Bash:rails db:migrate"),
    ("bundle exec rake db:drop", "Bash:rake db:drop"),
    ("expo run:android", "Bash:expo run:android"),
])
def test_a_namespaced_command_is_a_sub_command_read_by_its_words(command: str,
                                                                  part: str) -> None:
    keys = program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))
    assert part in keys, keys
    assert consequential(part.rpartition(" ")[2]) == (part.endswith(("migrate", "drop")))
