"""Calls that build a container or machine image: files frozen into layers that outlive
the call and travel to every registry and host the image is pushed to.

What goes into an image stays in it: a file copied into one layer and deleted in the next
is still in the image, and so is a secret passed as a build argument (Docker's 'Build
secrets' guide: build arguments and environment variables 'persist in the final image';
NIST SP 800-190 'Application Container Security Guide' 4.1.4, embedded clear-text secrets;
OWASP Docker Security Cheat Sheet, rule 12 on secrets in images). An image built is also
the one that runs next: what was built is what ships. A user's view of this is one view
whatever builds: someone who stops letting the agent run ``docker build`` after a key
went into a layer stops it for ``buildah bud``, ``packer build`` and ``gcloud builds
submit`` alike. So it is an act across programs (``gate.acts``: ``* image``). Each tool is
read from its own manual; listing, inspecting, pulling, pruning, help and versions are not
the act:

- container engines: ``docker|podman|nerdctl build``, ``docker|podman image build``,
  ``docker buildx build|bake``, ``docker builder build``, ``docker compose build`` and
  ``up|create|run --build`` (and docker-compose, podman-compose), ``docker|podman|nerdctl
  commit`` ('create a new image from a container's changes'), ``docker|podman import``
  ('create a filesystem image from a tarball');
- builders: ``buildah bud|build|build-using-dockerfile|commit``, ``buildctl build``, ``img
  build``, kaniko's ``executor``, ``pack build`` (Cloud Native Buildpacks), ``ko
  build|publish|resolve|apply``, ``skaffold build|run|dev|debug`` (each builds first),
  ``s2i build``, earthly (each run builds its targets), ``mkosi`` (``build`` is its default
  verb), ``linuxkit build``, ``debos``, ``distrobuilder build-*``, virt-builder(1),
  ``apptainer|singularity build``;
- Jib through Maven (``jib:build``, ``jib:dockerBuild``, ``jib:buildTar``) and Gradle
  (``jib``, ``jibDockerBuild``, ``jibBuildTar``);
- machine images: ``packer build``, ``vagrant package``, ``lxc|incus publish``;
- clouds' build services, which build from what is uploaded: ``gcloud builds submit``,
  ``az acr build``.

>>> from neuroplast.gate.shell import split_command
>>> [builds_image(s) for s in split_command(
...     "docker build -t app .; docker images; buildah bud -t app .; packer build web.pkr.hcl; "
...     "packer validate web.pkr.hcl; mvn -q compile jib:build; mvn test; gcloud builds list")]
[True, False, True, True, False, True, False, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import leads_to, names_option, operands
from neuroplast.gate.shell import Segment

__all__ = ["builds_image"]

_NOT_RUN = frozenset({"--help", "--version", "--dry-run", "--print"})
_BUILD = frozenset({"build"})
_ENGINE = (((), frozenset({"build", "commit", "import"})), (("image",), _BUILD))
# program -> (the words that lead to a verb, the verbs that build), each from its manual;
# the words are the sub-command and the plain words after it
_BUILDS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "docker": (*_ENGINE, (("buildx",), frozenset({"build", "bake"})), (("builder",), _BUILD),
               (("compose",), _BUILD)),
    "podman": _ENGINE, "nerdctl": _ENGINE,
    "docker-compose": (((), _BUILD),), "podman-compose": (((), _BUILD),),
    "buildah": (((), frozenset({"bud", "build", "build-using-dockerfile", "commit"})),),
    "buildctl": (((), _BUILD),), "img": (((), _BUILD),), "pack": (((), _BUILD),),
    "ko": (((), frozenset({"build", "publish", "resolve", "apply"})),),
    "skaffold": (((), frozenset({"build", "run", "dev", "debug"})),), "s2i": (((), _BUILD),),
    "linuxkit": (((), _BUILD),),
    "apptainer": (((), _BUILD),), "singularity": (((), _BUILD),), "packer": (((), _BUILD),),
    "vagrant": (((), frozenset({"package"})),), "lxc": (((), frozenset({"publish"})),),
    "incus": (((), frozenset({"publish"})),),
    "gcloud": ((("builds",), frozenset({"submit"})),), "az": ((("acr",), _BUILD),),
}
_MKOSI_OTHER = frozenset({"summary", "shell", "boot", "qemu", "vm", "ssh", "journalctl",
                          "coredumpctl", "clean", "serve", "bump", "genkey", "documentation",
                          "dependencies", "help", "cat-config", "init", "sandbox", "burn",
                          "latest-snapshot", "box"})
_JIB_GOALS = frozenset({"jib:build", "jib:dockerBuild", "jib:buildTar",
                        "com.google.cloud.tools:jib-maven-plugin:build"})
_JIB_TASKS = frozenset({"jib", "jibDockerBuild", "jibBuildTar"})

_KANIKO_OPTIONS = ("--context", "--dockerfile", "--destination")  # kaniko's executor
_VIRT_BUILDER_NOT_BUILDING = frozenset({"--list", "--notes", "--print-cache", "--delete-cache"})

_PROGRAMS = frozenset({*_BUILDS, "executor", "earthly", "debos", "virt-builder", "mkosi",
                       "distrobuilder", "mvn", "mvnw", "gradle", "gradlew"})


def builds_image(seg: Segment) -> bool:
    """Whether ``seg`` builds a container or machine image (the ``image`` act)."""
    head, words = seg.head, seg.argv[1:]
    if head not in _PROGRAMS or names_option(words, _NOT_RUN):
        return False
    if head == "executor":
        return any(a.startswith(_KANIKO_OPTIONS) for a in words)
    if head == "earthly":  # earthly [options] TARGET: a target names its Earthfile with +
        return any("+" in a for a in words if not a.startswith("-"))
    if head == "debos":
        return bool(words)
    if head == "virt-builder":
        return bool(words) and not _VIRT_BUILDER_NOT_BUILDING.intersection(words)
    if head in ("mvn", "mvnw"):
        return bool(_JIB_GOALS.intersection(words))
    if head in ("gradle", "gradlew"):
        return any(a.rsplit(":", 1)[-1] in _JIB_TASKS for a in words)
    # compose's up, create and run take --build: 'build images before starting containers'
    if "--build" in words and head in ("docker", "docker-compose", "podman-compose"):
        return head != "docker" or seg.subcommand == "compose"
    if head == "mkosi":  # mkosi [options] [VERB]: build when no other verb is named
        return not seg.subcommand or seg.subcommand not in _MKOSI_OTHER
    if head == "distrobuilder":
        return seg.subcommand.startswith("build-")
    return leads_to(operands(seg.argv, global_values(head)),
                    _BUILDS[head])
