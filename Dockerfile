# The atlas as one app process: `docker build -t kuril-atlas .` then
# `docker run -p 8501:8501 kuril-atlas`. compose.yaml runs two of these behind nginx
# (see deploy/README.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # A deployed server never reloads its own source: no file watcher thread.
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Only what the app needs; the data/ GeoJSON is committed, so no GSHHG rebuild happens here.
COPY .streamlit/ .streamlit/
COPY app.py ./
COPY pages/ pages/
COPY geo/ geo/
COPY ui/ ui/
COPY data/ data/

# The app publishes Leaflet, the geometry and the replay table into static/ when it starts, and
# keeps teachers' lessons in var/lessons.sqlite3 (a volume: see compose.yaml); it runs as an
# unprivileged user that owns only those two folders.
RUN useradd --system --uid 10001 --home-dir /app atlas \
    && mkdir -p static var \
    && chown atlas static var
VOLUME /app/var
USER atlas

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2)"
# ui.serve serves app.py as Streamlit's own ASGI app with its front end gzipped, and three fixes to
# Streamlit's server (ui/serve.py lists them).
CMD ["python", "-m", "ui.serve", "--server.port=8501", "--server.address=0.0.0.0"]
