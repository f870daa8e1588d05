# K-LEAN application image: web (gunicorn), worker and beat (celery) run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango and fonts (the reports are set in Noto Sans); gettext
# compiles the translations; poppler-utils reads a report back (pdftotext, pdfinfo).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi8 \
        fonts-dejavu-core fonts-liberation2 fonts-noto-core poppler-utils gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
RUN python manage.py compilemessages --ignore=.venv \
    && DEBUG=false python manage.py collectstatic --no-input \
    && useradd --system --home /app --uid 1000 klean \
    && mkdir -p /app/media /app/private && chown -R klean /app/media /app/private

USER klean
EXPOSE 8000
CMD ["gunicorn", "klean.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
