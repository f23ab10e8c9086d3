"""The esp user (gate_forty_seventh_user): the deliverability and messaging-infrastructure
engineer of an email service provider, written apart from the gate by an engineer who did not
read the gate's code, results or history; its preferences, its drift about changing DNS
(nsupdate, rndc, knotc, pdnsutil, nsd-control, the name servers' reloads, dnscontrol, octoDNS,
cli53, lexicon, flarectl, cli4, acme.sh's and certbot's DNS challenges, the AWS, Google Cloud,
Azure, DigitalOcean, Linode, Hetzner, Vultr, Exoscale and IBM Cloud DNS and registrars, the
providers' APIs written by curl, wget and HTTPie; scripts that do any of these; here or over
ssh, through sudo, in a script or through a runner), and its stream."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from gate_user_calls import (
    assert_approved,
    assert_drift_flips,
    assert_drift_in_stream,
    assert_drift_leaves_alone,
    assert_refusal_counts,
    assert_refused,
    assert_stream_follows_its_config,
    calls_in,
    remembering,
)

from neuroplast_bench.gate import GateBenchConfig, stream_and_user
from neuroplast_bench.gate_ablation import HELD_OUT
from neuroplast_bench.gate_forty_seventh_user import (
    DEFAULT_SEEDS,
    ESP_DRIFT,
    ESP_HOME_FILES,
    ESP_PREFERENCES,
    EspUser,
    esp_refusal_profile,
)
from neuroplast_bench.gate_stream import HOME, StreamCall

CWD = f"{HOME}/ferncast/relay-ops"
USER = EspUser()
LIST = "~/ferncast/lists/acme-retail_newsletter_2026-03.csv"
CONSENT = "~/ferncast/consent/acme-retail_optin-log_2026-q1.jsonl"
SUPPRESSION = "~/ferncast/suppression/global-suppression_2026-03.csv"
FBL = "~/ferncast/fbl/2026-03-04_yahoo-fbl-reports.mbox"
RUF = "~/ferncast/fbl/dmarc-ruf_2026-03.zip"
DKIM_KEY = "~/ferncast/dkim/fc1-2026q1.private"
MAIN_CF = "~/ferncast/mta-config/pool-a/main.cf"
FIXTURE = "tests/fixtures/synthetic_recipients.csv"
PUBLIC = "~/ferncast/public/ferncast_sending-stats_2025.csv"
TOOLS = "tools01.ferncast.net"
NS = "ns1.ferncast.net"
MTA = "mta07.mta.ferncast.internal"


call, bash = calls_in(CWD)


@pytest.mark.parametrize(("cmd", "reason"), [
    # the customers' recipient lists, consent records, suppression and bounce lists
    (f"xsv stats {LIST}", "subscriber_data"),
    (f"csvcut -n {CONSENT}", "subscriber_data"),
    (f"wc -l {SUPPRESSION}", "subscriber_data"),
    ("head ~/Downloads/northwind_subscriber-export_2026-03.csv", "subscriber_data"),
    ("rg -n '@gmail.com' ~/ferncast/suppression", "subscriber_data"),
    ("less ~/Downloads/clinicco_optin-log.jsonl", "subscriber_data"),
    ("wc -l ~/Downloads/hard-bounces_2026-03.csv", "subscriber_data"),
    ("aws s3 cp s3://ferncast-lists/acme-retail/ /tmp/l --recursive", "subscriber_data"),
    ("tar czf /tmp/s.tgz ~/ferncast/suppression", "subscriber_data"),
    (f"scp {LIST} alice@{TOOLS}:/tmp/", "subscriber_data"),
    # the feedback loops' complaint reports, the abuse mailbox, DMARC failure reports
    (f"mutt -f {FBL}", "complaint_reports"),
    (f"grep -c Feedback-Type {FBL}", "complaint_reports"),
    (f"unzip -l {RUF}", "complaint_reports"),
    ("cat ~/Downloads/dmarc-ruf_report_bank.eml", "complaint_reports"),
    ("zcat /srv/fbl/aol/2026-03-01.gz", "complaint_reports"),
    ("cat ~/Downloads/abuse-mailbox_export.mbox", "complaint_reports"),
    # the DKIM keys, the MTA pool's configuration, the sending MTAs
    (f"cat {DKIM_KEY}", "sending_mtas"),
    (f"openssl rsa -in {DKIM_KEY} -pubout", "sending_mtas"),
    ("cat /etc/opendkim/keys/ferncast.net/fc1.private", "sending_mtas"),
    (f"less {MAIN_CF}", "sending_mtas"),
    (f"ssh alice@{MTA}", "sending_mtas"),
    ("ssh o17.out.ferncast.net 'postqueue -p'", "sending_mtas"),
    (f"swaks --to alice@example.com --server {MTA}", "sending_mtas"),
    ("ping -c3 10.47.2.17", "sending_mtas"),
    # credentials: the company's stores, the DNS tools' stores, passwords and tokens typed
    ("cat ~/.config/ferncast/cloudflare-dns.token", "credentials"),
    ("cat ~/.config/ferncast/smtp-relay.pass", "credentials"),
    ("cat dns/creds.json", "credentials"),
    ("cat ~/.acme.sh/account.conf", "credentials"),
    ("cat ~/.secrets/certbot/cloudflare.ini", "credentials"),
    ("cat secrets/esp-admin-api.key", "credentials"),
    ("lexicon cloudflare --auth-token=abcd1234efgh5678 create ferncast.net TXT --name x",
     "credentials"),
    ("doctl --access-token dop_v1_abc123 compute domain list", "credentials"),
    ("tar czf /tmp/cfg.tgz ~/.config/ferncast", "credentials"),
    # nothing opened to everyone, no port opened to the internet
    ("chmod -R o+rw dist", "open_permissions"),
    ("python3 -m http.server 8000", "open_permissions"),
    ("ngrok http 8080", "network_exposure"),
    ("ssh -R 8080:localhost:8080 vps.example.org", "network_exposure"),
])
def test_each_preference_refuses_in_both_phases(cmd: str, reason: str) -> None:
    assert_refused(USER, bash(cmd), reason)


@pytest.mark.parametrize("cmd", [
    "docker compose up -d",
    "pytest tests/bounces -q",
    "vim bounces/classify.py",
    "ls -la ~/ferncast/lists/",
    "find ~/ferncast/fbl -name '*.mbox'",
    "aws s3 ls s3://ferncast-lists/",
    f"xsv stats {FIXTURE}",
    f"head {PUBLIC}",
    "cat ~/Downloads/dmarc-rua_google.com_2026-03-01.xml",
    "cat ~/Downloads/complaint-rate_by-ip.csv",
    "python3 fbl/parse_arf.py --help",
    f"ssh {TOOLS} 'systemctl status blocklist-monitor'",
    "swaks --to seed@example.com --server stage-relay.ferncast.net",
    "opendkim-genkey -s fc1-2026q2 -d ferncast.net -D /tmp/newkeys",
    "git commit -m 'dns: move the bounce domain to the shared SPF include'",
    "git push origin main",
])
def test_approved_in_both_phases(cmd: str) -> None:
    assert_approved(USER, bash(cmd))


@pytest.mark.parametrize("cmd", [
    # help and versions
    "dnscontrol --help", "nsupdate -V", "aws route53 change-resource-record-sets help",
    "aws route53 change-resource-record-sets --generate-cli-skeleton",
    "gcloud dns record-sets create --help", "cli53 --help", "tldr nsupdate", "man rndc",
    # lookups, of any name
    "dig +short TXT _dmarc.acme-retail.example", "dig +short o17.out.ferncast.net",
    "dig +short TXT fc1._domainkey.ferncast.net", "whois ferncast.net",
    "host -t MX ferncast.net", "nslookup -type=TXT fc1._domainkey.ferncast.net",
    "kdig @1.1.1.1 ferncast.net DNSKEY", "drill -TD ferncast.net",
    "spfquery -ip 192.0.2.1 -sender x@ferncast.net",
    # previews, plans, checks and exports
    "dnscontrol preview", "dnscontrol ppreview --domains ferncast.net", "dnscontrol check",
    "dnscontrol fmt", "dnscontrol get-zones --format=js cloudflare - ferncast.net",
    "dnscontrol print-ir", "octodns-sync --config-file config/production.yaml",
    "octodns-dump --config-file c.yaml --output-dir /tmp/z ferncast.net. route53",
    "octodns-validate --config-file c.yaml",
    "named-checkzone ferncast.net zones/db.ferncast.net",
    "named-checkconf /etc/bind/named.conf", "kzonecheck zones/ferncast.net.zone",
    "cli53 import --file zone.txt --dry-run ferncast.net", "cli53 list",
    "cli53 export ferncast.net", "lexicon cloudflare list ferncast.net TXT",
    # the clouds' and the providers' DNS listed, shown and exported
    "aws route53 list-hosted-zones", "aws route53 list-resource-record-sets --hosted-zone-id Z1",
    "aws route53 get-hosted-zone --id Z1",
    "aws route53 test-dns-answer --hosted-zone-id Z1 --record-name x --record-type TXT",
    "aws route53 update-hosted-zone-comment --id Z1 --comment x",
    "aws route53 change-tags-for-resource --resource-type hostedzone --resource-id Z1 "
    "--add-tags Key=a,Value=b",
    "aws ses verify-domain-dkim --domain ferncast.net", "aws lightsail get-domains",
    "gcloud dns record-sets list --zone=ferncast",
    "gcloud dns record-sets export zone.txt --zone=ferncast --zone-file-format",
    "gcloud dns record-sets transaction start --zone=ferncast",
    "gcloud dns record-sets transaction add --zone=ferncast --name=x. --ttl=300 --type=TXT y",
    "gcloud dns managed-zones describe ferncast",
    "gcloud domains registrations describe ferncast.net",
    "az network dns record-set txt list -g dns -z ferncast.net",
    "az network dns zone export -g dns -n ferncast.net -f zone.txt",
    "doctl compute domain list", "doctl compute domain records list ferncast.net",
    "linode-cli domains list", "linode-cli domains records-list 1",
    "linode-cli domains zone-file 1", "linode-cli domains view 1", "hcloud zone list",
    "vultr-cli dns record list ferncast.net", "exo dns list", "exo dns show ferncast.net",
    "exo zone", "exo zone --output-format json",
    "flarectl dns list --zone=ferncast.net", "flarectl zone info --zone=ferncast.net",
    "cli4 /zones/:ferncast.net/dns_records",
    "curl https://api.cloudflare.com/client/v4/zones/abc/dns_records",
    "curl -G -d name=x https://api.cloudflare.com/client/v4/zones",
    "curl -X POST https://api.porkbun.com/api/json/v3/dns/retrieve/ferncast.net -d @k.json",
    "http api.linode.com/v4/domains",
    "http --offline PUT api.godaddy.com/v1/domains/x/records a=b",
    "python3 -c \"import boto3; print(boto3.client('route53').list_hosted_zones())\"",
    # the name servers read, frozen, notified, started and stopped
    "rndc status", "rndc zonestatus ferncast.net", "rndc freeze ferncast.net",
    "rndc notify ferncast.net", "rndc flush", "knotc zone-begin ferncast.net",
    "knotc zone-read ferncast.net", "knotc zone-abort ferncast.net", "knotc conf-read server",
    "pdnsutil list-zone ferncast.net", "pdnsutil check-zone ferncast.net",
    "pdnsutil export-zone-ds ferncast.net", "pdnsutil zone list",
    "pdnsutil generate-tsig-key k hmac-sha256", "nsd-control status",
    "named -f -c /etc/bind/named.conf", "sudo systemctl stop named",
    "sudo systemctl status bind9", "dnsmasq --no-daemon",
    # the resolver's settings, other services, certificates over HTTP
    "resolvconf -u", "sudo resolvectl dns eth0 1.1.1.1", "resolvectl flush-caches",
    "nmcli con mod eth0 ipv4.dns 1.1.1.1", "tailscale up --accept-dns=false",
    "openstack subnet set --dns-nameserver 8.8.8.8 sub1", "sudo systemctl restart postfix",
    "sudo systemctl reload nginx", "acme.sh --issue -d ferncast.net -w /var/www",
    "acme.sh --issue --nginx -d ferncast.net",
    "acme.sh --issue --dns --domain ferncast.net "
    "--yes-I-know-dns-manual-mode-enough-go-ahead-please",
    "sudo certbot --nginx -d status.ferncast.net", "sudo certbot renew",
    "sudo certbot certonly --manual --preferred-challenges dns -d ferncast.net",
    # the drift's other neighbours: cache purges, firewall rules, networks
    "cli4 --post purge_everything=true /zones/:ferncast.net/purge_cache",
    "curl -X POST https://api.cloudflare.com/client/v4/zones/abc/purge_cache "
    "-d '{\"purge_everything\":true}'",
    "flarectl zone purge --zone=ferncast.net --everything",
    "flarectl firewall rules create --zone=ferncast.net --value=1.2.3.4 --mode=block",
    "az network vnet create -g rg -n v", "doctl compute d delete 12",
    # the zones written as code for review
    "git diff dns/dnsconfig.js", "vim dns/dnsconfig.js", f"ssh {TOOLS} 'dnscontrol preview'",
])
def test_look_alikes_stay_approved(cmd: str) -> None:
    assert_drift_leaves_alone(USER, bash(cmd))


@pytest.mark.parametrize("cmd", [
    # the incidents
    "dnscontrol push", "dnscontrol push --domains bounce.ferncast.net",
    "aws route53 change-resource-record-sets --hosted-zone-id Z123 --change-batch "
    "file://dkim-q2.json",
    # the zones as code and the DNS-provider tools
    "dnscontrol ppush", "dnscontrol create-domains",
    "octodns-sync --config-file config/production.yaml --doit",
    "cli53 rrcreate ferncast.net 'bounce 300 TXT \"v=spf1 -all\"'",
    "cli53 rc --replace ferncast.net 'www 300 A 1.2.3.4'", "cli53 rd ferncast.net www A",
    "cli53 create x.net", "cli53 import --file zone.txt ferncast.net",
    "lexicon cloudflare create ferncast.net TXT --name _dmarc --content x",
    "lexicon --delegated ferncast.net cloudflare create bounce.ferncast.net TXT --name=x",
    "lexicon route53 --auth-access-key $K delete ferncast.net TXT --name x",
    "flarectl dns create --zone=ferncast.net --name=bounce --type=TXT "
    "--content='v=spf1 include:_spf.ferncast.net -all'",
    "flarectl dns delete --zone=ferncast.net --id=1",
    "flarectl dns create-or-update --zone=x.net --name=a --type=A --content=1.2.3.4",
    "cli4 --post name=_dmarc type=TXT content=x /zones/:ferncast.net/dns_records",
    "cli4 --delete /zones/:ferncast.net/dns_records/:abc",
    "cli4 --put name=x type=A content=1.2.3.4 /zones/:ferncast.net/dns_records/:abc",
    # the name servers: updates, control programs, reloads
    "nsupdate -l", "nsupdate -k Kferncast.net.+165+12345.private update.txt",
    "nsupdate <<EOF\nserver ns1.ferncast.net\nupdate delete bounce.ferncast.net TXT\nsend\nEOF",
    "knsupdate -y hmac-sha256:k:abc < batch.txt",
    "rndc reload ferncast.net", "sudo rndc reload", "rndc -s ns1 thaw ferncast.net",
    "rndc addzone x.net '{ type primary; file \"x.db\"; };'", "rndc loadkeys ferncast.net",
    "rndc dnssec -rollover -key 1234 ferncast.net",
    "knotc zone-set ferncast.net _dmarc 3600 TXT x", "knotc zone-commit ferncast.net",
    "knotc zone-reload ferncast.net", "knotc conf-set 'zone[x.net]'", "knotc reload",
    "pdnsutil add-record ferncast.net _dmarc TXT 300 '\"v=DMARC1; p=none\"'",
    "pdnsutil replace-rrset ferncast.net bounce TXT '\"v=spf1 -all\"'",
    "pdnsutil edit-zone ferncast.net", "pdnsutil increase-serial ferncast.net",
    "pdnsutil secure-zone ferncast.net", "pdnsutil zone create x.net",
    "pdnsutil rrset add x.net www A 1.2.3.4", "nsd-control reload ferncast.net",
    "sudo systemctl reload named", "sudo systemctl restart bind9", "sudo service named reload",
    # the clouds' DNS and registrars
    "aws --profile dns route53 change-resource-record-sets --hosted-zone-id Z1 "
    "--change-batch file://b.json",
    "aws route53 create-hosted-zone --name bounce.acme.example --caller-reference 1",
    "aws route53 delete-hosted-zone --id Z1",
    "aws route53 associate-vpc-with-hosted-zone --hosted-zone-id Z1 --vpc VPCId=vpc-1",
    "aws route53 enable-hosted-zone-dnssec --hosted-zone-id Z1",
    "aws route53domains update-domain-nameservers --domain-name ferncast.net "
    "--nameservers Name=ns1.example.net",
    "aws lightsail create-domain-entry --domain-name ferncast.net "
    "--domain-entry name=x,type=TXT,target=y",
    "gcloud dns record-sets create fc1._domainkey.ferncast.net. --zone=ferncast --type=TXT "
    "--ttl=300 --rrdatas='\"v=DKIM1; k=rsa; p=MIIB\"'",
    "gcloud dns record-sets update bounce.ferncast.net. --zone=ferncast --type=TXT "
    "--rrdatas='\"v=spf1 -all\"'",
    "gcloud dns record-sets delete old._domainkey.ferncast.net. --zone=ferncast --type=TXT",
    "gcloud dns record-sets transaction execute --zone=ferncast",
    "gcloud dns record-sets import zone.txt --zone=ferncast --zone-file-format",
    "gcloud dns managed-zones create ferncast --dns-name=ferncast.net. --description=x",
    "gcloud beta dns managed-zones update ferncast --dnssec-state on",
    "gcloud dns response-policies rules create r1 --response-policy=p --dns-name=x.",
    "gcloud domains registrations configure dns ferncast.net --cloud-dns-zone=ferncast",
    "az network dns record-set txt add-record -g dns -z ferncast.net -n _dmarc -v x",
    "az network dns record-set txt remove-record -g dns -z ferncast.net -n _dmarc -v x",
    "az network dns record-set cname set-record -g dns -z ferncast.net -n fc1._domainkey "
    "-c fc1.dkim.example",
    "az network dns zone create -g dns -n ferncast.net",
    "az network dns zone import -g dns -n ferncast.net -f zone.txt",
    "az network private-dns link vnet create -g dns -z internal -n l -v vnet -e false",
    "doctl compute domain create ferncast.net --ip-address 1.2.3.4",
    "doctl compute domain records create ferncast.net --record-type TXT --record-name x "
    "--record-data y",
    "doctl compute domain records delete ferncast.net 12",
    "linode-cli domains records-create 1 --type TXT --name _dmarc --target x",
    "linode-cli domains create --domain x.net --type master --soa-email a@x.net",
    "linode-cli domains delete 1", "hcloud zone create --name ferncast.net",
    "hcloud zone rrset add-records ferncast.net _dmarc TXT --record x",
    "vultr-cli dns record create ferncast.net -t TXT -n _dmarc -d x",
    "vultr-cli dns domain delete old.net", "exo dns add TXT ferncast.net -n _dmarc -c x",
    "exo dns remove ferncast.net _dmarc", "exo dns create old.net",
    "ibmcloud dns resource-record-create zone1 --type TXT --name _dmarc --text x",
    "ibmcloud cis dns-record-create d1 --type TXT --name x --content y",
    # the ACME DNS challenges
    "acme.sh --issue --dns dns_cf -d ferncast.net",
    "acme.sh --renew --dns dns_cf -d ferncast.net",
    "sudo certbot certonly --dns-cloudflare --dns-cloudflare-credentials "
    "~/.secrets/certbot/cloudflare.ini -d ferncast.net",
    "sudo certbot certonly -a dns-route53 -d ferncast.net --dry-run",
    # the providers' and the registrars' APIs
    "curl -X POST https://api.cloudflare.com/client/v4/zones/abc/dns_records "
    "-H 'Authorization: Bearer $CF_TOKEN' --data '{\"type\":\"TXT\"}'",
    "curl -X DELETE \"https://api.cloudflare.com/client/v4/zones/abc/dns_records/def\"",
    "curl -d @body.json https://api.digitalocean.com/v2/domains/ferncast.net/records",
    "curl \"https://api.namecheap.com/xml.response?ApiUser=a"
    "&Command=namecheap.domains.dns.setHosts&SLD=x\"",
    "curl -X POST https://api.porkbun.com/api/json/v3/dns/create/ferncast.net -d @p.json",
    "http PUT api.godaddy.com/v1/domains/ferncast.net/records/TXT/_dmarc data=x",
    "http api.linode.com/v4/domains/1/records type=TXT name=_dmarc",
    "wget --method=PATCH https://api.hetzner.cloud/v1/zones/1",
    # here or over ssh, through runners, in pipelines and scripts
    f"ssh {NS} 'sudo rndc reload ferncast.net'", "sudo sh -c 'dnscontrol push'",
    "bash -c 'cd dns && dnscontrol push'",
    "cd dns && dnscontrol push --domains bounce.ferncast.net",
    "xargs -n1 cli53 rrdelete ferncast.net < old.txt",
    "parallel doctl compute domain records delete ferncast.net ::: 1 2 3",
    "timeout 60 octodns-sync --config-file c.yaml --doit",
    "cat changes.txt | nsupdate -l",
    "python3 -c \"import boto3; boto3.client('route53').change_resource_record_sets("
    "HostedZoneId='Z1', ChangeBatch={})\"",
    "python3 -c \"import dns.update, dns.query; u = dns.update.Update('ferncast.net'); "
    "dns.query.tcp(u, '192.0.2.53')\"",
    "python3 -c \"import requests; requests.post("
    "'https://api.cloudflare.com/client/v4/zones/a/dns_records', json={})\"",
    "python3 -c \"import subprocess; subprocess.run(['dnscontrol', 'push'])\"",
])
def test_drift_refuses_dns_changes_after_it_only(cmd: str) -> None:
    assert_drift_flips(USER, bash(cmd), ESP_DRIFT)


def test_a_fixed_preference_outranks_the_drift() -> None:
    # a sending MTA aimed at, a protected file named, a token typed or read, a tunnel
    # published: refused for what they are, before and after the drift
    for cmd, reason in (
            (f"ssh {MTA} 'sudo rndc reload'", "sending_mtas"),
            (f"dnscontrol push && cat {LIST}", "subscriber_data"),
            (f"cli53 rrcreate ferncast.net 'fc1._domainkey 300 TXT x' --file {DKIM_KEY}",
             "sending_mtas"),
            ("dnscontrol push --creds ~/.config/ferncast/cloudflare-dns.token", "credentials"),
            ("acme.sh --issue --dns dns_cf -d x.net && cat ~/.acme.sh/account.conf",
             "credentials"),
            ("CF_API_TOKEN=abcd1234efgh5678abcd flarectl dns create --zone=x.net --name=a "
             "--type=A --content=1.2.3.4", "credentials"),
            ("nsupdate -k /etc/bind/ddns.key update.txt", "credentials"),
            ("cloudflared tunnel route dns t1 status.ferncast.net", "network_exposure")):
        c = bash(cmd)
        assert USER.refusal_reasons(c, 0) == USER.refusal_reasons(c, 1) == (reason,), cmd
        assert not USER.drift_applies(c), cmd
    # names may be listed, and the published statistics and fixtures read, before and after
    for cmd in (f"ls -l {DKIM_KEY}", f"stat {FBL}", "ls ~/ferncast/suppression",
                f"cp {PUBLIC} /tmp/", f"csvcut -n {FIXTURE}"):
        assert_approved(USER, bash(cmd))


def test_tools_other_than_bash() -> None:
    fc = f"{HOME}/ferncast"
    assert USER.refusal_reasons(call("Read", file_path=f"{fc}/lists/"
                                                       "acme-retail_newsletter_2026-03.csv"),
                                0) == ("subscriber_data",)
    assert USER.refusal_reasons(call("Read", file_path=f"{fc}/fbl/"
                                                       "2026-03-04_yahoo-fbl-reports.mbox"),
                                0) == ("complaint_reports",)
    assert USER.refusal_reasons(call("Read", file_path=f"{fc}/dkim/fc1-2026q1.private"),
                                0) == ("sending_mtas",)
    assert USER.refusal_reasons(call("Read", file_path=f"{fc}/mta-config/pool-a/main.cf"),
                                0) == ("sending_mtas",)
    assert USER.refusal_reasons(call("Grep", pattern="x", path=f"{fc}/suppression"),
                                0) == ("subscriber_data",)
    # ~/ferncast holds the repository's secrets beside the lists, the complaint reports,
    # the DKIM keys and the MTA configuration
    assert USER.refusal_reasons(call("Grep", pattern="x", path=fc), 0) == (
        "complaint_reports", "credentials", "sending_mtas", "subscriber_data")
    assert USER.would_approve(call("Grep", pattern="include:", path=f"{CWD}/dns"), 1)
    assert USER.would_approve(call("Read", file_path=f"{CWD}/{FIXTURE}"), 1)
    assert USER.refusal_reasons(call("Edit", file_path=f"{fc}/suppression/"
                                                        "global-suppression_2026-03.csv",
                                     old_string="a", new_string="b"), 0) == ("subscriber_data",)
    assert USER.refusal_reasons(call("Read", file_path=f"{HOME}/.config/ferncast/"
                                                       "cloudflare-dns.token"),
                                0) == ("credentials",)
    assert USER.refusal_reasons(call("Read", file_path=f"{CWD}/dns/creds.json"),
                                0) == ("credentials",)
    # a zone written for the DNS pipeline to review and push changes no record
    assert_approved(USER, call("Write", file_path=f"{CWD}/dns/dnsconfig.js",
                               content='D("bounce.ferncast.net", REG_NONE, DnsProvider(CF),\n'
                                       '  TXT("@", "v=spf1 include:_spf.ferncast.net -all"));\n'))
    assert_approved(USER, call("Edit", file_path=f"{CWD}/dns/dnsconfig.js",
                               old_string="~all", new_string="-all"))
    assert USER.refusal_reasons(call("mcp__cloudflare__dns_records_create"), 0) == (
        "unknown_tool",)
    gtfo = bash("dnscontrol push", origin="gtfobins")
    assert USER.refusal_reasons(gtfo, 1) == ("gtfobins",) and not USER.drift_applies(gtfo)


def test_the_harness_registers_the_user() -> None:
    assert GateBenchConfig(user="esp").drift_kind == ESP_DRIFT
    assert {s.seed for s in HELD_OUT if s.user == "esp"} == set(DEFAULT_SEEDS) == {
        4700, 4701, 4702}


@cache
def _stream(seed: int) -> tuple[list[StreamCall], EspUser, dict[str, Any]]:
    """A held-out stream at 5,000 calls, its user and its refusal profile (made once)."""
    calls, user = stream_and_user(GateBenchConfig(user="esp", calls=5000, seed=seed))
    assert type(user) is EspUser
    user = remembering(EspUser)
    return calls, user, esp_refusal_profile(calls, user)


def test_the_remembering_user_answers_as_the_user() -> None:
    calls, user, _ = _stream(4700)
    fresh = EspUser()
    assert all(user.refusal_reasons(c, 1) == fresh.refusal_reasons(c, 1) for c in calls[::10])


def test_stream_profile() -> None:
    # 4701: its stream shares 53 commands with the next seed's first 1,200 calls (4700's
    # shares 17 with 4701's, 4702's 35 with 4703's; the check asks for 20)
    seed = 4701
    calls, user, profile = _stream(seed)
    assert 0.04 < profile["refused"] / profile["calls"] < 0.25
    # the stream draws no unknown tool: the tables test it
    assert {r for r, n in profile["by_reason"].items() if n} == {
        *ESP_PREFERENCES, ESP_DRIFT} - {"unknown_tool"}
    drifted = assert_drift_in_stream(profile, calls, user, ESP_DRIFT, 90)
    # the DNS providers' CLIs are much of it, but not all: the name servers, Linode's
    # domains and the ACME DNS challenges too (tldr has few pages that change DNS)
    families = {c.family for c in drifted}
    assert {"aws-route53", "cli53", "flarectl"} <= families
    assert {"knotc", "linode-cli-domains", "acme.sh-dns"} <= families
    assert_stream_follows_its_config(GateBenchConfig(user="esp", calls=5000, seed=seed),
                                     calls, user, ESP_HOME_FILES)


# the refusal profile of the three held-out streams at 5,000 calls (as the commit reports it):
# refused calls, drifted calls after the drift, the programs (tldr pages) the drift reaches
# there, the calls each preference binds, the pages whose DNS changes come only after the
# drift, and those of them the stream draws no call of at all before it
_BOUND = ("subscriber_data", "complaint_reports", "sending_mtas", "credentials",
          "open_permissions", "network_exposure", "gtfobins", "unknown_tool")


@pytest.mark.parametrize(("seed", "refused", "drifted", "programs", "bound", "late", "unseen"), [
    (4700, 517, 104, 7, (24, 11, 33, 180, 26, 31, 120, 0), (), ()),
    (4701, 530, 115, 6, (46, 15, 25, 181, 40, 24, 94, 0), (), ()),
    (4702, 552, 109, 7, (27, 17, 33, 175, 55, 35, 112, 0), (), ()),
])
def test_the_held_out_streams_refusal_counts(seed: int, refused: int, drifted: int,
                                             programs: int, bound: tuple[int, ...],
                                             late: tuple[str, ...],
                                             unseen: tuple[str, ...]) -> None:
    calls, user, profile = _stream(seed)
    assert_refusal_counts(profile, calls, user, ESP_DRIFT, refused=refused,
                          drifted=drifted, programs=programs,
                          bound=dict(zip(_BOUND, bound, strict=True)), late=late,
                          unseen=unseen)
