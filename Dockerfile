# syntax=docker/dockerfile:1
# The GosRating bot. Two stages: the builder installs the project and its locked
# dependencies (requirements/base.lock) into a virtual environment and compiles the
# translation catalogs; the image gets that environment alone (no pip cache, no sources,
# no build tools), runs as an unprivileged user, and keeps the SQLite database on the
# /data volume.
#
#   docker build -t gosrating-bot .
#   docker run -d -e BOT_TOKEN=... -v gosrating-data:/data gosrating-bot     # long polling
#   docker compose --profile webhook up -d                                   # see docker-compose.yml
#
# tests/integration/test_docker_commands.py runs the builder's steps and the image's CMD
# and HEALTHCHECK without Docker: keep container paths in ENV variables, as below.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder
ENV VIRTUAL_ENV=/opt/venv \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore
WORKDIR /src
RUN python -m venv "$VIRTUAL_ENV"
# The dependencies first, exactly as locked (versions and sha256 hashes: `make lock` writes
# the file), in a layer of their own that a change to the code does not rebuild. They
# include the importer's pandas and openpyxl: the bot runs the importer to load the
# bundled data on first start.
COPY requirements/base.lock ./requirements/
RUN "$VIRTUAL_ENV/bin/pip" install --require-hashes --no-deps -r requirements/base.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY data ./data
COPY locales ./locales
# Then a regular (not editable) install that adds nothing to the locked set (`pip check`
# stops the build if pyproject.toml asks for what the lock lacks). data/ and locales/ are
# installed beside bot/ and handlers/, where the code finds them, so the installed package
# is complete from any working directory. Only compiled catalogs are shipped: with no .po
# beside them, nothing tries to recompile them at run time (where the user may not write).
RUN "$VIRTUAL_ENV/bin/pybabel" compile --domain=messages --directory=locales --statistics \
 && find locales -name '*.po' -delete \
 && find locales -name '*.pot' -delete \
 && "$VIRTUAL_ENV/bin/pip" install --no-deps . \
 && "$VIRTUAL_ENV/bin/pip" check \
 && SITE_PACKAGES="$("$VIRTUAL_ENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
 && test -f "$SITE_PACKAGES/data/agencies.csv" \
 && test -n "$(find "$SITE_PACKAGES/locales" -name messages.mo)"


FROM ${PYTHON_IMAGE}
ENV VIRTUAL_ENV=/opt/venv
ENV PATH="$VIRTUAL_ENV/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_PATH=/data/rating.db \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8080
# A system user without a home or a shell; it owns /data and nothing else.
RUN useradd --system --user-group --uid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin bot \
 && mkdir /data \
 && chown bot:bot /data
COPY --from=builder ${VIRTUAL_ENV} ${VIRTUAL_ENV}
# An empty working directory: no source tree shadows the installed package, and a .env
# is read from here only if one is mounted on purpose.
WORKDIR /app
USER bot
# A named volume starts out owned by "bot"; a bind-mounted directory must be writable by
# uid 10001, or the bot stops at once with one line naming DATABASE_PATH.
VOLUME ["/data"]
EXPOSE 8080
# Webhook mode: the running bot's /healthz (database included). Long polling: the database opens.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.runtime.healthcheck"]
# Long polling unless WEBHOOK_URL is set. SIGTERM (docker stop) finishes the update in hand.
CMD ["python", "-m", "bot"]
