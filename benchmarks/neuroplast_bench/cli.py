"""``neuroplast bench``: run the project's benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["bench_app", "continual", "gate", "memory", "sona"]

bench_app = typer.Typer(help="Run benchmarks: each prints a table and one JSON line per result.",
                        no_args_is_help=True)


def _seeds(text: str, option: str) -> list[int]:
    """``"0,1,5"`` as seeds, or a usage error naming ``option``.

    >>> _seeds("0, 1,5", "--seeds")
    [0, 1, 5]
    """
    try:
        return [int(s) for s in text.split(",") if s.strip()]
    except ValueError as exc:
        raise typer.BadParameter(f"{option} {text!r}: use whole numbers separated by commas, "
                                 "e.g. 0,1,2") from exc


@bench_app.callback()
def _group() -> None:
    """Run benchmarks: each prints a table and one JSON line per result."""
    # A callback keeps ``bench`` a group even while it has a single command.


@bench_app.command("continual")
def continual(
    out: Annotated[Path, typer.Option(help="directory for the JSON lines and PNG plots")] = Path(
        "results"),
    stream: Annotated[str, typer.Option(help="permuted, split or all")] = "all",
    setting: Annotated[str, typer.Option(help="offline, online or all")] = "all",
    seeds: Annotated[int | None, typer.Option(help="seeds to average (default: config)")] = None,
    quick: Annotated[bool, typer.Option(
        help="tiny budget: one epoch per task, one seed unless --seeds")] = False,
    avalanche: Annotated[bool, typer.Option(help="also run the Avalanche baselines")] = True,
    methods: Annotated[str, typer.Option(
        help="comma-separated methods (naive, ewc, ewcpp, replay, ewc_replay, derpp) or all")
    ] = "all",
) -> None:
    """Continual learning on Permuted-, Split- and Rotated-Digits: ours vs Avalanche."""
    from neuroplast_bench.continual_main import main, pick_methods

    main(out=out, stream=stream, setting=setting, seeds=seeds, quick=quick, avalanche=avalanche,
         methods=pick_methods(methods))


@bench_app.command("gate")
def gate(
    out: Annotated[Path, typer.Option(help="directory for the JSON lines and PNG plots")] = Path(
        "results"),
    calls: Annotated[int, typer.Option(help="calls replayed through the service")] = 5000,
    seed: Annotated[int, typer.Option(help="seed of the call stream")] = 0,
    warmup: Annotated[int, typer.Option(help="calls left out of the metrics")] = 300,
    user: Annotated[str, typer.Option(
        help="the simulated user: default, heldout, ops, mlds, webfin, mobile, embedded, dba, "
             "hpc, agency, web3, netsec, homelab, macadmin, qa, gamedev, robotics, bioinfo, "
             "legal, newsroom, civic, clinical, support, cdn, telco, k12, grid, pharma, "
             "taxprep, avionics, warehouse, radio, orchard, library, museum, court, "
             "brokerage, transit, casino, seismic, ground, water, claims, vfx, relief, "
             "maritime, esp, finops, bank, portal, browser or dubbing (the last fifty-one: "
             "their own preferences and drift, written apart from the gate; "
             "--drift, --also-refuse and --also-allow then stay unset)")
    ] = "default",
    drift: Annotated[str, typer.Option(
        help="refuse_docker, refuse_publish, allow_force_push or none")] = "refuse_docker",
    also_refuse: Annotated[str, typer.Option(
        help="extra preferences of the simulated user, comma-separated: push_to_main, rm, "
             "installs (another user than the default one)")] = "",
    also_allow: Annotated[str, typer.Option(
        help="what a more permissive simulated user also approves: sudo (a command they "
             "would approve, run with sudo)")] = "",
    descriptions: Annotated[bool, typer.Option(
        help="Bash calls carry the agent's description; --no-descriptions drops them (GTFOBins "
             "rows' 'Run <tool>' would tell them apart)")] = True,
    gate_config: Annotated[str, typer.Option(
        help="a .toml or .json file of GateConfig fields for the service under test (an "
             "ablation: risky_trust_approvals = 0, ...)")] = "",
    data_dir: Annotated[str, typer.Option(
        help="folder with tldr_commands.jsonl and gtfobins.jsonl "
             "(default: the repository's benchmarks/data)")] = "",
    latency_samples: Annotated[int, typer.Option(help="decisions per latency figure")] = 500,
    agent_pause_ms: Annotated[float, typer.Option(
        help="least time between a call's outcome and the agent's next call (a model turn; "
             "0 = back to back)")] = 25.0,
    attack_fuzz: Annotated[int, typer.Option(
        help="fuzzed requests of the attacker section (0: none)")] = 15000,
    attack_kills: Annotated[int, typer.Option(
        help="server kills and worker kills of the attacker section's fault trials "
             "(0: none)")] = 20,
    ablate: Annotated[bool, typer.Option(
        help="instead: replay every stream of the benchmark's users in process with each "
             "decision rule switched off in turn, and print one table")] = False,
    ablate_rules: Annotated[str, typer.Option(
        help="with --ablate: the rules to switch off, comma-separated (default: all; "
             "none: only the gate as configured)")] = "",
    ablate_seeds: Annotated[str, typer.Option(
        help="with --ablate: only the streams of these seeds, comma-separated (default: "
             "the default user's six streams, 0,1,5,6,7,31, the held-out user's "
             "100,101,102, the ops user's 200,201,202, the mlds user's 300,301,302, the "
             "webfin user's 400,401,402, the mobile user's 500,501,502, the embedded "
             "user's 700,701,702, the dba user's 800,801,802, the hpc user's "
             "900,901,902, the agency user's 1000,1001,1002, the web3 user's "
             "1100,1101,1102, the netsec user's 1200,1201,1202, the homelab user's "
             "1300,1301,1302, the macadmin user's 1400,1401,1402, the qa user's "
             "1500,1501,1502, the gamedev user's 1600,1601,1602, the robotics user's "
             "1700,1701,1702, the bioinfo user's 1800,1801,1802, the legal user's "
             "1900,1901,1902, the newsroom user's 2000,2001,2002, the civic user's "
             "2100,2101,2102, the clinical user's 2200,2201,2202, the support user's "
             "2300,2301,2302, the cdn user's 2400,2401,2402, the telco user's "
             "2500,2501,2502, the k12 user's 2600,2601,2602, the grid user's "
             "2700,2701,2702, the pharma user's 2800,2801,2802, the taxprep user's "
             "2900,2901,2902, the avionics user's 3000,3001,3002, the warehouse user's "
             "3100,3101,3102, the radio user's 3200,3201,3202, the orchard user's "
             "3300,3301,3302, the library user's 3400,3401,3402, the museum user's "
             "3500,3501,3502, the court user's 3600,3601,3602, the brokerage user's "
             "3700,3701,3702, the transit user's 3800,3801,3802, the casino user's "
             "3900,3901,3902, the seismic user's 4000,4001,4002, the ground user's "
             "4100,4101,4102, the water user's 4200,4201,4202, the claims user's "
             "4300,4301,4302, the vfx user's 4400,4401,4402, the relief user's "
             "4500,4501,4502, the maritime user's 4600,4601,4602, the esp user's "
             "4700,4701,4702, the finops user's 4800,4801,4802, the bank user's "
             "4900,4901,4902, the portal user's 5000,5001,5002, the browser user's "
             "5100,5101,5102 and the dubbing user's 5200,5201,5202)")] = "",
) -> None:
    """Gate: a simulated user over real commands through the HTTP service, vs baselines."""
    if ablate:
        from neuroplast_bench.gate_ablation import (
            ABLATABLE,
            HELD_OUT,
            STREAMS,
            AblationConfig,
            run_ablation,
        )

        rules = tuple(r.strip() for r in ablate_rules.split(",") if r.strip()) or ABLATABLE
        rules = () if rules == ("none",) else rules  # "none": only the gate as configured
        unknown = sorted(set(rules) - set(ABLATABLE))
        if unknown:
            raise typer.BadParameter(f"unknown rule(s) {unknown}; use some of {ABLATABLE}")
        seeds = set(_seeds(ablate_seeds, "--ablate-seeds"))
        every = STREAMS + HELD_OUT
        missing = sorted(seeds - {s.seed for s in every})
        if missing:
            raise typer.BadParameter(f"no stream with seed(s) {missing}; use some of "
                                     f"{[s.seed for s in every]}")
        streams = tuple(s for s in every if not seeds or s.seed in seeds)
        run_ablation(AblationConfig(calls=calls, warmup=warmup, streams=streams, rules=rules,
                                    data_dir=data_dir, out=str(out), gate_config=gate_config))
        return
    from neuroplast_bench.gate import GateBenchConfig, run_gate_benchmark

    run_gate_benchmark(GateBenchConfig(
        calls=calls, seed=seed, warmup=warmup, drift=drift,  # type: ignore[arg-type]
        user=user,  # type: ignore[arg-type]
        also_refuse=tuple(p.strip() for p in also_refuse.split(",") if p.strip()),
        also_allow=tuple(p.strip() for p in also_allow.split(",") if p.strip()),
        descriptions=descriptions, gate_config=gate_config, data_dir=data_dir, out=str(out),
        latency_samples=latency_samples, agent_pause_ms=agent_pause_ms,
        attack_fuzz=attack_fuzz, attack_kills=attack_kills))


@bench_app.command("memory")
def memory(
    what: Annotated[str, typer.Argument(help="cost, attribution or loop")],
    model: Annotated[Path | None, typer.Option(
        help="model folder (default: benchmarks/data/tiny_lm/llama)")] = None,
    seeds: Annotated[list[int] | None, typer.Option("--seed", help="repeatable")] = None,
    out: Annotated[Path | None, typer.Option(help="also append the JSON lines here")] = None,
) -> None:
    """Memory importance: attribution accuracy, matrix cost, the closed fine-tuning loop."""
    import json

    import torch

    from neuroplast_bench.memory_bench import attribution, closed_loop, cost

    torch.set_num_threads(1)
    folder = model or Path(__file__).parents[1] / "data" / "tiny_lm" / "llama"
    rows = []
    for seed in seeds or [0]:
        if what == "cost":
            rows += [cost(folder, seed=seed, batch_size=1), cost(folder, seed=seed, batch_size=8)]
        elif what == "attribution":
            rows.append(attribution(folder, seed))
        elif what == "loop":
            rows += [closed_loop(folder, seed, guard=True), closed_loop(folder, seed, guard=False)]
        else:
            raise typer.BadParameter(f"{what!r}: use cost, attribution or loop")
    for row in rows:
        line = json.dumps(row, sort_keys=True)
        typer.echo(line)
        if out is not None:
            with out.open("a") as f:
                f.write(line + "\n")


@bench_app.command("sona")
def sona(
    out: Annotated[Path, typer.Option(help="directory for sona.jsonl (and the cached "
                                           "query embeddings)")] = Path("results"),
    seeds: Annotated[str, typer.Option(
        help="world seeds, comma-separated (default: 100-104, never used in development)")
    ] = "100,101,102,103,104",
    queries: Annotated[int, typer.Option(help="queries per world")] = 4000,
    routers: Annotated[str, typer.Option(
        help="comma-separated: oracle, best_fixed, random, linucb, knn, sona")] = "",
    speed: Annotated[bool, typer.Option(help="also the speed figures")] = True,
    routing: Annotated[bool, typer.Option(help="the routing figures")] = True,
    federation: Annotated[bool, typer.Option(
        help="also federation: agents local and on a local Ray cluster (minutes)")] = False,
    fed_agents: Annotated[int, typer.Option(help="agents in the federation figure")] = 64,
    fed_per_agent: Annotated[int, typer.Option(help="queries per agent there")] = 200,
) -> None:
    """SONA: a router learning from outcomes on simulated endpoints vs bandit baselines."""
    from neuroplast_bench.sona_main import ROUTERS, main

    chosen = tuple(r.strip() for r in routers.split(",") if r.strip()) or ROUTERS
    unknown = sorted(set(chosen) - set(ROUTERS))
    if unknown:
        raise typer.BadParameter(f"unknown router(s) {unknown}; use some of {ROUTERS}")
    if queries < 2000:
        raise typer.BadParameter("--queries must be at least 2000 (the last 1,000 are scored "
                                 "and the drift sits half-way)")
    main(out=out, seeds=_seeds(seeds, "--seeds"), queries=queries,
         routers=chosen, speed=speed, routing=routing, federation=federation,
         fed_agents=fed_agents, fed_per_agent=fed_per_agent)
