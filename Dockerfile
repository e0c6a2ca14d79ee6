# Production image: gunicorn (web), Celery worker and beat share it.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango. The fonts of the printed layouts are bundled (static/pdf/fonts/); the
# system's DejaVu and Noto CJK are the fallback for characters outside them (rare hanzi).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core fonts-noto-cjk postgresql-client gettext \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install .
COPY . .
RUN DEBUG=true python manage.py compilemessages --ignore=.venv \
 && DEBUG=true python manage.py collectstatic --noinput \
 && useradd --system --home /app ccm && mkdir -p /app/var && chown -R ccm /app/var
USER ccm

EXPOSE 8000
CMD ["gunicorn", "ccm_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"]
