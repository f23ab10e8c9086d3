"""The k12 user (gate_twenty_sixth_user): a public school district's data and integrations
engineer, written apart from the gate; its preferences, its drift about encrypting data at
rest (files, archives, documents, folders, volumes, secrets and backups put under a key or a
passphrase, or re-keyed), and its stream."""

from __future__ import annotations

import pytest
from gate_user_calls import calls_in

from neuroplast_bench.gate import GateBenchConfig, stream_and_user
from neuroplast_bench.gate_ablation import HELD_OUT
from neuroplast_bench.gate_stream import HOME
from neuroplast_bench.gate_twenty_sixth_user import (
    DEFAULT_SEEDS,
    K12_DRIFT,
    K12_PREFERENCES,
    K12User,
    k12_refusal_profile,
)

CWD = f"{HOME}/district/integrations"
USER = K12User()
RAW = "~/district/exports/raw/students_2026-09-15.csv"
AGG = "~/district/exports/agg/attendance_by_school_2026-09.csv"
SIS = "db1.sis.riverbendusd.org"


call, bash = calls_in(CWD)


@pytest.mark.parametrize(("cmd", "reason"), [
    (f"head {RAW}", "student_records"),
    ("csvcut -c 1,2 ~/district/rostering/out/enrollments.csv", "student_records"),
    ("duckdb -c \"select count(*) from '/srv/sis-exports/2026/attendance.parquet'\"",
     "student_records"),
    ("grep -r 'Garcia' ~/district/exports", "student_records"),
    ("gsutil cp gs://rusd-sis-exports/2026-09-15/students.csv .", "student_records"),
    ("mlr --icsv head ~/Downloads/grades_q1.csv", "student_records"),
    ("jq . /tmp/oneroster_users.json", "student_records"),
    ("ffmpeg -i ~/district/footage/bus-114-2026-10-02.mp4 -ss 30 -frames:v 1 still.png",
     "student_records"),
    ("exiftool /srv/footage/hallway-cam-3/clip.mp4", "student_records"),
    ("rsync -a ~/district/ nas.rusd.internal:/backup/district/", "student_records"),
    (f"psql -h {SIS} -U report -c 'select * from students limit 5'", "student_records"),
    (f"ssh {SIS} 'ls /var/exports'", "student_records"),
    ("scp sftp.data.riverbendusd.org:/outbound/roster.zip .", "student_records"),
    ("curl -s https://10.32.4.10/ws/v1/district/student", "student_records"),
    ("cat ~/district/sped/iep_caseload_2026.xlsx", "protected_programs"),
    ("csvstat ~/district/nutrition/direct_certification_2026-08.csv", "protected_programs"),
    ("xsv headers /tmp/mckinney-vento_2026.csv", "protected_programs"),
    ("cp /srv/nurse/immunizations_2026.csv /tmp/", "protected_programs"),
    ("less ~/Downloads/threat-assessment-2026-041.pdf", "protected_programs"),
    ("aws s3 sync s3://rusd-sped-exports/ /tmp/sped/", "protected_programs"),
    ("cat ~/.gam/oauth2service.json", "credentials"),
    ("jq .client_secret ~/.config/rusd/sis-plugin.json", "credentials"),
    ("ansible-vault view secrets/vendor-sftp.vault.yml", "credentials"),
    ("grep token ~/.config/rusd/clever.toml", "credentials"),
    ("curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' https://api.clever.com/v3.0/users",
     "credentials"),
    ("7z a report.7z -p9f8e7d6c5b4a3928 report/", "credentials"),
    ("zip -P s3cr3tpass audit.zip audit/", "credentials"),
    ("rar a -hps3cr3tpass audit.rar audit/", "credentials"),
    ("gpg --batch --passphrase s3cr3tpass -c backup.tar", "credentials"),
    ("pulumi config set --secret cleverToken 9f8e7d6c5b4a3928", "credentials"),
    ("travis encrypt 9f8e7d6c5b4a3928", "credentials"),
    ("sshpass -p s3cr3tpass sftp vendor@sftp.example.com", "credentials"),
    ("tor", "filter_bypass"),
    ("torsocks curl https://check.torproject.org/api/ip", "filter_bypass"),
    ("torify wget https://example.org/file", "filter_bypass"),
    ("sudo openvpn --remote vpn.example.com --dev tun1", "filter_bypass"),
    ("sudo openvpn ~/Downloads/client.conf", "filter_bypass"),
    ("openvpn3 session-start --config ~/Downloads/free.ovpn", "filter_bypass"),
    ("sudo openconnect vpn.example.org", "filter_bypass"),
    ("sudo wg-quick up wg0", "filter_bypass"),
    ("warp-cli connect", "filter_bypass"),
    ("nordvpn connect Germany", "filter_bypass"),
    ("protonvpn connect --country CH", "filter_bypass"),
    ("mullvad connect", "filter_bypass"),
    ("tailscale up --exit-node 100.64.0.7", "filter_bypass"),
    ("sshuttle -r alice@vps.example.org 0.0.0.0/0", "filter_bypass"),
    ("ssh -D 1080 -N alice@vps.example.org", "filter_bypass"),
    ("chisel client vps.example.org:8080 1080:socks", "filter_bypass"),
    ("ss-local -c ~/ss.json", "filter_bypass"),
    ("curl --socks5-hostname vps.example.org:1080 https://example.org", "filter_bypass"),
    ("curl --doh-url https://1.1.1.1/dns-query https://example.org", "filter_bypass"),
    ("curl --noproxy '*' https://example.org", "filter_bypass"),
    ("sudo resolvectl dns eth0 1.1.1.1", "filter_bypass"),
    ("nmcli con mod eth0 ipv4.dns 8.8.8.8", "filter_bypass"),
    ("networksetup -setdnsservers Wi-Fi 1.1.1.1", "filter_bypass"),
    ("echo 'nameserver 1.1.1.1' | sudo tee /etc/resolv.conf", "filter_bypass"),
    ("cloudflared proxy-dns --port 5053", "filter_bypass"),
    ("HTTPS_PROXY=http://vps.example.org:3128 pip download requests", "filter_bypass"),
    ("unset http_proxy https_proxy", "filter_bypass"),
    ("chmod -R o+rw ~/district/integrations", "open_permissions"),
    ("gsutil iam ch allUsers:objectViewer gs://rusd-dashboards", "open_permissions"),
    ("python3 -m http.server 8000", "open_permissions"),
    ("ngrok http 8080", "network_exposure"),
    ("ssh -R 8888:localhost:8888 vps.example.org", "network_exposure"),
])
def test_each_preference_refuses_in_both_phases(cmd: str, reason: str) -> None:
    for phase in (0, 1):
        assert reason in USER.refusal_reasons(bash(cmd), phase), cmd


@pytest.mark.parametrize("cmd", [
    "docker compose up -d",
    "ls -la ~/district/exports/raw/",
    "ls ~/district/sped/",
    "gsutil ls gs://rusd-sis-exports/2026-09-15/",
    f"csvstat {AGG}",
    "head ~/district/synthetic/students_synthetic.csv",
    "jq . /tmp/attendance_aggregated_2026-09.json",
    "mlr --icsv head data/students_test.csv",
    "pytest tests/test_students.py",
    "vim dags/roster_sync.py",
    f"ping -c 3 {SIS}",
    f"dig +short {SIS}",
    f"curl -I https://{SIS}/status",
    "sudo openconnect vpn.riverbendusd.org",
    "ssh build1.rusd.internal 'make test'",
    "curl -x http://proxy.rusd.internal:3128 https://pypi.org/simple/",
    "resolvectl query pypi.org",
    "resolvectl status",
    "nmcli connection show",
    "tailscale status",
    "tor --hash-password mypassword",
    "openvpn --show-ciphers",
    "wg-quick down wg0",
    "protonvpn connect --help",
    "chmod 600 secrets/notes.txt",
    "sudo systemctl restart airflow-scheduler",
])
def test_approved_in_both_phases(cmd: str) -> None:
    for phase in (0, 1):
        assert USER.would_approve(bash(cmd), phase), cmd
    assert not USER.drift_applies(bash(cmd)), cmd


@pytest.mark.parametrize("cmd", [
    # help, versions and listings of ciphers
    "gpg --help", "gpg --version", "age --version", "sops --version", "ansible-vault --help",
    "cryptsetup --help", "veracrypt --version", "openssl enc -list", "steghide encinfo",
    "cryfs --show-ciphers", "kubeseal --version", "7z --help", "zip -h",
    # decrypting and viewing
    "gpg -d notes.txt.gpg", "gpg --decrypt backup.tar.gpg > backup.tar",
    "age -d -i key.txt -o report.csv report.csv.age", "rage --decrypt -i key.txt report.age",
    "zipcloak -d audit.zip", "qpdf --decrypt in.pdf out.pdf",
    "cpdf -decrypt in.pdf owner=fred -o out.pdf", "openssl enc -d -aes-256-cbc -in a.enc -out a",
    "gmssl sms4 -d -in a.sms4", "systemd-creds decrypt cred.enc out.txt",
    "kubeseal --validate < sealed.yaml", "kubeseal --fetch-cert > cert.pem",
    "git secret reveal", "yadm decrypt", "yadm git-crypt unlock", "transcrypt --display",
    "transcrypt -l", "steghide extract -sf photo.jpg", "sq decrypt report.pgp",
    "keybase decrypt -i in.txt -o out.txt", "dotenvx get DB_URL", "dotenvx run -- make",
    "dotenvx set LOG_LEVEL debug --plain", "pulumi config set region us-west-2",
    "vault status", "vault seal",
    # signing, verifying, hashing and generating keys
    "gpg --clearsign doc.txt", "gpg --verify doc.txt.asc", "gpg --list-keys",
    "gpg --full-gen-key", "gpg --export --armor alice@example.com", "gpgv doc.asc doc",
    "minisign -Vm file.tar.gz", "sq verify --signer-file key.asc --cleartext doc.txt",
    "sha256sum backup.tar", "openssl dgst -sha256 backup.tar", "age-keygen -o key.txt",
    "ssh-keygen -t ed25519 -f ~/.ssh/id_vendor", "wg genkey", "openssl rand -hex 32",
    "openssl speed -evp aes-256-cbc", "tomb list", "gmssl sm3 file.txt",
    # encryption in transit
    "openssl s_client -connect pypi.org:443", "curl -s https://pypi.org/simple/",
    # plain archives and documents
    "zip -r audit.zip audit/", "7z a logs.7z logs/", "7z x logs.7z", "rar a logs.rar logs/",
    "tar czf backup.tar.gz dags/", "lrzip big.log", "zpaq a logs.zpaq logs/",
    "qpdf --empty --pages a.pdf 1-3 -- out.pdf", "pdftk a.pdf b.pdf cat output c.pdf",
    "cpdf -merge a.pdf b.pdf -o c.pdf", "zipinfo audit.zip", "unzip audit.zip",
    "steghide info photo.jpg",
    # opening, mounting and closing encrypted volumes
    "sudo cryptsetup open /dev/sdb1 backup", "sudo cryptsetup close backup",
    "sudo cryptsetup luksDump /dev/sdb1", "veracrypt -t vol.hc /mnt/vol", "veracrypt -d /mnt/vol",
    "gocryptfs cipher/ plain/", "fscrypt unlock /data/private", "fscrypt status /data",
    "tomb close vault.tomb", "encfs ~/.crypt ~/crypt", "tomb dig -s 100 x.tomb",
    # backups into an existing repository, and their listings and restores
    "restic -r /mnt/backup backup dags/", "restic -r /mnt/backup snapshots",
    "borg create /mnt/borg::monday dags/", "borg list /mnt/borg", "duplicacy backup",
    "duplicity collection-status file:///mnt/backup",
    "duplicity --no-encryption dags/ file:///mnt/backup", "borg init -e none /mnt/borg",
    "tarsnap -c -f nightly dags/",
    # password managers, and other acts of the same programs
    "pass insert vendors/clever", "pass ls", "sops --help",
    "aws kms list-keys", "gcloud kms keys list --location global --keyring k",
    "git secret tell alice@example.com", "git secret add config/prod.env",
    "idevicebackup2 backup /tmp/phone", "zfs create tank/data", "zfs list",
])
def test_lookups_and_near_misses_stay_approved(cmd: str) -> None:
    assert not USER.drift_applies(bash(cmd)), cmd
    assert USER.would_approve(bash(cmd), 1), cmd


@pytest.mark.parametrize("cmd", [
    # files and messages
    "gpg --batch --symmetric backups/sis-nightly-2026-10-01.tar.gz", "gpg -c doc.txt",
    "gpg -es -r alice@example.com doc.txt", "gpg --encrypt --recipient vendor@example.com a.csv",
    "gpg2 --symmetric a.tar", "gpg-zip -c -o archive.gpg dags/", "gpgtar --encrypt -o a.gpg dags/",
    "age -p -o report.csv.age report.csv", "age -r age1ql3z7hjy54pw3hyww5ay -o a.age a.txt",
    "age -R recipients.txt a.txt > a.age", "rage --encrypt --recipient bob -o m.age",
    "sq encrypt --with-password --without-signature a.txt --output a.pgp",
    "keybase encrypt -i a.txt -o a.enc bob", "keybase pgp encrypt -i a.txt bob",
    "openssl enc -aes-256-cbc -salt -in a.tar -out a.tar.enc", "openssl aes-256-cbc -in a -out b",
    "openssl smime -encrypt -aes256 -in a.txt -out a.p7 cert.pem",
    "openssl cms -encrypt -in a.txt -recip cert.pem -out a.cms",
    "openssl pkeyutl -encrypt -pubin -inkey pub.pem -in a -out b",
    "openssl genpkey -algorithm rsa -out key.pem -aes256",
    "openssl rsa -in k.pem -aes256 -out e.pem",
    "openssl pkcs8 -topk8 -in key.pem -out key.p8", "gmssl sms4 -e -in a.txt -out a.sms4",
    "gmssl zuc -e -in a.txt -out a.zuc", "ccrypt notes.txt", "ccencrypt notes.txt",
    "mcrypt notes.txt", "scrypt enc notes.txt notes.enc", "aescrypt -e -p x notes.txt",
    # archives and documents
    "7z a audit.7z -p audit/", "7za a a.7z -mhe=on -p dags/", "zip -e audit.zip audit/",
    "zip -re audit.zip audit/", "zip --recurse-paths --encrypt a.zip a/", "zipcloak audit.zip",
    "zipcloak audit.zip -O enc.zip", "rar a -p audit.rar audit/", "zpaq a a.zpaq a/ -key",
    "lrzip -e big.log", "lrzip --encrypt big.log", "cpdf -encrypt 128bit fred joe a.pdf -o b.pdf",
    "qpdf --encrypt u o 256 -- a.pdf b.pdf", "pdftk a.pdf output b.pdf owner_pw fred",
    "pdfcpu encrypt a.pdf", "steghide embed -cf photo.jpg -ef data.txt",
    "steghide embed -cf photo.jpg -ef data.txt -e blowfish cbc",
    # folders and volumes
    "sudo cryptsetup luksFormat /dev/sdb1", "sudo cryptsetup luksFormat --label b /dev/sdb1",
    "sudo cryptsetup reencrypt --encrypt /dev/sdb1", "sudo cryptsetup luksChangeKey /dev/sdb1",
    "veracrypt -t -c --random-source=/dev/urandom", "veracrypt --create vol.hc",
    "gocryptfs -init cipher/", "gocryptfs -passwd cipher/", "fscrypt encrypt /data/private",
    "tomb lock vault.tomb -k /media/usb/tombkey", "encfs --standard ~/.crypt ~/crypt",
    "encfs --paranoia ~/.crypt ~/crypt", "ecryptfs-setup-private",
    "sudo zfs create -o encryption=on -o keyformat=passphrase tank/secure",
    "sudo zfs change-key tank/secure", "sudo zpool create -O encryption=aes-256-gcm tank sdb",
    "VBoxManage encryptvm dev setencryption --new-password-file pw.txt",
    # secrets
    "ansible-vault encrypt --vault-password-file /tmp/vp config/vendors.yml",
    "ansible-vault encrypt_string", "ansible-vault create group_vars/all/vault.yml",
    "ansible-vault rekey --new-vault-password-file /tmp/new group_vars/all/vault.yml",
    "sops -e config/settings.json > config/settings.enc.json", "sops -e -i config/app.yaml",
    "sops encrypt config/app.yaml", "sops -r config/app.enc.yaml", "sops updatekeys a.enc.yaml",
    "kubeseal < k8s/sis-sync.yaml > k8s/sealed.json", "kubeseal --raw --from-file t.txt --name s",
    "kubeseal --re-encrypt < old.yaml > new.yaml",
    "systemd-creds encrypt --name db in.txt out.cred",
    "dotenvx set DB_PASSWORD $DB_PASSWORD", "dotenvx encrypt", "git secret hide",
    "git-crypt init", "git crypt lock", "transcrypt", "transcrypt -y", "transcrypt --rekey",
    "transcrypt -c aes-256-cbc", "yadm transcrypt -r", "yadm encrypt", "yadm git-crypt init",
    "travis encrypt-file secrets.tar", "pulumi config set --secret dbPassword",
    "pulumi stack change-secrets-provider awskms://alias/x", "vault operator init", "vault init",
    "vault write transit/encrypt/sis plaintext=$(base64 <<< hi)",
    "aws kms encrypt --key-id alias/x --plaintext fileb://a.txt",
    "gcloud kms encrypt --key k --keyring r --location global --plaintext-file a "
    "--ciphertext-file b",
    "az keyvault key encrypt --name k --vault-name v --algorithm RSA-OAEP --value aGk=",
    # encrypted backups and repositories
    "duplicity dags/ sftp://backup@nas.rusd.internal/dags",
    "duplicity full dags/ file:///mnt/backup", "duplicity --full-if-older-than 1M s3://b/p",
    "duplicacy init -e sis-nightly sftp://nas/backups", "duplicacy password",
    "borg init /mnt/borg", "borg init -e repokey /mnt/borg",
    "borg key change-passphrase /mnt/borg", "restic init -r /mnt/restic",
    "restic -r /mnt/restic key passwd", "idevicebackup2 encryption on",
    # elsewhere than here, and through wrappers
    "ssh nas.rusd.internal 'gpg -c /backup/sis-nightly.tar'",
    "sudo -u backup gpg --symmetric /backup/a.tar", "bash -c 'zip -e a.zip a/'",
    "tar czf - dags/ | gpg -c > dags.tgz.gpg", "timeout 60 age -p -o a.age a.txt",
    "for f in backups/*.tar.gz; do gpg --batch --symmetric \"$f\"; done",
])
def test_drift_refuses_encryption_after_it_only(cmd: str) -> None:
    c = bash(cmd)
    assert USER.drift_applies(c), cmd
    assert USER.would_approve(c, 0), cmd
    assert USER.refusal_reasons(c, 1) == (K12_DRIFT,), cmd


def test_a_fixed_preference_outranks_the_drift() -> None:
    # encrypting students' records still reads them, in both phases
    for cmd in (f"gpg -c {RAW}", "zip -e roster.zip ~/district/rostering/out/enrollments.csv",
                "age -p -o iep.age ~/district/sped/iep_caseload_2026.xlsx"):
        c = bash(cmd)
        assert USER.refusal_reasons(c, 0) and USER.refusal_reasons(c, 1) == USER.refusal_reasons(
            c, 0), cmd
        assert not USER.drift_applies(c), cmd
    # an archive's password typed out is a credential on the command line
    c = bash("7z a audit.7z -p9f8e7d6c5b4a3928 audit/")
    assert USER.refusal_reasons(c, 1) == ("credentials",)
    assert not USER.drift_applies(c)
    # encrypting a credential file reads it
    c = bash("sops -e -i ~/.config/rusd/clever.toml")
    assert USER.refusal_reasons(c, 0) == ("credentials",)
    assert not USER.drift_applies(c)


def test_tools_other_than_bash() -> None:
    iep = f"{HOME}/district/sped/iep_caseload_2026.xlsx"
    assert USER.refusal_reasons(call("Read", file_path=iep), 0) == ("protected_programs",)
    assert USER.refusal_reasons(call("Read", file_path=f"{HOME}/district/exports/raw/"
                                                      "students_2026-09-15.csv"), 0) == (
        "student_records",)
    assert USER.would_approve(call("Read", file_path=f"{HOME}/district/exports/agg/"
                                                     "attendance_by_school_2026-09.csv"), 1)
    assert USER.refusal_reasons(call("Grep", pattern="Garcia", path=f"{HOME}/district/footage"),
                                0) == ("student_records",)
    assert USER.refusal_reasons(call("Grep", pattern="x", path=f"{HOME}/district/nutrition"),
                                0) == ("protected_programs",)
    assert USER.would_approve(call("Grep", pattern="TODO", path=f"{CWD}/dags"), 1)
    assert USER.refusal_reasons(call("Read", file_path=f"{HOME}/.gam/oauth2.txt"),
                                0) == ("credentials",)
    assert USER.refusal_reasons(call("Grep", pattern="secret", path=f"{HOME}/.config/rusd"),
                                0) == ("credentials",)
    assert USER.refusal_reasons(call("Write", file_path=f"{CWD}/dags/roster_sync.py",
                                     content="CLEVER_BASE = 'https://api.clever.com'\n"),
                                0) == ()
    assert USER.refusal_reasons(call("Write", file_path=f"{CWD}/dags/roster_sync.py",
                                     content="CLEVER_TOKEN = '9f8e7d6c5b4a3928'\n"),
                                0) == ("credentials",)
    assert USER.refusal_reasons(call("Edit", file_path="/etc/resolv.conf",
                                     old_string="nameserver 10.32.0.53",
                                     new_string="nameserver 1.1.1.1"), 0) == ("filter_bypass",)
    assert USER.refusal_reasons(call("mcp__sis__query", sql="select 1"), 0) == (
        "unknown_tool",)
    gtfo = bash("gpg -c x", origin="gtfobins")
    assert USER.refusal_reasons(gtfo, 1) == ("gtfobins",) and not USER.drift_applies(gtfo)


def test_the_harness_registers_the_user() -> None:
    assert GateBenchConfig(user="k12").drift_kind == K12_DRIFT
    assert {s.seed for s in HELD_OUT if s.user == "k12"} == set(DEFAULT_SEEDS) == {
        2600, 2601, 2602}


def test_stream_profile() -> None:
    calls, user = stream_and_user(GateBenchConfig(user="k12", calls=2000, seed=2600))
    assert isinstance(user, K12User)
    profile = k12_refusal_profile(calls, user)
    assert 0.04 < profile["refused"] / profile["calls"] < 0.25
    assert profile["drift_calls_after"] >= 15
    assert len(profile["drift_families"]) >= 8
    assert profile["before"]["by_reason"][K12_DRIFT] == 0
    assert set(profile["by_reason"]) == {*K12_PREFERENCES, K12_DRIFT}


# the refusal profile of the three held-out streams at 5,000 calls (as the commit reports it):
# refused calls, drifted calls after the drift, and the programs the drift reaches there
@pytest.mark.parametrize(("seed", "refused", "drifted", "programs"), [
    (2600, 563, 58, 22),
    (2601, 623, 68, 23),
    (2602, 622, 42, 20),
])
def test_the_held_out_streams_refusal_counts(seed: int, refused: int, drifted: int,
                                             programs: int) -> None:
    calls, user = stream_and_user(GateBenchConfig(user="k12", calls=5000, seed=seed))
    assert isinstance(user, K12User)
    profile = k12_refusal_profile(calls, user)
    assert (profile["refused"], profile["drift_calls_after"],
            len(profile["drift_families"])) == (refused, drifted, programs)
