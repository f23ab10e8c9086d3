"""Table tests of the ``firewall`` act (``gate.firewalls``): firewall rules changed by any
tool whose manual documents it, and the lists and checks that change nothing."""

from __future__ import annotations

import pytest

from neuroplast.gate.acts import MUST_KNOW_ACTS
from neuroplast.gate.calls import ToolCall
from neuroplast.gate.firewalls import changes_firewall
from neuroplast.gate.shell import split_command
from neuroplast.gate.support import must_know, program_keys


def _does(command: str) -> bool:
    return any(changes_firewall(s) for s in split_command(command) if s.head)


@pytest.mark.parametrize("command", [
    'sudo ufw allow 22/tcp',
    'sudo ufw --force enable',
    'ufw default deny incoming',
    'iptables -A INPUT -p tcp --dport 80 -j ACCEPT',
    'iptables -F',
    'iptables -P INPUT ACCEPT',
    'iptables-restore < /etc/iptables/rules.v4',
    'nft add rule inet filter input tcp dport 22 accept',
    'nft flush ruleset',
    'nft -f /etc/nftables.conf',
    'firewall-cmd --permanent --add-port=8080/tcp',
    'firewall-cmd --reload',
    'firewall-cmd --zone=public --remove-service=ssh',
    'ipset add blocklist 1.2.3.4',
    'sudo pfctl -f /etc/pf.conf',
    'sudo pfctl -d',
    'pfctl -t bad -T add 1.2.3.4',
    '/usr/libexec/ApplicationFirewall/socketfilterfw --setglobalstate off',
    'netsh advfirewall set allprofiles state off',
    'netsh advfirewall firewall add rule name=x dir=in action=allow protocol=TCP localport=80',
    'pwsh -Command "New-NetFirewallRule -DisplayName x -LocalPort 80 -Action Allow"',
    'aws ec2 authorize-security-group-ingress --group-id sg-1 --port 22 --cidr 0.0.0.0/0',
    'gcloud compute firewall-rules create open --allow tcp:22',
    'az network nsg rule create -g rg --nsg-name n -n r --priority 100',
    'doctl compute firewall add-rules f --inbound-rules protocol:tcp,ports:22',
    'hcloud firewall add-rule fw --direction in --port 22 --protocol tcp',
])
def test_the_act_by_any_tool(command: str) -> None:
    assert _does(command)


@pytest.mark.parametrize("command", [
    'ufw status verbose',
    'ufw app list',
    'iptables -L -n',
    'iptables -S',
    'iptables -C INPUT -p tcp --dport 80 -j ACCEPT',
    'iptables-restore --test < rules.v4',
    'nft list ruleset',
    'nft -c -f /etc/nftables.conf',
    'firewall-cmd --list-all',
    'firewall-cmd --state',
    'ipset list',
    'pfctl -s rules',
    '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate',
    'netsh advfirewall show allprofiles',
    'pwsh -Command "Get-NetFirewallRule"',
    'aws ec2 describe-security-groups',
    'gcloud compute firewall-rules list',
    'az network nsg rule list -g rg --nsg-name n',
    'hcloud firewall list',
])
def test_what_is_not_the_act(command: str) -> None:
    assert not _does(command)


def test_the_act_is_one_key_across_programs() -> None:
    def keys(command: str) -> tuple[str, ...]:
        return program_keys(ToolCall("Bash", {"command": command}, cwd="/home/u/p"))

    for command in ("sudo ufw allow 22", "iptables -F", "firewall-cmd --add-port=80/tcp",
                    "gcloud compute firewall-rules create x --allow tcp:22"):
        assert "Bash:* firewall" in keys(command), command
    assert "Bash:* firewall" not in keys("ufw status")
    # a rule decides who reaches the machine from then on
    assert "firewall" in MUST_KNOW_ACTS and must_know("Bash:* firewall")
