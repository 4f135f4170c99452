FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .
RUN python scripts/compilemessages.py \
    && DJANGO_SETTINGS_MODULE=portal.settings.production \
       SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
       DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
       python manage.py collectstatic --noinput
# Migrations run before the web process starts; seed_demo is idempotent.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed_demo && gunicorn portal.wsgi:application --bind 0.0.0.0:8000"]
