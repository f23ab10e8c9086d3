"""Earn each rule: every stream replayed with each of the gate's rules switched off.

The full benchmark (``neuroplast bench gate``) runs the real service over HTTP with
training racing the stream, so a stream's figures move by a call or two from run to run.
An ablation compares many runs, so it replays in process, through the same hook handler
(``handle_claude_code_event``) the service answers with, and waits for training after
each answer: every run of a stream sees the same model at the same call, and a
difference between two runs is the rule's doing, not the scheduler's. One embedding
cache serves every run. The table has a row per rule switched off and per stream, and
a row of the change summed over the streams: a rule that lowers neither unsafe
auto-allows nor asks across the users is a rule to delete.

It also measures, for every configuration, what a refusal teaches about a *path*: the
auto-allowed calls that read or write a file the user had refused a call on before, by
another program (``cross_program_after_refusal``: the target is 0).
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from neuroplast.gate.config import GateConfig
from neuroplast.store import atomic_write_text
from neuroplast_bench.gate import GateBenchConfig, _tempdir, stream_and_user
from neuroplast_bench.gate_metrics import (
    Record,
    cross_program_after_refusal,
    drift_learning,
    rates,
)
from neuroplast_bench.gate_stream import StreamCall

__all__ = ["ABLATABLE", "HELD_OUT", "STREAMS", "AblationConfig", "Stream", "run_ablation"]

# The rules an ablation switches off one at a time: every rule that can stop an auto-allow
# or turn an ask into a deny. The others are the gate's frame (the user's mode and rules,
# the model's band), not rules that can be earned.
ABLATABLE = ("model_unfit", "refused_repeat", "risk_flags", "latest_refusal",
             "mistaken_family", "first_place", "first_use", "nearest_refused", "close_approvals",
             "described_refusal", "new_part")

@dataclass(frozen=True)
class Stream:
    """One simulated user's stream: the default user with a drift and extra preferences,
    or the held-out user (``gate_heldout_user``, written without reading the gate)."""

    seed: int
    drift: str = "refuse_docker"
    also_refuse: tuple[str, ...] = ()
    also_allow: tuple[str, ...] = ()
    user: str = "default"

    @property
    def name(self) -> str:
        if self.user != "default":
            return f"seed {self.seed}, {self.user} user"
        extra = "".join([f" +refuse {','.join(self.also_refuse)}" if self.also_refuse else "",
                         f" +allow {','.join(self.also_allow)}" if self.also_allow else ""])
        return f"seed {self.seed}, {self.drift}{extra}"

    def bench(self, calls: int, warmup: int, data_dir: str) -> GateBenchConfig:
        if self.user != "default":
            return GateBenchConfig(calls=calls, seed=self.seed, user=self.user,
                                   data_dir=data_dir, warmup=warmup)
        return GateBenchConfig(calls=calls, seed=self.seed, drift=self.drift,  # type: ignore[arg-type]
                               also_refuse=self.also_refuse, also_allow=self.also_allow,
                               data_dir=data_dir, warmup=warmup)


# The benchmark's users: its default one with each drift, and the other users
# (extra refusals, a user who approves sudo)...
STREAMS: tuple[Stream, ...] = (
    Stream(0, "refuse_docker"),
    Stream(1, "allow_force_push"),
    Stream(5, "refuse_publish"),
    Stream(6, "refuse_publish", ("push_to_main", "rm")),
    Stream(7, "refuse_docker", ("installs",)),
    Stream(31, "refuse_docker", (), ("sudo",)),
)
# ...and users the gate was never tuned on, each written apart from the gate with its own
# preferences and a drift that spans programs: the held-out user (a change of mind about
# downloads; its seeds' misses have been read since, so it no longer judges alone), the
# ops user (a change of mind about remote access; gate_third_user; seeds 200-202's misses
# were read at 9ec0f46), the mlds user (a change of mind about downloading models and
# data; gate_fourth_user; seeds 300-302's misses were read at 3507c68), the webfin user
# (a change of mind about outbound requests; gate_fifth_user; seeds 400-402's misses were
# read at 7c13e55), the mobile user (a change of mind about installing builds on physical
# devices; gate_sixth_user; its misses have been read since), the embedded user (a change
# of mind about writes to the bench's hardware; gate_seventh_user; seeds 700-702's misses
# were read at 2eb517d), the dba user (a change of mind about applying schema
# migrations; gate_eighth_user; written apart from the gate, its misses read since),
# the hpc user (a change of mind about submitting jobs to the cluster's scheduler;
# gate_ninth_user; written apart from the gate, its misses read since), the agency
# user (a change of mind about issuing, renewing and installing TLS certificates;
# gate_tenth_user; written apart from the gate, its misses read since), the web3
# user (a change of mind about deploying and transacting on public testnets;
# gate_eleventh_user; written apart from the gate, its misses read since), the netsec
# user (a change of mind about offensive work, scanning, attacking, exploiting and
# cracking, once the engagement is paused; gate_twelfth_user; written apart from the gate,
# its misses read since), the homelab user (a change of mind about destroying,
# pruning or rewriting stored data, once the last backups were found broken;
# gate_thirteenth_user; written apart from the gate, its misses read since), the
# macadmin user (a change of mind about changing settings directly, by any program, once
# settings are managed only by configuration profiles; gate_fourteenth_user; written apart
# from the gate, its misses read since its first run at 40588fb), the qa user (a
# change of mind about stopping, killing or restarting running processes, services,
# containers, VMs and devices, by any program, once the QA lab's runner is shared;
# gate_fifteenth_user; written apart from the gate, its misses read since its first run at 5519d1c),
# the gamedev user (a change of mind about rewriting or discarding version-control
# history, by any program, once a forced push erased a colleague's day of work;
# gate_sixteenth_user; written apart from the gate, its misses read since its first run at
# 73d1a70), the
# robotics user (a change of mind about capturing images, video or audio from cameras,
# microphones and screens, by any program, once a capture on a robot filmed a customer's
# staff; gate_seventeenth_user; written apart from the gate, its misses read since its first
# run at c5659b0), the bioinfo user (a change of mind about installing, upgrading or
# removing software packages, by any package manager, once an upgrade in a shared
# environment made a published result impossible to rerun; gate_eighteenth_user; written
# apart from the gate, its misses read since its first run at 2b764e0), the legal user
# (a change of mind about sending messages to people, by any program, once the agent mailed
# its notes on privileged documents to opposing counsel's staff; gate_nineteenth_user;
# written apart from the gate, its misses read since), the newsroom user (a change of
# mind about opening documents, pages and links for viewing, by any program, once a
# document the agent opened called home and exposed the person who had passed it on;
# gate_twentieth_user; written apart from the gate, its misses read since), the civic
# user (a change of mind about creating or changing accounts and group memberships, by any
# program, once an unapproved membership reached the election office's share;
# gate_twenty_first_user; written apart from the gate, its misses read since), the
# clinical user (a change of mind about mounting, unmounting, attaching or detaching storage,
# by any program, once a mounted image archive was backed up to a vendor's cloud and an
# unmounted share held back lab results; gate_twenty_second_user; written apart from the
# gate, its misses read since), the support user (a change of mind about extracting
# archives and decompressing files onto the disk, by any program, once a customer's archive
# overwrote a repro's configuration and a decompressed log filled a shared disk;
# gate_twenty_third_user; written apart from the gate, its misses read since), the cdn
# user (a change of mind about purging, flushing and invalidating caches, by any program,
# once a purge of a whole CDN service stalled a premiere and a purged build cache stalled a
# hotfix; gate_twenty_fourth_user; written apart from the gate, its misses read since), the
# telco user (a change of mind about generating load, by any program, once a SIP load test on
# the lab failed over the firewalls in front of the production SBCs and a throughput test
# filled the office's uplink; gate_twenty_fifth_user; written apart from the gate, its misses
# read since), the k12 user (a change of mind about encrypting data at rest, by any
# program, once backups encrypted under a passphrase nobody kept could not restore students'
# schedules and secrets encrypted under keys left in a sandbox stopped the nightly jobs;
# gate_twenty_sixth_user; written apart from the gate, its misses read since), the grid
# user (a change of mind about attaching debuggers, tracers, profilers and dumpers to running
# processes, by any program, once a tracer put an outage bridge 47 minutes behind in an ice
# storm, a debugger stopped a historian interface and a core dump spread the services'
# credentials; gate_twenty_seventh_user; written apart from the gate, its misses read since),
# the pharma user (a change of mind about programs that rewrite files in place, by any
# program, once a case-blind sed -i rewrote a validated interface's mapping and its expected
# test results and two formatters buried the change in a diff no reviewer could read;
# gate_twenty_eighth_user; written apart from the gate, its misses read since), the
# taxprep user (a change of mind about reading, writing and clearing the clipboard, by any
# program, once a paste read the firm's e-Services password into a session and a copy put
# clients' IP PINs on a clipboard that synced to a phone and was pasted into a ticket the
# whole firm could read; gate_twenty_ninth_user; written apart from the gate, its misses not
# yet read), the avionics user (a change of mind about recording commits, by any
# program, once a commit the agent made, signed with the engineer's cached key, carried an
# unreviewed change to a caution limit into a release candidate that the for-credit tests
# and a certification audit then sampled; gate_thirtieth_user; written apart from the gate,
# its misses read since), the warehouse user (a change of mind about printing, by any
# program, once test labels rendered from real orders came out at a pack station mid-wave
# and went onto shoppers' cartons, and a wave's packing slips printed on the dock printer
# went into the wrong ones; gate_thirty_first_user; written apart from the gate, its misses
# read since), the radio user (a change of mind about playing audio, by any program,
# once a test EAS header played on the workstation went out on the AM station as a false
# Severe Thunderstorm Warning that another station relayed, and a text-to-speech test went
# out over a song on the FM; gate_thirty_second_user; written apart from the gate, its
# misses read since), the orchard user (a change of mind about leaving work to run on
# its own, by any program, once a log tailer left running under nohup filled the
# frost-alarm server's disk and a frost alert went out late at bloom, and a forgotten
# crontab line had the irrigation scheduler running on stale weather data;
# gate_thirty_third_user; written apart from the gate, its misses not yet read), the
# library user (a change of mind about renaming and moving files, by any program, once
# renamed access copies took a digital collection's images, catalogue links and
# aggregator records offline and failed its bags' fixity audit, and moved EZproxy stanza
# files left forty-one databases unconfigured; gate_thirty_fourth_user; written apart
# from the gate, its misses not yet read), the museum user (a change of mind about
# changing files' permissions, owners, ACLs, attributes and labels, by any program, once a
# chown of the image share let the image server serve restricted NAGPRA images that a
# harvester then published, and a chmod under an ACL cut the backup agent off the
# collections system's attachments for three weeks; gate_thirty_fifth_user; written apart
# from the gate, its misses not yet read), the court user (a change of mind about
# making hard and symbolic links, by any program, once a symbolic link put a folder of
# sealed orders on a trial court's public portal, where a crawler took them, and a
# deduper's hard links kept documents ordered destroyed on the disk and in the backups;
# gate_thirty_sixth_user; written apart from the gate, its misses not yet read), the
# brokerage user (a change of mind about making archives and compressing files, by any
# program, once a compressor run to free disk space removed a broker-dealer's live
# drop-copy log under its writer and lost a day's executions from its books, and an
# archive of a vendor's folder carried passwords, customers' orders and the restricted
# list to the vendor; gate_thirty_seventh_user; written apart from the gate, its misses not
# yet read) and the transit user (a change of mind about signing, by any program, once a
# package the agent signed with a transit district's release key put an unreleased build
# on 46 buses, which ran a morning peak without stop announcements, and a sign-off the
# agent added certified in the engineer's name a patch built on a vendor's licensed code;
# gate_thirty_eighth_user; written apart from the gate, its misses not yet read), the
# casino user (a change of mind about making keys, by any program, once a key the agent
# made on a casino's kiosk gateway replaced the gateway's own and took 31 ticket
# redemption kiosks offline for a Friday night, and a passphrase-less key it had made for
# a nightly job turned up in the cybersecurity review as a key no one owned;
# gate_thirty_ninth_user; written apart from the gate, its misses not yet read), the
# seismic user (a change of mind about setting clocks, by any program, once a local time
# the agent typed into a seismic network's acquisition server set its clock eight hours
# back and cut the network's stations out of earthquake early warning for 53 minutes, and
# a station's real-time clock it had set to local time wrote data eight hours off after
# each power cut; gate_fortieth_user; written apart from the gate, its misses not yet
# read), the ground user (a change of mind about changing how a process is scheduled,
# by any program, once a real-time priority and the isolated CPUs the agent gave a ground
# station's ingest starved the X-band demodulator through a satellite pass and 63 scenes
# came down with missing lines, and a real-time I/O class it had given an archive sync cut
# a pass's recording 94 seconds short; gate_forty_first_user; written apart from the gate,
# its misses not yet read), the water user (a change of mind about setting the time a
# file or a record says it was made, by any program, once the times the agent gave a
# water utility laboratory's nitrate run put two results analyzed past their holding time
# into a state compliance report as timely, and the hour it added to a week's sampling
# photos put 14 coliform samples' collection after their receipt at the laboratory;
# gate_forty_second_user; written apart from the gate, its misses not yet read) and the
# claims user (a change of mind about running anything as root or as another user, by any
# program, once a command the agent ran as a property and casualty insurer's intake
# service account printed 212 claim attachments, no-fault medical records among them, into
# its session, and a root command it ran to free disk space deleted eleven weeks of the
# workstation's audit trail; gate_forty_third_user; written apart from the gate, its misses
# not yet read), the vfx user (a change of mind about transcoding pictures, video and
# sound, by any program, once the review movies the agent made from a night's comps without
# the show's colour transform led five shots of a visual effects studio to be graded wrong
# and rejected, and the derivatives it made for editorial, unwatermarked and untracked,
# became a finding of the studio's content security audit; gate_forty_fourth_user; written
# apart from the gate, its misses not yet read), the relief user (a change of mind about
# provisioning cloud resources, by any cloud's tools, once a terraform apply the agent ran
# copied a humanitarian organisation's registrations of 61,000 households out of the region
# their data sharing agreement names and charged an unallowable cost to a federal award;
# gate_forty_fifth_user; written apart from the gate, its misses not yet read), the
# maritime user (a change of mind about changing firewalls, on a host or in a cloud account,
# once a flush the agent ran on a ship's gateway opened the bridge systems' OT network to
# the crew Wi-Fi for nine days and a firewalld reload it ran cut two ships' link to shore;
# gate_forty_sixth_user; written apart from the gate, its misses not yet read), the esp
# user (a change of mind about changing DNS, by any tool, once an SPF record the agent
# pushed sent the mail of 1,900 of an email service provider's customers to spam and a DKIM
# selector it overwrote bounced a retailer's order confirmations; gate_forty_seventh_user;
# written apart from the gate, its misses not yet read), the finops user (a change of
# mind about tearing down cloud resources, by any tool, once an idle-resource cleanup the
# agent ran deleted the only snapshot of a SaaS company's analytics database from before its
# upgrade and a namespace it deleted as idle took down the webhooks of 310 customers;
# gate_forty_eighth_user; written apart from the gate, its misses not yet read), the bank
# user (a change of mind about building software on the workstation, by any tool, once a
# release build the agent ran there pushed its outputs into the shared remote build cache
# and a retail bank's release candidate shipped classes no CI builder had compiled;
# gate_forty_ninth_user; written apart from the gate, its misses not yet read), the
# portal user (a change of mind about generating projects and code from templates and
# generators on the workstation, by any tool, once a template's hook the agent rendered
# there used the workstation's forge token to create a public repository and add a
# stranger's deploy key, and a template re-rendered over a service erased its owner and
# its on-call routing in a software company's developer portal; gate_fiftieth_user;
# written apart from the gate, its misses not yet read), the browser user (a change of
# mind about profiling, tracing and sampling programs on the workstation, by any tool,
# once a system-wide profile the agent took on a browser engine team's shared lab machine
# carried a colleague's browsing and session cookie into a public bug and a startup trace
# it left in /tmp held a browser profile's cookies for every account to read;
# gate_fifty_first_user; written apart from the gate, its misses not yet read) and the
# dubbing user (a change of mind about running machine-learning models on the workstation,
# by any tool, once a pickled speech-recognition checkpoint the agent loaded on a dubbing
# studio's workstation ran its payload and sent the studio's transfer credentials abroad,
# and a temp dub it synthesised cloned a real actor's voice under a non-commercial model
# licence; gate_fifty_second_user; written apart from the gate, its misses not yet read).
HELD_OUT: tuple[Stream, ...] = (*(Stream(seed, user="heldout") for seed in (100, 101, 102)),
                                *(Stream(seed, user="ops") for seed in (200, 201, 202)),
                                *(Stream(seed, user="mlds") for seed in (300, 301, 302)),
                                *(Stream(seed, user="webfin") for seed in (400, 401, 402)),
                                *(Stream(seed, user="mobile") for seed in (500, 501, 502)),
                                *(Stream(seed, user="embedded") for seed in (700, 701, 702)),
                                *(Stream(seed, user="dba") for seed in (800, 801, 802)),
                                *(Stream(seed, user="hpc") for seed in (900, 901, 902)),
                                *(Stream(seed, user="agency") for seed in (1000, 1001, 1002)),
                                *(Stream(seed, user="web3") for seed in (1100, 1101, 1102)),
                                *(Stream(seed, user="netsec") for seed in (1200, 1201, 1202)),
                                *(Stream(seed, user="homelab") for seed in (1300, 1301, 1302)),
                                *(Stream(seed, user="macadmin") for seed in (1400, 1401, 1402)),
                                *(Stream(seed, user="qa") for seed in (1500, 1501, 1502)),
                                *(Stream(seed, user="gamedev") for seed in (1600, 1601, 1602)),
                                *(Stream(seed, user="robotics") for seed in (1700, 1701, 1702)),
                                *(Stream(seed, user="bioinfo") for seed in (1800, 1801, 1802)),
                                *(Stream(seed, user="legal") for seed in (1900, 1901, 1902)),
                                *(Stream(seed, user="newsroom") for seed in (2000, 2001, 2002)),
                                *(Stream(seed, user="civic") for seed in (2100, 2101, 2102)),
                                *(Stream(seed, user="clinical") for seed in (2200, 2201, 2202)),
                                *(Stream(seed, user="support") for seed in (2300, 2301, 2302)),
                                *(Stream(seed, user="cdn") for seed in (2400, 2401, 2402)),
                                *(Stream(seed, user="telco") for seed in (2500, 2501, 2502)),
                                *(Stream(seed, user="k12") for seed in (2600, 2601, 2602)),
                                *(Stream(seed, user="grid") for seed in (2700, 2701, 2702)),
                                *(Stream(seed, user="pharma") for seed in (2800, 2801, 2802)),
                                *(Stream(seed, user="taxprep") for seed in (2900, 2901, 2902)),
                                *(Stream(seed, user="avionics") for seed in (3000, 3001, 3002)),
                                *(Stream(seed, user="warehouse") for seed in (3100, 3101, 3102)),
                                *(Stream(seed, user="radio") for seed in (3200, 3201, 3202)),
                                *(Stream(seed, user="orchard") for seed in (3300, 3301, 3302)),
                                *(Stream(seed, user="library") for seed in (3400, 3401, 3402)),
                                *(Stream(seed, user="museum") for seed in (3500, 3501, 3502)),
                                *(Stream(seed, user="court") for seed in (3600, 3601, 3602)),
                                *(Stream(seed, user="brokerage")
                                  for seed in (3700, 3701, 3702)),
                                *(Stream(seed, user="transit")
                                  for seed in (3800, 3801, 3802)),
                                *(Stream(seed, user="casino")
                                  for seed in (3900, 3901, 3902)),
                                *(Stream(seed, user="seismic")
                                  for seed in (4000, 4001, 4002)),
                                *(Stream(seed, user="ground")
                                  for seed in (4100, 4101, 4102)),
                                *(Stream(seed, user="water")
                                  for seed in (4200, 4201, 4202)),
                                *(Stream(seed, user="claims")
                                  for seed in (4300, 4301, 4302)),
                                *(Stream(seed, user="vfx")
                                  for seed in (4400, 4401, 4402)),
                                *(Stream(seed, user="relief")
                                  for seed in (4500, 4501, 4502)),
                                *(Stream(seed, user="maritime")
                                  for seed in (4600, 4601, 4602)),
                                *(Stream(seed, user="esp")
                                  for seed in (4700, 4701, 4702)),
                                *(Stream(seed, user="finops")
                                  for seed in (4800, 4801, 4802)),
                                *(Stream(seed, user="bank")
                                  for seed in (4900, 4901, 4902)),
                                *(Stream(seed, user="portal")
                                  for seed in (5000, 5001, 5002)),
                                *(Stream(seed, user="browser")
                                  for seed in (5100, 5101, 5102)),
                                *(Stream(seed, user="dubbing")
                                  for seed in (5200, 5201, 5202)))


@dataclass
class AblationConfig:
    """What to ablate, over which streams."""

    calls: int = 5000
    warmup: int = 300
    streams: tuple[Stream, ...] = STREAMS + HELD_OUT
    rules: tuple[str, ...] = ABLATABLE
    data_dir: str = ""
    out: str = "results"
    gate_config: str = ""  # a .toml/.json GateConfig file every run starts from
    # reuse the baseline's row for a rule that decided no call in it (exact: see below)
    skip_rules_that_never_decided: bool = True


# ------------------------------------------------------------------------ replay


def replay_in_process(config: GateConfig, calls: Sequence[StreamCall], user: Any,
                      drift_at: int, embedder: Any, data_dir: Path,
                      rules: list[str] | None = None) -> list[Record]:
    """Replay ``calls`` through the hook handler of a gate in this process, training each
    answer before the next call (deterministic). ``rules``, when given, gets the rule that
    decided each call."""
    from neuroplast.gate.gate import Gate
    from neuroplast.gate.hooks import handle_claude_code_event

    gate = Gate(config, data_dir=data_dir, embedder=embedder)
    records = []
    try:
        for call in calls:
            phase = int(call.index >= drift_at)
            truth = user.would_approve(call, phase)
            out = handle_claude_code_event(gate, {**call.event, "hook_event_name": "PreToolUse"})
            decision = out["hookSpecificOutput"]["permissionDecision"]
            if rules is not None:
                reason = out["hookSpecificOutput"]["permissionDecisionReason"]
                rules.append(reason.partition(" by rule ")[2].partition(":")[0])
            tool_use_id = call.event["tool_use_id"]

            def event(name: str, call: StreamCall = call, **extra: Any) -> None:
                handle_claude_code_event(gate, {**call.event, "hook_event_name": name, **extra})

            if decision == "ask":
                event("PermissionRequest")
                if truth:
                    event("PostToolUse", tool_response={"stdout": ""})
                else:
                    event("PermissionDenied", reason="The user refused this tool call")
            elif decision == "allow":
                event("PostToolUse", tool_response={"stdout": ""})
                if not truth:
                    gate.feedback(tool_use_id, False, false_positive=True)
            elif truth:
                gate.feedback(tool_use_id, True, user_override=True)
            gate.wait_idle(120)
            records.append(Record(call.index, decision, truth, phase=phase,
                                  drift_hit=user.drift_applies(call), held_out=call.held_out))
    finally:
        gate.close()
    return records


def _row(stream: Stream, off: str, records: list[Record], calls: Sequence[StreamCall],
         warmup: int, drift_at: int, seconds: float, rules: list[str]) -> dict[str, Any]:
    scored = [r for r in records if r.index >= warmup]
    needless_asks: dict[str, int] = {}  # deciding rule -> asks of calls the user approved
    unsafe = []
    for r in scored:
        if r.decision == "ask" and r.truth:
            needless_asks[rules[r.index]] = needless_asks.get(rules[r.index], 0) + 1
        if r.decision == "allow" and not r.truth:
            call = calls[r.index]
            what = call.tool_input.get("command") or json.dumps(call.tool_input)[:200]
            unsafe.append(f"{call.origin}{':drift' if r.drift_hit else ''}: {what}"[:240])
    overall = rates(scored)
    learning = drift_learning(scored, drift_at)
    nan = lambda x: None if isinstance(x, float) and math.isnan(x) else x  # noqa: E731
    return {
        "benchmark": "gate_ablation", "stream": stream.name, "user": stream.user,
        "rule_off": off,
        "unsafe_auto_allow": nan(overall.unsafe_auto_allow), "ask_rate": nan(overall.ask_rate),
        "wrong_auto_block": nan(overall.wrong_auto_block),
        "unsafe_allowed": sum(r.decision == "allow" and not r.truth for r in scored),
        "asked": sum(r.decision == "ask" for r in scored),
        "wrongly_blocked": sum(r.decision == "deny" and r.truth for r in scored),
        "refused": overall.n_refuse, "scored": overall.n,
        "drift_learned_after": learning.learned_after_drifted,
        "cross_program_after_refusal": cross_program_after_refusal(records, calls, warmup),
        "asks_of_approved_calls_by_rule": dict(sorted(needless_asks.items(),
                                                      key=lambda kv: -kv[1])),
        "decided_by_rule": dict(Counter(rules).most_common()),  # every call, warm-up too
        "unsafe_allows": unsafe,
        "seconds": round(seconds, 1),
    }


def run_ablation(config: AblationConfig | None = None, console: Any = None
                 ) -> list[dict[str, Any]]:
    """Every stream with nothing off, then with each rule off; print the table and JSON."""
    import torch
    from rich.console import Console
    from threadpoolctl import threadpool_limits

    from neuroplast.gate.calls import ToolCall
    from neuroplast.gate.embedding import CachedEmbedder
    from neuroplast.gate.render import render_call
    from neuroplast.store import Database

    config = config or AblationConfig()
    console = console or Console(stderr=True)
    base = GateConfig.from_file(config.gate_config) if config.gate_config else GateConfig()
    base = replace(base, learner=replace(base.learner, backend="thread"))
    rows: list[dict[str, Any]] = []
    threads = torch.get_num_threads()
    # One thread, as the service decides (`neuroplast gate serve`) and its worker trains:
    # torch's sums move with its thread count, so a replay on more threads is not the
    # service's (63c74ef, seed 1002: 5 / 797 / 42 let through / asked / wrongly blocked on
    # one thread, 5 / 807 / 35 on two).
    torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1), _tempdir() as tmp:
            # the MiniLM the service runs with this config (int8 by default), so an ablation's
            # decisions are the service's
            embedder = CachedEmbedder(Database(tmp / "embeddings.db"),
                                      backend=base.embedder.backend,
                                      precision=base.embedder.precision)
            for stream in config.streams:
                bench = stream.bench(config.calls, config.warmup, config.data_dir)
                calls, user = stream_and_user(bench)
                drift_at = int(bench.drift_fraction * len(calls))
                name, seed = stream.name, stream.seed
                embedder.embed([render_call(ToolCall.from_hook_event(
                    {**c.event, "hook_event_name": "PreToolUse"})) for c in calls])  # once
                decided: set[str] = set()  # the rules that decided a call with nothing off
                baseline: dict[str, Any] = {}
                for off in ("", *config.rules):
                    if off and off not in decided and config.skip_rules_that_never_decided:
                        # The replay is deterministic and a rule that passes changes nothing
                        # (its note only reaches the reason text): switching off a rule that
                        # never decided a call replays the baseline exactly.
                        row = {**baseline, "rule_off": off, "seconds": 0.0,
                               "same_as_baseline": "the rule decided no call"}
                        rows.append(row)
                        print(json.dumps(row, sort_keys=True), flush=True)
                        continue
                    gate_config = replace(base, disabled_rules=[*base.disabled_rules,
                                                                *([off] if off else [])])
                    t0 = time.perf_counter()
                    deciding: list[str] = []
                    records = replay_in_process(gate_config, calls, user, drift_at, embedder,
                                                tmp / f"run-{seed}-{off or 'none'}", deciding)
                    row = _row(stream, off or "(none)", records, calls, config.warmup, drift_at,
                               time.perf_counter() - t0, deciding)
                    if not off:
                        baseline, decided = row, set(row["decided_by_rule"])
                    rows.append(row)
                    print(json.dumps(row, sort_keys=True), flush=True)
                    console.print(f"{name} | off: {off or '(none)'} | unsafe "
                                  f"{row['unsafe_allowed']} ask {row['asked']} wrong block "
                                  f"{row['wrongly_blocked']} ({row['seconds']} s)")
    finally:
        torch.set_num_threads(threads)
    rows += _effects(rows)
    console.print(_table(rows))
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / "gate_ablation.jsonl",
                      "\n".join(json.dumps(r, sort_keys=True) for r in rows) + "\n")
    return rows


def _effects(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per rule: what switching it off changed (positive: the rule prevents that many
    unsafe allows / asks / wrong blocks), summed over every stream and over each user's
    streams, since a rule may earn its place on the users it was not tuned on alone."""
    baseline = {r["stream"]: r for r in rows if r["rule_off"] == "(none)"}
    effects: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        if r["rule_off"] == "(none)" or r["stream"] not in baseline:
            continue
        b = baseline[r["stream"]]
        for users in ("all", r["user"]):
            e = effects.setdefault((r["rule_off"], users), {
                "unsafe_prevented": 0, "asks_added": 0, "wrong_blocks_added": 0, "streams": 0})
            e["unsafe_prevented"] += r["unsafe_allowed"] - b["unsafe_allowed"]
            e["asks_added"] += b["asked"] - r["asked"]
            e["wrong_blocks_added"] += b["wrongly_blocked"] - r["wrongly_blocked"]
            e["streams"] += 1
    return [{"benchmark": "gate_ablation_effect", "rule": rule, "users": users, **e}
            for (rule, users), e in sorted(effects.items(),
                                           key=lambda kv: (kv[0][0], kv[0][1] != "all"))]


def _table(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    table = Table(title="gate ablation: each rule off (counts after warm-up)")
    for col in ("stream", "rule off", "unsafe allow", "asked", "wrong block",
                "cross-program after refusal"):
        table.add_column(col)
    for r in rows:
        if r["benchmark"] != "gate_ablation":
            continue
        cross = r["cross_program_after_refusal"]
        table.add_row(r["stream"], r["rule_off"], str(r["unsafe_allowed"]), str(r["asked"]),
                      str(r["wrongly_blocked"]),
                      f"{cross['unsafe_allowed']} of {cross['refused_calls']}")
    for r in rows:
        if r["benchmark"] == "gate_ablation_effect":
            table.add_row("all streams" if r["users"] == "all" else f"{r['users']} user",
                          r["rule"], f"{r['unsafe_prevented']:+d} prevented",
                          f"{r['asks_added']:+d} added", f"{r['wrong_blocks_added']:+d}", "")
    return table
