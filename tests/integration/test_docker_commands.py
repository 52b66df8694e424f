"""The Docker image's recipe, carried out without Docker.

Docker cannot run on the development machines or in CI, so this test does what
``docker build`` and ``docker run`` would, as far as that is possible without containers:

- the build context is the repository filtered by ``.dockerignore``, as Docker sends it;
- the builder stage's instructions (WORKDIR, ENV, COPY, RUN) run for real: a fresh
  virtual environment, the locked dependencies (``requirements/base.lock``, hashes
  checked) and then the project installed into it by the Dockerfile's own ``pip``
  commands, the catalogs compiled by its own ``pybabel`` command. Container paths
  (``/opt/venv``, ``/src``, ``/app``, ``/data``) are mapped into a temporary "root";
- the final stage's ENV, COPY --from, WORKDIR and VOLUME are applied, and its CMD
  (``python -m bot``) runs with the image's environment against the fake Telegram, in
  long polling and in webhook mode, on an empty volume (so the bundled data is loaded
  by the bot itself); the HEALTHCHECK command runs beside it.

Not checked here, since it needs Docker itself: the base image, the final stage's RUN
(``useradd``, ``chown``: never run on the host), running as that non-root user,
the volume's ownership, and the HEALTHCHECK's timing. ``docker build`` remains the test
of those.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..e2e.dialog import UserChat, plain
from ..e2e.fake_telegram import FakeTelegram
from ..e2e.harness import REPO_ROOT, BotProcess, clean_env, free_port

pytestmark = pytest.mark.slow

DOCKERFILE = REPO_ROOT / "Dockerfile"
COMPOSE = REPO_ROOT / "docker-compose.yml"
BASE_LOCK = REPO_ROOT / "requirements" / "base.lock"
#: The top-level container directories the image uses; mapped into the test's root.
CONTAINER_DIRS = ("opt", "src", "app", "data")
_CONTAINER_PATH = re.compile(rf"(^|[:=\s])(/(?:{'|'.join(CONTAINER_DIRS)})(?=/|$|[:\s]))")
_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


# ---------------------------------------------------------------------- the Dockerfile


@dataclass
class Instruction:
    keyword: str
    arguments: str

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/RUN, None for the shell form."""
        text = self.arguments.strip()
        if text.startswith("["):
            value = json.loads(text)
            assert isinstance(value, list)
            return [str(part) for part in value]
        return None


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def find(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]


def parse_dockerfile(text: str) -> list[Stage]:
    """Stages and instructions: comments dropped, continuation lines joined, ARGs expanded in FROM."""
    logical: list[str] = []
    pending = ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or (not line.strip() and not pending):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical:
        keyword, _, arguments = line.strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "ARG" and not stages:
            name, _, default = arguments.strip().partition("=")
            args[name] = default
        elif keyword == "FROM":
            parts = expand(arguments, args).split()
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(parts[0], name))
        else:
            stages[-1].instructions.append(Instruction(keyword, arguments.strip()))
    return stages


def expand(text: str, env: dict[str, str]) -> str:
    """``$VAR`` and ``${VAR}`` as Docker expands them in ENV, COPY, WORKDIR and FROM."""
    return _VARIABLE.sub(lambda m: env.get(m.group(1) or m.group(2), ""), text)


def env_pairs(arguments: str, env: dict[str, str]) -> dict[str, str]:
    """``ENV A=1 B="two words"``; every value is expanded with the variables from before."""
    words = shlex.split(arguments, posix=True)
    if words and "=" not in words[0]:  # the old form: ENV NAME value with spaces
        return {words[0]: expand(" ".join(words[1:]), env)}
    pairs: dict[str, str] = {}
    for word in words:
        name, _, value = word.partition("=")
        pairs[name] = expand(value, env)
    return pairs


# ---------------------------------------------------------------------- the build context


def ignore_patterns() -> list[tuple[bool, re.Pattern[str]]]:
    """``.dockerignore`` as (is an exception "!", regex) pairs, in order."""
    rules = []
    for raw in (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = os.path.normpath(line.removeprefix("!").strip()).lstrip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex, i = regex + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                regex, i = regex + ".*", i + 2
            elif pattern[i] == "*":
                regex, i = regex + "[^/]*", i + 1
            elif pattern[i] == "?":
                regex, i = regex + "[^/]", i + 1
            else:
                regex, i = regex + re.escape(pattern[i]), i + 1
        rules.append((negate, re.compile(regex + r"\Z")))
    return rules


def ignored(relative: str, rules: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Docker's rule: a pattern that matches a file or any of its parent directories
    applies to it; the last pattern that applies wins."""
    parts = relative.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    result = False
    for negate, regex in rules:
        if any(regex.match(candidate) for candidate in candidates):
            result = not negate
    return result


def build_context(target: Path) -> Path:
    rules = ignore_patterns()
    for path in sorted(REPO_ROOT.rglob("*")):
        relative = path.relative_to(REPO_ROOT).as_posix()
        if path.is_file() and not ignored(relative, rules):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
    return target


# ---------------------------------------------------------------------- the emulation


class Sandbox:
    """Carries out a Dockerfile's stages with container paths mapped under ``root``."""

    def __init__(self, tmp: Path, context: Path) -> None:
        self.root = tmp / "root"
        self.context = context
        tools = tmp / "base-image-bin"  # what python:3.11-slim has on its PATH
        tools.mkdir()
        (tools / "python").symlink_to(sys._base_executable)
        (tools / "python3").symlink_to(sys._base_executable)
        self.base_path = os.pathsep.join([str(tools), "/usr/local/bin", "/usr/bin", "/bin"])
        self.env: dict[str, str] = {"PATH": self.base_path}
        self.workdir = "/"

    def host(self, container_path: str) -> Path:
        return self.root / container_path.lstrip("/")

    def rebase(self, value: str) -> str:
        """Container paths in ``value`` (``/opt/venv/bin:/usr/bin``) as paths under the root."""
        return _CONTAINER_PATH.sub(lambda m: m.group(1) + str(self.host(m.group(2))), value)

    def host_env(self, **extra: str) -> dict[str, str]:
        """The environment a command in the image sees, plus what pip needs from this
        machine (its configuration, cache and certificates)."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k.startswith(("PIP_", "SSL_", "REQUESTS_CA", "LC_", "LANG"))
        }
        env["HOME"] = os.environ.get("HOME", "/root")
        env.update({name: self.rebase(value) for name, value in self.env.items()})
        env.update(extra)
        return env

    def resolve(self, path: str) -> str:
        return path if path.startswith("/") else os.path.normpath(f"{self.workdir}/{path}")

    def start(self) -> None:
        """A new stage starts from the base image's environment (the rootfs is shared:
        ``COPY --from`` a path to the same path is then a no-op, as the venv needs)."""
        self.env = {"PATH": self.base_path}
        self.workdir = "/"

    def apply(self, instruction: Instruction, *, run: bool) -> None:
        keyword, arguments = instruction.keyword, instruction.arguments
        if keyword == "ENV":
            self.env.update(env_pairs(arguments, self.env))
        elif keyword == "WORKDIR":
            self.workdir = self.resolve(expand(arguments, self.env))
            self.host(self.workdir).mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            self.copy(expand(arguments, self.env).split())
        elif keyword == "VOLUME":
            for path in json.loads(arguments) if arguments.startswith("[") else arguments.split():
                self.host(path).mkdir(parents=True, exist_ok=True)
        elif keyword == "RUN" and run:
            self.run(instruction)

    def copy(self, words: list[str]) -> None:
        source_stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
        words = [w for w in words if not w.startswith("--")]
        *sources, destination = words
        target = self.host(self.resolve(destination))
        for source in sources:
            origin = self.host(source) if source_stage else self.context / source
            assert origin.exists(), f"COPY {source}: not in the build context (.dockerignore?)"
            if origin.is_dir():
                if origin.resolve() != target.resolve():
                    shutil.copytree(origin, target, dirs_exist_ok=True, symlinks=True)
            else:
                into_dir = destination.endswith("/") or len(sources) > 1
                final = target / origin.name if into_dir else target
                final.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, final)

    def run(self, instruction: Instruction) -> None:
        command = instruction.exec_form() or ["/bin/sh", "-c", instruction.arguments]
        assert not _CONTAINER_PATH.search(instruction.arguments), (
            "a RUN step names a container path literally; use the ENV variable, so this test can map it"
        )
        result = subprocess.run(
            command,
            cwd=self.host(self.workdir),
            env=self.host_env(),
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        output = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        assert result.returncode == 0, f"RUN {instruction.arguments}\nexit {result.returncode}\n{output}"


@dataclass
class Image:
    """The result of the emulated build: what ``docker run`` would start."""

    sandbox: Sandbox
    final: Stage
    env: dict[str, str]
    workdir: Path
    cmd: list[str]
    healthcheck: list[str]
    user: str

    def python(self) -> str:
        """The ``python`` the CMD names, found on the image's PATH."""
        found = shutil.which(self.cmd[0], path=self.sandbox.rebase(self.env["PATH"]))
        assert found is not None
        return found

    def bot(self, fake: FakeTelegram, tmp: Path, **env: str | None) -> BotProcess:
        """``docker run`` of the CMD with a new, empty volume (a directory in ``tmp``)."""
        [volume] = self.volumes()
        database = Path(self.env["DATABASE_PATH"])
        assert database.is_relative_to(volume), "the database is on the volume"
        image_env: dict[str, str | None] = {k: self.sandbox.rebase(v) for k, v in self.env.items()}
        image_env.pop("DATABASE_PATH")  # BotProcess sets it, from database_path below
        image_env["PYTHONPATH"] = None  # as in the image: nothing but the venv is importable
        return BotProcess(
            fake,
            tmp,
            database_path=tmp / "volume" / database.relative_to(volume),
            env={**image_env, **env},
            python=self.python(),
            args=self.cmd[1:],
            cwd=self.workdir,
        )

    def volumes(self) -> list[Path]:
        [volume] = self.final.find("VOLUME")
        paths = json.loads(volume.arguments) if volume.arguments.startswith("[") else volume.arguments.split()
        return [Path(path) for path in paths]

    def health(self, bot: BotProcess) -> subprocess.CompletedProcess[str]:
        """The HEALTHCHECK command, run as Docker would: inside the running container."""
        return subprocess.run(
            [self.python(), *self.healthcheck[1:]],
            cwd=self.workdir,
            env=bot.build_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Image:
    tmp = tmp_path_factory.mktemp("docker")
    stages = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
    sandbox = Sandbox(tmp, build_context(tmp / "context"))
    *builders, final = stages
    for stage in builders:
        sandbox.start()
        for instruction in stage.instructions:
            sandbox.apply(instruction, run=True)
    sandbox.start()
    for instruction in final.instructions:
        sandbox.apply(instruction, run=False)  # useradd/chown: for a container, not this machine
    [cmd] = final.find("CMD")
    [healthcheck] = final.find("HEALTHCHECK")
    [user] = final.find("USER")
    health_cmd = Instruction("CMD", healthcheck.arguments.split(" CMD ", 1)[1]).exec_form()
    assert cmd.exec_form() is not None, "CMD in exec form, so SIGTERM reaches python, not a shell"
    assert health_cmd is not None
    return Image(
        sandbox,
        final,
        dict(sandbox.env),
        sandbox.host(sandbox.workdir),
        cmd.exec_form() or [],
        health_cmd,
        user.arguments,
    )


# ---------------------------------------------------------------------- the tests


def test_the_recipe_is_what_the_issue_asks(image: Image) -> None:
    stages = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
    assert len(stages) >= 2, "multi-stage"
    assert all(stage.base == "python:3.11-slim" for stage in stages)
    assert image.user not in ("", "root", "0"), "a non-root user"
    assert all("--from=" in copy.arguments for copy in image.final.find("COPY")), (
        "the final stage copies only from the builder: no sources, no build tools"
    )
    assert Path(image.env["DATABASE_PATH"]).parent in image.volumes(), "the database is on the volume"
    assert image.cmd == ["python", "-m", "bot"]
    assert image.healthcheck == ["python", "-m", "bot.runtime.healthcheck"]
    runs = [run.arguments for stage in stages[:-1] for run in stage.find("RUN")]
    assert any("--require-hashes" in run and "requirements/base.lock" in run for run in runs), (
        "the dependencies come from the lock, hashes checked"
    )


def test_the_image_has_exactly_the_locked_dependencies(image: Image) -> None:
    """Every package in the image's environment is the version base.lock pins, and nothing
    else is there but the project and the venv's own pip/setuptools."""
    probe = subprocess.run(
        [
            image.python(),
            "-c",
            "import importlib.metadata as m\nfor d in m.distributions(): print(d.name, d.version)",
        ],
        cwd=image.workdir,
        env=image.sandbox.host_env(PYTHONPATH=""),
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = (line.split() for line in probe.stdout.splitlines())
    installed = {canonicalize_name(name): version for name, version in pairs}
    assert installed.pop("gosrating-bot") == "0.1.0"
    for seed in ("pip", "setuptools", "wheel"):
        installed.pop(seed, None)
    assert installed == locked(BASE_LOCK)


def test_the_installed_package_is_complete(image: Image) -> None:
    python = image.python()
    venv = image.sandbox.host(image.env["VIRTUAL_ENV"])
    assert Path(python).is_relative_to(venv)
    probe = subprocess.run(
        [
            python,
            "-c",
            "import bot, handlers, bot.domain.bodies as a, bot.runtime.i18n as i; print(bot.__file__); "
            "print(a.DATA_DIR); print(i.LOCALES_DIR)",
        ],
        cwd=image.workdir,
        env=image.sandbox.host_env(PYTHONPATH=""),
        capture_output=True,
        text=True,
        check=True,
    )
    module, data, locales = (Path(line) for line in probe.stdout.split())
    assert module.is_relative_to(venv), "the installed copy runs, not a source tree"
    assert (data / "agencies.csv").is_file()
    assert (data / "releases.csv").is_file()
    for language in ("ru", "kk", "en"):
        assert (locales / language / "LC_MESSAGES" / "messages.mo").is_file(), "compiled in the build"
    assert not list(locales.rglob("*.po")), "no sources to recompile at run time"


async def test_cmd_runs_long_polling_on_an_empty_volume(image: Image, tmp_path: Path) -> None:
    async with FakeTelegram() as fake:
        bot = image.bot(fake, tmp_path)
        assert not bot.database_path.exists()
        try:
            await bot.start(timeout=90)  # the first start loads the bundled data
            reply = await UserChat(bot, 7001).send("/rank")
            assert "Страница 1 из 4" in plain(reply), "Russian: the compiled catalogs are found"
            health = image.health(bot)
            assert health.returncode == 0, health.stderr
        finally:
            assert await bot.stop() == 0, bot.log()
    assert bot.database_path.exists()
    assert "Traceback" not in bot.log()


async def test_cmd_runs_webhook_mode_with_its_healthcheck(image: Image, tmp_path: Path) -> None:
    port = free_port()
    async with FakeTelegram() as fake:
        bot = image.bot(
            fake,
            tmp_path,
            WEBHOOK_URL=f"http://127.0.0.1:{port}/webhook",
            WEBHOOK_HOST="127.0.0.1",
            WEBHOOK_PORT=str(port),
        )
        try:
            await bot.start(wait_for_polling=False)
            await bot.wait_until_called("setWebhook", timeout=90)
            reply = await UserChat(bot, 7002).send("/rank")
            assert "Страница 1 из 4" in plain(reply)
            health = image.health(bot)
            assert health.returncode == 0, health.stderr
            assert json.loads(health.stdout) == {"ok": True, "database": "ok", "last_release_year": 2025}
        finally:
            assert await bot.stop() == 0, bot.log()
        down = image.health(bot)
        assert down.returncode == 1, "with the server gone the container is unhealthy"


def test_compose_profiles_give_valid_settings(image: Image, tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = compose["services"]
    assert {name: service["profiles"] for name, service in services.items()} == {
        "polling": ["polling"],
        "webhook": ["webhook"],
    }
    data_dir = str(Path(image.env["DATABASE_PATH"]).parent)
    for service in services.values():
        assert any(volume.endswith(f":{data_dir}") for volume in service["volumes"])

    token = "1000:AAFakeTokenForTests_0123456789abcde"
    database = str(tmp_path / "rating.db")
    polling = settings_from(
        tmp_path, services["polling"]["environment"], BOT_TOKEN=token, DATABASE_PATH=database
    )
    assert polling.returncode == 0, polling.stderr
    assert json.loads(polling.stdout)["webhook_url"] is None

    webhook = settings_from(
        tmp_path,
        services["webhook"]["environment"],
        BOT_TOKEN=token,
        DATABASE_PATH=database,
        WEBHOOK_URL="https://bot.example.org",
    )
    assert webhook.returncode == 0, webhook.stderr
    assert json.loads(webhook.stdout)["webhook_url"] == "https://bot.example.org"

    unset = settings_from(
        tmp_path, services["webhook"]["environment"], BOT_TOKEN=token, DATABASE_PATH=database
    )
    assert unset.returncode != 0
    assert "WEBHOOK_URL" in unset.stderr, "webhook profile without WEBHOOK_URL: one line, not polling"


# ---------------------------------------------------------------------- helpers


def locked(lock: Path) -> dict[str, str]:
    """A lock file's pins for this Python and platform (markers evaluated): name -> version."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith(("#", "--")):
            continue  # comments, "# via" notes and the --hash lines under each pin
        requirement = Requirement(line.rstrip(" \\"))
        if requirement.marker is None or requirement.marker.evaluate():
            [pin] = requirement.specifier
            assert pin.operator == "==", line
            pins[canonicalize_name(requirement.name)] = pin.version
    return pins


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}`` and ``${VAR:?error}``."""

    def one(match: re.Match[str]) -> str:
        name, operator, word = match.group(1), match.group(2), match.group(3) or ""
        current = env.get(name, "")
        if operator == ":?" and not current:
            raise AssertionError(f"compose would refuse: {name}: {word}")
        return current or (word if operator == ":-" else "")

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}", one, value)


def settings_from(cwd: Path, environment: dict[str, str], **given: str) -> subprocess.CompletedProcess[str]:
    """Load the bot's settings in a child process from a compose service's environment."""
    env = clean_env("BOT_", "WEBHOOK_", "DATABASE_")
    env.update({name: interpolate(str(value), given) for name, value in environment.items()})
    env["PYTHONPATH"] = str(REPO_ROOT)
    script = "from bot.config import load_settings; print(load_settings().model_dump_json())"
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
