# Coordo's image: `docker build -t coordo .`; compose.yaml runs it (docs/production.md).
# Stage 1 installs the locked dependencies with uv and collects the static files; the
# final stage copies the result onto a clean Python, without uv or any compiler.

FROM python:3.12-slim-bookworm AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/coordo/.venv PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir uv==0.13.8
WORKDIR /opt/coordo
# Dependencies first: this layer is rebuilt only when the lock changes.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev \
 && COORDO_ENV=production COORDO_SECRET_KEY=build-only-not-used COORDO_VAR_DIR=/tmp/var \
    COORDO_STATIC_ROOT=/opt/coordo/static .venv/bin/python manage.py collectstatic --noinput -v0

FROM python:3.12-slim-bookworm
# pg_dump and pg_restore for `coordo backup` (PostgreSQL 15, the compose file's server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/coordo --shell /usr/sbin/nologin coordo \
 && install -d -o coordo -g coordo -m 0700 /var/lib/coordo /var/backups/coordo
# The code belongs to root: the service can read it, not change it.
COPY --from=build /opt/coordo /opt/coordo
WORKDIR /opt/coordo
ENV PATH=/opt/coordo/.venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    COORDO_ENV=production COORDO_VAR_DIR=/var/lib/coordo COORDO_STATIC_ROOT=/opt/coordo/static \
    COORDO_BIND=0.0.0.0:8000 COORDO_BACKUP_DIR=/var/backups/coordo
USER coordo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["coordo", "health", "--url", "http://127.0.0.1:8000/health/"]
CMD ["gunicorn", "--config", "config/gunicorn.py"]
